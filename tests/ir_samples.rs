//! One hand-built IR document for the writers' tests and the benchmark, shaped like a real
//! roadmap appendix, so that DOCX and PDF are tested on the same features before (and apart
//! from) the templates: the approval mark, a title, a hyphenated preamble, a long table with
//! two header rows, named stage rows, items with a bulleted list, an item in three parts
//! (cells spanning rows), a deadline merged with the responsible (a cell spanning columns), a
//! cell longer than a page, the signature and electronic-signature tables, and a landscape
//! second section with a letter-spaced title.

use dorkarta::ir::{
    Align, Block, Cell, Document, Inline, Meta, PageSetup, ParaStyle, Paragraph, Row, Section,
    Table, Text, VAlign, mm,
};

/// The words that start the header row of the roadmap table (checked on every table page).
pub const TABLE_HEADER: &str = "Содержание деятельности";

/// Starts the first line of every item's activity text: «Мероприятие N.», so that a page's
/// text shows where its item rows are.
pub const ROW_MARKER: &str = "Мероприятие";

/// The title at the top of the second (landscape) section, a run of its own.
pub const SECTION_TWO_TITLE: &str = "ПЛАН-ГРАФИК";

/// The stages of the main table, one stage row each: «1. Подготовительный этап».
pub const STAGES: [&str; 3] = [
    "Подготовительный этап",
    "Проектно-деятельностный этап",
    "Аналитико-обобщающий этап",
];

/// Items per stage in the main table.
pub const ITEMS_PER_STAGE: usize = 22;

/// Items in the landscape table of the second section (no stages).
pub const SECTION_TWO_ITEMS: usize = 24;

/// Start and end of the activity text of the cell longer than a page (it must split).
pub const LONG_CELL_START: &str = "Мониторинг:";
pub const LONG_CELL_END: &str = "завершение.";

pub fn text(s: &str) -> Inline {
    Inline::Text(Text {
        text: s.to_owned(),
        ..Text::default()
    })
}

pub fn bold(s: &str) -> Inline {
    Inline::Text(Text {
        text: s.to_owned(),
        bold: true,
        ..Text::default()
    })
}

pub fn para(style: ParaStyle, inlines: Vec<Inline>) -> Paragraph {
    Paragraph {
        style,
        inlines,
        ..Default::default()
    }
}

/// An empty paragraph that only adds space above what follows.
fn spacer(space_before: f32) -> Block {
    Block::Paragraph(para(
        ParaStyle {
            space_before,
            ..ParaStyle::default()
        },
        vec![],
    ))
}

/// Table text: 12 pt, single, left.
pub fn cell_style() -> ParaStyle {
    ParaStyle {
        font_size: 12.0,
        ..ParaStyle::default()
    }
}

pub fn cell(paragraphs: Vec<Paragraph>) -> Cell {
    Cell {
        paragraphs,
        ..Cell::default()
    }
}

pub fn text_cell(s: &str) -> Cell {
    cell(vec![para(cell_style(), vec![text(s)])])
}

fn centered_cell(s: &str, bold_text: bool) -> Cell {
    let style = ParaStyle {
        align: Align::Center,
        ..cell_style()
    };
    let inline = if bold_text { bold(s) } else { text(s) };
    Cell {
        valign: VAlign::Middle,
        ..cell(vec![para(style, vec![inline])])
    }
}

/// A bulleted item in a table cell: «–» in a 10 pt hanging indent.
pub fn bullet(s: &str) -> Paragraph {
    let style = ParaStyle {
        bullet: Some("–".to_owned()),
        indent_left: 10.0,
        indent_first: -10.0,
        ..cell_style()
    };
    para(style, vec![text(s)])
}

/// Relative widths scaled to the text width.
fn columns(relative: &[f32], width: f32) -> Vec<f32> {
    let total: f32 = relative.iter().sum();
    relative.iter().map(|r| r / total * width).collect()
}

/// A roadmap table with the two header rows and no body yet.
fn roadmap_table_frame(width: f32) -> Table {
    Table {
        columns: columns(&[34.0, 172.9, 80.0, 110.0, 85.0], width),
        borders: true,
        border_width: 0.5,
        padding: [0.0, 5.4, 0.0, 5.4],
        header_rows: 2,
        page_break_before: false,
        rows: header_rows(),
        ..Default::default()
    }
}

