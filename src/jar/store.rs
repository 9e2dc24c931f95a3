//! The storage model: 6265bis 5.7, with the layered draft's prefixes and CHIPS.

use super::{ChangeCause, CookieJar, DomainMap, SiteCookies};
use crate::cookie::{Cookie, NewCookie, SameSite};
use crate::decision::{Rejection, Stored};
use crate::host::{domain_matches, is_dns_length, HostKind};
use crate::parse::{parse_set_cookie, SetCookie, MAX_ATTRIBUTE_VALUE_OCTETS};
use crate::path::{default_path, path_matches};
use crate::policy::{CallbackError, PolicyCallbacks, Refusal};
use crate::psl;
use crate::request::{Api, RequestContext, RequestUrl};
use crate::site::site_domain;
use crate::UnixMillis;

impl CookieJar {
    /// Receives a cookie: parses a Set-Cookie header field value (or a `document.cookie`
    /// assignment, with [`Api::NonHttp`]) sent in response to a request to `url`, and stores it
    /// (6265bis 5.6, 5.7). A rejection is a value, never a panic or an error state of the jar.
    pub fn set_cookie(
        &mut self,
        set_cookie_string: &str,
        url: &RequestUrl<'_>,
        context: &RequestContext,
        now: UnixMillis,
    ) -> Result<Stored, Rejection> {
        match self.receive(set_cookie_string, url, context, now, None) {
            Ok(stored) => Ok(stored),
            Err(NotStored::Rejected(rejection)) => Err(rejection),
            // Without callbacks, nothing can fail.
            Err(NotStored::Aborted(CallbackError)) => Err(Rejection::RejectedByPolicy),
        }
    }

    /// `set_cookie` for each of `lines`, with the policy's callbacks: its `accept` sees each
    /// cookie that every other rule lets through. A callback that fails aborts the call, and the
    /// jar is as it was before it: none of the lines is stored.
    pub fn set_cookies_with(
        &mut self,
        lines: &[&str],
        url: &RequestUrl<'_>,
        context: &RequestContext,
        now: UnixMillis,
        callbacks: &mut dyn PolicyCallbacks,
    ) -> Result<Vec<Result<Stored, Rejection>>, CallbackError> {
        let transaction = self.begin_transaction();
        let mut decisions = Vec::with_capacity(lines.len());
        for line in lines {
            match self.receive(line, url, context, now, Some(&mut *callbacks)) {
                Ok(stored) => decisions.push(Ok(stored)),
                Err(NotStored::Rejected(rejection)) => decisions.push(Err(rejection)),
                Err(NotStored::Aborted(error)) => {
                    self.roll_back(transaction);
                    return Err(error);
                }
            }
        }
        self.commit(transaction);
        Ok(decisions)
    }

    /// 6265bis 5.6 and 5.7 for one line, then the policy.
    fn receive(
        &mut self,
        set_cookie_string: &str,
        url: &RequestUrl<'_>,
        context: &RequestContext,
        now: UnixMillis,
        callbacks: Option<&mut dyn PolicyCallbacks>,
    ) -> Result<Stored, NotStored> {
        if !url.is_cookieable() {
            return Err(Rejection::NonCookieableScheme.into());
        }
        let cookie = parse_set_cookie(set_cookie_string, now, self.config.max_age_seconds)?;
        self.store_cookie(&cookie, url, context, now, callbacks)
    }

