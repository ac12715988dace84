//! `data/site.yaml`: the site's settings.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diag::Diagnostics;
use crate::load::registry::check_website;
use crate::load::yaml;
use crate::model::{Office, Settings};
use crate::text::encoding::Encoding;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    title: RawTitle,
    #[serde(default)]
    base_url: Option<Spanned<String>>,
    #[serde(default)]
    sample_data: bool,
    #[serde(default)]
    office: Option<RawOffice>,
    #[serde(default)]
    build_date: Option<Spanned<String>>,
    input_encoding: Option<Spanned<String>>,
    /// Column name -> role, for the office's files with columns prakat does not know by name.
    #[serde(default)]
    columns: std::collections::BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    data_as_of: Option<Spanned<String>>,
    #[serde(default)]
    data_license: Option<RawLicense>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLicense {
    title: String,
    #[serde(default)]
    url: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTitle {
    th: String,
    #[serde(default)]
    en: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOffice {
    #[serde(default)]
    name_th: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: Option<Spanned<String>>,
    #[serde(default)]
    website: Option<Spanned<String>>,
}

/// True for an address with one `@`, a dotted host and nothing that would need escaping in a
/// mailto: link (no spaces, quotes, angle brackets, `?`, `&`, `#`, `%`, `/`, `:`).
fn plain_email(s: &str) -> bool {
    let Some((user, host)) = s.split_once('@') else { return false };
    let ok = |p: &str| {
        !p.is_empty()
            && p.chars().all(|c| !c.is_whitespace() && !c.is_control() && !"\"'<>?&#%/:;,()[]\\@`".contains(c))
    };
    ok(user) && ok(host) && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
}

/// What a base address must be beyond a website: every page's canonical link and every printed
/// QR code is this address plus a path, so it may not carry a query, a fragment, a user name or
/// password, or a port that is not a number from 1 to 65535.
fn check_base_url(url: &str) -> Result<(), String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let authority = rest.split('/').next().unwrap_or("");
    if url.contains('?') {
        return Err("expected an address without `?query` (pages are added after it)".into());
    }
    if url.contains('#') {
        return Err("expected an address without `#fragment` (pages are added after it)".into());
    }
    if authority.contains('@') {
        return Err(
            "expected an address without a user name or password (`user:pass@`): it would be printed in every QR code"
                .into(),
        );
    }
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !authority.ends_with(']') => {
            if !matches!(port.parse::<u32>(), Ok(1..=65535)) {
                return Err(format!("port `{port}` is not a number from 1 to 65535"));
            }
            host
        }
        _ => authority,
    };
    if host.is_empty() {
        return Err("expected a host name after `https://`".into());
    }
    Ok(())
}

