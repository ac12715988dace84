//! Plan: every file the site will hold, and what renders it. Pure: decided from the model alone.

use crate::derive::Derived;
use crate::model::theme::Theme;
use crate::model::{LaoType, Site};
use crate::paths::*;

/// A page rendered from a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// The home page.
    Home,
    /// An LAO's own page at `lao/<code>/index.html`: the latest year in brief, every year and
    /// the trend across them.
    LaoHome {
        /// LAO index.
        lao: usize,
        /// The latest year with results; `None` for an LAO with no results in any year.
        latest: Option<usize>,
    },
    /// An LAO's results for one year (index into `Site::years`).
    LaoYear {
        /// LAO index.
        lao: usize,
        /// Year index.
        year: usize,
    },
    /// A province's listing.
    Province(usize),
    /// Every LAO of a province side by side, for the latest year with results there.
    ProvinceCompare(usize),
    /// A district's listing (province, district).
    District(usize, usize),
    /// A listing of every LAO of one type.
    Type(LaoType),
    /// The national summary of one year.
    Year(usize),
    /// The full-text search page of the manuals and pages.
    TextSearch,
    /// The page a server shows for a missing path.
    NotFound,
    /// The open-data page: the tables, their columns and downloads.
    OpenData,
    /// A folder's index page (`province/`, `type/`, `year/`, `workshops/`): what the folder holds.
    Index(Folder),
    /// 2-3 LAOs side by side, chosen in the browser.
    Compare,
    /// The list of manuals and pages.
    ManualsIndex,
    /// A manual's introduction and chapter list (manual index).
    Manual(usize),
    /// A chapter (manual, chapter).
    Chapter(usize, usize),
    /// A whole manual on one page, for printing.
    ManualPrint(usize),
    /// A standalone page from `content/pages/`.
    ContentPage(usize),
    /// A year's workshop series (index into `Site::workshops`).
    Workshops(usize),
    /// One session of a series (series, session index).
    WorkshopSession(usize, usize),
    /// The printable A4 QR poster of a series.
    WorkshopPoster(usize),
    /// An LAO's printable A4 notice (ประกาศ) of one year's results.
    Notice {
        /// LAO index.
        lao: usize,
        /// Year index.
        year: usize,
    },
}

/// One output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// An HTML page.
    Page(Page),
    /// One LAO's results over all its years (`lao/<code>/results.csv`).
    LaoResults(usize),
    /// The badge of an LAO's latest result, for its own website (LAO index, year index).
    LaoBadge {
        /// LAO index.
        lao: usize,
        /// Year index of the latest year with results.
        year: usize,
    },
    /// A year's national results table.
    YearResults(usize),
    /// A year's indicator table.
    YearIndicators(usize),
    /// A year's results as an Excel workbook.
    YearWorkbook(usize),
    /// The table of every LAO in the registry.
    Laos,
    /// The data package descriptor of the open data.
    DataPackage,
    /// sitemap.xml.
    Sitemap,
    /// robots.txt.
    Robots,
    /// The LAO search index the search box loads on first use.
    SearchIndex,
    /// The full-text index of the manuals and pages (`search/text.js`).
    TextIndex,
    /// The site's share image (og:image of pages without their own); `share-image-site` feature.
    SiteShareImage,
    /// An LAO's share image for one year; `share-images` feature.
    LaoShareImage {
        /// LAO index.
        lao: usize,
        /// Year index.
        year: usize,
    },
    /// A theme static file, by its path.
    Static,
    /// A file from beside a manual's chapters (index into `Content::assets`).
    ContentAsset(usize),
    /// The QR code (SVG) of an LAO's page for one year; the page, notice and council pack show it.
    LaoQr {
        /// LAO index.
        lao: usize,
        /// Year index.
        year: usize,
    },
    /// A QR code (SVG) of a workshop series: one of its links (index into
    /// `WorkshopSeries::links`), or with `None` the series page itself.
    WorkshopQr {
        /// Series index.
        series: usize,
        /// Link index.
        link: Option<usize>,
    },
    /// The calendar (.ics) of a whole series.
    SeriesIcs(usize),
    /// The calendar (.ics) of one session (series, session index).
    SessionIcs(usize, usize),
}

