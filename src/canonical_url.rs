//! Speed: a fast path for URLs that are already canonical.
//!
//! Most request URLs are ASCII and in the exact form a WHATWG URL parser outputs
//! (`https://www.example.com/path?query`). For those, splitting the string gives the same scheme,
//! host and path as parsing it, without the cost of a full parser (or, in WebAssembly, of a call
//! out to the host's `URL`). Anything the parser could change (case, IDNA, IPv4 forms, dot
//! segments, percent-encoding, userinfo, whitespace) is left to a full parser.

use std::ops::Range;

use crate::host::{dotted_quad, HostKind};

/// The scheme, host and path of a canonical absolute http, https, ws or wss URL.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct UrlParts<'a> {
    pub scheme: &'a str,
    pub host: &'a str,
    pub kind: HostKind,
    pub path: &'a str,
}

/// Where the parts of a canonical URL are in its text: what `split_canonical_url` found, kept
/// so that the same text can be split again without scanning it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UrlLayout {
    scheme: &'static str,
    kind: HostKind,
    host: Range<usize>,
    /// None: the URL has no path, which a parser serializes as "/".
    path: Option<Range<usize>>,
}

impl UrlLayout {
    /// The parts of `input`, the text this layout was found in.
    pub(crate) fn parts<'a>(&self, input: &'a str) -> Option<UrlParts<'a>> {
        let path = match &self.path {
            Some(path) => input.get(path.clone())?,
            None => "/",
        };
        Some(UrlParts { scheme: self.scheme, host: input.get(self.host.clone())?, kind: self.kind, path })
    }
}

/// Splits `input` when a WHATWG URL parser would return it unchanged in scheme, host and path;
/// `None` means "use a full parser", never "invalid".
pub(crate) fn split_canonical_url(input: &str) -> Option<UrlParts<'_>> {
    canonical_url_layout(input.as_bytes())?.parts(input)
}

/// Where the parts of a canonical URL are (see `split_canonical_url`). One pass over the scheme,
/// host and path bytes (the query and fragment cannot change them).
pub(crate) fn canonical_url_layout(bytes: &[u8]) -> Option<UrlLayout> {
    // Speed: slice patterns rather than `starts_with`, which in WebAssembly calls memcmp (so
    // below).
    let scheme = match bytes {
        [b'h', b't', b't', b'p', b's', b':', b'/', b'/', ..] => "https",
        [b'h', b't', b't', b'p', b':', b'/', b'/', ..] => "http",
        [b'w', b's', b's', b':', b'/', b'/', ..] => "wss",
        [b'w', b's', b':', b'/', b'/', ..] => "ws",
        _ => return None,
    };
    let host_start = scheme.len() + 3;
    let (host_end, kind) = scan_host(bytes, host_start)?;
    let mut at = host_end;
    if bytes.get(at) == Some(&b':') {
        at = scan_port(bytes, at + 1)?;
    }
    let path = match bytes.get(at) {
        None | Some(b'?' | b'#') => None,
        Some(b'/') => Some(at..scan_path(bytes, at)?),
        Some(_) => return None,
    };
    Some(UrlLayout { scheme, kind, host: host_start..host_end, path })
}

