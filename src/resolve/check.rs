//! Cross-field checks: everything serde cannot see. Every problem is collected, not just the
//! first, each as a Russian [`Diagnostic`] with line:col, the field path, what is wrong and what
//! would be right.
//!
//! Positions come from the model's [`Spanned`] values. A field that is not spanned itself is
//! reported at the nearest enclosing spanned value: an item's field at the item, a roadmap's
//! field at its `id`, first column key or first stage (a roadmap has no span of its own).
//!
//! A value for a column the table lacks is reported once per column, at its first use, with a
//! count of the other uses: a forgotten `deadline` column should not bury the user under sixty
//! identical messages.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Pos};
use crate::resolve::dates::{DateError, format_numeric, parse_deadlines, parse_exact_date};
use crate::resolve::indicators;
use crate::resolve::numbering;
use crate::resolve::own_columns;
use crate::resolve::table::{item_keys, key_name, part_keys};
use crate::source::model::{
    Column, ColumnKey, Deadlines, ElectronicSignature, Item, Mark, MarkKind, NumberingSpec, Order,
    OwnValues, Roadmap, Source, Spanned, SpannedText, StageNumber,
};

/// Checks a source; returns errors and warnings in the order found.
pub fn check(source: &Source) -> Vec<Diagnostic> {
    let mut checker = Checker::default();
    let roadmaps = roadmaps(source);
    checker.appendix_presence(source);
    match &source.order {
        Some(order) => {
            // Only an approval by a person («УТВЕРЖДАЮ») or no mark prints no order number.
            let number_printed =
                order.text.is_some() || roadmaps.iter().any(|(_, r)| prints_order(r.mark.kind()));
            checker.order(order, number_printed);
        }
        None => {
            for (path, roadmap) in &roadmaps {
                checker.missing_order(path, roadmap);
            }
        }
    }
    let ids = checker.appendix_ids(&roadmaps);
    checker.appendix_numbers(&roadmaps);
    if let Some(order) = &source.order {
        checker.clause_references(order, &ids);
    }
    for (path, roadmap) in &roadmaps {
        checker.roadmap(path, roadmap);
    }
    checker.diagnostics
}

/// Every roadmap of the source with its path: `appendix` or `appendices[i]`.
pub fn roadmaps(source: &Source) -> Vec<(String, &Roadmap)> {
    let single = source.appendix.iter().map(|r| ("appendix".to_string(), r));
    let many = source
        .appendices
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("appendices[{i}]"), r));
    single.chain(many).collect()
}

/// The best position a roadmap has: its `id`, its first column key, its first stage.
/// Whether a mark of this kind prints the order's authority, date and number.
fn prints_order(kind: MarkKind) -> bool {
    matches!(kind, MarkKind::Appendix | MarkKind::Approved)
}

/// Where the appendix's mark stands: its `kind`, else its date, else the appendix itself.
pub(crate) fn mark_anchor(roadmap: &Roadmap) -> Pos {
    let mark = &roadmap.mark;
    match (&mark.kind, &mark.date) {
        (Some(kind), _) => Pos::of(kind),
        (None, Some(date)) => Pos::of(date),
        (None, None) => anchor(roadmap),
    }
}

pub(crate) fn anchor(roadmap: &Roadmap) -> Pos {
    if let Some(id) = &roadmap.id {
        return Pos::of(id);
    }
    if let Some(column) = roadmap.columns.first() {
        return Pos::of(&column.key);
    }
    roadmap.stages.first().map_or(Pos::new(1, 1), Pos::of)
}

#[derive(Default)]
struct Checker {
    diagnostics: Vec<Diagnostic>,
}

