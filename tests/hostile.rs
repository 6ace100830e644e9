//! Unusual but valid sources render, and hostile templates and names are kept in bounds:
//! a UTF-8 BOM, CRLF, a 30,000-character cell, 5,000 rows, an empty stage, a one-column table,
//! a stage of headings only; templates that reach outside their folder, loop for ever or
//! recurse; output names from hostile file and municipality names.
//!
//! Every source goes through `pipeline::render` with `Formats::ALL`: DOCX is checked always,
//! PDF whenever the pipeline makes one.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dorkarta::diag::Diagnostic;
use dorkarta::pipeline::{self, Formats, Options, Rendered};
use dorkarta::template::TemplateOptions;

use crate::binary::command as dorkarta;
use crate::sources::{COLUMNS, five_thousand_rows, source};

fn options(templates: Option<&Path>) -> Options {
    Options {
        templates: TemplateOptions {
            dir: templates.map(Path::to_path_buf),
            time_limit: None,
            isolate: None,
        },
        formats: Formats::ALL,
    }
}

fn render(bytes: &[u8]) -> Rendered {
    match pipeline::render(bytes, None, &options(None)) {
        Ok(r) => r,
        Err(diags) => panic!("render failed:\n{}", lines(&diags)),
    }
}

fn lines(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| format!("{} {d} {:?}", d.file.as_deref().unwrap_or("-"), d.hints))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of `word/document.xml`.
fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("DOCX is a zip");
    let mut text = String::new();
    zip.by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

/// The text of every `<w:t>` run, joined: what a reader sees, without markup.
fn visible_text(xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect()
}

/// Checks what every rendered source must have, and returns the visible DOCX text.
fn check_outputs(r: &Rendered) -> String {
    let docx = r.docx.as_ref().expect("DOCX requested and made");
    assert!(docx.starts_with(b"PK"), "DOCX is a zip package");
    if let Some(pdf) = &r.pdf {
        assert!(pdf.starts_with(b"%PDF-"), "PDF header");
        assert!(r.pages.is_some_and(|p| p >= 1), "a PDF has pages");
    }
    visible_text(&document_xml(docx))
}

/// A one-appendix source with the given columns and stages (YAML text at two spaces).
fn minimal() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ok/minimal.yaml")).unwrap()
}

#[test]
fn bom_and_crlf_render_the_same_document_as_plain_utf8() {
    let plain = render(&minimal());
    let text = String::from_utf8(minimal()).unwrap();
    let bom = render(format!("\u{FEFF}{text}").as_bytes());
    let crlf = render(text.replace('\n', "\r\n").as_bytes());
    let both = render(format!("\u{FEFF}{}", text.replace('\n', "\r\n")).as_bytes());
    let want = check_outputs(&plain);
    assert!(want.contains("Издание приказа о рабочей группе"));
    for r in [&bom, &crlf, &both] {
        assert_eq!(r.docx, plain.docx, "same document, same bytes");
        assert_eq!(r.pdf, plain.pdf);
    }
    // No stray carriage return reaches the document.
    assert!(!document_xml(crlf.docx.as_ref().unwrap()).contains('\r'));
}

