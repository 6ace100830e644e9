//! Named styles: `<style>` declarations at the top of the document and the `role` attribute
//! that puts an element's paragraphs in one of them.
//!
//! A style's properties are resolved once, in full: [`ParaStyle::default`], then the style it
//! is `based-on`, then its own attributes. A `role` replaces what an element inherited (the
//! formatting: alignment, size, line spacing, spacing, indents) by its style's properties, as
//! an editor applies a paragraph style; the element's own attributes then override them.

use roxmltree::Node;

use super::{Parser, Run, values};
use crate::ir::{NamedStyle, ParaStyle};

/// Outline levels an editor knows (Word: 1 to 9).
const OUTLINE_LEVELS: usize = 9;

impl Parser<'_, '_> {
    /// Reads one `<style>` declaration and adds it to the document's styles.
    pub(super) fn style_declaration(&mut self, node: Node) {
        let id = node.attribute("id").unwrap_or("").trim();
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            self.error(node, format!("<style>: id=\"{id}\" не подходит"))
                .hints
                .push("нужно имя стиля латиницей, цифрами и дефисами: id=\"table-text\"".into());
            return;
        }
        if self.style_index(id).is_some() {
            self.error(node, format!("стиль \"{id}\" уже объявлен выше"));
            return;
        }
        let name = node.attribute("name").unwrap_or("").trim();
        if name.is_empty() {
            self.error(node, format!("у стиля \"{id}\" нет имени name"))
                .hints
                .push("имя видит пользователь в списке стилей: name=\"Текст таблицы\"".into());
            return;
        }
        let character = match node.attribute("type").map(str::trim) {
            None | Some("paragraph") => false,
            Some("character") => true,
            Some(other) => {
                self.error(node, format!("<style>: type=\"{other}\" не подходит"))
                    .hints
                    .push("нужно: paragraph (стиль абзаца, по умолчанию) или character (стиль знаков)".into());
                return;
            }
        };
        if character {
            let own = node
                .attributes()
                .map(|a| a.name())
                .find(|a| super::tags::STYLE_ATTRS.contains(a) || *a == "outline-level");
            if let Some(attr) = own {
                self.error(
                    node,
                    format!("стиль знаков \"{id}\": атрибут {attr} — свойство абзаца"),
                )
                .hints
                .push("стиль знаков задаёт только bold и italic".into());
                return;
            }
        }
        let based_on = match node.attribute("based-on") {
            None => None,
            Some(base) => match self.style_index(base.trim()) {
                Some(index) => Some(index),
                None => {
                    self.error(
                        node,
                        format!("стиль \"{id}\" основан на стиле \"{base}\", которого выше нет"),
                    )
                    .hints
                    .push("базовый стиль объявляется раньше того, что на нём основан".into());
                    return;
                }
            },
        };
        if let Some(base) = based_on.filter(|&b| self.styles[b].character != character) {
            let base = self.styles[base].id.clone();
            self.error(
                node,
                format!("стиль \"{id}\" и его базовый стиль \"{base}\" — стили разного типа"),
            );
            return;
        }
        let base = based_on.map(|index| self.styles[index].clone());
        let mut para = self.styled(
            node,
            base.as_ref().map_or(&ParaStyle::default(), |b| &b.para),
        );
        if para.hyphenate {
            self.error(
                node,
                format!("стиль \"{id}\": переносы задаются абзацу, не стилю"),
            );
        }
        para.named = None;
        let outline_level = match self.attr(node, "outline-level", values::count) {
            Some(level) if level > OUTLINE_LEVELS => {
                self.error(
                    node,
                    format!("уровень структуры {level}: бывает от 1 до {OUTLINE_LEVELS}"),
                );
                None
            }
            Some(level) => u8::try_from(level).ok(),
            None => base.as_ref().and_then(|b| b.outline_level),
        };
        let bold = self.attr(node, "bold", values::boolean);
        let italic = self.attr(node, "italic", values::boolean);
        self.styles.push(NamedStyle {
            id: id.to_string(),
            name: name.to_string(),
            based_on,
            character,
            para,
            bold: bold.unwrap_or(base.as_ref().is_some_and(|b| b.bold)),
            italic: italic.unwrap_or(base.as_ref().is_some_and(|b| b.italic)),
            outline_level,
        });
    }

    fn style_index(&self, id: &str) -> Option<usize> {
        self.styles.iter().position(|s| s.id == id)
    }

    /// The paragraph style `node`'s `role` names, when it has one; an unknown role, or one
    /// that names a character style, is reported.
    pub(super) fn role(&mut self, node: Node) -> Option<usize> {
        self.named_role(node, false)
    }

    /// The character style a `<span>`'s `role` names, when it has one.
    pub(super) fn character_role(&mut self, node: Node) -> Option<usize> {
        self.named_role(node, true)
    }

    fn named_role(&mut self, node: Node, character: bool) -> Option<usize> {
        let attr = node
            .attributes()
            .find(|a| a.name() == "role" && a.namespace().is_none())?;
        let role = attr.value().trim();
        let message = match self.style_index(role) {
            Some(index) if self.styles[index].character == character => return Some(index),
            Some(_) if character => {
                format!("<span>: стиль role=\"{role}\" — стиль абзаца, а не знаков")
            }
            Some(_) => format!(
                "<{}>: стиль role=\"{role}\" — стиль знаков: он ставится на <span>",
                node.tag_name().name()
            ),
            None => format!(
                "<{}>: стиль role=\"{role}\" не объявлен",
                node.tag_name().name()
            ),
        };
        let known: Vec<&str> = self
            .styles
            .iter()
            .filter(|s| s.character == character)
            .map(|s| s.id.as_str())
            .collect();
        let hint = match super::tags::nearest(role, known.iter().copied()) {
            Some(near) if near != role => format!("может быть, имелся в виду стиль \"{near}\"?"),
            _ if known.is_empty() => {
                "стили объявляются в начале <document>: <style id=\"…\" name=\"…\" …/>".into()
            }
            _ => format!("объявлены стили: {}", known.join(", ")),
        };
        self.error_at(attr.range_value().start, node, message)
            .hints
            .push(hint);
        None
    }

    /// `inherited` with the formatting of the style at `index` in place of its own.
    pub(super) fn in_role(&self, inherited: &ParaStyle, index: usize) -> ParaStyle {
        let named = &self.styles[index].para;
        ParaStyle {
            align: named.align,
            font_size: named.font_size,
            line_spacing: named.line_spacing,
            space_before: named.space_before,
            space_after: named.space_after,
            indent_left: named.indent_left,
            indent_right: named.indent_right,
            indent_first: named.indent_first,
            named: Some(index),
            ..inherited.clone()
        }
    }

    /// The character formatting text starts with in `node`: its role's, when it names one.
    pub(super) fn role_run(&self, node: Node, style: &ParaStyle, run: Run) -> Run {
        match style.named {
            Some(index) if node.has_attribute("role") => self.named_run(index, run),
            _ => run,
        }
    }

    /// `run` in the character style at `index`: bold or italic where the style says so.
    pub(super) fn character_run(&self, index: usize, run: Run) -> Run {
        let named = &self.styles[index];
        Run {
            bold: run.bold || named.bold,
            italic: run.italic || named.italic,
            named: Some(index),
            ..run
        }
    }

    /// `run` with the bold and italic of the style at `index`.
    pub(super) fn named_run(&self, index: usize, run: Run) -> Run {
        let named = &self.styles[index];
        Run {
            bold: named.bold,
            italic: named.italic,
            ..run
        }
    }
}
