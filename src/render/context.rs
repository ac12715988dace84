//! Template contexts: what each page template sees. Built from the model and derived figures;
//! every value is plain data (strings already formatted the Thai way), so templates stay simple.

use serde::Serialize;

use super::labels::{YearLabels, show_median};
use crate::derive::{Counts, Verdict, YearFigures};
use crate::model::{Lao, LaoType, Site, Unit};
use crate::paths::{
    content_page_path, district_path, lao_path, lao_year_path, manual_path, province_path, relative, rooted, type_path,
    year_path,
};
use crate::text::escape::markup_into;
use crate::text::numbers::{format_hundredths, format_number, push_hundredths, push_number};

/// A link: text and a relative href.
#[derive(Serialize, Clone)]
pub struct Link {
    /// The text shown.
    pub name: String,
    /// Relative address from the current page.
    pub href: String,
}

/// One verdict count with its labels, for summaries and legends.
#[derive(Serialize)]
pub struct CountCtx {
    /// Verdict key (CSS class).
    pub key: &'static str,
    /// Thai label.
    pub label: &'static str,
    /// How many, grouped as the pages write numbers ("1,025").
    pub n: String,
}

/// Counts as a list in the standard order, leaving out empty "not assessed".
pub fn count_list(c: &Counts) -> Vec<CountCtx> {
    Verdict::ALL
        .iter()
        .filter(|v| **v != Verdict::NotAssessed || c.not_assessed > 0)
        .map(|&v| CountCtx { key: v.key(), label: v.label_th(), n: format_number(f64::from(c.get(v))) })
        .collect()
}

/// An LAO in a listing.
#[derive(Serialize)]
pub struct LaoItem {
    /// DLA code.
    pub code: String,
    /// Official name with type.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Type label.
    pub type_label: &'static str,
    /// Link to the LAO's page.
    pub href: String,
    /// District name.
    pub district: String,
    /// Province name.
    pub province: String,
    /// District and province in short: "อ.คลองท่อม จ.กระบี่", "เขตพระนคร กรุงเทพมหานคร".
    pub place: String,
    /// Latest-year headline: met / judged, if the LAO has results.
    pub meets: Option<u32>,
    /// Indicators judged against a target in the latest year with results.
    pub judged: Option<u32>,
    /// The year (พ.ศ.) of that headline.
    pub year: Option<u16>,
}

/// Builds a listing item; `root` is the relative prefix of the page that lists it.
pub fn lao_item(site: &Site, figures: &[YearFigures], l: usize, root: &str) -> LaoItem {
    let lao = &site.laos[l];
    let p = &site.provinces[lao.province];
    let latest = (0..site.years.len()).rev().find(|&y| !figures[y].lao_rows[l].is_empty());
    let totals = latest.map(|y| figures[y].lao_totals(l));
    LaoItem {
        code: lao.code.clone(),
        name: lao.full_name_th(),
        name_en: lao.name_en.clone(),
        type_label: lao.kind.label_th(),
        href: rooted(root, &lao_path(&lao.code)),
        district: p.districts[lao.district].name_th.clone(),
        province: p.name_th.clone(),
        place: if p.name_th == crate::model::CAPITAL_TH {
            ["เขต", &p.districts[lao.district].name_th, " ", &p.name_th].concat()
        } else {
            ["อ.", &p.districts[lao.district].name_th, " จ.", &p.name_th].concat()
        },
        meets: totals.map(|t| t.meets),
        judged: totals.map(|t| t.judged()),
        year: latest.map(|y| site.years[y].be),
    }
}

