//! Scoring models: shared results links keep the ranking they were made with, a link without
//! `m` is read with model 1, and a second model is announced on old links' pages.

use std::path::Path;
use std::process::Command;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use pychooser::catalog::{self, Catalog};
use pychooser::{AppState, app};
use serde_json::Value;

use crate::content::{content_copy, content_with_five_frameworks};
use crate::support::{CATALOG, Response, call, get, h1, post_form, select, text};

/// Links made with model 1 and the ranking it gave them, written once (see the file's `about`).
const MODEL_1_LINKS: &str = include_str!("fixtures/model-1-links.json");

#[test]
fn the_shipped_content_scores_as_its_newest_published_model() {
    let latest = CATALOG.latest_model();
    assert!(
        latest.published.is_some(),
        "The content's scoring (questions, options, effects, points, support levels read by \
         feature effects, frameworks, close-call and hybrid settings) differs from every \
         published model, so shared results links would change meaning. If the change is \
         meant, publish it as model {id}: run\n\n    cargo run --release -- --freeze-model \
         \"what the new model changes, in a line\"\n\nand commit content/models/{id}.toml \
         (see the README, \"Scoring models\"). Never edit an existing snapshot.",
        id = latest.id
    );
    assert_eq!(CATALOG.models()[0].id, 1, "model 1 is published");
}

