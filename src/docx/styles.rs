//! Named paragraph styles: [`ir::NamedStyle`] → `w:style` elements of styles.xml, and what each
//! paragraph inherits from its style.
//!
//! The document's styles are written when paragraphs use them, with the styles they are based
//! on, in the order the document declares them (so the same document gives the same bytes).
//! A style states what differs from the style it is based on, or from the document defaults:
//! alignment, spacing, indents, size, bold, italic, outline level. A style whose paragraphs all
//! stand in table cells also states the cells' widow control
//! ([`ir::Settings::cell_widow_control`]).

use docx_rs::{Style, StyleType};

use super::DocxError;
use super::paragraph::{self, Inherits};
use crate::ir;

/// Style ids the writer uses itself: docx-rs's default paragraph style and the hyphenated one.
const RESERVED: &[&str] = &["Normal", paragraph::HYPHENATED_STYLE];

/// The document's named styles, with what the writer learnt of their use.
pub(crate) struct Styles<'a> {
    named: &'a [ir::NamedStyle],
    /// Written to styles.xml: used by a paragraph, or the base of a written style.
    written: Vec<bool>,
    /// The widow control the style states or inherits: off when all its paragraphs stand in
    /// table cells (with [`ir::Settings::cell_widow_control`] off), the document's else.
    widow: Vec<bool>,
    settings: ir::Settings,
}

impl<'a> Styles<'a> {
    /// The styles of `doc` and their use; fails when a paragraph names a style the document
    /// does not hold, or a style takes an id the writer keeps for itself.
    pub(crate) fn new(doc: &'a ir::Document) -> Result<Self, DocxError> {
        let named = &doc.styles[..];
        let mut in_body = vec![false; named.len()];
        let mut in_cells = vec![false; named.len()];
        for block in doc.sections.iter().flat_map(|s| &s.blocks) {
            match block {
                ir::Block::Paragraph(p) => mark_use(&mut in_body, p)?,
                ir::Block::Table(t) => {
                    let cells = t.rows.iter().flat_map(|r| &r.cells);
                    for p in cells.flat_map(|c| &c.paragraphs) {
                        mark_use(&mut in_cells, p)?;
                    }
                }
            }
        }
        let mut written: Vec<bool> = (0..named.len())
            .map(|i| in_body[i] || in_cells[i])
            .collect();
        // Bases come before the styles built on them: one pass from the end marks them all.
        for index in (0..named.len()).rev() {
            if written[index]
                && let Some(base) = named[index].based_on
            {
                if base >= index {
                    return Err(DocxError::Invalid(format!(
                        "стиль «{}» основан на стиле, объявленном после него",
                        named[index].name
                    )));
                }
                written[base] = true;
            }
        }
        if let Some(style) = named.iter().find(|s| RESERVED.contains(&s.id.as_str())) {
            return Err(DocxError::Invalid(format!(
                "стиль «{}»: имя {} занято самим DOCX; нужно другое id",
                style.name, style.id
            )));
        }
        let widow = (0..named.len())
            .map(|i| widow_control(in_body[i], in_cells[i], &doc.settings))
            .collect();
        Ok(Styles {
            named,
            written,
            widow,
            settings: doc.settings,
        })
    }

    /// Widow and orphan control inside table cells.
    pub(crate) fn cell_widow_control(&self) -> bool {
        self.settings.cell_widow_control
    }

