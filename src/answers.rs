//! Questionnaire answers as typed values, parsed once at the edge from `(key, value)` pairs.
//!
//! Two parsers share one type: [`Answers::from_results_query`] is lenient, because a shared
//! link must keep working when content changes (unknown pairs are ignored and reported), and
//! [`Answers::from_form`] is strict, because a person submitting the form can fix mistakes.

use std::sync::Arc;

use crate::catalog::{Catalog, Model, Questionnaire};
use crate::printable::printable;

/// One option per question at most, indexed by question position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    chosen: Vec<Option<usize>>,
}

/// A query pair that `/results` could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    pub question: String,
    pub option: String,
    pub reason: IgnoredReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IgnoredReason {
    UnknownQuestion,
    UnknownOption,
    /// The same question was given different options, so neither can be trusted.
    Conflicting,
    /// `m` names no scoring model, so the latest ranked the answers.
    UnknownModel,
}

impl IgnoredReason {
    pub fn describe(self) -> &'static str {
        match self {
            IgnoredReason::UnknownQuestion => "not a question in the questionnaire",
            IgnoredReason::UnknownOption => "not one of this question's options",
            IgnoredReason::Conflicting => "the question was given different answers",
            IgnoredReason::UnknownModel => {
                "not one of our scoring models, so the latest model ranked these answers"
            }
        }
    }
}

/// The query parameter of a results URL that names its scoring model.
pub const MODEL_PARAM: &str = "m";

/// The model that ranks a results link without `m`: every link shared before models had ids.
pub const LINKS_WITHOUT_M: u32 = 1;

/// Which scoring model a results URL asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelAsked {
    /// No `m`: a link made before models had ids, which model 1 ranks.
    Absent,
    /// `m` with a positive integer (the model may still not exist).
    Id(u32),
    /// `m` that is not a positive integer, or several different ones: as given.
    Unknown(String),
}

impl ModelAsked {
    /// The position in `catalog.models()` of the model asked for: the one named; model
    /// `without_m` when there is no `m` (results links: model 1, see [`LINKS_WITHOUT_M`]); the
    /// latest for an `m` that names none.
    pub fn choose(&self, catalog: &Catalog, without_m: u32) -> usize {
        let id = match self {
            ModelAsked::Absent => without_m,
            ModelAsked::Id(id) => *id,
            ModelAsked::Unknown(_) => 0,
        };
        let models = catalog.models();
        models
            .iter()
            .position(|m| m.id == id)
            .unwrap_or(models.len() - 1)
    }

    /// As an ignored pair for the notice, when it names no model of `catalog`.
    pub fn as_ignored(&self, catalog: &Catalog) -> Option<Ignored> {
        let option = match self {
            ModelAsked::Absent => return None,
            ModelAsked::Id(id) if catalog.model(*id).is_some() => return None,
            ModelAsked::Id(id) => id.to_string(),
            ModelAsked::Unknown(given) => given.clone(),
        };
        Some(Ignored {
            question: MODEL_PARAM.to_owned(),
            option,
            reason: IgnoredReason::UnknownModel,
        })
    }

    /// Takes the `m` pairs out of a results URL's pairs; the rest are answers.
    pub fn split<K: AsRef<str>, V: AsRef<str>>(pairs: Vec<(K, V)>) -> (ModelAsked, Vec<(K, V)>) {
        let (models, answers): (Vec<_>, Vec<_>) = pairs
            .into_iter()
            .partition(|(k, _)| k.as_ref() == MODEL_PARAM);
        let asked = match models.split_first() {
            None => ModelAsked::Absent,
            Some(((_, first), rest)) => {
                let first = first.as_ref();
                let id = first.parse::<u32>().ok().filter(|&id| id > 0);
                match id {
                    // `m=1` written once: canonical; `m=01` or `m=+1` still name model 1.
                    Some(id) if rest.iter().all(|(_, v)| v.as_ref() == first) => ModelAsked::Id(id),
                    _ => ModelAsked::Unknown(
                        models
                            .iter()
                            .map(|(_, v)| v.as_ref())
                            .collect::<Vec<_>>()
                            .join(","),
                    ),
                }
            }
        };
        (asked, answers)
    }
}

