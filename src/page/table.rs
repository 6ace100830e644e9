//! Tables: column widths, rows and cells, and the check that spans fill the grid.

use roxmltree::Node;

use super::inline::Line;
use super::{Parser, Run, values};
use crate::ir::grid::{self, Problem};
use crate::ir::{Align, Cell, ParaStyle, Paragraph, Row, Table, mm};

impl Parser<'_, '_> {
    pub(super) fn table(
        &mut self,
        node: Node,
        inherited: &ParaStyle,
        text_width: f32,
    ) -> Option<Table> {
        let style = self.styled(node, inherited);
        let widths = match node.attribute("widths") {
            Some(_) => self.attr(node, "widths", values::widths),
            None => {
                self.error(node, "у таблицы нет атрибута widths".into())
                    .hints
                    .push("доли ширины колонок через пробел: widths=\"6 46 16 20 12\"".into());
                None
            }
        };
        let border = self
            .attr(node, "border", values::border)
            .unwrap_or(Some(0.5));
        let padding =
            self.attr(node, "padding", values::box_lengths)
                .unwrap_or([0.0, mm(1.9), 0.0, mm(1.9)]);
        let page_break_before = self
            .attr(node, "page-break-before", values::boolean)
            .unwrap_or(false);

        let mut rows = Vec::new();
        let mut header_rows = 0;
        let mut seen_body = false;
        for group in node.children() {
            if group.is_text() {
                self.stray_text(group);
                continue;
            }
            if !group.is_element() || self.element(group).is_none() {
                continue;
            }
            let is_head = group.tag_name().name() == "thead";
            if is_head && (seen_body || header_rows > 0) {
                self.error(group, "<thead> стоит один раз и первым в таблице".into());
            }
            seen_body |= !is_head;
            let group_style = self.styled(group, &style);
            for tr in group.children() {
                if tr.is_text() {
                    self.stray_text(tr);
                } else if tr.is_element() && self.element(tr).is_some() {
                    rows.push((tr, self.row(tr, &group_style)));
                    if is_head {
                        header_rows += 1;
                    }
                }
            }
        }
        if rows.is_empty() {
            self.error(node, "таблица без строк <tr>".into());
            return None;
        }
        let widths = widths?;
        self.check_grid(node, &rows, widths.len(), header_rows);
        let total: f32 = widths.iter().sum();
        Some(Table {
            columns: widths.iter().map(|w| w / total * text_width).collect(),
            borders: border.is_some(),
            border_width: border.unwrap_or(0.0),
            padding,
            header_rows,
            page_break_before,
            rows: rows.into_iter().map(|(_, row)| row).collect(),
            origin: self.origin(node),
        })
    }

    fn row(&mut self, tr: Node, inherited: &ParaStyle) -> Row {
        let style = self.styled(tr, inherited);
        let keep_with_next = self
            .attr(tr, "keep-with-next", values::boolean)
            .unwrap_or(false);
        let cant_split = self
            .attr(tr, "cant-split", values::boolean)
            .unwrap_or(false);
        let mut cells = Vec::new();
        for td in tr.children() {
            if td.is_text() {
                self.stray_text(td);
            } else if td.is_element() && self.element(td).is_some() {
                cells.push(self.cell(td, &style));
            }
        }
        if cells.is_empty() {
            self.error(tr, "строка <tr> без ячеек".into());
        }
        Row {
            cells,
            keep_with_next,
            cant_split,
            origin: self.origin(tr),
        }
    }

    fn cell(&mut self, td: Node, inherited: &ParaStyle) -> Cell {
        let header = td.tag_name().name() == "th";
        let mut base = inherited.clone();
        let mut run = Run::default();
        if header {
            base.align = Align::Center;
            run.bold = true;
        }
        let style = self.styled(td, &base);
        // Text in a cell starts with its role's character formatting, inherited from the
        // table, row or cell: a role sets bold and italic, a header cell's included.
        if let Some(index) = style.named {
            run = self.named_run(index, run);
        }
        Cell {
            colspan: self.attr(td, "colspan", values::count).unwrap_or(1),
            rowspan: self.attr(td, "rowspan", values::count).unwrap_or(1),
            valign: self.attr(td, "valign", values::valign).unwrap_or_default(),
            frame: self.attr(td, "frame", values::boolean).unwrap_or(false),
            paragraphs: self.cell_content(td, &style, run),
            origin: self.origin(td),
        }
    }

    /// Paragraphs of a cell: `<p>` and `<ul>` as they are; a run of bare inline content
    /// between them becomes one paragraph; an empty cell holds one empty paragraph (as in Word).
    pub(super) fn cell_content(&mut self, td: Node, style: &ParaStyle, run: Run) -> Vec<Paragraph> {
        let mut paragraphs = Vec::new();
        let mut line = Line::default();
        for child in td.children() {
            let block = child.is_element() && matches!(child.tag_name().name(), "p" | "ul");
            if !block {
                if child.is_text() {
                    line.push_text(child.text().unwrap_or(""), run);
                } else if child.is_element() {
                    self.inline_element(child, run, &mut line);
                }
                continue;
            }
            let pending = std::mem::take(&mut line).finish();
            if !pending.is_empty() {
                paragraphs.push(Paragraph {
                    style: style.clone(),
                    inlines: pending,
                    origin: self.origin(td),
                });
            }
            if self.element(child).is_some() {
                match child.tag_name().name() {
                    "p" => paragraphs.push(self.paragraph(child, style, run)),
                    _ => paragraphs.extend(self.list(child, style, run)),
                }
            }
        }
        let pending = line.finish();
        if !pending.is_empty() || paragraphs.is_empty() {
            paragraphs.push(Paragraph {
                style: style.clone(),
                inlines: pending,
                origin: self.origin(td),
            });
        }
        paragraphs
    }

    /// Every row must fill the columns exactly, counting cells spanned from rows above;
    /// no row span may leave the header or the table. The placement is the one the layout and
    /// the DOCX writer read ([`Grid`]).
    fn check_grid(
        &mut self,
        table: Node,
        rows: &[(Node, Row)],
        columns: usize,
        header_rows: usize,
    ) {
        let spans = rows.iter().map(|(_, row)| {
            row.cells
                .iter()
                .map(|c| (c.colspan, c.rowspan))
                .collect::<Vec<_>>()
        });
        let grid = grid::place(columns, header_rows, spans);
        let mut past_end = false;
        for problem in grid.problems {
            match problem {
                Problem::Overflow { row, cell, .. } => {
                    let (tr, _) = rows[row];
                    let td = tr
                        .children()
                        .filter(|n| n.is_element())
                        .nth(cell)
                        .unwrap_or(tr);
                    self.error(td, format!("ячейка выходит за таблицу: в таблице {columns} колонок (атрибут widths)"))
                        .hints
                        .push("проверьте colspan этой строки и rowspan строк выше".into());
                }
                Problem::Short { row, filled } => {
                    self.error(
                        rows[row].0,
                        format!("в строке заполнено {filled} колонок из {columns}"),
                    )
                    .hints
                    .push(
                        "добавьте ячейки или colspan; ячейки под rowspan сверху не пишутся".into(),
                    );
                }
                Problem::HeaderSpan { row } => {
                    self.error(
                        rows[row].0,
                        "объединение строк (rowspan) переходит из шапки <thead> в тело таблицы"
                            .into(),
                    );
                }
                Problem::PastEnd { .. } => past_end = true,
            }
        }
        if past_end {
            self.error(
                table,
                "объединение строк (rowspan) уходит ниже последней строки таблицы".into(),
            );
        }
    }
}
