//! The exported class: one delegation per method. `now` (milliseconds since the epoch) comes
//! first in every call that depends on time: the JavaScript layer reads the clock before the
//! call crosses into wasm, so no user code runs while the jar is borrowed.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use super::convert::{
    changes_json, cookies_json, decisions_json, delete_target, format_error, import_result, jar_config,
    request_context, set_cookie_lines, set_decision, snapshot_records, with_request_url,
};
use super::policy::{policy_from, CallHooks, JsCallbacks};
use super::transfer::{Transfer, USE_GENERAL_METHOD};
use crate::{set_cookie_warning, CookieJar as Jar, ExportOptions, Rejection, RequestUrl, Stored, UnixMillis};

/// The jar as the package's JavaScript `CookieJar` holds it (never handed to users).
#[wasm_bindgen(js_name = WasmCookieJar)]
pub struct CookieJar {
    jar: Jar,
    transfer: Transfer,
    /// The policy's accept and send functions: with either, every call goes through the core's
    /// `*_with` methods, which undo a call whose callback throws.
    callbacks: JsCallbacks,
}

#[wasm_bindgen(js_class = WasmCookieJar)]
impl CookieJar {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<CookieJar, JsValue> {
        let (config, callbacks) = jar_config(&options)?;
        let jar =
            Jar::with_config(config).map_err(|e| JsValue::from(js_sys::RangeError::new(e.message())))?;
        Ok(CookieJar { jar, transfer: Transfer::default(), callbacks })
    }

    /// Replaces the whole policy (`undefined`: the default).
    #[wasm_bindgen(js_name = setPolicy)]
    pub fn set_policy(&mut self, policy: JsValue) -> Result<(), JsValue> {
        let (policy, callbacks) = policy_from(&policy, None)?;
        self.jar.set_policy(policy).map_err(|e| JsValue::from(js_sys::RangeError::new(e.message())))?;
        self.callbacks = callbacks;
        Ok(())
    }

    /// Whether the policy has callbacks (then the package's `CookieJar` guards against reentry).
    /// Asked here rather than read from the policy in JavaScript, which a getter could answer
    /// differently the second time.
    #[wasm_bindgen(js_name = hasCallbacks)]
    pub fn has_callbacks(&self) -> bool {
        self.callbacks.any()
    }

    #[wasm_bindgen(js_name = setFromHeader)]
    pub fn set_from_header(
        &mut self,
        now: f64,
        lines: JsValue,
        url: JsValue,
        context: JsValue,
    ) -> Result<u32, JsValue> {
        let lines = set_cookie_lines(&lines)?;
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let mut decisions = Ok(Vec::new());
        self.receive(now, &lines, &url, &context, &mut decisions)?;
        Ok(decisions?.iter().filter(|decision| decision.is_ok_and(Stored::is_stored)).count() as u32)
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
        let mut decisions = Ok(Vec::new());
        self.receive(now, &[&line], &url, &context, &mut decisions)?;
        let result = decisions?.first().copied().unwrap_or(Err(Rejection::NonCookieableScheme));
        Ok(set_decision(result, set_cookie_warning(&line), &self.jar.config().policy).into())
    }

    #[wasm_bindgen(js_name = headerFor)]
    pub fn header_for(&mut self, now: f64, url: JsValue, context: JsValue) -> Result<String, JsValue> {
        let context_value = context;
        let context = request_context(&context_value)?;
        let (jar, callbacks) = (&mut self.jar, &self.callbacks);
        let mut header = Ok(String::new());
        with_request_url(&url, &mut |request| {
            header = if callbacks.any() {
                let mut hooks = CallHooks::new(callbacks, &url, &context_value);
                jar.cookie_header_with(request, &context, now as UnixMillis, &mut hooks)
                    .map_err(|_| hooks.error())
            } else {
                Ok(jar.cookie_header(request, &context, now as UnixMillis))
            };
        })?;
        header
    }

    /// The decisions, as JSON (see convert.rs).
    #[wasm_bindgen(js_name = explainRequest)]
    pub fn explain_request(&self, now: f64, url: JsValue, context: JsValue) -> Result<String, JsValue> {
        let policy = &self.jar.config().policy;
        self.explain(now, &url, &context, &mut |decisions| decisions_json(decisions, policy))
    }

    /// Every cookie, oldest first, when `url` is undefined; else those a request would send. As
    /// JSON (see convert.rs).
    pub fn cookies(&self, now: f64, url: JsValue, context: JsValue) -> Result<String, JsValue> {
        if url.is_undefined() {
            return Ok(cookies_json(self.jar.cookies_in_creation_order(now as UnixMillis)));
        }
        self.explain(now, &url, &context, &mut |decisions| {
            cookies_json(decisions.iter().filter(|d| d.withheld.is_none()).map(|d| d.cookie))
        })
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

    /// (A policy with callbacks takes the general methods.)
    #[wasm_bindgen(js_name = headerForTransfer)]
    pub fn header_for_transfer(&mut self, now: f64, url_start: usize, url_len: usize) -> i32 {
        if self.callbacks.any() {
            return USE_GENERAL_METHOD;
        }
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
        if self.callbacks.any() {
            return USE_GENERAL_METHOD;
        }
        self.transfer.set_from_header(&mut self.jar, lines_len, url_start, url_len, now as UnixMillis)
    }
}

impl CookieJar {
    /// Stores `lines` from `url`, putting each line's decision in `decisions`; through the
    /// callbacks if the policy has any (then a callback that throws puts the error there, and
    /// the jar undoes the call). The outer error is a bad URL or context.
    fn receive(
        &mut self,
        now: f64,
        lines: &[&str],
        url: &JsValue,
        context_value: &JsValue,
        decisions: &mut Result<Vec<Result<Stored, Rejection>>, JsValue>,
    ) -> Result<(), JsValue> {
        let context = request_context(context_value)?;
        let (jar, callbacks) = (&mut self.jar, &self.callbacks);
        with_request_url(url, &mut |request| {
            *decisions = if callbacks.any() {
                let mut hooks = CallHooks::new(callbacks, url, context_value);
                jar.set_cookies_with(lines, request, &context, now as UnixMillis, &mut hooks)
                    .map_err(|_| hooks.error())
            } else {
                Ok(lines
                    .iter()
                    .map(|line| jar.set_cookie(line, request, &context, now as UnixMillis))
                    .collect())
            };
        })
    }

    /// What `write` makes of the decisions on a request to `url`, with the callbacks' verdicts
    /// if the policy has any.
    fn explain(
        &self,
        now: f64,
        url: &JsValue,
        context_value: &JsValue,
        write: &mut dyn FnMut(&[crate::RetrievalDecision<'_>]) -> String,
    ) -> Result<String, JsValue> {
        let context = request_context(context_value)?;
        let mut result = Ok(String::new());
        with_request_url(url, &mut |request: &RequestUrl<'_>| {
            result = if self.callbacks.any() {
                let mut hooks = CallHooks::new(&self.callbacks, url, context_value);
                match self.jar.explain_retrieval_with(request, &context, now as UnixMillis, &mut hooks) {
                    Ok(decisions) => Ok(write(&decisions)),
                    Err(_) => Err(hooks.error()),
                }
            } else {
                Ok(write(&self.jar.explain_retrieval(request, &context, now as UnixMillis)))
            };
        })?;
        result
    }
}
