//! Tables: [`ir::Table`] → a docx-rs table.
//!
//! - Fixed layout (`w:tblLayout w:type="fixed"`) with `w:tblGrid` from the IR column widths,
//!   so clients never re-measure columns from their content; every cell states its width.
//! - Borders: all single lines of the IR width, or none; a `frame` cell draws its own four
//!   borders even in a table without borders (the electronic-signature frame).
//! - Cell margins from the IR padding (`w:tblCellMar`).
//! - Header rows are marked `w:tblHeader` by the finishing pass (docx-rs cannot write it);
//!   rows may break across pages unless `cant_split`.
//! - A page break before the table is a page break before its first paragraph.
//! - A row kept with the next gets `w:keepNext` on every paragraph of its cells: that is how
//!   Word keeps table rows together.
//! - `colspan` → `w:gridSpan`. `rowspan` → `w:vMerge="restart"` on the cell and
//!   `w:vMerge` (continue) cells inserted into the rows below at the same grid column, since
//!   the IR (like HTML) lists only the cells a row starts.

use docx_rs::{
    BorderType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableCellBorder,
    TableCellBorderPosition, TableCellBorders, TableCellMargins, TableLayoutType, TableRow,
    VAlignType, VMergeType, WidthType,
};

use super::DocxError;
use super::paragraph::{self, Fonts, twips};
use crate::ir;

/// The table as docx-rs builds it. Fails when the cells of a row do not fit the grid.
pub(crate) fn table(t: &ir::Table, fonts: &Fonts) -> Result<Table, DocxError> {
    if t.columns.is_empty() {
        return Err(DocxError::Invalid("таблица без столбцов".into()));
    }
    if let Some(bad) = t.columns.iter().position(|w| !(w.is_finite() && *w > 0.0)) {
        return Err(DocxError::Invalid(format!(
            "таблица: ширина столбца {} равна {} пт, а должна быть больше нуля",
            bad + 1,
            t.columns[bad]
        )));
    }
    if t.rows.is_empty() {
        // Word refuses a table without rows.
        return Err(DocxError::Invalid("таблица без строк".into()));
    }
    let grid: Vec<usize> = t
        .columns
        .iter()
        .map(|w| twips(*w).max(1) as usize)
        .collect();
    let border = eighths(t.border_width);
    let size = body_size(t);

    let mut rows = Vec::with_capacity(t.rows.len());
    // Vertical merges still open, by the grid column where they start.
    let mut open: Vec<Option<Merge>> = vec![None; grid.len()];
    // Set until the first cell's first paragraph has taken the table's page break.
    let mut break_before = t.page_break_before;
    for (row_index, row) in t.rows.iter().enumerate() {
        let keep = row.keep_with_next;
        let mut cells = Vec::new();
        let mut given = row.cells.iter();
        let mut column = 0;
        while column < grid.len() {
            if let Some(merge) = open[column].as_mut() {
                let columns = &grid[column..(column + merge.span).min(grid.len())];
                let continued = merge.continuation(columns, fonts, size, keep, border);
                merge.rows_left -= 1;
                let span = merge.span;
                if merge.rows_left == 0 {
                    open[column] = None;
                }
                cells.push(continued);
                column += span;
                continue;
            }
            let Some(cell) = given.next() else { break };
            let span = cell.colspan.max(1);
            let place = || format!("таблица, строка {}, столбец {}", row_index + 1, column + 1);
            if column + span > grid.len() {
                return Err(DocxError::Invalid(format!(
                    "{}: ячейка занимает {span} столбцов, а в таблице их {}",
                    place(),
                    grid.len()
                )));
            }
            if let Some(taken) = (column + 1..column + span).find(|c| open[*c].is_some()) {
                return Err(DocxError::Invalid(format!(
                    "{}: ячейка накрывает столбец {}, занятый объединённой ячейкой сверху",
                    place(),
                    taken + 1
                )));
            }
            let mut docx_cell = cell_base(&grid[column..column + span], cell, border);
            if cell.rowspan > 1 {
                docx_cell = docx_cell.vertical_merge(VMergeType::Restart);
                open[column] = Some(Merge {
                    span,
                    rows_left: cell.rowspan - 1,
                    valign: cell.valign,
                    frame: cell.frame,
                });
            }
            let mut paragraphs: Vec<docx_rs::Paragraph> = cell
                .paragraphs
                .iter()
                .map(|p| paragraph::styled(p, fonts, keep))
                .collect();
            if paragraphs.is_empty() {
                paragraphs.push(keep_if(paragraph::empty(fonts, size), keep));
            }
            if std::mem::take(&mut break_before) {
                // A table cannot break the page itself; Word and LibreOffice move the whole
                // table when its first paragraph starts a page.
                paragraphs[0] = std::mem::take(&mut paragraphs[0]).page_break_before(true);
            }
            for p in paragraphs {
                docx_cell = docx_cell.add_paragraph(p);
            }
            cells.push(docx_cell);
            column += span;
        }
        if given.next().is_some() {
            return Err(DocxError::Invalid(format!(
                "таблица, строка {}: ячеек больше, чем помещается в {} столбцов",
                row_index + 1,
                grid.len()
            )));
        }
        if cells.is_empty() {
            // Word refuses a row without cells.
            return Err(DocxError::Invalid(format!(
                "таблица, строка {}: в строке нет ни одной ячейки",
                row_index + 1
            )));
        }
        let mut docx_row = TableRow::new(cells);
        if column < grid.len() {
            // A short row: the rest of the grid stays empty, as in HTML.
            docx_row = docx_row.grid_after((grid.len() - column) as u32);
        }
        if row.cant_split {
            docx_row = docx_row.cant_split();
        }
        rows.push(docx_row);
    }

    let [top, right, bottom, left] = t.padding.map(|p| twips(p).max(0) as usize);
    let width: usize = grid.iter().sum();
    Ok(Table::new(rows)
        .set_grid(grid)
        .width(width, WidthType::Dxa)
        .indent(0)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(top, right, bottom, left))
        .set_borders(table_borders(t.borders, border)))
}

