//! Attribute values of the page description: lengths, booleans, keywords, number lists.
//!
//! Each parser returns what would be right, in Russian, when the value does not fit; the
//! caller adds the place.

use crate::ir::{Align, VAlign};

/// What a value must look like, said to the template author.
pub type Expected = &'static str;

const LENGTH: Expected = "длина с единицей: 14pt, 20mm или 1.25cm";

/// A length with a unit (`pt`, `mm`, `cm`), in points; a bare `0` is allowed.
pub fn length(s: &str) -> Result<f32, Expected> {
    let s = s.trim();
    if s == "0" {
        return Ok(0.0);
    }
    let (num, factor) = if let Some(n) = s.strip_suffix("pt") {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix("mm") {
        (n, 72.0 / 25.4)
    } else if let Some(n) = s.strip_suffix("cm") {
        (n, 720.0 / 25.4)
    } else {
        return Err(LENGTH);
    };
    number(num).map(|v| v * factor).map_err(|_| LENGTH)
}

/// A length that may not be negative.
pub fn positive_length(s: &str) -> Result<f32, Expected> {
    match length(s) {
        Ok(v) if v >= 0.0 => Ok(v),
        _ => Err("неотрицательная длина с единицей: 14pt, 20mm или 1.25cm"),
    }
}

/// One to four lengths in CSS order: `top right bottom left`; fewer values repeat as in CSS
/// (`a` = all four, `a b` = vertical and horizontal, `a b c` = top, horizontal, bottom).
pub fn box_lengths(s: &str) -> Result<[f32; 4], Expected> {
    const BOX: Expected = "от одной до четырёх неотрицательных длин через пробел (верх право низ лево): 20mm 10mm 20mm 30mm";
    let v: Vec<f32> = s
        .split_whitespace()
        .map(positive_length)
        .collect::<Result<_, _>>()
        .map_err(|_| BOX)?;
    match v[..] {
        [a] => Ok([a, a, a, a]),
        [a, b] => Ok([a, b, a, b]),
        [a, b, c] => Ok([a, b, c, b]),
        [a, b, c, d] => Ok([a, b, c, d]),
        _ => Err(BOX),
    }
}

/// A plain decimal number; Rust's float syntax minus the oddities (`inf`, `1e3`, `+1`).
pub fn number(s: &str) -> Result<f32, Expected> {
    const NUMBER: Expected = "число, например 1.5";
    let s = s.trim();
    let digits = s.strip_prefix('-').unwrap_or(s);
    let plain = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|&c| c == '.').count() <= 1
        && digits.chars().any(|c| c.is_ascii_digit());
    if !plain {
        return Err(NUMBER);
    }
    s.parse().map_err(|_| NUMBER)
}

pub fn positive_number(s: &str) -> Result<f32, Expected> {
    match number(s) {
        Ok(v) if v > 0.0 => Ok(v),
        _ => Err("положительное число, например 1.5"),
    }
}

/// Relative column widths: positive numbers separated by spaces.
pub fn widths(s: &str) -> Result<Vec<f32>, Expected> {
    const WIDTHS: Expected = "положительные числа через пробел, доли ширины колонок: 6 46 16 20 12";
    let v: Vec<f32> = s
        .split_whitespace()
        .map(positive_number)
        .collect::<Result<_, _>>()
        .map_err(|_| WIDTHS)?;
    if v.is_empty() { Err(WIDTHS) } else { Ok(v) }
}

/// A span count: a whole number from 1.
pub fn count(s: &str) -> Result<usize, Expected> {
    match s.trim().parse::<usize>() {
        Ok(n) if n >= 1 && s.trim().chars().all(|c| c.is_ascii_digit()) => Ok(n),
        _ => Err("целое число от 1"),
    }
}

/// A place in the source, «line:column» (both from 1).
pub fn source_pos(s: &str) -> Result<crate::diag::Pos, Expected> {
    let parsed = s.split_once(':').and_then(|(line, column)| {
        let line: u32 = line.trim().parse().ok()?;
        let column: u32 = column.trim().parse().ok()?;
        (line > 0 && column > 0).then(|| crate::diag::Pos::new(line, column))
    });
    parsed.ok_or("строка и столбец в источнике через двоеточие, например 12:7")
}

pub fn boolean(s: &str) -> Result<bool, Expected> {
    match s.trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err("true или false"),
    }
}

