//! `/compare`, `/compare/{a}-vs-{b}[...]` and `?diff=1`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use pychooser::catalog::{self, Catalog};
use pychooser::{AppState, app};
use scraper::ElementRef;

use crate::support::{CATALOG, get, h1, select, select_in, text};

/// The feature names of the rows of a compare page, with whether each is marked as differing.
fn rows(doc: &scraper::Html) -> Vec<(String, bool)> {
    select(doc, "table.compare tbody tr")
        .into_iter()
        .map(|tr| {
            let name = text(select_in(tr, "th[scope=row] .feature-name")[0]);
            let marked = tr.value().classes().any(|c| c == "differs");
            (name, marked)
        })
        .collect()
}

/// Whether the catalog's values for `slugs` differ on the feature named `name`.
fn catalog_differs(slugs: &[&str], name: &str) -> bool {
    let (index, _) = CATALOG
        .features()
        .iter()
        .enumerate()
        .find(|(_, f)| f.name == name)
        .expect("row names a feature");
    let first = &CATALOG.framework(slugs[0]).unwrap().values[index].answer;
    slugs.iter().any(|s| {
        !CATALOG.framework(s).unwrap().values[index]
            .answer
            .same_as(first)
    })
}

#[tokio::test]
async fn django_vs_flask_has_30_rows_in_5_categories_each_cell_with_note_and_source() {
    let page = get("/compare/django-vs-flask").await;
    assert_eq!(page.status, StatusCode::OK);
    let doc = page.html();
    assert_eq!(h1(&doc), "Django vs Flask");
    let tables = select(&doc, "table.compare");
    assert!(
        tables.len() >= 5,
        "one table per category, got {}",
        tables.len()
    );
    let rows = select(&doc, "table.compare tbody tr");
    assert!(rows.len() >= 30, "got {} rows", rows.len());
    assert_eq!(rows.len(), CATALOG.features().len());
    for table in tables {
        let id = table
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find_map(|e| e.value().attr("aria-labelledby"))
            .expect("each table is labelled by its category heading");
        assert_eq!(select(&doc, &format!("h2#{id}")).len(), 1);
        let cols: Vec<String> = select_in(table, "thead th[scope=col]")
            .into_iter()
            .map(text)
            .collect();
        assert_eq!(cols, ["Feature", "Django", "Flask"]);
    }
    for row in rows {
        assert_eq!(select_in(row, "th[scope=row]").len(), 1);
        let cells = select_in(row, "td");
        assert_eq!(cells.len(), 2);
        for cell in cells {
            assert!(!text(select_in(cell, ".value")[0]).is_empty());
            assert!(
                !text(select_in(cell, ".note")[0]).is_empty(),
                "every cell has a note"
            );
            assert!(
                !select_in(cell, ".note .refs a").is_empty(),
                "every cell has a source link"
            );
        }
    }
}

#[tokio::test]
async fn support_levels_show_a_symbol_and_text_not_colour_alone() {
    let doc = get("/compare/django-vs-flask").await.html();
    let levels = select(&doc, "td .value.level");
    assert!(!levels.is_empty());
    for level in levels {
        let symbol = select_in(level, ".symbol[aria-hidden=true]");
        assert_eq!(symbol.len(), 1);
        let label = text(level);
        assert!(
            [
                "Built in",
                "Partly built in",
                "Official add-on",
                "Third-party package",
                "Not available"
            ]
            .iter()
            .any(|l| label.ends_with(l)),
            "{label}"
        );
    }
}

#[tokio::test]
async fn django_vs_flask_shows_both_stack_overflow_figures_with_their_sources() {
    let doc = get("/compare/django-vs-flask").await.html();
    let row = select(&doc, "table.compare tbody tr")
        .into_iter()
        .find(|tr| text(select_in(*tr, ".feature-name")[0]) == "Community size")
        .expect("a community size row");
    let cells = select_in(row, "td");
    let django = text(cells[0]);
    let flask = text(cells[1]);
    assert!(
        django.contains("250,000") && django.contains("280,000"),
        "{django}"
    );
    assert!(
        flask.contains("50,000") && flask.contains("60,000"),
        "{flask}"
    );
    for cell in cells {
        assert!(
            !select_in(cell, ".disagreement").is_empty(),
            "the disagreement is said"
        );
        assert!(
            !select_in(cell, ".disagreement .refs a").is_empty(),
            "with its source"
        );
    }
    let sources = text(select(&doc, ".sources")[0]);
    assert!(sources.contains("Noble Desktop"));
}

#[tokio::test]
async fn rows_that_differ_are_marked_exactly_when_values_differ() {
    for (url, slugs) in [
        ("/compare/django-vs-flask", vec!["django", "flask"]),
        ("/compare/fastapi-vs-flask", vec!["fastapi", "flask"]),
        (
            "/compare/django-vs-fastapi-vs-flask",
            vec!["django", "fastapi", "flask"],
        ),
    ] {
        let doc = get(url).await.html();
        for (name, marked) in rows(&doc) {
            assert_eq!(marked, catalog_differs(&slugs, &name), "{url}: {name}");
        }
    }
}

#[tokio::test]
async fn diff_mode_keeps_exactly_the_differing_rows_and_says_how_many_were_hidden() {
    let full = rows(&get("/compare/django-vs-fastapi").await.html());
    let page = get("/compare/django-vs-fastapi?diff=1").await;
    assert_eq!(page.status, StatusCode::OK);
    let doc = page.html();
    let only = rows(&doc);
    let expected: Vec<(String, bool)> = full.iter().filter(|(_, d)| *d).cloned().collect();
    assert_eq!(only, expected);
    assert!(
        only.len() < full.len(),
        "the content has rows that are the same"
    );
    let hidden = full.len() - only.len();
    let toggle = text(select(&doc, ".diff-toggle")[0]);
    assert!(
        toggle.contains(&format!("{hidden} identical ones are hidden")),
        "{toggle}"
    );
    let back = select(&doc, ".diff-toggle a")[0].value().attr("href");
    assert_eq!(back, Some("/compare/django-vs-fastapi"));
}

