//! The DOCX writer end to end: determinism, structure, and what real clients make of it
//! (openxml-audit's verdict for Word, LibreOffice's rendering read back with pdftotext).
//!
//! Outputs are kept in tests/store/docx/ (git-ignored) for a look.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use dorkarta::docx::{self, DocxError, DocxOptions};
use dorkarta::ir::{Block, Cell, Document, Row, Section, Table};

use crate::ir_samples::{
    self, ITEMS_PER_STAGE, ROW_MARKER, SECTION_TWO_TITLE, STAGES, TABLE_HEADER,
};
use crate::tools;

fn store() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/store/docx");
    std::fs::create_dir_all(&dir).expect("create tests/store/docx");
    dir
}

fn write_sample(name: &str) -> (Vec<u8>, PathBuf) {
    let bytes = docx::write(&ir_samples::roadmap_document(), &DocxOptions::default())
        .expect("the sample is valid");
    let path = store().join(name);
    std::fs::write(&path, &bytes).expect("write the sample");
    (bytes, path)
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("the part exists")
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

/// Same input, same bytes: also after other documents were built in the same thread (docx-rs
/// numbers paragraphs from a thread-local counter) and when built in another thread.
#[test]
fn docx_same_document_gives_identical_bytes() {
    let doc = ir_samples::roadmap_document();
    let opts = DocxOptions::default();
    let first = docx::write(&doc, &opts).unwrap();
    let other = Document {
        sections: vec![doc.sections[1].clone()],
        ..doc.clone()
    };
    docx::write(&other, &opts).unwrap();
    let second = docx::write(&doc, &opts).unwrap();
    assert!(first == second, "two writes in one thread differ");
    let doc_for_thread = doc.clone();
    let third = std::thread::spawn(move || docx::write(&doc_for_thread, &DocxOptions::default()))
        .join()
        .unwrap()
        .unwrap();
    assert!(first == third, "a write in another thread differs");
}

/// Every row of the roadmap table covers the whole grid once vertical-merge continuation
/// cells are counted, and the header row is marked to repeat.
#[test]
fn docx_rows_cover_the_grid_with_spans_and_merges() {
    let (bytes, _) = write_sample("structure.docx");
    let xml = part(&bytes, "word/document.xml");
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let table = tree
        .descendants()
        .find(|n| n.has_tag_name((w, "tbl")))
        .unwrap();
    let rows: Vec<_> = table
        .children()
        .filter(|n| n.has_tag_name((w, "tr")))
        .collect();
    let items = STAGES.len() * ITEMS_PER_STAGE;
    assert_eq!(
        rows.len(),
        2 + STAGES.len() + items + 2,
        "two header rows, a row per stage and per item, two more for the item in three parts"
    );
    let mut continuations = 0;
    for (index, row) in rows.iter().enumerate() {
        let mut covered = 0;
        for tc in row.children().filter(|n| n.has_tag_name((w, "tc"))) {
            let span = tc
                .descendants()
                .find(|n| n.has_tag_name((w, "gridSpan")))
                .and_then(|n| n.attribute((w, "val")))
                .map_or(1, |v| v.parse::<usize>().unwrap());
            covered += span;
            if let Some(merge) = tc.descendants().find(|n| n.has_tag_name((w, "vMerge")))
                && merge.attribute((w, "val")).is_none_or(|v| v == "continue")
            {
                continuations += 1;
            }
        }
        assert_eq!(covered, 5, "row {index} covers {covered} grid columns");
        let header = row.descendants().any(|n| n.has_tag_name((w, "tblHeader")));
        assert_eq!(
            header,
            index < 2,
            "row {index}: tblHeader on the two header rows only"
        );
    }
    assert_eq!(
        continuations,
        3 + 3 * 2,
        "one continuation for each of the three header cells spanning two rows, two for each \
         of the three cells of the item in three parts"
    );
    assert!(xml.contains("№\u{a0}7"), "non-breaking spaces are kept");
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"<w:lang w:val="ru-RU"/>"#), "{styles}");
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains(
            "<dc:title>Дорожная карта «Школы с низкими результатами обучения»</dc:title>"
        ),
        "{core}"
    );
}

