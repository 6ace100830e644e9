//! Templates and the page description together: a hand-built template context goes through
//! `template::render` and `page::parse`, and the IR is checked for the approved layout.

use dorkarta::ir::{Align, Block, Document, Inline, Paragraph, Table, VAlign, mm};
use dorkarta::page;
use dorkarta::resolve::context::*;
use dorkarta::template::{self, TemplateOptions};

const NBSP: char = '\u{a0}';

fn cell(key: &str, text: &[&str]) -> CellCtx {
    CellCtx {
        key: key.into(),
        colspan: 1,
        rowspan: 1,
        text: text.iter().map(|s| s.to_string()).collect(),
        list: Vec::new(),
        align: String::new(),
        valign: String::new(),
    }
}

fn spanned(mut c: CellCtx, colspan: usize, rowspan: usize) -> CellCtx {
    c.colspan = colspan;
    c.rowspan = rowspan;
    c
}

fn row(kind: &str, cells: Vec<CellCtx>) -> RowCtx {
    RowCtx {
        kind: kind.into(),
        cells,
        source: String::new(),
        emphasis: match kind {
            "stage" => "bold",
            "heading" => "italic",
            _ => "",
        }
        .into(),
    }
}

fn columns() -> Vec<ColumnCtx> {
    [
        ("number", "№ п/п", 6.0),
        ("activity", "Содержание деятельности", 46.0),
        ("deadline", "Сроки реализации", 16.0),
        ("responsible", "Ответственный исполнитель", 20.0),
        ("mark", "Отметка о выполнении", 12.0),
    ]
    .into_iter()
    .map(|(key, title, width)| ColumnCtx {
        key: key.into(),
        title: title.into(),
        width,
        source: String::new(),
    })
    .collect()
}

/// A stage, an item with a list, a heading row, an item with two parts (rowspans), a second stage.
fn rows() -> Vec<RowCtx> {
    let mut listed = cell("activity", &["Издание приказа Управления образования:"]);
    listed.list = vec![
        "утверждение состава рабочей группы;".into(),
        "утверждение плана <мероприятий> & сроков".into(),
    ];
    vec![
        row(
            "stage",
            vec![spanned(
                cell("title", &["Проектно-деятельностный этап"]),
                5,
                1,
            )],
        ),
        row(
            "item",
            vec![
                cell("number", &["1."]),
                listed,
                cell("deadline", &["16.02.2023"]),
                cell("responsible", &["Морозова\u{a0}О.Л."]),
                cell("mark", &[]),
            ],
        ),
        row(
            "heading",
            vec![spanned(
                cell(
                    "title",
                    &["Организация деятельности в рамках содействия региону"],
                ),
                5,
                1,
            )],
        ),
        row(
            "item",
            vec![
                spanned(cell("number", &["2."]), 1, 3),
                cell(
                    "activity",
                    &["Организация цикла вебинаров", "«Система восполнения»"],
                ),
                cell("deadline", &["27.04.2023"]),
                cell("responsible", &["Земляненко Н.В."]),
                spanned(cell("mark", &[]), 1, 3),
            ],
        ),
        row(
            "part",
            vec![
                cell("activity", &["«Наставничество»"]),
                cell("deadline", &["18.05.2023"]),
                cell("responsible", &["Сирота Е.Н."]),
            ],
        ),
        row(
            "part",
            vec![
                cell("activity", &["«Итоги»"]),
                cell("deadline", &["25.05.2023"]),
                cell("responsible", &["Чумак И.В."]),
            ],
        ),
        row(
            "stage",
            vec![spanned(cell("title", &["Итоговый этап"]), 5, 1)],
        ),
        row(
            "item",
            vec![
                cell("number", &["1."]),
                cell("activity", &["Подведение итогов"]),
                cell("deadline", &["май 2023 г."]),
                cell("responsible", &["Баркалова Е.В."]),
                cell("mark", &[]),
            ],
        ),
    ]
}

