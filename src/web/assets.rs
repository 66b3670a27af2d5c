//! Static files from `static/`, compiled into the binary so it runs from any directory.
//!
//! Each file is served under a fingerprinted name (`style.3f9c0a1b2c.css`) that changes when
//! its bytes change, so browsers and CDNs may keep it for a year; the plain name is served
//! too, but must be revalidated.

use std::sync::LazyLock;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use include_dir::{Dir, include_dir};

use super::Error;
use super::extract::SitePath;

static STATIC: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");

pub struct Asset {
    /// The name in `static/` (`style.css`).
    pub name: String,
    /// The name with a content hash (`style.3f9c0a1b2c.css`).
    pub fingerprinted: String,
    /// `/static/` and the fingerprinted name.
    pub url: String,
    pub bytes: &'static [u8],
    pub content_type: &'static str,
    pub etag: String,
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    STATIC
        .files()
        .map(|file| {
            let name = file.path().to_string_lossy().into_owned();
            let hash = format!("{:016x}", content_hash(file.contents()));
            let fingerprinted = match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{}.{ext}", &hash[..10]),
                None => format!("{name}.{}", &hash[..10]),
            };
            Asset {
                content_type: content_type(&name),
                etag: format!("\"{hash}\""),
                name,
                url: format!("/static/{fingerprinted}"),
                fingerprinted,
                bytes: file.contents(),
            }
        })
        .collect()
});

/// The fingerprinted URL to link to for a file in `static/`.
///
/// # Panics
/// If the file does not exist: templates name assets that ship with the binary, so a missing
/// one is a build mistake that the first test run reveals.
pub fn url(name: &str) -> &'static str {
    let asset = ASSETS
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("static/{name} is not in the binary"));
    &asset.url
}

/// `/favicon.ico`, where browsers look for it without being told: cached for a day, since
/// its address cannot carry a fingerprint.
pub async fn favicon() -> Response {
    let asset = ASSETS
        .iter()
        .find(|a| a.name == "favicon.ico")
        .expect("static/favicon.ico ships with the binary");
    respond(asset, "public, max-age=86400")
}

pub async fn serve(SitePath(file): SitePath<String>) -> Result<Response, Error> {
    let not_found = || {
        let shown = crate::printable::printable(&file);
        Error::NotFound(format!("There is no file called \"{shown}\" here."))
    };
    let (asset, immutable) = ASSETS
        .iter()
        .find_map(|a| {
            if a.fingerprinted == file {
                Some((a, true))
            } else if a.name == file {
                Some((a, false))
            } else {
                None
            }
        })
        .ok_or_else(not_found)?;
    let cache = if immutable {
        "public, max-age=31536000, immutable"
    } else {
        "public, no-cache"
    };
    Ok(respond(asset, cache))
}

fn respond(asset: &Asset, cache_control: &'static str) -> Response {
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(cache_control),
            ),
            (
                header::ETAG,
                HeaderValue::from_str(&asset.etag).expect("a quoted hex hash is a valid header"),
            ),
        ],
        asset.bytes,
    )
        .into_response()
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("ico") => "image/x-icon",
        Some("png") => "image/png",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The hash behind fingerprints and ETags: xxh3, stable across builds and fast enough
/// (several GB/s) to hash every dynamic response body.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}
