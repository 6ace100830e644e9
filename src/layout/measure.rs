//! Whether a piece of a line fits, decided as LibreOffice decides it for the DOCX (issue 24).
//!
//! LibreOffice (7.4) formats a line as a chain of portions: a text portion runs until a soft
//! hyphen, a non-breaking space, a zero-width space, a tab, a line break or a change of
//! character attributes (`SwTextFormatInfo::ScanPortionEnd`, `SwTextFormatter::NewTextPortion`);
//! each of those characters is a portion of its own. A portion fits the rest of the line by
//! `SwTextGuess::Guess`:
//! - the rest of the line is the line's width less the portions before it, each of them a
//!   whole number of twips (its device units, six a twip, rounded: `GetTextArray` turns pixels
//!   into twips), less a twelfth of the portion's height when it is italic (room kept for the
//!   slant, about 23 twips at 12 pt);
//! - when the whole portion is short against that room (twice the room exceeds its length in
//!   characters times its height), it fits if its width rounded to twips does;
//! - otherwise its characters fit while the sum of their device units does not exceed the room
//!   in device units (`OutputDevice::GetTextBreak`).
//!
//! A soft hyphen met on the line (`SwSoftHyphPortion::Format`) measures a hyphen, a whole number
//! of twips, and must leave room after it: it fits when the position before it plus the hyphen
//! is less than the line's width, strictly. When it does not, the portion before it is formatted
//! again at its own width less a twip (`SwTextFormatter::Underflow`): the line breaks at a space
//! or soft hyphen before it, or, with none, a word alone on the line is cut a letter before the
//! soft hyphen («ориги|н-|але…», not «оригин|але…»).
//!
//! Probed against LibreOffice 7.4 with DOCX files of single words, lines of several words,
//! words with a soft hyphen, in regular, bold, italic, at 12 and 14 pt, each at widths a twip
//! apart around its own: all 1,224 breaks as described. Word lays text out with its own
//! measure (exact advances in its own units): a line that fits to within a twip may break
//! differently there.

/// Device units (1/120 pt) a twip.
const UNITS_PER_TWIP: i64 = 6;

/// A length in device units as whole twips, rounded half up (lengths are never negative).
fn twips(units: i64) -> i64 {
    (2 * units + UNITS_PER_TWIP).div_euclid(2 * UNITS_PER_TWIP)
}

/// What LibreOffice needs to know of a character's style to measure it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PortionStyle {
    /// Height of the text, in twips: Word's single line (ascent, descent and line gap).
    pub height: i64,
    pub italic: bool,
    /// Width of a hyphen, in device units.
    pub hyphen: i64,
}

impl PortionStyle {
    /// Room kept at the end of a line for the slant of italic text, in twips.
    fn slant(&self) -> i64 {
        if self.italic { self.height / 12 } else { 0 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    /// A soft hyphen: no width inside a line, a hyphen at its end.
    SoftHyphen,
    /// A character that is a portion of its own (non-breaking space, zero-width space, tab,
    /// line break).
    Own,
}

/// A hyphen a line ends with that is not a soft hyphen of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EndHyphen {
    None,
    /// A hyphen from automatic hyphenation, in the style of the character before it.
    Auto,
}

/// The characters of a paragraph, split into LibreOffice's portions.
#[derive(Debug, Default)]
pub(super) struct Portions {
    units: Vec<i64>,
    kind: Vec<Kind>,
    /// Where the portion that each character starts (or is in) ends.
    end: Vec<usize>,
    style: Vec<PortionStyle>,
    /// `prefix[i]`: the sum of `units[..i]`, so that a sum of any run is a subtraction (a
    /// line is measured from its start for every word added, and a portion may be a whole
    /// paragraph).
    prefix: Vec<i64>,
}

impl Portions {
    /// `chars` gives each character, its advance in device units and its style; `same` tells
    /// whether two neighbours have the same character attributes (else a portion ends between
    /// them).
    pub fn new(
        chars: impl Iterator<Item = (char, i32, PortionStyle)>,
        same: impl Fn(usize, usize) -> bool,
    ) -> Portions {
        let mut p = Portions::default();
        for (ch, units, style) in chars {
            p.units.push(i64::from(units));
            p.kind.push(match ch {
                '\u{ad}' => Kind::SoftHyphen,
                '\u{a0}' | '\u{200b}' | '\u{2011}' | '\u{2060}' | '\t' | '\n' => Kind::Own,
                _ => Kind::Text,
            });
            p.style.push(style);
        }
        let n = p.units.len();
        p.prefix = std::iter::once(0)
            .chain(p.units.iter().scan(0, |acc, u| {
                *acc += u;
                Some(*acc)
            }))
            .collect();
        p.end = vec![n; n];
        for i in (0..n).rev() {
            let ends_here = p.kind[i] != Kind::Text
                || (i + 1 < n && (p.kind[i + 1] != Kind::Text || !same(i, i + 1)));
            p.end[i] = match ends_here {
                true => i + 1,
                false if i + 1 < n => p.end[i + 1],
                false => n,
            };
        }
        p
    }