fn appendix(number: Option<u32>, orientation: &str, mark: MarkCtx) -> AppendixCtx {
    AppendixCtx {
        number,
        mark,
        title: vec![
            "Муниципальная дорожная карта".into(),
            "сопровождения школ".into(),
        ],
        subtitle: Some("в 2022-2023 учебном году".into()),
        orientation: orientation.into(),
        preamble: vec![
            PreambleCtx {
                label: "Цель".into(),
                text: Some("создание условий".into()),
                list: vec![],
            },
            PreambleCtx {
                label: "Задачи".into(),
                text: None,
                list: vec!["разработка мер;".into(), "формирование сообщества".into()],
            },
        ],
        preamble_labels: "colon".into(),
        columns: columns(),
        header: vec![
            columns()
                .into_iter()
                .map(|c| HeaderCellCtx {
                    title: c.title,
                    colspan: 1,
                    rowspan: 1,
                    source: c.source,
                })
                .collect(),
        ],
        column_numbers: false,
        indicators: None,
        rows: rows(),
        signature: None,
    }
}

fn appendix_mark() -> MarkCtx {
    MarkCtx {
        kind: "appendix".into(),
        word: None,
        position: None,
        name: None,
        date: None,
        order_date: Some("16.02.2023".into()),
    }
}

fn order_ctx(text: Option<OrderTextCtx>) -> OrderCtx {
    OrderCtx {
        act: ActCtx {
            kind: "приказ".into(),
            heading: "ПРИКАЗ".into(),
            nominative: "Приказ".into(),
            dative: "приказу".into(),
            instrumental: "приказом".into(),
        },
        authority: "Управление образования г. Таганрога".into(),
        authority_genitive: "Управления образования г.\u{a0}Таганрога".into(),
        date: "16.02.2023".into(),
        date_words: "16 февраля 2023 г.".into(),
        number: "206".into(),
        text,
    }
}

fn signature(electronic: bool) -> SignatureCtx {
    SignatureCtx {
        position: "Начальник Управления образования г. Таганрога".into(),
        name: "О.Л.\u{a0}Морозова".into(),
        electronic: electronic.then(|| ElectronicCtx {
            certificate: "01AB23CD".into(),
            owner: "Морозова Ольга Леонидовна".into(),
            valid_from: "01.12.2022".into(),
            valid_to: "01.03.2024".into(),
        }),
    }
}

/// An order with its text and two appendices, the second landscape.
fn order() -> Resolved {
    let text = OrderTextCtx {
        header: vec!["Управление образования".into(), "г. Таганрога".into()],
        place: Some("г. Таганрог".into()),
        heading: "Об утверждении дорожной карты".into(),
        preamble: vec!["Во исполнение приказа министерства".into()],
        command: "п р и к а з ы в а ю:".into(),
        clauses: vec![
            ClauseCtx {
                number: "1.".into(),
                text: "Утвердить дорожную карту (приложение 1).".into(),
                items: vec![],
            },
            ClauseCtx {
                number: "2.".into(),
                text: "Назначить:".into(),
                items: vec!["координатора;".into(), "наставников.".into()],
            },
        ],
        signature: signature(false),
    };
    Resolved {
        meta: MetaCtx {
            title: "Об утверждении дорожной карты".into(),
            author: "Управление образования г. Таганрога".into(),
            date: "2023-02-16".into(),
        },
        order: Some(order_ctx(Some(text))),
        appendices: vec![
            appendix(Some(1), "portrait", appendix_mark()),
            appendix(Some(2), "landscape", appendix_mark()),
        ],
    }
}

/// An appendix alone, approved by a person, signed electronically; no order.
fn approved_by_person() -> Resolved {
    let mark = MarkCtx {
        kind: "approver".into(),
        word: None,
        position: Some("Начальник управления".into()),
        name: Some("Е.В.\u{a0}Коржуева".into()),
        date: Some("22.09.2021".into()),
        order_date: None,
    };
    let mut a = appendix(None, "portrait", mark);
    a.signature = Some(signature(true));
    Resolved {
        meta: MetaCtx {
            title: "Дорожная карта".into(),
            author: "Начальник управления".into(),
            date: String::new(),
        },
        order: None,
        appendices: vec![a],
    }
}

fn build(ctx: &Resolved, opts: &TemplateOptions) -> Document {
    let xhtml = template::render(ctx, opts).unwrap_or_else(|d| panic!("render failed: {d:#?}"));
    page::parse(&xhtml).unwrap_or_else(|d| panic!("parse failed: {d:#?}\n{xhtml}"))
}

fn text_of(p: &Paragraph) -> String {
    p.inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => t.text.clone(),
            Inline::LineBreak => "\n".into(),
        })
        .collect()
}

fn paragraphs(blocks: &[Block]) -> Vec<&Paragraph> {
    blocks
        .iter()
        .filter_map(|b| {
            if let Block::Paragraph(p) = b {
                Some(p)
            } else {
                None
            }
        })
        .collect()
}

