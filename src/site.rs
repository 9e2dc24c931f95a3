//! Sites: what SameSite compares (6265bis 5.2, "same-site"), what CHIPS partitions by, and what
//! the jar indexes and limits cookies by. A host's site is its registrable domain (6265bis 2.3,
//! the Public Suffix List).

use std::fmt;

use crate::host::{is_dns_length, HostKind};
use crate::psl;

/// A schemeful site, serialized as "https://example.com": the scheme (ws counts as http and wss
/// as https, as in browsers) and the registrable domain (or the host for IP addresses and
/// public suffixes). Two URLs are same-site when their sites are equal.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Site(String);

impl Site {
    /// The schemeful site of a URL whose scheme is secure or not and whose canonical host is
    /// `host`, of kind `kind`.
    pub(crate) fn new(scheme_is_secure: bool, host: &str, kind: HostKind) -> Site {
        let scheme = if scheme_is_secure { "https" } else { "http" };
        Site([scheme, "://", site_domain(host, kind, psl::registrable_domain)].concat())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether its host fits a DNS name (`host::is_dns_length`).
    pub(crate) fn has_dns_length(&self) -> bool {
        let host = self.0.split_once("://").map_or(self.0.as_str(), |(_, host)| host);
        is_dns_length(host)
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The domain part of a host's site: its registrable domain (the eTLD+1), or the host itself for
/// IP addresses and hosts that are public suffixes. `registrable_domain` is the suffix list's
/// lookup, `psl::registrable_domain`, or the jar's memo of it.
pub(crate) fn site_domain<'a>(
    host: &'a str,
    kind: HostKind,
    registrable_domain: impl FnOnce(&'a str) -> Option<&'a str>,
) -> &'a str {
    match kind {
        HostKind::Domain => registrable_domain(host).unwrap_or(host),
        HostKind::Ipv4(_) | HostKind::Ipv6 { .. } => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::canonical_host_kind;
    use crate::psl::RegistrableDomainMemo;

    /// The lookup and the jar's memo of it give every host the same site.
    #[test]
    fn site_domains() {
        let cases = [
            ("www.example.co.uk", "example.co.uk"),
            ("example.com", "example.com"),
            ("a.b.user.github.io", "user.github.io"),
            ("co.uk", "co.uk"),
            ("github.io", "github.io"),
            ("localhost", "localhost"),
            ("www.example.com.", "example.com."),
            ("127.0.0.1", "127.0.0.1"),
            ("10.0.0.1", "10.0.0.1"),
            ("[::1]", "[::1]"),
        ];
        let mut memo = RegistrableDomainMemo::default();
        for (host, want) in cases {
            let kind = canonical_host_kind(host).unwrap();
            assert_eq!(site_domain(host, kind, psl::registrable_domain), want, "{host}");
            assert_eq!(site_domain(host, kind, |host| memo.registrable_domain(host)), want, "{host}");
        }
    }

    #[test]
    fn schemeful_sites() {
        let cases = [
            (true, "www.example.co.uk", "https://example.co.uk"),
            (false, "www.example.co.uk", "http://example.co.uk"),
            (false, "[::1]", "http://[::1]"),
            (true, "user.github.io", "https://user.github.io"),
        ];
        for (secure, host, want) in cases {
            let kind = canonical_host_kind(host).unwrap();
            assert_eq!(Site::new(secure, host, kind).as_str(), want, "{host}");
        }
    }
}
