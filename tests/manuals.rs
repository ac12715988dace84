//! The manuals and pages: anchors, tables of contents, reading order, source-path links and
//! their errors, footnotes on the print view, and the links between indicators and chapters.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::Path;

use crate::common::*;

/// A two-chapter manual and a page for the tiny fixture (catalog ids 1.1, 1.2, 2.1).
fn write_book(s: &Scratch) {
    s.write(
        "content/manuals/guide/_index.md",
        "---\ntitle: คู่มือทดสอบ\ndescription: คำอธิบายคู่มือ\n---\nบทนำของคู่มือ[^n]\n\n[^n]: เชิงอรรถของบทนำ\n",
    );
    // Written out of file-name order: `order` decides the reading order.
    s.write(
        "content/manuals/guide/roads.md",
        "---\ntitle: ถนน\norder: 1\nindicators: [\"1.1\", \"1.2\"]\n---\n\
         ## ถนนลาดยาง\n\nข้อความ[^1]\n\n## ถนนลาดยาง\n\n### Drains and Pipes\n\n\
         ## 1.1 ถนนที่ได้รับการบำรุงรักษา {#i-1.1}\n\n## 1.2 จุดเสี่ยง {#i-1.2}\n\n\
         ไปที่[บทสาธารณสุข](@/manuals/guide/health.md#i-2.1) และ[หัวข้อแรก](#ถนนลาดยาง)\n\n\
         ![แผนภาพ](map.svg)\n\n[^1]: เชิงอรรถของบทถนน\n",
    );
    s.write(
        "content/manuals/guide/health.md",
        "---\ntitle: สาธารณสุข\norder: 2\nindicators: [\"2.1\"]\n---\n\
         ## 2.1 การรณรงค์ {#i-2.1}\n\nข้อความ[^1]\n\nกลับไป[ถนน](@/manuals/guide/roads.md#ถนนลาดยาง-1) \
         และ[ภาพรวม](@/year/latest#i-2.1) และ[หน้า](@/pages/about.md) และ[อปท.](@/lao/5810401)\n\n\
         [^1]: เชิงอรรถของบทสาธารณสุข\n",
    );
    s.write("content/manuals/guide/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    s.write("content/pages/about.md", "---\ntitle: เกี่ยวกับ\n---\nหน้าเกี่ยวกับ [คู่มือ](@/manuals/guide)\n");
}

fn built_book() -> Scratch {
    let s = scratch("tiny");
    write_book(&s);
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    s
}

fn failure(s: &Scratch) -> String {
    match s.build() {
        Ok(_) => panic!("the build should fail"),
        Err(f) => errors(&f),
    }
}

/// Every value of `attr="..."` in an HTML text.
/// Every value of `attr` in the page's start tags, quoted or not (the pages leave quotes off
/// where HTML allows), entities decoded.
fn attrs(html: &str, attr: &str) -> Vec<String> {
    prakat::output::check::start_tags(html).iter().filter_map(|t| t.attr(attr).map(str::to_string)).collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// Follows every relative link and image of `page` (a path under `public`) and returns the
/// ones whose file or `#anchor` is missing.
fn broken_links(public: &Path, page: &str, ids: &mut HashMap<String, BTreeSet<String>>) -> Vec<String> {
    let html = fs::read_to_string(public.join(page)).unwrap();
    let dir = Path::new(page).parent().unwrap().to_path_buf();
    let mut broken = Vec::new();
    for url in attrs(&html, "href").into_iter().chain(attrs(&html, "src")) {
        if url.contains(':') || url.starts_with("//") {
            continue;
        }
        let (path, frag) = match url.split_once('#') {
            Some((p, f)) => (p.to_string(), Some(percent_decode(f))),
            None => (url.clone(), None),
        };
        // A query is for the page's script (compare/?lao=...); the file is what must exist.
        let path = path.split_once('?').map_or(path.clone(), |(p, _)| p.to_string());
        let target = if path.is_empty() {
            page.to_string()
        } else {
            let mut parts: Vec<String> = Vec::new();
            for seg in dir.join(&path).to_string_lossy().split('/') {
                match seg {
                    ".." => {
                        if parts.pop().is_none() {
                            broken.push(format!("{page}: {url} leaves the site"));
                        }
                    }
                    "." | "" => {}
                    s => parts.push(s.to_string()),
                }
            }
            parts.join("/")
        };
        if !public.join(&target).is_file() {
            broken.push(format!("{page}: {url} (no file {target})"));
            continue;
        }
        if let Some(f) = frag {
            let set = ids.entry(target.clone()).or_insert_with(|| {
                attrs(&fs::read_to_string(public.join(&target)).unwrap(), "id").into_iter().collect()
            });
            if !set.contains(&f) {
                broken.push(format!("{page}: {url} (no id `{f}` in {target})"));
            }
        }
    }
    broken
}

#[test]
fn example_manuals_render_fully_with_no_broken_internal_link() {
    let s = scratch_example();
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let warnings: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(!warnings.iter().any(|w| w.contains("content/")), "the example content raises no warning: {warnings:?}");
    let public = s.public();
    let mut pages = Vec::new();
    for dir in ["manuals", "pages"] {
        for e in walkdir::WalkDir::new(public.join(dir)) {
            let e = e.unwrap();
            if e.path().extension().is_some_and(|x| x == "html") {
                pages.push(e.path().strip_prefix(&public).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    pages.sort();
    // Two manuals (index + print + chapters each), the list of manuals, three pages.
    assert!(pages.len() >= 2 * 2 + 5 + 1 + 3, "{pages:?}");
    for must in [
        "manuals/index.html",
        "manuals/collection-guide/index.html",
        "manuals/collection-guide/print/index.html",
        "manuals/collection-guide/infrastructure/index.html",
        "manuals/system-guide/after-assessment/index.html",
        "pages/faq/index.html",
    ] {
        assert!(pages.iter().any(|p| p == must), "{must} missing from {pages:?}");
    }
    let mut ids = HashMap::new();
    let mut broken = Vec::new();
    for p in &pages {
        broken.extend(broken_links(&public, p, &mut ids));
    }
    // The LAO pages link into the manuals too.
    broken.extend(broken_links(&public, "lao/6810104/2569/index.html", &mut ids));
    broken.extend(broken_links(&public, "lao/6810104/index.html", &mut ids));
    assert!(broken.is_empty(), "broken internal links:\n{}", broken.join("\n"));
    assert!(public.join("manuals/system-guide/six-steps.svg").is_file(), "the image beside a chapter is copied");
}

#[test]
fn every_indicator_of_the_latest_example_catalog_has_a_section_linked_both_ways() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let catalog = s.read("data/2569/catalog.yaml");
    let ids: Vec<&str> =
        catalog.lines().filter_map(|l| l.trim().strip_prefix("- id: ")).map(|v| v.trim_matches('"')).collect();
    assert_eq!(ids.len(), 36);
    let lao = s.built("lao/2810101/2569/index.html"); // a PAO: it has the PAO-only indicators
    let sao = s.built("lao/6810104/2569/index.html");
    for id in ids {
        let row_link = format!("#i-{id}\">วิธีนับ");
        assert!(lao.contains(&row_link) || sao.contains(&row_link), "no LAO row links indicator {id} to the manual");
        let href = attrs(if lao.contains(&row_link) { &lao } else { &sao }, "href")
            .into_iter()
            .find(|h| h.ends_with(&format!("#i-{id}")) && h.contains("manuals/"))
            .unwrap();
        let chapter_path = href.trim_start_matches("../").split('#').next().unwrap().to_string();
        let chapter = s.built(&chapter_path);
        assert!(chapter.contains(&format!("id=\"i-{id}\"")), "{chapter_path} has no section i-{id}");
        assert!(
            chapter.contains(&format!("year/2569/index.html#i-{id}\"")),
            "{chapter_path} does not link indicator {id} back to the national figures"
        );
    }
}

#[test]
fn thai_explicit_and_duplicate_anchors_and_toc() {
    let s = built_book();
    let html = s.built("manuals/guide/roads/index.html");
    // Thai heading keeps its letters; the repeat gets a suffix; ASCII is lowercased.
    assert!(html.contains("<h2 id=\"ถนนลาดยาง\">"), "{html}");
    assert!(html.contains("<h2 id=\"ถนนลาดยาง-1\">"));
    assert!(html.contains("<h3 id=\"drains-and-pipes\">"));
    // Explicit ids win.
    assert!(html.contains("<h2 id=\"i-1.1\">"));
    // The TOC lists levels 2 and 3 in order.
    let toc_start = html.find("class=\"toc\"").expect("a TOC");
    let toc = &html[toc_start..toc_start + html[toc_start..].find("</nav>").unwrap()];
    let hrefs = attrs(toc, "href");
    assert_eq!(hrefs, ["#ถนนลาดยาง", "#ถนนลาดยาง-1", "#drains-and-pipes", "#i-1.1", "#i-1.2"]);
}

#[test]
fn chapters_follow_their_order_with_previous_and_next() {
    let s = built_book();
    let index = s.built("manuals/guide/index.html");
    let roads = s.built("manuals/guide/roads/index.html");
    let health = s.built("manuals/guide/health/index.html");
    // The sidebar lists every chapter in `order`, not file-name order (health.md < roads.md).
    let side = |h: &str| -> Vec<String> {
        let a = h.find("class=\"book-chapters\"").unwrap();
        attrs(&h[a..a + h[a..].find("</ol>").unwrap()], "href")
    };
    assert_eq!(side(&roads), ["../../../manuals/guide/roads/index.html", "../../../manuals/guide/health/index.html"]);
    assert!(roads.contains("aria-current=\"page\"><span class=\"ch-no\">1.</span> ถนน"));
    assert!(index.contains("rel=\"next\" href=\"../../manuals/guide/roads/index.html\""));
    assert!(roads.contains("rel=\"prev\" href=\"../../../manuals/guide/index.html\""));
    assert!(roads.contains("rel=\"next\" href=\"../../../manuals/guide/health/index.html\""));
    assert!(health.contains("rel=\"prev\" href=\"../../../manuals/guide/roads/index.html\""));
    assert!(!health.contains("rel=\"next\""));
    // Title and description for sharing.
    // The page's own title; the site's name is in the header and og:site_name.
    assert!(roads.contains("<title>ถนน · คู่มือทดสอบ</title>"));
    assert!(roads.contains("<meta property=\"og:description\" content=\"ข้อความ\">"), "first paragraph as description");
    assert!(index.contains("<meta name=\"description\" content=\"คำอธิบายคู่มือ\">"));
    // The page is linked from the site navigation.
    assert!(s.built("index.html").contains("href=\"pages/about/index.html\""));
}

#[test]
fn source_path_links_resolve_to_relative_addresses() {
    let s = built_book();
    let roads = s.built("manuals/guide/roads/index.html");
    let health = s.built("manuals/guide/health/index.html");
    assert!(roads.contains("href=\"../../../manuals/guide/health/index.html#i-2.1\""));
    assert!(roads.contains("href=\"#ถนนลาดยาง\""));
    assert!(roads.contains("src=\"../../../manuals/guide/map.svg\""));
    assert!(s.public().join("manuals/guide/map.svg").is_file());
    assert!(health.contains("index.html#%E0%B8%96"), "Thai anchors in links are percent-encoded: {health}");
    assert!(health.contains("href=\"../../../year/2567/index.html#i-2.1\""));
    assert!(health.contains("href=\"../../../pages/about/index.html\""));
    assert!(health.contains("href=\"../../../lao/5810401/index.html\""));
    assert!(s.built("pages/about/index.html").contains("href=\"../../manuals/guide/index.html\""));
    // In the print view, links inside the manual stay on the page.
    let print = s.built("manuals/guide/print/index.html");
    assert!(print.contains("href=\"#health--i-2.1\""), "{print}");
    assert!(print.contains("href=\"#roads--ถนนลาดยาง\""));
}

#[test]
fn a_link_to_a_missing_chapter_or_anchor_names_file_and_line() {
    let s = scratch("tiny");
    write_book(&s);
    let text = s.read("content/manuals/guide/health.md").replace("roads.md#ถนนลาดยาง-1", "roads.md#ไม่มี");
    s.write("content/manuals/guide/health.md", &text);
    let e = failure(&s);
    assert!(
        e.contains("link `@/manuals/guide/roads.md#ไม่มี` points to the anchor `#ไม่มี`, which the chapter `roads.md` does not have"),
        "{e}"
    );
    assert!(e.contains("--> content/manuals/guide/health.md:10:"), "line 8 of the file, not of the body: {e}");

    let s = scratch("tiny");
    write_book(&s);
    let text = s.read("content/manuals/guide/roads.md").replace("guide/health.md", "guide/helth.md");
    s.write("content/manuals/guide/roads.md", &text);
    let e = failure(&s);
    assert!(e.contains("points to the chapter `helth.md`, which the manual `guide` does not have; its chapters are: roads.md, health.md"), "{e}");
    assert!(e.contains("--> content/manuals/guide/roads.md:18:"), "{e}");

    let s = scratch("tiny");
    write_book(&s);
    s.append("content/pages/about.md", "\n[ปี](@/year/2500) [อปท.](@/lao/999) ![ภาพ](x.png)");
    let e = failure(&s);
    assert!(e.contains("the year `2500`, which the data does not have"), "{e}");
    assert!(e.contains("the LAO code 999, which is not in data/laos.csv"), "{e}");
    assert!(e.contains("a page has no files beside it"), "{e}");
    assert!(e.contains("--> content/pages/about.md:6:1"), "{e}");
    assert!(s.build().is_err() && !s.public().exists(), "nothing is written when a link is broken");
}

#[test]
fn footnote_ids_are_unique_on_the_print_view() {
    let s = built_book();
    let print = s.built("manuals/guide/print/index.html");
    let ids = attrs(&print, "id");
    let mut seen = BTreeSet::new();
    let dupes: Vec<&String> = ids.iter().filter(|i| !seen.insert(i.as_str())).collect();
    assert!(dupes.is_empty(), "repeated ids on the print view: {dupes:?}");
    // Both chapters use the label [^1]; each keeps its own footnote, and each reference points at its own.
    assert!(print.contains("id=\"fn-roads-1\"") && print.contains("id=\"fn-health-1\""));
    assert!(print.contains("href=\"#fn-roads-1\"") && print.contains("href=\"#fn-health-1\""));
    assert!(print.contains("id=\"fn-_index-1\""));
    // Chapter order and headings shifted under the chapter title.
    assert!(print.find("id=\"roads\"").unwrap() < print.find("id=\"health\"").unwrap());
    assert!(print.contains("<h3 id=\"roads--ถนนลาดยาง\">"));
}

#[test]
fn indicators_link_from_lao_rows_to_sections_and_back() {
    let s = built_book();
    let lao = s.built("lao/5810401/2567/index.html");
    assert!(lao.contains("href=\"../../../manuals/guide/roads/index.html#i-1.1\">วิธีนับ"), "{lao}");
    let sao = s.built("lao/6810408/2567/index.html");
    assert!(sao.contains("href=\"../../../manuals/guide/health/index.html#i-2.1\">วิธีนับ"), "{sao}");
    let roads = s.built("manuals/guide/roads/index.html");
    assert!(roads.contains("href=\"../../../year/2567/index.html#i-1.1\">ผลตัวชี้วัด 1.1"));
    assert!(s.built("year/2567/index.html").contains("id=\"i-1.1\""));

    // A listed indicator without its section: a warning, and its rows link to the chapter,
    // whose top carries the anchor (the built-in link check passes).
    let s = scratch("tiny");
    write_book(&s);
    let text = s.read("content/manuals/guide/roads.md");
    s.write("content/manuals/guide/roads.md", &text.replace(" {#i-1.2}", ""));
    let cfg = prakat::Config { check_links: true, ..prakat::Config::new(&s.root) };
    let r = prakat::build(&cfg, &|_, _| {}).expect("a missing section is a warning");
    let w: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        w.iter().any(|m| m.contains("has no heading with the anchor `i-1.2`") && m.contains("roads.md:4")),
        "{w:?}"
    );
    assert!(s.built("manuals/guide/roads/index.html").contains("<span id=\"i-1.2\"></span>"));
    // An unknown id is refused at its line.
    let text = s.read("content/manuals/guide/roads.md").replace("[\"1.1\", \"1.2\"]", "[\"1.1\", \"1.2\", \"9.9\"]");
    s.write("content/manuals/guide/roads.md", &text);
    let e = failure(&s);
    assert!(e.contains("indicator 9.9 is in no year's catalog"), "{e}");
    assert!(e.contains("--> content/manuals/guide/roads.md:4 (field `indicators`)"), "{e}");
}

#[test]
fn front_matter_errors_name_file_and_line() {
    let s = scratch("tiny");
    write_book(&s);
    s.write("content/manuals/guide/health.md", "---\ntitle: สาธารณสุข\n\norder: สอง\n---\nข้อความ\n");
    s.write("content/pages/about.md", "---\ntitle: เกี่ยวกับ\nauthor: ใครสักคน\n---\n");
    s.write("content/pages/faq.md", "คำถาม\n");
    let e = failure(&s);
    assert!(e.contains("--> content/manuals/guide/health.md:4:8"), "{e}");
    assert!(e.contains("4 | order: สอง"), "{e}");
    assert!(e.contains("unknown field `author`"), "{e}");
    assert!(e.contains("--> content/pages/about.md:3:1"), "{e}");
    assert!(e.contains("--> content/pages/faq.md:1:1"), "{e}");
    assert!(e.contains("has no front matter"), "{e}");
}

#[test]
fn a_manual_without_index_or_chapter_without_order_is_refused() {
    let s = scratch("tiny");
    s.write("content/manuals/empty/ch.md", "---\ntitle: x\norder: 1\n---\n");
    s.write("content/manuals/guide/_index.md", "---\ntitle: คู่มือ\n---\n");
    s.write("content/manuals/guide/ch.md", "---\ntitle: x\n---\n");
    let e = failure(&s);
    assert!(e.contains("content/manuals/empty/") && e.contains("no _index.md"), "{e}");
    assert!(e.contains("a chapter needs `order: <number>`"), "{e}");
    assert!(e.contains("--> content/manuals/guide/ch.md:1:1 (field `order`)"), "{e}");
}

#[test]
fn indicators_no_chapter_defines_are_named_in_a_warning() {
    let s = scratch("tiny");
    write_book(&s);
    let text = s.read("content/manuals/guide/health.md").replace("indicators: [\"2.1\"]\n", "");
    s.write("content/manuals/guide/health.md", &text);
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let w: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        w.iter().any(|w| w.contains(
            "no chapter defines these indicators of the 2567 catalog, so their rows link to no manual section: 2.1\n"
        )),
        "{w:?}"
    );
    // The row of 2.1 then has no manual link, and the section no back-link.
    assert!(!s.built("lao/6810408/2567/index.html").contains("#i-2.1\">วิธีนับ"));
    assert!(!s.built("manuals/guide/health/index.html").contains("#i-2.1\">ผลตัวชี้วัด"));
}

#[test]
fn links_outside_the_root_scripts_and_stray_files_beside_chapters_are_not_published() {
    use std::os::unix::fs::symlink;
    let s = scratch("tiny");
    write_book(&s);
    let outside = s.root.with_extension("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("key.pem"), "SECRET KEY").unwrap();
    fs::write(outside.join("page.md"), "---\ntitle: x\n---\nSECRET\n").unwrap();
    symlink(outside.join("page.md"), s.root.join("content/pages/leak.md")).unwrap();
    symlink(outside.join("key.pem"), s.root.join("content/manuals/guide/key.pdf")).unwrap();
    let e = failure(&s);
    assert!(e.contains("content/pages/leak.md") && e.contains("outside the site root"), "{e}");
    assert!(e.contains("content/manuals/guide/key.pdf") && e.contains("outside the site root"), "{e}");
    fs::remove_file(s.root.join("content/pages/leak.md")).unwrap();
    fs::remove_file(s.root.join("content/manuals/guide/key.pdf")).unwrap();
    // A link inside the root is followed: the file is published like any other.
    s.write("data/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>");
    symlink(s.root.join("data/logo.svg"), s.root.join("content/manuals/guide/logo.svg")).unwrap();
    // A drawing that runs script, a page and an editor's backup beside the chapters.
    s.write("content/manuals/guide/evil.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
    s.write("content/manuals/guide/x.html", "<script>alert(1)</script>");
    s.write("content/manuals/guide/roads.md~", "old");
    let e = failure(&s);
    assert!(e.contains("evil.svg") && e.contains("holds a script"), "{e}");
    assert!(e.contains("x.html") && e.contains("expected only images, PDFs and data files"), "{e}");
    assert!(!e.contains("logo.svg"), "{e}");
    fs::remove_file(s.root.join("content/manuals/guide/evil.svg")).unwrap();
    fs::remove_file(s.root.join("content/manuals/guide/x.html")).unwrap();
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    assert!(r.diagnostics.iter().any(|d| d.span.file.ends_with("roads.md~") && d.message.contains("backup")));
    assert!(s.public().join("manuals/guide/logo.svg").is_file());
    assert!(!s.public().join("manuals/guide/roads.md~").exists());
    // An image from another host is refused at its line.
    let roads = s.read("content/manuals/guide/roads.md");
    s.write("content/manuals/guide/roads.md", &format!("{roads}\n![ภาพ](https://tracker.example/p.png)\n"));
    let e = failure(&s);
    assert!(e.contains("image `https://tracker.example/p.png` is on another host"), "{e}");
    let _ = fs::remove_dir_all(&outside);
}
