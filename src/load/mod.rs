//! Load: read every input file of a site root and validate it into a [`Site`].
//!
//! This is the only stage that reads the input. Parsers take text, so they are tested without
//! files; this module does the reading and reports every problem it finds in one pass.

pub mod catalog;
pub mod content;
pub mod csvfile;
pub mod export;
pub mod registry;
pub mod report;
pub mod results;
pub mod site;
pub mod table;
pub mod workshops;
pub mod xlsx;
pub mod yaml;

use std::fs;
use std::path::Path;

use rayon::prelude::*;

use crate::diag::{Diagnostics, Span};
use crate::model::{Site, Year};
use crate::text::dates::Date;
use crate::text::encoding::{self as text, Encoding};

/// Reads a file as text: in the encoding the site forces, else detected (BOM, else UTF-8, else
/// windows-874, with a warning saying so).
fn read_text(root: &Path, rel: &str, forced: Option<Encoding>, diags: &mut Diagnostics) -> Option<String> {
    read_text_into(Vec::new(), root, rel, forced, diags)
}

/// [`read_text`] into `buf`'s memory (cleared first): the results files of a national build are
/// tens of megabytes each, and memory the program already has costs nothing to fill, where fresh
/// pages are zeroed by the kernel first.
fn read_text_into(
    mut buf: Vec<u8>,
    root: &Path,
    rel: &str,
    forced: Option<Encoding>,
    diags: &mut Diagnostics,
) -> Option<String> {
    use std::io::Read;
    buf.clear();
    let read = fs::File::open(root.join(rel)).and_then(|mut f| f.read_to_end(&mut buf));
    if let Err(e) = read {
        diags.error(Span::file(rel), format!("cannot read this file: {e}"));
        return None;
    }
    let bytes = buf;
    let mut text = read_decoded(bytes, rel, forced, diags)?;
    // Lines ended by a lone CR (old Mac files): every line number would be 1 otherwise.
    if text.contains('\r') && !text.contains('\n') {
        text = text.replace('\r', "\n");
        diags.warning(
            Span::file(rel),
            "the lines of this file end in a lone CR (old Mac style); they were read as line ends",
        );
    }
    scrub_controls(&mut text, rel, diags);
    Some(text)
}

/// Replaces stray control characters in the text of `rel`, with one warning naming the first.
pub(crate) fn scrub_controls(text: &mut String, rel: &str, diags: &mut Diagnostics) {
    if let Some((line, c, count)) = text::scrub_controls(text) {
        diags.warning(Span::at(rel, line, None), text::controls_message(c, count));
    }
}

fn read_decoded(bytes: Vec<u8>, rel: &str, forced: Option<Encoding>, diags: &mut Diagnostics) -> Option<String> {
    match forced {
        Some(enc) => match text::decode_as(bytes, enc) {
            Ok(t) => Some(t),
            Err(why) => {
                diags.error(Span::file(rel).field("input_encoding"), why);
                None
            }
        },
        None => {
            let (text, enc) = text::decode(bytes);
            match enc {
                Encoding::Windows874 => diags.warning(Span::file(rel), "the file is not UTF-8; it was read as windows-874 (Thai Excel's encoding). Save it as UTF-8, or set input_encoding in data/site.yaml, to be sure."),
                Encoding::Utf16 => diags.warning(Span::file(rel), "the file is UTF-16 (it starts with a UTF-16 byte-order mark) and was read as such; save it as \"CSV UTF-8\" to be sure"),
                Encoding::Utf8 => {}
            }
            Some(text)
        }
    }
}

fn read_bytes(root: &Path, rel: &str, diags: &mut Diagnostics) -> Option<Vec<u8>> {
    match fs::read(root.join(rel)) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            diags.error(Span::file(rel), format!("cannot read this file: {e}"));
            None
        }
    }
}

