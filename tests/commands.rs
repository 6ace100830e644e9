//! `render`, `batch` and `watch` through the real binary: what a user runs.

use crate::binary::{self, Watched, run_in as dorkarta, sample, text};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

/// The words of a DOCX's main part, to check what a document says.
fn docx_text(path: &Path) -> String {
    let file = fs::File::open(path).expect("docx exists");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let body = &piece[piece.find('>').unwrap() + 1..];
        out.push_str(&body[..body.find("</w:t>").unwrap_or(0)]);
    }
    out
}

const BROKEN: &str =
    "order:\n  authority: А\n  authority_genitive: Б\n  date: 2023-02-30\n  number: \"1\"\n";

#[test]
fn render_writes_the_docx_and_a_failed_render_keeps_the_previous_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("карта.yaml");
    fs::copy(sample("taganrog-2023.yaml"), &src).unwrap();
    let out = dorkarta(
        dir.path(),
        &["render", "карта.yaml", "-o", "out", "--format", "docx"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let docx = dir.path().join("out/карта.docx");
    let good = fs::read(&docx).unwrap();
    assert!(docx_text(&docx).contains("Проектно-деятельностный этап"));

    fs::write(&src, BROKEN).unwrap();
    let out = dorkarta(
        dir.path(),
        &["render", "карта.yaml", "-o", "out", "--format", "docx"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("карта.yaml:4:9: order.date: «2023-02-30» — такой даты нет"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        fs::read(&docx).unwrap(),
        good,
        "the last good output survives"
    );
    let names: Vec<_> = fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no stray temporary file: {names:?}");
}

#[test]
fn batch_renders_the_good_sources_reports_the_bad_one_and_skips_fresh_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    fs::create_dir_all(src.join("район")).unwrap();
    fs::copy(sample("taganrog-2023.yaml"), src.join("a.yaml")).unwrap();
    fs::copy(sample("kaluga-2021.yaml"), src.join("район/b.yaml")).unwrap();
    fs::write(src.join("c.yaml"), BROKEN).unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "batch",
            "src",
            "-o",
            "out",
            "--format",
            "docx",
            "--report",
            "report.json",
        ];
        args.extend_from_slice(extra);
        dorkarta(dir.path(), &args)
    };

    let out = run(&[]);
    assert_eq!(out.status.code(), Some(1), "one source is bad");
    let summary = text(&out.stdout);
    assert!(
        summary.contains("сформировано 2, без изменений (пропущено) 0, с ошибками 1 из 3"),
        "{summary}"
    );
    assert!(
        summary.contains("Ошибки в src/c.yaml:\n  src/c.yaml:1:1: нет ни appendix, ни appendices"),
        "{summary}"
    );
    assert!(
        summary.contains("\n  src/c.yaml:4:9: order.date: «2023-02-30» — такой даты нет\n"),
        "{summary}"
    );
    assert!(dir.path().join("out/a.docx").is_file());
    assert!(
        dir.path().join("out/район/b.docx").is_file(),
        "the folder structure is kept"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report["rendered"], 2);
    assert_eq!(report["failed"][0]["source"], "src/c.yaml");

    fs::remove_file(src.join("c.yaml")).unwrap();
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("сформировано 0, без изменений (пропущено) 2"),
        "{}",
        text(&out.stdout)
    );

    let out = run(&["--force"]);
    assert!(
        text(&out.stdout).contains("сформировано 2, без изменений (пропущено) 0"),
        "{}",
        text(&out.stdout)
    );
}

/// Proves: in a batch, an output that cannot be put in place (here a folder where `b.pdf` goes)
/// fails its own source only, with the write message in the summary and the exit code 1; the
/// other source's outputs are in place, no temporary file is left, and the failed source gets
/// no freshness stamp, so the next batch renders it again.
#[test]
fn batch_reports_an_output_it_cannot_put_in_place_and_writes_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    fs::create_dir_all(&src).unwrap();
    fs::copy(sample("kaluga-2021.yaml"), src.join("a.yaml")).unwrap();
    fs::copy(sample("kaluga-2021.yaml"), src.join("b.yaml")).unwrap();
    fs::create_dir_all(dir.path().join("out/b.pdf/inner")).unwrap();
    let out = dorkarta(dir.path(), &["batch", "src", "-o", "out", "--jobs", "2"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(
        summary.contains("сформировано 1, без изменений (пропущено) 0, с ошибками 1 из 2"),
        "{summary}"
    );
    assert!(
        summary.contains("Ошибки в src/b.yaml:\n  src/b.yaml: не удалось записать out/b.pdf"),
        "{summary}"
    );
    assert!(dir.path().join("out/a.docx").is_file());
    assert!(dir.path().join("out/a.pdf").is_file());
    let mut names: Vec<_> = fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, [".dorkarta", "a.docx", "a.pdf", "b.docx", "b.pdf"]);
    assert!(dir.path().join("out/.dorkarta/a.stamp").is_file());
    assert!(!dir.path().join("out/.dorkarta/b.stamp").exists());
}

