//! Open data and machine files: CSV, JSON, sitemap.xml, robots.txt. Written by code, not
//! templates, so large lists never build giant template contexts and escaping is exact.

use serde::Serialize;

use crate::derive::{Derived, YearFigures};
use crate::model::{Site, Unit};
use crate::plan::{Output, Planned, pretty_path};
use crate::thai::format_hundredths;

/// The columns of every results CSV.
pub const CSV_HEADER: [&str; 16] = [
    "code",
    "lao_name_th",
    "type",
    "province_th",
    "district_th",
    "year_be",
    "area_no",
    "area_th",
    "indicator",
    "indicator_th",
    "unit",
    "target",
    "base",
    "delivered",
    "ratio_percent",
    "verdict_th",
];

/// One exported row: the official 7 columns and the LAO's identity.
#[derive(Serialize)]
pub struct ExportRow<'a> {
    code: &'a str,
    lao_name_th: String,
    #[serde(rename = "type")]
    kind: &'static str,
    province_th: &'a str,
    district_th: &'a str,
    year_be: u16,
    area_no: u32,
    area_th: &'a str,
    indicator: &'a str,
    indicator_th: String,
    unit: Unit,
    target: Option<f64>,
    base: Option<f64>,
    delivered: Option<f64>,
    ratio_percent: Option<f64>,
    verdict_th: String,
}

fn rows<'a>(
    site: &'a Site,
    fig: &'a YearFigures,
    y: usize,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = ExportRow<'a>> + 'a {
    let year = &site.years[y];
    let cat = &year.catalog;
    range.map(move |i| {
        let m = &year.measures[i];
        let lao = &site.laos[m.lao];
        let ind = &cat.indicators[m.indicator];
        let p = &site.provinces[lao.province];
        ExportRow {
            code: &lao.code,
            lao_name_th: lao.full_name_th(),
            kind: lao.kind.key(),
            province_th: &p.name_th,
            district_th: &p.districts[lao.district].name_th,
            year_be: year.be,
            area_no: cat.areas[ind.area].no,
            area_th: &cat.areas[ind.area].name_th,
            indicator: &ind.id,
            indicator_th: ind.text_for(lao.kind),
            unit: ind.unit,
            target: ind.target.for_type(lao.kind),
            base: m.base,
            delivered: m.delivered,
            ratio_percent: match ind.unit {
                Unit::Percent => fig.values[i].map(|h| h as f64 / 100.0),
                Unit::Count => None,
            },
            verdict_th: fig.verdicts[i].text_th(year.be),
        }
    })
}

/// A JSON array serialized straight from an iterator, without collecting it first.
struct Streamed<I>(std::cell::Cell<Option<I>>);

impl<I> Streamed<I> {
    fn new(iter: I) -> Self {
        Streamed(std::cell::Cell::new(Some(iter)))
    }
}

impl<'a, I: Iterator<Item = ExportRow<'a>>> Serialize for Streamed<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Serialized once; a second call would see an empty array.
        s.collect_seq(self.0.take().into_iter().flatten())
    }
}

fn csv_number(v: Option<f64>) -> String {
    // Plain digits, full precision, no thousands separators, so spreadsheets read them as the
    // numbers the input gave; "-" stays "-".
    v.map(|x| x.to_string()).unwrap_or_else(|| "-".into())
}

fn write_csv<'a>(rows: impl Iterator<Item = ExportRow<'a>>, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    let _ = w.write_record(CSV_HEADER);
    for r in rows {
        let ratio = r
            .ratio_percent
            .map(|h| format_hundredths((h * 100.0).round() as i64).replace(',', ""))
            .unwrap_or_else(|| "-".into());
        let _ = w.write_record([
            r.code,
            &r.lao_name_th,
            r.kind,
            r.province_th,
            r.district_th,
            &r.year_be.to_string(),
            &r.area_no.to_string(),
            r.area_th,
            r.indicator,
            &r.indicator_th,
            match r.unit {
                Unit::Percent => "percent",
                Unit::Count => "count",
            },
            &csv_number(r.target),
            &csv_number(r.base),
            &csv_number(r.delivered),
            &ratio,
            &r.verdict_th,
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// Renders a data output; `None` for outputs that are not data files.
pub fn render(site: &Site, derived: &Derived, planned: &Planned) -> Option<Vec<u8>> {
    Some(match planned.output {
        Output::LaoCsv { lao, year } => {
            let fig = &derived.years[year];
            write_csv(rows(site, fig, year, fig.lao_rows[lao].clone()), true)
        }
        Output::LaoJson { lao, year } => {
            let fig = &derived.years[year];
            serde_json::to_vec_pretty(&Streamed::new(rows(site, fig, year, fig.lao_rows[lao].clone())))
                .unwrap_or_default()
        }
        Output::YearCsv(year) => {
            let fig = &derived.years[year];
            write_csv(rows(site, fig, year, 0..site.years[year].measures.len()), true)
        }
        Output::YearJson(year) => {
            // Streamed: the national file has one entry per result row (600,000 for a national
            // year), so the rows are serialized as they are made instead of collected first.
            let fig = &derived.years[year];
            serde_json::to_vec(&Streamed::new(rows(site, fig, year, 0..site.years[year].measures.len())))
                .unwrap_or_default()
        }
        _ => return None,
    })
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// sitemap.xml: every HTML page except the 404 page and the latest-year copies. Without a
/// base URL the addresses are relative, which search engines ignore, so the build warns.
pub fn sitemap(site: &Site, plan: &[Planned]) -> Vec<u8> {
    let base = site.settings.base_url.as_deref().unwrap_or("");
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in plan {
        if let Output::Page(page) = p.output {
            // The latest-year copies say their canonical address is the year page; print sheets
            // are marked noindex, as they repeat the LAO and workshop pages.
            if matches!(
                page,
                crate::plan::Page::NotFound
                    | crate::plan::Page::Lao { alias: true, year: Some(_), .. }
                    | crate::plan::Page::Notice { .. }
                    | crate::plan::Page::CouncilPack { .. }
                    | crate::plan::Page::WorkshopPoster(_)
            ) {
                continue;
            }
            s.push_str("  <url><loc>");
            s.push_str(&xml_escape(&format!("{base}{}", pretty_path(&p.path))));
            s.push_str("</loc></url>\n");
        }
    }
    s.push_str("</urlset>\n");
    s.into_bytes()
}

/// robots.txt: everything may be crawled; the sitemap is named when its address is known.
pub fn robots(site: &Site) -> Vec<u8> {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &site.settings.base_url {
        s.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
    }
    s.into_bytes()
}
