//! The cookie store: cookies indexed by site (registrable domain), the unit of the limits too.
//!
//! A retrieval for `www.example.com` looks up `www.example.com`, `example.com` and `com`, one
//! of which is its site: its cost does not grow with cookies of unrelated sites, and it needs no
//! suffix-list lookup.

mod evict;
mod retrieve;
mod store;

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use crate::cookie::Cookie;
use crate::host::{canonical_host_kind, HostKind};
use crate::psl::RegistrableDomainMemo;
use crate::sort::sort_by_key;
use crate::UnixMillis;

use retrieve::retrieval_order;
pub use retrieve::RetrievalDecision;

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
    /// 6265bis 5.6.7.2 "Lax-allowing-unsafe": how long after its creation a cookie without a
    /// SameSite attribute is still sent on cross-site top-level navigations with unsafe methods
    /// (Chromium: 2 minutes). 0 turns it off.
    pub lax_allowing_unsafe_millis: i64,
}

impl Default for JarConfig {
    fn default() -> Self {
        JarConfig {
            limits: Limits::default(),
            max_age_seconds: 400 * 24 * 60 * 60,
            lax_allowing_unsafe_millis: 2 * 60 * 1000,
        }
    }
}

/// A configuration that cannot work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(&'static str);

impl ConfigError {
    pub fn message(&self) -> &'static str {
        self.0
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for ConfigError {}

impl JarConfig {
    fn validate(&self) -> Result<(), ConfigError> {
        let limits = &self.limits;
        if limits.per_site == 0 || limits.total == 0 {
            return Err(ConfigError("limits must allow at least one cookie"));
        }
        if limits.per_site_purge_to > limits.per_site || limits.total_purge_to > limits.total {
            return Err(ConfigError("a purge target cannot exceed its limit"));
        }
        if self.max_age_seconds <= 0 {
            return Err(ConfigError("the cookie age limit must be positive"));
        }
        if self.lax_allowing_unsafe_millis < 0 {
            return Err(ConfigError("the Lax-allowing-unsafe window cannot be negative"));
        }
        Ok(())
    }
}

/// The cookies of one site (registrable domain): the unit of the index and of the per-site limit.
#[derive(Debug, Default)]
struct SiteCookies {
    /// Kept in retrieval order (6265bis 5.8 step 4, `retrieval_order`): a request whose cookies
    /// all come from one site, the usual case, serializes them as it meets them, without sorting.
    cookies: Vec<Cookie>,
    /// Whether the site key is itself a public suffix (a suffix-list host such as `github.io`,
    /// visited directly). Only host-only cookies are valid there (6265bis 5.8 step 3); the list
    /// is compiled in, so this is computed once.
    is_public_suffix: bool,
    /// CHIPS: partitioned cookies are counted per partition, apart from the others.
    partitions: Vec<PartitionCount>,
}

#[derive(Debug)]
struct PartitionCount {
    key: Box<str>,
    cookies: usize,
    name_value_bytes: usize,
}

impl PartitionCount {
    /// CHIPS: a partition is over a limit in cookies or in bytes of names and values.
    fn is_over(&self, limits: &Limits) -> bool {
        self.cookies > limits.per_site || self.name_value_bytes > limits.partitioned_bytes_per_site
    }
}

impl SiteCookies {
    fn unpartitioned(&self) -> usize {
        self.cookies.len() - self.partitions.iter().map(|p| p.cookies).sum::<usize>()
    }

    /// Whether the unpartitioned cookies or a partition is over a limit (then `collect_garbage`
    /// has work to do).
    fn is_over(&self, limits: &Limits) -> bool {
        self.unpartitioned() > limits.per_site || self.partitions.iter().any(|p| p.is_over(limits))
    }

    /// Inserts `cookie` at its place in retrieval order.
    fn insert_in_order(&mut self, cookie: Cookie) {
        count_insertion(&mut self.partitions, &cookie);
        // Not in the spec: grow a site's list by a quarter (at least 4) rather than doubling it,
        // so that spare capacity stays within ~25% of the cookies' inline size.
        if self.cookies.len() == self.cookies.capacity() {
            self.cookies.reserve_exact((self.cookies.len() / 4).max(4));
        }
        let order = retrieval_order(&cookie);
        let at = self.cookies.partition_point(|existing| retrieval_order(existing) < order);
        self.cookies.insert(at, cookie);
    }

    /// Swaps `cookie` with the cookie at `index`, whose place in retrieval order it takes.
    fn swap_at(&mut self, index: usize, cookie: &mut Cookie) {
        let Some(slot) = self.cookies.get_mut(index) else { return };
        std::mem::swap(slot, cookie);
        count_insertion(&mut self.partitions, slot);
        count_removal(&mut self.partitions, cookie);
    }

    /// Removes the cookie at `index`, keeping the order of the others.
    fn remove_at(&mut self, index: usize) -> Cookie {
        let cookie = self.cookies.remove(index);
        count_removal(&mut self.partitions, &cookie);
        cookie
    }

