//! What stands above an appendix's table: the mark (or stamp) in the upper right corner, the
//! title with its subtitle, and the preamble blocks («Цель: …», «Задачи:» with a list).

use super::blocks::{Align, Block, Numbered, Para};
use super::draft::{Mark, Note, NoteKind, PreambleBlock, Roadmap, Signature};
use super::indicators;
use super::text::{date, date_and_number, list_item, norm};
use crate::resolve::acts;
use crate::source::model::ActKind;

/// A left indent this deep (in twips, about 5 cm) puts a paragraph in the upper right corner.
const RIGHT_INDENT: i32 = 2800;

/// The order's requisites as a mark prints them.
#[derive(Debug, Default, Clone)]
pub struct Requisites {
    /// The kind of act the mark names («к постановлению»); `None` when it names none known.
    pub kind: Option<ActKind>,
    pub genitive: String,
    pub date: String,
    pub number: String,
    /// The date is printed in words («от 13 ноября 2015 г.»).
    pub words: bool,
}

/// The mark found, with the requisites of the order it names.
pub struct Found {
    pub mark: Mark,
    /// «Приложение № 2»: the number it gives.
    pub number: Option<String>,
    pub requisites: Option<Requisites>,
}

/// Whether a paragraph stands in the upper right corner: right-aligned, indented far, or
/// pushed right with tabs.
fn on_the_right(p: &Para) -> bool {
    p.align == Align::Right
        || p.indent >= RIGHT_INDENT
        || p.text.starts_with("\t\t")
        || p.text.starts_with("          ")
}

/// The lines of the paragraphs and layout tables before the title that may be a mark; the
/// blocks used are taken off the front of `blocks`.
fn mark_lines(blocks: &mut Vec<Para>, layout: &mut Option<Vec<Para>>) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(cell) = layout.take() {
        for p in cell {
            lines.extend(p.text.split('\n').map(|l| l.trim().to_string()));
        }
    }
    while let Some(p) = blocks.first() {
        if p.is_empty() && !lines.is_empty() {
            blocks.remove(0);
            continue;
        }
        if !on_the_right(p) || p.is_empty() {
            break;
        }
        let p = blocks.remove(0);
        lines.extend(p.text.split('\n').map(|l| l.trim().to_string()));
    }
    lines.retain(|l| !l.is_empty());
    lines
}

