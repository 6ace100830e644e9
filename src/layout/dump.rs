//! The laid-out pages as text, for review: every glyph run with its position, face and size,
//! every rule, every page break. The samples' dumps are committed under `tests/layout/` and
//! compared in a test, so a change of layout shows in review as a diff, not only in a PDF.
//!
//! Positions are in points from the top-left corner, to hundredths (finer than any printer
//! shows; coarser than the noise of floating point). Rules are listed after the text of their
//! page, each once (as `Rule::key` tells them apart), in a fixed order.

use std::fmt::Write;

use super::{Item, Page};
use crate::fonts::Face;

/// The pages as text, one line per glyph run and per rule.
pub fn dump(pages: &[Page]) -> String {
    let mut out = String::new();
    for (n, page) in pages.iter().enumerate() {
        let _ = writeln!(
            out,
            "== page {} ({} x {})",
            n + 1,
            pt(page.width),
            pt(page.height)
        );
        for item in &page.items {
            if let Item::Glyphs(run) = item {
                let text: String = run.glyphs.iter().map(|g| shown(g.ch)).collect();
                let _ = writeln!(
                    out,
                    "text {} {} {} {} «{text}»",
                    pt(run.x),
                    pt(run.baseline),
                    face(run.face),
                    pt(run.size)
                );
            }
        }
        let mut rules: Vec<_> = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Rule(r) => Some(r.key()),
                Item::Glyphs(_) => None,
            })
            .collect();
        rules.sort_unstable();
        rules.dedup();
        for ([x0, y0], [x1, y1], width) in rules {
            let _ = writeln!(
                out,
                "rule {} {} {} {} w{}",
                hundredths(x0),
                hundredths(y0),
                hundredths(x1),
                hundredths(y1),
                pt(f32::from_bits(width))
            );
        }
    }
    out
}

/// A length to hundredths of a point, without trailing zeros: `56.7`, `12`.
fn pt(value: f32) -> String {
    hundredths((value * 100.0).round() as i32)
}

fn hundredths(h: i32) -> String {
    let sign = if h < 0 { "-" } else { "" };
    let (whole, frac) = (h.unsigned_abs() / 100, h.unsigned_abs() % 100);
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

fn face(face: Face) -> &'static str {
    match face {
        Face::Regular => "R",
        Face::Bold => "B",
        Face::Italic => "I",
        Face::BoldItalic => "BI",
        Face::Symbols => "S",
    }
}

/// A character as the dump shows it: spaces the layout keeps together and soft hyphens made
/// visible, so that a change of them shows in a diff.
fn shown(ch: char) -> char {
    match ch {
        '\u{a0}' => '⍽',
        '\u{ad}' => '¬',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_written_to_hundredths_without_trailing_zeros() {
        assert_eq!(pt(56.7), "56.7");
        assert_eq!(pt(12.0), "12");
        assert_eq!(pt(841.889_95), "841.89");
        assert_eq!(pt(-0.5), "-0.5");
        assert_eq!(pt(0.004), "0");
    }
}
