//! Escaping text for markup: one implementation for HTML, SVG and XML, wherever code (rather
//! than a Tera template, which escapes by itself) writes markup.

/// Appends `s` escaped for HTML, SVG or XML text and quoted attribute values. Text without
/// markup characters (nearly all of it) is copied as is.
pub fn markup_into(out: &mut String, s: &str) {
    if !s.bytes().any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')) {
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

/// `s` escaped for HTML, SVG or XML text and quoted attribute values.
pub fn markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    markup_into(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(super::markup(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(super::markup("คลองท่อมใต้"), "คลองท่อมใต้");
    }
}
