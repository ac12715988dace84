//! Open data and machine files: CSV, JSON, sitemap.xml, robots.txt. Written by code, not
//! templates, so large lists never build giant template contexts and escaping is exact.

use serde::{Serialize, Serializer};

use crate::derive::{Derived, Verdict, YearFigures};
use crate::model::{LaoType, Site, Unit};
use crate::paths::pretty_path;
use crate::plan::{Output, Planned};
use crate::text::escape::csv_text;

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
    lao_name_th: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    province_th: &'a str,
    district_th: &'a str,
    year_be: u16,
    area_no: u32,
    area_th: &'a str,
    indicator: &'a str,
    indicator_th: &'a str,
    unit: Unit,
    target: Option<f64>,
    base: Option<f64>,
    delivered: Option<f64>,
    ratio_percent: Option<f64>,
    verdict_th: &'a str,
}

/// Texts that repeat on many rows, made once per file rather than once per row: LAO names,
/// indicator wordings per LAO type and the verdict texts of the year.
struct Labels {
    /// Index of the first LAO in `names`.
    first_lao: usize,
    /// Full Thai names of LAOs `first_lao..`.
    names: Vec<String>,
    /// Per LAO type (in [`LaoType::ALL`] order), the wording of every indicator, if needed.
    texts: Vec<Vec<String>>,
    /// Verdict texts, in [`Verdict::ALL`] order.
    verdicts: Vec<String>,
}

fn type_index(t: LaoType) -> usize {
    LaoType::ALL.iter().position(|&k| k == t).unwrap_or(0)
}

fn verdict_index(v: Verdict) -> usize {
    Verdict::ALL.iter().position(|&k| k == v).unwrap_or(0)
}

impl Labels {
    /// Labels for the rows `range` of year `y` (rows are sorted by LAO).
    fn new(site: &Site, y: usize, range: &std::ops::Range<usize>) -> Labels {
        let year = &site.years[y];
        let rows = &year.measures[range.clone()];
        let first_lao = rows.first().map(|m| m.lao).unwrap_or(0);
        let last_lao = rows.last().map(|m| m.lao).unwrap_or(0);
        let names = (first_lao..=last_lao.max(first_lao))
            .map(|l| site.laos.get(l).map(|l| l.full_name_th()).unwrap_or_default())
            .collect();
        let mut needed = [false; 7];
        for l in &site.laos[first_lao..=last_lao.max(first_lao).min(site.laos.len().saturating_sub(1))] {
            needed[type_index(l.kind)] = true;
        }
        let texts = LaoType::ALL
            .iter()
            .zip(needed)
            .map(|(&t, n)| if n { year.catalog.indicators.iter().map(|i| i.text_for(t)).collect() } else { Vec::new() })
            .collect();
        let verdicts = Verdict::ALL.iter().map(|v| v.text_th(year.be)).collect();
        Labels { first_lao, names, texts, verdicts }
    }
}

fn rows<'a>(
    site: &'a Site,
    fig: &'a YearFigures,
    y: usize,
    range: std::ops::Range<usize>,
    labels: &'a Labels,
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
            lao_name_th: &labels.names[m.lao - labels.first_lao],
            kind: lao.kind.key(),
            province_th: &p.name_th,
            district_th: &p.districts[lao.district].name_th,
            year_be: year.be,
            area_no: cat.areas[ind.area].no,
            area_th: &cat.areas[ind.area].name_th,
            indicator: &ind.id,
            indicator_th: &labels.texts[type_index(lao.kind)][m.indicator],
            unit: ind.unit,
            target: ind.target.for_type(lao.kind),
            base: m.base.get(),
            delivered: m.delivered.get(),
            ratio_percent: match ind.unit {
                Unit::Percent => fig.values[i].map(|h| h as f64 / 100.0),
                Unit::Count => None,
            },
            verdict_th: &labels.verdicts[verdict_index(fig.verdicts[i])],
        }
    })
}

/// Appends a number at full input precision, without thousands separators, so spreadsheets
/// read it as the number the input gave; "-" when there is none.
fn push_csv_number(out: &mut String, v: Option<f64>) {
    use std::fmt::Write;
    match v {
        Some(v) => _ = write!(out, "{v}"),
        None => out.push('-'),
    }
}

/// Appends a ratio given in percent as [`crate::text::numbers::format_hundredths`] shows it, without separators.
fn push_csv_ratio(out: &mut String, ratio_percent: Option<f64>) {
    use std::fmt::Write;
    let Some(r) = ratio_percent else {
        out.push('-');
        return;
    };
    let h = (r * 100.0).round() as i64;
    let sign = if h < 0 { "-" } else { "" };
    let _ = write!(out, "{sign}{}.{:02}", h.abs() / 100, h.abs() % 100);
}

