//! The malformed-source corpus: every `tests/bad/*.yaml` goes through the pipeline up to the
//! first stage that fails and must give exactly the diagnostics written in its leading comment
//! lines:
//!
//! ```text
//! # Error: LINE:COL: PATH: MESSAGE
//! # Hint: HINT
//! ```
//!
//! (`Warning:` for warnings; a diagnostic with no path is written `LINE:COL: MESSAGE`.)
//! The annotations are compared, in order and in full, with what `pipeline::prepare` (load and
//! resolve) returns; a source that prepares (with warnings only) is rendered to every format
//! and the render's errors, if any, follow its warnings.
//! `DORKARTA_UPDATE=1 cargo test` rewrites them from the current output (review the diff).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dorkarta::diag::{Diagnostic, Severity};
use dorkarta::pipeline::{self, Options};
use dorkarta::source;

fn bad_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/bad exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    files
}

/// The annotation lines at the top of a file (bytes decoded leniently: some files are not
/// UTF-8 on purpose, but their comments are).
fn expected(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .take_while(|line| line.starts_with('#'))
        .filter_map(|line| {
            let line = line.trim_start_matches('#').trim();
            ["Error:", "Warning:", "Hint:"]
                .iter()
                .any(|p| line.starts_with(p))
                .then(|| line.to_owned())
        })
        .collect()
}

fn rendered(diags: &[Diagnostic]) -> Vec<String> {
    let mut out = Vec::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
        };
        out.push(format!("{kind}: {d}"));
        out.extend(d.hints.iter().map(|h| format!("Hint: {h}")));
    }
    out
}

#[test]
fn corpus_is_large_enough() {
    assert!(
        bad_files().len() >= 60,
        "only {} files in tests/bad",
        bad_files().len()
    );
}

#[test]
fn every_bad_source_gives_exactly_its_annotated_diagnostics() {
    let mut failures = String::new();
    for path in bad_files() {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let want = expected(&bytes);
        let started = Instant::now();
        let got = through_pipeline(&bytes);
        // The issue's bound for any malformed input, debug build included: a hang or an
        // exponential blow-up shows here, not as a stuck CI job.
        let took = started.elapsed();
        if took > Duration::from_secs(10) {
            failures.push_str(&format!("\n== {name}\n-- took {took:?}, over 10 s\n"));
        }
        if std::env::var_os("DORKARTA_UPDATE").is_some() && want != got {
            std::fs::write(&path, with_annotations(&bytes, &got)).unwrap();
            continue;
        }
        if want.is_empty() || want != got {
            failures.push_str(&format!(
                "\n== {name}\n-- expected:\n{}\n-- got:\n{}\n",
                want.join("\n"),
                got.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "diagnostics differ:{failures}");
}

/// The diagnostics of the first stage that fails, or the warnings of a source that renders
/// (then followed by the render's own errors, if any).
fn through_pipeline(bytes: &[u8]) -> Vec<String> {
    let warned = match pipeline::prepare(bytes, None) {
        Ok(warned) => warned,
        Err(diags) => return rendered(&diags),
    };
    let opts = Options::default();
    let mut got = rendered(&warned.warnings);
    match pipeline::render(bytes, None, &opts) {
        Ok(_) if got.is_empty() => got.push("(rendered without diagnostics)".to_owned()),
        Ok(_) => {}
        Err(diags) => got.extend(rendered(&diags)),
    }
    got
}

/// The file with its annotation lines replaced by `got`, placed after the description comment
/// lines; everything after the leading comment block is kept byte for byte.
fn with_annotations(bytes: &[u8], got: &[String]) -> Vec<u8> {
    let mut description = Vec::new();
    let mut rest = bytes;
    while rest.starts_with(b"#") {
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |i| i + 1);
        let line = String::from_utf8_lossy(&rest[..end]);
        let text = line.trim_start_matches('#').trim();
        if !["Error:", "Warning:", "Hint:"]
            .iter()
            .any(|p| text.starts_with(p))
        {
            description.extend_from_slice(&rest[..end]);
        }
        rest = &rest[end..];
    }
    let mut out = description;
    for line in got {
        out.extend_from_slice(format!("# {line}\n").as_bytes());
    }
    out.extend_from_slice(rest);
    out
}

#[test]
fn zero_byte_file_is_reported_as_empty() {
    let diags = source::load(b"").unwrap_err();
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags[0].to_string(),
        "1:1: файл пуст: в нём нет ни одного поля"
    );
}

#[test]
fn utf16_file_is_named_as_such() {
    // «order:» in UTF-16 LE with its byte order mark, as Notepad's «Юникод» writes it.
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("order:".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let diags = source::load(&bytes).unwrap_err();
    assert_eq!(
        diags[0].to_string(),
        "1:1: файл сохранён в кодировке UTF-16, а нужна UTF-8"
    );
}

/// A 50 MB file must be refused from its size alone, long before parsing could start.
#[test]
fn fifty_megabyte_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let line = "- activity: мероприятие\n";
    let text = line.repeat(50_000_000 / line.len() + 1);
    std::fs::write(&path, &text).unwrap();

    let started = Instant::now();
    let err = source::read_file(&path).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "took {:?}",
        started.elapsed()
    );
    assert!(matches!(err, source::ReadError::TooLarge(_)));
    let err = err.diagnostic();
    assert!(
        err.message.starts_with("файл слишком большой: 47,7 МиБ"),
        "{}",
        err.message
    );

    // And `load` refuses the bytes too, if a caller read them by other means.
    let started = Instant::now();
    let diags = source::load(text.as_bytes()).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        diags[0].message.contains("не больше 10 МиБ"),
        "{}",
        diags[0].message
    );
}

