//! IR documents built by hand, shaped like the roadmaps the templates produce: for testing the
//! writers before (and apart from) the templates.

use dorkarta::ir::{
    Align, Block, Cell, Document, Inline, Meta, PageSetup, ParaStyle, Paragraph, Row, Section,
    Table, Text, VAlign, mm,
};

pub const STAGES: [&str; 3] = [
    "Подготовительный этап",
    "Проектно-деятельностный этап",
    "Аналитико-обобщающий этап",
];

/// Start of the very long cell's text (it must split across pages).
pub const LONG_CELL_START: &str = "Мониторинг:";
pub const LONG_CELL_END: &str = "завершение.";

pub fn text(s: &str) -> Inline {
    Inline::Text(Text {
        text: s.to_string(),
        ..Default::default()
    })
}

pub fn bold(s: &str) -> Inline {
    Inline::Text(Text {
        text: s.to_string(),
        bold: true,
        ..Default::default()
    })
}

pub fn para(style: ParaStyle, inlines: Vec<Inline>) -> Paragraph {
    Paragraph { style, inlines }
}

pub fn cell_style() -> ParaStyle {
    ParaStyle {
        font_size: 12.0,
        ..Default::default()
    }
}

pub fn cell(s: &str) -> Cell {
    Cell {
        paragraphs: vec![para(cell_style(), vec![text(s)])],
        ..Default::default()
    }
}

fn centered(s: &str, b: bool) -> Cell {
    let style = ParaStyle {
        align: Align::Center,
        ..cell_style()
    };
    Cell {
        valign: VAlign::Middle,
        paragraphs: vec![para(style, vec![if b { bold(s) } else { text(s) }])],
        ..Default::default()
    }
}

/// Column widths of the roadmap table (points), 481.9 pt in all: the A4 text width with ГОСТ
/// margins.
pub fn roadmap_columns() -> Vec<f32> {
    vec![34.0, 172.9, 80.0, 110.0, 85.0]
}

pub fn roadmap_table_frame(rows: Vec<Row>) -> Table {
    Table {
        columns: roadmap_columns(),
        borders: true,
        border_width: 0.5,
        padding: [0.0, 5.4, 0.0, 5.4],
        header_rows: 2,
        page_break_before: false,
        rows,
    }
}

/// The two header rows: «№ п/п», «Содержание деятельности», «Исполнение» over «Сроки» and
/// «Ответственный», «Отметка о выполнении».
pub fn header_rows() -> Vec<Row> {
    let span2 = |s: &str| Cell {
        rowspan: 2,
        ..centered(s, true)
    };
    vec![
        Row {
            cells: vec![
                span2("№ п/п"),
                span2("Содержание деятельности"),
                Cell {
                    colspan: 2,
                    ..centered("Исполнение", true)
                },
                span2("Отметка о выполнении"),
            ],
            cant_split: true,
            ..Default::default()
        },
        Row {
            cells: vec![
                centered("Сроки реализации", true),
                centered("Ответственный исполнитель", true),
            ],
            cant_split: true,
            ..Default::default()
        },
    ]
}

pub fn stage_row(title: &str) -> Row {
    Row {
        cells: vec![Cell {
            colspan: 5,
            ..centered(title, true)
        }],
        keep_with_next: true,
        cant_split: true,
    }
}

fn activity(n: usize) -> String {
    let base = [
        "Издание приказа Управления образования г.\u{a0}Таганрога «Об организации работы с \
         общеобразовательными организациями, показывающими низкие образовательные результаты»",
        "Организация цикла вебинаров для педагогов",
        "Проведение самодиагностики общеобразовательных организаций – участников проекта и \
         разработка программ перехода в эффективный режим работы",
        "Участие в региональной научно-практической конференции",
    ];
    format!("{} (мероприятие {n})", base[n % base.len()])
}

pub fn item_row(no: &str, n: usize) -> Row {
    let responsible = "Морозова\u{a0}О.Л., начальник Управления образования г.\u{a0}Таганрога";
    Row {
        cells: vec![
            centered(no, false),
            cell(&activity(n)),
            centered("16.02.2023", false),
            cell(responsible),
            cell(""),
        ],
        ..Default::default()
    }
}

