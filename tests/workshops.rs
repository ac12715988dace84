//! Workshops: pages, QR codes (decoded from the SVG files as a phone would see them), calendars
//! checked against RFC 5545 and by a real parser, and the build date.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use crate::common::*;

/// Rasterises a QR code SVG (as a browser would draw it) and decodes it with rqrr.
/// Returns the text and the error-correction level as rqrr numbers it (0 M, 1 L, 2 H, 3 Q).
pub fn decode_qr_svg(svg: &str) -> (String, u16) {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).expect("the SVG parses");
    // Four pixels per module: like a small print or a phone photo, not a perfect grid.
    let scale = 4.0;
    let size = tree.size();
    let (w, h) = ((size.width() * scale).ceil() as u32, (size.height() * scale).ceil() as u32);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::from_rgba8(255, 0, 0, 255));
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let data = pixmap.data();
    // The quiet zone: four modules of white all around (and no red left: the SVG paints its background).
    for y in 0..h as usize {
        for x in 0..w as usize {
            let p = &data[(y * w as usize + x) * 4..][..3];
            assert!(
                p[0] == p[1] && p[1] == p[2],
                "pixel ({x},{y}) is not grey: the code must paint its own background"
            );
            let edge = (4.0 * scale) as usize;
            if x < edge || y < edge || x >= w as usize - edge || y >= h as usize - edge {
                assert_eq!(p[0], 255, "pixel ({x},{y}) of the quiet zone is not white");
            }
        }
    }
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| data[(y * w as usize + x) * 4]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one QR code in the image");
    let (meta, text) = grids[0].decode().expect("the QR code decodes");
    (text, meta.ecc_level)
}

/// Every (QR image src, printed URL) pair on a page: an `<img src=...svg>` inside a figure and
/// the first `.url` text after it.
pub fn qr_figures(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for fig in html.split("<figure").skip(1) {
        let fig = fig.split("</figure>").next().unwrap();
        let Some(src) = attr(fig, "src=\"") else { continue };
        if !src.ends_with(".svg") {
            continue;
        }
        let after = &fig[fig.find("class=\"url\"").expect("a printed URL under the code")..];
        let text = after.split_once('>').unwrap().1.split('<').next().unwrap();
        out.push((src, unescape(text.trim())));
    }
    out
}

fn attr(s: &str, key: &str) -> Option<String> {
    let start = s.find(key)? + key.len();
    Some(unescape(&s[start..start + s[start..].find('"')?]))
}

/// Undoes the HTML escaping Tera applies.
pub fn unescape(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Decodes every QR code a built page shows and checks it holds the URL printed under it.
/// Returns how many were checked.
pub fn check_page_qrs(public: &Path, page: &str) -> usize {
    let html = fs::read_to_string(public.join(page)).unwrap();
    let dir = Path::new(page).parent().unwrap();
    let figs = qr_figures(&html);
    for (src, url) in &figs {
        let file = public.join(dir).join(src);
        let svg = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{page}: {src}: {e}"));
        let (text, ecc) = decode_qr_svg(&svg);
        assert_eq!(&text, url, "{page}: {src} holds another address than the one printed under it");
        assert!(ecc == 0 || ecc == 3, "{page}: {src}: error correction must be M or Q, got {ecc}");
    }
    figs.len()
}

#[test]
fn every_workshop_qr_code_decodes_to_the_link_printed_under_it() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let public = s.public();
    let mut checked = 0;
    let mut files_shown = HashSet::new();
    for be in ["2567", "2569"] {
        for page in [format!("workshops/{be}/index.html"), format!("workshops/{be}/poster/index.html")] {
            checked += check_page_qrs(&public, &page);
            let html = s.built(&page);
            for (src, _) in qr_figures(&html) {
                files_shown.insert(format!("{be}/{}", src.rsplit('/').next().unwrap()));
            }
        }
        for no in 1..=8 {
            checked += check_page_qrs(&public, &format!("workshops/{be}/{no}/index.html"));
        }
    }
    // The poster carries the series page's own code: absolute, under the example's base URL.
    let poster = s.built("workshops/2567/poster/index.html");
    assert!(qr_figures(&poster).iter().any(|(_, u)| u == "https://example.go.th/results/workshops/2567/"));
    // Every QR file written for the workshops is shown (and so checked) somewhere.
    for be in ["2567", "2569"] {
        for f in fs::read_dir(public.join(format!("workshops/{be}/qr"))).unwrap() {
            let name = f.unwrap().file_name().to_string_lossy().into_owned();
            assert!(files_shown.contains(&format!("{be}/{name}")), "workshops/{be}/qr/{name} is shown nowhere");
        }
    }
    assert!(checked > 60, "only {checked} codes checked");
}

