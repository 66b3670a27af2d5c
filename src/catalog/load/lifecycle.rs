//! Loading `lifecycle/{slug}.toml`: a framework's support policy and its feature releases,
//! newest first, each dated and sourced.

use std::collections::HashMap;

use serde::Deserialize;

use super::{FileRole, Loader};
use crate::catalog::is_full_date;
use crate::catalog::lifecycle::{LastRelease, Lifecycle, Release, SupportPolicy};

/// The fewest releases a lifecycle lists.
const MIN_RELEASES: usize = 3;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLifecycle {
    as_of: String,
    support_policy: RawPolicy,
    release: Vec<RawRelease>,
    last_release: RawLastRelease,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLastRelease {
    version: String,
    date: String,
    sources: Vec<String>,
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
    /// Every lifecycle file, by the slug its name gives. Loaded before the frameworks, whose
    /// computed rows read it; `self.framework_slugs` must already hold every slug.
    pub(super) fn load_lifecycles(
        &mut self,
        files: Vec<(String, String, toml::Table)>,
    ) -> HashMap<String, Lifecycle> {
        let mut lifecycles = HashMap::new();
        for (rel, file, table) in files {
            let slug = rel
                .strip_prefix("lifecycle/")
                .and_then(|name| name.strip_suffix(".toml"))
                .unwrap_or_default()
                .to_owned();
            if !self.framework_slugs.contains(&slug) {
                let reason =
                    format!("no framework has the slug \"{slug}\"; name the file after one");
                self.error(&file, "", "", reason);
                continue;
            }
            if let Some(lifecycle) = self.load_lifecycle(&file, &table) {
                lifecycles.insert(slug, lifecycle);
            }
        }
        lifecycles
    }

    /// The lifecycles in `frameworks` order; a framework without one is an error.
    pub(super) fn align_lifecycles(
        &mut self,
        mut lifecycles: HashMap<String, Lifecycle>,
        frameworks: &[crate::catalog::Framework],
    ) -> Vec<Option<Lifecycle>> {
        frameworks
            .iter()
            .map(|framework| {
                let lifecycle = lifecycles.remove(&framework.slug);
                if lifecycle.is_none() {
                    let file = self.file_name(&format!("lifecycle/{}.toml", framework.slug));
                    let reason = "missing: every framework lists its releases and support policy";
                    self.error(&file, "", "", reason);
                }
                lifecycle
            })
            .collect()
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
            self.published(file, &entry, &r.date, &raw.as_of);
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
        let last = raw.last_release;
        self.text(file, "last_release", "version", &last.version);
        self.cite(file, "last_release", "sources", &last.sources);
        if self.published(file, "last_release", &last.date, &raw.as_of)
            && releases
                .first()
                .is_some_and(|newest| newest.date > last.date)
        {
            let reason =
                "comes before the newest feature release; it is the newest release of any kind";
            self.error(file, "last_release", "date", reason);
        }
        Some(Lifecycle {
            as_of: raw.as_of,
            support_policy: SupportPolicy {
                text: raw.support_policy.text,
                sources: raw.support_policy.sources,
            },
            releases,
            last_release: LastRelease {
                version: last.version,
                date: last.date,
                sources: last.sources,
            },
        })
    }

    /// A release's `date`: a full date, not after the file's `as_of`. Whether it is one.
    fn published(&mut self, file: &str, entry: &str, date: &str, as_of: &str) -> bool {
        let reason = if !is_full_date(date) {
            format!("\"{date}\" is not a date (YYYY-MM-DD)")
        } else if date > as_of {
            format!("{date} is after the file's as_of date {as_of}")
        } else {
            return true;
        };
        self.error(file, entry, "date", reason);
        false
    }
}
