//! Times the QR code SVGs prakat writes (one per LAO and year) for realistic page addresses:
//! prakat's own `render::qr::svg` as the baseline, against other encoders writing the same SVG
//! document. Every code is then decoded (rasterised, read by rqrr) to check it holds its address
//! at error correction level Q, and the versions and masks chosen are counted.
//!
//!     cargo run --release --example qr_bench            # 5,000 addresses, best of 5 rounds
//!     cargo run --release --example qr_bench -- 20000 3 # addresses, rounds

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Quiet zone in modules, as prakat writes it.
const QUIET: usize = 4;

/// Distinct LAO-year addresses under a few base URLs: 39 to 76 bytes, like the real ones.
fn urls(n: usize) -> Vec<String> {
    const BASES: [&str; 4] = [
        "https://example.go.th/",
        "https://example.go.th/results/",
        "https://www.dla.go.th/assessment/",
        "https://lpa.example-province.go.th/minimum-standard/results/",
    ];
    // A small LCG: the same codes every run, spread like real 7-digit LAO codes.
    let mut seed: u64 = 0x2567;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let code = 1_000_000 + (seed >> 33) % 9_000_000;
        let base = BASES[(seed >> 20) as usize % BASES.len()];
        let be = 2565 + (seed >> 10) % 3;
        let url = format!("{base}lao/{code}/{be}/");
        if seen.insert(url.clone()) {
            out.push(url);
        }
    }
    out
}

/// Escapes text for XML, as prakat does.
fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The SVG document prakat writes for a `w`-module grid: one path of dark runs per row, written
/// into the string with `write!` rather than a `format!` per run.
fn svg_doc(text: &str, w: usize, dark: impl Fn(usize, usize) -> bool) -> String {
    let size = w + 2 * QUIET;
    let mut s = String::with_capacity(w * w * 2 + 300);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" role=\"img\"><title>QR code: {}</title><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
        xml_escape(text)
    );
    for y in 0..w {
        let mut x = 0;
        while x < w {
            if dark(x, y) {
                let start = x;
                while x < w && dark(x, y) {
                    x += 1;
                }
                let n = x - start;
                let _ = write!(s, "M{} {}h{n}v1h-{n}z", start + QUIET, y + QUIET);
            } else {
                x += 1;
            }
        }
    }
    s.push_str("\"/></svg>\n");
    s
}

fn qrcode_svg(text: &str) -> Result<String, String> {
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::Q).map_err(|e| e.to_string())?;
    Ok(svg_doc(text, code.width(), |x, y| code[(x, y)] == qrcode::Color::Dark))
}

fn qrcodegen_svg(text: &str) -> Result<String, String> {
    use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};
    // No ECC boost: the level stays Q whatever room the version has left.
    let segs = QrSegment::make_segments(text);
    let code = QrCode::encode_segments_advanced(&segs, QrCodeEcc::Quartile, Version::MIN, Version::MAX, None, false)
        .map_err(|e| e.to_string())?;
    Ok(svg_doc(text, code.size() as usize, |x, y| code.get_module(x as i32, y as i32)))
}

fn fast_qr_svg(text: &str) -> Result<String, String> {
    let code = fast_qr::QRBuilder::new(text.as_bytes()).ecl(fast_qr::ECL::Q).build().map_err(|e| format!("{e:?}"))?;
    Ok(svg_doc(text, code.size, |x, y| code[y][x].value()))
}

/// Reads the module grid back from an SVG's path of runs (`M{x} {y}h{n}v1h-{n}z`).
fn grid_of(svg: &str) -> (usize, Vec<bool>) {
    let size: usize = svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let mut g = vec![false; size * size];
    for run in d.split('M').filter(|r| !r.is_empty()) {
        let (xy, rest) = run.split_once('h').unwrap();
        let (x, y) = xy.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let n: usize = rest.split('v').next().unwrap().parse().unwrap();
        g[y * size + x..y * size + x + n].fill(true);
    }
    (size, g)
}

