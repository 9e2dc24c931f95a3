//! Saved jars: the formats cookies are saved in, read into records and written from them.
//!
//! Each format is a pair of pure functions in its own file, text to records (with where each
//! record was) and records to text; none of them knows the jar. `CookieJar::import` restores
//! what a parser read, one decision per record (`CookieJar::restore`), and `CookieJar::export`
//! writes what `CookieJar::records` gives.
//!
//! A parser checks the format, not the cookies: a record that is the format's syntax and shape
//! but not a valid cookie (a public-suffix domain, an expired date) is for `restore` to refuse.
//! A field a format cannot carry is given the default its module documents; a cookie a format
//! cannot carry at all (a partitioned cookie in cookies.txt) is left out of what its writer writes.
//!
//! Size: no serde_json and no float parsing or formatting (about 20 KB of WebAssembly): JSON is
//! read by `json.rs`, and numbers stay text until `decimal_to_integer` turns them into
//! milliseconds.

mod browser;
mod cdp;
pub(crate) mod json;
mod lwp;
mod netscape;
mod playwright;
pub(crate) mod snapshot;
mod tough;

use std::fmt;

use crate::cookie::CookieRecord;
use crate::parse::append_digit;
use crate::UnixMillis;

/// A format a jar can be saved in and restored from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// This library's own JSON snapshot: every field of every cookie (`{"version":1,"cookies":[...]}`).
    Json,
    /// cookies.txt, as curl, wget, yt-dlp and Python's `MozillaCookieJar` read and write it.
    Netscape,
    /// Python's `LWPCookieJar` files (`#LWP-Cookies-2.0`, `Set-Cookie3:` lines).
    Lwp,
    /// tough-cookie's `serializeSync()` / `toJSON()` (versions 4 to 6).
    ToughCookie,
    /// Playwright's `storageState()`.
    Playwright,
    /// The Chrome DevTools Protocol's cookies (`Network.getCookies`, Puppeteer's `page.cookies()`).
    Cdp,
}

impl Format {
    /// Every format, in the order of the enum.
    pub const ALL: [Format; 6] =
        [Format::Json, Format::Netscape, Format::Lwp, Format::ToughCookie, Format::Playwright, Format::Cdp];

    /// The format's stable name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Netscape => "netscape",
            Format::Lwp => "lwp",
            Format::ToughCookie => "tough-cookie",
            Format::Playwright => "playwright",
            Format::Cdp => "cdp",
        }
    }

    /// The format named `name` (as `name` gives it).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.name() == name)
    }
}

/// What an export includes besides the persistent, unexpired cookies (Python's `save` has the
/// same two switches, `ignore_discard` and `ignore_expires`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Session cookies too (6265bis 5.7: persistent-flag false), which a user agent drops when the
    /// session ends.
    pub include_session: bool,
    /// Expired cookies not yet evicted too.
    pub include_expired: bool,
}

/// Where a record is in an imported text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    /// The 0-based index of a record in a JSON format's array of cookies.
    Index(usize),
    /// The 1-based line of a text format (or of a JSON syntax error).
    Line(usize),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Index(index) => write!(f, "cookie {index}"),
            Position::Line(line) => write!(f, "line {line}"),
        }
    }
}

/// A record an import did not restore, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub position: Position,
    /// The `Rejection` code, or "expired" for a cookie that had expired.
    pub code: &'static str,
    pub message: String,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// How many records were stored (new, or replacing a cookie with the same identity).
    pub restored: usize,
    /// The records that were not, in the order of the text.
    pub skipped: Vec<Skipped>,
}

/// Why a text could not be imported. An import that fails changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormatErrorKind {
    /// Not the format's syntax at all: not JSON, a cookies.txt line without its seven fields.
    Syntax,
    /// The format's syntax, but not its shape: a field of the wrong type, a required one missing.
    Shape,
}

impl FormatErrorKind {
    /// A stable code for programs to branch on.
    pub fn code(self) -> &'static str {
        match self {
            FormatErrorKind::Syntax => "syntax",
            FormatErrorKind::Shape => "shape",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    pub kind: FormatErrorKind,
    /// Where, when the error is at one record or line.
    pub position: Option<Position>,
    pub message: String,
}

impl FormatError {
    pub(crate) fn syntax(position: Option<Position>, message: impl Into<String>) -> FormatError {
        FormatError { kind: FormatErrorKind::Syntax, position, message: message.into() }
    }

