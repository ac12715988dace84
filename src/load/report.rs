//! The per-LAO public report of the office's system ("สรุปผลประเมินการจัดบริการสาธารณะ <type>
//! <name>"), saved from a browser as HTML: one 7-column table (service, indicator, target,
//! base (1), delivered (2), ratio, verdict) with full-width rows naming the areas. It carries
//! no LAO code; the title names the type and name, and the title or a verdict the year.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::diag::{Diagnostics, Span};
use crate::load::export::{Cell, Entry, Role, is_indicator_id};
use crate::load::table::{Row, Table};
use crate::model::LaoType;

/// What a saved report says.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The LAO's type, from the title.
    pub kind: Option<LaoType>,
    /// The LAO's name without its type, from the title.
    pub name: String,
    /// The year (พ.ศ.), from the title or a verdict.
    pub be: Option<u16>,
    /// The table's rows (line of the HTML each starts on).
    pub table: Table,
    /// One entry per indicator row.
    pub entries: Vec<Entry>,
    /// Areas by number, as the section rows name them.
    pub areas: Vec<(u32, String)>,
}

/// Whether `text` looks like HTML rather than CSV.
pub fn looks_like_html(text: &str) -> bool {
    let head: String =
        text.trim_start_matches('\u{feff}').trim_start().chars().take(512).collect::<String>().to_lowercase();
    head.starts_with('<')
        && (head.contains("<html") || head.contains("<!doctype") || head.contains("<table") || head.contains("<meta"))
}

/// The charset a saved page declares in a `<meta>` (`windows-874`, `tis-620`, `utf-8`), if any,
/// read from the raw bytes before decoding.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let rest = head[at..].trim_start_matches(['"', '\'', ' ']);
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

/// One table cell as read: text, columns spanned.
struct RawCell {
    text: String,
    span: usize,
}

/// The title, and every table row with the line it starts on.
fn tokenize(html: &str) -> (String, Vec<(usize, Vec<RawCell>)>) {
    let line_of = {
        let starts: Vec<usize> =
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', html.as_bytes()).map(|i| i + 1)).collect();
        move |offset: usize| starts.partition_point(|&s| s <= offset)
    };
    let mut title = String::new();
    let (mut in_title, mut skip) = (false, 0usize);
    let mut rows: Vec<(usize, Vec<RawCell>)> = Vec::new();
    let mut cell: Option<RawCell> = None;
    for token in Tokenizer::new_with_emitter(html, DefaultEmitter::<usize>::new_with_span()).flatten() {
        match token {
            Token::StartTag(tag) => match tag.name.as_slice() {
                b"title" => in_title = true,
                b"script" | b"style" => skip += 1,
                b"tr" => rows.push((line_of(tag.span.start), Vec::new())),
                b"td" | b"th" => {
                    if let (Some(c), Some(row)) = (cell.take(), rows.last_mut()) {
                        row.1.push(c);
                    }
                    let span = tag
                        .attributes
                        .get(b"colspan".as_slice())
                        .and_then(|v| String::from_utf8_lossy(v).trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 50);
                    if rows.is_empty() {
                        rows.push((line_of(tag.span.start), Vec::new()));
                    }
                    cell = Some(RawCell { text: String::new(), span });
                }
                b"br" | b"p" | b"div" => {
                    if let Some(c) = cell.as_mut() {
                        c.text.push(' ');
                    }
                }
                _ => {}
            },
            Token::EndTag(tag) => match tag.name.as_slice() {
                b"title" => in_title = false,
                b"script" | b"style" => skip = skip.saturating_sub(1),
                b"td" | b"th" | b"tr" => {
                    if let (Some(c), Some(row)) = (cell.take(), rows.last_mut()) {
                        row.1.push(c);
                    }
                }
                _ => {}
            },
            Token::String(s) if skip == 0 => {
                let s = String::from_utf8_lossy(&s);
                if in_title {
                    title.push_str(&s);
                } else if let Some(c) = cell.as_mut() {
                    c.text.push_str(&s);
                }
            }
            _ => {}
        }
    }
    if let (Some(c), Some(row)) = (cell.take(), rows.last_mut()) {
        row.1.push(c);
    }
    (collapse(&title), rows)
}

