//! Every output path and link of the site: the one module that knows where things are.
//! The plan asks it where each output goes; pages ask it where to link. Paths are relative
//! to the site root and `/`-separated; links are made relative with [`root_prefix`], so the
//! site works under any sub-path and from disk.

use crate::model::{LaoType, Site};

/// Path of the full-text search page of the manuals and pages.
pub const TEXT_SEARCH_PATH: &str = "search/index.html";

/// Path of an LAO's page for a year.
pub fn lao_year_path(code: &str, be: u16) -> String {
    ["lao/", code, "/", itoa::Buffer::new().format(be), "/index.html"].concat()
}

/// Path of the site's drawn share image.
pub const SITE_SHARE_IMAGE: &str = "share.png";

/// Path of an LAO's share image for a year.
pub fn lao_share_image_path(code: &str, be: u16) -> String {
    format!("lao/{code}/{be}/share.png")
}

/// Path of an LAO's own folder page (latest year).
pub fn lao_path(code: &str) -> String {
    ["lao/", code, "/index.html"].concat()
}

/// Path of a province page.
pub fn province_path(site: &Site, p: usize) -> String {
    ["province/", &site.provinces[p].slug, "/index.html"].concat()
}

/// Path of a province's side-by-side table of its LAOs (a file beside the district folders, so
/// no district's slug can take it).
pub fn province_compare_path(site: &Site, p: usize) -> String {
    ["province/", &site.provinces[p].slug, "/compare.html"].concat()
}

/// Path of a district page.
pub fn district_path(site: &Site, p: usize, d: usize) -> String {
    ["province/", &site.provinces[p].slug, "/", &site.provinces[p].districts[d].slug, "/index.html"].concat()
}

/// Path of a type listing.
pub fn type_path(t: LaoType) -> String {
    ["type/", t.key(), "/index.html"].concat()
}

/// A folder of the site whose address alone should show what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// Every province.
    Provinces,
    /// Every LAO type.
    Types,
    /// Every year.
    Years,
    /// Every workshop series.
    Workshops,
}

/// Path of a folder's index page (`province/index.html`, ...).
pub fn folder_index_path(f: Folder) -> String {
    match f {
        Folder::Provinces => "province/index.html",
        Folder::Types => "type/index.html",
        Folder::Years => "year/index.html",
        Folder::Workshops => "workshops/index.html",
    }
    .to_string()
}

/// Path of a year summary.
pub fn year_path(be: u16) -> String {
    format!("year/{be}/index.html")
}

/// Path of the page listing every manual and page.
pub fn manuals_index_path() -> String {
    "manuals/index.html".to_string()
}

/// Path of a manual's first page (its introduction and chapter list).
pub fn manual_path(manual: &str) -> String {
    format!("manuals/{manual}/index.html")
}

/// Path of a chapter.
pub fn chapter_path(manual: &str, chapter: &str) -> String {
    format!("manuals/{manual}/{chapter}/index.html")
}

/// Path of a whole manual on one page, for printing.
pub fn manual_print_path(manual: &str) -> String {
    format!("manuals/{manual}/print/index.html")
}

/// Path of a standalone page.
pub fn content_page_path(page: &str) -> String {
    format!("pages/{page}/index.html")
}

/// Path of a year's workshop series page.
pub fn workshops_path(be: u16) -> String {
    format!("workshops/{be}/index.html")
}

/// Path of a workshop session page.
pub fn session_path(be: u16, no: u32) -> String {
    format!("workshops/{be}/{no}/index.html")
}

/// Path of the QR code of a series' link (`Some(i)`) or of the series page (`None`).
pub fn workshop_qr_path(be: u16, link: Option<usize>) -> String {
    match link {
        Some(i) => format!("workshops/{be}/qr/{}.svg", i + 1),
        None => format!("workshops/{be}/qr/page.svg"),
    }
}

/// Path of an LAO-year's QR code.
pub fn lao_qr_path(code: &str, be: u16) -> String {
    ["lao/", code, "/", itoa::Buffer::new().format(be), "/qr.svg"].concat()
}

/// Path of an LAO-year's printable notice.
pub fn notice_path(code: &str, be: u16) -> String {
    ["lao/", code, "/", itoa::Buffer::new().format(be), "/notice/index.html"].concat()
}

/// The address a QR code or calendar carries for a site path: absolute under the base URL when
/// one is set; otherwise the bare path, which no phone can open (the build warns about it).
pub fn absolute_url(base_url: Option<&str>, path: &str) -> String {
    format!("{}{}", base_url.unwrap_or(""), pretty_path(path))
}

/// The relative prefix that leads from a file at `path` back to the site root ("../../").
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// `path` as linked from a page whose [`root_prefix`] is `root`. One allocation of the exact
/// size: a national build makes a few million of these links.
pub fn rooted(root: &str, path: &str) -> String {
    [root, path].concat()
}

