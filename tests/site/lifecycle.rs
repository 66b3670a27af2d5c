//! Lifecycle data: every framework's releases and support policy, in the catalog and in
//! `/api/frameworks/{slug}`, and the loader's rules for them.

use axum::http::StatusCode;

use crate::content::problems_after;
use crate::support::{CATALOG, get};

#[tokio::test]
async fn every_framework_has_a_status_a_policy_and_three_dated_sourced_releases() {
    for framework in CATALOG.frameworks() {
        let response = get(&format!("/api/frameworks/{}", framework.slug)).await;
        assert_eq!(response.status, StatusCode::OK);
        let json = response.json();
        let status = json["status"].as_str().unwrap();
        assert!(
            ["stable", "beta", "alpha", "maintenance", "legacy"].contains(&status),
            "{}: {status}",
            framework.slug
        );
        let policy = &json["support_policy"];
        assert!(!policy["text"].as_str().unwrap().is_empty());
        assert!(!policy["sources"].as_array().unwrap().is_empty());
        let releases = json["releases"].as_array().unwrap();
        assert!(releases.len() >= 3, "{}", framework.slug);
        let cited = crate::support::source_ids(&json);
        let mut previous: Option<&str> = None;
        for release in releases {
            let date = release["date"].as_str().unwrap();
            assert_eq!(date.len(), 10, "{}", framework.slug);
            assert!(
                previous.is_none_or(|p| p >= date),
                "{}: newest first",
                framework.slug
            );
            previous = Some(date);
            assert!(release["lts"].is_boolean());
            assert!(release["end_of_support"].is_null() || release["end_of_support"].is_string());
            assert!(!release["python"].as_str().unwrap().is_empty());
            for id in release["sources"].as_array().unwrap() {
                assert!(
                    cited.contains(&id.as_str().unwrap()),
                    "{}: {id}",
                    framework.slug
                );
            }
        }
        let cadence = &json["cadence"];
        assert_eq!(cadence["latest_feature_release"], releases[0]["date"]);
        let last = cadence["last_release"]["date"].as_str().unwrap();
        assert!(last >= releases[0]["date"].as_str().unwrap());
        assert!(
            cadence["releases_last_12_months"].as_u64()
                <= cadence["releases_last_24_months"].as_u64()
        );
    }
}

#[tokio::test]
async fn django_5_2_is_long_term_support_to_april_2028() {
    let json = get("/api/frameworks/django").await.json();
    let release = json["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["version"] == "5.2")
        .expect("Django 5.2 is listed");
    assert_eq!(release["lts"], true);
    assert_eq!(release["end_of_support"], "2028-04-30");
    assert_eq!(release["date"], "2025-04-02");
}

#[test]
fn releases_are_dated_newest_first_and_end_after_they_start() {
    let edit = |find: &'static str, replace: &'static str| {
        move |d: &std::path::Path| {
            let path = d.join("lifecycle/django.toml");
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(find), "{find}");
            std::fs::write(path, text.replacen(find, replace, 1)).unwrap();
        }
    };
    for (expected, problems) in [
        (
            "comes before the release",
            problems_after(edit(
                "end_of_support = \"2028-04-30\"",
                "end_of_support = \"2020-01-01\"",
            )),
        ),
        (
            "releases are listed newest first",
            problems_after(edit("date = \"2025-04-02\"", "date = \"2026-10-01\"")),
        ),
        (
            "is not a date",
            problems_after(edit("date = \"2025-04-02\"", "date = \"April 2025\"")),
        ),
        (
            "lifecycle/django.toml: missing: every framework lists its releases",
            problems_after(|d| std::fs::remove_file(d.join("lifecycle/django.toml")).unwrap()),
        ),
        (
            "last_release: field `date`: comes before the newest feature release",
            problems_after(edit("date = \"2026-11-03\"", "date = \"2026-01-03\"")),
        ),
        (
            "last_release",
            problems_after(edit("[last_release]", "[last_release_removed]")),
        ),
        (
            "values.last_release: computed from lifecycle/{slug}.toml; a framework file does not give it",
            problems_after(|d| {
                let path = d.join("frameworks/django.toml");
                let mut text = std::fs::read_to_string(&path).unwrap();
                text.push_str("\n[values.last_release]\nchoice = \"older\"\nnote = \"x\"\nsources = [\"noble-2026\"]\n");
                std::fs::write(path, text).unwrap();
            }),
        ),
        (
            "field `computed`: a computed row is of kind \"choice\" with the choices within_year, within_two_years, older",
            problems_after(|d| {
                let path = d.join("features.toml");
                let text = std::fs::read_to_string(&path).unwrap();
                let find = "{ id = \"older\", label = \"More than two years ago\"";
                assert!(text.contains(find));
                std::fs::write(
                    path,
                    text.replacen(
                        find,
                        "{ id = \"stale\", label = \"More than two years ago\"",
                        1,
                    ),
                )
                .unwrap();
            }),
        ),
    ] {
        assert!(
            problems.contains(expected),
            "expected {expected:?} in:\n{problems}"
        );
    }
}

