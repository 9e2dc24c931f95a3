//! Parsing a Set-Cookie header field: 6265bis 5.6.
//!
//! Not the `cookie` crate's parser: it rejects nameless cookies (`foo`, `=foo`), trims Unicode
//! whitespace rather than WSP, has no 1024-octet attribute limit and does not parse dates by 5.1.1.

use crate::bytes::{any_control_byte, split_once};
use crate::cookie::{Priority, SameSite};
use crate::date::parse_cookie_date;
use crate::decision::{Rejection, Warning};
use crate::UnixMillis;

/// 6265bis 5.6 step 5: the most octets a cookie's name and value may have together.
pub(crate) const MAX_NAME_VALUE_OCTETS: usize = 4096;
/// 6265bis 5.6 (attribute steps, step 6): longer attribute values are ignored.
pub(crate) const MAX_ATTRIBUTE_VALUE_OCTETS: usize = 1024;

/// A parsed set-cookie-string: the name, value and the cookie-attribute-list of 6265bis 5.6,
/// reduced to the last occurrence of each attribute (which is all 5.7 reads).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct SetCookie<'a> {
    pub name: &'a str,
    pub value: &'a str,
    /// Expiry from the last valid Expires attribute, already capped (5.6.1).
    pub expires: Option<UnixMillis>,
    /// Expiry from the last valid Max-Age attribute, already capped (5.6.2).
    pub max_age: Option<UnixMillis>,
    /// The last Domain attribute, its leading "." removed (5.6.3), not yet lowercased.
    pub domain: Option<&'a str>,
    /// The last Path attribute's value as sent; 5.6.4 turns an invalid one into the default-path.
    pub path: Option<&'a str>,
    pub secure: bool,
    pub http_only: bool,
    /// The last SameSite attribute's enforcement (5.6.7); `None` when there is none.
    pub same_site: Option<SameSite>,
    /// CHIPS: a boolean attribute, its value ignored.
    pub partitioned: bool,
    /// Not in the spec: Chromium's `Priority` attribute (Low, Medium, High), kept as sent.
    pub priority: Option<Priority>,
}

impl SetCookie<'_> {
    /// 6265bis 5.7 step 6: Max-Age takes precedence over Expires; neither means a session cookie.
    pub(crate) fn expiry(&self) -> Option<UnixMillis> {
        self.max_age.or(self.expires)
    }
}

/// Not in the spec: whether `set_cookie_string` looks like several Set-Cookie header fields
/// joined with commas (what `Headers.get('set-cookie')` returns): some comma is followed, up to
/// the next ";", by a cookie-pair whose name is a token (RFC 9110 5.6.2). A comma inside an
/// Expires date ("Wed, 09 Jun 2021 ...") or a value ("a,b") is not.
pub fn set_cookie_warning(set_cookie_string: &str) -> Option<Warning> {
    let joined = set_cookie_string.split(',').skip(1).any(|after_comma| {
        let pair = after_comma.split(';').next().unwrap_or_default();
        split_once(pair, b'=').is_some_and(|(name, _)| is_token(trim_wsp(name)))
    });
    joined.then_some(Warning::CommaJoinedLines)
}

/// RFC 9110 5.6.2: one or more tchar.
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// WSP = SP / HTAB (RFC 5234): the only whitespace 5.6 trims. Speed: by bytes, where a char
/// pattern would decode UTF-8 for each of the ~14 trims of a line.
pub(crate) fn trim_wsp(s: &str) -> &str {
    let is_wsp = |b: &u8| matches!(b, b' ' | b'\t');
    let bytes = s.as_bytes();
    let start = bytes.iter().position(|b| !is_wsp(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !is_wsp(b)).map_or(start, |last| last + 1);
    s.get(start..end).unwrap_or_default()
}

/// 6265bis 5.6 step 1: CTL characters other than HTAB.
pub(crate) fn is_forbidden_control(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0A..=0x1F | 0x7F)
}

