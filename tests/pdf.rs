//! The PDF writer on a roadmap-shaped IR built by hand (tests/ir_samples.rs), checked with outside
//! tools (qpdf, pdffonts, pdftotext from poppler-utils). A test whose tool is missing prints a
//! note and passes; CI installs the tools.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dorkarta::fonts::Fonts;
use dorkarta::layout::{self, Page};
use dorkarta::pdf::{self, PdfOptions};

use crate::ir_samples::{self, LONG_CELL_END, LONG_CELL_START, ROW_MARKER, STAGES, TABLE_HEADER};

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts::embedded().unwrap())
}

fn pages() -> &'static Vec<Page> {
    static PAGES: OnceLock<Vec<Page>> = OnceLock::new();
    PAGES.get_or_init(|| layout::layout(&ir_samples::roadmap_document(), fonts()))
}

fn render() -> Vec<u8> {
    let doc = ir_samples::roadmap_document();
    let pages = layout::layout(&doc, fonts());
    pdf::write(&pages, &doc.meta, &PdfOptions::default()).unwrap()
}

/// The roadmap PDF, written once to tests/store/roadmap.pdf for the tools (and for a look).
fn stored() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/store");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("roadmap.pdf");
        std::fs::write(&path, render()).unwrap();
        path
    })
}

use crate::tools::run as tool;

fn page_text(path: &Path, page: usize, raw: bool) -> Option<String> {
    let p = page.to_string();
    let file = path.to_str().unwrap();
    let mut args = vec!["-f", &p, "-l", &p, "-enc", "UTF-8"];
    if raw {
        args.push("-raw");
    }
    args.extend([file, "-"]);
    let out = tool("pdftotext", &args)?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn pdf_passes_qpdf_check() {
    let Some(out) = tool("qpdf", &["--check", stored().to_str().unwrap()]) else {
        return;
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("No syntax or stream encoding errors found"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("WARNING") && stderr.is_empty(),
        "{stdout}\n{stderr}"
    );
}

#[test]
fn every_font_is_embedded_subset_with_unicode_map() {
    let Some(out) = tool("pdffonts", &[stored().to_str().unwrap()]) else {
        return;
    };
    let listing = String::from_utf8(out.stdout).unwrap();
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert!(fonts.len() >= 2, "regular and bold at least:\n{listing}");
    for line in fonts {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        // name type encoding emb sub uni object ID
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{line}");
        assert!(cols[0].contains("+LiberationSerif"), "{line}");
    }
}

#[test]
fn text_comes_back_with_cyrillic_quotes_numero_and_dashes() {
    let Some(out) = tool(
        "pdftotext",
        &["-raw", "-enc", "UTF-8", stored().to_str().unwrap(), "-"],
    ) else {
        return;
    };
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "УТВЕРЖДЕНА",
        "приказом Управления",
        "от 16.02.2023 № 206",
        "«Об",
        "результаты»",
        "участников проекта",
        "–",
        "Подготовительный этап",
        "ДОКУМЕНТ ПОДПИСАН",
        "ЭЛЕКТРОННОЙ ПОДПИСЬЮ",
        "О.Л. Морозова",
    ] {
        assert!(text.contains(expected), "«{expected}» missing in:\n{text}");
    }
}

#[test]
fn header_on_every_table_page_and_numbers_from_page_two_per_section() {
    let path = stored();
    let total = pages().len();
    // Section 1 is portrait; section 2 (landscape) restarts the numbering.
    let first_landscape = pages().iter().position(|p| p.width > p.height).unwrap();
    assert!(
        first_landscape >= 3,
        "the roadmap table takes several pages"
    );
    for i in 0..total {
        let Some(text) = page_text(path, i + 1, false) else {
            return;
        };
        let number_in_section = if i < first_landscape {
            i + 1
        } else {
            i - first_landscape + 1
        };
        crate::page_checks::assert_page_number(
            &format!("page {}", i + 1),
            &text,
            number_in_section,
        );
        let has_rows = text.contains(ROW_MARKER) || text.contains("результатов оценочных");
        if has_rows {
            assert!(
                text.contains(TABLE_HEADER),
                "page {} holds rows but no header",
                i + 1
            );
            assert!(text.contains("Отметка о"), "page {}", i + 1);
        }
    }
}

#[test]
fn two_renders_are_byte_identical() {
    let a = render();
    let b = render();
    assert!(a == b, "renders differ");
    assert!(a.starts_with(b"%PDF-"));
    // The identifier is a content hash, not the blank placeholder.
    let tail = String::from_utf8_lossy(&a[a.len().saturating_sub(400)..]).into_owned();
    assert!(
        tail.contains("/ID") && !tail.contains(&"00".repeat(16)),
        "{tail}"
    );
}

#[test]
fn metadata_and_language_are_written() {
    let Some(out) = tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            stored().to_str().unwrap(),
            "-",
        ],
    ) else {
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("/Lang (ru-RU)"), "no /Lang");
    assert!(
        !text.contains("/CreationDate") && !text.contains("/ModDate"),
        "no clock dates"
    );
    let Some(info) = tool("pdfinfo", &[stored().to_str().unwrap()]) else {
        return;
    };
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(
        info.contains("Дорожная карта «Школы с низкими результатами обучения»"),
        "{info}"
    );
    assert!(
        info.contains("Управление образования г. Таганрога"),
        "{info}"
    );
}