impl Checker {
    fn error(
        &mut self,
        pos: Pos,
        path: impl Into<String>,
        message: String,
        hint: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::error(pos, path, message).with_hint(hint));
    }

    fn warning(
        &mut self,
        pos: Pos,
        path: impl Into<String>,
        message: String,
        hint: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::warning(pos, path, message).with_hint(hint));
    }

    fn appendix_presence(&mut self, source: &Source) {
        match (&source.appendix, source.appendices.first()) {
            (Some(_), Some(first)) => self.error(
                anchor(first),
                "appendices",
                "заданы и appendix, и appendices; нужно что-то одно".into(),
                "одно приложение пишется в appendix, несколько — списком в appendices",
            ),
            (None, None) => self.error(
                Pos::new(1, 1),
                "",
                "нет ни appendix, ни appendices: документу нечего печатать".into(),
                "добавьте appendix: с заголовком (title), столбцами (columns) и этапами (stages)",
            ),
            _ => {}
        }
    }

    /// A source without `order` whose appendix has a mark that prints one.
    fn missing_order(&mut self, path: &str, roadmap: &Roadmap) {
        let kind = roadmap.mark.kind();
        if !prints_order(kind) {
            return;
        }
        let (mark, given) = match (kind, &roadmap.mark.kind) {
            (MarkKind::Approved, _) => ("«УТВЕРЖДЕНА приказом … от … № …» (kind: approved)", ""),
            (_, Some(_)) => ("«Приложение к приказу … от … № …» (kind: appendix)", ""),
            (_, None) => (
                "«Приложение к приказу … от … № …»",
                " (kind не задан, по умолчанию — appendix)",
            ),
        };
        self.diagnostics.push(
            Diagnostic::error(
                mark_anchor(roadmap),
                format!("{path}.mark"),
                format!(
                    "нет приказа (order), а гриф {mark}{given} печатает его орган, дату и номер"
                ),
            )
            .with_hint(
                "добавьте в начало файла order: с полями authority (кто издал), \
                 authority_genitive (то же в родительном падеже), date (ГГГГ-ММ-ДД) \
                 и number (\"206\")",
            )
            .with_hint(
                "если приказа нет: mark: { kind: approver, … } — гриф «УТВЕРЖДАЮ», \
                 или mark: { kind: none } — без грифа",
            ),
        );
    }

    fn order(&mut self, order: &Order, number_printed: bool) {
        self.exact_date("order.date", "дата приказа", &order.date);
        let number = order.number.value.trim();
        if number.is_empty() && number_printed {
            self.error(
                Pos::of(&order.number),
                "order.number",
                "номер приказа пуст, а гриф приложения его печатает".into(),
                "номер пишется в кавычках: number: \"206\"",
            );
        } else if number.starts_with('№') {
            self.error(
                Pos::of(&order.number),
                "order.number",
                format!("«{number}» — номер пишется без знака «№»"),
                "знак «№» добавляет шаблон: number: \"206\"",
            );
        }
        if let Some(text) = &order.text
            && let Some(electronic) = &text.signature.electronic
        {
            self.electronic("order.text.signature.electronic", electronic);
        }
    }

    /// Duplicate ids are errors; returns the ids in the order given.
    fn appendix_ids(&mut self, roadmaps: &[(String, &Roadmap)]) -> Vec<String> {
        let mut seen: BTreeMap<String, Pos> = BTreeMap::new();
        let mut ids = Vec::new();
        for (path, roadmap) in roadmaps {
            let Some(id) = &roadmap.id else { continue };
            let key = id.value.trim().to_string();
            if let Some(first) = seen.get(&key) {
                let line = first.line;
                self.error(
                    Pos::of(id),
                    format!("{path}.id"),
                    format!("id «{key}» уже есть у другого приложения (строка {line})"),
                    "у каждого приложения свой id",
                );
            } else {
                seen.insert(key.clone(), Pos::of(id));
                ids.push(key);
            }
        }
        ids
    }

    /// Appendix numbers: from 1, and no two appendices printing the same one.
    fn appendix_numbers(&mut self, roadmaps: &[(String, &Roadmap)]) {
        let all: Vec<&Roadmap> = roadmaps.iter().map(|(_, r)| *r).collect();
        let numbers = numbering::appendix_numbers(&all);
        let mut seen: BTreeMap<u32, &str> = BTreeMap::new();
        for ((path, roadmap), number) in roadmaps.iter().zip(numbers) {
            let pos = roadmap
                .number
                .as_ref()
                .map_or_else(|| anchor(roadmap), Pos::of);
            match number {
                Some(0) => self.error(
                    pos,
                    format!("{path}.number"),
                    "номер приложения 0: приложения нумеруются с 1".into(),
                    "number: 1, 2, 3 …",
                ),
                Some(n) => {
                    if let Some(first) = seen.get(&n) {
                        self.error(
                            pos,
                            format!("{path}.number"),
                            format!("номер приложения {n} уже у {first}"),
                            "у каждого приложения свой номер: уберите number (тогда номер — \
                             место в списке appendices) или задайте другой",
                        );
                    } else {
                        seen.insert(n, path);
                    }
                }
                None => {}
            }
        }
    }

    fn clause_references(&mut self, order: &Order, ids: &[String]) {
        let Some(text) = &order.text else { return };
        for (i, clause) in text.clauses.iter().enumerate() {
            let Some(target) = &clause.appendix else {
                continue;
            };
            let wanted = target.value.trim();
            if ids.iter().any(|id| id == wanted) {
                continue;
            }
            let hint = match nearest(wanted, ids) {
                Some(near) => format!("может быть, «{near}»? Есть id: {}", ids.join(", ")),
                None if ids.is_empty() => {
                    format!("у приложений нет id; добавьте нужному приложению id: {wanted}")
                }
                None => format!("есть id: {}", ids.join(", ")),
            };
            self.error(
                Pos::of(target),
                format!("order.text.clauses[{i}].appendix"),
                format!("приложения с id «{wanted}» нет"),
                hint,
            );
        }
    }

    fn roadmap(&mut self, path: &str, roadmap: &Roadmap) {
        self.mark(path, roadmap);
        let period = roadmap.period.as_ref().and_then(|period| {
            let from = self.exact_date(&format!("{path}.period.from"), "начало периода", &period.from)?;
            let to = self.exact_date(&format!("{path}.period.to"), "конец периода", &period.to)?;
            if from > to {
                self.error(
                    Pos::of(&period.to),
                    format!("{path}.period.to"),
                    format!(
                        "период кончается ({}) раньше, чем начинается ({})",
                        format_numeric(to),
                        format_numeric(from)
                    ),
                    "from — первый день периода, to — последний: { from: 2022-09-01, to: 2023-08-31 }",
                );
                return None;
            }
            Some((from, to))
        });
        if roadmap.title.trim().is_empty() {
            self.error(
                anchor(roadmap),
                format!("{path}.title"),
                "заголовок приложения пуст".into(),
                "title: План мероприятий («дорожная карта») по …",
            );
        }
        if let Some(table) = &roadmap.indicators {
            let at = table
                .columns
                .first()
                .map_or(anchor(roadmap), |c| Pos::of(&c.key));
            let path = format!("{path}.indicators");
            self.columns(&path, &table.columns, at);
            self.diagnostics.extend(indicators::check(&path, table, at));
        }
        self.columns(path, &roadmap.columns, anchor(roadmap));
        self.numbering(path, roadmap);
        if roadmap.stages.is_empty() {
            self.error(
                anchor(roadmap),
                format!("{path}.stages"),
                "в таблице нет ни одного этапа (stages пуст)".into(),
                "добавьте этап с мероприятиями: stages: [{ title: Подготовительный этап, items: [{ activity: … }] }]",
            );
        }
        let mut scan = TableScan::new(&roadmap.columns, period);
        for (s, stage) in roadmap.stages.iter().enumerate() {
            if stage.value.title.trim().is_empty() {
                self.error(
                    Pos::of(stage),
                    format!("{path}.stages[{s}].title"),
                    "заголовок этапа пуст: строка этапа вышла бы пустой".into(),
                    "title: Подготовительный этап",
                );
            }
            for (i, item) in stage.value.items.iter().enumerate() {
                self.item(&mut scan, &format!("{path}.stages[{s}].items[{i}]"), item);
            }
        }
        self.column_use(path, roadmap, &scan);
        if let Some(signature) = &roadmap.signature
            && let Some(electronic) = &signature.electronic
        {
            self.electronic(&format!("{path}.signature.electronic"), electronic);
        }
    }

    fn mark(&mut self, path: &str, roadmap: &Roadmap) {
        let mark: &Mark = &roadmap.mark;
        let pos = mark_anchor(roadmap);
        let kind = match mark.kind() {
            MarkKind::Appendix => "appendix",
            MarkKind::Approved => "approved",
            MarkKind::Approver => "approver",
            MarkKind::None => "none",
        };
        if mark.word.is_some() && mark.kind() != MarkKind::Approved {
            self.error(
                pos,
                format!("{path}.mark.word"),
                format!("word задаётся только для kind: approved, а здесь kind: {kind}"),
                "уберите word или напишите kind: approved (гриф «УТВЕРЖДЕНА приказом …»)",
            );
        }
        if mark.kind() == MarkKind::Approver {
            if mark.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
                self.error(
                    pos,
                    format!("{path}.mark.name"),
                    "для грифа «УТВЕРЖДАЮ» (kind: approver) нужна фамилия утверждающего".into(),
                    "name: И.О. Фамилия, и обычно position: должность, date: ГГГГ-ММ-ДД",
                );
            }
            if let Some(date) = &mark.date {
                self.exact_date(&format!("{path}.mark.date"), "дата утверждения", date);
            }
            return;
        }
        if mark.kind() == MarkKind::None && mark.date_style.is_some() {
            self.error(
                pos,
                format!("{path}.mark.date_style"),
                "date_style задаёт вид даты в грифе, а здесь грифа нет (kind: none)".into(),
                "уберите date_style или выберите гриф: kind: appendix, approved или approver",
            );
        }
        let stray = [
            ("position", mark.position.is_some()),
            ("name", mark.name.is_some()),
            ("date", mark.date.is_some()),
        ];
        for (field, _) in stray.iter().filter(|(_, given)| *given) {
            self.error(
                pos,
                format!("{path}.mark.{field}"),
                format!("{field} задаётся только для kind: approver, а здесь kind: {kind}"),
                format!("уберите {field} или напишите kind: approver (гриф «УТВЕРЖДАЮ»)"),
            );
        }
    }

    /// A table's columns (the activities' or the indicators', `path` the table's own).
    fn columns(&mut self, path: &str, columns: &[Column], at: Pos) {
        if columns.is_empty() {
            self.error(
                at,
                format!("{path}.columns"),
                "у таблицы нет столбцов (columns пуст)".into(),
                "перечислите столбцы слева направо: columns: [{ key: number, title: № п/п, width: 6 }, { key: activity, title: Мероприятие, width: 50 }, …]",
            );
        }
        let mut seen: BTreeMap<ColumnKey, usize> = BTreeMap::new();
        for (i, column) in columns.iter().enumerate() {
            let key = column.key.value.clone();
            if let Some(first) = seen.get(&key) {
                self.error(
                    Pos::of(&column.key),
                    format!("{path}.columns[{i}].key"),
                    format!("столбец «{}» уже есть (columns[{first}])", key_name(&key)),
                    "у каждого столбца свой key; второй такой же столбец уберите",
                );
            } else {
                seen.insert(key, i);
            }
            let width = column.width.value;
            let wrong = if width.is_nan() {
                Some(format!("ширина столбца — не число ({width})"))
            } else if width <= 0.0 {
                Some(format!(
                    "ширина столбца должна быть больше нуля, а указано {}",
                    number(width)
                ))
            } else if width > MAX_WIDTH {
                Some(format!(
                    "ширина столбца {} больше допустимой: width не больше {MAX_WIDTH}",
                    number(width)
                ))
            } else {
                None
            };
            if let Some(message) = wrong {
                self.error(
                    Pos::of(&column.width),
                    format!("{path}.columns[{i}].width"),
                    message,
                    WIDTH_HINT,
                );
            }
        }
        self.column_shares(path, columns);
        let own = own_columns::check_columns(path, columns);
        self.diagnostics.extend(own);
    }

    /// Every column must get a share of the table a word can stand in, or the page could not
    /// be laid out: widths of 1 and 500 are each valid, together they leave one column 0.2 %.
    fn column_shares(&mut self, path: &str, columns: &[Column]) {
        if !columns.iter().all(|c| width_is_valid(c.width.value)) {
            return;
        }
        let total: f64 = columns.iter().map(|c| c.width.value).sum();
        for (i, column) in columns.iter().enumerate() {
            let share = column.width.value / total * 100.0;
            if share < MIN_SHARE {
                self.error(
                    Pos::of(&column.width),
                    format!("{path}.columns[{i}].width"),
                    format!(
                        "столбец «{}» (width: {}) получил бы {} % ширины таблицы, а нужно не меньше {MIN_SHARE} %",
                        column.title.trim(),
                        number(column.width.value),
                        format!("{share:.2}").replace('.', ",")
                    ),
                    "width — доля суммы ширин всех столбцов: увеличьте ширину этого столбца \
                     или уменьшите остальные (например, 6 для номера и 40 для мероприятия)",
                );
            }
        }
    }

    /// `stage_number` belongs to the one-word `numbering`; the mapping says it in `stages`.
    fn numbering(&mut self, path: &str, roadmap: &Roadmap) {
        if let (Some(placement), NumberingSpec::Detailed(_)) =
            (&roadmap.stage_number, roadmap.numbering)
        {
            let instead = match placement.value {
                StageNumber::Column => "arabic",
                StageNumber::Hidden => "hidden",
            };
            self.error(
                Pos::of(placement),
                format!("{path}.stage_number"),
                "stage_number не сочетается с numbering, записанной словарём".into(),
                format!(
                    "уберите stage_number и укажите номер этапа в самой нумерации: \
                     numbering: {{ …, stages: {instead} }} (arabic — 1, 2; roman — I, II; hidden — без номера)"
                ),
            );
        }
    }

    fn item(&mut self, scan: &mut TableScan, path: &str, spanned: &Spanned<Item>) {
        let item = &spanned.value;
        let pos = Pos::of(spanned);
        if item.heading.is_some() {
            let conflicts = heading_conflicts(item);
            if !conflicts.is_empty() {
                self.error(
                    pos,
                    path,
                    format!(
                        "строка-заголовок (heading) не может иметь {}",
                        conflicts.join(", ")
                    ),
                    "заголовок — строка без номера во всю ширину таблицы (текст и list); \
                     мероприятие запишите отдельным пунктом",
                );
            }
            return;
        }
        scan.numbered = true;
        if item.style.is_some() {
            self.error(
                pos,
                format!("{path}.style"),
                "style (начертание) задаётся только строке-заголовку (heading) и этапу".into(),
                "мероприятие печатается обычным шрифтом; строка без номера с выбранным начертанием \
                 пишется так: - { heading: …, style: bold }",
            );
        }
        if item.activity.is_none() && item.parts.is_empty() {
            self.error(
                pos,
                path,
                "у пункта нет ни activity, ни heading, ни parts".into(),
                "мероприятие пишется в activity: …; строка без номера — в heading: …; \
                 мероприятие из нескольких частей — в parts:",
            );
        }
        for key in item_keys(item) {
            if matches!(key, ColumnKey::Own(_)) {
                continue; // at their own keys' places, below
            }
            let field = if key == ColumnKey::Activity && item.activity.is_none() {
                if item.list.is_empty() {
                    "parts"
                } else {
                    "list"
                }
            } else {
                key_name(&key)
            };
            let field = field.to_string();
            scan.record(key, &pos, format!("{path}.{field}"));
        }
        let has_lead = item.activity.is_some() || !item.list.is_empty();
        if !has_lead && !item.parts.is_empty() {
            for key in item_keys(item)
                .into_iter()
                .filter(|k| *k != ColumnKey::Activity)
            {
                if item
                    .parts
                    .iter()
                    .any(|p| part_keys(&p.value).contains(&key))
                {
                    let name = key_name(&key);
                    self.error(
                        pos,
                        format!("{path}.{name}"),
                        format!(
                            "{name} задан и у пункта, и у его частей (parts), а своей строки \
                             у пункта нет (нет activity)"
                        ),
                        format!(
                            "перенесите {name} в ту часть, к которой он относится, или добавьте \
                             пункту activity: его строка пойдёт перед частями"
                        ),
                    );
                }
            }
        }
        self.own_values(scan, path, &item.values);
        if let Some(deadline) = &item.deadline {
            self.deadlines(scan, &format!("{path}.deadline"), deadline);
        }
        self.as_written_without_deadline(
            pos,
            path,
            item.deadline_as_written && item.deadline.is_none(),
        );
        for (k, part) in item.parts.iter().enumerate() {
            let part_path = format!("{path}.parts[{k}]");
            let part_pos = Pos::of(part);
            self.own_values(scan, &part_path, &part.value.values);
            for key in part_keys(&part.value) {
                if matches!(key, ColumnKey::Own(_)) {
                    continue;
                }
                let path = format!("{part_path}.{}", key_name(&key));
                scan.record(key, &part_pos, path);
            }
            if let Some(deadline) = &part.value.deadline {
                self.deadlines(scan, &format!("{part_path}.deadline"), deadline);
            }
            self.as_written_without_deadline(
                part_pos,
                &part_path,
                part.value.deadline_as_written && part.value.deadline.is_none(),
            );
        }
        for (j, child) in item.items.iter().enumerate() {
            self.item(scan, &format!("{path}.items[{j}]"), child);
        }
    }

    /// A row's values for own columns: held against the declared columns, each recorded at
    /// its key.
    fn own_values(&mut self, scan: &mut TableScan, path: &str, values: &OwnValues) {
        let found = own_columns::check_values(path, values, scan.declared, |key, pos, at| {
            scan.record(key, &pos, at)
        });
        self.diagnostics.extend(found);
    }

    /// `deadline_as_written: true` on a row that has no deadline: the option would do nothing.
    fn as_written_without_deadline(&mut self, pos: Pos, path: &str, stray: bool) {
        if stray {
            self.error(
                pos,
                format!("{path}.deadline_as_written"),
                "deadline_as_written задан, а срока (deadline) у этой строки нет".into(),
                "добавьте deadline: срок как в документе, или уберите deadline_as_written",
            );
        }
    }

    fn deadlines(&mut self, scan: &TableScan, path: &str, deadline: &Spanned<Deadlines>) {
        let pos = Pos::of(deadline);
        let texts: Vec<(String, &str)> = match &deadline.value {
            Deadlines::One(text) => vec![(path.to_string(), text.as_str())],
            Deadlines::Many(list) => list
                .iter()
                .enumerate()
                .map(|(k, text)| (format!("{path}[{k}]"), text.as_str()))
                .collect(),
        };
        for (path, text) in texts {
            match parse_deadlines(text) {
                Err(e) => self.error(pos, path, date_message("срок", &e), e.hint()),
                Ok(list) => {
                    if let Some((from, to)) = scan.period
                        && list.iter().any(|d| d.is_outside(from, to))
                    {
                        self.warning(
                            pos,
                            path,
                            format!(
                                "«{}» — срок вне периода дорожной карты ({} – {})",
                                text.trim(),
                                format_numeric(from),
                                format_numeric(to)
                            ),
                            "проверьте год в сроке или период (period)",
                        );
                    }
                }
            }
        }
    }

    fn column_use(&mut self, path: &str, roadmap: &Roadmap, scan: &TableScan) {
        // With no columns or no stages (already errors), every value would be «for a missing
        // column» and every column «empty»: those follow-on messages would bury the real one.
        if roadmap.columns.is_empty() || roadmap.stages.is_empty() {
            return;
        }
        for (key, first) in &scan.missing {
            // A table of period columns reads deadlines without printing them.
            if *key == ColumnKey::Deadline && roadmap.columns.iter().any(|c| c.period.is_some()) {
                continue;
            }
            let name = key_name(key);
            let mut diagnostic = Diagnostic::error(
                first.pos,
                first.path.clone(),
                format!("значение для столбца «{name}», которого нет в таблице"),
            )
            .with_hint(format!(
                "добавьте в columns столбец {{ key: {name}, title: …, width: … }} или уберите значение"
            ));
            if first.count > 1 {
                diagnostic =
                    diagnostic.with_hint(format!("всего значений для «{name}»: {}", first.count));
            }
            self.diagnostics.push(diagnostic);
        }
        for (key, first) in &scan.blank_filled {
            let name = key_name(key);
            self.error(
                first.pos,
                first.path.clone(),
                format!(
                    "столбец «{name}» оставлен пустым (blank: true), а значение для него задано"
                ),
                format!("уберите blank: true у столбца «{name}» или уберите значение"),
            );
        }
        for (i, column) in roadmap.columns.iter().enumerate() {
            let key = &column.key.value;
            let used = if *key == ColumnKey::Number {
                scan.numbered
            } else if column.period.is_some() {
                // Marked from deadlines, or given in values.
                scan.used.contains(&ColumnKey::Deadline) || scan.used.contains(key)
            } else {
                scan.used.contains(key)
            };
            if !used && !column.blank {
                self.warning(
                    Pos::of(&column.key),
                    format!("{path}.columns[{i}]"),
                    format!("столбец «{}» будет пуст: ни один пункт не задаёт для него значение", key_name(key)),
                    "если столбец оставлен пустым нарочно (для отметок от руки), добавьте blank: true",
                );
            }
        }
        if scan.numbered && !scan.columns.contains_key(&ColumnKey::Number) {
            self.warning(
                anchor(roadmap),
                format!("{path}.columns"),
                "в таблице нет столбца с номерами (key: number): пункты останутся без номеров"
                    .into(),
                "добавьте первым столбцом { key: number, title: № п/п, width: 6 }",
            );
        }
    }

    fn electronic(&mut self, path: &str, electronic: &ElectronicSignature) {
        let from = self.exact_date(
            &format!("{path}.valid_from"),
            "начало действия сертификата",
            &electronic.valid_from,
        );
        let to = self.exact_date(
            &format!("{path}.valid_to"),
            "конец действия сертификата",
            &electronic.valid_to,
        );
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            self.error(
                Pos::of(&electronic.valid_to),
                format!("{path}.valid_to"),
                format!(
                    "сертификат действителен до {}, а начинает действовать {}: конец раньше начала",
                    format_numeric(to),
                    format_numeric(from)
                ),
                "valid_from — первый день действия сертификата, valid_to — последний",
            );
        }
    }

    /// Reads a one-day date (`YYYY-MM-DD` or `ДД.ММ.ГГГГ`); `what` names the field in a message: «дата приказа».
    fn exact_date(&mut self, path: &str, what: &str, text: &SpannedText) -> Option<NaiveDate> {
        match parse_exact_date(&text.value) {
            Ok(date) => Some(date),
            Err(e) => {
                self.error(Pos::of(text), path, date_message(what, &e), e.hint());
                None
            }
        }
    }
}

