//! Request contexts: SameSite (6265bis 5.2, 5.7 step 18, 5.8 step 3) and partitioned cookies
//! (CHIPS).

#![allow(clippy::unwrap_used, reason = "test helpers fail the test by panicking")]

mod support;

use cookie_engine::{Api, CookieJar, RequestContext, RequestUrl, Site, SiteForCookies, Withheld};
use support::{header, parse_url, set, NOW};

fn site_of(url: &str) -> Site {
    let parsed = parse_url(url);
    RequestUrl::from_url(&parsed).unwrap().site()
}

fn cross_site(from: &str, navigation: bool, safe_method: bool) -> RequestContext {
    RequestContext {
        site_for_cookies: SiteForCookies::Site(site_of(from)),
        top_level_site: Some(site_of(from)),
        top_level_navigation: navigation,
        safe_method,
        ..RequestContext::default()
    }
}

/// A jar with one cookie per SameSite value, set first-party on https://site.example.
fn same_site_jar() -> CookieJar {
    let mut jar = CookieJar::new();
    let first_party = RequestContext::default();
    for line in
        ["strict=1; SameSite=Strict", "lax=1; SameSite=Lax", "unset=1", "none=1; SameSite=None; Secure"]
    {
        assert_eq!(set(&mut jar, line, "https://site.example/", &first_party, NOW), "new");
    }
    jar
}

#[test]
fn same_site_retrieval() {
    let url = "https://site.example/";
    let cases: &[(&str, RequestContext, i64, &str)] = &[
        ("same-site", RequestContext::default(), NOW, "strict=1; lax=1; unset=1; none=1"),
        (
            "same-site subresource of a subdomain",
            cross_site("https://www.site.example", false, true),
            NOW,
            "strict=1; lax=1; unset=1; none=1",
        ),
        ("cross-site subresource", cross_site("https://other.example", false, true), NOW, "none=1"),
        (
            "cross-site navigation, GET",
            cross_site("https://other.example", true, true),
            NOW,
            "lax=1; unset=1; none=1",
        ),
        // Lax-allowing-unsafe: a cookie without SameSite younger than 2 minutes rides a POST.
        (
            "cross-site navigation, POST, new cookie",
            cross_site("https://other.example", true, false),
            NOW + 120_000,
            "unset=1; none=1",
        ),
        (
            "cross-site navigation, POST, old cookie",
            cross_site("https://other.example", true, false),
            NOW + 120_001,
            "none=1",
        ),
        // Schemeful same-site: http and https are different sites.
        ("other scheme", cross_site("http://site.example", false, true), NOW, "none=1"),
        (
            "opaque site for cookies",
            RequestContext { site_for_cookies: SiteForCookies::Opaque, ..RequestContext::default() },
            NOW,
            "none=1",
        ),
        (
            "a script in a cross-site frame",
            RequestContext {
                api: Api::NonHttp,
                top_level_navigation: true,
                ..cross_site("https://other.example", true, true)
            },
            NOW,
            "none=1",
        ),
    ];
    for (description, context, now, want) in cases {
        let mut jar = same_site_jar();
        assert_eq!(header(&mut jar, url, context, *now), *want, "{description}");
    }
}

#[test]
fn same_site_explained() {
    let jar = same_site_jar();
    let parsed = parse_url("https://site.example/");
    let url = RequestUrl::from_url(&parsed).unwrap();
    let decisions = jar.explain_retrieval(&url, &cross_site("https://other.example", false, true), NOW);
    let got: Vec<(&str, Option<Withheld>)> =
        decisions.iter().map(|d| (d.cookie.name(), d.withheld)).collect();
    assert_eq!(
        got,
        [
            ("none", None),
            ("strict", Some(Withheld::SameSiteStrict)),
            ("lax", Some(Withheld::SameSiteLax)),
            ("unset", Some(Withheld::SameSiteLax)),
        ]
    );
}

#[test]
fn same_site_storage() {
    let url = "https://site.example/";
    let lines =
        ["strict=1; SameSite=Strict", "lax=1; SameSite=Lax", "unset=1", "none=1; SameSite=None; Secure"];
    let cases: &[(&str, RequestContext, [&str; 4])] = &[
        ("same-site", RequestContext::default(), ["new", "new", "new", "new"]),
        (
            "cross-site subresource (step 18.4)",
            cross_site("https://other.example", false, true),
            [
                "samesite-from-cross-site-request",
                "samesite-from-cross-site-request",
                "samesite-from-cross-site-request",
                "new",
            ],
        ),
        // Step 18.3: top-level navigations may set any cookie, whatever the method.
        (
            "cross-site navigation, POST",
            cross_site("https://other.example", true, false),
            ["new", "new", "new", "new"],
        ),
        (
            "a script in a cross-site document (step 18.1)",
            RequestContext { api: Api::NonHttp, ..cross_site("https://other.example", true, true) },
            [
                "samesite-from-cross-site-script",
                "samesite-from-cross-site-script",
                "samesite-from-cross-site-script",
                "new",
            ],
        ),
    ];
    for (description, context, want) in cases {
        let mut jar = CookieJar::new();
        let got: Vec<String> = lines.iter().map(|line| set(&mut jar, line, url, context, NOW)).collect();
        assert_eq!(got, want, "{description}");
    }
}