/// Spaces collapsed (no-break spaces too) and trimmed.
fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The LAO's type and name in a heading such as "สรุปผลประเมินการจัดบริการสาธารณะ องค์การบริหารส่วนตำบล
/// คลองท่อมใต้": the longest type word found, and the words after it.
pub fn lao_in(heading: &str) -> Option<(LaoType, String)> {
    let mut best: Option<(usize, usize, LaoType)> = None;
    for t in LaoType::ALL {
        for word in [t.prefix_th(), t.label_th(), "ทต.", "ทม.", "ทน."] {
            let fits = match word {
                "ทต." => t == LaoType::SubdistrictMunicipality,
                "ทม." => t == LaoType::TownMunicipality,
                "ทน." => t == LaoType::CityMunicipality,
                _ => true,
            };
            if !fits {
                continue;
            }
            if let Some(at) = heading.find(word)
                && best.is_none_or(|(_, len, _)| word.len() > len)
            {
                best = Some((at, word.len(), t));
            }
        }
    }
    let (at, len, kind) = best?;
    let rest = heading[at + len..].trim();
    // The name runs to the next word that is not part of it (a year, a province).
    let name: String = rest
        .split_whitespace()
        .take_while(|w| {
            !w.starts_with("ประจำปี") && !w.starts_with("ปี") && !w.starts_with("จังหวัด") && !w.starts_with("อำเภอ")
        })
        .collect::<Vec<_>>()
        .join(" ");
    match kind {
        LaoType::Bangkok | LaoType::Pattaya => Some((kind, name)),
        _ if name.is_empty() => None,
        _ => Some((kind, name)),
    }
}

/// A year (พ.ศ. 2400-2700) named in `s` after "พ.ศ." or "ปี".
pub fn year_in(s: &str) -> Option<u16> {
    let s = crate::text::numbers::arabic_digits(s);
    for marker in ["พ.ศ.", "ปีงบประมาณ", "ประจำปี", "ปี"] {
        for (at, _) in s.match_indices(marker) {
            let digits: String = s[at + marker.len()..].trim_start().chars().take_while(char::is_ascii_digit).collect();
            if let Ok(y) = digits.parse::<u16>()
                && (2400..=2700).contains(&y)
            {
                return Some(y);
            }
        }
    }
    None
}

/// Areas named by a section row: "ด้านที่ 1 โครงสร้างพื้นฐาน", "ด้านที่ 1 ... และ ด้านที่ 2 ...",
/// "1.ด้านโครงสร้างพื้นฐาน". Each as (number, name with its ด้าน).
pub fn areas_in(text: &str) -> Vec<(u32, String)> {
    let text = crate::text::numbers::arabic_digits(text);
    // Two areas in one row are joined by "และ" before the second "ด้านที่"; an area's own name
    // may hold "และ" too, so only a "ด้านที่" starts another.
    let starts: Vec<usize> = text.match_indices("ด้านที่").map(|(i, _)| i).collect();
    let parts: Vec<&str> = if starts.len() < 2 {
        vec![text.as_str()]
    } else {
        let mut cuts = starts.clone();
        cuts[0] = 0;
        cuts.iter()
            .enumerate()
            .map(|(k, &from)| {
                let to = cuts.get(k + 1).copied().unwrap_or(text.len());
                text[from..to].trim().trim_end_matches("และ").trim()
            })
            .collect()
    };
    let mut out = Vec::new();
    for part in parts {
        let part = part.trim();
        let rest = part.strip_prefix("ด้านที่").map(str::trim_start).unwrap_or(part);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(no) = digits.parse::<u32>() else { continue };
        let name = rest[digits.len()..].trim_start_matches(['.', ' ', ')', ':']).trim();
        if name.is_empty() && part.starts_with(|c: char| c.is_ascii_digit()) {
            continue; // "1." alone: an indicator number, not an area
        }
        let name = if name.starts_with("ด้าน") || name.is_empty() {
            name.to_string()
        } else {
            ["ด้าน", name].concat()
        };
        out.push((no, name));
    }
    out
}

/// An indicator's number within its area and its text: "2. ร้อยละของ..." -> (2, "ร้อยละของ...").
pub fn numbered(text: &str) -> (Option<u32>, &str) {
    let digits_len =
        text.chars().take_while(|c| c.is_ascii_digit() || ('๐'..='๙').contains(c)).map(char::len_utf8).sum::<usize>();
    if digits_len == 0 {
        return (None, text);
    }
    let rest = &text[digits_len..];
    let Some(rest) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')')) else { return (None, text) };
    let no = crate::text::numbers::arabic_digits(&text[..digits_len]).parse().ok();
    (no, rest.trim_start())
}

