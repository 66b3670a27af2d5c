//! The site, tested in-process: the router is called with `oneshot`, no sockets.

mod api;
mod compare;
mod content;
mod pages;
mod quiz;
mod scoring;
mod support;
