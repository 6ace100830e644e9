//! Hand-built IR documents for the writers' tests, shaped like a real roadmap appendix:
//! the appendix mark, a title, a preamble, a long table with a header row, stage rows,
//! a vertical merge, a colspan, a bulleted list in a cell, a signature table without borders,
//! a framed electronic-signature cell, and a landscape second section.

use dorkarta::ir::{
    Align, Block, Cell, Document, Inline, Meta, PageSetup, ParaStyle, Paragraph, Row, Section,
    Table, Text, VAlign, mm,
};

/// Text width of an A4 portrait page with ГОСТ margins (210 − 30 − 10 mm).
pub fn portrait_text_width() -> f32 {
    mm(170.0)
}

/// The words that start the header row of the roadmap table (checked on every table page).
pub const TABLE_HEADER: &str = "Содержание деятельности";

/// A marker that starts every data row's activity text: «Мероприятие N».
pub const ROW_MARKER: &str = "Мероприятие";

/// A marker printed at the top of the second (landscape) section.
pub const SECTION_TWO_TITLE: &str = "ПЛАН-ГРАФИК";

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
    Paragraph { style, inlines }
}

/// Body text: 14 pt, justified, 1.25 cm first-line indent, hyphenated.
pub fn body_style() -> ParaStyle {
    ParaStyle {
        align: Align::Justify,
        indent_first: mm(12.5),
        hyphenate: true,
        ..ParaStyle::default()
    }
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

fn header_row(titles: &[&str]) -> Row {
    Row {
        cells: titles.iter().map(|t| centered_cell(t, true)).collect(),
        cant_split: true,
        ..Row::default()
    }
}

/// The roadmap table: a header row and `items` data rows in stages of ten, each stage opened
/// by a full-width stage row kept with the next row. Rows 3–5 share one responsible person
/// (a vertical merge); item 7 holds a bulleted list; item 9 merges deadline and responsible.
pub fn roadmap_table(items: usize, width: f32) -> Table {
    let mut rows = vec![header_row(&[
        "№ п/п",
        TABLE_HEADER,
        "Сроки реализации",
        "Ответственный исполнитель",
        "Отметка о выполнении",
    ])];
    for n in 1..=items {
        if n % 10 == 1 {
            let stage = n / 10 + 1;
            rows.push(Row {
                cells: vec![Cell {
                    colspan: 5,
                    ..centered_cell(
                        &format!("{stage}. Этап {stage}: организационно-методический"),
                        true,
                    )
                }],
                keep_with_next: true,
                cant_split: true,
            });
        }
        let activity = format!(
            "{ROW_MARKER} {n}: проведение семинара для заместителей директоров по\u{a0}учебно-воспитательной \
             работе общеобразовательных организаций по вопросам повышения качества образования"
        );
        let mut activity_cell = text_cell(&activity);
        if n == 7 {
            activity_cell
                .paragraphs
                .push(bullet("утверждение состава рабочей группы;"));
            activity_cell.paragraphs.push(bullet(
                "утверждение плана мероприятий по повышению качества образования в школах с низкими результатами обучения;",
            ));
            activity_cell
                .paragraphs
                .push(bullet("назначение ответственных лиц."));
        }
        let mut cells = vec![centered_cell(&format!("{n}."), false), activity_cell];
        match n % 10 {
            3 => {
                cells.push(text_cell("16.02.2023"));
                cells.push(Cell {
                    rowspan: 3,
                    valign: VAlign::Middle,
                    ..text_cell(
                        "Морозова\u{a0}О.Л., начальник Управления образования г.\u{a0}Таганрога",
                    )
                });
            }
            4 | 5 => cells.push(text_cell("март 2023\u{a0}г.")),
            9 => cells.push(Cell {
                colspan: 2,
                ..text_cell("В течение года, все руководители ОО")
            }),
            _ => {
                cells.push(text_cell("I квартал 2023\u{a0}г."));
                cells.push(text_cell(
                    "Земляненко\u{a0}Н.В., директор МОБУ лицея №\u{a0}7",
                ));
            }
        }
        cells.push(text_cell(""));
        rows.push(Row {
            cells,
            ..Row::default()
        });
    }
    Table {
        columns: columns(&[6.0, 46.0, 16.0, 20.0, 12.0], width),
        borders: true,
        border_width: 0.5,
        padding: [0.0, 5.4, 0.0, 5.4],
        header_rows: 1,
        page_break_before: false,
        rows,
    }
}

/// Position at the left, «И.О. Фамилия» at the right on the level of the last line.
pub fn signature_table(width: f32) -> Table {
    let right = ParaStyle {
        align: Align::Right,
        ..ParaStyle::default()
    };
    Table {
        columns: columns(&[60.0, 40.0], width),
        borders: false,
        border_width: 0.0,
        padding: [0.0, 0.0, 0.0, 0.0],
        header_rows: 0,
        page_break_before: false,
        rows: vec![Row {
            cells: vec![
                cell(vec![para(
                    ParaStyle::default(),
                    vec![
                        text("Начальник Управления"),
                        Inline::LineBreak,
                        text("образования г.\u{a0}Таганрога"),
                    ],
                )]),
                Cell {
                    valign: VAlign::Bottom,
                    ..cell(vec![para(right, vec![text("О.Л.\u{a0}Морозова")])])
                },
            ],
            cant_split: true,
            keep_with_next: false,
        }],
    }
}

/// The electronic-signature mark: a framed cell in a table without borders.
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
    Table {
        columns: columns(&[35.0, 45.0, 20.0], width),
        borders: false,
        border_width: 0.75,
        padding: [2.0, 4.0, 2.0, 4.0],
        header_rows: 0,
        page_break_before: false,
        rows: vec![Row {
            cells: vec![
                cell(vec![para(
                    ParaStyle::default(),
                    vec![text("Начальник Управления")],
                )]),
                Cell {
                    frame: true,
                    ..cell(vec![
                        para(center.clone(), vec![bold("ДОКУМЕНТ ПОДПИСАН")]),
                        para(center, vec![bold("ЭЛЕКТРОННОЙ ПОДПИСЬЮ")]),
                        para(small.clone(), vec![text("Сертификат 01A2B3C4D5E6F7")]),
                        para(
                            small.clone(),
                            vec![text("Владелец Морозова Ольга Леонидовна")],
                        ),
                        para(small, vec![text("Действителен с 01.02.2023 по 01.05.2024")]),
                    ])
                },
                Cell {
                    valign: VAlign::Bottom,
                    ..cell(vec![para(
                        ParaStyle {
                            align: Align::Right,
                            ..ParaStyle::default()
                        },
                        vec![text("О.Л.\u{a0}Морозова")],
                    )])
                },
            ],
            cant_split: true,
            keep_with_next: false,
        }],
    }
}

