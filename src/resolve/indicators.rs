//! The indicators table (`source::indicators`): its checks and its rows for the template.
//!
//! Its columns are `number` (the row's number, «1.», «2.» …) and keys of the author's own;
//! each row gives values by those keys. Header, groups, column numbers and alignment are the
//! activities table's ([`super::own_columns`]).

use crate::diag::{Diagnostic, Pos};
use crate::resolve::context::{CellCtx, IndicatorsCtx, RowCtx};
use crate::resolve::own_columns;
use crate::resolve::table::{column_widths, paragraphs, source_pos};
use crate::resolve::typography::typeset;
use crate::source::model::{ColumnKey, Indicators};
use crate::source::own_columns::OWN_KEY_RULE;

/// What the template sees of the table.
pub fn context(table: &Indicators) -> IndicatorsCtx {
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| RowCtx {
            kind: "indicator".into(),
            cells: table
                .columns
                .iter()
                .map(|column| {
                    let key = column.key.value.name();
                    let text = match column.key.value {
                        ColumnKey::Number => vec![format!("{}.", i + 1)],
                        _ => paragraphs(row.value.get(key)),
                    };
                    CellCtx {
                        key: key.to_string(),
                        colspan: 1,
                        rowspan: 1,
                        text,
                        list: Vec::new(),
                        align: own_columns::align(column).unwrap_or_default().into(),
                        valign: own_columns::valign(column).unwrap_or_default().into(),
                    }
                })
                .collect(),
            source: source_pos(Pos::of(row)),
            emphasis: String::new(),
        })
        .collect();
    IndicatorsCtx {
        title: table.title.as_deref().map(typeset),
        columns: column_widths(&table.columns),
        header: own_columns::header_rows(&table.columns),
        column_numbers: table.column_numbers,
        rows,
    }
}

/// What only this table can get wrong (its columns' widths and keys are checked as the
/// activities table's): a known column other than `number`, a `period`, no rows, a row's key
/// no column has.
pub fn check(path: &str, table: &Indicators, at: Pos) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let own: Vec<&str> = table
        .columns
        .iter()
        .filter_map(|c| match &c.key.value {
            ColumnKey::Own(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    for (i, column) in table.columns.iter().enumerate() {
        let key = &column.key.value;
        if !matches!(key, ColumnKey::Own(_) | ColumnKey::Number) {
            found.push(
                Diagnostic::error(
                    Pos::of(&column.key),
                    format!("{path}.columns[{i}].key"),
                    format!(
                        "в таблице индикаторов нет столбца «{}»: её строки заполняют только свои столбцы",
                        key.name()
                    ),
                )
                .with_hint(format!(
                    "дайте столбцу свой ключ ({OWN_KEY_RULE}): name, unit, base, y2025; номер строки — key: number"
                )),
            );
        }
        if let Some(period) = &column.period {
            found.push(
                Diagnostic::error(
                    Pos::of(period),
                    format!("{path}.columns[{i}].period"),
                    "period в таблице индикаторов ничего не отмечает: у её строк нет сроков",
                )
                .with_hint("уберите period; значения по годам пишутся в строках: y2025: \"82\""),
            );
        }
    }
    if table.rows.is_empty() {
        found.push(
            Diagnostic::error(at, format!("{path}.rows"), "в таблице индикаторов нет строк (rows пуст)")
                .with_hint("rows: [{ name: Доля детей, охваченных дополнительным образованием, unit: \"%\", base: \"72\", y2025: \"82\" }]"),
        );
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (key, _) in &row.value.0 {
            let name = key.value.as_str();
            if own.contains(&name) {
                continue;
            }
            let listed = match own.is_empty() {
                true => "своих столбцов в ней нет".to_string(),
                false => format!("её столбцы: {}", own.join(", ")),
            };
            let d = Diagnostic::error(
                Pos::of(key),
                format!("{path}.rows[{r}].{name}"),
                format!("в таблице индикаторов нет столбца «{name}»; {listed}"),
            );
            found.push(match (name, own_columns::nearest_key(name, &own)) {
                ("number", _) => d.with_hint("номер строки ставится сам: уберите number из строки"),
                (_, Some(near)) => d.with_hint(format!("может быть, «{near}»?")),
                (_, None) => d.with_hint(format!(
                    "объявите столбец в indicators.columns: {{ key: {name}, title: …, width: … }}"
                )),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::model::Roadmap;

    #[test]
    fn rows_are_numbered_and_take_their_columns_values_and_alignment() {
        let r: Roadmap = serde_saphyr::from_str(
            "
title: T
indicators:
  title: Целевые индикаторы
  columns:
    - { key: number, title: №, width: 5 }
    - { key: name, title: Индикатор, width: 50 }
    - { key: y2024, title: 2024 г., width: 10, align: center, group: Целевое значение }
    - { key: y2025, title: 2025 г., width: 10, align: right, group: Целевое значение }
  column_numbers: true
  rows:
    - { name: Доля школ, y2024: \"12,5\" }
    - { y2025: \"40\", name: Число педагогов }
columns: []
stages: []
",
        )
        .unwrap_or_else(|e| panic!("test YAML: {e}"));
        let table = context(r.indicators.as_ref().unwrap());
        assert_eq!(table.title.as_deref(), Some("Целевые индикаторы"));
        assert!(table.column_numbers);
        assert_eq!(table.header.len(), 2);
        let rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|row| {
                row.cells
                    .iter()
                    .map(|c| format!("{}:{}:{}", c.key, c.text.join(""), c.align))
                    .collect()
            })
            .collect();
        assert_eq!(
            rows,
            [
                [
                    "number:1.:",
                    "name:Доля школ:",
                    "y2024:12,5:center",
                    "y2025::right"
                ],
                [
                    "number:2.:",
                    "name:Число педагогов:",
                    "y2024::center",
                    "y2025:40:right"
                ],
            ]
        );
    }
}
