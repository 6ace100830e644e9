//! resolve: sources written as YAML become the template context, or the exact diagnostics.

use dorkarta::diag::{Diagnostic, Severity};
use dorkarta::resolve::{Resolved, resolve};
use dorkarta::source::Source;

/// Lines 1–5 of every test source.
const ORDER: &str = "order:
  authority: Управление образования г. Таганрога
  authority_genitive: Управления образования г. Таганрога
  date: 2023-02-16
  number: \"206\"
";

fn source(yaml: &str) -> Source {
    serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("test YAML does not load: {e}"))
}

fn resolved(yaml: &str) -> (Resolved, Vec<String>) {
    match resolve(source(yaml), None) {
        Ok(warned) => (warned.value, warned.warnings.iter().map(line).collect()),
        Err(diagnostics) => panic!("unexpected errors: {:#?}", diagnostics),
    }
}

/// Every diagnostic of a source that must fail, one line each.
fn failures(yaml: &str) -> Vec<String> {
    match resolve(source(yaml), None) {
        Ok(_) => panic!("the source resolved but should not have"),
        Err(diagnostics) => diagnostics.iter().map(line).collect(),
    }
}

/// `error 12:15: path: message | hint | hint`.
fn line(d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut line = format!("{severity} {d}");
    for hint in &d.hints {
        line += &format!(" | {hint}");
    }
    line
}

/// A one-appendix source: ORDER, then `appendix:` on line 6 with the given body.
fn appendix(body: &str) -> String {
    format!("{ORDER}appendix:\n{body}")
}

const COLUMNS: &str = "  columns:
    - { key: number, title: № п/п, width: 6 }
    - { key: activity, title: Мероприятие, width: 50 }
    - { key: deadline, title: Сроки, width: 20 }
";

#[test]
fn impossible_deadlines_are_errors_and_late_ones_warnings() {
    let yaml = appendix(&format!(
        "  title: Дорожная карта
  period: {{ from: 2022-09-01, to: 2023-08-31 }}
{COLUMNS}  stages:
    - title: Этап
      items:
        - activity: Заседание
          deadline: 2023-02-30
        - activity: Вебинары
          deadline: [2023-03, 2023-13, 2023-09-15]
"
    ));
    assert_eq!(
        failures(&yaml),
        [
            "error 17:21: appendix.stages[0].items[0].deadline: «2023-02-30» — такой даты нет \
             | в феврале 2023 года 28 дн.; день — от 01 до 28",
            "error 19:21: appendix.stages[0].items[1].deadline[1]: «2023-13» — такой даты нет \
             | месяц — число от 01 до 12: 2023-02 — февраль 2023 г.",
            "warning 19:21: appendix.stages[0].items[1].deadline[2]: «2023-09-15» — срок вне \
             периода дорожной карты (01.09.2022 – 31.08.2023) | проверьте год в сроке или период (period)",
        ]
    );
}

#[test]
fn malformed_deadlines_name_the_accepted_forms() {
    let yaml = appendix(&format!(
        "  title: T
{COLUMNS}  stages:
    - title: Этап
      items:
        - activity: a
          deadline: 2023-05-24 - 2023-05-25
        - activity: b
          deadline: 2023-05-25..2023-05-24
        - activity: c
          deadline: 2024-Q5
"
    ));
    let got = failures(&yaml);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(
        got[0].starts_with(
            "error 16:21: appendix.stages[0].items[0].deadline: «2023-05-24 - 2023-05-25» — дата \
         записана не так | срок пишется так: 2023-02-16 или 16.02.2023 (дата)"
        ),
        "{}",
        got[0]
    );
    assert_eq!(
        got[1],
        "error 18:21: appendix.stages[0].items[1].deadline: «2023-05-25..2023-05-24» — начало \
         срока позже его конца | сначала пишется начало срока, затем конец: 2023-05-24..2023-05-25"
    );
    assert_eq!(
        got[2],
        "error 20:21: appendix.stages[0].items[2].deadline: «2024-Q5» — такого периода нет \
         | квартал — от Q1 до Q4: 2024-Q1 — I квартал 2024 г."
    );
}

#[test]
fn a_value_for_a_missing_column_is_one_error_at_its_first_use() {
    let yaml = appendix(&format!(
        "  title: T
{COLUMNS}  stages:
    - title: Этап
      items:
        - activity: a
          deadline: 2023-02
          result: Создание группы
        - {{ activity: b, result: Помощь }}
"
    ));
    assert_eq!(
        failures(&yaml),
        [
            "error 15:11: appendix.stages[0].items[0].result: значение для столбца «result», \
             которого нет в таблице | добавьте в columns столбец { key: result, title: …, width: … } \
             или уберите значение | всего значений для «result»: 2",
        ]
    );
}

#[test]
fn a_heading_carries_no_activity_parts_or_deadline() {
    let yaml = appendix(&format!(
        "  title: T
{COLUMNS}  stages:
    - title: Этап
      items:
        - heading: Организация деятельности
          deadline: 2023-03
          activity: лишний текст
        - activity: a
          deadline: 2023-03
"
    ));
    assert_eq!(
        failures(&yaml),
        [
            "error 15:11: appendix.stages[0].items[0]: строка-заголовок (heading) не может иметь \
             activity, deadline | заголовок — строка без номера во всю ширину таблицы (текст и \
             list); мероприятие запишите отдельным пунктом",
        ]
    );
}

