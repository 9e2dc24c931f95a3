//! The cookie store: cookies indexed by domain, with per-site and total counts for the limits.
//!
//! A retrieval for `www.example.com` looks up the buckets of `www.example.com`, `example.com`
//! and `com` only: its cost does not grow with cookies of unrelated domains.

mod evict;
mod retrieve;
mod store;

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use crate::cookie::Cookie;
use crate::host::{canonical_host_kind, HostKind};
use crate::psl;
use crate::UnixMillis;

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
    /// The numbers Chromium uses (see ../shared/specs/README.md).
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

/// The cookies of one domain (a host for host-only cookies, a Domain attribute otherwise).
#[derive(Debug, Default)]
struct DomainCookies {
    cookies: Vec<Cookie>,
    /// Whether this domain is a public suffix: fixed for the life of the process, since the list
    /// is compiled in, so computed once (6265bis 5.8 step 3 re-check).
    is_public_suffix: bool,
    /// Where the site (registrable domain) starts in the domain: the limits count per site.
    site_start: usize,
}

/// Counts for one site, the unit of the per-domain limit (Chromium counts per registrable
/// domain; CHIPS counts each partition separately).
#[derive(Debug, Default)]
struct SiteCookies {
    /// Domains that hold or held cookies of this site; cleaned when the site is purged.
    domains: Vec<Box<str>>,
    unpartitioned: usize,
    partitions: Vec<PartitionCount>,
}

#[derive(Debug)]
struct PartitionCount {
    key: Box<str>,
    cookies: usize,
    name_value_bytes: usize,
}

/// FNV-1a: domain keys are short, and SipHash's flood resistance is not needed for keys that
/// come from the hosts the user's own requests went to.
#[derive(Default)]
struct DomainHasher(u64);

impl Hasher for DomainHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type DomainMap<V> = HashMap<Box<str>, V, BuildHasherDefault<DomainHasher>>;

