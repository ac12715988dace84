//! Books: the manuals and pages turned into HTML, with every internal link resolved and the
//! links between indicators and the chapters that define them checked. Pure: the model in,
//! HTML and diagnostics out. Runs before planning, so a broken link stops the build with the
//! file and line where it is written.
//!
//! Internal links are written as source paths and resolved here:
//!
//! | written                                        | goes to                                   |
//! |------------------------------------------------|-------------------------------------------|
//! | `@/manuals/<manual>/<chapter>.md#anchor`       | a chapter (and a heading in it)           |
//! | `@/manuals/<manual>/_index.md` or `@/manuals/<manual>` | a manual's first page             |
//! | `@/manuals/<manual>/print`                     | the whole manual on one page              |
//! | `@/manuals`                                    | the list of manuals and pages             |
//! | `@/pages/<page>.md#anchor`                     | a standalone page                         |
//! | `@/lao/<code>`                                 | an LAO's results (latest year)            |
//! | `@/year/<พ.ศ.>#i-<id>` or `@/year/latest#i-<id>` | a year's national summary (an indicator row) |
//! | `@/`                                           | the home page                             |
//!
//! A relative address (`steps.svg`) in a manual names a file beside its chapters.

use std::collections::{HashMap, HashSet};

use crate::content::markdown::{self, Heading, RenderOptions};
use crate::diag::{Diagnostics, Span};
use crate::model::{Site, Source};
use crate::paths::{
    chapter_path, content_page_path, lao_path, manual_path, manual_print_path, manuals_index_path, root_prefix,
    year_path,
};
use crate::text::encoding::line_at;

/// One rendered document (a chapter, an introduction or a page).
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The HTML body.
    pub html: String,
    /// Headings of levels 2 and 3, for the table of contents.
    pub toc: Vec<Heading>,
    /// Description for sharing: the front matter's, else the first paragraph.
    pub description: String,
}

/// One manual, rendered.
#[derive(Debug, Clone, Default)]
pub struct BookManual {
    /// The introduction, for the manual's first page.
    pub intro: Document,
    /// Chapters, for their own pages.
    pub chapters: Vec<Document>,
    /// The introduction and then every chapter, rendered for the one-page print view
    /// (heading ids and footnotes prefixed by the chapter so none repeats).
    pub print: Vec<Document>,
}

/// Every manual and page, rendered.
#[derive(Debug, Clone, Default)]
pub struct Books {
    /// Manuals, in the order of `Content::manuals`.
    pub manuals: Vec<BookManual>,
    /// Pages, in the order of `Content::pages`.
    pub pages: Vec<Document>,
}

/// The id prefix of a chapter's headings in the print view (`roads--`).
pub fn print_prefix(chapter: &str) -> String {
    format!("{chapter}--")
}

/// The section id of the introduction in the print view.
pub const PRINT_INTRO: &str = "_index";

/// Where a link is written: which page it will appear on.
#[derive(Clone, Copy)]
struct LinkFrom<'a> {
    /// The manual it belongs to, if any (for files beside chapters and print-view links).
    manual: Option<usize>,
    /// True in the print view, where links inside the same manual stay on the page.
    print: bool,
    /// Relative prefix of the page back to the site root.
    root: &'a str,
}

struct Resolver<'a> {
    site: &'a Site,
    chapter_ids: Vec<Vec<HashSet<String>>>,
    intro_ids: Vec<HashSet<String>>,
    page_ids: Vec<HashSet<String>>,
    assets: HashSet<&'a str>,
}

fn known(ids: &HashSet<String>) -> String {
    let mut v: Vec<&str> = ids.iter().map(String::as_str).collect();
    v.sort();
    let shown: Vec<&str> = v.iter().take(12).copied().collect();
    let more = if v.len() > shown.len() { ", ..." } else { "" };
    if v.is_empty() { "none".to_string() } else { format!("{}{more}", shown.join(", ")) }
}

