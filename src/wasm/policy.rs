//! The policy's JavaScript side: `options.policy` and `setPolicy(policy)` to the core's
//! `Policy`, and the `accept` and `send` functions as the core's `PolicyCallbacks`.

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::convert::{
    check_keys, cookie_json, optional, optional_number, plain_array, thrown_message, type_error,
    url_hostname, with_cause,
};
use crate::{CallbackError, Cookie, DomainRule, Policy, PolicyCallbacks, ThirdParty, UnspecifiedSameSite};

const POLICY: &[&str] = &[
    "blockedDomains",
    "allowedDomains",
    "thirdParty",
    "unspecifiedSameSite",
    "laxAllowingUnsafeMs",
    "accept",
    "send",
];

/// The policy's callbacks, as given.
#[derive(Default)]
pub(super) struct JsCallbacks {
    accept: Option<Function>,
    send: Option<Function>,
}

impl JsCallbacks {
    pub(super) fn any(&self) -> bool {
        self.accept.is_some() || self.send.is_some()
    }
}

/// The policy `value` describes (`undefined`: the default), and its callbacks. `lax_alias` is the
/// top-level `laxAllowingUnsafeMs` option, which the policy's field replaces.
pub(super) fn policy_from(value: &JsValue, lax_alias: Option<f64>) -> Result<(Policy, JsCallbacks), JsValue> {
    let mut policy = Policy::default();
    if let Some(ms) = lax_alias {
        policy.lax_allowing_unsafe_millis = ms as i64;
    }
    if value.is_undefined() || value.is_null() {
        return Ok((policy, JsCallbacks::default()));
    }
    if !value.is_object() || value.is_instance_of::<Array>() {
        return Err(type_error("the policy must be an object"));
    }
    check_keys(value, "the policy", POLICY)?;
    if let Some(blocked) = optional(value, "blockedDomains")? {
        policy.blocked_domains = domain_rules(&blocked, "policy.blockedDomains")?;
    }
    if let Some(allowed) = optional(value, "allowedDomains")? {
        policy.allowed_domains = Some(domain_rules(&allowed, "policy.allowedDomains")?);
    }
    policy.third_party = match optional(value, "thirdParty")?.map(|mode| mode.as_string()) {
        None => ThirdParty::Allow,
        Some(Some(mode)) if mode == "allow" => ThirdParty::Allow,
        Some(Some(mode)) if mode == "block" => ThirdParty::Block,
        Some(Some(mode)) if mode == "partitioned-only" => ThirdParty::PartitionedOnly,
        Some(_) => {
            return Err(type_error("policy.thirdParty must be 'allow', 'block' or 'partitioned-only'"))
        }
    };
    policy.unspecified_same_site = match optional(value, "unspecifiedSameSite")?.map(|mode| mode.as_string())
    {
        None => UnspecifiedSameSite::Lax,
        Some(Some(mode)) if mode == "lax" => UnspecifiedSameSite::Lax,
        Some(Some(mode)) if mode == "none" => UnspecifiedSameSite::None,
        Some(_) => return Err(type_error("policy.unspecifiedSameSite must be 'lax' or 'none'")),
    };
    if let Some(ms) = optional_number(value, "policy.", "laxAllowingUnsafeMs")? {
        if lax_alias.is_some() {
            return Err(type_error(
                "laxAllowingUnsafeMs is given twice: as an option and in the policy (the option is an alias of the policy's)",
            ));
        }
        policy.lax_allowing_unsafe_millis = ms as i64;
    }
    let callbacks = JsCallbacks { accept: callback(value, "accept")?, send: callback(value, "send")? };
    Ok((policy, callbacks))
}

fn callback(policy: &JsValue, key: &'static str) -> Result<Option<Function>, JsValue> {
    optional(policy, key)?
        .map(|f| {
            f.dyn_into::<Function>()
                .map_err(|_| type_error(&["policy.", key, " must be a function"].concat()))
        })
        .transpose()
}

/// A list of entries: "example.com" (that host) or ".example.com" (the domain and its
/// subdomains); an IDN in Unicode is turned into its ASCII form, as a URL's host is.
fn domain_rules(value: &JsValue, what: &str) -> Result<Vec<DomainRule>, JsValue> {
    let entries = plain_array(value, what)?
        .ok_or_else(|| type_error(&[what, " must be an array of strings"].concat()))?;
    entries
        .iter()
        .map(|entry| {
            let entry = entry
                .as_string()
                .ok_or_else(|| type_error(&[what, " must be an array of strings"].concat()))?;
            DomainRule::parse(&ascii_host(&entry))
                .map_err(|e| type_error(&[what, ": ", &e.to_string()].concat()))
        })
        .collect()
}

/// `entry` with its host in ASCII (the host's `URL` does IDNA), keeping a leading dot.
fn ascii_host(entry: &str) -> String {
    if entry.is_ascii() {
        return entry.to_owned();
    }
    let (dot, host) = match entry.strip_prefix('.') {
        Some(host) => (".", host),
        None => ("", entry),
    };
    match url_hostname(&["http://", host, "/"].concat()) {
        Some(ascii) => [dot, &ascii].concat(),
        None => entry.to_owned(),
    }
}

/// The callbacks of one call, with the call's URL and context (as the caller gave them), and
/// the error a callback threw, if one did.
pub(super) struct CallHooks<'a> {
    callbacks: &'a JsCallbacks,
    url: &'a JsValue,
    context: &'a JsValue,
    error: Option<JsValue>,
}

impl<'a> CallHooks<'a> {
    pub(super) fn new(callbacks: &'a JsCallbacks, url: &'a JsValue, context: &'a JsValue) -> Self {
        CallHooks { callbacks, url, context, error: None }
    }

    /// The error that aborted the call: the callback's, wrapped in an Error that names it.
    pub(super) fn error(self) -> JsValue {
        self.error.unwrap_or_else(|| type_error("a policy callback failed"))
    }

    /// `true` or `false` from the callback `name`, given the cookie as `cookies()` gives it.
    fn ask(
        &mut self,
        name: &str,
        callback: Option<&Function>,
        cookie: &Cookie,
    ) -> Result<bool, CallbackError> {
        let Some(callback) = callback else { return Ok(true) };
        let object = js_sys::JSON::parse(&cookie_json(cookie)).unwrap_or(JsValue::UNDEFINED);
        let answer = callback.call3(&JsValue::UNDEFINED, &object, self.url, self.context);
        match answer.map(|value| value.as_bool()) {
            Ok(Some(answer)) => Ok(answer),
            Ok(None) => {
                self.error = Some(type_error(&["policy.", name, " must return true or false"].concat()));
                Err(CallbackError)
            }
            Err(thrown) => {
                self.error = Some(wrapped(name, thrown));
                Err(CallbackError)
            }
        }
    }
}

impl PolicyCallbacks for CallHooks<'_> {
    fn accept(&mut self, cookie: &Cookie) -> Result<bool, CallbackError> {
        self.ask("accept", self.callbacks.accept.as_ref(), cookie)
    }

    fn send(&mut self, cookie: &Cookie) -> Result<bool, CallbackError> {
        self.ask("send", self.callbacks.send.as_ref(), cookie)
    }
}

/// An Error saying which callback threw what, with the thrown value as its `cause`.
fn wrapped(name: &str, thrown: JsValue) -> JsValue {
    let what = thrown_message(&thrown);
    let error = js_sys::Error::new(&["the policy's ", name, " callback threw: ", &what].concat());
    with_cause(error.into(), thrown)
}
