//! One regional roadmap for every municipality: the table of municipalities and what each row
//! changes in the source.
//!
//! A row's `authority`, `authority_genitive`, `date` and `number` replace the order's; every
//! column, these included, can be quoted anywhere in the source's text as `${column}`
//! (`${name}`, `${coordinator}`). The table is CSV (a header row, comma or semicolon separated,
//! as Excel saves it) or YAML (a list of mappings). `name` is required and unique: output file
//! names are made from it.

use std::collections::BTreeMap;

use serde_saphyr::{Location, Spanned};

use crate::diag::{Diagnostic, Pos};
use crate::resolve::Resolved;
use crate::resolve::dates::parse_iso_date;
use crate::resolve::typography::typeset;
use crate::source::Source;

/// Columns that replace fields of the order.
pub const ORDER_COLUMNS: &[&str] = &["authority", "authority_genitive", "date", "number"];

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    /// Line of the row in the table file, for messages.
    pub line: u32,
    /// Column → value; always has `name`.
    pub values: BTreeMap<String, String>,
}

impl Municipality {
    pub fn name(&self) -> &str {
        self.values.get("name").map(String::as_str).unwrap_or("")
    }
}

/// Reads the table. `yaml` chooses the format (by the file's extension, at the caller).
pub fn load_table(bytes: &[u8], yaml: bool) -> Result<Vec<Municipality>, Vec<Diagnostic>> {
    let text =
        std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
            vec![
                Diagnostic::error(
                    Pos::default(),
                    "",
                    format!(
                        "файл не в кодировке UTF-8 (байт {} не читается)",
                        e.valid_up_to() + 1
                    ),
                )
                .with_hint("сохраните таблицу в кодировке UTF-8 (в Excel: «CSV UTF-8»)"),
            ]
        })?;
    let rows = if yaml {
        yaml_rows(text)?
    } else {
        csv_rows(text)?
    };
    check_rows(&rows)?;
    Ok(rows)
}

fn csv_rows(text: &str) -> Result<Vec<Municipality>, Vec<Diagnostic>> {
    // Excel in a Russian locale saves CSV with semicolons; take whichever the header uses.
    let header = text.lines().next().unwrap_or("");
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => return Err(vec![csv_error(&e)]),
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map(|p| p.line() as u32).unwrap_or(0);
                let values = headers
                    .iter()
                    .zip(r.iter())
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(h, v)| (h.clone(), v.trim().to_string()))
                    .collect();
                rows.push(Municipality { line, values });
            }
            Err(e) => errors.push(csv_error(&e)),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn csv_error(e: &csv::Error) -> Diagnostic {
    let line = e.position().map(|p| p.line() as u32).unwrap_or(0);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("в строке {len} значений, а в заголовке {expected_len} столбцов"),
        _ => format!("таблица не читается как CSV: {e}"),
    };
    Diagnostic::error(Pos::new(line, 1), "", message).with_hint(
        "первая строка — названия столбцов (name, authority, …), далее по строке на муниципалитет",
    )
}

fn yaml_rows(text: &str) -> Result<Vec<Municipality>, Vec<Diagnostic>> {
    type Row = BTreeMap<String, serde_saphyr::Spanned<String>>;
    let parsed: Vec<serde_saphyr::Spanned<Row>> = serde_saphyr::from_str(text).map_err(|e| {
        let pos = e
            .location()
            .map(|l| Pos::new(l.line() as u32, l.column() as u32))
            .unwrap_or_default();
        vec![
            Diagnostic::error(
                pos,
                "",
                "таблица муниципалитетов должна быть списком записей «поле: значение»",
            )
            .with_hint("например:\n- name: Ершичский район\n  authority: Отдел по образованию …"),
        ]
    })?;
    Ok(parsed
        .into_iter()
        .map(|row| Municipality {
            line: Pos::of(&row).line,
            values: row
                .value
                .into_iter()
                .map(|(k, v)| (k, v.value.trim().to_string()))
                .collect(),
        })
        .collect())
}

