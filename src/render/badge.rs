//! The badge an LAO pastes on its own website: its latest result in words and a bar of the
//! share met, not a check mark that would say "passed" whatever the result. An SVG an `<img>`
//! shows, so it brings its own font list and fits its text to its width (a site's fonts do not
//! reach an image, and Thai text in a fallback font can run wider than planned).

use crate::derive::Counts;
use crate::text::escape::markup;

/// Width and height of the badge, in px.
pub const SIZE: (u32, u32) = (240, 64);

/// The badge of an LAO whose latest results (year `be`) are `c`.
pub fn svg(be: u16, c: &Counts) -> Vec<u8> {
    let (w, h) = SIZE;
    let judged = c.judged();
    let line1 = format!("ผลการประเมินมาตรฐานขั้นต่ำ ปี พ.ศ. {be}");
    let line2 = format!("สูงกว่าค่าเป้าหมาย {} จาก {} ตัวชี้วัด", c.meets, judged);
    // The bar: the share of judged indicators that met their target, on a track.
    let track = w - 24;
    let met = (u64::from(track) * u64::from(c.meets)).checked_div(u64::from(judged)).unwrap_or(0);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\"><title>{t1} {t2}</title>\
<rect x=\"1\" y=\"1\" width=\"{iw}\" height=\"{ih}\" rx=\"8\" fill=\"#fff\" stroke=\"#0b5cad\" stroke-width=\"2\"/>\
<g fill=\"#1b2430\" font-family=\"Sarabun, 'TH Sarabun New', 'Noto Sans Thai', 'Leelawadee UI', Tahoma, sans-serif\">\
<text x=\"12\" y=\"22\" font-size=\"13\" textLength=\"{tw}\" lengthAdjust=\"spacingAndGlyphs\">{t1}</text>\
<text x=\"12\" y=\"41\" font-size=\"14\" font-weight=\"700\" textLength=\"{tw}\" lengthAdjust=\"spacingAndGlyphs\">{t2}</text></g>\
<rect x=\"12\" y=\"49\" width=\"{track}\" height=\"6\" fill=\"#d4dbe3\"/><rect x=\"12\" y=\"49\" width=\"{met}\" height=\"6\" fill=\"#1c7c3c\"/></svg>\n",
        t1 = markup(&line1),
        t2 = markup(&line2),
        iw = w - 2,
        ih = h - 2,
        tw = w - 24,
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_badge_says_the_result_and_draws_its_share() {
        let c = Counts { meets: 46, below: 11, not_done: 3, no_service: 2, not_assessed: 0 };
        let s = String::from_utf8(svg(2567, &c)).unwrap();
        assert!(s.contains("สูงกว่าค่าเป้าหมาย 46 จาก 60 ตัวชี้วัด"), "{s}");
        assert!(s.contains("ปี พ.ศ. 2567"));
        // 46 of 60 over a 216 px track: 165 px.
        assert!(s.contains("width=\"165\" height=\"6\" fill=\"#1c7c3c\""), "{s}");
        assert!(!s.contains("stroke-linecap"), "no check mark");
        // Nothing judged: an empty bar, not a division by zero.
        let none = String::from_utf8(svg(2567, &Counts::default())).unwrap();
        assert!(none.contains("width=\"0\" height=\"6\""));
    }
}
