//! The retrieval model: 6265bis 5.8, with CHIPS' partition check.

use std::cell::OnceCell;
use std::cmp::Reverse;

use super::{ChangeCause, CookieJar, SiteCookies};
use crate::cookie::{Cookie, SameSite};
use crate::decision::Withheld;
use crate::host::{domain_matches, host_and_parent_domains, HostKind};
use crate::path::path_matches;
use crate::policy::{CallbackError, Policy, PolicyCallbacks, Refusal};
use crate::request::{Api, RequestContext, RequestUrl};
use crate::site::Site;
use crate::sort::sort_by_key;
use crate::UnixMillis;

/// A stored cookie considered for a retrieval, and whether it was included.
#[derive(Clone, Copy, Debug)]
pub struct RetrievalDecision<'a> {
    pub cookie: &'a Cookie,
    /// `None` when the cookie is included.
    pub withheld: Option<Withheld>,
}

/// What one retrieval's decisions depend on, computed once per retrieval.
struct Retrieval<'a> {
    url: &'a RequestUrl<'a>,
    context: &'a RequestContext,
    secure: bool,
    cross_site: bool,
    /// Not in the spec: a cross-site request that is not a top-level navigation, the context
    /// the policy's third-party mode is about.
    third_party: bool,
    now: UnixMillis,
    policy: &'a Policy,
    /// Speed: computed when the first partitioned cookie is met (it needs a suffix-list lookup).
    partition_key: OnceCell<Site>,
}

impl<'a> Retrieval<'a> {
    fn new(
        url: &'a RequestUrl<'a>,
        context: &'a RequestContext,
        now: UnixMillis,
        jar: &'a CookieJar,
    ) -> Self {
        let cross_site = !context.is_same_site(url);
        Retrieval {
            url,
            context,
            secure: url.is_secure(),
            cross_site,
            third_party: cross_site && !context.top_level_navigation,
            now,
            policy: &jar.config.policy,
            partition_key: OnceCell::new(),
        }
    }

    /// Whether `cookie` is considered at all: its domain is the request host or a parent of it.
    fn considers(&self, cookie: &Cookie) -> bool {
        domain_matches(self.url.host(), self.url.host_kind() == HostKind::Domain, cookie.domain())
    }

    /// 6265bis 5.8 step 3: why `cookie`, a considered cookie of `site`, is not in the cookie-list.
    fn withheld(&self, cookie: &Cookie, site: &SiteCookies) -> Option<Withheld> {
        if cookie.is_expired(self.now) {
            return Some(Withheld::Expired);
        }
        // A host-only cookie needs the host itself; a Domain cookie a domain that is not a
        // public suffix (in a site keyed by a public suffix, every domain is that suffix).
        // Speed: considered cookies' domains are the host or a parent of it, so equal lengths
        // mean equal domains.
        if cookie.host_only() {
            if cookie.domain().len() != self.url.host().len() {
                return Some(Withheld::HostOnly);
            }
        } else if site.is_public_suffix {
            return Some(Withheld::DomainIsPublicSuffix);
        }
        if !path_matches(self.url.path(), cookie.path()) {
            return Some(Withheld::PathMismatch);
        }
        if cookie.secure() && !self.secure {
            return Some(Withheld::Secure);
        }
        if cookie.http_only() && self.context.api == Api::NonHttp {
            return Some(Withheld::HttpOnly);
        }
        if self.cross_site {
            match self.policy.enforced_same_site(cookie.same_site()) {
                SameSite::None => {}
                SameSite::Strict => return Some(Withheld::SameSiteStrict),
                same_site @ (SameSite::Lax | SameSite::Default) => {
                    // 5.6.7.2 "Lax-allowing-unsafe": a recent cookie without SameSite may ride an
                    // unsafe top-level navigation.
                    // A window of 0 turns it off (a cookie created this millisecond is not recent).
                    let window = self.policy.lax_allowing_unsafe_millis;
                    let recent_default = same_site == SameSite::Default
                        && window > 0
                        && self.now.saturating_sub(cookie.creation_time()) <= window;
                    let allowed = self.context.api == Api::Http
                        && self.context.top_level_navigation
                        && (self.context.safe_method || recent_default);
                    if !allowed {
                        return Some(Withheld::SameSiteLax);
                    }
                }
            }
        }
        if let Some(partition) = cookie.partition_key() {
            let request_partition = self.partition_key.get_or_init(|| self.context.partition_key(self.url));
            if partition != request_partition.as_str() {
                return Some(Withheld::Partition);
            }
        }
        if self.policy.refuses_nothing() {
            return None;
        }
        self.policy.refusal(cookie.domain(), cookie.partition_key().is_some(), self.third_party).map(
            |refusal| match refusal {
                Refusal::BlockedDomain(rule) => Withheld::BlockedDomain(rule),
                Refusal::NotAllowedDomain => Withheld::NotAllowedDomain,
                Refusal::ThirdPartyBlocked => Withheld::ThirdPartyBlocked,
            },
        )
    }
}

