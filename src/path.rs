//! Paths: 6265bis 5.1.4 (default-path and path-match).

use crate::bytes::same_bytes;

/// 6265bis 5.1.4: the default-path of a cookie set from a request-uri with path `uri_path`.
pub(crate) fn default_path(uri_path: &str) -> &str {
    // Step 2: empty or not starting with "/".
    if !uri_path.starts_with('/') {
        return "/";
    }
    // Steps 3-4: up to, but not including, the right-most "/"; "/" when that is the first one.
    // Speed: a byte search, as in WebAssembly `rfind` calls memrchr, a byte loop behind a call.
    match uri_path.bytes().rposition(|b| b == b'/') {
        Some(0) | None => "/",
        Some(last_slash) => uri_path.get(..last_slash).unwrap_or("/"),
    }
}

/// 6265bis 5.1.4: does `request_path` path-match `cookie_path`?
///
/// The layered draft's step 5, read literally, would also let "/foo/" match "/foo"; we follow
/// 6265bis and browsers (and Web Platform Tests), which do not.
pub(crate) fn path_matches(request_path: &str, cookie_path: &str) -> bool {
    let (request, cookie) = (request_path.as_bytes(), cookie_path.as_bytes());
    match request.get(..cookie.len()) {
        Some(prefix) if same_bytes(prefix, cookie) => {
            // Identical paths, or a prefix that ends in "/" or is followed by "/".
            request.len() == cookie.len()
                || cookie.ends_with(b"/")
                || request.get(cookie.len()) == Some(&b'/')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_paths() {
        let cases = [
            ("", "/"),
            ("/", "/"),
            ("/foo", "/"),
            ("/foo/", "/foo"),
            ("/foo/bar", "/foo"),
            ("/foo/bar/", "/foo/bar"),
            ("//", "/"),
            ("//x", "/"),
            ("foo/bar", "/"),
            ("/a/b/c/d.html", "/a/b/c"),
        ];
        for (uri_path, want) in cases {
            assert_eq!(default_path(uri_path), want, "default_path({uri_path:?})");
        }
    }

    #[test]
    fn path_matching() {
        let cases = [
            ("/", "/", true),
            ("/foo", "/", true),
            ("/foo", "/foo", true),
            ("/foo/", "/foo", true),
            ("/foo/bar", "/foo", true),
            ("/foo/bar", "/foo/", true),
            ("/foobar", "/foo", false),
            ("/fo", "/foo", false),
            ("/foo", "/foo/", false),
            ("/", "/foo", false),
            ("/Foo", "/foo", false),
            ("/foo/bar/baz", "/foo/bar", true),
            ("/foo%2Fbar", "/foo", false),
        ];
        for (request_path, cookie_path, want) in cases {
            assert_eq!(
                path_matches(request_path, cookie_path),
                want,
                "{request_path:?} path-matches {cookie_path:?}"
            );
        }
    }
}
