//! `/compare` (the picker) and `/compare/{a}-vs-{b}[...]` (the side-by-side tables).

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use super::citations::{Citations, NumberedSource};
use super::extract::{SitePath, flag_on, query_pairs};
use super::frameworks::CellView;
use super::{AppState, Error, render};
use crate::catalog::Framework;
use crate::compare::{self, MAX_FRAMEWORKS, MIN_FRAMEWORKS, Selection};

/// The picker's query parameter naming one framework (repeated).
const PICK: &str = "fw";

pub struct PickerOption<'a> {
    pub framework: &'a Framework,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "compare/picker.html")]
struct PickerPage<'a> {
    canonical: String,
    options: Vec<PickerOption<'a>>,
    diff: bool,
    problem: Option<String>,
    min: usize,
    max: usize,
}

/// Without a selection, shows the form; with one (`?fw=django&fw=flask`), redirects to its
/// canonical compare URL, or shows the form again with the problem named.
pub async fn picker(State(state): State<AppState>, uri: Uri) -> Result<Response, Error> {
    let catalog = &state.catalog;
    let pairs = query_pairs(uri.query());
    let picked: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == PICK)
        .map(|(_, v)| v.as_ref())
        .collect();
    let diff = flag_on(&pairs, "diff");
    let page = |problem: Option<String>| PickerPage {
        canonical: state.url("/compare"),
        options: catalog
            .frameworks()
            .iter()
            .map(|framework| PickerOption {
                framework,
                checked: picked.contains(&framework.slug.as_str()),
            })
            .collect(),
        diff,
        problem,
        min: MIN_FRAMEWORKS,
        max: MAX_FRAMEWORKS,
    };
    if !pairs.iter().any(|(k, _)| k == PICK || k == "diff") {
        return Ok(render(&page(None))?.into_response());
    }
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
            render(&page(Some(problem.to_string())))?,
        )
            .into_response()),
    }
}

pub fn redirect(status: StatusCode, location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (status, [(header::LOCATION, value)]).into_response(),
        Err(_) => Error::BadRequest("The address cannot be redirected.".to_owned()).into_response(),
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
    sections: Vec<SectionView<'a>>,
    diff: bool,
    total_rows: usize,
    differing_rows: usize,
    hidden_rows: usize,
    path: String,
    sources: Vec<NumberedSource<'a>>,
}

pub async fn show(
    State(state): State<AppState>,
    SitePath(segment): SitePath<String>,
    uri: Uri,
) -> Result<Response, Error> {
    let catalog = &state.catalog;
    let selection = match resolve(catalog, &segment, &uri, "/compare/")? {
        Ok(selection) => selection,
        Err(redirect) => return Ok(redirect),
    };
    let diff = flag_on(&query_pairs(uri.query()), "diff");
    let comparison = compare::compare(catalog, &selection, diff);
    let mut citations = Citations::new(catalog);
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
    let path = format!("/compare/{}", selection.segment(catalog));
    let page = ComparePage {
        // The `?diff=1` view is a filter of the same page, so both name the full table.
        canonical: state.url(&path),
        og_title: format!("{title}: feature comparison"),
        og_description: format!(
            "{title} side by side on {} features, {} of which differ, with a source for every value.",
            comparison.total_rows, comparison.differing_rows
        ),
        title,
        sections,
        diff,
        total_rows: comparison.total_rows,
        differing_rows: comparison.differing_rows,
        hidden_rows: comparison.hidden_rows(),
        path,
        frameworks: comparison.frameworks,
        sources: citations.into_list(),
    };
    Ok(render(&page)?.into_response())
}
