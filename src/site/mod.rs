//! The site: one axum router that answers every request, its handlers by area, the header
//! policy, the middleware around every response, and the list of URLs the site links to.
//! Handlers turn catalog data into page models and render templates; they hold no logic a
//! unit test would want (that lives in `compare`, `answers` and `scoring`).
//!
//! Pages that depend only on content are kept in the [`Store`] under their canonical URL
//! ([`AppState::kept`]); the layer in [`layers`] sends each in the coding the client prefers.

mod api;
pub mod assets;
pub mod calendar;
mod citations;
mod compare;
mod error;
pub mod extract;
mod frameworks;
pub mod headers;
mod home;
pub mod layers;
mod lifecycle;
pub mod links;
mod not_compared;
pub mod quiz;
pub mod results;
mod seo;
pub mod tasks;
mod usage;

use std::sync::Arc;
use std::time::Duration;

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::catalog::Catalog;
use crate::http::limits;
use crate::store::{Made, Store};
pub use error::{ApiError, Error};
pub use layers::App;

/// What every handler shares, read-only for the life of the process (the store's contents
/// aside, which only ever hold what handlers would render again). One reference, so that the
/// copy each handler takes costs one count.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

#[derive(Clone)]
pub struct Shared {
    pub catalog: Arc<Catalog>,
    /// The site's public address (`https://example.org`, no trailing slash), for links that
    /// leave the site: the shareable results URL and link previews. It comes from
    /// configuration, never from the request's Host header, so kept pages cannot be poisoned
    /// with another host.
    pub base_url: Arc<str>,
    /// The parts of results pages that depend only on content, rendered once per scoring
    /// model, indexed like [`Catalog::models`].
    pub results: Arc<[results::Prepared]>,
    /// Pages that depend only on content, by canonical URL.
    pub store: Arc<Store>,
    /// How long a request may take (see [`limits::REQUEST_TIMEOUT`]); tests shorten it.
    pub request_timeout: Duration,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// One option of a form (a radio button or a checkbox): its value, its label and whether it
/// is checked. The questionnaire and the index's filters both use it.
pub struct OptionView<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub checked: bool,
}

/// The choice row that groups frameworks on the home page and in the compare picker (the
/// scope of their core), when the content has it.
pub const GROUP_BY: &str = "scope";

/// The base URL when none is configured: the default listen address.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:3000";

impl AppState {
    pub fn new(catalog: impl Into<Arc<Catalog>>) -> AppState {
        let catalog = catalog.into();
        // Rendering into memory fails only if a template's own code does, which the tests
        // of every page would show.
        let results: Vec<results::Prepared> = catalog
            .models()
            .iter()
            .map(|model| {
                results::Prepared::new(model)
                    .expect("the parts of results pages render from a validated catalog")
            })
            .collect();
        AppState(Arc::new(Shared {
            catalog,
            base_url: Arc::from(DEFAULT_BASE_URL),
            results: Arc::from(results),
            store: Arc::new(Store::new(
                Store::DEFAULT_CAPACITY,
                Store::default_makers(),
                crate::store::Compression::default(),
            )),
            request_timeout: limits::REQUEST_TIMEOUT,
        }))
    }

    /// The absolute URL of a path on this site, for `rel=canonical`, sitemaps and previews.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    #[must_use]
    pub fn with_base_url(mut self, base_url: &str) -> AppState {
        Arc::make_mut(&mut self.0).base_url = Arc::from(base_url.trim_end_matches('/'));
        self
    }

    #[must_use]
    pub fn with_store(mut self, store: Store) -> AppState {
        Arc::make_mut(&mut self.0).store = Arc::new(store);
        self
    }

    #[must_use]
    pub fn with_request_timeout(mut self, timeout: Duration) -> AppState {
        Arc::make_mut(&mut self.0).request_timeout = timeout;
        self
    }

    /// The page kept under `key`, its canonical URL; `make` renders it when the store lacks it.
    /// The response carries the page for the site's layer, which picks the coding to send
    /// (see [`layers`]).
    async fn kept(
        &self,
        key: String,
        make: impl FnOnce(&AppState) -> Result<Made, Error> + Send + 'static,
    ) -> Result<Response, Error> {
        let state = self.clone();
        let page = self
            .store
            .get_or_make(&key, move || make(&state).map_err(|e| format!("{e:?}")))
            .await
            .map_err(|e| Error::Internal(e.0))?;
        let mut response = StatusCode::OK.into_response();
        response.extensions_mut().insert(page);
        Ok(response)
    }
}

/// The whole site: every route behind the layers. `main` serves it and the tests call it, so
/// a test of a URL tests what a visitor gets.
pub fn app(state: &AppState) -> App {
    layers::with_layers(routes(state.clone()), state)
}

