//! The Windows program (`tools/build-windows` makes it) run under Wine beside the Linux one:
//! the same documents byte for byte, Cyrillic paths with spaces, readable Russian messages, a
//! batch with a municipality table, a dropped file, `new`.
//!
//! The tests run when the .exe exists (`DORKARTA_WINDOWS_EXE`, or the place tools/build-windows
//! puts it) and Wine (`DORKARTA_WINE`, or /usr/lib/wine/wine64) and mingw (for the stand-in
//! DLL) are installed; otherwise each prints a note and passes, unless
//! `DORKARTA_REQUIRE_RELEASE_BUILDS=1` (set by .ci/run), which makes anything missing a failure.
//!
//! Wine 8 lacks `ProcessPrng` (bcryptprimitives.dll), which Rust's std imports: the tests put
//! a stand-in DLL (tests/wine/bcryptprimitives.c, built here with mingw) beside a copy of the
//! .exe, so the very file that is shipped is the one tested.

use crate::binary::text;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");
/// Far more than any run here takes (a few seconds); a run still going then is taken to be
/// waiting for a key, which a run without a window of its own must never do.
const RUN_LIMIT: Duration = Duration::from_secs(180);

struct Wine {
    wine: PathBuf,
    prefix: PathBuf,
    exe: PathBuf,
}

/// Wine with the .exe ready to run, or `None` (with a note) when something is missing.
fn wine() -> Option<&'static Wine> {
    static WINE: OnceLock<Result<Wine, String>> = OnceLock::new();
    match WINE.get_or_init(set_up) {
        Ok(wine) => Some(wine),
        Err(missing) if crate::shipped::required() => {
            panic!("DORKARTA_REQUIRE_RELEASE_BUILDS is set, but {missing}")
        }
        Err(missing) => {
            eprintln!("note: {missing}; Windows tests skipped");
            None
        }
    }
}

fn set_up() -> Result<Wine, String> {
    let exe = crate::shipped::windows_program()
        .ok_or_else(|| "dorkarta.exe is not built (bash tools/build-windows)".to_owned())?;
    let wine = std::env::var_os("DORKARTA_WINE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/lib/wine/wine64"));
    if !wine.is_file() {
        return Err(format!(
            "{} is missing (apt-get install wine64)",
            wine.display()
        ));
    }
    let root = Path::new(MANIFEST).join("target/wine-test");
    let bin = root.join("bin");
    fs::create_dir_all(&bin).map_err(|e| e.to_string())?;
    let stand_in = Command::new("x86_64-w64-mingw32-gcc")
        .args(["-shared", "-O2", "-s", "-o"])
        .arg(bin.join("bcryptprimitives.dll"))
        .arg(Path::new(MANIFEST).join("tests/wine/bcryptprimitives.c"))
        .arg("-ladvapi32")
        .output()
        .map_err(|e| {
            format!("x86_64-w64-mingw32-gcc cannot run ({e}; apt-get install gcc-mingw-w64-x86-64)")
        })?;
    assert!(
        stand_in.status.success(),
        "the stand-in DLL does not build: {}",
        String::from_utf8_lossy(&stand_in.stderr)
    );
    let copy = bin.join("dorkarta.exe");
    fs::copy(&exe, &copy).map_err(|e| e.to_string())?;
    let wine = Wine {
        wine,
        prefix: root.join("prefix"),
        exe: copy,
    };
    // A prefix of its own, made once (the first time takes some seconds).
    let boot = wine.command(Path::new(MANIFEST)).arg("wineboot").output();
    let boot = boot.map_err(|e| format!("{} cannot run: {e}", wine.wine.display()))?;
    assert!(boot.status.success(), "wineboot failed: {boot:?}");
    Ok(wine)
}

impl Wine {
    fn command(&self, dir: &Path) -> Command {
        let mut command = Command::new(&self.wine);
        command
            .current_dir(dir)
            .env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            // No offer to install Mono or Gecko, no window.
            .env("WINEDLLOVERRIDES", "mscoree=;mshtml=")
            .env_remove("DISPLAY")
            .stdin(Stdio::null());
        command
    }

    /// Runs dorkarta.exe in `dir`; fails the test if it runs longer than [`RUN_LIMIT`].
    fn run<S: AsRef<OsStr>>(&self, dir: &Path, args: &[S]) -> Output {
        let child = self
            .command(dir)
            .arg(&self.exe)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("wine runs");
        finish_in_time(child, &format!("dorkarta.exe {:?}", args_text(args)))
    }
}

