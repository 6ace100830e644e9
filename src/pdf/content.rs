//! The content stream of a page: its rules, then its text, written with pdf-writer.
//!
//! printpdf encodes a `ShowText` as one lopdf string object per glyph, which lopdf then writes
//! byte by byte through `write!("{:02X}")`: in a batch that was a fifth of all the work
//! (callgrind). Here a run's glyph codes go into one string between adjustments.
//!
//! Text is one text object per page, one `Td` per run, and `TJ` numbers that keep every glyph
//! within [`PEN_SLACK`] of where layout placed it (justification, and the widths printpdf
//! truncates in /W); a run that needs none is a plain `Tj`. `Tw` would not help: it acts only on
//! the single-byte code 32, which CID fonts do not use.

use pdf_writer::{Content, Name, Str, TextStr};

use super::fonts::{Embedded, resource_name};
use super::subset::Subsets;
use crate::fonts::Face;
use crate::layout::{GlyphRun, Item, Page, PlacedGlyph};

/// How far, in thousandths of an em, the viewer's pen may stray from where layout put a glyph
/// before a TJ adjustment brings it back: 1.5 units is 0.02 pt at 12 pt, a hundredth of a
/// millimetre, far below a printer dot (0.12 pt at 600 dpi). The /W widths printpdf writes are
/// truncated to whole units, so without this slack nearly every glyph needed an adjustment of
/// a fraction of a unit: a number per glyph in the content stream, for nothing one can see.
pub const PEN_SLACK: f32 = 1.5;

/// The content stream of one page, in PDF coordinates (origin bottom left).
pub fn page(page: &Page, embedded: &Embedded, subsets: &Subsets) -> Vec<u8> {
    let mut content = Content::new();
    let h = page.height;
    // Rules first, in one graphics state; then all text in one text object.
    content.save_state();
    let mut width = f32::NAN;
    for item in &page.items {
        if let Item::Rule(rule) = item {
            if rule.width != width {
                width = rule.width;
                content.set_line_width(width);
            }
            content.move_to(rule.x0, h - rule.y0);
            content.line_to(rule.x1, h - rule.y1);
            content.stroke();
        }
    }
    content.restore_state();

    content.begin_text();
    let mut font: Option<(Face, f32)> = None;
    let mut origin = (0.0f32, 0.0f32);
    let mut offsets = Vec::new();
    let mut codes = Vec::new();
    for run in page.glyph_runs() {
        if run.glyphs.is_empty() {
            continue;
        }
        if font != Some((run.face, run.size)) {
            font = Some((run.face, run.size));
            content.set_font(Name(resource_name(run.face).as_bytes()), run.size);
        }
        // Td moves relative to the previous run's origin.
        let (x, y) = (run.x, h - run.baseline);
        content.next_line(x - origin.0, y - origin.1);
        origin = (x, y);

        adjustments(run, embedded, &mut offsets);
        // A character no face has is drawn as .notdef, which carries no text of its own: it is
        // shown inside a span whose /ActualText is the character, so that copying, search and
        // screen readers get it back.
        let mut start = 0;
        while start < run.glyphs.len() {
            let missing = is_missing(&run.glyphs[start]);
            let end = run.glyphs[start..]
                .iter()
                .position(|g| is_missing(g) != missing)
                .map_or(run.glyphs.len(), |n| start + n);
            if missing {
                let text: String = run.glyphs[start..end].iter().map(|g| g.ch).collect();
                content
                    .begin_marked_content_with_properties(Name(b"Span"))
                    .properties()
                    .actual_text(TextStr(&text));
            }
            show(&mut content, run, &offsets, subsets, start..end, &mut codes);
            if missing {
                content.end_marked_content();
            }
            start = end;
        }
    }
    content.end_text();
    content.finish().into_vec()
}

/// Whether a glyph is .notdef standing for a character no face has (a control character
/// stands for nothing to read).
pub fn is_missing(g: &PlacedGlyph) -> bool {
    g.id == 0 && !g.ch.is_control()
}

/// Shows the glyphs `range` of a run: a plain `Tj` when the pen needs no adjustment after any
/// of them, else a `TJ` with the adjustments (the one after the last glyph too, so that the
/// next part of the run starts where layout put it).
fn show(
    content: &mut Content,
    run: &GlyphRun,
    offsets: &[f32],
    subsets: &Subsets,
    range: std::ops::Range<usize>,
    codes: &mut Vec<u8>,
) {
    codes.clear();
    let glyphs = &run.glyphs[range.clone()];
    let offsets = &offsets[range];
    if offsets.iter().all(|&n| n == 0.0) {
        for g in glyphs {
            codes.extend(subsets.code(run.face, g.id).to_be_bytes());
        }
        content.show(Str(codes));
        return;
    }
    let mut shown = content.show_positioned();
    let mut items = shown.items();
    for (g, &n) in glyphs.iter().zip(offsets) {
        codes.extend(subsets.code(run.face, g.id).to_be_bytes());
        if n != 0.0 {
            items.show(Str(codes));
            items.adjust(n);
            codes.clear();
        }
    }
    if !codes.is_empty() {
        items.show(Str(codes));
    }
}

