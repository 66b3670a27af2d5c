//! Loading `lifecycle/{slug}.toml`: a framework's support policy and its feature releases,
//! newest first, each dated and sourced.

use serde::Deserialize;

use super::{FileRole, Loader};
use crate::catalog::is_full_date;
use crate::catalog::lifecycle::{Lifecycle, Release, SupportPolicy};

/// The fewest releases a lifecycle lists.
const MIN_RELEASES: usize = 3;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLifecycle {
    as_of: String,
    support_policy: RawPolicy,
    release: Vec<RawRelease>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    text: String,
    sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelease {
    version: String,
    date: String,
    lts: bool,
    end_of_support: Option<String>,
    python: String,
    sources: Vec<String>,
}

impl Loader<'_> {
    /// Every lifecycle file, one per framework, indexed like `frameworks`.
    pub(super) fn load_lifecycles(
        &mut self,
        files: Vec<(String, String, toml::Table)>,
        frameworks: &[crate::catalog::Framework],
    ) -> Vec<Option<Lifecycle>> {
        let mut lifecycles: Vec<Option<Lifecycle>> = vec![None; frameworks.len()];
        for (rel, file, table) in files {
            let slug = rel
                .strip_prefix("lifecycle/")
                .and_then(|name| name.strip_suffix(".toml"))
                .unwrap_or_default();
            let lifecycle = self.load_lifecycle(&file, &table);
            match frameworks.iter().position(|f| f.slug == slug) {
                Some(f) => lifecycles[f] = lifecycle,
                None if self.framework_slugs.iter().any(|s| s == slug) => {}
                None => {
                    let reason =
                        format!("no framework has the slug \"{slug}\"; name the file after one");
                    self.error(&file, "", "", reason);
                }
            }
        }
        for (f, framework) in frameworks.iter().enumerate() {
            if lifecycles[f].is_none() {
                let file = self.file_name(&format!("lifecycle/{}.toml", framework.slug));
                let reason = "missing: every framework lists its releases and support policy";
                self.error(&file, "", "", reason);
            }
        }
        lifecycles
    }

    /// One framework's lifecycle file (its slug is the file's name).
    pub(super) fn load_lifecycle(&mut self, file: &str, table: &toml::Table) -> Option<Lifecycle> {
        let raw = self.typed::<RawLifecycle>(file, table, FileRole::Lifecycle)?;
        if !is_full_date(&raw.as_of) {
            let reason = format!("\"{}\" is not a date (YYYY-MM-DD)", raw.as_of);
            self.error(file, "", "as_of", reason);
        }
        self.text(file, "support_policy", "text", &raw.support_policy.text);
        self.cite(
            file,
            "support_policy",
            "sources",
            &raw.support_policy.sources,
        );
        if raw.release.len() < MIN_RELEASES {
            let reason = format!("list at least {MIN_RELEASES} releases");
            self.error(file, "", "release", reason);
        }
        let mut releases: Vec<Release> = Vec::new();
        for r in raw.release {
            let entry = format!("release \"{}\"", r.version);
            self.text(file, &entry, "version", &r.version);
            self.text(file, &entry, "python", &r.python);
            self.cite(file, &entry, "sources", &r.sources);
            if !is_full_date(&r.date) {
                let reason = format!("\"{}\" is not a date (YYYY-MM-DD)", r.date);
                self.error(file, &entry, "date", reason);
            } else if r.date > raw.as_of {
                let reason = format!("{} is after the file's as_of date {}", r.date, raw.as_of);
                self.error(file, &entry, "date", reason);
            }
            if let Some(end) = &r.end_of_support {
                if !is_full_date(end) {
                    let reason = format!("\"{end}\" is not a date (YYYY-MM-DD)");
                    self.error(file, &entry, "end_of_support", reason);
                } else if *end <= r.date {
                    self.error(file, &entry, "end_of_support", "comes before the release");
                }
            }
            if releases.iter().any(|x| x.version == r.version) {
                self.error(file, &entry, "version", "listed twice");
                continue;
            }
            if releases.last().is_some_and(|newer| newer.date < r.date) {
                self.error(file, &entry, "date", "releases are listed newest first");
            }
            releases.push(Release {
                version: r.version,
                date: r.date,
                lts: r.lts,
                end_of_support: r.end_of_support,
                python: r.python,
                sources: r.sources,
            });
        }
        Some(Lifecycle {
            as_of: raw.as_of,
            support_policy: SupportPolicy {
                text: raw.support_policy.text,
                sources: raw.support_policy.sources,
            },
            releases,
        })
    }
}
