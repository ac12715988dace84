//! Issue 17: a wrong `--output` never destroys the user's files. Each case runs the real binary
//! and checks what is on disk afterwards, not only the exit status.

use std::fs;
use std::path::Path;

use crate::common::*;

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every input file of the site root with its bytes (the built output left out).
fn inputs(s: &Scratch) -> Vec<(String, Vec<u8>)> {
    tree(&s.root).into_iter().filter(|(p, _)| !p.starts_with("public")).collect()
}

#[test]
fn an_output_that_would_delete_the_input_is_refused_and_nothing_changes() {
    let s = scratch("tiny");
    let before = inputs(&s);
    let parent = s.root.parent().unwrap().to_string_lossy().into_owned();
    for (out, why) in [
        (".", "that is the site root"),
        ("./", "that is the site root"),
        ("data", "the build reads"),
        ("data/2567", "the build reads"),
        ("content/manuals/new", "the build reads"),
        ("themes/default/static/site", "the build reads"),
        ("..", "contains the site root"),
        (parent.as_str(), "contains the site root"),
        ("/", "file system's root"),
    ] {
        let o = s.run(&["build", "--output", out]);
        assert!(!o.status.success(), "--output {out} was accepted");
        let e = stderr(&o);
        assert!(e.contains(why) && e.contains("refusing"), "--output {out}: {e}");
        // --force does not open these: it is for folders of other files, not the input.
        let o = s.run(&["build", "--force", "--output", out]);
        assert!(!o.status.success(), "--force --output {out} was accepted");
        assert_eq!(inputs(&s), before, "--output {out} changed the input");
    }
    // The root named from elsewhere, as in `prakat build --root site --output site`.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_prakat"))
        .arg("build")
        .arg("--root")
        .arg(&s.root)
        .arg("--output")
        .arg(&s.root)
        .output()
        .unwrap();
    assert!(!o.status.success() && stderr(&o).contains("that is the site root"), "{}", stderr(&o));
    assert_eq!(inputs(&s), before);
}

#[test]
fn the_home_folder_is_refused() {
    let s = scratch("tiny");
    let home = s.root.join("home");
    fs::create_dir_all(&home).unwrap();
    fs::write(home.join("notes.txt"), "mine").unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_prakat"))
        .args(["build", "--force", "--output"])
        .arg(&home)
        .env("HOME", &home)
        .current_dir(&s.root)
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("that is your home folder"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(home.join("notes.txt")).unwrap(), "mine");
}

#[test]
fn a_folder_of_other_files_is_kept_unless_forced() {
    let s = scratch("tiny");
    let docs = s.root.join("Documents");
    fs::create_dir_all(docs.join("letters")).unwrap();
    fs::write(docs.join("letters/2567.txt"), "keep").unwrap();
    let o = s.run(&["build", "--output", "Documents"]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("files that prakat did not write") && e.contains("--force"), "{e}");
    assert!(e.contains("Documents was left as it was"), "{e}");
    assert_eq!(fs::read_to_string(docs.join("letters/2567.txt")).unwrap(), "keep");
    // An empty folder is fine, and so is one prakat built (it leaves its marker).
    fs::create_dir_all(s.root.join("empty")).unwrap();
    assert!(s.run(&["build", "--output", "empty"]).status.success());
    assert!(s.root.join("empty/.prakat-output").is_file());
    assert!(s.run(&["build", "--output", "empty"]).status.success(), "a second build over its own site");
    // --force replaces the foreign folder with the site.
    let o = s.run(&["build", "--force", "--output", "Documents"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(docs.join("index.html").is_file() && !docs.join("letters").exists());
}

#[test]
fn a_site_built_before_the_marker_existed_is_replaced() {
    let s = scratch("tiny");
    assert!(s.run(&["build"]).status.success());
    fs::remove_file(s.public().join(".prakat-output")).unwrap();
    let o = s.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(s.public().join(".prakat-output").is_file());
}

#[test]
fn an_output_that_is_a_file_is_refused_and_later_builds_still_work() {
    let s = scratch("tiny");
    s.write("site.html", "a page of mine");
    let o = s.run(&["build", "--force", "--output", "site.html"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("it is a file"), "{}", stderr(&o));
    assert_eq!(s.read("site.html"), "a page of mine");
    let names: Vec<String> =
        fs::read_dir(&s.root).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.starts_with(".site.html")), "nothing hidden beside it: {names:?}");
    assert!(s.run(&["build"]).status.success());
}

#[test]
fn a_linked_output_stays_a_link_and_its_target_gets_the_site() {
    let s = scratch("tiny");
    fs::create_dir_all(s.root.join("releases/v1")).unwrap();
    std::os::unix::fs::symlink("releases/v1", s.root.join("current")).unwrap();
    for _ in 0..2 {
        let o = s.run(&["build", "--output", "current"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let link = fs::symlink_metadata(s.root.join("current")).unwrap();
        assert!(link.file_type().is_symlink(), "the link was replaced by a folder");
        assert!(s.root.join("releases/v1/lao/5810401/index.html").is_file());
    }
    let left: Vec<String> = fs::read_dir(s.root.join("releases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["v1"], "no staging folder left beside the target");
}

#[test]
fn a_half_swapped_site_is_put_back_before_the_input_is_read() {
    let s = scratch("tiny");
    assert!(s.run(&["build"]).status.success());
    let before = tree(&s.public());
    // What a build killed between its two renames leaves: the old site aside, no output.
    fs::rename(s.public(), s.root.join(".public.old-4294967")).unwrap();
    // And the next build fails on its input: the previous site must be back all the same.
    s.append("data/2567/results.csv", "9999999,1.1,1,1,");
    let o = s.run(&["build"]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("public was left as it was"), "{e}");
    assert_eq!(tree(&s.public()), before);
    assert!(!s.root.join(".public.old-4294967").exists());
}

#[test]
fn a_failed_first_build_says_nothing_was_written() {
    let s = scratch("tiny");
    s.append("data/2567/results.csv", "9999999,1.1,1,1,");
    let o = s.run(&["build"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("nothing was written to"), "{}", stderr(&o));
    assert!(!s.public().exists());
}

#[test]
fn in_place_builds_replace_the_files_inside_the_output() {
    let s = scratch("tiny");
    let out = s.root.join("www");
    let o = s.run(&["build", "--in-place", "--output", "www"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = tree(&out);
    assert!(first.iter().any(|(p, _)| p == "lao/5810401/index.html"));
    // A page the new site no longer has goes; the rest is the same site as a normal build.
    fs::write(out.join("stale.html"), "old").unwrap();
    assert!(s.run(&["build", "--in-place", "--output", "www"]).status.success());
    assert_eq!(tree(&out), first);
    assert!(s.run(&["build", "--output", "swapped"]).status.success());
    assert_eq!(tree(&s.root.join("swapped")), first, "in place and swapped builds write the same site");
    assert!(fs::read_dir(&out).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().starts_with(".prakat-s")));
}

/// True when `p` names no file or folder.
fn gone(p: &Path) -> bool {
    fs::symlink_metadata(p).is_err()
}

#[test]
fn a_dangling_link_is_refused_without_creating_its_target() {
    let s = scratch("tiny");
    std::os::unix::fs::symlink("releases/v9", s.root.join("current")).unwrap();
    let o = s.run(&["build", "--output", "current"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("which does not exist"), "{}", stderr(&o));
    assert!(gone(&s.root.join("releases")));
}
