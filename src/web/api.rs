//! The JSON twins of the pages (open data): `/api/frameworks`, `/api/frameworks/{slug}` and
//! `/api/compare/{a}-vs-{b}[...]`.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::extract::{ApiPath, flag_on, query_pairs};
use super::{ApiError, AppState, Error};
use crate::catalog::{
    Catalog, Claim, Disagreement, Extension, Facts, FeatureKind, Framework, NotableUser, Source,
    Value,
};
use crate::compare;

#[derive(Serialize)]
pub struct FrameworkSummary<'a> {
    slug: &'a str,
    name: &'a str,
    tagline: &'a str,
    url: String,
    facts: &'a Facts,
}

impl<'a> FrameworkSummary<'a> {
    fn new(f: &'a Framework) -> Self {
        FrameworkSummary {
            slug: &f.slug,
            name: &f.name,
            tagline: &f.tagline,
            url: format!("/frameworks/{}", f.slug),
            facts: &f.facts,
        }
    }
}

#[derive(Serialize)]
pub struct ValueJson<'a> {
    /// The answer as shown (a support level's label or the short text).
    value: &'a str,
    /// The support level id, for rows about having something.
    #[serde(skip_serializing_if = "Option::is_none")]
    support: Option<&'static str>,
    note: &'a str,
    sources: &'a [String],
    disagreements: &'a [Disagreement],
}

impl<'a> ValueJson<'a> {
    fn new(v: &'a Value) -> Self {
        ValueJson {
            value: v.answer.label(),
            support: v.answer.support().map(crate::catalog::SupportLevel::id),
            note: &v.note,
            sources: &v.sources,
            disagreements: &v.disagreements,
        }
    }
}

#[derive(Serialize)]
struct FeatureValueJson<'a> {
    feature: &'a str,
    category: &'a str,
    kind: FeatureKind,
    #[serde(flatten)]
    value: ValueJson<'a>,
}

#[derive(Serialize)]
struct FrameworkJson<'a> {
    #[serde(flatten)]
    summary: FrameworkSummary<'a>,
    overview: &'a str,
    overview_sources: &'a [String],
    strengths: &'a [Claim],
    weaknesses: &'a [Claim],
    best_for: &'a [Claim],
    not_for: &'a [Claim],
    notable_users: &'a [NotableUser],
    key_extensions: &'a [Extension],
    /// Feature values keyed by feature id.
    values: BTreeMap<&'a str, FeatureValueJson<'a>>,
    /// Every source the framework cites.
    sources: Vec<&'a Source>,
}

pub async fn frameworks(State(state): State<AppState>) -> Response {
    let list: Vec<FrameworkSummary> = state
        .catalog
        .frameworks()
        .iter()
        .map(FrameworkSummary::new)
        .collect();
    Json(list).into_response()
}

fn cited_sources<'a>(
    catalog: &'a Catalog,
    ids: impl IntoIterator<Item = &'a String>,
) -> Vec<&'a Source> {
    let mut out: Vec<&Source> = Vec::new();
    for id in ids {
        if let Some(source) = catalog.source(id)
            && !out.iter().any(|s| s.id == source.id)
        {
            out.push(source);
        }
    }
    out
}

pub async fn framework(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
) -> Result<Response, ApiError> {
    let catalog = &state.catalog;
    let f = catalog
        .framework(&slug)
        .ok_or_else(|| Error::NotFound(format!("We have no framework called \"{slug}\".")))?;
    Ok(Json(framework_json(catalog, f)).into_response())
}

fn framework_json<'a>(catalog: &'a Catalog, f: &'a Framework) -> FrameworkJson<'a> {
    let values = catalog
        .features()
        .iter()
        .zip(&f.values)
        .map(|(feature, v)| {
            (
                feature.id.as_str(),
                FeatureValueJson {
                    feature: &feature.name,
                    category: &feature.category,
                    kind: feature.kind,
                    value: ValueJson::new(v),
                },
            )
        })
        .collect();
    let claim_ids = [&f.strengths, &f.weaknesses, &f.best_for, &f.not_for]
        .into_iter()
        .flat_map(|list| list.iter().flat_map(|c| &c.sources));
    let ids = f
        .overview_sources
        .iter()
        .chain(&f.facts.sources)
        .chain(claim_ids)
        .chain(f.notable_users.iter().flat_map(|u| &u.sources))
        .chain(f.key_extensions.iter().flat_map(|e| &e.sources))
        .chain(f.values.iter().flat_map(|v| {
            v.sources
                .iter()
                .chain(v.disagreements.iter().flat_map(|d| &d.sources))
        }));
    FrameworkJson {
        summary: FrameworkSummary::new(f),
        overview: &f.overview,
        overview_sources: &f.overview_sources,
        strengths: &f.strengths,
        weaknesses: &f.weaknesses,
        best_for: &f.best_for,
        not_for: &f.not_for,
        notable_users: &f.notable_users,
        key_extensions: &f.key_extensions,
        values,
        sources: cited_sources(catalog, ids),
    }
}

#[derive(Serialize)]
struct CompareJson<'a> {
    frameworks: Vec<FrameworkRef<'a>>,
    only_differences: bool,
    total_rows: usize,
    differing_rows: usize,
    hidden_rows: usize,
    categories: Vec<CategoryJson<'a>>,
    sources: Vec<&'a Source>,
}

#[derive(Serialize)]
struct FrameworkRef<'a> {
    slug: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct CategoryJson<'a> {
    id: &'a str,
    name: &'a str,
    features: Vec<RowJson<'a>>,
}

#[derive(Serialize)]
struct RowJson<'a> {
    id: &'a str,
    name: &'a str,
    explain: &'a str,
    kind: FeatureKind,
    differs: bool,
    /// Keyed by framework slug.
    values: BTreeMap<&'a str, ValueJson<'a>>,
}

pub async fn compare(
    State(state): State<AppState>,
    ApiPath(segment): ApiPath<String>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let catalog = &state.catalog;
    let selection = match super::compare::resolve(catalog, &segment, &uri, "/api/compare/")? {
        Ok(selection) => selection,
        Err(redirect) => return Ok(redirect),
    };
    let diff = flag_on(&query_pairs(uri.query()), "diff");
    let comparison = compare::compare(catalog, &selection, diff);
    let categories: Vec<CategoryJson> = comparison
        .sections
        .iter()
        .map(|section| CategoryJson {
            id: &section.category.id,
            name: &section.category.name,
            features: section
                .rows
                .iter()
                .map(|row| RowJson {
                    id: &row.feature.id,
                    name: &row.feature.name,
                    explain: &row.feature.explain,
                    kind: row.feature.kind,
                    differs: row.differs,
                    values: comparison
                        .frameworks
                        .iter()
                        .zip(&row.values)
                        .map(|(f, v)| (f.slug.as_str(), ValueJson::new(v)))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let ids = comparison.sections.iter().flat_map(|s| {
        s.rows.iter().flat_map(|r| {
            r.values.iter().flat_map(|v| {
                v.sources
                    .iter()
                    .chain(v.disagreements.iter().flat_map(|d| &d.sources))
            })
        })
    });
    let body = CompareJson {
        frameworks: comparison
            .frameworks
            .iter()
            .map(|f| FrameworkRef {
                slug: &f.slug,
                name: &f.name,
            })
            .collect(),
        only_differences: diff,
        total_rows: comparison.total_rows,
        differing_rows: comparison.differing_rows,
        hidden_rows: comparison.hidden_rows(),
        sources: cited_sources(catalog, ids),
        categories,
    };
    Ok(Json(body).into_response())
}
