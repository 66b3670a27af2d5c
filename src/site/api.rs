//! The JSON twins of the pages (open data): `/api/frameworks`, `/api/frameworks/{slug}` and
//! `/api/compare/{a}-vs-{b}[...]`.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;
use serde::Serialize;

use super::extract::{ApiPath, flag_on, query_pairs};
use super::{ApiError, AppState, Error, kept_json};
use crate::answers::Link;
use crate::catalog::{
    Answer, Catalog, Claim, Disagreement, Extension, Facts, FeatureKind, Framework, Model,
    NotableUser, Source, Value,
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
    /// Moved homes and maintainers' warnings (`kind`: moved, not_for_new_projects,
    /// maintenance); empty for most frameworks.
    status_notices: &'a [crate::catalog::StatusNotice],
    /// Feature values keyed by feature id.
    values: BTreeMap<&'a str, FeatureValueJson<'a>>,
    /// The project's status (the `project_status` row's choice: stable, beta, alpha,
    /// maintenance or legacy).
    status: Option<&'a str>,
    /// What the project says it supports, and its feature releases, newest first.
    support_policy: Option<&'a crate::catalog::SupportPolicy>,
    releases: &'a [crate::catalog::Release],
    /// The cadence observed from `releases`, as of `as_of`.
    cadence: Option<CadenceJson<'a>>,
    /// Each survey that lists it: that survey's share and its definition (never combined).
    usage: Vec<UsageJson<'a>>,
    /// Every source the framework cites.
    sources: Vec<&'a Source>,
}

#[derive(Serialize)]
struct UsageJson<'a> {
    #[serde(flatten)]
    survey: &'a crate::catalog::usage::Survey,
    /// The percentage of that survey's respondents.
    share: u8,
}

#[derive(Serialize)]
struct CadenceJson<'a> {
    as_of: &'a str,
    /// The date of the newest feature release.
    latest_feature_release: Option<&'a str>,
    /// The newest release of any kind, fixes included (version, date, sources).
    last_release: &'a crate::catalog::LastRelease,
    releases_last_12_months: usize,
    releases_last_24_months: usize,
}

pub async fn frameworks(State(state): State<AppState>) -> Result<Response, ApiError> {
    Ok(state
        .kept("/api/frameworks".to_owned(), |state| {
            let list: Vec<FrameworkSummary> = state
                .catalog
                .frameworks()
                .iter()
                .map(FrameworkSummary::new)
                .collect();
            kept_json(&list)
        })
        .await?)
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
    let Some(index) = state.catalog.framework_index(&slug) else {
        return Err(ApiError(Error::NotFound(format!(
            "We have no framework called \"{}\".",
            crate::printable::printable(&slug)
        ))));
    };
    Ok(state
        .kept(format!("/api/frameworks/{slug}"), move |state| {
            let catalog = &state.catalog;
            kept_json(&framework_json(catalog, index))
        })
        .await?)
}

fn framework_json(catalog: &Catalog, index: usize) -> FrameworkJson<'_> {
    let f = &catalog.frameworks()[index];
    let lifecycle = catalog.lifecycle(index);
    let status = catalog
        .feature(crate::catalog::STATUS_ROW)
        .and_then(|(row, _)| match &f.values[row].answer {
            Answer::Choice { id, .. } => Some(id.as_str()),
            _ => None,
        });
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
        .chain(f.status_notices.iter().flat_map(|n| &n.sources))
        .chain(f.values.iter().flat_map(|v| {
            v.sources
                .iter()
                .chain(v.disagreements.iter().flat_map(|d| &d.sources))
        }))
        .chain(lifecycle.into_iter().flat_map(|l| {
            l.support_policy
                .sources
                .iter()
                .chain(l.releases.iter().flat_map(|r| &r.sources))
        }));
    let usage: Vec<UsageJson> = catalog
        .surveys()
        .iter()
        .filter_map(|survey| {
            Some(UsageJson {
                survey,
                share: survey.share(index)?,
            })
        })
        .collect();
    let sources = cited_sources(
        catalog,
        ids.chain(usage.iter().flat_map(|u| &u.survey.sources)),
    );
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
        status_notices: &f.status_notices,
        values,
        status,
        support_policy: lifecycle.map(|l| &l.support_policy),
        releases: lifecycle.map_or(&[], |l| l.releases.as_slice()),
        cadence: lifecycle.map(|l| CadenceJson {
            as_of: &l.as_of,
            latest_feature_release: l.latest().map(|r| r.date.as_str()),
            last_release: &l.last_release,
            releases_last_12_months: l.releases_within(12),
            releases_last_24_months: l.releases_within(24),
        }),
        usage,
        sources,
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
    /// How to move from one compared framework to another, where their docs say.
    migrations: Vec<MigrationJson<'a>>,
    sources: Vec<&'a Source>,
}

