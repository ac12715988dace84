//! The office's export: one flat table with Thai column names in its own order, extra columns,
//! title rows above the header; long (a row per LAO and indicator) or wide (a row per LAO,
//! columns per indicator). This module finds the header, gives each column its role and turns
//! every data row into [`Entry`]s, the same shape a saved report gives ([`crate::load::report`]).

use crate::diag::{Diagnostics, Span};
use crate::load::table::{Row, Table};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// รหัส อปท.
    Code,
    /// ชื่อ อปท.
    Name,
    /// ประเภท อปท.
    Type,
    /// จังหวัด
    Province,
    /// อำเภอ
    District,
    /// ปี (พ.ศ.)
    Year,
    /// ด้าน
    Area,
    /// ภารกิจ
    Mission,
    /// ตัวชี้วัด: the indicator's id (`1.1`).
    Indicator,
    /// เกณฑ์ชี้วัด: the indicator's wording.
    Text,
    /// ค่าเป้าหมาย (%)
    Target,
    /// กรอบการประเมิน (1)
    Base,
    /// การจัดบริการสาธารณะ (2)
    Delivered,
    /// (2) เทียบกับ (1) %
    Ratio,
    /// ผลการประเมิน
    Verdict,
    /// A column to leave out (given with `--map`).
    Ignore,
}

/// Every role, in the order of [`Role`].
pub const ROLES: [Role; 16] = [
    Role::Code,
    Role::Name,
    Role::Type,
    Role::Province,
    Role::District,
    Role::Year,
    Role::Area,
    Role::Mission,
    Role::Indicator,
    Role::Text,
    Role::Target,
    Role::Base,
    Role::Delivered,
    Role::Ratio,
    Role::Verdict,
    Role::Ignore,
];

impl Role {
    /// The name `--map` and messages use.
    pub fn key(self) -> &'static str {
        match self {
            Role::Code => "code",
            Role::Name => "name",
            Role::Type => "type",
            Role::Province => "province",
            Role::District => "district",
            Role::Year => "year",
            Role::Area => "area",
            Role::Mission => "mission",
            Role::Indicator => "indicator",
            Role::Text => "text",
            Role::Target => "target",
            Role::Base => "base",
            Role::Delivered => "delivered",
            Role::Ratio => "ratio",
            Role::Verdict => "verdict",
            Role::Ignore => "ignore",
        }
    }

    /// The role named `key` (see [`Role::key`]).
    pub fn parse(key: &str) -> Option<Role> {
        ROLES.into_iter().find(|r| r.key() == key.trim())
    }

    /// The official Thai column name, for messages.
    pub fn official(self) -> &'static str {
        match self {
            Role::Code => "รหัส อปท.",
            Role::Name => "ชื่อ อปท.",
            Role::Type => "ประเภท อปท.",
            Role::Province => "จังหวัด",
            Role::District => "อำเภอ",
            Role::Year => "ปี",
            Role::Area => "ด้าน",
            Role::Mission => "ภารกิจ",
            Role::Indicator => "ตัวชี้วัด",
            Role::Text => "เกณฑ์ชี้วัด",
            Role::Target => "ค่าเป้าหมาย (%)",
            Role::Base => "กรอบการประเมิน (1)",
            Role::Delivered => "การจัดบริการสาธารณะ (2)",
            Role::Ratio => "(2) เทียบกับ (1) %",
            Role::Verdict => "ผลการประเมิน",
            Role::Ignore => "-",
        }
    }
}

