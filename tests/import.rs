//! `prakat import` and the office's columns read by `build`: sites made from the files people hold
//! (the office's export as CSV or .xlsx, long or wide; the saved per-LAO report), checked against
//! the example site's own figures, which the sample files in examples/imports were made from.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::*;

fn sample(name: &str) -> PathBuf {
    example_root().join("examples/imports").join(name)
}

fn prakat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prakat")).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh path for a new root (not created).
fn new_root(name: &str) -> Scratch {
    let s = scratch_example();
    let root = s.root.with_file_name(format!("{}-{name}", s.root.file_name().unwrap().to_string_lossy()));
    let _ = fs::remove_dir_all(&root);
    drop(s);
    Scratch { root }
}

/// A results file's rows by (code, indicator): (base, delivered).
fn rows(path: &Path) -> BTreeMap<(String, String), (String, String)> {
    let text = fs::read_to_string(path).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            ((f[0].into(), f[1].into()), (f[2].into(), f[3].into()))
        })
        .collect()
}

/// The built national CSV of a year, by (code, indicator): every column but the English ones.
fn national(public: &Path, be: u16) -> BTreeMap<(String, String), Vec<String>> {
    let text = fs::read_to_string(public.join(format!("data/{be}/results.csv"))).unwrap();
    let mut r = csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let at = |n: &str| head.iter().position(|h| h == n).unwrap();
    let (code, ind) = (at("code"), at("indicator"));
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let keep: Vec<String> = rec
                .iter()
                .enumerate()
                .filter(|(i, _)| !head[*i].ends_with("_en"))
                .map(|(_, v)| v.to_string())
                .collect();
            ((rec[code].to_string(), rec[ind].to_string()), keep)
        })
        .collect()
}