/// A table's page break lands on its first paragraph; hyphenation is on in the settings, off
/// by default, and on in the style the hyphenated paragraphs use.
#[test]
fn docx_table_page_break_and_hyphenation_reach_the_xml() {
    let mut doc = ir_samples::roadmap_document();
    let Block::Table(table) = &mut doc.sections[1].blocks[1] else {
        panic!("a table")
    };
    table.page_break_before = true;
    let Block::Paragraph(title) = &mut doc.sections[1].blocks[0] else {
        panic!("a paragraph")
    };
    title.style.page_break_before = true;
    let bytes = docx::write(&doc, &DocxOptions::default()).unwrap();
    let xml = part(&bytes, "word/document.xml");
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let tables: Vec<_> = tree
        .descendants()
        .filter(|n| n.has_tag_name((w, "tbl")))
        .collect();
    let first_paragraph_breaks = |t: roxmltree::Node| {
        let p = t.descendants().find(|n| n.has_tag_name((w, "p"))).unwrap();
        p.descendants()
            .any(|n| n.has_tag_name((w, "pageBreakBefore")))
    };
    assert!(
        first_paragraph_breaks(tables[3]),
        "the landscape table starts a page"
    );
    assert!(
        !first_paragraph_breaks(tables[0]),
        "the first table does not"
    );
    let title = tree
        .descendants()
        .find(|n| {
            n.has_tag_name((w, "p")) && n.descendants().any(|t| t.text() == Some(SECTION_TWO_TITLE))
        })
        .unwrap();
    assert!(
        !title
            .descendants()
            .any(|n| n.has_tag_name((w, "pageBreakBefore"))),
        "a section starts a page; its first block adds no break"
    );
    assert!(
        xml.contains(r#"<w:pStyle w:val="Hyphenated" />"#),
        "the preamble is hyphenated"
    );
    let settings = part(&bytes, "word/settings.xml");
    assert!(settings.contains("<w:autoHyphenation/>"), "{settings}");
    let styles = part(&bytes, "word/styles.xml");
    assert!(
        styles.contains(r#"<w:suppressAutoHyphens w:val="0"/>"#),
        "{styles}"
    );
}

/// Each section starts a page and restarts its numbers; a numbered section shows the number
/// from its second page (titlePg with the empty header first), an unnumbered one shows none.
#[test]
fn docx_sections_reference_the_right_headers() {
    for numbers in [[false, true], [true, false]] {
        let mut doc = ir_samples::roadmap_document();
        doc.sections[0].page_numbers = numbers[0];
        doc.sections[1].page_numbers = numbers[1];
        check_section_headers(
            &docx::write(&doc, &DocxOptions::default()).unwrap(),
            &numbers,
        );
    }
}

fn check_section_headers(bytes: &[u8], numbers: &[bool]) {
    let xml = part(bytes, "word/document.xml");
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let sections: Vec<_> = tree
        .descendants()
        .filter(|n| n.has_tag_name((w, "sectPr")))
        .collect();
    assert_eq!(sections.len(), numbers.len());
    let rels = part(bytes, "word/_rels/document.xml.rels");
    let rels = roxmltree::Document::parse(&rels).unwrap();
    let header = |section: &roxmltree::Node, kind: &str| {
        let id = section
            .children()
            .find(|n| {
                n.has_tag_name((w, "headerReference")) && n.attribute((w, "type")) == Some(kind)
            })?
            .attribute((r, "id"))?;
        let target = rels
            .descendants()
            .find(|n| n.attribute("Id") == Some(id))?
            .attribute("Target")?;
        Some(part(bytes, &format!("word/{target}")))
    };
    for (index, (section, numbered)) in sections.iter().zip(numbers).enumerate() {
        let start = section
            .children()
            .find(|n| n.has_tag_name((w, "pgNumType")))
            .and_then(|n| n.attribute((w, "start")));
        assert_eq!(
            start,
            Some("1"),
            "section {index}: numbers restart in every section"
        );
        let title_page = section.children().any(|n| n.has_tag_name((w, "titlePg")));
        let default = header(section, "default").expect("every section names its default header");
        if *numbered {
            assert!(
                title_page,
                "section {index}: the first page has its own header"
            );
            assert!(
                default.contains("PAGE"),
                "section {index}: numbers from page 2"
            );
            let first = header(section, "first").expect("a first-page header");
            assert!(
                !first.contains("PAGE"),
                "section {index}: no number on page 1"
            );
        } else {
            assert!(!title_page, "section {index}");
            assert!(
                !default.contains("PAGE"),
                "section {index}: no number at all"
            );
        }
    }
    let size = sections[1]
        .children()
        .find(|n| n.has_tag_name((w, "pgSz")))
        .unwrap();
    assert_eq!(size.attribute((w, "orient")), Some("landscape"));
}

/// A table whose cells do not fit its columns, or without rows, is a typed error with a
/// Russian message, not a panic and not a file Word would refuse.
#[test]
fn docx_cells_wider_than_the_grid_are_an_error() {
    let empty = Document {
        sections: vec![Section {
            blocks: vec![Block::Table(Table {
                columns: vec![100.0],
                ..Table::default()
            })],
            ..Section::default()
        }],
        ..Document::default()
    };
    assert!(matches!(
        docx::write(&empty, &DocxOptions::default()),
        Err(DocxError::Invalid(_))
    ));
    let table = Table {
        columns: vec![100.0, 100.0],
        rows: vec![Row {
            cells: vec![Cell {
                colspan: 3,
                ..Cell::default()
            }],
            ..Row::default()
        }],
        ..Table::default()
    };
    let doc = Document {
        sections: vec![Section {
            blocks: vec![Block::Table(table)],
            ..Section::default()
        }],
        ..Document::default()
    };
    match docx::write(&doc, &DocxOptions::default()) {
        Err(DocxError::Invalid(message)) => {
            assert!(message.contains("строка 1"), "{message}");
        }
        other => panic!("expected an Invalid error, got {other:?}"),
    }
}

/// The verdict of openxml-audit (the Open XML SDK's rules) for Word is "opens-clean".
#[test]
fn docx_passes_openxml_audit() {
    if !tools::have_python_module("openxml_audit") {
        return;
    }
    let (_, path) = write_sample("roadmap.docx");
    let out = Command::new("python3")
        .args(["-m", "openxml_audit", "-o", "json", "-m", "0"])
        .arg(&path)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value = serde_json::from_str(&report)
        .unwrap_or_else(|e| panic!("openxml-audit output is not JSON ({e}): {report}"));
    let verdicts: Vec<&str> = find_all(&json, "prediction");
    assert!(!verdicts.is_empty(), "no verdict in: {report}");
    assert!(
        verdicts.iter().all(|v| *v == "opens-clean"),
        "openxml-audit: {report}"
    );
}

/// All string values stored under `key`, anywhere in the JSON.
fn find_all<'a>(value: &'a serde_json::Value, key: &str) -> Vec<&'a str> {
    match value {
        serde_json::Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| {
                let own = if k == key { v.as_str() } else { None };
                own.into_iter().chain(find_all(v, key))
            })
            .collect(),
        serde_json::Value::Array(items) => items.iter().flat_map(|v| find_all(v, key)).collect(),
        _ => Vec::new(),
    }
}

