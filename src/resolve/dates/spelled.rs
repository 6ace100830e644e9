//! Deadlines spelled the way Russian documents spell them: «16.02.2023», «16 февраля 2023 г.»,
//! «Февраль-май 2020г.», «24-25 мая 2023 г.», «I квартал 2024», «1 квартал 2020 года».
//!
//! Users copy deadlines from Word documents, so these spellings are read into the same
//! [`Deadline`]s as the ISO forms and then printed in the document's one style. The reader is
//! conservative: a text is structured only when the WHOLE of it is a date form; anything more
//! («до 10 марта 2023 г.», «I квартал (февраль) 2024», «23 марта-04 апреля» without a year) is
//! not read here and stays free text, so no word is ever lost. Only a text of a date's shape that
//! the calendar does not have («30 февраля 2023 г.», «31.04.2023») is an error.
//!
//! A range is two ends around one dash («-», «–» or «—», spaced or not); the start may leave out
//! what it shares with the end: «24-25 мая 2023 г.», «24 мая - 25 мая 2023 г.», «Февраль-май
//! 2020г.». The end always names the year.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::{
    DateError, Deadline, MONTHS_GENITIVE, MONTHS_NOMINATIVE, MONTHS_PREPOSITIONAL, ROMAN,
    YearMonth, days_in_month, ordered,
};

/// What may follow a year: «2023 г.», «2023г», «2020 года», «2024 год».
const YEAR_MARK: &str = r"(?:\s*(?:г\.?|года|год))?";

// Digits are `[0-9]`, as in `dates`: Unicode's `\d` is costly to compile and not what is read.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^([0-9]{{1,2}})\.([0-9]{{1,2}})\.([0-9]{{4}}){YEAR_MARK}$"
    ))
    .expect("valid regex")
});
/// «16 февраля 2023 г.», «16 февраля», «февраль 2023», «февраль»: a month word with an optional
/// day before it and an optional year after it.
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:([0-9]{{1,2}})\s+)?(\p{{Cyrillic}}+)(?:\s*([0-9]{{4}}){YEAR_MARK})?$"
    ))
    .expect("valid regex")
});
static DAY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([0-9]{1,2})$").expect("valid regex"));
/// «I квартал 2024», «1 квартал 2020 года», «II полугодие 2024 г.».
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^([ivx]+|[0-9]{{1,2}})\s+(квартал|полугодие)\s+([0-9]{{4}}){YEAR_MARK}$"
    ))
    .expect("valid regex")
});
/// The dash between the ends of a range: a hyphen (also Unicode's U+2010 and the non-breaking
/// U+2011 Word puts in), an en dash or an em dash.
static DASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[-\u{2010}\u{2011}–—]\s*").expect("valid regex"));
/// The separator of a list of deadlines in one text.
static LIST_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[,;]\s+").expect("valid regex"));

