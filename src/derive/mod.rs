//! Derive: verdicts, per-area counts and peer medians. Pure: no I/O, nothing but the model in.

pub mod compare;
pub mod review;

use std::ops::Range;

use rayon::prelude::*;

use crate::diag::{Diagnostics, Span};
use crate::model::{LaoType, Site, Unit, Year};
use crate::text::numbers::arabic_digits;

pub use crate::model::LookupMap;

/// The official judgement of one (LAO, indicator) row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Ratio (or count) at or above the target: "สูงกว่าค่าเป้าหมาย".
    Meets,
    /// Below the target: "การพัฒนาในอนาคต".
    Below,
    /// Base above zero but nothing delivered: "ไม่ได้ดำเนินการ ในปีงบประมาณ พ.ศ. NNNN".
    NotDone,
    /// Base zero: "ไม่มีบริการสาธารณะ".
    NoService,
    /// Base "-": the indicator was not assessed for this LAO; shown as "-".
    NotAssessed,
}

impl Verdict {
    /// Every verdict, in the order summaries show them.
    pub const ALL: [Verdict; 5] =
        [Verdict::Meets, Verdict::Below, Verdict::NotDone, Verdict::NoService, Verdict::NotAssessed];

    /// Position in [`Verdict::ALL`], for tables of per-verdict texts.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The verdict text, verbatim as the official report words it.
    pub fn text_th(self, year_be: u16) -> String {
        match self {
            Verdict::Meets => "สูงกว่าค่าเป้าหมาย".into(),
            Verdict::Below => "การพัฒนาในอนาคต".into(),
            Verdict::NotDone => format!("ไม่ได้ดำเนินการ ในปีงบประมาณ พ.ศ. {year_be}"),
            Verdict::NoService => "ไม่มีบริการสาธารณะ".into(),
            Verdict::NotAssessed => "-".into(),
        }
    }

    /// A short label for summaries and legends.
    pub fn label_th(self) -> &'static str {
        match self {
            Verdict::Meets => "สูงกว่าค่าเป้าหมาย",
            Verdict::Below => "การพัฒนาในอนาคต",
            Verdict::NotDone => "ไม่ได้ดำเนินการ",
            Verdict::NoService => "ไม่มีบริการสาธารณะ",
            Verdict::NotAssessed => "ไม่ได้ประเมิน",
        }
    }

    /// Stable key for CSS classes and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Meets => "meets",
            Verdict::Below => "below",
            Verdict::NotDone => "not_done",
            Verdict::NoService => "no_service",
            Verdict::NotAssessed => "not_assessed",
        }
    }
}

/// Ratio in hundredths of a percent: delivered / base × 100, rounded to two decimals
/// (52.00384 → 5200). `None` when base is zero or either figure is missing.
pub fn ratio_hundredths(base: Option<f64>, delivered: Option<f64>) -> Option<i64> {
    match (base, delivered) {
        // One division, not "× 100, then × 100 again": with whole-number inputs an exact half
        // (23 / 4000 = 0.575 %) stays exact and rounds up to 0.58, as a reader rounds it.
        (Some(b), Some(d)) if b > 0.0 => Some((d * 10_000.0 / b).round() as i64),
        _ => None,
    }
}

/// Judges one row. Percent indicators compare the ratio as shown (two decimals) with the
/// target, so a ratio displayed as 80.00 always meets a target of 80; count indicators compare
/// the delivered count with the target directly.
pub fn judge(unit: Unit, base: Option<f64>, delivered: Option<f64>, target: f64) -> Verdict {
    match (base, delivered) {
        (None, _) => Verdict::NotAssessed,
        (Some(0.0), _) => Verdict::NoService,
        (Some(_), None) => Verdict::NotDone,
        (Some(_), Some(d)) => {
            let meets = match unit {
                Unit::Percent => ratio_hundredths(base, delivered).unwrap_or(0) >= (target * 100.0).round() as i64,
                Unit::Count => d >= target,
            };
            if meets { Verdict::Meets } else { Verdict::Below }
        }
    }
}

/// How many indicators got each verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Met the target.
    pub meets: u32,
    /// Below the target.
    pub below: u32,
    /// Not done this year.
    pub not_done: u32,
    /// No such service.
    pub no_service: u32,
    /// Not assessed ("-").
    pub not_assessed: u32,
}

