//! Decisions as values: why a cookie was stored or rejected, and why a stored cookie was sent or
//! withheld. The normal API and the explain API read the same values.

use std::fmt;

/// What storing a received cookie did (6265bis 5.7 steps 23-24).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// A new cookie was inserted.
    New,
    /// It replaced the cookie with the same identity, keeping that cookie's creation-time.
    Replaced,
    /// It was already expired: it removed the cookie with the same identity (the usual way a
    /// server deletes a cookie) and was itself evicted at once.
    Deleted,
    /// It was already expired and matched no stored cookie: nothing changed.
    Expired,
}

impl Stored {
    /// Whether the jar now holds the received cookie.
    pub fn is_stored(self) -> bool {
        matches!(self, Stored::New | Stored::Replaced)
    }

    /// A stable code for programs to branch on.
    pub fn code(self) -> &'static str {
        match self {
            Stored::New => "new",
            Stored::Replaced => "replaced",
            Stored::Deleted => "deleted",
            Stored::Expired => "expired",
        }
    }
}

/// Why a received cookie was ignored: one variant per abort step of 6265bis 5.6 and 5.7, the
/// layered draft's prefixes and CHIPS; and why a saved cookie was not restored (`restore` makes
/// the same checks, and a few of its own for what only a saved record can get wrong).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rejection {
    /// 6265bis 5.6 step 1 / 5.7 step 3: a control character other than HTAB.
    ControlCharacter,
    /// 6265bis 5.6 step 5 / 5.7 step 4: name and value exceed 4096 octets together.
    NameValueTooLong,
    /// 6265bis 5.7 step 2: both the name and the value are empty.
    EmptyNameAndValue,
    /// Not in the spec: cookies belong to http, https, ws and wss URLs only (as in browsers).
    NonCookieableScheme,
    /// 6265bis 5.7 step 8: the Domain attribute has a character outside US-ASCII.
    DomainNotAscii,
    /// 6265bis 5.7 step 9: the Domain attribute is a public suffix other than the request host.
    DomainIsPublicSuffix,
    /// 6265bis 5.7 step 10: the request host does not domain-match the Domain attribute.
    DomainMismatch,
    /// 6265bis 5.7 step 13: a Secure cookie from a connection that is not secure.
    SecureFromInsecureOrigin,
    /// 6265bis 5.7 step 15: an HttpOnly cookie from a non-HTTP API.
    HttpOnlyFromNonHttpApi,
    /// 6265bis 5.7 step 16: a non-secure cookie from a non-secure origin would overlay a Secure one.
    OverlaysSecureCookie,
    /// 6265bis 5.7 step 18.1: set by a script whose document is not same-site with the top level.
    SameSiteFromCrossSiteScript,
    /// 6265bis 5.7 step 18.4: a Strict, Lax or Default cookie from a cross-site request that is
    /// not a top-level navigation.
    SameSiteFromCrossSiteRequest,
    /// 6265bis 5.7 step 19: SameSite=None without Secure.
    SameSiteNoneWithoutSecure,
    /// CHIPS: Partitioned without Secure.
    PartitionedWithoutSecure,
    /// 6265bis 5.7 step 20: a `__Secure-` name without Secure.
    SecurePrefix,
    /// 6265bis 5.7 step 21: a `__Host-` name without Secure, not host-only, or without Path=/.
    HostPrefix,
    /// Layered draft, Store a Cookie: a `__Http-` name without Secure and HttpOnly.
    HttpPrefix,
    /// Layered draft, Store a Cookie: a `__Host-Http-` name that does not meet both prefixes.
    HostHttpPrefix,
    /// 6265bis 5.7 step 22 (and the layered draft): a nameless cookie whose value starts with a
    /// reserved prefix, which a server would read as a prefixed name.
    NamelessWithPrefix,
    /// 6265bis 5.7 step 23.2: a non-HTTP API may not overwrite an HttpOnly cookie.
    OverwritesHttpOnlyFromNonHttpApi,
    /// A restored cookie's name could not have come from 6265bis 5.6 steps 2-4: it contains "="
    /// or ";", or starts or ends with a space or tab.
    InvalidName,
    /// A restored cookie's value could not have come from 6265bis 5.6 steps 2-4: it contains ";",
    /// or starts or ends with a space or tab.
    InvalidValue,
    /// A restored cookie's domain is not a canonical host (6265bis 5.1.2): lower case, no leading
    /// dot, as a URL parser outputs it.
    InvalidDomain,
    /// A restored cookie's path does not start with "/" or has a control character (6265bis
    /// 5.6.4, 5.6 step 1).
    InvalidPath,
    /// CHIPS: a restored cookie's partition key is not a schemeful site ("https://example.com").
    InvalidPartitionKey,
    /// Not in the spec: the cookie's domain, or the host of its partition key, is longer than
    /// 253 octets, the most a DNS name has (RFC 1035 2.3.4), so no request reaches it. It keeps
    /// every stored domain short, which bounds a retrieval's lookups whatever the request host.
    DomainTooLong,
    /// Not in the spec: the cookie's path (the default-path of a long request path) is longer
    /// than 1024 octets, the most 6265bis 5.6 keeps of a Path attribute. It bounds the memory a
    /// cookie takes.
    PathTooLong,
    /// Not in the spec: the policy's `blocked_domains` entry at this index matches the cookie's
    /// domain.
    BlockedDomain(usize),
    /// Not in the spec: the policy has `allowed_domains`, and none matches the cookie's domain.
    NotAllowedDomain,
    /// Not in the spec: the policy blocks (unpartitioned) cookies in third-party contexts.
    ThirdPartyBlocked,
    /// Not in the spec: the policy's `accept` callback refused the cookie.
    RejectedByPolicy,
}

