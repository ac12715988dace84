//! The LAO search index: one compact file, built from the registry, that the search box fetches
//! only when a visitor starts to use it.
//!
//! It is a JavaScript file (`search/laos.js`) holding one JSON value passed to a callback, not a
//! bare `.json`: a script element loads from the file system too (`file://`), where `fetch()` is
//! refused, so search works wherever the site is opened. Names are stored once: types, provinces
//! and districts are tables that LAO rows point into by index, and a row's page address is derived
//! from its code (`lao/<code>/index.html`), so 7,850 rows stay small.

use serde::Serialize;

use crate::model::{LaoType, Site};

/// The callback the index calls; the theme's `search.js` defines it.
pub const CALLBACK: &str = "prakatSearchIndex";

#[derive(Serialize)]
struct Index<'a> {
    /// Format version, bumped when the layout changes.
    v: u32,
    /// Per type: [key, short label (อบต.), full prefix (องค์การบริหารส่วนตำบล), English].
    types: Vec<[&'static str; 4]>,
    /// Per province: [Thai, English].
    provinces: Vec<[&'a str; 2]>,
    /// Per district: (province index, Thai, English).
    districts: Vec<(usize, &'a str, &'a str)>,
    /// Per LAO: (code, type index, Thai name without type, English name, district index).
    laos: Vec<(&'a str, usize, &'a str, &'a str, usize)>,
}

/// Builds the index file for the whole registry.
pub fn index(site: &Site) -> Vec<u8> {
    let types: Vec<LaoType> = LaoType::ALL.to_vec();
    let mut district_base = Vec::with_capacity(site.provinces.len());
    let mut districts = Vec::new();
    for (p, prov) in site.provinces.iter().enumerate() {
        district_base.push(districts.len());
        for d in &prov.districts {
            districts.push((p, d.name_th.as_str(), d.name_en.as_str()));
        }
    }
    let index = Index {
        v: 1,
        types: types.iter().map(|t| [t.key(), t.label_th(), t.prefix_th(), t.label_en()]).collect(),
        provinces: site.provinces.iter().map(|p| [p.name_th.as_str(), p.name_en.as_str()]).collect(),
        districts,
        laos: site
            .laos
            .iter()
            .map(|l| {
                let t = types.iter().position(|&t| t == l.kind).unwrap_or(0);
                (l.code.as_str(), t, l.name_th.as_str(), l.name_en.as_str(), district_base[l.province] + l.district)
            })
            .collect(),
    };
    // serde_json escapes quotes and control characters; `<` cannot end a script loaded by src.
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "null".into());
    format!("{CALLBACK}({json});\n").into_bytes()
}
