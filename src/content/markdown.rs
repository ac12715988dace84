//! Markdown to HTML for the manuals and pages. Pure: text in, HTML and problems out.
//!
//! CommonMark with GFM tables, footnotes, strikethrough, task lists, heading attributes
//! (`{#id}`) and alerts (`> [!NOTE]`). On top of pulldown-cmark's HTML this module:
//! - gives every heading a stable anchor ([`outline`]): an explicit `{#id}` wins, else the
//!   heading text made into an id that keeps Thai letters readable; repeats get `-1`, `-2`;
//! - numbers footnotes per page part and prefixes their ids, so several chapters can be shown
//!   on one page (the print view) without two footnotes sharing an id;
//! - hands every link that is not a web address or an in-page anchor to a resolver, which
//!   turns source paths (`@/manuals/...`) into relative addresses or reports them missing;
//! - shows raw HTML as text: the content is published as written, never run.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use pulldown_cmark::{BlockQuoteKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use unicode_normalization::UnicodeNormalization;

use crate::model::Source;

/// The Markdown extensions the manuals may use.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// One heading of a document, with the anchor it gets.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1 to 6, as written.
    pub level: u8,
    /// The anchor (without any page prefix).
    pub id: String,
    /// The heading as plain text.
    pub text: String,
    /// Line in the source file.
    pub line: usize,
}

/// Turns heading text into an anchor: Thai letters and marks stay as they are (so the address
/// reads as Thai), ASCII letters are lowercased, spaces become `-`, other punctuation goes.
/// The text is NFC-normalized first, and nikhahit + sara aa is joined into sara am (NFC leaves
/// it apart), so the same heading typed two ways gives one id.
pub fn slugify(text: &str) -> String {
    let text: String = text.nfc().collect::<String>().replace("\u{0E4D}\u{0E32}", "\u{0E33}");
    let mut out = String::new();
    for c in text.chars() {
        let keep = match c {
            '\u{0E00}'..='\u{0E7F}' => Some(c),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            '_' => Some('_'),
            '-' => Some('-'),
            c if c.is_whitespace() => Some('-'),
            c if c.is_alphanumeric() => {
                out.extend(c.to_lowercase());
                None
            }
            _ => None,
        };
        if let Some(k) = keep {
            if k == '-' && (out.is_empty() || out.ends_with('-')) {
                continue;
            }
            out.push(k);
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() { "section".to_string() } else { trimmed.to_string() }
}

/// Line of the source file at byte `offset` of the body.
pub fn line_of(src: &Source, offset: usize) -> usize {
    src.body_line + src.body.get(..offset).unwrap_or(&src.body).matches('\n').count()
}

/// Column (1-based, in characters) of byte `offset` of the body within its line.
pub fn column_of(src: &Source, offset: usize) -> usize {
    let before = src.body.get(..offset).unwrap_or(&src.body);
    let start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    before[start..].chars().count() + 1
}

/// A problem found while rendering: where it is in the source file and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Line in the source file.
    pub line: usize,
    /// Column in characters.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

/// Every heading of a document with its anchor, in order. Explicit ids are taken first, so a
/// heading written earlier cannot take an id that a later `{#id}` asks for.
pub fn outline(src: &Source) -> Vec<Heading> {
    let mut raw: Vec<(u8, Option<String>, String, usize)> = Vec::new();
    let mut current: Option<(u8, Option<String>, String, usize)> = None;
    let mut footnote_depth = 0usize;
    for (ev, range) in Parser::new_ext(&src.body, options()).into_offset_iter() {
        match ev {
            Event::Start(Tag::FootnoteDefinition(_)) => footnote_depth += 1,
            Event::End(TagEnd::FootnoteDefinition) => footnote_depth -= 1,
            Event::Start(Tag::Heading { level, id, .. }) if footnote_depth == 0 => {
                current = Some((level as u8, id.map(|s| s.to_string()), String::new(), line_of(src, range.start)));
            }
            Event::End(TagEnd::Heading(_)) if footnote_depth == 0 => raw.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = current.as_mut() {
                    h.2.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = current.as_mut() {
                    h.2.push(' ');
                }
            }
            _ => {}
        }
    }
    let explicit: HashSet<&str> = raw.iter().filter_map(|h| h.1.as_deref()).collect();
    let mut used: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(raw.len());
    for (level, id, text, line) in &raw {
        let base = match id {
            Some(id) => id.clone(),
            None => slugify(text),
        };
        let mut candidate = base.clone();
        let mut n = 0;
        // An automatic id keeps clear of every explicit one; any id keeps clear of earlier ones.
        while used.contains(&candidate) || (id.is_none() && explicit.contains(candidate.as_str())) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        used.insert(candidate.clone());
        out.push(Heading { level: *level, id: candidate, text: text.trim().to_string(), line: *line });
    }
    out
}

/// The first paragraph as plain text, cut to about `max` characters: a description for sharing
/// when the front matter gives none.
pub fn summary(src: &Source, max: usize) -> String {
    let mut text = String::new();
    let mut in_para = false;
    for ev in Parser::new_ext(&src.body, options()) {
        match ev {
            Event::Start(Tag::Paragraph) => in_para = true,
            Event::End(TagEnd::Paragraph) if !text.trim().is_empty() => break,
            Event::End(TagEnd::Paragraph) => in_para = false,
            Event::Text(t) | Event::Code(t) if in_para => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_para => text.push(' '),
            _ => {}
        }
    }
    let text = text.trim();
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// How to render one document.
pub struct RenderOptions<'a> {
    /// Put before every heading id and in-page link (`roads--` in the print view; empty otherwise).
    pub id_prefix: &'a str,
    /// Makes footnote ids unique on the page (the chapter's slug).
    pub footnote_scope: &'a str,
    /// Added to every heading level (1 in the print view, where the chapter title is an h2).
    pub heading_shift: u8,
    /// Turns a link or image address that is neither a web address nor `#anchor` into an href.
    pub resolve: &'a dyn Fn(&str) -> Result<String, String>,
    /// HTML to insert right after the heading with this anchor (the indicator back-links).
    pub after_heading: &'a dyn Fn(&str) -> Option<String>,
}

/// A rendered document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Its headings, with their anchors (without the prefix).
    pub headings: Vec<Heading>,
    /// Broken links and other problems.
    pub problems: Vec<Problem>,
}

fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "หมายเหตุ"),
        BlockQuoteKind::Tip => ("tip", "ข้อแนะนำ"),
        BlockQuoteKind::Important => ("important", "สำคัญ"),
        BlockQuoteKind::Warning => ("warning", "คำเตือน"),
        BlockQuoteKind::Caution => ("caution", "ข้อควรระวัง"),
    }
}

