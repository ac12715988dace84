//! No panics: property tests feed the input readers arbitrary and near-valid text and bytes.
//! Every reader must return (with diagnostics) rather than panic. The number of cases is 256
//! per property by default; set PROPTEST_CASES to run longer. Inputs that once crashed a reader
//! are kept in tests/regressions/ and replayed by `regressions_do_not_panic`.

use proptest::prelude::*;

use prakat::diag::Diagnostics;
use prakat::load::{catalog, csvfile, registry, results, site, xlsx};
use prakat::text::encoding as text;
use prakat::text::numbers::parse_number;

/// Text made of the characters CSV and YAML readers care about, plus Thai, so that random
/// strings often reach deep into the parsers instead of failing on the first byte.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        ",",
        "\"",
        "\"\"",
        "\r\n",
        "\n",
        "\r",
        " ",
        "-",
        "1",
        "0",
        "5810401",
        "1.1",
        "๑",
        "13,502",
        "กระบี่",
        "อบต.",
        "sao",
        "pao",
        ":",
        ": ",
        "- ",
        "{",
        "}",
        "[",
        "]",
        "#",
        "'",
        "&",
        "*",
        "!",
        "|",
        ">",
        "\t",
        "\u{feff}",
        "\u{200b}",
        "title",
        "th",
        "areas",
        "indicators",
        "id",
        "target",
        "no",
        "area",
        "text_th",
        "code",
        "e5",
        "1e309",
        "NaN",
        ".",
        "https://",
        "javascript:",
        "<script>",
        "\u{0e48}\u{0e49}",
        "\0",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), tricky_text()]
}

const REG_HEAD: &str = "code,type,name_th,name_en,province_th,province_en,district_th,district_en,website\n";
const CATALOG: &str = "title_th: t\nareas:\n  - {no: 1, name_th: ก}\nindicators:\n  - {id: \"1.1\", area: 1, text_th: ข, target: 80}\n  - {id: \"1.2\", area: 1, unit: count, text_th: ค, target: 2}\n";

/// A page rendered with no link targets and nothing after headings.
fn render_markdown(src: &prakat::model::Source) -> prakat::content::markdown::Rendered {
    let resolve = |_: &str| -> Result<String, String> { Err("no link targets in this test".into()) };
    let none = |_: &str| -> Option<String> { None };
    let opts = prakat::content::markdown::RenderOptions {
        id_prefix: "",
        footnote_scope: "x",
        heading_shift: 0,
        resolve: &resolve,
        after_heading: &none,
    };
    prakat::content::markdown::render(src, &opts)
}

fn registry_fixture() -> registry::Registry {
    let mut d = Diagnostics::new();
    let r = registry::parse(&format!("{REG_HEAD}5810401,sao,ก,,จ,,อ,,\n5810402,pao,ข,,จ,,อ,,\n"), "laos.csv", &mut d);
    assert!(d.is_empty());
    r
}

fn parse_results(text: &str) -> (Vec<prakat::model::Measure>, Diagnostics) {
    let reg = registry_fixture();
    let mut d = Diagnostics::new();
    let cat = catalog::parse(CATALOG, "catalog.yaml", &mut d).expect("catalog");
    let codes: prakat::model::LookupMap<&str, usize> =
        reg.laos.iter().enumerate().map(|(i, l)| (l.code.as_str(), i)).collect();
    let m = results::parse(text, "results.csv", &reg.laos, &codes, &cat, &mut d);
    // Rendering every diagnostic exercises the caret and column code on the same input.
    for x in d.iter() {
        let _ = x.to_string();
    }
    (m, d)
}

