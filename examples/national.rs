//! Writes a national-scale sample site in prakat's input format: data/site.yaml, data/laos.csv
//! (the real mix of LAO types), and per year data/<year>/catalog.yaml (8 areas, 64 indicators)
//! and data/<year>/results.csv. Deterministic: the same arguments give byte-identical files.
//!
//!     cargo run --release --example national -- --out /dev/shm/nat --laos 7850 --years 3
//!     cargo run --release --example national -- --out /dev/shm/nat \
//!         --registry ../shared/data/registry/dla-local-authorities.json
//!
//! With `--registry` (the DLA registry as JSON, with th-provinces.json and th-districts.json
//! beside it) the LAOs carry real codes, names, provinces and districts; Bangkok, which the
//! registry lacks, is added. Without it, names and places are made up. The results are
//! invented either way, and the site says so (`sample_data: true`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Parser;
use prakat::derive::judge;
use prakat::model::{LaoType, Unit};

#[derive(Parser)]
#[command(about = "Writes a deterministic national-scale sample site for prakat")]
struct Args {
    /// Site root to write (data/ is created under it and replaced on each run).
    #[arg(long)]
    out: PathBuf,
    /// How many LAOs, in the national mix of types (7,850 is the whole country).
    #[arg(long, default_value_t = 7850)]
    laos: usize,
    /// How many assessment years, ending with --last-year.
    #[arg(long, default_value_t = 3)]
    years: u16,
    /// The last year (พ.ศ.).
    #[arg(long, default_value_t = 2567)]
    last_year: u16,
    /// Seed of the pseudo-random figures.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The DLA registry JSON (dla-local-authorities.json) to take real LAOs from.
    #[arg(long)]
    registry: Option<PathBuf>,
}

/// SplitMix64: small, fast and good enough for sample figures.
struct Rng(u64);

