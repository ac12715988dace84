//! Content: the manuals and pages under `content/` turned into books ([`book`]) of HTML
//! ([`markdown`]), with their headings, anchors and links to indicators. Pure: the files were
//! read by [`crate::load`].

pub mod book;
pub mod markdown;
