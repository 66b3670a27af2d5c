//! `/`: what the site is for, every framework as a card, and the comparisons people start with.

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use super::citations::{Citations, NumberedSource};
use super::frameworks::{Card, cards};
use super::{AppState, Error, render};
use crate::compare;

pub struct ComparisonLink {
    pub label: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    canonical: String,
    cards: Vec<Card<'a>>,
    sources: Vec<NumberedSource<'a>>,
    comparisons: Vec<ComparisonLink>,
    feature_count: usize,
    source_count: usize,
}

pub async fn show(State(state): State<AppState>) -> Result<Html<String>, Error> {
    let catalog = &state.catalog;
    let mut comparisons: Vec<ComparisonLink> = compare::all_pairs(catalog)
        .into_iter()
        .map(|(a, b)| ComparisonLink {
            label: format!("{} vs {}", a.name, b.name),
            href: format!(
                "/compare/{}",
                compare::segment_for([a.slug.as_str(), b.slug.as_str()])
            ),
        })
        .collect();
    let all = catalog.frameworks();
    if (3..=compare::MAX_FRAMEWORKS).contains(&all.len()) {
        comparisons.push(ComparisonLink {
            label: all
                .iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>()
                .join(" vs "),
            href: format!(
                "/compare/{}",
                compare::segment_for(all.iter().map(|f| f.slug.as_str()))
            ),
        });
    }
    let mut citations = Citations::new(catalog);
    render(&HomePage {
        canonical: state.url("/"),
        cards: cards(catalog, &mut citations),
        sources: citations.into_list(),
        comparisons,
        feature_count: catalog.features().len(),
        source_count: catalog.sources().len(),
    })
}
