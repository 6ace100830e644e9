//! Inline content: text runs with XML whitespace collapsed, and forced line breaks.

use super::Run;
use crate::ir::{Inline, Text};

/// Inline content being collected into one paragraph, with XML whitespace collapsed as it
/// arrives: a run of spaces, tabs and newlines becomes one space, none at the start of a line.
#[derive(Default)]
pub(super) struct Line {
    inlines: Vec<Inline>,
}

impl Line {
    fn at_space(&self) -> bool {
        match self.inlines.last() {
            None | Some(Inline::LineBreak) => true,
            Some(Inline::Text(t)) => t.text.ends_with(' '),
        }
    }

    pub(super) fn push_text(&mut self, raw: &str, run: Run) {
        let mut collapsed = String::with_capacity(raw.len());
        let mut space = self.at_space();
        for c in raw.chars() {
            if is_xml_space(c) {
                if !space {
                    collapsed.push(' ');
                    space = true;
                }
            } else {
                collapsed.push(c);
                space = false;
            }
        }
        if collapsed.is_empty() {
            return;
        }
        if let Some(Inline::Text(last)) = self.inlines.last_mut()
            && last.bold == run.bold
            && last.italic == run.italic
            && last.underline == run.underline
            && last.letter_spacing == run.letter_spacing
            && last.named == run.named
        {
            last.text.push_str(&collapsed);
            return;
        }
        self.inlines.push(Inline::Text(Text {
            text: collapsed,
            bold: run.bold,
            italic: run.italic,
            underline: run.underline,
            letter_spacing: run.letter_spacing,
            named: run.named,
        }));
    }

    pub(super) fn push_break(&mut self) {
        self.trim_end();
        self.inlines.push(Inline::LineBreak);
    }

    /// Drops the space at the end of the current line.
    fn trim_end(&mut self) {
        while let Some(Inline::Text(last)) = self.inlines.last_mut() {
            let trimmed = last.text.trim_end_matches(' ').len();
            last.text.truncate(trimmed);
            if !last.text.is_empty() {
                break;
            }
            self.inlines.pop();
        }
    }

    pub(super) fn finish(mut self) -> Vec<Inline> {
        self.trim_end();
        self.inlines
    }
}

/// XML whitespace only: U+00A0 and other Unicode spaces are content.
pub(super) fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}
