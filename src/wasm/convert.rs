//! JavaScript values to core types and back. Bad arguments become `TypeError`s (invalid numbers
//! `RangeError`s) that name what is wrong; nothing here decides about cookies.

use std::cell::RefCell;

use js_sys::{Array, Object, RangeError, Reflect, SyntaxError, TypeError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::policy::{policy_from, JsCallbacks};
use crate::persist::json::ObjectWriter;
use crate::persist::snapshot::{self, CookieMembers};
use crate::persist::ParsedRecord;
use crate::{
    is_safe_method, Api, Change, Cookie, FormatError, FormatErrorKind, ImportReport, JarConfig, Limits,
    Policy, Position, Rejection, RequestContext, RequestUrl, RetrievalDecision, Site, SiteForCookies, Stored,
    Warning, Withheld,
};

#[wasm_bindgen]
extern "C" {
    /// The host's WHATWG `URL`: it canonicalizes hosts (IDNA, IPv4 forms) as browsers do.
    #[wasm_bindgen(js_name = URL)]
    type HostUrl;

    #[wasm_bindgen(constructor, js_class = "URL", catch)]
    fn new(input: &JsValue) -> Result<HostUrl, JsValue>;

    // The getters are only read on URLs made here (never on the caller's object, whose class
    // may override them), and catch all the same: no exception ever unwinds through the jar.
    #[wasm_bindgen(method, getter, catch)]
    fn protocol(this: &HostUrl) -> Result<String, JsValue>;

    #[wasm_bindgen(method, getter, catch)]
    fn hostname(this: &HostUrl) -> Result<String, JsValue>;

    #[wasm_bindgen(method, getter, catch)]
    fn pathname(this: &HostUrl) -> Result<String, JsValue>;

    #[wasm_bindgen(method, getter, catch)]
    fn href(this: &HostUrl) -> Result<String, JsValue>;

    // A call into JavaScript that can run the caller's code (a Proxy's traps, an iterator) must
    // catch: an exception that unwound through the binding would leave the jar borrowed for ever
    // (wasm-bindgen's "recursive use of an object") and the binding's own state half-changed.

    /// `Object.keys`.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn own_keys(object: &JsValue) -> Result<Array, JsValue>;

    /// `Array.from`: an array of the caller's (or a Proxy of one) copied into a plain one, whose
    /// reads run no code of the caller's.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_copy(array: &JsValue) -> Result<Array, JsValue>;
}

pub(super) fn type_error(message: &str) -> JsValue {
    TypeError::new(message).into()
}

fn range_error(message: &str) -> JsValue {
    RangeError::new(message).into()
}

/// A TypeError for an argument that could not be read: reading `what` threw `thrown` (a getter,
/// a Proxy's trap or an iterator of the caller's), which becomes the error's `cause`.
pub(super) fn unreadable(what: &str, thrown: JsValue) -> JsValue {
    let error = TypeError::new(&[what, " could not be read: ", &thrown_message(&thrown)].concat());
    with_cause(error.into(), thrown)
}

/// `error` with `cause` as its `cause` property.
pub(super) fn with_cause(error: JsValue, cause: JsValue) -> JsValue {
    // Defining a property on an Error just made cannot fail.
    let _ = with_key("cause", |key| Reflect::set(&error, key, &cause));
    error
}

/// What a thrown value says: an Error's message, a string, or that it is neither. An Error's
/// `message` is read through `Reflect` (a catching call): it may be a getter of the caller's.
pub(super) fn thrown_message(thrown: &JsValue) -> String {
    let message = if thrown.is_instance_of::<js_sys::Error>() {
        with_key("message", |key| Reflect::get(thrown, key)).ok().and_then(|message| message.as_string())
    } else {
        thrown.as_string()
    };
    message.unwrap_or_else(|| "a value that is not an Error".to_owned())
}

/// A plain copy of `value` when it is an array (or a Proxy of one); `None` when it is not one.
pub(super) fn plain_array(value: &JsValue, what: &str) -> Result<Option<Array>, JsValue> {
    if !value.is_instance_of::<Array>() {
        return Ok(None);
    }
    array_copy(value).map(Some).map_err(|thrown| unreadable(what, thrown))
}

/// `object[key]` when `object` is an object and the property is neither undefined nor absent.
pub(super) fn optional(object: &JsValue, key: &'static str) -> Result<Option<JsValue>, JsValue> {
    if object.is_undefined() || object.is_null() {
        return Ok(None);
    }
    if !object.is_object() {
        return Err(type_error("options and context must be objects"));
    }
    let value = with_key(key, |key| Reflect::get(object, key))
        .map_err(|thrown| unreadable(&["the '", key, "' option"].concat(), thrown))?;
    Ok((!value.is_undefined()).then_some(value))
}

pub(super) fn optional_number(
    object: &JsValue,
    what: &str,
    key: &'static str,
) -> Result<Option<f64>, JsValue> {
    match optional(object, key)? {
        None => Ok(None),
        Some(value) => match value.as_f64() {
            Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => Ok(Some(n)),
            _ => Err(range_error(&[what, key, " must be a non-negative integer"].concat())),
        },
    }
}

/// Rejects an object that has an own enumerable key outside `known` (a typo such as
/// `maxAgeSecs` would otherwise be ignored silently), naming the key.
pub(super) fn check_keys(object: &JsValue, what: &str, known: &[&str]) -> Result<(), JsValue> {
    if !object.is_object() {
        return Ok(());
    }
    let keys = own_keys(object).map_err(|thrown| unreadable(&[what, "'s keys"].concat(), thrown))?;
    for key in keys.iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(type_error(
                &[what, " has no option '", &key, "' (known: ", &known.join(", "), ")"].concat(),
            ));
        }
    }
    Ok(())
}

