//! Content validation: the shipped content passes, and every class of mistake is reported
//! with the file, entry and field it is in.

use std::path::Path;
use std::process::Command;

use pychooser::catalog::{self, ContentError, ContentFiles};
use tempfile::TempDir;

/// A writable copy of the shipped content.
pub fn content_copy() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in ContentFiles::embedded().files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

/// Loads a copy of the shipped content changed by `change`, and returns its problems (empty
/// when it is valid).
pub fn problems_after(change: impl FnOnce(&Path)) -> String {
    let dir = content_copy();
    change(dir.path());
    match catalog::load_dir(dir.path()) {
        Ok(_) => String::new(),
        Err(errors) => errors.to_string(),
    }
}

/// A copy of the shipped content with two more frameworks (copies of Flask under other
/// names), for what only shows with five: comparisons of more than four, four-way ones.
pub fn content_with_five_frameworks() -> TempDir {
    let dir = content_copy();
    for (slug, name) in [("flaska", "Flask A"), ("flaskb", "Flask B")] {
        copy_framework(dir.path(), "flask", "Flask", slug, name);
    }
    dir
}

/// Adds a copy of framework `from` (named `from_name`) under another slug and name: its file,
/// its lifecycle and its snippets (every framework has all three).
pub fn copy_framework(dir: &Path, from: &str, from_name: &str, slug: &str, name: &str) {
    let text = std::fs::read_to_string(dir.join(format!("frameworks/{from}.toml"))).unwrap();
    let copy = text
        .replacen(
            &format!("slug = \"{from}\""),
            &format!("slug = \"{slug}\""),
            1,
        )
        .replacen(
            &format!("name = \"{from_name}\""),
            &format!("name = \"{name}\""),
            1,
        );
    assert_ne!(copy, text);
    std::fs::write(dir.join(format!("frameworks/{slug}.toml")), copy).unwrap();
    std::fs::copy(
        dir.join(format!("lifecycle/{from}.toml")),
        dir.join(format!("lifecycle/{slug}.toml")),
    )
    .unwrap();
    let prefix = format!("snippets/{from}/");
    for (rel, bytes) in ContentFiles::embedded().files {
        if let Some(rest) = rel.strip_prefix(&prefix) {
            let path = dir.join(format!("snippets/{slug}/{rest}"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }
}

fn edit_toml(dir: &Path, rel: &str, change: impl FnOnce(&mut toml::Table)) {
    let path = dir.join(rel);
    let mut table: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
    change(&mut table);
    std::fs::write(path, toml::to_string(&table).unwrap()).unwrap();
}

fn table<'a>(t: &'a mut toml::Table, path: &[&str]) -> &'a mut toml::Table {
    path.iter()
        .fold(t, |t, key| t.get_mut(*key).unwrap().as_table_mut().unwrap())
}

/// The first option of question number `question` in the questionnaire.
fn first_option(t: &mut toml::Table, question: usize) -> &mut toml::Table {
    t.get_mut("question").unwrap().as_array_mut().unwrap()[question]
        .get_mut("option")
        .unwrap()
        .as_array_mut()
        .unwrap()[0]
        .as_table_mut()
        .unwrap()
}

/// The questionnaire's first choice effect (size = small).
fn first_choice_effect(t: &mut toml::Table) -> &mut toml::Table {
    first_option(t, 0)
        .get_mut("choice_effect")
        .unwrap()
        .as_array_mut()
        .unwrap()[0]
        .as_table_mut()
        .unwrap()
}

/// The questionnaire's first advice effect (one that names a framework).
fn first_effect(t: &mut toml::Table) -> &mut toml::Table {
    t.get_mut("question")
        .unwrap()
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|q| {
            q.get_mut("option")
                .unwrap()
                .as_array_mut()
                .unwrap()
                .iter_mut()
        })
        .find_map(|o| o.get_mut("effect"))
        .unwrap()
        .as_array_mut()
        .unwrap()[0]
        .as_table_mut()
        .unwrap()
}

fn errors_for(dir: &Path) -> Vec<ContentError> {
    match catalog::load_dir(dir) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.0,
    }
}

type Breakage = (
    &'static str,
    &'static str,
    fn(&Path),
    &'static str,
    &'static str,
);

