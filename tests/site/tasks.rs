//! The tasks: `/tasks`, `/tasks/{task}` (every framework, or two to four side by side),
//! `/api/tasks/{task}`, the links from comparisons, and the content rules for snippets.

use std::io::Read;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use pychooser::catalog::Snippet;

use crate::content::problems_after;
use crate::support::{CATALOG, call, get, select, site, text};

#[tokio::test]
async fn the_tasks_page_lists_every_task_and_a_size_for_every_framework_and_task() {
    let response = get("/tasks").await;
    assert_eq!(response.status, StatusCode::OK);
    let doc = response.html();
    let tasks = CATALOG.tasks();
    assert_eq!(tasks.len(), 9);
    for task in tasks {
        assert_eq!(
            select(&doc, &format!("dl.tasks a[href='/tasks/{}']", task.id)).len(),
            1,
            "{}",
            task.id
        );
    }
    let rows = select(&doc, "table.sizes tbody tr");
    assert_eq!(rows.len(), CATALOG.frameworks().len());
    for (f, framework) in CATALOG.frameworks().iter().enumerate() {
        let cells = crate::support::select_in(rows[f], "td");
        assert_eq!(cells.len(), tasks.len());
        for (t, cell) in cells.iter().enumerate() {
            let expected = match CATALOG.snippet(t, f).unwrap() {
                Snippet::Code(code) => code.lines.to_string(),
                Snippet::Unsupported { .. } => "does not apply".to_owned(),
            };
            assert_eq!(text(*cell), expected, "{} {}", framework.slug, tasks[t].id);
        }
    }
}

#[tokio::test]
async fn a_task_page_shows_every_framework_with_highlighted_verified_code() {
    let response = get("/tasks/hello").await;
    assert_eq!(response.status, StatusCode::OK);
    let doc = response.html();
    let sections = select(&doc, "section.snippet");
    assert_eq!(sections.len(), CATALOG.frameworks().len());
    let flask = &select(&doc, "section#flask")[0];
    let facts = text(crate::support::select_in(*flask, ".snippet-facts")[0]);
    assert!(facts.contains("lines of code"), "{facts}");
    assert!(facts.contains("flask 3.1.3"), "{facts}");
    assert!(facts.contains("Python 3."), "{facts}");
    let code = crate::support::select_in(*flask, ".code pre")[0];
    assert!(text(code).contains("Hello, World!"));
    assert!(!crate::support::select_in(code, "span.hl-keyword").is_empty());
    assert!(text(*flask).contains("flask --app app run --port $PORT"));
    // No script, no inline style.
    assert!(!response.body.contains("<script"));
    assert!(!response.body.contains("style="));
}

#[tokio::test]
async fn a_selection_is_shown_side_by_side_and_stays_small() {
    let url = "/tasks/crud?fw=django&fw=flask";
    let response = get(url).await;
    assert_eq!(response.status, StatusCode::OK);
    let doc = response.html();
    assert_eq!(
        select(&doc, ".snippets.side-by-side section.snippet").len(),
        2
    );
    assert_eq!(
        select(&doc, "a[href='/compare/django-vs-flask']").len(),
        1,
        "leads to the feature comparison"
    );
    let request = Request::get(url)
        .header("accept-encoding", "br")
        .body(Body::empty())
        .unwrap();
    let brotli = call(site(), request).await;
    assert_eq!(brotli.header("content-encoding"), Some("br"));
    assert!(
        brotli.bytes.len() < 40 * 1024,
        "{} bytes with brotli",
        brotli.bytes.len()
    );
    let mut plain = Vec::new();
    brotli::Decompressor::new(brotli.bytes.as_slice(), 4096)
        .read_to_end(&mut plain)
        .unwrap();
    assert_eq!(plain, response.bytes);
}

#[tokio::test]
async fn a_selection_has_one_address_and_bad_ones_are_named() {
    for (url, location) in [
        (
            "/tasks/crud?fw=flask&fw=django",
            "/tasks/crud?fw=django&fw=flask",
        ),
        (
            "/tasks/crud?fw=django&fw=flask&utm=x",
            "/tasks/crud?fw=django&fw=flask",
        ),
        (
            "/tasks/crud?fw=%64jango&fw=flask",
            "/tasks/crud?fw=django&fw=flask",
        ),
        ("/tasks/crud?utm=x", "/tasks/crud"),
    ] {
        let response = get(url).await;
        assert_eq!(response.status, StatusCode::MOVED_PERMANENTLY, "{url}");
        assert_eq!(response.header("location"), Some(location), "{url}");
    }
    for (url, says) in [
        (
            "/tasks/crud?fw=django&fw=nosuch",
            "no framework called &#34;nosuch&#34;",
        ),
        ("/tasks/crud?fw=django", "at least 2"),
        ("/tasks/crud?fw=django&fw=django", "more than once"),
        (
            "/tasks/crud?fw=django&fw=flask&fw=fastapi&fw=bottle&fw=sanic",
            "at most 4",
        ),
        ("/tasks/nosuch", "no task called &#34;nosuch&#34;"),
        ("/tasks/nosuch?fw=django&fw=flask", "no task called"),
    ] {
        let response = get(url).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{url}");
        assert!(response.body.contains(says), "{url}: {}", response.body);
    }
}