/// A paste from Word: one cell of 30,000 characters. It is kept whole, and its row may break
/// across pages (a row that cannot split would be cut off at the page foot by Word).
#[test]
fn a_30000_character_cell_is_kept_whole_and_breaks_across_pages() {
    let sentence = "Проведение методических семинаров для учителей математики и русского языка. ";
    let long: String = sentence.repeat(30_000 / sentence.chars().count() + 1);
    let long: String = long
        .chars()
        .take(30_000)
        .collect::<String>()
        .trim()
        .to_string();
    let yaml = source(
        COLUMNS,
        &format!(
            "    - title: Этап
      items:
        - activity: \"{long}\"
          deadline: 2023-03
          responsible: Морозова О.Л.
        - activity: Следующий пункт
          deadline: 2023-04
"
        ),
    );
    let r = render(yaml.as_bytes());
    let text = check_outputs(&r);
    // Typography may change spaces to non-breaking ones; compare letters only.
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
    let per_sentence = letters(sentence);
    assert!(
        letters(&text) >= letters(&long),
        "the cell lost text: {} of {} letters",
        letters(&text),
        letters(&long)
    );
    assert!(per_sentence > 0);

    let xml = document_xml(r.docx.as_ref().unwrap());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let long_row = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "tr")
        .find(|tr| {
            tr.descendants()
                .filter(|n| n.tag_name().name() == "t")
                .filter_map(|n| n.text())
                .map(str::len)
                .sum::<usize>()
                > 30_000
        })
        .expect("the row with the long cell");
    assert!(
        !long_row
            .descendants()
            .any(|n| n.tag_name().name() == "cantSplit"),
        "the long row must be allowed to break across pages"
    );
    if let Some(pages) = r.pages {
        assert!(pages >= 3, "30,000 characters fit on {pages} page(s)?");
    }

    // What LibreOffice makes of it: the text runs over several pages.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long-cell.docx");
    std::fs::write(&path, r.docx.as_ref().unwrap()).unwrap();
    if let Some(pages) = crate::docx::libreoffice_pages(std::slice::from_ref(&path)) {
        let pages = &pages[0];
        assert!(
            pages.len() >= 3,
            "LibreOffice laid it out on {} page(s)",
            pages.len()
        );
        let with_text = pages.iter().filter(|p| p.contains("семинаров")).count();
        assert!(with_text >= 3, "the cell spans only {with_text} page(s)");
    }
}

/// 5,000 items render whole. The time is measured by `cargo bench --bench pdf` (under 10 s in a
/// release build).
#[test]
fn five_thousand_rows_render() {
    let yaml = five_thousand_rows();
    let opts = options(None);
    let r = pipeline::render(yaml.as_bytes(), None, &opts)
        .unwrap_or_else(|d| panic!("render failed:\n{}", lines(&d)));
    let text = check_outputs(&r);
    assert!(text.contains("Мероприятие 9-499"));
    assert_eq!(r.items.len(), 5_000);
}

#[test]
fn an_empty_stage_renders_its_title_row() {
    let yaml = source(
        COLUMNS,
        "    - title: Пустой этап
      items: []
    - title: Этап без ключа items
    - title: Основной этап
      items:
        - activity: Совещание
          deadline: 2023-03
          responsible: Морозова О.Л.
",
    );
    let r = render(yaml.as_bytes());
    let text = check_outputs(&r);
    for title in [
        "Пустой этап",
        "Этап без ключа items",
        "Основной этап",
        "Совещание",
    ] {
        assert!(text.contains(title), "{title} missing");
    }
}

#[test]
fn a_one_column_table_renders() {
    let yaml = source(
        "    - { key: activity, title: Мероприятие, width: 1 }\n",
        "    - title: Этап
      items:
        - activity: Единственный столбец
",
    );
    let r = render(yaml.as_bytes());
    let text = check_outputs(&r);
    assert!(text.contains("Единственный столбец"));
    let xml = document_xml(r.docx.as_ref().unwrap());
    assert_eq!(xml.matches("<w:gridCol ").count(), 1, "one grid column");
    // No number column: a warning says the items go unnumbered.
    assert!(
        r.warnings
            .iter()
            .any(|w| w.message.contains("нет столбца с номерами")),
        "{}",
        lines(&r.warnings)
    );
}

#[test]
fn a_stage_of_headings_only_renders() {
    let yaml = source(
        COLUMNS,
        "    - title: Этап заголовков
      items:
        - heading: Организационные мероприятия
        - heading: Методические мероприятия
          list: [семинары, вебинары]
    - title: Этап
      items:
        - activity: Совещание
          deadline: 2023-03
          responsible: Морозова О.Л.
",
    );
    let r = render(yaml.as_bytes());
    let text = check_outputs(&r);
    for want in [
        "Организационные мероприятия",
        "Методические мероприятия",
        "вебинары",
    ] {
        assert!(text.contains(want), "{want} missing");
    }
}

// ---- Templates -------------------------------------------------------------------------------

/// A template folder with the given files.
fn template_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn template_errors(dir: &Path) -> Vec<Diagnostic> {
    match pipeline::render(&minimal(), None, &options(Some(dir))) {
        Ok(_) => panic!("the template rendered"),
        Err(diags) => diags,
    }
}

