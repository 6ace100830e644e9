//! The zip package: taking the parts docx-rs built, dropping parts nothing refers to, adding the
//! theme part, and writing the package again deterministically.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Write};

use chrono::{Datelike, NaiveDateTime, Timelike};

use super::DocxError;
use super::xml::{Element, Node, Part};

/// The parts docx-rs built, by the names its own zip writer (`XMLDocx::pack`) gives them.
/// Taking them from [`docx_rs::Docx::build`] spares zipping them only to read them back.
pub(crate) fn built_parts(xml: docx_rs::XMLDocx) -> BTreeMap<String, Vec<u8>> {
    let mut parts = BTreeMap::new();
    let mut add = |name: String, bytes: Vec<u8>| {
        parts.insert(name, bytes);
    };
    add("[Content_Types].xml".into(), xml.content_type);
    add("_rels/.rels".into(), xml.rels);
    add("docProps/app.xml".into(), xml.doc_props.app);
    add("docProps/core.xml".into(), xml.doc_props.core);
    add("docProps/custom.xml".into(), xml.doc_props.custom);
    add("word/_rels/document.xml.rels".into(), xml.document_rels);
    add("word/document.xml".into(), xml.document);
    add("word/styles.xml".into(), xml.styles);
    add("word/settings.xml".into(), xml.settings);
    add("word/fontTable.xml".into(), xml.font_table);
    add("word/comments.xml".into(), xml.comments);
    add("word/numbering.xml".into(), xml.numberings);
    add("word/commentsExtended.xml".into(), xml.comments_extended);
    add("word/footnotes.xml".into(), xml.footnotes);
    // docx-rs keeps a relationship part for up to three headers and footers; a part without
    // its header or footer is not written.
    for (kind, stories, rels) in [
        ("header", xml.headers, xml.header_rels),
        ("footer", xml.footers, xml.footer_rels),
    ] {
        let mut rels = rels.into_iter();
        for (index, story) in stories.into_iter().enumerate() {
            let number = index + 1;
            add(format!("word/{kind}{number}.xml"), story);
            if let Some(rels) = rels.next() {
                add(format!("word/_rels/{kind}{number}.xml.rels"), rels);
            }
        }
    }
    for (id, bytes) in xml.media {
        add(format!("word/media/{id}.png"), bytes);
    }
    if let Some(taskpanes) = xml.taskpanes {
        add("word/webextensions/taskpanes.xml".into(), taskpanes);
        add(
            "word/webextensions/_rels/taskpanes.xml.rels".into(),
            xml.taskpanes_rels,
        );
        for (index, extension) in xml.web_extensions.into_iter().enumerate() {
            add(
                format!("word/webextensions/webextension{}.xml", index + 1),
                extension,
            );
        }
    }
    let items = xml
        .custom_items
        .into_iter()
        .zip(xml.custom_item_rels)
        .zip(xml.custom_item_props);
    for (index, ((item, rels), props)) in items.enumerate() {
        let number = index + 1;
        add(format!("customXml/_rels/item{number}.xml.rels"), rels);
        add(format!("customXml/item{number}.xml"), item);
        add(format!("customXml/itemProps{number}.xml"), props);
    }
    parts
}

/// The order of entries in the package: the content types first (some readers sniff the
/// first entry), then the package relationships, the body, and everything else by name.
fn entry_rank(name: &str) -> (u8, &str) {
    match name {
        "[Content_Types].xml" => (0, name),
        "_rels/.rels" => (1, name),
        "word/document.xml" => (2, name),
        "word/_rels/document.xml.rels" => (3, name),
        _ => (4, name),
    }
}

/// Parts smaller than this are stored, larger ones deflated. Each deflated entry restarts the
/// compressor, which clears its 128 KiB hash table: in callgrind that clearing was two thirds
/// of the zip's instructions, more than a part of a few kilobytes is worth. At 4 KiB every part
/// but `document.xml` is stored (the largest, `[Content_Types].xml` and the empty
/// `commentsExtended.xml`, are about 2.2 KB): a package grows by about 8.9 KB (taganrog 17.8 →
/// 26.7 KB) and a batch of 400 sources takes 2.91 → 2.84 s of wall time and 4.98 → 4.88 s of
/// CPU (medians of eight runs side by side). At 512 bytes only app.xml, custom.xml and the
/// header relationships were stored.
const STORE_BELOW: usize = 4096;