    /// What a paragraph of this style inherits.
    pub(crate) fn of(&self, p: &ir::ParaStyle) -> Inherits<'a> {
        if p.hyphenate {
            return Inherits {
                named: self.named,
                ..Inherits::HYPHENATED
            };
        }
        let paragraph_style = p
            .named
            .and_then(|i| Some((i, self.named.get(i)?)))
            .filter(|(_, s)| !s.character);
        match paragraph_style {
            Some((index, style)) => Inherits {
                para: &style.para,
                bold: style.bold,
                italic: style.italic,
                style: Some(&style.id),
                cell_widow: self.widow[index] == self.settings.cell_widow_control,
                named: self.named,
            },
            None => Inherits {
                named: self.named,
                ..Inherits::BODY
            },
        }
    }

    /// The `w:style` elements, in the document's order.
    pub(crate) fn docx(&self) -> Vec<Style> {
        (0..self.named.len())
            .filter(|&i| self.written[i])
            .map(|i| self.docx_style(i))
            .collect()
    }

    fn docx_style(&self, index: usize) -> Style {
        let named = &self.named[index];
        let base = named.based_on.map(|b| &self.named[b]);
        if named.character {
            return character_style(named, base);
        }
        let base_para = base.map_or(&ir::ParaStyle::DEFAULT, |b| &b.para);
        let para = &named.para;
        let mut style = Style::new(&named.id, StyleType::Paragraph).name(&named.name);
        if let Some(base) = base {
            style = style.based_on(&base.id);
        }
        if para.align != base_para.align {
            style = style.align(paragraph::alignment(para.align));
        }
        let (before, after, line) = paragraph::spacing_of(para);
        if (before, after, line) != paragraph::spacing_of(base_para) {
            style = style.line_spacing(paragraph::spacing(before, after, line));
        }
        let (left, first, right) = paragraph::indents_of(para);
        if (left, first, right) != paragraph::indents_of(base_para) {
            let special = paragraph::first_line(first);
            style = style.indent(Some(left), Some(special), Some(right), None);
        }
        if paragraph::half_points(para.font_size) != paragraph::half_points(base_para.font_size) {
            style = style.size(paragraph::half_points(para.font_size));
        }
        style = with_bold_italic(style, named, base);
        if named.outline_level != base.and_then(|b| b.outline_level) {
            // Word counts levels from 0; 9 is body text.
            let level = named.outline_level.map_or(9, |l| usize::from(l.max(1)) - 1);
            style = style.outline_lvl(level);
        }
        let inherited = named.based_on.is_none_or(|b| self.widow[b]);
        if self.widow[index] != inherited {
            style.paragraph_property = style.paragraph_property.widow_control(self.widow[index]);
        }
        style
    }
}

/// A character style: its name, its base, and the bold and italic it sets.
fn character_style(named: &ir::NamedStyle, base: Option<&ir::NamedStyle>) -> Style {
    let mut style = Style::new(&named.id, StyleType::Character).name(&named.name);
    if let Some(base) = base {
        style = style.based_on(&base.id);
    }
    with_bold_italic(style, named, base)
}

/// `style` stating the bold and italic of `named` that differ from its base's.
fn with_bold_italic(
    mut style: Style,
    named: &ir::NamedStyle,
    base: Option<&ir::NamedStyle>,
) -> Style {
    if named.bold != base.is_some_and(|b| b.bold) {
        style.run_property = if named.bold {
            style.run_property.bold()
        } else {
            style.run_property.disable_bold()
        };
    }
    if named.italic != base.is_some_and(|b| b.italic) {
        style.run_property = if named.italic {
            style.run_property.italic()
        } else {
            style.run_property.disable_italic()
        };
    }
    style
}

/// Marks the styles `p` and its runs name as used; a name past the document's styles is an
/// error.
fn mark_use(used: &mut [bool], p: &ir::Paragraph) -> Result<(), DocxError> {
    let runs = p.inlines.iter().filter_map(|inline| match inline {
        ir::Inline::Text(text) => text.named,
        ir::Inline::LineBreak => None,
    });
    for index in p.style.named.into_iter().chain(runs) {
        let count = used.len();
        *used.get_mut(index).ok_or_else(|| {
            DocxError::Invalid(format!(
                "абзац ссылается на стиль № {}, а в документе их {count}",
                index + 1
            ))
        })? = true;
    }
    Ok(())
}

/// The widow control of a style's paragraphs: the cells' when they all stand in cells.
fn widow_control(in_body: bool, in_cells: bool, settings: &ir::Settings) -> bool {
    if in_cells && !in_body {
        settings.cell_widow_control
    } else {
        settings.widow_control
    }
}

#[cfg(test)]
mod tests {
    use docx_rs::BuildXML;

    use super::*;

    fn named(id: &str, based_on: Option<usize>, para: ir::ParaStyle) -> ir::NamedStyle {
        ir::NamedStyle {
            id: id.to_owned(),
            name: format!("Стиль {id}"),
            based_on,
            para,
            ..Default::default()
        }
    }

    fn paragraph(named: usize) -> ir::Paragraph {
        ir::Paragraph {
            style: ir::ParaStyle {
                named: Some(named),
                ..Default::default()
            },
            inlines: Vec::new(),
            origin: Default::default(),
        }
    }

