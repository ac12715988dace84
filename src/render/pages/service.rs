//! Pages that serve the site itself: the manuals' text search and the 404 page.

use tera::Context;

use crate::plan::Planned;
use crate::render::Renderer;
use crate::render::pages::PageCtx;

/// The text search over the manuals and pages.
pub(super) fn text_search(r: &Renderer, p: &Planned) -> (&'static str, Context) {
    let ctx = r.page_ctx(
        p,
        "ค้นหาในคู่มือและคำอธิบาย".into(),
        "ค้นหาข้อความในคู่มือการจัดเก็บข้อมูล คู่มือการใช้งานระบบ และหน้าคำอธิบาย".into(),
        "manuals",
    );
    ("text_search.html", ctx)
}

/// The stylesheet's font sources for a page shown at any depth. Fonts are named relative to the
/// stylesheet; in the page they are named from `root`. With a base URL, each also gets a second
/// source relative to the page, which the browser tries when the first cannot be loaded: the
/// page opened from disk, or shown at the root of a staging host that is not the base URL.
fn font_urls(css: &str, root: &str, absolute: bool) -> String {
    let mut out = String::with_capacity(css.len() + 512);
    let mut rest = css;
    while let Some(at) = rest.find("url(fonts/") {
        let after = &rest[at + "url(fonts/".len()..];
        let Some(end) = after.find(')') else { break };
        out.push_str(&rest[..at]);
        let file = &after[..end];
        let format = " format(\"woff2\")";
        let tail = &after[end + 1..];
        let has_format = tail.starts_with(format);
        out.push_str(&format!("url({root}assets/fonts/{file})"));
        if has_format {
            out.push_str(format);
        }
        if absolute {
            out.push_str(&format!(", url(assets/fonts/{file})"));
            if has_format {
                out.push_str(format);
            }
        }
        rest = if has_format { &tail[format.len()..] } else { tail };
    }
    out.push_str(rest);
    out
}

/// The 404 page.
pub(super) fn not_found(r: &Renderer, p: &Planned) -> (&'static str, Context) {
    let site = r.site;
    let mut ctx = r.page_ctx(p, "ไม่พบหน้าที่ต้องการ".into(), "ไม่พบหน้าที่ต้องการ".into(), "");
    // A server shows the 404 page at any depth, so its links are absolute when the base URL is
    // known. Without it they stay relative to the site's root folder (a root-absolute "/" would
    // break a site served under a sub-path; the build already warns that base_url is missing).
    // The stylesheet is written into the page, so it is styled wherever it is shown.
    let root = site.settings.base_url.clone().unwrap_or_else(|| crate::paths::root_prefix(&p.path));
    if let Some(css) = r.theme.static_files.get("assets/style.css").and_then(|b| std::str::from_utf8(b).ok()) {
        let css = font_urls(css, &root, site.settings.base_url.is_some());
        if !css.contains("</") {
            ctx.insert("inline_css", &css);
        }
    }
    let page = PageCtx {
        root,
        path: p.path.clone(),
        title: format!("ไม่พบหน้าที่ต้องการ | {}", site.settings.title_th),
        share_title: "ไม่พบหน้าที่ต้องการ".into(),
        description: "ไม่พบหน้าที่ต้องการ".into(),
        canonical: None,
        section: "",
        image: None,
        line_share: None,
    };
    ctx.insert("page", &page);
    ("404.html", ctx)
}

/// The compare page: a form for 2-3 LAOs, filled in the browser from each LAO's own CSV and the
/// year's indicator table. Without JavaScript it says where each LAO's results are.
pub(super) fn compare(r: &Renderer, p: &Planned) -> (&'static str, Context) {
    let mut ctx =
        r.page_ctx(p, "เปรียบเทียบ อปท.".into(), "เปรียบเทียบผลการประเมินมาตรฐานขั้นต่ำของ อปท. 2-3 แห่ง รายตัวชี้วัด".into(), "");
    let years: Vec<u16> = r.site.years.iter().map(|y| y.be).collect();
    ctx.insert("years", &years);
    ("compare.html", ctx)
}

