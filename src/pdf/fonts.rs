//! The embedded faces as printpdf fonts, with fixed resource names.
//!
//! printpdf records the glyphs used while the pages are serialized and subsets each font once at
//! the end (allsorts, through its `text_layout` feature). Its subset tag is the first six
//! characters of the font's resource name, so the names below are six capital letters: fixed
//! names give fixed bytes, and pdffonts recognises the tag (`sub yes`).

use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont, PdfFont};

use super::PdfError;
use crate::fonts::{self, FACES, Face, Fonts};

/// Resource name (and subset tag) of a face in every PDF we write.
pub fn resource_name(face: Face) -> &'static str {
    match face {
        Face::Regular => "DKSERA",
        Face::Bold => "DKSERB",
        Face::Italic => "DKSERC",
        Face::BoldItalic => "DKSERD",
        Face::Symbols => "DKSYMA",
    }
}

pub fn font_id(face: Face) -> FontId {
    FontId(resource_name(face).to_string())
}

/// The /DW (default width) printpdf writes in every CID font.
pub const NOTDEF_WIDTH: f32 = 1000.0;

/// The faces parsed by printpdf (for embedding), each when a document first uses it, and by us
/// (for the widths printpdf writes).
pub struct Embedded {
    printpdf: [OnceLock<Result<PdfFont, PdfError>>; FACES],
    pub metrics: &'static Fonts,
}

impl Embedded {
    /// The face as printpdf embeds it, parsed the first time a PDF uses it.
    pub fn font(&self, face: Face) -> Result<&PdfFont, PdfError> {
        self.printpdf[face.index()]
            .get_or_init(|| {
                let mut warnings = Vec::new();
                ParsedFont::from_bytes(fonts::face_bytes(face), 0, &mut warnings)
                    .map(PdfFont::new)
                    .ok_or(PdfError::Font(face))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The glyph width printpdf writes into the font's /W array, in thousandths of an em
    /// (truncated, as printpdf does): the viewer advances by it after each glyph. .notdef is not
    /// declared to printpdf (see `subset`) and has no /W entry: the viewer takes the font's
    /// default width, [`NOTDEF_WIDTH`].
    pub fn pdf_width(&self, face: Face, id: u16) -> f32 {
        if id == 0 {
            return NOTDEF_WIDTH;
        }
        let units = self.metrics.advance_units(face, id) as f32;
        (units * 1000.0 / self.metrics.units_per_em(face)).trunc()
    }
}

/// The faces for embedding, shared by every PDF of the process (parsing is the costly part of
/// font handling).
pub fn embedded() -> Result<&'static Embedded, PdfError> {
    static EMBEDDED: OnceLock<Result<Embedded, PdfError>> = OnceLock::new();
    EMBEDDED
        .get_or_init(|| {
            // The faces layout measured with, parsed once for both.
            let metrics = fonts::shared().map_err(|e| PdfError::Font(e.face))?;
            Ok(Embedded {
                printpdf: Default::default(),
                metrics,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}
