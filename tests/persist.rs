//! Saved jars: every format round-trips jars made by real `set_cookie` calls (hosts under
//! several public suffixes, IP addresses, paths, attributes, partitions), exactly for the own
//! format and up to the fields a format lacks for the others; imports are all or nothing; hostile
//! inputs are refused without a panic.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers fail the test by panicking")]

mod support;

use cookie_engine::{
    CookieJar, CookieRecord, ExportOptions, Format, FormatErrorKind, JarConfig, Limits, Position, Priority,
    RequestContext, RequestUrl, SameSite, SiteForCookies,
};
use support::{parse_url, Rng, NOW};

const ALL: ExportOptions = ExportOptions { include_session: true, include_expired: true };

const ORIGINS: &[&str] = &[
    "https://www.example.com",
    "http://www.example.com",
    "https://api.example.com",
    "https://example.com",
    "https://shop.example.co.uk",
    "http://example.co.uk",
    "https://alice.github.io",
    "https://github.io",
    "http://127.0.0.1:8080",
    "http://[::1]",
    "http://localhost",
    "https://xn--bcher-kva.example",
    "https://widget.example",
];
const PATHS: &[&str] = &["/", "/a", "/a/b/", "/a/b/c"];
const NAMES: &[&str] =
    &["sid", "lang", "a", "b", "__Secure-s", "__Host-h", "__Http-x", "__Host-Http-y", "weird name", "n"];
const VALUES: &[&str] = &["v", "", "a b", "é☃", "\"q\"", "x=y", "a,b", "tab\there", "v2", "0"];
const ATTRIBUTES: &[&str] = &[
    "Path=/",
    "Path=/a",
    "Path=/a/b",
    "Secure",
    "HttpOnly",
    "SameSite=Strict",
    "SameSite=Lax",
    "SameSite=None",
    "SameSite=bogus",
    "Partitioned",
    "Secure; Partitioned",
    "Secure; SameSite=None; Partitioned",
    "Max-Age=3600",
    "Max-Age=86400",
    "Max-Age=0",
    "Expires=Fri, 01 Jan 2100 00:00:00 GMT",
    "Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    "Priority=High",
    "Priority=Low",
];

/// A Domain attribute for `host`: itself, a parent, a public suffix, or another site.
fn domain_attribute(rng: &mut Rng, host: &str) -> String {
    let parents: Vec<&str> = host.match_indices('.').map(|(i, _)| &host[i + 1..]).collect();
    match rng.below(4) {
        0 => format!("Domain={host}"),
        1 if !parents.is_empty() => format!("Domain=.{}", parents[rng.below(parents.len())]),
        2 => "Domain=other.example".into(),
        _ => format!("Domain={}", parents.first().copied().unwrap_or(host)),
    }
}

fn random_line(rng: &mut Rng, host: &str) -> String {
    let value = rng.pick(VALUES);
    let mut line = match rng.below(8) {
        0 if !value.is_empty() && !value.contains('=') => value.to_owned(),
        1 => format!("={value}"),
        _ => format!("{}={value}", rng.pick(NAMES)),
    };
    for _ in 0..rng.below(6) {
        line.push_str("; ");
        if rng.below(8) == 0 {
            line.push_str(&domain_attribute(rng, host));
        } else {
            line.push_str(rng.pick(ATTRIBUTES));
        }
    }
    line
}

fn site(origin: &str) -> cookie_engine::Site {
    RequestUrl::from_url(&parse_url(origin)).unwrap().site()
}

/// First-party, or embedded under another top-level site (a partition).
fn random_context(rng: &mut Rng) -> RequestContext {
    if rng.below(4) == 0 {
        let top = site(rng.pick(ORIGINS));
        RequestContext {
            site_for_cookies: SiteForCookies::Site(top.clone()),
            top_level_site: Some(top),
            ..RequestContext::default()
        }
    } else {
        RequestContext::default()
    }
}

fn random_url(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(ORIGINS), rng.pick(PATHS))
}

/// A jar made by up to `lines` Set-Cookie lines, with small limits now and then, and the time
/// after the last one.
fn random_jar(rng: &mut Rng, lines: usize) -> (CookieJar, i64) {
    let config = if rng.below(3) == 0 {
        let limits =
            Limits { per_site: 8, per_site_purge_to: 6, total: 25, total_purge_to: 20, ..Limits::default() };
        JarConfig { limits, ..JarConfig::default() }
    } else {
        JarConfig::default()
    };
    let mut jar = CookieJar::with_config(config).unwrap();
    let mut now = NOW;
    for _ in 0..rng.below(lines) + 1 {
        now += rng.below(1000) as i64;
        let url = random_url(rng);
        let parsed = parse_url(&url);
        let request = RequestUrl::from_url(&parsed).unwrap();
        let line = random_line(rng, request.host());
        let _ = jar.set_cookie(&line, &request, &random_context(rng), now);
    }
    (jar, now + 1)
}

