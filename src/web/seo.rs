//! What search engines read: `/sitemap.xml` and `/robots.txt`.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::compare;

/// The home page, the framework pages and every two-framework comparison, plus the other
/// pages people land on.
pub async fn sitemap(State(state): State<AppState>) -> Response {
    let catalog = &state.catalog;
    let mut paths = vec![
        "/".to_owned(),
        "/frameworks".to_owned(),
        "/compare".to_owned(),
        "/quiz".to_owned(),
        "/quiz/weights".to_owned(),
    ];
    paths.extend(
        catalog
            .frameworks()
            .iter()
            .map(|f| format!("/frameworks/{}", f.slug)),
    );
    paths.extend(compare::all_pairs(catalog).into_iter().map(|(a, b)| {
        format!(
            "/compare/{}",
            compare::segment_for([a.slug.as_str(), b.slug.as_str()])
        )
    }));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        xml.push_str("  <url><loc>");
        xml.push_str(&xml_escape(&state.url(&path)));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response()
}

pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        state.url("/sitemap.xml")
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// The base URL comes from configuration and may hold `&`.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