const OPTIONS: &[&str] = &["now", "limits", "maxAgeSeconds", "laxAllowingUnsafeMs", "policy"];
const LIMITS: &[&str] = &["perSite", "perSitePurgeTo", "total", "totalPurgeTo", "partitionedBytesPerSite"];
const CONTEXT: &[&str] = &["api", "topLevelUrl", "siteForCookies", "method", "navigation", "sameSite"];

/// The jar configuration of `new CookieJar(options)`, and its policy's callbacks. `now` is the
/// JavaScript layer's.
pub(super) fn jar_config(options: &JsValue) -> Result<(JarConfig, JsCallbacks), JsValue> {
    if !options.is_undefined()
        && !options.is_null()
        && (!options.is_object() || options.is_instance_of::<Array>())
    {
        return Err(type_error("new CookieJar(options): options must be an object"));
    }
    if let Some(library) = serialized_jar(options)? {
        return Err(type_error(
            &["new CookieJar(options) was given a serialized cookie jar (", &library, "), not options"]
                .concat(),
        ));
    }
    check_keys(options, "new CookieJar(options)", OPTIONS)?;
    let mut config = JarConfig::default();
    if let Some(limits) = optional(options, "limits")? {
        if !limits.is_object() {
            return Err(type_error("options.limits must be an object"));
        }
        check_keys(&limits, "options.limits", LIMITS)?;
        let defaults = Limits::default();
        let get = |key: &'static str, default: usize| -> Result<usize, JsValue> {
            Ok(optional_number(&limits, "options.limits.", key)?.map_or(default, |n| n as usize))
        };
        config.limits = Limits {
            per_site: get("perSite", defaults.per_site)?,
            per_site_purge_to: get("perSitePurgeTo", defaults.per_site_purge_to)?,
            total: get("total", defaults.total)?,
            total_purge_to: get("totalPurgeTo", defaults.total_purge_to)?,
            partitioned_bytes_per_site: get("partitionedBytesPerSite", defaults.partitioned_bytes_per_site)?,
        };
    }
    if let Some(seconds) = optional_number(options, "options.", "maxAgeSeconds")? {
        config.max_age_seconds = seconds as i64;
    }
    // The top-level laxAllowingUnsafeMs is an alias of the policy's.
    let lax_alias = optional_number(options, "options.", "laxAllowingUnsafeMs")?;
    let (policy, callbacks) =
        policy_from(&optional(options, "policy")?.unwrap_or(JsValue::UNDEFINED), lax_alias)?;
    config.policy = policy;
    Ok((config, callbacks))
}

