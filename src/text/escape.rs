//! Escaping text for markup: one implementation for HTML, SVG and XML, wherever code (rather
//! than a Tera template, which escapes by itself) writes markup.

/// Appends `s` escaped for HTML, SVG or XML text and quoted attribute values. Text without
/// markup characters (nearly all of it) is copied as is.
pub fn markup_into(out: &mut String, s: &str) {
    if !needs_escape(s) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Whether `s` holds a character [`markup_into`] replaces. Long text (Thai wording, titles) is
/// searched with memchr's vector search; a short one byte by byte, which is quicker there.
pub(crate) fn needs_escape(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 32 {
        return b.iter().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''));
    }
    memchr::memchr3(b'&', b'<', b'>', b).is_some() || memchr::memchr2(b'"', b'\'', b).is_some()
}

/// `s` escaped for HTML, SVG or XML text and quoted attribute values.
pub fn markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    markup_into(&mut out, s);
    out
}

/// Replaces the character references a template engine writes (named basics and numeric).
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => ent
                    .strip_prefix("#x")
                    .or_else(|| ent.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A text field for a CSV that spreadsheets open: a field starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be run as a formula by Excel or LibreOffice, so it gets a
/// leading `'`, which they show as text (OWASP's advice for CSV injection). Numbers are written
/// by their own code and never pass here; a lone `-` (no figure, no verdict) is no formula.
pub fn csv_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s != "-" && starts_like_formula(s) {
        std::borrow::Cow::Owned(["'", s].concat())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// True when a spreadsheet would read `s` as a formula: it starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return. The registry refuses such names; [`csv_text`] neutralises other texts.
pub fn starts_like_formula(s: &str) -> bool {
    matches!(s.as_bytes().first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// Decodes `%XX` escapes. None for a malformed escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(super::markup(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(super::markup("คลองท่อมใต้"), "คลองท่อมใต้");
        // Long text takes the vector search: every character is still found, wherever it is.
        let long = "ร้อยละของจำนวนถนนลาดยางที่ได้รับการซ่อมบำรุง ".repeat(3);
        for c in ['&', '<', '>', '"', '\''] {
            for at in [0, long.char_indices().nth(40).map_or(0, |(i, _)| i), long.len()] {
                let mut s = long.clone();
                s.insert(at, c);
                assert_eq!(super::markup(&s).len(), s.len() + super::markup(&c.to_string()).len() - 1, "{c} at {at}");
            }
        }
        assert_eq!(super::markup(&long), long);
    }

    #[test]
    fn csv_text_neutralises_formulas_only() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("-1+1"), "'-1+1");
        assert_eq!(csv_text("-"), "-");
        assert_eq!(csv_text("ร้อยละของถนน"), "ร้อยละของถนน");
        assert!(matches!(csv_text("1.1"), std::borrow::Cow::Borrowed(_)));
    }
}
