//! The integration tests: one binary, one module per area.

mod common;

mod build;
mod share_search;
