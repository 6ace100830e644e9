//! Paragraphs and runs: [`ir::Paragraph`] → a docx-rs paragraph.

use docx_rs::{
    AlignmentType, BreakType, LineSpacing, LineSpacingType, Paragraph, Run, RunFonts, RunProperty,
    SpecialIndentType, Tab, TabValueType,
};

use super::xml::is_xml_char;
use crate::fonts;
use crate::ir;

/// The paragraph style of paragraphs that may be hyphenated. Word hyphenates per document
/// (`w:autoHyphenation` in the settings) and lets paragraphs opt out; the finishing pass
/// makes every paragraph opt out in the document defaults and this style opt back in.
pub(crate) const HYPHENATED_STYLE: &str = "Hyphenated";

pub(crate) use crate::ir::twips;

/// Points to half-points, the unit of font sizes; at least 1.
pub(crate) fn half_points(points: f32) -> usize {
    ((points * 2.0).round() as usize).max(1)
}

/// Size of the document's text (14 pt, ГОСТ Р 7.0.97). The font and this size are named
/// once, in the document defaults ([`default_fonts`], [`default_half_points`]); a run states
/// only a size that differs. Naming both on every run tripled the size of `document.xml` (an
/// `rFonts` of four names on each run and paragraph mark), and the time to write, check and
/// deflate it.
pub(crate) const DEFAULT_SIZE: f32 = 14.0;

/// The document's font in all four slots, so Cyrillic, Latin and any complex-script text
/// agree; for the document defaults.
pub(crate) fn default_fonts(family: &str) -> RunFonts {
    RunFonts::new()
        .ascii(family)
        .hi_ansi(family)
        .cs(family)
        .east_asia(family)
}

/// The default size in half-points, for the document defaults.
pub(crate) fn default_half_points() -> usize {
    half_points(DEFAULT_SIZE)
}

/// What a paragraph inherits, so that it states only what differs: the formatting of its named
/// style (see `styles.rs`), or of the document defaults when it has none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Inherits<'a> {
    /// Alignment, size, spacing and indents the paragraph starts from.
    pub para: &'a ir::ParaStyle,
    /// Runs are bold, italic unless they say otherwise.
    pub bold: bool,
    pub italic: bool,
    /// The style the paragraph names (`w:pStyle`); none for the document defaults.
    pub style: Option<&'a str>,
    /// The style states the widow control of table cells
    /// ([`ir::Settings::cell_widow_control`]), so a cell paragraph need not.
    pub cell_widow: bool,
    /// The document's named styles, for the character styles runs name.
    pub named: &'a [ir::NamedStyle],
}

impl Inherits<'static> {
    /// The document defaults: [`ir::ParaStyle::DEFAULT`], which the defaults in styles.xml
    /// state (the font, 14 pt, single lines, widow control).
    pub(crate) const BODY: Inherits<'static> = Inherits {
        para: &ir::ParaStyle::DEFAULT,
        bold: false,
        italic: false,
        style: None,
        // The defaults state the body's widow control; a cell paragraph states its own.
        cell_widow: false,
        named: &[],
    };

    /// The hyphenated style: the document defaults with hyphenation on.
    pub(crate) const HYPHENATED: Inherits<'static> = Inherits {
        style: Some(HYPHENATED_STYLE),
        ..Inherits::BODY
    };
}

impl Inherits<'_> {
    /// The size a run states, in half-points: none for the inherited size.
    fn own_size(self, size: f32) -> Option<usize> {
        let half = half_points(size);
        (half != half_points(self.para.font_size)).then_some(half)
    }
}

/// An empty run at this size, in the document's font.
pub(crate) fn run(size: f32, inherits: Inherits) -> Run {
    match inherits.own_size(size) {
        Some(size) => Run::new().size(size),
        None => Run::new(),
    }
}

/// Run properties of a paragraph mark: they set the height of an empty paragraph.
fn mark(size: f32, inherits: Inherits) -> RunProperty {
    match inherits.own_size(size) {
        Some(size) => RunProperty::new().size(size),
        None => RunProperty::new(),
    }
}

/// A paragraph in the style `inherits` names.
fn in_style(inherits: Inherits) -> Paragraph {
    match inherits.style {
        Some(style) => Paragraph::new().style(style),
        None => Paragraph::new(),
    }
}

/// Single lines, nothing before or after: the document defaults' spacing. A paragraph states
/// only other spacing; on every table cell paragraph, a `w:spacing` restating the default was a
/// fifth of `document.xml`.
pub(crate) fn default_spacing() -> LineSpacing {
    spacing(0, 0, 240)
}

pub(crate) fn spacing(before: u32, after: u32, line: i32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(line)
        .line_rule(LineSpacingType::Auto)
}