/// Column names each role is known by, as [`header_key`] writes them (no spaces, lower case).
/// Both the office's Thai names with their common variants and prakat's own English ones.
const NAMES: &[(Role, &[&str])] = &[
    (Role::Code, &["รหัสอปท.", "รหัสอปท", "รหัสองค์กรปกครองส่วนท้องถิ่น", "รหัสท้องถิ่น", "code", "dla_code", "lao_code"]),
    (
        Role::Name,
        &["ชื่ออปท.", "ชื่ออปท", "ชื่อองค์กรปกครองส่วนท้องถิ่น", "อปท.", "อปท", "องค์กรปกครองส่วนท้องถิ่น", "name_th", "name"],
    ),
    (Role::Type, &["ประเภทอปท.", "ประเภทอปท", "ประเภทองค์กรปกครองส่วนท้องถิ่น", "ประเภท", "type"]),
    (Role::Province, &["จังหวัด", "province", "province_th"]),
    (Role::District, &["อำเภอ", "อำเภอ/เขต", "เขต", "district", "district_th"]),
    (Role::Year, &["ปี", "ปีพ.ศ.", "ปีงบประมาณ", "ปีงบประมาณพ.ศ.", "ปีที่ประเมิน", "year"]),
    (Role::Area, &["ด้าน", "ด้านที่", "ด้านการประเมิน", "บริการสาธารณะ", "ด้านบริการสาธารณะ", "area"]),
    (Role::Mission, &["ภารกิจ", "ภารกิจที่", "mission"]),
    (Role::Indicator, &["ตัวชี้วัด", "ตัวชี้วัดที่", "ลำดับตัวชี้วัด", "รหัสตัวชี้วัด", "เลขตัวชี้วัด", "indicator", "indicator_id"]),
    (Role::Text, &["เกณฑ์ชี้วัด", "เกณฑ์การชี้วัด", "ชื่อตัวชี้วัด", "รายละเอียดตัวชี้วัด", "text_th", "indicator_text"]),
    (Role::Target, &["ค่าเป้าหมาย", "ค่าเป้าหมายร้อยละ", "เป้าหมาย", "target"]),
    (Role::Base, &["กรอบการประเมิน", "(1)", "base"]),
    (Role::Delivered, &["การจัดบริการสาธารณะ", "(2)", "delivered"]),
    (Role::Ratio, &["(2)เทียบกับ(1)", "(2)/(1)", "(2)÷(1)", "ratio"]),
    (Role::Verdict, &["ผลการประเมิน", "ผล", "verdict"]),
];

/// A column name as it is compared: NFC, without spaces (also no-break and zero-width ones),
/// lower case, Thai digits as Arabic.
pub fn header_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String =
        s.nfc().filter(|c| !c.is_whitespace() && !matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}')).collect();
    crate::text::numbers::arabic_digits(&s.to_lowercase())
}

/// The role a column name is known by, if any: the name as it is, then without `(%)` or `%`,
/// then without `(1)` / `(2)` (`กรอบการประเมิน (1)` is `กรอบการประเมิน`).
pub fn role_of(name: &str) -> Option<Role> {
    let key = header_key(name);
    let find = |k: &str| NAMES.iter().find(|(_, names)| names.contains(&k)).map(|(r, _)| *r);
    if key.is_empty() {
        return None;
    }
    if let Some(r) = find(&key) {
        return Some(r);
    }
    let no_percent = key.replace("(%)", "").replace("(ร้อยละ)", "").replace('%', "");
    if let Some(r) = find(&no_percent) {
        return Some(r);
    }
    if no_percent.contains("เทียบ") {
        return Some(Role::Ratio);
    }
    let bare = no_percent.replace("(1)", "").replace("(2)", "");
    if bare.is_empty() { None } else { find(&bare) }
}

/// A column of a wide table: one indicator's figure.
fn wide_role(name: &str) -> Option<(String, Role)> {
    let key = header_key(name);
    let id = indicator_id_in(&key)?;
    let rest = key.replacen(&id, "", 1);
    let role = if rest.contains("เทียบ") || rest.contains("(2)/(1)") || rest.contains('%') {
        Role::Ratio
    } else if rest.contains("(1)") || rest.contains("กรอบ") || rest.contains("base") {
        Role::Base
    } else if rest.contains("(2)") || rest.contains("การจัดบริการ") || rest.contains("delivered")
    {
        Role::Delivered
    } else if rest.contains("ผล") || rest.contains("verdict") {
        Role::Verdict
    } else if rest.contains("เป้าหมาย") || rest.contains("target") {
        Role::Target
    } else {
        return None;
    };
    Some((id, role))
}

