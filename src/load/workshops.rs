//! `data/workshops.yaml` (optional): each year's series of briefing workshops and its sessions.
//! The format is described in docs/workshops.md.

use std::collections::HashMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diag::Diagnostics;
use crate::load::registry::check_website;
use crate::load::yaml::{self, span_at};
use crate::model::{Channel, LaoType, WorkshopDocument, WorkshopSeries, WorkshopSession};
use crate::text::dates::{Date, Time};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    series: Vec<RawSeries>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    year: Spanned<u32>,
    #[serde(default)]
    sample: bool,
    title_th: Spanned<String>,
    #[serde(default)]
    description_th: String,
    #[serde(default)]
    schedule_url: Option<Spanned<String>>,
    #[serde(default)]
    rsvp_url: Option<Spanned<String>>,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    documents: Vec<RawDocument>,
    sessions: Vec<RawSession>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    title_th: String,
    url: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSession {
    no: Spanned<u32>,
    #[serde(default)]
    title_th: String,
    date: Spanned<String>,
    start: Spanned<String>,
    end: Spanned<String>,
    #[serde(default)]
    channels: Vec<RawChannel>,
    #[serde(default)]
    audience: Vec<Spanned<String>>,
    #[serde(default)]
    audience_note: String,
    #[serde(default)]
    rsvp_url: Option<Spanned<String>>,
    #[serde(default)]
    schedule_url: Option<Spanned<String>>,
    #[serde(default)]
    phone: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannel {
    name: String,
    url: Spanned<String>,
}

/// Checks one address; an error names the field and says what is accepted.
fn url(file: &str, text: &str, raw: &Spanned<String>, field: &str, diags: &mut Diagnostics) -> Option<String> {
    let v = raw.value.trim();
    match check_website(v) {
        Ok(()) => Some(v.to_string()),
        Err(why) => {
            diags
                .error(span_at(file, text, &raw.referenced).field(field), format!("`{}` is refused: {why}", raw.value));
            None
        }
    }
}

fn time(file: &str, text: &str, raw: &Spanned<String>, field: &str, diags: &mut Diagnostics) -> Option<Time> {
    let t = Time::parse(&raw.value);
    if t.is_none() {
        diags.error(
            span_at(file, text, &raw.referenced).field(field),
            format!("`{}` is not a time of day; expected hours and minutes such as \"08.30\" or \"13:00\"", raw.value),
        );
    }
    t
}

/// Parses and checks the workshops file. Every problem is reported; series with errors are
/// still returned so later checks can run, but the build stops on any error.
pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> Vec<WorkshopSeries> {
    let Some(raw) = yaml::parse::<RawFile>(text, file, diags) else {
        return Vec::new();
    };
    let mut out: Vec<WorkshopSeries> = Vec::new();
    let mut years: HashMap<u32, u64> = HashMap::new();
    for s in raw.series {
        let year_span = || span_at(file, text, &s.year.referenced).field("series.year");
        let be = s.year.value;
        if !(2400..=2700).contains(&be) {
            diags.error(
                year_span(),
                format!("year {be} is not a Buddhist Era year; expected the assessment year in พ.ศ., such as 2567"),
            );
            continue;
        }
        if let Some(line) = years.get(&be) {
            diags.error(
                year_span(),
                format!("year {be} already has a series on line {line}; expected one series per year"),
            );
            continue;
        }
        years.insert(be, s.year.referenced.line());
        if s.title_th.value.trim().is_empty() {
            diags.error(
                span_at(file, text, &s.title_th.referenced).field("series.title_th"),
                "the series has no Thai title; expected one such as \"การประชุมชี้แจงแนวทางการประเมิน\"",
            );
        }
        let schedule_url = s.schedule_url.as_ref().and_then(|u| url(file, text, u, "series.schedule_url", diags));
        let series_rsvp = s.rsvp_url.as_ref().and_then(|u| url(file, text, u, "series.rsvp_url", diags));
        let documents = s
            .documents
            .iter()
            .filter_map(|d| {
                url(file, text, &d.url, "documents.url", diags)
                    .map(|u| WorkshopDocument { title_th: d.title_th.trim().to_string(), url: u })
            })
            .collect();
        let mut sessions: Vec<WorkshopSession> = Vec::new();
        let mut numbers: HashMap<u32, u64> = HashMap::new();
        if s.sessions.is_empty() {
            diags.warning(year_span(), format!("the {be} series has no sessions; its page lists none"));
        }
        for r in &s.sessions {
            let no_span = || span_at(file, text, &r.no.referenced).field("sessions.no");
            if r.no.value == 0 {
                diags.error(no_span(), "session number 0; expected ครั้งที่ 1, 2, ...");
                continue;
            }
            if let Some(line) = numbers.get(&r.no.value) {
                diags.error(
                    no_span(),
                    format!(
                        "session {} of {be} is already listed on line {line}; expected each number once",
                        r.no.value
                    ),
                );
                continue;
            }
            numbers.insert(r.no.value, r.no.referenced.line());
            let date = Date::parse_iso(&r.date.value);
            if date.is_none() {
                diags.error(
                    span_at(file, text, &r.date.referenced).field("sessions.date"),
                    format!(
                        "`{}` is not a date; expected YYYY-MM-DD such as 2024-04-23 (a พ.ศ. year, 2567-04-23, is read too)",
                        r.date.value
                    ),
                );
            }
            let start = time(file, text, &r.start, "sessions.start", diags);
            let end = time(file, text, &r.end, "sessions.end", diags);
            if let (Some(a), Some(b)) = (start, end)
                && b <= a
            {
                diags.error(
                    span_at(file, text, &r.end.referenced).field("sessions.end"),
                    format!(
                        "the session ends ({}) before it starts ({}); expected an end after the start",
                        b.thai(),
                        a.thai()
                    ),
                );
            }
            let mut audience = Vec::new();
            for a in &r.audience {
                match LaoType::parse(&a.value) {
                    Some(t) if !audience.contains(&t) => audience.push(t),
                    Some(_) => {}
                    None => diags.error(
                        span_at(file, text, &a.referenced).field("sessions.audience"),
                        format!("unknown LAO type `{}`; expected a type key such as pao, city_municipality, town_municipality, subdistrict_municipality, sao, bangkok, pattaya", a.value),
                    ),
                }
            }
            let channels = r
                .channels
                .iter()
                .filter_map(|c| {
                    url(file, text, &c.url, "channels.url", diags)
                        .map(|u| Channel { name: c.name.trim().to_string(), url: u })
                })
                .collect();
            let rsvp_url = match &r.rsvp_url {
                Some(u) => url(file, text, u, "sessions.rsvp_url", diags),
                None => series_rsvp.clone(),
            };
            let own_schedule = r.schedule_url.as_ref().and_then(|u| url(file, text, u, "sessions.schedule_url", diags));
            let (Some(date), Some(start), Some(end)) = (date, start, end) else { continue };
            sessions.push(WorkshopSession {
                no: r.no.value,
                title_th: r.title_th.trim().to_string(),
                date,
                start,
                end,
                channels,
                audience,
                audience_note: r.audience_note.trim().to_string(),
                rsvp_url,
                schedule_url: own_schedule.filter(|u| Some(u) != schedule_url.as_ref()),
                phone: r.phone.clone().unwrap_or_else(|| s.phone.clone()).trim().to_string(),
            });
        }
        sessions.sort_by_key(|x| x.no);
        out.push(WorkshopSeries {
            be: be as u16,
            title_th: s.title_th.value.trim().to_string(),
            description_th: s.description_th.trim().to_string(),
            schedule_url,
            documents,
            sessions,
            sample: s.sample,
        });
    }
    out.sort_by_key(|s| s.be);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"series:
  - year: 2567
    sample: true
    title_th: การประชุมชี้แจง
    schedule_url: https://example.go.th/schedule.pdf
    rsvp_url: https://example.go.th/rsvp
    phone: "0 2000 0000"
    documents:
      - {title_th: คู่มือ, url: "https://example.go.th/m.pdf"}
    sessions:
      - no: 2
        date: 2567-04-24
        start: "13.00"
        end: "16.30"
        audience: [sao]
        channels:
          - {name: Webex, url: "https://example.webex.com/meet/2"}
      - no: 1
        date: 2024-04-23
        start: 08:30
        end: 12.00
        audience: [pao, เทศบาลนคร]
        rsvp_url: https://example.go.th/rsvp-1
        phone: "0 2000 0001"
"#;

    #[test]
    fn reads_series_and_sessions_with_defaults() {
        let mut d = Diagnostics::new();
        let s = parse(GOOD, "data/workshops.yaml", &mut d);
        assert!(d.is_empty(), "{:?}", d.sorted());
        assert_eq!(s.len(), 1);
        let series = &s[0];
        assert_eq!(series.be, 2567);
        assert!(series.sample);
        assert_eq!(series.sessions.iter().map(|x| x.no).collect::<Vec<_>>(), vec![1, 2]);
        let first = &series.sessions[0];
        assert_eq!(first.date.thai_long(), "วันอังคารที่ 23 เมษายน 2567");
        assert_eq!(first.start.thai(), "08.30 น.");
        assert_eq!(first.end.thai(), "12.00 น.", "an unquoted 12.00 is read as a time, not the number 12");
        assert_eq!(first.audience, vec![LaoType::Pao, LaoType::CityMunicipality]);
        assert_eq!(first.rsvp_url.as_deref(), Some("https://example.go.th/rsvp-1"));
        assert_eq!(first.phone, "0 2000 0001");
        let second = &series.sessions[1];
        assert_eq!(second.rsvp_url.as_deref(), Some("https://example.go.th/rsvp"), "series default");
        assert_eq!(second.phone, "0 2000 0000");
        assert_eq!(series.links()[3].label, "Webex ครั้งที่ 2", "a room only session 2 uses is named after it");
        let links: Vec<String> = series.links().into_iter().map(|l| l.url).collect();
        assert_eq!(
            links,
            vec![
                "https://example.go.th/schedule.pdf",
                "https://example.go.th/m.pdf",
                "https://example.go.th/rsvp-1",
                "https://example.webex.com/meet/2",
                "https://example.go.th/rsvp",
            ]
        );
    }

    fn first_error(text: &str) -> crate::diag::Diagnostic {
        let mut d = Diagnostics::new();
        parse(text, "data/workshops.yaml", &mut d);
        d.sorted().into_iter().next().expect("an error")
    }

    #[test]
    fn bad_dates_times_and_urls_are_located() {
        let e = first_error(&GOOD.replace("2567-04-24", "2024-02-30"));
        assert_eq!((e.span.line, e.span.field.as_deref()), (Some(12), Some("sessions.date")));
        assert!(e.message.contains("`2024-02-30` is not a date"), "{}", e.message);
        let e = first_error(&GOOD.replace("\"16.30\"", "\"25.00\""));
        assert_eq!((e.span.line, e.span.field.as_deref()), (Some(14), Some("sessions.end")));
        let e = first_error(&GOOD.replace("\"16.30\"", "\"12.00\""));
        assert!(e.message.contains("ends (12.00 น.) before it starts (13.00 น.)"), "{}", e.message);
        let e = first_error(&GOOD.replace("https://example.webex.com/meet/2", "javascript:alert(1)"));
        assert_eq!((e.span.line, e.span.field.as_deref()), (Some(17), Some("channels.url")));
        assert!(e.message.contains("http:// or https://"), "{}", e.message);
        let e = first_error(&GOOD.replace("https://example.go.th/m.pdf", "ftp://x/m.pdf"));
        assert_eq!((e.span.line, e.span.field.as_deref()), (Some(9), Some("documents.url")));
        let e = first_error(&GOOD.replace("[sao]", "[town]"));
        assert_eq!((e.span.line, e.span.field.as_deref()), (Some(15), Some("sessions.audience")));
        let e = first_error(&GOOD.replace("year: 2567", "year: 2024"));
        assert_eq!((e.span.line, e.span.field.as_deref()), (Some(2), Some("series.year")));
        let e = first_error(&GOOD.replace("- no: 1", "- no: 2"));
        assert!(e.message.contains("already listed on line 11"), "{}", e.message);
        let e = first_error(&GOOD.replace("    phone: \"0 2000 0000\"", "    fone: x"));
        assert_eq!(e.span.line, Some(7));
        assert!(e.message.contains("unknown field `fone`"), "{}", e.message);
    }
}
