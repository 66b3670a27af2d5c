//! Raw bytes → the site's own decoder (`site::extract::pairs`, as for query strings and form
//! bodies) → typed answers → the scorer → the results page, rendered by the function the
//! results handler calls; and the same bytes as a submitted form, judged as `POST /quiz`
//! judges it. Checks the invariants the site relies on, not only the absence of panics.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pychooser::answers::{Answers, Link};
use pychooser::site::extract::pairs;
use pychooser::site::quiz::Submission;
use pychooser::site::results;
use pychooser::{AppState, catalog, compare, scoring};

static STATE: LazyLock<AppState> = LazyLock::new(|| {
    AppState::new(catalog::load_embedded().expect("the shipped content is valid"))
});

/// `data` as a query string a URI can carry: bytes outside the query's characters
/// percent-encoded, as a browser sends them.
fn as_query(data: &[u8]) -> String {
    let mut query = String::with_capacity(data.len() * 3);
    for &byte in data {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?%".contains(&byte) {
            query.push(char::from(byte));
        } else {
            query.push_str(&format!("%{byte:02X}"));
        }
    }
    query
}

fuzz_target!(|data: &[u8]| {
    let state = &*STATE;
    let catalog = &*state.catalog;
    let questionnaire = catalog.questionnaire();
    let decoded = pairs(data);

    // A shared results link, read with the model it names.
    let link = Link::read(catalog, decoded.clone());
    let outcome = scoring::score(link.model, &link.answers);
    assert_eq!(outcome.ranking.len(), link.model.frameworks.len());
    assert!(outcome.ranking.iter().all(|r| r.percent <= 100));
    assert!(link.ignored.len() <= decoded.len() * 2 + 1);
    // The canonical query reads back as the same answers and model, with nothing ignored.
    let canonical = link.query();
    let reread = Link::read(catalog, pairs(canonical.as_bytes()));
    assert_eq!(reread.answers, link.answers);
    assert_eq!(reread.model.id, link.model.id);
    assert!(reread.ignored.is_empty());
    assert!(reread.is_canonical(&canonical));

    // The page a request for it gets: rendered, and nothing from the request unescaped.
    let query = as_query(data);
    let page = results::html(state, Some(&query)).expect("a results page always renders");
    assert!(
        !page.0.contains("<script"),
        "markup from the query came back unescaped"
    );

    // The submitted form: a valid one redirects to the canonical URL of its answers.
    match Submission::judge(catalog, Some("application/x-www-form-urlencoded"), data) {
        Submission::Valid(location) => {
            let query = location.strip_prefix("/results").unwrap_or("");
            let query = query.strip_prefix('?').unwrap_or(query);
            let (answers, ignored) =
                Answers::from_results_query(questionnaire, &pairs(query.as_bytes()));
            assert!(ignored.is_empty());
            assert_eq!(answers.query(questionnaire), query);
        }
        Submission::NotForm => panic!("a form content type is a form"),
        Submission::Invalid(..) => {}
    }

    // A compare path segment.
    if let Ok(segment) = std::str::from_utf8(data)
        && let Ok(selection) = compare::select(catalog, segment)
    {
        let table = compare::compare(catalog, &selection, true);
        assert!(table.differing_rows <= table.total_rows);
    }
});
