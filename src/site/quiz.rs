//! `/quiz` (the questionnaire), `POST /quiz` (the scoring handler's front door),
//! `/quiz/weights` (every answer's effect under a scoring model, so the weights are public)
//! and `/quiz/models` (every scoring model, when it was published and what it changed).

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::citations::{Citations, NumberedSource, Ref};
use super::extract::{ContentType, pairs, query_pairs};
use super::results::IgnoredView;
use super::{AppState, Error, OptionView, kept_html, redirect, render};
use crate::answers::{Answers, FormErrors, Ignored, MODEL_PARAM, ModelAsked, canonical_query};
use crate::catalog::{Catalog, Effect, Model};
use crate::printable::printable;

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
    /// Answers of the link being edited that today's questionnaire does not have.
    ignored: Vec<IgnoredView>,
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
    ignored: &[Ignored],
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
        ignored: IgnoredView::all(ignored),
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
                let page = quiz_page(state, catalog, &answers, &errors, &[]);
                Ok(kept_html(render(&page)?))
            })
            .await;
    }
    let catalog = &state.catalog;
    // A results link's answers, whichever model ranked it, start today's questionnaire; its
    // `m` does not matter here, and answers today's questions lack are named.
    let (_, pairs) = ModelAsked::split(query_pairs(uri.query()));
    let (answers, ignored) = Answers::from_results_query(catalog.questionnaire(), &pairs);
    let errors = FormErrors::default();
    Ok(render(&quiz_page(&state, catalog, &answers, &errors, &ignored))?.into_response())
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
            let page = render(&quiz_page(&state, catalog, &answers, &errors, &[]))?;
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

/// The canonical results URL for these answers under the latest model, as a path.
fn results_location(catalog: &Catalog, answers: &Answers) -> String {
    format!(
        "/results?{}",
        canonical_query(catalog.latest_model(), answers)
    )
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
    model: &'a Model,
    is_latest: bool,
    /// An `m` that names no model (the latest model's weights are shown).
    unknown_model: Option<String>,
    questions: Vec<WeightQuestion<'a>>,
    levels: Vec<LevelShareView>,
    close_call_percent: u8,
    sources: Vec<NumberedSource<'a>>,
}

/// The weights of the model `?m=` names (the latest without it). Each model's page is kept;
/// an `m` that names no model gets the latest model's weights and a notice saying so.
pub async fn weights(State(state): State<AppState>, uri: Uri) -> Result<Response, Error> {
    let (asked, _) = ModelAsked::split(query_pairs(uri.query()));
    let catalog = &state.catalog;
    let key = match (&asked, uri.query()) {
        (ModelAsked::Absent, None) => Some("/quiz/weights".to_owned()),
        (ModelAsked::Id(id), Some(query))
            if catalog.model(*id).is_some() && query == format!("{MODEL_PARAM}={id}") =>
        {
            Some(format!("/quiz/weights?{query}"))
        }
        _ => None,
    };
    let Some(key) = key else {
        return Ok(render(&weights_page(&state, &asked))?.into_response());
    };
    state
        .kept(key, move |state| {
            Ok(kept_html(render(&weights_page(state, &asked))?))
        })
        .await
}

fn weights_page<'s>(state: &'s AppState, asked: &ModelAsked) -> WeightsPage<'s> {
    let catalog = &state.catalog;
    // Without `m`, the weights new results are scored with.
    let model: &Model = &catalog.models()[asked.choose(catalog, catalog.latest_model().id)];
    let questionnaire = &model.questionnaire;
    let mut citations = Citations::new(model);
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
                        .map(|effect| effect_view(model, effect, &mut citations))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let levels = questionnaire
        .levels
        .defined()
        .map(|(level, share)| LevelShareView {
            label: level.label(),
            symbol: level.symbol(),
            share,
        })
        .collect();
    let is_latest = model.id == catalog.latest_model().id;
    WeightsPage {
        canonical: state.url(&if is_latest {
            "/quiz/weights".to_owned()
        } else {
            format!("/quiz/weights?{MODEL_PARAM}={}", model.id)
        }),
        model,
        is_latest,
        unknown_model: asked.as_ignored(catalog).map(|i| printable(&i.option)),
        questions,
        levels,
        close_call_percent: questionnaire.close_call_percent,
        sources: citations.into_list(),
    }
}

/// One effect as the weights page lists it: who gains, how much, why and from which sources.
fn effect_view<'m>(
    model: &'m Model,
    effect: &'m Effect,
    citations: &mut Citations<'m>,
) -> EffectView<'m> {
    match effect {
        Effect::Framework {
            framework,
            points,
            reason,
            sources,
        } => EffectView {
            target: model.frameworks[*framework].name.clone(),
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
            let feature = &model.features[*feature];
            let sources: Vec<String> = feature
                .values
                .iter()
                .flat_map(|v| v.sources.iter().cloned())
                .collect();
            EffectView {
                target: format!("Every framework, by its “{}” support level", feature.name),
                points: format!("up to {points:+}"),
                reason,
                refs: citations.refs(&sources),
            }
        }
        Effect::Choice {
            feature,
            points,
            shares,
            reason,
            sources,
        } => {
            let feature = &model.features[*feature];
            let earns: Vec<String> = shares
                .iter()
                .filter(|(_, share)| *share > 0)
                .map(|(id, share)| format!("{} {share}%", feature.choice_label(id)))
                .collect();
            // The rule's sources, then each framework's for its property.
            let mut cited = sources.clone();
            cited.extend(
                feature
                    .values
                    .iter()
                    .flat_map(|v| v.sources.iter().cloned()),
            );
            EffectView {
                target: format!(
                    "Every framework, by its “{}”: {}",
                    feature.name,
                    earns.join(", ")
                ),
                points: format!("up to {points:+}"),
                reason,
                refs: citations.refs(&cited),
            }
        }
    }
}

/// One model as the models page lists it.
pub struct ModelRow<'a> {
    pub model: &'a Model,
    pub is_latest: bool,
    /// What changed since the model before it, as phrases.
    pub changes: Vec<String>,
}

#[derive(Template)]
#[template(path = "quiz/models.html")]
struct ModelsPage<'a> {
    canonical: String,
    /// Newest first.
    models: Vec<ModelRow<'a>>,
}

/// Every scoring model, newest first, with its date and what it changed.
pub async fn models(State(state): State<AppState>) -> Result<Response, Error> {
    state
        .kept("/quiz/models".to_owned(), |state| {
            let models = state.catalog.models();
            let rows = models
                .iter()
                .enumerate()
                .rev()
                .map(|(i, model)| ModelRow {
                    model,
                    is_latest: i + 1 == models.len(),
                    changes: i
                        .checked_sub(1)
                        .map(|before| model.changes_since(&models[before]))
                        .unwrap_or_default(),
                })
                .collect();
            let page = ModelsPage {
                canonical: state.url("/quiz/models"),
                models: rows,
            };
            Ok(kept_html(render(&page)?))
        })
        .await
}
