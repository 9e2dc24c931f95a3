//! The entry points of the fuzz targets in `fuzz/` (the `fuzzing` feature): the algorithms the
//! jar keeps private, each returning what its target checks. Not part of the API.

use crate::date::{format_http_date, format_iso_8601, parse_cookie_date, parse_iso_8601};
use crate::parse::parse_set_cookie;
use crate::UnixMillis;

/// What 6265bis 5.6 made of a line: name, value, Domain, Path and expiry.
pub struct ParsedLine<'a> {
    pub name: &'a str,
    pub value: &'a str,
    pub domain: Option<&'a str>,
    pub path: Option<&'a str>,
    pub expiry: Option<UnixMillis>,
}

/// 6265bis 5.6 on `line`, received at `now`, with the default age limit; `None` when rejected.
pub fn parse_line(line: &str, now: UnixMillis) -> Option<ParsedLine<'_>> {
    let parsed = parse_set_cookie(line, now, crate::JarConfig::default().max_age_seconds).ok()?;
    Some(ParsedLine {
        name: parsed.name,
        value: parsed.value,
        domain: parsed.domain,
        path: parsed.path,
        expiry: parsed.expiry(),
    })
}

/// 6265bis 5.1.1.
pub fn cookie_date(text: &str) -> Option<UnixMillis> {
    parse_cookie_date(text)
}

/// An HTTP date (IMF-fixdate), as Expires attributes and LWP files write it.
pub fn http_date(time: UnixMillis) -> String {
    format_http_date(time)
}

/// ISO 8601 as saved jars read it, and as `toISOString` writes it.
pub fn iso_8601(text: &str) -> Option<UnixMillis> {
    parse_iso_8601(text)
}

pub fn format_iso(time: UnixMillis) -> String {
    format_iso_8601(time)
}
