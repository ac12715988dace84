//! Render: turns each planned output into bytes. Pure given the model, the derived figures
//! and the theme; called in parallel, one output at a time.

pub mod badge;
pub mod charts;
pub mod context;
pub mod data;
pub mod ics;
pub mod labels;
pub mod notice;
pub mod pages;
pub mod qr;
pub mod search;
#[cfg(feature = "share-image-site")]
pub mod share_image;
pub mod text_search;
pub mod workbook;
pub mod workshops;

use serde::Serialize;
use tera::Tera;

use crate::derive::Derived;
use crate::diag::{Diagnostics, Span};
use crate::model::Site;
use crate::model::theme::Theme;
use crate::plan::{Output, Planned};
use crate::text::thai::KeepWords;
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

/// The `keep_words` filter: a text, escaped, with word joiners inside the theme's listed Thai
/// words, for text from the input (catalog wording, area names) printed into a page's text.
/// Not for attributes or titles.
fn register_keep_words(tera: &mut Tera, keep: std::sync::Arc<KeepWords>) {
    let html_keep = keep.clone();
    let place_keep = keep.clone();
    let province_keep = keep.clone();
    tera.register_filter(
        "keep_words",
        move |v: tera::Value, _: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            let s = <std::borrow::Cow<str> as tera::ArgFromValue>::from_value(&v)?;
            let escaped = if v.is_safe() { s } else { std::borrow::Cow::Owned(crate::text::escape::markup(&s)) };
            Ok(tera::Value::safe_string(&keep.join(&escaped)))
        },
    );
    // A place's name: as `keep_words`, with the name itself kept on one line (below).
    tera.register_filter(
        "place",
        move |v: tera::Value, _: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            let s = <std::borrow::Cow<str> as tera::ArgFromValue>::from_value(&v)?;
            Ok(tera::Value::safe_string(&place_html(&s, &place_keep)))
        },
    );
    // A province by its name: "จังหวัด" and the name as a place, or the capital's name alone.
    // `unit=false` leaves the name out of a `<bdi>` where its box keeps it whole anyway (a
    // breadcrumb's items wrap as wholes).
    tera.register_filter(
        "province",
        move |v: tera::Value, kw: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            let s = <std::borrow::Cow<str> as tera::ArgFromValue>::from_value(&v)?;
            let word = if s == crate::model::CAPITAL_TH { "" } else { "จังหวัด" };
            let name = if kw.get::<bool>("unit")?.unwrap_or(true) {
                place_html(&s, &province_keep)
            } else {
                province_keep.join(&crate::text::escape::markup(&s)).into_owned()
            };
            Ok(tera::Value::safe_string(&[word, &name].concat()))
        },
    );
    // The same for markup the build made (a manual's chapter): joiners in its text only.
    tera.register_filter(
        "keep_words_html",
        move |v: tera::Value, _: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            let s = <std::borrow::Cow<str> as tera::ArgFromValue>::from_value(&v)?;
            Ok(tera::Value::safe_string(&html_keep.join_markup(&s, false)))
        },
    );
}

/// A place's name for page text (`{{ lao.name | place }}`): escaped, listed words joined, and
/// the name itself, after its type or its executive's office ("เทศบาลตำบล", "นายกเทศมนตรีตำบล"),
/// in a `<bdi>` the stylesheet draws as one unit. The browser's dictionary knows few place
/// names and breaks them anywhere (ปากน้ำ|สมุทรปราการ, เทพา|ลัย); a unit moves to the next line
/// whole, and wraps inside only when it is wider than a line. `<bdi>` is the element HTML has for
/// names from data, and the shortest.
fn place_html(name: &str, keep: &KeepWords) -> String {
    let prefix = crate::model::LaoType::name_prefixes_th()
        .filter(|p| name.len() > p.len() && name.starts_with(p))
        .max_by_key(|p| p.len())
        .unwrap_or("");
    let (head, own) = name.split_at(prefix.len());
    let esc = crate::text::escape::markup;
    let mut out = keep.join(&esc(head)).into_owned();
    out.push_str("<bdi>");
    out.push_str(&keep.join(&esc(own)));
    out.push_str("</bdi>");
    out
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
    /// "ข้อมูล ณ วันที่ …": the day the office exported the results (`data_as_of`), in Thai.
    data_as_of: Option<String>,
    generator: &'static str,
    /// Manuals for the navigation (paths from the site root).
    manuals: Vec<NavLink>,
    /// Standalone pages for the navigation (paths from the site root).
    pages: Vec<NavLink>,
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
    /// Per LAO: how much of its place its title names so no other LAO's title is the same.
    title_place: Vec<TitlePlace>,
}