/// The LAO's identity on its page.
#[derive(Serialize)]
pub struct LaoHead {
    /// DLA code.
    pub code: String,
    /// Official name with type.
    pub name: String,
    /// Short name (อบต.คลองท่อมใต้).
    pub short_name: String,
    /// English name.
    pub name_en: String,
    /// Type key.
    pub type_key: &'static str,
    /// Type label.
    pub type_label: &'static str,
    /// Type in English.
    pub type_en: &'static str,
    /// Link to the type listing.
    pub type_link: Link,
    /// Link to the province.
    pub province: Link,
    /// Link to the district.
    pub district: Link,
    /// What the district is called: เขต in Bangkok, อำเภอ elsewhere.
    pub district_word: &'static str,
    /// The LAO's own website.
    pub website: Option<String>,
}

/// Builds the identity block of an LAO page.
pub fn lao_head(site: &Site, lao: &Lao, root: &str) -> LaoHead {
    let p = &site.provinces[lao.province];
    LaoHead {
        code: lao.code.clone(),
        name: lao.full_name_th(),
        short_name: lao.short_name_th(),
        name_en: lao.name_en.clone(),
        type_key: lao.kind.key(),
        type_label: lao.kind.label_th(),
        type_en: lao.kind.label_en(),
        type_link: Link { name: lao.kind.plural_th().to_string(), href: rooted(root, &type_path(lao.kind)) },
        province: Link { name: p.name_th.clone(), href: rooted(root, &province_path(site, lao.province)) },
        district: Link {
            name: p.districts[lao.district].name_th.clone(),
            href: rooted(root, &district_path(site, lao.province, lao.district)),
        },
        district_word: if lao.kind == LaoType::Bangkok { "เขต" } else { "อำเภอ" },
        website: lao.website.clone(),
    }
}

/// One area's block on an LAO page.
#[derive(Serialize)]
pub struct AreaCtx {
    /// Area number.
    pub no: u32,
    /// Thai name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Counts per verdict, for the printed pages that tabulate them (notice, council pack).
    /// Left out on year pages, which show `meets` of `judged` and never read them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub counts: Vec<CountCtx>,
    /// Indicators met.
    pub meets: u32,
    /// Indicators judged against a target.
    pub judged: u32,
    /// Rows as escaped `<tr>` markup ([`RowsAs::Html`]).
    pub rows_html: String,
    /// The service whose row group `rows_html` is in (while the rows are written).
    #[serde(skip)]
    pub last_service: Option<String>,
    /// On LAO year pages: the opening of the area's dot-chart figure (caption and SVG), whose
    /// table is the rows above; empty when the area has nothing to plot.
    pub dots_head: String,
    /// On LAO year pages: the comparison with the type's national median, in a sentence.
    pub sentence: String,
}

/// Medians taken over fewer LAOs than this show how many (" (4)"); larger ones do not.
pub const THIN_MEDIAN: u32 = 10;

/// Appends hundredths of a percent as a whole percent clamped to 0-100, for a CSS length (the
/// ratio bars of the year page's rows and of the trend tables).
pub fn push_percent(out: &mut String, hundredths: i64) {
    out.push_str(itoa::Buffer::new().format(((hundredths + 50) / 100).clamp(0, 100)));
}

/// How [`lao_areas`] hands over each area's indicator rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowsAs {
    /// As finished markup in the official column order (the LAO year page, which has up to 64
    /// rows on each of 7,850 x years pages: walking each cell through template values there
    /// cost more than the rest of the page).
    Html,
    /// Not at all: counts only (the notice).
    None,
}

