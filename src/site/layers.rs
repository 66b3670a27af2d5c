//! The middleware every request and response passes through, wrapped around the whole router
//! (so that it runs before routing): the checks a request must pass, pages the store already
//! keeps, the coding of kept pages, validators and `304`, the site's own pages for errors
//! raised outside handlers, the header policy and the access log (all in [`site_layer`]);
//! inside it, the panic catcher, the body limit and the request timeout.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;
use tower::util::BoxCloneSyncService;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

use super::{ApiError, AppState, Error, headers};
use crate::http::{Coding, etag, host, limits, path};
use crate::store::Page;

/// The largest body buffered to compute an ETag; anything the site renders is far smaller.
const MAX_ETAG_BODY: usize = 4 * 1024 * 1024;

/// The site as a service: what `main` serves and the tests call.
pub type App = BoxCloneSyncService<Request, Response, Infallible>;

/// Wraps a router in the site's middleware. Tests use it to wrap routes of their own (a
/// handler that panics, say) exactly as the site's are wrapped.
pub fn with_layers(routes: Router, state: &AppState) -> App {
    // One stack around the whole router rather than layers on each route: a request the store
    // answers never reaches the router, and no route clones a boxed layer per request.
    let stack = ServiceBuilder::new()
        .layer(middleware::from_fn_with_state(state.clone(), site_layer))
        .layer(CatchPanicLayer::custom(panic_page))
        .layer(DefaultBodyLimit::max(limits::MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            state.request_timeout,
        ))
        .service(routes);
    BoxCloneSyncService::new(stack)
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

/// Around every request: the checks before routing ([`refusal`]); a page the store keeps
/// under the request's URL (every key is the canonical URL of the page it holds, put there by
/// the handler of that URL); otherwise the router. Then, on the response: the site's own page
/// for errors raised outside handlers, the coding of a kept page, validators, the header
/// policy and the access log.
async fn site_layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let asked = Asked::of(&request);
    // The access log's path and clock, read only when the log is on.
    let logged = tracing::enabled!(target: "access", tracing::Level::INFO)
        .then(|| (request.uri().path().to_owned(), Instant::now()));
    let kept = if asked.method == Method::GET || asked.method == Method::HEAD {
        request
            .uri()
            .path_and_query()
            .and_then(|target| state.store.get(target.as_str()))
    } else {
        None
    };
    // A kept page carries the header policy from when it was made.
    let (response, finished) = if let Some(response) = refusal(&request) {
        (site_error_page(response, &asked), false)
    } else if let Some(page) = kept {
        (representation(&page, &asked), true)
    } else {
        let response = site_error_page(next.run(request).await, &asked);
        match response.extensions().get::<Arc<Page>>() {
            Some(page) => (representation(page, &asked), true),
            None => (response, false),
        }
    };
    let mut response = conditional(response, &asked).await;
    let status = response.status();
    if !finished {
        headers::finish(response.headers_mut(), status, &asked.method);
    }
    if asked.method == Method::HEAD {
        response = without_body(response);
    }
    if let Some((path, start)) = logged {
        tracing::info!(
            target: "access",
            method = %asked.method,
            path,
            status = status.as_u16(),
            latency_us = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX),
        );
    }
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
    let mut page = if asked.api {
        ApiError(error).into_response()
    } else {
        error.into_response()
    };
    // The router's `405` names the methods the address takes.
    if let Some(allow) = response.headers().get(header::ALLOW) {
        page.headers_mut().insert(header::ALLOW, allow.clone());
    }
    page
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

/// A kept page as the response to this request: the form in the coding the client prefers,
/// with the headers made for it.
fn representation(page: &Page, asked: &Asked) -> Response {
    let form = page.negotiate(&asked.accept_encoding);
    let mut response = Response::new(Body::from(form.body.clone()));
    response.headers_mut().clone_from(&form.headers);
    response
}

/// The answer to `HEAD`: the headers of the answer to `GET`, its length included, and no
/// body. (The router does this for what it answers; pages from the store and refusals are
/// answered before it.)
fn without_body(response: Response) -> Response {
    use axum::body::HttpBody as _;
    let (mut parts, body) = response.into_parts();
    if let Some(length) = body.size_hint().exact()
        && !parts.headers.contains_key(header::CONTENT_LENGTH)
    {
        parts
            .headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    Response::from_parts(parts, Body::empty())
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
