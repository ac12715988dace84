//! Open data and machine files: the results tables, the workbook's rows, the data package
//! descriptor, sitemap.xml, robots.txt. Written by code, not templates, so large lists never
//! build giant template contexts and escaping is exact.
//!
//! The results are tidy: one row per LAO, year and indicator, keyed by the LAO's code and the
//! indicator's id, with the texts that would repeat on every row (names, indicator wordings) in
//! small tables of their own. The national file and an LAO's own file have the same columns.

use std::fmt::Write as _;
use std::ops::Range;

use crate::derive::{Derived, Verdict, YearFigures};
use crate::model::{LaoType, Site, Unit};
use crate::paths::pretty_path;
use crate::plan::{Output, Planned};
use crate::text::escape::csv_text;

/// The columns of every results table (national per year, and each LAO's across its years).
pub const RESULTS_HEADER: [&str; 8] =
    ["code", "year_be", "indicator", "target", "base", "delivered", "ratio_percent", "verdict_th"];

/// The columns of a year's indicator table: one row per indicator and LAO type it applies to.
pub const INDICATORS_HEADER: [&str; 10] = [
    "year_be",
    "indicator",
    "type",
    "area_no",
    "area_th",
    "service_th",
    "indicator_th",
    "unit",
    "target",
    "indicator_template_th",
];

/// The columns of the LAO table.
pub const LAOS_HEADER: [&str; 9] =
    ["code", "lao_name_th", "name_en", "type", "type_th", "province_th", "province_en", "district_th", "district_en"];

/// What each column means, for the data package and the open-data page.
pub const COLUMN_MEANINGS: &[(&str, &str, &str)] = &[
    ("code", "string", "รหัส อปท. ตามทะเบียนของกรมส่งเสริมการปกครองท้องถิ่น"),
    ("year_be", "integer", "ปีการประเมิน (พ.ศ.)"),
    ("indicator", "string", "รหัสตัวชี้วัด เช่น 1.1 (ดูข้อความในตารางตัวชี้วัดของปีนั้น)"),
    ("target", "number", "ค่าเป้าหมายสำหรับประเภท อปท. นี้ (ร้อยละ หรือจำนวนครั้ง)"),
    ("base", "number", "กรอบการประเมิน (1); - คือไม่มีข้อมูล ไม่ใช่ศูนย์"),
    ("delivered", "number", "การจัดบริการสาธารณะ (2); - คือไม่มีข้อมูล ไม่ใช่ศูนย์"),
    ("ratio_percent", "number", "(2) เทียบกับ (1) เป็นร้อยละ ทศนิยมสองตำแหน่ง; - สำหรับตัวชี้วัดที่นับเป็นครั้ง"),
    ("verdict_th", "string", "ผลการประเมินตามถ้อยคำทางราชการ"),
    (
        "type",
        "string",
        "ประเภท อปท. (pao, city_municipality, town_municipality, subdistrict_municipality, sao, bangkok, pattaya)",
    ),
    ("area_no", "integer", "ลำดับด้าน"),
    ("area_th", "string", "ชื่อด้าน"),
    ("service_th", "string", "บริการสาธารณะ (ภารกิจ)"),
    ("indicator_th", "string", "เกณฑ์ชี้วัดตามถ้อยคำสำหรับประเภท อปท. นี้"),
    ("unit", "string", "percent (ร้อยละ) หรือ count (จำนวนครั้ง)"),
    ("indicator_template_th", "string", "เกณฑ์ชี้วัดตามแบบ โดยมี {lao} แทนชื่อประเภท อปท."),
    ("lao_name_th", "string", "ชื่อ อปท. เต็มพร้อมประเภท"),
    ("name_en", "string", "ชื่อภาษาอังกฤษ (ถ้ามี)"),
    ("type_th", "string", "ประเภท อปท. ภาษาไทย"),
    ("province_th", "string", "จังหวัด"),
    ("province_en", "string", "จังหวัด ภาษาอังกฤษ (ถ้ามี)"),
    ("district_th", "string", "อำเภอ (เขต สำหรับกรุงเทพมหานคร)"),
    ("district_en", "string", "อำเภอ ภาษาอังกฤษ (ถ้ามี)"),
];

/// Appends a number at full input precision, without thousands separators, so spreadsheets
/// read it as the number the input gave; "-" when there is none.
fn push_csv_number(out: &mut String, v: Option<f64>) {
    match v {
        Some(v) => _ = write!(out, "{v}"),
        None => out.push('-'),
    }
}

/// Appends a ratio in hundredths of a percent as [`crate::text::numbers::format_hundredths`]
/// shows it, without separators.
fn push_csv_ratio(out: &mut String, hundredths: Option<i64>) {
    let Some(h) = hundredths else {
        out.push('-');
        return;
    };
    let sign = if h < 0 { "-" } else { "" };
    let _ = write!(out, "{sign}{}.{:02}", h.abs() / 100, h.abs() % 100);
}

