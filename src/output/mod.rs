//! Output: where the site may go ([`guard`]), how it gets there ([`write`]: staged, then
//! swapped in), and what is checked on what was written ([`conserve`]: every input row is in
//! the output; [`check`]: links, anchors, titles), and what a deploy needs beside it
//! ([`deploy`]: precompressed siblings, a manifest of hashes).

pub mod check;
pub mod conserve;
pub mod deploy;
pub mod guard;
pub mod write;
