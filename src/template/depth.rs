//! Refusing templates nested too deeply, read from their text before tera parses them.
//!
//! Tera parses and renders by recursion: each nested `{% if %}`, `{% for %}`, `{% macro %}`,
//! `{% block %}` or `{% filter %}`, each pair of brackets and each operator of an expression
//! (`1 + 1 + … + 1` parses into a tree as deep as it is long) takes stack, and a deep enough
//! template overflows it, which aborts the process. So before tera sees a user's template, its
//! text is scanned: the nesting of block tags, and in each tag the depth of brackets plus the
//! number of operators (an upper bound on how deep its expression tree can be). The depth that
//! calls add up to, across macros and includes, is checked on the parsed templates in
//! [`super::recursion`].
//!
//! The limits are far above what real templates need (the built-in ones nest blocks 5 deep and
//! have at most one bracket and seven operators in a tag) and far below what overflows the
//! stack every render runs on ([`super::limits::RENDER_STACK`]).

use crate::diag::Pos;

/// The deepest nesting of `{% if/for/macro/block/filter %}` a template may have.
pub const BLOCK_LIMIT: usize = 64;

/// The most brackets-deep plus operators one tag's expression may have.
pub const EXPRESSION_LIMIT: usize = 64;

/// What is too deep, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep {
    pub pos: Pos,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Blocks,
    Expression,
}

impl TooDeep {
    /// The Russian message.
    pub fn message(&self) -> String {
        match self.kind {
            Kind::Blocks => format!(
                "блоки шаблона вложены глубже {BLOCK_LIMIT} уровней \
                 ({{% if %}}, {{% for %}}, {{% macro %}}, {{% block %}}, {{% filter %}} друг в друге)"
            ),
            Kind::Expression => format!(
                "выражение в теге слишком сложное: скобок в глубину и операций в нём больше \
                 {EXPRESSION_LIMIT}"
            ),
        }
    }
}

const OPENING: [&str; 5] = ["if", "for", "macro", "block", "filter"];
const CLOSING: [&str; 5] = ["endif", "endfor", "endmacro", "endblock", "endfilter"];
/// Words that are operators in tera's expressions (`not`, `in` and `is` nest like the rest).
const WORD_OPERATORS: [&str; 5] = ["and", "or", "not", "in", "is"];

/// Checks one template's text; the first place that is too deep, if any.
pub fn check(text: &str) -> Result<(), TooDeep> {
    let bytes = text.as_bytes();
    let mut blocks = 0usize;
    let mut at = 0;
    while let Some(found) = text[at..].find('{') {
        let open = at + found;
        let close = match bytes.get(open + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => {
                at = text[open + 2..]
                    .find("#}")
                    .map_or(text.len(), |i| open + 2 + i + 2);
                continue;
            }
            _ => {
                at = open + 1;
                continue;
            }
        };
        let body_start = open + 2;
        let (body_end, depth) = scan_tag(text, body_start, close);
        let too_deep = |kind| TooDeep {
            pos: Pos::at_offset(text, open),
            kind,
        };
        if depth > EXPRESSION_LIMIT {
            return Err(too_deep(Kind::Expression));
        }
        at = (body_end + close.len()).min(text.len());
        if close == "%}" {
            let body = text[body_start..body_end].trim_matches(|c: char| c == '-' || c == '+');
            let word = body.split_whitespace().next().unwrap_or("");
            if word == "raw" {
                // Nothing inside `{% raw %}` is a tag.
                at = skip_raw(text, at);
            } else if OPENING.contains(&word) {
                blocks += 1;
                if blocks > BLOCK_LIMIT {
                    return Err(too_deep(Kind::Blocks));
                }
            } else if CLOSING.contains(&word) {
                blocks = blocks.saturating_sub(1);
            }
        }
    }
    Ok(())
}

