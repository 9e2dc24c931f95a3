//! The cookie store: cookies indexed by site (registrable domain), the unit of the limits too.
//!
//! Speed: a retrieval for `www.example.com` looks up `www.example.com`, `example.com` and `com`,
//! one of which is its site: its cost does not grow with cookies of unrelated sites, and it needs
//! no suffix-list lookup.

mod changes;
mod evict;
mod restore;
mod retrieve;
mod site;
mod store;
mod transaction;

use std::fmt;

use crate::cookie::Cookie;
use crate::host::{canonical_host_kind, HostKind};
use crate::policy::Policy;
use crate::psl::RegistrableDomainMemo;
use crate::site::site_domain;
use crate::sort::sort_by_key;
use crate::UnixMillis;

use changes::ChangeLog;
pub use changes::{Change, ChangeCause};
pub use retrieve::RetrievalDecision;
use site::{DomainMap, PartitionCount, SiteCookies};

/// Limits on the number and size of stored cookies (6265bis 5.7, last paragraphs; 6265bis 6.1).
/// When a count goes over its maximum, cookies are evicted down to the purge target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Cookies per site (registrable domain), counted separately per CHIPS partition.
    pub per_site: usize,
    pub per_site_purge_to: usize,
    /// Cookies in the whole jar.
    pub total: usize,
    pub total_purge_to: usize,
    /// CHIPS: octets of names and values per partition and site.
    pub partitioned_bytes_per_site: usize,
}

impl Default for Limits {
    /// The numbers Chromium uses (`kDomainMaxCookies`, `kMaxCookies` and their purge targets; CHIPS
    /// counts 180 cookies and 10 KiB of names and values per partition and site).
    fn default() -> Self {
        Limits {
            per_site: 180,
            per_site_purge_to: 150,
            total: 3300,
            total_purge_to: 3000,
            partitioned_bytes_per_site: 10 * 1024,
        }
    }
}

/// How a jar behaves where the spec leaves a choice to the user agent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JarConfig {
    pub limits: Limits,
    /// The cookie age limit of 6265bis 5.5, in seconds (400 days).
    pub max_age_seconds: i64,
    /// The user's say: lists, third-party mode, SameSite enforcement (see `CookieJar::set_policy`).
    pub policy: Policy,
}

impl Default for JarConfig {
    fn default() -> Self {
        JarConfig {
            limits: Limits::default(),
            max_age_seconds: 400 * 24 * 60 * 60,
            policy: Policy::default(),
        }
    }
}

/// A configuration that cannot work: one variant per check of `JarConfig::validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConfigError {
    /// The per-site or the total limit is 0.
    ZeroLimit,
    /// A purge target is above its limit.
    PurgeTargetOverLimit,
    /// The cookie age limit (6265bis 5.5) is 0 or negative.
    NonPositiveAgeLimit,
    /// The Lax-allowing-unsafe window (6265bis 5.6.7.2) is negative.
    NegativeLaxAllowingUnsafe,
}

