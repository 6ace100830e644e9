//! Item and stage numbers, computed from the structure: a source never writes a number by hand.
//!
//! A number is a path of counters: `[stage, item, child, …]` under hierarchical numbering,
//! `[item, child, …]` otherwise. By default every printed number ends with a dot: «1.»,
//! «1.1.», «1.1.1.»; `numbering: { dot: false }` prints «1», «1.1». A stage's own number, when
//! printed, is Arabic or Roman («I.», «II.»); inside an item's path the stage counts in Arabic
//! («1.1.» under «I.»). Heading rows take no number and do not advance a counter.

use crate::source::model::{Numbering, NumberingSpec, Roadmap, StageNumber, StageNumerals};

/// The number each appendix prints («Приложение № 2») and clauses refer to («(приложение 2)»):
/// its own `number` when given, else its place when the document has several, else none
/// (ГОСТ Р 7.0.97: a single appendix is not numbered).
pub fn appendix_numbers(roadmaps: &[&Roadmap]) -> Vec<Option<u32>> {
    let several = roadmaps.len() > 1;
    roadmaps
        .iter()
        .enumerate()
        .map(|(i, r)| match &r.number {
            Some(number) => Some(number.value),
            None => several.then_some(i as u32 + 1),
        })
        .collect()
}

/// A roadmap's numbering with every default decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    pub items: Numbering,
    pub stages: StageNumerals,
    pub dot: bool,
}

impl NumberStyle {
    /// What `numbering` and `stage_number` ask for. The one-word form keeps its old meaning: a
    /// stage number (Arabic) only under hierarchical numbering unless `stage_number: hidden`,
    /// and a dot after every number. The mapping's `stages` defaults the same way.
    pub fn of(roadmap: &Roadmap) -> NumberStyle {
        let placement = roadmap.stage_number.as_ref().map(|s| s.value);
        let default_stages = |items: Numbering| match (items, placement) {
            (Numbering::Hierarchical, None | Some(StageNumber::Column)) => StageNumerals::Arabic,
            _ => StageNumerals::Hidden,
        };
        match roadmap.numbering {
            NumberingSpec::Items(items) => NumberStyle {
                items,
                stages: default_stages(items),
                dot: true,
            },
            NumberingSpec::Detailed(style) => NumberStyle {
                items: style.items,
                stages: style.stages.unwrap_or_else(|| default_stages(style.items)),
                dot: style.dot,
            },
        }
    }
}

/// `n` in Roman numerals: 4 → «IV», 9 → «IX», 14 → «XIV», 2024 → «MMXXIV». Thousands repeat
/// «M» (no stage table comes near them).
pub fn roman(mut n: u32) -> String {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Hands out numbers while the table is walked in document order.
#[derive(Debug)]
pub struct Numberer {
    style: NumberStyle,
    /// 1-based index of the current stage; 0 before the first.
    stage: u32,
    /// Top-level items so far in the current stage.
    in_stage: u32,
    /// Top-level items so far in the whole table.
    overall: u32,
}

/// The path of one item; its children extend it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemNumber {
    path: Vec<u32>,
    dot: bool,
}

impl Numberer {
    pub fn new(style: NumberStyle) -> Self {
        Numberer {
            style,
            stage: 0,
            in_stage: 0,
            overall: 0,
        }
    }

    /// Starts the next stage; returns the stage's number as printed in the first column, or
    /// `None` when the stage row shows no number.
    pub fn next_stage(&mut self) -> Option<String> {
        self.stage += 1;
        self.in_stage = 0;
        let digits = match self.style.stages {
            StageNumerals::Hidden => return None,
            StageNumerals::Arabic => self.stage.to_string(),
            StageNumerals::Roman => roman(self.stage),
        };
        Some(if self.style.dot { digits + "." } else { digits })
    }

    /// The number of the next top-level item of the current stage.
    pub fn next_item(&mut self) -> ItemNumber {
        self.in_stage += 1;
        self.overall += 1;
        let path = match self.style.items {
            Numbering::Continuous => vec![self.overall],
            Numbering::PerStage => vec![self.in_stage],
            Numbering::Hierarchical => vec![self.stage.max(1), self.in_stage],
        };
        ItemNumber {
            path,
            dot: self.style.dot,
        }
    }
}

impl ItemNumber {
    /// The number of this item's `index`-th child (1-based).
    pub fn child(&self, index: u32) -> ItemNumber {
        let mut path = self.path.clone();
        path.push(index);
        ItemNumber {
            path,
            dot: self.dot,
        }
    }

    /// «1.2.3.», or «1.2.3» without the dot.
    pub fn printed(&self) -> String {
        let numbers: Vec<String> = self.path.iter().map(u32::to_string).collect();
        let mut out = numbers.join(".");
        if self.dot {
            out.push('.');
        }
        out
    }
}

