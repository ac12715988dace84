//! Numbers as Thai readers and Thai spreadsheets write them: Thai digits, grouping, hundredths.

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
    // Nearly every figure of an export is a plain whole number: read it without the copies
    // below. Fifteen digits stay exact in an f64 (below 2^53).
    if s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) {
        let v = s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64;
        return if v >= NUMBER_LIMIT { Err(NumberError::TooLarge) } else { Ok(Some(v)) };
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
    let mut out = String::with_capacity(16);
    push_number(&mut out, v);
    out
}

/// Appends [`format_number`]`(v)`: a national LAO page writes hundreds, so without allocating.
pub fn push_number(out: &mut String, v: f64) {
    let frac = push_whole(out, (v * 100.0).round() as i64);
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + (frac / 10) as u8));
        if !frac.is_multiple_of(10) {
            out.push(char::from(b'0' + (frac % 10) as u8));
        }
    }
}

/// Formats a value given in hundredths with exactly two decimals (5200 → "52.00").
pub fn format_hundredths(h: i64) -> String {
    let mut out = String::with_capacity(16);
    push_hundredths(&mut out, h);
    out
}

/// Appends [`format_hundredths`]`(h)` without allocating.
pub fn push_hundredths(out: &mut String, h: i64) {
    let frac = push_whole(out, h);
    out.push('.');
    out.push(char::from(b'0' + (frac / 10) as u8));
    out.push(char::from(b'0' + (frac % 10) as u8));
}

/// Appends the sign and the whole part, its groups of three digits split by commas, of a value
/// given in hundredths, and returns the hundredths left over (0-99). The sign goes on the value,
/// not on the whole part: -0.5 has a whole part of 0.
fn push_whole(out: &mut String, hundredths: i64) -> u64 {
    if hundredths < 0 {
        out.push('-');
    }
    let h = hundredths.unsigned_abs();
    crate::text::numtext::push_grouped_uint(out, h / 100);
    h % 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundredths_have_two_decimals_and_separators_either_sign() {
        // The reference writes the digits out and groups them by hand.
        let reference = |h: i64| {
            let digits = (h.unsigned_abs() / 100).to_string();
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            format!("{}{grouped}.{:02}", if h < 0 { "-" } else { "" }, h.unsigned_abs() % 100)
        };
        for h in (-2_000_000..2_000_000).step_by(997).chain([0, 5, -5, 99_999, 100_000, 123_456_789, i64::MIN]) {
            assert_eq!(format_hundredths(h), reference(h), "{h}");
        }
    }

    #[test]
    fn numbers_accept_thai_digits_and_grouping() {
        assert_eq!(parse_number("๑๒"), Ok(Some(12.0)));
        // Plain ASCII whole numbers take a short path; the same figures in Thai digits take the
        // general one. Both must agree, up to and past the limit and the 15-digit cut.
        for n in [0u64, 7, 10, 999_999_999_999, 1_000_000_000_000, 123_456_789_012_345, 1_234_567_890_123_456] {
            for ascii in [n.to_string(), format!("00{n}")] {
                let thai: String =
                    ascii.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0x0E50).unwrap()).collect();
                assert_eq!(parse_number(&ascii), parse_number(&thai), "{ascii}");
            }
        }
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
        // Negative figures are refused by the loader, but the formatter keeps their sign.
        assert_eq!(format_number(-0.5), "-0.5");
        assert_eq!(format_number(-1_234.25), "-1,234.25");
        assert_eq!(format_number(-0.004), "0");
        assert_eq!(format_hundredths(5200), "52.00");
        assert_eq!(format_hundredths(123456), "1,234.56");
        assert_eq!(format_hundredths(5), "0.05");
        assert_eq!(format_hundredths(-123_456), "-1,234.56");
        assert_eq!(format_hundredths(100_000_000), "1,000,000.00");
        for (v, text) in [(999.0, "999"), (1000.0, "1,000"), (100_000.0, "100,000"), (0.05, "0.05"), (7.1, "7.1")] {
            assert_eq!(format_number(v), text);
        }
        assert_eq!(format_number(-1234.5), "-1,234.5");
    }

    #[test]
    fn thai_digits_become_arabic() {
        assert_eq!(arabic_digits("พ.ศ. ๒๕๖๗"), "พ.ศ. 2567");
    }
}