#[tokio::test]
async fn the_json_twin_carries_code_requirements_run_lines_and_verification() {
    for task in CATALOG.tasks() {
        let response = get(&format!("/api/tasks/{}", task.id)).await;
        assert_eq!(response.status, StatusCode::OK, "{}", task.id);
        let json = response.json();
        assert_eq!(json["task"], task.id.as_str());
        assert_eq!(json["title"], task.title.as_str());
        let frameworks = json["frameworks"].as_object().unwrap();
        assert_eq!(frameworks.len(), CATALOG.frameworks().len());
        for (slug, entry) in frameworks {
            if let Some(why) = entry.get("unsupported") {
                assert!(why.as_str().is_some_and(|w| !w.is_empty()), "{slug}");
                assert!(!entry["sources"].as_array().unwrap().is_empty(), "{slug}");
                continue;
            }
            for field in ["code", "file", "requirements", "run"] {
                assert!(
                    entry[field].as_str().is_some_and(|v| !v.is_empty()),
                    "{slug} {field}"
                );
            }
            let lines = entry["lines"].as_u64().unwrap();
            let files: u64 = entry["files"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["lines"].as_u64().unwrap())
                .sum();
            assert_eq!(lines, files, "{slug}: lines is the sum over its files");
            assert!(lines > 0, "{slug}");
            assert_eq!(entry["files"][0]["path"], entry["file"], "{slug}");
            let verified = &entry["verified"];
            assert!(
                verified["python"].as_str().unwrap().starts_with("3."),
                "{slug}"
            );
            assert_eq!(verified["date"].as_str().unwrap().len(), 10, "{slug}");
            let versions = verified["versions"].as_object().unwrap();
            for line in entry["requirements"].as_str().unwrap().lines() {
                let (name, version) = line.split_once("==").unwrap();
                let name = name
                    .split('[')
                    .next()
                    .unwrap()
                    .to_lowercase()
                    .replace(['_', '.'], "-");
                assert_eq!(versions[&name], version, "{slug}: {name}");
            }
        }
    }
    let hello = get("/api/tasks/hello").await.json();
    assert_eq!(
        hello["frameworks"]["flask"]["requirements"],
        "flask==3.1.3\n"
    );
    let missing = get("/api/tasks/nosuch").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.json()["error"].as_str().unwrap().contains("nosuch"));
}

#[test]
fn at_most_a_fifth_of_the_snippets_say_the_task_does_not_apply() {
    let mut unsupported = 0;
    let mut all = 0;
    for t in 0..CATALOG.tasks().len() {
        for f in 0..CATALOG.frameworks().len() {
            all += 1;
            if matches!(CATALOG.snippet(t, f), Some(Snippet::Unsupported { .. })) {
                unsupported += 1;
            }
        }
    }
    assert_eq!(all, 9 * CATALOG.frameworks().len());
    assert!(unsupported * 5 <= all, "{unsupported} of {all}");
}

#[tokio::test]
async fn a_comparison_leads_to_every_task_for_its_frameworks() {
    let doc = get("/compare/django-vs-flask").await.html();
    for task in CATALOG.tasks() {
        let href = format!("/tasks/{}?fw=django&fw=flask", task.id);
        assert_eq!(
            select(&doc, &format!("section.task-links a[href='{href}']")).len(),
            1,
            "{href}"
        );
    }
}

/// A change to a content directory.
type Change = Box<dyn FnOnce(&std::path::Path)>;