/// LibreOffice renders the table header on every page that holds table rows, and page
/// numbers from the second page of each section on, restarting in the landscape section.
#[test]
fn docx_libreoffice_repeats_header_and_numbers_pages_from_two() {
    let (_, path) = write_sample("roadmap-lo.docx");
    let Some(mut pages) = libreoffice_pages(&[path]) else {
        return;
    };
    let pages = pages.remove(0);
    assert!(
        pages.len() >= 4,
        "expected several pages, got {}",
        pages.len()
    );

    let mut number_in_section = 0;
    for (index, page) in pages.iter().enumerate() {
        if page.contains(SECTION_TWO_TITLE) {
            number_in_section = 0;
        }
        number_in_section += 1;
        let what = format!("page {}", index + 1);
        crate::page_checks::assert_page_number(&what, page, number_in_section);
        if page.contains(ROW_MARKER) {
            assert!(
                page.contains(TABLE_HEADER),
                "page {} has table rows but no header",
                index + 1
            );
        }
    }
}

/// Converts DOCX files to PDF with LibreOffice in one run and returns each PDF's pages as
/// text (pdftotext -layout), in the order given. None when the tools are missing.
pub(crate) fn libreoffice_pages(files: &[PathBuf]) -> Option<Vec<Vec<String>>> {
    if !tools::have_all(&["soffice", "pdftotext"]) {
        return None;
    }
    let out_dir = files[0].parent().unwrap();
    // A profile of our own: other soffice processes on the machine must not interfere.
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out_dir)
        .args(files)
        .output()
        .unwrap();
    let pages = files
        .iter()
        .map(|file| {
            let pdf = file.with_extension("pdf");
            assert!(
                pdf.exists(),
                "soffice wrote no {}: {}",
                pdf.display(),
                String::from_utf8_lossy(&status.stderr)
            );
            let text = Command::new("pdftotext")
                .arg("-layout")
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8(text.stdout)
                .unwrap()
                .split('\u{c}')
                .filter(|p| !p.trim().is_empty())
                .map(str::to_owned)
                .collect()
        })
        .collect();
    Some(pages)
}

