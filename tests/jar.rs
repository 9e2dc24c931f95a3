//! Whole-jar behaviour: storage (6265bis 5.7) and retrieval (6265bis 5.8), table-driven.

mod support;

use cookie_engine::{CookieJar, RequestContext};
use support::{content, header, run, set, JarTest, NOW};

#[test]
fn basics() {
    run(&[
        JarTest {
            description: "no cookies",
            from: "http://www.example.com",
            set_cookies: &[],
            content: "",
            queries: &[("http://www.example.com", "")],
        },
        JarTest {
            description: "a session cookie",
            from: "http://www.example.com",
            set_cookies: &["a=1"],
            content: "a=1",
            queries: &[
                ("http://www.example.com", "a=1"),
                ("http://www.example.com/some/path", "a=1"),
                ("https://www.example.com", "a=1"),
                ("ws://www.example.com/socket", "a=1"),
                ("http://www.example.com:8080", "a=1"),
                ("http://WWW.EXAMPLE.COM", "a=1"),
                ("http://example.com", ""),
                ("http://sub.www.example.com", ""),
                ("http://www.example.org", ""),
                ("ftp://www.example.com", ""),
            ],
        },
        JarTest {
            description: "a persistent cookie",
            from: "http://www.example.com",
            set_cookies: &["a=1; Max-Age=3600"],
            content: "a=1",
            queries: &[("http://www.example.com", "a=1")],
        },
        JarTest {
            description: "several cookies, sent in creation order",
            from: "http://www.example.com",
            set_cookies: &["c=3", "a=1", "b=2"],
            content: "a=1 b=2 c=3",
            queries: &[("http://www.example.com", "c=3; a=1; b=2")],
        },
        JarTest {
            description: "a replaced cookie keeps its place (creation-time, 5.7 step 23.3)",
            from: "http://www.example.com",
            set_cookies: &["a=1", "b=2", "a=3"],
            content: "a=3 b=2",
            queries: &[("http://www.example.com", "a=3; b=2")],
        },
        JarTest {
            description: "longer paths first (5.8 step 4)",
            from: "http://www.example.com/",
            set_cookies: &["a=1; Path=/", "b=2; Path=/foo/bar", "c=3; Path=/foo", "d=4; Path=/foo/"],
            content: "a=1 b=2 c=3 d=4",
            queries: &[
                ("http://www.example.com/foo/bar/baz", "b=2; d=4; c=3; a=1"),
                ("http://www.example.com/foo/", "d=4; c=3; a=1"),
                ("http://www.example.com/foo", "c=3; a=1"),
                ("http://www.example.com/foobar", "a=1"),
            ],
        },
        JarTest {
            description: "the default-path is the request path up to its last slash (5.1.4)",
            from: "http://www.example.com/dir/page.html?q=1",
            set_cookies: &["a=1", "b=2; Path=", "c=3; Path=relative", "d=4; Path=/"],
            content: "a=1 b=2 c=3 d=4",
            queries: &[
                ("http://www.example.com/dir/other", "a=1; b=2; c=3; d=4"),
                ("http://www.example.com/dir", "a=1; b=2; c=3; d=4"),
                ("http://www.example.com/dirt", "d=4"),
                ("http://www.example.com/", "d=4"),
            ],
        },
        JarTest {
            description: "a nameless cookie is sent as its value alone (5.8 step 6)",
            from: "http://www.example.com",
            set_cookies: &["token", "a=1", "=other"],
            content: "=other a=1",
            queries: &[("http://www.example.com", "other; a=1")],
        },
        JarTest {
            description: "an empty value keeps its =",
            from: "http://www.example.com",
            set_cookies: &["a="],
            content: "a=",
            queries: &[("http://www.example.com", "a=")],
        },
        JarTest {
            description: "names are case-sensitive",
            from: "http://www.example.com",
            set_cookies: &["a=1", "A=2"],
            content: "A=2 a=1",
            queries: &[("http://www.example.com", "a=1; A=2")],
        },
    ]);
}

