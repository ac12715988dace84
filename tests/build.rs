//! The build pipeline end to end on fixture sites.

use crate::common::*;

#[test]
fn tiny_site_builds_with_every_page() {
    let s = scratch("tiny");
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    assert_eq!(r.laos, 5);
    assert_eq!(r.rows_read, 18);
    for p in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "lao/5810401/index.html",
        "lao/5810401/2566/index.html",
        "lao/5810401/results.csv",
        "data/2567/results.csv",
        "data/2567/indicators.csv",
        "data/2567/results.xlsx",
        "data/laos.csv",
        "data/datapackage.json",
        "data/index.html",
        "province/krabi/khlong-thom/index.html",
        "type/sao/index.html",
    ] {
        assert!(s.public().join(p).is_file(), "{p} missing");
    }
}

#[test]
fn same_name_different_types_get_distinct_pages_and_names() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let m = s.built("lao/5810401/index.html");
    let a = s.built("lao/6810408/index.html");
    assert!(m.contains("<h1>เทศบาลตำบลคลองท่อมใต้"), "municipality page names its type");
    assert!(a.contains("<h1>องค์การบริหารส่วนตำบลคลองท่อมใต้"), "SAO page names its type");
    let district = s.built("province/krabi/khlong-thom/index.html");
    assert!(district.contains("เทศบาลตำบลคลองท่อมใต้") && district.contains("องค์การบริหารส่วนตำบลคลองท่อมใต้"));
}

/// The text of each cell of the table row for indicator `id` on an LAO page, tags stripped and
/// spaces collapsed: service, indicator, target, base (1), delivered (2), ratio, verdict,
/// type median, province median.
pub fn row_cells(html: &str, id: &str) -> Vec<String> {
    let start = html.find(&format!("<tr id=i-{id}>")).unwrap_or_else(|| panic!("no row for indicator {id}"));
    // A row ends at the next row or the end of its group (its end tags are left out).
    let rest = &html[start + 1..];
    let end = ["<tr", "</tbody>", "</table>"].iter().filter_map(|m| rest.find(m)).min().expect("row ends");
    let row = &html[start..start + 1 + end];
    row.split("<td").skip(1).map(|cell| text_of(&cell[cell.find('>').unwrap() + 1..])).collect()
}

/// Text with tags removed and whitespace collapsed.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rows of a built CSV (BOM required), as maps from column name to value.
pub fn csv_rows(bytes: &[u8]) -> Vec<std::collections::HashMap<String, String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("CSV starts with a UTF-8 BOM");
    let mut r = csv::Reader::from_reader(body);
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records().map(|rec| head.iter().cloned().zip(rec.unwrap().iter().map(String::from)).collect()).collect()
}

/// The CSV row of one LAO and indicator.
fn csv_row<'a>(
    rows: &'a [std::collections::HashMap<String, String>],
    code: &str,
    id: &str,
) -> &'a std::collections::HashMap<String, String> {
    let found: Vec<_> = rows.iter().filter(|r| r["code"] == code && r["indicator"] == id).collect();
    assert_eq!(found.len(), 1, "one CSV row for {code} {id}");
    found[0]
}

/// (target, base, delivered, ratio, verdict) as the LAO page shows them.
fn shown(html: &str, id: &str) -> [String; 5] {
    let c = row_cells(html, id);
    [c[1].clone(), c[2].clone(), c[3].clone(), c[4].clone(), c[5].clone()]
}

