//! serde-saphyr errors → Russian [`Diagnostic`]s.
//!
//! Works on serde-saphyr's structured error kinds (and, for syntax errors, the parser's
//! `ErrorKind`), not on their English text, so a new wording upstream cannot break a message.
//! The one exception is a custom message from our own `Deserialize` impls (the deadline), which
//! is already Russian and passes through as is. Kinds with no translation fall back to a
//! generic Russian message with the English detail in a hint; a test feeds damaged sources
//! through `load` to keep that fallback unused.
//! The field path is found from the error's location in the parser's events ([`path_of`]), as
//! is what the wrong value actually was, so a message can say «ожидалась строка, а указан
//! список». `path_check` holds the paths to those serde_path_to_error tracks while reading.

use serde_saphyr::granit_parser::{self, Event, ScalarStyle};

use super::nodes::{self, join};
use serde_saphyr::{Error, Location, budget::BudgetBreach, localizer::ExternalMessageSource};

use super::bytes::position;
use crate::diag::{Diagnostic, Pos};
use crate::source::model::ColumnKey;

/// Nesting deeper than this is refused (the model itself needs about a dozen levels).
pub const MAX_DEPTH: usize = 40;

/// Translates one deserialization error; `path` is the field it is in (for an unknown field,
/// the field's own path).
pub fn translate(err: &Error, path: &str, text: &str) -> Diagnostic {
    let err = innermost(err);
    let pos = err.location().map(pos_of).unwrap_or_default();
    let field_path = path.to_owned();
    let found = |pos: &Pos| found_at(text, *pos);

    match err {
        Error::Eof { .. } => empty_file(),
        Error::MultipleDocuments { .. } | Error::Budget { breach: BudgetBreach::Documents { .. }, .. } => {
            Diagnostic::error(pos, "", "в файле больше одного документа YAML (после разделителя `---`)")
                .with_hint("одна дорожная карта — один файл: уберите лишний `---` или разнесите документы по файлам")
        }
        Error::SerdeUnknownField { field, expected, .. } => {
            // The path ends with the unknown key itself; the message names it, the path names
            // the mapping it stands in.
            let parent = parent_path(path);
            let hint = suggestion("поля", field, expected);
            let typo = hint.starts_with("возможно");
            let d = Diagnostic::error(pos, parent, format!("неизвестное поле `{field}`")).with_hint(hint);
            // On an item or a part, a key that is no typo of a field nor a known column's
            // may be an own column's: its value goes in `values`.
            let own = expected.contains(&"values")
                && !typo
                && crate::source::own_columns::is_own_key(field)
                && matches!(ColumnKey::from_name(field), ColumnKey::Own(_))
                && !crate::source::own_columns::looks_like_known(field);
            match own {
                true => d.with_hint(format!(
                    "значение своего столбца пишется в values: {{ {field}: … }}, а сам столбец объявляется в columns: {{ key: {field}, title: …, width: … }}"
                )),
                false => d,
            }
        }
        Error::SerdeUnknownVariant { variant, expected, .. } => {
            // Placed at its key when a hand-written `Deserialize` refused the value (the column
            // key, the numbering mapping): point at the value itself, as for a derived enum.
            let pos = nodes::find(text, &field_path)
                .filter(|node| node.anchor == pos)
                .map_or(pos, |node| node.start);
            let hint = suggestion("значения", variant, expected);
            if is_null(variant) && found(&pos).as_deref() == Some("значение пустое") {
                return Diagnostic::error(pos, field_path, "пустое значение").with_hint(hint);
            }
            Diagnostic::error(pos, field_path, format!("недопустимое значение «{variant}»")).with_hint(hint)
        }
        Error::SerdeMissingField { field, .. } => {
            // serde notices a missing field at the end of the mapping; point at its start.
            let pos = locate(text, &field_path).unwrap_or(pos);
            Diagnostic::error(pos, field_path, format!("нет обязательного поля `{field}`"))
                .with_hint(format!(
                    "добавьте строку `{field}: …` к остальным полям этого уровня; что в нём пишется, \
                     сказано в README.md и в подсказках редактора (`dorkarta schema`)"
                ))
        }
        Error::DuplicateMappingKey { key, .. } => {
            let Some(key) = key else {
                return Diagnostic::error(pos, field_path, "ключ указан второй раз").with_hint(DUPLICATE_HINT);
            };
            let first = locate(text, &join(&field_path, key)).filter(|first| *first != pos);
            let message = match first {
                Some(first) => format!("поле `{key}` указано второй раз (первый раз — в строке {})", first.line),
                None => format!("поле `{key}` указано второй раз"),
            };
            Diagnostic::error(pos, field_path, message).with_hint(DUPLICATE_HINT)
        }
        Error::Unexpected { expected, .. } => {
            let found = found(&pos);
            wrong_type(pos, field_path, expected_kind(expected), found)
        },
        Error::InvalidScalar { ty, .. } => {
            let found = found(&pos);
            wrong_type(pos, field_path, scalar_kind(ty), found)
        },
        Error::NullIntoString { .. } => Diagnostic::error(pos, field_path, "пустое значение: ожидалась строка")
            .with_hint("напишите значение после двоеточия или удалите поле, если оно необязательное"),
        Error::SerdeInvalidType { expected, .. } | Error::SerdeInvalidValue { expected, .. } => {
            let found = found(&pos);
            wrong_type(pos, field_path, serde_expected(expected), found)
        }
        // Our own Deserialize impls (the deadline) already speak Russian: pass them through.
        Error::Message { msg, .. } if msg.chars().any(|c| matches!(c, 'а'..='я')) => {
            let d = Diagnostic::error(pos, field_path.clone(), msg.clone());
            match field_path.ends_with("deadline") || field_path.contains("deadline[") {
                true => d.with_hint(
                    "срок пишется строкой, как в документе: «16.02.2023», «февраль 2023», «24-25 мая 2023 г.», «I квартал 2024», или `2023-02-16`, `2023-02`, `2023-05-24..2023-05-25`, `2024-Q1`, или текстом",
                ),
                false => d,
            }
        }
        Error::UnknownAnchor { .. } => unknown_anchor(text, pos),
        Error::ExternallyTaggedEnumExpectedScalarOrMapping { .. } => {
            let found = found(&pos);
            wrong_type(pos, field_path, "одно значение из допустимых", found)
                .with_hint("допустимые значения показывают `dorkarta schema` и README.md")
        }
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => alias_bomb(pos),
        Error::Budget { breach, .. } => budget(pos, breach),
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => syntax(scan, text),
            _ => fallback(pos, field_path, err),
        },
        _ => fallback(pos, field_path, err),
    }
}

