//! Where a value of a source stands in its text, by the field path messages use
//! (`appendix.stages[0].items[3].deadline`): for pointing a message at a key, and for setting a
//! faulty list item aside so that the reading can go on to the next mistake (`recover`).

use serde_saphyr::granit_parser::{self, Event};

use crate::diag::Pos;

/// A value found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Where a message points: its key for a mapping value, the value itself for a list item.
    pub anchor: Pos,
    /// Where the value itself starts.
    pub start: Pos,
    /// The last line the value's content reaches (1-based).
    pub last_line: u32,
}

/// The value at `path` (in `translate::field_path`'s form), or `None` when the path is not in
/// the text or the text is not well-formed YAML.
pub fn find(text: &str, path: &str) -> Option<Node> {
    enum Kind {
        /// A mapping; `key` is the key read and waiting for its value, if any.
        Map {
            key: Option<(String, Pos)>,
        },
        Seq {
            next: usize,
        },
    }
    struct Frame {
        kind: Kind,
        path: String,
        /// A container used as a mapping key (`? [a, b]: …`), rare and never a field.
        is_key: bool,
        /// The container is the node looked for: its end is being followed.
        target: bool,
    }
    let mut stack: Vec<Frame> = Vec::new();
    // The node looked for, once found, and the last line its content reached so far.
    let mut found: Option<Node> = None;
    for item in granit_parser::Parser::new_from_str(text) {
        let (event, span) = item.ok()?;
        let pos = Pos::new(span.start.line() as u32, span.start.col() as u32 + 1);
        if let Some(node) = found.as_mut()
            && stack.iter().any(|f| f.target)
            && !matches!(event, Event::MappingEnd | Event::SequenceEnd)
        {
            node.last_line = node.last_line.max(end_line(text, &span));
        }
        let name = match &event {
            Event::MappingEnd | Event::SequenceEnd => {
                let closed = stack.pop()?;
                if closed.target {
                    return found;
                }
                if closed.is_key
                    && let Some(Frame {
                        kind: Kind::Map { key },
                        ..
                    }) = stack.last_mut()
                {
                    *key = Some((String::new(), pos));
                }
                continue;
            }
            Event::Scalar(value, ..) => value.to_string(),
            Event::MappingStart(..) | Event::SequenceStart(..) | Event::Alias(..) => String::new(),
            _ => continue,
        };
        let container = match event {
            Event::MappingStart(..) => Some(Kind::Map { key: None }),
            Event::SequenceStart(..) => Some(Kind::Seq { next: 0 }),
            _ => None,
        };
        let (node_path, anchor, is_key) = match stack.last_mut() {
            None => (String::new(), pos, false),
            Some(Frame {
                kind: Kind::Map { key },
                path: map_path,
                ..
            }) => match key.take() {
                None => {
                    // This node is a key: keep it until its value comes.
                    if container.is_none() {
                        *key = Some((name, pos));
                        continue;
                    }
                    (String::new(), pos, true)
                }
                Some((key_name, key_pos)) => (join(map_path, &key_name), key_pos, false),
            },
            Some(Frame {
                kind: Kind::Seq { next },
                path: seq_path,
                ..
            }) => {
                *next += 1;
                (format!("{seq_path}[{}]", *next - 1), pos, false)
            }
        };
        let target = found.is_none() && !is_key && node_path == path;
        if target {
            found = Some(Node {
                anchor,
                start: pos,
                last_line: end_line(text, &span).max(pos.line),
            });
            if container.is_none() {
                return found;
            }
        }
        if let Some(kind) = container {
            stack.push(Frame {
                kind,
                path: node_path,
                is_key,
                target,
            });
        }
    }
    found
}

/// The line a token's text ends on. A block scalar's span runs on over the line breaks after
/// it, up to the next token: its end is its last character that is not a blank.
fn end_line(text: &str, span: &granit_parser::Span) -> u32 {
    let end = span.end.line() as u32;
    let Some(at) = span.end.byte_offset().filter(|&b| text.is_char_boundary(b)) else {
        return end;
    };
    let before = &text[..at];
    let blank_tail = &before[before.trim_end().len()..];
    end.saturating_sub(blank_tail.matches('\n').count() as u32)
        .max(span.start.line() as u32)
}

/// `path.key`, or `key` at the top.
pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_items_are_found_in_block_and_flow_style() {
        let text = "a:\n  b: [x, {c: 1}]\n  d:\n    - e: 2\n? [k]\n: v\nf: 3\n";
        let at = |path| find(text, path).map(|n| n.anchor);
        assert_eq!(at("a"), Some(Pos::new(1, 1)));
        assert_eq!(at("a.b"), Some(Pos::new(2, 3)));
        assert_eq!(at("a.b[1].c"), Some(Pos::new(2, 11)));
        assert_eq!(at("a.d[0]"), Some(Pos::new(4, 7)));
        assert_eq!(at("a.d[0].e"), Some(Pos::new(4, 7)));
        // A complex key does not derail the keys after it.
        assert_eq!(at("f"), Some(Pos::new(7, 1)));
        assert_eq!(at("a.z"), None);
    }

    #[test]
    fn a_list_item_reaches_its_last_line() {
        let text =
            "items:\n  - a: 1\n    b: >-\n      long\n      text\n  - a: 2\n    b: 3\nnext: 4\n";
        let first = find(text, "items[0]").unwrap();
        assert_eq!((first.start, first.last_line), (Pos::new(2, 5), 5));
        let second = find(text, "items[1]").unwrap();
        assert_eq!((second.start, second.last_line), (Pos::new(6, 5), 7));
        assert_eq!(find(text, "next").unwrap().last_line, 8);
    }
}
