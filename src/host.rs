//! Hosts: 6265bis 5.1.2 (canonicalized host names), 5.1.3 (domain matching), and what counts as a
//! "secure" connection.

use crate::bytes::same_bytes;

/// What kind of host a canonical host string is. Domain matching and parent-domain lookups only
/// apply to domain names (6265bis 5.1.3, third condition).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HostKind {
    Domain,
    /// Its four octets.
    Ipv4([u8; 4]),
    /// Whether it is the loopback address `[::1]`.
    Ipv6 {
        loopback: bool,
    },
}

/// Forbidden host code points of the WHATWG URL standard: a canonical host never contains them.
fn is_forbidden_host_byte(b: u8) -> bool {
    matches!(
        b,
        0x00..=0x20
            | b'#'
            | b'%'
            | b'/'
            | b':'
            | b'<'
            | b'>'
            | b'?'
            | b'@'
            | b'['
            | b'\\'
            | b']'
            | b'^'
            | b'|'
            | 0x7F
    )
}

/// Checks that `host` is already canonical and tells its kind: what a WHATWG URL parser (the
/// `url` crate natively, the host's own `URL` in JavaScript) outputs as a URL's host.
///
/// 6265bis 5.1.2 asks for A-labels and NR-LDH labels. The URL parser has already converted
/// U-labels to A-labels and rejected fake A-labels (steps 3-4). Not in the spec: like browsers, we
/// then accept any label the URL parser accepts (e.g. `_` in `my_host.example`), not only NR-LDH
/// ones.
pub(crate) fn canonical_host_kind(host: &str) -> Option<HostKind> {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        // The URL parser has validated and compressed it: only hex digits and colons remain.
        let valid = inner.contains(':')
            && inner.bytes().all(|b| b == b':' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        return valid.then_some(HostKind::Ipv6 { loopback: inner == "::1" });
    }
    if host.is_empty()
        || host.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase() || is_forbidden_host_byte(b))
    {
        return None;
    }
    // WHATWG URL: a host whose last label is numeric is an IPv4 address, serialized as dotted
    // decimal; anything else ending in a number is not a valid host.
    let last_label = host.strip_suffix('.').unwrap_or(host).rsplit('.').next().unwrap_or("");
    if !last_label.is_empty() && last_label.bytes().all(|b| b.is_ascii_digit()) {
        return dotted_quad(host).map(HostKind::Ipv4);
    }
    Some(HostKind::Domain)
}

