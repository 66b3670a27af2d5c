//! `/tasks` (every task, and how many lines each framework needs for it), `/tasks/{task}`
//! (the task in every framework, or `?fw=` two to four side by side) and its JSON twin
//! `/api/tasks/{task}`. The code comes from `content/snippets/`, verified by the conformance
//! suite; each file is highlighted once (`CodeFile::html`) and the pages are kept in the store.

use std::collections::BTreeMap;

use askama::Template;
use askama::filters::Safe;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use serde::Serialize;

use super::citations::{Citations, NumberedSource, Ref};
use super::extract::{ApiPath, SitePath, pick_query, picked, query_pairs};
use super::{ApiError, AppState, Error, kept_html, kept_json, redirect, render};
use crate::catalog::{Catalog, Code, Framework, Snippet, Task};
use crate::compare::{self, Selection};

/// The path of a task's page showing these frameworks (all of them when `None`).
pub fn path(task: &str, slugs: Option<&[&str]>) -> String {
    format!(
        "/tasks/{task}{}",
        pick_query(slugs.unwrap_or_default().iter().copied())
    )
}

/// A cell of the lines-of-code table: a snippet's size, or that the task does not apply.
pub struct SizeCell {
    pub lines: Option<usize>,
    pub href: String,
}

pub struct SizeRow<'a> {
    pub framework: &'a Framework,
    pub cells: Vec<SizeCell>,
}

#[derive(Template)]
#[template(path = "tasks/index.html")]
struct IndexPage<'a> {
    canonical: String,
    tasks: &'a [Task],
    rows: Vec<SizeRow<'a>>,
}

pub async fn index(State(state): State<AppState>) -> Result<Response, Error> {
    state
        .kept("/tasks".to_owned(), |state| {
            let catalog = &state.catalog;
            let rows = catalog
                .frameworks()
                .iter()
                .enumerate()
                .map(|(f, framework)| SizeRow {
                    framework,
                    cells: catalog
                        .tasks()
                        .iter()
                        .enumerate()
                        .map(|(t, task)| SizeCell {
                            lines: match catalog.snippet(t, f) {
                                Some(Snippet::Code(code)) => Some(code.lines),
                                _ => None,
                            },
                            href: format!("/tasks/{}#{}", task.id, framework.slug),
                        })
                        .collect(),
                })
                .collect();
            let page = IndexPage {
                canonical: state.url("/tasks"),
                tasks: catalog.tasks(),
                rows,
            };
            Ok(kept_html(render(&page)?))
        })
        .await
}

/// One file of a snippet, as HTML.
pub struct FileView<'a> {
    pub path: &'a str,
    pub generated: bool,
    pub html: Safe<&'a str>,
}

/// What a framework's entry on a task page shows.
pub enum SnippetBody<'a> {
    Code {
        code: &'a Code,
        files: Vec<FileView<'a>>,
        versions: String,
    },
    Unsupported {
        why: &'a str,
    },
}

pub struct SnippetView<'a> {
    pub framework: &'a Framework,
    pub body: SnippetBody<'a>,
    pub refs: Vec<Ref>,
}

/// A link to another task showing the same frameworks.
pub struct TaskLink<'a> {
    pub title: &'a str,
    pub href: String,
    pub current: bool,
}

/// A link to every task, showing these frameworks (all when `None`); `current` marks the task
/// of the page the links are on.
pub fn task_links<'a>(
    catalog: &'a Catalog,
    slugs: Option<&[&str]>,
    current: Option<&str>,
) -> Vec<TaskLink<'a>> {
    catalog
        .tasks()
        .iter()
        .map(|task| TaskLink {
            title: &task.title,
            href: path(&task.id, slugs),
            current: current == Some(task.id.as_str()),
        })
        .collect()
}

pub struct PickOption<'a> {
    pub framework: &'a Framework,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "tasks/show.html")]
struct TaskPage<'a> {
    canonical: String,
    task: &'a Task,
    /// Whether a selection is shown side by side (otherwise every framework, one after another).
    side_by_side: bool,
    names: String,
    snippets: Vec<SnippetView<'a>>,
    tasks: Vec<TaskLink<'a>>,
    options: Vec<PickOption<'a>>,
    all_href: String,
    compare_href: Option<String>,
    sources: Vec<NumberedSource<'a>>,
}

/// The frameworks a task page shows (every one, or the `?fw=` selection) and the page's
/// canonical path. A selection in another order, or a query with anything else, answers
/// `301` to the canonical URL.
fn selection(
    catalog: &Catalog,
    task: &str,
    uri: &Uri,
) -> Result<Result<(Option<Selection>, String), Response>, Error> {
    let pairs = query_pairs(uri.query());
    let picked = picked(&pairs);
    if picked.is_empty() {
        let canonical = path(task, None);
        return Ok(match uri.query() {
            None => Ok((None, canonical)),
            Some(_) => Err(redirect(StatusCode::MOVED_PERMANENTLY, &canonical)),
        });
    }
    let selection = compare::select_slugs(catalog, picked.iter().copied()).map_err(|e| {
        Error::NotFound(format!(
            "{e} A task page shows every framework, or two to four side by side: /tasks/{task}."
        ))
    })?;
    let canonical = path(task, Some(&selected_slugs(catalog, &selection)));
    if uri
        .path_and_query()
        .map(axum::http::uri::PathAndQuery::as_str)
        != Some(canonical.as_str())
    {
        return Ok(Err(redirect(StatusCode::MOVED_PERMANENTLY, &canonical)));
    }
    Ok(Ok((Some(selection), canonical)))
}

fn selected_slugs<'a>(catalog: &'a Catalog, selection: &Selection) -> Vec<&'a str> {
    selection
        .indexes()
        .iter()
        .map(|&i| catalog.frameworks()[i].slug.as_str())
        .collect()
}

