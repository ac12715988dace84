//! Write: files go to a staging folder, which is put in place of the output only when everything
//! was written. A failed or killed build leaves the previous site as it was.
//!
//! Beside the output (the default), the staged folder and the output are exchanged in one
//! `renameat2(RENAME_EXCHANGE)` where the kernel has it, else by two renames that [`recover`]
//! completes after a kill. In place (`--in-place`), the staged entries replace the output's
//! one by one.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file a build leaves in its output, so that the next build knows the folder is its own.
pub const MARKER: &str = ".prakat-output";

/// What the marker file says, for whoever finds it on a server.
pub const MARKER_TEXT: &str = "This folder is a site written by prakat. The next `prakat build` replaces all of it.\n";

/// How the new site is put in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swap {
    /// Staged beside the output, then swapped with it in one step.
    Beside,
    /// Staged inside the output, then moved in entry by entry.
    InPlace,
}

/// An output folder that passed the guard.
#[derive(Debug, Clone)]
pub struct Destination {
    /// The real folder the site is written to (a symbolic link's target, with `..` resolved).
    pub dir: PathBuf,
    /// The path as the user gave it, for messages.
    pub shown: PathBuf,
    /// The output is reached through this symbolic link, which stays a link.
    pub via_link: Option<PathBuf>,
    /// A site (or anything) was there before the build.
    pub existed: bool,
    /// How the new site goes in.
    pub swap: Swap,
}

/// Where an in-place build stages and keeps the entries it replaced, inside the output.
const IN_PLACE_STAGING: &str = ".prakat-staging";
const IN_PLACE_OLD: &str = ".prakat-old";

/// A staging folder being filled.
pub struct Staging {
    dir: PathBuf,
    dest: Destination,
}

fn name_of(target: &Path) -> String {
    target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into())
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    target.with_file_name(format!(".{}.{tag}-{}", name_of(target), std::process::id()))
}

/// The staging folder a build of this process uses for `dest`.
pub fn staging_path(dest: &Destination) -> PathBuf {
    match dest.swap {
        Swap::Beside => sibling(&dest.dir, "staging"),
        Swap::InPlace => dest.dir.join(format!("{IN_PLACE_STAGING}-{}", std::process::id())),
    }
}

/// True when process `pid` may still be running. Where /proc exists (Linux) it is asked;
/// elsewhere every other build is taken as finished.
fn alive(pid: u32) -> bool {
    pid == std::process::id() || (Path::new("/proc/self").exists() && Path::new("/proc").join(pid.to_string()).exists())
}

/// The entries of `dir` named `prefix` + the pid of a build that is no longer running.
fn stale(dir: &Path, prefix: &str) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)?.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some(pid) = file.strip_prefix(prefix)
            && pid.parse::<u32>().is_ok_and(|p| !alive(p))
        {
            found.push(entry.path());
        }
    }
    found.sort();
    Ok(found)
}

fn remove_any(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Cleans up after builds that were killed, before the next one reads its input: their staging
/// folders are removed, and a site that was moved aside but not replaced is put back. Folders
/// of builds still running are left alone.
pub fn recover(target: &Path) -> io::Result<()> {
    let name = name_of(target);
    if let Some(parent) = target.parent().filter(|p| p.is_dir()) {
        for path in stale(parent, &format!(".{name}.old-"))? {
            if target.exists() { remove_any(&path)? } else { fs::rename(&path, target)? }
        }
        for path in stale(parent, &format!(".{name}.staging-"))? {
            remove_any(&path)?;
        }
    }
    if target.is_dir() {
        // An in-place build killed while moving entries in: put back what it had taken out
        // and not yet replaced, then drop the rest.
        for old in stale(target, &format!("{IN_PLACE_OLD}-"))? {
            for entry in fs::read_dir(&old)?.filter_map(Result::ok) {
                let back = target.join(entry.file_name());
                if fs::symlink_metadata(&back).is_err() {
                    fs::rename(entry.path(), back)?;
                }
            }
            remove_any(&old)?;
        }
        for path in stale(target, &format!("{IN_PLACE_STAGING}-"))? {
            remove_any(&path)?;
        }
    }
    Ok(())
}

/// Exchanges two paths in one step. `Ok(false)` where the system or file system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) =
        (std::ffi::CString::new(a.as_os_str().as_bytes()), std::ffi::CString::new(b.as_os_str().as_bytes()))
    else {
        return Ok(false);
    };
    // SAFETY: both are NUL-terminated paths that live across the call; AT_FDCWD resolves
    // relative paths against the working folder, as std's rename does.
    let r =
        unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE as _) };
    if r == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::ENOTSUP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