fn tables(blocks: &[Block]) -> Vec<&Table> {
    blocks
        .iter()
        .filter_map(|b| {
            if let Block::Table(t) = b {
                Some(t)
            } else {
                None
            }
        })
        .collect()
}

/// The roadmap table: the one with a header row.
fn roadmap(blocks: &[Block]) -> &Table {
    tables(blocks)
        .into_iter()
        .find(|t| t.header_rows > 0)
        .expect("a table with a header")
}

#[test]
fn order_renders_its_text_then_each_appendix_as_a_section() {
    let d = build(&order(), &TemplateOptions::default());
    assert_eq!(d.sections.len(), 3);
    assert_eq!(d.meta.title, "Об утверждении дорожной карты");
    assert_eq!(d.meta.language, "ru-RU");
    assert!(
        d.sections.iter().all(|s| s.page_numbers),
        "numbers from page 2 in every section"
    );
    let [order, first, second] = &d.sections[..] else {
        unreachable!()
    };
    assert!(order.page.width < order.page.height && first.page.width < first.page.height);
    assert!(
        second.page.width > second.page.height,
        "the second appendix is landscape"
    );
    for s in &d.sections {
        assert!(
            (s.page.margin_left - mm(30.0)).abs() < 0.01
                && (s.page.margin_right - mm(10.0)).abs() < 0.01
        );
        assert!(
            (s.page.margin_top - mm(20.0)).abs() < 0.01
                && (s.page.margin_bottom - mm(20.0)).abs() < 0.01
        );
    }
}

#[test]
fn order_text_has_header_kind_date_number_command_clauses_and_signature() {
    let d = build(&order(), &TemplateOptions::default());
    let blocks = &d.sections[0].blocks;
    let ps = paragraphs(blocks);
    let texts: Vec<String> = ps.iter().map(|p| text_of(p)).collect();
    assert_eq!(texts[0], "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ");
    assert_eq!(ps[0].style.align, Align::Center);
    assert!(texts.contains(&"ПРИКАЗ".to_string()));
    let command = ps
        .iter()
        .find(|p| text_of(p) == "п р и к а з ы в а ю:")
        .expect("the command word, spaced out");
    assert!(command.style.keep_with_next && command.style.indent_first == 0.0);
    let clause = ps
        .iter()
        .find(|p| text_of(p).starts_with("1. Утвердить"))
        .expect("clause 1");
    assert_eq!(clause.style.align, Align::Justify);
    assert!((clause.style.indent_first - mm(12.5)).abs() < 0.01);
    assert!(texts.contains(&"– координатора;".to_string()));
    // Date and number on one line: a borderless two-cell row.
    let date = tables(blocks)[0];
    assert!(!date.borders);
    assert_eq!(
        text_of(&date.rows[0].cells[0].paragraphs[0]),
        "от 16.02.2023"
    );
    assert_eq!(
        text_of(&date.rows[0].cells[1].paragraphs[0]),
        format!("№{NBSP}206")
    );
    // The signature: position left, name right at the level of the position's last line.
    let sig = tables(blocks).last().copied().unwrap();
    assert!(!sig.borders && sig.rows[0].cells.len() == 2);
    let name = &sig.rows[0].cells[1];
    assert_eq!(name.valign, VAlign::Bottom);
    assert_eq!(name.paragraphs[0].style.align, Align::Right);
    assert_eq!(text_of(&name.paragraphs[0]), format!("О.Л.{NBSP}Морозова"));
    let text_width = mm(170.0);
    assert!((sig.columns.iter().sum::<f32>() - text_width).abs() < 0.01);
}

#[test]
fn appendix_mark_names_the_number_the_order_and_its_date() {
    let d = build(&order(), &TemplateOptions::default());
    for (section, n) in [(&d.sections[1], 1), (&d.sections[2], 2)] {
        let ps = paragraphs(&section.blocks);
        assert_eq!(text_of(ps[0]), format!("Приложение №{NBSP}{n}"));
        assert_eq!(
            text_of(ps[1]),
            format!("к приказу Управления образования г.{NBSP}Таганрога")
        );
        assert_eq!(text_of(ps[2]), format!("от 16.02.2023 №{NBSP}206"));
        let text_width = section.page.width - section.page.margin_left - section.page.margin_right;
        let line = text_width - ps[0].style.indent_left;
        assert!(
            line <= mm(75.0) + 0.01 && line > mm(60.0),
            "mark lines ≤ 7.5 cm, in the right part"
        );
        assert!(
            ps[..3]
                .iter()
                .all(|p| p.style.keep_with_next && p.style.indent_first == 0.0)
        );
    }
}