#[test]
fn domains() {
    run(&[
        JarTest {
            description: "a Domain cookie goes to the domain and its subdomains",
            from: "http://www.example.com",
            set_cookies: &[
                "a=1; Domain=example.com",
                "b=2; Domain=.EXAMPLE.com",
                "c=3; Domain=www.example.com",
            ],
            content: "a=1 b=2 c=3",
            queries: &[
                ("http://example.com", "a=1; b=2"),
                ("http://www.example.com", "a=1; b=2; c=3"),
                ("http://deep.www.example.com", "a=1; b=2; c=3"),
                ("http://other.example.com", "a=1; b=2"),
                ("http://notexample.com", ""),
            ],
        },
        JarTest {
            description: "host-only and Domain cookies of the same name are two cookies",
            from: "http://example.com",
            set_cookies: &["a=host", "a=domain; Domain=example.com"],
            content: "a=domain a=host",
            queries: &[("http://example.com", "a=host; a=domain"), ("http://www.example.com", "a=domain")],
        },
        JarTest {
            description: "a Domain that does not domain-match the host is rejected (step 10)",
            from: "http://www.example.com",
            set_cookies: &[
                "a=1; Domain=other.com",
                "b=2; Domain=sub.www.example.com",
                "c=3; Domain=ww.example.com",
                "d=4; Domain=xample.com",
            ],
            content: "",
            queries: &[],
        },
        JarTest {
            description: "public suffixes are rejected as Domain (step 9), ICANN and private",
            from: "http://www.example.co.uk",
            set_cookies: &["a=1; Domain=co.uk", "b=2; Domain=uk", "c=3; Domain=example.co.uk"],
            content: "c=3",
            queries: &[("http://other.example.co.uk", "c=3")],
        },
        JarTest {
            description: "a private-section suffix (github.io) is a public suffix too",
            from: "https://alice.github.io",
            set_cookies: &["a=1; Domain=github.io", "b=2; Domain=alice.github.io"],
            content: "b=2",
            queries: &[("https://alice.github.io", "b=2"), ("https://bob.github.io", "")],
        },
        JarTest {
            description: "a Domain equal to a public-suffix host becomes host-only (step 9.3)",
            from: "http://github.io",
            set_cookies: &["a=1; Domain=github.io"],
            content: "a=1",
            queries: &[("http://github.io", "a=1"), ("http://alice.github.io", "")],
        },
        JarTest {
            description: "an empty Domain makes a host-only cookie (5.6.3)",
            from: "http://www.example.com",
            set_cookies: &["a=1; Domain=", "b=2; Domain=example.com; Domain="],
            content: "a=1 b=2",
            queries: &[("http://www.example.com", "a=1; b=2"), ("http://sub.www.example.com", "")],
        },
        JarTest {
            description: "a non-ASCII Domain is rejected (step 8)",
            from: "http://xn--bcher-kva.example",
            set_cookies: &["a=1; Domain=bücher.example", "b=2; Domain=xn--bcher-kva.example"],
            content: "b=2",
            queries: &[("http://bücher.example", "b=2"), ("http://www.xn--bcher-kva.example", "b=2")],
        },
        JarTest {
            description: "IDN hosts are canonicalized to A-labels (5.1.2)",
            from: "http://www.bücher.example",
            set_cookies: &["a=1", "b=2; Domain=xn--bcher-kva.example"],
            content: "a=1 b=2",
            queries: &[("http://www.xn--bcher-kva.example", "a=1; b=2"), ("http://BÜCHER.example", "b=2")],
        },
        JarTest {
            description: "IP addresses match only themselves",
            from: "http://127.0.0.1",
            set_cookies: &["a=1", "b=2; Domain=127.0.0.1", "c=3; Domain=0.0.1", "d=4; Domain=1"],
            content: "a=1 b=2",
            queries: &[
                ("http://127.0.0.1", "a=1; b=2"),
                ("http://0x7f.0.0.1", "a=1; b=2"),
                ("http://127.0.0.2", ""),
            ],
        },
        JarTest {
            description: "IPv6 hosts",
            from: "http://[::1]:8080",
            set_cookies: &["a=1", "b=2; Domain=[::1]"],
            content: "a=1 b=2",
            queries: &[("http://[0:0::1]", "a=1; b=2"), ("http://[::2]", "")],
        },
        JarTest {
            description: "localhost and single-label hosts are host-only",
            from: "http://localhost:3000",
            set_cookies: &["a=1", "b=2; Domain=localhost"],
            content: "a=1 b=2",
            queries: &[("http://localhost:4000/x", "a=1; b=2"), ("http://app.localhost", "")],
        },
    ]);
}

