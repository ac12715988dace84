//! Dot chart per area: for each percent indicator, the LAO's ratio (a filled dot) against its
//! target (a tall tick), the same-type national median (a hollow diamond) and the same-province
//! median (a hollow square), on one 0-100 % scale. Shapes, not colours, tell the marks apart.

use super::{Chart, DIAMOND, SQUARE, Segs, Svg, Table, WIDTH, axis_max};

/// One indicator's marks; every value in hundredths of a percent.
#[derive(Debug, Clone, PartialEq)]
pub struct DotRow<'a> {
    /// Indicator id, drawn at the left ("1.3").
    pub id: &'a str,
    /// The LAO's ratio; `None` when there is none (not done).
    pub value: Option<i64>,
    /// The target that applies to the LAO.
    pub target: i64,
    /// Median of the same type nationally.
    pub type_median: Option<i64>,
    /// Median in the same province.
    pub province_median: Option<i64>,
    /// Verdict key, for the dot's colour ("meets", "below").
    pub verdict_key: &'a str,
    /// Short text drawn on the track when there is no value ("ไม่ได้ดำเนินการ").
    pub note: &'a str,
}

const LABEL_W: f64 = 40.0;
const RIGHT_W: f64 = 50.0;
const TOP: f64 = 6.0;
const ROW_H: f64 = 24.0;
const AXIS_H: f64 = 18.0;

/// The x of a value on the track.
fn x_of(v: i64, max: i64) -> f64 {
    LABEL_W + (WIDTH - LABEL_W - RIGHT_W) * (v.clamp(0, max) as f64) / max as f64
}

/// The dot's classes: "v" and the verdict's.
fn dot_class(verdict_key: &str) -> std::borrow::Cow<'static, str> {
    match verdict_key {
        "meets" => "v v-meets".into(),
        "below" => "v v-below".into(),
        "not_done" => "v v-not_done".into(),
        other => format!("v v-{other}").into(),
    }
}

/// Draws the chart. `type_label` names the type in the table heading ("อบต.").
pub fn dots(id: &str, title: &str, desc: &str, rows: &[DotRow], type_label: &str) -> Chart {
    let head = vec![
        "ตัวชี้วัด".into(),
        "ผลของ อปท. (%)".into(),
        "ค่าเป้าหมาย (%)".into(),
        format!("ค่ากลาง{type_label}ทั่วประเทศ"),
        "ค่ากลางในจังหวัด".into(),
    ];
    let mut table = Table::new(head, rows.len());
    for r in rows {
        table.text(r.id);
        table.hundredths(r.value);
        table.hundredths(Some(r.target));
        table.hundredths(r.type_median);
        table.hundredths(r.province_median);
    }
    Chart { id: id.to_string(), svg: dots_svg(id, title, desc, rows), table }
}

/// The chart's SVG alone, for a page whose own table already holds every number it draws
/// (the LAO page's results table: ratio, target and both medians).
pub fn dots_svg(id: &str, title: &str, desc: &str, rows: &[DotRow]) -> String {
    dots_svg_in(String::with_capacity(4096), id, title, desc, rows)
}

/// [`dots_svg`], written after what `buf` holds (see [`Svg::new_in`]).
pub fn dots_svg_in(buf: String, id: &str, title: &str, desc: &str, rows: &[DotRow]) -> String {
    let max = axis_max(rows.iter().flat_map(|r| [r.value, Some(r.target), r.type_median, r.province_median]).flatten());
    let mut svg = draw_frame(buf, id, title, desc, rows, max);
    // The medians' markers, one path per kind: a path's few bytes a marker, against an element's
    // sixty. The dots come after them, so a dot is drawn over its row's markers.
    let (mut types, mut provinces) = (Segs::with_room(2 * rows.len()), Segs::with_room(2 * rows.len()));
    for (i, r) in rows.iter().enumerate() {
        let y = row_y(i);
        if let Some(m) = r.type_median {
            types.shape(x_of(m, max), y - 5.0, DIAMOND);
        }
        if let Some(m) = r.province_median {
            provinces.shape(x_of(m, max) - 4.0, y - 4.0, SQUARE);
        }
    }
    svg.path("m-type", &types);
    svg.path("m-prov", &provinces);
    for (i, r) in rows.iter().enumerate() {
        let y = row_y(i);
        match r.value {
            Some(v) => {
                svg.circle(&dot_class(r.verdict_key), x_of(v, max), y, 5.0);
                svg.text_hundredths("val", WIDTH - 2.0, y + 4.5, "end", v);
            }
            None => {
                svg.text("note", LABEL_W + 4.0, y - 6.0, "start", r.note);
                svg.text("val", WIDTH - 2.0, y + 4.5, "end", "-");
            }
        }
    }
    svg.finish()
}

