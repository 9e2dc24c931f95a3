//! URL and host canonicalisation on any text: never a panic; the canonical fast path splits a
//! URL only when the WHATWG parser (the `url` crate) gives the same scheme, host and path, and a
//! URL the parser accepts makes a request URL whose site is well formed.
#![no_main]

use cookie_engine::RequestUrl;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = url::Url::parse(text);
    if let Some(fast) = RequestUrl::parse_canonical(text) {
        let url = parsed.as_ref().expect("the fast path split a URL the parser refuses");
        assert_eq!(fast.host(), url.host_str().unwrap_or(""), "{text}");
        assert_eq!(fast.path(), url.path(), "{text}");
        assert!(fast.is_cookieable());
        assert_eq!(fast.is_secure(), RequestUrl::from_url(url).unwrap().is_secure(), "{text}");
    }
    let Ok(url) = parsed else { return };
    if let Ok(request) = RequestUrl::from_url(&url) {
        if request.is_cookieable() {
            let site = request.site();
            let host = site.as_str().split_once("://").map(|(_, host)| host).unwrap_or_default();
            assert!(
                request.host() == host || request.host().ends_with(&format!(".{host}")),
                "{text}: {site}"
            );
        }
    }
});
