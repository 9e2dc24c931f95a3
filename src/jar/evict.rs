//! Limits and eviction: 6265bis 5.7 (last paragraphs) and the layered draft's "Cookie Store
//! Eviction": expired cookies first, then non-secure ones, then secure ones, each least recently
//! accessed first.

use super::{ChangeCause, CookieJar, SiteCookies};
use crate::cookie::Cookie;
use crate::jar::Limits;
use crate::sort::sort_by_key;
use crate::UnixMillis;

/// The order in which cookies are evicted: lower ranks go first. Unique per cookie (`seq`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct EvictionRank {
    /// 0 expired, 1 not secure, 2 secure.
    class: u8,
    last_access: UnixMillis,
    seq: u64,
}

fn eviction_rank(cookie: &Cookie, now: UnixMillis) -> EvictionRank {
    let class = if cookie.is_expired(now) {
        0
    } else if !cookie.secure() {
        1
    } else {
        2
    };
    EvictionRank { class, last_access: cookie.last_access_time(), seq: cookie.seq }
}

impl CookieJar {
    /// Layered draft "Garbage Collect Cookies", after storing a cookie of `site`: the site's
    /// limits ("Remove Excess Cookies for a Host", per partition for CHIPS), then the total.
    pub(super) fn collect_garbage(&mut self, site: &str, now: UnixMillis) {
        let limits = &self.config.limits;
        // The groups over a limit: the unpartitioned cookies, then each partition.
        let over: Vec<Option<Box<str>>> = match self.sites.get(site) {
            Some(bucket) => (bucket.unpartitioned() > limits.per_site)
                .then_some(None)
                .into_iter()
                .chain(bucket.partitions.iter().filter(|p| p.is_over(limits)).map(|p| Some(p.key.clone())))
                .collect(),
            None => Vec::new(),
        };
        for partition in over {
            let partition = partition.as_deref();
            let threshold = self
                .sites
                .get(site)
                .and_then(|bucket| eviction_threshold(bucket, partition, &self.config.limits, now));
            if let Some(last) = threshold {
                self.remove_in_site(site, &mut |cookie| {
                    let evicted = cookie.partition_key() == partition && eviction_rank(cookie, now) <= last;
                    evicted.then(|| eviction_cause(cookie, now))
                });
            }
        }
        if self.total > self.config.limits.total {
            self.purge_all(now);
        }
    }

    /// Evicts cookies of the whole jar down to the total purge target, and every expired one.
    fn purge_all(&mut self, now: UnixMillis) {
        let mut ranks: Vec<EvictionRank> =
            self.sites.values().flat_map(|site| site.cookies.iter()).map(|c| eviction_rank(c, now)).collect();
        sort_by_key(&mut ranks, |&rank| rank);
        let excess = self.total.saturating_sub(self.config.limits.total_purge_to);
        let expired = ranks.iter().take_while(|rank| rank.class == 0).count();
        let Some(&last) = ranks.get(excess.max(expired).wrapping_sub(1)) else { return };
        self.remove_where(&mut |cookie| {
            (eviction_rank(cookie, now) <= last).then(|| eviction_cause(cookie, now))
        });
    }
}

/// Why garbage collection removes a cookie: it had expired, or the limits took it.
fn eviction_cause(cookie: &Cookie, now: UnixMillis) -> ChangeCause {
    if cookie.is_expired(now) {
        ChangeCause::Expired
    } else {
        ChangeCause::Evicted
    }
}

/// The rank up to which cookies of one partition (or the unpartitioned ones) of a site are
/// evicted: every expired one, then down to the purge target and, for a partition, under its
/// byte limit. `None` when nothing needs to go.
fn eviction_threshold(
    bucket: &SiteCookies,
    partition: Option<&str>,
    limits: &Limits,
    now: UnixMillis,
) -> Option<EvictionRank> {
    let mut group: Vec<(EvictionRank, usize)> = bucket
        .cookies
        .iter()
        .filter(|cookie| cookie.partition_key() == partition)
        .map(|cookie| (eviction_rank(cookie, now), cookie.name_value_len()))
        .collect();
    sort_by_key(&mut group, |&(rank, _)| rank);
    let byte_limit = if partition.is_some() { limits.partitioned_bytes_per_site } else { usize::MAX };
    let mut count = group.len();
    let mut bytes: usize = group.iter().map(|&(_, len)| len).sum();
    let target = if count > limits.per_site { limits.per_site_purge_to } else { count };
    let mut last = None;
    for &(rank, len) in &group {
        if rank.class != 0 && count <= target && bytes <= byte_limit {
            break;
        }
        count -= 1;
        bytes -= len;
        last = Some(rank);
    }
    last
}