#[test]
fn secure_cookies() {
    run(&[
        JarTest {
            description: "Secure cookies need a secure origin (step 13)",
            from: "http://www.example.com",
            set_cookies: &["a=1; Secure", "b=2"],
            content: "b=2",
            queries: &[],
        },
        JarTest {
            description: "Secure cookies are sent over secure connections only (5.8 step 3)",
            from: "https://www.example.com",
            set_cookies: &["a=1; Secure", "b=2"],
            content: "a=1 b=2",
            queries: &[
                ("https://www.example.com", "a=1; b=2"),
                ("wss://www.example.com", "a=1; b=2"),
                ("http://www.example.com", "b=2"),
                ("ws://www.example.com", "b=2"),
            ],
        },
        JarTest {
            description: "loopback hosts are secure origins",
            from: "http://localhost",
            set_cookies: &["a=1; Secure"],
            content: "a=1",
            queries: &[("http://localhost", "a=1")],
        },
        JarTest {
            description: "127.0.0.0/8 is a secure origin",
            from: "http://127.0.0.2",
            set_cookies: &["a=1; Secure"],
            content: "a=1",
            queries: &[("http://127.0.0.2", "a=1")],
        },
        JarTest {
            description: "*.localhost is a secure origin",
            from: "http://app.localhost",
            set_cookies: &["a=1; Secure"],
            content: "a=1",
            queries: &[("http://app.localhost", "a=1")],
        },
        JarTest {
            description: "SameSite=None requires Secure (step 19)",
            from: "https://www.example.com",
            set_cookies: &["a=1; SameSite=None", "b=2; SameSite=None; Secure"],
            content: "b=2",
            queries: &[],
        },
    ]);
}

/// 6265bis 5.7 step 16: a non-secure origin cannot overlay a Secure cookie.
#[test]
fn leave_secure_cookies_alone() {
    let context = RequestContext::default();
    let cases: &[(&str, &str, &str, &str)] = &[
        // (existing secure cookie set from https://www.example.com, new line, from URL, decision)
        ("a=s; Secure; Path=/login", "a=1; Path=/", "http://www.example.com", "new"),
        ("a=s; Secure; Path=/login", "a=1; Path=/foo", "http://www.example.com", "new"),
        ("a=s; Secure; Path=/login", "a=1; Path=/login", "http://www.example.com", "overlays-secure-cookie"),
        (
            "a=s; Secure; Path=/login",
            "a=1; Path=/login/en",
            "http://www.example.com",
            "overlays-secure-cookie",
        ),
        ("a=s; Secure; Path=/", "a=1; Path=/", "http://www.example.com", "overlays-secure-cookie"),
        ("a=s; Secure; Path=/", "b=1; Path=/", "http://www.example.com", "new"),
        // The existing domain domain-matches the new one, or the reverse.
        ("a=s; Secure; Domain=example.com", "a=1", "http://www.example.com", "overlays-secure-cookie"),
        ("a=s; Secure", "a=1; Domain=example.com", "http://www.example.com", "overlays-secure-cookie"),
        ("a=s; Secure", "a=1", "http://other.example.com", "new"),
        // A secure origin may overlay; a Secure cookie from a secure origin too.
        ("a=s; Secure", "a=1", "https://www.example.com", "replaced"),
        ("a=s; Secure", "a=1", "http://localhost", "new"),
    ];
    for (existing, line, from, want) in cases {
        let mut jar = CookieJar::new();
        assert_eq!(set(&mut jar, existing, "https://www.example.com/login", &context, NOW), "new");
        assert_eq!(set(&mut jar, line, from, &context, NOW), *want, "{existing} then {line} from {from}");
    }
    // An expired Secure cookie protects nothing.
    let mut jar = CookieJar::new();
    set(&mut jar, "a=s; Secure; Max-Age=10", "https://www.example.com", &context, NOW);
    assert_eq!(set(&mut jar, "a=1", "http://www.example.com", &context, NOW + 11_000), "new");
}