#[test]
fn every_verdict_rule_and_the_ratio_rounding_reach_the_page_and_the_csv() {
    let s = scratch("tiny");
    // 23 / 4000 = 0.575 %: two decimals, rounded half up, is 0.58. 79,996 / 100,000 shows as 80.00,
    // which meets a target of 80. Thai digits are read as digits.
    s.append("data/laos.csv", "6200799,sao,ทดสอบ,,ชลบุรี,Chon Buri,ศรีราชา,Si Racha,");
    s.append("data/2566/results.csv", "6200707,1.1,4000,23,");
    s.append("data/2566/results.csv", "6200799,1.1,100000,79996,");
    s.append("data/2566/results.csv", "6200799,1.2,๑๐,๙,");
    s.append("data/2566/results.csv", "6200799,2.1,1,0,");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let v = |id: &str, code: &str| shown(&s.built(&format!("lao/{code}/2566/index.html")), id);
    let strs = |a: [&str; 5]| a.map(String::from);
    const NOT_DONE: &str = "ไม่ได้ดำเนินการ ในปีงบประมาณ พ.ศ. 2566";
    let expected = [
        // ratio exactly equal to the target meets it
        ("5810401", "1.1", ["80", "20", "16", "80.00", "สูงกว่าค่าเป้าหมาย"]),
        // base 0: no such service; "-" stays "-"
        ("5810401", "1.2", ["90", "0", "-", "-", "ไม่มีบริการสาธารณะ"]),
        // a count compares delivered with the target directly, and has no ratio
        ("5810401", "2.1", ["2 ครั้ง", "1", "3", "-", "สูงกว่าค่าเป้าหมาย"]),
        ("6810408", "2.1", ["2 ครั้ง", "1", "1", "-", "การพัฒนาในอนาคต"]),
        ("6200799", "2.1", ["2 ครั้ง", "1", "0", "-", "การพัฒนาในอนาคต"]),
        // base > 0 and nothing delivered: not done, with the year
        ("6810408", "1.1", ["80", "12", "-", "-", NOT_DONE]),
        ("6810408", "1.2", ["90", "10", "5", "50.00", "การพัฒนาในอนาคต"]),
        // 52.00384 shows as 52.00; the PAO's own target applies
        ("2810000", "1.1", ["80", "100,000", "52,003.84", "52.00", "การพัฒนาในอนาคต"]),
        ("2810000", "1.2", ["70", "13,502", "10,000", "74.06", "สูงกว่าค่าเป้าหมาย"]),
        // base "-": not assessed, every figure "-", never "0"
        ("3200408", "1.1", ["80", "-", "-", "-", "-"]),
        ("6200707", "1.1", ["80", "4,000", "23", "0.58", "การพัฒนาในอนาคต"]),
        ("6200799", "1.1", ["80", "100,000", "79,996", "80.00", "สูงกว่าค่าเป้าหมาย"]),
        ("6200799", "1.2", ["90", "10", "9", "90.00", "สูงกว่าค่าเป้าหมาย"]),
    ];
    let national = csv_rows(&std::fs::read(s.public().join("data/2566/results.csv")).unwrap());
    for (code, id, want) in expected {
        assert_eq!(v(id, code), strs(want), "page of {code}, indicator {id}");
        // The CSV carries the same figures, without thousands separators.
        let r = csv_row(&national, code, id);
        let plain = |x: &str| x.replace(',', "").replace(" ครั้ง", "");
        let got = [&r["target"], &r["base"], &r["delivered"], &r["ratio_percent"], &r["verdict_th"]];
        assert_eq!(got.map(|x| x.to_string()), want.map(plain), "national CSV row of {code}, indicator {id}");
        let own = csv_rows(&std::fs::read(s.public().join(format!("lao/{code}/results.csv"))).unwrap());
        let own_row =
            own.iter().find(|o| o["indicator"] == id && o["year_be"] == "2566").expect("row in the LAO's CSV");
        assert_eq!(own_row, r, "the LAO's own CSV matches the national one");
    }
    assert_eq!(national.len(), 13, "every input row, and nothing else");
    // The area summary counts the verdicts: 5810401 meets 2 (1.1, 2.1), has 1 without service.
    let page = s.built("lao/5810401/2566/index.html");
    assert!(text_of(&page).contains("สูงกว่าค่าเป้าหมาย 2 จาก 2 ตัวชี้วัดที่ประเมิน"), "headline counts");
}

