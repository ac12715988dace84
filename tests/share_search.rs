//! The LAO search index and the share metadata, as written to the built site. The browser side
//! (search in Chromium, axe-core) is tests/e2e/run.mjs, run by .ci/run.

use crate::common::*;

/// The JSON value inside search/laos.js (`prakatSearchIndex({...});`).
fn search_index(s: &Scratch) -> serde_json::Value {
    let js = s.built("search/laos.js");
    let json = js
        .strip_prefix("prakatSearchIndex(")
        .and_then(|r| r.trim_end().strip_suffix(");"))
        .unwrap_or_else(|| panic!("search/laos.js is not a single callback call: {js:.80}"));
    serde_json::from_str(json).unwrap()
}

#[test]
fn search_index_lists_every_lao_with_its_type_district_and_province() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let ix = search_index(&s);
    let laos = ix["laos"].as_array().unwrap();
    assert_eq!(laos.len(), 5, "one row per registry LAO");
    let row = laos.iter().find(|l| l[0] == "6810408").expect("SAO 6810408 in the index");
    assert_eq!(row[2], "คลองท่อมใต้", "name without its type, so a search need not type it");
    assert_eq!(row[3], "Khlong Thom Tai");
    let ty = &ix["types"][row[1].as_u64().unwrap() as usize];
    assert_eq!(ty[1], "อบต.");
    assert_eq!(ty[2], "องค์การบริหารส่วนตำบล");
    let d = &ix["districts"][row[4].as_u64().unwrap() as usize];
    assert_eq!(d[1], "คลองท่อม");
    assert_eq!(ix["provinces"][d[0].as_u64().unwrap() as usize][0], "กระบี่");
}

