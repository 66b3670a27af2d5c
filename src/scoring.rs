//! Scoring: a pure function of (model, answers) → a ranking with its reasons. A model
//! ([`crate::catalog::Model`]) is everything the scorer reads; the live content is one, and
//! every published model is another.
//!
//! Each answer gives points to frameworks: an article's advice gives a fixed number to one
//! framework; a feature effect gives every framework the effect's points scaled by its support
//! level for that feature row. Scores are kept in hundredths of a point so that sums are exact.
//!
//! A framework's percent is its score as a share of the most any framework could have earned
//! from the same answers: the sum, over the answers given, of the best points any framework got
//! from that answer. 100 means it was (one of) the best fits on every answer that favours
//! anyone.

use crate::answers::Answers;
use crate::catalog::{Effect, Model, SupportLevel, choice_share};

/// One effect of one answer on one framework.
#[derive(Debug, Clone, PartialEq)]
pub struct Part<'a> {
    /// Which of the option's effects this is part of (its position in the option's effects).
    pub effect: usize,
    /// The effect's weight as written in the content, in whole points.
    pub weight: i8,
    /// The framework's support level, for feature effects.
    pub support: Option<SupportLevel>,
    /// The framework's choice (its label) and the share of the weight it earns, for choice
    /// effects.
    pub choice: Option<(&'a str, u8)>,
    /// Points earned, in hundredths (the weight scaled by the support level's or the
    /// choice's share).
    pub centi: i32,
    pub reason: &'a str,
    /// What backs the framework's part: the advice's sources, or the framework's own value
    /// for the row.
    pub sources: &'a [String],
    /// What backs a choice effect's rule (empty for other effects).
    pub rule_sources: &'a [String],
}

/// What one answer did to each framework.
#[derive(Debug, Clone)]
pub struct AnswerEffects<'a> {
    pub question: usize,
    pub option: usize,
    /// Indexed like `Model::frameworks`.
    pub parts: Vec<Vec<Part<'a>>>,
}

impl AnswerEffects<'_> {
    pub fn total(&self, framework: usize) -> i32 {
        self.parts[framework].iter().map(|p| p.centi).sum()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    pub framework: usize,
    pub centi: i32,
    pub percent: u8,
}

impl Ranked {
    pub fn score(&self) -> f64 {
        f64::from(self.centi) / 100.0
    }
}

/// A single changed answer that would change the top pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flip {
    pub question: usize,
    /// The answer now given (`None`: unanswered).
    pub from: Option<usize>,
    pub to: Option<usize>,
    /// The framework that would then come first.
    pub new_top: usize,
    /// Whether it would only draw level with the current top pick (and come first by slug).
    pub tie: bool,
}

/// The ranking for a set of answers. What each answer did, point by point, is
/// [`answer_effects`]: it depends on the answer alone, so pages can prepare it once.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Every framework, best first; ties broken by slug.
    pub ranking: Vec<Ranked>,
    /// The most points any framework could have earned from these answers, in hundredths.
    pub available_centi: i32,
    pub close_call: bool,
    pub flips: Vec<Flip>,
    /// Whether the content's hybrid suggestion applies.
    pub hybrid: bool,
}

impl Outcome {
    /// Whether the answers favour any framework at all.
    pub fn has_result(&self) -> bool {
        self.available_centi > 0
    }

    pub fn top(&self) -> Option<Ranked> {
        self.ranking.first().copied()
    }

    pub fn percent_of(&self, framework: usize) -> u8 {
        self.ranking
            .iter()
            .find(|r| r.framework == framework)
            .map_or(0, |r| r.percent)
    }
}

/// What one answer does to each framework.
pub fn answer_effects(model: &Model, question: usize, option: usize) -> AnswerEffects<'_> {
    AnswerEffects {
        question,
        option,
        parts: option_parts(model, question, option),
    }
}