fn check_rows(rows: &[Municipality]) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    if rows.is_empty() {
        errors.push(Diagnostic::error(
            Pos::default(),
            "",
            "в таблице нет ни одного муниципалитета",
        ));
    }
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for row in rows {
        let name = row.name();
        if name.is_empty() {
            errors.push(
                Diagnostic::error(
                    Pos::new(row.line, 1),
                    "name",
                    "у муниципалитета нет названия",
                )
                .with_hint("заполните столбец `name`: из него делается имя файла"),
            );
            continue;
        }
        if let Some(date) = row.values.get("date")
            && parse_iso_date(date).is_err()
        {
            errors.push(
                Diagnostic::error(
                    Pos::new(row.line, 1),
                    "date",
                    format!("«{date}» — не дата приказа"),
                )
                .with_hint("дата пишется как ГГГГ-ММ-ДД, например 2023-10-30"),
            );
        }
        // Names that differ only in case or forbidden characters would write the same file.
        let key = crate::naming::file_stem(name).to_lowercase();
        if let Some(first) = seen.insert(key, row.line) {
            errors.push(Diagnostic::error(
                Pos::new(row.line, 1),
                "name",
                format!(
                    "муниципалитет «{name}» уже есть в строке {first}: у файлов совпали бы имена"
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Applies a row to a loaded source: its order columns replace the order's fields, and every
/// `${column}` the source quotes must be a column of the table (checked here, where the
/// source text still gives each one its line and column).
pub fn apply_to_source(
    source: &mut Source,
    m: &Municipality,
    text: &str,
) -> Result<(), Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> = placeholders(text)
        .filter(|(name, _)| !m.values.contains_key(*name))
        .map(|(name, pos)| {
            let known: Vec<&str> = m.values.keys().map(String::as_str).collect();
            let mut d = Diagnostic::error(
                pos,
                "",
                format!(
                    "`${{{name}}}`: у муниципалитета «{}» нет значения `{name}`",
                    m.name()
                ),
            );
            if let Some(near) = known.iter().max_by(|a, b| {
                strsim::jaro_winkler(name, a).total_cmp(&strsim::jaro_winkler(name, b))
            }) && strsim::jaro_winkler(name, near) > 0.8
            {
                d = d.with_hint(format!("возможно, имелось в виду `${{{near}}}`"));
            }
            d.with_hint(format!("столбцы таблицы: {}", known.join(", ")))
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let order = &mut source.order;
    let spanned = |v: &String| Spanned::new(v.clone(), Location::UNKNOWN, Location::UNKNOWN);
    if let Some(v) = m.values.get("authority") {
        order.authority = v.clone();
    }
    if let Some(v) = m.values.get("authority_genitive") {
        order.authority_genitive = v.clone();
    }
    if let Some(v) = m.values.get("date") {
        order.date = spanned(v);
    }
    if let Some(v) = m.values.get("number") {
        order.number = spanned(v);
    }
    Ok(())
}

/// Every `${name}` in the text with its position.
fn placeholders(text: &str) -> impl Iterator<Item = (&str, Pos)> {
    text.lines().enumerate().flat_map(|(i, line)| {
        line.match_indices("${").filter_map(move |(at, _)| {
            let rest = &line[at + 2..];
            let end = rest.find('}')?;
            let column = line[..at].chars().count() as u32 + 1;
            Some((rest[..end].trim(), Pos::new(i as u32 + 1, column)))
        })
    })
}

/// Replaces every `${column}` in the context's texts with the row's value, typeset like any
/// other text. The context is walked as JSON, so no field of it can be forgotten.
pub fn substitute(resolved: Resolved, m: &Municipality) -> Result<Resolved, Vec<Diagnostic>> {
    fn walk(v: &mut serde_json::Value, m: &Municipality) {
        match v {
            serde_json::Value::String(s) if s.contains("${") => {
                for (k, value) in &m.values {
                    *s = s.replace(&format!("${{{k}}}"), &typeset(value));
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|i| walk(i, m)),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(|f| walk(f, m)),
            _ => {}
        }
    }
    let internal = |e: serde_json::Error| {
        vec![Diagnostic::error(
            Pos::default(),
            "",
            format!("внутренняя ошибка подстановки: {e}"),
        )]
    };
    let mut value = serde_json::to_value(&resolved).map_err(internal)?;
    walk(&mut value, m);
    serde_json::from_value(value).map_err(internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_semicolons_and_bom_is_read() {
        let t = "\u{feff}name;authority;number\nЕршичский район;Отдел по образованию;159\nг. Калуга;Управление;7\n";
        let rows = load_table(t.as_bytes(), false).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name(), "Ершичский район");
        assert_eq!(rows[1].values["number"], "7");
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn yaml_table_is_read() {
        let t = "- name: Ершичский район\n  number: \"159\"\n- name: г. Калуга\n";
        let rows = load_table(t.as_bytes(), true).unwrap();
        assert_eq!(rows[1].name(), "г. Калуга");
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn duplicate_and_missing_names_are_errors_with_their_lines() {
        let t = "name,number\nКалуга,1\n,2\nкалуга,3\n";
        let errs = load_table(t.as_bytes(), false).unwrap_err();
        let msgs: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "3:1: name: у муниципалитета нет названия".to_string(),
                "4:1: name: муниципалитет «калуга» уже есть в строке 2: у файлов совпали бы имена"
                    .to_string(),
            ]
        );
    }

    #[test]
    fn placeholders_are_found_with_their_positions() {
        let found: Vec<_> = placeholders("a: ${name}\n  b: x ${ coordinator } ${x").collect();
        assert_eq!(
            found,
            vec![("name", Pos::new(1, 4)), ("coordinator", Pos::new(2, 8))]
        );
    }

    #[test]
    fn a_bad_order_date_in_the_table_is_reported_at_its_row() {
        let t = "name,date\nКалуга,2023-02-30\n";
        let errs = load_table(t.as_bytes(), false).unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "2:1: date: «2023-02-30» — не дата приказа"
        );
    }

    #[test]
    fn a_row_with_too_many_values_is_an_error() {
        let t = "name,number\nКалуга,1,лишнее\n";
        let errs = load_table(t.as_bytes(), false).unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "2:1: в строке 3 значений, а в заголовке 2 столбцов"
        );
    }
}