/// Reads the mark from its lines.
fn mark(lines: &[String]) -> Option<Found> {
    let first = lines.first()?;
    let rest = lines[1..].join(" ");
    let upper = first.to_uppercase();
    if norm(first).starts_with("приложение") {
        let number = first
            .split_once('№')
            .map(|(_, n)| n.trim().to_string())
            .or_else(|| {
                let t = first
                    .get("Приложение".len()..)
                    .unwrap_or("")
                    .trim()
                    .to_string();
                (!t.is_empty()).then_some(t)
            });
        let requisites = order_line(&rest, |forms| format!("к {}", forms.dative));
        return Some(Found {
            mark: Mark {
                kind: "appendix",
                ..Mark::default()
            },
            number,
            requisites,
        });
    }
    if upper.starts_with("УТВЕРЖДАЮ") {
        let mut position = Vec::new();
        let mut name = None;
        let mut when = None;
        let mut words = false;
        for line in &lines[1..] {
            if line.contains('_') || line.contains("подпись") {
                let n = line.replace('_', " ");
                let n = n.trim();
                if !n.is_empty() {
                    name = Some(n.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            } else if let Some(d) = date(line) {
                when = Some(d);
                words = in_words(line);
            } else if name.is_none() {
                position.push(line.clone());
            } else {
                name = Some(format!("{} {line}", name.unwrap_or_default()));
            }
        }
        if name.is_none() && !position.is_empty() {
            name = position.pop();
        }
        let name = name.or_else(|| Some("—".to_string()));
        return Some(Found {
            mark: Mark {
                kind: "approver",
                position: (!position.is_empty()).then(|| position.join(" ")),
                name,
                date: when,
                date_style: words.then_some("words"),
                ..Mark::default()
            },
            number: None,
            requisites: None,
        });
    }
    let word = ["УТВЕРЖДЕНЫ", "УТВЕРЖДЕНО", "УТВЕРЖДЕНА", "УТВЕРЖДЕН"]
        .into_iter()
        .find(|w| upper.starts_with(w))?;
    let after = first.get(word.len()..).unwrap_or("").trim();
    let text = format!("{after} {rest}");
    Some(Found {
        mark: Mark {
            kind: "approved",
            word: (word != "УТВЕРЖДЕНА").then(|| word.to_string()),
            ..Mark::default()
        },
        number: None,
        requisites: order_line(text.trim(), |forms| forms.instrumental.to_string()),
    })
}

/// «к приказу Управления … от 16.02.2023 № 206» → the requisites; `lead` gives the words
/// before the authority for each kind of act («к постановлению», «постановлением»).
fn order_line(text: &str, lead: impl Fn(&acts::ActForms) -> String) -> Option<Requisites> {
    let t = text.trim();
    let found = acts::KINDS.into_iter().find_map(|kind| {
        let lead = lead(&acts::forms(kind));
        t.strip_prefix(&lead)
            .or_else(|| t.strip_prefix(&lead.to_uppercase()))
            .map(|rest| (kind, rest))
    });
    let (kind, t) = match found {
        Some((kind, rest)) => (Some(kind), rest.trim()),
        None => (None, t),
    };
    let (genitive, tail) = match t.rfind(" от ") {
        Some(at) => (&t[..at], &t[at..]),
        None => (t, ""),
    };
    let (date, number) = date_and_number(tail)?;
    let written = tail.split('№').next().unwrap_or("").trim();
    Some(Requisites {
        kind,
        genitive: genitive.trim().to_string(),
        date,
        number,
        words: in_words(written.strip_prefix("от").unwrap_or(written)),
    })
}

/// Whether a date is written in words («13 ноября 2015 г.», «“22” сентября 2021 года»), not
/// in digits («13.11.2015», «13.11.2015 г.»).
fn in_words(date: &str) -> bool {
    date.split(|c: char| !c.is_alphabetic())
        .any(|word| !matches!(word, "" | "г" | "года"))
}

/// The head of one appendix, read from its blocks.
pub struct Head {
    pub found: Option<Found>,
    pub notes: Vec<Note>,
}

/// Fills the mark, title, subtitle and preamble of `roadmap` from the blocks before its table.
pub fn read(blocks: &[Block], roadmap: &mut Roadmap, place: &str) -> Head {
    let mut paras: Vec<Para> = Vec::new();
    let mut layout: Option<Vec<Para>> = None;
    let mut notes = Vec::new();
    for block in blocks {
        match block {
            Block::Para(p) => paras.push(p.clone()),
            // A borderless table at the top: the mark in its right cell.
            Block::Table(t) if paras.iter().all(Para::is_empty) && layout.is_none() => {
                if let Some(cell) = t.rows.first().and_then(|r| r.cells.last()) {
                    layout = Some(cell.paras.clone());
                }
                for row in &t.rows {
                    for cell in &row.cells[..row.cells.len().saturating_sub(1)] {
                        if !cell.is_empty() {
                            notes.push(Note::new(
                                NoteKind::Unplaced,
                                format!("{place}, таблица над заголовком"),
                                cell.text(),
                            ));
                        }
                    }
                }
            }
            // An indicators table: its heading is the bold paragraph just above it.
            Block::Table(t) if roadmap.indicators.is_none() && indicators::is_indicators(t) => {
                while paras.last().is_some_and(Para::is_empty) {
                    paras.pop();
                }
                let title = paras.pop_if(|p| p.bold && p.align == Align::Center);
                roadmap.indicators = Some(indicators::read(t, title.as_ref(), place));
            }
            Block::Table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        if !cell.is_empty() {
                            notes.push(Note::new(
                                NoteKind::Unplaced,
                                format!("{place}, таблица над основной"),
                                cell.text(),
                            ));
                        }
                    }
                }
            }
            Block::SectionEnd { .. } | Block::PageBreak => {}
        }
    }
    while paras.first().is_some_and(Para::is_empty) {
        paras.remove(0);
    }
    let lines = mark_lines(&mut paras, &mut layout);
    let found = mark(&lines);
    if let Some(f) = &found
        && matches!(f.mark.kind, "appendix" | "approved")
        && f.requisites.is_none()
    {
        notes.push(Note::new(
            NoteKind::Unplaced,
            format!("{place}, гриф"),
            lines.join(" / "),
        ));
    }
    match &found {
        Some(f) => roadmap.mark = f.mark.clone(),
        None => {
            roadmap.mark.kind = "none";
            for line in &lines {
                notes.push(Note::new(
                    NoteKind::Unplaced,
                    format!("{place}, справа вверху"),
                    line.clone(),
                ));
            }
        }
    }
    paras.retain(|p| !p.is_empty());

    // The title: centred paragraphs, bold ones first; then a centred plain one as subtitle.
    let mut title = Vec::new();
    while let Some(p) = paras.first() {
        let centred = p.align == Align::Center;
        if !(centred && (p.bold || title.is_empty())) {
            break;
        }
        let p = paras.remove(0);
        title.extend(
            p.text
                .split('\n')
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty()),
        );
        if !p.bold {
            break;
        }
    }
    if title.is_empty()
        && let Some(p) = paras.first()
        && list_item(&p.text).is_none()
        && !p.text.contains(':')
    {
        let p = paras.remove(0);
        title.extend(p.text.split('\n').map(|l| l.trim().to_string()));
        notes.push(Note::new(
            NoteKind::Guess,
            place.to_string(),
            "название не выделено (не по центру): заголовком принят первый абзац",
        ));
    }
    if title.is_empty() {
        title.push("Дорожная карта".to_string());
        notes.push(Note::new(
            NoteKind::Guess,
            place.to_string(),
            "названия над таблицей нет; записано «Дорожная карта»",
        ));
    }
    roadmap.title = title.join("\n");
    if let Some(p) = paras.first()
        && p.align == Align::Center
        && !p.bold
    {
        roadmap.subtitle = Some(paras.remove(0).text.replace('\n', " ").trim().to_string());
    }

    // Preamble blocks.
    for p in paras {
        let text = p.text.trim();
        let bullet = matches!(p.numbered, Some(Numbered::Bullet));
        if let Some(item) = list_item(text)
            .map(str::to_string)
            .or_else(|| bullet.then(|| text.to_string()))
        {
            match roadmap.preamble.last_mut() {
                Some(block) => block.list.push(item),
                None => notes.push(Note::new(
                    NoteKind::Unplaced,
                    format!("{place}, перед таблицей"),
                    format!("– {item}"),
                )),
            }
            continue;
        }
        let full = p.text.as_str();
        let colon = if p.bold_prefix > 0 {
            full[..p.bold_prefix].rfind(':').or_else(|| full.find(':'))
        } else {
            full.find(':')
                .filter(|&i| full[..i].split_whitespace().count() <= 6)
        };
        let Some(i) = colon else {
            match roadmap.preamble.last_mut() {
                Some(block) if block.list.is_empty() => {
                    let t = block.text.take().unwrap_or_default();
                    block.text = Some(if t.is_empty() {
                        text.to_string()
                    } else {
                        format!("{t}\n{text}")
                    });
                }
                _ => notes.push(Note::new(
                    NoteKind::Unplaced,
                    format!("{place}, перед таблицей"),
                    text,
                )),
            }
            continue;
        };
        let (label, rest, guessed) = (full[..i].trim(), full[i + 1..].trim(), p.bold_prefix == 0);
        let mut block = PreambleBlock {
            label: label.to_string(),
            text: (!rest.is_empty()).then(|| rest.to_string()),
            ..PreambleBlock::default()
        };
        if guessed {
            block.notes.push(Note::new(
                NoteKind::Guess,
                format!("{place}, перед таблицей"),
                format!("«{label}:» не выделено полужирным; принято за подпись блока"),
            ));
        }
        roadmap.preamble.push(block);
    }
    Head { found, notes }
}

