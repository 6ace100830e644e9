//! The order itself, when the file holds one before its appendices: the authority's header,
//! «ПРИКАЗ» (or «ПОСТАНОВЛЕНИЕ», «РАСПОРЯЖЕНИЕ», «РЕШЕНИЕ»: the kind of act), the date and number, the place, the heading, the preamble, «п р и к а з ы в а ю:»,
//! the clauses (numbered by hand or by Word) with their dash items, and the signature.

use super::blocks::{Align, Block, Numbered};
use super::draft::{Clause, Note, NoteKind, Order, OrderText};
use super::head::signature;
use super::text::{
    act_heading, before_command, command, date_and_number, list_item, numbered_text, own_command,
};

/// Whether the blocks are an order: «ПРИКАЗ» (or another act's heading) on a line of its own
/// and «приказываю» (or another command word) below.
pub fn is_order(blocks: &[Block]) -> bool {
    let mut kind = false;
    for block in blocks {
        if let Block::Para(p) = block {
            if act_heading(p.trimmed()).is_some() {
                kind = true;
            } else if kind && before_command(p.trimmed()).is_some() {
                return true;
            }
        }
    }
    false
}

/// Where an order not followed by a break ends: after its signature (a one-row layout table
/// or a line with tabs between position and name) below «приказываю». `None` when the blocks
/// are not an order.
pub fn signed_end(blocks: &[Block]) -> Option<usize> {
    if !is_order(blocks) {
        return None;
    }
    let command = blocks
        .iter()
        .position(|b| matches!(b, Block::Para(p) if before_command(p.trimmed()).is_some()))?;
    blocks[command + 1..]
        .iter()
        .position(|b| match b {
            Block::Table(t) => t.rows.len() == 1 && t.rows[0].cells.len() >= 2,
            Block::Para(p) => p.trimmed().contains('\t') && numbered_text(p.trimmed()).is_none(),
            _ => false,
        })
        .map(|i| command + 1 + i + 1)
}

/// Reads the order from its blocks.
pub fn read(blocks: &[Block], place: &str) -> Order {
    let mut order = Order::default();
    let mut text = OrderText::default();
    let mut i = 0;
    // Header lines up to «ПРИКАЗ».
    while i < blocks.len() {
        if let Block::Para(p) = &blocks[i] {
            i += 1;
            if let Some(kind) = act_heading(p.trimmed()) {
                order.kind = Some(kind);
                break;
            }
            text.header.extend(
                p.text
                    .split('\n')
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty()),
            );
        } else {
            i += 1;
        }
    }
    // Date and number: a layout table or a line.
    while i < blocks.len() {
        let line = match &blocks[i] {
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| c.text()))
                .collect::<Vec<_>>()
                .join(" "),
            Block::Para(p) if p.is_empty() => {
                i += 1;
                continue;
            }
            Block::Para(p) => p.text.clone(),
            _ => {
                i += 1;
                continue;
            }
        };
        i += 1;
        if let Some((date, number)) = date_and_number(&line) {
            order.date = date;
            order.number = number;
        } else {
            order.notes.push(Note::new(
                NoteKind::Unplaced,
                format!("{place}, строка даты"),
                line,
            ));
        }
        break;
    }
    // Place and heading.
    let mut heading = Vec::new();
    while i < blocks.len() {
        let Block::Para(p) = &blocks[i] else { break };
        if p.is_empty() {
            i += 1;
            continue;
        }
        if p.align != Align::Center && !heading.is_empty() {
            break;
        }
        if p.align == Align::Center && !p.bold && heading.is_empty() && text.place.is_none() {
            text.place = Some(p.trimmed().to_string());
        } else if p.align == Align::Center || heading.is_empty() {
            heading.push(p.trimmed().replace('\n', " "));
        } else {
            break;
        }
        i += 1;
    }
    text.heading = heading.join(" ");
    // Preamble up to the command.
    while i < blocks.len() {
        let Block::Para(p) = &blocks[i] else { break };
        i += 1;
        if p.is_empty() {
            continue;
        }
        if let Some((before, word)) = command(p.trimmed()) {
            if !before.is_empty() {
                text.preamble.push(before.to_string());
            }
            text.command = own_command(order.kind.unwrap_or_default(), word);
            break;
        }
        text.preamble.push(p.trimmed().to_string());
    }
    // Clauses, up to the signature.
    let mut tail_from = blocks.len();
    while i < blocks.len() {
        let p = match &blocks[i] {
            Block::Para(p) => p,
            _ => {
                tail_from = i;
                break;
            }
        };
        if p.is_empty() {
            i += 1;
            continue;
        }
        if p.trimmed().contains('\t')
            && !text.clauses.is_empty()
            && numbered_text(p.trimmed()).is_none()
        {
            tail_from = i;
            break;
        }
        let t = p.trimmed();
        let bullet = matches!(p.numbered, Some(Numbered::Bullet));
        let item = list_item(t)
            .map(str::to_string)
            .or_else(|| bullet.then(|| t.to_string()));
        if let Some(item) = item
            && let Some(clause) = text.clauses.last_mut()
        {
            clause.items.push(item);
            i += 1;
            continue;
        }
        let (body, guessed) = match (numbered_text(t), p.numbered) {
            (Some((_, rest)), _) => (rest.to_string(), false),
            (None, Some(Numbered::Number { .. })) => (t.to_string(), false),
            _ => (t.to_string(), true),
        };
        let mut clause = Clause::default();
        let (body, appendix) = strip_appendix(&body);
        clause.text = body;
        clause.appendix = appendix;
        if guessed {
            clause.notes.push(Note::new(
                NoteKind::Guess,
                format!("{place}, пункты"),
                "абзац без номера после «приказываю» записан отдельным пунктом",
            ));
        }
        text.clauses.push(clause);
        i += 1;
    }
    let (sig, rest) = signature(&blocks[tail_from.min(blocks.len())..]);
    text.signature = sig.unwrap_or_default();
    if text.signature.name.is_empty() {
        order.notes.push(Note::new(
            NoteKind::Guess,
            place.to_string(),
            "подпись под приказом не найдена; должность и имя оставлены пустыми",
        ));
        text.signature.position = "—".to_string();
        text.signature.name = "—".to_string();
    }
    for r in rest {
        order.notes.push(Note::new(
            NoteKind::Unplaced,
            format!("{place}, после пунктов"),
            r,
        ));
    }
    let header = text.header.join(" ");
    order.authority = header.clone();
    order.text = Some(text);
    order
}

/// «… (приложение 1).» → the text without the reference and the appendix's id.
fn strip_appendix(text: &str) -> (String, Option<String>) {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return (text.to_string(), None);
    }
    let Some(at) = lower.rfind("(приложение") else {
        return (text.to_string(), None);
    };
    let Some(close) = text[at..].find(')') else {
        return (text.to_string(), None);
    };
    let inner = &text[at + 1..at + close];
    let n: String = inner.chars().filter(char::is_ascii_digit).collect();
    let id = format!(
        "appendix-{}",
        if n.is_empty() { "1".to_string() } else { n }
    );
    let mut out = text[..at].trim_end().to_string();
    out.push_str(&text[at + close + 1..]);
    (out, Some(id))
}
