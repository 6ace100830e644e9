//! A roadmap table → columns, numbering and stages with their items.
//!
//! Rows are read as people type them: a stage or section row is one cell across the table,
//! or a number with the rest merged, or text alone in an otherwise empty row (bold: a stage;
//! italic: an unnumbered heading row). Other rows are items; a number cell merged down over
//! several rows makes one item with parts, and cells merged over all its rows are the item's
//! own values. The hierarchy comes from the typed numbers («1.», «1.1», «2..») or Word's own
//! numbering; the generator renumbers, and a note says which number it will print otherwise.

use super::blocks::{Cell, Numbered, Para, Table};
use super::columns::{self, at};
use super::draft::{Column, Fields, Item, Note, NoteKind, Part, Stage};
use super::grid::{Grid, Slot};
use super::text::{list_item, roman_number, typed_number};

pub struct Recognised {
    pub columns: Vec<Column>,
    pub numbering: &'static str,
    pub stage_number_hidden: bool,
    /// Stage rows carry Roman numbers («I», «II.»).
    pub roman_stages: bool,
    /// The typed numbers end with a dot («1.», «1.1.»), or there are none to tell.
    pub dot: bool,
    pub column_numbers: bool,
    pub stages: Vec<Stage>,
    pub numeric_dates: bool,
    pub notes: Vec<Note>,
}

/// A stage as found, before numbers are decided.
struct RawStage<'t> {
    row: Option<usize>,
    title: Option<&'t Cell>,
    number: Option<String>,
    items: Vec<RawItem<'t>>,
}

/// An item (or heading row) as found: its rows and its typed number.
struct RawItem<'t> {
    heading: Option<&'t Cell>,
    typed: Option<Vec<u32>>,
    typed_text: String,
    word_level: Option<u8>,
    rows: Vec<usize>,
}