/// (what breaks, file, how, entry named, field named)
const BREAKAGES: [Breakage; 31] = [
    (
        "unknown top-level key",
        "frameworks/flask.toml",
        |d| {
            edit_toml(d, "frameworks/flask.toml", |t| {
                t.insert("colour".into(), "blue".into());
            });
        },
        "framework \"flask\"",
        "colour",
    ),
    (
        "unknown key in a value",
        "frameworks/flask.toml",
        |d| {
            edit_toml(d, "frameworks/flask.toml", |t| {
                table(t, &["values", "orm"]).insert("rating".into(), 5.into());
            });
        },
        "values.orm",
        "rating",
    ),
    (
        "missing note",
        "frameworks/django.toml",
        |d| {
            edit_toml(d, "frameworks/django.toml", |t| {
                table(t, &["values", "admin"]).remove("note");
            });
        },
        "values.admin",
        "note",
    ),
    (
        "framework lacks a value for a feature",
        "frameworks/fastapi.toml",
        |d| {
            edit_toml(d, "frameworks/fastapi.toml", |t| {
                table(t, &["values"]).remove("orm");
            });
        },
        "values.orm",
        "",
    ),
    (
        "value for a feature that does not exist",
        "frameworks/fastapi.toml",
        |d| {
            edit_toml(d, "frameworks/fastapi.toml", |t| {
                let admin = table(t, &["values", "admin"]).clone();
                table(t, &["values"]).insert("jetpack".into(), admin.into());
            });
        },
        "values.jetpack",
        "",
    ),
    (
        "source cited but not listed",
        "frameworks/django.toml",
        |d| {
            edit_toml(d, "frameworks/django.toml", |t| {
                table(t, &["values", "orm"]).insert("sources".into(), vec!["wikipedia"].into());
            });
        },
        "values.orm",
        "sources",
    ),
    (
        "feature in an unknown category",
        "features.toml",
        |d| {
            edit_toml(d, "features.toml", |t| {
                let first = t.get_mut("feature").unwrap().as_array_mut().unwrap()[0]
                    .as_table_mut()
                    .unwrap();
                first.insert("category".into(), "vibes".into());
            });
        },
        "feature \"design_philosophy\"",
        "category",
    ),
    (
        "duplicate feature id",
        "features.toml",
        |d| {
            edit_toml(d, "features.toml", |t| {
                let features = t.get_mut("feature").unwrap().as_array_mut().unwrap();
                let copy = features[0].clone();
                features.push(copy);
            });
        },
        "feature \"design_philosophy\"",
        "id",
    ),
    (
        "duplicate slug",
        "frameworks/flask2.toml",
        |d| {
            std::fs::copy(
                d.join("frameworks/flask.toml"),
                d.join("frameworks/flask2.toml"),
            )
            .unwrap();
        },
        "framework \"flask\"",
        "slug",
    ),
    (
        "duplicate source id",
        "sources/extra.toml",
        |d| {
            std::fs::write(
            d.join("sources/extra.toml"),
            "[[source]]\nid = \"noble-2026\"\ntitle = \"T\"\npublisher = \"P\"\nkind = \"article\"\n",
        ).unwrap();
        },
        "source \"noble-2026\"",
        "id",
    ),
    (
        "unknown support level",
        "frameworks/flask.toml",
        |d| {
            edit_toml(d, "frameworks/flask.toml", |t| {
                table(t, &["values", "admin"]).insert("support".into(), "sort_of".into());
            });
        },
        "values.admin",
        "support",
    ),
    (
        "wrong type",
        "frameworks/flask.toml",
        |d| {
            edit_toml(d, "frameworks/flask.toml", |t| {
                table(t, &["facts"]).insert("first_release".into(), "twenty ten".into());
            });
        },
        "facts",
        "first_release",
    ),
    (
        "text value on a support row",
        "frameworks/django.toml",
        |d| {
            edit_toml(d, "frameworks/django.toml", |t| {
                let admin = table(t, &["values", "admin"]);
                admin.remove("support");
                admin.insert("value".into(), "Yes".into());
            });
        },
        "values.admin",
        "value",
    ),
    (
        "text answer too long",
        "frameworks/django.toml",
        |d| {
            edit_toml(d, "frameworks/django.toml", |t| {
                table(t, &["values", "learning_curve"])
                    .insert("value".into(), "x".repeat(61).into());
            });
        },
        "values.learning_curve",
        "value",
    ),
    (
        "as-of date that is not a date",
        "frameworks/django.toml",
        |d| {
            edit_toml(d, "frameworks/django.toml", |t| {
                table(t, &["facts"]).insert("latest_version_as_of".into(), "last week".into());
            });
        },
        "facts",
        "latest_version_as_of",
    ),
    (
        "placeholder text",
        "frameworks/flask.toml",
        |d| {
            edit_toml(d, "frameworks/flask.toml", |t| {
                t.insert("overview".into(), "TODO write this".into());
            });
        },
        "framework \"flask\"",
        "overview",
    ),
    (
        "invalid TOML",
        "sources/articles.toml",
        |d| {
            std::fs::write(d.join("sources/articles.toml"), "[[source]\nid = ").unwrap();
        },
        "line 1",
        "",
    ),
    (
        "questionnaire effect for a framework that does not exist",
        "questionnaire.toml",
        |d| {
            edit_toml(d, "questionnaire.toml", |t| {
                first_effect(t).insert("framework".into(), "rails".into());
            });
        },
        "question \"existing\" option \"django\" effect #1",
        "framework",
    ),
    (
        "feature effect on a row without support levels",
        "questionnaire.toml",
        |d| {
            edit_toml(d, "questionnaire.toml", |t| {
                let mut effect = toml::Table::new();
                effect.insert("feature".into(), "learning_curve".into());
                effect.insert("points".into(), 2.into());
                effect.insert("reason".into(), "Why.".into());
                first_option(t, 0).insert(
                    "feature_effect".into(),
                    vec![toml::Value::Table(effect)].into(),
                );
            });
        },
        "question \"size\" option \"small\" feature_effect #1",
        "feature",
    ),
    (
        "choice effect on a row that is not a choice row",
        "questionnaire.toml",
        |d| {
            edit_toml(d, "questionnaire.toml", |t| {
                first_choice_effect(t).insert("feature".into(), "admin".into());
            });
        },
        "question \"size\" option \"small\" choice_effect #1",
        "feature",
    ),
    (
        "choice effect sharing points with a choice the row does not have",
        "questionnaire.toml",
        |d| {
            edit_toml(d, "questionnaire.toml", |t| {
                let mut shares = toml::Table::new();
                shares.insert("tiny".into(), 100.into());
                first_choice_effect(t).insert("shares".into(), shares.into());
            });
        },
        "question \"size\" option \"small\" choice_effect #1",
        "shares",
    ),
    (
        "a choice value that is not one of the row's choices",
        "frameworks/flask.toml",
        |d| {
            edit_toml(d, "frameworks/flask.toml", |t| {
                table(t, &["values", "scope"]).insert("choice".into(), "mega".into());
            });
        },
        "values.scope",
        "choice",
    ),
    (
        "a suggested comparison naming a framework that does not exist",
        "comparisons.toml",
        |d| {
            let path = d.join("comparisons.toml");
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(
                path,
                text.replacen("\"django\", \"flask\"", "\"django\", \"rails\"", 1),
            )
            .unwrap();
        },
        "comparison #1",
        "frameworks",
    ),
    (
        "points out of range",
        "questionnaire.toml",
        |d| {
            edit_toml(d, "questionnaire.toml", |t| {
                first_effect(t).insert("points".into(), 9.into());
            });
        },
        "question \"existing\" option \"django\" effect #1",
        "points",
    ),
    (
        "unknown key in a question",
        "questionnaire.toml",
        |d| {
            edit_toml(d, "questionnaire.toml", |t| {
                t.get_mut("question").unwrap().as_array_mut().unwrap()[1]
                    .as_table_mut()
                    .unwrap()
                    .insert("colour".into(), "blue".into());
            });
        },
        "question \"kind\"",
        "colour",
    ),
    (
        "no share for the partly built-in level",
        "questionnaire.toml",
        |d| {
            edit_toml(d, "questionnaire.toml", |t| {
                table(t, &["scoring", "levels"]).remove("partial");
            });
        },
        "scoring.levels",
        "partial",
    ),
    (
        "partly built in earning more than built in",
        "questionnaire.toml",
        |d| {
            edit_toml(d, "questionnaire.toml", |t| {
                table(t, &["scoring", "levels"]).insert("partial".into(), 101.into());
            });
        },
        "scoring.levels",
        "partial",
    ),
    (
        "a published model with a partly built-in value but no share for it",
        "models/3.toml",
        |d| {
            edit_toml(d, "models/3.toml", |t| {
                table(t, &["scoring", "levels"]).remove("partial");
            });
        },
        "scoring.levels",
        "partial",
    ),
    (
        "a not-compared tool citing an unlisted source",
        "not_compared.toml",
        |d| {
            edit_toml(d, "not_compared.toml", |t| {
                t.get_mut("tool").unwrap().as_array_mut().unwrap()[0]
                    .as_table_mut()
                    .unwrap()
                    .insert("sources".into(), toml::Value::Array(vec!["nowhere".into()]));
            });
        },
        "tool #1",
        "sources",
    ),
    (
        "a not-compared category split in two",
        "not_compared.toml",
        |d| {
            edit_toml(d, "not_compared.toml", |t| {
                let tools = t.get_mut("tool").unwrap().as_array_mut().unwrap();
                let first = tools[0].clone();
                tools.push(first);
            });
        },
        "tool #10",
        "category",
    ),
    (
        "stray TOML file",
        "frameworks/notes/old.toml",
        |d| {
            std::fs::create_dir_all(d.join("frameworks/notes")).unwrap();
            std::fs::write(d.join("frameworks/notes/old.toml"), "x = 1\n").unwrap();
        },
        "",
        "",
    ),
];

