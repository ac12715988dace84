//! The output guard: before anything is read or written, decide whether the folder the user named
//! may be replaced by a built site. A build replaces its output as a whole, so a wrong `--output`
//! (the site root, `~`, a folder of documents) would otherwise delete whatever was there.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::write::{self, Destination, MARKER, Swap};

/// How the user asked for the output to be treated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GuardOptions {
    /// Replace a non-empty folder that prakat did not build (`--force`).
    pub force: bool,
    /// Build inside the output folder and replace its entries one by one (`--in-place`), for an
    /// output whose parent folder the user cannot write to.
    pub in_place: bool,
}

/// Checks `output` against the site `root` and the folders the build reads, puts back what an
/// interrupted build left half-swapped, and says where and how the site will be written.
/// The error is a sentence saying what was refused and how to go on.
pub fn guard(root: &Path, inputs: &[PathBuf], output: &Path, opts: GuardOptions) -> Result<Destination, String> {
    let shown = output.to_path_buf();
    let here = |p: &Path| p.display().to_string();
    let link = fs::symlink_metadata(output).ok().filter(|m| m.file_type().is_symlink()).map(|_| shown.clone());
    if link.is_some() && fs::metadata(output).is_err() {
        let to = fs::read_link(output).map(|t| here(&t)).unwrap_or_default();
        return Err(format!(
            "the output {} is a symbolic link to {to}, which does not exist; create that folder or name another output",
            here(output)
        ));
    }
    let dir = resolve(output).map_err(|e| format!("cannot resolve the output {}: {e}", here(output)))?;
    let root_real = resolve(root).map_err(|e| format!("cannot resolve the site root {}: {e}", here(root)))?;
    let named =
        if dir == Path::new(&here(output)) { here(output) } else { format!("{} ({})", here(output), here(&dir)) };

    if dir.parent().is_none() {
        return Err(format!("refusing to write the site to {named}: that is the file system's root"));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()).and_then(|h| resolve(Path::new(&h)).ok())
        && dir == home
    {
        return Err(format!(
            "refusing to write the site to {named}: that is your home folder, and a build replaces its output as a whole; name a folder of its own, such as {}",
            here(&home.join("public"))
        ));
    }
    if dir == root_real {
        return Err(format!(
            "refusing to write the site to {named}: that is the site root, and a build replaces its output as a whole (data/, content/ and themes/ would be lost); the default output is {}",
            here(&root.join("public"))
        ));
    }
    if root_real.starts_with(&dir) {
        return Err(format!(
            "refusing to write the site to {named}: it contains the site root {}, which a build would delete with the old output; name a folder outside it, or inside the root such as {}",
            here(root),
            here(&root.join("public"))
        ));
    }
    for input in inputs {
        let Ok(real) = resolve(input) else { continue };
        if dir.starts_with(&real) || real.starts_with(&dir) {
            return Err(format!(
                "refusing to write the site to {named}: the build reads {}, and the output must be neither inside an input folder nor contain one (the site would publish itself again at every build, or delete its input)",
                here(input)
            ));
        }
    }

    // A build killed mid-swap may have left the previous site aside: put it back before
    // anything is judged, so that a build failing below still leaves a site.
    write::recover(&dir).map_err(|e| format!("cannot clean up after an interrupted build beside {named}: {e}"))?;
    let meta = fs::metadata(&dir).ok();
    if meta.as_ref().is_some_and(|m| !m.is_dir()) {
        return Err(format!("refusing to write the site to {named}: it is a file, not a folder; name a folder"));
    }
    if let Some(file) = dir.ancestors().skip(1).find(|a| fs::symlink_metadata(a).is_ok()).filter(|a| !a.is_dir()) {
        return Err(format!(
            "cannot write the site to {named}: {} is a file, so no folder can be made inside it",
            here(file)
        ));
    }
    let existed = meta.is_some();
    if existed && !opts.force && !built_by_prakat(&dir) {
        return Err(format!(
            "refusing to replace {named}: the folder has files that prakat did not write (it has no {MARKER}), and a build replaces its output as a whole; name an empty or new folder, or give --force to replace it with the site"
        ));
    }
    let swap = if opts.in_place { Swap::InPlace } else { Swap::Beside };
    if opts.in_place && !existed {
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create the output {named}: {e}"))?;
    }
    let dest = Destination { dir, shown, via_link: link, existed, swap };
    writable(&dest).map_err(|e| match (swap, e.kind()) {
        (Swap::Beside, io::ErrorKind::PermissionDenied) => format!(
            "cannot write beside the output {named}: {e}. A build writes the new site next to the output and swaps it in at once; when you may write to the output folder but not to the folder that holds it, give --in-place (the files are then replaced one by one, so visitors may briefly see a mix of old and new)"
        ),
        _ => format!("cannot write the output {named}: {e}"),
    })?;
    Ok(dest)
}

/// True when `dir` is empty, holds the marker, or is a site an earlier prakat built before
/// the marker existed (its home page names prakat as the generator).
fn built_by_prakat(dir: &Path) -> bool {
    let Ok(mut entries) = fs::read_dir(dir) else { return false };
    if entries.next().is_none() || dir.join(MARKER).is_file() {
        return true;
    }
    fs::read(dir.join("index.html"))
        .map(|page| {
            let head = &page[..page.len().min(4096)];
            memchr::memmem::find(head, b"<meta name=\"generator\" content=\"prakat ").is_some()
        })
        .unwrap_or(false)
}