/// Reads and validates the whole input under `root`. Returns the site when no error was found;
/// the diagnostics hold every problem (and warnings) either way. `build_date`, when given (the
/// command line's `--date` or SOURCE_DATE_EPOCH), takes the place of `build_date` in site.yaml.
pub fn load(root: &Path, build_date: Option<Date>) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let data = root.join("data");
    if !data.is_dir() {
        diags.error(
            Span::file("data/"),
            format!(
                "no data/ folder under {}; expected data/site.yaml, data/laos.csv and data/<year>/",
                root.display()
            ),
        );
        return (None, diags);
    }
    let settings =
        read_text(root, "data/site.yaml", None, &mut diags).and_then(|t| site::parse(&t, "data/site.yaml", &mut diags));
    // The forced encoding applies to the CSV files, which come from spreadsheets; YAML is
    // written by hand and read as UTF-8 (or detected).
    let settings = settings.map(|mut s| {
        s.build_date = build_date.or(s.build_date);
        s
    });
    let forced = settings.as_ref().and_then(|s| s.input_encoding);
    let registry =
        read_text(root, "data/laos.csv", forced, &mut diags).map(|t| registry::parse(&t, "data/laos.csv", &mut diags));

    let mut year_dirs: Vec<(u16, String)> = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(&data).map(|rd| rd.filter_map(Result::ok).collect()).unwrap_or_default();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.path().is_dir() {
            continue;
        }
        // Thai digits (๒๕๖๗) and leading zeros (02567) name a year too; two folders of one year
        // would each hold half of it, so that is an error naming both.
        let digits = crate::text::numbers::arabic_digits(&name);
        match digits.parse::<u16>() {
            Ok(y) if (2400..=2700).contains(&y) => {
                if let Some((_, other)) = year_dirs.iter().find(|(yy, _)| *yy == y) {
                    diags.error(
                        Span::file(format!("data/{name}/")),
                        format!("data/{other}/ and data/{name}/ are both the year {y}; expected one folder per year (move the files into data/{y}/)"),
                    );
                    continue;
                }
                if name != y.to_string() {
                    diags.warning(
                        Span::file(format!("data/{name}/")),
                        format!("this folder is read as the year {y}; name it data/{y}/ to be sure"),
                    );
                }
                year_dirs.push((y, name))
            }
            Ok(y) if (1900..=2200).contains(&y) => diags.error(
                Span::file(format!("data/{name}/")),
                format!(
                    "year folder {y} looks like a Christian-era year; expected the Buddhist Era year (พ.ศ. {})",
                    y + 543
                ),
            ),
            _ => diags.warning(
                Span::file(format!("data/{name}/")),
                "this folder is not a year (expected a Buddhist Era year such as 2567); it is not read",
            ),
        }
    }

    let mut years = Vec::new();
    let mut as_ofs: Vec<AsOf> = Vec::new();
    if let Some(reg) = &registry {
        let codes: crate::model::LookupMap<&str, usize> =
            reg.laos.iter().enumerate().map(|(i, l)| (l.code.as_str(), i)).collect();
        // Years are independent: read and check them in parallel, then report in year order.
        let forced_ref = &forced;
        let columns = column_map(settings.as_ref());
        let columns_ref = &columns[..];
        // Results files' buffers, handed from a year that is done to the next one read.
        let buffers = std::sync::Mutex::new(Vec::<Vec<u8>>::new());
        let loaded: Vec<(Option<Year>, Diagnostics, Option<AsOf>)> = year_dirs
            .par_iter()
            .map(|(be, name)| {
                let mut d = Diagnostics::new();
                let mut as_of: Option<AsOf> = None;
                let forced = *forced_ref;
                let year = (|| {
                    let found = year_files(root, name, &mut d);
                    let cat_rel = format!("data/{name}/catalog.yaml");
                    let csv_rel = found.csv.unwrap_or_else(|| format!("data/{name}/results.csv"));
                    let xlsx_rel = found.xlsx.unwrap_or_else(|| format!("data/{name}/results.xlsx"));
                    let has_cat = root.join(&cat_rel).is_file();
                    let (has_csv, has_xlsx) = (root.join(&csv_rel).is_file(), root.join(&xlsx_rel).is_file());
                    if has_csv && has_xlsx {
                        d.error(
                            Span::file(&xlsx_rel),
                            format!(
                                "both {csv_rel} and {xlsx_rel} exist; expected one results file per year (remove one of them)"
                            ),
                        );
                        return None;
                    }
                    let has_res = has_csv || has_xlsx;
                    let res_rel = if has_xlsx { xlsx_rel } else { csv_rel };
                    if !has_cat {
                        if has_res {
                            d.error(
                                Span::file(&res_rel),
                                format!("results for {be} but no catalog; expected {cat_rel} beside it"),
                            );
                        } else {
                            d.warning(
                                Span::file(format!("data/{name}/")),
                                "this year folder has neither catalog.yaml nor results.csv; it is not read",
                            );
                        }
                        return None;
                    }
                    let (catalog, refused_ids) = read_text(root, &cat_rel, None, &mut d)
                        .and_then(|t| catalog::parse_noting_refused(&t, &cat_rel, &mut d))?;
                    let mut checker = results::Checker::new(&res_rel, &reg.laos, &codes, &catalog)
                        .with_refused(&reg.refused_codes)
                        .with_refused_indicators(&refused_ids);
                    if has_xlsx {
                        if let Some(bytes) = read_bytes(root, &res_rel, &mut d) {
                            let header = xlsx::read(bytes.clone(), &res_rel, &results::HEADER, &[2, 3], &mut d, |rec, dd| {
                                checker.row(rec, dd)
                            });
                            if header == xlsx::Header::Other
                                && let Some(t) = table::from_xlsx(bytes, &res_rel, &mut d) {
                                    as_of = results::read_table(&mut checker, &t, columns_ref, &mut d)
                                        .map(|(line, date)| AsOf { file: res_rel.clone(), line, date });
                                }
                        }
                    } else if has_csv {
                        let buf = buffers.lock().map(|mut b| b.pop()).unwrap_or_default().unwrap_or_default();
                        if let Some(text) = read_text_into(buf, root, &res_rel, forced, &mut d) {
                            if results::has_own_header(&text) {
                                results::read_csv(&mut checker, &text, &mut d);
                            } else {
                                as_of = results::read_table(&mut checker, &table::from_csv(&text), columns_ref, &mut d)
                                    .map(|(line, date)| AsOf { file: res_rel.clone(), line, date });
                            }
                            if let Ok(mut b) = buffers.lock() {
                                b.push(text.into_bytes());
                            }
                        }
                    }
                    let rows_read = checker.records;
                    let measures = checker.finish();
                    if !has_res {
                        d.warning(
                            Span::file(&cat_rel),
                            format!(
                                "a catalog for {be} but no results.csv (or results.xlsx); the year is published without results"
                            ),
                        );
                    }
                    Some(Year { be: *be, catalog, measures, results_file: res_rel, rows_read })
                })();
                (year, d, as_of)
            })
            .collect();
        for (year, d, as_of) in loaded {
            diags.extend(d);
            years.extend(year);
            as_ofs.extend(as_of);
        }
    }
    let content = content::load(root, &mut diags);
    if year_dirs.is_empty() {
        diags.warning(Span::file("data/"), "no year folders (such as data/2567/); the site has no results");
    }
    // The workshops file is optional: a site without workshops simply has no workshop pages.
    let workshops = if root.join("data/workshops.yaml").is_file() {
        read_text(root, "data/workshops.yaml", None, &mut diags)
            .map(|t| workshops::parse(&t, "data/workshops.yaml", &mut diags))
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    if diags.has_errors() {
        return (None, diags);
    }
    match (settings, registry) {
        (Some(mut settings), Some(reg)) => {
            take_as_of(&mut settings, &as_ofs, &mut diags);
            settings_warnings(&settings, &mut diags);
            (Some(Site { settings, provinces: reg.provinces, laos: reg.laos, years, content, workshops }), diags)
        }
        _ => (None, diags),
    }
}

