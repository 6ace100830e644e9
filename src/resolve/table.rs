//! The table body, flattened: stages, headings, items, parts and children become rows of cells
//! with their spans already decided, so a template only walks rows and cells.
//!
//! - A stage row: the stage number in the first column and the title spanning the rest (when
//!   the numbering prints stage numbers, see `numbering::NumberStyle`), or the title across
//!   the whole table; bold unless the stage's `style` says otherwise.
//! - A heading row: one cell across the table, text and list; no number; italic unless its
//!   `style` says otherwise.
//! - An item without parts: one row, one cell per column.
//! - An item with parts: one sub-row per part, preceded by a lead row when the item has its own
//!   activity text. The first sub-row is of kind "item" (it starts the item and holds its
//!   spanning cells), the others "part". A column some part fills gets a cell in every sub-row (the lead row holds
//!   the item's own value); every other column (the number, item-level values such as a single
//!   planned result) is one cell spanning all sub-rows. Blank columns stay one empty cell per
//!   sub-row, so each part can be marked by hand.
//! - Children follow their parent as rows of their own.
//! - A `merge: true` column merges equal consecutive non-empty values within a stage; a heading
//!   row interrupts a merge.
//!
//! Deadlines are assumed checked (`check` runs first); one that still fails to parse is printed
//! as written rather than panicking.

use crate::diag::Pos;
use crate::resolve::check;
use crate::resolve::context::{CellCtx, ColumnCtx, RowCtx};
use crate::resolve::dates::{Deadline, format_deadlines, parse_deadlines};
use crate::resolve::numbering::{ItemNumber, NumberStyle, Numberer};
use crate::resolve::own_columns;
use crate::resolve::typography::typeset;
use crate::source::model::{
    Column, ColumnKey, DateStyle, Deadlines, Item, OwnValues, Part, Roadmap, RowStyle, Spanned,
};

/// The key as written in the source and seen by templates.
pub fn key_name(key: &ColumnKey) -> &str {
    key.name()
}

/// An item's plain-text value for a column (not `number`, `activity` or `deadline`): the text
/// columns it shares with a part, and its own `level` and `mark`.
pub fn item_text<'a>(item: &'a Item, key: &ColumnKey) -> Option<&'a str> {
    match key {
        ColumnKey::Level => item.level.as_deref(),
        ColumnKey::Mark => item.mark.as_deref(),
        _ => item.column_text(key),
    }
}

/// The columns an item gives values for, `number` left out; own columns in the order written.
pub fn item_keys(item: &Item) -> Vec<ColumnKey> {
    let mut keys = Vec::new();
    if item.activity.is_some() || !item.list.is_empty() || !item.parts.is_empty() {
        keys.push(ColumnKey::Activity);
    }
    if item.deadline.is_some() {
        keys.push(ColumnKey::Deadline);
    }
    keys.extend(
        TEXT_KEYS
            .iter()
            .filter(|k| item_text(item, k).is_some())
            .cloned(),
    );
    keys.extend(own_keys(&item.values));
    keys
}

/// The columns a part gives values for.
pub fn part_keys(part: &Part) -> Vec<ColumnKey> {
    let mut keys = vec![ColumnKey::Activity];
    if part.deadline.is_some() {
        keys.push(ColumnKey::Deadline);
    }
    keys.extend(
        TEXT_KEYS
            .iter()
            .filter(|k| part.column_text(k).is_some())
            .cloned(),
    );
    keys.extend(own_keys(&part.values));
    keys
}

/// The own columns a row's `values` fill, as keys.
fn own_keys(values: &OwnValues) -> impl Iterator<Item = ColumnKey> + '_ {
    values
        .0
        .iter()
        .map(|(k, _)| ColumnKey::Own(k.value.clone()))
}

const TEXT_KEYS: [ColumnKey; 6] = [
    ColumnKey::Level,
    ColumnKey::Audience,
    ColumnKey::Participants,
    ColumnKey::Responsible,
    ColumnKey::Result,
    ColumnKey::Mark,
];

