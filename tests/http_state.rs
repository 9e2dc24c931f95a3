//! The IETF http-state parser vectors (`tests/vectors/http-state/parser.json`), replayed on a
//! fresh jar each, on a clock pinned to 2010-01-01 (some cases use Expires dates in 2019/2027).
//!
//! The vectors predate 6265bis; the cases whose expectation 6265bis changed are overridden in
//! `tests/http-state-overrides.json` (shared with the JS harness), each with the new expectation
//! and the step that justifies it. Every other case runs as written.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers fail the test by panicking")]

use cookie_engine::{CookieJar, RequestContext, RequestUrl};
use serde_json::Value;

const NOW: i64 = 1_262_304_000_000; // 2010-01-01T00:00:00Z

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `[{name, value}]` as pairs.
fn pairs(sent: &Value) -> Vec<(String, String)> {
    sent.as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap().to_owned(), c["value"].as_str().unwrap().to_owned()))
        .collect()
}

fn run_case(received: &[&str], sent_to: &str) -> Vec<(String, String)> {
    let mut jar = CookieJar::new();
    let context = RequestContext::default();
    let set_url = url::Url::parse("http://home.example.org/cookie-parser").unwrap();
    let set_url = RequestUrl::from_url(&set_url).unwrap();
    for line in received {
        // A rejected cookie is a decision, not a failure of the harness.
        let _ = jar.set_cookie(line, &set_url, &context, NOW);
    }
    let get_url = url::Url::parse("http://home.example.org/").unwrap().join(sent_to).unwrap();
    let get_url = RequestUrl::from_url(&get_url).unwrap();
    jar.retrieve(&get_url, &context, NOW)
        .iter()
        .map(|c| (c.name().to_owned(), c.value().to_owned()))
        .collect()
}

#[test]
fn http_state_parser_vectors() {
    let cases = read_json(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/http-state/parser.json"));
    let overrides = read_json(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/http-state-overrides.json"));
    let overrides = overrides["overrides"].as_array().unwrap();
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), 222);

    let mut failures = Vec::new();
    let mut overridden = 0;
    for case in cases {
        let test = case["test"].as_str().unwrap();
        let received: Vec<&str> =
            case["received"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let sent_to = case["sent-to"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| format!("/cookie-parser-result?{test}"));
        let as_written = pairs(&case["sent"]);
        let want = match overrides.iter().find(|o| o["test"] == test) {
            Some(o) => {
                let want = pairs(&o["sent"]);
                assert_ne!(want, as_written, "{test} is overridden but 6265bis agrees with the vector");
                overridden += 1;
                want
            }
            None => as_written,
        };
        let got = run_case(&received, &sent_to);
        if got != want {
            failures.push(format!("{test}: received {received:?}\n    want {want:?}\n    got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(overridden, overrides.len(), "every override names a case of parser.json");
    assert_eq!(overridden, 27);
}
