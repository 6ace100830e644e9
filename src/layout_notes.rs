//! Warnings about what layout could not do as the document asked, placed in the source.
//!
//! Layout knows nothing of the source: it reports a header too tall to repeat by its text, and
//! draws a character no bundled font has as .notdef (glyph 0). The text came from the source, so its first occurrence there is where the user can fix it; when
//! the source does not hold it verbatim (a title folded over lines, a custom template), the
//! warning has no position but still names the column by its title.

use crate::diag::{Diagnostic, Pos};
use std::collections::BTreeSet;

use crate::layout::{Page, TallHeader};

/// Millimetres in a point.
const MM_PER_PT: f32 = 25.4 / 72.0;

/// The warning for a table header too tall to repeat on every page.
pub fn tall_header(header: &TallHeader, source: &str) -> Diagnostic {
    let mm = |pt: f32| (pt * MM_PER_PT).round();
    let message = format!(
        "шапка таблицы выше страницы: заголовок столбца {} «{}» в столбце шириной {} мм занимает \
         {} строк, и шапка ({} мм) с первой строкой таблицы не помещается на странице ({} мм \
         под текст); шапка напечатана один раз и перенесена по страницам как обычная строка, \
         а не повторяется на каждой странице",
        header.column + 1,
        header.title,
        mm(header.width),
        header.lines,
        mm(header.height),
        mm(header.body),
    );
    Diagnostic::warning(find(source, &header.title), "", message)
        .with_hint("расширьте этот столбец (width) или сократите его заголовок")
}

/// Warnings for the characters no bundled font draws, in the order they first appear on the
/// pages: one per source line, at the first of them on that line (characters not found in the
/// source, from a template, share one warning without a position).
pub fn missing_glyphs(pages: &[Page], source: &str) -> Vec<Diagnostic> {
    let mut seen = BTreeSet::new();
    let mut by_line: Vec<(Pos, Vec<char>)> = Vec::new();
    let missing = pages
        .iter()
        .flat_map(Page::glyph_runs)
        .flat_map(|run| &run.glyphs)
        .filter(|g| g.id == 0 && !g.ch.is_control() && !g.ch.is_whitespace())
        .map(|g| g.ch);
    for ch in missing {
        if !seen.insert(ch) {
            continue;
        }
        let pos = find(source, ch.encode_utf8(&mut [0; 4]));
        match by_line.iter_mut().find(|(p, _)| p.line == pos.line) {
            Some((_, chars)) => chars.push(ch),
            None => by_line.push((pos, vec![ch])),
        }
    }
    by_line
        .into_iter()
        .map(|(pos, chars)| {
            let list: Vec<String> = chars
                .iter()
                .map(|ch| format!("«{ch}» (U+{:04X})", u32::from(*ch)))
                .collect();
            let message = format!(
                "во встроенных шрифтах нет {} {}: в PDF на {} месте будет пустое место (в тексте \
                 PDF, при копировании и поиске, символы сохранятся); в DOCX они останутся, и \
                 Word или LibreOffice покажут их шрифтом, найденным в системе",
                if chars.len() == 1 { "символа" } else { "символов" },
                list.join(", "),
                if chars.len() == 1 { "его" } else { "их" },
            );
            Diagnostic::warning(pos, "", message)
                .with_hint("замените символ похожим из кириллицы, латиницы или обычных знаков, либо уберите его")
        })
        .collect()
}

/// Where `text` first occurs in the source, if it does (no position otherwise).
pub fn find(source: &str, text: &str) -> Pos {
    if text.is_empty() {
        return Pos::default();
    }
    source
        .find(text)
        .map_or_else(Pos::default, |at| Pos::at_offset(source, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> TallHeader {
        TallHeader {
            column: 4,
            width: 8.5,
            title: "Отметка о выполнении".into(),
            lines: 40,
            height: 900.0,
            body: 728.0,
        }
    }

    #[test]
    fn the_warning_names_the_column_and_its_place_in_the_source() {
        let source = "columns:\n  - { key: mark, title: Отметка о выполнении, width: 2 }\n";
        let d = tall_header(&header(), source);
        assert!(!d.is_error());
        assert_eq!(d.pos, Pos::new(2, 25));
        assert!(
            d.message.contains("столбца 5 «Отметка о выполнении»"),
            "{}",
            d.message
        );
        assert!(
            d.message.contains("шириной 3 мм занимает 40 строк"),
            "{}",
            d.message
        );
        assert!(d.hints[0].contains("расширьте"));
        // A title the source does not hold verbatim: no position, the title still named.
        let d = tall_header(&header(), "title: >\n  Отметка о\n  выполнении\n");
        assert_eq!(d.pos, Pos::default());
        assert!(d.message.contains("«Отметка о выполнении»"));
    }
}