    pub(crate) fn shape(position: Option<Position>, message: impl Into<String>) -> FormatError {
        FormatError { kind: FormatErrorKind::Shape, position, message: message.into() }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            FormatErrorKind::Syntax => "syntax error",
            FormatErrorKind::Shape => "unexpected shape",
        };
        match self.position {
            Some(position) => write!(f, "{kind} at {position}: {}", self.message),
            None => write!(f, "{kind}: {}", self.message),
        }
    }
}

impl std::error::Error for FormatError {}

/// A record read from a text, with where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParsedRecord {
    pub position: Position,
    pub record: CookieRecord,
}

/// Reads every record of `text`, in the order of the text. `now` is the creation and
/// last-access time of records whose format does not carry them.
pub(crate) fn parse(format: Format, text: &str, now: UnixMillis) -> Result<Vec<ParsedRecord>, FormatError> {
    match format {
        Format::Json => snapshot::parse(text, now),
        Format::Netscape => netscape::parse(text, now),
        Format::Lwp => lwp::parse(text, now),
        Format::ToughCookie => tough::parse(text, now),
        Format::Playwright => playwright::parse(text, now),
        Format::Cdp => cdp::parse(text, now),
    }
}

/// Writes `records` in `format`, in their order, leaving out those the format cannot carry.
pub(crate) fn write(format: Format, records: &[CookieRecord]) -> String {
    match format {
        Format::Json => snapshot::write(records),
        Format::Netscape => netscape::write(records),
        Format::Lwp => lwp::write(records),
        Format::ToughCookie => tough::write(records),
        Format::Playwright => playwright::write(records),
        Format::Cdp => cdp::write(records),
    }
}

/// The domain as cookies.txt, LWP, Playwright and CDP write it: with a leading dot for a Domain
/// cookie, without one for a host-only cookie.
pub(crate) fn dotted_domain(record: &CookieRecord) -> String {
    if record.host_only {
        record.domain.clone()
    } else {
        format!(".{}", record.domain)
    }
}

/// The reverse of `dotted_domain`: the domain without its leading dot, and whether the cookie is
/// host-only (no dot).
pub(crate) fn undotted_domain(domain: &str) -> (&str, bool) {
    match domain.strip_prefix('.') {
        Some(domain) => (domain, false),
        None => (domain, true),
    }
}

/// A number as JSON writes it (`-12.5e3`; cookies.txt's `1767225600` is one too) times
/// 10^`scale`, truncated toward zero, saturating at the ends of i64: `("1.5", 3)` is 1500, the
/// milliseconds of 1.5 seconds. `None` when `text` is not such a number.
///
/// Size: integer arithmetic on the digits, no float parsing.
pub(crate) fn decimal_to_integer(text: &str, scale: i32) -> Option<i64> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (unsigned.get(..at)?, unsigned.get(at + 1..)?),
        None => (unsigned, "0"),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) if all_digits(fraction) => (whole, fraction),
        Some(_) => return None,
        None => (mantissa, ""),
    };
    let (exponent_negative, exponent_digits) = match exponent.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, exponent.strip_prefix('+').unwrap_or(exponent)),
    };
    if !all_digits(whole) || !all_digits(exponent_digits) {
        return None;
    }
    // The exponent saturates: a text has far fewer digits than the shifts that make its value 0
    // or saturate it.
    let exponent = exponent_digits.bytes().fold(0i64, |acc, d| append_digit(acc, i64::from(d - b'0')));
    let exponent = if exponent_negative { -exponent } else { exponent };
    // The value is the integer of all the digits (the whole, then the fraction) times 10^shift.
    let shift = exponent.saturating_add(i64::from(scale)).saturating_sub(fraction.len() as i64);
    let digit_count = whole.len() + fraction.len();
    let kept = match usize::try_from(shift) {
        Ok(_) => digit_count,
        Err(_) => digit_count.saturating_sub(usize::try_from(shift.unsigned_abs()).unwrap_or(usize::MAX)),
    };
    let digits = whole.bytes().chain(fraction.bytes()).take(kept);
    let mut magnitude = digits.fold(0i64, |acc, d| append_digit(acc, i64::from(d - b'0')));
    // 10^19 saturates any magnitude but 0.
    if magnitude != 0 {
        for _ in 0..shift.clamp(0, 19) {
            magnitude = append_digit(magnitude, 0);
        }
    }
    Some(if negative { -magnitude } else { magnitude })
}

