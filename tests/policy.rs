//! Policies: the user's say after the drafts' (Python's `DefaultCookiePolicy`, browsers'
//! third-party and SameSite settings): domain lists, third-party modes, unspecified SameSite,
//! and the accept and send callbacks, whose failure undoes the call.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers fail the test by panicking")]

mod support;

use cookie_engine::{
    CallbackError, Cookie, CookieJar, DomainRule, JarConfig, Limits, Policy, PolicyCallbacks, RequestContext,
    RequestUrl, Site, SiteForCookies, ThirdParty, UnspecifiedSameSite,
};
use support::{content, header, parse_url, set, NOW};

fn site_of(url: &str) -> Site {
    RequestUrl::from_url(&parse_url(url)).unwrap().site()
}

/// A request from a page of `top`: a subresource, or a top-level navigation.
fn from_page(top: &str, navigation: bool) -> RequestContext {
    RequestContext {
        site_for_cookies: SiteForCookies::Site(site_of(top)),
        top_level_site: Some(site_of(top)),
        top_level_navigation: navigation,
        ..RequestContext::default()
    }
}

fn rules(entries: &[&str]) -> Vec<DomainRule> {
    entries.iter().map(|entry| DomainRule::parse(entry).unwrap()).collect()
}

fn jar_with(policy: Policy) -> CookieJar {
    CookieJar::with_config(JarConfig { policy, ..JarConfig::default() }).unwrap()
}

