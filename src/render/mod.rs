//! Render: turns each planned output into bytes. Pure given the model, the derived figures
//! and the theme; called in parallel, one output at a time.

pub mod context;
pub mod data;
pub mod labels;

use serde::Serialize;
use tera::{Context, Tera};

use crate::derive::Derived;
use crate::diag::{Diagnostics, Span};
use crate::model::Site;
use crate::plan::{Output, Page, Planned, lao_year_path, pretty_path, root_prefix};
use crate::theme::Theme;
use context::*;

/// Site-wide values every template sees as `site`.
#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    title_en: &'a str,
    base_url: Option<&'a str>,
    sample_data: bool,
    office: &'a crate::model::Office,
    latest_year: Option<u16>,
    generator: &'static str,
}

/// A ready renderer: the compiled templates and what they draw on.
pub struct Renderer<'a> {
    site: &'a Site,
    derived: &'a Derived,
    theme: &'a Theme,
    tera: Tera,
    plan: &'a [Planned],
    /// Texts every LAO page of a year shares, per year.
    labels: Vec<labels::YearLabels>,
}

/// Page-level values: where the page is and how it is titled.
#[derive(Serialize)]
struct PageCtx {
    /// Relative prefix back to the site root.
    root: String,
    /// Path of this page.
    path: String,
    /// Full title for `<title>`.
    title: String,
    /// Description for search and sharing.
    description: String,
    /// Absolute address, when a base URL is set.
    canonical: Option<String>,
    /// Which navigation entry is current.
    section: &'static str,
}

impl<'a> Renderer<'a> {
    /// Compiles the theme's templates. Template errors are reported against the theme file.
    pub fn new(
        site: &'a Site,
        derived: &'a Derived,
        theme: &'a Theme,
        plan: &'a [Planned],
    ) -> Result<Self, Diagnostics> {
        let mut tera = Tera::new();
        let mut diags = Diagnostics::new();
        let templates: Vec<(&str, &str)> = theme.templates.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        if let Err(e) = tera.add_raw_templates(templates) {
            diags.error(
                Span::file("themes/default/templates/"),
                format!("a template cannot be compiled: {}", error_chain(&e)),
            );
            return Err(diags);
        }
        let s = &site.settings;
        tera.global_context().insert(
            "site",
            &SiteCtx {
                title: &s.title_th,
                title_en: &s.title_en,
                base_url: s.base_url.as_deref(),
                sample_data: s.sample_data,
                office: &s.office,
                latest_year: site.latest_year().map(|y| y.be),
                generator: concat!("prakat ", env!("CARGO_PKG_VERSION")),
            },
        );
        let labels = labels::YearLabels::all(site, &derived.years);
        Ok(Renderer { site, derived, theme, tera, plan, labels })
    }

    fn page_ctx(&self, p: &Planned, title: String, description: String, section: &'static str) -> Context {
        let mut ctx = Context::new();
        let canonical_path = match p.output {
            // The latest-year copy points search engines at the year page it duplicates.
            Output::Page(Page::Lao { lao, year: Some(y), alias: true }) => {
                lao_year_path(&self.site.laos[lao].code, self.site.years[y].be)
            }
            _ => p.path.clone(),
        };
        let full_title = if title.is_empty() {
            self.site.settings.title_th.clone()
        } else {
            format!("{title} | {}", self.site.settings.title_th)
        };
        ctx.insert(
            "page",
            &PageCtx {
                root: root_prefix(&p.path),
                path: p.path.clone(),
                title: full_title,
                description,
                canonical: self.site.settings.base_url.as_ref().map(|b| format!("{b}{}", pretty_path(&canonical_path))),
                section,
            },
        );
        ctx
    }

    /// Renders one output.
    pub fn render(&self, p: &Planned) -> Result<Vec<u8>, String> {
        if let Some(bytes) = data::render(self.site, self.derived, p) {
            return Ok(bytes);
        }
        match p.output {
            Output::Sitemap => Ok(data::sitemap(self.site, self.plan)),
            Output::Robots => Ok(data::robots(self.site)),
            Output::Static => Ok(self.theme.static_files.get(&p.path).cloned().unwrap_or_default()),
            Output::Page(page) => {
                let (template, ctx) = self.page(p, page);
                // Rendered straight into bytes: no UTF-8 check of the whole page afterwards.
                let mut out = Vec::with_capacity(64 * 1024);
                self.tera
                    .render_to(template, &ctx, &mut out)
                    .map(|()| out)
                    .map_err(|e| format!("{template}: {}", error_chain(&e)))
            }
            _ => Err(format!("no renderer for {}", p.path)),
        }
    }