/// The number of an order's clause: «1.», «2.» …; `index` is 0-based.
pub fn clause_number(index: usize) -> String {
    format!("{}.", index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(items: Numbering, stages: StageNumerals, dot: bool) -> NumberStyle {
        NumberStyle { items, stages, dot }
    }

    /// The style a roadmap's YAML numbering keys (`numbering`, `stage_number`) give.
    fn style_of(keys: &str) -> NumberStyle {
        let yaml = format!("title: T\ncolumns: []\nstages: []\n{keys}");
        let roadmap: Roadmap =
            serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("test YAML: {e}"));
        NumberStyle::of(&roadmap)
    }

    /// Numbers a table given as stages of (is_heading, child count), the way `table` walks it:
    /// each stage yields its printed stage number and the printed numbers of its rows
    /// ("" for a heading).
    fn walk(style: NumberStyle, stages: &[&[(bool, u32)]]) -> Vec<(Option<String>, Vec<String>)> {
        let mut numberer = Numberer::new(style);
        stages
            .iter()
            .map(|items| {
                let stage = numberer.next_stage();
                let mut rows = Vec::new();
                for &(heading, children) in items.iter() {
                    if heading {
                        rows.push(String::new());
                        continue;
                    }
                    let number = numberer.next_item();
                    rows.push(number.printed());
                    rows.extend((1..=children).map(|i| number.child(i).printed()));
                }
                (stage, rows)
            })
            .collect()
    }

    const TABLE: &[&[(bool, u32)]] = &[
        &[(false, 0), (false, 2), (true, 0), (false, 0)],
        &[(false, 1)],
    ];

    /// Stage numbers and row numbers of [`TABLE`] in one line per stage: «I. | 1. 2. 2.1. …».
    fn lines(style: NumberStyle) -> Vec<String> {
        walk(style, TABLE)
            .into_iter()
            .map(|(stage, rows)| {
                let rows: Vec<&str> = rows
                    .iter()
                    .map(|r| if r.is_empty() { "-" } else { r.as_str() })
                    .collect();
                format!("{} | {}", stage.as_deref().unwrap_or("_"), rows.join(" "))
            })
            .collect()
    }

    #[test]
    fn continuous_numbers_run_through_all_stages() {
        let got = walk(
            style(Numbering::Continuous, StageNumerals::Hidden, true),
            TABLE,
        );
        assert_eq!(
            got,
            vec![
                (
                    None,
                    vec!["1.", "2.", "2.1.", "2.2.", "", "3."]
                        .into_iter()
                        .map(String::from)
                        .collect()
                ),
                (None, vec!["4.".to_string(), "4.1.".to_string()]),
            ]
        );
    }

    #[test]
    fn per_stage_numbers_restart_in_each_stage() {
        let got = walk(
            style(Numbering::PerStage, StageNumerals::Hidden, true),
            TABLE,
        );
        assert_eq!(got[0].1, ["1.", "2.", "2.1.", "2.2.", "", "3."]);
        assert_eq!(got[1].1, ["1.", "1.1."]);
        assert_eq!((got[0].0.clone(), got[1].0.clone()), (None, None));
    }

    #[test]
    fn hierarchical_numbers_carry_the_stage() {
        let got = walk(
            style(Numbering::Hierarchical, StageNumerals::Arabic, true),
            TABLE,
        );
        assert_eq!(got[0].0.as_deref(), Some("1."));
        assert_eq!(got[0].1, ["1.1.", "1.2.", "1.2.1.", "1.2.2.", "", "1.3."]);
        assert_eq!(got[1].0.as_deref(), Some("2."));
        assert_eq!(got[1].1, ["2.1.", "2.1.1."]);
    }

    #[test]
    fn hidden_stage_numbers_still_prefix_items() {
        let got = walk(
            style(Numbering::Hierarchical, StageNumerals::Hidden, true),
            TABLE,
        );
        assert_eq!((got[0].0.clone(), got[1].0.clone()), (None, None));
        assert_eq!(got[1].1, ["2.1.", "2.1.1."]);
    }

    #[test]
    fn grandchildren_extend_the_path() {
        let mut numberer =
            Numberer::new(style(Numbering::Hierarchical, StageNumerals::Arabic, true));
        numberer.next_stage();
        let item = numberer.next_item();
        assert_eq!(item.child(1).child(3).printed(), "1.1.1.3.");
    }

    #[test]
    fn roman_numerals_one_to_twenty() {
        let got: Vec<String> = (1..=20).map(roman).collect();
        assert_eq!(
            got,
            [
                "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
                "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"
            ]
        );
        assert_eq!(roman(40), "XL");
        assert_eq!(roman(49), "XLIX");
        assert_eq!(roman(90), "XC");
        assert_eq!(roman(400), "CD");
        assert_eq!(roman(1999), "MCMXCIX");
        assert_eq!(roman(2024), "MMXXIV");
    }

    /// Every items scheme with every kind of stage number, with and without the dot.
    #[test]
    fn every_numbering_combination() {
        use Numbering::*;
        use StageNumerals::*;
        let cases: &[(Numbering, StageNumerals, bool, [&str; 2])] = &[
            (
                Continuous,
                Hidden,
                true,
                ["_ | 1. 2. 2.1. 2.2. - 3.", "_ | 4. 4.1."],
            ),
            (
                Continuous,
                Hidden,
                false,
                ["_ | 1 2 2.1 2.2 - 3", "_ | 4 4.1"],
            ),
            (
                Continuous,
                Arabic,
                true,
                ["1. | 1. 2. 2.1. 2.2. - 3.", "2. | 4. 4.1."],
            ),
            (
                Continuous,
                Arabic,
                false,
                ["1 | 1 2 2.1 2.2 - 3", "2 | 4 4.1"],
            ),
            (
                Continuous,
                Roman,
                true,
                ["I. | 1. 2. 2.1. 2.2. - 3.", "II. | 4. 4.1."],
            ),
            (
                Continuous,
                Roman,
                false,
                ["I | 1 2 2.1 2.2 - 3", "II | 4 4.1"],
            ),
            (
                PerStage,
                Hidden,
                true,
                ["_ | 1. 2. 2.1. 2.2. - 3.", "_ | 1. 1.1."],
            ),
            (
                PerStage,
                Hidden,
                false,
                ["_ | 1 2 2.1 2.2 - 3", "_ | 1 1.1"],
            ),
            (
                PerStage,
                Arabic,
                true,
                ["1. | 1. 2. 2.1. 2.2. - 3.", "2. | 1. 1.1."],
            ),
            (
                PerStage,
                Arabic,
                false,
                ["1 | 1 2 2.1 2.2 - 3", "2 | 1 1.1"],
            ),
            (
                PerStage,
                Roman,
                true,
                ["I. | 1. 2. 2.1. 2.2. - 3.", "II. | 1. 1.1."],
            ),
            (
                PerStage,
                Roman,
                false,
                ["I | 1 2 2.1 2.2 - 3", "II | 1 1.1"],
            ),
            (
                Hierarchical,
                Hidden,
                true,
                ["_ | 1.1. 1.2. 1.2.1. 1.2.2. - 1.3.", "_ | 2.1. 2.1.1."],
            ),
            (
                Hierarchical,
                Hidden,
                false,
                ["_ | 1.1 1.2 1.2.1 1.2.2 - 1.3", "_ | 2.1 2.1.1"],
            ),
            (
                Hierarchical,
                Arabic,
                true,
                ["1. | 1.1. 1.2. 1.2.1. 1.2.2. - 1.3.", "2. | 2.1. 2.1.1."],
            ),
            (
                Hierarchical,
                Arabic,
                false,
                ["1 | 1.1 1.2 1.2.1 1.2.2 - 1.3", "2 | 2.1 2.1.1"],
            ),
            (
                Hierarchical,
                Roman,
                true,
                ["I. | 1.1. 1.2. 1.2.1. 1.2.2. - 1.3.", "II. | 2.1. 2.1.1."],
            ),
            (
                Hierarchical,
                Roman,
                false,
                ["I | 1.1 1.2 1.2.1 1.2.2 - 1.3", "II | 2.1 2.1.1"],
            ),
        ];
        for (items, stages, dot, want) in cases {
            let got = lines(style(*items, *stages, *dot));
            assert_eq!(got, want, "{items:?} {stages:?} dot: {dot}");
        }
    }

    #[test]
    fn one_word_numbering_keeps_its_old_meaning() {
        use Numbering::*;
        use StageNumerals::*;
        let cases = [
            ("", style(PerStage, Hidden, true)),
            ("numbering: continuous", style(Continuous, Hidden, true)),
            ("numbering: per-stage", style(PerStage, Hidden, true)),
            ("numbering: hierarchical", style(Hierarchical, Arabic, true)),
            (
                "numbering: hierarchical\nstage_number: column",
                style(Hierarchical, Arabic, true),
            ),
            (
                "numbering: hierarchical\nstage_number: hidden",
                style(Hierarchical, Hidden, true),
            ),
            (
                "numbering: continuous\nstage_number: column",
                style(Continuous, Hidden, true),
            ),
        ];
        for (keys, want) in cases {
            assert_eq!(style_of(keys), want, "{keys}");
        }
    }

    #[test]
    fn the_mapping_sets_items_stages_and_dot_with_defaults() {
        use Numbering::*;
        use StageNumerals::*;
        let cases = [
            ("numbering: {}", style(PerStage, Hidden, true)),
            (
                "numbering: { items: hierarchical }",
                style(Hierarchical, Arabic, true),
            ),
            (
                "numbering: { items: continuous }",
                style(Continuous, Hidden, true),
            ),
            (
                "numbering: { items: continuous, stages: roman, dot: false }",
                style(Continuous, Roman, false),
            ),
            (
                "numbering: { items: hierarchical, stages: hidden }",
                style(Hierarchical, Hidden, true),
            ),
            (
                "numbering: { stages: arabic }",
                style(PerStage, Arabic, true),
            ),
            ("numbering: { dot: false }", style(PerStage, Hidden, false)),
        ];
        for (keys, want) in cases {
            assert_eq!(style_of(keys), want, "{keys}");
        }
    }

    #[test]
    fn clauses_count_from_one() {
        assert_eq!(clause_number(0), "1.");
        assert_eq!(clause_number(5), "6.");
    }
}
