//! The formats module: a WebAssembly module of its own (the crate built with the
//! `formats-module` feature) that converts the formats of other tools (Netscape cookies.txt,
//! LWP, tough-cookie, Playwright, the DevTools protocol) to and from our own snapshot, which the
//! jar's module imports and exports. Size: the jar's module, which every service worker
//! downloads, carries only the snapshot's parser and writer. It decides nothing about cookies:
//! the jar's module checks every record it imports.

use js_sys::{Array, SyntaxError, TypeError};
use wasm_bindgen::prelude::*;

use crate::persist::{self, Format, FormatError, FormatErrorKind, Position};
use crate::UnixMillis;

/// `text`, saved in `format`, as our snapshot: `[snapshot JSON, positions]`, where
/// `positions[i]` is the line (text formats) or index (JSON formats) of the snapshot's cookie
/// `i` in `text`.
#[wasm_bindgen(js_name = toSnapshot)]
pub fn to_snapshot(format: &str, text: &str, now: f64) -> Result<Array, JsValue> {
    let parsed = persist::parse(format_named(format)?, text, now as UnixMillis).map_err(format_error)?;
    let records: Vec<_> = parsed.iter().map(|parsed| parsed.record.clone()).collect();
    let positions: Array = parsed
        .iter()
        .map(|parsed| match parsed.position {
            Position::Index(at) | Position::Line(at) => JsValue::from(at as f64),
        })
        .collect();
    Ok(Array::of2(&persist::snapshot::write(&records).into(), &positions))
}

/// Our snapshot's cookies written in `format`.
#[wasm_bindgen(js_name = fromSnapshot)]
pub fn from_snapshot(format: &str, snapshot: &str, now: f64) -> Result<String, JsValue> {
    let format = format_named(format)?;
    let parsed = persist::snapshot::parse(snapshot, now as UnixMillis).map_err(format_error)?;
    let records: Vec<_> = parsed.into_iter().map(|parsed| parsed.record).collect();
    Ok(persist::write(format, &records))
}

fn format_named(name: &str) -> Result<Format, JsValue> {
    Format::from_name(name).ok_or_else(|| TypeError::new(&["unknown format: ", name].concat()).into())
}

/// A text that is not its format: a SyntaxError, or a TypeError for a wrong shape.
fn format_error(error: FormatError) -> JsValue {
    let message = error.to_string();
    match error.kind {
        FormatErrorKind::Syntax => SyntaxError::new(&message).into(),
        FormatErrorKind::Shape => TypeError::new(&message).into(),
    }
}
