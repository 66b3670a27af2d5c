//! Pre-rendered pages: the same bytes as the dynamic site, in three encodings, with ETags.

use std::io::Read;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use pychooser::web::prerender::{self, Encoding, Front, negotiate};
use pychooser::{AppState, prerendered_app};
use tower::ServiceExt;

use crate::support::{CATALOG, get as dynamic_get};

async fn prerendered() -> Front {
    prerendered_app(AppState::new(Arc::clone(&CATALOG)))
        .await
        .expect("pre-renders")
        .0
}

struct Got {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

async fn fetch(site: &Front, method: &str, url: &str, headers: &[(&str, &str)]) -> Got {
    send(site.clone(), method, url, headers, "").await
}

/// One request through `service` (the front door or the bare router), its body sent with a
/// `Content-Length` as a browser sends a form.
async fn send<S>(service: S, method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> Got
where
    S: tower::Service<
            Request<Body>,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
        >,
{
    let mut request = Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if !body.is_empty() {
        request = request.header("content-length", body.len());
    }
    let response = service
        .oneshot(request.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Got {
        status,
        headers,
        body,
    }
}

fn header<'a>(got: &'a Got, name: &str) -> Option<&'a str> {
    got.headers.get(name).and_then(|v| v.to_str().ok())
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
async fn every_prerendered_page_is_the_dynamic_page_in_three_encodings() {
    let site = prerendered().await;
    let urls = prerender::urls(&CATALOG);
    assert!(urls.len() >= 30);
    for url in &urls {
        let dynamic = dynamic_get(url).await;
        assert_eq!(dynamic.status, StatusCode::OK, "{url}");
        let identity = fetch(&site, "GET", url, &[]).await;
        assert_eq!(identity.status, StatusCode::OK, "{url}");
        assert_eq!(
            String::from_utf8_lossy(&identity.body),
            dynamic.body,
            "{url}: same bytes"
        );
        assert_eq!(
            header(&identity, "content-type"),
            dynamic.header("content-type"),
            "{url}"
        );
        assert_eq!(
            header(&identity, "cache-control"),
            dynamic.header("cache-control"),
            "{url}"
        );
        assert_eq!(
            header(&identity, "content-security-policy"),
            dynamic.header("content-security-policy"),
            "{url}"
        );
        assert_eq!(header(&identity, "vary"), Some("accept-encoding"), "{url}");
        assert!(header(&identity, "content-encoding").is_none(), "{url}");

        let gz = fetch(&site, "GET", url, &[("accept-encoding", "gzip")]).await;
        assert_eq!(header(&gz, "content-encoding"), Some("gzip"), "{url}");
        assert_eq!(
            gunzip(&gz.body),
            identity.body,
            "{url}: gzip decodes to the page"
        );

        let br = fetch(
            &site,
            "GET",
            url,
            &[("accept-encoding", "gzip, deflate, br")],
        )
        .await;
        assert_eq!(header(&br, "content-encoding"), Some("br"), "{url}");
        assert_eq!(
            unbrotli(&br.body),
            identity.body,
            "{url}: brotli decodes to the page"
        );

        let etags = [&identity, &gz, &br].map(|g| header(g, "etag").unwrap().to_owned());
        assert!(
            etags[0] != etags[1] && etags[1] != etags[2],
            "{url}: an ETag per encoding"
        );
    }
}

#[tokio::test]
async fn the_compare_page_goes_over_the_wire_compressed_under_30_kib_and_revalidates_with_304() {
    let site = prerendered().await;
    let url = "/compare/django-vs-flask";
    let got = fetch(&site, "GET", url, &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(header(&got, "content-encoding"), Some("br"));
    assert!(got.body.len() < 30 * 1024, "{} bytes", got.body.len());
    let gz = fetch(&site, "GET", url, &[("accept-encoding", "gzip")]).await;
    assert!(gz.body.len() < 30 * 1024, "{} bytes gzip", gz.body.len());
    assert_eq!(
        header(&got, "content-length"),
        Some(got.body.len().to_string().as_str())
    );

    let etag = header(&got, "etag").unwrap().to_owned();
    let again = fetch(
        &site,
        "GET",
        url,
        &[("accept-encoding", "br, gzip"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(header(&again, "etag"), Some(etag.as_str()));
    assert!(header(&again, "content-security-policy").is_some());

    let stale = fetch(&site, "GET", url, &[("if-none-match", "\"old\"")]).await;
    assert_eq!(stale.status, StatusCode::OK);
}

#[tokio::test]
async fn head_on_a_prerendered_page_sends_headers_only() {
    let site = prerendered().await;
    let get = fetch(&site, "GET", "/", &[("accept-encoding", "gzip")]).await;
    let head = fetch(&site, "HEAD", "/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    assert_eq!(
        header(&head, "content-length"),
        header(&get, "content-length")
    );
    assert_eq!(header(&head, "etag"), header(&get, "etag"));
}

#[tokio::test]
async fn requests_that_depend_on_the_request_still_reach_the_handlers() {
    let site = prerendered().await;
    let prefilled = fetch(&site, "GET", "/quiz?size=large", &[]).await;
    assert!(String::from_utf8_lossy(&prefilled.body).contains("id=\"q-size-large\" checked"));
    let redirect = fetch(&site, "GET", "/compare/flask-vs-django", &[]).await;
    assert_eq!(redirect.status, StatusCode::MOVED_PERMANENTLY);
    let missing = fetch(&site, "GET", "/compare/django-vs-rails", &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let post = fetch(
        &site,
        "POST",
        "/quiz",
        &[("content-type", "application/x-www-form-urlencoded")],
    )
    .await;
    assert_eq!(post.status, StatusCode::SEE_OTHER);
    let put = fetch(&site, "PUT", "/", &[]).await;
    assert_eq!(put.status, StatusCode::METHOD_NOT_ALLOWED);
}

/// Method, URL, headers, body.
type Case<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>, &'a str);

/// Results pages and valid forms are answered by the front door without the router; every
/// other case is handed to it. Either way the answer must be the router's, byte for byte.
#[tokio::test]
async fn the_front_doors_direct_answers_are_the_routers_answers() {
    let front = prerendered().await;
    let bare = crate::support::site();
    let form = ("content-type", "application/x-www-form-urlencoded");
    let long_query = format!("/results?size={}", "x".repeat(5000));
    let large_form = format!("size=large&notes={}", "x".repeat(20 * 1024));
    let results = "/results?size=large&kind=content&admin=yes&experience=new";
    let etag = send(bare.clone(), "GET", results, &[], "").await;
    let etag = header(&etag, "etag").unwrap().to_owned();
    let cases: Vec<Case> = vec![
        ("GET", results, vec![], ""),
        ("HEAD", results, vec![], ""),
        ("GET", results, vec![("if-none-match", etag.as_str())], ""),
        ("GET", "/results?", vec![], ""),
        (
            "GET",
            "/results?size=large&colour=blue&size=small",
            vec![],
            "",
        ),
        ("GET", "/results?size=huge&admin=yes", vec![], ""),
        ("GET", "/results?%FF=%FE&kind=api", vec![], ""),
        ("GET", long_query.as_str(), vec![], ""),
        (
            "POST",
            "/quiz",
            vec![form],
            "size=large&kind=content&admin=yes",
        ),
        (
            "POST",
            "/quiz",
            vec![form],
            "admin=yes&size=large&experience=new",
        ),
        ("POST", "/quiz", vec![form], "size=huge&colour=blue"),
        ("POST", "/quiz", vec![form], "size=large&size=small"),
        ("POST", "/quiz", vec![form], "size=%FF"),
        ("POST", "/quiz", vec![form], "="),
        (
            "POST",
            "/quiz",
            vec![("content-type", "application/json")],
            "{\"size\":\"large\"}",
        ),
        ("POST", "/quiz", vec![form], large_form.as_str()),
        ("POST", long_query.as_str(), vec![form], "size=large"),
    ];
    for (method, url, headers, body) in cases {
        let direct = send(front.clone(), method, url, &headers, body).await;
        let routed = send(bare.clone(), method, url, &headers, body).await;
        let case = format!("{method} {url:.60} {body:.40}");
        assert_eq!(direct.status, routed.status, "{case}");
        assert!(direct.body == routed.body, "{case}: the bodies differ");
        let names = |got: &Got| {
            let mut names: Vec<String> = got
                .headers
                .iter()
                .map(|(name, value)| format!("{name}: {value:?}"))
                .collect();
            names.sort();
            names
        };
        assert_eq!(names(&direct), names(&routed), "{case}");
    }
}

#[test]
fn accept_encoding_prefers_brotli_then_gzip_and_honours_refusals() {
    let parse = |v: &str| negotiate(Some(v));
    assert_eq!(negotiate(None), Encoding::Identity);
    assert_eq!(parse("gzip"), Encoding::Gzip);
    assert_eq!(parse("gzip, deflate, br"), Encoding::Brotli);
    assert_eq!(parse("br;q=0, gzip"), Encoding::Gzip);
    assert_eq!(parse("br;q=0, gzip;q=0"), Encoding::Identity);
    assert_eq!(parse("GZIP"), Encoding::Gzip);
    assert_eq!(parse("*"), Encoding::Gzip);
    assert_eq!(parse("identity"), Encoding::Identity);
    assert_eq!(parse("compress, deflate"), Encoding::Identity);
}

#[tokio::test]
async fn comparisons_the_site_does_not_link_are_rendered_once_and_kept() {
    // Five frameworks: four-way comparisons are not pre-rendered.
    let dir = crate::content::content_with_five_frameworks();
    let catalog = pychooser::catalog::load_dir(dir.path()).unwrap();
    let url = "/compare/django-vs-fastapi-vs-flask-vs-flaska";
    assert!(!prerender::urls(&catalog).contains(&url.to_owned()));
    let (site, _) = prerendered_app(AppState::new(catalog)).await.unwrap();
    let first = fetch(&site, "GET", url, &[("accept-encoding", "gzip")]).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(header(&first, "content-encoding"), Some("gzip"));
    let second = fetch(&site, "GET", url, &[("accept-encoding", "gzip")]).await;
    assert_eq!(second.body, first.body);
    assert_eq!(header(&second, "etag"), header(&first, "etag"));
}
