//! An Excel workbook (XLSX) → [`Block`]s, read with calamine: on each sheet, the rows above the
//! table's header become paragraphs (the mark on the right, the title across), the header and
//! the rows under it a table whose merged ranges are spans and merged-down cells, and the rows
//! after the first empty one paragraphs again (the signature). A cell's line breaks (wrap
//! text, Alt+Enter) separate its paragraphs; a date cell is a date.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::Failure;
use super::blocks::{Align, Block, Cell, Para, Row, Table};
use super::columns::key_of;

pub fn read(bytes: &[u8]) -> Result<Vec<Block>, Failure> {
    let mut book = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| Failure::new(format!("книга Excel не читается: {e}")))?;
    let mut blocks = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| Failure::new(format!("лист «{name}» не читается: {e}")))?;
        let Some((top, left)) = range.start() else {
            continue;
        };
        let (height, width) = range.get_size();
        // Merged ranges by their first cell, relative to the range.
        let mut merged: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
        let regions = book
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| Failure::new(format!("лист «{name}» не читается: {e}")))?;
        for dim in &regions {
            let (r0, c0) = dim.start;
            let (r1, c1) = dim.end;
            if r0 < top || c0 < left {
                continue;
            }
            let at = ((r0 - top) as usize, (c0 - left) as usize);
            merged.insert(at, ((r1 - r0) as usize + 1, (c1 - c0) as usize + 1));
        }
        let sheet = Sheet::lay(&range, height, width, &merged);
        sheet.blocks(&mut blocks);
        blocks.push(Block::SectionEnd {
            landscape: width >= 6,
        });
    }
    Ok(blocks)
}

/// A sheet's cells as a grid of rows.
struct Sheet {
    width: usize,
    rows: Vec<Vec<Cell>>,
    /// The grid column each cell of `rows` starts at.
    starts: Vec<Vec<usize>>,
}

impl Sheet {
    fn lay(
        range: &calamine::Range<Data>,
        height: usize,
        width: usize,
        merged: &BTreeMap<(usize, usize), (usize, usize)>,
    ) -> Sheet {
        // Which grid positions a merged range covers: (row, col) → (first row, first col, span).
        let mut covered: BTreeMap<(usize, usize), (usize, usize, usize)> = BTreeMap::new();
        for (&(r, c), &(h, w)) in merged {
            for dr in 0..h {
                for dc in 0..w {
                    covered.insert((r + dr, c + dc), (r, c, w));
                }
            }
        }
        let mut rows = Vec::with_capacity(height);
        let mut starts = Vec::with_capacity(height);
        for r in 0..height {
            let mut cells = Vec::new();
            let mut at = Vec::new();
            let mut c = 0;
            while c < width {
                match covered.get(&(r, c)) {
                    Some(&(r0, c0, w)) if c0 == c => {
                        let paras = if r0 == r {
                            paras(range.get((r, c)))
                        } else {
                            Vec::new()
                        };
                        cells.push(Cell {
                            span: w.min(width - c),
                            merged_up: r0 != r,
                            paras,
                            middle: false,
                        });
                        at.push(c);
                        c += w.max(1);
                    }
                    Some(_) => c += 1,
                    None => {
                        cells.push(Cell {
                            span: 1,
                            merged_up: false,
                            paras: paras(range.get((r, c))),
                            middle: false,
                        });
                        at.push(c);
                        c += 1;
                    }
                }
            }
            rows.push(cells);
            starts.push(at);
        }
        Sheet {
            width,
            rows,
            starts,
        }
    }

