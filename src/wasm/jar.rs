//! The JavaScript binding (wasm-bindgen): converts arguments and results and turns bad
//! arguments into `TypeError`/`RangeError`. It holds no cookie logic: every decision is the
//! core's. A rejected cookie is a value, never an exception.

use js_sys::{Array, Function, Object, RangeError, Reflect, TypeError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::request::CanonicalUrlMemo;
use crate::{
    is_safe_method, Api, Cookie, CookieJar as Jar, JarConfig, Limits, Rejection, RequestContext, RequestUrl,
    Site, SiteForCookies, Stored, UnixMillis, Withheld,
};

/// Talc instead of the default dlmalloc: a fraction of its size and faster (the download and
/// the per-call cost are both budgets).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen]
extern "C" {
    /// The host's WHATWG `URL`: it canonicalizes hosts (IDNA, IPv4 forms) as browsers do.
    #[wasm_bindgen(js_name = URL)]
    type HostUrl;

    #[wasm_bindgen(constructor, js_class = "URL", catch)]
    fn new(input: &JsValue) -> Result<HostUrl, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn protocol(this: &HostUrl) -> String;

    #[wasm_bindgen(method, getter)]
    fn hostname(this: &HostUrl) -> String;

    #[wasm_bindgen(method, getter)]
    fn pathname(this: &HostUrl) -> String;

    #[wasm_bindgen(method, getter)]
    fn href(this: &HostUrl) -> String;
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Where a request comes from. Omitted: a first-party (same-site) request. */
export interface RequestContext {
  /** 'script' is the non-HTTP API (document.cookie semantics): no HttpOnly cookies. Default 'http'. */
  api?: 'http' | 'script';
  /** The URL of the top-level document: the partition key of partitioned cookies (CHIPS), and the site for cookies unless `siteForCookies` is given. */
  topLevelUrl?: string | URL;
  /** The site for cookies of the request's client; null for an opaque origin (always cross-site). */
  siteForCookies?: string | URL | null;
  /** The request method, default 'GET' (unsafe methods limit SameSite=Lax cookies cross-site). */
  method?: string;
  /** Whether the request is a top-level navigation (default false). */
  navigation?: boolean;
}

/** Options of a new jar. */
export interface CookieJarOptions {
  /** The clock, in milliseconds since the epoch; default Date.now. */
  now?: () => number;
  /** Limits; cookies over a limit are evicted (expired, then non-secure, then least recently used). */
  limits?: {
    /** Cookies per site (registrable domain); default 180. */
    perSite?: number;
    /** What a site is purged down to; default 150. */
    perSitePurgeTo?: number;
    /** Cookies in the jar; default 3300. */
    total?: number;
    /** What the jar is purged down to; default 3000. */
    totalPurgeTo?: number;
    /** Bytes of names and values per partition and site (CHIPS); default 10240. */
    partitionedBytesPerSite?: number;
  };
  /** The cap on Max-Age and Expires, in seconds; default 400 days. */
  maxAgeSeconds?: number;
  /** How long a cookie without SameSite is still sent on cross-site top-level POSTs (ms); default 120000, 0 turns it off. */
  laxAllowingUnsafeMs?: number;
}

/** A stored cookie, every field. Times are milliseconds since the epoch. */
export interface StoredCookie {
  name: string;
  value: string;
  /** The host (host-only cookies) or the Domain attribute, without a leading dot. */
  domain: string;
  path: string;
  /** null for a session cookie. */
  expires: number | null;
  creationTime: number;
  lastAccessTime: number;
  hostOnly: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'strict' | 'lax' | 'none' | 'default';
  /** The top-level site of a partitioned cookie (CHIPS), e.g. "https://example.com"; null otherwise. */
  partitionKey: string | null;
  priority: 'low' | 'medium' | 'high';
}

/** What storing one Set-Cookie line did. */
export interface SetDecision {
  /** Whether the jar now holds the cookie. */
  stored: boolean;
  /** new, replaced, deleted (an expired cookie removed its twin), expired (nothing changed) or rejected. */
  outcome: 'new' | 'replaced' | 'deleted' | 'expired' | 'rejected';
  /** Why it was rejected, a stable code such as 'secure-prefix'; null when not rejected. */
  code: string | null;
  /** The rule, for people, with its spec step; null when not rejected. */
  message: string | null;
}

/** A stored cookie considered for a request, and whether it is sent. */
export interface RequestDecision {
  cookie: StoredCookie;
  sent: boolean;
  /** Why it is withheld, a stable code such as 'secure'; null when sent. */
  code: string | null;
  message: string | null;
}
"#;

/// A cookie jar with the storage and retrieval rules of browsers (RFC 6265bis, CHIPS).
#[wasm_bindgen]
pub struct CookieJar {
    jar: Jar,
    clock: Option<Function>,
    /// The strings of the transfer calls (see `header_for_transfer`).
    transfer: Vec<u8>,
    /// The URL of the last transfer call, split.
    last_url: CanonicalUrlMemo,
}

/// What a transfer call returns when the general method must handle the call.
const USE_GENERAL_METHOD: i32 = -1;

#[wasm_bindgen]
impl CookieJar {
    /// A new, empty jar. Throws a TypeError or RangeError for invalid options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "CookieJarOptions")] options: Option<JsValue>,
    ) -> Result<CookieJar, JsValue> {
        let options = options.unwrap_or(JsValue::UNDEFINED);
        let clock = optional(&options, "now")?
            .map(|now| now.dyn_into::<Function>().map_err(|_| type_error("options.now must be a function")))
            .transpose()?;
        let config = jar_config(&options)?;
        let jar = Jar::with_config(config).map_err(|e| JsValue::from(RangeError::new(e.message())))?;
        Ok(CookieJar { jar, clock, transfer: Vec::new(), last_url: CanonicalUrlMemo::default() })
    }

    /// Stores the cookies of one or more Set-Cookie header field values received from `url`.
    /// Returns how many were stored; rejected cookies are not errors (see `setCookie`).
    #[wasm_bindgen(js_name = setFromHeader)]
    pub fn set_from_header(
        &mut self,
        #[wasm_bindgen(js_name = setCookie, unchecked_param_type = "string | string[]")] set_cookie: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | URL")] url: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestContext")] context: Option<JsValue>,
    ) -> Result<u32, JsValue> {
        let lines = set_cookie_lines(&set_cookie)?;
        let context = request_context(context.as_ref())?;
        let now = self.now()?;
        let mut stored = 0;
        with_request_url(&url, &mut |request| {
            for line in &lines {
                stored +=
                    u32::from(self.jar.set_cookie(line, request, &context, now).is_ok_and(Stored::is_stored));
            }
        })?;
        Ok(stored)
    }

    /// Stores one Set-Cookie line from `url` and says what happened, and why.
    #[wasm_bindgen(js_name = setCookie, unchecked_return_type = "SetDecision")]
    pub fn set_cookie(
        &mut self,
        #[wasm_bindgen(js_name = setCookie, unchecked_param_type = "string")] set_cookie: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | URL")] url: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestContext")] context: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let line = set_cookie.as_string().ok_or_else(|| type_error("setCookie expects a string"))?;
        let context = request_context(context.as_ref())?;
        let now = self.now()?;
        let mut result = Err(Rejection::NonCookieableScheme);
        with_request_url(&url, &mut |request| result = self.jar.set_cookie(&line, request, &context, now))?;
        let (outcome, rejection) = match result {
            Ok(Stored::New) => ("new", None),
            Ok(Stored::Replaced) => ("replaced", None),
            Ok(Stored::Deleted) => ("deleted", None),
            Ok(Stored::Expired) => ("expired", None),
            Err(rejection) => ("rejected", Some(rejection)),
        };
        let decision = Object::new();
        set(&decision, "stored", result.is_ok_and(Stored::is_stored).into());
        set(&decision, "outcome", outcome.into());
        set(&decision, "code", or_null(rejection.map(Rejection::code)));
        set(&decision, "message", or_null(rejection.map(Rejection::message)));
        Ok(decision.into())
    }

    /// The Cookie header field value for a request to `url`; '' when no cookie applies. With
    /// `{ api: 'script' }`, what `document.cookie` would return.
    #[wasm_bindgen(js_name = headerFor)]
    pub fn header_for(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | URL")] url: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestContext")] context: Option<JsValue>,
    ) -> Result<String, JsValue> {
        let context = request_context(context.as_ref())?;
        let now = self.now()?;
        let mut header = String::new();
        with_request_url(&url, &mut |request| header = self.jar.cookie_header(request, &context, now))?;
        Ok(header)
    }

    /// Every stored cookie considered for a request to `url`: those sent, in header order, then
    /// those withheld, with the reason. Changes nothing.
    #[wasm_bindgen(js_name = explainRequest, unchecked_return_type = "RequestDecision[]")]
    pub fn explain_request(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | URL")] url: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestContext")] context: Option<JsValue>,
    ) -> Result<Array, JsValue> {
        let context = request_context(context.as_ref())?;
        let now = self.now()?;
        let decisions = Array::new();
        with_request_url(&url, &mut |request| {
            for decision in self.jar.explain_retrieval(request, &context, now) {
                let object = Object::new();
                set(&object, "cookie", cookie_object(decision.cookie).into());
                set(&object, "sent", decision.withheld.is_none().into());
                set(&object, "code", or_null(decision.withheld.map(Withheld::code)));
                set(&object, "message", or_null(decision.withheld.map(Withheld::message)));
                decisions.push(&object);
            }
        })?;
        Ok(decisions)
    }

    /// The stored cookies as plain objects: all of them, oldest first, or, given a URL, those a
    /// request to it would send, in header order (without counting as an access).
    #[wasm_bindgen(unchecked_return_type = "StoredCookie[]")]
    pub fn cookies(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string | URL")] url: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestContext")] context: Option<JsValue>,
    ) -> Result<Array, JsValue> {
        let now = self.now()?;
        let cookies = Array::new();
        let Some(url) = url else {
            for cookie in self.jar.cookies_in_creation_order(now) {
                cookies.push(&cookie_object(cookie));
            }
            return Ok(cookies);
        };
        let context = request_context(context.as_ref())?;
        with_request_url(&url, &mut |request| {
            for decision in self.jar.explain_retrieval(request, &context, now) {
                if decision.withheld.is_none() {
                    cookies.push(&cookie_object(decision.cookie));
                }
            }
        })?;
        Ok(cookies)
    }

    /// Removes the cookies named `name` on `options.domain` (and `options.path`, if given), host-only
    /// or not, in every partition. Returns how many were removed.
    pub fn delete(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "{ domain: string; path?: string }")] options: JsValue,
    ) -> Result<u32, JsValue> {
        let name = name.as_string().ok_or_else(|| type_error("delete expects a cookie name string"))?;
        let domain = optional(&options, "domain")?
            .and_then(|d| d.as_string())
            .ok_or_else(|| type_error("delete expects { domain: string, path?: string }"))?;
        let path = match optional(&options, "path")? {
            None => None,
            Some(path) => Some(path.as_string().ok_or_else(|| type_error("options.path must be a string"))?),
        };
        Ok(self.jar.delete(&name, &domain, path.as_deref()) as u32)
    }

    /// Removes every cookie.
    pub fn clear(&mut self) {
        self.jar.clear();
    }

    /// Evicts expired cookies now (they are never sent either way). Returns how many.
    #[wasm_bindgen(js_name = removeExpired)]
    pub fn remove_expired(&mut self) -> Result<u32, JsValue> {
        let now = self.now()?;
        Ok(self.jar.remove_expired(now) as u32)
    }

    /// Ends the session: removes the session cookies (those without Max-Age or Expires).
    #[wasm_bindgen(js_name = endSession)]
    pub fn end_session(&mut self) -> u32 {
        self.jar.end_session() as u32
    }

    /// How many unexpired cookies the jar holds.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> Result<u32, JsValue> {
        let now = self.now()?;
        Ok(self.jar.cookies(now).count() as u32)
    }

    // The transfer calls: what the package's `CookieJar` (js/transfer.js) calls for the common
    // case, a string URL and no context, instead of `headerFor` and `setFromHeader`. The JS side
    // writes the UTF-8 arguments into this jar's transfer buffer, Set-Cookie lines at its start
    // and the URL at `url_start` (where it can stay for the next call with the same URL), and
    // reads the result back from its start: no wasm-bindgen string allocation, JsValue, or clock
    // import per call. Not API: they return USE_GENERAL_METHOD when the general method must
    // decide (a URL that is not canonical, or the jar's own clock, which is JS code that could
    // reenter and overwrite the buffer), before changing anything.

    /// The transfer buffer's address after growing it to at least `capacity` bytes; its
    /// capacity is `__transferCapacity`.
    #[wasm_bindgen(js_name = __transferBuffer, skip_typescript)]
    pub fn transfer_buffer(&mut self, capacity: usize) -> usize {
        if self.transfer.len() < capacity {
            self.transfer.resize(capacity, 0);
        }
        self.transfer.as_ptr() as usize
    }

    #[wasm_bindgen(js_name = __transferCapacity, skip_typescript)]
    pub fn transfer_capacity(&self) -> usize {
        self.transfer.len()
    }

    /// `headerFor(url)` with the URL's `url_len` bytes at `url_start` of the transfer buffer, and
    /// the host's `Date.now()`: the header's length, its bytes left at the buffer's start.
    #[wasm_bindgen(js_name = __headerForTransfer, skip_typescript)]
    pub fn header_for_transfer(&mut self, url_start: usize, url_len: usize, host_now: f64) -> i32 {
        let url = transferred_url(&mut self.last_url, &self.transfer, url_start, url_len)
            .filter(|_| self.clock.is_none());
        let Some(url) = url else {
            return USE_GENERAL_METHOD;
        };
        let header =
            self.jar.cookie_header_str(&url, &RequestContext::default(), host_now as UnixMillis).as_bytes();
        if self.transfer.len() < header.len() {
            self.transfer.resize(header.len(), 0);
        }
        match (self.transfer.get_mut(..header.len()), i32::try_from(header.len())) {
            (Some(out), Ok(len)) => {
                out.copy_from_slice(header);
                len
            }
            _ => USE_GENERAL_METHOD,
        }
    }

    /// `setFromHeader(lines, url)` with the lines at the transfer buffer's start, `lines_len`
    /// bytes of them, each as its length (u32, little-endian) then its UTF-8 bytes, and the URL's
    /// `url_len` bytes at `url_start`: how many cookies were stored.
    #[wasm_bindgen(js_name = __setFromHeaderTransfer, skip_typescript)]
    pub fn set_from_header_transfer(
        &mut self,
        lines_len: usize,
        url_start: usize,
        url_len: usize,
        host_now: f64,
    ) -> i32 {
        let url = transferred_url(&mut self.last_url, &self.transfer, url_start, url_len)
            .filter(|_| self.clock.is_none());
        let Some(url) = url else { return USE_GENERAL_METHOD };
        let mut lines = self.transfer.get(..lines_len).unwrap_or_default();
        let context = RequestContext::default();
        let mut stored = 0;
        while let Some((length, rest)) = lines.split_first_chunk::<4>() {
            let Some((line, rest)) = rest.split_at_checked(u32::from_le_bytes(*length) as usize) else {
                break;
            };
            lines = rest;
            // TextEncoder.encodeInto wrote the line: it is UTF-8.
            if let Ok(line) = std::str::from_utf8(line) {
                let result = self.jar.set_cookie(line, &url, &context, host_now as UnixMillis);
                stored += i32::from(result.is_ok_and(Stored::is_stored));
            }
        }
        stored
    }

    fn now(&self) -> Result<UnixMillis, JsValue> {
        let Some(clock) = &self.clock else {
            return Ok(js_sys::Date::now() as UnixMillis);
        };
        // An exception thrown by the user's clock reaches the caller unchanged.
        let value = clock.call0(&JsValue::UNDEFINED)?;
        match value.as_f64() {
            Some(ms) if ms.is_finite() => Ok(ms as UnixMillis),
            _ => Err(type_error("options.now() must return a finite number of milliseconds")),
        }
    }
}

