//! The roadmaps in samples/ (four real ones and an invented one), rendered as a user renders
//! them: both formats valid for their clients, the same bytes every time, and the seeds' text
//! all there.

use crate::tools;
use std::path::{Path, PathBuf};

use dorkarta::pipeline::{self, Options};

/// Each sample with the seed it reproduces; an invented sample has none.
pub(crate) const SAMPLES: &[(&str, Option<&str>)] = &[
    ("taganrog-2023", Some("000_ad76ed95b7472bef.txt")),
    ("lomonosov-2020", Some("002_99260c347103f767.txt")),
    ("ershichi-2023", Some("003_edcc1390fe166960.txt")),
    ("kaluga-2021", Some("004_3ee20ffa748c6ac8.txt")),
    // A постановление's appendix № 2 printed alone, its mark's date in words (issue 23,
    // items 1 and 2).
    ("zarechny-2024", None),
    ("berezovka-2024", None),
    // Roman stage numbers without dots, items numbered through all stages, stage rows bold,
    // italic and plain, a heading row and a note row (issue 23, items 3 and 7).
    ("sosnovka-2025", None),
    // Own columns, a grouped header over period columns and a column-number row (issue 23,
    // items 4–6).
    ("kedrovka-2025", None),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Renders a sample to DOCX and PDF under tests/store/samples/ and returns both paths.
fn render(name: &str) -> (PathBuf, PathBuf, pipeline::Rendered) {
    let bytes = std::fs::read(root().join("samples").join(format!("{name}.yaml"))).unwrap();
    let opts = Options::default();
    let rendered =
        pipeline::render(&bytes, None, &opts).unwrap_or_else(|d| panic!("{name}: {d:#?}"));
    let dir = root().join("tests/store/samples");
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join(format!("{name}.docx"));
    let pdf = dir.join(format!("{name}.pdf"));
    write_whole(&docx, rendered.docx.as_ref().unwrap());
    write_whole(&pdf, rendered.pdf.as_ref().unwrap());
    (docx, pdf, rendered)
}

/// Writes through a temporary file and a rename: tests running at once render the same sample
/// to the same path, and one of them reading the file (pdftotext) while another rewrote it in
/// place read half a PDF (seen once in CI: a first page with only part of its words).
fn write_whole(path: &Path, bytes: &[u8]) {
    let mut tmp = tempfile::NamedTempFile::new_in(path.parent().unwrap()).unwrap();
    std::io::Write::write_all(&mut tmp, bytes).unwrap();
    tmp.persist(path).unwrap();
}

/// Runs a tool: whether it succeeded, and what it printed; `None` when it is missing.
fn tool(cmd: &str, args: &[&str]) -> Option<(bool, String)> {
    let out = tools::run(cmd, args)?;
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    Some((out.status.success(), text))
}

#[test]
fn every_sample_renders_to_the_same_bytes_twice() {
    for (name, _) in SAMPLES {
        let (_, _, first) = render(name);
        let (_, _, second) = render(name);
        assert!(
            first.docx == second.docx,
            "{name}: DOCX differs between renders"
        );
        assert!(
            first.pdf == second.pdf,
            "{name}: PDF differs between renders"
        );
    }
}

#[test]
fn every_sample_docx_opens_clean_by_openxml_audit() {
    for (name, _) in SAMPLES {
        let (docx, _, _) = render(name);
        if !tools::have_python_module("openxml_audit") {
            return;
        }
        let (_, text) = tool("python3", &["-m", "openxml_audit", docx.to_str().unwrap()])
            .expect("python3 runs");
        assert!(
            text.contains("Errors: 0") && text.contains("open cleanly"),
            "{name}: {text}"
        );
    }
}

#[test]
fn every_sample_pdf_is_valid_with_fonts_embedded_subset_and_mapped() {
    for (name, _) in SAMPLES {
        let (_, pdf, _) = render(name);
        let path = pdf.to_str().unwrap();
        let Some((ok, text)) = tool("qpdf", &["--check", path]) else {
            return;
        };
        assert!(
            ok && text.contains("No syntax or stream encoding errors"),
            "{name}: {text}"
        );
        let Some((_, fonts)) = tool("pdffonts", &[path]) else {
            return;
        };
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{name}: no fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{name}: {row}");
        }
    }
}

