//! `content/`: the manuals (`content/manuals/<manual>/_index.md` and one `.md` per chapter) and
//! the standalone pages (`content/pages/*.md`).
//!
//! Every file starts with YAML front matter between two `---` lines. Line numbers in messages
//! are lines of the `.md` file, not of the front-matter block, so an editor jumps to the right place.
//! The Markdown itself is not interpreted here; [`crate::content::book`] turns it into HTML.

use std::fs;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use crate::diag::{Diagnostics, Span};
use crate::model::{Chapter, Content, ContentAsset, ContentPage, IndicatorRef, Manual, Source};
use crate::text::encoding::line_at;

/// Front matter as written. Which fields a file may carry depends on its kind; see [`Kind`].
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFront {
    #[serde(default)]
    title: Option<Spanned<String>>,
    #[serde(default)]
    order: Option<Spanned<f64>>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    indicators: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    sample: bool,
}

/// The kind of Markdown file, which decides the front matter it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A manual's `_index.md`: `title`, optional `description`, `sample`.
    ManualIndex,
    /// A chapter: `title`, `order`, optional `description`, `indicators`, `sample`.
    Chapter,
    /// A standalone page: `title`, optional `order`, `description`, `sample`.
    Page,
}

/// Front matter checked and typed.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// Title.
    pub title: String,
    /// Order (0 when not given).
    pub order: f64,
    /// Description (empty when not given).
    pub description: String,
    /// Indicator ids with the line naming each.
    pub indicators: Vec<IndicatorRef>,
    /// Sample text that the office must confirm.
    pub sample: bool,
}

/// A span at line `line` of `text` (1-based), with the source line for the caret.
fn span_line(file: &str, text: &str, line: usize, column: usize, width: usize) -> Span {
    let mut span = Span::at(file, line, Some(column.max(1)));
    if let Some(src) = line_at(text, line) {
        let room = src.chars().count().saturating_sub(column.saturating_sub(1)).max(1);
        span = span.source(src, width.clamp(1, room));
    }
    span
}

/// A span at a front-matter location: YAML line `n` is line `n + offset` of the file.
fn span_yaml(file: &str, text: &str, loc: &Location, offset: usize) -> Span {
    span_line(file, text, loc.line() as usize + offset, loc.column() as usize, loc.span().len() as usize)
}

/// Splits a Markdown file into its front matter and body, then reads the front matter.
/// Returns `None` (with an error naming the file and line) when the file cannot be used.
pub fn parse(text: &str, file: &str, kind: Kind, diags: &mut Diagnostics) -> Option<(FrontMatter, Source)> {
    let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
    if lines.next().map(str::trim_end) != Some("---") {
        diags.error(
            span_line(file, text, 1, 1, 3),
            "this file has no front matter; expected a first line `---`, then `title: ...`, then a closing `---`",
        );
        return None;
    }
    let Some(close) = lines.position(|l| l.trim_end() == "---").map(|i| i + 2) else {
        diags.error(
            span_line(file, text, 1, 1, 3),
            "the front matter opened on line 1 is never closed; expected a line `---` after it",
        );
        return None;
    };
    // Byte offsets of the YAML (lines 2..close) and of the body (after line `close`).
    let line_start = |n: usize| -> usize {
        text.match_indices('\n').nth(n.saturating_sub(2)).map(|(i, _)| i + 1).unwrap_or(text.len())
    };
    let yaml = &text[line_start(2).min(line_start(close))..line_start(close)];
    let body = &text[line_start(close + 1).min(text.len())..];
    // The YAML's line 1 is the file's line 2.
    let offset = 1;
    let raw: RawFront = if yaml.trim().is_empty() {
        RawFront::default()
    } else {
        match serde_saphyr::from_str::<RawFront>(yaml) {
            Ok(r) => r,
            Err(e) => {
                let plain = e.without_snippet().to_string();
                let msg = match plain.split_once(": ") {
                    Some((head, rest)) if head.starts_with("line ") => rest.to_string(),
                    _ => plain,
                };
                // The crate counts lines in the YAML block; the span counts them in the file.
                let msg = match msg.find(" at line ") {
                    Some(i) => msg[..i].to_string(),
                    None => msg,
                };
                let span = match e.location() {
                    Some(loc) => span_yaml(file, text, &loc, offset),
                    None => Span::at(file, 2, None),
                };
                diags.error(span, format!("the front matter cannot be read: {msg}"));
                return None;
            }
        }
    };
    let mut ok = true;
    let title = raw.title.as_ref().map(|t| t.value.trim().to_string()).unwrap_or_default();
    if title.is_empty() {
        let span = match &raw.title {
            Some(t) => span_yaml(file, text, &t.referenced, offset),
            None => span_line(file, text, 1, 1, 3),
        };
        diags.error(span.field("title"), "the title is missing or empty; expected `title: ...` in the front matter");
        ok = false;
    }
    let order = match (&raw.order, kind) {
        (Some(o), _) if !o.value.is_finite() => {
            diags.error(
                span_yaml(file, text, &o.referenced, offset).field("order"),
                "`order` is not a number; expected a number such as 3",
            );
            ok = false;
            0.0
        }
        (Some(o), _) => o.value,
        (None, Kind::Chapter) => {
            diags.error(
                span_line(file, text, 1, 1, 3).field("order"),
                "a chapter needs `order: <number>` in its front matter; it decides the reading order",
            );
            ok = false;
            0.0
        }
        (None, _) => 0.0,
    };
    let mut indicators = Vec::new();
    if let Some(list) = &raw.indicators {
        if kind != Kind::Chapter {
            diags.error(
                span_yaml(file, text, &list.referenced, offset).field("indicators"),
                "only chapters can list the indicators they define; this file is not a chapter",
            );
            ok = false;
        }
        for id in &list.value {
            let v = id.value.trim();
            if v.is_empty() || v.chars().any(|c| c.is_whitespace() || c == ',' || c == '"') {
                diags.error(
                    span_yaml(file, text, &id.referenced, offset).field("indicators"),
                    format!("`{v}` is not an indicator id; expected ids as in the catalog, such as \"1.1\""),
                );
                ok = false;
            } else if let Some(first) = indicators.iter().find(|i: &&IndicatorRef| i.id == v) {
                diags.error(
                    span_yaml(file, text, &id.referenced, offset).field("indicators"),
                    format!("indicator {v} is already listed on line {}", first.line),
                );
                ok = false;
            } else {
                indicators.push(IndicatorRef { id: v.to_string(), line: id.referenced.line() as usize + offset });
            }
        }
    }
    ok.then(|| {
        (
            FrontMatter {
                title,
                order,
                description: raw.description.unwrap_or_default().trim().to_string(),
                indicators,
                sample: raw.sample,
            },
            Source { file: file.to_string(), body: body.to_string(), body_line: close + 1 },
        )
    })
}