/// Deflate level of the larger parts, on zlib's scale of 1–9. Measured with `cargo bench
/// --bench pdf` (DOCX writer, medians): level 6, the default, takes taganrog 3.58 ms and
/// ershichi 6.32 ms; level 1 2.95 ms and 5.36 ms, within 0.2 ms of storing every part (level 2
/// saves a third as much). Level 1 deflates with fixed codes, so the packages grew from 13.0 to
/// 17.8 KB (taganrog) and from 16.9 to 24.8 KB (ershichi), measured while parts from 512 bytes
/// up were deflated: a few kilobytes a document for a fifth of the DOCX writer's time, the same
/// trade as the PDF's `DEFLATE_LEVEL`.
const DEFLATE_LEVEL: i64 = 1;

/// How a part is compressed: see [`STORE_BELOW`] and [`DEFLATE_LEVEL`].
fn compression(
    options: zip::write::SimpleFileOptions,
    part: &[u8],
) -> zip::write::SimpleFileOptions {
    if part.len() < STORE_BELOW {
        options.compression_method(zip::CompressionMethod::Stored)
    } else {
        options
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(DEFLATE_LEVEL))
    }
}

/// Writes the parts as a zip package: small parts stored, the others deflated (see
/// [`STORE_BELOW`]), in a fixed order, with one fixed timestamp.
pub(crate) fn repackage(
    parts: &BTreeMap<String, Vec<u8>>,
    date: NaiveDateTime,
) -> Result<Vec<u8>, DocxError> {
    let stamp = zip_time(date)?;
    // The system named in each entry is Unix wherever the package is written: the zip crate
    // would name DOS when built for Windows, and dorkarta.exe's DOCX would differ from the
    // Linux program's and the browser's in those bytes (tests/wine.rs).
    let options = zip::write::SimpleFileOptions::default()
        .last_modified_time(stamp)
        .unix_permissions(0o644)
        .system(zip::System::Unix);
    let mut names: Vec<&String> = parts.keys().collect();
    names.sort_by_key(|name| entry_rank(name));
    let package_error = |error: zip::result::ZipError| DocxError::Package(error.to_string());
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for name in names {
        let part = &parts[name];
        zip.start_file(name.as_str(), compression(options, part))
            .map_err(package_error)?;
        zip.write_all(part)
            .map_err(|error| DocxError::Package(format!("часть {name}: {error}")))?;
    }
    Ok(zip.finish().map_err(package_error)?.into_inner())
}

/// A zip timestamp; zip cannot store dates before 1980 or after 2107.
fn zip_time(date: NaiveDateTime) -> Result<zip::DateTime, DocxError> {
    let year = u16::try_from(date.year()).unwrap_or(0);
    zip::DateTime::from_date_and_time(
        year,
        date.month() as u8,
        date.day() as u8,
        date.hour() as u8,
        date.minute() as u8,
        date.second() as u8,
    )
    .map_err(|_| {
        DocxError::Options(format!(
            "дата документа {date} вне диапазона, который может хранить ZIP (1980–2107 годы)"
        ))
    })
}

/// The part a relationship part describes the relationships of, as the folder its targets
/// are relative to: `word/_rels/document.xml.rels` → `word/`, `_rels/.rels` → the root.
fn source_folder(rels_name: &str) -> Option<&str> {
    let (folder, _) = rels_name.rsplit_once("_rels/")?;
    Some(folder)
}