/// `dorkarta batch region.yaml --municipalities list.csv -o out --format docx`, run in `dir`,
/// with `extra` arguments.
fn batch_municipalities(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "batch",
        "region.yaml",
        "--municipalities",
        "list.csv",
        "-o",
        "out",
        "--format",
        "docx",
    ];
    args.extend_from_slice(extra);
    dorkarta(dir, &args)
}

#[test]
fn batch_makes_one_document_per_municipality_with_its_values() {
    let dir = tempfile::tempdir().unwrap();
    let region = fs::read_to_string(sample("taganrog-2023.yaml"))
        .unwrap()
        .replace(
            "Баркалова Е.В., муниципальный координатор",
            "${coordinator}, муниципальный координатор",
        );
    fs::write(dir.path().join("region.yaml"), region).unwrap();
    fs::write(
        dir.path().join("list.csv"),
        "name;authority;authority_genitive;date;number;coordinator\n\
         Ершичский район;Отдел по образованию;Отдела по образованию;2023-10-30;159;Косенкова С.Н.\n\
         ../../вне;Управление;Управления;2023-01-10;7;Иванова И.И.\n",
    )
    .unwrap();
    let out = batch_municipalities(dir.path(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let first = docx_text(&dir.path().join("out/Ершичский район.docx"));
    assert!(
        first.contains("Косенкова\u{a0}С.Н., муниципальный координатор"),
        "the coordinator is substituted"
    );
    assert!(first.contains("к приказу Отдела по образованию"));
    assert!(first.contains("от 30.10.2023 №\u{a0}159"));
    assert!(!first.contains("${"));
    // A hostile name stays inside the output folder.
    assert!(
        dir.path().join("out/_.._вне.docx").is_file(),
        "written inside out/"
    );
    assert!(!dir.path().join("вне.docx").exists());
}

#[test]
fn a_faulty_row_of_the_municipality_table_fails_only_its_own_document() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(sample("taganrog-2023.yaml"), dir.path().join("region.yaml")).unwrap();
    fs::write(
        dir.path().join("list.csv"),
        "name;date;number\n\
         Ершичский район;2023-10-30;159\n\
         Рославльский район;31.02.2023;12\n\
         ;2023-10-30;13\n\
         Демидовский район;2023-10-30;14\n\
         ;;\n",
    )
    .unwrap();
    let out = batch_municipalities(dir.path(), &["--report", "report.json"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(dir.path().join("out/Ершичский район.docx").is_file());
    assert!(dir.path().join("out/Демидовский район.docx").is_file());
    assert!(!dir.path().join("out/Рославльский район.docx").exists());
    assert!(
        stdout.contains("сформировано 2") && stdout.contains("с ошибками 2 из 4"),
        "the empty `;;` row is no municipality: {stdout}"
    );
    assert!(
        stdout.contains("list.csv:3:20: date: дата приказа «31.02.2023» — такой даты нет"),
        "the fault is told at its value in the table: {stdout}"
    );
    assert!(stdout.contains("region.yaml → строка 4"), "{stdout}");
    let report: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(
        report["failed"][0]["source"],
        "region.yaml → Рославльский район"
    );
}
#[test]
fn watch_renders_on_save_and_says_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("карта.yaml");
    let original = fs::read_to_string(sample("taganrog-2023.yaml")).unwrap();
    fs::write(&src, &original).unwrap();
    let mut watch = Watched::start(
        binary::command()
            .args(["watch", "карта.yaml", "-o", "out", "--format", "docx"])
            .current_dir(dir.path()),
    );
    let mut wait_for = |needle: &str| -> Vec<String> {
        watch.wait_for(needle, Duration::from_secs(60));
        watch.seen.clone()
    };
    wait_for("Слежу за изменениями");
    // A broken save: the message, and the watch goes on.
    fs::write(&src, BROKEN).unwrap();
    wait_for("жду следующего сохранения");
    // A new first item shifts the numbering of the ones after it.
    let edited = original.replacen(
        "        - activity: ",
        "        - activity: Новое мероприятие\n          deadline: 2023-03\n        - activity: ",
        1,
    );
    fs::write(&src, &edited).unwrap();
    let seen = wait_for("сдвинулась нумерация");
    assert!(
        seen.iter()
            .any(|l| l.contains("добавлен пункт 1. «Новое мероприятие»")),
        "{seen:#?}"
    );
    // Issue 25, item 10: a changed deadline and responsible are that item's change.
    assert!(
        edited.contains("          deadline: 16.02.2023\n          responsible: Морозова О.Л.")
    );
    let changed = edited.replacen(
        "          deadline: 16.02.2023\n          responsible: Морозова О.Л.",
        "          deadline: 20.02.2023\n          responsible: Иванова И.И.",
        1,
    );
    fs::write(&src, changed).unwrap();
    let seen = wait_for("изменён пункт");
    // Ctrl-C ends a watch: it says goodbye and exits with 130.
    let kill = Command::new("kill")
        .args(["-INT", &watch.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    watch.wait_for("Слежение остановлено", Duration::from_secs(60));
    assert_eq!(watch.exit_status(Duration::from_secs(30)).code(), Some(130));
    drop(watch);
    assert!(
        seen.iter().any(|l| l.contains(
            "изменён пункт 2. «Издание приказа Управления образования г. Таганрога от 16.02…»: \
             Сроки реализации, Ответственный исполнитель"
        )),
        "{seen:#?}"
    );
}

/// Issue 19 item 5 through the binary: a deadline from the table is checked and formatted as if
/// typed, `${ column }` with spaces works, a value holding `${name}` is not expanded again, and
/// `${…}` in a comment is no placeholder.
#[test]
fn batch_checks_and_formats_table_values_as_if_typed() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("region.yaml"),
        "# ${old} в комментарии\norder:\n  authority: А\n  authority_genitive: Б\n  \
         date: 2023-10-30\n  number: \"1\"\nappendix:\n  title: План ${name}\n  columns:\n    \
         - { key: number, title: №, width: 6 }\n    - { key: activity, title: М, width: 50 }\n    \
         - { key: deadline, title: С, width: 20 }\n    - { key: responsible, title: О, width: 24 }\n  \
         stages:\n    - title: Этап\n      items:\n        - activity: Совещание\n          \
         deadline: ${dl}\n          responsible: \"${ who }\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("list.csv"),
        "name;dl;who\nДемидовский район;31.02.2023;Петров\nКалуга;2023-10-05;Иванов ${name}\n",
    )
    .unwrap();
    let out = batch_municipalities(dir.path(), &[]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains(
            "region.yaml:18:21: appendix.stages[0].items[0].deadline: «31.02.2023» из столбца \
             `dl` (Демидовский район) — такой даты нет"
        ),
        "{stdout}"
    );
    assert!(!dir.path().join("out/Демидовский район.docx").exists());
    let kaluga = docx_text(&dir.path().join("out/Калуга.docx"));
    assert!(kaluga.contains("5 октября 2023\u{a0}г."), "{kaluga}");
    assert!(kaluga.contains("Иванов ${name}"), "{kaluga}");
    assert!(kaluga.contains("План Калуга"), "{kaluga}");
}

/// Issue 25, item 6: a Word document, a workbook, a PDF, a picture or an old binary document
/// given to `render` or `check` gets one line saying what it is and what to do (`dorkarta
/// import` for Word and Excel), never its bytes quoted as a line of text; exit 1, nothing
/// written.
#[test]
fn a_file_that_is_not_a_source_is_named_for_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::copy(
        root.join("tests/import/approved-indented.docx"),
        dir.path().join("план.docx"),
    )
    .unwrap();
    fs::copy(
        root.join("tests/import/plan.xlsx"),
        dir.path().join("план.yaml"),
    )
    .unwrap();
    fs::write(
        dir.path().join("карта.pdf"),
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("скан.yaml"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    let mut old = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    old.resize(2048, 0);
    fs::write(dir.path().join("старый.doc"), old).unwrap();
    let cases = [
        (
            "план.docx",
            "это документ Word (DOCX), а не исходник дорожной карты",
            "dorkarta import",
        ),
        (
            "план.yaml",
            "это книга Excel (XLSX), а не исходник дорожной карты",
            "dorkarta import",
        ),
        (
            "карта.pdf",
            "это документ PDF, а не исходник дорожной карты",
            "dorkarta render",
        ),
        (
            "скан.yaml",
            "это изображение (PNG), а не исходник дорожной карты",
            ".yaml",
        ),
        (
            "старый.doc",
            "документ Word старого формата (.doc)",
            "«Документ Word (.docx)»",
        ),
    ];
    for (file, message, hint) in cases {
        for command in ["render", "check"] {
            let out = dorkarta(
                dir.path(),
                &[command, file, "-o", "out"][..if command == "render" { 4 } else { 2 }],
            );
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{command} {file}: {stderr}");
            let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(file)).collect();
            assert_eq!(lines.len(), 1, "{command} {file}: {stderr}");
            assert!(lines[0].contains(message), "{command} {file}: {stderr}");
            assert!(
                stderr.contains("подсказка: ") && stderr.contains(hint),
                "{command} {file}: {stderr}"
            );
            // No quoted «line» of the file: its bytes never reach the terminal.
            assert!(
                !stderr.contains(" | ") && !stderr.contains("PK") && !stderr.contains('\u{fffd}'),
                "{command} {file}: {stderr}"
            );
        }
    }
    assert!(!dir.path().join("out").exists(), "render wrote something");
}

/// Issue 25, item 4: a municipality table kept in Excel (tests/import/municipalities.xlsx, made
/// by tools/make_import_fixtures.py) is read as its CSV would be: a date cell and a date typed
/// as text give the same documents as ISO dates in a CSV; the faulty row is named at its row
/// and column, and no byte of the workbook is quoted.
#[test]
fn a_municipality_table_in_excel_is_read_as_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(sample("taganrog-2023.yaml"), dir.path().join("region.yaml")).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::copy(
        root.join("tests/import/municipalities.xlsx"),
        dir.path().join("таблица.xlsx"),
    )
    .unwrap();
    fs::write(
        dir.path().join("list.csv"),
        "name,authority,authority_genitive,date,number\n\
         Ершичи,Отдел образования,Отдела образования,2023-09-01,15\n\
         Починок,Отдел образования,Отдела образования,2023-09-01,017\n",
    )
    .unwrap();
    let csv = batch_municipalities(dir.path(), &[]);
    assert_eq!(csv.status.code(), Some(0), "{}", text(&csv.stderr));
    let args = [
        "batch",
        "region.yaml",
        "--municipalities",
        "таблица.xlsx",
        "-o",
        "xlsx",
        "--format",
        "docx",
    ];
    let out = dorkarta(dir.path(), &args);
    // The summary, with the failures, is on standard output; progress on standard error.
    let stderr = text(&out.stdout) + &text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("таблица.xlsx:3:4: date: дата приказа «31.02.2023» — такой даты нет"),
        "{stderr}"
    );
    assert!(
        !stderr.contains(" | ") && !stderr.contains('\u{fffd}'),
        "workbook bytes quoted: {stderr}"
    );
    for name in ["Ершичи.docx", "Починок.docx"] {
        let (a, b) = (
            dir.path().join("xlsx").join(name),
            dir.path().join("out").join(name),
        );
        assert!(
            fs::read(&a).unwrap() == fs::read(&b).unwrap(),
            "{name} differs from the CSV's"
        );
    }
    assert!(!dir.path().join("xlsx/Рославль.docx").exists());
}

