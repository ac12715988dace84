//! Share images (og:image): a 1200×630 PNG per LAO page and one for the site, drawn as SVG and
//! rasterised at build time by resvg (pure Rust) with the bundled Sarabun font (OFL, fonts/).
//! The site's image needs the `share-image-site` cargo feature; per-LAO images `share-images`.
//!
//! Rendering costs tens of milliseconds per image, so images are reused: each PNG carries, in
//! a `tEXt` chunk, a fingerprint of the SVG it was drawn from (and of this renderer), and an
//! image in the previous build's output with the same fingerprint is copied instead of drawn.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use crate::derive::Counts;
use crate::model::Site;

/// Width and height of a share image, as share previews expect.
pub const WIDTH: u32 = 1200;
/// See [`WIDTH`].
pub const HEIGHT: u32 = 630;

const FONT_REGULAR: &[u8] = include_bytes!("../../fonts/Sarabun-Regular.ttf");
const FONT_BOLD: &[u8] = include_bytes!("../../fonts/Sarabun-Bold.ttf");
/// Changes whenever the drawing code changes, so old images are not reused by mistake.
const RENDERER_VERSION: &str = "share-image 1";
const FINGERPRINT_KEY: &str = "prakat-fingerprint";

/// Reads a file of the previous build's output by its site path; the pipeline supplies it, so
/// that rendering itself does no I/O.
pub type PreviousOutput = Box<dyn Fn(&str) -> Option<Vec<u8>> + Send + Sync>;

/// The fonts and the previous output, shared by every image of a build.
pub struct ShareImages {
    options: usvg::Options<'static>,
    previous: Option<PreviousOutput>,
}

impl ShareImages {
    /// Loads the bundled fonts. `previous` reads the last build's output, if there is one.
    pub fn new(previous: Option<PreviousOutput>) -> Self {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_REGULAR.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        let options = usvg::Options {
            font_family: "Sarabun".into(),
            languages: vec!["th".into()],
            fontdb: Arc::new(db),
            ..usvg::Options::default()
        };
        ShareImages { options, previous }
    }

    /// The PNG for `svg`, reused from the previous output at `path` when it was drawn from the
    /// same SVG. Returns the bytes and whether they were reused.
    pub fn png(&self, svg: &str, path: &str) -> Result<(Vec<u8>, bool), String> {
        let fingerprint = format!("{:016x}", fnv1a(&[RENDERER_VERSION.as_bytes(), svg.as_bytes()]));
        if let Some(old) = self.previous.as_ref().and_then(|read| read(path))
            && png_text(&old, FINGERPRINT_KEY).as_deref() == Some(fingerprint.as_str())
        {
            return Ok((old, true));
        }
        let tree = usvg::Tree::from_str(svg, &self.options).map_err(|e| format!("share image SVG: {e}"))?;
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("share image: no pixmap")?;
        resvg::render(&tree, tiny_skia::Transform::identity(), &mut pixmap.as_mut());
        encode(&pixmap, &fingerprint).map(|png| (png, false)).map_err(|e| format!("share image PNG: {e}"))
    }
}

/// What an LAO's image says.
pub struct LaoCard<'a> {
    /// Official name with type.
    pub name: &'a str,
    /// "อำเภอ… จังหวัด…".
    pub place: String,
    /// Year in พ.ศ.
    pub be: u16,
    /// Verdict counts of the year.
    pub counts: &'a Counts,
}