/// Pages (1-based) whose last table line is a stage row (every item's first line holds
/// [`ROW_MARKER`]).
fn pages_ending_with_a_stage_row(pages: &[String]) -> Vec<usize> {
    let is_stage = |line: &str| STAGES.iter().any(|stage| line.contains(stage));
    let mut ending = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let last = page
            .lines()
            .rfind(|l| is_stage(l) || l.contains(ROW_MARKER));
        if last.is_some_and(is_stage) {
            ending.push(index + 1);
        }
    }
    ending
}

/// In LibreOffice a stage row never ends a page: the table is shifted down in steps of 12 pt
/// over a whole row height; without the keep rule some shift leaves a stage row alone at the
/// bottom of a page (checked, so the sample really exercises the rule), with it none does.
#[test]
fn docx_libreoffice_keeps_stage_rows_with_the_next_row() {
    let dir = store().join("keep");
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for keep in [true, false] {
        for step in 0..16 {
            let doc = ir_samples::shifted_first_section(12.0 * step as f32, keep);
            let path = dir.join(format!("keep-{keep}-{step:02}.docx"));
            std::fs::write(&path, docx::write(&doc, &DocxOptions::default()).unwrap()).unwrap();
            files.push(path);
        }
    }
    let Some(pages) = libreoffice_pages(&files) else {
        return;
    };
    let (kept, loose) = pages.split_at(16);
    for (step, pages) in kept.iter().enumerate() {
        let ending = pages_ending_with_a_stage_row(pages);
        assert!(
            ending.is_empty(),
            "shift {step}: pages {ending:?} end with a stage row"
        );
    }
    assert!(
        loose
            .iter()
            .any(|pages| !pages_ending_with_a_stage_row(pages).is_empty()),
        "without keep rules no shift leaves a stage row at a page bottom: the check proves nothing"
    );
}

/// A row the PDF layout moved whole to the next page, rather than leave part of it at the
/// bottom (item 14 of the Taganrog sample: «ми-нобразова- / ния» across pages), is marked
/// `w:cantSplit` in the DOCX, so that Word and LibreOffice move it too; and the DOCX is the same
/// whether or not a PDF was made with it.
#[test]
fn docx_keeps_whole_the_rows_the_pdf_moved_whole() {
    use dorkarta::pipeline::{self, Formats, Options};
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/taganrog-2023.yaml");
    let bytes = std::fs::read(source).unwrap();
    let render = |formats| {
        let opts = Options {
            formats,
            ..Options::default()
        };
        pipeline::render(&bytes, None, &opts).unwrap().docx.unwrap()
    };
    let both = render(Formats::ALL);
    let alone = render(Formats {
        docx: true,
        pdf: false,
    });
    assert!(both == alone, "the DOCX depends on whether a PDF was made");
    let xml = part(&both, "word/document.xml");
    let row = xml
        .split("<w:tr>")
        .find(|r| r.contains("Наша история успеха"))
        .expect("item 14 is in the table");
    assert!(row.contains("<w:cantSplit />"), "{row}");
}

