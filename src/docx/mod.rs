//! The DOCX writer: [`ir::Document`] → the bytes of a `.docx` package.
//!
//! The body is built with docx-rs (`paragraph.rs`, `table.rs`); what docx-rs cannot write, or
//! writes in a way Word or the schema does not accept, is fixed afterwards by the finishing
//! pass in `parts.rs` (schema order, header rows, language, core properties, paragraph ids,
//! a deterministic zip).
//!
//! # How the IR maps to WordprocessingML
//!
//! - A section becomes a `w:sectPr`: page size and orientation, margins, header distance,
//!   a new page at its start, page numbers restarting at 1 (`w:pgNumType w:start="1"`).
//!   Page numbers are a `PAGE` field centred in the default header; the first page of each
//!   section shows an empty first-page header (`w:titlePg`). All sections share these two
//!   header parts, so the package holds two headers however many sections there are.
//! - A paragraph: alignment (`Justify` is `both`), indents (a negative first-line indent is a
//!   hanging indent), spacing before and after, line spacing as an `auto` multiple
//!   (`w:line` = 240 × multiple), keep rules, page break before. The document defaults
//!   (`w:docDefaults`, in the package's own styles part, so nothing depends on styles a client
//!   might supply) name the font in all four slots (ascii, hAnsi, cs, eastAsia), the 14 pt
//!   size, single lines with no space around, and widow control; a paragraph and its runs
//!   state only what differs, left alignment included.
//! - Named styles (`styles.rs`): the document's [`ir::NamedStyle`]s its paragraphs use become
//!   paragraph styles in styles.xml, with their names, bases and outline levels; a paragraph
//!   names its style (`w:pStyle`) and states only what differs from it, a run only the bold or
//!   italic its style does not give. A paragraph of no style states what differs from the
//!   document defaults. A hyphenated paragraph takes the style «Hyphenated» instead.
//! - A bullet is written as its text and a tab in the first line, with a hanging indent and a
//!   tab stop at the text position: no numbering definitions, so Word, LibreOffice and our
//!   PDF layout all draw exactly the bullet text at the first-line position and the text at
//!   the left indent.
//! - Tables: see `table.rs`.

mod package;
mod paragraph;
mod parts;
mod schema;
mod styles;
mod table;
mod xml;

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use docx_rs::{
    DocumentChild, Docx, FieldCharType, Header, HeaderReference, InstrPAGE, InstrText, PageMargin,
    PageNumType, PageOrientationType, PageSize, Paragraph, SectionProperty, Style, StyleType,
};

use crate::ir;
use paragraph::twips;

/// Options of the DOCX writer. Nothing here is read from the environment or the clock.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxOptions {
    /// Creation and modification time stored in the core properties and as the timestamp of
    /// every zip entry. Must lie within 1980–2107 (what zip can store).
    /// Default: 2000-01-01 00:00:00. A document with its own date ([`ir::Meta::date`]: the act's)
    /// gives that instead.
    pub date: NaiveDateTime,
    /// The document's font family (named in the document defaults). Default: "Times New Roman" (the PDF side draws the
    /// metric-compatible Liberation Serif, so both break lines in the same places).
    pub font: String,
}

impl Default for DocxOptions {
    fn default() -> Self {
        DocxOptions {
            date: NaiveDate::from_ymd_opt(2000, 1, 1)
                .and_then(|day| day.and_hms_opt(0, 0, 0))
                .expect("a valid fixed date"),
            font: "Times New Roman".to_owned(),
        }
    }
}

/// Why a document could not be written. Messages are in Russian: they reach the user.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DocxError {
    /// The IR holds something DOCX cannot express, e.g. a table whose cells do not fit its
    /// columns.
    Invalid(String),
    /// An option is out of range.
    Options(String),
    /// Writing, or re-reading for the finishing pass, the package failed.
    Package(String),
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::Invalid(message) => write!(f, "документ нельзя записать в DOCX: {message}"),
            DocxError::Options(message) => write!(f, "неверный параметр DOCX: {message}"),
            DocxError::Package(message) => write!(f, "ошибка при сборке файла DOCX: {message}"),
        }
    }
}

impl std::error::Error for DocxError {}

/// Default tab stops every 1.25 cm (709 twips), the paragraph indent of ГОСТ Р 7.0.97 and
/// Word's default in Russian; only a bullet without a left indent reaches one.
const DEFAULT_TAB_STOP: usize = 709;

