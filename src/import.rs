//! `prakat import`: takes the files people hold (the office's export as CSV or .xlsx, the per-LAO
//! public report saved from a browser) and writes them as a site root's data: a new root that
//! builds at once, or another year (or more LAOs) in an existing one.
//!
//! Everything is read and checked first; nothing is written while any problem stands. The files
//! written are then checked by the pipeline as `prakat check` checks them, and put back as they
//! were if that fails.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostics, Span};
use crate::load::export::{self, Entry, Role};
use crate::load::table::{self, Table};
use crate::load::{catalog, registry, report};
use crate::model::{Catalog, LaoType, Unit};
use crate::text::dates::Date;
use crate::text::numbers::{arabic_digits, parse_number};

/// What to import and where.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The files to read.
    pub files: Vec<PathBuf>,
    /// The site root to write (created when missing).
    pub into: PathBuf,
    /// The year (พ.ศ.) for files that do not say it.
    pub year: Option<u16>,
    /// The LAO's code, for files that name the LAO without one (a saved report).
    pub lao: Option<String>,
    /// Province and district of an LAO the registry does not have yet, for a saved report.
    pub province: Option<String>,
    /// See `province`.
    pub district: Option<String>,
    /// Replace rows whose figures differ from those already in the root.
    pub force: bool,
    /// Column name -> role, for columns whose names are not known.
    pub map: Vec<(String, Role)>,
}

/// What an import wrote.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Files written, relative to the root.
    pub written: Vec<String>,
    /// Whether the root was created.
    pub new_root: bool,
    /// Data rows read from the files.
    pub rows_read: usize,
    /// Per year: LAOs and rows written from the files (rows read = rows written).
    pub years: BTreeMap<u16, (usize, usize)>,
    /// Rows written per year and LAO code.
    pub per_lao: BTreeMap<(u16, String), usize>,
    /// LAOs added to the registry.
    pub laos_added: usize,
    /// Rows that replaced a row with other figures (with `force`).
    pub replaced: usize,
    /// The day written as site.yaml's `data_as_of`, from a file's "ข้อมูล ณ" line (file, line).
    pub as_of: Option<(Date, String, usize)>,
    /// Warnings (and, from the check of what was written, any notes).
    pub diagnostics: Diagnostics,
}

/// One file read.
struct Source {
    file: String,
    table: Table,
    entries: Vec<Entry>,
    /// A saved report's LAO (type and name) and year.
    lao: Option<(LaoType, String)>,
    be: Option<u16>,
    /// Areas by number, as the file names them.
    areas: Vec<(u32, String)>,
    /// The file's "ข้อมูล ณ วันที่ ..." line: its line number and day.
    as_of: Option<(usize, Date)>,
}

impl Source {
    fn span(&self, e: &Entry, role: Role) -> Span {
        let row = &self.table.rows[e.row];
        match e.cell(role) {
            Some(c) if self.table.rows[e.row].raw.is_empty() && self.table.sheet.is_none() => {
                // A saved report: the HTML line and the cell's text.
                Span::at(&self.file, row.line, None).field(&c.header).source(format!("`{}`", c.text), 1)
            }
            Some(c) => self.table.span(&self.file, row, c.column, &c.header),
            None => Span::at(&self.file, row.line, None),
        }
    }
}

/// An LAO as a file names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct LaoKey {
    code: Option<String>,
    kind: Option<LaoType>,
    name: String,
    province: String,
    district: String,
}

/// One result row taken from a file, checked.
struct Item {
    src: usize,
    entry: usize,
    be: u16,
    lao: LaoKey,
    area: Option<u32>,
    id: Option<String>,
    /// The id was made from the area and the number before the wording (a report numbers
    /// indicators within the area as it lists them, which may skip the catalog's numbers).
    id_guessed: bool,
    text: String,
    target: Option<f64>,
    base: Option<f64>,
    delivered: Option<f64>,
    base_text: String,
    delivered_text: String,
    verdict: String,
}

/// A type as files write it: a key or label ([`LaoType::parse`]) or the abbreviations ทต. ทม. ทน.
pub fn parse_kind(s: &str) -> Option<LaoType> {
    let s = s.trim();
    LaoType::parse(s).or(match s.trim_end_matches('.') {
        "ทต" => Some(LaoType::SubdistrictMunicipality),
        "ทม" => Some(LaoType::TownMunicipality),
        "ทน" => Some(LaoType::CityMunicipality),
        _ => None,
    })
}

/// A Thai name as it is compared: NFC, sara am written one way (ํ + า as ำ), no spaces.
pub fn name_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String = s.nfc().collect::<String>().replace("\u{0e4d}\u{0e32}", "\u{0e33}");
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '\u{200b}' | '\u{feff}')).collect()
}

/// The name without a type word in front ("อบต.คลองท่อมใต้" -> Sao, "คลองท่อมใต้").
fn split_name(s: &str) -> (Option<LaoType>, String) {
    let s = s.trim();
    let mut best: Option<(usize, LaoType)> = None;
    for t in LaoType::ALL {
        for w in [t.prefix_th(), t.label_th()] {
            if s.starts_with(w) && best.is_none_or(|(len, _)| w.len() > len) {
                best = Some((w.len(), t));
            }
        }
    }
    for (w, t) in [
        ("ทต.", LaoType::SubdistrictMunicipality),
        ("ทม.", LaoType::TownMunicipality),
        ("ทน.", LaoType::CityMunicipality),
    ] {
        if s.starts_with(w) && best.is_none() {
            best = Some((w.len(), t));
        }
    }
    match best {
        Some((len, t)) if !matches!(t, LaoType::Bangkok | LaoType::Pattaya) => (Some(t), s[len..].trim().to_string()),
        Some((_, t)) => (Some(t), String::new()),
        None => (None, s.to_string()),
    }
}