/// Resolves a relationship target against a folder: `../x` goes up, `/x` is absolute.
fn resolve_target(folder: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut segments: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

/// Parts docx-rs writes into every package whether or not the document has anything for
/// them, and how to tell they are empty: comments' extensions without a comment, custom
/// properties without a property. Word shows nothing for them, but a file checked by hand
/// should not carry parts that say nothing.
const EMPTY_WHEN: &[(&str, &str)] = &[
    ("word/commentsExtended.xml", "<w15:commentEx "),
    ("docProps/custom.xml", "<property"),
];

/// Removes the relationships to parts that are empty (see [`EMPTY_WHEN`]), so that
/// [`prune_unrelated`] then drops the parts and their content types.
pub(crate) fn unrelate_empty_parts(parts: &mut BTreeMap<String, Vec<u8>>) -> Result<(), DocxError> {
    let empty: Vec<&str> = EMPTY_WHEN
        .iter()
        .filter(|(name, content)| {
            parts.get(*name).is_some_and(|bytes| {
                !bytes
                    .windows(content.len())
                    .any(|w| w == content.as_bytes())
            })
        })
        .map(|(name, _)| *name)
        .collect();
    if empty.is_empty() {
        return Ok(());
    }
    let rels: Vec<String> = parts
        .keys()
        .filter(|name| name.ends_with(".rels"))
        .cloned()
        .collect();
    for name in rels {
        let Some(folder) = source_folder(&name) else {
            continue;
        };
        let folder = folder.to_owned();
        edit(parts, &name, |root| {
            root.children.retain(|node| match node {
                Node::Element(r) => r.attr("Target").is_none_or(|target| {
                    r.attr("TargetMode").as_deref() == Some("External")
                        || !empty.contains(&resolve_target(&folder, &target).as_str())
                }),
                _ => true,
            });
        })?;
    }
    Ok(())
}

/// Drops the parts no relationship points to (docx-rs writes comments, footnotes and a
/// numbering part into every package, related or not, and the numbering part it writes
/// breaks the schema), and removes their content-type overrides.
pub(crate) fn prune_unrelated(parts: &mut BTreeMap<String, Vec<u8>>) -> Result<(), DocxError> {
    let mut targets = BTreeSet::new();
    for (name, bytes) in parts.iter().filter(|(name, _)| name.ends_with(".rels")) {
        let Some(folder) = source_folder(name) else {
            continue;
        };
        let rels = parse(bytes, name)?;
        for node in &rels.nodes {
            let Node::Element(root) = node else { continue };
            for relationship in root.elements() {
                if relationship.attr("TargetMode").as_deref() == Some("External") {
                    continue;
                }
                if let Some(target) = relationship.attr("Target") {
                    targets.insert(resolve_target(folder, &target));
                }
            }
        }
    }
    let dropped: Vec<String> = parts
        .keys()
        .filter(|name| {
            if name.as_str() == "[Content_Types].xml" || targets.contains(name.as_str()) {
                return false;
            }
            match name.rsplit_once("_rels/") {
                // A relationship part stays with the part it belongs to.
                Some((folder, file)) => {
                    let source = format!("{folder}{}", file.trim_end_matches(".rels"));
                    !(name.as_str() == "_rels/.rels" || targets.contains(&source))
                }
                None => true,
            }
        })
        .cloned()
        .collect();
    if dropped.is_empty() {
        return Ok(());
    }
    for name in &dropped {
        parts.remove(name);
    }
    edit(parts, "[Content_Types].xml", |types| {
        types.children.retain(|node| match node {
            Node::Element(entry) if entry.name() == "Override" => entry
                .attr("PartName")
                .is_none_or(|part| !dropped.iter().any(|d| part.trim_start_matches('/') == d)),
            _ => true,
        });
    })
}

/// The relationship type and content type of a theme part.
const THEME_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
const THEME_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.theme+xml";

/// Adds `word/theme/theme1.xml`, related from the document: the Open XML SDK's rules require a
/// main document to have a theme, and docx-rs writes none. The theme's fonts are the
/// document's font; runs name their font anyway, so the theme changes nothing on the page.
pub(crate) fn add_theme(
    parts: &mut BTreeMap<String, Vec<u8>>,
    font: &str,
) -> Result<(), DocxError> {
    let escaped = quick_xml::escape::escape(font);
    parts.insert(
        "word/theme/theme1.xml".into(),
        THEME.replace("{font}", &escaped).into_bytes(),
    );
    edit(parts, "word/_rels/document.xml.rels", |rels| {
        let mut relationship = Element::with_attr("Relationship", "Id", "rIdTheme1");
        relationship
            .start
            .push_attribute(("Type", THEME_RELATIONSHIP));
        relationship
            .start
            .push_attribute(("Target", "theme/theme1.xml"));
        rels.children.push(Node::Element(relationship));
    })?;
    edit(parts, "[Content_Types].xml", |types| {
        let mut entry = Element::with_attr("Override", "PartName", "/word/theme/theme1.xml");
        entry
            .start
            .push_attribute(("ContentType", THEME_CONTENT_TYPE));
        types.children.push(Node::Element(entry));
    })
}

/// A minimal complete DrawingML theme: the Office colours, `{font}` for both font slots,
/// and the three entries each format list must have.
const THEME: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="dorkarta">"#,
    r#"<a:themeElements><a:clrScheme name="Office">"#,
    r#"<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>"#,
    r#"<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>"#,
    r#"<a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2>"#,
    r#"<a:accent1><a:srgbClr val="4F81BD"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2>"#,
    r#"<a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4>"#,
    r#"<a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6>"#,
    r#"<a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink>"#,
    r#"</a:clrScheme><a:fontScheme name="dorkarta">"#,
    r#"<a:majorFont><a:latin typeface="{font}"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>"#,
    r#"<a:minorFont><a:latin typeface="{font}"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>"#,
    r#"</a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"</a:fillStyleLst><a:lnStyleLst>"#,
    r#"<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#,
    r#"<a:ln w="25400"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#,
    r#"<a:ln w="38100"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#,
    r#"</a:lnStyleLst><a:effectStyleLst>"#,
    r#"<a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>"#,
    r#"<a:effectStyle><a:effectLst/></a:effectStyle>"#,
    r#"</a:effectStyleLst><a:bgFillStyleLst>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"#,
    r#"<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#,
);