/// A stored cookie as a plain object: every field, times in milliseconds since the epoch.
fn cookie_object(cookie: &Cookie) -> Object {
    let object = Object::new();
    set(&object, "name", cookie.name().into());
    set(&object, "value", cookie.value().into());
    set(&object, "domain", cookie.domain().into());
    set(&object, "path", cookie.path().into());
    set(&object, "expires", cookie.expires().map_or(JsValue::NULL, |ms| (ms as f64).into()));
    set(&object, "creationTime", (cookie.creation_time() as f64).into());
    set(&object, "lastAccessTime", (cookie.last_access_time() as f64).into());
    set(&object, "hostOnly", cookie.host_only().into());
    set(&object, "secure", cookie.secure().into());
    set(&object, "httpOnly", cookie.http_only().into());
    set(&object, "sameSite", lowercase(cookie.same_site().as_str()).into());
    set(&object, "partitionKey", or_null(cookie.partition_key()));
    set(&object, "priority", lowercase(cookie.priority().as_str()).into());
    object
}

/// The JS spelling of an attribute value ("Strict" -> "strict").
fn lowercase(value: &str) -> String {
    value.to_ascii_lowercase()
}

/// A string, or `null` (what the JS API uses for "none").
fn or_null(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

fn set(object: &Object, key: &str, value: JsValue) {
    // Defining a property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), &value);
}

fn type_error(message: &str) -> JsValue {
    TypeError::new(message).into()
}

/// `object[key]` when `object` is an object and the property is neither undefined nor absent.
fn optional(object: &JsValue, key: &str) -> Result<Option<JsValue>, JsValue> {
    if object.is_undefined() || object.is_null() {
        return Ok(None);
    }
    if !object.is_object() {
        return Err(type_error("options and context must be objects"));
    }
    let value = Reflect::get(object, &JsValue::from_str(key))?;
    Ok((!value.is_undefined()).then_some(value))
}

fn optional_number(object: &JsValue, key: &str) -> Result<Option<f64>, JsValue> {
    match optional(object, key)? {
        None => Ok(None),
        Some(value) => match value.as_f64() {
            Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => Ok(Some(n)),
            _ => Err(RangeError::new(&[key, " must be a non-negative integer"].concat()).into()),
        },
    }
}

fn jar_config(options: &JsValue) -> Result<JarConfig, JsValue> {
    let mut config = JarConfig::default();
    if let Some(limits) = optional(options, "limits")? {
        let defaults = Limits::default();
        let get = |key: &str, default: usize| -> Result<usize, JsValue> {
            Ok(optional_number(&limits, key)?.map_or(default, |n| n as usize))
        };
        config.limits = Limits {
            per_site: get("perSite", defaults.per_site)?,
            per_site_purge_to: get("perSitePurgeTo", defaults.per_site_purge_to)?,
            total: get("total", defaults.total)?,
            total_purge_to: get("totalPurgeTo", defaults.total_purge_to)?,
            partitioned_bytes_per_site: get("partitionedBytesPerSite", defaults.partitioned_bytes_per_site)?,
        };
    }
    if let Some(seconds) = optional_number(options, "maxAgeSeconds")? {
        config.max_age_seconds = seconds as i64;
    }
    if let Some(ms) = optional_number(options, "laxAllowingUnsafeMs")? {
        config.lax_allowing_unsafe_millis = ms as i64;
    }
    Ok(config)
}

/// The module's memory, where the JS side of the transfer calls reads and writes.
#[wasm_bindgen(js_name = __memory, skip_typescript)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The canonical URL at `start..start + len` of a transfer buffer; `None` leaves the call to
/// the general method.
fn transferred_url<'a>(
    memo: &'a mut CanonicalUrlMemo,
    transfer: &[u8],
    start: usize,
    len: usize,
) -> Option<RequestUrl<'a>> {
    memo.parse(transfer.get(start..start.checked_add(len)?)?)
}

