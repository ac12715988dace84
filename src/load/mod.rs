//! Load: read every input file of a site root and validate it into a [`Site`].
//!
//! This is the only stage that reads the input. Parsers take text, so they are tested without
//! files; this module does the reading and reports every problem it finds in one pass.

pub mod catalog;
pub mod csvfile;
pub mod registry;
pub mod results;
pub mod site;
pub mod text;
pub mod yaml;

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use rayon::prelude::*;

use crate::diag::{Diagnostics, Span};
use crate::model::{Site, Year};
use text::Encoding;

/// Reads a file as text, noting the encoding when it is not UTF-8.
fn read_text(root: &Path, rel: &str, diags: &mut Diagnostics) -> Option<String> {
    match fs::read(root.join(rel)) {
        Ok(bytes) => {
            let (text, enc) = text::decode(&bytes);
            if enc == Encoding::Windows874 {
                diags.warning(Span::file(rel), "the file is not UTF-8; it was read as windows-874 (Thai Excel's encoding). Save it as UTF-8 to be sure.");
            }
            Some(text)
        }
        Err(e) => {
            diags.error(Span::file(rel), format!("cannot read this file: {e}"));
            None
        }
    }
}

/// Reads and validates the whole input under `root`. Returns the site when no error was found;
/// the diagnostics hold every problem (and warnings) either way.
pub fn load(root: &Path) -> (Option<Site>, Diagnostics) {
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
        read_text(root, "data/site.yaml", &mut diags).and_then(|t| site::parse(&t, "data/site.yaml", &mut diags));
    let registry =
        read_text(root, "data/laos.csv", &mut diags).map(|t| registry::parse(&t, "data/laos.csv", &mut diags));

    let mut year_dirs: Vec<(u16, String)> = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(&data).map(|rd| rd.filter_map(Result::ok).collect()).unwrap_or_default();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.path().is_dir() {
            continue;
        }
        match name.parse::<u16>() {
            Ok(y) if (2400..=2700).contains(&y) => year_dirs.push((y, name)),
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
    if let Some(reg) = &registry {
        let codes: HashMap<&str, usize> = reg.laos.iter().enumerate().map(|(i, l)| (l.code.as_str(), i)).collect();
        // Years are independent: read and check them in parallel, then report in year order.
        let loaded: Vec<(Option<Year>, Diagnostics)> = year_dirs
            .par_iter()
            .map(|(be, name)| {
                let mut diags = Diagnostics::new();
                let year = (|| {
                    let cat_rel = format!("data/{name}/catalog.yaml");
                    let res_rel = format!("data/{name}/results.csv");
                    let has_cat = root.join(&cat_rel).is_file();
                    let has_res = root.join(&res_rel).is_file();
                    if !has_cat {
                        if has_res {
                            diags.error(
                                Span::file(&res_rel),
                                format!("results for {be} but no catalog; expected {cat_rel} beside it"),
                            );
                        } else {
                            diags.warning(
                                Span::file(format!("data/{name}/")),
                                "this year folder has neither catalog.yaml nor results.csv; it is not read",
                            );
                        }
                        return None;
                    }
                    let catalog =
                        read_text(root, &cat_rel, &mut diags).and_then(|t| catalog::parse(&t, &cat_rel, &mut diags))?;
                    let measures = if has_res {
                        read_text(root, &res_rel, &mut diags)
                            .map(|t| results::parse(&t, &res_rel, &reg.laos, &codes, &catalog, &mut diags))
                            .unwrap_or_default()
                    } else {
                        diags.warning(
                            Span::file(&cat_rel),
                            format!("a catalog for {be} but no results.csv; the year is published without results"),
                        );
                        Vec::new()
                    };
                    Some(Year { be: *be, catalog, measures, results_file: res_rel })
                })();
                (year, diags)
            })
            .collect();
        for (year, d) in loaded {
            diags.extend(d);
            years.extend(year);
        }
    }
    if year_dirs.is_empty() {
        diags.warning(Span::file("data/"), "no year folders (such as data/2567/); the site has no results");
    }
    if diags.has_errors() {
        return (None, diags);
    }
    match (settings, registry) {
        (Some(settings), Some(reg)) => {
            (Some(Site { settings, provinces: reg.provinces, laos: reg.laos, years }), diags)
        }
        _ => (None, diags),
    }
}

/// The theme: the embedded default, with any file under `<root>/themes/default/` replacing
/// the embedded file of the same path.
pub fn load_theme(root: &Path, diags: &mut Diagnostics) -> crate::theme::Theme {
    let mut theme = crate::theme::Theme::embedded();
    let dir = root.join("themes/default");
    if !dir.is_dir() {
        return theme;
    }
    let mut files: Vec<_> = walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().collect();
    for entry in files.drain(..) {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(&dir).unwrap_or(e.path()).to_string_lossy().replace('\\', "/");
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
    theme
}
