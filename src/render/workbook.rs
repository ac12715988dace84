//! A year's results as an Excel workbook: every row with the LAO's name, district and province
//! and the indicator's wording written out, so office staff can filter and pivot without
//! joining tables. Repeated texts cost little: xlsx keeps each distinct string once.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::derive::{Derived, Verdict};
use crate::model::{LaoType, Site, Unit};

/// Deflate level of the workbook's zip. Level 4 writes a national year's 206 MB sheet about
/// twice as fast as the default 6 for 3 % more bytes; below 4 the file grows by 15 % or more.
const ZIP_LEVEL: u8 = 4;

/// The results sheet's column headings, in the office's words.
pub const HEADINGS: [&str; 12] = [
    "รหัส อปท.",
    "ชื่อ อปท.",
    "อำเภอ",
    "จังหวัด",
    "ด้าน",
    "ตัวชี้วัด",
    "เกณฑ์ชี้วัด",
    "ค่าเป้าหมาย",
    "กรอบการประเมิน (1)",
    "การจัดบริการสาธารณะ (2)",
    "(2) เทียบกับ (1) %",
    "ผลการประเมิน",
];

const WIDTHS: [f64; 12] = [10.0, 34.0, 16.0, 14.0, 6.0, 8.0, 70.0, 10.0, 12.0, 12.0, 12.0, 22.0];

/// The workbook of year `y`: a results sheet (one row per LAO and indicator) and a sheet that
/// says what the columns mean. An error (such as more rows than a sheet holds) is the writer's
/// message, for the build to report: never an empty or broken file.
pub fn year(site: &Site, derived: &Derived, y: usize) -> Result<Vec<u8>, String> {
    build(site, derived, y).map_err(|e| match e {
        XlsxError::TempFileError(..) => format!(
            "cannot write the year's Excel workbook: {e}; expected a temporary folder with room to write \
             (the sheet is spooled there while it is made: set TMPDIR to another folder)"
        ),
        _ => format!("cannot write the year's Excel workbook: {e}"),
    })
}

fn build(site: &Site, derived: &Derived, y: usize) -> Result<Vec<u8>, XlsxError> {
    let year = &site.years[y];
    let cat = &year.catalog;
    let fig = &derived.years[y];
    let mut book = Workbook::new();
    book.set_zip_compression_level(ZIP_LEVEL);
    // The file's own date is the data's (`data_as_of`), never the clock or the build day, so a
    // rebuild of the same data is byte-identical and a deploy does not upload it again.
    let day = site.settings.data_as_of;
    let created = match day {
        Some(d) => ExcelDateTime::from_ymd(d.year as u16, d.month, d.day)?,
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    let props = DocProperties::new()
        .set_title(format!("ผลการประเมินมาตรฐานขั้นต่ำ ปี พ.ศ. {}", year.be))
        .set_author(&site.settings.office.name_th)
        .set_creation_datetime(&created);
    book.set_properties(&props);
    let bold = Format::new().set_bold();
    let ratio = Format::new().set_num_format("0.00");
    // Low-memory mode: each row is written out as XML as soon as the next begins (to a
    // temporary file in TMPDIR, removed when the workbook is done) instead of being held as
    // cells until the end; the sheet's set-up therefore comes before its rows.
    let sheet = book.add_worksheet_with_low_memory()?;
    sheet.set_name(format!("ผลการประเมิน {}", year.be))?;
    header(sheet, &HEADINGS, &WIDTHS, &bold)?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, year.measures.len() as u32, HEADINGS.len() as u16 - 1)?;
    let verdicts: Vec<String> = Verdict::ALL.iter().map(|v| v.text_th(year.be)).collect();
    // Wording per LAO type, made once rather than once per row.
    let texts: Vec<Vec<String>> =
        LaoType::ALL.iter().map(|&t| cat.indicators.iter().map(|i| i.text_for(t)).collect()).collect();
    let mut row: u32 = 0;
    let mut last_lao = usize::MAX;
    let (mut name, mut district, mut province) = (String::new(), "", "");
    for (i, m) in year.measures.iter().enumerate() {
        row += 1;
        let lao = &site.laos[m.lao];
        if m.lao != last_lao {
            last_lao = m.lao;
            name = lao.full_name_th();
            let p = &site.provinces[lao.province];
            province = &p.name_th;
            district = &p.districts[lao.district].name_th;
        }
        let ind = &cat.indicators[m.indicator];
        sheet.write_string(row, 0, &lao.code)?;
        sheet.write_string(row, 1, &name)?;
        sheet.write_string(row, 2, district)?;
        sheet.write_string(row, 3, province)?;
        sheet.write_number(row, 4, cat.areas[ind.area].no)?;
        sheet.write_string(row, 5, &ind.id)?;
        sheet.write_string(row, 6, &texts[lao.kind.index()][m.indicator])?;
        number(sheet, row, 7, ind.target.for_type(lao.kind))?;
        number(sheet, row, 8, m.base.get())?;
        number(sheet, row, 9, m.delivered.get())?;
        match (ind.unit, fig.values[i]) {
            (Unit::Percent, Some(h)) => _ = sheet.write_number_with_format(row, 10, h as f64 / 100.0, &ratio)?,
            _ => _ = sheet.write_string(row, 10, "-")?,
        }
        sheet.write_string(row, 11, &verdicts[fig.verdicts[i].index()])?;
    }

    let about = book.add_worksheet();
    about.set_name("คำอธิบาย")?;
    header(about, &["คอลัมน์", "ความหมาย"], &[26.0, 90.0], &bold)?;
    let meanings = [
        "รหัส อปท. ตามทะเบียนของกรมส่งเสริมการปกครองท้องถิ่น",
        "ชื่อ อปท. เต็มพร้อมประเภท",
        "อำเภอ (เขต สำหรับกรุงเทพมหานคร)",
        "จังหวัด",
        "ลำดับด้าน",
        "รหัสตัวชี้วัด",
        "เกณฑ์ชี้วัดตามถ้อยคำสำหรับประเภท อปท. นี้",
        "ค่าเป้าหมายสำหรับประเภท อปท. นี้ (ร้อยละ หรือจำนวนครั้ง)",
        "กรอบการประเมิน; - คือไม่มีข้อมูล ไม่ใช่ศูนย์",
        "การจัดบริการสาธารณะ; - คือไม่มีข้อมูล ไม่ใช่ศูนย์",
        "(2) เทียบกับ (1) เป็นร้อยละ; - สำหรับตัวชี้วัดที่นับเป็นครั้ง",
        "ผลการประเมินตามถ้อยคำทางราชการ",
    ];
    for (r, (h, m)) in HEADINGS.iter().zip(meanings).enumerate() {
        about.write_string(r as u32 + 1, 0, *h)?;
        about.write_string(r as u32 + 1, 1, m)?;
    }
    about.write_string(
        HEADINGS.len() as u32 + 2,
        0,
        format!("{} แถว", crate::text::numbers::format_number(row as f64)),
    )?;
    book.save_to_buffer()
}

fn header(sheet: &mut Worksheet, names: &[&str], widths: &[f64], bold: &Format) -> Result<(), XlsxError> {
    for (c, (name, w)) in names.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, bold)?;
        sheet.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

/// A figure as a number cell, or "-" (as in the office's own files) where there is none.
fn number(sheet: &mut Worksheet, row: u32, col: u16, v: Option<f64>) -> Result<(), XlsxError> {
    match v {
        Some(v) => sheet.write_number(row, col, v)?,
        None => sheet.write_string(row, col, "-")?,
    };
    Ok(())
}
