//! The lifecycle on pages: a framework's support policy, cadence, release table and timeline
//! (an SVG drawn here, with an accessible name; the table beside it carries the same data for
//! screen readers and print), and the support summary of a comparison.

use super::citations::{Citations, Ref};
use crate::catalog::{Catalog, Framework, Lifecycle, Release};

/// The most releases the timeline draws (the newest); the table lists them all.
const TIMELINE_RELEASES: usize = 12;

pub struct ReleaseRow<'a> {
    pub release: &'a Release,
    pub refs: Vec<Ref>,
}

/// A framework's lifecycle on its page.
pub struct LifecycleView<'a> {
    pub lifecycle: &'a Lifecycle,
    pub policy_refs: Vec<Ref>,
    pub last_release_refs: Vec<Ref>,
    pub releases: Vec<ReleaseRow<'a>>,
    pub last_12_months: usize,
    pub last_24_months: usize,
    pub timeline: Timeline,
    pub timeline_count: usize,
    pub calendar: String,
}

impl<'a> LifecycleView<'a> {
    pub fn new(
        catalog: &'a Catalog,
        index: usize,
        citations: &mut Citations<'a>,
    ) -> Option<LifecycleView<'a>> {
        let lifecycle = catalog.lifecycle(index)?;
        let framework = &catalog.frameworks()[index];
        Some(LifecycleView {
            lifecycle,
            policy_refs: citations.refs(&lifecycle.support_policy.sources),
            last_release_refs: citations.refs(&lifecycle.last_release.sources),
            releases: lifecycle
                .releases
                .iter()
                .map(|release| ReleaseRow {
                    release,
                    refs: citations.refs(&release.sources),
                })
                .collect(),
            last_12_months: lifecycle.releases_within(12),
            last_24_months: lifecycle.releases_within(24),
            timeline: Timeline::new(framework, lifecycle),
            timeline_count: lifecycle.releases.len().min(TIMELINE_RELEASES),
            calendar: super::calendar::path([framework.slug.as_str()]),
        })
    }
}

/// One framework's row in a comparison's support table.
pub struct SupportRow<'a> {
    pub framework: &'a Framework,
    pub latest: Option<&'a Release>,
    pub as_of: &'a str,
    pub last_12_months: usize,
    pub policy: &'a str,
    pub refs: Vec<Ref>,
}

pub fn support_rows<'a>(
    catalog: &'a Catalog,
    frameworks: &[usize],
    citations: &mut Citations<'a>,
) -> Vec<SupportRow<'a>> {
    frameworks
        .iter()
        .filter_map(|&f| {
            let lifecycle = catalog.lifecycle(f)?;
            let latest = lifecycle.latest();
            let ids: Vec<String> = lifecycle
                .support_policy
                .sources
                .iter()
                .chain(latest.into_iter().flat_map(|r| &r.sources))
                .cloned()
                .collect();
            Some(SupportRow {
                framework: &catalog.frameworks()[f],
                latest,
                as_of: &lifecycle.as_of,
                last_12_months: lifecycle.releases_within(12),
                policy: &lifecycle.support_policy.text,
                refs: citations.refs(&ids),
            })
        })
        .collect()
}

/// Days since 1970-01-01 of a YYYY-MM-DD date (validated when the catalog loads).
fn days(date: &str) -> i64 {
    crate::catalog::lifecycle::day(date).map_or(0, |d| {
        d.signed_duration_since(chrono::NaiveDate::default())
            .num_days()
    })
}

/// The timeline's geometry, drawn by `templates/frameworks/_timeline.html`: a row per release
/// (the newest [`TIMELINE_RELEASES`]), a dot on the day it came out and a bar to the end of
/// support where one is stated, year marks and a line at the "as of" day. Computed here: it
/// is a few rectangles and lines, and no maintained crate draws this kind of chart as plain
/// SVG without scripts.
pub struct Timeline {
    pub id: String,
    /// The accessible name.
    pub title: String,
    pub width: i64,
    pub height: i64,
    pub top: i64,
    /// Where the year marks and the "as of" line end, and where the year labels sit.
    pub axis_bottom: i64,
    pub year_y: i64,
    /// Each year that starts inside the drawn span, and its x.
    pub years: Vec<(i32, i64)>,
    pub as_of_x: i64,
    /// The x the version labels end at.
    pub label_x: i64,
    pub rows: Vec<TimelineRow>,
}

pub struct TimelineRow {
    /// The version, with "LTS" where it is long-term support.
    pub label: String,
    pub lts: bool,
    /// The row's centre line, and the baseline of its label.
    pub y: i64,
    pub text_y: i64,
    /// The release day.
    pub x: i64,
    /// The bar to the stated end of support: its top and width.
    pub bar: Option<(i64, i64)>,
}

impl Timeline {
    fn new(framework: &Framework, lifecycle: &Lifecycle) -> Timeline {
        const WIDTH: i64 = 640;
        const LEFT: i64 = 96;
        const RIGHT: i64 = 16;
        const ROW: i64 = 22;
        const TOP: i64 = 8;
        let shown: Vec<&Release> = lifecycle.releases.iter().take(TIMELINE_RELEASES).collect();
        let start = shown.iter().map(|r| days(&r.date)).min().unwrap_or(0);
        let end = shown
            .iter()
            .filter_map(|r| r.end_of_support.as_deref().map(days))
            .chain([days(&lifecycle.as_of)])
            .max()
            .unwrap_or(start)
            .max(start + 1);
        let span = end - start;
        let x = |day: i64| LEFT + (day - start) * (WIDTH - LEFT - RIGHT) / span;
        let height = TOP + ROW * i64::try_from(shown.len()).unwrap_or(0) + 28;
        let first_year: i32 = shown.last().map_or(0, |r| r.date[..4].parse().unwrap_or(0));
        let years = (first_year..=first_year + 40)
            .map(|year| (year, days(&format!("{year}-01-01"))))
            .take_while(|&(_, day)| day <= end)
            .filter(|&(_, day)| day >= start)
            .map(|(year, day)| (year, x(day)))
            .collect();
        let rows = shown
            .iter()
            .enumerate()
            .map(|(i, release)| {
                let y = TOP + ROW * i64::try_from(i).unwrap_or(0) + ROW / 2;
                let from = x(days(&release.date));
                TimelineRow {
                    label: if release.lts {
                        format!("{} LTS", release.version)
                    } else {
                        release.version.clone()
                    },
                    lts: release.lts,
                    y,
                    text_y: y + 4,
                    x: from,
                    bar: release
                        .end_of_support
                        .as_deref()
                        .map(|end| (y - 4, (x(days(end)) - from).max(2))),
                }
            })
            .collect();
        Timeline {
            id: format!("timeline-{}", framework.slug),
            title: format!(
                "Release timeline of {}: {} feature releases from {} to {}, as of {}; bars run to the stated end of support.",
                framework.name,
                shown.len(),
                shown.last().map_or("", |r| r.date.as_str()),
                shown.first().map_or("", |r| r.date.as_str()),
                lifecycle.as_of
            ),
            width: WIDTH,
            height,
            top: TOP,
            axis_bottom: height - 20,
            year_y: height - 6,
            years,
            as_of_x: x(days(&lifecycle.as_of)),
            label_x: LEFT - 8,
            rows,
        }
    }
}
