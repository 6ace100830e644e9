//! Where the cells of a table stand on its grid of columns: the one placement that the page
//! description's checker, the layout engine and the DOCX writer all read.
//!
//! A row lists only the cells that start in it (HTML semantics): each cell takes the first
//! column not covered by a cell spanning down from a row above. What does not fit is placed
//! all the same, clipped to the grid, and reported as a [`Problem`]: the checker refuses the
//! page description, the layout draws the clipped cells (their text must not be lost), the DOCX
//! writer refuses what Word cannot express.

use super::Table;

/// The placement of a table's cells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// Per row, the row's columns from left to right: what stands in each.
    pub rows: Vec<Vec<Slot>>,
    /// Per row, per cell of the row (in the row's order): where it starts.
    pub places: Vec<Vec<Place>>,
    pub problems: Vec<Problem>,
}

/// Where a cell starts on the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// First grid column.
    pub col: usize,
    /// Grid columns covered.
    pub span: usize,
    /// Last row (row + rowspan − 1, clipped to the table).
    pub end: usize,
}

/// What stands at a place of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Cell `cell` of this row starts here.
    Cell { cell: usize, place: Place },
    /// The continuation of cell `cell` of row `row`, which spans down into this row.
    Covered {
        row: usize,
        cell: usize,
        place: Place,
    },
    /// Nothing: the rest of a row with too few cells, from `col` over `span` columns.
    Empty { col: usize, span: usize },
}

/// A cell or row that does not fit the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Cell `cell` of row `row` reaches past the last column or over a column covered from
    /// above (`column` is the first column it was to take, counted from 0).
    Overflow {
        row: usize,
        cell: usize,
        column: usize,
    },
    /// Row `row` covers only `filled` of the table's columns.
    Short { row: usize, filled: usize },
    /// A row span of the header reaches into the body, at the body's first row `row`.
    HeaderSpan { row: usize },
    /// A row span reaches below the last row (cell `cell` of row `row`).
    PastEnd { row: usize, cell: usize },
}

impl Grid {
    /// The columns of the table.
    pub fn of(table: &Table) -> Grid {
        place(
            table.columns.len(),
            table.header_rows,
            table.rows.iter().map(|row| {
                row.cells
                    .iter()
                    .map(|c| (c.colspan, c.rowspan))
                    .collect::<Vec<_>>()
            }),
        )
    }

    /// Overflowing cells: what Word cannot express.
    pub fn overflows(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| matches!(p, Problem::Overflow { .. }))
    }
}