/// A vertical merge still running down the rows below its first cell.
#[derive(Debug, Clone, Copy)]
struct Merge {
    span: usize,
    rows_left: usize,
    valign: ir::VAlign,
    frame: bool,
}

impl Merge {
    /// The cell that continues the merge in the current row: same width, span, alignment and
    /// frame as the first cell, one empty paragraph.
    fn continuation(
        &self,
        columns: &[usize],
        fonts: &Fonts,
        size: f32,
        keep: bool,
        border: usize,
    ) -> TableCell {
        let width: usize = columns.iter().sum();
        let mut cell = TableCell::new()
            .width(width, WidthType::Dxa)
            .vertical_merge(VMergeType::Continue)
            .vertical_align(valign(self.valign));
        if self.span > 1 {
            cell = cell.grid_span(self.span);
        }
        if self.frame {
            cell = cell.set_borders(frame_borders(border));
        }
        cell.add_paragraph(keep_if(paragraph::empty(fonts, size), keep))
    }
}

/// A cell's width, span, alignment and frame; paragraphs are added by the caller.
fn cell_base(columns: &[usize], cell: &ir::Cell, border: usize) -> TableCell {
    let mut docx_cell = TableCell::new()
        .width(columns.iter().sum(), WidthType::Dxa)
        .vertical_align(valign(cell.valign));
    if columns.len() > 1 {
        docx_cell = docx_cell.grid_span(columns.len());
    }
    if cell.frame {
        docx_cell = docx_cell.set_borders(frame_borders(border));
    }
    docx_cell
}

fn keep_if(p: docx_rs::Paragraph, keep: bool) -> docx_rs::Paragraph {
    if keep { p.keep_next(true) } else { p }
}

fn valign(v: ir::VAlign) -> VAlignType {
    match v {
        ir::VAlign::Top => VAlignType::Top,
        ir::VAlign::Middle => VAlignType::Center,
        ir::VAlign::Bottom => VAlignType::Bottom,
    }
}

/// Border width in eighths of a point, as `w:sz` wants it; Word accepts 2..=96. A zero width
/// means the thinnest line Word draws (¼ pt).
fn eighths(points: f32) -> usize {
    ((points * 8.0).round() as i64).clamp(2, 96) as usize
}

/// The font size of the table's body text, for empty paragraphs (an empty cell, a merge
/// continuation): that of the first paragraph in the table, else 12 pt.
fn body_size(t: &ir::Table) -> f32 {
    t.rows
        .iter()
        .flat_map(|row| &row.cells)
        .flat_map(|cell| &cell.paragraphs)
        .map(|p| p.style.font_size)
        .next()
        .unwrap_or(12.0)
}

fn table_borders(drawn: bool, size: usize) -> TableBorders {
    let positions = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ];
    positions
        .into_iter()
        .fold(TableBorders::with_empty(), |borders, position| {
            let border = TableBorder::new(position).color("000000");
            borders.set(if drawn {
                border.border_type(BorderType::Single).size(size)
            } else {
                border.border_type(BorderType::None).size(0)
            })
        })
}

fn frame_borders(size: usize) -> TableCellBorders {
    let positions = [
        TableCellBorderPosition::Top,
        TableCellBorderPosition::Left,
        TableCellBorderPosition::Bottom,
        TableCellBorderPosition::Right,
    ];
    positions
        .into_iter()
        .fold(TableCellBorders::with_empty(), |borders, position| {
            borders.set(
                TableCellBorder::new(position)
                    .border_type(BorderType::Single)
                    .size(size)
                    .color("000000"),
            )
        })
}
