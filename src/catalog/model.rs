//! Scoring models: everything the scorer reads, as one value with an id, so that a shared
//! results link can be ranked again exactly as it was, however the content changes later.
//!
//! A model holds the questionnaire (questions, options, effects and their points, support
//! levels' shares, close-call and hybrid settings), the frameworks it ranks, and each
//! framework's support level for every feature row a feature effect reads, with the reasons
//! and sources the results page cites. The live content is one model; published models are
//! frozen as snapshots under `content/models/` (see `catalog::load`).

use std::collections::HashMap;

use super::questionnaire::choice_share;
use super::{Answer, Catalog, Effect, Questionnaire, Source, SupportLevel};

/// One scoring model, self-contained: effects refer to its own frameworks and features.
#[derive(Debug, Clone)]
pub struct Model {
    /// A positive integer; links carry it as `m`.
    pub id: u32,
    /// The day it was frozen (`YYYY-MM-DD`); `None` for live content that no frozen model
    /// matches yet.
    pub published: Option<String>,
    /// What it changed, in a line.
    pub summary: String,
    /// Sorted by slug.
    pub frameworks: Vec<ModelFramework>,
    /// The feature rows its feature effects read.
    pub features: Vec<ModelFeature>,
    /// Framework effects index [`Model::frameworks`]; feature effects index
    /// [`Model::features`].
    pub questionnaire: Questionnaire,
    /// Every source its reasons and values cite.
    pub sources: Vec<Source>,
    source_index: HashMap<String, usize>,
    /// Each option's points for each framework, in hundredths: `[question][option][framework]`.
    option_points: Vec<Vec<Vec<i32>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFramework {
    pub slug: String,
    pub name: String,
}

/// A feature row as a model reads it: each framework's support level or choice, with its
/// sources.
#[derive(Debug, Clone)]
pub struct ModelFeature {
    pub id: String,
    pub name: String,
    /// A choice row's choices as (id, label); empty for a support row.
    pub choices: Vec<(String, String)>,
    /// Indexed like [`Model::frameworks`].
    pub values: Vec<ModelValue>,
}

#[derive(Debug, Clone)]
pub struct ModelValue {
    pub answer: ModelAnswer,
    pub sources: Vec<String>,
}

/// A framework's answer for a row a model reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelAnswer {
    Support(SupportLevel),
    /// A choice id of the row.
    Choice(String),
}

impl ModelAnswer {
    /// The id as content writes it (`built_in`, `async_first`).
    pub fn id(&self) -> &str {
        match self {
            ModelAnswer::Support(level) => level.id(),
            ModelAnswer::Choice(id) => id,
        }
    }

    /// The support level, for a support row (`None` on a choice row, which earns nothing from
    /// a support effect).
    pub fn support(&self) -> SupportLevel {
        match self {
            ModelAnswer::Support(level) => *level,
            ModelAnswer::Choice(_) => SupportLevel::None,
        }
    }
}

impl ModelFeature {
    /// A choice's label, or its id when the row does not list it.
    pub fn choice_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.choices
            .iter()
            .find(|(c, _)| c == id)
            .map_or(id, |(_, label)| label.as_str())
    }
}

impl Model {
    /// A model from its parts; the points each option gives are derived here.
    pub fn new(
        id: u32,
        published: Option<String>,
        summary: String,
        frameworks: Vec<ModelFramework>,
        features: Vec<ModelFeature>,
        questionnaire: Questionnaire,
        sources: Vec<Source>,
    ) -> Model {
        let source_index = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let mut model = Model {
            id,
            published,
            summary,
            frameworks,
            features,
            questionnaire,
            sources,
            source_index,
            option_points: Vec::new(),
        };
        model.option_points = model.derive_option_points();
        model
    }

