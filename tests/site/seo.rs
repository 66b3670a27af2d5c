//! Search and sharing: canonical links, unique titles and descriptions, link previews,
//! sitemap, robots.txt and the favicon.

use std::collections::HashSet;

use axum::http::StatusCode;

use crate::support::{CATALOG, PAGE_URLS, get, select};

const BASE: &str = "http://127.0.0.1:3000";

fn attr(doc: &scraper::Html, css: &str, name: &str) -> Option<String> {
    select(doc, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_owned)
}

#[tokio::test]
async fn every_page_has_a_canonical_link_and_error_pages_are_not_indexed() {
    for (url, canonical) in [
        ("/", "/"),
        ("/frameworks", "/frameworks"),
        ("/frameworks/flask", "/frameworks/flask"),
        ("/compare", "/compare"),
        ("/compare/django-vs-flask", "/compare/django-vs-flask"),
        (
            "/compare/django-vs-flask?diff=1",
            "/compare/django-vs-flask",
        ),
        ("/quiz", "/quiz"),
        ("/quiz?size=large", "/quiz"),
        ("/quiz/weights", "/quiz/weights"),
        (
            "/results?admin=yes&size=large&colour=blue",
            "/results?size=large&admin=yes&m=1",
        ),
    ] {
        let doc = get(url).await.html();
        let links = select(&doc, "link[rel=canonical]");
        assert_eq!(links.len(), 1, "{url}");
        assert_eq!(
            links[0].value().attr("href"),
            Some(format!("{BASE}{canonical}").as_str()),
            "{url}"
        );
    }
    let doc = get("/no-such-page").await.html();
    assert!(select(&doc, "link[rel=canonical]").is_empty());
    assert_eq!(
        attr(&doc, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
}

#[tokio::test]
async fn titles_and_descriptions_are_unique_per_page() {
    let mut urls: Vec<String> = PAGE_URLS
        .iter()
        .filter(|u| **u != "/no-such-page")
        .map(|u| (*u).to_owned())
        .collect();
    urls.extend(
        CATALOG
            .frameworks()
            .iter()
            .map(|f| format!("/compare/{}-vs-django", f.slug))
            .filter(|u| !u.contains("django-vs-django")),
    );
    urls.push("/results?kind=api&async=yes".to_owned());
    let mut titles = HashSet::new();
    let mut descriptions = HashSet::new();
    let mut visited = HashSet::new();
    for url in &urls {
        let mut url = url.clone();
        let mut response = get(&url).await;
        if response.status == StatusCode::MOVED_PERMANENTLY {
            url = response.header("location").unwrap().to_owned();
            response = get(&url).await;
        }
        if !visited.insert(url.clone()) {
            continue;
        }
        let doc = response.html();
        let title = select(&doc, "title")[0].text().collect::<String>();
        let description = attr(&doc, "meta[name=description]", "content").unwrap_or_default();
        assert!(!description.trim().is_empty(), "{url} has a description");
        assert!(
            titles.insert(title.clone()),
            "{url}: title {title:?} is used twice"
        );
        assert!(
            descriptions.insert(description.clone()),
            "{url}: description is used twice"
        );
    }
}

#[tokio::test]
async fn framework_compare_and_results_pages_have_link_preview_tags() {
    for url in [
        "/frameworks/django",
        "/compare/django-vs-fastapi",
        "/results?size=small",
    ] {
        let doc = get(url).await.html();
        let canonical = attr(&doc, "link[rel=canonical]", "href").unwrap();
        assert_eq!(
            attr(&doc, "meta[property='og:url']", "content"),
            Some(canonical),
            "{url}"
        );
        for property in ["og:title", "og:description", "og:type"] {
            let content = attr(&doc, &format!("meta[property='{property}']"), "content");
            assert!(content.is_some_and(|c| !c.is_empty()), "{url}: {property}");
        }
        for name in ["twitter:card", "twitter:title", "twitter:description"] {
            let content = attr(&doc, &format!("meta[name='{name}']"), "content");
            assert!(content.is_some_and(|c| !c.is_empty()), "{url}: {name}");
        }
    }
}

#[tokio::test]
async fn sitemap_lists_home_every_framework_page_and_every_pair() {
    let response = get("/sitemap.xml").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    let locs: Vec<&str> = response
        .body
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap())
        .collect();
    assert!(locs.contains(&format!("{BASE}/").as_str()));
    for framework in CATALOG.frameworks() {
        assert!(locs.contains(&format!("{BASE}/frameworks/{}", framework.slug).as_str()));
    }
    // Every pair, and the home page's suggestions of three or four.
    let comparisons = locs.iter().filter(|l| l.contains("/compare/")).count();
    let n = CATALOG.frameworks().len();
    let larger = CATALOG
        .comparisons()
        .iter()
        .filter(|c| c.frameworks.len() > 2)
        .count();
    assert_eq!(comparisons, n * (n - 1) / 2 + larger);
    // Every page but the task views of comparisons, which are checked for one comparison
    // (there are nine per comparison, all made by the same code).
    let first_view = locs
        .iter()
        .find(|l| l.contains("/tasks/") && l.contains("?fw="))
        .expect("the sitemap lists task views of comparisons");
    let first_selection = first_view.split_once('?').unwrap().1.to_owned();
    for loc in locs
        .iter()
        .filter(|l| !l.contains("?fw=") || l.ends_with(&first_selection))
    {
        // The sitemap is XML: `&` in a query is written `&amp;`.
        let path = loc.strip_prefix(BASE).unwrap().replace("&amp;", "&");
        let path = path.as_str();
        assert_eq!(
            get(path).await.status,
            StatusCode::OK,
            "{loc} is a live page"
        );
    }
}

#[tokio::test]
async fn robots_names_the_sitemap_and_the_favicon_is_served() {
    let robots = get("/robots.txt").await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(
        robots
            .header("content-type")
            .unwrap()
            .starts_with("text/plain")
    );
    assert!(
        robots
            .body
            .lines()
            .any(|l| l == format!("Sitemap: {BASE}/sitemap.xml"))
    );

    let favicon = get("/favicon.ico").await;
    assert_eq!(favicon.status, StatusCode::OK);
    assert_eq!(favicon.header("content-type"), Some("image/x-icon"));
    let doc = get("/").await.html();
    let svg = attr(&doc, "link[rel=icon][type='image/svg+xml']", "href").unwrap();
    assert_eq!(get(&svg).await.status, StatusCode::OK);
}
