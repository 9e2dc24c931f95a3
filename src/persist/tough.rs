//! tough-cookie's serialized jar: what `CookieJar.serializeSync()` and `toJSON()` return in
//! tough-cookie 4, 5 and 6, and what `CookieJar.deserializeSync()` reads.
//!
//! ```json
//! {
//!   "version": "tough-cookie@6.1.0",
//!   "storeType": "MemoryCookieStore",
//!   "rejectPublicSuffixes": true,
//!   "cookies": [
//!     {"key":"sid","value":"abc","expires":"2027-01-01T00:00:00.000Z","domain":"example.com","path":"/","secure":true,"httpOnly":true,"hostOnly":true,"creation":"2026-01-01T00:00:00.000Z","lastAccessed":"2026-01-01T00:00:00.000Z","sameSite":"lax"}
//!   ]
//! }
//! ```
//!
//! A cookie is `Cookie.toJSON()`, which leaves out members at tough-cookie's defaults: `key`
//! and `value` (default ""), `expires` (an ISO 8601 date as `toISOString` writes it, or
//! "Infinity", the default: no expiry), `maxAge` (seconds, or "Infinity" / "-Infinity"),
//! `domain`, `path`, `secure` and `httpOnly` (default false), `hostOnly`, `creation` and
//! `lastAccessed` (ISO dates), `sameSite` ("strict", "lax", "none"; tough-cookie 4 leaves its
//! default "none" out, 5 and 6 leave out `undefined`), `extensions` (the attributes tough-cookie
//! does not know, as sent: "Priority=High", "Partitioned").
//!
//! Read: the serialized jar, or a bare array of serialized cookies. `domain` and `path` are
//! required. `maxAge` takes precedence over `expires`, as in tough-cookie: counted from
//! `lastAccessed` as tough-cookie 5 and 6 count it, from `creation` for a jar whose `version`
//! says tough-cookie 4 or earlier (which counted from there); 0 or less, or "-Infinity", is
//! expired; "Infinity" never expires (the jar's age limit caps it). A missing `hostOnly` makes
//! a Domain cookie (tough-cookie matches a cookie whose `hostOnly` is not true as one). A
//! `sameSite` other than the three is Default, as a missing one is (so tough-cookie 4's left-out
//! "none" too). "Priority=..." among the extensions gives the priority; "Partitioned" is ignored:
//! tough-cookie keeps no partition key, so its cookies are restored unpartitioned, as it sent them.
//! A date that is neither an ISO 8601 date nor a number of milliseconds is a shape error.
//!
//! Written: what `CookieJar.deserializeSync` accepts (it reads `cookies`, and `version` and
//! `storeType` only for people: `version` names this library, `storeType` is null), each cookie
//! as `toJSON()` writes it, `pathIsDefault` and `maxAge` left out. Missing when read: a missing
//! `creation` is the time of the import, a missing `lastAccessed` the creation time.
//!
//! Cannot carry: the partition key (partitioned cookies are not written: tough-cookie would
//! send them under every top-level site). SameSite Default and "none" are the same in
//! tough-cookie 4.

use super::json::{object, object_document, parse_json, read_cookies, Fields, Json};
use super::{decimal_to_integer, FormatError, ParsedRecord};
use crate::cookie::{CookieRecord, Priority, SameSite};
use crate::date::{format_iso_8601, parse_iso_8601};
use crate::UnixMillis;

/// Where tough-cookie counts `maxAge` from.
#[derive(Clone, Copy)]
enum MaxAgeFrom {
    Creation,
    LastAccessed,
}

pub(super) fn parse(text: &str, now: UnixMillis) -> Result<Vec<ParsedRecord>, FormatError> {
    let json = parse_json(text)?;
    let max_age_from = match json.get("version") {
        Some(Json::String(version)) if is_before_version_5(version) => MaxAgeFrom::Creation,
        _ => MaxAgeFrom::LastAccessed,
    };
    read_cookies(&json, true, &mut |fields| read_cookie(fields, max_age_from, now))
}

/// Whether a jar's `version` ("tough-cookie@4.1.3") is tough-cookie 4 or earlier.
fn is_before_version_5(version: &str) -> bool {
    let major = version.strip_prefix("tough-cookie@").map(|v| v.split('.').next().unwrap_or_default());
    major.and_then(|major| major.parse::<u32>().ok()).is_some_and(|major| major < 5)
}