#[tokio::test]
async fn compare_url_in_wrong_order_redirects_to_canonical_keeping_the_query() {
    for (from, to) in [
        ("/compare/flask-vs-django", "/compare/django-vs-flask"),
        (
            "/compare/fastapi-vs-flask-vs-django",
            "/compare/django-vs-fastapi-vs-flask",
        ),
        (
            "/compare/flask-vs-django?diff=1",
            "/compare/django-vs-flask?diff=1",
        ),
        (
            "/api/compare/flask-vs-fastapi",
            "/api/compare/fastapi-vs-flask",
        ),
    ] {
        let page = get(from).await;
        assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY, "{from}");
        assert_eq!(page.header("location"), Some(to), "{from}");
    }
}

#[tokio::test]
async fn compare_urls_naming_no_valid_comparison_answer_the_sites_404_page() {
    for (url, why) in [
        ("/compare/django", "a single framework"),
        ("/compare/django-vs-django", "a repeated slug"),
        (
            "/compare/django-vs-flask-vs-django",
            "a repeated slug among three",
        ),
        ("/compare/django-vs-rails", "an unknown slug"),
        ("/compare/Django-vs-Flask", "slugs are lowercase"),
        ("/compare/-vs-", "empty slugs"),
        ("/compare/django-vs-", "a trailing separator"),
        (
            "/compare/django-vs-flask-vs-fastapi-vs-django-vs-flask",
            "more than four",
        ),
    ] {
        let page = get(url).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{url}: {why}");
        let doc = page.html();
        assert_eq!(h1(&doc), "Not Found (404)", "{url}: {why}");
    }
}

#[tokio::test]
async fn compare_url_that_cannot_be_decoded_answers_the_sites_400_page() {
    let page = get("/compare/%FF-vs-flask").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(h1(&page.html()), "Bad Request (400)");
    let api = get("/api/compare/%FF-vs-flask").await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    assert!(api.json()["error"].is_string());
}

#[tokio::test]
async fn more_than_four_frameworks_is_not_a_comparison() {
    // The shipped content with two copies of Flask added.
    let dir = crate::content::content_with_five_frameworks();
    let catalog: Catalog = catalog::load_dir(dir.path()).expect("valid content");
    assert_eq!(
        catalog.frameworks().len(),
        crate::support::CATALOG.frameworks().len() + 2
    );
    let site = app(&AppState::new(catalog));
    for (url, status) in [
        (
            "/compare/django-vs-fastapi-vs-flask-vs-flaska",
            StatusCode::OK,
        ),
        (
            "/compare/django-vs-fastapi-vs-flask-vs-flaska-vs-flaskb",
            StatusCode::NOT_FOUND,
        ),
    ] {
        let request = Request::get(url).body(Body::empty()).unwrap();
        let response = crate::support::call(site.clone(), request).await;
        assert_eq!(response.status, status, "{url}");
    }
}

#[tokio::test]
async fn picker_is_a_plain_get_form_with_a_labelled_checkbox_per_framework() {
    let doc = get("/compare").await.html();
    let form = select(&doc, "form[method=get][action='/compare']");
    assert_eq!(form.len(), 1);
    let boxes = select(&doc, "input[type=checkbox][name=fw]");
    assert_eq!(boxes.len(), CATALOG.frameworks().len());
    for input in boxes {
        let id = input.value().attr("id").unwrap();
        assert_eq!(
            select(&doc, &format!("label[for={id}]")).len(),
            1,
            "{id} has a label"
        );
    }
    // One fieldset for the choice, with a group per kind of framework inside it.
    assert_eq!(select(&doc, "form > fieldset > legend").len(), 1);
    let groups = select(&doc, "fieldset.picker-group");
    assert!(groups.len() >= 2, "grouped by scope");
    for group in groups {
        assert_eq!(select_in(group, "legend").len(), 1);
        assert!(!select_in(group, "input[name=fw]").is_empty());
    }
}

#[tokio::test]
async fn picker_submission_redirects_to_the_canonical_compare_url() {
    for (query, to) in [
        ("?fw=flask&fw=django", "/compare/django-vs-flask"),
        (
            "?fw=fastapi&fw=django&diff=1",
            "/compare/django-vs-fastapi?diff=1",
        ),
    ] {
        let page = get(&format!("/compare{query}")).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{query}");
        assert_eq!(page.header("location"), Some(to), "{query}");
    }
}

#[tokio::test]
async fn picker_with_an_invalid_choice_shows_the_form_again_with_the_problem() {
    for (query, problem) in [
        ("?fw=flask", "at least 2"),
        ("?diff=1", "at least 2"),
        ("?fw=flask&fw=rails", "no framework called \"rails\""),
        ("?fw=flask&fw=flask", "more than once"),
    ] {
        let page = get(&format!("/compare{query}")).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        let doc = page.html();
        let shown = text(select(&doc, "#picker-problem")[0]);
        assert!(shown.contains(problem), "{query}: {shown}");
        if query.contains("fw=flask") {
            assert_eq!(
                select(&doc, "#fw-flask[checked]").len(),
                1,
                "{query}: choice kept"
            );
        }
    }
}