/// The first indicator id (`1.1`, `10.12`) in `s`.
fn indicator_id_in(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit() && b[i - 1] != b'.') {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                return Some(s[start..i].to_string());
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Whether `s` reads as an indicator id: digits and dots, starting with a digit (`1.1`, `๑.๒`).
pub fn is_indicator_id(s: &str) -> bool {
    let s = crate::text::numbers::arabic_digits(s.trim());
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !s.ends_with('.')
}

/// A cell of an entry, with the column it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The text, trimmed.
    pub text: String,
    /// Column index in its row (for the caret or the cell name).
    pub column: usize,
    /// The column's name as the file writes it.
    pub header: String,
}

/// One indicator's result for one LAO, as a file gives it: every part optional, every part
/// with where it came from. Shared by exports and saved reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Index of the row in its [`Table`].
    pub row: usize,
    /// Cells by role (index: the role's place in [`ROLES`]).
    pub cells: Vec<Option<Cell>>,
}

impl Entry {
    fn new(row: usize) -> Self {
        Entry { row, cells: vec![None; ROLES.len()] }
    }

    /// The cell of `role`, if the file has it.
    pub fn cell(&self, role: Role) -> Option<&Cell> {
        self.cells[role as usize].as_ref()
    }

    /// The text of `role`, or "" when the file has none.
    pub fn text(&self, role: Role) -> &str {
        self.cell(role).map_or("", |c| c.text.as_str())
    }

    /// Sets the cell of `role`.
    pub fn set(&mut self, role: Role, cell: Cell) {
        self.cells[role as usize] = Some(cell);
    }
}

/// How the columns of a table were read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// Index of the header row in the table's rows.
    pub header_row: usize,
    /// Column -> role, for the columns of one value per row.
    pub columns: Vec<(usize, Role)>,
    /// Wide tables: column -> (indicator id, role).
    pub wide: Vec<(usize, String, Role)>,
    /// Columns with a name no role is known by (left out).
    pub unknown: Vec<(usize, String)>,
    /// The day the data is as of, from a title row above the header ("ข้อมูล ณ วันที่ ..."),
    /// with that row's line in the file.
    pub as_of: Option<(usize, crate::text::dates::Date)>,
}

impl Layout {
    /// The column of `role`.
    pub fn column(&self, role: Role) -> Option<usize> {
        self.columns.iter().find(|(_, r)| *r == role).map(|(c, _)| *c)
    }
}

/// How many of the first rows are searched for the header.
const HEADER_SEARCH: usize = 30;