#[tokio::test]
async fn the_calendar_feed_has_one_event_per_stated_end_of_support() {
    let response = get("/calendar.ics?fw=django&fw=flask").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    // Read by a calendar parser, not by matching strings.
    let mut reader = ical::IcalParser::new(response.body.as_bytes());
    let calendar = reader.next().expect("one calendar").expect("it parses");
    assert!(reader.next().is_none());
    let mut expected: Vec<(String, String)> = Vec::new();
    for slug in ["django", "flask"] {
        let f = CATALOG.framework_index(slug).unwrap();
        for release in &CATALOG.lifecycle(f).unwrap().releases {
            if let Some(end) = &release.end_of_support {
                expected.push((
                    format!("{} {}", CATALOG.frameworks()[f].name, release.version),
                    end.replace('-', ""),
                ));
            }
        }
    }
    assert!(expected.len() >= 2);
    let property = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    let mut found: Vec<(String, String)> = calendar
        .events
        .iter()
        .map(|event| {
            let summary = property(event, "SUMMARY");
            let release = summary
                .split(':')
                .next()
                .unwrap()
                .trim_end_matches(" LTS")
                .to_owned();
            (release, property(event, "DTSTART"))
        })
        .collect();
    found.sort();
    expected.sort();
    assert_eq!(found, expected);
    let django_lts = calendar
        .events
        .iter()
        .find(|e| property(e, "SUMMARY").starts_with("Django 5.2 LTS"))
        .expect("Django 5.2 LTS is in the feed");
    assert_eq!(property(django_lts, "DTSTART"), "20280430");
    assert!(!property(django_lts, "UID").is_empty());
    // The same feed for the same content.
    let again = get("/calendar.ics?fw=flask&fw=django").await;
    assert_eq!(again.body, response.body);
}

#[tokio::test]
async fn the_calendar_feed_names_what_is_wrong_with_its_query() {
    let none = get("/calendar.ics").await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
    assert!(none.body.contains("Name at least one framework"));
    let unknown = get("/calendar.ics?fw=django&fw=nosuch").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.body.contains("nosuch"));
}

#[tokio::test]
async fn a_framework_page_shows_its_releases_as_a_timeline_and_a_table() {
    use crate::support::{select, select_in, text};
    let doc = get("/frameworks/django").await.html();
    let svg = select(&doc, "section.lifecycle svg.timeline");
    assert_eq!(svg.len(), 1);
    assert_eq!(svg[0].value().attr("role"), Some("img"));
    let title_id = svg[0].value().attr("aria-labelledby").unwrap();
    let title = select_in(svg[0], "title");
    assert_eq!(title[0].value().attr("id"), Some(title_id));
    assert!(text(title[0]).starts_with("Release timeline of Django"));
    let f = CATALOG.framework_index("django").unwrap();
    let releases = &CATALOG.lifecycle(f).unwrap().releases;
    assert_eq!(
        select(&doc, "table.releases tbody tr").len(),
        releases.len()
    );
    let lts = select(&doc, "table.releases tbody tr")
        .into_iter()
        .map(text)
        .find(|row| row.starts_with("5.2"))
        .unwrap();
    assert!(lts.contains("Yes") && lts.contains("2028-04-30"), "{lts}");
    assert_eq!(
        select(&doc, "section.lifecycle a[href='/calendar.ics?fw=django']").len(),
        1
    );
}

#[tokio::test]
async fn a_comparison_shows_how_long_each_framework_is_supported() {
    use crate::support::{select, text};
    let doc = get("/compare/django-vs-flask").await.html();
    let rows = select(&doc, "section.support tbody tr");
    assert_eq!(rows.len(), 2);
    assert!(text(rows[0]).contains("Django"));
    assert!(text(rows[1]).contains("Flask"));
    assert_eq!(
        select(
            &doc,
            "section.support a[href='/calendar.ics?fw=django&fw=flask']"
        )
        .len(),
        1
    );
}

#[test]
fn the_last_release_row_is_computed_from_the_release_history_and_weighs_on_maturity() {
    use pychooser::answers::Answers;
    let (row, _) = CATALOG.feature("last_release").unwrap();
    let choice = |slug: &str| {
        let f = CATALOG.framework_index(slug).unwrap();
        let value = &CATALOG.frameworks()[f].values[row];
        let last = &CATALOG.lifecycle(f).unwrap().last_release;
        assert!(value.note.contains(&last.date), "{}", value.note);
        assert_eq!(value.sources, last.sources);
        match &value.answer {
            pychooser::catalog::Answer::Choice { id, .. } => id.clone(),
            other => panic!("{other:?}"),
        }
    };
    // Both are stable with a stated policy and no LTS; Flask last shipped in February 2026,
    // Bottle in June 2025 (as of 2026-11-30).
    assert_eq!(choice("flask"), "within_year");
    assert_eq!(choice("bottle"), "within_two_years");
    let pairs = vec![("maturity".to_owned(), "mature".to_owned())];
    let (answers, _) = Answers::from_results_query(CATALOG.questionnaire(), &pairs);
    let outcome = pychooser::scoring::score(CATALOG.latest_model(), &answers);
    let centi = |slug: &str| {
        let f = CATALOG.framework_index(slug).unwrap();
        outcome
            .ranking
            .iter()
            .find(|r| r.framework == f)
            .unwrap()
            .centi
    };
    // The row is worth one point: all of it within a year, half within two.
    assert_eq!(centi("flask") - centi("bottle"), 50);
}

#[tokio::test]
async fn the_api_and_the_page_give_the_newest_release_of_any_kind() {
    let json = get("/api/frameworks/flask").await.json();
    let last = &json["cadence"]["last_release"];
    assert_eq!(last["version"], "3.1.3");
    assert_eq!(last["date"], "2026-02-19");
    assert_eq!(json["cadence"]["latest_feature_release"], "2024-11-13");
    assert_eq!(
        json["values"]["last_release"]["value"],
        "Within the last year"
    );
    let page = get("/frameworks/flask").await.body;
    assert!(
        page.contains("fixes included, is 3.1.3 of 2026-02-19"),
        "{page}"
    );
}
