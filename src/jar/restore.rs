//! Saving and restoring: a saved cookie is a record, and restoring it is a decision like storing
//! a received cookie (6265bis 5.7). A saved record is never trusted: `restore` checks whatever
//! must hold for any stored cookie, from the name to the partition key, and refuses with the
//! same `Rejection`s as `set_cookie`, or with the few only a record can need (`InvalidName`,
//! `InvalidValue`, `InvalidDomain`, `InvalidPath`, `InvalidPartitionKey`).
//!
//! What a record cannot break is not checked again: the request-dependent steps of 5.7 (domain
//! matching, Secure from a secure origin, HttpOnly from an HTTP API, SameSite from a same-site
//! request, overlaying a Secure cookie) judged the request that set the cookie, which a
//! restore does not have.

use super::store::{check_name_prefixes, refusal_to_rejection};
use super::{ChangeCause, CookieJar};
use crate::bytes::any_control_byte;
use crate::cookie::{Cookie, CookieRecord, NewCookie, SameSite};
use crate::decision::{Rejection, Stored};
use crate::host::{canonical_host_kind, is_dns_length, HostKind};
use crate::parse::{
    is_forbidden_control, trim_wsp, SetCookie, MAX_ATTRIBUTE_VALUE_OCTETS, MAX_NAME_VALUE_OCTETS,
};
use crate::persist::{self, ExportOptions, Format, FormatError, ImportReport, ParsedRecord, Skipped};
use crate::psl;
use crate::request::Api;
use crate::site::{site_domain, Site};
use crate::sort::sort_by_key;
use crate::UnixMillis;

/// The message of a record skipped because it had expired.
const EXPIRED_MESSAGE: &str = "the cookie had expired";

impl CookieJar {
    /// Restores a saved cookie, as of `now`, after checking it as if it were stored anew.
    ///
    /// A cookie with the same identity (name, domain, host-only-flag, path, partition key) is
    /// replaced, and the record keeps its own creation-time: it takes the place that time gives
    /// it in retrieval order (a cookie `set_cookie` replaces keeps the old one's place instead).
    /// The limits apply as they do to any insertion (the layered draft's garbage collection).
    ///
    /// An expired record (or one the age limit expires) changes nothing and is `Stored::Expired`:
    /// unlike a received expired cookie, a saved one says nothing about its twin in this jar.
    /// Not in the spec: creation and last-access times later than `now` become `now` (a jar saved
    /// on a machine whose clock ran ahead).
    pub fn restore(&mut self, record: &CookieRecord, now: UnixMillis) -> Result<Stored, Rejection> {
        let kind = self.check_record(record)?;
        // 6265bis 5.5: the cookie age limit, as 5.6.1 and 5.6.2 apply it when parsing.
        let age_limit = now.saturating_add(self.config.max_age_seconds.saturating_mul(1000));
        let expiry = record.expires.map(|expires| expires.min(age_limit));
        if expiry.is_some_and(|expiry| expiry <= now) {
            return Ok(Stored::Expired);
        }
        let cookie = Cookie::new(&NewCookie {
            name: &record.name,
            value: &record.value,
            domain: &record.domain,
            path: &record.path,
            partition_key: record.partition_key.as_deref(),
            expiry,
            now: record.creation_time.min(now),
            host_only: record.host_only,
            secure: record.secure,
            http_only: record.http_only,
            same_site: record.same_site,
            priority: record.priority,
        });
        cookie.touch(record.last_access_time.min(now));
        let site = site_domain(&record.domain, kind, |domain| self.site_memo.registrable_domain(domain));
        // 6265bis 5.7 step 23, for a record: the twin goes, and the record is inserted at its own
        // place (a new sequence number: it comes after the cookies restored before it).
        let mut replaced = false;
        self.remove_in_site(site, &mut |old| {
            if !old.same_identity(&cookie) {
                return None;
            }
            let live = !old.is_expired(now);
            replaced |= live;
            Some(if live { ChangeCause::Overwritten } else { ChangeCause::Expired })
        });
        self.insert(site, cookie, Api::Http, now)?;
        Ok(if replaced { Stored::Replaced } else { Stored::New })
    }

