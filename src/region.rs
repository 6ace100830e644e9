//! One regional roadmap for every municipality: the table of municipalities and what each row
//! changes in the source.
//!
//! A row's `authority`, `authority_genitive`, `date` and `number` replace the order's; every
//! column, these included, can be quoted anywhere in the source's text as `${column}`
//! (`${name}`, `${coordinator}`). The table is CSV (a header row, comma or semicolon separated,
//! as Excel saves it) or YAML (a list of mappings). `name` is required and unique: output file
//! names are made from it.
//!
//! A table that cannot be read at all is an error of the whole table. A fault in one row (no
//! name, a repeated name, a wrong date, a value too many) stays with that row: its document is
//! not made and the summary says why, while every other municipality's document is.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Pos};
use crate::resolve::dates::{DateError, parse_exact_date};
use crate::source::bytes::looks_like_windows_1251;

/// Columns that replace fields of the order.
pub const ORDER_COLUMNS: &[&str] = &["authority", "authority_genitive", "date", "number"];

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    /// Line of the row in the table file, for messages.
    pub line: u32,
    /// Column → value; has `name` unless the row is faulty.
    pub values: BTreeMap<String, String>,
    /// Column → where its value stands in the table file, so that a message points at it.
    pub positions: BTreeMap<String, Pos>,
    /// What is wrong with this row; its document is not made when this is not empty.
    pub errors: Vec<Diagnostic>,
}

impl Municipality {
    fn new(line: u32) -> Municipality {
        Municipality {
            line,
            values: BTreeMap::new(),
            positions: BTreeMap::new(),
            errors: Vec::new(),
        }
    }

    /// Takes a column's value (left out when empty) and where it stands.
    fn set(&mut self, column: &str, value: &str, pos: Pos) {
        let value = value.trim();
        if !value.is_empty() {
            self.values.insert(column.to_string(), value.to_string());
            self.positions.insert(column.to_string(), pos);
        }
    }

    /// Where a column's value stands, or the row's start when it has none.
    fn pos_of(&self, column: &str) -> Pos {
        self.positions
            .get(column)
            .cloned()
            .unwrap_or(Pos::new(self.line, 1))
    }

    pub fn name(&self) -> &str {
        self.values.get("name").map(String::as_str).unwrap_or("")
    }

    /// How the row is named to the user: its name, or its line when it has none.
    pub fn label(&self) -> String {
        match self.name() {
            "" => format!("строка {}", self.line),
            name => name.to_string(),
        }
    }
}

/// The formats a municipality table may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// CSV, comma- or semicolon-separated, UTF-8 or Windows-1251.
    Csv,
    /// A YAML list of records, UTF-8.
    Yaml,
    /// An Excel workbook: the first sheet, the first non-empty row its header.
    Xlsx,
}

impl TableFormat {
    /// By the file's extension (`.yaml`/`.yml`, `.xlsx`/`.xlsm`); a workbook under another name
    /// is known by its bytes (a ZIP). Anything else is read as CSV.
    pub fn of(file_name: &str, bytes: &[u8]) -> TableFormat {
        let ext = std::path::Path::new(file_name)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase());
        match ext.as_deref() {
            Some("yaml" | "yml") => TableFormat::Yaml,
            Some("xlsx" | "xlsm") => TableFormat::Xlsx,
            _ if bytes.starts_with(b"PK\x03\x04") => TableFormat::Xlsx,
            _ => TableFormat::Csv,
        }
    }
}

/// The table as UTF-8 text, to quote a faulty value's line in a message: a CSV decoded as it
/// was read (Windows-1251 too), a YAML table as it is; a workbook has no lines to quote, so
/// nothing (its bytes would reach the terminal as noise).
pub fn quotable(bytes: &[u8], format: TableFormat) -> Vec<u8> {
    match format {
        TableFormat::Xlsx => Vec::new(),
        TableFormat::Yaml | TableFormat::Csv => table_text(bytes, format == TableFormat::Yaml)
            .map_or_else(|_| bytes.to_vec(), |t| t.into_owned().into_bytes()),
    }
}

