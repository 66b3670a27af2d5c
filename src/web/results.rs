//! `/results?{question}={option}&...`: the shareable results page.

mod prepared;

use std::cell::RefCell;

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Response};

use super::extract::query_pairs;
use super::{AppState, Error, render};
use crate::answers::{Answers, Ignored};
use crate::catalog::{Catalog, Framework};
use crate::compare;
use crate::printable::printable;
use crate::scoring::{self, Outcome};
pub use prepared::Prepared;
use prepared::{Numbering, SourceList, Stitched};

/// Points in hundredths, as shown: `+3`, `+1.2`, `-0.75`, `0`.
pub fn points_label(centi: i32) -> String {
    let sign = match centi.signum() {
        1 => "+",
        -1 => "−",
        _ => "",
    };
    let abs = centi.unsigned_abs();
    let (whole, frac) = (abs / 100, abs % 100);
    if frac == 0 {
        format!("{sign}{whole}")
    } else if frac % 10 == 0 {
        format!("{sign}{whole}.{}", frac / 10)
    } else {
        format!("{sign}{whole}.{frac:02}")
    }
}

pub struct RankView<'a> {
    pub framework: &'a Framework,
    pub percent: u8,
    pub points: String,
}

pub struct FlipView<'a> {
    pub prompt: &'a str,
    /// What to change, as a phrase: `answering “Large” instead of “Small”`.
    pub change: String,
    pub new_top: &'a str,
    /// The current top pick, when the change only draws level with it.
    pub tied_with: Option<&'a str>,
}

pub struct IgnoredView {
    /// As given, made printable (see `answers::printable`).
    pub question: String,
    pub option: String,
    pub reason: &'static str,
}

#[derive(Template)]
#[template(path = "results/show.html")]
struct ResultsPage<'a> {
    has_answers: bool,
    top: Option<&'a Framework>,
    ranking: Vec<RankView<'a>>,
    frameworks: &'a [Framework],
    /// Prepared rows, one per answer, in question order.
    why: Vec<Stitched<'a>>,
    close_call: bool,
    close_call_percent: u8,
    flips: Vec<FlipView<'a>>,
    hybrid: Option<Stitched<'a>>,
    ignored: Vec<IgnoredView>,
    compare_href: Option<String>,
    edit_href: String,
    /// The canonical results URL: the one to share.
    canonical: String,
    og_title: String,
    og_description: String,
    /// The source list's entries; written last, after everything that cites.
    sources: SourceList<'a>,
}

fn results_page<'a>(
    catalog: &'a Catalog,
    prepared: &'a Prepared,
    numbering: &'a RefCell<Numbering>,
    base_url: &str,
    answers: &Answers,
    outcome: &Outcome,
    ignored: &'a [Ignored],
) -> ResultsPage<'a> {
    let questionnaire = catalog.questionnaire();
    let frameworks = catalog.frameworks();
    let ranking: Vec<RankView<'a>> = outcome
        .ranking
        .iter()
        .map(|r| RankView {
            framework: &frameworks[r.framework],
            percent: r.percent,
            points: points_label(r.centi),
        })
        .collect();
    let why = answers
        .iter()
        .map(|(question, option)| prepared.row(question, option, numbering))
        .collect();
    let flips = flip_views(catalog, outcome);
    let hybrid = prepared.hybrid_note(numbering).filter(|_| outcome.hybrid);
    let top = outcome
        .top()
        .filter(|_| outcome.has_result())
        .map(|r| &frameworks[r.framework]);
    let compare_href = (outcome.has_result() && outcome.ranking.len() >= 2).then(|| {
        let a = &frameworks[outcome.ranking[0].framework].slug;
        let b = &frameworks[outcome.ranking[1].framework].slug;
        format!(
            "/compare/{}",
            compare::segment_for([a.as_str(), b.as_str()])
        )
    });
    let query = answers.query(questionnaire);
    let canonical = format!("{base_url}/results?{query}");
    let edit_href = if query.is_empty() {
        "/quiz".to_owned()
    } else {
        format!("/quiz?{query}")
    };
    let (og_title, og_description) = preview_text(top, &ranking);
    ResultsPage {
        has_answers: !answers.is_empty(),
        top,
        ranking,
        frameworks,
        why,
        close_call: outcome.close_call,
        close_call_percent: questionnaire.close_call_percent,
        flips,
        hybrid,
        ignored: ignored
            .iter()
            .map(|i| IgnoredView {
                question: printable(&i.question),
                option: printable(&i.option),
                reason: i.reason.describe(),
            })
            .collect(),
        compare_href,
        edit_href,
        canonical,
        og_title,
        og_description,
        sources: prepared.source_list(numbering),
    }
}

/// Each single change of answer that would change the top pick, as a phrase.
fn flip_views<'a>(catalog: &'a Catalog, outcome: &Outcome) -> Vec<FlipView<'a>> {
    let questionnaire = catalog.questionnaire();
    let frameworks = catalog.frameworks();
    let top_name = outcome.top().map(|r| frameworks[r.framework].name.as_str());
    outcome
        .flips
        .iter()
        .map(|flip| {
            let options = &questionnaire.questions[flip.question].options;
            let change = match (flip.from, flip.to) {
                (Some(from), Some(to)) => format!(
                    "answering “{}” instead of “{}”",
                    options[to].label, options[from].label
                ),
                (Some(from), None) => {
                    format!("leaving it unanswered instead of “{}”", options[from].label)
                }
                (None, Some(to)) => format!("answering “{}”", options[to].label),
                (None, None) => String::new(),
            };
            FlipView {
                prompt: &questionnaire.questions[flip.question].prompt,
                change,
                new_top: &frameworks[flip.new_top].name,
                tied_with: top_name.filter(|_| flip.tie),
            }
        })
        .collect()
}

/// The title and description a shared link previews with.
fn preview_text(top: Option<&Framework>, ranking: &[RankView<'_>]) -> (String, String) {
    match (top, ranking.first()) {
        (Some(top), Some(first)) => (
            format!("{} fits best ({}%)", top.name, first.percent),
            ranking
                .iter()
                .map(|r| format!("{} {}%", r.framework.name, r.percent))
                .collect::<Vec<_>>()
                .join(", ")
                + " — a ranking from the answers to a short questionnaire, with the reason and source for every point.",
        ),
        _ => (
            "No ranking yet".to_owned(),
            "Answer a short questionnaire to rank Python web frameworks for your project."
                .to_owned(),
        ),
    }
}

/// The results page for a query string: parse, score, render. Public for the benchmarks.
pub fn html(state: &AppState, query: Option<&str>) -> Result<Html<String>, Error> {
    let catalog = &state.catalog;
    let (answers, ignored) =
        Answers::from_results_query(catalog.questionnaire(), &query_pairs(query));
    let outcome = scoring::score(catalog, &answers);
    let numbering = RefCell::new(Numbering::new(catalog));
    render(&results_page(
        catalog,
        &state.results,
        &numbering,
        &state.base_url,
        &answers,
        &outcome,
        &ignored,
    ))
}

pub async fn show(State(state): State<AppState>, uri: Uri) -> Result<Response, Error> {
    let page = html(&state, uri.query())?;
    // The same URL always gives the same result for a given deploy, so results pages take
    // the site-wide cache policy (see `layers`).
    Ok(page.into_response())
}