impl Rejection {
    /// A stable code for programs to branch on.
    pub fn code(self) -> &'static str {
        match self {
            Rejection::ControlCharacter => "control-character",
            Rejection::NameValueTooLong => "name-value-too-long",
            Rejection::EmptyNameAndValue => "empty-name-and-value",
            Rejection::NonCookieableScheme => "non-cookieable-scheme",
            Rejection::DomainNotAscii => "domain-not-ascii",
            Rejection::DomainIsPublicSuffix => "domain-is-public-suffix",
            Rejection::DomainMismatch => "domain-mismatch",
            Rejection::SecureFromInsecureOrigin => "secure-from-insecure-origin",
            Rejection::HttpOnlyFromNonHttpApi => "httponly-from-non-http-api",
            Rejection::OverlaysSecureCookie => "overlays-secure-cookie",
            Rejection::SameSiteFromCrossSiteScript => "samesite-from-cross-site-script",
            Rejection::SameSiteFromCrossSiteRequest => "samesite-from-cross-site-request",
            Rejection::SameSiteNoneWithoutSecure => "samesite-none-without-secure",
            Rejection::PartitionedWithoutSecure => "partitioned-without-secure",
            Rejection::SecurePrefix => "secure-prefix",
            Rejection::HostPrefix => "host-prefix",
            Rejection::HttpPrefix => "http-prefix",
            Rejection::HostHttpPrefix => "host-http-prefix",
            Rejection::NamelessWithPrefix => "nameless-with-prefix",
            Rejection::OverwritesHttpOnlyFromNonHttpApi => "overwrites-httponly-from-non-http-api",
            Rejection::InvalidName => "invalid-name",
            Rejection::InvalidValue => "invalid-value",
            Rejection::InvalidDomain => "invalid-domain",
            Rejection::InvalidPath => "invalid-path",
            Rejection::InvalidPartitionKey => "invalid-partition-key",
            Rejection::DomainTooLong => "domain-too-long",
            Rejection::PathTooLong => "path-too-long",
            Rejection::BlockedDomain(_) => "blocked-domain",
            Rejection::NotAllowedDomain => "not-allowed-domain",
            Rejection::ThirdPartyBlocked => "third-party-blocked",
            Rejection::RejectedByPolicy => "rejected-by-policy",
        }
    }

    /// One sentence for people, naming the rule.
    pub fn message(self) -> &'static str {
        match self {
            Rejection::ControlCharacter => "the line contains a control character other than tab (6265bis 5.6 step 1)",
            Rejection::NameValueTooLong => "name and value together exceed 4096 octets (6265bis 5.6 step 5)",
            Rejection::EmptyNameAndValue => "both name and value are empty (6265bis 5.7 step 2)",
            Rejection::NonCookieableScheme => "cookies are only for http, https, ws and wss URLs",
            Rejection::DomainNotAscii => "the Domain attribute is not ASCII (6265bis 5.7 step 8)",
            Rejection::DomainIsPublicSuffix => "the Domain attribute is a public suffix (6265bis 5.7 step 9)",
            Rejection::DomainMismatch => "the request host does not domain-match the Domain attribute (6265bis 5.7 step 10)",
            Rejection::SecureFromInsecureOrigin => "a Secure cookie needs a secure origin (6265bis 5.7 step 13)",
            Rejection::HttpOnlyFromNonHttpApi => "an HttpOnly cookie cannot be set from a script (6265bis 5.7 step 15)",
            Rejection::OverlaysSecureCookie => "it would overlay a Secure cookie from an insecure origin (6265bis 5.7 step 16)",
            Rejection::SameSiteFromCrossSiteScript => "a script in a cross-site document cannot set it (6265bis 5.7 step 18.1)",
            Rejection::SameSiteFromCrossSiteRequest => "a Strict, Lax or default cookie from a cross-site request that is not a top-level navigation (6265bis 5.7 step 18.4)",
            Rejection::SameSiteNoneWithoutSecure => "SameSite=None requires Secure (6265bis 5.7 step 19)",
            Rejection::PartitionedWithoutSecure => "Partitioned requires Secure (CHIPS)",
            Rejection::SecurePrefix => "a __Secure- cookie requires Secure (6265bis 5.7 step 20)",
            Rejection::HostPrefix => "a __Host- cookie must be Secure and host-only, with Path=/ (6265bis 5.7 step 21)",
            Rejection::HttpPrefix => "a __Http- cookie requires Secure and HttpOnly (layered cookies)",
            Rejection::HostHttpPrefix => "a __Host-Http- cookie must be Secure, HttpOnly and host-only, with Path=/ (layered cookies)",
            Rejection::NamelessWithPrefix => "a nameless cookie's value cannot start with a cookie prefix (6265bis 5.7 step 22)",
            Rejection::OverwritesHttpOnlyFromNonHttpApi => "a script cannot overwrite an HttpOnly cookie (6265bis 5.7 step 23.2)",
            Rejection::InvalidName => "the name contains \"=\" or \";\" or starts or ends with whitespace, which no Set-Cookie line can give (6265bis 5.6)",
            Rejection::InvalidValue => "the value contains \";\" or starts or ends with whitespace, which no Set-Cookie line can give (6265bis 5.6)",
            Rejection::InvalidDomain => "the domain is not a canonical host name: lower case, without a leading dot (6265bis 5.1.2)",
            Rejection::InvalidPath => "the path does not start with \"/\" or contains a control character (6265bis 5.6.4)",
            Rejection::InvalidPartitionKey => "the partition key is not a schemeful site such as \"https://example.com\" (CHIPS)",
            Rejection::DomainTooLong => "the cookie's domain, or its partition's top-level site, is longer than 253 octets, the most a DNS name has",
            Rejection::PathTooLong => "the cookie's path is longer than 1024 octets, the most 6265bis 5.6 keeps of a Path attribute",
            Rejection::BlockedDomain(_) => "the cookie's domain is blocked by the policy's blockedDomains",
            Rejection::NotAllowedDomain => "the cookie's domain is not in the policy's allowedDomains",
            Rejection::ThirdPartyBlocked => "the policy blocks third-party cookies (thirdParty), and this is a third-party context",
            Rejection::RejectedByPolicy => "the policy's accept callback refused it",
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// Not in the spec: something about a Set-Cookie line that does not change the decision but is
/// most likely a mistake of the caller's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Warning {
    /// The line looks like several Set-Cookie header fields joined with commas, as
    /// `Headers.get('set-cookie')` returns them. 6265bis never splits a line at commas (they are
    /// legal in values and in Expires dates), so it was read as one cookie.
    CommaJoinedLines,
}