/// Reads a saved report. Problems (no table, no title naming an LAO) are reported against `file`.
pub fn parse(html: &str, file: &str, diags: &mut Diagnostics) -> Option<Report> {
    let (title, raw_rows) = tokenize(html);
    let mut table = Table::default();
    for (line, cells) in &raw_rows {
        // Spanned cells are widened so the columns line up: a full-width row is one cell.
        let mut out = Vec::new();
        for c in cells {
            out.push(collapse(&c.text));
            out.extend(std::iter::repeat_n(String::new(), c.span - 1));
        }
        if out.iter().any(|c| !c.is_empty()) {
            table.rows.push(Row { line: *line, cells: out, raw: String::new() });
        }
    }
    // The heading: the page title, else the first row or text that names an LAO.
    let heading = std::iter::once(title.clone())
        .chain(table.rows.iter().take(5).map(|r| r.cells.join(" ")))
        .find(|h| lao_in(h).is_some());
    let Some((kind, name)) = heading.as_deref().and_then(lao_in) else {
        diags.error(
            Span::file(file),
            format!(
                "the page's title `{title}` names no LAO; expected a saved report titled `สรุปผลประเมินการจัดบริการสาธารณะ <type> <name>` (such as องค์การบริหารส่วนตำบลคลองท่อมใต้)"
            ),
        );
        return None;
    };
    let mut be = heading.as_deref().and_then(year_in).or_else(|| year_in(&title));
    let mut areas: Vec<(u32, String)> = Vec::new();
    let mut current_area: Option<u32> = None;
    let mut entries = Vec::new();
    let mut header_seen = false;
    for (r, row) in table.rows.iter().enumerate() {
        let filled: Vec<(usize, &String)> = row.cells.iter().enumerate().filter(|(_, c)| !c.is_empty()).collect();
        let joined = row.cells.join(" ");
        if !header_seen {
            if joined.contains("กรอบการประเมิน") || joined.contains("เกณฑ์ชี้วัด")
            {
                header_seen = true;
            }
            continue;
        }
        if filled.len() <= 2 && row.cells.len() < 7 || filled.len() == 1 {
            // A section row: an area (or two), a mission, or a note.
            let found = areas_in(filled.first().map_or("", |(_, t)| t.as_str()));
            for (no, n) in &found {
                if !areas.iter().any(|(a, _)| a == no) {
                    areas.push((*no, n.clone()));
                }
            }
            if let Some((no, _)) = found.first() {
                current_area = Some(*no);
            }
            continue;
        }
        if row.cells.len() < 7 {
            diags.error(
                Span::at(file, row.line, None).source(format!("row: {}", row.cells.join(" | ")), 1),
                format!("this row has {} cells; expected the report's 7 columns (บริการสาธารณะ, เกณฑ์ชี้วัด, ค่าเป้าหมาย (%), กรอบการประเมิน (1), การจัดบริการสาธารณะ (2), (2) เทียบกับ (1) %, ผลการประเมิน)", row.cells.len()),
            );
            continue;
        }
        let cell = |c: usize, header: &str| Cell { text: row.cells[c].clone(), column: c, header: header.to_string() };
        let mut e = Entry { row: r, cells: vec![None; crate::load::export::ROLES.len()] };
        let first = crate::text::numbers::arabic_digits(&row.cells[0]);
        let area_no = first.trim().trim_end_matches('.').parse::<u32>().ok().or(current_area);
        let (no, text) = numbered(&row.cells[1]);
        if let Some(a) = area_no {
            e.set(Role::Area, Cell { text: a.to_string(), ..cell(0, "บริการสาธารณะ") });
        }
        if let (Some(a), Some(n)) = (area_no, no) {
            e.set(Role::Indicator, Cell { text: format!("{a}.{n}"), ..cell(1, "เกณฑ์ชี้วัด") });
        } else if is_indicator_id(&row.cells[0]) && row.cells[0].contains('.') {
            e.set(Role::Indicator, cell(0, "บริการสาธารณะ"));
        }
        e.set(Role::Text, Cell { text: text.to_string(), ..cell(1, "เกณฑ์ชี้วัด") });
        e.set(Role::Target, cell(2, "ค่าเป้าหมาย (%)"));
        e.set(Role::Base, cell(3, "กรอบการประเมิน (1)"));
        e.set(Role::Delivered, cell(4, "การจัดบริการสาธารณะ (2)"));
        e.set(Role::Ratio, cell(5, "(2) เทียบกับ (1) %"));
        e.set(Role::Verdict, cell(6, "ผลการประเมิน"));
        if be.is_none() {
            be = year_in(&row.cells[6]);
        }
        entries.push(e);
    }
    if entries.is_empty() {
        diags.error(
            Span::file(file),
            "no indicator rows; expected the report's table with the header กรอบการประเมิน (1) and a row per indicator",
        );
        return None;
    }
    table.sheet = None;
    Some(Report { kind: Some(kind), name, be, table, entries, areas })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><meta charset=\"windows-874\"><title>สรุปผลประเมินการจัดบริการสาธารณะ องค์การบริหารส่วนตำบล คลองท่อมใต้</title></head><body>\n<table>\n<tr><th>บริการสาธารณะ</th><th>เกณฑ์ชี้วัด</th><th>ค่าเป้าหมาย (%)</th><th>กรอบการประเมิน (1)</th><th>การจัดบริการสาธารณะ (2)</th><th>(2) เทียบ กับ (1) %</th><th>ผลการประเมิน</th></tr>\n<tr><td colspan=\"7\">ด้านที่ 1 โครงสร้างพื้นฐาน และ ด้านที่ 2 งานส่งเสริมคุณภาพชีวิต</td></tr>\n<tr><td>1</td><td>1. ร้อยละของถนน</td><td>80</td><td>20</td><td>16</td><td>80.00000</td><td>สูงกว่าค่าเป้าหมาย</td></tr>\n<tr><td>2</td><td>2. ร้อยละของผู้สูงอายุ</td><td>90</td><td>10</td><td>-</td><td>-</td><td>ไม่ได้ดำเนินการ ในปีงบประมาณ พ.ศ. 2569</td></tr>\n</table></body></html>";

    #[test]
    fn a_saved_report_gives_its_lao_year_areas_and_rows() {
        let mut d = Diagnostics::new();
        let r = parse(PAGE, "r.html", &mut d).expect("report");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!((r.kind, r.name.as_str(), r.be), (Some(LaoType::Sao), "คลองท่อมใต้", Some(2569)));
        assert_eq!(r.areas, [(1, "ด้านโครงสร้างพื้นฐาน".to_string()), (2, "ด้านงานส่งเสริมคุณภาพชีวิต".to_string())]);
        assert_eq!(r.entries.len(), 2);
        let e = &r.entries[1];
        assert_eq!(
            (e.text(Role::Indicator), e.text(Role::Text), e.text(Role::Delivered)),
            ("2.2", "ร้อยละของผู้สูงอายุ", "-")
        );
        assert_eq!(r.table.rows[e.row].line, 6, "the HTML line of the row");
        assert!(looks_like_html(PAGE));
        assert_eq!(declared_charset(PAGE.as_bytes()).as_deref(), Some("windows-874"));
    }

    #[test]
    fn headings_years_and_numbers_are_read() {
        assert_eq!(
            lao_in("สรุปผลประเมินการจัดบริการสาธารณะ เทศบาลตำบลคลองท่อมใต้"),
            Some((LaoType::SubdistrictMunicipality, "คลองท่อมใต้".into()))
        );
        assert_eq!(lao_in("ผลการประเมิน อบต.บ้านใหม่ ประจำปี 2567"), Some((LaoType::Sao, "บ้านใหม่".into())));
        assert_eq!(lao_in("สรุปผล กรุงเทพมหานคร").map(|x| x.0), Some(LaoType::Bangkok));
        assert_eq!(lao_in("nothing here"), None);
        assert_eq!(year_in("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"), Some(2567));
        assert_eq!(numbered("12. จำนวนครั้ง"), (Some(12), "จำนวนครั้ง"));
        assert_eq!(numbered("ร้อยละ"), (None, "ร้อยละ"));
        assert_eq!(areas_in("1.ด้านโครงสร้างพื้นฐาน"), [(1, "ด้านโครงสร้างพื้นฐาน".to_string())]);
        assert_eq!(
            areas_in("ด้านที่ 3 การจัดระเบียบชุมชน สังคม และการรักษาความสงบเรียบร้อย"),
            [(3, "ด้านการจัดระเบียบชุมชน สังคม และการรักษาความสงบเรียบร้อย".to_string())]
        );
    }

    #[test]
    fn a_page_without_a_table_is_an_error_not_a_panic() {
        let mut d = Diagnostics::new();
        assert!(parse("<html><title>สรุปผล อบต.ก</title><p>x</p>", "r.html", &mut d).is_none());
        assert!(d.has_errors());
        assert!(parse("<td colspan=999999999>", "r.html", &mut Diagnostics::new()).is_none());
    }
}
