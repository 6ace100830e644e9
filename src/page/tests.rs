//! Unit tests of the page-description parser: one per element, one per kind of error.

use super::*;
use crate::ir::{Align, Inline, Table, VAlign};

/// A document with one default section around `body`.
fn doc(body: &str) -> String {
    format!("<document title=\"T\">\n<section>\n{body}\n</section>\n</document>")
}

fn parse_ok(xhtml: &str) -> Document {
    match parse(xhtml) {
        Ok(d) => d,
        Err(diags) => panic!("unexpected diagnostics: {diags:#?}"),
    }
}

fn parse_err(xhtml: &str) -> Vec<Diagnostic> {
    match parse(xhtml) {
        Ok(d) => panic!("expected an error, got {d:#?}"),
        Err(diags) => diags,
    }
}

fn blocks(body: &str) -> Vec<Block> {
    parse_ok(&doc(body)).sections.remove(0).blocks
}

fn para(block: &Block) -> &Paragraph {
    match block {
        Block::Paragraph(p) => p,
        Block::Table(_) => panic!("expected a paragraph"),
    }
}

fn table(block: &Block) -> &Table {
    match block {
        Block::Table(t) => t,
        Block::Paragraph(_) => panic!("expected a table"),
    }
}

fn texts(p: &Paragraph) -> Vec<String> {
    p.inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => t.text.clone(),
            Inline::LineBreak => "<br>".into(),
        })
        .collect()
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn document_attributes_become_metadata() {
    let d = parse_ok(
        "<document title=\"Дорожная карта\" author=\"Управление\" subject=\"Приложение\" lang=\"ru-RU\"><section/></document>",
    );
    assert_eq!(d.meta.title, "Дорожная карта");
    assert_eq!(d.meta.author, "Управление");
    assert_eq!(d.meta.subject, "Приложение");
    assert_eq!(d.meta.language, "ru-RU");
    assert_eq!(d.sections.len(), 1);
}

#[test]
fn section_defaults_are_gost_a4_portrait_numbered_from_second_page() {
    let d = parse_ok("<document><section/></document>");
    assert_eq!(d.meta.language, "ru-RU");
    let s = &d.sections[0];
    assert_eq!(s.page, PageSetup::default());
    assert!(s.page_numbers);
}

#[test]
fn section_landscape_swaps_the_paper_and_takes_margins_as_written() {
    let d = parse_ok(
        "<document><section size=\"A4\" orientation=\"landscape\" margins=\"30mm 10mm 20mm 20mm\" \
         header-distance=\"12mm\" page-numbers=\"none\"/><section/></document>",
    );
    let s = &d.sections[0];
    assert!(close(s.page.width, mm(297.0)) && close(s.page.height, mm(210.0)));
    assert!(close(s.page.margin_top, mm(30.0)) && close(s.page.margin_right, mm(10.0)));
    assert!(close(s.page.margin_bottom, mm(20.0)) && close(s.page.margin_left, mm(20.0)));
    assert!(close(s.page.header_distance, mm(12.0)));
    assert!(!s.page_numbers);
    assert_eq!(d.sections.len(), 2);
}

#[test]
fn paragraph_attributes_resolve_to_para_style() {
    let b = blocks(
        "<p align=\"justify\" indent=\"1cm\" indent-right=\"2mm\" first-indent=\"1.25cm\" space-before=\"6pt\" \
         space-after=\"12pt\" line-spacing=\"1.5\" font-size=\"12pt\" keep-with-next=\"true\" keep-together=\"true\" \
         page-break-before=\"true\" hyphenate=\"true\">Текст</p>",
    );
    let s = &para(&b[0]).style;
    assert_eq!(s.align, Align::Justify);
    assert!(close(s.indent_left, mm(10.0)) && close(s.indent_right, mm(2.0)));
    assert!(close(s.indent_first, mm(12.5)));
    assert!(close(s.space_before, 6.0) && close(s.space_after, 12.0));
    assert!(close(s.line_spacing, 1.5) && close(s.font_size, 12.0));
    assert!(s.keep_with_next && s.keep_together && s.page_break_before && s.hyphenate);
    assert_eq!(s.bullet, None);
}

