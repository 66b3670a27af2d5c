//! `/compare` (the picker) and `/compare/{a}-vs-{b}[...]` (the side-by-side tables).

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::GROUP_BY;
use super::citations::{Citations, NumberedSource};
use super::extract::{PICK, SitePath, flag_on, picked, query_pairs};
use super::frameworks::CellView;
use super::{AppState, Error, kept_html, redirect, render};
use crate::catalog::Framework;
use crate::compare::{self, MAX_FRAMEWORKS, MIN_FRAMEWORKS, Selection};

pub struct PickerOption<'a> {
    pub framework: &'a Framework,
    pub checked: bool,
}

/// Frameworks of one kind (their scope: full stack, API framework…), so that a long list
/// reads at a glance.
pub struct PickerGroup<'a> {
    pub label: &'a str,
    pub options: Vec<PickerOption<'a>>,
}

#[derive(Template)]
#[template(path = "compare/picker.html")]
struct PickerPage<'a> {
    canonical: String,
    groups: Vec<PickerGroup<'a>>,
    diff: bool,
    problem: Option<String>,
    min: usize,
    max: usize,
}

/// Without a selection, shows the form; with one (`?fw=django&fw=flask`), redirects to its
/// canonical compare URL, or shows the form again with the problem named.
pub async fn picker(State(state): State<AppState>, uri: Uri) -> Result<Response, Error> {
    let pairs = query_pairs(uri.query());
    if !pairs.iter().any(|(k, _)| k == PICK || k == "diff") {
        return state
            .kept("/compare".to_owned(), |state| {
                Ok(kept_html(render(&picker_page(state, &[], false, None))?))
            })
            .await;
    }
    let catalog = &state.catalog;
    let picked = picked(&pairs);
    let diff = flag_on(&pairs, "diff");
    match compare::select_slugs(catalog, picked.iter().copied()) {
        Ok(selection) => {
            let mut location = format!("/compare/{}", selection.segment(catalog));
            if diff {
                location.push_str("?diff=1");
            }
            Ok(redirect(StatusCode::SEE_OTHER, &location))
        }
        Err(problem) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&picker_page(
                &state,
                &picked,
                diff,
                Some(problem.to_string()),
            ))?,
        )
            .into_response()),
    }
}

fn picker_page<'a>(
    state: &'a AppState,
    picked: &[&str],
    diff: bool,
    problem: Option<String>,
) -> PickerPage<'a> {
    let catalog = &state.catalog;
    let option = |framework: &'a Framework| PickerOption {
        framework,
        checked: picked.contains(&framework.slug.as_str()),
    };
    let groups = catalog
        .frameworks_by_choice(GROUP_BY)
        .into_iter()
        .map(|(choice, members)| PickerGroup {
            label: choice.map_or("", |c| c.label.as_str()),
            options: members
                .iter()
                .map(|&i| option(&catalog.frameworks()[i]))
                .collect(),
        })
        .collect();
    PickerPage {
        canonical: state.url("/compare"),
        groups,
        diff,
        problem,
        min: MIN_FRAMEWORKS,
        max: MAX_FRAMEWORKS,
    }
}

/// Resolves a compare path segment: `Ok(Ok(selection))` to show, `Ok(Err(response))` for the
/// 301 to the canonical order (query string kept), `Err` for a 404.
pub fn resolve(
    catalog: &crate::catalog::Catalog,
    segment: &str,
    uri: &Uri,
    prefix: &str,
) -> Result<Result<Selection, Response>, Error> {
    let selection = compare::select(catalog, segment)
        .map_err(|e| Error::NotFound(format!("{e} Pick frameworks to compare at /compare.")))?;
    if selection.was_canonical {
        return Ok(Ok(selection));
    }
    let mut location = format!("{prefix}{}", selection.segment(catalog));
    if let Some(query) = uri.query() {
        location.push('?');
        location.push_str(query);
    }
    Ok(Err(redirect(StatusCode::MOVED_PERMANENTLY, &location)))
}

/// A migration from one compared framework to another.
pub struct MigrationView<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub migration: &'a crate::catalog::Migration,
    pub refs: Vec<super::citations::Ref>,
}

pub struct RowView<'a> {
    pub name: &'a str,
    pub explain: &'a str,
    pub differs: bool,
    pub cells: Vec<CellView<'a>>,
}

