//! Every text value of a source, each with its field path and position: the one walk over the
//! model that both the substitution of a municipality's values ([`super::values`]) and the
//! removal of control characters ([`super::controls`]) go through, so that neither can forget
//! a field the other reaches. Keys and comments are not values and are never visited.
//!
//! A text's position is its own when the model spans it (dates, numbers, deadlines, ids) and
//! otherwise that of the nearest spanned value around it (an item's text at the item), as in
//! [`super::check`]; the path always names the field itself.

use crate::diag::Pos;
use crate::source::Source;
use crate::source::model::{
    Column, Deadlines, ElectronicSignature, Item, OwnValues, Part, PreambleBlock, Roadmap,
    Signature, Spanned, SpannedText,
};

/// One step of a field path: a key or a list index.
#[derive(Debug, Clone, Copy)]
enum Step {
    Key(&'static str),
    Index(usize),
}

/// Where a visited text stands.
pub struct Place<'a> {
    steps: &'a [Step],
    pub pos: &'a Pos,
}

impl Place<'_> {
    /// The field path as diagnostics write it: `appendix.stages[0].items[1].deadline`.
    /// Made on demand: most texts need no message.
    pub fn path(&self) -> String {
        let mut path = String::new();
        for step in self.steps {
            match step {
                Step::Key(key) if path.is_empty() => path.push_str(key),
                Step::Key(key) => {
                    path.push('.');
                    path.push_str(key);
                }
                Step::Index(i) => path.push_str(&format!("[{i}]")),
            }
        }
        path
    }
}

/// Calls `f` on every text value of the source, in file order as the model holds it.
pub fn for_each(source: &mut Source, f: &mut dyn FnMut(&Place, &mut String)) {
    let mut walk = Walk {
        steps: Vec::new(),
        f,
    };
    if let Some(order) = &mut source.order {
        walk.within(Step::Key("order"), |w| {
            let pos = Pos::of(&order.date);
            w.text("authority", &pos, &mut order.authority);
            w.text("authority_genitive", &pos, &mut order.authority_genitive);
            w.spanned("date", &mut order.date);
            w.spanned("number", &mut order.number);
            if let Some(text) = &mut order.text {
                w.within(Step::Key("text"), |w| {
                    w.list("header", &pos, &mut text.header);
                    w.optional("place", &pos, &mut text.place);
                    w.text("heading", &pos, &mut text.heading);
                    w.list("preamble", &pos, &mut text.preamble);
                    w.within(Step::Key("clauses"), |w| {
                        for (i, clause) in text.clauses.iter_mut().enumerate() {
                            w.within(Step::Index(i), |w| {
                                w.text("text", &pos, &mut clause.text);
                                w.list("items", &pos, &mut clause.items);
                                if let Some(id) = &mut clause.appendix {
                                    w.spanned("appendix", id);
                                }
                            });
                        }
                    });
                    w.signature(&pos, &mut text.signature);
                });
            }
        });
    }
    if let Some(roadmap) = &mut source.appendix {
        walk.within(Step::Key("appendix"), |w| w.roadmap(roadmap));
    }
    walk.within(Step::Key("appendices"), |w| {
        for (i, roadmap) in source.appendices.iter_mut().enumerate() {
            w.within(Step::Index(i), |w| w.roadmap(roadmap));
        }
    });
}

struct Walk<'f> {
    steps: Vec<Step>,
    f: &'f mut dyn FnMut(&Place, &mut String),
}