/// Issue 23, item 7: in the PDF, the Sosnovka sample's stage rows (numbers included) and its
/// heading and note rows are bold, italic or plain as the source asks, read back by poppler's
/// `pdftohtml -xml`, which marks each piece of text set in a bold or italic font.
#[test]
fn sample_rows_print_bold_italic_or_plain_in_the_pdf() {
    let (_, pdf, _) = render("sosnovka-2025");
    let Some((ok, xml)) = tool(
        "pdftohtml",
        &["-xml", "-i", "-stdout", pdf.to_str().unwrap()],
    ) else {
        return;
    };
    assert!(ok, "pdftohtml: {xml}");
    // Each <text> element's content: its emphasis tags and its words.
    let pieces: Vec<(bool, bool, String)> = xml
        .lines()
        .filter_map(|line| {
            let inner = line.strip_prefix("<text ")?.split_once('>')?.1;
            let inner = inner.strip_suffix("</text>")?;
            let bold = inner.contains("<b>");
            let italic = inner.contains("<i>");
            let words = ["<b>", "</b>", "<i>", "</i>"]
                .iter()
                .fold(inner.to_string(), |t, tag| t.replace(tag, ""))
                .replace("&#34;", "\"")
                .replace('\u{a0}', " ");
            Some((bold, italic, words))
        })
        .collect();
    for &(start, bold, italic) in crate::docx::SOSNOVKA_ROWS {
        let (b, i, words) = pieces
            .iter()
            .find(|(_, _, words)| {
                if start.len() <= 3 {
                    words.trim() == start
                } else {
                    words.starts_with(start)
                }
            })
            .unwrap_or_else(|| panic!("no text «{start}» in the PDF"));
        assert_eq!((*b, *i), (bold, italic), "«{words}»: bold, italic");
    }
}

/// Issue 23, item 7: the Sosnovka sample's section row II would fit at the bottom of page 1,
/// its first item would not (checked once by dropping the template's keep-with-next: the row
/// then ends page 1); kept with the next row, it opens page 2 under the header, in our PDF and,
/// by `every_sample_pdf_and_libreoffice_docx_break_pages_alike`, in LibreOffice's.
#[test]
fn sample_section_row_goes_to_the_next_page_with_its_first_item() {
    let (_, pdf, _) = render("sosnovka-2025");
    let Some(pages) = pdf_pages(&pdf) else {
        return;
    };
    let section = "Методическое сопровождение наставников и молодых педагогов";
    assert!(!pages[0].contains(section), "page 1 ends with section II");
    let after_header: Vec<&str> = pages[1]
        .lines()
        .skip_while(|l| !l.contains("п/п"))
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .take(2)
        .collect();
    assert!(
        after_header[0].contains(section) && after_header[1].trim_start().starts_with("6 "),
        "page 2 does not open with section II and item 6: {after_header:?}"
    );
}

/// The share of each seed's words the PDF and the DOCX hold, by the team's fidelity tool. The
/// goal is 0.99; each sample's floor is what it reaches today, so that a word lost fails here.
/// Taganrog and Ershichi stay under the goal by two-word passages in another order (item 6's
/// dates beside their webinars; rows split across pages): the README, under «Tests», says why.
#[test]
fn every_sample_holds_the_seed_text() {
    const FLOORS: &[(&str, &str)] = &[
        ("taganrog-2023", "0.989"),
        ("lomonosov-2020", "0.992"),
        ("ershichi-2023", "0.989"),
        ("kaluga-2021", "1.0"),
    ];
    let Some(tool_path) = tools::fidelity_tool() else {
        return;
    };
    for (name, seed) in SAMPLES {
        let Some(seed) = seed else { continue };
        let (docx, pdf, _) = render(name);
        let seed = root().join("../shared/seeds").join(seed);
        let floor = FLOORS.iter().find(|(n, _)| n == name).expect("a floor").1;
        for out in [&docx, &pdf] {
            let args = [
                tool_path.to_str().unwrap(),
                seed.to_str().unwrap(),
                out.to_str().unwrap(),
                "--min",
                floor,
            ];
            let (ok, text) = tool("python3", &args).expect("python3 runs");
            assert!(ok, "{name} {}: {text}", out.display());
        }
    }
}

/// What the page checks expect of a sample: a phrase of its table header, the pages (1-based)
/// that hold no table rows, and the pages that begin a section (they show no page number).
struct Pages {
    name: &'static str,
    header: &'static str,
    without_table: &'static [usize],
    section_starts: &'static [usize],
    /// Columns in the row of column numbers under the header (`column_numbers: true`), on
    /// every table page with the header; 0 without that row.
    column_numbers: usize,
}

const PAGES: &[Pages] = &[
    Pages {
        name: "taganrog-2023",
        header: "Содержание деятельности",
        without_table: &[],
        section_starts: &[1],
        column_numbers: 0,
    },
    Pages {
        name: "lomonosov-2020",
        header: "Планируемый результат",
        without_table: &[],
        section_starts: &[1],
        column_numbers: 0,
    },
    Pages {
        name: "ershichi-2023",
        header: "Мероприятие /направление",
        // The order, then each appendix from a new page, numbered anew.
        without_table: &[1, 2],
        section_starts: &[1, 3, 9],
        column_numbers: 0,
    },
    Pages {
        name: "kaluga-2021",
        header: "Участники",
        without_table: &[],
        section_starts: &[1],
        column_numbers: 0,
    },
    Pages {
        name: "zarechny-2024",
        header: "Наименование мероприятия",
        without_table: &[],
        section_starts: &[1],
        column_numbers: 0,
    },
    Pages {
        name: "berezovka-2024",
        header: "Мероприятие",
        // Three yearly plans, each an appendix from a new page.
        without_table: &[],
        section_starts: &[1, 2, 3],
        column_numbers: 0,
    },
    Pages {
        name: "kedrovka-2025",
        // The group's title over the quarters, in the first of the two header rows.
        header: "Сроки выполнения: 2025 г.",
        // The first page holds the indicators table; the activities start on the second.
        without_table: &[1],
        section_starts: &[1],
        column_numbers: 8,
    },
    Pages {
        name: "sosnovka-2025",
        header: "Наименование мероприятия",
        without_table: &[],
        section_starts: &[1],
        column_numbers: 0,
    },
];