/// Issue 25, item 12: `render` says how many warnings a source had; with `--deny-warnings` a
/// source with any warning fails (exit 1) and its documents are not written: the last good
/// ones stay as they were.
#[test]
fn deny_warnings_stops_on_a_warning_and_keeps_the_last_good_documents() {
    let dir = tempfile::tempdir().unwrap();
    let clean = fs::read_to_string(sample("kaluga-2021.yaml")).unwrap();
    let source = dir.path().join("карта.yaml");
    fs::write(&source, &clean).unwrap();
    let out = dorkarta(dir.path(), &["render", "карта.yaml", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("предупреждений"),
        "{}",
        text(&out.stderr)
    );
    let good = fs::read(dir.path().join("карта.pdf")).unwrap();

    // A character no embedded font has is a warning (the page keeps a gap for it).
    let warned = clean.replacen("Дорожная карта", "Дорожная карта ト", 1);
    assert_ne!(warned, clean);
    fs::write(&source, &warned).unwrap();
    let out = dorkarta(dir.path(), &["render", "карта.yaml", "--deny-warnings"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("предупреждение"), "{stderr}");
    assert!(
        stderr.contains("карта.yaml: не записано; предупреждений: 1 — с --deny-warnings"),
        "{stderr}"
    );
    assert!(
        fs::read(dir.path().join("карта.pdf")).unwrap() == good,
        "the last good PDF was replaced"
    );

    let out = dorkarta(dir.path(), &["render", "карта.yaml"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("; предупреждений: 1"), "{stderr}");
    assert!(fs::read(dir.path().join("карта.pdf")).unwrap() != good);
}
