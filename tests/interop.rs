//! Saved jars read and written by the tools that define their formats: Python 3's
//! `http.cookiejar` (`MozillaCookieJar` for cookies.txt, `LWPCookieJar` for Set-Cookie3 files)
//! and curl (`-c` writes cookies.txt, `-b` reads it and sends the cookies). These tests run
//! `python3` and `curl`, which must be on the PATH, and use the real clock, as the tools do.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test helpers fail the test by panicking"
)]

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{SystemTime, UNIX_EPOCH};

use cookie_engine::{
    CookieJar, CookieRecord, ExportOptions, Format, Priority, RequestContext, RequestUrl, SameSite,
};

const ALL: ExportOptions = ExportOptions { include_session: true, include_expired: true };

fn real_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

/// A directory of its own under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("cookie-engine-{name}-{}-{}", std::process::id(), real_now()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `python3 -c script args...` in UTF-8 mode; fails the test if it fails.
fn python(script: &str, args: &[&Path]) {
    let output = Command::new("python3")
        .env("PYTHONUTF8", "1")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(output.status.success(), "python3 failed: {}", String::from_utf8_lossy(&output.stderr));
}

/// A jar with what the text formats can and cannot carry.
fn sample_jar(now: i64) -> CookieJar {
    let mut jar = CookieJar::new();
    for (line, url) in [
        ("sid=abc; Path=/; Secure; HttpOnly; Max-Age=86400", "https://www.example.com/a/b"),
        ("lang=en; Domain=example.com; Path=/; Max-Age=86400; SameSite=Lax", "https://www.example.com/"),
        ("pref=dark mode; Path=/a; Max-Age=3600; Priority=High", "https://www.example.com/a/b"),
        ("quoted=\"a\\b\" c; Max-Age=3600; SameSite=Strict", "https://shop.example.co.uk/x"),
        ("unicode=é☃; Max-Age=3600", "https://xn--bcher-kva.example/"),
        ("session=1; Path=/", "https://www.example.com/"),
        ("token", "http://127.0.0.1:8080/app/page"),
        ("ip=1; Domain=127.0.0.1; Max-Age=3600", "http://127.0.0.1:8080/"),
        ("__Host-h=1; Secure; Path=/; Max-Age=600", "https://alice.github.io/"),
        ("chip=1; Secure; Partitioned; SameSite=None; Max-Age=600", "https://widget.example/"),
        ("spaced name=1; Max-Age=600", "https://www.example.com/"),
    ] {
        assert_eq!(support::set(&mut jar, line, url, &RequestContext::default(), now), "new", "{line}");
    }
    jar
}

/// The records, sorted by identity: Python saves a jar sorted by domain, path and name, so
/// only the set of cookies, not their order, comes back.
fn sorted(mut records: Vec<CookieRecord>) -> Vec<CookieRecord> {
    records.sort_by(|a, b| {
        (&a.domain, &a.path, &a.name, a.host_only).cmp(&(&b.domain, &b.path, &b.name, b.host_only))
    });
    records
}

/// What a text format keeps of a record (`import` of what it wrote): whole seconds, times of
/// the import, and for cookies.txt no SameSite or priority.
fn as_text_format_keeps(record: &CookieRecord, format: Format, now: i64) -> CookieRecord {
    let mut r = record.clone();
    (r.creation_time, r.last_access_time) = (now, now);
    r.expires = r.expires.map(|e| e.div_euclid(1000) * 1000);
    if format == Format::Netscape {
        (r.same_site, r.priority) = (SameSite::Default, Priority::Medium);
    }
    r
}

/// The cookie lines of a saved file, sorted.
fn cookie_lines(text: &str, is_cookie: impl Fn(&str) -> bool) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().filter(|line| is_cookie(line)).map(str::to_owned).collect();
    lines.sort();
    lines
}

const PYTHON_RESAVE: &str = "
import sys
from http.cookiejar import LWPCookieJar, MozillaCookieJar
jar = {'netscape': MozillaCookieJar, 'lwp': LWPCookieJar}[sys.argv[1]]()
jar.load(sys.argv[2], ignore_discard=True, ignore_expires=False)
jar.save(sys.argv[3], ignore_discard=True)
";