const DUPLICATE_HINT: &str =
    "в одном наборе полей каждый ключ пишется один раз: удалите повтор или объедините значения";

const START_HINT: &str = "дорожная карта начинается с полей `order:` (приказ) и `appendix:` (приложение); пример — в README.md";

/// A file with nothing in it but blank lines and comments.
pub fn empty_file() -> Diagnostic {
    Diagnostic::error(Pos::new(1, 1), "", "файл пуст: в нём нет ни одного поля")
        .with_hint(START_HINT)
}

/// Alias and snippet wrappers hold the error that happened; report that one.
pub(super) fn innermost(mut err: &Error) -> &Error {
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = err {
        err = error;
    }
    err
}

fn pos_of(loc: Location) -> Pos {
    Pos::new(loc.line() as u32, loc.column() as u32)
}

fn parent_path(full: &str) -> String {
    match full.rfind(['.', '[']) {
        Some(at) if full[at..].starts_with('.') => full[..at].to_owned(),
        Some(_) => full.to_owned(),
        None => String::new(),
    }
}

/// Values users write that the format spells otherwise, with why: (written, right, why).
const RENAMED: &[(&str, &str, &str)] = &[(
    "no",
    "number",
    "в YAML 1.1 (pyyaml, старые редакторы) `no` читается как «ложь»",
)];

