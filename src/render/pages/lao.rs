//! An LAO's pages: its own page across the years, and its results for one year.

use tera::Context;

use crate::paths::root_prefix;
use crate::paths::{self, lao_path, lao_year_path, rooted};
use crate::plan::Planned;
use crate::render::Renderer;
use crate::render::context::*;
use crate::render::pages::{Downloads, YearCtx};
use crate::render::{charts, notice};

/// An LAO's own page (`lao/<code>/`): the latest year in brief, every year, and the trend.
pub(super) fn lao_home(r: &Renderer, p: &Planned, l: usize, year: Option<usize>) -> (&'static str, Context) {
    let site = r.site;
    let figs = &r.derived.years;
    let root = root_prefix(&p.path);
    // The LAO's own page: the latest year in brief, every year, and the trend.
    let lao = &site.laos[l];
    let name = lao.full_name_th();
    let description = match year {
        Some(y) => {
            let t = figs[y].lao_totals(l);
            format!(
                "{name} {} ผลการประเมินมาตรฐานขั้นต่ำทุกปี ล่าสุดปี พ.ศ. {} สูงกว่าค่าเป้าหมาย {} จาก {} ตัวชี้วัด",
                site.provinces[lao.province].title_th(),
                site.years[y].be,
                t.meets,
                t.judged()
            )
        }
        None => format!("{name}: ยังไม่มีผลการประเมิน"),
    };
    let mut ctx = r.page_ctx(p, r.title_name(l), description, "lao");
    ctx.insert("lao", &lao_head(site, lao, &root));
    ctx.insert("years", &lao_years(site, figs, l, None, &p.path));
    if let Some(y) = year {
        let fig = &figs[y];
        let t = fig.lao_totals(l);
        ctx.insert("year", &YearCtx { be: site.years[y].be, title: site.years[y].catalog.title_th.clone() });
        ctx.insert("year_href", &rooted(&root, &lao_year_path(&lao.code, site.years[y].be)));
        ctx.insert("totals", &count_list(&t));
        ctx.insert("meets", &t.meets);
        ctx.insert("judged", &t.judged());
        let year_href = rooted(&root, &lao_year_path(&lao.code, site.years[y].be));
        ctx.insert("area_chart", &charts::lao_area_bars(site, fig, y, l, &year_href));
        ctx.insert("trends", &charts::lao_trend_charts(site, r.derived, y, l));
        ctx.insert("print", &notice::lao_print(site, l, y, &p.path));
        // Later years that have results for other LAOs but none for this one, said plainly.
        let later: Vec<String> = (y + 1..site.years.len())
            .filter(|&yy| !site.years[yy].measures.is_empty())
            .map(|yy| site.years[yy].be.to_string())
            .collect();
        let later = match later.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => [&rest.join(", "), " และ ", last].concat(),
        };
        ctx.insert("later_years", &later);
    }
    ("lao_home.html", ctx)
}

/// An LAO's results for one year (`lao/<code>/<be>/`): the official table, charts, comparisons.
pub(super) fn lao_year(r: &Renderer, p: &Planned, l: usize, y: usize) -> (&'static str, Context) {
    let site = r.site;
    let figs = &r.derived.years;
    let root = root_prefix(&p.path);
    let lao = &site.laos[l];
    let name = lao.full_name_th();
    let fig = &figs[y];
    let t = fig.lao_totals(l);
    let be = site.years[y].be;
    let be_text = itoa::Buffer::new().format(be).to_string();
    let title = [&r.title_name(l), " ผลการประเมินปี ", &be_text].concat();
    let description = [
        &name,
        " ",
        &site.provinces[lao.province].title_th(),
        " สูงกว่าค่าเป้าหมาย ",
        itoa::Buffer::new().format(t.meets),
        " จาก ",
        itoa::Buffer::new().format(t.judged()),
        " ตัวชี้วัด ในการประเมินมาตรฐานขั้นต่ำ ปี พ.ศ. ",
        &be_text,
    ]
    .concat();
    let mut ctx = r.page_ctx(p, title, description, "lao");
    ctx.insert("lao", &lao_head(site, lao, &root));
    ctx.insert("years", &lao_years(site, figs, l, Some(y), &p.path));
    ctx.insert("lao_href", &paths::relative(&p.path, &lao_path(&lao.code)));
    ctx.insert("year", &YearCtx { be, title: site.years[y].catalog.title_th.clone() });
    ctx.insert("totals", &count_list(&t));
    ctx.insert("meets", &t.meets);
    ctx.insert("judged", &t.judged());
    let mut areas = lao_areas(site, fig, y, l, &r.labels[y], RowsAs::Html, &root);
    for c in charts::lao_area_charts(site, r.derived, y, l) {
        if let Some(a) = areas.iter_mut().find(|a| a.no == c.no) {
            a.sentence = c.sentence;
        }
    }
    ctx.insert("areas", &areas);
    ctx.insert("area_chart", &charts::lao_area_bars(site, fig, y, l, ""));
    // Another year with results: the LAO's own page compares the years.
    ctx.insert("other_years", &(0..site.years.len()).any(|yy| yy != y && !figs[yy].lao_rows[l].is_empty()));
    ctx.insert("changes", &charts::lao_changes(site, r.derived, &r.labels[y], y, l));
    ctx.insert(
        "downloads",
        &Downloads {
            csv: paths::relative(&p.path, &paths::lao_results_path(&lao.code)),
            data_page: rooted(&root, paths::DATA_PAGE),
        },
    );
    ctx.insert("print", &notice::lao_print(site, l, y, &p.path));
    ctx.insert("trend_years", &notice::trend(site, figs, l, y));
    ("lao.html", ctx)
}
