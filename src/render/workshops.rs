//! Contexts of the workshop pages: a year's series, its sessions, the QR poster, and the list
//! of upcoming and past sessions on the home page.

use serde::Serialize;

use crate::model::{Site, WorkshopLink, WorkshopSeries, WorkshopSession};
use crate::paths::{self, absolute_url, rooted, session_path, workshop_qr_path, workshops_path};
use crate::text::dates::{Date, thai_time_range};

/// A QR code as pages show it: the image, what it is, and the address printed under it.
#[derive(Serialize, Clone)]
pub struct QrCtx {
    /// What the link is.
    pub label: String,
    /// The address the code holds, printed under it.
    pub url: String,
    /// Relative address of the SVG file.
    pub src: String,
    /// False when the address is only a path (no base_url): the page says the code cannot work.
    pub works: bool,
}

/// A link to a downloadable document, with its QR code.
#[derive(Serialize)]
pub struct DocumentCtx {
    /// Title.
    pub title: String,
    /// Address.
    pub url: String,
}

/// One session, as its page and the lists show it.
#[derive(Serialize)]
pub struct SessionCtx {
    /// ครั้งที่.
    pub no: u32,
    /// The series' year (พ.ศ.).
    pub be: u16,
    /// Session title (may be empty).
    pub title: String,
    /// "วันอังคารที่ 23 เมษายน 2567".
    pub date: String,
    /// "23 เมษายน 2567".
    pub day: String,
    /// ISO date for `<time datetime>`.
    pub date_iso: String,
    /// "08.30 - 12.00 น.".
    pub time: String,
    /// Audience: type headings, or "ทุกประเภท".
    pub audience: Vec<&'static str>,
    /// Free-text audience note.
    pub audience_note: String,
    /// Channels (name and address).
    pub channels: Vec<DocumentCtx>,
    /// Registration form.
    pub rsvp: Option<String>,
    /// Schedule.
    pub schedule: Option<String>,
    /// Contact phone, as written.
    pub phone: String,
    /// The phone as a `tel:` address ("020000000,1234" for "0 2000 0000 ต่อ 1234").
    pub tel: String,
    /// Relative link to the session page.
    pub href: String,
    /// Relative link to the session's calendar file.
    pub ics: String,
    /// A QR code for every link of the session.
    pub qrs: Vec<QrCtx>,
    /// "upcoming" or "past" relative to the build date; empty when no build date is set.
    pub status: &'static str,
}

/// A year's series.
#[derive(Serialize)]
pub struct SeriesCtx {
    /// พ.ศ.
    pub be: u16,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Example data, not a real announcement.
    pub sample: bool,
    /// Relative link to the series page.
    pub href: String,
    /// Relative link to the series calendar.
    pub ics: String,
    /// Relative link to the poster.
    pub poster: String,
    /// Schedule address.
    pub schedule: Option<String>,
    /// Documents.
    pub documents: Vec<DocumentCtx>,
    /// Sessions.
    pub sessions: Vec<SessionCtx>,
    /// QR codes of every distinct link of the series.
    pub qrs: Vec<QrCtx>,
    /// QR code of the series page itself.
    pub page_qr: QrCtx,
}

fn qr(_site: &Site, series: &WorkshopSeries, link: &WorkshopLink, root: &str) -> QrCtx {
    let i = series.link_index(&link.url).unwrap_or(0);
    QrCtx {
        label: link.label.clone(),
        url: link.url.clone(),
        src: rooted(root, &workshop_qr_path(series.be, Some(i))),
        // Workshop links are absolute by rule (http or https), so their codes always work.
        works: true,
    }
}

/// A phone number as a `tel:` address: its digits, with an extension (after "ต่อ" or "ext")
/// dialled after a pause (",").
pub fn tel(phone: &str) -> String {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let phone = crate::text::numbers::arabic_digits(phone);
    let lower = phone.to_lowercase();
    match lower.find("ต่อ").or_else(|| lower.find("ext")) {
        Some(i) if !digits(&lower[i..]).is_empty() => format!("{},{}", digits(&lower[..i]), digits(&lower[i..])),
        _ => digits(&lower),
    }
}

/// Whether a session is still to come on `today` (a session on that very day still counts).
pub fn status(s: &WorkshopSession, today: Option<Date>) -> &'static str {
    match today {
        None => "",
        Some(t) if s.date >= t => "upcoming",
        Some(_) => "past",
    }
}

