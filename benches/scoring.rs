//! Micro-benchmarks of the per-request work on a results page: the scorer alone, and the whole
//! page (parse the query, score, render). Run with `cargo bench`.

use std::sync::LazyLock;

use pychooser::AppState;
use pychooser::answers::Answers;
use pychooser::catalog::{self, Catalog};
use pychooser::scoring;

fn main() {
    divan::main();
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| catalog::load_embedded().unwrap());

/// A typical shared link: eight answers.
const QUERY: &str = "size=large&kind=content&admin=yes&accounts=yes&experience=new&deadline=tight&languages=yes&lifespan=long";
/// Every question answered.
const FULL: &str = "size=medium&kind=api&admin=yes&accounts=yes&database=sql&experience=some&learning=no&structure=freedom&deadline=tight&security=low&languages=no&lifespan=long&deploy=containers&throughput=yes&async=yes&api_docs=yes";

fn answers(query: &str) -> Answers {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    Answers::from_results_query(CATALOG.questionnaire(), &pairs).0
}

#[divan::bench(args = [QUERY, FULL])]
fn score(bencher: divan::Bencher, query: &str) {
    let answers = answers(query);
    bencher.bench(|| {
        scoring::score(
            divan::black_box(CATALOG.latest_model()),
            divan::black_box(&answers),
        )
    });
}

#[divan::bench(args = [QUERY, FULL])]
fn results_page(bencher: divan::Bencher, query: &str) {
    let state = AppState::new(catalog::load_embedded().unwrap());
    bencher
        .bench(|| pychooser::site::results::html(&state, divan::black_box(Some(query))).unwrap());
}
