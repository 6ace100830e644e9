//! The page description: a small XHTML subset (docs/page-description.md) → [`crate::ir::Document`].
//!
//! Templates write the page description; this module checks it strictly (an unknown element or
//! attribute, a bad value or a misplaced element is an error with line and column) and resolves
//! every style, so the writers never look anything up. Paragraph-style attributes are inherited
//! down the tree, as in CSS; lengths carry units and become points.

mod inline;
mod styles;
mod table;
mod tags;
mod values;

use roxmltree::Node;

use inline::{Line, is_xml_space};

use crate::diag::{Diagnostic, Pos};
use crate::ir::{Block, Document, Origin, PageSetup, ParaStyle, Paragraph, Section, mm};
use tags::{SOURCE_ATTR, Tag};
use values::Expected;

/// Parses a page description into the document IR, or returns every problem found.
pub fn parse(xhtml: &str) -> Result<Document, Vec<Diagnostic>> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let doc = match roxmltree::Document::parse_with_options(xhtml, options) {
        Ok(doc) => doc,
        Err(e) => {
            let p = e.pos();
            return Err(vec![
                Diagnostic::error(
                    Pos::new(p.row, p.col),
                    "",
                    format!("описание страницы — не правильный XML: {e}"),
                )
                .with_hint("каждый элемент закрыт (<br/>), значения атрибутов в кавычках, «&» записан как &amp;"),
            ]);
        }
    };
    if let Some(diag) = too_deep(&doc) {
        return Err(vec![diag]);
    }
    let mut parser = Parser {
        doc: &doc,
        diags: Vec::new(),
        line_starts: std::iter::once(0)
            .chain(xhtml.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        text: xhtml,
        styles: Vec::new(),
    };
    let document = parser.document(doc.root_element());
    if parser.diags.is_empty() {
        Ok(document)
    } else {
        // In reading order, whatever order the checks ran in.
        parser.diags.sort_by_key(|a| a.pos);
        Err(parser.diags)
    }
}

/// The deepest elements may nest in a page description. The parser below reads it by
/// recursion (inline elements inside inline elements), so a template writing 100,000 nested
/// `<b>` would overflow the stack; the built-in templates nest about 10 deep.
pub const DEPTH_LIMIT: usize = 100;

/// The first element nested deeper than [`DEPTH_LIMIT`], as a diagnostic. roxmltree itself
/// parses without recursion and has no such limit; this walk has none either (one depth per
/// node, in document order, where every parent comes before its children).
fn too_deep(doc: &roxmltree::Document) -> Option<Diagnostic> {
    let mut depths = vec![0usize; doc.descendants().count() + 1];
    for node in doc.descendants() {
        let parent = node.parent().map_or(0, |p| depths[p.id().get_usize()]);
        let depth = parent + usize::from(node.is_element());
        depths[node.id().get_usize()] = depth;
        if depth > DEPTH_LIMIT {
            let p = doc.text_pos_at(node.range().start);
            let mut diag = Diagnostic::error(
                Pos::new(p.row, p.col),
                "",
                format!(
                    "элементы описания страницы вложены глубже {DEPTH_LIMIT} уровней \
                         (здесь <{}>)",
                    node.tag_name().name()
                ),
            )
            .with_hint(
                "похоже, шаблон открывает элементы в цикле и не закрывает их; \
                 описание страницы — в docs/page-description.md",
            );
            if let Some(template) = template_of(node) {
                diag.hints
                    .push(format!("этот раздел сделан шаблоном {template}"));
            }
            return Some(diag);
        }
    }
    None
}

/// Character formatting carried down through inline elements.
#[derive(Debug, Clone, Copy, Default)]
struct Run {
    bold: bool,
    italic: bool,
    underline: bool,
    letter_spacing: f32,
    /// The character style of a `<span role>`.
    named: Option<usize>,
}