#[tokio::test]
async fn links_without_m_keep_the_ranking_model_1_gave_them() {
    let fixture: Value = serde_json::from_str(MODEL_1_LINKS).unwrap();
    let links = fixture["links"].as_array().unwrap();
    assert!(links.len() >= 50, "at least 50 links");
    let questions: std::collections::BTreeSet<&str> = links
        .iter()
        .flat_map(|l| l["query"].as_str().unwrap().split('&'))
        .map(|pair| pair.split('=').next().unwrap())
        .collect();
    assert_eq!(questions.len(), 16, "the answers cover all 16 questions");
    for link in links {
        let query = link["query"].as_str().unwrap();
        let json = get(&format!("/api/results?{query}")).await.json();
        let ranking: Vec<Value> = json["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| serde_json::json!({"slug": r["slug"], "percent": r["percent"], "score": r["score"]}))
            .collect();
        assert_eq!(
            Value::Array(ranking),
            link["ranking"],
            "{query}: the ranking model 1 gave on 2026-11-30"
        );
        assert_eq!(json["close_call"], link["close_call"], "{query}");
        assert_eq!(json["model"], 1, "{query}");
        assert!(json["ignored"].as_array().unwrap().is_empty(), "{query}");
        // The same link with m=1 is the same result.
        let with_m = get(&format!("/api/results?{query}&m=1")).await.json();
        assert_eq!(with_m, json, "{query} and {query}&m=1");
    }
}

#[tokio::test]
async fn a_results_page_without_m_is_the_page_with_m_1() {
    for query in ["size=large&admin=yes", "kind=api&async=yes", ""] {
        let without = get(&format!("/results?{query}")).await;
        let with = get(&format!("/results?{query}&m=1")).await;
        assert_eq!(without.status, StatusCode::OK);
        assert_eq!(without.body, with.body, "{query}");
    }
}

#[tokio::test]
async fn new_results_carry_the_latest_model() {
    let latest = CATALOG.latest_model().id;
    let response = post_form("/quiz", "size=large&admin=yes").await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let location = response.header("location").unwrap();
    assert!(location.ends_with(&format!("m={latest}")), "{location}");
    let json = get(&location.replace("/results", "/api/results"))
        .await
        .json();
    assert_eq!(json["model"], latest);
    assert_eq!(json["latest_model"], latest);
    assert!(json.get("latest_url").is_none(), "only for older models");
    assert_eq!(json["url"], location);
    let doc = get(location).await.html();
    let line = text(select(&doc, "section[aria-labelledby=model-heading] p")[0]);
    assert!(
        line.contains(&format!("model {latest}, published on")),
        "{line}"
    );
}

#[tokio::test]
async fn an_unknown_model_is_named_and_the_latest_ranks_the_answers() {
    for m in ["no-such-model", "999", "0", "-1"] {
        let response = get(&format!("/results?size=large&admin=yes&m={m}")).await;
        assert_eq!(response.status, StatusCode::OK, "m={m}");
        let doc = response.html();
        let notice = text(select(&doc, ".notice")[0]);
        assert!(notice.contains(&format!("m={m}")), "{notice}");
        assert!(notice.contains("not one of our scoring models"), "{notice}");
        assert_eq!(h1(&doc), "Django fits your answers best");
        let json = get(&format!("/api/results?size=large&admin=yes&m={m}"))
            .await
            .json();
        assert_eq!(json["model"], CATALOG.latest_model().id);
        assert_eq!(json["ignored"][0]["question"], "m");
        assert_eq!(json["ignored"][0]["option"], m);
    }
    let weights = get("/quiz/weights?m=no-such-model").await;
    assert_eq!(weights.status, StatusCode::OK);
    assert!(weights.body.contains("<code>m=no-such-model</code>"));
}

#[tokio::test]
async fn the_models_page_lists_every_model_and_the_weights_page_names_its_model() {
    let doc = get("/quiz/models").await.html();
    let rows = select(&doc, "table.models tbody tr");
    assert_eq!(rows.len(), CATALOG.models().len());
    // Newest first; model 1 was published on 2026-11-30.
    let oldest = text(rows[rows.len() - 1]);
    assert!(oldest.contains("2026-11-30"), "{oldest}");
    let weights = get("/quiz/weights").await.html();
    assert_eq!(select(&weights, "a[href='/quiz/models']").len(), 1);
    let old = get("/quiz/weights?m=1").await;
    assert_eq!(old.status, StatusCode::OK);
    assert!(
        text(select(&old.html(), ".model-line")[0])
            .starts_with("Scoring model 1, published on 2026-11-30")
    );
}

/// The site over a content directory.
async fn get_from(state: &AppState, uri: &str) -> Response {
    let request = Request::builder()
        .method(Method::GET)
        .uri(uri)
        .body(Body::empty())
        .unwrap();
    call(app(state), request).await
}

/// The shipped content with two frameworks added (copies of Flask) and one weight changed:
/// live content that scores differently from model 1.
fn changed_content() -> tempfile::TempDir {
    let dir = content_with_five_frameworks();
    let path = dir.path().join("questionnaire.toml");
    let questionnaire = std::fs::read_to_string(&path).unwrap();
    let changed = questionnaire.replacen("points = 3", "points = 4", 1);
    assert_ne!(changed, questionnaire);
    std::fs::write(&path, changed).unwrap();
    dir
}

/// The newest model the shipped content publishes, and the id a change to it would take.
fn shipped_and_next() -> (u32, u32) {
    let shipped = CATALOG.latest_model().id;
    (shipped, shipped + 1)
}

fn load(dir: &Path) -> Catalog {
    catalog::load_dir(dir).expect("the changed content is valid")
}

#[tokio::test]
async fn changed_content_is_an_unpublished_next_model_and_old_links_point_to_it() {
    // The shipped content publishes models 1 to `shipped`; the changed content is the next.
    let (shipped, next) = shipped_and_next();
    let dir = changed_content();
    let catalog = load(dir.path());
    let ids: Vec<u32> = catalog.models().iter().map(|m| m.id).collect();
    assert_eq!(ids, (1..=next).collect::<Vec<_>>());
    assert!(catalog.latest_model().published.is_none());
    let changes = catalog
        .latest_model()
        .changes_since(&catalog.models()[shipped as usize - 1]);
    assert_eq!(changes, ["2 frameworks added", "1 weight changed"]);
    let state = AppState::new(catalog);

    // A link made with the shipped model keeps its ranking (its frameworks) and points to the
    // next model's.
    let old_link = format!("/results?size=large&admin=yes&m={shipped}");
    let old = get_from(&state, &old_link).await;
    let shipped_page = get(&old_link).await;
    let ranking = |r: &Response| {
        select(&r.html(), "ol.ranking li")
            .iter()
            .map(|li| text(*li))
            .collect::<Vec<_>>()
    };
    assert_eq!(ranking(&old), ranking(&shipped_page));
    let doc = old.html();
    let sentence = text(select(&doc, ".model-latest")[0]);
    assert!(
        sentence.contains("ranks these answers differently"),
        "{sentence}"
    );
    assert!(
        sentence.contains("2 frameworks added, 1 weight changed"),
        "{sentence}"
    );
    let latest_url = format!("/results?size=large&admin=yes&m={next}");
    assert_eq!(
        select(&doc, &format!(".model-latest a[href='{latest_url}']")).len(),
        1
    );
    let json = get_from(
        &state,
        &format!("/api/results?size=large&admin=yes&m={shipped}"),
    )
    .await
    .json();
    assert_eq!(json["model"], shipped);
    assert_eq!(json["latest_model"], next);
    assert_eq!(json["latest_url"], latest_url.as_str());
    assert_eq!(json["latest_ranks_differently"], true);
    assert_eq!(
        json["ranking"].as_array().unwrap().len(),
        CATALOG.frameworks().len()
    );
    // A link without m is model 1's: three frameworks.
    let json = get_from(&state, "/api/results?size=large&admin=yes")
        .await
        .json();
    assert_eq!(json["model"], 1);
    assert_eq!(json["ranking"].as_array().unwrap().len(), 3);
    assert_eq!(json["latest_url"], latest_url.as_str());

    // Under the next model: two more frameworks, no pointer elsewhere.
    let json = get_from(
        &state,
        &format!("/api/results?size=large&admin=yes&m={next}"),
    )
    .await
    .json();
    assert_eq!(
        json["ranking"].as_array().unwrap().len(),
        CATALOG.frameworks().len() + 2
    );
    assert!(json.get("latest_url").is_none());
    let request = Request::builder()
        .method(Method::POST)
        .uri("/quiz")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from("size=large"))
        .unwrap();
    let response = call(app(&state), request).await;
    assert_eq!(
        response.header("location"),
        Some(format!("/results?size=large&m={next}").as_str())
    );

    // Editing an old link's answers starts today's questionnaire with them.
    let quiz = get_from(&state, "/quiz?size=large&admin=yes&m=1&colour=blue")
        .await
        .html();
    assert_eq!(select(&quiz, "#q-size-large[checked]").len(), 1);
    assert!(text(select(&quiz, ".notice")[0]).contains("colour=blue"));
}