/// Column shares in percent, adding up to 100; two decimals, the rounding remainder given to
/// the widest column. Non-positive widths (reported by `check`) count as equal shares.
pub fn column_widths(columns: &[Column]) -> Vec<ColumnCtx> {
    let valid = columns.iter().all(|c| check::width_is_valid(c.width.value));
    let weights: Vec<f64> = columns
        .iter()
        .map(|c| if valid { c.width.value } else { 1.0 })
        .collect();
    let total: f64 = weights.iter().sum();
    let mut cents: Vec<i64> = weights
        .iter()
        .map(|w| (w / total * 10_000.0).round() as i64)
        .collect();
    let remainder = 10_000 - cents.iter().sum::<i64>();
    if let Some(widest) = (0..cents.len()).max_by_key(|&i| (cents[i], std::cmp::Reverse(i))) {
        cents[widest] += remainder;
    }
    columns
        .iter()
        .zip(cents)
        .map(|(c, cents)| ColumnCtx {
            source: source_pos(Pos::of(&c.key)),
            key: key_name(&c.key.value).to_string(),
            title: typeset(&c.title),
            width: (cents as f64 / 100.0) as f32,
        })
        .collect()
}

/// A row under construction: each cell remembers the column it starts in, for merging.
struct Row {
    kind: &'static str,
    cells: Vec<(usize, CellCtx)>,
    /// The stage, item or part of the source the row is made of.
    pos: Pos,
    /// A stage or heading row's emphasis ([`RowCtx::emphasis`]); empty for the others.
    emphasis: &'static str,
}

/// Builds the body rows of a roadmap's table.
pub fn rows(roadmap: &Roadmap) -> Vec<RowCtx> {
    let mut builder = Builder {
        columns: &roadmap.columns,
        style: roadmap.date_style,
        rows: Vec::new(),
        at: Pos::default(),
    };
    let mut numberer = Numberer::new(NumberStyle::of(roadmap));
    for stage in &roadmap.stages {
        let stage_start = builder.rows.len();
        let number = numberer.next_stage();
        builder.at = Pos::of(stage);
        let emphasis = emphasis(stage.value.style.unwrap_or(RowStyle::Bold));
        builder.stage_row(number, &stage.value.title, emphasis);
        for item in &stage.value.items {
            let number = item.value.heading.is_none().then(|| numberer.next_item());
            builder.at = Pos::of(item);
            builder.item(&item.value, number);
        }
        builder.merge_columns(stage_start + 1);
    }
    builder
        .rows
        .into_iter()
        .map(|row| RowCtx {
            kind: row.kind.to_string(),
            cells: row
                .cells
                .into_iter()
                .map(|(col, mut cell)| {
                    // Item and part cells stand as their column asks (own_columns.rs); stage
                    // and heading rows keep their roles' alignment.
                    if row.kind == "item" || row.kind == "part" {
                        let column = &roadmap.columns[col];
                        cell.align = own_columns::align(column).unwrap_or_default().into();
                        cell.valign = own_columns::valign(column).unwrap_or_default().into();
                    }
                    cell
                })
                .collect(),
            source: source_pos(row.pos),
            emphasis: row.emphasis.to_string(),
        })
        .collect()
}

struct Builder<'a> {
    columns: &'a [Column],
    style: DateStyle,
    rows: Vec<Row>,
    /// Where the stage or item being built stands in the source.
    at: Pos,
}

/// The word a template sees for a row's emphasis.
fn emphasis(style: RowStyle) -> &'static str {
    match style {
        RowStyle::Bold => "bold",
        RowStyle::Italic => "italic",
        RowStyle::Normal => "normal",
    }
}

/// A place in the source as the page description carries it (`source="12:7"`), or empty
/// when unknown.
pub(crate) fn source_pos(pos: Pos) -> String {
    match pos.line {
        0 => String::new(),
        _ => format!("{}:{}", pos.line, pos.column),
    }
}