struct Parser<'a, 'input> {
    doc: &'a roxmltree::Document<'input>,
    diags: Vec<Diagnostic>,
    /// The page description, and where each of its lines starts: an element's line and column
    /// for its [`Origin`] without scanning the text from its start each time.
    text: &'input str,
    line_starts: Vec<usize>,
    /// The named styles declared so far.
    styles: Vec<crate::ir::NamedStyle>,
}

impl<'a, 'input> Parser<'a, 'input> {
    /// Where the element `node` came from: its start in the page description, and the place
    /// in the source named by its own or its nearest ancestor's `source` attribute.
    fn origin(&self, node: Node) -> Origin {
        let offset = node.range().start;
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        let named = node
            .ancestors()
            .find(|n| n.attribute(SOURCE_ATTR).is_some_and(|v| !v.is_empty()));
        Origin {
            page: Pos::new(line as u32, column as u32),
            // A bad value was reported when its element was checked.
            source: named.and_then(|n| values::source_pos(n.attribute(SOURCE_ATTR)?).ok()),
        }
    }

    fn pos(&self, offset: usize) -> Pos {
        let p = self.doc.text_pos_at(offset);
        Pos::new(p.row, p.col)
    }

    fn error_at(&mut self, offset: usize, node: Node, message: String) -> &mut Diagnostic {
        let mut diag = Diagnostic::error(self.pos(offset), path_of(node), message);
        if let Some(template) = template_of(node) {
            diag.hints
                .push(format!("этот раздел сделан шаблоном {template}"));
        }
        self.diags.push(diag);
        self.diags.last_mut().expect("just pushed")
    }

    fn error(&mut self, node: Node, message: String) -> &mut Diagnostic {
        self.error_at(node.range().start, node, message)
    }

