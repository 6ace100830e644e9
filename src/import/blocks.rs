//! What the readers of Word and Excel files hand to the recognisers: paragraphs and tables as
//! a roadmap needs them, nothing more. Neither reader nor recogniser sees the other's format.

/// How a paragraph is aligned: as in the document IR.
pub use crate::ir::Align;

/// A paragraph Word numbers itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbered {
    /// A bullet («•», «–»): a list item.
    Bullet,
    /// A number at this level (0 = «1.», 1 = «1.1.»); the digits are not in the text.
    Number { level: u8 },
}

/// One paragraph: its text with `\n` for a line break and `\t` for a tab.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    pub text: String,
    /// Bytes of `text` at its start that are bold (the label of «**Цель:** текст»).
    pub bold_prefix: usize,
    /// Every letter is bold.
    pub bold: bool,
    /// Every letter is italic.
    pub italic: bool,
    pub align: Align,
    /// Left indent in twentieths of a point (Word's twips); 0 in a spreadsheet.
    pub indent: i32,
    pub numbered: Option<Numbered>,
}

impl Para {
    pub fn plain(text: impl Into<String>) -> Para {
        Para {
            text: text.into(),
            ..Para::default()
        }
    }

    /// The text without spaces, tabs and line breaks at either end.
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }

    pub fn is_empty(&self) -> bool {
        self.trimmed().is_empty() && self.numbered.is_none()
    }
}

/// A cell as it stands in its row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// How many grid columns it covers (Word's gridSpan, a spreadsheet's merged range).
    pub span: usize,
    /// It continues the cell above (Word's vMerge, a merged range of a spreadsheet).
    pub merged_up: bool,
    pub paras: Vec<Para>,
    /// Its text stands in the middle of the row (Word's `vAlign center`).
    pub middle: bool,
}

impl Cell {
    /// The text of all its paragraphs, one line each.
    pub fn text(&self) -> String {
        let lines: Vec<&str> = self
            .paras
            .iter()
            .map(Para::trimmed)
            .filter(|t| !t.is_empty())
            .collect();
        lines.join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.paras.iter().all(Para::is_empty)
    }

    /// Every non-empty paragraph is bold (a stage row), or italic (a heading row).
    pub fn all(&self, what: fn(&Para) -> bool) -> bool {
        let mut any = false;
        for p in self.paras.iter().filter(|p| !p.is_empty()) {
            if !what(p) {
                return false;
            }
            any = true;
        }
        any
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Marked to repeat at the top of every page.
    pub header: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Widths of the grid columns, in any unit; empty when unknown.
    pub grid: Vec<u32>,
    pub rows: Vec<Row>,
}

impl Table {
    /// Grid columns: the widest row's, or the grid's when that is wider.
    pub fn columns(&self) -> usize {
        let widest = self
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.span.max(1)).sum::<usize>())
            .max()
            .unwrap_or(0);
        widest.max(self.grid.len())
    }
}

/// One block of the body, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
    /// The end of a section (Word's sectPr): what came before is on pages of this orientation.
    SectionEnd {
        landscape: bool,
    },
    /// A page break inside a section.
    PageBreak,
}