/// Milliseconds as a decimal number of seconds, the shortest that reads back the same:
/// 1767225600123 is "1767225600.123", 1767225600000 is "1767225600".
pub(crate) fn millis_to_seconds(millis: UnixMillis) -> String {
    let sign = if millis < 0 { "-" } else { "" };
    let (seconds, fraction) = (millis.unsigned_abs() / 1000, millis.unsigned_abs() % 1000);
    if fraction == 0 {
        format!("{sign}{seconds}")
    } else {
        let fraction = format!("{fraction:03}");
        format!("{sign}{seconds}.{}", fraction.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
        }
        assert_eq!(Format::from_name("JSON"), None);
        assert_eq!(Format::from_name("cookies.txt"), None);
    }

    #[test]
    fn decimals_to_integers() {
        let max = i64::MAX;
        let cases: &[(&str, i32, Option<i64>)] = &[
            ("0", 3, Some(0)),
            ("-0", 3, Some(0)),
            ("1767225600", 3, Some(1_767_225_600_000)),
            ("1767225600.123456", 3, Some(1_767_225_600_123)),
            ("1767225600.9999", 3, Some(1_767_225_600_999)),
            ("-1", 3, Some(-1000)),
            ("-1.5", 3, Some(-1500)),
            ("0.0005", 3, Some(0)),
            ("-0.0005", 3, Some(0)),
            ("1.7672256e9", 3, Some(1_767_225_600_000)),
            ("1.7672256E+9", 3, Some(1_767_225_600_000)),
            ("17672256000e-1", 3, Some(1_767_225_600_000)),
            ("1e-400000000000000000000", 3, Some(0)),
            ("1e400000000000000000000", 3, Some(max)),
            ("-1e30", 3, Some(-max)),
            ("0e999999", 3, Some(0)),
            ("000012", 0, Some(12)),
            ("12.0", 0, Some(12)),
            ("12.9", 0, Some(12)),
            ("9223372036854775807", 0, Some(max)),
            ("9223372036854775808", 0, Some(max)),
            ("99999999999999999999999", 3, Some(max)),
            ("", 3, None),
            ("-", 3, None),
            ("1.", 3, None),
            (".5", 3, None),
            ("1e", 3, None),
            ("1e+", 3, None),
            ("+1", 3, None),
            ("1 ", 3, None),
            ("0x10", 3, None),
            ("Infinity", 3, None),
            ("NaN", 3, None),
            ("١", 3, None),
        ];
        for &(text, scale, want) in cases {
            assert_eq!(decimal_to_integer(text, scale), want, "{text:?} × 10^{scale}");
        }
    }

    #[test]
    fn milliseconds_as_seconds() {
        let cases = [
            (0, "0"),
            (1_767_225_600_000, "1767225600"),
            (1_767_225_600_123, "1767225600.123"),
            (1_767_225_600_120, "1767225600.12"),
            (1_767_225_600_001, "1767225600.001"),
            (-1500, "-1.5"),
            (-1000, "-1"),
            (i64::MIN + 1, "-9223372036854775.807"),
        ];
        for (millis, want) in cases {
            assert_eq!(millis_to_seconds(millis), want);
            assert_eq!(decimal_to_integer(want, 3), Some(millis), "{want} reads back");
        }
    }

    #[test]
    fn domains_with_and_without_dots() {
        assert_eq!(undotted_domain(".example.com"), ("example.com", false));
        assert_eq!(undotted_domain("example.com"), ("example.com", true));
        assert_eq!(undotted_domain("..example.com"), (".example.com", false));
        let mut record = CookieRecord::new("a", "b", "example.com", true, "/", 0);
        assert_eq!(dotted_domain(&record), "example.com");
        record.host_only = false;
        assert_eq!(dotted_domain(&record), ".example.com");
    }

    #[test]
    fn errors_display_their_kind_and_position() {
        let error = FormatError::shape(Some(Position::Index(3)), "\"name\" must be a string");
        assert_eq!(error.to_string(), "unexpected shape at cookie 3: \"name\" must be a string");
        let error = FormatError::syntax(Some(Position::Line(2)), "expected 7 fields");
        assert_eq!(error.to_string(), "syntax error at line 2: expected 7 fields");
        let error = FormatError::shape(None, "not a jar");
        assert_eq!(error.to_string(), "unexpected shape: not a jar");
        assert_eq!((FormatErrorKind::Syntax.code(), FormatErrorKind::Shape.code()), ("syntax", "shape"));
    }
}
