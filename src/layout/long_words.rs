//! Hyphenation points for words too wide for their table column.
//!
//! Tables are not hyphenated automatically: Word, LibreOffice and dorkarta each hyphenate with
//! patterns of their own, so a cell's lines, and with them the rows on a page, came out
//! differently in each (in the samples, 21 of 31 pages of our PDF held other words than
//! LibreOffice's rendering of the DOCX; without hyphenation, none). Without it, all three
//! break lines at spaces and dashes, the same way. A word wider than its whole column
//! («выполнении» under «Отметка о выполнении») would then be cut between two letters without
//! a hyphen; this pass puts soft hyphens (U+00AD) at such a word's hyphenation points into
//! the IR, before either writer sees it, so that every client breaks it at the same places.

use super::linebreak::{self, SOFT_HYPHEN, hyphenation_offsets};
use super::text::TextStyle;
use crate::fonts::Fonts;
use crate::ir::grid::Grid;
use crate::ir::{self, Inline};

/// Characters after which a line may break inside a word (as the line breaker has them).
const DASHES: [char; 3] = ['-', '–', '—'];

const NBSP: char = '\u{a0}';

/// Adds soft hyphens to every word of a table cell that is wider than the cell.
pub fn soften_long_words(fonts: &Fonts, doc: &mut ir::Document) {
    for section in &mut doc.sections {
        for block in &mut section.blocks {
            if let ir::Block::Table(table) = block {
                soften_table(fonts, table);
            }
        }
    }
}

fn soften_table(fonts: &Fonts, table: &mut ir::Table) {
    let places = Grid::of(table).places;
    let [_, pad_right, _, pad_left] = table.padding;
    let columns = &table.columns;
    for (row, places) in table.rows.iter_mut().zip(&places) {
        for (cell, place) in row.cells.iter_mut().zip(places) {
            let Some(widths) = columns.get(place.col..place.col + place.span) else {
                continue;
            };
            let inner = widths.iter().sum::<f32>() - pad_left - pad_right;
            for para in &mut cell.paragraphs {
                soften_paragraph(fonts, para, inner);
            }
        }
    }
}

fn soften_paragraph(fonts: &Fonts, para: &mut ir::Paragraph, width: f32) {
    let style = &para.style;
    if style.hyphenate {
        // Hyphenated anyway, by the client's own patterns.
        return;
    }
    let room = width - style.indent_left - style.indent_right;
    let size = style.font_size;
    for inline in &mut para.inlines {
        if let Inline::Text(run) = inline {
            let measure = TextStyle::of(run, size);
            run.text = soften_text(&run.text, |piece| {
                !linebreak::fits_alone(fonts, &measure, piece, room)
            });
        }
    }
}

/// The text with soft hyphens in every piece between spaces and dashes for which `too_wide`
/// holds. A word that already has soft hyphens is left as its author wrote it.
fn soften_text(text: &str, too_wide: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for token in text.split_inclusive([' ', '\t', '\n']) {
        if token.contains(SOFT_HYPHEN) {
            out.push_str(token);
            continue;
        }
        // Words joined by non-breaking spaces («Земляненко Н.В.,») that are too wide together
        // for the column are let apart: every client would cut them at the column's edge,
        // between two characters, and start the next line with «,».
        let token = if token.contains(NBSP) && too_wide(token.trim_end_matches(char::is_whitespace))
        {
            std::borrow::Cow::Owned(token.replace(NBSP, " "))
        } else {
            std::borrow::Cow::Borrowed(token)
        };
        for piece in token
            .split_inclusive(DASHES)
            .flat_map(|p| p.split_inclusive([NBSP, ' ']))
        {
            if too_wide(piece.trim_end_matches(char::is_whitespace)) {
                push_hyphenated(piece, &mut out);
            } else {
                out.push_str(piece);
            }
        }
    }
    out
}

/// Pushes `piece` with a soft hyphen at each hyphenation point of each run of letters in it.
fn push_hyphenated(piece: &str, out: &mut String) {
    let mut letters = String::new();
    let flush = |letters: &mut String, out: &mut String| {
        let points = hyphenation_offsets(letters);
        for (i, ch) in letters.chars().enumerate() {
            if points.contains(&i) {
                out.push(SOFT_HYPHEN);
            }
            out.push(ch);
        }
        letters.clear();
    };
    for ch in piece.chars() {
        if ch.is_alphabetic() {
            letters.push(ch);
        } else {
            flush(&mut letters, out);
            out.push(ch);
        }
    }
    flush(&mut letters, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shy(text: &str) -> String {
        text.replace('~', "\u{ad}")
    }

    #[test]
    fn only_words_too_wide_get_soft_hyphens() {
        let wide = |w: &str| w.chars().count() > 8;
        assert_eq!(
            soften_text("Отметка о выполнении", wide),
            shy("Отметка о вы~пол~не~нии")
        );
        assert_eq!(
            soften_text("Сроки реализации", |_| false),
            "Сроки реализации"
        );
    }

    #[test]
    fn dashes_split_a_word_and_authors_soft_hyphens_are_kept() {
        let wide = |w: &str| w.chars().count() > 10;
        // «консультационно-» fits no better than «методического»: both are softened apart.
        assert_eq!(
            soften_text("консультационно-методического", wide),
            shy("кон~суль~та~ци~он~но-ме~то~ди~че~ско~го")
        );
        let authored = shy("вы~полнении");
        assert_eq!(soften_text(&authored, wide), authored);
    }

    #[test]
    fn words_joined_by_a_non_breaking_space_part_only_where_they_cannot_fit_together() {
        let wide = |w: &str| w.chars().count() > 10;
        assert_eq!(
            soften_text("Земляненко\u{a0}Н.В., директор", wide),
            "Земляненко Н.В., директор"
        );
        assert_eq!(
            soften_text("СОШ №\u{a0}34, Чумак\u{a0}И.В.", wide),
            "СОШ №\u{a0}34, Чумак\u{a0}И.В."
        );
    }

    #[test]
    fn a_narrow_column_softens_its_words_in_the_ir() {
        let fonts = Fonts::embedded().unwrap();
        let cell = |text: &str| ir::Cell {
            colspan: 1,
            rowspan: 1,
            valign: ir::VAlign::Top,
            frame: false,
            paragraphs: vec![ir::Paragraph {
                style: ir::ParaStyle::default(),
                inlines: vec![Inline::Text(ir::Text {
                    text: text.into(),
                    ..Default::default()
                })],
                origin: Default::default(),
            }],
            origin: Default::default(),
        };
        let mut table = ir::Table {
            columns: vec![200.0, 40.0],
            rows: vec![ir::Row {
                cells: vec![cell("выполнении"), cell("выполнении")],
                ..Default::default()
            }],
            ..Default::default()
        };
        soften_table(&fonts, &mut table);
        let texts: Vec<String> = table.rows[0]
            .cells
            .iter()
            .map(|c| match &c.paragraphs[0].inlines[0] {
                Inline::Text(t) => t.text.clone(),
                Inline::LineBreak => String::new(),
            })
            .collect();
        assert_eq!(texts, ["выполнении".to_string(), shy("вы~пол~не~нии")]);
    }
}
