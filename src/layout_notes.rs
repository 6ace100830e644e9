//! Warnings about what pagination could not do as the document asked, placed in the source.
//!
//! Layout knows nothing of the source: it reports a header too tall to repeat, a row taller
//! than a page, a value out of range, and draws a character no bundled font has as .notdef
//! (glyph 0). Each of these belongs to a part of the IR, which remembers where it came from
//! ([`ir::Origin`]): the place in the source that the page description names for it (the
//! templates name the source's stage, item, part or column of each row and header cell). When
//! it names none (a custom template that does not), the warning goes where the source first
//! holds the text in question; when the source does not hold it verbatim either, it has no
//! position but still names what it is about.

use crate::diag::{Diagnostic, Pos};
use std::collections::BTreeSet;

use crate::ir;
use crate::layout::{Page, TallHeader};
use crate::paginate::Paginated;

/// Every warning about a paginated document; `source` is the source's text.
pub fn warnings(paginated: &Paginated, source: &str) -> Vec<Diagnostic> {
    let decisions = &paginated.decisions;
    let mut warnings: Vec<Diagnostic> = decisions
        .tall_headers
        .iter()
        .map(|(_, header)| tall_header(header, source))
        .collect();
    warnings.extend(decisions.split_anyway.iter().filter_map(|&at| {
        let row = paginated.document.row(at)?;
        Some(row_split(row, source))
    }));
    warnings.extend(decisions.clamped.iter().map(clamped));
    warnings.extend(missing_glyphs(
        &paginated.pages,
        &paginated.document,
        source,
    ));
    warnings
}

/// Where what came from `origin` stands in the source: where the source holds `text` first
/// from the place the page description names (the item or column it belongs to), else that
/// place; without one, where the source first holds `text`.
fn place(origin: ir::Origin, source: &str, text: &str) -> Pos {
    let Some(named) = origin.source else {
        return find(source, text);
    };
    let Some(start) = offset_of(source, named) else {
        return named;
    };
    match (text.is_empty(), source[start..].find(text)) {
        (false, Some(at)) => Pos::at_offset(source, start + at),
        _ => named,
    }
}

/// The byte offset of a line and column (in characters, both from 1) in `source`.
fn offset_of(source: &str, pos: Pos) -> Option<usize> {
    let line_start = match pos.line {
        0 => return None,
        1 => 0,
        n => source.match_indices('\n').nth(n as usize - 2)?.0 + 1,
    };
    let line = &source[line_start..];
    let column = (pos.column as usize).saturating_sub(1);
    let within = line
        .char_indices()
        .nth(column)
        .map_or(line.len(), |(at, _)| at);
    Some(line_start + within)
}

/// The text of a paragraph, for finding it in the source.
fn first_text(paragraphs: &[ir::Paragraph]) -> &str {
    paragraphs
        .iter()
        .flat_map(|p| &p.inlines)
        .find_map(|i| match i {
            ir::Inline::Text(t) if !t.text.trim().is_empty() => Some(t.text.as_str()),
            _ => None,
        })
        .unwrap_or("")
}

/// The warning for a row that must not break across pages but is taller than a page.
fn row_split(row: &ir::Row, source: &str) -> Diagnostic {
    let cells: Vec<ir::Paragraph> = row
        .cells
        .iter()
        .flat_map(|c| c.paragraphs.iter().cloned())
        .collect();
    let text = first_text(&cells);
    let quoted: String = text.chars().take(40).collect();
    let message = format!(
        "строка таблицы «{quoted}{}» выше страницы: её нельзя было перенести на следующую \
         страницу целиком, и она разорвана между страницами",
        if text.chars().count() > 40 { "…" } else { "" }
    );
    Diagnostic::warning(place(row.origin, source, text), "", message)
        .with_hint("сократите текст этой строки или разделите его на части (parts)")
}

/// The warning for a value of the page description brought into its range.
fn clamped(c: &ir::limits::Clamped) -> Diagnostic {
    let number = |v: f32| match v.is_finite() {
        true => format!("{}", (v * 100.0).round() / 100.0).replace('.', ","),
        false => "не число".to_string(),
    };
    let page = c.origin.page;
    let at = match page.line {
        0 => String::new(),
        line => format!(
            " (описание страницы, строка {line}, столбец {})",
            page.column
        ),
    };
    let message = format!(
        "значение {} = {} пт вне допустимого и заменено на {} пт{at}",
        c.name,
        number(c.was),
        number(c.now)
    );
    Diagnostic::warning(c.origin.source.unwrap_or_default(), "", message)
        .with_hint("проверьте это значение в шаблоне (--templates)")
}

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
    Diagnostic::warning(place(header.origin, source, &header.title), "", message)
        .with_hint("расширьте этот столбец (width) или сократите его заголовок")
}

/// Warnings for the characters no bundled font draws, in the order they first appear on the
/// pages: one per source line, at the first paragraph holding them (characters from a
/// template's own text, found nowhere in the source, share one warning without a position).
pub fn missing_glyphs(pages: &[Page], doc: &ir::Document, source: &str) -> Vec<Diagnostic> {
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
        let text = ch.encode_utf8(&mut [0; 4]).to_string();
        let holder = doc.paragraphs().find(|p| {
            p.inlines
                .iter()
                .any(|i| matches!(i, ir::Inline::Text(t) if t.text.contains(ch)))
        });
        let pos = match holder {
            Some(p) => place(p.origin, source, &text),
            None => find(source, &text),
        };
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
            origin: ir::Origin::default(),
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
        // Where the page description names the column's place, the warning is there.
        let named = TallHeader {
            origin: ir::Origin {
                source: Some(Pos::new(9, 5)),
                ..Default::default()
            },
            ..header()
        };
        assert_eq!(tall_header(&named, source).pos, Pos::new(9, 5));
    }

    #[test]
    fn a_warning_goes_to_the_text_within_the_named_item_not_to_an_earlier_mention() {
        let source = "# «★» в комментарии\nitems:\n  - activity: Звезда ★ здесь\n";
        let item = ir::Origin {
            source: Some(Pos::new(3, 5)),
            ..Default::default()
        };
        assert_eq!(place(item, source, "★"), Pos::new(3, 22));
        // Without a named place: the first mention.
        assert_eq!(place(ir::Origin::default(), source, "★"), Pos::new(1, 4));
        // Text the item does not hold: the item itself.
        assert_eq!(place(item, source, "☐"), Pos::new(3, 5));
    }
}
