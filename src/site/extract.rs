//! Extractors whose rejections become the site's own error page (or JSON under `/api`)
//! instead of axum's plain-text responses.

use std::borrow::Cow;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};

use super::{ApiError, Error};

/// `axum::extract::Path`, rejected with the site's error page.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(Error))]
pub struct SitePath<T>(pub T);

/// `axum::extract::Path`, rejected with a JSON error.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// The request's `Content-Type` field, if it has one (without copying the other headers).
pub struct ContentType(pub Option<HeaderValue>);

impl ContentType {
    /// The value as text; `None` when absent or not text.
    pub fn text(&self) -> Option<&str> {
        self.0.as_ref().and_then(|v| v.to_str().ok())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ContentType {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ContentType(
            parts.headers.get(header::CONTENT_TYPE).cloned(),
        ))
    }
}

/// URL-encoded `(key, value)` pairs, from a query string or a form body, repeats kept;
/// undecodable bytes are replaced, so any input can be read. Borrowed from the input unless
/// percent-decoding changed them.
pub fn pairs(encoded: &[u8]) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    // Room for a fully answered questionnaire, so that collecting does not grow the vector.
    let mut pairs = Vec::with_capacity(16);
    match std::str::from_utf8(encoded) {
        // Nothing to decode, and the input is text already: split it as form_urlencoded
        // would, without its decoding and UTF-8 checks (a tenth of a results page's work).
        Ok(text) if !text.bytes().any(|b| b == b'%' || b == b'+') => {
            pairs.extend(text.split('&').filter(|pair| !pair.is_empty()).map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (Cow::Borrowed(key), Cow::Borrowed(value))
            }));
        }
        _ => pairs.extend(form_urlencoded::parse(encoded)),
    }
    pairs
}

/// The query string's pairs (see [`pairs`]); none without a query.
pub fn query_pairs(query: Option<&str>) -> Vec<(Cow<'_, str>, Cow<'_, str>)> {
    pairs(query.unwrap_or("").as_bytes())
}

/// The query parameter that names one framework, repeated: the compare picker, task pages
/// and the calendar feed all take `?fw=django&fw=flask`.
pub const PICK: &str = "fw";

/// The values of the query's [`PICK`] pairs, in order.
pub fn picked<'a>(pairs: &'a [(Cow<'_, str>, Cow<'_, str>)]) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == PICK)
        .map(|(_, v)| v.as_ref())
        .collect()
}

/// `?fw=a&fw=b` for these slugs (empty for none).
pub fn pick_query<'a>(slugs: impl IntoIterator<Item = &'a str>) -> String {
    let mut query = String::new();
    for slug in slugs {
        query.push(if query.is_empty() { '?' } else { '&' });
        query.push_str(PICK);
        query.push('=');
        query.push_str(slug);
    }
    query
}

/// Whether a `?diff=` style flag is on.
pub fn flag_on(pairs: &[(Cow<'_, str>, Cow<'_, str>)], name: &str) -> bool {
    pairs
        .iter()
        .any(|(k, v)| k == name && matches!(v.as_ref(), "1" | "true" | "on" | "yes"))
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use proptest::prelude::*;

    /// What form_urlencoded reads, as owned strings.
    fn decoded(encoded: &[u8]) -> Vec<(String, String)> {
        form_urlencoded::parse(encoded).into_owned().collect()
    }

    fn owned(pairs: Vec<(Cow<'_, str>, Cow<'_, str>)>) -> Vec<(String, String)> {
        pairs
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    proptest! {
        #[test]
        fn pairs_reads_text_as_form_urlencoded_does(text in "[a-z0-9_=&%+é☃ .-]{0,40}") {
            prop_assert_eq!(owned(super::pairs(text.as_bytes())), decoded(text.as_bytes()));
        }

        #[test]
        fn pairs_reads_bytes_as_form_urlencoded_does(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            prop_assert_eq!(owned(super::pairs(&bytes)), decoded(&bytes));
        }
    }

    #[test]
    fn pairs_edge_cases() {
        for text in [
            "", "&", "&&a=1&", "a", "a=", "=b", "a=b=c", "a=1&a=2", "a%3Db=c", "a+b=c+d",
        ] {
            assert_eq!(
                owned(super::pairs(text.as_bytes())),
                decoded(text.as_bytes()),
                "{text}"
            );
        }
        assert!(super::query_pairs(None).is_empty());
    }
}
