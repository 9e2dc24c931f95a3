//! What Playwright's `storageState()` and the DevTools protocol's `Network.Cookie` share: a
//! browser's own view of a cookie (Playwright's is Chromium's, trimmed).
//!
//! `domain` with a leading dot is a Domain cookie, without one a host-only cookie; `expires` is
//! in seconds since the epoch, with a fraction, -1 for a session cookie; `sameSite` is
//! "Strict", "Lax" or "None"; `secure` and `httpOnly` are booleans.

use super::json::Fields;
use super::{millis_to_seconds, FormatError};
use crate::cookie::{CookieRecord, SameSite};
use crate::host::{canonical_host_kind, HostKind};
use crate::psl;
use crate::site::site_domain;
use crate::UnixMillis;

pub(super) const SAME_SITE: [(&str, SameSite); 3] =
    [("Strict", SameSite::Strict), ("Lax", SameSite::Lax), ("None", SameSite::None)];

/// A cookie's `name`, `value`, `path` (or `default_path` when it has none), flags, `sameSite`
/// (missing: Default) and `expires` (missing or -1: a session cookie).
pub(super) fn read_cookie(
    fields: &Fields<'_, '_>,
    domain: &str,
    host_only: bool,
    default_path: Option<&str>,
    now: UnixMillis,
) -> Result<CookieRecord, FormatError> {
    let path = match (fields.string("path")?, default_path) {
        (Some(path), _) | (None, Some(path)) => path,
        (None, None) => return Err(fields.error("\"path\" is missing".into())),
    };
    let mut record = CookieRecord::new(
        fields.required_string("name")?,
        fields.required_string("value")?,
        domain,
        host_only,
        path,
        now,
    );
    record.expires = match fields.integer("expires", 3)? {
        None | Some(-1000) => None,
        Some(millis) => Some(millis),
    };
    record.secure = fields.flag("secure")?;
    record.http_only = fields.flag("httpOnly")?;
    record.same_site = fields.choice("sameSite", &SAME_SITE)?.unwrap_or_default();
    Ok(record)
}

/// `sameSite` as a browser writes it, when it has one.
pub(super) fn same_site_name(same_site: SameSite) -> Option<&'static str> {
    SAME_SITE.iter().find(|(_, s)| *s == same_site).map(|(name, _)| *name)
}

/// `expires` in seconds. Not in the spec: a time before the epoch is written as 0 (expired
/// too), since -1 would make it a session cookie and other negative numbers are refused by
/// Playwright.
pub(super) fn expires_in_seconds(expires: UnixMillis) -> String {
    millis_to_seconds(expires.max(0))
}

/// CHIPS' cross-site ancestor bit, which browsers keep and this library does not: true unless
/// the cookie's domain is same-site with its partition's top-level site (`key`), which is the
/// case when a site set it in its own top-level page.
pub(super) fn has_cross_site_ancestor(record: &CookieRecord, key: &str) -> bool {
    let top_level_host = key.split_once("://").map_or(key, |(_, host)| host);
    let kind = canonical_host_kind(&record.domain).unwrap_or(HostKind::Domain);
    site_domain(&record.domain, kind, psl::registrable_domain) != top_level_host
}

/// What Chromium 156 gave through Playwright 1.65 after http://www.example.com/set (mapped to a
/// local server) set `sid=abc; Path=/app; Max-Age=86400; HttpOnly; SameSite=Strict`,
/// `lang=en; Domain=example.com; Path=/; Max-Age=3600`, `plain=a b; Path=/` and `pri=1;
/// Priority=High; Max-Age=600; SameSite=Lax`, then http://localhost/top set `first=1; Secure;
/// Partitioned; SameSite=None; Path=/` and its frame from http://widget.localhost `chip=1;
/// Secure; Partitioned; SameSite=None; Path=/; Max-Age=600`.
#[cfg(test)]
pub(super) mod chromium {
    use crate::cookie::{CookieRecord, Priority, SameSite};
    use crate::UnixMillis;