/// «возможно, имелось в виду `responsible`; допустимые поля: …», the nearest known name when
/// one is close enough to be a typo.
fn suggestion(what: &str, given: &str, known: &[&str]) -> String {
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if let Some((old, new, why)) = RENAMED
        .iter()
        .find(|(old, new, _)| given.trim().eq_ignore_ascii_case(old) && known.contains(new))
    {
        return format!("пишется `{new}`, а не `{old}`: {why}; допустимые {what}: {list}");
    }
    let nearest = known
        .iter()
        .map(|k| {
            (
                strsim::normalized_damerau_levenshtein(&given.to_lowercase(), k),
                *k,
            )
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match nearest {
        Some((_, k)) => format!("возможно, имелось в виду `{k}`; допустимые {what}: {list}"),
        None => format!("допустимые {what}: {list}"),
    }
}

fn wrong_type(pos: Pos, path: String, expected: &str, found: Option<String>) -> Diagnostic {
    if path.is_empty() && expected.starts_with("набор полей") {
        // The whole file is a list or text: say what a source looks like.
        let found = found.map(|f| format!(", а {f}")).unwrap_or_default();
        return Diagnostic::error(
            pos,
            path,
            format!(
                "это не дорожная карта: файл должен состоять из полей `order:` и `appendix:`{found}"
            ),
        )
        .with_hint(START_HINT);
    }
    // A number written in digits that no f64 holds (`1e400`) is a number out of range, not
    // «не число»: the user wrote one.
    if expected == "число"
        && let Some(text) = found.as_deref().and_then(quoted)
        && is_decimal(text)
    {
        let diag = Diagnostic::error(
            pos,
            path.clone(),
            format!("«{text}» — число за пределами допустимого"),
        );
        return match path.ends_with(".width") {
            true => diag.with_hint(
                "width — число больше 0 и не больше 1000: например, 6 для номера и 40 для мероприятия",
            ),
            false => diag,
        };
    }
    let message = match found {
        Some(found) => format!("ожидал{} {expected}, а {found}", gender(expected)),
        None => format!("ожидал{} {expected}", gender(expected)),
    };
    let diag = Diagnostic::error(pos, path, message);
    if expected.starts_with("набор полей") {
        diag.with_hint(
            "набор полей пишется с новой строки, с отступом: `поле: значение` на каждой строке",
        )
    } else if expected == "список" {
        diag.with_hint("список пишется по элементу на строке, каждый начинается с `- `, или в скобках: `[a, b]`")
    } else if expected.starts_with("значение true") {
        diag.with_hint("пишите `true` (да) или `false` (нет)")
    } else if expected == "число" {
        diag.with_hint("пишите число цифрами, дробную часть — через точку: `12.5`")
    } else if expected == "целое число" {
        diag.with_hint("пишите целое число цифрами, без «№» и кавычек: `2`")
    } else if expected == "строка" {
        diag.with_hint(
            "напишите текст после двоеточия; текст в несколько строк — после `|`, с новой строки \
             и с отступом",
        )
    } else {
        diag
    }
}

/// The text between the first «» of a message.
fn quoted(found: &str) -> Option<&str> {
    let (_, rest) = found.split_once('«')?;
    Some(rest.rsplit_once('»')?.0)
}

/// Whether a text is a number in decimal notation: `12`, `-1.5`, `1e400`.
fn is_decimal(text: &str) -> bool {
    let text = text.trim().trim_start_matches(['+', '-']);
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.trim_start_matches(['+', '-']))),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            (digits(whole) || whole.is_empty())
                && (digits(fraction) || fraction.is_empty())
                && !(whole.is_empty() && fraction.is_empty())
        }
        None => digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(digits)
}

