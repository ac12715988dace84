//! Chart contexts for the page templates: picks the derived figures a page needs, hands plain
//! numbers to [`crate::chart`], and words each chart's message (its caption). Every chart
//! reaches the templates as a [`ChartCtx`], which always carries its data table.

use serde::Serialize;

use crate::chart::Chart;
use crate::chart::bars::{self, BarRow, Scale};
use crate::chart::spread::{self, DOTS_UP_TO, SpreadGroup, SpreadRow};
use crate::derive::compare::{self, IndicatorSpread, IndicatorTrend};
use crate::derive::{Counts, Derived, Verdict, YearFigures};
use crate::model::{LaoType, Site, Unit};
use crate::render::labels::YearLabels;
use crate::text::escape::markup_into;
use crate::text::numbers::format_number;

/// A chart as templates see it: the whole `<figure>`, already rendered, with a caption stating
/// its message, the SVG, and the same numbers as a table. The figure is built here rather than
/// in a Tera partial to keep the per-page cost of up to twenty charts low: passing every table
/// cell through template values and escaping is the slower path (docs/charts.md, "Size and speed").
#[derive(Debug, Serialize)]
pub struct ChartCtx {
    /// Id, unique on the page.
    pub id: String,
    /// The message, in a sentence.
    pub caption: String,
    /// The `<figure>` markup; every string in it is escaped.
    pub html: String,
}

impl ChartCtx {
    fn new(chart: Chart, caption: String, fold_table: bool) -> ChartCtx {
        let html = figure_html(&chart, &caption, fold_table);
        ChartCtx { id: chart.id, caption, html }
    }
}

