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
    /// UTF-16 with a byte-order mark (Excel's "Unicode Text"); only detected, never forced.
    Utf16,
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
    // A UTF-16 byte-order mark: read as such (as windows-874 it would be every other byte NUL).
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(&bytes).filter(|(e, _)| *e != encoding_rs::UTF_8) {
        let (text, _, _) = enc.decode(&bytes);
        return (text.into_owned(), Encoding::Utf16);
    }
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
        Encoding::Utf16 => Ok(decode(bytes).0),
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

/// True for a character no input should carry into a page or a CSV: C0 controls other than tab,
/// line feed and carriage return, DEL, and the C1 controls.
fn is_stray_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Replaces stray control characters (see [`is_stray_control`]) with U+FFFD, so that none
/// reaches HTML, CSV or a terminal raw. Returns the line (from 1) and the character of the first
/// one and how many there were, for one warning per file; `None` leaves `text` untouched.
pub fn scrub_controls(text: &mut String) -> Option<(usize, char, usize)> {
    // A byte scan first: a national results file is tens of megabytes and almost always clean.
    let b = text.as_bytes();
    let suspect = b.iter().enumerate().any(|(i, &x)| {
        (x < 0x20 && !matches!(x, b'\t' | b'\n' | b'\r'))
            || x == 0x7f
            || (x == 0xc2 && b.get(i + 1).is_some_and(|&y| (0x80..=0x9f).contains(&y)))
    });
    if !suspect {
        return None;
    }
    let mut first = None;
    let mut count = 0;
    let mut line = 1;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if is_stray_control(c) {
            count += 1;
            first.get_or_insert((line, c));
            out.push('\u{fffd}');
        } else {
            out.push(c);
        }
    }
    *text = out;
    first.map(|(line, c)| (line, c, count))
}

/// The warning for [`scrub_controls`]'s finding, with the character named, never printed raw.
pub fn controls_message(c: char, count: usize) -> String {
    let more = if count > 1 { format!(" and {} more in this file", count - 1) } else { String::new() };
    format!(
        "control character U+{:04X} found{more}; expected text only: each was replaced by U+FFFD (the replacement character) in the output",
        c as u32
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn utf16_with_a_bom_is_read_as_utf16() {
        let text = "code,name\n1,กระบี่\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(le), (text.to_string(), Encoding::Utf16));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be).0, text);
    }

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

    #[test]
    fn stray_controls_become_replacement_characters() {
        let mut t = "a,b\r\nอบต.\u{1b}[31mแดง\u{0},x\n\tok\u{85}\n".to_string();
        let found = scrub_controls(&mut t);
        assert_eq!(found, Some((2, '\u{1b}', 3)));
        assert_eq!(t, "a,b\r\nอบต.\u{fffd}[31mแดง\u{fffd},x\n\tok\u{fffd}\n");
        let mut clean = "ร้อยละ\t1.1\r\n".to_string();
        assert_eq!(scrub_controls(&mut clean), None);
        assert!(controls_message('\u{1b}', 3).contains("U+001B found and 2 more"));
    }
}
