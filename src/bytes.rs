//! Speed: byte-string helpers that work a word (eight bytes) at a time. The hot paths compare and
//! search short byte strings (hosts, domains, paths, the pieces of a Set-Cookie line), and in
//! WebAssembly the library's `==` on slices, `split_once` and friends call memcmp or memchr, byte
//! loops behind a call. Each helper is tested against the plain version it stands for.

/// A byte of ones in every byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Eight bytes (a chunk of `chunks_exact(8)`) as a little-endian word.
fn le_word(chunk: &[u8]) -> u64 {
    u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default())
}

/// The classic "has a zero byte" test: non-zero exactly when `word` has a zero byte, and then
/// its lowest set bit is the high bit of the lowest zero byte (a borrow can only flag bytes above
/// a zero byte).
fn zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(ONES) & !word & HIGH_BITS
}

/// `a == b`.
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if len < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let word = |bytes: &[u8], at: usize| bytes.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok());
    let mut at = 0;
    while at + 8 < len {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    // The last word, overlapping the one before it.
    word(a, len - 8) == word(b, len - 8)
}

/// `s.split_once(char::from(delimiter))` for an ASCII delimiter.
pub(crate) fn split_once(s: &str, delimiter: u8) -> Option<(&str, &str)> {
    let at = find_byte(s.as_bytes(), delimiter)?;
    Some((s.get(..at)?, s.get(at + 1..)?))
}

/// `bytes.iter().position(|&b| b == needle)`: eight bytes at a time (a cookie value is 20-40
/// bytes), then the tail one by one.
fn find_byte(bytes: &[u8], needle: u8) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    for (index, chunk) in (&mut words).enumerate() {
        // The bytes equal to the needle are the zero bytes of the word XOR the needle.
        let matches = zero_bytes(le_word(chunk) ^ (ONES * u64::from(needle)));
        if matches != 0 {
            return Some(index * 8 + (matches.trailing_zeros() / 8) as usize);
        }
    }
    let tail_start = bytes.len() - words.remainder().len();
    words.remainder().iter().position(|&b| b == needle).map(|at| tail_start + at)
}

/// `bytes.iter().any(|&b| is_control(b))` for a test `is_control` that only ASCII control
/// characters (below 0x20, and DEL) can pass: eight bytes at a time, the bytes of a word looked
/// at one by one only when the word has a byte below 0x20 (a tab, most often) or a DEL.
pub(crate) fn any_control_byte(bytes: &[u8], is_control: impl Fn(u8) -> bool) -> bool {
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let word = le_word(chunk);
        // The classic "has a byte less than n" test, and a DEL as a zero byte of word XOR DEL.
        let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH_BITS;
        let del = zero_bytes(word ^ (ONES * 0x7f));
        if below_space | del != 0 && chunk.iter().any(|&b| is_control(b)) {
            return true;
        }
    }
    words.remainder().iter().any(|&b| is_control(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word-at-a-time equality agrees with `==` for every length around the word size and a
    /// difference at every position.
    #[test]
    fn same_bytes_is_equality() {
        for len in 0..=25_usize {
            let a: Vec<u8> = (0..len).map(|i| b'a' + i as u8).collect();
            assert!(same_bytes(&a, &a.clone()), "{len}");
            if let Some(shorter) = len.checked_sub(1) {
                assert!(!same_bytes(&a, &a[..shorter]), "{len}");
            }
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "{len} {at}");
            }
        }
    }

    /// The word-at-a-time search finds the first occurrence, wherever it is, and no other byte.
    #[test]
    fn find_byte_finds_the_first() {
        for len in 0..20 {
            for at in 0..len {
                for later in [None, Some(at + 1), Some(len - 1)] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b';';
                    if let Some(later) = later.filter(|&later| later > at && later < len) {
                        bytes[later] = b';';
                    }
                    assert_eq!(find_byte(&bytes, b';'), Some(at), "{at} of {len}");
                }
            }
            // Bytes one off the needle, and high bytes, are not it.
            let misses: Vec<u8> = (0..len).map(|i| [b':', b'<', 0xbb, 0x3b ^ 0x80][i % 4]).collect();
            assert_eq!(find_byte(&misses, b';'), None, "{len}");
        }
    }

    #[test]
    fn split_once_agrees_with_str_split_once() {
        for s in ["", ";", "a", "a;", ";b", "a;b;c", "name=value; Path=/; Secure", "é;ü"] {
            assert_eq!(split_once(s, b';'), s.split_once(';'), "{s:?}");
        }
    }

    /// The word-at-a-time scan finds exactly the bytes a control-character test accepts,
    /// wherever they are in the word or the tail, for tests that take part of the controls.
    #[test]
    fn any_control_byte_is_any() {
        let tests: [fn(u8) -> bool; 3] =
            [|b| matches!(b, 0x00..=0x08 | 0x0A..=0x1F | 0x7F), |b| b == b'\t', |b| b == 0x7f];
        for is_control in tests {
            for len in [1, 7, 8, 9, 16, 19] {
                for at in 0..len {
                    for b in 0..=0x7f_u8 {
                        let mut bytes = vec![b'a'; len];
                        bytes[at] = b;
                        assert_eq!(
                            any_control_byte(&bytes, is_control),
                            bytes.iter().any(|&b| is_control(b)),
                            "{b:#x} at {at} of {len}"
                        );
                    }
                }
            }
            let text = "café ☕ \t \u{80}\u{9f}\u{ff}".as_bytes();
            assert_eq!(any_control_byte(text, is_control), text.iter().any(|&b| is_control(b)));
        }
    }
}