pub struct SectionView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub explain: &'a str,
    pub rows: Vec<RowView<'a>>,
    pub hidden: usize,
}

#[derive(Template)]
#[template(path = "compare/show.html")]
struct ComparePage<'a> {
    canonical: String,
    og_title: String,
    og_description: String,
    frameworks: Vec<&'a Framework>,
    title: String,
    /// Moved homes and maintainers' warnings of the frameworks compared.
    notices: Vec<super::frameworks::NoticeView<'a>>,
    sections: Vec<SectionView<'a>>,
    diff: bool,
    total_rows: usize,
    differing_rows: usize,
    hidden_rows: usize,
    path: String,
    /// How long each is supported, and its cadence.
    support: Vec<super::lifecycle::SupportRow<'a>>,
    calendar: String,
    /// What share of each survey's respondents use each of them.
    usage: super::usage::UsageView<'a>,
    /// How to move between them, where their docs say.
    migrations: Vec<MigrationView<'a>>,
    /// Each task, with these frameworks side by side.
    tasks: Vec<super::tasks::TaskLink<'a>>,
    sources: Vec<NumberedSource<'a>>,
}

pub async fn show(
    State(state): State<AppState>,
    SitePath(segment): SitePath<String>,
    uri: Uri,
) -> Result<Response, Error> {
    let selection = match resolve(&state.catalog, &segment, &uri, "/compare/")? {
        Ok(selection) => selection,
        Err(redirect) => return Ok(redirect),
    };
    let diff = flag_on(&query_pairs(uri.query()), "diff");
    let path = format!("/compare/{}", selection.segment(&state.catalog));
    let key = if diff {
        format!("{path}?diff=1")
    } else {
        path.clone()
    };
    state
        .kept(key, move |state| {
            Ok(kept_html(render(&compare_page(
                state, &selection, diff, path,
            ))?))
        })
        .await
}

fn compare_page<'a>(
    state: &'a AppState,
    selection: &Selection,
    diff: bool,
    path: String,
) -> ComparePage<'a> {
    let catalog = &state.catalog;
    let comparison = compare::compare(catalog, selection, diff);
    let mut citations = Citations::new(catalog.as_ref());
    let notices = super::frameworks::notices(comparison.frameworks.iter().copied(), &mut citations);
    let sections = comparison
        .sections
        .iter()
        .map(|section| SectionView {
            id: &section.category.id,
            name: &section.category.name,
            explain: &section.category.explain,
            hidden: section.hidden,
            rows: section
                .rows
                .iter()
                .map(|row| RowView {
                    name: &row.feature.name,
                    explain: &row.feature.explain,
                    differs: row.differs,
                    cells: row
                        .values
                        .iter()
                        .map(|v| CellView::new(v, &mut citations))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let title = comparison
        .frameworks
        .iter()
        .map(|f| f.name.as_str())
        .collect::<Vec<_>>()
        .join(" vs ");
    let support = super::lifecycle::support_rows(catalog, selection.indexes(), &mut citations);
    let calendar = super::calendar::path(
        selection
            .indexes()
            .iter()
            .map(|&i| catalog.frameworks()[i].slug.as_str()),
    );
    let usage = super::usage::UsageView::new(catalog, selection.indexes(), &mut citations);
    let migrations = catalog
        .migrations_among(selection.indexes())
        .into_iter()
        .map(|migration| MigrationView {
            from: &catalog.frameworks()[migration.from].name,
            to: &catalog.frameworks()[migration.to].name,
            migration,
            refs: citations.refs(&migration.sources),
        })
        .collect();
    let slugs: Vec<&str> = comparison
        .frameworks
        .iter()
        .map(|f| f.slug.as_str())
        .collect();
    let tasks = super::tasks::task_links(catalog, Some(&slugs), None);
    ComparePage {
        support,
        calendar,
        usage,
        migrations,
        tasks,
        // The `?diff=1` view is a filter of the same page, so both name the full table.
        canonical: state.url(&path),
        og_title: format!("{title}: feature comparison"),
        og_description: format!(
            "{title} side by side on {} features, {} of which differ, with a source for every value.",
            comparison.total_rows, comparison.differing_rows
        ),
        title,
        notices,
        sections,
        diff,
        total_rows: comparison.total_rows,
        differing_rows: comparison.differing_rows,
        hidden_rows: comparison.hidden_rows(),
        path,
        frameworks: comparison.frameworks,
        sources: citations.into_list(),
    }
}
