//! Frozen scoring models: `models/{id}.toml` in a content directory, one file per published
//! model, written by `--freeze-model` and never edited by hand. A snapshot holds everything
//! the scorer reads and everything a results page under that model cites (see [`Model`]),
//! with frameworks named by slug and features by id, so that it stands on its own whatever
//! the live content becomes.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{
    AnswerOption, ContentError, Effect, Hybrid, LevelShares, Model, ModelAnswer, ModelFeature,
    ModelFramework, ModelValue, Question, Questionnaire, RawSource, Source, SupportLevel,
};

/// What a snapshot file says above its data.
const HEADER: &str = "\
# A frozen scoring model: what the questionnaire scored with when it was published, so that
# results links carrying its id (m=...) rank as they did. Written by `--freeze-model`; do not
# edit. To publish the live content's scoring as a new model, see the README (\"Scoring models\").
";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Snapshot {
    model: Head,
    scoring: Scoring,
    framework: Vec<SnapFramework>,
    #[serde(default)]
    feature: Vec<SnapFeature>,
    question: Vec<SnapQuestion>,
    #[serde(default)]
    source: Vec<RawSource>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    id: u32,
    published: String,
    summary: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Scoring {
    close_call_percent: u8,
    levels: LevelShares,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hybrid: Option<SnapHybrid>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapHybrid {
    frameworks: Vec<String>,
    min_percent: u8,
    note: String,
    sources: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapFramework {
    slug: String,
    name: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapFeature {
    id: String,
    name: String,
    /// A choice row's choices; absent for a support row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    choice: Vec<SnapChoice>,
    value: Vec<SnapValue>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapChoice {
    id: String,
    label: String,
}

/// A framework's value: `support` on a support row, `choice` on a choice row.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapValue {
    framework: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    support: Option<SupportLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    choice: Option<String>,
    sources: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapQuestion {
    id: String,
    prompt: String,
    help: String,
    help_sources: Vec<String>,
    option: Vec<SnapOption>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapOption {
    id: String,
    label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    effect: Vec<SnapEffect>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    feature_effect: Vec<SnapFeatureEffect>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    choice_effect: Vec<SnapChoiceEffect>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapChoiceEffect {
    feature: String,
    points: i8,
    reason: String,
    sources: Vec<String>,
    /// Percent of the points by choice id, in the row's choice order.
    shares: Vec<SnapShare>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapShare {
    choice: String,
    share: u8,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapEffect {
    framework: String,
    points: i8,
    reason: String,
    sources: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapFeatureEffect {
    feature: String,
    points: i8,
    reason: String,
}

impl Snapshot {
    /// A published model as a snapshot.
    pub(super) fn of(model: &Model, published: &str) -> Snapshot {
        let slug = |i: usize| model.frameworks[i].slug.clone();
        let q = &model.questionnaire;
        Snapshot {
            model: Head {
                id: model.id,
                published: published.to_owned(),
                summary: model.summary.clone(),
            },
            scoring: Scoring {
                close_call_percent: q.close_call_percent,
                levels: q.levels,
                hybrid: q.hybrid.as_ref().map(|h| SnapHybrid {
                    frameworks: h.frameworks.iter().map(|&f| slug(f)).collect(),
                    min_percent: h.min_percent,
                    note: h.note.clone(),
                    sources: h.sources.clone(),
                }),
            },
            framework: model
                .frameworks
                .iter()
                .map(|f| SnapFramework {
                    slug: f.slug.clone(),
                    name: f.name.clone(),
                })
                .collect(),
            feature: model
                .features
                .iter()
                .map(|f| SnapFeature {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    choice: f
                        .choices
                        .iter()
                        .map(|(id, label)| SnapChoice {
                            id: id.clone(),
                            label: label.clone(),
                        })
                        .collect(),
                    value: f
                        .values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| SnapValue {
                            framework: slug(i),
                            support: match &v.answer {
                                ModelAnswer::Support(level) => Some(*level),
                                ModelAnswer::Choice(_) => None,
                            },
                            choice: match &v.answer {
                                ModelAnswer::Support(_) => None,
                                ModelAnswer::Choice(id) => Some(id.clone()),
                            },
                            sources: v.sources.clone(),
                        })
                        .collect(),
                })
                .collect(),
            question: q
                .questions
                .iter()
                .map(|question| SnapQuestion::of(model, question))
                .collect(),
            source: model.sources.iter().map(RawSource::of).collect(),
        }
    }

    /// The snapshot as the file's text.
    pub(super) fn to_toml(&self) -> Result<String, String> {
        let body = toml::to_string(self).map_err(|e| format!("cannot write the snapshot: {e}"))?;
        Ok(format!("{HEADER}\n{body}"))
    }

    pub(super) fn id(&self) -> u32 {
        self.model.id
    }

    /// The model this snapshot freezes, or what is wrong with it (`file` names it in
    /// messages). Effects and feature values are checked to refer to what the snapshot holds,
    /// so a model that loads can be scored without a missing index.
    pub(super) fn into_model(self, file: &str, errors: &mut Vec<ContentError>) -> Option<Model> {
        let before = errors.len();
        let Snapshot {
            model: head,
            scoring,
            framework,
            feature,
            question,
            source,
        } = self;
        let mut check = Check {
            file,
            errors,
            source_ids: source.iter().map(|s| s.id.clone()).collect(),
        };
        if head.id == 0 {
            check.error("model", "id", "a model id is a positive integer".to_owned());
        }
        if !super::is_full_date(&head.published) {
            let reason = format!("\"{}\" is not a date (YYYY-MM-DD)", head.published);
            check.error("model", "published", reason);
        }
        let frameworks = check.frameworks(framework);
        let features: Vec<ModelFeature> = feature
            .into_iter()
            .map(|f| check.feature(f, &frameworks))
            .collect();
        let questions: Vec<Question> = question
            .into_iter()
            .map(|q| check.question(q, &frameworks, &features))
            .collect();
        for (i, q) in questions.iter().enumerate() {
            if questions[..i].iter().any(|known| known.id == q.id) {
                check.error(
                    &format!("question \"{}\"", q.id),
                    "id",
                    "duplicate question id".to_owned(),
                );
            }
        }
        let hybrid = scoring.hybrid.map(|h| check.hybrid(h, &frameworks));
        let levels = scoring.levels;
        let partly_built_in = features.iter().any(|f| {
            f.values
                .iter()
                .any(|v| v.answer == ModelAnswer::Support(SupportLevel::Partial))
        });
        if partly_built_in && levels.partial.is_none() {
            check.error(
                "scoring.levels",
                "partial",
                "missing, while a framework's value is partly built in".to_owned(),
            );
        }
        if [
            levels.built_in,
            levels.partial.unwrap_or(0),
            levels.official,
            levels.third_party,
            levels.none,
            scoring.close_call_percent,
        ]
        .iter()
        .any(|&p| p > 100)
        {
            check.error("scoring", "", "a percent is at most 100".to_owned());
        }
        if errors.len() > before {
            return None;
        }
        let sources = source.into_iter().map(Source::from).collect();
        let questionnaire = Questionnaire {
            questions,
            close_call_percent: scoring.close_call_percent,
            levels,
            hybrid,
        };
        Some(Model::new(
            head.id,
            Some(head.published),
            head.summary,
            frameworks,
            features,
            questionnaire,
            sources,
        ))
    }
}

/// Checks a snapshot's parts while converting them, collecting what is wrong.
struct Check<'a> {
    file: &'a str,
    errors: &'a mut Vec<ContentError>,
    source_ids: Vec<String>,
}

impl Check<'_> {
    fn error(&mut self, entry: &str, field: &str, reason: String) {
        self.errors.push(ContentError {
            file: self.file.to_owned(),
            entry: entry.to_owned(),
            field: field.to_owned(),
            reason,
        });
    }

    fn cites(&mut self, entry: &str, field: &str, ids: &[String]) {
        for id in ids {
            if !self.source_ids.contains(id) {
                let reason = format!("cites source \"{id}\", which the snapshot does not list");
                self.error(entry, field, reason);
            }
        }
    }

    /// The framework with this slug, or an error.
    fn framework(
        &mut self,
        frameworks: &[ModelFramework],
        entry: &str,
        field: &str,
        slug: &str,
    ) -> Option<usize> {
        let found = frameworks.iter().position(|f| f.slug == slug);
        if found.is_none() {
            let reason = format!("\"{slug}\" is not one of the model's frameworks");
            self.error(entry, field, reason);
        }
        found
    }

    fn frameworks(&mut self, listed: Vec<SnapFramework>) -> Vec<ModelFramework> {
        if listed.is_empty() {
            self.error(
                "",
                "framework",
                "a model ranks at least one framework".to_owned(),
            );
        }
        let mut frameworks: Vec<ModelFramework> = Vec::new();
        for f in listed {
            if frameworks.iter().any(|known| known.slug == f.slug) {
                self.error(
                    &format!("framework \"{}\"", f.slug),
                    "slug",
                    "listed twice".to_owned(),
                );
                continue;
            }
            frameworks.push(ModelFramework {
                slug: f.slug,
                name: f.name,
            });
        }
        frameworks
    }

    fn feature(&mut self, f: SnapFeature, frameworks: &[ModelFramework]) -> ModelFeature {
        let entry = format!("feature \"{}\"", f.id);
        let mut values: Vec<Option<ModelValue>> = vec![None; frameworks.len()];
        for v in f.value {
            self.cites(&entry, "value.sources", &v.sources);
            let Some(i) = self.framework(frameworks, &entry, "value.framework", &v.framework)
            else {
                continue;
            };
            if values[i].is_some() {
                let reason = format!("\"{}\" has two values", v.framework);
                self.error(&entry, "value.framework", reason);
            }
            let answer = match (v.support, v.choice) {
                (Some(level), None) if f.choice.is_empty() => ModelAnswer::Support(level),
                (None, Some(id)) if f.choice.iter().any(|c| c.id == id) => ModelAnswer::Choice(id),
                _ => {
                    let reason = format!(
                        "\"{}\" needs a support level on a support row, or one of the row's choices on a choice row",
                        v.framework
                    );
                    self.error(&entry, "value", reason);
                    continue;
                }
            };
            values[i] = Some(ModelValue {
                answer,
                sources: v.sources,
            });
        }
        if values.iter().any(Option::is_none) {
            let reason = "every framework of the model needs a value".to_owned();
            self.error(&entry, "value", reason);
        }
        ModelFeature {
            id: f.id,
            name: f.name,
            choices: f.choice.into_iter().map(|c| (c.id, c.label)).collect(),
            values: values.into_iter().flatten().collect(),
        }
    }

    fn question(
        &mut self,
        q: SnapQuestion,
        frameworks: &[ModelFramework],
        features: &[ModelFeature],
    ) -> Question {
        let entry = format!("question \"{}\"", q.id);
        self.cites(&entry, "help_sources", &q.help_sources);
        let mut options: Vec<AnswerOption> = Vec::new();
        for o in q.option {
            let entry = format!("{entry} option \"{}\"", o.id);
            if options.iter().any(|known| known.id == o.id) {
                let reason = "duplicate option id in this question".to_owned();
                self.error(&entry, "id", reason);
            }
            let mut effects = Vec::new();
            for e in o.effect {
                self.cites(&entry, "effect.sources", &e.sources);
                if let Some(framework) =
                    self.framework(frameworks, &entry, "effect.framework", &e.framework)
                {
                    effects.push(Effect::Framework {
                        framework,
                        points: e.points,
                        reason: e.reason,
                        sources: e.sources,
                    });
                }
            }
            for e in o.feature_effect {
                let Some(feature) = features.iter().position(|f| f.id == e.feature) else {
                    let reason = format!("\"{}\" is not one of the snapshot's features", e.feature);
                    self.error(&entry, "feature_effect.feature", reason);
                    continue;
                };
                effects.push(Effect::Feature {
                    feature,
                    points: e.points,
                    reason: e.reason,
                });
            }
            for e in o.choice_effect {
                self.cites(&entry, "choice_effect.sources", &e.sources);
                let Some(feature) = features
                    .iter()
                    .position(|f| f.id == e.feature && !f.choices.is_empty())
                else {
                    let reason =
                        format!("\"{}\" is not one of the snapshot's choice rows", e.feature);
                    self.error(&entry, "choice_effect.feature", reason);
                    continue;
                };
                effects.push(Effect::Choice {
                    feature,
                    points: e.points,
                    shares: e.shares.into_iter().map(|s| (s.choice, s.share)).collect(),
                    reason: e.reason,
                    sources: e.sources,
                });
            }
            options.push(AnswerOption {
                id: o.id,
                label: o.label,
                effects,
            });
        }
        if options.len() < 2 {
            let reason = "a question needs at least two options".to_owned();
            self.error(&entry, "option", reason);
        }
        Question {
            id: q.id,
            prompt: q.prompt,
            help: q.help,
            help_sources: q.help_sources,
            options,
        }
    }

    fn hybrid(&mut self, h: SnapHybrid, frameworks: &[ModelFramework]) -> Hybrid {
        let entry = "scoring.hybrid";
        self.cites(entry, "sources", &h.sources);
        let indexes = h
            .frameworks
            .iter()
            .filter_map(|slug| self.framework(frameworks, entry, "frameworks", slug))
            .collect();
        Hybrid {
            frameworks: indexes,
            min_percent: h.min_percent,
            note: h.note,
            sources: h.sources,
        }
    }
}

impl SnapQuestion {
    fn of(model: &Model, question: &Question) -> SnapQuestion {
        SnapQuestion {
            id: question.id.clone(),
            prompt: question.prompt.clone(),
            help: question.help.clone(),
            help_sources: question.help_sources.clone(),
            option: question
                .options
                .iter()
                .map(|o| {
                    let mut option = SnapOption {
                        id: o.id.clone(),
                        label: o.label.clone(),
                        effect: Vec::new(),
                        feature_effect: Vec::new(),
                        choice_effect: Vec::new(),
                    };
                    for effect in &o.effects {
                        match effect {
                            Effect::Framework {
                                framework,
                                points,
                                reason,
                                sources,
                            } => option.effect.push(SnapEffect {
                                framework: model.frameworks[*framework].slug.clone(),
                                points: *points,
                                reason: reason.clone(),
                                sources: sources.clone(),
                            }),
                            Effect::Feature {
                                feature,
                                points,
                                reason,
                            } => option.feature_effect.push(SnapFeatureEffect {
                                feature: model.features[*feature].id.clone(),
                                points: *points,
                                reason: reason.clone(),
                            }),
                            Effect::Choice {
                                feature,
                                points,
                                shares,
                                reason,
                                sources,
                            } => option.choice_effect.push(SnapChoiceEffect {
                                feature: model.features[*feature].id.clone(),
                                points: *points,
                                reason: reason.clone(),
                                sources: sources.clone(),
                                shares: shares
                                    .iter()
                                    .map(|(choice, share)| SnapShare {
                                        choice: choice.clone(),
                                        share: *share,
                                    })
                                    .collect(),
                            }),
                        }
                    }
                    option
                })
                .collect(),
        }
    }
}

/// Where model `id`'s snapshot lives in a content directory.
fn snapshot_path(content_dir: &Path, id: u32) -> PathBuf {
    content_dir.join("models").join(format!("{id}.toml"))
}

/// Publishes the live content's scoring as a new model: writes the latest model of `catalog`
/// (loaded from `content_dir`) as `models/{id}.toml` there, dated `published` (`YYYY-MM-DD`),
/// with `summary` as its line on what it changed. Refuses when the live scoring is already a
/// published model, or when the file exists. Returns the path written.
pub fn freeze(
    catalog: &super::Catalog,
    content_dir: &Path,
    summary: &str,
    published: &str,
) -> Result<PathBuf, String> {
    let latest = catalog.latest_model();
    if let Some(date) = &latest.published {
        return Err(format!(
            "nothing to freeze: the content scores exactly as model {} (published {date})",
            latest.id
        ));
    }
    let summary = summary.trim();
    if summary.is_empty() {
        return Err("say in a line what the new model changes".to_owned());
    }
    if !super::is_full_date(published) {
        return Err(format!("\"{published}\" is not a date (YYYY-MM-DD)"));
    }
    let mut model = (**latest).clone();
    summary.clone_into(&mut model.summary);
    let text = Snapshot::of(&model, published).to_toml()?;
    let path = snapshot_path(content_dir, model.id);
    if path.exists() {
        return Err(format!("{} exists already", path.display()));
    }
    let dir = path.parent().unwrap_or(content_dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}
