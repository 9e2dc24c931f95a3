//! The stored cookie: the fields of 6265bis 5.7 (plus CHIPS' partition key and Chromium's
//! priority), packed so that a cookie costs little more than its own text.

use std::cell::Cell;

use crate::bytes::same_bytes;
use crate::UnixMillis;

/// A cookie's same-site-flag (6265bis 5.7 step 17).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum SameSite {
    Strict,
    Lax,
    None,
    /// No valid SameSite attribute: enforced like Lax on cross-site requests (6265bis 5.8 step 3).
    #[default]
    Default,
}

impl SameSite {
    /// 6265bis 5.6.7 steps 2-4: "None", "Strict" and "Lax", case-insensitively.
    pub(crate) fn parse(value: &str) -> Option<SameSite> {
        [SameSite::None, SameSite::Strict, SameSite::Lax]
            .into_iter()
            .find(|s| value.eq_ignore_ascii_case(s.as_str()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
            SameSite::Default => "Default",
        }
    }
}

/// Not in the spec: Chromium's `Priority` attribute, parsed and kept for hosts that use it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Priority {
    Low,
    #[default]
    Medium,
    High,
}

impl Priority {
    pub(crate) fn parse(value: &str) -> Option<Priority> {
        [Priority::Low, Priority::Medium, Priority::High]
            .into_iter()
            .find(|p| value.eq_ignore_ascii_case(p.as_str()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "Low",
            Priority::Medium => "Medium",
            Priority::High => "High",
        }
    }
}

const HOST_ONLY: u8 = 1;
const SECURE: u8 = 2;
const HTTP_ONLY: u8 = 4;
const PARTITIONED: u8 = 8;

/// The expiry-time of a session cookie (persistent-flag false): "the latest representable date".
const SESSION_EXPIRY: UnixMillis = UnixMillis::MAX;

/// A stored cookie. Every field of 6265bis 5.7 is readable; the jar is the only writer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cookie {
    /// domain, name, value, path and partition key, back to back, with "=" between a name and its
    /// value. Size: one allocation. Speed: the middle is the cookie as a Cookie header serializes
    /// it (6265bis 5.8 step 6), which a retrieval copies at once.
    text: Box<str>,
    domain_end: u32,
    name_end: u32,
    value_end: u32,
    path_end: u32,
    expiry: UnixMillis,
    creation: UnixMillis,
    /// A `Cell` so that a retrieval can update it while it holds shared references (5.8 step 5).
    last_access: Cell<UnixMillis>,
    /// Not in the spec: breaks ties between equal creation-times, in insertion order (as Go's jar).
    pub(crate) seq: u64,
    flags: u8,
    same_site: SameSite,
    priority: Priority,
}

/// Every field of a cookie as plain owned values: what a jar is saved as and restored from.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct CookieRecord {
    pub name: String,
    pub value: String,
    pub domain: String,
    pub path: String,
    /// Milliseconds since the Unix epoch; `None` for a session cookie.
    pub expires: Option<UnixMillis>,
    pub creation_time: UnixMillis,
    pub last_access_time: UnixMillis,
    pub host_only: bool,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: SameSite,
    /// CHIPS: the top-level site the cookie is partitioned under, e.g. "https://example.com".
    pub partition_key: Option<String>,
    pub priority: Priority,
}

/// The fields the storage model computes for a new cookie (6265bis 5.7 steps 5-17).
pub(crate) struct NewCookie<'a> {
    pub name: &'a str,
    pub value: &'a str,
    pub domain: &'a str,
    pub path: &'a str,
    pub partition_key: Option<&'a str>,
    pub expiry: Option<UnixMillis>,
    pub now: UnixMillis,
    pub host_only: bool,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: SameSite,
    pub priority: Priority,
}

fn end(len: usize) -> u32 {
    // Every part is bounded by the parser (4096 octets) or by a URL path, far below 4 GiB; a
    // saturated end would only shorten the text, never index out of it.
    u32::try_from(len).unwrap_or(u32::MAX)
}

impl Cookie {
    pub(crate) fn new(fields: &NewCookie<'_>) -> Cookie {
        let partition = fields.partition_key.unwrap_or("");
        let mut text = String::with_capacity(
            fields.domain.len()
                + fields.name.len()
                + fields.value.len()
                + fields.path.len()
                + partition.len()
                + 1,
        );
        text.push_str(fields.domain);
        let domain_end = end(text.len());
        text.push_str(fields.name);
        let name_end = end(text.len());
        if !fields.name.is_empty() {
            text.push('=');
        }
        text.push_str(fields.value);
        let value_end = end(text.len());
        text.push_str(fields.path);
        let path_end = end(text.len());
        text.push_str(partition);
        let flags = (if fields.host_only { HOST_ONLY } else { 0 })
            | (if fields.secure { SECURE } else { 0 })
            | (if fields.http_only { HTTP_ONLY } else { 0 })
            | (if fields.partition_key.is_some() { PARTITIONED } else { 0 });
        Cookie {
            text: text.into_boxed_str(),
            domain_end,
            name_end,
            value_end,
            path_end,
            expiry: fields.expiry.unwrap_or(SESSION_EXPIRY),
            creation: fields.now,
            last_access: Cell::new(fields.now),
            seq: 0,
            flags,
            same_site: fields.same_site,
            priority: fields.priority,
        }
    }

