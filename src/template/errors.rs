//! Tera's errors turned into diagnostics that name the template file and, where it can be
//! found, the line.
//!
//! Syntax errors carry their line and column (pest's `--> line:col`). Errors while rendering
//! do not: tera names the template and the variable, filter or function at fault, so the line
//! is the first place in that template (or the ones it extends) where that name is used.

use std::collections::BTreeMap;
use std::error::Error as _;

use super::Source;
use crate::diag::{Diagnostic, Pos};

const HINT_DOCS: &str = "шаблоны и их переменные описаны в docs/page-description.md и README";

/// A syntax error in one template.
pub(super) fn parse_error(e: &tera::Error, source: &Source) -> Diagnostic {
    let detail = innermost(e);
    let pos = pest_pos(&detail).unwrap_or_default();
    let expected = detail
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("= "))
        .unwrap_or(detail.lines().next().unwrap_or(""))
        .trim()
        .to_string();
    Diagnostic::error(pos, "", format!("ошибка в синтаксисе шаблона: {expected}"))
        .in_file(source.file.clone())
        .with_hint("теги шаблона: {{ переменная }}, {% if %}…{% endif %}, {% for %}…{% endfor %}, {% block имя %}…{% endblock %}")
}

/// `{% extends %}` or `{% import %}` of a template that does not exist.
pub(super) fn missing_template(target: &str, source: &Source) -> Diagnostic {
    let quoted = [
        format!("\"{target}\""),
        format!("'{target}'"),
        format!("`{target}`"),
    ];
    let pos = quoted
        .iter()
        .find_map(|q| find_plain(&source.text, q))
        .unwrap_or_default();
    Diagnostic::error(pos, "", format!("шаблон «{target}» не найден"))
        .in_file(source.file.clone())
        .with_hint(format!(
            "встроенные шаблоны: {}; каждый доступен и как {}ИМЯ",
            crate::assets::TEMPLATES
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", "),
            super::BUILTIN_PREFIX
        ))
}

/// Errors tera finds when the templates are put together (a circular `extends`).
pub(super) fn load_error(e: &tera::Error, sources: &BTreeMap<String, Source>) -> Diagnostic {
    let (file, message) = match &e.kind {
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => (
            sources.get(tpl).map(|s| s.file.clone()),
            format!(
                "шаблоны наследуют друг друга по кругу: {}",
                inheritance_chain.join(" → ")
            ),
        ),
        _ => (
            None,
            format!("шаблоны не собираются: {}", chain(e).join(": ")),
        ),
    };
    let d = Diagnostic::error(Pos::default(), "", message).with_hint(HINT_DOCS);
    match file {
        Some(f) => d.in_file(f),
        None => d,
    }
}

/// An error while filling `root` (the template being rendered) with the context.
pub(super) fn render_error(
    e: &tera::Error,
    root: &str,
    tera: &tera::Tera,
    sources: &BTreeMap<String, Source>,
) -> Diagnostic {
    let messages = chain(e);
    let detail = messages.last().cloned().unwrap_or_default();
    // The innermost template named: a macro's file, an included file, or the root.
    let name = messages
        .iter()
        .rev()
        .find_map(|m| quoted_after(m, "while rendering '"))
        .unwrap_or_else(|| root.to_string());
    let (mut message, mut token) = explain(&detail);
    // A function's own error (ours are Russian) does not name the function: an outer message
    // of the chain does («Function call 'get_env' failed»).
    if token.is_none()
        && let Some(name) = messages
            .iter()
            .rev()
            .find_map(|m| quoted_after(m, "Function call '"))
    {
        message = format!("ошибка в функции «{name}»: {detail}");
        token = Some(name);
    }

    // Where the name is used: this template first, then the ones it extends.
    let mut candidates = vec![name.clone()];
    if let Ok(t) = tera.get_template(&name) {
        candidates.extend(t.parents.iter().cloned());
    }
    let mut file = sources
        .get(&name)
        .map(|s| s.file.clone())
        .unwrap_or(name.clone());
    let mut pos = Pos::default();
    if let Some(token) = &token {
        for candidate in &candidates {
            if let Some(source) = sources.get(candidate)
                && let Some(p) = find_in_tags(&source.text, token)
            {
                file = source.file.clone();
                pos = p;
                break;
            }
        }
    }
    Diagnostic::error(pos, "", message)
        .in_file(file)
        .with_hint(HINT_DOCS)
}

