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

/// The own key among `own` closest to a misspelt one, if any is close.
pub fn nearest_key<'a>(wanted: &str, own: &[&'a str]) -> Option<&'a str> {
    nearest(wanted, own.iter().copied())
}

/// The name among `names` closest to a misspelt one, if any is close: at most one edit per
/// three letters, and at least one.
fn nearest<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    names
        .filter(|n| *n != wanted)
        .map(|n| (strsim::damerau_levenshtein(wanted, n), n))
        .filter(|(distance, n)| *distance <= 1.max(n.chars().count() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use crate::resolve::context::RowCtx;
    use crate::resolve::table::rows;
    use crate::source::model::Roadmap;

    use super::*;

    fn roadmap(yaml: &str) -> Roadmap {
        serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("test YAML: {e}"))
    }

    /// Each cell as `key text align/valign`.
    fn cells(row: &RowCtx) -> Vec<String> {
        row.cells
            .iter()
            .map(|c| format!("{} {} {}/{}", c.key, c.text.join(" ¶ "), c.align, c.valign))
            .collect()
    }

    const QUARTERS: &str = "
title: T
columns:
  - { key: number, title: №, width: 5 }
  - { key: activity, title: Мероприятие, width: 40 }
  - { key: source_of_funds, title: Источник, width: 15, align: right, valign: middle }
  - { key: q1, title: I квартал, width: 8, group: Сроки, period: 2025-Q1 }
  - { key: q2, title: II квартал, width: 8, group: Сроки, period: 2025-Q2 }
  - { key: q3, title: III квартал, width: 8, group: Сроки, period: III квартал 2025 }
  - { key: responsible, title: Ответственные, width: 16 }
";

    #[test]
    fn a_group_spans_its_columns_over_their_titles_and_the_others_span_both_rows() {
        let r = roadmap(&format!("{QUARTERS}stages: []\n"));
        let dump = |row: &Vec<HeaderCellCtx>| -> Vec<String> {
            row.iter()
                .map(|c| format!("{} {}x{}", c.title, c.colspan, c.rowspan))
                .collect()
        };
        let header = header_rows(&r.columns);
        assert_eq!(header.len(), 2);
        assert_eq!(
            dump(&header[0]),
            [
                "№ 1x2",
                "Мероприятие 1x2",
                "Источник 1x2",
                "Сроки 3x1",
                "Ответственные 1x2"
            ]
        );
        assert_eq!(
            dump(&header[1]),
            ["I квартал 1x1", "II квартал 1x1", "III квартал 1x1"]
        );
    }

    #[test]
    fn without_groups_the_header_is_one_row() {
        let r = roadmap(
            "
title: T
columns:
  - { key: number, title: №, width: 5 }
  - { key: activity, title: Мероприятие, width: 40 }
stages: []
",
        );
        let header = header_rows(&r.columns);
        assert_eq!(header.len(), 1);
        assert!(header[0].iter().all(|c| c.rowspan == 1 && c.colspan == 1));
    }

    #[test]
    fn period_columns_mark_the_periods_a_deadline_overlaps_and_a_value_given_wins() {
        let r = roadmap(&format!(
            "{QUARTERS}stages:
  - title: Этап
    items:
      - {{ activity: a, deadline: 2025-03..2025-04, values: {{ source_of_funds: Местный бюджет }} }}
      - {{ activity: b, deadline: [2025-01-15, III квартал 2025] }}
      - {{ activity: c, deadline: ежемесячно }}
      - {{ activity: d, values: {{ q2: Х }} }}
"
        ));
        let rows = rows(&r);
        let marks = |row: &RowCtx| -> Vec<String> {
            row.cells[3..6].iter().map(|c| c.text.join("")).collect()
        };
        assert_eq!(marks(&rows[1]), ["+", "+", ""]);
        assert_eq!(marks(&rows[2]), ["+", "", "+"]);
        assert_eq!(marks(&rows[3]), ["", "", ""]);
        assert_eq!(marks(&rows[4]), ["", "Х", ""]);
    }

    #[test]
    fn parts_mark_their_own_periods_in_their_own_rows() {
        let r = roadmap(&format!(
            "{QUARTERS}stages:
  - title: Этап
    items:
      - activity: Создание мест
        values: {{ source_of_funds: Областной бюджет }}
        parts:
          - {{ activity: p1, deadline: 2025-02 }}
          - {{ activity: p2, deadline: 2025-08..2025-09 }}
"
        ));
        let rows = rows(&r);
        let texts =
            |row: &RowCtx| -> Vec<String> { row.cells.iter().map(|c| c.text.join("")).collect() };
        // The lead row: number and the item's own value span the parts.
        assert_eq!(
            texts(&rows[1]),
            ["1.", "Создание мест", "Областной бюджет", "", "", "", ""]
        );
        assert_eq!(rows[1].cells[2].rowspan, 3);
        assert_eq!(texts(&rows[2]), ["p1", "+", "", ""]);
        assert_eq!(texts(&rows[3]), ["p2", "", "", "+"]);
    }

    #[test]
    fn item_cells_take_their_columns_alignment_and_stage_rows_keep_theirs() {
        let r = roadmap(&format!(
            "{QUARTERS}stages:
  - title: Этап
    items:
      - {{ activity: a, deadline: 2025-02, values: {{ source_of_funds: Местный бюджет }}, responsible: R }}
"
        ));
        let rows = rows(&r);
        assert_eq!(cells(&rows[0]), ["title Этап /"]);
        assert_eq!(
            cells(&rows[1]),
            [
                "number 1. /",
                "activity a /",
                "source_of_funds Местный бюджет right/middle",
                "q1 + center/",
                "q2  center/",
                "q3  center/",
                "responsible R /",
            ]
        );
    }
}
