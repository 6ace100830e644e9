//! A table's rows laid on its grid: each cell with the grid column it starts at.

use super::blocks::{Cell, Table};

/// A cell and where it stands.
#[derive(Debug, Clone, Copy)]
pub struct Slot<'t> {
    pub col: usize,
    pub span: usize,
    pub cell: &'t Cell,
}

#[derive(Debug)]
pub struct Grid<'t> {
    pub columns: usize,
    pub rows: Vec<Vec<Slot<'t>>>,
}

impl<'t> Grid<'t> {
    pub fn of(table: &'t Table) -> Grid<'t> {
        let columns = table.columns();
        let rows = table
            .rows
            .iter()
            .map(|row| {
                let mut col = 0;
                row.cells
                    .iter()
                    .map(|cell| {
                        let span = cell.span.max(1);
                        let slot = Slot { col, span, cell };
                        col += span;
                        slot
                    })
                    .collect()
            })
            .collect();
        Grid { columns, rows }
    }
}
