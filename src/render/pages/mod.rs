//! Pages: one file per family of pages, each turning a [`Page`] into a template name and the
//! values it shows. `Renderer::page` picks the family; the families share `page_ctx`, the
//! values every page has (title, canonical address, share links).

mod browse;
mod home;
mod lao;
mod manual;
mod print;
mod service;
mod workshops;

use serde::Serialize;
use tera::Context;

use crate::paths::{pretty_path, root_prefix};
use crate::plan::{Output, Page, Planned};
use crate::render::{Renderer, SHARE_IMAGE};

/// Page-level values: where the page is and how it is titled.
#[derive(Serialize)]
struct PageCtx {
    /// Relative prefix back to the site root.
    root: String,
    /// Path of this page.
    path: String,
    /// Full title for `<title>`.
    title: String,
    /// The title without the site's name, for og:title (og:site_name carries the name).
    share_title: String,
    /// Description for search and sharing.
    description: String,
    /// Absolute address, when a base URL is set.
    canonical: Option<String>,
    /// Which navigation entry is current.
    section: &'static str,
    /// The share image (og:image), when the page's absolute address is known.
    image: Option<ShareImage>,
    /// A LINE share link for the canonical address (a plain link; nothing is loaded from LINE).
    line_share: Option<String>,
}

/// An og:image: absolute address and text alternative.
#[derive(Serialize)]
struct ShareImage {
    url: String,
    /// Text alternative; empty for the theme's one image, which every page shares (its tags
    /// are kept to the address: they are on every page of the site).
    alt: String,
}

/// Percent-encodes a string as one URL query value (RFC 3986 unreserved characters kept).
fn url_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A year as pages head it: พ.ศ. and the assessment's title.
#[derive(Serialize)]
pub(super) struct YearCtx {
    pub be: u16,
    pub title: String,
}

/// The data downloads of an LAO: its results table over every year, and the open-data page
/// that explains the columns.
#[derive(Serialize)]
pub(super) struct Downloads {
    pub csv: String,
    pub data_page: String,
}

impl Renderer<'_> {
    /// The template and the values of one page.
    pub(super) fn page(&self, p: &Planned, page: Page) -> (&'static str, Context) {
        match page {
            Page::Home => home::home(self, p),
            Page::LaoHome { lao, latest } => lao::lao_home(self, p, lao, latest),
            Page::LaoYear { lao, year } => lao::lao_year(self, p, lao, year),
            Page::Province(pi) => browse::province(self, p, pi),
            Page::ProvinceCompare(pi) => browse::province_compare(self, p, pi),
            Page::District(pi, di) => browse::district(self, p, pi, di),
            Page::Type(t) => browse::kind(self, p, t),
            Page::Year(y) => browse::year(self, p, y),
            Page::ManualsIndex | Page::Manual(_) | Page::Chapter(..) | Page::ManualPrint(_) | Page::ContentPage(_) => {
                manual::page(self, p, page)
            }
            Page::Workshops(si) => workshops::series(self, p, si),
            Page::WorkshopSession(si, ni) => workshops::session(self, p, si, ni),
            Page::WorkshopPoster(si) => workshops::poster(self, p, si),
            Page::Notice { lao, year } => print::notice(self, p, lao, year),
            Page::TextSearch => service::text_search(self, p),
            Page::NotFound => service::not_found(self, p),
            Page::OpenData => service::open_data(self, p),
            Page::Compare => service::compare(self, p),
            Page::Index(f) => browse::folder(self, p, f),
        }
    }

    /// The absolute address of a page's og:image and its text alternative, if there is one.
    fn share_image(&self, p: &Planned, description: &str) -> Option<ShareImage> {
        let base = self.site.settings.base_url.as_deref()?;
        if crate::plan::SITE_SHARE_IMAGE_ON {
            if let (true, Output::Page(Page::LaoYear { lao, year: y } | Page::LaoHome { lao, latest: Some(y) })) =
                (crate::plan::LAO_SHARE_IMAGES, p.output)
            {
                let path = crate::paths::lao_share_image_path(&self.site.laos[lao].code, self.site.years[y].be);
                return Some(ShareImage { url: format!("{base}{path}"), alt: description.to_string() });
            }
            let alt = self.site.settings.title_th.clone();
            return Some(ShareImage { url: format!("{base}{}", crate::paths::SITE_SHARE_IMAGE), alt });
        }
        // Without drawn images: the theme's own, if it ships one.
        self.theme
            .static_files
            .contains_key(SHARE_IMAGE)
            .then(|| ShareImage { url: format!("{base}{SHARE_IMAGE}"), alt: String::new() })
    }

    /// The values every page template sees as `page`: where it is, its title and description,
    /// its canonical address and share links.
    pub(super) fn page_ctx(&self, p: &Planned, title: String, description: String, section: &'static str) -> Context {
        let mut ctx = Context::new();
        let canonical_path = p.path.clone();
        // A page's own title, without the site's name after it: the name (some 80 Thai
        // characters) is in the header and og:site_name, a browser tab or a search result cuts
        // it off anyway, and it was 290 bytes of each of some 70,000 pages.
        let full_title = if title.is_empty() { self.site.settings.title_th.clone() } else { title.clone() };
        let base = self.site.settings.base_url.as_deref();
        let canonical = base.map(|b| [b, pretty_path(&canonical_path)].concat());
        let image = self.share_image(p, &description);
        ctx.insert(
            "page",
            &PageCtx {
                root: root_prefix(&p.path),
                path: p.path.clone(),
                share_title: if title.is_empty() { full_title.clone() } else { title },
                title: full_title,
                description,
                line_share: canonical
                    .as_ref()
                    .map(|c| ["https://social-plugins.line.me/lineit/share?url=", &url_component(c)].concat()),
                canonical,
                section,
                image,
            },
        );
        ctx
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn url_component_encodes_everything_but_unreserved() {
        assert_eq!(
            super::url_component("https://a.b/ลาว/1?x=y&z"),
            "https%3A%2F%2Fa.b%2F%E0%B8%A5%E0%B8%B2%E0%B8%A7%2F1%3Fx%3Dy%26z"
        );
    }
}