/// The Russian message for tera's innermost message, and the name to look for.
fn explain(detail: &str) -> (String, Option<String>) {
    if let Some(var) =
        quoted_after(detail, "Variable `").map(|v| v.trim_end_matches('`').to_string())
    {
        return (
            format!("в контексте шаблона нет переменной «{var}»"),
            Some(var),
        );
    }
    let kinds = [
        ("Filter '", "нет фильтра"),
        ("Function '", "нет функции"),
        ("Test '", "нет проверки"),
        ("Filter call '", "ошибка в фильтре"),
        ("Function call '", "ошибка в функции"),
    ];
    if let Some(names) = quoted_after(detail, "Template '") {
        // `{% include %}` names its templates as a list: `[a.tera, b.tera]`.
        let name = names
            .trim_matches(['[', ']'])
            .split(", ")
            .next()
            .unwrap_or("");
        return (
            format!(
                "нет шаблона «{name}»: шаблоны берутся только из папки --templates и встроенных \
                 (builtin/ИМЯ), не из других папок"
            ),
            Some(name.to_string()),
        );
    }
    for (prefix, what) in kinds {
        if let Some(name) = quoted_after(detail, prefix) {
            return (format!("{what} «{name}»: {detail}"), Some(name));
        }
    }
    (format!("шаблон не заполнился: {detail}"), None)
}

/// Every message of an error chain, outermost first.
fn chain(e: &tera::Error) -> Vec<String> {
    let mut all = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        all.push(s.to_string());
        source = s.source();
    }
    all
}

fn innermost(e: &tera::Error) -> String {
    chain(e).pop().unwrap_or_default()
}

/// The text after `prefix` up to the next quote of the kind the prefix ends with.
fn quoted_after(message: &str, prefix: &str) -> Option<String> {
    let start = message.find(prefix)? + prefix.len();
    let quote = prefix.chars().last()?;
    let len = message[start..].find(quote)?;
    Some(message[start..start + len].to_string())
}

/// `--> 3:15` in pest's report.
fn pest_pos(detail: &str) -> Option<Pos> {
    let rest = &detail[detail.find("--> ")? + 4..];
    let (line, rest) = rest.split_once(':')?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Pos::new(line.trim().parse().ok()?, col.parse().ok()?))
}

/// Where a call is made: the quoted name of an included template, or `ns::macro` in a tag.
pub(super) fn find_call(text: &str, call: &str) -> Option<Pos> {
    [
        format!("\"{call}\""),
        format!("'{call}'"),
        format!("`{call}`"),
    ]
    .iter()
    .find_map(|q| find_plain(text, q))
    .or_else(|| find_in_tags(text, call))
}

/// The first occurrence of `needle` anywhere in `text`.
fn find_plain(text: &str, needle: &str) -> Option<Pos> {
    text.find(needle).map(|at| Pos::at_offset(text, at))
}

/// The first occurrence of `token` as a whole name inside a tag (`{{ }}` or `{% %}`).
fn find_in_tags(text: &str, token: &str) -> Option<Pos> {
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let mut from = 0;
    while let Some(open) = text[from..].find(['{']).map(|i| from + i) {
        let kind = text[open + 1..].chars().next();
        let close = match kind {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => {
                from = open + 1;
                continue;
            }
        };
        let body_start = open + 2;
        let body_end = text[body_start..]
            .find(close)
            .map(|i| body_start + i)
            .unwrap_or(text.len());
        let body = &text[body_start..body_end];
        let mut search = 0;
        while let Some(i) = body[search..].find(token).map(|i| search + i) {
            let before = body[..i].chars().next_back();
            let after = body[i + token.len()..].chars().next();
            if !before.is_some_and(is_name) && !after.is_some_and(|c| is_name(c) && c != '.') {
                return Some(Pos::at_offset(text, body_start + i));
            }
            search = i + token.len();
        }
        from = body_end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pest_position_is_read_from_the_report() {
        let report =
            " --> 2:9\n  |\n2 | <p>{{ x }</p>\n  |         ^---\n  |\n  = expected a variable end";
        assert_eq!(pest_pos(report), Some(Pos::new(2, 9)));
        assert_eq!(pest_pos("no position"), None);
    }

    #[test]
    fn names_are_found_only_inside_tags_and_as_whole_names() {
        let text = "order here\n<p>{{ orders }}</p>\n  {{ m::x(a=order.date) }} {% if order %}";
        // `order.date` uses `order`: where `order` is missing, this is the first place it fails.
        assert_eq!(find_in_tags(text, "order"), Some(Pos::new(3, 13)));
        assert_eq!(find_in_tags(text, "if"), Some(Pos::new(3, 31)));
        assert_eq!(find_in_tags(text, "order.date"), Some(Pos::new(3, 13)));
        assert_eq!(find_in_tags(text, "missing"), None);
    }

    #[test]
    fn tera_messages_are_explained_in_russian() {
        let (m, t) =
            explain("Variable `appendix.titel` not found in context while rendering 'a.tera'");
        assert!(m.contains("appendix.titel"));
        assert_eq!(t.as_deref(), Some("appendix.titel"));
        let (m, t) = explain("Filter 'nosuch' not found");
        assert!(m.starts_with("нет фильтра"));
        assert_eq!(t.as_deref(), Some("nosuch"));
    }
}
