//! Python Web Framework Chooser: a server-rendered site that compares Python web frameworks
//! side by side, with every claim sourced.
//!
//! Data flows one way: content files → [`catalog`] (validated, immutable) → pure functions
//! ([`compare`], [`answers`], [`scoring`]) → [`site`] handlers → askama templates. A request
//! comes in one way: [`serve`] accepts the connection and hands it to hyper, and the router
//! built by [`site::app`] answers every request.
//!
//! The modules, from the bottom up (each imports only modules above it in this list):
//!
//! - [`printable`]: user input made fit to echo in a message.
//! - [`highlight`]: code as HTML, Python highlighted with tree-sitter. Imports nothing from
//!   the crate.
//! - [`http`]: protocol rules as pure functions: `Accept-Encoding`, ETags and
//!   `If-None-Match`, the `Host` header, path normal form, and every limit. Imports nothing
//!   from the crate.
//! - [`catalog`]: the content model, loading and validation of `content/` (the tasks and
//!   each framework's verified snippets among it).
//! - [`compare`]: which frameworks a compare URL names, and the comparison table.
//! - [`listing`]: which frameworks the index keeps for its filters, and in which order.
//! - [`answers`]: questionnaire answers parsed from a results URL or the submitted form.
//! - [`scoring`]: answers → a ranking, each answer's contribution, close calls and what
//!   single change would alter the top pick.
//! - [`store`]: the page store: pages that depend only on content, kept by canonical URL in
//!   every coding, bounded by bytes, made on first use.
//! - [`site`]: the axum app: routes, handlers by area, errors, the header policy, the
//!   middleware, the list of URLs the site links to, static assets and the JSON twins.
//! - [`serve`]: listeners, one runtime per core, hyper, the idle watchdog and graceful
//!   shutdown. It serves any service; `main` gives it [`site::app`].

pub mod answers;
pub mod catalog;
pub mod compare;
pub mod highlight;
pub mod http;
pub mod listing;
pub mod printable;
pub mod scoring;
pub mod serve;
pub mod site;
pub mod store;

pub use site::{App, AppState, app};

/// jemalloc instead of the system allocator, for the server and for the benchmarks and tests
/// that measure it. Every request allocates (headers, bodies, page models), and glibc's malloc
/// was a tenth of the server's CPU time under load: 17 µs of CPU per `POST /quiz` with glibc,
/// 14.5 µs with jemalloc. mimalloc was as fast but peaked at 37–85 MiB during the start-up
/// compression, where jemalloc peaks at 18 MiB.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