/// The column names site.yaml gives roles to (`columns:`), as the export reader takes them.
pub fn column_map(settings: Option<&crate::model::Settings>) -> Vec<(String, export::Role)> {
    settings
        .map(|s| s.columns.iter().filter_map(|(n, r)| export::Role::parse(r).map(|r| (n.clone(), r))).collect())
        .unwrap_or_default()
}

/// The results files of a year folder as they are named on disk.
#[derive(Default)]
struct YearFiles {
    csv: Option<String>,
    xlsx: Option<String>,
}

/// Looks at every file of a year folder: `results.CSV` (another case) is read as results.csv
/// with a warning; a file that looks like results but is named otherwise (`results.csv.csv`,
/// `results (1).csv`, `ผลการประเมิน.xlsx`, an old `.xls`) is an error naming it, since its rows would
/// otherwise be left out without a word; other files are named in a warning. Hidden files and
/// Excel's lock files (`~$...`) are passed over.
fn year_files(root: &Path, name: &str, diags: &mut Diagnostics) -> YearFiles {
    let mut out = YearFiles::default();
    let Ok(entries) = fs::read_dir(root.join("data").join(name)) else { return out };
    let mut files: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    for f in &files {
        let lower = f.to_lowercase();
        let rel = format!("data/{name}/{f}");
        match f.as_str() {
            "catalog.yaml" | "results.csv" | "results.xlsx" => continue,
            _ if f.starts_with('.') || f.starts_with("~$") => continue,
            _ => {}
        }
        let exact = |want: &str| files.iter().any(|x| x == want);
        if lower == "results.csv" && !exact("results.csv") && out.csv.is_none() {
            diags.warning(
                Span::file(&rel),
                format!("read as the year's results.csv; name it data/{name}/results.csv to be sure"),
            );
            out.csv = Some(rel);
        } else if lower == "results.xlsx" && !exact("results.xlsx") && out.xlsx.is_none() {
            diags.warning(
                Span::file(&rel),
                format!("read as the year's results.xlsx; name it data/{name}/results.xlsx to be sure"),
            );
            out.xlsx = Some(rel);
        } else if lower == "catalog.yml" || (lower == "catalog.yaml" && !exact("catalog.yaml")) {
            diags.error(
                Span::file(&rel),
                format!("this catalog is not read; expected it named data/{name}/catalog.yaml"),
            );
        } else if lower.ends_with(".csv")
            || lower.ends_with(".xlsx")
            || lower.ends_with(".xls")
            || lower.starts_with("results")
        {
            let hint = if lower.ends_with(".xls") { " (save an old .xls workbook as .xlsx)" } else { "" };
            diags.error(
                Span::file(&rel),
                format!("this file is not read, so its rows would be left out; expected the year's results in data/{name}/results.csv or results.xlsx{hint}: rename it, or move it out of data/"),
            );
        } else {
            diags.warning(
                Span::file(&rel),
                "this file is not read (a year folder holds catalog.yaml and results.csv or results.xlsx)",
            );
        }
    }
    out
}

