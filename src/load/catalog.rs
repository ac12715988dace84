//! `data/<year>/catalog.yaml`: one year's areas, missions and indicators.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diag::Diagnostics;
use crate::load::yaml::{self, span_at};
use crate::model::{Area, Catalog, Indicator, LaoType, Mission, Target, Unit};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    title_th: String,
    #[serde(default)]
    title_en: String,
    areas: Vec<RawArea>,
    #[serde(default)]
    missions: Vec<RawMission>,
    indicators: Vec<RawIndicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    no: Spanned<u32>,
    name_th: String,
    #[serde(default)]
    name_en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMission {
    no: Spanned<u32>,
    area: Spanned<u32>,
    name_th: String,
    #[serde(default)]
    name_en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: Spanned<String>,
    area: Spanned<u32>,
    #[serde(default)]
    mission: Option<Spanned<u32>>,
    #[serde(default)]
    unit: Option<Spanned<String>>,
    text_th: Spanned<String>,
    #[serde(default)]
    text_en: String,
    target: Spanned<RawTarget>,
    #[serde(default)]
    applies_to: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawTarget {
    Number(f64),
    ByType(BTreeMap<String, f64>),
}

/// The longest indicator wording taken, in characters (real ones are under 300); a runaway cell
/// would be copied into every LAO's page.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// Parses and checks one catalog. Returns `None` when the file cannot be read at all.
pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> Option<Catalog> {
    parse_noting_refused(text, file, diags).map(|(catalog, _)| catalog)
}

/// Like [`parse`], and also returns the ids of indicators left out because of a problem already
/// reported, so that result rows naming them are not reported again as unknown indicators.
pub fn parse_noting_refused(text: &str, file: &str, diags: &mut Diagnostics) -> Option<(Catalog, HashSet<String>)> {
    let raw: RawCatalog = yaml::parse(text, file, diags)?;
    let mut refused = HashSet::new();
    let mut areas = Vec::new();
    let mut area_index: HashMap<u32, usize> = HashMap::new();
    for a in raw.areas {
        if area_index.contains_key(&a.no.value) {
            diags.error(
                span_at(file, text, &a.no.referenced).field("areas.no"),
                format!("area {} is listed twice; expected each area number once", a.no.value),
            );
            continue;
        }
        area_index.insert(a.no.value, areas.len());
        areas.push(Area { no: a.no.value, name_th: a.name_th, name_en: a.name_en });
    }
    if areas.is_empty() {
        diags.error(crate::diag::Span::file(file).field("areas"), "the catalog has no areas; expected at least one");
    }
    let mut missions = Vec::new();
    let mut mission_index: HashMap<u32, usize> = HashMap::new();
    for m in raw.missions {
        if !area_index.contains_key(&m.area.value) {
            diags.error(
                span_at(file, text, &m.area.referenced).field("missions.area"),
                format!("mission {} is in area {}, which the catalog does not list", m.no.value, m.area.value),
            );
            continue;
        }
        if mission_index.contains_key(&m.no.value) {
            diags.error(
                span_at(file, text, &m.no.referenced).field("missions.no"),
                format!("mission {} is listed twice; expected each mission number once", m.no.value),
            );
            continue;
        }
        mission_index.insert(m.no.value, missions.len());
        missions.push(Mission { no: m.no.value, area: m.area.value, name_th: m.name_th, name_en: m.name_en });
    }
    if raw.indicators.is_empty() {
        // Said once here: checking the year's results against no indicators would call every
        // row unknown, a thousand errors for one cause.
        diags.error(
            crate::diag::Span::file(file).field("indicators"),
            "the catalog has no indicators; expected at least one, so the year's results are not checked",
        );
        return None;
    }
    let mut indicators: Vec<Indicator> = Vec::new();
    let mut ids: HashMap<String, u64> = HashMap::new();
    for ind in raw.indicators {
        let mut ok = true;
        let id = ind.id.value.trim().to_string();
        let id_span = || span_at(file, text, &ind.id.referenced).field("indicators.id");
        // The id names a row's anchor (`#i-1.1`) and columns in the open data: nothing in it
        // may need quoting or escaping there.
        if id.is_empty() || id.chars().any(|c| c.is_whitespace() || ",\"'<>&=`".contains(c)) {
            diags.error(
                id_span(),
                format!(
                    "indicator id `{id}` is not usable; expected a short id such as \"1.1\" without spaces, commas or any of \" ' < > & = `"
                ),
            );
            ok = false;
        } else if let Some(first) = ids.get(&id) {
            diags.error(
                id_span(),
                format!("indicator id `{id}` is already used on line {first}; expected ids unique within the year"),
            );
            ok = false;
        }
        ids.entry(id.clone()).or_insert(ind.id.referenced.line());
        let area = area_index.get(&ind.area.value).copied();
        if area.is_none() {
            diags.error(
                span_at(file, text, &ind.area.referenced).field("indicators.area"),
                format!("indicator {id} is in area {}, which the catalog does not list", ind.area.value),
            );
            ok = false;
        }
        let mission = match &ind.mission {
            None => None,
            Some(m) => match mission_index.get(&m.value) {
                Some(&mi) if Some(missions[mi].area) == area.map(|a| areas[a].no) => Some(mi),
                Some(_) => {
                    diags.error(
                        span_at(file, text, &m.referenced).field("indicators.mission"),
                        format!("indicator {id} names mission {}, which belongs to another area", m.value),
                    );
                    ok = false;
                    None
                }
                None => {
                    diags.error(
                        span_at(file, text, &m.referenced).field("indicators.mission"),
                        format!("indicator {id} names mission {}, which the catalog does not list", m.value),
                    );
                    ok = false;
                    None
                }
            },
        };
        let unit = match ind.unit.as_ref().map(|u| u.value.trim()) {
            None | Some("percent") => Unit::Percent,
            Some("count") => Unit::Count,
            Some(other) => {
                let u = ind.unit.as_ref().map(|u| &u.referenced).unwrap_or(&ind.id.referenced);
                diags.error(
                    span_at(file, text, u).field("indicators.unit"),
                    format!("unknown unit `{other}`; expected `percent` or `count`"),
                );
                ok = false;
                Unit::Percent
            }
        };
        let target_span = || span_at(file, text, &ind.target.referenced).field("indicators.target");
        let target = match ind.target.value {
            RawTarget::Number(v) => Target::Uniform(v),
            RawTarget::ByType(map) => {
                let mut by_type = BTreeMap::new();
                let mut default = None;
                for (k, v) in map {
                    if k == "default" {
                        default = Some(v);
                    } else if let Some(t) = LaoType::parse(&k) {
                        by_type.insert(t, v);
                    } else {
                        diags.error(target_span(), format!("indicator {id}: unknown LAO type `{k}` in target; expected a type key such as sao, or `default`"));
                        ok = false;
                    }
                }
                Target::ByType { default, by_type }
            }
        };
        let bad_target = match &target {
            Target::Uniform(v) => !v.is_finite() || *v < 0.0,
            Target::ByType { default, by_type } => {
                default.iter().chain(by_type.values()).any(|v| !v.is_finite() || *v < 0.0)
            }
        };
        if bad_target {
            diags.error(
                target_span(),
                format!("indicator {id}: a target is negative or not a number; expected a number such as 80"),
            );
            ok = false;
        }
        let applies_to = match ind.applies_to {
            None => None,
            Some(list) => {
                let mut kinds = Vec::new();
                for k in list {
                    match LaoType::parse(&k.value) {
                        Some(t) => kinds.push(t),
                        None => {
                            diags.error(
                                span_at(file, text, &k.referenced).field("indicators.applies_to"),
                                format!(
                                    "indicator {id}: unknown LAO type `{}`; expected a type key such as sao",
                                    k.value
                                ),
                            );
                            ok = false;
                        }
                    }
                }
                Some(kinds)
            }
        };
        let chars = ind.text_th.value.chars().count();
        if chars > MAX_TEXT_CHARS {
            diags.error(
                span_at(file, text, &ind.text_th.referenced).field("indicators.text_th"),
                format!("indicator {id}'s wording is {chars} characters long; expected at most {MAX_TEXT_CHARS}"),
            );
            ok = false;
        }
        if ind.text_th.value.trim().is_empty() {
            diags.error(
                span_at(file, text, &ind.text_th.referenced).field("indicators.text_th"),
                format!("indicator {id} has no Thai wording"),
            );
            ok = false;
        }
        if let (true, Some(area)) = (ok, area) {
            indicators.push(Indicator {
                id,
                area,
                mission,
                unit,
                text_th: ind.text_th.value.trim().to_string(),
                text_en: ind.text_en.trim().to_string(),
                target,
                applies_to,
            });
        } else {
            refused.insert(id);
        }
    }
    let catalog = Catalog {
        title_th: raw.title_th.trim().to_string(),
        title_en: raw.title_en.trim().to_string(),
        areas,
        missions,
        indicators,
    };
    Some((catalog, refused))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"title_th: "ทดสอบ"
areas:
  - {no: 1, name_th: "โครงสร้างพื้นฐาน"}
missions:
  - {no: 1, area: 1, name_th: "ถนน"}
indicators:
  - id: 1.1
    area: 1
    mission: 1
    text_th: "ร้อยละของถนนของ {lao}"
    target: 80
  - id: "1.2"
    area: 1
    unit: count
    text_th: "จำนวนครั้ง"
    target: {default: 2, pao: 4}
    applies_to: [pao, อบต.]
"#;

    #[test]
    fn reads_a_catalog() {
        let mut d = Diagnostics::new();
        let c = parse(GOOD, "data/2567/catalog.yaml", &mut d).unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.indicators.len(), 2);
        assert_eq!(c.indicators[0].id, "1.1");
        assert_eq!(c.indicators[0].target, Target::Uniform(80.0));
        assert_eq!(c.indicators[1].unit, Unit::Count);
        assert_eq!(c.indicators[1].target.for_type(LaoType::Pao), Some(4.0));
        assert_eq!(c.indicators[1].applies_to.as_deref(), Some(&[LaoType::Pao, LaoType::Sao][..]));
        assert_eq!(c.indicators[0].text_for(LaoType::Sao), "ร้อยละของถนนของ อบต.");
    }

    #[test]
    fn an_id_that_would_need_escaping_is_refused_with_its_line() {
        let bad = GOOD.replace("id: \"1.2\"", "id: \"1.2<b>\"");
        let mut d = Diagnostics::new();
        let c = parse(&bad, "data/2567/catalog.yaml", &mut d).unwrap();
        let msgs: Vec<String> = d.iter().map(|x| format!("{} {}", x.span.line.unwrap(), x.message)).collect();
        assert!(msgs.iter().any(|m| m.starts_with("12 indicator id `1.2<b>` is not usable")), "{msgs:?}");
        assert!(c.indicators.iter().all(|i| i.id != "1.2<b>"));
    }

    #[test]
    fn reports_bad_references_with_lines() {
        let bad = GOOD
            .replace("    area: 1\n    unit: count", "    area: 9\n    unit: litres")
            .replace("id: \"1.2\"", "id: \"1.1\"");
        let mut d = Diagnostics::new();
        let c = parse(&bad, "data/2567/catalog.yaml", &mut d).unwrap();
        let msgs: Vec<String> = d.iter().map(|x| format!("{} {}", x.span.line.unwrap(), x.message)).collect();
        assert!(msgs.iter().any(|m| m.starts_with("12 indicator id `1.1` is already used on line 7")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.starts_with("13 indicator 1.1 is in area 9")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.starts_with("14 unknown unit `litres`")), "{msgs:?}");
        assert_eq!(c.indicators.len(), 1);
    }

    #[test]
    fn malformed_yaml_names_the_line() {
        let mut d = Diagnostics::new();
        assert!(parse("title_th: x\nareas: [\n", "c.yaml", &mut d).is_none());
        let e = d.iter().next().unwrap();
        assert!(e.message.starts_with("this YAML cannot be read"));
        assert!(e.span.line.is_some());
    }
}
