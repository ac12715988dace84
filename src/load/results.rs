//! `data/<year>/results.csv`: one row per LAO and indicator.

use crate::diag::Diagnostics;
use crate::diag::Span;
use crate::load::csvfile::{self, Record};
use crate::load::table::Table;
use crate::model::LookupMap;
use crate::model::{Catalog, Figure, Lao, Measure};
use crate::text::numbers::{NumberError, parse_number};

/// The results file's header, exactly.
pub const HEADER: [&str; 5] = ["code", "indicator", "base", "delivered", "verdict"];

/// The longest verdict cell taken, in bytes (Thai letters take three): the longest official
/// verdict is under 50 characters, and a runaway cell would be quoted in every message about it.
const MAX_VERDICT_BYTES: usize = 600;

/// Checks result records one by one against the registry and the catalog, keeping the good
/// ones. Shared by the CSV and the .xlsx readers, so both apply exactly the same rules.
pub struct Checker<'a> {
    file: &'a str,
    laos: &'a [Lao],
    codes: &'a LookupMap<&'a str, usize>,
    catalog: &'a Catalog,
    ids: LookupMap<&'a str, usize>,
    /// Line of the first row of each (LAO, indicator), 0 when none yet: a dense table, since a
    /// national file fills most of it and hashing half a million pairs costs more. Empty in a
    /// [`Checker::fork`], whose rows are checked for repeats when they are joined.
    seen: Vec<u32>,
    out: Vec<Measure>,
    /// Each distinct verdict text once.
    verdicts: LookupMap<String, std::sync::Arc<String>>,
    refused: Option<&'a std::collections::HashSet<String>>,
    refused_ids: Option<&'a std::collections::HashSet<String>>,
    /// Data records handed to [`Checker::row`], good or bad: what the file holds.
    pub records: usize,
}

impl<'a> Checker<'a> {
    /// A checker for one year's results file.
    pub fn new(file: &'a str, laos: &'a [Lao], codes: &'a LookupMap<&'a str, usize>, catalog: &'a Catalog) -> Self {
        let ids = catalog.indicators.iter().enumerate().map(|(i, ind)| (ind.id.as_str(), i)).collect();
        Checker {
            file,
            laos,
            codes,
            catalog,
            ids,
            seen: vec![0; laos.len() * catalog.indicators.len()],
            out: Vec::new(),
            verdicts: LookupMap::default(),
            refused: None,
            refused_ids: None,
            records: 0,
        }
    }

    /// Codes whose registry row was refused (and reported there): their rows are skipped
    /// without a second message each. The build fails on the registry error.
    pub fn with_refused(mut self, codes: &'a std::collections::HashSet<String>) -> Self {
        self.refused = Some(codes);
        self
    }

    /// Indicator ids whose catalog entry was refused (and reported there): their rows are
    /// skipped without a second message each.
    pub fn with_refused_indicators(mut self, ids: &'a std::collections::HashSet<String>) -> Self {
        self.refused_ids = Some(ids);
        self
    }

    /// Makes room for `rows` more records: a national file has half a million, and growing the
    /// list by doubling copied it a dozen times into fresh memory.
    pub fn reserve(&mut self, rows: usize) {
        self.out.reserve(rows);
    }

