//! The typed, immutable picture of a site's input, as the load stage produces it.

pub mod theme;

use std::collections::BTreeMap;

/// A map that is only looked up, never iterated into output: hashed with foldhash, since medians
/// are looked up for every row of every LAO page and codes for every row of a results file.
pub type LookupMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

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

    /// The type's place in [`LaoType::ALL`], for tables indexed by type.
    pub fn index(self) -> usize {
        LaoType::ALL.iter().position(|&k| k == self).unwrap_or(0)
    }

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

    /// The executive's office, which the LAO's name follows in the executive's title
    /// (นายกเทศมนตรีตำบล + name). Bangkok's governor and Pattaya's mayor are titled in full by
    /// [`Lao::executive_title_th`].
    pub fn executive_office_th(self) -> &'static str {
        match self {
            LaoType::Pao => "นายกองค์การบริหารส่วนจังหวัด",
            LaoType::CityMunicipality => "นายกเทศมนตรีนคร",
            LaoType::TownMunicipality => "นายกเทศมนตรีเมือง",
            LaoType::SubdistrictMunicipality => "นายกเทศมนตรีตำบล",
            LaoType::Sao => "นายกองค์การบริหารส่วนตำบล",
            LaoType::Bangkok => "ผู้ว่าราชการ",
            LaoType::Pattaya => "นายก",
        }
    }

    /// The words that may stand before an LAO's own name in the names the pages print: the
    /// types' prefixes and the executives' offices. Bangkok's and Pattaya's prefixes are their
    /// whole names, so they are not among them.
    pub fn name_prefixes_th() -> impl Iterator<Item = &'static str> {
        LaoType::ALL
            .into_iter()
            .filter(|k| !matches!(k, LaoType::Bangkok | LaoType::Pattaya))
            .map(LaoType::prefix_th)
            .chain(LaoType::ALL.into_iter().map(LaoType::executive_office_th))
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

    /// The title of the LAO's executive, who signs its notices ("นายกองค์การบริหารส่วนตำบลคลองท่อมใต้").
    pub fn executive_title_th(&self) -> String {
        match self.kind {
            LaoType::Bangkok => "ผู้ว่าราชการกรุงเทพมหานคร".into(),
            LaoType::Pattaya => "นายกเมืองพัทยา".into(),
            k => format!("{}{}", k.executive_office_th(), self.name_th),
        }
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
        [prefix, name].concat()
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

/// Bangkok's name: the capital is a province in the registry, but not a จังหวัด.
pub const CAPITAL_TH: &str = "กรุงเทพมหานคร";

impl Province {
    /// The province as text names it: "จังหวัดกระบี่", but "กรุงเทพมหานคร" for the capital,
    /// which is not called จังหวัด.
    pub fn title_th(&self) -> String {
        if self.name_th == CAPITAL_TH {
            self.name_th.clone()
        } else {
            ["จังหวัด", &self.name_th].concat()
        }
    }

    /// What the province's districts are called: เขต in the capital, อำเภอ elsewhere.
    pub fn district_word_th(&self) -> &'static str {
        if self.name_th == CAPITAL_TH { "เขต" } else { "อำเภอ" }
    }
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

impl Unit {
    /// Stable key for data files: `percent` or `count`.
    pub fn key(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
        }
    }
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

/// One row of a year's results: one LAO, one indicator. A national year holds half a million,
/// so a row is kept in 48 bytes (see [`Figure`]; the verdict text behind a thin pointer).
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// Index into [`Site::laos`].
    pub lao: usize,
    /// Index into the year's catalog indicators.
    pub indicator: usize,
    /// (1) กรอบการประเมิน; none when not applicable ("-").
    pub base: Figure,
    /// (2) การจัดบริการสาธารณะ; none when "-".
    pub delivered: Figure,
    /// The verdict text the export carried, if any; shared among the rows that carry the same
    /// text (a file has millions of rows and a handful of verdict texts).
    pub given_verdict: Option<std::sync::Arc<String>>,
    /// Where the row came from (file, line), for warnings raised later.
    pub line: u32,
}

/// A figure of a result row, or none (`-`), in the eight bytes of an `f64` where an
/// `Option<f64>` takes sixteen. NaN stands for none: the loader reads only numbers from 0 to
/// 999,999,999,999, so no figure is NaN.
#[derive(Debug, Clone, Copy)]
pub struct Figure(f64);

impl Figure {
    /// No figure (`-`).
    pub const NONE: Figure = Figure(f64::NAN);

    /// The figure `v`, or none.
    pub fn new(v: Option<f64>) -> Figure {
        match v {
            Some(x) => {
                debug_assert!(!x.is_nan(), "a figure is a number");
                Figure(x)
            }
            None => Figure::NONE,
        }
    }

    /// The figure, or `None` for `-`.
    pub fn get(self) -> Option<f64> {
        if self.0.is_nan() { None } else { Some(self.0) }
    }
}

