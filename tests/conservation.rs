//! Nothing in the input disappears: every LAO of the registry has a page, and every (LAO,
//! indicator) row of every year's results appears on that LAO's year page and in the national
//! CSV of the year. The input is read here with the csv crate, not with prakat's own parser.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;

use crate::build::{csv_rows, row_cells};
use crate::common::*;

/// A figure as the input writes it, normalised for comparison: Thai digits become Arabic,
/// thousands separators go, "-" and empty both mean "not applicable".
fn figure(raw: &str) -> Option<f64> {
    let s: String = raw
        .trim()
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            _ => c,
        })
        .filter(|&c| c != ',')
        .collect();
    if s.is_empty() || s == "-" { None } else { Some(s.parse().unwrap_or_else(|_| panic!("input figure {raw}"))) }
}

fn read_csv(bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::Reader::from_reader(body);
    let head: Vec<String> = r.headers().unwrap().iter().map(|h| h.trim().to_string()).collect();
    r.records()
        .map(|rec| head.iter().cloned().zip(rec.unwrap().iter().map(|f| f.trim().to_string())).collect())
        .collect()
}

#[test]
fn every_lao_and_every_result_row_of_the_example_site_is_published() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));

    let registry = read_csv(&fs::read(s.root.join("data/laos.csv")).unwrap());
    assert!(registry.len() >= 40, "the example registry has about 40 LAOs");
    for lao in &registry {
        let code = &lao["code"];
        assert!(s.public().join(format!("lao/{code}/index.html")).is_file(), "LAO {code} has no page");
    }

    let mut years: Vec<String> = fs::read_dir(s.root.join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.parse::<u16>().is_ok())
        .collect();
    years.sort();
    assert!(years.len() >= 3, "the example has three years or more: {years:?}");
    let mut total = 0;
    for year in &years {
        let input = read_csv(&fs::read(s.root.join(format!("data/{year}/results.csv"))).unwrap());
        assert!(!input.is_empty());
        total += input.len();
        let national = csv_rows(&fs::read(s.public().join(format!("data/{year}/results.csv"))).unwrap());
        assert_eq!(national.len(), input.len(), "{year}: the national CSV has one row per input row");
        let published: HashMap<(&str, &str), &HashMap<String, String>> =
            national.iter().map(|r| ((r["code"].as_str(), r["indicator"].as_str()), r)).collect();
        assert_eq!(published.len(), national.len(), "{year}: no (LAO, indicator) twice in the national CSV");

        let mut by_lao: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for row in &input {
            let (code, id) = (row["code"].as_str(), row["indicator"].as_str());
            by_lao.entry(code).or_default().insert(id);
            let out = published.get(&(code, id)).unwrap_or_else(|| panic!("{year} {code} {id} missing from the CSV"));
            for field in ["base", "delivered"] {
                assert_eq!(
                    figure(&out[field]),
                    figure(&row[field]),
                    "{year} {code} {id}: {field} in the national CSV differs from the input"
                );
            }
        }
        for (code, ids) in by_lao {
            let page = s.built(&format!("lao/{code}/{year}/index.html"));
            assert_eq!(page.matches("<tr id=i-").count(), ids.len(), "{year} {code}: one table row per input row");
            for id in ids {
                let cells = row_cells(&page, id);
                let row = input.iter().find(|r| r["code"] == code && r["indicator"] == id).unwrap();
                for (i, field) in [(2, "base"), (3, "delivered")] {
                    assert_eq!(
                        figure(&cells[i]),
                        figure(&row[field]),
                        "{year} {code} {id}: {field} on the page differs from the input"
                    );
                    if figure(&row[field]).is_none() {
                        assert_eq!(cells[i], "-", "{year} {code} {id}: a missing {field} shows as -");
                    }
                }
            }
        }
    }
    assert!(total > 3000, "the example has three years of about 40 LAOs × 30+ indicators");

    // Each LAO's own table is exactly its rows of the national tables, year by year, in order.
    let mut national_by_lao: BTreeMap<String, Vec<HashMap<String, String>>> = BTreeMap::new();
    for year in &years {
        for row in csv_rows(&fs::read(s.public().join(format!("data/{year}/results.csv"))).unwrap()) {
            national_by_lao.entry(row["code"].clone()).or_default().push(row);
        }
    }
    let mut lao_rows = 0;
    for lao in &registry {
        let code = &lao["code"];
        let path = s.public().join(format!("lao/{code}/results.csv"));
        match national_by_lao.get(code.as_str()) {
            Some(rows) => {
                let own = csv_rows(&fs::read(&path).unwrap());
                assert_eq!(&own, rows, "lao/{code}/results.csv differs from its rows of the national tables");
                lao_rows += own.len();
            }
            None => assert!(!path.exists(), "{code} has no results but a results table"),
        }
    }
    assert_eq!(lao_rows, total, "the LAO tables together hold every row once");

    // The workbook of each year holds every row, with the same figures as the CSV.
    use calamine::{Data, Reader, Xlsx};
    for year in &years {
        let mut book: Xlsx<_> = calamine::open_workbook(s.public().join(format!("data/{year}/results.xlsx"))).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        let national = csv_rows(&fs::read(s.public().join(format!("data/{year}/results.csv"))).unwrap());
        let rows: Vec<&[Data]> = sheet.rows().skip(1).collect();
        assert_eq!(rows.len(), national.len(), "{year}: one workbook row per CSV row");
        for (cells, row) in rows.iter().zip(&national) {
            let text = |c: &Data| match c {
                Data::Float(f) => format!("{f}"),
                Data::Int(i) => i.to_string(),
                other => other.to_string(),
            };
            assert_eq!(text(&cells[0]), row["code"], "{year}: code");
            assert_eq!(text(&cells[5]), row["indicator"], "{year}: indicator");
            assert_eq!(text(&cells[8]), row["base"], "{year} {}: base", row["code"]);
            assert_eq!(text(&cells[9]), row["delivered"], "{year} {}: delivered", row["code"]);
            assert_eq!(text(&cells[11]), row["verdict_th"], "{year} {}: verdict", row["code"]);
        }
    }
}

#[test]
fn a_theme_that_comments_out_or_hides_the_rows_fails_the_build() {
    let template = std::fs::read_to_string(example_root().join("themes/default/templates/lao.html")).unwrap();
    assert!(template.contains("{{ a.rows_html | safe }}"));
    for (wrapped, how) in [
        ("<!--{{ a.rows_html | safe }}-->", "commented out"),
        ("<tbody hidden>{{ a.rows_html | safe }}</tbody>", "hidden"),
    ] {
        let s = scratch("tiny");
        s.write("themes/default/templates/lao.html", &template.replace("{{ a.rows_html | safe }}", wrapped));
        let f = s.build().expect_err(how);
        let e = errors(&f);
        assert!(e.contains("output does not hold all the input"), "{how}: {e}");
    }
}
