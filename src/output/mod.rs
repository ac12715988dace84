//! Output: where the site may go ([`guard`]) and how it gets there ([`write`]: staged, then
//! swapped in).

pub mod guard;
pub mod write;
