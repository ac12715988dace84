//! Texts that every LAO page of a year repeats, formatted once per build instead of once per
//! row of every page: an indicator's wording, service and target for each LAO type, the peer
//! medians as shown, and the verdict texts. LAO pages borrow them (see
//! [`super::context::lao_areas_with`]).

use crate::derive::{Median, Verdict, YearFigures};
use crate::model::{Content, LaoType, Site, Unit, Year};
use crate::text::numbers::{format_hundredths, format_number};
use crate::text::thai::KeepWords;

/// One indicator as an LAO of one type sees it.
pub struct IndicatorLabels {
    /// Wording with `{lao}` filled in.
    pub text: String,
    /// Service: the mission's name, else the area's.
    pub service: String,
    /// Target as shown ("80", "2 ครั้ง").
    pub target: String,
    /// Median of the same type nationally, as shown, and its count.
    pub type_median: (String, u32),
    /// `text`, escaped for markup with Thai words kept whole (written into every LAO page's
    /// rows).
    pub text_html: String,
    /// `service`, escaped for markup with Thai words kept whole.
    pub service_html: String,
    /// The indicator's id, escaped for markup (each row writes it two or three times).
    pub id_html: String,
}

/// The labels of one year.
pub struct YearLabels {
    /// Per LAO type (in [`LaoType::ALL`] order), per indicator.
    by_type: Vec<Vec<IndicatorLabels>>,
    /// Median per indicator and province, as shown, at `indicator * provinces + province`;
    /// `None` where there is none (shown as [`YearLabels::none`]).
    province_median: Vec<Option<(String, u32)>>,
    /// Provinces (the stride of `province_median`).
    provinces: usize,
    /// Per indicator: the manual section that defines it (path from the site root with its
    /// `#i-<id>` anchor), when a chapter lists it in its front matter.
    manual: Vec<Option<String>>,
    /// Verdict texts, in [`Verdict::ALL`] order (a results table's verdict column is wide
    /// enough for each whole; see `text_html` on word joiners).
    verdicts: Vec<String>,
    /// What a missing median shows.
    none: (String, u32),
}

impl YearLabels {
    /// Formats the labels of `year`, for every LAO type (a few hundred short strings).
    pub fn new(year: &Year, fig: &YearFigures, content: &Content, keep: &KeepWords) -> YearLabels {
        let cat = &year.catalog;
        let by_type = LaoType::ALL
            .iter()
            .map(|&kind| {
                cat.indicators
                    .iter()
                    .enumerate()
                    .map(|(i, ind)| {
                        let target = ind.target.for_type(kind).unwrap_or(0.0);
                        let text = ind.text_for(kind);
                        let service = ind
                            .mission
                            .map(|mi| cat.missions[mi].name_th.clone())
                            .unwrap_or_else(|| cat.areas[ind.area].name_th.clone());
                        IndicatorLabels {
                            // Thai words kept whole (crate::text::thai), but for the word
                            // that opens the wording: the cell is far wider than it.
                            text_html: keep.join_after_opening(&crate::text::escape::markup(&text)).into_owned(),
                            service_html: keep.join(&crate::text::escape::markup(&service)).into_owned(),
                            id_html: crate::text::escape::markup(&ind.id),
                            text,
                            service,
                            target: match ind.unit {
                                Unit::Percent => format_number(target),
                                Unit::Count => format!("{} ครั้ง", format_number(target)),
                            },
                            type_median: show_median(ind.unit, fig.type_median(i, kind)),
                        }
                    })
                    .collect()
            })
            .collect();
        let provinces = fig.province_count();
        let province_median = (0..cat.indicators.len() * provinces)
            .map(|k| {
                let (i, p) = (k / provinces, k % provinces);
                fig.province_median(i, p).map(|m| show_median(cat.indicators[i].unit, Some(m)))
            })
            .collect();
        let manual = cat
            .indicators
            .iter()
            .map(|ind| {
                content.indicator_chapter(&ind.id).map(|(mi, ci)| {
                    let manual = &content.manuals[mi];
                    format!("{}#i-{}", crate::paths::chapter_path(&manual.slug, &manual.chapters[ci].slug), ind.id)
                })
            })
            .collect();
        YearLabels {
            by_type,
            province_median,
            provinces,
            manual,
            verdicts: Verdict::ALL.iter().map(|v| v.text_th(year.be)).collect(),
            none: show_median(Unit::Percent, None),
        }
    }

    /// Labels for every year of the site.
    pub fn all(site: &Site, figs: &[YearFigures], keep: &KeepWords) -> Vec<YearLabels> {
        site.years.iter().zip(figs).map(|(y, f)| YearLabels::new(y, f, &site.content, keep)).collect()
    }

    /// One indicator (index into the year's catalog) as an LAO of `kind` sees it.
    pub fn indicator(&self, kind: LaoType, indicator: usize) -> &IndicatorLabels {
        &self.by_type[kind.index()][indicator]
    }

    /// The manual section that defines an indicator, if one does.
    pub fn manual(&self, indicator: usize) -> Option<&str> {
        self.manual.get(indicator).and_then(|m| m.as_deref())
    }

    /// The province median of an indicator, as shown.
    pub fn province_median(&self, indicator: usize, province: usize) -> &(String, u32) {
        if province >= self.provinces {
            return &self.none;
        }
        self.province_median.get(indicator * self.provinces + province).and_then(Option::as_ref).unwrap_or(&self.none)
    }

    /// The verdict text of this year.
    pub fn verdict(&self, v: Verdict) -> &str {
        &self.verdicts[v.index()]
    }
}

/// A median as shown, and how many LAOs it is taken over ("-" and 0 when there is none).
pub(crate) fn show_median(unit: Unit, m: Option<&Median>) -> (String, u32) {
    match (unit, m) {
        // The median of one LAO is that LAO's own figure (Bangkok, Pattaya, a type alone in its
        // province): no comparison, so none is shown.
        (_, None) => ("-".into(), 0),
        (_, Some(m)) if m.n < 2 => ("-".into(), 0),
        (Unit::Percent, Some(m)) => (format_hundredths(m.hundredths), m.n),
        (Unit::Count, Some(m)) => (format_number(m.hundredths as f64 / 100.0), m.n),
    }
}