#[test]
fn every_page_has_a_search_form_that_leads_to_the_browse_without_javascript() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    for (page, root) in
        [("index.html", ""), ("lao/5810401/2567/index.html", "../../../"), ("province/krabi/index.html", "../../")]
    {
        let html = s.built(page);
        assert!(
            html.contains(&format!(
                r#"<form class="site-search" role="search" action="{root}index.html#browse" method="get""#
            )),
            "{page}: search form missing or not pointing at the browse"
        );
        assert!(html.contains(&format!(r#"<script src="{root}assets/search.js" defer></script>"#)), "{page}");
        assert!(html.contains(r#"<label for="site-search-q">"#), "{page}: the box has a label");
    }
    assert!(s.public().join("assets/search.js").is_file());
    // The browse section the form leads to.
    assert!(s.built("index.html").contains(r#"<section id="browse""#));
}

#[test]
fn lao_page_shares_its_name_year_and_headline() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let html = s.built("lao/6810408/2567/index.html");
    let og = |prop: &str| -> String {
        let key = format!(r#"<meta property="{prop}" content=""#);
        let start = html.find(&key).unwrap_or_else(|| panic!("{prop} missing")) + key.len();
        html[start..start + html[start..].find('"').unwrap()].to_string()
    };
    assert!(og("og:title").starts_with("องค์การบริหารส่วนตำบลคลองท่อมใต้ ผลการประเมินปี 2567"), "{}", og("og:title"));
    let desc = og("og:description");
    assert!(desc.contains("สูงกว่าค่าเป้าหมาย") && desc.contains(" จาก "), "headline: {desc}");
    assert_eq!(og("og:url"), "https://test.example/r/lao/6810408/2567/");
    assert_eq!(og("og:type"), "article");
    assert!(html.contains(r#"<link rel="canonical" href="https://test.example/r/lao/6810408/2567/">"#));
    assert!(html.contains(r#"<meta name="twitter:card""#));
    // LINE share is a plain link with the page address encoded; copy-link is a plain link too.
    assert!(html.contains(
        r#"href="https://social-plugins.line.me/lineit/share?url=https%3A%2F%2Ftest.example%2Fr%2Flao%2F6810408%2F2567%2F""#
    ));
    assert!(html.contains(r#"<a class="copy-link" href="https://test.example/r/lao/6810408/2567/" data-copy>"#));
    // Pages differ in title and description.
    let home = s.built("index.html");
    assert!(!home.contains("og:title\" content=\"องค์การบริหารส่วนตำบลคลองท่อมใต้"));
}

#[test]
fn workshop_pages_share_their_own_address_on_line() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    for (path, address) in [
        ("workshops/2567/index.html", "https%3A%2F%2Fexample.go.th%2Fresults%2Fworkshops%2F2567%2F"),
        ("workshops/2567/1/index.html", "https%3A%2F%2Fexample.go.th%2Fresults%2Fworkshops%2F2567%2F1%2F"),
    ] {
        let html = s.built(path);
        let link = format!(r#"href="https://social-plugins.line.me/lineit/share?url={address}""#);
        assert!(html.contains(&link), "{path} has no LINE link to itself");
    }
}

/// Issue 20: a default build gives every page an og:image (the theme's 1200×630 PNG), so a
/// LINE preview shows a picture even without the `share-image-site` feature.
#[cfg(not(feature = "share-image-site"))]
#[test]
fn every_page_of_a_default_build_has_the_themes_share_image() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let png = std::fs::read(s.public().join("assets/share.png")).expect("the theme's share image is published");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(
        (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap())),
        (1200, 630)
    );
    let mut pages = 0;
    for (rel, bytes) in tree(&s.public()) {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        // Print sheets (noindex, no share tags) and redirects are not shared pages.
        if html.contains("http-equiv=\"refresh\"") || html.contains(r#"<meta name="robots" content="noindex">"#) {
            continue;
        }
        pages += 1;
        assert!(
            html.contains(r#"<meta property="og:image" content="https://example.go.th/results/assets/share.png">"#),
            "{rel}"
        );
    }
    assert!(pages > 200, "pages looked at: {pages}");
}

#[test]
fn without_base_url_no_absolute_share_links_are_invented() {
    let s = scratch("tiny");
    let yaml = s.read("data/site.yaml").replace("base_url: \"https://test.example/r/\"\n", "");
    s.write("data/site.yaml", &yaml);
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let html = s.built("lao/6810408/2567/index.html");
    assert!(!html.contains("og:url"), "no canonical address without base_url");
    assert!(!html.contains("social-plugins.line.me"), "no LINE link without an address to share");
    assert!(!html.contains("og:image"));
}

/// With the `share-images` feature: every LAO year page has a 1200×630 PNG, and a rebuild draws
/// again only the images whose content changed (the others are the previous build's files).
#[cfg(feature = "share-images")]
#[test]
fn share_images_are_drawn_once_and_redrawn_only_when_their_lao_changes() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let img = |p: &str| std::fs::read(s.public().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let a = img("lao/5810401/2567/share.png");
    assert_eq!(&a[1..4], b"PNG");
    assert_eq!(u32::from_be_bytes(a[16..20].try_into().unwrap()), 1200, "width");
    assert_eq!(u32::from_be_bytes(a[20..24].try_into().unwrap()), 630, "height");
    assert!(s.public().join("share.png").is_file(), "the site's own image");
    let html = s.built("lao/5810401/2567/index.html");
    assert!(html.contains(r#"<meta property="og:image" content="https://test.example/r/lao/5810401/2567/share.png">"#));
    assert!(html.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));

    // Mark every image of the built site; a reused image keeps the mark, a redrawn one loses it.
    const MARK: &[u8] = b"previous-build";
    for p in ["lao/5810401/2567/share.png", "lao/6810408/2567/share.png"] {
        let mut bytes = img(p);
        bytes.extend_from_slice(MARK);
        std::fs::write(s.public().join(p), bytes).unwrap();
    }
    // 5810401 delivers far less on indicator 1.1 in 2567, so its counts (and image) change.
    let results = s.read("data/2567/results.csv").replace("5810401,1.1,20,17,", "5810401,1.1,20,1,");
    s.write("data/2567/results.csv", &results);
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    assert!(img("lao/6810408/2567/share.png").ends_with(MARK), "unchanged LAO: image reused");
    let redrawn = img("lao/5810401/2567/share.png");
    assert!(!redrawn.ends_with(MARK), "changed LAO: image drawn again");
    assert_ne!(redrawn, a, "the new image differs from the first one");
}