fn embedded_in(top: &str) -> RequestContext {
    RequestContext { top_level_site: Some(site_of(top)), ..RequestContext::default() }
}

#[test]
fn partitioned_cookies() {
    let embed = "https://embed.example/widget";
    let mut jar = CookieJar::new();
    assert_eq!(
        set(
            &mut jar,
            "p=top1; Secure; Partitioned; SameSite=None",
            embed,
            &embedded_in("https://top1.example"),
            NOW
        ),
        "new"
    );
    // The partition key is part of the identity: the same name, domain and path again.
    assert_eq!(
        set(
            &mut jar,
            "p=top2; Secure; Partitioned; SameSite=None",
            embed,
            &embedded_in("https://www.top2.example"),
            NOW
        ),
        "new"
    );
    assert_eq!(
        set(&mut jar, "u=1; Secure; SameSite=None", embed, &embedded_in("https://top1.example"), NOW),
        "new"
    );
    assert_eq!(
        set(&mut jar, "x=1; Partitioned", "http://embed.example/", &embedded_in("https://top1.example"), NOW),
        "partitioned-without-secure"
    );
    assert_eq!(
        set(&mut jar, "x=1; Partitioned", embed, &embedded_in("https://top1.example"), NOW),
        "partitioned-without-secure"
    );

    assert_eq!(header(&mut jar, embed, &embedded_in("https://top1.example"), NOW), "p=top1; u=1");
    assert_eq!(header(&mut jar, embed, &embedded_in("https://other.top2.example"), NOW), "p=top2; u=1");
    assert_eq!(
        header(&mut jar, embed, &embedded_in("http://top1.example"), NOW),
        "u=1",
        "schemeful partition keys"
    );
    // Visited directly, embed.example is its own top-level site: another partition.
    assert_eq!(header(&mut jar, embed, &RequestContext::default(), NOW), "u=1");

    let keys: Vec<Option<String>> = {
        let mut keys: Vec<_> = jar.cookies(NOW).map(|c| c.partition_key().map(str::to_owned)).collect();
        keys.sort();
        keys
    };
    assert_eq!(keys, [None, Some("https://top1.example".into()), Some("https://top2.example".into())]);

    // A first-party partitioned cookie is keyed by its own site.
    let mut jar = CookieJar::new();
    set(
        &mut jar,
        "p=1; Secure; Partitioned; Domain=shop.example",
        "https://shop.example/",
        &RequestContext::default(),
        NOW,
    );
    assert_eq!(jar.cookies(NOW).next().unwrap().partition_key(), Some("https://shop.example"));
    assert_eq!(header(&mut jar, "https://www.shop.example/", &RequestContext::default(), NOW), "p=1");
    assert_eq!(header(&mut jar, "https://www.shop.example/", &embedded_in("https://top1.example"), NOW), "");
}

#[test]
fn a_top_level_navigation_is_keyed_by_the_page_it_loads() {
    // Found by the differential harness: a cross-site link (or form post) to shop.example loads
    // shop.example as the top-level document, so the partition is shop.example's, not the site
    // of the page that started it (which decides SameSite alone).
    let mut jar = CookieJar::new();
    let from_news = cross_site("https://news.example/", true, true);
    let line = "p=1; Secure; Partitioned; SameSite=None";
    assert_eq!(set(&mut jar, line, "https://www.shop.example/", &from_news, NOW), "new");
    assert_eq!(jar.cookies(NOW).next().unwrap().partition_key(), Some("https://shop.example"));
    assert_eq!(header(&mut jar, "https://www.shop.example/", &RequestContext::default(), NOW), "p=1");
    assert_eq!(header(&mut jar, "https://www.shop.example/", &from_news, NOW), "p=1");
    // A subresource of news.example's page is in news.example's partition: not this cookie.
    assert_eq!(
        header(&mut jar, "https://www.shop.example/", &cross_site("https://news.example/", false, true), NOW),
        ""
    );
}