#[test]
fn style_attributes_are_inherited_but_keep_flags_are_not() {
    let b = blocks("<p align=\"center\" keep-with-next=\"true\">a</p><p>b</p>");
    assert_eq!(para(&b[1]).style, ParaStyle::default());
    let d = parse_ok(
        "<document><section size=\"A4\" align=\"justify\" font-size=\"13pt\"><p>a</p></section></document>",
    );
    let s = &para(&d.sections[0].blocks[0]).style;
    assert!(s.align == Align::Justify && close(s.font_size, 13.0));
}

#[test]
fn section_style_reaches_paragraphs_and_cells_unless_overridden() {
    let b = blocks(
        "<p>a</p></section><section align=\"justify\" first-indent=\"1.25cm\"><p>b</p>\
         <table widths=\"1\" font-size=\"12pt\" first-indent=\"0\"><tbody><tr><td>c</td></tr></tbody></table>",
    );
    assert_eq!(para(&b[0]).style.align, Align::Left);
    let d = parse_ok(&doc(
        "<p>a</p></section><section align=\"justify\" first-indent=\"1.25cm\"><p>b</p>\
         <table widths=\"1\" font-size=\"12pt\" first-indent=\"0\"><tbody><tr><td>c</td></tr></tbody></table>",
    ));
    let second = &d.sections[1];
    let p = para(&second.blocks[0]);
    assert_eq!(p.style.align, Align::Justify);
    assert!(close(p.style.indent_first, mm(12.5)));
    let cell = &table(&second.blocks[1]).rows[0].cells[0].paragraphs[0];
    assert_eq!(cell.style.align, Align::Justify);
    assert!(close(cell.style.indent_first, 0.0) && close(cell.style.font_size, 12.0));
}

#[test]
fn whitespace_collapses_inside_paragraphs_and_is_trimmed_at_edges() {
    let b = blocks("<p>\n   Первая \t строка  <b> жирный </b>  конец\n</p>");
    assert_eq!(
        texts(para(&b[0])),
        vec!["Первая строка ", "жирный ", "конец"]
    );
}

#[test]
fn non_breaking_spaces_are_kept() {
    let b = blocks("<p>от 16.02.2023 №&#160;206 А.В.\u{a0}Пуликова</p>");
    assert_eq!(
        texts(para(&b[0])),
        vec!["от 16.02.2023 №\u{a0}206 А.В.\u{a0}Пуликова"]
    );
}

#[test]
fn bold_italic_underline_nest_and_runs_merge() {
    let b = blocks("<p>a <b>b <i>c <u>d</u></i></b><b>e</b></p>");
    let p = para(&b[0]);
    let runs: Vec<(&str, bool, bool, bool)> = p
        .inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => (t.text.as_str(), t.bold, t.italic, t.underline),
            Inline::LineBreak => panic!("no break here"),
        })
        .collect();
    assert_eq!(
        runs,
        vec![
            ("a ", false, false, false),
            ("b ", true, false, false),
            ("c ", true, true, false),
            ("d", true, true, true),
            ("e", true, false, false)
        ]
    );
}

#[test]
fn span_sets_letter_spacing() {
    let b = blocks("<p><span letter-spacing=\"3pt\">приказываю:</span></p>");
    match &para(&b[0]).inlines[0] {
        Inline::Text(t) => assert!(close(t.letter_spacing, 3.0) && t.text == "приказываю:"),
        Inline::LineBreak => panic!(),
    }
}

#[test]
fn br_breaks_the_line_and_trims_around_it() {
    let b = blocks("<p>Приложение № 1 <br/>\n к приказу<br/></p>");
    assert_eq!(
        texts(para(&b[0])),
        vec!["Приложение № 1", "<br>", "к приказу", "<br>"]
    );
}

