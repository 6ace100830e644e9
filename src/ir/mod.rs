//! The document IR: what both writers consume.
//!
//! It is produced by `page::parse` from the page description (XHTML) and knows nothing of
//! roadmaps. It is deliberately close to what Word can express (sections, paragraphs, tables
//! with spans), so that the DOCX writer maps it one to one and the PDF layout engine
//! reproduces the same decisions (sizes, spacing, keep rules) to break pages in the same places.
//!
//! Lengths are points (1/72 inch) as `f32`; writers round them to their own units
//! (twentieths of a point in DOCX). Sizes of type are points too.

pub mod grid;
pub mod limits;

use crate::diag::Pos;

/// Points to twentieths of a point (twips), the unit of most DOCX lengths.
pub fn twips(points: f32) -> i32 {
    (points * 20.0).round() as i32
}

/// A length rounded to a whole twip, in points: what a DOCX states of it, so what Word and
/// LibreOffice lay out with (column widths, glyph advances as LibreOffice measures them).
pub fn whole_twips(points: f32) -> f32 {
    twips(points) as f32 / 20.0
}

/// A whole document: metadata and one or more sections.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub meta: Meta,
    pub settings: Settings,
    /// The named paragraph styles the page description declares, in its order; paragraphs
    /// refer to them by index ([`ParaStyle::named`]).
    pub styles: Vec<NamedStyle>,
    pub sections: Vec<Section>,
}

/// What both writers apply the same way to the whole document: the PDF layout follows these,
/// the DOCX states them, so that Word and LibreOffice break the pages alike.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Size of the page numbers in the top margin, in points.
    pub page_number_size: f32,
    /// Widow and orphan control in body text: a paragraph split across pages keeps at least
    /// two lines on each page. Word applies it when the document says so (the DOCX states it
    /// in the paragraph defaults), LibreOffice always.
    pub widow_control: bool,
    /// Widow and orphan control inside table cells. LibreOffice does not apply it in a row
    /// that breaks across pages, though it does in body text: with it, 4 of the 29 pages of the
    /// samples broke a row one line away from LibreOffice's rendering of the DOCX; without it,
    /// none. Stated in the DOCX, Word breaks rows the same way.
    pub cell_widow_control: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            page_number_size: 12.0,
            widow_control: true,
            cell_widow_control: false,
        }
    }
}

/// A named paragraph style: the formatting of one role of paragraphs («Этап», «Подпись»).
/// Its properties are resolved in full (from [`ParaStyle::default`], through the style it is
/// based on); a paragraph of the style holds them in its own [`ParaStyle`] too, so a writer
/// that draws paragraphs (the PDF) never looks here, and one that names styles (the DOCX)
/// states on a paragraph only what differs from its style.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NamedStyle {
    /// A short ASCII identifier, unique in the document.
    pub id: String,
    /// The name a user sees in an editor's list of styles.
    pub name: String,
    /// The style this one is based on: an index into [`Document::styles`], always lower, and
    /// of the same kind.
    pub based_on: Option<usize>,
    /// A character style: it names runs ([`Text::named`]) and gives them only bold and italic;
    /// `para` and `outline_level` stay at their defaults.
    pub character: bool,
    /// Alignment, size, spacing and indents. Keep rules, bullets and hyphenation are not part
    /// of a style: they stay `false`/`None` here.
    pub para: ParaStyle,
    /// Text of the style is bold, italic, unless a run says otherwise.
    pub bold: bool,
    pub italic: bool,
    /// Level in the document's outline (1 is the top), for an editor's navigation pane.
    pub outline_level: Option<u8>,
}

/// Document properties, written to DOCX core properties and the PDF info dictionary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// BCP 47 tag, "ru-RU".
    pub language: String,
    /// The document's own date (an order's): the DOCX's creation and modification date.
    pub date: Option<chrono::NaiveDate>,
}

/// A run of pages with one page setup. Every section starts on a new page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    pub page: PageSetup,
    /// Page numbers are centred in the top margin, restart at 1 with this section,
    /// and are not printed on its first page (ГОСТ Р 7.0.97: numbering from page 2).
    pub page_numbers: bool,
    pub blocks: Vec<Block>,
}

/// Page size and margins. A landscape page has `width > height`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub width: f32,
    pub height: f32,
    pub margin_top: f32,
    pub margin_right: f32,
    pub margin_bottom: f32,
    pub margin_left: f32,
    /// Distance from the top edge to the page-number line.
    pub header_distance: f32,
}

impl PageSetup {
    /// Every length a whole number of twips, as the DOCX states it and as Word and LibreOffice
    /// lay it out (A4 is 11906 twips, 595.3 pt, not 595.276: a line that ends within that
    /// difference of the bottom margin fits there; issue 24).
    pub fn in_whole_twips(&self) -> PageSetup {
        PageSetup {
            width: whole_twips(self.width),
            height: whole_twips(self.height),
            margin_top: whole_twips(self.margin_top),
            margin_right: whole_twips(self.margin_right),
            margin_bottom: whole_twips(self.margin_bottom),
            margin_left: whole_twips(self.margin_left),
            header_distance: whole_twips(self.header_distance),
        }
    }
}

impl Default for PageSetup {
    /// A4 portrait with ГОСТ margins: 20 mm top and bottom, 30 mm left, 10 mm right.
    fn default() -> Self {
        PageSetup {
            width: mm(210.0),
            height: mm(297.0),
            margin_top: mm(20.0),
            margin_right: mm(10.0),
            margin_bottom: mm(20.0),
            margin_left: mm(30.0),
            header_distance: mm(10.0),
        }
    }
}

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// A block on the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// A paragraph: inline content and its style.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    pub style: ParaStyle,
    pub inlines: Vec<Inline>,
    pub origin: Origin,
}

