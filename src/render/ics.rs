//! Calendar files (RFC 5545) for workshop sessions: CRLF line ends, lines folded at 75
//! octets, times in UTC (Bangkok is UTC+7 all year), and a DTSTAMP that does not read the clock.

use crate::model::{Settings, WorkshopSeries, WorkshopSession};
use crate::paths::{absolute_url, session_path};
use crate::text::dates::{Date, Time, thai_time_range};

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Folds one content line: at most 75 octets per physical line, never splitting a UTF-8
/// character, continuation lines starting with one space; every line ends in CRLF.
pub fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

/// `YYYYMMDDTHHMMSSZ` for a Bangkok date and time.
pub fn utc_stamp(date: Date, time: Time) -> String {
    let minutes = date.days_since_epoch() * 1440 + i64::from(time.minutes()) - 7 * 60;
    let day = Date::from_days_since_epoch(minutes.div_euclid(1440));
    let m = minutes.rem_euclid(1440);
    format!("{:04}{:02}{:02}T{:02}{:02}00Z", day.year, day.month, day.day, m / 60, m % 60)
}

/// The host a UID is qualified with: the base URL's host, else a name that cannot clash.
fn uid_host(settings: &Settings) -> String {
    settings
        .base_url
        .as_deref()
        .and_then(|b| b.split_once("://"))
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or("").to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "prakat.invalid".into())
}

/// DTSTAMP must not change between builds of the same input: the build date when one is set,
/// otherwise midnight (Bangkok) of the series' first session day.
fn dtstamp(settings: &Settings, series: &WorkshopSeries) -> String {
    let day = settings.build_date.or_else(|| series.sessions.iter().map(|s| s.date).min()).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    });
    utc_stamp(day, Time { hour: 0, minute: 0 })
}

fn event(settings: &Settings, series: &WorkshopSeries, s: &WorkshopSession, stamp: &str, out: &mut String) {
    let mut line = |l: String| fold(&l, out);
    line("BEGIN:VEVENT".into());
    line(format!("UID:workshop-{}-{}@{}", series.be, s.no, uid_host(settings)));
    line(format!("DTSTAMP:{stamp}"));
    line(format!("DTSTART:{}", utc_stamp(s.date, s.start)));
    line(format!("DTEND:{}", utc_stamp(s.date, s.end)));
    line(format!("SUMMARY:{}", escape_text(&format!("{} ครั้งที่ {}", series.title_th, s.no))));
    let mut desc = vec![format!("{} เวลา {}", s.date.thai_long(), thai_time_range(s.start, s.end))];
    if !s.title_th.is_empty() {
        desc.push(s.title_th.clone());
    }
    for l in s.links(series.schedule_url.as_deref()) {
        desc.push(format!("{}: {}", l.label, l.url));
    }
    if !s.phone.is_empty() {
        desc.push(format!("ติดต่อ โทร. {}", s.phone));
    }
    line(format!("DESCRIPTION:{}", escape_text(&desc.join("\n"))));
    if !s.channels.is_empty() {
        let names: Vec<&str> = s.channels.iter().map(|c| c.name.as_str()).collect();
        line(format!("LOCATION:{}", escape_text(&format!("ออนไลน์: {}", names.join(", ")))));
    }
    if let Some(base) = settings.base_url.as_deref() {
        line(format!("URL:{}", absolute_url(Some(base), &session_path(series.be, s.no))));
    }
    line("STATUS:CONFIRMED".into());
    line("TRANSP:OPAQUE".into());
    line("END:VEVENT".into());
}

/// The calendar of the given sessions of a series (one session, or all of them).
pub fn calendar(settings: &Settings, series: &WorkshopSeries, sessions: &[&WorkshopSession]) -> String {
    let mut out = String::new();
    let stamp = dtstamp(settings, series);
    for l in
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//prakat//workshops//TH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    {
        fold(l, &mut out);
    }
    fold(&format!("X-WR-CALNAME:{}", escape_text(&series.title_th)), &mut out);
    fold("X-WR-TIMEZONE:Asia/Bangkok", &mut out);
    for s in sessions {
        event(settings, series, s, &stamp, &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "การประชุมชี้แจง".repeat(10));
        fold(&long, &mut out);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines.last(), Some(&""), "ends in CRLF");
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert!(lines[1..lines.len() - 1].iter().all(|l| l.starts_with(' ')));
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn bangkok_times_become_utc_and_may_cross_midnight() {
        let d = Date::new(2024, 4, 23).unwrap();
        assert_eq!(utc_stamp(d, Time { hour: 8, minute: 30 }), "20240423T013000Z");
        assert_eq!(utc_stamp(d, Time { hour: 6, minute: 0 }), "20240422T230000Z");
        assert_eq!(utc_stamp(Date::new(2024, 1, 1).unwrap(), Time { hour: 0, minute: 0 }), "20231231T170000Z");
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