#[test]
fn list_items_become_paragraphs_with_a_hanging_bullet() {
    let b = blocks(
        "<ul bullet=\"•\" hang=\"4mm\" indent=\"1cm\" font-size=\"12pt\"><li>один</li><li keep-with-next=\"true\">два</li></ul>",
    );
    assert_eq!(b.len(), 2);
    let first = &para(&b[0]).style;
    assert_eq!(first.bullet.as_deref(), Some("•"));
    assert!(close(first.indent_left, mm(14.0)) && close(first.indent_first, -mm(4.0)));
    assert!(close(first.font_size, 12.0));
    assert!(!first.keep_with_next && para(&b[1]).style.keep_with_next);
    let dash = blocks("<ul><li>x</li></ul>");
    assert_eq!(para(&dash[0]).style.bullet.as_deref(), Some("–"));
}

#[test]
fn table_widths_scale_to_the_text_width() {
    let b = blocks(
        "<table widths=\"6 46 16 20 12\"><thead><tr><th>№</th><th>A</th><th>B</th><th>C</th><th>D</th></tr></thead>\
         <tbody><tr><td>1</td><td>a</td><td>b</td><td>c</td><td/></tr></tbody></table>",
    );
    let t = table(&b[0]);
    let text_width = mm(210.0 - 30.0 - 10.0);
    assert!(close(t.columns.iter().sum::<f32>(), text_width));
    assert!(close(t.columns[1], text_width * 0.46));
    assert_eq!(t.header_rows, 1);
    assert!(t.borders && close(t.border_width, 0.5));
    assert_eq!(t.rows.len(), 2);
}

#[test]
fn landscape_table_uses_the_landscape_text_width() {
    let d = parse_ok(
        "<document><section orientation=\"landscape\"><table widths=\"1 1\"><tbody><tr><td/><td/></tr></tbody></table></section></document>",
    );
    let t = table(&d.sections[0].blocks[0]);
    assert!(close(t.columns[0] + t.columns[1], mm(297.0 - 40.0)));
}

#[test]
fn th_is_bold_and_centred_td_is_not() {
    let b = blocks(
        "<table widths=\"1 1\"><thead><tr><th>Сроки</th><th align=\"left\">Кто</th></tr></thead><tbody><tr><td>x</td><td>y</td></tr></tbody></table>",
    );
    let t = table(&b[0]);
    let th = &t.rows[0].cells[0].paragraphs[0];
    assert_eq!(th.style.align, Align::Center);
    assert!(matches!(&th.inlines[0], Inline::Text(t) if t.bold));
    assert_eq!(t.rows[0].cells[1].paragraphs[0].style.align, Align::Left);
    let td = &t.rows[1].cells[0].paragraphs[0];
    assert!(matches!(&td.inlines[0], Inline::Text(t) if !t.bold));
}

#[test]
fn table_attributes_border_padding_and_break() {
    let b = blocks(
        "<table widths=\"1\" border=\"none\" padding=\"0\" page-break-before=\"true\"><tbody><tr><td>x</td></tr></tbody></table>",
    );
    let t = table(&b[0]);
    assert!(!t.borders && t.border_width == 0.0);
    assert_eq!(t.padding, [0.0; 4]);
    assert!(t.page_break_before);
    assert_eq!(t.header_rows, 0);
}

