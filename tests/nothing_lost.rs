//! Sources that once lost content in the PDF without a word (issue 19): a table header taller
//! than the page, characters the main font lacks. Each renders through `pipeline::render`, and
//! the PDF's text is read back with pdftotext (a test prints a note and passes when poppler is
//! not installed; CI installs it).

use crate::tools;
use std::io::{Cursor, Read};

use dorkarta::diag::Diagnostic;
use dorkarta::pipeline::{self, Options, Rendered};

fn render(source: &str) -> Rendered {
    match pipeline::render(source.as_bytes(), None, &Options::default()) {
        Ok(r) => r,
        Err(diags) => panic!("render failed: {diags:?}"),
    }
}

/// The PDF's text through pdftotext (`None` when it is not installed).
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = tools::run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut text = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// A paragraph's text, line breaks as `\n`, no-break spaces as spaces.
fn paragraph_text(p: &dorkarta::ir::Paragraph) -> String {
    p.inlines
        .iter()
        .map(|i| match i {
            dorkarta::ir::Inline::Text(t) => t.text.replace('\u{a0}', " "),
            dorkarta::ir::Inline::LineBreak => "\n".into(),
        })
        .collect()
}

fn warnings_about<'a>(r: &'a Rendered, needle: &str) -> Vec<&'a Diagnostic> {
    r.warnings
        .iter()
        .filter(|d| d.message.contains(needle))
        .collect()
}

const TALL_TITLE: &str =
    "Отметка о выполнении мероприятия и подпись ответственного лица с расшифровкой";

/// The minimal source with a fifth column whose title, in a column 2 % wide, is taller than
/// the page, and `items` items, each with a word of its own («пунктN»).
fn tall_header_source(items: usize) -> String {
    let mut s = format!(
        "order:
  authority: Управление образования г. Таганрога
  authority_genitive: Управления образования г. Таганрога
  date: 2023-02-16
  number: \"206\"
appendix:
  title: Дорожная карта по повышению качества образования
  columns:
    - {{ key: number, title: № п/п, width: 6 }}
    - {{ key: activity, title: Содержание деятельности, width: 48 }}
    - {{ key: deadline, title: Сроки, width: 20 }}
    - {{ key: responsible, title: Ответственный, width: 24 }}
    - {{ key: mark, title: {TALL_TITLE}, width: 2, blank: true }}
  stages:
    - title: Подготовительный этап
      items:
"
    );
    for i in 1..=items {
        s.push_str(&format!(
            "        - activity: Мероприятие пункт{i}x\n          deadline: 2023-02-16\n          \
             responsible: Морозова О.Л.\n"
        ));
    }
    s
}

/// Issue 19, item 1: the header was repeated on every page, overflowing it, and every body row
/// was lost (303 pages, none of the 100 items). Now the header is laid out once, across pages,
/// every item is in the PDF, the DOCX does not repeat the header either, and a warning names
/// the column and where its title is in the source.
#[test]
fn a_header_taller_than_the_page_loses_no_row() {
    let source = tall_header_source(100);
    let r = render(&source);
    let pages = r.pages.unwrap();
    assert!(
        (2..=12).contains(&pages),
        "{pages} pages for 100 short items"
    );
    if let Some(text) = pdf_text(r.pdf.as_ref().unwrap()) {
        let words: Vec<&str> = text.split_whitespace().collect();
        for i in 1..=100 {
            let word = format!("пункт{i}x");
            assert!(
                words.contains(&word.as_str()),
                "{word} missing from the PDF"
            );
        }
        assert_eq!(text.matches("Ответственный").count(), 1, "header repeated");
    }
    let xml = document_xml(r.docx.as_ref().unwrap());
    assert!(
        !xml.contains("w:tblHeader"),
        "the DOCX still repeats the header"
    );

    let tall = warnings_about(&r, "шапка таблицы выше страницы");
    assert_eq!(tall.len(), 1, "{:?}", r.warnings);
    assert!(
        tall[0]
            .message
            .contains(&format!("столбца 5 «{TALL_TITLE}»"))
    );
    let line = source.lines().position(|l| l.contains(TALL_TITLE)).unwrap() + 1;
    let column = source.lines().nth(line - 1).unwrap()[..]
        .find(TALL_TITLE)
        .map(|at| source.lines().nth(line - 1).unwrap()[..at].chars().count() + 1)
        .unwrap();
    assert_eq!(
        (tall[0].pos.line, tall[0].pos.column),
        (line as u32, column as u32)
    );
    assert!(tall[0].hints.iter().any(|h| h.contains("расширьте")));
}

