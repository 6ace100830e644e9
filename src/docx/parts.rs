//! The finishing pass: fixes what docx-rs 0.4.22 writes and cannot be told to write otherwise.
//!
//! Each fix is a real gap in docx-rs, checked against its source and against openxml-audit
//! (the Open XML SDK's rules):
//!
//! - **Schema order** ([`reorder`], in `schema.rs`). docx-rs writes the children of `w:sectPr`
//!   as pgSz, pgMar, cols, headerReference, pgNumType, titlePg; of `w:pPr` with rPr first;
//!   of `w:rPr` with sz before rFonts; of `w:tblPr` with tblCellMar before tblInd; of
//!   `w:style` with rPr before pPr; of `w:settings` with zoom after defaultTabStop. The schema
//!   wants one sequence for each; the pass sorts children into it. It also drops what the
//!   schema does not allow where docx-rs writes it: `w:type` on `w:gridCol`, an empty `w:rPr`
//!   inside the `w:pPr` of styles and document defaults. It also drops the empty `w:rPr` and
//!   `w:trPr` docx-rs writes on every run, paragraph mark and row (valid, but a tenth of
//!   `document.xml`).
//! - **Header rows** ([`mark_header_rows`]). docx-rs has no `w:tblHeader`.
//! - **Language** ([`set_default_language`]). docx-rs has no `w:lang`; the pass puts it into
//!   the document defaults (`w:docDefaults`), which every run inherits.
//! - **Hyphenation** ([`limit_hyphenation_to_style`]). docx-rs has neither
//!   `w:autoHyphenation` nor `w:suppressAutoHyphens`, nor `w:widowControl` in the document
//!   defaults ([`set_widow_control`]).
//! - **Soft hyphens** ([`soft_hyphen_elements`]). docx-rs writes U+00AD as text, which Word
//!   shows as a hyphen; the pass turns it into `w:softHyphen`.
//! - **Core properties** ([`core_properties`]). docx-rs has no setter for title and creator;
//!   the pass writes `docProps/core.xml` whole, with the dates from the options, never the
//!   clock.
//! - **Paragraph ids** ([`renumber_paragraph_ids`]). docx-rs numbers `w14:paraId` from a
//!   thread-local counter that is reset only when a build starts, after the paragraphs got
//!   their ids, so a second document built in the same thread gets other ids. The pass numbers
//!   them anew in document order.
//! - **The package** (`package.rs`). docx-rs writes comments, footnotes and numbering parts
//!   nothing refers to (its numbering part breaks the schema), no theme part (the SDK's rules
//!   require one), stores parts uncompressed with executable permissions and adds directory
//!   entries. The pass drops unrelated parts, adds a theme, and writes the parts (deflated,
//!   except the smallest) in a fixed order, with the date from the options.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::DocxError;
use super::package::{self, parse};
use super::paragraph::HYPHENATED_STYLE;
use super::schema::reorder;
use super::xml::{Element, Node, Part, xml_text};

/// What the finishing pass needs to know about the document.
pub(crate) struct Finish<'a> {
    pub title: &'a str,
    pub creator: &'a str,
    pub subject: &'a str,
    /// BCP 47 tag, e.g. `ru-RU`.
    pub language: &'a str,
    /// Creation and modification time written to the core properties and the zip entries.
    pub date: NaiveDateTime,
    /// For each top-level table of the body, in document order: how many leading rows repeat
    /// on every page.
    pub header_rows: &'a [usize],
    /// The document's font, for the theme.
    pub font: &'a str,
    /// Some paragraphs use the hyphenated style: turn hyphenation on for them only.
    pub hyphenation: bool,
    /// Widow and orphan control in the paragraph defaults ([`crate::ir::Settings`]).
    pub widow_control: bool,
}

