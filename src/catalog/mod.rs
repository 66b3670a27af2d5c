//! The content model: sources, feature rows and frameworks, loaded from `content/` and
//! validated once into an immutable [`Catalog`].
//!
//! Everything the site shows comes from here; nothing in the catalog changes after start-up,
//! so handlers share it behind an `Arc` without locks.

mod error;
pub mod lifecycle;
mod load;
mod model;
mod questionnaire;
mod snapshot;
pub mod tasks;
pub mod usage;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use error::{ContentError, ContentErrors};
pub use lifecycle::{LastRelease, Lifecycle, Release, SupportPolicy};
pub use load::{ContentFiles, load_dir, load_embedded, load_files};
pub use model::{Model, ModelAnswer, ModelFeature, ModelFramework, ModelValue};
pub use questionnaire::{
    AnswerOption, Effect, Hybrid, LevelShares, Question, Questionnaire, choice_share,
};
pub use snapshot::freeze;
pub use tasks::{Code, CodeFile, Snippet, Task, Verified};

/// A source as its file lists it (and as a model's snapshot keeps it).
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: String,
    title: String,
    publisher: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    kind: SourceKind,
}

impl RawSource {
    fn of(source: &Source) -> RawSource {
        RawSource {
            id: source.id.clone(),
            title: source.title.clone(),
            publisher: source.publisher.clone(),
            author: source.author.clone(),
            date: source.date.clone(),
            url: source.url.clone(),
            kind: source.kind,
        }
    }
}

impl From<RawSource> for Source {
    fn from(s: RawSource) -> Source {
        Source {
            id: s.id,
            title: s.title,
            publisher: s.publisher,
            author: s.author,
            date: s.date,
            url: s.url,
            kind: s.kind,
        }
    }
}

/// Where a page looks up the sources it cites: the catalog, or a scoring model (which keeps
/// the sources as they were when it was published).
pub trait SourceBook {
    fn source(&self, id: &str) -> Option<&Source>;
}

impl SourceBook for Catalog {
    fn source(&self, id: &str) -> Option<&Source> {
        Catalog::source(self, id)
    }
}

impl SourceBook for Model {
    fn source(&self, id: &str) -> Option<&Source> {
        Model::source(self, id)
    }
}

/// The choice row that holds a framework's project status (stable, beta, alpha, maintenance
/// or legacy).
pub const STATUS_ROW: &str = "project_status";

/// Every source, feature and framework the site knows, cross-checked.
#[derive(Debug)]
pub struct Catalog {
    sources: Vec<Source>,
    source_index: HashMap<String, usize>,
    categories: Vec<Category>,
    features: Vec<Feature>,
    frameworks: Vec<Framework>,
    /// The comparisons the home page suggests, in file order.
    comparisons: Vec<Comparison>,
    /// Tools people confuse with web frameworks, in file order (`not_compared.toml`).
    not_compared: Vec<OtherTool>,
    /// The tasks every framework is shown doing, in file order (`tasks.toml`).
    tasks: Vec<Task>,
    /// Per task, a snippet per framework (indexed like `frameworks`); every one is there once
    /// the catalog is valid.
    snippets: Vec<Vec<Option<Snippet>>>,
    /// How to move between frameworks, where their docs say (`migrations.toml`), in file order.
    migrations: Vec<Migration>,
    /// Each framework's releases and support policy, indexed like `frameworks`; every one is
    /// there once the catalog is valid.
    lifecycles: Vec<Option<Lifecycle>>,
    /// Survey editions with the usage shares they published (`usage.toml`), in file order.
    surveys: Vec<usage::Survey>,
    questionnaire: Questionnaire,
    /// Every scoring model, oldest first; the last is the live content's.
    models: Vec<Arc<Model>>,
}

impl Catalog {
    /// The questionnaire and its scoring data, as the content has it now.
    pub fn questionnaire(&self) -> &Questionnaire {
        &self.questionnaire
    }

    /// Every scoring model, oldest first; the last is the latest (see [`Model`]).
    pub fn models(&self) -> &[Arc<Model>] {
        &self.models
    }