/// 6265bis 5.7 step 16 when a host is a public suffix ("co.uk", "github.io"): such a host is a
/// site of its own, but its host-only cookies still domain-match those of the hosts below it
/// (found by the `jar_operations` fuzz target; Chromium searches one site and lets these through).
#[test]
fn leave_secure_cookies_alone_across_public_suffix_hosts() {
    let context = RequestContext::default();
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        // (existing line, from, new line, from, decision)
        ("a=s; Secure", "https://example.co.uk", "a=1", "http://co.uk", "overlays-secure-cookie"),
        ("a=s; Secure", "https://www.example.co.uk", "a=1", "http://co.uk", "overlays-secure-cookie"),
        ("a=s; Secure; Path=/x", "https://example.co.uk", "a=1", "http://co.uk", "new"),
        ("a=s; Secure", "https://example.co.uk", "b=1", "http://co.uk", "new"),
        ("a=s; Secure", "https://github.io", "a=1", "http://alice.github.io", "overlays-secure-cookie"),
        (
            "a=s; Secure",
            "https://github.io",
            "a=1; Domain=alice.github.io",
            "http://www.alice.github.io",
            "overlays-secure-cookie",
        ),
        ("a=s; Secure", "https://co.uk", "a=1", "http://www.example.co.uk", "overlays-secure-cookie"),
        // A suffix host's cookie and another suffix's hosts do not meet.
        ("a=s; Secure", "https://co.uk", "a=1", "http://example.com", "new"),
        ("a=s; Secure", "https://example.com", "a=1", "http://co.uk", "new"),
        ("a=s; Secure", "https://alice.github.io", "a=1", "http://bob.github.io", "new"),
    ];
    for (existing, existing_from, line, from, want) in cases {
        let mut jar = CookieJar::new();
        assert_eq!(
            set(&mut jar, existing, existing_from, &context, NOW),
            "new",
            "{existing} from {existing_from}"
        );
        assert_eq!(
            set(&mut jar, line, from, &context, NOW),
            *want,
            "{existing} from {existing_from}, then {line} from {from}"
        );
    }
}

/// 6265bis 5.3 and 5.7 steps 20-22 (its examples), plus the layered draft's prefixes.
#[test]
fn cookie_prefixes() {
    let context = RequestContext::default();
    let cases: &[(&str, &str, &str)] = &[
        // Rejected by a conformant user agent (6265bis 5.3's list).
        ("https://site.example", "__Secure-SID=12345; Domain=site.example", "secure-prefix"),
        ("https://site.example", "__secure-SID=12345; Domain=site.example", "secure-prefix"),
        ("https://site.example", "__SECURE-SID=12345; Domain=site.example", "secure-prefix"),
        ("https://site.example", "__Host-SID=12345", "host-prefix"),
        ("https://site.example", "__host-SID=12345; Secure", "host-prefix"),
        ("https://site.example", "__host-SID=12345; Domain=site.example", "host-prefix"),
        ("https://site.example", "__HOST-SID=12345; Domain=site.example; Path=/", "host-prefix"),
        ("https://site.example", "__Host-SID=12345; Secure; Domain=site.example; Path=/", "host-prefix"),
        ("https://site.example", "__host-SID=12345; Secure; Domain=site.example; Path=/", "host-prefix"),
        ("https://site.example", "__HOST-SID=12345; Secure; Domain=site.example; Path=/", "host-prefix"),
        // Accepted from a secure origin.
        ("https://site.example", "__Secure-SID=12345; Domain=site.example; Secure", "new"),
        ("https://site.example", "__secure-SID=12345; Domain=site.example; Secure", "new"),
        ("https://site.example", "__SECURE-SID=12345; Domain=site.example; Secure", "new"),
        ("https://site.example", "__Host-SID=12345; Secure; Path=/", "new"),
        ("https://site.example", "__host-SID=12345; Secure; Path=/", "new"),
        ("https://site.example", "__HOST-SID=12345; Secure; Path=/", "new"),
        // __Host- needs an explicit Path=/ and no Domain; Secure needs a secure origin first.
        ("https://site.example/dir/page", "__Host-SID=1; Secure; Path=/dir", "host-prefix"),
        ("https://site.example/", "__Host-SID=1; Secure; Path=relative", "host-prefix"),
        ("https://site.example", "__Host-SID=1; Secure; Path=/; Domain=", "new"),
        // A Domain equal to a public-suffix host becomes host-only first (step 9.3), so step 21
        // sees a host-only cookie (both drafts; Chromium refuses any Domain attribute here).
        ("https://localhost", "__Host-SID=1; Secure; Path=/; Domain=localhost", "new"),
        ("http://site.example", "__Secure-SID=1; Secure", "secure-from-insecure-origin"),
        ("http://site.example", "__Secure-SID=1", "secure-prefix"),
        ("https://site.example", "__SecureX=1", "new"),
        // Layered draft: __Http- needs Secure and HttpOnly; __Host-Http- needs both prefixes.
        ("https://site.example", "__Http-SID=1; Secure; HttpOnly", "new"),
        ("https://site.example", "__http-SID=1; Secure", "http-prefix"),
        ("https://site.example", "__Http-SID=1; HttpOnly", "http-prefix"),
        ("https://site.example", "__Host-Http-SID=1; Secure; HttpOnly; Path=/", "new"),
        ("https://site.example", "__host-http-SID=1; Secure; Path=/", "host-http-prefix"),
        (
            "https://site.example",
            "__Host-Http-SID=1; Secure; HttpOnly; Path=/; Domain=site.example",
            "host-prefix",
        ),
        // Step 22: a nameless cookie cannot pose as a prefixed one.
        ("https://site.example", "__Secure-SID; Secure", "nameless-with-prefix"),
        ("https://site.example", "=__Host-SID=1; Secure; Path=/", "nameless-with-prefix"),
        ("https://site.example", "__http-x", "nameless-with-prefix"),
        ("https://site.example", "__Hostess", "new"),
    ];
    for (from, line, want) in cases {
        let mut jar = CookieJar::new();
        assert_eq!(set(&mut jar, line, from, &context, NOW), *want, "{line} from {from}");
    }
}

