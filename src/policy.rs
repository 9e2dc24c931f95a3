//! The user's own say over what the jar stores and sends, after the drafts have had theirs: not
//! in the spec. Python's cookielib has it as `CookiePolicy` (`set_ok`, `return_ok`) and
//! `DefaultCookiePolicy(blocked_domains, allowed_domains)`; browsers as their third-party cookie
//! settings and their treatment of cookies without SameSite.
//!
//! The lists and modes are data the jar matches itself (no call out per cookie); the callbacks,
//! `accept` and `send`, are the host language's (`PolicyCallbacks`).

use std::fmt;

use crate::cookie::{Cookie, SameSite};
use crate::host::{canonical_host_kind, domain_matches, HostKind};

/// What the jar stores and sends beyond the drafts' rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Never store or send cookies whose domain one of these matches.
    pub blocked_domains: Vec<DomainRule>,
    /// If given, store and send only cookies whose domain one of these matches.
    pub allowed_domains: Option<Vec<DomainRule>>,
    /// What cookies a third-party context stores and sends.
    pub third_party: ThirdParty,
    /// How a cookie without a valid SameSite attribute is enforced.
    pub unspecified_same_site: UnspecifiedSameSite,
    /// 6265bis 5.6.7.2 "Lax-allowing-unsafe": how long after its creation a cookie without a
    /// SameSite attribute is still sent on cross-site top-level navigations with unsafe methods
    /// (Chromium: 2 minutes). 0 turns it off.
    pub lax_allowing_unsafe_millis: i64,
}

impl Default for Policy {
    /// Chromium's behaviour: no lists, third-party cookies allowed, unspecified SameSite as Lax.
    fn default() -> Self {
        Policy {
            blocked_domains: Vec::new(),
            allowed_domains: None,
            third_party: ThirdParty::Allow,
            unspecified_same_site: UnspecifiedSameSite::Lax,
            lax_allowing_unsafe_millis: 2 * 60 * 1000,
        }
    }
}

/// What a third-party context (a request whose site is not its client's, other than a top-level
/// navigation) stores and sends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ThirdParty {
    /// Everything the drafts allow.
    #[default]
    Allow,
    /// Nothing.
    Block,
    /// Only partitioned cookies (what browsers that block third-party cookies still allow).
    PartitionedOnly,
}

/// How a cookie without a valid SameSite attribute ("Default") is enforced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum UnspecifiedSameSite {
    /// As Lax, with Lax-allowing-unsafe (6265bis 5.6.7, Chromium).
    #[default]
    Lax,
    /// As None (Firefox and Safari today), without None's Secure requirement.
    None,
}

/// An entry of a domain list, in Python's convention: "example.com" is that host only;
/// ".example.com" is the domain and every subdomain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainRule {
    /// The entry as given.
    entry: String,
    /// Its canonical host, without the dot.
    domain: String,
    /// Whether it matches subdomains too (a leading dot, and a domain name).
    subdomains: bool,
}

impl DomainRule {
    /// The rule of a list entry: a canonical host (lowercase ASCII, A-labels; an IDN must be
    /// given in its ASCII form), with a leading dot for a domain and its subdomains.
    pub fn parse(entry: &str) -> Result<DomainRule, PolicyError> {
        let (host, dotted) = match entry.strip_prefix('.') {
            Some(host) => (host, true),
            None => (entry, false),
        };
        let domain = host.to_ascii_lowercase();
        let kind =
            canonical_host_kind(&domain).ok_or_else(|| PolicyError::InvalidDomainEntry(entry.to_owned()))?;
        Ok(DomainRule { entry: entry.to_owned(), domain, subdomains: dotted && kind == HostKind::Domain })
    }

    /// The entry as given.
    pub fn entry(&self) -> &str {
        &self.entry
    }

    /// Whether the rule covers a cookie whose domain is `domain`.
    fn matches(&self, domain: &str) -> bool {
        if self.subdomains {
            domain_matches(domain, true, &self.domain)
        } else {
            domain == self.domain
        }
    }
}

/// Why a policy cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyError {
    /// An entry of `blocked_domains` or `allowed_domains` that is not a host.
    InvalidDomainEntry(String),
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyError::InvalidDomainEntry(entry) => {
                write!(f, "{entry:?} is not a host (\"example.com\") or a domain (\".example.com\")")
            }
        }
    }
}

impl std::error::Error for PolicyError {}

/// Why the policy refuses a cookie, to store or to send: the jar makes it a `Rejection` or a
/// `Withheld`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The index of the blocked-domain entry that matched.
    BlockedDomain(usize),
    NotAllowedDomain,
    ThirdPartyBlocked,
}

impl Policy {
    /// Whether the lists or the third-party mode can refuse anything. Speed: the default policy
    /// costs one test per cookie.
    pub(crate) fn refuses_nothing(&self) -> bool {
        self.blocked_domains.is_empty()
            && self.allowed_domains.is_none()
            && self.third_party == ThirdParty::Allow
    }