    fn sum(&self, from: usize, to: usize) -> i64 {
        self.prefix[to] - self.prefix[from]
    }

    /// Room for the text portion starting at `p`, in twips, when `x` twips of the line are
    /// taken: the line's `room` less `x` and the slant of italic text.
    fn room_at(&self, p: usize, x: i64, room: i64) -> i64 {
        room - x - self.style[p].slant()
    }

    /// Whether characters `p..to` of the text portion starting at `p` fit `room` twips.
    fn portion_fits(&self, p: usize, to: usize, room: i64, extra: i64) -> bool {
        let style = &self.style[p];
        let whole = self.end[p];
        let len = (whole - p) as i64;
        if extra == 0 && 2 * room > len * style.height && twips(self.sum(p, whole)) <= room {
            return true;
        }
        self.sum(p, to) + extra <= room * UNITS_PER_TWIP
    }

    /// Whether characters `from..to` fit on a line `room` twips wide that starts at `from`, with
    /// `hyphen` after them. Soft hyphens among them count where LibreOffice counts them: each
    /// must have room for a hyphen after it.
    pub fn fits(&self, from: usize, to: usize, room: i64, hyphen: EndHyphen) -> bool {
        let mut x = 0;
        let mut p = from;
        while p < to {
            match self.kind[p] {
                Kind::SoftHyphen => {
                    if x + twips(self.style[p].hyphen) >= room {
                        return false;
                    }
                    p += 1;
                }
                Kind::Own => {
                    let w = self.units[p];
                    if !self.portion_fits(p, p + 1, self.room_at(p, x, room), 0) {
                        return false;
                    }
                    x += twips(w);
                    p += 1;
                }
                Kind::Text => {
                    let q = self.end[p].min(to);
                    let extra = match hyphen {
                        EndHyphen::Auto if q == to => self.style[to - 1].hyphen,
                        _ => 0,
                    };
                    if !self.portion_fits(p, q, self.room_at(p, x, room), extra) {
                        return false;
                    }
                    x += twips(self.sum(p, q));
                    p = q;
                }
            }
        }
        true
    }

    /// Where a word `from..end` alone on a line `room` twips wide, that fits there up to no
    /// break point, is cut: after at least one character.
    pub fn cut(&self, from: usize, end: usize, room: i64) -> usize {
        let mut x = 0;
        let mut p = from;
        let mut last_text = from;
        while p < end {
            match self.kind[p] {
                Kind::SoftHyphen => {
                    if x + twips(self.style[p].hyphen) >= room {
                        // No room for the hyphen: the text portion before it is formatted
                        // again at its own width less a twip.
                        let w = twips(self.sum(last_text, p));
                        let limit = w - 1 - self.style[last_text].slant();
                        return self.cut_in(from, last_text, p, limit);
                    }
                    p += 1;
                }
                Kind::Own => {
                    if !self.portion_fits(p, p + 1, self.room_at(p, x, room), 0) {
                        return p.max(from + 1);
                    }
                    x += twips(self.units[p]);
                    p += 1;
                }
                Kind::Text => {
                    let q = self.end[p].min(end);
                    let limit = self.room_at(p, x, room);
                    if !self.portion_fits(p, q, limit, 0) {
                        return self.cut_in(from, p, q, limit);
                    }
                    x += twips(self.sum(p, q));
                    last_text = p;
                    p = q;
                }
            }
        }
        end
    }

