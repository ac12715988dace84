//! Checks on a built site: every internal link and anchor resolves, and every page has a
//! `<title>`, a `lang` on `<html>` and exactly one `<h1>`.
//!
//! The pages are read with a small tag scanner rather than a full HTML parser: the checks need
//! only start tags and their attributes, comments and raw-text elements (script, style) are
//! skipped, and attribute values are unescaped, which is all a link check has to understand.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use rayon::prelude::*;

/// One problem found in the built site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The page, relative to the site folder (`/`-separated).
    pub page: String,
    /// What is wrong.
    pub message: String,
}

use crate::text::escape::unescape;

/// A start tag: its lowercase name and attributes (lowercase names, unescaped values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Element name.
    pub name: String,
    /// Attributes in document order.
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// What the checks need from one page.
#[derive(Debug, Default)]
struct PageFacts {
    ids: HashSet<String>,
    links: Vec<(String, String)>,
    lang: Option<String>,
    titles: usize,
    title_text: String,
    h1: usize,
}

/// The start tags of an HTML document, in order. Comments, doctype, end tags and the contents
/// of script, style, textarea and title are skipped (the title's text is returned separately).
pub fn start_tags(html: &str) -> Vec<Tag> {
    scan(html).0
}

fn scan(html: &str) -> (Vec<Tag>, String) {
    let b = html.as_bytes();
    let mut tags = Vec::new();
    let mut title = String::new();
    // Inside inline SVG, <title> names a chart, not the page.
    let mut svg_depth = 0usize;
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off;
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map(|e| e + 3).unwrap_or(rest.len());
            continue;
        }
        if rest.len() >= 5 && rest.as_bytes()[..5].eq_ignore_ascii_case(b"</svg") {
            svg_depth = svg_depth.saturating_sub(1);
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i += rest.find('>').map(|e| e + 1).unwrap_or(rest.len());
            continue;
        }
        let name_len = rest[1..].bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'-').count();
        if name_len == 0 {
            i += 1; // a lone "<" in text
            continue;
        }
        let name = rest[1..1 + name_len].to_ascii_lowercase();
        let mut j = i + 1 + name_len;
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            let key = html[start..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let end = html[j + 1..].find(q as char).map(|e| j + 1 + e).unwrap_or(b.len());
                    value = unescape(&html[j + 1..end]);
                    j = (end + 1).min(b.len());
                } else {
                    let start = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = unescape(&html[start..j]);
                }
            }
            if !key.is_empty() {
                attrs.push((key, value));
            }
        }
        i = j.min(b.len());
        // Raw text: skip to the matching end tag without reading tags inside.
        if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            let lower_rest = html[i..].to_ascii_lowercase();
            let end = lower_rest.find(&close).unwrap_or(lower_rest.len());
            if name == "title" && svg_depth == 0 {
                title.push_str(&unescape(&html[i..i + end]));
            }
            i += end;
        }
        if name == "svg" && !html[..i].ends_with("/>") {
            svg_depth += 1;
        }
        let name = if name == "title" && svg_depth > 0 { "svg:title".to_string() } else { name };
        tags.push(Tag { name, attrs });
    }
    (tags, title)
}

fn facts(html: &str) -> PageFacts {
    let (tags, title_text) = scan(html);
    let mut f = PageFacts { title_text, ..PageFacts::default() };
    for t in &tags {
        if let Some(id) = t.attr("id") {
            f.ids.insert(id.to_string());
        }
        if t.name == "a"
            && let Some(n) = t.attr("name")
        {
            f.ids.insert(n.to_string());
        }
        match t.name.as_str() {
            "html" => f.lang = t.attr("lang").map(str::to_string),
            "title" => f.titles += 1,
            "h1" => f.h1 += 1,
            _ => {}
        }
        for key in ["href", "src"] {
            if let Some(v) = t.attr(key) {
                f.links.push((t.name.clone(), v.to_string()));
            }
        }
    }
    f
}

/// True for a link that leaves the site (scheme or protocol-relative); those are not checked.
fn external(href: &str) -> bool {
    if href.starts_with("//") {
        return true;
    }
    let scheme_end = href.find(':');
    let first_sep = href.find(['/', '?', '#']);
    matches!((scheme_end, first_sep), (Some(c), Some(s)) if c < s) || (scheme_end.is_some() && first_sep.is_none())
}

/// A link's path or fragment as written on disk: `%XX` decoded, or as it stands when an escape
/// is malformed (then it names no file, and the link is reported).
fn decoded(s: &str) -> String {
    crate::text::escape::percent_decode(s).unwrap_or_else(|| s.to_owned())
}

/// Resolves `href` (path part only) against the folder of `page`; `None` when it climbs above
/// the site root.
fn resolve(page: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') || path.is_empty() && out.is_empty() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str("index.html");
    }
    Some(out)
}

