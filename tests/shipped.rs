//! The shipped programs (tools/build-linux, tools/build-windows): the Linux one static (no dynamic loader, so no glibc needed) and making the same documents as
//! the test build. Each test runs when its program is built; `DORKARTA_REQUIRE_RELEASE_BUILDS=1`
//! (set by .ci/run) makes a missing program a failure instead of a note.

use std::path::{Path, PathBuf};
use std::process::Command;

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

/// Whether the shipped programs must be there (CI).
pub fn required() -> bool {
    std::env::var_os("DORKARTA_REQUIRE_RELEASE_BUILDS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The program at `var` or else at `default` (relative to the repository), or `None` with a
/// note when it is not built (a failure when required).
pub fn shipped(var: &str, default: &str, how: &str) -> Option<PathBuf> {
    let path = std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(MANIFEST).join(default));
    if path.is_file() {
        return Some(path);
    }
    let missing = format!("{} is missing ({how})", path.display());
    assert!(
        !required(),
        "DORKARTA_REQUIRE_RELEASE_BUILDS is set, but {missing}"
    );
    eprintln!("note: {missing}; test skipped");
    None
}

fn linux_program() -> Option<PathBuf> {
    shipped(
        "DORKARTA_LINUX_EXE",
        "target/linux/x86_64-unknown-linux-musl/dist/dorkarta",
        "bash tools/build-linux",
    )
}

pub fn windows_program() -> Option<PathBuf> {
    shipped(
        "DORKARTA_WINDOWS_EXE",
        "target/windows/x86_64-pc-windows-gnu/dist/dorkarta.exe",
        "bash tools/build-windows",
    )
}

/// Does the ELF file ask for a program interpreter (the dynamic loader of a libc)?
fn has_interpreter(elf: &[u8]) -> bool {
    assert_eq!(&elf[..5], b"\x7fELF\x02", "a 64-bit ELF file");
    let u16_at = |at: usize| u16::from_le_bytes([elf[at], elf[at + 1]]) as usize;
    let phoff = u64::from_le_bytes(elf[0x20..0x28].try_into().unwrap()) as usize;
    let (size, count) = (u16_at(0x36), u16_at(0x38));
    const PT_INTERP: u32 = 3;
    (0..count).any(|i| {
        let at = phoff + i * size;
        u32::from_le_bytes(elf[at..at + 4].try_into().unwrap()) == PT_INTERP
    })
}

/// Proves: the shipped Linux program is static (no dynamic loader, so it runs whatever the
/// system's glibc, Astra Linux 1.7's 2.28 included) and renders every sample to the same
/// bytes as the test build.
#[test]
fn shipped_linux_program_is_static_and_renders_the_same_documents() {
    let Some(program) = linux_program() else {
        return;
    };
    let test_build = std::fs::read(env!("CARGO_BIN_EXE_dorkarta")).unwrap();
    assert!(has_interpreter(&test_build), "the check sees a dynamic one");
    assert!(
        !has_interpreter(&std::fs::read(&program).unwrap()),
        "{} needs a dynamic loader",
        program.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let mut samples: Vec<PathBuf> = std::fs::read_dir(Path::new(MANIFEST).join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    samples.sort();
    for (exe, out) in [
        (program.as_path(), "shipped"),
        (Path::new(env!("CARGO_BIN_EXE_dorkarta")), "test"),
    ] {
        let run = Command::new(exe)
            .arg("render")
            .args(&samples)
            .arg("-o")
            .arg(dir.path().join(out))
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    for sample in &samples {
        for ext in ["docx", "pdf"] {
            let name = sample.with_extension(ext);
            let name = name.file_name().unwrap();
            let shipped = std::fs::read(dir.path().join("shipped").join(name)).unwrap();
            let test = std::fs::read(dir.path().join("test").join(name)).unwrap();
            assert!(shipped == test, "{name:?} differs");
        }
    }
}

/// The most bytes each shipped program (Linux, Windows) may have: issue 22's 8,000,000 for both,
/// and for Linux a little over its size today (7,641,616), so that a change that makes it larger
/// fails here and lowers the figure, or says in the README why it costs.
const SIZE_CEILINGS: [(&str, u64); 2] = [("Linux", 7_700_000), ("Windows", 8_000_000)];

/// Proves: the shipped programs do not grow past their recorded sizes.
#[test]
fn shipped_programs_stay_within_their_recorded_sizes() {
    for (program, (system, ceiling)) in [linux_program(), windows_program()]
        .into_iter()
        .zip(SIZE_CEILINGS)
    {
        let Some(program) = program else { continue };
        let size = std::fs::metadata(&program).unwrap().len();
        assert!(
            size <= ceiling,
            "the {system} program {} has {size} bytes, over {ceiling}",
            program.display()
        );
    }
}

/// Runs a batch of three samples, `b.yaml` made to panic (`DORKARTA_TEST_PANIC`), on one worker,
/// through `run` (given the folder and the arguments), and checks that the panic failed that
/// job only: the shipped programs are built without unwinding, where `catch_unwind` catches
/// nothing and the job's worker is parked for good and replaced (src/cli/workers.rs).
pub fn assert_a_panicking_job_fails_alone(run: impl Fn(&Path, &[&str]) -> std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    for (name, sample) in [
        ("a.yaml", "taganrog-2023.yaml"),
        ("b.yaml", "kaluga-2021.yaml"),
        ("c.yaml", "lomonosov-2020.yaml"),
    ] {
        std::fs::copy(
            Path::new(MANIFEST).join("samples").join(sample),
            dir.path().join(name),
        )
        .unwrap();
    }
    let out = run(
        dir.path(),
        &[
            "batch", "a.yaml", "b.yaml", "c.yaml", "-o", "out", "--jobs", "1",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stdout.contains("сформировано 2"), "{stdout}");
    assert!(stdout.contains("с ошибками 1 из 3"), "{stdout}");
    assert!(
        stdout.contains("Ошибки в b.yaml:\n  внутренняя ошибка dorkarta при обработке этого файла"),
        "{stdout}"
    );
    let made: Vec<String> = {
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            // The batch's stamps (`.dorkarta/`) aside.
            .filter(|name| !name.starts_with('.'))
            .collect();
        names.sort();
        names
    };
    assert_eq!(made, ["a.docx", "a.pdf", "c.docx", "c.pdf"]);
}

/// Proves: a panic in one document of a batch fails that document only in the shipped Linux
/// program, which cannot unwind.
#[test]
fn shipped_linux_program_survives_a_panicking_job() {
    let Some(program) = linux_program() else {
        return;
    };
    assert_a_panicking_job_fails_alone(|dir, args| {
        let child = Command::new(&program)
            .current_dir(dir)
            .args(args)
            .env("DORKARTA_TEST_PANIC", "b.yaml")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        crate::wine::finish_in_time(child, "the shipped program's batch")
    });
}
