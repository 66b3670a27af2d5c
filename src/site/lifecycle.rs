//! The lifecycle on pages: a framework's support policy, cadence, release table and timeline
//! (an SVG drawn here, with an accessible name; the table beside it carries the same data for
//! screen readers and print), and the support summary of a comparison.

use std::fmt::Write as _;

use askama::filters::Safe;

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
    pub releases: Vec<ReleaseRow<'a>>,
    pub last_12_months: usize,
    pub last_24_months: usize,
    pub timeline: Safe<String>,
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
            timeline: Safe(timeline(framework, lifecycle)),
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
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").map_or(0, |d| {
        d.signed_duration_since(chrono::NaiveDate::default())
            .num_days()
    })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The timeline: a row per release (the newest [`TIMELINE_RELEASES`]), a dot on the day it
/// came out and a bar to the end of support where one is stated, year marks and a line at
/// the "as of" day. Drawn by hand: it is a few rectangles and lines, and no maintained
/// crate draws this kind of chart as plain SVG without scripts.
fn timeline(framework: &Framework, lifecycle: &Lifecycle) -> String {
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
    let id = format!("timeline-{}", framework.slug);
    let mut svg = String::new();
    let title = format!(
        "Release timeline of {}: {} feature releases from {} to {}, as of {}; bars run to the stated end of support.",
        framework.name,
        shown.len(),
        shown.last().map_or("", |r| r.date.as_str()),
        shown.first().map_or("", |r| r.date.as_str()),
        lifecycle.as_of
    );
    let _ = write!(
        svg,
        r#"<svg class="timeline" role="img" aria-labelledby="{id}" viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet"><title id="{id}">{}</title>"#,
        escape(&title)
    );
    // Year marks.
    let first_year: i32 = shown.last().map_or(0, |r| r.date[..4].parse().unwrap_or(0));
    for year in first_year..=first_year + 40 {
        let day = days(&format!("{year}-01-01"));
        if day > end {
            break;
        }
        if day < start {
            continue;
        }
        let at = x(day);
        let bottom = height - 20;
        let _ = write!(
            svg,
            r#"<line class="tick" x1="{at}" y1="{TOP}" x2="{at}" y2="{bottom}"/><text class="year" x="{at}" y="{}" text-anchor="middle">{year}</text>"#,
            height - 6
        );
    }
    let now = x(days(&lifecycle.as_of));
    let _ = write!(
        svg,
        r#"<line class="as-of" x1="{now}" y1="{TOP}" x2="{now}" y2="{}"/>"#,
        height - 20
    );
    for (i, release) in shown.iter().enumerate() {
        let y = TOP + ROW * i64::try_from(i).unwrap_or(0) + ROW / 2;
        let from = x(days(&release.date));
        let label = if release.lts {
            format!("{} LTS", release.version)
        } else {
            release.version.clone()
        };
        let _ = write!(
            svg,
            r#"<text class="version" x="{}" y="{}" text-anchor="end">{}</text>"#,
            LEFT - 8,
            y + 4,
            escape(&label)
        );
        if let Some(end) = &release.end_of_support {
            let to = x(days(end));
            let class = if release.lts { "bar lts" } else { "bar" };
            let _ = write!(
                svg,
                r#"<rect class="{class}" x="{from}" y="{}" width="{}" height="8"/>"#,
                y - 4,
                (to - from).max(2)
            );
        }
        let _ = write!(
            svg,
            r#"<circle class="release" cx="{from}" cy="{y}" r="4"/>"#
        );
    }
    svg.push_str("</svg>");
    svg
}