/// What a saved jar of another library says it is, when `options` plainly is one: an object with
/// a `cookies` array (tough-cookie's `serialize()` also has `version: "tough-cookie@6.1.0"`).
fn serialized_jar(options: &JsValue) -> Result<Option<String>, JsValue> {
    let Some(cookies) = optional(options, "cookies")? else { return Ok(None) };
    if !cookies.is_instance_of::<Array>() {
        return Ok(None);
    }
    // A string only: formatting a number would bring float formatting (~20 KB) into the wasm.
    let version = optional(options, "version")?.and_then(|v| v.as_string());
    Ok(Some(
        version.map_or_else(|| "an object with a cookies array".to_owned(), |v| ["version ", &v].concat()),
    ))
}

/// The lines of `setFromHeader`: one string or an array of strings.
pub(super) fn set_cookie_lines(value: &JsValue) -> Result<Vec<String>, JsValue> {
    if let Some(line) = value.as_string() {
        return Ok(vec![line]);
    }
    let not_lines =
        || type_error("setFromHeader expects a Set-Cookie string, an array of them, or a response's headers");
    let array = plain_array(value, "setFromHeader's lines")?.ok_or_else(not_lines)?;
    array.iter().map(|line| line.as_string().ok_or_else(not_lines)).collect()
}