/// The y of row `i`'s track.
fn row_y(i: usize) -> f64 {
    TOP + ROW_H * i as f64 + ROW_H / 2.0 - 2.0
}

/// A dot chart's frame: what depends only on its id, title, description, indicators, targets
/// and axis.
fn draw_frame(buf: String, id: &str, title: &str, desc: &str, rows: &[DotRow], max: i64) -> Svg {
    let bottom = TOP + ROW_H * rows.len() as f64;
    let mut svg = Svg::new_in(buf, id, bottom + AXIS_H, "dots", title, desc);
    // Gridlines every 25 %, labelled at 0, 50, 100 (and the top when the axis goes beyond 100).
    let n = rows.len();
    let (mut grid, mut tracks, mut targets) = (Segs::with_room(6), Segs::with_room(n), Segs::with_room(n));
    let mut g = 0;
    while g <= max {
        let x = x_of(g, max);
        grid.v(x, TOP - 4.0, bottom);
        if g % 5_000 == 0 || g == max {
            svg.text_int("tick", x, bottom + 13.0, "middle", g / 100);
        }
        g += 2_500;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = row_y(i);
        tracks.h(LABEL_W, WIDTH - RIGHT_W, y);
        targets.v(x_of(r.target, max), y - 8.0, y + 8.0);
        svg.text("lab", LABEL_W - 6.0, y + 4.5, "end", r.id);
    }
    svg.path("grid", &grid);
    svg.path("track", &tracks);
    svg.path("tgt", &targets);
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, value: Option<i64>, target: i64, tm: Option<i64>, pm: Option<i64>) -> DotRow<'_> {
        DotRow {
            id,
            value,
            target,
            type_median: tm,
            province_median: pm,
            verdict_key: if value.unwrap_or(0) >= target { "meets" } else { "below" },
            note: "ไม่ได้ดำเนินการ",
        }
    }

    #[test]
    fn marks_sit_at_their_values() {
        // Track: x 40 to 310 (270 px) for 0-100 %.
        let c = dots("d", "t", "d", &[row("1.1", Some(5_000), 8_000, Some(10_000), Some(2_500))], "อบต.");
        let s = &c.svg;
        assert!(s.contains(r#"<circle class="v v-below" cx="175" cy="16" r="5"/>"#), "{s}");
        assert!(s.contains(r#"<path class="tgt" d="M256 8V24"/>"#));
        // Diamond corners (310,11) (315,16) (310,21) (305,16); square from (103.5,12), side 8.
        assert!(s.contains(r#"<path class="m-type" d="M310 11l5 5-5 5-5-5z"/>"#), "{s}");
        assert!(s.contains(r#"<path class="m-prov" d="M103.5 12h8v8h-8z"/>"#));
        // A dot is drawn after (over) the markers of its row.
        assert!(s.find("m-prov").unwrap() < s.find("<circle").unwrap());
        assert!(s.contains(">50.00</text>"));
        assert_eq!(c.table.rows()[0], ["1.1", "50.00", "80.00", "100.00", "25.00"]);
        assert_eq!(c.table.head[3], "ค่ากลางอบต.ทั่วประเทศ");
    }

    #[test]
    fn each_kind_of_marker_is_one_path_through_every_row() {
        let rows = [
            row("1.1", Some(5_000), 8_000, Some(10_000), None),
            row("1.2", Some(5_000), 8_000, None, Some(5_000)),
            row("1.3", Some(5_000), 8_000, Some(0), Some(2_500)),
        ];
        let s = dots("d", "t", "d", &rows, "อบต.").svg;
        // Rows at y 16, 40 and 64; a row without a median has no marker of that kind.
        assert!(s.contains(r#"<path class="m-type" d="M310 11l5 5-5 5-5-5zM40 59l5 5-5 5-5-5z"/>"#), "{s}");
        assert!(s.contains(r#"<path class="m-prov" d="M171 36h8v8h-8zM103.5 60h8v8h-8z"/>"#), "{s}");
        assert_eq!(s.matches("m-type").count(), 1);
        assert_eq!(s.matches("<circle").count(), 3);
    }

    #[test]
    fn a_missing_value_draws_its_note_and_no_dot() {
        let c = dots("d", "t", "d", &[row("2.1", None, 9_000, None, None)], "อบต.");
        assert!(!c.svg.contains("<circle"));
        assert!(!c.svg.contains("m-type"));
        assert!(c.svg.contains(">ไม่ได้ดำเนินการ</text>"));
        assert_eq!(c.table.rows()[0], ["2.1", "-", "90.00", "-", "-"]);
    }

    #[test]
    fn labels_are_escaped() {
        let c = dots("d", "<t>", "\"d\"", &[row("<b>&", Some(1), 2, None, None)], "อบต.");
        assert!(
            c.svg.contains(">&lt;b&gt;&amp;</text>") && c.svg.contains("&lt;t&gt;") && c.svg.contains("&quot;d&quot;")
        );
        assert!(!c.svg.contains("<b>"));
    }

    #[test]
    fn a_frame_drawn_before_serves_only_charts_with_the_same_indicators_targets_and_axis() {
        let a = [row("1.1", Some(5_000), 8_000, Some(6_000), None), row("1.2", None, 9_000, None, Some(1_000))];
        let first = dots_svg("d", "t", "d", &a);
        // Same frame, other figures: the frame is reused, the marks are this chart's own.
        let b = [row("1.1", Some(9_000), 8_000, None, None), row("1.2", Some(100), 9_000, None, None)];
        let other = dots_svg("d", "t", "d", &b);
        assert!(other.contains(r#"cx="283""#) && !other.contains("m-type") && !other.contains("ไม่ได้ดำเนินการ"));
        assert_eq!(dots_svg("d", "t", "d", &a), first, "drawing again gives the same chart");
        // Another target or indicator, or a stretched axis, is another frame.
        let moved = [row("1.1", Some(5_000), 7_000, Some(6_000), None), row("1.2", None, 9_000, None, Some(1_000))];
        assert!(dots_svg("d", "t", "d", &moved).contains("M229 8V24"), "target 70 % at x 229");
        let renamed = [row("1.3", Some(5_000), 8_000, Some(6_000), None), row("1.2", None, 9_000, None, Some(1_000))];
        assert!(dots_svg("d", "t", "d", &renamed).contains(">1.3</text>"));
        let stretched = [row("1.1", Some(12_000), 8_000, None, None), row("1.2", None, 9_000, None, None)];
        assert!(dots_svg("d", "t", "d", &stretched).contains(">125</text>"));
        assert!(dots_svg("e", "t", "d", &a).contains(r#"aria-labelledby="e-t e-d""#));
    }

    #[test]
    fn values_over_100_stretch_the_axis() {
        let c = dots("d", "t", "d", &[row("1.1", Some(12_000), 8_000, None, None)], "อบต.");
        assert!(c.svg.contains(">125</text>"), "{}", c.svg);
        // 120 of 125 on a 270 px track from x 40.
        assert!(c.svg.contains(r#"cx="299.2""#));
    }
}