/// The TJ adjustment after each glyph of a run, in thousandths of an em: the number that moves
/// the viewer's pen (which advances by the /W width of each glyph) back to where layout put the
/// next glyph whenever it strays more than [`PEN_SLACK`]. Adjustments are whole units; the
/// error never accumulates along a run.
pub fn adjustments(run: &GlyphRun, embedded: &Embedded, out: &mut Vec<f32>) {
    out.clear();
    let scale = 1000.0 / run.size;
    // The viewer's pen, in thousandths of an em from the run's origin.
    let mut pen = 0.0f32;
    for (i, g) in run.glyphs.iter().enumerate() {
        pen += embedded.pdf_width(run.face, g.id);
        let offset = match run.glyphs.get(i + 1) {
            Some(next) => {
                let stray = pen - next.dx * scale;
                if stray.abs() >= PEN_SLACK {
                    let n = stray.round();
                    pen -= n;
                    n
                } else {
                    0.0
                }
            }
            None => 0.0,
        };
        out.push(offset);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Rule;
    use crate::pdf::fonts;

    /// A run of `n` glyphs of `ch`, each `extra` points further than its advance.
    fn spaced_run(ch: char, n: usize, extra: f32) -> GlyphRun {
        let fonts = &fonts::embedded().unwrap().metrics;
        let size = 14.0;
        let (id, advance) = fonts.glyph(Face::Regular, ch, size);
        GlyphRun {
            face: Face::Regular,
            size,
            x: 0.0,
            baseline: 0.0,
            glyphs: (0..n)
                .map(|i| PlacedGlyph {
                    id,
                    dx: i as f32 * (advance + extra),
                    ch,
                })
                .collect(),
        }
    }

    fn offsets(run: &GlyphRun) -> Vec<f32> {
        let mut out = Vec::new();
        adjustments(run, fonts::embedded().unwrap(), &mut out);
        out
    }

    /// Where the viewer draws each glyph of a run, in points: it advances by the /W width,
    /// then moves by −offset/1000 em.
    fn drawn_at(run: &GlyphRun, offsets: &[f32]) -> Vec<f32> {
        let embedded = fonts::embedded().unwrap();
        let mut x = 0.0;
        let mut out = Vec::new();
        for (g, n) in run.glyphs.iter().zip(offsets) {
            out.push(x);
            x += (embedded.pdf_width(run.face, g.id) - n) * run.size / 1000.0;
        }
        out
    }

    #[test]
    fn glyphs_are_drawn_where_layout_placed_them_within_the_slack() {
        // «ж» at 14 pt: its /W width is truncated by a fraction of a unit, which adds up over
        // a long run; 3 pt of extra space (justification) must be applied at once.
        for extra in [0.0, 3.0] {
            let run = spaced_run('ж', 200, extra);
            let slack = PEN_SLACK * run.size / 1000.0;
            for (g, x) in run.glyphs.iter().zip(drawn_at(&run, &offsets(&run))) {
                assert!((g.dx - x).abs() < slack + 1e-3, "{extra}: {} vs {x}", g.dx);
            }
        }
    }

    #[test]
    fn adjustments_are_written_only_when_the_pen_strays() {
        let embedded = fonts::embedded().unwrap();
        let run = spaced_run('ж', 200, 0.0);
        let id = run.glyphs[0].id;
        let exact = embedded.metrics.advance_units(Face::Regular, id) as f32 * 1000.0
            / embedded.metrics.units_per_em(Face::Regular);
        assert!(
            exact - embedded.pdf_width(Face::Regular, id) > 0.1,
            "{exact}"
        );
        let adjusted = offsets(&run).iter().filter(|&&n| n != 0.0).count();
        // Without the slack every glyph but the last had a fractional adjustment.
        assert!(adjusted < 200 / 2, "{adjusted} of 200 glyphs adjusted");
        let justified = spaced_run('ж', 200, 3.0);
        let adjusted = offsets(&justified).iter().filter(|&&n| n != 0.0).count();
        assert_eq!(adjusted, 199);
    }

    #[test]
    fn a_page_is_its_rules_then_its_runs_in_one_text_object() {
        let embedded = fonts::embedded().unwrap();
        // Two glyphs: the truncated /W width strays less than the slack.
        let plain = spaced_run('ж', 2, 0.0);
        let mut justified = spaced_run('ж', 3, 3.0);
        justified.x = 10.0;
        justified.baseline = 20.0;
        let page = Page {
            width: 200.0,
            height: 100.0,
            items: vec![
                Item::Rule(Rule {
                    x0: 0.0,
                    y0: 10.0,
                    x1: 50.0,
                    y1: 10.0,
                    width: 0.5,
                }),
                Item::Glyphs(plain.clone()),
                Item::Glyphs(justified),
            ],
        };
        let subsets = Subsets::of(std::slice::from_ref(&page));
        let code = subsets.code(Face::Regular, plain.glyphs[0].id);
        assert_eq!(code, 1);
        let text = String::from_utf8(super::page(&page, embedded, &subsets)).unwrap();
        // The code 0x0001 in a literal string is the two bytes \000 and \001.
        let expected = [
            "q",
            "0.5 w",
            "0 90 m",
            "50 90 l",
            "S",
            "Q",
            "BT",
            "/DKSERA 14 Tf",
            "0 100 Td",
            r"(\000\001\000\001) Tj",
            "10 -20 Td",
            r"[(\000\001) -215 (\000\001) -215 (\000\001)] TJ",
            "ET",
        ];
        assert_eq!(text.lines().collect::<Vec<_>>(), expected);
    }
}
