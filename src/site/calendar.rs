//! `/calendar.ics?fw={slug}[&fw={slug}…]`: an iCalendar feed (RFC 5545) with one all-day
//! event per end-of-support date the chosen frameworks state, written by the `icalendar`
//! crate. The feed is the same for the same content: each event's UID and DTSTAMP come from
//! the content (the release and the day its lifecycle was read), not from the clock.

use axum::extract::State;
use axum::http::{Uri, header};
use axum::response::{IntoResponse, Response};
use icalendar::{Calendar, Component, Event, EventLike};

use super::extract::{pick_query, picked, query_pairs};
use super::{AppState, Error};
use crate::catalog::Catalog;
use crate::catalog::lifecycle::day;
use crate::compare::SelectionError;

/// The feed's address for these slugs.
pub fn path<'a>(slugs: impl IntoIterator<Item = &'a str>) -> String {
    format!("/calendar.ics{}", pick_query(slugs))
}

pub async fn feed(State(state): State<AppState>, uri: Uri) -> Result<Response, Error> {
    let catalog = &state.catalog;
    let pairs = query_pairs(uri.query());
    let mut chosen: Vec<usize> = Vec::new();
    for slug in picked(&pairs) {
        let Some(f) = catalog.framework_index(slug) else {
            let unknown = SelectionError::UnknownSlug(slug.to_owned());
            return Err(Error::NotFound(format!(
                "{unknown} The feed takes ?fw= with the slugs listed at /frameworks."
            )));
        };
        if !chosen.contains(&f) {
            chosen.push(f);
        }
    }
    if chosen.is_empty() {
        return Err(Error::BadRequest(
            "Name at least one framework: /calendar.ics?fw=django&fw=flask.".to_owned(),
        ));
    }
    chosen.sort_unstable();
    let body = calendar(catalog, &chosen, &state.base_url);
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response())
}

/// The feed for these frameworks (indexes into [`Catalog::frameworks`]).
fn calendar(catalog: &Catalog, frameworks: &[usize], base_url: &str) -> String {
    let names: Vec<&str> = frameworks
        .iter()
        .map(|&f| catalog.frameworks()[f].name.as_str())
        .collect();
    let mut calendar = Calendar::new();
    calendar.name(&format!("End of support: {}", names.join(", ")));
    for &f in frameworks {
        let framework = &catalog.frameworks()[f];
        let Some(lifecycle) = catalog.lifecycle(f) else {
            continue;
        };
        let stamp = day(&lifecycle.as_of).and_then(|d| d.and_hms_opt(0, 0, 0));
        for release in &lifecycle.releases {
            let Some(end) = release.end_of_support.as_deref().and_then(day) else {
                continue;
            };
            let lts = if release.lts { " LTS" } else { "" };
            let mut event = Event::new();
            event
                .uid(&format!("{}-{}-end-of-support@pychooser", framework.slug, release.version))
                .summary(&format!("{} {}{lts}: end of support", framework.name, release.version))
                .description(&format!(
                    "{} {} (released {}) stops receiving fixes, as the project states it. Support policy: {} Details and sources: {base_url}/frameworks/{}",
                    framework.name, release.version, release.date, lifecycle.support_policy.text, framework.slug
                ))
                .starts(end);
            if let Some(stamp) = stamp {
                event.timestamp(stamp.and_utc());
            }
            calendar.push(event.done());
        }
    }
    calendar.done().to_string()
}