/// The areas of one LAO's year, with every row of its results. `labels` are the year's shared
/// texts ([`YearLabels::new`]), which the rows borrow.
pub fn lao_areas<'a>(
    site: &'a Site,
    fig: &YearFigures,
    y: usize,
    l: usize,
    labels: &'a YearLabels,
    rows_as: RowsAs,
    root: &str,
) -> Vec<AreaCtx> {
    let year = &site.years[y];
    let cat = &year.catalog;
    let lao = &site.laos[l];
    let mut has_rows = vec![false; cat.areas.len()];
    let mut areas: Vec<AreaCtx> = cat
        .areas
        .iter()
        .enumerate()
        .map(|(a, area)| {
            let c = fig.lao_area_counts[l].get(a).copied().unwrap_or_default();
            AreaCtx {
                no: area.no,
                name: area.name_th.clone(),
                name_en: area.name_en.clone(),
                counts: if rows_as == RowsAs::Html { Vec::new() } else { count_list(&c) },
                meets: c.meets,
                judged: c.judged(),
                rows_html: String::new(),
                last_service: None,
                dots_head: String::new(),
                sentence: String::new(),
            }
        })
        .collect();
    for i in fig.lao_rows[l].clone() {
        let m = &year.measures[i];
        let ind = &cat.indicators[m.indicator];
        has_rows[ind.area] = true;
        if rows_as == RowsAs::None {
            continue;
        }
        let shown = labels.indicator(lao.kind, m.indicator);
        let v = fig.verdicts[i];
        let (province_median, province_n) = labels.province_median(m.indicator, lao.province);
        let manual = labels.manual(m.indicator);
        let area = &mut areas[ind.area];
        if rows_as == RowsAs::Html {
            let out = &mut area.rows_html;
            if out.is_empty() {
                // About 450 bytes a row, a dozen rows an area: grown once, not by doubling.
                out.reserve(6 * 1024);
            }
            // Each service (บริการสาธารณะ) is a row group headed by its name, written once
            // rather than in a column of every row.
            if area.last_service.as_deref() != Some(shown.service_html.as_str()) {
                if area.last_service.is_some() {
                    out.push_str("</tbody>");
                }
                out.push_str("<tbody><tr class=svc><th colspan=8 scope=rowgroup>");
                out.push_str(&shown.service_html);
                out.push('\n');
                area.last_service = Some(shown.service_html.clone());
            }
            let id = &shown.id_html;
            // The target, the figures, the medians and the verdict text are formatted by prakat
            // (digits, commas, a point, "-", fixed Thai words): nothing in them to escape.
            debug_assert!(
                ![shown.target.as_str(), &shown.type_median.0, province_median, labels.verdict(v)]
                    .iter()
                    .any(|t| crate::text::escape::needs_escape(t))
            );
            // The build counts these rows (conserve::ROW_MARKER): each starts `<tr id=i-`.
            // Cells carry no class but the verdict's: the stylesheet aligns and tints the
            // columns of `table.results` by position. The end tags HTML lets a row and its cells
            // leave out (`</td>`, `</tr>`) are left out, and values that need no quotes have
            // none: some 50 bytes a row. The catalog refuses ids with a character that would
            // need quotes or escaping.
            out.push_str("<tr id=i-");
            out.push_str(id);
            out.push_str("><td><b>");
            out.push_str(id);
            out.push_str("</b> ");
            out.push_str(&shown.text_html);
            if let Some(href) = manual {
                out.push_str(" <a class=\"ind-manual\" href=\"");
                markup_into(out, root);
                markup_into(out, href);
                out.push_str("\">วิธีนับ<span class=\"vh\"> ตัวชี้วัด ");
                out.push_str(id);
                out.push_str(" ในคู่มือ</span></a>");
            }
            out.push_str("<td>");
            out.push_str(&shown.target);
            // Numbers are digits, commas, a point or "-": nothing to escape.
            for figure in [m.base, m.delivered] {
                out.push_str("<td>");
                match figure.get() {
                    Some(x) => push_number(out, x),
                    None => out.push('-'),
                }
            }
            match (ind.unit, fig.values[i]) {
                (Unit::Percent, Some(h)) => {
                    // The ratio's bar against the target and the type's national median, drawn
                    // by the stylesheet from these numbers (percent, clamped to 0-100): the
                    // picture costs some 40 bytes a row instead of a chart per area.
                    out.push_str("<td style=--v:");
                    push_percent(out, h);
                    if let Some(t) = ind.target.for_type(lao.kind) {
                        out.push_str(";--t:");
                        push_percent(out, (t * 100.0).round() as i64);
                    }
                    if let Some(med) = fig.type_median(m.indicator, lao.kind).filter(|x| x.n >= 2) {
                        out.push_str(";--m:");
                        push_percent(out, med.hundredths);
                    }
                    out.push('>');
                    push_hundredths(out, h);
                }
                _ => out.push_str("<td>-"),
            }
            out.push_str("<td class=v-");
            out.push_str(v.key());
            out.push('>');
            out.push_str(labels.verdict(v));
            for (median, n) in [(&shown.type_median.0, shown.type_median.1), (province_median, *province_n)] {
                out.push_str("<td>");
                out.push_str(median);
                // The count is said where it is small enough to matter: a median of a few LAOs.
                if n > 0 && n < THIN_MEDIAN {
                    out.push_str(" <small>(");
                    out.push_str(&format_number(n as f64));
                    out.push_str(")</small>");
                }
            }
            out.push('\n');
            continue;
        }
    }
    let mut keep = has_rows.into_iter();
    for area in &mut areas {
        if area.last_service.take().is_some() {
            area.rows_html.push_str("</tbody>");
        }
    }
    areas.retain(|_| keep.next().unwrap_or(false));
    areas
}

