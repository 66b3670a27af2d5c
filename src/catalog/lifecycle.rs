//! How long each framework is supported: its release history and its own support policy
//! (`content/lifecycle/{slug}.toml`), and the cadence observed from the releases.

use serde::Serialize;

/// A framework's lifecycle data, as of a date.
#[derive(Debug, Clone, Serialize)]
pub struct Lifecycle {
    /// The day the releases and policy were read (YYYY-MM-DD).
    pub as_of: String,
    pub support_policy: SupportPolicy,
    /// Feature releases, newest first.
    pub releases: Vec<Release>,
    /// The newest release of any kind (fixes included), which tells whether the project still
    /// ships; feature releases alone would make a settled framework look abandoned.
    pub last_release: LastRelease,
}

/// The newest release of any kind.
#[derive(Debug, Clone, Serialize)]
pub struct LastRelease {
    pub version: String,
    /// The day it was published (YYYY-MM-DD).
    pub date: String,
    pub sources: Vec<String>,
}

/// A feature row whose values are computed from each framework's lifecycle rather than
/// written in its file (`computed = "..."` in `features.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Computed {
    /// How recently the project published any release: `within_year`, `within_two_years`
    /// or `older`, counted back from the lifecycle's as-of date.
    LastRelease,
}

impl Computed {
    /// The choice ids the computation gives, which the row must list.
    pub fn choices(self) -> &'static [&'static str] {
        match self {
            Computed::LastRelease => &["within_year", "within_two_years", "older"],
        }
    }

    /// This framework's choice id, the note that explains it and the sources of the fact.
    pub fn value(self, lifecycle: &Lifecycle) -> (&'static str, String, &[String]) {
        match self {
            Computed::LastRelease => {
                let last = &lifecycle.last_release;
                let choice = if last.date > months_before(&lifecycle.as_of, 12) {
                    "within_year"
                } else if last.date > months_before(&lifecycle.as_of, 24) {
                    "within_two_years"
                } else {
                    "older"
                };
                let note = format!(
                    "The newest release, {}, was published on {} (as of {}).",
                    last.version, last.date, lifecycle.as_of
                );
                (choice, note, &last.sources)
            }
        }
    }
}

/// What the project itself says it supports, in our words.
#[derive(Debug, Clone, Serialize)]
pub struct SupportPolicy {
    pub text: String,
    pub sources: Vec<String>,
}

/// One feature release.
#[derive(Debug, Clone, Serialize)]
pub struct Release {
    pub version: String,
    /// The day it was published (YYYY-MM-DD).
    pub date: String,
    /// Whether the project calls it long-term support.
    pub lts: bool,
    /// The end of support the project states (YYYY-MM-DD); `None` where it states none.
    pub end_of_support: Option<String>,
    /// The Python versions it supports, as its metadata or docs state them.
    pub python: String,
    pub sources: Vec<String>,
}

impl Lifecycle {
    /// The newest release.
    pub fn latest(&self) -> Option<&Release> {
        self.releases.first()
    }

    /// How many releases were published in the `months` before `as_of` (dates compare as
    /// text: both are YYYY-MM-DD).
    pub fn releases_within(&self, months: u32) -> usize {
        let since = months_before(&self.as_of, months);
        self.releases
            .iter()
            .filter(|r| r.date.as_str() > since.as_str() && r.date <= self.as_of)
            .count()
    }
}

/// A YYYY-MM-DD date (the loader checks every lifecycle date is one).
pub fn day(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// The date `months` months before `date` (YYYY-MM-DD), by chrono's calendar (a day the
/// earlier month lacks becomes its last day).
fn months_before(date: &str, months: u32) -> String {
    day(date)
        .and_then(|d| d.checked_sub_months(chrono::Months::new(months)))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{Computed, LastRelease, Lifecycle, Release, SupportPolicy, months_before};

    #[test]
    fn cadence_counts_releases_in_the_window() {
        assert_eq!(months_before("2026-11-30", 12), "2025-11-30");
        assert_eq!(months_before("2026-02-15", 3), "2025-11-15");
        let release = |date: &str| Release {
            version: date.to_owned(),
            date: date.to_owned(),
            lts: false,
            end_of_support: None,
            python: "3.10+".to_owned(),
            sources: vec!["x".to_owned()],
        };
        let lifecycle = Lifecycle {
            as_of: "2026-11-30".to_owned(),
            support_policy: SupportPolicy {
                text: "x".to_owned(),
                sources: vec![],
            },
            releases: vec![
                release("2026-06-01"),
                release("2025-12-01"),
                release("2025-11-30"),
                release("2024-12-01"),
            ],
            last_release: LastRelease {
                version: "2.1.3".to_owned(),
                date: "2026-06-01".to_owned(),
                sources: vec!["x".to_owned()],
            },
        };
        assert_eq!(lifecycle.releases_within(12), 2);
        assert_eq!(lifecycle.releases_within(24), 4);
    }

    #[test]
    fn last_release_is_placed_by_its_age_on_the_as_of_date() {
        let lifecycle = |date: &str| Lifecycle {
            as_of: "2026-11-30".to_owned(),
            support_policy: SupportPolicy {
                text: "x".to_owned(),
                sources: vec![],
            },
            releases: vec![],
            last_release: LastRelease {
                version: "1.0.1".to_owned(),
                date: date.to_owned(),
                sources: vec![],
            },
        };
        let choice = |date: &str| Computed::LastRelease.value(&lifecycle(date)).0;
        assert_eq!(choice("2026-11-30"), "within_year");
        assert_eq!(choice("2025-12-01"), "within_year");
        assert_eq!(choice("2025-11-30"), "within_two_years");
        assert_eq!(choice("2024-12-01"), "within_two_years");
        assert_eq!(choice("2024-11-30"), "older");
        let (_, note, _) = Computed::LastRelease.value(&lifecycle("2026-02-19"));
        assert_eq!(
            note,
            "The newest release, 1.0.1, was published on 2026-02-19 (as of 2026-11-30)."
        );
    }
}
