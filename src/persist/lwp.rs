//! Python's `http.cookiejar.LWPCookieJar` files (libwww-perl's "Set-Cookie3" format), read and
//! written as CPython 3.11 does (`LWPCookieJar._really_load`, `lwp_cookie_str`,
//! `split_header_words`, `join_header_words`, `time2isoz`, `iso2time`).
//!
//! ```text
//! #LWP-Cookies-2.0
//! Set-Cookie3: sid=abc; path="/"; domain="www.example.com"; secure; expires="2027-01-01 00:00:00Z"; HttpOnly=None; SameSite=Lax; version=0
//! Set-Cookie3: lang=en; path="/"; domain=".example.com"; discard; version=0
//! ```
//!
//! The first line must be the `#LWP-Cookies-` header (Python refuses a file without it); other
//! lines not starting with `Set-Cookie3:` are ignored. A line's words are split as Python's
//! `split_header_words` splits them (";" between attributes, "," between cookies, values
//! quoted with `"` and `\` escapes or bare); the first word is the cookie's name and value, a
//! name without a value being a nameless cookie (Python's reading of cookies.txt's empty name).
//! A domain with a leading dot is a Domain cookie, one without a host-only cookie. `secure` and
//! `discard` are flags; `discard`, or an `expires` date that Python's `iso2time` could not read,
//! makes a session cookie. Attributes Python keeps as they were sent carry the rest:
//! `HttpOnly` (its value ignored: Python writes `HttpOnly=None` for a cookie it received as
//! HttpOnly), `SameSite` and `Priority`, each matched ASCII case-insensitively. A line without
//! `domain` or `path` is a shape error (Python fails on it too).
//!
//! Cannot carry: creation and last-access times (an import assumes the time of the import,
//! keeping the order of the file) and the partition key. Python's `port`, `port_spec`,
//! `path_spec`, `domain_dot`, `comment`, `commenturl` and `version` are read and ignored: a
//! cookie Python restricted to ports is restored for every port. Not written: partitioned
//! cookies, a cookie whose name `split_header_words` would not read back as one word (empty, or
//! with whitespace, "=", ";" or ","), and a nameless cookie whose value is not such a word.

use super::{dotted_domain, undotted_domain, FormatError, ParsedRecord, Position};
use crate::cookie::{CookieRecord, Priority, SameSite};
use crate::date::{civil_time, parse_iso_8601};
use crate::UnixMillis;

const HEADER: &str = "#LWP-Cookies-2.0";
const LINE_PREFIX: &str = "Set-Cookie3:";

/// A word of a header: a name, and a value unless it stood alone.
type Word = (String, Option<String>);

pub(super) fn parse(text: &str, now: UnixMillis) -> Result<Vec<ParsedRecord>, FormatError> {
    let mut lines = text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line));
    if !lines.next().is_some_and(is_header) {
        let message = format!("an LWP cookies file starts with \"{HEADER}\"");
        return Err(FormatError::syntax(Some(Position::Line(1)), message));
    }
    let mut records = Vec::new();
    for (index, line) in lines.enumerate() {
        let Some(words) = line.strip_prefix(LINE_PREFIX) else { continue };
        let position = Position::Line(index + 2);
        for cookie in split_header_words(words.trim_matches(is_python_space)) {
            records.push(ParsedRecord { position, record: read_cookie(&cookie, position, now)? });
        }
    }
    Ok(records)
}

/// Python's `magic_re`: `#LWP-Cookies-` and a version such as `2.0`.
fn is_header(line: &str) -> bool {
    line.strip_prefix("#LWP-Cookies-").and_then(|rest| rest.split_once('.')).is_some_and(|(major, minor)| {
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        digits(major) == major.len() && !major.is_empty() && digits(minor) > 0
    })
}