#[test]
fn roadmap_table_repeats_its_header_and_keeps_stage_rows_with_the_next() {
    let d = build(&order(), &TemplateOptions::default());
    let t = roadmap(&d.sections[1].blocks);
    assert_eq!(t.header_rows, 1);
    assert!(t.borders);
    assert_eq!(t.columns.len(), 5);
    let total: f32 = t.columns.iter().sum();
    assert!((total - mm(170.0)).abs() < 0.01);
    assert!((t.columns[1] / total - 0.46).abs() < 1e-4);
    let header = &t.rows[0].cells[0].paragraphs[0];
    assert_eq!(header.style.align, Align::Center);
    assert!(matches!(&header.inlines[0], Inline::Text(x) if x.bold && x.text == "№ п/п"));
    assert!(
        (header.style.font_size - 12.0).abs() < 0.01,
        "12 pt in tables"
    );
    // Word, LibreOffice and dorkarta hyphenate differently: rows must break alike in all three.
    assert!(
        !header.style.hyphenate,
        "no automatic hyphenation in tables"
    );

    let body = &t.rows[1..];
    assert_eq!(body.len(), 8);
    let stage = &body[0];
    assert!(stage.keep_with_next && stage.cant_split);
    assert_eq!(stage.cells[0].colspan, 5);
    assert!(matches!(&stage.cells[0].paragraphs[0].inlines[0], Inline::Text(x) if x.bold));
    assert!(
        body[2].keep_with_next,
        "a heading row is kept with the next row too"
    );
    assert!(
        !body[1].keep_with_next && !body[1].cant_split,
        "item rows may break across pages"
    );
    // The item with parts: number and mark span its three rows.
    assert_eq!(body[3].cells[0].rowspan, 3);
    assert_eq!(body[3].cells[4].rowspan, 3);
    assert_eq!(body[4].cells.len(), 3);
    assert_eq!(body[3].cells[1].paragraphs.len(), 2);
    // Number and deadline centred, activity flush left.
    assert_eq!(body[1].cells[0].paragraphs[0].style.align, Align::Center);
    assert_eq!(body[1].cells[2].paragraphs[0].style.align, Align::Center);
    assert_eq!(body[1].cells[1].paragraphs[0].style.align, Align::Left);
    // The list in a cell: hanging bullets, text kept as written (escaped, not markup).
    let items = &body[1].cells[1].paragraphs;
    assert_eq!(items.len(), 3);
    assert_eq!(items[1].style.bullet.as_deref(), Some("–"));
    assert!(items[1].style.indent_first < 0.0);
    assert_eq!(
        text_of(&items[2]),
        "утверждение плана <мероприятий> & сроков"
    );
    // An empty cell still holds one (empty) paragraph.
    assert_eq!(body[1].cells[4].paragraphs.len(), 1);
    // Landscape: the same table over the wider text.
    let wide = roadmap(&d.sections[2].blocks);
    assert!((wide.columns.iter().sum::<f32>() - mm(257.0)).abs() < 0.01);
}

#[test]
fn appendix_title_preamble_and_body_text_follow_the_layout() {
    let d = build(&order(), &TemplateOptions::default());
    let ps = paragraphs(&d.sections[1].blocks);
    let title = ps
        .iter()
        .find(|p| text_of(p).starts_with("Муниципальная"))
        .unwrap();
    assert_eq!(
        text_of(title),
        "Муниципальная дорожная карта\nсопровождения школ"
    );
    assert_eq!(title.style.align, Align::Center);
    assert!(title.style.keep_with_next);
    let goal = ps.iter().find(|p| text_of(p).starts_with("Цель:")).unwrap();
    assert_eq!(text_of(goal), "Цель: создание условий");
    assert_eq!(goal.style.align, Align::Justify);
    assert!((goal.style.font_size - 14.0).abs() < 0.01);
    assert!(ps.iter().any(|p| text_of(p) == "– разработка мер;"));
}

