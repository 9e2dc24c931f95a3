//! The Chrome DevTools Protocol's cookies: the `Network.Cookie` array that
//! `Network.getCookies` and `Storage.getCookies` return (and Puppeteer's `page.cookies()`), and
//! the `Network.CookieParam` array that `Network.setCookies` takes.
//!
//! ```json
//! [
//!   {"name":"sid","value":"abc","domain":"www.example.com","path":"/","expires":1798761600.5,"size":6,"httpOnly":true,"secure":true,"session":false,"sameSite":"Lax","priority":"Medium","sourceScheme":"Secure","sourcePort":443},
//!   {"name":"chip","value":"1","domain":"widget.example","path":"/","expires":-1,"size":5,"httpOnly":false,"secure":true,"session":true,"sameSite":"None","priority":"Medium","sourceScheme":"Secure","sourcePort":443,"partitionKey":{"topLevelSite":"https://top.example","hasCrossSiteAncestor":true}}
//! ]
//! ```
//!
//! A cookie has `name`, `value`, `domain` (a leading dot for a Domain cookie), `path`,
//! `expires` (seconds since the epoch, with a fraction; -1 for a session cookie), `session`,
//! `httpOnly`, `secure`, optionally `sameSite` ("Strict", "Lax", "None"; none when the cookie had
//! no valid SameSite attribute), `priority` ("Low", "Medium", "High") and `partitionKey`: an
//! object `{topLevelSite, hasCrossSiteAncestor}` in Chrome 119 and later, the top-level site as
//! a string before. `size`, `sourceScheme`, `sourcePort` and the like are ignored.
//!
//! Read: an array of cookies or an object with a `cookies` array (`Storage.getCookies`'
//! result). `name` and `value` are required, and `domain`, or instead a `url` (a CookieParam's
//! way to set a host-only cookie: its host, and the default-path of its path when there is no
//! `path`). `session: true` or `expires` -1 or missing is a session cookie; a missing `sameSite`
//! is Default, a missing `priority` Medium. The cross-site ancestor bit is not kept.
//!
//! Written: CookieParams for `Network.setCookies` (and Puppeteer's `page.setCookie`). Chrome
//! makes any cookie set with a `domain` a Domain cookie, so a host-only cookie is written with a
//! `url` ("https://host/", "http://" when it is not Secure) and no `domain`; a session cookie
//! without `expires`; SameSite Default without `sameSite`; the partition key as an object whose
//! `hasCrossSiteAncestor` is true unless the cookie's domain is same-site with its partition.
//!
//! Cannot carry: creation and last-access times (an import assumes the time of the import,
//! keeping the order of the array).

use super::browser::{expires_in_seconds, has_cross_site_ancestor, read_cookie, same_site_name};
use super::json::{array_document, object, parse_json, read_cookies, Fields, Json};
use super::{dotted_domain, undotted_domain, FormatError, ParsedRecord};
use crate::cookie::{CookieRecord, Priority};
use crate::path::default_path;
use crate::UnixMillis;

const PRIORITY: [(&str, Priority); 3] =
    [("Low", Priority::Low), ("Medium", Priority::Medium), ("High", Priority::High)];

pub(super) fn parse(text: &str, now: UnixMillis) -> Result<Vec<ParsedRecord>, FormatError> {
    read_cookies(&parse_json(text)?, true, &mut |fields| read_network_cookie(fields, now))
}