/// `LWPCookieJar._really_load` for one cookie's words.
fn read_cookie(words: &[Word], position: Position, now: UnixMillis) -> Result<CookieRecord, FormatError> {
    let Some(((name, value), attributes)) = words.split_first() else {
        return Err(FormatError::shape(Some(position), "a Set-Cookie3 line without a cookie"));
    };
    // Python lowercases the names of its own attributes; the last of each wins.
    let standard = |key: &str| {
        attributes.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, value)| value.as_deref())
    };
    let missing =
        |what: &str| FormatError::shape(Some(position), format!("a Set-Cookie3 line without {what}"));
    let domain = standard("domain").flatten().ok_or_else(|| missing("a domain"))?;
    let path = standard("path").flatten().ok_or_else(|| missing("a path"))?;
    // A flag is set by the word alone or by a value Python finds true (not empty).
    let flag = |value: Option<Option<&str>>| value.is_some_and(|value| value != Some(""));
    let secure = flag(standard("secure"));
    let discard = flag(standard("discard"));
    let expires = standard("expires").flatten().and_then(parse_iso_8601);
    let (domain, host_only) = undotted_domain(domain);
    let mut record = match value {
        Some(value) => CookieRecord::new(name, value, domain, host_only, path, now),
        None => CookieRecord::new("", name, domain, host_only, path, now),
    };
    record.secure = secure;
    record.expires = if discard { None } else { expires };
    record.http_only = standard("httponly").is_some();
    record.same_site = standard("samesite").flatten().and_then(SameSite::parse).unwrap_or_default();
    record.priority = standard("priority").flatten().and_then(Priority::parse).unwrap_or_default();
    Ok(record)
}

/// `\s` of Python's `re` on `str`: Unicode whitespace, with the separators U+001C-U+001F.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `split_header_words` for one header: its cookies (split at ","), each a list of
/// words (split at ";" and whitespace).
fn split_header_words(mut text: &str) -> Vec<Vec<Word>> {
    let mut cookies = Vec::new();
    let mut words = Vec::new();
    while !text.is_empty() {
        let rest = text.trim_start_matches(is_python_space);
        // HEADER_TOKEN_RE: `^\s*([^=\s;,]+)`.
        let token_end =
            rest.find(|c| matches!(c, '=' | ';' | ',') || is_python_space(c)).unwrap_or(rest.len());
        if let (Some(token), Some(after)) =
            (rest.get(..token_end).filter(|t| !t.is_empty()), rest.get(token_end..))
        {
            let (value, after_value) = header_value(after);
            words.push((token.to_owned(), value));
            text = after_value;
        } else if let Some(after_comma) = rest.strip_prefix(',') {
            // Concatenated headers (RFC 2616 4.2).
            if !words.is_empty() {
                cookies.push(std::mem::take(&mut words));
            }
            text = after_comma;
        } else {
            // Junk: `^[=\s;]*`. `rest` starts with "=" or ";" here, or is empty.
            text = rest.trim_start_matches(|c| c == '=' || c == ';' || is_python_space(c));
        }
    }
    if !words.is_empty() {
        cookies.push(words);
    }
    cookies
}

/// After a token: `=` and a quoted value (HEADER_QUOTED_VALUE_RE, `\` escaping any character),
/// `=` and a bare one (HEADER_VALUE_RE), or nothing. The value and the text after it.
fn header_value(text: &str) -> (Option<String>, &str) {
    let Some(after_equals) = text.trim_start_matches(is_python_space).strip_prefix('=') else {
        return (None, text);
    };
    let value_start = after_equals.trim_start_matches(is_python_space);
    if let Some(quoted) = value_start.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = quoted.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '"' => return (Some(value), quoted.get(at + 1..).unwrap_or_default()),
                // `.` in Python's pattern matches anything but a newline.
                '\\' => match chars.next() {
                    Some((_, escaped)) if escaped != '\n' => value.push(escaped),
                    _ => break,
                },
                c => value.push(c),
            }
        }
        // No closing quote: the pattern fails, and the bare value's pattern reads it.
    }
    let end = value_start.find(|c| matches!(c, ';' | ',') || is_python_space(c)).unwrap_or(value_start.len());
    let (value, rest) = value_start.split_at_checked(end).unwrap_or((value_start, ""));
    (Some(value.to_owned()), rest)
}

/// Whether `split_header_words` reads `word` back as one token: `[^=\s;,]+`.
fn is_token(word: &str) -> bool {
    !word.is_empty() && !word.contains(|c| matches!(c, '=' | ';' | ',') || is_python_space(c))
}

/// Whether an LWP file can carry `record` (see the module comment).
fn can_write(record: &CookieRecord) -> bool {
    let word = if record.name.is_empty() { &record.value } else { &record.name };
    record.partition_key.is_none() && is_token(word)
}

pub(super) fn write(records: &[CookieRecord]) -> String {
    let mut out = format!("{HEADER}\n");
    for record in records.iter().filter(|record| can_write(record)) {
        out.push_str(LINE_PREFIX);
        out.push(' ');
        out.push_str(&lwp_cookie_str(record));
        out.push('\n');
    }
    out
}

