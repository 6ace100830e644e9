//! The recognised [`Draft`] → the text of a source file: the schema line, the keys of the
//! format in its usual order, each note as a `# import: …` comment above what it is about.

use super::columns::OWN_KEYS;
use super::draft::{
    Column, Draft, Fields, Indicators, Item, Note, NoteKind, Part, PreambleBlock, Roadmap,
    Signature,
};
use crate::resolve::acts;
use crate::source::model::ActKind;

/// The first line of every source, as the starter file has it: editors find the schema that
/// `dorkarta schema > roadmap.schema.json` writes beside the file.
pub const SCHEMA_LINE: &str = "# yaml-language-server: $schema=roadmap.schema.json";

pub fn write(draft: &Draft, from: &str) -> String {
    let mut w = Writer::default();
    w.line(0, SCHEMA_LINE);
    w.line(0, "#");
    w.line(
        0,
        &format!(
            "# Импортировано из «{}» командой dorkarta import.",
            one_line(from)
        ),
    );
    w.line(
        0,
        "# Комментарии «# import: …» говорят, что угадано, исправлено или не нашло места;",
    );
    w.line(0, "# проверьте эти места и удалите комментарии.");
    w.blank();
    w.notes(0, &draft.notes);
    if let Some(order) = &draft.order {
        w.line(0, "order:");
        w.notes(1, &order.notes);
        if let Some(kind) = order.kind.filter(|&k| k != ActKind::Order) {
            w.field(1, "kind", acts::forms(kind).name);
        }
        w.field(1, "authority", &order.authority);
        w.field(1, "authority_genitive", &order.authority_genitive);
        w.field(1, "date", &order.date);
        w.field(1, "number", &order.number);
        if let Some(text) = &order.text {
            w.line(1, "text:");
            if !text.header.is_empty() {
                w.list(2, "header", &text.header);
            }
            if let Some(place) = &text.place {
                w.field(2, "place", place);
            }
            w.field(2, "heading", &text.heading);
            if !text.preamble.is_empty() {
                w.list(2, "preamble", &text.preamble);
            }
            if let Some(command) = &text.command {
                w.field(2, "command", command);
            }
            w.line(2, "clauses:");
            for clause in &text.clauses {
                w.notes(3, &clause.notes);
                w.item_field(3, "text", &clause.text);
                if !clause.items.is_empty() {
                    w.list(4, "items", &clause.items);
                }
                if let Some(id) = &clause.appendix {
                    w.field(4, "appendix", id);
                }
            }
            w.signature(2, &text.signature);
        }
        w.blank();
    }
    match draft.appendices.as_slice() {
        [one] => {
            w.line(0, "appendix:");
            w.roadmap(1, one);
        }
        many => {
            w.line(0, "appendices:");
            for (i, roadmap) in many.iter().enumerate() {
                if i > 0 {
                    w.blank();
                }
                // The element's first key carries the dash: «  - id: …».
                let mut element = Writer::default();
                element.roadmap(2, roadmap);
                let mut dashed = false;
                for line in element.out.split_inclusive('\n') {
                    match line.strip_prefix("    ") {
                        Some(rest) if !dashed && !rest.starts_with('#') => {
                            w.out.push_str("  - ");
                            w.out.push_str(rest);
                            dashed = true;
                        }
                        _ => w.out.push_str(line),
                    }
                }
            }
        }
    }
    w.out
}

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    fn notes(&mut self, depth: usize, notes: &[Note]) {
        for note in notes {
            let kind = match note.kind {
                NoteKind::Guess => "угадано",
                NoteKind::Corrected => "исправлено",
                NoteKind::Unplaced => "не нашло места",
            };
            let text = format!("# import: {kind} ({}): {}", note.place, note.text);
            self.line(depth, &one_line(&text));
        }
    }

    /// `key: value`, the value as a scalar that reads back as the same string.
    fn field(&mut self, depth: usize, key: &str, value: &str) {
        self.keyed(depth, &format!("{key}:"), value);
    }

    /// `- key: value`: the first key of a list element.
    fn item_field(&mut self, depth: usize, key: &str, value: &str) {
        self.keyed(depth, &format!("- {key}:"), value);
    }

    fn keyed(&mut self, depth: usize, head: &str, value: &str) {
        if value.contains('\n') && block_safe(value) {
            self.line(depth, &format!("{head} |-"));
            let inner = depth + 1 + usize::from(head.starts_with("- "));
            for l in value.split('\n') {
                if l.is_empty() {
                    self.blank();
                } else {
                    self.line(inner, l);
                }
            }
        } else {
            self.line(depth, &format!("{head} {}", scalar(value)));
        }
    }

    fn list(&mut self, depth: usize, key: &str, values: &[String]) {
        self.line(depth, &format!("{key}:"));
        for v in values {
            self.keyed(depth + 1, "-", v);
        }
    }

    fn signature(&mut self, depth: usize, sig: &Signature) {
        self.line(depth, "signature:");
        self.field(depth + 1, "position", &sig.position);
        self.field(depth + 1, "name", &sig.name);
    }

    fn roadmap(&mut self, d: usize, r: &Roadmap) {
        self.notes(d, &r.notes);
        if let Some(id) = &r.id {
            self.field(d, "id", id);
        }
        if let Some(number) = r.number {
            self.line(d, &format!("number: {number}"));
        }
        let mut mark = format!("mark: {{ kind: {}", r.mark.kind);
        for (key, value) in [
            ("word", &r.mark.word),
            ("position", &r.mark.position),
            ("name", &r.mark.name),
            ("date", &r.mark.date),
        ] {
            if let Some(v) = value {
                mark.push_str(&format!(", {key}: {}", scalar(v)));
            }
        }
        if let Some(style) = r.mark.date_style {
            mark.push_str(&format!(", date_style: {style}"));
        }
        mark.push_str(" }");
        self.line(d, &mark);
        self.field(d, "title", &r.title);
        if let Some(sub) = &r.subtitle {
            self.field(d, "subtitle", sub);
        }
        self.field(
            d,
            "orientation",
            if r.landscape { "landscape" } else { "portrait" },
        );
        self.field(
            d,
            "date_style",
            if r.numeric_dates { "numeric" } else { "words" },
        );
        if !r.preamble.is_empty() {
            self.line(d, "preamble:");
            for block in &r.preamble {
                self.preamble(d + 1, block);
            }
        }
        if let Some(table) = &r.indicators {
            self.indicators(d, table);
        }
        self.line(d, "columns:");
        for c in &r.columns {
            self.column(d + 1, c);
        }
        if r.column_numbers {
            self.line(d, "column_numbers: true");
        }
        if r.roman_stages || r.without_dot {
            let stages = match (r.roman_stages, r.numbering, r.stage_number_hidden) {
                (true, _, _) => "roman",
                (false, "hierarchical", false) => "arabic",
                _ => "hidden",
            };
            self.line(
                d,
                &format!(
                    "numbering: {{ items: {}, stages: {stages}, dot: {} }}",
                    r.numbering, !r.without_dot
                ),
            );
        } else {
            self.field(d, "numbering", r.numbering);
        }
        if r.numbering == "hierarchical" && !r.roman_stages && !r.without_dot {
            self.field(
                d,
                "stage_number",
                if r.stage_number_hidden {
                    "hidden"
                } else {
                    "column"
                },
            );
        }
        self.line(d, "stages:");
        for (i, stage) in r.stages.iter().enumerate() {
            if i > 0 {
                self.blank();
            }
            self.notes(d + 1, &stage.notes);
            self.item_field(d + 1, "title", &stage.title);
            if let Some(style) = stage.style {
                self.field(d + 2, "style", style);
            }
            if !stage.items.is_empty() {
                self.line(d + 2, "items:");
                for item in &stage.items {
                    self.item(d + 3, item);
                }
            }
        }
        if let Some(sig) = &r.signature {
            self.signature(d, sig);
        }
    }

    fn indicators(&mut self, d: usize, table: &Indicators) {
        self.line(d, "indicators:");
        if let Some(title) = &table.title {
            self.field(d + 1, "title", title);
        }
        self.line(d + 1, "columns:");
        for c in &table.columns {
            self.column(d + 2, c);
        }
        if table.column_numbers {
            self.line(d + 1, "column_numbers: true");
        }
        self.line(d + 1, "rows:");
        for row in &table.rows {
            let mut first = true;
            for (key, value) in row {
                self.element(d + 2, &mut first, key, value);
            }
            if first {
                self.line(d + 2, "- {}");
            }
        }
    }

    fn preamble(&mut self, d: usize, b: &PreambleBlock) {
        self.notes(d, &b.notes);
        self.item_field(d, "label", &b.label);
        if let Some(text) = &b.text {
            self.field(d + 1, "text", text);
        }
        if !b.list.is_empty() {
            self.list(d + 1, "list", &b.list);
        }
    }

    fn column(&mut self, d: usize, c: &Column) {
        self.notes(d, &c.notes);
        let mut line = format!(
            "- {{ key: {}, title: {}, width: {}",
            c.key,
            scalar(&c.title),
            c.width
        );
        if c.merge {
            line.push_str(", merge: true");
        }
        if c.blank {
            line.push_str(", blank: true");
        }
        if let Some(align) = c.align {
            line.push_str(&format!(", align: {align}"));
        }
        if let Some(valign) = c.valign {
            line.push_str(&format!(", valign: {valign}"));
        }
        if let Some(group) = &c.group {
            line.push_str(&format!(", group: {}", scalar(group)));
        }
        if let Some(period) = &c.period {
            line.push_str(&format!(", period: {period}"));
        }
        line.push_str(" }");
        self.line(d, &line);
    }

    /// The keys of a list element: the first one with the dash, the others under it.
    fn element(&mut self, d: usize, first: &mut bool, key: &str, value: &str) {
        if std::mem::take(first) {
            self.item_field(d, key, value);
        } else {
            self.field(d + 1, key, value);
        }
    }

    fn item(&mut self, d: usize, item: &Item) {
        self.notes(d, &item.notes);
        let mut first = true;
        if let Some(h) = &item.heading {
            self.element(d, &mut first, "heading", h);
            if let Some(style) = item.style {
                self.element(d, &mut first, "style", style);
            }
        }
        for (key, value) in item.fields.iter().filter(|(k, _)| *k == "level") {
            self.element(d, &mut first, key, value);
        }
        if let Some(a) = &item.activity {
            self.element(d, &mut first, "activity", a);
        }
        self.rest(d, &mut first, &item.list, &item.fields);
        if !item.parts.is_empty() {
            self.element_open(d, &mut first, "parts");
            for part in &item.parts {
                self.part(d + 2, part);
            }
        }
        if !item.items.is_empty() {
            self.element_open(d, &mut first, "items");
            for child in &item.items {
                self.item(d + 2, child);
            }
        }
        if first {
            self.line(d, "- {}");
        }
    }

    fn element_open(&mut self, d: usize, first: &mut bool, key: &str) {
        if std::mem::take(first) {
            self.line(d, &format!("- {key}:"));
        } else {
            self.line(d + 1, &format!("{key}:"));
        }
    }

    fn rest(&mut self, d: usize, first: &mut bool, list: &[String], fields: &Fields) {
        if !list.is_empty() {
            self.element_open(d, first, "list");
            for v in list {
                self.keyed(d + 2, "-", v);
            }
        }
        let own = |k: &str| OWN_KEYS.contains(&k);
        for (key, value) in fields.iter().filter(|(k, _)| *k != "level" && !own(k)) {
            self.element(d, first, key, value);
        }
        if fields.iter().any(|(k, _)| own(k)) {
            self.element_open(d, first, "values");
            for (key, value) in fields.iter().filter(|(k, _)| own(k)) {
                self.field(d + 2, key, value);
            }
        }
    }

    fn part(&mut self, d: usize, part: &Part) {
        self.notes(d, &part.notes);
        let mut first = true;
        self.element(d, &mut first, "activity", &part.activity);
        self.rest(d, &mut first, &part.list, &part.fields);
    }
}

