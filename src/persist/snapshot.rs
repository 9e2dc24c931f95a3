//! This library's own format: every field of every cookie, oldest first.
//!
//! ```json
//! {
//!   "version": 1,
//!   "cookies": [
//!     {"name":"sid","value":"abc","domain":"example.com","path":"/","expires":1798761600000,"creationTime":1767225600000,"lastAccessTime":1767225600000,"hostOnly":true,"secure":true,"httpOnly":true,"sameSite":"lax","partitionKey":null,"priority":"medium"}
//!   ]
//! }
//! ```
//!
//! The member names and values are those of `CookieRecord` with the `serde` feature (camelCase;
//! times in milliseconds since the epoch, `expires` null for a session cookie; `sameSite` one of
//! "strict", "lax", "none", "default"; `priority` one of "low", "medium", "high").
//!
//! Cannot carry: nothing; it is the whole record. An import requires `name`, `value`, `domain`,
//! `path`, `creationTime` and `hostOnly`, and assumes for a missing member: `expires` null (a
//! session cookie), `lastAccessTime` the creation time, `secure` and `httpOnly` false,
//! `sameSite` "default", `partitionKey` null, `priority` "medium". A `version` other than 1 is
//! a shape error.

use super::json::{choose, object, object_document, parse_json, read_cookies, Fields, Json, ObjectWriter};
use super::{FormatError, ParsedRecord};
use crate::cookie::{CookieRecord, CookieView, Priority, SameSite};
use crate::UnixMillis;

const SAME_SITE: [(&str, SameSite); 4] = [
    ("strict", SameSite::Strict),
    ("lax", SameSite::Lax),
    ("none", SameSite::None),
    ("default", SameSite::Default),
];
const PRIORITY: [(&str, Priority); 3] =
    [("low", Priority::Low), ("medium", Priority::Medium), ("high", Priority::High)];

