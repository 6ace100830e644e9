//! Deadlines and dates: the forms a source may write, and how a Russian document prints them.
//!
//! A deadline is structured where the user gives a structure, in ISO form (`2023-02-16`,
//! `2023-02`, `2023-05-24..2023-05-25`, `2023-02..2023-05`, `2024-Q1`, `2024-H1`) or spelled as
//! Russian documents spell it («16.02.2023», «16 февраля 2023 г.», «Февраль-май 2020г.»,
//! «I квартал 2024»; see [`spelled`]), and free text where not («В течение учебного года»).
//! Anything that *looks* like a structured form but is not a valid one (`2023-02-30`,
//! «31.04.2023», `2023-13`, `2023-2-5`, `2024-Q5`) is an error, never quietly printed as text: a
//! signed document must not carry a date that does not exist.
//!
//! Dates of the order, of an approval, of an electronic signature and of a period are one day:
//! `YYYY-MM-DD` or `ДД.ММ.ГГГГ` ([`parse_exact_date`]).

use std::fmt;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::source::model::DateStyle;

mod spelled;

/// A year and a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl YearMonth {
    fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a checked month has a first day")
    }

    fn last_day(self) -> NaiveDate {
        let days = days_in_month(self.year, self.month);
        NaiveDate::from_ymd_opt(self.year, self.month, days)
            .expect("a checked month has a last day")
    }
}

/// One deadline as parsed from the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deadline {
    /// `2023-02-16`.
    Date(NaiveDate),
    /// `2023-02`.
    Month(YearMonth),
    /// `2023-05-24..2023-05-25`.
    DateRange(NaiveDate, NaiveDate),
    /// `2023-02..2023-05`.
    MonthRange(YearMonth, YearMonth),
    /// `2024-Q1`: quarter 1 to 4.
    Quarter { year: i32, quarter: u32 },
    /// `2024-H1`: half-year 1 or 2.
    HalfYear { year: i32, half: u32 },
    /// Anything else, printed as written: «В течение учебного года», «ежемесячно».
    Text(String),
}

/// Why a deadline or date could not be read. `Display` gives the Russian message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// A date or month of the right shape that the calendar does not have.
    NoSuchDate { text: String, hint: String },
    /// A quarter other than Q1–Q4 or a half-year other than H1–H2.
    NoSuchPeriod { text: String, hint: String },
    /// A range whose start comes after its end.
    Reversed { text: String },
    /// A range whose two ends are of different kinds, or not structured.
    MixedRange { text: String },
    /// Looks like a date but is not written in any accepted form.
    Malformed {
        text: String,
        expected: &'static str,
    },
    /// A real date in a year outside [`YEARS`].
    OutOfRange { text: String, year: i32 },
}

/// The years a date of a source may fall in. Every date the program reads is refused outside
/// them, not warned about: an order, an approval, a deadline, a period or a certificate dated
/// 1850 or 2203 is a typo (2203 for 2023), and a typo in a date that is printed on a document
/// someone signs costs more than a refusal that names the value. No field has a reason to
/// reach further: the range covers every document still in force and every plan made today.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

impl DateError {
    /// What would be right, for the diagnostic's hints.
    pub fn hint(&self) -> String {
        match self {
            DateError::NoSuchDate { hint, .. } | DateError::NoSuchPeriod { hint, .. } => {
                hint.clone()
            }
            DateError::Reversed { .. } => {
                "сначала пишется начало срока, затем конец: 2023-05-24..2023-05-25".into()
            }
            DateError::MixedRange { .. } => {
                "обе границы диапазона одного вида: 2023-05-24..2023-05-25 или 2023-02..2023-05"
                    .into()
            }
            DateError::Malformed { expected, .. } => (*expected).into(),
            DateError::OutOfRange { .. } => format!(
                "принимаются даты с {} по {} год; проверьте, не опечатка ли в годе",
                YEARS.start(),
                YEARS.end()
            ),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::NoSuchDate { text, .. } => write!(f, "«{text}» — такой даты нет"),
            DateError::NoSuchPeriod { text, .. } => write!(f, "«{text}» — такого периода нет"),
            DateError::Reversed { text } => write!(f, "«{text}» — начало срока позже его конца"),
            DateError::MixedRange { text } => {
                write!(f, "«{text}» — границы диапазона записаны по-разному")
            }
            DateError::Malformed { text, .. } => write!(f, "«{text}» — дата записана не так"),
            DateError::OutOfRange { text, year } => write!(
                f,
                "«{text}» — год {year} вне допустимых {}–{}",
                YEARS.start(),
                YEARS.end()
            ),
        }
    }
}