#[test]
fn blocked_and_allowed_domains() {
    // (policy lists, line, from URL, decision, then the header for that URL)
    type Case<'a> = (&'a [&'a str], Option<&'a [&'a str]>, &'a str, &'a str, &'a str);
    let cases: &[Case] = &[
        (&["example.com"], None, "a=1", "https://example.com/", "blocked-domain"),
        (&["example.com"], None, "a=1", "https://www.example.com/", "new"),
        (&["example.com"], None, "a=1; Domain=example.com", "https://www.example.com/", "blocked-domain"),
        (&[".example.com"], None, "a=1", "https://example.com/", "blocked-domain"),
        (&[".example.com"], None, "a=1", "https://a.b.example.com/", "blocked-domain"),
        (&[".example.com"], None, "a=1", "https://example.org/", "new"),
        (&["127.0.0.1"], None, "a=1", "http://127.0.0.1:8080/", "blocked-domain"),
        (&["xn--bcher-kva.example"], None, "a=1", "https://bücher.example/", "blocked-domain"),
        (&[], Some(&[".example.com"]), "a=1", "https://www.example.com/", "new"),
        (&[], Some(&[".example.com"]), "a=1", "https://example.org/", "not-allowed-domain"),
        (&[], Some(&["example.com"]), "a=1", "https://www.example.com/", "not-allowed-domain"),
        (&[], Some(&[]), "a=1", "https://example.com/", "not-allowed-domain"),
        (&["www.example.com"], Some(&[".example.com"]), "a=1", "https://www.example.com/", "blocked-domain"),
    ];
    for &(blocked, allowed, line, url, want) in cases {
        let mut jar = jar_with(Policy {
            blocked_domains: rules(blocked),
            allowed_domains: allowed.map(rules),
            ..Policy::default()
        });
        let context = RequestContext::default();
        assert_eq!(
            set(&mut jar, line, url, &context, NOW),
            want,
            "{blocked:?} {allowed:?} {line} from {url}"
        );
        let expected_header = if want == "new" { "a=1" } else { "" };
        assert_eq!(header(&mut jar, url, &context, NOW), expected_header, "{blocked:?} {url}");
    }
}

/// Cookies stored before a policy change are withheld when the new policy refuses them, with
/// the entry that matched.
#[test]
fn a_new_policy_applies_to_stored_cookies() {
    let mut jar = CookieJar::new();
    let context = RequestContext::default();
    set(&mut jar, "a=1", "https://ads.example/", &context, NOW);
    set(&mut jar, "b=1", "https://news.example/", &context, NOW);
    let policy = Policy { blocked_domains: rules(&["x.test", ".ads.example"]), ..Policy::default() };
    jar.set_policy(policy.clone()).unwrap();
    assert_eq!(header(&mut jar, "https://ads.example/", &context, NOW), "");
    assert_eq!(header(&mut jar, "https://news.example/", &context, NOW), "b=1");
    let parsed = parse_url("https://ads.example/");
    let url = RequestUrl::from_url(&parsed).unwrap();
    let decisions = jar.explain_retrieval(&url, &context, NOW);
    let withheld = decisions[0].withheld.unwrap();
    assert_eq!(withheld.code(), "blocked-domain");
    assert_eq!(withheld, cookie_engine::Withheld::BlockedDomain(1));
    assert_eq!(policy.blocked_entry(1), Some(".ads.example"));
    assert_eq!(content(&jar, NOW), "a=1 b=1", "withheld, not removed");
    jar.set_policy(Policy::default()).unwrap();
    assert_eq!(header(&mut jar, "https://ads.example/", &context, NOW), "a=1");
    let negative = Policy { lax_allowing_unsafe_millis: -1, ..Policy::default() };
    assert_eq!(jar.set_policy(negative).unwrap_err().code(), "negative-lax-allowing-unsafe");
}

/// The third-party matrix: each mode, in a same-site request, a cross-site subresource request
/// and a cross-site top-level navigation, for partitioned and unpartitioned cookies.
#[test]
fn third_party_modes() {
    let embed = "https://embed.example/";
    let lines = ["plain=1; SameSite=None; Secure", "chip=1; SameSite=None; Secure; Partitioned"];
    let contexts = [
        ("same-site", RequestContext::default()),
        ("cross-site subresource", from_page("https://top.example/", false)),
        ("cross-site navigation", from_page("https://top.example/", true)),
    ];
    // (mode, context, what is stored and then sent)
    let cases: &[(ThirdParty, &str, &str)] = &[
        (ThirdParty::Allow, "same-site", "plain=1; chip=1"),
        (ThirdParty::Allow, "cross-site subresource", "plain=1; chip=1"),
        (ThirdParty::Allow, "cross-site navigation", "plain=1; chip=1"),
        (ThirdParty::Block, "same-site", "plain=1; chip=1"),
        (ThirdParty::Block, "cross-site subresource", ""),
        (ThirdParty::Block, "cross-site navigation", "plain=1; chip=1"),
        (ThirdParty::PartitionedOnly, "same-site", "plain=1; chip=1"),
        (ThirdParty::PartitionedOnly, "cross-site subresource", "chip=1"),
        (ThirdParty::PartitionedOnly, "cross-site navigation", "plain=1; chip=1"),
    ];
    for &(mode, name, want) in cases {
        let context = &contexts.iter().find(|(n, _)| *n == name).unwrap().1;
        let mut jar = jar_with(Policy { third_party: mode, ..Policy::default() });
        let decisions: Vec<String> =
            lines.iter().map(|line| set(&mut jar, line, embed, context, NOW)).collect();
        assert_eq!(header(&mut jar, embed, context, NOW), want, "{mode:?} {name}: stored {decisions:?}");
        let refused = decisions.iter().filter(|d| *d == "third-party-blocked").count();
        assert_eq!(
            refused,
            lines.len() - want.split("; ").filter(|c| !c.is_empty()).count(),
            "{mode:?} {name}"
        );
        // Stored first-party, then asked for in the context: the same verdict when sending.
        let mut jar = jar_with(Policy { third_party: mode, ..Policy::default() });
        // (Same-site, in the partition the context's requests are in.)
        let first_party = RequestContext {
            top_level_site: context.top_level_site.clone(),
            top_level_navigation: context.top_level_navigation,
            ..RequestContext::default()
        };
        for line in lines {
            set(&mut jar, line, embed, &first_party, NOW);
        }
        assert_eq!(header(&mut jar, embed, context, NOW), want, "{mode:?} {name}, stored first-party");
    }
}

#[test]
fn unspecified_same_site_as_lax_or_none() {
    let url = "https://site.example/";
    for (mode, stored_cross_site, sent_cross_site) in [
        (UnspecifiedSameSite::Lax, "samesite-from-cross-site-request", ""),
        (UnspecifiedSameSite::None, "new", "unset=1"),
    ] {
        let mut jar = jar_with(Policy { unspecified_same_site: mode, ..Policy::default() });
        let cross = from_page("https://other.example/", false);
        assert_eq!(set(&mut jar, "unset=1", url, &cross, NOW), stored_cross_site, "{mode:?}");
        let mut jar = jar_with(Policy { unspecified_same_site: mode, ..Policy::default() });
        set(&mut jar, "unset=1", url, &RequestContext::default(), NOW);
        assert_eq!(header(&mut jar, url, &cross, NOW), sent_cross_site, "{mode:?}");
        // An explicit SameSite is enforced as it says, whatever the mode.
        set(&mut jar, "lax=1; SameSite=Lax", url, &RequestContext::default(), NOW);
        assert!(!header(&mut jar, url, &cross, NOW).contains("lax=1"), "{mode:?}");
    }
}

/// Callbacks that answer from a list of names, count their calls, and fail on a name.
struct Callbacks {
    refuse: &'static [&'static str],
    fail_on: Option<&'static str>,
    calls: Vec<String>,
}