/// The contexts headers are compared in: first-party, script, cross-site, navigations (with an
/// unsafe method too, where a recent Default cookie rides along), and partitions.
fn contexts() -> Vec<RequestContext> {
    let cross_site = SiteForCookies::Site(site("https://elsewhere.example"));
    let mut contexts = vec![
        RequestContext::default(),
        RequestContext::non_http(),
        RequestContext { site_for_cookies: cross_site.clone(), ..RequestContext::default() },
        RequestContext {
            site_for_cookies: cross_site.clone(),
            top_level_navigation: true,
            ..RequestContext::default()
        },
        RequestContext {
            site_for_cookies: cross_site,
            top_level_navigation: true,
            safe_method: false,
            ..RequestContext::default()
        },
    ];
    for top in ["https://widget.example", "https://www.example.com", "http://[::1]"] {
        contexts.push(RequestContext {
            site_for_cookies: SiteForCookies::Opaque,
            top_level_site: Some(site(top)),
            ..RequestContext::default()
        });
    }
    contexts
}

/// Asserts that two jars send the same Cookie headers everywhere (each retrieval touches the
/// cookies it sends, in both jars alike).
fn assert_same_headers(a: &mut CookieJar, b: &mut CookieJar, now: i64, what: &str) {
    let contexts = contexts();
    for origin in ORIGINS {
        for path in PATHS {
            let url = parse_url(&format!("{origin}{path}"));
            let request = RequestUrl::from_url(&url).unwrap();
            for context in &contexts {
                let (ha, hb) =
                    (a.cookie_header(&request, context, now), b.cookie_header(&request, context, now));
                assert_eq!(ha, hb, "{what}: {url} in {context:?}");
            }
        }
    }
}

/// Sets each (URL, line, context) at `now`; the outcome codes.
fn set_all(jar: &mut CookieJar, lines: &[(String, String, RequestContext)], now: i64) -> Vec<String> {
    lines.iter().map(|(url, line, context)| support::set(jar, line, url, context, now)).collect()
}

/// What a format can carry of a record, and what is left of it: `None` when the format leaves
/// the cookie out, else the record as an import gives it back at `now` (each format module
/// documents these losses).
fn as_carried(format: Format, record: &CookieRecord, now: i64) -> Option<CookieRecord> {
    let mut r = record.clone();
    let whole_seconds = |r: &mut CookieRecord| r.expires = r.expires.map(|e| e.div_euclid(1000) * 1000);
    let no_times = |r: &mut CookieRecord| (r.creation_time, r.last_access_time) = (now, now);
    let is_word = |s: &str| !s.is_empty() && !s.contains(|c: char| "=;,".contains(c) || c.is_whitespace());
    match format {
        Format::Json => {}
        Format::Netscape => {
            if r.partition_key.is_some() || [&r.name, &r.value, &r.path].iter().any(|f| f.contains('\t')) {
                return None;
            }
            no_times(&mut r);
            whole_seconds(&mut r);
            (r.same_site, r.priority) = (SameSite::Default, Priority::Medium);
        }
        Format::Lwp => {
            let word = if r.name.is_empty() { &r.value } else { &r.name };
            if r.partition_key.is_some() || !is_word(word) {
                return None;
            }
            no_times(&mut r);
            whole_seconds(&mut r);
        }
        Format::ToughCookie if r.partition_key.is_some() => return None,
        Format::ToughCookie => {}
        Format::Playwright => {
            no_times(&mut r);
            r.priority = Priority::Medium;
            if r.same_site == SameSite::Default {
                r.same_site = SameSite::Lax;
            }
        }
        Format::Cdp => no_times(&mut r),
    }
    Some(r)
}