fn args_text<S: AsRef<OsStr>>(args: &[S]) -> Vec<String> {
    args.iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect()
}

pub fn finish_in_time(mut child: std::process::Child, what: &str) -> Output {
    let started = Instant::now();
    // Outputs are small (a few KB), so the pipes do not fill before the process ends.
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            panic!("{what} still runs after {RUN_LIMIT:?}: waiting for a key?");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

/// The Linux program (the one this test build made) in `dir`.
fn linux<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dorkarta"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// `path` as Windows names it under Wine: the Z: drive is the Linux root.
fn windows_path(path: &Path) -> String {
    format!("Z:{}", path.display()).replace('/', "\\")
}

fn sample(name: &str) -> PathBuf {
    Path::new(MANIFEST).join("samples").join(name)
}

fn samples() -> Vec<PathBuf> {
    let mut samples: Vec<PathBuf> = fs::read_dir(Path::new(MANIFEST).join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    samples.sort();
    samples
}

/// The documents (DOCX and PDF) in `dir`, by name, sorted.
fn documents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut docs: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx" || e == "pdf"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&p).unwrap())
        })
        .collect();
    docs.sort();
    docs
}

fn assert_same_documents(windows: &Path, linux: &Path, expected: usize) {
    let (w, l) = (documents(windows), documents(linux));
    let names = |d: &[(String, Vec<u8>)]| d.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&w), names(&l));
    assert_eq!(w.len(), expected, "{:?}", names(&w));
    for ((name, a), (_, b)) in w.iter().zip(&l) {
        assert!(a == b, "{name}: the Windows and Linux documents differ");
    }
}

fn assert_ok(out: &Output, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Proves: dorkarta.exe renders every sample to the same DOCX and PDF bytes as the Linux
/// program, given Windows paths (drive letter, backslashes).
#[test]
fn windows_exe_renders_every_sample_to_the_same_bytes_as_linux() {
    let Some(wine) = wine() else { return };
    let dir = tempfile::tempdir().unwrap();
    let samples = samples();
    let mut win_args: Vec<String> = vec!["render".into()];
    win_args.extend(samples.iter().map(|s| windows_path(s)));
    win_args.extend(["-o".into(), windows_path(&dir.path().join("windows"))]);
    assert_ok(&wine.run(dir.path(), &win_args), "dorkarta.exe render");
    let mut linux_args: Vec<&OsStr> = vec![OsStr::new("render")];
    linux_args.extend(samples.iter().map(|s| s.as_os_str()));
    linux_args.extend([OsStr::new("-o"), OsStr::new("linux")]);
    assert_ok(&linux(dir.path(), &linux_args), "dorkarta render");
    assert_same_documents(
        &dir.path().join("windows"),
        &dir.path().join("linux"),
        2 * samples.len(),
    );
}

/// Proves: a source and an output folder whose names hold Cyrillic letters and spaces, given
/// as relative Windows paths, are read and written, and the message names the files.
#[test]
fn cyrillic_paths_with_spaces_work_on_windows() {
    let Some(wine) = wine() else { return };
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("Папка с картами")).unwrap();
    fs::copy(
        sample("kaluga-2021.yaml"),
        dir.path().join("Папка с картами/Карта Калуги 2021.yaml"),
    )
    .unwrap();
    let out = wine.run(
        dir.path(),
        &[
            "render",
            "Папка с картами\\Карта Калуги 2021.yaml",
            "-o",
            "Готовые документы",
        ],
    );
    assert_ok(&out, "dorkarta.exe render");
    let said = text(&out.stderr);
    assert!(
        said.contains("Папка с картами\\Карта Калуги 2021.yaml: записано")
            && said.contains("Карта Калуги 2021.docx"),
        "{said}"
    );
    let out = linux(
        dir.path(),
        &[
            "render",
            "Папка с картами/Карта Калуги 2021.yaml",
            "-o",
            "linux",
        ],
    );
    assert_ok(&out, "dorkarta render");
    assert_same_documents(
        &dir.path().join("Готовые документы"),
        &dir.path().join("linux"),
        2,
    );
}