/// The past-tense ending that agrees with the expected kind: «ожидалась строка»,
/// «ожидался список», «ожидалось число».
fn gender(expected: &str) -> &'static str {
    let head = expected.split([' ', ':']).next().unwrap_or_default();
    match head {
        "строка" => "ась",
        "число" | "целое" | "значение" | "одно" => "ось",
        "срок" | "список" | "набор" | "символ" => "ся",
        _ => "ось",
    }
}

fn expected_kind(expected: &str) -> &'static str {
    match expected {
        "string scalar" | "scalar" => "строка",
        "sequence start" => "список",
        "mapping start" | "empty mapping start" => "набор полей `ключ: значение`",
        _ => "значение другого вида",
    }
}

fn scalar_kind(ty: &str) -> &'static str {
    match ty {
        t if t.contains("bool") => "значение true или false",
        t if t.contains("float") || t == "f32" || t == "f64" => "число",
        "char" => "символ",
        t if (t.starts_with('i') || t.starts_with('u'))
            && t[1..].chars().all(|c| c.is_ascii_digit()) =>
        {
            "целое число"
        }
        _ => "значение другого вида",
    }
}

/// serde's own `expected` texts (`a string`, `a sequence`, `struct Order` …).
fn serde_expected(expected: &str) -> &'static str {
    if expected.contains("string") {
        "строка"
    } else if expected.contains("sequence") {
        "список"
    } else if expected.starts_with("struct") || expected.contains("map") {
        "набор полей `ключ: значение`"
    } else if expected.contains("bool") {
        "значение true или false"
    } else if expected.contains("f32") || expected.contains("f64") || expected.contains("float") {
        "число"
    } else {
        "значение другого вида"
    }
}

/// What stands at `pos` in the source, for «…, а указан список».
fn found_at(text: &str, pos: Pos) -> Option<String> {
    let parser = granit_parser::Parser::new_from_str(text);
    for item in parser {
        let (event, span) = item.ok()?;
        let (line, col) = (span.start.line() as u32, span.start.col() as u32 + 1);
        if (line, col) > (pos.line, pos.column) {
            return None;
        }
        if (line, col) != (pos.line, pos.column) {
            continue;
        }
        return match event {
            Event::SequenceStart(..) => Some("указан список".to_owned()),
            Event::MappingStart(..) => Some("указан набор полей".to_owned()),
            Event::Scalar(value, style, ..) => {
                Some(if style == ScalarStyle::Plain && is_null(&value) {
                    "значение пустое".to_owned()
                } else {
                    format!("указано «{}»", shorten(&value))
                })
            }
            _ => continue,
        };
    }
    None
}

/// YAML's spellings of «nothing»: an empty value, `~`, `null`.
fn is_null(plain: &str) -> bool {
    matches!(plain, "" | "~" | "null" | "Null" | "NULL")
}

fn shorten(value: &str) -> String {
    let one_line = value.lines().next().unwrap_or_default();
    if one_line.chars().count() > 40 || one_line.len() < value.trim_end().len() {
        format!("{}…", one_line.chars().take(40).collect::<String>())
    } else {
        one_line.to_owned()
    }
}

/// `*name` with no `&name` before it; the name is read from the text at the position.
fn unknown_anchor(text: &str, pos: Pos) -> Diagnostic {
    let name: String = line_offset(text, pos.line)
        .and_then(|start| text[start..].lines().next())
        .map(|line| {
            line.chars()
                .skip(pos.column as usize - 1)
                .collect::<String>()
        })
        .filter(|rest| rest.starts_with('*'))
        .map(|rest| {
            rest[1..]
                .chars()
                .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
                .collect()
        })
        .unwrap_or_default();
    let message = if name.is_empty() {
        "ссылка `*…` на якорь, который не объявлен".to_owned()
    } else {
        format!("ссылка `*{name}` на якорь `&{name}`, который не объявлен выше")
    };
    Diagnostic::error(pos, "", message)
        .with_hint("якорь объявляется до ссылки: `поле: &имя значение`, затем `другое: *имя`; или напишите значение прямо")
}

