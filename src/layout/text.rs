//! Measuring text: characters in one style become glyphs with advances.
//!
//! There is no shaping beyond pair kerning: the documents are Russian and Latin text in a serif
//! face, with no ligatures that Word would apply either.

use crate::fonts::{Face, Fonts};
use crate::ir;

/// Apply the font's pair kerning. Word does not kern unless a run asks for it (`w:kern`, off in
/// the DOCX we write), and LibreOffice follows the document; kerning here would make our lines a
/// little shorter than theirs and break them elsewhere. Kept as a switch for a later DOCX that
/// turns kerning on in both.
pub const KERNING: bool = false;

/// The look of a piece of text, resolved from the IR.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub face: Face,
    pub size: f32,
    /// Extra space after every character, in points.
    pub letter_spacing: f32,
    pub underline: bool,
}

impl TextStyle {
    pub fn of(text: &ir::Text, size: f32) -> TextStyle {
        TextStyle {
            face: Face::select(text.bold, text.italic),
            size,
            letter_spacing: text.letter_spacing,
            underline: text.underline,
        }
    }

    pub fn plain(size: f32) -> TextStyle {
        TextStyle {
            face: Face::Regular,
            size,
            letter_spacing: 0.0,
            underline: false,
        }
    }
}

/// A measured character.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shaped {
    /// The face that draws it: the style's, or the fallback for a character the style's lacks.
    pub face: Face,
    pub id: u16,
    pub ch: char,
    /// Distance to the next glyph's origin, in points: the advance, the letter spacing and the
    /// kerning with the next character of the same text.
    pub advance: f32,
}

/// Measures `text` in `style`, appending one [`Shaped`] per character to `out`.
pub fn shape(fonts: &Fonts, style: &TextStyle, text: &str, out: &mut Vec<Shaped>) {
    let start = out.len();
    for ch in text.chars() {
        let (face, id, advance) = fonts.shape_char(style.face, ch, style.size);
        out.push(Shaped {
            face,
            id,
            ch,
            advance: advance + style.letter_spacing,
        });
    }
    if KERNING {
        for i in start + 1..out.len() {
            if out[i - 1].face == out[i].face {
                let k = fonts.kerning(out[i].face, out[i - 1].id, out[i].id, style.size);
                out[i - 1].advance += k;
            }
        }
    }
}

/// Width of a string in a style, in points: the sum of [`shape`]'s advances, without building
/// them (every word of every table cell is measured once more for soft hyphens).
pub fn width(fonts: &Fonts, style: &TextStyle, text: &str) -> f32 {
    // Summed in `shape`'s order (each advance with the kerning after it), to the same bits.
    let mut total = 0.0;
    let mut pending: Option<(Face, u16, f32)> = None;
    for ch in text.chars() {
        let (face, id, advance) = fonts.shape_char(style.face, ch, style.size);
        if let Some((left_face, left, previous)) = pending {
            let kern = match KERNING && left_face == face {
                true => fonts.kerning(face, left, id, style.size),
                false => 0.0,
            };
            total += previous + kern;
        }
        pending = Some((face, id, advance + style.letter_spacing));
    }
    total + pending.map_or(0.0, |(_, _, advance)| advance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_is_the_sum_of_the_shaped_advances() {
        let fonts = Fonts::embedded().unwrap();
        let style = TextStyle {
            letter_spacing: 0.5,
            ..TextStyle::plain(12.0)
        };
        let text = "AVATAR «ТАганрог» № 7 ✓ ₽ ⇒ 漢";
        let mut shaped = Vec::new();
        shape(&fonts, &style, text, &mut shaped);
        let sum: f32 = shaped.iter().map(|g| g.advance).sum();
        assert_eq!(width(&fonts, &style, text), sum);
    }

    #[test]
    fn advances_scale_with_size() {
        let fonts = Fonts::embedded().unwrap();
        let a = width(&fonts, &TextStyle::plain(12.0), "Дорожная карта");
        let b = width(&fonts, &TextStyle::plain(24.0), "Дорожная карта");
        assert!((b - 2.0 * a).abs() < 0.001);
        assert!(a > 50.0 && a < 120.0, "{a}");
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let fonts = Fonts::embedded().unwrap();
        let regular = TextStyle::plain(14.0);
        let bold = TextStyle {
            face: Face::Bold,
            ..regular
        };
        assert!(width(&fonts, &bold, "МЕРОПРИЯТИЯ") > width(&fonts, &regular, "МЕРОПРИЯТИЯ"));
    }

    #[test]
    fn letter_spacing_adds_after_every_character() {
        let fonts = Fonts::embedded().unwrap();
        let plain = TextStyle::plain(14.0);
        let spaced = TextStyle {
            letter_spacing: 3.0,
            ..plain
        };
        let d = width(&fonts, &spaced, "приказываю") - width(&fonts, &plain, "приказываю");
        assert!((d - 30.0).abs() < 0.001, "{d}");
    }
}
