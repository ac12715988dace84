//! The house rule of docs/architecture.md, read off the source: every module names only modules
//! of its own stage or of earlier stages, and no two files name each other, however indirectly.
//! References are read from `use` trees and from `crate::`/`super::`/`self::` paths in code,
//! with unit tests (`#[cfg(test)]` to the end of a file) left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The stages in pipeline order. A module may name a module of a lower rank, or its own top
/// module; never a module of the same or a higher rank.
const STAGES: &[(&str, u8)] = &[
    ("text", 0),
    ("diag", 0),
    ("model", 1),
    ("paths", 2),
    ("load", 3),
    ("content", 4),
    ("derive", 5),
    ("plan", 6),
    ("chart", 7),
    ("render", 8),
    ("output", 9),
    ("pipeline", 10),
    ("init", 11),
    ("import", 11),
    ("serve", 11),
];

fn rank(top: &str) -> Option<u8> {
    STAGES.iter().find(|(name, _)| *name == top).map(|(_, r)| *r)
}

/// A module path ("render::labels") for each file under src/, the crate root being "".
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(src).unwrap().to_string_lossy().replace('\\', "/");
            let Some(stem) = rel.strip_suffix(".rs") else { continue };
            if stem == "main" {
                continue; // the binary: a crate of its own, above everything
            }
            let module = match stem {
                "lib" => String::new(),
                s => s.strip_suffix("/mod").unwrap_or(s).replace('/', "::"),
            };
            out.insert(module, std::fs::read_to_string(&path).unwrap());
        }
    }
    out
}

/// The code of a file without its unit tests and comments.
fn code(text: &str) -> String {
    let body = match text.find("#[cfg(test)]\nmod ") {
        Some(at) => &text[..at],
        None => text,
    };
    body.lines()
        .map(|l| match l.trim_start().starts_with("//") {
            true => "",
            false => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path a `use` tree names, flattened: `a::{b, c::d}` gives `a::b` and `a::c::d`.
fn flatten(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim_end_matches("::");
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let base = join(prefix, head);
        let mut depth = 0;
        let mut start = 0;
        for (i, ch) in inner.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    flatten(&inner[start..i], &base, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        flatten(&inner[start..], &base, out);
    } else if !tree.is_empty() {
        let tree = tree.split(" as ").next().unwrap().trim();
        out.push(join(prefix, tree));
    }
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}::{b}"),
    }
}

/// The paths a file names: its `use` trees, and `crate::`, `super::` and `self::` paths in code.
fn named_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        rest = &rest[at + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest.find(';').unwrap_or(rest.len());
        let tree: String = rest[..end].split_whitespace().collect();
        flatten(&tree, "", &mut out);
    }
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(start) {
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b':') {
                continue;
            }
            let len =
                code[at..].find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(code.len() - at);
            out.push(code[at..at + len].trim_end_matches(':').to_string());
        }
    }
    out
}

/// The module a path names from inside `module` (the longest prefix that is a module), if it is
/// one of this crate's.
fn resolve(module: &str, path: &str, known: &BTreeMap<String, String>) -> Option<String> {
    let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<&str> = if module.is_empty() { vec![] } else { module.split("::").collect() };
    match segs.first().copied() {
        Some("crate") => {
            base.clear();
            segs.remove(0);
        }
        Some("self") => {
            segs.remove(0);
        }
        Some("super") => {
            while segs.first() == Some(&"super") {
                base.pop();
                segs.remove(0);
            }
        }
        Some(first) => {
            // A child module declared in this file, or (at the crate root) a top module.
            let child = join(module, first);
            if !known.contains_key(&child) {
                return None;
            }
        }
        None => return None,
    }
    let mut full: Vec<&str> = base;
    full.extend(segs);
    (0..=full.len()).rev().map(|n| full[..n].join("::")).find(|m| known.contains_key(m))
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

/// module -> the modules it names (itself left out).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let known = modules(&src);
    let mut edges = BTreeMap::new();
    for (module, text) in &known {
        let mut to = BTreeSet::new();
        for path in named_paths(&code(text)) {
            if let Some(target) = resolve(module, &path, &known)
                && &target != module
                && !target.is_empty()
            {
                to.insert(target);
            }
        }
        edges.insert(module.clone(), to);
    }
    edges
}

#[test]
fn every_module_belongs_to_a_stage() {
    let unknown: Vec<String> = graph().keys().filter(|m| !m.is_empty() && rank(top(m)).is_none()).cloned().collect();
    assert!(unknown.is_empty(), "modules with no stage in tests/architecture.rs STAGES: {unknown:?}");
}

#[test]
fn no_module_names_a_later_stage() {
    let mut wrong = Vec::new();
    for (from, tos) in graph() {
        if from.is_empty() {
            continue; // the crate root declares every module and re-exports the pipeline
        }
        for to in tos {
            if top(&from) == top(&to) {
                continue;
            }
            let (a, b) = (rank(top(&from)), rank(top(&to)));
            if a.is_none() || b.is_none() || b >= a {
                wrong.push(format!("{from} -> {to}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports that run up or across the stages:\n{}", wrong.join("\n"));
}

#[test]
fn no_import_loops() {
    let g = graph();
    // Depth-first search; a node met again while still on the path closes a loop.
    fn visit<'a>(
        n: &'a str,
        g: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
        loops: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|p| *p == n) {
            let mut ring: Vec<&str> = path[at..].to_vec();
            ring.push(n);
            loops.push(ring.join(" -> "));
            return;
        }
        if !done.insert(n) {
            return;
        }
        path.push(n);
        for m in g.get(n).into_iter().flatten() {
            visit(m, g, path, done, loops);
        }
        path.pop();
    }
    let mut loops = Vec::new();
    let mut done = BTreeSet::new();
    for n in g.keys() {
        visit(n, &g, &mut Vec::new(), &mut done, &mut loops);
    }
    assert!(loops.is_empty(), "import loops:\n{}", loops.join("\n"));
}

#[test]
fn the_reader_sees_imports() {
    // The rule is only as good as the reading: these edges exist and must be found.
    let g = graph();
    for (from, to) in [("render::context", "render::labels"), ("pipeline", "load"), ("load::results", "load::csvfile")]
    {
        assert!(g[from].contains(to), "{from} -> {to} not found; {from} names {:?}", g[from]);
    }
    let mut seen = Vec::new();
    flatten("crate::a::{b,c::{d,e as f}}", "", &mut seen);
    assert_eq!(seen, ["crate::a::b", "crate::a::c::d", "crate::a::c::e"]);
}
