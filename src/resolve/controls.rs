//! Invisible control characters in values: removed, each field with a warning.
//!
//! The file itself cannot hold them (`source::bytes` refuses a raw one), but a YAML escape can
//! (`"\x01"`, `"\v"`, `"\uFFFF"`), and so can a municipality table. Downstream they would break
//! the page description (XML has no place for them) with a message about a generated line.
//!
//! Removed with a warning rather than refused: they are invisible in the editor and print as
//! nothing, so the document without them is the document the user read and signs, and a
//! regional batch is not stopped by a character no one can see. The warning names the field,
//! the character and its code, so the source can be cleaned. Word writes a line break inside a
//! paragraph (Shift+Enter) as U+000B; its hint says how to get that break back.
//!
//! This runs in `resolve` after the table's values are put in, on every text of the model
//! ([`super::texts`]); every text of the template context is made from those texts or by the
//! program, so no control character reaches a template.

use super::texts::{self, Place};
use crate::diag::Diagnostic;
use crate::source::Source;

/// Whether a character must not reach a document: C0 and C1 controls and DEL except tab and
/// line feed, and the Unicode noncharacters (U+FDD0–U+FDEF, U+FFFE and U+FFFF of each plane).
pub fn is_forbidden(c: char) -> bool {
    let code = c as u32;
    (c.is_control() && c != '\t' && c != '\n')
        || (0xFDD0..=0xFDEF).contains(&code)
        || code & 0xFFFE == 0xFFFE
}

/// Removes forbidden characters from every text of the source; one warning per field.
pub fn remove(source: &mut Source) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    texts::for_each(source, &mut |place: &Place, text: &mut String| {
        if !text.chars().any(is_forbidden) {
            return;
        }
        let mut found: Vec<char> = Vec::new();
        text.retain(|c| {
            if !is_forbidden(c) {
                return true;
            }
            if !found.contains(&c) {
                found.push(c);
            }
            false
        });
        warnings.push(warning(place, &found));
    });
    warnings
}

fn warning(place: &Place, found: &[char]) -> Diagnostic {
    let codes = found
        .iter()
        .map(|&c| format!("U+{:04X}", c as u32))
        .collect::<Vec<_>>()
        .join(", ");
    let message = match found.len() {
        1 => format!("в значении невидимый управляющий символ {codes}; он удалён"),
        _ => format!("в значении невидимые управляющие символы {codes}; они удалены"),
    };
    let mut d = Diagnostic::warning(*place.pos, place.path(), message).with_hint(
        "уберите такие символы из источника: они попадают в текст при копировании из другой \
         программы или из записи вроде \"\\x01\" и в документе не видны",
    );
    if found.contains(&'\u{b}') {
        d = d.with_hint(
            "U+000B — так Word записывает разрыв строки (Shift+Enter): если перенос здесь \
             нужен, начните в значении новую строку",
        );
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_noncharacters_are_forbidden_tab_and_line_feed_are_not() {
        for c in [
            '\u{1}',
            '\u{b}',
            '\r',
            '\u{7f}',
            '\u{85}',
            '\u{fdd0}',
            '\u{ffff}',
            '\u{10fffe}',
        ] {
            assert!(is_forbidden(c), "U+{:04X}", c as u32);
        }
        for c in ['\t', '\n', ' ', 'а', '\u{a0}', '\u{fffd}', '\u{2028}'] {
            assert!(!is_forbidden(c), "U+{:04X}", c as u32);
        }
    }
}
