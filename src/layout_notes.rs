//! Warnings about what layout could not do as the document asked, placed in the source.
//!
//! Layout knows nothing of the source: it reports a header too tall to repeat by its text. The
//! text came from the source, so its first occurrence there is where the user can fix it; when
//! the source does not hold it verbatim (a title folded over lines, a custom template), the
//! warning has no position but still names the column by its title.

use crate::diag::{Diagnostic, Pos};
use crate::layout::TallHeader;

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