#[test]
fn session_pages_write_dates_and_times_the_thai_way() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let p = s.built("workshops/2567/1/index.html");
    assert!(p.contains("วันอังคารที่ 23 เมษายน 2567"), "date with weekday and พ.ศ.");
    assert!(p.contains("09.00 - 12.00 น."), "times with a dot and one น.");
    assert!(p.contains("องค์การบริหารส่วนจังหวัด (อบจ.)"), "audience by type");
    assert!(p.contains("href=\"tel:020000000,1234\">0 2000 0000 ต่อ 1234</a>"), "a dialable phone with extension");
    assert!(p.contains("workshops/2567/1/calendar.ics\" download"), "the session's calendar is linked");
    let series = s.built("workshops/2569/index.html");
    assert_eq!(series.matches("class=\"session\"").count(), 8);
    assert!(series.contains("คู่มือการจัดเก็บและแบบรวบรวมข้อมูล") && series.contains("คู่มือแนะนำการใช้งานระบบ"));
    // Thai in what people read: the codes are คิวอาร์โค้ด, on screen, in alt text and on the poster.
    for page in ["workshops/2567/1/index.html", "workshops/2569/index.html", "workshops/2569/poster/index.html"] {
        let p = s.built(page);
        assert!(p.contains("คิวอาร์โค้ด") && !p.contains("QR code"), "{page}");
    }
}

/// The RFC 5545 rules a calendar file must follow, checked line by line. Returns the unfolded
/// content lines.
pub fn check_rfc5545(name: &str, bytes: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{name}: not UTF-8"));
    assert!(text.ends_with("\r\n"), "{name}: the last line ends in CRLF");
    for (i, line) in text.split("\r\n").enumerate() {
        assert!(!line.contains('\n') && !line.contains('\r'), "{name}:{}: a bare LF or CR", i + 1);
        assert!(line.len() <= 75, "{name}:{}: {} octets, more than 75", i + 1, line.len());
    }
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let lines: Vec<String> = unfolded.split("\r\n").filter(|l| !l.is_empty()).map(String::from).collect();
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"), "{name}");
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"), "{name}");
    for l in &lines {
        let (head, _) = l.split_once(':').unwrap_or_else(|| panic!("{name}: `{l}` has no colon"));
        let prop = head.split(';').next().unwrap();
        assert!(
            !prop.is_empty() && prop.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'),
            "{name}: `{prop}` is not a property name"
        );
    }
    for required in ["VERSION:2.0", "PRODID:"] {
        assert!(lines.iter().any(|l| l.starts_with(required)), "{name}: no {required}");
    }
    let mut in_event = false;
    let mut props: Vec<String> = Vec::new();
    for l in &lines {
        match l.as_str() {
            "BEGIN:VEVENT" => {
                in_event = true;
                props.clear();
            }
            "END:VEVENT" => {
                for req in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"] {
                    assert_eq!(props.iter().filter(|p| *p == req).count(), 1, "{name}: an event needs one {req}");
                }
                in_event = false;
            }
            _ if in_event => props.push(l.split([':', ';']).next().unwrap().to_string()),
            _ => {}
        }
        if let Some(v) = l.strip_prefix("DTSTART:").or(l.strip_prefix("DTEND:")).or(l.strip_prefix("DTSTAMP:")) {
            assert!(
                v.len() == 16 && v.ends_with('Z') && v.as_bytes()[8] == b'T',
                "{name}: `{v}` is not a UTC date-time"
            );
        }
    }
    lines
}

#[test]
fn calendars_follow_rfc_5545_and_a_parser_reads_them() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let mut uids = HashSet::new();
    let mut files = 0;
    for be in ["2567", "2569"] {
        let series = fs::read(s.public().join(format!("workshops/{be}/calendar.ics"))).unwrap();
        let lines = check_rfc5545("series", &series);
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 8);
        for l in lines.iter().filter(|l| l.starts_with("UID:")) {
            assert!(uids.insert(l.clone()), "UID repeated: {l}");
        }
        // The ical crate's parser, as a second opinion: it unfolds lines and splits components.
        let cals: Vec<_> = ical::IcalParser::new(std::io::BufReader::new(&series[..])).collect();
        assert_eq!(cals.len(), 1);
        let cal = cals.into_iter().next().unwrap().expect("ical parses the series calendar");
        assert_eq!(cal.events.len(), 8);
        for no in 1..=8 {
            let bytes = fs::read(s.public().join(format!("workshops/{be}/{no}/calendar.ics"))).unwrap();
            check_rfc5545(&format!("{be}/{no}"), &bytes);
            let cal = ical::IcalParser::new(std::io::BufReader::new(&bytes[..])).next().unwrap().unwrap();
            assert_eq!(cal.events.len(), 1);
            let ev = &cal.events[0];
            let get = |n: &str| ev.properties.iter().find(|p| p.name == n).and_then(|p| p.value.clone());
            assert_eq!(get("UID").as_deref(), Some(format!("workshop-{be}-{no}@example.go.th").as_str()));
            assert!(get("SUMMARY").unwrap().contains(&format!("ครั้งที่ {no}")), "the Thai summary survives unfolding");
            assert_eq!(
                get("URL").as_deref(),
                Some(format!("https://example.go.th/results/workshops/{be}/{no}/").as_str())
            );
            files += 1;
        }
    }
    assert_eq!(files, 16);
    // Session 1 of 2567: 23 April 2024, 09.00-12.00 Bangkok = 02:00-05:00 UTC.
    let one = s.built("workshops/2567/1/calendar.ics");
    assert!(one.contains("DTSTART:20240423T020000Z\r\n") && one.contains("DTEND:20240423T050000Z\r\n"), "{one}");
}