impl Counts {
    /// Adds one verdict.
    pub fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Meets => self.meets += 1,
            Verdict::Below => self.below += 1,
            Verdict::NotDone => self.not_done += 1,
            Verdict::NoService => self.no_service += 1,
            Verdict::NotAssessed => self.not_assessed += 1,
        }
    }

    /// Adds another set of counts.
    pub fn merge(&mut self, o: &Counts) {
        self.meets += o.meets;
        self.below += o.below;
        self.not_done += o.not_done;
        self.no_service += o.no_service;
        self.not_assessed += o.not_assessed;
    }

    /// The count for one verdict.
    pub fn get(&self, v: Verdict) -> u32 {
        match v {
            Verdict::Meets => self.meets,
            Verdict::Below => self.below,
            Verdict::NotDone => self.not_done,
            Verdict::NoService => self.no_service,
            Verdict::NotAssessed => self.not_assessed,
        }
    }

    /// All rows counted.
    pub fn total(&self) -> u32 {
        self.meets + self.below + self.not_done + self.no_service + self.not_assessed
    }

    /// Rows that were judged against a target (met, below or not done).
    pub fn judged(&self) -> u32 {
        self.meets + self.below + self.not_done
    }
}

/// A median and how many values it was taken over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Median {
    /// The median, in hundredths (of a percent for percent indicators, of a unit for counts).
    pub hundredths: i64,
    /// How many LAOs it is taken over.
    pub n: u32,
}

/// The median of values in hundredths; the mean of the middle two for an even count, rounded.
pub fn median(values: &mut [i64]) -> Option<Median> {
    if values.is_empty() {
        return None;
    }
    let n = values.len();
    // Selected, not sorted: the upper middle value in place, the smaller ones before it.
    let (below, &mut upper, _) = values.select_nth_unstable(n / 2);
    // The sum is taken in i128: two huge ratios (tiny bases) must not overflow.
    let m = match below.iter().max() {
        Some(&lower) if n.is_multiple_of(2) => ((i128::from(lower) + i128::from(upper) + 1).div_euclid(2)) as i64,
        _ => upper,
    };
    Some(Median { hundredths: m, n: n as u32 })
}

/// The figures derived for one year.
#[derive(Debug, Clone)]
pub struct YearFigures {
    /// Verdict per measure, parallel to [`Year::measures`].
    pub verdicts: Vec<Verdict>,
    /// Ratio (percent) or delivered count, in hundredths, per measure; what medians are taken over.
    pub values: Vec<Option<i64>>,
    /// For each LAO (by index), the range of its measures.
    pub lao_rows: Vec<Range<usize>>,
    /// For each LAO, counts per area (by area index).
    pub lao_area_counts: Vec<Vec<Counts>>,
    /// Counts per area across the nation.
    pub national_area_counts: Vec<Counts>,
    /// Median per indicator and LAO type across the nation, at `indicator * types + type`
    /// (the order of [`LaoType::ALL`]); see [`YearFigures::type_median`].
    type_medians: Vec<Option<Median>>,
    /// Median per indicator and province, all types, at `indicator * provinces + province`;
    /// see [`YearFigures::province_median`].
    province_medians: Vec<Option<Median>>,
    /// Provinces in the registry (the stride of `province_medians`).
    provinces: usize,
    /// How many LAOs have at least one row this year.
    pub laos_with_results: usize,
}

impl YearFigures {
    /// The national median of an indicator (index into the year's catalog) over LAOs of one
    /// type; `None` when no LAO of the type has a value.
    pub fn type_median(&self, indicator: usize, kind: LaoType) -> Option<&Median> {
        self.type_medians.get(indicator * LaoType::ALL.len() + kind.index())?.as_ref()
    }

    /// How many provinces the province medians cover (the registry's).
    pub fn province_count(&self) -> usize {
        self.provinces
    }

    /// The median of an indicator over every LAO of a province (index into the registry's
    /// provinces); `None` when none has a value.
    pub fn province_median(&self, indicator: usize, province: usize) -> Option<&Median> {
        if province >= self.provinces {
            return None;
        }
        self.province_medians.get(indicator * self.provinces + province)?.as_ref()
    }

    /// Totals over all areas for one LAO.
    pub fn lao_totals(&self, lao: usize) -> Counts {
        let mut c = Counts::default();
        for a in &self.lao_area_counts[lao] {
            c.merge(a);
        }
        c
    }
}

