//! QR codes as small SVG files: one path of dark runs, error correction Q, a 4-module quiet zone.
//!
//! `qrcodegen` builds the symbol and picks its mask by the four penalty rules of ISO/IEC 18004
//! (runs, 2×2 blocks, finder lookalikes, dark balance) over all eight masks. The text is split
//! here into numeric, alphanumeric and byte segments by the fewest bits: for LAO addresses that
//! keeps about half the codes one version (4 modules) smaller than bytes alone would, so the
//! modules print larger at the same size.

use std::fmt::Write as _;

use qrcodegen::{DataTooLong, QrCode, QrCodeEcc, QrSegment, Version};

/// Quiet zone around the symbol, in modules (ISO/IEC 18004 asks for 4).
pub const QUIET_ZONE: usize = 4;

/// Error correction level: Q survives about 25 % damage, which suits paper on a notice board.
pub const EC_LEVEL: QrCodeEcc = QrCodeEcc::Quartile;

/// Escapes text for XML content and attributes.
/// A segment's encoding mode (Kanji is left out: the addresses are ASCII or UTF-8 bytes).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Mode {
    Numeric,
    Alphanumeric,
    Byte,
}

impl Mode {
    /// Whether a byte can be written in this mode.
    fn holds(self, b: u8) -> bool {
        match self {
            Mode::Numeric => b.is_ascii_digit(),
            Mode::Alphanumeric => b.is_ascii_digit() || b.is_ascii_uppercase() || b" $%*+-./:".contains(&b),
            Mode::Byte => true,
        }
    }

    /// Bits of a segment of `n` characters (mode indicator, count and data) in versions of
    /// character-count class `class` (0: versions 1–9, 1: 10–26, 2: 27–40).
    fn bits(self, n: usize, class: usize) -> usize {
        let (count, data) = match self {
            Mode::Numeric => ([10, 12, 14][class], n / 3 * 10 + [0, 4, 7][n % 3]),
            Mode::Alphanumeric => ([9, 11, 13][class], n / 2 * 11 + n % 2 * 6),
            Mode::Byte => ([8, 16, 16][class], n * 8),
        };
        4 + count + data
    }
}

/// The segments of `text` with the fewest bits in versions of character-count class `class`.
fn segments(text: &str, class: usize) -> Vec<QrSegment> {
    let b = text.as_bytes();
    // best[i]: the fewest bits for the first i bytes, and where and in which mode the last
    // segment of that split starts. A byte segment fits anything, so every prefix has one.
    let mut best = vec![(usize::MAX, 0, Mode::Byte); b.len() + 1];
    best[0].0 = 0;
    for end in 1..=b.len() {
        for mode in [Mode::Numeric, Mode::Alphanumeric, Mode::Byte] {
            let mut start = end;
            while start > 0 && mode.holds(b[start - 1]) {
                start -= 1;
                let bits = best[start].0 + mode.bits(end - start, class);
                if bits < best[end].0 {
                    best[end] = (bits, start, mode);
                }
            }
        }
    }
    let mut segs = Vec::new();
    let mut end = b.len();
    while end > 0 {
        let (_, start, mode) = best[end];
        // Numeric and alphanumeric runs are ASCII, so their ends are char boundaries.
        segs.push(match mode {
            Mode::Numeric => QrSegment::make_numeric(&text[start..end]),
            Mode::Alphanumeric => QrSegment::make_alphanumeric(&text[start..end]),
            Mode::Byte => QrSegment::make_bytes(&b[start..end]),
        });
        end = start;
    }
    segs.reverse();
    segs
}

/// The smallest QR code of `text` at [`EC_LEVEL`], its mask chosen by the standard's penalty.
fn encode(text: &str) -> Result<QrCode, DataTooLong> {
    let mut last = None;
    for (class, (lo, hi)) in [(1, 9), (10, 26), (27, 40)].into_iter().enumerate() {
        // The level stays Q even where the version has room for H: scanners and tests expect Q.
        match QrCode::encode_segments_advanced(
            &segments(text, class),
            EC_LEVEL,
            Version::new(lo),
            Version::new(hi),
            None,
            false,
        ) {
            Ok(code) => return Ok(code),
            Err(e) => last = Some(e),
        }
    }
    Err(last.expect("three classes were tried"))
}