/// True when `s` can be a URL segment as it is: lowercase ASCII letters, digits, `-` and `_`.
fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn read(root: &Path, rel: &str, diags: &mut Diagnostics) -> Option<String> {
    match fs::read(root.join(rel)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => {
                let mut t = t.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(t);
                super::scrub_controls(&mut t, rel, diags);
                Some(t)
            }
            Err(_) => {
                diags.error(Span::file(rel), "this file is not UTF-8; save Markdown files as UTF-8");
                None
            }
        },
        Err(e) => {
            diags.error(Span::file(rel), format!("cannot read this file: {e}"));
            None
        }
    }
}

/// The kinds of file published beside the chapters, by ending.
const SAFE_ASSETS: [&str; 16] = [
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "pdf", "csv", "xlsx", "docx", "pptx", "odt", "txt",
    "json",
];

enum AssetKind {
    Safe,
    Backup,
    Other,
}

fn asset_kind(name: &str) -> AssetKind {
    let base = name.rsplit('/').next().unwrap_or(name);
    let lower = base.to_ascii_lowercase();
    if lower.ends_with('~')
        || (base.starts_with('#') && base.ends_with('#'))
        || [".bak", ".swp", ".swo", ".tmp", ".orig", ".old"].iter().any(|e| lower.ends_with(e))
        || base.starts_with("~$")
    {
        return AssetKind::Backup;
    }
    match lower.rsplit_once('.') {
        Some((_, ext)) if SAFE_ASSETS.contains(&ext) => AssetKind::Safe,
        _ => AssetKind::Other,
    }
}

/// Whether an SVG would run anything when opened on its own: a script element, an event handler
/// attribute (`onload=`), a `javascript:` address, or a foreignObject (HTML inside).
fn svg_runs_script(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes).to_ascii_lowercase();
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("<script")
        || compact.contains("javascript:")
        || compact.contains("<foreignobject")
        || text.split(|c: char| c.is_whitespace() || c == '/' || c == '"' || c == '\'').any(|w| {
            w.starts_with("on")
                && w.contains('=')
                && w[2..w.find('=').unwrap_or(2)].chars().all(|c| c.is_ascii_alphabetic())
                && w.find('=').unwrap_or(0) > 2
        })
}

fn sorted_entries(dir: &Path) -> Vec<fs::DirEntry> {
    let mut v: Vec<fs::DirEntry> = fs::read_dir(dir).map(|rd| rd.filter_map(Result::ok).collect()).unwrap_or_default();
    v.sort_by_key(|e| e.file_name());
    v
}