/// Largest `width` of a column. Widths are shares, so any scale serves; the bound stops a typo
/// (`1000000` for `100`) from squeezing every other column to nothing.
pub const MAX_WIDTH: f64 = 1000.0;

/// Smallest share of the table width a column may get, in percent: about 2 mm of an A4 page,
/// already too narrow for a digit and its padding.
pub const MIN_SHARE: f64 = 1.0;

const WIDTH_HINT: &str = "width — доля ширины таблицы, число больше 0 и не больше 1000: \
     например, 6 для номера и 40 для мероприятия";

/// Whether a column's `width` is a number in range (its share is checked apart).
pub fn width_is_valid(width: f64) -> bool {
    width > 0.0 && width <= MAX_WIDTH
}

/// A width as a user reads it: `1000000`, and `1e308` rather than 309 digits.
fn number(value: f64) -> String {
    match value.abs() < 1e15 {
        true => format!("{value}"),
        false => format!("{value:e}"),
    }
}

/// The message about a date that cannot be taken. A date out of range is a real date, so the
/// message names its field («дата приказа «1850-10-30» — год 1850 …»): the path alone does not
/// say which of the order's dates the user mistyped.
fn date_message(what: &str, e: &DateError) -> String {
    match e {
        DateError::OutOfRange { .. } => format!("{what} {e}"),
        _ => e.to_string(),
    }
}