/// Runs `f` with the request URL of a string or `URL` argument. A canonical URL is split in
/// place (no call out to JavaScript); any other is parsed by the host's `URL`. (`f` is a trait
/// object so that this code exists once in the wasm, not once per caller.)
pub(super) fn with_request_url(value: &JsValue, f: &mut dyn FnMut(&RequestUrl<'_>)) -> Result<(), JsValue> {
    let not_a_url = || type_error("url must be a string or a URL");
    let (text, parsed) = match value.as_string() {
        Some(text) => (text, None),
        // A URL object is read by making a URL of our own from it (the constructor reads its
        // text, or calls a subclass's toString, inside a catching call).
        None if value.is_instance_of::<HostUrl>() => {
            let url = HostUrl::new(value).map_err(|_| not_a_url())?;
            (url.href().map_err(|_| not_a_url())?, Some(url))
        }
        None => return Err(not_a_url()),
    };
    if let Some(url) = RequestUrl::parse_canonical(&text) {
        f(&url);
        return Ok(());
    }
    let invalid = || type_error(&["invalid URL: ", &text].concat());
    let url = match parsed {
        Some(url) => url,
        None => HostUrl::new(value).map_err(|_| invalid())?,
    };
    let (protocol, host, path) = match (url.protocol(), url.hostname(), url.pathname()) {
        (Ok(protocol), Ok(host), Ok(path)) => (protocol, host, path),
        _ => return Err(invalid()),
    };
    let request = RequestUrl::from_parts(protocol.strip_suffix(':').unwrap_or(&protocol), host, path)
        .map_err(|_| type_error(&["invalid URL host: ", &text].concat()))?;
    f(&request);
    Ok(())
}

/// The hostname the host's `URL` gives `text`, if it parses.
pub(super) fn url_hostname(text: &str) -> Option<String> {
    HostUrl::new(&JsValue::from_str(text)).ok().and_then(|url| url.hostname().ok())
}

fn site_of(value: &JsValue) -> Result<Site, JsValue> {
    let mut site = None;
    with_request_url(value, &mut |url| site = Some(url.site()))?;
    site.ok_or_else(|| type_error("invalid URL"))
}

/// The request context of `headerFor(url, context)` and the other calls: omitted, a first-party
/// HTTP request.
pub(super) fn request_context(value: &JsValue) -> Result<RequestContext, JsValue> {
    let mut context = RequestContext::default();
    if value.is_undefined() || value.is_null() {
        return Ok(context);
    }
    if !value.is_object() || value.is_instance_of::<Array>() {
        return Err(type_error("context must be an object"));
    }
    check_keys(value, "context", CONTEXT)?;
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
    // The SameSite relation, for a caller that knows it rather than the sites (tough-cookie's
    // sameSiteContext): it decides over topLevelUrl and siteForCookies, which still give the
    // partition key.
    if let Some(same_site) = optional(value, "sameSite")? {
        let (site_for_cookies, navigation, safe) = match same_site.as_string().as_deref() {
            Some("strict") => {
                (SiteForCookies::SameAsRequest, context.top_level_navigation, context.safe_method)
            }
            Some("lax") => (SiteForCookies::Opaque, true, true),
            Some("none") => (SiteForCookies::Opaque, false, context.safe_method),
            _ => return Err(type_error("context.sameSite must be 'strict', 'lax' or 'none'")),
        };
        context.site_for_cookies = site_for_cookies;
        context.top_level_navigation = navigation;
        context.safe_method = safe;
    }
    Ok(context)
}

/// `delete(name, { domain, path? })`'s options.
pub(super) fn delete_target(options: &JsValue) -> Result<(String, Option<String>), JsValue> {
    let usage = || type_error("delete expects { domain: string, path?: string }");
    if !options.is_object() {
        return Err(usage());
    }
    check_keys(options, "delete(name, options)", &["domain", "path"])?;
    let domain = optional(options, "domain")?.and_then(|d| d.as_string()).ok_or_else(usage)?;
    let path = match optional(options, "path")? {
        None => None,
        Some(path) => Some(path.as_string().ok_or_else(|| type_error("options.path must be a string"))?),
    };
    Ok((domain, path))
}

/// What `setCookie` returns: `{ stored, outcome, code, message, warning }`. `message` says why
/// it was rejected, and what the warning is about, if there is one.
pub(super) fn set_decision(
    result: Result<Stored, Rejection>,
    warning: Option<Warning>,
    policy: &Policy,
) -> Object {
    let (outcome, rejection) = match result {
        Ok(stored) => (stored.code(), None),
        Err(rejection) => ("rejected", Some(rejection)),
    };
    let rejected = rejection.map(|rejection| rejection_message(rejection, policy));
    let message = match (rejected, warning) {
        (Some(rejected), Some(warning)) => Some([&rejected, "; ", warning.message()].concat()),
        (rejected, warning) => rejected.or(warning.map(|warning| warning.message().to_owned())),
    };
    let decision = Object::new();
    set(&decision, "stored", result.is_ok_and(Stored::is_stored).into());
    set(&decision, "outcome", outcome.into());
    set(&decision, "code", or_null(rejection.map(Rejection::code)));
    set(&decision, "message", or_null(message.as_deref()));
    set(&decision, "warning", or_null(warning.map(Warning::code)));
    decision
}

// Speed: the cookie objects of `cookies`, `explainRequest`, the snapshot and the change events
// cross as one JSON text that the JavaScript side parses (`JSON.parse` is native), rather than as
// objects built member by member through `Reflect` (3-4x slower for a jar's worth of cookies).

/// Cookies as a JSON array of the API's cookie objects (`StoredCookie`, the snapshot's members).
pub(super) fn cookies_json<'c>(cookies: impl IntoIterator<Item = &'c Cookie>) -> String {
    json_array(cookies, &mut |out, cookie| write_cookie_object(out, cookie))
}

