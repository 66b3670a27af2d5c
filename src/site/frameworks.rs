//! `/frameworks` and `/frameworks/{slug}`.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::citations::{Citations, NumberedSource, Ref};
use super::extract::SitePath;
use super::extract::query_pairs;
use super::links::{self, LinkKind};
use super::results::IgnoredView;
use super::{AppState, Error, OptionView, kept_html, render};
use crate::catalog::{Catalog, FeatureKind, Framework, SupportLevel, Value};
use crate::listing::{CHOICE_FILTERS, Filters, SORTS};
use axum::http::Uri;
use axum::response::IntoResponse;

/// A framework with the references its summary needs (home cards, the index table).
pub struct Card<'a> {
    pub framework: &'a Framework,
    pub tagline_refs: Vec<Ref>,
    pub fact_refs: Vec<Ref>,
}

impl<'a> Card<'a> {
    pub fn new(framework: &'a Framework, citations: &mut Citations<'a>) -> Card<'a> {
        Card {
            framework,
            tagline_refs: citations.refs(&framework.overview_sources),
            fact_refs: citations.refs(&framework.facts.sources),
        }
    }
}

pub fn cards<'a>(catalog: &'a Catalog, citations: &mut Citations<'a>) -> Vec<Card<'a>> {
    catalog
        .frameworks()
        .iter()
        .map(|framework| Card::new(framework, citations))
        .collect()
}

/// One row of the index table.
pub struct IndexRow<'a> {
    pub card: Card<'a>,
    /// The framework's project status and concurrency model, as labels.
    pub status: &'a str,
    pub concurrency: &'a str,
}

/// A choice filter of the form: its parameter, its row's name and its choices.
pub struct ChoiceFilter<'a> {
    pub param: &'a str,
    pub name: &'a str,
    pub choices: Vec<OptionView<'a>>,
}

#[derive(Template)]
#[template(path = "frameworks/index.html")]
struct IndexPage<'a> {
    canonical: String,
    rows: Vec<IndexRow<'a>>,
    total: usize,
    filtered: bool,
    has: Vec<OptionView<'a>>,
    choice_filters: Vec<ChoiceFilter<'a>>,
    sorts: Vec<OptionView<'a>>,
    ignored: Vec<IgnoredView>,
    sources: Vec<NumberedSource<'a>>,
}

/// The index: every framework, or those a query's filters keep (`?has=`, `?status=`,
/// `?async=`, `?sort=`; see [`crate::listing`]). The unfiltered page is kept.
pub async fn index(State(state): State<AppState>, uri: Uri) -> Result<Response, Error> {
    if uri.query().is_none_or(str::is_empty) {
        return state
            .kept("/frameworks".to_owned(), |state| {
                Ok(kept_html(render(&index_page(
                    state,
                    &Filters::read::<&str, &str>(&state.catalog, &[]),
                ))?))
            })
            .await;
    }
    let filters = Filters::read(&state.catalog, &query_pairs(uri.query()));
    Ok(render(&index_page(&state, &filters))?.into_response())
}