/// Issue 25, item 3: the document properties Word shows are true: created and modified on the
/// act's date (the order's, else the approval's), not 2000-01-01; and the package carries no
/// part that says nothing (docx-rs's empty comments extension and custom properties).
#[test]
fn properties_carry_the_acts_date_and_no_part_is_empty() {
    use dorkarta::pipeline::{self, Options};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (sample, date) in [
        ("taganrog-2023.yaml", "2023-02-16"),
        ("kaluga-2021.yaml", "2021-09-22"),
    ] {
        let bytes = std::fs::read(root.join("samples").join(sample)).unwrap();
        let docx = pipeline::render(&bytes, None, &Options::default())
            .unwrap()
            .docx
            .unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(&docx)).unwrap();
        let mut core = String::new();
        zip.by_name("docProps/core.xml")
            .unwrap()
            .read_to_string(&mut core)
            .unwrap();
        for tag in ["created", "modified"] {
            let want = format!(
                "<dcterms:{tag} xsi:type=\"dcterms:W3CDTF\">{date}T00:00:00Z</dcterms:{tag}>"
            );
            assert!(core.contains(&want), "{sample}: {core}");
        }
        let names: Vec<String> = (0..zip.len())
            .map(|i| zip.by_index(i).unwrap().name().unwrap().into_owned())
            .collect();
        for empty in [
            "word/commentsExtended.xml",
            "docProps/custom.xml",
            "word/comments.xml",
        ] {
            assert!(
                !names.iter().any(|n| n == empty),
                "{sample}: {empty} in {names:?}"
            );
        }
        let mut types = String::new();
        zip.by_name("[Content_Types].xml")
            .unwrap()
            .read_to_string(&mut types)
            .unwrap();
        assert!(
            !types.contains("commentsExtended") && !types.contains("custom.xml"),
            "{types}"
        );
    }
}

/// The DOCX of each sample, as `render` makes it.
fn sample_docx(name: &str) -> Vec<u8> {
    use dorkarta::pipeline::{self, Options};
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.yaml"));
    let bytes = std::fs::read(path).unwrap();
    pipeline::render(&bytes, None, &Options::default())
        .unwrap_or_else(|d| panic!("{name}: {d:#?}"))
        .docx
        .unwrap()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A paragraph style of styles.xml as far as the checks below need it.
#[derive(Debug, Default, Clone)]
struct DocxStyle {
    name: String,
    based_on: Option<String>,
    /// Values of `w:jc`, `w:sz`, `w:b`, `w:i`, `w:outlineLvl` it states itself.
    own: std::collections::BTreeMap<&'static str, String>,
}

/// The value an on/off or valued property element gives: `w:val`, or "1" when absent.
fn value_of(node: roxmltree::Node) -> String {
    match node.attribute((W, "val")) {
        Some("true" | "on") | None => "1".into(),
        Some("false" | "off") => "0".into(),
        Some(v) => v.into(),
    }
}

/// The formatting properties the checks compare, found directly in `props` (a pPr or rPr).
fn properties(
    props: Option<roxmltree::Node>,
    names: &[&'static str],
) -> std::collections::BTreeMap<&'static str, String> {
    let mut found = std::collections::BTreeMap::new();
    let Some(props) = props else { return found };
    for child in props.children().filter(|n| n.is_element()) {
        if let Some(name) = names.iter().find(|n| child.has_tag_name((W, **n))) {
            found.insert(*name, value_of(child));
        }
    }
    found
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((W, name)))
}

const PARAGRAPH_PROPS: &[&str] = &["jc", "outlineLvl"];
const RUN_PROPS: &[&str] = &["sz", "b", "i"];

fn docx_styles(styles_xml: &str) -> std::collections::BTreeMap<String, DocxStyle> {
    let tree = roxmltree::Document::parse(styles_xml).unwrap();
    tree.descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .map(|style| {
            let id = style.attribute((W, "styleId")).unwrap().to_owned();
            let val = |name| child(style, name).and_then(|n| n.attribute((W, "val")));
            let mut own = properties(child(style, "pPr"), PARAGRAPH_PROPS);
            own.extend(properties(child(style, "rPr"), RUN_PROPS));
            let parsed = DocxStyle {
                name: val("name").unwrap_or_default().to_owned(),
                based_on: val("basedOn").map(str::to_owned),
                own,
            };
            (id, parsed)
        })
        .collect()
}

