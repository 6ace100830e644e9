//! Writing outputs atomically: every output is written to a temporary file in its own folder
//! and renamed into place, so a failed or interrupted render leaves the previous output
//! byte-identical and no stray file behind. Names come from `dorkarta::naming`.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

/// Prefix of the temporary files, so a stray one (after a power cut) is recognisable. The
/// full name is `.dorkarta-<process id>-<6 random letters or digits>.tmp`; see
/// [`remove_stale_temporaries`].
pub const TEMP_PREFIX: &str = ".dorkarta-";
const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file of a process that no longer runs is removed once it is this old. A write
/// puts its file in place within seconds; the margin is for a folder shared with another
/// computer, where the process id may name a process that runs there, not here (were its file
/// removed anyway, that run would report the write as failed, its previous output intact).
const STALE_OF_DEAD_PROCESS: Duration = Duration::from_secs(2 * 60);
/// Any temporary file of ours is removed at this age, whatever its process (on systems where
/// we cannot tell whether it runs, and for names without a process id from older versions).
const STALE_ANYWAY: Duration = Duration::from_secs(24 * 60 * 60);

/// The temporary files being written right now, so that quitting at once (a second Ctrl-C)
/// can remove them. Files are created while holding the lock, and [`abandon_and_exit`] exits
/// holding it: no temporary file can appear unregistered or after the clean-up.
struct InFlight {
    closing: bool,
    paths: BTreeSet<PathBuf>,
}

static IN_FLIGHT: Mutex<InFlight> = Mutex::new(InFlight {
    closing: false,
    paths: BTreeSet::new(),
});

fn in_flight() -> MutexGuard<'static, InFlight> {
    IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner())
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
/// On any error the temporary file is removed and `path` is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(path, bytes)?.commit()
}

/// Like [`write_atomic`], but never replaces a file that is there: then it fails with
/// [`io::ErrorKind::AlreadyExists`] and the file is untouched (even one that appeared while
/// this one was being written: the rename itself refuses to replace).
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(path, bytes)?.put_in_place(true, false)
}

/// An output written in full to a temporary file beside its place, not yet in place: [`commit`]
/// makes it durable and renames it; dropping it removes the temporary file and leaves the
/// previous output as it was.
///
/// [`commit`]: Staged::commit
#[derive(Debug)]
pub struct Staged {
    /// Taken by `commit`; dropped with the value otherwise.
    tmp: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

/// The first half of [`write_atomic`]: `bytes` in a temporary file in `path`'s folder.
pub fn stage(path: &Path, bytes: &[u8]) -> io::Result<Staged> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    sweep_once(dir);
    let mut builder = tempfile::Builder::new();
    // Temporary files are private (0600) by default; a document is an ordinary file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let tmp = {
        let mut registry = in_flight();
        if registry.closing {
            return Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted"));
        }
        let tmp = builder
            .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
            .suffix(TEMP_SUFFIX)
            .rand_bytes(6)
            .tempfile_in(dir)?;
        registry.paths.insert(tmp.path().to_path_buf());
        tmp
    };
    let mut staged = Staged {
        tmp: Some(tmp),
        path: path.to_path_buf(),
    };
    if let Some(tmp) = staged.tmp.as_mut() {
        // On error `staged` is dropped, and the temporary file with it.
        tmp.write_all(bytes)?;
    }
    Ok(staged)
}

impl Staged {
    /// Where the output goes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes the data to the disk, then renames the file into place: after a power cut the
    /// output is either the previous one or this one, whole.
    pub fn commit(self) -> io::Result<()> {
        self.put_in_place(true, true)
    }

    /// Renames the file into place without flushing it first: for outputs whose data
    /// [`sync_all`] has already put on the disk.
    pub fn commit_synced(self) -> io::Result<()> {
        self.put_in_place(false, true)
    }

    fn put_in_place(mut self, flush: bool, replace: bool) -> io::Result<()> {
        let Some(tmp) = self.tmp.take() else {
            return Ok(());
        };
        let tmp_path = tmp.path().to_path_buf();
        let flushed = match flush {
            true => tmp.as_file().sync_data(),
            false => Ok(()),
        };
        let result = flushed.and_then(|()| {
            match replace {
                true => tmp.persist(&self.path),
                false => tmp.persist_noclobber(&self.path),
            }
            .map(drop)
            .map_err(|e| e.error)
        });
        in_flight().paths.remove(&tmp_path);
        result
    }
}

/// Puts the data of all the staged outputs on the disk at once. On Linux that is one
/// `syncfs` per filesystem they are on: one journal commit for a whole group, where a flush
/// of each file costs one each (three a document; measured over 400 sources, flushing each
/// file took 7.5 % of a batch's time). Elsewhere each file is flushed.
pub fn sync_all(staged: &[&Staged]) -> io::Result<()> {
    let files = staged
        .iter()
        .filter_map(|s| s.tmp.as_ref())
        .map(|t| t.as_file());
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let mut synced = BTreeSet::new();
        for file in files {
            if synced.insert(file.metadata()?.dev()) {
                rustix::fs::syncfs(file)?;
            }
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    files.map(fs::File::sync_data).collect()
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let tmp_path = tmp.path().to_path_buf();
            drop(tmp); // removes the file
            in_flight().paths.remove(&tmp_path);
        }
    }
}

