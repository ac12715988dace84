//! Turning input bytes into text: BOM, else UTF-8, else windows-874 (what Thai Excel saves),
//! unless the site forces one encoding (`input_encoding` in data/site.yaml).

use encoding_rs::WINDOWS_874;

/// Which encoding a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// Windows-874 (a superset of TIS-620).
    Windows874,
}

impl Encoding {
    /// Reads the value of `input_encoding` (case and `-`/`_` insensitive; `tis-620` is windows-874).
    pub fn parse(s: &str) -> Option<Encoding> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "windows-874" | "cp874" | "tis-620" | "tis620" => Some(Encoding::Windows874),
            _ => None,
        }
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a file's bytes. A UTF-8 BOM is dropped; bytes that are not valid UTF-8 are read as
/// windows-874, which maps every byte, so nothing is lost. Takes the bytes by value so valid
/// UTF-8 (the usual case, and the large files) becomes the string without a copy.
pub fn decode(bytes: Vec<u8>) -> (String, Encoding) {
    match into_utf8(bytes) {
        Ok(s) => (s, Encoding::Utf8),
        Err((bytes, _)) => (windows_874(&bytes), Encoding::Windows874),
    }
}

/// Decodes with the encoding the site forces. Forced UTF-8 refuses invalid bytes (the error
/// gives the 1-based line and the byte offset of the first one); forced windows-874 refuses a
/// file that starts with a UTF-8 byte-order mark, which cannot be windows-874 text.
pub fn decode_as(bytes: Vec<u8>, encoding: Encoding) -> Result<String, String> {
    match encoding {
        Encoding::Utf8 => into_utf8(bytes).map_err(|(bytes, at)| {
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
            format!(
                "line {line} has bytes that are not UTF-8 (at byte {at}), but data/site.yaml sets input_encoding: utf-8; save the file as UTF-8 or set input_encoding: windows-874"
            )
        }),
        Encoding::Windows874 if bytes.starts_with(BOM) => Err("the file starts with a UTF-8 byte-order mark, but data/site.yaml sets input_encoding: windows-874; remove the setting or save the file as windows-874".into()),
        Encoding::Windows874 => Ok(windows_874(&bytes)),
    }
}

/// The bytes as a string without the BOM, in place; or the bytes back with the offset of the
/// first invalid byte.
fn into_utf8(mut bytes: Vec<u8>) -> Result<String, (Vec<u8>, usize)> {
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        (e.into_bytes(), at)
    })
}

fn windows_874(bytes: &[u8]) -> String {
    let (text, _, _) = WINDOWS_874.decode(bytes);
    text.into_owned()
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
        assert_eq!(decode("\u{feff}กข".as_bytes().to_vec()), ("กข".to_string(), Encoding::Utf8));
        // "กข" in windows-874 is 0xA1 0xA2.
        assert_eq!(decode(vec![0xA1, 0xA2, b',', b'1']), ("กข,1".to_string(), Encoding::Windows874));
        // A BOM followed by windows-874 bytes: the BOM is not text, the rest is windows-874.
        assert_eq!(decode(vec![0xEF, 0xBB, 0xBF, 0xA1]).1, Encoding::Windows874);
    }

    #[test]
    fn forced_encodings() {
        // Bytes that happen to be valid UTF-8 are still read as windows-874 when forced:
        // 0xE0 0xB8 0x81 is "ก" in UTF-8 and three Thai letters in windows-874.
        let bytes = "ก".as_bytes().to_vec();
        assert_eq!(decode_as(bytes.clone(), Encoding::Utf8).unwrap(), "ก");
        assert_eq!(decode_as(bytes, Encoding::Windows874).unwrap().chars().count(), 3);
        let e = decode_as(b"a\nb\n\xA1".to_vec(), Encoding::Utf8).unwrap_err();
        assert!(e.starts_with("line 3 has bytes that are not UTF-8 (at byte 4)"), "{e}");
        assert!(decode_as(b"\xEF\xBB\xBFa".to_vec(), Encoding::Windows874).is_err());
        assert_eq!(Encoding::parse(" Windows_874"), Some(Encoding::Windows874));
        assert_eq!(Encoding::parse("TIS-620"), Some(Encoding::Windows874));
        assert_eq!(Encoding::parse("UTF-8"), Some(Encoding::Utf8));
        assert_eq!(Encoding::parse("latin1"), None);
    }

    #[test]
    fn lines() {
        let t = "a\r\nbc\nd";
        assert_eq!(line_at(t, 2), Some("bc"));
        assert_eq!(line_at(t, 0), None);
        assert_eq!(line_from(t, 3), "bc");
    }
}