pub fn align(s: &str) -> Result<Align, Expected> {
    match s.trim() {
        "left" => Ok(Align::Left),
        "center" => Ok(Align::Center),
        "right" => Ok(Align::Right),
        "justify" => Ok(Align::Justify),
        _ => Err("left, center, right или justify"),
    }
}

pub fn valign(s: &str) -> Result<VAlign, Expected> {
    match s.trim() {
        "top" => Ok(VAlign::Top),
        "middle" => Ok(VAlign::Middle),
        "bottom" => Ok(VAlign::Bottom),
        _ => Err("top, middle или bottom"),
    }
}

/// Paper size, width and height in points, portrait.
pub fn paper(s: &str) -> Result<(f32, f32), Expected> {
    let mm = crate::ir::mm;
    match s.trim() {
        "A3" => Ok((mm(297.0), mm(420.0))),
        "A4" => Ok((mm(210.0), mm(297.0))),
        "A5" => Ok((mm(148.0), mm(210.0))),
        _ => Err("A3, A4 или A5"),
    }
}

/// `true` for landscape.
pub fn orientation(s: &str) -> Result<bool, Expected> {
    match s.trim() {
        "portrait" => Ok(false),
        "landscape" => Ok(true),
        _ => Err("portrait или landscape"),
    }
}

/// `true` when pages are numbered (from the second page of the section).
pub fn page_numbers(s: &str) -> Result<bool, Expected> {
    match s.trim() {
        "from-second" => Ok(true),
        "none" => Ok(false),
        _ => Err("from-second или none"),
    }
}

/// A border width, or `none`.
pub fn border(s: &str) -> Result<Option<f32>, Expected> {
    if s.trim() == "none" {
        return Ok(None);
    }
    match positive_length(s) {
        Ok(v) if v > 0.0 => Ok(Some(v)),
        _ => Err("none или толщина линии: 0.5pt"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-3
    }

    #[test]
    fn lengths_convert_units_to_points() {
        assert!(close(length("14pt").unwrap(), 14.0));
        assert!(close(length("25.4mm").unwrap(), 72.0));
        assert!(close(length("2.54cm").unwrap(), 72.0));
        assert!(close(length("-0.5cm").unwrap(), -72.0 / 5.08));
        assert_eq!(length("0"), Ok(0.0));
    }

    #[test]
    fn lengths_without_unit_or_with_junk_are_refused() {
        for bad in ["14", "14px", "pt", "1e3pt", "inf mm", "1.2.3mm", "", " mm"] {
            assert!(length(bad).is_err(), "{bad}");
        }
        assert!(positive_length("-1mm").is_err());
    }

    #[test]
    fn box_lengths_follow_css_shorthand() {
        let [t, r, b, l] = box_lengths("20mm 10mm 20mm 30mm").unwrap();
        assert!(close(t, crate::ir::mm(20.0)) && close(r, crate::ir::mm(10.0)));
        assert!(close(b, crate::ir::mm(20.0)) && close(l, crate::ir::mm(30.0)));
        assert_eq!(box_lengths("1pt 2pt").unwrap(), [1.0, 2.0, 1.0, 2.0]);
        assert_eq!(box_lengths("1pt 2pt 3pt").unwrap(), [1.0, 2.0, 3.0, 2.0]);
        assert_eq!(box_lengths("3pt").unwrap(), [3.0; 4]);
        assert!(box_lengths("").is_err());
        assert!(box_lengths("1pt 1pt 1pt 1pt 1pt").is_err());
        assert!(box_lengths("-1pt").is_err());
    }

    #[test]
    fn keywords_and_counts() {
        assert_eq!(align("justify"), Ok(Align::Justify));
        assert!(align("middle").is_err());
        assert_eq!(valign("middle"), Ok(VAlign::Middle));
        assert_eq!(count("3"), Ok(3));
        assert!(count("0").is_err() && count("+2").is_err() && count("1.5").is_err());
        assert_eq!(boolean("true"), Ok(true));
        assert!(boolean("yes").is_err());
        assert_eq!(widths("6 46 16").unwrap(), vec![6.0, 46.0, 16.0]);
        assert!(widths("6 0 16").is_err() && widths("").is_err());
        assert_eq!(border("none"), Ok(None));
        assert_eq!(border("0.5pt"), Ok(Some(0.5)));
        assert!(border("0").is_err());
        assert_eq!(page_numbers("none"), Ok(false));
        assert_eq!(orientation("landscape"), Ok(true));
        assert!(paper("Letter").is_err());
    }
}
