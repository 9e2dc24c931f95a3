//! Compiles `data/public_suffix_list.dat` into `$OUT_DIR/psl.bin`, the blob `src/psl.rs` embeds.
//!
//! The blob is a label trie (rightmost label at the top) laid out so that gzip, which is how the
//! wasm package travels, does well on it:
//!
//! ```text
//! blob   = text_len:u32le text counts
//! text   = node*        every node but the root, breadth-first; siblings sorted by label bytes
//! node   = head label   head = 0x80 | kind << 4 | shared; label = the label's bytes from
//!                       `shared` on (all < 0x80, so the next head ends it)
//! shared = how many leading bytes the label shares with the previous node's label (at most 15)
//! kind   = RULE 1 (the node is a rule) | WILDCARD 2 ("*." + node is a rule)
//!          | PARENT 4 (the node has children); kind 0 means EXCEPTION ("!" + node is a rule)
//! counts = LEB128*      the child count of the root, then of each PARENT node in text order
//! ```
//!
//! The root is not written; the decoder gives it the list's implicit `*` rule.
//!
//! Why this shape (`gzip -9` of the 10,397-rule list of 2026-11-27): plain rule text gzips to
//! about 44 KB, a nested text trie `com{example,...}` to 34-35 KB, this format to 31.0 KB
//! (65.5 KB raw). Breadth-first order puts each node's children together, so the decoder can
//! give them index ranges with a running sum and no pointers; sorted siblings share prefixes,
//! and coding those as a count ("front coding") saves 3 KB that gzip's three-byte minimum match
//! leaves; the flags ride in the head byte so gzip's matches still span whole sibling lists.
//! Sharing identical subtrees and a global label dictionary were tried and did no better (gzip
//! already finds the repeats); `xz -9e` of this blob is 28.5 KB, so little is left to gain.
//!
//! Labels are stored as A-labels: the list is written in Unicode (U-labels) but the crate looks
//! up canonical hosts, which are ASCII, so non-ASCII labels are punycoded here (RFC 3492).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::{env, fs};

const LIST: &str = "data/public_suffix_list.dat";

const RULE: u8 = 1;
const WILDCARD: u8 = 2;
const PARENT: u8 = 4;
/// Longest shared prefix a head can express (its low four bits).
const MAX_SHARED: usize = 15;

// RFC 3492 5, punycode's parameters.
const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 0x80;

fn main() -> Result<(), String> {
    println!("cargo:rerun-if-changed={LIST}");
    println!("cargo:rerun-if-changed=build.rs");

    let manifest_dir = env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?;
    let out_dir = env::var("OUT_DIR").map_err(|e| e.to_string())?;
    let list =
        fs::read_to_string(PathBuf::from(manifest_dir).join(LIST)).map_err(|e| format!("{LIST}: {e}"))?;

    let mut root = Node::default();
    for (number, line) in list.lines().enumerate() {
        // The list's format: a line is read up to its first whitespace, and `//` starts a
        // comment line (https://github.com/publicsuffix/list/wiki/Format#format).
        let Some(rule) = line.split_whitespace().next() else {
            continue;
        };
        if rule.starts_with("//") {
            continue;
        }
        root.add_rule(rule).map_err(|e| format!("{LIST}:{}: {rule}: {e}", number + 1))?;
    }

    let blob = encode(&root)?;
    fs::write(PathBuf::from(out_dir).join("psl.bin"), blob).map_err(|e| e.to_string())
}

#[derive(Default)]
struct Node {
    children: BTreeMap<Vec<u8>, Node>,
    rule: bool,
    exception: bool,
    wildcard: bool,
}

impl Node {
    /// Adds one rule: `a.b`, `*.a.b` (a wildcard only as the leftmost label) or `!a.b`.
    fn add_rule(&mut self, rule: &str) -> Result<(), String> {
        let (exception, name) = match rule.strip_prefix('!') {
            Some(name) => (true, name),
            None => (false, rule),
        };
        let (wildcard, name) = match name.strip_prefix("*.") {
            Some(name) => (true, name),
            None => (false, name),
        };
        if exception && wildcard {
            return Err("an exception cannot be a wildcard".into());
        }
        let mut node = self;
        for label in name.rsplit('.') {
            node = node.children.entry(a_label(label)?).or_default();
        }
        let flag = match (exception, wildcard) {
            (true, _) => &mut node.exception,
            (_, true) => &mut node.wildcard,
            _ => &mut node.rule,
        };
        if *flag {
            return Err("duplicate rule".into());
        }
        *flag = true;
        Ok(())
    }

