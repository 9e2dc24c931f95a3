//! Not in the spec: a fast path for URLs that are already canonical.
//!
//! Most request URLs are ASCII and in the exact form a WHATWG URL parser outputs
//! (`https://www.example.com/path?query`). For those, splitting the string gives the same scheme,
//! host and path as parsing it, without the cost of a full parser (or, in WebAssembly, of a call
//! out to the host's `URL`). Anything the parser could change (case, IDNA, IPv4 forms, dot
//! segments, percent-encoding, userinfo, whitespace) is left to a full parser.

/// The scheme, host and path of a canonical absolute http, https, ws or wss URL.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct UrlParts<'a> {
    pub scheme: &'a str,
    pub host: &'a str,
    pub path: &'a str,
}

/// Splits `input` when a WHATWG URL parser would return it unchanged in scheme, host and path;
/// `None` means "use a full parser", never "invalid".
pub(crate) fn split_canonical_url(input: &str) -> Option<UrlParts<'_>> {
    // Whitespace, controls and non-ASCII are trimmed, removed or encoded by the parser, and a
    // backslash is a slash in these schemes.
    if !input.bytes().all(|b| (0x21..0x7f).contains(&b) && b != b'\\') {
        return None;
    }
    let (scheme, rest) = input.split_once("://")?;
    if !matches!(scheme, "http" | "https" | "ws" | "wss") {
        return None;
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after_authority) = rest.split_at(authority_end);
    if authority.contains('@') {
        return None;
    }
    let host = match authority.split_once(':') {
        Some((host, port)) if is_port(port) => host,
        Some(_) => return None,
        None => authority,
    };
    if !is_canonical_host(host) {
        return None;
    }
    let path = match after_authority.strip_prefix('/') {
        Some(_) => &after_authority[..after_authority.find(['?', '#']).unwrap_or(after_authority.len())],
        None => "/",
    };
    if !is_canonical_path(path) {
        return None;
    }
    Some(UrlParts { scheme, host, path })
}

/// 1 to 5 digits up to 65535 (an empty or invalid port is for the parser to judge).
fn is_port(port: &str) -> bool {
    !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u32>().is_ok_and(|p| p <= 65_535)
}

/// Lowercase labels of letters, digits, '-' and '_', none empty and none an A-label (which the
/// parser validates), and, when the last label is numeric, a dotted-decimal IPv4 address.
fn is_canonical_host(host: &str) -> bool {
    let mut labels = host.split('.').peekable();
    let mut count = 0;
    while let Some(label) = labels.next() {
        count += 1;
        let valid = !label.is_empty()
            && !label.starts_with("xn--")
            && label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !valid {
            return false;
        }
        let is_last = labels.peek().is_none();
        // WHATWG "ends in a number": such a host is an IPv4 address, which has several forms.
        if is_last && (label.bytes().all(|b| b.is_ascii_digit()) || label.starts_with("0x")) {
            return count == 4 && host.split('.').all(is_canonical_ipv4_part);
        }
    }
    true
}

fn is_canonical_ipv4_part(part: &str) -> bool {
    part.bytes().all(|b| b.is_ascii_digit())
        && (part == "0" || !part.starts_with('0'))
        && part.parse::<u16>().is_ok_and(|n| n <= 255)
}

/// A path the parser leaves alone: no dot segments (which it removes, also as "%2e") and no
/// character of its path percent-encode set.
fn is_canonical_path(path: &str) -> bool {
    !path.contains("/.")
        && !path.contains("%2e")
        && !path.contains("%2E")
        && !path.bytes().any(|b| matches!(b, b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'^' | b'|'))
}

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
            assert_eq!(split_canonical_url(input), Some(UrlParts { scheme, host, path }), "{input}");
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
        let hosts = ["example.com", "a.b-c.example", "127.0.0.1", "0.0.0.0", "255.255.255.255", "x_y.example", "1a.example"];
        let rests = ["", "/", "/a/b/", "/a/b?c#d", "?q", "#f", ":8080/p", "/%7Efoo", "/a.b/c.", "/..a", "/a./b"];
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