/// Reads the table. Rows with nothing in them (Excel saves `;;;;` for an empty row) are left
/// out.
pub fn load_table(bytes: &[u8], format: TableFormat) -> Result<Vec<Municipality>, Vec<Diagnostic>> {
    let mut rows = match format {
        TableFormat::Xlsx => xlsx_rows(bytes)?,
        TableFormat::Yaml => yaml_rows(table_text(bytes, true)?.as_ref())?,
        TableFormat::Csv => csv_rows(table_text(bytes, false)?.as_ref())?,
    };
    rows.retain(|row| !row.values.is_empty() || !row.errors.is_empty());
    if rows.is_empty() {
        return Err(vec![Diagnostic::error(
            Pos::default(),
            "",
            "в таблице нет ни одного муниципалитета",
        )]);
    }
    check_rows(&mut rows);
    Ok(rows)
}

/// The table's text. A CSV that is not UTF-8 but reads as Russian text in Windows-1251, as
/// Russian Excel saves «CSV (разделители — запятые)», is decoded from it (one byte a character,
/// so lines and columns in messages stay those of the file); the same check tells the source
/// loader's «похоже, он сохранён в Windows-1251». A YAML table must be UTF-8, as sources are.
fn table_text(bytes: &[u8], yaml: bool) -> Result<std::borrow::Cow<'_, str>, Vec<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.into()),
        Err(e) if !yaml && looks_like_windows_1251(&bytes[e.valid_up_to()..]) => {
            let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
            Ok(text)
        }
        Err(e) => Err(vec![
            Diagnostic::error(
                Pos::default(),
                "",
                format!(
                    "файл не в кодировке UTF-8 (байт {} не читается)",
                    e.valid_up_to() + 1
                ),
            )
            .with_hint("сохраните таблицу в кодировке UTF-8 (в Excel: «CSV UTF-8»)"),
        ]),
    }
}

/// The rows of a workbook's first sheet: the first non-empty row names the columns, as a CSV's
/// header does; a value's position is its row and column in Excel («строка 3, столбец 4»).
fn xlsx_rows(bytes: &[u8]) -> Result<Vec<Municipality>, Vec<Diagnostic>> {
    let cells = crate::import::sheet::first_sheet_cells(bytes).map_err(|failure| {
        let mut d = Diagnostic::error(Pos::default(), "", failure.message);
        d.hints = failure.hints;
        vec![d]
    })?;
    let Some(((_, header), rows)) = cells.split_first() else {
        return Ok(Vec::new());
    };
    let columns: BTreeMap<u32, String> = header
        .iter()
        .map(|(c, name)| (*c, name.trim().to_string()))
        .collect();
    let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
    for (c, name) in &columns {
        if let Some(first) = seen.insert(name, *c) {
            return Err(vec![
                Diagnostic::error(
                    Pos::new(cells[0].0, *c),
                    "",
                    format!(
                        "столбец `{name}` в заголовке таблицы повторяется (столбцы {first} и {c})"
                    ),
                )
                .with_hint("у каждого столбца своё название; удалите или переименуйте повторный"),
            ]);
        }
    }
    Ok(rows
        .iter()
        .map(|(line, values)| {
            let mut row = Municipality::new(*line);
            for (c, value) in values {
                match columns.get(c) {
                    Some(column) => row.set(column, value, Pos::new(*line, *c)),
                    None => row.errors.push(
                        Diagnostic::error(
                            Pos::new(*line, *c),
                            "",
                            format!("значение в столбце {c}, у которого нет названия в заголовке"),
                        )
                        .with_hint(
                            "впишите название столбца в первую строку листа или удалите значение",
                        ),
                    ),
                }
            }
            row
        })
        .collect())
}

