//! Thai calendar conventions: Buddhist Era years, month and weekday names, times like 08.30 น.

use super::numbers::arabic_digits;

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

    /// [`Date::thai`] with no-break spaces, for page text: a line may end before the date or
    /// after it, never inside it ("1 | ตุลาคม 2569").
    pub fn thai_unbroken(self) -> String {
        self.thai().replace(' ', "\u{a0}")
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

/// Thai month abbreviations, January first, as written with their dots.
const MONTHS_TH_SHORT: [&str; 12] =
    ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];

/// The date an "as of" line of a report or export gives: "ข้อมูล ณ วันที่ 30 กันยายน 2567",
/// "ณ วันที่ 30 ก.ย. 67", "ณ วันที่ 30/09/2567", "as of 2024-09-30". Years from 2400 are พ.ศ.,
/// two-digit years are พ.ศ. 25xx. None when the text has no "ณ" or "as of" before a date, or the
/// date does not exist.
pub fn as_of_in(text: &str) -> Option<Date> {
    let text = arabic_digits(text);
    let at = ["ข้อมูล ณ", "ณ วันที่", "as of", "As of", "AS OF"]
        .iter()
        .filter_map(|m| text.find(m).map(|i| i + m.len()))
        .min()?;
    let rest = text[at..].trim_start();
    let rest = rest.strip_prefix("วันที่").unwrap_or(rest).trim_start();
    if let Some(d) = Date::parse_iso(rest.get(..10).unwrap_or(rest)) {
        return Some(d);
    }
    let year_of = |y: &str| -> Option<i32> {
        let y: i32 = y.parse().ok()?;
        match y {
            0..=99 => Some(2500 + y - BE_OFFSET),
            2400..=2700 => Some(y - BE_OFFSET),
            1900..=2200 => Some(y),
            _ => None,
        }
    };
    let digits = |s: &str| -> String { s.chars().take_while(char::is_ascii_digit).collect() };
    let day = digits(rest);
    if day.is_empty() || day.len() > 2 {
        return None;
    }
    let after = &rest[day.len()..];
    // 30/09/2567 or 30-09-2567
    if let Some(r) = after.strip_prefix('/').or_else(|| after.strip_prefix('-')) {
        let month = digits(r);
        let r = &r[month.len()..];
        let r = r.strip_prefix('/').or_else(|| r.strip_prefix('-'))?;
        return Date::new(year_of(&digits(r))?, month.parse().ok()?, day.parse().ok()?);
    }
    let after = after.trim_start();
    // A month's name, or its abbreviation with or without the last dot.
    let (month, after) = MONTHS_TH.iter().chain(MONTHS_TH_SHORT.iter()).enumerate().find_map(|(i, m)| {
        after.strip_prefix(m).or_else(|| after.strip_prefix(m.trim_end_matches('.'))).map(|r| (i % 12, r))
    })?;
    let after = after.trim_start();
    let after = after.strip_prefix("พ.ศ.").unwrap_or(after).trim_start();
    Date::new(year_of(&digits(after))?, month as u8 + 1, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn as_of_lines_give_their_date() {
        let d = |s: &str| as_of_in(s).map(|d| d.iso());
        assert_eq!(d("ข้อมูล ณ วันที่ 30 กันยายน 2567").as_deref(), Some("2024-09-30"));
        assert_eq!(d("ข้อมูล ณ วันที่ ๓๐ กันยายน พ.ศ. ๒๕๖๗").as_deref(), Some("2024-09-30"));
        assert_eq!(d("รายงาน ณ วันที่ 1 ต.ค. 67").as_deref(), Some("2024-10-01"));
        assert_eq!(d("ณ วันที่ 1 ต.ค 2567").as_deref(), Some("2024-10-01"));
        assert_eq!(d("ณ วันที่ 1 ต.ค2567").as_deref(), Some("2024-10-01"));
        assert_eq!(d("ข้อมูล ณ 30/09/2567").as_deref(), Some("2024-09-30"));
        assert_eq!(d("Data as of 2024-09-30").as_deref(), Some("2024-09-30"));
        assert_eq!(as_of_in("ณ วันที่ 1 ต.ค. 2569").map(|d| d.thai_unbroken()).as_deref(), Some("1\u{a0}ตุลาคม\u{a0}2569"));
        // No marker, no date, or a day that does not exist.
        assert_eq!(d("30 กันยายน 2567"), None);
        assert_eq!(d("ข้อมูล ณ วันที่"), None);
        assert_eq!(d("ข้อมูล ณ วันที่ 31 กันยายน 2567"), None);
        assert_eq!(d("ข้อมูล ณ วันที่ 30 กันยายน"), None);
    }

    use super::*;

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
