//! The integration tests: one binary, one module per area.

mod common;

mod architecture;
mod bad_input;
mod build;
mod charts;
mod cli;
mod conservation;
mod fuzz;
mod hostile;
mod import;
mod manuals;
mod notice;
mod output_guard;
mod share_search;
mod snapshots;
mod text_search;
mod warnings;
mod workshops;