#[test]
fn template_include_cannot_reach_outside_its_folder() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.tera"), "СЕКРЕТ").unwrap();
    let secret = outside.path().join("secret.tera");
    let attempts = [
        "{% include \"../secret.tera\" %}".to_string(),
        format!("{{% include \"{}\" %}}", secret.display()),
        "{% include \"/etc/passwd\" %}".to_string(),
        "{% extends \"../secret.tera\" %}".to_string(),
        "{% import \"/etc/hostname\" as m %}x".to_string(),
    ];
    for attempt in attempts {
        let dir = template_dir(&[("appendix.xhtml.tera", &attempt)]);
        let diags = template_errors(dir.path());
        let shown = lines(&diags);
        assert!(
            !shown.contains("СЕКРЕТ") && !shown.contains("root:"),
            "{shown}"
        );
        let d = &diags[0];
        assert!(
            d.file
                .as_deref()
                .is_some_and(|f| f.ends_with("appendix.xhtml.tera")),
            "names the file: {shown}"
        );
        assert_eq!(d.pos.line, 1, "names the line: {shown}");
        assert!(
            d.message.contains("нет шаблона") || d.message.contains("не найден"),
            "{shown}"
        );
    }
}

#[test]
fn template_symlink_out_of_the_folder_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("evil.tera");
    std::fs::write(&target, "СЕКРЕТ").unwrap();
    let dir = template_dir(&[]);
    std::os::unix::fs::symlink(&target, dir.path().join("appendix.xhtml.tera")).unwrap();
    let diags = template_errors(dir.path());
    assert!(
        diags[0].message.contains("за пределы папки шаблонов"),
        "{}",
        lines(&diags)
    );
    // A symlink to a file elsewhere under another name, reached through include: refused too.
    let dir = template_dir(&[("appendix.xhtml.tera", "{% include \"evil.tera\" %}")]);
    std::os::unix::fs::symlink(&target, dir.path().join("evil.tera")).unwrap();
    let diags = template_errors(dir.path());
    assert!(!lines(&diags).contains("СЕКРЕТ"), "{}", lines(&diags));
}

#[test]
fn template_cannot_read_the_environment() {
    let dir = template_dir(&[(
        "appendix.xhtml.tera",
        "<section>\n{{ get_env(name=\"HOME\") }}</section>",
    )]);
    let diags = template_errors(dir.path());
    let shown = lines(&diags);
    assert!(shown.contains("переменные окружения"), "{shown}");
    assert_eq!(diags[0].pos.line, 2, "{shown}");
}

/// A loop over a huge range: refused at once by the range limit, with file and line.
#[test]
fn template_huge_range_is_refused_quickly() {
    let dir = template_dir(&[(
        "appendix.xhtml.tera",
        "<section>\n{% for i in range(end=1000000000000) %}{{ i }}{% endfor %}</section>",
    )]);
    let started = Instant::now();
    let diags = template_errors(dir.path());
    assert!(started.elapsed() < Duration::from_secs(3));
    let shown = lines(&diags);
    assert!(
        shown.contains("range в шаблоне просит 1000000000000 чисел"),
        "{shown}"
    );
}

/// Nested loops, each within the range limit, that would run for hours: stopped at the time
/// limit with a Russian error and no document. The loops write a few bytes per 100,000 turns
/// of the innermost one, so that the output limit cannot stop them first on a fast machine
/// (writing every turn, one did reach 64 MiB in 2.7 s), yet the writer is called often enough
/// to notice that the time is up.
#[test]
fn template_endless_loop_is_stopped_at_the_time_limit() {
    let dir = template_dir(&[(
        "appendix.xhtml.tera",
        "<section>{% for i in range(end=100000) %}{% for j in range(end=100000) %}\
         {% for k in range(end=100000) %}{% endfor %}{{ j }}{% endfor %}{% endfor %}</section>",
    )]);
    // The limit is injected (the real one is five seconds), so that the test does not wait it.
    let limit = Duration::from_millis(400);
    let mut opts = options(Some(dir.path()));
    opts.templates.time_limit = Some(limit);
    let started = Instant::now();
    let Err(diags) = pipeline::render(&minimal(), None, &opts) else {
        panic!("the template rendered");
    };
    let took = started.elapsed();
    assert!(
        took >= limit && took < limit + Duration::from_secs(2),
        "took {took:?}: {}",
        lines(&diags)
    );
    let shown = lines(&diags);
    assert!(shown.contains("дольше 0,4 с и был остановлен"), "{shown}");
    assert!(
        diags[0].file.is_some(),
        "names the template folder: {shown}"
    );
}

