//! The typography every text gets before it reaches a template.
//!
//! ГОСТ Р 7.0.97 keeps «№» with its number and initials with the surname: both are joined by a
//! non-breaking space (U+00A0), so no line ever starts with «206» or «Пуликова». A year keeps
//! its «г.» the same way, so a narrow date cell never leaves «г.» alone on a line. Runs of spaces
//! collapse to one, a space before a comma, full stop, colon, semicolon, «!», «?» or «)» goes
//! (Russian sets none there, and a line must not start with one: «Н.В. , директор» broke as
//! «Н.В.» / «, директор»), and each line is trimmed. Nothing else changes: spelling,
//! punctuation and letter case of the source are content.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

const NBSP: char = '\u{a0}';

/// «№», any spaces, and what follows (not another «№»: «№№ 5» keeps the pair together).
static NUMERO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"№[ \t\u{a0}]*([^\s№])").expect("valid regex"));
/// A number and the «г.» or «гг.» after it: «2023 г.», «2022–2023 гг.».
static YEAR_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d)[ \t\u{a0}]+(гг?\.)").expect("valid regex"));
/// One or two initials: «А.», «А.В.», «А. В.»; they must start a word, which [`initials`]
/// checks (a `\b` here would keep the regex engine from its DFA on Cyrillic text: it took
/// half of the time of resolving a document).
static INITIALS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Lu}\.(?:([ \u{a0}]?)\p{Lu}\.)?").expect("valid regex"));
/// Spaces and a surname right after initials.
static SURNAME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \u{a0}]+(\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?)\b").expect("valid regex")
});
/// A surname and spaces right before initials.
static SURNAME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?([ \u{a0}]+)$").expect("valid regex")
});
/// Spaces and initials right after a word.
static INITIALS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \u{a0}]+\p{Lu}\.(?:[ \u{a0}]?\p{Lu}\.)?").expect("valid regex")
});

/// Applies the house typography to one text; line breaks are kept.
pub fn typeset(text: &str) -> String {
    let lines: Vec<String> = text.trim().lines().map(typeset_line).collect();
    lines.join("\n")
}

/// [`typeset`] for an optional text; an empty text becomes `None`.
pub fn typeset_opt(text: Option<&str>) -> Option<String> {
    text.map(typeset).filter(|t| !t.is_empty())
}

fn typeset_line(line: &str) -> String {
    let collapsed = collapse_spaces(line.trim());
    let numbered = NUMERO.replace_all(&collapsed, |c: &regex::Captures| {
        format!("№{NBSP}{}", &c[1])
    });
    let dated = YEAR_MARK.replace_all(&numbered, |c: &regex::Captures| {
        format!("{}{NBSP}{}", &c[1], &c[2])
    });
    bind_initials(&dated)
}

/// Every match of [`INITIALS`] that starts a word, as `\b[INITIALS]` would find them: a match
/// glued to the letter before it is skipped, and the search goes on from its next character.
fn initials(line: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(c) = INITIALS.captures_at(line, from) {
            let whole = c.get(0).expect("group 0 always matches");
            let glued = line[..whole.start()]
                .chars()
                .next_back()
                .is_some_and(|ch| ch.is_alphanumeric() || ch == '_');
            if !glued {
                from = whole.end();
                return Some(c);
            }
            // The match starts with a capital letter: go on from the character after it.
            from = whole.start() + whole.as_str().chars().next().map_or(1, char::len_utf8);
        }
        None
    })
}

/// Runs of spaces and tabs become one space, and none is left before closing punctuation
/// ([`closes`]); a non-breaking space already written is kept.
fn collapse_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == ' ' || ch == '\t' {
            pending_space = true;
            continue;
        }
        if pending_space && ch != NBSP && !out.ends_with(NBSP) && !closes(ch, chars.peek()) {
            out.push(' ');
        }
        pending_space = false;
        out.push(ch);
    }
    out
}

