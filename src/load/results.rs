//! `data/<year>/results.csv`: one row per LAO and indicator.

use std::collections::HashMap;

use crate::diag::Diagnostics;
use crate::load::csvfile::{self, Record};
use crate::model::{Catalog, Lao, Measure};
use crate::thai::{NumberError, parse_number};

/// The results file's header, exactly.
pub const HEADER: [&str; 5] = ["code", "indicator", "base", "delivered", "verdict"];

/// Checks result records one by one against the registry and the catalog, keeping the good
/// ones. Shared by the CSV and the .xlsx readers, so both apply exactly the same rules.
pub struct Checker<'a> {
    file: &'a str,
    laos: &'a [Lao],
    codes: &'a HashMap<&'a str, usize>,
    catalog: &'a Catalog,
    ids: HashMap<&'a str, usize>,
    /// Line of the first row of each (LAO, indicator), 0 when none yet: a dense table, since a
    /// national file fills most of it and hashing half a million pairs costs more.
    seen: Vec<u32>,
    out: Vec<Measure>,
    /// Each distinct verdict text once.
    verdicts: HashMap<String, std::sync::Arc<str>>,
    refused: Option<&'a std::collections::HashSet<String>>,
    refused_ids: Option<&'a std::collections::HashSet<String>>,
    /// Data records handed to [`Checker::row`], good or bad: what the file holds.
    pub records: usize,
}

impl<'a> Checker<'a> {
    /// A checker for one year's results file.
    pub fn new(file: &'a str, laos: &'a [Lao], codes: &'a HashMap<&'a str, usize>, catalog: &'a Catalog) -> Self {
        let ids = catalog.indicators.iter().enumerate().map(|(i, ind)| (ind.id.as_str(), i)).collect();
        Checker {
            file,
            laos,
            codes,
            catalog,
            ids,
            seen: vec![0; laos.len() * catalog.indicators.len()],
            out: Vec::new(),
            verdicts: HashMap::new(),
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

    /// Checks one record; a good one is kept, a bad one is reported.
    pub fn row(&mut self, rec: Record<'_>, diags: &mut Diagnostics) {
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
        let first = &mut self.seen[lao * self.catalog.indicators.len() + indicator];
        if *first != 0 {
            diags.error(rec.span(file, 1, "indicator"), format!("LAO {code} already has a row for indicator {id} on line {first}; expected one row per LAO and indicator"));
            return;
        }
        *first = u32::try_from(rec.line).unwrap_or(u32::MAX);
        let verdict = rec.get(4);
        let given_verdict = (!verdict.is_empty()).then(|| match self.verdicts.get(verdict) {
            Some(v) => v.clone(),
            None => self.verdicts.entry(verdict.to_string()).or_insert_with(|| verdict.into()).clone(),
        });
        self.out.push(Measure { lao, indicator, base, delivered, given_verdict, line: rec.line });
    }

    /// The kept rows, sorted by LAO and indicator.
    pub fn finish(self) -> Vec<Measure> {
        let mut out = self.out;
        out.sort_by_key(|m| (m.lao, m.indicator));
        out
    }
}

/// Parses one year's results CSV against the registry (`codes` maps a code to its LAO index)
/// and that year's catalog. Rows with problems are reported and left out (the build fails).
pub fn parse(
    text: &str,
    file: &str,
    laos: &[Lao],
    codes: &HashMap<&str, usize>,
    catalog: &Catalog,
    diags: &mut Diagnostics,
) -> Vec<Measure> {
    let mut checker = Checker::new(file, laos, codes, catalog);
    csvfile::read(text, file, &HEADER, diags, |rec, diags| checker.row(rec, diags));
    checker.finish()
}
