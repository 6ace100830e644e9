//! The first five minutes through the real binary: `dorkarta` alone prints a guide, `dorkarta
//! new` writes the starter roadmap that `check` accepts and never replaces a file unasked, and
//! a lone file argument (what Windows passes for a file dropped onto the program) is rendered
//! beside itself without waiting for a key.

use crate::binary::{run_in as dorkarta_in, text};
use std::path::Path;

/// Proves: without arguments the program explains itself in Russian (the four steps, the drop
/// onto the program) and exits 0, instead of a usage error.
#[test]
fn no_arguments_print_the_russian_guide_and_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let out = dorkarta_in(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let guide = text(&out.stdout);
    for step in [
        "С чего начать:",
        "dorkarta new карта.yaml",
        "dorkarta check карта.yaml",
        "dorkarta render карта.yaml",
        "перетащите файл .yaml на значок",
        "dorkarta --help",
    ] {
        assert!(guide.contains(step), "{step} missing:\n{guide}");
    }
    assert_eq!(text(&out.stderr), "");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Proves: `new FILE` writes exactly the starter the page's «Новый» opens, with the schema
/// line, and `check` accepts it without a warning; a path with Cyrillic letters and spaces.
#[test]
fn new_writes_the_starter_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dorkarta_in(dir.path(), &["new", "моя карта.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).starts_with("моя карта.yaml: записан образец дорожной карты"),
        "{}",
        text(&out.stderr)
    );
    let written = std::fs::read_to_string(dir.path().join("моя карта.yaml")).unwrap();
    assert_eq!(written, dorkarta::assets::STARTER);
    assert!(written.starts_with("# yaml-language-server: $schema=roadmap.schema.json\n"));
    let check = dorkarta_in(dir.path(), &["check", "моя карта.yaml"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    assert_eq!(text(&check.stdout), "моя карта.yaml: ошибок нет\n");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no stray file"
    );
}

/// Proves: without a name the starter is roadmap.yaml in the current folder, and a folder
/// named gets roadmap.yaml inside it.
#[test]
fn new_without_a_name_writes_roadmap_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let out = dorkarta_in(dir.path(), &["new"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::create_dir(dir.path().join("папка")).unwrap();
    let out = dorkarta_in(dir.path(), &["new", "папка"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for path in ["roadmap.yaml", "папка/roadmap.yaml"] {
        let written = std::fs::read_to_string(dir.path().join(path)).unwrap();
        assert_eq!(written, dorkarta::assets::STARTER, "{path}");
    }
}

/// Proves: `new` over an existing file exits 2 with a Russian hint and leaves the file as it
/// was; with `--force` it replaces it.
#[test]
fn new_never_replaces_a_file_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("карта.yaml");
    std::fs::write(&path, "моя работа\n").unwrap();
    let out = dorkarta_in(dir.path(), &["new", "карта.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("dorkarta: файл карта.yaml уже есть, он не тронут"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "моя работа\n");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no stray file"
    );
    let out = dorkarta_in(dir.path(), &["new", "карта.yaml", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        dorkarta::assets::STARTER
    );
}

/// Proves: a lone existing file as the only argument is rendered beside itself (DOCX and PDF,
/// the same bytes `render` makes), what was written is said, and the program does not wait
/// for a key when it has no window of its own; an invalid one exits 1 with its errors and
/// writes nothing.
#[test]
fn a_lone_file_argument_renders_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/kaluga-2021.yaml");
    let dropped = dir.path().join("Дорожная карта 2021.yaml");
    std::fs::copy(&sample, &dropped).unwrap();
    let out = dorkarta_in(dir.path(), &[dropped.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("записано"), "{err}");
    assert!(!err.contains("Нажмите"), "{err}");
    let rendered = tempfile::tempdir().unwrap();
    let render = dorkarta_in(
        dir.path(),
        &[
            "render",
            dropped.to_str().unwrap(),
            "-o",
            rendered.path().to_str().unwrap(),
        ],
    );
    assert_eq!(render.status.code(), Some(0), "{}", text(&render.stderr));
    for ext in ["docx", "pdf"] {
        let name = format!("Дорожная карта 2021.{ext}");
        assert_eq!(
            std::fs::read(dir.path().join(&name)).unwrap(),
            std::fs::read(rendered.path().join(&name)).unwrap(),
            "{name}"
        );
    }

    let bad = dir.path().join("плохая.yaml");
    std::fs::write(&bad, "appendix: [\n").unwrap();
    let out = dorkarta_in(dir.path(), &[bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("плохая.yaml:"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("плохая.pdf").exists());
}
