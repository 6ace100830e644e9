//! A minimal XML tree over quick-xml events, for the finishing pass.
//!
//! Elements keep their start tag exactly as read (attributes, namespace prefixes, escaping),
//! and everything that is not an element (text, entity references, declarations, comments)
//! is kept as the event it was read as. Writing the tree back therefore gives the input
//! bytes again, except where the finishing pass changed something; this is what lets the
//! pass fix what docx-rs writes without re-serializing every part in its own way.

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer, XmlVersion};

/// One node of the tree.
#[derive(Debug, Clone)]
pub(crate) enum Node<'a> {
    Element(Element<'a>),
    /// Text, an entity reference, a declaration, a comment or a processing instruction.
    Other(Event<'a>),
}

/// An element: its start tag as read and its children.
#[derive(Debug, Clone)]
pub(crate) struct Element<'a> {
    pub start: BytesStart<'a>,
    pub children: Vec<Node<'a>>,
}

impl<'a> Element<'a> {
    /// A new element without attributes or children.
    pub fn new(name: &str) -> Element<'a> {
        Element {
            start: BytesStart::new(name.to_owned()),
            children: Vec::new(),
        }
    }

    /// A new element with one `w:val`-like attribute.
    pub fn with_attr(name: &str, key: &str, value: &str) -> Element<'a> {
        let mut element = Element::new(name);
        element.start.push_attribute((key, value));
        element
    }

    /// The qualified name, e.g. `w:pPr`.
    pub fn name(&self) -> &str {
        std::str::from_utf8(self.start.name().into_inner()).unwrap_or("")
    }

    /// The qualified name as bytes, without checking it is UTF-8 (for comparisons).
    pub fn name_bytes(&self) -> &[u8] {
        self.start.name().into_inner()
    }

    /// Whether the element has this qualified name.
    pub fn is(&self, name: &str) -> bool {
        self.name_bytes() == name.as_bytes()
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element<'a>> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Other(_) => None,
        })
    }

    /// The child elements, in order, mutably.
    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element<'a>> {
        self.children.iter_mut().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Other(_) => None,
        })
    }

    /// The first child element with this name.
    pub fn child_mut(&mut self, name: &str) -> Option<&mut Element<'a>> {
        self.elements_mut().find(|element| element.is(name))
    }

    /// Whether a child element with this name exists.
    pub fn has_child(&self, name: &str) -> bool {
        self.elements().any(|element| element.is(name))
    }

    /// The value of an attribute, unescaped.
    pub fn attr(&self, key: &str) -> Option<String> {
        self.start
            .attributes()
            .flatten()
            .find(|attribute| attribute.key.as_ref() == key.as_bytes())
            .and_then(|attribute| {
                attribute
                    .normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(|value| value.into_owned())
            })
    }

    /// Whether the element has this attribute.
    pub fn has_attr(&self, key: &str) -> bool {
        self.start
            .attributes()
            .flatten()
            .any(|attribute| attribute.key.as_ref() == key.as_bytes())
    }

    /// Sets an attribute, replacing an existing one of the same name in place.
    pub fn set_attr(&mut self, key: &str, value: &str) {
        let mut found = false;
        self.rebuild_attributes(|start, attribute| {
            if attribute.key.as_ref() == key.as_bytes() {
                start.push_attribute((key, value));
                found = true;
                false
            } else {
                true
            }
        });
        if !found {
            self.start.push_attribute((key, value));
        }
    }

    /// Removes an attribute, if present.
    pub fn remove_attr(&mut self, key: &str) {
        if self.has_attr(key) {
            self.rebuild_attributes(|_, attribute| attribute.key.as_ref() != key.as_bytes());
        }
    }

    /// Rewrites the start tag attribute by attribute: `keep` may push something in place of
    /// an attribute and says whether to copy the attribute itself. Copied attributes keep their
    /// bytes as written, without unescaping and escaping them again (renumbering paragraph ids
    /// sets one on every paragraph); only a value holding `"`, written in single quotes, is
    /// unescaped, to be escaped again into the double quotes every attribute gets on output.
    fn rebuild_attributes(
        &mut self,
        mut keep: impl FnMut(&mut BytesStart<'a>, &Attribute) -> bool,
    ) {
        let mut start = BytesStart::new(String::from_utf8_lossy(self.name_bytes()).into_owned());
        for attribute in self.start.attributes().flatten() {
            if !keep(&mut start, &attribute) {
                continue;
            }
            if attribute.value.contains(&b'"') {
                let value = attribute
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map(|value| value.into_owned())
                    .unwrap_or_default();
                let name = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
                start.push_attribute((name.as_str(), value.as_str()));
            } else {
                start.push_attribute(attribute);
            }
        }
        self.start = start;
    }

    /// Visits this element and every element below it, depth first, parents before children.
    pub fn walk_mut(&mut self, visit: &mut impl FnMut(&mut Element<'a>)) {
        visit(self);
        for child in self.elements_mut() {
            child.walk_mut(visit);
        }
    }
}

/// A parsed XML part: the nodes at the top level (declaration and the root element).
#[derive(Debug, Clone)]
pub(crate) struct Part<'a> {
    pub nodes: Vec<Node<'a>>,
}