/// `explainRequest`'s entries: `[{ cookie, sent, code, message }]`, as JSON.
pub(super) fn decisions_json(decisions: &[RetrievalDecision<'_>], policy: &Policy) -> String {
    json_array(decisions, &mut |out, decision| {
        let mut object = ObjectWriter::new(out, false);
        object.raw("cookie", &cookie_json(decision.cookie));
        object.bool("sent", decision.withheld.is_none());
        object.string_or_null("code", decision.withheld.map(Withheld::code));
        let message = decision.withheld.map(|withheld| match withheld {
            Withheld::BlockedDomain(entry) => with_entry(withheld.message(), policy.blocked_entry(entry)),
            withheld => withheld.message().to_owned(),
        });
        object.string_or_null("message", message.as_deref());
        object.end();
    })
}

/// A rejection's message; a blocked domain's names the entry that matched.
fn rejection_message(rejection: Rejection, policy: &Policy) -> String {
    match rejection {
        Rejection::BlockedDomain(entry) => with_entry(rejection.message(), policy.blocked_entry(entry)),
        rejection => rejection.message().to_owned(),
    }
}

fn with_entry(message: &str, entry: Option<&str>) -> String {
    match entry {
        Some(entry) => [message, " (the entry \"", entry, "\")"].concat(),
        None => message.to_owned(),
    }
}

/// `takeChanges`' entries: `[{ cause, cookie }]`, as JSON.
pub(super) fn changes_json(changes: &[Change]) -> String {
    json_array(changes, &mut |out, change| {
        let mut object = ObjectWriter::new(out, false);
        object.string("cause", change.cause.code());
        object.raw("cookie", &cookie_json(&change.cookie));
        object.end();
    })
}

pub(super) fn cookie_json(cookie: &Cookie) -> String {
    let mut out = String::new();
    write_cookie_object(&mut out, cookie);
    out
}

fn write_cookie_object(out: &mut String, cookie: &Cookie) {
    let mut object = ObjectWriter::new(out, false);
    snapshot::write_cookie(&mut object, cookie.view());
    object.end();
}

/// `items` as a JSON array, each written by `write`.
fn json_array<T>(items: impl IntoIterator<Item = T>, write: &mut dyn FnMut(&mut String, T)) -> String {
    let mut out = String::from("[");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(&mut out, item);
    }
    out.push(']');
    out
}

/// A saved jar that is not its format: a SyntaxError, or a TypeError for a wrong shape.
pub(super) fn format_error(error: FormatError) -> JsValue {
    let message = error.to_string();
    match error.kind {
        FormatErrorKind::Syntax => SyntaxError::new(&message).into(),
        FormatErrorKind::Shape => TypeError::new(&message).into(),
    }
}

/// The cookies of our own snapshot given as an object, `{ version: 1, cookies: [...] }`, read
/// by the same reader as its JSON text (`persist::snapshot`), through `Reflect`: the jar's module
/// needs no JSON reader.
pub(super) fn snapshot_records(snapshot: &JsValue) -> Result<Vec<ParsedRecord>, FormatError> {
    if !snapshot.is_object() || snapshot.is_instance_of::<Array>() {
        return Err(FormatError::shape(None, "a snapshot is an object { version: 1, cookies: [...] }"));
    }
    let version = member(snapshot, "version");
    if version.as_ref().and_then(JsValue::as_f64) != Some(1.0) {
        return Err(snapshot::version_error(version.as_ref().and_then(JsValue::as_string).as_deref()));
    }
    let cookies = member(snapshot, "cookies")
        .map(|cookies| plain_array(&cookies, "\"cookies\""))
        .transpose()
        .map_err(|_| FormatError::shape(None, "\"cookies\" could not be read"))?
        .flatten()
        .ok_or_else(|| FormatError::shape(None, "\"cookies\" must be an array"))?;
    let mut records = Vec::with_capacity(cookies.length() as usize);
    for (index, cookie) in cookies.iter().enumerate() {
        let members = JsCookieMembers { cookie: &cookie, index };
        if !cookie.is_object() {
            return Err(members.error("a cookie must be an object".into()));
        }
        records.push(ParsedRecord {
            position: Position::Index(index),
            record: snapshot::read_record(&members)?,
        });
    }
    Ok(records)
}

/// `object[key]`, unless it is missing, null or undefined (or a getter threw).
fn member(object: &JsValue, key: &'static str) -> Option<JsValue> {
    with_key(key, |key| Reflect::get(object, key))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

/// A snapshot cookie given as a JavaScript object.
struct JsCookieMembers<'a> {
    cookie: &'a JsValue,
    index: usize,
}

