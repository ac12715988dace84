//! QR codes as small SVG files: one path of dark runs, error correction Q, a 4-module quiet zone.

use qrcode::{Color, EcLevel, QrCode};

/// Quiet zone around the symbol, in modules (ISO/IEC 18004 asks for 4).
pub const QUIET_ZONE: usize = 4;

/// Error correction level: Q survives about 25 % damage, which suits paper on a notice board.
pub const EC_LEVEL: EcLevel = EcLevel::Q;

/// Escapes text for XML content and attributes.
fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The QR code of `text` as a standalone SVG document, sized by its viewBox (one unit per
/// module), so CSS or the `<img>` size decides how large it prints. Each row's dark modules
/// are merged into runs, which keeps a typical page-address code near 2 KB.
pub fn svg(text: &str) -> Result<String, String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EC_LEVEL)
        .map_err(|e| format!("cannot make a QR code of `{text}`: {e}"))?;
    let w = code.width();
    let size = w + 2 * QUIET_ZONE;
    let mut d = String::with_capacity(w * w / 2);
    for y in 0..w {
        let mut x = 0;
        while x < w {
            if code[(x, y)] == Color::Dark {
                let start = x;
                while x < w && code[(x, y)] == Color::Dark {
                    x += 1;
                }
                d.push_str(&format!("M{} {}h{}v1h-{}z", start + QUIET_ZONE, y + QUIET_ZONE, x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" role=\"img\"><title>QR code: {}</title><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{d}\"/></svg>\n",
        xml_escape(text)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_has_quiet_zone_and_escaped_title() {
        let s = svg("https://example.go.th/a?b=1&c=2").unwrap();
        assert!(s.contains("<title>QR code: https://example.go.th/a?b=1&amp;c=2</title>"));
        // Version 3 at level Q holds this address: 29 modules + 2 × 4 quiet.
        let code = QrCode::with_error_correction_level(b"https://example.go.th/a?b=1&c=2", EC_LEVEL).unwrap();
        let size = code.width() + 8;
        assert!(s.contains(&format!("viewBox=\"0 0 {size} {size}\"")));
        // The top-left finder pattern starts right after the quiet zone.
        assert!(s.contains("d=\"M4 4h7v1h-7z"), "{}", &s[..300]);
    }
}