/// One session's context; `root` is the relative prefix of the page that shows it.
pub fn session(site: &Site, series: &WorkshopSeries, s: &WorkshopSession, root: &str) -> SessionCtx {
    let links = s.links(series.schedule_url.as_deref());
    SessionCtx {
        no: s.no,
        be: series.be,
        title: s.title_th.clone(),
        date: s.date.thai_long(),
        day: s.date.thai(),
        date_iso: s.date.iso(),
        time: thai_time_range(s.start, s.end),
        audience: if s.audience.is_empty() {
            vec!["อปท. ทุกประเภท"]
        } else {
            s.audience.iter().map(|t| t.plural_th()).collect()
        },
        audience_note: s.audience_note.clone(),
        channels: s.channels.iter().map(|c| DocumentCtx { title: c.name.clone(), url: c.url.clone() }).collect(),
        rsvp: s.rsvp_url.clone(),
        schedule: s.schedule_url.clone().or_else(|| series.schedule_url.clone()),
        phone: s.phone.clone(),
        tel: tel(&s.phone),
        href: rooted(root, &session_path(series.be, s.no)),
        ics: rooted(root, &paths::session_ics_path(series.be, s.no)),
        qrs: links.iter().map(|l| qr(site, series, l, root)).collect(),
        status: status(s, site.settings.build_date),
    }
}

/// A series' context.
pub fn series(site: &Site, si: usize, root: &str) -> SeriesCtx {
    let series = &site.workshops[si];
    let be = series.be;
    let page_url = absolute_url(site.settings.base_url.as_deref(), &workshops_path(be));
    SeriesCtx {
        be,
        title: series.title_th.clone(),
        description: series.description_th.clone(),
        sample: series.sample,
        href: rooted(root, &workshops_path(be)),
        ics: rooted(root, &paths::series_ics_path(be)),
        poster: rooted(root, &paths::poster_path(be)),
        schedule: series.schedule_url.clone(),
        documents: series
            .documents
            .iter()
            .map(|d| DocumentCtx { title: d.title_th.clone(), url: d.url.clone() })
            .collect(),
        sessions: series.sessions.iter().map(|s| session(site, series, s, root)).collect(),
        qrs: series.links().iter().map(|l| qr(site, series, l, root)).collect(),
        page_qr: QrCtx {
            label: format!("หน้าเว็บ{}", series.title_th),
            url: page_url,
            src: rooted(root, &workshop_qr_path(be, None)),
            works: site.settings.base_url.is_some(),
        },
    }
}

/// The home page's workshop list.
#[derive(Serialize)]
pub struct HomeWorkshops {
    /// True when a build date splits the list.
    pub split: bool,
    /// The build date in Thai, when set.
    pub as_of: String,
    /// Sessions still to come, soonest first (at most four); without a build date, every
    /// session of the latest series.
    pub upcoming: Vec<SessionCtx>,
    /// Sessions held, latest first (at most three).
    pub past: Vec<SessionCtx>,
    /// Every series, latest year first.
    pub series: Vec<SeriesLink>,
}

/// A link to a series page.
#[derive(Serialize)]
pub struct SeriesLink {
    /// พ.ศ.
    pub be: u16,
    /// Title.
    pub title: String,
    /// Relative link.
    pub href: String,
    /// Sessions in it.
    pub sessions: usize,
}

/// Upcoming and past sessions of every series, relative to the build date. Without one,
/// `split` is false and the latest series' sessions are listed in date order.
pub fn home(site: &Site, root: &str) -> Option<HomeWorkshops> {
    if site.workshops.is_empty() {
        return None;
    }
    let today = site.settings.build_date;
    // Without a build date nothing says which sessions are still to come, so the home page
    // shows the latest series in full rather than guessing from a clock.
    let shown: &[WorkshopSeries] = match today {
        Some(_) => &site.workshops,
        None => &site.workshops[site.workshops.len() - 1..],
    };
    let mut all: Vec<(&WorkshopSeries, &WorkshopSession)> =
        shown.iter().flat_map(|se| se.sessions.iter().map(move |s| (se, s))).collect();
    all.sort_by_key(|(se, s)| (s.date, s.start, se.be, s.no));
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for (se, s) in all {
        let ctx = session(site, se, s, root);
        if ctx.status == "past" { past.push(ctx) } else { upcoming.push(ctx) }
    }
    // The home page stays short on a phone: the next few and the last few; the series pages list all.
    past.reverse();
    past.truncate(3);
    if today.is_some() {
        upcoming.truncate(4);
    }
    Some(HomeWorkshops {
        split: today.is_some(),
        as_of: today.map(|d| d.thai()).unwrap_or_default(),
        upcoming,
        past,
        series: site
            .workshops
            .iter()
            .rev()
            .map(|se| SeriesLink {
                be: se.be,
                title: se.title_th.clone(),
                href: rooted(root, &workshops_path(se.be)),
                sessions: se.sessions.len(),
            })
            .collect(),
    })
}