/// 6265bis 5.8 step 4: longer paths first, then earlier creation-times (then insertion order).
/// A site's cookies are stored in this order.
pub(super) fn retrieval_order(cookie: &Cookie) -> (Reverse<usize>, UnixMillis, u64) {
    (Reverse(cookie.path().len()), cookie.creation_time(), cookie.seq)
}

/// 6265bis 5.8 step 6: appends one cookie to a cookie-string, whose cookies are joined by "; ".
fn append_cookie(out: &mut String, cookie: &Cookie, first: bool) {
    if !first {
        out.push_str("; ");
    }
    out.push_str(cookie.serialized_pair());
}

impl CookieJar {
    /// The sites a request to `url` can have cookies from: those keyed by its host or a parent.
    fn sites_for<'j, 'u>(&'j self, url: &'u RequestUrl<'_>) -> impl Iterator<Item = &'j SiteCookies> + 'u
    where
        'j: 'u,
    {
        host_and_parent_domains(url.host(), url.host_kind()).filter_map(move |domain| self.sites.get(domain))
    }

    /// Visits every stored cookie whose domain is the request host or a parent of it, with its
    /// decision. Speed: plain loops, as this is the hot path of every request.
    fn for_each_decision<'j>(
        &'j self,
        retrieval: &Retrieval<'_>,
        mut visit: impl FnMut(&'j Cookie, Option<Withheld>),
    ) {
        for site in self.sites_for(retrieval.url) {
            site_decisions(site, retrieval, &mut visit);
        }
    }

    /// 6265bis 5.8 steps 1-4: the sorted cookie-list for a request to `url`, and whether an
    /// expired cookie was met (for the caller to evict). Changes nothing.
    fn cookie_list<'j>(
        &'j self,
        url: &RequestUrl<'_>,
        context: &RequestContext,
        now: UnixMillis,
    ) -> (Vec<&'j Cookie>, bool) {
        let mut cookies = Vec::new();
        let mut saw_expired = false;
        if url.is_cookieable() {
            let retrieval = Retrieval::new(url, context, now, self);
            self.for_each_decision(&retrieval, |cookie, withheld| match withheld {
                None => cookies.push(cookie),
                Some(Withheld::Expired) => saw_expired = true,
                Some(_) => {}
            });
            sort_by_key(&mut cookies, |cookie| retrieval_order(cookie));
        }
        (cookies, saw_expired)
    }

    /// 6265bis 5.8: the cookie-list for a request to `url`, sorted; updates each included
    /// cookie's last-access-time (step 5).
    pub fn retrieve(
        &mut self,
        url: &RequestUrl<'_>,
        context: &RequestContext,
        now: UnixMillis,
    ) -> Vec<&Cookie> {
        if self.has_expired_for(url, now) {
            self.remove_expired_for(url, now);
        }
        let (cookies, _) = self.cookie_list(url, context, now);
        for cookie in &cookies {
            cookie.touch(now);
        }
        cookies
    }

