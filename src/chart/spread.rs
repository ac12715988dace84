//! Distribution of one indicator's ratios across many LAOs, one row per LAO type: a box from the
//! first to the third quartile with whiskers to the lowest and highest value and a bold median
//! line; when a type has only a few LAOs, their values are drawn as dots instead, because a box
//! over three values suggests more than there is. The target is a tall dashed tick, so it is not taken for the median.

use super::{Chart, Segs, Svg, Table, WIDTH, axis_max};
use crate::derive::compare::Spread;

/// Up to this many LAOs are drawn one dot each instead of a box.
pub const DOTS_UP_TO: usize = 7;

/// One type's distribution for one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct SpreadRow {
    /// Short type label drawn in the chart ("ทต.").
    pub label: String,
    /// Full type label, for the table.
    pub name: String,
    /// Summary of the values, in hundredths.
    pub spread: Spread,
    /// The values themselves when there are at most [`DOTS_UP_TO`]; empty otherwise.
    pub values: Vec<i64>,
    /// The target for this type, in hundredths.
    pub target: Option<i64>,
}

/// One indicator: its id and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct SpreadGroup {
    /// Indicator id.
    pub id: String,
    /// One row per type.
    pub rows: Vec<SpreadRow>,
}

// Room for the labels and values at the larger type a narrow phone gets (docs/charts.md).
const ID_W: f64 = 40.0;
const LABEL_W: f64 = 88.0;
const RIGHT_W: f64 = 56.0;
const TOP: f64 = 6.0;
const ROW_H: f64 = 22.0;
const GAP: f64 = 8.0;
const AXIS_H: f64 = 20.0;

/// Draws every group on one shared 0-100 % scale.
pub fn spread(id: &str, title: &str, desc: &str, groups: &[SpreadGroup]) -> Chart {
    let max =
        axis_max(groups.iter().flat_map(|g| g.rows.iter().flat_map(|r| [Some(r.spread.max), r.target])).flatten());
    let x_of = |v: i64| LABEL_W + (WIDTH - LABEL_W - RIGHT_W) * (v.clamp(0, max) as f64) / max as f64;
    let n_rows: usize = groups.iter().map(|g| g.rows.len()).sum();
    let bottom = TOP + ROW_H * n_rows as f64 + GAP * groups.len().saturating_sub(1) as f64;
    let mut svg = Svg::new(id, bottom + AXIS_H, "spread", title, desc);
    let mut grid = Segs::default();
    let mut g = 0;
    while g <= max {
        grid.v(x_of(g), TOP - 4.0, bottom);
        if g % 5_000 == 0 || g == max {
            svg.text_int("tick", x_of(g), bottom + 15.0, "middle", g / 100);
        }
        g += 2_500;
    }
    svg.path("grid", &grid);
    // Whiskers, medians and targets of every row, one path per kind; boxes and dots after them.
    let (mut seps, mut whiskers, mut medians, mut targets) =
        (Segs::default(), Segs::default(), Segs::default(), Segs::default());
    let mut marks = Svg::fragment();
    let mut y = TOP;
    for (gi, group) in groups.iter().enumerate() {
        if gi > 0 {
            y += GAP;
            seps.h(0.0, WIDTH, y - GAP / 2.0);
        }
        svg.text("lab", 0.0, y + ROW_H / 2.0 + 5.0, "start", &group.id);
        for r in &group.rows {
            let cy = y + ROW_H / 2.0;
            svg.text("lab2", ID_W, cy + 5.0, "start", &r.label);
            let s = &r.spread;
            if r.values.is_empty() {
                whiskers.h(x_of(s.min), x_of(s.max), cy);
                marks.rect("box", x_of(s.q1), cy - 5.0, x_of(s.q3) - x_of(s.q1), 10.0);
            } else {
                for &v in &r.values {
                    marks.circle("sp", x_of(v), cy, 3.0);
                }
            }
            medians.v(x_of(s.median), cy - 7.0, cy + 7.0);
            if let Some(t) = r.target {
                targets.v(x_of(t), cy - 10.0, cy + 10.0);
            }
            svg.text_hundredths("val", WIDTH - 2.0, cy + 5.0, "end", s.median);
            y += ROW_H;
        }
    }
    svg.path("sep", &seps);
    svg.path("wh", &whiskers);
    svg.raw(&marks.into_inner());
    svg.path("med", &medians);
    svg.path("tgt-d", &targets);
    let head = ["ตัวชี้วัด", "ประเภท", "จำนวน อปท.", "ต่ำสุด", "ควอร์ไทล์ที่ 1", "ค่ากลาง", "ควอร์ไทล์ที่ 3", "สูงสุด", "ค่าเป้าหมาย"];
    let mut table = Table::new(head.iter().map(|s| s.to_string()).collect(), groups.iter().map(|g| g.rows.len()).sum());
    for g in groups {
        for r in &g.rows {
            let s = &r.spread;
            table.text(&g.id);
            table.text(&r.name);
            table.uint(s.n as u64);
            for h in [s.min, s.q1, s.median, s.q3, s.max] {
                table.hundredths(Some(h));
            }
            table.hundredths(r.target);
        }
    }
    Chart { id: id.to_string(), svg: svg.finish(), table }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::compare::spread_of;

    #[test]
    fn many_values_draw_a_box_few_draw_dots() {
        let many: Vec<i64> = (0..=10).map(|i| i * 1_000).collect();
        let few = vec![2_000, 6_000];
        let groups = [SpreadGroup {
            id: "1.1".into(),
            rows: vec![
                SpreadRow {
                    label: "อบต.".into(),
                    name: "อบต.".into(),
                    spread: spread_of(&many).unwrap(),
                    values: vec![],
                    target: Some(8_000),
                },
                SpreadRow {
                    label: "ทต.".into(),
                    name: "เทศบาลตำบล".into(),
                    spread: spread_of(&few).unwrap(),
                    values: few.clone(),
                    target: Some(8_000),
                },
            ],
        }];
        let c = spread("s", "t", "d", &groups);
        // Track from x 88 to 304 (216 px); quartiles of 0..100 step 10 are 25 and 75.
        assert!(c.svg.contains(r#"<rect class="box" x="142" y="12" width="108" height="10"/>"#), "{}", c.svg);
        assert!(c.svg.contains(r#"<path class="wh" d="M88 17H304"/>"#), "{}", c.svg);
        assert!(c.svg.contains(r#"<path class="med" d="M196 10V24M174.4 32V46"/>"#), "{}", c.svg);
        assert_eq!(c.svg.matches(r#"<circle class="sp""#).count(), 2);
        assert!(c.svg.contains(r#"<circle class="sp" cx="131.2" cy="39" r="3"/>"#));
        assert_eq!(c.table.rows()[0], ["1.1", "อบต.", "11", "0.00", "25.00", "50.00", "75.00", "100.00", "80.00"]);
        assert_eq!(c.table.rows()[1][5], "40.00", "median of two is their mean");
    }
}
