//! Pages that depend only on content, prepared once at start-up.
//!
//! Content changes only on deploy, so every page that does not depend on the request (home,
//! framework pages, every comparison the site links to, the questionnaire, the JSON twins,
//! static files) is rendered at start-up by sending its URL through the site's own router,
//! and kept as ready bytes in identity, gzip and brotli forms with a strong ETag. A thin layer
//! in front of the router answers those URLs from memory; everything else (results pages,
//! pre-filled forms, errors) goes through the router as before. Comparisons the site does not
//! link to are rendered on first use and kept in a bounded cache.
//!
//! Two dynamic answers are also made here, without the router: results pages, and the `303`
//! for a valid questionnaire form. They are the site's busiest dynamic URLs, and routing
//! through axum and the middleware stack cost more CPU than making the answer. The same
//! functions make them as the router's handlers (`results::html`, `quiz::Submission::judge`),
//! and they get the same headers (`layers::finish_direct_page` and
//! `layers::finish_direct_redirect`, from header sets built once at start-up). Anything else
//! about them (errors, invalid forms, other content types, oversize bodies, overlong URLs, a
//! panic) is handed to the router, which answers it as before.
//!
//! Every answer made here is a `Direct`, which becomes either a response for hyper or, for
//! a plain HTTP/1.1 request read by the server's fast path (`server::fast_path`), bytes
//! written from heads prepared at start-up ([`crate::server::Site::answer_plain`]).

use std::collections::HashMap;
use std::io::Write as _;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::Request;
use axum::http::uri::PathAndQuery;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;

use super::layers::{self, MAX_BODY_BYTES, Sent};
use super::{AppState, assets, quiz, results};
use crate::catalog::Catalog;
use crate::compare;
use crate::server::fast_path::PlainRequest;

/// The most on-demand comparisons kept; past it, further ones are rendered per request.
const ON_DEMAND_CAPACITY: usize = 256;
/// The largest body kept; every page of the site is far smaller.
const MAX_BODY: usize = 8 * 1024 * 1024;

/// One response, ready to send in each encoding.
pub struct Page {
    identity: Encoded,
    gzip: Encoded,
    brotli: Encoded,
}

struct Encoded {
    bytes: Bytes,
    etag: HeaderValue,
    /// Every header of the `200` for this encoding, ready to copy: the router's (security
    /// headers, type, cache policy), plus `Vary`, `ETag`, `Content-Encoding` and
    /// `Content-Length`.
    headers: HeaderMap,
    /// The same for a `304`: no type, encoding or length.
    not_modified: HeaderMap,
    /// Both heads as the fast path sends them: status line and headers, without `Date`.
    plain_ok: Vec<u8>,
    plain_not_modified: Vec<u8>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Page {
    /// Compresses a rendered body. Strong ETags differ per encoding, as the bytes do.
    fn new(mut headers: HeaderMap, body: &Bytes) -> Page {
        let hash = format!("{:016x}", assets::content_hash(body));
        headers.remove(header::ETAG);
        headers.remove(header::CONTENT_LENGTH);
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        let encoded = |bytes: Bytes, suffix: &str, encoding: Option<&'static str>| {
            let etag = HeaderValue::from_str(&format!("\"{hash}{suffix}\""))
                .expect("a quoted hex hash is a valid header");
            let mut not_modified = headers.clone();
            not_modified.insert(header::ETAG, etag.clone());
            not_modified.remove(header::CONTENT_TYPE);
            let mut full = headers.clone();
            full.insert(header::ETAG, etag.clone());
            if let Some(encoding) = encoding {
                full.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            full.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            Encoded {
                bytes,
                etag,
                plain_ok: layers::plain_head(StatusCode::OK, &full),
                plain_not_modified: layers::plain_head(StatusCode::NOT_MODIFIED, &not_modified),
                headers: full,
                not_modified,
            }
        };
        Page {
            identity: encoded(body.clone(), "", None),
            gzip: encoded(gzip(body), "-gz", Some("gzip")),
            brotli: encoded(brotli(body), "-br", Some("br")),
        }
    }

    fn encoded(&self, encoding: Encoding) -> &Encoded {
        match encoding {
            Encoding::Identity => &self.identity,
            Encoding::Gzip => &self.gzip,
            Encoding::Brotli => &self.brotli,
        }
    }

    /// This page for a request with these `Accept-Encoding` and `If-None-Match` headers.
    fn direct(
        &self,
        method: &Method,
        accept_encoding: Option<&str>,
        if_none_match: Option<&str>,
    ) -> Direct<'_> {
        let client_has_it = if_none_match.is_some_and(|candidates| {
            [&self.identity, &self.gzip, &self.brotli]
                .iter()
                .any(|e| layers::etag_matches(&e.etag, candidates))
        });
        Direct::Page {
            encoded: self.encoded(negotiate(accept_encoding)),
            sent: Sent::of(method, client_has_it),
        }
    }
}

