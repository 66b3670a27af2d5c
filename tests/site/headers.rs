//! Security and caching headers on every kind of response.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};

use crate::support::{PAGE_URLS, get, post_form, request, send};

const SECURITY: [(&str, &str); 6] = [
    (
        "content-security-policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    (
        "strict-transport-security",
        "max-age=63072000; includeSubDomains",
    ),
];

fn assert_security_headers(what: &str, response: &crate::support::Response) {
    for (name, value) in SECURITY {
        assert_eq!(response.header(name), Some(value), "{what}: {name}");
    }
    assert!(
        response
            .header("permissions-policy")
            .is_some_and(|p| p.contains("camera=()")),
        "{what}"
    );
    assert!(
        response.header("server").is_none(),
        "{what}: no Server header"
    );
    assert!(response.header("x-powered-by").is_none(), "{what}");
    // Left out on purpose (src/site/headers.rs says why).
    assert!(
        response.header("cross-origin-opener-policy").is_none(),
        "{what}"
    );
    if !response.body.is_empty() {
        let content_type = response.header("content-type").unwrap_or_default();
        assert!(
            content_type.contains("charset=utf-8")
                || !content_type.starts_with("text/")
                    && !content_type.starts_with("application/json"),
            "{what}: charset in {content_type}"
        );
    }
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let css = get("/").await.html();
    let stylesheet = crate::support::select(&css, "link[rel=stylesheet]")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let mut urls: Vec<String> = PAGE_URLS.iter().map(|u| (*u).to_owned()).collect();
    urls.extend([
        stylesheet,
        "/static/style.css".to_owned(),
        "/api/frameworks".to_owned(),
        "/api/frameworks/nope".to_owned(),
        "/api/compare/flask-vs-django".to_owned(),
        "/api/results?size=large".to_owned(),
        "/api/questionnaire".to_owned(),
        "/compare/flask-vs-django".to_owned(),
        "/compare?fw=django&fw=flask".to_owned(),
        "/healthz".to_owned(),
        "/frameworks/%FF".to_owned(),
    ]);
    for url in &urls {
        assert_security_headers(url, &get(url).await);
    }
    assert_security_headers("PUT /quiz (405)", &request(Method::PUT, "/quiz").await);
    assert_security_headers("POST /quiz (303)", &post_form("/quiz", "size=small").await);
    assert_security_headers("POST /quiz (422)", &post_form("/quiz", "size=huge").await);
    let big = send(
        Request::post("/quiz")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(vec![b'a'; 1024 * 1024]))
            .unwrap(),
    )
    .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_security_headers("POST /quiz (413)", &big);
}

#[tokio::test]
async fn pages_and_json_carry_an_etag_and_answer_304_when_it_matches() {
    for url in [
        "/",
        "/compare/django-vs-flask",
        "/results?size=large",
        "/api/frameworks",
    ] {
        let first = get(url).await;
        assert_eq!(
            first.header("cache-control"),
            Some("public, max-age=300"),
            "{url}"
        );
        let etag = first.header("etag").expect("an etag").to_owned();
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "{url}: a strong etag"
        );
        assert_eq!(
            get(url).await.header("etag"),
            Some(etag.as_str()),
            "{url}: stable"
        );

        let again = send(
            Request::get(url)
                .header("if-none-match", &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{url}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), Some(etag.as_str()));
        assert_security_headers(&format!("{url} (304)"), &again);

        let weak = format!("\"other\", W/{etag}");
        let weak = send(
            Request::get(url)
                .header("if-none-match", weak)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(
            weak.status,
            StatusCode::NOT_MODIFIED,
            "{url}: weak comparison in a list"
        );

        let stale = send(
            Request::get(url)
                .header("if-none-match", "\"stale\"")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(stale.status, StatusCode::OK, "{url}");
    }
}

#[tokio::test]
async fn head_answers_like_get_without_a_body() {
    for url in [
        "/",
        "/frameworks/flask",
        "/api/questionnaire",
        "/results?admin=yes",
    ] {
        let get_response = get(url).await;
        let head = request(Method::HEAD, url).await;
        assert_eq!(head.status, get_response.status, "{url}");
        assert!(head.body.is_empty(), "{url}");
        assert_eq!(head.header("etag"), get_response.header("etag"), "{url}");
        assert_eq!(
            head.header("content-type"),
            get_response.header("content-type"),
            "{url}"
        );
    }
}

#[tokio::test]
async fn errors_and_posts_are_never_stored() {
    for response in [
        get("/nope").await,
        get("/api/nope").await,
        post_form("/quiz", "size=small").await,
        post_form("/quiz", "size=huge").await,
        request(Method::DELETE, "/").await,
    ] {
        assert_eq!(
            response.header("cache-control"),
            Some("no-store"),
            "{}",
            response.status
        );
    }
}

/// A kept page's tag is its bytes' hash: the same in every process serving the same
/// deploy, and different wherever the page is.
#[tokio::test]
async fn a_results_pages_etag_changes_with_its_query_and_base_url() {
    use std::sync::Arc;

    use pychooser::site::App;
    use pychooser::{AppState, app};

    use crate::support::{CATALOG, call};

    let etag = |site: App, url: &'static str| async move {
        let response = call(site, Request::get(url).body(Body::empty()).unwrap()).await;
        assert_eq!(response.status, StatusCode::OK, "{url}");
        response.header("etag").unwrap().to_owned()
    };
    let state = || AppState::new(Arc::clone(&CATALOG));
    let default = app(&state());
    let small = etag(default.clone(), "/results?size=small").await;
    assert_eq!(small, etag(app(&state()), "/results?size=small").await);
    assert_ne!(small, etag(default.clone(), "/results?size=large").await);
    assert_ne!(small, etag(default, "/results?size=small&size=large").await);
    let elsewhere = app(&state().with_base_url("https://elsewhere.example"));
    assert_ne!(small, etag(elsewhere, "/results?size=small").await);
}