/// A property's value in a style, through the styles it is based on.
fn effective(
    styles: &std::collections::BTreeMap<String, DocxStyle>,
    id: &str,
    prop: &str,
) -> Option<String> {
    let style = styles.get(id)?;
    match style.own.get(prop) {
        Some(v) => Some(v.clone()),
        None => style
            .based_on
            .as_deref()
            .and_then(|b| effective(styles, b, prop)),
    }
}

/// Issue 25, item 1: in every sample's DOCX, each paragraph with text names a style that
/// styles.xml defines under a Russian name, and restates none of its style's alignment, size,
/// bold or italic (on the paragraph, its mark or its runs); the stages are in the navigation
/// pane through their style's outline level, a level below the title; together the samples
/// use a style for every role.
#[test]
fn docx_paragraphs_name_russian_styles_and_restate_nothing_of_them() {
    let mut names_used = std::collections::BTreeSet::new();
    for (name, _) in crate::samples::SAMPLES {
        let bytes = sample_docx(name);
        let styles = docx_styles(&part(&bytes, "word/styles.xml"));
        for (id, style) in &styles {
            let cyrillic = style
                .name
                .chars()
                .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap()));
            assert!(
                id == "Normal" || cyrillic,
                "{name}: style {id} is named «{}»",
                style.name
            );
        }
        let xml = part(&bytes, "word/document.xml");
        let tree = roxmltree::Document::parse(&xml).unwrap();
        let mut stages = Vec::new();
        for p in tree.descendants().filter(|n| n.has_tag_name((W, "p"))) {
            let text: String = p
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect();
            let ppr = child(p, "pPr");
            let id = ppr
                .and_then(|ppr| child(ppr, "pStyle"))
                .and_then(|s| s.attribute((W, "val")));
            let Some(id) = id else {
                assert!(text.is_empty(), "{name}: «{text}» has no style");
                continue;
            };
            let style = styles
                .get(id)
                .unwrap_or_else(|| panic!("{name}: «{text}» names style {id}, not in styles.xml"));
            names_used.insert(style.name.clone());
            if style.name == "Этап" {
                stages.push(text.clone());
            }
            // Each set of direct properties, with the character style of its run.
            let mut direct = vec![(properties(ppr, PARAGRAPH_PROPS), None)];
            direct.push((
                properties(ppr.and_then(|ppr| child(ppr, "rPr")), RUN_PROPS),
                None,
            ));
            for run in p.children().filter(|n| n.has_tag_name((W, "r"))) {
                let rpr = child(run, "rPr");
                let character = rpr
                    .and_then(|rpr| child(rpr, "rStyle"))
                    .and_then(|s| s.attribute((W, "val")));
                if let Some(character) = character {
                    let style = styles.get(character).unwrap_or_else(|| {
                        panic!("{name}: «{text}» names style {character}, not in styles.xml")
                    });
                    names_used.insert(style.name.clone());
                }
                direct.push((properties(rpr, RUN_PROPS), character));
            }
            for (props, character) in direct {
                for (prop, value) in props {
                    let mut inherited = effective(&styles, id, prop).unwrap_or_else(|| {
                        // What the document defaults give: 14 pt, left, neither bold nor italic.
                        match prop {
                            "sz" => "28",
                            "jc" => "left",
                            _ => "0",
                        }
                        .into()
                    });
                    // Word toggles a character style's bold and italic against the paragraph's.
                    let toggled = character
                        .and_then(|c| effective(&styles, c, prop))
                        .is_some_and(|v| v == "1");
                    if toggled && matches!(prop, "b" | "i") {
                        inherited = if inherited == "1" { "0" } else { "1" }.into();
                    }
                    assert_ne!(
                        value, inherited,
                        "{name}: «{text}» restates {prop}={value} of its style {id}"
                    );
                }
            }
            assert!(
                ppr.and_then(|ppr| child(ppr, "outlineLvl")).is_none(),
                "{name}: «{text}»: outline levels are the styles'"
            );
        }
        if *name == "taganrog-2023" {
            assert_eq!(
                stages,
                ["Проектно-деятельностный этап", "Итоговый этап"],
                "the stages' titles are in the stage style"
            );
        }
        // The stages are listed in the navigation pane, a level below the appendix's title.
        let stage_level = styles
            .iter()
            .find(|(_, s)| s.name == "Этап")
            .and_then(|(id, _)| effective(&styles, id, "outlineLvl"));
        let title_level = styles
            .iter()
            .find(|(_, s)| s.name == "Заголовок приложения")
            .and_then(|(id, _)| effective(&styles, id, "outlineLvl"));
        assert_eq!(
            (title_level.as_deref(), stage_level.as_deref()),
            (Some("0"), Some("1")),
            "{name}"
        );
    }
    for role in [
        "Отметка о приложении",
        "Гриф утверждения",
        "Заголовок приложения",
        "Подзаголовок приложения",
        "Вводная часть",
        "Метка вводной части",
        "Перечисление",
        "Шапка таблицы",
        "Этап",
        "Номер этапа",
        "Заголовок в таблице",
        "Этап курсивом",
        "Этап обычным шрифтом",
        "Номер этапа курсивом",
        "Номер этапа обычным шрифтом",
        "Заголовок в таблице обычным шрифтом",
        "Текст таблицы",
        "Текст таблицы по центру",
        "Список в ячейке",
        "Подпись",
        "Подпись: фамилия",
        "Вид документа",
        "Заголовок к тексту",
        "Текст приказа",
        "Пункт приказа",
    ] {
        assert!(
            names_used.contains(role),
            "no paragraph of «{role}»: {names_used:?}"
        );
    }
}

