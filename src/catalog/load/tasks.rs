//! Loading `tasks.toml` and `snippets/{framework}/{task}/`: every framework has a snippet
//! for every task (or says why the task does not apply), each snippet's requirements are
//! pinned, and its verification record names exactly those versions.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{FileRole, IdKind, Loader};
use crate::catalog::Framework;
use crate::catalog::is_date;
use crate::catalog::tasks::{Code, CodeFile, Snippet, Task, Verified, lines_of_code};

/// The largest share of framework × task pairs that may be marked unsupported, as a fraction
/// (one in five): the tasks are chosen to apply to every framework.
const MAX_UNSUPPORTED: (usize, usize) = (1, 5);

/// The largest code file: a snippet is read on a page.
const MAX_FILE_BYTES: usize = 32 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTasksFile {
    task: Vec<RawTask>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    id: String,
    title: String,
    asks: String,
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSnippet {
    file: Option<String>,
    run: Option<String>,
    note: Option<String>,
    #[serde(default)]
    generated: Vec<String>,
    unsupported: Option<String>,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVerified {
    date: String,
    python: String,
    versions: BTreeMap<String, String>,
}

/// The files of one snippet directory, by path inside it.
type SnippetFiles = BTreeMap<String, Vec<u8>>;

/// A package name as Python's packaging compares them (PEP 503).
fn normalized_package(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_separator = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            in_separator = true;
        } else {
            if in_separator && !out.is_empty() {
                out.push('-');
            }
            in_separator = false;
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// One `requirements.txt` line as (normalized name, version), if pinned as `name==version`
/// (extras allowed: `uvicorn[standard]==0.38.0`).
fn pin(line: &str) -> Option<(String, String)> {
    let (name, version) = line.split_once("==")?;
    let name = name.split('[').next()?.trim();
    let version = version.trim();
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    let version_ok = !version.is_empty()
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '!' | '-'));
    (name_ok && version_ok).then(|| (normalized_package(name), version.to_owned()))
}

/// Files a run leaves behind, which must not be shipped as part of a snippet.
fn is_run_leftover(path: &str) -> bool {
    path.split('/').any(|part| {
        matches!(
            part,
            "__pycache__" | ".pytest_cache" | ".venv" | "node_modules"
        )
    }) || [".pyc", ".db", ".sqlite", ".sqlite3", ".log"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

impl Loader<'_> {
    /// `tasks.toml` and every snippet. Returns the tasks in file order and, per task, a
    /// snippet per framework (indexed like `frameworks`).
    pub(super) fn load_tasks(
        &mut self,
        tasks_file: Option<(String, toml::Table)>,
        snippet_files: Vec<(String, Vec<u8>)>,
        frameworks: &[Framework],
    ) -> (Vec<Task>, Vec<Vec<Option<Snippet>>>) {
        let Some((file, table)) = tasks_file else {
            let file = self.file_name("tasks.toml");
            self.error(&file, "", "", "missing: the tasks must be defined here");
            return (Vec::new(), Vec::new());
        };
        let Some(raw) = self.typed::<RawTasksFile>(&file, &table, FileRole::Tasks) else {
            return (Vec::new(), Vec::new());
        };
        let mut tasks: Vec<Task> = Vec::new();
        for task in raw.task {
            let entry = format!("task \"{}\"", task.id);
            self.id(&file, &entry, "id", &task.id, IdKind::Feature);
            if tasks.iter().any(|t| t.id == task.id) {
                self.error(&file, &entry, "id", "duplicate task id");
                continue;
            }
            for (field, text) in [
                ("title", &task.title),
                ("asks", &task.asks),
                ("why", &task.why),
            ] {
                self.text(&file, &entry, field, text);
            }
            tasks.push(Task {
                id: task.id,
                title: task.title,
                asks: task.asks,
                why: task.why,
            });
        }

        // snippets/{framework}/{task}/{path} → the directory's files.
        let mut dirs: BTreeMap<(String, String), SnippetFiles> = BTreeMap::new();
        for (rel, bytes) in snippet_files {
            let mut parts = rel.splitn(4, '/');
            let (_, framework, task, path) =
                (parts.next(), parts.next(), parts.next(), parts.next());
            if let (Some(framework), Some(task), Some(path)) = (framework, task, path) {
                dirs.entry((framework.to_owned(), task.to_owned()))
                    .or_default()
                    .insert(path.to_owned(), bytes);
            } else {
                let file = self.file_name(&rel);
                let reason = "unexpected file; snippets live in snippets/{framework}/{task}/";
                self.error(&file, "", "", reason);
            }
        }

        let mut snippets: Vec<Vec<Option<Snippet>>> =
            vec![vec![None; frameworks.len()]; tasks.len()];
        for ((framework, task), files) in dirs {
            let dir = self.file_name(&format!("snippets/{framework}/{task}"));
            let f = frameworks.iter().position(|f| f.slug == framework);
            let t = tasks.iter().position(|t| t.id == task);
            if f.is_none() && !self.framework_slugs.contains(&framework) {
                let reason = format!("no framework has the slug \"{framework}\"");
                self.error(&dir, "", "", reason);
            }
            if t.is_none() {
                let reason = format!("no task in tasks.toml has the id \"{task}\"");
                self.error(&dir, "", "", reason);
            }
            let snippet = self.load_snippet(&dir, files);
            if let (Some(f), Some(t), Some(snippet)) = (f, t, snippet) {
                snippets[t][f] = Some(snippet);
            }
        }

        let mut unsupported = 0;
        for (t, task) in tasks.iter().enumerate() {
            for (f, framework) in frameworks.iter().enumerate() {
                match &snippets[t][f] {
                    Some(Snippet::Unsupported { .. }) => unsupported += 1,
                    Some(Snippet::Code(_)) => {}
                    None => {
                        let dir =
                            self.file_name(&format!("snippets/{}/{}", framework.slug, task.id));
                        let reason = "missing: every framework shows every task; write the \
                                      snippet, or say in snippet.toml why the task does not apply";
                        self.error(&dir, "", "", reason);
                    }
                }
            }
        }
        let pairs = tasks.len() * frameworks.len();
        if unsupported * MAX_UNSUPPORTED.1 > pairs * MAX_UNSUPPORTED.0 {
            let dir = self.file_name("snippets");
            let reason = format!(
                "{unsupported} of {pairs} snippets are marked unsupported; at most one in {} may be",
                MAX_UNSUPPORTED.1
            );
            self.error(&dir, "", "unsupported", reason);
        }
        (tasks, snippets)
    }

    /// One snippet directory.
    fn load_snippet(&mut self, dir: &str, mut files: SnippetFiles) -> Option<Snippet> {
        let meta_file = format!("{dir}/snippet.toml");
        let Some(meta) = files.remove("snippet.toml") else {
            self.error(
                &meta_file,
                "",
                "",
                "missing: every snippet directory has a snippet.toml",
            );
            return None;
        };
        let table = self.parse_table(&meta_file, &meta)?;
        let raw = self.typed::<RawSnippet>(&meta_file, &table, FileRole::Snippet)?;
        self.cite(&meta_file, "", "sources", &raw.sources);

        if let Some(why) = raw.unsupported {
            self.text(&meta_file, "", "unsupported", &why);
            for (field, given) in [
                ("file", raw.file.is_some()),
                ("run", raw.run.is_some()),
                ("note", raw.note.is_some()),
                ("generated", !raw.generated.is_empty()),
            ] {
                if given {
                    self.error(
                        &meta_file,
                        "",
                        field,
                        "an unsupported task has no code: remove this field",
                    );
                }
            }
            for path in files.keys() {
                let file = format!("{dir}/{path}");
                self.error(
                    &file,
                    "",
                    "",
                    "an unsupported task has no code: remove this file",
                );
            }
            return Some(Snippet::Unsupported {
                why,
                sources: raw.sources,
            });
        }

        let (Some(main), Some(run)) = (raw.file, raw.run) else {
            self.error(
                &meta_file,
                "",
                "file",
                "give `file` and `run`, or `unsupported` saying why the task does not apply",
            );
            return None;
        };
        self.text(&meta_file, "", "run", &run);
        if let Some(note) = &raw.note {
            self.text(&meta_file, "", "note", note);
        }

        let requirements = self.requirements(dir, files.remove("requirements.txt"));
        let verified = self.verified(dir, files.remove("verified.toml"), requirements.as_ref());

        let mut code_files = self.code_files(dir, files, &raw.generated);
        for path in &raw.generated {
            if !code_files.iter().any(|f| &f.path == path) {
                let reason = format!("names \"{path}\", which is not in the snippet's directory");
                self.error(&meta_file, "", "generated", reason);
            }
        }
        let Some(position) = code_files.iter().position(|f| f.path == main) else {
            let reason = format!("names \"{main}\", which is not in the snippet's directory");
            self.error(&meta_file, "", "file", reason);
            return None;
        };
        let main_file = code_files.remove(position);
        code_files.insert(0, main_file);
        let lines = code_files.iter().map(|f| f.lines).sum();
        Some(Snippet::Code(Code {
            files: code_files,
            requirements: requirements?.0,
            run,
            sources: raw.sources,
            note: raw.note,
            lines,
            verified: verified?,
        }))
    }

    /// The code files of a snippet, each checked: text, not too large, not left by a run.
    fn code_files(
        &mut self,
        dir: &str,
        files: SnippetFiles,
        generated: &[String],
    ) -> Vec<CodeFile> {
        let mut code_files: Vec<CodeFile> = Vec::new();
        for (path, bytes) in files {
            let file = format!("{dir}/{path}");
            if is_run_leftover(&path) {
                self.error(
                    &file,
                    "",
                    "",
                    "left behind by running the snippet; delete it",
                );
                continue;
            }
            if bytes.len() > MAX_FILE_BYTES {
                let reason = format!(
                    "larger than {} KiB; a snippet is read on a page",
                    MAX_FILE_BYTES / 1024
                );
                self.error(&file, "", "", reason);
                continue;
            }
            let Ok(text) = String::from_utf8(bytes) else {
                self.error(&file, "", "", "not valid UTF-8 text");
                continue;
            };
            let is_generated = generated.contains(&path);
            let lines = if is_generated {
                0
            } else {
                lines_of_code(&path, &text)
            };
            code_files.push(CodeFile::new(path, text, is_generated, lines));
        }
        code_files
    }

    /// `requirements.txt`: its text and its pins, every line pinned as `name==version`.
    fn requirements(
        &mut self,
        dir: &str,
        bytes: Option<Vec<u8>>,
    ) -> Option<(String, Vec<(String, String)>)> {
        let file = format!("{dir}/requirements.txt");
        let Some(bytes) = bytes else {
            self.error(
                &file,
                "",
                "",
                "missing: every snippet pins what it installs",
            );
            return None;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            self.error(&file, "", "", "not valid UTF-8 text");
            return None;
        };
        let mut pins = Vec::new();
        let mut ok = true;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(pin) = pin(line) {
                pins.push(pin);
            } else {
                let reason = format!("\"{line}\" is not pinned; write name==version");
                self.error(&file, &format!("line {}", n + 1), "", reason);
                ok = false;
            }
        }
        if pins.is_empty() && ok {
            self.error(
                &file,
                "",
                "",
                "names no package; a snippet needs at least its framework",
            );
            ok = false;
        }
        ok.then_some((text, pins))
    }

    /// `verified.toml`, which must name exactly the pinned versions.
    fn verified(
        &mut self,
        dir: &str,
        bytes: Option<Vec<u8>>,
        requirements: Option<&(String, Vec<(String, String)>)>,
    ) -> Option<Verified> {
        let file = format!("{dir}/verified.toml");
        let Some(bytes) = bytes else {
            let reason = "missing: run the conformance suite with RECORD=1 to verify the snippet";
            self.error(&file, "", "", reason);
            return None;
        };
        let table = self.parse_table(&file, &bytes)?;
        let raw = self.typed::<RawVerified>(&file, &table, FileRole::Snippet)?;
        if !is_date(&raw.date, true) {
            let reason = format!("\"{}\" is not a date (YYYY-MM-DD)", raw.date);
            self.error(&file, "", "date", reason);
        }
        self.text(&file, "", "python", &raw.python);
        let (_, pins) = requirements?;
        let recorded: Vec<(String, String)> = raw
            .versions
            .iter()
            .map(|(name, version)| (normalized_package(name), version.clone()))
            .collect();
        let mut sorted_pins = pins.clone();
        sorted_pins.sort();
        let mut sorted_recorded = recorded;
        sorted_recorded.sort();
        if sorted_pins != sorted_recorded {
            let reason = "does not name the versions requirements.txt pins; run the conformance \
                          suite with RECORD=1 to verify these versions";
            self.error(&file, "", "versions", reason);
            return None;
        }
        Some(Verified {
            versions: pins.clone(),
            python: raw.python,
            date: raw.date,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{is_run_leftover, normalized_package, pin};

    #[test]
    fn pins_are_name_equals_version() {
        assert_eq!(pin("Flask==3.1.3"), Some(("flask".into(), "3.1.3".into())));
        assert_eq!(
            pin("uvicorn[standard]==0.38.0"),
            Some(("uvicorn".into(), "0.38.0".into()))
        );
        assert_eq!(pin("flask>=3"), None);
        assert_eq!(pin("flask"), None);
        assert_eq!(pin("flask==3.1 ; python_version<'3.12'"), None);
        assert_eq!(normalized_package("Flask_SQLAlchemy"), "flask-sqlalchemy");
        assert_eq!(normalized_package("zope.interface"), "zope-interface");
    }

    #[test]
    fn run_leftovers_are_named() {
        assert!(is_run_leftover("__pycache__/app.cpython-311.pyc"));
        assert!(is_run_leftover("todos.db"));
        assert!(!is_run_leftover("app.py"));
        assert!(!is_run_leftover("templates/hello.html"));
    }
}
