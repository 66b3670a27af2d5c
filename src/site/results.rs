//! `/results?{question}={option}&...`: the shareable results page.

mod prepared;

use askama::filters::{Html as Escaper, Safe, escape};
use askama::{FastWritable, NO_VALUES, Template};
use axum::extract::State;
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Response};

use super::extract::query_pairs;
use super::{AppState, Error, kept_html, links, render_into};
use crate::answers::{Ignored, Link, MODEL_PARAM};
use crate::catalog::{Catalog, Model, ModelFramework};
use crate::printable::printable;
use crate::scoring::{self, Outcome};
pub use prepared::Prepared;
use prepared::Stitched;

/// Points in hundredths, as shown: `+3`, `+1.2`, `-0.75`, `0`.
pub fn points_label(centi: i32) -> String {
    let mut label = String::with_capacity(12);
    label.push_str(match centi.signum() {
        1 => "+",
        -1 => "−",
        _ => "",
    });
    let abs = centi.unsigned_abs();
    let (whole, frac) = (abs / 100, abs % 100);
    push_number(&mut label, whole);
    if frac != 0 {
        label.push('.');
        if frac % 10 == 0 {
            push_number(&mut label, frac / 10);
        } else {
            if frac < 10 {
                label.push('0');
            }
            push_number(&mut label, frac);
        }
    }
    label
}

/// Appends `n` in decimal. Numbers on a results page (citations, percentages, points) have a
/// few digits, and `fmt`'s machinery, or a division by a variable per digit, was a sixth of a
/// page's render; dividing by the constant 10 compiles to a multiplication.
#[inline]
fn push_number(out: &mut String, mut n: u32) {
    if n < 10 {
        // Most citation numbers.
        out.push(char::from(b'0' + u8::try_from(n).unwrap_or(0)));
        return;
    }
    let mut digits = [0_u8; 10];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}

pub struct RankView<'a> {
    pub name: &'a str,
    /// The framework's page, when the site still has one.
    pub href: Option<String>,
    pub percent: u8,
    pub points: String,
}

pub struct FlipView<'a> {
    pub prompt: &'a str,
    /// What to change, as a phrase: `answering “Large” instead of “Small”`.
    pub change: String,
    pub new_top: &'a str,
    /// The current top pick, when the change only draws level with it.
    pub tied_with: Option<&'a str>,
}

pub struct IgnoredView {
    /// As given, made printable (see `answers::printable`).
    pub question: String,
    pub option: String,
    pub reason: &'static str,
}

impl IgnoredView {
    /// A query pair a page could not use, as its notice lists it.
    pub fn new(question: &str, option: &str, reason: &'static str) -> IgnoredView {
        IgnoredView {
            question: printable(question),
            option: printable(option),
            reason,
        }
    }

    /// Each ignored pair of a results link, as its notice lists it.
    pub fn all(ignored: &[Ignored]) -> Vec<IgnoredView> {
        ignored
            .iter()
            .map(|i| IgnoredView::new(&i.question, &i.option, i.reason.describe()))
            .collect()
    }
}

/// Which model ranked the page, and how the latest model sees the same answers.
pub struct ModelView {
    pub id: u32,
    /// `None` for live content that is not yet a published model.
    pub published: Option<String>,
    pub is_latest: bool,
    pub weights_href: String,
    /// When an older model ranked the page.
    pub latest: Option<LatestView>,
}

/// The same answers under the latest model.
pub struct LatestView {
    pub id: u32,
    pub published: Option<String>,
    /// Whether its ranking (order or percents) differs from this page's.
    pub differs: bool,
    /// What changed since the page's model, as one phrase: "4 frameworks added, 2 weights
    /// changed".
    pub changes: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "results/show.html")]
struct ResultsPage<'a> {
    has_answers: bool,
    top: Option<&'a ModelFramework>,
    ranking: Vec<RankView<'a>>,
    /// The "why" rows, the hybrid note and the source list.
    cited: Stitched,
    close_call: bool,
    close_call_percent: u8,
    flips: Vec<FlipView<'a>>,
    /// Single changes that would change the top pick but are not listed.
    more_flips: usize,
    /// The JSON twin, which lists every change.
    json_href: Safe<String>,
    ignored: Vec<IgnoredView>,
    model: ModelView,
    compare_href: Option<String>,
    edit_href: Safe<String>,
    /// The canonical results URL: the one to share. This and the preview texts are written
    /// three times each, so they are escaped once, here.
    canonical: Safe<String>,
    og_title: Safe<String>,
    og_description: Safe<String>,
}

/// How the latest model ranks the answers of a link read with an older one; `None` when the
/// link's model is the latest.
pub fn under_latest<'c>(catalog: &'c Catalog, link: &Link<'c>) -> Option<(Link<'c>, Outcome)> {
    let latest_index = catalog.models().len() - 1;
    if link.model_index == latest_index {
        return None;
    }
    let id = catalog.latest_model().id.to_string();
    let mut pairs = link.answer_pairs();
    pairs.push((MODEL_PARAM, &id));
    let latest = Link::read(catalog, pairs);
    let outcome = scoring::score(latest.model, &latest.answers);
    Some((latest, outcome))
}

