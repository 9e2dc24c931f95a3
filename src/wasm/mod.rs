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
//!
//! With the `formats-module` feature the crate builds a second, separate module instead:
//! `formats.rs`, which converts the formats of other tools to and from our own snapshot, so
//! that the jar's module carries only the snapshot's parser and writer.

#[cfg(all(target_arch = "wasm32", not(feature = "formats-module")))]
mod convert;
#[cfg(all(target_arch = "wasm32", feature = "formats-module"))]
mod formats;
#[cfg(all(target_arch = "wasm32", not(feature = "formats-module")))]
mod jar;
#[cfg(all(target_arch = "wasm32", not(feature = "formats-module")))]
mod policy;
#[cfg(any(test, not(feature = "formats-module")))]
mod transfer;

/// Talc instead of the default dlmalloc: a fraction of its size and faster (the download and
/// the per-call cost are both budgets).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
