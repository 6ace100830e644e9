//! Validation and numbering: [`Source`] → [`Resolved`], the template context.
//!
//! [`resolve`] first puts a municipality's values into the source's texts when it is given one
//! ([`values`]) and removes invisible control characters ([`controls`]), so that every check
//! sees the texts as they will print. It then runs the cross-field checks ([`check`]) and stops
//! with every problem found when any is an error; otherwise it builds the context: dates
//! formatted ([`dates`]), numbers computed ([`numbering`]), every text typeset
//! ([`typography`]) and the table flattened into rows ([`table`]). Warnings travel with the
//! result.

pub mod acts;
pub mod check;
pub mod context;
pub mod controls;
pub mod dates;
pub mod indicators;
pub mod numbering;
pub mod own_columns;
pub mod table;
mod texts;
pub mod typography;
mod values;

pub use context::Resolved;

use crate::diag::{Diagnosed, Warned};
use crate::region::Municipality;
use crate::source::Source;
use crate::source::model::{
    ApprovedWord, DateStyle, ElectronicSignature, MarkKind, Order, Orientation, PreambleLabels,
    Roadmap, Signature,
};
use context::{
    ActCtx, AppendixCtx, ClauseCtx, ElectronicCtx, MarkCtx, MetaCtx, OrderCtx, OrderTextCtx,
    PreambleCtx, SignatureCtx,
};
use dates::{format_date, format_numeric, parse_exact_date};
use typography::{typeset, typeset_opt};

/// Checks a source and builds its template context; with a municipality, from the source with
/// that municipality's values put in.
pub fn resolve(mut source: Source, municipality: Option<&Municipality>) -> Diagnosed<Resolved> {
    let (origins, mut diagnostics) = match municipality {
        Some(m) => {
            let (origins, errors) = values::apply(&mut source, m);
            (Some(origins), errors)
        }
        None => (None, Vec::new()),
    };
    let mut found = controls::remove(&mut source);
    found.extend(check::check(&source));
    // What is found in a value that came from the table says so; the errors of the
    // substitution itself already speak of the table.
    if let Some(origins) = &origins {
        found.iter_mut().for_each(|d| origins.annotate(d));
    }
    diagnostics.extend(found);
    // In file order, as the user reads the source; a stable sort keeps same-place messages in
    // the order they were found.
    diagnostics.sort_by_key(|d| (d.pos.line, d.pos.column));
    if diagnostics.iter().any(|d| d.is_error()) {
        return Err(diagnostics);
    }
    Ok(Warned {
        value: build(&source),
        warnings: diagnostics,
    })
}

fn build(source: &Source) -> Resolved {
    let roadmaps: Vec<&Roadmap> = check::roadmaps(source)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let numbers = numbering::appendix_numbers(&roadmaps);
    let number_of = |id: &str| -> Option<Option<u32>> {
        roadmaps
            .iter()
            .position(|r| {
                r.id.as_ref()
                    .is_some_and(|own| own.value.trim() == id.trim())
            })
            .map(|i| numbers[i])
    };
    let order = source.order.as_ref().map(|o| order(o, &number_of));
    let title = match (
        order.as_ref().and_then(|o| o.text.as_ref()),
        roadmaps.first(),
    ) {
        (Some(text), _) => text.heading.clone(),
        (None, Some(first)) => one_line(&typeset(&first.title)),
        (None, None) => String::new(),
    };
    let order_date = source
        .order
        .as_ref()
        .map(|o| (o, parse_exact_date(&o.date.value).ok()));
    let appendices = roadmaps
        .iter()
        .zip(&numbers)
        .map(|(roadmap, number)| appendix(roadmap, *number, order_date))
        .collect();
    Resolved {
        meta: MetaCtx {
            title,
            author: author(order.as_ref(), &roadmaps),
            date: act_date(source, &roadmaps),
        },
        order,
        appendices,
    }
}

