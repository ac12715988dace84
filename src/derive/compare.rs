//! Comparisons the charts draw on: an LAO's indicators across years (trends, changed verdicts),
//! distributions of ratios among LAOs, per-area counts for a group of LAOs, and the plain-Thai
//! comparison of an area with the LAO's national peers. Pure: figures in, figures out; the
//! thresholds are constants documented in docs/charts.md.

use crate::derive::{Counts, Derived, Verdict, YearFigures, median};
use crate::model::{LaoType, Site, Unit};

/// A five-number summary of values in hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Spread {
    /// How many values.
    pub n: u32,
    /// Lowest.
    pub min: i64,
    /// First quartile.
    pub q1: i64,
    /// Median (the same as [`crate::derive::median`] gives).
    pub median: i64,
    /// Third quartile.
    pub q3: i64,
    /// Highest.
    pub max: i64,
}

/// The value at fraction `num/den` of the way through sorted values, interpolated linearly
/// between neighbours and rounded half up in integers (so no float noise and the median equals
/// [`crate::derive::median`]).
fn quantile(sorted: &[i64], num: usize, den: usize) -> i64 {
    let k = (sorted.len() - 1) * num;
    let (i, r) = (k / den, (k % den) as i64);
    if r == 0 {
        return sorted[i];
    }
    let (a, b) = (sorted[i], sorted[i + 1]);
    a + ((b - a) * r + den as i64 / 2).div_euclid(den as i64)
}

/// Summarises values (in any order); `None` when there are none.
pub fn spread_of(values: &[i64]) -> Option<Spread> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_unstable();
    Some(Spread {
        n: v.len() as u32,
        min: v[0],
        q1: quantile(&v, 1, 4),
        median: quantile(&v, 1, 2),
        q3: quantile(&v, 3, 4),
        max: v[v.len() - 1],
    })
}

/// One LAO type's ratios for one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeSpread {
    /// The type.
    pub kind: LaoType,
    /// Summary.
    pub spread: Spread,
    /// The values, sorted.
    pub values: Vec<i64>,
    /// The target for this type, in hundredths.
    pub target: Option<i64>,
}

/// One percent indicator's distribution per type.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorSpread {
    /// Index into the year's catalog.
    pub indicator: usize,
    /// One entry per type with at least one ratio, in [`LaoType::ALL`] order.
    pub by_type: Vec<TypeSpread>,
}

/// A target in hundredths.
pub fn target_hundredths(t: f64) -> i64 {
    (t * 100.0).round() as i64
}

/// Distributions of the ratios of every percent indicator of year `y` among the LAOs `laos`
/// (indices into the registry), per type. Indicators with no ratio at all are left out.
pub fn spreads(
    site: &Site,
    fig: &YearFigures,
    y: usize,
    laos: impl IntoIterator<Item = usize>,
) -> Vec<IndicatorSpread> {
    let year = &site.years[y];
    let cat = &year.catalog;
    let mut values: Vec<[Vec<i64>; 7]> = vec![Default::default(); cat.indicators.len()];
    for i in laos.into_iter().flat_map(|l| fig.lao_rows[l].clone()) {
        let m = &year.measures[i];
        if cat.indicators[m.indicator].unit != Unit::Percent {
            continue;
        }
        if let Some(v) = fig.values[i] {
            let t = LaoType::ALL.iter().position(|&t| t == site.laos[m.lao].kind).unwrap_or(0);
            values[m.indicator][t].push(v);
        }
    }
    values
        .into_iter()
        .enumerate()
        .filter_map(|(ind, per_type)| {
            let by_type: Vec<TypeSpread> = per_type
                .into_iter()
                .enumerate()
                .filter_map(|(t, mut v)| {
                    v.sort_unstable();
                    let kind = LaoType::ALL[t];
                    spread_of(&v).map(|spread| TypeSpread {
                        kind,
                        spread,
                        values: v,
                        target: cat.indicators[ind].target.for_type(kind).map(target_hundredths),
                    })
                })
                .collect();
            (!by_type.is_empty()).then_some(IndicatorSpread { indicator: ind, by_type })
        })
        .collect()
}

