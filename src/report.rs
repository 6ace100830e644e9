//! Diagnostics as text for a person: what `check` prints, and the messages of a batch summary.
//!
//! ```text
//! samples/x.yaml:12:15: appendix.stages[0].items[3].deadline: «2023-02-30» — такой даты нет
//!    12 |           deadline: 2023-02-30
//!       |                     ^
//!   подсказка: …
//! ```
//!
//! The first line is `FILE:LINE:COL: PATH: MESSAGE` (editors and terminals jump to
//! `FILE:LINE:COL`); a warning has `предупреждение:` after the position. Then the source line
//! with a caret under the column, then one `  подсказка:` line per hint. Plain text, no colour,
//! so the output is the same in a terminal, a log and a test.

use crate::diag::{Diagnostic, Severity};

/// Diagnostics of one file as the summary and the report list them: one string each, without
/// the final newline.
pub fn messages(file: &str, source: Option<&[u8]>, diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| render(file, source, d).trim_end().to_string())
        .collect()
}

/// One diagnostic as text, ending with a newline.
pub fn render(file: &str, source: Option<&[u8]>, d: &Diagnostic) -> String {
    // A diagnostic about another file (a template, a font) names it; the source is not shown.
    let (file, source) = match &d.file {
        Some(other) => (other.as_str(), None),
        None => (file, source),
    };
    let mut out = String::from(file);
    if d.pos.line > 0 {
        out.push_str(&format!(":{}:{}", d.pos.line, d.pos.column));
    }
    out.push_str(": ");
    if d.severity == Severity::Warning {
        out.push_str("предупреждение: ");
    }
    if !d.path.is_empty() {
        out.push_str(&d.path);
        out.push_str(": ");
    }
    out.push_str(&d.message);
    out.push('\n');
    if let Some(line) = source.and_then(|s| source_line(s, d.pos.line)) {
        out.push_str(&snippet(&line, d.pos.line, d.pos.column));
    }
    for hint in &d.hints {
        out.push_str(&format!("  подсказка: {hint}\n"));
    }
    out
}

/// The 1-based `line` of the source, decoded leniently (the file may be the one that is not
/// UTF-8), without its line end and BOM; control characters other than tabs are made visible.
fn source_line(source: &[u8], line: u32) -> Option<String> {
    if line == 0 {
        return None;
    }
    let raw = source.split(|&b| b == b'\n').nth(line as usize - 1)?;
    let text = String::from_utf8_lossy(raw);
    let text = text.trim_start_matches('\u{FEFF}').trim_end_matches('\r');
    Some(
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\t' {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// The quoted line with a caret under `column` (1-based, in characters). Tabs before the caret
/// are kept as tabs so the caret lines up whatever the terminal's tab width.
fn snippet(line: &str, number: u32, column: u32) -> String {
    let gutter = number.to_string().len().max(3);
    let mut out = format!("{:>w$} | {}\n", number, line.trim_end(), w = gutter + 1);
    if column > 0 {
        let pad: String = line
            .chars()
            .take(column as usize - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        out.push_str(&format!("{:>w$} | {pad}^\n", "", w = gutter + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    #[test]
    fn first_line_is_file_position_path_message_then_caret_and_hints() {
        let source = "order:\n  date: 2023-02-30\n".as_bytes();
        let d = Diagnostic::error(
            Pos::new(2, 9),
            "order.date",
            "«2023-02-30» — такой даты нет",
        )
        .with_hint("в феврале 2023 года 28 дней");
        assert_eq!(
            render("x.yaml", Some(source), &d),
            "x.yaml:2:9: order.date: «2023-02-30» — такой даты нет\n\
             \x20  2 |   date: 2023-02-30\n\
             \x20    |         ^\n\
             \x20 подсказка: в феврале 2023 года 28 дней\n"
        );
    }

    #[test]
    fn warning_is_marked_and_unknown_position_is_omitted() {
        let d = Diagnostic::warning(Pos::default(), "", "срок вне периода");
        assert_eq!(
            render("x.yaml", None, &d),
            "x.yaml: предупреждение: срок вне периода\n"
        );
    }

    #[test]
    fn caret_keeps_tabs_and_counts_characters() {
        let d = Diagnostic::error(Pos::new(1, 4), "", "м");
        let text = render("x.yaml", Some("\tаб: в".as_bytes()), &d);
        assert!(text.ends_with("   1 | \tаб: в\n     | \t  ^\n"), "{text:?}");
    }
}
