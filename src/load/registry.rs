//! `data/laos.csv`: the LAO registry.

use std::collections::HashMap;

use crate::diag::Diagnostics;
use crate::load::csvfile;
use crate::model::{District, Lao, LaoType, Province};
use crate::text::ids::{slugify, stable_id};

/// The registry's header, exactly.
pub const HEADER: [&str; 9] =
    ["code", "type", "name_th", "name_en", "province_th", "province_en", "district_th", "district_en", "website"];

/// The registry, validated: LAOs sorted by code, and the provinces and districts they name.
pub struct Registry {
    /// LAOs sorted by code.
    pub laos: Vec<Lao>,
    /// Provinces sorted by Thai name.
    pub provinces: Vec<Province>,
    /// Codes of rows that were refused (and reported): their results are not reported again
    /// as "unknown LAO code". The build fails anyway, so nothing is published without them.
    pub refused_codes: std::collections::HashSet<String>,
}

/// True when a code can be used as a URL segment and file name as it is.
pub fn valid_code(code: &str) -> bool {
    !code.is_empty() && code.len() <= 32 && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Checks that a website is an absolute http(s) URL with no characters that could break out of
/// an attribute; returns the reason when it is not.
pub fn check_website(url: &str) -> Result<(), &'static str> {
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        None => Err("expected an address starting with http:// or https://"),
        Some(r) if r.is_empty() || r.starts_with('/') => Err("expected a host name after the scheme"),
        Some(_) if url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '`')) => {
            Err("expected an address without spaces, quotes or angle brackets")
        }
        Some(_) => Ok(()),
    }
}

