//! Python Web Framework Chooser: a server-rendered site that compares Python web frameworks
//! side by side, with every claim sourced.
//!
//! Data flows one way: content files → [`catalog`] (validated, immutable) → pure functions
//! ([`compare`]) → [`web`] handlers → askama templates.
//!
//! - [`catalog`]: the content model, loading and validation of `content/`.
//! - [`compare`]: which frameworks a compare URL names, and the comparison table.
//! - [`web`]: the router, handlers by area, errors, static assets and the JSON twins.

pub mod catalog;
pub mod compare;
pub mod web;

pub use web::{AppState, app};