/// The file's text, decoded as `build` decodes it (UTF-8, or windows-874 with a warning).
fn read_source(path: &Path, map: &[(String, Role)], diags: &mut Diagnostics) -> Option<Source> {
    let file = path.display().to_string();
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.error(Span::file(&file), format!("cannot read this file: {e}"));
            return None;
        }
    };
    let is_xlsx = bytes.starts_with(b"PK\x03\x04") || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        let table = table::from_xlsx(bytes, &file, diags)?;
        return from_table(file, table, map, diags);
    }
    let declared = report::declared_charset(&bytes);
    let (mut text, encoding) = crate::text::encoding::decode(bytes);
    if let Some((line, c, count)) = crate::text::encoding::scrub_controls(&mut text) {
        diags.warning(Span::at(&file, line, None), crate::text::encoding::controls_message(c, count));
    }
    match encoding {
        crate::text::encoding::Encoding::Windows874 if declared.is_none() => diags
            .warning(Span::file(&file), "the file is not UTF-8; it was read as windows-874 (Thai Excel's encoding)"),
        crate::text::encoding::Encoding::Utf16 => diags.warning(
            Span::file(&file),
            "the file is UTF-16 (it starts with a UTF-16 byte-order mark) and was read as such",
        ),
        _ => {}
    }
    if report::looks_like_html(&text) {
        let r = report::parse(&text, &file, diags)?;
        return Some(Source {
            file,
            table: r.table,
            entries: r.entries,
            lao: r.kind.map(|k| (k, r.name)),
            be: r.be,
            areas: r.areas,
            as_of: None,
        });
    }
    from_table(file, table::from_csv(&text), map, diags)
}

