//! `prakat init`: a new site root that builds at once, with the default theme's templates
//! written out so they can be edited (a file under `themes/default/` replaces the built-in one).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Site settings for a new site. `base_url` is left out on purpose: the builder cannot know
/// where the site will be published, and a wrong address would end up in sitemap.xml.
const SITE_YAML: &str = r#"# Site settings. See the README of prakat for every key.
title: {th: "ผลการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะ (ตัวอย่าง)", en: "Minimum Standards Assessment (example)"}
# The address the site will be published at, for sitemap.xml and share links:
# base_url: "https://www.example.go.th/results/"
# The bundled data below is made up; every page says so while this is true.
sample_data: true
office: {name_th: "หน่วยงานของท่าน", name_en: "Your office", phone: "0 0000 0000", email: "contact@example.go.th"}
"#;

/// A tiny registry: three LAOs in one district (made-up codes and names).
const LAOS_CSV: &str = "\
code,type,name_th,name_en,province_th,province_en,district_th,district_en,website
2990101,pao,ตัวอย่าง,Tuayang,ตัวอย่าง,Tuayang,เมืองตัวอย่าง,Mueang Tuayang,
5990102,subdistrict_municipality,บ้านใหม่,Ban Mai,ตัวอย่าง,Tuayang,เมืองตัวอย่าง,Mueang Tuayang,
6990103,sao,หนองน้ำ,Nong Nam,ตัวอย่าง,Tuayang,เมืองตัวอย่าง,Mueang Tuayang,
";

/// A one-area catalog with three indicators.
const CATALOG_YAML: &str = r#"# The indicators of one assessment year (made up; replace with the year's official catalog).
title_th: "การประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะ ประจำปี พ.ศ. 2567 (ตัวอย่าง)"
areas:
  - {no: 1, name_th: "ด้านโครงสร้างพื้นฐาน", name_en: "Infrastructure"}
  - {no: 2, name_th: "ด้านสาธารณสุข", name_en: "Public Health"}
missions:
  - {no: 1, area: 1, name_th: "ถนนและการระบายน้ำ", name_en: "Roads and drainage"}
indicators:
  - id: "1.1"
    area: 1
    mission: 1
    unit: percent
    text_th: "ร้อยละของถนนในความรับผิดชอบของ {lao} ที่ได้รับการบำรุงรักษา"
    text_en: "Percentage of roads under the responsibility of the LAO that were maintained"
    target: 80
  - id: "1.2"
    area: 1
    mission: 1
    unit: percent
    text_th: "ร้อยละของสายทางระบายน้ำที่ได้รับการขุดลอก"
    text_en: "Percentage of drainage lines that were dredged"
    target: {default: 80, pao: 70}
  - id: "2.1"
    area: 2
    unit: count
    text_th: "จำนวนครั้งของการรณรงค์ป้องกันโรคไข้เลือดออก"
    text_en: "Number of dengue prevention campaigns"
    target: 2
    applies_to: [sao, subdistrict_municipality]
"#;

/// Results of the three LAOs (verdicts left empty: prakat computes them).
const RESULTS_CSV: &str = "\
code,indicator,base,delivered,verdict
2990101,1.1,120,101,
2990101,1.2,40,26,
5990102,1.1,18,15,
5990102,1.2,9,9,
5990102,2.1,2,3,
6990103,1.1,25,17,
6990103,1.2,12,10,
6990103,2.1,2,1,
";

/// The book's front page.
const GUIDE_INDEX: &str = "---
title: คู่มือการใช้งาน
order: 1
---

คู่มือนี้อธิบายวิธีเตรียมข้อมูลและเผยแพร่ผลการประเมิน แก้ไขไฟล์ในโฟลเดอร์ `content/manuals/` ได้ตามต้องการ
";