/// Runs every fix over the parts docx-rs built and returns the finished package.
pub(crate) fn finish(
    mut parts: BTreeMap<String, Vec<u8>>,
    spec: &Finish,
) -> Result<Vec<u8>, DocxError> {
    package::unrelate_empty_parts(&mut parts)?;
    package::prune_unrelated(&mut parts)?;
    package::add_theme(&mut parts, spec.font)?;
    let mut next_para_id = 1u32;

    // The body first, so paragraph ids follow the reading order.
    let document = parts
        .get("word/document.xml")
        .ok_or_else(|| DocxError::Package("в пакете нет части word/document.xml".into()))?;
    let mut document = parse(document, "word/document.xml")?;
    reorder(&mut document);
    soft_hyphen_elements(&mut document);
    mark_header_rows(&mut document, spec.header_rows)?;
    renumber_paragraph_ids(&mut document, &mut next_para_id);
    parts.insert("word/document.xml".into(), document.write());

    let story_names: Vec<String> = parts
        .keys()
        .filter(|name| is_story_part(name) && name.as_str() != "word/document.xml")
        .cloned()
        .collect();
    for name in story_names {
        let mut part = parse(&parts[&name], &name)?;
        reorder(&mut part);
        soft_hyphen_elements(&mut part);
        renumber_paragraph_ids(&mut part, &mut next_para_id);
        parts.insert(name, part.write());
    }

    if let Some(styles) = parts.get("word/styles.xml") {
        let mut styles = parse(styles, "word/styles.xml")?;
        set_default_language(&mut styles, spec.language)?;
        if spec.widow_control {
            set_widow_control(&mut styles)?;
        }
        if spec.hyphenation {
            limit_hyphenation_to_style(&mut styles, HYPHENATED_STYLE)?;
        }
        reorder(&mut styles);
        parts.insert("word/styles.xml".into(), styles.write());
    }
    if let Some(settings) = parts.get("word/settings.xml") {
        let mut settings = parse(settings, "word/settings.xml")?;
        if let Some(root) = settings.root_mut().filter(|_| spec.hyphenation)
            && !root.has_child("w:autoHyphenation")
        {
            root.children
                .push(Node::Element(Element::new("w:autoHyphenation")));
        }
        reorder(&mut settings);
        parts.insert("word/settings.xml".into(), settings.write());
    }

    parts.insert("docProps/core.xml".into(), core_properties(spec));
    package::repackage(&parts, spec.date)
}

/// Parts whose paragraphs carry `w14:paraId`: the body, headers, footers, notes, comments.
fn is_story_part(name: &str) -> bool {
    let Some(file) = name.strip_prefix("word/") else {
        return false;
    };
    !file.contains('/')
        && file.ends_with(".xml")
        && [
            "document",
            "header",
            "footer",
            "footnotes",
            "endnotes",
            "comments",
        ]
        .iter()
        .any(|prefix| file.starts_with(prefix))
}

/// Adds `w:tblHeader` to the leading rows of each top-level table of the body.
/// `header_rows[i]` is for the i-th `w:tbl` child of `w:body`.
pub(crate) fn mark_header_rows(part: &mut Part, header_rows: &[usize]) -> Result<(), DocxError> {
    let body = part
        .root_mut()
        .and_then(|root| root.child_mut("w:body"))
        .ok_or_else(|| DocxError::Package("в word/document.xml нет w:body".into()))?;
    let tables: Vec<&mut Element> = body
        .elements_mut()
        .filter(|element| element.is("w:tbl"))
        .collect();
    if tables.len() != header_rows.len() {
        return Err(DocxError::Package(format!(
            "в теле документа {} таблиц, а ожидалось {}",
            tables.len(),
            header_rows.len()
        )));
    }
    for (table, &count) in tables.into_iter().zip(header_rows) {
        for row in table
            .elements_mut()
            .filter(|element| element.is("w:tr"))
            .take(count)
        {
            let has_props = row.has_child("w:trPr");
            let row_props = match has_props {
                true => row.child_mut("w:trPr").expect("found above"),
                false => {
                    // trPr follows tblPrEx, if any, and precedes the cells.
                    let at = row
                        .children
                        .iter()
                        .position(|node| {
                            matches!(node, Node::Element(element) if !element.is("w:tblPrEx"))
                        })
                        .unwrap_or(row.children.len());
                    row.children
                        .insert(at, Node::Element(Element::new("w:trPr")));
                    row.child_mut("w:trPr").expect("inserted above")
                }
            };
            if !row_props.has_child("w:tblHeader") {
                row_props
                    .children
                    .push(Node::Element(Element::new("w:tblHeader")));
            }
        }
    }
    Ok(())
}

