//! The transfer calls: what the package's `CookieJar` (js/transfer.js) uses for the common case,
//! `headerFor(url)` and `setFromHeader(lines, url)` with string arguments and no context, instead
//! of the general methods.
//!
//! Speed: through the general methods a call paid about 0.55 µs before any cookie work (each
//! string a `JsValue` read with an import call, a malloc and a copy; the result decoded and freed
//! with further calls). Here the JavaScript side writes the UTF-8 arguments with
//! `TextEncoder.encodeInto` into a buffer the jar owns in wasm memory (Set-Cookie lines at its
//! start, the URL at `url_start`, where it can stay for the next call with the same URL) and reads
//! the header back from its start. A call answers `USE_GENERAL_METHOD`, before changing anything,
//! when the general method must decide: a URL that is not canonical (it needs the host's `URL`).

use crate::bytes::same_bytes;
use crate::canonical_url::{canonical_url_layout, UrlLayout};
use crate::{CookieJar, RequestContext, RequestUrl, Stored, UnixMillis};

/// What a transfer call returns when the general method must handle the call.
pub(crate) const USE_GENERAL_METHOD: i32 = -1;

/// A jar's transfer buffer and the URL its last call named.
#[derive(Debug, Default)]
pub(crate) struct Transfer {
    bytes: Vec<u8>,
    last_url: CanonicalUrlMemo,
}

impl Transfer {
    /// Grows the buffer to at least `capacity` bytes; returns its address in wasm memory.
    pub(crate) fn reserve(&mut self, capacity: usize) -> usize {
        if self.bytes.len() < capacity {
            self.bytes.resize(capacity, 0);
        }
        self.bytes.as_ptr() as usize
    }

    pub(crate) fn capacity(&self) -> usize {
        self.bytes.len()
    }

    /// `headerFor(url)` with the URL's `url_len` bytes at `url_start`: the header's length, its
    /// bytes left at the buffer's start (which grows when the header is longer than the buffer).
    pub(crate) fn header_for(
        &mut self,
        jar: &mut CookieJar,
        url_start: usize,
        url_len: usize,
        now: UnixMillis,
    ) -> i32 {
        let Some(url) = transferred_url(&mut self.last_url, &self.bytes, url_start, url_len) else {
            return USE_GENERAL_METHOD;
        };
        let header = jar.cookie_header_str(&url, &RequestContext::default(), now).as_bytes();
        if self.bytes.len() < header.len() {
            self.bytes.resize(header.len(), 0);
        }
        match (self.bytes.get_mut(..header.len()), i32::try_from(header.len())) {
            (Some(out), Ok(len)) => {
                out.copy_from_slice(header);
                len
            }
            _ => USE_GENERAL_METHOD,
        }
    }

    /// `setFromHeader(lines, url)` with the lines in the buffer's first `lines_len` bytes (see
    /// `transferred_lines`) and the URL's `url_len` bytes at `url_start`: how many were stored.
    pub(crate) fn set_from_header(
        &mut self,
        jar: &mut CookieJar,
        lines_len: usize,
        url_start: usize,
        url_len: usize,
        now: UnixMillis,
    ) -> i32 {
        let Some(url) = transferred_url(&mut self.last_url, &self.bytes, url_start, url_len) else {
            return USE_GENERAL_METHOD;
        };
        let context = RequestContext::default();
        let lines = transferred_lines(self.bytes.get(..lines_len).unwrap_or_default());
        lines
            .map(|line| i32::from(jar.set_cookie(line, &url, &context, now).is_ok_and(Stored::is_stored)))
            .sum()
    }
}

/// The canonical URL at `start..start + len` of a transfer buffer; `None` leaves the call to
/// the general method.
fn transferred_url<'a>(
    memo: &'a mut CanonicalUrlMemo,
    bytes: &[u8],
    start: usize,
    len: usize,
) -> Option<RequestUrl<'a>> {
    memo.parse(bytes.get(start..start.checked_add(len)?)?)
}

/// The Set-Cookie lines of a transfer: each is its length (u32, little-endian) then its UTF-8
/// bytes. (TextEncoder.encodeInto wrote them: a line that is not UTF-8 cannot occur, and is
/// skipped; a truncated one ends the list.)
fn transferred_lines(mut bytes: &[u8]) -> impl Iterator<Item = &str> {
    std::iter::from_fn(move || {
        let (length, rest) = bytes.split_first_chunk::<4>()?;
        let (line, rest) = rest.split_at_checked(u32::from_le_bytes(*length) as usize)?;
        bytes = rest;
        Some(std::str::from_utf8(line).ok())
    })
    .flatten()
}

/// The last URL `parse` was given, and where its parts are when it is canonical. Speed: the
/// transfer calls often see the same URL again (a response's lines set one call each, a page's
/// requests), and then build its request URL without validating or scanning the text again.
#[derive(Debug, Default)]
pub(crate) struct CanonicalUrlMemo {
    text: String,
    layout: Option<UrlLayout>,
}