/// Escapes text for an HTML attribute or element.
pub fn escape(s: &str) -> String {
    crate::text::escape::markup(s)
}

/// True when `url` starts with a scheme (`https:`, `javascript:` ...).
fn scheme(url: &str) -> Option<&str> {
    let (head, _) = url.split_once(':')?;
    let mut chars = head.chars();
    (chars.next()?.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some(head)
}

/// A class a heading may carry: ASCII letters, digits, `-` and `_`.
fn is_class_name(c: &str) -> bool {
    !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Renders a document. Problems are returned, not raised, so one build reports them all.
pub fn render(src: &Source, opts: &RenderOptions) -> Rendered {
    let headings = outline(src);
    let ids: HashSet<&str> = headings.iter().map(|h| h.id.as_str()).collect();
    let mut problems = Vec::new();
    let scope = if opts.footnote_scope.is_empty() { String::new() } else { format!("{}-", opts.footnote_scope) };

    // Footnotes are numbered in the order they are first referred to; definitions nobody
    // refers to come last, so none is lost.
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut ref_counts: HashMap<usize, usize> = HashMap::new();
    let mut definitions: Vec<(String, Vec<Event>)> = Vec::new();

    let mut out: Vec<Event> = Vec::new();
    // Where events go: the page, or a footnote definition being collected.
    let mut in_definition: Option<(String, Vec<Event>)> = None;
    let mut heading_index = 0usize;
    let mut heading_buf: Option<(Tag, Vec<Event>)> = None;

    let push = |ev: Event<'static>,
                in_definition: &mut Option<(String, Vec<Event<'static>>)>,
                heading_buf: &mut Option<(Tag<'static>, Vec<Event<'static>>)>,
                out: &mut Vec<Event<'static>>| {
        if let Some((_, buf)) = heading_buf.as_mut() {
            buf.push(ev);
        } else if let Some((_, buf)) = in_definition.as_mut() {
            buf.push(ev);
        } else {
            out.push(ev);
        }
    };

    for (ev, range) in Parser::new_ext(&src.body, options()).into_offset_iter() {
        let ev = ev.into_static();
        let at = (line_of(src, range.start), column_of(src, range.start));
        match ev {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                in_definition = Some((label.to_string(), Vec::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, evs)) = in_definition.take() {
                    definitions.push((label, evs));
                }
            }
            Event::FootnoteReference(label) => {
                let next = numbers.len() + 1;
                let n = *numbers.entry(label.to_string()).or_insert(next);
                let k = ref_counts.entry(n).or_insert(0);
                *k += 1;
                let ref_id = if *k == 1 { format!("fnref-{scope}{n}") } else { format!("fnref-{scope}{n}-{k}") };
                let html = format!(
                    "<sup class=\"fn-ref\" id=\"{ref_id}\"><a href=\"#fn-{scope}{n}\" aria-label=\"เชิงอรรถ {n}\">{n}</a></sup>"
                );
                push(Event::InlineHtml(html.into()), &mut in_definition, &mut heading_buf, &mut out);
            }
            Event::Start(Tag::Heading { level, id: _, classes, attrs }) if in_definition.is_none() => {
                let shifted = (level as usize + opts.heading_shift as usize).min(6);
                let level = HeadingLevel::try_from(shifted).unwrap_or(HeadingLevel::H6);
                // Only `{#id}` and `{.class}` reach the page: any other attribute (an `onclick`,
                // a `style`) would be live markup on the site's origin.
                for (name, value) in &attrs {
                    let found = match value {
                        Some(v) => format!("{name}={v}"),
                        None => name.to_string(),
                    };
                    problems.push(Problem {
                        line: at.0,
                        column: at.1,
                        message: format!(
                            "heading attribute `{found}` is refused; expected only an anchor `{{#id}}` or classes `{{.name}}`"
                        ),
                    });
                }
                let (classes, refused): (Vec<_>, Vec<_>) = classes.into_iter().partition(|c| is_class_name(c));
                for c in refused {
                    problems.push(Problem {
                        line: at.0,
                        column: at.1,
                        message: format!("heading class `{c}` is refused; expected letters, digits, `-` and `_` only"),
                    });
                }
                heading_buf = Some((Tag::Heading { level, id: None, classes, attrs: Vec::new() }, Vec::new()));
            }
            Event::End(TagEnd::Heading(_)) if heading_buf.is_some() => {
                let Some((Tag::Heading { level, classes, attrs, .. }, inner)) = heading_buf.take() else {
                    continue;
                };
                let anchor = headings.get(heading_index).map(|h| h.id.clone()).unwrap_or_default();
                heading_index += 1;
                let full = format!("{}{anchor}", opts.id_prefix);
                let has_link = inner.iter().any(|e| matches!(e, Event::Start(Tag::Link { .. })));
                out.push(Event::Start(Tag::Heading { level, id: Some(full.clone().into()), classes, attrs }));
                if !has_link {
                    out.push(Event::InlineHtml(
                        format!("<a class=\"heading-link\" href=\"#{}\">", escape(&full)).into(),
                    ));
                }
                out.extend(inner);
                if !has_link {
                    out.push(Event::InlineHtml("</a>".into()));
                }
                out.push(Event::End(TagEnd::Heading(level)));
                if let Some(extra) = (opts.after_heading)(&anchor) {
                    out.push(Event::Html(extra.into()));
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = resolve_url(&dest_url, &ids, opts, at, &mut problems);
                push(
                    Event::Start(Tag::Link { link_type, dest_url: dest.into(), title, id }),
                    &mut in_definition,
                    &mut heading_buf,
                    &mut out,
                );
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                // A page loads nothing from another host: an image must be a file of the site.
                let dest = if scheme(&dest_url).is_some() || dest_url.starts_with("//") {
                    let (line, column) = at;
                    problems.push(Problem {
                        line,
                        column,
                        message: format!("image `{dest_url}` is on another host, and a page loads nothing from another host; expected the image saved beside the chapter and named by its file name"),
                    });
                    "#".into()
                } else {
                    resolve_url(&dest_url, &ids, opts, at, &mut problems)
                };
                push(
                    Event::Start(Tag::Image { link_type, dest_url: dest.into(), title, id }),
                    &mut in_definition,
                    &mut heading_buf,
                    &mut out,
                );
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (key, title) = alert(kind);
                let html =
                    format!("<div class=\"alert alert-{key}\" role=\"note\"><p class=\"alert-title\">{title}</p>");
                push(Event::Html(html.into()), &mut in_definition, &mut heading_buf, &mut out);
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                push(Event::Html("</div>".into()), &mut in_definition, &mut heading_buf, &mut out);
            }
            Event::Start(Tag::Table(align)) => {
                push(
                    Event::Html(
                        "<div class=\"table-scroll\" role=\"region\" aria-label=\"ตาราง\" tabindex=\"0\">".into(),
                    ),
                    &mut in_definition,
                    &mut heading_buf,
                    &mut out,
                );
                push(Event::Start(Tag::Table(align)), &mut in_definition, &mut heading_buf, &mut out);
            }
            Event::End(TagEnd::Table) => {
                push(ev, &mut in_definition, &mut heading_buf, &mut out);
                push(Event::Html("</div>".into()), &mut in_definition, &mut heading_buf, &mut out);
            }
            // Raw HTML is shown as text: the manuals are published as written, never run.
            Event::Html(h) | Event::InlineHtml(h) => {
                push(Event::Text(h), &mut in_definition, &mut heading_buf, &mut out);
            }
            other => push(other, &mut in_definition, &mut heading_buf, &mut out),
        }
    }

    let mut body = String::new();
    html::push_html(&mut body, out.into_iter());

    if !definitions.is_empty() {
        let mut ordered: Vec<(usize, Vec<Event>)> = Vec::new();
        let mut extra = numbers.len();
        for (label, evs) in definitions {
            let n = match numbers.get(&label) {
                Some(&n) => n,
                None => {
                    extra += 1;
                    extra
                }
            };
            ordered.push((n, evs));
        }
        ordered.sort_by_key(|(n, _)| *n);
        body.push_str("<section class=\"footnotes\" aria-label=\"เชิงอรรถ\">\n<ol>\n");
        for (n, evs) in ordered {
            let mut inner = String::new();
            html::push_html(&mut inner, evs.into_iter());
            let back = if ref_counts.contains_key(&n) {
                format!(
                    " <a class=\"fn-back\" href=\"#fnref-{scope}{n}\" aria-label=\"กลับไปยังข้อความที่อ้างถึงเชิงอรรถ {n}\">↩</a>"
                )
            } else {
                String::new()
            };
            // The back-link goes inside the last paragraph so it sits at the end of the text.
            let inner = match inner.rfind("</p>") {
                Some(i) if !back.is_empty() => format!("{}{back}{}", &inner[..i], &inner[i..]),
                _ => format!("{inner}{back}"),
            };
            let _ = writeln!(body, "<li id=\"fn-{scope}{n}\" value=\"{n}\">{inner}</li>");
        }
        body.push_str("</ol>\n</section>\n");
    }
    Rendered { html: body, headings, problems }
}

fn resolve_url(
    url: &str,
    ids: &HashSet<&str>,
    opts: &RenderOptions,
    (line, column): (usize, usize),
    problems: &mut Vec<Problem>,
) -> String {
    if let Some(anchor) = url.strip_prefix('#') {
        if !ids.contains(anchor) {
            problems.push(Problem {
                line,
                column,
                message: format!("link `{url}` points to a heading this page does not have"),
            });
        }
        return format!("#{}{anchor}", opts.id_prefix);
    }
    if let Some(s) = scheme(url) {
        return match s.to_ascii_lowercase().as_str() {
            "http" | "https" | "mailto" | "tel" => url.to_string(),
            _ => {
                problems.push(Problem { line, column, message: format!("link `{url}` is refused; expected http, https, mailto or tel, or a source path such as `@/manuals/<manual>/<chapter>.md`") });
                "#".to_string()
            }
        };
    }
    if url.starts_with("//") {
        problems.push(Problem {
            line,
            column,
            message: format!("link `{url}` leaves out the scheme; write https://..."),
        });
        return "#".to_string();
    }
    match (opts.resolve)(url) {
        Ok(href) => href,
        Err(why) => {
            problems.push(Problem { line, column, message: why });
            "#".to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(body: &str) -> Source {
        Source { file: "c.md".into(), body: body.into(), body_line: 5 }
    }

    fn plain(body: &str) -> Rendered {
        render(
            &src(body),
            &RenderOptions {
                id_prefix: "",
                footnote_scope: "c",
                heading_shift: 0,
                resolve: &|u| Err(format!("unresolved {u}")),
                after_heading: &|_| None,
            },
        )
    }

    #[test]
    fn slugs_keep_thai_and_lowercase_ascii() {
        assert_eq!(slugify("ถนนลาดยาง"), "ถนนลาดยาง");
        assert_eq!(slugify("การนับ (1) และ (2)"), "การนับ-1-และ-2");
        assert_eq!(slugify("Roads and Drains!"), "roads-and-drains");
        assert_eq!(slugify("ตัวชี้วัด 1.1"), "ตัวชี้วัด-11");
        assert_eq!(slugify("  ?? "), "section");
        // Sara am typed as nikhahit + sara aa (decomposed) gives the same id as the composed form.
        assert_eq!(slugify("\u{0E19}\u{0E4D}\u{0E32}"), slugify("\u{0E19}\u{0E33}"));
    }

    #[test]
    fn anchors_explicit_wins_and_duplicates_get_suffixes() {
        let h = outline(&src("## สรุป\n\n## สรุป\n\n## ถนน\n\n### อื่น {#สรุป-1}\n\n## Roads {#roads}\n## สรุป\n"));
        let ids: Vec<&str> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["สรุป", "สรุป-2", "ถนน", "สรุป-1", "roads", "สรุป-3"]);
        assert_eq!(h[0].line, 5);
        assert_eq!(h[2].line, 9);
        assert_eq!(h[3].level, 3);
        assert_eq!(h[3].text, "อื่น");
    }

    #[test]
    fn headings_get_ids_links_and_shift() {
        let r = render(
            &src("## ถนน\n"),
            &RenderOptions {
                id_prefix: "roads--",
                footnote_scope: "roads",
                heading_shift: 1,
                resolve: &|_| Ok(String::new()),
                after_heading: &|a| (a == "ถนน").then(|| "<p>back</p>".to_string()),
            },
        );
        assert!(
            r.html.contains("<h3 id=\"roads--ถนน\"><a class=\"heading-link\" href=\"#roads--ถนน\">ถนน</a></h3>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("</h3>\n<p>back</p>") || r.html.contains("</h3><p>back</p>"), "{}", r.html);
    }

    #[test]
    fn footnotes_are_numbered_and_scoped() {
        let r = plain("ก[^a] ข[^b] ค[^a]\n\n[^b]: สอง\n[^a]: หนึ่ง\n");
        assert!(r.html.contains("id=\"fnref-c-1\""), "{}", r.html);
        assert!(r.html.contains("id=\"fnref-c-1-2\""), "{}", r.html);
        assert!(r.html.contains("<li id=\"fn-c-1\" value=\"1\"><p>หนึ่ง"), "{}", r.html);
        assert!(r.html.contains("<li id=\"fn-c-2\" value=\"2\"><p>สอง"), "{}", r.html);
        assert!(r.html.find("fn-c-1\"").unwrap() < r.html.find("fn-c-2\"").unwrap());
    }

    #[test]
    fn links_are_checked_with_lines() {
        let r = plain("ข้อความ\n\n[ก](#ไม่มี) [ข](javascript:alert(1)) [ค](https://example.org) [ง](@/x.md)\n");
        let at: Vec<(usize, usize)> = r.problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(at, [(7, 1), (7, 13), (7, 63)], "{:?}", r.problems);
        assert!(r.problems[0].message.contains("#ไม่มี"));
        assert!(r.problems[1].message.contains("refused"));
        assert_eq!(r.problems[2].message, "unresolved @/x.md");
        assert!(r.html.contains("href=\"https://example.org\""));
        assert!(!r.html.contains("javascript"));
    }

    #[test]
    fn raw_html_is_text_and_extensions_render() {
        let r = plain(
            "<script>x</script>\n\n> [!WARNING]\n> ระวัง\n\n| ก | ข |\n|---|---|\n| 1 | 2 |\n\n- [x] เสร็จ\n\n~~ลบ~~\n",
        );
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(r.html.contains("class=\"alert alert-warning\""));
        assert!(r.html.contains("<p class=\"alert-title\">คำเตือน</p>"));
        assert!(r.html.contains("<div class=\"table-scroll\""));
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("<del>ลบ</del>"));
    }

    #[test]
    fn summary_takes_the_first_paragraph() {
        assert_eq!(summary(&src("## หัวข้อ\n\nย่อหน้าแรก\nต่อ\n\nสอง\n"), 100), "ย่อหน้าแรก ต่อ");
        assert_eq!(summary(&src("กขคง\n"), 2), "กข…");
    }

    #[test]
    fn heading_attributes_other_than_id_and_class_are_refused() {
        let r = plain("## หัวข้อ {#top .note onclick=alert(1)}\n\n## อีกหัวข้อ {autofocus .x\"y}\n");
        assert!(!r.html.contains("onclick") && !r.html.contains("autofocus"), "{}", r.html);
        assert!(r.html.contains("class=\"note\""), "{}", r.html);
        let messages: Vec<&str> = r.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("`onclick=alert(1)` is refused"), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("`autofocus`")), "{messages:?}");
        assert!(r.problems.iter().all(|p| p.column == 1), "{:?}", r.problems);
    }
}