fn routes(state: AppState) -> Router {
    Router::new()
        .route("/", get(home::show))
        .route("/healthz", get(healthz))
        .route("/frameworks", get(frameworks::index))
        .route("/frameworks/{slug}", get(frameworks::show))
        .route("/compare", get(compare::picker))
        .route("/compare/{selection}", get(compare::show))
        .route(not_compared::PATH, get(not_compared::show))
        .route("/quiz", get(quiz::show).post(quiz::submit))
        .route("/quiz/weights", get(quiz::weights))
        .route("/quiz/models", get(quiz::models))
        .route("/results", get(results::show))
        .route("/api/frameworks", get(api::frameworks))
        .route("/api/frameworks/{slug}", get(api::framework))
        .route("/api/compare/{selection}", get(api::compare))
        .route("/api/questionnaire", get(api::questionnaire))
        .route("/api/results", get(api::results))
        .route("/api/tasks/{task}", get(tasks::api))
        .route("/calendar.ics", get(calendar::feed))
        .route("/tasks", get(tasks::index))
        .route("/tasks/{task}", get(tasks::show))
        .route("/static/{file}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .route("/sitemap.xml", get(seo::sitemap))
        .route("/robots.txt", get(seo::robots))
        .fallback(not_found)
        .with_state(state)
}

/// Fills the store with the pages every visit starts from (the linked pages other than
/// comparisons; see [`links::warm_up`]) by requesting them through `app`, as a visitor would.
/// The server calls it once it listens; comparisons and results are made on first use.
pub async fn warm_up(app: App, catalog: &Catalog) {
    use tower::ServiceExt;
    for path in links::warm_up(catalog) {
        let request = axum::http::Request::get(path.as_str())
            .header(axum::http::header::HOST, "localhost")
            .body(axum::body::Body::empty());
        let Ok(request) = request else { continue };
        let Ok(response) = app.clone().oneshot(request).await;
        if response.status() != StatusCode::OK {
            tracing::warn!(%path, status = %response.status(), "a page to warm up did not answer 200");
        }
    }
}

async fn healthz() -> &'static str {
    "ok\n"
}

/// Whether errors at this path are answered as JSON rather than as the site's page.
fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

async fn not_found(uri: Uri) -> Response {
    let error = Error::NotFound(format!("There is no page at {}.", uri.path()));
    if is_api(uri.path()) {
        ApiError(error).into_response()
    } else {
        error.into_response()
    }
}

/// A redirect to a path on this site.
pub fn redirect(status: StatusCode, location: &str) -> Response {
    match axum::http::HeaderValue::from_str(location) {
        Ok(value) => {
            let mut response = status.into_response();
            response
                .headers_mut()
                .insert(axum::http::header::LOCATION, value);
            response
        }
        Err(_) => Error::BadRequest("The address cannot be redirected.".to_owned()).into_response(),
    }
}

/// The `Content-Type` of the site's JSON.
const JSON_TYPE: &str = "application/json; charset=utf-8";
/// The `Content-Type` of the site's pages.
const HTML_TYPE: &str = "text/html; charset=utf-8";

/// JSON text. `<`, `>` and `&` (which can only occur inside strings) are written as
/// `\u003c`-style escapes, so JSON that echoes a request can never be read as markup.
fn json_text(body: &impl serde::Serialize) -> Result<String, Error> {
    let text = serde_json::to_string(body)
        .map_err(|e| Error::Internal(format!("JSON serialization failed: {e}")))?;
    Ok(text
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026"))
}

/// A JSON response made per request (see [`json_text`]).
pub fn json(body: &impl serde::Serialize) -> Response {
    match json_text(body) {
        Ok(text) => ([(axum::http::header::CONTENT_TYPE, JSON_TYPE)], text).into_response(),
        Err(e) => e.into_response(),
    }
}

/// JSON to keep in the store.
fn kept_json(body: &impl serde::Serialize) -> Result<Made, Error> {
    Ok(made(json_text(body)?, JSON_TYPE))
}

/// A rendered page to keep in the store.
fn kept_html(page: Html<String>) -> Made {
    made(page.0, HTML_TYPE)
}

/// A body to keep, with the cache policy of pages.
fn made(body: String, content_type: &'static str) -> Made {
    made_with(Bytes::from(body), content_type, headers::cache::PAGE)
}

/// A body to keep, with its type and cache policy, and the site's header policy for a `200`
/// to `GET` applied now: a kept page goes out with the headers it was made with.
fn made_with(body: Bytes, content_type: &'static str, cache_control: &'static str) -> Made {
    use axum::http::{HeaderMap, HeaderValue, Method, header};
    let mut map = HeaderMap::with_capacity(16);
    map.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    map.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    headers::finish(&mut map, StatusCode::OK, &Method::GET);
    Made { body, headers: map }
}

/// Renders a page template; a rendering failure becomes the site's 500 page.
fn render(template: &impl Template) -> Result<Html<String>, Error> {
    // Sized for a full page, so a render does not grow (and copy) its buffer many times.
    render_into(template, String::with_capacity(64 * 1024))
}

/// [`render`] into a buffer the caller has sized.
fn render_into(template: &impl Template, mut html: String) -> Result<Html<String>, Error> {
    template
        .render_into(&mut html)
        .map_err(|e| Error::Internal(format!("template rendering failed: {e}")))?;
    Ok(Html(html))
}