/// «№ п/п», «Содержание деятельности», «Исполнение» over «Сроки реализации» and
/// «Ответственный исполнитель», «Отметка о выполнении»: three cells span both rows.
fn header_rows() -> Vec<Row> {
    let span2 = |s: &str| Cell {
        rowspan: 2,
        ..centered_cell(s, true)
    };
    vec![
        Row {
            cells: vec![
                span2("№ п/п"),
                span2(TABLE_HEADER),
                Cell {
                    colspan: 2,
                    ..centered_cell("Исполнение", true)
                },
                span2("Отметка о выполнении"),
            ],
            cant_split: true,
            ..Row::default()
        },
        Row {
            cells: vec![
                centered_cell("Сроки реализации", true),
                centered_cell("Ответственный исполнитель", true),
            ],
            cant_split: true,
            ..Row::default()
        },
    ]
}

/// A full-width stage row, kept with the next row.
fn stage_row(title: &str) -> Row {
    Row {
        cells: vec![Cell {
            colspan: 5,
            ..centered_cell(title, true)
        }],
        keep_with_next: true,
        cant_split: true,
        ..Default::default()
    }
}

/// «Мероприятие N. …»: the activity text of item `n` (numbered through the whole table).
fn activity(n: usize, what: &str) -> String {
    format!("{ROW_MARKER} {n}. {what}")
}

fn item_activity(n: usize) -> String {
    let base = [
        "Издание приказа Управления образования г.\u{a0}Таганрога «Об организации работы с \
         общеобразовательными организациями, показывающими низкие образовательные результаты»",
        "Организация цикла вебинаров для педагогов",
        "Проведение самодиагностики общеобразовательных организаций – участников проекта и \
         разработка программ перехода в эффективный режим работы",
        "Участие в региональной научно-практической конференции",
    ];
    activity(n, base[n % base.len()])
}

fn item_row(no: &str, n: usize) -> Row {
    Row {
        cells: vec![
            centered_cell(no, false),
            text_cell(&item_activity(n)),
            centered_cell("16.02.2023", false),
            text_cell("Морозова\u{a0}О.Л., начальник Управления образования г.\u{a0}Таганрога"),
            text_cell(""),
        ],
        ..Row::default()
    }
}

/// An item whose deadline and responsible are one cell spanning two columns.
fn merged_deadline_row(no: &str, n: usize) -> Row {
    Row {
        cells: vec![
            centered_cell(no, false),
            text_cell(&item_activity(n)),
            Cell {
                colspan: 2,
                ..text_cell("В течение года, все руководители ОО")
            },
            text_cell(""),
        ],
        ..Row::default()
    }
}

/// An item whose activity cell holds a lead-in and a bulleted list.
fn list_row(no: &str, n: usize) -> Row {
    let mut lines = vec![para(
        cell_style(),
        vec![text(&activity(
            n,
            "Издание приказа от 16.02.2023 №\u{a0}206:",
        ))],
    )];
    for s in [
        "утверждение состава рабочей группы;",
        "утверждение плана мероприятий («дорожной карты»);",
        "назначение ответственных за сопровождение школ",
    ] {
        lines.push(bullet(s));
    }
    Row {
        cells: vec![
            centered_cell(no, false),
            cell(lines),
            centered_cell("февраль 2023\u{a0}г.", false),
            text_cell("Рабочая группа"),
            text_cell(""),
        ],
        ..Row::default()
    }
}

/// An item in three parts: number, activity and mark span three rows, each part has its own
/// deadline and responsible.
fn parts_rows(no: &str, n: usize) -> Vec<Row> {
    let span3 = |cell: Cell| Cell { rowspan: 3, ..cell };
    let mut rows = vec![Row {
        cells: vec![
            span3(centered_cell(no, false)),
            span3(text_cell(&activity(
                n,
                "Организация цикла вебинаров «Система восполнения дефицитов»",
            ))),
            centered_cell("27.04.2023", false),
            text_cell("Земляненко\u{a0}Н.В., директор МОБУ лицея №\u{a0}7"),
            span3(text_cell("")),
        ],
        ..Row::default()
    }];
    for (deadline, who) in [
        (
            "18.05.2023",
            "Иванова\u{a0}А.А., директор МОБУ СОШ №\u{a0}2",
        ),
        ("24–25.05.2023", "Петров\u{a0}И.И., методист"),
    ] {
        rows.push(Row {
            cells: vec![centered_cell(deadline, false), text_cell(who)],
            ..Row::default()
        });
    }
    rows
}

