//! Plan: every file the site will hold, and what renders it. Pure: decided from the model alone.

use crate::derive::Derived;
use crate::model::{LaoType, Site};
use crate::theme::Theme;

/// A page rendered from a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The home page.
    Home,
    /// An LAO's results for one year (index into `Site::years`). `alias` is the copy at
    /// `lao/<code>/index.html` that shows the latest year.
    Lao {
        /// LAO index.
        lao: usize,
        /// Year index; `None` for an LAO with no results in any year.
        year: Option<usize>,
        /// True for the latest-year copy at the LAO's own folder.
        alias: bool,
    },
    /// A province's listing.
    Province(usize),
    /// A district's listing (province, district).
    District(usize, usize),
    /// A listing of every LAO of one type.
    Type(LaoType),
    /// The national summary of one year.
    Year(usize),
    /// The page a server shows for a missing path.
    NotFound,
}

/// One output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// An HTML page.
    Page(Page),
    /// One LAO's results for one year as CSV.
    LaoCsv {
        /// LAO index.
        lao: usize,
        /// Year index.
        year: usize,
    },
    /// One LAO's results for one year as JSON.
    LaoJson {
        /// LAO index.
        lao: usize,
        /// Year index.
        year: usize,
    },
    /// A year's national results as CSV (UTF-8 with BOM).
    YearCsv(usize),
    /// A year's national results as JSON.
    YearJson(usize),
    /// sitemap.xml.
    Sitemap,
    /// robots.txt.
    Robots,
    /// A theme static file, by its path.
    Static,
}

/// An output with the path it is written to, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Path under the output folder, with `/` separators.
    pub path: String,
    /// What renders it.
    pub output: Output,
}

/// Path of an LAO's page for a year.
pub fn lao_year_path(code: &str, be: u16) -> String {
    format!("lao/{code}/{be}/index.html")
}

/// Path of an LAO's own folder page (latest year).
pub fn lao_path(code: &str) -> String {
    format!("lao/{code}/index.html")
}

/// Path of a province page.
pub fn province_path(site: &Site, p: usize) -> String {
    format!("province/{}/index.html", site.provinces[p].slug)
}

/// Path of a district page.
pub fn district_path(site: &Site, p: usize, d: usize) -> String {
    format!("province/{}/{}/index.html", site.provinces[p].slug, site.provinces[p].districts[d].slug)
}

/// Path of a type listing.
pub fn type_path(t: LaoType) -> String {
    format!("type/{}/index.html", t.key())
}

/// Path of a year summary.
pub fn year_path(be: u16) -> String {
    format!("year/{be}/index.html")
}

/// The relative prefix that leads from a file at `path` back to the site root ("../../").
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The address a page is shared under: folder pages end in `/`, not `index.html`.
pub fn pretty_path(path: &str) -> &str {
    path.strip_suffix("index.html").unwrap_or(path)
}

/// True for the outputs a general-purpose generator makes from the same data: the LAO pages
/// (each year and the latest-year copy), province pages, the home page, the sitemap and the
/// theme's static files. Benchmarks build only these to compare equal work.
pub fn is_core(p: &Planned) -> bool {
    matches!(
        p.output,
        Output::Page(Page::Home | Page::Lao { .. } | Page::Province(_)) | Output::Sitemap | Output::Static
    )
}

/// Lists every output of the site, in a stable order.
pub fn plan(site: &Site, derived: &Derived, theme: &Theme) -> Vec<Planned> {
    let mut out = Vec::new();
    let mut push = |path: String, output: Output| out.push(Planned { path, output });
    push("index.html".into(), Output::Page(Page::Home));
    push("404.html".into(), Output::Page(Page::NotFound));
    push("sitemap.xml".into(), Output::Sitemap);
    push("robots.txt".into(), Output::Robots);
    for name in theme.static_files.keys() {
        push(name.clone(), Output::Static);
    }
    for (y, year) in site.years.iter().enumerate() {
        push(year_path(year.be), Output::Page(Page::Year(y)));
        push(format!("year/{}/results.csv", year.be), Output::YearCsv(y));
        push(format!("year/{}/results.json", year.be), Output::YearJson(y));
    }
    for t in LaoType::ALL {
        if site.laos.iter().any(|l| l.kind == t) {
            push(type_path(t), Output::Page(Page::Type(t)));
        }
    }
    for (p, prov) in site.provinces.iter().enumerate() {
        push(province_path(site, p), Output::Page(Page::Province(p)));
        for d in 0..prov.districts.len() {
            push(district_path(site, p, d), Output::Page(Page::District(p, d)));
        }
    }
    for (l, lao) in site.laos.iter().enumerate() {
        // Every LAO in the registry gets a page, even one with no results yet: nothing disappears.
        let with_results: Vec<usize> =
            (0..site.years.len()).filter(|&y| !derived.years[y].lao_rows[l].is_empty()).collect();
        push(lao_path(&lao.code), Output::Page(Page::Lao { lao: l, year: with_results.last().copied(), alias: true }));
        for y in with_results {
            let be = site.years[y].be;
            push(lao_year_path(&lao.code, be), Output::Page(Page::Lao { lao: l, year: Some(y), alias: false }));
            push(format!("lao/{}/{be}/results.csv", lao.code), Output::LaoCsv { lao: l, year: y });
            push(format!("lao/{}/{be}/results.json", lao.code), Output::LaoJson { lao: l, year: y });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_prefixes() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("lao/5810401/2567/index.html"), "../../../");
        assert_eq!(pretty_path("lao/1/index.html"), "lao/1/");
        assert_eq!(pretty_path("sitemap.xml"), "sitemap.xml");
    }
}
