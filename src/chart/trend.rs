//! Trend small multiples: one row per indicator, the LAO's ratio in each year it was assessed,
//! on one shared year axis. The line is broken (and a dashed rule drawn) where the target or the
//! wording changed between two years, because the two figures then measure different things.

use super::{Chart, Segs, Svg, Table, WIDTH, axis_max};
use crate::text::escape::markup_into;
use crate::text::numtext;

/// One year of one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    /// พ.ศ.
    pub be: u16,
    /// The ratio in hundredths; `None` when there is none that year (not done, no service).
    pub value: Option<i64>,
    /// The target that year, in hundredths.
    pub target: i64,
    /// Why this year is not comparable with the one before ("ค่าเป้าหมาย 80 → 85"); `None` when it is.
    pub change: Option<String>,
}

/// One indicator's years.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendRow<'a> {
    /// Indicator id.
    pub id: &'a str,
    /// Points, oldest first.
    pub points: Vec<TrendPoint>,
}

const LABEL_W: f64 = 40.0;
const X0: f64 = 72.0;
const X1: f64 = WIDTH - 30.0;
const TOP: f64 = 4.0;
/// Each row: a band of numbers on top (so labels never collide with marks), then the plot.
const ROW_H: f64 = 60.0;
const NUM_H: f64 = 16.0;
const PLOT_H: f64 = 34.0;
const AXIS_H: f64 = 18.0;

/// Where a trend chart puts things: its axis and rows.
struct Layout<'y> {
    years: &'y [u16],
    max: i64,
    step: f64,
}

impl Layout<'_> {
    fn x_of(&self, be: u16) -> f64 {
        X0 + self.step * self.years.iter().position(|&y| y == be).unwrap_or(0) as f64
    }

    fn top_of(i: usize) -> f64 {
        TOP + ROW_H * i as f64
    }

    fn y_in(&self, top: f64, v: i64) -> f64 {
        top + NUM_H + 4.0 + PLOT_H - PLOT_H * (v.clamp(0, self.max) as f64) / self.max as f64
    }
}