/// Punctuation that takes no space before it: «,», «;», «:», «!», «?», «)», and a «.» that
/// ends an abbreviation or a sentence (not «...» or «.5», which may follow a space).
fn closes(ch: char, next: Option<&char>) -> bool {
    match ch {
        ',' | ';' | ':' | '!' | '?' | ')' => true,
        '.' => !next.is_some_and(|n| *n == '.' || n.is_ascii_digit()),
        _ => false,
    }
}

/// Joins initials to their surname, on whichever side it stands.
///
/// Several people in a row, with nothing but spaces between them, form a chain («Н.Е. Байрачный
/// К.А. Федоренко Т.Ю. Горностаева», «Лазоренко О.С. Жукова М.Я.»): the chain's ends tell the
/// order. Initials first (a surname ends the chain, none starts it): each set of initials goes
/// with the surname after it. Surname first (one starts the chain, none ends it): with the
/// surname before it. When both ends or neither hold a surname, the order cannot be told and
/// nothing is joined. Initials alone go with the word on the right unless that word is itself
/// followed by initials, else with the word on the left.
fn bind_initials(line: &str) -> String {
    // Initials glued to a following word («А.В.Пуликова», an abbreviation) are left as written.
    let found: Vec<regex::Captures> = initials(line)
        .filter(|m| {
            let end = m.get(0).expect("group 0 always matches").end();
            !line[end..].chars().next().is_some_and(char::is_alphabetic)
        })
        .collect();
    let whole = |m: &regex::Captures| m.get(0).expect("group 0 always matches").range();
    let mut joins: Vec<Range<usize>> = found
        .iter()
        .filter_map(|m| m.get(1).filter(|g| !g.is_empty()).map(|g| g.range()))
        .collect();
    // End of the last surname already bound, so one surname is never bound twice.
    let mut bound_until = 0;
    let mut first = 0;
    while first < found.len() {
        // The surnames between consecutive initials of the chain: (spaces before, spaces after).
        let mut between = Vec::new();
        let mut last = first;
        while let Some(next) = found.get(last + 1) {
            match surname_between(line, whole(&found[last]).end, whole(next).start) {
                Some(gaps) => between.push(gaps),
                None => break,
            }
            last += 1;
        }
        let (start, end) = (whole(&found[first]).start, whole(&found[last]).end);
        let rest = &line[end..];
        let right = SURNAME_AFTER.captures(rest).filter(|c| {
            let word_end = c.get(0).expect("group 0").end();
            !INITIALS_AFTER.is_match(&rest[word_end..])
        });
        let left = SURNAME_BEFORE
            .captures(&line[..start])
            .filter(|c| c.get(0).expect("group 0").start() >= bound_until);
        let right_gap = right.as_ref().map(|c| {
            let surname = c.get(1).expect("group 1");
            end..end + surname.start()
        });
        let left_gap = left.as_ref().map(|c| c.get(1).expect("group 1").range());
        match (left_gap, right_gap) {
            // Initials first: each with the surname after it.
            (left, Some(right)) if between.is_empty() || left.is_none() => {
                joins.extend(between.iter().map(|(before, _)| before.clone()));
                joins.push(right);
                bound_until = end + right_end(rest);
            }
            // Surname first: each with the surname before it.
            (Some(left), None) => {
                joins.push(left);
                joins.extend(between.iter().map(|(_, after)| after.clone()));
                bound_until = end;
            }
            _ => {}
        }
        first = last + 1;
    }
    // A join to the left of the initials is found after the one inside them.
    joins.sort_by_key(|join| join.start);
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for join in joins {
        out.push_str(&line[at..join.start]);
        out.push(NBSP);
        at = join.end;
    }
    out.push_str(&line[at..]);
    out
}

/// Where the surname found by [`SURNAME_AFTER`] at the start of `rest` ends, with its spaces.
fn right_end(rest: &str) -> usize {
    SURNAME_AFTER
        .captures(rest)
        .map_or(0, |c| c.get(0).expect("group 0").end())
}