    /// The model new links are scored with: the live content's.
    pub fn latest_model(&self) -> &Arc<Model> {
        self.models
            .last()
            .expect("a loaded catalog has at least the live content's model")
    }

    /// The model with this id.
    pub fn model(&self, id: u32) -> Option<&Arc<Model>> {
        self.models.iter().find(|m| m.id == id)
    }

    /// The frameworks (indexes into [`Catalog::frameworks`]) grouped by their answer to the
    /// choice row `row`, in the row's choice order, leaving out choices no framework has; one
    /// group without a choice when the content has no such row.
    pub fn frameworks_by_choice(&self, row: &str) -> Vec<(Option<&Choice>, Vec<usize>)> {
        let Some((f, feature)) = self.feature(row) else {
            return vec![(None, (0..self.frameworks.len()).collect())];
        };
        feature
            .choices
            .iter()
            .map(|choice| {
                let members = self
                    .frameworks
                    .iter()
                    .enumerate()
                    .filter(|(_, fw)| {
                        matches!(&fw.values[f].answer, Answer::Choice { id, .. } if *id == choice.id)
                    })
                    .map(|(i, _)| i)
                    .collect();
                (Some(choice), members)
            })
            .filter(|(_, members): &(_, Vec<usize>)| !members.is_empty())
            .collect()
    }

    /// The comparisons the home page suggests (`comparisons.toml`).
    pub fn comparisons(&self) -> &[Comparison] {
        &self.comparisons
    }

    /// Tools people confuse with web frameworks, each with why it is another kind of tool.
    pub fn not_compared(&self) -> &[OtherTool] {
        &self.not_compared
    }

    /// All sources, in the order the source files list them.
    /// The tasks, in the order the site lists them.
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// A task and its index, by id.
    pub fn task(&self, id: &str) -> Option<(usize, &Task)> {
        self.tasks.iter().enumerate().find(|(_, t)| t.id == id)
    }

    /// A framework's snippet for a task, by indexes into [`Catalog::tasks`] and
    /// [`Catalog::frameworks`].
    pub fn snippet(&self, task: usize, framework: usize) -> Option<&Snippet> {
        self.snippets.get(task)?.get(framework)?.as_ref()
    }

    /// The migrations from one to another of these frameworks (indexes into
    /// [`Catalog::frameworks`]), in file order.
    pub fn migrations_among(&self, frameworks: &[usize]) -> Vec<&Migration> {
        self.migrations
            .iter()
            .filter(|m| frameworks.contains(&m.from) && frameworks.contains(&m.to))
            .collect()
    }

    /// A framework's releases and support policy, by index into [`Catalog::frameworks`].
    pub fn lifecycle(&self, framework: usize) -> Option<&Lifecycle> {
        self.lifecycles.get(framework)?.as_ref()
    }

    /// Every survey edition with usage figures, in file order.
    pub fn surveys(&self) -> &[usage::Survey] {
        &self.surveys
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).map(|&i| &self.sources[i])
    }

    /// A source's position in [`Catalog::sources`].
    pub fn source_position(&self, id: &str) -> Option<usize> {
        self.source_index.get(id).copied()
    }

    /// Categories in display order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Features in display order; `Framework::values` is aligned with this slice.
    pub fn features(&self) -> &[Feature] {
        &self.features
    }

    pub fn feature(&self, id: &str) -> Option<(usize, &Feature)> {
        self.features.iter().enumerate().find(|(_, f)| f.id == id)
    }

    /// The features of one category, in display order, with their index.
    pub fn features_in<'a>(
        &'a self,
        category: &'a Category,
    ) -> impl Iterator<Item = (usize, &'a Feature)> + 'a {
        self.features
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.category == category.id)
    }

    /// Frameworks sorted by slug, so no framework is listed first by editorial choice.
    pub fn frameworks(&self) -> &[Framework] {
        &self.frameworks
    }

    pub fn framework(&self, slug: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.slug == slug)
    }

    pub fn framework_index(&self, slug: &str) -> Option<usize> {
        self.frameworks.iter().position(|f| f.slug == slug)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Article,
    Documentation,
    Repository,
    PackageIndex,
}