#[test]
fn every_ok_source_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ok");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if let Err(diags) = source::load(&bytes) {
            let list: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            panic!("{} does not load:\n{}", path.display(), list.join("\n"));
        }
        checked += 1;
    }
    assert!(checked >= 4);
}

/// BOM and CRLF must not shift positions: the same error is reported at the same place.
#[test]
fn bom_and_crlf_keep_line_and_column() {
    let text = "order:\n  autority: x\n";
    let plain = source::load(text.as_bytes()).unwrap_err();
    let bom = source::load(format!("\u{FEFF}{text}").as_bytes()).unwrap_err();
    let crlf = source::load(text.replace('\n', "\r\n").as_bytes()).unwrap_err();
    assert_eq!(plain[0].pos, dorkarta::diag::Pos::new(2, 3));
    assert_eq!(bom[0].pos, plain[0].pos);
    assert_eq!(crlf[0].pos, plain[0].pos);
}

/// Damaged copies of a valid source (cut at every line, and with a YAML-significant or invalid
/// byte inserted at many places) never panic, and every diagnostic points inside the file and
/// says something.
#[test]
fn damaged_sources_never_panic_and_point_inside_the_file() {
    let good =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ok/full.yaml")).unwrap();
    let mut variants: Vec<Vec<u8>> = Vec::new();
    for (at, _) in good.iter().enumerate().filter(|(_, b)| **b == b'\n') {
        variants.push(good[..at].to_vec());
        variants.push(good[..at + 1].to_vec());
    }
    let inserts: [&[u8]; 28] = [
        b"\t",
        b":",
        b": ",
        b"- ",
        b"[",
        b"{",
        b"}",
        b"]",
        b",",
        b"\"",
        b"'",
        b"*a",
        b"&a ",
        b"& ",
        b"!",
        b"!!",
        b"%",
        b"#",
        b"|x",
        b">x",
        b"?",
        b"---",
        b"...",
        b"\0",
        b"\xFF",
        b"\n  ",
        b"\xEF\xBB\xBF",
        b"`",
    ];
    for (i, at) in (0..good.len()).step_by(13).enumerate() {
        let mut bytes = good.clone();
        bytes.splice(at..at, inserts[i % inserts.len()].iter().copied());
        variants.push(bytes);
    }
    let mut loaded = 0;
    let mut untranslated = std::collections::BTreeSet::new();
    for bytes in &variants {
        let lines = bytes.split(|&b| b == b'\n').count() as u32;
        let Err(diags) = source::load(bytes) else {
            loaded += 1;
            continue;
        };
        assert!(!diags.is_empty());
        for d in &diags {
            let shown = String::from_utf8_lossy(bytes);
            assert!(
                d.pos.line >= 1 && d.pos.line <= lines,
                "{d} outside 1..={lines}:\n{shown}"
            );
            assert!(d.pos.column >= 1, "{d}:\n{shown}");
            assert!(!d.message.is_empty());
            if d.hints.iter().any(|h| h.contains("на английском")) {
                untranslated.insert(format!("{} {:?}", d.message, d.hints));
            }
        }
    }
    assert!(
        untranslated.is_empty(),
        "untranslated errors:\n{untranslated:#?}"
    );
    // Some cuts leave a valid source (after a complete item); most variants must fail.
    assert!(
        loaded < variants.len() / 2,
        "{loaded} of {} loaded",
        variants.len()
    );
}