/// A header that fits keeps being repeated, with no warning (the usual case is unchanged).
#[test]
fn a_header_that_fits_is_still_repeated() {
    let source = tall_header_source(100).replace(TALL_TITLE, "Отметка");
    let r = render(&source);
    assert!(warnings_about(&r, "шапка таблицы").is_empty());
    assert!(document_xml(r.docx.as_ref().unwrap()).contains("w:tblHeader"));
    if let Some(text) = pdf_text(r.pdf.as_ref().unwrap()) {
        assert_eq!(text.matches("Ответственный").count(), r.pages.unwrap());
    }
}

const SYMBOLS: &str = "₽ ✓ ☐ ☑ ⇒ → ≥ ≤ № ★ 漢字テスト";

/// The minimal source with an item whose activity is `SYMBOLS`.
fn symbols_source() -> String {
    let minimal = include_str!("ok/minimal.yaml");
    let source = minimal.replace(
        "activity: Издание приказа о рабочей группе",
        &format!("activity: \"{SYMBOLS}\""),
    );
    assert_ne!(source, minimal);
    source
}

/// Issue 19, item 2: symbols Liberation Serif lacks were drawn as .notdef gaps and the text
/// layer mapped them to wrong characters («ยยยยย» for «漢字テスト»). Now the fallback font
/// draws the symbols, the text layer gives back every character (CJK through /ActualText), a
/// warning places the first character no font has, and the DOCX names the fallback font.
#[test]
fn characters_the_serif_lacks_come_back_from_the_pdf_and_are_warned_about() {
    let source = symbols_source();
    let r = render(&source);
    let pdf = r.pdf.as_ref().unwrap();
    if let Some(text) = pdf_text(pdf) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(SYMBOLS), "{text}");
    }
    // The covered symbols have real glyphs, in the fallback face where the serif lacks them.
    let fonts = dorkarta::fonts::shared().unwrap();
    for ch in "₽✓☐☑⇒→≥≤№★".chars() {
        assert!(fonts.covers(dorkarta::fonts::Face::Regular, ch), "{ch}");
    }
    let embedded = String::from_utf8_lossy(pdf);
    assert!(
        embedded.contains("DejaVuSans"),
        "the fallback font is not embedded"
    );

    let missing = warnings_about(&r, "во встроенных шрифтах нет");
    assert_eq!(missing.len(), 1, "{:?}", r.warnings);
    assert!(missing[0].message.contains("«漢» (U+6F22)"));
    assert!(missing[0].message.contains("«ト» (U+30C8)"));
    assert!(
        !missing[0].message.contains('₽'),
        "₽ is drawn by the fallback"
    );
    let line = source.lines().position(|l| l.contains('漢')).unwrap();
    let text = source.lines().nth(line).unwrap();
    let column = text[..text.find('漢').unwrap()].chars().count() + 1;
    assert_eq!(
        (missing[0].pos.line, missing[0].pos.column),
        (line as u32 + 1, column as u32)
    );

    let xml = document_xml(r.docx.as_ref().unwrap());
    assert!(
        xml.contains(r#"<w:rFonts w:ascii="DejaVu Sans" w:hAnsi="DejaVu Sans" w:cs="DejaVu Sans" w:eastAsia="DejaVu Sans" /></w:rPr><w:t xml:space="preserve">₽</w:t>"#),
        "the DOCX does not name the fallback font for ₽"
    );
    // Same input, same bytes.
    let again = render(&source);
    assert_eq!(again.pdf, r.pdf);
    assert_eq!(again.docx, r.docx);
}

/// pdffonts lists the fallback font embedded, subset, with a /ToUnicode map.
#[test]
fn the_fallback_font_is_embedded_subset_with_a_unicode_map() {
    let r = render(&symbols_source());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, r.pdf.unwrap()).unwrap();
    let Some(out) = tools::run("pdffonts", &[path.to_str().unwrap()]) else {
        return;
    };
    let listing = String::from_utf8(out.stdout).unwrap();
    let line = listing
        .lines()
        .find(|l| l.contains("+DejaVuSans"))
        .unwrap_or_else(|| panic!("no DejaVuSans in\n{listing}"));
    let cols: Vec<&str> = line.split_whitespace().collect();
    let n = cols.len();
    assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{line}");
}

