//! cookies.txt, the Netscape cookie file: as curl, wget, yt-dlp and Python's
//! `http.cookiejar.MozillaCookieJar` read and write it.
//!
//! ```text
//! # Netscape HTTP Cookie File
//! .example.com               TRUE   /     TRUE   1798761600  lang  en
//! #HttpOnly_www.example.com  FALSE  /app  FALSE  0           sid   abc
//! ```
//!
//! (with a tab, not spaces, between the fields)
//!
//! A line is seven fields separated by tabs: domain, include-subdomains (TRUE or FALSE), path,
//! secure (TRUE or FALSE), expiry (seconds since the epoch; 0 or empty for a session cookie),
//! name, value. A domain prefixed with `#HttpOnly_` is an HttpOnly cookie; other lines starting
//! with `#`, and blank lines, are comments. Lines end in LF or CRLF.
//!
//! Written: the header line Python requires (`# Netscape HTTP Cookie File`) first; a Domain
//! cookie as ".example.com TRUE", a host-only cookie as "www.example.com FALSE" (Python refuses
//! a file where the dot and the flag disagree); a session cookie with expiry 0, as curl, wget
//! and yt-dlp write it (curl 7.88 skips a line whose expiry is empty, which is what Python
//! writes; Python reads 0 as expired, so it loads session cookies written here only with
//! `ignore_expires=True`, and then as expired ones); a nameless cookie with an empty name field,
//! as Python writes it (curl reads that line as a cookie named by the value).
//!
//! Read: the include-subdomains flag decides, as in curl: TRUE is a Domain cookie, FALSE a
//! host-only one, and a leading dot of the domain is dropped either way. The header is not
//! required. A line without exactly seven fields is a syntax error; a flag other than
//! TRUE/FALSE (any case) or an expiry that is not a number is a shape error; expiry may have a
//! fraction (as yt-dlp allows).
//!
//! Cannot carry: creation and last-access times (an import assumes the time of the import,
//! keeping the order of the file), SameSite (assumes none: Default), the partition key, and the
//! priority (assumes Medium). Not written: partitioned cookies (a cookie written without its
//! partition would be sent under every top-level site), and cookies with a tab in a field.

use super::{decimal_to_integer, dotted_domain, FormatError, ParsedRecord, Position};
use crate::cookie::CookieRecord;
use crate::UnixMillis;

const HEADER: &str = "# Netscape HTTP Cookie File";
const HTTP_ONLY_PREFIX: &str = "#HttpOnly_";

pub(super) fn parse(text: &str, now: UnixMillis) -> Result<Vec<ParsedRecord>, FormatError> {
    let mut records = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        let position = Position::Line(index + 1);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (http_only, line) = match line.strip_prefix(HTTP_ONLY_PREFIX) {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let mut field = || fields.next();
        let (
            Some(domain),
            Some(subdomains),
            Some(path),
            Some(secure),
            Some(expiry),
            Some(name),
            Some(value),
            None,
        ) = (field(), field(), field(), field(), field(), field(), field(), field())
        else {
            let count = line.split('\t').count();
            let message = format!("a cookie line has 7 fields separated by tabs, not {count}");
            return Err(FormatError::syntax(Some(position), message));
        };
        let flag = |text: &str, what: &str| match text {
            t if t.eq_ignore_ascii_case("TRUE") => Ok(true),
            t if t.eq_ignore_ascii_case("FALSE") => Ok(false),
            _ => Err(FormatError::shape(Some(position), format!("the {what} field must be TRUE or FALSE"))),
        };
        let include_subdomains = flag(subdomains, "include-subdomains")?;
        let domain = domain.strip_prefix('.').unwrap_or(domain);
        let mut record = CookieRecord::new(name, value, domain, !include_subdomains, path, now);
        record.secure = flag(secure, "secure")?;
        record.http_only = http_only;
        record.expires = match expiry {
            "" => None,
            seconds => match decimal_to_integer(seconds, 3) {
                Some(0) => None,
                Some(millis) => Some(millis),
                None => {
                    let message = "the expiry field must be a number of seconds";
                    return Err(FormatError::shape(Some(position), message));
                }
            },
        };
        records.push(ParsedRecord { position, record });
    }
    Ok(records)
}

/// Whether cookies.txt can carry `record` (see the module comment).
fn can_write(record: &CookieRecord) -> bool {
    record.partition_key.is_none()
        && ![&record.name, &record.value, &record.path].iter().any(|f| f.contains('\t'))
}

