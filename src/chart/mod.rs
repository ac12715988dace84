//! Charts drawn at build time as inline SVG, one file per chart kind.
//!
//! Every chart function takes plain, already-derived numbers and returns a [`Chart`]: the SVG
//! markup and the rows of the data table that carries the same numbers. Pure and deterministic:
//! coordinates are rounded to one decimal, every string is escaped, no font metrics are used
//! (Thai labels sit in fixed label areas; the page's CSS supplies the font). Why these charts are
//! hand-written SVG rather than plotters output is explained in docs/charts.md.

pub mod bars;
pub mod dots;
pub mod spread;
pub mod trend;

use std::fmt::Write;

use serde::Serialize;

/// Width of every chart's coordinate system. Charts are drawn for a phone (about 360 CSS px) so
/// that text is life-size there; CSS lets them grow to a capped width on larger screens.
pub const WIDTH: f64 = 360.0;

/// The numbers behind a chart, as a table: a header row, then one row per item whose first cell
/// is the row header.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    /// Column headings.
    pub head: Vec<String>,
    /// Rows of cells, already formatted.
    pub rows: Vec<Vec<String>>,
}

/// A drawn chart: the SVG and its data table. There is no way to get one without the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Id, unique on its page; the SVG's title and description ids derive from it.
    pub id: String,
    /// The `<svg>` element.
    pub svg: String,
    /// The same numbers as a table.
    pub table: Table,
}

/// Escapes text for SVG (XML) content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A coordinate rounded to one decimal, without float noise or a trailing ".0" (17.74 → "17.7",
/// 20.0 → "20", -0.04 → "0").
pub fn num(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.abs();
    if t % 10 == 0 { format!("{sign}{}", t / 10) } else { format!("{sign}{}.{}", t / 10, t % 10) }
}

/// A value in hundredths as shown in tables ("52.00").
pub fn hundredths(h: i64) -> String {
    crate::thai::format_hundredths(h)
}

/// Builds an SVG document string. Elements carry CSS classes, not colours, so the theme decides
/// colours for screen and print.
pub(crate) struct Svg {
    buf: String,
}

impl Svg {
    /// Opens an `<svg>` with role="img", a title and a description, labelled by both.
    pub fn new(id: &str, height: f64, class: &str, title: &str, desc: &str) -> Svg {
        let (w, h) = (num(WIDTH), num(height));
        let id = esc(id);
        let mut buf = String::with_capacity(2048);
        let _ = write!(
            buf,
            r#"<svg class="chart {class}" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
            esc(title),
            esc(desc)
        );
        Svg { buf }
    }

    /// Appends raw markup built by the chart (already escaped).
    pub fn raw(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    /// A rectangle.
    pub fn rect(&mut self, class: &str, x: f64, y: f64, w: f64, h: f64) {
        let _ = write!(
            self.buf,
            r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}"/>"#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0))
        );
    }

    /// A straight line.
    pub fn line(&mut self, class: &str, x1: f64, y1: f64, x2: f64, y2: f64) {
        let _ = write!(
            self.buf,
            r#"<line class="{class}" x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
            num(x1),
            num(y1),
            num(x2),
            num(y2)
        );
    }

    /// A circle.
    pub fn circle(&mut self, class: &str, cx: f64, cy: f64, r: f64) {
        let _ = write!(self.buf, r#"<circle class="{class}" cx="{}" cy="{}" r="{}"/>"#, num(cx), num(cy), num(r));
    }

    /// A closed polygon through the points.
    pub fn polygon(&mut self, class: &str, points: &[(f64, f64)]) {
        let _ = write!(self.buf, r#"<polygon class="{class}" points="{}"/>"#, points_attr(points));
    }

    /// An open polyline through the points.
    pub fn polyline(&mut self, class: &str, points: &[(f64, f64)]) {
        let _ = write!(self.buf, r#"<polyline class="{class}" points="{}"/>"#, points_attr(points));
    }

    /// Text; `anchor` is "start", "middle" or "end". The text is escaped here.
    pub fn text(&mut self, class: &str, x: f64, y: f64, anchor: &str, s: &str) {
        let anchor = if anchor == "start" { String::new() } else { format!(r#" text-anchor="{anchor}""#) };
        let _ = write!(self.buf, r#"<text class="{class}" x="{}" y="{}"{anchor}>{}</text>"#, num(x), num(y), esc(s));
    }

    /// Closes the element and returns the markup.
    pub fn finish(mut self) -> String {
        self.buf.push_str("</svg>");
        self.buf
    }
}

fn points_attr(points: &[(f64, f64)]) -> String {
    points.iter().map(|(x, y)| format!("{},{}", num(*x), num(*y))).collect::<Vec<_>>().join(" ")
}

/// A diamond marker centred on (x, y).
pub(crate) fn diamond(x: f64, y: f64, r: f64) -> [(f64, f64); 4] {
    [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
}

/// The top of a value axis: 100 unless some value goes beyond it, then the next multiple of 25.
pub(crate) fn axis_max(values: impl IntoIterator<Item = i64>) -> i64 {
    let top = values.into_iter().max().unwrap_or(0).max(10_000);
    (top + 2_499) / 2_500 * 2_500
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_have_one_decimal_at_most() {
        assert_eq!(num(17.741935483870968), "17.7");
        assert_eq!(num(20.0), "20");
        assert_eq!(num(0.05), "0.1");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(-2.55), "-2.6");
        assert_eq!(num(-0.5), "-0.5");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        let mut s = Svg::new("c1", 10.0, "k", "t<", "d&");
        s.text("l", 0.0, 0.0, "start", "</svg><script>");
        let out = s.finish();
        assert!(out.contains("<title id=\"c1-t\">t&lt;</title>"));
        assert!(out.contains("&lt;/svg&gt;&lt;script&gt;"));
        assert!(!out.contains("<script"));
    }

    #[test]
    fn axis_grows_past_100_in_steps_of_25() {
        assert_eq!(axis_max([5_000]), 10_000);
        assert_eq!(axis_max([10_001]), 12_500);
        assert_eq!(axis_max([]), 10_000);
    }
}