/// An answer the front door makes without the router. It becomes a response for hyper
/// ([`Direct::into_response`]) or bytes for the fast path ([`Direct::write_plain`]), with the
/// same status, headers and body either way.
enum Direct<'a> {
    /// A pre-rendered page, in the encoding the client prefers.
    Page { encoded: &'a Encoded, sent: Sent },
    /// A results page, made for this request.
    Results {
        body: Bytes,
        etag: HeaderValue,
        sent: Sent,
    },
    /// The `303` to the results page after a valid form.
    SeeOther(HeaderValue),
}

impl Direct<'_> {
    fn status(&self) -> StatusCode {
        match self {
            Direct::Page { sent, .. } | Direct::Results { sent, .. } => sent.status(),
            Direct::SeeOther(_) => StatusCode::SEE_OTHER,
        }
    }

    fn into_response(self, shared: &Shared) -> Response {
        match self {
            Direct::Page { encoded, sent } => {
                let (headers, body) = match sent {
                    Sent::NotModified => (&encoded.not_modified, Body::empty()),
                    Sent::HeadOnly => (&encoded.headers, Body::empty()),
                    Sent::Whole => (&encoded.headers, Body::from(encoded.bytes.clone())),
                };
                let mut response = Response::new(body);
                *response.status_mut() = sent.status();
                *response.headers_mut() = headers.clone();
                response
            }
            Direct::Results { body, etag, sent } => {
                layers::finish_direct_page(&shared.results_page, body, etag, sent)
            }
            Direct::SeeOther(location) => {
                layers::finish_direct_redirect(&shared.see_other, location)
            }
        }
    }

    /// Writes the status line and headers (without `Date`) to `head`; returns the body.
    fn write_plain(self, shared: &Shared, head: &mut Vec<u8>) -> Bytes {
        match self {
            Direct::Page { encoded, sent } => {
                let (plain, body) = match sent {
                    Sent::NotModified => (&encoded.plain_not_modified, Bytes::new()),
                    Sent::HeadOnly => (&encoded.plain_ok, Bytes::new()),
                    Sent::Whole => (&encoded.plain_ok, encoded.bytes.clone()),
                };
                head.extend_from_slice(plain);
                body
            }
            Direct::Results { body, etag, sent } => {
                layers::write_direct_page(&shared.results_page, body, &etag, sent, head)
            }
            Direct::SeeOther(location) => {
                layers::write_direct_redirect(&shared.see_other, &location, head);
                Bytes::new()
            }
        }
    }
}

/// Makes a direct answer, with an access-log line when access logs are on (checked first, so
/// that a disabled log costs no clock read). No answer, no line: the router logs its own.
fn logged<'a>(
    method: &Method,
    route: &str,
    prerendered: bool,
    make: impl FnOnce() -> Option<Direct<'a>>,
) -> Option<Direct<'a>> {
    if !tracing::enabled!(target: "access", tracing::Level::INFO) {
        return make();
    }
    let start = Instant::now();
    let direct = make()?;
    tracing::info!(
        target: "access",
        %method,
        route,
        status = direct.status().as_u16(),
        latency_us = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX),
        prerendered,
    );
    Some(direct)
}

/// The best encoding the client accepts: brotli, then gzip, then identity. A `q=0` refuses.
pub fn negotiate(accept: Option<&str>) -> Encoding {
    let Some(accept) = accept else {
        return Encoding::Identity;
    };
    let mut gzip = false;
    let mut brotli = false;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim();
        let refused = parts.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q <= 0.0)
        });
        if refused {
            continue;
        }
        if coding.eq_ignore_ascii_case("br") {
            brotli = true;
        } else if coding.eq_ignore_ascii_case("gzip") || coding == "*" {
            gzip = true;
        }
    }
    if brotli {
        Encoding::Brotli
    } else if gzip {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

fn gzip(body: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4),
        flate2::Compression::best(),
    );
    encoder
        .write_all(body)
        .expect("writing to memory cannot fail");
    Bytes::from(encoder.finish().expect("writing to memory cannot fail"))
}

