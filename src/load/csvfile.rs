//! Reading CSV files with exact headers and located records.

use crate::diag::{Diagnostics, Span, csv_field_columns};
use crate::text::encoding::line_from;

/// One data record of a CSV file (or a spreadsheet row), with where it came from.
pub struct Record<'a> {
    /// Fields, trimmed of surrounding spaces, borrowed from the reader (a national results
    /// file has millions: one owned string each was a tenth of a build's CPU).
    pub fields: Vec<&'a str>,
    /// 1-based line of the record's start (the row number in a spreadsheet).
    pub line: usize,
    /// The raw text of that line (empty for a spreadsheet row).
    pub raw: &'a str,
    /// The worksheet's name when the record is a spreadsheet row.
    pub sheet: Option<&'a str>,
    /// Where each field stands in the line, when the fields were taken out of a wider table in
    /// another order (an office export read as a results file); `None`: field `i` is column `i`.
    pub columns: Option<&'a [usize]>,
    /// Bit `i` set: field `i` was a number cell of a spreadsheet (whose text Excel may have cut:
    /// an id typed as 1.10 is stored as 1.1).
    pub numbers: u64,
}

impl Record<'_> {
    /// A span pointing at field `index` (named `name`) of this record. For a spreadsheet row
    /// it names the sheet and the cell (such as C5), since there is no line of text to show.
    pub fn span(&self, file: &str, index: usize, name: &str) -> Span {
        let column = self.columns.and_then(|c| c.get(index)).copied().unwrap_or(index);
        match self.sheet {
            Some(sheet) => {
                let cell = format!("{}{}", column_letters(column), self.line);
                Span::at(file, self.line, None)
                    .field(name)
                    .source(format!("sheet `{sheet}`, cell {cell}: `{}`", self.get(index)), 1)
            }
            None => {
                let (col, width) = csv_field_columns(self.raw, column).unwrap_or((1, 1));
                Span::at(file, self.line, Some(col)).field(name).source(self.raw, width)
            }
        }
    }

    /// The field at `index`, or "" when the row is short.
    pub fn get(&self, index: usize) -> &str {
        self.fields.get(index).copied().unwrap_or("")
    }
}

/// Lines in `text` (newlines, plus one for a last line without one): at least the number of
/// records, for reserving room before reading.
pub fn line_count(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + usize::from(!text.ends_with('\n'))
}

/// Parses `text` as CSV whose first row must be exactly `header`. Calls `each` for every
/// data row that has the right number of fields; reports the others. Blank lines are skipped;
/// trailing empty fields beyond the header are allowed (spreadsheets add them).
pub fn read(
    text: &str,
    file: &str,
    header: &[&str],
    diags: &mut Diagnostics,
    each: impl FnMut(&Record<'_>, &mut Diagnostics),
) {
    read_part(&Chunk { text, first_line: 1, first: true }, file, header, diags, each);
}

/// A run of whole lines of a CSV file, read on its own (see [`split`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk<'a> {
    /// The lines.
    pub text: &'a str,
    /// The file's line number of the part's first line.
    pub first_line: usize,
    /// Whether the part starts the file, and so holds the header.
    pub first: bool,
}

/// Cuts `text` into at most `n` parts of whole lines that can be read independently, so that
/// one large file is read on every core. A file with a `"` anywhere stays whole, since a quoted
/// field may hold a line break and only reading from the start tells where records begin.
pub fn split(text: &str, n: usize) -> Vec<Chunk<'_>> {
    let whole = vec![Chunk { text, first_line: 1, first: true }];
    if n < 2 || memchr::memchr(b'"', text.as_bytes()).is_some() {
        return whole;
    }
    let bytes = text.as_bytes();
    let mut parts = Vec::with_capacity(n);
    let (mut start, mut line) = (0, 1);
    for k in 1..=n {
        let end = if k == n {
            text.len()
        } else {
            // Cut after the first line break at or past the k-th share of the bytes.
            let at = (text.len() * k / n).max(start);
            match memchr::memchr(b'\n', &bytes[at..]) {
                Some(i) => at + i + 1,
                None => text.len(),
            }
        };
        if end > start {
            parts.push(Chunk { text: &text[start..end], first_line: line, first: start == 0 });
            line += memchr::memchr_iter(b'\n', &bytes[start..end]).count();
        }
        start = end;
        if start == text.len() {
            break;
        }
    }
    parts
}