impl ConfigError {
    /// A stable code for programs to branch on.
    pub fn code(self) -> &'static str {
        match self {
            ConfigError::ZeroLimit => "zero-limit",
            ConfigError::PurgeTargetOverLimit => "purge-target-over-limit",
            ConfigError::NonPositiveAgeLimit => "non-positive-age-limit",
            ConfigError::NegativeLaxAllowingUnsafe => "negative-lax-allowing-unsafe",
        }
    }

    /// One sentence for people.
    pub fn message(self) -> &'static str {
        match self {
            ConfigError::ZeroLimit => "limits must allow at least one cookie",
            ConfigError::PurgeTargetOverLimit => "a purge target cannot exceed its limit",
            ConfigError::NonPositiveAgeLimit => "the cookie age limit must be positive",
            ConfigError::NegativeLaxAllowingUnsafe => "the Lax-allowing-unsafe window cannot be negative",
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ConfigError {}

impl JarConfig {
    fn validate(&self) -> Result<(), ConfigError> {
        let limits = &self.limits;
        if limits.per_site == 0 || limits.total == 0 {
            return Err(ConfigError::ZeroLimit);
        }
        if limits.per_site_purge_to > limits.per_site || limits.total_purge_to > limits.total {
            return Err(ConfigError::PurgeTargetOverLimit);
        }
        if self.max_age_seconds <= 0 {
            return Err(ConfigError::NonPositiveAgeLimit);
        }
        check_policy(&self.policy)
    }
}

/// What a policy must hold (its domain lists were checked when their entries were parsed).
fn check_policy(policy: &Policy) -> Result<(), ConfigError> {
    if policy.lax_allowing_unsafe_millis < 0 {
        return Err(ConfigError::NegativeLaxAllowingUnsafe);
    }
    Ok(())
}

/// Which cookies a removal takes, and why: `None` keeps the cookie. Size: a trait object, so
/// that each removal loop exists once in the wasm, not once per caller.
type Removal<'a> = &'a mut dyn FnMut(&Cookie) -> Option<ChangeCause>;

/// A cookie jar: the user agent's cookie store with the storage and retrieval models of
/// 6265bis. Every method that depends on time takes `now`, in milliseconds since the epoch.
#[derive(Debug, Default)]
pub struct CookieJar {
    config: JarConfig,
    sites: DomainMap<SiteCookies>,
    total: usize,
    next_seq: u64,
    /// Speed: reused by `cookie_header`, so that a retrieval allocates only its result.
    header_buffer: String,
    /// Speed: the last suffix-list lookups, which a response's lines mostly repeat.
    site_memo: RegistrableDomainMemo,
    changes: ChangeLog,
}

impl CookieJar {
    /// A jar with the default configuration.
    pub fn new() -> CookieJar {
        CookieJar::default()
    }

    pub fn with_config(config: JarConfig) -> Result<CookieJar, ConfigError> {
        config.validate()?;
        Ok(CookieJar { config, ..CookieJar::default() })
    }

    pub fn config(&self) -> &JarConfig {
        &self.config
    }

    /// How many cookies the jar holds, counting expired ones not yet evicted.
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// Every cookie that has not expired, in no particular order.
    pub fn cookies(&self, now: UnixMillis) -> impl Iterator<Item = &Cookie> {
        self.sites.values().flat_map(|site| site.cookies.iter()).filter(move |cookie| !cookie.is_expired(now))
    }

    /// Every cookie that has not expired, oldest first: in the order their identities were first
    /// stored (a replaced cookie keeps its place, as it keeps its creation-time).
    pub fn cookies_in_creation_order(&self, now: UnixMillis) -> Vec<&Cookie> {
        let mut cookies: Vec<&Cookie> = self.cookies(now).collect();
        sort_by_key(&mut cookies, |cookie| cookie.seq);
        cookies
    }

    /// Removes every cookie named `name` whose domain is `domain` (a leading dot and case are
    /// ignored), host-only or not, in every partition, and whose path is `path` when one is
    /// given. Returns how many were removed.
    pub fn delete(&mut self, name: &str, domain: &str, path: Option<&str>) -> usize {
        let domain = domain.strip_prefix('.').unwrap_or(domain).to_ascii_lowercase();
        let kind = canonical_host_kind(&domain).unwrap_or(HostKind::Domain);
        let site = site_domain(&domain, kind, |domain| self.site_memo.registrable_domain(domain));
        self.remove_in_site(site, &mut |cookie| {
            let matches = cookie.name() == name
                && cookie.domain() == domain
                && path.is_none_or(|path| cookie.path() == path);
            matches.then_some(ChangeCause::Explicit)
        })
    }

    /// Removes every cookie.
    pub fn clear(&mut self) {
        self.remove_where(&mut |_| Some(ChangeCause::Explicit));
    }

    /// Evicts every expired cookie (6265bis 5.7: expired cookies are evicted). Returns how many.
    pub fn remove_expired(&mut self, now: UnixMillis) -> usize {
        self.remove_where(&mut |cookie| cookie.is_expired(now).then_some(ChangeCause::Expired))
    }

    /// Ends the session: removes every cookie whose persistent-flag is false (6265bis 5.7).
    pub fn end_session(&mut self) -> usize {
        self.remove_where(&mut |cookie| (!cookie.persistent()).then_some(ChangeCause::Explicit))
    }

    /// Replaces the jar's policy (the user's say beyond the drafts': lists, third-party mode,
    /// SameSite enforcement). It applies to what the jar stores and sends from now on; cookies
    /// it already holds stay, and are withheld if the policy refuses them.
    pub fn set_policy(&mut self, policy: Policy) -> Result<(), ConfigError> {
        check_policy(&policy)?;
        self.config.policy = policy;
        Ok(())
    }

    /// Starts (or stops) recording every cookie the jar inserts or removes, with the cause, for
    /// `take_changes`. Not in the spec: change events, as the W3C Cookie Store API has them.
    /// While recording, the caller must take the changes from time to time: they accumulate.
    pub fn record_changes(&mut self, on: bool) {
        self.changes.set_recording(on);
    }

    /// The changes recorded since the last call, oldest first (empty when not recording). A
    /// replacement is the old cookie `Overwritten`, then the new one `Inserted`.
    pub fn take_changes(&mut self) -> Vec<Change> {
        self.changes.take()
    }

    /// Bytes used by the stored cookies and the index (heap blocks at their requested sizes).
    pub fn memory_size(&self) -> usize {
        let table = self.sites.capacity() * (std::mem::size_of::<(Box<str>, SiteCookies)>() + 1);
        let sites: usize = self
            .sites
            .iter()
            .map(|(key, site)| {
                key.len()
                    + site.cookies.capacity() * std::mem::size_of::<Cookie>()
                    + site.cookies.iter().map(Cookie::text_len).sum::<usize>()
                    + site
                        .partitions
                        .iter()
                        .map(|p| std::mem::size_of::<PartitionCount>() + p.key.len())
                        .sum::<usize>()
            })
            .sum();
        table + sites
    }

    /// Removes the cookies of `site` for which `cause` gives a cause, keeping the count and
    /// dropping the site once it is empty. Returns how many.
    fn remove_in_site(&mut self, site: &str, cause: Removal<'_>) -> usize {
        let Some(bucket) = self.sites.get_mut(site) else { return 0 };
        let removed = bucket.remove_where(cause, &mut self.changes);
        if bucket.cookies.is_empty() {
            self.sites.remove(site);
        }
        self.total -= removed;
        removed
    }

    /// Removes the cookies for which `cause` gives a cause, everywhere. Returns how many.
    fn remove_where(&mut self, cause: Removal<'_>) -> usize {
        let changes = &mut self.changes;
        let removed: usize = self.sites.values_mut().map(|site| site.remove_where(cause, changes)).sum();
        self.sites.retain(|_, site| !site.cookies.is_empty());
        self.total -= removed;
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each check of `validate` has its own stable code, and Display prints its sentence.
    #[test]
    fn config_errors() {
        let with_limits = |limits| JarConfig { limits, ..JarConfig::default() };
        let cases = [
            (with_limits(Limits { per_site: 0, ..Limits::default() }), "zero-limit"),
            (with_limits(Limits { total: 0, ..Limits::default() }), "zero-limit"),
            (with_limits(Limits { per_site_purge_to: 181, ..Limits::default() }), "purge-target-over-limit"),
            (with_limits(Limits { total_purge_to: 3301, ..Limits::default() }), "purge-target-over-limit"),
            (JarConfig { max_age_seconds: 0, ..JarConfig::default() }, "non-positive-age-limit"),
            (
                JarConfig {
                    policy: Policy { lax_allowing_unsafe_millis: -1, ..Policy::default() },
                    ..JarConfig::default()
                },
                "negative-lax-allowing-unsafe",
            ),
        ];
        for (config, code) in cases {
            let error = config.validate().unwrap_err();
            assert_eq!(error.code(), code, "{config:?}");
            assert_eq!(error.to_string(), error.message());
        }
        assert_eq!(JarConfig::default().validate(), Ok(()));
    }
}
