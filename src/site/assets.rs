//! Static files from `static/`, compiled into the binary so it runs from any directory.
//!
//! Each file is served under a fingerprinted name (`style.3f9c0a1b2c.css`) that changes when
//! its bytes change, so browsers and CDNs may keep it for a year; the plain name is served
//! too, but must be revalidated.

use std::sync::LazyLock;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use include_dir::{Dir, include_dir};

use super::extract::SitePath;
use super::{AppState, Error, headers, made_with};

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
pub async fn favicon(State(state): State<AppState>) -> Result<Response, Error> {
    let asset = ASSETS
        .iter()
        .find(|a| a.name == "favicon.ico")
        .expect("static/favicon.ico ships with the binary");
    keep(
        &state,
        "/favicon.ico".to_owned(),
        asset,
        headers::cache::FAVICON,
    )
    .await
}

pub async fn serve(
    State(state): State<AppState>,
    SitePath(file): SitePath<String>,
) -> Result<Response, Error> {
    let not_found = || {
        let shown = crate::printable::printable(&file);
        Error::NotFound(format!("There is no file called \"{shown}\" here."))
    };
    let (asset, cache_control) = ASSETS
        .iter()
        .find_map(|a| {
            if a.fingerprinted == file {
                Some((a, headers::cache::IMMUTABLE))
            } else if a.name == file {
                Some((a, headers::cache::REVALIDATE))
            } else {
                None
            }
        })
        .ok_or_else(not_found)?;
    keep(&state, format!("/static/{file}"), asset, cache_control).await
}

/// Static files go through the store like pages, so they are compressed once and sent in the
/// coding the client prefers.
async fn keep(
    state: &AppState,
    key: String,
    asset: &'static Asset,
    cache_control: &'static str,
) -> Result<Response, Error> {
    state
        .kept(key, move |_| {
            Ok(made_with(
                Bytes::from_static(asset.bytes),
                asset.content_type,
                cache_control,
            ))
        })
        .await
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
