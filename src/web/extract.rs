//! Extractors whose rejections become the site's own error page (or JSON under `/api`)
//! instead of axum's plain-text responses.

use axum::extract::FromRequestParts;

use super::{ApiError, Error};

/// `axum::extract::Path`, rejected with the site's error page.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(Error))]
pub struct SitePath<T>(pub T);

/// `axum::extract::Path`, rejected with a JSON error.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// The query string as `(key, value)` pairs, repeats kept; undecodable bytes are replaced,
/// so any query string can be read.
pub fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    serde_urlencoded::from_str(query.unwrap_or("")).unwrap_or_default()
}

/// Whether a `?diff=` style flag is on.
pub fn flag_on(pairs: &[(String, String)], name: &str) -> bool {
    pairs
        .iter()
        .any(|(k, v)| k == name && matches!(v.as_str(), "1" | "true" | "on" | "yes"))
}