/// Whether two rankings, each under its own model, list the same frameworks in the same order
/// with the same percents.
pub fn same_ranking(a: (&Model, &Outcome), b: (&Model, &Outcome)) -> bool {
    let ((model_a, a), (model_b, b)) = (a, b);
    a.ranking.len() == b.ranking.len()
        && a.ranking.iter().zip(&b.ranking).all(|(x, y)| {
            x.percent == y.percent
                && model_a.frameworks[x.framework].slug == model_b.frameworks[y.framework].slug
        })
}

fn model_view(catalog: &Catalog, link: &Link<'_>, outcome: &Outcome) -> ModelView {
    let model = link.model;
    let latest = under_latest(catalog, link).map(|(latest, latest_outcome)| LatestView {
        id: latest.model.id,
        published: latest.model.published.clone(),
        differs: !same_ranking((model, outcome), (latest.model, &latest_outcome)),
        changes: latest.model.changes_since(model).join(", "),
        href: format!("/results?{}", latest.query()),
    });
    ModelView {
        id: model.id,
        published: model.published.clone(),
        is_latest: latest.is_none(),
        weights_href: format!("/quiz/weights?{MODEL_PARAM}={}", model.id),
        latest,
    }
}

fn results_page<'a>(
    catalog: &'a Catalog,
    prepared: &'a Prepared,
    base_url: &str,
    link: &Link<'a>,
    outcome: &Outcome,
) -> ResultsPage<'a> {
    let model: &'a Model = link.model;
    let questionnaire = &model.questionnaire;
    let frameworks = &model.frameworks;
    let live = |slug: &str| catalog.framework(slug).is_some();
    let ranking: Vec<RankView<'a>> = outcome
        .ranking
        .iter()
        .map(|r| {
            let framework = &frameworks[r.framework];
            RankView {
                name: &framework.name,
                href: live(&framework.slug).then(|| links::framework(&framework.slug)),
                percent: r.percent,
                points: points_label(r.centi),
            }
        })
        .collect();
    let (flips, more_flips) = flip_views(model, outcome);
    let top = outcome
        .top()
        .filter(|_| outcome.has_result())
        .map(|r| &frameworks[r.framework]);
    let compare_href = (outcome.has_result() && outcome.ranking.len() >= 2)
        .then(|| {
            let a = &frameworks[outcome.ranking[0].framework].slug;
            let b = &frameworks[outcome.ranking[1].framework].slug;
            (live(a) && live(b)).then(|| links::comparison([a.as_str(), b.as_str()]))
        })
        .flatten();
    let mut query_html = String::with_capacity(256);
    push_escaped(&mut query_html, &link.query());
    let mut canonical = String::with_capacity(2 * base_url.len() + query_html.len() + 16);
    push_escaped(&mut canonical, base_url);
    canonical.push_str("/results?");
    canonical.push_str(&query_html);
    let json_href = Safe(["/api/results?", &query_html].concat());
    // Editing starts today's questionnaire with these answers.
    let answers_query = link.answers.query(questionnaire);
    let edit_href = Safe(if answers_query.is_empty() {
        "/quiz".to_owned()
    } else {
        let mut href = "/quiz?".to_owned();
        push_escaped(&mut href, &answers_query);
        href
    });
    let (og_title, og_description) = preview_text(top, &ranking);
    ResultsPage {
        has_answers: !link.answers.is_empty(),
        top,
        ranking,
        cited: prepared.stitch(model, &link.answers, outcome.hybrid),
        close_call: outcome.close_call,
        close_call_percent: questionnaire.close_call_percent,
        flips,
        more_flips,
        json_href,
        ignored: IgnoredView::all(&link.ignored),
        model: model_view(catalog, link, outcome),
        compare_href,
        edit_href,
        canonical: Safe(canonical),
        og_title,
        og_description,
    }
}

/// Appends `text` escaped for HTML.
fn push_escaped(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = escape(text, Escaper).map(|text| text.write_into(out, NO_VALUES));
}

/// The most single changes the page lists; the JSON twin lists them all.
const MAX_FLIPS: usize = 5;

/// The single changes of answer that would change the top pick, as phrases: the most telling
/// few (a new leader before a tie, a changed answer before an added one, one per question),
/// and how many more there are.
fn flip_views<'a>(model: &'a Model, outcome: &Outcome) -> (Vec<FlipView<'a>>, usize) {
    let questionnaire = &model.questionnaire;
    let frameworks = &model.frameworks;
    let top_name = outcome.top().map(|r| frameworks[r.framework].name.as_str());
    let mut flips: Vec<_> = outcome.flips.iter().collect();
    flips.sort_by_key(|f| (f.tie, f.from.is_none(), f.question));
    let mut seen = Vec::new();
    flips.retain(|f| {
        let first = !seen.contains(&f.question);
        seen.push(f.question);
        first
    });
    let more = outcome.flips.len() - flips.len().min(MAX_FLIPS);
    flips.truncate(MAX_FLIPS);
    let views = flips
        .into_iter()
        .map(|flip| {
            let options = &questionnaire.questions[flip.question].options;
            let change = match (flip.from, flip.to) {
                (Some(from), Some(to)) => format!(
                    "answering “{}” instead of “{}”",
                    options[to].label, options[from].label
                ),
                (Some(from), None) => {
                    format!("leaving it unanswered instead of “{}”", options[from].label)
                }
                (None, Some(to)) => format!("answering “{}”", options[to].label),
                (None, None) => String::new(),
            };
            FlipView {
                prompt: &questionnaire.questions[flip.question].prompt,
                change,
                new_top: &frameworks[flip.new_top].name,
                tied_with: top_name.filter(|_| flip.tie),
            }
        })
        .collect();
    (views, more)
}