/// A `Network.Cookie` or a `Network.CookieParam`.
fn read_network_cookie(fields: &Fields<'_, '_>, now: UnixMillis) -> Result<CookieRecord, FormatError> {
    let mut record = match (fields.string("domain")?, fields.string("url")?) {
        (Some(domain), _) => {
            let (domain, host_only) = undotted_domain(domain);
            read_cookie(fields, domain, host_only, None, now)?
        }
        (None, Some(url)) => {
            let Some((host, path)) = host_and_path(url) else {
                return Err(fields.error("\"url\" is not an http or https URL".into()));
            };
            read_cookie(fields, host, true, Some(default_path(path)), now)?
        }
        (None, None) => return Err(fields.error("a cookie needs a \"domain\" or a \"url\"".into())),
    };
    if fields.flag("session")? {
        record.expires = None;
    }
    record.priority = fields.choice("priority", &PRIORITY)?.unwrap_or_default();
    record.partition_key = match fields.get("partitionKey") {
        None => None,
        Some(Json::String(site)) => Some(site.to_string()),
        Some(key @ Json::Object(_)) => match key.get("topLevelSite") {
            Some(Json::String(site)) => Some(site.to_string()),
            _ => return Err(fields.error("\"partitionKey\" has no \"topLevelSite\" string".into())),
        },
        Some(other) => {
            let message = format!("\"partitionKey\" must be an object or a string, not {}", other.kind());
            return Err(fields.error(message));
        }
    };
    Ok(record)
}

/// The host and path of an http(s) URL, split as written ("https://www.example.com:8443/a?q"
/// is "www.example.com" and "/a"); `restore` checks that the host is canonical.
fn host_and_path(url: &str) -> Option<(&str, &str)> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at_checked(authority_end)?;
    let host_and_port = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = match host_and_port.find(']') {
        Some(bracket) if host_and_port.starts_with('[') => host_and_port.get(..=bracket)?,
        _ => host_and_port.split(':').next()?,
    };
    let path = after.get(..after.find(['?', '#']).unwrap_or(after.len()))?;
    Some((host, if path.is_empty() { "/" } else { path }))
}

pub(super) fn write(records: &[CookieRecord]) -> String {
    array_document(records.iter().map(write_cookie))
}