    fn page(&self, p: &Planned, page: Page) -> (&'static str, Context) {
        let site = self.site;
        let figs = &self.derived.years;
        let root = root_prefix(&p.path);
        match page {
            Page::Home => {
                let mut ctx = self.page_ctx(p, String::new(), format!("{}: ผลการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะของทุกองค์กรปกครองส่วนท้องถิ่น ค้นหาตามจังหวัด อำเภอ หรือประเภท", site.settings.title_th), "home");
                ctx.insert("provinces", &province_items(site, &root));
                ctx.insert("types", &type_items(site, &root));
                ctx.insert("years", &year_links(site, &root));
                ctx.insert("lao_count", &site.laos.len());
                if let Some(y) = site.years.len().checked_sub(1) {
                    let fig = &figs[y];
                    let mut total = crate::derive::Counts::default();
                    for c in &fig.national_area_counts {
                        total.merge(c);
                    }
                    ctx.insert("latest", &NationalCtx::new(site, fig, y, &root));
                    ctx.insert("latest_totals", &count_list(&total));
                }
                ("home.html", ctx)
            }
            Page::Lao { lao: l, year, alias } => {
                let lao = &site.laos[l];
                let name = lao.full_name_th();
                let (title, description) = match year {
                    Some(y) => {
                        let t = figs[y].lao_totals(l);
                        (
                            format!("{name} ผลการประเมินปี {}", site.years[y].be),
                            format!(
                                "{name} จังหวัด{} ผ่านค่าเป้าหมาย {} จาก {} ตัวชี้วัด ในการประเมินมาตรฐานขั้นต่ำ ปี พ.ศ. {}",
                                site.provinces[lao.province].name_th,
                                t.meets,
                                t.judged(),
                                site.years[y].be
                            ),
                        )
                    }
                    None => (name.clone(), format!("{name}: ยังไม่มีผลการประเมิน")),
                };
                let mut ctx = self.page_ctx(p, title, description, "lao");
                ctx.insert("lao", &lao_head(site, lao, &root));
                ctx.insert("years", &lao_years(site, figs, l, year, &root));
                ctx.insert("alias", &alias);
                if let Some(y) = year {
                    let fig = &figs[y];
                    let t = fig.lao_totals(l);
                    ctx.insert(
                        "year",
                        &YearCtx { be: site.years[y].be, title: site.years[y].catalog.title_th.clone() },
                    );
                    ctx.insert("totals", &count_list(&t));
                    ctx.insert("meets", &t.meets);
                    ctx.insert("judged", &t.judged());
                    ctx.insert("areas", &lao_areas(site, fig, y, l, &self.labels[y]));
                    let base = format!("{root}lao/{}/{}/", lao.code, site.years[y].be);
                    ctx.insert(
                        "downloads",
                        &Downloads { csv: format!("{base}results.csv"), json: format!("{base}results.json") },
                    );
                }
                ("lao.html", ctx)
            }
            Page::Province(pi) => {
                let prov = &site.provinces[pi];
                let mut ctx = self.page_ctx(
                    p,
                    format!("จังหวัด{}", prov.name_th),
                    format!("ผลการประเมินขององค์กรปกครองส่วนท้องถิ่นทุกแห่งในจังหวัด{}", prov.name_th),
                    "browse",
                );
                let districts: Vec<DistrictCtx> = prov
                    .districts
                    .iter()
                    .enumerate()
                    .map(|(d, dist)| DistrictCtx {
                        name: dist.name_th.clone(),
                        href: format!("{root}{}", crate::plan::district_path(site, pi, d)),
                        laos: site
                            .laos
                            .iter()
                            .enumerate()
                            .filter(|(_, l)| l.province == pi && l.district == d)
                            .map(|(i, _)| lao_item(site, figs, i, &root))
                            .collect(),
                    })
                    .collect();
                ctx.insert("province", &Link { name: prov.name_th.clone(), href: String::new() });
                ctx.insert("province_en", &prov.name_en);
                ctx.insert("districts", &districts);
                ("province.html", ctx)
            }
            Page::District(pi, di) => {
                let prov = &site.provinces[pi];
                let dist = &prov.districts[di];
                let mut ctx = self.page_ctx(
                    p,
                    format!("อำเภอ{} จังหวัด{}", dist.name_th, prov.name_th),
                    format!("ผลการประเมินขององค์กรปกครองส่วนท้องถิ่นในอำเภอ{} จังหวัด{}", dist.name_th, prov.name_th),
                    "browse",
                );
                ctx.insert(
                    "province",
                    &Link {
                        name: prov.name_th.clone(),
                        href: format!("{root}{}", crate::plan::province_path(site, pi)),
                    },
                );
                ctx.insert("district", &Link { name: dist.name_th.clone(), href: String::new() });
                ctx.insert("district_en", &dist.name_en);
                let laos: Vec<LaoItem> = site
                    .laos
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| l.province == pi && l.district == di)
                    .map(|(i, _)| lao_item(site, figs, i, &root))
                    .collect();
                ctx.insert("laos", &laos);
                ("district.html", ctx)
            }
            Page::Type(t) => {
                let mut ctx = self.page_ctx(
                    p,
                    t.plural_th().to_string(),
                    format!("ผลการประเมินของ{}ทุกแห่ง", t.plural_th()),
                    "browse",
                );
                ctx.insert("type_name", t.plural_th());
                ctx.insert("type_en", t.label_en());
                let laos: Vec<LaoItem> = site
                    .laos
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| l.kind == t)
                    .map(|(i, _)| lao_item(site, figs, i, &root))
                    .collect();
                ctx.insert("laos", &laos);
                ("type.html", ctx)
            }
            Page::Year(y) => {
                let year = &site.years[y];
                let mut ctx = self.page_ctx(
                    p,
                    format!("ภาพรวมทั้งประเทศ ปี พ.ศ. {}", year.be),
                    year.catalog.title_th.clone(),
                    "years",
                );
                ctx.insert("national", &NationalCtx::new(site, &figs[y], y, &root));
                ctx.insert("indicators", &indicator_summaries(site, &figs[y], y));
                ctx.insert("years", &year_links(site, &root));
                ("year.html", ctx)
            }
            Page::NotFound => {
                let mut ctx = self.page_ctx(p, "ไม่พบหน้าที่ต้องการ".into(), "ไม่พบหน้าที่ต้องการ".into(), "");
                // A 404 page is served from any depth, so its links must be absolute when they can be.
                if let Some(base) = &site.settings.base_url {
                    ctx.insert("root_override", base);
                }
                ("404.html", ctx)
            }
        }
    }
}

