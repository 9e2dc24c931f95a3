//! Limits and eviction (6265bis 5.7, last paragraphs; layered draft "Cookie Store Eviction").

#![allow(clippy::unwrap_used, reason = "test helpers fail the test by panicking")]

mod support;

use cookie_engine::{CookieJar, JarConfig, Limits, RequestContext, RequestUrl};
use support::{content, header, parse_url, set, NOW};

fn small_jar(per_site: usize, per_site_purge_to: usize, total: usize, total_purge_to: usize) -> CookieJar {
    let limits = Limits { per_site, per_site_purge_to, total, total_purge_to, ..Limits::default() };
    CookieJar::with_config(JarConfig { limits, ..JarConfig::default() }).unwrap()
}

fn count_site(jar: &CookieJar, site_suffix: &str) -> usize {
    jar.cookies(i64::MIN)
        .filter(|c| c.domain() == site_suffix || c.domain().ends_with(&format!(".{site_suffix}")))
        .count()
}

/// The embedded frame of the CHIPS tests.
const EMBED_URL: &str = "https://embed.example/";

/// A jar where a frame at `EMBED_URL` under https://top.example set a partitioned cookie of each
/// name with `value`, one millisecond apart, and that frame's context.
fn embedded_jar_with(names: &[&str], value: &str) -> (CookieJar, RequestContext) {
    let embedded = embedded_under("https://top.example");
    let mut jar = CookieJar::new();
    for (i, name) in names.iter().enumerate() {
        set(&mut jar, &format!("{name}={value}; Secure; Partitioned"), EMBED_URL, &embedded, NOW + i as i64);
    }
    (jar, embedded)
}

/// The context of a frame embedded in a top-level document at `top`: its partitioned cookies
/// go in that site's partition (CHIPS).
fn embedded_under(top: &str) -> RequestContext {
    let parsed = parse_url(top);
    RequestContext {
        top_level_site: Some(RequestUrl::from_url(&parsed).unwrap().site()),
        ..RequestContext::default()
    }
}

#[test]
fn default_limits_are_chromiums() {
    let limits = Limits::default();
    assert_eq!(
        (limits.per_site, limits.per_site_purge_to, limits.total, limits.total_purge_to),
        (180, 150, 3300, 3000)
    );
    assert_eq!(limits.partitioned_bytes_per_site, 10240);
    assert_eq!(JarConfig::default().max_age_seconds, 34_560_000);
}

#[test]
fn invalid_configurations_are_refused() {
    let bad = [
        Limits { per_site: 0, ..Limits::default() },
        Limits { per_site_purge_to: 181, ..Limits::default() },
        Limits { total_purge_to: 4000, ..Limits::default() },
    ];
    for limits in bad {
        assert!(CookieJar::with_config(JarConfig { limits, ..JarConfig::default() }).is_err());
    }
    assert!(CookieJar::with_config(JarConfig { max_age_seconds: 0, ..JarConfig::default() }).is_err());
}

#[test]
fn the_per_site_limit_purges_to_its_target() {
    let context = RequestContext::default();
    let mut jar = CookieJar::new();
    // 180 cookies across hosts and Domain cookies of one site (the unit is the registrable domain).
    for i in 0..180 {
        let host = ["www", "api", "cdn"][i % 3];
        let line = if i % 2 == 0 { format!("c{i}=v") } else { format!("c{i}=v; Domain=example.com") };
        assert_eq!(
            set(&mut jar, &line, &format!("http://{host}.example.com/"), &context, NOW + i as i64),
            "new"
        );
    }
    set(&mut jar, "other=1", "http://example.org/", &context, NOW);
    assert_eq!(count_site(&jar, "example.com"), 180);
    // The 181st purges the site down to 150: the least recently accessed go first.
    assert_eq!(set(&mut jar, "last=1", "http://www.example.com/", &context, NOW + 1000), "new");
    assert_eq!(count_site(&jar, "example.com"), 150);
    let names: Vec<String> = jar.cookies(NOW).map(|c| c.name().to_owned()).collect();
    for i in 0..31 {
        assert!(!names.contains(&format!("c{i}")), "c{i} should be evicted");
    }
    assert!(names.contains(&"c31".to_owned()) && names.contains(&"last".to_owned()));
    assert!(names.contains(&"other".to_owned()), "other sites are untouched");
    assert_eq!(jar.len(), 151);
}