/// The heart of it: for many random jars and every format, an export imported into a new jar
/// is the original up to what the format cannot carry (for the own format, the original):
/// the same records in the same order, the same headers everywhere, and the same evictions and
/// headers after the same cookies are set in both.
#[test]
fn every_format_round_trips() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let (mut cookies, mut partitioned, mut skipped_by_writers) = (0, 0, 0);
    for round in 0..250 {
        let (original, now) = random_jar(&mut rng, 60);
        let records = original.records(now, &ALL);
        cookies += records.len();
        partitioned += records.iter().filter(|r| r.partition_key.is_some()).count();
        let config = original.config().clone();
        let later: Vec<(String, String, RequestContext)> = (0..30)
            .map(|_| {
                let url = random_url(&mut rng);
                let host = RequestUrl::from_url(&parse_url(&url)).unwrap().host().to_owned();
                (url, random_line(&mut rng, &host), random_context(&mut rng))
            })
            .collect();
        for format in Format::ALL {
            let what = format!("round {round}, {}", format.name());
            let text = original.export(format, now, &ALL);
            let mut imported = CookieJar::with_config(config.clone()).unwrap();
            let report =
                imported.import(format, &text, now).unwrap_or_else(|e| panic!("{what}: {e}\n{text}"));
            assert_eq!(report.skipped, [], "{what}");
            // The reference: the original's records as the format carries them, restored.
            let mut reference = CookieJar::with_config(config.clone()).unwrap();
            for record in records.iter().filter_map(|r| as_carried(format, r, now)) {
                reference.restore(&record, now).unwrap();
            }
            skipped_by_writers += records.len() - reference.len();
            assert_eq!(report.restored, reference.len(), "{what}");
            assert_eq!(imported.records(now, &ALL), reference.records(now, &ALL), "{what}");
            if format == Format::Json {
                assert_eq!(imported.records(now, &ALL), records, "{what}: the own format is exact");
                assert_eq!(imported.export(format, now, &ALL), text, "{what}: and exports the same text");
            }
            assert_same_headers(&mut imported, &mut reference, now, &what);
            let later_now = now + 1000;
            assert_eq!(
                set_all(&mut imported, &later, later_now),
                set_all(&mut reference, &later, later_now),
                "{what}"
            );
            assert_eq!(
                imported.records(later_now, &ALL),
                reference.records(later_now, &ALL),
                "{what}: after more"
            );
            assert_same_headers(&mut imported, &mut reference, later_now, &what);
        }
        // And the own format against the original jar itself.
        let mut original = original;
        let mut restored = CookieJar::with_config(config).unwrap();
        restored.import(Format::Json, &original.export(Format::Json, now, &ALL), now).unwrap();
        assert_same_headers(&mut original, &mut restored, now, "json against the original");
        let later_now = now + 1000;
        assert_eq!(set_all(&mut original, &later, later_now), set_all(&mut restored, &later, later_now));
        assert_eq!(
            original.records(later_now, &ALL),
            restored.records(later_now, &ALL),
            "json: the same evictions"
        );
    }
    assert!(
        cookies > 2_000 && partitioned > 100,
        "the generator exercises jars: {cookies} cookies, {partitioned} partitioned"
    );
    assert!(skipped_by_writers > 100, "and cookies some formats cannot carry: {skipped_by_writers}");
}

/// An import into a jar that has cookies: twins are replaced with the records' creation times,
/// the others kept, and the limits apply.
#[test]
fn import_into_a_jar_with_cookies() {
    let context = RequestContext::default();
    let mut saved = CookieJar::new();
    support::set(&mut saved, "a=saved; Max-Age=3600", "https://example.com/", &context, NOW);
    let text = saved.export(Format::Json, NOW, &ALL);
    let mut jar = CookieJar::new();
    support::set(&mut jar, "b=mine; Max-Age=3600", "https://example.com/", &context, NOW + 10);
    support::set(&mut jar, "a=mine; Max-Age=3600", "https://example.com/", &context, NOW + 20);
    let report = jar.import(Format::Json, &text, NOW + 30).unwrap();
    assert_eq!((report.restored, report.skipped.len()), (1, 0));
    assert_eq!(support::header(&mut jar, "https://example.com/", &context, NOW + 30), "a=saved; b=mine");

    let limits = Limits { per_site: 10, per_site_purge_to: 5, ..Limits::default() };
    let mut jar = CookieJar::with_config(JarConfig { limits, ..JarConfig::default() }).unwrap();
    let mut many = CookieJar::new();
    for i in 0..12 {
        support::set(&mut many, &format!("c{i}=1; Max-Age=3600"), "https://example.com/", &context, NOW + i);
    }
    let report = jar.import(Format::Json, &many.export(Format::Json, NOW + 20, &ALL), NOW + 20).unwrap();
    assert_eq!(report.restored, 12);
    let names: Vec<String> = jar.records(NOW + 20, &ALL).into_iter().map(|r| r.name).collect();
    assert_eq!(names, ["c6", "c7", "c8", "c9", "c10", "c11"], "the least recently used went");
}