/// Text of the link previews that needs no escaping (checked by a test).
const PREVIEW_ABOUT: &str = " — a ranking from the answers to a short questionnaire, with the reason and source for every point.";
const PREVIEW_NO_RANKING: (&str, &str) = (
    "No ranking yet",
    "Answer a short questionnaire to rank Python web frameworks for your project.",
);

/// The title and description a shared link previews with, as HTML: only the framework names
/// need escaping, so only they are escaped.
fn preview_text(
    top: Option<&ModelFramework>,
    ranking: &[RankView<'_>],
) -> (Safe<String>, Safe<String>) {
    let (Some(top), Some(first)) = (top, ranking.first()) else {
        let (title, description) = PREVIEW_NO_RANKING;
        return (Safe(title.to_owned()), Safe(description.to_owned()));
    };
    let mut title = String::with_capacity(top.name.len() + 24);
    push_escaped(&mut title, &top.name);
    title.push_str(" fits best (");
    push_number(&mut title, first.percent.into());
    title.push_str("%)");
    let mut description = String::with_capacity(PREVIEW_ABOUT.len() + 32 * ranking.len());
    for (i, r) in ranking.iter().enumerate() {
        if i > 0 {
            description.push_str(", ");
        }
        push_escaped(&mut description, r.name);
        description.push(' ');
        push_number(&mut description, r.percent.into());
        description.push('%');
    }
    description.push_str(PREVIEW_ABOUT);
    (Safe(title), Safe(description))
}

/// The results page for a query string: parse, score, render. Public for the benchmarks.
pub fn html(state: &AppState, query: Option<&str>) -> Result<Html<String>, Error> {
    render_link(state, &Link::read(&state.catalog, query_pairs(query)))
}

/// The results page for a link already read.
fn render_link(state: &AppState, link: &Link<'_>) -> Result<Html<String>, Error> {
    let catalog = &state.catalog;
    let outcome = scoring::score(link.model, &link.answers);
    let page = results_page(
        catalog,
        &state.results[link.model_index],
        &state.base_url,
        link,
        &outcome,
    );
    // The template's own text, the stitched parts, and room for the rest (names, numbers,
    // flips), so that a render does not grow its buffer.
    let capacity = ResultsPage::SIZE_HINT + page.cited.len() + 4096;
    render_into(&page, String::with_capacity(capacity))
}

pub async fn show(State(state): State<AppState>, uri: Uri) -> Result<Response, Error> {
    let link = Link::read(&state.catalog, query_pairs(uri.query()));
    let Some(key) = kept_key("/results", &link, uri.query()) else {
        // Another spelling of the answers, or pairs the page names as ignored: made for this
        // request, from the link as read, not kept.
        return Ok(render_link(&state, &link)?.into_response());
    };
    let query = uri.query().map(str::to_owned);
    state
        .kept(key, move |state| {
            Ok(kept_html(html(state, query.as_deref())?))
        })
        .await
}

/// The key to keep a results page (or its JSON twin at `path`) under: its URL, when the
/// query is the canonical one for its answers and model (or the same answers without `m`, as
/// links made before models had ids are). `None` for any other spelling, which is answered
/// without being kept, so the keys are bounded by the answers there are, not by what clients
/// send.
pub(super) fn kept_key(path: &str, link: &Link<'_>, query: Option<&str>) -> Option<String> {
    let query = query.unwrap_or("");
    if !link.is_canonical(query) {
        return None;
    }
    Some(if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn push_number_writes_every_u32() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u32::MAX] {
            let mut out = "x".to_owned();
            super::push_number(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn the_fixed_preview_texts_need_no_escaping() {
        let (title, description) = super::PREVIEW_NO_RANKING;
        for text in [
            super::PREVIEW_ABOUT,
            title,
            description,
            " fits best (",
            "%)",
            ", ",
            "/results?",
        ] {
            let mut escaped = String::new();
            super::push_escaped(&mut escaped, text);
            assert_eq!(escaped, text);
        }
    }

    #[test]
    fn points_labels() {
        for (centi, label) in [
            (300, "+3"),
            (120, "+1.2"),
            (-75, "−0.75"),
            (0, "0"),
            (5, "+0.05"),
            (-1001, "−10.01"),
        ] {
            assert_eq!(super::points_label(centi), label);
        }
    }
}