#[derive(Serialize)]
struct MigrationJson<'a> {
    from: &'a str,
    to: &'a str,
    summary: &'a str,
    carries_over: &'a [String],
    rewrite: &'a [String],
    steps: &'a [String],
    sources: &'a [String],
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
    let selection = match super::compare::resolve(&state.catalog, &segment, &uri, "/api/compare/")?
    {
        Ok(selection) => selection,
        Err(redirect) => return Ok(redirect),
    };
    let diff = flag_on(&query_pairs(uri.query()), "diff");
    let mut key = format!("/api/compare/{}", selection.segment(&state.catalog));
    if diff {
        key.push_str("?diff=1");
    }
    Ok(state
        .kept(key, move |state| {
            kept_json(&compare_json(&state.catalog, &selection, diff))
        })
        .await?)
}

fn compare_json<'a>(
    catalog: &'a Catalog,
    selection: &compare::Selection,
    diff: bool,
) -> CompareJson<'a> {
    let comparison = compare::compare(catalog, selection, diff);
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
    let migrations = catalog.migrations_among(selection.indexes());
    let ids = comparison
        .sections
        .iter()
        .flat_map(|s| {
            s.rows.iter().flat_map(|r| {
                r.values.iter().flat_map(|v| {
                    v.sources
                        .iter()
                        .chain(v.disagreements.iter().flat_map(|d| &d.sources))
                })
            })
        })
        .chain(migrations.iter().flat_map(|m| &m.sources));
    CompareJson {
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
        migrations: migrations
            .iter()
            .map(|m| MigrationJson {
                from: &catalog.frameworks()[m.from].slug,
                to: &catalog.frameworks()[m.to].slug,
                summary: &m.summary,
                carries_over: &m.carries_over,
                rewrite: &m.rewrite,
                steps: &m.steps,
                sources: &m.sources,
            })
            .collect(),
        sources: cited_sources(catalog, ids),
        categories,
    }
}

#[derive(Serialize)]
struct OptionJson<'a> {
    id: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct QuestionJson<'a> {
    id: &'a str,
    prompt: &'a str,
    help: &'a str,
    help_sources: &'a [String],
    options: Vec<OptionJson<'a>>,
}

/// The questions in order, with their options.
pub async fn questionnaire(State(state): State<AppState>) -> Result<Response, ApiError> {
    Ok(state
        .kept("/api/questionnaire".to_owned(), |state| {
            kept_json(&questionnaire_json(state))
        })
        .await?)
}

fn questionnaire_json(state: &AppState) -> Vec<QuestionJson<'_>> {
    state
        .catalog
        .questionnaire()
        .questions
        .iter()
        .map(|q| QuestionJson {
            id: &q.id,
            prompt: &q.prompt,
            help: &q.help,
            help_sources: &q.help_sources,
            options: q
                .options
                .iter()
                .map(|o| OptionJson {
                    id: &o.id,
                    label: &o.label,
                })
                .collect(),
        })
        .collect()
}

#[derive(Serialize)]
struct RankedJson<'a> {
    slug: &'a str,
    name: &'a str,
    score: f64,
    percent: u8,
}

#[derive(Serialize)]
struct IgnoredJson {
    question: String,
    option: String,
    reason: &'static str,
}

#[derive(Serialize)]
struct PartJson<'a> {
    weight: i8,
    #[serde(skip_serializing_if = "Option::is_none")]
    support: Option<&'static str>,
    /// The framework's choice for a choice effect's row, as shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    choice: Option<&'a str>,
    /// The percent of the weight that choice earns.
    #[serde(skip_serializing_if = "Option::is_none")]
    share: Option<u8>,
    points: f64,
    reason: &'a str,
    sources: &'a [String],
    /// The sources of a choice effect's rule.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    rule_sources: &'a [String],
}

#[derive(Serialize)]
struct ContributionJson<'a> {
    question: &'a str,
    option: &'a str,
    /// Keyed by framework slug: the points and the effects behind them.
    frameworks: BTreeMap<&'a str, FrameworkContributionJson<'a>>,
}

#[derive(Serialize)]
struct FrameworkContributionJson<'a> {
    points: f64,
    effects: Vec<PartJson<'a>>,
}

#[derive(Serialize)]
struct FlipJson<'a> {
    question: &'a str,
    from: Option<&'a str>,
    to: Option<&'a str>,
    new_top: &'a str,
    /// The new top pick would only tie with the current one (and come first by slug).
    tie: bool,
}

