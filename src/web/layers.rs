//! The middleware every response passes through: access logs, security headers, the site's
//! own pages for errors raised outside handlers, caching validators, limits and timeouts.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::uri::PathAndQuery;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

use super::{ApiError, Error};
use crate::server::fast_path;

/// The largest request body accepted (the questionnaire form is far smaller).
pub const MAX_BODY_BYTES: usize = 16 * 1024;
/// The longest request target (path and query) accepted.
pub const MAX_URI_BYTES: usize = 4096;
/// How long a request may take from its headers to the end of its response.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long browsers and CDNs may keep a page or JSON body: content changes only on deploy,
/// and every response has an ETag, so a stale copy is cheap to revalidate.
pub const PAGE_CACHE_CONTROL: &str = "public, max-age=300";
/// The largest body buffered to compute an ETag; anything the site renders is far smaller.
const MAX_ETAG_BODY: usize = 4 * 1024 * 1024;

/// Only 'self' styles and no scripts at all: no page has inline styles or scripts.
/// `connect-src 'self'` costs nothing (no script may run to connect), and it lets tools that
/// fetch from inside the page, such as Lighthouse reading robots.txt, do so
/// (GoogleChrome/lighthouse#4386).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const SECURITY_HEADERS: [(&str, &str); 8] = [
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    (
        "permissions-policy",
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()",
    ),
    (
        "strict-transport-security",
        "max-age=63072000; includeSubDomains",
    ),
];

/// Wraps the site's routes in the middleware stack. Tests use it to wrap routes of their own
/// (a handler that panics, say) exactly as the site's are wrapped.
pub fn with_layers(router: Router) -> Router {
    // Innermost first. The per-request work around the handlers is one function
    // (`site_layer`) rather than a stack of small middlewares: each middleware costs a boxed
    // future per request, and this is the hot path of every dynamic page.
    router
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CatchPanicLayer::custom(panic_page))
        .layer(middleware::from_fn(site_layer))
}

/// Around every request, in order: the URI limit; then, on the response, the site's own page
/// for errors raised outside handlers, caching validators, the headers every response carries,
/// and the access log.
async fn site_layer(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    // A cheap clone (the path is shared), taken before the request moves on.
    let route = request.extensions().get::<MatchedPath>().cloned();
    let api = super::is_api(request.uri().path());
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let too_long = !within_uri_limit(request.uri());

    // A bare status: `site_error_page` below gives it the site's page, as for any other.
    let response = if too_long {
        StatusCode::URI_TOO_LONG.into_response()
    } else {
        next.run(request).await
    };
    let response = site_error_page(response, &method, api);
    let mut response = conditional_get(response, &method, if_none_match.as_ref()).await;
    let status = response.status();
    finish_headers(response.headers_mut(), status, &method);

    tracing::info!(
        target: "access",
        %method,
        route = route.as_ref().map_or("(unmatched)", MatchedPath::as_str),
        status = response.status().as_u16(),
        latency_us = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX),
    );
    response
}

/// Whether the request target (path and query) is at most [`MAX_URI_BYTES`]; longer ones get
/// `414`.
pub(super) fn within_uri_limit(uri: &axum::http::Uri) -> bool {
    uri.path_and_query().is_none_or(within_target_limit)
}

/// [`within_uri_limit`] for a target already split from its URI.
pub(super) fn within_target_limit(target: &PathAndQuery) -> bool {
    target.as_str().len() <= MAX_URI_BYTES
}

/// Headers every response carries, whichever layer or handler made it: the security headers,
/// a charset on text, and `no-store` on errors and on answers to POST.
pub(super) fn finish_headers(headers: &mut HeaderMap, status: StatusCode, method: &Method) {
    if status.is_client_error() || status.is_server_error() || method == Method::POST {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    for (name, value) in SECURITY_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    headers.remove(header::SERVER);
    headers.remove("x-powered-by");
    // Every text response names its charset; axum's JSON does not by default.
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

/// Whether a response is already one of the site's own pages or JSON bodies.
fn is_site_body(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"))
}

/// Errors raised before or around handlers (axum's rejections, 405, the timeout, the body
/// limit) come without a body or as plain text; give them the site's page, or JSON under
/// `/api`, so every error looks and behaves the same.
fn site_error_page(response: Response, method: &Method, api: bool) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_site_body(response.headers()) {
        return response;
    }
    let message = match status {
        // axum adds the `Allow` header after the layers run, so it is not known here.
        StatusCode::METHOD_NOT_ALLOWED => format!(
            "This address does not accept {method} requests; the Allow header lists those it does."
        ),
        StatusCode::REQUEST_TIMEOUT => {
            "The request took too long to arrive or to answer.".to_owned()
        }
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "The request body is too large; the limit is {} KiB.",
            MAX_BODY_BYTES / 1024
        ),
        StatusCode::URI_TOO_LONG => {
            format!("The address is too long; the limit is {MAX_URI_BYTES} bytes.")
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            "The request body is in a format this address does not accept.".to_owned()
        }
        _ if status.is_server_error() => String::new(),
        _ => "The request could not be understood.".to_owned(),
    };
    let error = if status.is_server_error() {
        Error::Internal(format!("{status} from a layer"))
    } else {
        Error::Rejected(status, message)
    };
    if api {
        ApiError(error).into_response()
    } else {
        error.into_response()
    }
}

