//! `cargo bench`: the native core on the standard workload (bench/make-workload.mjs), the same
//! one `npm run bench` replays through JavaScript and wasm. URLs are parsed on every call, as
//! the JavaScript API must (`RequestUrl::parse`: the canonical fast path, else the url crate). Prints a table, or one JSON line with `-- --json`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a benchmark of our own workload: a bad one stops it"
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use cookie_engine::{CookieJar, JarConfig, Limits, RequestContext, RequestUrl};
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

/// Operations per second of `op`, which does `ops_per_round` operations, over about `budget`.
fn ops_per_second(ops_per_round: usize, budget: Duration, mut op: impl FnMut()) -> f64 {
    op(); // warm-up
    let start = Instant::now();
    let mut rounds = 0u64;
    while start.elapsed() < budget {
        op();
        rounds += 1;
    }
    (rounds as f64 * ops_per_round as f64) / start.elapsed().as_secs_f64()
}

fn header_ops(jar: &mut CookieJar, requests: &[String], clock: i64) -> f64 {
    let context = RequestContext::default();
    ops_per_second(requests.len(), Duration::from_millis(1500), || {
        for url in requests {
            let request = RequestUrl::parse(url).unwrap();
            black_box(jar.cookie_header(&request, &context, clock));
        }
    })
}

fn main() {
    let json = std::env::args().any(|a| a == "--json");
    let workload = load_workload(100);

    let set = ops_per_second(workload.sets.len(), Duration::from_millis(1500), || {
        let mut jar = CookieJar::new();
        fill(&mut jar, &workload);
    });

    let mut jar = CookieJar::new();
    fill(&mut jar, &workload);
    let cookies = jar.len();
    let header = header_ops(&mut jar, &workload.requests, workload.clock);
    let mean_cookies_per_request = workload
        .requests
        .iter()
        .map(|u| {
            jar.retrieve(&RequestUrl::parse(u).unwrap(), &RequestContext::default(), workload.clock).len()
        })
        .sum::<usize>() as f64
        / workload.requests.len() as f64;

    // Scaling: the same requests on a jar with 10,000 sites (100 times the cookies).
    let large = load_workload(10_000);
    let mut large_jar = big_jar();
    fill(&mut large_jar, &large);
    let header_large = header_ops(&mut large_jar, &workload.requests, workload.clock);
    let bytes_per_cookie = large_jar.memory_size() as f64 / large_jar.len() as f64;
    let text_per_cookie = large_jar
        .cookies(large.clock)
        .map(|c| c.name().len() + c.value().len() + c.domain().len() + c.path().len())
        .sum::<usize>() as f64
        / large_jar.len() as f64;

    if json {
        println!(
            "{}",
            serde_json::json!({
                "setOpsPerSecond": set,
                "headerOpsPerSecond": header,
                "headerOpsPerSecondLargeJar": header_large,
                "cookies": cookies,
                "largeJarCookies": large_jar.len(),
                "meanCookiesPerRequest": mean_cookies_per_request,
                "bytesPerCookie": bytes_per_cookie,
                "textBytesPerCookie": text_per_cookie,
            })
        );
    } else {
        println!("native core, standard workload ({cookies} cookies, {mean_cookies_per_request:.1} sent per request)");
        println!("  set_cookie      {:>12.0} ops/s", set);
        println!("  cookie_header   {:>12.0} ops/s", header);
        println!(
            "  cookie_header   {:>12.0} ops/s on {} cookies ({:.2}x the time)",
            header_large,
            large_jar.len(),
            header / header_large
        );
        println!("  memory          {bytes_per_cookie:.0} bytes per cookie for {text_per_cookie:.0} bytes of name+value+domain+path ({:.2}x)", bytes_per_cookie / text_per_cookie);
    }
}