/// Reads one part of a CSV file as [`read`] reads a whole file. A part that does not start the
/// file reads every row as data (the header was the first part's).
pub fn read_part(
    part: &Chunk<'_>,
    file: &str,
    header: &[&str],
    diags: &mut Diagnostics,
    each: impl FnMut(&Record<'_>, &mut Diagnostics),
) {
    if is_plain(part.text) {
        read_plain(part, file, header, diags, each);
    } else {
        read_quoted(part, file, header, diags, each);
    }
}

/// Reads a part that may hold quoted fields, with the csv crate's reader.
fn read_quoted(
    part: &Chunk<'_>,
    file: &str,
    header: &[&str],
    diags: &mut Diagnostics,
    mut each: impl FnMut(&Record<'_>, &mut Diagnostics),
) {
    let text = part.text;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut seen_header = !part.first;
    // Lines are counted from byte offsets: the csv crate's own line numbers drift on CRLF files.
    let (mut counted_to, mut counted_line) = (0usize, part.first_line);
    let mut line_of = |byte: usize| {
        let byte = byte.min(text.len());
        if byte >= counted_to {
            counted_line += text.as_bytes()[counted_to..byte].iter().filter(|&&b| b == b'\n').count();
            counted_to = byte;
        }
        counted_line
    };
    loop {
        let pos_before = reader.position().clone();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = line_of(e.position().map(|p| p.byte()).unwrap_or(pos_before.byte()) as usize);
                diags.error(Span::at(file, line, None), format!("this line cannot be read as CSV: {e}"));
                break;
            }
        }
        let pos = record.position().cloned().unwrap_or(pos_before);
        // A quote that is opened and never closed swallows the rest of the file into one field;
        // say so, instead of reporting a puzzling field count. (Closed quotes come in pairs.)
        let end = (reader.position().byte() as usize).min(text.len());
        let begin = (pos.byte() as usize).min(end);
        let swallowed = end >= text.len() && record.iter().any(|f| f.contains('\n'));
        if swallowed && text.get(begin..end).is_some_and(|t| t.matches('"').count() % 2 == 1) {
            let mut start = begin;
            while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
                start += 1;
            }
            let line = line_of(start);
            let raw = line_from(text, start);
            let col = raw.find('"').map(|b| raw[..b].chars().count() + 1).unwrap_or(1);
            diags.error(
                Span::at(file, line, Some(col)).source(raw, 1),
                "a quote `\"` opened here is never closed, so the rest of the file was read as one field; expected a closing `\"` (write a quote inside a quoted field as `\"\"`)",
            );
            break;
        }
        // On CRLF files the crate reports the offset of the "\n" before the record; skip line ends.
        let mut start = pos.byte() as usize;
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let line = line_of(start);
        let raw = line_from(text, start);
        let mut fields: Vec<&str> = record.iter().map(str::trim).collect();
        if !take(&mut fields, line, raw, file, header, &mut seen_header, diags, &mut each) {
            return;
        }
    }
    if !seen_header {
        diags.error(Span::file(file), format!("the file is empty; expected the header `{}`", header.join(",")));
    }
}

/// Whether `text` can be read by splitting it at line breaks and commas: it has no quote, and
/// every carriage return ends a line (the csv reader takes a lone one as a line break too).
fn is_plain(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr(b'"', b).is_none()
        && !text.starts_with('\u{feff}')
        && memchr::memchr_iter(b'\r', b).all(|i| b.get(i + 1) == Some(&b'\n'))
}