/// What a title adds after an LAO's name to tell it from LAOs of the same type and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitlePlace {
    /// The name is unique.
    Nothing,
    /// Others share the name, in other provinces.
    Province,
    /// Another shares the name in the same province (in another district).
    District,
    /// Another shares name and district: only the code tells them apart.
    Code,
}

/// For each LAO, what its title must add to its name to be unlike every other LAO's title.
fn title_places(laos: &[crate::model::Lao]) -> Vec<TitlePlace> {
    use std::collections::HashMap;
    let mut by_name: HashMap<(crate::model::LaoType, &str), usize> = HashMap::new();
    let mut by_province: HashMap<(crate::model::LaoType, &str, usize), usize> = HashMap::new();
    let mut by_district: HashMap<(crate::model::LaoType, &str, usize, usize), usize> = HashMap::new();
    for lao in laos {
        let name = lao.name_th.as_str();
        *by_name.entry((lao.kind, name)).or_default() += 1;
        *by_province.entry((lao.kind, name, lao.province)).or_default() += 1;
        *by_district.entry((lao.kind, name, lao.province, lao.district)).or_default() += 1;
    }
    laos.iter()
        .map(|lao| {
            let name = lao.name_th.as_str();
            if by_district[&(lao.kind, name, lao.province, lao.district)] > 1 {
                TitlePlace::Code
            } else if by_province[&(lao.kind, name, lao.province)] > 1 {
                TitlePlace::District
            } else if by_name[&(lao.kind, name)] > 1 {
                TitlePlace::Province
            } else {
                TitlePlace::Nothing
            }
        })
        .collect()
}