    /// What must hold for any stored cookie, in the order of 6265bis 5.6 and 5.7; the kind of
    /// its domain.
    fn check_record(&mut self, record: &CookieRecord) -> Result<HostKind, Rejection> {
        let (name, value) = (record.name.as_str(), record.value.as_str());
        // 6265bis 5.6 step 1.
        if any_control_byte(name.as_bytes(), is_forbidden_control)
            || any_control_byte(value.as_bytes(), is_forbidden_control)
        {
            return Err(Rejection::ControlCharacter);
        }
        // 5.6 step 5, 5.7 step 2.
        if name.len() + value.len() > MAX_NAME_VALUE_OCTETS {
            return Err(Rejection::NameValueTooLong);
        }
        if name.is_empty() && value.is_empty() {
            return Err(Rejection::EmptyNameAndValue);
        }
        // 5.6 steps 2-4: the name ends at the first "=", the pair at the first ";", and both
        // are trimmed of whitespace.
        if name.contains(['=', ';']) || trim_wsp(name) != name {
            return Err(Rejection::InvalidName);
        }
        if value.contains(';') || trim_wsp(value) != value {
            return Err(Rejection::InvalidValue);
        }
        // 5.1.2: the domain is a canonical host (or a Domain attribute, lowercased and without
        // its dot by 5.6.3).
        let domain = record.domain.as_str();
        let kind = canonical_host_kind(domain)
            .filter(|_| !domain.starts_with('.'))
            .ok_or(Rejection::InvalidDomain)?;
        // Not in the spec: as when storing, lengths that bound a cookie (see `Rejection`).
        if !is_dns_length(domain) {
            return Err(Rejection::DomainTooLong);
        }
        // 5.7 step 9: a Domain attribute that is a public suffix; a host-only cookie on a host
        // that is one is what step 9 makes of a Domain attribute equal to the host.
        if !record.host_only
            && kind == HostKind::Domain
            && self.site_memo.registrable_domain(domain).is_none()
            && psl::is_public_suffix(domain)
        {
            return Err(Rejection::DomainIsPublicSuffix);
        }
        // 5.6.4, 5.7 step 11: a path is an absolute path; 5.6 step 1 allows no control
        // character in it but HTAB.
        let path = record.path.as_str();
        if !path.starts_with('/') || any_control_byte(path.as_bytes(), is_forbidden_control) {
            return Err(Rejection::InvalidPath);
        }
        if path.len() > MAX_ATTRIBUTE_VALUE_OCTETS {
            return Err(Rejection::PathTooLong);
        }
        // CHIPS: the partition key is a schemeful site, the one a request would compute for its
        // top-level host.
        if let Some(key) = &record.partition_key {
            if !is_schemeful_site(key) {
                return Err(Rejection::InvalidPartitionKey);
            }
            if !key.split_once("://").is_some_and(|(_, host)| is_dns_length(host)) {
                return Err(Rejection::DomainTooLong);
            }
            if !record.secure {
                return Err(Rejection::PartitionedWithoutSecure);
            }
        }
        // 5.7 step 19.
        if record.same_site == SameSite::None && !record.secure {
            return Err(Rejection::SameSiteNoneWithoutSecure);
        }
        // 5.7 steps 20-22 and the layered draft's prefixes: the stored path stands for the Path
        // attribute ("/" is what `__Host-` requires of either).
        let as_received = SetCookie {
            name,
            value,
            secure: record.secure,
            http_only: record.http_only,
            ..SetCookie::default()
        };
        check_name_prefixes(&as_received, record.host_only, Some(path))?;
        // Not in the spec: the policy's lists (a restore has no request, so no third-party
        // context, and the callbacks are for received cookies).
        if let Some(refusal) = self.config.policy.refusal(domain, record.partition_key.is_some(), false) {
            return Err(refusal_to_rejection(refusal));
        }
        Ok(kind)
    }

