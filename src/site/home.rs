//! `/`: what the site is for, every framework as a card, and the comparisons people start with.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::citations::{Citations, NumberedSource};
use super::frameworks::{Card, cards};
use super::links::{self, LinkKind};
use super::{AppState, Error, kept_html, render};

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
    question_count: usize,
}

pub async fn show(State(state): State<AppState>) -> Result<Response, Error> {
    state
        .kept("/".to_owned(), |state| Ok(kept_html(page(state)?)))
        .await
}

fn page(state: &AppState) -> Result<axum::response::Html<String>, Error> {
    let catalog = &state.catalog;
    let frameworks = catalog.frameworks();
    let comparisons = links::linked(catalog)
        .into_iter()
        .filter_map(|link| match link.kind {
            LinkKind::Comparison {
                frameworks: indexes,
                diff: false,
            } => Some(ComparisonLink {
                label: indexes
                    .iter()
                    .map(|&i| frameworks[i].name.as_str())
                    .collect::<Vec<_>>()
                    .join(" vs "),
                href: link.path,
            }),
            _ => None,
        })
        .collect();
    let mut citations = Citations::new(catalog.as_ref());
    render(&HomePage {
        canonical: state.url("/"),
        cards: cards(catalog, &mut citations),
        sources: citations.into_list(),
        comparisons,
        feature_count: catalog.features().len(),
        source_count: catalog.sources().len(),
        question_count: catalog.questionnaire().questions.len(),
    })
}