/// The rows of the Sosnovka sample that print as the source asks, with the emphasis each
/// must have: (text the paragraph starts with, bold, italic).
pub(crate) const SOSNOVKA_ROWS: &[(&str, bool, bool)] = &[
    ("I", true, false),
    (
        "Нормативно-правовое и организационное обеспечение",
        true,
        false,
    ),
    ("Мероприятия для руководителей", false, true),
    ("II", false, true),
    ("Методическое сопровождение наставников", false, true),
    ("Примечание: мероприятия пунктов", false, false),
    ("III", false, false),
    ("Мотивация наставников", false, false),
    ("IV", true, false),
    ("Информационное сопровождение", true, false),
];

/// Issue 23, item 7: in the DOCX, stage rows print bold, italic or plain as their `style`
/// asks, their numbers with them; a heading row italic by default and a note row plain; each
/// of these paragraphs is kept with the next (`w:keepNext`), so Word keeps the row with the one
/// after it; item numbers carry no dot (`dot: false`).
#[test]
fn docx_stage_and_heading_rows_print_as_asked_and_keep_with_next() {
    let bytes = sample_docx("sosnovka-2025");
    let styles = docx_styles(&part(&bytes, "word/styles.xml"));
    let xml = part(&bytes, "word/document.xml");
    let tree = roxmltree::Document::parse(&xml).unwrap();
    let paragraphs: Vec<(String, roxmltree::Node)> = tree
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let text: String = p
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect();
            (text.replace('\u{a0}', " "), p)
        })
        .collect();
    for &(start, bold, italic) in SOSNOVKA_ROWS {
        let (text, p) = paragraphs
            .iter()
            .find(|(text, _)| {
                if start.len() <= 3 {
                    text == start
                } else {
                    text.starts_with(start)
                }
            })
            .unwrap_or_else(|| panic!("no paragraph «{start}»"));
        let ppr = child(*p, "pPr");
        let id = ppr
            .and_then(|ppr| child(ppr, "pStyle"))
            .and_then(|s| s.attribute((W, "val")))
            .unwrap_or_else(|| panic!("«{text}» has no style"));
        let on = |prop| effective(&styles, id, prop).is_some_and(|v| v == "1");
        assert_eq!(
            (on("b"), on("i")),
            (bold, italic),
            "«{text}» (style {id}): bold, italic"
        );
        // No run overrides its style's emphasis.
        for rpr in p.descendants().filter(|n| n.has_tag_name((W, "rPr"))) {
            let direct = properties(Some(rpr), &["b", "i"]);
            assert!(direct.is_empty(), "«{text}» sets {direct:?} on a run");
        }
        assert!(
            ppr.and_then(|ppr| child(ppr, "keepNext")).is_some(),
            "«{text}» is not kept with the next paragraph"
        );
    }
    let numbers: Vec<&str> = paragraphs
        .iter()
        .map(|(text, _)| text.as_str())
        .filter(|t| ["1", "9", "16", "1.", "16.", "I.", "II."].contains(t))
        .collect();
    assert_eq!(numbers, ["1", "9", "16"], "item numbers without a dot");
}