impl Builder<'_> {
    fn stage_row(&mut self, number: Option<String>, title: &str, emphasis: &'static str) {
        let width = self.columns.len().max(1);
        let mut cells = Vec::new();
        let mut start = 0;
        if let (Some(number), true) = (number, width > 1) {
            let key = key_name(&self.columns[0].key.value);
            cells.push((0, cell(key, 1, 1, vec![number], Vec::new())));
            start = 1;
        }
        cells.push((
            start,
            cell(
                "title",
                width - start,
                1,
                paragraphs(Some(title)),
                Vec::new(),
            ),
        ));
        self.rows.push(Row {
            kind: "stage",
            cells,
            pos: self.at,
            emphasis,
        });
    }

    /// An item (or heading) and its children; `number` is `None` for a heading.
    fn item(&mut self, item: &Item, number: Option<ItemNumber>) {
        let Some(number) = number else {
            let text = paragraphs(item.heading.as_deref());
            let cell = cell(
                "title",
                self.columns.len().max(1),
                1,
                text,
                list(&item.list),
            );
            self.rows.push(Row {
                kind: "heading",
                cells: vec![(0, cell)],
                pos: self.at,
                emphasis: emphasis(item.style.unwrap_or(RowStyle::Italic)),
            });
            return;
        };
        self.item_rows(item, &number);
        let mut child_index = 0;
        let parent = self.at;
        for child in &item.items {
            self.at = Pos::of(child);
            if child.value.heading.is_some() {
                self.item(&child.value, None);
            } else {
                child_index += 1;
                self.item(&child.value, Some(number.child(child_index)));
            }
        }
        self.at = parent;
    }

    /// The row or sub-rows of one numbered item, children excluded.
    fn item_rows(&mut self, item: &Item, number: &ItemNumber) {
        let has_lead = item.activity.is_some() || !item.list.is_empty() || item.parts.is_empty();
        let parts: Vec<&Part> = item
            .parts
            .iter()
            .map(|p: &Spanned<Part>| &p.value)
            .collect();
        // A row of its own text is the item's; each further row is a part's.
        let item_pos = self.at;
        let row_pos = |i: usize| match i.checked_sub(usize::from(has_lead)) {
            Some(p) => Pos::of(&item.parts[p]),
            None => item_pos,
        };
        let span = usize::from(has_lead) + parts.len();
        // The first sub-row starts the item and carries its spanning cells: "item"; the others
        // continue it: "part".
        let first = self.rows.len();
        self.rows.extend((0..span).map(|i| Row {
            kind: if i == 0 { "item" } else { "part" },
            cells: Vec::new(),
            pos: row_pos(i),
            emphasis: "",
        }));

        for (col, column) in self.columns.iter().enumerate() {
            let key = &column.key.value;
            let name = key_name(key);
            let per_row = column.blank
                || *key == ColumnKey::Activity
                || parts.iter().any(|p| part_has(p, key))
                || (column.period.is_some() && parts.iter().any(|p| p.deadline.is_some()));
            if !per_row {
                let (text, list) = match key {
                    ColumnKey::Number => (vec![number.printed()], Vec::new()),
                    _ => self.item_value(item, key),
                };
                self.rows[first]
                    .cells
                    .push((col, cell(name, 1, span, text, list)));
                continue;
            }
            let mut row = first;
            if has_lead {
                let (text, list) = if column.blank {
                    (Vec::new(), Vec::new())
                } else if *key == ColumnKey::Activity {
                    (paragraphs(item.activity.as_deref()), list(&item.list))
                } else {
                    self.item_value(item, key)
                };
                self.rows[row]
                    .cells
                    .push((col, cell(name, 1, 1, text, list)));
                row += 1;
            }
            for part in &parts {
                let (text, list) = if column.blank {
                    (Vec::new(), Vec::new())
                } else {
                    self.part_value(part, key)
                };
                self.rows[row]
                    .cells
                    .push((col, cell(name, 1, 1, text, list)));
                row += 1;
            }
        }
    }

    fn item_value(&self, item: &Item, key: &ColumnKey) -> (Vec<String>, Vec<String>) {
        match key {
            ColumnKey::Deadline => (
                deadline_text(item.deadline.as_ref(), item.deadline_as_written, self.style),
                Vec::new(),
            ),
            ColumnKey::Activity => (paragraphs(item.activity.as_deref()), list(&item.list)),
            _ => (
                paragraphs(
                    item_text(item, key).or_else(|| self.period_mark(key, item.deadline.as_ref())),
                ),
                Vec::new(),
            ),
        }
    }

    /// The mark of a period column (own_columns.rs) for a row with this deadline, or `None`
    /// when the column is not one or the row does not run in its period.
    fn period_mark(&self, key: &ColumnKey, deadline: Option<&Spanned<Deadlines>>) -> Option<&str> {
        let column = self.columns.iter().find(|c| c.key.value == *key)?;
        let days = own_columns::period_days(column)?;
        own_columns::runs_in(deadline, days).then_some(own_columns::PERIOD_MARK)
    }

    fn part_value(&self, part: &Part, key: &ColumnKey) -> (Vec<String>, Vec<String>) {
        match key {
            ColumnKey::Activity => (paragraphs(Some(&part.activity)), list(&part.list)),
            ColumnKey::Deadline => (
                deadline_text(part.deadline.as_ref(), part.deadline_as_written, self.style),
                Vec::new(),
            ),
            _ => (
                paragraphs(
                    part.column_text(key)
                        .or_else(|| self.period_mark(key, part.deadline.as_ref())),
                ),
                Vec::new(),
            ),
        }
    }

    /// Merges equal consecutive values of `merge: true` columns in rows `from..`; a heading
    /// row ends a run.
    fn merge_columns(&mut self, from: usize) {
        for (col, column) in self.columns.iter().enumerate() {
            if !column.merge {
                continue;
            }
            // The open cell: its row and the row just below its span.
            let mut open: Option<(usize, usize)> = None;
            for r in from..self.rows.len() {
                if self.rows[r].kind == "heading" {
                    open = None;
                    continue;
                }
                let Some(at) = self.rows[r].cells.iter().position(|(c, _)| *c == col) else {
                    continue;
                };
                let this = &self.rows[r].cells[at].1;
                let empty = this.text.is_empty() && this.list.is_empty();
                if let Some((open_row, end)) = open.filter(|&(_, end)| end == r && !empty) {
                    let open_at = self.rows[open_row]
                        .cells
                        .iter()
                        .position(|(c, _)| *c == col)
                        .expect("the open cell is in its row");
                    let target = &self.rows[open_row].cells[open_at].1;
                    if target.text == this.text && target.list == this.list {
                        let rowspan = this.rowspan;
                        self.rows[r].cells.remove(at);
                        self.rows[open_row].cells[open_at].1.rowspan += rowspan;
                        open = Some((open_row, end + rowspan));
                        continue;
                    }
                }
                let rowspan = self.rows[r].cells[at].1.rowspan;
                open = if empty { None } else { Some((r, r + rowspan)) };
            }
        }
    }
}