/// Verdict counts per area (catalog order) over the LAOs `laos` (indices into the registry).
pub fn area_counts(site: &Site, fig: &YearFigures, y: usize, laos: impl IntoIterator<Item = usize>) -> Vec<Counts> {
    let year = &site.years[y];
    let mut out = vec![Counts::default(); year.catalog.areas.len()];
    for i in laos.into_iter().flat_map(|l| fig.lao_rows[l].clone()) {
        out[year.catalog.indicators[year.measures[i].indicator].area].add(fig.verdicts[i]);
    }
    out
}

/// Why an indicator's figure in one year does not compare with the year before.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The target for the LAO's type changed (from, to; in hundredths).
    Target(i64, i64),
    /// The indicator's wording changed.
    Wording,
}

impl Change {
    /// A short Thai note ("ค่าเป้าหมาย 80 → 85").
    pub fn note_th(&self) -> String {
        match self {
            Change::Target(a, b) => format!(
                "ค่าเป้าหมาย {} → {}",
                crate::text::numbers::format_number(*a as f64 / 100.0),
                crate::text::numbers::format_number(*b as f64 / 100.0)
            ),
            Change::Wording => "ถ้อยคำตัวชี้วัดเปลี่ยน".into(),
        }
    }
}

/// One year of one indicator for one LAO.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendYear {
    /// Year index.
    pub year: usize,
    /// พ.ศ.
    pub be: u16,
    /// The ratio in hundredths, if any.
    pub value: Option<i64>,
    /// The target for the LAO's type, in hundredths.
    pub target: i64,
    /// The verdict.
    pub verdict: Verdict,
    /// Set when this year does not compare with the previous point.
    pub change: Option<Change>,
}

/// One percent indicator's history for one LAO.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorTrend {
    /// Indicator id (the same in every year).
    pub id: String,
    /// Index of the indicator in the latest year's catalog.
    pub indicator: usize,
    /// Years, oldest first; at least two.
    pub years: Vec<TrendYear>,
}

/// The measure of LAO `l` in year `yy` for the indicator with the id of year `y`'s indicator
/// `ind`, if any: an LAO's rows are sorted by indicator, so a binary search finds it.
fn measure_in(site: &Site, derived: &Derived, y: usize, ind: usize, yy: usize, l: usize) -> Option<usize> {
    let target = derived.indicator_in(y, ind, yy)?;
    let rows = derived.years[yy].lao_rows[l].clone();
    let measures = site.years[yy].measures.get(rows.clone())?;
    measures.binary_search_by_key(&target, |m| m.indicator).ok().map(|k| rows.start + k)
}

/// For each percent indicator LAO `l` has in year `y`, its figures in every year up to `y` in
/// which the LAO has the same indicator id; only indicators with two years or more.
pub fn lao_trends(site: &Site, derived: &Derived, l: usize, y: usize) -> Vec<IndicatorTrend> {
    let kind = site.laos[l].kind;
    let mut out = Vec::new();
    for i in derived.years[y].lao_rows[l].clone() {
        let year = &site.years[y];
        let ind_idx = year.measures[i].indicator;
        let ind = &year.catalog.indicators[ind_idx];
        if ind.unit != Unit::Percent {
            continue;
        }
        // The raw wording (with `{lao}` unfilled) is compared: for one type it differs exactly
        // when the filled-in wording does, without building a string per year.
        let mut points: Vec<TrendYear> = Vec::with_capacity(y + 1);
        // The wording of the last point, to compare with the next.
        let mut last_text = "";
        for yy in 0..=y {
            let Some(mi) = measure_in(site, derived, y, ind_idx, yy, l) else { continue };
            let yr = &site.years[yy];
            let this = &yr.catalog.indicators[yr.measures[mi].indicator];
            if this.unit != Unit::Percent {
                // A count in an earlier year is a different measure: start the history after it.
                points.clear();
                continue;
            }
            let target = target_hundredths(this.target.for_type(kind).unwrap_or(0.0));
            let text = this.text_th.as_str();
            let change = points.last().and_then(|prev| {
                if prev.target != target {
                    Some(Change::Target(prev.target, target))
                } else if last_text != text {
                    Some(Change::Wording)
                } else {
                    None
                }
            });
            let fig = &derived.years[yy];
            points.push(TrendYear {
                year: yy,
                be: yr.be,
                value: fig.values[mi],
                target,
                verdict: fig.verdicts[mi],
                change,
            });
            last_text = text;
        }
        if points.len() >= 2 {
            out.push(IndicatorTrend { id: ind.id.clone(), indicator: ind_idx, years: points });
        }
    }
    out
}

