//! The one policy for lengths in the IR: each brought into its range before pagination, so
//! that the layout and both writers see the same values.
//!
//! The IR comes from templates, which users may write; a NaN, a negative size or a margin wider
//! than the page must not make layout loop or panic, nor the DOCX say what the PDF does not.
//! Each value outside its range is replaced by the nearest sane one (or the default when it is
//! not a number at all); a valid document is left exactly as it is.

use super::{
    Block, Cell, Document, Inline, PageSetup, ParaStyle, Paragraph, Section, Settings, Table,
};

/// `v` clamped to `lo..=hi`, or `default` when it is not finite.
fn clamp(v: f32, lo: f32, hi: f32, default: f32) -> f32 {
    if v.is_finite() {
        v.clamp(lo, hi)
    } else {
        default
    }
}

/// Largest page side accepted, in points (PDF's default user-space limit, 200 in).
const MAX_PAGE: f32 = 14_400.0;
/// Largest type size accepted, in points.
const MAX_FONT: f32 = 500.0;

/// The document with every length in its range.
pub fn within_limits(doc: &Document) -> Document {
    let d = Settings::default();
    Document {
        meta: doc.meta.clone(),
        settings: Settings {
            page_number_size: clamp(
                doc.settings.page_number_size,
                1.0,
                199.0,
                d.page_number_size,
            ),
            ..doc.settings
        },
        sections: doc.sections.iter().map(section).collect(),
    }
}

fn section(section: &Section) -> Section {
    Section {
        page: page(&section.page),
        page_numbers: section.page_numbers,
        blocks: section.blocks.iter().map(block).collect(),
    }
}

fn page(p: &PageSetup) -> PageSetup {
    let a4 = PageSetup::default();
    let width = clamp(p.width, 72.0, MAX_PAGE, a4.width);
    let height = clamp(p.height, 72.0, MAX_PAGE, a4.height);
    let mut out = PageSetup {
        width,
        height,
        margin_top: clamp(p.margin_top, 0.0, height, a4.margin_top),
        margin_right: clamp(p.margin_right, 0.0, width, a4.margin_right),
        margin_bottom: clamp(p.margin_bottom, 0.0, height, a4.margin_bottom),
        margin_left: clamp(p.margin_left, 0.0, width, a4.margin_left),
        header_distance: clamp(p.header_distance, 0.0, height, a4.header_distance),
    };
    // At least an inch of text area each way.
    if out.margin_left + out.margin_right > width - 72.0 {
        out.margin_left = a4.margin_left.min(width / 4.0);
        out.margin_right = a4.margin_right.min(width / 4.0);
    }
    if out.margin_top + out.margin_bottom > height - 72.0 {
        out.margin_top = a4.margin_top.min(height / 4.0);
        out.margin_bottom = a4.margin_bottom.min(height / 4.0);
    }
    out
}

fn block(b: &Block) -> Block {
    match b {
        Block::Paragraph(p) => Block::Paragraph(paragraph(p)),
        Block::Table(t) => Block::Table(table(t)),
    }
}

fn paragraph(p: &Paragraph) -> Paragraph {
    let s = &p.style;
    let d = ParaStyle::default();
    let style = ParaStyle {
        font_size: clamp(s.font_size, 1.0, MAX_FONT, d.font_size),
        line_spacing: clamp(s.line_spacing, 0.1, 10.0, d.line_spacing),
        space_before: clamp(s.space_before, 0.0, MAX_PAGE, 0.0),
        space_after: clamp(s.space_after, 0.0, MAX_PAGE, 0.0),
        indent_left: clamp(s.indent_left, -MAX_PAGE, MAX_PAGE, 0.0),
        indent_right: clamp(s.indent_right, -MAX_PAGE, MAX_PAGE, 0.0),
        indent_first: clamp(s.indent_first, -MAX_PAGE, MAX_PAGE, 0.0),
        ..s.clone()
    };
    let inlines = p
        .inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => {
                let mut t = t.clone();
                t.letter_spacing = clamp(t.letter_spacing, -MAX_FONT, MAX_FONT, 0.0);
                Inline::Text(t)
            }
            Inline::LineBreak => Inline::LineBreak,
        })
        .collect();
    Paragraph { style, inlines }
}

fn table(t: &Table) -> Table {
    Table {
        columns: t
            .columns
            .iter()
            .map(|&w| clamp(w, 1.0, MAX_PAGE, 1.0))
            .collect(),
        border_width: clamp(t.border_width, 0.0, 20.0, 0.5),
        padding: t.padding.map(|p| clamp(p, 0.0, MAX_PAGE / 4.0, 0.0)),
        rows: t
            .rows
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.cells = r
                    .cells
                    .iter()
                    .map(|c| Cell {
                        paragraphs: c.paragraphs.iter().map(paragraph).collect(),
                        ..c.clone()
                    })
                    .collect();
                r
            })
            .collect(),
        ..t.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Fonts;
    use crate::ir::{Document, Row, Text};

    #[test]
    fn a_valid_section_is_left_as_it_is() {
        let s = Section {
            page: PageSetup::default(),
            page_numbers: true,
            blocks: vec![Block::Paragraph(Paragraph::default())],
        };
        assert_eq!(section(&s), s);
    }

    #[test]
    fn absurd_numbers_neither_panic_nor_loop() {
        let text = Inline::Text(Text {
            text: "текст ".repeat(200),
            letter_spacing: f32::NAN,
            ..Default::default()
        });
        let style = ParaStyle {
            font_size: f32::NAN,
            line_spacing: -3.0,
            indent_left: f32::INFINITY,
            ..Default::default()
        };
        let para = Paragraph {
            style,
            inlines: vec![text],
        };
        let cell = Cell {
            paragraphs: vec![para.clone()],
            rowspan: 99,
            colspan: 0,
            ..Default::default()
        };
        let table = Table {
            columns: vec![f32::NAN, -5.0, 1e30],
            padding: [1e9, f32::NAN, -1.0, 3.0],
            border_width: f32::INFINITY,
            header_rows: 5,
            rows: vec![Row {
                cells: vec![cell.clone(), cell],
                cant_split: true,
                ..Default::default()
            }],
            ..Default::default()
        };
        let page = PageSetup {
            width: 0.0,
            height: f32::NAN,
            margin_top: 1e9,
            ..Default::default()
        };
        let doc = Document {
            sections: vec![Section {
                page,
                page_numbers: true,
                blocks: vec![Block::Paragraph(para), Block::Table(table)],
            }],
            ..Default::default()
        };
        let pages = crate::layout::layout(&within_limits(&doc), &Fonts::embedded().unwrap());
        assert!(!pages.is_empty());
    }
}
