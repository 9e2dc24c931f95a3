//! The `cookie` crate parses well-formed Set-Cookie lines (the server profile of 6265bis 4.1)
//! the way 6265bis 5.6 does, so on such lines the two must agree. (It does not on the rest:
//! nameless cookies, control characters, 5.1.1 dates, the 1024-octet limit; see src/parse.rs.)

use cookie_engine::{CookieJar, RequestContext, RequestUrl, SameSite};

const NOW: i64 = 1_767_225_600_000;

#[test]
fn agrees_with_the_cookie_crate_on_well_formed_lines() {
    let lines = [
        "sid=31d4d96e407aad42",
        "sid=31d4d96e407aad42; Path=/; Secure; HttpOnly",
        "lang=en-US; Path=/; Domain=example.com",
        "lang=en-US; Max-Age=3600; SameSite=Lax",
        "theme=dark; Path=/app; SameSite=Strict; Secure",
        "id=a3fWa; Max-Age=2592000; SameSite=None; Secure; Partitioned",
        "token=\"quoted\"; Path=/api/v1",
        "empty=; Path=/",
    ];
    let parsed_url = url::Url::parse("https://www.example.com/app/page").unwrap();
    let url = RequestUrl::from_url(&parsed_url).unwrap();
    for line in lines {
        let theirs = cookie::Cookie::parse(line).unwrap();
        let mut jar = CookieJar::new();
        jar.set_cookie(line, &url, &RequestContext::default(), NOW).unwrap();
        let ours = jar.cookies(NOW).next().unwrap();
        assert_eq!(ours.name(), theirs.name(), "{line}");
        assert_eq!(ours.value(), theirs.value(), "{line}");
        assert_eq!(ours.secure(), theirs.secure().unwrap_or(false), "{line}");
        assert_eq!(ours.http_only(), theirs.http_only().unwrap_or(false), "{line}");
        assert_eq!(ours.partition_key().is_some(), theirs.partitioned().unwrap_or(false), "{line}");
        if let Some(path) = theirs.path() {
            assert_eq!(ours.path(), path, "{line}");
        }
        match theirs.domain() {
            Some(domain) => assert_eq!((ours.domain(), ours.host_only()), (domain, false), "{line}"),
            None => assert!(ours.host_only(), "{line}"),
        }
        let same_site = match theirs.same_site() {
            Some(cookie::SameSite::Strict) => SameSite::Strict,
            Some(cookie::SameSite::Lax) => SameSite::Lax,
            Some(cookie::SameSite::None) => SameSite::None,
            None => SameSite::Default,
        };
        assert_eq!(ours.same_site(), same_site, "{line}");
        let max_age_ms = theirs.max_age().map(|d| d.whole_seconds() * 1000);
        assert_eq!(ours.expires(), max_age_ms.map(|ms| NOW + ms), "{line}");
    }
}