    /// The live content as a model: the catalog's questionnaire, every framework, and the
    /// feature rows its feature effects read. Its id and dates are given by the caller.
    pub fn from_catalog(
        catalog: &Catalog,
        id: u32,
        published: Option<String>,
        summary: String,
    ) -> Model {
        let mut questionnaire = catalog.questionnaire().clone();
        // The feature rows read, in catalog order, and where each lands in the model.
        let mut read: Vec<usize> = Vec::new();
        for effect in questionnaire
            .questions
            .iter()
            .flat_map(|q| &q.options)
            .flat_map(|o| &o.effects)
        {
            if let Effect::Feature { feature, .. } | Effect::Choice { feature, .. } = effect
                && !read.contains(feature)
            {
                read.push(*feature);
            }
        }
        read.sort_unstable();
        for effect in questionnaire
            .questions
            .iter_mut()
            .flat_map(|q| &mut q.options)
            .flat_map(|o| &mut o.effects)
        {
            if let Effect::Feature { feature, .. } | Effect::Choice { feature, .. } = effect {
                *feature = read.iter().position(|f| f == feature).unwrap_or(0);
            }
        }
        let frameworks: Vec<ModelFramework> = catalog
            .frameworks()
            .iter()
            .map(|f| ModelFramework {
                slug: f.slug.clone(),
                name: f.name.clone(),
            })
            .collect();
        let features: Vec<ModelFeature> = read
            .iter()
            .map(|&i| {
                let feature = &catalog.features()[i];
                ModelFeature {
                    id: feature.id.clone(),
                    name: feature.name.clone(),
                    choices: feature
                        .choices
                        .iter()
                        .map(|c| (c.id.clone(), c.label.clone()))
                        .collect(),
                    values: catalog
                        .frameworks()
                        .iter()
                        .map(|f| ModelValue {
                            // Effects read support and choice rows only (checked at load).
                            answer: match &f.values[i].answer {
                                Answer::Choice { id, .. } => ModelAnswer::Choice(id.clone()),
                                answer => ModelAnswer::Support(
                                    answer.support().unwrap_or(SupportLevel::None),
                                ),
                            },
                            sources: f.values[i].sources.clone(),
                        })
                        .collect(),
                }
            })
            .collect();
        let mut cited: Vec<String> = Vec::new();
        let mut cite = |ids: &[String]| {
            for id in ids {
                if !cited.contains(id) {
                    cited.push(id.clone());
                }
            }
        };
        for question in &questionnaire.questions {
            // A snapshot keeps each question's help, so it keeps what the help cites.
            cite(&question.help_sources);
            for effect in question.options.iter().flat_map(|o| &o.effects) {
                if let Effect::Framework { sources, .. } | Effect::Choice { sources, .. } = effect {
                    cite(sources);
                }
            }
        }
        for feature in &features {
            for value in &feature.values {
                cite(&value.sources);
            }
        }
        if let Some(hybrid) = &questionnaire.hybrid {
            cite(&hybrid.sources);
        }
        // In the catalog's order, so that a source's place does not depend on who cites it.
        let sources = catalog
            .sources()
            .iter()
            .filter(|s| cited.contains(&s.id))
            .cloned()
            .collect();
        Model::new(
            id,
            published,
            summary,
            frameworks,
            features,
            questionnaire,
            sources,
        )
    }

    fn derive_option_points(&self) -> Vec<Vec<Vec<i32>>> {
        self.questionnaire
            .questions
            .iter()
            .map(|question| {
                question
                    .options
                    .iter()
                    .map(|option| {
                        (0..self.frameworks.len())
                            .map(|f| option.effects.iter().map(|e| self.effect_centi(e, f)).sum())
                            .collect()
                    })
                    .collect()
            })
            .collect()
    }

    /// What one effect gives framework `f` (an index into [`Model::frameworks`]), in
    /// hundredths of a point: the whole weight for advice about it by name, the weight scaled
    /// by its support level's share or by its choice's share for a row. The one place an
    /// effect's points are worked out; the scorer's explanations read it too.
    pub fn effect_centi(&self, effect: &Effect, f: usize) -> i32 {
        match effect {
            Effect::Framework {
                framework, points, ..
            } => {
                if *framework == f {
                    i32::from(*points) * 100
                } else {
                    0
                }
            }
            Effect::Feature {
                feature, points, ..
            } => {
                let support = self.features[*feature].values[f].answer.support();
                self.questionnaire.levels.points(*points, support)
            }
            Effect::Choice {
                feature,
                points,
                shares,
                ..
            } => {
                let choice = self.features[*feature].values[f].answer.id();
                i32::from(*points) * i32::from(choice_share(shares, choice))
            }
        }
    }

