//! Contexts of what an LAO prints and pastes: the A4 notice (ประกาศ), the trend its year page
//! prints for the council, and the QR code, links and website snippet on its own page.

use serde::Serialize;

use crate::derive::{Counts, YearFigures};
use crate::model::Site;
use crate::paths::{absolute_url, lao_badge_path, lao_path, lao_qr_path, lao_year_path, notice_path, relative};
use crate::render::workshops::QrCtx;

/// Escapes text for HTML that an LAO pastes into its own site.
fn html_escape(s: &str) -> String {
    crate::text::escape::markup(s)
}

/// The QR code of an LAO's page for one year.
pub fn lao_qr(site: &Site, l: usize, y: usize, from: &str) -> QrCtx {
    let lao = &site.laos[l];
    let be = site.years[y].be;
    QrCtx {
        label: ["ผลการประเมินของ", &lao.full_name_th(), " ปี พ.ศ. ", itoa::Buffer::new().format(be)].concat(),
        url: absolute_url(site.settings.base_url.as_deref(), &lao_year_path(&lao.code, be)),
        src: relative(from, &lao_qr_path(&lao.code, be)),
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
    /// Relative link to the year page's print section: the page prints as the council pack.
    pub pack: String,
    /// HTML an LAO can paste on its website; `None` without a base URL, since it needs one.
    pub snippet: Option<String>,
    /// Relative link to the LAO's badge (its latest result), for the preview.
    pub badge: String,
}

/// The LAO page's print links and snippet for the year on show, linked from the page at `from`.
pub fn lao_print(site: &Site, l: usize, y: usize, from: &str) -> LaoPrintCtx {
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
            &html_escape(&absolute_url(Some(base), &lao_badge_path(&lao.code))),
            "\" width=\"240\" height=\"64\" alt=\"",
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
        qr: lao_qr(site, l, y, from),
        notice: relative(from, &notice_path(&lao.code, be)),
        pack: [relative(from, &lao_year_path(&lao.code, be)).as_str(), "#print-h"].concat(),
        snippet,
        badge: relative(from, &lao_badge_path(&lao.code)),
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

/// The LAO's years up to and including `y` that have results, each with its verdict counts.
pub fn trend(site: &Site, figs: &[YearFigures], l: usize, y: usize) -> Vec<TrendYear> {
    (0..=y)
        .filter(|&i| !figs[i].lao_rows[l].is_empty())
        .map(|i| {
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
        .collect()
}
