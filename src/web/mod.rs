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

use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use tower_http::trace::TraceLayer;

use crate::catalog::Catalog;
pub use error::{ApiError, Error};

/// What every handler shares: the catalog, read-only for the life of the process.
#[derive(Clone)]
pub struct AppState {
    pub catalog: Arc<Catalog>,
}

impl AppState {
    pub fn new(catalog: Catalog) -> AppState {
        AppState {
            catalog: Arc::new(catalog),
        }
    }
}

/// Builds the whole site; `main` serves it and tests call it in-process.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/", get(home::show))
        .route("/healthz", get(healthz))
        .route("/frameworks", get(frameworks::index))
        .route("/frameworks/{slug}", get(frameworks::show))
        .route("/compare", get(compare::picker))
        .route("/compare/{selection}", get(compare::show))
        .route("/api/frameworks", get(api::frameworks))
        .route("/api/frameworks/{slug}", get(api::framework))
        .route("/api/compare/{selection}", get(api::compare))
        .route("/static/{file}", get(assets::serve))
        .fallback(not_found)
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn not_found(uri: Uri) -> Response {
    let error = Error::NotFound(format!("There is no page at {}.", uri.path()));
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        ApiError(error).into_response()
    } else {
        error.into_response()
    }
}

/// Renders a page template; a rendering failure becomes the site's 500 page.
fn render(template: &impl Template) -> Result<Html<String>, Error> {
    template
        .render()
        .map(Html)
        .map_err(|e| Error::Internal(format!("template rendering failed: {e}")))
}
