//! Shared helpers: fixture sites copied to a scratch folder, and builds run through the library
//! or the real binary.

#![allow(dead_code)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A scratch copy of a fixture site; removed when dropped.
pub struct Scratch {
    pub root: PathBuf,
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Path of a fixture under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The example site at the repository's top (data/, content/, themes/).
pub fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a fixture (by name under tests/fixtures, or any folder) into a fresh scratch folder.
pub fn scratch(name: &str) -> Scratch {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let root = std::env::temp_dir().join(format!("prakat-test-{}-{n}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    copy_dir(&fixture(name), &root);
    Scratch { root }
}

/// A scratch copy of the example site's data/ (and content/ if present).
pub fn scratch_example() -> Scratch {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let root = std::env::temp_dir().join(format!("prakat-test-{}-{n}-example", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    for part in ["data", "content"] {
        let src = example_root().join(part);
        if src.is_dir() {
            copy_dir(&src, &root.join(part));
        }
    }
    Scratch { root }
}

impl Scratch {
    /// Writes (or replaces) a file under the site root.
    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    /// Reads a file under the site root.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Appends a line to a file under the site root.
    pub fn append(&self, rel: &str, line: &str) {
        let mut t = self.read(rel);
        if !t.ends_with('\n') {
            t.push('\n');
        }
        t.push_str(line);
        t.push('\n');
        self.write(rel, &t);
    }

    /// The default output folder.
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Reads a built file as a reader's find-in-page sees its text: without the word joiners
    /// and `<wbr>` that keep Thai words whole at line ends (the theme's thai-words.txt) and the
    /// `<bdi>` that keeps a place's name on one line.
    pub fn built(&self, rel: &str) -> String {
        as_found(&self.built_raw(rel))
    }

    /// Reads a built file as written, word joiners, `<wbr>` and `<bdi>` included.
    pub fn built_raw(&self, rel: &str) -> String {
        fs::read_to_string(self.public().join(rel)).unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    /// Builds through the library into `public/`.
    pub fn build(&self) -> Result<prakat::BuildReport, prakat::BuildFailure> {
        prakat::build(&prakat::Config::new(&self.root), &|_, _| {})
    }

    /// Runs the real binary with `args`, in the site root.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_prakat")).args(args).current_dir(&self.root).output().unwrap()
    }
}

/// Every error message of a failed build, rendered as the user sees it.
pub fn errors(f: &prakat::BuildFailure) -> String {
    f.diagnostics.sorted().iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

/// Every file under a folder with its bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push((p.strip_prefix(base).unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap()));
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// A cell of a test workbook.
pub enum Cell<'a> {
    Num(f64),
    /// A number formatted as a percentage (Excel's built-in format 9, `0%`).
    Percent(f64),
    /// A formula saved without its value (as openpyxl and pandas write them).
    Formula(&'a str),
    Text(&'a str),
    Empty,
}

/// A minimal .xlsx workbook with one sheet named `sheet` (inline strings, number cells).
pub fn xlsx(sheet: &str, rows: &[Vec<Cell>]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let mut data = String::new();
    for (r, row) in rows.iter().enumerate() {
        data.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", (b'A' + c as u8) as char, r + 1); // columns A to Z
            match cell {
                Cell::Num(v) => data.push_str(&format!("<c r=\"{at}\"><v>{v}</v></c>")),
                Cell::Percent(v) => data.push_str(&format!("<c r=\"{at}\" s=\"1\"><v>{v}</v></c>")),
                Cell::Formula(f) => data.push_str(&format!("<c r=\"{at}\"><f>{}</f></c>", esc(f))),
                Cell::Text(t) => {
                    data.push_str(&format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>", esc(t)))
                }
                Cell::Empty => {}
            }
        }
        data.push_str("</row>");
    }
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
                esc(sheet)
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/styles.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#.to_string(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#
            ),
        ),
    ];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in files {
        w.start_file(name, SimpleFileOptions::default()).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// `page` without the word joiners (U+2060) and `<wbr>` the build puts inside and around Thai
/// words and the `<bdi>` around place names, no-break spaces (inside dates) as spaces: the
/// text as a reader copies or finds it.
pub fn as_found(page: &str) -> String {
    page.replace('\u{2060}', "").replace('\u{a0}', " ").replace("<wbr>", "").replace("<bdi>", "").replace("</bdi>", "")
}
