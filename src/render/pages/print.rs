//! The printed notice (ประกาศ) of an LAO's year. The council pack is the year page itself as
//! it prints (lao.html and the print rules of style.css), not a second copy of its table.

use tera::Context;

use crate::paths::root_prefix;
use crate::paths::{lao_year_path, rooted};
use crate::plan::Planned;
use crate::render::Renderer;
use crate::render::context::*;
use crate::render::notice;
use crate::render::pages::YearCtx;

/// The notice of an LAO's year: one A4 sheet to post.
pub(super) fn notice(r: &Renderer, p: &Planned, l: usize, y: usize) -> (&'static str, Context) {
    let site = r.site;
    let figs = &r.derived.years;
    let root = root_prefix(&p.path);
    let lao = &site.laos[l];
    let be = site.years[y].be;
    let name = lao.full_name_th();
    let title = format!("ประกาศ{name} เรื่อง ผลการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะ ประจำปี พ.ศ. {be}");
    let mut ctx = r.page_ctx(p, format!("{title} ({})", r.title_name(l)), title.clone(), "lao");
    let fig = &figs[y];
    let t = fig.lao_totals(l);
    ctx.insert("heading", &title);
    ctx.insert("lao", &lao_head(site, lao, &root));
    ctx.insert("executive", &lao.executive_title_th());
    ctx.insert("year", &YearCtx { be, title: site.years[y].catalog.title_th.clone() });
    ctx.insert("totals", &count_list(&t));
    ctx.insert("meets", &t.meets);
    ctx.insert("judged", &t.judged());
    let areas = lao_areas(site, fig, y, l, &r.labels[y], RowsAs::None, &root);
    // Many areas or long area names: a denser table keeps the notice on one page
    // even without notice.js.
    let name_chars: usize = areas.iter().map(|a| a.name.chars().count()).sum();
    ctx.insert("dense", &(areas.len() > 9 || name_chars > 420));
    ctx.insert("areas", &areas);
    ctx.insert("print", &notice::lao_print(site, l, y, &p.path));
    ctx.insert("page_href", &rooted(&root, &lao_year_path(&lao.code, be)));
    ("notice.html", ctx)
}