/// Python's `lwp_cookie_str`: the words in its order (the rest attributes sorted by name), then
/// `join_header_words`.
fn lwp_cookie_str(record: &CookieRecord) -> String {
    let mut words: Vec<(&str, Option<String>)> = Vec::new();
    if record.name.is_empty() {
        words.push((&record.value, None));
    } else {
        words.push((&record.name, Some(record.value.clone())));
    }
    words.push(("path", Some(record.path.clone())));
    words.push(("domain", Some(dotted_domain(record))));
    if record.secure {
        words.push(("secure", None));
    }
    match record.expires {
        Some(expires) => words.push(("expires", Some(time2isoz(expires)))),
        None => words.push(("discard", None)),
    }
    if record.http_only {
        words.push(("HttpOnly", Some("None".into())));
    }
    if record.priority != Priority::Medium {
        words.push(("Priority", Some(record.priority.as_str().into())));
    }
    if record.same_site != SameSite::Default {
        words.push(("SameSite", Some(record.same_site.as_str().into())));
    }
    words.push(("version", Some("0".into())));
    let joined: Vec<String> = words
        .into_iter()
        .map(|(key, value)| match value {
            None => key.to_owned(),
            Some(value) if is_word(&value) => format!("{key}={value}"),
            Some(value) => format!("{key}=\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")),
        })
        .collect();
    joined.join("; ")
}

