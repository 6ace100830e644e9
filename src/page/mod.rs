//! The page description: a small XHTML subset (docs/page-description.md) → [`ir::Document`].
//!
//! Templates write the page description; this module checks it strictly (an unknown element or
//! attribute, a bad value or a misplaced element is an error with line and column) and resolves
//! every style, so the writers never look anything up. Paragraph-style attributes are inherited
//! down the tree, as in CSS; lengths carry units and become points.

mod tags;
mod values;

use roxmltree::Node;

use crate::diag::{Diagnostic, Pos};
use crate::ir::{
    Align, Block, Cell, Document, Inline, PageSetup, ParaStyle, Paragraph, Row, Section, Table,
    Text, mm,
};
use tags::Tag;
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
    let mut parser = Parser {
        doc: &doc,
        diags: Vec::new(),
    };
    let document = parser.document(doc.root_element());
    if parser.diags.is_empty() {
        Ok(document)
    } else {
        // In reading order, whatever order the checks ran in.
        parser.diags.sort_by(|a, b| a.pos.cmp(&b.pos));
        Err(parser.diags)
    }
}

/// Character formatting carried down through inline elements.
#[derive(Debug, Clone, Copy, Default)]
struct Run {
    bold: bool,
    italic: bool,
    underline: bool,
    letter_spacing: f32,
}

struct Parser<'a, 'input> {
    doc: &'a roxmltree::Document<'input>,
    diags: Vec<Diagnostic>,
}