    /// Checks one record; a good one is kept, a bad one is reported.
    pub fn row(&mut self, rec: &Record<'_>, diags: &mut Diagnostics) {
        self.records += 1;
        let file = self.file;
        let code = rec.get(0);
        let lao = self.codes.get(code).copied();
        if lao.is_none() && self.refused.is_some_and(|r| r.contains(code)) {
            return;
        }
        if lao.is_none() {
            diags.error(
                rec.span(file, 0, "code"),
                format!("unknown LAO code `{code}`; expected a code listed in data/laos.csv"),
            );
        }
        let id = rec.get(1);
        let indicator = self.ids.get(id).copied();
        // An id typed as a number: 1.10 and 1.1 are one number, so when the catalog has an id
        // that differs only by trailing zeros, the cell cannot say which it is.
        if rec.numbers & 2 != 0 && id.contains('.') {
            let twin = self
                .catalog
                .indicators
                .iter()
                .find(|i| i.id != id && i.id.starts_with(id) && i.id[id.len()..].bytes().all(|b| b == b'0'));
            if let Some(twin) = twin {
                diags.error(
                    rec.span(file, 1, "indicator"),
                    format!("the indicator cell is a number ({id}), and the catalog has both {id} and {}; expected the id as text (format the column as text in Excel)", twin.id),
                );
                return;
            }
        }
        if indicator.is_none() && !self.refused_ids.is_some_and(|r| r.contains(id)) {
            diags.error(
                rec.span(file, 1, "indicator"),
                format!("unknown indicator `{id}`; expected an id from this year's catalog.yaml"),
            );
        }
        let mut number = |i: usize, name: &str| match parse_number(rec.get(i)) {
            Ok(v) => Some(v),
            Err(e) => {
                let why = match e {
                    NumberError::Negative => "a negative number",
                    NumberError::NotANumber => "not a number",
                    NumberError::TooLarge => "too large (one trillion or more)",
                };
                diags.error(
                    rec.span(file, i, name),
                    format!(
                        "`{}` is {why}; expected a number from 0 to 999,999,999,999, or `-` for not applicable",
                        rec.get(i)
                    ),
                );
                None
            }
        };
        let base = number(2, "base");
        let delivered = number(3, "delivered");
        let (Some(lao), Some(indicator), Some(base), Some(delivered)) = (lao, indicator, base, delivered) else {
            return;
        };
        let ind = &self.catalog.indicators[indicator];
        let kind = self.laos[lao].kind;
        if !ind.applies(kind) {
            diags.error(rec.span(file, 1, "indicator"), format!("indicator {id} is not assessed for {} (its catalog entry leaves this type out or gives it no target)", kind.label_th()));
            return;
        }
        if base.is_none() && delivered.is_some() {
            diags.error(
                rec.span(file, 3, "delivered"),
                format!(
                    "delivered is `{}` but base is `-`; expected a base (1) whenever something was delivered (2)",
                    rec.get(3)
                ),
            );
            return;
        }
        // Lines past four billion (no real file) would all read as the last one.
        let line = u32::try_from(rec.line).unwrap_or(u32::MAX);
        if let Some(first) = self.seen.get_mut(lao * self.catalog.indicators.len() + indicator) {
            if *first != 0 {
                diags.error(rec.span(file, 1, "indicator"), repeated_row(code, id, *first));
                return;
            }
            *first = line;
        }
        let verdict = rec.get(4);
        if verdict.len() > MAX_VERDICT_BYTES {
            diags.error(
                rec.span(file, 4, "verdict"),
                format!(
                    "the verdict is {} characters long; expected an official verdict text (at most {} characters)",
                    verdict.chars().count(),
                    MAX_VERDICT_BYTES / 3
                ),
            );
            return;
        }
        let given_verdict = (!verdict.is_empty()).then(|| match self.verdicts.get(verdict) {
            Some(v) => v.clone(),
            None => self.verdicts.entry(verdict.to_string()).or_insert_with(|| verdict.to_string().into()).clone(),
        });
        self.out.push(Measure {
            lao,
            indicator,
            base: Figure::new(base),
            delivered: Figure::new(delivered),
            given_verdict,
            line,
        });
    }

    /// A checker with the same rules and nothing read yet, for another part of the same file
    /// (see [`Checker::join`]).
    pub fn fork(&self) -> Self {
        Checker {
            file: self.file,
            laos: self.laos,
            codes: self.codes,
            catalog: self.catalog,
            ids: self.ids.clone(),
            seen: Vec::new(),
            out: Vec::new(),
            verdicts: LookupMap::default(),
            refused: self.refused,
            refused_ids: self.refused_ids,
            records: 0,
        }
    }

    /// Takes in the rows a [`Checker::fork`] kept from a later part of the same CSV file `text`,
    /// in line order. A row repeating an (LAO, indicator) already held is reported, as reading
    /// the file whole reports it, and left out.
    pub fn join(&mut self, later: Checker<'a>, text: &str, diags: &mut Diagnostics) {
        self.records += later.records;
        let n = self.catalog.indicators.len();
        let mut starts: Option<Vec<usize>> = None;
        for m in later.out {
            let Some(first) = self.seen.get_mut(m.lao * n + m.indicator) else {
                self.out.push(m);
                continue;
            };
            if *first != 0 {
                // Rare (a broken export): find the line's text once for every report.
                let starts = starts.get_or_insert_with(|| {
                    std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect()
                });
                let line = m.line as usize;
                let raw = crate::text::encoding::line_from(text, starts.get(line - 1).copied().unwrap_or(text.len()));
                let fields: Vec<&str> = raw.split(',').map(str::trim).collect();
                let rec = Record { fields, line, raw, sheet: None, columns: None, numbers: 0 };
                let (code, id) = (&self.laos[m.lao].code, &self.catalog.indicators[m.indicator].id);
                diags.error(rec.span(self.file, 1, "indicator"), repeated_row(code, id, *first));
                continue;
            }
            *first = m.line;
            self.out.push(m);
        }
    }

