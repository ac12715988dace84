//! Conservation: what the build read must all be in what it wrote. Every LAO of the registry
//! gets a page, and every result row of every year appears in that year's LAO pages, in the
//! per-LAO downloads and in the national results table. The counts of the written side are taken
//! from the bytes produced, not from the model, so a template or exporter that drops a row is
//! caught before the site is swapped in.

use crate::plan::{Output, Page, Planned};

/// The marker of one indicator row in an LAO's year page (`<tr id=i-…>` in lao.html).
pub const ROW_MARKER: &str = "<tr id=i-";

/// What the build read and wrote for one year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearCount {
    /// Buddhist Era year.
    pub be: u16,
    /// Data rows in the results file.
    pub rows_read: usize,
    /// Rows in data/<be>/results.csv.
    pub csv_rows: usize,
    /// Rows of this year over every lao/<code>/results.csv.
    pub lao_csv_rows: usize,
    /// Indicator rows over every lao/<code>/<be>/index.html.
    pub page_rows: usize,
}

/// What the build read and wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    /// LAOs in the registry.
    pub laos_read: usize,
    /// LAO pages written (lao/<code>/index.html).
    pub lao_pages: usize,
    /// Per year, in the site's year order.
    pub years: Vec<YearCount>,
    /// Rows of LAO downloads whose year is none of the site's (always 0 unless a writer errs).
    pub stray_lao_rows: usize,
}

/// What one output adds to the written side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tally {
    /// Nothing counted.
    None,
    /// An LAO's own page.
    LaoPage,
    /// Rows of a year in one output.
    Rows {
        /// Year index.
        year: usize,
        /// Which output they were counted in.
        kind: RowsIn,
        /// How many.
        n: usize,
    },
    /// Rows of an LAO's results table, per Buddhist Era year (the table spans its years).
    LaoRows(Vec<(u16, usize)>),
}

/// The outputs result rows are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowsIn {
    /// The national results table.
    YearCsv,
    /// An LAO's year page.
    Page,
}

/// Counts what one rendered output holds.
pub fn tally(p: &Planned, bytes: &[u8]) -> Tally {
    let rows = |year, kind, n| Tally::Rows { year, kind, n };
    match p.output {
        Output::Page(Page::LaoHome { .. }) => Tally::LaoPage,
        Output::Page(Page::LaoYear { year: y, .. }) => rows(y, RowsIn::Page, page_rows(bytes)),
        Output::YearResults(y) => rows(y, RowsIn::YearCsv, csv_rows(bytes)),
        Output::LaoResults(_) => Tally::LaoRows(rows_per_year(bytes)),
        _ => Tally::None,
    }
}

/// The indicator rows a reader sees on an LAO's year page: `<tr id=i-…>` markers outside
/// comments, `noscript`, `template` and `textarea`, and outside any element hidden by a `hidden`
/// attribute or a `display:none` / `visibility:hidden` style (the row's own or an ancestor's),
/// so a theme that comments out or hides the rows fails the build. A byte scan, not a parse:
/// every national page is counted, and each has a hidden search list in its header.
pub fn page_rows(bytes: &[u8]) -> usize {
    let unseen = unseen_ranges(bytes);
    memchr::memmem::find_iter(bytes, ROW_MARKER.as_bytes())
        .filter(|&at| !unseen.iter().any(|&(a, b)| a <= at && at < b))
        .count()
}

/// Byte ranges of a page that a reader does not see.
fn unseen_ranges(bytes: &[u8]) -> Vec<(usize, usize)> {
    use memchr::memmem::{find, find_iter};
    let mut out = Vec::new();
    for (open, close) in [
        (&b"<!--"[..], &b"-->"[..]),
        (b"<noscript", b"</noscript"),
        (b"<template", b"</template"),
        (b"<textarea", b"</textarea"),
    ] {
        for start in find_iter(bytes, open) {
            let end = find(&bytes[start..], close).map_or(bytes.len(), |e| start + e);
            out.push((start, end));
        }
    }
    for needle in [&b" hidden"[..], b"display:none", b"display: none", b"visibility:hidden", b"visibility: hidden"] {
        for at in find_iter(bytes, needle) {
            // `hidden` must be an attribute of its own, not part of a word (`aria-hidden` has no space).
            if needle == b" hidden" && !matches!(bytes.get(at + needle.len()), Some(b' ' | b'>' | b'=' | b'/' | b'\n'))
            {
                continue;
            }
            // Inside a start tag: the last `<` before it comes after the last `>`.
            let Some(lt) = memchr::memrchr(b'<', &bytes[..at]) else { continue };
            if memchr::memchr(b'>', &bytes[lt..at]).is_some() {
                continue;
            }
            let name: Vec<u8> =
                bytes[lt + 1..].iter().take_while(|b| b.is_ascii_alphanumeric()).map(u8::to_ascii_lowercase).collect();
            if name.is_empty() {
                continue;
            }
            out.push((lt, element_end(bytes, lt, &name)));
        }
    }
    out
}

