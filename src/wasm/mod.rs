//! The JavaScript binding (wasm-bindgen). It converts arguments and results and turns bad
//! arguments into `TypeError`/`RangeError`; every decision is the core's, and a rejected cookie
//! is a value, never an exception.
//!
//! The generated class is not the package's API: the package's `CookieJar` (js/cookie_jar.js)
//! holds one in a private field, reads the clock, and passes `now` into every call.
//!
//! - `jar.rs`: the exported class, one delegation per method;
//! - `convert.rs`: JavaScript values to core types and back;
//! - `transfer.rs`: the transfer calls, a shorter way in for `headerFor(url)` and
//!   `setFromHeader(lines, url)` (its buffer decoding and URL memo also build natively, for tests).

#[cfg(target_arch = "wasm32")]
mod convert;
#[cfg(target_arch = "wasm32")]
mod jar;
mod transfer;