fn write_csv<'a>(rows: impl Iterator<Item = ExportRow<'a>>, bom: bool, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity);
    if bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    let _ = w.write_record(CSV_HEADER);
    // One buffer holds the row's numbers; the fields are slices of it.
    let mut nums = String::new();
    let mut ends = [0usize; 7];
    for r in rows {
        nums.clear();
        let mut mark = |nums: &String, i: usize| ends[i] = nums.len();
        use std::fmt::Write;
        let _ = write!(nums, "{}", r.year_be);
        mark(&nums, 0);
        let _ = write!(nums, "{}", r.area_no);
        mark(&nums, 1);
        push_csv_number(&mut nums, r.target);
        mark(&nums, 2);
        push_csv_number(&mut nums, r.base);
        mark(&nums, 3);
        push_csv_number(&mut nums, r.delivered);
        mark(&nums, 4);
        push_csv_ratio(&mut nums, r.ratio_percent);
        mark(&nums, 5);
        let f = |i: usize| &nums[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
        let _ = w.write_record([
            r.code,
            &*csv_text(r.lao_name_th),
            r.kind,
            &*csv_text(r.province_th),
            &*csv_text(r.district_th),
            f(0),
            f(1),
            &*csv_text(r.area_th),
            &*csv_text(r.indicator),
            &*csv_text(r.indicator_th),
            match r.unit {
                Unit::Percent => "percent",
                Unit::Count => "count",
            },
            f(2),
            f(3),
            f(4),
            f(5),
            &*csv_text(r.verdict_th),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// Renders a data output; `None` for outputs that are not data files.
pub fn render(site: &Site, derived: &Derived, planned: &Planned) -> Option<Vec<u8>> {
    let (year, range, national) = match planned.output {
        Output::LaoCsv { lao, year } | Output::LaoJson { lao, year } => {
            (year, derived.years[year].lao_rows[lao].clone(), false)
        }
        Output::YearCsv(year) | Output::YearJson(year) => (year, 0..site.years[year].measures.len(), true),
        _ => return None,
    };
    let fig = &derived.years[year];
    let labels = Labels::new(site, year, &range);
    // Rows run to about 550 bytes of CSV and 750 of JSON; sizing the buffer once saves regrowing
    // (and briefly doubling) hundreds of megabytes for the national files.
    let n = range.len();
    let rows = rows(site, fig, year, range, &labels);
    Some(match planned.output {
        Output::LaoCsv { .. } | Output::YearCsv(_) => write_csv(rows, true, 600 * n + 512),
        _ if national => {
            let mut out = Vec::with_capacity(800 * n + 2);
            let _ = serde_json::Serializer::new(&mut out).collect_seq(rows);
            out
        }
        _ => {
            let mut out = Vec::with_capacity(1100 * n + 2);
            let _ = serde_json::Serializer::pretty(&mut out).collect_seq(rows);
            out
        }
    })
}

fn xml_escape(s: &str) -> String {
    crate::text::escape::markup(s)
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
            // Print sheets are marked noindex, as they repeat the LAO and workshop pages.
            if matches!(
                page,
                crate::plan::Page::NotFound
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

/// The findings as CSV for Excel (UTF-8 with a byte-order mark): one row each, with the LAO's
/// code and name, the year, the indicator, the results file and line, and the figures.
pub fn review_csv(site: &Site, findings: &[crate::derive::review::Finding]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let _ = w.write_record([
        "kind",
        "year_be",
        "code",
        "lao_name_th",
        "province_th",
        "indicator",
        "file",
        "line",
        "detail",
    ]);
    for f in findings {
        let lao = &site.laos[f.lao];
        let y = &site.years[f.year];
        let line = if f.line == 0 { String::new() } else { f.line.to_string() };
        let name = crate::text::escape::csv_text(&lao.full_name_th()).into_owned();
        let _ = w.write_record([
            f.kind.key(),
            &y.be.to_string(),
            &lao.code,
            &name,
            &site.provinces[lao.province].name_th,
            f.indicator.as_deref().unwrap_or(""),
            &y.results_file,
            &line,
            &f.detail,
        ]);
    }
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::numbers::format_hundredths;

    #[test]
    fn csv_numbers_keep_full_precision_without_separators() {
        for v in [0.0, 1.0, 12.5, 13502.0, 1234567.891, 0.05, 99.999, 100.0, 7.1, 3.0 / 7.0, 1e9] {
            let mut s = String::new();
            push_csv_number(&mut s, Some(v));
            assert_eq!(s.parse::<f64>().unwrap(), v, "{s} reads back as {v}");
            assert!(!s.contains(',') && !s.contains('e') && !s.ends_with(".0"), "{s}");
        }
        let mut s = String::new();
        push_csv_number(&mut s, Some(13502.0));
        assert_eq!(s, "13502");
        let mut s = String::new();
        push_csv_number(&mut s, None);
        assert_eq!(s, "-");
        for h in [0i64, 5, 5200, 123456, 10000, 99] {
            let mut s = String::new();
            push_csv_ratio(&mut s, Some(h as f64 / 100.0));
            assert_eq!(s, format_hundredths(h).replace(',', ""), "{h}");
        }
    }
}