fn alias_bomb(pos: Pos) -> Diagnostic {
    Diagnostic::error(pos, "", "слишком много раскрытий ссылок `*имя`: файл разрастается при чтении в миллионы значений")
        .with_hint("так выглядит «бомба» из ссылок YAML; в дорожной карте ссылки не нужны — напишите значения прямо")
}

fn budget(pos: Pos, breach: &BudgetBreach) -> Diagnostic {
    match breach {
        BudgetBreach::Depth { .. } => deep_nesting(pos),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => alias_bomb(pos),
        _ => Diagnostic::error(pos, "", "файл слишком велик или сложен для разбора")
            .with_hint("проверьте, что это файл дорожной карты; одна карта — один файл"),
    }
}

fn deep_nesting(pos: Pos) -> Diagnostic {
    Diagnostic::error(
        pos,
        "",
        format!("слишком глубокая вложенность: больше {MAX_DEPTH} уровней"),
    )
    .with_hint("в дорожной карте нужно не больше десятка уровней; проверьте отступы и скобки")
}

/// Syntax errors, by the parser's error kind.
fn syntax(scan: &granit_parser::ScanError, text: &str) -> Diagnostic {
    use granit_parser::ErrorKind as K;
    let mark = scan.marker();
    let pos = Pos::new(mark.line() as u32, mark.col() as u32 + 1);
    let err = |message: String, hint: &str| Diagnostic::error(pos, "", message).with_hint(hint);
    match scan.kind() {
        K::TabInIndentation
        | K::TabInBlockIndentation
        | K::TabNotAllowed
        | K::TabAtBlockScalarStart
        | K::TabInPlainScalar => tab(text, &pos),
        K::BlockEntryInFlowCollection => err(
            "элемент списка `- ` внутри скобок: похоже, выше не закрыта скобка `[` или `{`".into(),
            "проверьте, что у каждой `[` есть `]`, а у каждой `{` есть `}`",
        ),
        K::UnclosedQuotedScalar => err(
            "не закрыта кавычка".into(),
            "строка в кавычках должна закрываться той же кавычкой: \"…\" или '…'",
        ),
        K::UnclosedFlowCollection { open } => err(
            format!("не закрыта скобка `{open}`"),
            "список в скобках закрывается `]`, набор полей в фигурных скобках — `}`",
        ),
        K::MismatchedFlowCollectionEnd { open, close } => err(
            format!("скобка `{close}` не парная к открытой `{open}`"),
            "`[` закрывается `]`, `{` закрывается `}`",
        ),
        K::MisplacedFlowCollectionEnd => err(
            "лишняя закрывающая скобка".into(),
            "удалите её или возьмите значение в кавычки, если скобка — часть текста",
        ),
        K::ExpectedFlowSequenceSeparator | K::ExpectedFlowMappingSeparator => err(
            "в скобках ожидалась запятая или закрывающая скобка".into(),
            "элементы в скобках разделяются запятыми: `[первый, второй]`",
        ),
        K::MappingValueNotAllowed | K::InvalidColonPlacement | K::MappingKeyNotAllowed => err(
            "двоеточие с пробелом здесь недопустимо".into(),
            "если двоеточие — часть текста («Цель: …»), возьмите всё значение в кавычки: \"Цель: …\"",
        ),
        K::InvalidIndentation
        | K::ExpectedBlockMappingKey
        | K::ExpectedBlockSequenceEntry
        | K::BlockSequenceEntryNotAllowed
        | K::InvalidFlowScalarIndent
        | K::InvalidQuotedScalarIndent
        | K::InvalidBlockScalarIndent => err(
            "нарушены отступы".into(),
            "поля одного уровня начинаются с одной колонки, вложенные — правее; элементы списка — с `- `",
        ),
        K::SimpleKeyExpected | K::InvalidSimpleKey => err(
            "ожидалось `поле: значение` (двоеточие и пробел после имени поля)".into(),
            "длинный текст со строками продолжения пишите с отступом или в кавычках",
        ),
        K::UnexpectedCharacter { character } => err(
            format!("значение не может начинаться с символа `{character}`"),
            "возьмите значение в кавычки: \"…\"",
        ),
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => err(
            "после закрывающей кавычки есть лишний текст".into(),
            "если кавычки — часть текста, возьмите всё значение в другие кавычки: '«…» и ещё' или \"'…' и ещё\"",
        ),
        K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidUnicodeEscape => err(
            "неизвестная последовательность с `\\` в строке в двойных кавычках".into(),
            "обратную косую черту удвойте (`\\\\`) или возьмите строку в одинарные кавычки",
        ),
        K::RecursionLimitExceeded => deep_nesting(pos),
        K::InvalidBlockScalarHeader | K::ZeroBlockScalarIndent => err(
            "после `|` или `>` на той же строке ничего не пишется".into(),
            "`|` и `>` начинают многострочный текст: сам текст — со следующей строки, с отступом; \
             если `|` или `>` — часть текста, возьмите значение в кавычки",
        ),
        K::MissingDirectiveName
        | K::InvalidDirectiveName
        | K::InvalidDirectiveTerminator
        | K::InvalidTagDirectiveTerminator
        | K::DirectiveDisallowed
        | K::MissingYamlVersion
        | K::MissingYamlVersionSeparator
        | K::YamlVersionTooLong
        | K::DuplicateVersionDirective
        | K::UnsupportedYamlMajorVersion
        | K::DuplicateTagDirective
        | K::MissingDocumentEndBeforeDirective => err(
            "строка, начинающаяся с `%`, — служебная директива YAML".into(),
            "если `%` — часть текста, возьмите значение в кавычки или уберите `%` из начала строки",
        ),
        K::ExpectedTagBang
        | K::ExpectedTagDirectiveBang
        | K::InvalidGlobalTagCharacter
        | K::InvalidTagTerminator
        | K::MissingTagUri
        | K::UnclosedVerbatimTag
        | K::InvalidTagEscape
        | K::UndeclaredTagHandle => err(
            "значение, начинающееся с `!`, — служебная пометка типа YAML".into(),
            "если `!` — часть текста, возьмите значение в кавычки: \"!…\"",
        ),
        K::MissingAnchorOrAliasName => err(
            "после `&` или `*` в начале значения ожидалось имя якоря".into(),
            "если `&` или `*` — часть текста, возьмите значение в кавычки: \"* …\"",
        ),
        K::ExpectedWhitespace
        | K::InvalidMappingValueWhitespace
        | K::InvalidBlockEntryWhitespace => err(
            "ожидался пробел".into(),
            "после `:` и после `-` в начале элемента списка нужен пробел: `поле: значение`, `- элемент`",
        ),
        K::CommentNotSeparated | K::CommentInterceptedScalar => err(
            "`#` здесь начинает комментарий".into(),
            "комментарий отделяется пробелом; если `#` — часть текста, возьмите значение в кавычки",
        ),
        K::PlainScalarStartsWithDashFlowIndicator | K::FlowMappingValueAdjacentCollection => err(
            "значение начинается со знаков, которые YAML понимает как разметку".into(),
            "возьмите значение в кавычки: \"…\"",
        ),
        K::DocumentIndicatorInQuotedScalar | K::InvalidDocumentEnd | K::ExpectedDocumentStart => {
            err(
                "`---` или `...` в начале строки разделяют документы YAML".into(),
                "в дорожной карте один документ: уберите `---`/`...` или возьмите текст в кавычки",
            )
        }
        K::ExpectedNodeContent | K::UnexpectedEndOfPlainScalar => err(
            "здесь ожидалось значение".into(),
            "проверьте запятые, скобки и отступы; текст со знаками разметки возьмите в кавычки",
        ),
        K::BomInsideDocument => err(
            "метка порядка байтов (BOM) в середине файла".into(),
            "похоже, файлы склеены; сохраните файл заново в кодировке UTF-8",
        ),
        K::UnknownAnchor => unknown_anchor(text, pos),
        K::UnexpectedEof
        | K::UnexpectedEofBlockMapping
        | K::UnexpectedEofBlockSequence
        | K::UnexpectedEofFlowMapping
        | K::UnexpectedEofFlowSequence
        | K::UnexpectedEofImplicitFlowMapping => err(
            "файл оборвался: не закрыта скобка или кавычка".into(),
            "проверьте, что у каждой `[`, `{`, `\"` есть пара",
        ),
        K::InputDecoding { .. } => err(
            "файл не в кодировке UTF-8".into(),
            "сохраните файл в кодировке UTF-8",
        ),
        _ => err(
            "ошибка синтаксиса YAML".into(),
            &format!(
                "подробности от разборщика YAML (на английском): {}",
                scan.info()
            ),
        ),
    }
}

