//! Change records: every cookie the jar inserts or removes, with why, for listeners (the W3C
//! Cookie Store API's change events; the causes are Chromium's `CookieChangeCause`). Not in the
//! spec. Off until asked for: a jar that nobody listens to records nothing.

use crate::cookie::Cookie;

/// Why a cookie entered or left the jar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeCause {
    /// The cookie was stored: a new one, the new value of a replaced one, or a restored one.
    Inserted,
    /// The cookie was removed because a cookie with the same identity replaced it (6265bis 5.7
    /// step 23).
    Overwritten,
    /// The cookie was removed because it expired, or because a server set an expired cookie with
    /// its identity (the usual way to delete one).
    Expired,
    /// The cookie was removed to bring a site, a partition or the jar under its limits.
    Evicted,
    /// The cookie was removed by a call of the jar's user: `delete`, `clear`, `end_session`.
    Explicit,
}

impl ChangeCause {
    /// A stable code for programs to branch on.
    pub fn code(self) -> &'static str {
        match self {
            ChangeCause::Inserted => "inserted",
            ChangeCause::Overwritten => "overwritten",
            ChangeCause::Expired => "expired",
            ChangeCause::Evicted => "evicted",
            ChangeCause::Explicit => "explicit",
        }
    }

    /// Whether the change added the cookie (else it removed it).
    pub fn is_insertion(self) -> bool {
        self == ChangeCause::Inserted
    }
}

/// One change: the cookie inserted or removed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub cause: ChangeCause,
    pub cookie: Cookie,
}

/// The jar's record of changes: `None` while nobody asked for them.
#[derive(Debug, Default)]
pub(super) struct ChangeLog(Option<Vec<Change>>);

impl ChangeLog {
    /// Notes that `cookie` was inserted or removed, if changes are being recorded.
    pub(super) fn record(&mut self, cause: ChangeCause, cookie: &Cookie) {
        if let Some(changes) = &mut self.0 {
            changes.push(Change { cause, cookie: cookie.clone() });
        }
    }

    pub(super) fn set_recording(&mut self, on: bool) {
        match (on, &self.0) {
            (true, None) => self.0 = Some(Vec::new()),
            (false, _) => self.0 = None,
            (true, Some(_)) => {}
        }
    }

    pub(super) fn take(&mut self) -> Vec<Change> {
        self.0.as_mut().map(std::mem::take).unwrap_or_default()
    }

    pub(super) fn is_recording(&self) -> bool {
        self.0.is_some()
    }

    /// How many changes are recorded.
    pub(super) fn len(&self) -> usize {
        self.0.as_ref().map_or(0, Vec::len)
    }

    /// The changes recorded after the first `len`, taken out of the log.
    pub(super) fn split_off(&mut self, len: usize) -> Vec<Change> {
        match &mut self.0 {
            Some(changes) if len <= changes.len() => changes.split_off(len),
            _ => Vec::new(),
        }
    }
}