#[test]
fn eviction_order_expired_then_insecure_then_least_recently_accessed() {
    let context = RequestContext::default();
    let mut jar = small_jar(6, 4, 100, 100);
    let url = "https://www.example.com/";
    set(&mut jar, "secure_old=1; Secure; Path=/a", url, &context, NOW);
    set(&mut jar, "insecure_old=1; Path=/a", url, &context, NOW + 1);
    set(&mut jar, "expiring=1; Max-Age=1; Path=/a", url, &context, NOW + 2);
    set(&mut jar, "secure_new=1; Secure; Path=/a", url, &context, NOW + 3);
    set(&mut jar, "insecure_new=1; Path=/a", url, &context, NOW + 4);
    set(&mut jar, "insecure_used=1; Path=/b", url, &context, NOW + 5);
    // Retrieval makes a cookie recently accessed.
    assert_eq!(header(&mut jar, "https://www.example.com/b", &context, NOW + 6), "insecure_used=1");
    // The seventh cookie goes over 6: purge to 4. First the expired one, then the insecure ones
    // least recently accessed first; the secure ones, older, stay.
    set(&mut jar, "trigger=1; Secure", url, &context, NOW + 3000);
    assert_eq!(content(&jar, NOW + 3000), "insecure_used=1 secure_new=1 secure_old=1 trigger=1");

    // When only secure cookies are left, the least recently accessed secure ones go.
    let mut jar = small_jar(2, 1, 100, 100);
    set(&mut jar, "a=1; Secure", url, &context, NOW);
    set(&mut jar, "b=1; Secure", url, &context, NOW + 1);
    header(&mut jar, url, &context, NOW + 2); // touches both
    set(&mut jar, "c=1; Secure", url, &context, NOW + 3);
    assert_eq!(content(&jar, NOW), "c=1");
}