impl Callbacks {
    fn answer(&mut self, kind: &str, cookie: &Cookie) -> Result<bool, CallbackError> {
        self.calls.push(format!("{kind} {}", cookie.name()));
        if self.fail_on == Some(cookie.name()) {
            return Err(CallbackError);
        }
        Ok(!self.refuse.contains(&cookie.name()))
    }
}

impl PolicyCallbacks for Callbacks {
    fn accept(&mut self, cookie: &Cookie) -> Result<bool, CallbackError> {
        self.answer("accept", cookie)
    }
    fn send(&mut self, cookie: &Cookie) -> Result<bool, CallbackError> {
        self.answer("send", cookie)
    }
}

#[test]
fn callbacks_accept_refuse_and_fail() {
    let parsed = parse_url("https://www.example.com/");
    let url = RequestUrl::from_url(&parsed).unwrap();
    let context = RequestContext::default();
    let mut jar = CookieJar::new();
    let mut callbacks = Callbacks { refuse: &["tracker"], fail_on: None, calls: Vec::new() };
    let lines = ["a=1", "tracker=1", "bad=1; Domain=com", "b=1"];
    let decisions = jar.set_cookies_with(&lines, &url, &context, NOW, &mut callbacks).unwrap();
    let codes: Vec<&str> = decisions.iter().map(|d| d.map_or_else(|r| r.code(), |s| s.code())).collect();
    assert_eq!(codes, ["new", "rejected-by-policy", "domain-is-public-suffix", "new"]);
    assert_eq!(
        callbacks.calls,
        ["accept a", "accept tracker", "accept b"],
        "only cookies the rules let through"
    );

    callbacks = Callbacks { refuse: &["b"], fail_on: None, calls: Vec::new() };
    assert_eq!(jar.cookie_header_with(&url, &context, NOW, &mut callbacks).unwrap(), "a=1");
    assert_eq!(callbacks.calls, ["send a", "send b"]);
    let explained: Vec<(String, Option<&str>)> = jar
        .explain_retrieval_with(&url, &context, NOW, &mut callbacks)
        .unwrap()
        .iter()
        .map(|d| (d.cookie.name().to_owned(), d.withheld.map(|w| w.code())))
        .collect();
    assert_eq!(explained, [("a".to_owned(), None), ("b".to_owned(), Some("withheld-by-policy"))]);
}