/// The relationship ids docx-rs gives the two header parts: the first header added is
/// `rIdHeader1`, the second `rIdHeader2`.
const NUMBERED_HEADER: &str = "rIdHeader1";
const EMPTY_HEADER: &str = "rIdHeader2";

/// Writes the document as DOCX bytes. The same document and options give the same bytes.
pub fn write(doc: &ir::Document, opts: &DocxOptions) -> Result<Vec<u8>, DocxError> {
    if doc.sections.is_empty() {
        return Err(DocxError::Invalid(
            "в документе нет ни одного раздела".into(),
        ));
    }
    let settings = &doc.settings;
    if !(settings.page_number_size > 0.0 && settings.page_number_size < 200.0) {
        return Err(DocxError::Invalid(format!(
            "размер номера страницы {} пт; нужен от 1 до 200 пт",
            settings.page_number_size
        )));
    }
    let mut docx = Docx::new()
        .default_fonts(paragraph::default_fonts(&opts.font))
        .default_size(paragraph::default_half_points())
        .default_line_spacing(paragraph::default_spacing())
        .default_tab_stop(DEFAULT_TAB_STOP)
        .header(Header::new().add_paragraph(page_number_paragraph(settings.page_number_size)))
        .first_header(Header::new().add_paragraph(paragraph::empty(
            settings.page_number_size,
            paragraph::Inherits::BODY,
        )));

    let styles = styles::Styles::new(doc)?;
    for style in styles.docx() {
        docx = docx.add_style(style);
    }
    let hyphenation = uses_hyphenation(doc);
    if hyphenation {
        docx = docx.add_style(
            Style::new(paragraph::HYPHENATED_STYLE, StyleType::Paragraph).name("Hyphenated"),
        );
    }

    let mut header_rows = Vec::new();
    let last = doc.sections.len() - 1;
    for (index, section) in doc.sections.iter().enumerate() {
        check_page(&section.page, index)?;
        let properties = section_properties(section);
        let mut blocks = section_blocks(section, &styles, &mut header_rows)?;
        if index != last {
            if let Some(DocumentChild::Paragraph(p)) = blocks.last_mut() {
                p.property = std::mem::take(&mut p.property).section_property(properties);
            }
        } else {
            // The last section's properties live in w:body; keep the header parts docx-rs
            // already holds there and set the rest.
            let current = &mut docx.document.section_property;
            current.page_size = properties.page_size;
            current.page_margin = properties.page_margin;
            current.title_pg = properties.title_pg;
            current.header_reference = properties.header_reference;
            current.first_header_reference = properties.first_header_reference;
            current.page_num_type = properties.page_num_type;
        }
        for block in blocks {
            docx = match block {
                DocumentChild::Paragraph(p) => docx.add_paragraph(*p),
                DocumentChild::Table(t) => docx.add_table(*t),
                // Only paragraphs and tables are collected above.
                _ => docx,
            };
        }
    }

    let parts = package::built_parts(docx.build());
    let language = if doc.meta.language.is_empty() {
        "ru-RU"
    } else {
        &doc.meta.language
    };
    parts::finish(
        parts,
        &parts::Finish {
            title: &doc.meta.title,
            creator: &doc.meta.author,
            subject: &doc.meta.subject,
            language,
            // The document's own date when it has one (an order's), at midnight; zip stores
            // 1980–2107 only, so a date outside keeps the options' one.
            date: doc
                .meta
                .date
                .filter(|d| (1980..=2107).contains(&chrono::Datelike::year(d)))
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .unwrap_or(opts.date),
            header_rows: &header_rows,
            font: &opts.font,
            hyphenation,
            widow_control: settings.widow_control,
        },
    )
}

