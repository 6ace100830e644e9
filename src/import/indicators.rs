//! An indicators table above the activities («Важнейшие целевые индикаторы и показатели»):
//! recognised by a header title that names indicators, read into columns of its own (`number`
//! and own keys, as `columns` reads any header) and rows of values.

use super::blocks::{Para, Table};
use super::columns::{self, at};
use super::draft::{Fields, Indicators};
use super::grid::Grid;
use super::text::norm;

/// Whether a table is an indicators table: a title of its header names indicators.
pub fn is_indicators(table: &Table) -> bool {
    let grid = Grid::of(table);
    if grid.columns < 2 || table.rows.len() < 2 {
        return false;
    }
    columns::titles(&grid, columns::header_rows(table))
        .iter()
        .any(|t| norm(t).contains("индикатор"))
}

/// The table read; `title` is the heading paragraph above it, if any.
pub fn read(table: &Table, title: Option<&Para>, place: &str) -> Indicators {
    let grid = Grid::of(table);
    let (header, first, column_numbers) = columns::header_layout(table, &grid);
    let mut columns = columns::columns(table, &grid, header, place, true);
    columns::alignments(&mut columns, &grid, first);
    let rows = grid.rows[first..]
        .iter()
        .filter(|row| row.iter().any(|s| !s.cell.is_empty()))
        .map(|row| {
            let mut fields = Fields::new();
            for (c, column) in columns.iter().enumerate() {
                if column.key == "number" {
                    continue;
                }
                let Some(slot) = at(row, c).filter(|s| s.col == c && !s.cell.merged_up) else {
                    continue;
                };
                let text = slot.cell.text();
                if !text.trim().is_empty() {
                    fields.push((column.key, text.trim().to_string()));
                }
            }
            fields
        })
        .collect();
    Indicators {
        title: title.map(|p| p.trimmed().to_string()),
        columns,
        column_numbers,
        rows,
    }
}