/// The name of a value in `choices`.
fn name_of<T: PartialEq>(choices: &[(&'static str, T)], value: T) -> &'static str {
    choices.iter().find(|(_, v)| *v == value).map_or("", |(name, _)| name)
}

pub(crate) fn parse(text: &str, _now: UnixMillis) -> Result<Vec<ParsedRecord>, FormatError> {
    let json = parse_json(text)?;
    match json.get("version") {
        Some(Json::Number("1")) => {}
        Some(Json::Number(version)) => return Err(version_error(Some(version))),
        _ => return Err(version_error(None)),
    }
    read_cookies(&json, false, &mut |fields| read_record(fields))
}

/// A snapshot whose `version` is not 1: the version it has, if it is a number.
pub(crate) fn version_error(version: Option<&str>) -> FormatError {
    match version {
        Some(version) => FormatError::shape(None, format!("unknown snapshot version {version}")),
        None => FormatError::shape(None, "not a cookie-engine snapshot: no \"version\": 1"),
    }
}

/// A snapshot cookie's members, wherever they are read from: our JSON reader's values, or, in
/// the WebAssembly binding, a JavaScript object (so that the jar's module needs no JSON reader).
/// A missing or null member is `None`; one of another type is a shape error naming the cookie.
pub(crate) trait CookieMembers {
    fn string(&self, key: &'static str) -> Result<Option<String>, FormatError>;
    fn boolean(&self, key: &'static str) -> Result<Option<bool>, FormatError>;
    /// A number of milliseconds (a fraction is dropped).
    fn integer(&self, key: &'static str) -> Result<Option<i64>, FormatError>;
    /// A shape error at this cookie.
    fn error(&self, message: String) -> FormatError;
}

impl CookieMembers for Fields<'_, '_> {
    fn string(&self, key: &'static str) -> Result<Option<String>, FormatError> {
        Ok(Fields::string(self, key)?.map(str::to_owned))
    }

    fn boolean(&self, key: &'static str) -> Result<Option<bool>, FormatError> {
        match self.get(key) {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(self.error(format!("\"{key}\" must be a boolean, not {}", other.kind()))),
        }
    }

    fn integer(&self, key: &'static str) -> Result<Option<i64>, FormatError> {
        Fields::integer(self, key, 0)
    }

    fn error(&self, message: String) -> FormatError {
        Fields::error(self, message)
    }
}

/// One cookie of a snapshot.
pub(crate) fn read_record(members: &dyn CookieMembers) -> Result<CookieRecord, FormatError> {
    let required = |key: &str, found: Option<String>| {
        found.ok_or_else(|| members.error(format!("\"{key}\" is missing")))
    };
    let creation_time = members
        .integer("creationTime")?
        .ok_or_else(|| members.error("\"creationTime\" must be a number".into()))?;
    let host_only =
        members.boolean("hostOnly")?.ok_or_else(|| members.error("\"hostOnly\" must be a boolean".into()))?;
    Ok(CookieRecord {
        name: required("name", members.string("name")?)?,
        value: required("value", members.string("value")?)?,
        domain: required("domain", members.string("domain")?)?,
        path: required("path", members.string("path")?)?,
        expires: members.integer("expires")?,
        creation_time,
        last_access_time: members.integer("lastAccessTime")?.unwrap_or(creation_time),
        host_only,
        secure: members.boolean("secure")?.unwrap_or(false),
        http_only: members.boolean("httpOnly")?.unwrap_or(false),
        same_site: choice(members, "sameSite", &SAME_SITE)?.unwrap_or_default(),
        partition_key: members.string("partitionKey")?,
        priority: choice(members, "priority", &PRIORITY)?.unwrap_or_default(),
    })
}

/// A member that must be one of `choices`' names (ASCII case-insensitively), if there is one.
fn choice<T: Copy>(
    members: &dyn CookieMembers,
    key: &'static str,
    choices: &[(&str, T)],
) -> Result<Option<T>, FormatError> {
    let Some(name) = members.string(key)? else { return Ok(None) };
    choose(key, &name, choices).map(Some).map_err(|message| members.error(message))
}

pub(crate) fn write(records: &[CookieRecord]) -> String {
    object_document(&mut |top| {
        top.integer("version", 1);
        top.array("cookies", records.iter().map(write_record));
    })
}

fn write_record(record: &CookieRecord) -> String {
    object(&mut |o| write_cookie(o, record.view()))
}

/// A cookie's members: those of the snapshot, which are also those of the JavaScript API's
/// cookie objects (the binding writes them with this too).
pub(crate) fn write_cookie(o: &mut ObjectWriter<'_>, cookie: CookieView<'_>) {
    o.string("name", cookie.name);
    o.string("value", cookie.value);
    o.string("domain", cookie.domain);
    o.string("path", cookie.path);
    match cookie.expires {
        Some(expires) => o.integer("expires", expires),
        None => o.raw("expires", "null"),
    }
    o.integer("creationTime", cookie.creation_time);
    o.integer("lastAccessTime", cookie.last_access_time);
    o.bool("hostOnly", cookie.host_only);
    o.bool("secure", cookie.secure);
    o.bool("httpOnly", cookie.http_only);
    o.string("sameSite", name_of(&SAME_SITE, cookie.same_site));
    o.string_or_null("partitionKey", cookie.partition_key);
    o.string("priority", name_of(&PRIORITY, cookie.priority));
}

#[cfg(test)]
mod tests {
    use super::super::{FormatErrorKind, Position};
    use super::*;

    const NOW: UnixMillis = 1_767_225_600_000;

    fn full_record() -> CookieRecord {
        CookieRecord {
            name: "id".into(),
            value: "7 \"quoted\" é".into(),
            domain: "example.com".into(),
            path: "/app".into(),
            expires: Some(NOW + 2000),
            creation_time: NOW - 5000,
            last_access_time: NOW - 10,
            host_only: false,
            secure: true,
            http_only: true,
            same_site: SameSite::None,
            partition_key: Some("https://top.example".into()),
            priority: Priority::High,
        }
    }

    #[test]
    fn every_field_round_trips() {
        let session = CookieRecord {
            expires: None,
            partition_key: None,
            same_site: SameSite::Default,
            priority: Priority::Low,
            host_only: true,
            ..full_record()
        };
        let records = vec![full_record(), session];
        let text = write(&records);
        let parsed = parse(&text, 0).unwrap();
        assert_eq!(parsed.iter().map(|p| p.record.clone()).collect::<Vec<_>>(), records);
        assert_eq!(parsed[1].position, Position::Index(1));
        assert_eq!(write(&[]), "{\n  \"version\": 1,\n  \"cookies\": []\n}\n");
    }

    /// The member names and values are the serde feature's.
    #[cfg(feature = "serde")]
    #[test]
    fn members_are_the_serde_names() {
        let record = full_record();
        let ours: serde_json::Value = serde_json::from_str(&write_record(&record)).unwrap();
        assert_eq!(ours, serde_json::to_value(&record).unwrap());
    }

    #[test]
    fn missing_members_take_their_defaults() {
        let text = r#"{"version": 1, "cookies": [
            {"name": "a", "value": "b", "domain": "example.com", "path": "/", "creationTime": 5, "hostOnly": true}
        ]}"#;
        let record = &parse(text, NOW).unwrap()[0].record;
        assert_eq!((record.creation_time, record.last_access_time, record.expires), (5, 5, None));
        assert_eq!((record.secure, record.http_only), (false, false));
        assert_eq!(
            (record.same_site, record.priority, record.partition_key.as_deref()),
            (SameSite::Default, Priority::Medium, None)
        );
    }

    #[test]
    fn shapes_that_are_refused() {
        let cookie = r#""name": "a", "value": "b", "domain": "example.com", "path": "/", "creationTime": 5, "hostOnly": true"#;
        let cases: &[(String, Option<Position>)] = &[
            (r#"{"cookies": []}"#.into(), None),
            (r#"{"version": 2, "cookies": []}"#.into(), None),
            (r#"{"version": "1", "cookies": []}"#.into(), None),
            (r#"{"version": 1}"#.into(), None),
            (r#"{"version": 1, "cookies": {}}"#.into(), None),
            ("[]".into(), None),
            (format!(r#"{{"version": 1, "cookies": [{{{cookie}}}, 5]}}"#), Some(Position::Index(1))),
            (format!(r#"{{"version": 1, "cookies": [{{{cookie}, "name": 5}}]}}"#), Some(Position::Index(0))),
            (
                format!(r#"{{"version": 1, "cookies": [{{{cookie}, "hostOnly": null}}]}}"#),
                Some(Position::Index(0)),
            ),
            (
                format!(r#"{{"version": 1, "cookies": [{{{cookie}, "creationTime": "5"}}]}}"#),
                Some(Position::Index(0)),
            ),
            (
                format!(r#"{{"version": 1, "cookies": [{{{cookie}, "sameSite": "Sometimes"}}]}}"#),
                Some(Position::Index(0)),
            ),
            (
                format!(r#"{{"version": 1, "cookies": [{{{cookie}, "secure": 1}}]}}"#),
                Some(Position::Index(0)),
            ),
            (
                format!(r#"{{"version": 1, "cookies": [{{{cookie}, "expires": "never"}}]}}"#),
                Some(Position::Index(0)),
            ),
        ];
        for (text, position) in cases {
            let error = parse(text, NOW).unwrap_err();
            assert_eq!((error.kind, error.position), (FormatErrorKind::Shape, *position), "{text}: {error}");
        }
    }
}
