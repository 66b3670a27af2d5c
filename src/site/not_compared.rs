//! `/not-compared`: tools people confuse with web frameworks, and why each is another kind of
//! tool, grouped by category in the order `content/not_compared.toml` lists them.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::citations::{Citations, NumberedSource, Ref};
use super::{AppState, Error, kept_html, render};
use crate::catalog::{Catalog, OtherTool};

/// The path of the page.
pub const PATH: &str = "/not-compared";

/// Tools of one category, in file order.
pub struct ToolGroup<'a> {
    pub category: &'a str,
    pub tools: Vec<(&'a OtherTool, Vec<Ref>)>,
}

#[derive(Template)]
#[template(path = "not_compared.html")]
struct NotComparedPage<'a> {
    canonical: String,
    groups: Vec<ToolGroup<'a>>,
    sources: Vec<NumberedSource<'a>>,
}

/// The tools grouped by category; the loader keeps a category's tools together.
fn groups<'a>(catalog: &'a Catalog, citations: &mut Citations<'a>) -> Vec<ToolGroup<'a>> {
    let mut groups: Vec<ToolGroup<'a>> = Vec::new();
    for tool in catalog.not_compared() {
        let refs = citations.refs(&tool.sources);
        match groups.last_mut() {
            Some(group) if group.category == tool.category => group.tools.push((tool, refs)),
            _ => groups.push(ToolGroup {
                category: &tool.category,
                tools: vec![(tool, refs)],
            }),
        }
    }
    groups
}

pub async fn show(State(state): State<AppState>) -> Result<Response, Error> {
    state
        .kept(PATH.to_owned(), |state| {
            let catalog = &state.catalog;
            let mut citations = Citations::new(catalog.as_ref());
            let groups = groups(catalog, &mut citations);
            let page = NotComparedPage {
                canonical: state.url(PATH),
                groups,
                sources: citations.into_list(),
            };
            Ok(kept_html(render(&page)?))
        })
        .await
}
