//! Listings: a province, a district, a type of LAO, and a year's national picture.

use tera::Context;

use crate::paths::root_prefix;
use crate::plan::Planned;
use crate::render::Renderer;
use crate::render::context::*;
use serde::Serialize;

use crate::model::{LaoType, Site};
use crate::paths::{self, rooted};
use crate::render::charts;

/// The listing entries of the LAOs `keep` takes, in registry order.
fn lao_items(r: &Renderer, root: &str, keep: impl Fn(&crate::model::Lao) -> bool) -> Vec<LaoItem> {
    let site = r.site;
    (0..site.laos.len()).filter(|&i| keep(&site.laos[i])).map(|i| lao_item(site, &r.derived.years, i, root)).collect()
}

/// A province's listing: its districts and LAOs, and its charts for the latest year.
pub(super) fn province(r: &Renderer, p: &Planned, pi: usize) -> (&'static str, Context) {
    let site = r.site;
    let figs = &r.derived.years;
    let root = root_prefix(&p.path);
    let prov = &site.provinces[pi];
    let mut ctx = r.page_ctx(
        p,
        prov.title_th(),
        format!("ผลการประเมินขององค์กรปกครองส่วนท้องถิ่นทุกแห่งใน{}", prov.title_th()),
        "browse",
    );
    let districts: Vec<DistrictCtx> = prov
        .districts
        .iter()
        .enumerate()
        .map(|(d, dist)| DistrictCtx {
            name: dist.name_th.clone(),
            href: rooted(&root, &crate::paths::district_path(site, pi, d)),
            laos: lao_items(r, &root, |l| l.province == pi && l.district == d),
        })
        .collect();
    ctx.insert("province", &Link { name: prov.name_th.clone(), href: String::new() });
    ctx.insert("district_word", prov.district_word_th());
    ctx.insert("province_en", &prov.name_en);
    ctx.insert("districts", &districts);
    ctx.insert("side_href", &paths::relative(&p.path, &paths::province_compare_path(site, pi)));
    // The province's own picture, for the latest year it has results in.
    // Its LAOs, found once: the charts then visit their rows only, not the country's.
    let in_province: Vec<usize> = (0..site.laos.len()).filter(|&i| site.laos[i].province == pi).collect();
    if let Some(y) = (0..site.years.len()).rev().find(|&y| in_province.iter().any(|&i| !figs[y].lao_rows[i].is_empty()))
    {
        ctx.insert("chart_year", &site.years[y].be);
        let (laos, fig) = (in_province.iter().copied(), &figs[y]);
        ctx.insert("share_chart", &charts::share_bars(site, fig, y, "chart-share", laos.clone()));
        ctx.insert("spread_charts", &charts::spread_charts(site, fig, y, "chart", laos));
    }
    ("province.html", ctx)
}

/// A district's listing.
pub(super) fn district(r: &Renderer, p: &Planned, pi: usize, di: usize) -> (&'static str, Context) {
    let site = r.site;
    let root = root_prefix(&p.path);
    let prov = &site.provinces[pi];
    let dist = &prov.districts[di];
    let mut ctx = r.page_ctx(
        p,
        format!("{}{} {}", prov.district_word_th(), dist.name_th, prov.title_th()),
        format!("ผลการประเมินขององค์กรปกครองส่วนท้องถิ่นใน{}{} {}", prov.district_word_th(), dist.name_th, prov.title_th()),
        "browse",
    );
    ctx.insert(
        "province",
        &Link { name: prov.name_th.clone(), href: rooted(&root, &crate::paths::province_path(site, pi)) },
    );
    ctx.insert("district", &Link { name: dist.name_th.clone(), href: String::new() });
    ctx.insert("district_en", &dist.name_en);
    ctx.insert("laos", &lao_items(r, &root, |l| l.province == pi && l.district == di));
    ("district.html", ctx)
}

/// Every LAO of one type.
pub(super) fn kind(r: &Renderer, p: &Planned, t: LaoType) -> (&'static str, Context) {
    let root = root_prefix(&p.path);
    let mut ctx = r.page_ctx(p, t.plural_th().to_string(), format!("ผลการประเมินของ{}ทุกแห่ง", t.plural_th()), "browse");
    ctx.insert("type_name", t.plural_th());
    ctx.insert("type_en", t.label_en());
    ctx.insert("laos", &lao_items(r, &root, |l| l.kind == t));
    ("type.html", ctx)
}