pub async fn show(
    State(state): State<AppState>,
    SitePath(task): SitePath<String>,
    uri: Uri,
) -> Result<Response, Error> {
    let Some((t, _)) = state.catalog.task(&task) else {
        return Err(unknown_task(&task));
    };
    let (selected, key) = match selection(&state.catalog, &task, &uri)? {
        Ok(shown) => shown,
        Err(redirect) => return Ok(redirect),
    };
    state
        .kept(key, move |state| {
            Ok(kept_html(render(&task_page(state, t, selected.as_ref()))?))
        })
        .await
}

fn unknown_task(task: &str) -> Error {
    Error::NotFound(format!(
        "There is no task called \"{}\". Every task is listed at /tasks.",
        crate::printable::printable(task)
    ))
}

fn task_page<'a>(state: &'a AppState, t: usize, selection: Option<&Selection>) -> TaskPage<'a> {
    let catalog = &state.catalog;
    let task = &catalog.tasks()[t];
    let shown: Vec<usize> = match selection {
        Some(selection) => selection.indexes().to_vec(),
        None => (0..catalog.frameworks().len()).collect(),
    };
    let mut citations = Citations::new(catalog.as_ref());
    let snippets = shown
        .iter()
        .filter_map(|&f| {
            let framework = &catalog.frameworks()[f];
            let (body, refs) = match catalog.snippet(t, f)? {
                Snippet::Code(code) => (
                    SnippetBody::Code {
                        code,
                        files: code
                            .files
                            .iter()
                            .map(|file| FileView {
                                path: &file.path,
                                generated: file.generated,
                                html: Safe(file.html()),
                            })
                            .collect(),
                        versions: code
                            .verified
                            .versions
                            .iter()
                            .map(|(name, version)| format!("{name} {version}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    },
                    citations.refs(&code.sources),
                ),
                Snippet::Unsupported { why, sources } => {
                    (SnippetBody::Unsupported { why }, citations.refs(sources))
                }
            };
            Some(SnippetView {
                framework,
                body,
                refs,
            })
        })
        .collect();
    let slugs = selection.map(|s| selected_slugs(catalog, s));
    let tasks = task_links(catalog, slugs.as_deref(), Some(&task.id));
    let names = shown
        .iter()
        .map(|&f| catalog.frameworks()[f].name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    TaskPage {
        canonical: state.url(&path(&task.id, slugs.as_deref())),
        task,
        side_by_side: selection.is_some(),
        names,
        snippets,
        tasks,
        options: catalog
            .frameworks()
            .iter()
            .enumerate()
            .map(|(f, framework)| PickOption {
                framework,
                checked: selection.is_some_and(|s| s.indexes().contains(&f)),
            })
            .collect(),
        all_href: path(&task.id, None),
        compare_href: slugs.map(|slugs| format!("/compare/{}", compare::segment_for(slugs))),
        sources: citations.into_list(),
    }
}

/// `/api/tasks/{task}`: the task and every framework's snippet (SPEC, "Tasks").
#[derive(Serialize)]
struct TaskJson<'a> {
    task: &'a str,
    title: &'a str,
    asks: &'a str,
    why: &'a str,
    frameworks: BTreeMap<&'a str, SnippetJson<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum SnippetJson<'a> {
    Code {
        code: &'a str,
        file: &'a str,
        /// Every file, the main one first: `code` and `file` repeat the first.
        files: Vec<FileJson<'a>>,
        requirements: &'a str,
        run: &'a str,
        lines: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<&'a str>,
        sources: &'a [String],
        verified: VerifiedJson<'a>,
    },
    Unsupported {
        unsupported: &'a str,
        sources: &'a [String],
    },
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: &'a str,
    code: &'a str,
    lines: usize,
    generated: bool,
}

#[derive(Serialize)]
struct VerifiedJson<'a> {
    versions: BTreeMap<&'a str, &'a str>,
    python: &'a str,
    date: &'a str,
}

pub async fn api(
    State(state): State<AppState>,
    ApiPath(task): ApiPath<String>,
) -> Result<Response, ApiError> {
    let Some((t, _)) = state.catalog.task(&task) else {
        return Err(ApiError(unknown_task(&task)));
    };
    state
        .kept(format!("/api/tasks/{task}"), move |state| {
            let catalog = &state.catalog;
            let task = &catalog.tasks()[t];
            let frameworks = catalog
                .frameworks()
                .iter()
                .enumerate()
                .filter_map(|(f, framework)| {
                    let json = match catalog.snippet(t, f)? {
                        Snippet::Code(code) => SnippetJson::Code {
                            code: &code.main().text,
                            file: &code.main().path,
                            files: code
                                .files
                                .iter()
                                .map(|file| FileJson {
                                    path: &file.path,
                                    code: &file.text,
                                    lines: file.lines,
                                    generated: file.generated,
                                })
                                .collect(),
                            requirements: &code.requirements,
                            run: &code.run,
                            lines: code.lines,
                            note: code.note.as_deref(),
                            sources: &code.sources,
                            verified: VerifiedJson {
                                versions: code
                                    .verified
                                    .versions
                                    .iter()
                                    .map(|(n, v)| (n.as_str(), v.as_str()))
                                    .collect(),
                                python: &code.verified.python,
                                date: &code.verified.date,
                            },
                        },
                        Snippet::Unsupported { why, sources } => SnippetJson::Unsupported {
                            unsupported: why,
                            sources,
                        },
                    };
                    Some((framework.slug.as_str(), json))
                })
                .collect();
            kept_json(&TaskJson {
                task: &task.id,
                title: &task.title,
                asks: &task.asks,
                why: &task.why,
                frameworks,
            })
        })
        .await
        .map_err(ApiError)
}
