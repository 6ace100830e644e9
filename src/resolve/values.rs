//! A municipality's values, an input of [`super::resolve`]: put into the source's values before
//! anything is checked, so that a value from the table is validated, formatted and numbered
//! exactly as if it had been typed in the source.
//!
//! Every `${column}` (spaces inside the braces allowed: `${ name }`) in a text value becomes the
//! row's value, once: what the table gives is not read for `${…}` again. Keys and comments are
//! not values and are left alone. The row's `authority`, `authority_genitive`, `date` and
//! `number` replace the order's fields. [`Origins`] remembers which fields took what column, so
//! that a message about such a field says where its value came from.

use std::collections::BTreeMap;

use super::texts::{self, Place};
use crate::diag::Diagnostic;
use crate::region::{Municipality, ORDER_COLUMNS};
use crate::source::Source;

/// Which fields took their value from which columns of the table, and from which row.
pub struct Origins<'m> {
    municipality: &'m Municipality,
    /// Field path → the columns its value came from, in the order they appear in it.
    fields: BTreeMap<String, Vec<String>>,
}

/// Puts the row's values into the source. Returns where they went, and an error for every
/// `${column}` the row has no value for.
pub fn apply<'m>(source: &mut Source, m: &'m Municipality) -> (Origins<'m>, Vec<Diagnostic>) {
    let mut origins = Origins {
        municipality: m,
        fields: BTreeMap::new(),
    };
    let mut errors = Vec::new();
    texts::for_each(source, &mut |place: &Place, text: &mut String| {
        let Some(expanded) = expand(text, &m.values) else {
            return;
        };
        for column in &expanded.unknown {
            errors.push(unknown_column(place, column, m));
        }
        if !expanded.columns.is_empty() {
            origins.fields.insert(place.path(), expanded.columns);
        }
        *text = expanded.text;
    });
    // A source without an order (a roadmap approved by a person, or with no mark) prints none:
    // the table's order columns then only serve `${authority}` and the like. The replaced
    // fields keep their place in the source, so a message about one points there.
    if let Some(order) = source.order.as_mut() {
        for &column in ORDER_COLUMNS {
            let Some(value) = m.values.get(column) else {
                continue;
            };
            let field = match column {
                "authority" => &mut order.authority,
                "authority_genitive" => &mut order.authority_genitive,
                "date" => &mut order.date.value,
                _ => &mut order.number.value,
            };
            *field = value.clone();
            origins
                .fields
                .insert(format!("order.{column}"), vec![column.to_string()]);
        }
    }
    (origins, errors)
}

impl Origins<'_> {
    /// Says in a diagnostic about a field whose value came from the table which column and
    /// municipality it came from: after the quoted value when the message quotes one
    /// («31.02.2023» из столбца `dl` (Демидовский район) — такой даты нет), at the end when
    /// not; a hint tells where in the table to fix it.
    pub fn annotate(&self, d: &mut Diagnostic) {
        let Some(columns) = self.fields.get(&d.path) else {
            return;
        };
        let names = columns
            .iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let from = match columns.len() {
            1 => format!("из столбца {names}"),
            _ => format!("из столбцов {names}"),
        };
        let name = self.municipality.label();
        d.message = match d.message.find('»') {
            Some(at) => {
                let at = at + '»'.len_utf8();
                format!("{} {from} ({name}){}", &d.message[..at], &d.message[at..])
            }
            None => format!("{} (значение {from}, {name})", d.message),
        };
        let line = columns
            .iter()
            .find_map(|c| self.municipality.positions.get(c))
            .map_or(self.municipality.line, |p| p.line);
        let which = match columns.len() {
            1 => "столбец",
            _ => "столбцы",
        };
        d.hints.push(format!(
            "значение подставлено из таблицы муниципалитетов ({which} {names}, строка {line}): \
             исправьте его там"
        ));
    }
}

/// A text with its `${column}`s replaced.
#[derive(Debug, PartialEq)]
struct Expanded {
    text: String,
    /// Columns put in, in order, each once.
    columns: Vec<String>,
    /// Columns quoted that the row has no value for; their `${…}` stays as written.
    unknown: Vec<String>,
}

/// `text` with every `${column}` replaced by `values[column]`; `None` when it quotes none.
/// The text is scanned once, left to right, and what is put in is not scanned: a value holding
/// `${name}` is printed as it is. A `${` without a closing brace is text.
fn expand(text: &str, values: &BTreeMap<String, String>) -> Option<Expanded> {
    if !text.contains("${") {
        return None;
    }
    let mut out = Expanded {
        text: String::with_capacity(text.len()),
        columns: Vec::new(),
        unknown: Vec::new(),
    };
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest[start + 2..].find('}') else {
            break;
        };
        let end = start + 2 + len + 1;
        let column = rest[start + 2..end - 1].trim();
        out.text.push_str(&rest[..start]);
        match values.get(column) {
            Some(value) => {
                out.text.push_str(value);
                if !out.columns.iter().any(|c| c == column) {
                    out.columns.push(column.to_string());
                }
            }
            None => {
                out.text.push_str(&rest[start..end]);
                out.unknown.push(column.to_string());
            }
        }
        rest = &rest[end..];
    }
    out.text.push_str(rest);
    Some(out)
}

/// A `${column}` the row has no value for.
fn unknown_column(place: &Place, column: &str, m: &Municipality) -> Diagnostic {
    let known: Vec<&str> = m.values.keys().map(String::as_str).collect();
    let mut d = Diagnostic::error(
        *place.pos,
        place.path(),
        format!(
            "`${{{column}}}`: у муниципалитета «{}» нет значения `{column}`",
            m.name()
        ),
    );
    if let Some(near) = known
        .iter()
        .max_by(|a, b| strsim::jaro_winkler(column, a).total_cmp(&strsim::jaro_winkler(column, b)))
        && strsim::jaro_winkler(column, near) > 0.8
    {
        d = d.with_hint(format!("возможно, имелось в виду `${{{near}}}`"));
    }
    d.with_hint(format!("столбцы таблицы: {}", known.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_column_is_put_in_once_with_spaces_inside_the_braces_allowed() {
        let v = values(&[("name", "Демидовский район"), ("who", "Иванов ${name}")]);
        let e = expand("${ who } и ${name}; ${who}", &v).unwrap();
        assert_eq!(e.text, "Иванов ${name} и Демидовский район; Иванов ${name}");
        assert_eq!(e.columns, ["who", "name"]);
        assert!(e.unknown.is_empty());
    }

    #[test]
    fn an_unknown_column_or_an_open_brace_stays_as_written() {
        let v = values(&[("name", "Тула")]);
        let e = expand("${nme} ${name} ${x", &v).unwrap();
        assert_eq!(e.text, "${nme} Тула ${x");
        assert_eq!(e.unknown, ["nme"]);
        assert_eq!(expand("без подстановок", &v), None);
    }
}