/// Issue 25, item 2: no empty paragraph makes space in the samples' DOCX. The only empty
/// paragraphs of the body follow a table: the one Word needs between the roadmap table and the
/// signature table, and the one that ends a section after its last table.
#[test]
fn docx_has_no_empty_paragraph_but_after_a_table() {
    for (name, _) in crate::samples::SAMPLES {
        let xml = part(&sample_docx(name), "word/document.xml");
        let tree = roxmltree::Document::parse(&xml).unwrap();
        let body = tree
            .descendants()
            .find(|n| n.has_tag_name((W, "body")))
            .unwrap();
        let blocks: Vec<_> = body.children().filter(|n| n.is_element()).collect();
        for (index, block) in blocks.iter().enumerate() {
            let empty = block.has_tag_name((W, "p"))
                && !block.descendants().any(|n| n.has_tag_name((W, "t")));
            if empty {
                let after_table = index > 0 && blocks[index - 1].has_tag_name((W, "tbl"));
                assert!(
                    after_table,
                    "{name}: empty paragraph {index} of the body follows a paragraph"
                );
            }
        }
    }
}

/// A grouped header and its row of column numbers repeat as one: Word repeats the leading rows
/// marked `w:tblHeader`, so all three rows of kedrovka-2025's activities header carry it (and
/// both rows of its indicators table's) and no body row does; the group's cell spans its
/// quarters and the titles outside it span both title rows.
#[test]
fn docx_marks_both_title_rows_and_the_column_number_row_as_header() {
    let xml = part(&sample_docx("kedrovka-2025"), "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let tables: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .collect();
    fn rows_of<'a, 'i>(table: roxmltree::Node<'a, 'i>) -> Vec<roxmltree::Node<'a, 'i>> {
        table
            .children()
            .filter(|n| n.has_tag_name((W, "tr")))
            .collect()
    }
    let marked = |rows: &[roxmltree::Node]| -> Vec<bool> {
        rows.iter()
            .map(|r| r.descendants().any(|n| n.has_tag_name((W, "tblHeader"))))
            .collect()
    };
    // The indicators table first: its group over the years makes two title rows.
    let indicators = marked(&rows_of(tables[0]));
    assert_eq!(indicators[..3], [true, true, false]);
    assert!(
        indicators[2..].iter().all(|m| !m),
        "an indicator row repeats"
    );
    // The activities: two title rows and the row of column numbers.
    let rows = rows_of(tables[1]);
    let marked = marked(&rows);
    assert_eq!(marked[..4], [true, true, true, false]);
    assert!(marked[3..].iter().all(|m| !m), "a body row repeats");
    let spans: Vec<String> = rows[0]
        .children()
        .filter(|n| n.has_tag_name((W, "tc")))
        .map(|tc| {
            let span = tc
                .descendants()
                .find(|n| n.has_tag_name((W, "gridSpan")))
                .map_or("1".to_string(), value_of);
            let down = tc.descendants().any(|n| n.has_tag_name((W, "vMerge")));
            format!("{span}{}", if down { "↓" } else { "" })
        })
        .collect();
    assert_eq!(spans, ["1↓", "1↓", "1↓", "4", "1↓"]);
    let numbers: Vec<String> = rows[2]
        .children()
        .filter(|n| n.has_tag_name((W, "tc")))
        .map(|tc| {
            tc.descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|t| t.text())
                .collect()
        })
        .collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6", "7", "8"]);
}
