//! Charts drawn at build time as inline SVG, one file per chart kind.
//!
//! Every chart function takes plain, already-derived numbers and returns a [`Chart`]: the SVG
//! markup and the rows of the data table that carries the same numbers. Pure and deterministic:
//! coordinates are rounded to one decimal, every string is escaped, no font metrics are used
//! (Thai labels sit in fixed label areas; the page's CSS supplies the font). Why these charts are
//! hand-written SVG rather than plotters output is explained in docs/charts.md.

pub mod bars;
pub mod spread;

use crate::text::escape::markup_into;
use crate::text::numtext::{self, TENTHS_TABLE};

/// Width of every chart's coordinate system. Charts are drawn for a phone (about 360 CSS px) so
/// that text is life-size there; CSS lets them grow to a capped width on larger screens.
pub const WIDTH: f64 = 360.0;

/// The numbers behind a chart, as a table: a header row, then one row per item whose first cell
/// is the row header. Body cells are kept as escaped text one after another, not a string
/// each: an LAO's own page has several hundred.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column headings (plain text).
    pub head: Vec<String>,
    /// Every body cell's text, escaped, row after row.
    cells: String,
    /// Where each cell ends in `cells`.
    ends: Vec<usize>,
}

impl Table {
    /// A table under `head` with room for `rows` rows. Cells are added left to right, a row
    /// holding as many as there are headings.
    pub fn new(head: Vec<String>, rows: usize) -> Table {
        let n = rows * head.len();
        Table { cells: String::with_capacity(n * 8), ends: Vec::with_capacity(n), head }
    }

    /// Adds a cell of text (escaped here).
    pub fn text(&mut self, s: &str) {
        markup_into(&mut self.cells, s);
        self.ends.push(self.cells.len());
    }

    /// Adds a cell of a value in hundredths as tables show it ("52.00", "1,234.56"), or "-"
    /// when there is none.
    pub fn hundredths(&mut self, h: Option<i64>) {
        match h {
            Some(h) => crate::text::numbers::push_hundredths(&mut self.cells, h),
            None => self.cells.push('-'),
        }
        self.ends.push(self.cells.len());
    }

    /// Adds a cell of a whole number.
    pub fn uint(&mut self, n: u64) {
        numtext::push_uint(&mut self.cells, n);
        self.ends.push(self.cells.len());
    }

    /// Adds a cell written by `write`, which must escape what it writes.
    pub fn cell_with(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.cells);
        self.ends.push(self.cells.len());
    }

    /// The body, row by row, each cell as escaped text.
    pub fn rows(&self) -> Vec<Vec<&str>> {
        let mut rows = Vec::new();
        self.each_cell(|i, cell| {
            if i % self.width() == 0 {
                rows.push(Vec::with_capacity(self.width()));
            }
            if let Some(row) = rows.last_mut() {
                row.push(cell);
            }
        });
        rows
    }

    /// Appends the body as HTML table rows: the first cell of each row is its row header.
    pub fn push_body_html(&self, out: &mut String) {
        let width = self.width();
        self.each_cell(|i, cell| {
            let col = i % width;
            out.push_str(if col == 0 { r#"<tr><th scope="row">"# } else { "<td>" });
            out.push_str(cell);
            out.push_str(if col == 0 { "</th>" } else { "</td>" });
            if col == width - 1 {
                out.push_str("</tr>\n");
            }
        });
        if !self.ends.len().is_multiple_of(width) {
            out.push_str("</tr>\n");
        }
    }

    /// Bytes [`Table::push_body_html`] writes, about.
    pub fn body_html_len(&self) -> usize {
        self.cells.len() + 11 * self.ends.len() + 16 * self.ends.len() / self.width()
    }

    fn width(&self) -> usize {
        self.head.len().max(1)
    }

    fn each_cell<'s>(&'s self, mut f: impl FnMut(usize, &'s str)) {
        let mut start = 0;
        for (i, &end) in self.ends.iter().enumerate() {
            f(i, self.cells.get(start..end).unwrap_or_default());
            start = end;
        }
    }
}

/// A drawn chart: the SVG and its data table. There is no way to get one without the other.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Id, unique on its page; the SVG's title and description ids derive from it.
    pub id: String,
    /// The `<svg>` element.
    pub svg: String,
    /// The same numbers as a table.
    pub table: Table,
}

/// A coordinate rounded to one decimal, without float noise or a trailing ".0" (17.74 → "17.7",
/// 20.0 → "20", -0.04 → "0").
pub fn num(x: f64) -> String {
    let mut s = String::with_capacity(8);
    push_num(&mut s, x);
    s
}

