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
    use super::{Lifecycle, Release, SupportPolicy, months_before};

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
        };
        assert_eq!(lifecycle.releases_within(12), 2);
        assert_eq!(lifecycle.releases_within(24), 4);
    }
}
