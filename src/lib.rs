//! Python Web Framework Chooser: a server-rendered site that compares Python web frameworks
//! side by side, with every claim sourced.
//!
//! Data flows one way: content files → [`catalog`] (validated, immutable) → pure functions
//! ([`compare`], [`scoring`]) → [`web`] handlers → askama templates.
//!
//! - [`catalog`]: the content model, loading and validation of `content/`.
//! - [`compare`]: which frameworks a compare URL names, and the comparison table.
//! - [`answers`]: questionnaire answers parsed from a results URL or the submitted form.
//! - [`scoring`]: answers → a ranking, each answer's contribution, close calls and what
//!   single change would alter the top pick.
//! - [`web`]: the router, handlers by area, errors, static assets and the JSON twins.

pub mod answers;
pub mod catalog;
pub mod compare;
pub mod scoring;
pub mod web;

pub use web::{AppState, app};