fn from_table(file: String, table: Table, map: &[(String, Role)], diags: &mut Diagnostics) -> Option<Source> {
    let layout = export::layout(&table, &file, map, diags)?;
    if !layout.unknown.is_empty() {
        let row = &table.rows[layout.header_row];
        diags.warning(
            Span::at(&file, row.line, None),
            format!(
                "columns not read: {} (name one with --map 'COLUMN=ROLE' to read it)",
                layout.unknown.iter().map(|(_, n)| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            ),
        );
    }
    let entries = export::entries(&table, &layout);
    let mut areas: Vec<(u32, String)> = Vec::new();
    for e in &entries {
        for (no, name) in report::areas_in(e.text(Role::Area)) {
            if !name.is_empty() && !areas.iter().any(|(n, _)| *n == no) {
                areas.push((no, name));
            }
        }
    }
    // The year: from a title row above the header, else from a verdict that names it.
    let be = table.rows[..layout.header_row]
        .iter()
        .find_map(|r| report::year_in(&r.cells.join(" ")))
        .or_else(|| entries.iter().find_map(|e| report::year_in(e.text(Role::Verdict))));
    Some(Source { file, table, entries, lao: None, be, areas, as_of: layout.as_of })
}

/// A figure cell: a number, `-` or empty (none), else an error at the cell.
fn figure(src: &Source, e: &Entry, role: Role, diags: &mut Diagnostics) -> Result<Option<f64>, ()> {
    match parse_number(e.text(role)) {
        Ok(v) => Ok(v),
        Err(_) => {
            diags.error(
                src.span(e, role),
                format!(
                    "`{}` is not a figure; expected a number from 0 to 999,999,999,999, or `-` for none",
                    e.text(role)
                ),
            );
            Err(())
        }
    }
}

/// The indicator's wording with the type's word as `{lao}`, as catalogs write it.
fn templated(text: &str, kind: LaoType) -> String {
    let word = kind.lao_word_th();
    let mut t = text.to_string();
    for w in [format!("ของ {word}"), format!("ของ{word}")] {
        if t.contains(&w) {
            return t.replacen(&w, "ของ {lao}", 1);
        }
    }
    if let Some(at) = t.find(word) {
        t.replace_range(at..at + word.len(), "{lao}");
    }
    t
}

/// Reads every file, checks every row, resolves every LAO and indicator against the root, and
/// writes the root's data files when nothing is wrong. On any problem nothing is written and
/// the diagnostics say what and where.
pub fn import(opts: &ImportOptions) -> Result<ImportReport, Diagnostics> {
    let mut diags = Diagnostics::new();
    if opts.files.is_empty() {
        diags.error(Span::file("-"), "no files to import; expected an export (.csv, .xlsx) or a saved report (.html)");
        return Err(diags);
    }
    let root = &opts.into;
    let new_root = !root.join("data").is_dir();
    if root.exists() && new_root && fs::read_dir(root).map(|mut d| d.next().is_some()).unwrap_or(false) {
        diags.error(
            Span::file(root.display().to_string()),
            "this folder has files but no data/; expected an existing site root (with data/laos.csv) or a new or empty folder",
        );
        return Err(diags);
    }
    // Column names from the command line, then those the root's site.yaml names (`columns:`).
    let mut map = opts.map.clone();
    let mut site_yaml: Option<(String, Option<Date>)> = None;
    if let Ok(b) = fs::read(root.join("data/site.yaml")) {
        let mut d = Diagnostics::new();
        let text = crate::text::encoding::decode(b).0;
        let settings = crate::load::site::parse(&text, "data/site.yaml", &mut d);
        map.extend(crate::load::column_map(settings.as_ref()));
        site_yaml = Some((text, settings.and_then(|s| s.data_as_of)));
    }
    let sources: Vec<Source> = opts.files.iter().filter_map(|f| read_source(f, &map, &mut diags)).collect();
    let rows_read: usize = sources.iter().map(|s| s.entries.len()).sum();

    // The root as it is: registry, and per year catalog and results.
    let mut reg_text = String::new();
    let reg = if new_root {
        None
    } else {
        match fs::read(root.join("data/laos.csv")) {
            Ok(b) => {
                reg_text = crate::text::encoding::decode(b).0;
                let mut d = Diagnostics::new();
                let r = registry::parse(&reg_text, "data/laos.csv", &mut d);
                if d.has_errors() {
                    diags.extend(d);
                    diags.error(
                        Span::file("data/laos.csv"),
                        "the root's registry has errors; fix them (prakat check) before importing",
                    );
                    return Err(diags);
                }
                Some(r)
            }
            Err(e) => {
                diags.error(Span::file("data/laos.csv"), format!("cannot read the root's registry: {e}"));
                return Err(diags);
            }
        }
    };

    // Items: every entry checked on its own.
    let mut items: Vec<Item> = Vec::new();
    for (si, src) in sources.iter().enumerate() {
        for (ei, e) in src.entries.iter().enumerate() {
            let be = match opts.year {
                Some(y) => Some(y),
                None if !e.text(Role::Year).is_empty() => {
                    let t = arabic_digits(e.text(Role::Year));
                    let y = report::year_in(&format!("ปี {t}"))
                        .or_else(|| t.trim().parse::<u16>().ok().filter(|y| (2400..=2700).contains(y)));
                    if y.is_none() {
                        diags.error(
                            src.span(e, Role::Year),
                            format!(
                                "`{}` is not a year; expected a Buddhist Era year such as 2567",
                                e.text(Role::Year)
                            ),
                        );
                        continue;
                    }
                    y
                }
                None => src.be,
            };
            let Some(be) = be else {
                diags.error(
                    src.span(e, Role::Base),
                    "no year for this row: the file has no year column and names none; expected --year BE (such as --year 2567)",
                );
                break;
            };
            let (name_kind, name) = split_name(e.text(Role::Name));
            let kind = match e.text(Role::Type) {
                "" => name_kind.or(src.lao.as_ref().map(|l| l.0)),
                t => match parse_kind(t) {
                    Some(k) => Some(k),
                    None => {
                        diags.error(
                            src.span(e, Role::Type),
                            format!("unknown LAO type `{t}`; expected อบจ., เทศบาลนคร, เทศบาลเมือง, เทศบาลตำบล, อบต., กรุงเทพมหานคร or เมืองพัทยา"),
                        );
                        continue;
                    }
                },
            };
            let name = if name.is_empty() { src.lao.as_ref().map(|l| l.1.clone()).unwrap_or_default() } else { name };
            // Thai digits in a code are read as Arabic ones (the registry's codes are Arabic).
            let code = Some(e.text(Role::Code).trim().to_string()).filter(|c| !c.is_empty()).map(|c| arabic_digits(&c));
            let code = code.or_else(|| opts.lao.clone());
            let (Ok(base), Ok(delivered)) =
                (figure(src, e, Role::Base, &mut diags), figure(src, e, Role::Delivered, &mut diags))
            else {
                continue;
            };
            if base.is_none() && delivered.is_some() {
                diags.error(
                    src.span(e, Role::Delivered),
                    format!(
                        "delivered (2) is `{}` but base (1) is `-`; expected a base whenever something was delivered",
                        e.text(Role::Delivered)
                    ),
                );
                continue;
            }
            let target = match e.text(Role::Target) {
                "" | "-" => None,
                t => match parse_number(t.trim_end_matches('%')) {
                    Ok(v) => v,
                    Err(_) => {
                        diags.error(
                            src.span(e, Role::Target),
                            format!("the target `{t}` is not a number; expected a number such as 80"),
                        );
                        continue;
                    }
                },
            };
            // The ratio the file shows must be what the figures give.
            if let (Some(b), Some(d), Ok(Some(shown))) = (base, delivered, parse_number(e.text(Role::Ratio)))
                && b > 0.0
                && ((d / b * 100.0) - shown).abs() > 0.01
            {
                diags.warning(
                        src.span(e, Role::Ratio),
                        format!("the file shows the ratio {shown} but (2) ÷ (1) × 100 is {:.2}; the site shows what the figures give", d / b * 100.0),
                    );
            }
            let id =
                Some(arabic_digits(e.text(Role::Indicator)).trim().to_string()).filter(|i| export::is_indicator_id(i));
            let text_cell = if e.text(Role::Text).is_empty() && !e.text(Role::Indicator).is_empty() && id.is_none() {
                e.text(Role::Indicator)
            } else {
                e.text(Role::Text)
            };
            let (no, text) = report::numbered(text_cell);
            let area = report::areas_in(e.text(Role::Area))
                .first()
                .map(|a| a.0)
                .or_else(|| arabic_digits(e.text(Role::Area)).trim().trim_end_matches('.').parse().ok());
            // A saved report numbers its indicators within each area as it lists them.
            let id_guessed = id.is_none() || src.lao.is_some();
            let id = id.or_else(|| area.zip(no).map(|(a, n)| format!("{a}.{n}")));
            let area = area.or_else(|| id.as_deref().and_then(|i| i.split('.').next()).and_then(|a| a.parse().ok()));
            items.push(Item {
                src: si,
                entry: ei,
                be,
                lao: LaoKey {
                    code,
                    kind,
                    name,
                    province: e.text(Role::Province).to_string(),
                    district: e.text(Role::District).to_string(),
                },
                area,
                id,
                id_guessed,
                text: text.trim().to_string(),
                target,
                base,
                delivered,
                base_text: e.text(Role::Base).to_string(),
                delivered_text: e.text(Role::Delivered).to_string(),
                verdict: e.text(Role::Verdict).to_string(),
            });
        }
    }
    let item_span = |it: &Item, role: Role| {
        let src = &sources[it.src];
        src.span(&src.entries[it.entry], role)
    };

    // LAOs: by code, else by type and name (and province) in the registry.
    struct NewLao {
        code: String,
        kind: LaoType,
        name: String,
        province: String,
        district: String,
    }
    let mut new_laos: Vec<NewLao> = Vec::new();
    let mut codes: Vec<Option<String>> = Vec::with_capacity(items.len());
    let mut resolved: HashMap<LaoKey, Option<String>> = HashMap::new();
    for it in &items {
        if let Some(c) = resolved.get(&it.lao) {
            codes.push(c.clone());
            continue;
        }
        let k = &it.lao;
        let found: Option<String> = match (&k.code, &reg) {
            (Some(code), Some(r)) if r.laos.iter().any(|l| &l.code == code) => Some(code.clone()),
            (Some(code), _) => {
                // Not in the registry: added, if the file says enough about it.
                let province =
                    if k.province.is_empty() { opts.province.clone().unwrap_or_default() } else { k.province.clone() };
                let district =
                    if k.district.is_empty() { opts.district.clone().unwrap_or_default() } else { k.district.clone() };
                let mut missing = Vec::new();
                if k.kind.is_none() {
                    missing.push("its type (ประเภท อปท.)");
                }
                if k.name.is_empty() && !matches!(k.kind, Some(LaoType::Bangkok | LaoType::Pattaya)) {
                    missing.push("its name (ชื่อ อปท.)");
                }
                if province.is_empty() {
                    missing.push("its province (จังหวัด, or --province)");
                }
                if district.is_empty() {
                    missing.push("its district (อำเภอ, or --district)");
                }
                if !registry::valid_code(code) {
                    diags.error(item_span(it, Role::Code), format!("the code `{code}` cannot be used in a web address; expected letters, digits, `-` or `_` (e.g. 5810401)"));
                    None
                } else if !missing.is_empty() {
                    diags.error(
                        item_span(it, Role::Code),
                        format!("LAO {code} is not in the root's registry, and the file does not give {}; expected them in the file or with the options", missing.join(", ")),
                    );
                    None
                } else {
                    if !new_laos.iter().any(|n| &n.code == code) {
                        new_laos.push(NewLao {
                            code: code.clone(),
                            kind: k.kind.unwrap_or(LaoType::Sao),
                            name: k.name.clone(),
                            province,
                            district,
                        });
                    }
                    Some(code.clone())
                }
            }
            (None, Some(r)) => {
                let want = name_key(&k.name);
                let candidates: Vec<usize> = (0..r.laos.len())
                    .filter(|&i| {
                        let l = &r.laos[i];
                        Some(l.kind) == k.kind
                            && name_key(&l.name_th) == want
                            && (k.province.is_empty()
                                || name_key(&r.provinces[l.province].name_th)
                                    == name_key(k.province.trim_start_matches("จังหวัด")))
                    })
                    .collect();
                let shown = format!("{}{}", k.kind.map_or("", |t| t.label_th()), k.name);
                match candidates.as_slice() {
                    [i] => Some(r.laos[*i].code.clone()),
                    [] => {
                        diags.error(
                            item_span(it, Role::Name),
                            format!("no LAO `{shown}` in data/laos.csv; expected an LAO of the registry (give its code with --lao CODE)"),
                        );
                        None
                    }
                    many => {
                        let list: Vec<String> = many
                            .iter()
                            .map(|&i| {
                                let l = &r.laos[i];
                                let p = &r.provinces[l.province];
                                format!("{} (จังหวัด{} อำเภอ{})", l.code, p.name_th, p.districts[l.district].name_th)
                            })
                            .collect();
                        diags.error(
                            item_span(it, Role::Name),
                            format!(
                                "{} LAOs are named `{shown}`: {}; expected one: give its code with --lao CODE",
                                many.len(),
                                list.join(", ")
                            ),
                        );
                        None
                    }
                }
            }
            (None, None) => {
                diags.error(
                    item_span(it, Role::Name),
                    format!("the file names the LAO `{}{}` but not its code, and the new root has no registry to find it in; expected --lao CODE (with --province and --district)", k.kind.map_or("", |t| t.label_th()), k.name),
                );
                None
            }
        };
        resolved.insert(it.lao.clone(), found.clone());
        codes.push(found);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let codes: Vec<String> = codes.into_iter().map(Option::unwrap_or_default).collect();
    let kind_of = |code: &str| -> LaoType {
        reg.as_ref()
            .and_then(|r| r.laos.iter().find(|l| l.code == code).map(|l| l.kind))
            .or_else(|| new_laos.iter().find(|n| n.code == code).map(|n| n.kind))
            .unwrap_or(LaoType::Sao)
    };

    // Per year: the catalog (the root's, or one made from the files) and the rows.
    let mut files: Vec<(String, String)> = Vec::new();
    let mut report_out = ImportReport { new_root, rows_read, ..ImportReport::default() };
    let mut years: Vec<u16> = items.iter().map(|i| i.be).collect();
    years.sort_unstable();
    years.dedup();
    for be in years {
        let in_year: Vec<usize> = (0..items.len()).filter(|&i| items[i].be == be).collect();
        let cat_rel = format!("data/{be}/catalog.yaml");
        let res_rel = format!("data/{be}/results.csv");
        if !new_root && root.join(format!("data/{be}/results.xlsx")).exists() {
            diags.error(Span::file(format!("data/{be}/results.xlsx")), format!("the root keeps {be}'s results as .xlsx; expected results.csv to add rows to (save the workbook as CSV UTF-8 first)"));
            continue;
        }
        let existing_cat: Option<Catalog> = match fs::read(root.join(&cat_rel)) {
            Ok(b) => {
                let mut d = Diagnostics::new();
                let c = catalog::parse(&crate::text::encoding::decode(b).0, &cat_rel, &mut d);
                if d.has_errors() || c.is_none() {
                    diags.extend(d);
                    continue;
                }
                c
            }
            Err(_) => None,
        };
        let mut ids: Vec<Option<String>> = vec![None; items.len()];
        match &existing_cat {
            Some(cat) => {
                for &i in &in_year {
                    let it = &items[i];
                    let kind = kind_of(&codes[i]);
                    let by_text = || {
                        let want = name_key(&templated(&it.text, kind));
                        cat.indicators.iter().find(|ind| {
                            name_key(&ind.text_th) == want || name_key(&ind.text_for(kind)) == name_key(&it.text)
                        })
                    };
                    let by_id = || it.id.as_deref().and_then(|id| cat.indicators.iter().find(|ind| ind.id == id));
                    // An id the file gives is the file's word; one made from a report's numbering
                    // yields to the wording, which names the indicator whatever the numbering.
                    let found = if it.id_guessed && !it.text.is_empty() {
                        by_text().or_else(by_id)
                    } else {
                        by_id().or_else(by_text)
                    };
                    match found {
                        Some(ind) => ids[i] = Some(ind.id.clone()),
                        None => diags.error(
                            item_span(it, if it.id.is_some() { Role::Indicator } else { Role::Text }),
                            format!(
                                "indicator `{}` is not in {cat_rel}; expected an id{} of that year's catalog",
                                it.id.clone().unwrap_or_else(|| it.text.clone()),
                                if it.text.is_empty() { "" } else { " or wording" }
                            ),
                        ),
                    }
                }
            }
            None => {
                let made = make_catalog(be, &in_year, &items, &codes, &kind_of, &sources, &item_span, &mut diags);
                if let Some((yaml, made_ids)) = made {
                    for (i, id) in made_ids {
                        ids[i] = Some(id);
                    }
                    files.push((cat_rel.clone(), yaml));
                }
            }
        }
        // Rows: one per LAO and indicator; the root's other rows kept.
        let mut rows: Vec<[String; 5]> = Vec::new();
        let mut at: HashMap<(String, String), usize> = HashMap::new();
        let mut lines: Vec<usize> = Vec::new();
        if let Ok(b) = fs::read(root.join(&res_rel)) {
            let text = crate::text::encoding::decode(b).0;
            if !crate::load::results::has_own_header(&text) {
                // The office's export dropped in place: its rows are kept, written back in
                // prakat's own columns.
                let t = table::from_csv(&text);
                let Some(layout) = export::layout(&t, &res_rel, &map, &mut diags) else { continue };
                for e in export::entries(&t, &layout) {
                    let row: [String; 5] = [
                        e.text(Role::Code).to_string(),
                        arabic_digits(e.text(Role::Indicator)),
                        e.text(Role::Base).to_string(),
                        e.text(Role::Delivered).to_string(),
                        e.text(Role::Verdict).to_string(),
                    ];
                    at.insert((row[0].clone(), row[1].clone()), rows.len());
                    rows.push(row);
                    lines.push(t.rows[e.row].line);
                }
                diags.warning(
                    Span::file(&res_rel),
                    "this results file was in the office's columns; it is written back in prakat's own (code,indicator,base,delivered,verdict) with the imported rows",
                );
            } else {
                let mut d = Diagnostics::new();
                crate::load::csvfile::read(&text, &res_rel, &crate::load::results::HEADER, &mut d, |rec, _| {
                    let row: [String; 5] = std::array::from_fn(|i| rec.get(i).to_string());
                    at.insert((row[0].clone(), row[1].clone()), rows.len());
                    rows.push(row);
                    lines.push(rec.line);
                });
                diags.extend(d);
            }
        }
        let before = rows.len();
        let mut mine: HashMap<(String, String), usize> = HashMap::new();
        let mut laos_here: Vec<&str> = Vec::new();
        let mut written = 0;
        for &i in &in_year {
            let (Some(id), it) = (&ids[i], &items[i]) else { continue };
            let key = (codes[i].clone(), id.clone());
            if let Some(&first) = mine.get(&key) {
                let f = &items[first];
                diags.error(
                    item_span(it, Role::Indicator),
                    format!("a second row for LAO {} and indicator {id} (the first is {}:{}); expected one row per LAO and indicator", key.0, sources[f.src].file, sources[f.src].table.rows[sources[f.src].entries[f.entry].row].line),
                );
                continue;
            }
            mine.insert(key.clone(), i);
            let row = [key.0.clone(), id.clone(), it.base_text.clone(), it.delivered_text.clone(), it.verdict.clone()];
            match at.get(&key) {
                Some(&r) if r < before => {
                    let old = &rows[r];
                    let same = parse_number(&old[2]).ok().flatten() == it.base
                        && parse_number(&old[3]).ok().flatten() == it.delivered;
                    if !same && !opts.force {
                        diags.error(
                            item_span(it, Role::Base),
                            format!(
                                "LAO {} indicator {id}: the file says ({}) {} and ({}) {}, but {res_rel} line {} has {} and {}; expected the same figures (--force replaces them)",
                                key.0, 1, it.base_text, 2, it.delivered_text, lines[r], old[2], old[3]
                            ),
                        );
                        continue;
                    }
                    if !same {
                        report_out.replaced += 1;
                    }
                    rows[r] = row;
                }
                _ => {
                    at.insert(key.clone(), rows.len());
                    rows.push(row);
                }
            }
            written += 1;
            *report_out.per_lao.entry((be, key.0.clone())).or_default() += 1;
            if !laos_here.contains(&codes[i].as_str()) {
                laos_here.push(&codes[i]);
            }
        }
        report_out.years.insert(be, (laos_here.len(), written));
        let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        let _ = out.write_record(crate::load::results::HEADER);
        for r in &rows {
            let _ = out.write_record(r);
        }
        files.push((res_rel, String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()));
    }
    if diags.has_errors() {
        return Err(diags);
    }

    // The registry, and for a new root its settings.
    if new_root || !new_laos.is_empty() {
        let mut text = if new_root { registry::HEADER.join(",") + "\n" } else { reg_text.clone() };
        if !text.ends_with('\n') && !text.is_empty() {
            text.push('\n');
        }
        let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        for n in &new_laos {
            let name = if matches!(n.kind, LaoType::Bangkok | LaoType::Pattaya) && n.name.is_empty() {
                n.kind.label_th().to_string()
            } else {
                n.name.clone()
            };
            let _ = out.write_record([
                n.code.as_str(),
                n.kind.key(),
                &name,
                "",
                n.province.trim_start_matches("จังหวัด").trim(),
                "",
                n.district.trim_start_matches("อำเภอ").trim(),
                "",
                "",
            ]);
        }
        text.push_str(&String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default());
        files.push(("data/laos.csv".into(), text));
        report_out.laos_added = new_laos.len();
    }
    // The files' latest "ข้อมูล ณ" day becomes site.yaml's data_as_of, unless it says a later one.
    let as_of = sources.iter().filter_map(|s| s.as_of.map(|(line, d)| (d, s.file.clone(), line))).max();
    if new_root {
        let mut text = SITE_YAML.to_string();
        if let Some((d, _, _)) = &as_of {
            text.push_str(&as_of_line(*d));
        }
        files.push(("data/site.yaml".into(), text));
        report_out.as_of = as_of;
    } else if let (Some((d, _, _)), Some((text, set))) = (&as_of, &site_yaml)
        && set.is_none_or(|set| set < *d)
    {
        files.push(("data/site.yaml".into(), with_as_of(text, *d)));
        report_out.as_of = as_of;
    }
    write_checked(root, new_root, &files, &mut report_out)?;
    report_out.written = files.into_iter().map(|(p, _)| p).collect();
    report_out.diagnostics.extend(diags);
    Ok(report_out)
}

/// site.yaml's line for the day the data is as of.
fn as_of_line(d: Date) -> String {
    format!("data_as_of: \"{}\"   # ข้อมูล ณ วันที่ {} (from the imported file)\n", d.iso(), d.thai())
}

/// site.yaml's text with its `data_as_of` line replaced by `d` (or added at the end).
fn with_as_of(text: &str, d: Date) -> String {
    let mut out = String::with_capacity(text.len() + 80);
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if !done && line.starts_with("data_as_of:") {
            out.push_str(&as_of_line(d));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    if !done {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&as_of_line(d));
    }
    out
}

/// A new root's settings: the office's title; no base_url (it cannot be known here).
const SITE_YAML: &str = "# Site settings (see docs/input-formats.md). Set base_url before printing notices:\n# base_url: \"https://www.example.go.th/results/\"\ntitle: {th: \"ผลการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะขององค์กรปกครองส่วนท้องถิ่น\", en: \"Minimum Standards Assessment of Local Public Services\"}\nsample_data: false\n";

/// A catalog made from the files' rows: areas by number, an indicator per id with its wording
/// (the type's word as `{lao}`), its unit from the wording (ร้อยละ: percent, จำนวน: count) and
/// its target (per type where types differ). Returns the YAML and each row's indicator id.
#[allow(clippy::too_many_arguments)]
fn make_catalog(
    be: u16,
    rows: &[usize],
    items: &[Item],
    codes: &[String],
    kind_of: &dyn Fn(&str) -> LaoType,
    sources: &[Source],
    item_span: &dyn Fn(&Item, Role) -> Span,
    diags: &mut Diagnostics,
) -> Option<(String, Vec<(usize, String)>)> {
    struct Ind {
        id: String,
        area: u32,
        texts: Vec<(LaoType, String)>,
        targets: Vec<(LaoType, f64)>,
        kinds: Vec<LaoType>,
    }
    let mut all_kinds: Vec<LaoType> = rows.iter().map(|&i| kind_of(&codes[i])).collect();
    all_kinds.sort();
    all_kinds.dedup();
    let mut inds: Vec<Ind> = Vec::new();
    let mut ids = Vec::new();
    let mut ok = true;
    for &i in rows {
        let it = &items[i];
        let Some(id) = it.id.clone() else {
            diags.error(
                item_span(it, Role::Text),
                "no indicator id for this row: no ตัวชี้วัด column and no number before the wording (such as `2. ร้อยละ...`); expected one of them",
            );
            ok = false;
            continue;
        };
        let Some(area) = it.area else {
            diags.error(
                item_span(it, Role::Area),
                format!("no area for indicator {id}; expected a ด้าน column or an id such as 1.1"),
            );
            ok = false;
            continue;
        };
        let kind = kind_of(&codes[i]);
        let ind = match inds.iter_mut().position(|x| x.id == id) {
            Some(p) => &mut inds[p],
            None => {
                inds.push(Ind { id: id.clone(), area, texts: Vec::new(), targets: Vec::new(), kinds: Vec::new() });
                inds.last_mut()?
            }
        };
        if !ind.kinds.contains(&kind) {
            ind.kinds.push(kind);
        }
        if !it.text.is_empty() && !ind.texts.iter().any(|(k, _)| *k == kind) {
            ind.texts.push((kind, it.text.clone()));
        }
        match it.target {
            Some(t) => match ind.targets.iter().find(|(k, _)| *k == kind) {
                Some((_, old)) if *old != t => {
                    diags.error(
                        item_span(it, Role::Target),
                        format!("indicator {id} has the target {old} for {} on another row and {t} here; expected one target per type", kind.label_th()),
                    );
                    ok = false;
                }
                Some(_) => {}
                None => ind.targets.push((kind, t)),
            },
            None => {
                diags.error(
                    item_span(it, Role::Target),
                    format!("no target for indicator {id}; expected ค่าเป้าหมาย (the root has no catalog for {be} to take it from)"),
                );
                ok = false;
            }
        }
        ids.push((i, id));
    }
    if !ok {
        return None;
    }
    let mut areas: Vec<(u32, String)> = Vec::new();
    for ind in &inds {
        if !areas.iter().any(|(n, _)| *n == ind.area) {
            let name =
                sources.iter().flat_map(|s| s.areas.iter()).find(|(n, _)| *n == ind.area).map(|(_, n)| n.clone());
            areas.push((ind.area, name.unwrap_or_else(|| format!("ด้านที่ {}", ind.area))));
        }
    }
    areas.sort();
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut y = format!(
        "# Made by prakat import from the office's files: check the wording and targets.\ntitle_th: {}\nareas:\n",
        q(&format!("การประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะขององค์กรปกครองส่วนท้องถิ่น ประจำปี พ.ศ. {be}"))
    );
    for (no, name) in &areas {
        y.push_str(&format!("  - {{no: {no}, name_th: {}}}\n", q(name)));
    }
    y.push_str("indicators:\n");
    let mut sorted: Vec<&Ind> = inds.iter().collect();
    sorted.sort_by_key(|i| i.id.split('.').map(|p| p.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>());
    for ind in sorted {
        let templates: Vec<String> = ind.texts.iter().map(|(k, t)| templated(t, *k)).collect();
        let text = match templates.first() {
            Some(first) if templates.iter().all(|t| name_key(t) == name_key(first)) => first.clone(),
            Some(first) => {
                diags.warning(
                    Span::file(format!("data/{be}/catalog.yaml")),
                    format!("indicator {} is worded differently for different types beyond the type's word; the wording for {} is kept", ind.id, ind.texts[0].0.label_th()),
                );
                first.clone()
            }
            None => format!("ตัวชี้วัด {}", ind.id),
        };
        let unit = if text.starts_with("จำนวน") { Unit::Count } else { Unit::Percent };
        y.push_str(&format!(
            "  - id: {}\n    area: {}\n    unit: {}\n    text_th: {}\n",
            q(&ind.id),
            ind.area,
            if unit == Unit::Count { "count" } else { "percent" },
            q(&text)
        ));
        // One target for every type, or a target per type seen where they differ.
        match ind.targets.as_slice() {
            [(_, t), rest @ ..] if rest.iter().all(|(_, x)| x == t) => {
                y.push_str(&format!("    target: {}\n", crate::load::xlsx::number_text(*t)));
            }
            many => {
                // The most common target is the default; the types that differ are listed.
                let by_type: BTreeMap<LaoType, f64> = many.iter().copied().collect();
                let mut common = many[0].1;
                let mut best = 0;
                for (_, t) in many {
                    let n = many.iter().filter(|(_, x)| x == t).count();
                    if n > best {
                        (common, best) = (*t, n);
                    }
                }
                let mut parts = vec![format!("default: {}", crate::load::xlsx::number_text(common))];
                parts.extend(
                    by_type
                        .iter()
                        .filter(|(_, t)| **t != common)
                        .map(|(k, t)| format!("{}: {}", k.key(), crate::load::xlsx::number_text(*t))),
                );
                y.push_str(&format!("    target: {{{}}}\n", parts.join(", ")));
            }
        }
        // Types with LAOs in the files but no row of this indicator are not assessed on it.
        if ind.kinds.len() < all_kinds.len() {
            let mut kinds = ind.kinds.clone();
            kinds.sort();
            let keys: Vec<&str> = kinds.iter().map(|k| k.key()).collect();
            y.push_str(&format!("    applies_to: [{}]\n", keys.join(", ")));
        }
    }
    Some((y, ids))
}

/// Writes `files` under `root` (each through a temporary file and a rename), then checks the
/// root with the pipeline; on an error every file is put back as it was (or removed).
fn write_checked(
    root: &Path,
    new_root: bool,
    files: &[(String, String)],
    report: &mut ImportReport,
) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut previous: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    let mut failed = None;
    for (rel, text) in files {
        let path = root.join(rel);
        previous.push((path.clone(), fs::read(&path).ok()));
        let tmp = path.with_extension("prakat-import.tmp");
        let res = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&tmp, text))
            .and_then(|()| fs::rename(&tmp, &path));
        if let Err(e) = res {
            let _ = fs::remove_file(&tmp);
            failed = Some((rel.clone(), e));
            break;
        }
    }
    let put_back = |previous: &[(PathBuf, Option<Vec<u8>>)]| {
        for (path, old) in previous {
            match old {
                Some(b) => {
                    let _ = fs::write(path, b);
                }
                None => {
                    let _ = fs::remove_file(path);
                }
            }
        }
        if new_root {
            let _ = fs::remove_dir_all(root.join("data"));
            let _ = fs::remove_dir(root);
        }
    };
    if let Some((rel, e)) = failed {
        put_back(&previous);
        diags.error(Span::file(rel), format!("cannot write this file: {e}; nothing was imported"));
        return Err(diags);
    }
    let checked = crate::pipeline::check(&crate::pipeline::Config::new(root));
    if checked.has_errors() {
        put_back(&previous);
        let mut d = checked;
        d.error(
            Span::file(root.display().to_string()),
            "the imported data does not pass `prakat check`; nothing was imported",
        );
        return Err(d);
    }
    report.diagnostics.extend(checked);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_types_are_read_as_people_write_them() {
        assert_eq!(split_name("อบต.คลองท่อมใต้"), (Some(LaoType::Sao), "คลองท่อมใต้".into()));
        assert_eq!(split_name("เทศบาลตำบลคลองท่อมใต้"), (Some(LaoType::SubdistrictMunicipality), "คลองท่อมใต้".into()));
        assert_eq!(split_name("ทต.คลองท่อมใต้"), (Some(LaoType::SubdistrictMunicipality), "คลองท่อมใต้".into()));
        assert_eq!(split_name("คลองท่อมใต้"), (None, "คลองท่อมใต้".into()));
        assert_eq!(parse_kind("ทม."), Some(LaoType::TownMunicipality));
        assert_eq!(name_key("ท่าน\u{0e4d}\u{0e32} "), name_key("ท่าน\u{0e33}"));
    }

    #[test]
    fn the_as_of_day_replaces_or_joins_site_yaml() {
        let d = Date::new(2024, 9, 30).unwrap();
        let set = with_as_of("title: {th: x}\ndata_as_of: \"2023-01-01\"\nsample_data: false\n", d);
        assert!(set.starts_with("title: {th: x}\ndata_as_of: \"2024-09-30\""), "{set}");
        assert!(set.ends_with("sample_data: false\n") && !set.contains("2023"), "{set}");
        let added = with_as_of("title: {th: x}", d);
        assert_eq!(added.lines().nth(1).map(|l| l.starts_with("data_as_of: \"2024-09-30\"")), Some(true), "{added}");
    }

    #[test]
    fn wording_per_type_becomes_one_template() {
        assert_eq!(templated("ร้อยละของถนนของ อบต. ที่ได้รับการบำรุง", LaoType::Sao), "ร้อยละของถนนของ {lao} ที่ได้รับการบำรุง");
        assert_eq!(
            templated("ร้อยละของถนนของเทศบาลที่ได้รับ", LaoType::SubdistrictMunicipality),
            templated("ร้อยละของถนนของอบต.ที่ได้รับ", LaoType::Sao)
        );
    }
}
