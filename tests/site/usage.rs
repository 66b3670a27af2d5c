//! Usage figures (`content/usage.toml`): each survey's shares shown as that survey's, with
//! its definition, on framework pages, comparisons and in the JSON; never combined.

use crate::content::problems_after;
use crate::support::{CATALOG, get, select, select_in, source_ids, text};

#[tokio::test]
async fn a_framework_page_shows_each_surveys_share_with_its_definition() {
    let doc = get("/frameworks/fastapi").await.html();
    let table = select(&doc, "section.usage table.usage-table");
    assert_eq!(table.len(), 1);
    let headers: Vec<String> = select_in(table[0], "thead th")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        headers,
        ["Survey", "FastAPI", "Who answered", "Answers collected"]
    );
    let rows: Vec<String> = select_in(table[0], "tbody tr")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(rows.len(), CATALOG.surveys().len());
    let row_2024 = rows
        .iter()
        .find(|r| r.starts_with("Python Developers Survey 2024"))
        .unwrap();
    assert!(row_2024.contains("38%"), "{row_2024}");
    assert!(row_2024.contains("2024-10 to 2024-11"), "{row_2024}");
    assert!(
        row_2024.contains("more than 30,000 responses"),
        "{row_2024}"
    );
    // Every row cites its sources, and the definitions say answers could be several.
    for row in select_in(table[0], "tbody th") {
        assert!(!select_in(row, "sup.refs a").is_empty(), "{}", text(row));
    }
    let notes = text(select(&doc, "section.usage .usage-notes")[0]);
    assert!(notes.contains("each could name several"), "{notes}");
}

#[tokio::test]
async fn a_framework_no_survey_lists_says_so_and_shows_no_figure() {
    let doc = get("/frameworks/litestar").await.html();
    let section = text(select(&doc, "section.usage")[0]);
    assert!(
        section.contains("None of the surveys we cite (Python Developers Survey 2024, Python Developers Survey 2023) lists Litestar separately."),
        "{section}"
    );
    assert!(select(&doc, "section.usage table").is_empty());
}

#[tokio::test]
async fn a_comparison_shows_one_row_per_survey_and_not_listed_where_it_lists_none() {
    let doc = get("/compare/django-vs-flask-vs-litestar").await.html();
    let rows = select(&doc, "section.usage tbody tr");
    assert_eq!(rows.len(), 2);
    let row_2023 = rows
        .into_iter()
        .find(|r| text(*r).starts_with("Python Developers Survey 2023"))
        .unwrap();
    // Django, Flask, Litestar in that order.
    let cells: Vec<String> = select_in(row_2023, "td").into_iter().map(text).collect();
    assert_eq!(
        cells[..3],
        ["33%", "33%", "Not listed"],
        "{}",
        text(row_2023)
    );
}

#[tokio::test]
async fn the_json_gives_each_surveys_share_with_its_method_and_sources() {
    let json = get("/api/frameworks/flask").await.json();
    let usage = json["usage"].as_array().unwrap();
    assert_eq!(usage.len(), 2);
    let first = &usage[0];
    assert_eq!(first["id"], "python-developers-survey-2024");
    assert_eq!(first["share"], 34);
    assert_eq!(first["multiple"], true);
    assert_eq!(first["fieldwork"], "2024-10 to 2024-11");
    let cited = source_ids(&json);
    for id in first["sources"].as_array().unwrap() {
        assert!(cited.contains(&id.as_str().unwrap()), "{id}");
    }
    let none = get("/api/frameworks/robyn").await.json();
    assert_eq!(none["usage"].as_array().unwrap().len(), 0);
}

#[test]
fn the_loader_refuses_shares_that_are_not_percentages_or_name_no_framework() {
    for (find, replace, expected) in [
        (
            "fastapi = 38",
            "fastapi = 138",
            "field `share.fastapi`: 138 is not a percentage from 0 to 100",
        ),
        (
            "fastapi = 38",
            "fastapy = 38",
            "field `share.fastapy`: no framework has the slug \"fastapy\"",
        ),
        (
            "published = \"2025-08\"",
            "published = \"August 2025\"",
            "field `published`: \"August 2025\" is not a date",
        ),
        ("multiple = true\nnote", "note", "multiple"),
    ] {
        let problems = problems_after(|dir| {
            let path = dir.join("usage.toml");
            let content = std::fs::read_to_string(&path).unwrap();
            assert!(content.contains(find), "{find}");
            std::fs::write(&path, content.replacen(find, replace, 1)).unwrap();
        });
        assert!(
            problems.contains("usage.toml") && problems.contains(expected),
            "expected {expected:?} in:\n{problems}"
        );
    }
}