/// An indicator whose verdict differs from the year before.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictChange {
    /// Indicator id.
    pub id: String,
    /// Index into the current year's catalog.
    pub indicator: usize,
    /// Last time's verdict.
    pub from: Verdict,
    /// This year's verdict.
    pub to: Verdict,
    /// Set when the target or wording changed too, so the two verdicts judge different things.
    pub change: Option<Change>,
}

/// The previous year (index) LAO `l` has results in before year `y`, and the indicators whose
/// verdict changed since then, in the current catalog's order. `None` when there is no earlier year.
pub fn verdict_changes(site: &Site, derived: &Derived, l: usize, y: usize) -> Option<(usize, Vec<VerdictChange>)> {
    let prev = (0..y).rev().find(|&p| !derived.years[p].lao_rows[l].is_empty())?;
    let kind = site.laos[l].kind;
    let (year, pyear) = (&site.years[y], &site.years[prev]);
    let mut out = Vec::new();
    for i in derived.years[y].lao_rows[l].clone() {
        let ind_idx = year.measures[i].indicator;
        let ind = &year.catalog.indicators[ind_idx];
        let Some(pi) = measure_in(site, derived, y, ind_idx, prev, l) else { continue };
        let (to, from) = (derived.years[y].verdicts[i], derived.years[prev].verdicts[pi]);
        if to == from || to == Verdict::NotAssessed || from == Verdict::NotAssessed {
            continue;
        }
        let pind = &pyear.catalog.indicators[pyear.measures[pi].indicator];
        let (t0, t1) = (
            target_hundredths(pind.target.for_type(kind).unwrap_or(0.0)),
            target_hundredths(ind.target.for_type(kind).unwrap_or(0.0)),
        );
        let change = if t0 != t1 {
            Some(Change::Target(t0, t1))
        } else if pind.text_th != ind.text_th || pind.unit != ind.unit {
            Some(Change::Wording)
        } else {
            None
        };
        out.push(VerdictChange { id: ind.id.clone(), indicator: ind_idx, from, to, change });
    }
    Some((prev, out))
}

/// Peers needed (LAOs of the same type with a ratio, the LAO itself included) before an
/// indicator's national median is used in the comparison sentence.
pub const MIN_PEERS: u32 = 3;
/// Gaps up to this many hundredths of a percentage point read as "close to" the median.
pub const CLOSE: i64 = 200;
/// Gaps above [`CLOSE`] and up to this read as "slightly" above or below; beyond it, "well".
pub const CLEAR: i64 = 1_000;

/// How an area of one LAO compares with the national median of its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// Median over the area's indicators of (LAO ratio − type median), in hundredths of a point.
    pub median_gap: i64,
    /// Indicators compared.
    pub n: u32,
}

/// One percent row's part in its area's [`Gap`]: the LAO's ratio less its type's national
/// median, when both exist and the median is over at least [`MIN_PEERS`] LAOs.
pub fn row_gap(value: Option<i64>, type_median: Option<&crate::derive::Median>) -> Option<i64> {
    let peer = type_median.filter(|p| p.n >= MIN_PEERS)?;
    value.map(|v| v - peer.hundredths)
}

/// The [`Gap`] of an area from its rows' [`row_gap`]s.
pub fn gap_of(gaps: &mut [i64]) -> Option<Gap> {
    median(gaps).map(|m| Gap { median_gap: m.hundredths, n: m.n })
}

/// A type's name inside a sentence: an abbreviation such as "อบต." stands apart from the words
/// around it ("ของ อบต. ทั่วประเทศ"), a name written out runs on ("ของเทศบาลตำบลทั่วประเทศ").
pub fn push_type(s: &mut String, type_label: &str) {
    if type_label.ends_with('.') {
        s.push(' ');
        s.push_str(type_label);
        s.push(' ');
    } else {
        s.push_str(type_label);
    }
}