    /// Checks that `node` is a known element allowed inside its parent and that its
    /// attributes are known; returns its entry in the tag table.
    fn element(&mut self, node: Node) -> Option<&'static Tag> {
        let name = node.tag_name().name();
        let Some(tag) = tags::tag(name) else {
            let known = tags::TAGS.iter().map(|t| t.name);
            let hint = match tags::nearest(name, known) {
                Some(near) => format!("может быть, имелся в виду <{near}>?"),
                None => "элементы описания страницы перечислены в docs/page-description.md".into(),
            };
            self.error(node, format!("неизвестный элемент <{name}>"))
                .hints
                .push(hint);
            return None;
        };
        let parent = node.parent_element().map(|p| p.tag_name().name());
        let placed = match parent {
            None => tag.parents.is_empty(),
            Some(parent) => tag.parents.contains(&parent),
        };
        if !placed {
            let message = match parent {
                Some(parent) => format!("элемент <{name}> не может стоять внутри <{parent}>"),
                None => {
                    format!("описание страницы должно начинаться с <document>, а не с <{name}>")
                }
            };
            let hint = if tag.parents.is_empty() {
                "<document> — только корневой элемент".to_string()
            } else {
                let list: Vec<String> = tag.parents.iter().map(|p| format!("<{p}>")).collect();
                format!("<{name}> ставится внутри: {}", list.join(", "))
            };
            self.error(node, message).hints.push(hint);
            return None;
        }
        for attr in node.attributes() {
            // A namespaced attribute (`xml:lang`) is outside the subset too.
            if attr.namespace().is_none() && tag.accepts(attr.name()) {
                continue;
            }
            let all = tag.all_attrs();
            let hint = match tags::nearest(attr.name(), all.iter().copied()) {
                Some(near) => format!("может быть, имелся в виду атрибут {near}?"),
                None if all.is_empty() => format!("у <{name}> нет атрибутов"),
                None => format!("атрибуты <{name}>: {}", all.join(", ")),
            };
            let message = format!("у элемента <{name}> нет атрибута {}", attr.name());
            self.error_at(attr.range().start, node, message)
                .hints
                .push(hint);
        }
        if node.attribute(SOURCE_ATTR).is_some_and(|v| !v.is_empty()) {
            self.attr(node, SOURCE_ATTR, values::source_pos);
        }
        Some(tag)
    }

    /// The value of an attribute, parsed; a bad value is reported and gives `None`.
    fn attr<T>(
        &mut self,
        node: Node,
        name: &str,
        parse: fn(&str) -> Result<T, Expected>,
    ) -> Option<T> {
        let attr = node
            .attributes()
            .find(|a| a.name() == name && a.namespace().is_none())?;
        match parse(attr.value()) {
            Ok(v) => Some(v),
            Err(expected) => {
                let message = format!(
                    "<{}>: значение {}=\"{}\" не подходит",
                    node.tag_name().name(),
                    name,
                    attr.value()
                );
                self.error_at(attr.range_value().start, node, message)
                    .hints
                    .push(format!("нужно: {expected}"));
                None
            }
        }
    }

    /// Reports text where only elements may stand (between blocks, rows or cells).
    fn stray_text(&mut self, node: Node) {
        if let Some(text) = node.text().filter(|t| !is_blank(t)) {
            let parent = node
                .parent_element()
                .map(|p| p.tag_name().name())
                .unwrap_or("document");
            let shown: String = text.trim().chars().take(30).collect();
            self.error(node, format!("текст «{shown}» прямо внутри <{parent}>"))
                .hints
                .push("текст ставится в абзац <p>, пункт списка <li> или ячейку <td>".into());
        }
    }

    /// The paragraph style of `node`: the inherited one with the node's own style attributes.
    fn styled(&mut self, node: Node, inherited: &ParaStyle) -> ParaStyle {
        let mut s = match self.role(node) {
            Some(index) => self.in_role(inherited, index),
            None => inherited.clone(),
        };
        if let Some(v) = self.attr(node, "align", values::align) {
            s.align = v;
        }
        if let Some(v) = self.attr(node, "indent", values::length) {
            s.indent_left = v;
        }
        if let Some(v) = self.attr(node, "indent-right", values::length) {
            s.indent_right = v;
        }
        if let Some(v) = self.attr(node, "first-indent", values::length) {
            s.indent_first = v;
        }
        if let Some(v) = self.attr(node, "space-before", values::positive_length) {
            s.space_before = v;
        }
        if let Some(v) = self.attr(node, "space-after", values::positive_length) {
            s.space_after = v;
        }
        if let Some(v) = self.attr(node, "line-spacing", values::positive_number) {
            s.line_spacing = v;
        }
        if let Some(v) = self.attr(node, "font-size", values::positive_length) {
            if v > 0.0 {
                s.font_size = v;
            } else {
                self.error(node, "размер шрифта не может быть нулевым".into());
            }
        }
        if let Some(v) = self.attr(node, "hyphenate", values::boolean) {
            s.hyphenate = v;
        }
        s
    }

    fn document(&mut self, root: Node) -> Document {
        let mut document = Document::default();
        if self.element(root).is_none() {
            return document;
        }
        let text = |n: &str| {
            root.attribute(n)
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        document.meta.title = text("title");
        document.meta.author = text("author");
        document.meta.subject = text("subject");
        document.meta.language = root.attribute("lang").unwrap_or("ru-RU").trim().to_string();
        let date = text("date");
        if !date.is_empty() {
            match chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d") {
                Ok(d) => document.meta.date = Some(d),
                Err(_) => {
                    self.error(
                        root,
                        format!("атрибут date=\"{date}\" — не дата: нужна дата ГГГГ-ММ-ДД или пустое значение"),
                    );
                }
            }
        }
        // Styles first, wherever they stand: sections name them.
        for child in root.children().filter(|c| c.has_tag_name("style")) {
            if self.element(child).is_some() {
                self.style_declaration(child);
            }
        }
        for child in root.children() {
            if child.is_text() {
                self.stray_text(child);
            } else if child.is_element()
                && !child.has_tag_name("style")
                && self.element(child).is_some()
            {
                document.sections.push(self.section(child));
            }
        }
        document.styles = std::mem::take(&mut self.styles);
        if document.sections.is_empty() && self.diags.is_empty() {
            self.error(root, "в документе нет ни одного раздела <section>".into());
        }
        document
    }

    fn section(&mut self, node: Node) -> Section {
        let mut page = PageSetup::default();
        let (mut width, mut height) = self
            .attr(node, "size", values::paper)
            .unwrap_or((page.width, page.height));
        if self
            .attr(node, "orientation", values::orientation)
            .unwrap_or(false)
        {
            std::mem::swap(&mut width, &mut height);
        }
        page.width = width;
        page.height = height;
        if let Some([top, right, bottom, left]) = self.attr(node, "margins", values::box_lengths) {
            page.margin_top = top;
            page.margin_right = right;
            page.margin_bottom = bottom;
            page.margin_left = left;
        }
        if let Some(v) = self.attr(node, "header-distance", values::positive_length) {
            page.header_distance = v;
        }
        let page_numbers = self
            .attr(node, "page-numbers", values::page_numbers)
            .unwrap_or(true);
        let text_width = page.width - page.margin_left - page.margin_right;
        if text_width < mm(20.0) || page.height - page.margin_top - page.margin_bottom < mm(20.0) {
            self.error(node, "поля не оставляют места для текста".into())
                .hints
                .push("поля по ГОСТ Р 7.0.97: margins=\"20mm 10mm 20mm 30mm\"".into());
        }
        let style = self.styled(node, &ParaStyle::default());
        let mut blocks = Vec::new();
        for child in node.children() {
            if child.is_text() {
                self.stray_text(child);
                continue;
            }
            if !child.is_element() || self.element(child).is_none() {
                continue;
            }
            match child.tag_name().name() {
                "p" => blocks.push(Block::Paragraph(self.paragraph(
                    child,
                    &style,
                    Run::default(),
                ))),
                "ul" => blocks.extend(
                    self.list(child, &style, Run::default())
                        .into_iter()
                        .map(Block::Paragraph),
                ),
                "table" => {
                    if let Some(table) = self.table(child, &style, text_width.max(1.0)) {
                        blocks.push(Block::Table(table));
                    }
                }
                // The tag table lets only p, ul and table stand in a section.
                _ => {}
            }
        }
        Section {
            page,
            page_numbers,
            blocks,
        }
    }

    fn paragraph(&mut self, node: Node, inherited: &ParaStyle, run: Run) -> Paragraph {
        let mut style = self.styled(node, inherited);
        let run = self.role_run(node, &style, run);
        self.keep_flags(node, &mut style);
        if let Some(v) = self.attr(node, "page-break-before", values::boolean) {
            style.page_break_before = v;
        }
        let mut line = Line::default();
        self.inlines(node, run, &mut line);
        Paragraph {
            style,
            inlines: line.finish(),
            origin: self.origin(node),
        }
    }

    fn keep_flags(&mut self, node: Node, style: &mut ParaStyle) {
        if let Some(v) = self.attr(node, "keep-with-next", values::boolean) {
            style.keep_with_next = v;
        }
        if let Some(v) = self.attr(node, "keep-together", values::boolean) {
            style.keep_together = v;
        }
    }

    /// `<ul>`: one paragraph per `<li>`, the bullet hanging in the first-line indent.
    fn list(&mut self, node: Node, inherited: &ParaStyle, run: Run) -> Vec<Paragraph> {
        let mut style = self.styled(node, inherited);
        let run = self.role_run(node, &style, run);
        let bullet = node.attribute("bullet").unwrap_or("–").to_string();
        if bullet.trim().is_empty() {
            self.error(node, "<ul>: пустой bullet".into())
                .hints
                .push("например bullet=\"–\" или bullet=\"•\"".into());
        }
        // A style that already hangs the first line (a role's, or the list's own
        // first-indent) places the bullet; else it hangs by `hang`, 5 mm unless given.
        let hang = match self.attr(node, "hang", values::positive_length) {
            Some(hang) => Some(hang),
            None if style.indent_first < 0.0 => None,
            None => Some(mm(5.0)),
        };
        if let Some(hang) = hang {
            style.indent_left += hang;
            style.indent_first = -hang;
        }
        style.bullet = Some(bullet);
        let mut items = Vec::new();
        for child in node.children() {
            if child.is_text() {
                self.stray_text(child);
            } else if child.is_element() && self.element(child).is_some() {
                let mut item = style.clone();
                self.keep_flags(child, &mut item);
                let mut line = Line::default();
                self.inlines(child, run, &mut line);
                items.push(Paragraph {
                    style: item,
                    inlines: line.finish(),
                    origin: self.origin(child),
                });
            }
        }
        if items.is_empty() {
            self.error(node, "список <ul> без пунктов <li>".into());
        }
        items
    }

    /// Inline content of `node` (text, `b`, `i`, `u`, `span`, `br`) appended to `line`.
    fn inlines(&mut self, node: Node, run: Run, line: &mut Line) {
        for child in node.children() {
            if child.is_text() {
                line.push_text(child.text().unwrap_or(""), run);
            } else if child.is_element() {
                self.inline_element(child, run, line);
            }
        }
    }

    fn inline_element(&mut self, node: Node, run: Run, line: &mut Line) {
        if self.element(node).is_none() {
            return;
        }
        let mut inner = run;
        match node.tag_name().name() {
            "b" => inner.bold = true,
            "i" => inner.italic = true,
            "u" => inner.underline = true,
            "span" => {
                if let Some(v) = self.attr(node, "letter-spacing", values::length) {
                    inner.letter_spacing = v;
                }
                if let Some(index) = self.character_role(node) {
                    inner = self.character_run(index, inner);
                }
            }
            "br" => {
                if node.has_children() {
                    self.error(node, "<br/> не может иметь содержимого".into());
                }
                line.push_break();
                return;
            }
            other => {
                self.error(node, format!("блочный элемент <{other}> внутри строки"))
                    .hints
                    .push("абзацы и списки ставятся в <section> или в ячейку таблицы".into());
                return;
            }
        }
        self.inlines(node, inner, line);
    }
}

