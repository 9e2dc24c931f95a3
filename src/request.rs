//! The request side of a set or a retrieval: the request-uri (scheme, canonical host, path) and
//! the context the spec's algorithms read (non-HTTP API, site for cookies, top-level site,
//! method, navigation).

use std::borrow::Cow;
use std::fmt;

use crate::canonical_url::{split_canonical_url, UrlParts};
use crate::host::{canonical_host_kind, is_secure_connection, HostKind};
use crate::site::Site;

/// Why a URL cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// The string is not a URL (the URL parser's message).
    Invalid(String),
    /// An http(s) or ws(s) URL whose host is not a canonical host as a URL parser outputs it.
    InvalidHost,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::Invalid(reason) => write!(f, "invalid URL: {reason}"),
            UrlError::InvalidHost => f.write_str("invalid URL: the host is not a canonical host"),
        }
    }
}

impl std::error::Error for UrlError {}

/// A request-uri as the cookie algorithms see it. Speed: borrowed from the caller's URL string
/// when it is canonical, so that a retrieval copies nothing.
#[derive(Clone, Debug)]
pub struct RequestUrl<'a> {
    scheme_is_secure: bool,
    cookieable: bool,
    host: Cow<'a, str>,
    kind: HostKind,
    path: Cow<'a, str>,
}

impl<'a> RequestUrl<'a> {
    /// Builds a request URL from the parts a WHATWG URL parser outputs: `scheme` without the
    /// ":", `host` already canonical (lowercase, A-labels, IPv6 in brackets), `path` as
    /// serialized. Use this when the host's own `URL` has parsed the URL.
    pub fn from_parts(
        scheme: &str,
        host: impl Into<Cow<'a, str>>,
        path: impl Into<Cow<'a, str>>,
    ) -> Result<Self, UrlError> {
        let (host, path) = (host.into(), path.into());
        let (cookieable, scheme_is_secure) = scheme_flags(scheme);
        let kind = match canonical_host_kind(&host) {
            Some(kind) => kind,
            // Cookies never apply to other schemes, so their hosts need not be valid.
            None if !cookieable => HostKind::Domain,
            None => return Err(UrlError::InvalidHost),
        };
        Ok(RequestUrl { scheme_is_secure, cookieable, host, kind, path })
    }

    /// A request URL from a parsed `url::Url`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_url(url: &'a url::Url) -> Result<Self, UrlError> {
        RequestUrl::from_parts(url.scheme(), url.host_str().unwrap_or(""), url.path())
    }

    /// Parses an absolute URL. A canonical ASCII URL is split in place; any other goes through
    /// the `url` crate, a WHATWG URL parser (which canonicalizes the host: 6265bis 5.1.2).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(input: &'a str) -> Result<Self, UrlError> {
        if let Some(url) = RequestUrl::parse_canonical(input) {
            return Ok(url);
        }
        let url = url::Url::parse(input).map_err(|e| UrlError::Invalid(e.to_string()))?;
        RequestUrl::from_parts(url.scheme(), url.host_str().unwrap_or("").to_owned(), url.path().to_owned())
    }

    /// The fast path alone: `Some` for a canonical http(s) or ws(s) URL, which a WHATWG parser
    /// would return unchanged; `None` means a full parser must decide.
    pub fn parse_canonical(input: &'a str) -> Option<Self> {
        split_canonical_url(input).map(RequestUrl::from_canonical_parts)
    }

    pub(crate) fn from_canonical_parts(parts: UrlParts<'a>) -> Self {
        let (cookieable, scheme_is_secure) = scheme_flags(parts.scheme);
        RequestUrl {
            scheme_is_secure,
            cookieable,
            host: Cow::Borrowed(parts.host),
            kind: parts.kind,
            path: Cow::Borrowed(parts.path),
        }
    }

    /// The canonical host (6265bis 5.1.2).
    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether cookies apply to this URL at all (http, https, ws, wss).
    pub fn is_cookieable(&self) -> bool {
        self.cookieable
    }

    /// Whether the request-uri denotes a "secure" connection (6265bis 5.7 step 13).
    pub fn is_secure(&self) -> bool {
        is_secure_connection(self.scheme_is_secure, &self.host, self.kind)
    }

    pub(crate) fn host_kind(&self) -> HostKind {
        self.kind
    }

    /// The site of this URL (HTML's "schemeful site"): for SameSite and partition keys.
    pub fn site(&self) -> Site {
        Site::new(self.scheme_is_secure, &self.host, self.kind)
    }
}

/// Whether cookies apply to the scheme, and whether it is a secure one.
fn scheme_flags(scheme: &str) -> (bool, bool) {
    match scheme {
        "http" | "ws" => (true, false),
        "https" | "wss" => (true, true),
        _ => (false, false),
    }
}

/// Which API a set or retrieval comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Api {
    /// Set-Cookie and Cookie header fields.
    #[default]
    Http,
    /// A "non-HTTP" API such as `document.cookie` (6265bis 5.8.2): no HttpOnly cookies.
    NonHttp,
}

