//! Playwright's storage state: what `browserContext.storageState()` returns and
//! `browser.newContext({ storageState })` reads (Playwright 1.x; checked against 1.65).
//!
//! ```json
//! {
//!   "cookies": [
//!     {"name":"sid","value":"abc","domain":"www.example.com","path":"/","expires":1798761600,"httpOnly":true,"secure":true,"sameSite":"Lax"},
//!     {"name":"lang","value":"en","domain":".example.com","path":"/","expires":-1,"httpOnly":false,"secure":false,"sameSite":"Lax"}
//!   ],
//!   "origins": []
//! }
//! ```
//!
//! A cookie has `name`, `value`, `domain` (a leading dot for a Domain cookie), `path`,
//! `expires` (seconds since the epoch, with a fraction; -1 for a session cookie), `httpOnly`,
//! `secure`, `sameSite` ("Strict", "Lax" or "None") and, for a partitioned cookie, its
//! `partitionKey` (the top-level site, "https://example.com"). Chromium's storage state adds
//! `_crHasCrossSiteAncestor`, CHIPS' cross-site ancestor bit.
//!
//! Read: the storage state (its `origins`, local storage, are ignored) or a bare array of
//! cookies, as `addCookies` takes them but with `domain` and `path` (a `url` alone is a shape
//! error). `name`, `value`, `domain` and `path` are required; a missing `expires` is a session
//! cookie, a missing `sameSite` Default; the cross-site ancestor bit is not kept.
//!
//! Written: a storage state with no origins. Playwright cannot carry SameSite Default (it
//! writes Chromium's unspecified SameSite as "Lax", which Chromium enforces for it): written as
//! "Lax". `_crHasCrossSiteAncestor` is written for a partitioned cookie (Playwright assumes
//! true without it), true unless the cookie's domain is same-site with its partition.
//!
//! Cannot carry: creation and last-access times (an import assumes the time of the import,
//! keeping the order of the state) and the priority (assumes Medium).

use super::browser::{expires_in_seconds, has_cross_site_ancestor, read_cookie, same_site_name};
use super::json::{object, object_document, parse_json, read_cookies};
use super::{dotted_domain, undotted_domain, FormatError, ParsedRecord};
use crate::cookie::{CookieRecord, SameSite};
use crate::UnixMillis;

pub(super) fn parse(text: &str, now: UnixMillis) -> Result<Vec<ParsedRecord>, FormatError> {
    read_cookies(&parse_json(text)?, true, &mut |fields| {
        let (domain, host_only) = undotted_domain(fields.required_string("domain")?);
        let mut record = read_cookie(fields, domain, host_only, None, now)?;
        record.partition_key = fields.string("partitionKey")?.map(str::to_owned);
        Ok(record)
    })
}

pub(super) fn write(records: &[CookieRecord]) -> String {
    object_document(&mut |top| {
        top.array("cookies", records.iter().map(write_cookie));
        top.raw("origins", "[]");
    })
}