/// A year in the list of an LAO's years.
#[derive(Serialize)]
pub struct YearLink {
    /// พ.ศ.
    pub be: u16,
    /// Relative link.
    pub href: String,
    /// True for the year on show.
    pub current: bool,
}

/// A year an LAO has results for, with its headline count.
#[derive(Serialize)]
pub struct LaoYearLink {
    /// พ.ศ.
    pub be: u16,
    /// Relative link to the year page.
    pub href: String,
    /// True for the year on show.
    pub current: bool,
    /// Indicators that met their target that year.
    pub meets: u32,
    /// Indicators judged that year (met, below, or not done).
    pub judged: u32,
}

/// Links to every year an LAO has results for, from the page at `from`.
pub fn lao_years(
    site: &Site,
    figures: &[YearFigures],
    l: usize,
    current: Option<usize>,
    from: &str,
) -> Vec<LaoYearLink> {
    let code = &site.laos[l].code;
    (0..site.years.len())
        .filter(|&y| !figures[y].lao_rows[l].is_empty())
        .map(|y| {
            let t = figures[y].lao_totals(l);
            LaoYearLink {
                be: site.years[y].be,
                href: relative(from, &lao_year_path(code, site.years[y].be)),
                current: Some(y) == current,
                meets: t.meets,
                judged: t.judged(),
            }
        })
        .collect()
}

/// A province in the home page's browse list.
#[derive(Serialize)]
pub struct ProvinceItem {
    /// Thai name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Link.
    pub href: String,
    /// LAOs in it, grouped by thousands as every count on the site.
    pub laos: String,
    /// Its districts.
    pub districts: Vec<Link>,
}

/// Every province with its districts, for browsing.
pub fn province_items(site: &Site, root: &str) -> Vec<ProvinceItem> {
    site.provinces
        .iter()
        .enumerate()
        .map(|(p, prov)| ProvinceItem {
            name: prov.name_th.clone(),
            name_en: prov.name_en.clone(),
            href: rooted(root, &province_path(site, p)),
            laos: format_number(site.laos.iter().filter(|l| l.province == p).count() as f64),
            districts: prov
                .districts
                .iter()
                .enumerate()
                .map(|(d, dist)| Link { name: dist.name_th.clone(), href: rooted(root, &district_path(site, p, d)) })
                .collect(),
        })
        .collect()
}

/// A type in the list of types.
#[derive(Serialize)]
pub struct TypeItem {
    /// Type key.
    pub key: &'static str,
    /// Heading.
    pub name: &'static str,
    /// Link.
    pub href: String,
    /// LAOs of this type, grouped by thousands.
    pub laos: String,
}