    /// The kept rows, sorted by LAO and indicator.
    pub fn finish(self) -> Vec<Measure> {
        let mut out = self.out;
        out.sort_by_key(|m| (m.lao, m.indicator));
        out
    }
}

/// The report of a second row for an (LAO, indicator), whether found while reading or on joining parts.
fn repeated_row(code: &str, id: &str, first: u32) -> String {
    format!("LAO {code} already has a row for indicator {id} on line {first}; expected one row per LAO and indicator")
}

/// Reads a results CSV `text` with `checker`, in parts on every core when the file is large
/// (see [`csvfile::split`]). Reports and rows come out as reading it whole gives them.
pub fn read_csv(checker: &mut Checker<'_>, text: &str, diags: &mut Diagnostics) {
    // Below a megabyte a part costs more to set up than reading it apart saves.
    read_csv_in(checker, text, rayon::current_num_threads().min(text.len() >> 20), diags);
}

fn read_csv_in(checker: &mut Checker<'_>, text: &str, parts: usize, diags: &mut Diagnostics) {
    use rayon::prelude::*;
    let parts = csvfile::split(text, parts);
    let file = checker.file;
    // Room for every part's rows in the first part's list, which the others join: growing it
    // on joining would copy a national year's rows into fresh memory.
    if let Some(last) = parts.last() {
        checker.reserve(last.first_line + csvfile::line_count(last.text));
    }
    let forks: Vec<Checker<'_>> = parts[1..].iter().map(|_| checker.fork()).collect();
    let read = |part: &csvfile::Chunk<'_>, c: &mut Checker<'_>, d: &mut Diagnostics| {
        c.reserve(csvfile::line_count(part.text));
        csvfile::read_part(part, file, &HEADER, d, |rec, dd| c.row(rec, dd));
    };
    let ((), later) = rayon::join(
        || read(&parts[0], checker, diags),
        || {
            parts[1..]
                .par_iter()
                .zip(forks)
                .map(|(part, mut c)| {
                    let mut d = Diagnostics::new();
                    read(part, &mut c, &mut d);
                    (c, d)
                })
                .collect::<Vec<_>>()
        },
    );
    for (c, d) in later {
        diags.extend(d);
        checker.join(c, text, diags);
    }
}

/// Whether a results CSV starts with prakat's own header (`code,indicator,base,delivered,verdict`),
/// which the fast readers take; any other header is read as an office export ([`read_table`]).
pub fn has_own_header(text: &str) -> bool {
    let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty()) else { return true };
    let mut fields: Vec<&str> = first.split(',').map(|f| f.trim().trim_matches('"').trim()).collect();
    while fields.len() > HEADER.len() && fields.last().is_some_and(|f| f.is_empty()) {
        fields.pop();
    }
    fields == HEADER
}

