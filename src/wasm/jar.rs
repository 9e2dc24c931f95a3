//! The exported class: one delegation per method. `now` (milliseconds since the epoch) comes
//! first in every call that depends on time: the JavaScript layer reads the clock before the
//! call crosses into wasm, so no user code runs while the jar is borrowed.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use super::convert::{
    changes_json, cookies_json, decisions_json, delete_target, format_error, import_result, jar_config,
    request_context, set_cookie_lines, set_decision, snapshot_records, with_request_url,
};
use super::transfer::Transfer;
use crate::{set_cookie_warning, CookieJar as Jar, ExportOptions, Rejection, Stored, UnixMillis};

/// The jar as the package's JavaScript `CookieJar` holds it (never handed to users).
#[wasm_bindgen(js_name = WasmCookieJar)]
pub struct CookieJar {
    jar: Jar,
    transfer: Transfer,
}

#[wasm_bindgen(js_class = WasmCookieJar)]
impl CookieJar {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<CookieJar, JsValue> {
        let jar = Jar::with_config(jar_config(&options)?)
            .map_err(|e| JsValue::from(js_sys::RangeError::new(e.message())))?;
        Ok(CookieJar { jar, transfer: Transfer::default() })
    }

    #[wasm_bindgen(js_name = setFromHeader)]
    pub fn set_from_header(
        &mut self,
        now: f64,
        lines: JsValue,
        url: JsValue,
        context: JsValue,
    ) -> Result<u32, JsValue> {
        let (lines, context) = (set_cookie_lines(&lines)?, request_context(&context)?);
        let mut stored = 0;
        with_request_url(&url, &mut |request| {
            for line in &lines {
                let result = self.jar.set_cookie(line, request, &context, now as UnixMillis);
                stored += u32::from(result.is_ok_and(Stored::is_stored));
            }
        })?;
        Ok(stored)
    }

    #[wasm_bindgen(js_name = setCookie)]
    pub fn set_cookie(
        &mut self,
        now: f64,
        line: JsValue,
        url: JsValue,
        context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let line =
            line.as_string().ok_or_else(|| super::convert::type_error("setCookie expects a string"))?;
        let context = request_context(&context)?;
        let mut result = Err(Rejection::NonCookieableScheme);
        with_request_url(&url, &mut |request| {
            result = self.jar.set_cookie(&line, request, &context, now as UnixMillis);
        })?;
        Ok(set_decision(result, set_cookie_warning(&line)).into())
    }

    #[wasm_bindgen(js_name = headerFor)]
    pub fn header_for(&mut self, now: f64, url: JsValue, context: JsValue) -> Result<String, JsValue> {
        let context = request_context(&context)?;
        let mut header = String::new();
        with_request_url(&url, &mut |request| {
            header = self.jar.cookie_header(request, &context, now as UnixMillis);
        })?;
        Ok(header)
    }

    /// The decisions, as JSON (see convert.rs).
    #[wasm_bindgen(js_name = explainRequest)]
    pub fn explain_request(&self, now: f64, url: JsValue, context: JsValue) -> Result<String, JsValue> {
        let context = request_context(&context)?;
        let mut decisions = String::new();
        with_request_url(&url, &mut |request| {
            decisions = decisions_json(&self.jar.explain_retrieval(request, &context, now as UnixMillis));
        })?;
        Ok(decisions)
    }

    /// Every cookie, oldest first, when `url` is undefined; else those a request would send. As
    /// JSON (see convert.rs).
    pub fn cookies(&self, now: f64, url: JsValue, context: JsValue) -> Result<String, JsValue> {
        if url.is_undefined() {
            return Ok(cookies_json(self.jar.cookies_in_creation_order(now as UnixMillis)));
        }
        let context = request_context(&context)?;
        let mut cookies = String::new();
        with_request_url(&url, &mut |request| {
            let decisions = self.jar.explain_retrieval(request, &context, now as UnixMillis);
            cookies = cookies_json(decisions.iter().filter(|d| d.withheld.is_none()).map(|d| d.cookie));
        })?;
        Ok(cookies)
    }

    pub fn delete(&mut self, name: JsValue, options: JsValue) -> Result<u32, JsValue> {
        let name = name
            .as_string()
            .ok_or_else(|| super::convert::type_error("delete expects a cookie name string"))?;
        let (domain, path) = delete_target(&options)?;
        Ok(self.jar.delete(&name, &domain, path.as_deref()) as u32)
    }

    pub fn clear(&mut self) {
        self.jar.clear();
    }

    #[wasm_bindgen(js_name = removeExpired)]
    pub fn remove_expired(&mut self, now: f64) -> u32 {
        self.jar.remove_expired(now as UnixMillis) as u32
    }

    #[wasm_bindgen(js_name = endSession)]
    pub fn end_session(&mut self) -> u32 {
        self.jar.end_session() as u32
    }

    #[wasm_bindgen(js_name = recordChanges)]
    pub fn record_changes(&mut self, on: bool) {
        self.jar.record_changes(on);
    }

    /// The changes since the last call, oldest first: `[{ cause, cookie }]` as JSON.
    #[wasm_bindgen(js_name = takeChanges)]
    pub fn take_changes(&mut self) -> String {
        changes_json(&self.jar.take_changes())
    }

    /// Restores the cookies of our own snapshot, `{ version: 1, cookies }` as an object:
    /// `{ imported, skipped: [{ index, code, message }] }`, or a TypeError that changed nothing.
    #[wasm_bindgen(js_name = importSnapshot)]
    pub fn import_snapshot(&mut self, now: f64, snapshot: JsValue) -> Result<Object, JsValue> {
        let parsed = snapshot_records(&snapshot).map_err(format_error)?;
        Ok(import_result(&self.jar.import_records(&parsed, now as UnixMillis)))
    }

    /// The cookies of our own snapshot, oldest first, as `cookies()` gives them (JSON).
    #[wasm_bindgen(js_name = exportSnapshot)]
    pub fn export_snapshot(&self, now: f64, include_session: bool, include_expired: bool) -> String {
        let options = ExportOptions { include_session, include_expired };
        cookies_json(self.jar.cookies_to_save(now as UnixMillis, &options))
    }

    /// How many unexpired cookies the jar holds.
    pub fn size(&self, now: f64) -> u32 {
        self.jar.cookies(now as UnixMillis).count() as u32
    }

    // The transfer calls (see transfer.rs).

    #[wasm_bindgen(js_name = transferBuffer)]
    pub fn transfer_buffer(&mut self, capacity: usize) -> usize {
        self.transfer.reserve(capacity)
    }

    #[wasm_bindgen(js_name = transferCapacity)]
    pub fn transfer_capacity(&self) -> usize {
        self.transfer.capacity()
    }

    #[wasm_bindgen(js_name = headerForTransfer)]
    pub fn header_for_transfer(&mut self, now: f64, url_start: usize, url_len: usize) -> i32 {
        self.transfer.header_for(&mut self.jar, url_start, url_len, now as UnixMillis)
    }

    #[wasm_bindgen(js_name = setFromHeaderTransfer)]
    pub fn set_from_header_transfer(
        &mut self,
        now: f64,
        lines_len: usize,
        url_start: usize,
        url_len: usize,
    ) -> i32 {
        self.transfer.set_from_header(&mut self.jar, lines_len, url_start, url_len, now as UnixMillis)
    }
}