/// A `Network.CookieParam`.
fn write_cookie(record: &CookieRecord) -> String {
    object(&mut |o| {
        o.string("name", &record.name);
        o.string("value", &record.value);
        if record.host_only {
            let scheme = if record.secure { "https" } else { "http" };
            o.string("url", &format!("{scheme}://{}/", record.domain));
        } else {
            o.string("domain", &dotted_domain(record));
        }
        o.string("path", &record.path);
        o.bool("secure", record.secure);
        o.bool("httpOnly", record.http_only);
        if let Some(same_site) = same_site_name(record.same_site) {
            o.string("sameSite", same_site);
        }
        if let Some(expires) = record.expires {
            o.raw("expires", &expires_in_seconds(expires));
        }
        o.string("priority", record.priority.as_str());
        if let Some(key) = &record.partition_key {
            let cross_site = has_cross_site_ancestor(record, key);
            o.raw(
                "partitionKey",
                &object(&mut |k| {
                    k.string("topLevelSite", key);
                    k.bool("hasCrossSiteAncestor", cross_site);
                }),
            );
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::browser::chromium;
    use super::super::{FormatErrorKind, Position};
    use super::*;
    use crate::cookie::SameSite;

    const NOW: UnixMillis = 1_767_225_600_000;

    #[test]
    fn urls() {
        let cases = [
            ("https://www.example.com/app/page?q#f", Some(("www.example.com", "/app/page"))),
            ("http://127.0.0.1:8080", Some(("127.0.0.1", "/"))),
            ("http://user:pw@example.com/", Some(("example.com", "/"))),
            ("https://[::1]:8443/a", Some(("[::1]", "/a"))),
            ("https://example.com?q", Some(("example.com", "/"))),
            ("ftp://example.com/", None),
            ("example.com", None),
        ];
        for (url, want) in cases {
            assert_eq!(host_and_path(url), want, "{url}");
        }
    }

    #[test]
    fn network_cookies_from_chromium() {
        let records: Vec<CookieRecord> =
            parse(chromium::NETWORK_COOKIES, NOW).unwrap().into_iter().map(|p| p.record).collect();
        assert_eq!(records, chromium::cookies(NOW));
    }

    /// A `partitionKey` as Chrome before 119 wrote it, and a CookieParam with a `url`.
    #[test]
    fn older_keys_and_urls() {
        let text = r#"[
            {"name":"old","value":"1","domain":"widget.example","path":"/","expires":-1,"secure":true,"partitionKey":"https://top.example"},
            {"name":"param","value":"2","url":"https://www.example.com/a/b"}
        ]"#;
        let records: Vec<CookieRecord> = parse(text, NOW).unwrap().into_iter().map(|p| p.record).collect();
        let mut old = CookieRecord::new("old", "1", "widget.example", true, "/", NOW);
        (old.secure, old.partition_key) = (true, Some("https://top.example".into()));
        assert_eq!(records, [old, CookieRecord::new("param", "2", "www.example.com", true, "/a", NOW)]);
    }

    #[test]
    fn shapes_that_are_refused() {
        let cases = [
            r#"{"name":"a","value":"b","path":"/"}"#,
            r#"{"name":"a","value":"b","url":"example.com/"}"#,
            r#"{"name":"a","domain":"example.com","path":"/"}"#,
            r#"{"name":"a","value":"b","domain":"example.com"}"#,
            r#"{"name":"a","value":"b","domain":"example.com","path":"/","priority":"Urgent"}"#,
            r#"{"name":"a","value":"b","domain":"example.com","path":"/","session":"yes"}"#,
            r#"{"name":"a","value":"b","domain":"example.com","path":"/","partitionKey":{"hasCrossSiteAncestor":true}}"#,
            r#"{"name":"a","value":"b","domain":"example.com","path":"/","partitionKey":true}"#,
        ];
        for cookie in cases {
            let error = parse(&format!("[{cookie}]"), NOW).unwrap_err();
            assert_eq!(
                (error.kind, error.position),
                (FormatErrorKind::Shape, Some(Position::Index(0))),
                "{cookie}: {error}"
            );
        }
    }

    #[test]
    fn writes_cookie_params() {
        let mut sid = CookieRecord::new("sid", "abc", "www.example.com", true, "/app", NOW);
        (sid.expires, sid.http_only, sid.secure, sid.same_site, sid.priority) =
            (Some(1_798_761_600_500), true, true, SameSite::Lax, Priority::High);
        let lang = CookieRecord::new("lang", "en", "example.com", false, "/", NOW);
        let mut chip = CookieRecord::new("chip", "1", "widget.example", true, "/", NOW);
        (chip.secure, chip.same_site) = (true, SameSite::None);
        chip.partition_key = Some("https://top.example".into());
        let text = write(&[sid.clone(), lang.clone(), chip.clone()]);
        assert_eq!(
            text,
            "[\n  \
             {\"name\":\"sid\",\"value\":\"abc\",\"url\":\"https://www.example.com/\",\"path\":\"/app\",\"secure\":true,\"httpOnly\":true,\"sameSite\":\"Lax\",\"expires\":1798761600.5,\"priority\":\"High\"},\n  \
             {\"name\":\"lang\",\"value\":\"en\",\"domain\":\".example.com\",\"path\":\"/\",\"secure\":false,\"httpOnly\":false,\"priority\":\"Medium\"},\n  \
             {\"name\":\"chip\",\"value\":\"1\",\"url\":\"https://widget.example/\",\"path\":\"/\",\"secure\":true,\"httpOnly\":false,\"sameSite\":\"None\",\"priority\":\"Medium\",\"partitionKey\":{\"topLevelSite\":\"https://top.example\",\"hasCrossSiteAncestor\":true}}\n\
             ]\n"
        );
        let read: Vec<CookieRecord> = parse(&text, NOW).unwrap().into_iter().map(|p| p.record).collect();
        assert_eq!(read, [sid, lang, chip]);
        assert_eq!(write(&[]), "[]\n");
    }
}
