//! Shared helpers: one app over the shipped content, requests, and HTML parsing.

use std::sync::{Arc, LazyLock};

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use pychooser::catalog::{self, Catalog};
use pychooser::site::App;
use pychooser::{AppState, app};
use scraper::{ElementRef, Html, Selector};
use tower::ServiceExt;

pub static CATALOG: LazyLock<Arc<Catalog>> =
    LazyLock::new(|| Arc::new(catalog::load_embedded().expect("the shipped content is valid")));

/// The site's state over the shipped content, with a store of its own.
pub fn state() -> AppState {
    AppState::new(Arc::clone(&CATALOG))
}

pub fn site() -> App {
    app(&state())
}

pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as text (lossy where it is not UTF-8).
    pub body: String,
    /// The body as sent.
    pub bytes: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.body))
    }
}

/// Sends a request through the whole router, in-process.
pub async fn send(request: Request<Body>) -> Response {
    call(site(), request).await
}

/// Sends a request through `site`, as a browser sends it: with a `Host` header (HTTP/1.1
/// requires one; the site answers 400 without it) unless the request has one.
pub async fn call(site: App, mut request: Request<Body>) -> Response {
    if !request.headers().contains_key("host") {
        request
            .headers_mut()
            .insert("host", axum::http::HeaderValue::from_static("localhost"));
    }
    let response = site.oneshot(request).await.expect("the router never fails");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("the body can be read")
        .to_bytes();
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

pub async fn request(method: Method, uri: &str) -> Response {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::empty())
        .expect("a valid request");
    send(request).await
}

pub async fn get(uri: &str) -> Response {
    request(Method::GET, uri).await
}

/// Every element matching a CSS selector.
pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"));
    doc.select(&selector).collect()
}

/// Matches within one element.
pub fn select_in<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"));
    element.select(&selector).collect()
}

pub fn text(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page's one `<h1>`, as text.
pub fn h1(doc: &Html) -> String {
    let headings = select(doc, "h1");
    assert_eq!(headings.len(), 1, "a page has exactly one h1");
    text(headings[0])
}

/// Pages every test of page-wide rules walks over.
pub const PAGE_URLS: [&str; 13] = [
    "/",
    "/quiz",
    "/quiz/weights",
    "/results?size=large&kind=api&admin=yes&colour=blue",
    "/results",
    "/frameworks",
    "/frameworks/django",
    "/frameworks/flask",
    "/frameworks/fastapi",
    "/compare",
    "/compare/django-vs-flask",
    "/compare/django-vs-fastapi-vs-flask?diff=1",
    "/no-such-page",
];

/// A POST with a body and content type.
pub async fn post(uri: &str, content_type: &str, body: &str) -> Response {
    let request = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header("content-type", content_type)
        .body(Body::from(body.to_owned()))
        .expect("a valid request");
    send(request).await
}

pub async fn post_form(uri: &str, body: &str) -> Response {
    post(uri, "application/x-www-form-urlencoded", body).await
}

/// The ids in a JSON body's `sources` list.
pub fn source_ids(json: &serde_json::Value) -> Vec<&str> {
    json["sources"]
        .as_array()
        .expect("a sources list")
        .iter()
        .map(|s| s["id"].as_str().expect("a source id"))
        .collect()
}