pub fn recognise(table: &Table, place: &str) -> Recognised {
    let grid = Grid::of(table);
    let (header, first, column_numbers) = columns::header_layout(table, &grid);
    let mut columns = columns::columns(table, &grid, header, place, false);
    let mut notes = Vec::new();
    let key_at = |col: usize| columns.get(col).map_or("", |c| c.key);
    let number_col = (0..grid.columns).find(|&c| key_at(c) == "number");

    // Rows → stages and items.
    let mut stages: Vec<RawStage> = Vec::new();
    for r in first..grid.rows.len() {
        let row = &grid.rows[r];
        let filled: Vec<&Slot> = row.iter().filter(|s| !s.cell.is_empty()).collect();
        let merged = row.iter().any(|s| s.cell.merged_up);
        if filled.is_empty() && !merged {
            continue;
        }
        let number_slot = number_col.and_then(|c| at(row, c));
        let continues = match number_slot {
            Some(s) => s.cell.merged_up && s.span == 1,
            None => row.first().is_some_and(|s| s.cell.merged_up),
        };
        // A stage or heading row: one cell across, or text alone in the row (but a number
        // alone is an item with its cells left empty).
        let lone_number = filled.len() == 1
            && Some(filled[0].col) == number_col
            && filled[0].span == 1
            && (typed_number(&filled[0].cell.text()).is_some()
                || filled[0].cell.paras.iter().any(|p| p.numbered.is_some()));
        let across = filled.len() == 1
            && !lone_number
            && (filled[0].span >= grid.columns - usize::from(number_col == Some(0)) || !merged);
        let numbered_stage = filled.len() == 2
            && number_col == Some(0)
            && filled[0].col == 0
            && filled[1].span == grid.columns - 1;
        if !continues && (across || numbered_stage) {
            let slot = *filled.last().expect("a filled cell");
            // Its first line decides: a heading's list under it is not italic.
            let lead = slot.cell.paras.iter().find(|p| !p.is_empty());
            let italic = lead.is_some_and(|p| p.italic && !p.bold);
            // A row with its own number is a stage, whatever its emphasis.
            if italic && !numbered_stage && !stages.is_empty() {
                stages.last_mut().expect("a stage").items.push(RawItem {
                    heading: Some(slot.cell),
                    typed: None,
                    typed_text: String::new(),
                    word_level: None,
                    rows: vec![r],
                });
                continue;
            }
            let number = numbered_stage.then(|| filled[0].cell.text());
            if !numbered_stage && slot.span < grid.columns - 1 && !slot.cell.all(|p: &Para| p.bold)
            {
                notes.push(Note::new(
                    NoteKind::Guess,
                    format!("{place}, строка {}", r + 1),
                    format!(
                        "текст один в пустой строке («{}») принят за строку этапа",
                        short(&slot.cell.text())
                    ),
                ));
            }
            stages.push(RawStage {
                row: Some(r),
                title: Some(slot.cell),
                number,
                items: Vec::new(),
            });
            continue;
        }
        if stages.is_empty() {
            stages.push(RawStage {
                row: None,
                title: None,
                number: None,
                items: Vec::new(),
            });
        }
        let stage = stages.last_mut().expect("a stage");
        if continues && stage.items.last().is_some_and(|i| i.heading.is_none()) {
            stage.items.last_mut().expect("an item").rows.push(r);
            continue;
        }
        let (typed_text, word_level) = match number_slot {
            Some(s) => (
                s.cell.text(),
                s.cell.paras.iter().find_map(|p| match p.numbered {
                    Some(Numbered::Number { level }) => Some(level),
                    _ => None,
                }),
            ),
            None => (String::new(), None),
        };
        let typed = typed_number(&typed_text);
        if typed.is_none() && !typed_text.is_empty() {
            notes.push(Note::new(
                NoteKind::Unplaced,
                format!("{place}, строка {}, столбец номера", r + 1),
                format!("«{typed_text}» — не номер; генератор поставит свой"),
            ));
        }
        stage.items.push(RawItem {
            heading: None,
            typed,
            typed_text,
            word_level,
            rows: vec![r],
        });
    }

    // Where stage rows carry numbers, a row across the table without one is a heading of the
    // stage before it (a section's sub-heading or a note), whatever its emphasis.
    let stage_numbers = stages.iter().any(|s| s.number.is_some());
    if stage_numbers {
        let mut merged: Vec<RawStage> = Vec::new();
        for stage in stages {
            match (
                merged.last_mut(),
                stage.number.is_some() || stage.row.is_none(),
            ) {
                (Some(before), false) => {
                    before.items.push(RawItem {
                        heading: stage.title,
                        typed: None,
                        typed_text: String::new(),
                        word_level: None,
                        rows: stage.row.into_iter().collect(),
                    });
                    before.items.extend(stage.items);
                }
                _ => merged.push(stage),
            }
        }
        stages = merged;
    }
    // Roman stage numbers are the stages' own; the items are numbered apart from them.
    let roman_stages = stage_numbers
        && stages
            .iter()
            .filter_map(|s| s.number.as_deref())
            .all(|n| roman_number(n).is_some());
    // Numbering from the numbers as typed.
    let numbers: Vec<&Vec<u32>> = stages
        .iter()
        .flat_map(|s| s.items.iter().filter_map(|i| i.typed.as_ref()))
        .collect();
    let deep = numbers.iter().filter(|n| n.len() >= 2).count();
    let tops_follow_stages = stages.iter().enumerate().all(|(k, s)| {
        s.items
            .iter()
            .filter_map(|i| i.typed.as_ref())
            .all(|n| n.len() < 2 || n[0] as usize == k + 1)
    });
    // Stage numbers hidden: nearly every number has the stage's number first («1.1.», «2.3»).
    let hierarchical = (stage_numbers && !roman_stages)
        || (!numbers.is_empty() && deep * 5 >= numbers.len() * 4 && tops_follow_stages);
    // Without a dot only when no typed number, the stages' included, has one.
    let typed_texts: Vec<&str> = stages
        .iter()
        .flat_map(|s| {
            s.number.iter().map(String::as_str).chain(
                s.items
                    .iter()
                    .filter(|i| i.typed.is_some())
                    .map(|i| i.typed_text.as_str()),
            )
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let dot = typed_texts.is_empty() || typed_texts.iter().any(|t| t.ends_with('.'));
    let continuous = !hierarchical
        && stages.iter().skip(1).any(|s| {
            s.items
                .iter()
                .find_map(|i| i.typed.as_ref())
                .is_some_and(|n| n[0] > 1)
        });
    let numbering = if hierarchical {
        "hierarchical"
    } else if continuous {
        "continuous"
    } else {
        "per-stage"
    };

    // Items, with the values of their rows.
    let mut reader = Values {
        grid: &grid,
        columns: &columns,
        place,
        last: vec![String::new(); grid.columns],
        merged_cols: vec![false; grid.columns],
    };
    let mut out_stages = Vec::new();
    let mut counter = 0u32;
    for (k, raw) in stages.iter().enumerate() {
        let mut stage = Stage::default();
        match raw.title {
            Some(cell) => {
                let (text, list) = activity(&cell.paras);
                let mut lines = vec![text.unwrap_or_default()];
                lines.extend(list.into_iter().map(|l| format!("– {l}")));
                stage.title = lines.join("\n").trim().to_string();
                stage.style = Some(emphasis(cell)).filter(|&e| e != "bold");
            }
            None => {
                stage.title = "Мероприятия".to_string();
                stage.notes.push(Note::new(
                    NoteKind::Guess,
                    place.to_string(),
                    "перед первыми строками таблицы нет строки этапа; добавлен этап «Мероприятия» (формат требует этапы)",
                ));
            }
        }
        if let (Some(number), Some(row)) = (raw.number.as_ref().filter(|n| !n.is_empty()), raw.row)
        {
            let place = k as u32 + 1;
            let (value, digits) = if roman_stages {
                (
                    roman_number(number),
                    crate::resolve::numbering::roman(place),
                )
            } else {
                (
                    typed_number(number).filter(|n| n.len() == 1).map(|n| n[0]),
                    place.to_string(),
                )
            };
            let expected = if dot { digits + "." } else { digits };
            if value != Some(place) {
                stage.notes.push(Note::new(
                    NoteKind::Corrected,
                    format!("{place}, строка {}", row + 1),
                    format!("номер этапа «{number}»; генератор напечатает «{expected}»"),
                ));
            }
        }
        if numbering == "per-stage" {
            counter = 0;
        }
        // Open items by depth: path of indices into the tree.
        let mut path: Vec<usize> = Vec::new();
        let mut expected: Vec<u32> = Vec::new();
        for raw_item in &raw.items {
            let row = raw_item.rows[0];
            let mut item = reader.item(raw_item);
            if raw_item.heading.is_some() {
                push_at(&mut stage.items, &path, 0, item);
                continue;
            }
            let wanted = match (&raw_item.typed, raw_item.word_level) {
                (Some(n), _) => n.len().saturating_sub(usize::from(hierarchical)).max(1),
                // Word's level 0 is the stage's when stage rows carry numbers.
                (None, Some(level)) => (usize::from(level) + 1)
                    .saturating_sub(usize::from(stage_numbers))
                    .max(1),
                (None, None) => 1,
            };
            let depth = wanted.min(path.len() + 1);
            path.truncate(depth - 1);
            expected.truncate(depth);
            if expected.len() < depth {
                expected.push(0);
            }
            *expected.last_mut().expect("a level") += 1;
            if depth == 1 && numbering == "continuous" {
                counter += 1;
                expected[0] = counter;
            }
            let mut printed: Vec<u32> = Vec::new();
            if hierarchical {
                printed.push(k as u32 + 1);
            }
            printed.extend(&expected);
            if depth < wanted {
                item.notes.push(Note::new(
                    NoteKind::Corrected,
                    format!("{place}, строка {}", row + 1),
                    format!(
                        "номер «{}» глубже, чем пункт над ним; пункт поставлен на уровень {depth}",
                        raw_item.typed_text
                    ),
                ));
            }
            if let Some(typed) = &raw_item.typed
                && (typed != &printed || raw_item.typed_text.contains(".."))
            {
                item.notes.push(Note::new(
                    NoteKind::Corrected,
                    format!("{place}, строка {}", row + 1),
                    format!(
                        "в документе номер «{}»; генератор напечатает «{}{}»",
                        raw_item.typed_text,
                        printed
                            .iter()
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join("."),
                        if dot { "." } else { "" }
                    ),
                ));
            }
            let index = push_at(&mut stage.items, &path, depth - 1, item);
            path.push(index);
        }
        out_stages.push(stage);
    }

    // Columns' flags from what the rows held.
    let mut numeric = 0;
    let mut spelled = 0;
    for stage in &out_stages {
        count_dates(&stage.items, &mut numeric, &mut spelled);
    }
    let merged_cols = reader.merged_cols;
    columns::alignments(&mut columns, &grid, first);
    for (c, column) in columns.iter_mut().enumerate() {
        column.merge = merged_cols[c] && column.key != "number";
        if column.key == "mark" && !out_stages.iter().any(|s| uses(&s.items, "mark")) {
            column.blank = true;
        }
    }
    Recognised {
        columns,
        numbering,
        stage_number_hidden: hierarchical && !stage_numbers,
        roman_stages,
        dot,
        column_numbers,
        stages: out_stages,
        numeric_dates: numeric > spelled,
        notes,
    }
}

/// How a stage or heading row's text is set, by its first line (a heading's list under it is
/// not italic): `bold`, `italic` or `normal`.
fn emphasis(cell: &Cell) -> &'static str {
    match cell.paras.iter().find(|p| !p.is_empty()) {
        Some(p) if p.bold => "bold",
        Some(p) if p.italic => "italic",
        _ => "normal",
    }
}

/// Puts `item` under the item `path[..depth]` leads to (or at the top); its index there.
fn push_at(items: &mut Vec<Item>, path: &[usize], depth: usize, item: Item) -> usize {
    let mut list = items;
    for &i in path.iter().take(depth) {
        list = &mut list[i].items;
    }
    list.push(item);
    list.len() - 1
}

fn count_dates(items: &[Item], numeric: &mut usize, spelled: &mut usize) {
    for item in items {
        let fields = item
            .fields
            .iter()
            .chain(item.parts.iter().flat_map(|p| &p.fields));
        for (key, value) in fields {
            if *key == "deadline" {
                if value.chars().filter(|c| *c == '.').count() >= 2
                    && value.starts_with(|c: char| c.is_ascii_digit())
                {
                    *numeric += 1;
                } else {
                    *spelled += 1;
                }
            }
        }
        count_dates(&item.items, numeric, spelled);
    }
}

fn uses(items: &[Item], key: &str) -> bool {
    items.iter().any(|i| {
        i.fields.iter().any(|(k, _)| *k == key)
            || i.parts
                .iter()
                .any(|p| p.fields.iter().any(|(k, _)| *k == key))
            || uses(&i.items, key)
    })
}

fn short(text: &str) -> String {
    let line = text.replace('\n', " ");
    match line.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line,
    }
}

