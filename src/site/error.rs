//! The one error type of the web layer: each case maps to a status and the site's own page
//! (or a JSON body under `/api`). Internal details are logged, never shown.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

#[derive(Debug)]
pub enum Error {
    /// The URL names nothing we have; the message says what was not found.
    NotFound(String),
    /// The request itself is malformed; the message says how.
    BadRequest(String),
    /// A body in a format the route does not take.
    UnsupportedMediaType(String),
    /// Any other client error, raised outside a handler (by the router or a layer).
    Rejected(StatusCode, String),
    /// A bug or an environment failure; the text is logged only.
    Internal(String),
}

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::Rejected(status, _) => *status,
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the visitor is told.
    pub fn public_message(&self) -> &str {
        match self {
            Error::NotFound(message)
            | Error::BadRequest(message)
            | Error::UnsupportedMediaType(message)
            | Error::Rejected(_, message) => message,
            Error::Internal(_) => "Something went wrong on our side. Please try again later.",
        }
    }

    fn log(&self) {
        if let Error::Internal(detail) = self {
            tracing::error!(%detail, "internal error");
        }
    }
}

impl From<PathRejection> for Error {
    fn from(rejection: PathRejection) -> Error {
        tracing::debug!(%rejection, "path rejected");
        Error::BadRequest("The address contains characters we cannot read.".to_owned())
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    status: u16,
    title: &'a str,
    message: &'a str,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        let page = ErrorPage {
            status: status.as_u16(),
            title: status.canonical_reason().unwrap_or("Error"),
            message: self.public_message(),
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "error page failed to render");
                (status, self.public_message().to_owned()).into_response()
            }
        }
    }
}

/// An [`Error`] answered as JSON (`{"error": "..."}`), for the `/api` routes.
#[derive(Debug)]
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(error: Error) -> ApiError {
        ApiError(error)
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> ApiError {
        ApiError(Error::from(rejection))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let body = serde_json::json!({ "error": self.0.public_message() });
        (self.0.status(), super::json(&body)).into_response()
    }
}