#[derive(Serialize)]
struct ResultsJson<'a> {
    ranking: Vec<RankedJson<'a>>,
    answers: BTreeMap<&'a str, &'a str>,
    ignored: Vec<IgnoredJson>,
    close_call: bool,
    close_call_percent: u8,
    /// The most points any framework could have earned from these answers (what 100% is).
    max_score: f64,
    contributions: Vec<ContributionJson<'a>>,
    changes_that_flip_the_top_pick: Vec<FlipJson<'a>>,
    hybrid: Option<&'a str>,
    /// The canonical results URL, as a path: the answers, then `m`.
    url: String,
    /// The scoring model that ranked these answers.
    model: u32,
    /// The day that model was published; `null` for live content not yet published.
    model_published: Option<&'a str>,
    latest_model: u32,
    /// The same answers under the latest model, when another model ranked these.
    #[serde(skip_serializing_if = "Option::is_none")]
    latest_url: Option<String>,
    /// Whether the latest model ranks these answers differently (order or percents), when
    /// another model ranked them.
    #[serde(skip_serializing_if = "Option::is_none")]
    latest_ranks_differently: Option<bool>,
}

fn centi(points: i32) -> f64 {
    f64::from(points) / 100.0
}

/// The results page's data; same query, same body.
pub async fn results(State(state): State<AppState>, uri: Uri) -> Result<Response, ApiError> {
    let link = Link::read(&state.catalog, query_pairs(uri.query()));
    let Some(key) = super::results::kept_key("/api/results", &link, uri.query()) else {
        return Ok(super::json(&results_json(&state.catalog, &link)));
    };
    let query = uri.query().map(str::to_owned);
    Ok(state
        .kept(key, move |state| {
            let link = Link::read(&state.catalog, query_pairs(query.as_deref()));
            kept_json(&results_json(&state.catalog, &link))
        })
        .await?)
}

fn results_json<'a>(catalog: &'a Catalog, link: &Link<'a>) -> ResultsJson<'a> {
    let model: &'a Model = link.model;
    let questionnaire = &model.questionnaire;
    let frameworks = &model.frameworks;
    let answers = &link.answers;
    let outcome = crate::scoring::score(model, answers);
    let latest = super::results::under_latest(catalog, link).map(|(latest, latest_outcome)| {
        let same = super::results::same_ranking((model, &outcome), (latest.model, &latest_outcome));
        (format!("/results?{}", latest.query()), !same)
    });
    let option_id =
        |q: usize, o: Option<usize>| o.map(|o| questionnaire.questions[q].options[o].id.as_str());
    ResultsJson {
        ranking: outcome
            .ranking
            .iter()
            .map(|r| RankedJson {
                slug: &frameworks[r.framework].slug,
                name: &frameworks[r.framework].name,
                score: r.score(),
                percent: r.percent,
            })
            .collect(),
        answers: answers
            .iter()
            .map(|(q, o)| {
                let question = &questionnaire.questions[q];
                (question.id.as_str(), question.options[o].id.as_str())
            })
            .collect(),
        ignored: link
            .ignored
            .iter()
            .cloned()
            .map(|i| IgnoredJson {
                reason: i.reason.describe(),
                question: i.question,
                option: i.option,
            })
            .collect(),
        close_call: outcome.close_call,
        close_call_percent: questionnaire.close_call_percent,
        max_score: centi(outcome.available_centi),
        contributions: answers
            .iter()
            .map(|(q, o)| crate::scoring::answer_effects(model, q, o))
            .map(|e| ContributionJson {
                question: &questionnaire.questions[e.question].id,
                option: &questionnaire.questions[e.question].options[e.option].id,
                frameworks: frameworks
                    .iter()
                    .enumerate()
                    .map(|(f, framework)| {
                        (
                            framework.slug.as_str(),
                            FrameworkContributionJson {
                                points: centi(e.total(f)),
                                effects: e.parts[f]
                                    .iter()
                                    .map(|p| PartJson {
                                        weight: p.weight,
                                        support: p.support.map(crate::catalog::SupportLevel::id),
                                        choice: p.choice.map(|(label, _)| label),
                                        share: p.choice.map(|(_, share)| share),
                                        rule_sources: p.rule_sources,
                                        points: centi(p.centi),
                                        reason: p.reason,
                                        sources: p.sources,
                                    })
                                    .collect(),
                            },
                        )
                    })
                    .collect(),
            })
            .collect(),
        changes_that_flip_the_top_pick: outcome
            .flips
            .iter()
            .map(|f| FlipJson {
                question: &questionnaire.questions[f.question].id,
                from: option_id(f.question, f.from),
                to: option_id(f.question, f.to),
                new_top: &frameworks[f.new_top].slug,
                tie: f.tie,
            })
            .collect(),
        hybrid: questionnaire
            .hybrid
            .as_ref()
            .filter(|_| outcome.hybrid)
            .map(|h| h.note.as_str()),
        url: format!("/results?{}", link.query()),
        model: model.id,
        model_published: model.published.as_deref(),
        latest_model: catalog.latest_model().id,
        latest_ranks_differently: latest.as_ref().map(|(_, differs)| *differs),
        latest_url: latest.map(|(url, _)| url),
    }
}