/// A tab error is reported where the parser gave up, which may be the end of the previous
/// line; the user needs the tab itself: the first one from the error on.
fn tab(text: &str, pos: &Pos) -> Diagnostic {
    let from = line_offset(text, pos.line).unwrap_or(0);
    let Some(at) = text[from..].find('\t').map(|i| from + i) else {
        return Diagnostic::error(*pos, "", "символ табуляции здесь недопустим")
            .with_hint("замените символы табуляции пробелами");
    };
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let in_indent = text[line_start..at].chars().all(|c| c == ' ' || c == '\t');
    let message = if in_indent {
        "табуляция в отступе: в YAML отступы делаются только пробелами"
    } else {
        "символ табуляции в тексте без кавычек"
    };
    let hint = if in_indent {
        "замените символы табуляции пробелами (обычно по два пробела на уровень)"
    } else {
        "замените табуляцию пробелом или возьмите значение в кавычки"
    };
    Diagnostic::error(position(text, at), "", message).with_hint(hint)
}

fn line_offset(text: &str, line: u32) -> Option<usize> {
    if line <= 1 {
        return Some(0);
    }
    text.match_indices('\n')
        .nth(line as usize - 2)
        .map(|(at, _)| at + 1)
}

/// Errors with no translation of their own: say where, and give serde-saphyr's words as a
/// detail, marked as such.
fn fallback(pos: Pos, path: String, err: &Error) -> Diagnostic {
    let detail = err.render_with_options(serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    });
    Diagnostic::error(pos, path, "не удалось прочитать значение")
        .with_hint(format!("подробности (на английском): {detail}"))
}