/// An output with the path it is written to, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Path under the output folder, with `/` separators.
    pub path: String,
    /// What renders it.
    pub output: Output,
}

/// True when this build draws the site's share image (cargo feature `share-image-site`).
pub const SITE_SHARE_IMAGE_ON: bool = cfg!(feature = "share-image-site");

/// True when this build draws a share image per LAO and year (cargo feature `share-images`).
pub const LAO_SHARE_IMAGES: bool = cfg!(feature = "share-images");

/// True for the outputs a general-purpose generator makes from the same data: the LAO pages
/// (each year and the latest-year copy), province pages, the home page, the sitemap and the
/// theme's static files. Benchmarks build only these to compare equal work.
pub fn is_core(p: &Planned) -> bool {
    matches!(
        p.output,
        Output::Page(Page::Home | Page::LaoHome { .. } | Page::LaoYear { .. } | Page::Province(_))
            | Output::Sitemap
            | Output::Static
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
    push(LAO_SEARCH_INDEX.into(), Output::SearchIndex);
    if !site.content.manuals.is_empty() || !site.content.pages.is_empty() || !site.workshops.is_empty() {
        push(TEXT_SEARCH_INDEX.into(), Output::TextIndex);
        push(TEXT_SEARCH_PATH.into(), Output::Page(Page::TextSearch));
    }
    if SITE_SHARE_IMAGE_ON {
        push(SITE_SHARE_IMAGE.into(), Output::SiteShareImage);
    }
    for name in theme.static_files.keys() {
        push(name.clone(), Output::Static);
    }
    push(DATA_PAGE.into(), Output::Page(Page::OpenData));
    if !site.years.is_empty() {
        push(COMPARE_PAGE.into(), Output::Page(Page::Compare));
    }
    push(folder_index_path(Folder::Provinces), Output::Page(Page::Index(Folder::Provinces)));
    push(folder_index_path(Folder::Types), Output::Page(Page::Index(Folder::Types)));
    if !site.years.is_empty() {
        push(folder_index_path(Folder::Years), Output::Page(Page::Index(Folder::Years)));
    }
    if !site.workshops.is_empty() {
        push(folder_index_path(Folder::Workshops), Output::Page(Page::Index(Folder::Workshops)));
    }
    push(DATA_PACKAGE.into(), Output::DataPackage);
    push(LAOS_DATA.into(), Output::Laos);
    for (y, year) in site.years.iter().enumerate() {
        push(year_path(year.be), Output::Page(Page::Year(y)));
        push(year_results_path(year.be), Output::YearResults(y));
        push(year_indicators_path(year.be), Output::YearIndicators(y));
        push(year_workbook_path(year.be), Output::YearWorkbook(y));
    }
    for t in LaoType::ALL {
        if site.laos.iter().any(|l| l.kind == t) {
            push(type_path(t), Output::Page(Page::Type(t)));
        }
    }
    for (p, prov) in site.provinces.iter().enumerate() {
        push(province_path(site, p), Output::Page(Page::Province(p)));
        push(province_compare_path(site, p), Output::Page(Page::ProvinceCompare(p)));
        for d in 0..prov.districts.len() {
            push(district_path(site, p, d), Output::Page(Page::District(p, d)));
        }
    }
    let content = &site.content;
    if !content.manuals.is_empty() || !content.pages.is_empty() {
        push(manuals_index_path(), Output::Page(Page::ManualsIndex));
    }
    for (m, manual) in content.manuals.iter().enumerate() {
        push(manual_path(&manual.slug), Output::Page(Page::Manual(m)));
        push(manual_print_path(&manual.slug), Output::Page(Page::ManualPrint(m)));
        for (c, chapter) in manual.chapters.iter().enumerate() {
            push(chapter_path(&manual.slug, &chapter.slug), Output::Page(Page::Chapter(m, c)));
        }
    }
    for (i, page) in content.pages.iter().enumerate() {
        push(content_page_path(&page.slug), Output::Page(Page::ContentPage(i)));
    }
    for (i, asset) in content.assets.iter().enumerate() {
        push(asset.path.clone(), Output::ContentAsset(i));
    }
    for (l, lao) in site.laos.iter().enumerate() {
        // Every LAO in the registry gets a page, even one with no results yet: nothing disappears.
        let with_results: Vec<usize> =
            (0..site.years.len()).filter(|&y| !derived.years[y].lao_rows[l].is_empty()).collect();
        push(lao_path(&lao.code), Output::Page(Page::LaoHome { lao: l, latest: with_results.last().copied() }));
        if let Some(&latest) = with_results.last() {
            push(lao_results_path(&lao.code), Output::LaoResults(l));
            push(lao_badge_path(&lao.code), Output::LaoBadge { lao: l, year: latest });
        }
        for y in with_results {
            let be = site.years[y].be;
            push(lao_year_path(&lao.code, be), Output::Page(Page::LaoYear { lao: l, year: y }));
            push(lao_qr_path(&lao.code, be), Output::LaoQr { lao: l, year: y });
            push(notice_path(&lao.code, be), Output::Page(Page::Notice { lao: l, year: y }));
            if LAO_SHARE_IMAGES {
                push(lao_share_image_path(&lao.code, be), Output::LaoShareImage { lao: l, year: y });
            }
        }
    }
    for (si, series) in site.workshops.iter().enumerate() {
        let be = series.be;
        push(workshops_path(be), Output::Page(Page::Workshops(si)));
        push(poster_path(be), Output::Page(Page::WorkshopPoster(si)));
        push(series_ics_path(be), Output::SeriesIcs(si));
        push(workshop_qr_path(be, None), Output::WorkshopQr { series: si, link: None });
        for i in 0..series.links().len() {
            push(workshop_qr_path(be, Some(i)), Output::WorkshopQr { series: si, link: Some(i) });
        }
        for (ni, session) in series.sessions.iter().enumerate() {
            push(session_path(be, session.no), Output::Page(Page::WorkshopSession(si, ni)));
            push(session_ics_path(be, session.no), Output::SessionIcs(si, ni));
        }
    }
    out
}
/// Outputs planned at a path that an earlier output already has, as (earlier, later) indices
/// into `planned`: each would overwrite the other, so the build refuses them.
pub fn collisions(planned: &[Planned]) -> Vec<(usize, usize)> {
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for (i, p) in planned.iter().enumerate() {
        if let Some(&j) = first.get(p.path.as_str()) {
            out.push((j, i));
        } else {
            first.insert(&p.path, i);
        }
    }
    out
}

/// Where an output comes from, in words for a message: an input file where there is one.
pub fn source_of(site: &Site, p: &Planned) -> String {
    match p.output {
        Output::Static => format!("the theme's static file `themes/default/static/{}`", p.path),
        Output::ContentAsset(_) => format!("a file beside the chapters, published as `{}`", p.path),
        Output::Page(Page::Chapter(m, c)) => {
            format!("the chapter `{}`", site.content.manuals[m].chapters[c].source.file)
        }
        Output::Page(Page::ContentPage(i)) => format!("the page `{}`", site.content.pages[i].source.file),
        Output::Page(Page::ManualPrint(m)) => {
            format!("the print view of the manual `{}`", site.content.manuals[m].slug)
        }
        Output::Page(_) => "the page prakat generates there".to_string(),
        _ => "the file prakat generates there".to_string(),
    }
}