impl Warning {
    pub fn code(self) -> &'static str {
        match self {
            Warning::CommaJoinedLines => "comma-joined-lines",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Warning::CommaJoinedLines => "this line looks like several Set-Cookie header fields joined by commas, which headers.get('set-cookie') returns, and was read as one cookie: pass the fields one by one, with headers.getSetCookie()",
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// Why a stored cookie whose domain was considered for a retrieval was not included
/// (6265bis 5.8 step 3, CHIPS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Withheld {
    /// Its expiry-time has passed (6265bis 5.7, expired cookies are evicted).
    Expired,
    /// A host-only cookie and the request host is a subdomain of its host.
    HostOnly,
    /// Its domain is a public suffix (a suffix-list change since it was set).
    DomainIsPublicSuffix,
    /// The request path does not path-match the cookie's path.
    PathMismatch,
    /// A Secure cookie and the request is not over a secure connection.
    Secure,
    /// An HttpOnly cookie and the retrieval is for a non-HTTP API.
    HttpOnly,
    /// SameSite=Strict on a cross-site request.
    SameSiteStrict,
    /// SameSite=Lax (or no SameSite) on a cross-site request that is not a top-level navigation
    /// with a safe method.
    SameSiteLax,
    /// A partitioned cookie and the request's top-level site is not its partition.
    Partition,
    /// Not in the spec: the policy's `blocked_domains` entry at this index matches its domain.
    BlockedDomain(usize),
    /// Not in the spec: the policy has `allowed_domains`, and none matches its domain.
    NotAllowedDomain,
    /// Not in the spec: the policy blocks (unpartitioned) cookies in third-party contexts.
    ThirdPartyBlocked,
    /// Not in the spec: the policy's `send` callback withheld it.
    WithheldByPolicy,
}

impl Withheld {
    pub fn code(self) -> &'static str {
        match self {
            Withheld::Expired => "expired",
            Withheld::HostOnly => "host-only",
            Withheld::DomainIsPublicSuffix => "domain-is-public-suffix",
            Withheld::PathMismatch => "path-mismatch",
            Withheld::Secure => "secure",
            Withheld::HttpOnly => "httponly",
            Withheld::SameSiteStrict => "samesite-strict",
            Withheld::SameSiteLax => "samesite-lax",
            Withheld::Partition => "partition",
            Withheld::BlockedDomain(_) => "blocked-domain",
            Withheld::NotAllowedDomain => "not-allowed-domain",
            Withheld::ThirdPartyBlocked => "third-party-blocked",
            Withheld::WithheldByPolicy => "withheld-by-policy",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Withheld::Expired => "the cookie has expired",
            Withheld::HostOnly => "a host-only cookie is sent to its own host only (6265bis 5.8 step 3)",
            Withheld::DomainIsPublicSuffix => "its domain is a public suffix (6265bis 5.8 step 3)",
            Withheld::PathMismatch => "the request path does not path-match the cookie path (6265bis 5.8 step 3)",
            Withheld::Secure => "a Secure cookie is sent over secure connections only (6265bis 5.8 step 3)",
            Withheld::HttpOnly => "an HttpOnly cookie is not visible to scripts (6265bis 5.8 step 3)",
            Withheld::SameSiteStrict => "SameSite=Strict withholds it from cross-site requests (6265bis 5.8 step 3)",
            Withheld::SameSiteLax => "SameSite=Lax (the default) sends it cross-site only on top-level navigations with a safe method (6265bis 5.8 step 3)",
            Withheld::Partition => "a partitioned cookie is sent only under its own top-level site (CHIPS)",
            Withheld::BlockedDomain(_) => "its domain is blocked by the policy's blockedDomains",
            Withheld::NotAllowedDomain => "its domain is not in the policy's allowedDomains",
            Withheld::ThirdPartyBlocked => "the policy blocks third-party cookies (thirdParty), and this is a third-party context",
            Withheld::WithheldByPolicy => "the policy's send callback withheld it",
        }
    }
}

impl fmt::Display for Withheld {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}