#[test]
fn an_item_needs_activity_heading_or_parts() {
    let yaml = appendix(&format!(
        "  title: T
{COLUMNS}  stages:
    - title: Этап
      items:
        - activity: a
          deadline: 2023-03
        - deadline: 2023-04
"
    ));
    assert_eq!(
        failures(&yaml),
        [
            "error 17:11: appendix.stages[0].items[1]: у пункта нет ни activity, ни heading, ни \
             parts | мероприятие пишется в activity: …; строка без номера — в heading: …; \
             мероприятие из нескольких частей — в parts:",
        ]
    );
}

#[test]
fn duplicate_columns_and_zero_widths_are_errors() {
    let yaml = appendix(
        "  title: T
  columns:
    - { key: number, title: № п/п, width: 6 }
    - { key: activity, title: Мероприятие, width: 0 }
    - { key: number, title: Номер, width: 6 }
  stages:
    - title: Этап
      items:
        - activity: a
",
    );
    assert_eq!(
        failures(&yaml),
        [
            "error 10:51: appendix.columns[1].width: ширина столбца должна быть больше нуля, а \
             указано 0 | width — доля ширины таблицы, число больше 0 и не больше 1000: например, 6 для номера и 40 для мероприятия",
            "error 11:14: appendix.columns[2].key: столбец «number» уже есть (columns[0]) | у каждого \
             столбца свой key; второй такой же столбец уберите",
        ]
    );
}

#[test]
fn marks_need_their_own_fields_only() {
    let columns = COLUMNS
        .replace("  columns:", "    columns:")
        .replace("    - {", "      - {");
    let yaml = format!(
        "{ORDER}appendices:
  - id: first
    mark: {{ kind: approver, position: Начальник управления }}
    title: T
{columns}    stages: [ {{ title: Этап, items: [ {{ activity: a, deadline: 2023-03 }} ] }} ]
  - id: second
    mark: {{ kind: appendix, word: УТВЕРЖДЕН, date: 2023-02-16 }}
    title: T
{columns}    stages: [ {{ title: Этап, items: [ {{ activity: a, deadline: 2023-03 }} ] }} ]
"
    );
    assert_eq!(
        failures(&yaml),
        [
            "error 8:19: appendices[0].mark.name: для грифа «УТВЕРЖДАЮ» (kind: approver) нужна \
             фамилия утверждающего | name: И.О. Фамилия, и обычно position: должность, date: ГГГГ-ММ-ДД",
            "error 16:19: appendices[1].mark.word: word задаётся только для kind: approved, а \
             здесь kind: appendix | уберите word или напишите kind: approved (гриф «УТВЕРЖДЕНА приказом …»)",
            "error 16:19: appendices[1].mark.date: date задаётся только для kind: approver, а \
             здесь kind: appendix | уберите date или напишите kind: approver (гриф «УТВЕРЖДАЮ»)",
        ]
    );
}

#[test]
fn a_mark_that_prints_the_order_needs_one() {
    let body = |mark: &str| {
        format!(
            "appendix:
{mark}  title: T
{COLUMNS}  stages: [ {{ title: Этап, items: [ {{ activity: a, deadline: 2023-11 }} ] }} ]
"
        )
    };
    let hints = "добавьте в начало файла order: с полями authority (кто издал), authority_genitive \
         (то же в родительном падеже), date (ГГГГ-ММ-ДД) и number (\"206\") | если приказа нет: \
         mark: { kind: approver, … } — гриф «УТВЕРЖДАЮ», или mark: { kind: none } — без грифа";
    assert_eq!(
        failures(&body("")),
        [format!(
            "error 4:14: appendix.mark: нет приказа (order), а гриф «Приложение к приказу … от … № …» \
             (kind не задан, по умолчанию — appendix) печатает его орган, дату и номер | {hints}"
        )]
    );
    assert_eq!(
        failures(&body("  mark: { kind: approved }\n")),
        [format!(
            "error 2:17: appendix.mark: нет приказа (order), а гриф «УТВЕРЖДЕНА приказом … от … № …» \
             (kind: approved) печатает его орган, дату и номер | {hints}"
        )]
    );
    assert_eq!(failures(&body("  mark: { kind: appendix }\n")).len(), 1);
}

#[test]
fn a_roadmap_approved_by_a_person_or_without_a_mark_needs_no_order() {
    let body = |mark: &str| {
        format!(
            "appendix:
  mark: {mark}
  title: Дорожная карта
{COLUMNS}  stages: [ {{ title: Этап, items: [ {{ activity: a, deadline: 2023-11 }} ] }} ]
"
        )
    };
    let (ctx, warnings) = resolved(&body(
        "{ kind: approver, position: Начальник управления, name: Е.В. Коржуева }",
    ));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(ctx.order.is_none());
    assert_eq!(ctx.meta.author, "Начальник управления");
    assert_eq!(ctx.appendices[0].mark.kind, "approver");

    let (ctx, _) = resolved(&body("{ kind: approver, name: Е.В. Коржуева }"));
    assert_eq!(ctx.meta.author, "");

    let (ctx, _) = resolved(&body("{ kind: none }"));
    assert!(ctx.order.is_none());
    assert_eq!(ctx.meta.author, "");
    assert_eq!(ctx.appendices[0].mark.kind, "none");
    assert_eq!(ctx.meta.title, "Дорожная карта");

    assert_eq!(
        failures(&body("{ kind: none, name: Е.В. Коржуева }")),
        [
            "error 2:17: appendix.mark.name: name задаётся только для kind: approver, а здесь kind: \
          none | уберите name или напишите kind: approver (гриф «УТВЕРЖДАЮ»)"
        ]
    );
}