#[test]
fn appendix_alone_with_an_approver_stamp_and_an_electronic_signature() {
    let d = build(&approved_by_person(), &TemplateOptions::default());
    assert_eq!(d.sections.len(), 1);
    let blocks = &d.sections[0].blocks;
    let ps = paragraphs(blocks);
    let stamp: Vec<String> = ps[..4].iter().map(|p| text_of(p)).collect();
    assert_eq!(
        stamp,
        vec![
            "УТВЕРЖДАЮ".to_string(),
            "Начальник управления".to_string(),
            format!("______________ Е.В.{NBSP}Коржуева"),
            "22.09.2021".to_string(),
        ]
    );
    assert!(ps[0].style.indent_left >= mm(90.0));
    let sig = tables(blocks).last().copied().unwrap();
    assert!(!sig.borders);
    let frame = &sig.rows[0].cells[1];
    assert!(frame.frame, "the electronic-signature mark is framed");
    let lines: Vec<String> = frame.paragraphs.iter().map(text_of).collect();
    assert_eq!(lines[0], "ДОКУМЕНТ ПОДПИСАН\nЭЛЕКТРОННОЙ ПОДПИСЬЮ");
    assert_eq!(lines[1], "Сертификат 01AB23CD");
    assert_eq!(lines[2], "Владелец Морозова Ольга Леонидовна");
    assert_eq!(lines[3], "Действителен с 01.12.2022 по 01.03.2024");
    assert!(!sig.rows[0].cells[0].frame && !sig.rows[0].cells[2].frame);
}

#[test]
fn appendix_alone_without_number_is_marked_appendix() {
    let mut ctx = approved_by_person();
    ctx.order = Some(order_ctx(None));
    ctx.appendices[0].mark = appendix_mark();
    let d = build(&ctx, &TemplateOptions::default());
    let ps = paragraphs(&d.sections[0].blocks);
    assert_eq!(text_of(ps[0]), "Приложение");
    ctx.appendices[0].mark = MarkCtx {
        kind: "approved".into(),
        word: Some("УТВЕРЖДЕН".into()),
        position: None,
        name: None,
        date: None,
        order_date: Some("16.02.2023".into()),
    };
    let d = build(&ctx, &TemplateOptions::default());
    let ps = paragraphs(&d.sections[0].blocks);
    assert_eq!(text_of(ps[0]), "УТВЕРЖДЕН");
    assert_eq!(
        text_of(ps[1]),
        format!("приказом Управления образования г.{NBSP}Таганрога")
    );
}

/// The document's properties and its paragraphs outside tables (the marks, the titles).
fn outside_tables(d: &Document) -> String {
    let mut out = format!("{}\n{}\n{}\n", d.meta.title, d.meta.author, d.meta.subject);
    for section in &d.sections {
        for p in paragraphs(&section.blocks) {
            out.push_str(&text_of(p));
            out.push('\n');
        }
    }
    out
}

#[test]
fn without_an_order_nothing_prints_an_empty_date_or_number() {
    let ctx = approved_by_person();
    let d = build(&ctx, &TemplateOptions::default());
    assert_eq!(d.meta.subject, "");
    assert_eq!(d.meta.author, "Начальник управления");
    let text = outside_tables(&d);
    assert!(!text.contains("приказ"), "{text}");
    assert!(!text.contains('№'), "{text}");
    assert!(!text.contains("от "), "{text}");

    // No mark at all: the title opens the page.
    let mut none = approved_by_person();
    none.appendices[0].mark = MarkCtx {
        kind: "none".into(),
        word: None,
        position: None,
        name: None,
        date: None,
        order_date: None,
    };
    let d = build(&none, &TemplateOptions::default());
    let ps = paragraphs(&d.sections[0].blocks);
    assert!(text_of(ps[0]).starts_with("Муниципальная дорожная карта"));
    assert!(!outside_tables(&d).contains("УТВЕРЖДАЮ"));
}

#[test]
fn an_order_without_a_number_prints_no_bare_number_sign() {
    let mut ctx = approved_by_person();
    let mut order = order_ctx(None);
    order.number = String::new();
    ctx.order = Some(order);
    let d = build(&ctx, &TemplateOptions::default());
    assert_eq!(d.meta.subject, "Приложение к приказу от 16.02.2023");
    ctx.appendices[0].mark = appendix_mark();
    let d = build(&ctx, &TemplateOptions::default());
    let ps = paragraphs(&d.sections[0].blocks);
    assert_eq!(text_of(ps[2]), "от 16.02.2023");
}

