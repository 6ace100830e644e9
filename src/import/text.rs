//! Small readings of typed text the recognisers share: list markers, typed numbers, dates and
//! the forms of an authority's name.

use crate::resolve::acts;
use crate::resolve::dates::{Deadline, parse_deadline};
use crate::source::model::ActKind;

/// Letters as compared: lower case, «ё» as «е», runs of white space as one space.
pub fn norm(text: &str) -> String {
    let lower = text.to_lowercase().replace('ё', "е");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a list item typed with a dash or a bullet («– текст», «- текст», «• текст»),
/// without the marker; `None` for any other paragraph.
pub fn list_item(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let mut chars = t.chars();
    let marker = chars.next()?;
    if !matches!(
        marker,
        '–' | '-' | '—' | '•' | '·' | '▪' | '●' | '○' | '\u{F0B7}' | '\u{F0A7}' | '−'
    ) {
        return None;
    }
    let rest = chars.as_str();
    if rest.starts_with(char::is_whitespace)
        || matches!(
            marker,
            '•' | '·' | '▪' | '●' | '○' | '\u{F0B7}' | '\u{F0A7}'
        )
    {
        let item = rest.trim();
        (!item.is_empty()).then_some(item)
    } else {
        None
    }
}

/// The numbers of a typed item number: «1.» → [1], «1.1» and «1.1.» → [1, 1], «2..» → [2];
/// `None` when the text is not a number.
pub fn typed_number(text: &str) -> Option<Vec<u32>> {
    let t = text.trim().trim_end_matches([')', '.']);
    if t.is_empty() || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut out = Vec::new();
    for part in t.split('.') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push(part.parse().ok()?);
    }
    (!out.is_empty()).then_some(out)
}

/// A stage number typed in Roman numerals («I», «IV.», «XII)»): its value. Only the canonical
/// spelling counts («IIII» is not 4), so a Latin word is not taken for a number.
pub fn roman_number(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches([')', '.']).trim();
    let value_of = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let values: Vec<u32> = t.chars().map(value_of).collect::<Option<_>>()?;
    if values.is_empty() || values.len() > 15 {
        return None;
    }
    let mut total: i64 = 0;
    for (i, &v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|&next| next > v) {
            total -= v as i64;
        } else {
            total += v as i64;
        }
    }
    let total = u32::try_from(total).ok().filter(|&n| n > 0)?;
    (crate::resolve::numbering::roman(total) == t).then_some(total)
}

/// A paragraph that starts with a typed number («1. Утвердить …», «2) …»): the numbers and the
/// text after them.
pub fn numbered_text(text: &str) -> Option<(Vec<u32>, &str)> {
    let t = text.trim_start();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ')'))
        .map_or(t.len(), |(i, _)| i);
    let (head, rest) = t.split_at(end);
    if !(head.ends_with('.') || head.ends_with(')')) || !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some((typed_number(head)?, rest.trim_start()))
}

/// A date as Russian documents write it («16.02.2023», «16 февраля 2023 г.», «“22” сентября
/// 2021 г.») → `YYYY-MM-DD`.
pub fn date(text: &str) -> Option<String> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '«' | '»' | '“' | '”' | '"' | '_'))
        .collect();
    let cleaned = cleaned.trim().trim_end_matches('.').trim();
    let cleaned = cleaned.strip_suffix("года").unwrap_or(cleaned).trim();
    match parse_deadline(cleaned) {
        Ok(Deadline::Date(d)) => Some(d.format("%Y-%m-%d").to_string()),
        _ => None,
    }
}

/// Finds «от <date> № <number>» (or «<date> № <number>») in a line: the date as `YYYY-MM-DD`
/// and the number as written.
pub fn date_and_number(text: &str) -> Option<(String, String)> {
    let t = text.replace(['\t', '\u{a0}'], " ");
    let (before, number) = match t.split_once('№') {
        Some((b, n)) => (b, n.trim().trim_end_matches('.').to_string()),
        None => (t.as_str(), String::new()),
    };
    let before = before.trim();
    let before = before
        .rsplit_once(" от ")
        .map_or(before, |(_, d)| d)
        .trim_start_matches("от ")
        .trim();
    Some((date(before)?, number))
}