/// The "site for cookies" of the request's client (6265bis 5.2).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SiteForCookies {
    /// A first-party request: same-site with the request URL.
    #[default]
    SameAsRequest,
    /// The client's site for cookies; the request is same-site when its URL has this site.
    Site(Site),
    /// An opaque origin (e.g. a frame with a cross-site ancestor): every request is cross-site.
    Opaque,
}

/// Where a request comes from. `RequestContext::default()` is a first-party HTTP request: a
/// same-site GET.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestContext {
    pub api: Api,
    pub site_for_cookies: SiteForCookies,
    /// The site of the top-level document, the partition key of CHIPS (except for a top-level
    /// navigation: see `partition_key`). `None`: the request's own site (a top-level request).
    pub top_level_site: Option<Site>,
    /// Whether the request's method is "safe" (RFC 9110 9.2.1).
    pub safe_method: bool,
    /// Whether the request navigates a top-level traversable.
    pub top_level_navigation: bool,
}

impl Default for RequestContext {
    fn default() -> Self {
        RequestContext {
            api: Api::Http,
            site_for_cookies: SiteForCookies::SameAsRequest,
            top_level_site: None,
            safe_method: true,
            top_level_navigation: false,
        }
    }
}

impl RequestContext {
    /// A non-HTTP API (`document.cookie`) context for a first-party document.
    pub fn non_http() -> Self {
        RequestContext { api: Api::NonHttp, ..RequestContext::default() }
    }

    /// 6265bis 5.2: whether a request to `url` in this context is "same-site".
    pub(crate) fn is_same_site(&self, url: &RequestUrl<'_>) -> bool {
        match &self.site_for_cookies {
            SiteForCookies::SameAsRequest => true,
            SiteForCookies::Opaque => false,
            SiteForCookies::Site(site) => *site == url.site(),
        }
    }

    /// CHIPS: the partition key of a request to `url`, the site of its top-level document. A
    /// top-level navigation loads the top-level document itself, so its key is the URL's own
    /// site, whichever page started it (which decides SameSite alone).
    pub(crate) fn partition_key(&self, url: &RequestUrl<'_>) -> Site {
        match &self.top_level_site {
            Some(site) if !self.top_level_navigation => site.clone(),
            _ => url.site(),
        }
    }
}

/// RFC 9110 9.2.1: GET, HEAD, OPTIONS and TRACE are safe (method names are case-sensitive).
pub fn is_safe_method(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "OPTIONS" | "TRACE")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_urls_from_parts() {
        let url = RequestUrl::from_parts("https", "www.example.co.uk", "/a/b").unwrap();
        assert!(url.is_secure() && url.is_cookieable());
        assert_eq!(url.site().as_str(), "https://example.co.uk");
        let url = RequestUrl::from_parts("ws", "localhost", "/").unwrap();
        assert!(url.is_secure(), "localhost is a secure context");
        assert_eq!(url.site().as_str(), "http://localhost");
        let url = RequestUrl::from_parts("http", "[::1]", "/").unwrap();
        assert_eq!(url.site().as_str(), "http://[::1]");
        let url = RequestUrl::from_parts("wss", "user.github.io", "/").unwrap();
        assert_eq!(url.site().as_str(), "https://user.github.io");
        let url = RequestUrl::from_parts("ftp", "", "/").unwrap();
        assert!(!url.is_cookieable());
        assert_eq!(RequestUrl::from_parts("http", "Bad Host", "/").unwrap_err(), UrlError::InvalidHost);
        assert_eq!(RequestUrl::from_parts("https", "", "/").unwrap_err(), UrlError::InvalidHost);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn request_urls_from_the_url_crate() {
        let parsed = url::Url::parse("HTTPS://BÜCHER.example:8443/x/y?q#f").unwrap();
        let url = RequestUrl::from_url(&parsed).unwrap();
        assert_eq!(url.host(), "xn--bcher-kva.example");
        assert_eq!(url.path(), "/x/y");
        assert!(url.is_secure());
        let parsed = url::Url::parse("http://0x7f.1/").unwrap();
        assert_eq!(RequestUrl::from_url(&parsed).unwrap().host(), "127.0.0.1");
    }

    #[test]
    fn parsing_takes_the_fast_path_or_the_full_parser() {
        let url = RequestUrl::parse("https://www.example.com/a?b").unwrap();
        assert!(matches!(url.host, Cow::Borrowed("www.example.com")) && url.path() == "/a");
        let url = RequestUrl::parse("HTTPS://WWW.Example.COM/./a/../b").unwrap();
        assert!(matches!(url.host, Cow::Owned(_)));
        assert_eq!((url.host(), url.path(), url.is_secure()), ("www.example.com", "/b", true));
        assert!(matches!(RequestUrl::parse("not a url"), Err(UrlError::Invalid(_))));
        assert!(RequestUrl::parse("mailto:someone@example.com").is_ok_and(|url| !url.is_cookieable()));
    }

    #[test]
    fn safe_methods() {
        for (method, safe) in [
            ("GET", true),
            ("HEAD", true),
            ("OPTIONS", true),
            ("TRACE", true),
            ("POST", false),
            ("get", false),
            ("PUT", false),
        ] {
            assert_eq!(is_safe_method(method), safe, "{method}");
        }
    }
}