/// Proves: what the Windows program prints is the same UTF-8 Russian text as on Linux: the
/// guide, `--help`, and a diagnostic with its quoted line (a pipe gets UTF-8 bytes; a console
/// gets the text through WriteConsoleW, std's way of writing to a Windows console).
#[test]
fn messages_and_help_are_readable_cyrillic_on_windows() {
    let Some(wine) = wine() else { return };
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("ошибка.yaml"),
        "order:\n  authority: А\n  authority_genitive: Б\n  date: 2023-02-30\n  number: \"1\"\n",
    )
    .unwrap();
    for args in [
        &[][..],
        &["--help"][..],
        &["render", "--help"][..],
        &["check", "ошибка.yaml"][..],
        &["chek"][..],
    ] {
        let (w, l) = (wine.run(dir.path(), args), linux(dir.path(), args));
        assert_eq!(w.status.code(), l.status.code(), "{args:?}");
        assert_eq!(text(&w.stdout), text(&l.stdout), "{args:?}");
        assert_eq!(text(&w.stderr), text(&l.stderr), "{args:?}");
    }
    let help = text(&wine.run(dir.path(), &["--help"]).stdout);
    assert!(help.contains("Использование: dorkarta КОМАНДА"), "{help}");
}

/// Proves: `batch` with a municipality table makes on Windows the same documents as on Linux.
#[test]
fn batch_with_a_municipality_table_matches_linux() {
    let Some(wine) = wine() else { return };
    let dir = tempfile::tempdir().unwrap();
    let region = fs::read_to_string(sample("taganrog-2023.yaml"))
        .unwrap()
        .replace(
            "Баркалова Е.В., муниципальный координатор",
            "${coordinator}, муниципальный координатор",
        );
    fs::write(dir.path().join("регион.yaml"), region).unwrap();
    fs::write(
        dir.path().join("муниципалитеты.csv"),
        "name;authority;authority_genitive;date;number;coordinator\n\
         Ершичский район;Отдел по образованию;Отдела по образованию;2023-10-30;159;Косенкова С.Н.\n\
         Демидовский район;Отдел образования;Отдела образования;2023-11-02;12;Иванова И.И.\n",
    )
    .unwrap();
    let args = |out: &str| {
        vec![
            "batch".to_owned(),
            "регион.yaml".into(),
            "--municipalities".into(),
            "муниципалитеты.csv".into(),
            "-o".into(),
            out.into(),
        ]
    };
    assert_ok(
        &wine.run(dir.path(), &args("Результаты")),
        "dorkarta.exe batch",
    );
    assert_ok(&linux(dir.path(), &args("linux")), "dorkarta batch");
    assert_same_documents(&dir.path().join("Результаты"), &dir.path().join("linux"), 4);
}

/// Proves: a panic in one document of a batch fails that document only in dorkarta.exe, which
/// cannot unwind either.
#[test]
fn windows_exe_survives_a_panicking_job() {
    let Some(wine) = wine() else { return };
    crate::shipped::assert_a_panicking_job_fails_alone(|dir, args| {
        let child = wine
            .command(dir)
            .env("DORKARTA_TEST_PANIC", "b.yaml")
            .arg(&wine.exe)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("wine runs");
        finish_in_time(child, "dorkarta.exe batch")
    });
}

/// Proves: a file dropped onto dorkarta.exe (its full path the only argument) is rendered
/// beside itself, what was written is said, and without a window of its own the program ends
/// at once instead of waiting for a key; `new` writes the starter.
#[test]
fn a_dropped_file_renders_beside_it_without_waiting_and_new_writes_the_starter() {
    let Some(wine) = wine() else { return };
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("windows")).unwrap();
    let dropped = dir.path().join("windows/Дорожная карта 2023.yaml");
    fs::copy(sample("ershichi-2023.yaml"), &dropped).unwrap();
    let out = wine.run(dir.path(), &[windows_path(&dropped)]);
    assert_ok(&out, "dorkarta.exe FILE");
    let said = text(&out.stderr);
    assert!(said.contains("Дорожная карта 2023.pdf"), "{said}");
    assert!(!said.contains("Нажмите"), "{said}");
    let out = linux(
        dir.path(),
        &[
            OsStr::new("render"),
            dropped.as_os_str(),
            OsStr::new("-o"),
            OsStr::new("linux"),
        ],
    );
    assert_ok(&out, "dorkarta render");
    assert_same_documents(&dir.path().join("windows"), &dir.path().join("linux"), 2);

    let out = wine.run(dir.path(), &["new", "Новая карта.yaml"]);
    assert_ok(&out, "dorkarta.exe new");
    assert_eq!(
        fs::read_to_string(dir.path().join("Новая карта.yaml")).unwrap(),
        dorkarta::assets::STARTER
    );
}
