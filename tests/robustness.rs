//! No input panics the jar, and its invariants hold whatever servers send: random Set-Cookie
//! lines (control characters, separators, non-ASCII, huge values), hosts, paths, contexts and
//! clocks, from a fixed-seed generator so that a failure replays.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers fail the test by panicking")]

mod support;

use cookie_engine::{Api, CookieJar, JarConfig, Limits, RequestContext, RequestUrl, SiteForCookies};
use support::Rng;

const PIECES: &[&str] = &[
    "a",
    "b",
    "SID",
    "__Secure-",
    "__Host-",
    "__Http-",
    "__Host-Http-",
    "=",
    "=",
    ";",
    "; ",
    " ",
    "\t",
    "\u{0}",
    "\r",
    "\n",
    "\u{7f}",
    "é",
    "☃",
    "\u{10ffff}",
    "\"",
    ",",
    "Path=/",
    "Path=/a",
    "Path=",
    "Path=x",
    "Domain=",
    "Domain=example.com",
    "Domain=.example.com",
    "Domain=com",
    "Domain=co.uk",
    "Domain=EXAMPLE.COM",
    "Domain=xn--bcher-kva.example",
    "Domain=127.0.0.1",
    "Domain=bücher",
    "Secure",
    "secure",
    "HttpOnly",
    "SameSite=Lax",
    "SameSite=Strict",
    "SameSite=None",
    "SameSite=bogus",
    "Partitioned",
    "Priority=High",
    "Max-Age=0",
    "Max-Age=-1",
    "Max-Age=60",
    "Max-Age=99999999999999999999",
    "Max-Age=1e3",
    "Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    "Expires=Fri, 01 Jan 2100 00:00:00 GMT",
    "Expires=garbage",
    "Expires=31 Dec 9999 23:59:59",
];

const URLS: &[&str] = &[
    "http://example.com/",
    "https://www.example.com/a/b",
    "https://api.example.com/a",
    "http://sub.www.example.com/",
    "https://example.co.uk/x/y/z",
    "http://co.uk/",
    "https://alice.github.io/",
    "http://127.0.0.1:8080/a",
    "http://[::1]/",
    "http://localhost/",
    "https://xn--bcher-kva.example/",
    "ws://example.com/socket",
];

fn random_line(rng: &mut Rng) -> String {
    let mut line = String::new();
    for _ in 0..rng.below(12) {
        line.push_str(rng.pick(PIECES));
    }
    if rng.below(50) == 0 {
        line.push_str(&"v".repeat(rng.below(6000)));
    }
    line
}

fn random_context(rng: &mut Rng) -> RequestContext {
    let site = |rng: &mut Rng| {
        let parsed = url::Url::parse(rng.pick(URLS)).unwrap();
        RequestUrl::from_url(&parsed).unwrap().site()
    };
    RequestContext {
        api: if rng.below(4) == 0 { Api::NonHttp } else { Api::Http },
        site_for_cookies: match rng.below(3) {
            0 => SiteForCookies::SameAsRequest,
            1 => SiteForCookies::Opaque,
            _ => SiteForCookies::Site(site(rng)),
        },
        top_level_site: if rng.below(2) == 0 { None } else { Some(site(rng)) },
        safe_method: rng.below(2) == 0,
        top_level_navigation: rng.below(2) == 0,
    }
}

