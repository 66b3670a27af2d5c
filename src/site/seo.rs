//! What search engines read: `/sitemap.xml` and `/robots.txt`.

use axum::extract::State;
use axum::response::Response;

use super::links::{self, LinkKind};
use super::{AppState, Error, made};

/// Every HTML page the site links to (see [`links::linked`]), without the "differences only"
/// views, which are filters of pages already listed.
pub async fn sitemap(State(state): State<AppState>) -> Result<Response, Error> {
    state
        .kept("/sitemap.xml".to_owned(), |state| {
            let mut xml = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            );
            for link in links::linked(&state.catalog) {
                if matches!(link.kind, LinkKind::Comparison { diff: true, .. }) {
                    continue;
                }
                xml.push_str("  <url><loc>");
                xml.push_str(&xml_escape(&state.url(&link.path)));
                xml.push_str("</loc></url>\n");
            }
            xml.push_str("</urlset>\n");
            Ok(made(xml, "application/xml; charset=utf-8"))
        })
        .await
}

pub async fn robots(State(state): State<AppState>) -> Result<Response, Error> {
    state
        .kept("/robots.txt".to_owned(), |state| {
            let body = format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                state.url("/sitemap.xml")
            );
            Ok(made(body, "text/plain; charset=utf-8"))
        })
        .await
}

/// The base URL comes from configuration and may hold `&`.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