#[test]
fn long_cell_splits_across_pages() {
    let start = pages()
        .iter()
        .position(|p| p.text().contains(LONG_CELL_START))
        .unwrap();
    let end = pages()
        .iter()
        .position(|p| p.text().contains(LONG_CELL_END))
        .unwrap();
    assert!(
        end > start,
        "the long cell starts on page {} and ends on {}",
        start + 1,
        end + 1
    );
    // No half-empty page: the page where it starts is filled to near its bottom margin.
    let page = &pages()[start];
    let lowest = page.glyph_runs().map(|r| r.baseline).fold(0.0f32, f32::max);
    assert!(
        lowest > page.height - 56.7 - 30.0,
        "lowest line at {lowest}"
    );
}

/// Pages (1-based) whose lowest line belongs to a stage row.
fn pages_ending_with_a_stage_row(pages: &[Page]) -> Vec<usize> {
    let mut ending = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let runs: Vec<_> = page.glyph_runs().collect();
        let lowest = runs.iter().map(|r| r.baseline).fold(0.0f32, f32::max);
        let stage_at_bottom = runs.iter().any(|r| {
            let s: String = r.glyphs.iter().map(|g| g.ch).collect();
            let stage_run = STAGES.iter().any(|stage| {
                let first_word = stage.split(' ').next().unwrap();
                s.contains(first_word) && r.face == dorkarta::fonts::Face::Bold && s.contains(". ")
            });
            stage_run && r.baseline >= lowest
        });
        if stage_at_bottom {
            ending.push(i + 1);
        }
    }
    ending
}

/// A stage row is never the last row on a page: the first section is shifted down in steps
/// of 12 pt over a whole row height; without the keep rule some shift leaves a stage row at
/// the bottom of a page (checked, so the sample really exercises the rule), with it none does.
#[test]
fn stage_rows_are_never_last_on_a_page() {
    let mut loose_endings = 0;
    for step in 0..16 {
        let shift = 12.0 * step as f32;
        let kept = layout::layout(&ir_samples::shifted_first_section(shift, true), fonts());
        let ending = pages_ending_with_a_stage_row(&kept);
        assert!(
            ending.is_empty(),
            "shift {shift} pt: pages {ending:?} end with a stage row"
        );
        let loose = layout::layout(&ir_samples::shifted_first_section(shift, false), fonts());
        loose_endings += pages_ending_with_a_stage_row(&loose).len();
    }
    assert!(
        loose_endings > 0,
        "without keep rules no shift leaves a stage row at a page bottom: the check proves nothing"
    );
}

/// A cell spanning rows is drawn when its last row is placed; its text must still come before
/// the cells to its right in the content stream, for pdftotext and screen readers.
#[test]
fn spanning_cells_keep_reading_order() {
    let text = pages()
        .iter()
        .map(Page::text)
        .collect::<Vec<_>>()
        .join("\n");
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("2.4") < at("«Система"));
    assert!(at("«Система") < at("27.04.2023"));
    assert!(at("27.04.2023") < at("18.05.2023"));
}