#[test]
fn context_text_is_escaped_in_text_and_attributes() {
    let mut ctx = order();
    ctx.meta.title = "План \"Школа\" & <рост>".into();
    ctx.appendices[0].title = vec!["Карта <b>жирно</b> & \"кавычки\" 'апостроф'".into()];
    let d = build(&ctx, &TemplateOptions::default());
    assert_eq!(d.meta.title, "План \"Школа\" & <рост>");
    let ps = paragraphs(&d.sections[1].blocks);
    assert!(
        ps.iter()
            .any(|p| text_of(p) == "Карта <b>жирно</b> & \"кавычки\" 'апостроф'")
    );
}

#[test]
fn rendering_twice_gives_the_same_text() {
    let opts = TemplateOptions::default();
    assert_eq!(
        template::render(&order(), &opts).unwrap(),
        template::render(&order(), &opts).unwrap()
    );
}

fn user_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn user_template_overrides_one_block_of_the_builtin() {
    let dir = user_dir(&[
        (
            "appendix.xhtml.tera",
            "{% extends \"builtin/appendix.xhtml.tera\" %}\n\
         {% block title %}<p align=\"center\"><b>ПЛАН: {{ appendix.title | join(sep=\" \") }}</b></p>{% endblock title %}\n",
        ),
        ("notes.txt", "not a template {{"),
    ]);
    let opts = TemplateOptions {
        dir: Some(dir.path().to_path_buf()),
        time_limit: None,
        isolate: None,
    };
    let d = build(&order(), &opts);
    for section in &d.sections[1..] {
        let ps = paragraphs(&section.blocks);
        assert!(
            ps.iter()
                .any(|p| text_of(p) == "ПЛАН: Муниципальная дорожная карта сопровождения школ")
        );
        assert!(
            !ps.iter().any(|p| text_of(p).starts_with("Муниципальная")),
            "the built-in title is replaced"
        );
        assert!(
            text_of(ps[0]).starts_with("Приложение"),
            "the other blocks stay"
        );
        assert_eq!(roadmap(&section.blocks).header_rows, 1);
    }
}

#[test]
fn user_template_overrides_a_macro_file_by_name() {
    let dir = user_dir(&[(
        "requisites.xhtml.tera",
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/requisites.xhtml.tera"
        ))
        .unwrap()
        .replace(">УТВЕРЖДАЮ<", ">СОГЛАСОВАНО<"),
    )]);
    let d = build(
        &approved_by_person(),
        &TemplateOptions {
            dir: Some(dir.path().to_path_buf()),
            time_limit: None,
            isolate: None,
        },
    );
    assert_eq!(text_of(paragraphs(&d.sections[0].blocks)[0]), "СОГЛАСОВАНО");
}

fn render_err(ctx: &Resolved, files: &[(&str, &str)]) -> Vec<dorkarta::diag::Diagnostic> {
    let dir = user_dir(files);
    match template::render(
        ctx,
        &TemplateOptions {
            dir: Some(dir.path().to_path_buf()),
            time_limit: None,
            isolate: None,
        },
    ) {
        Ok(x) => panic!("expected an error, got {x}"),
        Err(d) => d,
    }
}

#[test]
fn broken_user_template_names_its_file_and_line() {
    let d = render_err(
        &order(),
        &[(
            "appendix.xhtml.tera",
            "{% extends \"builtin/appendix.xhtml.tera\" %}\n{% block title %}\n<p>{{ appendix.title }</p>\n{% endblock title %}\n",
        )],
    );
    assert_eq!(d.len(), 1);
    assert!(
        d[0].file
            .as_deref()
            .unwrap()
            .ends_with("appendix.xhtml.tera"),
        "{:?}",
        d[0]
    );
    assert_eq!(d[0].pos.line, 3);
    assert!(d[0].message.contains("синтаксис"));
}

#[test]
fn unknown_variable_in_a_user_template_names_its_file_and_line() {
    let d = render_err(
        &order(),
        &[(
            "appendix.xhtml.tera",
            "{% extends \"builtin/appendix.xhtml.tera\" %}\n{% block title %}\n\n<p>{{ appendix.titel }}</p>{% endblock title %}\n",
        )],
    );
    assert_eq!(d.len(), 1, "said once, not once per appendix: {d:#?}");
    assert!(
        d[0].file
            .as_deref()
            .unwrap()
            .ends_with("appendix.xhtml.tera")
    );
    assert_eq!((d[0].pos.line, d[0].pos.column), (4, 7));
    assert!(d[0].message.contains("appendix.titel"));
}

