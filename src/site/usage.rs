//! Usage figures on pages: each survey's shares for the frameworks shown, with that survey's
//! definition beside them, never combined across surveys.

use super::citations::{Citations, Ref};
use crate::catalog::Catalog;
use crate::catalog::usage::Survey;

/// The usage section of a framework page or a comparison (`templates/_usage.html`).
pub struct UsageView<'a> {
    /// The frameworks shown, one column each.
    pub names: Vec<&'a str>,
    /// The surveys that list at least one of them, in file order.
    pub rows: Vec<UsageRow<'a>>,
    /// Every survey we cite, named for the sentence shown when none lists them.
    pub surveys: Vec<&'a str>,
}

/// One survey's row: its share for each framework shown (in their order), `None` where it
/// lists none.
pub struct UsageRow<'a> {
    pub survey: &'a Survey,
    pub shares: Vec<Option<u8>>,
    pub refs: Vec<Ref>,
}

impl<'a> UsageView<'a> {
    /// `frameworks` are indexes into the catalog's frameworks, in the order shown.
    pub fn new(
        catalog: &'a Catalog,
        frameworks: &[usize],
        citations: &mut Citations<'a>,
    ) -> UsageView<'a> {
        let rows = catalog
            .surveys()
            .iter()
            .filter(|survey| frameworks.iter().any(|&f| survey.share(f).is_some()))
            .map(|survey| UsageRow {
                survey,
                shares: frameworks.iter().map(|&f| survey.share(f)).collect(),
                refs: citations.refs(&survey.sources),
            })
            .collect();
        UsageView {
            names: frameworks
                .iter()
                .map(|&f| catalog.frameworks()[f].name.as_str())
                .collect(),
            rows,
            surveys: catalog.surveys().iter().map(|s| s.name.as_str()).collect(),
        }
    }
}