/// Draws the rows on a shared axis of `years` (ascending พ.ศ.).
pub fn trend(id: &str, title: &str, desc: &str, years: &[u16], rows: &[TrendRow<'_>]) -> Chart {
    let max = axis_max(rows.iter().flat_map(|r| r.points.iter().flat_map(|p| [p.value, Some(p.target)])).flatten());
    let step = if years.len() > 1 { (X1 - X0) / (years.len() - 1) as f64 } else { 0.0 };
    let at = Layout { years, max, step };
    // About 600 bytes of marks and labels a row: sized once rather than grown by doubling.
    let buf = String::with_capacity(2048 + rows.len() * 640);
    let mut svg = draw_frame(buf, id, title, desc, &at, rows);
    // Line segments between consecutive comparable years that both have a value.
    let mut run: Vec<(f64, f64)> = Vec::with_capacity(years.len());
    for (i, r) in rows.iter().enumerate() {
        let top = Layout::top_of(i);
        let y_of = |v: i64| at.y_in(top, v);
        let flush = |run: &mut Vec<(f64, f64)>, svg: &mut Svg| {
            if run.len() > 1 {
                svg.polyline("tl", run);
            }
            run.clear();
        };
        for (k, p) in r.points.iter().enumerate() {
            if p.change.is_some() && k > 0 {
                flush(&mut run, &mut svg);
            }
            match p.value {
                Some(v) => run.push((at.x_of(p.be), y_of(v))),
                None => flush(&mut run, &mut svg),
            }
        }
        flush(&mut run, &mut svg);
        for p in &r.points {
            let x = at.x_of(p.be);
            // The value, rounded to a whole percent, in the band above the plot.
            match p.value {
                Some(v) => {
                    svg.circle("pt", x, y_of(v), 3.5);
                    svg.text_int("pv", x, top + NUM_H - 3.0, "middle", (v + 50) / 100);
                }
                None => svg.text("pv", x, top + NUM_H - 3.0, "middle", "–"),
            }
        }
    }
    let mut head = Vec::with_capacity(years.len() + 2);
    head.push("ตัวชี้วัด".to_string());
    head.extend(years.iter().map(|&y| [itoa::Buffer::new().format(y), " (%)"].concat()));
    head.push("เทียบกันไม่ได้เพราะ".into());
    // An LAO's own page has a row per percent indicator (about 60), each cell written into the
    // table's one buffer; the notes cell stays empty where nothing changed.
    let mut table = Table::new(head, rows.len());
    for r in rows {
        table.text(r.id);
        for &be in years {
            match r.points.iter().find(|p| p.be == be) {
                Some(p) => table.hundredths(p.value),
                None => table.cell_with(|_| {}),
            }
        }
        table.cell_with(|cell| {
            for (k, (p, c)) in r.points.iter().filter_map(|p| p.change.as_ref().map(|c| (p, c))).enumerate() {
                if k > 0 {
                    cell.push_str("; ");
                }
                cell.push_str("ปี ");
                numtext::push_uint(cell, u64::from(p.be));
                cell.push_str(": ");
                markup_into(cell, c);
            }
        });
    }
    Chart { id: id.to_string(), svg: svg.finish(), table }
}

/// A trend chart's frame: what depends only on its id, title, description, years, axis, and
/// each row's indicator, years, targets and breaks.
fn draw_frame(buf: String, id: &str, title: &str, desc: &str, at: &Layout<'_>, rows: &[TrendRow<'_>]) -> Svg {
    let bottom = TOP + ROW_H * rows.len() as f64;
    let mut svg = Svg::new_in(buf, id, bottom + AXIS_H, "trend", title, desc);
    for &be in at.years {
        svg.text_int("tick", at.x_of(be), bottom + 13.0, "middle", i64::from(be));
    }
    // Rules first (baselines, 100 % lines, breaks, targets), each class as one path.
    let (mut base, mut full, mut breaks, mut targets) = (
        Segs::with_room(rows.len()),
        Segs::with_room(rows.len()),
        Segs::with_room(rows.len()),
        Segs::with_room(rows.len() * at.years.len()),
    );
    for (i, r) in rows.iter().enumerate() {
        let top = Layout::top_of(i);
        base.h(X0 - 8.0, X1 + 8.0, at.y_in(top, 0));
        full.h(X0 - 8.0, X1 + 8.0, at.y_in(top, at.max));
        for (k, p) in r.points.iter().enumerate() {
            if p.change.is_some() && k > 0 {
                let xb = (at.x_of(r.points[k - 1].be) + at.x_of(p.be)) / 2.0;
                breaks.v(xb, top + 2.0, top + ROW_H - 4.0);
            }
            targets.h(at.x_of(p.be) - 9.0, at.x_of(p.be) + 9.0, at.y_in(top, p.target));
        }
        svg.text("lab", LABEL_W - 6.0, top + NUM_H + 4.0 + PLOT_H / 2.0 + 4.5, "end", r.id);
    }
    svg.path("grid", &base);
    svg.path("grid faint", &full);
    svg.path("brk", &breaks);
    svg.path("tgt-s", &targets);
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(be: u16, value: Option<i64>, target: i64, change: Option<&str>) -> TrendPoint {
        TrendPoint { be, value, target, change: change.map(str::to_string) }
    }

    #[test]
    fn points_and_one_unbroken_line() {
        let rows = [TrendRow {
            id: "1.1",
            points: vec![p(2565, Some(5_000), 8_000, None), p(2567, Some(10_000), 8_000, None)],
        }];
        let c = trend("t", "t", "d", &[2565, 2567], &rows);
        // Row 0: y of 0 % is 4 + 16 + 4 + 34 = 58, y of 100 % is 58 - 34 = 24; x from 72 to 330.
        assert!(c.svg.contains(r#"<polyline class="tl" points="72,41 330,24"/>"#), "{}", c.svg);
        assert!(c.svg.contains(r#"<path class="tgt-s" d="M63 30.8H81M321 30.8H339"/>"#), "{}", c.svg);
        assert!(c.svg.contains(r#"<g class="pv" text-anchor="middle"><text x="72" y="17">50</text>"#), "{}", c.svg);
        assert!(c.svg.contains(">50</text>") && c.svg.contains(">100</text>"), "values are written above the points");
        assert!(!c.svg.contains("brk"));
        assert_eq!(c.table.rows()[0], ["1.1", "50.00", "100.00", ""]);
    }

    #[test]
    fn a_changed_target_breaks_the_line() {
        let rows = [TrendRow {
            id: "1.1",
            points: vec![
                p(2565, Some(5_000), 8_000, None),
                p(2567, Some(6_000), 8_500, Some("ค่าเป้าหมาย 80 → 85")),
                p(2569, Some(7_000), 8_500, None),
            ],
        }];
        let c = trend("t", "t", "d", &[2565, 2567, 2569], &rows);
        assert!(c.svg.contains(r#"<path class="brk" d="M136.5 6V60"/>"#), "{}", c.svg);
        assert_eq!(c.svg.matches("<polyline").count(), 1, "only 2567-2569 are joined");
        assert!(c.svg.contains(r#"points="201,37.6 330,34.2""#), "{}", c.svg);
        assert_eq!(c.table.rows()[0][4], "ปี 2567: ค่าเป้าหมาย 80 → 85");
    }

    #[test]
    fn a_frame_drawn_before_serves_only_charts_with_the_same_rows_targets_and_breaks() {
        let row = |v: i64, target: i64, change: Option<&str>| TrendRow {
            id: "1.1",
            points: vec![p(2565, Some(5_000), 8_000, None), p(2567, Some(v), target, change)],
        };
        let first = trend("t", "t", "d", &[2565, 2567], &[row(6_000, 8_000, None)]).svg;
        let other = trend("t", "t", "d", &[2565, 2567], &[row(9_000, 8_000, None)]).svg;
        assert!(other.contains(">90</text>") && !other.contains(">60</text>"), "the values are this chart's own");
        assert_eq!(trend("t", "t", "d", &[2565, 2567], &[row(6_000, 8_000, None)]).svg, first);
        // Another target, a break, other years or another axis each draw another frame.
        assert!(trend("t", "t", "d", &[2565, 2567], &[row(6_000, 7_000, None)]).svg.contains("M321 34.2H339"));
        let broken = trend("t", "t", "d", &[2565, 2567], &[row(6_000, 8_000, Some("ค่าเป้าหมาย"))]).svg;
        assert!(broken.contains(r#"<path class="brk""#) && !first.contains("brk"));
        assert!(trend("t", "t", "d", &[2565, 2567, 2569], &[row(6_000, 8_000, None)]).svg.contains(">2569</text>"));
        assert!(trend("t", "t", "d", &[2565, 2567], &[row(15_000, 8_000, None)]).svg.contains(r#"points="72,46.7"#));
    }

    #[test]
    fn a_year_without_a_value_splits_the_line_and_shows_a_dash() {
        let rows = [TrendRow {
            id: "2.1",
            points: vec![
                p(2565, Some(5_000), 8_000, None),
                p(2567, None, 8_000, None),
                p(2569, Some(1_000), 8_000, None),
            ],
        }];
        let c = trend("t", "t", "d", &[2565, 2567, 2569], &rows);
        assert_eq!(c.svg.matches("<polyline").count(), 0);
        assert!(c.svg.contains(">–</text>"));
        assert_eq!(c.table.rows()[0], ["2.1", "50.00", "-", "10.00", ""]);
    }
}