/// A year's national picture: counts, distributions, every indicator.
pub(super) fn year(r: &Renderer, p: &Planned, y: usize) -> (&'static str, Context) {
    let site = r.site;
    let figs = &r.derived.years;
    let root = root_prefix(&p.path);
    let year = &site.years[y];
    let mut ctx = r.page_ctx(p, format!("ภาพรวมทั้งประเทศ ปี พ.ศ. {}", year.be), year.catalog.title_th.clone(), "years");
    ctx.insert("national", &NationalCtx::new(site, &figs[y], y, &root));
    ctx.insert("indicators", &indicator_summaries(site, &figs[y], y));
    let labels: Vec<&str> = median_types(site).iter().map(|t| t.label_th()).collect();
    ctx.insert("median_types", &labels);
    ctx.insert("share_chart", &charts::share_bars(site, &figs[y], y, "chart-share", 0..site.laos.len()));
    ctx.insert("spread_charts", &charts::spread_charts(site, &figs[y], y, "chart", 0..site.laos.len()));
    ctx.insert("years", &year_links(site, &root));
    ("year.html", ctx)
}

#[derive(Serialize)]
pub(super) struct DistrictCtx {
    name: String,
    href: String,
    laos: Vec<LaoItem>,
}

/// National figures of one year.
#[derive(Serialize)]
pub(super) struct NationalCtx {
    be: u16,
    title: String,
    href: String,
    laos_with_results: String,
    rows: String,
    areas: Vec<NationalArea>,
    csv: String,
    xlsx: String,
    indicators: String,
    data_page: String,
}

#[derive(Serialize)]
struct NationalArea {
    no: u32,
    name: String,
    counts: Vec<CountCtx>,
    meets: u32,
    judged: u32,
    share: String,
}

impl NationalCtx {
    pub(super) fn new(site: &Site, fig: &crate::derive::YearFigures, y: usize, root: &str) -> Self {
        let year = &site.years[y];
        NationalCtx {
            be: year.be,
            title: year.catalog.title_th.clone(),
            href: rooted(root, &crate::paths::year_path(year.be)),
            laos_with_results: crate::text::numbers::format_number(fig.laos_with_results as f64),
            rows: crate::text::numbers::format_number(year.measures.len() as f64),
            areas: year
                .catalog
                .areas
                .iter()
                .zip(&fig.national_area_counts)
                .map(|(a, c)| NationalArea {
                    no: a.no,
                    name: a.name_th.clone(),
                    counts: count_list(c),
                    meets: c.meets,
                    judged: c.judged(),
                    share: share(c.meets, c.judged()),
                })
                .collect(),
            csv: rooted(root, &paths::year_results_path(year.be)),
            xlsx: rooted(root, &paths::year_workbook_path(year.be)),
            indicators: rooted(root, &paths::year_indicators_path(year.be)),
            data_page: rooted(root, paths::DATA_PAGE),
        }
    }
}

/// One entry of a folder's index page.
#[derive(Serialize)]
struct IndexItem {
    name: String,
    href: String,
    note: String,
}

/// A folder's index page: the provinces, the LAO types, the years or the workshop series, each
/// linked, so an address cut back to its folder (`…/province/`) still shows a page.
pub(super) fn folder(r: &Renderer, p: &Planned, f: crate::paths::Folder) -> (&'static str, Context) {
    use crate::paths::Folder;
    let site = r.site;
    let root = root_prefix(&p.path);
    let count = |n: usize| [crate::text::numbers::format_number(n as f64).as_str(), " แห่ง"].concat();
    let (title, items): (&str, Vec<IndexItem>) = match f {
        Folder::Provinces => (
            "จังหวัด",
            site.provinces
                .iter()
                .enumerate()
                .map(|(pi, prov)| IndexItem {
                    name: prov.title_th(),
                    href: rooted(&root, &paths::province_path(site, pi)),
                    note: count(site.laos.iter().filter(|l| l.province == pi).count()),
                })
                .collect(),
        ),
        Folder::Types => (
            "ประเภท อปท.",
            LaoType::ALL
                .iter()
                .filter_map(|&t| {
                    let n = site.laos.iter().filter(|l| l.kind == t).count();
                    (n > 0).then(|| IndexItem {
                        name: t.plural_th().to_string(),
                        href: rooted(&root, &paths::type_path(t)),
                        note: count(n),
                    })
                })
                .collect(),
        ),
        Folder::Years => (
            "ผลการประเมินรายปี",
            site.years
                .iter()
                .enumerate()
                .rev()
                .map(|(y, year)| IndexItem {
                    name: ["ปี พ.ศ. ", itoa::Buffer::new().format(year.be)].concat(),
                    href: rooted(&root, &paths::year_path(year.be)),
                    note: count(r.derived.years[y].laos_with_results),
                })
                .collect(),
        ),
        Folder::Workshops => (
            "การประชุมชี้แจง",
            site.workshops
                .iter()
                .rev()
                .map(|w| IndexItem {
                    name: w.title_th.clone(),
                    href: rooted(&root, &paths::workshops_path(w.be)),
                    note: [itoa::Buffer::new().format(w.sessions.len()), " ครั้ง"].concat(),
                })
                .collect(),
        ),
    };
    let mut ctx = r.page_ctx(p, title.to_string(), [title, " ทั้งหมด"].concat(), "");
    ctx.insert("heading", title);
    ctx.insert("items", &items);
    ("folder.html", ctx)
}