impl Staging {
    /// Creates an empty staging folder for `dest` (on the same file system, so the swap is a
    /// rename) holding the marker that tells the next build the output is prakat's.
    pub fn new(dest: &Destination) -> io::Result<Staging> {
        if let Some(parent) = dest.dir.parent() {
            fs::create_dir_all(parent)?;
        }
        let dir = staging_path(dest);
        remove_any(&dir)?;
        fs::create_dir_all(&dir)?;
        let staging = Staging { dir, dest: dest.clone() };
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file (path relative to the site, `/`-separated). Safe to call from many threads.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        // Most files go into a folder that already exists: try first, make the folder on demand
        // (a create_dir_all per file was two extra system calls for each file).
        match fs::write(&path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(path, bytes)
            }
            done => done,
        }
    }

    /// Puts the staged site in place of the output.
    pub fn commit(self) -> io::Result<()> {
        match self.dest.swap {
            Swap::Beside => self.commit_beside(),
            Swap::InPlace => self.commit_in_place(),
        }
    }

    /// One exchange where the kernel has it; else the old site is moved aside first and put
    /// back if the second rename fails, so the output is never left half-written.
    fn commit_beside(&self) -> io::Result<()> {
        let target = &self.dest.dir;
        if !target.exists() {
            return fs::rename(&self.dir, target);
        }
        if exchange(&self.dir, target)? {
            // The staging path now holds the previous site; Drop removes it.
            return Ok(());
        }
        let old = sibling(target, "old");
        remove_any(&old)?;
        fs::rename(target, &old)?;
        if let Err(e) = fs::rename(&self.dir, target) {
            let _ = fs::rename(&old, target);
            return Err(e);
        }
        let _ = fs::remove_dir_all(&old);
        Ok(())
    }

    /// Moves each staged entry over the output's entry of the same name (the replaced one goes
    /// to a folder inside the output that [`recover`] empties after a kill), then removes what
    /// the new site no longer has. The marker goes in last.
    fn commit_in_place(&self) -> io::Result<()> {
        let target = &self.dest.dir;
        let old = target.join(format!("{IN_PLACE_OLD}-{}", std::process::id()));
        remove_any(&old)?;
        fs::create_dir(&old)?;
        let ours = |n: &OsString| {
            let n = n.to_string_lossy();
            n.starts_with(IN_PLACE_STAGING) || n.starts_with(IN_PLACE_OLD)
        };
        let mut names: Vec<OsString> =
            fs::read_dir(&self.dir)?.filter_map(Result::ok).map(|e| e.file_name()).filter(|n| n != MARKER).collect();
        names.sort();
        for name in &names {
            let (new, there) = (self.dir.join(name), target.join(name));
            if fs::symlink_metadata(&there).is_err() {
                fs::rename(&new, &there)?;
            } else if !exchange(&new, &there)? {
                fs::rename(&there, old.join(name))?;
                fs::rename(&new, &there)?;
            }
        }
        for entry in fs::read_dir(target)?.filter_map(Result::ok) {
            let name = entry.file_name();
            if !ours(&name) && name != MARKER && !names.contains(&name) {
                fs::rename(entry.path(), old.join(&name))?;
            }
        }
        fs::rename(self.dir.join(MARKER), target.join(MARKER))?;
        fs::remove_dir_all(&old)
    }
}

