//! The page being filled: where the next line goes, when a new page starts, and Word's rules
//! for the lines of a paragraph at a page break. Body paragraphs ([`super::pages`]) and table
//! rows ([`super::table`]) are both placed through it.

use super::linebreak::LineBox;
use super::{EPS, Item, Page};
use crate::ir::PageSetup;

/// The page being filled, and the pages before it.
#[derive(Debug)]
pub struct Flow {
    setup: PageSetup,
    pages: Vec<Page>,
    /// Where the next thing goes, from the top edge.
    pub y: f32,
    /// Nothing was placed on the current page yet.
    empty: bool,
    /// The current page began by a forced break (or is the section's first).
    forced_top: bool,
    /// A paragraph split across pages keeps at least two lines on each page
    /// ([`crate::ir::Settings::widow_control`]).
    widow_control: bool,
}

impl Flow {
    pub fn new(setup: PageSetup, widow_control: bool) -> Flow {
        let mut flow = Flow {
            setup,
            widow_control,
            pages: Vec::new(),
            y: 0.0,
            empty: true,
            forced_top: true,
        };
        flow.new_page(true);
        flow
    }

    /// Starts a new page; `forced` for a page break asked for by the document.
    pub fn new_page(&mut self, forced: bool) {
        self.pages.push(Page {
            width: self.setup.width,
            height: self.setup.height,
            items: Vec::new(),
        });
        self.y = self.setup.margin_top;
        self.empty = true;
        self.forced_top = forced;
    }

    pub fn is_empty(&self) -> bool {
        self.empty
    }

    pub fn mark_used(&mut self) {
        self.empty = false;
    }

    pub fn bottom(&self) -> f32 {
        self.setup.height - self.setup.margin_bottom
    }

    pub fn remaining(&self) -> f32 {
        self.bottom() - self.y
    }

    pub fn left(&self) -> f32 {
        self.setup.margin_left
    }

    pub fn content_width(&self) -> f32 {
        self.setup.width - self.setup.margin_left - self.setup.margin_right
    }

    pub fn body_height(&self) -> f32 {
        self.setup.height - self.setup.margin_top - self.setup.margin_bottom
    }

    /// The pages filled, the current one last.
    pub fn into_pages(self) -> Vec<Page> {
        self.pages
    }

    /// Items of the current page.
    pub fn items(&mut self) -> &mut Vec<Item> {
        &mut self
            .pages
            .last_mut()
            .expect("a flow always has a page")
            .items
    }

    /// Places the lines of a paragraph.
    pub fn place_lines(&mut self, lines: &[LineBox]) {
        let x = self.left();
        let mut i = 0;
        while i < lines.len() {
            let fit = self.lines_that_fit(&lines[i..]);
            let rest = lines.len() - i - fit;
            let mut take = fit;
            if self.widow_control && rest > 0 && !self.empty {
                // Leave at least two lines at the bottom (orphans) and carry at least two over
                // (widows), or move the paragraph's remainder whole.
                take = take.saturating_sub(2usize.saturating_sub(rest));
                if i == 0 && take < 2 {
                    take = 0;
                }
            }
            if take == 0 && !self.empty {
                self.new_page(false);
                continue;
            }
            // On an empty page at least one line goes, whatever the rules.
            let take = take.max(1);
            for line in &lines[i..i + take] {
                self.y += self.space_before(line);
                let y = self.y;
                self.items()
                    .extend(line.items.iter().map(|it| it.moved(x, y)));
                self.y += line.height + line.space_after;
                self.empty = false;
            }
            i += take;
            if i < lines.len() {
                self.new_page(false);
            }
        }
    }

    /// Space before a line: dropped at the top of a page that began by itself.
    fn space_before(&self, line: &LineBox) -> f32 {
        if self.empty && !self.forced_top {
            0.0
        } else {
            line.space_before
        }
    }

    /// How many of `lines` fit from the current position.
    fn lines_that_fit(&self, lines: &[LineBox]) -> usize {
        let mut y = self.y;
        let mut empty = self.empty;
        for (n, line) in lines.iter().enumerate() {
            let before = if empty && !self.forced_top {
                0.0
            } else {
                line.space_before
            };
            if y + before + line.height > self.bottom() + EPS {
                return n;
            }
            y += before + line.height + line.space_after;
            empty = false;
        }
        lines.len()
    }
}