    fn part(&self, start: u32, end: u32) -> &str {
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    pub fn name(&self) -> &str {
        self.part(self.domain_end, self.name_end)
    }
    pub fn value(&self) -> &str {
        self.part(self.value_start(), self.value_end)
    }
    /// The canonical host (host-only cookies) or Domain attribute, without a leading dot.
    pub fn domain(&self) -> &str {
        self.part(0, self.domain_end)
    }
    pub fn path(&self) -> &str {
        self.part(self.value_end, self.path_end)
    }
    /// CHIPS: the partition key, `None` for an unpartitioned cookie.
    pub fn partition_key(&self) -> Option<&str> {
        self.flag(PARTITIONED).then(|| self.partition_text())
    }

    /// The text after the path: the partition key, empty for an unpartitioned cookie.
    fn partition_text(&self) -> &str {
        self.part(self.path_end, end(self.text.len()))
    }
    /// The expiry-time; `None` for a session cookie (persistent-flag false).
    pub fn expires(&self) -> Option<UnixMillis> {
        (self.expiry != SESSION_EXPIRY).then_some(self.expiry)
    }
    pub fn persistent(&self) -> bool {
        self.expiry != SESSION_EXPIRY
    }
    /// 6265bis 5.7: "A cookie is expired if the cookie has an expiry date in the past."
    pub fn is_expired(&self, now: UnixMillis) -> bool {
        self.expiry <= now
    }
    pub fn creation_time(&self) -> UnixMillis {
        self.creation
    }
    pub fn last_access_time(&self) -> UnixMillis {
        self.last_access.get()
    }
    pub fn host_only(&self) -> bool {
        self.flag(HOST_ONLY)
    }
    pub fn secure(&self) -> bool {
        self.flag(SECURE)
    }
    pub fn http_only(&self) -> bool {
        self.flag(HTTP_ONLY)
    }
    pub fn same_site(&self) -> SameSite {
        self.same_site
    }
    pub fn priority(&self) -> Priority {
        self.priority
    }

    fn flag(&self, bit: u8) -> bool {
        self.flags & bit != 0
    }

    pub(crate) fn set_creation_time(&mut self, creation: UnixMillis) {
        self.creation = creation;
    }
    pub(crate) fn touch(&self, now: UnixMillis) {
        self.last_access.set(now);
    }

    /// The identity of 6265bis 5.7 step 23 (name, domain, host-only-flag, path), extended by CHIPS
    /// with the partition key: at most one stored cookie has each identity.
    pub(crate) fn same_identity(&self, other: &Cookie) -> bool {
        self.flags & (HOST_ONLY | PARTITIONED) == other.flags & (HOST_ONLY | PARTITIONED)
            && self.domain_end == other.domain_end
            && self.name_end == other.name_end
            && same_bytes(self.part(0, self.name_end).as_bytes(), other.part(0, other.name_end).as_bytes())
            && same_bytes(self.path().as_bytes(), other.path().as_bytes())
            && same_bytes(self.partition_text().as_bytes(), other.partition_text().as_bytes())
    }

    /// Where the value starts: after the "=" of a named cookie.
    fn value_start(&self) -> u32 {
        self.name_end + u32::from(self.name_end > self.domain_end)
    }

    /// 6265bis 5.8 step 6: "name=value", or the value alone for a nameless cookie.
    pub(crate) fn serialized_pair(&self) -> &str {
        self.part(self.domain_end, self.value_end)
    }

    /// The octets of name and value, which CHIPS' per-partition byte limit counts.
    pub(crate) fn name_value_len(&self) -> usize {
        (self.value_end - self.value_start() + self.name_end - self.domain_end) as usize
    }

    /// The bytes of its text block (domain, name, value, path, partition key).
    pub(crate) fn text_len(&self) -> usize {
        self.text.len()
    }

    pub fn to_record(&self) -> CookieRecord {
        self.view().into()
    }

    /// Every field, borrowed.
    pub(crate) fn view(&self) -> CookieView<'_> {
        CookieView {
            name: self.name(),
            value: self.value(),
            domain: self.domain(),
            path: self.path(),
            expires: self.expires(),
            creation_time: self.creation,
            last_access_time: self.last_access.get(),
            host_only: self.host_only(),
            secure: self.secure(),
            http_only: self.http_only(),
            same_site: self.same_site,
            partition_key: self.partition_key(),
            priority: self.priority,
        }
    }
}