/// A CSV for Excel: UTF-8 with a byte-order mark and CRLF line ends.
fn csv_writer(capacity: usize) -> csv::Writer<Vec<u8>> {
    let mut out = Vec::with_capacity(capacity);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out)
}

/// Writes the results rows `range` of year `y` (rows are sorted by LAO, then catalog).
fn write_results(w: &mut csv::Writer<Vec<u8>>, site: &Site, fig: &YearFigures, y: usize, range: Range<usize>) {
    let year = &site.years[y];
    let cat = &year.catalog;
    let verdicts: Vec<String> = Verdict::ALL.iter().map(|v| v.text_th(year.be)).collect();
    let be = itoa::Buffer::new().format(year.be).to_string();
    // One buffer holds the row's numbers; the fields are slices of it.
    let mut nums = String::new();
    for i in range {
        let m = &year.measures[i];
        let lao = &site.laos[m.lao];
        let ind = &cat.indicators[m.indicator];
        nums.clear();
        push_csv_number(&mut nums, ind.target.for_type(lao.kind));
        let a = nums.len();
        push_csv_number(&mut nums, m.base.get());
        let b = nums.len();
        push_csv_number(&mut nums, m.delivered.get());
        let c = nums.len();
        push_csv_ratio(&mut nums, if ind.unit == Unit::Percent { fig.values[i] } else { None });
        let _ = w.write_record([
            lao.code.as_str(),
            &be,
            &csv_text(&ind.id),
            &nums[..a],
            &nums[a..b],
            &nums[b..c],
            &nums[c..],
            &verdicts[fig.verdicts[i].index()],
        ]);
    }
}

/// A year's results for every LAO: `data/<be>/results.csv`.
pub fn year_results(site: &Site, derived: &Derived, y: usize) -> Vec<u8> {
    let n = site.years[y].measures.len();
    let mut w = csv_writer(64 * n + 256);
    let _ = w.write_record(RESULTS_HEADER);
    write_results(&mut w, site, &derived.years[y], y, 0..n);
    w.into_inner().unwrap_or_default()
}

/// One LAO's results over every year it has, in year order: `lao/<code>/results.csv`.
pub fn lao_results(site: &Site, derived: &Derived, lao: usize) -> Vec<u8> {
    let mut w = csv_writer(4096);
    let _ = w.write_record(RESULTS_HEADER);
    for (y, fig) in derived.years.iter().enumerate() {
        write_results(&mut w, site, fig, y, fig.lao_rows[lao].clone());
    }
    w.into_inner().unwrap_or_default()
}

/// A year's indicators: one row per indicator and LAO type it is assessed for, with the
/// wording and target for that type: `data/<be>/indicators.csv`.
pub fn year_indicators(site: &Site, y: usize) -> Vec<u8> {
    let year = &site.years[y];
    let cat = &year.catalog;
    let be = year.be.to_string();
    let mut w = csv_writer(64 * 1024);
    let _ = w.write_record(INDICATORS_HEADER);
    for ind in &cat.indicators {
        let area = &cat.areas[ind.area];
        let service = ind.mission.map(|m| cat.missions[m].name_th.as_str()).unwrap_or("");
        for t in LaoType::ALL {
            if !ind.applies(t) {
                continue;
            }
            let mut target = String::new();
            push_csv_number(&mut target, ind.target.for_type(t));
            let _ = w.write_record([
                be.as_str(),
                &csv_text(&ind.id),
                t.key(),
                &area.no.to_string(),
                &csv_text(&area.name_th),
                &csv_text(service),
                &csv_text(&ind.text_for(t)),
                ind.unit.key(),
                &target,
                &csv_text(&ind.text_th),
            ]);
        }
    }
    w.into_inner().unwrap_or_default()
}