fn read_cookie(
    fields: &Fields<'_, '_>,
    max_age_from: MaxAgeFrom,
    now: UnixMillis,
) -> Result<CookieRecord, FormatError> {
    let creation = date(fields, "creation")?.unwrap_or(now);
    let last_accessed = date(fields, "lastAccessed")?.unwrap_or(creation);
    let max_age_base = match max_age_from {
        MaxAgeFrom::Creation => creation,
        MaxAgeFrom::LastAccessed => last_accessed,
    };
    let expires = match fields.get("maxAge") {
        Some(Json::Number(seconds)) => match decimal_to_integer(seconds, 3) {
            Some(millis) if millis > 0 => Some(max_age_base.saturating_add(millis)),
            _ => Some(UnixMillis::MIN),
        },
        Some(Json::String(s)) if s == "Infinity" => Some(UnixMillis::MAX),
        Some(Json::String(s)) if s == "-Infinity" => Some(UnixMillis::MIN),
        Some(other) => {
            return Err(
                fields.error(format!("\"maxAge\" must be a number or \"Infinity\", not {}", other.kind()))
            )
        }
        None => date(fields, "expires")?,
    };
    let mut record = CookieRecord::new(
        fields.string("key")?.unwrap_or_default(),
        fields.string("value")?.unwrap_or_default(),
        fields.required_string("domain")?,
        fields.flag("hostOnly")?,
        fields.required_string("path")?,
        now,
    );
    record.expires = expires;
    record.creation_time = creation;
    record.last_access_time = last_accessed;
    record.secure = fields.flag("secure")?;
    record.http_only = fields.flag("httpOnly")?;
    record.same_site = fields.string("sameSite")?.and_then(SameSite::parse).unwrap_or_default();
    record.priority = priority_extension(fields)?;
    Ok(record)
}

/// A date member: an ISO 8601 date, or milliseconds since the epoch (what `new Date(value)`
/// reads, as tough-cookie's `fromJSON` does); `None` when missing, null or "Infinity".
fn date(fields: &Fields<'_, '_>, key: &str) -> Result<Option<UnixMillis>, FormatError> {
    match fields.get(key) {
        None => Ok(None),
        Some(Json::String(s)) if s == "Infinity" => Ok(None),
        Some(Json::String(s)) => match parse_iso_8601(s) {
            Some(time) => Ok(Some(time)),
            None => Err(fields.error(format!("\"{key}\" is not an ISO 8601 date"))),
        },
        Some(Json::Number(_)) => fields.integer(key, 0),
        Some(other) => Err(fields.error(format!("\"{key}\" must be a date, not {}", other.kind()))),
    }
}

/// The priority in the `extensions` member (the attributes tough-cookie keeps as they were
/// sent): the first "Priority=..." with a known value, else Medium.
fn priority_extension(fields: &Fields<'_, '_>) -> Result<Priority, FormatError> {
    let items = match fields.get("extensions") {
        None => return Ok(Priority::Medium),
        Some(Json::Array(items)) => items,
        Some(_) => return Err(fields.error("\"extensions\" must be an array of strings".into())),
    };
    let mut priority = None;
    for item in items {
        let Json::String(extension) = item else {
            return Err(fields.error("\"extensions\" must be an array of strings".into()));
        };
        if let Some((name, value)) = extension.split_once('=') {
            if name.trim().eq_ignore_ascii_case("priority") {
                priority = priority.or_else(|| Priority::parse(value.trim()));
            }
        }
    }
    Ok(priority.unwrap_or_default())
}

pub(super) fn write(records: &[CookieRecord]) -> String {
    object_document(&mut |top| {
        top.string("version", concat!("cookie-engine@", env!("CARGO_PKG_VERSION")));
        top.raw("storeType", "null");
        top.bool("rejectPublicSuffixes", true);
        top.array("cookies", records.iter().filter(|r| r.partition_key.is_none()).map(write_cookie));
    })
}