/// Everything derived, per year (parallel to [`Site::years`]).
#[derive(Debug, Clone)]
pub struct Derived {
    /// Figures per year.
    pub years: Vec<YearFigures>,
    /// `indicator_maps[y][yy][i]`: the index in year `yy`'s catalog of the indicator with the
    /// id of year `y`'s indicator `i`, if that year has it. Pages that compare years look
    /// indicators up here instead of matching ids row by row.
    pub indicator_maps: Vec<Vec<Vec<Option<usize>>>>,
}

impl Derived {
    /// Where year `y`'s indicator `i` is in year `yy`'s catalog (see [`Derived::indicator_maps`]).
    pub fn indicator_in(&self, y: usize, i: usize, yy: usize) -> Option<usize> {
        self.indicator_maps.get(y)?.get(yy)?.get(i).copied().flatten()
    }
}

/// For every pair of the years' catalogs, where each indicator of the first is in the second.
fn indicator_maps(catalogs: &[&crate::model::Catalog]) -> Vec<Vec<Vec<Option<usize>>>> {
    let index: Vec<LookupMap<&str, usize>> = catalogs
        .iter()
        .map(|c| c.indicators.iter().enumerate().map(|(i, ind)| (ind.id.as_str(), i)).collect())
        .collect();
    catalogs
        .iter()
        .map(|c| {
            index
                .iter()
                .map(|other| c.indicators.iter().map(|ind| other.get(ind.id.as_str()).copied()).collect())
                .collect()
        })
        .collect()
}

/// The value a median is taken over: the ratio for percent indicators, the count for counts.
fn value_of(unit: Unit, base: Option<f64>, delivered: Option<f64>) -> Option<i64> {
    match unit {
        Unit::Percent => ratio_hundredths(base, delivered),
        Unit::Count => match (base, delivered) {
            (Some(b), Some(d)) if b > 0.0 => Some((d * 100.0).round() as i64),
            _ => None,
        },
    }
}