/// The QR code of `text` as a standalone SVG document, sized by its viewBox (one unit per
/// module), so CSS or the `<img>` size decides how large it prints. Each row's dark modules
/// are merged into runs drawn as strokes.
pub fn svg(text: &str) -> Result<String, String> {
    let code = encode(text).map_err(|e| format!("cannot make a QR code of `{text}`: {e}"))?;
    let w = code.size();
    Ok(svg_document(text, w as usize, |x, y| code.get_module(x as i32, y as i32)))
}

/// The SVG document for a `w`-module code whose dark modules `dark` tells, titled with `text`:
/// each row's dark runs as one path, plus the quiet zone. Public so that the encoder benchmark
/// (`examples/qr_bench.rs`) writes exactly what prakat writes.
pub fn svg_document(text: &str, w: usize, dark: impl Fn(usize, usize) -> bool) -> String {
    let size = w + 2 * QUIET_ZONE;
    let mut s = String::with_capacity(size * size * 2 + 300);
    // Runs go straight into the document, without a `format!` (an allocation) each.
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" role=\"img\"><title>"
    );
    crate::text::escape::markup_into(&mut s, text);
    // Each dark run is a stroke one module thick along the row's middle: the row's first run
    // moves there absolutely, the others relatively from the end of the one before ("m2 0h3"),
    // which is about half the bytes of drawing each run as a closed rectangle.
    let _ = write!(
        s,
        "</title><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path stroke=\"#000\" stroke-width=\"1\" d=\""
    );
    for y in 0..w {
        let mut x = 0;
        let mut end: Option<usize> = None;
        while x < w {
            if dark(x, y) {
                let start = x;
                while x < w && dark(x, y) {
                    x += 1;
                }
                let n = x - start;
                match end {
                    None => _ = write!(s, "M{} {}.5h{n}", start + QUIET_ZONE, y + QUIET_ZONE),
                    Some(e) => _ = write!(s, "m{} 0h{n}", start - e),
                }
                end = Some(x);
            } else {
                x += 1;
            }
        }
    }
    s.push_str("\"/></svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcodegen::QrSegmentMode;

    #[test]
    fn svg_has_quiet_zone_and_escaped_title() {
        let s = svg("https://example.go.th/a?b=1&c=2").unwrap();
        assert!(s.contains("<title>https://example.go.th/a?b=1&amp;c=2</title>"));
        // Version 3 at level Q holds this address: 29 modules + 2 × 4 quiet.
        assert!(s.contains("viewBox=\"0 0 37 37\""), "{}", &s[..300]);
        // The top-left finder pattern starts right after the quiet zone.
        assert!(s.contains("d=\"M4 4.5h7m"), "{}", &s[..300]);
        assert!(s.ends_with("\"/></svg>\n"));
    }

    #[test]
    fn digits_and_capitals_take_the_shorter_modes() {
        let modes = |t: &str| segments(t, 0).iter().map(QrSegment::mode).collect::<Vec<_>>();
        use QrSegmentMode::{Alphanumeric, Byte, Numeric};
        // The tail "/6401234/2567/" is alphanumeric: 90 bits against 112 as bytes.
        assert_eq!(modes("https://example.go.th/results/lao/6401234/2567/"), [Byte, Alphanumeric]);
        // Seven digits between bytes pay for the two extra headers; two do not.
        assert_eq!(modes("a1234567b"), [Byte, Numeric, Byte]);
        assert_eq!(modes("a12b"), [Byte]);
        assert_eq!(modes("2567"), [Numeric]);
        assert_eq!(modes("ผล 2567"), [Byte, Numeric]);
        assert!(modes("").is_empty());
        // 47 bytes need version 5 as bytes alone; split, the address fits version 4 (33 modules).
        let s = svg("https://example.go.th/results/lao/6401234/2567/").unwrap();
        assert!(s.contains("viewBox=\"0 0 41 41\""), "{}", &s[..200]);
    }

    #[test]
    fn long_text_moves_to_the_larger_count_fields() {
        // 400 bytes need a version past 9, where the byte count field is 16 bits.
        let text = "x".repeat(400);
        assert!(encode(&text).unwrap().version().value() > 9);
        assert!(svg(&"x".repeat(3000)).unwrap_err().starts_with("cannot make a QR code of `xxx"));
    }
}