impl Resolver<'_> {
    fn check_anchor(&self, url: &str, anchor: Option<&str>, ids: &HashSet<String>, what: &str) -> Result<(), String> {
        match anchor {
            Some(a) if !ids.contains(a) => Err(format!(
                "link `{url}` points to the anchor `#{a}`, which {what} does not have; its anchors are: {}",
                known(ids)
            )),
            _ => Ok(()),
        }
    }

    fn resolve(&self, url: &str, from: LinkFrom) -> Result<String, String> {
        let content = &self.site.content;
        let Some(target) = url.strip_prefix("@/") else {
            if url.ends_with(".md") || url.contains(".md#") {
                return Err(format!(
                    "link `{url}` is a relative path to Markdown; write chapters as `@/manuals/<manual>/<chapter>.md` and pages as `@/pages/<page>.md`"
                ));
            }
            let Some(m) = from.manual else {
                return Err(format!(
                    "link `{url}` is relative, but a page has no files beside it; write internal links as `@/...` (see the book module's table) or a full https:// address"
                ));
            };
            let path = url.split(['#', '?']).next().unwrap_or("");
            let clean = path.trim_start_matches("./");
            if clean.is_empty() || clean.starts_with('/') || clean.split('/').any(|s| s == ".." || s.is_empty()) {
                return Err(format!(
                    "link `{url}` must name a file beside the chapters (such as `steps.svg`), without `..` or a leading `/`"
                ));
            }
            let slug = &content.manuals[m].slug;
            let out = format!("manuals/{slug}/{clean}");
            if !self.assets.contains(out.as_str()) {
                return Err(format!(
                    "link `{url}` names a file that is not in content/manuals/{slug}/; expected the file beside the chapter"
                ));
            }
            return Ok(format!("{}{out}", from.root));
        };
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (target, None),
        };
        let href = |p: String, a: Option<&str>| match a {
            Some(a) => format!("{}{p}#{a}", from.root),
            None => format!("{}{p}", from.root),
        };
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        match parts.as_slice() {
            [""] => Ok(href("index.html".into(), anchor)),
            ["manuals"] => Ok(href(manuals_index_path(), anchor)),
            ["manuals", manual, rest @ ..] => {
                let Some(m) = content.manuals.iter().position(|x| x.slug == *manual) else {
                    let names: Vec<&str> = content.manuals.iter().map(|x| x.slug.as_str()).collect();
                    return Err(format!(
                        "link `{url}` points to the manual `{manual}`, which does not exist; the manuals are: {}",
                        if names.is_empty() { "none".to_string() } else { names.join(", ") }
                    ));
                };
                let same = from.print && from.manual == Some(m);
                match rest {
                    [] | ["_index.md"] => {
                        self.check_anchor(url, anchor, &self.intro_ids[m], "the manual's _index.md")?;
                        if same {
                            return Ok(match anchor {
                                Some(a) => format!("#{PRINT_INTRO}--{a}"),
                                None => format!("#{PRINT_INTRO}"),
                            });
                        }
                        Ok(href(manual_path(manual), anchor))
                    }
                    ["print"] => Ok(href(manual_print_path(manual), anchor)),
                    [file] if file.ends_with(".md") => {
                        let slug = file.trim_end_matches(".md");
                        let Some(c) = content.manuals[m].chapters.iter().position(|c| c.slug == slug) else {
                            let names: Vec<String> =
                                content.manuals[m].chapters.iter().map(|c| format!("{}.md", c.slug)).collect();
                            return Err(format!(
                                "link `{url}` points to the chapter `{file}`, which the manual `{manual}` does not have; its chapters are: {}",
                                names.join(", ")
                            ));
                        };
                        self.check_anchor(url, anchor, &self.chapter_ids[m][c], &format!("the chapter `{file}`"))?;
                        if same {
                            return Ok(match anchor {
                                Some(a) => format!("#{}{a}", print_prefix(slug)),
                                None => format!("#{slug}"),
                            });
                        }
                        Ok(href(chapter_path(manual, slug), anchor))
                    }
                    _ => Err(format!(
                        "link `{url}` is not a chapter; expected `@/manuals/{manual}/<chapter>.md` with an optional `#anchor`"
                    )),
                }
            }
            ["pages", file] if file.ends_with(".md") => {
                let slug = file.trim_end_matches(".md");
                let Some(p) = content.pages.iter().position(|x| x.slug == slug) else {
                    let names: Vec<String> = content.pages.iter().map(|x| format!("{}.md", x.slug)).collect();
                    return Err(format!(
                        "link `{url}` points to the page `{file}`, which does not exist; the pages are: {}",
                        if names.is_empty() { "none".to_string() } else { names.join(", ") }
                    ));
                };
                self.check_anchor(url, anchor, &self.page_ids[p], &format!("the page `{file}`"))?;
                Ok(href(content_page_path(slug), anchor))
            }
            ["lao", code] => {
                if !self.site.laos.iter().any(|l| l.code == *code) {
                    return Err(format!("link `{url}` points to the LAO code {code}, which is not in data/laos.csv"));
                }
                Ok(href(lao_path(code), anchor))
            }
            ["year", which] => {
                let year = if *which == "latest" {
                    self.site.latest_year()
                } else {
                    which.parse::<u16>().ok().and_then(|be| self.site.years.iter().find(|y| y.be == be))
                };
                let Some(year) = year else {
                    let years: Vec<String> = self.site.years.iter().map(|y| y.be.to_string()).collect();
                    return Err(format!(
                        "link `{url}` points to the year `{which}`, which the data does not have; expected `latest` or one of: {}",
                        years.join(", ")
                    ));
                };
                if let Some(a) = anchor {
                    let ok = a.strip_prefix("i-").is_some_and(|id| year.catalog.indicator_index(id).is_some());
                    if !ok {
                        return Err(format!(
                            "link `{url}`: the year page {} has no anchor `#{a}`; expected `#i-<indicator id>` with an id of that year's catalog",
                            year.be
                        ));
                    }
                }
                Ok(href(year_path(year.be), anchor))
            }
            _ => Err(format!(
                "link `{url}` is not a known source path; expected `@/manuals/<manual>/<chapter>.md`, `@/pages/<page>.md`, `@/lao/<code>` or `@/year/<year>`"
            )),
        }
    }
}