/// An order with its own text (lines 1–17) and two appendices with ids `first` and `second`.
fn order_with_text(first_ref: &str, second_id: &str) -> String {
    let table = |id: &str| {
        format!(
            "  - id: {id}
    title: План мероприятий
{}    stages: [ {{ title: Этап, items: [ {{ activity: a, deadline: 2023-11 }} ] }} ]
",
            COLUMNS
                .replace("  columns:", "    columns:")
                .replace("    - {", "      - {")
        )
    };
    format!(
        "order:
  authority: Отдел по образованию
  authority_genitive: Отдела по образованию
  date: 2023-10-30
  number: \"159\"
  text:
    header: [ОТДЕЛ ПО ОБРАЗОВАНИЮ]
    heading: Об утверждении планов мероприятий
    clauses:
      - text: Утвердить план мероприятий по организации работы.
        appendix: {first_ref}
      - text: Утвердить план мероприятий по профилактике.
        appendix: second
      - text: Контроль за исполнением настоящего приказа оставляю за собой.
    signature:
      position: Начальник Отдела по образованию
      name: А.В. Пуликова
appendices:
{}{}",
        table("first"),
        table(second_id)
    )
}

#[test]
fn clauses_refer_to_existing_appendices_and_ids_are_unique() {
    assert_eq!(
        failures(&order_with_text("frist", "first")),
        [
            "error 11:19: order.text.clauses[0].appendix: приложения с id «frist» нет \
             | может быть, «first»? Есть id: first",
            "error 13:19: order.text.clauses[1].appendix: приложения с id «second» нет | есть id: first",
            "error 26:9: appendices[1].id: id «first» уже есть у другого приложения (строка 19) \
             | у каждого приложения свой id",
        ]
    );
}

#[test]
fn an_order_numbers_its_clauses_and_appendices_and_refers_to_them() {
    let (resolved, warnings) = resolved(&order_with_text("first", "second"));
    assert_eq!(warnings, Vec::<String>::new());
    let text = resolved
        .order
        .as_ref()
        .unwrap()
        .text
        .as_ref()
        .expect("the order has text");
    let clauses: Vec<(String, String)> = text
        .clauses
        .iter()
        .map(|c| (c.number.clone(), c.text.clone()))
        .collect();
    assert_eq!(
        clauses,
        [
            (
                "1.".into(),
                "Утвердить план мероприятий по организации работы (приложение 1).".into()
            ),
            (
                "2.".into(),
                "Утвердить план мероприятий по профилактике (приложение 2).".into()
            ),
            (
                "3.".into(),
                "Контроль за исполнением настоящего приказа оставляю за собой.".into()
            ),
        ]
    );
    assert_eq!(text.signature.name, "А.В.\u{a0}Пуликова");
    let numbers: Vec<Option<u32>> = resolved.appendices.iter().map(|a| a.number).collect();
    assert_eq!(numbers, [Some(1), Some(2)]);
    assert_eq!(resolved.meta.title, "Об утверждении планов мероприятий");
    assert_eq!(resolved.meta.author, "Отдел по образованию");
    assert_eq!(resolved.order.as_ref().unwrap().date, "30.10.2023");
    assert_eq!(
        resolved.order.as_ref().unwrap().date_words,
        "30 октября 2023\u{a0}г."
    );
    assert_eq!(resolved.order.as_ref().unwrap().number, "159");
}

#[test]
fn both_appendix_and_appendices_is_an_error() {
    let yaml = format!(
        "{}appendix:
  title: Лишнее
{COLUMNS}  stages: [ {{ title: Этап, items: [ {{ activity: a, deadline: 2023-11 }} ] }} ]
",
        order_with_text("first", "second")
    );
    assert_eq!(
        failures(&yaml),
        [
            "error 19:9: appendices: заданы и appendix, и appendices; нужно что-то одно | одно \
             приложение пишется в appendix, несколько — списком в appendices",
        ]
    );
}

#[test]
fn no_appendix_at_all_is_an_error() {
    assert_eq!(
        failures(ORDER),
        [
            "error 1:1: нет ни appendix, ни appendices: документу нечего печатать | добавьте \
             appendix: с заголовком (title), столбцами (columns) и этапами (stages)",
        ]
    );
}

#[test]
fn periods_and_certificates_must_not_end_before_they_start() {
    let yaml = appendix(&format!(
        "  title: T
  period: {{ from: 2023-08-31, to: 2022-09-01 }}
{COLUMNS}  stages: [ {{ title: Этап, items: [ {{ activity: a, deadline: 2023-11 }} ] }} ]
  signature:
    position: Начальник
    name: Морозова О.Л.
    electronic:
      certificate: 01AB
      owner: Морозова Ольга Леонидовна
      valid_from: 2023-12-01
      valid_to: 2023-02-31
"
    ));
    assert_eq!(
        failures(&yaml),
        [
            "error 8:35: appendix.period.to: период кончается (01.09.2022) раньше, чем начинается \
             (31.08.2023) | from — первый день периода, to — последний: { from: 2022-09-01, to: 2023-08-31 }",
            "error 21:17: appendix.signature.electronic.valid_to: «2023-02-31» — такой даты нет \
             | в феврале 2023 года 28 дн.; день — от 01 до 28",
        ]
    );
    let fixed = yaml.replace("2023-02-31", "2023-02-28").replace(
        "from: 2023-08-31, to: 2022-09-01",
        "from: 2022-09-01, to: 2023-12-31",
    );
    assert_eq!(
        failures(&fixed),
        [
            "error 21:17: appendix.signature.electronic.valid_to: сертификат действителен до \
             28.02.2023, а начинает действовать 01.12.2023: конец раньше начала | valid_from — \
             первый день действия сертификата, valid_to — последний",
        ]
    );
}