/// The signature after a table or an order: a two-cell borderless table, or a line with the
/// position, tabs and the name.
pub fn signature(blocks: &[Block]) -> (Option<Signature>, Vec<String>) {
    let mut rest = Vec::new();
    let mut found = None;
    for block in blocks {
        match block {
            Block::Table(t)
                if found.is_none() && t.rows.len() == 1 && t.rows[0].cells.len() >= 2 =>
            {
                let cells = &t.rows[0].cells;
                let position = cells[0].text().replace('\n', " ");
                let name = cells
                    .last()
                    .map(|c| c.text().replace('\n', " "))
                    .unwrap_or_default();
                for c in &cells[1..cells.len() - 1] {
                    if !c.is_empty() {
                        rest.push(c.text());
                    }
                }
                if !position.is_empty() && !name.is_empty() {
                    found = Some(Signature { position, name });
                }
            }
            Block::Para(p) if found.is_none() && p.text.trim().contains('\t') => {
                let t = p.text.trim();
                let (position, name) = t.rsplit_once('\t').expect("a tab");
                found = Some(Signature {
                    position: position.trim().replace('\t', " "),
                    name: name.trim().to_string(),
                });
            }
            Block::Para(p) if !p.is_empty() => rest.push(p.text.trim().to_string()),
            Block::Table(t) => {
                for row in &t.rows {
                    for c in &row.cells {
                        if !c.is_empty() {
                            rest.push(c.text());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    (found, rest)
}
