//! Reading a results table saved as an Excel workbook (.xlsx) instead of CSV.
//!
//! The first worksheet is read, with the same header as the CSV. Spreadsheets type their cells,
//! so each cell is turned into the text a CSV export would have held: a code typed as a number
//! comes back as a float (5810401.0) and is written back as the code ("5810401"). A text cell
//! in a number column is an error naming the sheet, row and column, never a silent zero; only
//! `-` (not applicable) and an empty cell are accepted as text there.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::diag::{Diagnostics, Span};
use crate::load::csvfile::{self, Record, column_letters};

/// The text of a number cell as it was typed: integers without ".0", others in the shortest
/// form that reads back to the same value (never in exponent form).
pub fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}

/// What a sheet says beyond its cell values: the formula of each cell (a formula saved without
/// its value reads as an empty cell) and each cell's number format (a cell Excel shows as
/// `98 %` holds 0.98).
pub struct Extras {
    formulas: Option<calamine::Range<String>>,
    styles: Option<calamine::StyleRange>,
}

impl Extras {
    /// The formulas and styles of `sheet`; whatever cannot be read is left out.
    pub fn of(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Self {
        Extras { formulas: book.worksheet_formula(sheet).ok(), styles: book.worksheet_style(sheet).ok() }
    }

    /// The text a number or empty cell at (row, column), 0-based and absolute, stands for, as
    /// Excel shows it: a percentage-formatted number times 100. `Err` for a formula with no
    /// saved value, naming the formula.
    pub fn text(&self, row: u32, col: u32, cell: &Data) -> Result<Option<String>, String> {
        match cell {
            Data::Empty => match self.formulas.as_ref().and_then(|f| f.get_value((row, col))) {
                Some(f) if !f.is_empty() => Err(format!(
                    "a formula cell (`={f}`) saved without its value; expected the value: open the file in Excel and save it again, or paste the values"
                )),
                _ => Ok(None),
            },
            Data::Float(v) => {
                let percent = self
                    .styles
                    .as_ref()
                    .and_then(|s| s.get((row, col)))
                    .and_then(|st| st.number_format.as_ref())
                    .is_some_and(|n| n.format_code.contains('%') || matches!(n.format_id, Some(9 | 10)));
                if percent {
                    // 0.98 shown as 98 %: the figure the office typed. Rounded so that binary
                    // fractions (0.575 * 100 = 57.49999...) come back as written.
                    Ok(Some(number_text((v * 100.0 * 1e9).round() / 1e9)))
                } else {
                    Ok(Some(number_text(*v)))
                }
            }
            _ => Ok(None),
        }
    }
}

/// A text cell with control characters replaced (U+FFFD) and a warning naming its row, as the
/// text readers do for CSV.
pub fn scrubbed(text: &str, file: &str, line: usize, diags: &mut Diagnostics) -> String {
    let mut t = text.to_string();
    if let Some((_, c, count)) = crate::text::encoding::scrub_controls(&mut t) {
        diags.warning(Span::at(file, line, None), crate::text::encoding::controls_message(c, count));
    }
    t
}

/// Whether [`read`] found the expected header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// The first non-empty row was `header`, and the rows were read (or the workbook could not
    /// be opened, which was reported).
    Read,
    /// The first non-empty row was something else; nothing was read or reported, so the caller
    /// can read the sheet another way (an office export).
    Other,
}

