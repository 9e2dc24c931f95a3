//! The floor of a call (see Cargo.toml): what `headerFor(url)` and `setFromHeader(line, url)`
//! cost through wasm-bindgen when the engine does nothing.

use wasm_bindgen::prelude::wasm_bindgen;

/// `headerFor`'s floor: the URL in, `now` (Date.now(), read by the caller) in, a header of
/// `header_len` bytes out (the caller knows the real header's length for each URL).
#[wasm_bindgen(js_name = headerFor)]
pub fn header_for(url: &str, now: f64, header_len: usize) -> String {
    // Something of the inputs, so that neither is dead; `repeat` copies in doubling blocks, as
    // the engine copies its header out of a buffer.
    let fill = if url.len() as f64 + now > 0.0 { "a" } else { "b" };
    fill.repeat(header_len)
}

/// `setFromHeader`'s floor for one line: the line and the URL in, `now` in, a count out.
#[wasm_bindgen(js_name = setFromHeader)]
pub fn set_from_header(line: &str, url: &str, now: f64) -> u32 {
    u32::from(line.len() + url.len() > 0 && now > 0.0)
}
