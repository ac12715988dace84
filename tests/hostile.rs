//! Issue 7: hostile and awkward input, and the guarantees on the output (escaping,
//! conservation, atomicity, reproducibility, link checks).

use std::fs;
use std::path::Path;

use crate::common::*;
use prakat::output::check::start_tags;

// ---------------------------------------------------------------------------------------------
// Encodings and CSV quirks

/// The tiny fixture's registry re-encoded as windows-874 (what Thai Excel saves).
fn windows_874(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_874.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn windows_874_is_detected_with_a_warning() {
    let s = scratch("tiny");
    let reg = s.read("data/laos.csv");
    fs::write(s.root.join("data/laos.csv"), windows_874(&reg)).unwrap();
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let w: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(w.iter().any(|m| m.contains("read as windows-874") && m.contains("--> data/laos.csv")), "{w:#?}");
    assert!(s.built("lao/5810401/index.html").contains("เทศบาลตำบลคลองท่อมใต้"));
}

#[test]
fn forced_encodings_are_obeyed() {
    // Forced windows-874: read without detection, no warning.
    let s = scratch("tiny");
    s.append("data/site.yaml", "input_encoding: windows-874");
    let reg = s.read("data/laos.csv");
    fs::write(s.root.join("data/laos.csv"), windows_874(&reg)).unwrap();
    let res = s.read("data/2567/results.csv");
    fs::write(s.root.join("data/2567/results.csv"), windows_874(&res)).unwrap();
    let res = s.read("data/2566/results.csv");
    fs::write(s.root.join("data/2566/results.csv"), windows_874(&res)).unwrap();
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    assert!(!r.diagnostics.iter().any(|d| d.message.contains("windows-874")));
    assert!(s.built("lao/5810401/index.html").contains("เทศบาลตำบลคลองท่อมใต้"));

    // Forced UTF-8 on a windows-874 file: an error naming the file and line, not mojibake.
    let s = scratch("tiny");
    s.append("data/site.yaml", "input_encoding: utf-8");
    fs::write(s.root.join("data/laos.csv"), windows_874(&reg)).unwrap();
    let e = errors(&s.build().unwrap_err());
    assert!(e.contains("line 2 has bytes that are not UTF-8"), "{e}");
    assert!(e.contains("--> data/laos.csv (field `input_encoding`)"), "{e}");
}

#[test]
fn excel_csv_quirks_are_read() {
    let s = scratch("tiny");
    // BOM, CRLF, quoted fields with commas and doubled quotes, stray spaces, trailing empty
    // columns and rows, thousands separators and Thai digits.
    let reg = s.read("data/laos.csv").replace("6200707,sao,บางพระ,,", "6200707 , sao ,\"บาง,พระ \"\"ใหม่\"\"\" , ,");
    let reg = format!("\u{feff}{}", reg.replace('\n', ",,\r\n")) + ",,,,,,,,,,\r\n\r\n";
    s.write("data/laos.csv", &reg);
    let res = s
        .read("data/2567/results.csv")
        .replace("2810000,1.1,100000,90000,", "2810000,1.1,\"100,000\",\" ๙๐,๐๐๐ \", ")
        .replace('\n', "\r\n");
    s.write("data/2567/results.csv", &res);
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    assert_eq!(r.rows_read, 18);
    assert!(s.built("lao/6200707/index.html").contains("บาง,พระ &quot;ใหม่&quot;"));
    let page = s.built("lao/2810000/2567/index.html");
    assert!(page.contains("100,000") && page.contains("90,000"), "numbers read with separators and Thai digits");
}

#[test]
fn bad_numbers_are_located() {
    let s = scratch("tiny");
    s.append("data/2567/results.csv", "6200707,1.1,12,34,,extra");
    s.append("data/2567/results.csv", "6200707,1.2,1e5,-,");
    let e = errors(&s.build().unwrap_err());
    assert!(e.contains("this row has 6 fields; expected 5 (code,indicator,base,delivered,verdict)"), "{e}");
    assert!(e.contains("`1e5` is not a number"), "{e}");
    assert!(e.contains("--> data/2567/results.csv:12:13 (field `base`)"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Results as .xlsx

/// The tiny fixture's 2567 results as spreadsheet rows: codes and numbers as number cells.
fn tiny_2567_rows(s: &Scratch) -> Vec<Vec<Cell<'static>>> {
    let text = s.read("data/2567/results.csv");
    let mut rows = vec![["code", "indicator", "base", "delivered", "verdict"].iter().map(|h| Cell::Text(h)).collect()];
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let leak = |t: &str| -> &'static str { Box::leak(t.to_string().into_boxed_str()) };
        let cell = |t: &str| match t.parse::<f64>() {
            Ok(v) => Cell::Num(v),
            Err(_) if t.is_empty() => Cell::Empty,
            Err(_) => Cell::Text(leak(t)),
        };
        // Indicator ids stay text ("1.1"); code, base and delivered are numbers.
        rows.push(vec![cell(f[0]), Cell::Text(leak(f[1])), cell(f[2]), cell(f[3]), cell(f[4])]);
    }
    rows
}

#[test]
fn xlsx_results_build_like_the_csv() {
    let csv = scratch("tiny");
    let want = csv.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let s = scratch("tiny");
    let rows = tiny_2567_rows(&s);
    fs::write(s.root.join("data/2567/results.xlsx"), xlsx("ผล 2567", &rows)).unwrap();
    fs::remove_file(s.root.join("data/2567/results.csv")).unwrap();
    let got = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    assert_eq!(got.rows_read, want.rows_read);
    // Codes came back as 5810401.0 and were written back as the code.
    for f in ["lao/5810401/results.csv", "data/2567/results.csv", "lao/2810000/2567/index.html"] {
        assert_eq!(s.built(f), csv.built(f), "{f} differs between the CSV and the .xlsx input");
    }
}

#[test]
fn xlsx_text_in_a_number_column_is_an_error_with_sheet_row_and_column() {
    let s = scratch("tiny");
    let mut rows = tiny_2567_rows(&s);
    rows[3][2] = Cell::Text("สิบสอง");
    rows[4][3] = Cell::Text("-"); // "-" is "not applicable", allowed as text
    fs::write(s.root.join("data/2567/results.xlsx"), xlsx("ผล", &rows)).unwrap();
    fs::remove_file(s.root.join("data/2567/results.csv")).unwrap();
    let e = errors(&s.build().unwrap_err());
    assert!(e.contains("a text cell `สิบสอง` in the number column `base`"), "{e}");
    assert!(e.contains("--> data/2567/results.xlsx:4 (field `base`)"), "{e}");
    assert!(e.contains("sheet `ผล`, cell C4"), "{e}");
    assert_eq!(s.build().unwrap_err().diagnostics.error_count(), 1, "the `-` text cell is accepted");
}

#[test]
fn csv_and_xlsx_for_one_year_is_an_error() {
    let s = scratch("tiny");
    let rows = tiny_2567_rows(&s);
    fs::write(s.root.join("data/2567/results.xlsx"), xlsx("Sheet1", &rows)).unwrap();
    let e = errors(&s.build().unwrap_err());
    assert!(e.contains("both data/2567/results.csv and data/2567/results.xlsx exist"), "{e}");
}

#[test]
fn a_broken_xlsx_is_an_error_not_a_panic() {
    let s = scratch("tiny");
    fs::write(s.root.join("data/2567/results.xlsx"), b"PK\x03\x04this is not a workbook").unwrap();
    fs::remove_file(s.root.join("data/2567/results.csv")).unwrap();
    let e = errors(&s.build().unwrap_err());
    assert!(e.contains("cannot be read as an Excel workbook"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Escaping

/// Every built file under `dir` with its path.
fn built_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    tree(dir)
}

#[test]
fn hostile_strings_are_escaped_in_every_context() {
    let s = scratch("hostile");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let files = built_files(&s.public());
    let payloads = [
        "alert(\"name\")",
        "onerror=alert(1)",
        "onload=alert(2)",
        "alert(3)",
        "alert(4)",
        "alert(5)",
        "alert(6)",
        "alert(7)",
    ];
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        // Theme files under assets/ are the theme's own markup, not input.
        let from_input = !path.starts_with("assets/");
        if from_input && (path.ends_with(".html") || path.ends_with(".svg") || path.ends_with(".xml")) {
            // Parsed as markup: no element or attribute came from the input.
            for tag in start_tags(&text) {
                for (k, v) in &tag.attrs {
                    assert!(!k.starts_with("on"), "{path}: event handler attribute {k}={v}");
                    assert!(!v.trim_start().to_ascii_lowercase().starts_with("javascript:"), "{path}: {k}={v}");
                }
                // Pages carry their own inline SVG charts and the payloads as escaped text, so the
                // check is on the elements: none is the payload's `<img src=x ...>`.
                assert!(
                    !(tag.name == "img" && tag.attrs.iter().any(|(k, v)| k == "src" && v == "x")),
                    "{path}: an <img> from the input"
                );
                if tag.name == "b" && !tag.attrs.is_empty() {
                    panic!("{path}: a <b> element came from the input");
                }
            }
            for raw in ["<script>alert", "<img src=x", "<svg onload", "</title><script", "<b onclick", "<i>สำนักงาน"]
            {
                assert!(!text.contains(raw), "{path} holds the raw payload {raw}");
            }
            assert!(!text.contains('\u{200B}') && !text.contains('\u{200D}'), "{path}: zero-width character kept");
        }
    }
    // Each payload is shown as text somewhere (escaped), so nothing was dropped either.
    let lao = s.built("lao/5810401/2567/index.html");
    assert!(
        lao.contains("&lt;script&gt;alert(&quot;name&quot;)&lt;&#x2F;script&gt;คลองท่อมใต้")
            || lao.contains("&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;คลองท่อมใต้"),
        "{}",
        &lao[..2000.min(lao.len())]
    );
    assert!(lao.contains("href=\"https://ktt.example/a?b=1&amp;c=2\""), "website escaped in its attribute");
    let all_html: String = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    for p in payloads {
        let shown = p.replace('"', "&quot;");
        assert!(all_html.contains(&shown), "payload {p} not shown as text anywhere");
    }
    // Thai combining marks survive as written; the very long name is whole.
    assert!(s.built("lao/6200707/index.html").contains("ก่้๊๋ิ์ุบางพระ็่"));
    let long = "เทศบาลตำบลบ้านใหม่สามัคคีพัฒนา".repeat(40);
    assert!(s.built("lao/2810000/index.html").contains(&long));

    // The data package (JSON) and the CSV carry the exact strings (their own escaping),
    // zero-width characters removed.
    let package: serde_json::Value = serde_json::from_str(&s.built("data/datapackage.json")).unwrap();
    assert!(package["resources"].as_array().is_some_and(|r| r.len() > 3), "{package}");
    let csv_text = s.built("data/laos.csv");
    let mut rd = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let csv_names: Vec<String> = rd.records().map(|r| r.unwrap()[1].to_string()).collect();
    assert!(csv_names.iter().any(|n| n == "เทศบาลตำบล<script>alert(\"name\")</script>คลองท่อมใต้"), "{csv_names:?}");
    assert!(csv_names.iter().any(|n| n == "องค์การบริหารส่วนตำบลคลองท่อมใต้ {{ 7*7 }} &amp; \"q\" 's"), "{csv_names:?}");
    assert!(!csv_text.contains('\u{200B}') && !csv_text.contains('\u{200D}'));
    assert_eq!(csv_text.matches('\u{FEFF}').count(), 1, "only the BOM Excel needs, at the start");
}

#[test]
fn javascript_websites_and_formula_names_are_refused() {
    let s = scratch("tiny");
    let reg = s
        .read("data/laos.csv")
        .replace("https://ktt.example/", "javascript:alert(1)")
        .replace("6200707,sao,บางพระ,", "6200707,sao,=HYPERLINK(\"http://evil\"),");
    s.write("data/laos.csv", &reg);
    let e = errors(&s.build().unwrap_err());
    assert!(e.contains("the website `javascript:alert(1)` is refused"), "{e}");
    assert!(e.contains("would run `=HYPERLINK(\"http://evil\")` as a formula"), "{e}");
    // The refused LAOs' result rows are not reported again, one "unknown LAO code" each.
    assert!(!e.contains("unknown LAO code"), "{e}");
    assert_eq!(s.build().unwrap_err().diagnostics.error_count(), 2);
}

// ---------------------------------------------------------------------------------------------
// Conservation

#[test]
fn the_build_accounts_for_every_lao_and_row() {
    let s = scratch("tiny");
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let c = &r.counts;
    assert_eq!((c.laos_read, c.lao_pages), (5, 5));
    let per_year: Vec<(u16, usize, usize, usize, usize)> =
        c.years.iter().map(|y| (y.be, y.rows_read, y.csv_rows, y.lao_csv_rows, y.page_rows)).collect();
    assert_eq!(per_year, vec![(2566, 9, 9, 9, 9), (2567, 9, 9, 9, 9)]);
    assert!(c.differences().is_empty());
    // The binary prints the counts on one line.
    let out = s.run(&["build"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "conservation: 5 LAOs read, 5 LAO pages written; 2566: 9 rows read, 9 in the national table, 9 in LAO tables, 9 in LAO pages"
        ),
        "{err}"
    );
}

#[test]
fn a_template_that_drops_rows_fails_the_build() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let before = tree(&s.public());
    // A theme override that shows the rows of the first area only.
    let lao = prakat::model::theme::Theme::embedded().templates["lao.html"].clone();
    let rows = "{{ a.rows_html | safe }}";
    assert!(lao.contains(rows), "the rows of an area");
    let broken = lao.replace(rows, &format!("{{% if loop.first %}}{rows}{{% endif %}}"));
    assert_ne!(lao, broken, "the template loop was found");
    s.write("themes/default/templates/lao.html", &broken);
    let e = errors(&s.build().unwrap_err());
    assert!(e.contains("output does not hold all the input: 9 results rows were read for 2567 but the LAO pages lao/*/2567/index.html holds"), "{e}");
    assert_eq!(tree(&s.public()), before, "the previous site is untouched");
}

// ---------------------------------------------------------------------------------------------
// Atomicity

fn built_once() -> (Scratch, Vec<(String, Vec<u8>)>) {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let before = tree(&s.public());
    assert!(before.len() > 20);
    (s, before)
}

fn no_leftovers(s: &Scratch) {
    let names: Vec<String> =
        fs::read_dir(&s.root).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.starts_with(".public.")), "staging left behind: {names:?}");
}