/// What one option does to each framework.
fn option_parts(model: &Model, question: usize, option: usize) -> Vec<Vec<Part<'_>>> {
    let questionnaire = &model.questionnaire;
    let mut parts: Vec<Vec<Part<'_>>> = vec![Vec::new(); model.frameworks.len()];
    for (index, effect) in questionnaire.questions[question].options[option]
        .effects
        .iter()
        .enumerate()
    {
        match effect {
            Effect::Framework {
                framework,
                points,
                reason,
                sources,
            } => parts[*framework].push(Part {
                effect: index,
                weight: *points,
                support: None,
                choice: None,
                centi: model.effect_centi(effect, *framework),
                reason,
                sources,
                rule_sources: &[],
            }),
            Effect::Feature {
                feature,
                points,
                reason,
            } => {
                for (fi, value) in model.features[*feature].values.iter().enumerate() {
                    let support = value.answer.support();
                    parts[fi].push(Part {
                        effect: index,
                        weight: *points,
                        support: Some(support),
                        choice: None,
                        centi: model.effect_centi(effect, fi),
                        reason,
                        sources: &value.sources,
                        rule_sources: &[],
                    });
                }
            }
            Effect::Choice {
                feature,
                points,
                shares,
                reason,
                sources,
            } => {
                let row = &model.features[*feature];
                for (fi, value) in row.values.iter().enumerate() {
                    let id = value.answer.id();
                    let share = choice_share(shares, id);
                    parts[fi].push(Part {
                        effect: index,
                        weight: *points,
                        support: None,
                        choice: Some((row.choice_label(id), share)),
                        centi: model.effect_centi(effect, fi),
                        reason,
                        sources: &value.sources,
                        rule_sources: sources,
                    });
                }
            }
        }
    }
    parts
}

/// The index and value of the best total; ties go to the earlier framework, which is the
/// lower slug.
fn top_of(totals: impl Iterator<Item = i32>) -> Option<(usize, i32)> {
    let mut best: Option<(usize, i32)> = None;
    for (i, t) in totals.enumerate() {
        if best.is_none_or(|(_, b)| t > b) {
            best = Some((i, t));
        }
    }
    best
}

fn percent(centi: i32, available: i32) -> u8 {
    if available <= 0 || centi <= 0 {
        return 0;
    }
    let rounded = (i64::from(centi) * 100 + i64::from(available) / 2) / i64::from(available);
    u8::try_from(rounded.clamp(0, 100)).unwrap_or(100)
}

/// Scores every framework of the model for these answers.
pub fn score(model: &Model, answers: &Answers) -> Outcome {
    let questionnaire = &model.questionnaire;
    let mut totals = vec![0_i32; model.frameworks.len()];
    let mut available_centi = 0;
    for (question, option) in answers.iter() {
        let points = model.option_points(question, option);
        for (total, p) in totals.iter_mut().zip(points) {
            *total += p;
        }
        available_centi += points.iter().copied().max().unwrap_or(0).max(0);
    }

    let mut ranking: Vec<Ranked> = totals
        .iter()
        .enumerate()
        .map(|(framework, &centi)| Ranked {
            framework,
            centi,
            percent: percent(centi, available_centi),
        })
        .collect();
    // Stable sort: equal scores keep catalog order, which is slug order.
    ranking.sort_by_key(|r| std::cmp::Reverse(r.centi));

    let close_call = available_centi > 0
        && ranking.len() >= 2
        && ranking[0].percent.abs_diff(ranking[1].percent) <= questionnaire.close_call_percent;

    let flips = if available_centi > 0 {
        flips(model, answers, &totals)
    } else {
        Vec::new()
    };

    let hybrid = questionnaire.hybrid.as_ref().is_some_and(|h| {
        available_centi > 0
            && h.frameworks.iter().all(|&f| {
                ranking
                    .iter()
                    .any(|r| r.framework == f && r.percent >= h.min_percent)
            })
    });

    Outcome {
        ranking,
        available_centi,
        close_call,
        flips,
        hybrid,
    }
}

/// Every single change of answer (to another option, or to unanswered, or answering an
/// unanswered question) that would put a different framework first.
fn flips(model: &Model, answers: &Answers, totals: &[i32]) -> Vec<Flip> {
    let Some((top, _)) = top_of(totals.iter().copied()) else {
        return Vec::new();
    };
    let questionnaire = &model.questionnaire;
    let mut flips = Vec::new();
    for (qi, question) in questionnaire.questions.iter().enumerate() {
        let current = answers.get(qi);
        let current_points = current.map(|o| model.option_points(qi, o));
        let alternatives = current.map(|_| None).into_iter().chain(
            (0..question.options.len())
                .filter(|&o| Some(o) != current)
                .map(Some),
        );
        for alternative in alternatives {
            let alternative_points = alternative.map(|o| model.option_points(qi, o));
            // The totals with this question's answer swapped for the alternative.
            let changed = |f: usize| {
                totals[f] - current_points.map_or(0, |p| p[f])
                    + alternative_points.map_or(0, |p| p[f])
            };
            if let Some((new_top, new_best)) = top_of((0..totals.len()).map(changed))
                && new_top != top
            {
                flips.push(Flip {
                    question: qi,
                    from: current,
                    to: alternative,
                    new_top,
                    tie: new_best == changed(top),
                });
            }
        }
    }
    flips
}
