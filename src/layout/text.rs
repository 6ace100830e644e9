//! Measuring text: characters in one style become glyphs with advances.
//!
//! There is no shaping beyond pair kerning: the documents are Russian and Latin text in a serif
//! face, with no ligatures that Word would apply either.
//!
//! Advances are whole [`UNITS_PER_POINT`]ths of a point: LibreOffice lays a DOCX out on a
//! reference device of 8640 dpi (`RefDevMode::MSO1`, six device pixels a twip), where HarfBuzz's
//! advance of each glyph is rounded to a whole pixel (`std::lround`), and decides line breaks on
//! the sums of these (issue 24: a word 1667.93 twips wide by the font's exact advances is
//! 1668.5 there and does not fit 1668). Measuring the same way, we break where it does; the
//! PDF draws the same advances (they differ from the exact ones by under 1/240 pt a glyph).

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

/// Device units a point: LibreOffice's reference device has 8640 dpi (see the module docs).
pub const UNITS_PER_POINT: i32 = 120;

/// A length in points as whole device units, rounded half away from zero (as `std::lround`).
pub fn units(points: f32) -> i32 {
    (f64::from(points) * f64::from(UNITS_PER_POINT)).round() as i32
}

/// A measured character.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shaped {
    /// The face that draws it: the style's, or the fallback for a character the style's lacks.
    pub face: Face,
    pub id: u16,
    pub ch: char,
    /// Distance to the next glyph's origin, in points: the advance, the letter spacing and the
    /// kerning with the next character of the same text, each in whole device units.
    pub advance: f32,
    /// The same in device units ([`UNITS_PER_POINT`] a point), for exact sums.
    pub units: i32,
}

impl Shaped {
    pub fn new(face: Face, id: u16, ch: char, units: i32) -> Shaped {
        Shaped {
            face,
            id,
            ch,
            advance: units as f32 / UNITS_PER_POINT as f32,
            units,
        }
    }
}

/// One character measured in `style`, alone (no kerning).
pub fn glyph(fonts: &Fonts, style: &TextStyle, ch: char) -> Shaped {
    let (face, id, advance) = fonts.shape_char(style.face, ch, style.size);
    Shaped::new(face, id, ch, units(advance) + units(style.letter_spacing))
}

/// Measures `text` in `style`, appending one [`Shaped`] per character to `out`.
pub fn shape(fonts: &Fonts, style: &TextStyle, text: &str, out: &mut Vec<Shaped>) {
    let start = out.len();
    out.extend(text.chars().map(|ch| glyph(fonts, style, ch)));
    if KERNING {
        for i in start + 1..out.len() {
            if out[i - 1].face == out[i].face {
                let k = fonts.kerning(out[i].face, out[i - 1].id, out[i].id, style.size);
                let left = &out[i - 1];
                out[i - 1] = Shaped::new(left.face, left.id, left.ch, left.units + units(k));
            }
        }
    }
}

/// Width of a string in a style, in points: the sum of [`shape`]'s advances, without building
/// them (every word of every table cell is measured once more for soft hyphens).
pub fn width(fonts: &Fonts, style: &TextStyle, text: &str) -> f32 {
    width_units(fonts, style, text) as f32 / UNITS_PER_POINT as f32
}

/// [`width`] in device units.
pub fn width_units(fonts: &Fonts, style: &TextStyle, text: &str) -> i32 {
    let mut total = 0;
    let mut previous: Option<Shaped> = None;
    for ch in text.chars() {
        let g = glyph(fonts, style, ch);
        if let Some(left) = previous
            && KERNING
            && left.face == g.face
        {
            total += units(fonts.kerning(g.face, left.id, g.id, style.size));
        }
        total += g.units;
        previous = Some(g);
    }
    total
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
        // Each advance is rounded to a device unit at either size.
        assert!(
            (b - 2.0 * a).abs() <= 14.0 / UNITS_PER_POINT as f32,
            "{a} {b}"
        );
        assert!(a > 50.0 && a < 120.0, "{a}");
    }

    /// LibreOffice's reference device rounds each advance of «муниципальный» at 12 pt to a
    /// sixth of a twip: 1668.5 twips in all, where the exact advances make 1667.93 (issue 24:
    /// it does not fit a line of 1668 twips in LibreOffice).
    #[test]
    fn advances_are_whole_units_of_libreoffices_reference_device() {
        let fonts = Fonts::embedded().unwrap();
        let style = TextStyle::plain(12.0);
        assert_eq!(width_units(&fonts, &style, "муниципальный"), 10011);
        let mut shaped = Vec::new();
        shape(&fonts, &style, "муниципальный", &mut shaped);
        assert_eq!(shaped.iter().map(|g| g.units).sum::<i32>(), 10011);
        assert!(shaped.iter().all(|g| g.advance * 120.0 == g.units as f32));
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