/// Numbers `w14:paraId` of every paragraph in document order, continuing from `next`.
/// Ids are 8 hex digits below 0x80000000, as the w14 schema requires.
pub(crate) fn renumber_paragraph_ids(part: &mut Part, next: &mut u32) {
    for node in &mut part.nodes {
        if let Node::Element(root) = node {
            root.walk_mut(&mut |element| {
                if element.is("w:p") && element.has_attr("w14:paraId") {
                    element.set_attr("w14:paraId", &format!("{:08X}", *next));
                    *next += 1;
                }
            });
        }
    }
}

/// The `w:styles` root of word/styles.xml.
fn styles_root<'p, 'a>(styles: &'p mut Part<'a>) -> Result<&'p mut Element<'a>, DocxError> {
    styles
        .root_mut()
        .filter(|root| root.name() == "w:styles")
        .ok_or_else(|| DocxError::Package("в word/styles.xml нет w:styles".into()))
}

/// The child `name` of `parent`, created (first or last among the children) when missing.
fn ensure_child<'p, 'a>(
    parent: &'p mut Element<'a>,
    name: &str,
    first: bool,
) -> &'p mut Element<'a> {
    if !parent.has_child(name) {
        let node = Node::Element(Element::new(name));
        match first {
            true => parent.children.insert(0, node),
            false => parent.children.push(node),
        }
    }
    parent.child_mut(name).expect("ensured above")
}

/// Puts `<w:lang w:val="…"/>` into the run properties of the document defaults, creating
/// `w:rPrDefault` and its `w:rPr` when missing.
pub(crate) fn set_default_language(styles: &mut Part, language: &str) -> Result<(), DocxError> {
    let defaults = ensure_child(styles_root(styles)?, "w:docDefaults", true);
    // rPrDefault precedes pPrDefault.
    let run_default = ensure_child(defaults, "w:rPrDefault", true);
    let run_props = ensure_child(run_default, "w:rPr", false);
    run_props
        .children
        .retain(|node| !matches!(node, Node::Element(e) if e.name() == "w:lang"));
    run_props.children.push(Node::Element(Element::with_attr(
        "w:lang", "w:val", language,
    )));
    Ok(())
}

/// Widow and orphan control in the document defaults, which the PDF layout applies too
/// ([`crate::ir::Settings::widow_control`]): Word applies it only when asked, LibreOffice
/// always, and the pages of both formats must break alike.
pub(crate) fn set_widow_control(styles: &mut Part) -> Result<(), DocxError> {
    let root = styles_root(styles)?;
    let defaults = ensure_child(root, "w:docDefaults", true);
    let para_default = ensure_child(defaults, "w:pPrDefault", false);
    let props = ensure_child(para_default, "w:pPr", false);
    if !props.has_child("w:widowControl") {
        props
            .children
            .push(Node::Element(Element::new("w:widowControl")));
    }
    Ok(())
}

/// Word shows U+00AD inside `w:t` as a visible hyphen; its optional hyphen is the element
/// `w:softHyphen`. Every `w:t` holding soft hyphens is split around them.
pub(crate) fn soft_hyphen_elements(part: &mut Part) {
    for node in &mut part.nodes {
        if let Node::Element(root) = node {
            root.walk_mut(&mut |element| {
                if element.is("w:r") {
                    split_soft_hyphens(element);
                }
            });
        }
    }
}

fn split_soft_hyphens(run: &mut Element) {
    let holds = |node: &Node| match node {
        Node::Other(Event::Text(text)) => text[..].windows(2).any(|w| w == SOFT_HYPHEN),
        _ => false,
    };
    let has_any = run
        .elements()
        .any(|e| e.is("w:t") && e.children.iter().any(holds));
    if !has_any {
        return;
    }
    let text_element = || Element::with_attr("w:t", "xml:space", "preserve");
    let mut children = Vec::new();
    for node in std::mem::take(&mut run.children) {
        let Node::Element(t) = node else {
            children.push(node);
            continue;
        };
        if !t.is("w:t") || !t.children.iter().any(holds) {
            children.push(Node::Element(t));
            continue;
        }
        let mut current = text_element();
        for child in t.children {
            let Node::Other(Event::Text(text)) = &child else {
                current.children.push(child);
                continue;
            };
            // U+00AD is never escaped, so the escaped text splits around it as it stands.
            let raw = String::from_utf8_lossy(&text[..]).into_owned();
            for (i, piece) in raw.split('\u{ad}').enumerate() {
                if i > 0 {
                    if !current.children.is_empty() {
                        children.push(Node::Element(std::mem::replace(
                            &mut current,
                            text_element(),
                        )));
                    }
                    children.push(Node::Element(Element::new("w:softHyphen")));
                }
                if !piece.is_empty() {
                    let piece = BytesText::from_escaped(piece.to_owned());
                    current.children.push(Node::Other(Event::Text(piece)));
                }
            }
        }
        if !current.children.is_empty() {
            children.push(Node::Element(current));
        }
    }
    run.children = children;
}