/// Reads a tag body from `start` to its closing `close` (outside string literals): where it
/// ends, and the depth bound of its expression (brackets deep plus operators).
fn scan_tag(text: &str, start: usize, close: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut brackets, mut deepest, mut operators) = (0usize, 0usize, 0usize);
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        // Bytes, not `text[i..]`: `i` steps through the bytes of non-ASCII letters one by one.
        if bytes[i..].starts_with(close.as_bytes()) {
            break;
        }
        match b {
            b'"' | b'\'' | b'`' => {
                i = text[i + 1..]
                    .find(b as char)
                    .map_or(text.len(), |j| i + 1 + j + 1);
                continue;
            }
            b'(' | b'[' => {
                brackets += 1;
                deepest = deepest.max(brackets);
            }
            b')' | b']' => brackets = brackets.saturating_sub(1),
            b'+' | b'-' | b'*' | b'/' | b'%' | b'<' | b'>' | b'=' | b'!' => operators += 1,
            b if b.is_ascii_alphabetic() => {
                let len = text[i..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(text.len() - i);
                let before = i.checked_sub(1).map(|p| bytes[p]);
                let in_name =
                    before.is_some_and(|p| p.is_ascii_alphanumeric() || p == b'_' || p == b'.');
                if !in_name && WORD_OPERATORS.contains(&&text[i..i + len]) {
                    operators += 1;
                }
                i += len;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    (i.min(text.len()), deepest + operators)
}

/// The offset just past `{% endraw %}` (with any whitespace control), or the end of the text.
fn skip_raw(text: &str, from: usize) -> usize {
    let mut at = from;
    while let Some(found) = text[at..].find("{%") {
        let open = at + found;
        let end = text[open..].find("%}").map_or(text.len(), |i| open + i + 2);
        let body = text[open + 2..end.saturating_sub(2).max(open + 2)].trim_matches(['-', '+']);
        if body.trim() == "endraw" {
            return end;
        }
        at = open + 2;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_templates_are_well_within_the_limits() {
        for (name, text) in crate::assets::TEMPLATES {
            assert_eq!(check(text), Ok(()), "{name}");
        }
    }

    #[test]
    fn letters_beyond_ascii_inside_a_tag_are_stepped_over() {
        // Found by the `templates` fuzz target: a Cyrillic word inside a tag body panicked
        // with a slice inside a character.
        assert_eq!(check("{{ ГОСТ }} {% if Р(а) %}х{% endif %}"), Ok(()));
        assert_eq!(check("{% if о"), Ok(()));
    }

    #[test]
    fn deep_blocks_are_refused_at_the_tag_past_the_limit() {
        let ok = "{% if a %}".repeat(BLOCK_LIMIT) + &"{% endif %}".repeat(BLOCK_LIMIT);
        assert_eq!(check(&ok), Ok(()));
        // Closed blocks do not add up.
        assert_eq!(check(&ok.repeat(3)), Ok(()));
        let deep = "{% if a %}\n".repeat(BLOCK_LIMIT + 1);
        let err = check(&deep).unwrap_err();
        assert_eq!(err.kind, Kind::Blocks);
        assert_eq!(err.pos, Pos::new(BLOCK_LIMIT as u32 + 1, 1));
        let mixed = "{%- for x in y -%}{% filter upper %}{% block b %}".repeat(BLOCK_LIMIT);
        assert_eq!(check(&mixed).unwrap_err().kind, Kind::Blocks);
    }

    #[test]
    fn deep_brackets_and_long_operator_chains_are_refused() {
        let parens = format!("x {{{{ {}1{} }}}}", "(".repeat(100), ")".repeat(100));
        let err = check(&parens).unwrap_err();
        assert_eq!((err.kind, err.pos), (Kind::Expression, Pos::new(1, 3)));
        let chain = format!("{{{{ 1{} }}}}", " + 1".repeat(100));
        assert_eq!(check(&chain).unwrap_err().kind, Kind::Expression);
        let words = format!("{{% if {}true %}}", "not ".repeat(100));
        assert_eq!(check(&words).unwrap_err().kind, Kind::Expression);
    }

    #[test]
    fn strings_comments_and_raw_text_are_not_counted() {
        let quoted = format!("{{{{ \"{}\" }}}}", "((((+".repeat(100));
        assert_eq!(check(&quoted), Ok(()));
        let comment = format!("{{# {} #}}", "{% if a %}".repeat(100));
        assert_eq!(check(&comment), Ok(()));
        let raw = format!("{{% raw %}}{}{{% endraw %}}", "{% if a %}".repeat(100));
        assert_eq!(check(&raw), Ok(()));
        // Names that contain operator words are names.
        assert_eq!(check("{{ order.notes | join(sep=\", \") }}"), Ok(()));
    }
}
