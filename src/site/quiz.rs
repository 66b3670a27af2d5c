//! `/quiz` (the questionnaire), `POST /quiz` (the scoring handler's front door) and
//! `/quiz/weights` (every answer's effect, so the weights are public).

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::citations::{Citations, NumberedSource, Ref};
use super::extract::{ContentType, pairs, query_pairs};
use super::{AppState, Error, kept_html, redirect, render};
use crate::answers::{Answers, FormErrors};
use crate::catalog::{Catalog, Effect};

pub struct OptionView<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub checked: bool,
}

pub struct QuestionView<'a> {
    pub id: &'a str,
    pub prompt: &'a str,
    pub help: &'a str,
    pub help_refs: Vec<Ref>,
    pub no_preference: bool,
    pub options: Vec<OptionView<'a>>,
    pub error: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "quiz/show.html")]
struct QuizPage<'a> {
    canonical: String,
    questions: Vec<QuestionView<'a>>,
    general_errors: &'a [String],
    error_count: usize,
    sources: Vec<NumberedSource<'a>>,
}

fn quiz_page<'a>(
    state: &AppState,
    catalog: &'a Catalog,
    answers: &Answers,
    errors: &'a FormErrors,
) -> QuizPage<'a> {
    let mut citations = Citations::new(catalog);
    let questions = catalog
        .questionnaire()
        .questions
        .iter()
        .enumerate()
        .map(|(qi, q)| QuestionView {
            id: &q.id,
            prompt: &q.prompt,
            help: &q.help,
            help_refs: citations.refs(&q.help_sources),
            no_preference: answers.get(qi).is_none(),
            options: q
                .options
                .iter()
                .enumerate()
                .map(|(oi, o)| OptionView {
                    id: &o.id,
                    label: &o.label,
                    checked: answers.get(qi) == Some(oi),
                })
                .collect(),
            error: errors.for_question(qi),
        })
        .collect();
    QuizPage {
        canonical: state.url("/quiz"),
        questions,
        general_errors: &errors.general,
        error_count: errors.general.len() + errors.by_question.len(),
        sources: citations.into_list(),
    }
}

/// The questionnaire; a query string in the results format pre-fills it.
pub async fn show(State(state): State<AppState>, uri: Uri) -> Result<Response, Error> {
    if uri.query().is_none_or(str::is_empty) {
        return state
            .kept("/quiz".to_owned(), |state| {
                let catalog = &state.catalog;
                let answers = Answers::none(catalog.questionnaire());
                let errors = FormErrors::default();
                let page = quiz_page(state, catalog, &answers, &errors);
                Ok(kept_html(render(&page)?))
            })
            .await;
    }
    let catalog = &state.catalog;
    let (answers, _) =
        Answers::from_results_query(catalog.questionnaire(), &query_pairs(uri.query()));
    let errors = FormErrors::default();
    Ok(render(&quiz_page(&state, catalog, &answers, &errors))?.into_response())
}

/// What a submitted form amounts to.
pub enum Submission {
    /// Valid answers: the canonical results URL to redirect to, as a path.
    Valid(String),
    /// Not a form submission (`415`).
    NotForm,
    /// Answers with problems, the valid ones kept (`422`, the form shown again).
    Invalid(Answers, FormErrors),
}

impl Submission {
    /// Judges a submission. `content_type` is the `Content-Type` header as text (`None` when absent or not text).
    pub fn judge(catalog: &Catalog, content_type: Option<&str>, body: &[u8]) -> Submission {
        if !is_form(content_type) {
            return Submission::NotForm;
        }
        let (answers, errors) = Answers::from_form(catalog.questionnaire(), &pairs(body));
        if errors.is_empty() {
            Submission::Valid(results_location(catalog, &answers))
        } else {
            Submission::Invalid(answers, errors)
        }
    }
}