/// Removes the stale temporaries in `dir` the first time this process writes there.
fn sweep_once(dir: &Path) {
    static SWEPT: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
    let first = SWEPT
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(dir.to_path_buf());
    if first {
        remove_stale_temporaries(dir, SystemTime::now());
    }
}

/// Removes the temporary files a killed dorkarta (`kill -9`, a power cut) left in `dir`:
/// only regular files named exactly as [`stage`] names them, and only those whose process no
/// longer runs (told by `/proc` on Linux) and that are [`STALE_OF_DEAD_PROCESS`] old, or that
/// are [`STALE_ANYWAY`] old. Anything else, this process's own files and those of a run going
/// on at the same time included, is left alone. Best effort: a file that cannot be removed
/// stays.
pub fn remove_stale_temporaries(dir: &Path, now: SystemTime) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(owner) = name.to_str().and_then(temporary_owner) else {
            continue;
        };
        // Not followed: a link or a folder with our name is not ours.
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let age = meta
            .modified()
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .unwrap_or_default();
        let stale = match owner {
            Some(pid) if pid == std::process::id() => false,
            Some(pid) => age >= STALE_ANYWAY || (age >= STALE_OF_DEAD_PROCESS && !running(pid)),
            None => age >= STALE_ANYWAY,
        };
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// `Some(Some(pid))` for a name [`stage`] gives, `Some(None)` for the name older versions
/// gave (`.dorkarta-<6 random>.tmp`), `None` for any other name.
fn temporary_owner(name: &str) -> Option<Option<u32>> {
    let middle = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let random = |s: &str| s.len() == 6 && s.bytes().all(|b| b.is_ascii_alphanumeric());
    match middle.split_once('-') {
        Some((pid, rest)) if random(rest) && pid.bytes().all(|b| b.is_ascii_digit()) => {
            pid.parse().ok().map(Some)
        }
        None if random(middle) => Some(None),
        _ => None,
    }
}

/// Does process `pid` run? Only Linux is asked (`/proc`); elsewhere it is taken to run, and
/// its files are left until [`STALE_ANYWAY`].
fn running(pid: u32) -> bool {
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = pid;
        true
    }
}

/// Removes every temporary file being written and ends the process with `code`: quitting at
/// once leaves the outputs as they were before, and nothing else.
pub fn abandon_and_exit(code: i32) -> ! {
    let mut registry = in_flight();
    registry.closing = true;
    for path in std::mem::take(&mut registry.paths) {
        let _ = fs::remove_file(path);
    }
    // Exit holding the lock, so no writer creates a new temporary file in between.
    std::process::exit(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/x.docx");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("x.docx")]);
    }

    #[test]
    fn write_new_never_replaces_a_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.yaml");
        write_new(&path, b"one").unwrap();
        let err = write_new(&path, b"two").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn outputs_flushed_together_stay_aside_until_each_is_committed() {
        let dir = tempfile::tempdir().unwrap();
        let paths = [dir.path().join("a/x.docx"), dir.path().join("b/x.pdf")];
        let staged: Vec<Staged> = paths.iter().map(|p| stage(p, b"new").unwrap()).collect();
        sync_all(&staged.iter().collect::<Vec<_>>()).unwrap();
        assert!(paths.iter().all(|p| !p.exists()));
        for s in staged {
            s.commit_synced().unwrap();
        }
        for p in &paths {
            assert_eq!(fs::read(p).unwrap(), b"new");
            assert_eq!(fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
        }
    }

    #[test]
    fn only_our_temporary_names_are_recognised() {
        assert_eq!(temporary_owner(".dorkarta-123-aB3dE9.tmp"), Some(Some(123)));
        assert_eq!(temporary_owner(".dorkarta-aB3dE9.tmp"), Some(None));
        for other in [
            ".dorkarta-notes.tmp",
            ".dorkarta-123-aB3dE9.tmp.bak",
            ".dorkarta-12x-aB3dE9.tmp",
            ".dorkarta-123-aB3d.tmp",
            "dorkarta-123-aB3dE9.tmp",
            ".dorkarta",
            "x.tmp",
        ] {
            assert_eq!(temporary_owner(other), None, "{other}");
        }
    }

    #[test]
    fn stage_names_its_temporary_with_this_process() {
        let dir = tempfile::tempdir().unwrap();
        let staged = stage(&dir.path().join("x.pdf"), b"pdf").unwrap();
        let name = fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap();
        let name = name.file_name().into_string().unwrap();
        assert_eq!(
            temporary_owner(&name),
            Some(Some(std::process::id())),
            "{name}"
        );
        drop(staged);
    }

    #[test]
    fn write_atomic_failure_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pdf");
        write_atomic(&path, b"good").unwrap();
        // A folder in the way of the rename makes it fail after the temporary file is written.
        let blocked = dir.path().join("blocked");
        fs::create_dir_all(blocked.join("inner")).unwrap();
        assert!(write_atomic(&blocked, b"bad").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"good");
        let stray = fs::read_dir(dir.path()).unwrap().filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(TEMP_PREFIX)
        });
        assert_eq!(stray.count(), 0);
    }
}
