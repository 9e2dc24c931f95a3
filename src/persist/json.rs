//! JSON (RFC 8259): a small reader and writer for the JSON formats.
//!
//! Size: not serde_json. Numbers stay the text they were (`Json::Number`), for
//! `decimal_to_integer`; nothing here parses or formats a float.
//!
//! The reader takes any input without panicking: nesting is bounded (`MAX_DEPTH`, so that no
//! input recurses deeply), and what it allocates is bounded by the input's length.

use std::borrow::Cow;

use super::{decimal_to_integer, FormatError, ParsedRecord, Position};
use crate::cookie::CookieRecord;

/// Arrays and objects nest at most this deep; the formats read here nest three levels.
const MAX_DEPTH: usize = 64;

/// A JSON value, borrowing from the text where it can.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    /// The number's text, as valid JSON has it.
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    /// Members in the order of the text, duplicates kept (`get` reads the last).
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// What kind of value this is, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// An object's member `key`; the last one when the key repeats (as `JSON.parse` reads it).
    pub(crate) fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, value)| value),
            _ => None,
        }
    }
}

/// Parses a JSON text: one value, with whitespace around it.
pub(crate) fn parse_json(text: &str) -> Result<Json<'_>, FormatError> {
    let mut reader = Reader { text, at: 0 };
    let value = reader.value(0)?;
    reader.skip_whitespace();
    if reader.at < text.len() {
        return Err(reader.error("unexpected text after the JSON value"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    /// A byte offset into `text`, always at a character boundary.
    at: usize,
}

impl<'a> Reader<'a> {
    /// A syntax error at the current position, with its line.
    fn error(&self, message: &str) -> FormatError {
        let before = self.text.get(..self.at).unwrap_or(self.text);
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |newline| newline + 1) + 1;
        FormatError::syntax(Some(Position::Line(line)), format!("{message} (column {column})"))
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Consumes `byte` if it is next (after whitespace).
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn value(&mut self, depth: usize) -> Result<Json<'a>, FormatError> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value")),
            None => Err(self.error("the JSON text ends where a value should be")),
        }
    }

    fn literal(&mut self, word: &str, value: Json<'a>) -> Result<Json<'a>, FormatError> {
        if self.text.get(self.at..).is_some_and(|rest| rest.starts_with(word)) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn check_depth(&self, depth: usize) -> Result<(), FormatError> {
        if depth > MAX_DEPTH {
            return Err(self.error(&format!("arrays and objects nest deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Json<'a>, FormatError> {
        self.check_depth(depth)?;
        self.at += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            if self.eat(b']') {
                return Ok(Json::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error("expected \",\" or \"]\""));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json<'a>, FormatError> {
        self.check_depth(depth)?;
        self.at += 1;
        let mut members = Vec::new();
        if self.eat(b'}') {
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a member name in quotes"));
            }
            let key = self.string()?;
            if !self.eat(b':') {
                return Err(self.error("expected \":\""));
            }
            members.push((key, self.value(depth)?));
            if self.eat(b'}') {
                return Ok(Json::Object(members));
            }
            if !self.eat(b',') {
                return Err(self.error("expected \",\" or \"}\""));
            }
        }
    }

    /// number = [ "-" ] int [ frac ] [ exp ]: the text, checked.
    fn number(&mut self) -> Result<Json<'a>, FormatError> {
        let start = self.at;
        let bytes = self.text.as_bytes();
        let digits_from = |at: usize| {
            bytes.get(at..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_digit()).count())
        };
        let mut at = start + usize::from(self.peek() == Some(b'-'));
        let whole = digits_from(at);
        if whole == 0 || (whole > 1 && bytes.get(at) == Some(&b'0')) {
            return Err(self.error("invalid number"));
        }
        at += whole;
        if bytes.get(at) == Some(&b'.') {
            let fraction = digits_from(at + 1);
            if fraction == 0 {
                return Err(self.error("invalid number"));
            }
            at += 1 + fraction;
        }
        if matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1 + usize::from(matches!(bytes.get(at + 1), Some(b'+' | b'-')));
            let exponent = digits_from(at);
            if exponent == 0 {
                return Err(self.error("invalid number"));
            }
            at += exponent;
        }
        self.at = at;
        self.text.get(start..at).map(Json::Number).ok_or_else(|| self.error("invalid number"))
    }

    /// A string, its escapes decoded; borrowed when it has none.
    fn string(&mut self) -> Result<Cow<'a, str>, FormatError> {
        self.at += 1;
        let start = self.at;
        let rest = self.text.get(start..).unwrap_or_default();
        let plain = rest.bytes().take_while(|&b| b != b'"' && b != b'\\' && b >= 0x20).count();
        match rest.as_bytes().get(plain) {
            Some(b'"') => {
                self.at += plain + 1;
                return Ok(Cow::Borrowed(rest.get(..plain).unwrap_or_default()));
            }
            Some(b'\\') => {}
            Some(_) => {
                self.at += plain;
                return Err(self.error("a control character in a string must be escaped"));
            }
            None => return Err(self.error("the JSON text ends inside a string")),
        }
        let mut decoded = String::from(rest.get(..plain).unwrap_or_default());
        self.at += plain;
        loop {
            let Some(c) = self.text.get(self.at..).and_then(|rest| rest.chars().next()) else {
                return Err(self.error("the JSON text ends inside a string"));
            };
            self.at += c.len_utf8();
            match c {
                '"' => return Ok(Cow::Owned(decoded)),
                '\\' => decoded.push(self.escape()?),
                c if u32::from(c) < 0x20 => {
                    self.at -= 1;
                    return Err(self.error("a control character in a string must be escaped"));
                }
                c => decoded.push(c),
            }
        }
    }

    /// The character an escape after "\" stands for. A UTF-16 surrogate that is not half of a
    /// pair stands for U+FFFD (as `JSON.parse` keeps it, but a Rust string cannot).
    fn escape(&mut self) -> Result<char, FormatError> {
        let Some(&letter) = self.text.as_bytes().get(self.at) else {
            return Err(self.error("the JSON text ends inside a string"));
        };
        self.at += 1;
        Ok(match letter {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                if (0xD800..0xDC00).contains(&unit)
                    && self.text.get(self.at..).is_some_and(|r| r.starts_with("\\u"))
                {
                    let after_high = self.at;
                    self.at += 2;
                    let low = self.hex4()?;
                    if (0xDC00..0xE000).contains(&low) {
                        let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        return Ok(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                    }
                    // Not a low surrogate: the high one stands alone; read the next escape anew.
                    self.at = after_high;
                }
                char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            _ => {
                self.at -= 1;
                return Err(self.error("invalid escape in a string"));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, FormatError> {
        let digits =
            self.text.as_bytes().get(self.at..self.at + 4).filter(|d| d.iter().all(u8::is_ascii_hexdigit));
        let Some(digits) = digits else {
            return Err(self.error("\\u must be followed by four hexadecimal digits"));
        };
        self.at += 4;
        Ok(digits.iter().fold(0, |unit, &d| unit << 4 | char::from(d).to_digit(16).unwrap_or(0)))
    }
}

/// One cookie of a JSON format: an object's members, read with errors that name the cookie.
pub(crate) struct Fields<'j, 'a> {
    members: &'j [(Cow<'a, str>, Json<'a>)],
    index: usize,
}

impl<'j, 'a> Fields<'j, 'a> {
    /// The cookie at `index` of an array, which must be an object.
    pub(crate) fn of(value: &'j Json<'a>, index: usize) -> Result<Self, FormatError> {
        match value {
            Json::Object(members) => Ok(Fields { members, index }),
            other => Err(FormatError::shape(
                Some(Position::Index(index)),
                format!("a cookie must be an object, not {}", other.kind()),
            )),
        }
    }

    pub(crate) fn position(&self) -> Position {
        Position::Index(self.index)
    }

    /// A shape error at this cookie.
    pub(crate) fn error(&self, message: String) -> FormatError {
        FormatError::shape(Some(self.position()), message)
    }

    /// The member `key`; `None` when it is missing or null (the last when the key repeats).
    pub(crate) fn get(&self, key: &str) -> Option<&'j Json<'a>> {
        self.members
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, value)| value)
            .filter(|v| **v != Json::Null)
    }

    fn wrong_type(&self, key: &str, expected: &str, found: &Json<'_>) -> FormatError {
        self.error(format!("\"{key}\" must be {expected}, not {}", found.kind()))
    }

    /// A string member, if there is one.
    pub(crate) fn string(&self, key: &str) -> Result<Option<&'j str>, FormatError> {
        match self.get(key) {
            None => Ok(None),
            Some(Json::String(s)) => Ok(Some(s)),
            Some(other) => Err(self.wrong_type(key, "a string", other)),
        }
    }

    pub(crate) fn required_string(&self, key: &str) -> Result<&'j str, FormatError> {
        self.string(key)?.ok_or_else(|| self.error(format!("\"{key}\" is missing")))
    }

    /// A boolean member; false when it is missing.
    pub(crate) fn flag(&self, key: &str) -> Result<bool, FormatError> {
        match self.get(key) {
            None => Ok(false),
            Some(Json::Bool(b)) => Ok(*b),
            Some(other) => Err(self.wrong_type(key, "a boolean", other)),
        }
    }

    /// A number member times 10^`scale` (`decimal_to_integer`), if there is one.
    pub(crate) fn integer(&self, key: &str, scale: i32) -> Result<Option<i64>, FormatError> {
        match self.get(key) {
            None => Ok(None),
            Some(Json::Number(text)) => Ok(decimal_to_integer(text, scale)),
            Some(other) => Err(self.wrong_type(key, "a number", other)),
        }
    }

    /// A string member that must be one of `choices`' names (ASCII case-insensitively).
    pub(crate) fn choice<T: Copy>(&self, key: &str, choices: &[(&str, T)]) -> Result<Option<T>, FormatError> {
        let Some(name) = self.string(key)? else { return Ok(None) };
        choose(key, name, choices).map(Some).map_err(|message| self.error(message))
    }
}

/// The value of `choices` named `name` (ASCII case-insensitively), or the message saying what
/// member `key` must be.
pub(crate) fn choose<T: Copy>(key: &str, name: &str, choices: &[(&str, T)]) -> Result<T, String> {
    match choices.iter().find(|(choice, _)| choice.eq_ignore_ascii_case(name)) {
        Some(&(_, value)) => Ok(value),
        None => {
            let names: Vec<String> = choices.iter().map(|(choice, _)| format!("\"{choice}\"")).collect();
            Err(format!("\"{key}\" must be one of {}", names.join(", ")))
        }
    }
}

/// Reads each cookie of a JSON format with `read`, in order: the cookies are `value` itself
/// when `bare_array` allows an array, else its member "cookies".
///
/// Size: a loop and a `dyn` reader, where a generic reader and `collect` into a `Result` were
/// instantiated once per format (about 3 KB each in WebAssembly).
pub(crate) fn read_cookies(
    value: &Json<'_>,
    bare_array: bool,
    read: &mut dyn FnMut(&Fields<'_, '_>) -> Result<CookieRecord, FormatError>,
) -> Result<Vec<ParsedRecord>, FormatError> {
    let cookies = cookie_array(value, "cookies", bare_array)?;
    let mut records = Vec::with_capacity(cookies.len());
    for (index, cookie) in cookies.iter().enumerate() {
        let fields = Fields::of(cookie, index)?;
        records.push(ParsedRecord { position: fields.position(), record: read(&fields)? });
    }
    Ok(records)
}

/// The array of cookies of a JSON format: `value` itself when `bare_array` allows one, else
/// `value`'s member `key`.
fn cookie_array<'j, 'a>(
    value: &'j Json<'a>,
    key: &str,
    bare_array: bool,
) -> Result<&'j [Json<'a>], FormatError> {
    match (value, value.get(key)) {
        (Json::Array(items), _) if bare_array => Ok(items),
        (Json::Object(_), Some(Json::Array(items))) => Ok(items),
        (Json::Object(_), Some(other)) => {
            Err(FormatError::shape(None, format!("\"{key}\" must be an array, not {}", other.kind())))
        }
        (Json::Object(_), None) => Err(FormatError::shape(None, format!("no \"{key}\" array"))),
        (other, _) => Err(FormatError::shape(None, format!("expected an object, not {}", other.kind()))),
    }
}

/// Writes `s` as a JSON string. Control characters, quotes and backslashes are escaped; the
/// rest is written as is. Speed: the runs between escapes are copied whole (cookie text rarely
/// has any), rather than a character at a time.
pub(crate) fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut rest = s;
    while let Some(at) = rest.bytes().position(|b| b < 0x20 || b == b'"' || b == b'\\') {
        let Some((run, escaped)) = rest.split_at_checked(at) else { break };
        out.push_str(run);
        let mut chars = escaped.chars();
        match chars.next() {
            Some('"') => out.push_str("\\\""),
            Some('\\') => out.push_str("\\\\"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some('\t') => out.push_str("\\t"),
            Some(c) => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            None => {}
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out.push('"');
}

/// Writes a JSON object member by member: on one line, or (`multiline`) a member a line, as
/// the top level of a saved jar is written.
pub(crate) struct ObjectWriter<'o> {
    out: &'o mut String,
    multiline: bool,
    empty: bool,
}

impl<'o> ObjectWriter<'o> {
    pub(crate) fn new(out: &'o mut String, multiline: bool) -> Self {
        out.push('{');
        ObjectWriter { out, multiline, empty: true }
    }

    fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.push(',');
        }
        if self.multiline {
            self.out.push_str("\n  ");
        }
        self.empty = false;
        write_string(self.out, key);
        self.out.push_str(if self.multiline { ": " } else { ":" });
    }

    pub(crate) fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        write_string(self.out, value);
    }

    /// A number, boolean or null, or a nested value already written as JSON.
    pub(crate) fn raw(&mut self, key: &str, json: &str) {
        self.key(key);
        self.out.push_str(json);
    }

    pub(crate) fn bool(&mut self, key: &str, value: bool) {
        self.raw(key, if value { "true" } else { "false" });
    }

    pub(crate) fn integer(&mut self, key: &str, value: i64) {
        self.raw(key, &value.to_string());
    }

    /// An array of values already written as JSON, one a line.
    pub(crate) fn array(&mut self, key: &str, items: impl IntoIterator<Item = String>) {
        self.key(key);
        write_array(self.out, items, if self.multiline { "  " } else { "" });
    }

    /// A string, or null.
    pub(crate) fn string_or_null(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(value) => self.string(key, value),
            None => self.raw(key, "null"),
        }
    }

    pub(crate) fn end(self) {
        self.out.push_str(if self.multiline && !self.empty { "\n}" } else { "}" });
    }
}