/// One table of the open data, as the open-data page lists it.
#[derive(serde::Serialize)]
struct DataTable {
    title: &'static str,
    what: &'static str,
    columns: Vec<DataColumn>,
}

#[derive(serde::Serialize)]
struct DataColumn {
    name: &'static str,
    meaning: &'static str,
}

/// A year's files on the open-data page.
#[derive(serde::Serialize)]
struct DataYear {
    be: u16,
    rows: String,
    results: String,
    indicators: String,
    workbook: String,
}

/// The open-data page: every table with its columns, each year's files, the licence.
pub(super) fn open_data(r: &Renderer, p: &Planned) -> (&'static str, Context) {
    use crate::paths::{self, rooted};
    use crate::render::data::{INDICATORS_HEADER, LAOS_HEADER, RESULTS_HEADER, column_meaning};
    let site = r.site;
    let mut ctx = r.page_ctx(
        p,
        "ข้อมูลเปิด".into(),
        "ผลการประเมินมาตรฐานขั้นต่ำทุก อปท. ทุกปี เป็นตาราง CSV และไฟล์ Excel พร้อมความหมายของแต่ละคอลัมน์".into(),
        "",
    );
    let root = paths::root_prefix(&p.path);
    let table = |title, what, cols: &[&'static str]| DataTable {
        title,
        what,
        columns: cols.iter().map(|&c| DataColumn { name: c, meaning: column_meaning(c).1 }).collect(),
    };
    let tables = vec![
        table(
            "ตารางผลการประเมิน (results.csv)",
            "หนึ่งแถวต่อ อปท. ปี และตัวชี้วัด ไฟล์ของแต่ละ อปท. (ลิงก์ในหน้าของ อปท.) มีคอลัมน์เดียวกัน",
            &RESULTS_HEADER,
        ),
        table("ตารางตัวชี้วัด (indicators.csv)", "หนึ่งแถวต่อตัวชี้วัดและประเภท อปท. ที่ประเมิน", &INDICATORS_HEADER),
        table("รายชื่อ อปท. (laos.csv)", "ทุก อปท. ในทะเบียน รวมที่ยังไม่มีผลการประเมิน", &LAOS_HEADER),
    ];
    let years: Vec<DataYear> = site
        .years
        .iter()
        .rev()
        .map(|y| DataYear {
            be: y.be,
            rows: crate::text::numbers::format_number(y.measures.len() as f64),
            results: rooted(&root, &paths::year_results_path(y.be)),
            indicators: rooted(&root, &paths::year_indicators_path(y.be)),
            workbook: rooted(&root, &paths::year_workbook_path(y.be)),
        })
        .collect();
    ctx.insert("tables", &tables);
    ctx.insert("data_years", &years);
    ctx.insert("laos_href", &rooted(&root, paths::LAOS_DATA));
    ctx.insert("laos_count", &crate::text::numbers::format_number(site.laos.len() as f64));
    ctx.insert("package_href", &rooted(&root, paths::DATA_PACKAGE));
    ctx.insert("license_title", &site.settings.data_license.as_ref().map(|l| l.title.clone()));
    ctx.insert("license_url", &site.settings.data_license.as_ref().and_then(|l| l.url.clone()));
    ctx.insert("as_of", &site.settings.data_as_of.map(|d| d.thai_unbroken()));
    ("data.html", ctx)
}

#[cfg(test)]
mod tests {
    use super::font_urls;

    #[test]
    fn fonts_have_a_page_relative_second_source_only_with_a_base_url() {
        let css = "a{}@font-face { src: url(fonts/x.woff2) format(\"woff2\"); }b{}";
        assert_eq!(
            font_urls(css, "https://t.example/r/", true),
            "a{}@font-face { src: url(https://t.example/r/assets/fonts/x.woff2) format(\"woff2\"), url(assets/fonts/x.woff2) format(\"woff2\"); }b{}"
        );
        assert_eq!(font_urls(css, "", false), "a{}@font-face { src: url(assets/fonts/x.woff2) format(\"woff2\"); }b{}");
        // An unclosed url( is left as it is, not written twice.
        assert_eq!(font_urls("a{src: url(fonts/x", "r/", true), "a{src: url(fonts/x");
    }
}
