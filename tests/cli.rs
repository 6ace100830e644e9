//! The real binary: exit codes of `check` (0 valid, 1 invalid, 2 usage error), its output
//! format, and `schema`.

use crate::binary::{code, run as dorkarta, stderr, stdout};
use std::path::Path;

#[test]
fn check_valid_sources_exits_0() {
    let out = dorkarta(&["check", "tests/ok/minimal.yaml", "tests/ok/full.yaml"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "tests/ok/minimal.yaml: ошибок нет\ntests/ok/full.yaml: ошибок нет\n"
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn check_invalid_source_exits_1_with_position_path_snippet_and_hint() {
    let out = dorkarta(&["check", "tests/bad/unknown-key-item.yaml"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        "tests/bad/unknown-key-item.yaml:21:11: appendix.stages[0].items[0]: \
         неизвестное поле `respnsible`"
    );
    assert_eq!(lines[1], "  21 |           respnsible: Морозова О.Л.");
    assert_eq!(lines[2], "     |           ^");
    assert!(
        lines[3].starts_with("  подсказка: возможно, имелось в виду `responsible`"),
        "{err}"
    );
}

#[test]
fn one_invalid_file_among_valid_ones_exits_1_and_all_are_reported() {
    let out = dorkarta(&[
        "check",
        "tests/ok/minimal.yaml",
        "tests/bad/empty.yaml",
        "tests/ok/crlf.yaml",
    ]);
    assert_eq!(code(&out), 1);
    assert_eq!(
        stdout(&out),
        "tests/ok/minimal.yaml: ошибок нет\ntests/ok/crlf.yaml: ошибок нет\n"
    );
    assert!(
        stderr(&out).starts_with("tests/bad/empty.yaml:1:1: файл пуст"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_bad_source_exits_1_without_panicking() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut args = vec!["check".to_owned()];
    // A few files of the corpus are annotated with warnings only: `check` passes those.
    let mut warned_only = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        if !text.lines().any(|l| l.starts_with("# Error:")) {
            warned_only.push(format!("{}: ошибок нет", path.display()));
        }
        args.push(path.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = dorkarta(&args);
    assert_eq!(code(&out), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    let passed: Vec<String> = stdout(&out)
        .lines()
        .map(|l| l.split(", предупреждений").next().unwrap_or(l).to_string())
        .collect();
    assert_eq!(passed, warned_only, "no source with an error may pass");
}

#[test]
fn missing_file_exits_2_with_russian_message() {
    let out = dorkarta(&["check", "tests/ok/minimal.yaml", "нет-такого.yaml"]);
    assert_eq!(code(&out), 2);
    assert_eq!(stderr(&out), "нет-такого.yaml: файл не найден\n");
}

#[test]
fn usage_errors_exit_2_in_russian() {
    for (args, first_line) in [
        (
            &["check"][..],
            "dorkarta: не указано обязательное: <ФАЙЛ>...",
        ),
        (
            &["chek", "x.yaml"][..],
            "dorkarta: неизвестная команда `chek` (возможно, имелось в виду `check`)",
        ),
        (
            &["check", "--strict", "x.yaml"][..],
            "dorkarta: неизвестный параметр `--strict`",
        ),
    ] {
        let out = dorkarta(args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert_eq!(stderr(&out).lines().next(), Some(first_line), "{args:?}");
    }
}

/// Issue 25, item 9: every help is Russian through and through (none of clap's «Possible
/// values», «[default: …]», «Usage»), has an example, and lists the exit codes its command can
/// give, and only those.
#[test]
fn help_is_russian_with_an_example_and_its_own_exit_codes() {
    let english = [
        "Usage",
        "Print help",
        "Options",
        "Arguments",
        "Commands",
        "ossible values",
        "default:",
    ];
    let general = stdout(&dorkarta(&["--help"]));
    assert!(
        general.contains("Использование:") && general.contains("dorkarta render карта.yaml"),
        "{general}"
    );
    for (command, codes, not) in [
        ("check", &["0  ", "1  ", "2  ", "130  "][..], &["3  "][..]),
        ("render", &["0  ", "1  ", "2  ", "3  ", "130  "], &[]),
        ("batch", &["0  ", "1  ", "2  ", "3  ", "130  "], &[]),
        ("watch", &["2  ", "130  "], &["0  ", "1  ", "3  "]),
        ("import", &["0  ", "1  ", "2  ", "3  "], &["130  "]),
        ("schema", &["0  "], &["1  ", "2  "]),
    ] {
        let out = dorkarta(&[command, "--help"]);
        assert_eq!(code(&out), 0, "{command}");
        let help = stdout(&out);
        for word in english {
            assert!(
                !help.contains(word),
                "{command} --help says «{word}»:\n{help}"
            );
        }
        assert!(
            help.contains("Использование:") && help.contains("Пример"),
            "{command}:\n{help}"
        );
        assert!(
            help.contains(&format!("dorkarta {command} ")),
            "{command}: no example:\n{help}"
        );
        let exit = &help[help
            .find("Коды завершения:")
            .unwrap_or_else(|| panic!("{command}:\n{help}"))..];
        let listed = |code: &str| exit.lines().any(|l| l.trim_start().starts_with(code));
        for code in codes {
            assert!(listed(code), "{command}: exit code {code} missing:\n{exit}");
        }
        for code in not {
            assert!(!listed(code), "{command}: exit code {code} listed:\n{exit}");
        }
    }
}

#[test]
fn schema_prints_the_committed_schema() {
    let out = dorkarta(&["schema"]);
    assert_eq!(code(&out), 0);
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/roadmap.schema.json"),
    )
    .unwrap();
    assert_eq!(stdout(&out), committed);
}

/// The acceptance check: `dorkarta check samples/*.yaml` passes.
#[test]
fn check_passes_on_every_sample() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut samples: Vec<String> = std::fs::read_dir(dir)
        .expect("samples/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.display().to_string())
        .collect();
    samples.sort();
    assert!(!samples.is_empty());
    let mut args = vec!["check"];
    args.extend(samples.iter().map(String::as_str));
    let out = dorkarta(&args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}