/// When nothing but spaces, one surname and spaces stand between `from` and `to`: the spaces
/// before the surname and the spaces after it, as ranges of `line`.
fn surname_between(line: &str, from: usize, to: usize) -> Option<(Range<usize>, Range<usize>)> {
    let gap = &line[from..to];
    let c = SURNAME_AFTER.captures(gap)?;
    let surname = c.get(1).expect("group 1");
    let after = &gap[surname.end()..];
    let spaces = |s: &str| !s.is_empty() && s.chars().all(|ch| ch == ' ' || ch == NBSP);
    spaces(after).then(|| (from..from + surname.start(), from + surname.end()..to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nb(text: &str) -> String {
        text.replace('~', "\u{a0}")
    }

    #[test]
    fn a_year_keeps_its_abbreviation() {
        assert_eq!(typeset("Июнь 2023 г."), nb("Июнь 2023~г."));
        assert_eq!(typeset("2022-2023  гг."), nb("2022-2023~гг."));
        assert_eq!(typeset("в течение 2023г."), "в течение 2023г.");
        // «г.» for a city is not a year's.
        assert_eq!(
            typeset("Управление г. Таганрога"),
            "Управление г. Таганрога"
        );
    }

    #[test]
    fn numero_gets_exactly_one_non_breaking_space() {
        assert_eq!(typeset("приказ №206"), nb("приказ №~206"));
        assert_eq!(typeset("приказ № 206"), nb("приказ №~206"));
        assert_eq!(typeset("МОБУ СОШ №  6"), nb("МОБУ СОШ №~6"));
        assert_eq!(typeset(&nb("№~159")), nb("№~159"));
        assert_eq!(typeset("№ п/п"), nb("№~п/п"));
        assert_eq!(typeset("№№ 5, 6"), nb("№№~5, 6"));
        assert_eq!(typeset("в конце №"), "в конце №");
    }

    #[test]
    fn initials_before_the_surname_stay_with_it() {
        assert_eq!(typeset("А.В. Пуликова"), nb("А.В.~Пуликова"));
        assert_eq!(
            typeset("МОБУ СОШ № 8 им. А.Г. Ломакина"),
            nb("МОБУ СОШ №~8 им. А.Г.~Ломакина")
        );
        assert_eq!(
            typeset("Приказ А.В. Пуликовой"),
            nb("Приказ А.В.~Пуликовой")
        );
    }

    #[test]
    fn initials_after_the_surname_stay_with_it() {
        assert_eq!(
            typeset("Морозова О.Л., начальник Управления"),
            nb("Морозова~О.Л., начальник Управления")
        );
        assert_eq!(
            typeset("(директор Муразян О.В.)"),
            nb("(директор Муразян~О.В.)")
        );
        assert_eq!(
            typeset("Жукова М.Я.-собрать списки"),
            nb("Жукова~М.Я.-собрать списки")
        );
        assert_eq!(
            typeset("Римский-Корсаков Н.А."),
            nb("Римский-Корсаков~Н.А.")
        );
    }

    #[test]
    fn double_spaces_collapse_before_binding() {
        assert_eq!(
            typeset("Земляненко  Н.В. , директор МОБУ лицея № 7"),
            nb("Земляненко~Н.В., директор МОБУ лицея №~7")
        );
        assert_eq!(
            typeset("закрепление  за\tкоординатором"),
            "закрепление за координатором"
        );
    }

    #[test]
    fn no_space_is_left_before_closing_punctuation() {
        assert_eq!(
            typeset("СОШ № 8 им . А.Г. Ломакина , директор ; план : да ! нет ? (ОО )"),
            nb("СОШ №~8 им. А.Г.~Ломакина, директор; план: да! нет? (ОО)")
        );
        // An ellipsis or a decimal fraction may follow a space; a non-breaking space stays.
        assert_eq!(typeset("и так далее ... .5"), "и так далее ... .5");
        assert_eq!(typeset(&nb("№~, да")), nb("№~, да"));
    }

    #[test]
    fn two_people_in_a_row_each_keep_their_initials() {
        assert_eq!(
            typeset("МКУ ЦООД Лазоренко О.С. Жукова М.Я."),
            nb("МКУ ЦООД Лазоренко~О.С. Жукова~М.Я.")
        );
        assert_eq!(
            typeset("Баркалова Е.В. Земляненко Н.В."),
            nb("Баркалова~Е.В. Земляненко~Н.В.")
        );
    }

    /// Issue 23, item 9: several people in a row, initials first, each keep their own.
    #[test]
    fn a_row_of_names_binds_each_initials_to_their_own_surname() {
        assert_eq!(
            typeset("Н.Е. Байрачный К.А. Федоренко Т.Ю. Горностаева"),
            nb("Н.Е.~Байрачный К.А.~Федоренко Т.Ю.~Горностаева")
        );
        assert_eq!(
            typeset("Ответственные: А.В. Пуликова Е.В. Баркалова"),
            nb("Ответственные: А.В.~Пуликова Е.В.~Баркалова")
        );
        // Surnames first, as before.
        assert_eq!(
            typeset("Лазоренко О.С. Жукова М.Я. Баркалова Е.В."),
            nb("Лазоренко~О.С. Жукова~М.Я. Баркалова~Е.В.")
        );
        // Both ends hold a capitalised word, or neither: the order cannot be told.
        assert_eq!(
            typeset("Приказ Н.Е. Байрачный К.А. Федоренко"),
            "Приказ Н.Е. Байрачный К.А. Федоренко"
        );
        assert_eq!(typeset("А.А. Иванов Б.Б."), "А.А. Иванов Б.Б.");
    }

    #[test]
    fn initials_are_found_where_a_word_boundary_regex_finds_them() {
        let bounded = Regex::new(r"\b\p{Lu}\.(?:([ \u{a0}]?)\p{Lu}\.)?").unwrap();
        for line in [
            "Пуликова А.В., начальник",
            "ИвановА.В. Петров",
            "ДЖ.К. Роулинг и Дж. К. Роулинг",
            "МОБУ СОШ № 8 им. А.Г. Ломакина",
            "_А.Б. 1А. Б. (В.Г.)",
            "А.",
        ] {
            let want: Vec<_> = bounded
                .captures_iter(line)
                .map(|c| c[0].to_string())
                .collect();
            let got: Vec<_> = initials(line).map(|c| c[0].to_string()).collect();
            assert_eq!(got, want, "{line}");
        }
    }

    #[test]
    fn spaced_initials_are_joined_too() {
        assert_eq!(typeset("А. В. Пуликова"), nb("А.~В.~Пуликова"));
        assert_eq!(
            typeset("Пуликова А. В., начальник"),
            nb("Пуликова~А.~В., начальник")
        );
    }

    #[test]
    fn everything_else_is_kept_as_written() {
        let text = "спедагогическим разноразовного г. Таганрога, 2023-2024 уч.г. (МБОУ № 2, 3)";
        assert_eq!(
            typeset(text),
            nb("спедагогическим разноразовного г. Таганрога, 2023-2024 уч.г. (МБОУ №~2, 3)")
        );
        assert_eq!(typeset("А.В.Пуликова"), "А.В.Пуликова");
        assert_eq!(typeset("В.О. ФИО"), "В.О. ФИО");
    }

    /// Every string of up to five pieces from a tricky alphabet: typesetting never panics and
    /// changes nothing but whitespace.
    #[test]
    fn only_whitespace_ever_changes() {
        const PIECES: [&str; 9] = ["А.", "В.", "В", " ", "Пуликова", "№", "\u{a0}", "\n", ","];
        let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let mut stack: Vec<(String, usize)> = vec![(String::new(), 0)];
        while let Some((text, depth)) = stack.pop() {
            let out = typeset(&text);
            assert_eq!(strip(&out), strip(&text), "{text:?} → {out:?}");
            assert!(!out.contains("  "), "{text:?} → {out:?}");
            if depth < 5 {
                stack.extend(PIECES.iter().map(|p| (format!("{text}{p}"), depth + 1)));
            }
        }
    }

    #[test]
    fn lines_are_trimmed_and_kept() {
        assert_eq!(
            typeset("  первая  \n  вторая строка \n"),
            "первая\nвторая строка"
        );
        assert_eq!(typeset_opt(Some("   ")), None);
        assert_eq!(typeset_opt(Some(" да ")), Some("да".to_string()));
    }
}