/// A results file's own "ข้อมูล ณ วันที่ ..." line.
struct AsOf {
    file: String,
    line: usize,
    date: crate::text::dates::Date,
}

/// The day the data is as of: site.yaml's `data_as_of`, else the latest day the results files
/// say. A file that says a later day than site.yaml is worth a warning: the pages would date
/// the data too early.
fn take_as_of(settings: &mut crate::model::Settings, found: &[AsOf], diags: &mut Diagnostics) {
    let Some(latest) = found.iter().max_by_key(|a| a.date) else { return };
    match settings.data_as_of {
        None => settings.data_as_of = Some(latest.date),
        Some(set) if set < latest.date => diags.warning(
            Span::at(&latest.file, latest.line, None),
            format!(
                "this file says its data is as of {} ({}), later than data_as_of in data/site.yaml ({}); the pages say the site.yaml day (set data_as_of: \"{}\" there, or remove it to take the files' day)",
                latest.date.thai(),
                latest.date.iso(),
                set.iso(),
                latest.date.iso()
            ),
        ),
        Some(_) => {}
    }
}

/// Warnings about the site settings that every command gives.
fn settings_warnings(settings: &crate::model::Settings, diags: &mut Diagnostics) {
    if settings.base_url.is_none() {
        diags.warning(
            Span::file("data/site.yaml").field("base_url"),
            "no base_url: sitemap.xml and share links cannot name absolute addresses, and the QR codes on LAO pages, printed notices, council packs and workshop posters hold only a path such as lao/5810401/2567/, which a phone cannot open; set base_url before printing them",
        );
    }
}

/// The one rule for symbolic links in the input: a link is followed when it leads inside the site
/// root, and otherwise refused with an error naming the link and where it leads (a link to
/// `/etc/passwd` or a key file would publish it). A broken link is an error too. False when the
/// path is a link that must not be followed.
pub fn link_allowed(root: &Path, path: &Path, rel: &str, diags: &mut Diagnostics) -> bool {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return true;
    }
    let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    match fs::canonicalize(path) {
        Ok(target) if target.starts_with(&root) => true,
        Ok(target) => {
            diags.error(
                Span::file(rel),
                format!(
                    "this is a link to {}, outside the site root; expected files inside the root (copy the file in instead of linking to it)",
                    target.display()
                ),
            );
            false
        }
        Err(e) => {
            diags.error(Span::file(rel), format!("this is a link that leads nowhere ({e}); expected a file"));
            false
        }
    }
}

/// The theme: the embedded default, with any file under `<root>/themes/default/` replacing
/// the embedded file of the same path.
pub fn load_theme(root: &Path, diags: &mut Diagnostics) -> crate::model::theme::Theme {
    let mut theme = crate::model::theme::Theme::embedded();
    let dir = root.join("themes/default");
    if !dir.is_dir() {
        return theme;
    }
    if !link_allowed(root, &dir, "themes/default/", diags) {
        return theme;
    }
    let mut files: Vec<_> = walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().collect();
    for entry in files.drain(..) {
        match entry {
            Ok(e) if e.file_type().is_file() || e.path_is_symlink() => {
                let rel = e.path().strip_prefix(&dir).unwrap_or(e.path()).to_string_lossy().replace('\\', "/");
                if !link_allowed(root, e.path(), &format!("themes/default/{rel}"), diags) || !e.path().is_file() {
                    continue;
                }
                match fs::read(e.path()) {
                    Ok(bytes) => theme.add(&rel, bytes),
                    Err(err) => diags.error(
                        Span::file(format!("themes/default/{rel}")),
                        format!("cannot read this theme file: {err}"),
                    ),
                }
            }
            Ok(_) => {}
            Err(err) => diags.error(Span::file("themes/default/"), format!("cannot read the theme folder: {err}")),
        }
    }
    // A bad line leaves one word breakable; the rest of the list still applies.
    let (_, bad) = crate::text::thai::KeepWords::parse(&theme.thai_words);
    for b in bad {
        let file = format!("themes/default/{}", crate::model::theme::THAI_WORDS);
        diags.warning(Span::at(file, b.line, None), format!("{}; the line is left out", b.message));
    }
    theme
}
