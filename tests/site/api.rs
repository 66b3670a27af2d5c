//! The JSON twins agree with the catalog.

use axum::http::StatusCode;

use crate::support::{CATALOG, get};

#[tokio::test]
async fn api_frameworks_lists_every_framework_with_key_facts() {
    let response = get("/api/frameworks").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        response.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let body = response.json();
    let list = body.as_array().unwrap();
    assert_eq!(list.len(), CATALOG.frameworks().len());
    for (json, framework) in list.iter().zip(CATALOG.frameworks()) {
        assert_eq!(json["slug"], framework.slug.as_str());
        assert_eq!(json["name"], framework.name.as_str());
        assert_eq!(json["tagline"], framework.tagline.as_str());
        assert_eq!(json["facts"]["licence"], framework.facts.licence.as_str());
        assert_eq!(
            json["facts"]["latest_version"],
            framework.facts.latest_version.as_str()
        );
        assert_eq!(
            json["facts"]["latest_version_as_of"],
            framework.facts.latest_version_as_of.as_str()
        );
    }
}

#[tokio::test]
async fn api_framework_has_every_feature_value_with_note_and_sources() {
    for framework in CATALOG.frameworks() {
        let body = get(&format!("/api/frameworks/{}", framework.slug))
            .await
            .json();
        assert_eq!(body["slug"], framework.slug.as_str());
        let values = body["values"].as_object().unwrap();
        assert_eq!(values.len(), CATALOG.features().len());
        for (feature, value) in CATALOG.features().iter().zip(&framework.values) {
            let json = &values[&feature.id];
            assert_eq!(json["value"], value.answer.label());
            assert_eq!(json["note"], value.note.as_str());
            assert_eq!(
                json["sources"].as_array().unwrap().len(),
                value.sources.len()
            );
            assert_eq!(
                json["disagreements"].as_array().unwrap().len(),
                value.disagreements.len()
            );
            match value.answer.support() {
                Some(level) => assert_eq!(json["support"], level.id()),
                None => assert!(json.get("support").is_none()),
            }
        }
        let listed: Vec<&str> = body["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        for value in &framework.values {
            for id in &value.sources {
                assert!(listed.contains(&id.as_str()), "{id} is listed");
            }
        }
    }
}

#[tokio::test]
async fn api_compare_has_categories_features_a_value_per_framework_and_differs() {
    let body = get("/api/compare/django-vs-flask").await.json();
    let categories = body["categories"].as_array().unwrap();
    assert_eq!(categories.len(), CATALOG.categories().len());
    let mut rows = 0;
    for category in categories {
        for row in category["features"].as_array().unwrap() {
            rows += 1;
            let (index, _) = CATALOG.feature(row["id"].as_str().unwrap()).unwrap();
            let django = &CATALOG.framework("django").unwrap().values[index];
            let flask = &CATALOG.framework("flask").unwrap().values[index];
            assert_eq!(row["values"]["django"]["value"], django.answer.label());
            assert_eq!(row["values"]["flask"]["value"], flask.answer.label());
            assert_eq!(row["differs"], !django.answer.same_as(&flask.answer));
        }
    }
    assert_eq!(rows, CATALOG.features().len());
    assert_eq!(body["total_rows"], rows);

    let diff = get("/api/compare/django-vs-flask?diff=1").await.json();
    let kept: usize = diff["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["features"].as_array().unwrap().len())
        .sum();
    assert_eq!(diff["differing_rows"], kept);
    assert!(
        diff["categories"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["features"].as_array().unwrap())
            .all(|r| r["differs"] == true)
    );
}

#[tokio::test]
async fn api_errors_are_json_with_the_right_status() {
    for url in [
        "/api/frameworks/rails",
        "/api/compare/django",
        "/api/compare/django-vs-django",
        "/api/nothing-here",
    ] {
        let response = get(url).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{url}");
        assert_eq!(
            response.header("content-type"),
            Some("application/json; charset=utf-8"),
            "{url}"
        );
        assert!(
            response.json()["error"]
                .as_str()
                .is_some_and(|e| !e.is_empty()),
            "{url}"
        );
    }
}
