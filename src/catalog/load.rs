//! Reading content files and turning them into a [`Catalog`], or into every problem found.
//!
//! Loading happens in two passes: each file is parsed into `Raw*` types that mirror the TOML
//! (with `deny_unknown_fields`, so typos fail), then the raw values are cross-checked (ids
//! exist, nothing is missing) and converted. Problems are collected, never short-circuited,
//! so one `--check` run lists everything that needs fixing.

mod lifecycle;
mod migrations;
mod questionnaire;
mod tasks;
mod usage;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use include_dir::{Dir, include_dir};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{
    Answer, Catalog, Category, Choice, Claim, Comparison, ContentError, ContentErrors,
    Disagreement, Extension, Facts, Feature, FeatureKind, Framework, LevelShares, Model,
    NotableUser, NoticeKind, OtherTool, Questionnaire, Source, StatusNotice, SupportLevel, Value,
    is_date,
};
use crate::catalog::RawSource;
use crate::catalog::lifecycle::{Computed, Lifecycle};
use crate::catalog::snapshot::Snapshot;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// The most frameworks a suggested comparison names: the limit of a compare URL
/// (`compare::MAX_FRAMEWORKS`, which this layer cannot import).
const MAX_COMPARED: usize = 4;

/// Longest text answer in a feature row; longer text belongs in the note.
const MAX_TEXT_VALUE: usize = 60;

/// Words that mark unfinished text; none may reach a page.
const PLACEHOLDERS: [&str; 5] = ["TODO", "TBD", "FIXME", "XXX", "lorem ipsum"];

/// The raw bytes of a content tree, keyed by path relative to its root (with `/`).
#[derive(Debug, Clone)]
pub struct ContentFiles {
    /// How the root is named in messages (`content` for the shipped content, or the directory).
    pub root: String,
    pub files: Vec<(String, Vec<u8>)>,
}

impl ContentFiles {
    /// The content compiled into the binary.
    pub fn embedded() -> ContentFiles {
        fn walk(dir: &Dir<'_>, out: &mut Vec<(String, Vec<u8>)>) {
            for file in dir.files() {
                out.push((
                    file.path().to_string_lossy().replace('\\', "/"),
                    file.contents().to_vec(),
                ));
            }
            for sub in dir.dirs() {
                walk(sub, out);
            }
        }
        let mut files = Vec::new();
        walk(&EMBEDDED, &mut files);
        files.sort();
        ContentFiles {
            root: "content".to_owned(),
            files,
        }
    }

    /// Every file below `dir`.
    pub fn read_dir(dir: &Path) -> Result<ContentFiles, ContentErrors> {
        fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
            for entry in std::fs::read_dir(dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    walk(base, &path, out)?;
                } else {
                    let rel = path.strip_prefix(base).unwrap_or(&path);
                    out.push((
                        rel.to_string_lossy().replace('\\', "/"),
                        std::fs::read(&path)?,
                    ));
                }
            }
            Ok(())
        }
        let root = dir.display().to_string();
        let mut files = Vec::new();
        if let Err(e) = walk(dir, dir, &mut files) {
            return Err(ContentErrors(vec![ContentError {
                file: root,
                entry: String::new(),
                field: String::new(),
                reason: format!("cannot read the content directory: {e}"),
            }]));
        }
        files.sort();
        Ok(ContentFiles { root, files })
    }
}

/// Loads the content shipped inside the binary.
pub fn load_embedded() -> Result<Catalog, ContentErrors> {
    load_files(&ContentFiles::embedded())
}

/// Loads the content tree in `dir`.
pub fn load_dir(dir: &Path) -> Result<Catalog, ContentErrors> {
    load_files(&ContentFiles::read_dir(dir)?)
}

pub fn load_files(content: &ContentFiles) -> Result<Catalog, ContentErrors> {
    let mut loader = Loader {
        root: &content.root,
        errors: Vec::new(),
        citations: Vec::new(),
        framework_slugs: Vec::new(),
    };
    let mut catalog = loader.load(&content.files);
    if !loader.errors.is_empty() {
        return Err(ContentErrors(loader.errors));
    }
    let live = live_model(&catalog);
    loader.check_every_framework_can_move(&live);
    if !loader.errors.is_empty() {
        return Err(ContentErrors(loader.errors));
    }
    if catalog
        .models
        .last()
        .is_some_and(|newest| newest.id == live.id)
    {
        catalog.models.pop();
    }
    catalog.models.push(Arc::new(live));
    Ok(catalog)
}

/// The live content as a scoring model. When it scores exactly as the newest frozen model,
/// it takes that model's place (with today's wording and sources, which explain a ranking but
/// do not decide it); otherwise it is the next, unpublished model. Its place among the
/// catalog's models is the last.
fn live_model(catalog: &Catalog) -> Model {
    let Some(newest) = catalog.models.last() else {
        return Model::from_catalog(catalog, 1, None, String::new());
    };
    let mut live = Model::from_catalog(
        catalog,
        newest.id,
        newest.published.clone(),
        newest.summary.clone(),
    );
    if live.scoring_text() != newest.scoring_text() {
        live.id = newest.id + 1;
        live.published = None;
        live.summary = String::new();
    }
    live
}