/// One chapter. It defines the catalog's indicators (`indicators:` and a heading `{#i-<id>}` for
/// each), so every result row links to the section that says how it is counted.
const GUIDE_CHAPTER: &str = "---
title: เริ่มต้นใช้งาน
order: 1
indicators: [\"1.1\", \"1.2\", \"2.1\"]
---

## เตรียมข้อมูล

1. ใส่รายชื่อองค์กรปกครองส่วนท้องถิ่นใน `data/laos.csv`
2. ใส่ตัวชี้วัดของแต่ละปีใน `data/<ปี พ.ศ.>/catalog.yaml`
3. ใส่ผลการประเมินใน `data/<ปี พ.ศ.>/results.csv`

ใช้คำสั่ง `prakat check` เพื่อตรวจข้อมูล และ `prakat build` เพื่อสร้างเว็บไซต์ในโฟลเดอร์ `public/`

## 1.1 ถนนที่ได้รับการบำรุงรักษา {#i-1.1}

นับถนนทุกสายในความรับผิดชอบเป็นฐาน และนับสายที่ได้รับการบำรุงรักษาในปีงบประมาณเป็นผลงาน

## 1.2 สายทางระบายน้ำที่ได้รับการขุดลอก {#i-1.2}

นับสายทางระบายน้ำทั้งหมดเป็นฐาน และนับสายที่ขุดลอกหรือทำความสะอาดแล้วเป็นผลงาน

## 2.1 การรณรงค์ป้องกันโรคไข้เลือดออก {#i-2.1}

นับจำนวนครั้งของการรณรงค์ที่จัดในปีงบประมาณ
";

/// Why `init` did not write a site.
#[derive(Debug)]
pub enum InitError {
    /// The folder has files in it and `force` was not given.
    NotEmpty(PathBuf),
    /// A file could not be written.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InitError::NotEmpty(p) => write!(
                f,
                "{} is not empty; choose a new folder, or pass --force to write the new site's files into it (files of the same name are replaced, others are left alone)",
                p.display()
            ),
            InitError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

/// The files of a new site, as (path under the site root, bytes): settings, a tiny data set,
/// one manual chapter, and every template of the default theme.
pub fn files() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = vec![
        ("data/site.yaml".into(), SITE_YAML.into()),
        ("data/laos.csv".into(), LAOS_CSV.into()),
        ("data/2567/catalog.yaml".into(), CATALOG_YAML.into()),
        ("data/2567/results.csv".into(), RESULTS_CSV.into()),
        ("content/manuals/guide/_index.md".into(), GUIDE_INDEX.into()),
        ("content/manuals/guide/01-start.md".into(), GUIDE_CHAPTER.into()),
        (".gitignore".into(), "/public/\n".into()),
    ];
    for (name, source) in crate::model::theme::Theme::embedded().templates {
        out.push((format!("themes/default/templates/{name}"), source.into_bytes()));
    }
    out
}

/// Writes a new site into `dir` (created if missing). Refuses a folder with anything in it
/// unless `force`. Returns the paths written, relative to `dir`.
pub fn init(dir: &Path, force: bool) -> Result<Vec<String>, InitError> {
    let io_err = |p: &Path| {
        let p = p.to_path_buf();
        move |e| InitError::Io(p, e)
    };
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(io_err(dir))?;
        if entries.next().is_some() && !force {
            return Err(InitError::NotEmpty(dir.to_path_buf()));
        }
    }
    let mut written = Vec::new();
    for (rel, bytes) in files() {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::write(&path, bytes).map_err(io_err(&path))?;
        written.push(rel);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_site_has_data_manual_and_every_template() {
        let f = files();
        let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
        for want in ["data/site.yaml", "data/laos.csv", "content/manuals/guide/01-start.md"] {
            assert!(names.contains(&want), "{want} missing from {names:?}");
        }
        let templates = crate::model::theme::Theme::embedded().templates.len();
        assert!(templates > 0);
        assert_eq!(names.iter().filter(|n| n.starts_with("themes/default/templates/")).count(), templates);
    }
}