/// The accepted forms of a deadline, one line, for hints.
pub const DEADLINE_FORMS: &str = "срок пишется так: 2023-02-16 или 16.02.2023 (дата), \
     2023-02 или «февраль 2023» (месяц), 2023-05-24..2023-05-25 или «24-25 мая 2023 г.» \
     (даты с … по …), 2023-02..2023-05 или «февраль-май 2023» (месяцы), 2024-Q1 или \
     «I квартал 2024» (квартал), 2024-H1 или «I полугодие 2024» (полугодие) или словами: \
     «В течение учебного года»";

const ISO_DATE_FORM: &str =
    "дата пишется в виде ГГГГ-ММ-ДД или ДД.ММ.ГГГГ, например 2023-02-16 или 16.02.2023";

// Digits are written `[0-9]`, not `\d`: a date is read from ASCII digits, and Unicode's `\d`
// (some 70 ranges of digits) made compiling these patterns a tenth of a single render's work.
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$").expect("valid regex"));
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4})-([0-9]{2})$").expect("valid regex"));
static QUARTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4})-[Qq]([0-9]{1,2})$").expect("valid regex"));
static HALF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4})-[Hh]([0-9]{1,2})$").expect("valid regex"));
/// A token that can only be meant as a date: four digits, a hyphen, one or two digits, or a
/// quarter or half-year mark. «2023-2024» does not match (the second year is four digits).
static DATE_LIKE_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[0-9]{4}-([0-9]{1,2}\b|[QqHh][0-9])").expect("valid regex"));
/// Characters a structured deadline is made of; text with letters is free text.
static DATE_LIKE_CHARS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9QqHh.\-–—\s]+$").expect("valid regex"));

/// Parses one text of the source's `deadline`, which may be a list of deadlines spelled in
/// Russian («Декабрь 2021г., март 2022г.», «Август 2020; август 2021»): a list when every part
/// is a date form, otherwise one deadline as [`parse_deadline`] reads it.
pub fn parse_deadlines(text: &str) -> Result<Vec<Deadline>, DateError> {
    let list = match spelled::parse_list(text) {
        Some(list) => list?,
        None => vec![parse_deadline(text)?],
    };
    for deadline in &list {
        if let Some((first, last)) = deadline.days() {
            in_years(text, first)?;
            in_years(text, last)?;
        }
    }
    Ok(list)
}

/// `Ok` when the date's year is one of [`YEARS`]; `text` is what the source wrote.
fn in_years(text: &str, date: NaiveDate) -> Result<(), DateError> {
    match YEARS.contains(&date.year()) {
        true => Ok(()),
        false => Err(DateError::OutOfRange {
            text: text.trim().to_string(),
            year: date.year(),
        }),
    }
}

/// Parses one deadline as written in the source.
pub fn parse_deadline(text: &str) -> Result<Deadline, DateError> {
    let trimmed = text.trim();
    if let Some((from, to)) = trimmed.split_once("..") {
        let (from, to) = (from.trim(), to.trim());
        let ends = (parse_point(from), parse_point(to));
        return match ends {
            (Some(Ok(Point::Date(a))), Some(Ok(Point::Date(b)))) => {
                ordered(trimmed, a, b).map(|()| Deadline::DateRange(a, b))
            }
            (Some(Ok(Point::Month(a))), Some(Ok(Point::Month(b)))) => {
                ordered(trimmed, a, b).map(|()| Deadline::MonthRange(a, b))
            }
            (Some(Err(e)), _) | (_, Some(Err(e))) => Err(e),
            (None, None) if !looks_like_date(trimmed) => Ok(Deadline::Text(trimmed.to_string())),
            _ => Err(DateError::MixedRange {
                text: trimmed.to_string(),
            }),
        };
    }
    match parse_point(trimmed) {
        Some(Ok(Point::Date(d))) => Ok(Deadline::Date(d)),
        Some(Ok(Point::Month(m))) => Ok(Deadline::Month(m)),
        Some(Ok(Point::Quarter(year, quarter))) => Ok(Deadline::Quarter { year, quarter }),
        Some(Ok(Point::Half(year, half))) => Ok(Deadline::HalfYear { year, half }),
        Some(Err(e)) => Err(e),
        None => match spelled::parse(trimmed) {
            Some(spelled) => spelled,
            None => unstructured(trimmed),
        },
    }
}

/// A text that is no accepted form: an error when it looks like an ISO date, free text if not.
fn unstructured(trimmed: &str) -> Result<Deadline, DateError> {
    if looks_like_date(trimmed) {
        Err(DateError::Malformed {
            text: trimmed.to_string(),
            expected: DEADLINE_FORMS,
        })
    } else {
        Ok(Deadline::Text(trimmed.to_string()))
    }
}

/// Parses a date that must be one day (order, approval, electronic signature, period, the
/// municipality table's `date`): `YYYY-MM-DD`, or `ДД.ММ.ГГГГ` as documents and Excel write it.
pub fn parse_exact_date(text: &str) -> Result<NaiveDate, DateError> {
    let trimmed = text.trim();
    let point =
        parse_point(trimmed).or_else(|| spelled::numeric_date(trimmed).map(|r| r.map(Point::Date)));
    match point {
        Some(Ok(Point::Date(d))) => in_years(trimmed, d).map(|()| d),
        Some(Err(e @ DateError::NoSuchDate { .. })) => Err(e),
        _ => Err(DateError::Malformed {
            text: trimmed.to_string(),
            expected: ISO_DATE_FORM,
        }),
    }
}

