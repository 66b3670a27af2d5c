//! Loading `questionnaire.toml`: questions, options and scoring data, cross-checked against
//! the frameworks, features and sources.

use serde::Deserialize;

use super::{FileRole, IdKind, Loader};
use crate::catalog::{
    AnswerOption, Effect, Feature, FeatureKind, Framework, Hybrid, LevelShares, Question,
    Questionnaire,
};

/// The largest number of points one effect may give or take.
const MAX_POINTS: i8 = 5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionnaire {
    scoring: RawScoring,
    question: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScoring {
    close_call_percent: u8,
    levels: LevelShares,
    hybrid: Option<RawHybrid>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHybrid {
    frameworks: Vec<String>,
    min_percent: u8,
    note: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    prompt: String,
    help: String,
    help_sources: Vec<String>,
    option: Vec<RawOption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: String,
    label: String,
    #[serde(default)]
    effect: Vec<RawEffect>,
    #[serde(default)]
    feature_effect: Vec<RawFeatureEffect>,
    #[serde(default)]
    choice_effect: Vec<RawChoiceEffect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoiceEffect {
    feature: String,
    points: i8,
    reason: String,
    sources: Vec<String>,
    /// Percent of the points by choice id (choices not named earn 0).
    shares: std::collections::BTreeMap<String, u8>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEffect {
    framework: String,
    points: i8,
    reason: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeatureEffect {
    feature: String,
    points: i8,
    reason: String,
}

impl Loader<'_> {
    pub(super) fn load_questionnaire(
        &mut self,
        file: &str,
        table: &toml::Table,
        frameworks: &[Framework],
        features: &[Feature],
    ) -> Option<Questionnaire> {
        let raw = self.typed::<RawQuestionnaire>(file, table, FileRole::Questionnaire)?;
        let errors_before = self.errors.len();
        let scoring = raw.scoring;
        self.check_scoring(file, &scoring);
        let levels = &scoring.levels;
        let hybrid = scoring
            .hybrid
            .map(|h| self.load_hybrid(file, h, frameworks));

        let mut questions: Vec<Question> = Vec::new();
        for (qi, q) in raw.question.into_iter().enumerate() {
            let entry = if q.id.is_empty() {
                format!("question #{}", qi + 1)
            } else {
                format!("question \"{}\"", q.id)
            };
            self.id(file, &entry, "id", &q.id, IdKind::Feature);
            if questions.iter().any(|known| known.id == q.id) {
                self.error(file, &entry, "id", "duplicate question id");
            }
            self.text(file, &entry, "prompt", &q.prompt);
            self.text(file, &entry, "help", &q.help);
            self.cite(file, &entry, "help_sources", &q.help_sources);
            if q.option.len() < 2 {
                self.error(
                    file,
                    &entry,
                    "option",
                    "a question needs at least two options",
                );
            }
            let mut options: Vec<AnswerOption> = Vec::new();
            for o in q.option {
                let entry = format!("{entry} option \"{}\"", o.id);
                self.id(file, &entry, "id", &o.id, IdKind::Feature);
                if options.iter().any(|known| known.id == o.id) {
                    self.error(file, &entry, "id", "duplicate option id in this question");
                }
                self.text(file, &entry, "label", &o.label);
                let mut effects = self.load_effects(
                    file,
                    &entry,
                    o.effect,
                    o.feature_effect,
                    frameworks,
                    features,
                );
                for (i, e) in o.choice_effect.into_iter().enumerate() {
                    let entry = format!("{entry} choice_effect #{}", i + 1);
                    if let Some(effect) = self.choice_effect(file, &entry, e, features) {
                        effects.push(effect);
                    }
                }
                options.push(AnswerOption {
                    id: o.id,
                    label: o.label,
                    effects,
                });
            }
            questions.push(Question {
                id: q.id,
                prompt: q.prompt,
                help: q.help,
                help_sources: q.help_sources,
                options,
            });
        }
        if questions.is_empty() {
            self.error(file, "", "question", "the questionnaire has no questions");
        }
        if self.errors.len() > errors_before {
            return None;
        }
        Some(Questionnaire {
            questions,
            close_call_percent: scoring.close_call_percent,
            levels: *levels,
            hybrid,
        })
    }

    fn check_scoring(&mut self, file: &str, scoring: &RawScoring) {
        if scoring.close_call_percent > 100 {
            self.error(
                file,
                "scoring",
                "close_call_percent",
                "a percent is at most 100",
            );
        }
        let levels = &scoring.levels;
        let Some(partial) = levels.partial else {
            self.error(
                file,
                "scoring.levels",
                "partial",
                "missing: the share a partly built-in value earns",
            );
            return;
        };
        for (field, share) in [
            ("built_in", levels.built_in),
            ("partial", partial),
            ("official", levels.official),
            ("third_party", levels.third_party),
            ("none", levels.none),
        ] {
            if share > 100 {
                self.error(
                    file,
                    "scoring.levels",
                    field,
                    "a share is at most 100 (percent)",
                );
            }
        }
        if !(levels.built_in >= levels.official
            && levels.official >= levels.third_party
            && levels.third_party >= levels.none
            && levels.built_in >= partial
            && partial >= levels.third_party)
        {
            self.error(
                file,
                "scoring.levels",
                "",
                "shares must not rise as support falls (built_in >= official >= third_party >= none, \
                 and built_in >= partial >= third_party)",
            );
        }
    }

    fn load_hybrid(&mut self, file: &str, h: RawHybrid, frameworks: &[Framework]) -> Hybrid {
        let entry = "scoring.hybrid";
        let indexes: Vec<usize> = h
            .frameworks
            .iter()
            .filter_map(|slug| self.framework(file, entry, "frameworks", slug, frameworks))
            .collect();
        if h.frameworks.len() < 2 {
            self.error(
                file,
                entry,
                "frameworks",
                "a hybrid names at least two frameworks",
            );
        }
        if h.min_percent > 100 {
            self.error(file, entry, "min_percent", "a percent is at most 100");
        }
        self.text(file, entry, "note", &h.note);
        self.cite(file, entry, "sources", &h.sources);
        Hybrid {
            frameworks: indexes,
            min_percent: h.min_percent,
            note: h.note,
            sources: h.sources,
        }
    }

    fn load_effects(
        &mut self,
        file: &str,
        option_entry: &str,
        effects: Vec<RawEffect>,
        feature_effects: Vec<RawFeatureEffect>,
        frameworks: &[Framework],
        features: &[Feature],
    ) -> Vec<Effect> {
        let mut out = Vec::new();
        for (i, e) in effects.into_iter().enumerate() {
            let entry = format!("{option_entry} effect #{}", i + 1);
            self.points(file, &entry, e.points);
            self.text(file, &entry, "reason", &e.reason);
            self.cite(file, &entry, "sources", &e.sources);
            let Some(framework) =
                self.framework(file, &entry, "framework", &e.framework, frameworks)
            else {
                continue;
            };
            out.push(Effect::Framework {
                framework,
                points: e.points,
                reason: e.reason,
                sources: e.sources,
            });
        }
        for (i, e) in feature_effects.into_iter().enumerate() {
            let entry = format!("{option_entry} feature_effect #{}", i + 1);
            self.points(file, &entry, e.points);
            self.text(file, &entry, "reason", &e.reason);
            let Some(feature) = features.iter().position(|f| f.id == e.feature) else {
                let reason = format!("no feature has the id \"{}\" in features.toml", e.feature);
                self.error(file, &entry, "feature", reason);
                continue;
            };
            if features[feature].kind != FeatureKind::Support {
                let reason = format!(
                    "the feature \"{}\" has short text answers, not support levels, so it cannot scale points",
                    e.feature
                );
                self.error(file, &entry, "feature", reason);
                continue;
            }
            out.push(Effect::Feature {
                feature,
                points: e.points,
                reason: e.reason,
            });
        }
        out
    }

    /// A rule that scores a property: every framework earns the points scaled by the share
    /// its answer for a choice row earns.
    fn choice_effect(
        &mut self,
        file: &str,
        entry: &str,
        e: RawChoiceEffect,
        features: &[Feature],
    ) -> Option<Effect> {
        self.points(file, entry, e.points);
        self.text(file, entry, "reason", &e.reason);
        self.cite(file, entry, "sources", &e.sources);
        let Some(feature) = features.iter().position(|f| f.id == e.feature) else {
            let reason = format!("no feature has the id \"{}\" in features.toml", e.feature);
            self.error(file, entry, "feature", reason);
            return None;
        };
        let row = &features[feature];
        if row.kind != FeatureKind::Choice {
            let reason = format!(
                "the feature \"{}\" is not a choice row, so its values cannot take shares",
                e.feature
            );
            self.error(file, entry, "feature", reason);
            return None;
        }
        for (id, share) in &e.shares {
            if !row.choices.iter().any(|c| &c.id == id) {
                let ids: Vec<&str> = row.choices.iter().map(|c| c.id.as_str()).collect();
                let reason = format!(
                    "\"{id}\" is not one of the row's choices ({})",
                    ids.join(", ")
                );
                self.error(file, entry, "shares", reason);
            }
            if *share > 100 {
                self.error(file, entry, "shares", "a share is at most 100 (percent)");
            }
        }
        if e.shares.values().all(|&s| s == 0) {
            self.error(
                file,
                entry,
                "shares",
                "no choice earns anything; give at least one a share",
            );
        }
        // In the row's choice order, so that the weights page lists them as the row does.
        let shares = row
            .choices
            .iter()
            .filter_map(|c| e.shares.get(&c.id).map(|&s| (c.id.clone(), s)))
            .collect();
        Some(Effect::Choice {
            feature,
            points: e.points,
            shares,
            reason: e.reason,
            sources: e.sources,
        })
    }

    /// The index of the framework with this slug. A slug that no framework file names is an
    /// error; one whose file has errors of its own is not reported twice.
    pub(super) fn framework(
        &mut self,
        file: &str,
        entry: &str,
        field: &str,
        slug: &str,
        frameworks: &[Framework],
    ) -> Option<usize> {
        let index = frameworks.iter().position(|f| f.slug == slug);
        if index.is_none() && !self.framework_slugs.iter().any(|s| s == slug) {
            let reason = format!("no framework has the slug \"{slug}\"");
            self.error(file, entry, field, reason);
        }
        index
    }

    fn points(&mut self, file: &str, entry: &str, points: i8) {
        if points == 0 || points.abs() > MAX_POINTS {
            let reason = format!(
                "{points} is out of range; points are whole numbers from -{MAX_POINTS} to {MAX_POINTS}, never 0"
            );
            self.error(file, entry, "points", reason);
        }
    }
}