proptest! {
    #[test]
    fn registry_reader_never_panics(body in any_text()) {
        let mut d = Diagnostics::new();
        let _ = registry::parse(&format!("{REG_HEAD}{body}"), "laos.csv", &mut d);
        let _ = registry::parse(&body, "laos.csv", &mut d);
        for x in d.iter() { let _ = x.to_string(); }
    }

    #[test]
    fn results_reader_never_panics(body in any_text()) {
        let _ = parse_results(&format!("code,indicator,base,delivered,verdict\n{body}"));
        let _ = parse_results(&body);
    }

    /// Rows from a small grammar: every row is either kept or reported, never lost silently.
    #[test]
    fn results_rows_are_kept_or_reported(rows in prop::collection::vec(
        (prop::sample::select(vec!["5810401", "5810402", "x", ""]),
         prop::sample::select(vec!["1.1", "1.2", "9.9"]),
         prop::sample::select(vec!["0", "12", "13,502", "๑๒", "-", "", "-3", "1e5", " 7 "]),
         prop::sample::select(vec!["0", "5", "-", "abc", "1,000"])), 0..12)) {
        let mut text = String::from("code,indicator,base,delivered,verdict\r\n");
        for (c, i, b, dl) in &rows {
            text.push_str(&format!("{c},{i},\"{b}\",\"{dl}\",\r\n"));
        }
        let (kept, d) = parse_results(&text);
        prop_assert!(kept.len() <= rows.len());
        // Every row left out produced at least one error.
        prop_assert!(d.error_count() >= rows.len() - kept.len(), "{} rows, {} kept, {} errors", rows.len(), kept.len(), d.error_count());
    }

    #[test]
    fn site_yaml_reader_never_panics(body in any_text()) {
        let mut d = Diagnostics::new();
        let _ = site::parse(&body, "site.yaml", &mut d);
        let _ = site::parse(&format!("title: {{th: ก}}\n{body}"), "site.yaml", &mut d);
        for x in d.iter() { let _ = x.to_string(); }
    }

    #[test]
    fn catalog_yaml_reader_never_panics(body in any_text()) {
        let mut d = Diagnostics::new();
        let _ = catalog::parse(&body, "catalog.yaml", &mut d);
        let _ = catalog::parse(&format!("{CATALOG}{body}"), "catalog.yaml", &mut d);
        for x in d.iter() { let _ = x.to_string(); }
    }

    #[test]
    fn csv_reader_never_panics_on_any_header(body in any_text(), width in 1usize..6) {
        let header: Vec<&str> = ["a", "b", "c", "d", "e"][..width].to_vec();
        let mut d = Diagnostics::new();
        let mut n = 0;
        csvfile::read(&body, "f.csv", &header, &mut d, |rec, d| {
            n += 1;
            for i in 0..width + 1 { let _ = rec.span("f.csv", i, "x"); }
            let _ = d;
        });
        for x in d.iter() { let _ = x.to_string(); }
    }

    #[test]
    fn number_reader_never_panics_and_accepts_what_it_formats(s in any_text(), v in 0u64..999_999_999_999u64, frac in 0u64..100) {
        let _ = parse_number(&s);
        let value = v as f64 + frac as f64 / 100.0;
        let shown = prakat::text::numbers::format_number(value);
        let back = parse_number(&shown).unwrap().unwrap();
        prop_assert!((back - value).abs() < 0.005, "{value} shown as {shown} read back as {back}");
        prop_assert_eq!(parse_number(&prakat::text::numbers::arabic_digits(&shown)), Ok(Some(back)));
    }

    #[test]
    fn decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let (t, _) = text::decode(bytes.clone());
        let _ = text::line_at(&t, 3);
        let _ = text::decode_as(bytes.clone(), text::Encoding::Utf8);
        let _ = text::decode_as(bytes, text::Encoding::Windows874);
    }

    #[test]
    fn xlsx_reader_never_panics_on_garbage(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut d = Diagnostics::new();
        let mut with_zip_magic = b"PK\x03\x04".to_vec();
        with_zip_magic.extend_from_slice(&bytes);
        xlsx::read(bytes, "r.xlsx", &results::HEADER, &[2, 3], &mut d, |_, _| {});
        xlsx::read(with_zip_magic, "r.xlsx", &results::HEADER, &[2, 3], &mut d, |_, _| {});
        prop_assert!(d.has_errors());
    }

    #[test]
    fn front_matter_reader_never_panics(body in any_text(), kind in 0usize..3) {
        use prakat::load::content::{self, Kind};
        let kind = [Kind::ManualIndex, Kind::Chapter, Kind::Page][kind];
        let mut d = Diagnostics::new();
        // Both as it is and behind an opening `---`, so the YAML reader is reached too.
        let _ = content::parse(&body, "content/pages/x.md", kind, &mut d);
        let fenced = format!("---\n{body}\n---\nเนื้อหา\n");
        let _ = content::parse(&fenced, "content/pages/x.md", kind, &mut d);
        for diag in d.iter() {
            prop_assert_eq!(&diag.span.file, "content/pages/x.md");
        }
    }

    #[test]
    fn markdown_renderer_never_panics(body in any_text()) {
        let src = prakat::model::Source { file: "content/pages/x.md".into(), body, body_line: 3 };
        let out = render_markdown(&src);
        // Raw HTML in the source is shown as text, never passed through.
        prop_assert!(!out.html.contains("<script"));
        let _ = prakat::content::markdown::outline(&src);
        let _ = prakat::content::markdown::summary(&src, 40);
    }

    #[test]
    fn heading_attributes_never_publish_anything_but_an_id_and_a_class(
        name in "[a-z]{1,10}",
        value in any_text(),
        quote in prop::sample::select(vec!["", "\"", "'"]),
    ) {
        // `## หัวข้อ {name=value}` and `{#id .class name=value}`: whatever the attribute, the
        // page gets an id (and a checked class) or an error at its line, never a live attribute.
        let body = format!("## หัวข้อ {{#a .b {name}={quote}{value}{quote}}}\n\nข้อความ\n");
        let src = prakat::model::Source { file: "content/pages/x.md".into(), body, body_line: 3 };
        let out = render_markdown(&src);
        for tag in prakat::output::check::start_tags(&out.html) {
            if tag.name.starts_with('h') {
                for (attr, _) in &tag.attrs {
                    prop_assert!(attr == "id" || attr == "class", "heading attribute `{}` published: {}", attr, out.html);
                }
            }
        }
    }

    #[test]
    fn control_characters_never_reach_a_page_or_a_message(
        before in "[ก-ฮa-z0-9 ]{0,8}",
        c in prop::sample::select((0u32..0x20).filter(|c| !matches!(c, 9 | 10 | 13)).chain(0x7f..0xa0).collect::<Vec<_>>()),
        after in "[ก-ฮa-z0-9 ]{0,8}",
    ) {
        let c = char::from_u32(c).unwrap();
        let mut text = format!("code,name\n1,{before}{c}{after}\n");
        let found = text::scrub_controls(&mut text);
        prop_assert!(found.is_some());
        prop_assert!(!text.contains(c));
        // A message quoting the raw character shows it escaped.
        let mut d = Diagnostics::new();
        d.error(prakat::diag::Span::at("x.csv", 2, Some(3)).source(format!("1,{before}{c}{after}"), 1), format!("`{before}{c}{after}`"));
        let shown = d.sorted()[0].render(false);
        prop_assert!(!shown.contains(c), "{:?}", shown);
    }

    #[test]
    fn html_scanner_never_panics(s in any_text()) {
        let _ = prakat::output::check::start_tags(&s);
        let _ = prakat::text::escape::unescape(&s);
        let _ = prakat::diag::csv_field_columns(&s, 3);
    }
}

/// Inputs kept from crashes found while fuzzing; each file is fed to every text reader.
#[test]
fn regressions_do_not_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let (t, _) = text::decode(bytes);
        let mut d = Diagnostics::new();
        let _ = registry::parse(&t, "laos.csv", &mut d);
        let _ = parse_results(&t);
        let _ = site::parse(&t, "site.yaml", &mut d);
        let _ = catalog::parse(&t, "catalog.yaml", &mut d);
        let _ = parse_number(&t);
        for x in d.iter() {
            assert!(x.to_string().len() < 2000, "a message stays short even for a huge line");
        }
        n += 1;
    }
    assert!(n >= 8, "the regression corpus is missing files ({n})");
}

/// A number too large to show exactly was once shown as 92,233,720,368,547,758.07.
#[test]
fn huge_numbers_are_refused_not_shown_wrong() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let t = std::fs::read_to_string(dir.join("huge-number.csv")).unwrap();
    let (kept, d) = parse_results(&t);
    assert_eq!(kept.len(), 1, "the row with a tiny base and a large but allowed count is kept");
    let e: Vec<String> = d.iter().map(|x| x.to_string()).collect();
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(e[0].contains("`99999999999999999999999` is too large"), "{}", e[0]);
}