fn looks_like_date(text: &str) -> bool {
    DATE_LIKE_CHARS.is_match(text) && DATE_LIKE_TOKEN.is_match(text)
}

/// One end of a range, or a whole single-valued deadline.
enum Point {
    Date(NaiveDate),
    Month(YearMonth),
    Quarter(i32, u32),
    Half(i32, u32),
}

/// `None` when the text is not of any structured shape.
fn parse_point(text: &str) -> Option<Result<Point, DateError>> {
    let number = |s: &str| s.parse::<u32>().expect("the regex matched digits only");
    if let Some(c) = DATE.captures(text) {
        let (year, month, day) = (number(&c[1]) as i32, number(&c[2]), number(&c[3]));
        return Some(match NaiveDate::from_ymd_opt(year, month, day) {
            Some(d) => Ok(Point::Date(d)),
            None => Err(DateError::NoSuchDate {
                text: text.to_string(),
                hint: if (1..=12).contains(&month) {
                    format!(
                        "в {} {year} года {} дн.; день — от 01 до {:02}",
                        MONTHS_PREPOSITIONAL[month as usize - 1],
                        days_in_month(year, month),
                        days_in_month(year, month)
                    )
                } else {
                    "месяц — число от 01 до 12".to_string()
                },
            }),
        });
    }
    if let Some(c) = MONTH.captures(text) {
        let (year, month) = (number(&c[1]) as i32, number(&c[2]));
        return Some(if (1..=12).contains(&month) {
            Ok(Point::Month(YearMonth { year, month }))
        } else {
            Err(DateError::NoSuchDate {
                text: text.to_string(),
                hint: "месяц — число от 01 до 12: 2023-02 — февраль 2023 г.".to_string(),
            })
        });
    }
    if let Some(c) = QUARTER.captures(text) {
        let (year, quarter) = (number(&c[1]) as i32, number(&c[2]));
        return Some(if (1..=4).contains(&quarter) {
            Ok(Point::Quarter(year, quarter))
        } else {
            Err(DateError::NoSuchPeriod {
                text: text.to_string(),
                hint: "квартал — от Q1 до Q4: 2024-Q1 — I квартал 2024 г.".to_string(),
            })
        });
    }
    if let Some(c) = HALF.captures(text) {
        let (year, half) = (number(&c[1]) as i32, number(&c[2]));
        return Some(if (1..=2).contains(&half) {
            Ok(Point::Half(year, half))
        } else {
            Err(DateError::NoSuchPeriod {
                text: text.to_string(),
                hint: "полугодие — H1 или H2: 2024-H1 — I полугодие 2024 г.".to_string(),
            })
        });
    }
    None
}

fn ordered<T: PartialOrd>(text: &str, from: T, to: T) -> Result<(), DateError> {
    if from > to {
        Err(DateError::Reversed {
            text: text.to_string(),
        })
    } else {
        Ok(())
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day())
}

impl Deadline {
    /// First and last day the deadline covers; `None` for free text.
    pub fn days(&self) -> Option<(NaiveDate, NaiveDate)> {
        let quarter_months = |year, first: u32, count: u32| {
            let from = YearMonth { year, month: first };
            let to = YearMonth {
                year,
                month: first + count - 1,
            };
            (from.first_day(), to.last_day())
        };
        match *self {
            Deadline::Date(d) => Some((d, d)),
            Deadline::Month(m) => Some((m.first_day(), m.last_day())),
            Deadline::DateRange(a, b) => Some((a, b)),
            Deadline::MonthRange(a, b) => Some((a.first_day(), b.last_day())),
            Deadline::Quarter { year, quarter } => Some(quarter_months(year, quarter * 3 - 2, 3)),
            Deadline::HalfYear { year, half } => Some(quarter_months(year, half * 6 - 5, 6)),
            Deadline::Text(_) => None,
        }
    }

    /// Whether the deadline lies outside `from..=to`. Exact dates must lie inside; a month,
    /// quarter or half-year only has to overlap the period (a school year starting on
    /// 1 September sits inside «III квартал»).
    pub fn is_outside(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let Some((first, last)) = self.days() else {
            return false;
        };
        match self {
            Deadline::Date(_) | Deadline::DateRange(..) => first < from || last > to,
            _ => last < from || first > to,
        }
    }

