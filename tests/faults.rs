//! Faults met through the real binary: an unwritable output folder, a read-only or full disk,
//! a broken template folder, Ctrl-C during a batch. In every case: a clear Russian message,
//! the previous outputs byte-identical, and no temporary file left behind.
//!
//! Tests run as root here, where permission bits do not stop writes: an unwritable folder is
//! made with a read-only or a full tmpfs (`mount`, root only) and with a file standing where
//! the output folder should be. A test that cannot set its fault up says so and checks nothing.

use crate::binary::{command as dorkarta, minimal, stderr};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const TEMP_PREFIX: &str = ".dorkarta-";

/// `render SRC -o OUT --format docx`.
fn render(src: &Path, out: &Path, extra: &[&str]) -> Output {
    dorkarta()
        .arg("render")
        .arg(src)
        .arg("-o")
        .arg(out)
        .args(["--format", "docx"])
        .args(extra)
        .output()
        .unwrap()
}

/// Every file under `dir` with its bytes, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                // (A temporary file may be renamed away between listing and reading.)
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

fn temporaries(dir: &Path) -> Vec<PathBuf> {
    snapshot(dir)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(TEMP_PREFIX))
        })
        .collect()
}

/// A tmpfs mounted on a fresh folder, unmounted on drop. `None` when mounting is not allowed.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("faults: cannot mount a tmpfs here (not root?); test skipped");
            return None;
        }
        Some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount_read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Renders once into `out` (the previous outputs), applies `fault`, renders again: the
/// second render must exit 3 with `message`, leaving the first outputs byte-identical.
fn check_write_fault(out: &Path, fault: impl FnOnce(), message: &str) {
    let work = tempfile::tempdir().unwrap();
    let src = work.path().join("roadmap.yaml");
    std::fs::write(&src, minimal()).unwrap();
    let first = render(&src, out, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(out);
    assert!(!before.is_empty());

    fault();
    // A changed source, so the second render would write different bytes.
    let changed = String::from_utf8(minimal())
        .unwrap()
        .replace("Издание приказа", "Издание нового приказа");
    std::fs::write(&src, changed).unwrap();
    let second = render(&src, out, &[]);
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(3), "{err}");
    assert!(err.contains(message), "{err}");
    assert!(err.contains("прежний файл, если был, не тронут"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(snapshot(out), before, "previous outputs changed");
    assert_eq!(temporaries(out), Vec::<PathBuf>::new());
}

/// Proves: a read-only file system (EROFS) gives exit 3 and «только для чтения», and leaves the
/// outputs already there untouched.
#[test]
fn read_only_output_folder_keeps_previous_outputs() {
    let Some(fs) = Tmpfs::mount("4m") else { return };
    let out = fs.path().to_path_buf();
    check_write_fault(
        &out,
        || assert!(fs.remount_read_only(), "remount read-only"),
        "диск доступен только для чтения",
    );
}

/// Proves: a full disk (ENOSPC while writing the temporary file) gives exit 3 and «нет места»,
/// removes the partial temporary file and keeps the previous output.
#[test]
fn full_disk_keeps_previous_outputs_and_leaves_no_temporary_file() {
    let Some(fs) = Tmpfs::mount("256k") else {
        return;
    };
    let out = fs.path().join("out");
    let filler = fs.path().join("filler");
    check_write_fault(
        &out,
        || {
            // Fill the disk up to the last byte.
            use std::io::Write;
            let mut f = std::fs::File::create(&filler).unwrap();
            let block = vec![0u8; 4096];
            while f.write_all(&block).is_ok() {}
            let _ = f.write_all(&[0u8]);
        },
        "на диске нет места",
    );
}

/// Proves: a file standing where the output folder should be gives exit 3 and a Russian
/// message; nothing is written anywhere. (Works as root too, unlike permission bits.)
#[test]
fn output_folder_that_is_a_file_is_reported() {
    let work = tempfile::tempdir().unwrap();
    let src = work.path().join("roadmap.yaml");
    std::fs::write(&src, minimal()).unwrap();
    let blocker = work.path().join("out");
    std::fs::write(&blocker, b"not a folder").unwrap();
    let result = render(&src, &blocker.join("sub"), &[]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(3), "{err}");
    assert!(err.contains("на месте папки лежит файл"), "{err}");
    assert_eq!(std::fs::read(&blocker).unwrap(), b"not a folder");
    assert_eq!(temporaries(work.path()), Vec::<PathBuf>::new());
}

/// Proves: without permission to write (as a non-root user; as root the bits are ignored and
/// this test checks nothing), the message is «нет прав».
#[test]
fn unwritable_output_folder_without_root() {
    use std::os::unix::fs::PermissionsExt;
    let out = tempfile::tempdir().unwrap();
    std::fs::set_permissions(out.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = out.path().join("probe");
    if std::fs::write(&probe, b"x").is_ok() {
        eprintln!("faults: running as root, permission bits do not stop writes; test skipped");
        let _ = std::fs::remove_file(probe);
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let src = work.path().join("roadmap.yaml");
    std::fs::write(&src, minimal()).unwrap();
    let result = render(&src, out.path(), &[]);
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(3), "{err}");
    assert!(err.contains("нет прав на запись"), "{err}");
}

/// Proves: a broken template folder (missing, a syntax error, not UTF-8, a file instead of a
/// folder) gives exit 1 or 2 with a Russian message naming the file, and no output at all.
#[test]
fn broken_template_folder_writes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let src = work.path().join("roadmap.yaml");
    std::fs::write(&src, minimal()).unwrap();
    let out = work.path().join("out");
    let first = render(&src, &out, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&out);

    let syntax = work.path().join("syntax");
    std::fs::create_dir(&syntax).unwrap();
    std::fs::write(
        syntax.join("appendix.xhtml.tera"),
        "<section>\n{% if appendix.title %}\n",
    )
    .unwrap();
    let binary = work.path().join("binary");
    std::fs::create_dir(&binary).unwrap();
    std::fs::write(binary.join("appendix.xhtml.tera"), b"\xFF\xFE\x00garbage").unwrap();
    let file = work.path().join("file.tera");
    std::fs::write(&file, "x").unwrap();
    let cases: [(PathBuf, &str); 4] = [
        (work.path().join("missing"), "папка шаблонов"),
        (syntax.clone(), "ошибка в синтаксисе шаблона"),
        (binary, "не читается как текст UTF-8"),
        (file, "не папка шаблонов"),
    ];
    for (dir, message) in cases {
        let result = render(&src, &out, &["--templates", dir.to_str().unwrap()]);
        let err = stderr(&result);
        assert!(
            matches!(result.status.code(), Some(1 | 2)),
            "{}: {err}",
            dir.display()
        );
        assert!(err.contains(message), "{}: {err}", dir.display());
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(
            snapshot(&out),
            before,
            "outputs changed by {}",
            dir.display()
        );
    }
    // The syntax error names its file and line.
    let result = render(&src, &out, &["--templates", syntax.to_str().unwrap()]);
    assert!(
        stderr(&result).contains("appendix.xhtml.tera:"),
        "{}",
        stderr(&result)
    );
    assert_eq!(temporaries(&out), Vec::<PathBuf>::new());
}

/// Proves: a template that loops for ever is stopped at the time limit with a Russian message
/// and exit 1, and writes no document.
#[test]
fn endless_template_writes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let src = work.path().join("roadmap.yaml");
    std::fs::write(&src, minimal()).unwrap();
    let templates = work.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("appendix.xhtml.tera"),
        "<section>{% for i in range(end=100000) %}{% for j in range(end=100000) %}\
         {% for k in range(end=100000) %}{% endfor %}{% endfor %}{% endfor %}</section>",
    )
    .unwrap();
    let out = work.path().join("out");
    let started = Instant::now();
    let result = render(&src, &out, &["--templates", templates.to_str().unwrap()]);
    let err = stderr(&result);
    assert!(started.elapsed() < Duration::from_secs(9), "{err}");
    assert_eq!(result.status.code(), Some(1), "{err}");
    assert!(err.contains("был остановлен"), "{err}");
    assert!(snapshot(&out).is_empty(), "an output was written");
}

