//! Laid-out pages to PDF bytes, over printpdf.
//!
//! printpdf writes the pages, the fonts (embedded, subset, with /ToUnicode maps built from the
//! characters each glyph stands for) and the document structure. Four things are done here, on
//! its lopdf document, before saving:
//! - the page content streams: written by `content` with pdf-writer, in place of the ones
//!   printpdf encodes far more slowly; printpdf still learns from text operations which glyphs
//!   to keep in each font subset, and `subset` works out the codes they get;
//! - the file identifier (/ID): printpdf draws it from a counter-driven pseudo-random generator;
//!   here it is the MD5 of the file written with a blank identifier, so equal input gives equal
//!   bytes and different content a different identifier;
//! - the document language (/Lang in the catalog): printpdf has no setting for it;
//! - the info dictionary: printpdf always writes creation and modification dates (the epoch
//!   unless told otherwise) and empty keys; here it keeps only title, author, subject, creator
//!   and producer.

mod content;
pub mod fonts;
mod subset;

use lopdf::{Object, StringFormat};
use md5::{Digest, Md5};
use printpdf::{PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect};

use crate::fonts::Face;
use crate::ir;
use crate::layout::Page;
use subset::Subsets;

/// How the PDF is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfOptions {
    /// Compress the content streams and the font programs (Flate). Off only to read the file
    /// with a text editor.
    pub compress: bool,
    /// The /Creator entry: the program that made the document.
    pub creator: String,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            compress: true,
            creator: format!("dorkarta {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// Why a PDF could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// An embedded font could not be read (a broken build).
    Font(Face),
    /// printpdf's document could not be finished or saved.
    Write(String),
    /// There is nothing to write: the document has no page.
    NoPages,
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Font(face) => crate::fonts::FontError { face: *face }.fmt(f),
            PdfError::Write(why) => write!(f, "не удалось записать PDF: {why}"),
            PdfError::NoPages => {
                write!(
                    f,
                    "в документе нет ни одной страницы: шаблон не вывел ни одного раздела"
                )
            }
        }
    }
}

impl std::error::Error for PdfError {}

/// Blank identifier written first; replaced by the MD5 of the file.
const BLANK_ID: [u8; 16] = [0; 16];

/// Writes the pages as a PDF.
pub fn write(pages: &[Page], meta: &ir::Meta, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    if pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    let embedded = fonts::embedded()?;
    let mut doc = PdfDocument::new(&meta.title);
    doc.metadata.info.author = meta.author.clone();
    doc.metadata.info.subject = meta.subject.clone();
    doc.metadata.info.creator = opts.creator.clone();
    doc.metadata.info.producer = "printpdf 0.12".to_string();

    let subsets = Subsets::of(pages);
    for face in Face::ALL {
        if subsets.uses(face) {
            doc.resources
                .fonts
                .map
                .insert(fonts::font_id(face), embedded.font(face)?.clone());
        }
    }
    // Only the first page's operations say anything, and only which glyphs the fonts need:
    // every content stream is replaced below.
    doc.pages = pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let ops = if i == 0 {
                subsets.declaration()
            } else {
                Vec::new()
            };
            let size = Rect::from_wh(Pt(page.width), Pt(page.height));
            PdfPage {
                media_box: size.clone(),
                trim_box: size.clone(),
                crop_box: size,
                ops,
            }
        })
        .collect();

    let save = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&save, &mut warnings);
    write_contents(&mut lo, pages, embedded, &subsets)?;
    // /ActualText (for characters no face has, see `content`) needs PDF 1.5.
    let spans = pages
        .iter()
        .flat_map(Page::glyph_runs)
        .flat_map(|run| &run.glyphs)
        .any(content::is_missing);
    finish(&mut lo, meta, if spans { "1.5" } else { "1.4" })?;
    if opts.compress {
        compress_streams(&mut lo)?;
    }
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    stamp_id(&mut bytes)?;
    Ok(bytes)
}