/// Validates the submitted answers: `303` to the canonical results URL, or `422` with the form
/// shown again, the valid answers kept and each problem named beside its question.
pub async fn submit(
    State(state): State<AppState>,
    content_type: ContentType,
    body: Bytes,
) -> Result<Response, Error> {
    let catalog = &state.catalog;
    match Submission::judge(catalog, content_type.text(), &body) {
        Submission::Valid(location) => Ok(redirect(StatusCode::SEE_OTHER, &location)),
        Submission::NotForm => Err(Error::UnsupportedMediaType(
            "The questionnaire accepts only form submissions (application/x-www-form-urlencoded)."
                .to_owned(),
        )),
        Submission::Invalid(answers, errors) => {
            let page = render(&quiz_page(&state, catalog, &answers, &errors))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

fn is_form(content_type: Option<&str>) -> bool {
    content_type
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// The canonical results URL for these answers, as a path.
fn results_location(catalog: &Catalog, answers: &Answers) -> String {
    let query = answers.query(catalog.questionnaire());
    let mut location = String::with_capacity(9 + query.len());
    location.push_str("/results");
    if !query.is_empty() {
        location.push('?');
        location.push_str(&query);
    }
    location
}

/// One effect as the weights page lists it.
pub struct EffectView<'a> {
    pub target: String,
    pub points: String,
    pub reason: &'a str,
    pub refs: Vec<Ref>,
}

pub struct WeightOption<'a> {
    pub label: &'a str,
    pub effects: Vec<EffectView<'a>>,
}

pub struct WeightQuestion<'a> {
    pub id: &'a str,
    pub prompt: &'a str,
    pub options: Vec<WeightOption<'a>>,
}

pub struct LevelShareView {
    pub label: &'static str,
    pub symbol: &'static str,
    pub share: u8,
}

#[derive(Template)]
#[template(path = "quiz/weights.html")]
struct WeightsPage<'a> {
    canonical: String,
    questions: Vec<WeightQuestion<'a>>,
    levels: Vec<LevelShareView>,
    close_call_percent: u8,
    sources: Vec<NumberedSource<'a>>,
}

pub async fn weights(State(state): State<AppState>) -> Result<Response, Error> {
    state
        .kept("/quiz/weights".to_owned(), |state| {
            Ok(kept_html(render(&weights_page(state))?))
        })
        .await
}

fn weights_page(state: &AppState) -> WeightsPage<'_> {
    let catalog = &state.catalog;
    let questionnaire = catalog.questionnaire();
    let mut citations = Citations::new(catalog);
    let questions = questionnaire
        .questions
        .iter()
        .map(|q| WeightQuestion {
            id: &q.id,
            prompt: &q.prompt,
            options: q
                .options
                .iter()
                .map(|o| WeightOption {
                    label: &o.label,
                    effects: o
                        .effects
                        .iter()
                        .map(|effect| match effect {
                            Effect::Framework {
                                framework,
                                points,
                                reason,
                                sources,
                            } => EffectView {
                                target: catalog.frameworks()[*framework].name.clone(),
                                points: format!("{points:+}"),
                                reason,
                                refs: citations.refs(sources),
                            },
                            Effect::Feature {
                                feature,
                                points,
                                reason,
                            } => {
                                // Each framework's value for the row backs its share.
                                let sources: Vec<String> = catalog
                                    .frameworks()
                                    .iter()
                                    .flat_map(|f| f.values[*feature].sources.iter().cloned())
                                    .collect();
                                EffectView {
                                    target: format!(
                                        "Every framework, by its “{}” support level",
                                        catalog.features()[*feature].name
                                    ),
                                    points: format!("up to {points:+}"),
                                    reason,
                                    refs: citations.refs(&sources),
                                }
                            }
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let levels = crate::catalog::SupportLevel::ALL
        .iter()
        .map(|&level| LevelShareView {
            label: level.label(),
            symbol: level.symbol(),
            share: questionnaire.levels.share(level),
        })
        .collect();
    WeightsPage {
        canonical: state.url("/quiz/weights"),
        questions,
        levels,
        close_call_percent: questionnaire.close_call_percent,
        sources: citations.into_list(),
    }
}