/// Where the element that starts at `start` (named `name`) ends: its matching end tag, counting
/// nested elements of the same name; the page's end when there is none.
fn element_end(bytes: &[u8], start: usize, name: &[u8]) -> usize {
    let open: Vec<u8> = [b"<", name].concat();
    let close: Vec<u8> = [b"</", name].concat();
    let mut depth = 0usize;
    let mut at = start;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let rest = &bytes[lt..];
        let boundary = |n: usize| rest.get(n).is_none_or(|b| !b.is_ascii_alphanumeric());
        if rest.len() >= close.len() && rest[..close.len()].eq_ignore_ascii_case(&close) && boundary(close.len()) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return lt;
            }
        } else if rest.len() >= open.len() && rest[..open.len()].eq_ignore_ascii_case(&open) && boundary(open.len()) {
            depth += 1;
        }
        at = lt + 1;
    }
    bytes.len()
}

/// Data records of a CSV file with a header (a BOM is ignored by the reader).
fn csv_rows(bytes: &[u8]) -> usize {
    // Without a quote no field can hold a line break, so each non-empty line is a record (the
    // csv reader skips empty lines too): a byte scan instead of a parse of every LAO's file.
    if memchr::memchr(b'"', bytes).is_none() {
        let lines = bytes.split(|&b| b == b'\n' || b == b'\r').filter(|l| !l.is_empty()).count();
        return lines.saturating_sub(1);
    }
    csv::ReaderBuilder::new().has_headers(true).from_reader(bytes).byte_records().filter(Result::is_ok).count()
}

/// Rows per value of the second column (`year_be`) of a results table, in the order met.
fn rows_per_year(bytes: &[u8]) -> Vec<(u16, usize)> {
    let mut out: Vec<(u16, usize)> = Vec::new();
    let reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
    for record in reader.into_byte_records().filter_map(Result::ok) {
        let be = record.get(1).and_then(|f| std::str::from_utf8(f).ok()).and_then(|f| f.parse().ok()).unwrap_or(0);
        match out.last_mut() {
            Some((y, n)) if *y == be => *n += 1,
            _ => match out.iter_mut().find(|(y, _)| *y == be) {
                Some((_, n)) => *n += 1,
                None => out.push((be, 1)),
            },
        }
    }
    out
}

impl Ledger {
    /// The read side, before anything is written.
    pub fn read(laos: usize, years: impl Iterator<Item = (u16, usize)>) -> Ledger {
        Ledger {
            laos_read: laos,
            lao_pages: 0,
            stray_lao_rows: 0,
            years: years.map(|(be, rows_read)| YearCount { be, rows_read, ..YearCount::default() }).collect(),
        }
    }

    /// Adds one output's tally.
    pub fn add(&mut self, t: Tally) {
        match t {
            Tally::None => {}
            Tally::LaoPage => self.lao_pages += 1,
            Tally::Rows { year, kind, n } => {
                if let Some(y) = self.years.get_mut(year) {
                    match kind {
                        RowsIn::YearCsv => y.csv_rows += n,
                        RowsIn::Page => y.page_rows += n,
                    }
                }
            }
            Tally::LaoRows(per_year) => {
                for (be, n) in per_year {
                    match self.years.iter_mut().find(|y| y.be == be) {
                        Some(y) => y.lao_csv_rows += n,
                        None => self.stray_lao_rows += n,
                    }
                }
            }
        }
    }

    /// Every difference between what was read and what was written, as sentences.
    pub fn differences(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.stray_lao_rows > 0 {
            out.push(format!("the LAO downloads hold {} rows of years the site does not have", self.stray_lao_rows));
        }
        if self.lao_pages != self.laos_read {
            out.push(format!("the registry has {} LAOs but {} LAO pages were written", self.laos_read, self.lao_pages));
        }
        for y in &self.years {
            for (n, what) in [
                (y.csv_rows, format!("data/{}/results.csv", y.be)),
                (y.lao_csv_rows, format!("the LAO downloads lao/*/results.csv (year {})", y.be)),
                (y.page_rows, format!("the LAO pages lao/*/{}/index.html", y.be)),
            ] {
                if n != y.rows_read {
                    out.push(format!("{} results rows were read for {} but {what} holds {n}", y.rows_read, y.be));
                }
            }
        }
        out
    }