#[test]
fn the_total_limit_evicts_across_sites() {
    let context = RequestContext::default();
    let mut jar = small_jar(100, 100, 20, 15);
    for i in 0..20 {
        set(&mut jar, "a=1", &format!("http://site{i}.example/"), &context, NOW + i);
    }
    assert_eq!(jar.len(), 20);
    // Site 0 and 1 are used again, so they are kept.
    header(&mut jar, "http://site0.example/", &context, NOW + 100);
    header(&mut jar, "http://site1.example/", &context, NOW + 100);
    set(&mut jar, "a=1", "http://site20.example/", &context, NOW + 200);
    assert_eq!(jar.len(), 15);
    let mut hosts: Vec<String> = jar.cookies(NOW).map(|c| c.domain().to_owned()).collect();
    hosts.sort();
    let mut want: Vec<String> = [0, 1, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
        .iter()
        .map(|i| format!("site{i}.example"))
        .collect();
    want.sort();
    assert_eq!(hosts, want);
}

#[test]
fn the_default_total_limit() {
    let context = RequestContext::default();
    let mut jar = CookieJar::new();
    for i in 0..3300 {
        set(&mut jar, "a=1", &format!("http://site{i}.example/"), &context, NOW);
    }
    assert_eq!(jar.len(), 3300);
    set(&mut jar, "a=1", "http://one-more.example/", &context, NOW + 1);
    assert_eq!(jar.len(), 3000);
    assert_eq!(header(&mut jar, "http://one-more.example/", &context, NOW + 1), "a=1");
}

#[test]
fn partitions_are_counted_separately() {
    let mut jar = small_jar(3, 2, 100, 100);
    let url = "https://embed.example/";
    let first_party = RequestContext::default();
    for name in ["a", "b", "c"] {
        set(&mut jar, &format!("{name}=1; Secure"), url, &first_party, NOW);
    }
    for top in ["https://top1.example", "https://top2.example"] {
        let embedded = embedded_under(top);
        for name in ["p", "q", "r"] {
            assert_eq!(set(&mut jar, &format!("{name}=1; Secure; Partitioned"), url, &embedded, NOW), "new");
        }
    }
    assert_eq!(jar.len(), 9, "three per partition and three unpartitioned");
    set(&mut jar, "d=1; Secure", url, &first_party, NOW + 1);
    assert_eq!(jar.len(), 8, "only the unpartitioned cookies were purged (4 -> 2)");
}

#[test]
fn partitioned_byte_limit() {
    let value = "v".repeat(3000);
    let (mut jar, embedded) = embedded_jar_with(&["a", "b", "c"], &value);
    assert_eq!(jar.len(), 3);
    // 4 x 3001 octets > 10 KiB: the least recently accessed goes.
    set(&mut jar, &format!("d={value}; Secure; Partitioned"), EMBED_URL, &embedded, NOW + 10);
    let mut names: Vec<String> = jar.cookies(NOW).map(|c| c.name().to_owned()).collect();
    names.sort();
    assert_eq!(names, ["b", "c", "d"]);
    // Unpartitioned cookies have no byte limit.
    let mut jar = CookieJar::new();
    for name in ["a", "b", "c", "d", "e"] {
        set(&mut jar, &format!("{name}={value}; Secure"), EMBED_URL, &RequestContext::default(), NOW);
    }
    assert_eq!(jar.len(), 5);
}

/// Replacing a partitioned cookie counts its new bytes instead of its old ones: replacements
/// add nothing up, and a larger replacement can take the partition over its byte limit.
#[test]
fn replacements_recount_partitioned_bytes() {
    let value = "v".repeat(2450);
    let (mut jar, embedded) = embedded_jar_with(&["a", "b", "c", "d"], &value);
    for i in 0..20 {
        let outcome =
            set(&mut jar, &format!("a={value}; Secure; Partitioned"), EMBED_URL, &embedded, NOW + 10 + i);
        assert_eq!(outcome, "replaced");
    }
    assert_eq!(jar.len(), 4, "4 x 2451 octets stay under 10 KiB however often one is replaced");
    // 3001 + 3 x 2451 octets > 10 KiB: the least recently accessed goes (b; a was just set).
    let larger = "v".repeat(3000);
    assert_eq!(
        set(&mut jar, &format!("a={larger}; Secure; Partitioned"), EMBED_URL, &embedded, NOW + 100),
        "replaced"
    );
    let mut names: Vec<String> = jar.cookies(NOW).map(|c| c.name().to_owned()).collect();
    names.sort();
    assert_eq!(names, ["a", "c", "d"]);
}

/// A server that sends a million cookies cannot grow the jar past its limits.
#[test]
fn a_flood_of_cookies_stays_within_the_limits() {
    let context = RequestContext::default();
    let mut jar = CookieJar::new();
    let hostile = parse_url("http://www.flood.example/");
    let hostile = RequestUrl::from_url(&hostile).unwrap();
    for i in 0..500_000 {
        let line = format!("n{i}=v; Path=/{}", i % 7);
        jar.set_cookie(&line, &hostile, &context, NOW + i).unwrap();
        assert!(jar.len() <= 180, "after {i}: {}", jar.len());
    }
    // Many sites: the total limit holds too.
    for i in 0..500_000 {
        let parsed = parse_url(&format!("http://s{}.example/", i % 5000));
        let url = RequestUrl::from_url(&parsed).unwrap();
        jar.set_cookie(&format!("n{i}=v"), &url, &context, NOW + i).unwrap();
        assert!(jar.len() <= 3300, "after {i}: {}", jar.len());
    }
    assert!(jar.len() >= 3000);
}
