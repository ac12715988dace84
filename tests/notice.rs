//! The LAO's printed notice (ประกาศ), the year page as its council pack, QR code and website
//! snippet.

use crate::common::*;
use crate::workshops::{check_page_qrs, decode_qr_svg, qr_figures, unescape};

#[test]
fn lao_qr_codes_decode_to_the_absolute_page_address() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let public = s.public();
    let mut checked = 0;
    for (code, be) in [("5810401", "2567"), ("5810401", "2566"), ("3200408", "2567")] {
        for page in [format!("lao/{code}/{be}/index.html"), format!("lao/{code}/{be}/notice/index.html")] {
            assert_eq!(check_page_qrs(&public, &page), 1, "{page} shows one QR code");
            checked += 1;
        }
        let svg = s.built(&format!("lao/{code}/{be}/qr.svg"));
        assert_eq!(decode_qr_svg(&svg).0, format!("https://test.example/r/lao/{code}/{be}/"));
    }
    // The latest-year copy at the LAO's folder shows the latest year's code.
    assert_eq!(check_page_qrs(&public, "lao/5810401/index.html"), 1);
    let alias = s.built("lao/5810401/index.html");
    assert_eq!(qr_figures(&alias)[0].1, "https://test.example/r/lao/5810401/2567/");
    assert_eq!(checked, 6);
}

#[test]
fn the_notice_is_laid_out_as_a_thai_announcement() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let n = s.built("lao/5810401/2567/notice/index.html");
    let text = n.replace(['\n'], " ");
    assert!(text.contains("ประกาศเทศบาลตำบลคลองท่อมใต้</span>"), "issuer with the full name");
    assert!(text.contains("เรื่อง ผลการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะ <span class=\"nowrap\">ประจำปี พ.ศ. 2567"));
    assert!(text.contains("ประกาศ ณ วันที่ <span class=\"blank"), "date line with blanks");
    assert!(text.contains("เดือน <span class=\"blank") && text.contains("พ.ศ. <span class=\"blank"));
    assert!(text.contains("(ลงชื่อ) <span class=\"blank"), "empty signature block");
    assert!(text.contains("นายกเทศมนตรีตำบลคลองท่อมใต้"), "the executive's title");
    assert!(text.contains("<span class=\"url\">https://test.example/r/lao/5810401/2567/</span>"), "URL printed");
    assert!(!text.contains("qr-warning"), "a base URL is set: no warning");
    // The per-area summary: one row per area with results.
    assert_eq!(n.matches("<th scope=\"row\">").count(), 1, "this LAO has results in area 1 only");
    assert!(n.contains("<th scope=\"row\">1. ด้านโครงสร้างพื้นฐาน</th><td>2<td>"));
    // At least 30 mm printed: the stylesheet sizes the notice's code.
    let css = s.built("assets/print.css");
    let rule = css.split(".notice-qr img {").nth(1).unwrap().split('}').next().unwrap();
    let mm: f64 = rule.split("width:").nth(1).unwrap().trim().split("mm").next().unwrap().parse().unwrap();
    assert!(mm >= 30.0, "QR printed {mm} mm wide");
    assert!(css.contains("@page { size: A4;"));
    // Bangkok and Pattaya sign as their own executives.
    let p = s.built("lao/3200408/2567/notice/index.html");
    assert!(p.contains("ประกาศเมืองพัทยา</span>") && p.contains("นายกเมืองพัทยา"));
}