#[test]
fn peer_medians_by_type_nationally_and_by_province() {
    let s = scratch("tiny");
    s.append("data/laos.csv", "6810499,sao,ทดสอบ,,กระบี่,Krabi,คลองท่อม,Khlong Thom,");
    s.append("data/laos.csv", "6200799,sao,ทดสอบสอง,,ชลบุรี,Chon Buri,ศรีราชา,Si Racha,");
    s.append("data/2567/results.csv", "6810499,1.1,10,5,");
    s.append("data/2567/results.csv", "6200799,1.1,4,1,");
    s.append("data/2567/results.csv", "6200799,1.2,0,-,");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let peers = |code: &str, id: &str| {
        let c = row_cells(&s.built(&format!("lao/{code}/2567/index.html")), id);
        (c[6].clone(), c[7].clone())
    };
    // 1.1 in 2567: SAOs 91.67 (6810408), 50.00, 25.00 -> 50.00 over 3. Krabi: 85.00, 91.67,
    // 90.00 (PAO), 50.00 -> (85.00 + 90.00) / 2 = 87.50 over 4. Chon Buri: 80.00, 25.00 -> 52.50.
    assert_eq!(peers("6810408", "1.1"), ("50.00 (3)".into(), "87.50 (4)".into()));
    assert_eq!(peers("6810499", "1.1"), ("50.00 (3)".into(), "87.50 (4)".into()));
    assert_eq!(peers("6200799", "1.1"), ("50.00 (3)".into(), "52.50 (2)".into()));
    // The municipality's peers are the municipalities only, and it is the only one: a median of
    // itself is no comparison and is not shown. The province takes every type.
    assert_eq!(peers("5810401", "1.1"), ("-".into(), "87.50 (4)".into()));
    // A base-0 row has no ratio and takes no part in a median; the others still show theirs.
    // 1.2 SAOs: 90.00 (6810408) only: one LAO's figure is no median. Chon Buri has no 1.2 ratio.
    assert_eq!(peers("6200799", "1.2"), ("-".into(), "-".into()));
    // Counts: 2.1 in Chon Buri has only a "-" row (Pattaya); Krabi has one SAO with 2.
    assert_eq!(peers("3200408", "2.1"), ("-".into(), "-".into()));
    assert_eq!(peers("6810408", "2.1"), ("-".into(), "-".into()));
}