/// Makes and removes a folder where the staging folder will go, so that a build that could not
/// publish says so before it reads the input.
fn writable(dest: &Destination) -> io::Result<()> {
    let probe = write::staging_path(dest);
    if let Some(parent) = probe.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::create_dir(&probe)?;
    fs::remove_dir(&probe)
}

/// An absolute path with every symbolic link and `..` resolved as far as the path exists; the
/// part that does not exist yet is joined as written.
pub fn resolve(p: &Path) -> io::Result<PathBuf> {
    let abs = std::path::absolute(p)?;
    let mut out = PathBuf::new();
    let mut exists = true;
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => out.push(c.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if exists {
                    match fs::canonicalize(&out) {
                        Ok(real) => out = real,
                        Err(_) => exists = false,
                    }
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::write::MARKER_TEXT;
    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("prakat-guard-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(d.join("site/data")).unwrap();
        d
    }

    fn check(base: &Path, output: &Path, opts: GuardOptions) -> Result<Destination, String> {
        let root = base.join("site");
        guard(&root, &[root.join("data"), root.join("content"), root.join("themes")], output, opts)
    }

    #[test]
    fn resolve_handles_dots_links_and_missing_parts() {
        let d = scratch("resolve");
        let real = fs::canonicalize(&d).unwrap();
        assert_eq!(resolve(&d.join("site/./data/../x/y")).unwrap(), real.join("site/x/y"));
        std::os::unix::fs::symlink(d.join("site/data"), d.join("link")).unwrap();
        assert_eq!(resolve(&d.join("link/new")).unwrap(), real.join("site/data/new"));
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn refuses_the_root_its_inputs_its_parents_files_and_foreign_folders() {
        let d = scratch("refuse");
        let root = d.join("site");
        let no = GuardOptions::default();
        for (out, why) in [
            (root.clone(), "that is the site root"),
            (root.join("."), "that is the site root"),
            (root.join("data"), "the build reads"),
            (root.join("data/out"), "the build reads"),
            (root.join("themes/default/static/x"), "the build reads"),
            (d.clone(), "contains the site root"),
            (PathBuf::from("/"), "file system's root"),
        ] {
            let e = check(&d, &out, no).unwrap_err();
            assert!(e.contains(why), "{}: {e}", out.display());
        }
        fs::write(d.join("file"), "x").unwrap();
        assert!(check(&d, &d.join("file"), no).unwrap_err().contains("it is a file"));
        fs::create_dir_all(d.join("docs")).unwrap();
        fs::write(d.join("docs/letter.txt"), "keep me").unwrap();
        let e = check(&d, &d.join("docs"), no).unwrap_err();
        assert!(e.contains("--force") && e.contains(MARKER), "{e}");
        assert_eq!(fs::read_to_string(d.join("docs/letter.txt")).unwrap(), "keep me");
        // --force replaces a foreign folder, but never the root or an input.
        let force = GuardOptions { force: true, ..no };
        assert!(check(&d, &d.join("docs"), force).is_ok());
        assert!(check(&d, &root, force).is_err());
        assert!(check(&d, &root.join("data"), force).is_err());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn accepts_new_empty_marked_and_earlier_prakat_folders() {
        let d = scratch("accept");
        let no = GuardOptions::default();
        assert!(!check(&d, &d.join("site/public"), no).unwrap().existed);
        fs::create_dir_all(d.join("empty")).unwrap();
        assert!(check(&d, &d.join("empty"), no).unwrap().existed);
        fs::create_dir_all(d.join("marked")).unwrap();
        fs::write(d.join("marked").join(MARKER), MARKER_TEXT).unwrap();
        fs::write(d.join("marked/index.html"), "x").unwrap();
        assert!(check(&d, &d.join("marked"), no).is_ok());
        fs::create_dir_all(d.join("older")).unwrap();
        fs::write(d.join("older/index.html"), "<!doctype html><meta name=\"generator\" content=\"prakat 0.1.0\">")
            .unwrap();
        assert!(check(&d, &d.join("older"), no).is_ok());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_linked_output_resolves_to_its_target_and_a_dangling_link_is_refused() {
        let d = scratch("link");
        fs::create_dir_all(d.join("releases/v1")).unwrap();
        std::os::unix::fs::symlink("releases/v1", d.join("current")).unwrap();
        let dest = check(&d, &d.join("current"), GuardOptions::default()).unwrap();
        assert_eq!(dest.dir, fs::canonicalize(d.join("releases/v1")).unwrap());
        assert_eq!(dest.via_link.as_deref(), Some(d.join("current").as_path()));
        std::os::unix::fs::symlink("releases/v9", d.join("broken")).unwrap();
        assert!(check(&d, &d.join("broken"), GuardOptions::default()).unwrap_err().contains("does not exist"));
        // A link that leads into an input folder is refused like the folder itself.
        std::os::unix::fs::symlink("site/data", d.join("sneaky")).unwrap();
        assert!(check(&d, &d.join("sneaky"), GuardOptions::default()).unwrap_err().contains("the build reads"));
        fs::remove_dir_all(&d).unwrap();
    }
}