/// Reads `content/` under `root`. A site without `content/` has no manuals and no pages.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Content {
    let mut content = Content::default();
    let manuals_dir = root.join("content/manuals");
    for entry in sorted_entries(&manuals_dir) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !super::link_allowed(root, &entry.path(), &format!("content/manuals/{name}"), diags) {
            continue;
        }
        if !entry.path().is_dir() {
            if !name.starts_with('.') {
                diags.warning(
                    Span::file(format!("content/manuals/{name}")),
                    "files directly under content/manuals/ are not read; a manual is a folder with _index.md",
                );
            }
            continue;
        }
        if let Some(m) = load_manual(root, &name, &mut content.assets, diags) {
            content.manuals.push(m);
        }
    }
    for entry in sorted_entries(&root.join("content/pages")) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("content/pages/{name}");
        if !super::link_allowed(root, &entry.path(), &rel, diags) {
            continue;
        }
        let Some(slug) = name.strip_suffix(".md").filter(|_| entry.path().is_file()) else {
            if !name.starts_with('.') {
                diags.warning(
                    Span::file(&rel),
                    "only .md files under content/pages/ become pages; this one is not read",
                );
            }
            continue;
        };
        if !is_slug(slug) {
            diags.error(Span::file(&rel), format!("the file name `{slug}` becomes the page's address; expected lowercase letters a-z, digits, `-` or `_`"));
            continue;
        }
        let Some((fm, source)) = read(root, &rel, diags).and_then(|t| parse(&t, &rel, Kind::Page, diags)) else {
            continue;
        };
        content.pages.push(ContentPage {
            slug: slug.to_string(),
            title: fm.title,
            order: fm.order,
            description: fm.description,
            sample: fm.sample,
            source,
        });
    }
    content.pages.sort_by(|a, b| a.order.total_cmp(&b.order).then_with(|| a.slug.cmp(&b.slug)));
    content
}

