//! Write: files go to a staging folder beside the output, which is swapped into place only
//! when everything was written. A failed or killed build leaves the previous site as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A staging folder being filled.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    target.with_file_name(format!(".{}.{tag}-{}", target_name(target), std::process::id()))
}

fn target_name(target: &Path) -> String {
    target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into())
}

/// True when process `pid` may still be running. Where /proc exists (Linux) it is asked;
/// elsewhere every other build is taken as finished.
fn alive(pid: u32) -> bool {
    pid == std::process::id() || (Path::new("/proc/self").exists() && Path::new("/proc").join(pid.to_string()).exists())
}

/// Cleans up after builds that were killed: their staging folders are removed, and when a build
/// was killed between moving the old site aside and moving the new one in, the old site is put
/// back first. Folders of builds still running are left alone.
fn recover(target: &Path) -> io::Result<()> {
    let Some(parent) = target.parent() else { return Ok(()) };
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    let name = target_name(target);
    let mut stale: Vec<(String, PathBuf)> = Vec::new();
    for entry in fs::read_dir(parent)?.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        for tag in ["staging", "old"] {
            if let Some(pid) = file.strip_prefix(&format!(".{name}.{tag}-"))
                && pid.parse::<u32>().is_ok_and(|p| !alive(p))
            {
                stale.push((tag.to_string(), entry.path()));
            }
        }
    }
    stale.sort();
    for (tag, path) in stale {
        if tag == "old" && !target.exists() {
            fs::rename(&path, target)?;
        } else {
            fs::remove_dir_all(&path)?;
        }
    }
    Ok(())
}

impl Staging {
    /// Creates an empty staging folder next to `target` (same file system, so the swap is a rename).
    pub fn new(target: &Path) -> io::Result<Staging> {
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        recover(target)?;
        let dir = sibling(target, "staging");
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        Ok(Staging { dir, target: target.to_path_buf() })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file (path relative to the site, `/`-separated). Safe to call from many threads.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(rel);
        // Most files go into a folder that already exists: try first, make the folder on demand
        // (a create_dir_all per file was two extra system calls for each of ~150,000 files).
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

    /// Puts the staged site in place of the target. The old site is moved aside first and put
    /// back if the second rename fails, so the target is never left half-written.
    pub fn commit(self) -> io::Result<()> {
        let old = sibling(&self.target, "old");
        let had_old = self.target.exists();
        if had_old {
            if old.exists() {
                fs::remove_dir_all(&old)?;
            }
            fs::rename(&self.target, &old)?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// A staging folder that was not committed is removed, leaving the target untouched.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = std::env::temp_dir().join(format!("prakat-write-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        let target = tmp.join("public");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("old.txt"), "old").unwrap();
        {
            let s = Staging::new(&target).unwrap();
            s.write("a/b.txt", b"new").unwrap();
            // dropped without commit
        }
        assert_eq!(fs::read_to_string(target.join("old.txt")).unwrap(), "old");
        let s = Staging::new(&target).unwrap();
        s.write("a/b.txt", b"new").unwrap();
        s.commit().unwrap();
        assert!(!target.join("old.txt").exists());
        assert_eq!(fs::read_to_string(target.join("a/b.txt")).unwrap(), "new");
        assert_eq!(fs::read_dir(&tmp).unwrap().count(), 1, "no staging or old folder left behind");
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn killed_builds_are_cleaned_up_and_a_half_swap_is_undone() {
        let tmp = std::env::temp_dir().join(format!("prakat-recover-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        let target = tmp.join("public");
        // pid 4294967 is above Linux's pid_max, so it cannot be running.
        let stale = tmp.join(".public.staging-4294967");
        fs::create_dir_all(stale.join("lao")).unwrap();
        fs::write(stale.join("lao/half.html"), "half").unwrap();
        // Killed between the two renames: the previous site is only in the old folder.
        let old = tmp.join(".public.old-4294967");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "previous").unwrap();
        let s = Staging::new(&target).unwrap();
        assert!(!stale.exists(), "a killed build's staging folder is removed");
        assert_eq!(fs::read_to_string(target.join("index.html")).unwrap(), "previous", "the previous site is put back");
        drop(s);
        assert_eq!(fs::read_dir(&tmp).unwrap().count(), 1);
        fs::remove_dir_all(&tmp).unwrap();
    }
}
