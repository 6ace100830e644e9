//! Which glyphs each face uses, and the code each one has in the font subset printpdf embeds.
//!
//! printpdf subsets a font from the glyphs it finds in `ShowText` operations and renumbers
//! them: .notdef first, then the used glyph ids in ascending order, each taking its position as
//! its new id (its `font::subset_font`, which relies on allsorts doing exactly that). For
//! TrueType outlines, which ours are, the new id is also the glyph's code: what the content
//! stream shows (Identity-H), and the key of the font's /W widths and /ToUnicode map.
//!
//! Since the content streams are written by `content`, not by printpdf, the codes are worked
//! out here from the same rule, and printpdf is told which glyphs to keep by one `ShowText` per
//! face listing each glyph once ([`Subsets::declaration`]). A test reads the codes of a written
//! PDF back through the /ToUnicode maps printpdf wrote.

use printpdf::{Codepoint, Op, PdfFontHandle, Pt, TextItem};

use super::fonts::font_id;
use crate::fonts::{FACES, Face};
use crate::layout::Page;

/// The glyphs of each face the pages use, and their codes in the subsets.
pub struct Subsets {
    /// Per face, indexed by glyph id: the character the glyph stands for, if the pages use it.
    chars: [Vec<Option<char>>; FACES],
    /// Per face, indexed by glyph id: its code in the subset (0, .notdef's, when unused).
    codes: [Vec<u16>; FACES],
}

impl Subsets {
    /// Collects the glyphs of the pages. A glyph drawn for several characters keeps the last
    /// one for its /ToUnicode entry, as printpdf's own collection did. .notdef (glyph 0), drawn
    /// for characters no face has, gets no entry: each such character carries its own text
    /// (see `content`).
    pub fn of(pages: &[Page]) -> Subsets {
        let mut chars: [Vec<Option<char>>; FACES] = Default::default();
        for run in pages.iter().flat_map(Page::glyph_runs) {
            let used = &mut chars[run.face.index()];
            for g in run.glyphs.iter().filter(|g| g.id != 0) {
                let at = usize::from(g.id);
                if at >= used.len() {
                    used.resize(at + 1, None);
                }
                // Copied text should have an ordinary space where layout kept words together.
                used[at] = Some(if g.ch == '\u{a0}' { ' ' } else { g.ch });
            }
        }
        let codes = chars.each_ref().map(|used| {
            let mut next = 1u16;
            used.iter()
                .enumerate()
                .map(|(gid, ch)| match ch {
                    Some(_) if gid > 0 => {
                        next += 1;
                        next - 1
                    }
                    _ => 0,
                })
                .collect()
        });
        Subsets { chars, codes }
    }

    /// Whether the pages draw any glyph of the face.
    pub fn uses(&self, face: Face) -> bool {
        self.chars[face.index()].iter().any(Option::is_some)
    }

    /// The code of a glyph in its face's subset. Only glyphs of the pages have one.
    pub fn code(&self, face: Face, gid: u16) -> u16 {
        self.codes[face.index()]
            .get(usize::from(gid))
            .copied()
            .unwrap_or(0)
    }

    /// Text operations that show each used glyph once, with the character it stands for: what
    /// printpdf subsets the fonts and writes their /W and /ToUnicode from. They go into a
    /// content stream that is then replaced.
    pub fn declaration(&self) -> Vec<Op> {
        let mut ops = vec![Op::StartTextSection];
        for face in Face::ALL {
            let glyphs: Vec<Codepoint> = self.chars[face.index()]
                .iter()
                .enumerate()
                .filter_map(|(gid, ch)| {
                    let ch = (*ch)?;
                    Some(Codepoint {
                        gid: u16::try_from(gid).ok()?,
                        offset: 0.0,
                        cid: Some(ch.to_string()),
                    })
                })
                .collect();
            if glyphs.is_empty() {
                continue;
            }
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(face)),
                size: Pt(1.0),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(glyphs)],
            });
        }
        ops.push(Op::EndTextSection);
        ops
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{GlyphRun, Item, PlacedGlyph};

    fn page(face: Face, glyphs: &[(u16, char)]) -> Page {
        let run = GlyphRun {
            face,
            size: 12.0,
            x: 0.0,
            baseline: 0.0,
            glyphs: glyphs
                .iter()
                .map(|&(id, ch)| PlacedGlyph { id, dx: 0.0, ch })
                .collect(),
        };
        Page {
            width: 100.0,
            height: 100.0,
            items: vec![Item::Glyphs(run)],
        }
    }

    #[test]
    fn codes_are_positions_after_notdef_in_ascending_glyph_order() {
        let pages = [
            page(Face::Regular, &[(40, 'б'), (7, 'а'), (40, 'б')]),
            page(Face::Regular, &[(300, 'в'), (0, '?')]),
            page(Face::Bold, &[(40, 'б')]),
        ];
        let subsets = Subsets::of(&pages);
        let codes: Vec<u16> = [0, 7, 40, 300]
            .iter()
            .map(|&gid| subsets.code(Face::Regular, gid))
            .collect();
        assert_eq!(codes, [0, 1, 2, 3]);
        assert_eq!(subsets.code(Face::Bold, 40), 1);
        assert!(subsets.uses(Face::Bold) && !subsets.uses(Face::Italic));
    }

    #[test]
    fn the_declaration_shows_each_glyph_once_with_its_character() {
        let pages = [page(Face::Regular, &[(40, 'б'), (3, '\u{a0}'), (40, 'б')])];
        let ops = Subsets::of(&pages).declaration();
        let shown: Vec<(u16, String)> = ops
            .iter()
            .filter_map(|op| match op {
                Op::ShowText { items } => Some(items),
                _ => None,
            })
            .flatten()
            .flat_map(|item| match item {
                TextItem::GlyphIds(glyphs) => glyphs.clone(),
                _ => Vec::new(),
            })
            .map(|cp| (cp.gid, cp.cid.unwrap_or_default()))
            .collect();
        assert_eq!(shown, [(3, " ".to_string()), (40, "б".to_string())]);
    }
}