// ----- the files as written ------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSourcesFile {
    #[serde(default)]
    source: Vec<RawSource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeaturesFile {
    category: Vec<RawCategory>,
    feature: Vec<RawFeature>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: String,
    name: String,
    explain: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotComparedFile {
    tool: Vec<RawOtherTool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOtherTool {
    name: String,
    category: String,
    what: String,
    why: String,
    url: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComparisonsFile {
    comparison: Vec<RawComparison>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComparison {
    frameworks: Vec<String>,
    reason: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeature {
    id: String,
    category: String,
    kind: FeatureKind,
    name: String,
    explain: String,
    #[serde(default)]
    choices: Vec<RawChoice>,
    computed: Option<Computed>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    id: String,
    label: String,
    explain: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFramework {
    slug: String,
    name: String,
    tagline: String,
    overview: String,
    overview_sources: Vec<String>,
    facts: RawFacts,
    strengths: Vec<RawClaim>,
    weaknesses: Vec<RawClaim>,
    best_for: Vec<RawClaim>,
    not_for: Vec<RawClaim>,
    notable_users: Vec<RawNotableUser>,
    key_extensions: Vec<RawExtension>,
    #[serde(default)]
    status_notices: Vec<RawStatusNotice>,
    values: BTreeMap<String, RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatusNotice {
    kind: NoticeKind,
    text: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacts {
    creator: String,
    origin: String,
    first_release: u16,
    licence: String,
    latest_version: String,
    latest_version_as_of: String,
    homepage: String,
    repository: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    text: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotableUser {
    name: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExtension {
    name: String,
    what: String,
    url: Option<String>,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    support: Option<SupportLevel>,
    value: Option<String>,
    choice: Option<String>,
    note: String,
    sources: Vec<String>,
    #[serde(default)]
    disagreements: Vec<RawDisagreement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDisagreement {
    claim: String,
    sources: Vec<String>,
}

// ----- loading and checking ------------------------------------------------------------

/// What a file is, by where it sits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FileRole {
    Sources,
    Features,
    Framework,
    Questionnaire,
    /// A frozen scoring model, `models/{id}.toml` (see `snapshot`).
    Model,
    /// The comparisons the home page suggests.
    Comparisons,
    /// Tools people confuse with web frameworks (the "not compared here" page).
    NotCompared,
    /// The tasks every framework is shown doing.
    Tasks,
    /// How to move from one framework to another, where their docs say.
    Migrations,
    /// A framework's releases and support policy, `lifecycle/{slug}.toml`.
    Lifecycle,
    /// Survey figures on how many developers use each framework, with each survey's method.
    Usage,
    /// A snippet's `snippet.toml` or `verified.toml` (`snippets/{framework}/{task}/`).
    Snippet,
}

impl FileRole {
    fn of(path: &str) -> Option<FileRole> {
        let toml = |p: &str| {
            p.strip_suffix(".toml")
                .is_some_and(|stem| !stem.contains('/'))
        };
        if path == "features.toml" {
            Some(FileRole::Features)
        } else if path == "questionnaire.toml" {
            Some(FileRole::Questionnaire)
        } else if path == "comparisons.toml" {
            Some(FileRole::Comparisons)
        } else if path == "not_compared.toml" {
            Some(FileRole::NotCompared)
        } else if path == "tasks.toml" {
            Some(FileRole::Tasks)
        } else if path == "migrations.toml" {
            Some(FileRole::Migrations)
        } else if path == "usage.toml" {
            Some(FileRole::Usage)
        } else if path.strip_prefix("sources/").is_some_and(toml) {
            Some(FileRole::Sources)
        } else if path.strip_prefix("frameworks/").is_some_and(toml) {
            Some(FileRole::Framework)
        } else if path.strip_prefix("lifecycle/").is_some_and(toml) {
            Some(FileRole::Lifecycle)
        } else if path.strip_prefix("models/").is_some_and(toml) {
            Some(FileRole::Model)
        } else {
            None
        }
    }
}

/// A source id cited somewhere, remembered until every source file is read.
struct Citation {
    file: String,
    entry: String,
    field: String,
    id: String,
}

struct Loader<'a> {
    root: &'a str,
    errors: Vec<ContentError>,
    citations: Vec<Citation>,
    /// Slugs of every framework file that parsed, valid or not: a reference to a framework
    /// whose own file has errors is not reported again.
    framework_slugs: Vec<String>,
}

impl Loader<'_> {
    fn file_name(&self, rel: &str) -> String {
        format!("{}/{rel}", self.root.trim_end_matches('/'))
    }

    fn error(&mut self, file: &str, entry: &str, field: &str, reason: impl Into<String>) {
        self.errors.push(ContentError {
            file: file.to_owned(),
            entry: entry.to_owned(),
            field: field.to_owned(),
            reason: reason.into(),
        });
    }

    fn load(&mut self, files: &[(String, Vec<u8>)]) -> Catalog {
        let mut sources_files = Vec::new();
        let mut features_file = None;
        let mut framework_files = Vec::new();
        let mut questionnaire_file = None;
        let mut model_files = Vec::new();
        let mut comparisons_file = None;
        let mut not_compared_file = None;
        let mut tasks_file = None;
        let mut migrations_file = None;
        let mut usage_file = None;
        let mut lifecycle_files = Vec::new();
        let mut snippet_files = Vec::new();
        for (rel, bytes) in files {
            // A snippet's directory holds code of any kind; its loader checks every file.
            if rel.starts_with("snippets/") {
                snippet_files.push((rel.clone(), bytes.clone()));
                continue;
            }
            let role = FileRole::of(rel);
            if role.is_none() {
                // Notes for authors (README.md) may sit beside the content; stray TOML may not,
                // because it would look like content that is silently ignored.
                if Path::new(rel)
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("toml"))
                {
                    let file = self.file_name(rel);
                    self.error(
                        &file,
                        "",
                        "",
                        "unexpected content file; content is sources/*.toml, features.toml, \
                         questionnaire.toml, comparisons.toml, not_compared.toml, tasks.toml, migrations.toml, usage.toml, \
                         frameworks/*.toml, lifecycle/*.toml, models/*.toml and snippets/",
                    );
                }
                continue;
            }
            let file = self.file_name(rel);
            let Some(table) = self.parse_table(&file, bytes) else {
                continue;
            };
            match role {
                Some(FileRole::Sources) => sources_files.push((file, table)),
                Some(FileRole::Features) => features_file = Some((file, table)),
                Some(FileRole::Framework) => framework_files.push((file, table)),
                Some(FileRole::Questionnaire) => questionnaire_file = Some((file, table)),
                Some(FileRole::Model) => model_files.push((rel.clone(), file, table)),
                Some(FileRole::Comparisons) => comparisons_file = Some((file, table)),
                Some(FileRole::NotCompared) => not_compared_file = Some((file, table)),
                Some(FileRole::Tasks) => tasks_file = Some((file, table)),
                Some(FileRole::Migrations) => migrations_file = Some((file, table)),
                Some(FileRole::Usage) => usage_file = Some((file, table)),
                Some(FileRole::Lifecycle) => lifecycle_files.push((rel.clone(), file, table)),
                Some(FileRole::Snippet) | None => {}
            }
        }

        let (sources, source_index) = self.load_sources(sources_files);
        let (categories, features) = if let Some((file, table)) = features_file {
            self.load_features(&file, &table)
        } else {
            let file = self.file_name("features.toml");
            let reason = "missing: the feature rows must be defined here";
            self.error(&file, "", "", reason);
            (Vec::new(), Vec::new())
        };
        if framework_files.is_empty() {
            let file = self.file_name("frameworks");
            self.error(
                &file,
                "",
                "",
                "no framework files (frameworks/{slug}.toml) found",
            );
        }
        for (_, table) in &framework_files {
            if let Some(slug) = table.get("slug").and_then(|s| s.as_str()) {
                self.framework_slugs.push(slug.to_owned());
            }
        }
        // Before the frameworks: their computed rows are read from their lifecycles.
        let lifecycles = self.load_lifecycles(lifecycle_files);
        let mut frameworks = Vec::new();
        let mut slugs: HashMap<String, String> = HashMap::new();
        for (file, table) in framework_files {
            let Some(framework) = self.load_framework(&file, &table, &features, &lifecycles) else {
                continue;
            };
            if let Some(first) = slugs.get(&framework.slug) {
                let reason = format!(
                    "duplicate slug \"{}\": {first} uses it already",
                    framework.slug
                );
                self.error(
                    &file,
                    &format!("framework \"{}\"", framework.slug),
                    "slug",
                    reason,
                );
                continue;
            }
            slugs.insert(framework.slug.clone(), file.clone());
            frameworks.push(framework);
        }
        frameworks.sort_by(|a, b| a.slug.cmp(&b.slug));
        for (i, a) in frameworks.iter().enumerate() {
            if let Some(b) = frameworks[i + 1..].iter().find(|b| b.name == a.name) {
                let reason = format!(
                    "frameworks \"{}\" and \"{}\" share this name",
                    a.slug, b.slug
                );
                let file = slugs[&b.slug].clone();
                self.error(&file, &format!("framework \"{}\"", b.slug), "name", reason);
            }
        }

        let questionnaire = if let Some((file, table)) = questionnaire_file {
            self.load_questionnaire(&file, &table, &frameworks, &features)
        } else {
            let file = self.file_name("questionnaire.toml");
            self.error(
                &file,
                "",
                "",
                "missing: the questionnaire must be defined here",
            );
            None
        };

        // Loaded before the citations are checked, so that theirs are checked too.
        let comparisons = comparisons_file
            .map(|(file, table)| self.load_comparisons(&file, &table, &frameworks))
            .unwrap_or_default();
        let not_compared = not_compared_file
            .map(|(file, table)| self.load_not_compared(&file, &table))
            .unwrap_or_default();
        let (tasks, snippets) = self.load_tasks(tasks_file, snippet_files, &frameworks);
        let lifecycles = self.align_lifecycles(lifecycles, &frameworks);
        let migrations = migrations_file
            .map(|(file, table)| self.load_migrations(&file, &table, &frameworks))
            .unwrap_or_default();
        let surveys = usage_file
            .map(|(file, table)| self.load_usage(&file, &table, &frameworks))
            .unwrap_or_default();

        for citation in std::mem::take(&mut self.citations) {
            if !source_index.contains_key(&citation.id) {
                let reason = format!(
                    "cites source \"{}\", which no file in sources/ lists",
                    citation.id
                );
                self.error(&citation.file, &citation.entry, &citation.field, reason);
            }
        }

        let models = self.load_models(model_files);

        Catalog {
            sources,
            source_index,
            categories,
            features,
            frameworks,
            comparisons,
            not_compared,
            tasks,
            snippets,
            migrations,
            lifecycles,
            surveys,
            models,
            // Without a valid questionnaire there are errors, and this catalog is discarded.
            questionnaire: questionnaire.unwrap_or(Questionnaire {
                questions: Vec::new(),
                close_call_percent: 0,
                levels: LevelShares {
                    built_in: 0,
                    partial: None,
                    official: 0,
                    third_party: 0,
                    none: 0,
                },
                hybrid: None,
            }),
        }
    }

    /// A framework that no answer gives or takes points is ranked by its name alone: every
    /// framework needs a value that some question scores.
    fn check_every_framework_can_move(&mut self, live: &Model) {
        for (f, framework) in live.frameworks.iter().enumerate() {
            let moves = live
                .questionnaire
                .questions
                .iter()
                .enumerate()
                .any(|(q, question)| {
                    (0..question.options.len()).any(|o| live.option_points(q, o)[f] != 0)
                });
            if !moves {
                let file = self.file_name(&format!("frameworks/{}.toml", framework.slug));
                let reason = "no answer in the questionnaire gives this framework points or takes \
                     any away, so it would rank by its name alone; check its values for the rows \
                     the questionnaire scores (support, choice)";
                self.error(
                    &file,
                    &format!("framework \"{}\"", framework.slug),
                    "",
                    reason,
                );
            }
        }
    }

    /// The suggested comparisons: two to four frameworks each, every slug known, each with a
    /// reason and sources.
    fn load_comparisons(
        &mut self,
        file: &str,
        table: &toml::Table,
        frameworks: &[Framework],
    ) -> Vec<Comparison> {
        let Some(raw) = self.typed::<RawComparisonsFile>(file, table, FileRole::Comparisons) else {
            return Vec::new();
        };
        let mut comparisons = Vec::new();
        for (i, c) in raw.comparison.into_iter().enumerate() {
            let entry = format!("comparison #{}", i + 1);
            self.text(file, &entry, "reason", &c.reason);
            self.cite(file, &entry, "sources", &c.sources);
            if !(2..=MAX_COMPARED).contains(&c.frameworks.len()) {
                self.error(
                    file,
                    &entry,
                    "frameworks",
                    "a comparison names two to four frameworks",
                );
            }
            let mut indexes: Vec<usize> = Vec::new();
            for slug in &c.frameworks {
                match frameworks.iter().position(|f| &f.slug == slug) {
                    Some(f) if !indexes.contains(&f) => indexes.push(f),
                    Some(_) => self.error(
                        file,
                        &entry,
                        "frameworks",
                        format!("\"{slug}\" is named twice"),
                    ),
                    None if self.framework_slugs.iter().any(|s| s == slug) => {}
                    None => self.error(
                        file,
                        &entry,
                        "frameworks",
                        format!("no framework has the slug \"{slug}\""),
                    ),
                }
            }
            indexes.sort_unstable();
            comparisons.push(Comparison {
                frameworks: indexes,
                reason: c.reason,
                sources: c.sources,
            });
        }
        comparisons
    }

    /// `not_compared.toml`: tools people confuse with web frameworks.
    fn load_not_compared(&mut self, file: &str, table: &toml::Table) -> Vec<OtherTool> {
        let Some(raw) = self.typed::<RawNotComparedFile>(file, table, FileRole::NotCompared) else {
            return Vec::new();
        };
        let mut tools: Vec<OtherTool> = Vec::new();
        for (i, tool) in raw.tool.into_iter().enumerate() {
            let entry = format!("tool #{}", i + 1);
            for (field, text) in [
                ("name", &tool.name),
                ("category", &tool.category),
                ("what", &tool.what),
                ("why", &tool.why),
            ] {
                self.text(file, &entry, field, text);
            }
            self.url(file, &entry, "url", &tool.url);
            self.cite(file, &entry, "sources", &tool.sources);
            // A category's tools sit together, so the page can group them in file order.
            let category_seen_before = tools
                .iter()
                .rev()
                .skip_while(|t| t.category == tool.category)
                .any(|t| t.category == tool.category);
            if category_seen_before {
                let reason = format!(
                    "the tools of category \"{}\" must sit next to each other",
                    tool.category
                );
                self.error(file, &entry, "category", reason);
            }
            tools.push(OtherTool {
                name: tool.name,
                category: tool.category,
                what: tool.what,
                why: tool.why,
                url: tool.url,
                sources: tool.sources,
            });
        }
        tools
    }

    /// The frozen models, oldest first; each file must be named after its model's id.
    fn load_models(&mut self, files: Vec<(String, String, toml::Table)>) -> Vec<Arc<Model>> {
        let mut models: Vec<Arc<Model>> = Vec::new();
        for (rel, file, table) in files {
            let Some(snapshot) = self.typed::<Snapshot>(&file, &table, FileRole::Model) else {
                continue;
            };
            let id = snapshot.id();
            let named = rel
                .strip_prefix("models/")
                .and_then(|name| name.strip_suffix(".toml"));
            if named != Some(id.to_string().as_str()) {
                let reason = format!("model {id} must be in models/{id}.toml");
                self.error(&file, "model", "id", reason);
                continue;
            }
            if let Some(model) = snapshot.into_model(&file, &mut self.errors) {
                models.push(Arc::new(model));
            }
        }
        models.sort_by_key(|m| m.id);
        models
    }

    fn parse_table(&mut self, file: &str, bytes: &[u8]) -> Option<toml::Table> {
        let Ok(text) = std::str::from_utf8(bytes) else {
            self.error(file, "", "", "not valid UTF-8 text");
            return None;
        };
        match text.parse::<toml::Table>() {
            Ok(table) => Some(table),
            Err(e) => {
                let reason = format!("not valid TOML: {}", e.message());
                let at = e
                    .span()
                    .map(|span| {
                        let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                        format!("line {line}")
                    })
                    .unwrap_or_default();
                self.error(file, &at, "", reason);
                None
            }
        }
    }

    /// Deserializes a parsed file, turning a serde error into a located [`ContentError`].
    fn typed<T: DeserializeOwned>(
        &mut self,
        file: &str,
        table: &toml::Table,
        role: FileRole,
    ) -> Option<T> {
        let value = toml::Value::Table(table.clone());
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(typed) => Some(typed),
            Err(e) => {
                let mut path: Vec<String> = e
                    .path()
                    .iter()
                    .filter_map(|segment| match segment {
                        serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                        serde_path_to_error::Segment::Seq { index } => Some(format!("#{index}")),
                        _ => None,
                    })
                    .collect();
                let message = e.inner().message().trim().to_owned();
                if let Some(field) = field_in_message(&message)
                    && path.last().is_none_or(|last| *last != field)
                {
                    path.push(field);
                }
                let (entry, field) = locate(table, role, &path);
                self.error(file, &entry, &field, message);
                None
            }
        }
    }

    fn load_sources(
        &mut self,
        files: Vec<(String, toml::Table)>,
    ) -> (Vec<Source>, HashMap<String, usize>) {
        let mut sources = Vec::new();
        let mut index = HashMap::new();
        let mut first_file: HashMap<String, String> = HashMap::new();
        if files.is_empty() {
            let file = self.file_name("sources");
            self.error(&file, "", "", "no source files (sources/*.toml) found");
        }
        for (file, table) in files {
            let Some(raw) = self.typed::<RawSourcesFile>(&file, &table, FileRole::Sources) else {
                continue;
            };
            if raw.source.is_empty() {
                self.error(&file, "", "source", "lists no [[source]] entries");
            }
            for (i, s) in raw.source.into_iter().enumerate() {
                let entry = if s.id.is_empty() {
                    format!("source #{}", i + 1)
                } else {
                    format!("source \"{}\"", s.id)
                };
                self.id(&file, &entry, "id", &s.id, IdKind::Source);
                if let Some(first) = first_file.get(&s.id) {
                    let reason = format!("duplicate source id; {first} lists it already");
                    self.error(&file, &entry, "id", reason);
                    continue;
                }
                self.text(&file, &entry, "title", &s.title);
                self.text(&file, &entry, "publisher", &s.publisher);
                if let Some(author) = &s.author {
                    self.text(&file, &entry, "author", author);
                }
                if let Some(date) = &s.date
                    && !is_date(date, false)
                {
                    let reason = format!(
                        "\"{date}\" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD, or leave it out when undated"
                    );
                    self.error(&file, &entry, "date", reason);
                }
                if let Some(url) = &s.url {
                    self.url(&file, &entry, "url", url);
                }
                first_file.insert(s.id.clone(), file.clone());
                index.insert(s.id.clone(), sources.len());
                sources.push(Source::from(s));
            }
        }
        (sources, index)
    }

    fn load_features(&mut self, file: &str, table: &toml::Table) -> (Vec<Category>, Vec<Feature>) {
        let Some(raw) = self.typed::<RawFeaturesFile>(file, table, FileRole::Features) else {
            return (Vec::new(), Vec::new());
        };
        let mut categories: Vec<Category> = Vec::new();
        for c in raw.category {
            let entry = format!("category \"{}\"", c.id);
            self.id(file, &entry, "id", &c.id, IdKind::Feature);
            if categories.iter().any(|known| known.id == c.id) {
                self.error(file, &entry, "id", "duplicate category id");
                continue;
            }
            self.text(file, &entry, "name", &c.name);
            self.text(file, &entry, "explain", &c.explain);
            categories.push(Category {
                id: c.id,
                name: c.name,
                explain: c.explain,
            });
        }
        let mut features: Vec<Feature> = Vec::new();
        for f in raw.feature {
            let entry = format!("feature \"{}\"", f.id);
            self.id(file, &entry, "id", &f.id, IdKind::Feature);
            if features.iter().any(|known| known.id == f.id) {
                self.error(file, &entry, "id", "duplicate feature id");
                continue;
            }
            if !categories.iter().any(|c| c.id == f.category) {
                let reason = format!("no [[category]] has the id \"{}\"", f.category);
                self.error(file, &entry, "category", reason);
            }
            self.text(file, &entry, "name", &f.name);
            self.text(file, &entry, "explain", &f.explain);
            let choices = self.load_choices(file, &entry, f.kind, f.choices);
            if let Some(computed) = f.computed {
                let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
                if f.kind != FeatureKind::Choice || ids != computed.choices() {
                    let reason = format!(
                        "a computed row is of kind \"choice\" with the choices {}, in that order",
                        computed.choices().join(", ")
                    );
                    self.error(file, &entry, "computed", reason);
                }
            }
            features.push(Feature {
                id: f.id,
                category: f.category,
                kind: f.kind,
                name: f.name,
                explain: f.explain,
                choices,
                computed: f.computed,
            });
        }
        for c in &categories {
            if !features.iter().any(|f| f.category == c.id) {
                let entry = format!("category \"{}\"", c.id);
                self.errors.push(ContentError {
                    file: file.to_owned(),
                    entry,
                    field: String::new(),
                    reason: "no feature belongs to this category".to_owned(),
                });
            }
        }
        // Display order groups rows by category, in category order, keeping file order within.
        features.sort_by_key(|f| {
            categories
                .iter()
                .position(|c| c.id == f.category)
                .unwrap_or(usize::MAX)
        });
        (categories, features)
    }

    /// A choice row's choices: at least two, ids unique; other kinds have none.
    fn load_choices(
        &mut self,
        file: &str,
        entry: &str,
        kind: FeatureKind,
        raw: Vec<RawChoice>,
    ) -> Vec<Choice> {
        if kind != FeatureKind::Choice {
            if !raw.is_empty() {
                let reason = "only a row of kind \"choice\" lists choices";
                self.error(file, entry, "choices", reason);
            }
            return Vec::new();
        }
        if raw.len() < 2 {
            let reason = "a choice row lists at least two choices";
            self.error(file, entry, "choices", reason);
        }
        let mut choices: Vec<Choice> = Vec::new();
        for c in raw {
            let field = format!("choices \"{}\"", c.id);
            self.id(file, entry, &field, &c.id, IdKind::Feature);
            if choices.iter().any(|known| known.id == c.id) {
                self.error(file, entry, &field, "duplicate choice id");
                continue;
            }
            self.text(file, entry, &format!("{field} label"), &c.label);
            self.text(file, entry, &format!("{field} explain"), &c.explain);
            choices.push(Choice {
                id: c.id,
                label: c.label,
                explain: c.explain,
            });
        }
        choices
    }

    fn load_framework(
        &mut self,
        file: &str,
        table: &toml::Table,
        features: &[Feature],
        lifecycles: &HashMap<String, Lifecycle>,
    ) -> Option<Framework> {
        let raw = self.typed::<RawFramework>(file, table, FileRole::Framework)?;
        let errors_before = self.errors.len();
        self.check_page_text(file, &raw);
        let lifecycle = lifecycles.get(&raw.slug);
        let values = self.load_values(file, raw.values, features, lifecycle);
        if self.errors.len() > errors_before {
            return None;
        }
        let claims = |list: Vec<RawClaim>| {
            list.into_iter()
                .map(|c| Claim {
                    text: c.text,
                    sources: c.sources,
                })
                .collect()
        };
        let f = raw.facts;
        Some(Framework {
            slug: raw.slug,
            name: raw.name,
            tagline: raw.tagline,
            overview: raw.overview,
            overview_sources: raw.overview_sources,
            facts: Facts {
                creator: f.creator,
                origin: f.origin,
                first_release: f.first_release,
                licence: f.licence,
                latest_version: f.latest_version,
                latest_version_as_of: f.latest_version_as_of,
                homepage: f.homepage,
                repository: f.repository,
                sources: f.sources,
            },
            strengths: claims(raw.strengths),
            weaknesses: claims(raw.weaknesses),
            best_for: claims(raw.best_for),
            not_for: claims(raw.not_for),
            notable_users: raw
                .notable_users
                .into_iter()
                .map(|u| NotableUser {
                    name: u.name,
                    sources: u.sources,
                })
                .collect(),
            key_extensions: raw
                .key_extensions
                .into_iter()
                .map(|e| Extension {
                    name: e.name,
                    what: e.what,
                    url: e.url,
                    sources: e.sources,
                })
                .collect(),
            status_notices: raw
                .status_notices
                .into_iter()
                .map(|n| StatusNotice {
                    kind: n.kind,
                    text: n.text,
                    sources: n.sources,
                })
                .collect(),
            values,
        })
    }

    /// Everything on a framework page besides the feature values.
    fn check_page_text(&mut self, file: &str, raw: &RawFramework) {
        let top = format!("framework \"{}\"", raw.slug);
        self.id(file, &top, "slug", &raw.slug, IdKind::Slug);
        self.text(file, &top, "name", &raw.name);
        self.text(file, &top, "tagline", &raw.tagline);
        self.text(file, &top, "overview", &raw.overview);
        self.cite(file, &top, "overview_sources", &raw.overview_sources);

        let facts = &raw.facts;
        for (field, text) in [
            ("creator", &facts.creator),
            ("origin", &facts.origin),
            ("licence", &facts.licence),
            ("latest_version", &facts.latest_version),
        ] {
            self.text(file, "facts", field, text);
        }
        if !(1991..=2100).contains(&facts.first_release) {
            let reason = format!("{} is not a plausible release year", facts.first_release);
            self.error(file, "facts", "first_release", reason);
        }
        if !is_date(&facts.latest_version_as_of, true) {
            let reason = format!(
                "\"{}\" is not a date; an as-of date is YYYY-MM-DD",
                facts.latest_version_as_of
            );
            self.error(file, "facts", "latest_version_as_of", reason);
        }
        self.url(file, "facts", "homepage", &facts.homepage);
        self.url(file, "facts", "repository", &facts.repository);
        self.cite(file, "facts", "sources", &facts.sources);

        for (list, claims) in [
            ("strengths", &raw.strengths),
            ("weaknesses", &raw.weaknesses),
            ("best_for", &raw.best_for),
            ("not_for", &raw.not_for),
        ] {
            if claims.is_empty() {
                self.error(file, list, "", "needs at least one entry");
            }
            for (i, claim) in claims.iter().enumerate() {
                let entry = format!("{list} #{}", i + 1);
                self.text(file, &entry, "text", &claim.text);
                self.cite(file, &entry, "sources", &claim.sources);
            }
        }
        if raw.notable_users.is_empty() {
            self.error(file, "notable_users", "", "needs at least one entry");
        }
        for (i, user) in raw.notable_users.iter().enumerate() {
            let entry = format!("notable_users #{}", i + 1);
            self.text(file, &entry, "name", &user.name);
            self.cite(file, &entry, "sources", &user.sources);
        }
        if raw.key_extensions.is_empty() {
            self.error(file, "key_extensions", "", "needs at least one entry");
        }
        for (i, ext) in raw.key_extensions.iter().enumerate() {
            let entry = format!("key_extensions #{}", i + 1);
            self.text(file, &entry, "name", &ext.name);
            self.text(file, &entry, "what", &ext.what);
            if let Some(url) = &ext.url {
                self.url(file, &entry, "url", url);
            }
            self.cite(file, &entry, "sources", &ext.sources);
        }
        for (i, notice) in raw.status_notices.iter().enumerate() {
            let entry = format!("status_notices #{}", i + 1);
            self.text(file, &entry, "text", &notice.text);
            self.cite(file, &entry, "sources", &notice.sources);
        }
    }

    /// One value per feature, in feature order; missing, extra or mistyped values are errors.
    /// A computed row's value comes from the framework's lifecycle (none when it has no valid
    /// lifecycle, which is reported where lifecycles are matched to frameworks).
    fn load_values(
        &mut self,
        file: &str,
        mut raw_values: BTreeMap<String, RawValue>,
        features: &[Feature],
        lifecycle: Option<&Lifecycle>,
    ) -> Vec<Value> {
        for id in raw_values.keys() {
            if !features.iter().any(|f| &f.id == id) {
                let reason = format!("no feature has the id \"{id}\" in features.toml");
                self.error(file, &format!("values.{id}"), "", reason);
            }
        }
        let mut values = Vec::with_capacity(features.len());
        for feature in features {
            let entry = format!("values.{}", feature.id);
            if let Some(computed) = feature.computed {
                if raw_values.remove(&feature.id).is_some() {
                    let reason =
                        "computed from lifecycle/{slug}.toml; a framework file does not give it";
                    self.error(file, &entry, "", reason);
                }
                if let Some(lifecycle) = lifecycle {
                    values.push(computed_value(feature, computed, lifecycle));
                }
                continue;
            }
            let Some(v) = raw_values.remove(&feature.id) else {
                let reason = format!(
                    "missing: every framework needs a value for the feature \"{}\"",
                    feature.id
                );
                self.error(file, &entry, "", reason);
                continue;
            };
            let Some(answer) = self.answer(file, &entry, feature, v.support, v.value, v.choice)
            else {
                continue;
            };
            self.text(file, &entry, "note", &v.note);
            self.cite(file, &entry, "sources", &v.sources);
            for (i, d) in v.disagreements.iter().enumerate() {
                let field = format!("disagreements #{}", i + 1);
                self.text(file, &entry, &format!("{field} claim"), &d.claim);
                self.cite(file, &entry, &format!("{field} sources"), &d.sources);
            }
            values.push(Value {
                answer,
                note: v.note,
                sources: v.sources,
                disagreements: v
                    .disagreements
                    .into_iter()
                    .map(|d| Disagreement {
                        claim: d.claim,
                        sources: d.sources,
                    })
                    .collect(),
            });
        }
        values
    }

    /// A value's answer, which must match its feature's kind: `support` for a support row,
    /// `value` for a text row, `choice` (one of the row's choice ids) for a choice row.
    fn answer(
        &mut self,
        file: &str,
        entry: &str,
        feature: &Feature,
        support: Option<SupportLevel>,
        value: Option<String>,
        choice: Option<String>,
    ) -> Option<Answer> {
        let (wanted, kind, what) = match feature.kind {
            FeatureKind::Support => (
                "support",
                "support",
                "`support = \"built_in\" | \"partial\" | \"official\" | \"third_party\" | \"none\"`",
            ),
            FeatureKind::Text => ("value", "text", "a short answer, `value = \"...\"`"),
            FeatureKind::Choice => (
                "choice",
                "choice",
                "`choice = \"<one of the row's choice ids>\"`",
            ),
        };
        for (field, given) in [
            ("support", support.is_some()),
            ("value", value.is_some()),
            ("choice", choice.is_some()),
        ] {
            if given && field != wanted {
                let reason =
                    format!("this feature's kind is \"{kind}\": give {what} instead of `{field}`");
                self.error(file, entry, field, reason);
                return None;
            }
        }
        match (feature.kind, support, value, choice) {
            (FeatureKind::Support, Some(level), _, _) => Some(Answer::Support(level)),
            (FeatureKind::Text, _, Some(text), _) => {
                self.text(file, entry, "value", &text);
                if text.chars().count() > MAX_TEXT_VALUE {
                    let reason = format!(
                        "longer than {MAX_TEXT_VALUE} characters; keep the answer short and put detail in the note"
                    );
                    self.error(file, entry, "value", reason);
                }
                Some(Answer::Text(text))
            }
            (FeatureKind::Choice, _, _, Some(id)) => {
                let Some(c) = feature.choices.iter().find(|c| c.id == id) else {
                    let ids: Vec<&str> = feature.choices.iter().map(|c| c.id.as_str()).collect();
                    let reason = format!(
                        "\"{id}\" is not one of this row's choices ({})",
                        ids.join(", ")
                    );
                    self.error(file, entry, "choice", reason);
                    return None;
                };
                Some(Answer::Choice {
                    id,
                    label: c.label.clone(),
                })
            }
            _ => {
                let reason = format!("missing: this feature needs {what}");
                self.error(file, entry, wanted, reason);
                None
            }
        }
    }

    /// Remembers cited source ids, checked once every source file is read.
    fn cite(&mut self, file: &str, entry: &str, field: &str, ids: &[String]) {
        if ids.is_empty() {
            self.error(
                file,
                entry,
                field,
                "cites no source; give at least one source id",
            );
        }
        for id in ids {
            self.citations.push(Citation {
                file: file.to_owned(),
                entry: entry.to_owned(),
                field: field.to_owned(),
                id: id.clone(),
            });
        }
    }

    /// Text shown on a page: not blank, not a placeholder.
    fn text(&mut self, file: &str, entry: &str, field: &str, text: &str) {
        if text.trim().is_empty() {
            self.error(
                file,
                entry,
                field,
                "empty; write the text or remove the entry",
            );
            return;
        }
        let lower = text.to_lowercase();
        if let Some(marker) = PLACEHOLDERS
            .iter()
            .find(|m| lower.contains(&m.to_lowercase()) && (m.contains(' ') || text.contains(**m)))
        {
            let reason = format!("contains the placeholder \"{marker}\"; finish the text");
            self.error(file, entry, field, reason);
        }
    }

    fn url(&mut self, file: &str, entry: &str, field: &str, url: &str) {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        let ok = rest.is_some_and(|r| {
            !r.is_empty() && !r.starts_with('/') && !r.chars().any(char::is_whitespace)
        });
        if !ok {
            let reason = format!("\"{url}\" is not an absolute http(s) URL");
            self.error(file, entry, field, reason);
        }
    }

    fn id(&mut self, file: &str, entry: &str, field: &str, id: &str, kind: IdKind) {
        let (allowed, rule): (fn(char) -> bool, &str) = match kind {
            IdKind::Slug => (
                |c| c.is_ascii_lowercase() || c.is_ascii_digit(),
                "lowercase ASCII letters and digits",
            ),
            IdKind::Source => (
                |c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-',
                "lowercase ASCII letters, digits and '-'",
            ),
            IdKind::Feature => (
                |c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_',
                "lowercase ASCII letters, digits and '_'",
            ),
        };
        if id.is_empty() || id.len() > 40 || !id.chars().all(allowed) {
            let reason = format!("\"{id}\" is not a valid id; use 1 to 40 {rule}");
            self.error(file, entry, field, reason);
        }
    }
}

#[derive(Clone, Copy)]
enum IdKind {
    Slug,
    Source,
    Feature,
}

/// The field that serde names in a message such as "missing field `note`".
fn field_in_message(message: &str) -> Option<String> {
    for prefix in ["unknown field `", "missing field `", "duplicate field `"] {
        if let Some(rest) = message.strip_prefix(prefix) {
            return rest.split('`').next().map(str::to_owned);
        }
    }
    None
}

/// Splits a serde path (`feature`, `#3`, `kind`) into a readable entry and field.
fn locate(table: &toml::Table, role: FileRole, path: &[String]) -> (String, String) {
    let index = |s: &str| s.strip_prefix('#').and_then(|n| n.parse::<usize>().ok());
    match (role, path) {
        (FileRole::Sources | FileRole::Features, [list, i, rest @ ..]) if index(i).is_some() => {
            let n = index(i).unwrap_or_default();
            let id = table
                .get(list)
                .and_then(|v| v.as_array())
                .and_then(|a| a.get(n))
                .and_then(|e| e.get("id"))
                .and_then(|id| id.as_str());
            let entry = match id {
                Some(id) => format!("{list} \"{id}\""),
                None => format!("{list} #{}", n + 1),
            };
            (entry, rest.join("."))
        }
        (FileRole::Questionnaire | FileRole::Model, _) => locate_nested(table, path),
        (FileRole::Framework, [values, feature, rest @ ..]) if values == "values" => {
            (format!("values.{feature}"), join_field(rest))
        }
        (FileRole::Framework, [list, i, rest @ ..]) if index(i).is_some() => (
            format!("{list} #{}", index(i).unwrap_or_default() + 1),
            join_field(rest),
        ),
        (FileRole::Framework, [facts, rest @ ..]) if facts == "facts" => {
            ("facts".to_owned(), join_field(rest))
        }
        (FileRole::Framework, _) => {
            let slug = table.get("slug").and_then(|s| s.as_str()).unwrap_or("?");
            (format!("framework \"{slug}\""), join_field(path))
        }
        (_, _) => (String::new(), join_field(path)),
    }
}

/// For nested arrays of tables (`question` → `option` → `effect`): each array entry is named
/// by its `id` where it has one, else by its position.
fn locate_nested(table: &toml::Table, path: &[String]) -> (String, String) {
    let index = |s: &str| s.strip_prefix('#').and_then(|n| n.parse::<usize>().ok());
    let mut entry: Vec<String> = Vec::new();
    let mut current: Option<&toml::Value> = None;
    let mut i = 0;
    while i + 1 < path.len() {
        let Some(n) = index(&path[i + 1]) else { break };
        let list = match current {
            None => table.get(&path[i]),
            Some(value) => value.get(&path[i]),
        };
        let element = list.and_then(|l| l.as_array()).and_then(|a| a.get(n));
        let name = element
            .and_then(|e| e.get("id"))
            .and_then(|id| id.as_str())
            .map_or_else(|| format!("#{}", n + 1), |id| format!("\"{id}\""));
        entry.push(format!("{} {name}", path[i]));
        current = element;
        i += 2;
    }
    (entry.join(" "), join_field(&path[i..]))
}

fn join_field(path: &[String]) -> String {
    let mut out = String::new();
    for segment in path {
        if !out.is_empty() {
            out.push(if segment.starts_with('#') { ' ' } else { '.' });
        }
        match segment
            .strip_prefix('#')
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(n) => {
                out.push('#');
                out.push_str(&(n + 1).to_string());
            }
            None => out.push_str(segment),
        }
    }
    out
}

/// A computed row's value for one framework: the choice its lifecycle gives, cited by the
/// lifecycle's sources for that fact.
fn computed_value(feature: &Feature, computed: Computed, lifecycle: &Lifecycle) -> Value {
    let (id, note, sources) = computed.value(lifecycle);
    let label = feature
        .choices
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.label.clone())
        .unwrap_or_default();
    Value {
        answer: Answer::Choice {
            id: id.to_owned(),
            label,
        },
        note,
        sources: sources.to_vec(),
        disagreements: Vec::new(),
    }
}
