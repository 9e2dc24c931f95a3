//! Sequences of jar operations decoded from any bytes (Set-Cookie lines the fuzzer writes, from
//! URLs it picks or writes, in any context; retrievals; clock steps; deletions; restores), with
//! every invariant of tests/support/invariants.rs checked after each step and the round trips of
//! every format at the end.
#![no_main]

#[path = "../../tests/support/invariants.rs"]
mod invariants;

use cookie_engine::{
    Api, CookieJar, ExportOptions, JarConfig, Limits, RequestContext, RequestUrl, SiteForCookies,
};
use libfuzzer_sys::fuzz_target;

const URLS: &[&str] = &[
    "http://example.com/",
    "https://www.example.com/a/b",
    "http://sub.www.example.com/a/",
    "https://example.co.uk/x",
    "http://co.uk/",
    "https://alice.github.io/",
    "http://127.0.0.1:8080/a",
    "http://[::1]/",
    "http://localhost/",
    "https://other.example/",
];

/// Reads the operations' bytes.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    fn text(&mut self) -> String {
        let len = usize::from(self.byte().unwrap_or(0));
        let len = len.min(self.0.len());
        let (text, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8_lossy(text).into_owned()
    }

    /// One of URLS, or (when the byte says so) a URL the fuzzer wrote, if the parser takes it.
    fn url(&mut self) -> Option<RequestUrl<'static>> {
        let pick = self.byte()?;
        if pick >= 240 {
            let text = self.text();
            let parsed = url::Url::parse(&text).ok()?;
            let request = RequestUrl::from_url(&parsed).ok()?;
            return RequestUrl::from_parts(
                if request.is_secure() { "https" } else { "http" },
                request.host().to_owned(),
                request.path().to_owned(),
            )
            .ok()
            .filter(|_| parsed.scheme() == "http" || parsed.scheme() == "https");
        }
        RequestUrl::parse(URLS[usize::from(pick) % URLS.len()]).ok()
    }

    fn context(&mut self) -> RequestContext {
        let bits = self.byte().unwrap_or(0);
        let site = |reader: &mut Self| reader.url().map(|url| url.site());
        let site_for_cookies = match bits & 3 {
            0 | 1 => SiteForCookies::SameAsRequest,
            2 => SiteForCookies::Opaque,
            _ => site(self).map_or(SiteForCookies::Opaque, SiteForCookies::Site),
        };
        RequestContext {
            api: if bits & 4 != 0 { Api::NonHttp } else { Api::Http },
            site_for_cookies,
            top_level_site: if bits & 8 != 0 { site(self) } else { None },
            safe_method: bits & 16 == 0,
            top_level_navigation: bits & 32 != 0,
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        per_site: 8,
        per_site_purge_to: 6,
        total: 20,
        total_purge_to: 15,
        partitioned_bytes_per_site: 200,
    };
    let mut jar =
        CookieJar::with_config(JarConfig { limits: limits.clone(), ..JarConfig::default() }).unwrap();
    let mut now = 1_767_225_600_000i64;
    let mut reader = Reader(data);
    while let Some(op) = reader.byte() {
        match op % 8 {
            0..=2 => {
                let line = reader.text();
                let (Some(url), context) = (reader.url(), reader.context()) else { continue };
                let before = invariants::snapshot(&jar, now);
                let _ = jar.set_cookie(&line, &url, &context, now);
                invariants::check_set(&before, &invariants::snapshot(&jar, now), &url, &context);
            }
            3 | 4 => {
                let (Some(url), context) = (reader.url(), reader.context()) else { continue };
                invariants::check_retrieval(&mut jar, &url, &context, now);
            }
            5 => now += i64::from(reader.byte().unwrap_or(0)) * 60_000,
            6 => {
                let name = reader.text();
                if let Some(url) = reader.url() {
                    jar.delete(&name, url.host(), None);
                }
            }
            _ => {
                for record in
                    jar.records(now, &ExportOptions { include_session: true, include_expired: true })
                {
                    let _ = jar.restore(&record, now);
                }
            }
        }
        invariants::check_jar(&jar, &limits);
    }
    invariants::check_round_trips(&jar, now);
});
