//! Flowing a section's blocks onto pages, then numbering the pages.
//!
//! Word's rules for paragraphs across pages:
//! - a line goes to the next page when it does not fit above the bottom margin; the space after a
//!   paragraph may run into the margin;
//! - the space before a paragraph is dropped at the top of a page that began by itself (not
//!   after a forced page break);
//! - `keep_together` moves a whole paragraph that would be split; `keep_with_next` moves a
//!   paragraph (and the chain of kept paragraphs before it) to the next page when the start of
//!   the following block would not fit on the same page;
//! - `page_break_before` starts a new page.
//!
//! Page numbers come last, when the section's page count is known: centred between the side
//! margins, their line starting `header_distance` below the top edge, from the second page of
//! each section, restarting at 1 with every section.

use super::flow::Flow;
use super::linebreak::{self, LineBox};
use super::table::{TableLayout, TallHeader};
use super::text::{self, TextStyle};
use super::{EPS, GlyphRun, Item, Page, PlacedGlyph};
use crate::fonts::Fonts;
use crate::ir::{self, Block, PageSetup};

/// A block measured and ready to be placed.
enum Prepared<'a> {
    Paragraph {
        lines: Vec<LineBox>,
        style: &'a ir::ParaStyle,
    },
    Table(TableLayout),
}

impl Prepared<'_> {
    /// Height of the whole block when it is a paragraph (without the last space after).
    fn paragraph_height(lines: &[LineBox]) -> f32 {
        lines.iter().map(LineBox::outer).sum::<f32>() - lines.last().map_or(0.0, |l| l.space_after)
    }

    /// Least height the block needs to start on a page. With widow control a paragraph starts
    /// with two lines, and one of two or three lines cannot split at all (it would leave one
    /// line alone): LibreOffice moves a paragraph kept with such a one when it does not fit
    /// whole (issue 24).
    fn min_start(&self, widow_control: bool) -> f32 {
        match self {
            Prepared::Paragraph { lines, style } => {
                if style.keep_together || (widow_control && lines.len() <= 3) {
                    Self::paragraph_height(lines)
                } else {
                    let n = if widow_control { 2 } else { 1 };
                    Self::paragraph_height(&lines[..n.min(lines.len())])
                }
            }
            Prepared::Table(t) => t.min_start(),
        }
    }
}

/// Lays out one section: its pages, numbered.
pub fn layout_section(section: &ir::Section, fonts: &Fonts) -> Vec<Page> {
    lay_out_section(section, &ir::Settings::default(), fonts).pages
}

/// A section laid out, with what the DOCX must be told to break its pages alike.
#[derive(Debug)]
pub struct SectionLaid {
    /// The pages, numbered.
    pub pages: Vec<Page>,
    /// Rows moved whole to the next page rather than split, as (block, row) indices.
    pub moved: Vec<(usize, usize)>,
    /// Tables whose header is too tall to repeat on every page, by block index: they are laid
    /// out with their header once, as body rows.
    pub tall_headers: Vec<(usize, TallHeader)>,
    /// Rows marked `cant_split` that are taller than a page and were split, as (block, row).
    pub unkept: Vec<(usize, usize)>,
}