fn csv_rows(text: &str) -> Result<Vec<Municipality>, Vec<Diagnostic>> {
    // Excel in a Russian locale saves CSV with semicolons; take whichever the header uses.
    let header = text.lines().next().unwrap_or("");
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    // Flexible: a row with a value too many or too few is that row's fault, told below.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => return Err(vec![csv_error(&e)]),
    };
    if let Some(d) = repeated_column(text, &headers, delimiter) {
        return Err(vec![d]);
    }
    Ok(reader
        .records()
        .map(|record| match record {
            Ok(r) => {
                let (line, start) = r
                    .position()
                    .map_or((0, 0), |p| (p.line() as u32, p.byte() as usize));
                let starts = field_starts(text, start, r.len(), delimiter);
                // The position of the value that begins at `at`: the record begins a line.
                let pos = |at: usize| {
                    let p = Pos::at_offset(&text[start..], at - start);
                    Pos::new(line + p.line - 1, p.column)
                };
                let mut row = Municipality::new(line);
                for ((column, value), &at) in headers.iter().zip(r.iter()).zip(&starts) {
                    row.set(column, value, pos(at));
                }
                if r.len() != headers.len() && r.iter().any(|v| !v.trim().is_empty()) {
                    // A value too many is pointed at; a value too few, at the row.
                    let at = starts
                        .get(headers.len())
                        .map_or(Pos::new(line, 1), |&at| pos(at));
                    row.errors.push(row_shape_error(at, r.len(), headers.len()));
                }
                row
            }
            Err(e) => {
                let mut row = Municipality::new(e.position().map_or(0, |p| p.line() as u32));
                row.errors.push(csv_error(&e));
                row
            }
        })
        .collect())
}

/// Byte offsets in `text` where each of the first `count` fields of the record that begins at
/// `start` begins. The csv crate gives a record's position but not its fields'; csv-core, the
/// parser under it, tells how many bytes each field took, quotes and all.
fn field_starts(text: &str, start: usize, count: usize, delimiter: u8) -> Vec<usize> {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut unescaped = [0u8; 1024];
    let mut at = start;
    let mut starts = vec![at];
    while starts.len() < count {
        let (result, read, _) = reader.read_field(&text.as_bytes()[at..], &mut unescaped);
        at += read;
        match result {
            csv_core::ReadFieldResult::Field { record_end: false } => starts.push(at),
            csv_core::ReadFieldResult::OutputFull => {}
            _ => break,
        }
    }
    starts
}

/// A column named twice in the header: its values would silently replace each other. Columns
/// without a name (Excel's trailing `;;;`) are not compared.
fn repeated_column(text: &str, headers: &[String], delimiter: u8) -> Option<Diagnostic> {
    let again = (1..headers.len())
        .find(|&i| !headers[i].is_empty() && headers[..i].contains(&headers[i]))?;
    let first = headers
        .iter()
        .position(|h| *h == headers[again])
        .unwrap_or(0);
    let starts = field_starts(text, 0, headers.len(), delimiter);
    let pos = starts
        .get(again)
        .map_or(Pos::new(1, 1), |&at| Pos::at_offset(text, at));
    Some(
        Diagnostic::error(
            pos,
            "",
            format!(
                "столбец `{}` в заголовке таблицы повторяется (столбцы {} и {})",
                headers[again],
                first + 1,
                again + 1
            ),
        )
        .with_hint("у каждого столбца своё название; удалите или переименуйте повторный"),
    )
}

fn row_shape_error(at: Pos, len: usize, columns: usize) -> Diagnostic {
    Diagnostic::error(
        at,
        "",
        format!("значений в строке: {len}, а столбцов в заголовке: {columns}"),
    )
    .with_hint(
        "в каждой строке столько значений, сколько столбцов в заголовке; \
         разделитель внутри значения берётся в кавычки: \"Иванов И.И.; Петров П.П.\"",
    )
}

