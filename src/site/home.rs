//! `/`: what the site is for, every framework as a card, and the comparisons people start with.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::GROUP_BY;
use super::citations::{Citations, NumberedSource, Ref};
use super::frameworks::{Card, cards};
use super::links;
use super::{AppState, Error, kept_html, render};
use crate::catalog::Catalog;

/// Frameworks of one kind, with what that kind means.
pub struct CardGroup<'a> {
    pub label: &'a str,
    pub explain: &'a str,
    pub cards: Vec<Card<'a>>,
}

/// Groups cards by the `scope` choice row (one unlabelled group without it).
fn group_by_scope<'a>(catalog: &'a Catalog, cards: Vec<Card<'a>>) -> Vec<CardGroup<'a>> {
    // The cards are in framework order, as the groups' indexes are.
    let mut cards: Vec<Option<Card<'a>>> = cards.into_iter().map(Some).collect();
    catalog
        .frameworks_by_choice(GROUP_BY)
        .into_iter()
        .map(|(choice, members)| CardGroup {
            label: choice.map_or("", |c| c.label.as_str()),
            explain: choice.map_or("", |c| c.explain.as_str()),
            cards: members.iter().filter_map(|&i| cards[i].take()).collect(),
        })
        .collect()
}

pub struct ComparisonLink {
    pub label: String,
    pub href: String,
    /// Why people weigh these frameworks against each other.
    pub reason: String,
    pub refs: Vec<Ref>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    canonical: String,
    og_title: String,
    og_description: String,
    /// The cards grouped by the scope of each framework's core, in the row's choice order.
    groups: Vec<CardGroup<'a>>,
    framework_count: usize,
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
    let mut citations = Citations::new(catalog.as_ref());
    let cards = cards(catalog, &mut citations);
    let comparisons = catalog
        .comparisons()
        .iter()
        .map(|c| ComparisonLink {
            label: c
                .frameworks
                .iter()
                .map(|&i| frameworks[i].name.as_str())
                .collect::<Vec<_>>()
                .join(" vs "),
            href: links::comparison(c.frameworks.iter().map(|&i| frameworks[i].slug.as_str())),
            reason: c.reason.clone(),
            refs: citations.refs(&c.sources),
        })
        .collect();
    render(&HomePage {
        canonical: state.url("/"),
        og_title: "Compare Python web frameworks, with sources".to_owned(),
        og_description: format!(
            "{} Python web frameworks compared side by side on {} features, every claim linked to its source, and a questionnaire whose ranking explains every point.",
            frameworks.len(),
            catalog.features().len()
        ),
        groups: group_by_scope(catalog, cards),
        framework_count: frameworks.len(),
        sources: citations.into_list(),
        comparisons,
        feature_count: catalog.features().len(),
        source_count: catalog.sources().len(),
        question_count: catalog.questionnaire().questions.len(),
    })
}