/// Places rows of (colspan, rowspan) on a grid of `columns` columns whose first `header_rows`
/// rows are the header.
pub fn place<R>(columns: usize, header_rows: usize, rows: impl Iterator<Item = R>) -> Grid
where
    R: AsRef<[(usize, usize)]>,
{
    let rows: Vec<R> = rows.collect();
    let ncols = columns.max(1);
    let nrows = rows.len();
    let mut grid = Grid::default();
    // Per column: the spanning cell (row, cell, place) covering it in the rows to come.
    let mut covering: Vec<Option<(usize, usize, Place)>> = vec![None; ncols];
    for (r, cells) in rows.iter().enumerate() {
        let cells = cells.as_ref();
        if r == header_rows && r > 0 && covering.iter().flatten().any(|c| c.2.end >= r) {
            grid.problems.push(Problem::HeaderSpan { row: r });
        }
        let covered = |c: usize, covering: &[Option<(usize, usize, Place)>]| {
            covering[c].is_some_and(|(_, _, p)| p.end >= r)
        };
        let mut slots = Vec::new();
        let mut places = Vec::with_capacity(cells.len());
        let mut c = 0;
        let mut overflowed = false;
        let mut given = cells.iter().enumerate();
        loop {
            if c < ncols && covered(c, &covering) {
                let (row, cell, place) = covering[c].expect("covered");
                slots.push(Slot::Covered { row, cell, place });
                c = place.col + place.span;
                continue;
            }
            let Some((i, &(colspan, rowspan))) = given.next() else {
                break;
            };
            let want = colspan.max(1);
            let col = c.min(ncols - 1);
            let span = want.min(ncols - col);
            let fits =
                c < ncols && span == want && !(col..col + span).any(|k| covered(k, &covering));
            if !fits && !overflowed {
                grid.problems.push(Problem::Overflow {
                    row: r,
                    cell: i,
                    column: c,
                });
            }
            overflowed |= !fits;
            let last = r + rowspan.max(1) - 1;
            if last >= nrows {
                grid.problems.push(Problem::PastEnd { row: r, cell: i });
            }
            let place = Place {
                col,
                span,
                end: last.min(nrows.saturating_sub(1)),
            };
            places.push(place);
            if fits {
                slots.push(Slot::Cell { cell: i, place });
            }
            if place.end > r {
                covering[col..col + span].fill(Some((r, i, place)));
            }
            c = col + span;
        }
        let filled: usize = slots
            .iter()
            .map(|s| match s {
                Slot::Cell { place, .. } | Slot::Covered { place, .. } => place.span,
                Slot::Empty { span, .. } => *span,
            })
            .sum();
        if !overflowed && filled < ncols {
            grid.problems.push(Problem::Short { row: r, filled });
            slots.push(Slot::Empty {
                col: c.min(ncols),
                span: ncols - filled,
            });
        }
        grid.rows.push(slots);
        grid.places.push(places);
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(col: usize, span: usize, end: usize) -> Place {
        Place { col, span, end }
    }

    #[test]
    fn a_row_span_continues_at_its_column_after_a_column_span() {
        // Row 0: A over two columns, B down three rows, C; rows 1 and 2 fill around B.
        let g = place(
            4,
            0,
            [
                vec![(2, 1), (1, 3), (1, 1)],
                vec![(1, 1), (1, 1), (1, 1)],
                vec![(2, 1), (1, 1)],
            ]
            .iter(),
        );
        assert!(g.problems.is_empty(), "{:?}", g.problems);
        assert_eq!(g.places[1], [p(0, 1, 1), p(1, 1, 1), p(3, 1, 1)]);
        assert_eq!(
            g.rows[2],
            [
                Slot::Cell {
                    cell: 0,
                    place: p(0, 2, 2)
                },
                Slot::Covered {
                    row: 0,
                    cell: 1,
                    place: p(2, 1, 2)
                },
                Slot::Cell {
                    cell: 1,
                    place: p(3, 1, 2)
                },
            ]
        );
    }

    #[test]
    fn a_short_row_is_completed_by_an_empty_slot_and_reported() {
        let g = place(3, 0, [vec![(1, 1)]].iter());
        assert_eq!(g.problems, [Problem::Short { row: 0, filled: 1 }]);
        assert_eq!(g.rows[0][1], Slot::Empty { col: 1, span: 2 });
    }

    #[test]
    fn cells_past_the_grid_share_the_last_column_and_are_reported_once_a_row() {
        let g = place(2, 0, [vec![(1, 1), (1, 1), (1, 1), (3, 1)]].iter());
        assert_eq!(
            g.problems,
            [Problem::Overflow {
                row: 0,
                cell: 2,
                column: 2
            }]
        );
        assert_eq!(g.places[0][2..], [p(1, 1, 0), p(1, 1, 0)]);
    }

    #[test]
    fn a_cell_over_a_covered_column_overflows() {
        let g = place(3, 0, [vec![(1, 1), (1, 2), (1, 1)], vec![(2, 1)]].iter());
        assert_eq!(
            g.problems,
            [Problem::Overflow {
                row: 1,
                cell: 0,
                column: 0
            }]
        );
    }

    #[test]
    fn spans_leaving_the_header_or_the_table_are_reported() {
        let g = place(2, 1, [vec![(1, 2), (1, 1)], vec![(1, 2)]].iter());
        assert_eq!(
            g.problems,
            [
                Problem::HeaderSpan { row: 1 },
                Problem::PastEnd { row: 1, cell: 0 }
            ]
        );
        assert_eq!(g.places[1], [p(1, 1, 1)]);
    }
}
