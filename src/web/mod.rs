//! HTTP: the router, one module of handlers per area, errors and static assets.
//! Handlers turn catalog data into page models and render templates; they hold no logic a
//! unit test would want (that lives in `compare` and, later, `scoring`).

mod api;
pub mod assets;
mod citations;
mod compare;
mod error;
mod extract;
mod frameworks;
mod home;
pub mod layers;
pub mod prerender;
mod quiz;
pub mod results;
mod seo;

use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::catalog::Catalog;
pub use error::{ApiError, Error};

/// What every handler shares, read-only for the life of the process.
#[derive(Clone)]
pub struct AppState {
    pub catalog: Arc<Catalog>,
    /// The site's public address (`https://example.org`, no trailing slash), for links that
    /// leave the site: the shareable results URL and link previews. It comes from
    /// configuration, never from the request's Host header, so cached pages cannot be
    /// poisoned with another host.
    pub base_url: Arc<str>,
    /// The parts of results pages that depend only on content, rendered once.
    pub results: Arc<results::Prepared>,
    /// The program and the content, hashed once (see [`results::deploy`]).
    deploy: u64,
    /// What a results page depends on besides its query: `deploy` and the base URL, hashed
    /// (see [`results::etag`]).
    results_generation: u64,
}

/// The base URL when none is configured: the default listen address.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:3000";

impl AppState {
    pub fn new(catalog: impl Into<Arc<Catalog>>) -> AppState {
        let catalog = catalog.into();
        // Rendering into memory fails only if a template's own code does, which the tests
        // of every page would show.
        let results = results::Prepared::new(&catalog)
            .expect("the parts of results pages render from a validated catalog");
        let deploy = results::deploy(&catalog);
        AppState {
            catalog,
            base_url: Arc::from(DEFAULT_BASE_URL),
            results: Arc::new(results),
            deploy,
            results_generation: results::generation(deploy, DEFAULT_BASE_URL),
        }
    }

    /// The absolute URL of a path on this site, for `rel=canonical`, sitemaps and previews.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    #[must_use]
    pub fn with_base_url(mut self, base_url: &str) -> AppState {
        self.base_url = Arc::from(base_url.trim_end_matches('/'));
        self.results_generation = results::generation(self.deploy, &self.base_url);
        self
    }
}

/// Builds the whole site, every page rendered per request. Tests call it in-process.
pub fn app(state: AppState) -> Router {
    layers::with_layers(routes(state))
}

/// The site as served: [`app`] behind a front door that answers every page depending only on
/// content from memory, rendered once, now (see [`prerender`]). Also returns how many pages
/// were pre-rendered.
pub async fn prerendered_app(state: AppState) -> Result<(prerender::Front, usize), String> {
    let urls = prerender::urls(&state.catalog);
    let site = app(state.clone());
    let pages = prerender::Prerendered::render(&site, urls).await?;
    let count = pages.page_count();
    Ok((prerender::Front::new(state, site, pages), count))
}

fn routes(state: AppState) -> Router {
    Router::new()
        .route("/", get(home::show))
        .route("/healthz", get(healthz))
        .route("/frameworks", get(frameworks::index))
        .route("/frameworks/{slug}", get(frameworks::show))
        .route("/compare", get(compare::picker))
        .route("/compare/{selection}", get(compare::show))
        .route("/quiz", get(quiz::show).post(quiz::submit))
        .route("/quiz/weights", get(quiz::weights))
        .route("/results", get(results::show))
        .route("/api/frameworks", get(api::frameworks))
        .route("/api/frameworks/{slug}", get(api::framework))
        .route("/api/compare/{selection}", get(api::compare))
        .route("/api/questionnaire", get(api::questionnaire))
        .route("/api/results", get(api::results))
        .route("/static/{file}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .route("/sitemap.xml", get(seo::sitemap))
        .route("/robots.txt", get(seo::robots))
        .fallback(not_found)
        .with_state(state)
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

/// A JSON response. `<`, `>` and `&` (which can only occur inside strings) are written as
/// `\u003c`-style escapes, so JSON that echoes a request can never be read as markup.
pub fn json(body: &impl serde::Serialize) -> Response {
    match serde_json::to_string(body) {
        Ok(text) => {
            let text = text
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026");
            (
                [(
                    axum::http::header::CONTENT_TYPE,
                    "application/json; charset=utf-8",
                )],
                text,
            )
                .into_response()
        }
        Err(e) => Error::Internal(format!("JSON serialization failed: {e}")).into_response(),
    }
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