/// U+00AD in UTF-8.
const SOFT_HYPHEN: &[u8] = "\u{ad}".as_bytes();

/// Every paragraph opts out of hyphenation in the document defaults
/// (`w:suppressAutoHyphens`), and paragraphs of `style_id` opt back in: with
/// `w:autoHyphenation` in the settings, only those are hyphenated.
pub(crate) fn limit_hyphenation_to_style(
    styles: &mut Part,
    style_id: &str,
) -> Result<(), DocxError> {
    let root = styles_root(styles)?;
    let defaults = ensure_child(root, "w:docDefaults", true);
    let para_default = ensure_child(defaults, "w:pPrDefault", false);
    set_suppress_hyphens(para_default, None);
    let style = root
        .elements_mut()
        .find(|e| e.name() == "w:style" && e.attr("w:styleId").as_deref() == Some(style_id))
        .ok_or_else(|| DocxError::Package(format!("в word/styles.xml нет стиля {style_id}")))?;
    set_suppress_hyphens(style, Some("0"));
    Ok(())
}

/// Puts `w:suppressAutoHyphens` (with `w:val` when given) into the `w:pPr` of `owner`.
fn set_suppress_hyphens(owner: &mut Element, value: Option<&str>) {
    if !owner.has_child("w:pPr") {
        owner.children.push(Node::Element(Element::new("w:pPr")));
    }
    let props = owner.child_mut("w:pPr").expect("ensured above");
    props
        .children
        .retain(|n| !matches!(n, Node::Element(e) if e.name() == "w:suppressAutoHyphens"));
    let element = match value {
        Some(value) => Element::with_attr("w:suppressAutoHyphens", "w:val", value),
        None => Element::new("w:suppressAutoHyphens"),
    };
    props.children.push(Node::Element(element));
}

