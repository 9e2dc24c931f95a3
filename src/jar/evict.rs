//! Limits and eviction: 6265bis 5.7 (last paragraphs) and the layered draft's "Cookie Store
//! Eviction": expired cookies first, then non-secure ones, then secure ones, each least recently
//! accessed first.

use super::CookieJar;
use crate::cookie::Cookie;
use crate::UnixMillis;

/// The order in which cookies are evicted: lower ranks go first.
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

/// A cookie chosen for eviction: its rank, its domain and what the counts need.
struct Candidate {
    rank: EvictionRank,
    domain: Box<str>,
    name_value_bytes: usize,
}

impl CookieJar {
    /// Layered draft "Garbage Collect Cookies", after storing a cookie of `site` in `partition`:
    /// the site's limit ("Remove Excess Cookies for a Host"), then the total limit.
    pub(super) fn collect_garbage(&mut self, site: &str, partition: Option<&str>, now: UnixMillis) {
        let limits = &self.config.limits;
        let over_site_limit = self.by_site.get(site).is_some_and(|counts| match partition {
            None => counts.unpartitioned > limits.per_site,
            Some(key) => counts.partitions.iter().any(|p| {
                &*p.key == key
                    && (p.cookies > limits.per_site || p.name_value_bytes > limits.partitioned_bytes_per_site)
            }),
        });
        if over_site_limit {
            self.purge_site(site, partition, now);
        }
        if self.total > self.config.limits.total {
            self.purge_all(now);
        }
    }

    /// Evicts cookies of one site and partition down to the purge target (and, for a partition,
    /// under its byte limit), after evicting every expired one.
    fn purge_site(&mut self, site: &str, partition: Option<&str>, now: UnixMillis) {
        let Some(counts) = self.by_site.get_mut(site) else { return };
        // Forget domains that no longer hold cookies while the list is being read anyway.
        let by_domain = &self.by_domain;
        counts.domains.retain(|domain| by_domain.contains_key(domain));
        let mut candidates: Vec<Candidate> = counts
            .domains
            .iter()
            .filter_map(|domain| Some((domain, by_domain.get(domain)?)))
            .flat_map(|(domain, bucket)| {
                bucket.cookies.iter().filter(|cookie| cookie.partition_key() == partition).map(
                    move |cookie| Candidate {
                        rank: eviction_rank(cookie, now),
                        domain: domain.clone(),
                        name_value_bytes: cookie.name_value_len(),
                    },
                )
            })
            .collect();
        candidates.sort_unstable_by_key(|c| c.rank);

        let limits = &self.config.limits;
        let byte_limit = if partition.is_some() { limits.partitioned_bytes_per_site } else { usize::MAX };
        let mut count = candidates.len();
        let mut bytes: usize = candidates.iter().map(|c| c.name_value_bytes).sum();
        let target = if count > limits.per_site { limits.per_site_purge_to } else { count };
        let evict = candidates
            .iter()
            .take_while(|c| {
                let go = c.rank.class == 0 || count > target || bytes > byte_limit;
                if go {
                    count -= 1;
                    bytes -= c.name_value_bytes;
                }
                go
            })
            .count();
        candidates.truncate(evict);
        self.evict(candidates);
    }

    /// Evicts cookies of the whole jar down to the total purge target, after evicting every
    /// expired one.
    fn purge_all(&mut self, now: UnixMillis) {
        let mut candidates: Vec<Candidate> = self
            .by_domain
            .iter()
            .flat_map(|(domain, bucket)| {
                bucket.cookies.iter().map(move |cookie| Candidate {
                    rank: eviction_rank(cookie, now),
                    domain: domain.clone(),
                    name_value_bytes: cookie.name_value_len(),
                })
            })
            .collect();
        candidates.sort_unstable_by_key(|c| c.rank);
        let excess = self.total.saturating_sub(self.config.limits.total_purge_to);
        let expired = candidates.iter().take_while(|c| c.rank.class == 0).count();
        candidates.truncate(excess.max(expired));
        self.evict(candidates);
    }

    /// Removes the chosen cookies, identified by domain and sequence number.
    fn evict(&mut self, mut victims: Vec<Candidate>) {
        victims.sort_unstable_by(|a, b| a.domain.cmp(&b.domain).then(a.rank.seq.cmp(&b.rank.seq)));
        let mut rest = victims.as_slice();
        while let Some(first) = rest.first() {
            let same_domain = rest.iter().take_while(|c| c.domain == first.domain).count();
            let (group, tail) = rest.split_at(same_domain);
            let doomed: Vec<u64> = group.iter().map(|c| c.rank.seq).collect();
            self.remove_where(Some(&first.domain), |cookie| doomed.binary_search(&cookie.seq).is_ok());
            rest = tail;
        }
    }
}