fn index_page<'a>(state: &'a AppState, filters: &Filters) -> IndexPage<'a> {
    let catalog = &state.catalog;
    let features = catalog.features();
    let mut citations = Citations::new(catalog.as_ref());
    let status = catalog.feature(crate::catalog::STATUS_ROW).map(|(f, _)| f);
    let concurrency = catalog.feature("concurrency").map(|(f, _)| f);
    let label = |framework: &'a Framework, row: Option<usize>| {
        row.map_or("", |f| framework.values[f].answer.label())
    };
    let rows = filters
        .apply(catalog)
        .into_iter()
        .map(|i| {
            let framework = &catalog.frameworks()[i];
            IndexRow {
                card: Card::new(framework, &mut citations),
                status: label(framework, status),
                concurrency: label(framework, concurrency),
            }
        })
        .collect();
    let has = features
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == FeatureKind::Support)
        .map(|(i, f)| OptionView {
            id: &f.id,
            label: &f.name,
            checked: filters.has.contains(&i),
        })
        .collect();
    let choice_filters = CHOICE_FILTERS
        .iter()
        .zip(&filters.choices)
        .filter_map(|((param, row), chosen)| {
            let (_, row) = catalog.feature(row)?;
            Some(ChoiceFilter {
                param,
                name: &row.name,
                choices: row
                    .choices
                    .iter()
                    .map(|c| OptionView {
                        id: &c.id,
                        label: &c.label,
                        checked: chosen.contains(&c.id),
                    })
                    .collect(),
            })
        })
        .collect();
    let sorts = SORTS
        .iter()
        .map(|(id, label)| OptionView {
            id,
            label,
            checked: *id == filters.sort,
        })
        .collect();
    IndexPage {
        canonical: state.url("/frameworks"),
        rows,
        total: catalog.frameworks().len(),
        filtered: !filters.is_default(),
        has,
        choice_filters,
        sorts,
        ignored: filters
            .ignored
            .iter()
            .map(|(param, value, reason)| IgnoredView::new(param, value, reason))
            .collect(),
        sources: citations.into_list(),
    }
}

/// A sentence with its numbered sources.
pub struct Cited<'a> {
    pub text: &'a str,
    pub refs: Vec<Ref>,
}

/// A status notice as pages show it: the framework's name (for pages about several), what
/// kind of news it is, the sentence and its references.
pub struct NoticeView<'a> {
    pub framework: &'a str,
    pub label: &'static str,
    pub text: &'a str,
    pub refs: Vec<Ref>,
}

/// Every status notice of these frameworks, in their order.
pub fn notices<'a>(
    frameworks: impl IntoIterator<Item = &'a Framework>,
    citations: &mut Citations<'a>,
) -> Vec<NoticeView<'a>> {
    let mut views = Vec::new();
    for framework in frameworks {
        for notice in &framework.status_notices {
            views.push(NoticeView {
                framework: &framework.name,
                label: notice.kind.label(),
                text: &notice.text,
                refs: citations.refs(&notice.sources),
            });
        }
    }
    views
}

/// One feature value as a table cell shows it.
pub struct CellView<'a> {
    pub support: Option<SupportLevel>,
    pub value: &'a str,
    pub note: &'a str,
    pub refs: Vec<Ref>,
    pub disagreements: Vec<Cited<'a>>,
}

impl<'a> CellView<'a> {
    pub fn new(value: &'a Value, citations: &mut Citations<'a>) -> CellView<'a> {
        CellView {
            support: value.answer.support(),
            value: value.answer.label(),
            note: &value.note,
            refs: citations.refs(&value.sources),
            disagreements: value
                .disagreements
                .iter()
                .map(|d| Cited {
                    text: &d.claim,
                    refs: citations.refs(&d.sources),
                })
                .collect(),
        }
    }
}

pub struct FeatureRow<'a> {
    pub name: &'a str,
    pub explain: &'a str,
    pub cell: CellView<'a>,
}

pub struct CategoryRows<'a> {
    pub name: &'a str,
    pub rows: Vec<FeatureRow<'a>>,
}

pub struct CompareLink<'a> {
    pub name: &'a str,
    pub href: String,
}

#[derive(Template)]
#[template(path = "frameworks/show.html")]
struct ShowPage<'a> {
    canonical: String,
    og_title: String,
    og_description: &'a str,
    framework: &'a Framework,
    overview_refs: Vec<Ref>,
    fact_refs: Vec<Ref>,
    strengths: Vec<Cited<'a>>,
    weaknesses: Vec<Cited<'a>>,
    best_for: Vec<Cited<'a>>,
    not_for: Vec<Cited<'a>>,
    notable_users: Vec<Cited<'a>>,
    extensions: Vec<(&'a crate::catalog::Extension, Vec<Ref>)>,
    notices: Vec<NoticeView<'a>>,
    compare_links: Vec<CompareLink<'a>>,
    /// Its releases and support policy.
    lifecycle: Option<super::lifecycle::LifecycleView<'a>>,
    /// What share of each survey's respondents use it.
    usage: super::usage::UsageView<'a>,
    /// Feature rows where sources disagree, with both claims.
    disputed: Vec<FeatureRow<'a>>,
    categories: Vec<CategoryRows<'a>>,
    sources: Vec<NumberedSource<'a>>,
}