fn load_manual(root: &Path, slug: &str, assets: &mut Vec<ContentAsset>, diags: &mut Diagnostics) -> Option<Manual> {
    let dir_rel = format!("content/manuals/{slug}");
    if !is_slug(slug) {
        diags.error(
            Span::file(format!("{dir_rel}/")),
            format!("the folder name `{slug}` becomes the manual's address; expected lowercase letters a-z, digits, `-` or `_`"),
        );
        return None;
    }
    let index_rel = format!("{dir_rel}/_index.md");
    if !root.join(&index_rel).is_file() {
        diags.error(
            Span::file(format!("{dir_rel}/")),
            "this manual has no _index.md; expected one with the manual's title and introduction",
        );
        return None;
    }
    let index = read(root, &index_rel, diags).and_then(|t| parse(&t, &index_rel, Kind::ManualIndex, diags));
    let mut chapters = Vec::new();
    let dir = root.join(&dir_rel);
    for entry in walkdir::WalkDir::new(&dir).min_depth(1).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.error(Span::file(format!("{dir_rel}/")), format!("cannot read the manual's folder: {e}"));
                continue;
            }
        };
        let inner = entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        let rel = format!("{dir_rel}/{inner}");
        if entry.path_is_symlink() {
            if !super::link_allowed(root, entry.path(), &rel, diags) {
                continue;
            }
            if !entry.path().is_file() {
                diags.warning(
                    Span::file(&rel),
                    "a linked folder inside a manual is not read; put its files in the manual's folder",
                );
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        if inner.split('/').any(|part| part.starts_with('.')) || inner == "_index.md" {
            continue;
        }
        match inner.strip_suffix(".md") {
            Some(stem) if !stem.contains('/') => {
                if !is_slug(stem) || stem == "print" {
                    diags.error(
                        Span::file(&rel),
                        format!("the file name `{stem}` becomes the chapter's address; expected lowercase letters a-z, digits, `-` or `_`, and not `print` (the whole-manual view)"),
                    );
                    continue;
                }
                let Some((fm, source)) = read(root, &rel, diags).and_then(|t| parse(&t, &rel, Kind::Chapter, diags))
                else {
                    continue;
                };
                chapters.push(Chapter {
                    slug: stem.to_string(),
                    title: fm.title,
                    order: fm.order,
                    description: fm.description,
                    indicators: fm.indicators,
                    sample: fm.sample,
                    source,
                });
            }
            Some(_) => diags.warning(
                Span::file(&rel),
                "Markdown in a subfolder of a manual is not a chapter and is not read; put chapters directly in the manual's folder",
            ),
            None => match asset_kind(&inner) {
                AssetKind::Backup => diags.warning(Span::file(&rel), "an editor's backup or temporary file; it is not published"),
                AssetKind::Other => diags.error(
                    Span::file(&rel),
                    format!("this file would be published on the site's own address; expected only images, PDFs and data files beside the chapters ({}); move it out of content/", SAFE_ASSETS.join(", ")),
                ),
                AssetKind::Safe => match fs::read(entry.path()) {
                    // Images and other files next to the chapters are published beside them.
                    Ok(bytes) => {
                        if inner.to_ascii_lowercase().ends_with(".svg") && svg_runs_script(&bytes) {
                            diags.error(
                                Span::file(&rel),
                                "this SVG holds a script, an event handler or a javascript: link, which would run on the site's own address; expected a plain drawing (export it again without scripts)",
                            );
                        } else {
                            assets.push(ContentAsset { path: format!("manuals/{slug}/{inner}"), bytes });
                        }
                    }
                    Err(e) => diags.error(Span::file(&rel), format!("cannot read this file: {e}")),
                },
            },
        }
    }
    chapters.sort_by(|a, b| a.order.total_cmp(&b.order).then_with(|| a.slug.cmp(&b.slug)));
    let (fm, intro) = index?;
    Some(Manual {
        slug: slug.to_string(),
        title: fm.title,
        description: fm.description,
        sample: fm.sample,
        intro,
        chapters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_body_lines_in_the_file() {
        let text = "---\ntitle: ถนน\norder: 2\nindicators: [1.1, \"1.2\"]\n---\n## หัวข้อ\n";
        let mut d = Diagnostics::new();
        let (fm, src) = parse(text, "c.md", Kind::Chapter, &mut d).unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.title, "ถนน");
        assert_eq!(fm.order, 2.0);
        assert_eq!(
            fm.indicators,
            vec![IndicatorRef { id: "1.1".into(), line: 4 }, IndicatorRef { id: "1.2".into(), line: 4 }]
        );
        assert_eq!(src.body, "## หัวข้อ\n");
        assert_eq!(src.body_line, 6);
    }

    #[test]
    fn crlf_front_matter() {
        let text = "---\r\ntitle: x\r\norder: 1\r\n---\r\nbody\r\n";
        let mut d = Diagnostics::new();
        let (_, src) = parse(text, "c.md", Kind::Chapter, &mut d).unwrap();
        assert_eq!(src.body, "body\r\n");
        assert_eq!(src.body_line, 5);
    }

    #[test]
    fn front_matter_errors_name_the_line_of_the_md_file() {
        let mut d = Diagnostics::new();
        assert!(parse("---\ntitle: x\norder: 1\ncolour: red\n---\n", "c.md", Kind::Chapter, &mut d).is_none());
        let e = d.iter().next().unwrap();
        assert_eq!(e.span.line, Some(4), "{e}");
        assert!(e.message.contains("unknown field `colour`"), "{e}");

        let mut d = Diagnostics::new();
        assert!(parse("---\ntitle: x\norder: สาม\n---\n", "c.md", Kind::Chapter, &mut d).is_none());
        let e = d.iter().next().unwrap();
        assert_eq!(e.span.line, Some(3));
        assert!(!e.message.contains("line 2"), "the YAML block's own line numbers would mislead: {e}");

        let mut d = Diagnostics::new();
        assert!(parse("---\norder: 1\n---\n", "c.md", Kind::Chapter, &mut d).is_none());
        let e = d.iter().next().unwrap();
        assert_eq!((e.span.line, e.span.field.as_deref()), (Some(1), Some("title")));

        let mut d = Diagnostics::new();
        assert!(parse("---\ntitle: x\n", "c.md", Kind::Chapter, &mut d).is_none());
        assert!(d.iter().next().unwrap().message.contains("never closed"));

        let mut d = Diagnostics::new();
        assert!(parse("# no front matter\n", "c.md", Kind::Page, &mut d).is_none());
        assert!(d.iter().next().unwrap().message.contains("no front matter"));

        let mut d = Diagnostics::new();
        assert!(
            parse("---\ntitle: x\norder: 1\nindicators:\n  - 1.1\n  - 1.1\n---\n", "c.md", Kind::Chapter, &mut d)
                .is_none()
        );
        let e = d.iter().next().unwrap();
        assert_eq!(e.span.line, Some(6));
        assert!(e.message.contains("already listed on line 5"), "{e}");
    }

    #[test]
    fn pages_and_indexes_need_no_order_but_cannot_list_indicators() {
        let mut d = Diagnostics::new();
        assert!(parse("---\ntitle: x\n---\n", "p.md", Kind::Page, &mut d).is_some());
        assert!(parse("---\ntitle: x\nindicators: [1.1]\n---\n", "p.md", Kind::Page, &mut d).is_none());
        assert_eq!(d.iter().next().unwrap().span.line, Some(3));
    }
}