fn part_has(part: &Part, key: &ColumnKey) -> bool {
    match key {
        ColumnKey::Activity => true,
        ColumnKey::Deadline => part.deadline.is_some(),
        _ => part.column_text(key).is_some(),
    }
}

fn cell(
    key: &str,
    colspan: usize,
    rowspan: usize,
    text: Vec<String>,
    list: Vec<String>,
) -> CellCtx {
    CellCtx {
        key: key.to_string(),
        colspan,
        rowspan,
        text,
        list,
        align: String::new(),
        valign: String::new(),
    }
}

/// Typeset text split into paragraphs at line breaks; blank lines dropped.
pub fn paragraphs(text: Option<&str>) -> Vec<String> {
    text.map(typeset)
        .map(|t| {
            t.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Typeset list entries; blank entries dropped.
pub fn list(entries: &[String]) -> Vec<String> {
    entries
        .iter()
        .map(|e| typeset(e))
        .filter(|e| !e.is_empty())
        .collect()
}

/// The deadline cell's text: each deadline read and printed in `style`, the cell's first letter
/// capitalised when it opens with a date ([`format_deadlines`]); `as_written`: the texts as
/// typed, a list joined by «, », only typeset.
fn deadline_text(
    deadline: Option<&Spanned<Deadlines>>,
    as_written: bool,
    style: DateStyle,
) -> Vec<String> {
    let Some(deadline) = deadline else {
        return Vec::new();
    };
    let texts: Vec<&str> = match &deadline.value {
        Deadlines::One(text) => vec![text.as_str()],
        Deadlines::Many(list) => list.iter().map(String::as_str).collect(),
    };
    if as_written {
        let typed: Vec<&str> = texts.iter().map(|t| t.trim()).collect();
        return paragraphs(Some(&typed.join(", ")));
    }
    let parsed: Vec<Deadline> = texts
        .iter()
        .flat_map(|t| {
            parse_deadlines(t).unwrap_or_else(|_| vec![Deadline::Text(t.trim().to_string())])
        })
        .collect();
    paragraphs(Some(&format_deadlines(&parsed, style)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A roadmap from the YAML of its body (title, columns, stages …).
    fn roadmap(yaml: &str) -> Roadmap {
        serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("test YAML: {e}"))
    }

    /// Rows as one line each: `kind | key CxR text / list | …`, «~» for a non-breaking space.
    fn dump(rows: &[RowCtx]) -> Vec<String> {
        rows.iter()
            .map(|row| {
                let cells: Vec<String> = row
                    .cells
                    .iter()
                    .map(|c| {
                        let mut s = format!("{} {}x{}", c.key, c.colspan, c.rowspan);
                        if !c.text.is_empty() {
                            s += &format!(" {}", c.text.join(" ¶ "));
                        }
                        if !c.list.is_empty() {
                            s += &format!(" [{}]", c.list.join("; "));
                        }
                        s
                    })
                    .collect();
                format!("{} | {}", row.kind, cells.join(" | ")).replace('\u{a0}', "~")
            })
            .collect()
    }

    const FIVE_COLUMNS: &str = "
title: T
columns:
  - { key: number, title: № п/п, width: 6 }
  - { key: activity, title: Содержание, width: 46 }
  - { key: deadline, title: Сроки, width: 16 }
  - { key: responsible, title: Ответственный, width: 20 }
  - { key: mark, title: Отметка, width: 12, blank: true }
";

    #[test]
    fn plain_items_have_one_cell_per_column_and_blank_columns_stay_empty() {
        let r = roadmap(&format!(
            "{FIVE_COLUMNS}stages:
  - title: Проектно-деятельностный этап
    items:
      - activity: \"Заседание рабочей группы:\\nвторой абзац\"
        list: [знакомство с опытом, анализ возможностей]
        deadline: 2023-02
        responsible: Баркалова Е.В., муниципальный координатор
"
        ));
        assert_eq!(
            dump(&rows(&r)),
            [
                "stage | title 5x1 Проектно-деятельностный этап",
                "item | number 1x1 1. | activity 1x1 Заседание рабочей группы: ¶ второй абзац \
                 [знакомство с опытом; анализ возможностей] | deadline 1x1 Февраль 2023~г. | \
                 responsible 1x1 Баркалова~Е.В., муниципальный координатор | mark 1x1",
            ]
        );
    }

    #[test]
    fn headings_span_the_table_and_take_no_number() {
        let r = roadmap(&format!(
            "{FIVE_COLUMNS}stages:
  - title: Этап
    items:
      - {{ activity: A, deadline: 2023-03-17, responsible: R }}
      - heading: \"Организация деятельности в рамках содействия региону в реализации:\"
        list: [мер по оказанию поддержки, мер профилактики]
      - {{ activity: B, deadline: ежемесячно, responsible: R }}
"
        ));
        let got = dump(&rows(&r));
        assert_eq!(
            got[2],
            "heading | title 5x1 Организация деятельности в рамках содействия региону в \
             реализации: [мер по оказанию поддержки; мер профилактики]"
        );
        assert!(
            got[1].starts_with(
                "item | number 1x1 1. | activity 1x1 A | deadline 1x1 17 марта 2023~г."
            )
        );
        assert!(
            got[3].starts_with("item | number 1x1 2. | activity 1x1 B | deadline 1x1 ежемесячно")
        );
    }

    #[test]
    fn parts_after_a_lead_line_are_sub_rows_under_one_number() {
        // Seed 000, item 6: a cycle of webinars, each with its own date and responsible.
        let r = roadmap(&format!(
            "{FIVE_COLUMNS}date_style: words
stages:
  - title: Этап
    items:
      - activity: \"Организация цикла вебинаров:\"
        parts:
          - {{ activity: «Система восполнения дефицитов», deadline: 2023-04-27, responsible: Земляненко Н.В. }}
          - {{ activity: «Реализация программы», deadline: 2023-05-04, responsible: Чумак И.В. }}
"
        ));
        assert_eq!(
            dump(&rows(&r))[1..],
            [
                "item | number 1x3 1. | activity 1x1 Организация цикла вебинаров: | deadline 1x1 | \
                 responsible 1x1 | mark 1x1",
                "part | activity 1x1 «Система восполнения дефицитов» | deadline 1x1 27 апреля 2023~г. | \
                 responsible 1x1 Земляненко~Н.В. | mark 1x1",
                "part | activity 1x1 «Реализация программы» | deadline 1x1 4 мая 2023~г. | \
                 responsible 1x1 Чумак~И.В. | mark 1x1",
            ]
        );
    }

    #[test]
    fn item_values_the_parts_do_not_fill_span_all_sub_rows() {
        // Seed 002, item 1.3: two paragraphs with their own deadlines and responsible, one
        // planned result for both.
        let r = roadmap(
            "
title: T
numbering: hierarchical
stage_number: hidden
columns:
  - { key: number, title: № п/п, width: 6 }
  - { key: activity, title: Мероприятия, width: 40 }
  - { key: deadline, title: Сроки, width: 14 }
  - { key: responsible, title: Ответственные, width: 20 }
  - { key: result, title: Планируемый результат, width: 20 }
stages:
  - title: 1 этап – подготовительный
    items:
      - { activity: A, deadline: 2020-01, responsible: R, result: X }
      - parts:
          - { activity: Организация обеспечения, deadline: 2020-02..2020-05, responsible: МКУ ЦООД }
          - { activity: Создание совета, deadline: 2020-03..2020-04, responsible: Федотова В.А. }
        result: Помощь в реализации
",
        );
        assert_eq!(
            dump(&rows(&r)),
            [
                "stage | title 5x1 1 этап – подготовительный",
                "item | number 1x1 1.1. | activity 1x1 A | deadline 1x1 Январь 2020~г. | responsible 1x1 R | result 1x1 X",
                "item | number 1x2 1.2. | activity 1x1 Организация обеспечения | deadline 1x1 Февраль-май 2020~г. | \
                 responsible 1x1 МКУ ЦООД | result 1x2 Помощь в реализации",
                "part | activity 1x1 Создание совета | deadline 1x1 Март-апрель 2020~г. | responsible 1x1 Федотова~В.А.",
            ]
        );
    }

    #[test]
    fn hierarchical_stages_keep_their_number_and_children_follow_their_parent() {
        // Seed 004: sections 1., groups 1.1 without dates, items 1.1.1.
        let r = roadmap(
            "
title: T
numbering: hierarchical
columns:
  - { key: number, title: №, width: 6 }
  - { key: activity, title: Мероприятие, width: 50 }
  - { key: deadline, title: Сроки, width: 14 }
stages:
  - title: Мониторинг
    items:
      - activity: Проектирование работы
        items:
          - { activity: Выявление проблемных зон, deadline: 2021-12 }
          - { activity: Формирование таблицы, deadline: [2021-12, 2022-03] }
      - { activity: Внешний аудит, deadline: 2022-04 }
  - title: Формирование среды
    items:
      - activity: Планирование
",
        );
        assert_eq!(
            dump(&rows(&r)),
            [
                "stage | number 1x1 1. | title 2x1 Мониторинг",
                "item | number 1x1 1.1. | activity 1x1 Проектирование работы | deadline 1x1",
                "item | number 1x1 1.1.1. | activity 1x1 Выявление проблемных зон | deadline 1x1 Декабрь 2021~г.",
                "item | number 1x1 1.1.2. | activity 1x1 Формирование таблицы | deadline 1x1 Декабрь 2021~г., март 2022~г.",
                "item | number 1x1 1.2. | activity 1x1 Внешний аудит | deadline 1x1 Апрель 2022~г.",
                "stage | number 1x1 2. | title 2x1 Формирование среды",
                "item | number 1x1 2.1. | activity 1x1 Планирование | deadline 1x1",
            ]
        );
    }

    #[test]
    fn continuous_numbering_runs_across_stages() {
        let r = roadmap(
            "
title: T
numbering: continuous
columns:
  - { key: number, title: №, width: 1 }
  - { key: activity, title: Мероприятие, width: 3 }
stages:
  - { title: S1, items: [ { activity: a }, { activity: b, items: [ { activity: c } ] } ] }
  - { title: S2, items: [ { activity: d } ] }
",
        );
        let numbers: Vec<String> = rows(&r)
            .iter()
            .filter(|row| row.kind == "item")
            .map(|row| row.cells[0].text.join(""))
            .collect();
        assert_eq!(numbers, ["1.", "2.", "2.1.", "3."]);
    }

    #[test]
    fn roman_stage_numbers_keep_the_first_column_and_rows_carry_their_emphasis() {
        let r = roadmap(
            "
title: T
numbering: { items: continuous, stages: roman, dot: false }
columns:
  - { key: number, title: №, width: 1 }
  - { key: activity, title: Мероприятие, width: 3 }
  - { key: deadline, title: Срок, width: 1 }
stages:
  - title: S1
    items:
      - { activity: a }
      - { heading: H }
      - { heading: N, style: normal }
      - { activity: b, items: [ { activity: c } ] }
  - title: S2
    style: italic
    items: [ { activity: d } ]
  - { title: S3, style: normal, items: [ { heading: B, style: bold } ] }
",
        );
        let rows = rows(&r);
        assert_eq!(
            dump(&rows),
            [
                "stage | number 1x1 I | title 2x1 S1",
                "item | number 1x1 1 | activity 1x1 a | deadline 1x1",
                "heading | title 3x1 H",
                "heading | title 3x1 N",
                "item | number 1x1 2 | activity 1x1 b | deadline 1x1",
                "item | number 1x1 2.1 | activity 1x1 c | deadline 1x1",
                "stage | number 1x1 II | title 2x1 S2",
                "item | number 1x1 3 | activity 1x1 d | deadline 1x1",
                "stage | number 1x1 III | title 2x1 S3",
                "heading | title 3x1 B",
            ]
        );
        let emphasis: Vec<&str> = rows.iter().map(|row| row.emphasis.as_str()).collect();
        assert_eq!(
            emphasis,
            [
                "bold", "", "italic", "normal", "", "", "italic", "", "normal", "bold"
            ]
        );
    }

    #[test]
    fn merge_columns_join_equal_consecutive_values_within_a_stage() {
        // Seed 003: «Уровень управления» merged over consecutive rows of the same level.
        let r = roadmap(
            "
title: T
numbering: hierarchical
columns:
  - { key: number, title: № п/п, width: 5 }
  - { key: level, title: Уровень управления, width: 15, merge: true }
  - { key: activity, title: Мероприятие, width: 40 }
stages:
  - title: Организационно-управленческое направление
    items:
      - { level: Муниципальный, activity: a }
      - { level: Муниципальный, activity: b }
      - { level: Институциональный, activity: c, parts: [ { activity: c1 }, { activity: c2 } ] }
      - { level: Институциональный, activity: d }
      - { activity: e }
      - { activity: f }
      - heading: Заголовок
      - { level: Институциональный, activity: g }
  - title: Информационно-аналитическое направление
    items:
      - { level: Институциональный, activity: h }
",
        );
        assert_eq!(
            dump(&rows(&r)),
            [
                "stage | number 1x1 1. | title 2x1 Организационно-управленческое направление",
                "item | number 1x1 1.1. | level 1x2 Муниципальный | activity 1x1 a",
                "item | number 1x1 1.2. | activity 1x1 b",
                "item | number 1x3 1.3. | level 1x4 Институциональный | activity 1x1 c",
                "part | activity 1x1 c1",
                "part | activity 1x1 c2",
                "item | number 1x1 1.4. | activity 1x1 d",
                "item | number 1x1 1.5. | level 1x1 | activity 1x1 e",
                "item | number 1x1 1.6. | level 1x1 | activity 1x1 f",
                "heading | title 3x1 Заголовок",
                "item | number 1x1 1.7. | level 1x1 Институциональный | activity 1x1 g",
                "stage | number 1x1 2. | title 2x1 Информационно-аналитическое направление",
                "item | number 1x1 2.1. | level 1x1 Институциональный | activity 1x1 h",
            ]
        );
    }

    #[test]
    fn widths_become_percentages_adding_up_to_100() {
        let r = roadmap(&format!("{FIVE_COLUMNS}stages: []\n"));
        let widths: Vec<f32> = column_widths(&r.columns).iter().map(|c| c.width).collect();
        assert_eq!(widths, [6.0, 46.0, 16.0, 20.0, 12.0]);
        let r = roadmap(
            "
title: T
columns:
  - { key: number, title: №, width: 1 }
  - { key: activity, title: A, width: 1 }
  - { key: deadline, title: D, width: 1 }
stages: []
",
        );
        let columns = column_widths(&r.columns);
        let widths: Vec<f32> = columns.iter().map(|c| c.width).collect();
        assert_eq!(widths, [33.34, 33.33, 33.33]);
        assert!((widths.iter().sum::<f32>() - 100.0).abs() < 1e-3);
        assert_eq!(columns[0].title, "№");
        assert_eq!(columns[2].key, "deadline");
    }

    #[test]
    fn column_titles_are_typeset() {
        let r = roadmap(&format!("{FIVE_COLUMNS}stages: []\n"));
        assert_eq!(column_widths(&r.columns)[0].title, "№\u{a0}п/п");
    }
}
