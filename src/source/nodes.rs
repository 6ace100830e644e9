//! Where a value of a source stands in its text, by the field path messages use
//! (`appendix.stages[0].items[3].deadline`), and the other way round, which nodes stand at a
//! position: for pointing a message at a key, for naming the field a mistake is in, and for
//! setting a faulty list item aside so that the reading can go on to the next mistake
//! (`recover`).

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

/// What the walk over a text's events meets, in order.
enum Step<'a> {
    /// A scalar key; `path` is the path of the value it names.
    Key { path: &'a str, at: Pos },
    /// A value: a scalar, an alias, or the start of a mapping or list.
    Value {
        path: &'a str,
        anchor: Pos,
        start: Pos,
        container: bool,
        /// A scalar's value.
        scalar: Option<&'a str>,
    },
    /// The end of a mapping or list (not of one used as a key).
    End { path: &'a str, at: Pos },
}

/// Walks the text's events, telling `visit` each key, value and end with its path, and the last
/// line each reaches. `visit` returns `false` to stop. `None` when the text is not well-formed
/// YAML up to where the walk stopped.
fn walk(text: &str, mut visit: impl FnMut(Step<'_>, u32) -> bool) -> Option<()> {
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
    }
    let mut stack: Vec<Frame> = Vec::new();
    for item in granit_parser::Parser::new_from_str(text) {
        let (event, span) = item.ok()?;
        let pos = Pos::new(span.start.line() as u32, span.start.col() as u32 + 1);
        let last_line = end_line(text, &span).max(pos.line);
        let name = match &event {
            Event::MappingEnd | Event::SequenceEnd => {
                let closed = stack.pop()?;
                // Inside a complex key, nothing is a field.
                if !closed.is_key && !stack.iter().any(|f| f.is_key) {
                    let step = Step::End {
                        path: &closed.path,
                        at: pos,
                    };
                    if !visit(step, last_line) {
                        return Some(());
                    }
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
        let in_key = stack.iter().any(|f| f.is_key);
        let scalar = matches!(event, Event::Scalar(..)).then(|| name.clone());
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
                        let path = join(map_path, &name);
                        if !in_key
                            && !visit(
                                Step::Key {
                                    path: &path,
                                    at: pos,
                                },
                                last_line,
                            )
                        {
                            return Some(());
                        }
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
        if !is_key && !in_key {
            let step = Step::Value {
                path: &node_path,
                anchor,
                start: pos,
                container: container.is_some(),
                scalar: scalar.as_deref(),
            };
            if !visit(step, last_line) {
                return Some(());
            }
        }
        if let Some(kind) = container {
            stack.push(Frame {
                kind,
                path: node_path,
                is_key,
            });
        }
    }
    Some(())
}

/// The value at `path` (in `translate::field_path`'s form), or `None` when the path is not in
/// the text or the text is not well-formed YAML.
pub fn find(text: &str, path: &str) -> Option<Node> {
    let mut found: Option<Node> = None;
    // Whether the node found is whole: a scalar, or a container whose end came.
    let mut done = false;
    let walked = walk(text, |step, last_line| {
        if let Some(node) = found.as_mut() {
            match step {
                Step::End { path: end, .. } if end == path => {
                    done = true;
                    return false;
                }
                Step::End { .. } => {}
                _ => node.last_line = node.last_line.max(last_line),
            }
            return true;
        }
        match step {
            Step::Value {
                path: at,
                anchor,
                start,
                container,
                ..
            } if at == path => {
                found = Some(Node {
                    anchor,
                    start,
                    last_line,
                });
                done = !container;
                container
            }
            _ => true,
        }
    });
    // A container cut short by a syntax error is still found, as far as it went.
    match (walked, done) {
        (None, false) => None,
        _ => found,
    }
}

/// What stands at a position of the text: the paths of the nodes that start there, outermost
/// first.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct At {
    /// Values starting there (a block mapping starts where its first key does).
    pub values: Vec<String>,
    /// The path of the value the key there names.
    pub key: Option<String>,
    /// That value, when it is a scalar.
    pub key_scalar: Option<String>,
    /// Mappings and lists ending there.
    pub ends: Vec<String>,
}

/// The nodes at `pos`, as far as the text is well-formed YAML.
pub fn at(text: &str, pos: Pos) -> At {
    let mut out = At::default();
    walk(text, |step, _| {
        match step {
            Step::Value { path, start, .. } if start == pos => out.values.push(path.to_owned()),
            Step::Value { path, scalar, .. } if out.key.as_deref() == Some(path) => {
                out.key_scalar = scalar.map(str::to_owned);
            }
            Step::Key { path, at } if at == pos => out.key = Some(path.to_owned()),
            Step::End { path, at } if at == pos => out.ends.push(path.to_owned()),
            Step::Value { start, .. }
            | Step::Key { at: start, .. }
            | Step::End { at: start, .. }
                if start > pos =>
            {
                return false;
            }
            _ => {}
        }
        true
    });
    out
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