    /// 6265bis 5.7 steps 5-24 (steps 2-4 were checked while parsing), with the policy after the
    /// drafts' rules.
    fn store_cookie(
        &mut self,
        cookie: &SetCookie<'_>,
        url: &RequestUrl<'_>,
        context: &RequestContext,
        now: UnixMillis,
        callbacks: Option<&mut dyn PolicyCallbacks>,
    ) -> Result<Stored, NotStored> {
        let request_host = url.host();
        let host_is_domain_name = url.host_kind() == HostKind::Domain;

        // Step 7.
        let domain_attribute = cookie.domain.unwrap_or("");
        // Step 8: not in CHAR (US-ASCII).
        if !domain_attribute.is_ascii() {
            return Err(Rejection::DomainNotAscii.into());
        }
        // 5.6.3 step 3.
        let lowercase_domain;
        let mut domain_attribute = if domain_attribute.bytes().any(|b| b.is_ascii_uppercase()) {
            lowercase_domain = domain_attribute.to_ascii_lowercase();
            lowercase_domain.as_str()
        } else {
            domain_attribute
        };
        // Step 9: the request host was canonicalized when `url` was built. A domain with a
        // registrable domain is not a public suffix, and that registrable domain is the site the
        // cookie goes under. Speed: one suffix-list lookup answers both.
        let mut domain_site = None;
        if !domain_attribute.is_empty() {
            domain_site = self.site_memo.registrable_domain(domain_attribute);
            if domain_site.is_none() && psl::is_public_suffix(domain_attribute) {
                if domain_attribute == request_host {
                    domain_attribute = "";
                } else {
                    return Err(Rejection::DomainIsPublicSuffix.into());
                }
            }
        }
        // Step 10.
        let (domain, host_only) = if domain_attribute.is_empty() {
            (request_host, true)
        } else if domain_matches(request_host, host_is_domain_name, domain_attribute) {
            (domain_attribute, false)
        } else {
            return Err(Rejection::DomainMismatch.into());
        };
        // Step 11 with 5.6.4: an empty Path or one not starting with "/" means the default-path.
        let path_attribute = cookie.path.filter(|path| path.starts_with('/'));
        let path = path_attribute.unwrap_or_else(|| default_path(url.path()));
        // Not in the spec: lengths that bound a cookie's size and a retrieval's lookups.
        if !is_dns_length(domain) {
            return Err(Rejection::DomainTooLong.into());
        }
        if path.len() > MAX_ATTRIBUTE_VALUE_OCTETS {
            return Err(Rejection::PathTooLong.into());
        }
        // Steps 12-13.
        let secure_connection = url.is_secure();
        if cookie.secure && !secure_connection {
            return Err(Rejection::SecureFromInsecureOrigin.into());
        }
        // CHIPS: a Partitioned cookie without Secure is ignored.
        if cookie.partitioned && !cookie.secure {
            return Err(Rejection::PartitionedWithoutSecure.into());
        }
        // Steps 14-15.
        if cookie.http_only && context.api == Api::NonHttp {
            return Err(Rejection::HttpOnlyFromNonHttpApi.into());
        }
        // The site the cookie is indexed and counted under (the domain is the host or a parent).
        let site = match domain_site {
            Some(site) if !host_only && host_is_domain_name => site,
            _ => site_domain(domain, url.host_kind(), |domain| self.site_memo.registrable_domain(domain)),
        };
        // Step 16: leave secure cookies alone.
        if !cookie.secure && !secure_connection {
            let suffix_host =
                host_only && host_is_domain_name && self.site_memo.registrable_domain(domain).is_none();
            if self
                .sites_around(domain, site, host_is_domain_name, suffix_host)
                .any(|cookies| overlays_secure_cookie(cookies, cookie.name, domain, path, now))
            {
                return Err(Rejection::OverlaysSecureCookie.into());
            }
        }
        // Step 17.
        let same_site = cookie.same_site.unwrap_or_default();
        // Step 18 (not in the spec: the policy may enforce a cookie without SameSite as None).
        let same_site_request = context.is_same_site(url);
        if self.config.policy.enforced_same_site(same_site) != SameSite::None {
            // 18.1: a script's document is cross-site with the top level.
            if context.api == Api::NonHttp && !same_site_request {
                return Err(Rejection::SameSiteFromCrossSiteScript.into());
            }
            // 18.2-18.4: same-site requests and top-level navigations may set any cookie.
            if !same_site_request && !context.top_level_navigation {
                return Err(Rejection::SameSiteFromCrossSiteRequest.into());
            }
        }
        // Step 19.
        if same_site == SameSite::None && !cookie.secure {
            return Err(Rejection::SameSiteNoneWithoutSecure.into());
        }
        // Steps 20-22 and the layered draft's prefixes.
        check_name_prefixes(cookie, host_only, path_attribute)?;
        // Not in the spec: the policy's lists and third-party mode (a third-party context is a
        // cross-site one that is not a top-level navigation).
        let third_party = !same_site_request && !context.top_level_navigation;
        if !self.config.policy.refuses_nothing() {
            if let Some(refusal) = self.config.policy.refusal(domain, cookie.partitioned, third_party) {
                return Err(refusal_to_rejection(refusal).into());
            }
        }

        let partition_key = cookie.partitioned.then(|| context.partition_key(url));
        if partition_key.as_ref().is_some_and(|site| !site.has_dns_length()) {
            return Err(Rejection::DomainTooLong.into());
        }
        let new_cookie = Cookie::new(&NewCookie {
            name: cookie.name,
            value: cookie.value,
            domain,
            path,
            partition_key: partition_key.as_ref().map(|site| site.as_str()),
            expiry: cookie.expiry(),
            now,
            host_only,
            secure: cookie.secure,
            http_only: cookie.http_only,
            same_site,
            priority: cookie.priority.unwrap_or_default(),
        });
        // Not in the spec: the policy's accept callback, last.
        if let Some(callbacks) = callbacks {
            if !callbacks.accept(&new_cookie).map_err(NotStored::Aborted)? {
                return Err(Rejection::RejectedByPolicy.into());
            }
        }
        Ok(self.insert(site, new_cookie, context.api, now)?)
    }

