//! `dorkarta import`: the samples come back from their own DOCX (and from LibreOffice's
//! re-save of it) as sources that render to the same text; files that cannot be imported
//! get a Russian message, exit code 1 and no output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use dorkarta::pipeline::{self, Options};

use super::samples::SAMPLES;
use crate::binary::run as dorkarta;
use crate::tools;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn render(source: &[u8], what: &str) -> (Vec<u8>, Vec<u8>) {
    let rendered = pipeline::render(source, None, &Options::default())
        .unwrap_or_else(|d| panic!("{what}: {d:#?}"));
    (rendered.docx.unwrap(), rendered.pdf.unwrap())
}

fn import(name: &str, bytes: &[u8]) -> String {
    let imported = dorkarta::import::import(name, bytes, false)
        .unwrap_or_else(|d| panic!("{name}: import failed: {d:#?}"));
    imported.source
}

/// The text of a DOCX as the fidelity tool reads it: the runs' text, a line per paragraph.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut out = String::new();
    for node in doc.descendants() {
        match node.tag_name().name() {
            "t" => out.push_str(node.text().unwrap_or("")),
            "tab" | "br" if node.parent().is_some_and(|p| p.tag_name().name() == "r") => {
                out.push('\t')
            }
            "p" => out.push('\n'),
            _ => {}
        }
    }
    out
}

fn pdf_text(pdf: &[u8], dir: &Path, name: &str) -> Option<String> {
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).unwrap();
    let out = tools::run(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", path.to_str().unwrap(), "-"],
    )?;
    Some(String::from_utf8(out.stdout).unwrap())
}