/// Reads the first worksheet of `bytes`. When the first non-empty row is exactly `header`,
/// `each` is called for every data row; otherwise [`Header::Other`]. Columns listed in
/// `number_columns` must hold number cells (or `-`, or nothing).
pub fn read(
    bytes: Vec<u8>,
    file: &str,
    header: &[&str],
    number_columns: &[usize],
    diags: &mut Diagnostics,
    mut each: impl FnMut(&Record<'_>, &mut Diagnostics),
) -> Header {
    let mut book = match Xlsx::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            diags.error(Span::file(file), format!("this file cannot be read as an Excel workbook (.xlsx): {e}"));
            return Header::Read;
        }
    };
    let Some(sheet) = book.sheet_names().first().cloned() else {
        diags.error(Span::file(file), "the workbook has no worksheet; expected the results on the first sheet");
        return Header::Read;
    };
    let range = match book.worksheet_range(&sheet) {
        Ok(r) => r,
        Err(e) => {
            diags.error(Span::file(file), format!("the sheet `{sheet}` cannot be read: {e}"));
            return Header::Read;
        }
    };
    let extras = Extras::of(&mut book, &sheet);
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut seen_header = false;
    for (i, cells) in range.rows().enumerate() {
        let row = first_row as usize + i + 1;
        // Cells left of the used range are empty; put them back so columns line up with A, B, C.
        let mut fields: Vec<String> = vec![String::new(); first_col as usize];
        let mut bad = false;
        let mut numbers = 0u64;
        for (c, cell) in cells.iter().enumerate() {
            if matches!(cell, Data::Float(_) | Data::Int(_)) && first_col as usize + c < 64 {
                numbers |= 1 << (first_col as usize + c);
            }
            let col = first_col as usize + c;
            let place = || {
                Span::at(file, row, None)
                    .field(header.get(col).copied().unwrap_or("?"))
                    .source(format!("sheet `{sheet}`, cell {}{row}: `{cell}`", column_letters(col)), 1)
            };
            let text = match cell {
                Data::Empty | Data::Float(_) => match extras.text(row as u32 - 1, col as u32, cell) {
                    Ok(t) => t.unwrap_or_default(),
                    Err(why) => {
                        diags.error(place(), why);
                        bad = true;
                        String::new()
                    }
                },
                Data::String(s) => {
                    let t = s.trim();
                    if seen_header && number_columns.contains(&col) && !matches!(t, "" | "-" | "–" | "—") {
                        diags.error(
                            place(),
                            format!(
                                "a text cell `{t}` in the number column `{}`; expected a number cell, or `-` for not applicable (format the cell as a number in Excel)",
                                header[col]
                            ),
                        );
                        bad = true;
                    }
                    scrubbed(t, file, row, diags)
                }
                Data::Int(v) => v.to_string(),
                Data::Bool(_) | Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) | Data::Error(_) => {
                    if seen_header {
                        let what = match cell {
                            Data::Bool(_) => "a TRUE/FALSE cell",
                            Data::Error(_) => "an error cell",
                            _ => "a date or time cell",
                        };
                        diags.error(
                            place(),
                            format!(
                                "{what} (`{cell}`) in the column `{}`; expected a number or text",
                                header.get(col).copied().unwrap_or("?")
                            ),
                        );
                        bad = true;
                    }
                    cell.to_string()
                }
            };
            fields.push(text);
        }
        match csvfile::shape(&mut fields, header, &mut seen_header) {
            csvfile::Shape::Blank | csvfile::Shape::Header => continue,
            csvfile::Shape::WrongHeader => return Header::Other,
            csvfile::Shape::WrongWidth => {
                diags.error(
                    Span::at(file, row, None).source(format!("sheet `{sheet}`, row {row}: {}", fields.join(" | ")), 1),
                    format!(
                        "this row has values in {} columns; expected {} ({})",
                        fields.len(),
                        header.len(),
                        header.join(",")
                    ),
                );
                continue;
            }
            csvfile::Shape::Data => {}
        }
        if bad {
            continue;
        }
        let fields = fields.iter().map(String::as_str).collect();
        each(&Record { fields, line: row, raw: "", sheet: Some(&sheet), columns: None, numbers }, diags);
    }
    if !seen_header {
        diags.error(
            Span::file(file),
            format!("the sheet `{sheet}` is empty; expected the header `{}`", header.join(",")),
        );
    }
    Header::Read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_come_back_as_typed() {
        assert_eq!(number_text(5810401.0), "5810401");
        assert_eq!(number_text(0.0), "0");
        assert_eq!(number_text(52.5), "52.5");
        assert_eq!(number_text(1.1), "1.1");
        assert_eq!(number_text(1e20), "100000000000000000000");
        assert_eq!(number_text(-3.0), "-3");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let mut d = Diagnostics::new();
        let _ = read(b"PK\x03\x04 not really".to_vec(), "r.xlsx", &["a"], &[], &mut d, |_, _| panic!("no rows"));
        assert!(d.iter().next().unwrap().message.starts_with("this file cannot be read as an Excel workbook"));
    }
}