/// Removes zero-width and other invisible format characters that sneak in from copy and paste,
/// and writes Thai one way: Unicode NFC, and sara am as one character (ำ, not nikhahit + sara aa,
/// which some keyboards type), so that one name spelled two ways is one district, not two.
pub fn clean_text(s: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    // Each of those characters starts with one of these bytes in UTF-8 (Thai letters start
    // with 0xE0): most fields have none and are only trimmed.
    let mut t = if !s.bytes().any(|b| matches!(b, 0xC2 | 0xE2 | 0xEF)) {
        s.trim().to_string()
    } else {
        s.chars()
            .filter(|c| !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'))
            .collect::<String>()
            .trim()
            .to_string()
    };
    if t.contains('\u{0E4D}') {
        t = t.replace("\u{0E4D}\u{0E32}", "\u{0E33}");
    }
    if is_nfc_quick(t.chars()) != IsNormalized::Yes {
        t = t.nfc().collect();
    }
    t
}

/// The longest field (a name, a website) the registry takes, in characters: the longest real name
/// is under 60, and a runaway cell would be copied into every page that lists it.
pub const MAX_NAME_CHARS: usize = 2_000;

struct Row {
    lao: Lao,
    province_th: String,
    province_en: String,
    district_th: String,
    district_en: String,
}

/// Parses the registry text. Problems go to `diags`; rows with problems are left out of the
/// result (the build then fails, so nothing is published without them).
pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> Registry {
    let mut rows: Vec<Row> = Vec::new();
    let mut refused_codes = std::collections::HashSet::new();
    let mut first_line: HashMap<String, usize> = HashMap::new();
    csvfile::read(text, file, &HEADER, diags, |rec, diags| {
        // Each field cleaned once: the checks below read most of them more than once.
        let mut fields: [String; 9] = std::array::from_fn(|i| clean_text(rec.get(i)));
        let f = |i: usize| fields[i].as_str();
        let code = f(0).to_string();
        let mut ok = true;
        if !valid_code(&code) {
            diags.error(rec.span(file, 0, "code"), format!("the code `{code}` cannot be used in a web address; expected letters, digits, `-` or `_` (e.g. 5810401)"));
            ok = false;
        } else if let Some(first) = first_line.get(&code) {
            diags.error(
                rec.span(file, 0, "code"),
                format!("duplicate LAO code `{code}`: it is already on line {first}; expected each code once"),
            );
            ok = false;
        }
        let kind = LaoType::parse(f(1));
        if kind.is_none() {
            let keys: Vec<&str> = LaoType::ALL.iter().map(|t| t.key()).collect();
            diags.error(
                rec.span(file, 1, "type"),
                format!(
                    "unknown LAO type `{}`; expected one of {} (or the Thai label such as อบต.)",
                    f(1),
                    keys.join(", ")
                ),
            );
            ok = false;
        }
        // Bangkok and Pattaya are named by their type alone, so their name may be empty.
        let own_name = matches!(kind, Some(LaoType::Bangkok | LaoType::Pattaya));
        for (i, name) in [(2, "name_th"), (4, "province_th"), (6, "district_th")] {
            if f(i).is_empty() && !(i == 2 && own_name) {
                diags.error(rec.span(file, i, name), format!("`{name}` is empty; expected a Thai name"));
                ok = false;
            }
        }
        for (i, name) in [
            (2, "name_th"),
            (3, "name_en"),
            (4, "province_th"),
            (5, "province_en"),
            (6, "district_th"),
            (7, "district_en"),
            (8, "website"),
        ] {
            let n = f(i).chars().count();
            if n > MAX_NAME_CHARS {
                diags.error(
                    rec.span(file, i, name),
                    format!("`{name}` is {n} characters long; expected at most {MAX_NAME_CHARS}"),
                );
                ok = false;
            }
            if i == 8 {
                continue; // the website is checked as an address below
            }
            let v = f(i);
            if crate::text::escape::starts_like_formula(v) {
                diags.error(
                    rec.span(file, i, name),
                    format!("`{name}` starts with `{}`; a spreadsheet would run `{v}` as a formula when the published CSV is opened, so expected a name that starts with a letter or digit", &v[..1]),
                );
                ok = false;
            }
        }
        let website = f(8);
        if !website.is_empty()
            && let Err(why) = check_website(website)
        {
            diags.error(rec.span(file, 8, "website"), format!("the website `{website}` is refused: {why}"));
            ok = false;
        }
        // Keep the first line of a duplicate for the messages about later ones.
        first_line.entry(code.clone()).or_insert(rec.line);
        if !ok && valid_code(&code) {
            refused_codes.insert(code.clone());
        }
        if let (true, Some(kind)) = (ok, kind) {
            let website = (!website.is_empty()).then(|| website.to_string());
            let mut take = |i: usize| std::mem::take(&mut fields[i]);
            rows.push(Row {
                lao: Lao { code, kind, name_th: take(2), name_en: take(3), province: 0, district: 0, website },
                province_th: take(4),
                province_en: take(5),
                district_th: take(6),
                district_en: take(7),
            });
        }
    });
    let mut r = build(rows);
    r.refused_codes = refused_codes;
    r
}

fn build(mut rows: Vec<Row>) -> Registry {
    rows.sort_by(|a, b| a.lao.code.cmp(&b.lao.code));
    // Provinces and districts, named by their Thai names; English names from the first row that has one.
    let mut provinces: Vec<Province> = Vec::new();
    let mut names: Vec<&str> = rows.iter().map(|r| r.province_th.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let en = rows
            .iter()
            .filter(|r| r.province_th == name)
            .map(|r| r.province_en.as_str())
            .find(|s| !s.is_empty())
            .unwrap_or("");
        let mut dnames: Vec<&str> =
            rows.iter().filter(|r| r.province_th == name).map(|r| r.district_th.as_str()).collect();
        dnames.sort_unstable();
        dnames.dedup();
        let mut districts: Vec<District> = dnames
            .iter()
            .map(|d| {
                let den = rows
                    .iter()
                    .filter(|r| r.province_th == name && r.district_th == *d)
                    .map(|r| r.district_en.as_str())
                    .find(|s| !s.is_empty())
                    .unwrap_or("");
                District { name_th: d.to_string(), name_en: den.to_string(), slug: slug_for(den, d) }
            })
            .collect();
        dedupe_slugs(districts.iter_mut().map(|d| (&mut d.slug, d.name_th.as_str())));
        provinces.push(Province {
            name_th: name.to_string(),
            name_en: en.to_string(),
            slug: slug_for(en, name),
            districts,
        });
    }
    dedupe_slugs(provinces.iter_mut().map(|p| (&mut p.slug, p.name_th.as_str())));
    let laos = rows
        .into_iter()
        .map(|r| {
            let mut lao = r.lao;
            lao.province = provinces.iter().position(|p| p.name_th == r.province_th).unwrap_or(0);
            lao.district =
                provinces[lao.province].districts.iter().position(|d| d.name_th == r.district_th).unwrap_or(0);
            lao
        })
        .collect();
    Registry { laos, provinces, refused_codes: Default::default() }
}

fn slug_for(en: &str, th: &str) -> String {
    let s = slugify(en);
    if s.is_empty() { format!("x{}", stable_id(th)) } else { s }
}

/// Makes slugs unique by appending the Thai name's stable id to any that repeat.
fn dedupe_slugs<'a>(items: impl Iterator<Item = (&'a mut String, &'a str)>) {
    let items: Vec<(&mut String, &str)> = items.collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (slug, _) in &items {
        *counts.entry((*slug).clone()).or_default() += 1;
    }
    for (slug, th) in items {
        if counts[slug.as_str()] > 1 {
            *slug = format!("{slug}-{}", stable_id(th));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "code,type,name_th,name_en,province_th,province_en,district_th,district_en,website\n";

    #[test]
    fn parses_rows_and_builds_places() {
        let text = format!(
            "{HEAD}6810402,sao,คลองท่อมใต้,Khlong Thom Tai,กระบี่,Krabi,คลองท่อม,Khlong Thom,\n5810401,เทศบาลตำบล,คลองท่อมใต้,,กระบี่,,คลองท่อม,,https://a.example\n"
        );
        let mut d = Diagnostics::new();
        let r = parse(&text, "data/laos.csv", &mut d);
        assert!(d.is_empty(), "{:?}", d);
        assert_eq!(r.laos.len(), 2);
        assert_eq!(r.laos[0].code, "5810401");
        assert_eq!(r.laos[0].kind, LaoType::SubdistrictMunicipality);
        assert_eq!(r.provinces.len(), 1);
        assert_eq!(r.provinces[0].slug, "krabi");
        assert_eq!(r.provinces[0].districts[0].slug, "khlong-thom");
    }

    #[test]
    fn reports_every_bad_field() {
        let text = format!(
            "{HEAD}1,sao,ก,,จ,,อ,,\n1,sao,ข,,จ,,อ,,\n2,town,ค,,จ,,อ,,\n3,sao,,,จ,,อ,,javascript:alert(1)\nx/y,sao,ง,,จ,,อ,,\n"
        );
        let mut d = Diagnostics::new();
        let r = parse(&text, "data/laos.csv", &mut d);
        let msgs: Vec<String> = d
            .iter()
            .map(|x| format!("{}:{} {}", x.span.line.unwrap(), x.span.field.clone().unwrap_or_default(), x.message))
            .collect();
        assert!(
            msgs.iter().any(|m| m.starts_with("3:code duplicate LAO code `1`: it is already on line 2")),
            "{msgs:?}"
        );
        assert!(msgs.iter().any(|m| m.starts_with("4:type unknown LAO type `town`")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.starts_with("5:name_th")), "{msgs:?}");
        assert!(
            msgs.iter().any(|m| m.starts_with("5:website the website `javascript:alert(1)` is refused")),
            "{msgs:?}"
        );
        assert!(msgs.iter().any(|m| m.starts_with("6:code")), "{msgs:?}");
        assert_eq!(r.laos.len(), 1);
    }

    #[test]
    fn names_that_spreadsheets_would_run_are_refused() {
        let text =
            format!("{HEAD}1,sao,=HYPERLINK(\"http://x\"),,จ,,อ,,\n2,sao,ข,@SUM(A1),จ,,อ,,\n3,sao,ค,,จ,,อ,-1+2,\n");
        let mut d = Diagnostics::new();
        let r = parse(&text, "data/laos.csv", &mut d);
        let fields: Vec<String> = d.iter().map(|x| x.span.field.clone().unwrap_or_default()).collect();
        assert_eq!(fields, ["name_th", "name_en", "district_en"]);
        assert!(d.iter().next().unwrap().message.contains("as a formula"));
        assert!(r.laos.is_empty());
    }

    #[test]
    fn websites_must_be_http() {
        assert!(check_website("https://a.go.th/x?y=1").is_ok());
        assert!(check_website("javascript:alert(1)").is_err());
        assert!(check_website("https://a.go.th/\"><img").is_err());
        assert!(check_website("ftp://a").is_err());
        assert_eq!(clean_text("\u{200B}กระบี่\u{FEFF} "), "กระบี่");
        // Sara am typed as nikhahit + sara aa, and a tone mark typed before a lower vowel.
        assert_eq!(clean_text("ลําปาง"), "ลำปาง");
        assert_eq!(clean_text("\u{0e01}\u{0e48}\u{0e38}"), "\u{0e01}\u{0e38}\u{0e48}");
    }
}