#[test]
fn extending_a_missing_template_names_the_line() {
    let d = render_err(
        &order(),
        &[(
            "order.xhtml.tera",
            "\n{% extends \"builtin/orders.xhtml.tera\" %}\n",
        )],
    );
    assert!(d[0].file.as_deref().unwrap().ends_with("order.xhtml.tera"));
    assert_eq!(d[0].pos.line, 2);
    assert!(d[0].message.contains("builtin/orders.xhtml.tera"));
}

#[test]
fn user_template_producing_bad_markup_fails_in_the_page_parser() {
    let dir = user_dir(&[(
        "appendix.xhtml.tera",
        "{% extends \"builtin/appendix.xhtml.tera\" %}{% block title %}<p colour=\"red\">x</p>{% endblock title %}",
    )]);
    let xhtml = template::render(
        &order(),
        &TemplateOptions {
            dir: Some(dir.path().to_path_buf()),
            time_limit: None,
            isolate: None,
        },
    )
    .unwrap();
    let d = page::parse(&xhtml).unwrap_err();
    assert_eq!(d.len(), 2, "one per appendix: {d:#?}");
    assert!(d[0].message.contains("colour"));
    assert!(d[0].pos.line > 0);
    assert!(
        d[0].hints.iter().any(|h| h.contains(&format!(
            "шаблоном {}",
            dir.path().join("appendix.xhtml.tera").display()
        ))),
        "{:?}",
        d[0].hints
    );
}

#[test]
fn missing_template_folder_is_an_error() {
    let d = template::render(
        &order(),
        &TemplateOptions {
            dir: Some("/nonexistent/dorkarta-templates".into()),
            time_limit: None,
            isolate: None,
        },
    )
    .unwrap_err();
    assert!(d[0].file.as_deref().unwrap().contains("dorkarta-templates"));
}

#[cfg(unix)]
#[test]
fn templates_linked_from_outside_the_folder_are_refused() {
    let outside = user_dir(&[("secret.xhtml.tera", "{{ meta.title }}")]);
    let dir = user_dir(&[]);
    std::os::unix::fs::symlink(
        outside.path().join("secret.xhtml.tera"),
        dir.path().join("appendix.xhtml.tera"),
    )
    .unwrap();
    let d = template::render(
        &order(),
        &TemplateOptions {
            dir: Some(dir.path().to_path_buf()),
            time_limit: None,
            isolate: None,
        },
    )
    .unwrap_err();
    assert!(d[0].message.contains("за пределы"));
}

#[test]
fn clock_and_random_functions_are_not_available_and_say_where() {
    let d = render_err(
        &order(),
        &[(
            "order.xhtml.tera",
            "{% extends \"builtin/order.xhtml.tera\" %}\n{% block place %}\n<p>{{ now() }}</p>{% endblock place %}\n",
        )],
    );
    assert!(d[0].message.contains("now"), "{:?}", d[0]);
    assert!(d[0].file.as_deref().unwrap().ends_with("order.xhtml.tera"));
    assert_eq!(d[0].pos.line, 3);
}

#[test]
fn error_inside_a_user_macro_names_the_macro_file_and_line() {
    let requisites = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/templates/requisites.xhtml.tera"
    ))
    .unwrap()
    .replace(
        "к {{ order.act.dative }} {{ order.authority_genitive }}",
        "к {{ order.act.dative }} {{ order.authority_genitiv }}",
    );
    let d = render_err(&order(), &[("requisites.xhtml.tera", &requisites)]);
    assert_eq!(d.len(), 1);
    assert!(
        d[0].file
            .as_deref()
            .unwrap()
            .ends_with("requisites.xhtml.tera"),
        "{:?}",
        d[0]
    );
    let line = requisites
        .lines()
        .position(|l| l.contains("authority_genitiv }}"))
        .unwrap()
        + 1;
    assert_eq!(d[0].pos.line as usize, line);
    assert!(d[0].message.contains("order.authority_genitiv"));
}

