//! One regional roadmap for every municipality: the table of municipalities and what each row
//! changes in the source.
//!
//! A row's `authority`, `authority_genitive`, `date` and `number` replace the order's; every
//! column, these included, can be quoted anywhere in the source's text as `${column}`
//! (`${name}`, `${coordinator}`). The table is CSV (a header row, comma or semicolon separated,
//! as Excel saves it) or YAML (a list of mappings). `name` is required and unique: output file
//! names are made from it.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Pos};

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
    fn a_row_with_too_many_values_is_an_error() {
        let t = "name,number\nКалуга,1,лишнее\n";
        let errs = load_table(t.as_bytes(), false).unwrap_err();
        assert_eq!(
            errs[0].to_string(),
            "2:1: в строке 3 значений, а в заголовке 2 столбцов"
        );
    }
}
