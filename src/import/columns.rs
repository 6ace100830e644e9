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

/// Keys for columns whose title names no key of the format: own columns, by their place in
/// the table (`column_3`), their values written under `values`. (Static, so that a row's
/// fields keep `&'static str` keys; a table wider than this keeps the rest in comments.)
pub const OWN_KEYS: [&str; 30] = [
    "column_1",
    "column_2",
    "column_3",
    "column_4",
    "column_5",
    "column_6",
    "column_7",
    "column_8",
    "column_9",
    "column_10",
    "column_11",
    "column_12",
    "column_13",
    "column_14",
    "column_15",
    "column_16",
    "column_17",
    "column_18",
    "column_19",
    "column_20",
    "column_21",
    "column_22",
    "column_23",
    "column_24",
    "column_25",
    "column_26",
    "column_27",
    "column_28",
    "column_29",
    "column_30",
];

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

/// How many header rows the table has: those marked to repeat; else two when the first row
/// groups columns under one cell and the second continues its other cells downwards (a
/// two-row header typed without marks); else the first.
pub fn header_rows(table: &Table) -> usize {
    let marked = table.rows.iter().take_while(|r| r.header).count();
    let grouped = |rows: &[super::blocks::Row]| {
        rows.len() > 2
            && rows[0].cells.iter().any(|c| c.span > 1 && !c.is_empty())
            && rows[1].cells.iter().any(|c| c.merged_up)
    };
    if marked == 0 && grouped(&table.rows) {
        return 2;
    }
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

/// The header's rows of titles, the first row of the body, and whether a row of column
/// numbers (1 2 3 …) stands between them: the last of the rows marked to repeat, or the first
/// row after them.
pub fn header_layout(table: &Table, grid: &Grid) -> (usize, usize, bool) {
    let header = header_rows(table);
    if header >= 2 && is_column_numbers(grid, header - 1) {
        return (header - 1, header, true);
    }
    if is_column_numbers(grid, header) {
        return (header, header + 1, true);
    }
    (header, header, false)
}

/// A row of column numbers: «1 | 2 | 3 | 4».
fn is_column_numbers(grid: &Grid, row: usize) -> bool {
    let Some(row) = grid.rows.get(row) else {
        return false;
    };
    row.len() >= 2
        && row
            .iter()
            .enumerate()
            .all(|(i, s)| s.cell.text().trim_end_matches('.') == (i + 1).to_string())
}

/// Each grid column's group in a two-row header: the text of a first-row cell spanning it
/// and others, with the column's own title from the second row.
fn groups(grid: &Grid, header: usize) -> Vec<Option<(String, String)>> {
    let mut out = vec![None; grid.columns];
    if header != 2 {
        return out;
    }
    for slot in &grid.rows[0] {
        let group = slot.cell.text().replace('\n', " ");
        if slot.span < 2 || group.trim().is_empty() || slot.cell.merged_up {
            continue;
        }
        for (col, place) in out.iter_mut().enumerate().skip(slot.col).take(slot.span) {
            let title =
                at(&grid.rows[1], col).map_or(String::new(), |s| s.cell.text().replace('\n', " "));
            *place = Some((group.clone(), title));
        }
    }
    out
}

/// The period a column under a group names, as the format writes it: «I квартал» under
/// «Сроки выполнения: 2025 г.» is `2025-Q1`; `None` when the title is no month, quarter or
/// half-year, or the group names no year.
fn period_of(group: &str, title: &str) -> Option<String> {
    use crate::resolve::dates::{Deadline, parse_deadline};
    let year = group
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4)?;
    match parse_deadline(&format!("{} {year}", title.trim())).ok()? {
        Deadline::Quarter { year, quarter } => Some(format!("{year}-Q{quarter}")),
        Deadline::HalfYear { year, half } => Some(format!("{year}-H{half}")),
        Deadline::Month(m) => Some(format!("{}-{:02}", m.year, m.month)),
        _ => None,
    }
}

/// The columns of the draft, one per grid column, with notes for what was guessed; with
/// `own_only` (an indicators table), `number` and own keys alone, without notes.
pub fn columns(
    table: &Table,
    grid: &Grid,
    header: usize,
    place: &str,
    own_only: bool,
) -> Vec<Column> {
    let titles = titles(grid, header);
    let groups = groups(grid, header);
    let total: u32 = if table.grid.len() == grid.columns {
        table.grid.iter().sum()
    } else {
        0
    };
    let mut used: Vec<&'static str> = Vec::new();
    let mut out: Vec<Column> = Vec::new();
    for (i, title) in titles.iter().enumerate() {
        let (group, title) = match &groups[i] {
            Some((group, own)) => (Some(group.clone()), own.clone()),
            None => (None, title.clone()),
        };
        let period = group.as_deref().and_then(|g| period_of(g, &title));
        let title = &title;
        let width = if total > 0 {
            (f64::from(table.grid[i]) * 1000.0 / f64::from(total)).round() / 10.0
        } else {
            usual_width(key_of(title))
        };
        let mut notes = Vec::new();
        let known = key_of(title)
            .filter(|k| !used.contains(k))
            .filter(|k| !own_only || *k == "number");
        // A period column's title («I квартал») is its own even when it reads as a deadline.
        let key = match known.filter(|_| period.is_none()) {
            Some(key) => key,
            None => {
                let own = if own_only || used.contains(&"activity") {
                    OWN_KEYS.get(i).copied()
                } else {
                    Some("activity")
                };
                let Some(own) = own else {
                    // More columns than own keys: the caller keeps its text in comments.
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
                        align: None,
                        valign: None,
                        group,
                        period: None,
                    });
                    continue;
                };
                if period.is_none() && !own_only {
                    let kind = match own {
                        "activity" => "как `activity`".to_string(),
                        _ => format!("как свой столбец `{own}` (значения — в values)"),
                    };
                    notes.push(Note::new(
                        NoteKind::Guess,
                        format!("{place}, столбец {}", i + 1),
                        format!("заголовок «{title}» не назван ни одним ключом; его столбец записан {kind}"),
                    ));
                }
                own
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
            align: None,
            valign: None,
            group,
            period,
        });
    }
    out
}

/// Each column's alignment from its values in the body (rows `first..`): centred or right
/// when every filled cell's paragraphs are, for a column the generator does not centre by
/// itself (number, deadline, period); middle when every filled cell stands so.
pub fn alignments(columns: &mut [Column], grid: &Grid, first: usize) {
    use super::blocks::Align;
    for (c, column) in columns.iter_mut().enumerate() {
        let cells: Vec<&Slot> = grid
            .rows
            .iter()
            .skip(first)
            .filter_map(|row| row.iter().find(|s| s.col == c && s.span == 1))
            .filter(|s| !s.cell.merged_up && !s.cell.is_empty())
            .collect();
        if cells.is_empty() {
            continue;
        }
        let all = |align: Align| {
            cells.iter().all(|s| {
                s.cell
                    .paras
                    .iter()
                    .filter(|p| !p.is_empty())
                    .all(|p| p.align == align)
            })
        };
        let centred_anyway = matches!(column.key, "number" | "deadline") || column.period.is_some();
        column.align = match () {
            _ if centred_anyway => None,
            _ if all(Align::Center) => Some("center"),
            _ if all(Align::Right) => Some("right"),
            _ => None,
        };
        column.valign = cells.iter().all(|s| s.cell.middle).then_some("middle");
    }
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