/// Appends [`num`]`(x)`. Charts write thousands of coordinates per page, so this avoids the
/// formatting machinery and any allocation.
pub fn push_num(out: &mut String, x: f64) {
    let y = x * 10.0;
    if y >= 0.0 && y < (TENTHS_TABLE - 1) as f64 {
        // Every coordinate of a chart this size: rounded half away from zero as below (taking
        // the whole part off is exact), then looked up. Signed, because converting between
        // unsigned integers and floats takes several instructions on x86-64 and one for signed.
        let whole = y as i64;
        numtext::push_tenths_small(out, (whole + i64::from(y - whole as f64 >= 0.5)) as usize);
        return;
    }
    let tenths = round_half_away(y);
    if tenths < 0 {
        out.push('-');
    }
    numtext::push_tenths(out, tenths.unsigned_abs());
}

/// `t.round() as i64`, without the call into the maths library that `round` is on the
/// baseline x86-64 target (a national build rounds tens of millions of coordinates). Taking
/// the whole part off a float is exact, so the result is the same for every finite `t`.
fn round_half_away(t: f64) -> i64 {
    let whole = t as i64;
    let frac = t - whole as f64;
    if frac >= 0.5 {
        whole.saturating_add(1)
    } else if frac <= -0.5 {
        whole.saturating_sub(1)
    } else {
        whole
    }
}

/// Builds an SVG document string. Elements carry CSS classes, not colours, so the theme decides
/// colours for screen and print.
pub(crate) struct Svg {
    buf: String,
    /// Text by (class, anchor): each group becomes one `<g>` carrying the class and anchor, so
    /// the many labels of a chart repeat neither; drawn last, on top of the marks.
    texts: Vec<(&'static str, &'static str, String)>,
}

impl Svg {
    /// Opens an `<svg>` with role="img", a title and a description, labelled by both.
    pub fn new(id: &str, height: f64, class: &str, title: &str, desc: &str) -> Svg {
        Svg::new_in(String::with_capacity(4096), id, height, class, title, desc)
    }