#[test]
fn rows_and_cells_carry_spans_keeps_valign_and_frame() {
    let b = blocks(
        "<table widths=\"1 1 1\"><tbody>\
         <tr keep-with-next=\"true\" cant-split=\"true\"><td colspan=\"3\"><b>Этап</b></td></tr>\
         <tr><td rowspan=\"2\" valign=\"middle\">1</td><td>a</td><td frame=\"true\" valign=\"bottom\">x</td></tr>\
         <tr><td>b</td><td>y</td></tr>\
         </tbody></table>",
    );
    let t = table(&b[0]);
    assert!(t.rows[0].keep_with_next && t.rows[0].cant_split);
    assert!(!t.rows[1].keep_with_next && !t.rows[1].cant_split);
    assert_eq!(t.rows[0].cells[0].colspan, 3);
    assert_eq!(t.rows[1].cells[0].rowspan, 2);
    assert_eq!(t.rows[1].cells[0].valign, VAlign::Middle);
    assert!(t.rows[1].cells[2].frame && t.rows[1].cells[2].valign == VAlign::Bottom);
    assert_eq!(t.rows[2].cells.len(), 2);
}

#[test]
fn cell_content_mixes_bare_text_paragraphs_and_lists() {
    let b = blocks(
        "<table widths=\"1\"><tbody><tr><td font-size=\"12pt\">\n  Издание приказа:\n  <ul><li>состав</li><li>план</li></ul>\n  <p align=\"right\">итог</p> хвост </td></tr>\
         <tr><td>  </td></tr></tbody></table>",
    );
    let t = table(&b[0]);
    let ps = &t.rows[0].cells[0].paragraphs;
    assert_eq!(ps.len(), 5);
    assert_eq!(texts(&ps[0]), vec!["Издание приказа:"]);
    assert_eq!(ps[1].style.bullet.as_deref(), Some("–"));
    assert!(close(ps[1].style.font_size, 12.0));
    assert_eq!(ps[3].style.align, Align::Right);
    assert_eq!(texts(&ps[4]), vec!["хвост"]);
    let empty = &t.rows[1].cells[0].paragraphs;
    assert_eq!(empty.len(), 1);
    assert!(empty[0].inlines.is_empty());
}

#[test]
fn malformed_xml_is_reported_with_line_and_column() {
    let d = parse_err("<document>\n<section>\n<p>a</section>\n</document>");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].pos.line, 3);
    assert!(d[0].message.contains("XML"), "{}", d[0].message);
}

#[test]
fn unknown_element_is_an_error_with_a_suggestion() {
    let d = parse_err(&doc("<p>a</p>\n  <tabel widths=\"1\"/>"));
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].pos.line, d[0].pos.column), (4, 3));
    assert!(d[0].message.contains("<tabel>"));
    assert!(d[0].hints[0].contains("<table>"), "{:?}", d[0].hints);
    assert_eq!(d[0].path, "document/section/tabel");
}

#[test]
fn unknown_attribute_points_at_the_attribute() {
    let d = parse_err(&doc("<p allign=\"center\">a</p>"));
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].pos.line, d[0].pos.column), (3, 4));
    assert!(d[0].message.contains("allign"));
    assert!(d[0].hints[0].contains("align"));
}

#[test]
fn namespaced_attributes_are_outside_the_subset() {
    let d = parse_err(&doc("<p xml:space=\"preserve\">a</p>"));
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains("space"));
}

#[test]
fn bad_values_are_errors_naming_what_is_expected() {
    let d = parse_err(&doc(
        "<p font-size=\"14\" align=\"middle\" keep-with-next=\"yes\">a</p>",
    ));
    assert_eq!(d.len(), 3);
    assert!(d.iter().all(|x| x.pos.line == 3));
    assert!(d[0].message.contains("font-size=\"14\"") && d[0].hints[0].contains("14pt"));
    assert!(d[1].hints[0].contains("justify"));
    assert!(d[2].hints[0].contains("true"));
    let sec = parse_err(
        "<document><section size=\"B5\" orientation=\"wide\" margins=\"1 2\" page-numbers=\"all\"/></document>",
    );
    assert_eq!(sec.len(), 4);
}