// CatchPanicLayer hands over the panic payload by value.
#[allow(clippy::needless_pass_by_value)]
fn panic_page(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    Error::Internal(format!("a handler panicked: {detail}")).into_response()
}

/// Caching for GET and HEAD: a strong ETag on every successful page and JSON body, `304 Not
/// Modified` when the client already has it, and a cache policy where the handler set none.
async fn conditional_get(
    response: Response,
    method: &Method,
    if_none_match: Option<&HeaderValue>,
) -> Response {
    let cacheable =
        (method == Method::GET || method == Method::HEAD) && response.status() == StatusCode::OK;
    if !cacheable {
        return response;
    }
    let (parts, body) = response.into_parts();
    if parts.headers.contains_key(header::ETAG) {
        return finish(parts, body, if_none_match);
    }
    let Ok(bytes) = to_bytes(body, MAX_ETAG_BODY).await else {
        return Error::Internal("a response body could not be buffered".to_owned()).into_response();
    };
    with_etag(parts, bytes, if_none_match)
}

/// A strong ETag from the body's hash, then [`finish`].
fn with_etag(
    mut parts: axum::http::response::Parts,
    body: Bytes,
    if_none_match: Option<&HeaderValue>,
) -> Response {
    parts.headers.insert(header::ETAG, etag_of(&body));
    finish(parts, Body::from(body), if_none_match)
}

/// A strong ETag from the body's content hash.
fn etag_of(body: &[u8]) -> HeaderValue {
    etag_value(super::assets::content_hash(body))
}

/// A strong ETag from a hash: `"` and 16 hex digits and `"`.
pub(super) fn etag_value(hash: u64) -> HeaderValue {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut etag = [b'"'; 18];
    for (i, digit) in etag[1..17].iter_mut().enumerate() {
        *digit = HEX[usize::try_from((hash >> (60 - 4 * i)) & 0xf).unwrap_or(0)];
    }
    HeaderValue::from_bytes(&etag).expect("a quoted hex hash is a valid header")
}

/// What a `GET` or `HEAD` gets of a page the front door answers without the router.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Sent {
    /// `200` with the body.
    Whole,
    /// `200` without the body: the answer to `HEAD`.
    HeadOnly,
    /// `304`: the client's copy is current.
    NotModified,
}

impl Sent {
    /// What to send for `method`, given whether the client's `If-None-Match` names the page.
    pub(super) fn of(method: &Method, client_has_it: bool) -> Sent {
        if client_has_it {
            Sent::NotModified
        } else if method == Method::HEAD {
            Sent::HeadOnly
        } else {
            Sent::Whole
        }
    }

    pub(super) fn status(self) -> StatusCode {
        if self == Sent::NotModified {
            StatusCode::NOT_MODIFIED
        } else {
            StatusCode::OK
        }
    }
}

/// The headers of a page the front door makes without the router (see `prerender::Front`),
/// built once by the same functions [`site_layer`] applies: type, cache policy, security
/// headers. `ETag` and `Content-Length` are there with placeholder values, so that filling
/// them in on a copy does not grow it. The same heads are kept as bytes for the fast path
/// (status line and headers, without `ETag` and `Content-Length`).
pub(super) struct DirectPage {
    ok: HeaderMap,
    not_modified: HeaderMap,
    plain_ok: Vec<u8>,
    plain_not_modified: Vec<u8>,
}

impl DirectPage {
    pub(super) fn new(content_type: &'static str) -> DirectPage {
        let mut ok = HeaderMap::with_capacity(16);
        ok.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        ok.insert(header::ETAG, HeaderValue::from_static("\"\""));
        ok.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PAGE_CACHE_CONTROL),
        );
        finish_headers(&mut ok, StatusCode::OK, &Method::GET);
        ok.insert(header::CONTENT_LENGTH, HeaderValue::from(0));
        // A 304 has no type.
        let mut not_modified = ok.clone();
        not_modified.remove(header::CONTENT_TYPE);
        let plain = |status, headers: &HeaderMap| {
            let mut headers = headers.clone();
            headers.remove(header::ETAG);
            headers.remove(header::CONTENT_LENGTH);
            plain_head(status, &headers)
        };
        DirectPage {
            plain_ok: plain(StatusCode::OK, &ok),
            plain_not_modified: plain(StatusCode::NOT_MODIFIED, &not_modified),
            ok,
            not_modified,
        }
    }
}