#[test]
fn the_order_date_is_one_day_and_its_number_has_no_sign() {
    let yaml = appendix(&format!(
        "  title: T
{COLUMNS}  stages: [ {{ title: Этап, items: [ {{ activity: a, deadline: 2023-11 }} ] }} ]
"
    ))
    .replace("date: 2023-02-16", "date: 16 февраля 2023")
    .replace("number: \"206\"", "number: \"№ 206\"");
    assert_eq!(
        failures(&yaml),
        [
            "error 4:9: order.date: «16 февраля 2023» — дата записана не так | дата пишется в виде \
             ГГГГ-ММ-ДД или ДД.ММ.ГГГГ, например 2023-02-16 или 16.02.2023",
            "error 5:11: order.number: «№ 206» — номер пишется без знака «№» | знак «№» \
             добавляет шаблон: number: \"206\"",
        ]
    );
}

#[test]
fn a_blank_column_takes_no_values() {
    let yaml = appendix(&format!(
        "  title: T
{COLUMNS}    - {{ key: mark, title: Отметка о выполнении, width: 12, blank: true }}
  stages:
    - title: Этап
      items:
        - {{ activity: a, deadline: 2023-11, mark: выполнено }}
"
    ));
    assert_eq!(
        failures(&yaml),
        [
            "error 16:11: appendix.stages[0].items[0].mark: столбец «mark» оставлен пустым \
             (blank: true), а значение для него задано | уберите blank: true у столбца «mark» или \
             уберите значение",
        ]
    );
}

#[test]
fn an_item_without_a_lead_line_cannot_share_a_column_with_its_parts() {
    let yaml = appendix(&format!(
        "  title: T
{COLUMNS}  stages:
    - title: Этап
      items:
        - deadline: 2023-02
          parts:
            - {{ activity: Организация, deadline: 2023-02..2023-05 }}
            - {{ activity: Создание совета, deadline: 2023-03..2023-04 }}
"
    ));
    assert_eq!(
        failures(&yaml),
        [
            "error 15:11: appendix.stages[0].items[0].deadline: deadline задан и у пункта, и у его \
             частей (parts), а своей строки у пункта нет (нет activity) | перенесите deadline в ту \
             часть, к которой он относится, или добавьте пункту activity: его строка пойдёт перед частями",
        ]
    );
}

#[test]
fn unused_and_missing_columns_are_warnings() {
    let yaml = appendix(
        "  title: T
  columns:
    - { key: activity, title: Мероприятие, width: 50 }
    - { key: responsible, title: Ответственный, width: 20 }
  stages: [ { title: Этап, items: [ { activity: a } ] } ]
",
    );
    let (resolved, warnings) = resolved(&yaml);
    assert_eq!(
        warnings,
        [
            "warning 9:14: appendix.columns: в таблице нет столбца с номерами (key: number): пункты \
             останутся без номеров | добавьте первым столбцом { key: number, title: № п/п, width: 6 }",
            "warning 10:14: appendix.columns[1]: столбец «responsible» будет пуст: ни один пункт не \
             задаёт для него значение | если столбец оставлен пустым нарочно (для отметок от руки), \
             добавьте blank: true",
        ]
    );
    assert_eq!(resolved.appendices[0].rows.len(), 2);
}

/// A cell's key, colspan and rowspan.
type CellShape = (String, usize, usize);