/// Finds the header among the first rows: the first row naming the base (1) or the delivered
/// (2) figures, or a wide table's columns, with at least three known columns. `map` gives roles
/// to column names by the user's word (`--map`), before the known names.
pub fn layout(table: &Table, file: &str, map: &[(String, Role)], diags: &mut Diagnostics) -> Option<Layout> {
    let mapped = |name: &str| map.iter().find(|(n, _)| header_key(n) == header_key(name)).map(|(_, r)| *r);
    for (i, row) in table.rows.iter().enumerate().take(HEADER_SEARCH) {
        let mut l = Layout { header_row: i, ..Layout::default() };
        for (c, name) in row.cells.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            match mapped(name).or_else(|| role_of(name)) {
                Some(Role::Ignore) => {}
                Some(role) if l.column(role).is_none() => l.columns.push((c, role)),
                Some(role) => {
                    diags.warning(
                        table.span(file, row, c, name),
                        format!(
                            "a second `{}` column (`{name}`); the first one is read and this one left out",
                            role.key()
                        ),
                    );
                }
                None => match wide_role(name) {
                    Some((id, role)) => l.wide.push((c, id, role)),
                    None => l.unknown.push((c, name.clone())),
                },
            }
        }
        let long = l.column(Role::Base).is_some() || l.column(Role::Delivered).is_some();
        let wide = l.wide.iter().any(|(_, _, r)| matches!(r, Role::Base | Role::Delivered));
        if (long || wide) && l.columns.len() + l.wide.len() >= 3 {
            if long && wide {
                // A long table whose extra columns happen to mention an id: read it long.
                l.unknown.extend(l.wide.drain(..).map(|(c, _, _)| (c, row.cells[c].clone())));
            }
            l.as_of = table.rows[..i]
                .iter()
                .find_map(|row| crate::text::dates::as_of_in(&row.cells.join(" ")).map(|d| (row.line, d)));
            return Some(l);
        }
    }
    let first = table.rows.first();
    diags.error(
        first.map_or_else(|| Span::file(file), |r| Span::at(file, r.line, None)),
        format!(
            "no header row in the first {HEADER_SEARCH} rows; expected the office's column names ({}) or prakat's (code, indicator, base, delivered, verdict); name other columns with --map 'COLUMN=ROLE' (roles: {})",
            [Role::Code, Role::Indicator, Role::Base, Role::Delivered, Role::Verdict]
                .iter()
                .map(|r| r.official())
                .collect::<Vec<_>>()
                .join(", "),
            ROLES.iter().map(|r| r.key()).collect::<Vec<_>>().join(", ")
        ),
    );
    None
}