/// Issue 26, item 4: a layout warning is placed by where the IR says the thing came from (the
/// row's item, through the page description's `source`), not by the first mention of its text:
/// here «漢» is first written in a comment above the order, then in the second item.
#[test]
fn a_missing_glyph_is_reported_in_its_item_not_at_an_earlier_mention() {
    let minimal = String::from_utf8(crate::binary::minimal()).unwrap();
    let source = format!("# 漢 — так в оригинале\n{minimal}").replace(
        "          responsible: Морозова О.Л.",
        "          responsible: Морозова О.Л.\n        - activity: Второй пункт 漢\n          deadline: 2023-03",
    );
    let r = render(&source);
    let missing = warnings_about(&r, "во встроенных шрифтах нет");
    assert_eq!(missing.len(), 1, "{:?}", r.warnings);
    let line = source
        .lines()
        .position(|l| l.contains("Второй пункт"))
        .unwrap();
    let column = source
        .lines()
        .nth(line)
        .unwrap()
        .chars()
        .position(|c| c == '漢')
        .unwrap()
        + 1;
    assert_eq!(
        (missing[0].pos.line, missing[0].pos.column),
        (line as u32 + 1, column as u32)
    );
}

/// Issue 26, item 4: a stage row (kept whole) taller than a page is split all the same, and
/// the warning says so at the stage in the source.
#[test]
fn a_stage_row_taller_than_a_page_is_split_with_a_warning_at_the_stage() {
    let minimal = String::from_utf8(crate::binary::minimal()).unwrap();
    let long = "очень длинное название этапа ".repeat(400);
    let source = minimal.replace(
        "    - title: Подготовительный этап",
        &format!("    - title: Подготовительный этап {long}"),
    );
    let r = render(&source);
    let split = warnings_about(&r, "выше страницы: её нельзя было перенести");
    assert_eq!(split.len(), 1, "{:?}", r.warnings);
    let line = source
        .lines()
        .position(|l| l.contains("- title: Подготовительный"))
        .unwrap();
    assert_eq!(split[0].pos.line, line as u32 + 1, "{:?}", split[0]);
    assert!(r.pages.unwrap() > 1);
}

/// Issue 23, item 9: a line break written in a text is a line break in the document, in the
/// subtitle, the preamble's text and list, a cell and the responsible (it was a space in all
/// but the cells).
#[test]
fn line_breaks_written_in_texts_are_kept() {
    let minimal = String::from_utf8(crate::binary::minimal()).unwrap();
    let source = minimal
        .replace(
            "  title: Дорожная карта по повышению качества образования",
            "  title: Дорожная карта по повышению качества образования\n  subtitle: |-\n    подзаголовок раз\n    подзаголовок два\n  preamble:\n    - label: Цель\n      text: |-\n        цель раз\n        цель два\n    - label: Задачи\n      list:\n        - |-\n          задача раз\n          задача два",
        )
        .replace(
            "          responsible: Морозова О.Л.",
            "          responsible: |-\n            Морозова О.Л.\n            Иванова И.И.",
        );
    let resolved = pipeline::prepare(source.as_bytes(), None).unwrap().value;
    let doc = pipeline::document(&resolved, &Default::default()).unwrap();
    for (first, second) in [
        ("подзаголовок раз", "подзаголовок два"),
        ("цель раз", "цель два"),
        ("задача раз", "задача два"),
        ("Морозова", "Иванова"),
    ] {
        let broken = doc
            .paragraphs()
            .map(paragraph_text)
            .any(|text| text.contains(first) && text.contains('\n') && text.contains(second));
        let separate = {
            let has = |w: &str| {
                doc.paragraphs().position(|p| {
                    p.inlines
                        .iter()
                        .any(|i| matches!(i, dorkarta::ir::Inline::Text(t) if t.text.contains(w)))
                })
            };
            matches!((has(first), has(second)), (Some(a), Some(b)) if a != b)
        };
        assert!(
            broken || separate,
            "«{first}» and «{second}» are on one line"
        );
    }
}