    /// `Network.getAllCookies`.
    pub(in super::super) const NETWORK_COOKIES: &str = r#"{"cookies":[
        {"name":"sid","value":"abc","domain":"www.example.com","path":"/app","expires":1796158527.0799,"size":6,"httpOnly":true,"secure":false,"session":false,"sameSite":"Strict","priority":"Medium","sourceScheme":"NonSecure","sourcePort":36841},
        {"name":"lang","value":"en","domain":".example.com","path":"/","expires":1796075727.079999,"size":6,"httpOnly":false,"secure":false,"session":false,"priority":"Medium","sourceScheme":"NonSecure","sourcePort":36841},
        {"name":"plain","value":"a b","domain":"www.example.com","path":"/","expires":-1,"size":8,"httpOnly":false,"secure":false,"session":true,"priority":"Medium","sourceScheme":"NonSecure","sourcePort":36841},
        {"name":"pri","value":"1","domain":"www.example.com","path":"/","expires":1796072727.08004,"size":4,"httpOnly":false,"secure":false,"session":false,"sameSite":"Lax","priority":"High","sourceScheme":"NonSecure","sourcePort":36841},
        {"name":"first","value":"1","domain":"localhost","path":"/","expires":-1,"size":6,"httpOnly":false,"secure":true,"session":true,"sameSite":"None","priority":"Medium","sourceScheme":"Secure","sourcePort":36841,"partitionKey":{"topLevelSite":"http://localhost","hasCrossSiteAncestor":false}},
        {"name":"chip","value":"1","domain":"widget.localhost","path":"/","expires":1796072727.231124,"size":5,"httpOnly":false,"secure":true,"session":false,"sameSite":"None","priority":"Medium","sourceScheme":"Secure","sourcePort":36841,"partitionKey":{"topLevelSite":"http://localhost","hasCrossSiteAncestor":true}}
    ]}"#;

    /// Playwright's `storageState()` of the same browser context.
    pub(in super::super) const STORAGE_STATE: &str = r#"{"cookies":[
        {"name":"sid","value":"abc","domain":"www.example.com","path":"/app","expires":1796158527.0799,"httpOnly":true,"secure":false,"sameSite":"Strict"},
        {"name":"lang","value":"en","domain":".example.com","path":"/","expires":1796075727.079999,"httpOnly":false,"secure":false,"sameSite":"Lax"},
        {"name":"plain","value":"a b","domain":"www.example.com","path":"/","expires":-1,"httpOnly":false,"secure":false,"sameSite":"Lax"},
        {"name":"pri","value":"1","domain":"www.example.com","path":"/","expires":1796072727.08004,"httpOnly":false,"secure":false,"sameSite":"Lax"},
        {"name":"first","value":"1","domain":"localhost","path":"/","expires":-1,"httpOnly":false,"secure":true,"sameSite":"None","partitionKey":"http://localhost","_crHasCrossSiteAncestor":false},
        {"name":"chip","value":"1","domain":"widget.localhost","path":"/","expires":1796072727.231124,"httpOnly":false,"secure":true,"sameSite":"None","partitionKey":"http://localhost","_crHasCrossSiteAncestor":true}
    ],"origins":[]}"#;

    /// The cookies, as the DevTools protocol tells them (it carries all but the times).
    pub(in super::super) fn cookies(now: UnixMillis) -> Vec<CookieRecord> {
        let mut sid = CookieRecord::new("sid", "abc", "www.example.com", true, "/app", now);
        (sid.expires, sid.http_only, sid.same_site) = (Some(1_796_158_527_079), true, SameSite::Strict);
        let mut lang = CookieRecord::new("lang", "en", "example.com", false, "/", now);
        lang.expires = Some(1_796_075_727_079);
        let plain = CookieRecord::new("plain", "a b", "www.example.com", true, "/", now);
        let mut pri = CookieRecord::new("pri", "1", "www.example.com", true, "/", now);
        (pri.expires, pri.same_site, pri.priority) = (Some(1_796_072_727_080), SameSite::Lax, Priority::High);
        let partitioned = |name: &str, domain: &str| {
            let mut record = CookieRecord::new(name, "1", domain, true, "/", now);
            (record.secure, record.same_site) = (true, SameSite::None);
            record.partition_key = Some("http://localhost".into());
            record
        };
        let mut chip = partitioned("chip", "widget.localhost");
        chip.expires = Some(1_796_072_727_231);
        vec![sid, lang, plain, pri, partitioned("first", "localhost"), chip]
    }
}
