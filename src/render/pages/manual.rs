//! Contexts of the manual pages: the list of manuals, a manual's first page, a chapter, the
//! one-page print view, and standalone pages. The HTML of the text comes from
//! [`crate::content::book::prepare`]; this module adds the book around it (sidebar, previous/next, TOC).

use serde::Serialize;
use tera::Context;

use crate::content::book::{Document, PRINT_INTRO};
use crate::content::markdown::Heading;
use crate::paths::{
    chapter_path, content_page_path, manual_path, manual_print_path, manuals_index_path, root_prefix, rooted,
};
use crate::plan::{Page, Planned};
use crate::render::Renderer;
use crate::render::context::Link;

/// A chapter in the sidebar or the chapter list.
#[derive(Serialize)]
struct ChapterItem {
    no: usize,
    title: String,
    description: String,
    href: String,
    current: bool,
}

/// The book around a chapter: the manual and all its chapters.
#[derive(Serialize)]
struct BookCtx {
    title: String,
    description: String,
    href: String,
    print_href: String,
    current_index: bool,
    chapters: Vec<ChapterItem>,
}

/// One document on a page.
#[derive(Serialize)]
struct DocCtx<'a> {
    title: String,
    html: &'a str,
    toc: &'a [Heading],
    sample: bool,
    prev: Option<Link>,
    next: Option<Link>,
}

/// One part of the print view.
#[derive(Serialize)]
struct PrintSection<'a> {
    id: String,
    no: usize,
    title: String,
    html: &'a str,
    sample: bool,
}

/// A manual in the list of manuals.
#[derive(Serialize)]
struct ManualItem {
    title: String,
    description: String,
    href: String,
    print_href: String,
    chapters: usize,
}

fn book_ctx(r: &Renderer, m: usize, current: Option<usize>, root: &str) -> BookCtx {
    let manual = &r.site.content.manuals[m];
    let parts = r.books.and_then(|b| b.manuals.get(m));
    BookCtx {
        title: manual.title.clone(),
        description: parts.map(|b| b.intro.description.clone()).unwrap_or_default(),
        href: rooted(root, &manual_path(&manual.slug)),
        print_href: rooted(root, &manual_print_path(&manual.slug)),
        current_index: current.is_none(),
        chapters: manual
            .chapters
            .iter()
            .enumerate()
            .map(|(c, ch)| ChapterItem {
                no: c + 1,
                title: ch.title.clone(),
                description: parts.and_then(|b| b.chapters.get(c)).map(|p| p.description.clone()).unwrap_or_default(),
                href: rooted(root, &chapter_path(&manual.slug, &ch.slug)),
                current: Some(c) == current,
            })
            .collect(),
    }
}

static EMPTY: Document = Document { html: String::new(), toc: Vec::new(), description: String::new() };

