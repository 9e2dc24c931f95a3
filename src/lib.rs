//! # cookie-engine
//!
//! A browser-grade HTTP cookie jar: the user-agent side of cookies as browsers implement it.
//!
//! It implements:
//! - RFC 6265bis, "Cookies: HTTP State Management Mechanism" (draft 22 with the January 2026
//!   edits, <https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html>): parsing
//!   (5.6), storage (5.7) and retrieval (5.8), cited in comments as `6265bis 5.7 step 16`;
//! - the layered-cookies draft (<https://httpwg.org/http-extensions/draft-ietf-httpbis-layered-cookies.html>):
//!   its `__Http-` and `__Host-Http-` prefixes and its eviction order;
//! - CHIPS, partitioned cookies (<https://github.com/privacycg/CHIPS>): the partition key is
//!   part of a cookie's identity and limits.
//!
//! Anything that is our own choice is tagged `Not in the spec:` where it is made. Code shaped
//! for speed rather than by the spec is tagged `Speed:`, and for download or memory size `Size:`;
//! neither changes what the jar does.
//!
//! Time comes in from outside: every method that depends on it takes `now` (milliseconds since
//! the Unix epoch), so that tests pin the clock and `wasm32-unknown-unknown` never calls
//! `SystemTime::now()`. The Public Suffix List is compiled in (`data/public_suffix_list.dat`).
//!
//! ```
//! use cookie_engine::{CookieJar, RequestContext, RequestUrl};
//!
//! let mut jar = CookieJar::new();
//! let now = 1_700_000_000_000;
//! let url = RequestUrl::from_parts("https", "www.example.com", "/login")?;
//! let first_party = RequestContext::default();
//! jar.set_cookie("sid=abc; Secure; HttpOnly; Path=/", &url, &first_party, now).unwrap();
//! jar.set_cookie("lang=en; Domain=example.com", &url, &first_party, now).unwrap();
//!
//! let api = RequestUrl::from_parts("https", "api.example.com", "/v1")?;
//! assert_eq!(jar.cookie_header(&api, &first_party, now), "lang=en");
//! # Ok::<(), cookie_engine::UrlError>(())
//! ```
//!
//! A jar is saved as records ([`CookieJar::records`], [`CookieJar::export`]) in this library's
//! own JSON or in the formats other tools use (cookies.txt, Python's LWP files, tough-cookie,
//! Playwright, the DevTools protocol), and restored one decision per record
//! ([`CookieJar::restore`], [`CookieJar::import`]): a saved cookie is checked as a received
//! one is.
//!
//! ```
//! use cookie_engine::{CookieJar, ExportOptions, Format, RequestContext, RequestUrl};
//!
//! let now = 1_700_000_000_000;
//! let mut jar = CookieJar::new();
//! let url = RequestUrl::from_parts("https", "www.example.com", "/")?;
//! jar.set_cookie("sid=abc; Max-Age=3600; Secure", &url, &RequestContext::default(), now).unwrap();
//! let saved = jar.export(Format::Netscape, now, &ExportOptions::default());
//! assert!(saved.ends_with("www.example.com\tFALSE\t/\tTRUE\t1700003600\tsid\tabc\n"));
//!
//! let mut restored = CookieJar::new();
//! let report = restored.import(Format::Netscape, &saved, now).unwrap();
//! assert_eq!((report.restored, report.skipped.len()), (1, 0));
//! # Ok::<(), cookie_engine::UrlError>(())
//! ```

mod bytes;
mod canonical_url;
mod cookie;
mod date;
mod decision;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod host;
mod jar;
mod parse;
mod path;
mod persist;
mod policy;
mod psl;
mod request;
mod site;
mod sort;
#[cfg(any(test, target_arch = "wasm32"))]
mod wasm;

pub use cookie::{Cookie, CookieRecord, Priority, SameSite};
pub use decision::{Rejection, Stored, Warning, Withheld};
pub use jar::{Change, ChangeCause, ConfigError, CookieJar, JarConfig, Limits, RetrievalDecision};
pub use parse::set_cookie_warning;
pub use persist::{ExportOptions, Format, FormatError, FormatErrorKind, ImportReport, Position, Skipped};
pub use policy::{
    CallbackError, DomainRule, Policy, PolicyCallbacks, PolicyError, ThirdParty, UnspecifiedSameSite,
};
pub use request::{is_safe_method, Api, RequestContext, RequestUrl, SiteForCookies, UrlError};
pub use site::Site;

/// A point in time: milliseconds since the Unix epoch, as JavaScript's `Date.now()` returns.
pub type UnixMillis = i64;