/// Each page's text by pdftotext -layout, or None without poppler.
fn pdf_pages(path: &Path) -> Option<Vec<String>> {
    let out = tools::run("pdftotext", &["-layout", path.to_str().unwrap(), "-"])?;
    let text = String::from_utf8(out.stdout).unwrap();
    Some(
        text.split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

/// The letters of a page with how often each occurs, spaces left out: the same bag in two
/// renderings means the page breaks at the same line. (Words would be stricter, but text
/// extraction joins two cells' words when a column's text ends close to the next column.)
fn letter_bag(page: &str) -> std::collections::BTreeMap<char, usize> {
    let mut bag = std::collections::BTreeMap::new();
    for ch in page.chars().filter(|c| !c.is_whitespace()) {
        *bag.entry(ch).or_default() += 1;
    }
    bag
}

/// Words in one page and not in the other, for the failure message.
fn word_difference(a: &str, b: &str) -> String {
    let mut words: std::collections::BTreeMap<&str, i64> = std::collections::BTreeMap::new();
    a.split_whitespace()
        .for_each(|w| *words.entry(w).or_default() += 1);
    b.split_whitespace()
        .for_each(|w| *words.entry(w).or_default() -= 1);
    let only = |sign: i64| {
        words
            .iter()
            .filter(|(_, n)| n.signum() == sign)
            .map(|(w, _)| *w)
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "only in the PDF: {}; only in LibreOffice: {}",
        only(1),
        only(-1)
    )
}

/// The table header on every page that holds rows, and page numbers centred at the top from
/// the second page of each section.
fn check_pages(what: &str, expect: &Pages, pages: &[String]) {
    let mut number = 0;
    for (index, page) in pages.iter().enumerate() {
        let n = index + 1;
        number = if expect.section_starts.contains(&n) {
            1
        } else {
            number + 1
        };
        crate::page_checks::assert_page_number(&format!("{what}: page {n}"), page, number);
        let has_header = page.contains(expect.header);
        assert_eq!(
            has_header,
            !expect.without_table.contains(&n),
            "{what}: page {n}: table header «{}» present: {has_header}",
            expect.header
        );
        if expect.column_numbers > 0 && has_header {
            let numbers: Vec<String> = (1..=expect.column_numbers).map(|n| n.to_string()).collect();
            assert!(
                page.lines().any(|line| line
                    .split_whitespace()
                    .eq(numbers.iter().map(String::as_str))),
                "{what}: page {n}: no row of column numbers 1 … {} under the header",
                expect.column_numbers
            );
        }
    }
}

/// LibreOffice (the stand-in for Word here) renders each sample's DOCX with the table header
/// on every table page and page numbers from page 2; our PDF does the same, and has the same
/// pages as LibreOffice's, each holding the same text (so every page and every split row
/// breaks at the same line).
#[test]
fn every_sample_pdf_and_libreoffice_docx_break_pages_alike() {
    let dir = root().join("tests/store/samples-lo");
    std::fs::create_dir_all(&dir).unwrap();
    let mut docx_files = Vec::new();
    let mut ours = Vec::new();
    for expect in PAGES {
        let (docx, pdf, _) = render(expect.name);
        let copy = dir.join(docx.file_name().unwrap());
        std::fs::copy(&docx, &copy).unwrap();
        docx_files.push(copy);
        ours.push(pdf);
    }
    let Some(office) = crate::docx::libreoffice_pages(&docx_files) else {
        return;
    };
    for ((expect, office), pdf) in PAGES.iter().zip(&office).zip(&ours) {
        let name = expect.name;
        check_pages(&format!("{name} (LibreOffice)"), expect, office);
        let ours = pdf_pages(pdf).expect("pdftotext ran for LibreOffice");
        check_pages(&format!("{name} (PDF)"), expect, &ours);
        assert_eq!(
            ours.len(),
            office.len(),
            "{name}: pages in PDF and LibreOffice"
        );
        for (index, (a, b)) in ours.iter().zip(office).enumerate() {
            assert!(
                letter_bag(a) == letter_bag(b),
                "{name}: page {} holds other text in the PDF than in LibreOffice ({})",
                index + 1,
                word_difference(a, b)
            );
        }
    }
}
