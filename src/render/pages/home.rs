//! The home page: find an LAO, the latest national picture, workshops, manuals.

use tera::Context;

use crate::paths::root_prefix;
use crate::plan::Planned;
use crate::render::Renderer;
use crate::render::context::*;
use crate::render::pages::browse::NationalCtx;
use crate::render::{charts, workshops};

/// The home page.
pub(super) fn home(r: &Renderer, p: &Planned) -> (&'static str, Context) {
    let site = r.site;
    let figs = &r.derived.years;
    let root = root_prefix(&p.path);
    let mut ctx = r.page_ctx(
        p,
        String::new(),
        format!(
            "{}: ผลการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะของทุกองค์กรปกครองส่วนท้องถิ่น ค้นหาตามจังหวัด อำเภอ หรือประเภท",
            site.settings.title_th
        ),
        "home",
    );
    ctx.insert("provinces", &province_items(site, &root));
    ctx.insert("types", &type_items(site, &root));
    ctx.insert("years", &year_links(site, &root));
    ctx.insert("lao_count", &crate::text::numbers::format_number(site.laos.len() as f64));
    if let Some(y) = site.years.len().checked_sub(1) {
        let fig = &figs[y];
        let mut total = crate::derive::Counts::default();
        for c in &fig.national_area_counts {
            total.merge(c);
        }
        ctx.insert("latest", &NationalCtx::new(site, fig, y, &root));
        ctx.insert("latest_totals", &count_list(&total));
        ctx.insert("latest_share", &charts::share_bars(site, fig, y, "chart-share", 0..site.laos.len()));
    }
    if let Some(w) = workshops::home(site, &root) {
        ctx.insert("workshops", &w);
    }
    ("home.html", ctx)
}