#[test]
fn the_year_page_prints_as_the_council_pack() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let c = s.built("lao/5810401/2567/index.html");
    // No second copy of the table: the year page itself, printed, is the pack.
    assert!(!s.public().join("lao/5810401/2567/council").exists());
    let cover = c
        .split("<div class=\"print-only pack-cover\">")
        .nth(1)
        .expect("a cover for print")
        .split("</div>")
        .next()
        .unwrap();
    assert!(cover.contains("รายงานผลการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะ ประจำปี พ.ศ. 2567"), "{cover}");
    assert!(cover.contains("เอกสารประกอบการรายงานต่อสภาท้องถิ่น") && cover.contains("รหัส อปท. 5810401"));
    let words = crate::build::text_of(cover);
    assert!(!words.chars().any(|ch| ch.is_ascii_alphabetic()), "no Latin letters on the cover: {words}");
    let rows = std::fs::read_to_string(s.root.join("data/2567/results.csv")).unwrap();
    let own = rows.lines().filter(|l| l.starts_with("5810401,")).count();
    assert_eq!(c.matches("<tr id=i-").count(), own, "every indicator row of the year");
    let trend = c.split("class=\"pack-trend\"").nth(1).unwrap().split("</table>").next().unwrap();
    assert!(trend.contains("<th scope=\"row\">2566</th>") && trend.contains("<th scope=\"row\">2567</th>"));
    assert!(c.contains("<button type=\"button\" class=\"button\" data-print hidden>"), "a print button for phones");
    // The stylesheet prints the cover, drops the site's menus and the medians, repeats headers.
    let css = s.built("assets/style.css");
    let print = css.split("@media print {").nth(1).unwrap();
    assert!(print.contains("@page { size: A4;") && print.contains(".print-only { display: block; }"));
    assert!(print.contains("table.results th.peer, table.results td:nth-child(n+7) { display: none; }"));
    assert!(print.contains("table.results thead { display: table-header-group; }"));
}

#[test]
fn the_lao_page_links_both_and_offers_an_escaped_snippet() {
    let s = scratch("tiny");
    // An ampersand in a name must come out escaped in the snippet, and escaped again in the page.
    let reg = s.read("data/laos.csv").replace("6810408,sao,คลองท่อมใต้", "6810408,sao,คลองท่อมใต้&<b>");
    s.write("data/laos.csv", &reg);
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let p = s.built("lao/5810401/2567/index.html");
    assert!(
        p.contains("href=\"notice/index.html\"") || p.contains("href=\"../../../lao/5810401/2567/notice/index.html\"")
    );
    assert!(p.contains("data-print"), "the year page prints as the council pack");
    assert!(
        s.built("lao/5810401/index.html").contains("href=\"2567/index.html#print-h\""),
        "the LAO's page points there"
    );
    // The snippet is on the LAO's own page, which it links to; the year page points there.
    assert!(p.contains("href=\"../index.html#print-h\""));
    let home = s.built("lao/5810401/index.html");
    let area = home
        .split("<textarea id=\"snippet\" readonly rows=\"5\">")
        .nth(1)
        .unwrap()
        .split("</textarea>")
        .next()
        .unwrap();
    assert!(!area.contains('<'), "the snippet is escaped inside the textarea");
    let snippet = unescape(area);
    assert!(snippet.starts_with("<a href=\"https://test.example/r/lao/5810401/\""), "{snippet}");
    // The badge is the LAO's own, saying its latest result; the old address of the common badge
    // still answers (LAOs pasted it) and no longer shows a check mark.
    assert!(snippet.contains("<img src=\"https://test.example/r/lao/5810401/badge.svg\""), "{snippet}");
    let badge = s.built("lao/5810401/badge.svg");
    assert!(badge.contains("ปี พ.ศ. 2567") && badge.contains("สูงกว่าค่าเป้าหมาย 2 จาก"), "{badge}");
    assert!(!s.built("assets/badge.svg").contains("M16 30l6 6"), "no check mark on the common badge");
    let odd = s.built("lao/6810408/index.html");
    let area = odd.split("readonly rows=\"5\">").nth(1).unwrap().split("</textarea>").next().unwrap();
    let snippet = unescape(area);
    assert!(snippet.contains("คลองท่อมใต้&amp;&lt;b&gt;"), "the name is escaped in the HTML an LAO pastes: {snippet}");
    assert!(!snippet.contains("<b>"));
}

#[test]
fn without_a_base_url_the_build_warns_and_the_codes_say_they_cannot_work() {
    let s = scratch("tiny");
    let cfg = s.read("data/site.yaml").replace("base_url: \"https://test.example/r/\"\n", "");
    s.write("data/site.yaml", &cfg);
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let warned = r.diagnostics.iter().any(|d| {
        d.span.field.as_deref() == Some("base_url")
            && d.message.contains("QR codes")
            && d.message.contains("cannot open")
    });
    assert!(warned, "a warning about the QR codes");
    let n = s.built("lao/5810401/2567/notice/index.html");
    assert!(n.contains("class=\"qr-warning\""), "the printed notice says its code cannot work");
    assert_eq!(decode_qr_svg(&s.built("lao/5810401/2567/qr.svg")).0, "lao/5810401/2567/");
    assert!(!s.built("lao/5810401/2567/index.html").contains("<textarea"), "no snippet without an address");
}
