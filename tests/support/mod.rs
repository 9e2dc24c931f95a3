//! A small table language for whole-jar tests, after Go's `net/http/cookiejar` tests:
//! set cookies from one URL, check the jar's content, then query URLs for their Cookie header.

#![allow(dead_code)] // each test binary uses part of it
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test helpers fail the test by panicking"
)]

use cookie_engine::{CookieJar, JarConfig, RequestContext, RequestUrl};

/// 2026-01-01T00:00:00Z: the pinned clock of these tests.
pub const NOW: i64 = 1_767_225_600_000;

pub struct JarTest {
    pub description: &'static str,
    /// The URL the Set-Cookie lines come from.
    pub from: &'static str,
    pub set_cookies: &'static [&'static str],
    /// The jar's cookies afterwards, as sorted "name=value" pairs joined by spaces.
    pub content: &'static str,
    /// (request URL, expected Cookie header).
    pub queries: &'static [(&'static str, &'static str)],
}

pub fn parse_url(url: &str) -> url::Url {
    url::Url::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"))
}

/// Sets `line` from `url` in `context`; the decision as a short string ("new", "replaced",
/// "deleted", "expired" or the rejection code).
pub fn set(jar: &mut CookieJar, line: &str, url: &str, context: &RequestContext, now: i64) -> String {
    let parsed = parse_url(url);
    let request = RequestUrl::from_url(&parsed).unwrap();
    match jar.set_cookie(line, &request, context, now) {
        Ok(stored) => stored.code().into(),
        Err(rejection) => rejection.code().into(),
    }
}

pub fn header(jar: &mut CookieJar, url: &str, context: &RequestContext, now: i64) -> String {
    let parsed = parse_url(url);
    let request = RequestUrl::from_url(&parsed).unwrap();
    jar.cookie_header(&request, context, now)
}

/// The jar's unexpired cookies as sorted "name=value" pairs joined by spaces.
pub fn content(jar: &CookieJar, now: i64) -> String {
    let mut pairs: Vec<String> = jar.cookies(now).map(|c| format!("{}={}", c.name(), c.value())).collect();
    pairs.sort();
    pairs.join(" ")
}

pub fn run(tests: &[JarTest]) {
    for test in tests {
        let mut jar = CookieJar::with_config(JarConfig::default()).unwrap();
        let context = RequestContext::default();
        for line in test.set_cookies {
            set(&mut jar, line, test.from, &context, NOW);
        }
        assert_eq!(content(&jar, NOW), test.content, "{}: content", test.description);
        for (url, want) in test.queries {
            assert_eq!(header(&mut jar, url, &context, NOW), *want, "{}: query {url}", test.description);
        }
    }
}

/// xorshift64*: a small deterministic generator, so that a failing random test replays.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}
