//! Turning input bytes into text: BOM, else UTF-8, else windows-874 (what Thai Excel saves).

use encoding_rs::WINDOWS_874;

/// Which encoding a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// Windows-874 (a superset of TIS-620).
    Windows874,
}

/// Decodes a file's bytes. A UTF-8 BOM is dropped; bytes that are not valid UTF-8 are read as
/// windows-874, which maps every byte, so nothing is lost.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => (s.to_string(), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = WINDOWS_874.decode(body);
            (text.into_owned(), Encoding::Windows874)
        }
    }
}

/// The text of line `line` (1-based) of `text`, without its line ending.
pub fn line_at(text: &str, line: usize) -> Option<&str> {
    text.split('\n').nth(line.checked_sub(1)?).map(|l| l.trim_end_matches('\r'))
}

/// The text of the line that starts at byte `offset`.
pub fn line_from(text: &str, offset: usize) -> &str {
    let rest = text.get(offset..).unwrap_or("");
    rest.split('\n').next().unwrap_or("").trim_end_matches('\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_utf8_and_windows_874() {
        assert_eq!(decode("\u{feff}กข".as_bytes()), ("กข".to_string(), Encoding::Utf8));
        // "กข" in windows-874 is 0xA1 0xA2.
        assert_eq!(decode(&[0xA1, 0xA2, b',', b'1']), ("กข,1".to_string(), Encoding::Windows874));
    }

    #[test]
    fn lines() {
        let t = "a\r\nbc\nd";
        assert_eq!(line_at(t, 2), Some("bc"));
        assert_eq!(line_at(t, 0), None);
        assert_eq!(line_from(t, 3), "bc");
    }
}