#[test]
fn the_build_date_splits_upcoming_and_past_and_defaults_to_no_clock() {
    let s = scratch_example();
    let out = s.run(&["build", "--quiet", "--date", "2024-04-24"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let home = s.built("index.html");
    let (upcoming, past) = home.split_once("<h3>จัดไปแล้ว</h3>").expect("a past list");
    assert!(upcoming.contains("ณ วันที่ 24 เมษายน 2567"));
    // Sessions 3 and 4 are on the build day itself: still to come; the home page shows the next four.
    assert!(upcoming.contains("ปี 2567 ครั้งที่ 3") && upcoming.contains("ปี 2567 ครั้งที่ 6"));
    assert!(!upcoming.contains("ปี 2567 ครั้งที่ 7"));
    assert!(!upcoming.contains("ปี 2567 ครั้งที่ 2"));
    assert!(past.contains("ปี 2567 ครั้งที่ 1") && past.contains("ปี 2567 ครั้งที่ 2"));
    let dated = tree(&s.public());

    // SOURCE_DATE_EPOCH of 2024-04-23 17:30 UTC is already the 24th in Bangkok: same site.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_prakat"))
        .args(["build", "--quiet"])
        .env("SOURCE_DATE_EPOCH", "1713893400")
        .current_dir(&s.root)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(tree(&s.public()) == dated, "SOURCE_DATE_EPOCH and --date of the same day give the same site");

    // No date anywhere: no split, nothing depends on the clock; two builds are identical.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_prakat"))
        .args(["build", "--quiet"])
        .env_remove("SOURCE_DATE_EPOCH")
        .current_dir(&s.root)
        .output()
        .unwrap();
    assert!(out.status.success());
    let home = s.built("index.html");
    assert!(!home.contains("จัดไปแล้ว") && home.contains("<h3>กำหนดการ ปี พ.ศ. 2569</h3>"));
    assert!(home.contains("ปี 2569 ครั้งที่ 8") && !home.contains("ปี 2567 ครั้งที่"), "the latest series in full");
    let first = tree(&s.public());
    s.build().unwrap();
    assert!(tree(&s.public()) == first, "two builds without a date are byte-identical");

    // build_date in site.yaml does the same as --date.
    s.append("data/site.yaml", "build_date: 2024-04-24");
    s.build().unwrap();
    assert!(tree(&s.public()) == dated);
}

#[test]
fn bad_workshop_input_is_reported_with_file_line_and_field() {
    let s = scratch_example();
    let text = s.read("data/workshops.yaml");
    let text = text.replacen("date: 2024-04-25", "date: 2024-02-30", 1).replacen(
        "https://forms.example.go.th/rsvp-2569",
        "javascript:alert(1)",
        1,
    );
    s.write("data/workshops.yaml", &text);
    let out = s.run(&["build"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let date_line = text.lines().position(|l| l.contains("2024-02-30")).unwrap() + 1;
    let rsvp_line = text.lines().position(|l| l.contains("javascript:")).unwrap() + 1;
    assert!(err.contains(&format!("--> data/workshops.yaml:{date_line}:")), "{err}");
    assert!(err.contains("(field `sessions.date`)") && err.contains("`2024-02-30` is not a date"), "{err}");
    assert!(err.contains(&format!("--> data/workshops.yaml:{rsvp_line}:")), "{err}");
    assert!(err.contains("(field `series.rsvp_url`)") && err.contains("http:// or https://"), "{err}");
    assert!(!s.public().exists(), "nothing is written on error");
}

#[test]
fn a_site_without_workshops_has_no_workshop_pages() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    assert!(!s.public().join("workshops").exists());
    assert!(!s.built("index.html").contains("id=\"workshops\""));
}