/// Reads an office export (Thai column names, extra columns, title rows, long or wide) into
/// `checker`, by the same rules as prakat's own columns. It needs the LAO's code and the
/// indicator's id; a file with names only is for `prakat import`, which the message says.
/// Returns the day the file says its data is as of, with that line's number.
pub fn read_table(
    checker: &mut Checker<'_>,
    table: &Table,
    map: &[(String, crate::load::export::Role)],
    diags: &mut Diagnostics,
) -> Option<(usize, crate::text::dates::Date)> {
    use crate::load::export::{self, Role};
    let file = checker.file;
    let layout = export::layout(table, file, map, diags)?;
    let as_of = layout.as_of;
    let wide = !layout.wide.is_empty();
    let header_row = &table.rows[layout.header_row];
    let mut missing: Vec<Role> = Vec::new();
    for role in [Role::Code, Role::Indicator, Role::Base, Role::Delivered] {
        let has = layout.column(role).is_some() || (wide && role != Role::Code);
        if !has {
            missing.push(role);
        }
    }
    if !missing.is_empty() {
        diags.error(
            Span::at(file, header_row.line, None).source(header_row.cells.join(" | "), 1),
            format!(
                "this results file has no {} column; expected the LAO's code and the indicator's id to publish it as it is (a file with names only, or a saved report, is read by `prakat import`)",
                missing.iter().map(|r| format!("`{}`", r.official())).collect::<Vec<_>>().join(", ")
            ),
        );
        return as_of;
    }
    if !layout.unknown.is_empty() {
        diags.warning(
            Span::at(file, header_row.line, None).source(header_row.cells.join(" | "), 1),
            format!(
                "columns not read: {}",
                layout.unknown.iter().map(|(_, n)| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            ),
        );
    }
    let roles = [Role::Code, Role::Indicator, Role::Base, Role::Delivered, Role::Verdict];
    for entry in export::entries(table, &layout) {
        let row = &table.rows[entry.row];
        let id = crate::text::numbers::arabic_digits(entry.text(Role::Indicator));
        let fields: Vec<&str> =
            roles.iter().map(|r| if *r == Role::Indicator { id.as_str() } else { entry.text(*r) }).collect();
        let code_col = entry.cell(Role::Code).map_or(0, |c| c.column);
        let columns: Vec<usize> = roles.iter().map(|r| entry.cell(*r).map_or(code_col, |c| c.column)).collect();
        checker.row(&table.record(row, fields, &columns), diags);
    }
    as_of
}

/// Parses one year's results CSV against the registry (`codes` maps a code to its LAO index)
/// and that year's catalog. Rows with problems are reported and left out (the build fails).
pub fn parse(
    text: &str,
    file: &str,
    laos: &[Lao],
    codes: &LookupMap<&str, usize>,
    catalog: &Catalog,
    diags: &mut Diagnostics,
) -> Vec<Measure> {
    let mut checker = Checker::new(file, laos, codes, catalog);
    read_csv(&mut checker, text, diags);
    checker.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{catalog, registry};

    /// A file with every kind of row: good ones, repeats near and far apart, unknown codes,
    /// bad numbers, short rows, blank lines and CRLF endings.
    fn tricky_file() -> String {
        let mut t = String::from("code,indicator,base,delivered,verdict\r\n");
        for i in 0..300 {
            let code = ["5810401", "5810402", "9999999"][i % 3];
            let id = ["1.1", "1.2", "9.9"][i % 7 % 3];
            match i % 11 {
                0 => t.push_str("\r\n"),
                1 => t.push_str(&format!("{code},{id},x,1,\r\n")),
                2 => t.push_str(&format!("{code},{id}\r\n")),
                _ => t.push_str(&format!("{code},{id},{},{},ผ่าน\r\n", i, i / 2)),
            }
        }
        t
    }

    #[test]
    fn reading_in_parts_gives_what_reading_whole_gives() {
        let mut d = Diagnostics::new();
        let head = "code,type,name_th,name_en,province_th,province_en,district_th,district_en,website\n";
        let reg = registry::parse(&format!("{head}5810401,sao,ก,,จ,,อ,,\n5810402,pao,ข,,จ,,อ,,\n"), "laos.csv", &mut d);
        let cat = catalog::parse(
            "title_th: t\nareas:\n  - {no: 1, name_th: ก}\nindicators:\n  - {id: \"1.1\", area: 1, text_th: ข, target: 80}\n  - {id: \"1.2\", area: 1, text_th: ค, target: 2}\n",
            "catalog.yaml",
            &mut d,
        )
        .expect("catalog");
        assert!(d.is_empty(), "{d:?}");
        let codes: LookupMap<&str, usize> = reg.laos.iter().enumerate().map(|(i, l)| (l.code.as_str(), i)).collect();
        let text = tricky_file();
        let read = |parts: usize| {
            let mut d = Diagnostics::new();
            let mut c = Checker::new("results.csv", &reg.laos, &codes, &cat);
            read_csv_in(&mut c, &text, parts, &mut d);
            let records = c.records;
            let reports: Vec<String> = d.sorted().iter().map(|x| x.to_string()).collect();
            (c.finish(), records, reports)
        };
        let whole = read(1);
        assert_eq!(whole.0.len(), 4, "four distinct (LAO, indicator) pairs are kept");
        assert!(whole.2.iter().any(|r| r.contains("already has a row")), "{:?}", whole.2);
        for parts in 2..6 {
            assert!(csvfile::split(&text, parts).len() > 1);
            let (measures, records, reports) = read(parts);
            assert_eq!((&measures, records), (&whole.0, whole.1), "{parts} parts");
            let differ = reports.iter().zip(&whole.2).find(|(a, b)| a != b);
            assert!(differ.is_none(), "{parts} parts: {differ:?}");
            assert_eq!(reports.len(), whole.2.len(), "{parts} parts");
        }
    }

    #[test]
    fn a_file_with_quotes_is_read_whole() {
        let text = "a,b\n1,\"x\ny\"\n".repeat(10);
        assert_eq!(csvfile::split(&text, 4).len(), 1);
        let plain = "a,b\n1,2\n".repeat(10);
        let parts = csvfile::split(&plain, 4);
        assert_eq!(parts.len(), 4);
        assert_eq!(parts.iter().map(|p| p.text).collect::<String>(), plain);
        assert_eq!(parts.iter().map(|p| p.first_line).collect::<Vec<_>>(), [1, 7, 12, 17]);
        assert!(parts[0].first && !parts[1].first);
    }
}