/// An item whose activity cell holds a lead-in and a bulleted list.
pub fn list_row(no: &str) -> Row {
    let bullet = ParaStyle {
        indent_left: 10.0,
        indent_first: -10.0,
        bullet: Some("–".into()),
        ..cell_style()
    };
    let mut activity = vec![para(
        cell_style(),
        vec![text("Издание приказа от 16.02.2023 №\u{a0}206:")],
    )];
    for s in [
        "утверждение состава рабочей группы;",
        "утверждение плана мероприятий («дорожной карты»);",
        "назначение ответственных за сопровождение школ",
    ] {
        activity.push(para(bullet.clone(), vec![text(s)]));
    }
    Row {
        cells: vec![
            centered(no, false),
            Cell {
                paragraphs: activity,
                ..Default::default()
            },
            centered("февраль 2023 г.", false),
            cell("Рабочая группа"),
            cell(""),
        ],
        ..Default::default()
    }
}

/// An item with three parts: number and activity span three rows, each part has its own
/// deadline and responsible.
pub fn parts_rows(no: &str) -> Vec<Row> {
    let mut rows = vec![Row {
        cells: vec![
            Cell {
                rowspan: 3,
                ..centered(no, false)
            },
            Cell {
                rowspan: 3,
                ..cell("Организация цикла вебинаров «Система восполнения дефицитов»")
            },
            centered("27.04.2023", false),
            cell("Земляненко\u{a0}Н.В., директор МОБУ лицея №\u{a0}7"),
            Cell {
                rowspan: 3,
                ..cell("")
            },
        ],
        ..Default::default()
    }];
    for (d, who) in [
        (
            "18.05.2023",
            "Иванова\u{a0}А.А., директор МОБУ СОШ №\u{a0}2",
        ),
        ("24–25.05.2023", "Петров\u{a0}И.И., методист"),
    ] {
        rows.push(Row {
            cells: vec![centered(d, false), cell(who)],
            ..Default::default()
        });
    }
    rows
}

/// A row whose activity cell is far longer than a page.
pub fn long_row(no: &str) -> Row {
    let sentence = "анализ результатов оценочных процедур, выявление профессиональных дефицитов \
                    педагогов и формирование индивидуальных образовательных маршрутов, ";
    let long = format!("{LONG_CELL_START} {}{LONG_CELL_END}", sentence.repeat(40));
    Row {
        cells: vec![
            centered(no, false),
            cell(&long),
            centered("В течение учебного года", false),
            cell("Рабочая группа"),
            cell(""),
        ],
        ..Default::default()
    }
}

/// The roadmap table: 3 stages, 66 item rows with lists, parts and one very long cell.
pub fn roadmap_table() -> Table {
    let mut rows = header_rows();
    for (s, stage) in STAGES.iter().enumerate() {
        rows.push(stage_row(&format!("{}. {stage}", s + 1)));
        for i in 1..=22 {
            let no = format!("{}.{i}", s + 1);
            match (s, i) {
                (0, 3) | (2, 5) => rows.push(list_row(&no)),
                (1, 4) => rows.extend(parts_rows(&no)),
                (1, 9) => rows.push(long_row(&no)),
                _ => rows.push(item_row(&no, s * 22 + i)),
            }
        }
    }
    roadmap_table_frame(rows)
}