pub async fn show(
    State(state): State<AppState>,
    SitePath(slug): SitePath<String>,
) -> Result<Response, Error> {
    let Some(index) = state.catalog.framework_index(&slug) else {
        return Err(Error::NotFound(format!(
            "We have no framework called \"{}\".",
            crate::printable::printable(&slug)
        )));
    };
    state
        .kept(links::framework(&slug), move |state| {
            let catalog = &state.catalog;
            let framework = &catalog.frameworks()[index];
            let canonical = state.url(&links::framework(&framework.slug));
            Ok(kept_html(render(&show_page(catalog, index, canonical))?))
        })
        .await
}

fn show_page<'a>(catalog: &'a Catalog, index: usize, canonical: String) -> ShowPage<'a> {
    let framework = &catalog.frameworks()[index];
    let mut citations = Citations::new(catalog);
    let overview_refs = citations.refs(&framework.overview_sources);
    let notices = notices([framework], &mut citations);
    let fact_refs = citations.refs(&framework.facts.sources);
    let cited = |claims: &'a [crate::catalog::Claim], citations: &mut Citations<'a>| {
        claims
            .iter()
            .map(|c| Cited {
                text: &c.text,
                refs: citations.refs(&c.sources),
            })
            .collect::<Vec<_>>()
    };
    let strengths = cited(&framework.strengths, &mut citations);
    let weaknesses = cited(&framework.weaknesses, &mut citations);
    let best_for = cited(&framework.best_for, &mut citations);
    let not_for = cited(&framework.not_for, &mut citations);
    let notable_users = framework
        .notable_users
        .iter()
        .map(|u| Cited {
            text: &u.name,
            refs: citations.refs(&u.sources),
        })
        .collect();
    // Numbered in page order: the usage section sits between these two.
    let usage = super::usage::UsageView::new(catalog, &[index], &mut citations);
    let extensions = framework
        .key_extensions
        .iter()
        .map(|e| (e, citations.refs(&e.sources)))
        .collect();
    // Its comparisons with each other framework, as the site lists them.
    let compare_links = links::linked(catalog)
        .into_iter()
        .filter_map(|link| match link.kind {
            LinkKind::Comparison {
                frameworks,
                diff: false,
            } if frameworks.len() == 2 && frameworks.contains(&index) => {
                let other = frameworks.iter().find(|&&i| i != index)?;
                Some(CompareLink {
                    name: &catalog.frameworks()[*other].name,
                    href: link.path,
                })
            }
            _ => None,
        })
        .collect();
    let row = |index: usize, citations: &mut Citations<'a>| {
        let feature = &catalog.features()[index];
        FeatureRow {
            name: &feature.name,
            explain: &feature.explain,
            cell: CellView::new(&framework.values[index], citations),
        }
    };
    let lifecycle = super::lifecycle::LifecycleView::new(catalog, index, &mut citations);
    let disputed = framework
        .values
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.disagreements.is_empty())
        .map(|(i, _)| row(i, &mut citations))
        .collect();
    let categories = catalog
        .categories()
        .iter()
        .map(|category| CategoryRows {
            name: &category.name,
            rows: catalog
                .features_in(category)
                .map(|(i, _)| row(i, &mut citations))
                .collect(),
        })
        .collect();
    ShowPage {
        canonical,
        og_title: format!("{}: strengths, weaknesses and features", framework.name),
        og_description: &framework.tagline,
        framework,
        overview_refs,
        fact_refs,
        strengths,
        weaknesses,
        best_for,
        not_for,
        notable_users,
        extensions,
        notices,
        compare_links,
        lifecycle,
        usage,
        disputed,
        categories,
        sources: citations.into_list(),
    }
}