/// Every field of a cookie, borrowed from a stored cookie or a record: what the writers of
/// saved jars and of the JavaScript API's cookie objects read.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CookieView<'a> {
    pub name: &'a str,
    pub value: &'a str,
    pub domain: &'a str,
    pub path: &'a str,
    pub expires: Option<UnixMillis>,
    pub creation_time: UnixMillis,
    pub last_access_time: UnixMillis,
    pub host_only: bool,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: SameSite,
    pub partition_key: Option<&'a str>,
    pub priority: Priority,
}

impl CookieRecord {
    /// A record with the fields every saved format carries, and the defaults for the others: a
    /// session cookie created and last accessed at `now`, neither Secure nor HttpOnly, with no
    /// SameSite attribute, unpartitioned, of medium priority.
    pub fn new(
        name: &str,
        value: &str,
        domain: &str,
        host_only: bool,
        path: &str,
        now: UnixMillis,
    ) -> CookieRecord {
        CookieRecord {
            name: name.to_owned(),
            value: value.to_owned(),
            domain: domain.to_owned(),
            path: path.to_owned(),
            expires: None,
            creation_time: now,
            last_access_time: now,
            host_only,
            secure: false,
            http_only: false,
            same_site: SameSite::Default,
            partition_key: None,
            priority: Priority::Medium,
        }
    }

    /// Every field, borrowed.
    pub(crate) fn view(&self) -> CookieView<'_> {
        CookieView {
            name: &self.name,
            value: &self.value,
            domain: &self.domain,
            path: &self.path,
            expires: self.expires,
            creation_time: self.creation_time,
            last_access_time: self.last_access_time,
            host_only: self.host_only,
            secure: self.secure,
            http_only: self.http_only,
            same_site: self.same_site,
            partition_key: self.partition_key.as_deref(),
            priority: self.priority,
        }
    }
}

impl From<CookieView<'_>> for CookieRecord {
    fn from(view: CookieView<'_>) -> CookieRecord {
        CookieRecord {
            name: view.name.to_owned(),
            value: view.value.to_owned(),
            domain: view.domain.to_owned(),
            path: view.path.to_owned(),
            expires: view.expires,
            creation_time: view.creation_time,
            last_access_time: view.last_access_time,
            host_only: view.host_only,
            secure: view.secure,
            http_only: view.http_only,
            same_site: view.same_site,
            partition_key: view.partition_key.map(str::to_owned),
            priority: view.priority,
        }
    }
}

/// The cookie as a Set-Cookie header field value that would store it again (host-only cookies
/// have no Domain attribute; session cookies no Expires).
impl std::fmt::Display for Cookie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.name().is_empty() {
            write!(f, "{}=", self.name())?;
        }
        f.write_str(self.value())?;
        if !self.host_only() {
            write!(f, "; Domain={}", self.domain())?;
        }
        write!(f, "; Path={}", self.path())?;
        if let Some(expires) = self.expires() {
            write!(f, "; Expires={}", crate::date::format_http_date(expires))?;
        }
        if self.secure() {
            f.write_str("; Secure")?;
        }
        if self.http_only() {
            f.write_str("; HttpOnly")?;
        }
        if self.same_site() != SameSite::Default {
            write!(f, "; SameSite={}", self.same_site().as_str())?;
        }
        if self.partition_key().is_some() {
            f.write_str("; Partitioned")?;
        }
        if self.priority() != Priority::Medium {
            write!(f, "; Priority={}", self.priority().as_str())?;
        }
        Ok(())
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    #[test]
    fn records_serialize_every_field() {
        let cookie = Cookie::new(&NewCookie {
            name: "id",
            value: "7",
            domain: "example.com",
            path: "/app",
            partition_key: Some("https://top.example"),
            expiry: Some(2_000),
            now: 1_000,
            host_only: false,
            secure: true,
            http_only: true,
            same_site: SameSite::None,
            priority: Priority::High,
        });
        let json = serde_json::to_value(cookie.to_record()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "name": "id", "value": "7", "domain": "example.com", "path": "/app", "expires": 2000,
                "creationTime": 1000, "lastAccessTime": 1000, "hostOnly": false, "secure": true,
                "httpOnly": true, "sameSite": "none", "partitionKey": "https://top.example", "priority": "high"
            })
        );
        let back: CookieRecord = serde_json::from_value(json).unwrap();
        assert_eq!(back, cookie.to_record());
    }
}
