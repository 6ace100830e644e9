//! Typesetting: the document IR becomes pages of positioned glyph runs and rules, which
//! [`crate::pdf::write`] turns into PDF.
//!
//! The engine follows Word's model, so that the PDF breaks lines and pages where Word (and
//! LibreOffice) break the DOCX written from the same IR:
//! - a single line is (usWinAscent + usWinDescent + lineGap) / unitsPerEm × size, a multiple
//!   spacing m gives m times that, with the extra space above the text;
//! - spacing before and after paragraphs adds up (no collapsing);
//! - lines are broken first-fit; table rows are as tall as their tallest cell plus padding.
//!
//! The work is a short pipeline, one file per phase:
//! 1. [`text`]: characters of a style → glyphs with advances and kerning;
//! 2. [`linebreak`]: a paragraph → lines at a given width (first fit, justification, hyphens);
//! 3. [`table`]: cells laid out at their widths, rows placed, split and repeated across pages;
//! 4. [`pages`]: blocks flowed onto pages (keep rules, page breaks), then page numbers; both
//!    place what they lay out through [`flow`], the page being filled;
//!
//! and [`dump`] writes the pages as text for review (the samples' dumps are in tests/layout/).
//!
//! Coordinates are points from the top-left corner of the page, y growing downwards.

mod dump;
mod flow;
pub mod linebreak;
mod long_words;
mod measure;
pub mod pages;
pub mod table;
pub mod text;

pub use dump::dump;
pub use long_words::soften_long_words;
pub use table::TallHeader;

use crate::fonts::{Face, Fonts};

/// Slack for comparisons of accumulated lengths, in points.
const EPS: f32 = 0.01;
use crate::ir;

/// A laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Glyphs(GlyphRun),
    Rule(Rule),
}

/// Glyphs of one face and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    pub face: Face,
    pub size: f32,
    /// Origin of the run: left end of the baseline.
    pub x: f32,
    pub baseline: f32,
    pub glyphs: Vec<PlacedGlyph>,
}

/// A glyph at a horizontal offset from its run's origin, with the character it stands for
/// (for the PDF's ToUnicode map: copied text and search).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedGlyph {
    pub id: u16,
    pub dx: f32,
    pub ch: char,
}

/// A straight line (a cell border or an underline).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub width: f32,
}

impl Rule {
    /// The rule's ends in hundredths of a point, in a fixed order, and its width's bits.
    fn key(&self) -> ([i32; 2], [i32; 2], u32) {
        let end = |x: f32, y: f32| [(x * 100.0).round() as i32, (y * 100.0).round() as i32];
        let (a, b) = (end(self.x0, self.y0), end(self.x1, self.y1));
        (a.min(b), a.max(b), self.width.to_bits())
    }
}

impl Item {
    /// The glyph run, if the item is one.
    pub fn as_glyphs(&self) -> Option<&GlyphRun> {
        match self {
            Item::Glyphs(run) => Some(run),
            Item::Rule(_) => None,
        }
    }

    /// The same item moved by (dx, dy).
    pub fn moved(&self, dx: f32, dy: f32) -> Item {
        match self {
            Item::Glyphs(run) => Item::Glyphs(GlyphRun {
                x: run.x + dx,
                baseline: run.baseline + dy,
                ..run.clone()
            }),
            Item::Rule(r) => Item::Rule(Rule {
                x0: r.x0 + dx,
                y0: r.y0 + dy,
                x1: r.x1 + dx,
                y1: r.y1 + dy,
                width: r.width,
            }),
        }
    }
}

impl Page {
    /// Drops every rule that repeats one drawn before it on the page. Each table cell draws its
    /// own frame, so a border between two cells came twice: half of all rules of a table page.
    /// Rules are the same when their ends agree to a hundredth of a point (two cells may reach
    /// a shared border through sums that differ in the last bits) and their widths agree.
    pub fn drop_repeated_rules(&mut self) {
        let mut drawn = std::collections::BTreeSet::new();
        self.items.retain(|item| match item {
            Item::Rule(rule) => drawn.insert(rule.key()),
            Item::Glyphs(_) => true,
        });
    }

    /// The glyph runs of the page, in drawing order.
    pub fn glyph_runs(&self) -> impl Iterator<Item = &GlyphRun> {
        self.items.iter().filter_map(Item::as_glyphs)
    }