/// The whole sample: a portrait appendix with a 60-item table, then a landscape section.
pub fn roadmap_document() -> Document {
    let width = portrait_text_width();
    let mark_style = ParaStyle {
        indent_left: mm(100.0),
        ..ParaStyle::default()
    };
    let title_style = ParaStyle {
        align: Align::Center,
        space_before: 12.0,
        space_after: 12.0,
        keep_with_next: true,
        ..ParaStyle::default()
    };
    let first = Section {
        page: PageSetup::default(),
        page_numbers: true,
        blocks: vec![
            Block::Paragraph(para(
                mark_style,
                vec![
                    text("Приложение"),
                    Inline::LineBreak,
                    text("к приказу Управления образования г.\u{a0}Таганрога"),
                    Inline::LineBreak,
                    text("от 16.02.2023 №\u{a0}206"),
                ],
            )),
            Block::Paragraph(para(
                title_style.clone(),
                vec![
                    bold("Муниципальная дорожная карта"),
                    Inline::LineBreak,
                    bold(
                        "организационно-методического сопровождения школ с низкими результатами обучения",
                    ),
                ],
            )),
            Block::Paragraph(para(
                body_style(),
                vec![
                    bold("Цель: "),
                    text(
                        "создание условий для перевода школ с низкими результатами обучения в эффективный \
                         режим функционирования и развития.",
                    ),
                ],
            )),
            Block::Table(roadmap_table(60, width)),
            Block::Paragraph(para(
                ParaStyle {
                    space_before: 24.0,
                    ..ParaStyle::default()
                },
                vec![],
            )),
            Block::Table(signature_table(width)),
            Block::Paragraph(para(
                ParaStyle {
                    space_before: 12.0,
                    ..ParaStyle::default()
                },
                vec![],
            )),
            Block::Table(e_signature_table(width)),
        ],
    };
    let landscape = PageSetup {
        width: mm(297.0),
        height: mm(210.0),
        ..PageSetup::default()
    };
    let landscape_width = mm(297.0 - 40.0);
    let second = Section {
        page: landscape,
        page_numbers: true,
        blocks: vec![
            Block::Paragraph(para(
                title_style,
                vec![Inline::Text(Text {
                    text: SECTION_TWO_TITLE.to_owned(),
                    bold: true,
                    letter_spacing: 2.0,
                    ..Text::default()
                })],
            )),
            Block::Table(roadmap_table(30, landscape_width)),
        ],
    };
    Document {
        meta: Meta {
            title: "Муниципальная дорожная карта".to_owned(),
            author: "Управление образования г. Таганрога".to_owned(),
            subject: String::new(),
            language: "ru-RU".to_owned(),
        },
        sections: vec![first, second],
    }
}