impl<'a, 'input> Parser<'a, 'input> {
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
        let mut s = inherited.clone();
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
        for child in root.children() {
            if child.is_text() {
                self.stray_text(child);
            } else if child.is_element() && self.element(child).is_some() {
                document.sections.push(self.section(child));
            }
        }
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
        self.keep_flags(node, &mut style);
        if let Some(v) = self.attr(node, "page-break-before", values::boolean) {
            style.page_break_before = v;
        }
        let mut line = Line::default();
        self.inlines(node, run, &mut line);
        Paragraph {
            style,
            inlines: line.finish(),
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
        let bullet = node.attribute("bullet").unwrap_or("–").to_string();
        if bullet.trim().is_empty() {
            self.error(node, "<ul>: пустой bullet".into())
                .hints
                .push("например bullet=\"–\" или bullet=\"•\"".into());
        }
        let hang = self
            .attr(node, "hang", values::positive_length)
            .unwrap_or(mm(5.0));
        style.indent_left += hang;
        style.indent_first = -hang;
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

    fn table(&mut self, node: Node, inherited: &ParaStyle, text_width: f32) -> Option<Table> {
        let style = self.styled(node, inherited);
        let widths = match node.attribute("widths") {
            Some(_) => self.attr(node, "widths", values::widths),
            None => {
                self.error(node, "у таблицы нет атрибута widths".into())
                    .hints
                    .push("доли ширины колонок через пробел: widths=\"6 46 16 20 12\"".into());
                None
            }
        };
        let border = self
            .attr(node, "border", values::border)
            .unwrap_or(Some(0.5));
        let padding =
            self.attr(node, "padding", values::box_lengths)
                .unwrap_or([0.0, mm(1.9), 0.0, mm(1.9)]);
        let page_break_before = self
            .attr(node, "page-break-before", values::boolean)
            .unwrap_or(false);

        let mut rows = Vec::new();
        let mut header_rows = 0;
        let mut seen_body = false;
        for group in node.children() {
            if group.is_text() {
                self.stray_text(group);
                continue;
            }
            if !group.is_element() || self.element(group).is_none() {
                continue;
            }
            let is_head = group.tag_name().name() == "thead";
            if is_head && (seen_body || header_rows > 0) {
                self.error(group, "<thead> стоит один раз и первым в таблице".into());
            }
            seen_body |= !is_head;
            let group_style = self.styled(group, &style);
            for tr in group.children() {
                if tr.is_text() {
                    self.stray_text(tr);
                } else if tr.is_element() && self.element(tr).is_some() {
                    rows.push((tr, self.row(tr, &group_style)));
                    if is_head {
                        header_rows += 1;
                    }
                }
            }
        }
        if rows.is_empty() {
            self.error(node, "таблица без строк <tr>".into());
            return None;
        }
        let widths = widths?;
        self.check_grid(node, &rows, widths.len(), header_rows);
        let total: f32 = widths.iter().sum();
        Some(Table {
            columns: widths.iter().map(|w| w / total * text_width).collect(),
            borders: border.is_some(),
            border_width: border.unwrap_or(0.0),
            padding,
            header_rows,
            page_break_before,
            rows: rows.into_iter().map(|(_, row)| row).collect(),
        })
    }

    fn row(&mut self, tr: Node, inherited: &ParaStyle) -> Row {
        let style = self.styled(tr, inherited);
        let keep_with_next = self
            .attr(tr, "keep-with-next", values::boolean)
            .unwrap_or(false);
        let cant_split = self
            .attr(tr, "cant-split", values::boolean)
            .unwrap_or(false);
        let mut cells = Vec::new();
        for td in tr.children() {
            if td.is_text() {
                self.stray_text(td);
            } else if td.is_element() && self.element(td).is_some() {
                cells.push(self.cell(td, &style));
            }
        }
        if cells.is_empty() {
            self.error(tr, "строка <tr> без ячеек".into());
        }
        Row {
            cells,
            keep_with_next,
            cant_split,
        }
    }

    fn cell(&mut self, td: Node, inherited: &ParaStyle) -> Cell {
        let header = td.tag_name().name() == "th";
        let mut base = inherited.clone();
        let mut run = Run::default();
        if header {
            base.align = Align::Center;
            run.bold = true;
        }
        let style = self.styled(td, &base);
        Cell {
            colspan: self.attr(td, "colspan", values::count).unwrap_or(1),
            rowspan: self.attr(td, "rowspan", values::count).unwrap_or(1),
            valign: self.attr(td, "valign", values::valign).unwrap_or_default(),
            frame: self.attr(td, "frame", values::boolean).unwrap_or(false),
            paragraphs: self.cell_content(td, &style, run),
        }
    }

    /// Paragraphs of a cell: `<p>` and `<ul>` as they are; a run of bare inline content
    /// between them becomes one paragraph; an empty cell holds one empty paragraph (as in Word).
    fn cell_content(&mut self, td: Node, style: &ParaStyle, run: Run) -> Vec<Paragraph> {
        let mut paragraphs = Vec::new();
        let mut line = Line::default();
        for child in td.children() {
            let block = child.is_element() && matches!(child.tag_name().name(), "p" | "ul");
            if !block {
                if child.is_text() {
                    line.push_text(child.text().unwrap_or(""), run);
                } else if child.is_element() {
                    self.inline_element(child, run, &mut line);
                }
                continue;
            }
            let pending = std::mem::take(&mut line).finish();
            if !pending.is_empty() {
                paragraphs.push(Paragraph {
                    style: style.clone(),
                    inlines: pending,
                });
            }
            if self.element(child).is_some() {
                match child.tag_name().name() {
                    "p" => paragraphs.push(self.paragraph(child, style, run)),
                    _ => paragraphs.extend(self.list(child, style, run)),
                }
            }
        }
        let pending = line.finish();
        if !pending.is_empty() || paragraphs.is_empty() {
            paragraphs.push(Paragraph {
                style: style.clone(),
                inlines: pending,
            });
        }
        paragraphs
    }

    /// Every row must fill the columns exactly, counting cells spanned from rows above;
    /// no row span may leave the header or the table.
    fn check_grid(
        &mut self,
        table: Node,
        rows: &[(Node, Row)],
        columns: usize,
        header_rows: usize,
    ) {
        // Rows still covered by a rowspan from above, per column.
        let mut covered = vec![0usize; columns];
        for (index, (tr, row)) in rows.iter().enumerate() {
            if index == header_rows && covered.iter().any(|&c| c > 0) {
                self.error(
                    *tr,
                    "объединение строк (rowspan) переходит из шапки <thead> в тело таблицы".into(),
                );
                covered.iter_mut().for_each(|c| *c = 0);
            }
            let mut col = 0;
            let mut overflow = false;
            let cells: Vec<Node> = tr.children().filter(|n| n.is_element()).collect();
            for (cell, td) in row.cells.iter().zip(cells) {
                while col < columns && covered[col] > 0 {
                    col += 1;
                }
                if col + cell.colspan > columns || (1..cell.colspan).any(|k| covered[col + k] > 0) {
                    if !overflow {
                        self.error(td, format!("ячейка выходит за таблицу: в таблице {columns} колонок (атрибут widths)"))
                            .hints
                            .push("проверьте colspan этой строки и rowspan строк выше".into());
                    }
                    overflow = true;
                    break;
                }
                for c in &mut covered[col..col + cell.colspan] {
                    *c = cell.rowspan;
                }
                col += cell.colspan;
            }
            let filled = (0..columns).filter(|&c| covered[c] > 0).count();
            if !overflow && filled < columns {
                self.error(
                    *tr,
                    format!("в строке заполнено {filled} колонок из {columns}"),
                )
                .hints
                .push("добавьте ячейки или colspan; ячейки под rowspan сверху не пишутся".into());
            }
            covered.iter_mut().for_each(|c| *c = c.saturating_sub(1));
        }
        if covered.iter().any(|&c| c > 0) {
            self.error(
                table,
                "объединение строк (rowspan) уходит ниже последней строки таблицы".into(),
            );
        }
    }
}

/// Inline content being collected into one paragraph, with XML whitespace collapsed as it
/// arrives: a run of spaces, tabs and newlines becomes one space, none at the start of a line.
#[derive(Default)]
struct Line {
    inlines: Vec<Inline>,
}

impl Line {
    fn at_space(&self) -> bool {
        match self.inlines.last() {
            None | Some(Inline::LineBreak) => true,
            Some(Inline::Text(t)) => t.text.ends_with(' '),
        }
    }

    fn push_text(&mut self, raw: &str, run: Run) {
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
        }));
    }

    fn push_break(&mut self) {
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

    fn finish(mut self) -> Vec<Inline> {
        self.trim_end();
        self.inlines
    }
}

/// XML whitespace only: U+00A0 and other Unicode spaces are content.
fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
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