#[test]
fn a_single_appendix_resolves_to_rows_spans_and_typeset_text() {
    let yaml = appendix(
        "  mark: { kind: approved }
  title: \"Муниципальная дорожная карта\\nв 2022-2023 учебном году\"
  date_style: numeric
  preamble:
    - { label: Цель, text: создание условий }
    - { label: Задачи, list: [разработка мер, формирование сообщества] }
  columns:
    - { key: number, title: № п/п, width: 6 }
    - { key: activity, title: Содержание деятельности, width: 46 }
    - { key: deadline, title: Сроки реализации, width: 16 }
    - { key: responsible, title: Ответственный исполнитель, width: 20 }
    - { key: mark, title: Отметка о выполнении, width: 12, blank: true }
  stages:
    - title: Проектно-деятельностный этап
      items:
        - activity: Издание приказа от 16.02.2023 №206
          deadline: 2023-02-16
          responsible: Морозова  О.Л., начальник
        - heading: Организация деятельности
        - activity: Организация цикла вебинаров
          parts:
            - { activity: «Система восполнения», deadline: 2023-04-27, responsible: Земляненко Н.В. }
            - { activity: «Реализация программы», deadline: 2023-05-04, responsible: Чумак И.В. }
    - title: Итоговый этап
      items:
        - { activity: Подведение итогов, deadline: 2023-05-24..2023-05-25, responsible: Баркалова Е.В. }
",
    );
    let (resolved, warnings) = resolved(&yaml);
    assert_eq!(warnings, Vec::<String>::new());
    assert_eq!(
        resolved.meta.title,
        "Муниципальная дорожная карта в 2022-2023 учебном году"
    );
    assert!(resolved.order.as_ref().unwrap().text.is_none());
    let appendix = &resolved.appendices[0];
    assert_eq!(appendix.number, None);
    assert_eq!(appendix.mark.kind, "approved");
    assert_eq!(appendix.mark.word.as_deref(), Some("УТВЕРЖДЕНА"));
    assert_eq!(
        appendix.title,
        ["Муниципальная дорожная карта", "в 2022-2023 учебном году"]
    );
    assert_eq!(
        appendix.preamble[1].list,
        ["разработка мер", "формирование сообщества"]
    );
    assert_eq!(appendix.orientation, "portrait");
    let shape: Vec<(String, Vec<CellShape>)> = appendix
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .map(|c| (c.key.clone(), c.colspan, c.rowspan))
                .collect();
            (row.kind.clone(), cells)
        })
        .collect();
    let cells = |list: &[(&str, usize, usize)]| -> Vec<CellShape> {
        list.iter()
            .map(|&(k, c, r)| (k.to_string(), c, r))
            .collect()
    };
    let full = cells(&[
        ("number", 1, 1),
        ("activity", 1, 1),
        ("deadline", 1, 1),
        ("responsible", 1, 1),
        ("mark", 1, 1),
    ]);
    let part = cells(&[
        ("activity", 1, 1),
        ("deadline", 1, 1),
        ("responsible", 1, 1),
        ("mark", 1, 1),
    ]);
    assert_eq!(
        shape,
        [
            ("stage".to_string(), cells(&[("title", 5, 1)])),
            ("item".to_string(), full.clone()),
            ("heading".to_string(), cells(&[("title", 5, 1)])),
            (
                "item".to_string(),
                cells(&[
                    ("number", 1, 3),
                    ("activity", 1, 1),
                    ("deadline", 1, 1),
                    ("responsible", 1, 1),
                    ("mark", 1, 1)
                ])
            ),
            ("part".to_string(), part.clone()),
            ("part".to_string(), part),
            ("stage".to_string(), cells(&[("title", 5, 1)])),
            ("item".to_string(), full),
        ]
    );
    let text = |row: usize, cell: usize| appendix.rows[row].cells[cell].text.join(" ¶ ");
    assert_eq!(text(1, 0), "1.");
    assert_eq!(text(1, 1), "Издание приказа от 16.02.2023 №\u{a0}206");
    assert_eq!(text(1, 2), "16.02.2023");
    assert_eq!(text(1, 3), "Морозова\u{a0}О.Л., начальник");
    assert_eq!(text(3, 0), "2.");
    assert_eq!(text(4, 1), "27.04.2023");
    assert_eq!(text(7, 0), "1.");
    assert_eq!(text(7, 2), "24.05.2023–25.05.2023");
    let widths: f32 = appendix.columns.iter().map(|c| c.width).sum();
    assert!((widths - 100.0).abs() < 1e-3, "{widths}");
}

#[test]
fn a_deadline_of_the_wrong_type_gets_a_russian_message() {
    let yaml = appendix(&format!(
        "  title: T
{COLUMNS}  stages: [ {{ title: Этап, items: [ {{ activity: a, deadline: 2024 }} ] }} ]
"
    ));
    let error = serde_saphyr::from_str::<Source>(&yaml).expect_err("a number is not a deadline");
    assert!(
        error.to_string().contains(
            "срок «2024» — число, а ожидается строка («16.02.2023», «февраль 2023», «I квартал 2024», \
             «ежемесячно») или список таких строк в квадратных скобках; год пишут словами: «2024 год»"
        ),
        "{error}"
    );
}

#[test]
fn an_empty_order_number_is_an_error_only_where_a_mark_prints_it() {
    let body = format!(
        "  title: T
{COLUMNS}  stages: [ {{ title: Этап, items: [ {{ activity: a, deadline: 2023-11 }} ] }} ]
"
    );
    let unnumbered = appendix(&body).replace("number: \"206\"", "number: \"\"");
    assert_eq!(
        failures(&unnumbered),
        [
            "error 5:11: order.number: номер приказа пуст, а гриф приложения его печатает \
             | номер пишется в кавычках: number: \"206\"",
        ]
    );
    let approver = unnumbered.replace(
        "appendix:\n",
        "appendix:\n  mark: { kind: approver, name: Коржуева Е.В., date: 2021-09-22 }\n",
    );
    let (resolved, _) = resolved(&approver);
    let mark = &resolved.appendices[0].mark;
    assert_eq!(mark.kind, "approver");
    assert_eq!(mark.name.as_deref(), Some("Коржуева\u{a0}Е.В."));
    assert_eq!(mark.date.as_deref(), Some("22.09.2021"));
}

