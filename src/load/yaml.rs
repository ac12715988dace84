//! YAML reading with located errors.

use serde::de::DeserializeOwned;
use serde_saphyr::Location;

use crate::diag::{Diagnostics, Span};
use crate::text::encoding::line_at;

/// A span at a YAML location, with the source line for the caret.
pub fn span_at(file: &str, text: &str, loc: &Location) -> Span {
    let line = loc.line() as usize;
    let col = loc.column() as usize;
    let mut span = Span::at(file, line, Some(col.max(1)));
    if let Some(src) = line_at(text, line) {
        let width = loc.span().len().max(1) as usize;
        span = span.source(src, width.min(src.chars().count().saturating_sub(col.saturating_sub(1)).max(1)));
    }
    span
}

/// Parses `text` into `T`; a syntax or shape error becomes one located diagnostic.
pub fn parse<T: DeserializeOwned>(text: &str, file: &str, diags: &mut Diagnostics) -> Option<T> {
    match serde_saphyr::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let plain = e.without_snippet().to_string();
            // The crate prefixes "line N column M: "; the span already says where.
            let msg = match plain.split_once(": ") {
                Some((head, rest)) if head.starts_with("line ") => rest.to_string(),
                _ => plain,
            };
            let span = match e.location() {
                Some(loc) => span_at(file, text, &loc),
                None => Span::file(file),
            };
            diags.error(span, format!("this YAML cannot be read: {}", friendly(&msg)));
            None
        }
    }
}

/// Rewrites serde's wording for shapes the user wrote wrong into what was expected.
fn friendly(msg: &str) -> String {
    // serde repeats the place in its own words; the span already says where.
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    if msg.contains("untagged enum RawTarget") {
        return "a target must be a number (e.g. 80) or a map from LAO type to number (e.g. {default: 80, pao: 70})"
            .into();
    }
    msg.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_wording_becomes_what_was_expected() {
        assert_eq!(
            friendly("data did not match any variant of untagged enum RawTarget at line 12, column 13"),
            "a target must be a number (e.g. 80) or a map from LAO type to number (e.g. {default: 80, pao: 70})"
        );
        assert_eq!(friendly("invalid u32"), "invalid u32");
    }
}