impl PartialEq for Figure {
    fn eq(&self, other: &Figure) -> bool {
        self.get() == other.get()
    }
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
    /// The day the site is built "as of": it splits workshop sessions into upcoming and past.
    /// Set by `build_date` in site.yaml, overridden by `--date` or SOURCE_DATE_EPOCH. When none
    /// is given the build reads no clock (so it stays reproducible) and does not split.
    pub build_date: Option<crate::text::dates::Date>,
    /// The encoding every CSV file is read in, when the site forces one (`input_encoding`);
    /// `None` detects it per file (BOM, else UTF-8, else windows-874).
    pub input_encoding: Option<crate::text::encoding::Encoding>,
    /// Column name -> role key (`code`, `base`, ...) for the office's files whose columns prakat
    /// does not know by name (`columns:` in site.yaml).
    pub columns: Vec<(String, String)>,
    /// The day the office's data was exported (`data_as_of`): pages say "ข้อมูล ณ" it and the
    /// data package gives it as the data's modified date.
    pub data_as_of: Option<crate::text::dates::Date>,
    /// The licence of the open data (`data_license`), named in the data package.
    pub data_license: Option<DataLicense>,
}

/// The licence the open data is published under.
#[derive(Debug, Clone, Default)]
pub struct DataLicense {
    /// Its name as the office gives it ("Open Data Common").
    pub title: String,
    /// Where its text is, if given.
    pub url: Option<String>,
}

/// A document handed out with a workshop series, such as one of the two manuals.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkshopDocument {
    /// Thai title.
    pub title_th: String,
    /// Where to download it (http or https).
    pub url: String,
}

/// A way to join a session: a Webex meeting, a Facebook Live page, a room.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    /// What it is, as shown ("Webex", "Facebook Live").
    pub name: String,
    /// Where it is (http or https).
    pub url: String,
}

/// One session (ครั้งที่ n) of a workshop series.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkshopSession {
    /// The session number (ครั้งที่ n), unique in its series.
    pub no: u32,
    /// Thai title of the session (may be empty).
    pub title_th: String,
    /// The day it is held.
    pub date: crate::text::dates::Date,
    /// Start time, Bangkok time.
    pub start: crate::text::dates::Time,
    /// End time, Bangkok time.
    pub end: crate::text::dates::Time,
    /// Ways to join.
    pub channels: Vec<Channel>,
    /// LAO types that should attend; empty means every type.
    pub audience: Vec<LaoType>,
    /// Free-text audience note (such as the provinces invited).
    pub audience_note: String,
    /// The registration form (http or https).
    pub rsvp_url: Option<String>,
    /// The schedule (กำหนดการ), when it differs from the series' one.
    pub schedule_url: Option<String>,
    /// Contact phone.
    pub phone: String,
}

/// One year's series of briefing workshops.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkshopSeries {
    /// The assessment year (พ.ศ.) the series prepares for; unique in the file.
    pub be: u16,
    /// Thai title.
    pub title_th: String,
    /// Thai description.
    pub description_th: String,
    /// The series' schedule (กำหนดการ), if published.
    pub schedule_url: Option<String>,
    /// Documents to download.
    pub documents: Vec<WorkshopDocument>,
    /// Sessions, in date order.
    pub sessions: Vec<WorkshopSession>,
    /// True when the series is example data, not a real announcement.
    pub sample: bool,
}

/// One link of a series or session, as a QR code shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopLink {
    /// What the link is, in Thai ("ลงทะเบียน", "Webex", "คู่มือ...").
    pub label: String,
    /// The address.
    pub url: String,
}

impl WorkshopSession {
    /// The session's links in the order pages show them: channels, registration, schedule.
    /// `series_schedule` fills in when the session has no schedule of its own.
    pub fn links(&self, series_schedule: Option<&str>) -> Vec<WorkshopLink> {
        let mut out: Vec<WorkshopLink> =
            self.channels.iter().map(|c| WorkshopLink { label: c.name.clone(), url: c.url.clone() }).collect();
        if let Some(u) = &self.rsvp_url {
            out.push(WorkshopLink {
                label: "ลงทะเบียนเข้าร่วม".into(), url: u.clone()
            });
        }
        if let Some(u) = self.schedule_url.as_deref().or(series_schedule) {
            out.push(WorkshopLink { label: "กำหนดการ".into(), url: u.to_string() });
        }
        out
    }
}

impl WorkshopSeries {
    /// Every distinct address of the series (schedule, documents, then each session's links),
    /// first label wins. Its index names the QR code file, so the order is stable.
    pub fn links(&self) -> Vec<WorkshopLink> {
        let mut out: Vec<WorkshopLink> = Vec::new();
        let mut add = |l: WorkshopLink| {
            if !out.iter().any(|o| o.url == l.url) {
                out.push(l);
            }
        };
        if let Some(u) = &self.schedule_url {
            add(WorkshopLink { label: "กำหนดการ".into(), url: u.clone() });
        }
        for d in &self.documents {
            add(WorkshopLink { label: d.title_th.clone(), url: d.url.clone() });
        }
        for s in &self.sessions {
            for mut l in s.links(self.schedule_url.as_deref()) {
                // A link only one session uses (its own Webex room) is named after that session.
                let shared = self.sessions.iter().filter(|o| o.links(None).iter().any(|x| x.url == l.url)).count();
                if shared == 1 && !self.documents.iter().any(|d| d.url == l.url) {
                    l.label = format!("{} ครั้งที่ {}", l.label, s.no);
                }
                add(l);
            }
        }
        out
    }

