//! Restoring a saved cookie is a decision: every rule a stored cookie obeys is checked again, a
//! twin is replaced, the limits apply, and `records` gives back what was restored.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers fail the test by panicking")]

mod support;

use cookie_engine::{
    CookieJar, CookieRecord, ExportOptions, JarConfig, Limits, Priority, Rejection, RequestContext, SameSite,
    Stored,
};
use support::{header, set, NOW};

const HOUR: i64 = 3_600_000;
const ALL: ExportOptions = ExportOptions { include_session: true, include_expired: true };

/// A valid Secure Domain cookie of example.com, created an hour ago.
fn record() -> CookieRecord {
    let mut record = CookieRecord::new("sid", "abc", "example.com", false, "/", NOW - HOUR);
    (record.expires, record.secure) = (Some(NOW + HOUR), true);
    record
}

/// Every rule of `restore`: a change to the valid record, and the code it gets.
#[test]
fn rejections() {
    type Change = fn(&mut CookieRecord);
    #[rustfmt::skip]
    let cases: &[(&str, Change, Result<&str, &str>)] = &[
        ("valid", |_| {}, Ok("new")),
        // 6265bis 5.6 step 1.
        ("control character in the name", |r| r.name = "s\u{1}d".into(), Err("control-character")),
        ("control character in the value", |r| r.value = "a\rb".into(), Err("control-character")),
        ("DEL in the value", |r| r.value = "a\u{7f}".into(), Err("control-character")),
        ("a tab inside the value is allowed", |r| r.value = "a\tb".into(), Ok("new")),
        // 5.6 step 5, 5.7 step 2.
        ("4096 octets", |r| (r.name, r.value) = ("n".repeat(96), "v".repeat(4000)), Ok("new")),
        ("4097 octets", |r| (r.name, r.value) = ("n".repeat(97), "v".repeat(4000)), Err("name-value-too-long")),
        ("empty name and value", |r| (r.name, r.value) = (String::new(), String::new()), Err("empty-name-and-value")),
        ("nameless", |r| r.name = String::new(), Ok("new")),
        ("nameless with \"=\" in the value (\"=a=b\")", |r| (r.name, r.value) = (String::new(), "a=b".into()), Ok("new")),
        ("empty value", |r| r.value = String::new(), Ok("new")),
        // What 5.6 steps 2-4 cannot produce.
        ("\"=\" in the name", |r| r.name = "a=b".into(), Err("invalid-name")),
        ("\";\" in the name", |r| r.name = "a;b".into(), Err("invalid-name")),
        ("leading space in the name", |r| r.name = " sid".into(), Err("invalid-name")),
        ("trailing tab in the name", |r| r.name = "sid\t".into(), Err("invalid-name")),
        ("space inside the name", |r| r.name = "s id".into(), Ok("new")),
        ("\";\" in the value", |r| r.value = "a;b".into(), Err("invalid-value")),
        ("trailing space in the value", |r| r.value = "abc ".into(), Err("invalid-value")),
        ("leading tab in the value", |r| r.value = "\tabc".into(), Err("invalid-value")),
        ("\"=\" and \",\" in the value", |r| r.value = "a=b,c".into(), Ok("new")),
        // 5.1.2: a canonical host.
        ("leading dot", |r| r.domain = ".example.com".into(), Err("invalid-domain")),
        ("upper case", |r| r.domain = "Example.com".into(), Err("invalid-domain")),
        ("empty domain", |r| r.domain = String::new(), Err("invalid-domain")),
        ("space in the domain", |r| r.domain = "exa mple.com".into(), Err("invalid-domain")),
        ("U-label", |r| r.domain = "bücher.example".into(), Err("invalid-domain")),
        ("not an IPv4 address", |r| r.domain = "1.2.3.999".into(), Err("invalid-domain")),
        ("A-label", |r| r.domain = "xn--bcher-kva.example".into(), Ok("new")),
        ("IPv4 Domain cookie", |r| r.domain = "127.0.0.1".into(), Ok("new")),
        ("IPv6 host-only cookie", |r| (r.domain, r.host_only) = ("[::1]".into(), true), Ok("new")),
        // 5.7 step 9.
        ("Domain cookie on a public suffix", |r| r.domain = "co.uk".into(), Err("domain-is-public-suffix")),
        ("Domain cookie on a private suffix", |r| r.domain = "github.io".into(), Err("domain-is-public-suffix")),
        ("Domain cookie on a single label", |r| r.domain = "localhost".into(), Err("domain-is-public-suffix")),
        ("host-only cookie on a public suffix host", |r| (r.domain, r.host_only) = ("github.io".into(), true), Ok("new")),
        // 5.6.4.
        ("relative path", |r| r.path = "a/b".into(), Err("invalid-path")),
        ("empty path", |r| r.path = String::new(), Err("invalid-path")),
        ("control character in the path", |r| r.path = "/a\nb".into(), Err("invalid-path")),
        ("\";\" in a path (from a URL's default-path)", |r| r.path = "/a;b".into(), Ok("new")),
        // Not in the spec: the lengths that bound a cookie.
        ("a 1025-octet path", |r| r.path = format!("/{}", "p".repeat(1024)), Err("path-too-long")),
        ("a 1024-octet path", |r| r.path = format!("/{}", "p".repeat(1023)), Ok("new")),
        ("a 254-octet domain", |r| r.domain = format!("{}.example.com", "d".repeat(242)), Err("domain-too-long")),
        ("a partition key of a 254-octet host", |r| r.partition_key = Some(format!("https://{}.example", "t".repeat(246))), Err("domain-too-long")),
        // CHIPS.
        ("partitioned", |r| r.partition_key = Some("https://top.example".into()), Ok("new")),
        ("partition key of an http site", |r| r.partition_key = Some("http://top.example".into()), Ok("new")),
        ("partition key not a site", |r| r.partition_key = Some("https://www.example.com".into()), Err("invalid-partition-key")),
        ("partition key with a path", |r| r.partition_key = Some("https://example.com/".into()), Err("invalid-partition-key")),
        ("partition key without a scheme", |r| r.partition_key = Some("example.com".into()), Err("invalid-partition-key")),
        ("partition key of a ws URL", |r| r.partition_key = Some("wss://example.com".into()), Err("invalid-partition-key")),
        ("partition key in upper case", |r| r.partition_key = Some("https://EXAMPLE.com".into()), Err("invalid-partition-key")),
        ("partitioned, not Secure", |r| (r.partition_key, r.secure) = (Some("https://top.example".into()), false), Err("partitioned-without-secure")),
        // 5.7 step 19.
        ("SameSite=None, Secure", |r| r.same_site = SameSite::None, Ok("new")),
        ("SameSite=None, not Secure", |r| (r.same_site, r.secure) = (SameSite::None, false), Err("samesite-none-without-secure")),
        // 5.7 steps 20-22 and the layered draft.
        ("__Secure- without Secure", |r| (r.name, r.secure) = ("__Secure-a".into(), false), Err("secure-prefix")),
        ("__secure- (any case) without Secure", |r| (r.name, r.secure) = ("__secure-a".into(), false), Err("secure-prefix")),
        ("__Secure- with Secure", |r| r.name = "__Secure-a".into(), Ok("new")),
        ("__Host- on a Domain cookie", |r| r.name = "__Host-a".into(), Err("host-prefix")),
        ("__Host- host-only", |r| (r.name, r.host_only) = ("__Host-a".into(), true), Ok("new")),
        ("__Host- with a path", |r| (r.name, r.host_only, r.path) = ("__Host-a".into(), true, "/a".into()), Err("host-prefix")),
        ("__Http- without HttpOnly", |r| r.name = "__Http-a".into(), Err("http-prefix")),
        ("__Http- with HttpOnly", |r| (r.name, r.http_only) = ("__Http-a".into(), true), Ok("new")),
        ("__Host-Http- without HttpOnly", |r| (r.name, r.host_only) = ("__Host-Http-a".into(), true), Err("host-http-prefix")),
        ("__Host-Http- as it must be", |r| (r.name, r.host_only, r.http_only) = ("__Host-Http-a".into(), true, true), Ok("new")),
        ("nameless with a prefix value", |r| (r.name, r.value) = (String::new(), "__Host-x".into()), Err("nameless-with-prefix")),
        // 6265bis 5.5 and our clock rule.
        ("expired", |r| r.expires = Some(NOW), Ok("expired")),
        ("long expired", |r| r.expires = Some(i64::MIN), Ok("expired")),
        ("session cookie", |r| r.expires = None, Ok("new")),
        ("created in the future", |r| r.creation_time = NOW + HOUR, Ok("new")),
    ];
    for (description, change, want) in cases {
        let mut record = record();
        change(&mut record);
        let mut jar = CookieJar::new();
        let got = jar.restore(&record, NOW).map(Stored::code).map_err(Rejection::code);
        assert_eq!(got, *want, "{description}");
        let stored = want.is_ok_and(|code| code == "new");
        assert_eq!(jar.len(), usize::from(stored), "{description}");
        if let Err(code) = want {
            let rejection = jar.restore(&record, NOW).unwrap_err();
            assert!(
                !rejection.message().is_empty() && rejection.to_string() == rejection.message(),
                "{code}"
            );
        }
    }
}