/// Writes values already written as JSON as an array, one a line, indented after `indent`.
fn write_array(out: &mut String, items: impl IntoIterator<Item = String>, indent: &str) {
    out.push('[');
    let mut empty = true;
    for item in items {
        out.push_str(if empty { "\n" } else { ",\n" });
        out.push_str(indent);
        out.push_str("  ");
        out.push_str(&item);
        empty = false;
    }
    if !empty {
        out.push('\n');
        out.push_str(indent);
    }
    out.push(']');
}

/// A cookie written as a one-line JSON object by `write`. Size: `dyn`, as the writers below, so
/// that each exists once in WebAssembly rather than once per caller.
pub(crate) fn object(write: &mut dyn FnMut(&mut ObjectWriter<'_>)) -> String {
    let mut out = String::new();
    let mut object = ObjectWriter::new(&mut out, false);
    write(&mut object);
    object.end();
    out
}

/// A saved jar that is an object, written a member a line by `write`, with a final newline.
pub(crate) fn object_document(write: &mut dyn FnMut(&mut ObjectWriter<'_>)) -> String {
    let mut out = String::new();
    let mut top = ObjectWriter::new(&mut out, true);
    write(&mut top);
    top.end();
    out.push('\n');
    out
}

/// A saved jar that is an array of values already written as JSON, one a line, with a final
/// newline.
pub(crate) fn array_document(items: impl IntoIterator<Item = String>) -> String {
    let mut out = String::new();
    write_array(&mut out, items, "");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The run-copying writer writes what escaping one character at a time writes.
    #[test]
    fn write_string_is_char_by_char_escaping() {
        let plain = |s: &str| {
            let mut out = String::from("\"");
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        };
        for s in ["", "plain", "\"", "a\"b\\c", "\u{1}\u{1f}x\ty\r\n", "é☃😀\"", "\\\\", "end\\"] {
            let mut out = String::new();
            write_string(&mut out, s);
            assert_eq!(out, plain(s), "{s:?}");
        }
    }

    fn s(text: &str) -> Json<'_> {
        Json::String(Cow::Borrowed(text))
    }

    #[test]
    fn values() {
        let cases: &[(&str, Json<'_>)] = &[
            ("null", Json::Null),
            (" true ", Json::Bool(true)),
            ("false", Json::Bool(false)),
            ("0", Json::Number("0")),
            ("-12.5e+3", Json::Number("-12.5e+3")),
            ("1E9", Json::Number("1E9")),
            ("\"\"", s("")),
            ("\"a b\"", s("a b")),
            (r#""\"\\\/\b\f\n\r\t""#, Json::String(Cow::Owned("\"\\/\u{8}\u{c}\n\r\t".into()))),
            (r#""\u00e9\u2603""#, Json::String(Cow::Owned("é☃".into()))),
            (r#""\ud83c\udf6a""#, Json::String(Cow::Owned("🍪".into()))),
            (r#""\ud83c""#, Json::String(Cow::Owned("\u{fffd}".into()))),
            (r#""\udf6a\ud83c""#, Json::String(Cow::Owned("\u{fffd}\u{fffd}".into()))),
            (r#""\ud83cx""#, Json::String(Cow::Owned("\u{fffd}x".into()))),
            (r#""\ud83c\u0041""#, Json::String(Cow::Owned("\u{fffd}A".into()))),
            ("\"é☃\"", s("é☃")),
            ("[]", Json::Array(vec![])),
            ("[1, [2]]", Json::Array(vec![Json::Number("1"), Json::Array(vec![Json::Number("2")])])),
            ("{}", Json::Object(vec![])),
            (
                r#"{"__proto__": 1, "constructor": {"a": null}}"#,
                Json::Object(vec![
                    (Cow::Borrowed("__proto__"), Json::Number("1")),
                    (Cow::Borrowed("constructor"), Json::Object(vec![(Cow::Borrowed("a"), Json::Null)])),
                ]),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(parse_json(text).as_ref(), Ok(want), "{text}");
        }
    }

    /// Each error is a syntax error on the line where the text goes wrong.
    #[test]
    fn syntax_errors() {
        let cases: &[(&str, usize)] = &[
            ("", 1),
            ("  ", 1),
            ("nul", 1),
            ("True", 1),
            ("01", 1),
            ("-", 1),
            ("1.", 1),
            (".5", 1),
            ("1e", 1),
            ("+1", 1),
            ("NaN", 1),
            ("Infinity", 1),
            ("[1,]", 1),
            ("[1 2]", 1),
            ("{\"a\" 1}", 1),
            ("{\"a\":1,}", 1),
            ("{a:1}", 1),
            ("{\n\"a\":\n1\n", 4),
            ("\"abc", 1),
            ("\"a\nb\"", 1),
            ("\"\\x\"", 1),
            ("\"\\u12\"", 1),
            ("\"\\u12g4\"", 1),
            ("\"\\", 1),
            ("[1]\n[2]", 2),
            ("'a'", 1),
        ];
        for &(text, line) in cases {
            let error = parse_json(text).unwrap_err();
            assert_eq!(error.kind, super::super::FormatErrorKind::Syntax, "{text:?}");
            assert_eq!(error.position, Some(Position::Line(line)), "{text:?}: {error}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let within = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse_json(&within).is_ok());
        let deeper = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(parse_json(&deeper).unwrap_err().message.contains("nest deeper"));
        let objects = "{\"a\":".repeat(100_000);
        assert!(parse_json(&objects).unwrap_err().message.contains("nest deeper"));
    }

    #[test]
    fn the_last_duplicate_wins() {
        let json = parse_json(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert_eq!(json.get("a"), Some(&Json::Number("3")));
        assert_eq!(json.get("c"), None);
        assert_eq!(Json::Null.get("a"), None);
    }

    #[test]
    fn strings_round_trip() {
        for text in ["", "plain", "quote \" backslash \\ slash /", "\u{0}\u{1f}\t\n\r\u{7f}", "é☃🍪"] {
            let mut out = String::new();
            write_string(&mut out, text);
            assert_eq!(parse_json(&out), Ok(Json::String(Cow::Owned(text.into()))), "{out}");
        }
    }

    #[test]
    fn objects_and_arrays_are_written() {
        let cookie = object(&mut |o| {
            o.string("name", "a");
            o.integer("n", -5);
            o.bool("b", true);
            o.raw("nothing", "null");
        });
        assert_eq!(cookie, r#"{"name":"a","n":-5,"b":true,"nothing":null}"#);
        let mut out = String::new();
        let mut top = ObjectWriter::new(&mut out, true);
        top.integer("version", 1);
        top.array("cookies", [cookie.clone(), "{}".into()]);
        top.array("origins", []);
        top.end();
        assert_eq!(
            out,
            format!("{{\n  \"version\": 1,\n  \"cookies\": [\n    {cookie},\n    {{}}\n  ],\n  \"origins\": []\n}}")
        );
        assert!(parse_json(&out).is_ok());
        let mut out = String::new();
        ObjectWriter::new(&mut out, true).end();
        assert_eq!(out, "{}");
    }

    #[test]
    fn fields_name_the_cookie_and_the_member() {
        let json =
            parse_json(r#"[{"name": 1, "ok": "x", "flag": "yes", "n": "5", "none": null, "same": "LAX"}]"#)
                .unwrap();
        let Json::Array(items) = &json else { panic!() };
        let fields = Fields::of(&items[0], 7).unwrap();
        let error = fields.string("name").unwrap_err();
        assert_eq!(
            error.to_string(),
            "unexpected shape at cookie 7: \"name\" must be a string, not a number"
        );
        assert_eq!(fields.string("ok"), Ok(Some("x")));
        assert_eq!(fields.string("none"), Ok(None));
        assert_eq!(fields.required_string("missing").unwrap_err().message, "\"missing\" is missing");
        assert!(fields.flag("flag").is_err());
        assert_eq!(fields.flag("missing"), Ok(false));
        assert!(fields.integer("n", 3).is_err());
        assert_eq!(fields.choice("same", &[("Strict", 1), ("Lax", 2)]), Ok(Some(2)));
        assert!(fields.choice("ok", &[("Strict", 1)]).is_err());
        let error = Fields::of(&Json::Null, 2).err().unwrap();
        assert_eq!(error.position, Some(Position::Index(2)));
    }

    #[test]
    fn cookie_arrays() {
        let array = parse_json("[1]").unwrap();
        assert!(cookie_array(&array, "cookies", true).is_ok());
        assert!(cookie_array(&array, "cookies", false).is_err());
        let object = parse_json(r#"{"cookies": [1, 2]}"#).unwrap();
        assert_eq!(cookie_array(&object, "cookies", false).unwrap().len(), 2);
        for text in [r#"{"cookies": {}}"#, r#"{"other": []}"#, "\"cookies\"", "null"] {
            let error = cookie_array(&parse_json(text).unwrap(), "cookies", true).unwrap_err();
            assert_eq!(error.kind, super::super::FormatErrorKind::Shape, "{text}");
        }
    }
}
