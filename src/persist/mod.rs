//! Saved jars: what an export of a jar includes.

/// What an export includes besides the persistent, unexpired cookies (Python's `save` has the
/// same two switches, `ignore_discard` and `ignore_expires`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Session cookies too (6265bis 5.7: persistent-flag false), which a user agent drops when the
    /// session ends.
    pub include_session: bool,
    /// Expired cookies not yet evicted too.
    pub include_expired: bool,
}
