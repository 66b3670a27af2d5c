//! Raw bytes → form/query decoding → typed answers → the scorer (and compare selection).
//! Checks the invariants the site relies on, not only the absence of panics.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pychooser::answers::Answers;
use pychooser::catalog::{self, Catalog};
use pychooser::{compare, scoring};

static CATALOG: LazyLock<Catalog> =
    LazyLock::new(|| catalog::load_embedded().expect("the shipped content is valid"));

fuzz_target!(|data: &[u8]| {
    let catalog = &*CATALOG;
    let questionnaire = catalog.questionnaire();
    // The same decoding the handlers use: lossy, never failing.
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(data).unwrap_or_default();

    // A shared results link.
    let (answers, ignored) = Answers::from_results_query(questionnaire, &pairs);
    let outcome = scoring::score(catalog, &answers);
    assert_eq!(outcome.ranking.len(), catalog.frameworks().len());
    assert!(outcome.ranking.iter().all(|r| r.percent <= 100));
    assert!(ignored.len() <= pairs.len() * 2);
    // The canonical query of the answers reads back as the same answers, with nothing ignored.
    let canonical = answers.query(questionnaire);
    let again: Vec<(String, String)> = serde_urlencoded::from_str(&canonical).unwrap();
    let (reparsed, none_ignored) = Answers::from_results_query(questionnaire, &again);
    assert_eq!(reparsed, answers);
    assert!(none_ignored.is_empty());

    // The submitted form.
    let (form_answers, errors) = Answers::from_form(questionnaire, &pairs);
    if errors.is_empty() {
        let outcome = scoring::score(catalog, &form_answers);
        assert_eq!(outcome.ranking.len(), catalog.frameworks().len());
    }

    // A compare path segment.
    if let Ok(segment) = std::str::from_utf8(data) {
        if let Ok(selection) = compare::select(catalog, segment) {
            let table = compare::compare(catalog, &selection, true);
            assert!(table.differing_rows <= table.total_rows);
        }
    }
});