/// The approval mark: upper right, single spacing, a big left indent.
pub fn mark() -> Paragraph {
    para(
        ParaStyle {
            indent_left: mm(100.0),
            ..Default::default()
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

pub fn title() -> Paragraph {
    para(
        ParaStyle {
            align: Align::Center,
            space_before: 12.0,
            space_after: 12.0,
            keep_with_next: true,
            ..Default::default()
        },
        vec![bold(
            "Муниципальная дорожная карта организационно-методического сопровождения перевода \
             школ с низкими результатами обучения в эффективный режим работы",
        )],
    )
}

pub fn body_paragraph() -> Paragraph {
    para(
        ParaStyle {
            align: Align::Justify,
            indent_first: mm(12.5),
            hyphenate: true,
            ..Default::default()
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

/// Position at the left, the name at the right on the level of the position's last line.
pub fn signature_table() -> Table {
    let right = ParaStyle {
        align: Align::Right,
        ..Default::default()
    };
    Table {
        columns: vec![300.0, 181.9],
        borders: false,
        border_width: 0.0,
        padding: [0.0, 0.0, 0.0, 0.0],
        header_rows: 0,
        page_break_before: false,
        rows: vec![Row {
            cells: vec![
                Cell {
                    paragraphs: vec![para(
                        ParaStyle::default(),
                        vec![
                            text("Начальник Управления"),
                            Inline::LineBreak,
                            text("образования г.\u{a0}Таганрога"),
                        ],
                    )],
                    ..Default::default()
                },
                Cell {
                    valign: VAlign::Bottom,
                    paragraphs: vec![para(right, vec![text("О.Л.\u{a0}Морозова")])],
                    ..Default::default()
                },
            ],
            cant_split: true,
            ..Default::default()
        }],
    }
}

/// The electronic-signature mark: a framed cell in a borderless table.
pub fn esign_table() -> Table {
    let centre = ParaStyle {
        align: Align::Center,
        font_size: 10.0,
        ..Default::default()
    };
    let left = ParaStyle {
        font_size: 10.0,
        ..Default::default()
    };
    Table {
        columns: vec![300.0],
        borders: false,
        border_width: 0.75,
        padding: [3.0, 5.4, 3.0, 5.4],
        header_rows: 0,
        page_break_before: false,
        rows: vec![Row {
            cells: vec![Cell {
                frame: true,
                paragraphs: vec![
                    para(centre, vec![bold("ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ")]),
                    para(left.clone(), vec![text("Сертификат: 01A2B3C4D5E6F708")]),
                    para(
                        left.clone(),
                        vec![text("Владелец: Морозова Ольга Леонидовна")],
                    ),
                    para(left, vec![text("Действителен с 01.02.2023 по 01.05.2024")]),
                ],
                ..Default::default()
            }],
            cant_split: true,
            ..Default::default()
        }],
    }
}

/// The whole roadmap: a portrait section with mark, title, aim, table, signature and
/// e-signature mark, and a landscape second section.
pub fn roadmap_document() -> Document {
    let first = Section {
        page: PageSetup::default(),
        page_numbers: true,
        blocks: vec![
            Block::Paragraph(mark()),
            Block::Paragraph(title()),
            Block::Paragraph(body_paragraph()),
            Block::Table(roadmap_table()),
            Block::Paragraph(para(
                ParaStyle {
                    space_before: 24.0,
                    ..Default::default()
                },
                vec![],
            )),
            Block::Table(signature_table()),
            Block::Paragraph(para(ParaStyle::default(), vec![])),
            Block::Table(esign_table()),
        ],
    };
    let a4 = PageSetup::default();
    let landscape = PageSetup {
        width: a4.height,
        height: a4.width,
        margin_left: mm(20.0),
        margin_right: mm(20.0),
        ..a4
    };
    let mut wide = roadmap_table_frame(header_rows());
    wide.columns = vec![40.0, 368.0, 90.0, 150.0, 80.0];
    for i in 1..=12 {
        wide.rows.push(item_row(&i.to_string(), i));
    }
    let second = Section {
        page: landscape,
        page_numbers: true,
        blocks: vec![
            Block::Paragraph(para(
                ParaStyle {
                    align: Align::Right,
                    ..Default::default()
                },
                vec![
                    text("Приложение №\u{a0}2"),
                    Inline::LineBreak,
                    text("к приказу от 16.02.2023 №\u{a0}206"),
                ],
            )),
            Block::Paragraph(title()),
            Block::Table(wide),
        ],
    };
    Document {
        meta: Meta {
            title: "Дорожная карта «Школы с низкими результатами обучения»".into(),
            author: "Управление образования г. Таганрога".into(),
            subject: "Приложение к приказу от 16.02.2023 № 206".into(),
            language: "ru-RU".into(),
        },
        sections: vec![first, second],
    }
}