/// A results link read: the model that ranks it, its answers under that model, and what was
/// ignored (an unknown `m` among them).
#[derive(Debug, Clone)]
pub struct Link<'c> {
    pub model: &'c Arc<Model>,
    /// The model's position in `Catalog::models`.
    pub model_index: usize,
    pub asked: ModelAsked,
    pub answers: Answers,
    pub ignored: Vec<Ignored>,
}

impl<'c> Link<'c> {
    /// Reads a results URL's query pairs against the catalog's models.
    pub fn read<K: AsRef<str>, V: AsRef<str>>(
        catalog: &'c Catalog,
        pairs: Vec<(K, V)>,
    ) -> Link<'c> {
        let (asked, pairs) = ModelAsked::split(pairs);
        let model_index = asked.choose(catalog, LINKS_WITHOUT_M);
        let model = &catalog.models()[model_index];
        let (answers, mut ignored) = Answers::from_results_query(&model.questionnaire, &pairs);
        if let Some(unknown) = asked.as_ignored(catalog) {
            ignored.insert(0, unknown);
        }
        Link {
            model,
            model_index,
            asked,
            answers,
            ignored,
        }
    }

    /// The canonical query: the answers in questionnaire order, then `m={id}`.
    pub fn query(&self) -> String {
        canonical_query(self.model, &self.answers)
    }

    /// Whether `query` is the canonical spelling of this link, or the spelling links had
    /// before models had ids (the same answers without `m`, read with model 1). Only these
    /// spellings are kept, so the store's keys are bounded by the answers there are.
    pub fn is_canonical(&self, query: &str) -> bool {
        if !self.ignored.is_empty() {
            return false;
        }
        match self.asked {
            ModelAsked::Absent => self.answers.query(&self.model.questionnaire) == query,
            ModelAsked::Id(_) => self.query() == query,
            ModelAsked::Unknown(_) => false,
        }
    }

    /// The answers as `(question id, option id)` pairs, to read under another model.
    pub fn answer_pairs(&self) -> Vec<(&str, &str)> {
        let questions = &self.model.questionnaire.questions;
        self.answers
            .iter()
            .map(|(q, o)| {
                (
                    questions[q].id.as_str(),
                    questions[q].options[o].id.as_str(),
                )
            })
            .collect()
    }
}

/// The canonical results query for these answers under `model`: the answers in questionnaire
/// order, then `m={id}` (`m=3` alone when nothing is answered).
pub fn canonical_query(model: &Model, answers: &Answers) -> String {
    let mut query = answers.query(&model.questionnaire);
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(MODEL_PARAM);
    query.push('=');
    query.push_str(&model.id.to_string());
    query
}

/// Why a submitted form cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormErrors {
    /// Problems beside a question: (question index, message).
    pub by_question: Vec<(usize, String)>,
    /// Problems with fields that are not questions.
    pub general: Vec<String>,
}

impl FormErrors {
    pub fn is_empty(&self) -> bool {
        self.by_question.is_empty() && self.general.is_empty()
    }

    pub fn for_question(&self, question: usize) -> Option<&str> {
        self.by_question
            .iter()
            .find(|(q, _)| *q == question)
            .map(|(_, m)| m.as_str())
    }
}

impl Answers {
    pub fn none(questionnaire: &Questionnaire) -> Answers {
        Answers {
            chosen: vec![None; questionnaire.questions.len()],
        }
    }