/// Our cookies.txt and LWP files, loaded by Python and saved again: Python writes the same
/// cookie lines, and reading its file gives the cookies back.
#[test]
fn python_reads_and_rewrites_our_files() {
    let dir = TempDir::new("python-reads");
    let now = real_now();
    let jar = sample_jar(now);
    for format in [Format::Netscape, Format::Lwp] {
        let ours = jar.export(format, now, &ALL);
        let (ours_path, theirs_path) = (dir.file("ours.txt"), dir.file("theirs.txt"));
        std::fs::write(&ours_path, &ours).unwrap();
        python(PYTHON_RESAVE, &[Path::new(format.name()), &ours_path, &theirs_path]);
        let theirs = std::fs::read_to_string(&theirs_path).unwrap();

        let mut imported = CookieJar::new();
        let report = imported.import(format, &theirs, now).unwrap();
        assert_eq!(report.skipped, [], "{}", format.name());
        let mut written = CookieJar::new();
        written.import(format, &ours, now).unwrap();
        let expected: Vec<CookieRecord> = written
            .records(now, &ALL)
            .into_iter()
            // Python reads cookies.txt's session expiry, 0, as expired (see netscape.rs).
            .filter(|r| format == Format::Lwp || r.expires.is_some())
            .collect();
        assert_eq!(sorted(imported.records(now, &ALL)), sorted(expected.clone()), "{}", format.name());
        let originals: Vec<CookieRecord> = jar
            .records(now, &ALL)
            .iter()
            .filter(|r| {
                expected.iter().any(|e| (&e.name, &e.domain, &e.path) == (&r.name, &r.domain, &r.path))
            })
            .map(|r| as_text_format_keeps(r, format, now))
            .collect();
        assert_eq!(sorted(expected), sorted(originals), "{}: what the file carries", format.name());

        let (ours_lines, theirs_lines) = match format {
            Format::Netscape => {
                let is_cookie = |line: &str| {
                    !line.is_empty() && (!line.starts_with('#') || line.starts_with("#HttpOnly_"))
                };
                let persistent = |line: &String| line.split('\t').nth(4) != Some("0");
                let ours: Vec<String> =
                    cookie_lines(&ours, is_cookie).into_iter().filter(persistent).collect();
                (ours, cookie_lines(&theirs, is_cookie))
            }
            _ => {
                let is_cookie = |line: &str| line.starts_with("Set-Cookie3:");
                (cookie_lines(&ours, is_cookie), cookie_lines(&theirs, is_cookie))
            }
        };
        assert_eq!(ours_lines, theirs_lines, "{}: Python writes the lines we wrote", format.name());
        assert!(ours_lines.len() >= 7, "{}", format.name());
    }
}

/// Cookies made and saved by Python, imported here.
#[test]
fn we_read_python_s_files() {
    let dir = TempDir::new("python-writes");
    let now = real_now();
    let in_an_hour = now / 1000 + 3600;
    let script = format!(
        "
import sys
from http.cookiejar import Cookie, LWPCookieJar, MozillaCookieJar
def cookie(name, value, domain, path, secure=False, expires=None, rest=None):
    dot = domain.startswith('.')
    return Cookie(0, name, value, None, False, domain, dot, dot, path, True, secure, expires,
                  expires is None, None, None, rest or {{}})
cookies = [
    cookie('sid', 'abc', 'www.example.com', '/', secure=True, expires={in_an_hour}, rest={{'HTTPOnly': ''}}),
    cookie('lang', 'en us', '.example.com', '/', expires={in_an_hour}),
    cookie('s', 'x\"y', 'example.com', '/a'),
    cookie('token', None, '127.0.0.1', '/app', expires={in_an_hour}),
]
for jar_class, path in ((MozillaCookieJar, sys.argv[1]), (LWPCookieJar, sys.argv[2])):
    jar = jar_class()
    for c in cookies:
        jar.set_cookie(c)
    jar.save(path, ignore_discard=True)
"
    );
    let (netscape, lwp) = (dir.file("cookies.txt"), dir.file("cookies.lwp"));
    python(&script, &[&netscape, &lwp]);
    let record = |name: &str, value: &str, domain: &str, host_only: bool, path: &str| CookieRecord {
        expires: Some(in_an_hour * 1000),
        ..CookieRecord::new(name, value, domain, host_only, path, now)
    };
    let mut sid = record("sid", "abc", "www.example.com", true, "/");
    (sid.secure, sid.http_only) = (true, true);
    let lang = record("lang", "en us", "example.com", false, "/");
    let session = CookieRecord { expires: None, ..record("s", "x\"y", "example.com", true, "/a") };
    let nameless = record("", "token", "127.0.0.1", true, "/app");
    let expected = sorted(vec![sid, lang, session, nameless]);
    for (format, path) in [(Format::Netscape, &netscape), (Format::Lwp, &lwp)] {
        let text = std::fs::read_to_string(path).unwrap();
        let mut jar = CookieJar::new();
        let report = jar.import(format, &text, now).unwrap();
        assert_eq!((report.restored, report.skipped), (4, vec![]), "{}: {text}", format.name());
        assert_eq!(sorted(jar.records(now, &ALL)), expected, "{}: {text}", format.name());
    }
}