/// Decodes an SVG drawn at 3 pixels per module: (text, version, ecc level, mask) as rqrr reads them.
fn decode(svg: &str) -> Result<(String, usize, u16, u16), String> {
    let (size, g) = grid_of(svg);
    let px = 3;
    let w = size * px;
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(w, w, |x, y| if g[y / px * size + x / px] { 0 } else { 255 });
    let grids = img.detect_grids();
    if grids.len() != 1 {
        return Err(format!("{} codes found", grids.len()));
    }
    let (meta, text) = grids[0].decode().map_err(|e| e.to_string())?;
    Ok((text, meta.version.0, meta.ecc_level, meta.mask))
}

type Encoder = fn(&str) -> Result<String, String>;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(5000, |a| a.parse().expect("COUNT is a number"));
    let rounds: usize = args.next().map_or(5, |a| a.parse().expect("ROUNDS is a number"));
    let urls = urls(n);
    let (short, long) = (urls.iter().map(String::len).min().unwrap(), urls.iter().map(String::len).max().unwrap());
    println!("{n} addresses, {short}-{long} bytes; best of {rounds} rounds, one thread");

    let cands: [(&str, Encoder); 4] = [
        ("prakat render::qr::svg", prakat::render::qr::svg),
        ("qrcode 0.14, write!", qrcode_svg),
        ("qrcodegen 1.8, write!", qrcodegen_svg),
        ("fast_qr 0.14, write!", fast_qr_svg),
    ];
    // Rounds interleave the candidates so that a busy moment on the machine hits them alike.
    let mut best = [Duration::MAX; 4];
    for _ in 0..rounds {
        for (i, (_, f)) in cands.iter().enumerate() {
            let t = Instant::now();
            let mut bytes = 0;
            for u in &urls {
                bytes += black_box(f(black_box(u)).unwrap()).len();
            }
            black_box(bytes);
            best[i] = best[i].min(t.elapsed());
        }
    }
    let base = best[0].as_secs_f64();
    println!("{:<24} {:>10} {:>14}", "encoder + SVG", "µs/code", "vs baseline");
    for (i, (name, _)) in cands.iter().enumerate() {
        let t = best[i].as_secs_f64();
        println!("{name:<24} {:>10.1} {:>9.2}x faster", t * 1e6 / n as f64, base / t);
    }

    // Checks every tenth code (rqrr takes longer than the encoders) and counts the versions and
    // masks chosen, and how often each candidate picks the baseline's version and mask.
    let sample: Vec<&String> = urls.iter().step_by(10).collect();
    let base_codes: Vec<_> = sample.iter().map(|u| decode(&cands[0].1(u).unwrap())).collect();
    println!(
        "\n{:<24} {:>9} {:>10} {:>12}  versions",
        format!("{} decoded at Q", sample.len()),
        "ok",
        "same mask",
        "same version"
    );
    for (name, f) in &cands {
        let (mut ok, mut same_mask, mut same_ver) = (0, 0, 0);
        let mut versions = BTreeMap::new();
        for (u, b) in sample.iter().zip(&base_codes) {
            match decode(&f(u).unwrap()) {
                Ok((text, ver, ecc, mask)) if text == **u && ecc == 3 => {
                    ok += 1;
                    *versions.entry(ver).or_insert(0) += 1;
                    if let Ok((_, bv, _, bm)) = b {
                        same_ver += usize::from(*bv == ver);
                        same_mask += usize::from(*bm == mask && *bv == ver);
                    }
                }
                Ok((text, _, ecc, _)) => println!("  {name}: {u}: read {text:?} at level {ecc}"),
                Err(e) => println!("  {name}: {u}: {e}"),
            }
        }
        let versions: Vec<String> = versions.iter().map(|(v, c)| format!("v{v}: {c}")).collect();
        println!("{name:<24} {ok:>9} {same_mask:>10} {same_ver:>12}  {}", versions.join(", "));
    }
}