#[derive(Serialize)]
struct YearCtx {
    be: u16,
    title: String,
}

#[derive(Serialize)]
struct Downloads {
    csv: String,
    json: String,
}

#[derive(Serialize)]
struct DistrictCtx {
    name: String,
    href: String,
    laos: Vec<LaoItem>,
}

/// National figures of one year.
#[derive(Serialize)]
struct NationalCtx {
    be: u16,
    title: String,
    href: String,
    laos_with_results: usize,
    rows: usize,
    areas: Vec<NationalArea>,
    csv: String,
    json: String,
}

#[derive(Serialize)]
struct NationalArea {
    no: u32,
    name: String,
    counts: Vec<CountCtx>,
    meets: u32,
    judged: u32,
    share: String,
}

impl NationalCtx {
    fn new(site: &Site, fig: &crate::derive::YearFigures, y: usize, root: &str) -> Self {
        let year = &site.years[y];
        NationalCtx {
            be: year.be,
            title: year.catalog.title_th.clone(),
            href: format!("{root}{}", crate::plan::year_path(year.be)),
            laos_with_results: fig.laos_with_results,
            rows: year.measures.len(),
            areas: year
                .catalog
                .areas
                .iter()
                .zip(&fig.national_area_counts)
                .map(|(a, c)| NationalArea {
                    no: a.no,
                    name: a.name_th.clone(),
                    counts: count_list(c),
                    meets: c.meets,
                    judged: c.judged(),
                    share: share(c.meets, c.judged()),
                })
                .collect(),
            csv: format!("{root}year/{}/results.csv", year.be),
            json: format!("{root}year/{}/results.json", year.be),
        }
    }
}

/// A Tera error with its causes, on one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}