    fn blocks(self, out: &mut Vec<Block>) {
        let filled = |row: &Vec<Cell>| row.iter().filter(|c| !c.is_empty()).count();
        let header = self.rows.iter().position(|row| {
            filled(row) >= 2 && row.iter().filter(|c| key_of(&c.text()).is_some()).count() >= 2
        });
        let Some(header) = header else {
            // No table on this sheet: its text as paragraphs, so that it is not lost.
            for (r, row) in self.rows.iter().enumerate() {
                self.paragraph(r, row, out);
            }
            return;
        };
        for (r, row) in self.rows.iter().enumerate().take(header) {
            self.paragraph(r, row, out);
        }
        let mut end = self.rows.len();
        for r in header + 2..self.rows.len() {
            if filled(&self.rows[r]) == 0 && !self.rows[r].iter().any(|c| c.merged_up) {
                end = r;
                break;
            }
        }
        let table = Table {
            grid: Vec::new(),
            rows: self.rows[header..end]
                .iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    cells: cells.clone(),
                    header: i == 0,
                })
                .collect(),
        };
        out.push(Block::Table(table));
        for r in end..self.rows.len() {
            self.paragraph(r, &self.rows[r], out);
        }
    }

    /// A row outside the table as one paragraph: its cells' texts, a tab between them; on the
    /// right when it starts in the right half, centred when it spans the sheet.
    fn paragraph(&self, r: usize, row: &[Cell], out: &mut Vec<Block>) {
        let cells: Vec<(usize, &Cell)> = self.starts[r]
            .iter()
            .copied()
            .zip(row.iter())
            .filter(|(_, c)| !c.is_empty())
            .collect();
        let Some(&(col, first)) = cells.first() else {
            out.push(Block::Para(Para::default()));
            return;
        };
        let text = cells
            .iter()
            .map(|(_, c)| c.text())
            .collect::<Vec<_>>()
            .join("\t");
        let align = if cells.len() == 1 && col * 2 >= self.width && self.width > 1 {
            Align::Right
        } else if cells.len() == 1 && (first.span * 2 >= self.width || col == 0) {
            Align::Center
        } else {
            Align::Left
        };
        out.push(Block::Para(Para {
            text,
            align,
            ..Para::default()
        }));
    }
}

/// A cell's value as paragraphs: a line each.
fn paras(value: Option<&Data>) -> Vec<Para> {
    let Some(text) = cell_text(value) else {
        return Vec::new();
    };
    text.split('\n')
        .map(|l| Para::plain(l.trim_end()))
        .collect()
}

/// A cell's value as the text a user sees in Excel: a whole number without «.0», a date cell
/// as `YYYY-MM-DD`, line breaks as `\n`; `None` for an empty cell or an error value.
fn cell_text(value: Option<&Data>) -> Option<String> {
    Some(match value? {
        Data::Empty | Data::Error(_) => return None,
        Data::String(s) => s.replace("\r\n", "\n"),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "ИСТИНА" } else { "ЛОЖЬ" }.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64()),
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    })
}

/// One non-empty row of a sheet: its 1-based number in Excel, and its cells' texts with their
/// 1-based columns.
pub type SheetRow = (u32, Vec<(u32, String)>);

/// The non-empty rows of a workbook's first sheet, for a table of values (the municipality
/// table).
pub fn first_sheet_cells(bytes: &[u8]) -> Result<Vec<SheetRow>, Failure> {
    let mut book = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| Failure::new(format!("книга Excel не читается: {e}")))?;
    let Some(name) = book.sheet_names().into_iter().next() else {
        return Err(Failure::new("в книге Excel нет ни одного листа"));
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| Failure::new(format!("лист «{name}» не читается: {e}")))?;
    let Some((top, left)) = range.start() else {
        return Ok(Vec::new());
    };
    Ok(range
        .rows()
        .enumerate()
        .filter_map(|(r, row)| {
            let cells: Vec<(u32, String)> = row
                .iter()
                .enumerate()
                .filter_map(|(c, v)| Some((left + c as u32 + 1, cell_text(Some(v))?)))
                .collect();
            (!cells.is_empty()).then_some((top + r as u32 + 1, cells))
        })
        .collect())
}

/// An Excel date serial (1900 system) → `YYYY-MM-DD`.
fn excel_date(serial: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
    match base.checked_add_days(chrono::Days::new(serial.max(0.0).floor() as u64)) {
        Some(d) => d.format("%Y-%m-%d").to_string(),
        None => serial.to_string(),
    }
}
