//! Render: turns each planned output into bytes. Pure given the model, the derived figures
//! and the theme; called in parallel, one output at a time.

pub mod charts;
pub mod context;
pub mod data;
pub mod ics;
pub mod labels;
pub mod manual;
pub mod notice;
pub mod qr;
pub mod search;
#[cfg(feature = "share-image-site")]
pub mod share_image;
pub mod text_search;
pub mod workshops;

use serde::Serialize;
use tera::{Context, Tera};

use crate::derive::Derived;
use crate::diag::{Diagnostics, Span};
use crate::model::Site;
use crate::model::theme::Theme;
use crate::paths::{self, lao_path, lao_year_path, pretty_path, root_prefix, rooted};
use crate::plan::{Output, Page, Planned};
use context::*;

/// The theme's site-wide share image (1200×630 PNG), used as og:image when present.
pub const SHARE_IMAGE: &str = "assets/share.png";

/// Replaces Tera's `safe` filter: a string (already escaped markup such as a results table or a
/// chart) is kept and only marked safe, where the built-in filter copies it, which on a national
/// build was a copy of most of every LAO page. Anything else becomes text as the built-in
/// filter makes it.
fn register_safe(tera: &mut Tera) {
    tera.register_filter("safe", |v: tera::Value, _: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
        if v.as_str().is_some() {
            return Ok(v.mark_safe());
        }
        <std::borrow::Cow<str> as tera::ArgFromValue>::from_value(&v).map(|s| tera::Value::safe_string(&s))
    });
}

/// Site-wide values every template sees as `site`.
#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    title_en: &'a str,
    base_url: Option<&'a str>,
    sample_data: bool,
    office: &'a crate::model::Office,
    latest_year: Option<u16>,
    /// The latest workshop series' year, for the navigation.
    latest_workshops: Option<u16>,
    generator: &'static str,
    /// Manuals for the navigation (paths from the site root).
    manuals: Vec<manual::NavLink>,
    /// Standalone pages for the navigation (paths from the site root).
    pages: Vec<manual::NavLink>,
}

/// A ready renderer: the compiled templates and what they draw on.
pub struct Renderer<'a> {
    site: &'a Site,
    derived: &'a Derived,
    theme: &'a Theme,
    tera: Tera,
    plan: &'a [Planned],
    books: Option<&'a crate::content::book::Books>,
    #[cfg(feature = "share-image-site")]
    images: share_image::ShareImages,
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
    /// The share image (og:image), when the page's absolute address is known.
    image: Option<ShareImage>,
    /// A LINE share link for the canonical address (a plain link; nothing is loaded from LINE).
    line_share: Option<String>,
}

/// An og:image: absolute address and text alternative.
#[derive(Serialize)]
struct ShareImage {
    url: String,
    alt: String,
}