impl Rng {
    fn new(parts: &[u64]) -> Rng {
        let mut r = Rng(0x9E37_79B9_7F4A_7C15);
        for p in parts {
            r.0 ^= *p;
            r.next();
        }
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

fn hash_str(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// One row of laos.csv.
struct LaoRow {
    code: String,
    kind: LaoType,
    name_th: String,
    name_en: String,
    province_th: String,
    province_en: String,
    district_th: String,
    district_en: String,
    website: String,
}

/// The national count of each type (DESIGN.md; the DLA registry plus Bangkok).
const NATIONAL_MIX: [(LaoType, usize); 7] = [
    (LaoType::Pao, 76),
    (LaoType::CityMunicipality, 30),
    (LaoType::TownMunicipality, 195),
    (LaoType::SubdistrictMunicipality, 2247),
    (LaoType::Sao, 5300),
    (LaoType::Bangkok, 1),
    (LaoType::Pattaya, 1),
];

/// How many LAOs of each type a sample of `n` holds: proportional (largest remainder), with
/// Bangkok and Pattaya kept while there is room, since they are the odd ones out.
fn type_counts(n: usize) -> BTreeMap<LaoType, usize> {
    let total: usize = NATIONAL_MIX.iter().map(|(_, c)| c).sum();
    if n >= total {
        let mut m: BTreeMap<LaoType, usize> = NATIONAL_MIX.into_iter().collect();
        *m.get_mut(&LaoType::Sao).unwrap() += n - total;
        return m;
    }
    let mut m = BTreeMap::new();
    let mut rest: Vec<(usize, LaoType)> = Vec::new();
    let mut given = 0;
    for (t, c) in NATIONAL_MIX {
        let exact = c * n;
        m.insert(t, exact / total);
        given += exact / total;
        rest.push((exact % total, t));
    }
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, t) in rest.iter().take(n - given) {
        *m.get_mut(t).unwrap() += 1;
    }
    for t in [LaoType::Bangkok, LaoType::Pattaya] {
        if m[&t] == 0 && m[&LaoType::Sao] > 1 {
            *m.get_mut(&t).unwrap() += 1;
            *m.get_mut(&LaoType::Sao).unwrap() -= 1;
        }
    }
    m
}

fn website_for(code: &str, rng: &mut Rng) -> String {
    if rng.chance(0.3) { format!("https://lao{code}.example.go.th/") } else { String::new() }
}

/// Picks `counts` LAOs of each type from `pool`, deterministically, keeping code order.
fn sample(mut pool: Vec<LaoRow>, counts: &BTreeMap<LaoType, usize>, seed: u64) -> Vec<LaoRow> {
    pool.sort_by(|a, b| a.code.cmp(&b.code));
    let mut keyed: Vec<(u64, LaoRow)> =
        pool.into_iter().map(|r| (Rng::new(&[seed, hash_str(&r.code)]).next(), r)).collect();
    keyed.sort_by_key(|(k, r)| (r.kind, *k));
    let mut taken: BTreeMap<LaoType, usize> = BTreeMap::new();
    let mut out: Vec<LaoRow> = keyed
        .into_iter()
        .filter_map(|(_, r)| {
            let n = taken.entry(r.kind).or_default();
            let want = counts.get(&r.kind).copied().unwrap_or(0);
            (*n < want).then(|| {
                *n += 1;
                r
            })
        })
        .collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

fn json_str<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v.get(key).and_then(|x| x.as_str()).unwrap_or("")
}

/// Real LAOs from the DLA registry JSON, with province and district names from the files beside it.
fn from_registry(path: &Path, n: usize, seed: u64) -> Result<Vec<LaoRow>, String> {
    let read = |p: &Path| -> Result<serde_json::Value, String> {
        let text = fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))
    };
    let reg = read(path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let provinces = read(&dir.join("th-provinces.json"))?;
    let districts = read(&dir.join("th-districts.json"))?;
    let mut province: BTreeMap<String, (String, String)> = BTreeMap::new();
    for p in provinces.as_array().into_iter().flatten() {
        let code = p.get("provinceCode").map(|c| c.to_string().trim_matches('"').to_string()).unwrap_or_default();
        province.insert(code, (json_str(p, "provinceNameTh").into(), json_str(p, "provinceNameEn").into()));
    }
    let mut district_en: BTreeMap<(String, String), String> = BTreeMap::new();
    for d in districts.as_array().into_iter().flatten() {
        let pc = d.get("provinceCode").map(|c| c.to_string().trim_matches('"').to_string()).unwrap_or_default();
        district_en.insert((pc, json_str(d, "districtNameTh").into()), json_str(d, "districtNameEn").into());
    }
    let mut pool = Vec::new();
    let records = reg.get("localAuthorities").and_then(|v| v.as_array()).ok_or("no localAuthorities list")?;
    for r in records {
        let kind = match json_str(r, "type") {
            "provincial_admin_org" => LaoType::Pao,
            "city_municipality" => LaoType::CityMunicipality,
            "town_municipality" => LaoType::TownMunicipality,
            "subdistrict_municipality" => LaoType::SubdistrictMunicipality,
            "subdistrict_admin_org" => LaoType::Sao,
            "special_admin_area" => LaoType::Pattaya,
            other => return Err(format!("{}: unknown type `{other}`", path.display())),
        };
        let code = json_str(r, "dlaCode").to_string();
        let pc = json_str(r, "provinceCode").trim_start_matches('0').to_string();
        let (province_th, province_en) =
            province.get(&pc).cloned().ok_or_else(|| format!("{}: unknown province code {pc}", path.display()))?;
        let district_th = json_str(r, "districtNameTh").to_string();
        let district_en = district_en.get(&(pc, district_th.clone())).cloned().unwrap_or_default();
        let website = website_for(&code, &mut Rng::new(&[seed, 7, hash_str(&code)]));
        pool.push(LaoRow {
            code,
            kind,
            name_th: json_str(r, "nameTh").into(),
            name_en: json_str(r, "nameEn").into(),
            province_th,
            province_en,
            district_th,
            district_en,
            website,
        });
    }
    // The registry has no Bangkok; it has no DLA code either, so it gets an identifier of its own.
    pool.push(LaoRow {
        code: "1000000".into(),
        kind: LaoType::Bangkok,
        name_th: "กรุงเทพมหานคร".into(),
        name_en: "Bangkok".into(),
        province_th: "กรุงเทพมหานคร".into(),
        province_en: "Bangkok".into(),
        district_th: "พระนคร".into(),
        district_en: "Phra Nakhon".into(),
        website: "https://bangkok.example.go.th/".into(),
    });
    let mut counts = type_counts(n);
    let have = |t: LaoType| pool.iter().filter(|r| r.kind == t).count();
    for (t, c) in counts.iter_mut() {
        *c = (*c).min(have(*t));
    }
    Ok(sample(pool, &counts, seed))
}

const SYLLABLES: [&str; 32] = [
    "กา",
    "นา",
    "บาง",
    "คลอง",
    "หนอง",
    "โพธิ์",
    "ทุ่ง",
    "ดอน",
    "วัง",
    "ห้วย",
    "ป่า",
    "สาม",
    "ท่า",
    "โคก",
    "บ้าน",
    "ไทร",
    "แก้ว",
    "ทอง",
    "เหนือ",
    "ใต้",
    "ใหม่",
    "หลวง",
    "น้อย",
    "งาม",
    "สวน",
    "พระ",
    "ศรี",
    "เมือง",
    "ชัย",
    "ตาล",
    "ขาม",
    "แสง",
];
const ROMAN: [&str; 32] = [
    "Ka", "Na", "Bang", "Khlong", "Nong", "Pho", "Thung", "Don", "Wang", "Huai", "Pa", "Sam", "Tha", "Khok", "Ban",
    "Sai", "Kaeo", "Thong", "Nuea", "Tai", "Mai", "Luang", "Noi", "Ngam", "Suan", "Phra", "Si", "Mueang", "Chai",
    "Tan", "Kham", "Saeng",
];

/// A made-up place name in Thai with its romanisation, from a number (distinct numbers, distinct names).
fn made_up_name(mut k: u64) -> (String, String) {
    let (mut th, mut en) = (String::new(), String::new());
    loop {
        let s = (k % 32) as usize;
        th.push_str(SYLLABLES[s]);
        en.push_str(if en.is_empty() { ROMAN[s].to_string() } else { ROMAN[s].to_lowercase() }.as_str());
        k /= 32;
        if k == 0 {
            break;
        }
        k -= 1;
    }
    (th, en)
}

/// Made-up LAOs when no registry is given: 76 provinces (plus Bangkok) of about 12 districts.
fn made_up(n: usize, seed: u64) -> Vec<LaoRow> {
    let counts = type_counts(n);
    let provinces = 76u64;
    let mut out = Vec::new();
    let mut serial: BTreeMap<(char, u64), u64> = BTreeMap::new();
    let mut rng = Rng::new(&[seed, 11]);
    let prov_name = |p: u64| made_up_name(1000 + p * 7);
    let district_name = |p: u64, d: u64| made_up_name(40 + p * 13 + d);
    for (kind, c) in counts {
        for i in 0..c as u64 {
            let (digit, p) = match kind {
                LaoType::Pao => ('2', i % provinces),
                LaoType::CityMunicipality | LaoType::Pattaya => ('3', rng.below(provinces)),
                LaoType::TownMunicipality => ('4', rng.below(provinces)),
                LaoType::SubdistrictMunicipality => ('5', rng.below(provinces)),
                LaoType::Sao => ('6', rng.below(provinces)),
                LaoType::Bangkok => ('1', 0),
            };
            let s = serial.entry((digit, p)).or_insert(0);
            *s += 1;
            let code = format!("{digit}{:02}{:04}", 11 + p, *s);
            let d = if kind == LaoType::Pao { 0 } else { rng.below(12) };
            let (province_th, province_en) = prov_name(p);
            let (district_th, district_en) = district_name(p, d);
            let (name_th, name_en) = match kind {
                LaoType::Pao => (province_th.clone(), province_en.clone()),
                LaoType::Pattaya => ("เมืองพัทยา".into(), "Pattaya".into()),
                _ => made_up_name(5000 + rng.below(200_000)),
            };
            let website = website_for(&code, &mut rng);
            let row = match kind {
                LaoType::Bangkok => LaoRow {
                    code: "1000000".into(),
                    kind,
                    name_th: "กรุงเทพมหานคร".into(),
                    name_en: "Bangkok".into(),
                    province_th: "กรุงเทพมหานคร".into(),
                    province_en: "Bangkok".into(),
                    district_th: "พระนคร".into(),
                    district_en: "Phra Nakhon".into(),
                    website,
                },
                _ => LaoRow {
                    code,
                    kind,
                    name_th,
                    name_en,
                    province_th,
                    province_en,
                    district_th: format!("เมือง{district_th}"),
                    district_en: format!("Mueang {district_en}"),
                    website,
                },
            };
            out.push(row);
        }
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

/// The areas of the assessment (ด้าน), with two missions each.
const AREAS: [(&str, &str, [&str; 2]); 8] = [
    ("ด้านโครงสร้างพื้นฐาน", "Infrastructure", ["ถนนและทางระบายน้ำ", "ไฟฟ้าสาธารณะและน้ำสะอาด"]),
    ("ด้านงานส่งเสริมคุณภาพชีวิต", "Quality of life", ["สวัสดิการสังคม", "กีฬาและนันทนาการ"]),
    (
        "ด้านการจัดระเบียบชุมชน สังคม และการรักษาความสงบเรียบร้อย",
        "Community order and public safety",
        ["การป้องกันและบรรเทาสาธารณภัย", "ความสงบเรียบร้อย"],
    ),
    (
        "ด้านการวางแผน การส่งเสริมการลงทุน พาณิชยกรรม และการท่องเที่ยว",
        "Planning, investment, commerce and tourism",
        ["การวางแผนพัฒนา", "การท่องเที่ยวและพาณิชย์"],
    ),
    (
        "ด้านการบริหารจัดการและการอนุรักษ์ทรัพยากรธรรมชาติและสิ่งแวดล้อม",
        "Natural resources and environment",
        ["ขยะมูลฝอยและน้ำเสีย", "ป่าไม้และแหล่งน้ำ"],
    ),
    ("ด้านศิลปะ วัฒนธรรม จารีตประเพณี และภูมิปัญญาท้องถิ่น", "Arts, culture and local wisdom", ["ประเพณีท้องถิ่น", "ภูมิปัญญาท้องถิ่น"]),
    ("ด้านการศึกษา", "Education", ["ศูนย์พัฒนาเด็กเล็ก", "การเรียนรู้ตลอดชีวิต"]),
    ("ด้านสาธารณสุข", "Public health", ["การควบคุมโรค", "การส่งเสริมสุขภาพ"]),
];

/// Per area: four things in scope, and what being served means for them.
const SUBJECTS: [[(&str, &str); 4]; 8] = [
    [
        ("ถนนลาดยาง", "ได้รับการซ่อมบำรุง"),
        ("รางระบายน้ำ", "ได้รับการขุดลอก"),
        ("โคมไฟฟ้าสาธารณะ", "ใช้งานได้"),
        ("ครัวเรือน", "มีน้ำสะอาดใช้"),
    ],
    [
        ("ผู้สูงอายุ", "ได้รับเบี้ยยังชีพ"),
        ("คนพิการ", "ได้รับเบี้ยความพิการ"),
        ("ลานกีฬา", "อยู่ในสภาพพร้อมใช้"),
        ("ผู้ป่วยติดเตียง", "ได้รับการเยี่ยมบ้าน"),
    ],
    [
        ("จุดเสี่ยงอันตราย", "ติดตั้งป้ายเตือน"),
        ("อาสาสมัครป้องกันภัย", "ผ่านการฝึกอบรม"),
        ("รถดับเพลิง", "พร้อมใช้งาน"),
        ("ครัวเรือนผู้ประสบภัย", "ได้รับการช่วยเหลือ"),
    ],
    [
        ("โครงการในแผนพัฒนาท้องถิ่น", "ได้ดำเนินการ"),
        ("ตลาดสด", "ผ่านเกณฑ์สุขาภิบาล"),
        ("แหล่งท่องเที่ยว", "ได้รับการดูแล"),
        ("คำขออนุญาต", "ได้รับการพิจารณาทันเวลา"),
    ],
    [
        ("ครัวเรือน", "ได้รับบริการเก็บขยะ"),
        ("ขยะอันตราย", "ได้รับการกำจัดถูกวิธี"),
        ("แหล่งน้ำสาธารณะ", "ได้รับการฟื้นฟู"),
        ("พื้นที่สีเขียว", "ได้รับการดูแล"),
    ],
    [
        ("ประเพณีท้องถิ่น", "ได้รับการส่งเสริม"),
        ("ปราชญ์ชาวบ้าน", "ได้รับการยกย่อง"),
        ("โบราณสถาน", "ได้รับการดูแล"),
        ("ศูนย์เรียนรู้ชุมชน", "เปิดให้บริการ"),
    ],
    [
        ("เด็กปฐมวัย", "ได้เข้าเรียนในศูนย์พัฒนาเด็กเล็ก"),
        ("ครูผู้ดูแลเด็ก", "ผ่านการอบรม"),
        ("ศูนย์พัฒนาเด็กเล็ก", "ผ่านมาตรฐาน"),
        ("ห้องสมุดชุมชน", "เปิดให้บริการ"),
    ],
    [
        ("ผู้ป่วยโรคไข้เลือดออก", "ได้รับการควบคุมโรค"),
        ("สุนัขและแมว", "ได้รับวัคซีนพิษสุนัขบ้า"),
        ("สถานประกอบการอาหาร", "ผ่านการตรวจ"),
        ("หญิงตั้งครรภ์", "ได้รับการดูแล"),
    ],
];

/// One indicator of a generated catalog.
struct Ind {
    id: String,
    area: usize,
    mission: usize,
    count: bool,
    text_th: String,
    target: f64,
    /// A lower target for SAOs and subdistrict municipalities, where the catalog sets one.
    small_target: Option<f64>,
    applies_to: Option<Vec<LaoType>>,
}

/// Eight indicators per area: the four subjects as percentages, then as counts of activities for
/// two of them, then two more percentages; some apply to a few types only, some targets differ by
/// type, and targets move a little from year to year.
fn catalog(be: u16, seed: u64) -> Vec<Ind> {
    let mut out = Vec::new();
    for (a, subjects) in SUBJECTS.iter().enumerate() {
        for k in 0..8usize {
            let mut rng = Rng::new(&[seed, 23, u64::from(be), (a * 8 + k) as u64]);
            let mut fixed = Rng::new(&[seed, 29, (a * 8 + k) as u64]);
            let (subject, served) = subjects[k % 4];
            let count = k == 4 || k == 5;
            let text_th = match k {
                0..=3 => format!("ร้อยละของจำนวน{subject}ในความรับผิดชอบของ {lao} ที่{served}", lao = "{lao}"),
                4 | 5 => format!("จำนวนครั้งที่ {lao} จัดกิจกรรมหรือโครงการเกี่ยวกับ{subject}", lao = "{lao}"),
                _ => format!("ร้อยละของจำนวน{subject}ในเขต {lao} ที่{served}ตามมาตรฐาน", lao = "{lao}"),
            };
            let target = if count {
                (1 + fixed.below(3)) as f64
            } else {
                [75.0, 80.0, 85.0, 90.0][fixed.below(4) as usize] + if rng.chance(0.15) { 5.0 } else { 0.0 }
            };
            let small_target = (!count && fixed.chance(0.2)).then_some(target - 5.0);
            let applies_to = match fixed.below(20) {
                0 => Some(vec![LaoType::Pao]),
                1 | 2 => Some(vec![
                    LaoType::CityMunicipality,
                    LaoType::TownMunicipality,
                    LaoType::SubdistrictMunicipality,
                    LaoType::Sao,
                    LaoType::Bangkok,
                    LaoType::Pattaya,
                ]),
                3 => Some(vec![LaoType::TownMunicipality, LaoType::SubdistrictMunicipality, LaoType::Sao]),
                _ => None,
            };
            out.push(Ind {
                id: format!("{}.{}", a + 1, k + 1),
                area: a,
                mission: if k < 4 { a * 2 } else { a * 2 + 1 },
                count,
                text_th,
                target,
                small_target,
                applies_to,
            });
        }
    }
    out
}

fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn catalog_yaml(be: u16, inds: &[Ind]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Generated sample catalog for B.E. {be} (examples/national.rs); not the official indicator list."
    );
    let _ = writeln!(
        s,
        "title_th: {}",
        yaml_str(&format!("การประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะขององค์กรปกครองส่วนท้องถิ่น ประจำปี พ.ศ. {be} (ข้อมูลตัวอย่าง)"))
    );
    let _ = writeln!(
        s,
        "title_en: {}",
        yaml_str(&format!("Minimum Standards Assessment of Local Public Services, B.E. {be} (sample data)"))
    );
    s.push_str("areas:\n");
    for (a, (th, en, _)) in AREAS.iter().enumerate() {
        let _ = writeln!(s, "  - {{no: {}, name_th: {}, name_en: {}}}", a + 1, yaml_str(th), yaml_str(en));
    }
    s.push_str("missions:\n");
    for (a, (_, _, missions)) in AREAS.iter().enumerate() {
        for (m, name) in missions.iter().enumerate() {
            let _ = writeln!(s, "  - {{no: {}, area: {}, name_th: {}}}", a * 2 + m + 1, a + 1, yaml_str(name));
        }
    }
    s.push_str("indicators:\n");
    for i in inds {
        let _ = writeln!(s, "  - id: {}", yaml_str(&i.id));
        let _ = writeln!(s, "    area: {}", i.area + 1);
        let _ = writeln!(s, "    mission: {}", i.mission + 1);
        let _ = writeln!(s, "    unit: {}", if i.count { "count" } else { "percent" });
        let _ = writeln!(s, "    text_th: {}", yaml_str(&i.text_th));
        match i.small_target {
            Some(t) => {
                let _ = writeln!(s, "    target: {{default: {}, sao: {t}, subdistrict_municipality: {t}}}", i.target);
            }
            None => {
                let _ = writeln!(s, "    target: {}", i.target);
            }
        }
        if let Some(types) = &i.applies_to {
            let keys: Vec<&str> = types.iter().map(|t| t.key()).collect();
            let _ = writeln!(s, "    applies_to: [{}]", keys.join(", "));
        }
    }
    s
}

fn target_for(i: &Ind, kind: LaoType) -> f64 {
    match (i.small_target, kind) {
        (Some(t), LaoType::Sao | LaoType::SubdistrictMunicipality) => t,
        _ => i.target,
    }
}

/// How big an LAO's scope is, roughly, by type.
fn scale(kind: LaoType) -> u64 {
    match kind {
        LaoType::Bangkok => 5000,
        LaoType::Pao => 800,
        LaoType::CityMunicipality | LaoType::Pattaya => 400,
        LaoType::TownMunicipality => 150,
        LaoType::SubdistrictMunicipality => 60,
        LaoType::Sao => 40,
    }
}

/// One year's results.csv. Rows a type is not assessed on are left out (the catalog says so);
/// the verdict column is what prakat itself would compute, as an export would carry it.
fn results_csv(be: u16, inds: &[Ind], laos: &[LaoRow], seed: u64, w: &mut impl Write) -> std::io::Result<usize> {
    writeln!(w, "code,indicator,base,delivered,verdict")?;
    let mut rows = 0;
    for lao in laos {
        let mut rng = Rng::new(&[seed, 31, u64::from(be), hash_str(&lao.code)]);
        // A few LAOs have no results in a year (new, merged, or late with their report).
        if rng.chance(0.005) {
            continue;
        }
        // Some LAOs do well across the board, some do not.
        let skill = 0.7 + 0.3 * rng.unit();
        for i in inds {
            if i.applies_to.as_ref().is_some_and(|t| !t.contains(&lao.kind)) {
                continue;
            }
            let target = target_for(i, lao.kind);
            let (base, delivered): (u64, Option<u64>) = if i.count {
                let base = u64::from(!rng.chance(0.08));
                (base, (base > 0 && !rng.chance(0.03)).then(|| (rng.unit() * 5.0 * skill).round() as u64))
            } else {
                let base = if rng.chance(0.06) { 0 } else { 1 + rng.below(scale(lao.kind) * 2) };
                // Many services reach everyone in scope; the rest fall short by varying amounts.
                let share =
                    if rng.chance(0.45 * skill) { 1.0 } else { (skill + 0.3 * (rng.unit() - 0.6)).clamp(0.0, 1.0) };
                let delivered = (base as f64 * share).round() as u64;
                (base, (base > 0 && !rng.chance(0.03)).then_some(delivered))
            };
            let unit = if i.count { Unit::Count } else { Unit::Percent };
            let verdict = judge(unit, Some(base as f64), delivered.map(|d| d as f64), target);
            let d = delivered.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
            writeln!(w, "{},{},{base},{d},{}", lao.code, i.id, verdict.text_th(be))?;
            rows += 1;
        }
    }
    Ok(rows)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

fn run(args: &Args) -> Result<(), String> {
    let started = std::time::Instant::now();
    let laos = match &args.registry {
        Some(p) => from_registry(p, args.laos, args.seed)?,
        None => made_up(args.laos, args.seed),
    };
    let data = args.out.join("data");
    let marker = args.out.join(".prakat-national");
    if data.exists() && !marker.exists() {
        return Err(format!("{} exists and was not written by this generator; choose another --out", data.display()));
    }
    if data.exists() {
        fs::remove_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    }
    fs::create_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    fs::write(&marker, "written by examples/national.rs; data/ is replaced on each run\n")
        .map_err(|e| e.to_string())?;
    let io = |e: std::io::Error| e.to_string();
    fs::write(
        data.join("site.yaml"),
        "# Generated by examples/national.rs: invented results, for benchmarks and previews.\n\
         title: {th: \"ผลการประเมินมาตรฐานขั้นต่ำการจัดบริการสาธารณะขององค์กรปกครองส่วนท้องถิ่น (ข้อมูลตัวอย่าง)\", en: \"Minimum Standards Assessment of Local Public Services (sample data)\"}\n\
         base_url: \"https://example.go.th/results/\"\n\
         sample_data: true\n\
         office: {name_th: \"สำนักงานคณะกรรมการการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น (ตัวอย่าง)\", name_en: \"Office of the Decentralization to Local Government Organization Committee (example)\", phone: \"0 2000 0000\", email: \"contact@example.go.th\", website: \"https://example.go.th/\"}\n",
    )
    .map_err(io)?;
    let mut w = BufWriter::new(fs::File::create(data.join("laos.csv")).map_err(io)?);
    writeln!(w, "code,type,name_th,name_en,province_th,province_en,district_th,district_en,website").map_err(io)?;
    for l in &laos {
        let fields = [
            l.code.as_str(),
            l.kind.key(),
            &l.name_th,
            &l.name_en,
            &l.province_th,
            &l.province_en,
            &l.district_th,
            &l.district_en,
            &l.website,
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        writeln!(w, "{}", line.join(",")).map_err(io)?;
    }
    w.flush().map_err(io)?;
    let first = args.last_year + 1 - args.years.max(1);
    let mut total = 0;
    for be in first..=args.last_year {
        let dir = data.join(be.to_string());
        fs::create_dir_all(&dir).map_err(io)?;
        let inds = catalog(be, args.seed);
        fs::write(dir.join("catalog.yaml"), catalog_yaml(be, &inds)).map_err(io)?;
        let mut w = BufWriter::new(fs::File::create(dir.join("results.csv")).map_err(io)?);
        total += results_csv(be, &inds, &laos, args.seed, &mut w).map_err(io)?;
        w.flush().map_err(io)?;
    }
    let mut mix: BTreeMap<&str, usize> = BTreeMap::new();
    for l in &laos {
        *mix.entry(l.kind.key()).or_default() += 1;
    }
    eprintln!(
        "wrote {} LAOs ({}) and {total} result rows for {} years (พ.ศ. {first}-{}) to {} in {:.2} s ({})",
        laos.len(),
        mix.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", "),
        args.years.max(1),
        args.last_year,
        args.out.display(),
        started.elapsed().as_secs_f64(),
        if args.registry.is_some() { "names from the DLA registry" } else { "made-up names" },
    );
    Ok(())
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("national: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_counts_sum_to_the_sample_and_keep_the_odd_ones() {
        for n in [10, 100, 1000, 7850, 9000] {
            let c = type_counts(n);
            assert_eq!(c.values().sum::<usize>(), n, "{n}");
            assert_eq!(c[&LaoType::Bangkok], 1);
        }
        assert_eq!(type_counts(7850)[&LaoType::Sao], 5300);
        assert_eq!(type_counts(1000)[&LaoType::Pao], 10);
    }

    fn generate(dir: &Path, laos: usize, years: u16) {
        let args = Args { out: dir.to_path_buf(), laos, years, last_year: 2567, seed: 7, registry: None };
        run(&args).unwrap();
    }

    fn read_all(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
            .collect();
        files.sort();
        files
    }

    #[test]
    fn same_arguments_same_bytes_and_prakat_builds_it() {
        let tmp = std::env::temp_dir().join(format!("prakat-national-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        let (a, b) = (tmp.join("a"), tmp.join("b"));
        generate(&a, 150, 2);
        generate(&b, 150, 2);
        let files = read_all(&a);
        assert_eq!(files, read_all(&b), "the generator is deterministic");
        assert_eq!(files.len(), 7, "marker, site.yaml, laos.csv and two years of catalog and results");
        let laos = fs::read_to_string(a.join("data/laos.csv")).unwrap();
        assert_eq!(laos.lines().count(), 151);
        for t in LaoType::ALL {
            assert!(laos.contains(&format!(",{},", t.key())), "type {} present", t.key());
        }
        let catalog = fs::read_to_string(a.join("data/2567/catalog.yaml")).unwrap();
        assert_eq!(catalog.matches("  - id: ").count(), 64);

        let report = prakat::build(&prakat::Config::new(&a).with_output(tmp.join("public")), &|_, _| {})
            .unwrap_or_else(|f| {
                panic!("{:?}", f.diagnostics.sorted().iter().map(|d| d.to_string()).collect::<Vec<_>>())
            });
        assert!(report.diagnostics.is_empty(), "no warnings: verdicts agree with prakat's");
        assert_eq!(report.laos, 150);
        // Every LAO has its own page, plus one per year it has results.
        let lao_pages = walk_lao_pages(&tmp.join("public"));
        assert!(lao_pages >= 150 + 2 * 140, "{lao_pages} LAO pages");
        fs::remove_dir_all(&tmp).unwrap();
    }

    fn walk_lao_pages(public: &Path) -> usize {
        walkdir::WalkDir::new(public.join("lao"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name() == "index.html")
            .count()
    }

    #[test]
    fn made_up_names_differ() {
        assert_ne!(made_up_name(1), made_up_name(33));
        assert_eq!(made_up_name(7).0, "ดอน");
    }
}