#[tokio::test]
async fn the_next_model_has_its_own_weights_and_is_listed_as_not_yet_published() {
    let (shipped, next) = shipped_and_next();
    let dir = changed_content();
    let state = AppState::new(load(dir.path()));
    // Each model's weights, and every model listed.
    let weights_old = get_from(&state, &format!("/quiz/weights?m={shipped}"))
        .await
        .body;
    let weights_next = get_from(&state, &format!("/quiz/weights?m={next}"))
        .await
        .body;
    assert_ne!(weights_old, weights_next);
    assert!(weights_old.contains(&format!("Scoring model {shipped}, published on")));
    let models = get_from(&state, "/quiz/models").await.html();
    let rows = select(&models, "table.models tbody tr");
    assert_eq!(rows.len(), next as usize);
    assert!(
        text(rows[0]).contains("Not yet published"),
        "{}",
        text(rows[0])
    );
    assert!(
        text(rows[0]).contains("2 frameworks added"),
        "{}",
        text(rows[0])
    );
}

#[tokio::test]
async fn an_old_link_whose_ranking_is_unchanged_says_so() {
    // The next model changes a weight of "size = small" only.
    let (shipped, next) = shipped_and_next();
    let dir = content_copy();
    let path = dir.path().join("questionnaire.toml");
    let questionnaire = std::fs::read_to_string(&path).unwrap();
    let changed = questionnaire.replacen("points = 3", "points = 4", 1);
    assert!(changed.find("points = 4") < changed.find("id = \"medium\""));
    std::fs::write(&path, changed).unwrap();
    let state = AppState::new(load(dir.path()));
    // Answers that do not include it rank the same under both models, and the page says so.
    let json = get_from(&state, &format!("/api/results?admin=yes&m={shipped}"))
        .await
        .json();
    assert_eq!(json["latest_model"], next);
    assert_eq!(json["latest_ranks_differently"], false);
    let doc = get_from(&state, &format!("/results?admin=yes&m={shipped}"))
        .await
        .html();
    let sentence = text(select(&doc, ".model-latest")[0]);
    assert!(
        sentence.contains("ranks these answers the same way"),
        "{sentence}"
    );
    // Answers that include it do not.
    let json = get_from(&state, "/api/results?size=small&admin=yes")
        .await
        .json();
    assert_eq!(json["latest_ranks_differently"], true);
}

#[test]
fn freezing_publishes_the_live_scoring_as_the_next_model() {
    let (_, next) = shipped_and_next();
    let dir = changed_content();
    let catalog = load(dir.path());
    let path = catalog::freeze(&catalog, dir.path(), "Two frameworks added.", "2026-12-01")
        .expect("freezes");
    assert_eq!(path, dir.path().join(format!("models/{next}.toml")));
    let reloaded = load(dir.path());
    let latest = reloaded.latest_model();
    assert_eq!(latest.id, next);
    assert_eq!(latest.published.as_deref(), Some("2026-12-01"));
    assert_eq!(latest.summary, "Two frameworks added.");
    assert_eq!(
        latest.scoring_text(),
        catalog.latest_model().scoring_text(),
        "the snapshot scores as the content it froze"
    );
    let again = catalog::freeze(&reloaded, dir.path(), "Again.", "2026-12-02").unwrap_err();
    assert!(again.contains("nothing to freeze"), "{again}");
    // The published models still rank as they did.
    assert_eq!(
        reloaded.models()[0].scoring_text(),
        CATALOG.models()[0].scoring_text()
    );
}