    /// The text of the page, runs in drawing order, one run's glyphs after the other (for tests).
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut last_baseline = f32::NAN;
        for item in &self.items {
            if let Item::Glyphs(run) = item {
                if !out.is_empty() {
                    out.push(if run.baseline == last_baseline {
                        ' '
                    } else {
                        '\n'
                    });
                }
                last_baseline = run.baseline;
                out.extend(
                    run.glyphs
                        .iter()
                        .map(|g| if g.ch == '\u{a0}' { ' ' } else { g.ch }),
                );
            }
        }
        out
    }
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    pub pages: Vec<Page>,
    /// Table rows moved whole to the next page rather than split badly: the DOCX has to mark
    /// them `cant_split` for Word and LibreOffice to break its pages in the same places.
    pub kept_whole: Vec<ir::RowRef>,
    /// Rows marked `cant_split` taller than a page, split all the same: the DOCX has to drop
    /// their `cant_split` (Word would cut them off at the page bottom).
    pub split_anyway: Vec<ir::RowRef>,
    /// Tables whose header rows are too tall to repeat on every page (row 0 of the reference
    /// is unused): laid out once, as body rows; the DOCX must not mark them `w:tblHeader`.
    pub tall_headers: Vec<(ir::RowRef, TallHeader)>,
}

/// Lays out the whole document: every section starts on a new page, with its own page setup
/// and page numbers. Its lengths must be within [`ir::limits`] (as [`crate::paginate`] makes
/// them).
pub fn lay_out(doc: &ir::Document, fonts: &Fonts) -> Laid {
    let mut laid = Laid {
        pages: Vec::new(),
        kept_whole: Vec::new(),
        split_anyway: Vec::new(),
        tall_headers: Vec::new(),
    };
    for (s, section) in doc.sections.iter().enumerate() {
        let done = pages::lay_out_section(section, &doc.settings, fonts);
        let at = |(block, row): (usize, usize)| ir::RowRef {
            section: s,
            block,
            row,
        };
        laid.pages.extend(done.pages);
        laid.kept_whole.extend(done.moved.into_iter().map(at));
        laid.split_anyway.extend(done.unkept.into_iter().map(at));
        laid.tall_headers.extend(
            done.tall_headers
                .into_iter()
                .map(|(block, header)| (at((block, 0)), header)),
        );
    }
    for page in &mut laid.pages {
        page.drop_repeated_rules();
    }
    laid
}

/// The pages of [`lay_out`].
pub fn layout(doc: &ir::Document, fonts: &Fonts) -> Vec<Page> {
    lay_out(doc, fonts).pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(x0: f32, y0: f32, x1: f32, y1: f32) -> Item {
        Item::Rule(Rule {
            x0,
            y0,
            x1,
            y1,
            width: 0.5,
        })
    }

    fn thicker(item: Item) -> Item {
        match item {
            Item::Rule(r) => Item::Rule(Rule { width: 1.0, ..r }),
            other => other,
        }
    }

    #[test]
    fn a_border_shared_by_two_cells_is_drawn_once() {
        let run = Item::Glyphs(GlyphRun {
            face: crate::fonts::Face::Regular,
            size: 12.0,
            x: 0.0,
            baseline: 0.0,
            glyphs: Vec::new(),
        });
        let mut page = Page {
            width: 100.0,
            height: 100.0,
            items: vec![
                rule(10.0, 0.0, 10.0, 20.0),
                run.clone(),
                // The same border from the next cell: drawn the other way, a few bits off.
                rule(10.000_03, 20.0, 10.000_03, 0.0),
                // Beside it, a hundredth of a point away: another border.
                rule(10.01, 0.0, 10.01, 20.0),
                rule(0.0, 0.0, 10.0, 0.0),
                run.clone(),
                // The same line, thicker: another rule.
                thicker(rule(0.0, 0.0, 10.0, 0.0)),
            ],
        };
        page.drop_repeated_rules();
        assert_eq!(
            page.items,
            [
                rule(10.0, 0.0, 10.0, 20.0),
                run.clone(),
                rule(10.01, 0.0, 10.01, 20.0),
                rule(0.0, 0.0, 10.0, 0.0),
                run,
                thicker(rule(0.0, 0.0, 10.0, 0.0)),
            ]
        );
    }
}