#[test]
fn deadlines_spelled_in_russian_are_checked_and_printed_in_the_document_style() {
    let yaml = appendix(&format!(
        "  title: T
  period: {{ from: 2022-09-01, to: 2023-08-31 }}
{COLUMNS}  stages:
    - title: Этап
      items:
        - activity: a
          parts:
            - {{ activity: b, deadline: 16.02.2023 }}
            - {{ activity: c, deadline: [ежемесячно, 2022-06] }}
            - {{ activity: d, deadline: \"Декабрь 2022г., март 2023г.\" }}
            - {{ activity: e, deadline: до 10 марта 2023 г. }}
"
    ));
    let (resolved, warnings) = resolved(&yaml);
    assert_eq!(
        warnings,
        [
            "warning 19:40: appendix.stages[0].items[0].parts[1].deadline[1]: «2022-06» — срок вне \
          периода дорожной карты (01.09.2022 – 31.08.2023) | проверьте год в сроке или период (period)"
        ]
    );
    let deadlines: Vec<String> = resolved.appendices[0].rows[2..]
        .iter()
        .map(|row| row.cells[1].text.join(""))
        .collect();
    assert_eq!(
        deadlines,
        [
            "16 февраля 2023\u{a0}г.",
            "ежемесячно, июнь 2022\u{a0}г.",
            "Декабрь 2022\u{a0}г., март 2023\u{a0}г.",
            "до 10 марта 2023\u{a0}г."
        ]
    );
}

#[test]
fn an_impossible_date_spelled_in_russian_is_an_error_at_the_deadline() {
    let yaml = appendix(&format!(
        "  title: T
{COLUMNS}  stages:
    - title: Этап
      items:
        - {{ activity: a, deadline: 30 февраля 2023 г. }}
        - {{ activity: b, deadline: [ноябрь 2022, 31.04.2023] }}
"
    ));
    assert_eq!(
        failures(&yaml),
        [
            "error 15:36: appendix.stages[0].items[0].deadline: «30 февраля 2023 г.» — такой даты \
             нет | в феврале 2023 года 28 дн.; день — от 1 до 28",
            "error 16:36: appendix.stages[0].items[1].deadline[1]: «31.04.2023» — такой даты нет | \
             в апреле 2023 года 30 дн.; день — от 1 до 30",
        ]
    );
}

#[test]
fn empty_titles_are_errors() {
    let yaml = appendix(&format!(
        "  id: roadmap
  title: \"  \"
{COLUMNS}  stages:
    - title: \"\"
      items: [ {{ activity: a, deadline: 2023-11 }} ]
"
    ));
    assert_eq!(
        failures(&yaml),
        [
            "error 7:7: appendix.title: заголовок приложения пуст | title: План мероприятий \
             («дорожная карта») по …",
            "error 14:7: appendix.stages[0].title: заголовок этапа пуст: строка этапа вышла бы \
             пустой | title: Подготовительный этап",
        ]
    );
}

/// The first row of a municipality table written as CSV.
fn municipality(csv: &str) -> dorkarta::region::Municipality {
    dorkarta::region::load_table(csv.as_bytes(), dorkarta::region::TableFormat::Csv)
        .unwrap()
        .remove(0)
}

/// The texts of every cell of a column, in table order.
fn column(resolved: &Resolved, key: &str) -> Vec<String> {
    resolved.appendices[0]
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| c.key == key)
        .map(|c| c.text.join("\n"))
        .collect()
}

/// A regional source: the title on line 7, the items on lines 17 and 20.
fn regional() -> String {
    appendix(&format!(
        "  title: План ${{name}}
  period: {{ from: 2023-09-01, to: 2024-08-31 }}
{COLUMNS}    - {{ key: responsible, title: Ответственный, width: 24 }}
  stages:
    - title: Этап
      items:
        - activity: Совещание
          deadline: ${{dl}}
          responsible: \"${{ who }}\"
        - activity: Отчёт
          deadline: [\"${{dl}}\", 2024-05]
          responsible: ${{who}}, ${{ nme }}
"
    ))
}

/// Issue 19 item 5: a value from the table is checked, formatted and numbered as if typed in
/// the source, is put in once, and a message about it says where it came from.
#[test]
fn table_values_are_checked_as_if_typed_in_the_source() {
    let m = municipality("name;dl;who\nДемидовский район;31.02.2023;Иванов И.И. ${name}\n");
    let errors: Vec<String> = match resolve(source(&regional()), Some(&m)) {
        Ok(_) => panic!("an impossible date from the table resolved"),
        Err(diagnostics) => diagnostics.iter().map(line).collect(),
    };
    let from_dl = "значение подставлено из таблицы муниципалитетов (столбец `dl`, строка 2): \
                   исправьте его там";
    assert_eq!(
        errors,
        [
            format!(
                "error 18:21: appendix.stages[0].items[0].deadline: «31.02.2023» из столбца `dl` \
                 (Демидовский район) — такой даты нет | в феврале 2023 года 28 дн.; день — от 1 \
                 до 28 | {from_dl}"
            ),
            "error 20:11: appendix.stages[0].items[1].responsible: `${nme}`: у муниципалитета \
             «Демидовский район» нет значения `nme` | возможно, имелось в виду `${name}` | \
             столбцы таблицы: dl, name, who"
                .to_string(),
            format!(
                "error 21:21: appendix.stages[0].items[1].deadline[0]: «31.02.2023» из столбца \
                 `dl` (Демидовский район) — такой даты нет | в феврале 2023 года 28 дн.; день — \
                 от 1 до 28 | {from_dl}"
            ),
        ]
    );

    let yaml = regional().replace(", ${ nme }", "");
    let m = municipality("name;dl;who\nДемидовский район;2024-10-05;Иванов И.И. ${name}\n");
    let resolved = match resolve(source(&yaml), Some(&m)) {
        Ok(warned) => {
            let warnings: Vec<String> = warned.warnings.iter().map(line).collect();
            assert_eq!(
                warnings,
                [
                    "warning 18:21: appendix.stages[0].items[0].deadline: «2024-10-05» из столбца \
                     `dl` (Демидовский район) — срок вне периода дорожной карты (01.09.2023 – \
                     31.08.2024) | проверьте год в сроке или период (period) | значение \
                     подставлено из таблицы муниципалитетов (столбец `dl`, строка 2): исправьте \
                     его там",
                    "warning 21:21: appendix.stages[0].items[1].deadline[0]: «2024-10-05» из \
                     столбца `dl` (Демидовский район) — срок вне периода дорожной карты \
                     (01.09.2023 – 31.08.2024) | проверьте год в сроке или период (period) | \
                     значение подставлено из таблицы муниципалитетов (столбец `dl`, строка 2): \
                     исправьте его там",
                ]
            );
            warned.value
        }
        Err(diagnostics) => panic!("unexpected errors: {diagnostics:#?}"),
    };
    // Formatted like a typed date; `${name}` inside a value is not expanded a second time.
    assert_eq!(
        column(&resolved, "deadline"),
        [
            "5 октября 2024\u{a0}г.",
            "5 октября 2024\u{a0}г., май 2024\u{a0}г."
        ]
    );
    assert_eq!(
        column(&resolved, "responsible"),
        ["Иванов\u{a0}И.И. ${name}", "Иванов\u{a0}И.И. ${name}"]
    );
    assert_eq!(resolved.appendices[0].title, ["План Демидовский район"]);
}

/// Issue 19 item 7: control characters written as YAML escapes, in the source or from the
/// table, reach no text of the template context.
#[test]
fn no_control_character_reaches_the_template_context() {
    let yaml = regional()
        .replace(", ${ nme }", "")
        .replace(
            "activity: Совещание",
            "activity: \"Сове\\x01щание\\v\\uFFFF\"",
        )
        .replace("title: Этап", "title: \"Этап\\x7F\\uFDD0\\r\"");
    let m = municipality("name;dl;who\nДемидовский район;2023-10-05;\"Ива\u{85}нов\u{1}\"\n");
    let warned = resolve(source(&yaml), Some(&m)).expect("control characters are no error");
    let json = serde_json::to_string(&warned.value).unwrap();
    let text: String = serde_json::from_str::<serde_json::Value>(&json)
        .unwrap()
        .to_string();
    assert!(
        !text.chars().any(dorkarta::resolve::controls::is_forbidden),
        "{text}"
    );
    assert!(
        json.contains("Совещание"),
        "the text around them is kept: {json}"
    );
    let warnings: Vec<String> = warned.warnings.iter().map(line).collect();
    assert_eq!(warnings.len(), 4, "{warnings:#?}");
    assert!(
        warnings[3].starts_with(
            "warning 20:11: appendix.stages[0].items[1].responsible: в значении невидимые \
             управляющие символы U+0085, U+0001; они удалены (значение из столбца `who`, \
             Демидовский район)"
        ),
        "{warnings:#?}"
    );
}

/// Issue 19 item 6: the widest and narrowest widths the checks let through render, so a
/// source that passes never fails inside the built-in template.
#[test]
fn widths_at_the_limits_render() {
    let yaml = appendix(
        "  title: T
  columns:
    - { key: number, title: №, width: 11 }
    - { key: activity, title: Мероприятие, width: 1000 }
  stages:
    - title: Этап
      items:
        - activity: a
",
    );
    let opts = dorkarta::pipeline::Options::default();
    if let Err(e) = dorkarta::pipeline::render(yaml.as_bytes(), None, &opts) {
        panic!("{e:#?}");
    }
    let narrower = yaml.replace("width: 11 }", "width: 10 }");
    assert_eq!(
        failures(&narrower),
        [
            "error 9:39: appendix.columns[0].width: столбец «№» (width: 10) получил бы 0,99 % \
          ширины таблицы, а нужно не меньше 1 % | width — доля суммы ширин всех столбцов: \
          увеличьте ширину этого столбца или уменьшите остальные (например, 6 для номера и 40 \
          для мероприятия)"
        ]
    );
}

/// Issue 25, item 5: a day written `ДД.ММ.ГГГГ`, as documents and Excel write it, is taken
/// wherever a date is expected (the order's, the approval's, the municipality table's) and
/// gives the very document `ГГГГ-ММ-ДД` gives; a day the calendar lacks is still an error.
#[test]
fn dotted_dates_are_taken_wherever_a_date_is_expected() {
    use dorkarta::pipeline::{self, Options};
    use dorkarta::region::{TableFormat, load_table};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let render = |text: &str, table: Option<&str>| {
        let rows = table.map(|t| load_table(t.as_bytes(), TableFormat::Csv).unwrap());
        let row = rows.as_ref().map(|r| {
            assert_eq!(r[0].errors, vec![], "the table row was refused");
            &r[0]
        });
        let r = pipeline::render(text.as_bytes(), row, &Options::default())
            .unwrap_or_else(|d| panic!("{d:#?}"));
        (r.docx.unwrap(), r.pdf.unwrap())
    };
    let taganrog = std::fs::read_to_string(root.join("samples/taganrog-2023.yaml")).unwrap();
    assert!(taganrog.contains("  date: 2023-02-16\n"));
    let dotted = taganrog.replace("  date: 2023-02-16\n", "  date: 16.02.2023\n");
    assert!(
        render(&dotted, None) == render(&taganrog, None),
        "order date 16.02.2023"
    );

    let kaluga = std::fs::read_to_string(root.join("samples/kaluga-2021.yaml")).unwrap();
    assert!(kaluga.contains("date: 2021-09-22 }"));
    let dotted = kaluga.replace("date: 2021-09-22 }", "date: 22.09.2021 }");
    assert!(
        render(&dotted, None) == render(&kaluga, None),
        "approval date 22.09.2021"
    );

    let table = |date: &str| {
        format!(
            "name,authority,authority_genitive,date,number\n\
             taganrog,Управление образования г. Таганрога,Управления образования г. Таганрога,{date},206\n"
        )
    };
    assert!(
        render(&taganrog, Some(&table("16.02.2023")))
            == render(&taganrog, Some(&table("2023-02-16"))),
        "the table's date 16.02.2023"
    );
    let refused = load_table(table("29.02.2023").as_bytes(), TableFormat::Csv).unwrap();
    assert_eq!(refused[0].errors.len(), 1);
    assert!(
        refused[0].errors[0]
            .message
            .contains("«29.02.2023» — такой даты нет"),
        "{:?}",
        refused[0].errors
    );

    let wrong = failures(&appendix(&format!(
        "  mark: {{ kind: approver, name: И.И. Иванов, date: 31.04.2023 }}\n  title: T\n{COLUMNS}  \
         stages: [ {{ title: Этап, items: [ {{ activity: a, deadline: 2023-03 }} ] }} ]\n"
    )));
    assert!(
        wrong
            .iter()
            .any(|l| l.contains("«31.04.2023» — такой даты нет")),
        "{wrong:#?}"
    );
}

/// The rows of README's table of deadlines («#### Сроки»): each spelling in backquotes of the
/// first cell, with what the last cell says it prints under `words` and, where it says
/// «(при `numeric` — …)», under `numeric`; «как написано» is the spelling itself.
fn readme_deadline_rows() -> Vec<(Vec<String>, String, Option<String>)> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("#### Сроки: `deadline`")
        .nth(1)
        .expect("README has the section on deadlines");
    let section = &section[..section.find("\n---").unwrap()];
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            let spellings: Vec<String> = cells[0]
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect();
            let printed = cells[cells.len() - 1];
            let (words, numeric) = match printed.split_once(" (при `numeric` — ") {
                Some((words, rest)) => (
                    words.to_string(),
                    Some(rest.trim_end_matches(')').to_string()),
                ),
                None => (printed.to_string(), None),
            };
            (spellings, words, numeric)
        })
        .collect()
}