/// A paragraph with no text in this size, in the style `inherits` names.
pub(crate) fn empty(size: f32, inherits: Inherits) -> Paragraph {
    in_style(inherits).run_property(mark(size, inherits))
}

/// The paragraph that ends a section after a table: 1 pt high, so it never pushes a page.
pub(crate) fn section_end() -> Paragraph {
    Paragraph::new()
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(20)
                .line_rule(LineSpacingType::Exact),
        )
        .run_property(mark(1.0, Inherits::BODY))
}

pub(crate) fn alignment(align: ir::Align) -> AlignmentType {
    match align {
        ir::Align::Left => AlignmentType::Left,
        ir::Align::Center => AlignmentType::Center,
        ir::Align::Right => AlignmentType::Right,
        ir::Align::Justify => AlignmentType::Both,
    }
}

/// Space before and after in twips, and the line as `w:line` (240 per single line).
pub(crate) fn spacing_of(s: &ir::ParaStyle) -> (u32, u32, i32) {
    (
        twips(s.space_before).max(0) as u32,
        twips(s.space_after).max(0) as u32,
        (240.0 * s.line_spacing).round().max(1.0) as i32,
    )
}

/// Left, first-line and right indents in twips.
pub(crate) fn indents_of(s: &ir::ParaStyle) -> (i32, i32, i32) {
    (
        twips(s.indent_left),
        twips(s.indent_first),
        twips(s.indent_right),
    )
}

/// A first-line indent in twips: negative hangs.
pub(crate) fn first_line(twips: i32) -> SpecialIndentType {
    if twips >= 0 {
        SpecialIndentType::FirstLine(twips)
    } else {
        SpecialIndentType::Hanging(-twips)
    }
}

/// The paragraph, stating what it does not inherit; with `keep_next`, it is kept with the next
/// one whatever its own style says (for rows kept with the next row).
pub(crate) fn styled(p: &ir::Paragraph, keep_next: bool, inherits: Inherits) -> Paragraph {
    let style = &p.style;
    let base = inherits.para;
    let mut para = in_style(inherits).run_property(mark(style.font_size, inherits));
    if style.align != base.align {
        para = para.align(alignment(style.align));
    }
    let (before, after, line) = spacing_of(style);
    if (before, after, line) != spacing_of(base) {
        para = para.line_spacing(spacing(before, after, line));
    }
    let (left, first, right) = indents_of(style);
    let (_, base_first, _) = indents_of(base);
    if (left, first, right) != indents_of(base) {
        // A first line at the left indent is stated only against a base that moves it.
        let special = (first != 0 || base_first != 0).then(|| first_line(first));
        para = para.indent(Some(left), special, Some(right), None);
    }
    if style.keep_with_next || keep_next {
        para = para.keep_next(true);
    }
    if style.keep_together {
        para = para.keep_lines(true);
    }
    if style.page_break_before {
        para = para.page_break_before(true);
    }
    if let Some(bullet) = &style.bullet {
        // The text starts at the left indent: a tab stop there takes the text after the
        // bullet to it, in every client, whatever the default tab stops are.
        if style.indent_left > 0.0 {
            para = para.add_tab(
                Tab::new()
                    .val(TabValueType::Left)
                    .pos(twips(style.indent_left) as usize),
            );
        }
        // The bullet is plain text, whatever the style's.
        let plain = ir::Text {
            text: bullet.clone(),
            ..ir::Text::default()
        };
        para = para.add_run(text_run(&plain, style.font_size, inherits).add_tab());
    }
    for inline in &p.inlines {
        match inline {
            ir::Inline::Text(text) => {
                for (piece, symbols) in by_font(text) {
                    let mut run = text_run(&piece, style.font_size, inherits);
                    if symbols {
                        run = run.fonts(default_fonts(fonts::DOCX_SYMBOLS_FAMILY));
                    }
                    para = para.add_run(run);
                }
            }
            ir::Inline::LineBreak => {
                para =
                    para.add_run(run(style.font_size, inherits).add_break(BreakType::TextWrapping));
            }
        }
    }
    para
}