/// Every type that has LAOs.
pub fn type_items(site: &Site, root: &str) -> Vec<TypeItem> {
    LaoType::ALL
        .iter()
        .filter_map(|&t| {
            let n = site.laos.iter().filter(|l| l.kind == t).count();
            (n > 0).then(|| TypeItem {
                key: t.key(),
                name: t.plural_th(),
                href: rooted(root, &type_path(t)),
                laos: format_number(n as f64),
            })
        })
        .collect()
}

/// A year in the site's list of years.
pub fn year_links(site: &Site, root: &str) -> Vec<YearLink> {
    site.years
        .iter()
        .rev()
        .map(|y| YearLink { be: y.be, href: rooted(root, &year_path(y.be)), current: false })
        .collect()
}

/// One indicator's national figures on a year page.
#[derive(Serialize)]
pub struct IndicatorSummary {
    /// Id.
    pub id: String,
    /// Wording (with a neutral word for `{lao}`).
    pub text: String,
    /// Unit.
    pub unit: Unit,
    /// Target (or "ตามประเภท" when it differs by type).
    pub target: String,
    /// LAOs met.
    pub meets: u32,
    /// LAOs judged.
    pub judged: u32,
    /// Share meeting the target, as shown ("85.00").
    pub share: String,
    /// Median per type, aligned with [`median_types`]; `None` where no LAO of the type has a figure.
    pub medians: Vec<Option<TypeMedian>>,
}

/// A type's median for one indicator.
#[derive(Serialize)]
pub struct TypeMedian {
    /// Median as shown.
    pub median: String,
    /// LAOs in it.
    pub n: String,
}

/// A share as a percentage with two decimals ("-" when nothing was judged).
pub fn share(part: u32, whole: u32) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format_hundredths(((f64::from(part) * 10_000.0) / f64::from(whole)).round() as i64)
    }
}

/// National figures for each indicator of a year.
pub fn indicator_summaries(site: &Site, fig: &YearFigures, y: usize) -> Vec<IndicatorSummary> {
    let year = &site.years[y];
    let cat = &year.catalog;
    let mut counts = vec![Counts::default(); cat.indicators.len()];
    for (i, m) in year.measures.iter().enumerate() {
        counts[m.indicator].add(fig.verdicts[i]);
    }
    cat.indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let c = counts[i];
            let target = match &ind.target {
                crate::model::Target::Uniform(v) => format_number(*v),
                crate::model::Target::ByType { .. } => "ตามประเภท".into(),
            };
            let medians = median_types(site)
                .iter()
                .map(|t| {
                    fig.type_median(i, *t)
                        .filter(|m| m.n >= 2)
                        .map(|m| TypeMedian { median: show_median(ind.unit, Some(m)).0, n: format_number(m.n as f64) })
                })
                .collect();
            IndicatorSummary {
                id: ind.id.clone(),
                text: ind.text_th.replace("{lao}", "อปท."),
                unit: ind.unit,
                target,
                meets: c.meets,
                judged: c.judged(),
                share: share(c.meets, c.judged()),
                medians,
            }
        })
        .collect()
}

/// The types that have LAOs, in listing order: the columns of per-type median tables.
pub fn median_types(site: &Site) -> Vec<LaoType> {
    LaoType::ALL.into_iter().filter(|t| site.laos.iter().any(|l| l.kind == *t)).collect()
}

/// A navigation entry: title and path from the site root (templates put `page.root` before it).
#[derive(Serialize)]
pub struct NavLink {
    /// Title.
    pub title: String,
    /// Path from the site root.
    pub path: String,
}

/// Every manual, for the site navigation.
pub fn nav_manuals(site: &Site) -> Vec<NavLink> {
    site.content.manuals.iter().map(|m| NavLink { title: m.title.clone(), path: manual_path(&m.slug) }).collect()
}

/// Every standalone page, for the site navigation.
pub fn nav_pages(site: &Site) -> Vec<NavLink> {
    site.content.pages.iter().map(|p| NavLink { title: p.title.clone(), path: content_page_path(&p.slug) }).collect()
}
