//! A roadmap table's columns from the titles of its header: each title read for its meaning
//! («№ п/п», «Сроки реализации», «Ответственный исполнитель» …) and given the key of the format.

use super::blocks::Table;
use super::draft::{Column, Note, NoteKind};
use super::grid::{Grid, Slot};
use super::text::norm;

/// Title fragments that say what a column holds, checked in this order.
const MEANINGS: &[(&str, &[&str])] = &[
    ("number", &["№", "п/п", "номер"]),
    ("mark", &["отметк", "о выполнении"]),
    ("level", &["уровень"]),
    ("audience", &["специфик", "аудитори", "особенност"]),
    ("deadline", &["срок", "дата", "период", "когда"]),
    ("responsible", &["ответствен", "исполнител"]),
    ("participants", &["участник"]),
    ("result", &["результат", "показател", "продукт", "итог"]),
    (
        "activity",
        &[
            "мероприят",
            "содержан",
            "направлени",
            "наименован",
            "деятельност",
            "действи",
            "задач",
            "работ",
        ],
    ),
];

/// Keys an unknown title may take, most likely first: the format has no column of its own
/// for it, so the text goes to the first of these the table has not used.
const SPARE: &[&str] = &["result", "audience", "participants", "level", "mark"];

/// The key a title means, if any.
pub fn key_of(title: &str) -> Option<&'static str> {
    let t = norm(title);
    if t.is_empty() {
        return None;
    }
    if t == "n" || t == "no" || t == "n п/п" {
        return Some("number");
    }
    MEANINGS
        .iter()
        .find(|(_, words)| words.iter().any(|w| t.contains(w)))
        .map(|(key, _)| *key)
}

/// How many header rows the table has: those marked to repeat, or else the first.
pub fn header_rows(table: &Table) -> usize {
    let marked = table.rows.iter().take_while(|r| r.header).count();
    marked.max(1).min(table.rows.len())
}

/// Whether the table is a roadmap's: its header names an activity and one more known column.
pub fn is_roadmap(table: &Table) -> bool {
    let grid = Grid::of(table);
    if grid.columns < 2 || table.rows.len() < 2 {
        return false;
    }
    let titles = titles(&grid, header_rows(table));
    let keys: Vec<&str> = titles.iter().filter_map(|t| key_of(t)).collect();
    keys.contains(&"activity") && keys.len() >= 2
}

/// The title of each grid column: the text of the header cells above it, top to bottom.
pub fn titles(grid: &Grid, header: usize) -> Vec<String> {
    let mut out = vec![String::new(); grid.columns];
    for row in grid.rows.iter().take(header) {
        for slot in row {
            let text = slot.cell.text().replace('\n', " ");
            if text.is_empty() || slot.cell.merged_up {
                continue;
            }
            let col = &mut out[slot.col];
            if !col.is_empty() {
                col.push(' ');
            }
            col.push_str(&text);
        }
    }
    out
}

/// The columns of the draft, one per grid column, with notes for what was guessed.
pub fn columns(table: &Table, grid: &Grid, header: usize, place: &str) -> Vec<Column> {
    let titles = titles(grid, header);
    let total: u32 = if table.grid.len() == grid.columns {
        table.grid.iter().sum()
    } else {
        0
    };
    let mut used: Vec<&'static str> = Vec::new();
    let mut out: Vec<Column> = Vec::new();
    for (i, title) in titles.iter().enumerate() {
        let width = if total > 0 {
            (f64::from(table.grid[i]) * 1000.0 / f64::from(total)).round() / 10.0
        } else {
            usual_width(key_of(title))
        };
        let mut notes = Vec::new();
        let key = match key_of(title).filter(|k| !used.contains(k)) {
            Some(key) => key,
            None => {
                let spare = if used.contains(&"activity") {
                    SPARE.iter().copied().find(|k| !used.contains(k))
                } else {
                    Some("activity")
                };
                let Some(spare) = spare else {
                    // Nine keys and more columns: the caller keeps its text in comments.
                    notes.push(Note::new(
                        NoteKind::Unplaced,
                        format!("{place}, столбец {}", i + 1),
                        format!("для столбца «{title}» в формате нет ключа"),
                    ));
                    out.push(Column {
                        notes,
                        key: "",
                        title: title.clone(),
                        width,
                        merge: false,
                        blank: false,
                    });
                    continue;
                };
                notes.push(Note::new(
                    NoteKind::Guess,
                    format!("{place}, столбец {}", i + 1),
                    format!(
                        "заголовок «{title}» не назван ни одним ключом; его столбец записан как `{spare}`"
                    ),
                ));
                spare
            }
        };
        used.push(key);
        out.push(Column {
            notes,
            key,
            title: title.clone(),
            width: width.max(0.1),
            merge: false,
            blank: false,
        });
    }
    out
}

/// A column's share when the file gives no widths (a spreadsheet): what roadmaps usually give
/// a column of this kind.
fn usual_width(key: Option<&str>) -> f64 {
    match key {
        Some("number") => 6.0,
        Some("activity") => 40.0,
        Some("deadline" | "level") => 14.0,
        Some("mark") => 12.0,
        _ => 20.0,
    }
}

/// The slot of `row` covering grid column `col`.
pub fn at<'r, 't>(row: &'r [Slot<'t>], col: usize) -> Option<&'r Slot<'t>> {
    row.iter().find(|s| s.col <= col && col < s.col + s.span)
}
