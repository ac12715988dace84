//! The build pipeline end to end on fixture sites.

use crate::common::*;

#[test]
fn tiny_site_builds_with_every_page() {
    let s = scratch("tiny");
    let r = s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    assert_eq!(r.laos, 5);
    assert_eq!(r.rows_read, 18);
    for p in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "lao/5810401/index.html",
        "lao/5810401/2566/index.html",
        "lao/5810401/2567/results.csv",
        "year/2567/results.csv",
        "province/krabi/khlong-thom/index.html",
        "type/sao/index.html",
    ] {
        assert!(s.public().join(p).is_file(), "{p} missing");
    }
}

#[test]
fn same_name_different_types_get_distinct_pages_and_names() {
    let s = scratch("tiny");
    s.build().unwrap_or_else(|f| panic!("{}", errors(&f)));
    let m = s.built("lao/5810401/index.html");
    let a = s.built("lao/6810408/index.html");
    assert!(m.contains("<h1>เทศบาลตำบลคลองท่อมใต้"), "municipality page names its type");
    assert!(a.contains("<h1>องค์การบริหารส่วนตำบลคลองท่อมใต้"), "SAO page names its type");
    let district = s.built("province/krabi/khlong-thom/index.html");
    assert!(district.contains("เทศบาลตำบลคลองท่อมใต้") && district.contains("องค์การบริหารส่วนตำบลคลองท่อมใต้"));
}
