//! Thai words kept whole at line ends. Browsers break Thai lines where their dictionary (ICU's,
//! in Chromium, Safari and Android) sees a word boundary, and that dictionary splits compounds
//! a reader takes as one word ("ตัวชี้|วัด", "เป้า|หมาย") and garbles some words it lacks
//! ("พาณิช|ยกร|รม", "การก|ระ|จา|ยอำ|นาจ"). A word joiner (U+2060) at those places forbids the
//! break; it is invisible, and find-in-page and copy still see the word.
//!
//! The words and the places come from a list (the theme's `thai-words.txt`):
//!
//! ```text
//! # a comment
//! ตัว|ชี้|วัด
//! พาณิช|ยกร|รม
//! ```
//!
//! Each line is one word with `|` wherever a browser was seen to break it. A joiner also
//! splits the text the browser's dictionary reads: the part before a joiner is read on its own,
//! so where a word's first part is not a word by itself ("ก" of "ก|ระ|ดาษ"), the text before
//! it would be misread ("ท้ายก" as "ท้า|ยก"). A `|` at the start of the line puts a break
//! opportunity (`<wbr>`) before the word, so the text before it is read alone and may break
//! there; a `|` at the end does the same after the word.

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, MatchKind};

/// The word joiner: no line break on either side of it.
pub const WORD_JOINER: char = '\u{2060}';

/// A line may break here (`<wbr>`: markup, so nothing is copied with the text, and user input
/// never holds it: zero-width characters in the input are removed).
pub const BREAK: &str = "<wbr>";

/// Words to keep whole, and where each needs a joiner.
#[derive(Clone, Debug, Default)]
pub struct KeepWords {
    /// Finds the words (leftmost-longest, so "ตัวชี้วัด" wins over "ชี้วัด").
    finder: Option<AhoCorasick>,
    /// Per word: the word with joiners in place.
    joined: Vec<String>,
    /// Per word: a break opportunity before it, and after it (where the text beside it is Thai).
    edges: Vec<(bool, bool)>,
}

/// A line of the list that is not a word with its break places.
#[derive(Debug, PartialEq)]
pub struct BadLine {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong, and what was expected.
    pub message: String,
}

impl KeepWords {
    /// No words: text passes unchanged.
    pub fn none() -> KeepWords {
        KeepWords { finder: None, joined: Vec::new(), edges: Vec::new() }
    }

