//! The jar's invariants, checked after every step of a generated sequence of operations: by the
//! property tests (`tests/invariants.rs`) and by the `jar_operations` fuzz target (`fuzz/`),
//! which includes this file. Each check reimplements what it needs (domain and path matching)
//! plainly from 6265bis, rather than calling the jar's own code, and panics with what broke.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code fails by panicking"
)]

use cookie_engine::{
    Api, Cookie, CookieJar, CookieRecord, ExportOptions, Format, Limits, RequestContext, RequestUrl, SameSite,
};

/// 6265bis 5.1.3, plainly: the string is the domain, or a domain name ending in "." + domain.
pub fn domain_matches(host: &str, host_is_ip: bool, domain: &str) -> bool {
    host == domain
        || (!host_is_ip && host.ends_with(domain) && host[..host.len() - domain.len()].ends_with('.'))
}

/// 6265bis 5.1.4, plainly.
pub fn path_matches(request_path: &str, cookie_path: &str) -> bool {
    request_path == cookie_path
        || (request_path.starts_with(cookie_path)
            && (cookie_path.ends_with('/') || request_path[cookie_path.len()..].starts_with('/')))
}

fn is_ip(host: &str) -> bool {
    host.starts_with('[')
        || host.rsplit('.').next().is_some_and(|label| label.bytes().all(|b| b.is_ascii_digit()))
}

/// The jar's site (the limits' unit) of a cookie: the registrable domain the jar keys it under,
/// as its public `Site` gives it (without the scheme).
fn site_of(cookie: &Cookie) -> String {
    let url = RequestUrl::from_parts("https", cookie.domain(), "/").unwrap();
    url.site().as_str().trim_start_matches("https://").to_owned()
}

/// What every stored cookie and the jar as a whole must satisfy, whatever happened before.
pub fn check_jar(jar: &CookieJar, limits: &Limits) {
    let all: Vec<&Cookie> = jar.cookies(i64::MIN).collect();
    assert_eq!(all.len(), jar.len(), "the count is the cookies'");
    assert!(jar.len() <= limits.total, "{} cookies over the total limit {}", jar.len(), limits.total);
    let mut groups: std::collections::HashMap<(String, Option<String>), (usize, usize)> = Default::default();
    for cookie in &all {
        let (name, value, domain, path) = (cookie.name(), cookie.value(), cookie.domain(), cookie.path());
        assert!(!domain.is_empty() && domain.len() <= 254 && !domain.starts_with('.'), "{cookie:?}");
        assert!(path.starts_with('/') && path.len() <= 1024, "{cookie:?}");
        assert!(name.len() + value.len() <= 4096 && !(name.is_empty() && value.is_empty()), "{cookie:?}");
        let bad = |s: &str| s.contains(';') || s.bytes().any(|b| b < 0x20 && b != b'\t' || b == 0x7f);
        assert!(!bad(name) && !bad(value) && !name.contains('='), "{cookie:?}");
        assert!(cookie.partition_key().is_none() || cookie.secure(), "partitioned, not Secure: {cookie:?}");
        assert!(
            cookie.same_site() != SameSite::None || cookie.secure(),
            "SameSite=None, not Secure: {cookie:?}"
        );
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("__secure-") || lower.starts_with("__http-") {
            assert!(cookie.secure(), "{cookie:?}");
        }
        if lower.starts_with("__host-") {
            assert!(cookie.secure() && cookie.host_only() && path == "/", "{cookie:?}");
        }
        if lower.starts_with("__http-") || lower.starts_with("__host-http-") {
            assert!(cookie.http_only(), "{cookie:?}");
        }
        let group = groups.entry((site_of(cookie), cookie.partition_key().map(str::to_owned))).or_default();
        group.0 += 1;
        group.1 += name.len() + value.len();
    }
    for ((site, partition), (count, bytes)) in groups {
        assert!(
            count <= limits.per_site,
            "{count} cookies in {site} {partition:?}, over {}",
            limits.per_site
        );
        if partition.is_some() {
            assert!(bytes <= limits.partitioned_bytes_per_site, "{bytes} bytes in {site} {partition:?}");
        }
    }
}