#[test]
fn http_only_and_the_non_http_api() {
    let http = RequestContext::default();
    let script = RequestContext::non_http();
    let mut jar = CookieJar::new();
    let url = "https://www.example.com/";
    assert_eq!(set(&mut jar, "h=1; HttpOnly", url, &http, NOW), "new");
    assert_eq!(set(&mut jar, "s=1", url, &script, NOW), "new");
    // Step 15 and step 23.2.
    assert_eq!(set(&mut jar, "x=1; HttpOnly", url, &script, NOW), "httponly-from-non-http-api");
    assert_eq!(set(&mut jar, "h=2", url, &script, NOW), "overwrites-httponly-from-non-http-api");
    assert_eq!(set(&mut jar, "h=3; Max-Age=0", url, &script, NOW), "overwrites-httponly-from-non-http-api");
    // 5.8 step 3: scripts do not see HttpOnly cookies.
    assert_eq!(header(&mut jar, url, &script, NOW), "s=1");
    assert_eq!(header(&mut jar, url, &http, NOW), "h=1; s=1");
    // HTTP may overwrite either.
    assert_eq!(set(&mut jar, "s=2; HttpOnly", url, &http, NOW), "replaced");
    assert_eq!(header(&mut jar, url, &script, NOW), "");
}

#[test]
fn expiry() {
    let context = RequestContext::default();
    let url = "http://www.example.com/";
    let mut jar = CookieJar::new();
    assert_eq!(set(&mut jar, "a=1; Max-Age=60", url, &context, NOW), "new");
    assert_eq!(set(&mut jar, "b=1; Expires=Thu, 01 Jan 2026 00:01:00 GMT", url, &context, NOW), "new");
    assert_eq!(set(&mut jar, "c=1", url, &context, NOW), "new");
    assert_eq!(header(&mut jar, url, &context, NOW + 59_999), "a=1; b=1; c=1");
    // Expired at the expiry-time itself ("in the past" from the next instant on).
    assert_eq!(header(&mut jar, url, &context, NOW + 60_000), "c=1");
    assert_eq!(jar.len(), 1, "expired cookies met by a retrieval are evicted");

    // An already-expired cookie deletes its twin (the usual way to delete), or does nothing.
    assert_eq!(set(&mut jar, "c=gone; Max-Age=0", url, &context, NOW), "deleted");
    assert_eq!(set(&mut jar, "c=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT", url, &context, NOW), "expired");
    assert_eq!(content(&jar, NOW), "");
    // Only the twin: another path or host-only flag is another cookie.
    set(&mut jar, "d=1; Path=/a", url, &context, NOW);
    assert_eq!(set(&mut jar, "d=1; Path=/b; Max-Age=-1", url, &context, NOW), "expired");
    assert_eq!(content(&jar, NOW), "d=1");

    // The 400-day cap (6265bis 5.5) on Max-Age and Expires.
    let mut jar = CookieJar::new();
    set(&mut jar, "long=1; Max-Age=999999999", url, &context, NOW);
    set(&mut jar, "far=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT", url, &context, NOW);
    let cap = NOW + 400 * 86_400_000;
    for cookie in jar.cookies(NOW) {
        assert_eq!(cookie.expires(), Some(cap), "{}", cookie.name());
        assert!(cookie.persistent());
    }
    assert_eq!(header(&mut jar, url, &context, cap - 1), "long=1; far=1");
    assert_eq!(header(&mut jar, url, &context, cap), "");

    // Sessions end.
    let mut jar = CookieJar::new();
    set(&mut jar, "session=1", url, &context, NOW);
    set(&mut jar, "kept=1; Max-Age=100", url, &context, NOW);
    assert_eq!(jar.end_session(), 1);
    assert_eq!(content(&jar, NOW), "kept=1");
}

