//! Misuse that would cost data, through the real binary: two sources with one output name,
//! outputs over inputs, stale outputs judged fresh, symlink loops and FIFOs in the source and
//! stamp folders, temporaries left by `kill -9`, and hostile municipality names.

use crate::binary::{Watched, command as dorkarta, minimal, said};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// The same minimal roadmap with another title: another document from another content.
fn minimal_titled(title: &str) -> Vec<u8> {
    let text = String::from_utf8(minimal()).unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("title:"))
        .expect("minimal.yaml has a title")
        .to_string();
    let indent = &line[..line.len() - line.trim_start().len()];
    text.replacen(&line, &format!("{indent}title: {title}"), 1)
        .into_bytes()
}

/// Runs the command, killing it after `limit`: a hang fails the test instead of the suite.
fn run_for(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!("still running after {limit:?}, killed:\n{}", said(&out));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

fn batch(args: &[&Path], out: &Path, extra: &[&str]) -> Output {
    run_for(
        dorkarta()
            .arg("batch")
            .args(args)
            .arg("-o")
            .arg(out)
            .args(["--format", "docx"])
            .args(extra),
        Duration::from_secs(60),
    )
}

/// Every file under `dir` (not following links), relative, sorted.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if fs::symlink_metadata(&p).unwrap().is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

fn docx_count(dir: &Path) -> usize {
    tree(dir)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .count()
}

fn set_mtime(path: &Path, time: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

// ---- Item 3: two sources, one output name ------------------------------------------------------

/// `a/x.yaml` and `b/x.yaml` into one folder, and `x.yaml` beside `x.yml`: both would write
/// `x.docx`, one document lost. Both are refused, each naming the other; the rest is made.
#[test]
fn batch_refuses_two_sources_with_one_output_name() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    fs::write(a.join("x.yaml"), minimal_titled("Первая")).unwrap();
    fs::write(b.join("x.yaml"), minimal_titled("Вторая")).unwrap();
    fs::write(a.join("other.yaml"), minimal()).unwrap();
    let out = root.path().join("out");
    let result = batch(
        &[&a.join("x.yaml"), &b.join("x.yaml"), &a.join("other.yaml")],
        &out,
        &[],
    );
    let text = said(&result);
    assert_eq!(result.status.code(), Some(1), "{text}");
    assert!(!out.join("x.docx").exists(), "{text}");
    assert!(out.join("other.docx").exists(), "{text}");
    assert!(
        text.contains("a/x.yaml") && text.contains("b/x.yaml"),
        "{text}"
    );
    assert!(text.contains("одно имя"), "{text}");

    // In one folder: x.yaml and x.yml.
    let src = root.path().join("src");
    fs::create_dir_all(&src).unwrap();
    fs::write(src.join("x.yaml"), minimal_titled("Первая")).unwrap();
    fs::write(src.join("x.yml"), minimal_titled("Вторая")).unwrap();
    let out2 = root.path().join("out2");
    let result = batch(&[&src], &out2, &[]);
    let text = said(&result);
    assert_eq!(result.status.code(), Some(1), "{text}");
    assert_eq!(docx_count(&out2), 0, "{text}");
    assert!(text.contains("x.yaml") && text.contains("x.yml"), "{text}");
}

#[test]
fn render_refuses_two_sources_with_one_output_name() {
    let root = tempfile::tempdir().unwrap();
    for (dir, title) in [("a", "Первая"), ("b", "Вторая")] {
        fs::create_dir_all(root.path().join(dir)).unwrap();
        fs::write(root.path().join(dir).join("x.yaml"), minimal_titled(title)).unwrap();
    }
    fs::write(root.path().join("other.yaml"), minimal()).unwrap();
    let out = root.path().join("out");
    let result = run_for(
        dorkarta()
            .arg("render")
            .arg(root.path().join("a/x.yaml"))
            .arg(root.path().join("b/x.yaml"))
            .arg(root.path().join("other.yaml"))
            .arg("-o")
            .arg(&out)
            .args(["--format", "docx"]),
        Duration::from_secs(60),
    );
    let text = said(&result);
    assert_eq!(result.status.code(), Some(2), "{text}");
    assert!(!out.join("x.docx").exists(), "{text}");
    assert!(out.join("other.docx").exists(), "{text}");
    assert!(
        text.contains("a/x.yaml") && text.contains("b/x.yaml"),
        "{text}"
    );
}

// ---- Item 4: freshness by content --------------------------------------------------------------

/// A source restored with an older time (`cp -p`) or saved within the same second is judged by
/// what it holds: another content is rendered again, the same content is not.
#[test]
fn batch_judges_freshness_by_content_not_time() {
    let root = tempfile::tempdir().unwrap();
    let src = root.path().join("src");
    fs::create_dir_all(&src).unwrap();
    let a = src.join("a.yaml");
    fs::write(&a, minimal_titled("Первая")).unwrap();
    let out = root.path().join("out");
    let first = batch(&[&src], &out, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", said(&first));
    assert!(said(&first).contains("сформировано 1"), "{}", said(&first));

    // Another content, with a time older than the outputs'.
    fs::write(&a, minimal_titled("Вторая, восстановленная")).unwrap();
    set_mtime(&a, SystemTime::now() - Duration::from_secs(3600));
    let second = batch(&[&src], &out, &[]);
    assert!(
        said(&second).contains("сформировано 1"),
        "a changed source was skipped:\n{}",
        said(&second)
    );

    // The same content, touched: nothing to do.
    set_mtime(&a, SystemTime::now() + Duration::from_secs(60));
    let third = batch(&[&src], &out, &[]);
    assert!(
        said(&third).contains("пропущено) 1"),
        "an unchanged source was rendered again:\n{}",
        said(&third)
    );
    // --force still renders.
    let forced = batch(&[&src], &out, &["--force"]);
    assert!(
        said(&forced).contains("сформировано 1"),
        "{}",
        said(&forced)
    );
}

// ---- Item 11: never write over an input --------------------------------------------------------

#[test]
fn render_refuses_to_write_over_its_own_source() {
    let root = tempfile::tempdir().unwrap();
    let plan = root.path().join("plan.pdf");
    fs::write(&plan, minimal()).unwrap();
    let result = run_for(
        dorkarta()
            .current_dir(root.path())
            .args(["render", "plan.pdf"]),
        Duration::from_secs(60),
    );
    let text = said(&result);
    assert_eq!(result.status.code(), Some(2), "{text}");
    assert_eq!(
        fs::read(&plan).unwrap(),
        minimal(),
        "the source was overwritten"
    );
    assert!(!root.path().join("plan.docx").exists(), "{text}");
    assert!(
        text.contains("plan.pdf") && text.contains("исходн"),
        "{text}"
    );
}

#[test]
fn batch_refuses_a_report_over_a_source() {
    let root = tempfile::tempdir().unwrap();
    let src = root.path().join("src");
    fs::create_dir_all(&src).unwrap();
    let a = src.join("a.yaml");
    fs::write(&a, minimal()).unwrap();
    let out = root.path().join("out");
    let result = batch(&[&src], &out, &["--report", a.to_str().unwrap()]);
    let text = said(&result);
    assert_eq!(result.status.code(), Some(2), "{text}");
    assert_eq!(
        fs::read(&a).unwrap(),
        minimal(),
        "the source was overwritten"
    );
    assert_eq!(docx_count(&out), 0, "nothing is written: {text}");
}

#[test]
fn batch_refuses_outputs_over_the_municipality_table() {
    let root = tempfile::tempdir().unwrap();
    let src = root.path().join("region.yaml");
    fs::write(&src, minimal()).unwrap();
    // The table is named like the PDF of one of its municipalities, inside the output folder.
    let out = root.path().join("out");
    fs::create_dir_all(&out).unwrap();
    let table = out.join("Калуга.pdf");
    let csv = b"name\n\xd0\x9a\xd0\xb0\xd0\xbb\xd1\x83\xd0\xb3\xd0\xb0\n";
    fs::write(&table, csv).unwrap();
    let result = run_for(
        dorkarta()
            .arg("batch")
            .arg(&src)
            .arg("-o")
            .arg(&out)
            .arg("--municipalities")
            .arg(&table)
            .args(["--format", "pdf"]),
        Duration::from_secs(60),
    );
    let text = said(&result);
    assert_eq!(result.status.code(), Some(2), "{text}");
    assert_eq!(fs::read(&table).unwrap(), csv, "the table was overwritten");
    assert!(text.contains("таблица муниципалитетов"), "{text}");
}

// ---- Item 12: symlink loops, FIFOs, a file where the stamps go --------------------------------

#[cfg(unix)]
#[test]
fn batch_follows_a_symlinked_folder_once() {
    let root = tempfile::tempdir().unwrap();
    let src = root.path().join("src");
    fs::create_dir_all(&src).unwrap();
    fs::write(src.join("a.yaml"), minimal()).unwrap();
    std::os::unix::fs::symlink("..", src.join("loop")).unwrap();
    std::os::unix::fs::symlink(".", src.join("self")).unwrap();
    let out = root.path().join("out");
    let result = batch(&[&src], &out, &[]);
    let text = said(&result);
    assert_eq!(result.status.code(), Some(0), "{text}");
    assert_eq!(docx_count(&out), 1, "{:?}\n{text}", tree(&out));
    assert!(text.contains("self"), "the skipped link is named: {text}");
}

#[cfg(unix)]
#[test]
fn batch_skips_a_fifo_named_like_a_source_and_does_not_hang() {
    let root = tempfile::tempdir().unwrap();
    let src = root.path().join("src");
    fs::create_dir_all(&src).unwrap();
    fs::write(src.join("a.yaml"), minimal()).unwrap();
    mkfifo(&src.join("pipe.yaml"));
    std::os::unix::fs::symlink("pipe.yaml", src.join("link.yaml")).unwrap();
    let out = root.path().join("out");
    let result = batch(&[&src], &out, &[]);
    let text = said(&result);
    assert_eq!(result.status.code(), Some(0), "{text}");
    assert_eq!(docx_count(&out), 1, "{text}");
    assert!(
        text.contains("pipe.yaml") && text.contains("link.yaml"),
        "{text}"
    );
    assert!(text.contains("не обычный файл"), "{text}");
    // Named on the command line, the FIFO is refused, not opened.
    let direct = batch(&[&src.join("pipe.yaml")], &out, &[]);
    assert_ne!(direct.status.code(), Some(0), "{}", said(&direct));
    // Nor does `render` or `check` open it.
    for command in ["render", "check"] {
        let r = run_for(
            dorkarta().arg(command).arg(src.join("link.yaml")),
            Duration::from_secs(20),
        );
        assert_eq!(r.status.code(), Some(2), "{command}: {}", said(&r));
    }
}

#[cfg(unix)]
#[test]
fn batch_does_not_hang_on_a_fifo_among_the_stamps_or_as_the_table() {
    let root = tempfile::tempdir().unwrap();
    let src = root.path().join("src");
    fs::create_dir_all(&src).unwrap();
    fs::write(src.join("a.yaml"), minimal()).unwrap();
    let out = root.path().join("out");
    assert_eq!(batch(&[&src], &out, &[]).status.code(), Some(0));
    let stamp = out.join(".dorkarta/a.stamp");
    assert!(stamp.is_file(), "{:?}", tree(&out));
    fs::remove_file(&stamp).unwrap();
    mkfifo(&stamp);
    let result = batch(&[&src], &out, &[]);
    assert_eq!(result.status.code(), Some(0), "{}", said(&result));
    assert!(
        said(&result).contains("сформировано 1"),
        "{}",
        said(&result)
    );

    let table = root.path().join("list.csv");
    mkfifo(&table);
    let result = batch(
        &[&src.join("a.yaml")],
        &out,
        &["--municipalities", table.to_str().unwrap()],
    );
    assert_eq!(result.status.code(), Some(2), "{}", said(&result));
}

#[test]
fn batch_says_when_stamps_cannot_be_kept() {
    let root = tempfile::tempdir().unwrap();
    let src = root.path().join("src");
    fs::create_dir_all(&src).unwrap();
    fs::write(src.join("a.yaml"), minimal()).unwrap();
    let out = root.path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join(".dorkarta"), "not a folder").unwrap();
    let result = batch(&[&src], &out, &[]);
    let text = said(&result);
    assert_eq!(result.status.code(), Some(0), "{text}");
    assert!(out.join("a.docx").exists(), "{text}");
    assert!(
        text.contains("предупреждение") && text.contains(".dorkarta"),
        "no word about the stamps: {text}"
    );
}

// ---- Item 13: temporaries left by kill -9 ------------------------------------------------------

/// The process id of a process that has ended.
#[cfg(target_os = "linux")]
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

/// Linux only: elsewhere whether a process runs is not asked, and only a day's age counts.
#[cfg(target_os = "linux")]
#[test]
fn a_run_removes_its_own_stale_temporaries_and_nothing_else() {
    let root = tempfile::tempdir().unwrap();
    let src = root.path().join("src");
    fs::create_dir_all(&src).unwrap();
    fs::write(src.join("a.yaml"), minimal()).unwrap();
    let out = root.path().join("out");
    let stamps = out.join(".dorkarta");
    fs::create_dir_all(&stamps).unwrap();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let dead = dead_pid();
    let stale = [
        out.join(format!(".dorkarta-{dead}-Ab12Cd.tmp")),
        stamps.join(format!(".dorkarta-{dead}-xY34zW.tmp")),
        // Left by a version that did not name the process: removed once a day old.
        out.join(".dorkarta-Qw8eRt.tmp"),
    ];
    let kept = [
        // A process that is still running (this test).
        out.join(format!(".dorkarta-{}-Zz99Yy.tmp", std::process::id())),
        // Not ours by name.
        out.join(".dorkarta-notes.txt"),
        out.join("draft.tmp"),
        out.join(format!(".dorkarta-{dead}-Ab12Cd.tmp.bak")),
        // A dead process's, but written a moment ago (a folder shared with another computer).
        out.join(format!(".dorkarta-{dead}-Fresh1.tmp")),
    ];
    for p in stale.iter().chain(&kept) {
        fs::write(p, "partial").unwrap();
        if !p.to_string_lossy().contains("Fresh1") {
            set_mtime(p, hour_ago);
        }
    }
    set_mtime(
        &stale[2],
        SystemTime::now() - Duration::from_secs(2 * 86_400),
    );
    let result = batch(&[&src], &out, &[]);
    assert_eq!(result.status.code(), Some(0), "{}", said(&result));
    for p in &stale {
        assert!(!p.exists(), "left: {}", p.display());
    }
    for p in &kept {
        assert!(p.exists(), "removed: {}", p.display());
    }
}

// ---- Item 14: municipality names ---------------------------------------------------------------

#[test]
fn a_repeated_csv_column_is_an_error_of_the_table_with_its_position() {
    let table = "name;authority;name\nКалуга;Отдел;Тула\n";
    let diags = dorkarta::region::load_table(table.as_bytes(), dorkarta::region::TableFormat::Csv)
        .unwrap_err();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        (diags[0].pos.line, diags[0].pos.column),
        (1, 16),
        "{diags:?}"
    );
    assert!(diags[0].message.contains("name"), "{}", diags[0].message);
}