/// An item whose activity cell is far longer than a page.
fn long_row(no: &str, n: usize) -> Row {
    let sentence = "анализ результатов оценочных процедур, выявление профессиональных дефицитов \
                    педагогов и формирование индивидуальных образовательных маршрутов, ";
    let long = format!("{LONG_CELL_START} {}{LONG_CELL_END}", sentence.repeat(40));
    Row {
        cells: vec![
            centered_cell(no, false),
            text_cell(&activity(n, &long)),
            centered_cell("В течение учебного года", false),
            text_cell("Рабочая группа"),
            text_cell(""),
        ],
        ..Row::default()
    }
}

/// The main table: the header, then for each of the [`STAGES`] a stage row and
/// [`ITEMS_PER_STAGE`] items. Items 1.3 and 3.5 hold lists, 2.4 has three parts, 2.9 is the
/// long cell, and item 7 of every stage merges deadline and responsible.
pub fn roadmap_table(width: f32) -> Table {
    let mut table = roadmap_table_frame(width);
    for (s, stage) in STAGES.iter().enumerate() {
        table.rows.push(stage_row(&format!("{}. {stage}", s + 1)));
        for i in 1..=ITEMS_PER_STAGE {
            let no = format!("{}.{i}", s + 1);
            let n = s * ITEMS_PER_STAGE + i;
            match (s, i) {
                (0, 3) | (2, 5) => table.rows.push(list_row(&no, n)),
                (1, 4) => table.rows.extend(parts_rows(&no, n)),
                (1, 9) => table.rows.push(long_row(&no, n)),
                (_, 7) => table.rows.push(merged_deadline_row(&no, n)),
                _ => table.rows.push(item_row(&no, n)),
            }
        }
    }
    table
}

/// The approval mark: upper right, single spacing, a big left indent.
fn mark() -> Paragraph {
    para(
        ParaStyle {
            indent_left: mm(100.0),
            ..ParaStyle::default()
        },
        vec![
            text("УТВЕРЖДЕНА"),
            Inline::LineBreak,
            text("приказом Управления образования г.\u{a0}Таганрога"),
            Inline::LineBreak,
            text("от 16.02.2023 №\u{a0}206"),
        ],
    )
}

fn title_style() -> ParaStyle {
    ParaStyle {
        align: Align::Center,
        space_before: 12.0,
        space_after: 12.0,
        keep_with_next: true,
        ..ParaStyle::default()
    }
}

fn title() -> Paragraph {
    para(
        title_style(),
        vec![bold(
            "Муниципальная дорожная карта организационно-методического сопровождения перевода \
             школ с низкими результатами обучения в эффективный режим работы",
        )],
    )
}

/// Body text: 14 pt, justified, 1.25 cm first-line indent, hyphenated.
fn preamble() -> Paragraph {
    para(
        ParaStyle {
            align: Align::Justify,
            indent_first: mm(12.5),
            hyphenate: true,
            ..ParaStyle::default()
        },
        vec![
            bold("Цель: "),
            text(
                "создание условий для перевода школ с низкими результатами обучения в эффективный \
                 режим функционирования за счёт реализации комплекса мер, направленных на \
                 повышение качества образования, развитие профессиональных компетенций \
                 педагогических работников и совершенствование управленческих механизмов.",
            ),
        ],
    )
}

fn position_cell() -> Cell {
    cell(vec![para(
        ParaStyle::default(),
        vec![
            text("Начальник Управления"),
            Inline::LineBreak,
            text("образования г.\u{a0}Таганрога"),
        ],
    )])
}

fn name_cell() -> Cell {
    let right = ParaStyle {
        align: Align::Right,
        ..ParaStyle::default()
    };
    Cell {
        valign: VAlign::Bottom,
        ..cell(vec![para(right, vec![text("О.Л.\u{a0}Морозова")])])
    }
}

