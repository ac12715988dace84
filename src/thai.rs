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
        if frac % 10 != 0 {
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

/// Formats a target: integers plainly, otherwise with up to two decimals.
pub fn format_target(v: f64) -> String {
    format_number(v)
}

/// Appends the sign and the whole part, its groups of three digits split by commas, of a value
/// given in hundredths, and returns the hundredths left over (0-99). The sign goes on the value,
/// not on the whole part: -0.5 has a whole part of 0.
fn push_whole(out: &mut String, hundredths: i64) -> u64 {
    if hundredths < 0 {
        out.push('-');
    }
    let h = hundredths.unsigned_abs();
    crate::numtext::push_grouped_uint(out, h / 100);
    h % 100
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

/// Thai weekday names, Sunday first.
pub const WEEKDAYS_TH: [&str; 7] = ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"];

/// The Buddhist Era is the Christian Era plus 543 (พ.ศ. 2567 = ค.ศ. 2024).
pub const BE_OFFSET: i32 = 543;

/// A calendar date (proleptic Gregorian, Christian-era year inside; shown in พ.ศ.).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Christian-era year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u8,
    /// Day of the month, 1-31.
    pub day: u8,
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// A date, when it exists (no 30 February).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Reads `YYYY-MM-DD`. A year from 2400 on is taken as พ.ศ. and converted, so both
    /// `2024-04-23` and `2567-04-23` mean 23 April 2024.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = arabic_digits(s.trim());
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        if !(y.bytes().chain(m.bytes()).chain(d.bytes())).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut year: i32 = y.parse().ok()?;
        if year >= 2400 {
            year -= BE_OFFSET;
        }
        Date::new(year, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date that is `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date in Thailand (UTC+7, no daylight saving) at a Unix time, such as SOURCE_DATE_EPOCH.
    pub fn in_bangkok_at_unix(secs: i64) -> Date {
        Date::from_days_since_epoch((secs + 7 * 3600).div_euclid(86_400))
    }

    /// Day of the week, 0 = Sunday.
    pub fn weekday(self) -> usize {
        // 1970-01-01 was a Thursday.
        ((self.days_since_epoch() + 4).rem_euclid(7)) as usize
    }

    /// The Buddhist Era year.
    pub fn year_be(self) -> i32 {
        self.year + BE_OFFSET
    }

    /// `YYYY-MM-DD` in the Christian era, for machines (datetime attributes, file names).
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "23 เมษายน 2567".
    pub fn thai(self) -> String {
        format!("{} {} {}", self.day, MONTHS_TH[usize::from(self.month) - 1], self.year_be())
    }

    /// "วันอังคารที่ 23 เมษายน 2567".
    pub fn thai_long(self) -> String {
        format!("วัน{}ที่ {}", WEEKDAYS_TH[self.weekday()], self.thai())
    }
}

/// A time of day, to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    /// Hour, 0-23.
    pub hour: u8,
    /// Minute, 0-59.
    pub minute: u8,
}

impl Time {
    /// Reads "08.30", "8.30", "08:30" or "08.30 น.".
    pub fn parse(s: &str) -> Option<Time> {
        let s = arabic_digits(s.trim());
        let s = s.strip_suffix("น.").unwrap_or(&s).trim();
        let (h, m) = s.split_once(['.', ':'])?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (hour, minute): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
        (hour < 24 && minute < 60).then_some(Time { hour, minute })
    }

    /// "08.30 น.".
    pub fn thai(self) -> String {
        format!("{}.{:02} น.", self.hour_2(), self.minute)
    }

    fn hour_2(self) -> String {
        format!("{:02}", self.hour)
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        u32::from(self.hour) * 60 + u32::from(self.minute)
    }
}

/// "08.30 - 12.00 น.": a span of time the way Thai letters write it, with one "น.".
pub fn thai_time_range(start: Time, end: Time) -> String {
    format!("{}.{:02} - {}", start.hour_2(), start.minute, end.thai())
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
                if i > 0 && (digits.len() - i) % 3 == 0 {
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
    fn slugs_and_ids() {
        assert_eq!(slugify("Khlong Thom"), "khlong-thom");
        assert_eq!(slugify("  Mueang Krabi!"), "mueang-krabi");
        assert_eq!(slugify("กระบี่"), "");
        assert_eq!(stable_id("กระบี่"), stable_id("กระบี่"));
        assert_ne!(stable_id("กระบี่"), stable_id("ชลบุรี"));
        assert_eq!(arabic_digits("พ.ศ. ๒๕๖๗"), "พ.ศ. 2567");
    }

    #[test]
    fn thai_dates_name_the_weekday_and_buddhist_year() {
        let d = Date::parse_iso("2024-04-23").unwrap();
        assert_eq!(d.thai_long(), "วันอังคารที่ 23 เมษายน 2567");
        assert_eq!(d.thai(), "23 เมษายน 2567");
        assert_eq!(Date::parse_iso("2567-04-23"), Some(d), "a พ.ศ. year is converted");
        assert_eq!(Date::parse_iso("๒๕๖๗-๐๔-๒๓"), Some(d), "Thai digits are read");
        assert_eq!(Date::new(2026, 1, 1).unwrap().thai_long(), "วันพฤหัสบดีที่ 1 มกราคม 2569");
        assert_eq!(Date::new(2000, 2, 29).unwrap().weekday(), 2);
        for bad in ["2024-02-30", "2023-02-29", "2024-13-01", "2024-4-23", "23/04/2567", "", "2024-04-23x", "2024-04"] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn epoch_days_round_trip_and_bangkok_offset() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2024, 12, 31), (1969, 12, 31), (2100, 3, 1)] {
            let date = Date::new(y, m, d).unwrap();
            assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
        }
        assert_eq!(Date::new(1970, 1, 2).unwrap().days_since_epoch(), 1);
        // 2024-04-22 17:00 UTC is already 23 April in Bangkok.
        assert_eq!(Date::in_bangkok_at_unix(1_713_805_200), Date::new(2024, 4, 23).unwrap());
        assert_eq!(Date::in_bangkok_at_unix(1_713_805_199), Date::new(2024, 4, 22).unwrap());
    }

    #[test]
    fn thai_times_use_a_dot_and_one_nor() {
        let t = Time::parse("08:30").unwrap();
        assert_eq!(t.thai(), "08.30 น.");
        assert_eq!(Time::parse("8.30"), Some(t));
        assert_eq!(Time::parse("๐๘.๓๐ น."), Some(t));
        assert_eq!(thai_time_range(t, Time::parse("12.00").unwrap()), "08.30 - 12.00 น.");
        for bad in ["24.00", "08.60", "0830", "8", "08.3", "ab.cd", ""] {
            assert_eq!(Time::parse(bad), None, "{bad}");
        }
    }
}