impl CanonicalUrlMemo {
    /// `RequestUrl::parse_canonical` of `bytes`; `None` as well when they are not UTF-8.
    pub(crate) fn parse(&mut self, bytes: &[u8]) -> Option<RequestUrl<'_>> {
        if !same_bytes(self.text.as_bytes(), bytes) {
            self.text.clear();
            self.layout = None;
            self.text.push_str(std::str::from_utf8(bytes).ok()?);
            self.layout = canonical_url_layout(bytes);
        }
        let parts = self.layout.as_ref()?.parts(&self.text)?;
        Some(RequestUrl::from_canonical_parts(parts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The memo answers as `parse_canonical` does, whether its text is new or the last one.
    #[test]
    fn url_memo_answers_as_parse_canonical() {
        let parts = |url: Option<RequestUrl<'_>>| {
            url.map(|url| {
                (url.host().to_owned(), url.path().to_owned(), url.is_secure(), url.is_cookieable())
            })
        };
        let mut memo = CanonicalUrlMemo::default();
        let inputs: [&[u8]; 9] = [
            b"https://www.example.com/a?b",
            b"http://example.com",
            b"http://127.0.0.1:8080/x",
            b"HTTP://example.com/",
            b"",
            b"https://example.com/?\xff",
            b"https://example.com/?\xff",
            b"wss://example.com/socket#f",
            b"https://www.example.com/a?b",
        ];
        for input in inputs {
            for _ in 0..2 {
                let expected = std::str::from_utf8(input).ok().and_then(RequestUrl::parse_canonical);
                assert_eq!(parts(memo.parse(input)), parts(expected), "{:?}", String::from_utf8_lossy(input));
            }
        }
    }

    /// Lines as the JavaScript side writes them: length-prefixed; a bad one is skipped, a
    /// truncated one ends the list.
    #[test]
    fn lines_are_length_prefixed() {
        let mut bytes = Vec::new();
        for line in [&b"a=1"[..], b"", b"caf\xc3\xa9=\xe2\x98\x95", b"\xff\xfe", b"b=2"] {
            bytes.extend_from_slice(&(line.len() as u32).to_le_bytes());
            bytes.extend_from_slice(line);
        }
        let lines: Vec<&str> = transferred_lines(&bytes).collect();
        assert_eq!(lines, ["a=1", "", "café=☕", "b=2"]);
        bytes.extend_from_slice(&9_u32.to_le_bytes());
        bytes.extend_from_slice(b"c=3");
        assert_eq!(transferred_lines(&bytes).count(), 4, "a line longer than the buffer ends the list");
        assert_eq!(transferred_lines(&bytes[..2]).count(), 0);
    }

    /// Both calls, as the JavaScript side makes them: the URL kept between calls, the header
    /// written back at the buffer's start, and non-canonical URLs left to the general methods.
    #[test]
    fn transfer_calls_set_and_get() {
        const NOW: UnixMillis = 1_767_225_600_000;
        let mut jar = CookieJar::new();
        let mut transfer = Transfer::default();
        let write = |transfer: &mut Transfer, lines: &[&str], url: &str| -> (usize, usize) {
            let mut bytes = Vec::new();
            for line in lines {
                bytes.extend_from_slice(&(line.len() as u32).to_le_bytes());
                bytes.extend_from_slice(line.as_bytes());
            }
            let url_start = bytes.len().max(16);
            transfer.reserve(url_start + url.len());
            transfer.bytes[..bytes.len()].copy_from_slice(&bytes);
            transfer.bytes[url_start..url_start + url.len()].copy_from_slice(url.as_bytes());
            (bytes.len(), url_start)
        };
        let url = "https://www.example.com/a";
        let (lines_len, url_start) =
            write(&mut transfer, &["a=1", "b=2; Secure", "c=3; Domain=other.test"], url);
        assert_eq!(transfer.set_from_header(&mut jar, lines_len, url_start, url.len(), NOW), 2);
        let length = transfer.header_for(&mut jar, url_start, url.len(), NOW);
        assert_eq!(&transfer.bytes[..length as usize], b"a=1; b=2");
        let long = format!("long={}", "v".repeat(4000));
        let (lines_len, url_start) = write(&mut transfer, &[&long], url);
        assert_eq!(transfer.set_from_header(&mut jar, lines_len, url_start, url.len(), NOW), 1);
        // A header longer than the buffer grows it.
        let (_, url_start) = write(&mut transfer, &[], url);
        let mut small = Transfer::default();
        write(&mut small, &[], url);
        let before = small.capacity();
        let length = small.header_for(&mut jar, url_start, url.len(), NOW) as usize;
        assert!(length > before && small.capacity() >= length, "{before} {length}");
        assert!(small.bytes[..length].ends_with(long.as_bytes()));

        let upper = "https://WWW.example.com/";
        let (lines_len, url_start) = write(&mut transfer, &["d=4"], upper);
        assert_eq!(
            transfer.set_from_header(&mut jar, lines_len, url_start, upper.len(), NOW),
            USE_GENERAL_METHOD
        );
        assert_eq!(transfer.header_for(&mut jar, url_start, upper.len(), NOW), USE_GENERAL_METHOD);
        assert_eq!(transfer.header_for(&mut jar, url_start, usize::MAX, NOW), USE_GENERAL_METHOD);
        assert_eq!(jar.len(), 3, "declined calls change nothing");
    }
}