    /// The deadline as printed.
    pub fn format(&self, style: DateStyle) -> String {
        match self {
            Deadline::Date(d) => format_date(*d, style),
            Deadline::Month(m) => {
                format!("{} {} г.", MONTHS_NOMINATIVE[m.month as usize - 1], m.year)
            }
            Deadline::DateRange(a, b) => format_date_range(*a, *b, style),
            Deadline::MonthRange(a, b) => format_month_range(*a, *b),
            Deadline::Quarter { year, quarter } => {
                format!("{} квартал {year} г.", ROMAN[*quarter as usize - 1])
            }
            Deadline::HalfYear { year, half } => {
                format!("{} полугодие {year} г.", ROMAN[*half as usize - 1])
            }
            Deadline::Text(t) => t.clone(),
        }
    }
}

/// A list of deadlines as printed at the start of a table cell: joined by «, », the first
/// letter capitalised when the cell opens with a formatted deadline («Февраль 2023 г.»).
/// Free text is kept exactly as written.
pub fn format_deadlines(list: &[Deadline], style: DateStyle) -> String {
    let joined = list
        .iter()
        .map(|d| d.format(style))
        .collect::<Vec<_>>()
        .join(", ");
    match list.first() {
        Some(Deadline::Text(_)) | None => joined,
        Some(_) => capitalize_first(&joined),
    }
}

fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// «16.02.2023» or «16 февраля 2023 г.».
pub fn format_date(date: NaiveDate, style: DateStyle) -> String {
    match style {
        DateStyle::Numeric => format_numeric(date),
        DateStyle::Words => format!("{} {} г.", day_month(date), date.year()),
    }
}