    /// [`Svg::new`], written after what `buf` already holds (a figure's opening and caption),
    /// so the chart is not copied into its figure afterwards.
    pub fn new_in(mut buf: String, id: &str, height: f64, class: &str, title: &str, desc: &str) -> Svg {
        buf.push_str(r#"<svg class="chart "#);
        buf.push_str(class);
        buf.push_str(r#"" viewBox="0 0 "#);
        push_num(&mut buf, WIDTH);
        buf.push(' ');
        push_num(&mut buf, height);
        buf.push_str(r#"" width=""#);
        push_num(&mut buf, WIDTH);
        buf.push_str(r#"" height=""#);
        push_num(&mut buf, height);
        buf.push_str(r#"" role="img" aria-labelledby=""#);
        markup_into(&mut buf, id);
        buf.push_str("-t ");
        markup_into(&mut buf, id);
        buf.push_str(r#"-d"><title id=""#);
        markup_into(&mut buf, id);
        buf.push_str(r#"-t">"#);
        markup_into(&mut buf, title);
        buf.push_str(r#"</title><desc id=""#);
        markup_into(&mut buf, id);
        buf.push_str(r#"-d">"#);
        markup_into(&mut buf, desc);
        buf.push_str("</desc>");
        Svg { buf, texts: Vec::new() }
    }

    /// A buffer for marks drawn later than the rules they are computed with; see [`Svg::raw`].
    pub fn fragment() -> Svg {
        Svg { buf: String::with_capacity(1024), texts: Vec::new() }
    }

    /// The markup of a [`Svg::fragment`] (shapes only: its text is not kept).
    pub fn into_inner(self) -> String {
        debug_assert!(self.texts.is_empty(), "text belongs on the chart, not on a fragment");
        self.buf
    }

    /// Appends raw markup built by the chart (already escaped).
    pub fn raw(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    /// Opens an element: `<tag class="class"`.
    // Inlined so that the tag and class, constants at every call, are copied without a call.
    #[inline(always)]
    fn open(&mut self, tag: &str, class: &str) {
        self.buf.push('<');
        self.buf.push_str(tag);
        self.buf.push_str(r#" class=""#);
        self.buf.push_str(class);
        self.buf.push('"');
    }

    /// Appends ` name="value"` for a coordinate.
    #[inline(always)]
    fn attr(&mut self, name: &str, v: f64) {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        push_num(&mut self.buf, v);
        self.buf.push('"');
    }

    /// A rectangle.
    pub fn rect(&mut self, class: &str, x: f64, y: f64, w: f64, h: f64) {
        self.open("rect", class);
        self.attr("x", x);
        self.attr("y", y);
        self.attr("width", w.max(0.0));
        self.attr("height", h.max(0.0));
        self.buf.push_str("/>");
    }

    /// A rectangle with a `fill` attribute (already escaped), such as a pattern's `url(#…)`.
    pub fn rect_fill(&mut self, class: &str, x: f64, y: f64, w: f64, h: f64, fill: &str) {
        self.open("rect", class);
        self.attr("x", x);
        self.attr("y", y);
        self.attr("width", w.max(0.0));
        self.attr("height", h.max(0.0));
        self.buf.push_str(r#" fill=""#);
        self.buf.push_str(fill);
        self.buf.push_str(r#""/>"#);
    }

    /// A straight line.
    pub fn line(&mut self, class: &str, x1: f64, y1: f64, x2: f64, y2: f64) {
        self.open("line", class);
        self.attr("x1", x1);
        self.attr("y1", y1);
        self.attr("x2", x2);
        self.attr("y2", y2);
        self.buf.push_str("/>");
    }

    /// Every segment of one class as a single `<path>` (far fewer bytes than one `<line>` each);
    /// nothing when there are none.
    pub fn path(&mut self, class: &str, segs: &Segs) {
        if !segs.0.is_empty() {
            self.open("path", class);
            self.buf.push_str(r#" d=""#);
            self.buf.push_str(&segs.0);
            self.buf.push_str(r#""/>"#);
        }
    }

    /// A circle.
    pub fn circle(&mut self, class: &str, cx: f64, cy: f64, r: f64) {
        self.open("circle", class);
        self.attr("cx", cx);
        self.attr("cy", cy);
        self.attr("r", r);
        self.buf.push_str("/>");
    }

    /// Text; `anchor` is "start", "middle" or "end". The text is escaped here.
    pub fn text(&mut self, class: &'static str, x: f64, y: f64, anchor: &'static str, s: &str) {
        self.text_with(class, x, y, anchor, |buf| markup_into(buf, s));
    }

    /// Text that is a whole number (nothing to escape, nothing to allocate).
    pub fn text_int(&mut self, class: &'static str, x: f64, y: f64, anchor: &'static str, n: i64) {
        self.text_with(class, x, y, anchor, |buf| {
            if n < 0 {
                buf.push('-');
            }
            numtext::push_uint(buf, n.unsigned_abs());
        });
    }

    /// Text that is a value in hundredths, as [`hundredths`] writes it.
    pub fn text_hundredths(&mut self, class: &'static str, x: f64, y: f64, anchor: &'static str, h: i64) {
        self.text_with(class, x, y, anchor, |buf| crate::text::numbers::push_hundredths(buf, h));
    }

    /// A `<text>` in the group of (class, anchor), its content written by `content`, which
    /// must escape what it writes.
    fn text_with(
        &mut self,
        class: &'static str,
        x: f64,
        y: f64,
        anchor: &'static str,
        content: impl FnOnce(&mut String),
    ) {
        let at = match self.texts.iter().position(|(c, a, _)| *c == class && *a == anchor) {
            Some(i) => i,
            None => {
                // A quarter of the chart's room: the values of a long chart grow past 1 KB.
                let room = (self.buf.capacity() / 4).max(1024);
                self.texts.push((class, anchor, String::with_capacity(room)));
                self.texts.len() - 1
            }
        };
        let buf = &mut self.texts[at].2;
        buf.push_str("<text x=\"");
        push_num(buf, x);
        buf.push_str("\" y=\"");
        push_num(buf, y);
        buf.push_str("\">");
        content(buf);
        buf.push_str("</text>");
    }

    /// Closes the element and returns the markup.
    pub fn finish(mut self) -> String {
        for (class, anchor, texts) in std::mem::take(&mut self.texts) {
            self.buf.push_str("<g class=\"");
            self.buf.push_str(class);
            self.buf.push('"');
            if anchor != "start" {
                self.buf.push_str(" text-anchor=\"");
                self.buf.push_str(anchor);
                self.buf.push('"');
            }
            self.buf.push('>');
            self.buf.push_str(&texts);
            self.buf.push_str("</g>");
        }
        self.buf.push_str("</svg>");
        self.buf
    }
}

/// Straight segments collected for one [`Svg::path`].
#[derive(Default)]
pub(crate) struct Segs(String);

impl Segs {
    /// A vertical segment at `x` from `y1` to `y2`.
    pub fn v(&mut self, x: f64, y1: f64, y2: f64) {
        self.0.push('M');
        push_num(&mut self.0, x);
        self.0.push(' ');
        push_num(&mut self.0, y1);
        self.0.push('V');
        push_num(&mut self.0, y2);
    }

    /// A horizontal segment at `y` from `x1` to `x2`.
    pub fn h(&mut self, x1: f64, x2: f64, y: f64) {
        self.0.push('M');
        push_num(&mut self.0, x1);
        self.0.push(' ');
        push_num(&mut self.0, y);
        self.0.push('H');
        push_num(&mut self.0, x2);
    }
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
    fn looked_up_coordinates_read_as_written_ones() {
        for t in (0..TENTHS_TABLE as u64 + 20).chain([123_456]) {
            let mut written = String::new();
            numtext::push_tenths(&mut written, t);
            let mut pushed = String::new();
            push_num(&mut pushed, t as f64 / 10.0);
            assert_eq!(pushed, written, "{t}");
            let mut negative = String::new();
            push_num(&mut negative, -(t as f64) / 10.0);
            assert_eq!(negative, if t == 0 { "0".to_string() } else { format!("-{written}") });
        }
        assert_eq!(num(17.74), "17.7");
        assert_eq!(num(20.0), "20");
        assert_eq!(num(-0.04), "0");
    }

    #[test]
    fn looked_up_coordinates_round_as_the_standard_library() {
        // The reference: f64::round of the tenths, written out; "-0" is written "0".
        let reference = |x: f64| {
            let t = (x * 10.0).round() as i64;
            let mut s = if t < 0 { "-".to_string() } else { String::new() };
            numtext::push_tenths(&mut s, t.unsigned_abs());
            s
        };
        let mut x = -3.0;
        while x < 1_100.0 {
            for v in [x, x + 0.05, x - 0.05, x + 0.049_999_999_999_999_996, x + 0.050_000_000_000_000_01] {
                assert_eq!(num(v), reference(v), "{v}");
            }
            x += 0.0137;
        }
        for v in [0.049_999_999_999_999_996, 0.05, 999.85, 999.95, 999.9, 1_000.0, 1e300, f64::NAN] {
            assert_eq!(num(v), reference(v), "{v}");
        }
    }

    #[test]
    fn rounding_matches_the_standard_library() {
        let mut x: f64 = -4000.0;
        while x < 4000.0 {
            for t in [x, x + 0.5, x - 0.5, x + 0.49999999999999994, x + 0.05, -x * 0.1] {
                assert_eq!(round_half_away(t), t.round() as i64, "{t}");
            }
            x += 0.37;
        }
        for t in [0.5, -0.5, 1.5, 2.5, -2.5, 0.49999999999999994, 1e15 + 0.5, f64::NAN, 0.0, -0.0] {
            assert_eq!(round_half_away(t), t.round() as i64, "{t}");
        }
    }

    #[test]
    fn coordinates_have_one_decimal_at_most() {
        assert_eq!(num(17.741935483870968), "17.7");
        assert_eq!(num(20.0), "20");
        assert_eq!(num(0.05), "0.1");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(-2.55), "-2.6");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(1234567.0), "1234567");
    }

    #[test]
    fn text_of_one_class_shares_a_group() {
        let mut s = Svg::new("g", 10.0, "k", "t", "d");
        s.text("val", 1.0, 2.0, "end", "1");
        s.text("lab", 0.0, 0.0, "start", "a");
        s.text("val", 1.0, 4.0, "end", "2");
        let out = s.finish();
        assert!(
            out.ends_with(r#"<g class="val" text-anchor="end"><text x="1" y="2">1</text><text x="1" y="4">2</text></g><g class="lab"><text x="0" y="0">a</text></g></svg>"#),
            "{out}"
        );
    }

    #[test]
    fn table_cells_of_hundredths_read_as_the_thai_formatter_writes_them() {
        let mut t = Table::new(vec!["a".into(), "b".into()], 1);
        t.hundredths(Some(123_456_789));
        t.hundredths(None);
        assert_eq!(t.rows(), [["1,234,567.89", "-"]]);
    }

    #[test]
    fn text_is_escaped() {
        let mut s = Svg::new("c1", 10.0, "k", "t<", "d&");
        s.text("l", 0.0, 0.0, "start", "</svg><script>");
        let out = s.finish();
        assert!(out.contains("<title id=\"c1-t\">t&lt;</title>"));
        assert!(out.contains("&lt;/svg&gt;&lt;script&gt;"));
        assert!(!out.contains("<script"));
    }

    #[test]
    fn segments_share_one_path() {
        let mut s = Svg::new("p", 10.0, "k", "t", "d");
        let mut g = Segs::default();
        g.v(10.0, 0.0, 5.25);
        g.h(1.0, 2.0, 3.0);
        s.path("grid", &g);
        s.path("none", &Segs::default());
        let out = s.finish();
        assert!(out.contains(r#"<path class="grid" d="M10 0V5.3M1 3H2"/>"#), "{out}");
        assert!(!out.contains("none"));
    }

    #[test]
    fn axis_grows_past_100_in_steps_of_25() {
        assert_eq!(axis_max([5_000]), 10_000);
        assert_eq!(axis_max([10_001]), 12_500);
        assert_eq!(axis_max([]), 10_000);
    }
}