/// Deflate level of the streams, on zlib's scale of 1–9. Measured on the 47 streams of the
/// four samples (631 KB; release build, 20 runs): level 1 writes 266 KB, level 3 202 KB in
/// about twice the time (12–19 ms for the four against 7–9 ms for libdeflate's level 1, used
/// before, which wrote 209 KB), level 6 189 KB in 24 ms. Over a batch of 2,300 sources (the
/// four samples in turn, `tools/bench_batch.py`, side by side on a quiet machine) level 3 took
/// 10.6 s and level 1 9.2–9.9 s, as libdeflate did (9.1 s); in callgrind, 69 M instructions a
/// document against 61 M. Level 1: a batch as fast as before, for PDFs about a quarter larger
/// (taganrog 61.5 KB with libdeflate, 75.5 KB now), which no reader of a 60 KB file notices.
const DEFLATE_LEVEL: i32 = 1;

/// Deflates every stream that may be compressed and is not already, as lopdf's `compress`
/// does, with zlib-rs over the whole buffer at once: the streams are small (a page's content
/// is 10–25 KB) and a streaming deflater spent more setting up than compressing. zlib-rs is
/// pure Rust, so the browser's module writes the same bytes as the command line (libdeflate,
/// used before, is C and does not build for wasm32 here). A stream that would not shrink stays
/// as it is.
fn compress_streams(doc: &mut lopdf::Document) -> Result<(), PdfError> {
    let config = zlib_rs::DeflateConfig::new(DEFLATE_LEVEL);
    let mut deflated = Vec::new();
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        deflated.clear();
        deflated.resize(zlib_rs::compress_bound(stream.content.len()), 0);
        let (out, code) = zlib_rs::compress_slice(&mut deflated, &stream.content, config);
        if code != zlib_rs::ReturnCode::Ok {
            return Err(PdfError::Write(format!("сжатие потока PDF: {code:?}")));
        }
        if out.len() + 19 < stream.content.len() {
            let out = out.to_vec();
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(out);
        }
    }
    Ok(())
}

/// Puts each page's content stream in place of the one printpdf wrote.
fn write_contents(
    doc: &mut lopdf::Document,
    pages: &[Page],
    embedded: &fonts::Embedded,
    subsets: &Subsets,
) -> Result<(), PdfError> {
    let err = |e: lopdf::Error| PdfError::Write(e.to_string());
    let ids = doc.get_pages();
    if ids.len() != pages.len() {
        return Err(PdfError::Write(format!(
            "printpdf записал {} страниц вместо {}",
            ids.len(),
            pages.len()
        )));
    }
    for (id, page) in ids.values().zip(pages) {
        let contents = doc
            .get_dictionary(*id)
            .and_then(|dict| dict.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(err)?;
        doc.get_object_mut(contents)
            .and_then(Object::as_stream_mut)
            .map_err(err)?
            .set_content(content::page(page, embedded, subsets));
    }
    Ok(())
}

/// Sets the language and the info dictionary, and a blank identifier to be stamped later.
fn finish(doc: &mut lopdf::Document, meta: &ir::Meta, version: &str) -> Result<(), PdfError> {
    let err = |e: lopdf::Error| PdfError::Write(e.to_string());
    // printpdf writes PDF 1.3; /Lang needs 1.4.
    doc.version = version.to_string();
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(err)?;
    let language = if meta.language.is_empty() {
        "ru-RU"
    } else {
        meta.language.as_str()
    };
    let catalog = doc
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(err)?;
    catalog.set(
        "Lang",
        Object::String(language.as_bytes().to_vec(), StringFormat::Literal),
    );

    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(err)?;
    let dict = doc
        .get_object_mut(info)
        .and_then(Object::as_dict_mut)
        .map_err(err)?;
    for key in [
        "CreationDate",
        "ModDate",
        "Trapped",
        "GTS_PDFXVersion",
        "Identifier",
        "Keywords",
    ] {
        dict.remove(key.as_bytes());
    }
    for key in ["Title", "Author", "Subject"] {
        let empty = dict
            .get(key.as_bytes())
            .ok()
            .and_then(|v| v.as_str().ok())
            .is_some_and(is_empty_text);
        if empty {
            dict.remove(key.as_bytes());
        }
    }
    let blank = Object::String(BLANK_ID.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![blank.clone(), blank]));
    Ok(())
}

