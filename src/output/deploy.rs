//! What a deploy needs beside the site: precompressed siblings (`page.html.gz`, `page.html.br`)
//! for servers that send them as they are, and a manifest of every file's SHA-256, so an upload
//! sends only what changed since the last build (a rebuild of the same input is byte-identical).

use std::io::Write;

use sha2::{Digest, Sha256};

/// True for the kinds of file worth compressing: text. Images, fonts and workbooks are already
/// compressed.
pub fn compressible(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    matches!(ext, "html" | "css" | "js" | "svg" | "csv" | "json" | "xml" | "txt" | "ics")
}

/// `bytes` gzipped at the default level (what `gzip -6` gives).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 4), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// `bytes` as Brotli at quality 5, which compresses text better than gzip -9 at about gzip's
/// speed (the highest qualities take many times longer).
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    let params = brotli::enc::BrotliEncoderParams { quality: 5, lgwin: 22, ..Default::default() };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out
}

/// The SHA-256 of `bytes` in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The manifest: one line per file, `HASH  PATH`, sorted by path. The format of `sha256sum`,
/// so `sha256sum -c manifest.sha256` in the site checks every file, and a deploy script can
/// compare two manifests to upload only the changed paths.
pub fn manifest(mut entries: Vec<(String, String)>) -> Vec<u8> {
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::with_capacity(entries.len() * 100);
    for (path, hash) in entries {
        out.push_str(&hash);
        out.push_str("  ");
        out.push_str(&path);
        out.push('\n');
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_siblings_decompress_to_the_file() {
        use std::io::Read;
        let text = "<p>ผลการประเมิน</p>\n".repeat(200);
        let gz = gzip(text.as_bytes());
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut back).unwrap();
        assert_eq!(back, text);
        assert!(gz.len() < text.len() / 10);
        let br = brotli(text.as_bytes());
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(compressible("lao/1/index.html") && compressible("data/laos.csv"));
        assert!(!compressible("data/2567/results.xlsx") && !compressible("assets/fonts/a.woff2"));
    }

    #[test]
    fn the_manifest_is_sha256sum_format_sorted_by_path() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let m = manifest(vec![("b.html".into(), "2".repeat(64)), ("a.html".into(), "1".repeat(64))]);
        let text = String::from_utf8(m).unwrap();
        assert_eq!(text, format!("{}  a.html\n{}  b.html\n", "1".repeat(64), "2".repeat(64)));
    }
}