/// A template without the indentation at the start of its lines: indentation is for whoever
/// edits the theme, and it was some 700 bytes of every page. Lines keep their breaks (so a
/// template error's line number still points at the theme file), and lines inside `<pre>` or
/// `<textarea>`, where leading spaces show, are kept as written.
fn dedent_template(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut keep = false;
    for line in src.split_inclusive('\n') {
        let lower = line.to_ascii_lowercase();
        out.push_str(if keep { line } else { line.trim_start_matches([' ', '\t']) });
        let opens = lower.rfind("<pre").max(lower.rfind("<textarea"));
        let closes = lower.rfind("</pre").max(lower.rfind("</textarea"));
        keep = match (opens, closes) {
            (Some(o), Some(c)) => o > c,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => keep,
        };
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
        // Bad lines of the list were reported when the theme was read.
        let keep = std::sync::Arc::new(KeepWords::parse(&theme.thai_words).0);
        register_keep_words(&mut tera, keep.clone());
        let mut diags = Diagnostics::new();
        let dedented: Vec<(&str, String)> = theme
            .templates
            .iter()
            .map(|(k, v)| {
                let src = dedent_template(v);
                let src = if k.ends_with(".html") { keep.join_markup(&src, true) } else { src };
                (k.as_str(), src)
            })
            .collect();
        let templates: Vec<(&str, &str)> = dedented.iter().map(|(k, v)| (*k, v.as_str())).collect();
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
                data_as_of: s.data_as_of.map(|d| d.thai_unbroken()),
                generator: concat!("prakat ", env!("CARGO_PKG_VERSION")),
                manuals: nav_manuals(site),
                pages: nav_pages(site),
            },
        );
        let labels = labels::YearLabels::all(site, &derived.years, &keep);
        let title_place = title_places(&site.laos);
        Ok(Renderer {
            site,
            derived,
            theme,
            tera,
            plan,
            books: None,
            labels,
            title_place,
            #[cfg(feature = "share-image-site")]
            images: share_image::ShareImages::new(None),
        })
    }

    /// The LAO's name as a title shows it: with as much of its place as tells it from every
    /// other LAO of the same type and name (a LINE preview of "อบต.บ้านใหม่" must say which one).
    fn title_name(&self, l: usize) -> String {
        let lao = &self.site.laos[l];
        let name = lao.full_name_th();
        let province = &self.site.provinces[lao.province];
        let district = || {
            let d = province.districts.get(lao.district).map_or("", |d| d.name_th.as_str());
            [province.district_word_th(), d].concat()
        };
        match self.title_place.get(l).copied().unwrap_or(TitlePlace::Nothing) {
            TitlePlace::Nothing => name,
            TitlePlace::Province => [&name, " ", &province.title_th()].concat(),
            TitlePlace::District => [&name, " ", &district(), " ", &province.title_th()].concat(),
            TitlePlace::Code => [&name, " ", &district(), " ", &province.title_th(), " (รหัส ", &lao.code, ")"].concat(),
        }
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

    /// Renders one output. A failure names the file to fix: the template for pages.
    pub fn render(&self, p: &Planned) -> Result<Vec<u8>, RenderError> {
        if let Some(bytes) = data::render(self.site, self.derived, p) {
            return Ok(bytes);
        }
        if let Output::YearWorkbook(y) = p.output {
            return workbook::year(self.site, self.derived, y).map_err(|m| RenderError::at(p, m));
        }
        match p.output {
            Output::Sitemap => Ok(data::sitemap(self.site, self.plan)),
            Output::Robots => Ok(data::robots(self.site)),
            Output::LaoBadge { lao, year } => {
                Ok(badge::svg(self.site.years[year].be, &self.derived.years[year].lao_totals(lao)))
            }
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
                    place: format!(
                        "{}{} {}",
                        prov.district_word_th(),
                        prov.districts[lao.district].name_th,
                        prov.title_th()
                    ),
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

#[cfg(test)]
mod tests {
    #[test]
    fn templates_lose_indentation_but_not_inside_pre_or_textarea() {
        let src = "<ul>\n  <li>a</li>\n\t<li>b</li>\n</ul>\n<pre>\n  x\n    y</pre>\n  <p>z</p>\n<textarea>\n  s</textarea>\n";
        assert_eq!(
            super::dedent_template(src),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre>\n  x\n    y</pre>\n<p>z</p>\n<textarea>\n  s</textarea>\n"
        );
    }

    use super::*;

    #[test]
    fn safe_marks_strings_and_writes_other_values_as_text() {
        let mut tera = Tera::new();
        register_safe(&mut tera);
        // Autoescaping is on for .html templates, as for every page of a theme.
        tera.add_raw_template("t.html", "{{ a | safe }}|{{ n | safe }}|{{ b }}").unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("a", "<b>&amp;</b>");
        ctx.insert("n", &5);
        ctx.insert("b", "<i>");
        assert_eq!(tera.render("t.html", &ctx).unwrap(), "<b>&amp;</b>|5|&lt;i&gt;");
    }

    #[test]
    fn a_place_name_is_one_unit_after_its_type_or_office() {
        let (keep, bad) = KeepWords::parse("ตะวัน|ตก\n");
        assert!(bad.is_empty());
        let place = |s: &str| place_html(s, &keep);
        assert_eq!(place("เทศบาลเมืองปากน้ำสมุทรปราการ"), "เทศบาลเมือง<bdi>ปากน้ำสมุทรปราการ</bdi>");
        // The longest prefix wins: the SAO mayor's office, not นายก (Pattaya's mayor).
        assert_eq!(
            place("นายกองค์การบริหารส่วนตำบลปากพนังฝั่งตะวันตก"),
            "นายกองค์การบริหารส่วนตำบล<bdi>ปากพนังฝั่งตะวัน\u{2060}ตก</bdi>"
        );
        // A name that is its type's own name, a short name, a district: the whole is the unit.
        assert_eq!(place("กรุงเทพมหานคร"), "<bdi>กรุงเทพมหานคร</bdi>");
        assert_eq!(place("เมืองพัทยา"), "<bdi>เมืองพัทยา</bdi>");
        assert_eq!(place("นายกเมืองพัทยา"), "นายก<bdi>เมืองพัทยา</bdi>");
        assert_eq!(place("อบต.บ้านใหม่"), "<bdi>อบต.บ้านใหม่</bdi>");
        assert_eq!(place("เทศบาลตำบล"), "<bdi>เทศบาลตำบล</bdi>", "a bare prefix is a name, not an empty unit");
        assert_eq!(place("<b>&"), "<bdi>&lt;b&gt;&amp;</bdi>");
    }
}
