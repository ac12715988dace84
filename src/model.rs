//! The typed, immutable picture of a site's input, as the load stage produces it.

use std::collections::BTreeMap;

/// The seven kinds of local administrative organization (LAO, อปท.).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LaoType {
    /// Provincial administrative organization (อบจ.).
    Pao,
    /// City municipality (เทศบาลนคร).
    CityMunicipality,
    /// Town municipality (เทศบาลเมือง).
    TownMunicipality,
    /// Subdistrict municipality (เทศบาลตำบล).
    SubdistrictMunicipality,
    /// Subdistrict administrative organization (อบต.).
    Sao,
    /// Bangkok Metropolitan Administration (กรุงเทพมหานคร).
    Bangkok,
    /// Pattaya City (เมืองพัทยา).
    Pattaya,
}

impl LaoType {
    /// Every type, in the order listings show them.
    pub const ALL: [LaoType; 7] = [
        LaoType::Pao,
        LaoType::CityMunicipality,
        LaoType::TownMunicipality,
        LaoType::SubdistrictMunicipality,
        LaoType::Sao,
        LaoType::Bangkok,
        LaoType::Pattaya,
    ];

    /// The key used in data files and URLs.
    pub fn key(self) -> &'static str {
        match self {
            LaoType::Pao => "pao",
            LaoType::CityMunicipality => "city_municipality",
            LaoType::TownMunicipality => "town_municipality",
            LaoType::SubdistrictMunicipality => "subdistrict_municipality",
            LaoType::Sao => "sao",
            LaoType::Bangkok => "bangkok",
            LaoType::Pattaya => "pattaya",
        }
    }

    /// The Thai prefix of an official name (องค์การบริหารส่วนตำบล + name).
    pub fn prefix_th(self) -> &'static str {
        match self {
            LaoType::Pao => "องค์การบริหารส่วนจังหวัด",
            LaoType::CityMunicipality => "เทศบาลนคร",
            LaoType::TownMunicipality => "เทศบาลเมือง",
            LaoType::SubdistrictMunicipality => "เทศบาลตำบล",
            LaoType::Sao => "องค์การบริหารส่วนตำบล",
            LaoType::Bangkok => "กรุงเทพมหานคร",
            LaoType::Pattaya => "เมืองพัทยา",
        }
    }

    /// The Thai label of the type as listings show it (อบต., เทศบาลตำบล, ...).
    pub fn label_th(self) -> &'static str {
        match self {
            LaoType::Pao => "อบจ.",
            LaoType::CityMunicipality => "เทศบาลนคร",
            LaoType::TownMunicipality => "เทศบาลเมือง",
            LaoType::SubdistrictMunicipality => "เทศบาลตำบล",
            LaoType::Sao => "อบต.",
            LaoType::Bangkok => "กรุงเทพมหานคร",
            LaoType::Pattaya => "เมืองพัทยา",
        }
    }

    /// The plural Thai heading for a listing of this type.
    pub fn plural_th(self) -> &'static str {
        match self {
            LaoType::Pao => "องค์การบริหารส่วนจังหวัด (อบจ.)",
            LaoType::CityMunicipality => "เทศบาลนคร",
            LaoType::TownMunicipality => "เทศบาลเมือง",
            LaoType::SubdistrictMunicipality => "เทศบาลตำบล",
            LaoType::Sao => "องค์การบริหารส่วนตำบล (อบต.)",
            LaoType::Bangkok => "กรุงเทพมหานคร",
            LaoType::Pattaya => "เมืองพัทยา",
        }
    }

    /// The English name of the type.
    pub fn label_en(self) -> &'static str {
        match self {
            LaoType::Pao => "Provincial Administrative Organization",
            LaoType::CityMunicipality => "City Municipality",
            LaoType::TownMunicipality => "Town Municipality",
            LaoType::SubdistrictMunicipality => "Subdistrict Municipality",
            LaoType::Sao => "Subdistrict Administrative Organization",
            LaoType::Bangkok => "Bangkok Metropolitan Administration",
            LaoType::Pattaya => "Pattaya City",
        }
    }

    /// The short word that `{lao}` in an indicator's wording stands for.
    pub fn lao_word_th(self) -> &'static str {
        match self {
            LaoType::Pao => "อบจ.",
            LaoType::CityMunicipality | LaoType::TownMunicipality | LaoType::SubdistrictMunicipality => "เทศบาล",
            LaoType::Sao => "อบต.",
            LaoType::Bangkok => "กรุงเทพมหานคร",
            LaoType::Pattaya => "เมืองพัทยา",
        }
    }

    /// Reads a type from its key or its Thai label; surrounding spaces are ignored.
    pub fn parse(s: &str) -> Option<LaoType> {
        let s = s.trim();
        LaoType::ALL.into_iter().find(|t| {
            t.key() == s || t.label_th() == s || t.prefix_th() == s || t.label_th().trim_end_matches('.') == s
        })
    }
}