#[test]
fn nfc_and_nfd_twins_and_invisible_characters_are_one_repeated_name() {
    // «й» composed, then decomposed (и + combining breve); then with a zero-width space.
    let table = "name\nЙошкар-Ола\nИ\u{306}ошкар-Ола\nЙошкар\u{200B}-Ола\n";
    let rows =
        dorkarta::region::load_table(table.as_bytes(), dorkarta::region::TableFormat::Csv).unwrap();
    assert!(rows[0].errors.is_empty(), "{:?}", rows[0].errors);
    for row in &rows[1..] {
        assert!(
            row.errors.iter().any(|d| d.message.contains("уже есть")),
            "line {}: {:?}",
            row.line,
            row.errors
        );
    }
}

/// A name with terminal escape sequences and a right-to-left override: the progress, the
/// messages and the summary show them escaped, never raw; the file name has neither.
#[test]
fn batch_never_echoes_terminal_escapes_from_names() {
    let root = tempfile::tempdir().unwrap();
    let src = root.path().join("region.yaml");
    fs::write(&src, minimal()).unwrap();
    let table = root.path().join("list.csv");
    fs::write(
        &table,
        "name\n\"\u{1b}]0;title\u{7}\u{1b}[2JКалуга\"\n\"Тула\u{202E}fdp.exe\"\nТула\u{202E}fdp.exe\n",
    )
    .unwrap();
    let out = root.path().join("out");
    let result = batch(
        &[&src],
        &out,
        &["--municipalities", table.to_str().unwrap()],
    );
    let text = said(&result);
    assert_eq!(result.status.code(), Some(1), "the repeated name: {text}");
    assert!(!text.contains('\u{1b}'), "raw ESC: {text:?}");
    assert!(!text.contains('\u{7}'), "raw BEL: {text:?}");
    assert!(!text.contains('\u{202E}'), "raw RLO: {text:?}");
    assert!(text.contains("\\x1b[2JКалуга"), "{text}");
    for p in tree(&out) {
        let name = p.to_string_lossy();
        assert!(
            !name.chars().any(|c| c.is_control() || c == '\u{202E}'),
            "{name:?}"
        );
    }
    assert_eq!(docx_count(&out), 2, "{:?}", tree(&out));
}