/// Lays out one section.
pub fn lay_out_section(
    section: &ir::Section,
    settings: &ir::Settings,
    fonts: &Fonts,
) -> SectionLaid {
    let mut moved = Vec::new();
    let page = section.page.in_whole_twips();
    let mut flow = Flow::new(page, settings.widow_control);
    let width = flow.content_width();
    let left = flow.left();
    let body = flow.body_height();
    let blocks: Vec<Prepared> = section
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => Prepared::Paragraph {
                lines: linebreak::layout_paragraph(fonts, p, width),
                style: &p.style,
            },
            Block::Table(t) => Prepared::Table(TableLayout::new(fonts, t, settings, left, body)),
        })
        .collect();
    let mut tall_headers = Vec::new();
    let mut unkept = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if let Prepared::Table(t) = block {
            tall_headers.extend(t.tall_header().map(|h| (i, h.clone())));
            unkept.extend(t.unkept_rows().iter().map(|&r| (i, r)));
        }
    }

    for (i, block) in blocks.iter().enumerate() {
        match block {
            Prepared::Paragraph { lines, style } => {
                if style.page_break_before && !flow.is_empty() {
                    flow.new_page(true);
                }
                let body = flow.body_height();
                let mut need = if style.keep_together {
                    Prepared::paragraph_height(lines)
                } else {
                    0.0
                };
                // A chain of paragraphs kept with the next block moves whole or not at all: the
                // decision is its first paragraph's. When the whole chain cannot move (it would
                // not fit a page), the paragraphs in it stay, and the block after them goes on
                // alone (LibreOffice: a subtitle kept with a table whose header is too tall to
                // start on the title's page stays under the title; issue 24).
                let chained = i > 0
                    && matches!(&blocks[i - 1], Prepared::Paragraph { style, .. } if style.keep_with_next);
                if style.keep_with_next && !chained {
                    need = keep_chain_height(&blocks[i..], settings.widow_control);
                }
                if need > flow.remaining() + EPS && need <= body + EPS && !flow.is_empty() {
                    flow.new_page(false);
                }
                flow.place_lines(lines);
            }
            Prepared::Table(t) => moved.extend(t.place(&mut flow).into_iter().map(|r| (i, r))),
        }
    }
    let mut pages = flow.into_pages();
    if section.page_numbers {
        number_pages(&mut pages, &page, settings.page_number_size, fonts);
    }
    SectionLaid {
        pages,
        moved,
        tall_headers,
        unkept,
    }
}

/// Height of a chain of paragraphs kept with the next block, up to the start of the first block
/// that is not kept.
fn keep_chain_height(blocks: &[Prepared], widow_control: bool) -> f32 {
    let mut h = 0.0;
    for block in blocks {
        match block {
            Prepared::Paragraph { lines, style } if style.keep_with_next => {
                h += lines.iter().map(LineBox::outer).sum::<f32>();
            }
            other => return h + other.min_start(widow_control),
        }
    }
    h
}

