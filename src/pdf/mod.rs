//! Laid-out pages to PDF bytes, over printpdf.
//!
//! printpdf writes the pages, the fonts (embedded, subset, with /ToUnicode maps built from the
//! characters each glyph stands for) and the document structure. Three things it does not do
//! are finished here on its lopdf document before saving:
//! - the file identifier (/ID): printpdf draws it from a counter-driven pseudo-random generator;
//!   here it is the MD5 of the file written with a blank identifier, so equal input gives equal
//!   bytes and different content a different identifier;
//! - the document language (/Lang in the catalog): printpdf has no setting for it;
//! - the info dictionary: printpdf always writes creation and modification dates (the epoch
//!   unless told otherwise) and empty keys; here it keeps only title, author, subject, creator
//!   and producer.
//!
//! Text is written by glyph id: one text object per page, one `Td` per run, and `TJ` numbers
//! that keep every glyph within `PEN_SLACK` of where layout placed it (justification,
//! the widths printpdf truncates in /W). `Tw` would not help: it acts only on the single-byte
//! code 32, which CID fonts do not use.

pub mod fonts;

use lopdf::{Object, StringFormat};
use md5::{Digest, Md5};
use printpdf::{
    Codepoint, Line, LinePoint, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rect, TextItem,
};

use crate::fonts::Face;
use crate::ir;
use crate::layout::{GlyphRun, Item, Page, Rule};

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

    let mut used = [false; 4];
    for page in pages {
        for run in page.glyph_runs() {
            used[run.face.index()] = true;
        }
    }
    for face in Face::ALL {
        if used[face.index()] {
            doc.resources
                .fonts
                .map
                .insert(fonts::font_id(face), embedded.font(face).clone());
        }
    }
    doc.pages = pages.iter().map(|p| page_ops(p, embedded)).collect();

    let save = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&save, &mut warnings);
    finish(&mut lo, meta)?;
    if opts.compress {
        compress_streams(&mut lo)?;
    }
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    stamp_id(&mut bytes)?;
    Ok(bytes)
}

/// Deflate level of the streams, on libdeflate's scale of 1–12. Measured on the 47 streams of
/// the four samples (688 KB; callgrind): level 6, its default, writes 190 KB in 50.6 M
/// instructions, level 4 197 KB in 39.7 M, level 1 213 KB in 23.9 M. Level 1 halves the
/// work of deflating for a PDF about a tenth larger (taganrog 57 → 63 KB).
const DEFLATE_LEVEL: i32 = 1;

/// Deflates every stream that may be compressed and is not already, as lopdf's `compress`
/// does, but with libdeflate, which compresses a whole buffer at once: the streams are small
/// (a page's content is 10–25 KB) and a streaming deflater spent more setting up than
/// compressing. A stream that would not shrink stays as it is.
fn compress_streams(doc: &mut lopdf::Document) -> Result<(), PdfError> {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<libdeflater::Compressor> =
            std::cell::RefCell::new(libdeflater::Compressor::new(
                libdeflater::CompressionLvl::new(DEFLATE_LEVEL).expect("a level in 1..=12"),
            ));
    }
    COMPRESSOR.with_borrow_mut(|compressor| {
        for object in doc.objects.values_mut() {
            let lopdf::Object::Stream(stream) = object else {
                continue;
            };
            if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
                continue;
            }
            let mut deflated = vec![0; compressor.zlib_compress_bound(stream.content.len())];
            let n = compressor
                .zlib_compress(&stream.content, &mut deflated)
                .map_err(|e| PdfError::Write(format!("{e:?}")))?;
            deflated.truncate(n);
            if deflated.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(deflated);
            }
        }
        Ok(())
    })
}

/// The drawing operations of one page.
fn page_ops(page: &Page, embedded: &fonts::Embedded) -> PdfPage {
    let mut ops = Vec::new();
    let h = page.height;
    // Rules first, in one graphics state; then all text in one text object.
    let mut width = f32::NAN;
    ops.push(Op::SaveGraphicsState);
    for item in &page.items {
        if let Item::Rule(rule) = item {
            if rule.width != width {
                width = rule.width;
                ops.push(Op::SetOutlineThickness { pt: Pt(width) });
            }
            ops.push(Op::DrawLine {
                line: line(rule, h),
            });
        }
    }
    ops.push(Op::RestoreGraphicsState);
    ops.push(Op::StartTextSection);
    let mut font: Option<(Face, f32)> = None;
    let mut origin = (0.0f32, 0.0f32);
    for item in &page.items {
        if let Item::Glyphs(run) = item {
            if run.glyphs.is_empty() {
                continue;
            }
            if font != Some((run.face, run.size)) {
                font = Some((run.face, run.size));
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(fonts::font_id(run.face)),
                    size: Pt(run.size),
                });
            }
            // Td moves relative to the previous run's origin. (A Tm per run would send printpdf
            // through its glyph-run merger, which decodes every glyph's outline to learn its
            // width: a tenth of the writing time, for the same drawing.)
            let (x, y) = (run.x, h - run.baseline);
            ops.push(Op::SetTextCursor {
                pos: Point {
                    x: Pt(x - origin.0),
                    y: Pt(y - origin.1),
                },
            });
            origin = (x, y);
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(codepoints(run, embedded))],
            });
        }
    }
    ops.push(Op::EndTextSection);
    PdfPage {
        media_box: Rect::from_wh(Pt(page.width), Pt(page.height)),
        trim_box: Rect::from_wh(Pt(page.width), Pt(page.height)),
        crop_box: Rect::from_wh(Pt(page.width), Pt(page.height)),
        ops,
    }
}