#[test]
fn what_is_restored_is_what_records_gives() {
    let mut jar = CookieJar::new();
    let mut partitioned = record();
    (partitioned.partition_key, partitioned.same_site, partitioned.priority) =
        (Some("https://top.example".into()), SameSite::None, Priority::High);
    for r in [record(), partitioned.clone()] {
        assert_eq!(jar.restore(&r, NOW), Ok(Stored::New));
    }
    assert_eq!(jar.records(NOW, &ALL), [record(), partitioned]);
}

#[test]
fn times() {
    let mut jar = CookieJar::new();
    // The age limit caps the expiry; times ahead of the clock are clamped to it.
    let mut r = record();
    (r.expires, r.creation_time, r.last_access_time) = (Some(i64::MAX), NOW + HOUR, NOW + 2 * HOUR);
    jar.restore(&r, NOW).unwrap();
    let restored = &jar.records(NOW, &ALL)[0];
    let limit = JarConfig::default().max_age_seconds * 1000;
    assert_eq!(
        (restored.expires, restored.creation_time, restored.last_access_time),
        (Some(NOW + limit), NOW, NOW)
    );
    // A last access before the creation is kept as it is.
    let mut jar = CookieJar::new();
    let mut r = record();
    r.last_access_time = NOW - 2 * HOUR;
    jar.restore(&r, NOW).unwrap();
    assert_eq!(jar.records(NOW, &ALL)[0].last_access_time, NOW - 2 * HOUR);
}

