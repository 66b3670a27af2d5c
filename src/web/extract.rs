//! Extractors whose rejections become the site's own error page (or JSON under `/api`)
//! instead of axum's plain-text responses.

use std::borrow::Cow;

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

/// URL-encoded `(key, value)` pairs, from a query string or a form body, repeats kept;
/// undecodable bytes are replaced, so any input can be read. Borrowed from the input unless
/// percent-decoding changed them.
pub fn pairs(encoded: &[u8]) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    // Room for a fully answered questionnaire, so that collecting does not grow the vector.
    let mut pairs = Vec::with_capacity(16);
    pairs.extend(form_urlencoded::parse(encoded));
    pairs
}

/// The query string's pairs (see [`pairs`]); none without a query.
pub fn query_pairs(query: Option<&str>) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    pairs(query.unwrap_or("").as_bytes())
}

/// Whether a `?diff=` style flag is on.
pub fn flag_on(pairs: &[(Cow<'_, str>, Cow<'_, str>)], name: &str) -> bool {
    pairs
        .iter()
        .any(|(k, v)| k == name && matches!(v.as_ref(), "1" | "true" | "on" | "yes"))
}