impl Walk<'_> {
    fn within(&mut self, step: Step, body: impl FnOnce(&mut Self)) {
        self.steps.push(step);
        body(self);
        self.steps.pop();
    }

    fn visit(&mut self, step: Step, pos: &Pos, text: &mut String) {
        self.steps.push(step);
        (self.f)(
            &Place {
                steps: &self.steps,
                pos,
            },
            text,
        );
        self.steps.pop();
    }

    fn text(&mut self, key: &'static str, pos: &Pos, text: &mut String) {
        self.visit(Step::Key(key), pos, text);
    }

    fn optional(&mut self, key: &'static str, pos: &Pos, text: &mut Option<String>) {
        if let Some(text) = text {
            self.text(key, pos, text);
        }
    }

    fn list(&mut self, key: &'static str, pos: &Pos, list: &mut [String]) {
        self.within(Step::Key(key), |w| {
            for (i, text) in list.iter_mut().enumerate() {
                w.visit(Step::Index(i), pos, text);
            }
        });
    }

    fn spanned(&mut self, key: &'static str, text: &mut SpannedText) {
        let pos = Pos::of(text);
        self.text(key, &pos, &mut text.value);
    }

    fn signature(&mut self, pos: &Pos, signature: &mut Signature) {
        self.within(Step::Key("signature"), |w| {
            w.text("position", pos, &mut signature.position);
            w.text("name", pos, &mut signature.name);
            if let Some(electronic) = &mut signature.electronic {
                w.within(Step::Key("electronic"), |w| w.electronic(pos, electronic));
            }
        });
    }

    fn electronic(&mut self, pos: &Pos, electronic: &mut ElectronicSignature) {
        self.text("certificate", pos, &mut electronic.certificate);
        self.text("owner", pos, &mut electronic.owner);
        self.spanned("valid_from", &mut electronic.valid_from);
        self.spanned("valid_to", &mut electronic.valid_to);
    }

    fn roadmap(&mut self, roadmap: &mut Roadmap) {
        let pos = super::check::anchor(roadmap);
        let mark_pos = super::check::mark_anchor(roadmap);
        if let Some(id) = &mut roadmap.id {
            self.spanned("id", id);
        }
        self.within(Step::Key("mark"), |w| {
            let mark = &mut roadmap.mark;
            w.optional("position", &mark_pos, &mut mark.position);
            w.optional("name", &mark_pos, &mut mark.name);
            if let Some(date) = &mut mark.date {
                w.spanned("date", date);
            }
        });
        self.text("title", &pos, &mut roadmap.title);
        self.optional("subtitle", &pos, &mut roadmap.subtitle);
        if let Some(period) = &mut roadmap.period {
            self.within(Step::Key("period"), |w| {
                w.spanned("from", &mut period.from);
                w.spanned("to", &mut period.to);
            });
        }
        self.within(Step::Key("preamble"), |w| {
            for (i, block) in roadmap.preamble.iter_mut().enumerate() {
                w.within(Step::Index(i), |w| w.preamble(&pos, block));
            }
        });
        if let Some(table) = &mut roadmap.indicators {
            self.within(Step::Key("indicators"), |w| {
                w.optional("title", &pos, &mut table.title);
                w.columns(&mut table.columns);
                w.within(Step::Key("rows"), |w| {
                    for (r, row) in table.rows.iter_mut().enumerate() {
                        w.within(Step::Index(r), |w| w.row_values(&mut row.value));
                    }
                });
            });
        }
        self.columns(&mut roadmap.columns);
        self.within(Step::Key("stages"), |w| {
            for (s, stage) in roadmap.stages.iter_mut().enumerate() {
                let pos = Pos::of(stage);
                w.within(Step::Index(s), |w| {
                    w.text("title", &pos, &mut stage.value.title);
                    w.items(&mut stage.value.items);
                });
            }
        });
        if let Some(signature) = &mut roadmap.signature {
            self.signature(&pos, signature);
        }
    }

    fn preamble(&mut self, pos: &Pos, block: &mut PreambleBlock) {
        self.text("label", pos, &mut block.label);
        self.optional("text", pos, &mut block.text);
        self.list("list", pos, &mut block.list);
    }

    fn items(&mut self, items: &mut [Spanned<Item>]) {
        self.within(Step::Key("items"), |w| {
            for (i, item) in items.iter_mut().enumerate() {
                let pos = Pos::of(item);
                w.within(Step::Index(i), |w| w.item(&pos, &mut item.value));
            }
        });
    }

    fn item(&mut self, pos: &Pos, item: &mut Item) {
        self.optional("heading", pos, &mut item.heading);
        self.optional("activity", pos, &mut item.activity);
        self.list("list", pos, &mut item.list);
        self.deadline(&mut item.deadline);
        self.optional("responsible", pos, &mut item.responsible);
        self.optional("level", pos, &mut item.level);
        self.optional("audience", pos, &mut item.audience);
        self.optional("participants", pos, &mut item.participants);
        self.optional("result", pos, &mut item.result);
        self.optional("mark", pos, &mut item.mark);
        self.values(&mut item.values);
        self.within(Step::Key("parts"), |w| {
            for (k, part) in item.parts.iter_mut().enumerate() {
                let pos = Pos::of(part);
                w.within(Step::Index(k), |w| w.part(&pos, &mut part.value));
            }
        });
        self.items(&mut item.items);
    }

    fn part(&mut self, pos: &Pos, part: &mut Part) {
        self.text("activity", pos, &mut part.activity);
        self.list("list", pos, &mut part.list);
        self.deadline(&mut part.deadline);
        self.optional("responsible", pos, &mut part.responsible);
        self.optional("audience", pos, &mut part.audience);
        self.optional("participants", pos, &mut part.participants);
        self.optional("result", pos, &mut part.result);
        self.values(&mut part.values);
    }

    /// An own column's values, each at its own place (the path gives their order, `values[0]`).
    fn values(&mut self, values: &mut OwnValues) {
        self.within(Step::Key("values"), |w| w.row_values(values));
    }

    fn row_values(&mut self, values: &mut OwnValues) {
        for (i, (_, value)) in values.0.iter_mut().enumerate() {
            let pos = Pos::of(value);
            self.visit(Step::Index(i), &pos, &mut value.value);
        }
    }

    fn columns(&mut self, columns: &mut [Column]) {
        self.within(Step::Key("columns"), |w| {
            for (i, column) in columns.iter_mut().enumerate() {
                let pos = Pos::of(&column.key);
                w.within(Step::Index(i), |w| {
                    w.text("title", &pos, &mut column.title);
                    w.optional("group", &pos, &mut column.group);
                });
            }
        });
    }

    fn deadline(&mut self, deadline: &mut Option<Spanned<Deadlines>>) {
        let Some(deadline) = deadline else { return };
        let pos = Pos::of(deadline);
        match &mut deadline.value {
            Deadlines::One(text) => self.text("deadline", &pos, text),
            Deadlines::Many(list) => self.list("deadline", &pos, list),
        }
    }
}