/// The text cut where the face drawing it changes: the characters the PDF draws with the
/// fallback face ([`fonts::Face::Symbols`], decided by [`fonts::Fonts::shape_char`], as layout
/// does) come as pieces of their own, flagged, for runs that name the same font, so that Word
/// and LibreOffice measure them alike. Text with none of them is one piece, not copied.
fn by_font(text: &ir::Text) -> Vec<(std::borrow::Cow<'_, ir::Text>, bool)> {
    use std::borrow::Cow;
    let Ok(fonts) = fonts::shared() else {
        return vec![(Cow::Borrowed(text), false)];
    };
    let face = fonts::Face::select(text.bold, text.italic);
    let symbols = |ch: char| fonts.shape_char(face, ch, 1.0).0 == fonts::Face::Symbols;
    if !text.text.chars().any(symbols) {
        return vec![(Cow::Borrowed(text), false)];
    }
    let mut pieces: Vec<(Cow<'_, ir::Text>, bool)> = Vec::new();
    for ch in text.text.chars() {
        let flag = symbols(ch);
        match pieces.last_mut() {
            Some((piece, last)) if *last == flag => piece.to_mut().text.push(ch),
            _ => pieces.push((
                Cow::Owned(ir::Text {
                    text: ch.to_string(),
                    ..text.clone()
                }),
                flag,
            )),
        }
    }
    pieces
}

/// A run of text in one style. Non-breaking spaces stay U+00A0. A newline or a tab inside the
/// text (the IR should give a line break as [`ir::Inline::LineBreak`]; docx-rs would drop a
/// newline and write a tab as plain text) becomes a break or a tab; other characters XML 1.0
/// cannot hold (control characters, U+FFFE, U+FFFF) are left out, since Word refuses a
/// document that contains them.
fn text_run(text: &ir::Text, size: f32, inherits: Inherits) -> Run {
    let mut run = run(size, inherits);
    let mut pending = String::new();
    for c in text.text.chars() {
        match c {
            '\n' | '\t' => {
                if !pending.is_empty() {
                    run = run.add_text(std::mem::take(&mut pending));
                }
                run = if c == '\n' {
                    run.add_break(BreakType::TextWrapping)
                } else {
                    run.add_tab()
                };
            }
            '\r' => {}
            c if is_xml_char(c) => pending.push(c),
            _ => {}
        }
    }
    if !pending.is_empty() {
        run = run.add_text(pending);
    }
    // A character style names the run; Word toggles bold and italic it sets against the
    // paragraph style's, so a bold run in a bold character style of a bold paragraph says so.
    let (mut bold, mut italic) = (inherits.bold, inherits.italic);
    if let Some(style) = text
        .named
        .and_then(|i| inherits.named.get(i))
        .filter(|s| s.character)
    {
        run = run.style(&style.id);
        bold ^= style.bold;
        italic ^= style.italic;
    }
    match (text.bold, bold) {
        (true, false) => run = run.bold(),
        (false, true) => run = run.disable_bold(),
        _ => {}
    }
    match (text.italic, italic) {
        (true, false) => run = run.italic(),
        (false, true) => run = run.disable_italic(),
        _ => {}
    }
    if text.underline {
        run = run.underline("single");
    }
    let spacing = twips(text.letter_spacing);
    if spacing != 0 {
        run = run.character_spacing(spacing);
    }
    run
}

#[cfg(test)]
mod tests {
    use docx_rs::BuildXML;

    use super::*;
    use crate::ir::{Inline, ParaStyle, Text};

    fn xml(style: ParaStyle, inlines: Vec<Inline>) -> String {
        let p = ir::Paragraph {
            style,
            inlines,
            ..Default::default()
        };
        String::from_utf8(styled(&p, false, Inherits::BODY).build()).unwrap()
    }

    fn text(s: &str) -> Inline {
        Inline::Text(Text {
            text: s.to_owned(),
            ..Text::default()
        })
    }

    #[test]
    fn justify_indents_spacing_and_keeps_are_written() {
        let style = ParaStyle {
            align: ir::Align::Justify,
            font_size: 12.0,
            line_spacing: 1.5,
            space_before: 6.0,
            space_after: 3.0,
            indent_left: 10.0,
            indent_right: 5.0,
            indent_first: 35.45,
            keep_with_next: true,
            keep_together: true,
            page_break_before: true,
            ..ParaStyle::default()
        };
        let out = xml(style, vec![text("а")]);
        assert!(out.contains(r#"<w:jc w:val="both" />"#), "{out}");
        assert!(
            out.contains(
                r#"<w:spacing w:before="120" w:after="60" w:line="360" w:lineRule="auto" />"#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"w:left="200""#) && out.contains(r#"w:right="100""#),
            "{out}"
        );
        assert!(out.contains(r#"w:firstLine="709""#), "{out}");
        for element in ["<w:keepNext />", "<w:keepLines />", "<w:pageBreakBefore />"] {
            assert!(out.contains(element), "{element} in {out}");
        }
        assert!(out.contains(r#"<w:sz w:val="24" />"#), "{out}");
        // The font is the document default's, named once in styles.xml, not on every run.
        assert!(!out.contains("w:rFonts"), "{out}");
    }

    #[test]
    fn what_the_defaults_or_the_named_style_give_is_not_restated() {
        let plain = |size: f32| ParaStyle {
            font_size: size,
            ..ParaStyle::default()
        };
        let build = |style: ParaStyle, inlines: Vec<Inline>, inherits: Inherits| {
            let p = ir::Paragraph {
                style,
                inlines,
                ..Default::default()
            };
            String::from_utf8(styled(&p, false, inherits).build()).unwrap()
        };
        // Left-aligned, single-spaced body text at the body size: nothing to state.
        let body = build(plain(DEFAULT_SIZE), vec![text("а")], Inherits::BODY);
        for element in ["w:jc", "w:spacing", "w:sz", "w:pStyle", "w:ind"] {
            assert!(!body.contains(element), "{element} in {body}");
        }
        // A paragraph of a centred, bold, indented 12 pt style names it and states nothing
        // its style gives: not the size, the alignment, the indent, nor bold on its runs.
        let stage = ParaStyle {
            align: ir::Align::Center,
            indent_first: 20.0,
            ..plain(12.0)
        };
        let named = Inherits {
            para: &stage,
            bold: true,
            italic: false,
            style: Some("stage"),
            cell_widow: true,
            named: &[],
        };
        let bold = Inline::Text(Text {
            text: "этап".to_owned(),
            bold: true,
            ..Text::default()
        });
        let same = build(stage.clone(), vec![bold], named);
        assert!(same.contains(r#"<w:pStyle w:val="stage" />"#), "{same}");
        for element in ["w:jc", "w:spacing", "w:sz", "w:ind", "<w:b"] {
            assert!(!same.contains(element), "{element} in {same}");
        }
        // What differs is stated, back to the defaults included: left, no first-line indent,
        // a run that is not bold.
        let other = build(
            ParaStyle {
                align: ir::Align::Left,
                indent_first: 0.0,
                ..stage.clone()
            },
            vec![text("а")],
            named,
        );
        assert!(other.contains(r#"<w:jc w:val="left" />"#), "{other}");
        assert!(other.contains(r#"w:firstLine="0""#), "{other}");
        assert!(other.contains(r#"<w:b w:val="false" />"#), "{other}");
        // A hyphenated paragraph names the hyphenated style and states its size.
        let hyphenated = build(plain(12.0), vec![text("а")], Inherits::HYPHENATED);
        assert!(hyphenated.contains(r#"w:val="Hyphenated""#), "{hyphenated}");
        assert_eq!(hyphenated.matches("<w:sz ").count(), 2, "{hyphenated}");
    }

    #[test]
    fn a_bullet_is_its_text_a_tab_and_a_hanging_indent_with_a_tab_stop() {
        let style = ParaStyle {
            bullet: Some("–".to_owned()),
            indent_left: 10.0,
            indent_first: -10.0,
            ..ParaStyle::default()
        };
        let out = xml(style, vec![text("пункт")]);
        assert!(
            out.contains(r#"w:left="200""#) && out.contains(r#"w:hanging="200""#),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:tab w:val="left" w:pos="200" />"#),
            "{out}"
        );
        let bullet = out.find(">–<").expect("the bullet text");
        let tab = out.find("<w:tab />").expect("a tab after the bullet");
        let item = out.find(">пункт<").expect("the item text");
        assert!(bullet < tab && tab < item, "{out}");
    }

    #[test]
    fn runs_keep_nbsp_styles_letter_spacing_and_breaks() {
        let styled = Inline::Text(Text {
            text: "П Р И К А З".to_owned(),
            bold: true,
            italic: true,
            underline: true,
            letter_spacing: 3.0,
            named: None,
        });
        let out = xml(
            ParaStyle::default(),
            vec![text("№\u{a0}206"), Inline::LineBreak, styled, text("а\nб")],
        );
        assert!(out.contains("№\u{a0}206"), "{out}");
        assert!(out.contains("<w:b />") && out.contains("<w:i />"), "{out}");
        assert!(out.contains(r#"<w:u w:val="single" />"#), "{out}");
        assert!(out.contains(r#"<w:spacing w:val="60" />"#), "{out}");
        assert_eq!(
            out.matches(r#"<w:br w:type="textWrapping" />"#).count(),
            2,
            "{out}"
        );
        assert!(out.contains(">а<") && out.contains(">б<"), "{out}");
    }

    #[test]
    fn tabs_become_tabs_and_characters_xml_cannot_hold_are_left_out() {
        let out = xml(ParaStyle::default(), vec![text("а\tб\u{1}\u{FFFF}в\r")]);
        assert!(
            out.contains(">а<") && out.contains("<w:tab />") && out.contains(">бв<"),
            "{out}"
        );
        assert!(
            !out.contains('\u{1}') && !out.contains('\u{FFFF}') && !out.contains('\r'),
            "{out}"
        );
    }

    #[test]
    fn an_empty_paragraph_keeps_its_size_through_the_mark() {
        let out = xml(
            ParaStyle {
                font_size: 12.0,
                ..ParaStyle::default()
            },
            vec![],
        );
        assert!(out.contains(r#"<w:sz w:val="24" />"#), "{out}");
        assert!(!out.contains("<w:r>"), "{out}");
    }
}