/// How each spelling prints under a date style, non-breaking spaces shown as spaces.
fn printed_deadlines(spellings: &[String], style: &str) -> Vec<String> {
    let items: String = spellings
        .iter()
        .map(|s| format!("        - {{ activity: a, deadline: \"{s}\" }}\n"))
        .collect();
    let yaml = appendix(&format!(
        "  title: T\n  date_style: {style}\n{COLUMNS}  stages:\n    - title: Этап\n      items:\n{items}"
    ));
    column(&resolved(&yaml).0, "deadline")
        .into_iter()
        .map(|t| t.replace('\u{a0}', " "))
        .collect()
}

/// README's table of deadlines is what the output prints, capital letters included: every
/// spelling it lists prints exactly as its last column says, in both date styles.
#[test]
fn readme_deadline_table_is_what_the_output_prints() {
    let rows = readme_deadline_rows();
    assert!(
        rows.len() >= 8,
        "README's deadline table not found: {rows:?}"
    );
    for (spellings, words, numeric) in rows {
        let expected: Vec<String> = spellings
            .iter()
            .map(|s| {
                if words == "как написано" {
                    s.clone()
                } else {
                    words.clone()
                }
            })
            .collect();
        assert_eq!(
            printed_deadlines(&spellings, "words"),
            expected,
            "{spellings:?}"
        );
        if let Some(numeric) = numeric {
            let expected = vec![numeric; spellings.len()];
            assert_eq!(
                printed_deadlines(&spellings, "numeric"),
                expected,
                "{spellings:?}"
            );
        }
    }
}