/// A cell's paragraphs as an activity: text lines, then list items (typed dashes or Word's
/// bullets). A text line after the list joins the list's last item's line.
pub fn activity(paras: &[Para]) -> (Option<String>, Vec<String>) {
    let mut text: Vec<String> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    for p in paras {
        for line in p.text.split('\n') {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            let item = match (p.numbered, list_item(line)) {
                (_, Some(item)) => Some(item.to_string()),
                (Some(Numbered::Bullet), None) => Some(t.to_string()),
                _ => None,
            };
            match item {
                Some(item) => list.push(item),
                None if list.is_empty() => text.push(squeeze(t)),
                None => list.push(squeeze(t)),
            }
        }
    }
    let text = (!text.is_empty()).then(|| text.join("\n"));
    (text, list)
}

/// Tabs inside a line as spaces.
fn squeeze(t: &str) -> String {
    t.split('\t')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A cell's text for a column other than the activity: its lines, a list item with its dash.
fn field_text(cell: &Cell) -> String {
    let mut lines = Vec::new();
    for p in &cell.paras {
        for line in p.text.split('\n') {
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            match (p.numbered, list_item(line)) {
                (_, Some(item)) => lines.push(format!("– {item}")),
                (Some(Numbered::Bullet), None) => lines.push(format!("– {}", squeeze(t))),
                _ => lines.push(squeeze(t)),
            }
        }
    }
    lines.join("\n")
}

/// Reads item rows into values, remembering each column's last value (a cell merged down
/// from the item above repeats it) and which columns merge.
struct Values<'g, 't> {
    grid: &'g Grid<'t>,
    columns: &'g [Column],
    place: &'g str,
    last: Vec<String>,
    merged_cols: Vec<bool>,
}

impl Values<'_, '_> {
    fn item(&mut self, raw: &RawItem) -> Item {
        if let Some(cell) = raw.heading {
            let (text, list) = activity(&cell.paras);
            return Item {
                heading: Some(text.unwrap_or_else(|| "—".to_string())),
                style: Some(emphasis(cell)).filter(|&e| e != "italic"),
                list,
                ..Item::default()
            };
        }
        let rows = &raw.rows;
        let mut item = Item::default();
        // Columns whose first cell covers every row of the item belong to the item.
        let own: Vec<bool> = (0..self.grid.columns)
            .map(|c| {
                rows.len() == 1
                    || rows[1..]
                        .iter()
                        .all(|&r| at(&self.grid.rows[r], c).is_none_or(|s| s.cell.merged_up))
            })
            .collect();
        for (c, column) in self.columns.iter().enumerate() {
            if !own[c] || column.key == "number" {
                continue;
            }
            let Some(value) = self.value(rows[0], c) else {
                continue;
            };
            self.put(
                &mut item.activity,
                &mut item.list,
                &mut item.fields,
                &mut item.notes,
                column,
                value,
                rows[0],
            );
        }
        if rows.len() == 1 {
            self.lead(&mut item, rows[0]);
            return item;
        }
        // The others: one part per row; the first row is the item's own text when it gives
        // nothing else.
        let first_gives_more = (0..self.grid.columns).any(|c| {
            !own[c] && self.columns[c].key != "activity" && self.value(rows[0], c).is_some()
        });
        let mut part_rows: &[usize] = rows;
        if !first_gives_more {
            let c = self.columns.iter().position(|c| c.key == "activity");
            if let Some(c) = c.filter(|&c| !own[c])
                && let Some(value) = self.value(rows[0], c)
            {
                self.put(
                    &mut item.activity,
                    &mut item.list,
                    &mut item.fields,
                    &mut item.notes,
                    &self.columns[c],
                    value,
                    rows[0],
                );
            }
            part_rows = &rows[1..];
        }
        for &r in part_rows {
            let mut activity = None;
            let mut part = Part::default();
            for (c, column) in self.columns.iter().enumerate() {
                if own[c] || column.key == "number" {
                    continue;
                }
                let Some(value) = self.value(r, c) else {
                    continue;
                };
                let mut extra = Fields::new();
                self.put(
                    &mut activity,
                    &mut part.list,
                    &mut extra,
                    &mut part.notes,
                    column,
                    value,
                    r,
                );
                for (key, text) in extra {
                    if matches!(key, "level" | "mark") {
                        part.notes.push(Note::new(
                            NoteKind::Unplaced,
                            self.cell_place(r, &column.title),
                            format!("у части пункта нет значения `{key}`: «{text}»"),
                        ));
                    } else {
                        part.fields.push((key, text));
                    }
                }
            }
            part.activity = activity.unwrap_or_default();
            if part.activity.is_empty() {
                if let Some(first) = part.list.first().cloned() {
                    part.activity = first;
                    part.list.remove(0);
                } else {
                    part.activity = "—".to_string();
                    part.notes.push(Note::new(
                        NoteKind::Guess,
                        format!("{}, строка {}", self.place, r + 1),
                        "у части пункта пуст текст мероприятия; записан «—»",
                    ));
                }
            }
            item.parts.push(part);
        }
        self.lead(&mut item, rows[0]);
        item
    }

    /// An item needs its own text or parts: a list alone gives its first line; nothing at all
    /// gives «—», noted.
    /// Where a cell stands, for a note: «таблица 1, строка 5, столбец «Сроки»».
    fn cell_place(&self, row: usize, title: &str) -> String {
        format!("{}, строка {}, столбец «{title}»", self.place, row + 1)
    }

    fn lead(&self, item: &mut Item, row: usize) {
        if item.activity.is_some() || !item.parts.is_empty() {
            return;
        }
        if !item.list.is_empty() {
            item.activity = Some(item.list.remove(0));
            return;
        }
        item.activity = Some("—".to_string());
        item.notes.push(Note::new(
            NoteKind::Guess,
            format!("{}, строка {}", self.place, row + 1),
            "у пункта пуст текст мероприятия; записан «—»",
        ));
    }

    /// The cell at row `r`, column `c`: its own paragraphs, or the last value above when it
    /// continues a merged cell; `None` when empty.
    fn value(&mut self, r: usize, c: usize) -> Option<Vec<Para>> {
        let slot = at(&self.grid.rows[r], c)?;
        if slot.col != c {
            return None;
        }
        if slot.cell.merged_up {
            if self.last[c].is_empty() {
                return None;
            }
            self.merged_cols[c] = true;
            return Some(self.last[c].split('\n').map(Para::plain).collect());
        }
        let text = slot
            .cell
            .paras
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        self.last[c] = text.clone();
        if slot.cell.is_empty() {
            return None;
        }
        Some(slot.cell.paras.clone())
    }

    #[allow(clippy::too_many_arguments)]
    fn put(
        &self,
        activity_out: &mut Option<String>,
        list: &mut Vec<String>,
        fields: &mut Fields,
        notes: &mut Vec<Note>,
        column: &Column,
        paras: Vec<Para>,
        row: usize,
    ) {
        let cell = Cell {
            span: 1,
            merged_up: false,
            paras,
            middle: false,
        };
        match column.key {
            "activity" => {
                let (text, items) = activity(&cell.paras);
                *activity_out = text.or_else(|| activity_out.take());
                list.extend(items);
            }
            "" => notes.push(Note::new(
                NoteKind::Unplaced,
                self.cell_place(row, &column.title),
                cell.text(),
            )),
            "deadline" => {
                let text = field_text(&cell);
                // A deadline the format would refuse («31.02.2023», a year like 2203) is kept
                // in a comment rather than make the source invalid.
                match crate::resolve::dates::parse_deadlines(&text) {
                    Ok(_) => fields.push(("deadline", text)),
                    Err(e) => notes.push(Note::new(
                        NoteKind::Unplaced,
                        self.cell_place(row, &column.title),
                        format!("срок «{text}» не записан: {e}"),
                    )),
                }
            }
            key => {
                let text = field_text(&cell);
                if !text.is_empty() {
                    fields.push((key, text));
                }
            }
        }
    }
}