/// Parses a part, lets `change` edit its root element, and stores it back.
fn edit(
    parts: &mut BTreeMap<String, Vec<u8>>,
    name: &str,
    change: impl FnOnce(&mut Element),
) -> Result<(), DocxError> {
    let bytes = parts
        .get(name)
        .ok_or_else(|| DocxError::Package(format!("в пакете нет части {name}")))?;
    let mut part = parse(bytes, name)?;
    let root = part
        .root_mut()
        .ok_or_else(|| DocxError::Package(format!("часть {name} пуста")))?;
    change(root);
    parts.insert(name.to_owned(), part.write());
    Ok(())
}

pub(crate) fn parse<'a>(bytes: &'a [u8], name: &str) -> Result<Part<'a>, DocxError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| DocxError::Package(format!("часть {name} не в кодировке UTF-8")))?;
    Part::parse(text).map_err(|message| DocxError::Package(format!("часть {name}: {message}")))
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

    #[test]
    fn repackage_is_deterministic_and_ordered() {
        let mut parts = BTreeMap::new();
        parts.insert("word/styles.xml".to_owned(), b"<a/>".to_vec());
        parts.insert("_rels/.rels".to_owned(), b"<b/>".to_vec());
        parts.insert("[Content_Types].xml".to_owned(), b"<c/>".to_vec());
        parts.insert("word/document.xml".to_owned(), b"<d/>".to_vec());
        let first = repackage(&parts, fixed_date()).unwrap();
        let second = repackage(&parts, fixed_date()).unwrap();
        assert_eq!(first, second);
        let mut archive = zip::ZipArchive::new(Cursor::new(first)).unwrap();
        let names: Vec<String> = (0..archive.len())
            .map(|i| archive.by_index(i).unwrap().name().unwrap().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "word/document.xml",
                "word/styles.xml"
            ]
        );
        let entry = archive.by_index(0).unwrap();
        let stamp = entry.last_modified().unwrap();
        assert_eq!((stamp.year(), stamp.month(), stamp.day()), (2023, 2, 16));
    }

    #[test]
    fn small_parts_are_stored_and_the_others_deflated() {
        let mut parts = BTreeMap::new();
        let small = b"<Relationships/>".repeat(STORE_BELOW / 16 - 1);
        let large = b"<Relationships/>".repeat(STORE_BELOW / 16);
        parts.insert("word/_rels/header1.xml.rels".to_owned(), small);
        parts.insert("word/document.xml".to_owned(), large.clone());
        let package = repackage(&parts, fixed_date()).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(package)).unwrap();
        let method =
            |archive: &mut zip::ZipArchive<_>, name| archive.by_name(name).unwrap().compression();
        assert_eq!(
            method(&mut archive, "word/document.xml"),
            zip::CompressionMethod::Deflated
        );
        assert_eq!(
            method(&mut archive, "word/_rels/header1.xml.rels"),
            zip::CompressionMethod::Stored
        );
        let mut document = Vec::new();
        std::io::Read::read_to_end(
            &mut archive.by_name("word/document.xml").unwrap(),
            &mut document,
        )
        .unwrap();
        assert_eq!(document, large, "the deflated part reads back unchanged");
    }

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(source_folder("word/_rels/document.xml.rels"), Some("word/"));
        assert_eq!(source_folder("_rels/.rels"), Some(""));
        assert_eq!(resolve_target("word/", "styles.xml"), "word/styles.xml");
        assert_eq!(
            resolve_target("word/", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(
            resolve_target("word/", "/docProps/app.xml"),
            "docProps/app.xml"
        );
    }

    #[test]
    fn unrelated_parts_and_their_overrides_are_dropped() {
        let mut parts = BTreeMap::new();
        let types = r#"<Types><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="d"/><Override PartName="/word/numbering.xml" ContentType="n"/></Types>"#;
        parts.insert("[Content_Types].xml".to_owned(), types.as_bytes().to_vec());
        parts.insert(
            "_rels/.rels".to_owned(),
            br#"<Relationships><Relationship Id="rId1" Type="t" Target="word/document.xml"/></Relationships>"#.to_vec(),
        );
        parts.insert(
            "word/_rels/document.xml.rels".to_owned(),
            br#"<Relationships><Relationship Id="rId1" Type="t" Target="header1.xml"/><Relationship Id="rId2" Type="h" Target="http://x" TargetMode="External"/></Relationships>"#.to_vec(),
        );
        parts.insert(
            "word/_rels/comments.xml.rels".to_owned(),
            b"<Relationships/>".to_vec(),
        );
        for name in [
            "word/document.xml",
            "word/header1.xml",
            "word/numbering.xml",
            "word/comments.xml",
        ] {
            parts.insert(name.to_owned(), b"<x/>".to_vec());
        }
        prune_unrelated(&mut parts).unwrap();
        let names: Vec<&str> = parts.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "word/_rels/document.xml.rels",
                "word/document.xml",
                "word/header1.xml"
            ]
        );
        let types = String::from_utf8(parts["[Content_Types].xml"].clone()).unwrap();
        assert!(!types.contains("numbering"), "{types}");
        assert!(types.contains("/word/document.xml"), "{types}");
    }

    #[test]
    fn theme_is_added_related_and_typed() {
        let mut parts = BTreeMap::new();
        parts.insert("[Content_Types].xml".to_owned(), b"<Types/>".to_vec());
        parts.insert(
            "word/_rels/document.xml.rels".to_owned(),
            b"<Relationships/>".to_vec(),
        );
        add_theme(&mut parts, "Times & Roman").unwrap();
        let theme = String::from_utf8(parts["word/theme/theme1.xml"].clone()).unwrap();
        assert!(theme.contains(r#"typeface="Times &amp; Roman""#), "{theme}");
        Part::parse(&theme).unwrap();
        let rels = String::from_utf8(parts["word/_rels/document.xml.rels"].clone()).unwrap();
        assert!(rels.contains(r#"Target="theme/theme1.xml""#), "{rels}");
        let types = String::from_utf8(parts["[Content_Types].xml"].clone()).unwrap();
        assert!(
            types.contains(r#"PartName="/word/theme/theme1.xml""#),
            "{types}"
        );
    }

    #[test]
    fn a_date_zip_cannot_store_is_an_error() {
        let date = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0);
        assert!(repackage(&BTreeMap::new(), date.unwrap()).is_err());
    }
}