#[test]
fn a_snippet_must_be_complete_pinned_verified_and_clean() {
    let hello = |dir: &std::path::Path| dir.join("snippets/flask/hello");
    let cases: Vec<(&str, Change)> = vec![
        (
            "verified.toml: missing: run the conformance suite",
            Box::new(move |d| std::fs::remove_file(hello(d).join("verified.toml")).unwrap()),
        ),
        (
            "\"flask>=3\" is not pinned",
            Box::new(move |d| {
                std::fs::write(hello(d).join("requirements.txt"), "flask>=3\n").unwrap();
            }),
        ),
        (
            "does not name the versions requirements.txt pins",
            Box::new(move |d| {
                std::fs::write(hello(d).join("requirements.txt"), "flask==3.1.2\n").unwrap();
            }),
        ),
        (
            "left behind by running the snippet",
            Box::new(move |d| std::fs::write(hello(d).join("todos.db"), "x").unwrap()),
        ),
        (
            "snippets/flask/hello: missing: every framework shows every task",
            Box::new(move |d| std::fs::remove_dir_all(hello(d)).unwrap()),
        ),
        (
            "names \"main.py\", which is not in the snippet's directory",
            Box::new(move |d| {
                let path = hello(d).join("snippet.toml");
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(
                    path,
                    text.replace("file = \"app.py\"", "file = \"main.py\""),
                )
                .unwrap();
            }),
        ),
        (
            "cites source \"nosuch-source\"",
            Box::new(move |d| {
                let path = hello(d).join("snippet.toml");
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(
                    path,
                    text.replace("sources = [", "sources = [\"nosuch-source\", "),
                )
                .unwrap();
            }),
        ),
        (
            "no task in tasks.toml has the id \"deploy\"",
            Box::new(move |d| {
                std::fs::create_dir_all(d.join("snippets/flask/deploy")).unwrap();
                std::fs::write(
                    d.join("snippets/flask/deploy/snippet.toml"),
                    "unsupported = \"No.\"\nsources = [\"flask-quickstart\"]\n",
                )
                .unwrap();
            }),
        ),
        (
            "an unsupported task has no code: remove this file",
            Box::new(move |d| {
                std::fs::write(
                    hello(d).join("snippet.toml"),
                    "unsupported = \"Not really.\"\nsources = [\"flask-quickstart\"]\n",
                )
                .unwrap();
            }),
        ),
    ];
    for (expected, change) in cases {
        let problems = problems_after(change);
        assert!(
            problems.contains(expected),
            "expected {expected:?} in:\n{problems}"
        );
    }
}

#[tokio::test]
async fn a_comparison_says_how_to_move_between_frameworks_where_their_docs_do() {
    let doc = get("/compare/flask-vs-quart").await.html();
    let headings: Vec<String> = select(&doc, "section.migrations h3")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(headings, ["From Flask to Quart"]);
    let article = select(&doc, "article.migration")[0];
    assert!(!crate::support::select_in(article, "sup.refs a").is_empty());
    for list in ["ul", "ol"] {
        assert!(!crate::support::select_in(article, &format!("{list} li")).is_empty());
    }
    // Three frameworks: every migration among them, and none to a framework not compared.
    let doc = get("/compare/fastapi-vs-flask-vs-litestar").await.html();
    let headings: Vec<String> = select(&doc, "section.migrations h3")
        .into_iter()
        .map(text)
        .collect();
    assert!(
        headings.contains(&"From Flask to Litestar".to_owned()),
        "{headings:?}"
    );
    assert!(
        headings.contains(&"From FastAPI to Litestar".to_owned()),
        "{headings:?}"
    );
    assert!(
        headings.iter().all(|h| !h.contains("Quart")),
        "{headings:?}"
    );
    // No guide between these two: no section.
    let doc = get("/compare/bottle-vs-robyn").await.html();
    assert!(select(&doc, "section.migrations").is_empty());
    let json = get("/api/compare/flask-vs-quart").await.json();
    assert_eq!(json["migrations"][0]["from"], "flask");
    assert_eq!(json["migrations"][0]["to"], "quart");
    let cited = crate::support::source_ids(&json);
    for id in json["migrations"][0]["sources"].as_array().unwrap() {
        assert!(
            cited.contains(&id.as_str().unwrap()),
            "{id} is in the source list"
        );
    }
}

#[test]
fn a_migration_names_two_different_frameworks_and_is_sourced() {
    let edit = |find: &'static str, replace: &'static str| -> Change {
        Box::new(move |d: &std::path::Path| {
            let path = d.join("migrations.toml");
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(find));
            std::fs::write(path, text.replacen(find, replace, 1)).unwrap();
        })
    };
    for (expected, change) in [
        (
            "no framework has the slug \"flaskk\"",
            edit("from = \"flask\"", "from = \"flaskk\""),
        ),
        (
            "a migration goes to another framework",
            edit("to = \"quart\"", "to = \"flask\""),
        ),
        (
            "cites no source",
            edit(
                "sources = [\"quart-docs-flask-migration\", \"quart-docs-flask-extensions\", \"quart-docs-sync-code\", \"flask-async\"]",
                "sources = []",
            ),
        ),
    ] {
        let problems = problems_after(change);
        assert!(
            problems.contains(expected),
            "expected {expected:?} in:\n{problems}"
        );
    }
}