/// `watch plan.pdf` renders at once and at every save: it must not replace its source either.
#[test]
fn watch_refuses_to_write_over_its_own_source() {
    let root = tempfile::tempdir().unwrap();
    let plan = root.path().join("plan.pdf");
    fs::write(&plan, minimal()).unwrap();
    let mut watch = Watched::start(
        dorkarta()
            .current_dir(root.path())
            .args(["watch", "plan.pdf"]),
    );
    watch.wait_for("не записываю", Duration::from_secs(60));
    let text = watch.seen.join("\n");
    drop(watch);
    assert_eq!(
        fs::read(&plan).unwrap(),
        minimal(),
        "the source was overwritten: {text}"
    );
    assert!(!root.path().join("plan.docx").exists(), "{text}");
    assert!(text.contains("не записываю"), "{text}");
}

/// A stamp that cannot be put in place (a folder where it goes) is said, not passed over.
#[test]
fn batch_says_when_a_stamp_cannot_be_put_in_place() {
    let root = tempfile::tempdir().unwrap();
    let src = root.path().join("src");
    fs::create_dir_all(&src).unwrap();
    fs::write(src.join("a.yaml"), minimal()).unwrap();
    let out = root.path().join("out");
    fs::create_dir_all(out.join(".dorkarta/a.stamp/inner")).unwrap();
    let result = batch(&[&src], &out, &[]);
    let text = said(&result);
    assert_eq!(result.status.code(), Some(0), "{text}");
    assert!(out.join("a.docx").exists(), "{text}");
    assert!(
        text.contains("предупреждение") && text.contains("a.stamp"),
        "no word about the stamp: {text}"
    );
}

/// A source whose file name holds a terminal escape: `render` and `check` show it escaped.
#[cfg(unix)]
#[test]
fn render_and_check_never_echo_terminal_escapes_from_file_names() {
    let root = tempfile::tempdir().unwrap();
    let good = root.path().join("evil\u{1b}[2J.yaml");
    fs::write(&good, minimal()).unwrap();
    let bad = root.path().join("bad\u{1b}]0;x\u{7}.yaml");
    fs::write(&bad, "order: [\n").unwrap();
    let out = root.path().join("out");
    for args in [
        vec![
            "render".as_ref(),
            good.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
        vec!["check".as_ref(), good.as_os_str()],
        vec![
            "render".as_ref(),
            bad.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ],
    ] {
        let result = run_for(dorkarta().args(&args), Duration::from_secs(60));
        let text = said(&result);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("\\x1b"), "{text}");
    }
}