/// An IPv4 address in the dotted-decimal form URL parsers output ("127.0.0.1": four decimal
/// octets, no leading zeros).
pub(crate) fn dotted_quad(host: &str) -> Option<[u8; 4]> {
    let mut octets = [0u8; 4];
    let mut parts = host.split('.');
    for octet in &mut octets {
        let part = parts.next()?;
        let canonical = !part.is_empty() && part.len() <= 3 && (part == "0" || !part.starts_with('0'));
        if !canonical || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *octet = u8::try_from(part.bytes().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'))).ok()?;
    }
    parts.next().is_none().then_some(octets)
}

/// Not in the spec: the longest domain a cookie may have, 253 octets (the most a DNS name has in
/// text, RFC 1035 2.3.4) and a trailing root dot. Storing refuses longer ones
/// (`Rejection::DomainTooLong`), so a retrieval looks no longer domain up.
pub(crate) const MAX_DOMAIN_OCTETS: usize = 254;

/// Whether `domain` fits a DNS name: at most 253 octets, without a trailing root dot.
pub(crate) fn is_dns_length(domain: &str) -> bool {
    domain.strip_suffix('.').unwrap_or(domain).len() < MAX_DOMAIN_OCTETS
}

/// 6265bis 5.1.3: does `string` (a canonical host) domain-match `domain_string`?
// Speed: inlined, as a retrieval calls it for every cookie of the site (measured: 8% on headerFor).
#[inline(always)]
pub(crate) fn domain_matches(string: &str, string_is_domain_name: bool, domain_string: &str) -> bool {
    let (string, domain) = (string.as_bytes(), domain_string.as_bytes());
    if string.len() == domain.len() {
        return same_bytes(string, domain);
    }
    // Otherwise a longer domain name that ends in "." and the domain string.
    let dot = string.len().checked_sub(domain.len() + 1);
    string_is_domain_name
        && match dot.and_then(|dot| string.split_at_checked(dot)) {
            Some((_, [b'.', tail @ ..])) => same_bytes(tail, domain),
            _ => false,
        }
}

/// The host and each of its parent domains, longest first: the only domains whose cookies can
/// domain-match `host` ("www.example.com", "example.com", "com"). An IP address has no parents.
/// Only those of at most `MAX_DOMAIN_OCTETS`, the longest a stored cookie's domain can be: a
/// host of many labels costs a scan for its dots, and at most 127 lookups of short names
/// (unbounded, a 10 MB host of a million labels took a million lookups of long names).
pub(crate) fn host_and_parent_domains(host: &str, kind: HostKind) -> impl Iterator<Item = &str> {
    let parents = match kind {
        HostKind::Domain => Some(
            host.bytes().enumerate().filter(|&(_, b)| b == b'.').filter_map(move |(i, _)| host.get(i + 1..)),
        ),
        _ => None,
    };
    std::iter::once(host)
        .chain(parents.into_iter().flatten())
        .filter(|domain| !domain.is_empty() && domain.len() <= MAX_DOMAIN_OCTETS)
}

/// Whether a request to this host over this scheme denotes a "secure" connection
/// (6265bis 5.7 step 13, 5.8 step 3): https and wss, and, as in browsers, potentially
/// trustworthy loopback hosts whatever the scheme (`localhost`, `*.localhost`, 127.0.0.0/8, ::1).
pub(crate) fn is_secure_connection(scheme_is_secure: bool, host: &str, kind: HostKind) -> bool {
    scheme_is_secure
        || match kind {
            HostKind::Ipv4([first, ..]) => first == 127,
            HostKind::Ipv6 { loopback } => loopback,
            HostKind::Domain => {
                let host = host.strip_suffix('.').unwrap_or(host);
                host == "localhost" || host.ends_with(".localhost")
            }
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_host_kinds() {
        let cases: &[(&str, Option<&str>)] = &[
            ("example.com", Some("domain")),
            ("xn--fiqs8s", Some("domain")),
            ("my_host.example", Some("domain")),
            ("example.com.", Some("domain")),
            ("localhost", Some("domain")),
            ("127.0.0.1", Some("ipv4")),
            ("10.0.0.255", Some("ipv4")),
            ("[::1]", Some("ipv6")),
            ("[2001:db8::1]", Some("ipv6")),
            // Not what a URL parser outputs.
            ("", None),
            ("Example.com", None),
            ("exa mple.com", None),
            ("bücher.example", None),
            ("a/b", None),
            ("user@host", None),
            ("1.2.3.999", None),
            ("1.2.3", None),
            ("1.2.3.4.5", None),
            ("01.2.3.4", None),
            ("[::g]", None),
            ("[]", None),
            ("example.123", None),
            ("::1", None),
            ("[::1", None),
            ("[not-ip]", None),
        ];
        for (host, want) in cases {
            let got = canonical_host_kind(host).map(|k| match k {
                HostKind::Domain => "domain",
                HostKind::Ipv4(_) => "ipv4",
                HostKind::Ipv6 { .. } => "ipv6",
            });
            assert_eq!(got, *want, "canonical_host_kind({host:?})");
        }
    }

    #[test]
    fn domain_matching() {
        let cases: &[(&str, bool, &str, bool)] = &[
            ("example.com", true, "example.com", true),
            ("www.example.com", true, "example.com", true),
            ("a.b.example.com", true, "example.com", true),
            ("www.example.com", true, "www.example.com", true),
            ("example.com", true, "www.example.com", false),
            ("wwwexample.com", true, "example.com", false),
            ("www.example.com", true, "ample.com", false),
            ("example.com", true, "com", true),
            ("example.com", true, "", false),
            // IP addresses match only themselves.
            ("127.0.0.1", false, "127.0.0.1", true),
            ("127.0.0.1", false, "0.0.1", false),
            ("[::1]", false, "[::1]", true),
        ];
        for (string, is_domain, domain, want) in cases {
            assert_eq!(
                domain_matches(string, *is_domain, domain),
                *want,
                "{string:?} domain-matches {domain:?}"
            );
        }
    }

    #[test]
    fn parents_of_a_host() {
        let got: Vec<_> = host_and_parent_domains("a.b.example.com", HostKind::Domain).collect();
        assert_eq!(got, ["a.b.example.com", "b.example.com", "example.com", "com"]);
        let ip = canonical_host_kind("10.1.2.3").unwrap();
        let got: Vec<_> = host_and_parent_domains("10.1.2.3", ip).collect();
        assert_eq!(got, ["10.1.2.3"]);
        let got: Vec<_> = host_and_parent_domains("localhost", HostKind::Domain).collect();
        assert_eq!(got, ["localhost"]);
        // Only the parents a stored domain can be: at most 254 octets.
        let long = format!("{}example.com", "a.".repeat(500));
        let got: Vec<_> = host_and_parent_domains(&long, HostKind::Domain).collect();
        assert_eq!(got.len(), 123, "example.com, com and 121 of the 'a.' parents");
        assert_eq!((got[0].len(), got[121], got[122]), (253, "example.com", "com"));
    }

    #[test]
    fn dns_lengths() {
        let label = |n| "a".repeat(n);
        for (domain, fits) in [
            (label(253), true),
            (format!("{}.", label(253)), true),
            (label(254), false),
            (format!("{}..", label(252)), true),
            (String::new(), true),
        ] {
            assert_eq!(is_dns_length(&domain), fits, "{} octets", domain.len());
        }
    }

    #[test]
    fn secure_connections() {
        let cases: &[(bool, &str, bool)] = &[
            (true, "example.com", true),
            (false, "example.com", false),
            (false, "localhost", true),
            (false, "localhost.", true),
            (false, "app.localhost", true),
            (false, "notlocalhost", false),
            (false, "localhost.example", false),
            (false, "127.0.0.1", true),
            (false, "127.255.0.9", true),
            (false, "128.0.0.1", false),
            (false, "[::1]", true),
            (false, "[::2]", false),
        ];
        for (scheme_secure, host, want) in cases {
            let kind = canonical_host_kind(host).unwrap();
            assert_eq!(is_secure_connection(*scheme_secure, host, kind), *want, "{host}");
        }
    }
}
