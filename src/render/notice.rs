//! Contexts of what an LAO prints and pastes: the A4 notice (ประกาศ), the council pack, and
//! the QR code, links and website snippet on its own page.

use serde::Serialize;

use crate::derive::{Counts, Verdict, YearFigures};
use crate::model::{Site, Unit};
use crate::paths::{absolute_url, council_path, lao_path, lao_qr_path, lao_year_path, notice_path, rooted};
use crate::render::workshops::QrCtx;
use crate::text::numbers::format_hundredths;

/// Escapes text for HTML that an LAO pastes into its own site.
fn html_escape(s: &str) -> String {
    crate::text::escape::markup(s)
}

/// The QR code of an LAO's page for one year.
pub fn lao_qr(site: &Site, l: usize, y: usize, root: &str) -> QrCtx {
    let lao = &site.laos[l];
    let be = site.years[y].be;
    QrCtx {
        label: ["ผลการประเมินของ", &lao.full_name_th(), " ปี พ.ศ. ", itoa::Buffer::new().format(be)].concat(),
        url: absolute_url(site.settings.base_url.as_deref(), &lao_year_path(&lao.code, be)),
        src: rooted(root, &lao_qr_path(&lao.code, be)),
        works: site.settings.base_url.is_some(),
    }
}

/// What the LAO page adds for printing and sharing.
#[derive(Serialize)]
pub struct LaoPrintCtx {
    /// The page's QR code.
    pub qr: QrCtx,
    /// Relative link to the notice.
    pub notice: String,
    /// Relative link to the council pack.
    pub council: String,
    /// HTML an LAO can paste on its website; `None` without a base URL, since it needs one.
    pub snippet: Option<String>,
}

/// The LAO page's print links and snippet for the year on show.
pub fn lao_print(site: &Site, l: usize, y: usize, root: &str) -> LaoPrintCtx {
    let lao = &site.laos[l];
    let be = site.years[y].be;
    let snippet = site.settings.base_url.as_deref().map(|base| {
        // The snippet links to the LAO's own folder, which always shows the latest year.
        let href = html_escape(&absolute_url(Some(base), &lao_path(&lao.code)));
        let name = html_escape(&lao.full_name_th());
        // Joined, not formatted: every LAO page of a national build has one.
        const OF: &str = "ผลการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะของ";
        [
            "<a href=\"",
            &href,
            "\" title=\"",
            OF,
            &name,
            "\"><img src=\"",
            &html_escape(base),
            "assets/badge.svg\" width=\"220\" height=\"56\" alt=\"",
            OF,
            &name,
            "\"></a>\n<a href=\"",
            &href,
            "\">",
            OF,
            &name,
            "</a>",
        ]
        .concat()
    });
    LaoPrintCtx {
        qr: lao_qr(site, l, y, root),
        notice: rooted(root, &notice_path(&lao.code, be)),
        council: rooted(root, &council_path(&lao.code, be)),
        snippet,
    }
}

/// One year of an LAO's trend.
#[derive(Serialize)]
pub struct TrendYear {
    /// พ.ศ.
    pub be: u16,
    /// Met the target.
    pub meets: u32,
    /// Judged against a target.
    pub judged: u32,
    /// Below the target.
    pub below: u32,
    /// Not done.
    pub not_done: u32,
    /// No such service.
    pub no_service: u32,
    /// Share met, as shown.
    pub share: String,
    /// The year on show.
    pub current: bool,
}

/// One indicator followed across years (same id).
#[derive(Serialize)]
pub struct TrendIndicator {
    /// Id.
    pub id: String,
    /// Wording in the year on show.
    pub text: String,
    /// Per trend year: the value as shown and the verdict key ("" when absent).
    pub cells: Vec<TrendCell>,
}

/// One cell of an indicator's trend.
#[derive(Serialize)]
pub struct TrendCell {
    /// Ratio (percent) or count, as shown; "-" when there is none.
    pub value: String,
    /// Verdict label, empty when the indicator was not in that year.
    pub verdict: &'static str,
    /// Verdict key for the colour mark.
    pub key: &'static str,
}

/// The LAO's years up to and including `y`, and its indicators that recur in them.
pub fn trend(site: &Site, figs: &[YearFigures], l: usize, y: usize) -> (Vec<TrendYear>, Vec<TrendIndicator>) {
    let years: Vec<usize> = (0..=y).filter(|&i| !figs[i].lao_rows[l].is_empty()).collect();
    let totals = years
        .iter()
        .map(|&i| {
            let c: Counts = figs[i].lao_totals(l);
            TrendYear {
                be: site.years[i].be,
                meets: c.meets,
                judged: c.judged(),
                below: c.below,
                not_done: c.not_done,
                no_service: c.no_service,
                share: crate::render::context::share(c.meets, c.judged()),
                current: i == y,
            }
        })
        .collect();
    let mut indicators = Vec::new();
    if years.len() > 1 {
        let lao = &site.laos[l];
        for row in figs[y].lao_rows[l].clone() {
            let ind = &site.years[y].catalog.indicators[site.years[y].measures[row].indicator];
            let cells: Vec<TrendCell> = years
                .iter()
                .map(|&i| {
                    let year = &site.years[i];
                    let found = figs[i].lao_rows[l].clone().find(|&r| {
                        year.catalog.indicators[year.measures[r].indicator].id == ind.id
                            && year.catalog.indicators[year.measures[r].indicator].unit == ind.unit
                    });
                    match found {
                        None => TrendCell { value: "-".into(), verdict: "", key: "" },
                        Some(r) => {
                            let v: Verdict = figs[i].verdicts[r];
                            let value = match ind.unit {
                                Unit::Percent => figs[i].values[r].map(format_hundredths),
                                Unit::Count => {
                                    year.measures[r].delivered.get().map(crate::text::numbers::format_number)
                                }
                            };
                            TrendCell {
                                value: value.unwrap_or_else(|| "-".into()),
                                verdict: v.label_th(),
                                key: v.key(),
                            }
                        }
                    }
                })
                .collect();
            // Only indicators seen in at least two years make a trend.
            if cells.iter().filter(|c| !c.verdict.is_empty()).count() > 1 {
                indicators.push(TrendIndicator { id: ind.id.clone(), text: ind.text_for(lao.kind), cells });
            }
        }
    }
    (totals, indicators)
}