/// A twin is replaced and the record keeps its own creation-time, so its place: restoring an
/// older "b" puts it before "a" where `set_cookie` would keep "b"'s old place.
#[test]
fn twins_are_replaced_at_the_record_s_place() {
    let mut jar = CookieJar::new();
    let context = RequestContext::default();
    set(&mut jar, "b=1; Path=/", "https://example.com/", &context, NOW);
    set(&mut jar, "a=1; Path=/", "https://example.com/", &context, NOW + 1);
    assert_eq!(header(&mut jar, "https://example.com/", &context, NOW + 2), "b=1; a=1");
    let mut older_a = record();
    (older_a.name, older_a.value, older_a.host_only, older_a.secure) = ("a".into(), "2".into(), true, false);
    assert_eq!(jar.restore(&older_a, NOW + 2), Ok(Stored::Replaced));
    assert_eq!(header(&mut jar, "https://example.com/", &context, NOW + 2), "a=2; b=1");
    assert_eq!(jar.len(), 2);
    // A twin that had expired is not "replaced": the record is new.
    let mut jar = CookieJar::new();
    set(&mut jar, "a=1; Max-Age=1", "https://example.com/", &context, NOW);
    assert_eq!(jar.restore(&older_a, NOW + 5000), Ok(Stored::New));
    assert_eq!(jar.len(), 1);
    // An expired record leaves its twin alone.
    let mut expired = older_a.clone();
    expired.expires = Some(NOW);
    assert_eq!(jar.restore(&expired, NOW + 5000), Ok(Stored::Expired));
    assert_eq!(header(&mut jar, "https://example.com/", &context, NOW + 5000), "a=2");
}

/// The limits apply as for any insertion: the least recently accessed go first.
#[test]
fn limits_apply() {
    let limits =
        Limits { per_site: 5, per_site_purge_to: 3, total: 100, total_purge_to: 90, ..Limits::default() };
    let mut jar = CookieJar::with_config(JarConfig { limits, ..JarConfig::default() }).unwrap();
    for i in 0..6 {
        let mut r = record();
        (r.name, r.last_access_time) = (format!("c{i}"), NOW - HOUR + i);
        jar.restore(&r, NOW).unwrap();
    }
    let names: Vec<String> = jar.records(NOW, &ALL).into_iter().map(|r| r.name).collect();
    assert_eq!(names, ["c3", "c4", "c5"]);
}

#[test]
fn records_options() {
    let mut jar = CookieJar::new();
    let context = RequestContext::default();
    set(&mut jar, "persistent=1; Max-Age=60", "https://example.com/", &context, NOW);
    set(&mut jar, "session=1", "https://example.com/", &context, NOW + 1);
    set(&mut jar, "short=1; Max-Age=1", "https://example.com/", &context, NOW + 2);
    let later = NOW + 10_000;
    let names = |options: ExportOptions| -> Vec<String> {
        jar.records(later, &options).into_iter().map(|r| r.name).collect()
    };
    assert_eq!(names(ExportOptions::default()), ["persistent"]);
    assert_eq!(
        names(ExportOptions { include_session: true, ..ExportOptions::default() }),
        ["persistent", "session"]
    );
    assert_eq!(
        names(ExportOptions { include_expired: true, ..ExportOptions::default() }),
        ["persistent", "short"]
    );
    assert_eq!(names(ALL), ["persistent", "session", "short"]);
}
