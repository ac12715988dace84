//! Charts on built pages, from the `charts` fixture whose figures are worked out by hand:
//! four SAOs (three in Krabi, one in Chon Buri) and one subdistrict municipality, two years;
//! indicator 1.2's target goes from 80 to 90 and 2.1's wording changes in 2567.
//!
//! SAO national medians in 2567: 1.1 → 75.00 (60, 70, 80, 90), 1.2 → 82.50 (70, 80, 85, 95),
//! 2.1 → 50.00 (20, 50, 80; the "not done" SAO has no ratio).

use std::fs;
use std::path::Path;

use crate::common::*;

fn built() -> (Scratch, prakat::BuildReport) {
    let s = scratch("charts");
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    (s, r)
}

/// The `<figure class="chart-fig" ...>` elements of a page.
fn figures(html: &str) -> Vec<&str> {
    html.split(r#"<figure class="chart-fig""#)
        .skip(1)
        .map(|f| &f[..f.find("</figure>").expect("figure closes")])
        .collect()
}

fn figure<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html.find(&format!(r#"id="{id}-fig""#)).unwrap_or_else(|| panic!("no figure {id}"));
    let rest = &html[at..];
    &rest[..rest.find("</figure>").unwrap()]
}

fn caption(fig: &str) -> &str {
    let at = fig.find("<figcaption").unwrap();
    let a = at + fig[at..].find('>').unwrap() + 1;
    &fig[a..a + fig[a..].find("</figcaption>").unwrap()]
}

/// The data rows of a figure's table, as cell texts (end tags may be left out, as HTML allows).
fn table_rows(fig: &str) -> Vec<Vec<String>> {
    let body = &fig[fig.find("<tbody>").expect("table body")..];
    let body = &body[..body.find("</tbody>").expect("table body ends")];
    body.split("<tr")
        .skip(1)
        .map(|row| {
            let row = &row[row.find('>').unwrap() + 1..];
            let row = &row[..row.find("</tr>").unwrap_or(row.len())];
            row.split(['<'])
                .filter_map(|part| {
                    let (tag, text) = part.split_once('>')?;
                    (tag.starts_with("th") || tag.starts_with("td")).then(|| text.to_string())
                })
                .collect()
        })
        .collect()
}

#[test]
fn lao_area_bars_have_lengths_from_the_counts() {
    let (s, _) = built();
    let page = s.built("lao/6000002/2567/index.html");
    let fig = figure(&page, "chart-areas");
    // Each area's bar carries its counts (met, below, not done, no service) and a width relative
    // to the LAO's largest area; the counts are also said in words beside it.
    assert!(fig.contains(r##"<a href="#area-1">1. ด้านโครงสร้างพื้นฐาน</a><span class=bar style=--a:1;--b:1;--c:0;--d:0;width:100%></span><span class=n>สูงกว่าค่าเป้าหมาย 1 · การพัฒนาในอนาคต 1</span>"##), "{fig}");
    assert!(
        fig.contains(
            r#"style=--a:0;--b:0;--c:1;--d:1;width:100%></span><span class=n>ไม่ได้ดำเนินการ 1 · ไม่มีบริการสาธารณะ 1</span>"#
        ),
        "{fig}"
    );
    assert!(caption(fig).starts_with("สูงกว่าค่าเป้าหมาย 1 จาก 3 ตัวชี้วัดที่ประเมิน"), "{}", caption(fig));
    // The area with most results short of the target is named, not only numbered.
    assert!(caption(fig).contains(" ส่วนด้านโครงสร้างพื้นฐาน (ด้านที่ 1) มีตัวชี้วัดที่เป็นการพัฒนาในอนาคต"), "{}", caption(fig));
    // On the LAO's own page the areas link to the year page's tables.
    let home = s.built("lao/6000002/index.html");
    assert!(figure(&home, "chart-areas").contains(r#"<a href="../../lao/6000002/2567/index.html#area-2">"#));
}

#[test]
fn ratio_bars_carry_ratio_target_and_type_median() {
    let (s, _) = built();
    let page = s.built("lao/6000002/2567/index.html");
    // 1.1: ratio 80 against target 80, the SAO median 75; 1.2: 70 below its target of 90 (SAO
    // median 82.50 rounds to 83 for the bar). The cell shows the ratio itself; the row, the
    // verdict and both medians with their counts.
    for cell in [
        "<td style=--v:80;--t:80;--m:75>80.00<td class=v-meets>สูงกว่าค่าเป้าหมาย<td>75.00 <small>(4)</small><td>85.00 <small>(4)</small>\n",
        "<td style=--v:70;--t:90;--m:83>70.00<td class=v-below>การพัฒนาในอนาคต<td>82.50 <small>(4)</small><td>87.50 <small>(4)</small>\n",
    ] {
        assert!(page.contains(cell), "{cell} missing from the table");
    }
    // A type with a single LAO has no median to draw (no self-comparison).
    let alone = s.built("lao/5000001/2567/index.html");
    assert!(alone.contains("<td style=--v:") && !alone.contains(";--m:"), "no median marker for a type of one");
}

#[test]
fn the_comparison_sentence_follows_the_thresholds() {
    let (s, _) = built();
    let cap = |code: &str, area: u32| {
        let page = s.built(&format!("lao/{code}/2567/index.html"));
        let from = page.find(&format!("<h3 id=area-{area}>")).expect("area heading");
        let p = &page[from..];
        let p = &p[p.find("<p class=compare>").expect("a comparison sentence")..];
        p[..p.find("</p>").unwrap()].to_string()
    };
    // Gaps: +15.00 and +12.50 → median +13.75, beyond 10 points.
    assert!(cap("6000001", 1).contains("สูงกว่าค่ากลางของ อบต. ทั่วประเทศมาก (ส่วนต่างโดยทั่วไป +13.75 จุด จาก 2 ตัวชี้วัด)"));
    // 50.00 against a median of 50.00.
    assert!(cap("6000001", 2).contains("ใกล้เคียงกับค่ากลางของ อบต. ทั่วประเทศ (ส่วนต่างโดยทั่วไป 0.00 จุด"));
    // -15.00 and -2.50 → -8.75: slightly below.
    assert!(cap("6000003", 1).contains("ต่ำกว่าค่ากลางของ อบต. ทั่วประเทศเล็กน้อย (ส่วนต่างโดยทั่วไป -8.75 จุด"));
    // -5.00 and +2.50 → -1.25: within 2 points, close.
    assert!(cap("6000004", 1).contains("ใกล้เคียงกับค่ากลางของ อบต. ทั่วประเทศ (ส่วนต่างโดยทั่วไป -1.25 จุด"));
    // 2.1 not done, 2.2 a count: nothing to compare.
    assert!(cap("6000002", 2).contains("ยังเทียบกับค่ากลางของ อบต. ทั่วประเทศไม่ได้"));
    // A type with a single LAO has no peers to compare with.
    assert!(cap("5000001", 1).contains("ยังเทียบกับค่ากลางของเทศบาลตำบลทั่วประเทศไม่ได้"));
}

#[test]
fn trend_breaks_where_target_or_wording_changed() {
    let (s, _) = built();
    // The trend is on the LAO's own page, once, not on each year page.
    assert!(!s.built("lao/6000001/2567/index.html").contains("chart-trend-"));
    let page = s.built("lao/6000001/index.html");
    let fig = figure(&page, "chart-trend-1");
    // 1.1: 70 (below its target of 80) → 90 (met); 1.2: target 80 → 90, so the note says they
    // do not compare. Each figure carries its bar's numbers: the ratio and that year's target.
    assert!(
        fig.contains("<td class=v-below style=--v:70;--t:80>70.00<td class=v-meets style=--v:90;--t:80>90.00<td><tr>"),
        "{fig}"
    );
    assert!(fig.contains("<td class=v-meets style=--v:95;--t:90>95.00"));
    assert_eq!(
        table_rows(fig),
        [["1.1", "70.00", "90.00", ""], ["1.2", "85.00", "95.00", "ปี 2567: ค่าเป้าหมาย 80 → 90"]]
    );
    let fig2 = figure(&page, "chart-trend-2");
    assert_eq!(table_rows(fig2), [["2.1", "60.00", "50.00", "ปี 2567: ถ้อยคำตัวชี้วัดเปลี่ยน"]]);
    assert!(caption(fig).contains("สูงขึ้น 1 ตัวชี้วัด") && caption(fig).contains("เทียบไม่ได้ 1 ตัวชี้วัด"));
    // An LAO with one year has no trend.
    assert!(!s.built("lao/6000004/index.html").contains("chart-trend-"));
}

#[test]
fn what_changed_lists_only_changed_verdicts() {
    let (s, _) = built();
    let page = s.built("lao/6000001/2567/index.html");
    let list = &page[page.find(r#"<ul class="changes">"#).expect("a list of changes")..];
    let list = &list[..list.find("</ul>").unwrap()];
    // 1.1 went from below (70) to met (90); the count 2.2 from 1 to 3 against 2. 1.2 and 2.1 met
    // both years. Both are better: one group of two, each linked to its row.
    assert_eq!(list.matches("<li class=").count(), 1, "{list}");
    assert!(
        list.contains(
            r##"<b>ดีขึ้นเป็นสูงกว่าค่าเป้าหมาย 2 ตัวชี้วัด</b>: <a href="#i-1.1">1.1</a>, <a href="#i-2.2">2.2</a></li>"##
        ),
        "{list}"
    );
    assert!(page.contains("สิ่งที่เปลี่ยนไปจากปี 2566"));
    let first_year = s.built("lao/6000001/2566/index.html");
    assert!(!first_year.contains("สิ่งที่เปลี่ยนไปจากปี"), "no earlier year, no list");
}

#[test]
fn year_page_shows_shares_and_distributions() {
    let (s, _) = built();
    let page = s.built("year/2567/index.html");
    let share = figure(&page, "chart-share");
    // Area 1: 5 met, 5 below → 50.0 %; area 2: 6 met, 2 below, 1 not done, 1 no service → 66.7 %.
    assert_eq!(
        table_rows(share),
        [["1. ด้านโครงสร้างพื้นฐาน", "5", "5", "0", "0", "50.0"], ["2. ด้านสาธารณสุข", "6", "2", "1", "1", "66.7"]]
    );
    // Each area named in words with its bar (no-service results not drawn) and its share.
    assert!(
        share.contains("<li><span class=an>2. ด้านสาธารณสุข</span><span class=bar style=--a:6;--b:2;--c:1;--d:0></span><span class=n>สูงกว่าค่าเป้าหมาย ร้อยละ 66.7 (6 จาก 9 ผลที่ประเมิน)</span></li>"),
        "{share}"
    );
    assert!(!share.contains("<svg"), "the bars are drawn by the stylesheet, text at the page's size");
    // The caption names the areas, not "ด้าน 2".
    assert!(
        caption(share).starts_with("ด้านสาธารณสุข มีสัดส่วนผลที่สูงกว่าค่าเป้าหมายมากที่สุด (ร้อยละ 66.7) และด้านโครงสร้างพื้นฐาน น้อยที่สุด"),
        "{}",
        caption(share)
    );
    let spread = figure(&page, "chart-spread-1");
    let rows = table_rows(spread);
    // Types in the registry's order: subdistrict municipalities before SAOs.
    assert_eq!(rows[0], ["1.1", "เทศบาลตำบล", "1", "100.00", "100.00", "100.00", "100.00", "100.00", "80.00"]);
    assert_eq!(rows[1], ["1.1", "อบต.", "4", "60.00", "67.50", "75.00", "82.50", "90.00", "80.00"]);
    // Four SAOs are few enough to draw as dots: 60 % is at 88 + 216 × 0.6 = 217.6, on the second row.
    assert!(spread.contains(r#"<circle class="sp" cx="217.6" cy="39" r="3"/>"#), "{spread}");
    assert!(caption(spread).contains("ตัวชี้วัด 1.2 ของ อบต. (ต่ำกว่า"), "{}", caption(spread));
}

#[test]
fn home_page_shows_the_latest_national_shares() {
    let (s, _) = built();
    let page = s.built("index.html");
    let share = figure(&page, "chart-share");
    assert_eq!(table_rows(share)[1], ["2. ด้านสาธารณสุข", "6", "2", "1", "1", "66.7"]);
}

#[test]
fn province_page_counts_only_its_own_laos() {
    let (s, _) = built();
    let page = s.built("province/krabi/index.html");
    let share = figure(&page, "chart-share");
    // Krabi: 6000001-3 and 5000001. Area 1: 1.1 met by 90, 80, 100 and 1.2 by 95, 100.
    assert_eq!(table_rows(share)[0], ["1. ด้านโครงสร้างพื้นฐาน", "5", "3", "0", "0", "62.5"]);
    let spread = figure(&page, "chart-spread-1");
    assert_eq!(table_rows(spread)[1][..3], ["1.1", "อบต.", "3"], "Chon Buri's SAO is not counted");
}

/// Every chart on every page: a figure with a caption, an SVG with role, title and description
/// it is labelled by, ids unique on the page, and a table. No coordinate carries float noise.
#[test]
fn no_chart_without_its_table_and_label() {
    let (s, _) = built();
    check_pages(&s.public());
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    check_pages(&s.public());
}

fn check_pages(dir: &Path) {
    let mut charts = 0;
    for (path, bytes) in tree(dir) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let svgs = html.matches(r#"<svg class="chart "#).count() - html.matches(r#"<svg class="chart key""#).count();
        let (figs, lists): (Vec<&str>, Vec<&str>) = figures(&html).into_iter().partition(|f| f.contains("<svg"));
        assert_eq!(svgs, figs.len(), "{path}: every chart SVG sits in a chart figure");
        // A chart drawn by the stylesheet is a list that says every count in words, or a table
        // whose every bar is a cell showing its figure.
        for list in &lists {
            assert!(!caption(list).trim().is_empty(), "{path}: empty caption");
            if list.contains(r#"<ol class="area-bars">"#) {
                assert_eq!(list.matches("<span class=bar ").count(), list.matches("<span class=n>").count());
            } else {
                assert!(list.contains(r#"<table class="trend-table">"#), "{path}: a figure that is no chart");
                assert!(!table_rows(list).is_empty(), "{path}: empty table");
                for cell in list.split("<td ").skip(1).filter(|c| c.contains("style=--v:")) {
                    let shown = cell.split('>').nth(1).unwrap().split('<').next().unwrap();
                    assert!(shown.parse::<f64>().is_ok(), "{path}: a bar without its figure: {cell}");
                }
            }
        }
        for fig in &figs {
            charts += 1;
            assert!(!caption(fig).trim().is_empty(), "{path}: empty caption");
            let has_table = fig.contains("<table class=\"chart-table\">") || fig.contains("<table class=\"results\">");
            assert!(has_table && fig.contains("<tbody>"), "{path}: chart without table");
            assert!(!table_rows(fig).is_empty(), "{path}: empty table");
            let svg = &fig[fig.find("<svg").unwrap()..fig.find("</svg>").unwrap()];
            assert!(svg.contains(r#" role="img""#), "{path}");
            assert!(svg.contains("</title><desc id="), "{path}: title and description");
            let labelled = svg.split("aria-labelledby=\"").nth(1).unwrap().split('"').next().unwrap();
            for target in labelled.split(' ') {
                assert!(svg.contains(&format!(r#"id="{target}""#)), "{path}: {target} missing");
            }
            for attr in svg.split("=\"").skip(1) {
                let value = attr.split('"').next().unwrap();
                for token in value.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')) {
                    if let Some((_, dec)) = token.split_once('.')
                        && token.parse::<f64>().is_ok()
                    {
                        assert!(dec.len() <= 1, "{path}: float noise in {token}");
                    }
                }
            }
        }
        let mut ids: Vec<&str> = html.split(" id=\"").skip(1).map(|r| r.split('"').next().unwrap()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "{path}: duplicate ids");
    }
    assert!(charts > 0, "charts were checked");
}

#[test]
fn charts_are_byte_identical_across_builds() {
    let (s, _) = built();
    let first = fs::read(s.public().join("lao/6000001/2567/index.html")).unwrap();
    s.build().unwrap();
    let second = fs::read(s.public().join("lao/6000001/2567/index.html")).unwrap();
    assert_eq!(first, second);
}