/// The SVG of an LAO's share image: name, place, year, the headline and the verdict counts.
pub fn lao_svg(site: &Site, card: &LaoCard) -> String {
    let c = card.counts;
    let mut s = frame(site);
    s.push_str(&text(60, 200, fit(card.name, 72.0, 1080.0), 700, "#1b2430", card.name));
    s.push_str(&text(60, 262, 34.0, 400, "#55606e", &card.place));
    s.push_str(&text(60, 318, 34.0, 400, "#55606e", &format!("ผลการประเมินมาตรฐานขั้นต่ำ ปี พ.ศ. {}", card.be)));
    let headline = format!("สูงกว่าค่าเป้าหมาย {} จาก {} ตัวชี้วัด", c.meets, c.judged());
    s.push_str(&text(60, 410, fit(&headline, 60.0, 1080.0), 700, "#1c7c3c", &headline));
    // One bar split by verdict, each part labelled below: never colour alone.
    let parts = [
        (c.meets, "#1c7c3c", "สูงกว่าค่าเป้าหมาย"),
        (c.below, "#b35c00", "การพัฒนาในอนาคต"),
        (c.not_done, "#b3261e", "ไม่ได้ดำเนินการ"),
        (c.no_service, "#5f6b7a", "ไม่มีบริการสาธารณะ"),
    ];
    let total: u32 = parts.iter().map(|p| p.0).sum();
    let mut x = 60.0;
    for (n, colour, _) in parts {
        if total > 0 && n > 0 {
            let w = 1080.0 * f64::from(n) / f64::from(total);
            s.push_str(&format!(r#"<rect x="{x:.1}" y="440" width="{w:.1}" height="36" fill="{colour}"/>"#));
            x += w;
        }
    }
    let legend: Vec<String> = parts.iter().map(|(n, _, label)| format!("{label} {n}")).collect();
    let legend = legend.join(" · ");
    s.push_str(&text(60, 520, fit(&legend, 28.0, 1080.0), 400, "#1b2430", &legend));
    s.push_str("</svg>");
    s
}

/// The SVG of the site's own share image.
pub fn site_svg(site: &Site, laos: usize, latest_be: Option<u16>) -> String {
    let mut s = frame(site);
    let title = &site.settings.title_th;
    // A long title takes two lines, split at a space near the middle.
    let (a, b) = split_line(title);
    s.push_str(&text(60, 230, fit(a, 56.0, 1080.0).min(fit(b, 56.0, 1080.0)), 700, "#1b2430", a));
    s.push_str(&text(60, 300, fit(a, 56.0, 1080.0).min(fit(b, 56.0, 1080.0)), 700, "#1b2430", b));
    let laos = crate::text::numbers::format_number(laos as f64);
    let line = match latest_be {
        Some(be) => format!("ผลของ อปท. ทั้ง {laos} แห่ง ล่าสุดปี พ.ศ. {be} ค้นหาจากชื่อ อำเภอ หรือจังหวัด"),
        None => format!("ผลของ อปท. ทั้ง {laos} แห่ง ค้นหาจากชื่อ อำเภอ หรือจังหวัด"),
    };
    s.push_str(&text(60, 400, fit(&line, 36.0, 1080.0), 400, "#55606e", &line));
    s.push_str("</svg>");
    s
}

fn frame(site: &Site) -> String {
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}"><rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/><rect width="{WIDTH}" height="96" fill="#0b5cad"/><rect y="600" width="{WIDTH}" height="30" fill="#0b5cad"/>"##
    );
    let brand = if site.settings.title_en.is_empty() {
        "ผลการประเมินมาตรฐานขั้นต่ำ"
    } else {
        &site.settings.title_en
    };
    s.push_str(&text(60, 60, fit(brand, 30.0, 1080.0), 700, "#ffffff", brand));
    if site.settings.sample_data {
        s.push_str(r##"<rect x="880" y="560" width="300" height="36" rx="6" fill="#fff4cc"/>"##);
        s.push_str(&text(896, 588, 24.0, 700, "#4d3800", "ข้อมูลตัวอย่าง ไม่ใช่ผลจริง"));
    }
    s
}

fn text(x: u32, y: u32, size: f64, weight: u32, fill: &str, t: &str) -> String {
    format!(
        r#"<text x="{x}" y="{y}" font-family="Sarabun" font-size="{size:.1}" font-weight="{weight}" fill="{fill}">{}</text>"#,
        xml_escape(&split_sara_am(t))
    )
}

/// Writes sara am (ำ) as nikhahit + sara aa, the nikhahit before any tone mark (ต่ำ → ต ํ ่ า).
/// The shaper resvg uses draws a bare ำ on top of the next letter with Sarabun; shaped from
/// its parts it sits where Thai readers expect.
fn split_sara_am(t: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(t.len());
    for c in t.chars() {
        if c == '\u{0E33}' {
            let mut at = out.len();
            while at > 0 && matches!(out[at - 1], '\u{0E48}'..='\u{0E4B}') {
                at -= 1;
            }
            out.insert(at, '\u{0E4D}');
            out.push('\u{0E32}');
        } else {
            out.push(c);
        }
    }
    out.into_iter().collect()
}

/// A font size at most `max` at which `t` fits in `width` pixels. Thai vowel and tone marks
/// take no width; other characters are counted at about the average advance of bold Sarabun.
fn fit(t: &str, max: f64, width: f64) -> f64 {
    let spacing: usize = t.chars().filter(|&c| !is_thai_mark(c)).count();
    if spacing == 0 {
        return max;
    }
    (width / (spacing as f64 * 0.6)).min(max)
}

fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

fn split_line(t: &str) -> (&str, &str) {
    if t.chars().count() < 40 {
        return (t, "");
    }
    let mid = t.len() / 2;
    let cut = t.match_indices(' ').map(|(i, _)| i).min_by_key(|&i| i.abs_diff(mid));
    match cut {
        Some(i) => (&t[..i], t[i + 1..].trim_start()),
        None => (t, ""),
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// FNV-1a, 64 bits: a fingerprint that stays the same across Rust versions (unlike std's hasher).
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Opaque RGB (the image has no transparency), best compression, with the fingerprint.
fn encode(pixmap: &tiny_skia::Pixmap, fingerprint: &str) -> Result<Vec<u8>, png::EncodingError> {
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Best);
    enc.add_text_chunk(FINGERPRINT_KEY.to_string(), fingerprint.to_string())?;
    let mut w = enc.write_header()?;
    w.write_image_data(&rgb)?;
    w.finish()?;
    Ok(out)
}

/// The value of a `tEXt` chunk, if the PNG has one with this key.
fn png_text(png: &[u8], key: &str) -> Option<String> {
    let mut i = 8;
    while i + 12 <= png.len() {
        let len = u32::from_be_bytes(png[i..i + 4].try_into().ok()?) as usize;
        let kind = &png[i + 4..i + 8];
        let data = png.get(i + 8..i + 8 + len)?;
        if kind == b"tEXt"
            && let Some(rest) = data.strip_prefix(key.as_bytes()).and_then(|r| r.strip_prefix(&[0]))
        {
            return String::from_utf8(rest.to_vec()).ok();
        }
        if kind == b"IDAT" {
            return None;
        }
        i += 12 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_survives_in_the_png() {
        let imgs = ShareImages::new(None);
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><text x="10" y="100" font-size="40">ทดสอบ</text></svg>"##;
        let (png, reused) = imgs.png(svg, "x.png").unwrap();
        assert!(!reused);
        assert_eq!(&png[1..4], b"PNG");
        let fp = png_text(&png, FINGERPRINT_KEY).expect("fingerprint chunk");
        assert_eq!(fp.len(), 16);
    }

    #[test]
    fn sara_am_is_split_with_nikhahit_before_the_tone_mark() {
        assert_eq!(split_sara_am("ตำบล"), "ต\u{0E4D}\u{0E32}บล");
        assert_eq!(split_sara_am("ต่ำ"), "ต\u{0E4D}\u{0E48}\u{0E32}");
    }

    #[test]
    fn long_names_get_smaller_type() {
        assert!(fit("องค์การบริหารส่วนตำบลคลองท่อมใต้", 72.0, 1080.0) <= 72.0);
        assert!(fit(&"ก".repeat(60), 72.0, 1080.0) < 40.0);
    }
}
