//! What the table makes of the columns' own settings: the header in one or two rows (column
//! groups), period columns and their marks, a column's alignment, and the checks of own
//! columns and of the `values` that fill them.
//!
//! - Header: without any `group`, one row of titles. With groups, two rows: a group's title
//!   spans its consecutive columns in the first row and their own titles stand under it in the
//!   second; a column outside every group spans both rows.
//! - Period columns (`period: 2024-Q1`): a row is marked «+» when its deadline overlaps the
//!   period; a value the row gives in `values` for that column is printed instead.

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Pos};
use crate::resolve::context::HeaderCellCtx;
use crate::resolve::dates::{Deadline, parse_deadline, parse_deadlines};
use crate::resolve::typography::typeset;
use crate::source::model::{Column, ColumnKey, Deadlines, OwnValues, Spanned};
use crate::source::own_columns::OWN_KEY_RULE;

/// The sign a period column prints for a row that runs in its period.
pub const PERIOD_MARK: &str = "+";

/// The header rows: titles, spans and where each column's key stands.
pub fn header_rows(columns: &[Column]) -> Vec<Vec<HeaderCellCtx>> {
    let source = |c: &Column| super::table::source_pos(Pos::of(&c.key));
    let own = |c: &Column, rowspan| HeaderCellCtx {
        title: typeset(&c.title),
        colspan: 1,
        rowspan,
        source: source(c),
    };
    if columns.iter().all(|c| c.group.is_none()) {
        return vec![columns.iter().map(|c| own(c, 1)).collect()];
    }
    let mut top: Vec<HeaderCellCtx> = Vec::new();
    let mut under = Vec::new();
    let mut i = 0;
    while i < columns.len() {
        let Some(group) = &columns[i].group else {
            top.push(own(&columns[i], 2));
            i += 1;
            continue;
        };
        let end = (i..columns.len())
            .find(|&j| columns[j].group.as_ref() != Some(group))
            .unwrap_or(columns.len());
        top.push(HeaderCellCtx {
            title: typeset(group),
            colspan: end - i,
            rowspan: 1,
            source: source(&columns[i]),
        });
        under.extend(columns[i..end].iter().map(|c| own(c, 1)));
        i = end;
    }
    vec![top, under]
}

/// First and last day of a column's `period`, when it has a readable one.
pub fn period_days(column: &Column) -> Option<(NaiveDate, NaiveDate)> {
    column
        .period
        .as_ref()
        .and_then(|p| parse_deadline(&p.value).ok())
        .and_then(|d| d.days())
}

/// Whether a row with this deadline runs in the period `from..=to`: some deadline of its list
/// overlaps it. Free text («ежемесячно») marks nothing.
pub fn runs_in(deadline: Option<&Spanned<Deadlines>>, (from, to): (NaiveDate, NaiveDate)) -> bool {
    let Some(deadline) = deadline else {
        return false;
    };
    let texts: Vec<&str> = match &deadline.value {
        Deadlines::One(text) => vec![text],
        Deadlines::Many(list) => list.iter().map(String::as_str).collect(),
    };
    texts
        .iter()
        .flat_map(|t| parse_deadlines(t).unwrap_or_default())
        .filter_map(|d| d.days())
        .any(|(first, last)| first <= to && last >= from)
}

/// A column's alignment as the page description writes it: the author's, else centred for a
/// period column; `None` leaves the cell's role to decide.
pub fn align(column: &Column) -> Option<&'static str> {
    match (column.align, &column.period) {
        (Some(align), _) => Some(align.name()),
        (None, Some(_)) => Some("center"),
        (None, None) => None,
    }
}

/// A column's vertical alignment when the author gave one.
pub fn valign(column: &Column) -> Option<&'static str> {
    column.valign.map(|v| v.name())
}

/// Problems of the columns' own settings: a `period` that is not one period. (An own key
/// that looks like a misspelt known one is refused when read, `source::own_columns`.)
pub fn check_columns(path: &str, columns: &[Column]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (i, column) in columns.iter().enumerate() {
        if let Some(period) = &column.period {
            let wrong = match parse_deadline(&period.value) {
                Err(e) => Some(e.to_string()),
                Ok(Deadline::Text(_)) => Some(format!(
                    "«{}» — не период: столбец периода отмечает пункты по их срокам",
                    period.value.trim()
                )),
                Ok(_) => None,
            };
            if let Some(message) = wrong {
                found.push(
                    Diagnostic::error(
                        Pos::of(period),
                        format!("{path}.columns[{i}].period"),
                        message,
                    )
                    .with_hint(
                        "period: месяц, квартал, полугодие или промежуток месяцев — \
                             2024-03, 2024-Q1, «I квартал 2024», 2024-H2, 2024-01..2024-12",
                    ),
                );
            }
        }
    }
    found
}

/// Checks a row's `values` against the declared columns; calls `record` with each value for
/// a declared own column (the caller's bookkeeping of used and blank columns) and returns the
/// problems: a known key given in `values`, a key no column has.
pub fn check_values(
    path: &str,
    values: &OwnValues,
    columns: &[Column],
    mut record: impl FnMut(ColumnKey, Pos, String),
) -> Vec<Diagnostic> {
    let own: Vec<&str> = columns
        .iter()
        .filter_map(|c| match &c.key.value {
            ColumnKey::Own(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let mut found = Vec::new();
    for (key, _) in &values.0 {
        let name = key.value.as_str();
        let pos = Pos::of(key);
        let at = format!("{path}.values.{name}");
        if let ColumnKey::Own(_) = ColumnKey::from_name(name)
            && own.contains(&name)
        {
            record(ColumnKey::Own(name.to_string()), pos, at);
            continue;
        }
        let diagnostic = if !matches!(ColumnKey::from_name(name), ColumnKey::Own(_)) {
            Diagnostic::error(
                pos,
                at,
                format!(
                    "«{name}» — не свой столбец: в values пишутся только значения своих столбцов"
                ),
            )
            .with_hint(format!(
                "напишите {name}: … полем самого пункта, рядом с activity"
            ))
        } else {
            let listed = match own.is_empty() {
                true => "своих столбцов в таблице нет".to_string(),
                false => format!("свои столбцы: {}", own.join(", ")),
            };
            let mut d =
                Diagnostic::error(pos, at, format!("в таблице нет столбца «{name}»; {listed}"));
            d = match nearest(name, own.iter().copied()) {
                Some(near) => d.with_hint(format!("может быть, «{near}»?")),
                None => d.with_hint(format!(
                    "объявите столбец в columns: {{ key: {name}, title: …, width: … }}; ключ — {OWN_KEY_RULE}"
                )),
            };
            d
        };
        found.push(diagnostic);
    }
    found
}

/// The name among `names` closest to a misspelt one, if any is close: at most one edit per
/// three letters, and at least one.
fn nearest<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    names
        .filter(|n| *n != wanted)
        .map(|n| (strsim::levenshtein(wanted, n), n))
        .filter(|(distance, n)| *distance <= 1.max(n.chars().count() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, n)| n)
}