/// An area as a column of a province's side-by-side table.
#[derive(Serialize)]
struct AreaHead {
    no: u32,
    name: String,
}

/// One LAO in a province's side-by-side table: its counts and the share met, in all and per
/// area, as shown ("-" where nothing was judged against a target).
#[derive(Serialize)]
struct SideRow {
    name: String,
    href: String,
    district: String,
    /// No results that year: the row says so instead of figures.
    missing: bool,
    meets: u32,
    judged: u32,
    share: String,
    areas: Vec<String>,
}

/// Every LAO of a province side by side, for the latest year the province has results in:
/// the static comparison (the compare page picks any 2-3 LAOs in the browser).
pub(super) fn province_compare(r: &Renderer, p: &Planned, pi: usize) -> (&'static str, Context) {
    use crate::chart::bars::share_tenths;
    let site = r.site;
    let figs = &r.derived.years;
    let root = root_prefix(&p.path);
    let prov = &site.provinces[pi];
    let mut ctx = r.page_ctx(
        p,
        format!("อปท. ทุกแห่งใน{} เทียบกัน", prov.title_th()),
        format!("ผลการประเมินของ อปท. ทุกแห่งใน{} ในตารางเดียว รายด้าน", prov.title_th()),
        "browse",
    );
    ctx.insert("province", &Link { name: prov.name_th.clone(), href: rooted(&root, &paths::province_path(site, pi)) });
    // District by district, each in registry order.
    let mut in_province: Vec<usize> = (0..site.laos.len()).filter(|&i| site.laos[i].province == pi).collect();
    in_province.sort_by_key(|&i| site.laos[i].district);
    let latest = (0..site.years.len()).rev().find(|&y| in_province.iter().any(|&i| !figs[y].lao_rows[i].is_empty()));
    if let Some(y) = latest {
        let fig = &figs[y];
        let be = site.years[y].be;
        let areas: Vec<AreaHead> =
            site.years[y].catalog.areas.iter().map(|a| AreaHead { no: a.no, name: a.name_th.clone() }).collect();
        let rows: Vec<SideRow> = in_province
            .iter()
            .map(|&l| {
                let lao = &site.laos[l];
                let missing = fig.lao_rows[l].is_empty();
                let t = fig.lao_totals(l);
                let counts = &fig.lao_area_counts[l];
                SideRow {
                    // ทต./ทม./ทน. as อบต.: a narrow first column keeps more of the table in view.
                    name: match lao.kind {
                        LaoType::Bangkok | LaoType::Pattaya => lao.short_name_th(),
                        kind => [charts::type_abbr_th(kind), &lao.name_th].concat(),
                    },
                    href: if missing {
                        paths::relative(&p.path, &paths::lao_path(&lao.code))
                    } else {
                        paths::relative(&p.path, &paths::lao_year_path(&lao.code, be))
                    },
                    district: prov.districts[lao.district].name_th.clone(),
                    missing,
                    meets: t.meets,
                    judged: t.judged(),
                    share: share_tenths(t.meets, t.judged()),
                    areas: (0..areas.len())
                        .map(|a| counts.get(a).map_or_else(|| "-".into(), |c| share_tenths(c.meets, c.judged())))
                        .collect(),
                }
            })
            .collect();
        ctx.insert("year", &be);
        ctx.insert("areas", &areas);
        ctx.insert("rows", &rows);
        ctx.insert("with_results", &rows.iter().filter(|r| !r.missing).count());
    }
    ("province_compare.html", ctx)
}