fn normalise_verdict(s: &str) -> String {
    arabic_digits(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when `given` is exactly the verdict's text: the common case, checked without allocating
/// (an export repeats one of five texts on hundreds of thousands of rows).
fn verdict_text_is(given: &str, v: Verdict, year_be: u16) -> bool {
    match v {
        Verdict::NotDone => given
            .strip_prefix("ไม่ได้ดำเนินการ ในปีงบประมาณ พ.ศ. ")
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|y| y.parse::<u16>().ok())
            .is_some_and(|y| y == year_be),
        Verdict::Meets => given == "สูงกว่าค่าเป้าหมาย",
        Verdict::Below => given == "การพัฒนาในอนาคต",
        Verdict::NoService => given == "ไม่มีบริการสาธารณะ",
        Verdict::NotAssessed => given == "-",
    }
}

fn derive_year(site: &Site, year: &Year, diags: &mut Diagnostics) -> YearFigures {
    let cat = &year.catalog;
    let mut verdicts = Vec::with_capacity(year.measures.len());
    let mut values = Vec::with_capacity(year.measures.len());
    let mut lao_rows = vec![0..0; site.laos.len()];
    let mut lao_area_counts = vec![Vec::new(); site.laos.len()];
    let mut national_area_counts = vec![Counts::default(); cat.areas.len()];
    // Values per (indicator, type) and (indicator, province), in dense tables: one hash lookup
    // per row and group costs more than the rest of the row's work.
    let types = LaoType::ALL.len();
    let provinces = site.provinces.len();
    let mut by_type: Vec<Vec<i64>> = vec![Vec::new(); cat.indicators.len() * types];
    let mut by_province: Vec<Vec<i64>> = vec![Vec::new(); cat.indicators.len() * provinces];
    let mut laos_with_results = 0;
    let mut start = 0;
    for (i, m) in year.measures.iter().enumerate() {
        let ind = &cat.indicators[m.indicator];
        let lao = &site.laos[m.lao];
        let target = ind.target.for_type(lao.kind).unwrap_or(0.0);
        let (base, delivered) = (m.base.get(), m.delivered.get());
        let v = judge(ind.unit, base, delivered, target);
        if let Some(given) = &m.given_verdict
            && !verdict_text_is(given, v, year.be)
        {
            let expected = v.text_th(year.be);
            if normalise_verdict(given) != normalise_verdict(&expected)
                && !(v == Verdict::NotAssessed && given.trim() == "-")
            {
                diags.warning(
                    Span::at(&year.results_file, m.line as usize, None).field("verdict"),
                    format!("the file says `{given}` but the figures give `{expected}` (code {}, indicator {}); the site shows the computed verdict", lao.code, ind.id),
                );
            }
        }
        let value = value_of(ind.unit, base, delivered);
        if let Some(val) = value {
            let t = lao.kind.index();
            by_type[m.indicator * types + t].push(val);
            by_province[m.indicator * provinces + lao.province].push(val);
        }
        if lao_area_counts[m.lao].is_empty() {
            lao_area_counts[m.lao] = vec![Counts::default(); cat.areas.len()];
            laos_with_results += 1;
        }
        lao_area_counts[m.lao][ind.area].add(v);
        national_area_counts[ind.area].add(v);
        verdicts.push(v);
        values.push(value);
        let last_of_lao = year.measures.get(i + 1).is_none_or(|n| n.lao != m.lao);
        if last_of_lao {
            lao_rows[m.lao] = start..i + 1;
            start = i + 1;
        }
    }
    report_missing_rows(site, year, &lao_rows, diags);
    // On every core: with more years than cores, the last year's medians would wait on one.
    let type_medians = by_type.par_iter_mut().map(|v| median(v)).collect();
    let province_medians = by_province.par_iter_mut().map(|v| median(v)).collect();
    YearFigures {
        verdicts,
        values,
        lao_rows,
        lao_area_counts,
        national_area_counts,
        type_medians,
        province_medians,
        provinces,
        laos_with_results,
    }
}

/// An LAO with results in a year but without a row for an indicator that applies to its type
/// would silently show fewer indicators; say so, once per year, with the first few examples.
fn report_missing_rows(site: &Site, year: &Year, lao_rows: &[Range<usize>], diags: &mut Diagnostics) {
    let cat = &year.catalog;
    let mut missing = 0usize;
    let mut examples = Vec::new();
    for (l, rows) in lao_rows.iter().enumerate() {
        if rows.is_empty() {
            continue;
        }
        let kind = site.laos[l].kind;
        let present: Vec<usize> = year.measures[rows.clone()].iter().map(|m| m.indicator).collect();
        for (i, ind) in cat.indicators.iter().enumerate() {
            if ind.applies(kind) && !present.contains(&i) {
                missing += 1;
                if examples.len() < 5 {
                    examples.push(format!("{} {}", site.laos[l].code, ind.id));
                }
            }
        }
    }
    if missing > 0 {
        diags.warning(
            Span::file(&year.results_file),
            format!(
                "{missing} (LAO, indicator) pairs that the catalog applies have no row, e.g. {}; their pages list only the rows given",
                examples.join(", ")
            ),
        );
    }
}

/// Derives every year's figures. Warnings (such as a verdict in the input that disagrees with
/// the figures) go to the returned diagnostics, in a stable order.
pub fn derive(site: &Site) -> (Derived, Diagnostics) {
    let results: Vec<(YearFigures, Diagnostics)> = site
        .years
        .par_iter()
        .map(|y| {
            let mut d = Diagnostics::new();
            let f = derive_year(site, y, &mut d);
            (f, d)
        })
        .collect();
    let mut diags = Diagnostics::new();
    let mut years = Vec::new();
    for (f, d) in results {
        years.push(f);
        diags.extend(d);
    }
    let catalogs: Vec<&crate::model::Catalog> = site.years.iter().map(|y| &y.catalog).collect();
    (Derived { years, indicator_maps: indicator_maps(&catalogs) }, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verdict_index_is_its_place_in_all() {
        for (i, v) in Verdict::ALL.iter().enumerate() {
            assert_eq!(v.index(), i, "{v:?}");
        }
    }

    #[test]
    fn indicators_are_matched_across_years_by_id_not_position() {
        let mut d = Diagnostics::new();
        let mut cat = |ids: &[&str]| {
            let mut y = String::from("title_th: t\nareas:\n  - {no: 1, name_th: ก}\nindicators:\n");
            for id in ids {
                y.push_str(&format!("  - {{id: \"{id}\", area: 1, text_th: ข, target: 80}}\n"));
            }
            crate::load::catalog::parse(&y, "catalog.yaml", &mut d).expect("catalog")
        };
        let (a, b) = (cat(&["1.1", "1.2", "1.3"]), cat(&["1.3", "1.1", "1.4"]));
        let maps = indicator_maps(&[&a, &b]);
        assert_eq!(maps[0][1], [Some(1), None, Some(0)]);
        assert_eq!(maps[1][0], [Some(2), Some(0), None]);
        assert_eq!(maps[0][0], [Some(0), Some(1), Some(2)]);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn every_verdict_rule() {
        assert_eq!(judge(Unit::Percent, Some(0.0), None, 80.0), Verdict::NoService);
        assert_eq!(judge(Unit::Percent, Some(0.0), Some(0.0), 80.0), Verdict::NoService);
        assert_eq!(judge(Unit::Percent, Some(10.0), None, 80.0), Verdict::NotDone);
        assert_eq!(judge(Unit::Percent, Some(20.0), Some(16.0), 80.0), Verdict::Meets, "exactly the target meets it");
        assert_eq!(judge(Unit::Percent, Some(20.0), Some(15.0), 80.0), Verdict::Below);
        assert_eq!(judge(Unit::Percent, None, None, 80.0), Verdict::NotAssessed);
        assert_eq!(judge(Unit::Count, Some(1.0), Some(2.0), 2.0), Verdict::Meets);
        assert_eq!(judge(Unit::Count, Some(1.0), Some(1.0), 2.0), Verdict::Below);
        assert_eq!(
            judge(Unit::Count, Some(1.0), Some(0.0), 2.0),
            Verdict::Below,
            "zero delivered is below, not 'not done'"
        );
        // 79.996 shows as 80.00, so it meets a target of 80.
        assert_eq!(judge(Unit::Percent, Some(100_000.0), Some(79_996.0), 80.0), Verdict::Meets);
        assert_eq!(judge(Unit::Percent, Some(100_000.0), Some(79_994.0), 80.0), Verdict::Below);
    }

    #[test]
    fn verdict_texts_are_verbatim() {
        assert_eq!(Verdict::NotDone.text_th(2567), "ไม่ได้ดำเนินการ ในปีงบประมาณ พ.ศ. 2567");
        assert_eq!(Verdict::Meets.text_th(2567), "สูงกว่าค่าเป้าหมาย");
        assert_eq!(Verdict::Below.text_th(2567), "การพัฒนาในอนาคต");
        assert_eq!(Verdict::NoService.text_th(2567), "ไม่มีบริการสาธารณะ");
    }

    #[test]
    fn ratio_rounds_to_two_decimals() {
        assert_eq!(ratio_hundredths(Some(100_000.0), Some(52_003.84)), Some(5200));
        assert_eq!(ratio_hundredths(Some(3.0), Some(1.0)), Some(3333));
        assert_eq!(ratio_hundredths(Some(3.0), Some(2.0)), Some(6667));
        assert_eq!(ratio_hundredths(Some(4000.0), Some(23.0)), Some(58), "0.575 rounds half up");
        assert_eq!(ratio_hundredths(Some(4000.0), Some(41.0)), Some(103), "1.025 rounds half up");
        assert_eq!(ratio_hundredths(Some(0.0), Some(2.0)), None);
        assert_eq!(ratio_hundredths(Some(5.0), None), None);
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut [5, 1, 3]), Some(Median { hundredths: 3, n: 3 }));
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(Median { hundredths: 3, n: 4 }), "(2+3)/2 rounds half up");
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [i64::MAX, i64::MAX]).map(|m| m.hundredths), Some(i64::MAX), "no overflow");
    }

    #[test]
    fn exact_verdict_texts_are_recognised_without_normalising() {
        for v in Verdict::ALL {
            assert!(verdict_text_is(&v.text_th(2567), v, 2567), "{v:?}");
        }
        assert!(!verdict_text_is("ไม่ได้ดำเนินการ ในปีงบประมาณ พ.ศ. 2566", Verdict::NotDone, 2567));
        assert!(!verdict_text_is("สูงกว่าค่าเป้าหมาย", Verdict::Below, 2567));
    }

    #[test]
    fn given_verdicts_are_compared_after_normalising_digits_and_spaces() {
        assert_eq!(normalise_verdict("ไม่ได้ดำเนินการ  ในปีงบประมาณ พ.ศ. ๒๕๖๗"), "ไม่ได้ดำเนินการ ในปีงบประมาณ พ.ศ. 2567");
    }
}