    /// The sites whose cookies can domain-match `domain`, or be domain-matched by it (6265bis 5.7
    /// step 16's search), `site` being `domain`'s: nearly always `site` alone. The exceptions are
    /// hosts that are public suffixes ("co.uk", "github.io"), each its own site, whose cookies
    /// are all host-only (step 10): those above `site`, and, when `domain` is such a host
    /// (`suffix_host`), every site below it. (Chromium searches `site` alone, and misses them.)
    fn sites_around<'a>(
        &'a self,
        domain: &'a str,
        site: &'a str,
        host_is_domain_name: bool,
        suffix_host: bool,
    ) -> impl Iterator<Item = &'a SiteCookies> + 'a {
        let above = site
            .bytes()
            .enumerate()
            .filter(move |&(_, b)| host_is_domain_name && b == b'.')
            .filter_map(move |(dot, _)| site.get(dot + 1..));
        let below = suffix_host
            .then(|| self.sites.iter())
            .into_iter()
            .flatten()
            .filter(move |(key, _)| key.len() > domain.len() && domain_matches(key, true, domain))
            .map(|(_, cookies)| cookies);
        std::iter::once(site).chain(above).filter_map(|key| self.sites.get(key)).chain(below)
    }

    /// 6265bis 5.7 steps 23-24 in the bucket of `site`, then the layered draft's "Garbage
    /// Collect Cookies".
    pub(super) fn insert(
        &mut self,
        site: &str,
        mut new_cookie: Cookie,
        api: Api,
        now: UnixMillis,
    ) -> Result<Stored, Rejection> {
        let expired = new_cookie.is_expired(now);
        let next_seq = self.next_seq;
        let bucket = match self.sites.get_mut(site) {
            Some(bucket) => bucket,
            None if expired => return Ok(Stored::Expired),
            // Speed: the site's key is allocated only when the site is new.
            None => new_or_existing_site(&mut self.sites, site),
        };
        let twin = bucket.cookies.iter().position(|old| old.same_identity(&new_cookie));
        // Step 23.2 ignores an expired twin: it no longer exists for the spec (expired cookies are
        // evicted).
        let live_twin = twin.and_then(|index| bucket.cookies.get(index)).filter(|old| !old.is_expired(now));
        if api == Api::NonHttp && live_twin.is_some_and(Cookie::http_only) {
            return Err(Rejection::OverwritesHttpOnlyFromNonHttpApi);
        }
        let twin_is_live = live_twin.is_some();
        let (outcome, removed) = match twin {
            // Step 23.3, with the tie-breaking sequence number: the new cookie keeps the old one's
            // creation-time and sequence number, hence its place in retrieval order, so it is
            // written over it (`new_cookie` leaves with the old one).
            Some(index) if twin_is_live && !expired => {
                if let Some(old) = bucket.cookies.get(index) {
                    new_cookie.set_creation_time(old.creation_time());
                    new_cookie.seq = old.seq;
                }
                bucket.swap_at(index, &mut new_cookie);
                self.changes.record(ChangeCause::Overwritten, &new_cookie);
                if let Some(stored) = bucket.cookies.get(index) {
                    self.changes.record(ChangeCause::Inserted, stored);
                }
                (Stored::Replaced, 0)
            }
            // Step 23.4, and the new cookie, expired, is evicted at once.
            // The twin was expired, or the new cookie is (a server deleting it).
            Some(index) => {
                self.changes.record(ChangeCause::Expired, &bucket.remove_at(index));
                let outcome = match (expired, twin_is_live) {
                    (true, true) => Stored::Deleted,
                    (true, false) => Stored::Expired,
                    (false, _) => Stored::New,
                };
                (outcome, 1)
            }
            None if expired => (Stored::Expired, 0),
            None => (Stored::New, 0),
        };
        if outcome == Stored::New {
            new_cookie.seq = next_seq;
            self.next_seq += 1;
            self.changes.record(ChangeCause::Inserted, &new_cookie);
            bucket.insert_in_order(new_cookie);
        }
        let (is_empty, site_over_limits) = (bucket.cookies.is_empty(), bucket.is_over(&self.config.limits));
        self.total = self.total + usize::from(outcome == Stored::New) - removed;
        if is_empty {
            self.sites.remove(site);
            return Ok(outcome);
        }
        if !expired && (site_over_limits || self.total > self.config.limits.total) {
            self.collect_garbage(site, now);
        }
        Ok(outcome)
    }
}

