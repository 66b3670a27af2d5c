//! The questionnaire's content model: questions, options and the scoring data behind them.

use super::SupportLevel;

/// The questions in order, with what each answer does to the scores.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    pub questions: Vec<Question>,
    /// The top two are a close call when their percents are at most this far apart.
    pub close_call_percent: u8,
    pub levels: LevelShares,
    pub hybrid: Option<Hybrid>,
}

impl Questionnaire {
    pub fn question(&self, id: &str) -> Option<(usize, &Question)> {
        self.questions.iter().enumerate().find(|(_, q)| q.id == id)
    }
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub help: String,
    pub help_sources: Vec<String>,
    pub options: Vec<AnswerOption>,
}

impl Question {
    pub fn option(&self, id: &str) -> Option<(usize, &AnswerOption)> {
        self.options.iter().enumerate().find(|(_, o)| o.id == id)
    }
}

#[derive(Debug, Clone)]
pub struct AnswerOption {
    pub id: String,
    pub label: String,
    pub effects: Vec<Effect>,
}

/// What choosing an option does to the scores.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Points for one framework (an index into `Catalog::frameworks`), from an article's advice.
    Framework {
        framework: usize,
        points: i8,
        reason: String,
        sources: Vec<String>,
    },
    /// Points for every framework, scaled by its support level for a feature row (an index
    /// into `Catalog::features`); each framework's value for that row gives the sources.
    Feature {
        feature: usize,
        points: i8,
        reason: String,
    },
    /// Points for every framework, scaled by the share its answer for a choice row earns (an
    /// index into `Catalog::features`): a property rule from the sources ("a small core suits
    /// small projects"), so every framework with the property earns the points. Each
    /// framework's value for the row gives the sources of its property; `sources` back the
    /// rule.
    Choice {
        feature: usize,
        points: i8,
        /// Percent of the points each choice earns, by choice id; choices not named earn 0.
        shares: Vec<(String, u8)>,
        reason: String,
        sources: Vec<String>,
    },
}

/// The share a choice earns under a choice effect's `shares`.
pub fn choice_share(shares: &[(String, u8)], choice: &str) -> u8 {
    shares
        .iter()
        .find(|(id, _)| id == choice)
        .map_or(0, |(_, share)| *share)
}

/// Percent of a feature effect's points that each support level earns.
#[derive(Debug, Clone, Copy, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelShares {
    pub built_in: u8,
    /// Absent from the models published before the level existed (1 and 2); no framework in
    /// such a model is partly built in, and the loader holds every model to that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<u8>,
    pub official: u8,
    pub third_party: u8,
    pub none: u8,
}

impl LevelShares {
    /// The share of each level the model defines, best first.
    pub fn defined(&self) -> impl Iterator<Item = (SupportLevel, u8)> + '_ {
        SupportLevel::ALL
            .into_iter()
            .filter(|&level| level != SupportLevel::Partial || self.partial.is_some())
            .map(|level| (level, self.share(level)))
    }

    /// A feature effect's points for a framework with this support level, in hundredths.
    pub fn points(&self, weight: i8, level: SupportLevel) -> i32 {
        i32::from(weight) * i32::from(self.share(level))
    }

    pub fn share(&self, level: SupportLevel) -> u8 {
        match level {
            SupportLevel::BuiltIn => self.built_in,
            SupportLevel::Partial => self.partial.unwrap_or(0),
            SupportLevel::Official => self.official,
            SupportLevel::ThirdParty => self.third_party,
            SupportLevel::None => self.none,
        }
    }
}

/// The articles' suggestion to combine two frameworks, said when both fit well.
#[derive(Debug, Clone)]
pub struct Hybrid {
    /// Indexes into `Catalog::frameworks`.
    pub frameworks: Vec<usize>,
    pub min_percent: u8,
    pub note: String,
    pub sources: Vec<String>,
}