    /// Reads a list (see the module's documentation). Every bad line is reported; the good ones
    /// are kept.
    pub fn parse(list: &str) -> (KeepWords, Vec<BadLine>) {
        let mut words: Vec<String> = Vec::new();
        let mut joined = Vec::new();
        let mut edges = Vec::new();
        let mut bad = Vec::new();
        for (n, raw) in list.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            // A `|` at either end: a break opportunity there (see the module's documentation).
            let open = line.starts_with('|');
            let close = line.ends_with('|') && line.len() > 1;
            let inner = line.trim_start_matches('|').trim_end_matches('|');
            let parts: Vec<&str> = inner.split('|').collect();
            let problem = if line.chars().any(char::is_whitespace) {
                Some("a space inside the word")
            } else if parts.len() < 2 {
                Some("no `|` inside the word")
            } else if parts.iter().any(|p| p.is_empty()) {
                Some("an empty part")
            } else if !parts.iter().all(|p| p.chars().all(is_thai)) {
                Some("a character that is not Thai")
            } else if parts[1..].iter().any(|p| p.chars().next().is_some_and(is_combining)) {
                Some("a `|` before a vowel or tone mark that belongs to the letter before it")
            } else {
                None
            };
            if let Some(p) = problem {
                bad.push(BadLine {
                    line: n + 1,
                    message: format!(
                        "found {p} in `{line}`; expected one Thai word with `|` where a browser breaks it (`ตัว|ชี้|วัด`)"
                    ),
                });
                continue;
            }
            let word = parts.concat();
            if words.contains(&word) {
                continue;
            }
            joined.push(parts.join(&WORD_JOINER.to_string()));
            edges.push((open, close));
            words.push(word);
        }
        let finder = if words.is_empty() {
            None
        } else {
            AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&words).ok()
        };
        (KeepWords { finder, joined, edges }, bad)
    }

    /// How many words the list holds.
    pub fn len(&self) -> usize {
        self.joined.len()
    }

    /// True when the list holds no word.
    pub fn is_empty(&self) -> bool {
        self.joined.is_empty()
    }

    /// `text` (escaped for markup) with joiners inside each listed word, and `<wbr>` where the
    /// list asks for a break opportunity: markup.
    pub fn join<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let Some(finder) = &self.finder else { return Cow::Borrowed(text) };
        // Most strings hold no Thai at all (figures, codes, Latin names).
        if !text.bytes().any(|b| b == 0xE0) {
            return Cow::Borrowed(text);
        }
        let mut out: Option<String> = None;
        let mut last = 0;
        for m in finder.find_iter(text) {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
            let k = m.pattern().as_usize();
            let (open, close) = self.edges[k];
            o.push_str(&text[last..m.start()]);
            // Beside a space or punctuation the dictionary reads the runs apart anyway.
            if open && text[..m.start()].chars().next_back().is_some_and(is_thai) {
                o.push_str(BREAK);
            }
            o.push_str(&self.joined[k]);
            if close && text[m.end()..].chars().next().is_some_and(is_thai) {
                o.push_str(BREAK);
            }
            last = m.end();
        }
        match out {
            Some(mut o) => {
                o.push_str(&text[last..]);
                Cow::Owned(o)
            }
            None => Cow::Borrowed(text),
        }
    }

    /// As [`KeepWords::join`], but a listed word that opens the text is left as it is: a line
    /// can break inside the first word of a box only where the box is narrower than the word,
    /// and there a joiner would push the word out of it. For texts that open a box of their own
    /// (an indicator's wording in its table cell, which most often opens with ร้อยละ).
    pub fn join_after_opening<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let Some(finder) = &self.finder else { return Cow::Borrowed(text) };
        match finder.find(text) {
            Some(m) if m.start() == 0 => match self.join(&text[m.end()..]) {
                Cow::Borrowed(_) => Cow::Borrowed(text),
                Cow::Owned(rest) => Cow::Owned([&text[..m.end()], rest.as_str()].concat()),
            },
            _ => self.join(text),
        }
    }

    /// `html` with joiners inside the listed words of its text: not in tags (attribute values),
    /// comments, or the text of `<script>`, `<style>`, `<title>`, `<pre>`, `<code>`,
    /// `<textarea>` and `<svg>` (whose text does not wrap). With `template`, Tera's `{{ }}`, `{% %}` and `{# #}` are passed through
    /// too, so a theme's template can be given before it is compiled.
    pub fn join_markup(&self, html: &str, template: bool) -> String {
        let mut out = String::with_capacity(html.len() + html.len() / 64);
        if self.finder.is_none() {
            out.push_str(html);
            return out;
        }
        let b = html.as_bytes();
        let mut i = 0;
        let mut text_from = 0;
        let flush = |out: &mut String, from: usize, to: usize| out.push_str(&self.join(&html[from..to]));
        while i < b.len() {
            let rest = &html[i..];
            let skip_to = if template && (rest.starts_with("{{") || rest.starts_with("{%") || rest.starts_with("{#")) {
                let close = match &rest[1..2] {
                    "{" => "}}",
                    "%" => "%}",
                    _ => "#}",
                };
                Some(rest.find(close).map_or(html.len(), |k| i + k + 2))
            } else if rest.starts_with("<!--") {
                Some(rest.find("-->").map_or(html.len(), |k| i + k + 3))
            } else if b[i] == b'<' && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!')
            {
                let end = tag_end(html, i, template);
                let name: String = html[i + 1..end]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .map(|c| c.to_ascii_lowercase())
                    .collect();
                if ["script", "style", "title", "pre", "code", "textarea", "svg"].contains(&name.as_str()) {
                    Some(closing_tag(html, end, &name))
                } else {
                    Some(end)
                }
            } else {
                None
            };
            match skip_to {
                Some(to) => {
                    flush(&mut out, text_from, i);
                    out.push_str(&html[i..to]);
                    i = to;
                    text_from = to;
                }
                // On to the next place markup may start; text up to it is joined as one run.
                None => {
                    let next = if template {
                        memchr::memchr2(b'<', b'{', &b[i + 1..])
                    } else {
                        memchr::memchr(b'<', &b[i + 1..])
                    };
                    i = next.map_or(b.len(), |k| i + 1 + k);
                }
            }
        }
        flush(&mut out, text_from, html.len());
        out
    }
}

/// Where the closing tag `</name` (any case) starts, at or after `from`; the end if none.
fn closing_tag(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let at = i + k;
        let tail = &b[at + 1..];
        if tail.first() == Some(&b'/')
            && tail.len() > name.len()
            && tail[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return at;
        }
        i = at + 1;
    }
    b.len()
}

/// The end (one past `>`) of the tag that starts at `start`, skipping quoted attribute values
/// and, in a template, `{{ }}` / `{% %}` inside the tag.
fn tag_end(html: &str, start: usize, template: bool) -> usize {
    let b = html.as_bytes();
    let mut i = start + 1;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        if template && quote.is_none() && c == b'{' && matches!(b.get(i + 1), Some(b'{') | Some(b'%')) {
            let close = if b[i + 1] == b'{' { "}}" } else { "%}" };
            i = html[i..].find(close).map_or(b.len(), |k| i + k + 2);
            continue;
        }
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return i + 1,
            None => {}
        }
        i += 1;
    }
    b.len()
}

fn is_thai(c: char) -> bool {
    ('\u{0E01}'..='\u{0E5B}').contains(&c)
}