/// Reads a quote-free part line by line. Without quotes a CSV record is one line and its fields
/// are what lies between commas, so this gives exactly the records the csv reader gives, with
/// the fields borrowed from the text: a national results file has millions, and the reader
/// spent more time copying and re-checking them than the rows' checks took.
fn read_plain(
    part: &Chunk<'_>,
    file: &str,
    header: &[&str],
    diags: &mut Diagnostics,
    mut each: impl FnMut(&Record<'_>, &mut Diagnostics),
) {
    let mut seen_header = !part.first;
    // One field list for every line: a national results file has millions of lines.
    let mut fields: Vec<&str> = Vec::with_capacity(header.len() + 2);
    for (line, raw) in (part.first_line..).zip(part.text.split('\n')) {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        fields.clear();
        fields.extend(raw.split(',').map(str::trim));
        if !take(&mut fields, line, raw, file, header, &mut seen_header, diags, &mut each) {
            return;
        }
    }
    if !seen_header {
        diags.error(Span::file(file), format!("the file is empty; expected the header `{}`", header.join(",")));
    }
}

/// Hands a data row of the right width to `each`, reports a row of the wrong width, and skips
/// blank rows and the header. Returns false when the rest of the file cannot be read (its
/// header is not the expected one).
#[allow(clippy::too_many_arguments)]
fn take<'a>(
    fields: &mut Vec<&'a str>,
    line: usize,
    raw: &'a str,
    file: &str,
    header: &[&str],
    seen_header: &mut bool,
    diags: &mut Diagnostics,
    each: &mut impl FnMut(&Record<'a>, &mut Diagnostics),
) -> bool {
    match shape(fields, header, seen_header) {
        Shape::Blank | Shape::Header => {}
        Shape::WrongHeader => {
            let span = Span::at(file, line, Some(1)).source(raw, raw.chars().count());
            diags.error(span, format!("the header is `{}`; expected exactly `{}`", fields.join(","), header.join(",")));
            return false;
        }
        Shape::WrongWidth => {
            let span = Span::at(file, line, Some(1)).source(raw, raw.chars().count());
            diags.error(
                span,
                format!("this row has {} fields; expected {} ({})", fields.len(), header.len(), header.join(",")),
            );
        }
        Shape::Data => {
            // Lent to `each` and taken back, so the caller reuses the list for the next line.
            let rec = Record { fields: std::mem::take(fields), line, raw, sheet: None, columns: None, numbers: 0 };
            each(&rec, diags);
            *fields = rec.fields;
        }
    }
    true
}

/// Where a row stands among a table's rows, by the rules the CSV and .xlsx readers share.
#[derive(Debug, PartialEq, Eq)]
pub enum Shape {
    /// Every field empty: skipped.
    Blank,
    /// The header row, as expected.
    Header,
    /// The first non-blank row, which is not the expected header: the file cannot be read.
    WrongHeader,
    /// A data row with another number of fields than the header.
    WrongWidth,
    /// A data row of the right width.
    Data,
}

/// Classifies a row's fields, dropping empty fields past the header's width first
/// (spreadsheets add them). `seen_header` turns true at the first non-blank row.
pub fn shape<S: AsRef<str>>(fields: &mut Vec<S>, header: &[&str], seen_header: &mut bool) -> Shape {
    if fields.iter().all(|f| f.as_ref().is_empty()) {
        return Shape::Blank;
    }
    while fields.len() > header.len() && fields.last().is_some_and(|f| f.as_ref().is_empty()) {
        fields.pop();
    }
    if !*seen_header {
        *seen_header = true;
        let same = fields.iter().map(AsRef::as_ref).eq(header.iter().copied());
        return if same { Shape::Header } else { Shape::WrongHeader };
    }
    if fields.len() == header.len() { Shape::Data } else { Shape::WrongWidth }
}

/// Spreadsheet column letters of a 0-based column index (0 → A, 25 → Z, 26 → AA).
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Each<'e> = &'e mut dyn FnMut(&Record<'_>, &mut Diagnostics);
    type Reader = fn(&Chunk<'_>, &str, &[&str], &mut Diagnostics, Each<'_>);
    /// Rows (line, raw text, fields) and messages.
    type Outcome = (Vec<(usize, String, Vec<String>)>, Vec<String>);

    /// Everything a reader reports about a text.
    fn outcome(text: &str, read: Reader) -> Outcome {
        let mut d = Diagnostics::new();
        let mut rows = vec![];
        let part = Chunk { text, first_line: 1, first: true };
        read(&part, "f.csv", &["a", "b", "c"], &mut d, &mut |r, _| {
            rows.push((r.line, r.raw.to_string(), r.fields.iter().map(|f| f.to_string()).collect()))
        });
        (rows, d.iter().map(|x| x.to_string()).collect())
    }

    proptest! {
        /// The quote-free fast path reads exactly what the csv crate's reader reads.
        #[test]
        fn plain_reading_agrees_with_the_csv_reader(
            body in prop::collection::vec(prop::sample::select(vec!["a", "b", "c", ",", "\n", "\r\n", " ", "ก", "1", "-", "\t"]), 0..40)
        ) {
            for head in ["a,b,c\n", "a,b,c\r\n", "", "x,y\n"] {
                let text = format!("{head}{}", body.concat());
                prop_assume!(is_plain(&text));
                let plain = outcome(&text, |p, f, h, d, e| read_plain(p, f, h, d, e));
                let quoted = outcome(&text, |p, f, h, d, e| read_quoted(p, f, h, d, e));
                prop_assert_eq!(plain, quoted, "{:?}", text);
            }
        }
    }

    #[test]
    fn what_reads_plain() {
        assert!(is_plain("a,b\r\n1,2\n"));
        assert!(!is_plain("a,b\r1,2\n"), "a lone carriage return is a line break to the csv reader");
        assert!(!is_plain("a,\"b\"\n"));
        assert!(!is_plain("\u{feff}a,b\n"));
    }

    #[test]
    fn row_shapes() {
        let h = ["a", "b"];
        let mut seen = false;
        let row = |v: &[&str], seen: &mut bool| {
            let mut f: Vec<String> = v.iter().map(|s| s.to_string()).collect();
            (shape(&mut f, &h, seen), f)
        };
        assert_eq!(row(&["", ""], &mut seen).0, Shape::Blank);
        assert!(!seen, "a blank row is not the header");
        assert_eq!(row(&["a", "b", "", ""], &mut seen), (Shape::Header, vec!["a".into(), "b".into()]));
        assert_eq!(row(&["1"], &mut seen).0, Shape::WrongWidth);
        assert_eq!(row(&["1", "2", ""], &mut seen).0, Shape::Data);
        assert_eq!(row(&["1", "2", "3"], &mut seen).0, Shape::WrongWidth);
        let mut fresh = false;
        assert_eq!(row(&["x", "b"], &mut fresh).0, Shape::WrongHeader);
    }

    #[test]
    fn spreadsheet_column_letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn reads_rows_and_reports_bad_header_and_short_rows() {
        let mut d = Diagnostics::new();
        let mut rows = vec![];
        read("a,b\r\n1, x \r\n\r\n2\r\n\"3,3\",y,,\r\n", "f.csv", &["a", "b"], &mut d, |r, _| {
            rows.push((r.line, r.fields.iter().map(|f| f.to_string()).collect::<Vec<String>>()))
        });
        assert_eq!(rows, vec![(2, vec!["1".into(), "x".into()]), (5, vec!["3,3".into(), "y".into()])]);
        assert_eq!(d.error_count(), 1);
        let msg = d.iter().next().unwrap();
        assert_eq!(msg.span.line, Some(4));
        assert!(msg.message.contains("1 fields; expected 2"));

        let mut d = Diagnostics::new();
        let mut n = 0;
        read("a,b\n1,2\n3,\"x,y\n4,5\n", "f.csv", &["a", "b"], &mut d, |_, _| n += 1);
        assert_eq!(n, 1);
        let e = d.iter().next().unwrap();
        assert_eq!((e.span.line, e.span.column), (Some(3), Some(3)));
        assert!(e.message.starts_with("a quote `\"` opened here is never closed"), "{}", e.message);
        // A stray quote inside an unquoted field is read as a character, not as an open quote.
        let mut d = Diagnostics::new();
        let mut got = vec![];
        read("a,b\n1,5\" screen\n2,x\n", "f.csv", &["a", "b"], &mut d, |r, _| got.push(r.fields[1].to_string()));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(got, vec!["5\" screen".to_string(), "x".to_string()]);
        // A quoted field over two lines, properly closed, is fine.
        let mut d = Diagnostics::new();
        let mut got = vec![];
        read("a,b\n1,\"x\ny\"\n", "f.csv", &["a", "b"], &mut d, |r, _| got.push(r.fields[1].to_string()));
        assert!(d.is_empty());
        assert_eq!(got, vec!["x\ny".to_string()]);

        let mut d = Diagnostics::new();
        read("x,b\n1,2\n", "f.csv", &["a", "b"], &mut d, |_, _| panic!("no rows after a bad header"));
        assert!(d.iter().next().unwrap().message.contains("expected exactly `a,b`"));
    }
}
