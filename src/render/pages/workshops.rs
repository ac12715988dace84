//! Workshop pages: a year's series, one session, and the printable QR poster.

use tera::Context;

use crate::paths::root_prefix;
use crate::plan::Planned;
use crate::render::Renderer;
use crate::render::workshops;

/// A year's workshop series.
pub(super) fn series(r: &Renderer, p: &Planned, si: usize) -> (&'static str, Context) {
    let site = r.site;
    let root = root_prefix(&p.path);
    let se = &site.workshops[si];
    let mut ctx = r.page_ctx(
        p,
        format!("{} ปี พ.ศ. {}", se.title_th, se.be),
        format!("กำหนดการ ช่องทางเข้าร่วม และเอกสารของ{} ปี พ.ศ. {}", se.title_th, se.be),
        "workshops",
    );
    ctx.insert("series", &workshops::series(site, si, &root));
    ("workshops.html", ctx)
}

/// One workshop session.
pub(super) fn session(r: &Renderer, p: &Planned, si: usize, ni: usize) -> (&'static str, Context) {
    let site = r.site;
    let root = root_prefix(&p.path);
    let se = &site.workshops[si];
    let s = &se.sessions[ni];
    let mut ctx = r.page_ctx(
        p,
        format!("{} ครั้งที่ {} ({})", se.title_th, s.no, s.date.thai()),
        format!(
            "{} ครั้งที่ {} {} เวลา {}",
            se.title_th,
            s.no,
            s.date.thai_long(),
            crate::text::dates::thai_time_range(s.start, s.end)
        ),
        "workshops",
    );
    ctx.insert("series", &workshops::series(site, si, &root));
    ctx.insert("session", &workshops::session(site, se, s, &root));
    ("workshop_session.html", ctx)
}

/// The printable QR poster of a series.
pub(super) fn poster(r: &Renderer, p: &Planned, si: usize) -> (&'static str, Context) {
    let site = r.site;
    let root = root_prefix(&p.path);
    let se = &site.workshops[si];
    let mut ctx = r.page_ctx(
        p,
        format!("โปสเตอร์คิวอาร์โค้ด {} ปี พ.ศ. {}", se.title_th, se.be),
        format!("คิวอาร์โค้ดสำหรับพิมพ์ของ{} ปี พ.ศ. {}", se.title_th, se.be),
        "workshops",
    );
    ctx.insert("series", &workshops::series(site, si, &root));
    ("workshop_poster.html", ctx)
}
