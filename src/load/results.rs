//! `data/<year>/results.csv`: one row per LAO and indicator.

use std::collections::HashMap;

use crate::diag::Diagnostics;
use crate::load::csvfile;
use crate::model::{Catalog, Lao, Measure};
use crate::thai::{NumberError, parse_number};

/// The results file's header, exactly.
pub const HEADER: [&str; 5] = ["code", "indicator", "base", "delivered", "verdict"];

/// Parses one year's results against the registry (`codes` maps a code to its LAO index)
/// and that year's catalog. Rows with problems are reported and left out (the build fails).
pub fn parse(
    text: &str,
    file: &str,
    laos: &[Lao],
    codes: &HashMap<&str, usize>,
    catalog: &Catalog,
    diags: &mut Diagnostics,
) -> Vec<Measure> {
    let ids: HashMap<&str, usize> =
        catalog.indicators.iter().enumerate().map(|(i, ind)| (ind.id.as_str(), i)).collect();
    // Line of the first row of each (LAO, indicator), 0 when none yet: a dense table, since a
    // national file fills most of it and hashing half a million pairs costs more.
    let width = catalog.indicators.len();
    let mut seen: Vec<u32> = vec![0; laos.len() * width];
    let mut out = Vec::new();
    csvfile::read(text, file, &HEADER, diags, |rec, diags| {
        let code = rec.get(0);
        let lao = codes.get(code).copied();
        if lao.is_none() {
            diags.error(
                rec.span(file, 0, "code"),
                format!("unknown LAO code `{code}`; expected a code listed in data/laos.csv"),
            );
        }
        let id = rec.get(1);
        let indicator = ids.get(id).copied();
        if indicator.is_none() {
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
                };
                diags.error(
                    rec.span(file, i, name),
                    format!("`{}` is {why}; expected a number of zero or more, or `-` for not applicable", rec.get(i)),
                );
                None
            }
        };
        let base = number(2, "base");
        let delivered = number(3, "delivered");
        let (Some(lao), Some(indicator), Some(base), Some(delivered)) = (lao, indicator, base, delivered) else {
            return;
        };
        let ind = &catalog.indicators[indicator];
        let kind = laos[lao].kind;
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
        let first = &mut seen[lao * width + indicator];
        if *first != 0 {
            diags.error(rec.span(file, 1, "indicator"), format!("LAO {code} already has a row for indicator {id} on line {first}; expected one row per LAO and indicator"));
            return;
        }
        *first = u32::try_from(rec.line).unwrap_or(u32::MAX);
        let verdict = rec.get(4);
        out.push(Measure {
            lao,
            indicator,
            base,
            delivered,
            given_verdict: (!verdict.is_empty()).then(|| verdict.to_string()),
            line: rec.line,
        });
    });
    out.sort_by_key(|m| (m.lao, m.indicator));
    out
}