/// The shortest relative link from the page at `from` to `to` (both paths from the site root,
/// `to` may end in `#anchor`): `lao/1/2567/index.html` to `lao/1/2565/index.html` is
/// `../2565/index.html`, where [`rooted`] gives `../../../lao/1/2565/index.html`. For the links
/// an LAO's pages make to each other, written on every one of them.
pub fn relative(from: &str, to: &str) -> String {
    let mut dirs: Vec<&str> = from.split('/').collect();
    dirs.pop();
    let parts: Vec<&str> = to.split('/').collect();
    let (last, to_dirs) = parts.split_last().unwrap_or((&"", &[]));
    let common = dirs.iter().zip(to_dirs).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(dirs.len() - common);
    for d in &to_dirs[common..] {
        out.push_str(d);
        out.push('/');
    }
    out.push_str(last);
    out
}

/// The address a page is shared under: folder pages end in `/`, not `index.html`.
pub fn pretty_path(path: &str) -> &str {
    path.strip_suffix("index.html").unwrap_or(path)
}

/// The manifest of every file's SHA-256 (`build --manifest`), in `sha256sum` format.
pub const MANIFEST: &str = "manifest.sha256";

/// Path of the precompressed sibling of `path` with extension `ext` ("gz" or "br").
pub fn precompressed_path(path: &str, ext: &str) -> String {
    [path, ".", ext].concat()
}

/// Path of the LAO search index.
pub const LAO_SEARCH_INDEX: &str = "search/laos.js";

/// Path of the full-text index of the manuals and pages.
pub const TEXT_SEARCH_INDEX: &str = "search/text.js";

/// The folder of the national open data.
pub const DATA_DIR: &str = "data/";

/// The open-data page: every table, its columns and its downloads.
pub const DATA_PAGE: &str = "data/index.html";
/// The page that sets 2-3 LAOs side by side (in the browser, from their own CSV files).
pub const COMPARE_PAGE: &str = "compare/index.html";

/// The data package descriptor (Frictionless) that portals harvest.
pub const DATA_PACKAGE: &str = "data/datapackage.json";

/// Every LAO of the registry as a table.
pub const LAOS_DATA: &str = "data/laos.csv";

/// Path of a year's national results table.
pub fn year_results_path(be: u16) -> String {
    format!("data/{be}/results.csv")
}

/// Path of a year's indicator table.
pub fn year_indicators_path(be: u16) -> String {
    format!("data/{be}/indicators.csv")
}

/// Path of a year's results as an Excel workbook.
pub fn year_workbook_path(be: u16) -> String {
    format!("data/{be}/results.xlsx")
}

/// Path of the badge an LAO pastes on its website: its latest result.
pub fn lao_badge_path(code: &str) -> String {
    ["lao/", code, "/badge.svg"].concat()
}

/// Path of an LAO's results over all its years.
pub fn lao_results_path(code: &str) -> String {
    ["lao/", code, "/results.csv"].concat()
}

/// Path of a year's workshop QR poster.
pub fn poster_path(be: u16) -> String {
    format!("workshops/{be}/poster/index.html")
}

/// Path of the calendar file of a year's whole workshop series.
pub fn series_ics_path(be: u16) -> String {
    format!("workshops/{be}/calendar.ics")
}

/// Path of the calendar file of one workshop session.
pub fn session_ics_path(be: u16, no: u32) -> String {
    format!("workshops/{be}/{no}/calendar.ics")
}

#[cfg(test)]
mod tests {
    #[test]
    fn relative_links_climb_only_as_far_as_needed() {
        use super::relative;
        assert_eq!(relative("lao/1/2567/index.html", "lao/1/2565/index.html"), "../2565/index.html");
        assert_eq!(relative("lao/1/2567/index.html", "lao/1/2567/qr.svg"), "qr.svg");
        assert_eq!(relative("lao/1/2567/index.html", "lao/1/index.html#print-h"), "../index.html#print-h");
        assert_eq!(relative("lao/1/2567/notice/index.html", "lao/1/2567/index.html"), "../index.html");
        assert_eq!(relative("lao/1/index.html", "lao/1/results.csv"), "results.csv");
        assert_eq!(relative("lao/1/index.html", "lao/10/index.html"), "../10/index.html");
        assert_eq!(relative("index.html", "lao/1/index.html"), "lao/1/index.html");
    }

    use super::*;

    #[test]
    fn relative_prefixes() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("lao/5810401/2567/index.html"), "../../../");
        assert_eq!(pretty_path("lao/1/index.html"), "lao/1/");
        assert_eq!(pretty_path("sitemap.xml"), "sitemap.xml");
    }
}
