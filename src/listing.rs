//! The frameworks index as a pure function: which frameworks a `/frameworks?...` query keeps,
//! in which order, and which parts of the query it could not use.
//!
//! - `has={feature}[,{feature}…]` (repeatable): only frameworks whose value for each of those
//!   support rows is built in or an official add-on (`../shared/SPEC.md`); partly built in
//!   does not count, since the rest of the need is still yours to fill.
//! - `status={choice}[,…]`: the `project_status` row is one of these.
//! - `async={choice}[,…]`: the `concurrency` row is one of these.
//! - `interface={choice}[,…]`: the `interface` row (WSGI, ASGI, both, its own server) is one
//!   of these.
//! - `sort=name` (default), `first_release` (oldest project first) or `newest` (youngest
//!   project first).
//!
//! Anything else is named in the notice and left out of the filtering (status 200), as a
//! shared link must keep working when content changes.

use crate::catalog::{Answer, Catalog, FeatureKind, SupportLevel};

/// The choice rows the index filters by, and the query parameter of each.
pub const CHOICE_FILTERS: [(&str, &str); 3] = [
    ("status", crate::catalog::STATUS_ROW),
    ("async", "concurrency"),
    ("interface", "interface"),
];

/// The orders the index offers, by query value, with their labels.
pub const SORTS: [(&str, &str); 3] = [
    ("name", "Name"),
    ("first_release", "Oldest project first"),
    ("newest", "Youngest project first"),
];

/// What a query asks of the index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Support rows that must be built in or official, by feature index.
    pub has: Vec<usize>,
    /// For each of [`CHOICE_FILTERS`]: the choice ids allowed (empty: any).
    pub choices: [Vec<String>; 3],
    /// One of [`SORTS`]' ids.
    pub sort: &'static str,
    /// Parts of the query that could not be used, as (parameter, value, why).
    pub ignored: Vec<(String, String, &'static str)>,
}

impl Filters {
    /// Reads the query's pairs.
    pub fn read<K: AsRef<str>, V: AsRef<str>>(catalog: &Catalog, pairs: &[(K, V)]) -> Filters {
        let mut filters = Filters {
            sort: SORTS[0].0,
            ..Filters::default()
        };
        for (key, value) in pairs {
            let (key, value) = (key.as_ref(), value.as_ref());
            match key {
                "has" => {
                    for id in value.split(',').filter(|id| !id.is_empty()) {
                        let feature = catalog
                            .feature(id)
                            .filter(|(_, f)| f.kind == FeatureKind::Support)
                            .map(|(f, _)| f);
                        match feature {
                            Some(f) if !filters.has.contains(&f) => filters.has.push(f),
                            Some(_) => {}
                            None => filters.ignored.push((
                                key.to_owned(),
                                id.to_owned(),
                                "not a feature row with support levels",
                            )),
                        }
                    }
                }
                "sort" => match SORTS.iter().find(|(id, _)| *id == value) {
                    Some((id, _)) => filters.sort = id,
                    None => filters.ignored.push((
                        key.to_owned(),
                        value.to_owned(),
                        "not one of the orders (name, first_release, newest)",
                    )),
                },
                _ => {
                    let Some(slot) = CHOICE_FILTERS.iter().position(|(param, _)| *param == key)
                    else {
                        filters.ignored.push((
                            key.to_owned(),
                            value.to_owned(),
                            "not a filter of this page",
                        ));
                        continue;
                    };
                    let row = catalog.feature(CHOICE_FILTERS[slot].1).map(|(_, f)| f);
                    for id in value.split(',').filter(|id| !id.is_empty()) {
                        if row.is_some_and(|row| row.choices.iter().any(|c| c.id == id)) {
                            if !filters.choices[slot].iter().any(|c| c == id) {
                                filters.choices[slot].push(id.to_owned());
                            }
                        } else {
                            filters.ignored.push((
                                key.to_owned(),
                                id.to_owned(),
                                "not one of this filter's choices",
                            ));
                        }
                    }
                }
            }
        }
        filters
    }

    /// Whether the query narrows or reorders the list at all.
    pub fn is_default(&self) -> bool {
        self.has.is_empty() && self.choices.iter().all(Vec::is_empty) && self.sort == SORTS[0].0
    }

    /// The frameworks kept, as indexes into `catalog.frameworks()`, in the order asked for.
    pub fn apply(&self, catalog: &Catalog) -> Vec<usize> {
        // Each choice filter's row, looked up once.
        let rows = CHOICE_FILTERS.map(|(_, row)| catalog.feature(row).map(|(f, _)| f));
        let mut kept: Vec<usize> = catalog
            .frameworks()
            .iter()
            .enumerate()
            .filter(|(_, framework)| {
                let has = self.has.iter().all(|&f| {
                    matches!(
                        framework.values[f].answer.support(),
                        Some(SupportLevel::BuiltIn | SupportLevel::Official)
                    )
                });
                let choices = rows.iter().zip(&self.choices).all(|(row, allowed)| {
                    allowed.is_empty()
                        || row.is_some_and(|f| match &framework.values[f].answer {
                            Answer::Choice { id, .. } => allowed.contains(id),
                            _ => false,
                        })
                });
                has && choices
            })
            .map(|(i, _)| i)
            .collect();
        let frameworks = catalog.frameworks();
        match self.sort {
            "first_release" => kept.sort_by_key(|&i| (frameworks[i].facts.first_release, i)),
            "newest" => {
                kept.sort_by_key(|&i| (std::cmp::Reverse(frameworks[i].facts.first_release), i));
            }
            // By name, ignoring case.
            _ => kept.sort_by_cached_key(|&i| frameworks[i].name.to_lowercase()),
        }
        kept
    }
}