/// One LAO from the registry.
#[derive(Debug, Clone)]
pub struct Lao {
    /// The DLA code, kept as written (an opaque identifier).
    pub code: String,
    /// The LAO's type.
    pub kind: LaoType,
    /// Thai name without the type prefix.
    pub name_th: String,
    /// English name, possibly empty.
    pub name_en: String,
    /// Index into [`Site::provinces`].
    pub province: usize,
    /// Index into that province's districts.
    pub district: usize,
    /// The LAO's own website (http or https), if any.
    pub website: Option<String>,
}

impl Lao {
    /// The official Thai name with its type, e.g. "เทศบาลตำบลคลองท่อมใต้".
    pub fn full_name_th(&self) -> String {
        full_name(self.kind.prefix_th(), &self.name_th)
    }

    /// The short Thai name with its type label, e.g. "อบต.คลองท่อมใต้".
    pub fn short_name_th(&self) -> String {
        full_name(self.kind.label_th(), &self.name_th)
    }
}

fn full_name(prefix: &str, name: &str) -> String {
    // Bangkok and Pattaya are their own names: "กรุงเทพมหานคร", not "กรุงเทพมหานครกรุงเทพมหานคร".
    if name.is_empty() || name.starts_with(prefix) {
        if name.is_empty() { prefix.to_string() } else { name.to_string() }
    } else {
        format!("{prefix}{name}")
    }
}

/// A province, as named in the registry.
#[derive(Debug, Clone)]
pub struct Province {
    /// Thai name.
    pub name_th: String,
    /// English name (may be empty).
    pub name_en: String,
    /// URL segment, stable for the same names.
    pub slug: String,
    /// Districts, sorted by Thai name.
    pub districts: Vec<District>,
}

/// A district (อำเภอ / เขต) inside a province.
#[derive(Debug, Clone)]
pub struct District {
    /// Thai name.
    pub name_th: String,
    /// English name (may be empty).
    pub name_en: String,
    /// URL segment, unique within the province.
    pub slug: String,
}

/// How an indicator is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// delivered / base × 100 against a percentage target.
    Percent,
    /// delivered compared with a count target directly.
    Count,
}

/// An indicator's target: one number, or one per LAO type.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The same target for every type.
    Uniform(f64),
    /// A target per type, with an optional default for the others.
    ByType {
        /// Target for types not listed.
        default: Option<f64>,
        /// Targets by type.
        by_type: BTreeMap<LaoType, f64>,
    },
}

impl Target {
    /// The target that applies to a type, if any.
    pub fn for_type(&self, kind: LaoType) -> Option<f64> {
        match self {
            Target::Uniform(v) => Some(*v),
            Target::ByType { default, by_type } => by_type.get(&kind).copied().or(*default),
        }
    }
}

/// An area (ด้าน) of the assessment.
#[derive(Debug, Clone)]
pub struct Area {
    /// Number of the area in the catalog.
    pub no: u32,
    /// Thai name.
    pub name_th: String,
    /// English name (may be empty).
    pub name_en: String,
}

/// A mission (ภารกิจ): a group of indicators inside an area.
#[derive(Debug, Clone)]
pub struct Mission {
    /// Number of the mission in the catalog.
    pub no: u32,
    /// The area it belongs to.
    pub area: u32,
    /// Thai name.
    pub name_th: String,
    /// English name (may be empty).
    pub name_en: String,
}

/// One indicator (ตัวชี้วัด) of one year's catalog.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// Identifier, unique within the year ("1.1").
    pub id: String,
    /// Index into the catalog's areas.
    pub area: usize,
    /// Index into the catalog's missions.
    pub mission: Option<usize>,
    /// Percent or count.
    pub unit: Unit,
    /// Thai wording, with `{lao}` where the LAO type's word goes.
    pub text_th: String,
    /// English wording (may be empty).
    pub text_en: String,
    /// The target.
    pub target: Target,
    /// Types it applies to; `None` means all.
    pub applies_to: Option<Vec<LaoType>>,
}

impl Indicator {
    /// True when the indicator is assessed for this type.
    pub fn applies(&self, kind: LaoType) -> bool {
        self.applies_to.as_ref().is_none_or(|v| v.contains(&kind)) && self.target.for_type(kind).is_some()
    }

    /// The Thai wording for a type, with `{lao}` filled in.
    pub fn text_for(&self, kind: LaoType) -> String {
        self.text_th.replace("{lao}", kind.lao_word_th())
    }
}