#[test]
fn a_verdict_in_the_input_that_disagrees_is_a_warning_with_file_and_line() {
    let s = scratch("tiny");
    s.append("data/2567/results.csv", "6200707,1.1,10,9,การพัฒนาในอนาคต");
    s.append("data/2567/results.csv", "6200707,1.2,10,9,สูงกว่าค่าเป้าหมาย");
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let w: Vec<_> = r.diagnostics.iter().filter(|d| d.span.field.as_deref() == Some("verdict")).collect();
    assert_eq!(w.len(), 1, "only the disagreeing row warns: {w:?}");
    assert_eq!(w[0].severity, prakat::diag::Severity::Warning);
    assert_eq!((w[0].span.file.as_str(), w[0].span.line), ("data/2567/results.csv", Some(11)));
    assert!(w[0].message.contains("การพัฒนาในอนาคต") && w[0].message.contains("สูงกว่าค่าเป้าหมาย"), "{}", w[0].message);
    // The page shows the computed verdict.
    assert_eq!(row_cells(&s.built("lao/6200707/2567/index.html"), "1.1")[5], "สูงกว่าค่าเป้าหมาย");
    // The real binary prints it, succeeds, and says where.
    let out = s.run(&["build", "--quiet"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning: ") && err.contains("--> data/2567/results.csv:11 (field `verdict`)"), "{err}");
}

/// Output folders beside the site's public/ that a build may have left (staging, old copies).
fn leftovers(s: &Scratch) -> Vec<String> {
    std::fs::read_dir(&s.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect()
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_identical() {
    let s = scratch("tiny");
    let out = s.run(&["build", "--quiet"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let before = tree(&s.public());
    assert!(before.len() > 20);

    // Bad input: the build stops after loading.
    let good = s.read("data/2567/results.csv");
    s.append("data/2567/results.csv", "5810401,1.1,abc,1,");
    let out = s.run(&["build"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("left as it was"));
    assert_eq!(tree(&s.public()), before, "bad input leaves the old site as it was");
    assert_eq!(leftovers(&s), Vec::<String>::new());

    // A template that fails while pages are being written: the staging folder is thrown away.
    s.write("data/2567/results.csv", &good);
    s.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{{ no_such_value.field }}{% endblock content %}",
    );
    let out = s.run(&["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a broken template fails the build");
    // The template compiles, so the failure comes while rendering, after staging has begun.
    assert!(err.contains("error: rendering 404.html failed") && !err.contains("cannot be compiled"), "{err}");
    assert!(err.contains("--> themes/default/templates/404.html"), "the message names the template to fix: {err}");
    assert_eq!(tree(&s.public()), before, "a failure while rendering leaves the old site as it was");
    assert_eq!(leftovers(&s), Vec::<String>::new(), "no staging folder is left behind");

    // And a good build replaces it, again without leftovers.
    std::fs::remove_dir_all(s.root.join("themes")).unwrap();
    s.append("data/2567/results.csv", "6200707,1.1,10,9,");
    let out = s.run(&["build", "--quiet"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(s.public().join("lao/6200707/2567/index.html").is_file());
    assert_eq!(leftovers(&s), Vec::<String>::new());
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let first = tree(&s.public());
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let second = tree(&s.public());
    assert!(first.len() > 400, "the example site has hundreds of files");
    assert_eq!(first.len(), second.len());
    for (a, b) in first.iter().zip(&second) {
        assert!(a == b, "{} differs between two builds", a.0);
    }
}

#[test]
fn same_name_collisions_keep_their_type_in_titles_listings_and_data() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let m = s.built("lao/5810401/2567/index.html");
    let a = s.built("lao/6810408/2567/index.html");
    assert_ne!(m, a);
    assert!(m.contains("<title>เทศบาลตำบลคลองท่อมใต้ "), "municipality title names its type");
    assert!(a.contains("<title>องค์การบริหารส่วนตำบลคลองท่อมใต้ "), "SAO title names its type");
    let province = text_of(&s.built("province/krabi/index.html"));
    assert!(province.contains("เทศบาลตำบลคลองท่อมใต้") && province.contains("องค์การบริหารส่วนตำบลคลองท่อมใต้"));
    let sao = s.built("type/sao/index.html");
    assert!(sao.contains("lao/6810408/index.html") && !sao.contains("lao/5810401/index.html"));
    let laos = csv_rows(&std::fs::read(s.public().join("data/laos.csv")).unwrap());
    let name = |code: &str| laos.iter().find(|r| r["code"] == code).map(|r| r["lao_name_th"].clone());
    assert_eq!(name("5810401").as_deref(), Some("เทศบาลตำบลคลองท่อมใต้"));
    assert_eq!(name("6810408").as_deref(), Some("องค์การบริหารส่วนตำบลคลองท่อมใต้"));
}

#[test]
fn core_only_benchmark_builds_leave_out_downloads_and_still_succeed() {
    let s = scratch("tiny");
    let r = prakat::build(&prakat::Config { scope: prakat::Scope::Core, ..prakat::Config::new(&s.root) }, &|_, _| {})
        .unwrap_or_else(|f| panic!("{}", errors(&f)));
    assert!(r.pages > 0);
    assert!(s.public().join("lao/5810401/2567/index.html").is_file());
    assert!(!s.public().join("data/2567/results.csv").exists(), "downloads are not core pages");
}

#[test]
fn an_laos_own_page_sums_up_every_year_and_links_each_year_page() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let home = s.built("lao/5810401/index.html");
    // Every year with its headline count, newest first, each linking its year page.
    let summary = home.split("<table class=\"year-summary\">").nth(1).expect("a table of years");
    let summary = &summary[..summary.find("</table>").unwrap()];
    let years: Vec<&str> = summary.split("<th scope=\"row\">").skip(1).map(|r| &r[..4]).collect();
    assert_eq!(years, ["2567", "2566"]);
    for be in ["2566", "2567"] {
        assert!(home.contains(&format!("href=\"{be}/index.html\"")), "no link to {be}");
        assert!(s.public().join(format!("lao/5810401/{be}/index.html")).is_file());
    }
    // The full table is on the year page only: the build counts its rows there.
    assert!(!home.contains("<tr id=i-"));
    assert!(s.built("lao/5810401/2567/index.html").contains("<tr id=i-"));
    // It is a page of its own: its canonical address is itself, and the sitemap lists it.
    assert!(home.contains("<link rel=\"canonical\" href=\"https://test.example/r/lao/5810401/\">"), "canonical");
    assert!(s.built("sitemap.xml").contains("<loc>https://test.example/r/lao/5810401/</loc>"));
    // Each year page links back to it.
    assert!(s.built("lao/5810401/2566/index.html").contains("href=\"../index.html\">ทุกปี</a>"));
}

/// The text of a built page's `<title>`.
fn title_of(s: &Scratch, path: &str) -> String {
    let page = s.built(path);
    let at = page.find("<title>").unwrap() + 7;
    page[at..at + page[at..].find("</title>").unwrap()].to_string()
}

#[test]
fn titles_name_the_province_where_type_and_name_repeat() {
    let s = scratch("tiny");
    s.append("data/laos.csv", "6200798,sao,คลองท่อมใต้,,ชลบุรี,Chon Buri,ศรีราชา,Si Racha,");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let title = |path: &str| title_of(&s, path);
    assert!(
        title("lao/6810408/2567/index.html").starts_with("องค์การบริหารส่วนตำบลคลองท่อมใต้ จังหวัดกระบี่ ผลการประเมินปี 2567")
    );
    assert!(title("lao/6200798/index.html").starts_with("องค์การบริหารส่วนตำบลคลองท่อมใต้ จังหวัดชลบุรี"));
    assert!(
        s.built("lao/6810408/2567/index.html").contains("og:title\" content=\"องค์การบริหารส่วนตำบลคลองท่อมใต้ จังหวัดกระบี่")
    );
    // A name of its own type once in the country needs no province.
    assert!(title("lao/5810401/index.html") == "เทศบาลตำบลคลองท่อมใต้", "{}", title("lao/5810401/index.html"));
}

#[test]
fn titles_name_the_district_where_type_name_and_province_repeat() {
    let s = scratch("tiny");
    // The real registry has 79 such groups (อบต.บ้านใหม่ twice in one province, ...).
    s.append("data/laos.csv", "6810499,sao,คลองท่อมใต้,,กระบี่,Krabi,เหนือคลอง,Nuea Khlong,");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let title = |path: &str| title_of(&s, path);
    let first = title("lao/6810408/2567/index.html");
    assert!(first.starts_with("องค์การบริหารส่วนตำบลคลองท่อมใต้ อำเภอคลองท่อม จังหวัดกระบี่ ผลการประเมินปี 2567"), "{first}");
    let second = title("lao/6810499/index.html");
    assert!(second.starts_with("องค์การบริหารส่วนตำบลคลองท่อมใต้ อำเภอเหนือคลอง จังหวัดกระบี่"), "{second}");
    assert!(title("lao/5810401/index.html") == "เทศบาลตำบลคลองท่อมใต้");
}

#[test]
fn titles_name_the_code_where_even_the_district_repeats() {
    let s = scratch("tiny");
    s.append("data/laos.csv", "6810499,sao,คลองท่อมใต้,,กระบี่,Krabi,คลองท่อม,Khlong Thom,");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let page = s.built("lao/6810499/index.html");
    assert!(page.contains("<title>องค์การบริหารส่วนตำบลคลองท่อมใต้ อำเภอคลองท่อม จังหวัดกระบี่ (รหัส 6810499)"));
    assert!(
        s.built("lao/6810408/index.html")
            .contains("<title>องค์การบริหารส่วนตำบลคลองท่อมใต้ อำเภอคลองท่อม จังหวัดกระบี่ (รหัส 6810408)")
    );
}

#[test]
fn an_lao_without_results_in_the_latest_year_says_so() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    // 6810203 has no rows in 2569 (the example's latest year) but has them in 2567.
    let page = s.built("lao/6810203/index.html");
    assert!(page.contains("ผลล่าสุด ปี พ.ศ. 2567"), "latest year with results");
    assert!(page.contains("ปี พ.ศ. 2569 ยังไม่มีผลของ อบต.เขาดิน ในข้อมูลชุดนี้"), "the missing year is named");
    assert!(!s.built("lao/6810408/index.html").contains("ยังไม่มีผลของ"), "an LAO with the latest year says nothing");
}

#[test]
fn precompressed_siblings_and_the_manifest_match_every_file() {
    use std::io::Read;
    let s = scratch("tiny");
    let cfg = prakat::Config { precompress: true, manifest: true, ..prakat::Config::new(&s.root) };
    prakat::build(&cfg, &|_, _| {}).unwrap_or_else(|f| panic!("{}", errors(&f)));
    let files = tree(&s.public());
    let by_path: std::collections::HashMap<&str, &Vec<u8>> = files.iter().map(|(p, b)| (p.as_str(), b)).collect();
    let mut siblings = 0;
    for (path, bytes) in &files {
        if let Some(orig) = path.strip_suffix(".gz") {
            let mut back = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut back).unwrap();
            assert_eq!(&&back, by_path.get(orig).expect("a .gz beside its file"), "{path}");
            siblings += 1;
        } else if let Some(orig) = path.strip_suffix(".br") {
            let mut back = Vec::new();
            brotli::BrotliDecompress(&mut &bytes[..], &mut back).unwrap();
            assert_eq!(&&back, by_path.get(orig).expect("a .br beside its file"), "{path}");
        } else if path.ends_with(".html") {
            assert!(by_path.contains_key(format!("{path}.gz").as_str()), "{path} has no .gz");
        }
    }
    assert!(siblings > 20);
    // The manifest lists every other file once, with its SHA-256, sorted.
    let manifest = String::from_utf8(by_path["manifest.sha256"].clone()).unwrap();
    let listed: Vec<(&str, &str)> = manifest.lines().map(|l| l.split_once("  ").unwrap()).collect();
    let mut paths: Vec<&str> = listed.iter().map(|(_, p)| *p).collect();
    let sorted = {
        let mut p = paths.clone();
        p.sort();
        p
    };
    assert_eq!(paths, sorted);
    for (hash, path) in &listed {
        assert_eq!(*hash, prakat::output::deploy::sha256_hex(by_path[path]), "{path}");
    }
    paths.extend(["manifest.sha256", ".prakat-output"]);
    assert_eq!(paths.len(), files.len(), "every file is in the manifest");
}

#[test]
fn folder_addresses_show_what_the_folder_holds() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let public = s.public();
    // Each folder's index links every page of the folder, and the sitemap lists the index.
    for (index, folder) in [
        ("province/index.html", "province"),
        ("type/index.html", "type"),
        ("year/index.html", "year"),
        ("workshops/index.html", "workshops"),
    ] {
        let html = s.built(index);
        let children: Vec<String> = std::fs::read_dir(public.join(folder))
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().join("index.html").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!children.is_empty(), "{folder} has pages");
        for child in children {
            assert!(
                html.contains(&format!("href=\"../{folder}/{child}/index.html\"")),
                "{index} does not link {child}"
            );
        }
        assert!(s.built("sitemap.xml").contains(&format!("/{folder}/</loc>")), "{index} not in the sitemap");
    }
}

#[test]
fn counts_of_a_thousand_or_more_are_grouped_on_the_home_page() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let home = s.built("index.html");
    let chips: Vec<&str> = home.split("<li class=\"chip ").skip(1).map(|c| &c[..c.find("</li>").unwrap()]).collect();
    assert!(!chips.is_empty());
    let mut big = 0;
    for chip in chips {
        let n = chip.split("<strong>").nth(1).unwrap().split("</strong>").next().unwrap();
        let plain: String = n.chars().filter(|c| *c != ',').collect();
        let v: u64 = plain.parse().unwrap_or_else(|_| panic!("{n}"));
        if v >= 1000 {
            big += 1;
            assert!(n.contains(','), "{n} is not grouped");
        }
    }
    assert!(big > 0, "the example has a count over a thousand");
}

#[test]
fn pages_say_when_the_data_is_from_when_the_site_yaml_says() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    assert!(!s.built("index.html").contains("ข้อมูล ณ"), "no date given, none invented");
    s.append("data/site.yaml", "data_as_of: \"2024-10-01\"");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    for page in ["index.html", "year/2567/index.html", "lao/5810401/index.html", "data/index.html"] {
        assert!(s.built(page).contains("ข้อมูล ณ วันที่ 1 ตุลาคม 2567"), "{page} does not say the data's date");
    }
    let package: serde_json::Value = serde_json::from_str(&s.built("data/datapackage.json")).unwrap();
    assert_eq!(package["modified"], "2024-10-01");
}

/// Issue 20: one verdict vocabulary. Chips, area lists, headlines, tables and the notice say the
/// official words; "ต่ำกว่าค่าเป้าหมาย" appears only as the plain gloss of "การพัฒนาในอนาคต".
#[test]
fn lao_pages_say_the_verdicts_in_the_official_words_only() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let mut pages = 0;
    for (rel, bytes) in tree(&s.public()) {
        if !rel.starts_with("lao/") || !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        assert!(!html.contains("ผ่านค่าเป้าหมาย") && !html.contains(">ผ่าน "), "{rel}: an unofficial verdict word");
        let below = html.matches("ต่ำกว่าค่าเป้าหมาย").count();
        let glossed = html.matches("การพัฒนาในอนาคต (ต่ำกว่าค่าเป้าหมาย)").count()
            + html.matches("การพัฒนาในอนาคต</strong>: ต่ำกว่าค่าเป้าหมาย").count();
        assert_eq!(below, glossed, "{rel}: 'ต่ำกว่าค่าเป้าหมาย' used as a verdict, not as the gloss");
        if rel.ends_with("/notice.html") || rel.matches('/').count() == 3 {
            assert!(html.contains("สูงกว่าค่าเป้าหมาย"), "{rel}: the official word for a met target");
        }
    }
    assert!(pages > 40, "LAO pages looked at: {pages}");
}

