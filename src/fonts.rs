//! The embedded fonts: Liberation Serif 2.x (regular, bold, italic, bold italic), metric-compatible
//! with Times New Roman, which the DOCX names, and a fallback for the characters it lacks: a
//! subset of DejaVu Sans with symbol blocks, Armenian and Georgian ([`Face::Symbols`]). The files
//! are embedded by [`crate::assets`] (see fonts/README.md for where they come from, fonts/LICENSE
//! and fonts/LICENSE-DejaVu for their licences).
//!
//! [`Fonts`] answers what layout needs to measure text: glyph ids, advances, pair kerning and the
//! vertical metrics that make up Word's line height; [`Fonts::shape_char`] picks the face that
//! draws a character (the style's own, else the fallback). The PDF writer takes the raw bytes
//! through [`face_bytes`] and embeds a subset.

use std::sync::OnceLock;

use ttf_parser::GlyphId;

use crate::assets;

/// One of the four faces of the family, or the fallback face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    /// DejaVu Sans (a subset): draws, in every style, the characters Liberation Serif lacks.
    Symbols,
}

/// How many faces there are.
pub const FACES: usize = 5;

impl Face {
    /// All faces, in a fixed order (the index of a face in this array is [`Face::index`]).
    pub const ALL: [Face; FACES] = [
        Face::Regular,
        Face::Bold,
        Face::Italic,
        Face::BoldItalic,
        Face::Symbols,
    ];

    /// The four faces of Liberation Serif, the family text is set in.
    pub const SERIF: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    /// The face for a combination of bold and italic.
    pub fn select(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The font program of a face, as embedded in the binary (see [`crate::assets`]).
pub fn face_bytes(face: Face) -> &'static [u8] {
    const _: () = assert!(FACES == assets::FONT_COUNT);
    assets::font_program(face.index())
}

/// The faces parsed once per process and shared (a batch renders thousands of documents), each
/// when first used (see [`Fonts::embedded`]).
pub fn shared() -> Result<&'static Fonts, FontError> {
    static SHARED: OnceLock<Result<Fonts, FontError>> = OnceLock::new();
    SHARED
        .get_or_init(Fonts::embedded)
        .as_ref()
        .map_err(Clone::clone)
}

/// The family name the DOCX writes; Liberation Serif has the same metrics.
pub const DOCX_FAMILY: &str = "Times New Roman";

/// The family name the DOCX writes for characters drawn with [`Face::Symbols`].
pub const DOCX_SYMBOLS_FAMILY: &str = "DejaVu Sans";

/// A font face could not be read (a corrupt build); never expected with the embedded files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontError {
    pub face: Face,
}

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let face = match self.face {
            Face::Regular => "обычное начертание",
            Face::Bold => "полужирное начертание",
            Face::Italic => "курсив",
            Face::BoldItalic => "полужирный курсив",
            Face::Symbols => {
                return f.write_str(
                    "встроенный шрифт DejaVu Sans (символы) повреждён: установите программу \
                     заново",
                );
            }
        };
        write!(
            f,
            "встроенный шрифт Liberation Serif ({face}) повреждён: установите программу \
             заново"
        )
    }
}

impl std::error::Error for FontError {}

/// Metrics of one face, read once.
struct FaceMetrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// OS/2 usWinAscent, usWinDescent and hhea lineGap, in font units.
    win_ascent: f32,
    win_descent: f32,
    line_gap: f32,
    /// Underline position (negative: below the baseline) and thickness, in font units.
    underline_position: f32,
    underline_thickness: f32,
    space: u16,
    kern: bool,
    /// Glyph id and advance (font units) of every character in [`CACHED`], looked up once:
    /// a cmap lookup is a binary search, and layout asks for every character of the document
    /// more than once (the soft-hyphen pass measures words, then lines are broken).
    cached: Vec<(u16, u16)>,
}

