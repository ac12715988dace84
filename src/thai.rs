//! Thai conventions: digits, numbers, years and dates as Thai readers expect them.

/// Thai month names, January first.
pub const MONTHS_TH: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// Replaces Thai digits (๐-๙) with Arabic ones; everything else is kept.
pub fn arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            _ => c,
        })
        .collect()
}

/// Why a number could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number at all.
    NotANumber,
    /// A number below zero.
    Negative,
    /// A number at or above [`NUMBER_LIMIT`], which the site could not show exactly.
    TooLarge,
}

/// Numbers read from the input must be below this (one trillion): counts of roads, people or
/// projects never come near it, and every value below it is shown exactly with two decimals.
/// Larger values would overflow the fixed-point arithmetic the pages use, so they are refused
/// rather than shown wrong.
pub const NUMBER_LIMIT: f64 = 1e12;

/// Reads a non-negative number as exporters write it: Thai or Arabic digits, optional
/// thousands separators ("13,502"), optional decimals. Returns `Ok(None)` for "-" or empty,
/// which mean "not applicable" and are never read as 0.
pub fn parse_number(raw: &str) -> Result<Option<f64>, NumberError> {
    let s = raw.trim();
    if s.is_empty() || s == "-" || s == "–" || s == "—" {
        return Ok(None);
    }
    let s = arabic_digits(s);
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s.as_str()),
    };
    if !valid_grouping(body) {
        return Err(NumberError::NotANumber);
    }
    let plain: String = body.chars().filter(|&c| c != ',').collect();
    let value: f64 = plain.parse().map_err(|_| NumberError::NotANumber)?;
    if !value.is_finite() {
        return Err(NumberError::NotANumber);
    }
    if neg && value != 0.0 {
        return Err(NumberError::Negative);
    }
    if value >= NUMBER_LIMIT {
        return Err(NumberError::TooLarge);
    }
    Ok(Some(value))
}

/// Digits with optional comma groups of three and an optional decimal part; nothing else
/// (so "1e5", "inf", "12,34" and "0x10" are refused).
fn valid_grouping(s: &str) -> bool {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac
        && (f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return false;
    }
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let first = groups[0].len();
        (1..=3).contains(&first) && groups[1..].iter().all(|g| g.len() == 3)
    } else {
        true
    }
}

/// Formats a count with thousands separators and at most two decimals, without float noise
/// (13502 → "13,502"; 12.5 → "12.5").
pub fn format_number(v: f64) -> String {
    let hundredths = (v * 100.0).round() as i64;
    let int = hundredths / 100;
    let frac = (hundredths % 100).abs();
    let mut out = group_thousands(int);
    if frac != 0 {
        if frac % 10 == 0 {
            out.push_str(&format!(".{}", frac / 10));
        } else {
            out.push_str(&format!(".{frac:02}"));
        }
    }
    out
}

/// Formats a value given in hundredths with exactly two decimals (5200 → "52.00").
pub fn format_hundredths(h: i64) -> String {
    let sign = if h < 0 { "-" } else { "" };
    let h = h.abs();
    format!("{sign}{}.{:02}", group_thousands(h / 100), h % 100)
}

/// Formats a target: integers plainly, otherwise with up to two decimals.
pub fn format_target(v: f64) -> String {
    format_number(v)
}

fn group_thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Turns a name into a URL segment: lowercase ASCII letters, digits and dashes.
/// Returns an empty string when nothing usable is left (e.g. a Thai-only name).
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A short, stable identifier for text that has no ASCII form (FNV-1a, 32 bits, hex).
pub fn stable_id(s: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_accept_thai_digits_and_grouping() {
        assert_eq!(parse_number("๑๒"), Ok(Some(12.0)));
        assert_eq!(parse_number("13,502"), Ok(Some(13502.0)));
        assert_eq!(parse_number(" 1,234,567.5 "), Ok(Some(1_234_567.5)));
        assert_eq!(parse_number("-"), Ok(None));
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number("0"), Ok(Some(0.0)));
        assert_eq!(parse_number("-3"), Err(NumberError::Negative));
        assert_eq!(parse_number("999,999,999,999.99"), Ok(Some(999_999_999_999.99)));
        assert_eq!(parse_number("1,000,000,000,000"), Err(NumberError::TooLarge));
        assert_eq!(parse_number("99999999999999999999999"), Err(NumberError::TooLarge));
        for bad in ["abc", "1e5", "12,34", "inf", "NaN", "1.", ".5", "0x10", "1,2345"] {
            assert_eq!(parse_number(bad), Err(NumberError::NotANumber), "{bad}");
        }
    }

    #[test]
    fn formats_without_float_noise() {
        assert_eq!(format_number(13502.0), "13,502");
        assert_eq!(format_number(12.5), "12.5");
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(1_000_000.25), "1,000,000.25");
        assert_eq!(format_hundredths(5200), "52.00");
        assert_eq!(format_hundredths(123456), "1,234.56");
        assert_eq!(format_hundredths(5), "0.05");
    }

    #[test]
    fn slugs_and_ids() {
        assert_eq!(slugify("Khlong Thom"), "khlong-thom");
        assert_eq!(slugify("  Mueang Krabi!"), "mueang-krabi");
        assert_eq!(slugify("กระบี่"), "");
        assert_eq!(stable_id("กระบี่"), stable_id("กระบี่"));
        assert_ne!(stable_id("กระบี่"), stable_id("ชลบุรี"));
        assert_eq!(arabic_digits("พ.ศ. ๒๕๖๗"), "พ.ศ. 2567");
    }
}
