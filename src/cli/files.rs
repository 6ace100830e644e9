//! What a run reads and where it writes, checked before anything is written: no output over
//! one of the run's inputs (`render plan.pdf` would replace the source with its own PDF), no
//! two documents at one path (`a/x.yaml` and `b/x.yaml` into one folder), and only regular
//! files opened (a FIFO named `*.yaml` would block the run forever).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Which file a path leads to, links followed: device and inode on Unix, so that a hard link,
/// a symbolic link or another spelling of the path is the same file; elsewhere the canonical
/// path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FileId {
    /// The file at `path`, if there is one. Only its metadata is read: nothing is opened.
    pub fn of(path: &Path) -> Option<FileId> {
        let meta = fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileId((meta.dev(), meta.ino())))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            path.canonicalize().ok().map(FileId)
        }
    }
}

/// Why `path` is not a file to read, if it is not: a FIFO, a socket or a device would block
/// the run or never end. Checked on the metadata, links followed, before the file is opened.
pub fn not_regular(path: &Path) -> Option<String> {
    let meta = fs::metadata(path).ok()?;
    (!meta.is_file() && !meta.is_dir()).then(|| {
        format!(
            "{}: это не обычный файл (канал, сокет или устройство) — \
             dorkarta читает только обычные файлы",
            path.display()
        )
    })
}

/// What an input is to the run, for the message that refuses to write over it.
#[derive(Debug, Clone, Copy)]
pub enum Input {
    Source,
    Table,
    Template,
}

/// The files a run reads, with the path each was named by and what it is.
#[derive(Debug, Default)]
pub struct Inputs(BTreeMap<FileId, (PathBuf, Input)>);

impl Inputs {
    pub fn add(&mut self, path: &Path, kind: Input) {
        if let Some(id) = FileId::of(path) {
            self.0
                .entry(id)
                .or_insert_with(|| (path.to_path_buf(), kind));
        }
    }

    /// The templates of a `--templates` folder: the `*.tera` files in it.
    pub fn add_templates(&mut self, dir: Option<&Path>) {
        let Some(entries) = dir.and_then(|d| fs::read_dir(d).ok()) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "tera") {
                self.add(&path, Input::Template);
            }
        }
    }

    /// A message if writing `output` would replace one of the inputs.
    pub fn overwritten_by(&self, output: &Path) -> Option<String> {
        let (input, kind) = self.0.get(&FileId::of(output)?)?;
        let what = match kind {
            Input::Source => "исходный файл",
            Input::Table => "таблица муниципалитетов",
            Input::Template => "шаблон",
        };
        Some(format!(
            "не записываю {}: это {what} {} — запись уничтожила бы его; \
             укажите для результатов другую папку (-o) или другое имя",
            output.display(),
            input.display()
        ))
    }

    /// Every message for the outputs that would replace an input; empty when none would.
    pub fn check<'a>(&self, outputs: impl IntoIterator<Item = &'a PathBuf>) -> Vec<String> {
        outputs
            .into_iter()
            .filter_map(|o| self.overwritten_by(o))
            .collect()
    }
}

/// Sources found below folders: `.yaml`/`.yml` files, sorted in each folder, hidden ones
/// (names starting with a dot) left out. Links are followed, but no folder is walked twice
/// (a link to a folder above would make a loop), and only regular files are taken. What was
/// passed over is in `skipped`, a warning each.
#[derive(Debug, Default)]
pub struct SourceWalk {
    pub sources: Vec<PathBuf>,
    pub skipped: Vec<String>,
    folders: BTreeMap<FileId, PathBuf>,
}

impl SourceWalk {
    /// Adds the sources below `dir`.
    pub fn walk(&mut self, dir: &Path) -> std::io::Result<()> {
        if let Some(id) = FileId::of(dir) {
            if let Some(first) = self.folders.get(&id) {
                self.skipped.push(format!(
                    "{}: пропущена — это уже пройденная папка {} (ссылка на неё или повтор)",
                    dir.display(),
                    first.display()
                ));
                return Ok(());
            }
            self.folders.insert(id, dir.to_path_buf());
        }
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for path in entries {
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                self.walk(&path)?;
            } else if super::watch::is_source(&path) {
                match not_regular(&path) {
                    Some(message) => self.skipped.push(format!("{message}; пропущен")),
                    None => self.sources.push(path),
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_over_an_input_is_found_by_any_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("plan.pdf");
        fs::write(&src, "order: …").unwrap();
        let mut inputs = Inputs::default();
        inputs.add(&src, Input::Source);
        let other = dir.path().join("sub/../plan.pdf");
        fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(inputs.overwritten_by(&other).is_some());
        assert!(
            inputs
                .overwritten_by(&dir.path().join("plan.docx"))
                .is_none()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_walk_takes_each_folder_once_and_only_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        fs::create_dir_all(src.join("sub")).unwrap();
        fs::write(src.join("sub/a.yaml"), "").unwrap();
        std::os::unix::fs::symlink("..", src.join("sub/up")).unwrap();
        std::os::unix::fs::symlink("/dev/null", src.join("null.yaml")).unwrap();
        let mut walk = SourceWalk::default();
        walk.walk(&src).unwrap();
        assert_eq!(walk.sources, [src.join("sub/a.yaml")]);
        assert_eq!(walk.skipped.len(), 2, "{:?}", walk.skipped);
        assert!(walk.skipped[0].contains("null.yaml"), "{:?}", walk.skipped);
        assert!(walk.skipped[1].contains("sub/up"), "{:?}", walk.skipped);
    }
}
