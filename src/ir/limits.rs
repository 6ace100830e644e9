//! The one policy for lengths in the IR: each brought into its range before pagination, so
//! that the layout and both writers see the same values.
//!
//! The IR comes from templates, which users may write; a NaN, a negative size or a margin wider
//! than the page must not make layout loop or panic, nor the DOCX say what the PDF does not.
//! Each value outside its range is replaced by the nearest sane one (or the default when it is
//! not a number at all); a valid document is left exactly as it is.

use super::{
    Block, Cell, Document, Inline, Origin, PageSetup, ParaStyle, Paragraph, Section, Settings,
    Table,
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

/// A value brought into its range: what it was, what it became, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clamped {
    /// Its name in the page description («font-size», «widths»…).
    pub name: &'static str,
    pub was: f32,
    pub now: f32,
    /// The paragraph or table it belongs to (none for the page setup and settings).
    pub origin: Origin,
}

/// The document with every length in its range, and the values that were not.
pub fn within_limits(doc: &Document) -> (Document, Vec<Clamped>) {
    let mut fit = Fit::default();
    let d = Settings::default();
    let settings = Settings {
        page_number_size: fit.value(
            "page-number-size",
            doc.settings.page_number_size,
            1.0,
            199.0,
            d.page_number_size,
        ),
        ..doc.settings
    };
    let sections = doc.sections.iter().map(|s| fit.section(s)).collect();
    let document = Document {
        meta: doc.meta.clone(),
        settings,
        styles: doc.styles.clone(),
        sections,
    };
    (document, fit.clamped)
}

/// Brings values into range, remembering those it changed.
#[derive(Default)]
struct Fit {
    /// What the values being fitted belong to.
    origin: Origin,
    clamped: Vec<Clamped>,
}

impl Fit {
    fn value(&mut self, name: &'static str, v: f32, lo: f32, hi: f32, default: f32) -> f32 {
        let now = clamp(v, lo, hi, default);
        if now.to_bits() != v.to_bits() {
            self.clamped.push(Clamped {
                name,
                was: v,
                now,
                origin: self.origin,
            });
        }
        now
    }

    fn section(&mut self, section: &Section) -> Section {
        self.origin = Origin::default();
        Section {
            page: self.page(&section.page),
            page_numbers: section.page_numbers,
            blocks: section.blocks.iter().map(|b| self.block(b)).collect(),
        }
    }

    fn page(&mut self, p: &PageSetup) -> PageSetup {
        let a4 = PageSetup::default();
        let width = self.value("size", p.width, 72.0, MAX_PAGE, a4.width);
        let height = self.value("size", p.height, 72.0, MAX_PAGE, a4.height);
        let mut out = PageSetup {
            width,
            height,
            margin_top: self.value("margins", p.margin_top, 0.0, height, a4.margin_top),
            margin_right: self.value("margins", p.margin_right, 0.0, width, a4.margin_right),
            margin_bottom: self.value("margins", p.margin_bottom, 0.0, height, a4.margin_bottom),
            margin_left: self.value("margins", p.margin_left, 0.0, width, a4.margin_left),
            header_distance: self.value(
                "header-distance",
                p.header_distance,
                0.0,
                height,
                a4.header_distance,
            ),
        };
        [out.margin_left, out.margin_right] = self.margin_pair(
            [out.margin_left, out.margin_right],
            [a4.margin_left, a4.margin_right],
            width,
        );
        [out.margin_top, out.margin_bottom] = self.margin_pair(
            [out.margin_top, out.margin_bottom],
            [a4.margin_top, a4.margin_bottom],
            height,
        );
        out
    }

    /// Two opposite margins, brought down (to A4's, at most a quarter of the `side` each) when
    /// they leave less than an inch of text area between them.
    fn margin_pair(&mut self, margins: [f32; 2], a4: [f32; 2], side: f32) -> [f32; 2] {
        if margins[0] + margins[1] <= side - 72.0 {
            return margins;
        }
        [0, 1].map(|i| self.value("margins", margins[i], 0.0, a4[i].min(side / 4.0), 0.0))
    }