#[test]
fn misplaced_elements_are_bad_nesting() {
    let cases = [
        (doc("<li>x</li>"), "<li>"),
        (doc("<p><p>x</p></p>"), "<p>"),
        (doc("<b>x</b>"), "<b>"),
        (doc("<table widths=\"1\"><tr><td/></tr></table>"), "<tr>"),
        (
            doc(
                "<table widths=\"1\"><tbody><tr><td><table widths=\"1\"/></td></tr></tbody></table>",
            ),
            "<table>",
        ),
        ("<section/>".to_string(), "<document>"),
        ("<document><p>x</p></document>".to_string(), "<p>"),
    ];
    for (xhtml, what) in cases {
        let d = parse_err(&xhtml);
        assert!(
            d.iter().any(|x| x.message.contains(what)),
            "{xhtml}: {d:#?}"
        );
    }
}

#[test]
fn stray_text_outside_paragraphs_is_an_error() {
    let d = parse_err(&doc("текст без абзаца"));
    assert!(d[0].message.contains("текст без абзаца"));
    assert_eq!(d[0].pos.line, 2);
}

#[test]
fn table_without_widths_or_rows_is_an_error() {
    let d = parse_err(&doc("<table><tbody><tr><td/></tr></tbody></table>"));
    assert!(d[0].message.contains("widths"));
    let d = parse_err(&doc("<table widths=\"1\"></table>"));
    assert!(d[0].message.contains("без строк"));
}

#[test]
fn rows_that_do_not_fill_the_columns_are_errors() {
    let short = parse_err(&doc(
        "<table widths=\"1 1 1\"><tbody><tr><td/><td/></tr></tbody></table>",
    ));
    assert!(short[0].message.contains("2 колонок из 3"), "{short:#?}");
    let wide = parse_err(&doc(
        "<table widths=\"1 1\"><tbody><tr><td colspan=\"2\"/><td/></tr></tbody></table>",
    ));
    assert!(wide[0].message.contains("выходит за таблицу"));
    // A cell spanned from above must not be written again.
    let twice = parse_err(&doc(
        "<table widths=\"1 1\"><tbody><tr><td rowspan=\"2\"/><td/></tr><tr><td/><td/></tr></tbody></table>",
    ));
    assert!(twice[0].message.contains("выходит за таблицу"));
    assert_eq!(twice[0].pos.line, 3);
    let deep = parse_err(&doc(
        "<table widths=\"1\"><tbody><tr><td rowspan=\"3\"/></tr></tbody></table>",
    ));
    assert!(deep[0].message.contains("ниже последней строки"));
    let head = parse_err(&doc(
        "<table widths=\"1 1\"><thead><tr><th rowspan=\"2\"/><th/></tr></thead><tbody><tr><td/></tr></tbody></table>",
    ));
    assert!(head[0].message.contains("шапки"));
}

#[test]
fn rowspans_that_fill_the_grid_are_accepted() {
    let b = blocks(
        "<table widths=\"1 1 1\"><tbody>\
         <tr><td rowspan=\"3\"/><td/><td rowspan=\"2\"/></tr>\
         <tr><td/></tr>\
         <tr><td colspan=\"2\"/></tr>\
         </tbody></table>",
    );
    assert_eq!(table(&b[0]).rows.len(), 3);
}

#[test]
fn several_errors_are_all_reported() {
    let d = parse_err(&doc("<p foo=\"1\">a</p>\n<q/>\n<p font-size=\"x\">b</p>"));
    assert_eq!(d.len(), 3);
    let lines: Vec<u32> = d.iter().map(|x| x.pos.line).collect();
    assert_eq!(lines, vec![3, 4, 5]);
}

#[test]
fn empty_document_and_dtd_are_refused() {
    assert!(parse_err("<document/>")[0].message.contains("<section>"));
    assert!(
        !parse_err("<!DOCTYPE document [<!ENTITY x \"y\">]><document><section/></document>")
            .is_empty()
    );
}