/// The sample export's cells, title rows included.
fn sample_export_cells() -> Vec<Vec<String>> {
    let text = fs::read_to_string(sample("export-2567.csv")).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn build_to(root: &Path, out: &Path) {
    let cfg = prakat::Config::new(root).with_output(out);
    if let Err(f) = prakat::build(&cfg, &|_, _| {}) {
        panic!("build of {} failed:\n{}", root.display(), errors(&f));
    }
}

#[test]
fn an_office_export_becomes_a_new_site_with_the_same_verdicts_and_ratios() {
    let site = new_root("export");
    let root = site.root.to_str().unwrap();
    let o = prakat(&["import", sample("export-2567.csv").to_str().unwrap(), "--into", root]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("imported 1333 rows read = 1333 rows written"), "{err}");
    assert!(err.contains("columns not read: `ลำดับ`, `วันที่บันทึก`"), "extra columns are named: {err}");
    assert!(err.contains("next: prakat build --root"), "{err}");
    // The catalog was made from the rows: units from the wording, targets per type.
    let cat = site.read("data/2567/catalog.yaml");
    assert!(cat.contains("unit: count") && cat.contains("unit: percent"), "{cat}");
    assert!(cat.contains("target: {default: 2, bangkok: 4}"), "{cat}");
    assert!(cat.contains("ของ {lao}"), "the type's word is a placeholder again: {cat}");
    // Built, it publishes what the example publishes: every verdict, ratio, target and name.
    let example = scratch_example();
    build_to(&site.root, &site.public());
    build_to(&example.root, &example.public());
    let (a, b) = (national(&site.public(), 2567), national(&example.public(), 2567));
    assert_eq!(a.len(), 1333);
    for (k, v) in &b {
        assert_eq!(a.get(k), Some(v), "{k:?}");
    }
    let page = site.built("lao/6810408/2567/index.html");
    assert!(page.contains("สูงกว่าค่าเป้าหมาย") && page.contains("คลองท่อมใต้"));
    // The export's "ข้อมูล ณ วันที่ 30 กันยายน 2567" line dates the site.
    assert!(err.contains("data_as_of 2024-09-30 (ข้อมูล ณ วันที่ 30 กันยายน 2567"), "{err}");
    assert!(site.read("data/site.yaml").contains("data_as_of: \"2024-09-30\""));
    assert!(site.built("index.html").contains("ข้อมูล ณ วันที่ 30 กันยายน 2567"));
    assert!(page.contains("ข้อมูล ณ วันที่ 30 กันยายน 2567"), "the year page says it too");
}

#[test]
fn shuffled_columns_in_windows_874_with_a_map_read_the_same() {
    // The sample export with its columns reversed, two renamed, saved as windows-874.
    let table = sample_export_cells();
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    for (i, row) in table.iter().enumerate() {
        let mut row: Vec<String> = row.iter().rev().cloned().collect();
        if i == 2 {
            for cell in &mut row {
                match cell.as_str() {
                    "กรอบการประเมิน (1)" => *cell = "N".into(),
                    "การจัดบริการสาธารณะ (2)" => *cell = "D".into(),
                    _ => {}
                }
            }
        }
        w.write_record(&row).unwrap();
    }
    let utf8 = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let (bytes, _, bad) = encoding_rs::WINDOWS_874.encode(&utf8);
    assert!(!bad);
    let dir = new_root("shuffled-in");
    fs::create_dir_all(&dir.root).unwrap();
    let file = dir.root.join("export-874.csv");
    fs::write(&file, &bytes).unwrap();

    let site = new_root("shuffled");
    let root = site.root.to_str().unwrap();
    let o = prakat(&["import", file.to_str().unwrap(), "--into", root]);
    assert!(!o.status.success(), "N and D are unknown names");
    assert!(stderr(&o).contains("--map"), "{}", stderr(&o));
    assert!(!site.root.exists(), "nothing written on failure");
    let o = prakat(&["import", file.to_str().unwrap(), "--into", root, "--map", "N=base", "--map", "D=delivered"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("read as windows-874"), "{}", stderr(&o));
    let example = example_root().join("data/2567/results.csv");
    let (a, b) = (rows(&site.root.join("data/2567/results.csv")), rows(&example));
    assert_eq!(a, b);
}

#[test]
fn a_wide_export_adds_a_year_to_an_existing_root() {
    let site = scratch_example();
    let before = rows(&site.root.join("data/2565/results.csv"));
    fs::remove_file(site.root.join("data/2565/results.csv")).unwrap();
    let o = prakat(&[
        "import",
        sample("export-2565-wide.csv").to_str().unwrap(),
        "--into",
        site.root.to_str().unwrap(),
        "--year",
        "2565",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("2565: 1301 result rows of 41 LAOs"), "{}", stderr(&o));
    assert_eq!(rows(&site.root.join("data/2565/results.csv")), before);
}

#[test]
fn an_xlsx_export_with_two_title_rows_replaces_one_laos_rows() {
    let site = scratch_example();
    let table = sample_export_cells();
    let leak = |t: &str| -> &'static str { Box::leak(t.to_string().into_boxed_str()) };
    let mut sheet: Vec<Vec<Cell>> = Vec::new();
    for (i, row) in table.iter().enumerate() {
        if i > 2 && row[3] != "5810401" {
            continue;
        }
        sheet.push(
            row.iter()
                .map(|c| match c.parse::<f64>() {
                    Ok(v) if i > 2 && !c.contains('.') => Cell::Num(v),
                    _ if c.is_empty() => Cell::Empty,
                    _ => Cell::Text(leak(c)),
                })
                .collect(),
        );
    }
    let file = site.root.join("export.xlsx");
    fs::write(&file, xlsx("รายงาน", &sheet)).unwrap();
    let before = rows(&site.root.join("data/2567/results.csv"));
    let kept: String = site
        .read("data/2567/results.csv")
        .lines()
        .filter(|l| !l.starts_with("5810401,"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("data/2567/results.csv", &kept);
    let o = prakat(&["import", file.to_str().unwrap(), "--into", site.root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(rows(&site.root.join("data/2567/results.csv")), before);
}

#[test]
fn a_saved_report_joins_an_existing_root_and_starts_a_new_one() {
    // Into the example, whose 2569 rows of the LAO are taken out first: back as they were. The
    // province holds a เทศบาลตำบลคลองท่อมใต้ too; the report's type tells them apart.
    let site = scratch_example();
    let before = rows(&site.root.join("data/2569/results.csv"));
    let kept: String = site
        .read("data/2569/results.csv")
        .lines()
        .filter(|l| !l.starts_with("6810408,"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("data/2569/results.csv", &kept);
    let report = sample("report-2569-6810408.html");
    let o = prakat(&["import", report.to_str().unwrap(), "--into", site.root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(rows(&site.root.join("data/2569/results.csv")), before);
    // Again, with one figure changed (and saved as UTF-8): refused, then replaced with --force.
    let html =
        encoding_rs::WINDOWS_874.decode(&fs::read(&report).unwrap()).0.replace("charset=windows-874", "charset=utf-8");
    let changed = html.replacen("<td>12</td>", "<td>13</td>", 1);
    let file = site.root.join("report-utf8.html");
    fs::write(&file, &changed).unwrap();
    let o = prakat(&["import", file.to_str().unwrap(), "--into", site.root.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("the file says (1) 13 and (2) 12") && err.contains("--force"), "{err}");
    assert!(err.contains("report-utf8.html:7"), "the HTML line: {err}");
    assert_eq!(rows(&site.root.join("data/2569/results.csv")), before, "nothing written");
    let o = prakat(&["import", file.to_str().unwrap(), "--into", site.root.to_str().unwrap(), "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        rows(&site.root.join("data/2569/results.csv"))[&("6810408".into(), "1.1".into())],
        ("13".into(), "12".into())
    );

    // A new root from the report alone: it needs the code and the place, then builds.
    let fresh = new_root("report");
    let root = fresh.root.to_str().unwrap();
    let o = prakat(&["import", report.to_str().unwrap(), "--into", root]);
    assert!(!o.status.success() && stderr(&o).contains("--lao CODE"), "{}", stderr(&o));
    let o = prakat(&[
        "import",
        report.to_str().unwrap(),
        "--into",
        root,
        "--lao",
        "6810408",
        "--province",
        "กระบี่",
        "--district",
        "คลองท่อม",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fresh.read("data/laos.csv").contains("6810408,sao,คลองท่อมใต้,,กระบี่,,คลองท่อม"));
    let cat = fresh.read("data/2569/catalog.yaml");
    assert!(
        cat.contains("name_th: \"ด้านการจัดระเบียบชุมชน สังคม และการรักษาความสงบเรียบร้อย\""),
        "an area named with และ stays whole: {cat}"
    );
    build_to(&fresh.root, &fresh.public());
    let (a, b) = (national(&fresh.public(), 2569), {
        let ex = scratch_example();
        build_to(&ex.root, &ex.public());
        national(&ex.public(), 2569)
    });
    let verdicts = |m: &BTreeMap<(String, String), Vec<String>>| -> Vec<String> {
        m.iter().filter(|(k, _)| k.0 == "6810408").map(|(_, v)| v[v.len() - 2..].join("|")).collect()
    };
    assert_eq!(verdicts(&a).len(), 32);
    // Report numbers within an area follow what the LAO is assessed on, so ids may differ from
    // the catalog's; the ratios and verdicts, in order, are the same.
    assert_eq!(verdicts(&a), verdicts(&b));
}

#[test]
fn one_name_in_two_provinces_is_an_error_that_lists_both() {
    let site = scratch_example();
    site.append("data/laos.csv", "6999999,sao,คลองท่อมใต้,,ตรัง,,เมืองตรัง,,");
    let report = sample("report-2569-6810408.html");
    let o = prakat(&["import", report.to_str().unwrap(), "--into", site.root.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("2 LAOs are named `อบต.คลองท่อมใต้`"), "{err}");
    assert!(err.contains("6810408 (จังหวัดกระบี่") && err.contains("6999999 (จังหวัดตรัง"), "{err}");
    assert!(err.contains("--lao CODE"), "{err}");
    let o = prakat(&["import", report.to_str().unwrap(), "--into", site.root.to_str().unwrap(), "--lao", "6810408"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_bad_cell_is_refused_with_its_file_line_and_column_and_nothing_is_written() {
    let dir = new_root("bad-in");
    fs::create_dir_all(&dir.root).unwrap();
    // Line 10 of the sample export with `abc` where the base (1) is.
    let text = fs::read_to_string(sample("export-2567.csv")).unwrap();
    let mut w = csv::WriterBuilder::new().flexible(true).terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    for (i, rec) in
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes()).records().enumerate()
    {
        let mut row: Vec<String> = rec.unwrap().iter().map(String::from).collect();
        if i == 9 {
            row[10] = "abc".into();
        }
        w.write_record(&row).unwrap();
    }
    let lines = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let file = dir.root.join("bad.csv");
    fs::write(&file, lines).unwrap();
    let site = new_root("bad");
    let o = prakat(&["import", file.to_str().unwrap(), "--into", site.root.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("`abc` is not a figure"), "{err}");
    assert!(err.contains("bad.csv:10:") && err.contains("field `กรอบการประเมิน (1)`"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!site.root.exists());
    // Into an existing root: every file stays as it was.
    let ex = scratch_example();
    let before = tree(&ex.root);
    let o = prakat(&["import", file.to_str().unwrap(), "--into", ex.root.to_str().unwrap(), "--force"]);
    assert!(!o.status.success());
    assert_eq!(tree(&ex.root), before);
}

#[test]
fn build_reads_the_office_export_in_place_of_results_csv() {
    let site = scratch_example();
    fs::copy(sample("export-2567.csv"), site.root.join("data/2567/results.csv")).unwrap();
    let example = scratch_example();
    build_to(&site.root, &site.public());
    build_to(&example.root, &example.public());
    assert_eq!(national(&site.public(), 2567), national(&example.public(), 2567));
    // Without data_as_of in site.yaml, the export's own "ข้อมูล ณ" line dates the pages; with
    // an earlier one, site.yaml wins and the file's line is named in a warning.
    let yaml = site.read("data/site.yaml");
    site.write("data/site.yaml", &yaml.replace("data_as_of: \"2026-10-01\"", ""));
    site.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    assert!(site.built("index.html").contains("ข้อมูล ณ วันที่ 30 กันยายน 2567"));
    site.write("data/site.yaml", &yaml.replace("2026-10-01", "2024-01-15"));
    let r = site.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let w: Vec<String> = r.diagnostics.sorted().iter().map(|d| d.to_string()).collect();
    assert!(w.iter().any(|d| d.contains("data/2567/results.csv:2") && d.contains("later than data_as_of")), "{w:#?}");
    assert!(site.built("index.html").contains("ข้อมูล ณ วันที่ 15 มกราคม 2567"));
    site.write("data/site.yaml", &yaml);
    // A file with names but no codes is for import, and says so.
    let text = fs::read_to_string(sample("export-2567.csv")).unwrap().replace("รหัส อปท.", "หมายเหตุ");
    site.write("data/2567/results.csv", &text);
    let f = site.build().expect_err("no code column");
    let e = errors(&f);
    assert!(e.contains("no `รหัส อปท.` column") && e.contains("prakat import"), "{e}");
}

#[test]
fn the_review_lists_valid_but_doubtful_data_with_its_rows() {
    let site = scratch_example();
    // 2569: one LAO's figures copied from 2567; a base that jumps; delivered above base.
    let y2567 = site.read("data/2567/results.csv");
    let copied: Vec<&str> = y2567.lines().filter(|l| l.starts_with("2810101,")).collect();
    let mut y2569: String = site
        .read("data/2569/results.csv")
        .lines()
        .filter(|l| !l.starts_with("2810101,"))
        .map(|l| match l {
            l if l.starts_with("5810401,1.1,") => "5810401,1.1,5000,4000,".to_string(),
            l if l.starts_with("5810401,1.2,") => "5810401,1.2,10,12,".to_string(),
            l => l.to_string(),
        })
        .map(|l| l + "\n")
        .collect();
    for l in &copied {
        y2569.push_str(l);
        y2569.push('\n');
    }
    site.write("data/2569/results.csv", &y2569);
    let csv_path = site.root.join("review.csv");
    let o = site.run(&["check", "--review", "--review-csv", csv_path.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(o.status.success(), "findings never fail the check: {err}");
    assert!(err.contains("5810401 เทศบาลตำบลคลองท่อมใต้ (กระบี่) 2569 indicator 1.2 [data/2569/results.csv:"), "{err}");
    assert!(err.contains("(1) 10, (2) 12: 120.00 %"), "{err}");
    assert!(err.contains("indicator 1.1") && err.contains("-> 5,000 in 2569"), "a jump: {err}");
    assert!(err.contains("2810101 องค์การบริหารส่วนจังหวัดกระบี่ (กระบี่) 2569") && err.contains("rows equal to 2567"), "{err}");
    let csv = fs::read_to_string(&csv_path).unwrap();
    assert!(csv.starts_with("\u{feff}kind,year_be,code"));
    assert!(csv.contains("same_as_last_year,2569,2810101"), "{csv}");
    // The unchanged example has no copied year and no jumps.
    let clean = scratch_example();
    let err = stderr(&clean.run(&["check", "--review"]));
    assert!(err.contains("every figure the same as the year before (copied?) (0)"), "{err}");
}

#[test]
fn site_yaml_names_columns_for_build_and_import() {
    let site = scratch_example();
    let renamed = fs::read_to_string(sample("export-2567.csv"))
        .unwrap()
        .replace("กรอบการประเมิน (1)", "N")
        .replace("การจัดบริการสาธารณะ (2)", "D");
    site.write("data/2567/results.csv", &renamed);
    let f = site.build().expect_err("N and D are not known");
    assert!(errors(&f).contains("--map"), "{}", errors(&f));
    site.append("data/site.yaml", "columns: {N: base, D: delivered}");
    build_to(&site.root, &site.public());
    let example = scratch_example();
    build_to(&example.root, &example.public());
    assert_eq!(national(&site.public(), 2567), national(&example.public(), 2567));
    // Import into that root takes the same names.
    let file = site.root.join("renamed.csv");
    fs::write(&file, &renamed).unwrap();
    let o = prakat(&["import", file.to_str().unwrap(), "--into", site.root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A role that does not exist is an error naming its line.
    site.write("data/site.yaml", &site.read("data/site.yaml").replace("D: delivered", "D: given"));
    let f = site.build().expect_err("unknown role");
    assert!(errors(&f).contains("unknown role `given` for the column `D`"), "{}", errors(&f));
}