/// `Cookie.toJSON()` of the cookie, its members in tough-cookie's order, defaults left out.
fn write_cookie(record: &CookieRecord) -> String {
    object(&mut |o| {
        if !record.name.is_empty() {
            o.string("key", &record.name);
        }
        if !record.value.is_empty() {
            o.string("value", &record.value);
        }
        if let Some(expires) = record.expires {
            o.string("expires", &format_iso_8601(expires));
        }
        o.string("domain", &record.domain);
        o.string("path", &record.path);
        if record.secure {
            o.bool("secure", true);
        }
        if record.http_only {
            o.bool("httpOnly", true);
        }
        if record.priority != Priority::Medium {
            o.raw("extensions", &format!("[\"Priority={}\"]", record.priority.as_str()));
        }
        o.bool("hostOnly", record.host_only);
        o.string("creation", &format_iso_8601(record.creation_time));
        o.string("lastAccessed", &format_iso_8601(record.last_access_time));
        match record.same_site {
            SameSite::Strict => o.string("sameSite", "strict"),
            SameSite::Lax => o.string("sameSite", "lax"),
            SameSite::None => o.string("sameSite", "none"),
            SameSite::Default => {}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::{FormatErrorKind, Position};
    use super::*;

    const NOW: UnixMillis = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    const DAY: UnixMillis = 86_400_000;

    fn read(cookie: &str, version: &str) -> Result<CookieRecord, FormatError> {
        // The jar's members as tough-cookie 6.1.0 writes them.
        let text = format!(
            r#"{{"version":"{version}","storeType":"MemoryCookieStore","rejectPublicSuffixes":true,"enableLooseMode":false,"allowSpecialUseDomain":true,"enforceSecureOriginOnStorage":true,"prefixSecurity":"silent","cookies":[{cookie}]}}"#
        );
        parse(&text, NOW).map(|mut parsed| parsed.remove(0).record)
    }

    /// A cookie as tough-cookie 6.1.0 serializes it after `setCookieSync("sid=abc; Max-Age=86400;
    /// Secure; HttpOnly; SameSite=Lax; Priority=High", "https://www.example.com/app/x", { now })`
    /// at 2025-12-31T00:00:00Z, with `lastAccessed` moved to noon, as a retrieval then moves it.
    const TOUGH_6: &str = r#"{"key":"sid","value":"abc","maxAge":86400,"domain":"www.example.com","path":"/app","secure":true,"httpOnly":true,"extensions":["Priority=High"],"hostOnly":true,"pathIsDefault":true,"creation":"2025-12-31T00:00:00.000Z","lastAccessed":"2025-12-31T12:00:00.000Z","sameSite":"lax"}"#;

    #[test]
    fn cookies_as_tough_cookie_writes_them() {
        let record = read(TOUGH_6, "tough-cookie@6.1.0").unwrap();
        assert_eq!(
            (record.name.as_str(), record.value.as_str(), record.domain.as_str(), record.path.as_str()),
            ("sid", "abc", "www.example.com", "/app")
        );
        assert_eq!((record.host_only, record.secure, record.http_only), (true, true, true));
        assert_eq!((record.same_site, record.priority), (SameSite::Lax, Priority::High));
        assert_eq!((record.creation_time, record.last_access_time), (NOW - DAY, NOW - DAY / 2));
        assert_eq!(
            record.expires,
            Some(NOW + DAY / 2),
            "maxAge counts from lastAccessed in tough-cookie 5 and 6"
        );
        let record = read(TOUGH_6, "tough-cookie@4.1.4").unwrap();
        assert_eq!(record.expires, Some(NOW), "and from creation in tough-cookie 4");
    }

    #[test]
    fn expiry() {
        let cookie = |members: &str| format!(r#"{{"domain": "example.com", "path": "/"{members}}}"#);
        let cases: &[(&str, Option<UnixMillis>)] = &[
            ("", None),
            (r#", "expires": "Infinity""#, None),
            (r#", "expires": null"#, None),
            (r#", "expires": "2026-01-02T00:00:00.000Z""#, Some(NOW + DAY)),
            (r#", "expires": "2026-01-02T01:00:00.500+01:00""#, Some(NOW + DAY + 500)),
            (r#", "expires": 1767312000000"#, Some(NOW + DAY)),
            (r#", "expires": "+275760-09-13T00:00:00.000Z""#, Some(8_640_000_000_000_000)),
            (r#", "maxAge": 60, "expires": "2030-01-01T00:00:00.000Z""#, Some(NOW + 60_000)),
            (r#", "maxAge": 1.5"#, Some(NOW + 1500)),
            (r#", "maxAge": 0"#, Some(UnixMillis::MIN)),
            (r#", "maxAge": -5"#, Some(UnixMillis::MIN)),
            (r#", "maxAge": "-Infinity""#, Some(UnixMillis::MIN)),
            (r#", "maxAge": "Infinity""#, Some(UnixMillis::MAX)),
            (r#", "maxAge": null, "expires": "2026-01-02T00:00:00.000Z""#, Some(NOW + DAY)),
        ];
        for (members, want) in cases {
            assert_eq!(read(&cookie(members), "tough-cookie@5.0.0").unwrap().expires, *want, "{members}");
        }
    }

    #[test]
    fn defaults_and_odd_members() {
        let record = read(r#"{"domain": "example.com", "path": "/", "sameSite": "unspecified", "extensions": ["Partitioned", "priority = low"]}"#, "x").unwrap();
        assert_eq!((record.name.as_str(), record.value.as_str(), record.host_only), ("", "", false));
        assert_eq!((record.creation_time, record.last_access_time), (NOW, NOW));
        assert_eq!(
            (record.same_site, record.priority, record.partition_key.as_deref()),
            (SameSite::Default, Priority::Low, None)
        );
        let bare = format!("[{TOUGH_6}]");
        assert_eq!(parse(&bare, NOW).unwrap().len(), 1);
    }

    #[test]
    fn shapes_that_are_refused() {
        let cases = [
            r#"{"path": "/"}"#,
            r#"{"domain": "example.com"}"#,
            r#"{"domain": "example.com", "path": "/", "key": 5}"#,
            r#"{"domain": "example.com", "path": "/", "expires": "tomorrow"}"#,
            r#"{"domain": "example.com", "path": "/", "expires": true}"#,
            r#"{"domain": "example.com", "path": "/", "maxAge": "60"}"#,
            r#"{"domain": "example.com", "path": "/", "hostOnly": "yes"}"#,
            r#"{"domain": "example.com", "path": "/", "extensions": "Priority=High"}"#,
            r#"{"domain": "example.com", "path": "/", "extensions": [1]}"#,
            r#""a cookie""#,
        ];
        for cookie in cases {
            let error = read(cookie, "tough-cookie@6.1.0").unwrap_err();
            assert_eq!(
                (error.kind, error.position),
                (FormatErrorKind::Shape, Some(Position::Index(0))),
                "{cookie}: {error}"
            );
        }
        for text in [r#"{"version": "tough-cookie@6.1.0"}"#, r#"{"cookies": null}"#, "5"] {
            assert_eq!(parse(text, NOW).unwrap_err().kind, FormatErrorKind::Shape, "{text}");
        }
    }

    #[test]
    fn writes_what_it_reads() {
        let mut record = CookieRecord::new("sid", "abc", "www.example.com", true, "/app", NOW - DAY);
        (record.expires, record.last_access_time) = (Some(NOW + DAY), NOW - 1);
        (record.secure, record.http_only, record.same_site, record.priority) =
            (true, true, SameSite::Lax, Priority::High);
        let nameless = CookieRecord::new("", "token", "example.com", false, "/", NOW);
        let mut partitioned = CookieRecord::new("p", "1", "example.com", true, "/", NOW);
        partitioned.partition_key = Some("https://top.example".into());
        let text = write(&[record.clone(), nameless.clone(), partitioned]);
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(
            text,
            format!(
                "{{\n  \"version\": \"cookie-engine@{version}\",\n  \"storeType\": null,\n  \"rejectPublicSuffixes\": true,\n  \"cookies\": [\n    \
                 {{\"key\":\"sid\",\"value\":\"abc\",\"expires\":\"2026-01-02T00:00:00.000Z\",\"domain\":\"www.example.com\",\"path\":\"/app\",\"secure\":true,\"httpOnly\":true,\"extensions\":[\"Priority=High\"],\"hostOnly\":true,\"creation\":\"2025-12-31T00:00:00.000Z\",\"lastAccessed\":\"2025-12-31T23:59:59.999Z\",\"sameSite\":\"lax\"}},\n    \
                 {{\"value\":\"token\",\"domain\":\"example.com\",\"path\":\"/\",\"hostOnly\":false,\"creation\":\"2026-01-01T00:00:00.000Z\",\"lastAccessed\":\"2026-01-01T00:00:00.000Z\"}}\n  ]\n}}\n"
            )
        );
        let read: Vec<CookieRecord> = parse(&text, 0).unwrap().into_iter().map(|p| p.record).collect();
        assert_eq!(read, [record, nameless]);
    }
}