    /// What choosing `option` of `question` gives each framework, in hundredths of a point,
    /// indexed like [`Model::frameworks`].
    pub fn option_points(&self, question: usize, option: usize) -> &[i32] {
        &self.option_points[question][option]
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).map(|&i| &self.sources[i])
    }

    /// A source's position in [`Model::sources`].
    pub fn source_position(&self, id: &str) -> Option<usize> {
        self.source_index.get(id).copied()
    }

    pub fn framework_index(&self, slug: &str) -> Option<usize> {
        self.frameworks.iter().position(|f| f.slug == slug)
    }

    /// Everything that decides a ranking, as text: framework slugs, question and option ids,
    /// each effect's target and points, the support levels read, the levels' shares, and the
    /// close-call and hybrid settings. Two models rank every answer set alike when these are
    /// equal. Wording (prompts, labels, reasons) and sources are left out: they explain a
    /// ranking but do not decide it.
    pub fn scoring_text(&self) -> String {
        use std::fmt::Write as _;
        let q = &self.questionnaire;
        let mut out = String::new();
        let slugs: Vec<&str> = self.frameworks.iter().map(|f| f.slug.as_str()).collect();
        let _ = writeln!(out, "frameworks {slugs:?}");
        // Models published before the partial level existed keep their text unchanged.
        let partial = q
            .levels
            .partial
            .map(|share| format!("partial {share} "))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "levels {} {partial}{} {} {}; close call {}",
            q.levels.built_in,
            q.levels.official,
            q.levels.third_party,
            q.levels.none,
            q.close_call_percent
        );
        if let Some(h) = &q.hybrid {
            let hybrid: Vec<&str> = h.frameworks.iter().map(|&f| slugs[f]).collect();
            let _ = writeln!(out, "hybrid {hybrid:?} {}", h.min_percent);
        }
        for question in &q.questions {
            let _ = writeln!(out, "question {}", question.id);
            for option in &question.options {
                let _ = writeln!(out, "  option {}", option.id);
                for effect in &option.effects {
                    let _ = match effect {
                        Effect::Framework {
                            framework, points, ..
                        } => writeln!(out, "    {} {points:+}", slugs[*framework]),
                        Effect::Feature {
                            feature, points, ..
                        } => {
                            let feature = &self.features[*feature];
                            let levels: Vec<&str> =
                                feature.values.iter().map(|v| v.answer.id()).collect();
                            writeln!(out, "    feature {} {points:+} {levels:?}", feature.id)
                        }
                        Effect::Choice {
                            feature,
                            points,
                            shares,
                            ..
                        } => {
                            let feature = &self.features[*feature];
                            let values: Vec<&str> =
                                feature.values.iter().map(|v| v.answer.id()).collect();
                            writeln!(
                                out,
                                "    choice {} {points:+} {shares:?} {values:?}",
                                feature.id
                            )
                        }
                    };
                }
            }
        }
        out
    }
}