/// 6265bis 5.6: parses a set-cookie-string received at `now`; `max_age_cap` is the cookie age
/// limit in seconds (6265bis 5.5).
pub(crate) fn parse_set_cookie(
    set_cookie_string: &str,
    now: UnixMillis,
    max_age_cap: i64,
) -> Result<SetCookie<'_>, Rejection> {
    // Step 1.
    if any_control_byte(set_cookie_string.as_bytes(), is_forbidden_control) {
        return Err(Rejection::ControlCharacter);
    }
    // Step 2 (the attributes without their leading ";").
    let (name_value_pair, unparsed_attributes) = match split_once(set_cookie_string, b';') {
        Some((pair, attributes)) => (pair, Some(attributes)),
        None => (set_cookie_string, None),
    };
    // Step 3: no "=" makes a nameless cookie.
    let (name, value) = split_once(name_value_pair, b'=').unwrap_or(("", name_value_pair));
    // Step 4.
    let (name, value) = (trim_wsp(name), trim_wsp(value));
    // Step 5.
    if name.len() + value.len() > MAX_NAME_VALUE_OCTETS {
        return Err(Rejection::NameValueTooLong);
    }
    // 6265bis 5.7 step 2 is checked here so that nothing is built for an empty line.
    if name.is_empty() && value.is_empty() {
        return Err(Rejection::EmptyNameAndValue);
    }
    // Step 6.
    let mut cookie = SetCookie { name, value, ..SetCookie::default() };

    // Attribute steps 1-3 and 8: each ";"-separated cookie-av in turn.
    let mut rest = unparsed_attributes;
    while let Some(attributes) = rest {
        let cookie_av;
        (cookie_av, rest) = match split_once(attributes, b';') {
            Some((cookie_av, after)) => (cookie_av, Some(after)),
            None => (attributes, None),
        };
        // Steps 4-5.
        let (attribute_name, attribute_value) = split_once(cookie_av, b'=').unwrap_or((cookie_av, ""));
        let (attribute_name, attribute_value) = (trim_wsp(attribute_name), trim_wsp(attribute_value));
        // Step 6.
        if attribute_value.len() > MAX_ATTRIBUTE_VALUE_OCTETS {
            continue;
        }
        // Step 7: the subsections 5.6.1-5.6.7; unknown attributes are ignored.
        process_attribute(&mut cookie, attribute_name, attribute_value, now, max_age_cap);
    }
    Ok(cookie)
}

fn process_attribute<'a>(
    cookie: &mut SetCookie<'a>,
    attribute_name: &str,
    attribute_value: &'a str,
    now: UnixMillis,
    max_age_cap: i64,
) {
    let is = |name: &str| attribute_name.eq_ignore_ascii_case(name);
    if is("expires") {
        // 5.6.1: an unparsable date ignores the cookie-av; steps 3-4 cap it.
        if let Some(expiry_time) = parse_cookie_date(attribute_value) {
            cookie.expires = Some(expiry_time.min(now.saturating_add(max_age_cap.saturating_mul(1000))));
        }
    } else if is("max-age") {
        if let Some(delta_seconds) = parse_max_age(attribute_value) {
            // 5.6.2 steps 6-7.
            let delta_seconds = delta_seconds.min(max_age_cap);
            cookie.max_age = Some(if delta_seconds <= 0 {
                UnixMillis::MIN
            } else {
                now.saturating_add(delta_seconds.saturating_mul(1000))
            });
        }
    } else if is("domain") {
        // 5.6.3 steps 1-2 (step 3, lower case, happens in storage).
        cookie.domain = Some(attribute_value.strip_prefix('.').unwrap_or(attribute_value));
    } else if is("path") {
        cookie.path = Some(attribute_value);
    } else if is("secure") {
        cookie.secure = true;
    } else if is("httponly") {
        cookie.http_only = true;
    } else if is("samesite") {
        // 5.6.7: an unknown value means "Default", and the last SameSite attribute wins (5.7 step 17).
        cookie.same_site = Some(SameSite::parse(attribute_value).unwrap_or(SameSite::Default));
    } else if is("partitioned") {
        cookie.partitioned = true;
    } else if is("priority") {
        cookie.priority = Some(Priority::parse(attribute_value).unwrap_or_default());
    }
}

/// 6265bis 5.6.2 steps 1-4: an optional "-" then only DIGITs; `None` ignores the cookie-av.
/// Values beyond i64 saturate: the age cap (step 6) makes them equal anyway.
fn parse_max_age(attribute_value: &str) -> Option<i64> {
    let (negative, digits) = match attribute_value.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, attribute_value),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude = digits.bytes().fold(0i64, |acc, d| append_digit(acc, i64::from(d - b'0')));
    Some(if negative { -magnitude } else { magnitude })
}