/// Builds the context of a manual page.
pub(super) fn page(r: &Renderer, p: &Planned, page: Page) -> (&'static str, Context) {
    let site = r.site;
    let content = &site.content;
    let root = root_prefix(&p.path);
    let books = r.books;
    match page {
        Page::Manual(m) => {
            let manual = &content.manuals[m];
            let part = books.and_then(|b| b.manuals.get(m)).map(|b| &b.intro).unwrap_or(&EMPTY);
            let mut ctx = r.page_ctx(p, manual.title.clone(), part.description.clone(), "manuals");
            let first = manual
                .chapters
                .first()
                .map(|c| Link { name: c.title.clone(), href: rooted(&root, &chapter_path(&manual.slug, &c.slug)) });
            ctx.insert("book", &book_ctx(r, m, None, &root));
            ctx.insert(
                "doc",
                &DocCtx {
                    title: manual.title.clone(),
                    html: &part.html,
                    toc: &part.toc,
                    sample: manual.sample,
                    prev: None,
                    next: first,
                },
            );
            ("manual.html", ctx)
        }
        Page::Chapter(m, c) => {
            let manual = &content.manuals[m];
            let chapter = &manual.chapters[c];
            let part = books.and_then(|b| b.manuals.get(m)).and_then(|b| b.chapters.get(c)).unwrap_or(&EMPTY);
            let mut ctx =
                r.page_ctx(p, format!("{} · {}", chapter.title, manual.title), part.description.clone(), "manuals");
            let link = |i: usize| {
                let ch = &manual.chapters[i];
                Link { name: ch.title.clone(), href: rooted(&root, &chapter_path(&manual.slug, &ch.slug)) }
            };
            // The first chapter's "previous" is the manual's introduction.
            let prev = match c.checked_sub(1) {
                Some(i) => Some(link(i)),
                None => Some(Link { name: manual.title.clone(), href: rooted(&root, &manual_path(&manual.slug)) }),
            };
            let next = (c + 1 < manual.chapters.len()).then(|| link(c + 1));
            ctx.insert("book", &book_ctx(r, m, Some(c), &root));
            ctx.insert("chapter_no", &(c + 1));
            ctx.insert(
                "doc",
                &DocCtx {
                    title: chapter.title.clone(),
                    html: &part.html,
                    toc: &part.toc,
                    sample: chapter.sample,
                    prev,
                    next,
                },
            );
            ("chapter.html", ctx)
        }
        Page::ManualPrint(m) => {
            let manual = &content.manuals[m];
            let parts = books.and_then(|b| b.manuals.get(m));
            let mut ctx = r.page_ctx(
                p,
                format!("{} (ฉบับพิมพ์ทั้งเล่ม)", manual.title),
                parts.map(|b| b.intro.description.clone()).unwrap_or_default(),
                "manuals",
            );
            let print = |i: usize| parts.and_then(|b| b.print.get(i)).unwrap_or(&EMPTY).html.as_str();
            let mut sections = vec![PrintSection {
                id: PRINT_INTRO.to_string(),
                no: 0,
                title: "บทนำ".to_string(),
                html: print(0),
                sample: manual.sample,
            }];
            for (c, ch) in manual.chapters.iter().enumerate() {
                sections.push(PrintSection {
                    id: ch.slug.clone(),
                    no: c + 1,
                    title: ch.title.clone(),
                    html: print(c + 1),
                    sample: ch.sample,
                });
            }
            ctx.insert("book", &book_ctx(r, m, None, &root));
            ctx.insert("sections", &sections);
            ("manual_print.html", ctx)
        }
        Page::ContentPage(i) => {
            let cp = &content.pages[i];
            let part = books.and_then(|b| b.pages.get(i)).unwrap_or(&EMPTY);
            let mut ctx = r.page_ctx(p, cp.title.clone(), part.description.clone(), "manuals");
            ctx.insert(
                "doc",
                &DocCtx {
                    title: cp.title.clone(),
                    html: &part.html,
                    toc: &part.toc,
                    sample: cp.sample,
                    prev: None,
                    next: None,
                },
            );
            ("content_page.html", ctx)
        }
        _ => {
            let mut ctx = r.page_ctx(
                p,
                "คู่มือและคำอธิบาย".to_string(),
                "คู่มือการจัดเก็บข้อมูล คู่มือการใช้งานระบบ และคำอธิบายการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะ".to_string(),
                "manuals",
            );
            let manuals: Vec<ManualItem> = content
                .manuals
                .iter()
                .enumerate()
                .map(|(m, manual)| ManualItem {
                    title: manual.title.clone(),
                    description: books
                        .and_then(|b| b.manuals.get(m))
                        .map(|b| b.intro.description.clone())
                        .unwrap_or_default(),
                    href: rooted(&root, &manual_path(&manual.slug)),
                    print_href: rooted(&root, &manual_print_path(&manual.slug)),
                    chapters: manual.chapters.len(),
                })
                .collect();
            let pages: Vec<ChapterItem> = content
                .pages
                .iter()
                .enumerate()
                .map(|(i, cp)| ChapterItem {
                    no: i + 1,
                    title: cp.title.clone(),
                    description: books.and_then(|b| b.pages.get(i)).map(|x| x.description.clone()).unwrap_or_default(),
                    href: rooted(&root, &content_page_path(&cp.slug)),
                    current: false,
                })
                .collect();
            ctx.insert("manuals", &manuals);
            ctx.insert("pages", &pages);
            debug_assert_eq!(p.path, manuals_index_path());
            ("manuals_index.html", ctx)
        }
    }
}
