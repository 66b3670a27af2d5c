//! The header policy, as data: what every response carries, and how long each kind of
//! response may be kept. [`finish`] applies it to every response the site sends.

use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};

/// Only 'self' styles and no scripts at all: no page has inline styles or scripts.
/// `connect-src 'self'` costs nothing (no script may run to connect), and it lets tools that
/// fetch from inside the page, such as Lighthouse reading robots.txt, do so
/// (GoogleChrome/lighthouse#4386).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Sent on every response, whatever made it.
///
/// `Cross-Origin-Opener-Policy` is left out on purpose: the site has no log-in, no secrets and
/// no pop-ups for it to guard, and it makes the browser move every arriving page into a new
/// browsing-context group, which cost 100-150 ms of main-thread time per page load in
/// Lighthouse's mobile profile (total blocking time 170-190 ms with it, 20-80 ms without, the
/// same bytes served with and without it).
pub const EVERY_RESPONSE: [(HeaderName, HeaderValue); 7] = [
    (
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    ),
    (
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ),
    (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    (
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    ),
    (
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    ),
    (
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()",
        ),
    ),
    (
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=63072000; includeSubDomains"),
    ),
];

/// Never sent: nothing in the stack sets it, and a proxy's default must not leak through.
const X_POWERED_BY: HeaderName = HeaderName::from_static("x-powered-by");

/// `Cache-Control` by kind of response.
pub mod cache {
    /// Pages and JSON: content changes only on deploy, and every one has an ETag, so a stale
    /// copy is cheap to revalidate. Results pages too: the same URL gives the same page for a
    /// deploy.
    pub const PAGE: &str = "public, max-age=300";
    /// Static files under a fingerprinted name, which changes when their bytes do.
    pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
    /// Static files under their plain name: kept, but revalidated before each use.
    pub const REVALIDATE: &str = "public, no-cache";
    /// `/favicon.ico`, whose address cannot carry a fingerprint.
    pub const FAVICON: &str = "public, max-age=86400";
    /// Errors and answers to POST.
    pub const NEVER: &str = "no-store";
}

/// Applies the policy: errors and answers to POST are never stored; any other successful or
/// not-modified answer to GET or HEAD that names no policy gets [`cache::PAGE`]; every
/// response gets [`EVERY_RESPONSE`] and names the charset of its JSON; nothing names the
/// server.
pub fn finish(headers: &mut HeaderMap, status: StatusCode, method: &Method) {
    headers.reserve(EVERY_RESPONSE.len() + 1);
    if status.is_client_error() || status.is_server_error() || method == Method::POST {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache::NEVER),
        );
    } else if (status == StatusCode::OK || status == StatusCode::NOT_MODIFIED)
        && !headers.contains_key(header::CACHE_CONTROL)
    {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache::PAGE));
    }
    for (name, value) in EVERY_RESPONSE {
        headers.insert(name, value);
    }
    headers.remove(header::SERVER);
    headers.remove(X_POWERED_BY);
    // axum's own JSON responses (its rejections) name no charset.
    if headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == b"application/json")
    {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
    }
}
