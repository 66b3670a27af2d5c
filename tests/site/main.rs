//! The site, tested in-process: the router is called with `oneshot`, no sockets.

mod api;
mod bad_input;
mod compare;
mod content;
mod headers;
mod layout;
mod lifecycle;
mod models;
mod pages;
mod protocol;
mod quiz;
mod scoring;
mod seo;
mod server;
mod store;
mod support;
mod tasks;
mod usage;
