//! After a mistake in the structure of a source (an unknown field, a value of the wrong type,
//! a missing field) serde stops at the first one. So that a file with three mistakes in three
//! list items gets three messages in one run, the item the mistake is in is set aside, `{}` in
//! place of its text, its lines kept so that every position stays true, and the text is read
//! again for the next mistake.
//!
//! Nothing here invents a message: a mistake found after setting an item aside is reported
//! only when it lies outside every item set aside (one inside is a consequence of the setting
//! aside, `{}` lacking a required field, say), and the reading stops there.

use serde_saphyr::Error;

use super::nodes;
use super::translate::{innermost, translate};
use crate::diag::Diagnostic;

/// At most this many mistakes are reported from one file, the first one included.
pub const MAX_MISTAKES: usize = 20;

/// Each further mistake costs one more reading of the whole text; past this size (ten times
/// the largest real roadmap) only the first is reported, so a huge broken file stays quick.
const MAX_TEXT: usize = 1024 * 1024;

/// The mistakes after the first (`err` at `path`), one per list item, in the order reading
/// finds them.
pub fn further(
    text: &str,
    err: &Error,
    path: &str,
    read: impl Fn(&str) -> Result<(), Box<(Error, String)>>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if text.len() > MAX_TEXT {
        return found;
    }
    let mut aside: Vec<(u32, u32)> = Vec::new();
    let mut next = set_aside(text, err, path);
    while let Some((work, lines)) = next.take() {
        if found.len() + 1 >= MAX_MISTAKES {
            break;
        }
        aside.push(lines);
        let Err(failed) = read(&work) else {
            break;
        };
        let (err, path) = *failed;
        let d = translate(&err, &path, &work);
        let line = d.pos.line;
        if line == 0 || aside.iter().any(|(a, b)| (*a..=*b).contains(&line)) {
            break;
        }
        found.push(d);
        next = set_aside(&work, &err, &path);
    }
    found
}

/// The text with the list item the mistake is in replaced by `{}`, and the lines it took; `None`
/// when the mistake is not inside a block list item (a syntax error, a mistake at the top).
fn set_aside(text: &str, err: &Error, path: &str) -> Option<(String, (u32, u32))> {
    if !structural(err) {
        return None;
    }
    // The innermost list item: the path up to its last `[n]`.
    let item = &path[..path.rfind(']')? + 1];
    let node = nodes::find(text, item)?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let first = node.start.line as usize;
    let (start, end) = (
        first.checked_sub(1)?,
        (node.last_line as usize).min(lines.len()),
    );
    // A block item: only the dash and indentation before it on its line.
    let column = (node.start.column as usize).checked_sub(1)?;
    let before: String = lines.get(start)?.chars().take(column).collect();
    if before.trim_start().trim_end() != "-" || end < first {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for (n, line) in lines.iter().enumerate() {
        let newline = if line.ends_with('\n') { "\n" } else { "" };
        match n {
            n if n == start => {
                out.push_str(&before);
                out.push_str("{}");
                out.push_str(newline);
            }
            n if n > start && n < end => out.push_str(newline),
            _ => out.push_str(line),
        }
    }
    Some((out, (first as u32, end as u32)))
}

/// Whether the mistake is one of structure, which setting its item aside removes; a syntax
/// error, a budget or an anchor problem is not.
fn structural(err: &Error) -> bool {
    matches!(
        innermost(err),
        Error::SerdeUnknownField { .. }
            | Error::SerdeUnknownVariant { .. }
            | Error::SerdeMissingField { .. }
            | Error::SerdeInvalidType { .. }
            | Error::SerdeInvalidValue { .. }
            | Error::InvalidScalar { .. }
            | Error::Unexpected { .. }
            | Error::ExternallyTaggedEnumExpectedScalarOrMapping { .. }
            | Error::NullIntoString { .. }
            | Error::Message { .. }
            | Error::DuplicateMappingKey { .. }
    )
}