    /// Every cookie, oldest first (in the order their identities were first stored, as
    /// `cookies_in_creation_order`), as records: the persistent, unexpired ones, and session or
    /// expired ones as `options` asks.
    pub fn records(&self, now: UnixMillis, options: &ExportOptions) -> Vec<CookieRecord> {
        self.cookies_to_save(now, options).into_iter().map(Cookie::to_record).collect()
    }

    /// The cookies `records` gives, as they are stored (the binding builds its objects from them).
    pub(crate) fn cookies_to_save(&self, now: UnixMillis, options: &ExportOptions) -> Vec<&Cookie> {
        let mut cookies: Vec<&Cookie> = self
            .sites
            .values()
            .flat_map(|site| site.cookies.iter())
            .filter(|cookie| options.include_session || cookie.persistent())
            .filter(|cookie| options.include_expired || !cookie.is_expired(now))
            .collect();
        sort_by_key(&mut cookies, |cookie| cookie.seq);
        cookies
    }

    /// Imports a saved jar: reads all of `text` first (a `FormatError` leaves the jar as it
    /// was), then restores each record, oldest first (by creation-time, then in the order of the
    /// text), so that insertion order breaks ties as it did in the saved jar. Records the jar
    /// refuses, or that had expired, are skipped and reported; the others are restored, even if
    /// the limits evict some of them at once.
    pub fn import(
        &mut self,
        format: Format,
        text: &str,
        now: UnixMillis,
    ) -> Result<ImportReport, FormatError> {
        Ok(self.import_records(&persist::parse(format, text, now)?, now))
    }

    /// Restores the records read from a saved jar, oldest first (see `import`). Size: apart
    /// from `import`, so that the WebAssembly build can restore its own snapshots without
    /// linking the other formats' parsers.
    pub(crate) fn import_records(&mut self, parsed: &[ParsedRecord], now: UnixMillis) -> ImportReport {
        let mut order: Vec<(UnixMillis, usize)> = parsed
            .iter()
            .enumerate()
            .map(|(index, parsed)| (parsed.record.creation_time.min(now), index))
            .collect();
        sort_by_key(&mut order, |&key| key);
        let mut report = ImportReport::default();
        for parsed in order.into_iter().filter_map(|(_, index)| parsed.get(index)) {
            let (code, message) = match self.restore(&parsed.record, now) {
                Ok(Stored::Expired) => ("expired", EXPIRED_MESSAGE),
                Ok(_) => {
                    report.restored += 1;
                    continue;
                }
                Err(rejection) => (rejection.code(), rejection.message()),
            };
            report.skipped.push(Skipped { position: parsed.position, code, message: message.to_owned() });
        }
        sort_by_key(&mut report.skipped, |skipped| skipped.position);
        report
    }

    /// Writes the jar's cookies (`records`) in `format`, oldest first, leaving out those the
    /// format cannot carry (each format's documentation says which).
    pub fn export(&self, format: Format, now: UnixMillis, options: &ExportOptions) -> String {
        persist::write(format, &self.records(now, options))
    }
}

/// CHIPS: whether `key` is a schemeful site as a request computes one ("https://example.com"):
/// an http or https scheme and a canonical host that is its own site.
fn is_schemeful_site(key: &str) -> bool {
    let (secure, host) = match (key.strip_prefix("https://"), key.strip_prefix("http://")) {
        (Some(host), _) => (true, host),
        (None, Some(host)) => (false, host),
        (None, None) => return false,
    };
    canonical_host_kind(host).is_some_and(|kind| Site::new(secure, host, kind).as_str() == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemeful_sites() {
        let cases = [
            ("https://example.com", true),
            ("http://example.com", true),
            ("https://example.co.uk", true),
            ("https://github.io", true),
            ("https://user.github.io", true),
            ("https://127.0.0.1", true),
            ("http://[::1]", true),
            ("https://localhost", true),
            ("https://www.example.com", false),
            ("https://Example.com", false),
            ("https://example.com/", false),
            ("https://example.com:443", false),
            ("wss://example.com", false),
            ("example.com", false),
            ("https://", false),
            ("", false),
        ];
        for (key, want) in cases {
            assert_eq!(is_schemeful_site(key), want, "{key}");
        }
    }
}