/// A format error anywhere leaves the jar exactly as it was.
#[test]
fn an_import_is_all_or_nothing() {
    let mut rng = Rng(7);
    let (mut jar, now) = random_jar(&mut rng, 30);
    let before = jar.records(now, &ALL);
    let mut saved = CookieJar::new();
    support::set(
        &mut saved,
        "fresh=1; Max-Age=60",
        "https://fresh.example/",
        &RequestContext::default(),
        now,
    );
    for format in Format::ALL {
        let good = saved.export(format, now, &ALL);
        let bad = match format {
            Format::Netscape => format!("{good}fresh.example\tFALSE\t/\n"),
            Format::Lwp => format!("{good}Set-Cookie3: late=1; path=\"/\"\n"),
            Format::Cdp => good.replacen("]", ", 5]", 1),
            _ => good.replacen("\"cookies\": [", "\"cookies\": [5,", 1),
        };
        assert!(jar.import(format, &bad, now).is_err(), "{}: {bad}", format.name());
        assert_eq!(jar.records(now, &ALL), before, "{}", format.name());
        assert!(jar.import(format, &good, now).is_ok(), "{}", format.name());
        jar.delete("fresh", "fresh.example", None);
        assert_eq!(jar.records(now, &ALL), before, "{}", format.name());
    }
}

#[test]
fn skipped_records_say_where_and_why() {
    let text = r#"{"version": 1, "cookies": [
        {"name": "ok", "value": "1", "domain": "example.com", "path": "/", "creationTime": 1, "hostOnly": true},
        {"name": "a;b", "value": "1", "domain": "example.com", "path": "/", "creationTime": 1, "hostOnly": true},
        {"name": "old", "value": "1", "domain": "example.com", "path": "/", "expires": 5, "creationTime": 1, "hostOnly": true},
        {"name": "ps", "value": "1", "domain": "co.uk", "path": "/", "creationTime": 0, "hostOnly": false}
    ]}"#;
    let report = CookieJar::new().import(Format::Json, text, NOW).unwrap();
    assert_eq!(report.restored, 1);
    let skipped: Vec<(Position, &str)> = report.skipped.iter().map(|s| (s.position, s.code)).collect();
    assert_eq!(
        skipped,
        [
            (Position::Index(1), "invalid-name"),
            (Position::Index(2), "expired"),
            (Position::Index(3), "domain-is-public-suffix")
        ]
    );
    assert!(report.skipped.iter().all(|s| !s.message.is_empty()));
}

/// A small saved jar of each JSON format, cut at every byte: never a panic, always a syntax error.
#[test]
fn truncated_json_is_a_syntax_error() {
    let mut jar = CookieJar::new();
    let context = RequestContext::default();
    support::set(
        &mut jar,
        "sid=é☃ \"x\"; Max-Age=60; Secure; HttpOnly",
        "https://example.com/",
        &context,
        NOW,
    );
    support::set(
        &mut jar,
        "chip=1; Secure; Partitioned; SameSite=None",
        "https://widget.example/",
        &context,
        NOW,
    );
    for format in [Format::Json, Format::ToughCookie, Format::Playwright, Format::Cdp] {
        let text = jar.export(format, NOW, &ALL);
        let bytes = text.trim_end().as_bytes();
        for cut in 0..bytes.len() {
            let truncated = String::from_utf8_lossy(&bytes[..cut]);
            let error = CookieJar::new().import(format, &truncated, NOW).unwrap_err();
            assert_eq!(error.kind, FormatErrorKind::Syntax, "{} cut at {cut}: {error}", format.name());
        }
    }
}