/// Where the value at `path` (in [`field_path`]'s form) starts in the source: at its key for a
/// mapping value, at the item for a list item. `None` when the path is not in the text.
fn locate(text: &str, path: &str) -> Option<Pos> {
    nodes::find(text, path).map(|node| node.anchor)
}

/// The field path of the node the error is in: for an unknown field, the field's own; for a
/// mistake met through an alias, the path where the alias stands.
pub(super) fn path_of(err: &Error, text: &str) -> String {
    match err {
        Error::AliasError {
            error, locations, ..
        } => {
            let inner = path_of(error, text);
            let at = |location: Location| {
                let at = nodes::at(text, pos_of(location));
                at.values.into_iter().next().or(at.key).unwrap_or_default()
            };
            let (reference, defined) = (
                at(locations.reference_location),
                at(locations.defined_location),
            );
            match inner.strip_prefix(defined.as_str()) {
                Some(rest) if !defined.is_empty() && !reference.is_empty() => {
                    format!("{reference}{rest}")
                }
                _ if !reference.is_empty() => reference,
                _ => inner,
            }
        }
        Error::WithSnippet { error, .. } => path_of(error, text),
        _ => path_at(err, text),
    }
}

/// The field path of the node an error that is not an alias's points at.
fn path_at(err: &Error, text: &str) -> String {
    let Some(pos) = err.location().map(pos_of) else {
        return String::new();
    };
    let at = nodes::at(text, pos);
    match err {
        // Placed at the key.
        Error::SerdeUnknownField { .. } => at.key.unwrap_or_default(),
        // A value refused by a hand-written `Deserialize` (the column key, the numbering) is
        // placed at its key (where a block mapping may start too).
        Error::SerdeUnknownVariant { variant, .. }
            if at.key.is_some() && at.key_scalar.as_deref() == Some(variant.as_str()) =>
        {
            at.key.unwrap_or_default()
        }
        // A value's mistake is placed at the value, a mapping's (a field missing or given
        // twice) at its first key or its end; an enum given a mapping is refused at the
        // mapping's first key, its would-be variant.
        _ => at
            .values
            .into_iter()
            .next()
            .or(at.key.map(|key| parent_path(&key)))
            .or(at.ends.into_iter().next())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestion_names_a_close_key_only() {
        let known = ["title", "items"];
        assert!(
            suggestion("поля", "titel", &known).starts_with("возможно, имелось в виду `title`")
        );
        assert!(
            suggestion("поля", "Title", &known).starts_with("возможно, имелось в виду `title`")
        );
        assert_eq!(
            suggestion("поля", "название", &known),
            "допустимые поля: `title`, `items`"
        );
    }

    #[test]
    fn a_renamed_value_names_its_new_spelling_and_why() {
        let known = ["number", "activity"];
        assert_eq!(
            suggestion("значения", "No", &known),
            "пишется `number`, а не `no`: в YAML 1.1 (pyyaml, старые редакторы) `no` читается как \
             «ложь»; допустимые значения: `number`, `activity`"
        );
        // Only where the new spelling is a possible value.
        assert_eq!(
            suggestion("значения", "no", &["appendix"]),
            "допустимые значения: `appendix`"
        );
    }

    #[test]
    fn past_tense_agrees_with_the_expected_kind() {
        assert_eq!(gender("строка"), "ась");
        assert_eq!(gender("список"), "ся");
        assert_eq!(gender("число"), "ось");
        assert_eq!(gender("набор полей `ключ: значение`"), "ся");
    }

    #[test]
    fn the_path_of_a_mistake_is_found_from_its_position() {
        let path = |text: &str| {
            let err = serde_saphyr::from_str_with_options::<crate::source::Source>(
                text,
                crate::source::options(),
            )
            .unwrap_err();
            path_of(&err, text)
        };
        let items = "appendix:\n  stages:\n    - title: s\n      items:\n";
        // A wrong value inside `Spanned`: the field, not its wrapper's `value`.
        assert_eq!(
            path(&format!("{items}        - deadline: {{a: 1}}\n")),
            "appendix.stages[0].items[0].deadline"
        );
        // An unknown field: the field's own path.
        assert_eq!(
            path(&format!(
                "{items}        - activity: a\n          deadlin: b\n"
            )),
            "appendix.stages[0].items[0].deadlin"
        );
        // A missing field is placed at the mapping's first key: the mapping.
        assert_eq!(path("order:\n  number: '1'\n"), "order");
        // A field given twice: the mapping it is in.
        assert_eq!(path("order:\n  number: '1'\n  number: '2'\n"), "order");
        // A value refused by a hand-written `Deserialize` is placed at its key.
        assert_eq!(path("appendix:\n  numbering: zzz\n"), "appendix.numbering");
        // An enum given a mapping is refused at the mapping's first key.
        assert_eq!(path("order:\n  kind: {a: 1}\n"), "order.kind");
    }
}