    /// The lists' and the third-party mode's verdict on a cookie of `domain`, partitioned or not,
    /// in a third-party context or not; `None` lets it through.
    pub(crate) fn refusal(&self, domain: &str, partitioned: bool, third_party: bool) -> Option<Refusal> {
        if let Some(rule) = self.blocked_domains.iter().position(|rule| rule.matches(domain)) {
            return Some(Refusal::BlockedDomain(rule));
        }
        if let Some(allowed) = &self.allowed_domains {
            if !allowed.iter().any(|rule| rule.matches(domain)) {
                return Some(Refusal::NotAllowedDomain);
            }
        }
        let blocked = match self.third_party {
            ThirdParty::Allow => false,
            ThirdParty::Block => true,
            ThirdParty::PartitionedOnly => !partitioned,
        };
        (third_party && blocked).then_some(Refusal::ThirdPartyBlocked)
    }

    /// The blocked-domain entry at `index` (of a `BlockedDomain` refusal).
    pub fn blocked_entry(&self, index: usize) -> Option<&str> {
        self.blocked_domains.get(index).map(DomainRule::entry)
    }

    /// The SameSite a cookie's same-site-flag is enforced as: its own, or for "Default" the
    /// policy's choice.
    pub(crate) fn enforced_same_site(&self, same_site: SameSite) -> SameSite {
        match (same_site, self.unspecified_same_site) {
            (SameSite::Default, UnspecifiedSameSite::None) => SameSite::None,
            (same_site, _) => same_site,
        }
    }
}

/// The policy's callbacks, which the host language provides (Python's `CookiePolicy.set_ok` and
/// `return_ok`). Each sees a cookie that every other rule, the lists' included, lets through; an
/// error aborts the call, and the jar undoes what the call changed.
pub trait PolicyCallbacks {
    /// Whether to store `cookie`.
    fn accept(&mut self, cookie: &Cookie) -> Result<bool, CallbackError>;
    /// Whether to send `cookie`.
    fn send(&mut self, cookie: &Cookie) -> Result<bool, CallbackError>;
}

/// A callback failed; the host keeps its error (the jar only undoes the call).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallbackError;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_rules_follow_pythons_convention() {
        let cases: &[(&str, &str, bool)] = &[
            ("example.com", "example.com", true),
            ("example.com", "www.example.com", false),
            ("Example.COM", "example.com", true),
            (".example.com", "example.com", true),
            (".example.com", "www.example.com", true),
            (".example.com", "a.b.example.com", true),
            (".example.com", "badexample.com", false),
            (".example.com", "com", false),
            ("127.0.0.1", "127.0.0.1", true),
            (".127.0.0.1", "127.0.0.1", true),
            (".127.0.0.1", "1.127.0.0.1", false),
            ("xn--bcher-kva.example", "xn--bcher-kva.example", true),
            ("[::1]", "[::1]", true),
        ];
        for (entry, domain, matches) in cases {
            let rule = DomainRule::parse(entry).unwrap_or_else(|e| panic!("{entry}: {e}"));
            assert_eq!(rule.matches(domain), *matches, "{entry} ~ {domain}");
        }
        for entry in
            ["", ".", ".0.0.1", "exa mple.com", "bücher.example", "http://example.com", "example.com/"]
        {
            assert!(DomainRule::parse(entry).is_err(), "{entry:?}");
        }
    }

    #[test]
    fn refusals() {
        let rule = |entry| DomainRule::parse(entry).unwrap();
        let policy = Policy {
            blocked_domains: vec![rule("ads.example"), rule(".tracker.example")],
            allowed_domains: Some(vec![rule(".example"), rule("ads.example")]),
            ..Policy::default()
        };
        assert_eq!(policy.refusal("ads.example", false, false), Some(Refusal::BlockedDomain(0)));
        assert_eq!(policy.refusal("x.tracker.example", false, false), Some(Refusal::BlockedDomain(1)));
        assert_eq!(policy.refusal("other.test", false, false), Some(Refusal::NotAllowedDomain));
        assert_eq!(policy.refusal("www.example", false, true), None);
        assert_eq!(policy.blocked_entry(1), Some(".tracker.example"));
        for (mode, partitioned, third_party, refused) in [
            (ThirdParty::Block, true, true, true),
            (ThirdParty::Block, false, false, false),
            (ThirdParty::PartitionedOnly, false, true, true),
            (ThirdParty::PartitionedOnly, true, true, false),
            (ThirdParty::Allow, false, true, false),
        ] {
            let policy = Policy { third_party: mode, ..Policy::default() };
            let want = refused.then_some(Refusal::ThirdPartyBlocked);
            assert_eq!(policy.refusal("example.com", partitioned, third_party), want, "{mode:?}");
        }
        assert!(Policy::default().refuses_nothing());
    }
}