#[test]
fn errors_in_a_section_name_the_template_that_made_it() {
    let d = parse_err(
        "<document>\n<!-- template: builtin/order.xhtml.tera -->\n<section><p/></section>\n\
         <!-- template: /home/u/appendix.xhtml.tera -->\n<section><p foo=\"1\"/></section>\n<section><q/></section></document>",
    );
    assert_eq!(d.len(), 2);
    assert!(
        d[0].hints
            .iter()
            .any(|h| h.ends_with("шаблоном /home/u/appendix.xhtml.tera")),
        "{:?}",
        d[0].hints
    );
    assert!(
        !d[1].hints.iter().any(|h| h.contains("шаблоном")),
        "a section without the comment names none"
    );
}

#[test]
fn elements_nested_past_the_limit_are_refused_before_the_recursive_parser() {
    let nested = |n: usize| doc(&format!("<p>{}x{}</p>", "<b>".repeat(n), "</b>".repeat(n)));
    // document, section and p take three levels.
    parse_ok(&nested(super::DEPTH_LIMIT - 3));
    let diags = parse_err(&nested(100_000));
    assert_eq!(diags.len(), 1);
    assert!(
        diags[0].message.contains("вложены глубже 100 уровней"),
        "{}",
        diags[0]
    );
    assert_eq!(diags[0].pos.line, 3);
}

/// A document with these style declarations and one default section around `body`.
fn styled_doc(styles: &str, body: &str) -> String {
    format!(
        "<document title=\"T\">\n{styles}\n<section first-indent=\"1cm\">\n{body}\n</section>\n</document>"
    )
}

#[test]
fn styles_resolve_through_their_base_and_a_role_replaces_what_was_inherited() {
    let d = parse_ok(&styled_doc(
        "<style id=\"text\" name=\"Текст таблицы\" font-size=\"12pt\"/>\n\
         <style id=\"stage\" name=\"Этап\" based-on=\"text\" align=\"center\" bold=\"true\" outline-level=\"2\"/>",
        "<p>обычный</p>\n\
         <p role=\"stage\" space-after=\"3pt\">Этап <i>один</i></p>\n\
         <table widths=\"1\" role=\"text\"><tbody><tr><td role=\"stage\">a<p role=\"text\">b</p></td></tr></tbody></table>",
    ));
    assert_eq!(d.styles.len(), 2);
    let stage = &d.styles[1];
    assert_eq!((stage.id.as_str(), stage.name.as_str()), ("stage", "Этап"));
    assert_eq!(stage.based_on, Some(0));
    assert_eq!(stage.para.font_size, 12.0, "from its base");
    assert_eq!(stage.para.align, Align::Center);
    assert!(stage.bold && !stage.italic);
    assert_eq!(stage.outline_level, Some(2));
    let blocks = &d.sections[0].blocks;
    let plain = para(&blocks[0]);
    assert_eq!(
        (plain.style.named, plain.style.indent_first),
        (None, mm(10.0))
    );
    let p = para(&blocks[1]);
    assert_eq!(p.style.named, Some(1));
    // The role's formatting, not the section's first-line indent; its own attribute on top.
    assert_eq!(p.style.indent_first, 0.0);
    assert_eq!(p.style.font_size, 12.0);
    assert_eq!(p.style.space_after, 3.0);
    let runs: Vec<(bool, bool)> = p
        .inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => (t.bold, t.italic),
            Inline::LineBreak => panic!("no break"),
        })
        .collect();
    assert_eq!(runs, vec![(true, false), (true, true)], "the style's bold");
    let cell = &table(&blocks[2]).rows[0].cells[0];
    let [a, b] = &cell.paragraphs[..] else {
        panic!("two paragraphs")
    };
    assert_eq!(a.style.named, Some(1));
    assert!(matches!(&a.inlines[0], Inline::Text(t) if t.bold));
    assert_eq!(b.style.named, Some(0));
    assert!(
        matches!(&b.inlines[0], Inline::Text(t) if !t.bold),
        "text's own: not bold"
    );
}