/// Whether `bytes` is a complete DOCX: a zip whose document part parses as XML.
fn complete_docx(bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    let mut xml = String::new();
    let Ok(mut part) = zip.by_name("word/document.xml") else {
        return false;
    };
    part.read_to_string(&mut xml).is_ok() && roxmltree::Document::parse(&xml).is_ok()
}

/// Proves: Ctrl-C (SIGINT) during a batch exits 130 after the running jobs finish; every
/// output written is a complete file, the outputs of an earlier batch are byte-identical or
/// replaced by complete new ones, and no temporary file is left.
#[test]
fn ctrl_c_during_a_batch_leaves_complete_files_only() {
    interrupt_batch(1);
}

/// Proves: a second Ctrl-C quits at once (exit 130) and still leaves no temporary file: the
/// writes in progress are abandoned and their temporary files removed.
#[test]
fn second_ctrl_c_quits_at_once_and_leaves_no_temporary_file() {
    interrupt_batch(2);
}

fn interrupt_batch(signals: usize) {
    let work = tempfile::tempdir().unwrap();
    let sources = work.path().join("sources");
    std::fs::create_dir(&sources).unwrap();
    let sample =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/taganrog-2023.yaml"))
            .unwrap();
    let count = 300;
    for i in 0..count {
        std::fs::write(sources.join(format!("r{i:03}.yaml")), &sample).unwrap();
    }
    let out = work.path().join("out");
    // Earlier outputs of the first ten sources, to be kept or replaced whole.
    let early = tempfile::tempdir().unwrap();
    for i in 0..10 {
        std::fs::write(early.path().join(format!("r{i:03}.yaml")), &sample).unwrap();
    }
    let first = dorkarta()
        .arg("batch")
        .arg(early.path())
        .arg("-o")
        .arg(&out)
        .args(["--format", "docx"])
        .output()
        .unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    let earlier = snapshot(&out);

    let child = dorkarta()
        .arg("batch")
        .arg(&sources)
        .arg("-o")
        .arg(&out)
        .args(["--format", "docx", "--force", "-j", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the batch is under way (a new output appears), then interrupt it.
    let started = Instant::now();
    let docx_count = || {
        snapshot(&out)
            .iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "docx"))
            .count()
    };
    while docx_count() < earlier.len() + 5 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    for k in 0..signals {
        if k > 0 {
            std::thread::sleep(Duration::from_millis(30));
        }
        let kill = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
    }
    let result = child.wait_with_output().unwrap();
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(130), "{err}");
    assert!(err.contains("Останавливаюсь"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let after = snapshot(&out);
    let docs: Vec<_> = after
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    assert!(
        docs.len() < count,
        "the batch finished before the interrupt: {} documents",
        docs.len()
    );
    for (path, bytes) in &docs {
        assert!(complete_docx(bytes), "incomplete {}", path.display());
    }
    for (path, bytes) in &earlier {
        let now = after.iter().find(|(p, _)| p == path).map(|(_, b)| b);
        // Same source, same bytes: an earlier document is identical whether redone or not.
        let is_docx = path.extension().is_some_and(|e| e == "docx");
        assert!(
            now.is_some() && (!is_docx || now == Some(bytes)),
            "earlier output {} lost or changed",
            path.display()
        );
    }
    assert_eq!(temporaries(&out), Vec::<PathBuf>::new());
}