/// «16.02.2023», whatever the document's style (marks, signatures).
pub fn format_numeric(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

fn day_month(date: NaiveDate) -> String {
    format!("{} {}", date.day(), MONTHS_GENITIVE[date.month0() as usize])
}

fn format_date_range(from: NaiveDate, to: NaiveDate, style: DateStyle) -> String {
    if from == to {
        return format_date(from, style);
    }
    match style {
        DateStyle::Numeric => format!("{}–{}", format_numeric(from), format_numeric(to)),
        DateStyle::Words if from.year() != to.year() => {
            format!("{} – {}", format_date(from, style), format_date(to, style))
        }
        DateStyle::Words if from.month() != to.month() => {
            format!("{} – {} {} г.", day_month(from), day_month(to), to.year())
        }
        DateStyle::Words => format!("{}–{} г.", from.day(), format_date_tail(to)),
    }
}

/// «25 мая 2023» without the «г.» the caller adds.
fn format_date_tail(date: NaiveDate) -> String {
    format!("{} {}", day_month(date), date.year())
}

/// Months of one year join with a hyphen, «апрель-май 2020 г.», as every original that has
/// such ranges writes them (Lomonosov, Ershichi): office documents treat the pair as one
/// compound word. Ranges of days and across years keep the dash.
fn format_month_range(from: YearMonth, to: YearMonth) -> String {
    let name = |m: YearMonth| MONTHS_NOMINATIVE[m.month as usize - 1];
    if from == to {
        format!("{} {} г.", name(from), from.year)
    } else if from.year == to.year {
        format!("{}-{} {} г.", name(from), name(to), to.year)
    } else {
        format!(
            "{} {} г. – {} {} г.",
            name(from),
            from.year,
            name(to),
            to.year
        )
    }
}

const MONTHS_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

const MONTHS_PREPOSITIONAL: [&str; 12] = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

#[cfg(test)]
mod tests {
    use super::*;
    use DateStyle::{Numeric, Words};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    fn show(text: &str, style: DateStyle) -> String {
        parse_deadline(text).unwrap().format(style)
    }

    #[test]
    fn parses_every_structured_form() {
        assert_eq!(
            parse_deadline("2023-02-16"),
            Ok(Deadline::Date(date(2023, 2, 16)))
        );
        assert_eq!(
            parse_deadline(" 2023-02 "),
            Ok(Deadline::Month(ym(2023, 2)))
        );
        assert_eq!(
            parse_deadline("2023-05-24..2023-05-25"),
            Ok(Deadline::DateRange(date(2023, 5, 24), date(2023, 5, 25)))
        );
        assert_eq!(
            parse_deadline("2023-02 .. 2023-05"),
            Ok(Deadline::MonthRange(ym(2023, 2), ym(2023, 5)))
        );
        assert_eq!(
            parse_deadline("2024-Q1"),
            Ok(Deadline::Quarter {
                year: 2024,
                quarter: 1
            })
        );
        assert_eq!(
            parse_deadline("2024-q4"),
            Ok(Deadline::Quarter {
                year: 2024,
                quarter: 4
            })
        );
        assert_eq!(
            parse_deadline("2024-H2"),
            Ok(Deadline::HalfYear {
                year: 2024,
                half: 2
            })
        );
    }

    #[test]
    fn keeps_free_text_as_written() {
        for text in [
            "В течение учебного года",
            "ежемесячно",
            "до 10 марта",
            "2023-2024 учебный год",
        ] {
            assert_eq!(
                parse_deadline(text),
                Ok(Deadline::Text(text.to_string())),
                "{text}"
            );
        }
        assert_eq!(
            parse_deadline("2023-2024"),
            Ok(Deadline::Text("2023-2024".into()))
        );
    }

    #[test]
    fn impossible_dates_are_errors_not_text() {
        let err = parse_deadline("2023-02-30").unwrap_err();
        assert_eq!(err.to_string(), "«2023-02-30» — такой даты нет");
        assert_eq!(err.hint(), "в феврале 2023 года 28 дн.; день — от 01 до 28");
        let err = parse_deadline("2024-02-30").unwrap_err();
        assert_eq!(err.hint(), "в феврале 2024 года 29 дн.; день — от 01 до 29");
        assert_eq!(
            parse_deadline("2023-13").unwrap_err().to_string(),
            "«2023-13» — такой даты нет"
        );
        assert_eq!(
            parse_deadline("2023-13-01").unwrap_err().hint(),
            "месяц — число от 01 до 12"
        );
        assert_eq!(
            parse_deadline("2024-Q5").unwrap_err().to_string(),
            "«2024-Q5» — такого периода нет"
        );
        assert!(matches!(
            parse_deadline("2024-H3"),
            Err(DateError::NoSuchPeriod { .. })
        ));
        assert!(matches!(
            parse_deadline("2023-00"),
            Err(DateError::NoSuchDate { .. })
        ));
    }

    #[test]
    fn near_misses_are_errors() {
        for text in [
            "2023-2-5",
            "2023-05-24 - 2023-05-25",
            "2023-05-24–2023-05-25",
            "2023-5",
        ] {
            let err = parse_deadline(text).unwrap_err();
            assert!(
                matches!(err, DateError::Malformed { .. }),
                "{text}: {err:?}"
            );
            assert_eq!(err.to_string(), format!("«{text}» — дата записана не так"));
            assert_eq!(err.hint(), DEADLINE_FORMS);
        }
    }

    #[test]
    fn bad_ranges_are_errors() {
        assert_eq!(
            parse_deadline("2023-05-25..2023-05-24")
                .unwrap_err()
                .to_string(),
            "«2023-05-25..2023-05-24» — начало срока позже его конца"
        );
        assert!(matches!(
            parse_deadline("2023-06..2023-05"),
            Err(DateError::Reversed { .. })
        ));
        assert!(matches!(
            parse_deadline("2023-05..2023-05-25"),
            Err(DateError::MixedRange { .. })
        ));
        assert!(matches!(
            parse_deadline("2023-05-01..июнь"),
            Err(DateError::MixedRange { .. })
        ));
        assert!(matches!(
            parse_deadline("2023-02-30..2023-03-02"),
            Err(DateError::NoSuchDate { .. })
        ));
        assert!(matches!(
            parse_deadline("2024-Q1..2024-Q2"),
            Err(DateError::MixedRange { .. })
        ));
    }

    /// Every string of up to five date-like pieces parses or fails cleanly, and whatever
    /// parses also formats in both styles.
    #[test]
    fn no_input_panics() {
        const PIECES: [&str; 8] = ["2023", "-", "02", "3", "Q", "H", "..", "99999999999"];
        let mut stack: Vec<(String, usize)> = vec![(String::new(), 0)];
        while let Some((text, depth)) = stack.pop() {
            if let Ok(deadline) = parse_deadline(&text) {
                deadline.format(Numeric);
                deadline.format(Words);
                deadline.days();
            }
            let _ = parse_exact_date(&text);
            if depth < 5 {
                stack.extend(PIECES.iter().map(|p| (format!("{text}{p}"), depth + 1)));
            }
        }
    }

    #[test]
    fn formats_single_dates_in_both_styles() {
        assert_eq!(show("2023-02-16", Numeric), "16.02.2023");
        assert_eq!(show("2023-02-16", Words), "16 февраля 2023 г.");
        assert_eq!(show("2023-03-01", Words), "1 марта 2023 г.");
        assert_eq!(show("2023-03-01", Numeric), "01.03.2023");
    }

    #[test]
    fn formats_months_quarters_and_halves_in_words_in_both_styles() {
        for style in [Numeric, Words] {
            assert_eq!(show("2023-02", style), "февраль 2023 г.");
            assert_eq!(show("2024-Q1", style), "I квартал 2024 г.");
            assert_eq!(show("2024-Q4", style), "IV квартал 2024 г.");
            assert_eq!(show("2024-H1", style), "I полугодие 2024 г.");
            assert_eq!(show("2024-H2", style), "II полугодие 2024 г.");
            assert_eq!(show("2020-02..2020-05", style), "февраль-май 2020 г.");
            assert_eq!(
                show("2022-12..2023-01", style),
                "декабрь 2022 г. – январь 2023 г."
            );
            assert_eq!(show("2022-12..2022-12", style), "декабрь 2022 г.");
        }
    }

    #[test]
    fn formats_date_ranges_in_words() {
        assert_eq!(show("2023-05-24..2023-05-25", Words), "24–25 мая 2023 г.");
        assert_eq!(
            show("2023-05-24..2023-06-02", Words),
            "24 мая – 2 июня 2023 г."
        );
        assert_eq!(
            show("2022-12-30..2023-01-10", Words),
            "30 декабря 2022 г. – 10 января 2023 г."
        );
        assert_eq!(show("2023-05-24..2023-05-24", Words), "24 мая 2023 г.");
    }

    #[test]
    fn formats_date_ranges_numerically() {
        assert_eq!(
            show("2023-05-24..2023-05-25", Numeric),
            "24.05.2023–25.05.2023"
        );
        assert_eq!(
            show("2022-12-30..2023-01-10", Numeric),
            "30.12.2022–10.01.2023"
        );
    }

    #[test]
    fn a_list_is_joined_and_a_formatted_first_deadline_is_capitalised() {
        let list: Vec<_> = ["2021-12", "2022-03"]
            .iter()
            .map(|t| parse_deadline(t).unwrap())
            .collect();
        assert_eq!(
            format_deadlines(&list, Words),
            "Декабрь 2021 г., март 2022 г."
        );
        let text = [
            Deadline::Text("ежемесячно".into()),
            Deadline::Month(ym(2023, 2)),
        ];
        assert_eq!(
            format_deadlines(&text, Words),
            "ежемесячно, февраль 2023 г."
        );
        assert_eq!(
            format_deadlines(&[Deadline::Date(date(2023, 2, 16))], Numeric),
            "16.02.2023"
        );
        assert_eq!(format_deadlines(&[], Words), "");
    }

    #[test]
    fn exact_dates_accept_iso_and_dotted_forms_only() {
        assert_eq!(parse_exact_date("2023-10-30"), Ok(date(2023, 10, 30)));
        // Issue 25: as Russian documents and Excel write a day.
        assert_eq!(parse_exact_date("30.10.2023"), Ok(date(2023, 10, 30)));
        assert_eq!(parse_exact_date(" 1.09.2022 "), Ok(date(2022, 9, 1)));
        assert_eq!(parse_exact_date("01.09.2022 г."), Ok(date(2022, 9, 1)));
        assert_eq!(
            parse_exact_date("31.02.2023").unwrap_err().to_string(),
            "«31.02.2023» — такой даты нет"
        );
        assert!(matches!(
            parse_exact_date("30.10.1850"),
            Err(DateError::OutOfRange { .. })
        ));
        assert_eq!(
            parse_exact_date("2023-02-29").unwrap_err().to_string(),
            "«2023-02-29» — такой даты нет"
        );
        for text in [
            "2023.10.30",
            "30/10/2023",
            "2023-10",
            "2023-Q1",
            "30 октября 2023",
            "вчера",
            "",
        ] {
            let err = parse_exact_date(text).unwrap_err();
            assert_eq!(err.hint(), ISO_DATE_FORM, "{text}");
        }
    }

    #[test]
    fn period_check_is_strict_for_dates_and_overlapping_for_months() {
        let (from, to) = (date(2022, 9, 1), date(2023, 8, 31));
        let outside = |t: &str| parse_deadline(t).unwrap().is_outside(from, to);
        assert!(!outside("2023-02-16"));
        assert!(outside("2023-09-01"));
        assert!(outside("2022-08-31"));
        assert!(outside("2023-08-30..2023-09-02"));
        assert!(!outside("2022-09"));
        assert!(!outside("2022-Q3"));
        assert!(outside("2022-Q2"));
        assert!(outside("2024-H1"));
        assert!(!outside("2023-H1"));
        assert!(!outside("ежемесячно"));
    }

    #[test]
    fn covered_days_of_coarse_deadlines() {
        let days = |t: &str| parse_deadline(t).unwrap().days().unwrap();
        assert_eq!(days("2024-02"), (date(2024, 2, 1), date(2024, 2, 29)));
        assert_eq!(days("2024-Q4"), (date(2024, 10, 1), date(2024, 12, 31)));
        assert_eq!(days("2024-H2"), (date(2024, 7, 1), date(2024, 12, 31)));
        assert_eq!(
            days("2023-11..2024-02"),
            (date(2023, 11, 1), date(2024, 2, 29))
        );
    }

    /// Every spelling the originals use, read into the ISO form's structure and printed in
    /// both styles: (as written, ISO equivalent, printed in words, printed numerically).
    const SPELLINGS: &[(&str, &str, &str, &str)] = &[
        (
            "16.02.2023",
            "2023-02-16",
            "16 февраля 2023 г.",
            "16.02.2023",
        ),
        (
            "16.02.2023 г.",
            "2023-02-16",
            "16 февраля 2023 г.",
            "16.02.2023",
        ),
        ("6.2.2023", "2023-02-06", "6 февраля 2023 г.", "06.02.2023"),
        (
            "16 февраля 2023 г.",
            "2023-02-16",
            "16 февраля 2023 г.",
            "16.02.2023",
        ),
        (
            "16 февраля 2023",
            "2023-02-16",
            "16 февраля 2023 г.",
            "16.02.2023",
        ),
        (
            "16 Февраля 2023г.",
            "2023-02-16",
            "16 февраля 2023 г.",
            "16.02.2023",
        ),
        (
            "Февраль 2023 г.",
            "2023-02",
            "февраль 2023 г.",
            "февраль 2023 г.",
        ),
        (
            "февраль 2023",
            "2023-02",
            "февраль 2023 г.",
            "февраль 2023 г.",
        ),
        ("Март 2023г.", "2023-03", "март 2023 г.", "март 2023 г."),
        (
            "Апрель 2020 года",
            "2020-04",
            "апрель 2020 г.",
            "апрель 2020 г.",
        ),
        (
            "ДЕКАБРЬ 2021 Г.",
            "2021-12",
            "декабрь 2021 г.",
            "декабрь 2021 г.",
        ),
        (
            "24 мая - 25 мая 2023 г.",
            "2023-05-24..2023-05-25",
            "24–25 мая 2023 г.",
            "24.05.2023–25.05.2023",
        ),
        (
            "24-25 мая 2023 г.",
            "2023-05-24..2023-05-25",
            "24–25 мая 2023 г.",
            "24.05.2023–25.05.2023",
        ),
        (
            "24–25 мая 2023 г.",
            "2023-05-24..2023-05-25",
            "24–25 мая 2023 г.",
            "24.05.2023–25.05.2023",
        ),
        (
            "23 марта- 23 мая 2020 г.",
            "2020-03-23..2020-05-23",
            "23 марта – 23 мая 2020 г.",
            "23.03.2020–23.05.2020",
        ),
        (
            "30 декабря 2022 г. — 10 января 2023 г.",
            "2022-12-30..2023-01-10",
            "30 декабря 2022 г. – 10 января 2023 г.",
            "30.12.2022–10.01.2023",
        ),
        (
            "16.02.2023 - 17.02.2023",
            "2023-02-16..2023-02-17",
            "16–17 февраля 2023 г.",
            "16.02.2023–17.02.2023",
        ),
        (
            "Февраль-май 2020г.",
            "2020-02..2020-05",
            "февраль-май 2020 г.",
            "февраль-май 2020 г.",
        ),
        // As Word pastes them: a non-breaking hyphen, non-breaking spaces.
        (
            "Февраль\u{2011}май\u{a0}2020\u{a0}г.",
            "2020-02..2020-05",
            "февраль-май 2020 г.",
            "февраль-май 2020 г.",
        ),
        (
            "24\u{a0}мая - 25\u{a0}мая 2023\u{a0}г.",
            "2023-05-24..2023-05-25",
            "24–25 мая 2023 г.",
            "24.05.2023–25.05.2023",
        ),
        (
            "Март -июнь 2020г.",
            "2020-03..2020-06",
            "март-июнь 2020 г.",
            "март-июнь 2020 г.",
        ),
        (
            "Апрель-май 2020 года",
            "2020-04..2020-05",
            "апрель-май 2020 г.",
            "апрель-май 2020 г.",
        ),
        (
            "ноябрь 2023 - май 2024",
            "2023-11..2024-05",
            "ноябрь 2023 г. – май 2024 г.",
            "ноябрь 2023 г. – май 2024 г.",
        ),
        (
            "I квартал 2024",
            "2024-Q1",
            "I квартал 2024 г.",
            "I квартал 2024 г.",
        ),
        (
            "IV квартал 2024 г.",
            "2024-Q4",
            "IV квартал 2024 г.",
            "IV квартал 2024 г.",
        ),
        (
            "1 квартал 2020 года",
            "2020-Q1",
            "I квартал 2020 г.",
            "I квартал 2020 г.",
        ),
        (
            "I полугодие 2024",
            "2024-H1",
            "I полугодие 2024 г.",
            "I полугодие 2024 г.",
        ),
        (
            "2 полугодие 2024 г.",
            "2024-H2",
            "II полугодие 2024 г.",
            "II полугодие 2024 г.",
        ),
    ];

    #[test]
    fn every_russian_spelling_reads_as_its_iso_form_and_prints_in_both_styles() {
        for &(written, iso, words, numeric) in SPELLINGS {
            let parsed = parse_deadline(written);
            assert_eq!(parsed, parse_deadline(iso), "{written}");
            assert_eq!(
                parse_deadlines(written),
                Ok(vec![parsed.unwrap()]),
                "{written}"
            );
            assert_eq!(show(written, Words), words, "{written}");
            assert_eq!(show(written, Numeric), numeric, "{written}");
        }
    }

    /// What the generator prints is itself a spelling it reads back to the same deadline.
    #[test]
    fn printed_deadlines_read_back_to_themselves() {
        for &(written, ..) in SPELLINGS {
            let deadline = parse_deadline(written).unwrap();
            for style in [Words, Numeric] {
                let printed = deadline.format(style);
                assert_eq!(
                    parse_deadline(&printed).as_ref(),
                    Ok(&deadline),
                    "{printed}"
                );
            }
        }
    }

    #[test]
    fn lists_spelled_in_one_text_read_when_every_part_is_a_date() {
        let cases: &[(&str, &[&str], &str)] = &[
            (
                "Декабрь 2021г., март 2022г.",
                &["2021-12", "2022-03"],
                "Декабрь 2021 г., март 2022 г.",
            ),
            (
                "Август 2020; август 2021",
                &["2020-08", "2021-08"],
                "Август 2020 г., август 2021 г.",
            ),
            (
                "ноябрь 2023, июль 2024",
                &["2023-11", "2024-07"],
                "Ноябрь 2023 г., июль 2024 г.",
            ),
            (
                "16.02.2023, 24-25 мая 2023 г.; I квартал 2024",
                &["2023-02-16", "2023-05-24..2023-05-25", "2024-Q1"],
                "16 февраля 2023 г., 24–25 мая 2023 г., I квартал 2024 г.",
            ),
        ];
        for &(written, iso, printed) in cases {
            let list = parse_deadlines(written).unwrap();
            let expected: Vec<_> = iso.iter().map(|t| parse_deadline(t).unwrap()).collect();
            assert_eq!(list, expected, "{written}");
            assert_eq!(format_deadlines(&list, Words), printed, "{written}");
        }
        // One part free text: the whole text is kept as written.
        for written in [
            "Декабрь 2021г., по запросу",
            "ежемесячно, март 2022",
            "Февраль, март 2022г.",
        ] {
            assert_eq!(
                parse_deadlines(written),
                Ok(vec![Deadline::Text(written.to_string())]),
                "{written}"
            );
        }
    }

    #[test]
    fn text_that_is_not_wholly_a_date_stays_as_written() {
        for written in [
            "В течение учебного года",
            "до 10 марта 2023 г.",
            "I квартал (февраль) 2024",
            "23 марта-04 апреля",
            "Апрель - май 2023 г.\n(приказ Минпросвещения России от 24.03.2023 № 391)",
            "февраль",
            "16 февраля",
            "март 2023 - 16 апреля 2023",
            "январь-май-июнь 2024",
            "В течение 2022 года",
            "2 квартала 2024",
            "16.02.23",
            "с 16.02.2023",
            "16.02.2023 и далее",
        ] {
            assert_eq!(
                parse_deadlines(written),
                Ok(vec![Deadline::Text(written.to_string())]),
                "{written}"
            );
        }
    }

    #[test]
    fn impossible_russian_dates_are_errors() {
        let cases: &[(&str, &str)] = &[
            (
                "30 февраля 2023 г.",
                "в феврале 2023 года 28 дн.; день — от 1 до 28",
            ),
            ("31.04.2023", "в апреле 2023 года 30 дн.; день — от 1 до 30"),
            (
                "13.13.2023",
                "месяц — число от 01 до 12: 16.02.2023 — 16 февраля 2023 г.",
            ),
            ("0 мая 2023", "в мае 2023 года 31 дн.; день — от 1 до 31"),
            (
                "30-31 февраля 2024 г.",
                "в феврале 2024 года 29 дн.; день — от 1 до 29",
            ),
        ];
        for &(written, hint) in cases {
            let err = parse_deadlines(written).unwrap_err();
            assert_eq!(err.to_string(), format!("«{written}» — такой даты нет"));
            assert_eq!(err.hint(), hint, "{written}");
        }
        // In a list, the message names the part that is wrong.
        assert_eq!(
            parse_deadlines("Декабрь 2021г., 32.01.2022")
                .unwrap_err()
                .to_string(),
            "«32.01.2022» — такой даты нет"
        );
        let err = parse_deadlines("V квартал 2024").unwrap_err();
        assert_eq!(err.to_string(), "«V квартал 2024» — такого периода нет");
        assert_eq!(err.hint(), "квартал — от I до IV: «I квартал 2024»");
        assert!(matches!(
            parse_deadlines("3 полугодие 2024"),
            Err(DateError::NoSuchPeriod { .. })
        ));
        assert_eq!(
            parse_deadlines("25 мая - 24 мая 2023 г.")
                .unwrap_err()
                .to_string(),
            "«25 мая - 24 мая 2023 г.» — начало срока позже его конца"
        );
        assert!(matches!(
            parse_deadlines("июнь-май 2023"),
            Err(DateError::Reversed { .. })
        ));
    }
}