/// Reads a text that is a list of spelled deadlines («Декабрь 2021г., март 2022г.»,
/// «Август 2020; август 2021»), each one as [`parse`] reads it. `None` unless the text has at
/// least two parts and every part is a date form.
pub(super) fn parse_list(text: &str) -> Option<Result<Vec<Deadline>, DateError>> {
    let parts: Vec<&str> = LIST_SEPARATOR.split(text.trim()).collect();
    if parts.len() < 2 {
        return None;
    }
    let mut list = Vec::with_capacity(parts.len());
    let mut first_error = None;
    for part in parts {
        match parse(part)? {
            Ok(deadline) => list.push(deadline),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Some(match first_error {
        Some(e) => Err(e),
        None => Ok(list),
    })
}

/// Reads one spelled deadline. `None` when the text is not wholly a date form (it is then free
/// text); an error when it is one the calendar does not have.
pub(super) fn parse(text: &str) -> Option<Result<Deadline, DateError>> {
    let original = text.trim();
    let lower = original.to_lowercase();
    if let Some(period) = parse_period(original, &lower) {
        return Some(period);
    }
    let ends: Vec<&str> = DASH.split(&lower).collect();
    match ends.as_slice() {
        [single] => parse_single(original, single),
        [from, to] => parse_range(original, from, to),
        _ => None,
    }
}

/// One end of a deadline as written, with what it leaves out still unknown.
#[derive(Debug, Clone, Copy)]
struct Written {
    day: Option<u32>,
    month: Option<u32>,
    year: Option<i32>,
}

fn read_end(text: &str) -> Option<Written> {
    let number = |s: &str| s.parse::<u32>().expect("the regex matched digits only");
    if let Some(c) = NUMERIC.captures(text) {
        return Some(Written {
            day: Some(number(&c[1])),
            month: Some(number(&c[2])),
            year: Some(number(&c[3]) as i32),
        });
    }
    if let Some(c) = WORDS.captures(text) {
        return Some(Written {
            day: c.get(1).map(|d| number(d.as_str())),
            month: Some(month_number(&c[2])?),
            year: c.get(3).map(|y| number(y.as_str()) as i32),
        });
    }
    DAY.captures(text).map(|c| Written {
        day: Some(number(&c[1])),
        month: None,
        year: None,
    })
}

/// A month's number from its name, nominative («февраль») or genitive («февраля»), lower case.
fn month_number(word: &str) -> Option<u32> {
    MONTHS_NOMINATIVE
        .iter()
        .position(|m| *m == word)
        .or_else(|| MONTHS_GENITIVE.iter().position(|m| *m == word))
        .map(|i| i as u32 + 1)
}

/// A day written as Russian documents number it, «16.02.2023» (also «16.02.2023 г.»): what a
/// field that takes one day accepts besides `2023-02-16`. `None` when the text is not of that
/// shape; a day the calendar lacks is an error.
pub(super) fn numeric_date(text: &str) -> Option<Result<NaiveDate, DateError>> {
    let original = text.trim();
    let c = NUMERIC.captures(original)?;
    let number = |s: &str| s.parse::<u32>().expect("the regex matched digits only");
    Some(calendar_date(
        original,
        number(&c[3]) as i32,
        number(&c[2]),
        number(&c[1]),
    ))
}

fn parse_single(original: &str, text: &str) -> Option<Result<Deadline, DateError>> {
    let end = read_end(text)?;
    match end {
        Written {
            day: Some(day),
            month: Some(month),
            year: Some(year),
        } => Some(calendar_date(original, year, month, day).map(Deadline::Date)),
        Written {
            day: None,
            month: Some(month),
            year: Some(year),
        } => Some(calendar_month(original, year, month).map(Deadline::Month)),
        _ => None,
    }
}

fn parse_range(original: &str, from: &str, to: &str) -> Option<Result<Deadline, DateError>> {
    let (from, to) = (read_end(from)?, read_end(to)?);
    let year = to.year?;
    let to_month = to.month?;
    match (from, to.day) {
        // «24-25 мая 2023 г.», «24 мая - 25 мая 2023 г.», «30 декабря 2022 г. – 10 января 2023 г.»
        (
            Written {
                day: Some(from_day),
                month: from_month,
                year: from_year,
            },
            Some(to_day),
        ) => {
            // A start that names the year must name the month too: «24 2023» is no date.
            if from_year.is_some() && from_month.is_none() {
                return None;
            }
            let start = calendar_date(
                original,
                from_year.unwrap_or(year),
                from_month.unwrap_or(to_month),
                from_day,
            );
            let end = calendar_date(original, year, to_month, to_day);
            Some(start.and_then(|a| end.and_then(|b| range(original, a, b, Deadline::DateRange))))
        }
        // «Февраль-май 2020г.», «ноябрь 2023 - май 2024»
        (
            Written {
                day: None,
                month: Some(from_month),
                year: from_year,
            },
            None,
        ) => {
            let start = calendar_month(original, from_year.unwrap_or(year), from_month);
            let end = calendar_month(original, year, to_month);
            Some(start.and_then(|a| end.and_then(|b| range(original, a, b, Deadline::MonthRange))))
        }
        // Ends of different kinds («февраль - 16 марта 2023») are not a form: free text.
        _ => None,
    }
}

fn range<T: PartialOrd>(
    original: &str,
    from: T,
    to: T,
    make: fn(T, T) -> Deadline,
) -> Result<Deadline, DateError> {
    ordered(original, &from, &to)?;
    Ok(make(from, to))
}

/// «I квартал 2024», «1 квартал 2020 года», «I полугодие 2024».
fn parse_period(original: &str, lower: &str) -> Option<Result<Deadline, DateError>> {
    let c = PERIOD.captures(lower)?;
    let year = c[3].parse::<i32>().expect("the regex matched digits only");
    let number = roman_or_arabic(&c[1]);
    let (count, hint, make): (u32, &str, fn(i32, u32) -> Deadline) = if &c[2] == "квартал" {
        (
            4,
            "квартал — от I до IV: «I квартал 2024»",
            |year, quarter| Deadline::Quarter { year, quarter },
        )
    } else {
        (
            2,
            "полугодие — I или II: «I полугодие 2024»",
            |year, half| Deadline::HalfYear { year, half },
        )
    };
    Some(match number {
        Some(n) if (1..=count).contains(&n) => Ok(make(year, n)),
        _ => Err(DateError::NoSuchPeriod {
            text: original.to_string(),
            hint: hint.to_string(),
        }),
    })
}

/// «iv» → 4, «2» → 2; `None` for what is neither a small Roman nor an Arabic number.
fn roman_or_arabic(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse::<u32>() {
        return Some(n);
    }
    ROMAN
        .iter()
        .position(|r| r.to_lowercase() == text)
        .map(|i| i as u32 + 1)
}

fn calendar_month(original: &str, year: i32, month: u32) -> Result<YearMonth, DateError> {
    if (1..=12).contains(&month) {
        Ok(YearMonth { year, month })
    } else {
        Err(no_such_month(original))
    }
}

fn calendar_date(original: &str, year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&month) {
        return Err(no_such_month(original));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let days = days_in_month(year, month);
        DateError::NoSuchDate {
            text: original.to_string(),
            hint: format!(
                "в {} {year} года {days} дн.; день — от 1 до {days}",
                MONTHS_PREPOSITIONAL[month as usize - 1]
            ),
        }
    })
}

fn no_such_month(original: &str) -> DateError {
    DateError::NoSuchDate {
        text: original.to_string(),
        hint: "месяц — число от 01 до 12: 16.02.2023 — 16 февраля 2023 г.".to_string(),
    }
}
