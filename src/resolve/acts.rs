//! The approving act's printed forms, one table for every kind: what the act's own heading says
//! («ПОСТАНОВЛЕНИЕ»), the dative after «Приложение к …», the instrumental after «УТВЕРЖДЕНА …»,
//! the word that opens its clauses («п о с т а н о в л я ю:»), and the document subject.

use crate::source::model::ActKind;

/// How one kind of act is named in print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActForms {
    /// As the source names the kind: «постановление».
    pub name: &'static str,
    /// The heading of the act itself: «ПРИКАЗ».
    pub heading: &'static str,
    /// Nominative with a capital, for the document's subject: «Приказ».
    pub nominative: &'static str,
    /// After «Приложение к»: «приказу».
    pub dative: &'static str,
    /// After «УТВЕРЖДЕНА»: «приказом».
    pub instrumental: &'static str,
    /// Before the clauses, spaced out letter by letter as in the acts this reproduces (spaces
    /// rather than letter-spacing keep the letters as words in extracted text):
    /// «п р и к а з ы в а ю:». An official who signs a распоряжение most often «обязывает»; a
    /// council that takes a решение «решил(о)»: both are the usual forms, and `command`
    /// replaces them where the act says otherwise («предлагаю:», «РЕШИЛА:»).
    pub command: &'static str,
}

/// Every kind of act, the default first.
pub const KINDS: [ActKind; 4] = [
    ActKind::Order,
    ActKind::Resolution,
    ActKind::Directive,
    ActKind::Decision,
];

/// The forms of `kind`.
pub fn forms(kind: ActKind) -> ActForms {
    match kind {
        ActKind::Order => ActForms {
            name: "приказ",
            heading: "ПРИКАЗ",
            nominative: "Приказ",
            dative: "приказу",
            instrumental: "приказом",
            command: "п р и к а з ы в а ю:",
        },
        ActKind::Resolution => ActForms {
            name: "постановление",
            heading: "ПОСТАНОВЛЕНИЕ",
            nominative: "Постановление",
            dative: "постановлению",
            instrumental: "постановлением",
            command: "п о с т а н о в л я ю:",
        },
        ActKind::Directive => ActForms {
            name: "распоряжение",
            heading: "РАСПОРЯЖЕНИЕ",
            nominative: "Распоряжение",
            dative: "распоряжению",
            instrumental: "распоряжением",
            command: "о б я з ы в а ю:",
        },
        ActKind::Decision => ActForms {
            name: "решение",
            heading: "РЕШЕНИЕ",
            nominative: "Решение",
            dative: "решению",
            instrumental: "решением",
            command: "р е ш и л:",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_forms_and_the_order_keeps_the_old_ones() {
        let order = forms(ActKind::Order);
        assert_eq!(
            (
                order.heading,
                order.dative,
                order.instrumental,
                order.command
            ),
            ("ПРИКАЗ", "приказу", "приказом", "п р и к а з ы в а ю:")
        );
        let resolution = forms(ActKind::Resolution);
        assert_eq!(
            (resolution.dative, resolution.instrumental),
            ("постановлению", "постановлением")
        );
        let all = KINDS.map(forms);
        for (i, a) in all.iter().enumerate() {
            assert_eq!(a.heading, a.nominative.to_uppercase());
            for b in &all[i + 1..] {
                assert_ne!(a.dative, b.dative);
                assert_ne!(a.instrumental, b.instrumental);
            }
        }
    }
}