/// Issue 23, item 8: a preamble label set off by a colon (the default), a dash, nothing, or
/// on a line of its own above its text; a label before a list alone keeps its colon.
#[test]
fn preamble_labels_are_set_off_as_the_source_asks() {
    let minimal = String::from_utf8(crate::binary::minimal()).unwrap();
    let with = |style: &str| {
        let setting = match style {
            "" => String::new(),
            s => format!("\n  preamble_labels: {s}"),
        };
        let source = minimal.replace(
            "  title: Дорожная карта по повышению качества образования",
            &format!(
                "  title: Дорожная карта по повышению качества образования{setting}\n  preamble:\n    - {{ label: Цель, text: создание условий }}\n    - label: Задачи\n      list: [первая]"
            ),
        );
        let resolved = pipeline::prepare(source.as_bytes(), None).unwrap().value;
        let doc = pipeline::document(&resolved, &Default::default()).unwrap();
        let texts: Vec<String> = doc
            .paragraphs()
            .map(paragraph_text)
            .filter(|t| t.contains("Цель") || t.contains("Задачи") || t.contains("создание"))
            .collect();
        texts
    };
    assert_eq!(with(""), ["Цель: создание условий", "Задачи:"]);
    assert_eq!(with("colon"), ["Цель: создание условий", "Задачи:"]);
    assert_eq!(with("dash"), ["Цель – создание условий", "Задачи:"]);
    assert_eq!(with("none"), ["Цель создание условий", "Задачи:"]);
    assert_eq!(with("above"), ["Цель:", "создание условий", "Задачи:"]);
}

/// Issue 23, item 9: a line break in a position or a name (the approver's mark, the order's
/// signature with and without an electronic one) is a line break in the document.
#[test]
fn line_breaks_in_positions_and_names_are_kept() {
    let full = std::fs::read_to_string(crate::binary::root().join("tests/ok/full.yaml")).unwrap();
    let source = full
        .replacen(
            "      position: Начальник Отдела по образованию",
            "      position: |-\n        Начальник Отдела\n        по образованию",
            1,
        )
        .replacen(
            "      position: Директор школы",
            "      position: |-\n        Директор\n        школы",
            1,
        );
    assert_ne!(source, full);
    let resolved = pipeline::prepare(source.as_bytes(), None).unwrap().value;
    let doc = pipeline::document(&resolved, &Default::default()).unwrap();
    for (first, second) in [
        ("Начальник Отдела", "по образованию"),
        ("Директор", "школы"),
    ] {
        let broken = doc
            .paragraphs()
            .map(paragraph_text)
            .any(|text| text.contains(&format!("{first}\n{second}")));
        assert!(broken, "«{first}» and «{second}» are on one line");
    }
}

/// Issue 23, item 12: several documents of one act (a plan-schedule per year), each from a new
/// page, with their marks (the sample) or without: a plan without one opens with its title.
#[test]
fn several_plans_of_one_act_each_start_a_page_with_or_without_a_mark() {
    let sample =
        std::fs::read_to_string(crate::binary::root().join("samples/berezovka-2024.yaml")).unwrap();
    let first_lines = |source: &str| -> Vec<String> {
        let resolved = pipeline::prepare(source.as_bytes(), None).unwrap().value;
        let doc = pipeline::document(&resolved, &Default::default()).unwrap();
        doc.sections
            .iter()
            .map(|s| match &s.blocks[0] {
                dorkarta::ir::Block::Paragraph(p) => p
                    .inlines
                    .iter()
                    .find_map(|i| match i {
                        dorkarta::ir::Inline::Text(t) => Some(t.text.replace('\u{a0}', " ")),
                        dorkarta::ir::Inline::LineBreak => None,
                    })
                    .unwrap_or_default(),
                dorkarta::ir::Block::Table(_) => String::new(),
            })
            .collect()
    };
    assert_eq!(
        first_lines(&sample),
        ["Приложение № 1", "Приложение № 2", "Приложение № 3"]
    );
    let unmarked = sample.replace(
        "  - mark: { kind: appendix }\n",
        "  - mark: { kind: none }\n",
    );
    assert_ne!(unmarked, sample);
    let lines = first_lines(&unmarked);
    assert_eq!(lines.len(), 3);
    assert!(
        lines.iter().all(|l| l.starts_with("План-график")),
        "{lines:?}"
    );
}