/// Vowels and marks drawn on the letter before them: a break before one is never a word's.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: char = WORD_JOINER;

    fn list() -> KeepWords {
        let (k, bad) = KeepWords::parse("# comment\n\nตัว|ชี้|วัด\nชี้|วัด\nเป้า|หมาย\nพาณิช|ยกร|รม\n|ก|ระ|ดาษ|\n");
        assert!(bad.is_empty(), "{bad:?}");
        k
    }

    #[test]
    fn joiners_go_where_the_list_marks_them_and_nowhere_else() {
        let k = list();
        assert_eq!(k.len(), 5);
        assert_eq!(k.join("ท้ายกระดาษบาง"), format!("ท้าย<wbr>ก{W}ระ{W}ดาษ<wbr>บาง"));
        assert_eq!(k.join("(กระดาษ A4)"), format!("(ก{W}ระ{W}ดาษ A4)"));
        assert_eq!(k.join("ตัวชี้วัด"), format!("ตัว{W}ชี้{W}วัด"));
        // The longer word wins where both match.
        assert_eq!(k.join("เกณฑ์ชี้วัด 3 ตัวชี้วัด"), format!("เกณฑ์ชี้{W}วัด 3 ตัว{W}ชี้{W}วัด"));
        assert_eq!(k.join("สูงกว่าค่าเป้าหมาย &amp; พาณิชยกรรม"), format!("สูงกว่าค่าเป้า{W}หมาย &amp; พาณิช{W}ยกร{W}รม"));
        assert_eq!(k.join_after_opening("ตัวชี้วัดเป้าหมาย"), format!("ตัวชี้วัดเป้า{W}หมาย"));
        assert_eq!(k.join_after_opening("ถนน ตัวชี้วัด"), format!("ถนน ตัว{W}ชี้{W}วัด"));
        assert!(matches!(k.join_after_opening("ตัวชี้วัด 1"), Cow::Borrowed(_)));
        // Text without a listed word is not copied.
        assert!(matches!(k.join("ถนนลาดยาง 80%"), Cow::Borrowed(_)));
        assert!(matches!(k.join("12.50"), Cow::Borrowed(_)));
        assert_eq!(KeepWords::none().join("ตัวชี้วัด"), "ตัวชี้วัด");
    }

    #[test]
    fn markup_text_is_joined_but_not_attributes_scripts_titles_or_code() {
        let k = list();
        let html = "<title>ตัวชี้วัด</title><a title=\"ตัวชี้วัด > 1\" href=\"x\">ตัวชี้วัด</a><!-- ตัวชี้วัด -->\
                    <script>let s = \"ตัวชี้วัด\";</script><code>ตัวชี้วัด</code><p>เป้าหมาย</p>";
        let out = k.join_markup(html, false);
        assert_eq!(
            out,
            format!(
                "<title>ตัวชี้วัด</title><a title=\"ตัวชี้วัด > 1\" href=\"x\">ตัว{W}ชี้{W}วัด</a><!-- ตัวชี้วัด -->\
                 <script>let s = \"ตัวชี้วัด\";</script><code>ตัวชี้วัด</code><p>เป้า{W}หมาย</p>"
            )
        );
        assert_eq!(
            k.join_markup("<PRE>เป้าหมาย</Pre>เป้าหมาย<svg><text>เป้าหมาย</text></svg>", false),
            format!("<PRE>เป้าหมาย</Pre>เป้า{W}หมาย<svg><text>เป้าหมาย</text></svg>")
        );
        // A lone `<` in text is text.
        assert_eq!(k.join_markup("1 < 2 เป้าหมาย", false), format!("1 < 2 เป้า{W}หมาย"));
    }

    #[test]
    fn template_tags_pass_through_untouched() {
        let k = list();
        let src = "{# ตัวชี้วัด #}<p class=\"{% if x > 1 %}a{% endif %}\" data-t=\"{{ 'ตัวชี้วัด' }}\">\
                   {{ \"เป้าหมาย\" }} ตัวชี้วัด {% set t = \"เป้าหมาย\" %}</p>";
        let out = k.join_markup(src, true);
        assert_eq!(
            out,
            format!(
                "{{# ตัวชี้วัด #}}<p class=\"{{% if x > 1 %}}a{{% endif %}}\" data-t=\"{{{{ 'ตัวชี้วัด' }}}}\">\
                 {{{{ \"เป้าหมาย\" }}}} ตัว{W}ชี้{W}วัด {{% set t = \"เป้าหมาย\" %}}</p>"
            )
        );
    }

    #[test]
    fn bad_lines_are_named_and_the_good_ones_kept() {
        let (k, bad) = KeepWords::parse("ตัวชี้วัด\nตัว|ชี้ วัด\nabc|def\nเป้า||หมาย\nเป้|้าหมาย\nร้อย|ละ\n|\n|ดาษ|\n");
        assert_eq!(k.len(), 1);
        let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, vec![1, 2, 3, 4, 5, 7, 8]);
        assert!(bad[0].message.contains("no `|`"), "{}", bad[0].message);
        assert!(bad[4].message.contains("vowel or tone mark"), "{}", bad[4].message);
    }
}
