//! The Public Suffix List (<https://publicsuffix.org/>), which gives 6265bis 2.3 its "public
//! suffix" and "registrable domain" (the public suffix plus the label to its left): 5.7 step 9
//! refuses a Domain attribute that is a public suffix, and a host's site is its registrable
//! domain.
//!
//! `build.rs` compiles `data/public_suffix_list.dat` (refreshed by `scripts/update-psl.sh`) into
//! a blob whose format it describes. The first lookup decodes the blob into a flat trie, once;
//! after that a lookup is one hash-table probe or two per label and allocates nothing.
//!
//! Hosts come in canonical (6265bis 5.1.2, lowercased): ASCII, A-labels. A label that is not
//! (uppercase, non-ASCII) matches no explicit rule, only wildcards and the implicit `*` rule;
//! nothing here panics on any input. IP addresses are the caller's business.

use std::sync::OnceLock;

use crate::bytes::same_bytes;

/// The compiled list (format: see build.rs).
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/psl.bin"));

// A node's kind: the blob's bits (see build.rs), with the blob's kind 0 renamed EXCEPTION.
/// The node's name is a rule.
const RULE: u8 = 1;
/// `*.` + the node's name is a rule.
const WILDCARD: u8 = 2;
/// The node has children.
const PARENT: u8 = 4;
/// `!` + the node's name is a rule.
const EXCEPTION: u8 = 8;

/// The root's index in `Trie::nodes`. Index 0 is a sentinel that only ends the run of children
/// before the root's (see `Trie::child`).
const ROOT: usize = 1;
/// Where the root's children start.
const FIRST_CHILD: u32 = ROOT as u32 + 1;

/// A node of the trie. Its label is `Trie::labels[label_start..][..label_len]`; its children are
/// `Trie::nodes[previous.child_end..self.child_end]` for the node stored just before it, since
/// the nodes are stored breadth-first (as in the blob).
struct Node {
    label_start: u32,
    child_end: u32,
    label_len: u8,
    kind: u8,
}

/// The decoded list. For the 2026 list: 10,851 nodes (12 bytes each), 73 KB of labels and a
/// 128 KB child table, 340 KB of heap in all.
struct Trie {
    labels: Vec<u8>,
    nodes: Vec<Node>,
    /// Every node but the root, by a hash of its parent and label (open addressing, linear
    /// probing, at most half full): slot = node index, 0 = empty. Speed: one probe or two find
    /// a child, where a binary search among the ~1,500 TLDs or the ~450 children of `com` took
    /// ten (a lookup went from 66 to 27 ns natively).
    children: Vec<u32>,
}