/// Adds page numbers from the second page on.
fn number_pages(pages: &mut [Page], setup: &PageSetup, size: f32, fonts: &Fonts) {
    let style = TextStyle::plain(size);
    let baseline = setup.header_distance + fonts.single_line(style.face, style.size)
        - fonts.descent(style.face, style.size);
    let width = setup.width - setup.margin_left - setup.margin_right;
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        let label = (i + 1).to_string();
        let mut shaped = Vec::new();
        text::shape(fonts, &style, &label, &mut shaped);
        let w: f32 = shaped.iter().map(|g| g.advance).sum();
        let mut dx = 0.0;
        let glyphs = shaped
            .iter()
            .map(|g| {
                let p = PlacedGlyph {
                    id: g.id,
                    dx,
                    ch: g.ch,
                };
                dx += g.advance;
                p
            })
            .collect();
        // First in the content stream, as a header is read before the page's body.
        page.items.insert(
            0,
            Item::Glyphs(GlyphRun {
                face: style.face,
                size: style.size,
                x: setup.margin_left + (width - w) / 2.0,
                baseline,
                glyphs,
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Inline, ParaStyle, Paragraph, Section, Text};

    fn fonts() -> Fonts {
        Fonts::embedded().unwrap()
    }

    fn para(text: &str, style: ParaStyle) -> Block {
        let inlines = vec![Inline::Text(Text {
            text: text.into(),
            ..Default::default()
        })];
        Block::Paragraph(Paragraph {
            style,
            inlines,
            ..Default::default()
        })
    }

    fn section(blocks: Vec<Block>) -> Section {
        Section {
            page: PageSetup::default(),
            page_numbers: true,
            blocks,
        }
    }

    fn first_line_baseline(page: &Page) -> f32 {
        page.glyph_runs()
            .map(|r| r.baseline)
            .filter(|&b| b > PageSetup::default().margin_top)
            .fold(f32::MAX, f32::min)
    }

    /// 14 pt single lines: (842 − 2 × 56.7) / 16.1 ≈ 45.3, so 45 lines fill an A4 page.
    fn filler(n: usize) -> Vec<Block> {
        (0..n)
            .map(|i| para(&format!("строка {i}"), ParaStyle::default()))
            .collect()
    }

    #[test]
    fn page_numbers_from_the_second_page_restarting_per_section() {
        let fonts = fonts();
        let pages = layout_section(&section(filler(100)), &fonts);
        assert_eq!(pages.len(), 3);
        assert!(!pages[0].text().lines().any(|l| l == "1"));
        for (i, page) in pages.iter().enumerate().skip(1) {
            // The number is the first item, centred, in the top margin.
            let Some(Item::Glyphs(run)) = page.items.first() else {
                panic!()
            };
            let label: String = run.glyphs.iter().map(|g| g.ch).collect();
            assert_eq!(label, (i + 1).to_string());
            assert!(run.baseline < PageSetup::default().margin_top);
            assert!((run.x - (85.0 + 481.9 / 2.0)).abs() < 10.0, "{}", run.x);
        }
        let unnumbered = Section {
            page_numbers: false,
            ..section(filler(100))
        };
        let plain = layout_section(&unnumbered, &fonts);
        assert!(plain.iter().all(|p| {
            p.items
                .iter()
                .all(|i| !matches!(i, Item::Glyphs(r) if r.size == ir::Settings::default().page_number_size))
        }));
    }

    #[test]
    fn lines_fill_the_page_down_to_the_bottom_margin() {
        let pages = layout_section(&section(filler(46)), &fonts());
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].text().lines().count(), 45);
    }

    /// Issue 24 (seed 1's source 0376): pages are laid out in whole twips, as the DOCX states
    /// them: A4 is 595.3 pt high (11906 twips), not 595.276.
    #[test]
    fn pages_are_whole_twips_as_the_docx_states_them() {
        let pages = layout_section(&section(filler(3)), &fonts());
        assert_eq!(pages[0].height * 20.0, 16838.0);
        assert_eq!(pages[0].width * 20.0, 11906.0);
    }

    /// Issue 24 (seed 24's source 0146): a chain of kept paragraphs that cannot move whole
    /// (it starts the page) stays whole; its last paragraph does not go on alone with what
    /// follows.
    #[test]
    fn a_chain_of_kept_paragraphs_moves_whole_or_not_at_all() {
        let kept = ParaStyle {
            keep_with_next: true,
            ..Default::default()
        };
        let mut blocks = vec![para(&"слово ".repeat(40 * 14), kept.clone())];
        blocks.push(para("ПОДЗАГОЛОВОК", kept));
        let together = ParaStyle {
            keep_together: true,
            ..Default::default()
        };
        blocks.push(para(&"текст ".repeat(10 * 14), together));
        let pages = layout_section(&section(blocks), &fonts());
        assert!(pages[0].text().contains("ПОДЗАГОЛОВОК"));
        assert!(!pages[0].text().contains("текст"));
    }

    /// Issue 24 (seed 24's source 0192): with widow control a paragraph of two lines does not
    /// split, so a heading kept with it moves with it when only one of its lines would fit.
    #[test]
    fn a_heading_moves_with_a_two_line_paragraph_that_cannot_split() {
        let mut blocks = filler(43);
        let heading = ParaStyle {
            keep_with_next: true,
            ..Default::default()
        };
        blocks.push(para("ЗАГОЛОВОК", heading));
        blocks.push(para(&"текст ".repeat(20), ParaStyle::default()));
        let settings = ir::Settings {
            widow_control: true,
            ..Default::default()
        };
        let laid = lay_out_section(&section(blocks), &settings, &fonts());
        assert!(!laid.pages[0].text().contains("ЗАГОЛОВОК"));
        assert!(laid.pages[1].text().contains("ЗАГОЛОВОК"));
    }

    #[test]
    fn keep_with_next_moves_a_heading_to_the_next_page() {
        let mut blocks = filler(44);
        let heading = ParaStyle {
            keep_with_next: true,
            ..Default::default()
        };
        blocks.push(para("ЗАГОЛОВОК", heading));
        blocks.push(para(&"текст ".repeat(30), ParaStyle::default()));
        let pages = layout_section(&section(blocks), &fonts());
        assert!(!pages[0].text().contains("ЗАГОЛОВОК"));
        assert!(pages[1].text().contains("ЗАГОЛОВОК"));
    }

    #[test]
    fn keep_together_moves_a_paragraph_that_would_split() {
        let mut blocks = filler(43);
        let together = ParaStyle {
            keep_together: true,
            ..Default::default()
        };
        blocks.push(para(&"неделимый ".repeat(30), together));
        let pages = layout_section(&section(blocks), &fonts());
        assert!(!pages[0].text().contains("неделимый"));
    }

    #[test]
    fn page_break_before_starts_a_page_and_keeps_its_space_before() {
        let mut blocks = filler(3);
        let style = ParaStyle {
            page_break_before: true,
            space_before: 24.0,
            ..Default::default()
        };
        blocks.push(para("НОВАЯ СТРАНИЦА", style));
        let pages = layout_section(&section(blocks), &fonts());
        assert_eq!(pages.len(), 2);
        assert!(pages[1].text().starts_with("2\nНОВАЯ СТРАНИЦА"));
        let top = first_line_baseline(&pages[1]);
        let natural = first_line_baseline(&pages[0]);
        assert!((top - natural - 24.0).abs() < 0.01);
    }

    #[test]
    fn space_before_is_dropped_at_the_top_of_a_page_that_began_by_itself() {
        let mut blocks = filler(45);
        blocks.push(para(
            "ПЕРЕНОС",
            ParaStyle {
                space_before: 24.0,
                ..Default::default()
            },
        ));
        let pages = layout_section(&section(blocks), &fonts());
        assert!(pages[1].text().starts_with("2\nПЕРЕНОС"));
        assert!((first_line_baseline(&pages[1]) - first_line_baseline(&pages[0])).abs() < 0.01);
    }

    #[test]
    fn widow_and_orphan_control_keeps_two_lines_on_each_page() {
        let fonts = fonts();
        let three = "слово ".repeat(30); // three lines at 14 pt across the A4 text width
        let lines = linebreak::layout_paragraph(
            &fonts,
            &match para(&three, ParaStyle::default()) {
                Block::Paragraph(p) => p,
                _ => unreachable!(),
            },
            481.9,
        );
        assert_eq!(lines.len(), 3);
        // 44 lines leave room for one: the three-line paragraph moves whole.
        let mut blocks = filler(44);
        blocks.push(para(&three, ParaStyle::default()));
        let pages = layout_section(&section(blocks), &fonts);
        assert!(!pages[0].text().contains("слово"));
        // 43 lines leave room for two, but 2 + 1 leaves a widow and 1 + 2 an orphan: it moves.
        let mut blocks = filler(43);
        blocks.push(para(&three, ParaStyle::default()));
        let pages = layout_section(&section(blocks), &fonts);
        assert!(!pages[0].text().contains("слово"));
        // 42 lines leave room for all three.
        let mut blocks = filler(42);
        blocks.push(para(&three, ParaStyle::default()));
        let pages = layout_section(&section(blocks), &fonts);
        assert_eq!(pages[0].text().matches("слово").count(), 30);
        // A four-line paragraph splits 2 + 2 after 43 lines.
        let mut blocks = filler(43);
        blocks.push(para(&"слово ".repeat(45), ParaStyle::default()));
        let pages = layout_section(&section(blocks), &fonts);
        assert_eq!(
            pages[0]
                .text()
                .lines()
                .filter(|l| l.contains("слово"))
                .count(),
            2
        );
    }
}