/// Members of the wrong type are shape errors that name the cookie.
#[test]
fn wrong_types_name_the_cookie() {
    let cases: &[(Format, &str)] = &[
        (Format::Json, r#"{"version": 1, "cookies": [{}, {"name": 1}]}"#),
        (Format::Json, r#"{"version": 1, "cookies": [{}, []]}"#),
        (
            Format::ToughCookie,
            r#"{"cookies": [{}, {"domain": "example.com", "path": "/", "secure": "yes"}]}"#,
        ),
        (
            Format::Playwright,
            r#"{"cookies": [{}, {"name": "a", "value": "b", "domain": "x.example", "path": "/", "expires": "never"}]}"#,
        ),
        (Format::Cdp, r#"[{}, {"name": "a", "value": 2, "domain": "x.example", "path": "/"}]"#),
    ];
    for (format, text) in cases {
        // The first cookie is fine for none of them; replace it with a valid one per format.
        let valid = match format {
            Format::Json => {
                r#"{"name": "a", "value": "b", "domain": "x.example", "path": "/", "creationTime": 1, "hostOnly": true}"#
            }
            Format::ToughCookie => r#"{"domain": "x.example", "path": "/"}"#,
            _ => r#"{"name": "a", "value": "b", "domain": "x.example", "path": "/"}"#,
        };
        let text = text.replacen("{}", valid, 1);
        let error = CookieJar::new().import(*format, &text, NOW).unwrap_err();
        assert_eq!(
            (error.kind, error.position),
            (FormatErrorKind::Shape, Some(Position::Index(1))),
            "{text}: {error}"
        );
    }
}

#[test]
fn huge_inputs() {
    // One huge value: read, then refused by the 4096-octet rule.
    let huge = "v".repeat(10_000_000);
    let text = format!(
        r#"{{"version": 1, "cookies": [{{"name": "a", "value": "{huge}", "domain": "x.example", "path": "/", "creationTime": 1, "hostOnly": true}}]}}"#
    );
    let report = CookieJar::new().import(Format::Json, &text, NOW).unwrap();
    assert_eq!(report.skipped[0].code, "name-value-too-long");
    // Many records: read, restored, and held to the total limit.
    let record =
        r#"{"name":"a","value":"b","domain":"x.example","path":"/","creationTime":1,"hostOnly":true}"#;
    let many: Vec<String> = (0..110_000)
        .map(|i| {
            record
                .replace("\"a\"", &format!("\"c{i}\""))
                .replace("x.example", &format!("s{}.example", i % 5000))
        })
        .collect();
    let text = format!(r#"{{"version": 1, "cookies": [{}]}}"#, many.join(","));
    assert!(text.len() > 10_000_000);
    let mut jar = CookieJar::new();
    let report = jar.import(Format::Json, &text, NOW).unwrap();
    assert_eq!(report.restored, 110_000);
    assert!(jar.len() <= Limits::default().total);
    // Deep nesting: a syntax error, not a stack overflow.
    for format in [Format::Json, Format::ToughCookie, Format::Playwright, Format::Cdp] {
        for open in ["[", "{\"a\":"] {
            let error = CookieJar::new().import(format, &open.repeat(100_000), NOW).unwrap_err();
            assert_eq!(error.kind, FormatErrorKind::Syntax, "{}", format.name());
        }
    }
    // A huge cookies.txt field.
    let line = format!("example.com\tFALSE\t/\tFALSE\t0\tname\t{}\n", "v".repeat(5000));
    let report = CookieJar::new().import(Format::Netscape, &line, NOW).unwrap();
    assert_eq!(
        (report.skipped[0].position, report.skipped[0].code),
        (Position::Line(1), "name-value-too-long")
    );
}

/// Keys that mean something to JavaScript objects are plain keys here.
#[test]
fn prototype_keys_are_plain_keys() {
    let text = r#"{"__proto__": {"version": 2}, "constructor": 1, "version": 1, "cookies": [
        {"__proto__": null, "constructor": {}, "name": "__proto__", "value": "constructor", "domain": "x.example", "path": "/", "creationTime": 1, "hostOnly": true, "name": "__proto__"}
    ]}"#;
    let mut jar = CookieJar::new();
    assert_eq!(jar.import(Format::Json, text, NOW).unwrap().restored, 1);
    assert_eq!(
        support::header(&mut jar, "https://x.example/", &RequestContext::default(), NOW),
        "__proto__=constructor"
    );
}

#[test]
fn cookies_txt_errors_name_the_line() {
    let cases: &[(&str, FormatErrorKind, usize)] = &[
        ("# Netscape HTTP Cookie File\n\nno tabs on this line\n", FormatErrorKind::Syntax, 3),
        ("example.com\tFALSE\t/\tFALSE\t0\tname\n", FormatErrorKind::Syntax, 1),
        ("\r\n\r\nexample.com\tFALSE\t/\n", FormatErrorKind::Syntax, 3),
        ("example.com\tMAYBE\t/\tFALSE\t0\ta\tb\n", FormatErrorKind::Shape, 1),
    ];
    for &(text, kind, line) in cases {
        let error = CookieJar::new().import(Format::Netscape, text, NOW).unwrap_err();
        assert_eq!((error.kind, error.position), (kind, Some(Position::Line(line))), "{text:?}: {error}");
    }
}