    /// The end of the longest start of the text portion `p..q` within `limit` twips, after at
    /// least one character of the line starting at `from`.
    fn cut_in(&self, from: usize, p: usize, q: usize, limit: i64) -> usize {
        let mut cut = p;
        let mut acc = 0;
        while cut < q && (cut == from || acc + self.units[cut] <= limit * UNITS_PER_TWIP) {
            acc += self.units[cut];
            cut += 1;
        }
        cut.max(from + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGULAR: PortionStyle = PortionStyle {
        height: 276,
        italic: false,
        hyphen: 480,
    };

    fn portions(units: &[(char, i32)]) -> Portions {
        Portions::new(units.iter().map(|&(c, u)| (c, u, REGULAR)), |_, _| true)
    }

    #[test]
    fn device_units_round_to_twips_half_up() {
        assert_eq!(twips(3), 1);
        assert_eq!(twips(2), 0);
        assert_eq!(twips(6 * 338 + 3), 339);
    }

    #[test]
    fn a_long_portion_fits_by_its_device_units() {
        // Ten characters of 100.5 twips: 1005 twips, in a line of 1004 and of 1005.
        let p = portions(&[('а', 603); 10]);
        assert!(!p.fits(0, 10, 1004, EndHyphen::None));
        assert!(p.fits(0, 10, 1005, EndHyphen::None));
    }

    #[test]
    fn a_short_portion_fits_by_its_width_in_whole_twips() {
        // «возможных» in bold, 1249.33 twips, fits 1249 in LibreOffice: 2 × 1249 > 9 × 276.
        let mut units = vec![('в', 833); 8];
        units.push(('х', 832));
        let p = portions(&units);
        let total: i64 = p.sum(0, 9);
        assert_eq!(twips(total), 1249, "{total}");
        assert!(total > 6 * 1249);
        assert!(p.fits(0, 9, 1249, EndHyphen::None));
    }

    #[test]
    fn a_soft_hyphen_needs_room_for_a_hyphen_strictly() {
        // «орг-»: the text before it 338.5 twips (339 whole), the hyphen 80: 419 < 420 only.
        let p = portions(&[
            ('о', 677),
            ('р', 677),
            ('г', 677),
            ('\u{ad}', 0),
            ('а', 600),
        ]);
        assert!(!p.fits(0, 4, 419, EndHyphen::None));
        assert!(p.fits(0, 4, 420, EndHyphen::None));
    }

    #[test]
    fn italic_text_keeps_a_twelfth_of_its_height_free() {
        let italic = PortionStyle {
            italic: true,
            ..REGULAR
        };
        let p = Portions::new(
            [('а', 6000, italic)].into_iter().cycle().take(3),
            |_, _| true,
        );
        assert!(!p.fits(0, 3, 3000 + 22, EndHyphen::None));
        assert!(p.fits(0, 3, 3000 + 23, EndHyphen::None));
    }

    #[test]
    fn a_word_whose_soft_hyphen_does_not_fit_is_cut_a_letter_before_it() {
        let p = portions(&[
            ('о', 600),
            ('р', 600),
            ('г', 600),
            ('\u{ad}', 0),
            ('а', 600),
        ]);
        // 300 twips before the soft hyphen, 380 wide: no room for the hyphen.
        assert_eq!(p.cut(0, 5, 380), 2);
        // Too narrow for the text before it: cut where it stops fitting.
        assert_eq!(p.cut(0, 5, 250), 2);
        assert_eq!(p.cut(0, 5, 50), 1);
    }
}