#[test]
fn a_deadline_as_written_is_printed_as_typed_and_still_checked() {
    let yaml = appendix(&format!(
        "  title: T
  date_style: numeric
{COLUMNS}  stages:
    - title: Этап
      items:
        - {{ activity: a, deadline: февраль 2023 г., deadline_as_written: true }}
        - {{ activity: b, deadline: [16 февраля 2023 г., ежемесячно], deadline_as_written: true }}
        - {{ activity: c, deadline: февраль 2023 г. }}
        - activity: d
          parts:
            - {{ activity: e, deadline: 16.02.2023 г., deadline_as_written: true }}
"
    ));
    assert_eq!(
        column(&resolved(&yaml).0, "deadline"),
        [
            "февраль 2023\u{a0}г.",
            "16 февраля 2023\u{a0}г., ежемесячно",
            "Февраль 2023\u{a0}г.",
            "",
            "16.02.2023\u{a0}г.",
        ]
    );
    let wrong = appendix(&format!(
        "  title: T
{COLUMNS}  stages:
    - title: Этап
      items:
        - {{ activity: a, deadline: 30 февраля 2023 г., deadline_as_written: true }}
        - {{ activity: b, deadline_as_written: true }}
        - activity: c
          parts:
            - {{ activity: d, deadline_as_written: true }}
"
    ));
    assert_eq!(
        failures(&wrong),
        [
            "error 15:36: appendix.stages[0].items[0].deadline: «30 февраля 2023 г.» — такой \
             даты нет | в феврале 2023 года 28 дн.; день — от 1 до 28",
            "error 16:11: appendix.stages[0].items[1].deadline_as_written: deadline_as_written \
             задан, а срока (deadline) у этой строки нет | добавьте deadline: срок как в \
             документе, или уберите deadline_as_written",
            "error 19:15: appendix.stages[0].items[2].parts[0].deadline_as_written: \
             deadline_as_written задан, а срока (deadline) у этой строки нет | добавьте \
             deadline: срок как в документе, или уберите deadline_as_written",
        ]
    );
}