/// Checks every HTML page under `dir`. Problems are sorted by page.
pub fn check_site(dir: &Path) -> Vec<Problem> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
        .collect();
    files.sort();
    let file_set: HashSet<&str> = files.iter().map(String::as_str).collect();
    let pages: HashMap<&str, PageFacts> = files
        .par_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let html = fs::read(dir.join(f)).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            (f.as_str(), facts(&html))
        })
        .collect();
    let mut problems: Vec<Problem> = pages
        .par_iter()
        .flat_map_iter(|(page, f)| {
            let mut out = Vec::new();
            let mut say = |m: String| out.push(Problem { page: page.to_string(), message: m });
            match f.lang.as_deref() {
                None => say("<html> has no lang attribute".into()),
                Some("") => say("<html lang> is empty".into()),
                _ => {}
            }
            if f.titles != 1 {
                say(format!("{} <title> elements; expected exactly one", f.titles));
            } else if f.title_text.trim().is_empty() {
                say("the <title> is empty".into());
            }
            if f.h1 != 1 {
                say(format!("{} <h1> elements; expected exactly one", f.h1));
            }
            for (tag, href) in &f.links {
                let href = href.trim();
                if href.to_ascii_lowercase().starts_with("javascript:") {
                    say(format!("<{tag}> links to `{href}`: a javascript: address"));
                    continue;
                }
                if href.is_empty() || external(href) {
                    continue;
                }
                let (before_frag, frag) = match href.split_once('#') {
                    Some((p, f)) => (p, Some(f)),
                    None => (href, None),
                };
                let path = before_frag.split('?').next().unwrap_or("");
                let target = if path.is_empty() {
                    Some(page.to_string())
                } else if path.starts_with('/') {
                    say(format!("<{tag}> links to `{href}`, a root-absolute path; links must be relative so the site works under any sub-path"));
                    continue;
                } else {
                    resolve(page, &decoded(path))
                };
                let Some(mut target) = target else {
                    say(format!("<{tag}> links to `{href}`, which climbs above the site's root"));
                    continue;
                };
                if !file_set.contains(target.as_str()) {
                    let as_dir = format!("{target}/index.html");
                    if file_set.contains(as_dir.as_str()) {
                        target = as_dir;
                    } else {
                        say(format!("<{tag}> links to `{href}`, but {target} does not exist"));
                        continue;
                    }
                }
                if let Some(frag) = frag.map(decoded).filter(|f| !f.is_empty())
                    && target.ends_with(".html")
                    && !pages.get(target.as_str()).is_some_and(|t| t.ids.contains(&frag))
                {
                    say(format!("<{tag}> links to `{href}`, but {target} has no element with id `{frag}`"));
                }
            }
            out
        })
        .collect();
    problems.sort();
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_tags_attributes_and_skips_raw_text() {
        let html = r#"<!doctype html><!-- <a href="x"> --><html lang=th><title>A &amp; B</title>
<script>if (a<b) { document.write("<h1 id='no'>") }</script><a href="p.html?q=1&amp;r=2#top" data-x>x</a>
<IMG SRC='i.png' alt="a > b"><p>1 < 2</p>"#;
        let (tags, title) = scan(html);
        assert_eq!(title, "A & B");
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, vec!["html", "title", "script", "a", "img", "p"]);
        assert_eq!(tags[0].attr("lang"), Some("th"));
        assert_eq!(tags[3].attr("href"), Some("p.html?q=1&r=2#top"));
        assert_eq!(tags[3].attr("data-x"), Some(""));
        assert_eq!(tags[4].attr("src"), Some("i.png"));
        assert_eq!(tags[4].attr("alt"), Some("a > b"));
    }

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(resolve("lao/1/index.html", "../../index.html").as_deref(), Some("index.html"));
        assert_eq!(resolve("lao/1/index.html", "2567/").as_deref(), Some("lao/1/2567/index.html"));
        assert_eq!(resolve("index.html", "../x.html"), None);
        assert!(external("https://a.b/") && external("mailto:a@b") && external("//cdn.x/y"));
        assert!(!external("lao/1/index.html") && !external("a.html#x:y"));
    }

    #[test]
    fn finds_broken_links_anchors_and_missing_parts() {
        let dir = std::env::temp_dir().join(format!("prakat-check-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("a")).unwrap();
        fs::write(
            dir.join("index.html"),
            r##"<html lang="th"><title>T</title><h1 id="top">H</h1><a href="a/">a</a><a href="a/index.html#s">s</a><a href="#top">t</a><a href="https://x.org/">x</a>"##,
        )
        .unwrap();
        fs::write(
            dir.join("a/index.html"),
            r##"<html><title> </title><h1>1</h1><h1>2</h1><section id="s"></section><a href="../missing.html">m</a><a href="../index.html#nowhere">n</a><img src="../../up.png"><a href="/abs.html">r</a><a href="javascript:alert(1)">j</a>"##,
        )
        .unwrap();
        let p = check_site(&dir);
        let msgs: Vec<String> = p.iter().map(|p| format!("{}: {}", p.page, p.message)).collect();
        assert_eq!(
            msgs,
            vec![
                "a/index.html: 2 <h1> elements; expected exactly one",
                "a/index.html: <a> links to `../index.html#nowhere`, but index.html has no element with id `nowhere`",
                "a/index.html: <a> links to `../missing.html`, but missing.html does not exist",
                "a/index.html: <a> links to `/abs.html`, a root-absolute path; links must be relative so the site works under any sub-path",
                "a/index.html: <a> links to `javascript:alert(1)`: a javascript: address",
                "a/index.html: <html> has no lang attribute",
                "a/index.html: <img> links to `../../up.png`, which climbs above the site's root",
                "a/index.html: the <title> is empty",
            ],
            "{msgs:#?}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
