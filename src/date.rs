//! Cookie dates: 6265bis 5.1.1, and the calendar arithmetic behind it; and the ISO 8601 dates
//! that saved jars use (tough-cookie's JSON, Python's LWP files).
//!
//! The `cookie` crate parses Expires with fixed `time` formats, not the 5.1.1 token algorithm
//! (which accepts "Thu, 10 Dec 2009 13:57:2 GMT" and ignores junk tokens), so it is written here.

use crate::UnixMillis;

const MILLIS_PER_SECOND: i64 = 1000;
const SECONDS_PER_DAY: i64 = 86_400;
const MILLIS_PER_DAY: i64 = SECONDS_PER_DAY * MILLIS_PER_SECOND;

/// 6265bis 5.1.1: parses a cookie-date into milliseconds since the Unix epoch, or `None` when
/// the algorithm fails.
pub(crate) fn parse_cookie_date(cookie_date: &str) -> Option<UnixMillis> {
    let mut time: Option<(u32, u32, u32)> = None;
    let mut day_of_month: Option<u32> = None;
    let mut month: Option<u32> = None;
    let mut year: Option<u32> = None;

    // Step 1: date-tokens are the runs of non-delimiters.
    for token in cookie_date.as_bytes().split(|&b| is_delimiter(b)).filter(|t| !t.is_empty()) {
        // Step 2.1-2.4: each token fills the first production it matches that is still unset.
        if time.is_none() {
            if let Some(hms) = match_time(token) {
                time = Some(hms);
                continue;
            }
        }
        if day_of_month.is_none() {
            if let Some(day) = match_digits(token, 1, 2) {
                day_of_month = Some(day);
                continue;
            }
        }
        if month.is_none() {
            if let Some(m) = match_month(token) {
                month = Some(m);
                continue;
            }
        }
        if year.is_none() {
            if let Some(y) = match_digits(token, 2, 4) {
                year = Some(y);
                continue;
            }
        }
    }

    let (hour, minute, second) = time?;
    let (day, month, mut year) = (day_of_month?, month?, year?);
    // Steps 3-4: two-digit years.
    if (70..=99).contains(&year) {
        year += 1900;
    } else if year <= 69 {
        year += 2000;
    }
    // Step 5.
    if !(1..=31).contains(&day) || year < 1601 || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    // Step 6: the date must exist (no 31 April, 29 February only in leap years).
    if day > days_in_month(i64::from(year), month) {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    let seconds =
        days * SECONDS_PER_DAY + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Some(seconds * MILLIS_PER_SECOND)
}

/// 6265bis 5.1.1 step 1: delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E.
fn is_delimiter(b: u8) -> bool {
    matches!(b, 0x09 | 0x20..=0x2F | 0x3B..=0x40 | 0x5B..=0x60 | 0x7B..=0x7E)
}

/// Reads `min..=max` leading digits; the rest of the token must be empty or start with a
/// non-digit (the `[ non-digit *OCTET ]` tail of day-of-month, year and time).
/// Returns the number and the unread tail.
fn leading_number(token: &[u8], min: usize, max: usize) -> Option<(u32, &[u8])> {
    let digits = token.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits < min || digits > max {
        return None;
    }
    let (number, rest) = token.split_at_checked(digits)?;
    Some((number.iter().fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0')), rest))
}

/// day-of-month = 1*2DIGIT [ non-digit *OCTET ]; year = 2*4DIGIT [ non-digit *OCTET ].
fn match_digits(token: &[u8], min: usize, max: usize) -> Option<u32> {
    leading_number(token, min, max).map(|(value, _)| value)
}

/// time = hms-time [ non-digit *OCTET ]; hms-time = time-field ":" time-field ":" time-field.
fn match_time(token: &[u8]) -> Option<(u32, u32, u32)> {
    let (hour, rest) = leading_number(token, 1, 2)?;
    let rest = rest.strip_prefix(b":")?;
    let (minute, rest) = leading_number(rest, 1, 2)?;
    let rest = rest.strip_prefix(b":")?;
    let (second, _) = leading_number(rest, 1, 2)?;
    Some((hour, minute, second))
}

/// month = ( "jan" / ... / "dec" ) *OCTET, case-insensitively; 1-based.
fn match_month(token: &[u8]) -> Option<u32> {
    const MONTHS: [&[u8; 3]; 12] =
        [b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec"];
    let prefix = token.get(..3)?;
    let index = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(prefix))?;
    Some(index as u32 + 1)
}

fn is_leap_year(year: i64) -> bool {
    (year.rem_euclid(4) == 0 && year.rem_euclid(100) != 0) || year.rem_euclid(400) == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = i64::from((month + 9) % 12); // March = 0
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date of a day count since 1970-01-01: (year, month, day), the inverse of
/// [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A time's UTC calendar fields.
pub(crate) struct CivilTime {
    /// Days since 1970-01-01 (a Thursday).
    pub days: i64,
    pub year: i64,
    /// 1-12.
    pub month: u32,
    pub day: u32,
    pub hour: i64,
    pub minute: i64,
    pub second: i64,
    pub millisecond: i64,
}

pub(crate) fn civil_time(time: UnixMillis) -> CivilTime {
    let days = time.div_euclid(MILLIS_PER_DAY);
    let of_day = time.rem_euclid(MILLIS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    CivilTime {
        days,
        year,
        month,
        day,
        hour: of_day / 3_600_000,
        minute: of_day / 60_000 % 60,
        second: of_day / 1000 % 60,
        millisecond: of_day % 1000,
    }
}

/// Formats a time as an IMF-fixdate (RFC 9110 5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT":
/// the form Expires takes when a stored cookie is written back out.
pub(crate) fn format_http_date(time: UnixMillis) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let t = civil_time(time);
    let weekday = DAYS.get(t.days.rem_euclid(7) as usize).copied().unwrap_or_default();
    // `civil_from_days` gives months 1-12.
    let month_name = MONTHS.get((t.month as usize).wrapping_sub(1)).copied().unwrap_or_default();
    format!(
        "{weekday}, {:02} {month_name} {:04} {:02}:{:02}:{:02} GMT",
        t.day, t.year, t.hour, t.minute, t.second
    )
}

/// The range of a JavaScript `Date`: ±8.64e15 ms (ECMA-262, "Time Values and Time Range").
const JS_DATE_LIMIT: UnixMillis = 8_640_000_000_000_000;

/// Formats a time as JavaScript's `Date.prototype.toISOString` does, e.g.
/// "2026-01-01T00:00:00.000Z" (years outside 0-9999 as "+275760" or "-000001").
///
/// Not in the spec: a time beyond a `Date`'s range is written as the range's end, so that
/// JavaScript can read whatever is written.
pub(crate) fn format_iso_8601(time: UnixMillis) -> String {
    let t = civil_time(time.clamp(-JS_DATE_LIMIT, JS_DATE_LIMIT));
    let year = match t.year {
        0..=9999 => format!("{:04}", t.year),
        year if year < 0 => format!("-{:06}", -year),
        year => format!("+{year:06}"),
    };
    format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.month, t.day, t.hour, t.minute, t.second, t.millisecond
    )
}

/// Reads an ISO 8601 date and time: what `toISOString` writes ("2026-01-01T00:00:00.000Z",
/// "+275760-09-13T00:00:00.000Z") and what Python's `time2isoz` writes ("2026-01-01 00:00:00Z"),
/// with the variations Python's `iso2time` reads: "/" or no separator in the date, a space or
/// "T" before the time, seconds and their fraction optional, a zone "Z" or "+hh:mm" (or none:
/// UTC). Fractions of a millisecond are dropped.
pub(crate) fn parse_iso_8601(text: &str) -> Option<UnixMillis> {
    let mut s = Scanner(text.trim().as_bytes());
    let year = match s.eat(b"+-") {
        Some(b'-') => -s.digits(6, 6)?,
        Some(_) => s.digits(6, 6)?,
        None => s.digits(4, 4)?,
    };
    s.eat(b"-/");
    let month = u32::try_from(s.digits(1, 2)?).ok()?;
    s.eat(b"-/");
    let day = u32::try_from(s.digits(1, 2)?).ok()?;
    let (mut hour, mut minute, mut second, mut millisecond) = (0, 0, 0, 0);
    if s.eat(b"Tt").is_some() || s.spaces() {
        hour = s.digits(1, 2)?;
        s.eat(b":");
        minute = s.digits(2, 2)?;
        let colon = s.eat(b":").is_some();
        if let Some(seconds) = s.digits(2, 2) {
            second = seconds;
            if s.eat(b".").is_some() {
                millisecond = s.fraction_millis();
            }
        } else if colon {
            return None;
        }
    }
    s.spaces();
    let offset_minutes = match s.eat(b"Zz+-") {
        None | Some(b'Z' | b'z') => 0,
        Some(sign) => {
            let hours = s.digits(1, 2)?;
            s.eat(b":");
            let minutes = s.digits(2, 2).unwrap_or(0);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 60 + minutes;
            if sign == b'-' {
                -offset
            } else {
                offset
            }
        }
    };
    s.spaces();
    let valid = s.0.is_empty()
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour <= 23
        && minute <= 59
        && second <= 59;
    valid.then(|| {
        let seconds =
            days_from_civil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second
                - offset_minutes * 60;
        seconds * MILLIS_PER_SECOND + millisecond
    })
}

/// The unread rest of a date string.
struct Scanner<'a>(&'a [u8]);

impl Scanner<'_> {
    /// Consumes one byte if it is one of `set`.
    fn eat(&mut self, set: &[u8]) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        set.contains(&first).then(|| {
            self.0 = rest;
            first
        })
    }

    /// Consumes spaces and tabs; whether there were any.
    fn spaces(&mut self) -> bool {
        let count = self.0.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        self.0 = self.0.get(count..).unwrap_or_default();
        count > 0
    }

    /// Consumes `min..=max` digits (as many as there are, up to `max`).
    fn digits(&mut self, min: usize, max: usize) -> Option<i64> {
        let count = self.0.iter().take(max).take_while(|b| b.is_ascii_digit()).count();
        if count < min {
            return None;
        }
        let (digits, rest) = self.0.split_at_checked(count)?;
        self.0 = rest;
        Some(digits.iter().fold(0, |n, &d| n * 10 + i64::from(d - b'0')))
    }

    /// Consumes a fraction's digits; the milliseconds they make (further digits truncated).
    fn fraction_millis(&mut self) -> i64 {
        let count = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
        let digits = self.0.get(..count).unwrap_or_default();
        self.0 = self.0.get(count..).unwrap_or_default();
        (0..3).fold(0, |ms, i| ms * 10 + digits.get(i).map_or(0, |&d| i64::from(d - b'0')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_5_1_1_grammar() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Sun, 06 Nov 1994 08:49:37 GMT", Some("Sun, 06 Nov 1994 08:49:37 GMT")),
            ("Sunday, 06-Nov-94 08:49:37 GMT", Some("Sun, 06 Nov 1994 08:49:37 GMT")),
            ("Sun Nov  6 08:49:37 1994", Some("Sun, 06 Nov 1994 08:49:37 GMT")),
            // A time field may have one digit; junk after a non-digit is ignored.
            ("Thu, 10 Dec 2009 13:57:2 GMT", Some("Thu, 10 Dec 2009 13:57:02 GMT")),
            ("1 January 2020 1:2:3xyz", Some("Wed, 01 Jan 2020 01:02:03 GMT")),
            ("01 DECEMBER 99 00:00:00", Some("Wed, 01 Dec 1999 00:00:00 GMT")),
            ("01 Jan 69 00:00:00", Some("Tue, 01 Jan 2069 00:00:00 GMT")),
            ("01 Jan 70 00:00:00", Some("Thu, 01 Jan 1970 00:00:00 GMT")),
            ("29 Feb 2024 00:00:00", Some("Thu, 29 Feb 2024 00:00:00 GMT")),
            ("01 Jan 1601 00:00:00", Some("Mon, 01 Jan 1601 00:00:00 GMT")),
            ("31 Dec 9999 23:59:59", Some("Fri, 31 Dec 9999 23:59:59 GMT")),
            // Step 5 and step 6 failures.
            ("29 Feb 2023 00:00:00", None),
            ("31 Apr 2023 00:00:00", None),
            ("01 Jan 1600 00:00:00", None),
            ("32 Jan 2020 00:00:00", None),
            ("00 Jan 2020 00:00:00", None),
            ("01 Jan 2020 24:00:00", None),
            ("01 Jan 2020 00:60:00", None),
            ("01 Jan 2020 00:00:60", None),
            ("01 Jan 2020", None),
            ("Jan 2020 00:00:00", None),
            ("01 2020 00:00:00", None),
            ("01 Jan 00:00:00", None),
            ("01 Jan 123:00:00 2020", None),
            ("", None),
            ("\u{7f}\u{ff}", None),
        ];
        for (input, want) in cases {
            let got = parse_cookie_date(input).map(format_http_date);
            assert_eq!(got.as_deref(), *want, "parse_cookie_date({input:?})");
        }
    }

    #[test]
    fn civil_round_trip() {
        for days in [-719_468 * 2, -1, 0, 1, 365, 10_957, 19_723, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{days} -> {y}-{m}-{d}");
        }
    }

    #[test]
    fn iso_8601_dates() {
        const NOW: UnixMillis = 1_767_225_600_000; // 2026-01-01T00:00:00Z
        let cases: &[(&str, Option<UnixMillis>)] = &[
            // As toISOString and Python's time2isoz write them.
            ("2026-01-01T00:00:00.000Z", Some(NOW)),
            ("2026-01-01T00:00:00.123Z", Some(NOW + 123)),
            ("2026-01-01 00:00:00Z", Some(NOW)),
            ("+275760-09-13T00:00:00.000Z", Some(8_640_000_000_000_000)),
            ("-000001-01-01T00:00:00.000Z", Some(-62_198_755_200_000)),
            ("1970-01-01T00:00:00.000Z", Some(0)),
            // What Python's iso2time also reads.
            ("2026-01-01", Some(NOW)),
            ("2026/01/01 00:00", Some(NOW)),
            ("20260101T000000Z", Some(NOW)),
            ("2026-1-1t1:00:00", Some(NOW + 3_600_000)),
            ("  2026-01-01 01:00:00 +01:00 ", Some(NOW)),
            ("2026-01-01T01:30:00+0130", Some(NOW)),
            ("2025-12-31T23:00:00-01", Some(NOW)),
            ("2026-01-01T00:00:00.9999999z", Some(NOW + 999)),
            ("2024-02-29T00:00:00Z", Some(1_709_164_800_000)),
            // Not dates.
            ("", None),
            ("Infinity", None),
            ("2026-13-01T00:00:00Z", None),
            ("2026-02-29T00:00:00Z", None),
            ("2026-01-32T00:00:00Z", None),
            ("2026-01-01T24:00:00Z", None),
            ("2026-01-01T00:60:00Z", None),
            ("2026-01-01T00:00:60Z", None),
            ("2026-01-01T00:00:Z", None),
            ("2026-01-01T00:00:00+24:00", None),
            ("2026-01-01T00:00:00Q", None),
            ("2026-01-01T", None),
            ("26-01-01T00:00:00Z", None),
            ("+2026-01-01T00:00:00Z", None),
            ("2026-01-01T00:00:00.Z", Some(NOW)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_iso_8601(text), *want, "{text:?}");
        }
    }

    /// What toISOString writes, read back; beyond a `Date`'s range, its end.
    #[test]
    fn iso_8601_written_as_javascript_writes_it() {
        let cases: &[(UnixMillis, &str)] = &[
            (1_767_225_600_123, "2026-01-01T00:00:00.123Z"),
            (0, "1970-01-01T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
            (253_402_300_800_000, "+010000-01-01T00:00:00.000Z"),
            (-62_198_755_200_000, "-000001-01-01T00:00:00.000Z"),
            (8_640_000_000_000_000, "+275760-09-13T00:00:00.000Z"),
            (i64::MAX, "+275760-09-13T00:00:00.000Z"),
            (i64::MIN, "-271821-04-20T00:00:00.000Z"),
        ];
        for &(time, want) in cases {
            assert_eq!(format_iso_8601(time), want, "{time}");
            let clamped = time.clamp(-JS_DATE_LIMIT, JS_DATE_LIMIT);
            assert_eq!(parse_iso_8601(want), Some(clamped), "{want}");
        }
    }

    /// The http-state date vectors (`tests/vectors/http-state/dates/`): every case as written.
    #[test]
    fn http_state_date_vectors() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/http-state/dates/");
        let mut count = 0;
        for file in ["examples.json", "bsd-examples.json"] {
            let text = std::fs::read_to_string(format!("{dir}{file}")).expect("vector file");
            // bsd-examples.json starts with a `//` licence comment.
            let json: String = text
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let cases: Vec<serde_json::Value> = serde_json::from_str(&json).expect("vector json");
            for case in cases {
                let input = case["test"].as_str().expect("test string");
                let want = case["expected"].as_str();
                let got = parse_cookie_date(input).map(format_http_date);
                assert_eq!(got.as_deref(), want, "{file}: {input:?}");
                count += 1;
            }
        }
        assert_eq!(count, 70);
    }
}
