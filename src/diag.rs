//! Diagnostics: every problem found in the input, with the place it was found.
//!
//! Stages never stop at the first problem: they push into a [`Diagnostics`] list and go on,
//! so one build reports everything it can find. Messages render like rustc's, with the source
//! line and a caret under the field; columns are counted in characters so Thai lines point right.

use std::fmt::{self, Write as _};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something odd that does not stop the build (for example, a verdict in the input that
    /// disagrees with the computed one).
    Warning,
    /// The input cannot be published as it is; the build writes nothing.
    Error,
}

/// Where in an input file a problem is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Span {
    /// Path of the file as the user knows it (relative to the site root where possible).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column in characters, when known.
    pub column: Option<usize>,
    /// Width of the marked text in characters (at least 1 when shown).
    pub width: usize,
    /// The field (CSV column or YAML key) the problem is in.
    pub field: Option<String>,
    /// The text of the line, to show under the location.
    pub source_line: Option<String>,
}

impl Span {
    /// A span covering a whole file.
    pub fn file(file: impl Into<String>) -> Self {
        Span { file: file.into(), ..Span::default() }
    }

    /// A span at a line (and optionally column) of a file.
    pub fn at(file: impl Into<String>, line: usize, column: Option<usize>) -> Self {
        Span { file: file.into(), line: Some(line), column, width: 1, ..Span::default() }
    }

    /// Names the field the problem is in.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Attaches the source line and the marked width.
    pub fn source(mut self, line: impl Into<String>, width: usize) -> Self {
        self.source_line = Some(line.into());
        self.width = width.max(1);
        self
    }
}

/// One problem in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, with what was found and what was expected.
    pub message: String,
    /// Where it is.
    pub span: Span,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Terminal colours, as rustc uses them: the label in red or yellow, the gutter in blue.
struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }
}

/// Display width on a terminal: Thai vowel and tone marks above and below a consonant take
/// no column, so counting characters would put the caret too far right.
fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

impl Diagnostic {
    /// The diagnostic as shown to the user, like rustc's: `error: ...`, `--> file:line:col`, the
    /// line and a caret under the field. `color` adds terminal colours (only for a terminal).
    /// The column in `file:line:col` counts characters; the caret is placed by display width.
    pub fn render(&self, color: bool) -> String {
        let paint = Paint { on: color };
        let (label, code) = match self.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let mut out = String::new();
        let _ =
            writeln!(out, "{}{}", paint.wrap(code, label), paint.wrap("1", &format!(": {}", visible(&self.message))));
        let s = &self.span;
        let mut place = visible(&s.file).into_owned();
        if let Some(line) = s.line {
            let _ = write!(place, ":{line}");
            if let Some(col) = s.column {
                let _ = write!(place, ":{col}");
            }
        }
        let gutter = s.line.map(|l| l.to_string().len()).unwrap_or(1);
        let pad = " ".repeat(gutter);
        let arrow = paint.wrap("1;34", "-->");
        match &s.field {
            Some(field) => _ = writeln!(out, "{pad}{arrow} {place} (field `{}`)", visible(field)),
            None => _ = writeln!(out, "{pad}{arrow} {place}"),
        }
        if let (Some(line), Some(text)) = (s.line, &s.source_line) {
            // A very long line (a hostile or minified file) is shown as a window around the
            // column, so one message cannot flood the terminal.
            const WINDOW: usize = 160;
            let text = visible(text.trim_end_matches(['\r', '\n']));
            let chars: Vec<char> = text.chars().collect();
            let col = s.column.unwrap_or(1).max(1);
            let start = if chars.len() > WINDOW { (col - 1).saturating_sub(40).min(chars.len() - WINDOW) } else { 0 };
            let end = (start + WINDOW).min(chars.len());
            let lead_mark = if start > 0 { "…" } else { "" };
            let mut shown: String = lead_mark.to_string();
            shown.extend(&chars[start..end]);
            if end < chars.len() {
                shown.push('…');
            }
            let bar = paint.wrap("1;34", "|");
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(out, "{} {bar} {shown}", paint.wrap("1;34", &line.to_string()));
            if let Some(col) = s.column {
                // The caret is placed by display width: Thai vowel and tone marks take no column.
                let skip = col.saturating_sub(1).max(start);
                let before: String = lead_mark.chars().chain(chars[start..skip.min(end)].iter().copied()).collect();
                let marked: String = chars[skip.min(end)..end].iter().take(s.width.max(1)).collect();
                let lead = " ".repeat(display_width(&before));
                let carets = "^".repeat(display_width(&marked).max(1));
                let _ = writeln!(out, "{pad} {bar} {lead}{}", paint.wrap(code, &carets));
            }
        }
        out
    }
}