/// A cookie jar: the user agent's cookie store with the storage and retrieval models of
/// 6265bis. Every method that depends on time takes `now`, in milliseconds since the epoch.
#[derive(Debug, Default)]
pub struct CookieJar {
    config: JarConfig,
    by_domain: DomainMap<DomainCookies>,
    by_site: DomainMap<SiteCookies>,
    total: usize,
    next_seq: u64,
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
        self.by_domain
            .values()
            .flat_map(|bucket| bucket.cookies.iter())
            .filter(move |cookie| !cookie.is_expired(now))
    }

    /// Removes every cookie named `name` whose domain is `domain` (a leading dot and case are
    /// ignored), host-only or not, in every partition, and whose path is `path` when one is
    /// given. Returns how many were removed.
    pub fn delete(&mut self, name: &str, domain: &str, path: Option<&str>) -> usize {
        let domain = domain.strip_prefix('.').unwrap_or(domain).to_ascii_lowercase();
        self.remove_where(Some(&domain), |cookie| {
            cookie.name() == name && path.map_or(true, |path| cookie.path() == path)
        })
    }

    /// Removes every cookie.
    pub fn clear(&mut self) {
        self.by_domain.clear();
        self.by_site.clear();
        self.total = 0;
    }

    /// Evicts every expired cookie (6265bis 5.7: expired cookies are evicted). Returns how many.
    pub fn remove_expired(&mut self, now: UnixMillis) -> usize {
        self.remove_where(None, |cookie| cookie.is_expired(now))
    }

    /// Ends the session: removes every cookie whose persistent-flag is false (6265bis 5.7).
    pub fn end_session(&mut self) -> usize {
        self.remove_where(None, |cookie| !cookie.persistent())
    }

    /// Approximate bytes used by the stored cookies and the index.
    pub fn memory_size(&self) -> usize {
        let buckets: usize = self
            .by_domain
            .iter()
            .map(|(domain, bucket)| {
                domain.len()
                    + std::mem::size_of::<(Box<str>, DomainCookies)>()
                    + bucket.cookies.capacity() * std::mem::size_of::<Cookie>()
                    + bucket
                        .cookies
                        .iter()
                        .map(|c| c.memory_size() - std::mem::size_of::<Cookie>())
                        .sum::<usize>()
            })
            .sum();
        let sites: usize = self
            .by_site
            .iter()
            .map(|(site, counts)| {
                site.len()
                    + std::mem::size_of::<(Box<str>, SiteCookies)>()
                    + counts.domains.iter().map(|d| d.len() + 16).sum::<usize>()
            })
            .sum();
        buckets + sites
    }

    /// Removes the cookies that satisfy `condition`, in the bucket of `domain` or everywhere.
    fn remove_where(&mut self, domain: Option<&str>, condition: impl Fn(&Cookie) -> bool) -> usize {
        let domains: Vec<Box<str>> = match domain {
            Some(domain) => {
                self.by_domain.get_key_value(domain).map(|(k, _)| k.clone()).into_iter().collect()
            }
            None => self.by_domain.keys().cloned().collect(),
        };
        let mut removed = 0;
        for domain in domains {
            let Some(bucket) = self.by_domain.get_mut(&domain) else { continue };
            let mut gone = Vec::new();
            bucket.cookies.retain(|cookie| {
                let keep = !condition(cookie);
                if !keep {
                    gone.push((cookie.partition_key().map(str::to_owned), cookie.name_value_len()));
                }
                keep
            });
            let site = domain.get(bucket.site_start..).unwrap_or(&domain).to_owned();
            if bucket.cookies.is_empty() {
                self.by_domain.remove(&domain);
            }
            for (partition, bytes) in &gone {
                self.count_removal(&site, partition.as_deref(), *bytes);
            }
            removed += gone.len();
        }
        removed
    }

    /// The bucket for `domain`, created (with its public-suffix flag and site) when missing.
    fn bucket_for(&mut self, domain: &str) -> &mut DomainCookies {
        self.by_domain.entry(domain.into()).or_insert_with(|| {
            let is_domain_name = matches!(canonical_host_kind(domain), Some(HostKind::Domain));
            let site =
                if is_domain_name { psl::registrable_domain(domain).unwrap_or(domain) } else { domain };
            DomainCookies {
                cookies: Vec::new(),
                is_public_suffix: is_domain_name && psl::is_public_suffix(domain),
                site_start: domain.len() - site.len(),
            }
        })
    }

    /// Records a new cookie in the per-site counts.
    fn count_insertion(
        &mut self,
        domain: &str,
        site: &str,
        partition: Option<&str>,
        name_value_bytes: usize,
    ) {
        let counts = match self.by_site.get_mut(site) {
            Some(counts) => counts,
            None => self.by_site.entry(site.into()).or_default(),
        };
        if !counts.domains.iter().any(|d| &**d == domain) {
            counts.domains.push(domain.into());
        }
        match partition {
            None => counts.unpartitioned += 1,
            Some(key) => match counts.partitions.iter_mut().find(|p| &*p.key == key) {
                Some(p) => {
                    p.cookies += 1;
                    p.name_value_bytes += name_value_bytes;
                }
                None => {
                    counts.partitions.push(PartitionCount { key: key.into(), cookies: 1, name_value_bytes })
                }
            },
        }
        self.total += 1;
    }

    /// Records a removed cookie in the per-site counts.
    fn count_removal(&mut self, site: &str, partition: Option<&str>, name_value_bytes: usize) {
        self.total = self.total.saturating_sub(1);
        let Some(counts) = self.by_site.get_mut(site) else { return };
        match partition {
            None => counts.unpartitioned = counts.unpartitioned.saturating_sub(1),
            Some(key) => {
                if let Some(i) = counts.partitions.iter().position(|p| &*p.key == key) {
                    let p = &mut counts.partitions[i];
                    p.cookies = p.cookies.saturating_sub(1);
                    p.name_value_bytes = p.name_value_bytes.saturating_sub(name_value_bytes);
                    if p.cookies == 0 {
                        counts.partitions.swap_remove(i);
                    }
                }
            }
        }
        if counts.unpartitioned == 0 && counts.partitions.is_empty() {
            self.by_site.remove(site);
        }
    }
}
