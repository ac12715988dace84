//! Stacked horizontal bars: one bar per area, split by verdict.
//!
//! Two scales: [`Scale::Counts`] (an LAO's indicators per verdict; bar length is the number of
//! indicators, comparable across areas) and [`Scale::Share`] (many LAOs' results; every bar is
//! 100 % of the results judged against a target, so areas of different sizes compare).
//! Each verdict has its own fill pattern as well as its colour, and segments wide enough carry
//! their number directly.

use super::{Chart, Svg, Table, WIDTH};

/// The verdicts a bar is split into, in drawing order: met, below, not done, no service.
pub const VERDICTS: [(&str, &str); 4] = [
    ("meets", "สูงกว่าค่าเป้าหมาย"),
    ("below", "การพัฒนาในอนาคต"),
    ("not_done", "ไม่ได้ดำเนินการ"),
    ("no_service", "ไม่มีบริการสาธารณะ"),
];

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    /// Short label drawn at the bar's left ("ด้าน 3"); keep it under about 8 Thai characters.
    pub label: String,
    /// Full name, for the table.
    pub name: String,
    /// Counts per verdict in [`VERDICTS`] order.
    pub counts: [u32; 4],
}

impl BarRow {
    /// Results judged against a target: met, below or not done.
    pub fn judged(&self) -> u32 {
        self.counts[0] + self.counts[1] + self.counts[2]
    }
}

/// How bar lengths are scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Length is the number of indicators; all four verdicts are drawn.
    Counts,
    /// Every bar is 100 % of its judged results (no-service rows are left out of the bar and
    /// kept in the table); the share meeting the target is written at the right.
    Share,
}

const LABEL_W: f64 = 52.0;
const RIGHT_W: f64 = 42.0;
const TOP: f64 = 4.0;
const ROW_H: f64 = 26.0;
const BAR_H: f64 = 16.0;
const AXIS_H: f64 = 18.0;

/// The share met as a percentage with one decimal ("66.7"), or "-" when nothing was judged.
pub fn share_tenths(meets: u32, judged: u32) -> String {
    if judged == 0 {
        return "-".into();
    }
    let tenths = (u64::from(meets) * 1000 + u64::from(judged) / 2) / u64::from(judged);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Draws the bars. `desc` is the chart's message for screen readers (the numbers are in the table).
pub fn stacked(id: &str, title: &str, desc: &str, rows: &[BarRow], scale: Scale) -> Chart {
    let height = TOP + ROW_H * rows.len() as f64 + AXIS_H;
    // An LAO page's eight bars with their patterns and numbers take about 5 KB.
    let mut svg = Svg::new_in(String::with_capacity(8 * 1024), id, height, "bars", title, desc);
    svg.raw(&patterns(id));
    let id_esc = crate::text::escape::markup(id);
    let fills: Vec<String> = VERDICTS.iter().map(|(key, _)| ["url(#", &id_esc, "-", key, ")"].concat()).collect();
    // Counts are labelled with whole numbers, written without allocating.
    let counts = scale == Scale::Counts;
    let x0 = LABEL_W;
    let span = WIDTH - LABEL_W - RIGHT_W;
    let parts = if scale == Scale::Counts { 4 } else { 3 };
    let max_total = rows.iter().map(|r| r.counts[..parts].iter().sum::<u32>()).max().unwrap_or(0).max(1);
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + ROW_H * i as f64;
        let mid = y + BAR_H / 2.0 + 4.5;
        svg.text("lab", LABEL_W - 6.0, mid, "end", &row.label);
        let total: u32 = row.counts[..parts].iter().sum();
        let unit = match scale {
            Scale::Counts => span / f64::from(max_total),
            Scale::Share if total > 0 => span / f64::from(total),
            Scale::Share => 0.0,
        };
        let mut x = x0;
        for (k, &n) in row.counts[..parts].iter().enumerate() {
            if n == 0 {
                continue;
            }
            let w = unit * f64::from(n);
            // Patterned segments get the pattern as their fill attribute and a class that sets no
            // fill (a CSS fill rule would override the attribute and hide the pattern).
            if k == 0 {
                svg.rect("b-meets", x, y, w, BAR_H);
            } else {
                svg.rect_fill("bp", x, y, w, BAR_H, &fills[k]);
            }
            let share = (u64::from(n) * 100 + u64::from(total) / 2) / u64::from(total.max(1));
            let text_len = if counts { digits(u64::from(n)) } else { digits(share) + 1 };
            // Only label a segment the label fits in: digits are about 7 px wide at this size.
            let label_w = 8.0 * text_len as f64 + 4.0;
            if w >= label_w {
                if k > 0 {
                    // A solid chip of the segment's colour under the number, so the pattern
                    // does not run through the digits.
                    svg.rect(CHIPS[k], x + (w - label_w) / 2.0, y + 1.0, label_w, BAR_H - 2.0);
                }
                if counts {
                    svg.text_int("seg", x + w / 2.0, mid, "middle", i64::from(n));
                } else {
                    svg.text("seg", x + w / 2.0, mid, "middle", &format!("{share}%"));
                }
            }
            x += w;
        }
        if counts {
            svg.text_int("val", WIDTH - 2.0, mid, "end", i64::from(total));
        } else {
            svg.text("val", WIDTH - 2.0, mid, "end", &format!("{}%", share_tenths(row.counts[0], total)));
        }
    }
    let axis_y = TOP + ROW_H * rows.len() as f64;
    svg.line("axis", x0, TOP, x0, axis_y);
    if counts {
        svg.text_int("tick", x0, axis_y + 13.0, "middle", 0);
        svg.text_int("tick", x0 + span, axis_y + 13.0, "middle", i64::from(max_total));
    } else {
        svg.text("tick", x0, axis_y + 13.0, "middle", "0%");
        svg.text("tick", x0 + span, axis_y + 13.0, "middle", "100%");
    }
    svg.line("grid", x0 + span, TOP, x0 + span, axis_y);
    Chart { id: id.to_string(), svg: svg.finish(), table: table(rows, scale) }
}