fn store(name: &str) -> PathBuf {
    let dir = root().join("tests/store/import").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Render → import → render: the same DOCX text and the same PDF text, for every sample; what
/// the DOCX's styles make bold is seen so.
#[test]
fn every_sample_round_trips_through_import() {
    let dir = store("round-trip");
    let pdftotext = tools::have("pdftotext");
    for (name, _) in SAMPLES {
        let source = std::fs::read(root().join("samples").join(format!("{name}.yaml"))).unwrap();
        let (docx, pdf) = render(&source, name);
        let imported = import(&format!("{name}.docx"), &docx);
        assert!(
            imported.starts_with("# yaml-language-server: $schema="),
            "{name}: no schema line"
        );
        // The labels «Цель:», «Задачи:» are bold through their character style.
        assert!(
            !imported.contains("не выделено полужирным"),
            "{name}: a label's bold was not seen:\n{imported}"
        );
        let (docx2, pdf2) = render(imported.as_bytes(), &format!("{name} imported"));
        assert_eq!(
            docx_text(&docx),
            docx_text(&docx2),
            "{name}: DOCX text differs"
        );
        if pdftotext {
            let a = pdf_text(&pdf, &dir, name).unwrap();
            let b = pdf_text(&pdf2, &dir, &format!("{name}-again")).unwrap();
            assert_eq!(a, b, "{name}: PDF text differs");
        }
    }
}

/// Issue 23, items 3 and 7: a Word table whose stage rows carry Roman numbers («I», «II») and
/// whose numbers have no dot is read back as that numbering, items numbered through all stages;
/// an unnumbered row across the table between numbered stages is a heading row, whatever its
/// emphasis; a stage or heading row set otherwise than the format's default keeps its `style`.
#[test]
fn roman_stage_rows_numbers_without_dots_and_row_emphasis_are_read() {
    let source = std::fs::read(root().join("samples/sosnovka-2025.yaml")).unwrap();
    let (docx, _) = render(&source, "sosnovka-2025");
    let imported = import("sosnovka-2025.docx", &docx);
    assert!(
        imported.contains("numbering: { items: continuous, stages: roman, dot: false }"),
        "{imported}"
    );
    let roadmap = load(&imported).appendix.unwrap();
    let stages: Vec<(&str, String)> = roadmap
        .stages
        .iter()
        .map(|s| (s.value.title.as_str(), format!("{:?}", s.value.style)))
        .collect();
    assert_eq!(
        stages,
        [
            (
                "Нормативно-правовое и организационное обеспечение",
                "None".to_string()
            ),
            (
                "Методическое сопровождение наставников и молодых педагогов",
                "Some(Italic)".into()
            ),
            (
                "Мотивация наставников и подведение итогов",
                "Some(Normal)".into()
            ),
            ("Информационное сопровождение", "None".into()),
        ]
    );
    let headings: Vec<String> = roadmap
        .stages
        .iter()
        .flat_map(|s| &s.value.items)
        .filter_map(|i| {
            let heading = i.value.heading.as_deref()?;
            let first_word = heading.split(' ').next().unwrap_or_default();
            Some(format!("{first_word} {:?}", i.value.style))
        })
        .collect();
    assert_eq!(headings, ["Мероприятия None", "Примечание: Some(Normal)"]);
}

/// The same after LibreOffice re-saves each DOCX, which rewrites its XML its own way.
#[test]
fn every_sample_round_trips_after_libreoffice_resaves_it() {
    if !tools::have("soffice") {
        return;
    }
    let dir = store("libreoffice");
    let originals = dir.join("original");
    std::fs::create_dir_all(&originals).unwrap();
    let mut files = Vec::new();
    let mut texts = Vec::new();
    for (name, _) in SAMPLES {
        let source = std::fs::read(root().join("samples").join(format!("{name}.yaml"))).unwrap();
        let (docx, _) = render(&source, name);
        let path = originals.join(format!("{name}.docx"));
        std::fs::write(&path, &docx).unwrap();
        texts.push(docx_text(&docx));
        files.push(path);
    }
    let profile = tempfile::tempdir().unwrap();
    let resaved = dir.join("resaved");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(&resaved)
        .args(&files)
        .output()
        .unwrap();
    for ((name, _), text) in SAMPLES.iter().zip(&texts) {
        let path = resaved.join(format!("{name}.docx"));
        let bytes = std::fs::read(&path).unwrap_or_else(|_| {
            panic!(
                "soffice wrote no {}: {}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        let imported = import(&format!("{name}.docx"), &bytes);
        let (docx2, _) = render(imported.as_bytes(), name);
        assert_eq!(
            text,
            &docx_text(&docx2),
            "{name}: DOCX text differs after LibreOffice"
        );
        fidelity(&docx_text(&bytes), &docx2, &dir, name);
    }
}

/// The share of the imported file's words the re-rendered document holds, in order, by the
/// team's fidelity tool: at least 0.99.
fn fidelity(reference: &str, docx: &[u8], dir: &Path, name: &str) {
    let out_path = dir.join(format!("{name}.rerendered.docx"));
    std::fs::write(&out_path, docx).unwrap();
    fidelity_of(reference, &out_path, dir, name);
}

// ---- Bad input through the binary: a Russian message, exit code 1, nothing written. ----

/// A ZIP package with the given entries, deflated.
fn package(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A DOCX whose body is `body` (WordprocessingML without the namespace declaration).
fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    package(&[("word/document.xml", xml.as_bytes())])
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!("<w:tc>{}</w:tc>", p(c)))
        .collect();
    format!("<w:tr>{cells}</w:tr>")
}

/// A roadmap table with `items` numbered rows under one stage.
fn roadmap_table(items: usize) -> String {
    let mut rows = row(&["№ п/п", "Мероприятие", "Сроки", "Ответственные"]);
    rows.push_str(&format!(
        "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"4\"/></w:tcPr>{}</w:tc></w:tr>",
        p("Подготовительный этап")
    ));
    for i in 1..=items {
        rows.push_str(&row(&[
            &format!("{i}."),
            &format!("Заседание рабочей группы по вопросу номер {i} о подготовке отчёта"),
            "Февраль 2023 г.",
            "Иванов И.И., методист",
        ]));
    }
    format!("<w:tbl>{rows}</w:tbl>")
}

/// Runs `import` on `bytes` saved as `name` and checks the refusal: exit code 1, the message,
/// no output file.
fn refused(name: &str, bytes: &[u8], message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(name);
    std::fs::write(&input, bytes).unwrap();
    let output = dir.path().join("out.yaml");
    let out = dorkarta(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{name}: {err}");
    assert!(
        err.contains(message),
        "{name}: expected «{message}» in: {err}"
    );
    assert!(!output.exists(), "{name}: an output was written");
    assert!(!err.contains("panicked"), "{name}: {err}");
}

#[test]
fn a_docx_without_a_table_is_refused() {
    refused(
        "letter.docx",
        &docx(&p("Уважаемые коллеги!")),
        "в файле нет таблицы",
    );
}

#[test]
fn a_docx_whose_tables_are_not_a_roadmap_is_refused() {
    let body = format!(
        "<w:tbl>{}{}</w:tbl>",
        row(&["Фамилия", "Телефон"]),
        row(&["Иванов", "123"])
    );
    refused("phones.docx", &docx(&body), "нет таблицы мероприятий");
}

#[test]
fn a_corrupt_zip_is_refused() {
    let mut bytes = docx(&roadmap_table(3));
    let half = bytes.len() / 2;
    bytes.truncate(half);
    refused("broken.docx", &bytes, "файл повреждён");
    refused(
        "garbage.docx",
        b"PK\x03\x04 not really a zip at all",
        "файл повреждён",
    );
}

#[test]
fn a_zip_bomb_is_refused_by_part_size() {
    // 80 MB of zeros deflates to about 80 KB; the part limit is 64 MB.
    let zeros = vec![0u8; 80 * 1024 * 1024];
    let bytes = package(&[("word/document.xml", &zeros)]);
    assert!(bytes.len() < 1024 * 1024);
    refused("bomb.docx", &bytes, "ZIP-бомба");
}

#[test]
fn a_zip_bomb_is_refused_by_part_count() {
    let names: Vec<String> = (0..6000).map(|i| format!("word/media/{i}.bin")).collect();
    let mut entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    entries.push(("word/document.xml", b"<x/>"));
    refused("many.docx", &package(&entries), "ZIP-бомба");
}

/// An OLE compound file's first sector with the given stream names in its directory.
fn ole(streams: &[&str]) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    for s in streams {
        bytes.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        bytes.resize(bytes.len().next_multiple_of(128), 0);
    }
    bytes
}

#[test]
fn an_encrypted_file_is_refused_with_what_to_do() {
    let bytes = ole(&["EncryptionInfo", "EncryptedPackage"]);
    refused("secret.docx", &bytes, "защищён паролем");
    refused("secret.xlsx", &bytes, "защищён паролем");
}

#[test]
fn an_old_binary_doc_or_xls_is_refused_with_resave_advice() {
    refused(
        "old.doc",
        &ole(&["WordDocument"]),
        "сохраните как «Документ Word (.docx)»",
    );
    refused(
        "old.xls",
        &ole(&["Workbook"]),
        "сохраните как «Книга Excel (.xlsx)»",
    );
}

#[test]
fn macros_in_a_docm_are_ignored_with_a_warning() {
    let xml = format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}{}</w:body></w:document>"#,
        p("План мероприятий"),
        roadmap_table(2)
    );
    let bytes = package(&[
        ("word/document.xml", xml.as_bytes()),
        ("word/vbaProject.bin", b"Attribute VB_Name = \"Module1\""),
    ]);
    let imported = dorkarta::import::import("plan.docm", &bytes, false).unwrap();
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.message.contains("макросы")),
        "{:#?}",
        imported.warnings
    );
    let rendered = pipeline::render(imported.source.as_bytes(), None, &Options::default());
    assert!(rendered.is_ok(), "{}", imported.source);
}