impl Trie {
    /// The list, decoded on first use (0.5 ms natively; 0.3-1.6 ms as wasm in Node, warm or
    /// cold). A blob that fails to decode leaves only the implicit `*` rule; that cannot happen
    /// with the blob build.rs writes, as the tests check.
    fn get() -> &'static Trie {
        static TRIE: OnceLock<Trie> = OnceLock::new();
        TRIE.get_or_init(|| Trie::decode(BLOB).unwrap_or_else(|| Trie::with_root(FIRST_CHILD)))
    }

    /// A trie with only the root (and the sentinel before it), whose children end at
    /// `child_end`. The implicit `*` rule of the PSL algorithm is a wildcard on the root.
    fn with_root(child_end: u32) -> Trie {
        let node = |child_end, kind| Node { label_start: 0, child_end, label_len: 0, kind };
        let nodes = vec![node(FIRST_CHILD, 0), node(child_end, WILDCARD | PARENT)];
        Trie { labels: Vec::new(), nodes, children: vec![0; 2] }
    }

    /// Decodes the blob written by build.rs, or None if it is malformed.
    fn decode(blob: &[u8]) -> Option<Trie> {
        let (text_len, rest) = blob.split_first_chunk::<4>()?;
        let (mut text, mut counts) = rest.split_at_checked(u32::from_le_bytes(*text_len) as usize)?;
        let mut child_end = FIRST_CHILD.checked_add(read_leb128(&mut counts)?)?;
        let mut trie = Trie::with_root(child_end);
        trie.nodes.reserve_exact(text.iter().filter(|&&b| b >= 0x80).count());
        let mut previous = 0..0;
        while let Some((&head, rest)) = text.split_first() {
            // The label's unshared part runs up to the next head, the next byte >= 0x80.
            let (unshared, rest) = rest.split_at_checked(rest.iter().take_while(|&&b| b < 0x80).count())?;
            text = rest;
            // Front coding: the label starts with `head & 0x0f` bytes of the previous one.
            let start = trie.labels.len();
            for i in previous.take(usize::from(head & 0x0f)) {
                trie.labels.push(*trie.labels.get(i)?);
            }
            trie.labels.extend_from_slice(unshared);
            previous = start..trie.labels.len();
            let kind = match head >> 4 & 7 {
                0 => EXCEPTION,
                kind => kind,
            };
            if kind & PARENT != 0 {
                child_end = child_end.checked_add(read_leb128(&mut counts)?)?;
            }
            trie.nodes.push(Node {
                label_start: u32::try_from(start).ok()?,
                child_end,
                label_len: u8::try_from(previous.len()).ok()?,
                kind,
            });
        }
        trie.labels.shrink_to_fit();
        // Every child range must end inside the trie, and every count must have been used.
        let complete = trie.nodes.len() == child_end as usize && counts.is_empty();
        complete.then_some(())?;
        trie.index_children();
        Some(trie)
    }

    /// Fills `children`: each parent's children are the nodes after the previous node's
    /// `child_end` up to its own.
    fn index_children(&mut self) {
        let mut children = vec![0; (2 * self.nodes.len()).next_power_of_two()];
        let mask = children.len() - 1;
        for parent in ROOT..self.nodes.len() {
            let (Some(before), Some(node)) = (self.nodes.get(parent - 1), self.nodes.get(parent)) else {
                break;
            };
            for child in before.child_end..node.child_end {
                let Some(label) = self.nodes.get(child as usize).map(|n| self.label(n)) else { break };
                let mut slot = child_hash(parent, label) & mask;
                while let Some(entry) = children.get_mut(slot) {
                    if *entry == 0 {
                        *entry = child;
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
        }
        self.children = children;
    }

    fn label(&self, node: &Node) -> &[u8] {
        let start = node.label_start as usize;
        self.labels.get(start..start + usize::from(node.label_len)).unwrap_or_default()
    }

    fn has(&self, node: usize, kind: u8) -> bool {
        self.nodes.get(node).is_some_and(|n| n.kind & kind != 0)
    }

    /// The child of `node` with this label.
    fn child(&self, node: usize, label: &[u8]) -> Option<usize> {
        let start = self.nodes.get(node.checked_sub(1)?)?.child_end as usize;
        let end = self.nodes.get(node)?.child_end as usize;
        let mask = self.children.len() - 1;
        let mut slot = child_hash(node, label) & mask;
        loop {
            let child = *self.children.get(slot)? as usize;
            if child == 0 {
                return None;
            }
            if (start..end).contains(&child) && self.nodes.get(child).is_some_and(|n| self.label(n) == label)
            {
                return Some(child);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// FNV-1a of a node's parent and label: the key of `Trie::children`.
fn child_hash(parent: usize, label: &[u8]) -> usize {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ parent as u64;
    for &b in label {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (hash ^ hash >> 29) as usize
}

/// LEB128: seven bits a byte, low group first, high bit set on all bytes but the last.
fn read_leb128(bytes: &mut &[u8]) -> Option<u32> {
    let mut value = 0u32;
    for shift in (0..32).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
    }
    None
}

/// Where in `name` (a host without its root dot) its public suffix starts, per the PSL
/// algorithm (<https://github.com/publicsuffix/list/wiki/Format#algorithm>): walking the trie
/// from the rightmost label, the longest matching rule prevails, an exception rule wins
/// outright, and with no match the implicit `*` rule (the root's wildcard) gives one label.
///
/// Not in the spec: the PSL algorithm says nothing of empty labels; here one (`a..com`, `.com`)
/// matches no rule, not even a wildcard, so the public suffix is at most the labels to its right,
/// and it is empty (`name.len()`) when the rightmost label is empty.
fn suffix_start(trie: &Trie, name: &[u8]) -> usize {
    let mut node = ROOT;
    let mut suffix = name.len();
    // The start of the last label matched: where an exception's suffix starts.
    let mut previous_start = name.len();
    let mut label_end = name.len();
    for label in name.rsplit(|&b| b == b'.') {
        let start = label_end.saturating_sub(label.len());
        if label.is_empty() {
            break;
        }
        if trie.has(node, WILDCARD) {
            suffix = start;
        }
        let Some(child) = trie.child(node, label) else {
            break;
        };
        if trie.has(child, EXCEPTION) {
            // The prevailing rule is the exception, and its leftmost label is not public.
            return previous_start;
        }
        if trie.has(child, RULE) {
            suffix = start;
        }
        node = child;
        previous_start = start;
        label_end = start.saturating_sub(1);
    }
    suffix
}

/// The host's name for matching: one trailing dot (a fully qualified name) does not change
/// what a host is. The slices returned keep it, as they are slices of the host. Bytes, since
/// labels are compared as bytes and '.' is ASCII.
fn without_root_dot(host: &str) -> &[u8] {
    let host = host.as_bytes();
    host.strip_suffix(b".").unwrap_or(host)
}

/// The public suffix of `host` per the PSL algorithm
/// (<https://github.com/publicsuffix/list/wiki/Format#algorithm>): exception rules win, else the
/// longest matching rule, else the implicit `*` rule. A suffix slice of `host`, with its
/// trailing dot if it has one; empty labels are handled as `suffix_start` says.
// The jar asks only the other two questions; this one, the list's own answer, is what the list's
// test vectors check.
#[cfg(test)]
pub(crate) fn public_suffix(host: &str) -> &str {
    let start = suffix_start(Trie::get(), without_root_dot(host));
    host.get(start..).unwrap_or(host)
}

/// Whether `domain` is exactly its own public suffix (`com`, `co.uk`, `github.io`, any single
/// label, and the empty name).
pub(crate) fn is_public_suffix(domain: &str) -> bool {
    suffix_start(Trie::get(), without_root_dot(domain)) == 0
}

/// The registrable domain (eTLD+1) of `host`: its public suffix and the label before it, a
/// suffix slice of `host`. None when `host` is itself a public suffix.
///
/// Not in the spec: None as well when the host has an empty label anywhere (`a..com`,
/// `.example.com`, the empty host), which the PSL algorithm does not cover, as in the PSL's own
/// test vectors and Go's `publicsuffix.EffectiveTLDPlusOne`: such a host names no registrable
/// domain.
pub(crate) fn registrable_domain(host: &str) -> Option<&str> {
    let name = without_root_dot(host);
    if name.split(|&b| b == b'.').any(<[u8]>::is_empty) {
        return None;
    }
    let suffix = suffix_start(Trie::get(), name);
    let before = name.get(..suffix.checked_sub(1)?)?;
    let start = before.iter().rposition(|&b| b == b'.').map_or(0, |dot| dot + 1);
    host.get(start..)
}

/// Speed: the registrable domains a jar looked up last, by host. The lines of a response, and
/// consecutive responses, usually share their host and their Domain attribute, so most lookups
/// of a store are a byte comparison. Two entries, the least recently used replaced; keys are
/// hosts and Domain attributes, whose length the request URL and the 1024-byte attribute limit
/// bound.
#[derive(Debug, Default)]
pub(crate) struct RegistrableDomainMemo {
    recent: (String, Option<usize>),
    older: (String, Option<usize>),
}

impl RegistrableDomainMemo {
    /// `registrable_domain(host)`.
    pub(crate) fn registrable_domain<'a>(&mut self, host: &'a str) -> Option<&'a str> {
        if !same_bytes(self.recent.0.as_bytes(), host.as_bytes()) {
            if !same_bytes(self.older.0.as_bytes(), host.as_bytes()) {
                self.older.0.clear();
                self.older.0.push_str(host);
                self.older.1 = registrable_domain(host).map(|domain| host.len() - domain.len());
            }
            std::mem::swap(&mut self.recent, &mut self.older);
        }
        self.recent.1.and_then(|start| host.get(start..))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (host, public suffix, registrable domain); `is_public_suffix` holds when the public
    /// suffix is the whole host.
    #[rustfmt::skip]
    const CASES: &[(&str, &str, Option<&str>)] = &[
        // ICANN rules.
        ("com", "com", None),
        ("example.com", "com", Some("example.com")),
        ("www.example.com", "com", Some("example.com")),
        ("uk", "uk", None),
        ("co.uk", "co.uk", None),
        ("example.co.uk", "co.uk", Some("example.co.uk")),
        ("a.b.example.co.uk", "co.uk", Some("example.co.uk")),
        ("jp", "jp", None),
        ("ac.jp", "ac.jp", None),
        ("tokyo.jp", "tokyo.jp", None),
        ("kyoto.jp", "kyoto.jp", None),
        ("ide.kyoto.jp", "ide.kyoto.jp", None),
        ("b.ide.kyoto.jp", "ide.kyoto.jp", Some("b.ide.kyoto.jp")),
        // Private rules.
        ("github.io", "github.io", None),
        ("user.github.io", "github.io", Some("user.github.io")),
        ("www.user.github.io", "github.io", Some("user.github.io")),
        ("blogspot.com", "blogspot.com", None),
        ("foo.blogspot.com", "blogspot.com", Some("foo.blogspot.com")),
        // Wildcard `*.ck` with exception `!www.ck`; `ck` itself is only the implicit rule.
        ("ck", "ck", None),
        ("foo.ck", "foo.ck", None),
        ("bar.foo.ck", "foo.ck", Some("bar.foo.ck")),
        ("www.ck", "ck", Some("www.ck")),
        ("a.www.ck", "ck", Some("www.ck")),
        // Wildcard `*.kawasaki.jp` with exception `!city.kawasaki.jp`, under rule `jp`.
        ("kawasaki.jp", "jp", Some("kawasaki.jp")),
        ("x.kawasaki.jp", "x.kawasaki.jp", None),
        ("city.kawasaki.jp", "kawasaki.jp", Some("city.kawasaki.jp")),
        ("www.city.kawasaki.jp", "kawasaki.jp", Some("city.kawasaki.jp")),
        // A deeper wildcard, `*.compute.amazonaws.com`, with no rule above it but `com`.
        ("amazonaws.com", "com", Some("amazonaws.com")),
        ("compute.amazonaws.com", "com", Some("amazonaws.com")),
        ("y.compute.amazonaws.com", "y.compute.amazonaws.com", None),
        ("x.y.compute.amazonaws.com", "y.compute.amazonaws.com", Some("x.y.compute.amazonaws.com")),
        // Unknown TLD: the implicit `*` rule.
        ("foo", "foo", None),
        ("example.foo", "foo", Some("example.foo")),
        ("a.b.example.foo", "foo", Some("example.foo")),
        ("localhost", "localhost", None),
        ("my_host.example", "example", Some("my_host.example")),
        // IDN rules, in A-labels: 中国, 食狮.中国 (not a rule), 公司.cn.
        ("xn--fiqs8s", "xn--fiqs8s", None),
        ("xn--85x722f.xn--fiqs8s", "xn--fiqs8s", Some("xn--85x722f.xn--fiqs8s")),
        ("xn--55qx5d.cn", "xn--55qx5d.cn", None),
        ("xn--85x722f.xn--55qx5d.cn", "xn--55qx5d.cn", Some("xn--85x722f.xn--55qx5d.cn")),
        // A trailing dot is ignored for matching and kept in the answers.
        ("com.", "com.", None),
        ("www.example.com.", "com.", Some("example.com.")),
        ("foo.ck.", "foo.ck.", None),
        ("a.www.ck.", "ck.", Some("www.ck.")),
        ("foo.", "foo.", None),
        // Empty labels match no rule, and leave no registrable domain.
        ("", "", None),
        (".", ".", None),
        ("..", ".", None),
        ("example.com..", ".", None),
        (".com", "com", None),
        (".example.com", "com", None),
        ("a..com", "com", None),
        ("a..example.com", "com", None),
        (".ck", "ck", None),
        ("x..ck", "ck", None),
        // Not canonical: uppercase and non-ASCII labels match no explicit rule, only wildcards
        // and the implicit one; list syntax in a host is just bytes.
        ("EXAMPLE.COM", "COM", Some("EXAMPLE.COM")),
        ("www.Example.co.uk", "co.uk", Some("Example.co.uk")),
        ("食狮.中国", "中国", Some("食狮.中国")),
        ("*.ck", "*.ck", None),
        ("!www.ck", "!www.ck", None),
        ("a.!www.ck", "!www.ck", Some("a.!www.ck")),
    ];

    #[test]
    fn lookups() {
        for &(host, suffix, registrable) in CASES {
            assert_eq!(public_suffix(host), suffix, "public_suffix({host:?})");
            assert_eq!(is_public_suffix(host), suffix == host, "is_public_suffix({host:?})");
            assert_eq!(registrable_domain(host), registrable, "registrable_domain({host:?})");
        }
    }

    /// The memo answers as the lookup does, through hits, misses and alternating keys.
    #[test]
    fn memo_answers_as_the_lookup() {
        let mut memo = RegistrableDomainMemo::default();
        let hosts = CASES.iter().map(|case| case.0).chain(["", "a..com", "www.city.kawasaki.jp"]);
        for host in hosts {
            for repeat in [host, "example.com", host, host, "co.uk", "example.com", host] {
                assert_eq!(
                    memo.registrable_domain(repeat),
                    registrable_domain(repeat),
                    "{repeat:?} after {host:?}"
                );
            }
        }
    }

    /// `checkPublicSuffix(host, registrable domain)` from the list's `tests/test_psl.txt`, in
    /// A-labels. Overridden: the mixed-case cases (`COM`, `example.COM`, `WwW.example.COM`
    /// expect lowercased answers; our caller canonicalizes first, so they are listed in
    /// lowercase) and the U-label duplicates of the IDN cases (A-labels only, as above).
    #[rustfmt::skip]
    const CHECK_PUBLIC_SUFFIX: &[(&str, Option<&str>)] = &[
        ("com", None),
        ("example.com", Some("example.com")),
        ("www.example.com", Some("example.com")),
        // Leading dot.
        (".com", None),
        (".example", None),
        (".example.com", None),
        (".example.example", None),
        // Unlisted TLD.
        ("example", None),
        ("example.example", Some("example.example")),
        ("b.example.example", Some("example.example")),
        ("a.b.example.example", Some("example.example")),
        // TLD with only 1 rule.
        ("biz", None),
        ("domain.biz", Some("domain.biz")),
        ("b.domain.biz", Some("domain.biz")),
        ("a.b.domain.biz", Some("domain.biz")),
        // TLD with some 2-level rules.
        ("a.b.example.com", Some("example.com")),
        ("uk.com", None),
        ("example.uk.com", Some("example.uk.com")),
        ("b.example.uk.com", Some("example.uk.com")),
        ("a.b.example.uk.com", Some("example.uk.com")),
        ("test.ac", Some("test.ac")),
        // TLD with only 1 (wildcard) rule.
        ("mm", None),
        ("c.mm", None),
        ("b.c.mm", Some("b.c.mm")),
        ("a.b.c.mm", Some("b.c.mm")),
        // More complex TLD.
        ("jp", None),
        ("test.jp", Some("test.jp")),
        ("www.test.jp", Some("test.jp")),
        ("ac.jp", None),
        ("test.ac.jp", Some("test.ac.jp")),
        ("www.test.ac.jp", Some("test.ac.jp")),
        ("kyoto.jp", None),
        ("test.kyoto.jp", Some("test.kyoto.jp")),
        ("ide.kyoto.jp", None),
        ("b.ide.kyoto.jp", Some("b.ide.kyoto.jp")),
        ("a.b.ide.kyoto.jp", Some("b.ide.kyoto.jp")),
        ("c.kobe.jp", None),
        ("b.c.kobe.jp", Some("b.c.kobe.jp")),
        ("a.b.c.kobe.jp", Some("b.c.kobe.jp")),
        ("city.kobe.jp", Some("city.kobe.jp")),
        ("www.city.kobe.jp", Some("city.kobe.jp")),
        // TLD with a wildcard rule and exceptions.
        ("ck", None),
        ("test.ck", None),
        ("b.test.ck", Some("b.test.ck")),
        ("a.b.test.ck", Some("b.test.ck")),
        ("www.ck", Some("www.ck")),
        ("www.www.ck", Some("www.ck")),
        // US K12.
        ("us", None),
        ("test.us", Some("test.us")),
        ("www.test.us", Some("test.us")),
        ("ak.us", None),
        ("test.ak.us", Some("test.ak.us")),
        ("www.test.ak.us", Some("test.ak.us")),
        ("k12.ak.us", None),
        ("test.k12.ak.us", Some("test.k12.ak.us")),
        ("www.test.k12.ak.us", Some("test.k12.ak.us")),
        // IDN labels, punycoded.
        ("xn--85x722f.com.cn", Some("xn--85x722f.com.cn")),
        ("xn--85x722f.xn--55qx5d.cn", Some("xn--85x722f.xn--55qx5d.cn")),
        ("www.xn--85x722f.xn--55qx5d.cn", Some("xn--85x722f.xn--55qx5d.cn")),
        ("shishi.xn--55qx5d.cn", Some("shishi.xn--55qx5d.cn")),
        ("xn--55qx5d.cn", None),
        ("xn--85x722f.xn--fiqs8s", Some("xn--85x722f.xn--fiqs8s")),
        ("www.xn--85x722f.xn--fiqs8s", Some("xn--85x722f.xn--fiqs8s")),
        ("shishi.xn--fiqs8s", Some("shishi.xn--fiqs8s")),
        ("xn--fiqs8s", None),
    ];

    #[test]
    fn check_public_suffix_vectors() {
        for &(host, registrable) in CHECK_PUBLIC_SUFFIX {
            assert_eq!(registrable_domain(host), registrable, "registrable_domain({host:?})");
        }
    }

    #[test]
    fn blob_decodes() {
        let trie = Trie::decode(BLOB).expect("the blob build.rs wrote decodes");
        assert!(trie.nodes.len() > 10_000, "{} nodes", trie.nodes.len());
        // Corrupt blobs fail cleanly rather than panic.
        for len in 0..64 {
            assert!(Trie::decode(&BLOB[..len]).is_none());
        }
        assert!(Trie::decode(&BLOB[..BLOB.len() - 1]).is_none());
        assert!(Trie::decode(&[0xff; 16]).is_none());
    }

    /// A rule's name in A-labels, converted by the url crate's IDNA (UTS 46): an
    /// implementation independent of build.rs's punycode encoder. None for a non-ASCII rule
    /// on wasm32, where the crate does without url.
    fn to_ascii(name: &str) -> Option<String> {
        if name.is_ascii() {
            return Some(name.to_owned());
        }
        #[cfg(not(target_arch = "wasm32"))]
        return url::Host::parse(name).ok().map(|host| host.to_string());
        #[cfg(target_arch = "wasm32")]
        return None;
    }

    /// The rules of `data/public_suffix_list.dat`, read the way the list's format says, with
    /// their names in A-labels.
    fn vendored_rules() -> Vec<String> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/public_suffix_list.dat");
        let list = std::fs::read_to_string(path).expect("the vendored list is readable");
        let rules: Vec<&str> = list
            .lines()
            .filter_map(|line| line.split_whitespace().next())
            .filter(|rule| !rule.starts_with("//"))
            .collect();
        assert!(rules.len() > 10_000, "{} rules", rules.len());
        rules
            .into_iter()
            .filter_map(|rule| {
                // `!` or `*.` stays as written; the name is converted.
                let name = rule.trim_start_matches(['!', '*', '.']);
                let syntax = &rule[..rule.len() - name.len()];
                Some(format!("{syntax}{}", to_ascii(name)?))
            })
            .collect()
    }

    #[test]
    fn every_vendored_rule_is_found() {
        for rule in vendored_rules() {
            if let Some(name) = rule.strip_prefix('!') {
                let parent = name.split_once('.').map_or("", |(_, parent)| parent);
                assert_eq!(public_suffix(name), parent, "{rule}");
                assert_eq!(registrable_domain(name), Some(name), "{rule}");
            } else if let Some(parent) = rule.strip_prefix("*.") {
                let name = format!("wildcard-probe.{parent}");
                assert!(is_public_suffix(&name), "{rule}");
                assert!(!is_public_suffix(&format!("www.{name}")), "{rule}");
            } else {
                assert!(is_public_suffix(&rule), "{rule}");
            }
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn trie_holds_exactly_the_vendored_rules() {
        /// Every rule in the trie, spelled as in the list (`a.b`, `*.a.b`, `!a.b`).
        fn trie_rules(trie: &Trie, node: usize, name: &str, out: &mut Vec<String>) {
            let kind = trie.nodes[node].kind;
            for (flag, prefix) in [(RULE, ""), (WILDCARD, "*."), (EXCEPTION, "!")] {
                if kind & flag != 0 && node != ROOT {
                    out.push(format!("{prefix}{name}"));
                }
            }
            let children = trie.nodes[node - 1].child_end as usize..trie.nodes[node].child_end as usize;
            for child in children {
                let label = std::str::from_utf8(trie.label(&trie.nodes[child])).expect("ASCII label");
                let child_name = if name.is_empty() { label.to_owned() } else { format!("{label}.{name}") };
                trie_rules(trie, child, &child_name, out);
            }
        }

        let mut expected = vendored_rules();
        let mut actual = Vec::new();
        trie_rules(Trie::get(), ROOT, "", &mut actual);
        expected.sort();
        actual.sort();
        let missing: Vec<_> = expected.iter().filter(|r| actual.binary_search(r).is_err()).collect();
        let extra: Vec<_> = actual.iter().filter(|r| expected.binary_search(r).is_err()).collect();
        assert!(missing.is_empty(), "rules missing from the trie: {missing:?}");
        assert!(extra.is_empty(), "rules in the trie but not the list: {extra:?}");
        assert_eq!(actual.len(), expected.len());
    }

    /// Every string of up to six pieces from an alphabet that meets rules, wildcards,
    /// exceptions, empty labels, non-ASCII and list syntax: no panic, and the answers are
    /// suffix slices of the host that agree with each other.
    #[test]
    fn odd_hosts_are_consistent() {
        const PIECES: [&str; 7] = ["ck", "www", "x", ".", "é", "*", "!"];
        for len in 0..=6 {
            for mut n in 0..PIECES.len().pow(len) {
                let mut host = String::new();
                for _ in 0..len {
                    host.push_str(PIECES[n % PIECES.len()]);
                    n /= PIECES.len();
                }
                let suffix = public_suffix(&host);
                assert!(host.ends_with(suffix), "{host:?}");
                assert_eq!(is_public_suffix(&host), suffix == host, "{host:?}");
                if let Some(registrable) = registrable_domain(&host) {
                    assert!(host.ends_with(registrable), "{host:?}");
                    assert!(registrable.len() > suffix.len(), "{host:?}");
                    assert_eq!(public_suffix(registrable), suffix, "{host:?}");
                }
            }
        }
    }
}