/// `acc * 10 + digit`, saturating at `i64::MAX`. Speed: compared with constants rather than
/// `saturating_mul`, which in WebAssembly calls a 128-bit multiply for every digit.
pub(crate) fn append_digit(acc: i64, digit: i64) -> i64 {
    const MAX_TENTH: i64 = i64::MAX / 10;
    if acc > MAX_TENTH || (acc == MAX_TENTH && digit > i64::MAX % 10) {
        i64::MAX
    } else {
        acc * 10 + digit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: UnixMillis = 1_262_304_000_000; // 2010-01-01T00:00:00Z
    const CAP: i64 = 34_560_000;

    fn parse(s: &str) -> Result<SetCookie<'_>, Rejection> {
        parse_set_cookie(s, NOW, CAP)
    }

    /// Step 1 rejects exactly the bytes of `is_forbidden_control`, wherever they are in a line.
    #[test]
    fn control_characters_anywhere() {
        let line = "name=value; Path=/x";
        for at in 0..line.len() {
            for b in 0..=0x7f_u8 {
                let mut bytes = line.as_bytes().to_vec();
                bytes[at] = b;
                let line = String::from_utf8(bytes).unwrap();
                let rejected = parse(&line) == Err(Rejection::ControlCharacter);
                assert_eq!(rejected, is_forbidden_control(b), "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn comma_joined_lines_are_warned_about() {
        let cases = [
            ("a=1, b=2", true),
            ("a=1; Path=/, b=2; Path=/", true),
            ("a=1; Expires=Wed, 09 Jun 2021 10:18:14 GMT, b=2", true),
            ("a=1,  __Host-b=2;Secure", true),
            ("a=1; Expires=Wed, 09 Jun 2021 10:18:14 GMT", false),
            ("list=a,b,c", false),
            ("a=b, c d=e", false),
            ("a=1, =2", false),
            ("a=1,", false),
            ("a=1", false),
            ("", false),
        ];
        for (line, warned) in cases {
            let want = warned.then_some(Warning::CommaJoinedLines);
            assert_eq!(set_cookie_warning(line), want, "{line:?}");
        }
    }

    #[test]
    fn names_and_values() {
        type NameValue<'a> = Result<(&'a str, &'a str), Rejection>;
        let cases: &[(&str, NameValue)] = &[
            ("a=b", Ok(("a", "b"))),
            ("  a  =  b c  ; Path=/", Ok(("a", "b c"))),
            ("\ta\t=\tb\t", Ok(("a", "b"))),
            ("a=", Ok(("a", ""))),
            ("foo", Ok(("", "foo"))),
            ("=foo", Ok(("", "foo"))),
            ("a=b=c", Ok(("a", "b=c"))),
            ("a=\"quoted\"", Ok(("a", "\"quoted\""))),
            ("a=%41", Ok(("a", "%41"))),
            ("a=\u{a0}b\u{a0}", Ok(("a", "\u{a0}b\u{a0}"))),
            ("=", Err(Rejection::EmptyNameAndValue)),
            ("", Err(Rejection::EmptyNameAndValue)),
            ("; Secure", Err(Rejection::EmptyNameAndValue)),
            ("a=b\u{1}", Err(Rejection::ControlCharacter)),
            ("a=b; Path=/\n", Err(Rejection::ControlCharacter)),
            ("a=b\u{7f}", Err(Rejection::ControlCharacter)),
            ("a=b\rc", Err(Rejection::ControlCharacter)),
            ("a=b\tc", Ok(("a", "b\tc"))),
        ];
        for (input, want) in cases {
            let got = parse(input).map(|c| (c.name, c.value));
            assert_eq!(got, *want, "parse({input:?})");
        }
    }

    #[test]
    fn the_4096_octet_limit() {
        let at_limit = format!("{}={}", "n".repeat(96), "v".repeat(4000));
        assert!(parse(&at_limit).is_ok());
        let over = format!("{}={}", "n".repeat(97), "v".repeat(4000));
        assert_eq!(parse(&over), Err(Rejection::NameValueTooLong));
        // Whitespace trimmed away does not count; the "=" does not count.
        let trimmed = format!("  {}  =  {}  ", "n".repeat(96), "v".repeat(4000));
        assert!(parse(&trimmed).is_ok());
        let nameless = "v".repeat(4097);
        assert_eq!(parse(&nameless), Err(Rejection::NameValueTooLong));
    }

    #[test]
    fn the_1024_octet_attribute_limit_ignores_only_that_attribute() {
        let long_path = format!("/{}", "p".repeat(1023));
        let longer_path = format!("/{}", "p".repeat(1024));
        let line = format!("a=b; Path=/x; Path={long_path}");
        assert_eq!(parse(&line).unwrap().path, Some(long_path.as_str()));
        let line = format!("a=b; Path=/x; Path={longer_path}");
        assert_eq!(parse(&line).unwrap().path, Some("/x"));
        let line = format!("a=b; Domain=example.com; Domain={}.com", "d".repeat(1021));
        assert_eq!(parse(&line).unwrap().domain, Some("example.com"));
    }

    #[test]
    fn attributes_last_wins_and_case_insensitive() {
        let c = parse("a=b; PATH=/one; path=/two; DOMAIN=.One.example; domain=..two.example").unwrap();
        assert_eq!(c.path, Some("/two"));
        assert_eq!(c.domain, Some(".two.example"));
        let c = parse("a=b; secure; HTTPONLY; Partitioned=no; unknown=1; Version=1").unwrap();
        assert!(c.secure && c.http_only && c.partitioned);
        let c = parse("a=b; SameSite=Lax; SameSite=strict").unwrap();
        assert_eq!(c.same_site, Some(SameSite::Strict));
        let c = parse("a=b; SameSite=Lax; SameSite=bogus").unwrap();
        assert_eq!(c.same_site, Some(SameSite::Default));
        let c = parse("a=b; SameSite=NONE").unwrap();
        assert_eq!(c.same_site, Some(SameSite::None));
        let c = parse("a=b").unwrap();
        assert_eq!(c.same_site, None);
        let c = parse("a=b; Priority=HIGH").unwrap();
        assert_eq!(c.priority, Some(Priority::High));
        let c = parse("a=b; Priority=urgent").unwrap();
        assert_eq!(c.priority, Some(Priority::Medium));
        let c = parse("a=b; Secure=false").unwrap();
        assert!(c.secure, "attribute values of boolean attributes are ignored");
        let c = parse("a=b;;; =x; Domain").unwrap();
        assert_eq!(c.domain, Some(""));
    }

    #[test]
    fn max_age() {
        let cases: &[(&str, Option<UnixMillis>)] = &[
            ("10", Some(NOW + 10_000)),
            ("0", Some(UnixMillis::MIN)),
            ("-1", Some(UnixMillis::MIN)),
            ("-0", Some(UnixMillis::MIN)),
            ("0010", Some(NOW + 10_000)),
            ("99999999999999999999999", Some(NOW + CAP * 1000)),
            ("-99999999999999999999999", Some(UnixMillis::MIN)),
            ("34560001", Some(NOW + CAP * 1000)),
            ("", None),
            ("+10", None),
            ("1e3", None),
            ("10s", None),
            ("- 10", None),
            ("-", None),
            (" 10 ", Some(NOW + 10_000)),
        ];
        for (value, want) in cases {
            let line = format!("a=b; Max-Age={value}");
            assert_eq!(parse(&line).unwrap().max_age, *want, "Max-Age={value:?}");
        }
    }

    /// Digit by digit, the same as the saturating arithmetic, around the i64 boundary too.
    #[test]
    fn digits_saturate_at_i64_max() {
        let tenth = i64::MAX / 10;
        for acc in [0, 1, 12_345, tenth - 1, tenth, tenth + 1, i64::MAX] {
            for digit in 0..=9 {
                assert_eq!(
                    append_digit(acc, digit),
                    acc.saturating_mul(10).saturating_add(digit),
                    "{acc} {digit}"
                );
            }
        }
    }

    #[test]
    fn max_age_wins_over_expires_in_any_order() {
        let c = parse("a=b; Max-Age=10; Expires=Wed, 01 Jan 2025 00:00:00 GMT").unwrap();
        assert_eq!(c.expiry(), Some(NOW + 10_000));
        let c = parse("a=b; Expires=Fri, 01 Jan 2010 00:00:10 GMT; Max-Age=20").unwrap();
        assert_eq!(c.expiry(), Some(NOW + 20_000));
        // An invalid Max-Age is ignored, so Expires applies.
        let c = parse("a=b; Max-Age=soon; Expires=Fri, 01 Jan 2010 00:00:10 GMT").unwrap();
        assert_eq!(c.expiry(), Some(NOW + 10_000));
    }

    #[test]
    fn expires_is_capped_at_400_days_and_invalid_dates_ignored() {
        let c = parse("a=b; Expires=Fri, 01 Jan 2100 00:00:00 GMT").unwrap();
        assert_eq!(c.expires, Some(NOW + CAP * 1000));
        let c = parse("a=b; Expires=Fri, 01 Jan 2010 00:00:10 GMT; Expires=garbage").unwrap();
        assert_eq!(c.expires, Some(NOW + 10_000));
        let c = parse("a=b; Expires=Thu, 01 Jan 1970 00:00:00 GMT").unwrap();
        assert_eq!(c.expires, Some(0));
    }
}