/// Python's `re.search(r"^\w+$", value)`, which `join_header_words` writes unquoted.
fn is_word(value: &str) -> bool {
    !value.is_empty() && value.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Python's `time2isoz`: "YYYY-MM-DD hh:mm:ssZ", whole seconds.
fn time2isoz(time: UnixMillis) -> String {
    let t = civil_time(time);
    format!("{:04}-{:02}-{:02} {:02}:{:02}:{:02}Z", t.year, t.month, t.day, t.hour, t.minute, t.second)
}

#[cfg(test)]
mod tests {
    use super::super::FormatErrorKind;
    use super::*;

    const NOW: UnixMillis = 1_767_225_600_000;

    fn words(pairs: &[(&str, Option<&str>)]) -> Vec<Word> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.map(str::to_owned))).collect()
    }

    /// The examples of Python's own docstring, and the odd corners of its patterns.
    #[test]
    fn header_words_split_as_python_splits_them() {
        let cases: &[(&str, Vec<Vec<Word>>)] = &[
            (
                r#"foo="bar"; port="80,81"; discard, bar=baz"#,
                vec![
                    words(&[("foo", Some("bar")), ("port", Some("80,81")), ("discard", None)]),
                    words(&[("bar", Some("baz"))]),
                ],
            ),
            (
                r#"text/html; charset="iso-8859-1""#,
                vec![words(&[("text/html", None), ("charset", Some("iso-8859-1"))])],
            ),
            (r#"Basic realm="\"foo\bar\"""#, vec![words(&[("Basic", None), ("realm", Some("\"foobar\""))])]),
            ("a = b ;c= ; d", vec![words(&[("a", Some("b")), ("c", Some("")), ("d", None)])]),
            ("a=\"unclosed; b=c", vec![words(&[("a", Some("\"unclosed")), ("b", Some("c"))])]),
            ("=;= a=1", vec![words(&[("a", Some("1"))])]),
            (",, a", vec![words(&[("a", None)])]),
            ("a=\u{a0}b", vec![words(&[("a", Some("b"))])]),
            ("", vec![]),
        ];
        for (text, want) in cases {
            assert_eq!(&split_header_words(text), want, "{text:?}");
        }
    }

    #[test]
    fn lines() {
        let text = "#LWP-Cookies-2.0\r\n\
            Set-Cookie3: sid=abc; path=\"/\"; domain=\"www.example.com\"; path_spec; secure; expires=\"2027-01-01 00:00:00Z\"; HttpOnly=None; SameSite=Lax; version=0\r\n\
            Set-Cookie3: lang=\"en us\"; path=\"/a\"; domain=\".example.com\"; discard; expires=\"2027-01-01 00:00:00Z\"; priority=high; version=0\n\
            a comment line\n\
            Set-Cookie3: token; path=\"/\"; domain=\"127.0.0.1\"; secure=\"\"; HTTPOnly=\"\"; expires=\"not a date\", b=2; path=\"/\"; domain=\"example.com\"; expires=\"20270101T000000+0100\"; samesite=bogus\n";
        let parsed = parse(text, NOW).unwrap();
        let positions: Vec<Position> = parsed.iter().map(|p| p.position).collect();
        assert_eq!(positions, [2, 3, 5, 5].map(Position::Line));
        let records: Vec<&CookieRecord> = parsed.iter().map(|p| &p.record).collect();
        let sid = records[0];
        assert_eq!(
            (sid.name.as_str(), sid.value.as_str(), sid.domain.as_str(), sid.host_only),
            ("sid", "abc", "www.example.com", true)
        );
        assert_eq!(
            (sid.secure, sid.http_only, sid.same_site, sid.expires),
            (true, true, SameSite::Lax, Some(1_798_761_600_000))
        );
        let lang = records[1];
        assert_eq!(
            (lang.value.as_str(), lang.domain.as_str(), lang.host_only, lang.path.as_str()),
            ("en us", "example.com", false, "/a")
        );
        assert_eq!((lang.expires, lang.priority, lang.http_only), (None, Priority::High, false));
        let token = records[2];
        assert_eq!(
            (token.name.as_str(), token.value.as_str(), token.secure, token.http_only),
            ("", "token", false, true)
        );
        assert_eq!(token.expires, None, "an unreadable date makes a session cookie");
        let b = records[3];
        assert_eq!((b.expires, b.same_site), (Some(1_798_758_000_000), SameSite::Default));
    }

    #[test]
    fn malformed_files() {
        let cases: &[(&str, FormatErrorKind, usize)] = &[
            ("", FormatErrorKind::Syntax, 1),
            ("Set-Cookie3: a=b; path=\"/\"; domain=\"x.example\"", FormatErrorKind::Syntax, 1),
            ("# Netscape HTTP Cookie File", FormatErrorKind::Syntax, 1),
            ("#LWP-Cookies-x.0", FormatErrorKind::Syntax, 1),
            ("#LWP-Cookies-2.0\nSet-Cookie3: a=b; path=\"/\"", FormatErrorKind::Shape, 2),
            ("#LWP-Cookies-2.0\n\nSet-Cookie3: a=b; domain=\"x.example\"", FormatErrorKind::Shape, 3),
            ("#LWP-Cookies-2.0\nSet-Cookie3: a=b; domain; path=\"/\"", FormatErrorKind::Shape, 2),
        ];
        for &(text, kind, line) in cases {
            let error = parse(text, NOW).unwrap_err();
            assert_eq!((error.kind, error.position), (kind, Some(Position::Line(line))), "{text:?}: {error}");
        }
        assert_eq!(parse("#LWP-Cookies-1.10\nSet-Cookie3:\n", NOW).unwrap(), vec![]);
    }

    #[test]
    fn written_as_python_writes_it() {
        let mut sid = CookieRecord::new("sid", "abc", "www.example.com", true, "/", 0);
        (sid.secure, sid.http_only, sid.same_site, sid.expires) =
            (true, true, SameSite::Lax, Some(1_798_761_600_999));
        let mut lang = CookieRecord::new("lang", "en \"us\" \\", "example.com", false, "/a", 0);
        lang.priority = Priority::High;
        let nameless = CookieRecord::new("", "token", "127.0.0.1", true, "/", 0);
        let unnamed_with_space = CookieRecord::new("", "a b", "example.com", true, "/", 0);
        let spaced_name = CookieRecord::new("a b", "c", "example.com", true, "/", 0);
        let mut partitioned = CookieRecord::new("p", "1", "example.com", true, "/", 0);
        partitioned.partition_key = Some("https://top.example".into());
        let text = write(&[
            sid.clone(),
            lang.clone(),
            nameless.clone(),
            unnamed_with_space,
            spaced_name,
            partitioned,
        ]);
        assert_eq!(
            text,
            "#LWP-Cookies-2.0\n\
             Set-Cookie3: sid=abc; path=\"/\"; domain=\"www.example.com\"; secure; expires=\"2027-01-01 00:00:00Z\"; HttpOnly=None; SameSite=Lax; version=0\n\
             Set-Cookie3: lang=\"en \\\"us\\\" \\\\\"; path=\"/a\"; domain=\".example.com\"; discard; Priority=High; version=0\n\
             Set-Cookie3: token; path=\"/\"; domain=\"127.0.0.1\"; discard; version=0\n"
        );
        let read: Vec<CookieRecord> = parse(&text, 0).unwrap().into_iter().map(|p| p.record).collect();
        sid.expires = Some(1_798_761_600_000);
        assert_eq!(read, [sid, lang, nameless]);
    }

    #[test]
    fn python_words() {
        for (value, word) in [
            ("abc", true),
            ("a_1", true),
            ("été", true),
            ("", false),
            ("a-b", false),
            ("a b", false),
            ("/", false),
        ] {
            assert_eq!(is_word(value), word, "{value:?}");
        }
    }
}