/// Lowercase labels of letters, digits, '-' and '_', none empty and none an A-label (which the
/// parser validates), and, when the last label is numeric, a dotted-decimal IPv4 address.
/// Returns where the host ends and its kind.
fn scan_host(bytes: &[u8], start: usize) -> Option<(usize, HostKind)> {
    let mut end = start;
    let mut label_start = start;
    loop {
        match bytes.get(end) {
            Some(b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_') => {}
            next => {
                // The end of a label.
                let label = bytes.get(label_start..end)?;
                if label.is_empty() || matches!(label, [b'x', b'n', b'-', b'-', ..]) {
                    return None;
                }
                if next != Some(&b'.') {
                    break;
                }
                label_start = end + 1;
            }
        }
        end += 1;
    }
    // WHATWG "ends in a number": a host whose last label is numeric (or hex) is an IPv4 address,
    // which has several forms; only the canonical dotted quad is taken here.
    let last_label = bytes.get(label_start..end)?;
    if last_label.iter().all(u8::is_ascii_digit) || matches!(last_label, [b'0', b'x', ..]) {
        let host = std::str::from_utf8(bytes.get(start..end)?).ok()?;
        return dotted_quad(host).map(|octets| (end, HostKind::Ipv4(octets)));
    }
    Some((end, HostKind::Domain))
}

/// 1 to 5 digits up to 65535 (an empty port is for the parser to judge); where the port ends.
fn scan_port(bytes: &[u8], start: usize) -> Option<usize> {
    let digits = bytes.get(start..)?.iter().take_while(|b| b.is_ascii_digit()).count();
    let port = bytes.get(start..start + digits)?.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    (1..=5).contains(&digits).then_some(())?;
    (port <= 65_535).then_some(start + digits)
}

/// A path the parser leaves alone: printable ASCII without a backslash, no dot segment (which it
/// removes, also as "%2e"), and no character of its path percent-encode set. Where it ends.
fn scan_path(bytes: &[u8], start: usize) -> Option<usize> {
    let mut at = start;
    while let Some(&b) = bytes.get(at) {
        if PLAIN_PATH_BYTE.get(usize::from(b)) != Some(&true) {
            match b {
                b'?' | b'#' => break,
                b'.' if bytes.get(at.wrapping_sub(1)) == Some(&b'/') => return None,
                b'%' if bytes.get(at + 1) == Some(&b'2')
                    && matches!(bytes.get(at + 2), Some(b'e' | b'E')) =>
                {
                    return None
                }
                b'.' | b'%' => {}
                _ => return None,
            }
        }
        at += 1;
    }
    Some(at)
}

/// The path bytes `scan_path` needs no second look at: printable ASCII but the path
/// percent-encode set, '\\', and the bytes it treats apart ('.', '%', '?', '#'). Speed: a
/// table, as every byte of every request path is looked up.
#[allow(clippy::indexing_slicing, reason = "evaluated while compiling: a bad index fails the build")]
const PLAIN_PATH_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x21;
    while b <= 0x7e {
        table[b] = !matches!(
            b as u8,
            b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'^' | b'|' | b'\\' | b'.' | b'%' | b'?' | b'#'
        );
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_urls_split() {
        let cases: &[(&str, (&str, &str, &str))] = &[
            ("https://www.example.com/a/b?q=1#f", ("https", "www.example.com", "/a/b")),
            ("http://example.com", ("http", "example.com", "/")),
            ("http://example.com?x", ("http", "example.com", "/")),
            ("http://example.com#x", ("http", "example.com", "/")),
            ("ws://localhost:8080/socket", ("ws", "localhost", "/socket")),
            ("wss://my_host.example:443/", ("wss", "my_host.example", "/")),
            ("http://127.0.0.1:3000/x", ("http", "127.0.0.1", "/x")),
            ("http://a-b.c9.example/%41%2F", ("http", "a-b.c9.example", "/%41%2F")),
            ("https://example.com/a;b=c/d:e@f!$&'()*+,~", ("https", "example.com", "/a;b=c/d:e@f!$&'()*+,~")),
            ("https://example.com/file.tar.gz", ("https", "example.com", "/file.tar.gz")),
        ];
        for (input, (scheme, host, path)) in cases {
            let parts = split_canonical_url(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!((parts.scheme, parts.host, parts.path), (*scheme, *host, *path), "{input}");
            let want_kind =
                if host.starts_with("127.") { HostKind::Ipv4([127, 0, 0, 1]) } else { HostKind::Domain };
            assert_eq!(parts.kind, want_kind, "{input}");
        }
    }

    #[test]
    fn anything_a_parser_would_change_is_left_to_it() {
        let cases = [
            "HTTP://example.com/",
            "http://Example.com/",
            "http://bücher.example/",
            "http://xn--bcher-kva.example/",
            "http://0x7f.0.0.1/",
            "http://127.1/",
            "http://127.000.0.1/",
            "http://256.0.0.1/",
            "http://example.123/",
            "http://[::1]/",
            "http://user:pass@example.com/",
            "http://example.com:/",
            "http://example.com:99999/",
            "http://example.com:8a/",
            "http:example.com/",
            "http:///example.com/",
            "http://example..com/",
            "http://example.com./",
            "http://.example.com/",
            "http://example.com/a/../b",
            "http://example.com/./b",
            "http://example.com/%2e%2E/b",
            "http://example.com/a b",
            " http://example.com/",
            "http://example.com/\t",
            "http://example.com\\a",
            "http://example.com/{x}",
            "http://example.com/a\\b",
            "http://example.com/é",
            "http://example.com:65536/",
            "http://1.2.3.4.5/",
            "http://1.2.3/",
            "http://a.0x1/",
            "http://ex%61mple.com/",
            "http://ex!ample.com/",
            "ftp://example.com/",
            "file:///etc/passwd",
            "",
        ];
        for input in cases {
            assert_eq!(split_canonical_url(input), None, "{input:?}");
        }
    }

    /// Where the fast path answers, the `url` crate (a WHATWG URL parser) agrees.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn agrees_with_a_full_parser() {
        let hosts = [
            "example.com",
            "a.b-c.example",
            "127.0.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "x_y.example",
            "1a.example",
        ];
        let rests =
            ["", "/", "/a/b/", "/a/b?c#d", "?q", "#f", ":8080/p", "/%7Efoo", "/a.b/c.", "/..a", "/a./b"];
        for scheme in ["http", "https", "ws", "wss"] {
            for host in hosts {
                for rest in rests {
                    let input = format!("{scheme}://{host}{rest}");
                    let Some(parts) = split_canonical_url(&input) else { continue };
                    let full = url::Url::parse(&input).unwrap();
                    assert_eq!(
                        (parts.scheme, parts.host, parts.path),
                        (full.scheme(), full.host_str().unwrap(), full.path()),
                        "{input}"
                    );
                }
            }
        }
    }
}