/// The class of the solid chip under a patterned segment's number, per verdict.
const CHIPS: [&str; 4] = ["b-meets", "b-below", "b-not_done", "b-no_service"];

/// How many decimal digits `n` has.
fn digits(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Fill patterns for the verdicts after "met", so that colour is never the only cue:
/// stripes for below target, a cross-hatch for not done, dots for no service.
fn patterns(id: &str) -> String {
    let id = crate::text::escape::markup(id);
    [
        r#"<defs><pattern id=""#,
        &id,
        r#"-below" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="b-below" width="6" height="6"/><line class="pat" x1="1" y1="0" x2="1" y2="6"/></pattern>"#,
        r#"<pattern id=""#,
        &id,
        r#"-not_done" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="b-not_done" width="6" height="6"/><path class="pat" d="M1 0V6M0 1H6"/></pattern>"#,
        r#"<pattern id=""#,
        &id,
        r#"-no_service" width="5" height="5" patternUnits="userSpaceOnUse"><rect class="b-no_service" width="5" height="5"/><circle class="dot" cx="2.5" cy="2.5" r="1.1"/></pattern></defs>"#,
    ]
    .concat()
}

fn table(rows: &[BarRow], scale: Scale) -> Table {
    let mut head = vec!["ด้าน".to_string()];
    head.extend(VERDICTS.iter().map(|(_, l)| l.to_string()));
    if scale == Scale::Share {
        head.push("ร้อยละที่สูงกว่าค่าเป้าหมาย".into());
    }
    let mut table = Table::new(head, rows.len());
    for r in rows {
        table.text(&r.name);
        for &n in &r.counts {
            table.uint(u64::from(n));
        }
        if scale == Scale::Share {
            table.text(&share_tenths(r.counts[0], r.judged()));
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, counts: [u32; 4]) -> BarRow {
        BarRow { label: label.into(), name: format!("{label} full"), counts }
    }

    #[test]
    fn counts_scale_bars_by_the_longest_bar() {
        let c = stacked("a", "t", "d", &[row("ด้าน 1", [3, 1, 0, 0]), row("ด้าน 2", [1, 0, 0, 1])], Scale::Counts);
        // Span is 360 - 52 - 42 = 266 px for 4 indicators: 66.5 px each.
        assert!(c.svg.contains(r#"<rect class="b-meets" x="52" y="4" width="199.5" height="16"/>"#), "{}", c.svg);
        assert!(c.svg.contains(r#"<rect class="bp" x="251.5" y="4" width="66.5" height="16" fill="url(#a-below)"/>"#));
        assert!(
            c.svg.contains(r#"<rect class="bp" x="118.5" y="30" width="66.5" height="16" fill="url(#a-no_service)"/>"#)
        );
        assert_eq!(c.table.rows()[1], ["ด้าน 2 full", "1", "0", "0", "1"]);
    }

    #[test]
    fn share_scale_fills_each_bar_and_leaves_out_no_service() {
        let c = stacked("s", "t", "d", &[row("ด้าน 1", [1, 2, 0, 5])], Scale::Share);
        assert!(c.svg.contains(r#"<rect class="b-meets" x="52" y="4" width="88.7" height="16"/>"#), "{}", c.svg);
        assert!(c.svg.contains(r#"width="177.3""#));
        assert!(!c.svg.contains(r#"fill="url(#s-no_service)""#), "no-service results are not part of a share bar");
        assert!(c.svg.contains(">33.3%</text>"));
        assert_eq!(c.table.rows()[0], ["ด้าน 1 full", "1", "2", "0", "5", "33.3"]);
    }

    #[test]
    fn narrow_segments_get_no_label() {
        let c = stacked("n", "t", "d", &[row("x", [40, 1, 0, 0])], Scale::Counts);
        assert!(c.svg.contains(">40</text>"));
        assert!(!c.svg.contains(r#">1</text>"#), "a 6.5 px segment is too narrow for its number");
    }

    #[test]
    fn chips_follow_the_verdicts() {
        for (chip, (key, _)) in CHIPS.iter().zip(VERDICTS) {
            assert_eq!(*chip, format!("b-{key}"));
        }
        assert_eq!([digits(0), digits(9), digits(10), digits(100)], [1, 1, 2, 3]);
    }

    #[test]
    fn shares_round_half_up() {
        assert_eq!(share_tenths(2, 3), "66.7");
        assert_eq!(share_tenths(1, 8), "12.5");
        assert_eq!(share_tenths(0, 0), "-");
    }
}
