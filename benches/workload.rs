//! `cargo bench`: the native core on the standard workload (bench/make-workload.mjs), the same
//! one `npm run bench` replays through JavaScript and wasm, measured by divan (its table gives
//! the fastest, slowest, median and mean sample of each benchmark). URLs are parsed on every
//! call, as the JavaScript API must (`RequestUrl::parse`: the canonical fast path, else the url
//! crate).
//!
//! - `set_cookie_fill`: a new jar, the workload's 1,100 Set-Cookie lines, one `set_cookie` each,
//!   the jar dropped (the package's benchmark frees its jar the same way);
//! - `cookie_header`: one `cookie_header` for each of the workload's 300 requests;
//! - `cookie_header_large_jar`: the same requests on a jar of 10,000 sites (110,000 cookies).
//!
//! Divan's counters print the per-item throughput too. Before the table, one line of memory
//! figures (`memory: ...`), which bench/bench.mjs reads along with the table. `npm run bench`
//! runs `cargo bench --bench workload` and divides each time by its item count.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a benchmark of our own workload: a bad one stops it"
)]

use std::sync::LazyLock;

use cookie_engine::{CookieJar, JarConfig, Limits, RequestContext, RequestUrl};
use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use serde_json::Value;

struct Workload {
    clock: i64,
    sets: Vec<(String, String)>,
    requests: Vec<String>,
}

fn load_workload(sites: usize) -> Workload {
    let root = env!("CARGO_MANIFEST_DIR");
    let output = std::process::Command::new("node")
        .args([&format!("{root}/bench/make-workload.mjs"), "--sites", &sites.to_string()])
        .output()
        .expect("node runs bench/make-workload.mjs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).expect("workload JSON");
    Workload {
        clock: json["clock"].as_i64().unwrap(),
        sets: json["sets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["url"].as_str().unwrap().to_owned(), s["line"].as_str().unwrap().to_owned()))
            .collect(),
        requests: json["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_owned())
            .collect(),
    }
}

static STANDARD: LazyLock<Workload> = LazyLock::new(|| load_workload(100));
static LARGE: LazyLock<Workload> = LazyLock::new(|| load_workload(10_000));

fn big_jar() -> CookieJar {
    let limits = Limits {
        per_site: 1000,
        per_site_purge_to: 1000,
        total: 1_000_000,
        total_purge_to: 1_000_000,
        ..Limits::default()
    };
    CookieJar::with_config(JarConfig { limits, ..JarConfig::default() }).unwrap()
}

fn fill(jar: &mut CookieJar, workload: &Workload) {
    let context = RequestContext::default();
    for (url, line) in &workload.sets {
        let request = RequestUrl::parse(url).unwrap();
        black_box(jar.set_cookie(line, &request, &context, workload.clock)).ok();
    }
}

fn headers(jar: &mut CookieJar, requests: &[String], clock: i64) {
    let context = RequestContext::default();
    for url in requests {
        let request = RequestUrl::parse(url).unwrap();
        black_box(jar.cookie_header(&request, &context, clock));
    }
}

/// A new jar, every Set-Cookie line of the workload, the jar dropped.
#[divan::bench(sample_count = 500)]
fn set_cookie_fill(bencher: Bencher<'_, '_>) {
    let workload = &*STANDARD;
    bencher.counter(ItemsCount::new(workload.sets.len())).bench_local(|| {
        let mut jar = CookieJar::new();
        fill(&mut jar, workload);
        drop(black_box(jar));
    });
}

/// Every request of the workload against the jar it fills.
#[divan::bench(sample_count = 500)]
fn cookie_header(bencher: Bencher<'_, '_>) {
    let workload = &*STANDARD;
    let mut jar = CookieJar::new();
    fill(&mut jar, workload);
    bencher
        .counter(ItemsCount::new(workload.requests.len()))
        .bench_local(|| headers(&mut jar, &workload.requests, workload.clock));
}

/// Scaling: the standard requests on a jar of 10,000 sites (100 times the cookies).
#[divan::bench(sample_count = 200)]
fn cookie_header_large_jar(bencher: Bencher<'_, '_>) {
    let standard = &*STANDARD;
    let mut jar = big_jar();
    fill(&mut jar, &LARGE);
    bencher
        .counter(ItemsCount::new(standard.requests.len()))
        .bench_local(|| headers(&mut jar, &standard.requests, standard.clock));
}

fn main() {
    // Not a timing: what the 10,000-site jar holds, printed before divan's table.
    let large = &*LARGE;
    let mut jar = big_jar();
    fill(&mut jar, large);
    let bytes_per_cookie = jar.memory_size() as f64 / jar.len() as f64;
    let text_per_cookie = jar
        .cookies(large.clock)
        .map(|c| c.name().len() + c.value().len() + c.domain().len() + c.path().len())
        .sum::<usize>() as f64
        / jar.len() as f64;
    let mut standard_jar = CookieJar::new();
    fill(&mut standard_jar, &STANDARD);
    let sent = STANDARD
        .requests
        .iter()
        .map(|u| {
            standard_jar
                .retrieve(&RequestUrl::parse(u).unwrap(), &RequestContext::default(), STANDARD.clock)
                .len()
        })
        .sum::<usize>() as f64
        / STANDARD.requests.len() as f64;
    println!(
        "memory: {{\"bytesPerCookie\":{bytes_per_cookie:.1},\"textBytesPerCookie\":{text_per_cookie:.1},\"largeJarCookies\":{},\"cookies\":{},\"meanCookiesPerRequest\":{sent:.2}}}",
        jar.len(),
        standard_jar.len()
    );
    drop(jar);
    divan::main();
}