    /// The node's kind bits in the blob. An exception is kind 0, so it can carry no other bit:
    /// the list never needs that, and a rule under an exception would be meaningless anyway.
    fn kind(&self) -> Result<u8, String> {
        let parent = !self.children.is_empty();
        if self.exception {
            if self.rule || self.wildcard || parent {
                return Err("an exception's name is also a rule or has rules under it".into());
            }
            return Ok(0);
        }
        let mut kind = 0;
        for (set, bit) in [(self.rule, RULE), (self.wildcard, WILDCARD), (parent, PARENT)] {
            if set {
                kind |= bit;
            }
        }
        Ok(kind)
    }
}

/// Writes the trie in the format described at the top of this file.
fn encode(root: &Node) -> Result<Vec<u8>, String> {
    let mut text = Vec::new();
    let mut counts = Vec::new();
    push_leb128(&mut counts, root.children.len());
    let mut previous: &[u8] = &[];
    let mut level = vec![root];
    while !level.is_empty() {
        let mut next = Vec::new();
        for parent in level {
            for (label, node) in &parent.children {
                let shared = common_prefix(previous, label).min(MAX_SHARED);
                text.push(0x80 | node.kind()? << 4 | shared as u8);
                // `shared` is at most the label's length (a common prefix).
                text.extend_from_slice(label.get(shared..).unwrap_or_default());
                previous = label;
                if !node.children.is_empty() {
                    push_leb128(&mut counts, node.children.len());
                    next.push(node);
                }
            }
        }
        level = next;
    }
    let text_len = u32::try_from(text.len()).map_err(|_| "list too large")?;
    let mut blob = text_len.to_le_bytes().to_vec();
    blob.append(&mut text);
    blob.append(&mut counts);
    Ok(blob)
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

fn push_leb128(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A label as the crate will see it in a canonical host: lowercase ASCII, non-ASCII labels
/// punycoded with the `xn--` prefix. The list's U-labels are already NFC and lowercase (its
/// own rules), so lowercasing stands in for the full IDNA mapping.
fn a_label(label: &str) -> Result<Vec<u8>, String> {
    let label = label.to_lowercase();
    let label = if label.is_ascii() { label } else { format!("xn--{}", punycode(&label)?) };
    // Only bytes below 0x80 can sit between heads; the rest is what hosts are made of.
    let valid = |b: u8| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_');
    if label.is_empty() || label.len() > 63 || !label.bytes().all(valid) {
        return Err(format!("bad label {label:?}"));
    }
    Ok(label.into_bytes())
}

/// RFC 3492 6.3, the punycode encoder (without the `xn--` prefix).
fn punycode(input: &str) -> Result<String, String> {
    let overflow = || format!("punycode overflow in {input:?}");
    let code_points: Vec<u32> = input.chars().map(u32::from).collect();
    let mut output: String = input.chars().filter(char::is_ascii).collect();
    let basic = output.len();
    if basic > 0 {
        output.push('-');
    }
    let (mut n, mut delta, mut bias, mut handled) = (INITIAL_N, 0u32, INITIAL_BIAS, basic);
    while handled < code_points.len() {
        let m = code_points.iter().copied().filter(|&c| c >= n).min().ok_or_else(overflow)?;
        let steps = (m - n).checked_mul(handled as u32 + 1).ok_or_else(overflow)?;
        delta = delta.checked_add(steps).ok_or_else(overflow)?;
        n = m;
        for &c in &code_points {
            if c < n {
                delta = delta.checked_add(1).ok_or_else(overflow)?;
            }
            if c == n {
                // Write delta as a generalized variable-length integer.
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = k.saturating_sub(bias).clamp(T_MIN, T_MAX);
                    if q < t {
                        break;
                    }
                    output.push(punycode_digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                output.push(punycode_digit(q));
                bias = punycode_adapt(delta, handled as u32 + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1).ok_or_else(overflow)?;
        n += 1;
    }
    Ok(output)
}

/// RFC 3492 6.1, bias adaptation.
fn punycode_adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > (BASE - T_MIN) * T_MAX / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

/// RFC 3492 5: digits 0..25 are `a`..`z`, 26..35 are `0`..`9`.
fn punycode_digit(d: u32) -> char {
    let d = d as u8;
    char::from(if d < 26 { b'a' + d } else { b'0' + d - 26 })
}