impl JsCookieMembers<'_> {
    fn wrong_type(&self, key: &str, expected: &str, found: &JsValue) -> FormatError {
        let found = found.js_typeof().as_string().unwrap_or_default();
        self.error(["\"", key, "\" must be ", expected, ", not a ", &found].concat())
    }
}

impl JsCookieMembers<'_> {
    /// The member `key` read as `read` converts it; a missing or null one is `None`, one that
    /// `read` refuses a shape error. Speed: the conversion is tried first, so that a member of
    /// the right type costs two calls into JavaScript, not four.
    fn read<T>(
        &self,
        key: &'static str,
        expected: &str,
        read: fn(&JsValue) -> Option<T>,
    ) -> Result<Option<T>, FormatError> {
        let value = with_key(key, |key| Reflect::get(self.cookie, key))
            .map_err(|_| self.error(["\"", key, "\" could not be read"].concat()))?;
        match read(&value) {
            Some(found) => Ok(Some(found)),
            None if value.is_undefined() || value.is_null() => Ok(None),
            None => Err(self.wrong_type(key, expected, &value)),
        }
    }
}

impl CookieMembers for JsCookieMembers<'_> {
    fn string(&self, key: &'static str) -> Result<Option<String>, FormatError> {
        self.read(key, "a string", JsValue::as_string)
    }

    fn boolean(&self, key: &'static str) -> Result<Option<bool>, FormatError> {
        self.read(key, "a boolean", JsValue::as_bool)
    }

    fn integer(&self, key: &'static str) -> Result<Option<i64>, FormatError> {
        self.read(key, "a number", |value| value.as_f64().filter(|n| n.is_finite()).map(|n| n as i64))
    }

    fn error(&self, message: String) -> FormatError {
        FormatError::shape(Some(Position::Index(self.index)), message)
    }
}

/// What an import did: `{ imported, skipped: [{ index, code, message }] }` (positions in the
/// snapshot; the formats module's JavaScript maps them back to its lines or indexes).
pub(super) fn import_result(report: &ImportReport) -> Object {
    let skipped: Array = report
        .skipped
        .iter()
        .map(|skipped| {
            let entry = Object::new();
            let (key, at) = match skipped.position {
                Position::Index(index) => ("index", index),
                Position::Line(line) => ("line", line),
            };
            set(&entry, key, (at as f64).into());
            set(&entry, "code", skipped.code.into());
            set(&entry, "message", skipped.message.as_str().into());
            JsValue::from(entry)
        })
        .collect();
    let result = Object::new();
    set(&result, "imported", (report.restored as f64).into());
    set(&result, "skipped", skipped.into());
    result
}

/// A string, or `null` (what the JS API uses for "none").
fn or_null(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

fn set(object: &Object, key: &'static str, value: JsValue) {
    // Defining a property on a fresh plain object cannot fail.
    let _ = with_key(key, |key| Reflect::set(object, key, &value));
}

thread_local! {
    /// The property names the binding reads and writes, made into JavaScript strings once.
    static KEYS: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `key` as a JavaScript string. Speed: a name converted once, not at every
/// property read (a snapshot's thousand cookies read thirteen members each).
///
/// `f` runs under a shared borrow of the table only: it may run the caller's code (a getter),
/// which may call into the binding again (another jar's options); such a nested call finds the
/// table borrowed, and converts a name it does not find afresh instead of adding it.
fn with_key<T>(key: &'static str, f: impl FnOnce(&JsValue) -> T) -> T {
    KEYS.with(|keys| {
        if let Ok(mut table) = keys.try_borrow_mut() {
            if !table.iter().any(|(name, _)| *name == key) {
                table.push((key, JsValue::from_str(key)));
            }
        }
        let table = keys.try_borrow();
        match table.as_ref().ok().and_then(|table| table.iter().find(|(name, _)| *name == key)) {
            Some((_, interned)) => f(interned),
            None => f(&JsValue::from_str(key)),
        }
    })
}
