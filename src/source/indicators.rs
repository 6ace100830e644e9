//! The indicators table an appendix may print before its activities («Важнейшие целевые
//! индикаторы и показатели»: indicator, unit, base value, target values by year): columns of
//! the author's own, as in the activities table, and rows that are mappings «column key:
//! value» with their keys' places kept for messages (see `own_columns.rs`).

use schemars::JsonSchema;
use serde::Deserialize;

use super::model::{Column, Spanned};
use super::own_columns::OwnValues;

/// The indicators table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Таблица индикаторов перед мероприятиями: наименование, единица измерения, базовое и целевые значения по годам."
)]
pub struct Indicators {
    /// The heading above the table, centred and bold.
    #[serde(default)]
    #[schemars(
        description = "Заголовок над таблицей, по центру, полужирным: «Важнейшие целевые индикаторы и показатели»."
    )]
    pub title: Option<String>,
    /// The columns, left to right: `number` and keys of the author's own.
    #[schemars(
        description = "Столбцы слева направо, как в `columns` приложения: `number` (номер строки, вычисляется) и свои ключи (`name`, `unit`, `base`, `y2025` …) с `title`, `width`, `align`, `valign`, `group`."
    )]
    pub columns: Vec<Column>,
    /// A row of column numbers under the header.
    #[serde(default)]
    #[schemars(
        description = "Строка с номерами столбцов (1 2 3 … n) под шапкой, повторяется с ней на каждой странице."
    )]
    pub column_numbers: bool,
    /// The rows: each a mapping of column key to value.
    #[schemars(with = "Vec<OwnValues>")]
    #[schemars(
        description = "Строки таблицы: в каждой — значения по ключам столбцов: `{ name: Доля детей …, unit: \"%\", base: \"72\", y2025: \"82\" }`."
    )]
    pub rows: Vec<Spanned<OwnValues>>,
}