/// Issue 20: the 404 page is shown by a server at any depth (and may be opened from disk), so
/// it carries its own stylesheet, and its links are absolute when base_url gives an address.
#[test]
fn the_404_page_works_at_any_depth_with_and_without_a_base_url() {
    for with_base in [true, false] {
        let s = scratch("tiny");
        if !with_base {
            let yaml = s.read("data/site.yaml").replace("base_url: \"https://test.example/r/\"\n", "");
            s.write("data/site.yaml", &yaml);
        }
        s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
        let html = s.built("404.html");
        assert!(html.contains("<style>") && html.contains(".site-header"), "the stylesheet is in the page");
        assert!(!html.contains("rel=\"stylesheet\""), "no stylesheet link that breaks at depth");
        let links: Vec<&str> = html.split("href=\"").skip(1).map(|h| &h[..h.find('"').unwrap()]).collect();
        assert!(links.len() > 3);
        if with_base {
            assert!(html.contains("url(https://test.example/r/assets/fonts/"), "fonts named from the base URL");
            // ...and again from the page, for a copy opened from disk or on a staging host.
            assert!(html.contains("format(\"woff2\"), url(assets/fonts/"), "a second, relative source");
            for l in links {
                assert!(l.starts_with("https://") || l.starts_with('#'), "a relative link {l} breaks at depth");
            }
        } else {
            // No address to be absolute from: relative to the site's root folder, never "/..."
            // (which breaks a site under a sub-path).
            assert!(html.contains("url(assets/fonts/"));
            for l in links {
                assert!(!l.starts_with('/'), "root-absolute link {l}");
            }
        }
    }
}