/// The first place a column key was given a value, and how many places did so.
struct FirstUse {
    pos: Pos,
    path: String,
    count: usize,
}

/// What the walk over a table learns about its columns.
struct TableScan<'a> {
    declared: &'a [Column],
    columns: BTreeMap<ColumnKey, &'a Column>,
    period: Option<(NaiveDate, NaiveDate)>,
    used: BTreeSet<ColumnKey>,
    missing: BTreeMap<ColumnKey, FirstUse>,
    blank_filled: BTreeMap<ColumnKey, FirstUse>,
    numbered: bool,
}

impl<'a> TableScan<'a> {
    fn new(columns: &'a [Column], period: Option<(NaiveDate, NaiveDate)>) -> Self {
        let mut by_key = BTreeMap::new();
        for column in columns {
            by_key.entry(column.key.value.clone()).or_insert(column);
        }
        TableScan {
            declared: columns,
            columns: by_key,
            period,
            used: BTreeSet::new(),
            missing: BTreeMap::new(),
            blank_filled: BTreeMap::new(),
            numbered: false,
        }
    }

    fn record(&mut self, key: ColumnKey, pos: &Pos, path: String) {
        self.used.insert(key.clone());
        let target = match self.columns.get(&key) {
            None => &mut self.missing,
            Some(column) if column.blank => &mut self.blank_filled,
            Some(_) => return,
        };
        target
            .entry(key)
            .and_modify(|first| first.count += 1)
            .or_insert(FirstUse {
                pos: *pos,
                path,
                count: 1,
            });
    }
}

/// The fields a heading row has besides its text and list.
fn heading_conflicts(item: &Item) -> Vec<&'static str> {
    let given = [
        ("activity", item.activity.is_some()),
        ("parts", !item.parts.is_empty()),
        ("items", !item.items.is_empty()),
        ("deadline", item.deadline.is_some()),
        ("responsible", item.responsible.is_some()),
        ("level", item.level.is_some()),
        ("audience", item.audience.is_some()),
        ("participants", item.participants.is_some()),
        ("result", item.result.is_some()),
        ("mark", item.mark.is_some()),
        ("values", !item.values.0.is_empty()),
    ];
    given
        .iter()
        .filter(|(_, set)| *set)
        .map(|(name, _)| *name)
        .collect()
}

/// The known id closest to a misspelt one, if any is close.
fn nearest<'a>(wanted: &str, ids: &'a [String]) -> Option<&'a str> {
    ids.iter()
        .map(|id| (strsim::levenshtein(wanted, id), id))
        .filter(|(distance, id)| *distance <= 2.max(id.chars().count() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, id)| id.as_str())
}