    /// Removes the cookies that satisfy `condition`, keeping the order of the others; returns
    /// how many. (A trait object, so that this loop exists once in the wasm, not once per caller.)
    fn remove_where(&mut self, condition: &mut dyn FnMut(&Cookie) -> bool) -> usize {
        let before = self.cookies.len();
        let partitions = &mut self.partitions;
        self.cookies.retain(|cookie| {
            let remove = condition(cookie);
            if remove {
                count_removal(partitions, cookie);
            }
            !remove
        });
        before - self.cookies.len()
    }
}

/// Records a cookie added to a site in its partition counts.
fn count_insertion(partitions: &mut Vec<PartitionCount>, cookie: &Cookie) {
    let Some(key) = cookie.partition_key() else { return };
    match partitions.iter_mut().find(|p| &*p.key == key) {
        Some(p) => {
            p.cookies += 1;
            p.name_value_bytes += cookie.name_value_len();
        }
        None => partitions.push(PartitionCount {
            key: key.into(),
            cookies: 1,
            name_value_bytes: cookie.name_value_len(),
        }),
    }
}

/// Records a cookie removed from a site in its partition counts.
fn count_removal(partitions: &mut Vec<PartitionCount>, cookie: &Cookie) {
    let Some(key) = cookie.partition_key() else { return };
    if let Some(i) = partitions.iter().position(|p| &*p.key == key) {
        let p = &mut partitions[i];
        p.cookies = p.cookies.saturating_sub(1);
        p.name_value_bytes = p.name_value_bytes.saturating_sub(cookie.name_value_len());
        if p.cookies == 0 {
            partitions.swap_remove(i);
        }
    }
}

/// The site a cookie of `domain` is indexed under: its registrable domain, or the domain itself
/// for IP addresses and public suffixes. A request's cookies are under its host or a parent.
fn site_key<'a>(memo: &mut RegistrableDomainMemo, domain: &'a str, kind: HostKind) -> &'a str {
    match kind {
        HostKind::Domain => memo.registrable_domain(domain).unwrap_or(domain),
        _ => domain,
    }
}

/// A multiplicative hash taken eight bytes at a time: domain keys are short, and SipHash's flood
/// resistance buys little here: the keys are hosts the user's requests went to, and the table
/// never holds more sites than the total limit allows cookies, which bounds any collision chain.
#[derive(Default)]
struct DomainHasher(u64);

impl DomainHasher {
    /// Multiplies by 2^64 / phi and folds the high half down, since the table takes its bucket
    /// from the low bits and its tag from the top seven.
    fn mix(&mut self, word: u64) {
        let product = (self.0 ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = product ^ product >> 32;
    }
}

impl Hasher for DomainHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.mix(u64::from_le_bytes(<[u8; 8]>::try_from(word).unwrap_or_default()));
        }
        // The tail, and the length (so that "a" and "a\0" differ).
        let tail = words.remainder().iter().rev().fold(0, |word, &b| word << 8 | u64::from(b));
        self.mix(tail ^ (bytes.len() as u64) << 56);
    }
}

type DomainMap<V> = HashMap<Box<str>, V, BuildHasherDefault<DomainHasher>>;

/// A cookie jar: the user agent's cookie store with the storage and retrieval models of
/// 6265bis. Every method that depends on time takes `now`, in milliseconds since the epoch.
#[derive(Debug, Default)]
pub struct CookieJar {
    config: JarConfig,
    sites: DomainMap<SiteCookies>,
    total: usize,
    next_seq: u64,
    /// Reused by `cookie_header`, so that a retrieval allocates only its result.
    header_buffer: String,
    site_memo: RegistrableDomainMemo,
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
        let site = site_key(&mut self.site_memo, &domain, kind);
        self.remove_in_site(site, &mut |cookie| {
            cookie.name() == name
                && cookie.domain() == domain
                && path.is_none_or(|path| cookie.path() == path)
        })
    }

    /// Removes every cookie.
    pub fn clear(&mut self) {
        self.sites.clear();
        self.total = 0;
    }

    /// Evicts every expired cookie (6265bis 5.7: expired cookies are evicted). Returns how many.
    pub fn remove_expired(&mut self, now: UnixMillis) -> usize {
        self.remove_where(&mut |cookie| cookie.is_expired(now))
    }

    /// Ends the session: removes every cookie whose persistent-flag is false (6265bis 5.7).
    pub fn end_session(&mut self) -> usize {
        self.remove_where(&mut |cookie| !cookie.persistent())
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

    /// Removes the cookies of `site` that satisfy `condition`, keeping the count and dropping the
    /// site once it is empty. Returns how many.
    fn remove_in_site(&mut self, site: &str, condition: &mut dyn FnMut(&Cookie) -> bool) -> usize {
        let Some(bucket) = self.sites.get_mut(site) else { return 0 };
        let removed = bucket.remove_where(condition);
        if bucket.cookies.is_empty() {
            self.sites.remove(site);
        }
        self.total -= removed;
        removed
    }

    /// Removes the cookies that satisfy `condition`, everywhere. Returns how many.
    fn remove_where(&mut self, condition: &mut dyn FnMut(&Cookie) -> bool) -> usize {
        let removed: usize = self.sites.values_mut().map(|site| site.remove_where(condition)).sum();
        self.sites.retain(|_, site| !site.cookies.is_empty());
        self.total -= removed;
        removed
    }
}
