//! Tables: [`ir::Table`] → a docx-rs table.
//!
//! - Cells stand where [`Grid`] places them; a row with fewer cells than the grid is
//!   completed by one empty cell.
//! - Fixed layout (`w:tblLayout w:type="fixed"`) with `w:tblGrid` from the IR column widths,
//!   so clients never re-measure columns from their content; every cell states its width.
//! - Borders: all single lines of the IR width, or none; a `frame` cell draws its own four
//!   borders even in a table without borders (the electronic-signature frame).
//! - Cell margins from the IR padding (`w:tblCellMar`); vertical alignment when it is not
//!   top, the default.
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
use super::paragraph::{self, twips};
use super::styles::Styles;
use crate::ir;
use crate::ir::grid::{Grid, Problem, Slot};

/// The table as docx-rs builds it; `may_break` false drops the table's page break (at the
/// start of a section, which starts a page anyway). Fails when the cells of a row do not fit
/// the grid.
pub(crate) fn table(t: &ir::Table, may_break: bool, styles: &Styles) -> Result<Table, DocxError> {
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
    let body = body_style(t);

    let placed = Grid::of(t);
    if let Some(Problem::Overflow { row, column, .. }) = placed.overflows().next() {
        return Err(DocxError::Invalid(format!(
            "таблица, строка {}, столбец {}: ячейка не помещается в {} столбцов (выходит за \
             таблицу или накрывает объединённую ячейку сверху)",
            row + 1,
            column + 1,
            grid.len()
        )));
    }
    let mut rows = Vec::with_capacity(t.rows.len());
    // Set until the first cell's first paragraph has taken the table's page break.
    let mut break_before = t.page_break_before && may_break;
    for (row, slots) in t.rows.iter().zip(&placed.rows) {
        let keep = row.keep_with_next;
        let mut cells = Vec::with_capacity(slots.len());
        for slot in slots {
            let docx_cell = match *slot {
                Slot::Cell { cell, place } => {
                    let cell = &row.cells[cell];
                    let mut docx_cell =
                        cell_base(&grid[place.col..place.col + place.span], cell, border);
                    if cell.rowspan > 1 {
                        docx_cell = docx_cell.vertical_merge(VMergeType::Restart);
                    }
                    let mut paragraphs: Vec<docx_rs::Paragraph> = cell
                        .paragraphs
                        .iter()
                        .map(|p| {
                            let inherits = styles.of(&p.style);
                            cell_widow(paragraph::styled(p, keep, inherits), inherits, styles)
                        })
                        .collect();
                    if paragraphs.is_empty() {
                        paragraphs.push(empty(body, styles, keep));
                    }
                    if std::mem::take(&mut break_before) {
                        // A table cannot break the page itself; Word and LibreOffice move the
                        // whole table when its first paragraph starts a page.
                        paragraphs[0] = std::mem::take(&mut paragraphs[0]).page_break_before(true);
                    }
                    paragraphs
                        .into_iter()
                        .fold(docx_cell, |c, p| c.add_paragraph(p))
                }
                // The cell that continues a merge: same width, span, alignment and frame as
                // the first cell, one empty paragraph in the style of the first cell's first.
                Slot::Covered {
                    row: from,
                    cell,
                    place,
                } => {
                    let first = &t.rows[from].cells[cell];
                    let style = first.paragraphs.first().map_or(body, |p| &p.style);
                    cell_base(&grid[place.col..place.col + place.span], first, border)
                        .vertical_merge(VMergeType::Continue)
                        .add_paragraph(empty(style, styles, keep))
                }
                // A short row is completed by one empty cell over the rest of the grid
                // (docx-rs does not write w:gridAfter, and an empty cell draws the same in
                // every client).
                Slot::Empty { col, span } => {
                    let rest = &grid[col..col + span];
                    let mut filler = TableCell::new().width(rest.iter().sum(), WidthType::Dxa);
                    if rest.len() > 1 {
                        filler = filler.grid_span(rest.len());
                    }
                    filler.add_paragraph(empty(body, styles, keep))
                }
            };
            cells.push(docx_cell);
        }
        let mut docx_row = TableRow::new(cells);
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

/// A cell's width, span, alignment and frame; paragraphs are added by the caller.
fn cell_base(columns: &[usize], cell: &ir::Cell, border: usize) -> TableCell {
    let mut docx_cell = aligned(
        TableCell::new().width(columns.iter().sum(), WidthType::Dxa),
        cell.valign,
    );
    if columns.len() > 1 {
        docx_cell = docx_cell.grid_span(columns.len());
    }
    if cell.frame {
        docx_cell = docx_cell.set_borders(frame_borders(border));
    }
    docx_cell
}

/// An empty cell paragraph in the style and size of `like`.
fn empty(like: &ir::ParaStyle, styles: &Styles, keep: bool) -> docx_rs::Paragraph {
    let inherits = styles.of(like);
    let p = cell_widow(paragraph::empty(like.font_size, inherits), inherits, styles);
    if keep { p.keep_next(true) } else { p }
}

/// A cell paragraph with the widow control of cells, unless its style states it.
fn cell_widow(
    p: docx_rs::Paragraph,
    inherits: paragraph::Inherits,
    styles: &Styles,
) -> docx_rs::Paragraph {
    if inherits.cell_widow {
        p
    } else {
        p.widow_control(styles.cell_widow_control())
    }
}

/// The cell with its vertical alignment; top, the default, is not stated.
fn aligned(cell: TableCell, v: ir::VAlign) -> TableCell {
    match v {
        ir::VAlign::Top => cell,
        ir::VAlign::Middle => cell.vertical_align(VAlignType::Center),
        ir::VAlign::Bottom => cell.vertical_align(VAlignType::Bottom),
    }
}

/// Border width in eighths of a point, as `w:sz` wants it; Word accepts 2..=96. A zero width
/// means the thinnest line Word draws (¼ pt).
fn eighths(points: f32) -> usize {
    ((points * 8.0).round() as i64).clamp(2, 96) as usize
}

/// The style of the table's body text, for an empty cell and a short row's filler: that of
/// the first paragraph below the header rows, else of the first one, else the defaults.
fn body_style(t: &ir::Table) -> &ir::ParaStyle {
    fn first(rows: &[ir::Row]) -> Option<&ir::ParaStyle> {
        rows.iter()
            .flat_map(|row| &row.cells)
            .flat_map(|cell| &cell.paragraphs)
            .map(|p| &p.style)
            .next()
    }
    first(t.rows.get(t.header_rows..).unwrap_or_default())
        .or_else(|| first(&t.rows))
        .unwrap_or(&ir::ParaStyle::DEFAULT)
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

#[cfg(test)]
mod tests {
    use docx_rs::BuildXML;

    use super::*;
    use crate::ir::{Cell, Row, Table as IrTable};

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// The table as XML text, wrapped so the `w:` prefix is declared.
    fn xml(t: &IrTable) -> String {
        let none = ir::Document::default();
        let built = table(t, true, &Styles::new(&none).unwrap())
            .expect("a valid table")
            .build();
        format!(
            r#"<root xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">{}</root>"#,
            String::from_utf8(built).unwrap()
        )
    }

    /// Per row, per cell: (gridSpan, vMerge value or "", first text).
    fn cells(xml: &str) -> Vec<Vec<(usize, String, String)>> {
        let tree = roxmltree::Document::parse(xml).unwrap();
        tree.descendants()
            .filter(|n| n.has_tag_name((W, "tr")))
            .map(|row| {
                row.children()
                    .filter(|n| n.has_tag_name((W, "tc")))
                    .map(|tc| {
                        let find = |name| tc.descendants().find(|n| n.has_tag_name((W, name)));
                        let span = find("gridSpan")
                            .and_then(|n| n.attribute((W, "val")))
                            .map_or(1, |v| v.parse().unwrap());
                        let merge = find("vMerge")
                            .map(|n| n.attribute((W, "val")).unwrap_or("continue").to_owned())
                            .unwrap_or_default();
                        let text = find("t").and_then(|n| n.text()).unwrap_or("").to_owned();
                        (span, merge, text)
                    })
                    .collect()
            })
            .collect()
    }

    fn text_cell(text: &str) -> Cell {
        let inline = ir::Inline::Text(ir::Text {
            text: text.to_owned(),
            ..Default::default()
        });
        Cell {
            paragraphs: vec![ir::Paragraph {
                style: Default::default(),
                inlines: vec![inline],
                origin: Default::default(),
            }],
            ..Cell::default()
        }
    }

    fn grid_table(rows: Vec<Vec<Cell>>) -> IrTable {
        IrTable {
            columns: vec![100.0; 4],
            borders: true,
            border_width: 0.5,
            rows: rows
                .into_iter()
                .map(|cells| Row {
                    cells,
                    ..Row::default()
                })
                .collect(),
            ..IrTable::default()
        }
    }

    fn c(span: usize, merge: &str, text: &str) -> (usize, String, String) {
        (span, merge.to_owned(), text.to_owned())
    }

    #[test]
    fn rowspan_continues_at_its_grid_column_after_a_colspan() {
        // Row 1: A spans two columns, B spans three rows in column 3, C.
        // Rows 2 and 3 list only their own cells; B's continuation goes between them.
        let t = grid_table(vec![
            vec![
                Cell {
                    colspan: 2,
                    ..text_cell("A")
                },
                Cell {
                    rowspan: 3,
                    ..text_cell("B")
                },
                text_cell("C"),
            ],
            vec![text_cell("D"), text_cell("E"), text_cell("F")],
            vec![
                Cell {
                    colspan: 2,
                    ..text_cell("G")
                },
                text_cell("H"),
            ],
        ]);
        assert_eq!(
            cells(&xml(&t)),
            vec![
                vec![c(2, "", "A"), c(1, "restart", "B"), c(1, "", "C")],
                vec![
                    c(1, "", "D"),
                    c(1, "", "E"),
                    c(1, "continue", ""),
                    c(1, "", "F")
                ],
                vec![c(2, "", "G"), c(1, "continue", ""), c(1, "", "H")],
            ]
        );
    }

    #[test]
    fn a_merge_spanning_columns_continues_with_the_same_span() {
        let t = grid_table(vec![
            vec![
                Cell {
                    colspan: 2,
                    rowspan: 2,
                    ..text_cell("A")
                },
                text_cell("B"),
                text_cell("C"),
            ],
            vec![text_cell("D"), text_cell("E")],
        ]);
        assert_eq!(
            cells(&xml(&t))[1],
            vec![c(2, "continue", ""), c(1, "", "D"), c(1, "", "E")]
        );
    }

    #[test]
    fn a_short_row_is_completed_by_an_empty_cell() {
        let t = grid_table(vec![vec![text_cell("A")], vec![text_cell("B"); 4]]);
        assert_eq!(cells(&xml(&t))[0], vec![c(1, "", "A"), c(3, "", "")]);
    }

    #[test]
    fn a_cell_over_a_merged_column_is_an_error() {
        let t = grid_table(vec![
            vec![
                text_cell("A"),
                Cell {
                    rowspan: 2,
                    ..text_cell("B")
                },
            ],
            vec![Cell {
                colspan: 3,
                ..text_cell("C")
            }],
        ]);
        // C starts in column 1 and would cover column 2, which B still occupies.
        let none = ir::Document::default();
        let error = table(&t, true, &Styles::new(&none).unwrap()).unwrap_err();
        assert!(
            matches!(&error, DocxError::Invalid(m) if m.contains("строка 2")),
            "{error}"
        );
    }

    #[test]
    fn fixed_layout_grid_borders_and_padding() {
        let mut t = grid_table(vec![vec![text_cell("A")]]);
        t.columns = vec![10.0, 20.5];
        t.padding = [1.0, 2.0, 3.0, 4.0];
        t.border_width = 0.75;
        let out = xml(&t);
        assert!(out.contains(r#"<w:tblLayout w:type="fixed" />"#), "{out}");
        assert!(
            out.contains(r#"<w:gridCol w:w="200""#) && out.contains(r#"<w:gridCol w:w="410""#),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:tblW w:w="610" w:type="dxa" />"#),
            "{out}"
        );
        assert!(out.contains(r#"<w:top w:w="20" w:type="dxa" />"#), "{out}");
        assert!(out.contains(r#"<w:left w:w="80" w:type="dxa" />"#), "{out}");
        assert!(
            out.contains(r#"<w:insideV w:val="single" w:sz="6""#),
            "{out}"
        );
        t.borders = false;
        let out = xml(&t);
        assert!(out.contains(r#"<w:insideV w:val="none" w:sz="0""#), "{out}");
    }

    #[test]
    fn a_framed_cell_draws_its_own_borders() {
        let mut t = grid_table(vec![vec![
            Cell {
                frame: true,
                ..text_cell("A")
            },
            text_cell("B"),
        ]]);
        t.borders = false;
        let out = xml(&t);
        let framed = out.split("<w:tc>").nth(1).unwrap();
        assert!(
            framed.contains("<w:tcBorders>") && framed.contains(r#"<w:left w:val="single""#),
            "{out}"
        );
        let plain = out.split("<w:tc>").nth(2).unwrap();
        assert!(!plain.contains("<w:tcBorders>"), "{out}");
    }

    #[test]
    fn a_kept_row_keeps_every_paragraph_and_a_break_lands_on_the_first() {
        let mut t = grid_table(vec![
            vec![text_cell("A"), text_cell("B")],
            vec![text_cell("C")],
        ]);
        t.rows[0].keep_with_next = true;
        t.rows[0].cant_split = true;
        t.page_break_before = true;
        let out = xml(&t);
        let rows: Vec<&str> = out.split("<w:tr>").skip(1).collect();
        // A, B and the empty cell that completes the short row.
        assert_eq!(rows[0].matches("<w:keepNext />").count(), 3, "{out}");
        assert_eq!(rows[1].matches("<w:keepNext />").count(), 0, "{out}");
        assert!(rows[0].contains("<w:cantSplit />"), "{out}");
        assert_eq!(out.matches("<w:pageBreakBefore />").count(), 1, "{out}");
        assert!(
            rows[0].find("<w:pageBreakBefore />") < rows[0].find(">A<"),
            "{out}"
        );
    }
}