impl<'a> Part<'a> {
    /// Parses a part. Fails on malformed XML (unbalanced tags, bad syntax).
    pub fn parse(text: &'a str) -> Result<Part<'a>, String> {
        let mut reader = Reader::from_str(text);
        reader.config_mut().trim_text(false);
        // The stack below checks that every end tag closes the element it should.
        reader.config_mut().check_end_names = false;
        // The stack of open elements; the bottom entry collects top-level nodes.
        let mut stack: Vec<Element> = vec![Element::new("#document")];
        loop {
            let event = reader
                .read_event()
                .map_err(|error| format!("позиция {}: {error}", reader.error_position()))?;
            match event {
                Event::Eof => break,
                Event::Start(start) => {
                    stack.push(Element {
                        start,
                        children: Vec::new(),
                    });
                }
                Event::Empty(start) => {
                    let element = Element {
                        start,
                        children: Vec::new(),
                    };
                    push(&mut stack, Node::Element(element));
                }
                Event::End(end) => {
                    if stack.len() < 2 {
                        return Err(format!(
                            "лишний закрывающий тег </{}>",
                            String::from_utf8_lossy(end.name().as_ref())
                        ));
                    }
                    let element = stack.pop().expect("checked above");
                    if element.start.name().as_ref() != end.name().as_ref() {
                        return Err(format!(
                            "тег <{}> закрыт тегом </{}>",
                            element.name(),
                            String::from_utf8_lossy(end.name().as_ref())
                        ));
                    }
                    push(&mut stack, Node::Element(element));
                }
                other => push(&mut stack, Node::Other(other)),
            }
        }
        if stack.len() != 1 {
            let open = stack.last().map(Element::name).unwrap_or("").to_owned();
            return Err(format!("тег <{open}> не закрыт"));
        }
        let document = stack.pop().expect("the document entry");
        Ok(Part {
            nodes: document.children,
        })
    }

    /// The root element.
    pub fn root_mut(&mut self) -> Option<&mut Element<'a>> {
        self.nodes.iter_mut().find_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Other(_) => None,
        })
    }

    /// Writes the part back as bytes. Elements without children are written as empty tags.
    pub fn write(&self) -> Vec<u8> {
        let mut writer = Writer::new(Vec::new());
        for node in &self.nodes {
            write_node(&mut writer, node);
        }
        writer.into_inner()
    }
}

/// Whether XML 1.0 can hold the character (its `Char` production).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The text without the characters XML 1.0 cannot hold.
pub(crate) fn xml_text(text: &str) -> String {
    text.chars().filter(|c| is_xml_char(*c)).collect()
}

fn push<'a>(stack: &mut [Element<'a>], node: Node<'a>) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

fn write_node(writer: &mut Writer<Vec<u8>>, node: &Node<'_>) {
    // Writing into a Vec cannot fail, so the io::Result is safely ignored.
    match node {
        Node::Other(event) => {
            let _ = writer.write_event(event.borrow());
        }
        Node::Element(element) if element.children.is_empty() => {
            let _ = writer.write_event(Event::Empty(element.start.borrow()));
        }
        Node::Element(element) => {
            let _ = writer.write_event(Event::Start(element.start.borrow()));
            for child in &element.children {
                write_node(writer, child);
            }
            let _ = writer.write_event(Event::End(element.start.to_end()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_bytes() {
        let text = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:p a="1 &amp; 2"><w:r><w:t xml:space="preserve">a &lt; b</w:t></w:r><w:x/></w:p>"#;
        let part = Part::parse(text).unwrap();
        assert_eq!(String::from_utf8(part.write()).unwrap(), text);
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        assert!(Part::parse("<a><b></a>").is_err());
        assert!(Part::parse("<a>").is_err());
        assert!(Part::parse("</a>").is_err());
    }

    #[test]
    fn set_attr_replaces_in_place() {
        let mut part = Part::parse(r#"<a x="1" y="2"/>"#).unwrap();
        let root = part.root_mut().unwrap();
        root.set_attr("x", "3");
        root.set_attr("z", "<");
        root.set_attr("z", "\"&");
        assert_eq!(
            String::from_utf8(part.write()).unwrap(),
            r#"<a x="3" y="2" z="&quot;&amp;"/>"#
        );
    }

    #[test]
    fn set_attr_keeps_single_quoted_values() {
        let mut part = Part::parse(r#"<a x='say "hi"' y="1"/>"#).unwrap();
        let root = part.root_mut().unwrap();
        root.set_attr("y", "2");
        assert!(root.has_attr("x") && !root.has_attr("z"));
        assert_eq!(root.attr("x").as_deref(), Some(r#"say "hi""#));
        assert_eq!(root.attr("y").as_deref(), Some("2"));
    }

    #[test]
    fn remove_attr_keeps_the_others() {
        let mut part = Part::parse(r#"<w:gridCol w:w="578" w:type="dxa"/>"#).unwrap();
        let root = part.root_mut().unwrap();
        root.remove_attr("w:type");
        root.remove_attr("w:absent");
        assert_eq!(
            String::from_utf8(part.write()).unwrap(),
            r#"<w:gridCol w:w="578"/>"#
        );
    }
}
