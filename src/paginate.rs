//! Pagination, the stage between the document IR and the writers: the IR → its pages, and the
//! document as those pages have it.
//!
//! Word and LibreOffice break the DOCX's pages themselves; for them to break where the PDF
//! does, the DOCX has to state what the layout decided. So pagination returns one value that
//! both writers read ([`Paginated`]): the pages, which the PDF writer draws, and the document
//! with every decision written into it, which the DOCX writer writes:
//! 1. every length brought into its range ([`ir::limits`]): the DOCX says what the PDF draws;
//! 2. a word too wide for its table column gets soft hyphens ([`layout::soften_long_words`]),
//!    so every client breaks it at the same places;
//! 3. the layout ([`layout::lay_out`]) runs on that document; then rows it moved whole to the
//!    next page (rather than leave a line of them alone) become `cant_split`, rows taller than
//!    a page lose `cant_split`, and a header too tall to repeat on every page is no longer a
//!    header.
//!
//! A render that writes only a DOCX runs it as well: the DOCX must not depend on whether a PDF
//! was asked for.

use crate::fonts::Fonts;
use crate::ir::{self, RowRef};
use crate::layout::{self, Page, TallHeader};

/// A document paginated: what both writers read.
#[derive(Debug, Clone, PartialEq)]
pub struct Paginated {
    /// The document as the pages have it (see the module's comment): what the DOCX writer
    /// writes, and whose metadata the PDF writer takes.
    pub document: ir::Document,
    /// The laid-out pages: what the PDF writer draws.
    pub pages: Vec<Page>,
    /// What the layout decided, as written into `document`: for warnings and review.
    pub decisions: Decisions,
}

/// The layout's decisions that the DOCX must repeat.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decisions {
    /// Values out of their range, brought into it ([`ir::limits`]).
    pub clamped: Vec<ir::limits::Clamped>,
    /// Rows moved whole to the next page rather than split badly: marked `cant_split`.
    pub kept_whole: Vec<RowRef>,
    /// Rows marked `cant_split` that are taller than a page, split all the same: unmarked
    /// (Word would cut them off at the page bottom).
    pub split_anyway: Vec<RowRef>,
    /// Tables whose header rows are too tall to repeat on every page (row 0 of the reference
    /// is unused): laid out once, as body rows, and no longer a header.
    pub tall_headers: Vec<(RowRef, TallHeader)>,
}

/// Paginates a document.
pub fn paginate(doc: &ir::Document, fonts: &Fonts) -> Paginated {
    let (mut document, clamped) = ir::limits::within_limits(doc);
    layout::soften_long_words(fonts, &mut document);
    let laid = layout::lay_out(&document, fonts);
    let decisions = Decisions {
        clamped,
        kept_whole: laid.kept_whole,
        split_anyway: laid.split_anyway,
        tall_headers: laid.tall_headers,
    };
    for &at in &decisions.kept_whole {
        if let Some(row) = document.row_mut(at) {
            row.cant_split = true;
        }
    }
    for &at in &decisions.split_anyway {
        if let Some(row) = document.row_mut(at) {
            row.cant_split = false;
        }
    }
    for (at, _) in &decisions.tall_headers {
        if let Some(table) = document.table_mut(at.section, at.block) {
            for row in table.rows.iter_mut().take(table.header_rows) {
                row.cant_split = false;
            }
            table.header_rows = 0;
        }
    }
    Paginated {
        document,
        pages: laid.pages,
        decisions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Block, Cell, Document, Inline, Paragraph, Row, Section, Table, Text};

    fn cell(text: &str) -> Cell {
        Cell {
            paragraphs: vec![Paragraph {
                inlines: vec![Inline::Text(Text {
                    text: text.into(),
                    ..Default::default()
                })],
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn one_table(table: Table) -> Document {
        Document {
            sections: vec![Section {
                blocks: vec![Block::Table(table)],
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn the_document_carries_what_the_pages_decided() {
        let fonts = Fonts::embedded().unwrap();
        // A header taller than a page, a word wider than its column, a NaN padding.
        let tall = Row {
            cells: vec![cell(&"Заголовок ".repeat(400))],
            cant_split: true,
            ..Default::default()
        };
        let table = Table {
            columns: vec![60.0],
            borders: true,
            border_width: 0.5,
            padding: [f32::NAN, 2.0, 0.0, 2.0],
            header_rows: 1,
            rows: vec![
                tall,
                Row {
                    cells: vec![cell("Общеобразовательные")],
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let paginated = paginate(&one_table(table), &fonts);
        assert_eq!(paginated.decisions.tall_headers.len(), 1);
        let Block::Table(t) = &paginated.document.sections[0].blocks[0] else {
            panic!("a table");
        };
        assert_eq!(t.header_rows, 0, "a tall header is no longer a header");
        assert!(!t.rows[0].cant_split, "a row taller than a page may split");
        assert_eq!(t.padding[0], 0.0, "a NaN padding is brought into range");
        let Inline::Text(word) = &t.rows[1].cells[0].paragraphs[0].inlines[0] else {
            panic!("text");
        };
        assert!(word.text.contains('\u{ad}'), "{:?}", word.text);
        assert!(paginated.pages.len() > 1);
    }
}