    /// Index of an address in [`WorkshopSeries::links`].
    pub fn link_index(&self, url: &str) -> Option<usize> {
        self.links().iter().position(|l| l.url == url)
    }
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
    /// The manuals and standalone pages under `content/`.
    pub content: Content,
    /// Workshop series from `data/workshops.yaml`, by year (empty when there is no file).
    pub workshops: Vec<WorkshopSeries>,
}

impl Site {
    /// The latest year, if any.
    pub fn latest_year(&self) -> Option<&Year> {
        self.years.last()
    }
}

/// The Markdown content of a site: manuals (books of chapters) and standalone pages.
#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Manuals, sorted by folder name.
    pub manuals: Vec<Manual>,
    /// Standalone pages, in navigation order.
    pub pages: Vec<ContentPage>,
    /// Files next to the chapters (images), copied into the site beside them.
    pub assets: Vec<ContentAsset>,
}

impl Content {
    /// The chapter whose front matter lists indicator `id`, as (manual, chapter) indices.
    pub fn indicator_chapter(&self, id: &str) -> Option<(usize, usize)> {
        self.manuals.iter().enumerate().find_map(|(m, manual)| {
            manual.chapters.iter().position(|c| c.indicators.iter().any(|i| i.id == id)).map(|c| (m, c))
        })
    }
}

/// Where a piece of Markdown came from, for messages that name file and line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// Path relative to the site root (`content/manuals/collection-guide/roads.md`).
    pub file: String,
    /// The Markdown after the front matter.
    pub body: String,
    /// The line of the file on which `body` starts (1-based).
    pub body_line: usize,
}

/// One manual: a folder under `content/manuals/`.
#[derive(Debug, Clone)]
pub struct Manual {
    /// Folder name, used in URLs and in `@/manuals/<slug>/...` links.
    pub slug: String,
    /// Title from `_index.md`.
    pub title: String,
    /// Description for listings and sharing.
    pub description: String,
    /// True when the text is a sample that the office must confirm.
    pub sample: bool,
    /// The introduction (`_index.md`).
    pub intro: Source,
    /// Chapters in reading order (front matter `order`, then file name).
    pub chapters: Vec<Chapter>,
}

/// One chapter of a manual: a `.md` file.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// File name without `.md`, used in URLs.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Reading order within the manual.
    pub order: f64,
    /// Description for the chapter list and sharing.
    pub description: String,
    /// Indicator ids this chapter defines, each with the line of the front matter that names it.
    pub indicators: Vec<IndicatorRef>,
    /// True when the text is a sample that the office must confirm.
    pub sample: bool,
    /// The Markdown.
    pub source: Source,
}

/// An indicator id named in a chapter's front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRef {
    /// The id, as in the catalog ("1.1").
    pub id: String,
    /// The line of the `.md` file where it is named.
    pub line: usize,
}

/// A standalone page: a `.md` file under `content/pages/`.
#[derive(Debug, Clone)]
pub struct ContentPage {
    /// File name without `.md`, used in URLs.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Navigation order.
    pub order: f64,
    /// Description for sharing.
    pub description: String,
    /// True when the text is a sample that the office must confirm.
    pub sample: bool,
    /// The Markdown.
    pub source: Source,
}

/// A file copied from `content/manuals/<manual>/` into the site.
#[derive(Debug, Clone)]
pub struct ContentAsset {
    /// Output path (`manuals/<manual>/<path inside the manual folder>`).
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_keeps_zero_apart_from_none_in_eight_bytes() {
        assert_eq!(Figure::new(Some(0.0)).get(), Some(0.0));
        assert_eq!(Figure::new(Some(999_999_999_999.0)).get(), Some(999_999_999_999.0));
        assert_eq!(Figure::new(None).get(), None);
        assert_ne!(Figure::new(Some(0.0)), Figure::NONE);
        assert_eq!(Figure::NONE, Figure::new(None));
        assert_eq!(std::mem::size_of::<Figure>(), 8);
        // The size a national year's half a million rows are held in (see Measure).
        assert_eq!(std::mem::size_of::<Measure>(), 48);
    }

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
        assert_eq!(l.executive_title_th(), "นายกองค์การบริหารส่วนตำบลคลองท่อมใต้");
        l.kind = LaoType::SubdistrictMunicipality;
        assert_eq!(l.executive_title_th(), "นายกเทศมนตรีตำบลคลองท่อมใต้");
        l.kind = LaoType::Bangkok;
        l.name_th = "กรุงเทพมหานคร".into();
        assert_eq!(l.full_name_th(), "กรุงเทพมหานคร");
        assert_eq!(l.executive_title_th(), "ผู้ว่าราชการกรุงเทพมหานคร");
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