/// The bucket of `site`, made if it has none.
pub(super) fn new_or_existing_site<'s>(
    sites: &'s mut DomainMap<SiteCookies>,
    site: &str,
) -> &'s mut SiteCookies {
    sites.entry(site.into()).or_insert_with(|| SiteCookies {
        is_public_suffix: psl::is_public_suffix(site),
        ..SiteCookies::default()
    })
}

/// Why a line was not stored: a rejection, or a callback that failed (which aborts the call).
enum NotStored {
    Rejected(Rejection),
    Aborted(CallbackError),
}

impl From<Rejection> for NotStored {
    fn from(rejection: Rejection) -> NotStored {
        NotStored::Rejected(rejection)
    }
}

/// The rejection of a policy refusal.
pub(super) fn refusal_to_rejection(refusal: Refusal) -> Rejection {
    match refusal {
        Refusal::BlockedDomain(rule) => Rejection::BlockedDomain(rule),
        Refusal::NotAllowedDomain => Rejection::NotAllowedDomain,
        Refusal::ThirdPartyBlocked => Rejection::ThirdPartyBlocked,
    }
}

/// ASCII case-insensitive prefix test: user agents match cookie prefixes case-insensitively
/// (6265bis 5.3).
fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// 6265bis 5.7 steps 20-22 and the layered draft's `__Http-` and `__Host-Http-` prefixes.
pub(super) fn check_name_prefixes(
    cookie: &SetCookie<'_>,
    host_only: bool,
    path_attribute: Option<&str>,
) -> Result<(), Rejection> {
    let name = cookie.name;
    // Step 21 / layered "Host-prefix compatible". 6265bis reads "has a Path attribute and the
    // path is /"; like Chromium and the layered draft we require the Path attribute itself to be
    // "/" (an invalid Path falling back to a default-path of "/" does not count).
    let host_prefix_compatible = cookie.secure && host_only && path_attribute == Some("/");
    // Layered "Http-prefix compatible": its text says "http-only is false", a typo against its
    // own server section (a `__Http-` cookie "will have been set with ... an HttpOnly attribute").
    let http_prefix_compatible = cookie.secure && cookie.http_only;

    if starts_with_ignore_case(name, "__Secure-") && !cookie.secure {
        return Err(Rejection::SecurePrefix);
    }
    if starts_with_ignore_case(name, "__Host-") && !host_prefix_compatible {
        return Err(Rejection::HostPrefix);
    }
    if starts_with_ignore_case(name, "__Http-") && !http_prefix_compatible {
        return Err(Rejection::HttpPrefix);
    }
    if starts_with_ignore_case(name, "__Host-Http-") && !(host_prefix_compatible && http_prefix_compatible) {
        return Err(Rejection::HostHttpPrefix);
    }
    // Step 22 (the layered draft adds its two prefixes; "__Host-Http-" starts with "__Host-").
    if name.is_empty()
        && ["__Secure-", "__Host-", "__Http-"]
            .iter()
            .any(|prefix| starts_with_ignore_case(cookie.value, prefix))
    {
        return Err(Rejection::NamelessWithPrefix);
    }
    Ok(())
}

/// 6265bis 5.7 step 16 within one site's cookies: is there a live Secure cookie named `name`
/// whose domain domain-matches `domain` (or the reverse) and whose path `path` path-matches?
/// Within one site no domain is an IP address, so string domain-matching is exact.
fn overlays_secure_cookie(
    cookies: &SiteCookies,
    name: &str,
    domain: &str,
    path: &str,
    now: UnixMillis,
) -> bool {
    cookies.cookies.iter().any(|existing| {
        existing.name() == name
            && existing.secure()
            && !existing.is_expired(now)
            && (domain_matches(existing.domain(), true, domain)
                || domain_matches(domain, true, existing.domain()))
            && path_matches(path, existing.path())
    })
}