/// A failing callback undoes the whole call: the lines stored before it, the cookies they
/// replaced or evicted, the change log, the sequence numbers.
#[test]
fn a_failing_callback_leaves_the_jar_as_it_was() {
    let parsed = parse_url("https://www.example.com/");
    let url = RequestUrl::from_url(&parsed).unwrap();
    let context = RequestContext::default();
    let limits =
        Limits { per_site: 4, per_site_purge_to: 3, total: 6, total_purge_to: 5, ..Limits::default() };
    let mut jar = CookieJar::with_config(JarConfig { limits, ..JarConfig::default() }).unwrap();
    for (i, site) in
        ["https://one.example/", "https://two.example/", "https://www.example.com/"].iter().enumerate()
    {
        set(&mut jar, &format!("old{i}=1; Max-Age=600"), site, &context, NOW + i as i64);
    }
    set(&mut jar, "keep=1", "https://www.example.com/", &context, NOW + 5);
    jar.record_changes(true);
    let header_before = header(&mut jar, "https://www.example.com/", &context, NOW + 10);
    let before =
        jar.records(NOW + 10, &cookie_engine::ExportOptions { include_session: true, include_expired: true });
    jar.take_changes();

    // Replaces old2 and keep, adds three (evicting cookies of this site and, over the total,
    // of the others), then fails.
    let mut callbacks = Callbacks { refuse: &[], fail_on: Some("boom"), calls: Vec::new() };
    let lines = ["old2=2; Max-Age=600", "keep=2", "n1=1", "n2=1", "n3=1", "boom=1", "n4=1"];
    assert_eq!(jar.set_cookies_with(&lines, &url, &context, NOW + 20, &mut callbacks), Err(CallbackError));
    assert_eq!(callbacks.calls.last().map(String::as_str), Some("accept boom"));
    let after =
        jar.records(NOW + 10, &cookie_engine::ExportOptions { include_session: true, include_expired: true });
    assert_eq!(after, before, "every cookie back, with its times and in its order");
    assert!(jar.take_changes().is_empty(), "an undone call reports no changes");
    assert_eq!(header(&mut jar, "https://www.example.com/", &context, NOW + 10), header_before);

    // The jar goes on as if the call had not been made: the next cookie takes the next number.
    set(&mut jar, "later=1", "https://www.example.com/", &context, NOW + 30);
    let order: Vec<String> =
        jar.cookies_in_creation_order(NOW + 30).iter().map(|c| c.name().to_owned()).collect();
    assert_eq!(order, ["old0", "old1", "old2", "keep", "later"]);

    // A failing send: no last-access update, no eviction of the expired cookie it met.
    let mut jar = CookieJar::new();
    set(&mut jar, "short=1; Max-Age=1", "https://www.example.com/", &context, NOW);
    set(&mut jar, "boom=1", "https://www.example.com/", &context, NOW);
    let mut callbacks = Callbacks { refuse: &[], fail_on: Some("boom"), calls: Vec::new() };
    assert_eq!(jar.cookie_header_with(&url, &context, NOW + 5_000, &mut callbacks), Err(CallbackError));
    assert_eq!(jar.len(), 2, "the expired cookie is still there");
    assert!(jar.cookies(i64::MIN).all(|c| c.last_access_time() == NOW));
}

/// Imports go through the lists too.
#[test]
fn imports_respect_the_lists() {
    let mut saved = CookieJar::new();
    let context = RequestContext::default();
    set(&mut saved, "a=1; Max-Age=600", "https://ads.example/", &context, NOW);
    set(&mut saved, "b=1; Max-Age=600", "https://news.example/", &context, NOW);
    let text = saved.export(cookie_engine::Format::Json, NOW, &cookie_engine::ExportOptions::default());
    let mut jar = jar_with(Policy { blocked_domains: rules(&[".ads.example"]), ..Policy::default() });
    let report = jar.import(cookie_engine::Format::Json, &text, NOW).unwrap();
    assert_eq!(report.restored, 1);
    assert_eq!(report.skipped.iter().map(|s| s.code).collect::<Vec<_>>(), ["blocked-domain"]);
}
