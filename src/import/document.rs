//! The blocks of a file → the draft source: where the order ends and each appendix begins,
//! which table is each appendix's, and what stands around it.

use super::Failure;
use super::blocks::Block;
use super::columns::is_roadmap;
use super::draft::{Draft, Note, NoteKind, Order, Roadmap};
use super::head::{self, Requisites};
use super::order;
use super::table;
use super::text::nominative;

pub fn recognise(blocks: &[Block]) -> Result<Draft, Failure> {
    let tables: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Table(t) if is_roadmap(t)))
        .map(|(i, _)| i)
        .collect();
    if tables.is_empty() {
        let any = blocks.iter().any(|b| matches!(b, Block::Table(_)));
        return Err(if any {
            Failure::new("в файле нет таблицы мероприятий: ни в одной таблице не узнан заголовок со столбцом мероприятий («Мероприятие», «Содержание деятельности» …) и ещё хотя бы одним («№ п/п», «Сроки», «Ответственные» …)")
        } else {
            Failure::new("в файле нет таблицы: дорожная карта — это таблица мероприятий")
        }
        .hint("импортируются документы, где мероприятия записаны таблицей с заголовком столбцов"));
    }
    let mut draft = Draft::default();
    // The order: before the first break, when it is one.
    let first_break = blocks[..tables[0]]
        .iter()
        .position(|b| matches!(b, Block::SectionEnd { .. } | Block::PageBreak));
    let mut start = 0;
    if let Some(end) = first_break
        && order::is_order(&blocks[..end])
    {
        draft.order = Some(order::read(&blocks[..end], "приказ"));
        start = end + 1;
    } else if let Some(end) = order::signed_end(&blocks[..tables[0]]) {
        // No break after the order: it ends with its signature.
        draft.order = Some(order::read(&blocks[..end], "приказ"));
        start = end;
    }
    let mut requisites: Vec<Requisites> = Vec::new();
    for (n, &t) in tables.iter().enumerate() {
        let place = format!("таблица {}", n + 1);
        let next = tables.get(n + 1).copied().unwrap_or(blocks.len());
        // The appendix's tail: up to the first break after its table.
        let end = blocks[t + 1..next]
            .iter()
            .position(|b| matches!(b, Block::SectionEnd { .. } | Block::PageBreak))
            .map_or(next, |p| t + 1 + p);
        let landscape = blocks[t..]
            .iter()
            .find_map(|b| match b {
                Block::SectionEnd { landscape } => Some(*landscape),
                _ => None,
            })
            .unwrap_or(false);
        let mut roadmap = Roadmap {
            landscape,
            ..Roadmap::default()
        };
        let head = head::read(&blocks[start..t], &mut roadmap, &place);
        roadmap.notes.extend(head.notes);
        if let Some(found) = head.found {
            if let Some(r) = found.requisites {
                if r.words {
                    roadmap.mark.date_style = Some("words");
                }
                requisites.push(r);
            }
            if let Some(number) = found.number {
                // The number its place gives: 1, 2 … with several, none for a single one.
                let by_place = (tables.len() > 1).then_some(n as u32 + 1);
                match number.parse::<u32>() {
                    Ok(own) if own > 0 && Some(own) != by_place => roadmap.number = Some(own),
                    Ok(own) if own > 0 => {}
                    _ => roadmap.notes.push(Note::new(
                        NoteKind::Corrected,
                        place.clone(),
                        format!(
                            "номер «№ {number}» не целое число от 1: приложение нумеруется по \
                             порядку"
                        ),
                    )),
                }
            }
        }
        let Block::Table(table) = &blocks[t] else {
            continue;
        };
        let recognised = table::recognise(table, &place);
        roadmap.notes.extend(recognised.notes);
        roadmap.columns = recognised.columns;
        for column in roadmap.columns.iter().filter(|c| c.key.is_empty()) {
            roadmap.notes.extend(column.notes.iter().cloned());
        }
        roadmap.columns.retain(|c| !c.key.is_empty());
        roadmap.numbering = recognised.numbering;
        roadmap.stage_number_hidden = recognised.stage_number_hidden;
        roadmap.roman_stages = recognised.roman_stages;
        roadmap.without_dot = !recognised.dot;
        roadmap.column_numbers = recognised.column_numbers;
        roadmap.stages = recognised.stages;
        roadmap.numeric_dates = recognised.numeric_dates;
        let (signature, rest) = head::signature(&blocks[t + 1..end]);
        roadmap.signature = signature;
        for text in rest {
            roadmap.notes.push(Note::new(
                NoteKind::Unplaced,
                format!("{place}, после таблицы"),
                text,
            ));
        }
        if draft.order.is_some() && roadmap.mark.kind != "none" {
            // The id a clause's «(приложение N)» is read as: the printed number.
            let printed = roadmap.number.unwrap_or(n as u32 + 1);
            roadmap.id = Some(format!("appendix-{printed}"));
        }
        draft.appendices.push(roadmap);
        start = if end < next { end + 1 } else { next + 1 };
    }
    requisites_to_order(&mut draft, &requisites);
    Ok(draft)
}

/// The order's requisites: from its own text, or from the marks of the appendices.
fn requisites_to_order(draft: &mut Draft, requisites: &[Requisites]) {
    let needs = draft
        .appendices
        .iter()
        .any(|r| matches!(r.mark.kind, "appendix" | "approved"));
    let from_mark = requisites.first();
    match (&mut draft.order, from_mark) {
        (Some(order), r) => {
            if let Some(r) = r {
                order.kind = order.kind.or(r.kind);
                order.authority_genitive = r.genitive.clone();
                if order.date.is_empty() {
                    order.date = r.date.clone();
                }
                if order.number.is_empty() {
                    order.number = r.number.clone();
                }
            }
            if order.authority_genitive.is_empty() {
                order.authority_genitive = order.authority.clone();
                order.notes.push(Note::new(
                    NoteKind::Guess,
                    "приказ",
                    "родительный падеж органа не найден (нет грифа «к приказу …»); записан именительный",
                ));
            }
            if order.authority.is_empty() {
                order.authority = nominative(&order.authority_genitive)
                    .unwrap_or_else(|| order.authority_genitive.clone());
            }
        }
        (None, Some(r)) if needs => {
            let (authority, guessed) = match nominative(&r.genitive) {
                Some(n) => (n, true),
                None => (r.genitive.clone(), true),
            };
            let mut order = Order {
                kind: r.kind,
                authority,
                authority_genitive: r.genitive.clone(),
                date: r.date.clone(),
                number: r.number.clone(),
                ..Order::default()
            };
            if guessed {
                order.notes.push(Note::new(
                    NoteKind::Guess,
                    "гриф",
                    "именительный падеж органа выведен из родительного («к приказу …»); в документе он не печатается",
                ));
            }
            draft.order = Some(order);
        }
        (None, _) => {
            for roadmap in draft.appendices.iter_mut() {
                if matches!(roadmap.mark.kind, "appendix" | "approved") {
                    roadmap.notes.push(Note::new(
                        NoteKind::Guess,
                        "гриф",
                        "в грифе не найдены дата и номер приказа; гриф убран (kind: none)",
                    ));
                    roadmap.mark.kind = "none";
                }
            }
        }
    }
}