/// How many diagnostics of one shape (same file, severity and message but for quoted values
/// and numbers) are kept; the rest are counted and summed up in one line, so a file with two
/// million repeated rows gives a readable report instead of hundreds of megabytes.
pub const KEPT_PER_SHAPE: usize = 20;

/// The problems collected during one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Per shape: how many were recorded, and how many of those were not kept.
    shapes: std::collections::HashMap<(Severity, String, String), (usize, usize)>,
}

/// A message's shape: backquoted values and numbers taken out.
fn shape(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    let mut last_digit = false;
    for c in message.chars() {
        if c == '`' {
            if !quoted {
                out.push_str("`…`");
            }
            quoted = !quoted;
            continue;
        }
        if quoted {
            continue;
        }
        if c.is_ascii_digit() {
            if !last_digit {
                out.push('#');
            }
            last_digit = true;
            continue;
        }
        last_digit = false;
        out.push(c);
    }
    out
}

/// Control characters (but tab) written as `\u{..}`, so that text from a file cannot move the
/// cursor, change colours or ring the bell when a message is printed.
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| {
        c.is_control() && c != '\t'
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
    }) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && c != '\t'
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
        {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    fn push(&mut self, d: Diagnostic) {
        let key = (d.severity, d.span.file.clone(), shape(&d.message));
        let seen = self.shapes.entry(key).or_default();
        seen.0 += 1;
        if seen.0 > KEPT_PER_SHAPE {
            seen.1 += 1;
        } else {
            self.items.push(d);
        }
    }

    /// Records an error.
    pub fn error(&mut self, span: Span, message: impl Into<String>) {
        self.push(Diagnostic { severity: Severity::Error, message: message.into(), span });
    }

    /// Records a warning.
    pub fn warning(&mut self, span: Span, message: impl Into<String>) {
        self.push(Diagnostic { severity: Severity::Warning, message: message.into(), span });
    }

    /// Moves every diagnostic of `other` into this list (the ones it only counted stay counted).
    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.items {
            self.push(d);
        }
        for (key, (_, hidden)) in other.shapes {
            if hidden > 0 {
                let seen = self.shapes.entry(key).or_default();
                seen.0 += hidden;
                seen.1 += hidden;
            }
        }
    }

    /// How many of a severity were recorded but not kept.
    fn hidden(&self, severity: Severity) -> usize {
        self.shapes.iter().filter(|((s, _, _), _)| *s == severity).map(|(_, (_, h))| h).sum()
    }

    /// True when at least one error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors (those summed up in a "more like this" line included).
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count() + self.hidden(Severity::Error)
    }

    /// Number of warnings (those summed up included).
    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Warning).count() + self.hidden(Severity::Warning)
    }

    /// All diagnostics, in a stable order: by file, line, column, then as recorded; after them,
    /// one line for each shape of which more than [`KEPT_PER_SHAPE`] were recorded.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut v: Vec<Diagnostic> = self.items.clone();
        v.sort_by(|a, b| (&a.span.file, a.span.line, a.span.column).cmp(&(&b.span.file, b.span.line, b.span.column)));
        v.extend(self.more_like_these());
        v
    }

    /// One diagnostic for each shape of which some were not kept: how many more, and like what.
    fn more_like_these(&self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .shapes
            .iter()
            .filter(|(_, (_, hidden))| *hidden > 0)
            .map(|((severity, file, shape), (total, hidden))| Diagnostic {
                severity: *severity,
                message: format!("{hidden} more like the {KEPT_PER_SHAPE} above ({total} in all): {shape}"),
                span: Span::file(file.clone()),
            })
            .collect();
        out.sort_by(|a, b| (&a.span.file, &a.message).cmp(&(&b.span.file, &b.message)));
        out
    }

    /// The diagnostics as recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Number of diagnostics.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The closing line: how many errors and warnings.
    pub fn summary(&self) -> String {
        let (e, w) = (self.error_count(), self.warning_count());
        let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
        format!("{}, {}", plural(e, "error"), plural(w, "warning"))
    }
}