fn line(rule: &Rule, h: f32) -> Line {
    let point = |x: f32, y: f32| LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(h - y),
        },
        bezier: false,
    };
    Line {
        points: vec![point(rule.x0, rule.y0), point(rule.x1, rule.y1)],
        is_closed: false,
    }
}

/// How far, in thousandths of an em, the viewer's pen may stray from where layout put a glyph
/// before a TJ adjustment brings it back: 1.5 units is 0.02 pt at 12 pt, a hundredth of a
/// millimetre, far below a printer dot (0.12 pt at 600 dpi). The /W widths printpdf writes are
/// truncated to whole units, so without this slack nearly every glyph needed an adjustment of
/// a fraction of a unit: a number per glyph in the content stream, for nothing one can see.
const PEN_SLACK: f32 = 1.5;

/// Glyph ids with the TJ adjustments that move the viewer's pen (which advances by the /W width
/// of each glyph) back to where layout put the next glyph whenever it strays more than
/// [`PEN_SLACK`]. Adjustments are whole units; the error never accumulates along a run.
fn codepoints(run: &GlyphRun, embedded: &fonts::Embedded) -> Vec<Codepoint> {
    let scale = 1000.0 / run.size;
    let mut out = Vec::with_capacity(run.glyphs.len());
    // The viewer's pen, in thousandths of an em from the run's origin.
    let mut pen = 0.0f32;
    for (i, g) in run.glyphs.iter().enumerate() {
        pen += embedded.pdf_width(run.face, g.id);
        let offset = match run.glyphs.get(i + 1) {
            Some(next) => {
                let stray = pen - next.dx * scale;
                if stray.abs() >= PEN_SLACK {
                    let n = stray.round();
                    pen -= n;
                    n
                } else {
                    0.0
                }
            }
            None => 0.0,
        };
        let ch = if g.ch == '\u{a0}' { ' ' } else { g.ch };
        out.push(Codepoint {
            gid: g.id,
            offset,
            cid: Some(ch.to_string()),
        });
    }
    out
}

/// Sets the language and the info dictionary, and a blank identifier to be stamped later.
fn finish(doc: &mut lopdf::Document, meta: &ir::Meta) -> Result<(), PdfError> {
    let err = |e: lopdf::Error| PdfError::Write(e.to_string());
    // printpdf writes PDF 1.3; /Lang needs 1.4.
    doc.version = "1.4".to_string();
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

    /// A run of `n` glyphs of `ch`, each `extra` points further than its advance.
    fn spaced_run(ch: char, n: usize, extra: f32) -> GlyphRun {
        let fonts = &fonts::embedded().unwrap().metrics;
        let size = 14.0;
        let (id, advance) = fonts.glyph(Face::Regular, ch, size);
        GlyphRun {
            face: Face::Regular,
            size,
            x: 0.0,
            baseline: 0.0,
            glyphs: (0..n)
                .map(|i| crate::layout::PlacedGlyph {
                    id,
                    dx: i as f32 * (advance + extra),
                    ch,
                })
                .collect(),
        }
    }

    /// Where the viewer draws each glyph of a run, in points: it advances by the /W width,
    /// then moves by −offset/1000 em.
    fn drawn_at(run: &GlyphRun, cps: &[Codepoint]) -> Vec<f32> {
        let embedded = fonts::embedded().unwrap();
        let mut x = 0.0;
        let mut out = Vec::new();
        for cp in cps {
            out.push(x);
            x += (embedded.pdf_width(run.face, cp.gid) - cp.offset) * run.size / 1000.0;
        }
        out
    }

    #[test]
    fn glyphs_are_drawn_where_layout_placed_them_within_the_slack() {
        let embedded = fonts::embedded().unwrap();
        // «ж» at 14 pt: its /W width is truncated by a fraction of a unit, which adds up over
        // a long run; 3 pt of extra space (justification) must be applied at once.
        for extra in [0.0, 3.0] {
            let run = spaced_run('ж', 200, extra);
            let cps = codepoints(&run, embedded);
            let slack = PEN_SLACK * run.size / 1000.0;
            for (g, x) in run.glyphs.iter().zip(drawn_at(&run, &cps)) {
                assert!((g.dx - x).abs() < slack + 1e-3, "{extra}: {} vs {x}", g.dx);
            }
            assert_eq!(cps[0].cid.as_deref(), Some("ж"));
        }
    }

    #[test]
    fn adjustments_are_written_only_when_the_pen_strays() {
        let embedded = fonts::embedded().unwrap();
        let run = spaced_run('ж', 200, 0.0);
        let id = run.glyphs[0].id;
        let exact = embedded.metrics.advance_units(Face::Regular, id) as f32 * 1000.0
            / embedded.metrics.units_per_em(Face::Regular);
        assert!(
            exact - embedded.pdf_width(Face::Regular, id) > 0.1,
            "{exact}"
        );
        let adjusted = codepoints(&run, embedded)
            .iter()
            .filter(|c| c.offset != 0.0)
            .count();
        // Without the slack every glyph but the last had a fractional adjustment.
        assert!(adjusted < 200 / 2, "{adjusted} of 200 glyphs adjusted");
        let justified = spaced_run('ж', 200, 3.0);
        let adjusted = codepoints(&justified, embedded)
            .iter()
            .filter(|c| c.offset != 0.0)
            .count();
        assert_eq!(adjusted, 199);
    }

    #[test]
    fn no_pages_is_an_error_not_an_empty_file() {
        assert_eq!(
            write(&[], &ir::Meta::default(), &PdfOptions::default()),
            Err(PdfError::NoPages)
        );
    }
}