#[test]
fn the_command_line_freezes_a_content_directory_and_check_reports_unpublished_scoring() {
    let (_, next) = shipped_and_next();
    let dir = changed_content();
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_pychooser"))
            .args(args)
            .arg("--content")
            .arg(dir.path())
            .env_remove("CONTENT_DIR")
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        )
    };
    let (ok, out) = run(&["--check"]);
    assert!(ok, "{out}");
    assert!(out.contains(&format!("unpublished model {next}")), "{out}");
    assert!(out.contains("--freeze-model"), "{out}");
    let (ok, out) = run(&["--freeze-model", "Two copies of Flask."]);
    assert!(ok, "{out}");
    assert!(dir.path().join(format!("models/{next}.toml")).exists());
    let (ok, out) = run(&["--check"]);
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!("{next} scoring models (latest {next})")),
        "{out}"
    );
    assert!(!out.contains("unpublished"), "{out}");
}

#[test]
fn a_broken_snapshot_is_reported_by_file_entry_and_field() {
    let dir = content_copy();
    let models = dir.path().join("models");
    let one = std::fs::read_to_string(models.join("1.toml")).unwrap();
    let five = one.replacen("id = 1", "id = 5", 1).replacen(
        "framework = \"django\"\npoints",
        "framework = \"nosuch\"\npoints",
        1,
    );
    assert_ne!(five, one.replacen("id = 1", "id = 5", 1));
    std::fs::write(models.join("5.toml"), five).unwrap();
    std::fs::write(models.join("6.toml"), one.replacen("id = 1", "id = 7", 1)).unwrap();
    let errors = catalog::load_dir(dir.path()).unwrap_err().0;
    let about = |file: &str| {
        errors
            .iter()
            .filter(|e| e.file.ends_with(file))
            .map(|e| format!("{} | {} | {}", e.entry, e.field, e.reason))
            .collect::<Vec<_>>()
    };
    let five = about("models/5.toml");
    assert!(
        five.iter().any(|e| e.contains("effect.framework")
            && e.contains("\"nosuch\" is not one of the model's frameworks")),
        "{five:?}"
    );
    assert!(
        five.iter().all(|e| e.starts_with("question \"")),
        "{five:?}"
    );
    let six = about("models/6.toml");
    assert_eq!(six, ["model | id | model 7 must be in models/7.toml"]);
}

#[tokio::test]
async fn an_old_model_ranks_a_framework_the_site_no_longer_has_without_linking_to_it() {
    // FastAPI's page moves to another slug: model 1 still ranks "fastapi", which has no page.
    let dir = content_copy();
    let file = dir.path().join("frameworks/fastapi.toml");
    let framework = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        framework.replacen("slug = \"fastapi\"", "slug = \"fastapinew\"", 1),
    )
    .unwrap();
    let path = dir.path().join("questionnaire.toml");
    let questionnaire = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        questionnaire.replace("framework = \"fastapi\"", "framework = \"fastapinew\""),
    )
    .unwrap();
    let path = dir.path().join("comparisons.toml");
    let comparisons = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, comparisons.replace("\"fastapi\"", "\"fastapinew\"")).unwrap();
    let path = dir.path().join("migrations.toml");
    let migrations = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, migrations.replace("\"fastapi\"", "\"fastapinew\"")).unwrap();
    let path = dir.path().join("usage.toml");
    let usage = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, usage.replace("fastapi = ", "fastapinew = ")).unwrap();
    std::fs::rename(
        dir.path().join("lifecycle/fastapi.toml"),
        dir.path().join("lifecycle/fastapinew.toml"),
    )
    .unwrap();
    std::fs::rename(
        dir.path().join("snippets/fastapi"),
        dir.path().join("snippets/fastapinew"),
    )
    .unwrap();
    let state = AppState::new(load(dir.path()));
    let response = get_from(&state, "/results?kind=api&async=yes&api_docs=yes").await;
    assert_eq!(response.status, StatusCode::OK);
    let doc = response.html();
    assert_eq!(h1(&doc), "FastAPI fits your answers best");
    let names = select(&doc, "ol.ranking .rank-name");
    assert_eq!(text(names[0]), "FastAPI");
    assert!(select(&doc, "ol.ranking a[href='/frameworks/fastapi']").is_empty());
    assert!(
        select(&doc, "a[href^='/compare/']").is_empty(),
        "no comparison of a framework the site no longer has"
    );
    let latest = text(select(&doc, ".model-latest")[0]);
    assert!(latest.contains("1 framework removed"), "{latest}");
}
