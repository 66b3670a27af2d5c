//! Every limit the server enforces, each defined here once. Where it is enforced is named
//! beside it.

use std::time::Duration;

/// The largest request body accepted (the questionnaire form is far smaller). Enforced by
/// axum's `DefaultBodyLimit` in the site's layers: `413`.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The longest request target (path and query) accepted. Enforced by the site's layer: `414`.
pub const MAX_TARGET_BYTES: usize = 4096;

/// The largest request head (request line and headers) hyper buffers. Enforced by hyper:
/// `431`.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// How long a request may take from its head to its response (a body that never completes
/// included). Enforced by the site's timeout layer: `408`, then the connection is closed.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection on which no request starts for this long is closed (checked once per period,
/// so it closes between one and two periods after its last request started). Enforced by the
/// server's watchdog.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// After a shutdown signal, how long in-flight requests may take to finish.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(8);

/// Whether a request target is within [`MAX_TARGET_BYTES`].
pub fn target_within_limit(uri: &axum::http::Uri) -> bool {
    uri.path_and_query()
        .is_none_or(|target| target.as_str().len() <= MAX_TARGET_BYTES)
}
