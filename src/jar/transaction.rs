//! Not in the spec: undoing a call. A policy callback that fails aborts the call that ran it,
//! and the jar must be as it was before the call: its changes are recorded (as change events
//! are) and, on failure, undone newest first.

use super::store::new_or_existing_site;
use super::{ChangeCause, CookieJar};
use crate::cookie::Cookie;
use crate::host::{canonical_host_kind, HostKind};
use crate::site::site_domain;

/// What undoing a call needs of the jar as it was when the call began.
pub(super) struct Transaction {
    /// The change log's length then, and whether it was recording for the jar's user.
    mark: usize,
    was_recording: bool,
    next_seq: u64,
}

impl CookieJar {
    pub(super) fn begin_transaction(&mut self) -> Transaction {
        let was_recording = self.changes.is_recording();
        self.changes.set_recording(true);
        Transaction { mark: self.changes.len(), was_recording, next_seq: self.next_seq }
    }

    /// Keeps the call's changes (the log keeps them for the user only if it was recording).
    pub(super) fn commit(&mut self, transaction: Transaction) {
        if !transaction.was_recording {
            self.changes.set_recording(false);
        }
    }

    /// Undoes the call's changes, newest first: what it inserted goes, what it removed (replaced,
    /// evicted) comes back, with its sequence number and times; the log forgets them all.
    pub(super) fn roll_back(&mut self, transaction: Transaction) {
        for change in self.changes.split_off(transaction.mark).into_iter().rev() {
            let cookie = change.cookie;
            let site = site_of(&mut self.site_memo, &cookie).to_owned();
            if change.cause.is_insertion() {
                self.remove_in_site(&site, &mut |stored| {
                    (stored.seq == cookie.seq && stored.same_identity(&cookie))
                        .then_some(ChangeCause::Explicit)
                });
            } else {
                new_or_existing_site(&mut self.sites, &site).insert_in_order(cookie);
                self.total += 1;
            }
        }
        self.changes.split_off(transaction.mark);
        self.next_seq = transaction.next_seq;
        self.commit(transaction);
    }
}

/// The site a stored cookie is indexed under (its domain's, as the store chose it).
fn site_of<'c>(memo: &mut crate::psl::RegistrableDomainMemo, cookie: &'c Cookie) -> &'c str {
    let kind = canonical_host_kind(cookie.domain()).unwrap_or(HostKind::Domain);
    site_domain(cookie.domain(), kind, |domain| memo.registrable_domain(domain))
}
