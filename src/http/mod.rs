//! The protocol rules the site follows, as small pure functions over `axum::http` types:
//! content negotiation, entity tags, the Host header, path normalisation and the limits.
//! Nothing here knows about the site's pages; nothing here imports from the rest of the crate.

pub mod encoding;
pub mod etag;
pub mod host;
pub mod limits;
pub mod path;

pub use encoding::Coding;