/// A retrieval sends only what 6265bis 5.8 and CHIPS allow, and `cookie_header` is exactly the
/// `sent` part of `explain_retrieval`, in its order.
pub fn check_retrieval(jar: &mut CookieJar, url: &RequestUrl<'_>, context: &RequestContext, now: i64) {
    // CHIPS: the partition is the top-level document's site; a top-level navigation's document
    // is the page it loads.
    let partition = match &context.top_level_site {
        Some(site) if !context.top_level_navigation => site.clone(),
        _ => url.site(),
    };
    let host_is_ip = is_ip(url.host());
    let sent: Vec<String> = jar
        .explain_retrieval(url, context, now)
        .iter()
        .filter(|decision| decision.withheld.is_none())
        .map(|decision| {
            let cookie = decision.cookie;
            assert!(!cookie.secure() || url.is_secure(), "a Secure cookie to an insecure URL: {cookie:?}");
            assert!(
                if cookie.host_only() {
                    cookie.domain() == url.host()
                } else {
                    domain_matches(url.host(), host_is_ip, cookie.domain())
                },
                "{cookie:?} to host {}",
                url.host()
            );
            assert!(path_matches(url.path(), cookie.path()), "{cookie:?} to path {}", url.path());
            assert!(
                !cookie.http_only() || context.api == Api::Http,
                "HttpOnly to the script API: {cookie:?}"
            );
            assert!(
                cookie.partition_key().is_none_or(|key| key == partition.as_str()),
                "{cookie:?} outside its partition {partition}"
            );
            assert!(!cookie.is_expired(now), "{cookie:?}");
            match cookie.name() {
                "" => cookie.value().to_owned(),
                name => format!("{name}={}", cookie.value()),
            }
        })
        .collect();
    assert_eq!(jar.cookie_header(url, context, now), sent.join("; "), "the header is explain's sent cookies");
}

/// A cookie's identity and what a replacement changes, to compare a jar before and after a set.
pub type Snapshot = Vec<(String, String, String, bool, Option<String>, String, bool, bool)>;

/// The jar's live cookies at `now` (for 6265bis an expired cookie is no longer in the store).
pub fn snapshot(jar: &CookieJar, now: i64) -> Snapshot {
    let mut cookies: Snapshot = jar
        .cookies(now)
        .map(|c| {
            let identity = (c.name().to_owned(), c.domain().to_owned(), c.path().to_owned(), c.host_only());
            let key = c.partition_key().map(str::to_owned);
            (
                identity.0,
                identity.1,
                identity.2,
                identity.3,
                key,
                c.value().to_owned(),
                c.secure(),
                c.http_only(),
            )
        })
        .collect();
    cookies.sort();
    cookies
}

/// A set from `url` in `context` changed the jar from `before` to `after`: the script API never
/// created or overwrote an HttpOnly cookie, and a non-secure origin never added a cookie that a
/// live Secure one of the same name shadows (6265bis 5.7 step 16) nor overwrote a Secure one.
/// (Cookies may have gone: a set can evict.)
pub fn check_set(before: &Snapshot, after: &Snapshot, url: &RequestUrl<'_>, context: &RequestContext) {
    let added: Vec<_> = after.iter().filter(|cookie| !before.contains(cookie)).collect();
    for new in &added {
        let (name, domain, path, secure, http_only) = (&new.0, &new.1, &new.2, new.6, new.7);
        if context.api == Api::NonHttp {
            assert!(!http_only, "the script API created or overwrote an HttpOnly cookie: {new:?}");
            let overwrote_http_only = before.iter().any(|old| {
                old.7
                    && old.0 == new.0
                    && old.1 == new.1
                    && old.2 == new.2
                    && old.3 == new.3
                    && old.4 == new.4
            });
            assert!(!overwrote_http_only, "the script API overwrote an HttpOnly cookie: {new:?}");
        }
        if !url.is_secure() {
            assert!(!secure, "a Secure cookie from an insecure origin: {new:?}");
            let shadowed = before.iter().any(|old| {
                old.6
                    && &old.0 == name
                    && (domain_matches(&old.1, false, domain) || domain_matches(domain, false, &old.1))
                    && path_matches(path, &old.2)
            });
            assert!(!shadowed, "a non-secure origin shadowed or overwrote a Secure cookie: {new:?}");
        }
    }
}

/// Every export and import round trip keeps what the format carries: our JSON restores the same
/// records; every other format, exported again after an import, gives the same text.
pub fn check_round_trips(jar: &CookieJar, now: i64) {
    let all = ExportOptions { include_session: true, include_expired: false };
    let records = jar.records(now, &all);
    let json = jar.export(Format::Json, now, &all);
    let mut restored = CookieJar::with_config(jar.config().clone()).unwrap();
    let report = restored.import(Format::Json, &json, now).unwrap();
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(restored.records(now, &all), records, "our JSON is the identity");
    for format in [Format::Netscape, Format::Lwp, Format::ToughCookie, Format::Playwright, Format::Cdp] {
        let text = jar.export(format, now, &all);
        let mut copy = CookieJar::with_config(jar.config().clone()).unwrap();
        copy.import(format, &text, now).unwrap_or_else(|e| panic!("{}: {e}\n{text}", format.name()));
        assert_eq!(copy.export(format, now, &all), text, "{}: export, import, export", format.name());
        let carried: Vec<CookieRecord> = copy.records(now, &all);
        assert!(carried.len() <= records.len(), "{}: no cookie made up", format.name());
    }
}