impl SourceKind {
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Article => "Article",
            SourceKind::Documentation => "Official documentation",
            SourceKind::Repository => "Official repository",
            SourceKind::PackageIndex => "Package index",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub author: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` when the source is undated.
    pub date: Option<String>,
    pub url: Option<String>,
    pub kind: SourceKind,
}

impl Source {
    /// The date as shown, or "undated".
    pub fn date_label(&self) -> &str {
        self.date.as_deref().unwrap_or("undated")
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub explain: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureKind {
    /// The row is about having something: values are [`SupportLevel`]s.
    Support,
    /// The row has short categorical answers.
    Text,
    /// One of the row's [`Choice`]s: a property every framework has, which the
    /// questionnaire can score whatever the framework's name.
    Choice,
}

/// A tool people confuse with a web framework (the "not compared here" page).
#[derive(Debug, Clone, Serialize)]
pub struct OtherTool {
    pub name: String,
    /// The kind of tool it is; tools of one category sit next to each other in the file.
    pub category: String,
    pub what: String,
    /// Why it is a different category from the frameworks compared here.
    pub why: String,
    pub url: String,
    pub sources: Vec<String>,
}

/// How to move from one framework to another, where their own docs give a migration guide or
/// an incremental path.
#[derive(Debug, Clone)]
pub struct Migration {
    /// Indexes into [`Catalog::frameworks`].
    pub from: usize,
    pub to: usize,
    pub summary: String,
    pub carries_over: Vec<String>,
    pub rewrite: Vec<String>,
    pub steps: Vec<String>,
    pub sources: Vec<String>,
}

/// A comparison worth starting from, with why.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Indexes into [`Catalog::frameworks`], in slug order.
    pub frameworks: Vec<usize>,
    pub reason: String,
    pub sources: Vec<String>,
}

/// One answer a choice row allows.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub explain: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Feature {
    pub id: String,
    pub category: String,
    pub kind: FeatureKind,
    pub name: String,
    pub explain: String,
    /// The answers a choice row allows, in order; empty for other kinds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    /// Set when every framework's value is computed from its lifecycle, not written by hand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed: Option<lifecycle::Computed>,
}

/// How a framework provides a capability, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportLevel {
    BuiltIn,
    /// Part of the capability ships with the framework and the rest is yours to add: security
    /// utilities without a user store, say. The value's note says which part.
    Partial,
    Official,
    ThirdParty,
    None,
}

impl SupportLevel {
    pub const ALL: [SupportLevel; 5] = [
        SupportLevel::BuiltIn,
        SupportLevel::Partial,
        SupportLevel::Official,
        SupportLevel::ThirdParty,
        SupportLevel::None,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SupportLevel::BuiltIn => "built_in",
            SupportLevel::Partial => "partial",
            SupportLevel::Official => "official",
            SupportLevel::ThirdParty => "third_party",
            SupportLevel::None => "none",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SupportLevel::BuiltIn => "Built in",
            SupportLevel::Partial => "Partly built in",
            SupportLevel::Official => "Official add-on",
            SupportLevel::ThirdParty => "Third-party package",
            SupportLevel::None => "Not available",
        }
    }

    /// What the level means, as the legend of every table says it.
    pub fn meaning(self) -> &'static str {
        match self {
            SupportLevel::BuiltIn => "ships with the framework",
            SupportLevel::Partial => {
                "part of it ships with the framework; the note says what you add yourself"
            }
            SupportLevel::Official => "a separate package from the framework's own maintainers",
            SupportLevel::ThirdParty => "a package maintained by others",
            SupportLevel::None => "no usual way to get it",
        }
    }

    /// A symbol shown beside the label, so the level never depends on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            SupportLevel::BuiltIn => "✔",
            SupportLevel::Partial => "◐",
            SupportLevel::Official => "◆",
            SupportLevel::ThirdParty => "◇",
            SupportLevel::None => "✘",
        }
    }
}

impl fmt::Display for SupportLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A framework's answer for one feature row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Support(SupportLevel),
    Text(String),
    /// A choice row's answer: the choice's id and label.
    Choice {
        id: String,
        label: String,
    },
}

impl Answer {
    /// The answer as people read it.
    pub fn label(&self) -> &str {
        match self {
            Answer::Support(level) => level.label(),
            Answer::Text(text) => text,
            Answer::Choice { label, .. } => label,
        }
    }

    pub fn support(&self) -> Option<SupportLevel> {
        match self {
            Answer::Support(level) => Some(*level),
            Answer::Text(_) | Answer::Choice { .. } => None,
        }
    }

    /// Whether two answers say the same thing (text answers ignore case and outer spaces).
    pub fn same_as(&self, other: &Answer) -> bool {
        match (self, other) {
            (Answer::Support(a), Answer::Support(b)) => a == b,
            (Answer::Text(a), Answer::Text(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
            (Answer::Choice { id: a, .. }, Answer::Choice { id: b, .. }) => a == b,
            _ => false,
        }
    }
}

/// Another claim about the same thing, from a source that disagrees.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub claim: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Value {
    pub answer: Answer,
    pub note: String,
    pub sources: Vec<String>,
    pub disagreements: Vec<Disagreement>,
}

/// A sentence with the sources that back it (strengths, weaknesses, best for, not for).
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub text: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NotableUser {
    pub name: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Extension {
    pub name: String,
    pub what: String,
    pub url: Option<String>,
    pub sources: Vec<String>,
}

/// What kind of news a status notice brings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// The repository, organisation or package name changed.
    Moved,
    /// Its own maintainers advise against starting new projects with it.
    NotForNewProjects,
    /// Its maintainers say it gets fixes only, no new features.
    Maintenance,
}

impl NoticeKind {
    pub fn label(self) -> &'static str {
        match self {
            NoticeKind::Moved => "Moved",
            NoticeKind::NotForNewProjects => "Not advised for new projects",
            NoticeKind::Maintenance => "Maintenance only",
        }
    }
}

/// News a careful reader wants before choosing: a moved home, a maintainers' warning.
#[derive(Debug, Clone, Serialize)]
pub struct StatusNotice {
    pub kind: NoticeKind,
    pub text: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Facts {
    pub creator: String,
    pub origin: String,
    pub first_release: u16,
    pub licence: String,
    pub latest_version: String,
    pub latest_version_as_of: String,
    pub homepage: String,
    pub repository: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Framework {
    pub slug: String,
    pub name: String,
    pub tagline: String,
    pub overview: String,
    pub overview_sources: Vec<String>,
    pub facts: Facts,
    pub strengths: Vec<Claim>,
    pub weaknesses: Vec<Claim>,
    pub best_for: Vec<Claim>,
    pub not_for: Vec<Claim>,
    pub notable_users: Vec<NotableUser>,
    pub key_extensions: Vec<Extension>,
    /// Moved homes and maintainers' warnings, most important first (none for most).
    pub status_notices: Vec<StatusNotice>,
    /// One value per feature, aligned with [`Catalog::features`].
    pub values: Vec<Value>,
}

/// `YYYY-MM-DD`.
pub(crate) fn is_full_date(text: &str) -> bool {
    is_date(text, true)
}

/// `YYYY-MM-DD`, or also `YYYY` and `YYYY-MM` when `full` is false.
pub(crate) fn is_date(text: &str, full: bool) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year_ok = parts
        .first()
        .and_then(|y| number(y, 4))
        .is_some_and(|y| (1900..=2100).contains(&y));
    let month_ok = || {
        parts
            .get(1)
            .and_then(|m| number(m, 2))
            .is_some_and(|m| (1..=12).contains(&m))
    };
    let day_ok = || {
        parts
            .get(2)
            .and_then(|d| number(d, 2))
            .is_some_and(|d| (1..=31).contains(&d))
    };
    match parts.len() {
        1 => year_ok && !full,
        2 => year_ok && month_ok() && !full,
        3 => year_ok && month_ok() && day_ok(),
        _ => false,
    }
}