    /// One line for the terminal: read and written, per year.
    pub fn summary(&self) -> String {
        let years: Vec<String> = self
            .years
            .iter()
            .map(|y| {
                format!(
                    "{}: {} rows read, {} in the national table, {} in LAO tables, {} in LAO pages",
                    y.be, y.rows_read, y.csv_rows, y.lao_csv_rows, y.page_rows
                )
            })
            .collect();
        let mut s = format!("conservation: {} LAOs read, {} LAO pages written", self.laos_read, self.lao_pages);
        if !years.is_empty() {
            s.push_str("; ");
            s.push_str(&years.join("; "));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rows_commented_out_or_hidden_are_not_counted() {
        let row = |id: &str| format!("<tr id=i-{id}><td>x</td></tr>");
        let plain = format!("<table><tbody>{}{}</tbody></table>", row("1.1"), row("1.2"));
        assert_eq!(page_rows(plain.as_bytes()), 2);
        let commented = format!("<table><tbody>{}<!-- {} --></tbody></table>", row("1.1"), row("1.2"));
        assert_eq!(page_rows(commented.as_bytes()), 1);
        let hidden = format!("<table><tbody hidden>{}</tbody><tbody>{}</tbody></table>", row("1.1"), row("1.2"));
        assert_eq!(page_rows(hidden.as_bytes()), 1);
        let styled = format!(
            "<div style=\"display: none\"><table>{}{}</table></div><p aria-hidden=\"true\">x</p>",
            row("1.1"),
            row("1.2")
        );
        assert_eq!(page_rows(styled.as_bytes()), 0);
        let template = format!("<template><table>{}</table></template><table>{}</table>", row("1.1"), row("1.2"));
        assert_eq!(page_rows(template.as_bytes()), 1);
        // aria-hidden elsewhere is no reason to read the page slowly, nor to miss a row.
        let aria = format!("<svg aria-hidden=\"true\"><path d=\"M0 0\"/></svg><table>{}</table>", row("1.1"));
        assert_eq!(page_rows(aria.as_bytes()), 1);
        // A hidden list elsewhere on the page hides only itself.
        let list = format!("<ul hidden><li>x</li></ul><table>{}</table>", row("1.1"));
        assert_eq!(page_rows(list.as_bytes()), 1);
        let nested = format!("<div hidden><div>x</div>{}</div><table>{}</table>", row("1.1"), row("1.2"));
        assert_eq!(page_rows(nested.as_bytes()), 1);
        let noscript = format!("<noscript>{}</noscript><table>{}</table>", row("1.1"), row("1.2"));
        assert_eq!(page_rows(noscript.as_bytes()), 1);
    }

    use super::*;

    fn planned(output: Output) -> Planned {
        Planned { path: String::new(), output }
    }

    #[test]
    fn counts_rows_in_what_was_written() {
        let csv = "\u{feff}code,name\r\n1,\"a\r\nb\"\r\n2,c\r\n";
        assert_eq!(
            tally(&planned(Output::YearResults(0)), csv.as_bytes()),
            Tally::Rows { year: 0, kind: RowsIn::YearCsv, n: 2 }
        );
        let lao = "\u{feff}code,year_be,indicator\r\n1,2565,1.1\r\n1,2565,1.2\r\n1,2567,1.1\r\n";
        assert_eq!(tally(&planned(Output::LaoResults(0)), lao.as_bytes()), Tally::LaoRows(vec![(2565, 2), (2567, 1)]));
        let page = r#"<tr id="h"><tr id=i-1.1><tr id=i-1.2>"#;
        let lao_page = Output::Page(Page::LaoYear { lao: 0, year: 0 });
        assert_eq!(tally(&planned(lao_page), page.as_bytes()), Tally::Rows { year: 0, kind: RowsIn::Page, n: 2 });
        let home = Output::Page(Page::LaoHome { lao: 0, latest: Some(0) });
        assert_eq!(tally(&planned(home), page.as_bytes()), Tally::LaoPage);
    }

    #[test]
    fn csv_rows_agree_with_the_csv_reader_with_and_without_quotes() {
        let reader = |b: &[u8]| {
            csv::ReaderBuilder::new().has_headers(true).from_reader(b).byte_records().filter(Result::is_ok).count()
        };
        for text in [
            "\u{feff}a,b\r\n1,2\r\n3,4\r\n",
            "a,b\n1,2\n\n3,4",
            "a,b\r1,2\r3,4\r",
            "a,b\n",
            "a,b",
            "",
            "\n\n",
            "a,b\n\"1\n2\",3\n4,5\n",
        ] {
            assert_eq!(csv_rows(text.as_bytes()), reader(text.as_bytes()), "{text:?}");
        }
    }

    #[test]
    fn a_lost_row_or_page_is_a_difference() {
        let mut c = Ledger::read(2, [(2567, 3)].into_iter());
        c.add(Tally::LaoPage);
        c.add(Tally::LaoPage);
        for kind in [RowsIn::YearCsv, RowsIn::Page] {
            c.add(Tally::Rows { year: 0, kind, n: 3 });
        }
        c.add(Tally::LaoRows(vec![(2567, 2)]));
        c.add(Tally::LaoRows(vec![(2567, 1)]));
        assert!(c.differences().is_empty(), "{:?}", c.differences());
        c.add(Tally::Rows { year: 0, kind: RowsIn::YearCsv, n: 1 });
        c.add(Tally::LaoRows(vec![(2566, 1)]));
        c.lao_pages = 1;
        assert_eq!(
            c.differences(),
            vec![
                "the LAO downloads hold 1 rows of years the site does not have".to_string(),
                "the registry has 2 LAOs but 1 LAO pages were written".to_string(),
                "3 results rows were read for 2567 but data/2567/results.csv holds 4".to_string()
            ]
        );
    }
}
