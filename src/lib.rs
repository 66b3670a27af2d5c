//! Python Web Framework Chooser: a server-rendered site that compares Python web frameworks
//! side by side, with every claim sourced.
//!
//! Data flows one way: content files → [`catalog`] (validated, immutable) → pure functions
//! ([`compare`], [`scoring`]) → [`web`] handlers → askama templates.
//!
//! - [`catalog`]: the content model, loading and validation of `content/`.
//! - [`compare`]: which frameworks a compare URL names, and the comparison table.
//! - [`answers`]: questionnaire answers parsed from a results URL or the submitted form.
//! - [`printable`]: user input made fit to echo in a message.
//! - [`scoring`]: answers → a ranking, each answer's contribution, close calls and what
//!   single change would alter the top pick.
//! - [`web`]: the router, handlers by area, errors, layers, static assets and the JSON twins.
//! - [`server`]: accepting connections (idle watchdog, graceful shutdown).

pub mod answers;
pub mod catalog;
pub mod compare;
pub mod printable;
pub mod scoring;
pub mod server;
pub mod web;

pub use web::{AppState, app, prerendered_app};
