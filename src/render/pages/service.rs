//! Pages that serve the site itself: the manuals' text search and the 404 page.

use tera::Context;

use crate::plan::Planned;
use crate::render::Renderer;
use crate::render::pages::PageCtx;

/// The text search over the manuals and pages.
pub(super) fn text_search(r: &Renderer, p: &Planned) -> (&'static str, Context) {
    let ctx = r.page_ctx(
        p,
        "ค้นหาในคู่มือและคำอธิบาย".into(),
        "ค้นหาข้อความในคู่มือการจัดเก็บข้อมูล คู่มือการใช้งานระบบ และหน้าคำอธิบาย".into(),
        "manuals",
    );
    ("text_search.html", ctx)
}

/// The 404 page.
pub(super) fn not_found(r: &Renderer, p: &Planned) -> (&'static str, Context) {
    let site = r.site;
    let mut ctx = r.page_ctx(p, "ไม่พบหน้าที่ต้องการ".into(), "ไม่พบหน้าที่ต้องการ".into(), "");
    // A server shows the 404 page at any depth, so its links (and stylesheet) must be
    // absolute when a base URL is known; otherwise they are relative to the site root.
    if let Some(base) = &site.settings.base_url {
        let page = PageCtx {
            root: base.clone(),
            path: p.path.clone(),
            title: format!("ไม่พบหน้าที่ต้องการ | {}", site.settings.title_th),
            description: "ไม่พบหน้าที่ต้องการ".into(),
            canonical: None,
            section: "",
            image: None,
            line_share: None,
        };
        ctx.insert("page", &page);
    }
    ("404.html", ctx)
}