/// A figure's opening and caption, in a buffer with room for `room` bytes.
fn figure_open(id: &str, caption: &str, room: usize) -> String {
    let mut h = String::with_capacity(room);
    h.push_str(r#"<figure class="chart-fig" id=""#);
    markup_into(&mut h, id);
    h.push_str(r#"-fig"><figcaption id=""#);
    markup_into(&mut h, id);
    h.push_str(r#"-cap">"#);
    markup_into(&mut h, caption);
    h.push_str("</figcaption>");
    h
}

/// The figure: caption, SVG, then the table (inside `<details>` when `fold_table`).
pub fn figure_html(chart: &Chart, caption: &str, fold_table: bool) -> String {
    figure_with(chart, &chart.svg, caption, fold_table)
}

/// The figure with `body` (an SVG, or a list the stylesheet draws) in place of the chart's SVG.
fn figure_with(chart: &Chart, body: &str, caption: &str, fold_table: bool) -> String {
    // Sized for the whole figure up front: an LAO's own page has nine, some over 20 KB.
    let mut h = figure_open(&chart.id, caption, body.len() + chart.table.body_html_len() + caption.len() + 1024);
    h.push_str(body);
    if fold_table {
        h.push_str(r#"<details class="chart-data"><summary>ตัวเลขในแผนภูมิ</summary>"#);
    }
    h.push_str(r#"<div class="table-scroll" role="region" aria-labelledby=""#);
    markup_into(&mut h, &chart.id);
    h.push_str(r#"-cap" tabindex="0"><table class="chart-table"><thead><tr>"#);
    for head in &chart.table.head {
        h.push_str(r#"<th scope="col">"#);
        markup_into(&mut h, head);
        h.push_str("</th>");
    }
    h.push_str("</tr></thead><tbody>");
    chart.table.push_body_html(&mut h);
    h.push_str("</tbody></table></div>");
    if fold_table {
        h.push_str("</details>");
    }
    h.push_str("</figure>");
    h
}

// Each SVG's <desc> says how to read it; the message is the figure's caption, read right after,
// and the numbers are in the table. Short on purpose: every byte of Thai is three in UTF-8.
const DESC_SHARE: &str = "แท่งละหนึ่งด้าน เต็มแท่งคือผลที่ประเมินทั้งหมด ตัวเลขอยู่ในตาราง";
const DESC_SPREAD: &str = "กล่องคือครึ่งกลางของ อปท. แต่ละประเภท ตัวเลขอยู่ในตาราง";

/// The short type label drawn inside charts, where space is fixed (ทต. for เทศบาลตำบล).
pub fn type_abbr_th(t: LaoType) -> &'static str {
    match t {
        LaoType::Pao => "อบจ.",
        LaoType::CityMunicipality => "ทน.",
        LaoType::TownMunicipality => "ทม.",
        LaoType::SubdistrictMunicipality => "ทต.",
        LaoType::Sao => "อบต.",
        LaoType::Bangkok => "กทม.",
        LaoType::Pattaya => "พัทยา",
    }
}

fn bar_row(no: u32, name: &str, c: &Counts) -> BarRow {
    BarRow {
        label: ["ด้าน ", itoa::Buffer::new().format(no)].concat(),
        name: [itoa::Buffer::new().format(no), ". ", name].concat(),
        counts: [c.meets, c.below, c.not_done, c.no_service],
    }
}

/// A bar's counts for the stylesheet (`--a` met, `--b` below, `--c` not done, `--d` no service).
fn push_bar_counts(html: &mut String, counts: [u32; 4]) {
    for (var, n) in ["--a:", ";--b:", ";--c:", ";--d:"].iter().zip(counts) {
        html.push_str(var);
        html.push_str(itoa::Buffer::new().format(n));
    }
}

/// The LAO page's area summary: its indicators per verdict, one bar per area, each area named
/// in words and linked to its table (`area_href` + `#area-N`). The bars are drawn by the
/// stylesheet from the counts the list gives in words, so the list is the chart's own table.
pub fn lao_area_bars(site: &Site, fig: &YearFigures, y: usize, l: usize, area_href: &str) -> Option<ChartCtx> {
    let cat = &site.years[y].catalog;
    let counts = &fig.lao_area_counts[l];
    let (nos, rows): (Vec<u32>, Vec<BarRow>) = cat
        .areas
        .iter()
        .zip(counts)
        .filter(|(_, c)| c.total() > c.not_assessed)
        .map(|(a, c)| (a.no, bar_row(a.no, &a.name_th, c)))
        .unzip();
    if rows.is_empty() {
        return None;
    }
    let met: u32 = rows.iter().map(|r| r.counts[0]).sum();
    let judged: u32 = rows.iter().map(BarRow::judged).sum();
    // Joined, not formatted: every LAO page has this caption.
    let mut caption = String::with_capacity(512);
    caption.push_str("สูงกว่าค่าเป้าหมาย ");
    caption.push_str(itoa::Buffer::new().format(met));
    caption.push_str(" จาก ");
    caption.push_str(itoa::Buffer::new().format(judged));
    caption.push_str(" ตัวชี้วัดที่ประเมิน");
    // Areas by the numbers the list below shows ("ด้านที่ 1, 2 และ 4"); the one with the most
    // results short of the target by its name too, as the reader's question is which one.
    let full: Vec<u32> =
        nos.iter().zip(&rows).filter(|(_, r)| r.judged() > 0 && r.counts[0] == r.judged()).map(|(n, _)| *n).collect();
    if !full.is_empty() {
        caption.push_str(" สูงกว่าค่าเป้าหมายทุกตัวชี้วัดในด้านที่ ");
        for (i, n) in full.iter().enumerate() {
            if i > 0 {
                caption.push_str(if i + 1 == full.len() { " และ " } else { ", " });
            }
            caption.push_str(itoa::Buffer::new().format(*n));
        }
    }
    let short = |r: &BarRow| r.counts[1] + r.counts[2];
    if let Some((no, worst)) = nos
        .iter()
        .zip(&rows)
        .filter(|(_, r)| short(r) > 0)
        .max_by(|(an, a), (bn, b)| short(a).cmp(&short(b)).then_with(|| bn.cmp(an)))
    {
        caption.push_str(" ส่วน");
        if let Some(area) = cat.areas.iter().find(|a| a.no == *no) {
            caption.push_str(&area.name_th);
        }
        caption.push_str(" (ด้านที่ ");
        caption.push_str(itoa::Buffer::new().format(*no));
        caption.push_str(") มีตัวชี้วัดที่เป็นการพัฒนาในอนาคตหรือไม่ได้ดำเนินการมากที่สุด (");
        caption.push_str(itoa::Buffer::new().format(short(worst)));
        caption.push_str(" ตัวชี้วัด)");
    }
    let widest = rows.iter().map(|r| r.counts.iter().sum::<u32>()).max().unwrap_or(1).max(1);
    let mut html = figure_open("chart-areas", &caption, 3072);
    html.push_str("<ol class=\"area-bars\">");
    for (no, r) in nos.iter().zip(&rows) {
        let total: u32 = r.counts.iter().sum();
        html.push_str("<li><a href=\"");
        markup_into(&mut html, area_href);
        html.push_str("#area-");
        html.push_str(itoa::Buffer::new().format(*no));
        html.push_str("\">");
        markup_into(&mut html, &r.name);
        html.push_str("</a><span class=bar style=");
        push_bar_counts(&mut html, r.counts);
        html.push_str(";width:");
        html.push_str(itoa::Buffer::new().format((total * 100).div_ceil(widest)));
        html.push_str("%></span><span class=n>");
        let mut first = true;
        for (v, n) in [Verdict::Meets, Verdict::Below, Verdict::NotDone, Verdict::NoService].iter().zip(r.counts) {
            if n == 0 {
                continue;
            }
            if !first {
                html.push_str(" · ");
            }
            first = false;
            html.push_str(v.label_th());
            html.push(' ');
            html.push_str(itoa::Buffer::new().format(n));
        }
        html.push_str("</span></li>");
    }
    html.push_str("</ol></figure>");
    Some(ChartCtx { id: "chart-areas".into(), caption, html })
}

/// The share of results meeting the target per area, over the LAOs `laos` (a year page: all;
/// a province page: that province's).
pub fn share_bars(
    site: &Site,
    fig: &YearFigures,
    y: usize,
    id: &str,
    laos: impl IntoIterator<Item = usize>,
) -> Option<ChartCtx> {
    let cat = &site.years[y].catalog;
    let counts = compare::area_counts(site, fig, y, laos);
    let (names, rows): (Vec<&str>, Vec<BarRow>) = cat
        .areas
        .iter()
        .zip(&counts)
        .filter(|(_, c)| c.total() > c.not_assessed)
        .map(|(a, c)| (a.name_th.as_str(), bar_row(a.no, &a.name_th, c)))
        .unzip();
    if rows.is_empty() {
        return None;
    }
    let share = |r: &BarRow| (u64::from(r.counts[0]) * 10_000).checked_div(u64::from(r.judged())).unwrap_or(0);
    let judged = || rows.iter().zip(&names).filter(|(r, _)| r.judged() > 0);
    let best = judged().max_by_key(|(r, _)| share(r));
    let worst = judged().min_by_key(|(r, _)| share(r));
    // The areas by name: citizens do not know what "ด้าน 4" is.
    let caption = match (best, worst) {
        (Some((b, bn)), Some((w, wn))) if b.label != w.label => format!(
            "{bn} มีสัดส่วนผลที่สูงกว่าค่าเป้าหมายมากที่สุด (ร้อยละ {}) และ{wn} น้อยที่สุด (ร้อยละ {})",
            bars::share_tenths(b.counts[0], b.judged()),
            bars::share_tenths(w.counts[0], w.judged())
        ),
        (Some((b, bn)), _) => format!("{bn} สูงกว่าค่าเป้าหมายร้อยละ {}", bars::share_tenths(b.counts[0], b.judged())),
        _ => "ยังไม่มีผลที่ประเมินเทียบกับค่าเป้าหมาย".into(),
    };
    // The table as before; the bars as a list the stylesheet draws, each area named in words
    // at the page's own text size (an SVG's labels were some 9 px on a 320 px phone).
    let chart =
        bars::stacked(id, "สัดส่วนผลการประเมินรายตัวชี้วัดของ อปท. ที่สูงกว่าค่าเป้าหมาย รายด้าน", DESC_SHARE, &rows, Scale::Share);
    let mut list = String::with_capacity(256 * rows.len());
    list.push_str("<ol class=\"area-bars\">");
    for r in &rows {
        list.push_str("<li><span class=an>");
        markup_into(&mut list, &r.name);
        // Results without the service are not judged, and not drawn (as the legend says).
        list.push_str("</span><span class=bar style=");
        push_bar_counts(&mut list, [r.counts[0], r.counts[1], r.counts[2], 0]);
        list.push_str("></span><span class=n>");
        list.push_str("สูงกว่าค่าเป้าหมาย ร้อยละ ");
        list.push_str(&bars::share_tenths(r.counts[0], r.judged()));
        list.push_str(" (");
        list.push_str(&format_number(f64::from(r.counts[0])));
        list.push_str(" จาก ");
        list.push_str(&format_number(f64::from(r.judged())));
        list.push_str(" ผลที่ประเมิน)</span></li>");
    }
    list.push_str("</ol>");
    let html = figure_with(&chart, &list, &caption, false);
    Some(ChartCtx { id: chart.id, caption, html })
}

/// The comparison of one area of an LAO's year with its type's national median.
#[derive(Serialize)]
pub struct AreaCharts {
    /// Area number.
    pub no: u32,
    /// The plain-Thai comparison with the type's national median.
    pub sentence: String,
}

/// Per-area sentences of an LAO's year page: how the area's ratios compare with the type's
/// national median. The figures themselves are drawn in the table (a bar under each ratio);
/// the trend across years is on the LAO's own page ([`lao_trend_charts`]).
pub fn lao_area_charts(site: &Site, derived: &Derived, y: usize, l: usize) -> Vec<AreaCharts> {
    let fig = &derived.years[y];
    let year = &site.years[y];
    let cat = &year.catalog;
    let lao = &site.laos[l];
    let type_label = lao.kind.label_th();
    // One pass over the LAO's rows, sorted into areas: each area's gaps to the type's median
    // (compare::row_gap per row, compare::gap_of per area).
    let mut gaps: Vec<Vec<i64>> = vec![Vec::new(); cat.areas.len()];
    let mut any: Vec<bool> = vec![false; cat.areas.len()];
    for i in fig.lao_rows[l].clone() {
        let m = &year.measures[i];
        let ind = &cat.indicators[m.indicator];
        let Some(area) = gaps.get_mut(ind.area) else { continue };
        any[ind.area] = true;
        if ind.unit != Unit::Percent {
            continue;
        }
        // A median of one LAO is the LAO itself: no gap (no self-comparison).
        let type_median = fig.type_median(m.indicator, lao.kind).filter(|x| x.n >= 2);
        area.extend(compare::row_gap(fig.values[i], type_median));
    }
    cat.areas
        .iter()
        .zip(gaps)
        .zip(any)
        .filter(|(_, any)| *any)
        .map(|((area, mut gaps), _)| AreaCharts {
            no: area.no,
            sentence: compare::comparison_sentence(compare::gap_of(&mut gaps), type_label),
        })
        .collect()
}

/// One area's trend on an LAO's own page.
#[derive(Serialize)]
pub struct AreaTrend {
    /// Area number.
    pub no: u32,
    /// Thai name of the area in year `y`'s catalog.
    pub name: String,
    /// Ratio across years, per percent indicator of the area.
    pub chart: ChartCtx,
}

/// The trend of each area of year `y`'s catalog up to year `y`, for areas with at least one
/// percent indicator assessed in an earlier year too.
pub fn lao_trend_charts(site: &Site, derived: &Derived, y: usize, l: usize) -> Vec<AreaTrend> {
    let cat = &site.years[y].catalog;
    let trends = compare::lao_trends(site, derived, l, y);
    // Sorted into areas in one pass.
    let mut by_area: Vec<Vec<&IndicatorTrend>> = vec![Vec::new(); cat.areas.len()];
    for t in &trends {
        if let Some(area) = by_area.get_mut(cat.indicators[t.indicator].area) {
            area.push(t);
        }
    }
    cat.areas
        .iter()
        .zip(by_area)
        .filter_map(|(area, area_trends)| {
            let chart = trend_chart(&area_trends, area.no)?;
            Some(AreaTrend { no: area.no, name: area.name_th.clone(), chart })
        })
        .collect()
}

fn trend_chart(trends: &[&IndicatorTrend], area_no: u32) -> Option<ChartCtx> {
    if trends.is_empty() {
        return None;
    }
    let mut years: Vec<u16> = trends.iter().flat_map(|t| t.years.iter().map(|p| p.be)).collect();
    years.sort_unstable();
    years.dedup();
    // The message: how the latest figure moved from the one before, where the two compare.
    let (mut up, mut down, mut same, mut apart) = (0, 0, 0, 0);
    for t in trends {
        let n = t.years.len();
        let (prev, last) = (&t.years[n - 2], &t.years[n - 1]);
        match (last.change.is_some(), prev.value, last.value) {
            (true, _, _) => apart += 1,
            (false, Some(a), Some(b)) if b > a => up += 1,
            (false, Some(a), Some(b)) if b < a => down += 1,
            (false, Some(_), Some(_)) => same += 1,
            _ => apart += 1,
        }
    }
    let no = itoa::Buffer::new().format(area_no).to_string();
    let mut caption = String::with_capacity(512);
    caption.push_str("ด้านที่ ");
    caption.push_str(&no);
    caption.push_str(": เทียบกับการประเมินครั้งก่อน");
    let moved = [(up, "สูงขึ้น"), (down, "ลดลง"), (same, "เท่าเดิม")];
    if moved.iter().all(|(n, _)| *n == 0) {
        if apart == 0 {
            caption.push_str(" ไม่มีตัวชี้วัดที่เทียบกันได้");
        }
    } else {
        caption.push_str(" สัดส่วน");
        let mut first = true;
        for (n, word) in moved.iter().filter(|(n, _)| *n > 0) {
            if !first {
                caption.push(' ');
            }
            first = false;
            caption.push_str(word);
            caption.push(' ');
            caption.push_str(itoa::Buffer::new().format(*n));
            caption.push_str(" ตัวชี้วัด");
        }
    }
    if apart > 0 {
        caption.push_str(" เทียบไม่ได้ ");
        caption.push_str(itoa::Buffer::new().format(apart));
        caption.push_str(" ตัวชี้วัด (เกณฑ์เปลี่ยนหรือไม่มีผลปีใดปีหนึ่ง)");
    }
    // The chart is the table: each year's ratio with a bar the stylesheet draws from it and the
    // year's target (as on the year page), so the figures are written once. As in the year
    // page's rows, optional end tags and needless quotes are left out.
    let id = ["chart-trend-", &no].concat();
    let notes = trends.iter().any(|t| t.years.iter().any(|p| p.change.is_some()));
    let mut html = figure_open(&id, &caption, 1024 + trends.len() * 200);
    html.push_str("<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"");
    html.push_str(&id);
    html.push_str("-cap\" tabindex=\"0\"><table class=\"trend-table\"><thead><tr><th>ตัวชี้วัด</th>");
    for be in &years {
        html.push_str("<th>");
        html.push_str(itoa::Buffer::new().format(*be));
        html.push_str(" (%)</th>");
    }
    if notes {
        html.push_str("<th>เทียบกันไม่ได้เพราะ</th>");
    }
    html.push_str("</tr></thead><tbody>");
    for t in trends {
        html.push_str("<tr><th scope=row>");
        markup_into(&mut html, &t.id);
        for be in &years {
            match t.years.iter().find(|p| p.be == *be) {
                Some(p) => match p.value {
                    Some(v) => {
                        html.push_str("<td class=v-");
                        html.push_str(p.verdict.key());
                        html.push_str(" style=--v:");
                        crate::render::context::push_percent(&mut html, v);
                        html.push_str(";--t:");
                        crate::render::context::push_percent(&mut html, p.target);
                        html.push('>');
                        crate::text::numbers::push_hundredths(&mut html, v);
                    }
                    None => html.push_str("<td>-"),
                },
                None => html.push_str("<td>"),
            }
        }
        if notes {
            html.push_str("<td>");
            let mut first = true;
            for p in t.years.iter().filter(|p| p.change.is_some()) {
                if !first {
                    html.push_str("; ");
                }
                first = false;
                html.push_str("ปี ");
                html.push_str(itoa::Buffer::new().format(p.be));
                html.push_str(": ");
                markup_into(&mut html, &p.change.as_ref().map(compare::Change::note_th).unwrap_or_default());
            }
        }
    }
    html.push_str("</tbody></table></div></figure>");
    Some(ChartCtx { id, caption, html })
}

/// The "what changed since last year" list of an LAO page.
#[derive(Debug, Serialize)]
pub struct ChangesCtx {
    /// The year compared with (พ.ศ.).
    pub since: u16,
    /// How many indicators changed verdict.
    pub count: usize,
    /// One escaped `<li>` per changed indicator: its id (linked to its row), the two verdicts, the
    /// criterion change that makes them judge different things if any, and its wording. Written
    /// by code like the results rows: on a national page it is up to 64 items.
    pub items_html: String,
}

/// "better" (now meets the target), "worse" (met it before) or "other".
fn change_direction(from: Verdict, to: Verdict) -> &'static str {
    match (from, to) {
        (_, Verdict::Meets) => "better",
        (Verdict::Meets, _) => "worse",
        _ => "other",
    }
}

/// Indicators whose verdict changed since the LAO's previous assessed year; `None` without one.
pub fn lao_changes(site: &Site, derived: &Derived, labels: &YearLabels, y: usize, l: usize) -> Option<ChangesCtx> {
    let (prev, changes) = compare::verdict_changes(site, derived, l, y)?;
    let kind = site.laos[l].kind;
    let mut html = String::with_capacity(changes.len() * 200);
    // Better first, then worse, then the rest; each links to its row, where the wording is:
    // the list says what moved, the table says what it is.
    for (direction, heading) in
        [("better", "ดีขึ้นเป็นสูงกว่าค่าเป้าหมาย"), ("worse", "ลดลงจากสูงกว่าค่าเป้าหมาย"), ("other", "เปลี่ยนแปลงอื่น")]
    {
        let group: Vec<_> = changes.iter().filter(|c| change_direction(c.from, c.to) == direction).collect();
        if group.is_empty() {
            continue;
        }
        html.push_str("\n<li class=\"ch-");
        html.push_str(direction);
        html.push_str("\"><b>");
        html.push_str(heading);
        html.push(' ');
        html.push_str(&group.len().to_string());
        html.push_str(" ตัวชี้วัด</b>");
        // The indicator's id linked to its row, and the criterion change that makes the two
        // years judge different things, if any.
        let link = |html: &mut String, c: &compare::VerdictChange| {
            let id = &labels.indicator(kind, c.indicator).id_html;
            html.push_str("<a href=\"#i-");
            html.push_str(id);
            html.push_str("\">");
            html.push_str(id);
            html.push_str("</a>");
            if let Some(note) = c.change.as_ref().map(compare::Change::note_th) {
                html.push_str(" (");
                markup_into(html, &note);
                html.push_str(": เกณฑ์ต่างกัน)");
            }
        };
        if direction != "other" {
            // Better is to สูงกว่าค่าเป้าหมาย, worse is from it: the heading says the verdicts, the
            // ids link to the rows, where the wording and this year's figures are.
            html.push_str(": ");
            for (k, c) in group.iter().enumerate() {
                if k > 0 {
                    html.push_str(", ");
                }
                link(&mut html, c);
            }
            html.push_str("</li>");
            continue;
        }
        html.push_str("<ul>");
        for c in group {
            html.push_str("<li>");
            link(&mut html, c);
            html.push(' ');
            html.push_str(&c.from.text_th(site.years[prev].be));
            html.push_str(" → ");
            html.push_str(labels.verdict(c.to));
            html.push_str("</li>");
        }
        html.push_str("</ul></li>");
    }
    Some(ChangesCtx { since: site.years[prev].be, count: changes.len(), items_html: html })
}

/// Distribution charts, one per area, over the LAOs `include` accepts; `prefix` keeps ids unique.
pub fn spread_charts(
    site: &Site,
    fig: &YearFigures,
    y: usize,
    prefix: &str,
    laos: impl IntoIterator<Item = usize>,
) -> Vec<ChartCtx> {
    let cat = &site.years[y].catalog;
    let all: Vec<IndicatorSpread> = compare::spreads(site, fig, y, laos);
    let mut out = Vec::new();
    for (a, area) in cat.areas.iter().enumerate() {
        let groups: Vec<SpreadGroup> = all
            .iter()
            .filter(|s| cat.indicators[s.indicator].area == a)
            .map(|s| SpreadGroup {
                id: cat.indicators[s.indicator].id.clone(),
                rows: s
                    .by_type
                    .iter()
                    .map(|t| SpreadRow {
                        label: type_abbr_th(t.kind).into(),
                        name: t.kind.label_th().into(),
                        spread: t.spread,
                        values: if t.values.len() <= DOTS_UP_TO { t.values.clone() } else { Vec::new() },
                        target: t.target,
                    })
                    .collect(),
            })
            .collect();
        if groups.is_empty() {
            continue;
        }
        // The message: which indicator's typical LAO falls furthest short of its target.
        let mut short: Vec<(i64, &str, &str)> = groups
            .iter()
            .flat_map(|g| {
                g.rows
                    .iter()
                    .filter_map(move |r| r.target.map(|t| (r.spread.median - t, g.id.as_str(), r.name.as_str())))
            })
            .collect();
        short.sort();
        let caption = match short.first() {
            Some((gap, id, kind)) if *gap < 0 => {
                let mut of_kind = String::from("ของ");
                compare::push_type(&mut of_kind, kind);
                format!(
                    "ด้านที่ {}: ค่ากลางที่ต่ำกว่าค่าเป้าหมายมากที่สุดคือตัวชี้วัด {id} {} (ต่ำกว่า {} จุด)",
                    area.no,
                    of_kind.trim_end(),
                    crate::text::numbers::format_hundredths(-gap)
                )
            }
            _ => format!("ด้านที่ {}: ค่ากลางของทุกประเภท อปท. ถึงค่าเป้าหมายในทุกตัวชี้วัดร้อยละ", area.no),
        };
        let chart = spread::spread(
            &format!("{prefix}-spread-{}", area.no),
            &format!("การกระจายของสัดส่วน (2) ต่อ (1) ตามประเภท อปท. ด้านที่ {} {}", area.no, area.name_th),
            DESC_SPREAD,
            &groups,
        );
        out.push(ChartCtx::new(chart, caption, true));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Table;

    #[test]
    fn figure_escapes_caption_and_cells_and_always_has_its_table() {
        let mut table = Table::new(vec!["h<".into(), "v".into()], 1);
        table.text("a&b");
        table.text("<i>");
        let chart = Chart { id: "c".into(), svg: "<svg></svg>".into(), table };
        let html = figure_html(&chart, "x < y", true);
        assert!(html.starts_with(
            r#"<figure class="chart-fig" id="c-fig"><figcaption id="c-cap">x &lt; y</figcaption><svg></svg><details"#
        ));
        assert!(html.contains(r#"<th scope="col">h&lt;</th>"#));
        assert!(html.contains(r#"<th scope="row">a&amp;b</th><td>&lt;i&gt;</td>"#));
        assert!(html.ends_with("</table></div></details></figure>"));
    }
}
