//! Lifecycle data: every framework's releases and support policy, in the catalog and in
//! `/api/frameworks/{slug}`, and the loader's rules for them.

use axum::http::StatusCode;

use crate::content::content_copy;
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
        assert_eq!(cadence["last_release"], releases[0]["date"]);
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

fn problems_after(change: impl FnOnce(&std::path::Path)) -> String {
    let dir = content_copy();
    change(dir.path());
    match pychooser::catalog::load_dir(dir.path()) {
        Ok(_) => String::new(),
        Err(errors) => errors.to_string(),
    }
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
    ] {
        assert!(
            problems.contains(expected),
            "expected {expected:?} in:\n{problems}"
        );
    }
}