/// A 200-page document: 5,000 rows (about 25 a page) come through whole, through the binary.
#[test]
fn a_200_page_document_is_imported_whole() {
    let body = format!("{}{}", p("План мероприятий"), roadmap_table(5000));
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.docx");
    std::fs::write(&input, docx(&body)).unwrap();
    let output = dir.path().join("big.yaml");
    let out = dorkarta(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&output).unwrap();
    let source = dorkarta::source::load(text.as_bytes()).unwrap();
    let items = source.appendix.unwrap().stages[0].value.items.len();
    assert_eq!(items, 5000);
}

/// A file that is not there is a usage error (exit code 2), said in Russian.
#[test]
fn a_missing_file_is_a_usage_error() {
    let out = dorkarta(&["import", "/nonexistent/plan.docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("файл не найден"));
}

/// `--strict`: a guess is an error, exit code 1, nothing written.
#[test]
fn strict_through_the_binary_writes_nothing() {
    let mut rows = row(&["№ п/п", "Мероприятие", "Сроки"]);
    rows.push_str(&row(&["1.", "Совещание", "Март 2023 г."]));
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("plan.docx");
    std::fs::write(&input, docx(&format!("{}<w:tbl>{rows}</w:tbl>", p("План")))).unwrap();
    let output = dir.path().join("plan.yaml");
    let out = dorkarta(&["import", "--strict", input.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("строки этапа") && err.contains("ничего не записано"),
        "{err}"
    );
    assert!(!output.exists());
}

#[test]
fn import_writes_the_source_beside_the_input_and_never_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("plan.docx");
    std::fs::write(
        &input,
        docx(&format!("{}{}", p("План мероприятий"), roadmap_table(3))),
    )
    .unwrap();
    let out = dorkarta(&["import", input.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = dir.path().join("plan.yaml");
    let check = dorkarta(&["check", written.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let before = std::fs::read(&input).unwrap();
    let over = dorkarta(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_eq!(over.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&over.stderr).contains("затёр бы"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn strict_refuses_what_was_guessed() {
    // No stage row: the stage is a guess.
    let mut rows = row(&["№ п/п", "Мероприятие", "Сроки"]);
    rows.push_str(&row(&["1.", "Совещание", "Март 2023 г."]));
    let bytes = docx(&format!("{}<w:tbl>{rows}</w:tbl>", p("План")));
    let lenient = dorkarta::import::import("plan.docx", &bytes, false).unwrap();
    assert!(
        lenient.source.contains("# import: угадано"),
        "{}",
        lenient.source
    );
    let strict = dorkarta::import::import("plan.docx", &bytes, true).unwrap_err();
    assert!(strict.iter().all(|d| d.is_error()));
    assert!(
        strict.iter().any(|d| d.message.contains("строки этапа")),
        "{strict:#?}"
    );
}

// ---- Files typed by hand (tools/make_import_fixtures.py): each variant recognised, and the
// ---- re-rendered document holds the file's own words. ----

fn fixture(name: &str) -> (Vec<u8>, dorkarta::import::Imported) {
    let bytes = std::fs::read(root().join("tests/import").join(name)).unwrap();
    let imported =
        dorkarta::import::import(name, &bytes, false).unwrap_or_else(|d| panic!("{name}: {d:#?}"));
    (bytes, imported)
}

/// The text of a workbook's cells, row by row, as the fidelity tool's reference.
fn xlsx_text(bytes: &[u8]) -> String {
    use calamine::{Reader, Xlsx};
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                out.push_str(&cell.to_string());
                out.push('\n');
            }
        }
    }
    out
}

const FIXTURES: &[&str] = &[
    "appendix-right-aligned.docx",
    "approved-indented.docx",
    "approver-in-layout-table.docx",
    "order-with-appendices.docx",
    "plan.xlsx",
];

/// Each hand-typed file: a valid source whose document holds at least 0.99 of the file's
/// words in order, in its DOCX and in its PDF.
#[test]
fn every_hand_typed_file_renders_back_with_its_words() {
    let dir = store("fixtures");
    for name in FIXTURES {
        let (bytes, imported) = fixture(name);
        let (docx, pdf) = render(imported.source.as_bytes(), name);
        let reference = if name.ends_with(".xlsx") {
            xlsx_text(&bytes)
        } else {
            docx_text(&bytes)
        };
        fidelity(&reference, &docx, &dir, name);
        let pdf_path = dir.join(format!("{name}.rerendered.pdf"));
        std::fs::write(&pdf_path, &pdf).unwrap();
        fidelity_of(&reference, &pdf_path, &dir, name);
    }
}

/// The same for a file already written (a PDF or a DOCX).
fn fidelity_of(reference: &str, output: &Path, dir: &Path, name: &str) {
    let Some(tool) = tools::fidelity_tool() else {
        return;
    };
    let txt = dir.join(format!("{name}.reference.txt"));
    std::fs::write(&txt, reference).unwrap();
    let out = Command::new("python3")
        .arg(&tool)
        .arg(&txt)
        .arg(output)
        .args(["--min", "0.99"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

fn load(source: &str) -> dorkarta::source::Source {
    dorkarta::source::load(source.as_bytes()).unwrap()
}

#[test]
fn a_right_aligned_mark_bullets_merged_cells_and_typed_numbers_are_read() {
    let (_, imported) = fixture("appendix-right-aligned.docx");
    let source = load(&imported.source);
    let order = source.order.as_ref().unwrap();
    assert_eq!(order.authority_genitive, "Управления образования г. Энска");
    assert_eq!(
        (order.date.value.as_str(), order.number.value.as_str()),
        ("2023-02-16", "206")
    );
    let roadmap = source.appendix.as_ref().unwrap();
    assert_eq!(
        roadmap.title,
        "Дорожная карта\nпо поддержке школ с низкими результатами на 2023 год"
    );
    assert_eq!(
        roadmap.subtitle.as_deref(),
        Some("(школы № 1, 2 и 5 г. Энска)")
    );
    assert_eq!(
        roadmap.preamble[1].list,
        [
            "выявить затруднения учителей",
            "организовать наставничество"
        ]
    );
    let first = &roadmap.stages[0].value.items[0].value;
    // «1.1», «1.2.», «1.2.» are children of «1.»; the repeated number is corrected.
    assert_eq!(first.items.len(), 3);
    // Runs split by spell-check marks and a bookmark are one text.
    assert_eq!(
        first.items[0].value.activity.as_deref(),
        Some("Анализ результатов мониторинга")
    );
    assert_eq!(
        first.items[1].value.list,
        ["плана наставничества;", "плана повышения квалификации"]
    );
    // A cell merged down over two items gives both the same value, and the column merges.
    assert_eq!(first.items[2].value.responsible.as_deref(), Some("Школы"));
    assert!(roadmap.columns[3].merge);
    assert!(
        imported
            .source
            .contains("номер «1.2.»; генератор напечатает «1.3.»")
    );
    // Word's bullets in a cell are the item's list.
    let second = &roadmap.stages[1].value.items[0].value;
    assert_eq!(
        second.items[0].value.list,
        ["курсы повышения квалификации", "стажировки"]
    );
    assert!(
        imported
            .source
            .contains("номер «2..»; генератор напечатает «2.»")
    );
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.message.contains("«2..»"))
    );
}

#[test]
fn an_approval_stamp_by_indent_a_numbered_stage_row_and_extra_columns_are_read() {
    let (_, imported) = fixture("approved-indented.docx");
    let source = load(&imported.source);
    let order = source.order.as_ref().unwrap();
    assert_eq!(
        (order.date.value.as_str(), order.number.value.as_str()),
        ("2023-10-30", "45-ОД")
    );
    let roadmap = source.appendix.as_ref().unwrap();
    assert_eq!(
        roadmap.mark.kind(),
        dorkarta::source::model::MarkKind::Approved
    );
    let keys: Vec<_> = roadmap
        .columns
        .iter()
        .map(|c| format!("{:?}", c.key.value))
        .collect();
    assert_eq!(
        keys,
        [
            "Number",
            "Level",
            "Activity",
            "Audience",
            "Participants",
            "Mark"
        ]
    );
    assert!(
        roadmap.columns[5].blank,
        "an empty «Отметка о выполнении» is blank"
    );
    assert_eq!(format!("{:?}", roadmap.numbering), "Items(Hierarchical)");
    assert_eq!(
        format!("{:?}", roadmap.stage_number.as_ref().map(|s| s.value)),
        "Some(Column)"
    );
    assert_eq!(
        roadmap.stages[0].value.items[1].value.level.as_deref(),
        Some("Муниципальный")
    );
    assert_eq!(roadmap.preamble[0].list.len(), 2);
}

#[test]
fn a_stamp_in_a_layout_table_word_numbering_parts_and_a_heading_row_are_read() {
    let (_, imported) = fixture("approver-in-layout-table.docx");
    let source = load(&imported.source);
    assert!(source.order.is_none());
    let roadmap = source.appendix.as_ref().unwrap();
    let mark = &roadmap.mark;
    assert_eq!(mark.kind(), dorkarta::source::model::MarkKind::Approver);
    assert_eq!(
        mark.position.as_deref(),
        Some("Начальник управления образования")
    );
    assert_eq!(mark.name.as_deref(), Some("И.И. Петрова"));
    assert_eq!(
        mark.date.as_ref().map(|d| d.value.as_str()),
        Some("2021-09-22")
    );
    assert_eq!(format!("{:?}", roadmap.orientation), "Landscape");
    let items = &roadmap.stages[0].value.items;
    assert_eq!(items[0].value.parts.len(), 2);
    assert_eq!(
        items[0].value.result.as_deref(),
        Some("Закреплены наставники")
    );
    assert_eq!(
        items[2].value.heading.as_deref(),
        Some("Сопровождение в течение года")
    );
    // Bold text alone in an otherwise empty row: a stage.
    assert_eq!(roadmap.stages[1].value.title, "Итоговый семинар");
}

#[test]
fn an_order_with_its_appendices_is_read_whole() {
    let (_, imported) = fixture("order-with-appendices.docx");
    let source = load(&imported.source);
    let order = source.order.as_ref().unwrap();
    let text = order.text.as_ref().unwrap();
    assert_eq!(
        text.header,
        ["ОТДЕЛ ОБРАЗОВАНИЯ", "АДМИНИСТРАЦИИ ЭНСКОГО РАЙОНА"]
    );
    assert_eq!(text.place.as_deref(), Some("г. Энск"));
    assert_eq!(text.clauses.len(), 4);
    assert_eq!(text.clauses[2].items.len(), 2);
    assert_eq!(text.signature.name, "А.В. Иванова");
    assert_eq!(
        text.clauses[3].text,
        "Контроль за исполнением приказа оставляю за собой."
    );
    assert!(
        !imported.source.contains("абзац без номера"),
        "a clause numbered by Word is no guess: {}",
        imported.source
    );
    assert_eq!(source.appendices.len(), 2);
    assert_eq!(
        format!("{:?}", source.appendices[0].orientation),
        "Portrait"
    );
    assert_eq!(
        format!("{:?}", source.appendices[1].orientation),
        "Landscape"
    );
    assert_eq!(
        text.clauses[0].appendix.as_ref().map(|a| a.value.as_str()),
        source.appendices[0].id.as_ref().map(|a| a.value.as_str())
    );
}

#[test]
fn a_workbook_with_merged_title_stage_rows_text_numbers_and_dates_is_read() {
    let (_, imported) = fixture("plan.xlsx");
    let source = load(&imported.source);
    let roadmap = source.appendix.as_ref().unwrap();
    assert_eq!(
        roadmap.title,
        "Дорожная карта по повышению качества образования на 2022-2023 учебный год"
    );
    assert_eq!(roadmap.stages.len(), 2);
    let items = &roadmap.stages[0].value.items;
    assert_eq!(
        items.len(),
        4,
        "numbers stored as text and as numbers alike"
    );
    let deadline = |i: usize| match &items[i].value.deadline.as_ref().unwrap().value {
        dorkarta::source::model::Deadlines::One(s) => s.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(deadline(1), "2022-10-14", "an Excel date cell is a date");
    assert_eq!(
        items[1].value.list,
        ["школы № 3;", "школы № 7"],
        "Alt+Enter lines"
    );
    assert_eq!(
        items[3].value.responsible.as_deref(),
        Some("Руководители школ")
    );
}

// ---- Variants built in code: what the format has no place for is kept in comments. ----

fn body_with(rows: &[&[&str]]) -> Vec<u8> {
    let mut table = String::new();
    for r in rows {
        table.push_str(&row(r));
    }
    docx(&format!("{}<w:tbl>{table}</w:tbl>", p("План работы")))
}

#[test]
fn an_unknown_column_title_becomes_an_own_column_as_a_guess() {
    let bytes = body_with(&[
        &["№ п/п", "Мероприятие", "Сроки", "Примечание"],
        &["Этап", "", "", ""],
        &["1.", "Совещание", "Март 2023 г.", "по согласованию"],
    ]);
    let imported = dorkarta::import::import("plan.docx", &bytes, false).unwrap();
    let source = load(&imported.source);
    let roadmap = source.appendix.unwrap();
    // Text alone in a row, even in the number column, is a stage row.
    assert_eq!(roadmap.stages[0].value.title, "Этап");
    assert_eq!(
        format!("{:?}", roadmap.columns[3].key.value),
        "Own(\"column_4\")"
    );
    assert_eq!(roadmap.columns[3].title, "Примечание");
    let item = &roadmap.stages[0].value.items[0].value;
    assert_eq!(item.values.get("column_4"), Some("по согласованию"));
    assert!(
        imported.source.contains("# import: угадано"),
        "{}",
        imported.source
    );
    assert!(dorkarta::import::import("plan.docx", &bytes, true).is_err());
}

/// A two-row header with a group over quarter columns and a row of column numbers, as Word
/// users type them: the group, the quarters' periods and the number row are read back.
#[test]
fn a_grouped_header_over_quarters_and_a_column_number_row_are_read() {
    let cell =
        |attrs: &str, text: &str| format!("<w:tc><w:tcPr>{attrs}</w:tcPr>{}</w:tc>", p(text));
    let down = "<w:vMerge w:val=\"restart\"/>";
    let rows = [
        format!(
            "<w:tr>{}{}{}</w:tr>",
            cell(down, "№ п/п"),
            cell(down, "Мероприятие"),
            cell("<w:gridSpan w:val=\"2\"/>", "Сроки выполнения: 2024 г.")
        ),
        format!(
            "<w:tr>{}{}{}{}</w:tr>",
            cell("<w:vMerge/>", ""),
            cell("<w:vMerge/>", ""),
            cell("", "I квартал"),
            cell("", "II квартал")
        ),
        row(&["1", "2", "3", "4"]),
        format!("<w:tr>{}</w:tr>", cell("<w:gridSpan w:val=\"4\"/>", "Этап")),
        row(&["1.", "Совещание", "+", ""]),
    ];
    let bytes = docx(&format!(
        "{}<w:tbl>{}</w:tbl>",
        p("План работы"),
        rows.concat()
    ));
    let imported = dorkarta::import::import("plan.docx", &bytes, false).unwrap();
    let roadmap = load(&imported.source).appendix.unwrap();
    assert!(roadmap.column_numbers, "{}", imported.source);
    let quarters: Vec<(&str, Option<&str>, Option<&str>)> = roadmap.columns[2..]
        .iter()
        .map(|c| {
            (
                c.title.as_str(),
                c.group.as_deref(),
                c.period.as_ref().map(|p| p.value.as_str()),
            )
        })
        .collect();
    assert_eq!(
        quarters,
        [
            (
                "I квартал",
                Some("Сроки выполнения: 2024 г."),
                Some("2024-Q1")
            ),
            (
                "II квартал",
                Some("Сроки выполнения: 2024 г."),
                Some("2024-Q2")
            ),
        ]
    );
    let item = &roadmap.stages[0].value.items[0].value;
    assert_eq!(item.values.get("column_3"), Some("+"));
    assert!(pipeline::prepare(imported.source.as_bytes(), None).is_ok());
}

#[test]
fn a_deadline_the_format_refuses_is_kept_in_a_comment_and_the_source_stays_valid() {
    let bytes = body_with(&[
        &["№ п/п", "Мероприятие", "Сроки"],
        &["Этап", "", ""],
        &["1.", "Совещание", "31.02.2023"],
        &["2.", "", "Март 2023 г."],
    ]);
    let imported = dorkarta::import::import("plan.docx", &bytes, false).unwrap();
    assert!(
        imported.source.contains("# import: не нашло места")
            && imported.source.contains("31.02.2023"),
        "{}",
        imported.source
    );
    assert!(
        pipeline::prepare(imported.source.as_bytes(), None).is_ok(),
        "{}",
        imported.source
    );
    assert!(
        imported
            .warnings
            .iter()
            .all(|w| !w.message.contains("не проходит проверку")),
        "{:#?}",
        imported.warnings
    );
}

/// Mangled documents never panic the importer: each hand-typed DOCX with its XML cut short or
/// spliced with pieces that mean something to the recognisers (spans, merges, marks, numbers,
/// letters whose case changes their length).
#[test]
fn mangled_documents_never_panic_the_importer() {
    const PIECES: &[&str] = &[
        "<w:tc>",
        "</w:tc></w:tr><w:tr>",
        "<w:gridSpan w:val=\"99\"/>",
        "<w:vMerge/>",
        "<w:t>Приложение №</w:t>",
        "<w:t>УТВЕРЖДЕНЫ ẞ</w:t>",
        "<w:t>İ к приказу İ от 31.02.2023 №</w:t>",
        "<w:t>1.1..</w:t>",
        "<w:t>п р и к а з ы в а ю:</w:t>",
        "<w:t>(приложение</w:t>",
        "<w:br w:type=\"page\"/>",
        "<w:sectPr/>",
        "\u{0}",
        "é",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let (mut imported, mut tried) = (0, 0);
    for name in FIXTURES.iter().filter(|n| n.ends_with(".docx")) {
        let bytes = std::fs::read(root().join("tests/import").join(name)).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut xml = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        for round in 0..150 {
            let mut mangled = xml.clone();
            if round % 3 == 0 {
                mangled.truncate(next(mangled.len()));
            } else {
                for _ in 0..1 + next(4) {
                    // At the start of a tag, so that the XML mostly stays readable.
                    let from = next(mangled.len());
                    let at = mangled[from..]
                        .iter()
                        .position(|&b| b == b'<')
                        .map_or(mangled.len(), |p| from + p);
                    let len = 0;
                    let piece = PIECES[next(PIECES.len())].as_bytes();
                    mangled.splice(at..at + len, piece.iter().copied());
                }
            }
            let package = package(&[("word/document.xml", &mangled)]);
            let result = std::panic::catch_unwind(|| {
                match dorkarta::import::import(name, &package, false) {
                    // What comes back is YAML the loader reads, whatever went in.
                    Ok(imported) => match dorkarta::source::load(imported.source.as_bytes()) {
                        Ok(_) => true,
                        Err(d) => panic!("{name}: not a source: {d:#?}\n{}", imported.source),
                    },
                    Err(_) => false,
                }
            });
            assert!(
                result.is_ok(),
                "{name}, round {round}: the importer panicked"
            );
            imported += usize::from(result.unwrap());
            tried += 1;
        }
    }
    // Most spliced documents still read: the pieces reach the recognisers, not only the parser.
    assert!(imported * 3 >= tried, "{imported} of {tried} imported");
}

/// A mark pushed right with tabs, and a signature under the table with tabs between the
/// position and the name.
#[test]
fn a_mark_pushed_right_with_tabs_and_a_tabbed_signature_are_read() {
    let tabbed = |text: &str| {
        format!(
            "<w:p><w:r><w:tab/><w:tab/><w:tab/><w:tab/><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
        )
    };
    let body = format!(
        "{}{}{}<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>План</w:t></w:r></w:p>{}\
         <w:p><w:r><w:t>Начальник управления</w:t><w:tab/><w:tab/><w:t>И.И. Иванов</w:t></w:r></w:p>",
        tabbed("Приложение"),
        tabbed("к приказу Комитета по образованию"),
        tabbed("от 01.03.2024 № 7"),
        roadmap_table(2)
    );
    let imported = dorkarta::import::import("plan.docx", &docx(&body), false).unwrap();
    let source = load(&imported.source);
    let order = source.order.as_ref().unwrap();
    assert_eq!(order.authority_genitive, "Комитета по образованию");
    assert_eq!(order.number.value, "7");
    let roadmap = source.appendix.as_ref().unwrap();
    assert_eq!(roadmap.title, "План");
    let signature = roadmap.signature.as_ref().unwrap();
    assert_eq!(
        (signature.position.as_str(), signature.name.as_str()),
        ("Начальник управления", "И.И. Иванов")
    );
}

/// Word's own multilevel numbering in the number column: stage rows at level 0, items at
/// level 1, a child item at level 2.
#[test]
fn word_multilevel_numbering_gives_stages_items_and_children() {
    let numbering = format!(
        r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="2"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#
    );
    let numbered = |level: u8| {
        format!(
            "<w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:p></w:tc>"
        )
    };
    let cell = |text: &str| format!("<w:tc>{}</w:tc>", p(text));
    let stage = |title: &str| {
        format!(
            "<w:tr>{}<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>{}</w:tc></w:tr>",
            numbered(0),
            p(title)
        )
    };
    let item = |level: u8, text: &str| {
        format!(
            "<w:tr>{}{}{}</w:tr>",
            numbered(level),
            cell(text),
            cell("Март 2023 г.")
        )
    };
    let table = format!(
        "<w:tbl>{}{}{}{}{}{}</w:tbl>",
        row(&["№ п/п", "Мероприятие", "Сроки"]),
        stage("Первый этап"),
        item(1, "Совещание"),
        item(2, "Подготовка повестки"),
        item(1, "Семинар"),
        stage("Второй этап") + &item(1, "Конференция"),
    );
    let xml = format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}{table}</w:body></w:document>"#,
        p("План")
    );
    let bytes = package(&[
        ("word/document.xml", xml.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
    ]);
    let imported = dorkarta::import::import("plan.docx", &bytes, false).unwrap();
    let source = load(&imported.source);
    let roadmap = source.appendix.unwrap();
    assert_eq!(
        format!("{:?}", roadmap.numbering),
        "Items(Hierarchical)",
        "{}",
        imported.source
    );
    assert_eq!(
        format!("{:?}", roadmap.stage_number.as_ref().map(|s| s.value)),
        "Some(Column)"
    );
    let items = &roadmap.stages[0].value.items;
    assert_eq!(items.len(), 2, "{}", imported.source);
    assert_eq!(items[0].value.items.len(), 1);
    assert_eq!(roadmap.stages[1].value.items.len(), 1);
}

/// An order whose appendix follows its signature on the same page, with no break between.
#[test]
fn an_order_without_a_break_before_its_appendix_ends_at_its_signature() {
    let right = |text: &str| {
        format!(
            "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
        )
    };
    let body = format!(
        "{}{}{}{}{}{}{}{}{}{}{}",
        p("ОТДЕЛ ОБРАЗОВАНИЯ"),
        p("ПРИКАЗ"),
        p("от 01.03.2024 № 12"),
        p("Об утверждении плана"),
        p("п р и к а з ы в а ю:"),
        p("1. Утвердить план (приложение)."),
        "<w:p><w:r><w:t>Начальник отдела</w:t><w:tab/><w:t>А.А. Петров</w:t></w:r></w:p>",
        right("Приложение"),
        right("к приказу Отдела образования"),
        right("от 01.03.2024 № 12"),
        roadmap_table(2)
    );
    let imported = dorkarta::import::import("order.docx", &docx(&body), false).unwrap();
    let source = load(&imported.source);
    let order = source.order.as_ref().unwrap();
    let text = order.text.as_ref().unwrap();
    assert_eq!(text.signature.name, "А.А. Петров");
    assert_eq!(order.authority_genitive, "Отдела образования");
    let roadmap = source.appendix.as_ref().unwrap();
    assert_eq!(
        roadmap.mark.kind(),
        dorkarta::source::model::MarkKind::Appendix
    );
}

/// An act of each kind with its own text, a command word of its own or the usual one, and an
/// appendix printed with its own number and its mark's date in words: the import reads the
/// kind, the command, the number and the date style back, and the source it writes renders to
/// the same text.
#[test]
fn every_kind_of_act_round_trips_through_import() {
    let source = |kind: &str, command: &str| {
        format!(
            "order:
  kind: {kind}
  authority: Администрация города Заречного
  authority_genitive: Администрации города Заречного
  date: 2015-11-13
  number: \"5\"
  text:
    header: [Администрация города Заречного]
    heading: Об утверждении плана
    preamble:
      - В целях повышения качества образования
{command}    clauses:
      - {{ text: Утвердить план мероприятий., appendix: plan }}
    signature: {{ position: Глава города, name: А.В. Пуликова }}
appendix:
  id: plan
  number: 2
  mark: {{ kind: appendix, date_style: words }}
  title: План мероприятий
  columns:
    - {{ key: number, title: № п/п, width: 10 }}
    - {{ key: activity, title: Мероприятие, width: 60 }}
    - {{ key: deadline, title: Срок, width: 30 }}
  stages: [ {{ title: Этап, items: [ {{ activity: Совещание, deadline: 2016-02 }} ] }} ]
"
        )
    };
    for (kind, command) in [
        ("приказ", ""),
        ("постановление", ""),
        ("постановление", "    command: \"ПОСТАНОВЛЯЕТ:\"\n"),
        ("распоряжение", "    command: \"п р е д л а г а ю:\"\n"),
        ("решение", ""),
    ] {
        let yaml = source(kind, command);
        let (docx, _) = render(yaml.as_bytes(), kind);
        let imported = import(&format!("{kind}.docx"), &docx);
        for line in ["number: 2", "date_style: words"] {
            assert!(imported.contains(line), "{kind}: no «{line}»:\n{imported}");
        }
        assert_eq!(
            imported.contains(&format!("kind: {kind}")),
            kind != "приказ",
            "{kind}:\n{imported}"
        );
        assert_eq!(
            imported.contains("command:"),
            !command.is_empty(),
            "{kind}:\n{imported}"
        );
        let (again, _) = render(imported.as_bytes(), &format!("{kind} imported"));
        assert_eq!(
            docx_text(&docx),
            docx_text(&again),
            "{kind}: DOCX text differs"
        );
    }
}