/// The text on one line, for a comment: line breaks as « / », other control characters (which
/// YAML does not allow even in a comment) as spaces.
fn one_line(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace(['\n', '\r'], " / ")
        .chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect()
}

/// A literal block keeps every line as it is, unless a line starts with a space (it would
/// change the indentation) or holds a character YAML does not allow there.
fn block_safe(value: &str) -> bool {
    !value.starts_with(' ')
        && !value.ends_with('\n')
        && value
            .chars()
            .all(|c| c == '\n' || c == '\t' || !c.is_control())
        && value.split('\n').all(|l| !l.starts_with([' ', '\t']))
}

/// A scalar that reads back as exactly `value`: plain when nothing in it means something to
/// YAML, otherwise double-quoted (a JSON string is a YAML double-quoted scalar).
pub fn scalar(value: &str) -> String {
    if plain_safe(value) {
        value.to_string()
    } else {
        serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_string())
    }
}

fn plain_safe(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    let iso_date = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if iso_date {
        return true;
    }
    let keyword = matches!(
        value.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
    );
    (first.is_alphabetic() || first == '«' || first == '(' || first == '“')
        && !keyword
        && value == value.trim()
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !value.contains([
            '\n', '\t', '\r', '"', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '`',
            '\'',
        ])
        && !value.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::scalar;

    /// Every scalar the writer makes reads back as the same string.
    #[test]
    fn scalars_read_back_as_written() {
        for value in [
            "Текст",
            "№ п/п",
            "206",
            "2023-02-16",
            "yes",
            "Цель: повышение",
            "«Кавычки» и \"двойные\"",
            "a # not a comment",
            "- dash",
            " leading space",
            "trailing:",
            "tab\there",
            "[скобки], {фигурные}",
            "",
        ] {
            let yaml = format!("key: {}\n", scalar(value));
            let map: std::collections::BTreeMap<String, String> =
                serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(map["key"], value, "{yaml}");
        }
    }
}
