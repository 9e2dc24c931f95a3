//! The jar's invariants as properties: over generated sequences of operations (Set-Cookie lines
//! built from hostile pieces, from URLs of several sites and schemes, in every kind of context;
//! retrievals; clock steps; deletions; restores from the jar's own saved records), every
//! invariant of `support/invariants.rs` holds after every step. proptest shrinks a failing
//! sequence to a short one and keeps its seed in `tests/invariants.proptest-regressions`.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code fails by panicking")]

#[path = "support/invariants.rs"]
mod invariants;

use cookie_engine::{
    Api, CookieJar, ExportOptions, JarConfig, Limits, RequestContext, RequestUrl, SiteForCookies,
};
use invariants::{check_jar, check_retrieval, check_round_trips, check_set, snapshot};
use proptest::prelude::*;

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
    "=",
    ";",
    "; ",
    " ",
    "\t",
    "\u{0}",
    "é",
    "\"",
    ",",
    "Path=/",
    "Path=/a",
    "Path=/a/",
    "Path=",
    "Domain=example.com",
    "Domain=.example.com",
    "Domain=www.example.com",
    "Domain=com",
    "Domain=co.uk",
    "Domain=example.co.uk",
    "Domain=127.0.0.1",
    "Secure",
    "HttpOnly",
    "SameSite=Lax",
    "SameSite=Strict",
    "SameSite=None",
    "Partitioned",
    "Priority=High",
    "Max-Age=0",
    "Max-Age=-1",
    "Max-Age=60",
    "Max-Age=99999999999",
    "Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    "Expires=Fri, 01 Jan 2100 00:00:00 GMT",
];

/// The names of well-formed lines (most lines a server sends are well-formed).
const NAMES: &[&str] =
    &["a", "b", "c", "d", "sid", "id", "__Secure-s", "__Host-h", "__Http-x", "", "é", "x y"];

const URLS: &[&str] = &[
    "http://example.com/",
    "https://example.com/a/b",
    "https://www.example.com/a",
    "http://www.example.com/a/",
    "http://sub.www.example.com/",
    "https://example.co.uk/x/y",
    "http://co.uk/",
    "https://alice.github.io/",
    "https://github.io/",
    "http://127.0.0.1:8080/a",
    "http://[::1]/",
    "http://localhost/",
    "ws://example.com/socket",
    "https://other.example/",
];

#[derive(Clone, Debug)]
struct Context {
    script: bool,
    site_for_cookies: Option<Option<usize>>,
    top_level: Option<usize>,
    safe: bool,
    navigation: bool,
}

#[derive(Clone, Debug)]
enum Op {
    /// A line: `NAMES[name]=value; ` and the pieces, or only the pieces (`raw`).
    Set {
        name: usize,
        raw: bool,
        pieces: Vec<usize>,
        url: usize,
        context: Context,
    },
    Get {
        url: usize,
        context: Context,
    },
    Advance(i64),
    Delete {
        name: usize,
        url: usize,
    },
    RemoveExpired,
    EndSession,
    /// Restore the jar's own records into it (each replaces its twin).
    Restore,
}

fn context() -> impl Strategy<Value = Context> {
    let site_for_cookies = prop_oneof![3 => Just(None), 1 => prop::option::of(0..URLS.len()).prop_map(Some)];
    (0..4, site_for_cookies, prop::option::of(0..URLS.len()), any::<bool>(), any::<bool>()).prop_map(
        |(script, site_for_cookies, top_level, safe, navigation)| Context {
            script: script == 0,
            site_for_cookies,
            top_level,
            safe,
            navigation,
        },
    )
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        12 => (0..NAMES.len(), 0..4, prop::collection::vec(0..PIECES.len(), 0..6), 0..URLS.len(), context())
            .prop_map(|(name, raw, pieces, url, context)| Op::Set { name, raw: raw == 0, pieces, url, context }),
        3 => (0..URLS.len(), context()).prop_map(|(url, context)| Op::Get { url, context }),
        2 => (0i64..200_000_000).prop_map(Op::Advance),
        1 => (0..NAMES.len(), 0..URLS.len()).prop_map(|(name, url)| Op::Delete { name, url }),
        1 => Just(Op::RemoveExpired),
        1 => Just(Op::Restore),
        // Rare, as a session's end is.
        1 => (0..8).prop_map(|n| if n == 0 { Op::EndSession } else { Op::Advance(1) }),
    ]
}