/// Column (1-based, in characters) and width of field `index` in one CSV line, counting
/// commas outside quotes. Used to put the caret under the right field.
pub fn csv_field_columns(line: &str, index: usize) -> Option<(usize, usize)> {
    let mut field = 0;
    let mut in_quotes = false;
    let mut start = 1;
    let mut col = 1;
    for ch in line.trim_end_matches(['\r', '\n']).chars() {
        match ch {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => {
                if field == index {
                    return Some((start, (col - start).max(1)));
                }
                field += 1;
                start = col + 1;
            }
            _ => {}
        }
        col += 1;
    }
    (field == index).then(|| (start, (col - start).max(1)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_flood_of_one_shape_is_kept_short_and_counted_whole() {
        let mut d = Diagnostics::new();
        for i in 0..10_000 {
            d.error(
                Span::at("r.csv", i + 2, None),
                format!("LAO `{i}` already has a row for indicator 1.1 on line {}", i + 1),
            );
        }
        d.error(Span::at("r.csv", 1, None), "another kind");
        let mut other = Diagnostics::new();
        for i in 0..30 {
            other
                .error(Span::at("r.csv", i, None), format!("LAO `x{i}` already has a row for indicator 1.1 on line 1"));
        }
        d.extend(other);
        assert_eq!(d.error_count(), 10_031);
        let shown = d.sorted();
        assert_eq!(shown.len(), KEPT_PER_SHAPE + 1 + 1);
        let last = shown.last().unwrap().to_string();
        assert!(last.contains("10010 more like the 20 above (10030 in all)"), "{last}");
        assert!(d.summary().starts_with("10031 errors"));
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let mut d = Diagnostics::new();
        d.error(Span::at("a\x1b[2Jb.csv", 1, Some(1)).source("x\x1b]0;pwned\x07y", 1), "`\x1b[31mred\u{200b}`");
        let text = d.sorted()[0].render(false);
        assert!(!text.contains('\x1b') && !text.contains('\x07') && !text.contains('\u{200b}'), "{text:?}");
        assert!(text.contains("\\u{1b}[31mred\\u{200b}") && text.contains("a\\u{1b}[2Jb.csv"), "{text}");
    }

    use super::*;

    #[test]
    fn csv_columns_count_characters_and_skip_quoted_commas() {
        let line = "5810401,\"ก,ข\",กระบี่,x";
        assert_eq!(csv_field_columns(line, 0), Some((1, 7)));
        assert_eq!(csv_field_columns(line, 1), Some((9, 5)));
        assert_eq!(csv_field_columns(line, 2), Some((15, 6)));
        assert_eq!(csv_field_columns(line, 3), Some((22, 1)));
        assert_eq!(csv_field_columns(line, 4), None);
    }

    #[test]
    fn renders_like_rustc_with_caret_under_thai_field() {
        let d = Diagnostic {
            severity: Severity::Error,
            message: "bad".into(),
            span: Span::at("data/laos.csv", 12, Some(3)).field("type").source("กขค,x", 2),
        };
        let text = d.to_string();
        assert!(text.starts_with("error: bad\n"));
        assert!(text.contains("--> data/laos.csv:12:3 (field `type`)"));
        assert!(text.contains("12 | กขค,x\n   |   ^^\n"), "{text}");
    }

    #[test]
    fn very_long_lines_are_shown_as_a_window_around_the_column() {
        let long = format!("{}X{}", "a".repeat(5000), "b".repeat(5000));
        let d = Diagnostic {
            severity: Severity::Error,
            message: "bad".into(),
            span: Span::at("f", 1, Some(5001)).source(long, 3),
        };
        let text = d.to_string();
        assert!(text.len() < 600, "{} bytes", text.len());
        let lines: Vec<&str> = text.lines().collect();
        let src = lines.iter().find(|l| l.starts_with("1 | ")).unwrap();
        let caret = lines.last().unwrap();
        // The caret sits under the X.
        let x = src.chars().position(|c| c == 'X').unwrap();
        assert_eq!(caret.chars().position(|c| c == '^'), Some(x), "{text}");
    }

    #[test]
    fn caret_lines_up_after_thai_tone_marks() {
        // คลองท่อมใต้ is 11 characters but 9 terminal columns (่ and ้ sit above a consonant).
        let line = "5810401,คลองท่อมใต้,abc";
        let (col, width) = csv_field_columns(line, 2).unwrap();
        assert_eq!((col, width), (21, 3), "the reported column counts characters");
        let d = Diagnostic {
            severity: Severity::Warning,
            message: "odd".into(),
            span: Span::at("data/laos.csv", 3, Some(col)).source(line, width),
        };
        let text = d.to_string();
        let caret = text.lines().last().unwrap();
        assert_eq!(caret, format!("  | {}^^^", " ".repeat(18)), "{text}");
        // The Thai field itself: 11 characters, 9 carets.
        let (col, width) = csv_field_columns(line, 1).unwrap();
        let d = Diagnostic { span: Span::at("f", 3, Some(col)).source(line, width), ..d };
        assert_eq!(d.to_string().lines().last().unwrap(), format!("  | {}{}", " ".repeat(8), "^".repeat(9)));
    }

    #[test]
    fn colour_only_when_asked() {
        let d = Diagnostic { severity: Severity::Error, message: "bad".into(), span: Span::at("f", 1, Some(1)) };
        assert!(!d.render(false).contains('\x1b'));
        assert!(d.render(true).starts_with("\x1b[1;31merror\x1b[0m"));
    }
}