/// Every data row below the header as entries: one per row of a long table, one per indicator
/// of a wide table's row (an indicator whose cells are all empty in that row is left out).
pub fn entries(table: &Table, layout: &Layout) -> Vec<Entry> {
    let header = &table.rows[layout.header_row].cells;
    let cell = |row: &Row, c: usize| Cell {
        text: row.cells.get(c).cloned().unwrap_or_default(),
        column: c,
        header: header.get(c).cloned().unwrap_or_default(),
    };
    let mut out = Vec::new();
    for (r, row) in table.rows.iter().enumerate().skip(layout.header_row + 1) {
        // A repeated header (exports glued together) is no data.
        if row.cells == *header {
            continue;
        }
        let mut common = Entry::new(r);
        for &(c, role) in &layout.columns {
            common.set(role, cell(row, c));
        }
        if layout.wide.is_empty() {
            out.push(common);
            continue;
        }
        let mut ids: Vec<&str> = Vec::new();
        for (_, id, _) in &layout.wide {
            if !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
        for id in ids {
            let mut e = common.clone();
            let mut any = false;
            for (c, _, role) in layout.wide.iter().filter(|(_, i, _)| i == id) {
                let x = cell(row, *c);
                any |= !x.text.is_empty();
                if *role == Role::Base || e.cell(Role::Indicator).is_none() {
                    e.set(Role::Indicator, Cell { text: id.to_string(), ..x.clone() });
                }
                e.set(*role, x);
            }
            if any {
                out.push(e);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::table::from_csv;

    #[test]
    fn official_names_and_their_variants_are_known() {
        for (name, role) in [
            ("รหัส อปท.", Role::Code),
            ("รหัสอปท", Role::Code),
            (" ชื่อ อปท. ", Role::Name),
            ("ประเภท อปท.", Role::Type),
            ("ค่าเป้าหมาย (%)", Role::Target),
            ("ค่าเป้าหมาย(ร้อยละ)", Role::Target),
            ("กรอบการประเมิน (1)", Role::Base),
            ("กรอบการประเมิน", Role::Base),
            ("การจัดบริการสาธารณะ (2)", Role::Delivered),
            ("(2) เทียบกับ (1) %", Role::Ratio),
            ("(2) เทียบ กับ (1) %", Role::Ratio),
            ("ผลการประเมิน", Role::Verdict),
            ("ลำดับตัวชี้วัด", Role::Indicator),
            ("เกณฑ์ชี้วัด", Role::Text),
            ("base", Role::Base),
            ("BASE", Role::Base),
        ] {
            assert_eq!(role_of(name), Some(role), "{name}");
        }
        assert_eq!(role_of("ลำดับ"), None, "a row number is not an indicator id");
        assert_eq!(role_of("วันที่บันทึก"), None);
    }

    #[test]
    fn the_header_is_found_below_title_rows_and_extra_columns_are_named() {
        let t = from_csv(
            "สรุปผลการประเมิน ปี 2567\n\nลำดับ,จังหวัด,รหัส อปท.,ตัวชี้วัด,กรอบการประเมิน (1),การจัดบริการสาธารณะ (2),วันที่บันทึก\n1,กระบี่,5810401,1.1,20,16,1/1/2567\n",
        );
        let mut d = Diagnostics::new();
        let l = layout(&t, "x.csv", &[], &mut d).expect("header");
        assert_eq!(l.header_row, 1);
        assert_eq!(l.column(Role::Code), Some(2));
        assert_eq!(l.unknown.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(), ["ลำดับ", "วันที่บันทึก"]);
        let e = entries(&t, &l);
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].text(Role::Code), e[0].text(Role::Base), e[0].text(Role::Delivered)), ("5810401", "20", "16"));
        assert_eq!(l.as_of, None, "no as-of line");
    }

    #[test]
    fn the_as_of_line_above_the_header_is_read() {
        // In a spreadsheet the label and the date may be two cells of the row.
        let t = from_csv(
            "สรุปผลการประเมิน ปี 2567\nข้อมูล ณ วันที่,30 กันยายน 2567\nรหัส อปท.,ตัวชี้วัด,กรอบการประเมิน (1),การจัดบริการสาธารณะ (2)\n5810401,1.1,20,16\n",
        );
        let l = layout(&t, "x.csv", &[], &mut Diagnostics::new()).expect("header");
        assert_eq!(l.as_of.map(|(line, d)| (line, d.iso())), Some((2, "2024-09-30".to_string())));
    }

    #[test]
    fn a_wide_table_gives_an_entry_per_indicator() {
        let t =
            from_csv("รหัส อปท.,ชื่อ อปท.,1.1 (1),1.1 (2),1.2 กรอบการประเมิน,1.2 การจัดบริการสาธารณะ\n5810401,ก,20,16,,\n");
        let mut d = Diagnostics::new();
        let l = layout(&t, "x.csv", &[], &mut d).expect("header");
        let e = entries(&t, &l);
        assert_eq!(e.len(), 1, "1.2 is empty for this LAO");
        assert_eq!(
            (e[0].text(Role::Indicator), e[0].text(Role::Base), e[0].text(Role::Delivered)),
            ("1.1", "20", "16")
        );
    }

    #[test]
    fn a_map_names_unknown_columns_and_no_header_is_one_error() {
        let t = from_csv("LAO ID,KPI,N,D\n5810401,1.1,20,16\n");
        let mut d = Diagnostics::new();
        assert!(layout(&t, "x.csv", &[], &mut d).is_none());
        assert!(d.iter().next().unwrap().message.contains("--map"), "{d:?}");
        let map: Vec<(String, Role)> =
            [("LAO ID", Role::Code), ("KPI", Role::Indicator), ("N", Role::Base), ("D", Role::Delivered)]
                .into_iter()
                .map(|(n, r)| (n.to_string(), r))
                .collect();
        let l = layout(&t, "x.csv", &map, &mut Diagnostics::new()).expect("mapped");
        assert_eq!(entries(&t, &l)[0].text(Role::Delivered), "16");
    }

    #[test]
    fn indicator_ids_are_recognised() {
        assert!(is_indicator_id("1.1") && is_indicator_id("๑.๒") && is_indicator_id("10"));
        assert!(!is_indicator_id("ร้อยละ") && !is_indicator_id("1.") && !is_indicator_id(""));
        assert_eq!(indicator_id_in("ตัวชี้วัด1.10(1)").as_deref(), Some("1.10"));
    }
}