    /// 6265bis 5.8: the cookie-string for a request to `url`: the Cookie header field value
    /// (or, with [`Api::NonHttp`], what `document.cookie` returns); empty when no cookie applies.
    /// Updates last-access-times and evicts the expired cookies it met.
    pub fn cookie_header(
        &mut self,
        url: &RequestUrl<'_>,
        context: &RequestContext,
        now: UnixMillis,
    ) -> String {
        // Speed: serialized into the jar's reused buffer, then copied once at its exact size.
        self.cookie_header_str(url, context, now).into()
    }

    /// [`CookieJar::cookie_header`] without allocating: the header in a buffer the jar reuses,
    /// for callers that copy it elsewhere anyway.
    pub fn cookie_header_str(
        &mut self,
        url: &RequestUrl<'_>,
        context: &RequestContext,
        now: UnixMillis,
    ) -> &str {
        let mut buffer = std::mem::take(&mut self.header_buffer);
        self.write_cookie_header(url, context, now, &mut buffer);
        self.header_buffer = buffer;
        &self.header_buffer
    }

    /// Serializes the cookie-string into `out`, which is cleared first.
    fn write_cookie_header(
        &mut self,
        url: &RequestUrl<'_>,
        context: &RequestContext,
        now: UnixMillis,
        out: &mut String,
    ) {
        out.clear();
        let mut saw_expired = false;
        let mut sites = self.sites_for(url);
        match (sites.next(), sites.next()) {
            // Speed: a site's cookies are stored in retrieval order, so those of a request that
            // meets one site (the usual case) are serialized as they are met.
            (Some(site), None) if url.is_cookieable() => {
                let retrieval = Retrieval::new(url, context, now, self);
                site_decisions(site, &retrieval, &mut |cookie, withheld| match withheld {
                    None => {
                        cookie.touch(now);
                        append_cookie(out, cookie, out.is_empty());
                    }
                    Some(withheld) => saw_expired |= withheld == Withheld::Expired,
                });
            }
            (Some(_), Some(_)) => {
                let (cookies, expired) = self.cookie_list(url, context, now);
                for (i, cookie) in cookies.iter().enumerate() {
                    cookie.touch(now);
                    append_cookie(out, cookie, i == 0);
                }
                saw_expired = expired;
            }
            _ => {}
        }
        drop(sites);
        if saw_expired {
            self.remove_expired_for(url, now);
        }
    }