fn brotli(body: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(body.len() / 5);
    {
        // Quality 5: on an 85 KB compare page it is 14% larger than quality 11 (12.5 KB
        // against 10.8 KB) but 50 times faster (3 ms against 166 ms), which keeps start-up well
        // under its 300 ms budget. The window only needs to cover the page: a 4 MiB one made
        // the encoder allocate and zero 8 MiB per page, which raised the peak memory. Below
        // 2^17 the encoder switches to a hasher with larger tables, hence the floor.
        let window = (usize::BITS - body.len().leading_zeros()).clamp(17, 22);
        let mut writer = brotli::CompressorWriter::new(&mut out, 16 * 1024, 5, window);
        writer
            .write_all(body)
            .expect("writing to memory cannot fail");
    }
    Bytes::from(out)
}

/// Every URL whose response depends only on content.
pub fn urls(catalog: &Catalog) -> Vec<String> {
    let mut urls: Vec<String> = [
        "/",
        "/frameworks",
        "/compare",
        "/quiz",
        "/quiz/weights",
        "/results",
        "/api/frameworks",
        "/api/questionnaire",
        "/sitemap.xml",
        "/robots.txt",
        "/favicon.ico",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    for name in ["style.css", "favicon.svg"] {
        urls.push(assets::url(name).to_owned());
    }
    for framework in catalog.frameworks() {
        urls.push(format!("/frameworks/{}", framework.slug));
        urls.push(format!("/api/frameworks/{}", framework.slug));
    }
    let mut segments: Vec<String> = compare::all_pairs(catalog)
        .into_iter()
        .map(|(a, b)| compare::segment_for([a.slug.as_str(), b.slug.as_str()]))
        .collect();
    // The home page also links the comparison of all frameworks when there are three or four.
    let all = catalog.frameworks();
    if (3..=compare::MAX_FRAMEWORKS).contains(&all.len()) {
        segments.push(compare::segment_for(all.iter().map(|f| f.slug.as_str())));
    }
    for segment in segments {
        for prefix in ["/compare/", "/api/compare/"] {
            urls.push(format!("{prefix}{segment}"));
            urls.push(format!("{prefix}{segment}?diff=1"));
        }
    }
    urls
}

/// Pages ready to send, keyed by path and query exactly as requested.
pub struct Prerendered {
    pages: HashMap<String, Arc<Page>>,
    on_demand: Mutex<HashMap<String, Arc<Page>>>,
}

impl Prerendered {
    /// Renders `urls` through `site` and compresses them, using every core.
    pub async fn render(site: &Router, urls: Vec<String>) -> Result<Prerendered, String> {
        let mut rendered = Vec::with_capacity(urls.len());
        for url in urls {
            let (headers, body) = fetch(site, &url).await?;
            rendered.push((url, headers, body));
        }
        let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        let chunk = rendered.len().div_ceil(threads).max(1);
        let pages = std::thread::scope(|scope| {
            let workers: Vec<_> = rendered
                .chunks(chunk)
                .map(|chunk| {
                    scope.spawn(move || {
                        chunk
                            .iter()
                            .map(|(url, headers, body)| {
                                (url.clone(), Arc::new(Page::new(headers.clone(), body)))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("compression does not panic"))
                .collect()
        });
        Ok(Prerendered {
            pages,
            on_demand: Mutex::new(HashMap::new()),
        })
    }

    /// How many URLs were pre-rendered.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }
}

/// Sends `url` through the router; only a `200` can be kept.
async fn fetch(site: &Router, url: &str) -> Result<(HeaderMap, Bytes), String> {
    let request = Request::get(url)
        .body(Body::empty())
        .map_err(|e| format!("{url}: {e}"))?;
    let response = site
        .clone()
        .oneshot(request)
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if response.status() != StatusCode::OK {
        return Err(format!("{url} answered {}", response.status()));
    }
    let (parts, body) = response.into_parts();
    let body = to_bytes(body, MAX_BODY)
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    Ok((parts.headers, body))
}

/// The site as served: pre-rendered pages answered straight from memory, before routing or
/// any layer runs; everything else handed to the router.
#[derive(Clone)]
pub struct Front {
    /// One reference for everything, so that the clone each request takes is one count.
    shared: Arc<Shared>,
}

struct Shared {
    prerendered: Prerendered,
    state: AppState,
    site: Router,
    /// The headers of every `303` to a results page, prepared once.
    see_other: layers::DirectRedirect,
    /// The headers of a results page, prepared once.
    results_page: layers::DirectPage,
}

impl Front {
    pub fn new(state: AppState, site: Router, prerendered: Prerendered) -> Front {
        Front {
            shared: Arc::new(Shared {
                prerendered,
                state,
                site,
                see_other: layers::DirectRedirect::new(),
                results_page: layers::DirectPage::new("text/html; charset=utf-8"),
            }),
        }
    }
}

impl Shared {
    /// `GET` or `HEAD`: a results page with answers, or a pre-rendered page. `None` hands the
    /// request to the router: every other URL, an overlong one, a results page the router
    /// answers with an error, a panic.
    fn read(
        &self,
        method: &Method,
        target: &PathAndQuery,
        accept_encoding: Option<&str>,
        if_none_match: Option<&str>,
    ) -> Option<Direct<'_>> {
        // Results pages with answers first: none is pre-rendered, so they skip the lookup.
        // (`/results` without answers is pre-rendered; `/results?` goes to the router.)
        if target.path() == "/results"
            && let Some(query) = target.query().filter(|query| !query.is_empty())
        {
            if !layers::within_target_limit(target) {
                return None;
            }
            return logged(method, "/results", false, || {
                let page = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    results::html(&self.state, Some(query))
                }));
                let Ok(Ok(page)) = page else {
                    return None;
                };
                let etag = results::etag(&self.state, Some(query));
                let client_has_it =
                    if_none_match.is_some_and(|candidates| layers::etag_matches(&etag, candidates));
                Some(Direct::Results {
                    body: Bytes::from(page.0),
                    etag,
                    sent: Sent::of(method, client_has_it),
                })
            });
        }
        let page = self.prerendered.pages.get(target.as_str())?;
        logged(method, target.path(), true, || {
            Some(page.direct(method, accept_encoding, if_none_match))
        })
    }

    /// `POST /quiz` with its body read: the `303` for a valid form; `None` hands anything else
    /// (an invalid form, another content type, a panic) to the router.
    fn form(&self, content_type: Option<&str>, body: &[u8]) -> Option<Direct<'_>> {
        logged(&Method::POST, "/quiz", false, || {
            let judged = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                quiz::Submission::judge(&self.state.catalog, content_type, body)
            }));
            let Ok(quiz::Submission::Valid(location)) = judged else {
                return None;
            };
            let location = HeaderValue::from_maybe_shared(Bytes::from(location)).ok()?;
            Some(Direct::SeeOther(location))
        })
    }
}