impl FaceMetrics {
    /// Parses one face; a file that is not a font, or lacks the tables layout needs, is an
    /// error naming the face.
    fn parse(face: Face, bytes: &'static [u8]) -> Result<FaceMetrics, FontError> {
        let parsed = ttf_parser::Face::parse(bytes, 0).map_err(|_| FontError { face })?;
        let os2 = parsed.tables().os2.ok_or(FontError { face })?;
        let underline = parsed.underline_metrics();
        let space = parsed
            .glyph_index(' ')
            .map(|g| g.0)
            .ok_or(FontError { face })?;
        let cached = CACHED
            .iter()
            .flat_map(|range| range.clone())
            .map(|code| {
                let ch = char::from_u32(code).unwrap_or('\0');
                let id = glyph_id(&parsed, space, ch);
                (id, parsed.glyph_hor_advance(GlyphId(id)).unwrap_or(0))
            })
            .collect();
        Ok(FaceMetrics {
            units_per_em: parsed.units_per_em() as f32,
            win_ascent: os2.windows_ascender() as f32,
            win_descent: os2.windows_descender().unsigned_abs() as f32,
            line_gap: parsed.line_gap() as f32,
            underline_position: underline.map_or(-217.0, |u| u.position as f32),
            underline_thickness: underline.map_or(100.0, |u| u.thickness as f32),
            space,
            kern: parsed.tables().kern.is_some(),
            cached,
            face: parsed,
        })
    }
}

/// Character ranges whose glyphs are looked up when a face is parsed: Basic Latin through
/// Cyrillic (letters, «», №'s neighbours) and General Punctuation through Letterlike Symbols
/// (dashes, quotes, …, №).
const CACHED: [std::ops::Range<u32>; 2] = [0..0x0530, 0x2000..0x2130];

/// The five faces, ready for measuring. The regular face is parsed at once; each other face
/// when layout first asks for it (see [`Fonts::embedded`]).
pub struct Fonts {
    regular: FaceMetrics,
    /// Bold, italic, bold italic and the fallback, in the order of [`Face::ALL`].
    others: [OnceLock<Result<FaceMetrics, FontError>>; FACES - 1],
    /// Where the other faces' programs come from.
    programs: fn(Face) -> &'static [u8],
    /// The first of the other faces that turned out not to be a font: measured meanwhile with
    /// the regular face, and reported by [`Fonts::check`].
    broken: OnceLock<FontError>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts(Liberation Serif, DejaVu Sans)")
    }
}

impl Fonts {
    /// The embedded faces: the regular one parsed now, the others when first used. A document
    /// in the regular and bold faces alone never unpacks (in builds with packed fonts) or parses
    /// the italic ones or the fallback: that is most of what the fonts cost a single render.
    pub fn embedded() -> Result<Fonts, FontError> {
        Ok(Fonts {
            regular: FaceMetrics::parse(Face::Regular, face_bytes(Face::Regular))?,
            others: Default::default(),
            programs: face_bytes,
            broken: OnceLock::new(),
        })
    }