    /// Explains a retrieval without performing it: every stored cookie whose domain is the
    /// request host or a parent of it, included ones first in Cookie-header order, then the
    /// withheld ones with the reason, in that order too. Changes nothing (no last-access update).
    pub fn explain_retrieval<'j>(
        &'j self,
        url: &RequestUrl<'_>,
        context: &RequestContext,
        now: UnixMillis,
    ) -> Vec<RetrievalDecision<'j>> {
        if !url.is_cookieable() {
            return Vec::new();
        }
        let retrieval = Retrieval::new(url, context, now, self);
        let mut decisions = Vec::new();
        self.for_each_decision(&retrieval, |cookie, withheld| {
            decisions.push(RetrievalDecision { cookie, withheld })
        });
        sort_by_key(&mut decisions, |d| (d.withheld.is_some(), retrieval_order(d.cookie)));
        decisions
    }

    /// `cookie_header` with the policy's callbacks: `send` sees each cookie that every other rule
    /// would send. A callback that fails aborts the retrieval before it changes anything (no
    /// last-access update, no eviction).
    pub fn cookie_header_with(
        &mut self,
        url: &RequestUrl<'_>,
        context: &RequestContext,
        now: UnixMillis,
        callbacks: &mut dyn PolicyCallbacks,
    ) -> Result<String, CallbackError> {
        let (cookies, saw_expired) = self.cookie_list(url, context, now);
        let mut header = String::new();
        let mut sent = Vec::with_capacity(cookies.len());
        for cookie in cookies {
            if callbacks.send(cookie)? {
                sent.push(cookie);
            }
        }
        for (i, cookie) in sent.into_iter().enumerate() {
            cookie.touch(now);
            append_cookie(&mut header, cookie, i == 0);
        }
        if saw_expired {
            self.remove_expired_for(url, now);
        }
        Ok(header)
    }

    /// `explain_retrieval` with the policy's callbacks: a cookie every other rule would send and
    /// that `send` refuses is withheld (`WithheldByPolicy`).
    pub fn explain_retrieval_with<'j>(
        &'j self,
        url: &RequestUrl<'_>,
        context: &RequestContext,
        now: UnixMillis,
        callbacks: &mut dyn PolicyCallbacks,
    ) -> Result<Vec<RetrievalDecision<'j>>, CallbackError> {
        let mut decisions = self.explain_retrieval(url, context, now);
        for decision in &mut decisions {
            if decision.withheld.is_none() && !callbacks.send(decision.cookie)? {
                decision.withheld = Some(Withheld::WithheldByPolicy);
            }
        }
        sort_by_key(&mut decisions, |d| (d.withheld.is_some(), retrieval_order(d.cookie)));
        Ok(decisions)
    }

    fn has_expired_for(&self, url: &RequestUrl<'_>, now: UnixMillis) -> bool {
        self.sites_for(url).any(|site| site.cookies.iter().any(|cookie| cookie.is_expired(now)))
    }

    /// 6265bis 5.7: expired cookies met by a retrieval are evicted.
    fn remove_expired_for(&mut self, url: &RequestUrl<'_>, now: UnixMillis) {
        for domain in host_and_parent_domains(url.host(), url.host_kind()) {
            self.remove_in_site(domain, &mut |cookie| cookie.is_expired(now).then_some(ChangeCause::Expired));
        }
    }
}

/// The decision on each cookie of `site` that a retrieval considers, in the site's order.
fn site_decisions<'j>(
    site: &'j SiteCookies,
    retrieval: &Retrieval<'_>,
    visit: &mut impl FnMut(&'j Cookie, Option<Withheld>),
) {
    for cookie in &site.cookies {
        if retrieval.considers(cookie) {
            visit(cookie, retrieval.withheld(cookie, site));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cookie::NewCookie;

    /// 6265bis 5.8 step 3: a Domain cookie whose domain is a public suffix is never sent, even
    /// when it got into the store (a suffix-list change; storage alone never lets it in).
    #[test]
    fn domain_cookies_on_public_suffixes_are_withheld() {
        let mut jar = CookieJar::new();
        let now = 1_000;
        let cookie = |name, domain, host_only, seq| {
            let mut cookie = Cookie::new(&NewCookie {
                name,
                value: "1",
                domain,
                path: "/",
                partition_key: None,
                expiry: None,
                now,
                host_only,
                secure: false,
                http_only: false,
                same_site: SameSite::Default,
                priority: Default::default(),
            });
            cookie.seq = seq;
            cookie
        };
        let mut suffix_site = SiteCookies { is_public_suffix: true, ..SiteCookies::default() };
        suffix_site.cookies.extend([cookie("stale", "co.uk", false, 1), cookie("host", "co.uk", true, 2)]);
        let mut site = SiteCookies::default();
        site.cookies.push(cookie("fine", "example.co.uk", false, 3));
        jar.sites.insert("co.uk".into(), suffix_site);
        jar.sites.insert("example.co.uk".into(), site);
        jar.total = 3;
        let url = RequestUrl::from_parts("http", "www.example.co.uk", "/").unwrap();
        let context = RequestContext::default();
        let decisions: Vec<_> = jar
            .explain_retrieval(&url, &context, now)
            .iter()
            .map(|d| (d.cookie.name(), d.withheld))
            .collect();
        assert_eq!(
            decisions,
            [
                ("fine", None),
                ("stale", Some(Withheld::DomainIsPublicSuffix)),
                ("host", Some(Withheld::HostOnly))
            ]
        );
        let url = RequestUrl::from_parts("http", "co.uk", "/").unwrap();
        assert_eq!(jar.cookie_header(&url, &context, now), "host=1");
    }
}