/// One year's indicator catalog.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// Thai title of the year's assessment.
    pub title_th: String,
    /// English title (may be empty).
    pub title_en: String,
    /// Areas in catalog order.
    pub areas: Vec<Area>,
    /// Missions in catalog order.
    pub missions: Vec<Mission>,
    /// Indicators in catalog order.
    pub indicators: Vec<Indicator>,
}

impl Catalog {
    /// Index of an indicator by id.
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }
}

/// One row of a year's results: one LAO, one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// Index into [`Site::laos`].
    pub lao: usize,
    /// Index into the year's catalog indicators.
    pub indicator: usize,
    /// (1) กรอบการประเมิน; `None` when not applicable ("-").
    pub base: Option<f64>,
    /// (2) การจัดบริการสาธารณะ; `None` when "-".
    pub delivered: Option<f64>,
    /// The verdict text the export carried, if any.
    pub given_verdict: Option<String>,
    /// Where the row came from (file, line), for warnings raised later.
    pub line: usize,
}

/// One assessment year.
#[derive(Debug, Clone)]
pub struct Year {
    /// Buddhist Era year (2567).
    pub be: u16,
    /// The catalog.
    pub catalog: Catalog,
    /// The results, sorted by LAO then catalog order.
    pub measures: Vec<Measure>,
    /// Path of the results file, as shown in messages.
    pub results_file: String,
    /// Data rows the results file held (blank rows aside), good or bad: what the build must
    /// account for in its output.
    pub rows_read: usize,
}

/// The office that publishes the site.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Office {
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// Phone.
    pub phone: String,
    /// Email.
    pub email: String,
    /// Website (http or https).
    pub website: String,
}

/// Site-wide settings from `data/site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Thai title.
    pub title_th: String,
    /// English title.
    pub title_en: String,
    /// Absolute URL the site is published under, ending in `/`.
    pub base_url: Option<String>,
    /// Whether every page carries the sample-data banner.
    pub sample_data: bool,
    /// The office.
    pub office: Office,
    /// The encoding every CSV file is read in, when the site forces one (`input_encoding`);
    /// `None` detects it per file (BOM, else UTF-8, else windows-874).
    pub input_encoding: Option<crate::load::text::Encoding>,
}

/// Everything the load stage read, validated.
#[derive(Debug, Clone)]
pub struct Site {
    /// Settings.
    pub settings: Settings,
    /// Provinces, sorted by Thai name.
    pub provinces: Vec<Province>,
    /// LAOs, sorted by code.
    pub laos: Vec<Lao>,
    /// Years, oldest first.
    pub years: Vec<Year>,
}

impl Site {
    /// The latest year, if any.
    pub fn latest_year(&self) -> Option<&Year> {
        self.years.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_parses_keys_and_thai_labels() {
        assert_eq!(LaoType::parse("sao"), Some(LaoType::Sao));
        assert_eq!(LaoType::parse(" อบต. "), Some(LaoType::Sao));
        assert_eq!(LaoType::parse("อบต"), Some(LaoType::Sao));
        assert_eq!(LaoType::parse("เทศบาลตำบล"), Some(LaoType::SubdistrictMunicipality));
        assert_eq!(LaoType::parse("กรุงเทพมหานคร"), Some(LaoType::Bangkok));
        assert_eq!(LaoType::parse("town"), None);
    }

    #[test]
    fn names_carry_their_type_once() {
        let mut l = Lao {
            code: "1".into(),
            kind: LaoType::Sao,
            name_th: "คลองท่อมใต้".into(),
            name_en: String::new(),
            province: 0,
            district: 0,
            website: None,
        };
        assert_eq!(l.full_name_th(), "องค์การบริหารส่วนตำบลคลองท่อมใต้");
        assert_eq!(l.short_name_th(), "อบต.คลองท่อมใต้");
        l.kind = LaoType::Bangkok;
        l.name_th = "กรุงเทพมหานคร".into();
        assert_eq!(l.full_name_th(), "กรุงเทพมหานคร");
    }

    #[test]
    fn target_by_type_falls_back_to_default() {
        let t = Target::ByType { default: Some(80.0), by_type: BTreeMap::from([(LaoType::Pao, 70.0)]) };
        assert_eq!(t.for_type(LaoType::Pao), Some(70.0));
        assert_eq!(t.for_type(LaoType::Sao), Some(80.0));
        let t = Target::ByType { default: None, by_type: BTreeMap::from([(LaoType::Pao, 70.0)]) };
        assert_eq!(t.for_type(LaoType::Sao), None);
    }
}
