//! Columns of the author's own: the column key that is not one of the known ones, the values
//! items and parts give for such columns, and a column's alignment.
//!
//! Why own values stand in a mapping of their own (`values: { source_of_funds: … }`) and not
//! beside `responsible` on the item: an item's keys are checked by serde (`deny_unknown_fields`)
//! against the fields it knows, which is what gives a typo its message with line, column, the
//! list of fields and the nearest one. Keys that depend on the columns a roadmap declares cannot
//! be known to serde; taking any key on an item would need `#[serde(flatten)]` or a hand-written
//! `Deserialize` for `Item`, and flatten loses every position inside the item (see the comment on
//! `table_row!` in `model.rs`). In `values` the keys keep their own positions (`Spanned`), and
//! `resolve::check` holds them against the declared columns: a key no column has gets the same
//! kind of message («нет столбца …; свои столбцы: …», the nearest key as a hint), and an item's
//! own key stays strict.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use super::model::{ColumnKey, Spanned, SpannedText};

/// The known column keys as written, in the order messages list them.
pub const KNOWN_KEYS: [(&str, ColumnKey); 9] = [
    ("number", ColumnKey::Number),
    ("level", ColumnKey::Level),
    ("activity", ColumnKey::Activity),
    ("audience", ColumnKey::Audience),
    ("deadline", ColumnKey::Deadline),
    ("participants", ColumnKey::Participants),
    ("responsible", ColumnKey::Responsible),
    ("result", ColumnKey::Result),
    ("mark", ColumnKey::Mark),
];

impl ColumnKey {
    /// The key as written in the source and seen by templates.
    pub fn name(&self) -> &str {
        match self {
            ColumnKey::Own(name) => name,
            known => KNOWN_KEYS
                .iter()
                .find(|(_, key)| key == known)
                .map(|(name, _)| *name)
                .expect("every known key is in KNOWN_KEYS"),
        }
    }

    /// The key a name stands for: a known one, or an own column.
    pub fn from_name(name: &str) -> ColumnKey {
        KNOWN_KEYS
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, key)| key.clone())
            .unwrap_or_else(|| ColumnKey::Own(name.to_string()))
    }
}

/// The known keys' names alone.
const KNOWN_NAMES: [&str; 9] = [
    "number",
    "level",
    "activity",
    "audience",
    "deadline",
    "participants",
    "responsible",
    "result",
    "mark",
];

/// Whether an unknown key is a known one misspelt rather than an own column's: `no` (the old
/// spelling of `number`), or as close to a known key as the translation of serde's errors
/// needs to name it (`deadlin`, `Responsible`, `results`). Such a key is refused: an own
/// column under it would stay empty while the items' values went nowhere.
pub fn looks_like_known(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    lower == "no"
        || KNOWN_NAMES
            .iter()
            .any(|k| strsim::normalized_damerau_levenshtein(&lower, k) >= 0.6)
}

/// Whether a name may be an own column's key: a Latin lowercase letter, then lowercase
/// letters, digits and `_` — a key one can write in `values` without quotes.
pub fn is_own_key(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// What an own column's key may be, for messages.
pub const OWN_KEY_RULE: &str = "латинские строчные буквы, цифры и `_`, первой — буква: \
     source_of_funds, q1_2024";

impl<'de> Deserialize<'de> for ColumnKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read as an enum, as a closed set of keys would be: serde-saphyr then places an
        // unknown or empty key at its value, as it did before own columns.
        deserializer.deserialize_enum("ColumnKey", &KNOWN_NAMES, KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> serde::de::Visitor<'de> for KeyVisitor {
    type Value = ColumnKey;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("ключ столбца")
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<ColumnKey, A::Error> {
        use serde::de::VariantAccess;
        let (name, variant): (String, A::Variant) = data.variant()?;
        variant.unit_variant()?;
        check_key(&name)
    }
}

/// A known key, or an own key that is neither a known one misspelt nor unfit for `values`.
fn check_key<E: serde::de::Error>(name: &str) -> Result<ColumnKey, E> {
    let key = ColumnKey::from_name(name);
    if !matches!(key, ColumnKey::Own(_)) {
        return Ok(key);
    }
    let empty = matches!(name.trim(), "" | "~" | "null" | "Null" | "NULL");
    if empty || looks_like_known(name) {
        // Empty, or a misspelt known key rather than an own column: serde's own message,
        // which the translation gives the nearest key and the list (and `no` its story).
        return Err(E::unknown_variant(name, &KNOWN_NAMES));
    }
    if !is_own_key(name) {
        return Err(E::custom(format!(
            "ключ столбца «{name}» не подходит: свой ключ — {OWN_KEY_RULE}; известные ключи: {}",
            KNOWN_NAMES.join(", ")
        )));
    }
    Ok(key)
}

impl JsonSchema for ColumnKey {
    fn schema_name() -> Cow<'static, str> {
        "ColumnKey".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Что показывает столбец: известный ключ или свой.",
            "anyOf": [
                { "const": "number", "description": "Номер мероприятия (вычисляется)." },
                { "const": "level", "description": "Уровень управления («Муниципальный», «Институциональный»)." },
                { "const": "activity", "description": "Мероприятие: текст, список, части." },
                { "const": "audience", "description": "Целевая аудитория или особенности." },
                { "const": "deadline", "description": "Срок." },
                { "const": "participants", "description": "Участники." },
                { "const": "responsible", "description": "Ответственные." },
                { "const": "result", "description": "Планируемый результат." },
                { "const": "mark", "description": "Отметка о выполнении." },
                {
                    "type": "string",
                    "pattern": "^[a-z][a-z0-9_]*$",
                    "description": "Свой столбец: значения пункты задают в `values` под этим ключом."
                }
            ]
        })
    }
}

/// Values of own columns on an item or a part, in the order written; each key and value with
/// its place in the source.
#[derive(Debug, Default)]
pub struct OwnValues(pub Vec<(SpannedText, SpannedText)>);

impl OwnValues {
    /// The value given for `key`, if any.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, v)| v.value.as_str())
    }
}

impl<'de> Deserialize<'de> for OwnValues {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ValuesVisitor)
    }
}

struct ValuesVisitor;

impl<'de> serde::de::Visitor<'de> for ValuesVisitor {
    type Value = OwnValues;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("словарь «ключ столбца: значение»: { source_of_funds: Областной бюджет }")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<OwnValues, A::Error> {
        let mut values = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Spanned<String>>()?;
            values.push((key, value));
        }
        Ok(OwnValues(values))
    }
}

impl JsonSchema for OwnValues {
    fn schema_name() -> Cow<'static, str> {
        "OwnValues".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "Значения своих столбцов по их ключам.",
            "propertyNames": { "pattern": "^[a-z][a-z0-9_]*$" },
            "additionalProperties": { "type": "string" }
        })
    }
}

/// How a column's text stands across its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Выравнивание по горизонтали.")]
pub enum Align {
    #[schemars(description = "По левому краю.")]
    Left,
    #[schemars(description = "По центру.")]
    Center,
    #[schemars(description = "По правому краю.")]
    Right,
}

/// How a column's text stands down its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "Выравнивание по высоте.")]
pub enum VAlign {
    #[schemars(description = "По верхнему краю.")]
    Top,
    #[schemars(description = "Посередине.")]
    Middle,
}

impl Align {
    /// As the page description writes it.
    pub fn name(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        }
    }
}

impl VAlign {
    /// As the page description writes it.
    pub fn name(self) -> &'static str {
        match self {
            VAlign::Top => "top",
            VAlign::Middle => "middle",
        }
    }
}
