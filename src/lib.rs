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
//! - [`server`]: accepting connections (idle watchdog, graceful shutdown), and the fast path
//!   that answers plain HTTP/1.1 requests for pages in memory without hyper.

pub mod answers;
pub mod catalog;
pub mod compare;
pub mod printable;
pub mod scoring;
pub mod server;
pub mod web;

pub use web::{AppState, app, prerendered_app};

/// jemalloc instead of the system allocator, for the server and for the benchmarks and tests
/// that measure it. Every request allocates (headers, bodies, page models), and glibc's malloc
/// was a tenth of the server's CPU time under load: 17 µs of CPU per `POST /quiz` with glibc,
/// 14.5 µs with jemalloc. mimalloc was as fast but peaked at 37–85 MiB during the start-up
/// compression, where jemalloc peaks at 18 MiB.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