/// A header's value as text, as the router's handlers read it.
fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

impl tower::Service<Request> for Front {
    type Response = Response;
    type Error = std::convert::Infallible;
    /// A page from memory is ready at once, with nothing to allocate; the rest is boxed.
    type Future = futures_util::future::Either<
        std::future::Ready<Result<Response, Self::Error>>,
        std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<Response, Self::Error>> + Send + 'static>,
        >,
    >;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let shared = &*self.shared;
        let method = request.method();
        if (method == Method::GET || method == Method::HEAD)
            && let Some(target) = request.uri().path_and_query()
        {
            let headers = request.headers();
            let accept_encoding = header_text(headers, header::ACCEPT_ENCODING);
            let if_none_match = header_text(headers, header::IF_NONE_MATCH);
            if let Some(direct) = shared.read(method, target, accept_encoding, if_none_match) {
                let response = direct.into_response(shared);
                return futures_util::future::Either::Left(std::future::ready(Ok(response)));
            }
        }
        let shared = Arc::clone(&self.shared);
        if method == Method::POST
            && request.uri().path_and_query().is_some_and(is_form_target)
            && content_length(&request).is_some_and(|length| length <= MAX_BODY_BYTES)
        {
            return futures_util::future::Either::Right(Box::pin(async move {
                Ok(quiz_direct(&shared, request).await)
            }));
        }
        futures_util::future::Either::Right(Box::pin(async move {
            Ok(on_demand(&shared, request).await)
        }))
    }
}