impl Drop for Staging {
    /// A staging folder that was not committed is removed, leaving the output untouched; after
    /// an exchange it holds the previous site, which goes too.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// A reader of the site being replaced, by site path: what it held before this build, if anything.
pub fn previous_output(dir: &Path) -> impl Fn(&str) -> Option<Vec<u8>> + Send + Sync + 'static {
    let dir = dir.to_path_buf();
    move |path| fs::read(dir.join(path)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(tag: &str) -> PathBuf {
        let t = std::env::temp_dir().join(format!("prakat-write-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&t);
        fs::create_dir_all(t.join("site")).unwrap();
        t
    }

    fn dest(out: &Path, in_place: bool) -> Destination {
        let swap = if in_place { Swap::InPlace } else { Swap::Beside };
        Destination { dir: out.to_path_buf(), shown: out.to_path_buf(), via_link: None, existed: out.exists(), swap }
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = tmp("commit");
        let target = tmp.join("public");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("old.txt"), "old").unwrap();
        fs::write(target.join(MARKER), MARKER_TEXT).unwrap();
        let d = dest(&target, false);
        {
            let s = Staging::new(&d).unwrap();
            s.write("a/b.txt", b"new").unwrap();
            // dropped without commit
        }
        assert_eq!(fs::read_to_string(target.join("old.txt")).unwrap(), "old");
        let s = Staging::new(&d).unwrap();
        s.write("a/b.txt", b"new").unwrap();
        s.commit().unwrap();
        assert!(!target.join("old.txt").exists());
        assert_eq!(fs::read_to_string(target.join("a/b.txt")).unwrap(), "new");
        assert_eq!(fs::read_to_string(target.join(MARKER)).unwrap(), MARKER_TEXT);
        assert_eq!(fs::read_dir(&tmp).unwrap().count(), 2, "no staging or old folder left behind");
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn in_place_replaces_entries_and_removes_what_is_gone() {
        let tmp = tmp("inplace");
        let target = tmp.join("public");
        fs::create_dir_all(target.join("gone")).unwrap();
        fs::write(target.join("gone/x.html"), "x").unwrap();
        fs::write(target.join("index.html"), "old").unwrap();
        fs::write(target.join(MARKER), MARKER_TEXT).unwrap();
        let d = dest(&target, true);
        let s = Staging::new(&d).unwrap();
        s.write("index.html", b"new").unwrap();
        s.write("lao/1/index.html", b"page").unwrap();
        s.commit().unwrap();
        let mut names: Vec<String> =
            fs::read_dir(&target).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, [MARKER, "index.html", "lao"]);
        assert_eq!(fs::read_to_string(target.join("index.html")).unwrap(), "new");
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn killed_builds_are_cleaned_up_and_a_half_swap_is_undone() {
        let tmp = tmp("recover");
        let target = tmp.join("public");
        // pid 4294967 is above Linux's pid_max, so it cannot be running.
        let stale = tmp.join(".public.staging-4294967");
        fs::create_dir_all(stale.join("lao")).unwrap();
        fs::write(stale.join("lao/half.html"), "half").unwrap();
        // Killed between the two renames: the previous site is only in the old folder.
        let old = tmp.join(".public.old-4294967");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "previous").unwrap();
        recover(&target).unwrap();
        assert!(!stale.exists(), "a killed build's staging folder is removed");
        assert_eq!(fs::read_to_string(target.join("index.html")).unwrap(), "previous", "the previous site is put back");
        // An old entry that is a file (not a folder) is put back too, not deleted as a folder.
        fs::remove_dir_all(&target).unwrap();
        fs::write(tmp.join(".public.old-4294967"), "a file").unwrap();
        recover(&target).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "a file");
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn a_killed_in_place_build_is_undone() {
        let tmp = tmp("recover-in-place");
        let target = tmp.join("public");
        fs::create_dir_all(target.join(".prakat-old-4294967")).unwrap();
        fs::create_dir_all(target.join(".prakat-staging-4294967/lao")).unwrap();
        fs::write(target.join(".prakat-old-4294967/index.html"), "previous").unwrap();
        fs::write(target.join(".prakat-old-4294967/about.html"), "replaced already").unwrap();
        fs::write(target.join("about.html"), "new").unwrap();
        recover(&target).unwrap();
        assert_eq!(fs::read_to_string(target.join("index.html")).unwrap(), "previous");
        assert_eq!(fs::read_to_string(target.join("about.html")).unwrap(), "new");
        assert_eq!(fs::read_dir(&target).unwrap().count(), 2);
        fs::remove_dir_all(&tmp).unwrap();
    }
}
