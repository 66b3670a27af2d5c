//! The middleware every request and response passes through, in one function
//! ([`site_layer`]): the checks a request must pass before routing, the coding of kept pages,
//! validators and `304`, the site's own pages for errors raised outside handlers, the header
//! policy and the access log. Around it: the body limit, the request timeout and the panic
//! catcher.

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

use super::{ApiError, Error, headers};
use crate::http::{Coding, etag, host, limits, path};
use crate::store::Page;

/// The largest body buffered to compute an ETag; anything the site renders is far smaller.
const MAX_ETAG_BODY: usize = 4 * 1024 * 1024;

/// Wraps the site's routes in the middleware stack. Tests use it to wrap routes of their own
/// (a handler that panics, say) exactly as the site's are wrapped.
pub fn with_layers(router: Router, request_timeout: Duration) -> Router {
    // Innermost first. The per-request work around the handlers is one function
    // (`site_layer`) rather than a stack of small middlewares: each middleware costs a boxed
    // future per request.
    router
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
        .layer(DefaultBodyLimit::max(limits::MAX_BODY_BYTES))
        .layer(CatchPanicLayer::custom(panic_page))
        .layer(middleware::from_fn(site_layer))
}

/// What the response step needs from the request.
struct Asked {
    method: Method,
    api: bool,
    /// `Accept-Encoding` and `If-None-Match` field lines, when the answer may use them.
    accept_encoding: Vec<HeaderValue>,
    if_none_match: Vec<HeaderValue>,
}

impl Asked {
    fn of(request: &Request) -> Asked {
        let method = request.method().clone();
        let lines = |name| -> Vec<HeaderValue> {
            if method == Method::GET || method == Method::HEAD {
                request.headers().get_all(name).iter().cloned().collect()
            } else {
                Vec::new()
            }
        };
        Asked {
            accept_encoding: lines(header::ACCEPT_ENCODING),
            if_none_match: lines(header::IF_NONE_MATCH),
            api: super::is_api(request.uri().path()),
            method,
        }
    }
}

/// Around every request: the checks before routing ([`refusal`]); then, on the response, the
/// site's own page for errors raised outside handlers, the coding of a kept page, validators,
/// the header policy and the access log.
async fn site_layer(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = request.extensions().get::<MatchedPath>().cloned();
    let asked = Asked::of(&request);
    let response = match refusal(&request) {
        Some(response) => response,
        None => next.run(request).await,
    };
    let response = site_error_page(response, &asked);
    let response = representation(response, &asked);
    let mut response = conditional(response, &asked).await;
    let status = response.status();
    headers::finish(response.headers_mut(), status, &asked.method);

    tracing::info!(
        target: "access",
        method = %asked.method,
        route = route.as_ref().map_or("(unmatched)", MatchedPath::as_str),
        status = status.as_u16(),
        latency_us = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX),
    );
    response
}

/// The answer to a request that must not reach a handler: a target over the limit (`414`),
/// a missing, repeated or invalid `Host` (`400`), or, for `GET` and `HEAD`, a path not in
/// normal form (`301` to the normal form, the query kept), so that each page has one address.
fn refusal(request: &Request) -> Option<Response> {
    let uri = request.uri();
    if !limits::target_within_limit(uri) {
        // A bare status: `site_error_page` gives it the site's page, as for any other.
        return Some(StatusCode::URI_TOO_LONG.into_response());
    }
    if let Err(problem) = host::check(request.version(), request.headers()) {
        let error = Error::BadRequest(problem.describe().to_owned());
        return Some(if super::is_api(uri.path()) {
            ApiError(error).into_response()
        } else {
            error.into_response()
        });
    }
    let method = request.method();
    if method != Method::GET && method != Method::HEAD {
        return None;
    }
    let mut location = path::normalized(uri.path())?;
    if let Some(query) = uri.query() {
        location.push('?');
        location.push_str(query);
    }
    Some(super::redirect(StatusCode::MOVED_PERMANENTLY, &location))
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
fn site_error_page(response: Response, asked: &Asked) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_site_body(response.headers()) {
        return response;
    }
    let message = match status {
        // axum adds the `Allow` header after the layers run, so it is not known here.
        StatusCode::METHOD_NOT_ALLOWED => format!(
            "This address does not accept {} requests; the Allow header lists those it does.",
            asked.method
        ),
        StatusCode::REQUEST_TIMEOUT => {
            "The request took too long to arrive or to answer.".to_owned()
        }
        StatusCode::PAYLOAD_TOO_LARGE => format!(
            "The request body is too large; the limit is {} KiB.",
            limits::MAX_BODY_BYTES / 1024
        ),
        StatusCode::URI_TOO_LONG => format!(
            "The address is too long; the limit is {} bytes.",
            limits::MAX_TARGET_BYTES
        ),
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
    if asked.api {
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

/// A kept page (a handler's `200` carrying a [`Page`]) becomes the form in the coding the
/// client prefers, with its type, cache policy and tag.
fn representation(mut response: Response, asked: &Asked) -> Response {
    let Some(page) = response.extensions_mut().remove::<std::sync::Arc<Page>>() else {
        return response;
    };
    let form = page.negotiate(&asked.accept_encoding);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, page.content_type.clone());
    headers.insert(header::CACHE_CONTROL, page.cache_control.clone());
    headers.insert(header::ETAG, form.etag.clone());
    if form.coding != Coding::Identity {
        headers.insert(
            header::CONTENT_ENCODING,
            HeaderValue::from_static(form.coding.token()),
        );
    }
    if page.varies() {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    // For `HEAD`, axum's router sets the length from this body and drops it.
    *response.body_mut() = Body::from(form.body.clone());
    response
}

/// Validators for `GET` and `HEAD`: a `200` without a tag gets one from its body, and a
/// client whose `If-None-Match` names the tag gets `304` with no body.
async fn conditional(response: Response, asked: &Asked) -> Response {
    let applies = (asked.method == Method::GET || asked.method == Method::HEAD)
        && response.status() == StatusCode::OK;
    if !applies {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let body = if parts.headers.contains_key(header::ETAG) {
        body
    } else {
        let Ok(bytes) = to_bytes(body, MAX_ETAG_BODY).await else {
            return Error::Internal("a response body could not be buffered".to_owned())
                .into_response();
        };
        parts
            .headers
            .insert(header::ETAG, etag::strong(&bytes, Coding::Identity));
        Body::from(bytes)
    };
    let current = parts
        .headers
        .get(header::ETAG)
        .is_some_and(|tag| etag::none_match(&asked.if_none_match, tag));
    if !current {
        return Response::from_parts(parts, body);
    }
    parts.status = StatusCode::NOT_MODIFIED;
    for name in [
        header::CONTENT_LENGTH,
        header::CONTENT_TYPE,
        header::CONTENT_ENCODING,
    ] {
        parts.headers.remove(name);
    }
    Response::from_parts(parts, Body::empty())
}
