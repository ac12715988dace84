//! Full-text search of the manuals and pages: one file of plain-text sections, searched in the
//! browser by substring.
//!
//! Why substring and not word segmentation: Thai is written without spaces, and a word
//! segmenter is needed to build an inverted index of words. The manuals are small (tens of
//! kilobytes of text), so the browser can scan every section for the typed text directly, which
//! finds any run of characters, including parts of compound words and names that a dictionary
//! segmenter would split wrongly. The index is loaded only on the search page.

use serde::Serialize;

use crate::content::book::{Books, Document};
use crate::model::Site;
use crate::paths::{chapter_path, content_page_path, manual_path, session_path, workshops_path};
use crate::text::escape::unescape;

/// The callback the index calls; the theme's `text-search.js` defines it.
pub const CALLBACK: &str = "prakatTextIndex";

/// One searchable section: a document's text before its first heading, or one h2/h3 section.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Section {
    /// The document's title (chapter, manual or page).
    pub doc: String,
    /// The section's heading ("" for the text before the first heading).
    pub heading: String,
    /// Address from the site root, with the heading's anchor.
    pub href: String,
    /// The section's text, tags removed, spaces folded.
    pub text: String,
}

/// Plain text of an HTML fragment: tags dropped, character references decoded, spaces folded.
fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    folded(&unescape(&out))
}

/// Text with every run of white space made one space, and none at the ends.
fn folded(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a rendered document at its h2 and h3 headings (which carry ids).
pub fn sections(doc: &str, href: &str, html: &str) -> Vec<Section> {
    let mut out = Vec::new();
    let mut rest = html;
    let mut heading = String::new();
    let mut anchor = String::new();
    loop {
        let next = ["<h2", "<h3"].iter().filter_map(|t| rest.find(t)).min();
        let (body, after) = match next {
            Some(i) => (&rest[..i], Some(&rest[i..])),
            None => (rest, None),
        };
        let text = plain(body);
        if !text.is_empty() || !heading.is_empty() {
            let href = if anchor.is_empty() { href.to_string() } else { format!("{href}#{anchor}") };
            out.push(Section { doc: doc.to_string(), heading: heading.clone(), href, text });
        }
        let Some(h) = after else { break };
        let close = h.find("</h").unwrap_or(h.len());
        let open_end = h.find('>').map(|i| i + 1).unwrap_or(close).min(close);
        anchor =
            h[..open_end].split("id=\"").nth(1).and_then(|s| s.split('"').next()).map(unescape).unwrap_or_default();
        heading = plain(&h[open_end..close]);
        rest = h.get(close..).and_then(|s| s.find('>').map(|i| &s[i + 1..])).unwrap_or("");
    }
    out
}

fn part_sections(out: &mut Vec<Section>, doc: &str, path: &str, part: &Document) {
    let href = path.strip_suffix("index.html").unwrap_or(path);
    out.extend(sections(doc, href, &part.html));
}

/// Every section of every manual (introduction and chapters) and page.
pub fn all_sections(site: &Site, books: &Books) -> Vec<Section> {
    let mut out = Vec::new();
    for (mi, manual) in site.content.manuals.iter().enumerate() {
        let Some(book) = books.manuals.get(mi) else { continue };
        part_sections(&mut out, &manual.title, &manual_path(&manual.slug), &book.intro);
        for (ci, chapter) in manual.chapters.iter().enumerate() {
            if let Some(part) = book.chapters.get(ci) {
                let doc = format!("{}: {}", manual.title, chapter.title);
                part_sections(&mut out, &doc, &chapter_path(&manual.slug, &chapter.slug), part);
            }
        }
    }
    for (pi, page) in site.content.pages.iter().enumerate() {
        if let Some(part) = books.pages.get(pi) {
            part_sections(&mut out, &page.title, &content_page_path(&page.slug), part);
        }
    }
    workshop_sections(&mut out, site);
    out
}

/// The workshop pages: a series (its description and documents) and each session (its day,
/// time, audience and ways to join), so "ประชุม เมษายน" or "Webex" finds them.
fn workshop_sections(out: &mut Vec<Section>, site: &Site) {
    let dir = |path: String| path.strip_suffix("index.html").map(str::to_string).unwrap_or(path);
    for series in &site.workshops {
        let be = series.be.to_string();
        let doc = if series.title_th.contains(&be) {
            series.title_th.clone()
        } else {
            format!("{} ปี พ.ศ. {be}", series.title_th)
        };
        let mut text = series.description_th.clone();
        for d in &series.documents {
            text.push(' ');
            text.push_str(&d.title_th);
        }
        out.push(Section {
            doc: doc.clone(),
            heading: String::new(),
            href: dir(workshops_path(series.be)),
            text: folded(&text),
        });
        for session in &series.sessions {
            let mut heading = format!("ครั้งที่ {}", session.no);
            if !session.title_th.is_empty() {
                heading.push(' ');
                heading.push_str(&session.title_th);
            }
            let mut words =
                vec![session.date.thai_long(), crate::text::dates::thai_time_range(session.start, session.end)];
            words.extend(session.audience.iter().map(|t| t.label_th().to_string()));
            words.push(session.audience_note.clone());
            words.extend(session.channels.iter().map(|c| c.name.clone()));
            let text = folded(&words.join(" "));
            out.push(Section { doc: doc.clone(), heading, href: dir(session_path(series.be, session.no)), text });
        }
    }
}

/// The index file: a script calling [`CALLBACK`] with every section (so it loads from disk too).
pub fn index(site: &Site, books: &Books) -> Vec<u8> {
    let json = serde_json::to_string(&all_sections(site, books)).unwrap_or_else(|_| "[]".into());
    // A JSON string cannot close the script element it is in, but keep `</` out all the same.
    format!("{CALLBACK}({});\n", json.replace("</", "<\\/")).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_headings_and_strips_markup() {
        let html = r##"<p>ก่อน &amp; หลัง</p><h2 id="roads">ถนน <a class="heading-link" href="#roads">#</a></h2><p>นับ<strong>ถนน</strong>ลาดยาง</p><h3 id="x&amp;y">ย่อย</h3><ul><li>หนึ่ง</li></ul>"##;
        let s = sections("คู่มือ: บท", "manuals/m/ch/", html);
        assert_eq!(s.len(), 3);
        assert_eq!(
            s[0],
            Section {
                doc: "คู่มือ: บท".into(),
                heading: "".into(),
                href: "manuals/m/ch/".into(),
                text: "ก่อน & หลัง".into()
            }
        );
        assert_eq!(s[1].heading, "ถนน #");
        assert_eq!(s[1].href, "manuals/m/ch/#roads");
        assert_eq!(s[1].text, "นับ ถนน ลาดยาง");
        assert_eq!(s[2].href, "manuals/m/ch/#x&y");
        assert_eq!(s[2].text, "หนึ่ง");
    }

    #[test]
    fn a_document_without_headings_is_one_section() {
        let s = sections("หน้า", "pages/about/", "<p>ข้อความ</p>");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].href, "pages/about/");
    }
}