#[test]
fn a_list_in_a_hanging_style_keeps_its_indents() {
    let d = parse_ok(&styled_doc(
        "<style id=\"list\" name=\"Список\" indent=\"3mm\" first-indent=\"-3mm\"/>",
        "<ul role=\"list\"><li>a</li></ul><ul><li>b</li></ul>",
    ));
    let blocks = &d.sections[0].blocks;
    let styled = &para(&blocks[0]).style;
    assert_eq!(
        (styled.indent_left, styled.indent_first),
        (mm(3.0), -mm(3.0))
    );
    // Without a hanging style, the bullet hangs by 5 mm past the section's indent.
    let plain = &para(&blocks[1]).style;
    assert_eq!((plain.indent_left, plain.indent_first), (mm(5.0), -mm(5.0)));
}

#[test]
fn bad_styles_and_unknown_roles_are_reported() {
    let d = parse_err(&styled_doc(
        "<style id=\"a b\" name=\"x\"/>\n\
         <style id=\"c\"/>\n\
         <style id=\"d\" name=\"Д\" based-on=\"e\"/>\n\
         <style id=\"f\" name=\"Ф\" outline-level=\"10\"/>\n\
         <style id=\"stage\" name=\"Этап\"/>\n\
         <style id=\"stage\" name=\"Этап\"/>",
        "<p role=\"stag\">a</p>",
    ));
    let messages: Vec<&str> = d.iter().map(|x| x.message.as_str()).collect();
    assert_eq!(d.len(), 6, "{messages:#?}");
    assert!(messages[0].contains("id=\"a b\""), "{messages:#?}");
    assert!(messages[1].contains("нет имени"), "{messages:#?}");
    assert!(messages[2].contains("которого выше нет"), "{messages:#?}");
    assert!(
        messages[3].contains("уровень структуры 10"),
        "{messages:#?}"
    );
    assert!(messages[4].contains("уже объявлен"), "{messages:#?}");
    assert!(
        messages[5].contains("role=\"stag\" не объявлен"),
        "{messages:#?}"
    );
    assert!(d[5].hints[0].contains("\"stage\""), "{:?}", d[5].hints);
}

#[test]
fn a_span_in_a_character_style_is_bold_and_names_it() {
    let d = parse_ok(&styled_doc(
        "<style id=\"label\" name=\"Метка\" type=\"character\" bold=\"true\"/>",
        "<p><span role=\"label\">Цель:</span> текст</p>",
    ));
    assert!(d.styles[0].character && d.styles[0].bold);
    let p = para(&d.sections[0].blocks[0]);
    let runs: Vec<(bool, Option<usize>)> = p
        .inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t) => (t.bold, t.named),
            Inline::LineBreak => panic!("no break"),
        })
        .collect();
    assert_eq!(runs, vec![(true, Some(0)), (false, None)]);
}

#[test]
fn styles_of_the_wrong_kind_are_reported() {
    let d = parse_err(&styled_doc(
        "<style id=\"label\" name=\"Метка\" type=\"character\" bold=\"true\"/>\n\
         <style id=\"text\" name=\"Текст\"/>\n\
         <style id=\"wide\" name=\"Ш\" type=\"character\" align=\"center\"/>\n\
         <style id=\"mixed\" name=\"С\" based-on=\"label\"/>\n\
         <style id=\"odd\" name=\"Н\" type=\"table\"/>",
        "<p role=\"label\">a</p><p><span role=\"text\">b</span></p>",
    ));
    let messages: Vec<&str> = d.iter().map(|x| x.message.as_str()).collect();
    assert_eq!(d.len(), 5, "{messages:#?}");
    assert!(messages[0].contains("атрибут align"), "{messages:#?}");
    assert!(messages[1].contains("разного типа"), "{messages:#?}");
    assert!(messages[2].contains("type=\"table\""), "{messages:#?}");
    assert!(messages[3].contains("стиль знаков"), "{messages:#?}");
    assert!(
        messages[4].contains("стиль абзаца, а не знаков"),
        "{messages:#?}"
    );
}