#[test]
fn shipped_content_is_valid() {
    let catalog = catalog::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    assert!(catalog.frameworks().len() >= 3);
    assert!(catalog.features().len() >= 30);
}

#[test]
fn each_class_of_content_error_names_file_entry_and_field() {
    for (what, file, breakage, entry, field) in BREAKAGES {
        let dir = content_copy();
        assert!(errors_for(dir.path()).is_empty(), "the copy starts valid");
        breakage(dir.path());
        let errors = errors_for(dir.path());
        let expected_file = dir.path().join(file).display().to_string();
        let found = errors
            .iter()
            .find(|e| e.file == expected_file && e.entry == entry && e.field == field);
        assert!(
            found.is_some_and(|e| !e.reason.is_empty()),
            "{what}: expected an error at {file} / {entry} / {field}, got:\n{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn one_check_reports_every_problem_not_only_the_first() {
    let dir = content_copy();
    edit_toml(dir.path(), "frameworks/flask.toml", |t| {
        table(t, &["values"]).remove("orm");
        table(t, &["values"]).remove("admin");
    });
    edit_toml(dir.path(), "frameworks/django.toml", |t| {
        table(t, &["values", "orm"]).insert("sources".into(), vec!["nowhere"].into());
    });
    let errors = errors_for(dir.path());
    assert_eq!(errors.len(), 3, "{errors:?}");
}

fn check(dir: Option<&Path>) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pychooser"));
    command.arg("--check").env_remove("CONTENT_DIR");
    if let Some(dir) = dir {
        command.arg("--content").arg(dir);
    }
    let output = command.output().expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn check_passes_the_shipped_content_with_a_one_line_summary() {
    let (code, stdout, _) = check(None);
    assert_eq!(code, 0);
    assert_eq!(stdout.lines().count(), 1);
    let frameworks = crate::support::CATALOG.frameworks().len();
    assert!(
        stdout.starts_with(&format!("content OK: {frameworks} frameworks")),
        "{stdout}"
    );
}

#[test]
fn breaking_any_content_file_makes_check_exit_1_naming_that_file() {
    let files: Vec<String> = ContentFiles::embedded()
        .files
        .into_iter()
        .map(|(rel, _)| rel)
        // Every kind of file once: the snippets' files are alike, so one snippet stands for all.
        .filter(|rel| {
            rel.ends_with(".toml")
                && (!rel.starts_with("snippets/") || rel.starts_with("snippets/flask/hello/"))
        })
        .collect();
    assert!(files.len() >= 5);
    for rel in files {
        let dir = content_copy();
        let path = dir.path().join(&rel);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}\nthis is = not [valid\n")).unwrap();
        let (code, _, stderr) = check(Some(dir.path()));
        assert_eq!(code, 1, "{rel}");
        assert!(
            stderr.contains(&path.display().to_string()),
            "{rel}: {stderr}"
        );
    }
}