/// The date of the act (`YYYY-MM-DD`): the order's, else the first approval's (a roadmap
/// approved by a person), else none.
fn act_date(source: &Source, roadmaps: &[&Roadmap]) -> String {
    let order = source.order.as_ref().map(|o| o.date.value.as_str());
    let approved = || {
        roadmaps
            .iter()
            .filter(|r| r.mark.kind() == MarkKind::Approver)
            .find_map(|r| r.mark.date.as_ref().map(|d| d.value.as_str()))
    };
    order
        .or_else(approved)
        .and_then(|text| parse_exact_date(text).ok())
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The document's author: the order's authority, else the position of the person who approves
/// the first appendix, else nobody.
fn author(order: Option<&OrderCtx>, roadmaps: &[&Roadmap]) -> String {
    if let Some(order) = order {
        return order.authority.clone();
    }
    roadmaps
        .iter()
        .filter(|r| r.mark.kind() == MarkKind::Approver)
        .find_map(|r| typeset_opt(r.mark.position.as_deref()))
        .unwrap_or_default()
}

fn order(order: &Order, number_of: &dyn Fn(&str) -> Option<Option<u32>>) -> OrderCtx {
    let date = parse_exact_date(&order.date.value).ok();
    let text = order.text.as_ref().map(|text| OrderTextCtx {
        header: text.header.iter().map(|l| typeset(l)).collect(),
        place: typeset_opt(text.place.as_deref()),
        heading: one_line(&typeset(&text.heading)),
        preamble: text.preamble.iter().map(|p| typeset(p)).collect(),
        command: match &text.command {
            Some(own) => one_line(&typeset(own)),
            None => acts::forms(order.kind).command.to_string(),
        },
        clauses: text
            .clauses
            .iter()
            .enumerate()
            .map(|(i, clause)| {
                let reference = clause.appendix.as_ref().and_then(|id| number_of(&id.value));
                ClauseCtx {
                    number: numbering::clause_number(i),
                    text: with_reference(&typeset(&clause.text), reference),
                    items: clause.items.iter().map(|item| typeset(item)).collect(),
                }
            })
            .collect(),
        signature: signature(&text.signature),
    });
    let forms = acts::forms(order.kind);
    OrderCtx {
        act: ActCtx {
            kind: forms.name.to_string(),
            heading: forms.heading.to_string(),
            nominative: forms.nominative.to_string(),
            dative: forms.dative.to_string(),
            instrumental: forms.instrumental.to_string(),
        },
        authority: typeset(&order.authority),
        authority_genitive: typeset(&order.authority_genitive),
        date: date.map_or_else(|| order.date.value.trim().to_string(), format_numeric),
        date_words: date.map_or_else(
            || order.date.value.trim().to_string(),
            |d| typeset(&format_date(d, DateStyle::Words)),
        ),
        number: typeset(&order.number.value),
        text,
    }
}

/// Inserts « (приложение N)» before the clause's final full stop, or at its end; «(приложение)»
/// when the document has a single appendix. `None`: the clause names no appendix.
fn with_reference(text: &str, reference: Option<Option<u32>>) -> String {
    let Some(number) = reference else {
        return text.to_string();
    };
    let note = match number {
        Some(n) => format!("(приложение {n})"),
        None => "(приложение)".to_string(),
    };
    match text.strip_suffix('.') {
        Some(body) => format!("{body} {note}."),
        None => format!("{text} {note}"),
    }
}

/// The order and its date, when the source has one and the date is a date.
type OrderDate<'a> = Option<(&'a Order, Option<chrono::NaiveDate>)>;