    /// Parses the font programs, in the order of [`Face::ALL`], all at once; a file that is not
    /// a font, or lacks the tables layout needs, is an error naming its face.
    pub fn parse(programs: [&'static [u8]; FACES]) -> Result<Fonts, FontError> {
        let others = std::array::from_fn(|i| {
            let face = Face::ALL[i + 1];
            OnceLock::from(FaceMetrics::parse(face, programs[face.index()]))
        });
        let fonts = Fonts {
            regular: FaceMetrics::parse(Face::Regular, programs[0])?,
            others,
            programs: |_| &[],
            broken: OnceLock::new(),
        };
        for other in &fonts.others {
            if let Some(Err(e)) = other.get() {
                return Err(e.clone());
            }
        }
        Ok(fonts)
    }

    /// Whether every face used so far was a font (a broken build otherwise): checked after a
    /// document is made, since faces are parsed as layout first asks for them.
    pub fn check(&self) -> Result<(), FontError> {
        self.broken.get().map_or(Ok(()), |e| Err(e.clone()))
    }

    fn metrics(&self, face: Face) -> &FaceMetrics {
        let Some(slot) = face.index().checked_sub(1).map(|i| &self.others[i]) else {
            return &self.regular;
        };
        match slot.get_or_init(|| FaceMetrics::parse(face, (self.programs)(face))) {
            Ok(metrics) => metrics,
            Err(e) => {
                self.broken.get_or_init(|| e.clone());
                &self.regular
            }
        }
    }

    /// Glyph id and advance (in points at `size`) of a character. U+00A0 is drawn as a space;
    /// a character the font lacks gets glyph 0 (.notdef) with its advance.
    pub fn glyph(&self, face: Face, ch: char, size: f32) -> (u16, f32) {
        let m = self.metrics(face);
        let (id, advance) = match cache_index(ch) {
            Some(i) => m.cached[i],
            None => {
                let id = glyph_id(&m.face, m.space, ch);
                (id, m.face.glyph_hor_advance(GlyphId(id)).unwrap_or(0))
            }
        };
        (id, advance as f32 * size / m.units_per_em)
    }

    /// The face, glyph id and advance (points at `size`) that draw a character in `face`:
    /// the face's own glyph; else, when the face lacks it, the fallback's ([`Face::Symbols`]);
    /// else `face`'s .notdef (glyph 0), drawn as a gap one em wide: the width the PDF gives
    /// .notdef (see `pdf::fonts::NOTDEF_WIDTH`), and about that of the CJK glyphs Word or
    /// LibreOffice would find elsewhere. The style's face is looked up first, so text it
    /// covers costs what it did before the fallback.
    pub fn shape_char(&self, face: Face, ch: char, size: f32) -> (Face, u16, f32) {
        let (id, advance) = self.glyph(face, ch, size);
        if id != 0 || face == Face::Symbols || ch.is_control() {
            return (face, id, advance);
        }
        match self.glyph(Face::Symbols, ch, size) {
            (0, _) => (face, 0, size),
            (fallback, advance) => (Face::Symbols, fallback, advance),
        }
    }

    /// Whether some face draws the character in `face` (control characters are never drawn).
    pub fn covers(&self, face: Face, ch: char) -> bool {
        self.shape_char(face, ch, 1.0).1 != 0
    }

    /// Pair kerning between two glyphs from the font's `kern` table, in points (negative: closer).
    pub fn kerning(&self, face: Face, left: u16, right: u16, size: f32) -> f32 {
        let m = self.metrics(face);
        if !m.kern {
            return 0.0;
        }
        let Some(kern) = m.face.tables().kern else {
            return 0.0;
        };
        for sub in kern.subtables {
            if sub.horizontal
                && !sub.variable
                && let Some(k) = sub.glyphs_kerning(GlyphId(left), GlyphId(right))
            {
                return k as f32 * size / m.units_per_em;
            }
        }
        0.0
    }

    /// Word's single line height: (usWinAscent + usWinDescent + hhea lineGap) / unitsPerEm × size.
    /// For Times New Roman and Liberation Serif this is 2355/2048 ≈ 1.15 × size (13.8 pt at 12 pt).
    pub fn single_line(&self, face: Face, size: f32) -> f32 {
        let m = self.metrics(face);
        (m.win_ascent + m.win_descent + m.line_gap) / m.units_per_em * size
    }

    /// Depth of the glyphs below the baseline (usWinDescent), in points.
    pub fn descent(&self, face: Face, size: f32) -> f32 {
        let m = self.metrics(face);
        m.win_descent / m.units_per_em * size
    }

    /// Underline offset below the baseline (positive: down) and thickness, in points.
    pub fn underline(&self, face: Face, size: f32) -> (f32, f32) {
        let m = self.metrics(face);
        (
            -m.underline_position / m.units_per_em * size,
            m.underline_thickness / m.units_per_em * size,
        )
    }

    /// Units per em of a face (the PDF writer converts advances to thousandths of an em).
    pub fn units_per_em(&self, face: Face) -> f32 {
        self.metrics(face).units_per_em
    }

    /// Raw advance of a glyph in font units.
    pub fn advance_units(&self, face: Face, id: u16) -> u16 {
        self.metrics(face)
            .face
            .glyph_hor_advance(GlyphId(id))
            .unwrap_or(0)
    }
}

/// The glyph drawing a character: U+00A0 is drawn as a space, a character the font lacks as
/// glyph 0 (.notdef).
fn glyph_id(face: &ttf_parser::Face, space: u16, ch: char) -> u16 {
    match ch {
        '\u{a0}' => space,
        _ => face.glyph_index(ch).map_or(0, |g| g.0),
    }
}

/// Where a character's glyph stands in [`FaceMetrics::cached`], if it is there.
fn cache_index(ch: char) -> Option<usize> {
    let code = ch as u32;
    let mut start = 0;
    for range in &CACHED {
        if range.contains(&code) {
            return Some(start + (code - range.start) as usize);
        }
        start += range.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document in the regular and bold faces unpacks and parses no other face: most of what
    /// the fonts cost a single render.
    #[test]
    fn the_embedded_faces_are_parsed_when_first_used() {
        let fonts = Fonts::embedded().unwrap();
        assert!(fonts.others.iter().all(|slot| slot.get().is_none()));
        fonts.glyph(Face::Bold, 'ж', 12.0);
        let parsed: Vec<bool> = fonts.others.iter().map(|s| s.get().is_some()).collect();
        assert_eq!(parsed, [true, false, false, false]);
        // A character Liberation Serif lacks brings in the fallback, and only it.
        fonts.shape_char(Face::Regular, '✓', 12.0);
        let parsed: Vec<bool> = fonts.others.iter().map(|s| s.get().is_some()).collect();
        assert_eq!(parsed, [true, false, false, true]);
        assert_eq!(fonts.check(), Ok(()));
    }

    /// A face found broken only when first used (a corrupt build) is reported by `check`, which
    /// the pipeline calls once a document is made; meanwhile nothing panics.
    #[test]
    fn a_face_found_broken_when_first_used_is_reported_by_check() {
        let fonts = Fonts {
            programs: |face| match face {
                Face::Italic => b"not a font",
                other => face_bytes(other),
            },
            ..Fonts::embedded().unwrap()
        };
        assert_eq!(fonts.check(), Ok(()));
        fonts.glyph(Face::Bold, 'ж', 12.0);
        assert_eq!(fonts.check(), Ok(()));
        let (id, _) = fonts.glyph(Face::Italic, 'ж', 12.0);
        assert_eq!(id, fonts.glyph(Face::Regular, 'ж', 12.0).0);
        assert_eq!(fonts.check(), Err(FontError { face: Face::Italic }));
    }

    #[test]
    fn a_corrupt_or_missing_font_program_is_an_error_naming_its_face() {
        let truncated: &'static [u8] = &face_bytes(Face::Bold)[..4096];
        let programs = [
            face_bytes(Face::Regular),
            truncated,
            b"",
            face_bytes(Face::BoldItalic),
            face_bytes(Face::Symbols),
        ];
        let err = Fonts::parse(programs).unwrap_err();
        assert_eq!(err.face, Face::Bold);
        assert_eq!(
            err.to_string(),
            "встроенный шрифт Liberation Serif (полужирное начертание) повреждён: установите \
             программу заново"
        );
        let empty = [
            face_bytes(Face::Regular),
            face_bytes(Face::Bold),
            b"",
            face_bytes(Face::BoldItalic),
            face_bytes(Face::Symbols),
        ];
        assert_eq!(Fonts::parse(empty).unwrap_err().face, Face::Italic);
        let garbage: &'static [u8] = &[0x5a; 300];
        assert!(Fonts::parse([garbage; FACES]).is_err());
        let no_symbols = [
            face_bytes(Face::Regular),
            face_bytes(Face::Bold),
            face_bytes(Face::Italic),
            face_bytes(Face::BoldItalic),
            truncated,
        ];
        let err = Fonts::parse(no_symbols).unwrap_err();
        assert_eq!(err.face, Face::Symbols);
        assert!(err.to_string().contains("DejaVu Sans"));
    }

    #[test]
    fn single_line_is_word_times_new_roman_height() {
        let fonts = Fonts::embedded().unwrap();
        // Word gives Times New Roman 12 pt a single line of 13.8 pt.
        let h = fonts.single_line(Face::Regular, 12.0);
        assert!((h - 13.8).abs() < 0.01, "{h}");
    }

    #[test]
    fn cyrillic_and_signs_have_glyphs() {
        let fonts = Fonts::embedded().unwrap();
        for face in Face::SERIF {
            for ch in "АаЯяЁё№«»–—".chars() {
                assert_ne!(fonts.glyph(face, ch, 12.0).0, 0, "{face:?} lacks {ch}");
            }
        }
    }

    /// Issue 19: symbols officials paste were drawn as .notdef gaps.
    #[test]
    fn symbols_the_serif_lacks_are_drawn_by_the_fallback() {
        let fonts = Fonts::embedded().unwrap();
        for face in Face::SERIF {
            for ch in "₽✓☐☑⇒→≥≤★✔✗•◦▪●○■□◆►«»№–—…ՀայաստանႠქართული".chars()
            {
                let (drawn_by, id, advance) = fonts.shape_char(face, ch, 12.0);
                assert_ne!(id, 0, "{face:?} draws {ch} as .notdef");
                assert!(advance > 0.0, "{face:?} {ch}");
                // The style's own glyph wins where it has one: «№» stays Liberation Serif's.
                if fonts.glyph(face, ch, 12.0).0 != 0 {
                    assert_eq!(drawn_by, face, "{ch}");
                } else {
                    assert_eq!(drawn_by, Face::Symbols, "{ch}");
                }
            }
            assert_eq!(fonts.shape_char(face, 'ж', 12.0).0, face);
            // Nothing bundled draws CJK or Thai: .notdef of the style's face, one em wide.
            for ch in "漢字テストไทย".chars() {
                assert_eq!(fonts.shape_char(face, ch, 12.0), (face, 0, 12.0));
                assert!(!fonts.covers(face, ch), "{ch}");
            }
        }
        assert!(fonts.covers(Face::Bold, '✓') && fonts.covers(Face::Bold, 'ж'));
    }

    #[test]
    fn nbsp_is_drawn_as_a_space() {
        let fonts = Fonts::embedded().unwrap();
        assert_eq!(
            fonts.glyph(Face::Regular, '\u{a0}', 12.0),
            fonts.glyph(Face::Regular, ' ', 12.0)
        );
    }

    #[test]
    fn cached_glyphs_are_the_fonts_own() {
        let fonts = Fonts::embedded().unwrap();
        for face in Face::ALL {
            let m = fonts.metrics(face);
            let outside = ['\u{2190}', '\u{fffd}', '\u{1f600}'];
            let cached = CACHED
                .iter()
                .flat_map(|r| r.clone())
                .filter_map(char::from_u32);
            for ch in cached.chain(outside) {
                let id = match ch {
                    '\u{a0}' => m.space,
                    _ => m.face.glyph_index(ch).map_or(0, |g| g.0),
                };
                let units = m.face.glyph_hor_advance(GlyphId(id)).unwrap_or(0) as f32;
                let want = (id, units * 12.0 / m.units_per_em);
                assert_eq!(fonts.glyph(face, ch, 12.0), want, "{face:?} {ch:?}");
            }
        }
    }

    #[test]
    fn kerning_pairs_are_read() {
        let fonts = Fonts::embedded().unwrap();
        let a = fonts.glyph(Face::Regular, 'A', 12.0).0;
        let v = fonts.glyph(Face::Regular, 'V', 12.0).0;
        assert!(fonts.kerning(Face::Regular, a, v, 12.0) < 0.0);
    }
}
