//! Golden output: key pages of the example site and of the hostile fixture, checked in under
//! tests/snapshots/, so that "output unchanged" is a test. After a change that is meant to alter
//! them, look at the diff and take the new output with
//!
//!     PRAKAT_UPDATE_SNAPSHOTS=1 cargo test snapshots
//!
//! then review `git diff tests/snapshots` before committing.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{fixture, scratch, scratch_example};

/// (snapshot name, built file, how many lines of it: all when None).
const EXAMPLE: &[(&str, &str, Option<usize>)] = &[
    ("lao-year.html", "lao/2810101/2569/index.html", None),
    ("lao.html", "lao/2810101/index.html", None),
    ("notice.html", "lao/2810101/2569/notice/index.html", None),
    ("chapter.html", "manuals/system-guide/access/index.html", None),
    ("workshop-session.html", "workshops/2569/1/index.html", None),
    ("national-results-head.csv", "data/2569/results.csv", Some(25)),
];

/// The hostile fixture's markup-laden names, as they are escaped into its pages.
const HOSTILE: &[(&str, &str, Option<usize>)] = &[
    ("lao-year.html", "lao/3200408/2567/index.html", None),
    ("national-results-head.csv", "data/2567/results.csv", Some(15)),
];

fn snapshot_dir(set: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(set)
}

/// Compares each built file with its snapshot (or writes it when asked to), and reports every
/// file that differs with its first differing line.
fn check(set: &str, public: &Path, files: &[(&str, &str, Option<usize>)]) {
    let update = std::env::var_os("PRAKAT_UPDATE_SNAPSHOTS").is_some();
    let dir = snapshot_dir(set);
    let mut differ = Vec::new();
    for (name, built, lines) in files {
        let text = fs::read_to_string(public.join(built)).unwrap_or_else(|e| panic!("{built}: {e}"));
        let text = match lines {
            Some(n) => text.split_inclusive('\n').take(*n).collect(),
            None => text,
        };
        let path = dir.join(name);
        if update {
            fs::create_dir_all(&dir).unwrap();
            fs::write(&path, &text).unwrap();
            continue;
        }
        let want = fs::read_to_string(&path).unwrap_or_default();
        if want != text {
            let at = want
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(want.lines().count().min(text.lines().count()));
            let line = |t: &str| t.lines().nth(at).unwrap_or("(end of file)").chars().take(300).collect::<String>();
            differ.push(format!(
                "{set}/{name} (from {built}) differs at line {}:\n  snapshot: {}\n  built:    {}",
                at + 1,
                line(&want),
                line(&text)
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{}\n\nIf the change is meant, update with: PRAKAT_UPDATE_SNAPSHOTS=1 cargo test snapshots",
        differ.join("\n")
    );
}

#[test]
#[cfg_attr(feature = "share-image-site", ignore = "the snapshots are of the default features")]
fn example_site_pages_match_their_snapshots() {
    let s = scratch_example();
    s.build().unwrap_or_else(|f| panic!("{}", crate::common::errors(&f)));
    check("example", &s.public(), EXAMPLE);
}

#[test]
#[cfg_attr(feature = "share-image-site", ignore = "the snapshots are of the default features")]
fn hostile_fixture_pages_match_their_snapshots() {
    let s = scratch("hostile");
    s.build().unwrap_or_else(|f| panic!("{}", crate::common::errors(&f)));
    check("hostile", &s.public(), HOSTILE);
}

#[test]
fn every_snapshot_is_checked() {
    // A snapshot file that no list names would go stale unseen.
    for (set, files) in [("example", EXAMPLE), ("hostile", HOSTILE)] {
        for entry in fs::read_dir(snapshot_dir(set)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(files.iter().any(|(n, _, _)| *n == name), "tests/snapshots/{set}/{name} is checked by no test");
        }
    }
    assert!(fixture("hostile").is_dir());
}