fn request_url(index: usize) -> RequestUrl<'static> {
    RequestUrl::parse(URLS[index]).unwrap()
}

fn request_context(context: &Context) -> RequestContext {
    let site = |index: usize| request_url(index).site();
    RequestContext {
        api: if context.script { Api::NonHttp } else { Api::Http },
        site_for_cookies: match context.site_for_cookies {
            None => SiteForCookies::SameAsRequest,
            Some(None) => SiteForCookies::Opaque,
            Some(Some(index)) => SiteForCookies::Site(site(index)),
        },
        top_level_site: context.top_level.map(site),
        safe_method: context.safe,
        top_level_navigation: context.navigation,
    }
}

/// Small limits, so that sequences reach them.
fn limits() -> Limits {
    Limits {
        per_site: 8,
        per_site_purge_to: 6,
        total: 20,
        total_purge_to: 15,
        partitioned_bytes_per_site: 200,
    }
}

fn run(ops: &[Op]) {
    let limits = limits();
    let mut jar =
        CookieJar::with_config(JarConfig { limits: limits.clone(), ..JarConfig::default() }).unwrap();
    let mut now = 1_767_225_600_000i64;
    for op in ops {
        match op {
            Op::Set { name, raw, pieces, url, context } => {
                let line = if *raw {
                    pieces.iter().map(|&i| PIECES[i]).collect()
                } else {
                    let attributes: Vec<&str> = pieces.iter().map(|&i| PIECES[i]).collect();
                    format!("{}=v{}; {}", NAMES[*name], pieces.len(), attributes.join("; "))
                };
                let (url, context) = (request_url(*url), request_context(context));
                let before = snapshot(&jar, now);
                let _ = jar.set_cookie(&line, &url, &context, now);
                check_set(&before, &snapshot(&jar, now), &url, &context);
            }
            Op::Get { url, context } => {
                check_retrieval(&mut jar, &request_url(*url), &request_context(context), now)
            }
            Op::Advance(ms) => now += ms,
            Op::Delete { name, url } => {
                jar.delete(NAMES[*name], request_url(*url).host(), None);
            }
            Op::RemoveExpired => {
                jar.remove_expired(now);
            }
            Op::EndSession => {
                jar.end_session();
            }
            Op::Restore => {
                for record in
                    jar.records(now, &ExportOptions { include_session: true, include_expired: true })
                {
                    let _ = jar.restore(&record, now);
                }
            }
        }
        check_jar(&jar, &limits);
    }
    check_round_trips(&jar, now);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_after_every_operation(ops in prop::collection::vec(op(), 1..150)) {
        run(&ops);
    }
}

/// A fixed sequence fills the jar past its limits from several hosts of one site and others,
/// with Secure cookies set first and plain ones from http after, and the script API among them.
#[test]
fn a_fixed_sequence_reaches_the_limits() {
    let ops: Vec<Op> = (0..60)
        .map(|i| Op::Set {
            name: i % NAMES.len(),
            raw: false,
            pieces: if i < 30 { vec![29, 22] } else { vec![18, 30 + i % 3] },
            url: [1, 2, 3, 4, 0, 13][i % 6],
            context: Context {
                script: i % 7 == 0,
                site_for_cookies: None,
                top_level: None,
                safe: true,
                navigation: false,
            },
        })
        .collect();
    run(&ops);
}