/// A server on 127.0.0.1 that answers `/login` with `set_cookies` and any other path with
/// nothing, and reports the Cookie header of each request it gets.
fn serve(set_cookies: &'static [&'static str], requests: usize) -> (u16, mpsc::Receiver<(String, String)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let mut stream = stream.unwrap();
            let mut request = Vec::new();
            let mut buffer = [0; 4096];
            while !request.ends_with(b"\r\n\r\n") {
                let read = stream.read(&mut buffer).unwrap();
                if read == 0 {
                    break;
                }
                request.extend_from_slice(&buffer[..read]);
            }
            let request = String::from_utf8_lossy(&request).into_owned();
            let path = request.split(' ').nth(1).unwrap_or_default().to_owned();
            let cookie = request
                .lines()
                .find_map(|line| line.split_once(':').filter(|(name, _)| name.eq_ignore_ascii_case("cookie")))
                .map(|(_, value)| value.trim().to_owned())
                .unwrap_or_default();
            let mut response = String::from("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n");
            if path == "/login" {
                for line in set_cookies {
                    response.push_str(&format!("Set-Cookie: {line}\r\n"));
                }
            }
            response.push_str("\r\nok");
            stream.write_all(response.as_bytes()).unwrap();
            sender.send((path, cookie)).unwrap();
        }
    });
    (port, receiver)
}

/// Runs `curl -s` with `args`, the response body written into `dir`.
fn curl(dir: &TempDir, args: &[&str]) {
    let output = Command::new("curl")
        .arg("-s")
        .arg("-o")
        .arg(dir.file("body"))
        .args(args)
        .output()
        .expect("curl runs");
    assert!(output.status.success(), "curl {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
}

/// curl saves what a server set (`-c`), we import its cookies.txt, and curl's Cookie header
/// from that file (`-b`) is the one this jar sends for the same URL.
#[test]
fn curl_sends_what_we_would_send() {
    const SET_COOKIES: &[&str] = &[
        "sid=abc; Path=/; HttpOnly",
        "lang=en; Path=/echo; Max-Age=3600",
        "theme=dark mode; Path=/echo/deep; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
        "deep=1; Path=/echo/deep/path; Secure; SameSite=Lax",
        "other=x; Path=/elsewhere; Max-Age=3600",
        "partial=1; Path=/echo/deep/pat",
        "gone=1; Max-Age=0",
    ];
    let dir = TempDir::new("curl");
    let file = dir.file("cookies.txt");
    let (port, requests) = serve(SET_COOKIES, 2);
    let file_arg = file.to_str().unwrap();
    curl(&dir, &["-c", file_arg, &format!("http://127.0.0.1:{port}/login")]);
    assert_eq!(requests.recv().unwrap(), ("/login".into(), String::new()));

    let now = real_now();
    let mut jar = CookieJar::new();
    let text = std::fs::read_to_string(&file).unwrap();
    let report = jar.import(Format::Netscape, &text, now).unwrap();
    assert_eq!((report.restored, report.skipped), (6, vec![]), "{text}");

    let url = format!("http://127.0.0.1:{port}/echo/deep/path");
    curl(&dir, &["-b", file_arg, &url]);
    let (path, curl_header) = requests.recv().unwrap();
    assert_eq!(path, "/echo/deep/path");
    let parsed = url::Url::parse(&url).unwrap();
    let ours = jar.cookie_header(&RequestUrl::from_url(&parsed).unwrap(), &RequestContext::default(), now);
    assert_eq!(ours, curl_header);
    assert_eq!(ours, "deep=1; theme=dark mode; lang=en; sid=abc");
}