fn csv_error(e: &csv::Error) -> Diagnostic {
    let line = e.position().map(|p| p.line() as u32).unwrap_or(0);
    Diagnostic::error(
        Pos::new(line, 1),
        "",
        format!("таблица не читается как CSV: {e}"),
    )
    .with_hint(
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
        .map(|row| {
            let mut m = Municipality::new(Pos::of(&row).line);
            for (column, value) in &row.value {
                m.set(column, &value.value, Pos::of(value));
            }
            m
        })
        .collect())
}

/// Finds each row's faults: no name, a wrong order date, a name that would give the file of an
/// earlier row.
fn check_rows(rows: &mut [Municipality]) {
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for row in rows {
        if !row.errors.is_empty() {
            continue;
        }
        let name = row.name().to_string();
        if name.is_empty() {
            row.errors.push(
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
            && let Err(e) = parse_exact_date(date)
        {
            // A date of the wrong form is «не дата»; a real date the calendar lacks, or one
            // outside the years a source may hold, says so with its own hint.
            let (message, hint) = match e {
                DateError::Malformed { .. } => (
                    format!("«{date}» — не дата приказа"),
                    "дата пишется как ГГГГ-ММ-ДД или ДД.ММ.ГГГГ, например 2023-10-30 или 30.10.2023".to_string(),
                ),
                e => (format!("дата приказа {e}"), e.hint()),
            };
            row.errors
                .push(Diagnostic::error(row.pos_of("date"), "date", message).with_hint(hint));
        }
        // Names that differ only in case or forbidden characters would write the same file.
        let key = crate::naming::file_stem(&name).to_lowercase();
        let first = *seen.entry(key).or_insert(row.line);
        if first != row.line {
            row.errors.push(
                Diagnostic::error(
                    row.pos_of("name"),
                    "name",
                    format!(
                        "муниципалитет «{name}» уже есть в строке {first}: у файлов совпали бы имена"
                    ),
                )
                .with_hint("названия муниципалитетов в таблице не повторяются"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_semicolons_and_bom_is_read() {
        let t = "\u{feff}name;authority;number\nЕршичский район;Отдел по образованию;159\nг. Калуга;Управление;7\n";
        let rows = load_table(t.as_bytes(), TableFormat::Csv).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name(), "Ершичский район");
        assert_eq!(rows[1].values["number"], "7");
        assert_eq!(rows[1].line, 3);
    }

    /// Issue 25, item 4: Russian Excel saves «CSV (разделители — запятые)» in Windows-1251.
    #[test]
    fn csv_saved_by_russian_excel_in_windows_1251_is_read_as_in_utf8() {
        let utf8 = "name;authority;date;number\nЕршичский район;Отдел образования «Ёлки» №1;30.10.2023;159\nг. Калуга;Управление;2023-11-31;7\n";
        let (cp1251, _, lossy) = encoding_rs::WINDOWS_1251.encode(utf8);
        assert!(!lossy && std::str::from_utf8(&cp1251).is_err());
        let read = load_table(&cp1251, TableFormat::Csv).unwrap();
        assert_eq!(read, load_table(utf8.as_bytes(), TableFormat::Csv).unwrap());
        assert_eq!(read[0].values["authority"], "Отдел образования «Ёлки» №1");
        // The faulty date is pointed at where it stands in the file.
        assert_eq!(read[1].errors[0].pos, Pos::new(3, 22));
        // A YAML table, like a source, must be UTF-8.
        let yaml = encoding_rs::WINDOWS_1251.encode("- name: г. Калуга\n").0;
        assert!(load_table(&yaml, TableFormat::Yaml).is_err());
        // Bytes that are neither are refused, not guessed.
        assert!(load_table(b"name\n\x81\x83\x98\x81\n", TableFormat::Csv).is_err());
    }

    #[test]
    fn yaml_table_is_read() {
        let t = "- name: Ершичский район\n  number: \"159\"\n- name: г. Калуга\n";
        let rows = load_table(t.as_bytes(), TableFormat::Yaml).unwrap();
        assert_eq!(rows[1].name(), "г. Калуга");
        assert_eq!(rows[1].line, 3);
    }

    /// The faults of each row of a table that loads, as the user reads them.
    fn row_errors(table: &str, format: TableFormat) -> Vec<Vec<String>> {
        load_table(table.as_bytes(), format)
            .unwrap()
            .iter()
            .map(|r| r.errors.iter().map(|d| d.to_string()).collect())
            .collect()
    }

    #[test]
    fn duplicate_and_missing_names_are_faults_of_their_rows_only() {
        let t = "name,number\nКалуга,1\n,2\nкалуга,3\nТула,4\nКАЛУГА,5\n";
        let rows = load_table(t.as_bytes(), TableFormat::Csv).unwrap();
        assert_eq!(
            row_errors(t, TableFormat::Csv),
            vec![
                vec![],
                vec!["3:1: name: у муниципалитета нет названия".to_string()],
                vec![
                    "4:1: name: муниципалитет «калуга» уже есть в строке 2: у файлов совпали бы имена"
                        .to_string()
                ],
                vec![],
                vec![
                    "6:1: name: муниципалитет «КАЛУГА» уже есть в строке 2: у файлов совпали бы имена"
                        .to_string()
                ],
            ]
        );
        assert_eq!(rows[1].label(), "строка 3");
    }

    #[test]
    fn empty_rows_as_excel_saves_them_are_left_out() {
        let t = "name;number\nКалуга;1\n;\n;;\n";
        let rows = load_table(t.as_bytes(), TableFormat::Csv).unwrap();
        assert_eq!(rows.len(), 1);
        assert!(rows[0].errors.is_empty());
    }

    #[test]
    fn a_table_with_no_municipality_is_an_error_of_the_table() {
        let errs = load_table("name;number\n;\n".as_bytes(), TableFormat::Csv).unwrap_err();
        assert_eq!(errs[0].message, "в таблице нет ни одного муниципалитета");
    }

    #[test]
    fn a_bad_order_date_in_the_table_is_reported_at_its_row() {
        let t =
            "name,date\nКалуга,2023-02-30\nТула,2023-02-28\nОрёл,1850-01-01\nТверь,30/10/2023\n";
        assert_eq!(
            row_errors(t, TableFormat::Csv),
            vec![
                vec!["2:8: date: дата приказа «2023-02-30» — такой даты нет".to_string()],
                vec![],
                vec![
                    "4:6: date: дата приказа «1850-01-01» — год 1850 вне допустимых 1900–2100"
                        .to_string()
                ],
                vec!["5:7: date: «30/10/2023» — не дата приказа".to_string()],
            ]
        );
    }

    #[test]
    fn a_message_points_at_its_value_past_quotes_and_cyrillic() {
        // The quoted name holds the delimiter and a quote; columns count characters.
        let t = "name;coordinator;date\n\"Район \"\"Южный\"\"; N\";Иванова А.А.;2023-13-01\n";
        let rows = load_table(t.as_bytes(), TableFormat::Csv).unwrap();
        assert_eq!(rows[0].name(), "Район \"Южный\"; N");
        assert_eq!(rows[0].positions["coordinator"], Pos::new(2, 22));
        assert_eq!(
            row_errors(t, TableFormat::Csv),
            vec![vec![
                "2:35: date: дата приказа «2023-13-01» — такой даты нет".to_string()
            ]]
        );

        let t = "- name: Калуга\n  date: 2023-13-01\n";
        assert_eq!(
            row_errors(t, TableFormat::Yaml),
            vec![vec![
                "2:9: date: дата приказа «2023-13-01» — такой даты нет".to_string()
            ]]
        );
    }

    #[test]
    fn a_row_with_too_many_values_is_a_fault_of_that_row() {
        let t = "name,number\nКалуга,1,лишнее\nТула,2\n";
        assert_eq!(
            row_errors(t, TableFormat::Csv),
            vec![
                vec!["2:10: значений в строке: 3, а столбцов в заголовке: 2".to_string()],
                vec![]
            ]
        );
    }
}
