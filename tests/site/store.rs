//! The page store: kept pages go out in the coding the client prefers, decode to the same
//! page, revalidate with 304, are kept under their canonical URL only, and stay within the
//! store's bound.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{Method, Request, StatusCode};
use pychooser::site::App;
use pychooser::site::links;
use pychooser::store::{Compression, Made, Store};
use pychooser::{AppState, app};

use crate::support::{CATALOG, Response, call};

fn state() -> AppState {
    AppState::new(Arc::clone(&CATALOG))
}

async fn fetch(site: &App, method: &str, url: &str, headers: &[(&str, &str)]) -> Response {
    let mut request = Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    call(site.clone(), request.body(Body::empty()).unwrap()).await
}

/// A GET with this `Accept-Encoding`; the body as sent.
async fn fetch_bytes(site: &App, url: &str, accept_encoding: &str) -> (Response, Vec<u8>) {
    let mut response = fetch(site, "GET", url, &[("accept-encoding", accept_encoding)]).await;
    let bytes = std::mem::take(&mut response.bytes);
    (response, bytes)
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[tokio::test]
async fn every_linked_page_goes_out_in_three_codings_that_decode_to_the_same_page() {
    let site = app(&state());
    let mut urls: Vec<String> = links::linked(&CATALOG)
        .into_iter()
        .map(|l| l.path)
        .collect();
    urls.extend(
        [
            "/api/frameworks",
            "/api/frameworks/flask",
            "/api/compare/django-vs-flask",
            "/api/questionnaire",
            "/api/results?size=large",
            "/results?size=large&admin=yes",
            "/sitemap.xml",
        ]
        .map(str::to_owned),
    );
    urls.push(pychooser::site::assets::url("style.css").to_owned());
    assert!(urls.len() >= 24, "{} URLs", urls.len());
    for url in &urls {
        let (identity, plain) = fetch_bytes(&site, url, "identity").await;
        assert_eq!(identity.status, StatusCode::OK, "{url}");
        assert!(identity.header("content-encoding").is_none(), "{url}");
        assert_eq!(identity.header("vary"), Some("accept-encoding"), "{url}");
        let (gz, gz_body) = fetch_bytes(&site, url, "gzip").await;
        assert_eq!(gz.header("content-encoding"), Some("gzip"), "{url}");
        assert_eq!(gunzip(&gz_body), plain, "{url}: gzip decodes to the page");
        let (br, br_body) = fetch_bytes(&site, url, "gzip, deflate, br, zstd").await;
        assert_eq!(br.header("content-encoding"), Some("br"), "{url}");
        assert_eq!(
            unbrotli(&br_body),
            plain,
            "{url}: brotli decodes to the page"
        );
        assert!(
            br_body.len() < gz_body.len() && gz_body.len() < plain.len(),
            "{url}"
        );
        let tags = [&identity, &gz, &br].map(|r| r.header("etag").unwrap().to_owned());
        assert!(
            tags[0] != tags[1] && tags[1] != tags[2],
            "{url}: a tag per coding"
        );
        for (response, body) in [(&identity, &plain), (&gz, &gz_body), (&br, &br_body)] {
            assert_eq!(
                response.header("content-length"),
                Some(body.len().to_string().as_str()),
                "{url}"
            );
            assert!(
                response.header("content-security-policy").is_some(),
                "{url}"
            );
        }
    }
}

#[tokio::test]
async fn the_compare_page_goes_over_the_wire_compressed_under_30_kib_and_revalidates_with_304() {
    let site = app(&state());
    let url = "/compare/django-vs-flask";
    let (got, body) = fetch_bytes(&site, url, "br, gzip").await;
    assert_eq!(got.header("content-encoding"), Some("br"));
    assert!(body.len() < 30 * 1024, "{} bytes", body.len());
    let etag = got.header("etag").unwrap().to_owned();
    let again = fetch(
        &site,
        "GET",
        url,
        &[("accept-encoding", "br, gzip"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    assert_eq!(again.header("vary"), Some("accept-encoding"));
    assert!(again.header("content-encoding").is_none());
    assert!(again.header("content-security-policy").is_some());

    // The tag of another coding is another representation: the page is sent.
    let other = fetch(
        &site,
        "GET",
        url,
        &[("accept-encoding", "gzip"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(other.status, StatusCode::OK);
    let stale = fetch(&site, "GET", url, &[("if-none-match", "\"old\"")]).await;
    assert_eq!(stale.status, StatusCode::OK);
}

#[tokio::test]
async fn head_on_a_kept_page_sends_its_headers_only() {
    let site = app(&state());
    for url in ["/", "/static/style.css", "/api/questionnaire"] {
        let get = fetch(&site, "GET", url, &[("accept-encoding", "gzip")]).await;
        let head = fetch(&site, "HEAD", url, &[("accept-encoding", "gzip")]).await;
        assert_eq!(head.status, StatusCode::OK, "{url}");
        assert!(head.body.is_empty(), "{url}");
        assert_eq!(
            head.header("content-length"),
            get.header("content-length"),
            "{url}"
        );
        assert_eq!(head.header("etag"), get.header("etag"), "{url}");
        assert_eq!(head.header("content-encoding"), Some("gzip"), "{url}");
    }
}

#[tokio::test]
async fn pages_are_kept_under_their_canonical_url_only() {
    let state = state();
    let site = app(&state);
    let kept = |url: &str| state.store.contains(url);
    for (url, key) in [
        (
            "/compare/django-vs-flask?utm_source=x",
            "/compare/django-vs-flask",
        ),
        (
            "/compare/django-vs-flask?diff=true",
            "/compare/django-vs-flask?diff=1",
        ),
        (
            "/api/compare/fastapi-vs-flask?diff=1&x=1",
            "/api/compare/fastapi-vs-flask?diff=1",
        ),
        (
            "/results?size=large&kind=api",
            "/results?size=large&kind=api",
        ),
        ("/results", "/results"),
    ] {
        assert_eq!(
            fetch(&site, "GET", url, &[]).await.status,
            StatusCode::OK,
            "{url}"
        );
        assert!(kept(key), "{url} is kept as {key}");
    }
    let (count, _) = state.store.usage();
    // Other spellings of results are answered, not kept.
    for url in [
        "/results?kind=api&size=large",
        "/results?size=large&size=large",
        "/results?size=large&colour=blue",
        "/results?size=%6Carge",
        "/quiz?size=large",
    ] {
        assert_eq!(
            fetch(&site, "GET", url, &[]).await.status,
            StatusCode::OK,
            "{url}"
        );
        assert!(!kept(url), "{url} is not kept");
    }
    assert_eq!(state.store.usage().0, count, "nothing more was kept");
}

#[tokio::test]
async fn other_spellings_of_a_page_are_redirected_before_anything_is_made() {
    let state = state();
    let site = app(&state);
    for (url, location) in [
        ("/compare/%64jango-vs-fl%61sk", "/compare/django-vs-flask"),
        ("//compare//django-vs-flask", "/compare/django-vs-flask"),
        (
            "/compare/./django-vs-flask?diff=1",
            "/compare/django-vs-flask?diff=1",
        ),
        ("/frameworks/%66lask", "/frameworks/flask"),
        ("/api//frameworks", "/api/frameworks"),
        ("/compare/flask-vs-django", "/compare/django-vs-flask"),
    ] {
        let response = fetch(&site, "GET", url, &[]).await;
        assert_eq!(response.status, StatusCode::MOVED_PERMANENTLY, "{url}");
        assert_eq!(response.header("location"), Some(location), "{url}");
    }
    assert_eq!(
        state.store.usage().0,
        0,
        "no page was made for another spelling"
    );
    // Other methods are not redirected: a form must not be re-sent elsewhere.
    let post = fetch(&site, "POST", "//quiz", &[]).await;
    assert_ne!(post.status, StatusCode::MOVED_PERMANENTLY);
}

#[tokio::test]
async fn the_store_stays_within_its_bound_and_every_page_is_still_answered() {
    let dir = crate::content::content_with_five_frameworks();
    let catalog = pychooser::catalog::load_dir(dir.path()).unwrap();
    // Every 3-way comparison of five of them: twenty pages and their JSON twins.
    let slugs: Vec<String> = catalog
        .frameworks()
        .iter()
        .take(5)
        .map(|f| f.slug.clone())
        .collect();
    let capacity = 400 * 1024;
    let state = AppState::new(catalog).with_store(Store::new(capacity, 1, Compression::default()));
    let site = app(&state);
    let mut served = 0;
    for a in 0..slugs.len() {
        for b in a + 1..slugs.len() {
            for c in b + 1..slugs.len() {
                for prefix in ["/compare/", "/api/compare/"] {
                    let url = format!("{prefix}{}-vs-{}-vs-{}", slugs[a], slugs[b], slugs[c]);
                    let response = fetch(&site, "GET", &url, &[("accept-encoding", "br")]).await;
                    assert_eq!(response.status, StatusCode::OK, "{url}");
                    served += 1;
                    let (_, weight) = state.store.usage();
                    assert!(weight <= capacity, "{weight} bytes kept after {url}");
                }
            }
        }
    }
    assert_eq!(served, 20);
    let (count, _) = state.store.usage();
    assert!(count < served, "pages were evicted ({count} kept)");
}

fn made(text: &str) -> Made {
    Made {
        body: Bytes::from(text.repeat(100)),
        headers: axum::http::HeaderMap::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_misses_for_one_page_make_it_once() {
    let store = Arc::new(Store::new(1 << 20, 2, Compression::default()));
    let made_count = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let store = Arc::clone(&store);
            let made_count = Arc::clone(&made_count);
            tokio::spawn(async move {
                store
                    .get_or_make("/page", move || {
                        made_count.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(50));
                        Ok(made("page "))
                    })
                    .await
                    .unwrap()
            })
        })
        .collect();
    for task in tasks {
        let page = task.await.unwrap();
        assert!(page.form(pychooser::http::Coding::Identity).is_some());
    }
    assert_eq!(made_count.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn misses_are_made_no_more_than_the_makers_at_a_time() {
    let store = Arc::new(Store::new(1 << 20, 1, Compression::default()));
    let busy = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..4)
        .map(|i| {
            let (store, busy, most) = (Arc::clone(&store), Arc::clone(&busy), Arc::clone(&most));
            tokio::spawn(async move {
                store
                    .get_or_make(&format!("/page/{i}"), move || {
                        let now = busy.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(30));
                        busy.fetch_sub(1, Ordering::SeqCst);
                        Ok(made("x"))
                    })
                    .await
                    .unwrap();
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(most.load(Ordering::SeqCst), 1, "one maker at a time");
    assert!(started.elapsed() >= Duration::from_millis(120));
    // A kept page is answered while misses queue.
    let kept = store
        .get_or_make("/page/0", || Err("not made again".to_owned()))
        .await;
    assert!(kept.is_ok());
    let _ = Method::GET;
}

/// A kept page is answered before routing on every later request: the answer must be the
/// one the handler gave, header for header.
#[tokio::test]
async fn a_page_from_the_store_is_the_page_its_handler_gave() {
    for (url, accept) in [
        ("/", "br"),
        ("/compare/django-vs-flask?diff=1", "gzip"),
        ("/results?size=large&admin=yes", ""),
        ("/api/results?size=small", "br, gzip"),
        ("/frameworks/fastapi", "identity"),
    ] {
        let state = state();
        let site = app(&state);
        for method in ["GET", "HEAD"] {
            let first = fetch(&site, method, url, &[("accept-encoding", accept)]).await;
            assert!(state.store.contains(url), "{url} is kept");
            let again = fetch(&site, method, url, &[("accept-encoding", accept)]).await;
            assert_eq!(first.status, again.status, "{method} {url}");
            assert_eq!(first.bytes, again.bytes, "{method} {url}");
            assert_eq!(first.headers, again.headers, "{method} {url}");
        }
    }
}