#[test]
fn failing_at_load_leaves_the_previous_site() {
    let (s, before) = built_once();
    s.append("data/2567/results.csv", "9999999,1.1,1,1,");
    let out = s.run(&["build"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown LAO code `9999999`") && err.contains("was left as it was"), "{err}");
    assert_eq!(tree(&s.public()), before);
    no_leftovers(&s);
}

#[test]
fn failing_at_render_leaves_the_previous_site() {
    let (s, before) = built_once();
    // Compiles, but fails when rendered: a filter on a missing variable.
    s.write(
        "themes/default/templates/district.html",
        "{% extends \"base.html\" %}{% block content %}{{ no_such_thing | upper }}{% endblock content %}",
    );
    let e = errors(&s.build().unwrap_err());
    assert!(e.contains("district.html"), "{e}");
    assert_eq!(tree(&s.public()), before);
    // And one that does not compile at all.
    s.write("themes/default/templates/district.html", "{% if %}");
    let e = errors(&s.build().unwrap_err());
    assert!(e.contains("a template cannot be compiled"), "{e}");
    assert_eq!(tree(&s.public()), before);
    no_leftovers(&s);
}

#[test]
fn failing_at_write_leaves_the_previous_site() {
    let (s, before) = built_once();
    // A theme static file named `lao` is written as a file where the LAO pages need a folder:
    // the write fails part way (this works as root, unlike permission tricks).
    s.write("themes/default/static/lao", "in the way");
    let e = errors(&s.build().unwrap_err());
    assert!(e.contains("cannot write"), "{e}");
    assert_eq!(tree(&s.public()), before);
    no_leftovers(&s);
}

#[test]
fn an_output_whose_parent_is_a_file_is_refused() {
    let s = scratch("tiny");
    s.write("blocker", "a file");
    let out = s.run(&["build", "--output", "blocker/public"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("blocker is a file, so no folder can be made inside it"), "{err}");
    assert_eq!(s.read("blocker"), "a file");
}

#[test]
fn a_killed_builds_staging_folder_does_not_break_the_next_build() {
    let (s, _) = built_once();
    // What a killed build leaves: a staging folder named with a pid that is not running.
    let stale = s.root.join(".public.staging-4294967");
    fs::create_dir_all(stale.join("lao/x")).unwrap();
    fs::write(stale.join("lao/x/index.html"), "half written").unwrap();
    let out = s.run(&["build"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!stale.exists());
    assert!(!s.public().join("lao/x").exists());
    no_leftovers(&s);
}

// ---------------------------------------------------------------------------------------------
// Reproducibility

#[test]
fn builds_are_byte_identical_whatever_the_thread_count() {
    let s = scratch("hostile");
    let build = |threads: &str, out: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_prakat"))
            .args(["build", "--output", out])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(&s.root)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        tree(&s.root.join(out))
    };
    let one = build("1", "one");
    let two = build("2", "two");
    let again = build("2", "again");
    assert!(one.len() > 20);
    assert!(one == two, "1 and 2 threads differ");
    assert!(two == again, "two runs differ");
}

// ---------------------------------------------------------------------------------------------
// build --check

#[test]
fn build_check_passes_on_the_example_and_refuses_a_broken_site() {
    let s = scratch("tiny");
    let out = s.run(&["build", "--check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let before = tree(&s.public());
    // A theme override with a broken link, a missing anchor and a second h1.
    let lao = prakat::model::theme::Theme::embedded().templates["lao.html"].clone();
    let broken = lao.replacen(
        "<section",
        "<a href=\"{{ page.root }}nowhere/index.html\">x</a><a href=\"#no-such-id\">y</a><h1>again</h1><section",
        1,
    );
    s.write("themes/default/templates/lao.html", &broken);
    let out = s.run(&["build", "--check"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        "--> lao/5810401/2567/index.html",
        "built page: <a> links to `../../../nowhere/index.html`, but nowhere/index.html does not exist",
        "built page: <a> links to `#no-such-id`, but lao/5810401/2567/index.html has no element with id `no-such-id`",
        "built page: 2 <h1> elements; expected exactly one",
    ] {
        assert!(err.contains(want), "missing {want:?} in\n{err}");
    }
    assert_eq!(tree(&s.public()), before, "a site that fails the check is not put in place");
    // Without --check the same site builds (the check is opt-in).
    assert!(s.run(&["build"]).status.success());
}

#[test]
fn heading_attributes_that_would_run_script_are_refused_and_nothing_is_written() {
    let s = scratch_example();
    s.write(
        "content/pages/notes.md",
        "---\ntitle: บันทึก\n---\n## หัวข้อ {onclick=alert(1)}\n\nข้อความ\n\n## อีกหัวข้อ {#next .note autofocus onfocus=alert(2)}\n",
    );
    let f = s.build().expect_err("a heading with an event attribute must not be published");
    let e = errors(&f);
    assert!(e.contains("notes.md:4") && e.contains("`onclick=alert(1)` is refused"), "{e}");
    assert!(
        e.contains("notes.md:8") && e.contains("`autofocus` is refused") && e.contains("`onfocus=alert(2)`"),
        "{e}"
    );
    assert!(!s.public().exists(), "nothing is written when the input is refused");
}

#[test]
fn two_outputs_at_one_path_are_refused_naming_both_sources() {
    let s = scratch_example();
    s.write("themes/default/static/index.html", "<p>not the home page</p>");
    s.write("themes/default/static/sitemap.xml", "<urlset/>");
    s.write("themes/default/static/manuals/system-guide/access/index.html", "<p>not the chapter</p>");
    let f = s.build().expect_err("a path written twice must not be published");
    let e = errors(&f);
    assert!(e.contains("two outputs at `index.html`") && e.contains("themes/default/static/index.html"), "{e}");
    assert!(e.contains("two outputs at `sitemap.xml`"), "{e}");
    assert!(
        e.contains("two outputs at `manuals/system-guide/access/index.html`")
            && e.contains("content/manuals/system-guide/access.md"),
        "{e}"
    );
    assert!(!s.public().exists(), "nothing is written");
    let out = s.run(&["build", "--check"]);
    assert!(!out.status.success());
}

#[test]
fn control_characters_in_input_are_replaced_and_named_with_their_line() {
    let s = scratch_example();
    let registry = s.read("data/laos.csv");
    let mut lines: Vec<String> = registry.lines().map(str::to_string).collect();
    lines[2] = lines[2].replacen("กระบี่", "กระ\u{1b}[2Jบี่\u{0}", 1);
    s.write("data/laos.csv", &(lines.join("\n") + "\n"));
    let report = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let warnings: String = report.diagnostics.sorted().iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n");
    assert!(warnings.contains("data/laos.csv:3") && warnings.contains("U+001B found and 1 more"), "{warnings}");
    assert!(!warnings.contains('\u{1b}'), "the message shows no raw control character");
    let page = s.built("lao/2810101/index.html");
    assert!(!page.contains('\u{1b}') && !page.contains('\u{0}') && page.contains("กระ\u{fffd}[2Jบี่\u{fffd}"));
}

#[test]
fn a_catalog_without_indicators_is_one_error_not_one_per_row() {
    let s = scratch_example();
    let catalog = s.read("data/2567/catalog.yaml");
    let at = catalog.find("\nindicators:").expect("the example catalog lists indicators") + 1;
    s.write("data/2567/catalog.yaml", &format!("{}indicators: []\n", &catalog[..at]));
    let f = s.build().expect_err("a year with no indicators cannot be published");
    let e = errors(&f);
    assert!(e.contains("data/2567/catalog.yaml") && e.contains("the catalog has no indicators"), "{e}");
    assert!(f.diagnostics.sorted().iter().filter(|d| d.to_string().contains("2567")).count() < 5, "{e}");
}

// ---------------------------------------------------------------------------------------------
// Year folders and files that look like input

#[test]
fn a_year_in_thai_digits_is_read_and_two_folders_of_one_year_are_an_error() {
    let s = scratch("tiny");
    fs::rename(s.root.join("data/2567"), s.root.join("data/๒๕๖๗")).unwrap();
    let r = s.build().expect("a Thai-digit year folder is read");
    let w: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(w.iter().any(|m| m.contains("read as the year 2567") && m.contains("data/๒๕๖๗/")), "{w:?}");
    assert!(s.built("lao/5810401/2567/index.html").contains("2567"));
    copy_tree(&s.root.join("data/๒๕๖๗"), &s.root.join("data/02567"));
    let f = s.build().expect_err("two folders of 2567");
    let e = errors(&f);
    assert!(e.contains("data/02567/ and data/๒๕๖๗/ are both the year 2567"), "{e}");
}

#[test]
fn results_files_under_other_names_are_read_or_named_never_skipped() {
    let s = scratch("tiny");
    fs::rename(s.root.join("data/2567/results.csv"), s.root.join("data/2567/results.CSV")).unwrap();
    let r = s.build().expect("another case is read");
    assert!(r.diagnostics.iter().any(|d| d.to_string().contains("read as the year's results.csv")));
    assert!(r.rows_read > 0);
    fs::rename(s.root.join("data/2567/results.CSV"), s.root.join("data/2567/results.csv.csv")).unwrap();
    let f = s.build().expect_err("a misnamed results file");
    let e = errors(&f);
    assert!(e.contains("data/2567/results.csv.csv") && e.contains("its rows would be left out"), "{e}");
    fs::write(s.root.join("data/2567/~$results.xlsx"), b"lock").unwrap();
    fs::write(s.root.join("data/2567/notes.txt"), b"x").unwrap();
    let e = errors(&s.build().expect_err("still misnamed"));
    assert!(!e.contains("~$results.xlsx"), "Excel's lock files are passed over: {e}");
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn xlsx_formulas_without_values_are_refused_and_percent_cells_read_as_shown() {
    let s = scratch("tiny");
    let mut rows = tiny_2567_rows(&s);
    // A base typed as 98 % (stored 0.98 with a percentage format) is the figure 98.
    rows[1][2] = Cell::Percent(0.98);
    let first = s.read("data/2567/results.csv");
    fs::remove_file(s.root.join("data/2567/results.csv")).unwrap();
    fs::write(s.root.join("data/2567/results.xlsx"), xlsx("results", &rows)).unwrap();
    let r = s.build().expect("percent cell read as shown");
    assert!(r.rows_read > 0);
    let f: Vec<&str> = first.lines().nth(1).unwrap().split(',').collect();
    let csv = s.built("data/2567/results.csv");
    let row = csv.lines().find(|l| l.starts_with(&format!("{},", f[0])) && l.contains(&format!(",{},", f[1]))).unwrap();
    assert!(row.contains(&format!(",98,{},", f[3])), "{row}");
    // A formula saved without its value would read as empty: an error naming the cell.
    rows[2][3] = Cell::Formula("C3*2");
    fs::write(s.root.join("data/2567/results.xlsx"), xlsx("results", &rows)).unwrap();
    let e = errors(&s.build().expect_err("a formula without its value"));
    assert!(e.contains("a formula cell (`=C3*2`) saved without its value") && e.contains("cell D3"), "{e}");
}

#[test]
fn two_spellings_of_one_thai_name_are_one_district_and_runaway_fields_are_refused() {
    let s = scratch("tiny");
    // District folders in every province folder.
    let districts = |s: &Scratch| -> usize {
        let provinces = fs::read_dir(s.public().join("province")).unwrap().map(|e| e.unwrap().path());
        provinces
            .filter(|p| p.is_dir())
            .map(|p| fs::read_dir(p).unwrap().filter(|e| e.as_ref().unwrap().path().is_dir()).count())
            .sum()
    };
    let province = s.read("data/laos.csv").lines().nth(1).unwrap().split(',').nth(4).unwrap().to_string();
    s.append("data/laos.csv", &format!("6999997,sao,น้ำใส,,{province},,ลำทับ,,"));
    s.build().expect("builds");
    let one = districts(&s);
    assert!(one > 0);
    // The same district typed with sara am as nikhahit + sara aa.
    s.append("data/laos.csv", &format!("6999996,sao,ท่าน้ำ,,{province},,ล\u{0e4d}\u{0e32}ทับ,,"));
    s.build().expect("builds");
    assert_eq!(districts(&s), one, "the second spelling is the same district");
    let long = "ก".repeat(300_000);
    s.append("data/laos.csv", &format!("5999998,sao,{long},,กระบี่,,คลองท่อม,,"));
    let e = errors(&s.build().expect_err("a 300,000-character name"));
    assert!(e.contains("`name_th` is 300000 characters long; expected at most 2000"), "{}", &e[..e.len().min(400)]);
    assert!(e.len() < 5_000, "the message shows a window of the line, not all of it: {} bytes", e.len());
}

#[test]
fn utf16_and_lone_cr_files_are_read_and_their_lines_counted() {
    let s = scratch("tiny");
    let text = s.read("data/2567/results.csv");
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(s.root.join("data/2567/results.csv"), &le).unwrap();
    let r = s.build().expect("UTF-16 is read");
    assert!(r.diagnostics.iter().any(|d| d.message.contains("UTF-16")));
    // Lone CR line ends, with a bad figure on line 3: the message names line 3, not line 1.
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let f: Vec<&str> = lines[2].split(',').collect();
    lines[2] = format!("{},{},abc,{},{}", f[0], f[1], f[3], f.get(4).unwrap_or(&""));
    fs::write(s.root.join("data/2567/results.csv"), lines.join("\r")).unwrap();
    let e = errors(&s.build().expect_err("abc"));
    assert!(e.contains("results.csv:3:"), "{e}");
}

#[test]
fn an_xlsx_id_typed_as_a_number_is_refused_where_the_catalog_has_its_twin() {
    let s = scratch("tiny");
    let mut rows = tiny_2567_rows(&s);
    let at = rows.iter().position(|r| matches!(r[1], Cell::Text("1.1"))).expect("a row of 1.1");
    rows[at][1] = Cell::Num(1.1);
    fs::remove_file(s.root.join("data/2567/results.csv")).unwrap();
    fs::write(s.root.join("data/2567/results.xlsx"), xlsx("results", &rows)).unwrap();
    s.build().expect("1.1 as a number is 1.1 while the catalog has no 1.10");
    let cat = s.read("data/2567/catalog.yaml");
    s.write(
        "data/2567/catalog.yaml",
        &cat.replace(
            "  - id: \"1.2\"",
            "  - id: \"1.10\"\n    area: 1\n    text_th: \"ร้อยละ\"\n    target: 80\n  - id: \"1.2\"",
        ),
    );
    let e = errors(&s.build().expect_err("1.1 or 1.10?"));
    assert!(e.contains("the indicator cell is a number (1.1), and the catalog has both 1.1 and 1.10"), "{e}");
}

#[test]
fn a_runaway_verdict_cell_is_one_short_error() {
    let s = scratch("tiny");
    let text = s.read("data/2567/results.csv");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let f: Vec<&str> = lines[1].split(',').collect();
    lines[1] = format!("{},{},{},{},{}", f[0], f[1], f[2], f[3], "ผ".repeat(3_000_000));
    s.write("data/2567/results.csv", &(lines.join("\n") + "\n"));
    let e = errors(&s.build().expect_err("a 3,000,000-character verdict"));
    assert!(e.contains("the verdict is 3000000 characters long"), "{}", &e[..e.len().min(300)]);
    assert!(e.len() < 5_000, "{} bytes of messages", e.len());
}