/// Parses the settings file.
pub fn parse(text: &str, file: &str, diags: &mut Diagnostics) -> Option<Settings> {
    let raw: RawSite = yaml::parse(text, file, diags)?;
    let mut base_url = None;
    if let Some(b) = raw.base_url {
        match check_website(b.value.trim()).map_err(str::to_string).and_then(|()| check_base_url(b.value.trim())) {
            Ok(()) => {
                let mut url = b.value.trim().to_string();
                if !url.ends_with('/') {
                    url.push('/');
                }
                base_url = Some(url);
            }
            Err(why) => diags.error(
                yaml::span_at(file, text, &b.referenced).field("base_url"),
                format!("base_url `{}` is refused: {why}", b.value),
            ),
        }
    }
    let o = raw.office.unwrap_or_default();
    let mut website = String::new();
    if let Some(w) = o.website {
        match check_website(w.value.trim()) {
            Ok(()) => website = w.value.trim().to_string(),
            Err(why) => diags.error(
                yaml::span_at(file, text, &w.referenced).field("office.website"),
                format!("office website `{}` is refused: {why}", w.value),
            ),
        }
    }
    let mut input_encoding = None;
    if let Some(e) = raw.input_encoding {
        match e.value.trim() {
            "" | "auto" => {}
            v => match Encoding::parse(v) {
                Some(enc) => input_encoding = Some(enc),
                None => diags.error(
                    yaml::span_at(file, text, &e.referenced).field("input_encoding"),
                    format!("unknown input_encoding `{v}`; expected `auto`, `utf-8` or `windows-874`"),
                ),
            },
        }
    }
    let mut email = String::new();
    if let Some(e) = o.email {
        let v = e.value.trim();
        if v.is_empty() || plain_email(v) {
            email = v.to_string();
        } else {
            diags.error(
                yaml::span_at(file, text, &e.referenced).field("office.email"),
                format!("office email `{v}` is refused: expected a plain address such as contact@example.go.th (it becomes a mailto: link)"),
            );
        }
    }
    if raw.title.th.trim().is_empty() {
        diags.error(
            crate::diag::Span::at(file, 1, None).field("title.th"),
            "the Thai title is empty; expected the site's name in Thai",
        );
    }
    let mut columns = Vec::new();
    for (name, role) in &raw.columns {
        match crate::load::export::Role::parse(&role.value) {
            Some(_) => columns.push((name.trim().to_string(), role.value.trim().to_string())),
            None => diags.error(
                yaml::span_at(file, text, &role.referenced).field("columns"),
                format!(
                    "unknown role `{}` for the column `{name}`; expected one of {}",
                    role.value,
                    crate::load::export::ROLES.iter().map(|r| r.key()).collect::<Vec<_>>().join(", ")
                ),
            ),
        }
    }
    let mut date = |field: &str, value: Option<Spanned<String>>| {
        let b = value?;
        let d = crate::text::dates::Date::parse_iso(b.value.trim());
        if d.is_none() {
            diags.error(
                yaml::span_at(file, text, &b.referenced).field(field),
                format!("{field} `{}` is not a date; expected YYYY-MM-DD such as 2024-04-23", b.value),
            );
        }
        d
    };
    let build_date = date("build_date", raw.build_date);
    let data_as_of = date("data_as_of", raw.data_as_of);
    let data_license = raw.data_license.and_then(|l| {
        let url = match l.url {
            Some(u) if u.value.starts_with("https://") || u.value.starts_with("http://") => Some(u.value),
            Some(u) => {
                diags.error(
                    yaml::span_at(file, text, &u.referenced).field("data_license.url"),
                    format!("data_license.url `{}` is not a web address; expected one starting with https://", u.value),
                );
                None
            }
            None => None,
        };
        (!l.title.trim().is_empty()).then(|| crate::model::DataLicense { title: l.title.trim().to_string(), url })
    });
    Some(Settings {
        title_th: raw.title.th.trim().to_string(),
        title_en: raw.title.en.trim().to_string(),
        base_url,
        sample_data: raw.sample_data,
        build_date,
        office: Office { name_th: o.name_th, name_en: o.name_en, phone: o.phone, email, website },
        input_encoding,
        columns,
        data_as_of,
        data_license,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_and_normalises_base_url() {
        let mut d = Diagnostics::new();
        let s = parse(
            "title: {th: ผล, en: Results}\nbase_url: https://x.go.th/r\nsample_data: true\n",
            "data/site.yaml",
            &mut d,
        )
        .unwrap();
        assert!(d.is_empty());
        assert_eq!(s.base_url.as_deref(), Some("https://x.go.th/r/"));
        assert!(s.sample_data);
    }

    #[test]
    fn refuses_bad_base_url_and_unknown_keys() {
        let mut d = Diagnostics::new();
        parse("title: {th: ผล}\nbase_url: javascript:alert(1)\n", "data/site.yaml", &mut d);
        let e = d.iter().next().unwrap();
        assert_eq!(e.span.line, Some(2));
        assert!(e.message.contains("base_url"));
        let mut d = Diagnostics::new();
        assert!(parse("title: {th: ผล}\ncolour: red\n", "data/site.yaml", &mut d).is_none());
        let e = d.iter().next().unwrap();
        assert_eq!(e.span.line, Some(2));
        assert!(e.message.contains("unknown field `colour`"), "{}", e.message);
    }

    #[test]
    fn data_date_and_licence_are_read_or_refused_with_their_line() {
        let mut d = Diagnostics::new();
        let s = parse(
            "title: {th: ผล}\ndata_as_of: \"2026-10-01\"\ndata_license: {title: \"CC BY 4.0\", url: \"https://creativecommons.org/licenses/by/4.0/\"}\n",
            "data/site.yaml",
            &mut d,
        )
        .unwrap();
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.data_as_of.map(|x| x.iso()).as_deref(), Some("2026-10-01"));
        let lic = s.data_license.unwrap();
        assert_eq!(
            (lic.title.as_str(), lic.url.as_deref()),
            ("CC BY 4.0", Some("https://creativecommons.org/licenses/by/4.0/"))
        );
        // A date that is no date, and a licence address that is no web address: both errors, each
        // naming its line and field, in one run.
        let mut d = Diagnostics::new();
        parse(
            "title: {th: ผล}\ndata_as_of: \"2026-02-30\"\ndata_license: {title: x, url: \"javascript:alert(1)\"}\n",
            "data/site.yaml",
            &mut d,
        );
        let got: Vec<(Option<usize>, Option<&str>)> =
            d.iter().map(|e| (e.span.line, e.span.field.as_deref())).collect();
        assert!(got.contains(&(Some(2), Some("data_as_of"))), "{got:?}");
        assert!(got.contains(&(Some(3), Some("data_license.url"))), "{got:?}");
    }

    #[test]
    fn office_email_must_be_plain() {
        assert!(plain_email("contact@example.go.th"));
        for bad in ["a@b.example?subject=<x>", "a b@c.d", "x@y", "\"a\"@b.c", "@b.c", "javascript:alert(1)//@x.y"] {
            assert!(!plain_email(bad), "{bad}");
        }
        let mut d = Diagnostics::new();
        parse("title: {th: ผล}\noffice: {email: \"a@b.example?subject=<x>\"}\n", "data/site.yaml", &mut d);
        let e = d.iter().next().unwrap();
        assert_eq!((e.span.line, e.span.field.as_deref()), (Some(2), Some("office.email")));
    }

    #[test]
    fn input_encoding_is_read_or_refused() {
        let mut d = Diagnostics::new();
        let s = parse("title: {th: ผล}\ninput_encoding: windows-874\n", "data/site.yaml", &mut d).unwrap();
        assert_eq!(s.input_encoding, Some(Encoding::Windows874));
        let s = parse("title: {th: ผล}\ninput_encoding: auto\n", "data/site.yaml", &mut d).unwrap();
        assert_eq!(s.input_encoding, None);
        assert!(d.is_empty());
        parse("title: {th: ผล}\ninput_encoding: latin-1\n", "data/site.yaml", &mut d);
        let e = d.iter().next().unwrap();
        assert_eq!((e.span.line, e.span.field.as_deref()), (Some(2), Some("input_encoding")));
        assert!(e.message.contains("expected `auto`, `utf-8` or `windows-874`"), "{}", e.message);
    }

    #[test]
    fn base_url_without_query_fragment_credentials_or_bad_port() {
        for (url, why) in [
            ("https://x.go.th/r/?a=1", "?query"),
            ("https://x.go.th/r/#top", "#fragment"),
            ("https://user:pass@x.go.th/", "user name or password"),
            ("https://x.go.th:99999/", "port `99999`"),
            ("https://x.go.th:abc/", "port `abc`"),
        ] {
            let mut d = Diagnostics::new();
            let s = parse(&format!("title: {{th: ผล}}\nbase_url: \"{url}\"\n"), "data/site.yaml", &mut d);
            let e = d.sorted().iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("\n");
            assert!(e.contains(why) && e.contains("base_url"), "{url}: {e}");
            assert!(s.is_none_or(|s| s.base_url.is_none()), "{url} must not be kept");
        }
        let mut d = Diagnostics::new();
        let s = parse("title: {th: ผล}\nbase_url: https://x.go.th:8443/r\n", "data/site.yaml", &mut d).unwrap();
        assert_eq!(s.base_url.as_deref(), Some("https://x.go.th:8443/r/"));
    }
}
