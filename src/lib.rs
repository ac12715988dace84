//! prakat: publishes the results of Thailand's minimum-standard assessment of local public
//! services as a static website.
//!
//! The library is a pipeline of stages, each owning one thing, wired in one place
//! ([`pipeline`]):
//! [`load`] (read and validate) → [`model`] → [`derive`] (verdicts, counts, medians) and
//! [`content`] (manuals as books) → [`plan`] (every output, at the paths [`paths`] names) →
//! [`render`] (in parallel, with [`chart`]) → [`output`] (staged, then swapped in).
//! [`text`] and [`diag`] are the low layer every stage may use. No stage uses a later one.

pub mod chart;
pub mod content;
pub mod derive;
pub mod diag;
pub mod import;
pub mod init;
pub mod load;
pub mod model;
pub mod output;
pub mod paths;
pub mod pipeline;
pub mod plan;
pub mod render;
#[cfg(feature = "serve")]
pub mod serve;
pub mod text;

pub use pipeline::{BuildFailure, BuildReport, Config, Scope, StageTimes, build, check};