fn is_blank(s: &str) -> bool {
    s.chars().all(is_xml_space)
}

/// The comment that names the template a section came from: `template::render` writes
/// `<!-- template: appendix.xhtml.tera -->` before each section.
pub const TEMPLATE_COMMENT: &str = "template:";

/// The template that made the section `node` stands in, when the page description says so.
fn template_of(node: Node) -> Option<String> {
    let section = node.ancestors().find(|n| n.has_tag_name("section"))?;
    let comment = section
        .prev_siblings()
        .skip(1)
        .find(|n| !n.is_text() || !is_blank(n.text().unwrap_or("")))?;
    let text = comment.is_comment().then(|| comment.text()).flatten()?;
    Some(
        text.trim()
            .strip_prefix(TEMPLATE_COMMENT)?
            .trim()
            .to_string(),
    )
}

/// `document/section[2]/table/tbody/tr[3]/td[1]`: where a node is, for diagnostics.
fn path_of(node: Node) -> String {
    let mut parts: Vec<String> = node
        .ancestors()
        .filter(|n| n.is_element())
        .map(|n| {
            let name = n.tag_name().name();
            let same = |s: &Node| s.is_element() && s.tag_name().name() == name;
            let siblings = n
                .parent()
                .map(|p| p.children().filter(same).count())
                .unwrap_or(1);
            if siblings > 1 {
                let index = n.prev_siblings().filter(same).count();
                format!("{name}[{index}]")
            } else {
                name.to_string()
            }
        })
        .collect();
    parts.reverse();
    parts.join("/")
}

#[cfg(test)]
mod tests;