/// The nominative of an authority named in the genitive after «к приказу»: «Управления
/// образования г. Таганрога» → «Управление образования г. Таганрога». Only the first word
/// changes; `None` when its ending is not one of the usual.
pub fn nominative(genitive: &str) -> Option<String> {
    let (first, rest) = genitive.split_once(' ').unwrap_or((genitive, ""));
    let lower = first.to_lowercase();
    if lower.len() != first.len() {
        return None;
    }
    // (genitive ending, nominative ending): Управления, Министерства, Администрации, Отдела,
    // Департамента, Комитета.
    const ENDINGS: &[(&str, &str)] = &[
        ("ения", "ение"),
        ("ства", "ство"),
        ("ции", "ция"),
        ("ела", "ел"),
        ("ента", "ент"),
        ("тета", "тет"),
    ];
    let (from, to) = ENDINGS.iter().find(|(from, _)| lower.ends_with(from))?;
    let stem = first.get(..first.len() - from.len())?;
    let word = format!("{stem}{to}");
    Some(if rest.is_empty() {
        word
    } else {
        format!("{word} {rest}")
    })
}

/// A text that ends with «приказываю:» (spaced or not): the text before it, or `None`.
pub fn before_command(text: &str) -> Option<&str> {
    command(text).map(|(before, _)| before)
}

/// A paragraph that ends with an act's command word, spaced out or not, in any case
/// («п р и к а з ы в а ю:», «ПОСТАНОВЛЯЕТ:», «обязываю:», «РЕШИЛ:», «предлагаю:»): the text
/// before it and the command word as written.
pub fn command(text: &str) -> Option<(&str, &str)> {
    static COMMAND: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = COMMAND.get_or_init(|| {
        let spaced = |word: &str| {
            word.chars()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(r"\s*")
        };
        let words = [
            format!(r"{}\s*(?:ю|е\s*т)", spaced("приказыва")),
            format!(r"{}\s*(?:ю|е\s*т)", spaced("постановля")),
            format!(r"{}\s*(?:ю|е\s*т)", spaced("обязыва")),
            format!(r"{}\s*(?:ю|е\s*т)", spaced("предлага")),
            format!(r"{}\s*[аои]?", spaced("решил")),
        ];
        regex::Regex::new(&format!(
            r"(?i)(?:^|[,\s])\s*((?:{})\s*[:.]?)\s*$",
            words.join("|")
        ))
        .expect("a valid pattern")
    });
    let found = re.captures(text)?;
    let word = found.get(1)?;
    let before = text[..found.get(0)?.start()].trim_end();
    Some((before.trim_end_matches(',').trim_end(), word.as_str()))
}

/// The kind of act a line names on its own: «ПОСТАНОВЛЕНИЕ» → постановление.
pub fn act_heading(text: &str) -> Option<ActKind> {
    let line = norm(text);
    acts::KINDS
        .into_iter()
        .find(|&kind| acts::forms(kind).name == line)
}

