//! What is probably wrong though valid: the office's review before publishing (`prakat check
//! --review`). Nothing here stops a build; each finding names the LAO, the year, the indicator
//! and the row of the results file, so the office can correct its data before citizens see it.

use crate::derive::Derived;
use crate::model::{Site, Unit};

/// The kinds of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Delivered (2) above base (1) for a percentage: a ratio above 100 %.
    AboveBase,
    /// Something delivered where the base is 0.
    DeliveredWithoutBase,
    /// Every figure of an LAO equal to its figures of the year before.
    SameAsLastYear,
    /// A base (1) that grew or shrank more than five times since the year before.
    Jump,
    /// An LAO of the registry without a row in a year that has results.
    NoResults,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 5] =
        [Kind::AboveBase, Kind::DeliveredWithoutBase, Kind::SameAsLastYear, Kind::Jump, Kind::NoResults];

    /// A short name (the CSV's `kind` column).
    pub fn key(self) -> &'static str {
        match self {
            Kind::AboveBase => "above_base",
            Kind::DeliveredWithoutBase => "delivered_without_base",
            Kind::SameAsLastYear => "same_as_last_year",
            Kind::Jump => "jump",
            Kind::NoResults => "no_results",
        }
    }

    /// What it means, for the heading of its list.
    pub fn title(self) -> &'static str {
        match self {
            Kind::AboveBase => "delivered (2) above base (1): a ratio above 100 %",
            Kind::DeliveredWithoutBase => "something delivered (2) where the base (1) is 0",
            Kind::SameAsLastYear => "every figure the same as the year before (copied?)",
            Kind::Jump => "a base (1) more than five times larger or smaller than the year before",
            Kind::NoResults => "LAOs of the registry with no results in a year that has results",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What kind.
    pub kind: Kind,
    /// Index of the year in `Site::years`.
    pub year: usize,
    /// Index of the LAO.
    pub lao: usize,
    /// The indicator's id, where the finding is about one.
    pub indicator: Option<String>,
    /// The results file's line of the row (0 when there is no row).
    pub line: u32,
    /// The figures behind it, in words.
    pub detail: String,
}

fn num(v: f64) -> String {
    crate::text::numbers::format_number(v)
}

/// Every finding, by year, LAO and indicator.
pub fn review(site: &Site, derived: &Derived) -> Vec<Finding> {
    let mut out = Vec::new();
    let rows_of: Vec<&Vec<std::ops::Range<usize>>> = derived.years.iter().map(|f| &f.lao_rows).collect();
    for (yi, year) in site.years.iter().enumerate() {
        let cat = &year.catalog;
        for m in &year.measures {
            let (Some(base), Some(delivered)) = (m.base.get(), m.delivered.get()) else { continue };
            let ind = &cat.indicators[m.indicator];
            let at = |kind, detail| Finding {
                kind,
                year: yi,
                lao: m.lao,
                indicator: Some(ind.id.clone()),
                line: m.line,
                detail,
            };
            if base == 0.0 && delivered > 0.0 {
                out.push(at(Kind::DeliveredWithoutBase, format!("(1) 0, (2) {}", num(delivered))));
            } else if ind.unit == Unit::Percent && delivered > base {
                out.push(at(
                    Kind::AboveBase,
                    format!("(1) {}, (2) {}: {:.2} %", num(base), num(delivered), delivered / base * 100.0),
                ));
            }
        }
        if year.measures.is_empty() {
            continue;
        }
        for (l, rows) in rows_of[yi].iter().enumerate() {
            if rows.is_empty() {
                out.push(Finding {
                    kind: Kind::NoResults,
                    year: yi,
                    lao: l,
                    indicator: None,
                    line: 0,
                    detail: String::new(),
                });
                continue;
            }
            // The year before that has rows for this LAO.
            let Some(prev) = (0..yi).rev().find(|&p| !rows_of[p][l].is_empty()) else { continue };
            let before = &site.years[prev];
            let old: std::collections::HashMap<&str, (Option<f64>, Option<f64>)> = rows_of[prev][l]
                .clone()
                .map(|i| {
                    let m = &before.measures[i];
                    (before.catalog.indicators[m.indicator].id.as_str(), (m.base.get(), m.delivered.get()))
                })
                .collect();
            let (mut shared, mut same, mut any_figure) = (0, 0, false);
            for i in rows.clone() {
                let m = &year.measures[i];
                let id = &cat.indicators[m.indicator].id;
                let Some(&(ob, od)) = old.get(id.as_str()) else { continue };
                shared += 1;
                if (ob, od) == (m.base.get(), m.delivered.get()) {
                    same += 1;
                    any_figure |= m.base.get().is_some_and(|b| b > 0.0);
                }
                if let (Some(a), Some(b)) = (ob, m.base.get())
                    && a > 0.0
                    && b > 0.0
                    && (b / a > 5.0 || a / b > 5.0)
                    && (a - b).abs() >= 10.0
                {
                    out.push(Finding {
                        kind: Kind::Jump,
                        year: yi,
                        lao: l,
                        indicator: Some(id.clone()),
                        line: m.line,
                        detail: format!("(1) {} in {} -> {} in {}", num(a), before.be, num(b), year.be),
                    });
                }
            }
            if shared >= 5 && same == shared && any_figure {
                out.push(Finding {
                    kind: Kind::SameAsLastYear,
                    year: yi,
                    lao: l,
                    indicator: None,
                    line: year.measures[rows.start].line,
                    detail: format!("{shared} rows equal to {}", before.be),
                });
            }
        }
    }
    out.sort_by_key(|f| (f.kind, f.year, f.lao, f.line));
    out
}

/// One line for a terminal: the LAO, the year, the indicator, the row and the figures.
pub fn line(site: &Site, f: &Finding) -> String {
    let lao = &site.laos[f.lao];
    let y = &site.years[f.year];
    let mut s = format!("{} {} ({}) {}", lao.code, lao.full_name_th(), site.provinces[lao.province].name_th, y.be);
    if let Some(id) = &f.indicator {
        s.push_str(&format!(" indicator {id}"));
    }
    if f.line > 0 {
        s.push_str(&format!(" [{}:{}]", y.results_file, f.line));
    }
    if !f.detail.is_empty() {
        s.push_str(": ");
        s.push_str(&f.detail);
    }
    s
}