/// `docProps/core.xml`: title, subject, creator, language and fixed dates.
pub(crate) fn core_properties(spec: &Finish) -> Vec<u8> {
    let date = spec.date.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut writer = Writer::new(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = writer.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )));
    let _ = writer
        .create_element("cp:coreProperties")
        .with_attributes([
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ])
        .write_inner_content(|writer| {
            let text = |writer: &mut Writer<Vec<u8>>, name: &str, value: &str| {
                writer
                    .create_element(name)
                    .write_text_content(BytesText::new(&xml_text(value)))
                    .map(|_| ())
            };
            if !spec.title.is_empty() {
                text(writer, "dc:title", spec.title)?;
            }
            if !spec.subject.is_empty() {
                text(writer, "dc:subject", spec.subject)?;
            }
            if !spec.creator.is_empty() {
                text(writer, "dc:creator", spec.creator)?;
                text(writer, "cp:lastModifiedBy", spec.creator)?;
            }
            text(writer, "dc:language", spec.language)?;
            text(writer, "cp:revision", "1")?;
            for name in ["dcterms:created", "dcterms:modified"] {
                writer
                    .create_element(name)
                    .with_attribute(("xsi:type", "dcterms:W3CDTF"))
                    .write_text_content(BytesText::new(&date))?;
            }
            Ok(())
        });
    writer.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed_date() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2023, 2, 16)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap()
    }

    fn spec(header_rows: &[usize]) -> Finish<'_> {
        Finish {
            title: "Дорожная карта «Школа» & план",
            creator: "Управление образования",
            subject: "",
            language: "ru-RU",
            date: fixed_date(),
            header_rows,
            font: "Times New Roman",
            hyphenation: false,
            widow_control: true,
        }
    }

    fn fixed(text: &str, fix: impl FnOnce(&mut Part)) -> String {
        let mut part = Part::parse(text).unwrap();
        fix(&mut part);
        String::from_utf8(part.write()).unwrap()
    }

    #[test]
    fn sect_pr_children_follow_the_schema_sequence() {
        // What docx-rs 0.4.22 writes for a section with a header and a first-page header.
        let input = r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134"/><w:cols w:space="425" w:num="1"/><w:headerReference w:type="default" r:id="rIdHeader1"/><w:headerReference w:type="first" r:id="rIdHeader2"/><w:pgNumType w:start="1"/><w:titlePg/></w:sectPr>"#;
        let expected = r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/><w:headerReference w:type="first" r:id="rIdHeader2"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134"/><w:pgNumType w:start="1"/><w:cols w:space="425" w:num="1"/><w:titlePg/></w:sectPr>"#;
        assert_eq!(fixed(input, reorder), expected);
    }

    #[test]
    fn p_pr_and_nested_r_pr_follow_the_schema_sequence() {
        let input = r#"<w:p><w:pPr><w:rPr><w:sz w:val="24"/><w:b/><w:rFonts w:ascii="Times New Roman"/></w:rPr><w:jc w:val="both"/><w:ind w:left="0"/><w:spacing w:after="0"/><w:keepLines/><w:keepNext/><w:tabs/></w:pPr></w:p>"#;
        let expected = r#"<w:p><w:pPr><w:keepNext/><w:keepLines/><w:tabs/><w:spacing w:after="0"/><w:ind w:left="0"/><w:jc w:val="both"/><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:b/><w:sz w:val="24"/></w:rPr></w:pPr></w:p>"#;
        assert_eq!(fixed(input, reorder), expected);
    }

    #[test]
    fn tbl_pr_and_tc_pr_follow_the_schema_sequence() {
        let input = r#"<w:tbl><w:tblPr><w:tblW w:w="100" w:type="dxa"/><w:jc w:val="left"/><w:tblBorders><w:insideV/><w:bottom/><w:top/><w:left/></w:tblBorders><w:tblInd w:w="0"/><w:tblCellMar><w:right/><w:top/></w:tblCellMar><w:tblLayout w:type="fixed"/></w:tblPr><w:tr><w:tc><w:tcPr><w:vAlign w:val="top"/><w:vMerge w:val="restart"/><w:gridSpan w:val="2"/><w:tcW w:w="1"/></w:tcPr></w:tc></w:tr></w:tbl>"#;
        let expected = r#"<w:tbl><w:tblPr><w:tblW w:w="100" w:type="dxa"/><w:jc w:val="left"/><w:tblInd w:w="0"/><w:tblBorders><w:top/><w:left/><w:bottom/><w:insideV/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top/><w:right/></w:tblCellMar></w:tblPr><w:tr><w:tc><w:tcPr><w:tcW w:w="1"/><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/><w:vAlign w:val="top"/></w:tcPr></w:tc></w:tr></w:tbl>"#;
        assert_eq!(fixed(input, reorder), expected);
    }

    #[test]
    fn header_rows_get_tbl_header_in_the_right_place() {
        let input = r#"<w:document><w:body><w:tbl><w:tblPr/><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc/></w:tr><w:tr><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl><w:p/><w:tbl><w:tr><w:tc/></w:tr></w:tbl></w:body></w:document>"#;
        let expected = r#"<w:document><w:body><w:tbl><w:tblPr/><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl><w:p/><w:tbl><w:tr><w:tc/></w:tr></w:tbl></w:body></w:document>"#;
        assert_eq!(
            fixed(input, |part| mark_header_rows(part, &[2, 0]).unwrap()),
            expected
        );
    }

    #[test]
    fn header_rows_for_a_different_table_count_is_an_error() {
        let mut part = Part::parse("<w:document><w:body><w:p/></w:body></w:document>").unwrap();
        assert!(mark_header_rows(&mut part, &[1]).is_err());
    }

    #[test]
    fn paragraph_ids_are_numbered_in_document_order() {
        let input = r#"<w:body><w:p w14:paraId="0000002A" w14:textId="1"/><w:tbl><w:tr><w:tc><w:p w14:paraId="00000007"/></w:tc></w:tr></w:tbl><w:p w14:paraId="0000002A"/></w:body>"#;
        let mut next = 5;
        let out = fixed(input, |part| renumber_paragraph_ids(part, &mut next));
        assert_eq!(
            out,
            r#"<w:body><w:p w14:paraId="00000005" w14:textId="1"/><w:tbl><w:tr><w:tc><w:p w14:paraId="00000006"/></w:tc></w:tr></w:tbl><w:p w14:paraId="00000007"/></w:body>"#
        );
        assert_eq!(next, 8);
    }

    #[test]
    fn default_language_is_added_to_doc_defaults() {
        let input = r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/><w:rFonts w:ascii="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#;
        let out = fixed(input, |part| {
            set_default_language(part, "ru-RU").unwrap();
            reorder(part);
        });
        assert_eq!(
            out,
            r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:sz w:val="28"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#
        );
    }

    #[test]
    fn default_language_creates_missing_doc_defaults() {
        let out = fixed("<w:styles><w:style/></w:styles>", |part| {
            set_default_language(part, "ru-RU").unwrap()
        });
        assert_eq!(
            out,
            r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault></w:docDefaults><w:style/></w:styles>"#
        );
    }

    #[test]
    fn soft_hyphens_become_elements_and_the_rest_of_the_text_stays() {
        let input = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>вы\u{ad}пол&amp;\u{ad}нении</w:t><w:t>x</w:t></w:r></w:p>";
        let out = fixed(input, soft_hyphen_elements);
        assert_eq!(
            out,
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">вы</w:t><w:softHyphen/><w:t xml:space="preserve">пол&amp;</w:t><w:softHyphen/><w:t xml:space="preserve">нении</w:t><w:t>x</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn empty_run_and_row_properties_are_dropped_and_others_kept() {
        let input = "<w:tbl><w:tr><w:trPr/><w:tc><w:p><w:pPr><w:pStyle w:val=\"T\"/><w:rPr/></w:pPr><w:r><w:rPr/><w:t>а</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>б</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr></w:tr></w:tbl>";
        let out = fixed(input, reorder);
        assert_eq!(
            out,
            "<w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val=\"T\"/></w:pPr><w:r><w:t>а</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>б</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr></w:tr></w:tbl>"
        );
    }

    #[test]
    fn widow_control_goes_into_the_paragraph_defaults() {
        let out = fixed("<w:styles/>", |part| set_widow_control(part).unwrap());
        assert_eq!(
            out,
            "<w:styles><w:docDefaults><w:pPrDefault><w:pPr><w:widowControl/></w:pPr></w:pPrDefault></w:docDefaults></w:styles>"
        );
    }

    #[test]
    fn hyphenation_is_off_by_default_and_on_in_its_style_with_widow_control_on() {
        let input = r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Hyphenated"><w:name w:val="Hyphenated"/><w:rPr/></w:style></w:styles>"#;
        let out = fixed(input, |part| {
            limit_hyphenation_to_style(part, "Hyphenated").unwrap();
            set_widow_control(part).unwrap();
            reorder(part);
        });
        assert_eq!(
            out,
            r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/><w:suppressAutoHyphens/><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Hyphenated"><w:name w:val="Hyphenated"/><w:pPr><w:suppressAutoHyphens w:val="0"/></w:pPr><w:rPr/></w:style></w:styles>"#
        );
    }

    #[test]
    fn hyphenation_without_its_style_is_an_error() {
        let mut part = Part::parse("<w:styles/>").unwrap();
        assert!(limit_hyphenation_to_style(&mut part, "Hyphenated").is_err());
    }

    #[test]
    fn core_properties_hold_title_creator_and_fixed_dates() {
        let out = String::from_utf8(core_properties(&spec(&[]))).unwrap();
        assert!(
            out.contains("<dc:title>Дорожная карта «Школа» &amp; план</dc:title>"),
            "{out}"
        );
        assert!(
            out.contains("<dc:creator>Управление образования</dc:creator>"),
            "{out}"
        );
        assert!(out.contains("<dc:language>ru-RU</dc:language>"), "{out}");
        assert!(
            out.contains(
                r#"<dcterms:created xsi:type="dcterms:W3CDTF">2023-02-16T09:30:00Z</dcterms:created>"#
            ),
            "{out}"
        );
        assert!(
            !out.contains("<dc:subject>"),
            "an empty subject is left out: {out}"
        );
        // It parses as XML.
        Part::parse(&out).unwrap();
    }
}
