//! Side-by-side comparison: which frameworks a compare URL names, and the table of feature
//! rows for them. Pure functions of the catalog; the web layer only renders the result.

use crate::catalog::{Catalog, Category, Feature, Framework, Value};
use crate::printable::printable;

/// The separator between slugs in a compare URL (`/compare/django-vs-flask`).
pub const SEPARATOR: &str = "-vs-";
pub const MIN_FRAMEWORKS: usize = 2;
pub const MAX_FRAMEWORKS: usize = 4;

/// Why a compare URL names no valid comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectionError {
    UnknownSlug(String),
    Repeated(String),
    TooFew,
    TooMany,
}

impl std::fmt::Display for SelectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SelectionError::UnknownSlug(slug) if slug.is_empty() => {
                write!(f, "The comparison names an empty framework.")
            }
            SelectionError::UnknownSlug(slug) => {
                write!(f, "We have no framework called \"{}\".", printable(slug))
            }
            SelectionError::Repeated(slug) => write!(
                f,
                "\"{}\" is named more than once; compare different frameworks.",
                printable(slug)
            ),
            SelectionError::TooFew => write!(
                f,
                "A comparison needs at least {MIN_FRAMEWORKS} different frameworks."
            ),
            SelectionError::TooMany => {
                write!(f, "A comparison shows at most {MAX_FRAMEWORKS} frameworks.")
            }
        }
    }
}

/// A valid set of frameworks to compare, as indexes into [`Catalog::frameworks`], in
/// canonical (alphabetical by slug) order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    indexes: Vec<usize>,
    /// Whether the URL already named them in canonical order.
    pub was_canonical: bool,
}

impl Selection {
    pub fn indexes(&self) -> &[usize] {
        &self.indexes
    }

    /// The canonical path segment (`django-vs-flask`).
    pub fn segment(&self, catalog: &Catalog) -> String {
        segment_for(
            self.indexes
                .iter()
                .map(|&i| catalog.frameworks()[i].slug.as_str()),
        )
    }
}

/// The path segment for these slugs, sorted into canonical order.
pub fn segment_for<'a>(slugs: impl IntoIterator<Item = &'a str>) -> String {
    let mut slugs: Vec<&str> = slugs.into_iter().collect();
    slugs.sort_unstable();
    slugs.join(SEPARATOR)
}

/// Parses the slugs from a compare path segment such as `flask-vs-django`.
pub fn select(catalog: &Catalog, segment: &str) -> Result<Selection, SelectionError> {
    select_slugs(catalog, segment.split(SEPARATOR))
}

/// Validates a list of slugs (from a URL or the picker form).
pub fn select_slugs<'a>(
    catalog: &Catalog,
    slugs: impl IntoIterator<Item = &'a str>,
) -> Result<Selection, SelectionError> {
    let mut indexes = Vec::new();
    for slug in slugs {
        let index = catalog
            .framework_index(slug)
            .ok_or_else(|| SelectionError::UnknownSlug(slug.to_owned()))?;
        if indexes.contains(&index) {
            return Err(SelectionError::Repeated(slug.to_owned()));
        }
        indexes.push(index);
        if indexes.len() > MAX_FRAMEWORKS {
            return Err(SelectionError::TooMany);
        }
    }
    if indexes.len() < MIN_FRAMEWORKS {
        return Err(SelectionError::TooFew);
    }
    // The catalog keeps frameworks sorted by slug, so index order is canonical order.
    let was_canonical = indexes.windows(2).all(|w| w[0] < w[1]);
    indexes.sort_unstable();
    Ok(Selection {
        indexes,
        was_canonical,
    })
}

/// One feature row: each selected framework's value, and whether they differ.
#[derive(Debug)]
pub struct Row<'a> {
    pub feature: &'a Feature,
    pub values: Vec<&'a Value>,
    pub differs: bool,
}

#[derive(Debug)]
pub struct Section<'a> {
    pub category: &'a Category,
    pub rows: Vec<Row<'a>>,
    /// Rows of this category left out because they do not differ (with `only_differences`).
    pub hidden: usize,
}

#[derive(Debug)]
pub struct Comparison<'a> {
    pub frameworks: Vec<&'a Framework>,
    pub sections: Vec<Section<'a>>,
    pub total_rows: usize,
    pub differing_rows: usize,
}

impl Comparison<'_> {
    /// Rows not shown because they are the same for every framework.
    pub fn hidden_rows(&self) -> usize {
        self.sections.iter().map(|s| s.hidden).sum()
    }
}

/// Builds the comparison table; with `only_differences`, rows whose values are all the same
/// are left out (and counted).
pub fn compare<'a>(
    catalog: &'a Catalog,
    selection: &Selection,
    only_differences: bool,
) -> Comparison<'a> {
    let frameworks: Vec<&Framework> = selection
        .indexes
        .iter()
        .map(|&i| &catalog.frameworks()[i])
        .collect();
    let mut sections = Vec::new();
    let mut total_rows = 0;
    let mut differing_rows = 0;
    for category in catalog.categories() {
        let mut rows = Vec::new();
        let mut hidden = 0;
        for (index, feature) in catalog.features_in(category) {
            let values: Vec<&Value> = frameworks.iter().map(|f| &f.values[index]).collect();
            let differs = values.iter().any(|v| !v.answer.same_as(&values[0].answer));
            total_rows += 1;
            if differs {
                differing_rows += 1;
            } else if only_differences {
                hidden += 1;
                continue;
            }
            rows.push(Row {
                feature,
                values,
                differs,
            });
        }
        sections.push(Section {
            category,
            rows,
            hidden,
        });
    }
    Comparison {
        frameworks,
        sections,
        total_rows,
        differing_rows,
    }
}

/// Every pair of frameworks, in canonical order: the comparisons the site links to.
pub fn all_pairs(catalog: &Catalog) -> Vec<(&Framework, &Framework)> {
    let frameworks = catalog.frameworks();
    let mut pairs = Vec::new();
    for (i, a) in frameworks.iter().enumerate() {
        for b in &frameworks[i + 1..] {
            pairs.push((a, b));
        }
    }
    pairs
}