/// Issue 20: a compare page for 2-3 LAOs, reached from the home page and each LAO's own page,
/// built from the files it reads (each LAO's results.csv, the year's indicators.csv).
#[test]
fn the_compare_page_is_linked_and_its_inputs_exist() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let page = s.built("compare/index.html");
    assert_eq!(page.matches("name=\"lao\"").count(), 3, "three LAO boxes");
    assert!(page.contains("assets/compare.js") && page.contains("<noscript>"));
    assert!(s.built("index.html").contains("compare/index.html\">"));
    let home = s.built("lao/2200101/index.html");
    assert!(home.contains("compare/index.html?lao=2200101"), "an LAO's page starts a comparison with itself");
    assert!(
        s.public().join("lao/2200101/results.csv").exists() && s.public().join("data/2569/indicators.csv").exists()
    );
}

/// The workbooks are spooled to a temporary file while they are made: without a usable
/// temporary folder the build fails naming each workbook and TMPDIR, and writes nothing.
#[test]
fn a_workbook_without_a_temporary_folder_is_an_error_naming_tmpdir() {
    let s = scratch("tiny");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_prakat"))
        .args(["build", "--quiet"])
        .current_dir(&s.root)
        .env("TMPDIR", s.root.join("no-such-folder"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("data/2567/results.xlsx") && err.contains("set TMPDIR"), "{err}");
    assert!(!s.public().exists(), "nothing written");
}

#[test]
fn thai_compounds_and_place_names_are_kept_whole_in_page_text_only() {
    const WJ: char = '\u{2060}';
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let page = s.built_raw("lao/6810408/2569/index.html");
    // Headline and chips: the official words with a joiner where a browser would split them.
    assert!(page.contains(&format!("<p class=\"big\">สูงกว่าค่าเป้า{WJ}หมาย <strong>")), "headline joined");
    assert!(page.contains(&format!("ตัว{WJ}ชี้{WJ}วัดที่ประเมิน")), "template text joined");
    // Area names come from the catalog through the keep_words filter.
    assert!(page.contains(&format!("พาณิช{WJ}ยกร{WJ}รม")), "catalog text joined");
    // The office's name: the first part ("ก") is not a word, so a break opportunity stands
    // before it and the dictionary reads "การ" on its own.
    assert!(page.contains(&format!("การ<wbr>ก{WJ}ระ{WJ}จา{WJ}ย{WJ}อำ{WJ}นาจ<wbr>")), "office name joined");
    // A place's own name is one unit after its type: in the heading, the district and province
    // beside it, and the executive's title under the notice.
    assert!(page.contains("<h1>องค์การบริหารส่วนตำบล<bdi>คลองท่อมใต้</bdi> <span"), "heading");
    assert!(page.contains("· อำเภอ<bdi>คลองท่อม</bdi> · จังหวัด<bdi>กระบี่</bdi>"), "district and province");
    let notice = s.built_raw("lao/6810408/2569/notice/index.html");
    assert!(notice.contains("<p>นายกองค์การบริหารส่วนตำบล<bdi>คลองท่อมใต้</bdi></p>"), "signature");
    // Never in the title, attributes, scripts or data files.
    let head = &page[..page.find("</head>").unwrap()];
    assert!(!head.contains(WJ) && !head.contains("<wbr>") && !head.contains("<bdi>"), "nothing in the head");
    for tag in page.split('<').skip(1).map(|t| &t[..t.find('>').unwrap_or(t.len())]) {
        assert!(!tag.contains(WJ), "a joiner inside a tag: <{tag}>");
    }
    for data in ["lao/6810408/results.csv", "data/2569/results.csv", "search/laos.js", "search/text.js"] {
        assert!(!s.built_raw(data).contains(WJ), "{data} holds a joiner");
    }

    // A site's own list replaces the theme's; a bad line is a warning naming its line.
    s.write("themes/default/thai-words.txt", "# mine\nลาด|ยาง\nเป้า หมาย\n");
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let warnings: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.contains("themes/default/thai-words.txt:3") && w.contains("a space inside the word")),
        "{warnings:?}"
    );
    let page = s.built_raw("lao/6810408/2569/index.html");
    assert!(!page.contains(&format!("เป้า{WJ}หมาย")), "the default list no longer applies");
    let year = s.built_raw("year/2569/index.html");
    assert!(year.contains(&format!("ลาด{WJ}ยาง")), "the site's word is joined");
}