#[test]
fn template_recursion_is_refused_before_rendering() {
    let dir = template_dir(&[(
        "appendix.xhtml.tera",
        "<section>\n{% macro deep(n) %}{{ self::deep(n=n + 1) }}{% endmacro deep %}\n{{ self::deep(n=0) }}</section>",
    )]);
    let diags = template_errors(dir.path());
    let shown = lines(&diags);
    assert!(shown.contains("вызывают сами себя по кругу"), "{shown}");
    assert_eq!(diags[0].pos.line, 2, "{shown}");

    let dir = template_dir(&[
        (
            "appendix.xhtml.tera",
            "<section>{% include \"a.tera\" %}</section>",
        ),
        ("a.tera", "\n\n{% include \"appendix.xhtml.tera\" %}"),
    ]);
    let diags = template_errors(dir.path());
    let shown = lines(&diags);
    assert!(shown.contains("вызывают сами себя по кругу"), "{shown}");
}

// ---- Output names through the binary ---------------------------------------------------------

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// Source files whose names are dots or start with dots: outputs stay inside `-o`.
#[test]
fn render_output_names_stay_inside_the_output_folder() {
    let root = tempfile::tempdir().unwrap();
    let src = root.path().join("src");
    std::fs::create_dir(&src).unwrap();
    // `...yaml` is not among them: its output name is `_`, as for `..yaml`, and two sources
    // with one output name are refused (tests/misuse.rs).
    let names = ["..yaml", "...x.yaml", ".yaml", "CON.yaml", "a..b.yaml"];
    for name in names {
        std::fs::write(src.join(name), minimal()).unwrap();
    }
    let out = root.path().join("out");
    let status = dorkarta()
        .arg("render")
        .args(names.iter().map(|n| src.join(n)))
        .arg("-o")
        .arg(&out)
        .args(["--format", "docx"])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    // Nothing beside `out` or `src`.
    let mut top: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["out", "src"]);
    let made = tree(&out);
    assert!(!made.is_empty());
    for p in &made {
        assert!(
            p.extension().is_some_and(|e| e == "docx"),
            "{}",
            p.display()
        );
        assert!(
            !p.to_string_lossy().starts_with('.'),
            "hidden output {}",
            p.display()
        );
    }
}

/// Municipality names that are paths, devices or very long: outputs stay inside `-o`, one
/// file each, with names valid on Windows.
#[test]
fn batch_hostile_municipality_names_stay_inside_the_output_folder() {
    let root = tempfile::tempdir().unwrap();
    let src = root.path().join("roadmap.yaml");
    std::fs::write(&src, minimal()).unwrap();
    let long = "Очень".repeat(100);
    let names = [
        "..",
        "CON",
        "a/b",
        "../../escape",
        "/abs",
        &long,
        "com1.txt",
        "ok",
    ];
    let table = root.path().join("municipalities.csv");
    let mut csv = String::from("name\n");
    for n in names {
        csv += &format!("\"{n}\"\n");
    }
    std::fs::write(&table, csv).unwrap();
    let out = root.path().join("out");
    let result = dorkarta()
        .arg("batch")
        .arg(&src)
        .arg("-o")
        .arg(&out)
        .arg("--municipalities")
        .arg(&table)
        .args(["--format", "docx"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    let mut top: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(
        top,
        ["municipalities.csv", "out", "roadmap.yaml"],
        "{stderr}"
    );
    let docs: Vec<PathBuf> = tree(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    assert!(result.status.success(), "{stderr}");
    assert_eq!(docs.len(), names.len(), "{docs:?}\n{stderr}");
    for p in &docs {
        assert_eq!(
            p.components().count(),
            1,
            "a folder was made: {}",
            p.display()
        );
        let stem = p.file_stem().unwrap().to_string_lossy();
        assert!(stem.len() <= dorkarta::naming::MAX_NAME_BYTES, "{stem}");
        assert_ne!(stem.to_uppercase(), "CON");
    }
}

/// Every source of tests/ok renders to every format, not only loads.
#[test]
fn every_ok_source_renders() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ok");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let r = pipeline::render(&std::fs::read(&path).unwrap(), None, &options(None))
            .unwrap_or_else(|d| panic!("{}:\n{}", path.display(), lines(&d)));
        check_outputs(&r);
        count += 1;
    }
    assert!(count >= 5);
}