pub(super) fn write(records: &[CookieRecord]) -> String {
    let mut out = format!("{HEADER}\n# Written by cookie-engine.\n\n");
    for record in records.iter().filter(|record| can_write(record)) {
        let expiry = record.expires.map_or(0, |millis| millis.div_euclid(1000));
        let line = [
            if record.http_only { HTTP_ONLY_PREFIX } else { "" },
            &dotted_domain(record),
            "\t",
            if record.host_only { "FALSE" } else { "TRUE" },
            "\t",
            &record.path,
            "\t",
            if record.secure { "TRUE" } else { "FALSE" },
            "\t",
            &expiry.to_string(),
            "\t",
            &record.name,
            "\t",
            &record.value,
            "\n",
        ];
        out.extend(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::FormatErrorKind;
    use super::*;

    const NOW: UnixMillis = 1_767_225_600_000;

    /// (domain, host_only, path, secure, http_only, expires, name, value) of each record.
    type Fields =
        (&'static str, bool, &'static str, bool, bool, Option<UnixMillis>, &'static str, &'static str);

    fn fields(
        record: &CookieRecord,
    ) -> (String, bool, String, bool, bool, Option<UnixMillis>, String, String) {
        let r = record.clone();
        (r.domain, r.host_only, r.path, r.secure, r.http_only, r.expires, r.name, r.value)
    }

    #[test]
    fn lines() {
        let cases: &[(&str, Fields)] = &[
            (
                ".example.com\tTRUE\t/\tTRUE\t1798761600\tlang\ten",
                ("example.com", false, "/", true, false, Some(1_798_761_600_000), "lang", "en"),
            ),
            (
                "www.example.com\tFALSE\t/app\tFALSE\t0\tsid\tabc",
                ("www.example.com", true, "/app", false, false, None, "sid", "abc"),
            ),
            (
                "#HttpOnly_www.example.com\tFALSE\t/\tFALSE\t\tsid\tabc\r",
                ("www.example.com", true, "/", false, true, None, "sid", "abc"),
            ),
            // curl's reading: the flag decides, a leading dot is dropped.
            (
                "example.com\tTRUE\t/\tfalse\t0\ta\tb",
                ("example.com", false, "/", false, false, None, "a", "b"),
            ),
            (
                ".example.com\tfalse\t/\tFALSE\t0\ta\tb",
                ("example.com", true, "/", false, false, None, "a", "b"),
            ),
            // yt-dlp's fractional seconds; an empty value; a nameless cookie; spaces kept.
            (
                "example.com\tFALSE\t/\tFALSE\t1798761600.5\ta\t",
                ("example.com", true, "/", false, false, Some(1_798_761_600_500), "a", ""),
            ),
            (
                "example.com\tFALSE\t/\tFALSE\t0\t\tvalue",
                ("example.com", true, "/", false, false, None, "", "value"),
            ),
            (
                "example.com\tFALSE\t/\tFALSE\t-1\t a \t b ",
                ("example.com", true, "/", false, false, Some(-1000), " a ", " b "),
            ),
        ];
        for (line, want) in cases {
            let parsed = parse(line, NOW).unwrap();
            assert_eq!(parsed.len(), 1, "{line:?}");
            let (d, h, p, s, ho, e, n, v) = *want;
            let want = (d.into(), h, p.into(), s, ho, e, n.into(), v.into());
            assert_eq!(fields(&parsed[0].record), want, "{line:?}");
            assert_eq!(parsed[0].record.creation_time, NOW);
        }
    }

    #[test]
    fn comments_blank_lines_and_positions() {
        let text = "# Netscape HTTP Cookie File\r\n# a comment\r\n\r\n   \t\r\n  # indented comment\nexample.com\tFALSE\t/\tFALSE\t0\ta\tb\n#HttpOnly_\n";
        let parsed = parse(text, NOW).unwrap();
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].position, Position::Line(6));
        assert_eq!(parse("", NOW).unwrap(), vec![]);
    }

    #[test]
    fn malformed_lines() {
        let cases: &[(&str, FormatErrorKind)] = &[
            ("no tabs at all", FormatErrorKind::Syntax),
            ("example.com\tFALSE\t/\tFALSE\t0\ta", FormatErrorKind::Syntax),
            ("example.com\tFALSE\t/\tFALSE\t0\ta\tb\tc", FormatErrorKind::Syntax),
            ("example.com\tYES\t/\tFALSE\t0\ta\tb", FormatErrorKind::Shape),
            ("example.com\tFALSE\t/\t1\t0\ta\tb", FormatErrorKind::Shape),
            ("example.com\tFALSE\t/\tFALSE\tsoon\ta\tb", FormatErrorKind::Shape),
            ("example.com\tFALSE\t/\tFALSE\t1e\ta\tb", FormatErrorKind::Shape),
        ];
        for &(line, kind) in cases {
            let text = format!("{HEADER}\n\n{line}\n");
            let error = parse(&text, NOW).unwrap_err();
            assert_eq!((error.kind, error.position), (kind, Some(Position::Line(3))), "{line:?}: {error}");
        }
    }

    #[test]
    fn writes_what_it_reads() {
        let mut domain_cookie = CookieRecord::new("lang", "en", "example.com", false, "/", 0);
        domain_cookie.secure = true;
        domain_cookie.expires = Some(1_798_761_600_999);
        let mut host_cookie = CookieRecord::new("sid", "a b", "www.example.com", true, "/app", 0);
        host_cookie.http_only = true;
        let nameless = CookieRecord::new("", "token", "127.0.0.1", true, "/", 0);
        let mut partitioned = CookieRecord::new("p", "1", "example.com", true, "/", 0);
        partitioned.partition_key = Some("https://top.example".into());
        let tab = CookieRecord::new("t", "a\tb", "example.com", true, "/", 0);
        let text = write(&[domain_cookie.clone(), host_cookie.clone(), nameless.clone(), partitioned, tab]);
        assert_eq!(
            text,
            "# Netscape HTTP Cookie File\n# Written by cookie-engine.\n\n\
             .example.com\tTRUE\t/\tTRUE\t1798761600\tlang\ten\n\
             #HttpOnly_www.example.com\tFALSE\t/app\tFALSE\t0\tsid\ta b\n\
             127.0.0.1\tFALSE\t/\tFALSE\t0\t\ttoken\n"
        );
        let read: Vec<CookieRecord> = parse(&text, 0).unwrap().into_iter().map(|p| p.record).collect();
        domain_cookie.expires = Some(1_798_761_600_000);
        assert_eq!(read, [domain_cookie, host_cookie, nameless]);
    }
}