/// A status line and headers as the fast path sends them.
pub(super) fn plain_head(status: StatusCode, headers: &HeaderMap) -> Vec<u8> {
    let mut head = Vec::with_capacity(1024);
    fast_path::write_status(&mut head, status);
    fast_path::write_headers(&mut head, headers);
    head
}

/// The headers of a `303` the front door sends for a valid form without the router, built once
/// by the function [`site_layer`] applies to the router's (security headers, `no-store` on an
/// answer to POST). `Location` is there with a placeholder value, so that filling it in on a
/// copy does not grow it. The fast path's head has no `Location`.
pub(super) struct DirectRedirect {
    headers: HeaderMap,
    plain: Vec<u8>,
}

impl DirectRedirect {
    pub(super) fn new() -> DirectRedirect {
        let mut headers = HeaderMap::new();
        finish_headers(&mut headers, StatusCode::SEE_OTHER, &Method::POST);
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
        let plain = plain_head(StatusCode::SEE_OTHER, &headers);
        headers.insert(header::LOCATION, HeaderValue::from_static("/results"));
        DirectRedirect { headers, plain }
    }
}

/// The `303` to `location`, with the headers the router's would have.
pub(super) fn finish_direct_redirect(redirect: &DirectRedirect, location: HeaderValue) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::SEE_OTHER;
    let headers = response.headers_mut();
    headers.clone_from(&redirect.headers);
    headers.insert(header::LOCATION, location);
    response
}

/// [`finish_direct_redirect`] for the fast path: the head, without `Date`.
pub(super) fn write_direct_redirect(
    redirect: &DirectRedirect,
    location: &HeaderValue,
    head: &mut Vec<u8>,
) {
    head.extend_from_slice(&redirect.plain);
    fast_path::write_header(head, "location", location.as_bytes());
}

/// What [`site_layer`] does to a page the front door made without the router: a `200` whose
/// body is already in memory gets the ETag its handler would set (or becomes a `304`), the
/// cache policy and the headers every response carries. It also does what axum does after the
/// layers: `Content-Length` from the body sent, and no body for HEAD.
pub(super) fn finish_direct_page(
    page: &DirectPage,
    body: Bytes,
    etag: HeaderValue,
    sent: Sent,
) -> Response {
    let (headers, length) = if sent == Sent::NotModified {
        (&page.not_modified, 0)
    } else {
        (&page.ok, body.len())
    };
    let body = if sent == Sent::Whole {
        Body::from(body)
    } else {
        Body::empty()
    };
    let mut response = Response::new(body);
    *response.status_mut() = sent.status();
    let headers_mut = response.headers_mut();
    headers_mut.clone_from(headers);
    headers_mut.insert(header::ETAG, etag);
    headers_mut.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    response
}

/// [`finish_direct_page`] for the fast path: writes the head (without `Date`) and returns the
/// body to send.
pub(super) fn write_direct_page(
    page: &DirectPage,
    body: Bytes,
    etag: &HeaderValue,
    sent: Sent,
    head: &mut Vec<u8>,
) -> Bytes {
    // hyper drops the `Content-Length` of a `304`, so the fast path sends none either.
    if sent == Sent::NotModified {
        head.extend_from_slice(&page.plain_not_modified);
        fast_path::write_header(head, "etag", etag.as_bytes());
        return Bytes::new();
    }
    head.extend_from_slice(&page.plain_ok);
    fast_path::write_header(head, "etag", etag.as_bytes());
    fast_path::write_content_length(head, body.len());
    if sent == Sent::Whole {
        body
    } else {
        Bytes::new()
    }
}

fn finish(
    mut parts: axum::http::response::Parts,
    body: Body,
    if_none_match: Option<&HeaderValue>,
) -> Response {
    if !parts.headers.contains_key(header::CACHE_CONTROL) {
        parts.headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PAGE_CACHE_CONTROL),
        );
    }
    let etag = parts.headers.get(header::ETAG).cloned();
    if let (Some(etag), Some(candidates)) = (etag, if_none_match)
        && let Ok(candidates) = candidates.to_str()
        && etag_matches(&etag, candidates)
    {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.remove(header::CONTENT_TYPE);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, body)
}

/// `If-None-Match` uses weak comparison: `W/"x"` matches `"x"`, and `*` matches anything.
pub(super) fn etag_matches(etag: &HeaderValue, candidates: &str) -> bool {
    let ours = etag.to_str().unwrap_or_default();
    let ours = ours.strip_prefix("W/").unwrap_or(ours);
    candidates
        .split(',')
        .map(str::trim)
        .any(|c| c == "*" || c.strip_prefix("W/").unwrap_or(c) == ours)
}