#[test]
fn last_access_and_creation_times() {
    let context = RequestContext::default();
    let url = "http://www.example.com/";
    let mut jar = CookieJar::new();
    set(&mut jar, "a=1", url, &context, NOW);
    set(&mut jar, "b=1; Path=/x", url, &context, NOW);
    header(&mut jar, url, &context, NOW + 5_000);
    set(&mut jar, "a=2", url, &context, NOW + 9_000);
    let a = jar.cookies(NOW).find(|c| c.name() == "a").unwrap();
    assert_eq!(a.creation_time(), NOW, "replacement keeps the creation-time");
    assert_eq!(a.last_access_time(), NOW + 9_000);
    let b = jar.cookies(NOW).find(|c| c.name() == "b").unwrap();
    assert_eq!(b.last_access_time(), NOW, "not retrieved: path /x does not match /");
}

/// Listed oldest first across sites, whatever the index's order; a replaced cookie keeps its
/// place, a cookie stored again after it was deleted does not.
#[test]
fn cookies_in_creation_order() {
    let context = RequestContext::default();
    let mut jar = CookieJar::new();
    let sets = [
        ("z=1", "http://zeta.example/"),
        ("a=1", "http://alpha.example/"),
        ("m=1", "http://127.0.0.1/"),
        ("b=1; Domain=alpha.example", "http://www.alpha.example/"),
        ("z=2", "http://zeta.example/"),
        ("m=; Max-Age=0", "http://127.0.0.1/"),
        ("m=2", "http://127.0.0.1/"),
    ];
    for (at, (line, url)) in sets.into_iter().enumerate() {
        set(&mut jar, line, url, &context, NOW + at as i64);
    }
    let order: Vec<String> =
        jar.cookies_in_creation_order(NOW).iter().map(|c| format!("{}={}", c.name(), c.value())).collect();
    assert_eq!(order, ["z=2", "a=1", "b=1", "m=2"]);
}

#[test]
fn non_cookieable_schemes() {
    let context = RequestContext::default();
    let mut jar = CookieJar::new();
    assert_eq!(set(&mut jar, "a=1", "ftp://www.example.com/", &context, NOW), "non-cookieable-scheme");
    assert_eq!(set(&mut jar, "a=1", "file:///tmp/x", &context, NOW), "non-cookieable-scheme");
    assert!(jar.is_empty());
}

#[test]
fn delete_and_clear() {
    let context = RequestContext::default();
    let mut jar = CookieJar::new();
    set(&mut jar, "a=1", "http://www.example.com/", &context, NOW);
    set(&mut jar, "a=2; Path=/x", "http://www.example.com/", &context, NOW);
    set(&mut jar, "a=3; Domain=example.com", "http://www.example.com/", &context, NOW);
    set(&mut jar, "b=1", "http://www.example.com/", &context, NOW);
    assert_eq!(jar.delete("a", ".WWW.example.com", Some("/x")), 1);
    assert_eq!(content(&jar, NOW), "a=1 a=3 b=1");
    assert_eq!(jar.delete("a", "www.example.com", None), 1);
    assert_eq!(jar.delete("a", "nowhere.example", None), 0);
    assert_eq!(content(&jar, NOW), "a=3 b=1");
    jar.clear();
    assert!(jar.is_empty());
    assert_eq!(header(&mut jar, "http://www.example.com/", &context, NOW), "");
}

#[test]
fn set_cookie_serialization() {
    let context = RequestContext::default();
    let mut jar = CookieJar::new();
    set(
        &mut jar,
        "id=7; Domain=Example.com; Path=/app; Max-Age=60; Secure; HttpOnly; SameSite=lax; Priority=high",
        "https://www.example.com/",
        &context,
        NOW,
    );
    set(&mut jar, "=bare", "https://www.example.com/", &context, NOW);
    let mut lines: Vec<String> = jar.cookies(NOW).map(|c| c.to_string()).collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "bare; Path=/",
            "id=7; Domain=example.com; Path=/app; Expires=Thu, 01 Jan 2026 00:01:00 GMT; Secure; HttpOnly; SameSite=Lax; Priority=High",
        ]
    );
}