/// A source with the act's text and two appendices, the first marked «Приложение», the second
/// «УТВЕРЖДЕН»; `order` and `appendix` are extra lines for the order and the first appendix.
fn act_source(order: &str, text: &str, appendix: &str) -> String {
    let table = "    columns:
      - { key: number, title: № п/п, width: 10 }
      - { key: activity, title: Мероприятие, width: 90 }
    stages: [ { title: Этап, items: [ { activity: Совещание } ] } ]
";
    format!(
        "order:
{order}  authority: Администрация города Таганрога
  authority_genitive: Администрации города Таганрога
  date: 2015-11-13
  number: \"5\"
  text:
    heading: Об утверждении плана
{text}    clauses: [ {{ text: Утвердить план., appendix: plan }} ]
    signature: {{ position: Глава города, name: А.В. Пуликова }}
appendices:
  - id: plan
{appendix}    title: План
{table}  - mark: {{ kind: approved, word: УТВЕРЖДЕН }}
    title: Перечень
{table}"
    )
}

/// The lines a source prints outside its tables, and its document subject.
fn printed(yaml: &str) -> (Vec<String>, String) {
    let resolved = dorkarta::pipeline::prepare(yaml.as_bytes(), None)
        .unwrap_or_else(|d| panic!("{d:#?}"))
        .value;
    let d = build(&resolved, &TemplateOptions::default());
    let lines = d
        .sections
        .iter()
        .flat_map(|s| paragraphs(&s.blocks))
        .map(|p| text_of(p).replace(NBSP, " "))
        .collect();
    (lines, d.meta.subject.clone())
}

#[test]
fn every_kind_of_act_is_named_in_its_own_forms_wherever_it_is_printed() {
    let kinds = [
        (
            "",
            "ПРИКАЗ",
            "п р и к а з ы в а ю:",
            "приказу",
            "приказом",
            "Приказ",
        ),
        (
            "  kind: постановление\n",
            "ПОСТАНОВЛЕНИЕ",
            "п о с т а н о в л я ю:",
            "постановлению",
            "постановлением",
            "Постановление",
        ),
        (
            "  kind: распоряжение\n",
            "РАСПОРЯЖЕНИЕ",
            "о б я з ы в а ю:",
            "распоряжению",
            "распоряжением",
            "Распоряжение",
        ),
        (
            "  kind: решение\n",
            "РЕШЕНИЕ",
            "р е ш и л:",
            "решению",
            "решением",
            "Решение",
        ),
    ];
    for (kind, heading, command, dative, instrumental, subject) in kinds {
        let (lines, got_subject) = printed(&act_source(kind, "", ""));
        let has = |line: &str| lines.iter().any(|l| l == line);
        assert!(has(heading), "{heading}: {lines:#?}");
        assert!(has(command), "{command}: {lines:#?}");
        assert!(
            has(&format!("к {dative} Администрации города Таганрога")),
            "{lines:#?}"
        );
        assert!(
            has(&format!("{instrumental} Администрации города Таганрога")),
            "{lines:#?}"
        );
        assert_eq!(got_subject, format!("{subject} от 13.11.2015 № 5"));
    }
}

#[test]
fn the_command_word_can_be_the_acts_own_or_none() {
    let (lines, _) = printed(&act_source(
        "  kind: распоряжение\n",
        "    command: \"п р е д л а г а ю:\"\n",
        "",
    ));
    assert!(
        lines.iter().any(|l| l == "п р е д л а г а ю:"),
        "{lines:#?}"
    );
    assert!(!lines.iter().any(|l| l == "о б я з ы в а ю:"), "{lines:#?}");
    let (lines, _) = printed(&act_source(
        "  kind: распоряжение\n",
        "    command: \"\"\n",
        "",
    ));
    let heading = lines
        .iter()
        .position(|l| l == "Об утверждении плана")
        .unwrap();
    assert_eq!(lines[heading + 1], "1. Утвердить план (приложение 1).");
}

#[test]
fn an_appendix_prints_its_own_number_and_the_mark_its_date_in_words() {
    let (lines, _) = printed(&act_source(
        "  kind: постановление\n",
        "",
        "    number: 3\n    mark: { date_style: words }\n",
    ));
    let mark = lines.iter().position(|l| l == "Приложение № 3").unwrap();
    assert_eq!(
        lines[mark..mark + 3],
        [
            "Приложение № 3",
            "к постановлению Администрации города Таганрога",
            "от 13 ноября 2015 г. № 5",
        ]
    );
    // The clause refers to the number printed; the second appendix keeps its place, 2, and
    // its mark its digits.
    assert!(
        lines
            .iter()
            .any(|l| l == "1. Утвердить план (приложение 3)."),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l == "от 13.11.2015 № 5"), "{lines:#?}");
}
