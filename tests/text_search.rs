//! The manuals' full-text index: every section of every manual and page, each linking to a real
//! place in the built site.

use crate::common::*;

#[test]
fn every_section_of_the_manuals_is_indexed_and_links_to_its_heading() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let js = s.built("search/text.js");
    let json = js.strip_prefix("prakatTextIndex(").and_then(|r| r.trim_end().strip_suffix(");")).expect("callback");
    let sections: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    assert!(sections.len() > 30, "{} sections", sections.len());
    let mut anchors = 0;
    for sec in &sections {
        let href = sec["href"].as_str().unwrap();
        let (path, anchor) = href.split_once('#').unwrap_or((href, ""));
        let page = s.built(&format!("{path}index.html"));
        if !anchor.is_empty() {
            anchors += 1;
            let id = anchor.replace('&', "&amp;").replace('"', "&quot;");
            assert!(page.contains(&format!("id=\"{id}\"")), "{href}: no element with that id");
        }
        assert!(!sec["text"].as_str().unwrap().contains('<'), "{href}: markup left in the text");
    }
    assert!(anchors > 20, "sections under headings: {anchors}");
    // Text from a chapter's body is there, found by its words without any segmentation.
    assert!(sections.iter().any(|x| x["text"].as_str().unwrap().contains("กรอบการประเมิน")));
    // Issue 20: the workshop pages are searched too: each session by its day, audience and channels.
    let session = sections
        .iter()
        .find(|x| x["href"] == "workshops/2569/1/")
        .expect("the first session of the 2569 workshops is indexed");
    assert!(session["heading"].as_str().unwrap().starts_with("ครั้งที่ 1"), "{session}");
    assert!(session["doc"].as_str().unwrap().contains("2569"), "{session}");
    let text = session["text"].as_str().unwrap();
    assert!(text.contains("เมษายน 2569") && text.contains("Webex"), "{text}");
    // The search page itself is built and loads the index only through its script.
    let page = s.built("search/index.html");
    assert!(page.contains("assets/text-search.js") && page.contains(r#"data-index="../search/text.js""#), "{page}");
}

#[test]
fn a_site_without_manuals_has_no_text_search() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    assert!(!s.public().join("search/text.js").exists());
    assert!(!s.public().join("search/index.html").exists());
}
