//! Change records: every insertion and removal, with its cause (the W3C Cookie Store API's
//! change events, Chromium's causes), only while recording.

#![allow(clippy::unwrap_used, reason = "test helpers fail the test by panicking")]

mod support;

use cookie_engine::{ChangeCause, CookieJar, ExportOptions, Format, JarConfig, Limits, RequestContext};
use support::{header, set, NOW};

const URL: &str = "https://www.example.com/";

/// The changes since the last call, as "cause name=value" strings.
fn changes(jar: &mut CookieJar) -> Vec<String> {
    jar.take_changes()
        .iter()
        .map(|change| format!("{} {}={}", change.cause.code(), change.cookie.name(), change.cookie.value()))
        .collect()
}

/// What one step does to a jar.
type Step = fn(&mut CookieJar);

#[test]
fn each_change_has_its_cause() {
    let first_party = RequestContext::default();
    let cases: &[(&str, Step, &[&str])] = &[
        (
            "a new cookie",
            |jar| drop(set(jar, "a=1", URL, &RequestContext::default(), NOW)),
            &["inserted a=1"],
        ),
        (
            "a replacement: the old one overwritten, the new one inserted",
            |jar| {
                set(jar, "a=1", URL, &RequestContext::default(), NOW);
                set(jar, "a=2", URL, &RequestContext::default(), NOW + 1);
            },
            &["inserted a=1", "overwritten a=1", "inserted a=2"],
        ),
        (
            "a server deletes a cookie with an expired one",
            |jar| {
                set(jar, "a=1", URL, &RequestContext::default(), NOW);
                set(jar, "a=; Max-Age=0", URL, &RequestContext::default(), NOW + 1);
            },
            &["inserted a=1", "expired a=1"],
        ),
        (
            "an expired twin makes way for a new cookie",
            |jar| {
                set(jar, "a=1; Max-Age=1", URL, &RequestContext::default(), NOW);
                set(jar, "a=2", URL, &RequestContext::default(), NOW + 5_000);
            },
            &["inserted a=1", "expired a=1", "inserted a=2"],
        ),
        (
            "a retrieval evicts the expired cookies it meets",
            |jar| {
                set(jar, "a=1; Max-Age=1", URL, &RequestContext::default(), NOW);
                set(jar, "b=2", URL, &RequestContext::default(), NOW);
                header(jar, URL, &RequestContext::default(), NOW + 5_000);
            },
            &["inserted a=1", "inserted b=2", "expired a=1"],
        ),
        (
            "delete, end_session, remove_expired and clear",
            |jar| {
                set(jar, "a=1", URL, &RequestContext::default(), NOW);
                set(jar, "b=2", URL, &RequestContext::default(), NOW);
                set(jar, "c=3; Max-Age=1", URL, &RequestContext::default(), NOW);
                set(jar, "d=4; Max-Age=100", URL, &RequestContext::default(), NOW);
                jar.delete("a", "www.example.com", None);
                jar.end_session();
                jar.remove_expired(NOW + 5_000);
                jar.clear();
            },
            &[
                "inserted a=1",
                "inserted b=2",
                "inserted c=3",
                "inserted d=4",
                "explicit a=1",
                "explicit b=2",
                "expired c=3",
                "explicit d=4",
            ],
        ),
        (
            "rejected and expired lines change nothing",
            |jar| {
                set(jar, "a=1; Domain=com", URL, &RequestContext::default(), NOW);
                set(jar, "b=1; Max-Age=0", URL, &RequestContext::default(), NOW);
            },
            &[],
        ),
    ];
    for (description, step, want) in cases {
        let mut jar = CookieJar::new();
        jar.record_changes(true);
        step(&mut jar);
        assert_eq!(changes(&mut jar), *want, "{description}");
        assert_eq!(changes(&mut jar), Vec::<String>::new(), "{description}: taken once");
    }
    // Not recording: nothing is kept.
    let mut jar = CookieJar::new();
    set(&mut jar, "a=1", URL, &first_party, NOW);
    jar.record_changes(true);
    jar.record_changes(false);
    set(&mut jar, "b=1", URL, &first_party, NOW);
    assert!(jar.take_changes().is_empty());
    assert!(ChangeCause::Inserted.is_insertion() && !ChangeCause::Evicted.is_insertion());
}

/// Limits: the least recently used cookies are evicted; expired ones go first, as expired.
#[test]
fn evictions_by_limits() {
    let limits =
        Limits { per_site: 3, per_site_purge_to: 2, total: 100, total_purge_to: 90, ..Limits::default() };
    let mut jar = CookieJar::with_config(JarConfig { limits, ..JarConfig::default() }).unwrap();
    let context = RequestContext::default();
    set(&mut jar, "old=1; Max-Age=1", URL, &context, NOW);
    set(&mut jar, "a=1", URL, &context, NOW + 1);
    set(&mut jar, "b=1", URL, &context, NOW + 2);
    jar.record_changes(true);
    set(&mut jar, "c=1", URL, &context, NOW + 10_000);
    assert_eq!(changes(&mut jar), ["inserted c=1", "expired old=1", "evicted a=1"]);

    let limits =
        Limits { per_site: 10, per_site_purge_to: 10, total: 3, total_purge_to: 2, ..Limits::default() };
    let mut jar = CookieJar::with_config(JarConfig { limits, ..JarConfig::default() }).unwrap();
    jar.record_changes(true);
    for (i, site) in ["https://a.example/", "https://b.example/", "https://c.example/", "https://d.example/"]
        .iter()
        .enumerate()
    {
        set(&mut jar, &format!("s{i}=1"), site, &context, NOW + i as i64);
    }
    let got = changes(&mut jar);
    assert_eq!(&got[..4], ["inserted s0=1", "inserted s1=1", "inserted s2=1", "inserted s3=1"]);
    let mut evicted = got[4..].to_vec();
    evicted.sort();
    assert_eq!(evicted, ["evicted s0=1", "evicted s1=1"], "the total limit purges to 2");
}

/// An import is insertions too, and a twin it replaces is overwritten.
#[test]
fn imports_insert_and_overwrite() {
    let context = RequestContext::default();
    let mut saved = CookieJar::new();
    set(&mut saved, "a=1; Max-Age=60", URL, &context, NOW);
    set(&mut saved, "b=2; Max-Age=60", URL, &context, NOW);
    let text = saved.export(Format::Json, NOW, &ExportOptions::default());
    let mut jar = CookieJar::new();
    set(&mut jar, "a=old; Max-Age=60", URL, &context, NOW);
    jar.record_changes(true);
    jar.import(Format::Json, &text, NOW).unwrap();
    assert_eq!(changes(&mut jar), ["overwritten a=old", "inserted a=1", "inserted b=2"]);
}