/// The body elements of a section, ending in a paragraph that can carry the section's
/// properties. Records each table's header-row count in `header_rows`.
fn section_blocks(
    section: &ir::Section,
    styles: &styles::Styles,
    header_rows: &mut Vec<usize>,
) -> Result<Vec<DocumentChild>, DocxError> {
    let mut blocks = Vec::with_capacity(section.blocks.len() + 1);
    for (position, block) in section.blocks.iter().enumerate() {
        // The section already starts a page; a page break on its first block would make
        // some clients add an empty page.
        let at_section_start = position == 0;
        match block {
            ir::Block::Paragraph(p) => {
                let mut docx_paragraph = paragraph::styled(p, false, styles.of(&p.style));
                if at_section_start {
                    docx_paragraph = docx_paragraph.page_break_before(false);
                }
                blocks.push(DocumentChild::Paragraph(Box::new(docx_paragraph)));
            }
            ir::Block::Table(t) => {
                header_rows.push(t.header_rows.min(t.rows.len()));
                let docx_table = table::table(t, !at_section_start, styles)?;
                blocks.push(DocumentChild::Table(Box::new(docx_table)));
            }
        }
    }
    // A section ends in a paragraph: it carries the section's properties, and a table that
    // ends a section must not be followed by a client-made paragraph of body size that could
    // spill onto a page of its own.
    if !matches!(blocks.last(), Some(DocumentChild::Paragraph(_))) {
        blocks.push(DocumentChild::Paragraph(Box::new(paragraph::section_end())));
    }
    Ok(blocks)
}

/// Whether any paragraph, in the body or in a table cell, may be hyphenated.
fn uses_hyphenation(doc: &ir::Document) -> bool {
    doc.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .any(|block| match block {
            ir::Block::Paragraph(p) => p.style.hyphenate,
            ir::Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|row| &row.cells)
                .flat_map(|cell| &cell.paragraphs)
                .any(|p| p.style.hyphenate),
        })
}

/// Rejects page setups Word cannot lay out (no room for text, negative sizes).
fn check_page(page: &ir::PageSetup, index: usize) -> Result<(), DocxError> {
    let values = [
        page.width,
        page.height,
        page.margin_top,
        page.margin_right,
        page.margin_bottom,
        page.margin_left,
        page.header_distance,
    ];
    let fits = values.iter().all(|v| v.is_finite() && *v >= 0.0)
        && page.width - page.margin_left - page.margin_right > 0.0
        && page.height - page.margin_top - page.margin_bottom > 0.0
        && page.width <= 1584.0
        && page.height <= 1584.0;
    if fits {
        Ok(())
    } else {
        Err(DocxError::Invalid(format!(
            "раздел {}: размеры страницы или поля не оставляют места для текста \
             (ширина {:.1} пт, высота {:.1} пт, поля {:.1}/{:.1}/{:.1}/{:.1} пт)",
            index + 1,
            page.width,
            page.height,
            page.margin_top,
            page.margin_right,
            page.margin_bottom,
            page.margin_left
        )))
    }
}

/// The `w:sectPr` of a section, with references to the shared header parts.
fn section_properties(section: &ir::Section) -> SectionProperty {
    let page = &section.page;
    let orientation = if page.width > page.height {
        PageOrientationType::Landscape
    } else {
        PageOrientationType::Portrait
    };
    let mut properties = SectionProperty::new()
        .page_size(
            PageSize::new()
                .width(twips(page.width).max(0) as u32)
                .height(twips(page.height).max(0) as u32)
                .orient(orientation),
        )
        .page_margin(
            PageMargin::new()
                .top(twips(page.margin_top))
                .right(twips(page.margin_right))
                .bottom(twips(page.margin_bottom))
                .left(twips(page.margin_left))
                .header(twips(page.header_distance))
                .footer(twips(page.header_distance))
                .gutter(0),
        )
        .page_num_type(PageNumType::new().start(1));
    if section.page_numbers {
        properties.title_pg = true;
        properties.header_reference = Some(HeaderReference::new("default", NUMBERED_HEADER));
        properties.first_header_reference = Some(HeaderReference::new("first", EMPTY_HEADER));
    } else {
        // An explicit empty header, or the section would inherit the previous one's numbers.
        properties.header_reference = Some(HeaderReference::new("default", EMPTY_HEADER));
    }
    properties
}

/// The centred page number: a `PAGE` field in a paragraph of its own. The field has no
/// cached result; Word and LibreOffice compute header fields when they lay out the page.
fn page_number_paragraph(size: f32) -> Paragraph {
    let run = || paragraph::run(size, paragraph::Inherits::BODY);
    paragraph::empty(size, paragraph::Inherits::BODY)
        .align(docx_rs::AlignmentType::Center)
        .add_run(run().add_field_char(FieldCharType::Begin, false))
        .add_run(run().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(run().add_field_char(FieldCharType::End, false))
}