impl Model {
    /// What changed from `older` to this model, as short phrases ("4 frameworks added",
    /// "2 weights changed"), to tell a reader why a ranking moved.
    pub fn changes_since(&self, older: &Model) -> Vec<String> {
        let mut changes = Vec::new();
        let mut count = |n: usize, one: &str, many: &str, what: &str| {
            if n > 0 {
                let noun = if n == 1 { one } else { many };
                changes.push(format!("{n} {noun} {what}"));
            }
        };
        let slugs = |m: &Model| {
            m.frameworks
                .iter()
                .map(|f| f.slug.clone())
                .collect::<Vec<_>>()
        };
        let (new_slugs, old_slugs) = (slugs(self), slugs(older));
        count(
            new_slugs.iter().filter(|s| !old_slugs.contains(s)).count(),
            "framework",
            "frameworks",
            "added",
        );
        count(
            old_slugs.iter().filter(|s| !new_slugs.contains(s)).count(),
            "framework",
            "frameworks",
            "removed",
        );
        let (new_q, old_q) = (&self.questionnaire, &older.questionnaire);
        count(
            new_q
                .questions
                .iter()
                .filter(|q| older.questionnaire.question(&q.id).is_none())
                .count(),
            "question",
            "questions",
            "added",
        );
        count(
            old_q
                .questions
                .iter()
                .filter(|q| self.questionnaire.question(&q.id).is_none())
                .count(),
            "question",
            "questions",
            "removed",
        );
        let (options_added, weights) = self.option_changes(older);
        count(options_added, "answer option", "answer options", "added");
        count(weights, "weight", "weights", "changed");
        let levels = self.levels_corrected(older);
        count(
            levels,
            "framework property",
            "framework properties",
            "corrected",
        );
        let (a, b) = (new_q.levels, old_q.levels);
        if (a.built_in, a.partial, a.official, a.third_party, a.none)
            != (b.built_in, b.partial, b.official, b.third_party, b.none)
        {
            changes.push("the support levels' shares changed".to_owned());
        }
        if new_q.close_call_percent != old_q.close_call_percent {
            changes.push("the close-call margin changed".to_owned());
        }
        let hybrid = |m: &Model| {
            m.questionnaire.hybrid.as_ref().map(|h| {
                let slugs: Vec<&str> = h
                    .frameworks
                    .iter()
                    .map(|&f| m.frameworks[f].slug.as_str())
                    .collect();
                (slugs.join(","), h.min_percent)
            })
        };
        if hybrid(self) != hybrid(older) {
            changes.push("the hybrid suggestion changed".to_owned());
        }
        changes
    }

    /// Options added to questions both models ask, and effects whose target or points
    /// changed in options both have.
    fn option_changes(&self, older: &Model) -> (usize, usize) {
        let (new_q, old_q) = (&self.questionnaire, &older.questionnaire);
        let mut options_added = 0;
        let mut weights = 0;
        for question in &new_q.questions {
            let Some((_, old_question)) = old_q.question(&question.id) else {
                continue;
            };
            for option in &question.options {
                let Some((_, old_option)) = old_question.option(&option.id) else {
                    options_added += 1;
                    continue;
                };
                let (new_effects, old_effects) =
                    (self.effect_points(option), older.effect_points(old_option));
                weights += new_effects
                    .iter()
                    .filter(|e| !old_effects.contains(e))
                    .count()
                    .max(
                        old_effects
                            .iter()
                            .filter(|e| !new_effects.contains(e))
                            .count(),
                    );
            }
        }
        (options_added, weights)
    }

    /// Frameworks both models rank whose support level for a feature row both read changed.
    fn levels_corrected(&self, older: &Model) -> usize {
        let mut levels = 0;
        for feature in &self.features {
            let Some(old_feature) = older.features.iter().find(|f| f.id == feature.id) else {
                continue;
            };
            for (f, value) in feature.values.iter().enumerate() {
                let old = older
                    .framework_index(&self.frameworks[f].slug)
                    .map(|o| &old_feature.values[o].answer);
                if old.is_some_and(|old| *old != value.answer) {
                    levels += 1;
                }
            }
        }
        levels
    }

    /// An option's effects as (target, points), targets named by slug or feature id.
    fn effect_points(&self, option: &super::AnswerOption) -> Vec<(String, i8)> {
        option
            .effects
            .iter()
            .map(|effect| match effect {
                Effect::Framework {
                    framework, points, ..
                } => (self.frameworks[*framework].slug.clone(), *points),
                Effect::Feature {
                    feature, points, ..
                } => (format!("feature {}", self.features[*feature].id), *points),
                Effect::Choice {
                    feature,
                    points,
                    shares,
                    ..
                } => (
                    format!("choice {} {shares:?}", self.features[*feature].id),
                    *points,
                ),
            })
            .collect()
    }
}
