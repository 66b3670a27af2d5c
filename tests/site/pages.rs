//! Home, framework pages and page-wide rules (layout, no inline styles or scripts, sources).

use axum::http::StatusCode;

use crate::support::{CATALOG, PAGE_URLS, get, h1, select, select_in, text};
use pychooser::catalog::SupportLevel;

#[tokio::test]
async fn home_shows_every_framework_as_a_card_linking_to_its_page() {
    let page = get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    let doc = page.html();
    let cards = select(&doc, ".cards > li.card");
    assert_eq!(cards.len(), CATALOG.frameworks().len());
    // Grouped by the scope of their core, each group under its own heading.
    assert!(select(&doc, "h3.card-group").len() >= 2);
    for card in &cards {
        let framework = CATALOG
            .frameworks()
            .iter()
            .find(|f| text(select_in(*card, "h4 a")[0]) == f.name)
            .expect("a card per framework");
        let links = select_in(*card, "h4 a");
        assert_eq!(
            links[0].value().attr("href"),
            Some(format!("/frameworks/{}", framework.slug).as_str())
        );
        assert_eq!(text(links[0]), framework.name);
        assert!(
            text(*card).contains(&framework.facts.latest_version_as_of),
            "latest version carries its as-of date"
        );
    }
}

#[tokio::test]
async fn home_suggests_a_short_list_of_comparisons_each_with_a_reason_and_links_the_picker() {
    let doc = get("/").await.html();
    let hrefs: Vec<String> = select(&doc, "a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    let suggested = select(&doc, "ul.comparisons > li");
    assert_eq!(suggested.len(), CATALOG.comparisons().len());
    assert!(
        (3..=8).contains(&suggested.len()),
        "a short list, not every pair"
    );
    for item in suggested {
        assert_eq!(select_in(item, "a[href^='/compare/']").len(), 1);
        assert!(
            !select_in(item, ".refs a").is_empty(),
            "each reason is sourced"
        );
    }
    assert!(hrefs.iter().any(|h| h == "/compare/django-vs-flask"));
    assert!(hrefs.iter().any(|h| h == "/compare"));
    // Link previews, as on the other pages.
    assert_eq!(select(&doc, "meta[property='og:title']").len(), 1);
    assert_eq!(select(&doc, "meta[name='twitter:card']").len(), 1);
}

#[tokio::test]
async fn frameworks_index_is_a_table_with_a_row_per_framework() {
    let doc = get("/frameworks").await.html();
    assert_eq!(h1(&doc), "All frameworks");
    let rows = select(&doc, "table tbody tr");
    assert_eq!(rows.len(), CATALOG.frameworks().len());
    assert_eq!(select(&doc, "table thead th[scope=col]").len(), 7);
    for (row, framework) in rows.iter().zip(CATALOG.frameworks()) {
        let header = select_in(*row, "th[scope=row] a");
        assert_eq!(text(header[0]), framework.name);
        let cells: Vec<String> = select_in(*row, "td").into_iter().map(text).collect();
        assert!(cells.iter().any(|c| c.contains(&framework.facts.licence)));
        assert!(
            cells
                .iter()
                .any(|c| c.contains(&framework.facts.latest_version))
        );
    }
}

#[tokio::test]
async fn framework_page_has_every_section_the_contract_names() {
    for framework in CATALOG.frameworks() {
        let page = get(&format!("/frameworks/{}", framework.slug)).await;
        assert_eq!(page.status, StatusCode::OK);
        let doc = page.html();
        assert_eq!(h1(&doc), framework.name);
        let headings: Vec<String> = select(&doc, "h2").into_iter().map(text).collect();
        for wanted in [
            "Key facts",
            "Strengths",
            "Weaknesses",
            "Best for",
            "Not the best fit for",
            "Notable users",
            "Key extensions",
            "Every feature",
            "Sources",
        ] {
            assert!(
                headings.iter().any(|h| h == wanted),
                "{} page has a {wanted} section",
                framework.slug
            );
        }
        assert_eq!(
            select(&doc, "#strengths-heading + ul > li").len(),
            framework.strengths.len()
        );
        assert_eq!(
            select(&doc, "#weaknesses-heading + ul > li").len(),
            framework.weaknesses.len()
        );
        // One row per feature across the per-category tables.
        assert_eq!(
            select(&doc, "table.features tbody tr").len(),
            CATALOG.features().len()
        );
    }
}

#[tokio::test]
async fn framework_page_links_to_the_canonical_comparison_with_each_other_framework() {
    let doc = get("/frameworks/flask").await.html();
    let links: Vec<String> = select(&doc, "#compare-heading + ul a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    let mut expected: Vec<String> = CATALOG
        .frameworks()
        .iter()
        .filter(|f| f.slug != "flask")
        .map(|f| {
            let mut pair = [f.slug.as_str(), "flask"];
            pair.sort_unstable();
            format!("/compare/{}", pair.join("-vs-"))
        })
        .collect();
    expected.sort();
    let mut links_sorted = links.clone();
    links_sorted.sort();
    assert_eq!(links_sorted, expected);
}

#[tokio::test]
async fn framework_page_shows_both_claims_where_sources_disagree() {
    let flask = CATALOG.framework("flask").unwrap();
    let (index, _) = CATALOG.feature("learning_curve").unwrap();
    let value = &flask.values[index];
    assert!(
        !value.disagreements.is_empty(),
        "the content records the beginner disagreement"
    );
    let doc = get("/frameworks/flask").await.html();
    let disputed = select(&doc, "#disputed-heading ~ dl.disputed > div");
    let learning = disputed
        .iter()
        .find(|d| text(select_in(**d, "dt")[0]) == "Learning curve")
        .expect("the learning curve is listed where sources disagree");
    let shown = text(*learning);
    assert!(shown.contains(value.answer.label()));
    for d in &value.disagreements {
        assert!(
            shown.contains(d.claim.trim()),
            "shows the other claim: {}",
            d.claim
        );
    }
    assert!(!select_in(*learning, ".disagreement .refs a").is_empty());
}

#[tokio::test]
async fn unknown_framework_answers_the_sites_own_404_page() {
    for url in [
        "/frameworks/rails",
        "/frameworks/Django",
        "/frameworks/django/extra",
    ] {
        let page = get(url).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{url}");
        let doc = page.html();
        assert_eq!(h1(&doc), "Not Found (404)", "{url}");
        assert_eq!(
            select(&doc, "header.site-header nav").len(),
            1,
            "{url} has the layout"
        );
    }
}

#[tokio::test]
async fn no_page_has_inline_styles_or_inline_scripts() {
    for url in PAGE_URLS {
        let doc = get(url).await.html();
        assert!(
            select(&doc, "[style]").is_empty(),
            "{url} has a style attribute"
        );
        assert!(
            select(&doc, "style").is_empty(),
            "{url} has a style element"
        );
        for script in select(&doc, "script") {
            assert!(
                script.value().attr("src").is_some(),
                "{url} has an inline script"
            );
        }
        for element in select(&doc, "*") {
            for (name, _) in element.value().attrs() {
                assert!(
                    !name.starts_with("on"),
                    "{url} has an inline handler {name}"
                );
            }
        }
    }
}

#[tokio::test]
async fn every_source_reference_points_to_an_entry_in_the_pages_source_list() {
    for url in PAGE_URLS {
        let doc = get(url).await.html();
        let listed: Vec<String> = select(&doc, ".sources ol > li")
            .iter()
            .filter_map(|li| li.value().attr("id").map(str::to_owned))
            .collect();
        for (i, id) in listed.iter().enumerate() {
            assert_eq!(
                id,
                &format!("source-{}", i + 1),
                "{url}: sources are numbered in order"
            );
        }
        for link in select(&doc, ".refs a") {
            let href = link.value().attr("href").unwrap_or_default();
            let target = href.strip_prefix('#').unwrap_or(href);
            assert!(
                listed.iter().any(|id| id == target),
                "{url}: {href} points nowhere"
            );
        }
    }
}

#[tokio::test]
async fn every_page_links_the_fingerprinted_stylesheet_served_with_long_caching() {
    let doc = get("/").await.html();
    let links = select(&doc, "link[rel=stylesheet]");
    assert_eq!(links.len(), 1);
    let href = links[0].value().attr("href").unwrap().to_owned();
    assert!(
        href.starts_with("/static/style.") && href.ends_with(".css") && href != "/static/style.css"
    );
    let css = get(&href).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(
        css.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert!(css.body.contains("prefers-color-scheme: dark"));
    assert!(css.body.contains("@media print"));

    let plain = get("/static/style.css").await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(plain.header("cache-control"), Some("public, no-cache"));
    for url in ["/static/nope.css", "/static/..%2fCargo.toml"] {
        // Escapes and dot segments are first redirected to the path's normal form.
        let mut response = get(url).await;
        if response.status == StatusCode::MOVED_PERMANENTLY {
            let location = response.header("location").unwrap().to_owned();
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{url}"
            );
            response = get(&location).await;
        }
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{url}");
    }
    // `..` resolves above /static to the site's root, never to a file.
    let up = get("/static/%2e%2e").await;
    assert_eq!(up.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(up.header("location"), Some("/"));
}

#[tokio::test]
async fn healthz_answers_ok_in_plain_text() {
    let page = get("/healthz").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/plain")
    );
    assert_eq!(page.body.trim(), "ok");
}

/// The framework names an index page lists, in order.
fn index_names(doc: &scraper::Html) -> Vec<String> {
    select(doc, "table.facts-table tbody th[scope=row]")
        .iter()
        .map(|th| text(*th))
        .collect()
}

#[tokio::test]
async fn the_index_filters_by_server_interface() {
    // The server interface, in short: exactly the frameworks whose row says so.
    let interface = CATALOG.feature("interface").unwrap().0;
    for choice in ["wsgi", "own"] {
        let expected: Vec<&str> = CATALOG
            .frameworks()
            .iter()
            .filter(|f| {
                matches!(&f.values[interface].answer,
                    pychooser::catalog::Answer::Choice { id, .. } if id == choice)
            })
            .map(|f| f.name.as_str())
            .collect();
        assert!(!expected.is_empty(), "{choice}");
        assert_eq!(
            index_names(&get(&format!("/frameworks?interface={choice}")).await.html()),
            expected,
            "{choice}"
        );
    }
}

#[tokio::test]
async fn the_index_filters_by_support_status_and_concurrency_and_sorts() {
    // Built in or official, never partly built in or third-party: Django's admin is built in.
    let doc = get("/frameworks?has=admin").await.html();
    let admin = CATALOG.feature("admin").unwrap().0;
    let expected: Vec<&str> = CATALOG
        .frameworks()
        .iter()
        .filter(|f| {
            matches!(
                f.values[admin].answer.support(),
                Some(SupportLevel::BuiltIn | SupportLevel::Official)
            )
        })
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(index_names(&doc), expected);
    assert!(expected.contains(&"Django"));
    assert!(expected.len() < CATALOG.frameworks().len());
    // Several rows at once, comma-separated or repeated.
    let a = index_names(&get("/frameworks?has=websockets,api_docs").await.html());
    let b = index_names(&get("/frameworks?has=websockets&has=api_docs").await.html());
    assert_eq!(a, b);
    for name in &a {
        let slug = CATALOG
            .frameworks()
            .iter()
            .find(|f| &f.name == name)
            .unwrap();
        for row in ["websockets", "api_docs"] {
            let i = CATALOG.feature(row).unwrap().0;
            assert!(
                matches!(
                    slug.values[i].answer.support(),
                    Some(SupportLevel::BuiltIn | SupportLevel::Official)
                ),
                "{name}: {row}"
            );
        }
    }
    // Status and concurrency are choice rows.
    let beta = index_names(&get("/frameworks?status=beta").await.html());
    assert!(!beta.is_empty());
    for name in &beta {
        let framework = CATALOG
            .frameworks()
            .iter()
            .find(|f| &f.name == name)
            .unwrap();
        let i = CATALOG.feature("project_status").unwrap().0;
        assert_eq!(framework.values[i].answer.label(), "Beta", "{name}");
    }
    let oldest = index_names(
        &get("/frameworks?async=async_first&sort=first_release")
            .await
            .html(),
    );
    let years: Vec<u16> = oldest
        .iter()
        .map(|name| {
            CATALOG
                .frameworks()
                .iter()
                .find(|f| &f.name == name)
                .unwrap()
                .facts
                .first_release
        })
        .collect();
    assert!(
        years.windows(2).all(|w| w[0] <= w[1]),
        "{oldest:?} {years:?}"
    );
    // What it cannot use is named, and the page still answers.
    let response = get("/frameworks?has=admin,teleport&colour=blue&sort=size").await;
    assert_eq!(response.status, StatusCode::OK);
    let doc = response.html();
    let notice = text(select(&doc, ".notice")[0]);
    for part in ["has=teleport", "colour=blue", "sort=size"] {
        assert!(notice.contains(part), "{notice}");
    }
    assert_eq!(index_names(&doc), expected, "the usable part still filters");
    // Nothing matches: said plainly.
    let none = get("/frameworks?has=admin&status=beta").await.html();
    assert!(index_names(&none).is_empty());
    assert!(text(select(&none, "main")[0]).contains("No framework has everything you asked for"));
}

#[tokio::test]
async fn status_news_shows_on_the_framework_page_in_comparisons_and_in_json() {
    let with_notices: Vec<_> = CATALOG
        .frameworks()
        .iter()
        .filter(|f| !f.status_notices.is_empty())
        .collect();
    assert!(!with_notices.is_empty(), "some framework has status news");
    for framework in with_notices {
        let doc = get(&format!("/frameworks/{}", framework.slug)).await.html();
        let items = select(&doc, ".status-notices li");
        assert_eq!(items.len(), framework.status_notices.len());
        for (item, notice) in items.iter().zip(&framework.status_notices) {
            assert!(
                text(*item).starts_with(notice.kind.label()),
                "{}",
                text(*item)
            );
            assert!(!select_in(*item, "sup.refs a").is_empty(), "sourced");
        }
        // Any comparison with it says so, naming the framework.
        let other = CATALOG
            .frameworks()
            .iter()
            .find(|f| f.slug != framework.slug)
            .unwrap();
        let mut pair = [framework.slug.as_str(), other.slug.as_str()];
        pair.sort_unstable();
        let doc = get(&format!("/compare/{}-vs-{}", pair[0], pair[1]))
            .await
            .html();
        let news: Vec<String> = select(&doc, ".status-notices li")
            .into_iter()
            .map(text)
            .collect();
        assert!(
            news.iter()
                .any(|n| n.starts_with(&format!("{}: ", framework.name))),
            "{news:?}"
        );
        let json = get(&format!("/api/frameworks/{}", framework.slug))
            .await
            .json();
        assert_eq!(
            json["status_notices"].as_array().unwrap().len(),
            framework.status_notices.len()
        );
    }
}

#[tokio::test]
async fn the_not_compared_page_names_each_tool_with_why_and_sources_and_the_index_links_it() {
    let index = get("/frameworks").await.html();
    assert_eq!(select(&index, "main a[href='/not-compared']").len(), 1);
    let response = get("/not-compared").await;
    assert_eq!(response.status, StatusCode::OK);
    let doc = response.html();
    let tools = CATALOG.not_compared();
    assert!(tools.len() >= 5, "several tools");
    let entries = select(&doc, "dl.other-tools > div");
    assert_eq!(entries.len(), tools.len());
    for (entry, tool) in entries.iter().zip(tools) {
        assert_eq!(text(select_in(*entry, "dt")[0]), tool.name);
        let dd = text(select_in(*entry, "dd")[0]);
        assert!(dd.contains(&tool.why), "{dd}");
        assert!(
            !select_in(*entry, "sup.refs a").is_empty(),
            "{} is sourced",
            tool.name
        );
    }
    // One heading per category, in file order.
    let mut categories: Vec<&str> = tools.iter().map(|t| t.category.as_str()).collect();
    categories.dedup();
    let headings: Vec<String> = select(&doc, "main h2").into_iter().map(text).collect();
    assert_eq!(&headings[..categories.len()], categories.as_slice());
    assert_eq!(headings.last().map(String::as_str), Some("Sources"));
}