/// Where a part of the IR came from, so that what layout and the writers find about it is
/// reported at a line and column: its element in the page description, and the place in the
/// source that the page description names for it (`source="12:7"`, which the templates set on
/// the rows and column headers made of the source's stages, items, parts and columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    /// The element's start in the page description (0:0 when built by hand).
    pub page: Pos,
    /// The place in the source, when the page description names one.
    pub source: Option<Pos>,
}

/// Inline content of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text in one style. Non-breaking spaces (U+00A0) are kept as such.
    Text(Text),
    /// A forced line break inside the paragraph.
    LineBreak,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    /// Extra space between letters, in points (printing «вразрядку»).
    pub letter_spacing: f32,
    /// The character style of the run's role, an index into [`Document::styles`]; `bold` and
    /// `italic` above already hold what it gives.
    pub named: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

/// Paragraph style, fully resolved: writers never look anything up.
#[derive(Debug, Clone, PartialEq)]
pub struct ParaStyle {
    pub align: Align,
    /// Font size in points.
    pub font_size: f32,
    /// Line height as a multiple of single spacing (1.0, 1.15, 1.5).
    pub line_spacing: f32,
    pub space_before: f32,
    pub space_after: f32,
    pub indent_left: f32,
    pub indent_right: f32,
    /// First-line indent; negative for a hanging indent.
    pub indent_first: f32,
    /// A bullet printed in the hanging indent («–»), for list items.
    pub bullet: Option<String>,
    /// Keep this paragraph on the same page as the next block.
    pub keep_with_next: bool,
    /// Keep all lines of this paragraph on one page.
    pub keep_together: bool,
    /// Start this paragraph on a new page.
    pub page_break_before: bool,
    /// Allow hyphenation of words in this paragraph.
    pub hyphenate: bool,
    /// The named style of the paragraph's role, an index into [`Document::styles`]: the
    /// values above start from its properties.
    pub named: Option<usize>,
}

impl Default for ParaStyle {
    fn default() -> Self {
        ParaStyle::DEFAULT
    }
}

impl ParaStyle {
    /// Left, 14 pt, single lines, no spacing or indents: the paragraph of no style.
    pub const DEFAULT: ParaStyle = ParaStyle {
        align: Align::Left,
        font_size: 14.0,
        line_spacing: 1.0,
        space_before: 0.0,
        space_after: 0.0,
        indent_left: 0.0,
        indent_right: 0.0,
        indent_first: 0.0,
        bullet: None,
        keep_with_next: false,
        keep_together: false,
        page_break_before: false,
        hyphenate: false,
        named: None,
    };
}

/// A table with fixed column widths.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column widths in points; their sum is the table width.
    pub columns: Vec<f32>,
    /// Draw cell borders (a roadmap table) or not (a layout table for signatures).
    pub borders: bool,
    /// Border width in points.
    pub border_width: f32,
    /// Cell padding in points: top, right, bottom, left.
    pub padding: [f32; 4],
    /// Leading rows that form the header, repeated at the top of every page.
    pub header_rows: usize,
    /// Start the table on a new page.
    pub page_break_before: bool,
    pub rows: Vec<Row>,
    pub origin: Origin,
}

/// Where a table row stands in a document: section, block of the section, row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowRef {
    pub section: usize,
    pub block: usize,
    pub row: usize,
}

impl Document {
    /// The row at `at`, when there is one.
    pub fn row(&self, at: RowRef) -> Option<&Row> {
        match self.sections.get(at.section)?.blocks.get(at.block)? {
            Block::Table(table) => table.rows.get(at.row),
            Block::Paragraph(_) => None,
        }
    }

    /// Every paragraph, body and table cells, in document order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.sections.iter().flat_map(|s| &s.blocks).flat_map(|b| {
            let (own, cells): (Option<&Paragraph>, &[Row]) = match b {
                Block::Paragraph(p) => (Some(p), &[]),
                Block::Table(t) => (None, &t.rows),
            };
            own.into_iter().chain(
                cells
                    .iter()
                    .flat_map(|r| &r.cells)
                    .flat_map(|c| &c.paragraphs),
            )
        })
    }

    /// The row at `at`, when there is one, to change.
    pub fn row_mut(&mut self, at: RowRef) -> Option<&mut Row> {
        self.table_mut(at.section, at.block)?.rows.get_mut(at.row)
    }

    /// The table that is block `block` of section `section`, if it is one.
    pub fn table_mut(&mut self, section: usize, block: usize) -> Option<&mut Table> {
        match self.sections.get_mut(section)?.blocks.get_mut(block)? {
            Block::Table(table) => Some(table),
            Block::Paragraph(_) => None,
        }
    }
}

/// A table row. Cells covered by a rowspan from above are not listed (HTML semantics).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Keep this row on the same page as the next one (a stage row).
    pub keep_with_next: bool,
    /// The row must not break across pages.
    pub cant_split: bool,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VAlign {
    #[default]
    Top,
    Middle,
    Bottom,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub colspan: usize,
    pub rowspan: usize,
    pub valign: VAlign,
    /// Draw this cell's borders even when the table has none (the electronic-signature frame).
    pub frame: bool,
    pub paragraphs: Vec<Paragraph>,
    pub origin: Origin,
}

impl Default for Cell {
    fn default() -> Self {
        Cell {
            colspan: 1,
            rowspan: 1,
            valign: VAlign::Top,
            frame: false,
            paragraphs: Vec::new(),
            origin: Origin::default(),
        }
    }
}