/// A borderless one-row table of the given cells.
fn borderless(relative: &[f32], width: f32, padding: [f32; 4], cells: Vec<Cell>) -> Table {
    Table {
        columns: columns(relative, width),
        borders: false,
        border_width: 0.75,
        padding,
        header_rows: 0,
        page_break_before: false,
        rows: vec![Row {
            cells,
            cant_split: true,
            keep_with_next: false,
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// The position at the left, «И.О. Фамилия» at the right on the level of its last line.
pub fn signature_table(width: f32) -> Table {
    borderless(
        &[62.0, 38.0],
        width,
        [0.0; 4],
        vec![position_cell(), name_cell()],
    )
}

/// The electronic-signature mark as the templates place it: a framed cell between the
/// position and the name, in place of the handwritten signature.
pub fn e_signature_table(width: f32) -> Table {
    let center = ParaStyle {
        align: Align::Center,
        font_size: 10.0,
        ..ParaStyle::default()
    };
    let small = ParaStyle {
        font_size: 10.0,
        ..ParaStyle::default()
    };
    let mark = Cell {
        frame: true,
        valign: VAlign::Middle,
        ..cell(vec![
            para(
                center,
                vec![
                    bold("ДОКУМЕНТ ПОДПИСАН"),
                    Inline::LineBreak,
                    bold("ЭЛЕКТРОННОЙ ПОДПИСЬЮ"),
                ],
            ),
            para(small.clone(), vec![text("Сертификат 01A2B3C4D5E6F708")]),
            para(
                small.clone(),
                vec![text("Владелец Морозова Ольга Леонидовна")],
            ),
            para(small, vec![text("Действителен с 01.02.2023 по 01.05.2024")]),
        ])
    };
    borderless(
        &[36.0, 40.0, 24.0],
        width,
        [2.0, 4.0, 2.0, 4.0],
        vec![position_cell(), mark, name_cell()],
    )
}

/// The second section: A4 landscape, the letter-spaced [`SECTION_TWO_TITLE`] and a table of
/// [`SECTION_TWO_ITEMS`] items without stages.
fn landscape_section() -> Section {
    let a4 = PageSetup::default();
    let page = PageSetup {
        width: a4.height,
        height: a4.width,
        margin_left: mm(20.0),
        margin_right: mm(20.0),
        ..a4
    };
    let mut table = roadmap_table_frame(page.width - page.margin_left - page.margin_right);
    for n in 1..=SECTION_TWO_ITEMS {
        table.rows.push(item_row(&format!("{n}."), n));
    }
    Section {
        page,
        page_numbers: true,
        blocks: vec![
            Block::Paragraph(para(
                title_style(),
                vec![Inline::Text(Text {
                    text: SECTION_TWO_TITLE.to_owned(),
                    bold: true,
                    letter_spacing: 2.0,
                    ..Text::default()
                })],
            )),
            Block::Table(table),
        ],
    }
}

/// The whole sample: a portrait appendix (mark, title, preamble, the main table, signature,
/// electronic signature), then the landscape section.
pub fn roadmap_document() -> Document {
    let a4 = PageSetup::default();
    let width = a4.width - a4.margin_left - a4.margin_right;
    let first = Section {
        page: a4,
        page_numbers: true,
        blocks: vec![
            Block::Paragraph(mark()),
            Block::Paragraph(title()),
            Block::Paragraph(preamble()),
            Block::Table(roadmap_table(width)),
            spacer(24.0),
            Block::Table(signature_table(width)),
            spacer(12.0),
            Block::Table(e_signature_table(width)),
        ],
    };
    Document {
        meta: Meta {
            title: "Дорожная карта «Школы с низкими результатами обучения»".to_owned(),
            author: "Управление образования г. Таганрога".to_owned(),
            subject: "Приложение к приказу от 16.02.2023 № 206".to_owned(),
            language: "ru-RU".to_owned(),
            date: None,
        },
        settings: Default::default(),
        styles: Vec::new(),
        sections: vec![first, landscape_section()],
    }
}

/// The first section alone, pushed down by `shift` points (an empty paragraph before the mark),
/// with the tables' keep-with-next rules kept or dropped: for checking that a stage row never
/// ends a page wherever the page breaks fall.
pub fn shifted_first_section(shift: f32, keep_with_next: bool) -> Document {
    let mut doc = roadmap_document();
    doc.sections.truncate(1);
    let blocks = &mut doc.sections[0].blocks;
    blocks.insert(0, spacer(shift));
    for block in blocks.iter_mut() {
        if let Block::Table(table) = block {
            for row in &mut table.rows {
                row.keep_with_next &= keep_with_next;
            }
        }
    }
    doc
}