#[test]
fn random_input_never_panics_and_invariants_hold() {
    let limits =
        Limits { per_site: 20, per_site_purge_to: 15, total: 60, total_purge_to: 50, ..Limits::default() };
    let mut jar =
        CookieJar::with_config(JarConfig { limits: limits.clone(), ..JarConfig::default() }).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut now = 1_767_225_600_000i64;
    let parsed: Vec<url::Url> = URLS.iter().map(|u| url::Url::parse(u).unwrap()).collect();
    let (mut stored, mut rejected, mut several_sent) = (0, 0, 0);
    for _ in 0..200_000 {
        now += rng.below(5_000) as i64;
        let url = RequestUrl::from_url(&parsed[rng.below(parsed.len())]).unwrap();
        let context = random_context(&mut rng);
        if rng.below(3) == 0 {
            // The header serializes what `explain_retrieval` (which sorts explicitly) includes, in
            // its order: the order sites keep their cookies in holds through every change.
            let included: Vec<String> = jar
                .explain_retrieval(&url, &context, now)
                .iter()
                .filter(|decision| decision.withheld.is_none())
                .map(|decision| match decision.cookie.name() {
                    "" => decision.cookie.value().to_owned(),
                    name => format!("{name}={}", decision.cookie.value()),
                })
                .collect();
            let header = jar.cookie_header(&url, &context, now);
            assert_eq!(header, included.join("; "));
            several_sent += usize::from(included.len() > 1);
            assert!(!header.bytes().any(|b| b < 0x20 && b != b'\t' || b == 0x7f), "{header:?}");
        } else {
            let line = random_line(&mut rng);
            match jar.set_cookie(&line, &url, &context, now) {
                Ok(_) => stored += 1,
                Err(_) => rejected += 1,
            }
        }
        assert!(jar.len() <= limits.total);
        if rng.below(1000) == 0 {
            assert_eq!(jar.len(), jar.cookies(i64::MIN).count(), "the count matches the cookies");
        }
    }
    assert!(
        stored > 10_000 && rejected > 10_000,
        "the generator exercises both: {stored} stored, {rejected} rejected"
    );
    assert!(several_sent > 5_000, "{several_sent} headers with more than one cookie");
    for cookie in jar.cookies(now) {
        assert!(!cookie.domain().is_empty() && cookie.path().starts_with('/'), "{cookie:?}");
        assert!(cookie.name().len() + cookie.value().len() <= 4096);
        assert!(!cookie.name().contains(';') && !cookie.value().contains(';'));
        assert!(cookie.partition_key().is_none() || cookie.secure());
    }
}

/// Not in the spec: a cookie's domain (and its partition's host) is at most 253 octets and its
/// path 1024, whatever the request URL; a cookie of a short parent domain still reaches a long
/// host, whose retrieval looks up only the parents a stored domain can be.
#[test]
fn long_hosts_and_paths_are_bounded() {
    use support::{header, set, NOW};
    let context = RequestContext::default();
    let long_host = format!("{}example.com", "a.".repeat(150_000));
    let longest_host = format!("{}.example.com", "b".repeat(241));
    let long_path = format!("/{}/", "p".repeat(1100));
    let cases: &[(&str, String, &str)] = &[
        ("host-only=1", format!("https://{long_host}/"), "domain-too-long"),
        ("wide=1; Domain=example.com", format!("https://{long_host}/"), "new"),
        ("edge=1", format!("https://{longest_host}/"), "new"),
        ("over=1", format!("https://b{longest_host}/"), "domain-too-long"),
        ("deep=1", format!("https://example.com{long_path}"), "path-too-long"),
        ("deep=2; Path=/short", format!("https://example.com{long_path}"), "new"),
        ("long-attribute=1; Path=/x", format!("https://example.com/{}", "q".repeat(2000)), "new"),
    ];
    let mut jar = CookieJar::new();
    for (line, url, want) in cases {
        assert_eq!(set(&mut jar, line, url, &context, NOW), *want, "{line}");
    }
    assert_eq!(header(&mut jar, &format!("https://{long_host}/"), &context, NOW), "wide=1");
    assert_eq!(header(&mut jar, &format!("https://{longest_host}/"), &context, NOW), "wide=1; edge=1");

    // A partitioned cookie under a top-level site whose host is too long for DNS.
    let top = format!("https://{}.example/", "c".repeat(250));
    let embedded = RequestContext {
        top_level_site: Some(RequestUrl::from_url(&url::Url::parse(&top).unwrap()).unwrap().site()),
        ..RequestContext::default()
    };
    assert_eq!(
        set(&mut jar, "chip=1; Secure; Partitioned", "https://embed.example/", &embedded, NOW),
        "domain-too-long"
    );
}