    /// Answers from a results URL. Pair order and identical repeats never matter; pairs that
    /// name no question or option, or that contradict each other, are returned as ignored.
    pub fn from_results_query(
        questionnaire: &Questionnaire,
        pairs: &[(impl AsRef<str>, impl AsRef<str>)],
    ) -> (Answers, Vec<Ignored>) {
        let mut answers = Answers::none(questionnaire);
        let mut ignored: Vec<Ignored> = Vec::new();
        let mut conflicting = vec![false; questionnaire.questions.len()];
        for (key, value) in pairs {
            let (key, value) = (key.as_ref(), value.as_ref());
            let mut ignore = |reason| {
                let item = Ignored {
                    question: key.to_owned(),
                    option: value.to_owned(),
                    reason,
                };
                if !ignored.contains(&item) {
                    ignored.push(item);
                }
            };
            let Some((qi, question)) = questionnaire.question(key) else {
                ignore(IgnoredReason::UnknownQuestion);
                continue;
            };
            let Some((oi, _)) = question.option(value) else {
                ignore(IgnoredReason::UnknownOption);
                continue;
            };
            match answers.chosen[qi] {
                Some(existing) if existing != oi => conflicting[qi] = true,
                _ => answers.chosen[qi] = Some(oi),
            }
        }
        for (qi, conflict) in conflicting.into_iter().enumerate() {
            if !conflict {
                continue;
            }
            answers.chosen[qi] = None;
            let question = &questionnaire.questions[qi];
            // Name every option given for the question, in questionnaire order.
            for option in &question.options {
                if pairs
                    .iter()
                    .any(|(k, v)| k.as_ref() == question.id && v.as_ref() == option.id)
                {
                    ignored.push(Ignored {
                        question: question.id.clone(),
                        option: option.id.clone(),
                        reason: IgnoredReason::Conflicting,
                    });
                }
            }
        }
        (answers, ignored)
    }

    /// Answers from the submitted questionnaire form. An empty value means "no preference".
    /// Every problem is reported; the valid answers are returned either way, so the form can
    /// be shown again with them kept.
    pub fn from_form(
        questionnaire: &Questionnaire,
        pairs: &[(impl AsRef<str>, impl AsRef<str>)],
    ) -> (Answers, FormErrors) {
        let mut answers = Answers::none(questionnaire);
        let mut errors = FormErrors::default();
        let mut seen = vec![0_usize; questionnaire.questions.len()];
        for (key, value) in pairs {
            let (key, value) = (key.as_ref(), value.as_ref());
            let Some((qi, question)) = questionnaire.question(key) else {
                let message = format!(
                    "\"{}\" is not a question in this questionnaire.",
                    printable(key)
                );
                if !errors.general.contains(&message) {
                    errors.general.push(message);
                }
                continue;
            };
            seen[qi] += 1;
            if seen[qi] == 2 {
                errors.by_question.push((
                    qi,
                    "This question was answered more than once; choose one option.".to_owned(),
                ));
                answers.chosen[qi] = None;
            }
            if seen[qi] > 1 {
                continue;
            }
            if value.is_empty() {
                continue;
            }
            match question.option(value) {
                Some((oi, _)) => answers.chosen[qi] = Some(oi),
                None => errors.by_question.push((
                    qi,
                    format!(
                        "\"{}\" is not one of the options; choose one below.",
                        printable(value)
                    ),
                )),
            }
        }
        errors.by_question.sort_by_key(|(qi, _)| *qi);
        (answers, errors)
    }

    /// The chosen option of a question, by index.
    pub fn get(&self, question: usize) -> Option<usize> {
        self.chosen.get(question).copied().flatten()
    }

    /// A copy with one question's answer replaced.
    #[must_use]
    pub fn with(&self, question: usize, option: Option<usize>) -> Answers {
        let mut changed = self.clone();
        changed.chosen[question] = option;
        changed
    }

    pub fn is_empty(&self) -> bool {
        self.chosen.iter().all(Option::is_none)
    }

    /// `(question index, option index)` for each answered question, in questionnaire order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.chosen
            .iter()
            .enumerate()
            .filter_map(|(q, o)| o.map(|o| (q, o)))
    }

    /// The canonical query string (`size=large&admin=yes`), in questionnaire order. Ids are
    /// validated as `[a-z0-9_]+`, so nothing needs escaping.
    pub fn query(&self, questionnaire: &Questionnaire) -> String {
        // Room for every question answered, so the string does not grow as it is built.
        let mut query = String::with_capacity(256);
        for (q, o) in self.iter() {
            if !query.is_empty() {
                query.push('&');
            }
            let question = &questionnaire.questions[q];
            query.push_str(&question.id);
            query.push('=');
            query.push_str(&question.options[o].id);
        }
        query
    }
}