/// The plain-Thai comparison of an area with the national median of the LAO's type, chosen by
/// the fixed thresholds [`CLOSE`] and [`CLEAR`]; `type_label` is "อบต.", "เทศบาลตำบล", ...
pub fn comparison_sentence(gap: Option<Gap>, type_label: &str) -> String {
    // Written piece by piece: every LAO page has one per area, so this runs about 250,000
    // times in a national build.
    let mut s = String::with_capacity(256);
    let Some(g) = gap else {
        s.push_str("ยังเทียบกับค่ากลางของ");
        push_type(&mut s, type_label);
        s.push_str("ทั่วประเทศไม่ได้ เพราะไม่มีตัวชี้วัดร้อยละที่มี");
        push_type(&mut s, type_label);
        s.push_str("ให้เทียบอย่างน้อย ");
        s.push_str(itoa::Buffer::new().format(MIN_PEERS));
        s.push_str(" แห่ง");
        return s;
    };
    let d = g.median_gap;
    if d.abs() <= CLOSE {
        s.push_str("ใกล้เคียงกับ");
    } else {
        s.push_str(if d > 0 { "สูงกว่า" } else { "ต่ำกว่า" });
    }
    s.push_str("ค่ากลางของ");
    push_type(&mut s, type_label);
    s.push_str("ทั่วประเทศ");
    if d.abs() > CLOSE {
        s.push_str(if d.abs() <= CLEAR { "เล็กน้อย" } else { "มาก" });
    }
    s.push_str(" (ส่วนต่างโดยทั่วไป ");
    if d > 0 {
        s.push('+');
    }
    crate::text::numbers::push_hundredths(&mut s, d);
    s.push_str(" จุด จาก ");
    s.push_str(itoa::Buffer::new().format(g.n));
    s.push_str(" ตัวชี้วัด)");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_and_the_median_matches_derive() {
        let s = spread_of(&[40, 10, 30, 20]).unwrap();
        assert_eq!(s, Spread { n: 4, min: 10, q1: 18, median: 25, q3: 33, max: 40 });
        assert_eq!(crate::derive::median(&mut [40, 10, 30, 20]).unwrap().hundredths, s.median);
        assert_eq!(spread_of(&[7]).unwrap(), Spread { n: 1, min: 7, q1: 7, median: 7, q3: 7, max: 7 });
        assert_eq!(spread_of(&[]), None);
    }

    #[test]
    fn the_sentence_at_each_threshold() {
        let s = |d: i64| comparison_sentence(Some(Gap { median_gap: d, n: 4 }), "เทศบาลตำบล");
        assert_eq!(s(0), "ใกล้เคียงกับค่ากลางของเทศบาลตำบลทั่วประเทศ (ส่วนต่างโดยทั่วไป 0.00 จุด จาก 4 ตัวชี้วัด)");
        assert!(s(200).starts_with("ใกล้เคียงกับ"), "2.00 points is still close");
        assert!(s(-200).starts_with("ใกล้เคียงกับ"));
        assert!(s(201).starts_with("สูงกว่าค่ากลางของเทศบาลตำบลทั่วประเทศเล็กน้อย (ส่วนต่างโดยทั่วไป +2.01"));
        assert!(s(1_000).starts_with("สูงกว่าค่ากลางของเทศบาลตำบลทั่วประเทศเล็กน้อย"));
        assert!(s(1_001).starts_with("สูงกว่าค่ากลางของเทศบาลตำบลทั่วประเทศมาก"));
        assert!(s(-201).starts_with("ต่ำกว่าค่ากลางของเทศบาลตำบลทั่วประเทศเล็กน้อย (ส่วนต่างโดยทั่วไป -2.01"));
        assert!(s(-1_001).starts_with("ต่ำกว่าค่ากลางของเทศบาลตำบลทั่วประเทศมาก"));
        assert!(
            comparison_sentence(None, "อบต.")
                .starts_with("ยังเทียบกับค่ากลางของ อบต. ทั่วประเทศไม่ได้ เพราะไม่มีตัวชี้วัดร้อยละที่มี อบต. ให้เทียบ")
        );
    }

    #[test]
    fn change_notes() {
        assert_eq!(Change::Target(8_000, 8_500).note_th(), "ค่าเป้าหมาย 80 → 85");
        assert_eq!(Change::Wording.note_th(), "ถ้อยคำตัวชี้วัดเปลี่ยน");
    }
}