fn appendix(roadmap: &Roadmap, number: Option<u32>, order: OrderDate) -> AppendixCtx {
    AppendixCtx {
        number,
        mark: mark(roadmap, order),
        title: typeset(&roadmap.title)
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        subtitle: typeset_opt(roadmap.subtitle.as_deref()),
        orientation: match roadmap.orientation {
            Orientation::Portrait => "portrait",
            Orientation::Landscape => "landscape",
        }
        .to_string(),
        preamble: roadmap
            .preamble
            .iter()
            .map(|block| PreambleCtx {
                label: typeset(&block.label),
                text: typeset_opt(block.text.as_deref()),
                list: table::list(&block.list),
            })
            .collect(),
        preamble_labels: match roadmap.preamble_labels {
            PreambleLabels::Colon => "colon",
            PreambleLabels::Dash => "dash",
            PreambleLabels::None => "none",
            PreambleLabels::Above => "above",
        }
        .to_string(),
        columns: table::column_widths(&roadmap.columns),
        header: own_columns::header_rows(&roadmap.columns),
        indicators: roadmap.indicators.as_ref().map(indicators::context),
        column_numbers: roadmap.column_numbers,
        rows: table::rows(roadmap),
        signature: roadmap.signature.as_ref().map(signature),
    }
}

/// A date as a mark prints it: «13.11.2015» (`numeric`, the default) or «13 ноября 2015 г.».
fn mark_date(date: chrono::NaiveDate, style: Option<DateStyle>) -> String {
    match style.unwrap_or(DateStyle::Numeric) {
        DateStyle::Numeric => format_numeric(date),
        DateStyle::Words => typeset(&format_date(date, DateStyle::Words)),
    }
}

fn mark(roadmap: &Roadmap, order: OrderDate) -> MarkCtx {
    let mark = &roadmap.mark;
    let (kind, word) = match mark.kind() {
        MarkKind::Appendix => ("appendix", None),
        MarkKind::Approved => {
            let word = match mark.word.unwrap_or(ApprovedWord::Feminine) {
                ApprovedWord::Masculine => "УТВЕРЖДЕН",
                ApprovedWord::Feminine => "УТВЕРЖДЕНА",
                ApprovedWord::Neuter => "УТВЕРЖДЕНО",
                ApprovedWord::Plural => "УТВЕРЖДЕНЫ",
            };
            ("approved", Some(word.to_string()))
        }
        MarkKind::Approver => ("approver", None),
        MarkKind::None => ("none", None),
    };
    let approver = mark.kind() == MarkKind::Approver;
    MarkCtx {
        kind: kind.to_string(),
        word,
        position: typeset_opt(mark.position.as_deref()).filter(|_| approver),
        name: typeset_opt(mark.name.as_deref()).filter(|_| approver),
        date: mark
            .date
            .as_ref()
            .filter(|_| approver)
            .and_then(|d| parse_exact_date(&d.value).ok())
            .map(|d| mark_date(d, mark.date_style)),
        order_date: order.map(|(order, date)| {
            date.map_or_else(
                || order.date.value.trim().to_string(),
                |d| mark_date(d, mark.date_style),
            )
        }),
    }
}

fn signature(signature: &Signature) -> SignatureCtx {
    SignatureCtx {
        position: typeset(&signature.position),
        name: typeset(&signature.name),
        electronic: signature.electronic.as_ref().map(electronic),
    }
}

fn electronic(electronic: &ElectronicSignature) -> ElectronicCtx {
    let date =
        |text: &str| parse_exact_date(text).map_or_else(|_| text.to_string(), format_numeric);
    ElectronicCtx {
        certificate: typeset(&electronic.certificate),
        owner: typeset(&electronic.owner),
        valid_from: date(&electronic.valid_from.value),
        valid_to: date(&electronic.valid_to.value),
    }
}

/// Lines joined by a space: a multi-line title as one document property.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_goes_before_the_final_full_stop() {
        assert_eq!(
            with_reference("Утвердить план мероприятий.", Some(Some(1))),
            "Утвердить план мероприятий (приложение 1)."
        );
        assert_eq!(
            with_reference("Утвердить план", Some(Some(2))),
            "Утвердить план (приложение 2)"
        );
        assert_eq!(
            with_reference("Утвердить план.", Some(None)),
            "Утвердить план (приложение)."
        );
        assert_eq!(
            with_reference("Контроль оставляю за собой.", None),
            "Контроль оставляю за собой."
        );
    }

    #[test]
    fn a_title_becomes_one_line() {
        assert_eq!(
            one_line("План мероприятий\n  по организации\n\n"),
            "План мероприятий по организации"
        );
    }
}