/// Percent-encodes a string as one URL query value (RFC 3986 unreserved characters kept).
fn url_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
        register_safe(&mut tera);
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
                latest_workshops: site.workshops.last().map(|w| w.be),
                generator: concat!("prakat ", env!("CARGO_PKG_VERSION")),
                manuals: manual::nav_manuals(site),
                pages: manual::nav_pages(site),
            },
        );
        let labels = labels::YearLabels::all(site, &derived.years);
        Ok(Renderer {
            site,
            derived,
            theme,
            tera,
            plan,
            books: None,
            labels,
            #[cfg(feature = "share-image-site")]
            images: share_image::ShareImages::new(None),
        })
    }

    /// Gives the renderer the manuals and pages rendered by [`crate::content::book::prepare`]; without
    /// them, manual pages render empty.
    pub fn with_books(mut self, books: &'a crate::content::book::Books) -> Self {
        self.books = Some(books);
        self
    }

    /// Gives the renderer a reader of the previous build's output, whose share images are
    /// reused where unchanged. Does nothing without the `share-image-site` feature.
    pub fn set_previous_output(&mut self, read: impl Fn(&str) -> Option<Vec<u8>> + Send + Sync + 'static) {
        #[cfg(feature = "share-image-site")]
        {
            self.images = share_image::ShareImages::new(Some(Box::new(read)));
        }
        #[cfg(not(feature = "share-image-site"))]
        let _ = read;
    }

    /// The absolute address of a page's og:image and its text alternative, if there is one.
    fn share_image(&self, p: &Planned, description: &str) -> Option<ShareImage> {
        let base = self.site.settings.base_url.as_deref()?;
        if crate::plan::SITE_SHARE_IMAGE_ON {
            if let (true, Output::Page(Page::Lao { lao, year: y } | Page::LaoHome { lao, latest: Some(y) })) =
                (crate::plan::LAO_SHARE_IMAGES, p.output)
            {
                let path = crate::paths::lao_share_image_path(&self.site.laos[lao].code, self.site.years[y].be);
                return Some(ShareImage { url: format!("{base}{path}"), alt: description.to_string() });
            }
            let alt = self.site.settings.title_th.clone();
            return Some(ShareImage { url: format!("{base}{}", crate::paths::SITE_SHARE_IMAGE), alt });
        }
        // Without drawn images: the theme's own, if it ships one.
        self.theme
            .static_files
            .contains_key(SHARE_IMAGE)
            .then(|| ShareImage { url: format!("{base}{SHARE_IMAGE}"), alt: self.site.settings.title_th.clone() })
    }

    fn page_ctx(&self, p: &Planned, title: String, description: String, section: &'static str) -> Context {
        let mut ctx = Context::new();
        let canonical_path = p.path.clone();
        let full_title = if title.is_empty() {
            self.site.settings.title_th.clone()
        } else {
            [&title, " | ", &self.site.settings.title_th].concat()
        };
        let base = self.site.settings.base_url.as_deref();
        let canonical = base.map(|b| [b, pretty_path(&canonical_path)].concat());
        let image = self.share_image(p, &description);
        ctx.insert(
            "page",
            &PageCtx {
                root: root_prefix(&p.path),
                path: p.path.clone(),
                title: full_title,
                description,
                line_share: canonical
                    .as_ref()
                    .map(|c| ["https://social-plugins.line.me/lineit/share?url=", &url_component(c)].concat()),
                canonical,
                section,
                image,
            },
        );
        ctx
    }

    /// Renders one output. A failure names the file to fix: the template for pages.
    pub fn render(&self, p: &Planned) -> Result<Vec<u8>, RenderError> {
        if let Some(bytes) = data::render(self.site, self.derived, p) {
            return Ok(bytes);
        }
        match p.output {
            Output::Sitemap => Ok(data::sitemap(self.site, self.plan)),
            Output::Robots => Ok(data::robots(self.site)),
            Output::SearchIndex => Ok(search::index(self.site)),
            Output::TextIndex => match self.books {
                Some(books) => Ok(text_search::index(self.site, books)),
                None => Err(RenderError::at(p, "the manuals were not rendered before their search index".into())),
            },
            #[cfg(feature = "share-image-site")]
            Output::SiteShareImage => {
                let svg = share_image::site_svg(self.site, self.site.laos.len(), self.site.latest_year().map(|y| y.be));
                self.images.png(&svg, &p.path).map(|(png, _)| png).map_err(|m| RenderError::at(p, m))
            }
            #[cfg(feature = "share-image-site")]
            Output::LaoShareImage { lao: l, year: y } => {
                let lao = &self.site.laos[l];
                let prov = &self.site.provinces[lao.province];
                let counts = self.derived.years[y].lao_totals(l);
                let card = share_image::LaoCard {
                    name: &lao.full_name_th(),
                    place: format!("อำเภอ{} จังหวัด{}", prov.districts[lao.district].name_th, prov.name_th),
                    be: self.site.years[y].be,
                    counts: &counts,
                };
                self.images
                    .png(&share_image::lao_svg(self.site, &card), &p.path)
                    .map(|(png, _)| png)
                    .map_err(|m| RenderError::at(p, m))
            }
            Output::Static => Ok(self.theme.static_files.get(&p.path).cloned().unwrap_or_default()),
            Output::ContentAsset(i) => Ok(self.site.content.assets[i].bytes.clone()),
            Output::LaoQr { lao, year } => qr::svg(&notice::lao_qr(self.site, lao, year, "").url)
                .map(String::into_bytes)
                .map_err(|m| RenderError::at(p, m)),
            Output::WorkshopQr { series, link } => {
                let se = &self.site.workshops[series];
                let url = match link {
                    Some(i) => se.links().get(i).map(|l| l.url.clone()).unwrap_or_default(),
                    None => crate::paths::absolute_url(
                        self.site.settings.base_url.as_deref(),
                        &crate::paths::workshops_path(se.be),
                    ),
                };
                qr::svg(&url).map(String::into_bytes).map_err(|m| RenderError::at(p, m))
            }
            Output::SeriesIcs(si) => {
                let se = &self.site.workshops[si];
                let all: Vec<_> = se.sessions.iter().collect();
                Ok(ics::calendar(&self.site.settings, se, &all).into_bytes())
            }
            Output::SessionIcs(si, ni) => {
                let se = &self.site.workshops[si];
                Ok(ics::calendar(&self.site.settings, se, &[&se.sessions[ni]]).into_bytes())
            }
            Output::Page(page) => {
                let (template, ctx) = self.page(p, page);
                // Rendered straight into bytes: no UTF-8 check of the whole page afterwards.
                // Room for a national LAO page (about 113 KB) without growing and copying.
                let mut out = Vec::with_capacity(128 * 1024);
                self.tera.render_to(template, &ctx, &mut out).map(|()| out).map_err(|e| RenderError {
                    file: format!("themes/default/templates/{template}"),
                    message: format!("rendering {} failed: {}", p.path, error_chain(&e)),
                })
            }
            _ => Err(RenderError { file: p.path.clone(), message: "no renderer for this output".into() }),
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
                    ctx.insert("latest_share", &charts::share_bars(site, fig, y, "chart-share", 0..site.laos.len()));
                }
                if let Some(w) = workshops::home(site, &root) {
                    ctx.insert("workshops", &w);
                }
                ("home.html", ctx)
            }
            Page::LaoHome { lao: l, latest: year } => {
                // The LAO's own page: the latest year in brief, every year, and the trend.
                let lao = &site.laos[l];
                let name = lao.full_name_th();
                let description = match year {
                    Some(y) => {
                        let t = figs[y].lao_totals(l);
                        format!(
                            "{name} จังหวัด{} ผลการประเมินมาตรฐานขั้นต่ำทุกปี ล่าสุดปี พ.ศ. {} ผ่านค่าเป้าหมาย {} จาก {} ตัวชี้วัด",
                            site.provinces[lao.province].name_th,
                            site.years[y].be,
                            t.meets,
                            t.judged()
                        )
                    }
                    None => format!("{name}: ยังไม่มีผลการประเมิน"),
                };
                let mut ctx = self.page_ctx(p, name, description, "lao");
                ctx.insert("lao", &lao_head(site, lao, &root));
                ctx.insert("years", &lao_years(site, figs, l, None, &root));
                if let Some(y) = year {
                    let fig = &figs[y];
                    let t = fig.lao_totals(l);
                    ctx.insert(
                        "year",
                        &YearCtx { be: site.years[y].be, title: site.years[y].catalog.title_th.clone() },
                    );
                    ctx.insert("year_href", &rooted(&root, &lao_year_path(&lao.code, site.years[y].be)));
                    ctx.insert("totals", &count_list(&t));
                    ctx.insert("meets", &t.meets);
                    ctx.insert("judged", &t.judged());
                    ctx.insert("area_chart", &charts::lao_area_bars(site, fig, y, l));
                    ctx.insert("trends", &charts::lao_trend_charts(site, self.derived, y, l));
                    ctx.insert("print", &notice::lao_print(site, l, y, &root));
                }
                ("lao_home.html", ctx)
            }
            Page::Lao { lao: l, year: y } => {
                let lao = &site.laos[l];
                let name = lao.full_name_th();
                let fig = &figs[y];
                let t = fig.lao_totals(l);
                let be = site.years[y].be;
                let be_text = itoa::Buffer::new().format(be).to_string();
                let title = [&name, " ผลการประเมินปี ", &be_text].concat();
                let description = [
                    &name,
                    " จังหวัด",
                    &site.provinces[lao.province].name_th,
                    " ผ่านค่าเป้าหมาย ",
                    itoa::Buffer::new().format(t.meets),
                    " จาก ",
                    itoa::Buffer::new().format(t.judged()),
                    " ตัวชี้วัด ในการประเมินมาตรฐานขั้นต่ำ ปี พ.ศ. ",
                    &be_text,
                ]
                .concat();
                let mut ctx = self.page_ctx(p, title, description, "lao");
                ctx.insert("lao", &lao_head(site, lao, &root));
                ctx.insert("years", &lao_years(site, figs, l, Some(y), &root));
                ctx.insert("lao_href", &rooted(&root, &lao_path(&lao.code)));
                ctx.insert("year", &YearCtx { be, title: site.years[y].catalog.title_th.clone() });
                ctx.insert("totals", &count_list(&t));
                ctx.insert("meets", &t.meets);
                ctx.insert("judged", &t.judged());
                let mut areas = lao_areas(site, fig, y, l, &self.labels[y], RowsAs::Html, &root);
                for c in charts::lao_area_charts(site, self.derived, y, l) {
                    if let Some(a) = areas.iter_mut().find(|a| a.no == c.no) {
                        a.dots_head = c.dots_head.unwrap_or_default();
                        a.sentence = c.sentence;
                    }
                }
                ctx.insert("areas", &areas);
                ctx.insert("area_chart", &charts::lao_area_bars(site, fig, y, l));
                // Another year with results: the LAO's own page compares the years.
                ctx.insert("other_years", &(0..site.years.len()).any(|yy| yy != y && !figs[yy].lao_rows[l].is_empty()));
                ctx.insert("changes", &charts::lao_changes(site, self.derived, &self.labels[y], y, l));
                ctx.insert(
                    "downloads",
                    &Downloads {
                        csv: rooted(&root, &paths::lao_csv_path(&lao.code, be)),
                        json: rooted(&root, &paths::lao_json_path(&lao.code, be)),
                    },
                );
                ctx.insert("print", &notice::lao_print(site, l, y, &root));
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
                        href: rooted(&root, &crate::paths::district_path(site, pi, d)),
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
                // The province's own picture, for the latest year it has results in.
                // Its LAOs, found once: the charts then visit their rows only, not the country's.
                let in_province: Vec<usize> = (0..site.laos.len()).filter(|&i| site.laos[i].province == pi).collect();
                if let Some(y) =
                    (0..site.years.len()).rev().find(|&y| in_province.iter().any(|&i| !figs[y].lao_rows[i].is_empty()))
                {
                    ctx.insert("chart_year", &site.years[y].be);
                    let (laos, fig) = (in_province.iter().copied(), &figs[y]);
                    ctx.insert("share_chart", &charts::share_bars(site, fig, y, "chart-share", laos.clone()));
                    ctx.insert("spread_charts", &charts::spread_charts(site, fig, y, "chart", laos));
                }
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
                    &Link { name: prov.name_th.clone(), href: rooted(&root, &crate::paths::province_path(site, pi)) },
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
                let labels: Vec<&str> = median_types(site).iter().map(|t| t.label_th()).collect();
                ctx.insert("median_types", &labels);
                ctx.insert("share_chart", &charts::share_bars(site, &figs[y], y, "chart-share", 0..site.laos.len()));
                ctx.insert("spread_charts", &charts::spread_charts(site, &figs[y], y, "chart", 0..site.laos.len()));
                ctx.insert("years", &year_links(site, &root));
                ("year.html", ctx)
            }
            Page::ManualsIndex | Page::Manual(_) | Page::Chapter(..) | Page::ManualPrint(_) | Page::ContentPage(_) => {
                manual::page(self, p, page)
            }
            Page::Workshops(si) => {
                let se = &site.workshops[si];
                let mut ctx = self.page_ctx(
                    p,
                    format!("{} ปี พ.ศ. {}", se.title_th, se.be),
                    format!("กำหนดการ ช่องทางเข้าร่วม และเอกสารของ{} ปี พ.ศ. {}", se.title_th, se.be),
                    "workshops",
                );
                ctx.insert("series", &workshops::series(site, si, &root));
                ("workshops.html", ctx)
            }
            Page::WorkshopSession(si, ni) => {
                let se = &site.workshops[si];
                let s = &se.sessions[ni];
                let mut ctx = self.page_ctx(
                    p,
                    format!("{} ครั้งที่ {} ({})", se.title_th, s.no, s.date.thai()),
                    format!(
                        "{} ครั้งที่ {} {} เวลา {}",
                        se.title_th,
                        s.no,
                        s.date.thai_long(),
                        crate::text::dates::thai_time_range(s.start, s.end)
                    ),
                    "workshops",
                );
                ctx.insert("series", &workshops::series(site, si, &root));
                ctx.insert("session", &workshops::session(site, se, s, &root));
                ("workshop_session.html", ctx)
            }
            Page::WorkshopPoster(si) => {
                let se = &site.workshops[si];
                let mut ctx = self.page_ctx(
                    p,
                    format!("โปสเตอร์ QR code {} ปี พ.ศ. {}", se.title_th, se.be),
                    format!("QR code สำหรับพิมพ์ของ{} ปี พ.ศ. {}", se.title_th, se.be),
                    "workshops",
                );
                ctx.insert("series", &workshops::series(site, si, &root));
                ("workshop_poster.html", ctx)
            }
            Page::Notice { lao: l, year: y } | Page::CouncilPack { lao: l, year: y } => {
                let lao = &site.laos[l];
                let be = site.years[y].be;
                let is_notice = matches!(page, Page::Notice { .. });
                let name = lao.full_name_th();
                let (title, template) = if is_notice {
                    (
                        format!("ประกาศ{name} เรื่อง ผลการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะ ประจำปี พ.ศ. {be}"),
                        "notice.html",
                    )
                } else {
                    (format!("เอกสารรายงานผลการประเมินต่อสภา{} ปี พ.ศ. {be}", lao.kind.label_th()), "council.html")
                };
                let mut ctx = self.page_ctx(p, format!("{title} ({name})"), title.clone(), "lao");
                let fig = &figs[y];
                let t = fig.lao_totals(l);
                ctx.insert("heading", &title);
                ctx.insert("lao", &lao_head(site, lao, &root));
                ctx.insert("executive", &lao.executive_title_th());
                ctx.insert("year", &YearCtx { be, title: site.years[y].catalog.title_th.clone() });
                ctx.insert("totals", &count_list(&t));
                ctx.insert("meets", &t.meets);
                ctx.insert("judged", &t.judged());
                let rows_as = if is_notice { RowsAs::None } else { RowsAs::Data };
                let areas = lao_areas(site, fig, y, l, &self.labels[y], rows_as, &root);
                // Many areas or long area names: a denser table keeps the notice on one page
                // even without notice.js.
                let name_chars: usize = areas.iter().map(|a| a.name.chars().count()).sum();
                ctx.insert("dense", &(areas.len() > 9 || name_chars > 420));
                ctx.insert("areas", &areas);
                ctx.insert("print", &notice::lao_print(site, l, y, &root));
                ctx.insert("page_href", &rooted(&root, &lao_year_path(&lao.code, be)));
                if !is_notice {
                    let (years, indicators) = notice::trend(site, figs, l, y);
                    ctx.insert("trend_years", &years);
                    ctx.insert("trend_indicators", &indicators);
                }
                (template, ctx)
            }
            Page::TextSearch => {
                let ctx = self.page_ctx(
                    p,
                    "ค้นหาในคู่มือและคำอธิบาย".into(),
                    "ค้นหาข้อความในคู่มือการจัดเก็บข้อมูล คู่มือการใช้งานระบบ และหน้าคำอธิบาย".into(),
                    "manuals",
                );
                ("text_search.html", ctx)
            }
            Page::NotFound => {
                let mut ctx = self.page_ctx(p, "ไม่พบหน้าที่ต้องการ".into(), "ไม่พบหน้าที่ต้องการ".into(), "");
                // A server shows the 404 page at any depth, so its links (and stylesheet) must be
                // absolute when a base URL is known; otherwise they are relative to the site root.
                if let Some(base) = &site.settings.base_url {
                    let page = PageCtx {
                        root: base.clone(),
                        path: p.path.clone(),
                        title: format!("ไม่พบหน้าที่ต้องการ | {}", site.settings.title_th),
                        description: "ไม่พบหน้าที่ต้องการ".into(),
                        canonical: None,
                        section: "",
                        image: None,
                        line_share: None,
                    };
                    ctx.insert("page", &page);
                }
                ("404.html", ctx)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_marks_strings_and_writes_other_values_as_text() {
        let mut tera = Tera::new();
        register_safe(&mut tera);
        // Autoescaping is on for .html templates, as for every page of a theme.
        tera.add_raw_template("t.html", "{{ a | safe }}|{{ n | safe }}|{{ b }}").unwrap();
        let mut ctx = Context::new();
        ctx.insert("a", "<b>&amp;</b>");
        ctx.insert("n", &5);
        ctx.insert("b", "<i>");
        assert_eq!(tera.render("t.html", &ctx).unwrap(), "<b>&amp;</b>|5|&lt;i&gt;");
    }

    #[test]
    fn url_component_encodes_everything_but_unreserved() {
        assert_eq!(
            super::url_component("https://a.b/ลาว/1?x=y&z"),
            "https%3A%2F%2Fa.b%2F%E0%B8%A5%E0%B8%B2%E0%B8%A7%2F1%3Fx%3Dy%26z"
        );
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
    laos_with_results: String,
    rows: String,
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
            href: rooted(root, &crate::paths::year_path(year.be)),
            laos_with_results: crate::text::numbers::format_number(fig.laos_with_results as f64),
            rows: crate::text::numbers::format_number(year.measures.len() as f64),
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
            csv: rooted(root, &paths::year_csv_path(year.be)),
            json: rooted(root, &paths::year_json_path(year.be)),
        }
    }
}

/// Why an output could not be rendered, and which file to look at.
#[derive(Debug, Clone)]
pub struct RenderError {
    /// The template (or output) the problem is in.
    pub file: String,
    /// What went wrong.
    pub message: String,
}

impl RenderError {
    /// A problem with the output itself (not a template).
    pub fn at(p: &Planned, message: String) -> Self {
        RenderError { file: p.path.clone(), message }
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