fn ids_of(src: &Source) -> HashSet<String> {
    markdown::outline(src).into_iter().map(|h| h.id).collect()
}

fn report(diags: &mut Diagnostics, src: &Source, problems: Vec<markdown::Problem>) {
    for p in problems {
        let mut span = Span::at(&src.file, p.line, Some(p.column));
        if let Some(text) = p.line.checked_sub(src.body_line).and_then(|i| line_at(&src.body, i + 1)) {
            span = span.source(text, 1);
        }
        diags.error(span, p.message);
    }
}

fn toc(headings: &[Heading]) -> Vec<Heading> {
    headings.iter().filter(|h| (2..=3).contains(&h.level)).cloned().collect()
}

fn describe(given: &str, src: &Source) -> String {
    if given.is_empty() { markdown::summary(src, 160) } else { given.to_string() }
}

/// Renders every manual and page, checking links and the indicator sections.
pub fn prepare(site: &Site) -> (Books, Diagnostics) {
    let mut diags = Diagnostics::new();
    let content = &site.content;
    let resolver = Resolver {
        site,
        chapter_ids: content.manuals.iter().map(|m| m.chapters.iter().map(|c| ids_of(&c.source)).collect()).collect(),
        intro_ids: content.manuals.iter().map(|m| ids_of(&m.intro)).collect(),
        page_ids: content.pages.iter().map(|p| ids_of(&p.source)).collect(),
        assets: content.assets.iter().map(|a| a.path.as_str()).collect(),
    };

    // Which chapter defines which indicator; every id must be in some year's catalog, once.
    let latest = site.latest_year();
    let any_catalog: HashSet<&str> =
        site.years.iter().flat_map(|y| y.catalog.indicators.iter().map(|i| i.id.as_str())).collect();
    let mut defined: HashMap<&str, (&str, usize)> = HashMap::new();
    for (m, manual) in content.manuals.iter().enumerate() {
        for (c, chapter) in manual.chapters.iter().enumerate() {
            let file = &chapter.source.file;
            for ind in &chapter.indicators {
                let span = Span::at(file, ind.line, None).field("indicators");
                if !any_catalog.contains(ind.id.as_str()) {
                    diags.error(
                        span.clone(),
                        format!(
                            "indicator {} is in no year's catalog; expected an id from data/<year>/catalog.yaml",
                            ind.id
                        ),
                    );
                }
                if let Some((other, line)) = defined.get(ind.id.as_str()) {
                    diags.error(
                        span.clone(),
                        format!(
                            "indicator {} is already defined by {other}:{line}; expected each indicator in one chapter",
                            ind.id
                        ),
                    );
                    continue;
                }
                defined.insert(&ind.id, (file, ind.line));
                if !resolver.chapter_ids[m][c].contains(&format!("i-{}", ind.id)) {
                    // The intent is clear: the indicator's rows link to the chapter's top.
                    diags.warning(
                        span,
                        format!(
                            "the chapter lists indicator {id} but has no heading with the anchor `i-{id}`, so its rows link to the top of the chapter; a heading such as `## {id} ... {{#i-{id}}}` links them to its section",
                            id = ind.id
                        ),
                    );
                }
            }
        }
        for asset in &content.assets {
            let clash = manual.chapters.iter().any(|c| asset.path == chapter_path(&manual.slug, &c.slug))
                || asset.path == manual_print_path(&manual.slug)
                || asset.path == manual_path(&manual.slug);
            if clash {
                diags.error(
                    Span::file(format!("content/{}", asset.path)),
                    "this file would replace a page of the manual; rename it",
                );
            }
        }
    }
    if let (Some(year), false) = (latest, content.manuals.is_empty()) {
        let missing: Vec<&str> =
            year.catalog.indicators.iter().map(|i| i.id.as_str()).filter(|id| !defined.contains_key(id)).collect();
        if !missing.is_empty() {
            diags.warning(
                Span::file("content/manuals/"),
                format!(
                    "no chapter defines these indicators of the {} catalog, so their rows link to no manual section: {}",
                    year.be,
                    missing.join(", ")
                ),
            );
        }
    }

    let mut books = Books::default();
    for (m, manual) in content.manuals.iter().enumerate() {
        let mut book = BookManual::default();
        let index_root = root_prefix(&manual_path(&manual.slug));
        let chapter_root = root_prefix(&chapter_path(&manual.slug, "x"));
        let no_extra = |_: &str| None;
        let r = markdown::render(
            &manual.intro,
            &RenderOptions {
                id_prefix: "",
                footnote_scope: PRINT_INTRO,
                heading_shift: 0,
                resolve: &|u| resolver.resolve(u, LinkFrom { manual: Some(m), print: false, root: &index_root }),
                after_heading: &no_extra,
            },
        );
        report(&mut diags, &manual.intro, r.problems);
        book.intro =
            Document { html: r.html, toc: toc(&r.headings), description: describe(&manual.description, &manual.intro) };
        let r = markdown::render(
            &manual.intro,
            &RenderOptions {
                id_prefix: &format!("{PRINT_INTRO}--"),
                footnote_scope: PRINT_INTRO,
                heading_shift: 1,
                resolve: &|u| resolver.resolve(u, LinkFrom { manual: Some(m), print: true, root: &chapter_root }),
                after_heading: &no_extra,
            },
        );
        book.print.push(Document { html: r.html, toc: toc(&r.headings), description: String::new() });

        for chapter in &manual.chapters {
            // The section defining an indicator links to its national figures in the latest year.
            let back = |anchor: &str| {
                let id = anchor.strip_prefix("i-")?;
                chapter.indicators.iter().find(|i| i.id == id)?;
                let year = latest?;
                year.catalog.indicator_index(id)?;
                Some(format!(
                    "<p class=\"ind-backlink\"><a href=\"{chapter_root}{}#i-{}\">ผลตัวชี้วัด {} ของ อปท. ทั่วประเทศ ปี พ.ศ. {}</a></p>",
                    year_path(year.be),
                    markdown::escape(id),
                    markdown::escape(id),
                    year.be
                ))
            };
            let r = markdown::render(
                &chapter.source,
                &RenderOptions {
                    id_prefix: "",
                    footnote_scope: &chapter.slug,
                    heading_shift: 0,
                    resolve: &|u| resolver.resolve(u, LinkFrom { manual: Some(m), print: false, root: &chapter_root }),
                    after_heading: &back,
                },
            );
            report(&mut diags, &chapter.source, r.problems);
            // An indicator the chapter lists without its heading: an anchor at the top, so the
            // links to `#i-<id>` still land in the chapter.
            let mut html = String::new();
            for ind in &chapter.indicators {
                let anchor = format!("i-{}", ind.id);
                if !r.headings.iter().any(|h| h.id == anchor) {
                    html.push_str("<span id=\"");
                    crate::text::escape::markup_into(&mut html, &anchor);
                    html.push_str("\"></span>");
                }
            }
            html.push_str(&r.html);
            book.chapters.push(Document {
                html,
                toc: toc(&r.headings),
                description: describe(&chapter.description, &chapter.source),
            });
            let prefix = print_prefix(&chapter.slug);
            let r = markdown::render(
                &chapter.source,
                &RenderOptions {
                    id_prefix: &prefix,
                    footnote_scope: &chapter.slug,
                    heading_shift: 1,
                    resolve: &|u| resolver.resolve(u, LinkFrom { manual: Some(m), print: true, root: &chapter_root }),
                    after_heading: &back,
                },
            );
            book.print.push(Document { html: r.html, toc: toc(&r.headings), description: String::new() });
        }
        books.manuals.push(book);
    }
    for page in &content.pages {
        let root = root_prefix(&content_page_path(&page.slug));
        let r = markdown::render(
            &page.source,
            &RenderOptions {
                id_prefix: "",
                footnote_scope: "",
                heading_shift: 0,
                resolve: &|u| resolver.resolve(u, LinkFrom { manual: None, print: false, root: &root }),
                after_heading: &|_| None,
            },
        );
        report(&mut diags, &page.source, r.problems);
        books.pages.push(Document {
            html: r.html,
            toc: toc(&r.headings),
            description: describe(&page.description, &page.source),
        });
    }
    (books, diags)
}
