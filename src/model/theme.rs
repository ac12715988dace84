//! Themes: the embedded default theme, overridden file by file by a site's `themes/default/`.

use std::collections::BTreeMap;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// A theme's files: Tera templates and static files copied into the site.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (path under `templates/`) to source.
    pub templates: BTreeMap<String, String>,
    /// Output path (path under `static/`) to bytes.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// `thai-words.txt`: Thai words a browser must not break inside (see
    /// [`crate::text::thai::KeepWords`]).
    pub thai_words: String,
}

/// The theme file listing Thai words kept whole at line ends.
pub const THAI_WORDS: &str = "thai-words.txt";

impl Theme {
    /// The default theme as embedded in the binary.
    pub fn embedded() -> Theme {
        let mut t = Theme::default();
        for (path, bytes) in DEFAULT_THEME {
            t.add(path, bytes.to_vec());
        }
        t
    }

    /// Adds or replaces a file given by its path inside the theme folder. Files outside
    /// `templates/` and `static/` (such as a licence or README) are not part of the output.
    pub fn add(&mut self, path: &str, bytes: Vec<u8>) {
        if let Some(name) = path.strip_prefix("templates/") {
            self.templates.insert(name.to_string(), String::from_utf8_lossy(&bytes).into_owned());
        } else if let Some(name) = path.strip_prefix("static/") {
            self.static_files.insert(name.to_string(), bytes);
        } else if path == THAI_WORDS {
            self.thai_words = String::from_utf8_lossy(&bytes).into_owned();
        }
    }
}
