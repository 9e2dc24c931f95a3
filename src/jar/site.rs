//! The site index's parts: the cookies of one site with their CHIPS partition counts, and the
//! hash the index is keyed by.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::changes::ChangeLog;
use super::retrieve::retrieval_order;
use super::{Limits, Removal};
use crate::cookie::Cookie;

/// The cookies of one site (registrable domain): the unit of the index and of the per-site limit.
#[derive(Debug, Default)]
pub(super) struct SiteCookies {
    /// Kept in retrieval order (6265bis 5.8 step 4, `retrieval_order`). Speed: a request whose
    /// cookies all come from one site, the usual case, serializes them as it meets them, without
    /// sorting.
    pub(super) cookies: Vec<Cookie>,
    /// Whether the site key is itself a public suffix (a suffix-list host such as `github.io`,
    /// visited directly). Only host-only cookies are valid there (6265bis 5.8 step 3); the list
    /// is compiled in, so this is computed once.
    pub(super) is_public_suffix: bool,
    /// CHIPS: partitioned cookies are counted per partition, apart from the others.
    pub(super) partitions: Vec<PartitionCount>,
}

#[derive(Debug)]
pub(super) struct PartitionCount {
    pub(super) key: Box<str>,
    pub(super) cookies: usize,
    pub(super) name_value_bytes: usize,
}

impl PartitionCount {
    /// CHIPS: a partition is over a limit in cookies or in bytes of names and values.
    pub(super) fn is_over(&self, limits: &Limits) -> bool {
        self.cookies > limits.per_site || self.name_value_bytes > limits.partitioned_bytes_per_site
    }
}

impl SiteCookies {
    pub(super) fn unpartitioned(&self) -> usize {
        self.cookies.len() - self.partitions.iter().map(|p| p.cookies).sum::<usize>()
    }

    /// Whether the unpartitioned cookies or a partition is over a limit (then `collect_garbage`
    /// has work to do).
    pub(super) fn is_over(&self, limits: &Limits) -> bool {
        self.unpartitioned() > limits.per_site || self.partitions.iter().any(|p| p.is_over(limits))
    }

    /// Inserts `cookie` at its place in retrieval order.
    pub(super) fn insert_in_order(&mut self, cookie: Cookie) {
        count_insertion(&mut self.partitions, &cookie);
        // Size: grow a site's list by a quarter (at least 4) rather than doubling it, so that
        // spare capacity stays within ~25% of the cookies' inline size.
        if self.cookies.len() == self.cookies.capacity() {
            self.cookies.reserve_exact((self.cookies.len() / 4).max(4));
        }
        let order = retrieval_order(&cookie);
        let at = self.cookies.partition_point(|existing| retrieval_order(existing) < order);
        self.cookies.insert(at, cookie);
    }

    /// Swaps `cookie` with the cookie at `index`, whose place in retrieval order it takes.
    pub(super) fn swap_at(&mut self, index: usize, cookie: &mut Cookie) {
        let Some(slot) = self.cookies.get_mut(index) else { return };
        std::mem::swap(slot, cookie);
        count_insertion(&mut self.partitions, slot);
        count_removal(&mut self.partitions, cookie);
    }

    /// Removes the cookie at `index`, keeping the order of the others.
    pub(super) fn remove_at(&mut self, index: usize) -> Cookie {
        let cookie = self.cookies.remove(index);
        count_removal(&mut self.partitions, &cookie);
        cookie
    }

    /// Removes the cookies for which `cause` gives a cause, keeping the order of the others and
    /// noting each in `changes`; returns how many.
    pub(super) fn remove_where(&mut self, cause: Removal<'_>, changes: &mut ChangeLog) -> usize {
        let before = self.cookies.len();
        let partitions = &mut self.partitions;
        self.cookies.retain(|cookie| {
            let Some(cause) = cause(cookie) else { return true };
            count_removal(partitions, cookie);
            changes.record(cause, cookie);
            false
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
    let Some((i, p)) = partitions.iter_mut().enumerate().find(|(_, p)| &*p.key == key) else { return };
    p.cookies = p.cookies.saturating_sub(1);
    p.name_value_bytes = p.name_value_bytes.saturating_sub(cookie.name_value_len());
    if p.cookies == 0 {
        partitions.swap_remove(i);
    }
}

/// Speed: a multiplicative hash taken eight bytes at a time. Domain keys are short, and SipHash's
/// flood resistance buys little here: the keys are hosts the user's requests went to, and the
/// table never holds more sites than the total limit allows cookies, which bounds any collision
/// chain.
#[derive(Default)]
pub(super) struct DomainHasher(u64);

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

pub(super) type DomainMap<V> = HashMap<Box<str>, V, BuildHasherDefault<DomainHasher>>;