fn set_cookie_lines(value: &JsValue) -> Result<Vec<String>, JsValue> {
    if let Some(line) = value.as_string() {
        return Ok(vec![line]);
    }
    let not_lines = || type_error("setFromHeader expects a Set-Cookie string or an array of strings");
    let array = value.dyn_ref::<Array>().ok_or_else(not_lines)?;
    array.iter().map(|line| line.as_string().ok_or_else(not_lines)).collect()
}

/// Runs `f` with the request URL of a string or `URL` argument. A canonical URL is split in
/// place (no call out to JavaScript); any other is parsed by the host's `URL`. (`f` is a trait
/// object so that this code exists once in the wasm, not once per caller.)
fn with_request_url(value: &JsValue, f: &mut dyn FnMut(&RequestUrl<'_>)) -> Result<(), JsValue> {
    let text = match value.as_string() {
        Some(text) => text,
        None => value.dyn_ref::<HostUrl>().ok_or_else(|| type_error("url must be a string or a URL"))?.href(),
    };
    if let Some(url) = RequestUrl::parse_canonical(&text) {
        f(&url);
        return Ok(());
    }
    let url = HostUrl::new(value).map_err(|_| type_error(&["invalid URL: ", &text].concat()))?;
    let protocol = url.protocol();
    let (host, path) = (url.hostname(), url.pathname());
    let request = RequestUrl::from_parts(protocol.strip_suffix(':').unwrap_or(&protocol), host, path)
        .map_err(|_| type_error(&["invalid URL host: ", &text].concat()))?;
    f(&request);
    Ok(())
}

fn site_of(value: &JsValue) -> Result<Site, JsValue> {
    let mut site = None;
    with_request_url(value, &mut |url| site = Some(url.site()))?;
    site.ok_or_else(|| type_error("invalid URL"))
}

fn request_context(value: Option<&JsValue>) -> Result<RequestContext, JsValue> {
    let mut context = RequestContext::default();
    let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(context);
    };
    if !value.is_object() || value.is_instance_of::<Array>() {
        return Err(type_error("context must be an object"));
    }
    context.api = match optional(value, "api")?.map(|api| api.as_string()) {
        None => Api::Http,
        Some(Some(api)) if api == "http" => Api::Http,
        Some(Some(api)) if api == "script" => Api::NonHttp,
        Some(_) => return Err(type_error("context.api must be 'http' or 'script'")),
    };
    if let Some(top) = optional(value, "topLevelUrl")? {
        let site = site_of(&top)?;
        context.site_for_cookies = SiteForCookies::Site(site.clone());
        context.top_level_site = Some(site);
    }
    if let Some(site_for_cookies) = optional(value, "siteForCookies")? {
        context.site_for_cookies = if site_for_cookies.is_null() {
            SiteForCookies::Opaque
        } else {
            SiteForCookies::Site(site_of(&site_for_cookies)?)
        };
    }
    if let Some(method) = optional(value, "method")? {
        let method = method.as_string().ok_or_else(|| type_error("context.method must be a string"))?;
        // Fetch normalizes standard method names to upper case.
        context.safe_method = is_safe_method(&method.to_ascii_uppercase());
    }
    if let Some(navigation) = optional(value, "navigation")? {
        context.top_level_navigation =
            navigation.as_bool().ok_or_else(|| type_error("context.navigation must be a boolean"))?;
    }
    Ok(context)
}