/// The command word as written, when it is not the usual one of the act (letters compared,
/// spaces and case aside): the source's `command`.
pub fn own_command(kind: ActKind, written: &str) -> Option<String> {
    let letters = |t: &str| -> String {
        t.chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect()
    };
    (letters(written) != letters(acts::forms(kind).command)).then(|| written.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_keep_their_levels_mistakes_included() {
        assert_eq!(typed_number("1."), Some(vec![1]));
        assert_eq!(typed_number("1.1"), Some(vec![1, 1]));
        assert_eq!(typed_number("1.1."), Some(vec![1, 1]));
        assert_eq!(typed_number("2.."), Some(vec![2]));
        assert_eq!(typed_number("3)"), Some(vec![3]));
        assert_eq!(typed_number("Итого"), None);
        assert_eq!(typed_number("2023-02-16"), None);
    }

    #[test]
    fn roman_stage_numbers_are_read_in_their_canonical_spelling() {
        assert_eq!(roman_number("I"), Some(1));
        assert_eq!(roman_number("IV."), Some(4));
        assert_eq!(roman_number(" IX "), Some(9));
        assert_eq!(roman_number("XIV)"), Some(14));
        assert_eq!(roman_number("XX."), Some(20));
        assert_eq!(roman_number("IIII"), None);
        assert_eq!(roman_number("VX"), None);
        assert_eq!(roman_number("MIX"), Some(1009));
        assert_eq!(roman_number("1."), None);
        assert_eq!(roman_number(""), None);
        assert_eq!(roman_number("Итого"), None);
    }

    #[test]
    fn list_items_are_typed_dashes_and_bullets_not_hyphenated_words() {
        assert_eq!(list_item("– текст"), Some("текст"));
        assert_eq!(list_item("\t–\tтекст"), Some("текст"));
        assert_eq!(list_item("- текст"), Some("текст"));
        assert_eq!(list_item("•текст"), Some("текст"));
        assert_eq!(list_item("-текст"), None);
        assert_eq!(list_item("текст – ещё"), None);
    }

    #[test]
    fn the_command_is_found_spaced_or_not_and_cut_off() {
        assert_eq!(before_command("п р и к а з ы в а ю:"), Some(""));
        assert_eq!(
            before_command("В целях исполнения приказа, ПРИКАЗЫВАЮ:"),
            Some("В целях исполнения приказа")
        );
        assert_eq!(before_command("приказываю организовать работу"), None);
    }

    #[test]
    fn every_acts_command_and_heading_is_known_with_the_unusual_command_kept() {
        assert_eq!(
            command("Администрация п о с т а н о в л я е т:"),
            Some(("Администрация", "п о с т а н о в л я е т:"))
        );
        assert_eq!(command("о б я з ы в а ю:"), Some(("", "о б я з ы в а ю:")));
        assert_eq!(
            command("Совет депутатов РЕШИЛ:"),
            Some(("Совет депутатов", "РЕШИЛ:"))
        );
        assert_eq!(command("предлагаю:"), Some(("", "предлагаю:")));
        assert_eq!(command("постановляю провести"), None);
        assert_eq!(act_heading("ПОСТАНОВЛЕНИЕ"), Some(ActKind::Resolution));
        assert_eq!(act_heading(" Распоряжение "), Some(ActKind::Directive));
        assert_eq!(act_heading("ПРИКАЗ"), Some(ActKind::Order));
        assert_eq!(act_heading("ПОСТАНОВЛЕНИЕ № 5"), None);
        assert_eq!(own_command(ActKind::Resolution, "ПОСТАНОВЛЯЮ:"), None);
        assert_eq!(own_command(ActKind::Order, "п р и к а з ы в а ю:"), None);
        assert_eq!(
            own_command(ActKind::Resolution, "ПОСТАНОВЛЯЕТ:"),
            Some("ПОСТАНОВЛЯЕТ:".to_string())
        );
    }

    #[test]
    fn dates_and_numbers_are_read_from_a_mark_line() {
        assert_eq!(
            date_and_number("от 16.02.2023 № 206"),
            Some(("2023-02-16".to_string(), "206".to_string()))
        );
        assert_eq!(
            date_and_number("от 30 октября 2023 г. № 45-ОД"),
            Some(("2023-10-30".to_string(), "45-ОД".to_string()))
        );
        assert_eq!(
            date("«22» сентября 2021 г."),
            Some("2021-09-22".to_string())
        );
    }

    #[test]
    fn the_nominative_is_made_from_the_usual_genitives() {
        assert_eq!(
            nominative("Управления образования г. Таганрога").as_deref(),
            Some("Управление образования г. Таганрога")
        );
        assert_eq!(
            nominative("Отдела по образованию").as_deref(),
            Some("Отдел по образованию")
        );
        assert_eq!(
            nominative("Администрации района").as_deref(),
            Some("Администрация района")
        );
        assert_eq!(nominative("МКУ «ЦООД»"), None);
    }
}
