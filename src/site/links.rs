//! Every URL the site links to, listed in one place. The home page, framework pages, the
//! sitemap and the warm-up at start-up all take their links from [`linked`], so a page
//! cannot link to what the sitemap leaves out.

use crate::catalog::Catalog;
use crate::compare;

/// One URL the site links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The path and query, canonical.
    pub path: String,
    pub kind: LinkKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkKind {
    /// A page about the site as a whole (home, index, picker, questionnaire, weights, models).
    Page,
    /// A framework's page, by index into [`Catalog::frameworks`].
    Framework(usize),
    /// A comparison the site links to, by framework indexes in canonical order; `diff` for
    /// its "only the rows that differ" view.
    Comparison { frameworks: Vec<usize>, diff: bool },
    /// A task's page: every framework, or the frameworks of a comparison the site links to,
    /// side by side.
    Task,
}

/// The pages about the site as a whole.
const PAGES: [&str; 7] = [
    "/",
    "/frameworks",
    "/compare",
    "/quiz",
    "/quiz/weights",
    "/quiz/models",
    "/tasks",
];

/// The path of a framework's page.
pub fn framework(slug: &str) -> String {
    format!("/frameworks/{slug}")
}

/// The canonical path of a comparison of these slugs, in any order.
pub fn comparison<'a>(slugs: impl IntoIterator<Item = &'a str>) -> String {
    format!("/compare/{}", compare::segment_for(slugs))
}

/// Every URL the site links to: the pages about the site (with the weights of each scoring
/// model before the latest, which the models page links to), each framework's page, and each
/// comparison the site links to with its "differences only" view, and each task's page, alone
/// and for the frameworks of each of those comparisons. The comparisons are every
/// pair (each framework page links to its pairs), the home page's suggestions
/// (`comparisons.toml`) and, while there are three or four frameworks, all of them at once.
pub fn linked(catalog: &Catalog) -> Vec<Link> {
    let frameworks = catalog.frameworks();
    let mut links: Vec<Link> = PAGES
        .iter()
        .map(|&path| Link {
            path: path.to_owned(),
            kind: LinkKind::Page,
        })
        .collect();
    if !catalog.not_compared().is_empty() {
        links.push(Link {
            path: super::not_compared::PATH.to_owned(),
            kind: LinkKind::Page,
        });
    }
    let models = catalog.models();
    links.extend(models[..models.len() - 1].iter().map(|model| Link {
        path: format!("/quiz/weights?{}={}", crate::answers::MODEL_PARAM, model.id),
        kind: LinkKind::Page,
    }));
    links.extend(frameworks.iter().enumerate().map(|(i, f)| Link {
        path: framework(&f.slug),
        kind: LinkKind::Framework(i),
    }));
    let mut comparisons: Vec<Vec<usize>> = (0..frameworks.len())
        .flat_map(|a| (a + 1..frameworks.len()).map(move |b| vec![a, b]))
        .collect();
    if (3..=compare::MAX_FRAMEWORKS).contains(&frameworks.len()) {
        comparisons.push((0..frameworks.len()).collect());
    }
    // The home page's suggestions of three or four.
    for suggested in catalog.comparisons() {
        if !comparisons.contains(&suggested.frameworks) {
            comparisons.push(suggested.frameworks.clone());
        }
    }
    // Each task's page with every framework, then with the frameworks of each comparison.
    let selections = std::iter::once(None).chain(comparisons.iter().map(|indexes| {
        Some(
            indexes
                .iter()
                .map(|&i| frameworks[i].slug.as_str())
                .collect::<Vec<_>>(),
        )
    }));
    for slugs in selections {
        for task in catalog.tasks() {
            links.push(Link {
                path: super::tasks::path(&task.id, slugs.as_deref()),
                kind: LinkKind::Task,
            });
        }
    }
    for indexes in comparisons {
        let path = comparison(indexes.iter().map(|&i| frameworks[i].slug.as_str()));
        for diff in [false, true] {
            links.push(Link {
                path: if diff {
                    format!("{path}?diff=1")
                } else {
                    path.clone()
                },
                kind: LinkKind::Comparison {
                    frameworks: indexes.clone(),
                    diff,
                },
            });
        }
    }
    links
}

/// What the server makes at start-up: the linked pages other than comparisons and tasks,
/// which are the most-visited and few. Comparisons (a number that grows with the square of
/// the frameworks), task pages (which highlight code) and results are made on first use.
pub fn warm_up(catalog: &Catalog) -> Vec<String> {
    linked(catalog)
        .into_iter()
        .filter(|link| !matches!(link.kind, LinkKind::Comparison { .. } | LinkKind::Task))
        .map(|link| link.path)
        .collect()
}
