//! A table of text cells with where each row came from, read from a CSV text or the first sheet
//! of an .xlsx workbook without knowing its header: the office's exports put title rows above
//! the header and name their columns in Thai, so the header is found afterwards
//! ([`crate::load::export`]).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::diag::{Diagnostics, Span};
use crate::load::csvfile::Record;

/// One row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based line of the CSV text, or row of the sheet.
    pub line: usize,
    /// The cells as text, trimmed.
    pub cells: Vec<String>,
    /// The line as written (CSV only; empty for a sheet), for carets under a field.
    pub raw: String,
}

/// Rows of one CSV file or worksheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The worksheet's name for a workbook; `None` for CSV.
    pub sheet: Option<String>,
    /// The rows that hold anything, in order.
    pub rows: Vec<Row>,
}

impl Table {
    /// A record view of `row` whose fields are the cells at `columns`, in that order, so the
    /// checks written for prakat's own columns report the export's own line and column.
    pub fn record<'a>(&'a self, row: &'a Row, fields: Vec<&'a str>, columns: &'a [usize]) -> Record<'a> {
        Record {
            fields,
            line: row.line,
            raw: &row.raw,
            sheet: self.sheet.as_deref(),
            columns: Some(columns),
            numbers: 0,
        }
    }

    /// Where cell `column` of `row` is, named `name`, for a message.
    pub fn span(&self, file: &str, row: &Row, column: usize, name: &str) -> Span {
        let fields: Vec<&str> = row.cells.iter().map(String::as_str).collect();
        Record { fields, line: row.line, raw: &row.raw, sheet: self.sheet.as_deref(), columns: None, numbers: 0 }
            .span(file, column, name)
    }
}

/// Reads CSV `text` (any number of fields per row). Blank rows are left out.
pub fn from_csv(text: &str) -> Table {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let starts: Vec<usize> =
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect();
    // The reader's record position can stand on the line ends before the record: skip them.
    let line_of = |byte: u64| {
        let mut b = byte as usize;
        while b < text.len() && matches!(text.as_bytes()[b], b'\r' | b'\n') {
            b += 1;
        }
        starts.partition_point(|&s| s <= b)
    };
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let pos = reader.position().clone();
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // A broken quote: keep what the line holds, as text, so the row is still reported.
            Err(_) => {
                let line = line_of(pos.byte());
                let raw = crate::text::encoding::line_at(text, line).unwrap_or("").to_string();
                rows.push(Row { line, cells: raw.split(',').map(|c| c.trim().to_string()).collect(), raw });
                continue;
            }
        }
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let line = line_of(record.position().map_or(pos.byte(), |p| p.byte()));
        let raw = crate::text::encoding::line_at(text, line).unwrap_or("").trim_end_matches('\r').to_string();
        rows.push(Row { line, cells, raw });
    }
    Table { sheet: None, rows }
}

/// Reads the first worksheet of an .xlsx workbook. Cells become the text a CSV export would
/// hold (a whole number without ".0"); dates, booleans and error cells are reported.
pub fn from_xlsx(bytes: Vec<u8>, file: &str, diags: &mut Diagnostics) -> Option<Table> {
    let mut book = match Xlsx::new(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) => {
            diags.error(Span::file(file), format!("this file cannot be read as an Excel workbook (.xlsx): {e}"));
            return None;
        }
    };
    let Some(sheet) = book.sheet_names().first().cloned() else {
        diags.error(Span::file(file), "the workbook has no worksheet; expected the results on the first sheet");
        return None;
    };
    let range = match book.worksheet_range(&sheet) {
        Ok(r) => r,
        Err(e) => {
            diags.error(Span::file(file), format!("the sheet `{sheet}` cannot be read: {e}"));
            return None;
        }
    };
    let extras = crate::load::xlsx::Extras::of(&mut book, &sheet);
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let line = first_row as usize + i + 1;
        let mut out: Vec<String> = vec![String::new(); first_col as usize];
        for (c, cell) in cells.iter().enumerate() {
            let col = first_col as usize + c;
            let text = match cell {
                Data::Empty | Data::Float(_) => match extras.text(line as u32 - 1, col as u32, cell) {
                    Ok(t) => t.unwrap_or_default(),
                    Err(why) => {
                        diags.error(
                            Span::at(file, line, None).source(
                                format!("sheet `{sheet}`, cell {}{line}", crate::load::csvfile::column_letters(col)),
                                1,
                            ),
                            why,
                        );
                        String::new()
                    }
                },
                Data::String(s) => crate::load::xlsx::scrubbed(s.trim(), file, line, diags),
                Data::Int(v) => v.to_string(),
                other => {
                    diags.error(
                        Span::at(file, line, None).source(
                            format!(
                                "sheet `{sheet}`, cell {}{line}: `{other}`",
                                crate::load::csvfile::column_letters(col)
                            ),
                            1,
                        ),
                        "a date, TRUE/FALSE or error cell; expected a number or text",
                    );
                    other.to_string()
                }
            };
            out.push(text);
        }
        if out.iter().all(String::is_empty) {
            continue;
        }
        rows.push(Row { line, cells: out, raw: String::new() });
    }
    Some(Table { sheet: Some(sheet), rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_their_lines_and_quoted_breaks() {
        let t = from_csv("title\r\n\r\na,b\r\n1,\"x\ny\"\r\n2,3\r\n");
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 3, 4, 6]);
        assert_eq!(t.rows[2].cells, ["1", "x\ny"]);
        assert_eq!(t.rows[3].raw, "2,3");
    }
}