/// Every LAO of the registry, with or without results: `data/laos.csv`.
pub fn laos(site: &Site) -> Vec<u8> {
    let mut w = csv_writer(160 * site.laos.len() + 256);
    let _ = w.write_record(LAOS_HEADER);
    for lao in &site.laos {
        let p = &site.provinces[lao.province];
        let d = &p.districts[lao.district];
        let _ = w.write_record([
            lao.code.as_str(),
            &csv_text(&lao.full_name_th()),
            &csv_text(&lao.name_en),
            lao.kind.key(),
            lao.kind.prefix_th(),
            &csv_text(&p.name_th),
            &csv_text(&p.name_en),
            &csv_text(&d.name_th),
            &csv_text(&d.name_en),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// Renders a data output; `None` for outputs that are not data files.
pub fn render(site: &Site, derived: &Derived, planned: &Planned) -> Option<Vec<u8>> {
    Some(match planned.output {
        Output::LaoResults(lao) => lao_results(site, derived, lao),
        Output::YearResults(y) => year_results(site, derived, y),
        Output::YearIndicators(y) => year_indicators(site, y),
        Output::Laos => laos(site),
        Output::DataPackage => data_package(site),
        _ => return None,
    })
}

/// A column's type and meaning, from [`COLUMN_MEANINGS`].
pub fn column_meaning(name: &str) -> (&'static str, &'static str) {
    COLUMN_MEANINGS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|&(_, kind, meaning)| (kind, meaning))
        .unwrap_or(("string", ""))
}

/// The schema of a table for the data package: each column with its type and meaning.
fn schema(columns: &[&str]) -> serde_json::Value {
    let fields: Vec<serde_json::Value> = columns
        .iter()
        .map(|c| {
            let (kind, meaning) = column_meaning(c);
            serde_json::json!({"name": c, "type": kind, "description": meaning})
        })
        .collect();
    serde_json::json!({"fields": fields, "missingValues": ["-"]})
}

/// `data/datapackage.json`: the open data described as a Frictionless data package, so a
/// portal (data.go.th runs CKAN) can list every table with its columns, licence and date.
pub fn data_package(site: &Site) -> Vec<u8> {
    use crate::paths;
    let base = site.settings.base_url.as_deref();
    let rel = |path: &str| path.strip_prefix(paths::DATA_DIR).unwrap_or(path).to_string();
    let csv = |name: String, title: String, path: String, columns: &[&str], key: serde_json::Value| {
        serde_json::json!({
            "name": name, "title": title, "path": rel(&path), "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8-sig", "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": true},
            "schema": { "primaryKey": key, "fields": schema(columns)["fields"], "missingValues": ["-"] },
        })
    };
    let mut resources = vec![csv(
        "laos".into(),
        "รายชื่อ อปท.".into(),
        paths::LAOS_DATA.into(),
        &LAOS_HEADER,
        serde_json::json!(["code"]),
    )];
    for year in &site.years {
        let be = year.be;
        let mut r = csv(
            format!("results-{be}"),
            format!("ผลการประเมินปี พ.ศ. {be}"),
            paths::year_results_path(be),
            &RESULTS_HEADER,
            serde_json::json!(["code", "indicator"]),
        );
        r["schema"]["foreignKeys"] = serde_json::json!([
            {"fields": "code", "reference": {"resource": "laos", "fields": "code"}},
        ]);
        resources.push(r);
        resources.push(csv(
            format!("indicators-{be}"),
            format!("ตัวชี้วัดปี พ.ศ. {be}"),
            paths::year_indicators_path(be),
            &INDICATORS_HEADER,
            serde_json::json!(["indicator", "type"]),
        ));
        resources.push(serde_json::json!({
            "name": format!("workbook-{be}"),
            "title": format!("ผลการประเมินปี พ.ศ. {be} (Excel)"),
            "path": rel(&paths::year_workbook_path(be)),
            "format": "xlsx",
            "mediatype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }));
    }
    let mut pkg = serde_json::json!({
        "profile": "data-package",
        "name": "prakat-minimum-standards",
        "title": site.settings.title_th,
        "description": "ผลการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะขององค์กรปกครองส่วนท้องถิ่น รายตัวชี้วัด ทุก อปท. ทุกปี: ตารางผลการประเมิน (หนึ่งแถวต่อ อปท. ปี และตัวชี้วัด) ตารางตัวชี้วัด และรายชื่อ อปท.",
        "language": "th",
        "resources": resources,
    });
    let office = &site.settings.office;
    if !office.name_th.is_empty() {
        let mut who = serde_json::json!({"title": office.name_th, "role": "publisher"});
        if !office.email.is_empty() {
            who["email"] = serde_json::json!(office.email);
        }
        if !office.website.is_empty() {
            who["path"] = serde_json::json!(office.website);
        }
        pkg["contributors"] = serde_json::json!([who]);
    }
    if let Some(lic) = &site.settings.data_license {
        let mut l = serde_json::json!({"title": lic.title});
        if let Some(url) = &lic.url {
            l["path"] = serde_json::json!(url);
        }
        pkg["licenses"] = serde_json::json!([l]);
    }
    if let Some(date) = site.settings.data_as_of {
        pkg["modified"] = serde_json::json!(date.iso());
    }
    if let Some(base) = base {
        pkg["homepage"] = serde_json::json!(format!("{base}{}", pretty_path(paths::DATA_PAGE)));
    }
    let mut out = serde_json::to_vec_pretty(&pkg).unwrap_or_default();
    out.push(b'\n');
    out
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
                crate::plan::Page::NotFound | crate::plan::Page::Notice { .. } | crate::plan::Page::WorkshopPoster(_)
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
        for h in [0i64, 5, 5200, 123456, 10000, 99, -250] {
            let mut s = String::new();
            push_csv_ratio(&mut s, Some(h));
            assert_eq!(s, format_hundredths(h).replace(',', ""), "{h}");
        }
    }
}