#[test]
fn a_province_page_sets_all_its_laos_side_by_side() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let province = s.built("province/krabi/index.html");
    assert!(province.contains("<a href=\"compare.html\">"), "the province page links its table");
    let page = s.built("province/krabi/compare.html");
    assert!(page.contains("<title>อปท. ทุกแห่งในจังหวัดกระบี่ เทียบกัน</title>"));
    let body = &page[page.find("<tbody>").unwrap()..page.find("</tbody>").unwrap()];
    let rows: Vec<&str> = body.split("<tr>").skip(1).collect();
    // One row per LAO of Krabi in the registry: none left out, none from elsewhere.
    let registry = s.read("data/laos.csv");
    let krabi: Vec<&str> =
        registry.lines().filter(|l| l.contains(",กระบี่,")).map(|l| l.split(',').next().unwrap()).collect();
    assert!(krabi.len() > 5, "{krabi:?}");
    assert_eq!(rows.len(), krabi.len(), "{body}");
    for code in &krabi {
        let row = rows.iter().find(|r| r.contains(&format!("../../lao/{code}/"))).unwrap_or_else(|| panic!("{code}"));
        if row.contains("ไม่มีผลการประเมินปีนี้") {
            assert!(!s.public().join(format!("lao/{code}/2569/index.html")).exists(), "{code} has a 2569 page");
            continue;
        }
        // The row's count is the one the LAO's year page gives.
        let year = s.built(&format!("lao/{code}/2569/index.html"));
        let cells: Vec<&str> = row.split("<td>").skip(2).map(|c| c.split('<').next().unwrap()).collect();
        let (meets, judged) = cells[0].split_once(" จาก ").unwrap();
        assert!(
            year.contains(&format!("<strong>{meets}</strong> จาก <strong>{judged}</strong> ตัวชี้วัดที่ประเมิน")),
            "{code}: {}",
            cells[0]
        );
        assert_eq!(cells.len(), 2 + 8, "{code}: counts, share, eight areas");
    }
}

#[test]
fn the_capital_is_named_as_the_capital() {
    // Bangkok is a province in the registry but not a จังหวัด, and its districts are เขต.
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let page = s.built("lao/1000000/2569/index.html");
    assert!(page.contains("· เขตพระนคร · กรุงเทพมหานคร\n"), "the LAO's place line");
    let province = s.built("province/bangkok/index.html");
    assert!(province.contains("<h1>กรุงเทพมหานคร <span"), "the province's heading");
    assert!(province.contains("แยกตามเขต ·"), "its districts are เขต");
    let mut pages = 0;
    for (path, bytes) in tree(&s.public()) {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let text = as_found(&String::from_utf8(bytes).unwrap());
        for wrong in ["จังหวัดกรุงเทพมหานคร", "อำเภอพระนคร", "จ.กรุงเทพมหานคร"]
        {
            assert!(!text.contains(wrong), "{path} says {wrong}");
        }
    }
    assert!(pages > 100, "{pages} pages looked at");
}