/// An empty text string, possibly just a UTF-16 byte order mark.
fn is_empty_text(bytes: &[u8]) -> bool {
    bytes.is_empty() || bytes == [0xFE, 0xFF]
}

/// Replaces the blank identifier in the trailer with the MD5 of the whole file.
fn stamp_id(bytes: &mut [u8]) -> Result<(), PdfError> {
    let blank = format!("<{}>", "00".repeat(16)).into_bytes();
    let digest = Md5::digest(&*bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02X}")).collect();
    let stamp = format!("<{hex}>").into_bytes();
    // The trailer is at the end of the file: search backwards for both blanks.
    for _ in 0..2 {
        let at = find_last(bytes, &blank).ok_or_else(|| PdfError::Write("нет /ID".into()))?;
        bytes[at..at + blank.len()].copy_from_slice(&stamp);
    }
    Ok(())
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::fonts::Fonts;
    use crate::ir::{Block, Document, Inline, Paragraph, Section, Text};
    use crate::layout;

    fn doc(text: &str) -> Document {
        let inlines = vec![Inline::Text(Text {
            text: text.into(),
            ..Default::default()
        })];
        let para = Block::Paragraph(Paragraph {
            inlines,
            ..Default::default()
        });
        Document {
            sections: vec![Section {
                blocks: vec![para],
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn render(d: &Document) -> Vec<u8> {
        let pages = layout::layout(d, &Fonts::embedded().unwrap());
        write(&pages, &d.meta, &PdfOptions::default()).unwrap()
    }

    #[test]
    fn same_pages_same_bytes_and_the_id_follows_the_content() {
        let a = render(&doc("Дорожная карта"));
        assert_eq!(a, render(&doc("Дорожная карта")));
        let b = render(&doc("Дорожная карта."));
        let id = |bytes: &[u8]| {
            let at = find_last(bytes, b"/ID").unwrap();
            bytes[at..at + 80].to_vec()
        };
        assert_ne!(id(&a), id(&b));
    }

    /// Resolves a reference, or gives the object itself.
    fn resolve<'a>(pdf: &'a lopdf::Document, object: &'a Object) -> &'a Object {
        match object {
            Object::Reference(id) => pdf.get_object(*id).unwrap(),
            other => other,
        }
    }

    /// A font's /ToUnicode map (printpdf writes `bfchar` lines) and /W widths, by code.
    fn font_maps(
        pdf: &lopdf::Document,
        font: &lopdf::Dictionary,
    ) -> (BTreeMap<u16, String>, BTreeMap<u16, i64>) {
        let cmap = resolve(pdf, font.get(b"ToUnicode").unwrap())
            .as_stream()
            .unwrap()
            .content
            .clone();
        let mut unicode = BTreeMap::new();
        for line in String::from_utf8(cmap).unwrap().lines() {
            let Some((code, text)) = line.split_once("> <") else {
                continue;
            };
            let code = u16::from_str_radix(code.trim_start_matches('<'), 16).unwrap();
            let units: Vec<u16> = text
                .trim_end_matches('>')
                .as_bytes()
                .chunks(4)
                .map(|h| u16::from_str_radix(std::str::from_utf8(h).unwrap(), 16).unwrap())
                .collect();
            unicode.insert(code, String::from_utf16(&units).unwrap());
        }
        let descendants = resolve(pdf, font.get(b"DescendantFonts").unwrap());
        let cid_font = resolve(pdf, &descendants.as_array().unwrap()[0])
            .as_dict()
            .unwrap();
        let w = resolve(pdf, cid_font.get(b"W").unwrap())
            .as_array()
            .unwrap();
        let mut widths = BTreeMap::new();
        let mut i = 0;
        while i < w.len() {
            let first = w[i].as_i64().unwrap() as u16;
            if let Ok(list) = w[i + 1].as_array() {
                for (k, width) in list.iter().enumerate() {
                    widths.insert(first + k as u16, width.as_float().unwrap() as i64);
                }
                i += 2;
            } else {
                let last = w[i + 1].as_i64().unwrap() as u16;
                for code in first..=last {
                    widths.insert(code, w[i + 2].as_float().unwrap() as i64);
                }
                i += 3;
            }
        }
        (unicode, widths)
    }

    #[test]
    fn shown_codes_read_back_as_the_glyphs_layout_placed() {
        // The codes are worked out by `subset`, the font subsets made by printpdf: every code
        // shown must stand, in the font's /ToUnicode map and /W widths, for the character and
        // width of the glyph layout placed there.
        let mut d = doc("Съешь же ещё этих мягких французских булок, да выпей чаю! № 5 — «ГОСТ»");
        d.sections[0].blocks.push(Block::Paragraph(Paragraph {
            inlines: vec![Inline::Text(Text {
                text: "Приложение к приказу (жирным) от 16.02.2023 г.".into(),
                bold: true,
                ..Default::default()
            })],
            ..Default::default()
        }));
        let embedded = fonts::embedded().unwrap();
        let pages = layout::layout(&d, embedded.metrics);
        let options = PdfOptions {
            compress: false,
            ..Default::default()
        };
        let pdf = lopdf::Document::load_mem(&write(&pages, &d.meta, &options).unwrap()).unwrap();

        let mut expected = Vec::new();
        for run in pages.iter().flat_map(Page::glyph_runs) {
            for g in &run.glyphs {
                let ch = if g.ch == '\u{a0}' { ' ' } else { g.ch };
                let width = embedded.pdf_width(run.face, g.id) as i64;
                expected.push((
                    fonts::resource_name(run.face).to_string(),
                    ch.to_string(),
                    width,
                ));
            }
        }
        assert!(expected.iter().any(|(font, ..)| font == "DKSERB"));

        let mut shown = Vec::new();
        for (page_id, _) in pdf.get_pages().values().zip(&pages) {
            let page = pdf.get_dictionary(*page_id).unwrap();
            let resources = resolve(&pdf, page.get(b"Resources").unwrap());
            let fonts = resolve(&pdf, resources.as_dict().unwrap().get(b"Font").unwrap())
                .as_dict()
                .unwrap();
            let content = pdf.get_page_content(*page_id);
            let mut maps = None;
            let mut name = String::new();
            for op in lopdf::content::Content::decode(&content)
                .unwrap()
                .operations
            {
                let strings: Vec<&Object> = match op.operator.as_str() {
                    "Tf" => {
                        name =
                            String::from_utf8(op.operands[0].as_name().unwrap().to_vec()).unwrap();
                        let font = resolve(&pdf, fonts.get(name.as_bytes()).unwrap());
                        maps = Some(font_maps(&pdf, font.as_dict().unwrap()));
                        continue;
                    }
                    "Tj" => op.operands.iter().collect(),
                    "TJ" => op.operands[0].as_array().unwrap().iter().collect(),
                    _ => continue,
                };
                let (unicode, widths) = maps.as_ref().unwrap();
                for bytes in strings.iter().filter_map(|o| o.as_str().ok()) {
                    for pair in bytes.chunks(2) {
                        let code = u16::from_be_bytes([pair[0], pair[1]]);
                        shown.push((name.clone(), unicode[&code].clone(), widths[&code]));
                    }
                }
            }
        }
        assert_eq!(shown, expected);
    }

    #[test]
    fn no_pages_is_an_error_not_an_empty_file() {
        assert_eq!(
            write(&[], &ir::Meta::default(), &PdfOptions::default()),
            Err(PdfError::NoPages)
        );
    }
}