fn write_cookie(record: &CookieRecord) -> String {
    object(&mut |o| {
        o.string("name", &record.name);
        o.string("value", &record.value);
        o.string("domain", &dotted_domain(record));
        o.string("path", &record.path);
        match record.expires {
            Some(expires) => o.raw("expires", &expires_in_seconds(expires)),
            None => o.raw("expires", "-1"),
        }
        o.bool("httpOnly", record.http_only);
        o.bool("secure", record.secure);
        o.string("sameSite", same_site_name(record.same_site).unwrap_or(SameSite::Lax.as_str()));
        if let Some(key) = &record.partition_key {
            o.string("partitionKey", key);
            o.bool("_crHasCrossSiteAncestor", has_cross_site_ancestor(record, key));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::browser::chromium;
    use super::super::{FormatErrorKind, Position};
    use super::*;
    use crate::cookie::Priority;

    const NOW: UnixMillis = 1_767_225_600_000;

    /// Chromium's storage state is its cookies without their priority, and with "Lax" for an
    /// unspecified SameSite.
    #[test]
    fn a_storage_state_from_chromium() {
        let records: Vec<CookieRecord> =
            parse(chromium::STORAGE_STATE, NOW).unwrap().into_iter().map(|p| p.record).collect();
        let expected: Vec<CookieRecord> = chromium::cookies(NOW)
            .into_iter()
            .map(|r| CookieRecord {
                priority: Priority::Medium,
                same_site: if r.same_site == SameSite::Default { SameSite::Lax } else { r.same_site },
                ..r
            })
            .collect();
        assert_eq!(records, expected);
    }

    #[test]
    fn bare_arrays_and_defaults() {
        let parsed =
            parse(r#"[{"name": "a", "value": "b", "domain": "example.com", "path": "/"}]"#, NOW).unwrap();
        let record = &parsed[0].record;
        assert_eq!(
            (record.expires, record.same_site, record.secure, record.priority),
            (None, SameSite::Default, false, Priority::Medium)
        );
    }

    #[test]
    fn shapes_that_are_refused() {
        let cases = [
            r#"{"value": "b", "domain": "example.com", "path": "/"}"#,
            r#"{"name": "a", "value": "b", "url": "https://example.com/"}"#,
            r#"{"name": "a", "value": "b", "domain": "example.com"}"#,
            r#"{"name": "a", "value": "b", "domain": "example.com", "path": "/", "expires": "-1"}"#,
            r#"{"name": "a", "value": "b", "domain": "example.com", "path": "/", "sameSite": "Default"}"#,
            r#"{"name": "a", "value": "b", "domain": "example.com", "path": "/", "partitionKey": {}}"#,
        ];
        for cookie in cases {
            let text = format!(r#"{{"cookies": [{cookie}], "origins": []}}"#);
            let error = parse(&text, NOW).unwrap_err();
            assert_eq!(
                (error.kind, error.position),
                (FormatErrorKind::Shape, Some(Position::Index(0))),
                "{cookie}: {error}"
            );
        }
        assert_eq!(parse(r#"{"origins": []}"#, NOW).unwrap_err().kind, FormatErrorKind::Shape);
    }

    #[test]
    fn writes_what_it_reads() {
        let mut sid = CookieRecord::new("sid", "abc", "www.example.com", true, "/app", NOW);
        (sid.expires, sid.http_only, sid.secure, sid.same_site) =
            (Some(1_798_761_600_123), true, true, SameSite::Strict);
        let default_same_site = CookieRecord::new("lang", "en", "example.com", false, "/", NOW);
        let mut chip = CookieRecord::new("chip", "1", "widget.example", true, "/", NOW);
        (chip.secure, chip.same_site) = (true, SameSite::None);
        chip.partition_key = Some("https://top.example".into());
        let mut first_party_chip = chip.clone();
        first_party_chip.domain = "www.top.example".into();
        let text = write(&[sid.clone(), default_same_site.clone(), chip.clone(), first_party_chip]);
        assert_eq!(
            text,
            "{\n  \"cookies\": [\n    \
             {\"name\":\"sid\",\"value\":\"abc\",\"domain\":\"www.example.com\",\"path\":\"/app\",\"expires\":1798761600.123,\"httpOnly\":true,\"secure\":true,\"sameSite\":\"Strict\"},\n    \
             {\"name\":\"lang\",\"value\":\"en\",\"domain\":\".example.com\",\"path\":\"/\",\"expires\":-1,\"httpOnly\":false,\"secure\":false,\"sameSite\":\"Lax\"},\n    \
             {\"name\":\"chip\",\"value\":\"1\",\"domain\":\"widget.example\",\"path\":\"/\",\"expires\":-1,\"httpOnly\":false,\"secure\":true,\"sameSite\":\"None\",\"partitionKey\":\"https://top.example\",\"_crHasCrossSiteAncestor\":true},\n    \
             {\"name\":\"chip\",\"value\":\"1\",\"domain\":\"www.top.example\",\"path\":\"/\",\"expires\":-1,\"httpOnly\":false,\"secure\":true,\"sameSite\":\"None\",\"partitionKey\":\"https://top.example\",\"_crHasCrossSiteAncestor\":false}\n  \
             ],\n  \"origins\": []\n}\n"
        );
        let read: Vec<CookieRecord> = parse(&text, NOW).unwrap().into_iter().map(|p| p.record).collect();
        assert_eq!(read[0], sid);
        assert_eq!(read[1], CookieRecord { same_site: SameSite::Lax, ..default_same_site });
        assert_eq!(read[2], chip);
    }
}