    fn block(&mut self, b: &Block) -> Block {
        match b {
            Block::Paragraph(p) => Block::Paragraph(self.paragraph(p)),
            Block::Table(t) => Block::Table(self.table(t)),
        }
    }

    fn paragraph(&mut self, p: &Paragraph) -> Paragraph {
        self.origin = p.origin;
        let s = &p.style;
        let d = ParaStyle::default();
        let style = ParaStyle {
            font_size: self.value("font-size", s.font_size, 1.0, MAX_FONT, d.font_size),
            line_spacing: self.value("line-spacing", s.line_spacing, 0.1, 10.0, d.line_spacing),
            space_before: self.value("space-before", s.space_before, 0.0, MAX_PAGE, 0.0),
            space_after: self.value("space-after", s.space_after, 0.0, MAX_PAGE, 0.0),
            indent_left: self.value("indent", s.indent_left, -MAX_PAGE, MAX_PAGE, 0.0),
            indent_right: self.value("indent-right", s.indent_right, -MAX_PAGE, MAX_PAGE, 0.0),
            indent_first: self.value("first-indent", s.indent_first, -MAX_PAGE, MAX_PAGE, 0.0),
            ..s.clone()
        };
        let inlines = p
            .inlines
            .iter()
            .map(|i| match i {
                Inline::Text(t) => {
                    let mut t = t.clone();
                    t.letter_spacing =
                        self.value("letter-spacing", t.letter_spacing, -MAX_FONT, MAX_FONT, 0.0);
                    Inline::Text(t)
                }
                Inline::LineBreak => Inline::LineBreak,
            })
            .collect();
        Paragraph {
            style,
            inlines,
            origin: p.origin,
        }
    }

    fn table(&mut self, t: &Table) -> Table {
        self.origin = t.origin;
        let columns = t
            .columns
            .iter()
            .map(|&w| self.value("widths", w, 1.0, MAX_PAGE, 1.0))
            .collect();
        let border_width = self.value("border", t.border_width, 0.0, 20.0, 0.5);
        let padding = t
            .padding
            .map(|p| self.value("padding", p, 0.0, MAX_PAGE / 4.0, 0.0));
        let rows = t
            .rows
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.cells = r
                    .cells
                    .iter()
                    .map(|c| Cell {
                        paragraphs: c.paragraphs.iter().map(|p| self.paragraph(p)).collect(),
                        ..c.clone()
                    })
                    .collect();
                r
            })
            .collect();
        Table {
            columns,
            border_width,
            padding,
            rows,
            ..t.clone()
        }
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
        let mut fit = Fit::default();
        assert_eq!(fit.section(&s), s);
        assert!(fit.clamped.is_empty());
    }

    #[test]
    fn a_clamped_value_is_reported_with_where_it_came_from() {
        let origin = Origin {
            page: crate::diag::Pos::new(7, 3),
            source: Some(crate::diag::Pos::new(12, 5)),
        };
        let para = Paragraph {
            style: ParaStyle {
                font_size: 900.0,
                ..Default::default()
            },
            origin,
            ..Default::default()
        };
        let doc = Document {
            sections: vec![Section {
                blocks: vec![Block::Paragraph(para)],
                ..Default::default()
            }],
            ..Default::default()
        };
        let (fitted, clamped) = within_limits(&doc);
        assert_eq!(
            clamped,
            [Clamped {
                name: "font-size",
                was: 900.0,
                now: MAX_FONT,
                origin
            }]
        );
        let Block::Paragraph(p) = &fitted.sections[0].blocks[0] else {
            panic!("a paragraph");
        };
        assert_eq!(p.style.font_size, MAX_FONT);
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
            ..Default::default()
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
        let pages = crate::layout::layout(&within_limits(&doc).0, &Fonts::embedded().unwrap());
        assert!(!pages.is_empty());
    }
}