    /// A document with these styles, a body paragraph of `body` and a table cell of `cell`.
    fn doc(styles: Vec<ir::NamedStyle>, body: usize, cell: usize) -> ir::Document {
        let table = ir::Table {
            columns: vec![100.0],
            rows: vec![ir::Row {
                cells: vec![ir::Cell {
                    paragraphs: vec![paragraph(cell)],
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        };
        ir::Document {
            styles,
            sections: vec![ir::Section {
                blocks: vec![
                    ir::Block::Paragraph(paragraph(body)),
                    ir::Block::Table(table),
                ],
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn xml(styles: &Styles) -> Vec<String> {
        styles
            .docx()
            .iter()
            .map(|s| String::from_utf8(s.build()).unwrap())
            .collect()
    }

    #[test]
    fn used_styles_and_their_bases_are_written_in_order_stating_what_differs() {
        let text = ir::ParaStyle {
            font_size: 12.0,
            ..Default::default()
        };
        let stage = ir::ParaStyle {
            align: ir::Align::Center,
            ..text.clone()
        };
        let mut stage_style = named("stage", Some(1), stage);
        stage_style.bold = true;
        stage_style.outline_level = Some(2);
        let title = ir::ParaStyle {
            indent_first: 10.0,
            ..Default::default()
        };
        let document = doc(
            vec![
                named("unused", None, Default::default()),
                named("text", None, text),
                stage_style,
                named("title", None, title),
            ],
            3,
            2,
        );
        let styles = Styles::new(&document).unwrap();
        let out = xml(&styles);
        assert_eq!(
            out.len(),
            3,
            "text (the base of stage), stage, title: {out:?}"
        );
        let [text, stage, title] = &out[..] else {
            unreachable!()
        };
        assert!(text.contains(r#"w:styleId="text""#), "{text}");
        assert!(text.contains(r#"<w:sz w:val="24" />"#), "{text}");
        // text has no paragraphs of its own: the document defaults' widow control; stage's
        // all stand in cells: the cells'.
        assert!(stage.contains(r#"<w:basedOn w:val="text" />"#), "{stage}");
        assert!(
            stage.contains(r#"<w:name w:val="Стиль stage" />"#),
            "{stage}"
        );
        assert!(stage.contains(r#"<w:jc w:val="center" />"#), "{stage}");
        assert!(stage.contains(r#"<w:outlineLvl w:val="1" />"#), "{stage}");
        assert!(stage.contains("<w:b />"), "{stage}");
        assert!(!stage.contains("w:sz"), "the size is the base's: {stage}");
        assert!(
            stage.contains(r#"<w:widowControl w:val="0" />"#),
            "only in cells: {stage}"
        );
        assert!(title.contains(r#"w:firstLine="200""#), "{title}");
        assert!(!title.contains("widowControl"), "in the body: {title}");
        let inherits = styles.of(&paragraph(2).style);
        assert_eq!(inherits.style, Some("stage"));
        assert!(inherits.bold && inherits.cell_widow);
    }

    #[test]
    fn a_character_style_names_its_runs_which_state_only_what_it_does_not_toggle() {
        let mut label = named("label", None, Default::default());
        label.character = true;
        label.bold = true;
        let mut bold_para = named("title", None, Default::default());
        bold_para.bold = true;
        let run = |named: Option<usize>, bold: bool| {
            ir::Inline::Text(ir::Text {
                text: "а".to_owned(),
                bold,
                named,
                ..Default::default()
            })
        };
        let mut document = doc(vec![label, bold_para], 1, 1);
        let ir::Block::Paragraph(p) = &mut document.sections[0].blocks[0] else {
            unreachable!()
        };
        // A bold label in a bold paragraph: Word would toggle it off, so it says bold.
        p.inlines = vec![run(Some(0), true), run(None, true), run(None, false)];
        let styles = Styles::new(&document).unwrap();
        let out = xml(&styles);
        assert!(
            out[0].contains(r#"w:type="character""#) && out[0].contains("<w:b />"),
            "{out:?}"
        );
        let p = &document.sections[0].blocks[0];
        let ir::Block::Paragraph(p) = p else {
            unreachable!()
        };
        let built =
            String::from_utf8(paragraph::styled(p, false, styles.of(&p.style)).build()).unwrap();
        let runs: Vec<&str> = built.split("<w:r>").skip(1).collect();
        assert!(
            runs[0].contains(r#"<w:rStyle w:val="label" />"#) && runs[0].contains("<w:b />"),
            "{built}"
        );
        assert!(!runs[1].contains("<w:b"), "bold as its paragraph: {built}");
        assert!(runs[2].contains(r#"<w:b w:val="false" />"#), "{built}");
    }

    #[test]
    fn a_reserved_id_or_a_style_past_the_list_is_an_error() {
        let reserved = doc(vec![named("Normal", None, Default::default())], 0, 0);
        assert!(Styles::new(&reserved).is_err());
        let past = doc(vec![named("a", None, Default::default())], 0, 1);
        assert!(Styles::new(&past).is_err());
    }
}
