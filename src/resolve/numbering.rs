//! Item numbers, computed from the structure: a source never writes a number by hand.
//!
//! A number is a path of counters: `[stage, item, child, …]` under hierarchical numbering,
//! `[item, child, …]` otherwise. House style ends every printed number with a dot: «1.»,
//! «1.1.», «1.1.1.». Heading rows take no number and do not advance a counter.

use crate::source::model::{Numbering, Roadmap, StageNumber};

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

/// Hands out numbers while the table is walked in document order.
#[derive(Debug)]
pub struct Numberer {
    scheme: Numbering,
    /// 1-based index of the current stage; 0 before the first.
    stage: u32,
    /// Top-level items so far in the current stage.
    in_stage: u32,
    /// Top-level items so far in the whole table.
    overall: u32,
}

/// The path of one item; its children extend it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemNumber(Vec<u32>);

impl Numberer {
    pub fn new(scheme: Numbering) -> Self {
        Numberer {
            scheme,
            stage: 0,
            in_stage: 0,
            overall: 0,
        }
    }

    /// Starts the next stage; returns the stage's number as printed in the first column, or
    /// `None` when the stage row shows no number (only hierarchical numbering with
    /// `stage_number: column` prints one).
    pub fn next_stage(&mut self, placement: StageNumber) -> Option<String> {
        self.stage += 1;
        self.in_stage = 0;
        match (self.scheme, placement) {
            (Numbering::Hierarchical, StageNumber::Column) => Some(format!("{}.", self.stage)),
            _ => None,
        }
    }

    /// The number of the next top-level item of the current stage.
    pub fn next_item(&mut self) -> ItemNumber {
        self.in_stage += 1;
        self.overall += 1;
        ItemNumber(match self.scheme {
            Numbering::Continuous => vec![self.overall],
            Numbering::PerStage => vec![self.in_stage],
            Numbering::Hierarchical => vec![self.stage.max(1), self.in_stage],
        })
    }
}

impl ItemNumber {
    /// The number of this item's `index`-th child (1-based).
    pub fn child(&self, index: u32) -> ItemNumber {
        let mut path = self.0.clone();
        path.push(index);
        ItemNumber(path)
    }

    /// «1.2.3.».
    pub fn printed(&self) -> String {
        self.0.iter().map(|n| format!("{n}.")).collect()
    }
}

/// The number of an order's clause: «1.», «2.» …; `index` is 0-based.
pub fn clause_number(index: usize) -> String {
    format!("{}.", index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers a table given as stages of (is_heading, child count), the way `table` walks it:
    /// each stage yields its printed stage number and the printed numbers of its rows
    /// ("" for a heading).
    fn walk(
        scheme: Numbering,
        placement: StageNumber,
        stages: &[&[(bool, u32)]],
    ) -> Vec<(Option<String>, Vec<String>)> {
        let mut numberer = Numberer::new(scheme);
        stages
            .iter()
            .map(|items| {
                let stage = numberer.next_stage(placement);
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

    #[test]
    fn continuous_numbers_run_through_all_stages() {
        let got = walk(Numbering::Continuous, StageNumber::Column, TABLE);
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
        let got = walk(Numbering::PerStage, StageNumber::Column, TABLE);
        assert_eq!(got[0].1, ["1.", "2.", "2.1.", "2.2.", "", "3."]);
        assert_eq!(got[1].1, ["1.", "1.1."]);
        assert_eq!((got[0].0.clone(), got[1].0.clone()), (None, None));
    }

    #[test]
    fn hierarchical_numbers_carry_the_stage() {
        let got = walk(Numbering::Hierarchical, StageNumber::Column, TABLE);
        assert_eq!(got[0].0.as_deref(), Some("1."));
        assert_eq!(got[0].1, ["1.1.", "1.2.", "1.2.1.", "1.2.2.", "", "1.3."]);
        assert_eq!(got[1].0.as_deref(), Some("2."));
        assert_eq!(got[1].1, ["2.1.", "2.1.1."]);
    }

    #[test]
    fn hidden_stage_numbers_still_prefix_items() {
        let got = walk(Numbering::Hierarchical, StageNumber::Hidden, TABLE);
        assert_eq!((got[0].0.clone(), got[1].0.clone()), (None, None));
        assert_eq!(got[1].1, ["2.1.", "2.1.1."]);
    }

    #[test]
    fn grandchildren_extend_the_path() {
        let mut numberer = Numberer::new(Numbering::Hierarchical);
        numberer.next_stage(StageNumber::Column);
        let item = numberer.next_item();
        assert_eq!(item.child(1).child(3).printed(), "1.1.1.3.");
    }

    #[test]
    fn clauses_count_from_one() {
        assert_eq!(clause_number(0), "1.");
        assert_eq!(clause_number(5), "6.");
    }
}