/// The fast path's questions, answered by the same functions as the service's.
impl crate::server::Site for Front {
    fn answer_plain(&self, request: &PlainRequest<'_>, head: &mut Vec<u8>) -> Option<Bytes> {
        let shared = &*self.shared;
        let direct = match request.method {
            Method::GET | Method::HEAD => shared.read(
                &request.method,
                &request.target,
                request.header("accept-encoding"),
                request.header("if-none-match"),
            )?,
            // The fast path reads bodies within MAX_BODY_BYTES only.
            Method::POST if is_form_target(&request.target) => {
                shared.form(request.header("content-type"), request.body)?
            }
            _ => return None,
        };
        Some(direct.write_plain(shared, head))
    }
}

/// Where the questionnaire form is posted: `/quiz`, within the URL limit.
fn is_form_target(target: &PathAndQuery) -> bool {
    target.path() == "/quiz" && layers::within_target_limit(target)
}

fn content_length(request: &Request) -> Option<usize> {
    request
        .headers()
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// `POST /quiz`: the `303` for a valid form made without the router; anything else is handed
/// to it, with the body already read.
async fn quiz_direct(shared: &Shared, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = to_bytes(body, MAX_BODY_BYTES).await else {
        let mut response =
            super::Error::BadRequest("The request body could not be read.".to_owned())
                .into_response();
        let status = response.status();
        layers::finish_headers(response.headers_mut(), status, &Method::POST);
        return response;
    };
    let content_type = header_text(&parts.headers, header::CONTENT_TYPE);
    if let Some(direct) = shared.form(content_type, &body) {
        return direct.into_response(shared);
    }
    let request = Request::from_parts(parts, Body::from(body));
    shared
        .site
        .clone()
        .oneshot(request)
        .await
        .unwrap_or_else(|e| match e {})
}

/// Comparisons the site does not link to: rendered once, then kept (bounded).
async fn on_demand(shared: &Shared, request: Request) -> Response {
    let site = shared.site.clone();
    let method = request.method().clone();
    let key = request
        .uri()
        .path_and_query()
        .map_or_else(String::new, |pq| pq.as_str().to_owned());
    if !(method == Method::GET || method == Method::HEAD) || !is_comparison(&key) {
        return site.oneshot(request).await.unwrap_or_else(|e| match e {});
    }
    let accept_encoding = header_text(request.headers(), header::ACCEPT_ENCODING);
    let if_none_match = header_text(request.headers(), header::IF_NONE_MATCH);
    let cached = shared
        .prerendered
        .on_demand
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
        .cloned();
    if let Some(page) = &cached
        && let Some(direct) = logged(&method, &key, true, || {
            Some(page.direct(&method, accept_encoding, if_none_match))
        })
    {
        return direct.into_response(shared);
    }
    let accept_encoding = accept_encoding.map(str::to_owned);
    let if_none_match = if_none_match.map(str::to_owned);
    let response = site.oneshot(request).await.unwrap_or_else(|e| match e {});
    if method != Method::GET || response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = to_bytes(body, MAX_BODY).await else {
        return super::Error::Internal("a comparison could not be buffered".to_owned())
            .into_response();
    };
    let page = Arc::new(Page::new(parts.headers, &body));
    let mut cache = shared
        .prerendered
        .on_demand
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if cache.len() < ON_DEMAND_CAPACITY {
        cache.insert(key, Arc::clone(&page));
    }
    drop(cache);
    page.direct(
        &method,
        accept_encoding.as_deref(),
        if_none_match.as_deref(),
    )
    .into_response(shared)
}

/// A canonical comparison URL, plain or `?diff=1`: worth keeping once rendered. Anything else
/// (redirects, 404s, other query strings) is rendered per request and never stored, so the
/// cache holds real comparisons only.
fn is_comparison(key: &str) -> bool {
    let (path, query) = key.split_once('?').unwrap_or((key, ""));
    (query.is_empty() || query == "diff=1")
        && (path.starts_with("/compare/") || path.starts_with("/api/compare/"))
}
