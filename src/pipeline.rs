//! The whole pipeline in one call: source bytes → DOCX and PDF bytes.
//!
//! One way through, each stage a function of what the one before it returned: source →
//! [`resolve`] (with a municipality's values as an input) → templates → page description →
//! document IR → [`paginate`] → the DOCX writer (the paginated document) and the PDF writer
//! (its pages).
//!
//! The CLI's `render`, `batch` and `watch`, the benchmarks and the fuzz target all go through
//! here, so they make documents the same way. Each stage's diagnostics come back as they are;
//! a writer's failure becomes a diagnostic without a position.

use crate::diag::{Diagnosed, Diagnostic, Pos, Warned};
use crate::docx::{self, DocxOptions};
use crate::fonts;
use crate::ir;
use crate::layout_notes;
use crate::page;
use crate::paginate::paginate;
use crate::pdf::{self, PdfOptions};
use crate::region::Municipality;
use crate::resolve::{self, Resolved};
use crate::source;
use crate::template::{self, TemplateOptions};

/// Which files to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub docx: bool,
    pub pdf: bool,
}

impl Formats {
    pub const ALL: Formats = Formats {
        docx: true,
        pdf: true,
    };
}

/// Everything a render needs besides the source.
#[derive(Debug, Clone)]
pub struct Options {
    pub templates: TemplateOptions,
    pub formats: Formats,
}

impl Default for Options {
    /// The built-in templates, DOCX and PDF.
    fn default() -> Self {
        Options {
            templates: TemplateOptions::default(),
            formats: Formats::ALL,
        }
    }
}

/// What a render made.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub warnings: Vec<Diagnostic>,
    pub docx: Option<Vec<u8>>,
    pub pdf: Option<Vec<u8>>,
    /// Pages of the PDF, when one was made.
    pub pages: Option<usize>,
    /// The numbered items, in table order: what `watch` compares between saves.
    pub items: Vec<ItemView>,
}

/// A numbered item as `watch` compares it between two saves.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ItemView {
    /// «2.1».
    pub number: String,
    /// The first line of the activity: how the item is recognised after an edit.
    pub activity: String,
    /// What the item prints, its parts' rows included, by column title in column order: what
    /// tells a changed deadline, responsible or text.
    pub fields: Vec<(String, String)>,
}

/// Source bytes → the template context; a municipality's values are an input of `resolve`,
/// which puts them into the source's texts before it checks them.
pub fn prepare(bytes: &[u8], municipality: Option<&Municipality>) -> Diagnosed<Resolved> {
    resolve::resolve(source::load(bytes)?, municipality)
}

/// The template context → the document IR, through the page description.
pub fn document(
    resolved: &Resolved,
    templates: &TemplateOptions,
) -> Result<ir::Document, Vec<Diagnostic>> {
    let xhtml = template::render(resolved, templates)?;
    page::parse(&xhtml)
}

/// Source bytes → the requested files.
pub fn render(
    bytes: &[u8],
    municipality: Option<&Municipality>,
    opts: &Options,
) -> Result<Rendered, Vec<Diagnostic>> {
    let Warned {
        value: resolved,
        mut warnings,
    } = prepare(bytes, municipality)?;
    let doc = document(&resolved, &opts.templates)?;
    let fonts = fonts::shared().map_err(writer_error)?;
    let paginated = paginate(&doc, fonts);
    warnings.extend(layout_notes::warnings(
        &paginated,
        &String::from_utf8_lossy(bytes),
    ));
    let docx = match opts.formats.docx {
        true => {
            Some(docx::write(&paginated.document, &DocxOptions::default()).map_err(writer_error)?)
        }
        false => None,
    };
    let (pdf, pages) = match opts.formats.pdf {
        true => {
            let bytes = pdf::write(
                &paginated.pages,
                &paginated.document.meta,
                &PdfOptions::default(),
            )
            .map_err(writer_error)?;
            (Some(bytes), Some(paginated.pages.len()))
        }
        false => (None, None),
    };
    // The faces are parsed as layout first uses them: one that is broken is known only now.
    fonts.check().map_err(writer_error)?;
    Ok(Rendered {
        warnings,
        docx,
        pdf,
        pages,
        items: items(&resolved),
    })
}

fn writer_error(err: impl std::fmt::Display) -> Vec<Diagnostic> {
    vec![Diagnostic::error(Pos::default(), "", err.to_string())]
}

/// The numbered rows of every appendix: (number, first paragraph of the activity).
fn items(resolved: &Resolved) -> Vec<ItemView> {
    let mut items = Vec::new();
    for appendix in &resolved.appendices {
        let title = |key: &str| {
            appendix
                .columns
                .iter()
                .find(|c| c.key == key)
                .map_or_else(|| key.to_string(), |c| c.title.clone())
        };
        let mut current: Option<ItemView> = None;
        for row in &appendix.rows {
            match row.kind.as_str() {
                "item" => items.extend(current.replace(ItemView::default())),
                "part" if current.is_some() => {}
                _ => {
                    items.extend(current.take());
                    continue;
                }
            }
            let Some(item) = current.as_mut() else {
                continue;
            };
            for cell in &row.cells {
                let text: Vec<&str> = cell
                    .text
                    .iter()
                    .chain(&cell.list)
                    .map(String::as_str)
                    .collect();
                match cell.key.as_str() {
                    "number" => item.number = text.first().copied().unwrap_or_default().into(),
                    key => {
                        if key == "activity" && item.activity.is_empty() {
                            item.activity = text.first().copied().unwrap_or_default().into();
                        }
                        let title = title(key);
                        match item.fields.iter_mut().find(|(t, _)| *t == title) {
                            Some((_, value)) => {
                                value.push('\n');
                                value.push_str(&text.join("\n"));
                            }
                            None => item.fields.push((title, text.join("\n"))),
                        }
                    }
                }
            }
        }
        items.extend(current);
    }
    items.retain(|i| !i.number.is_empty());
    items
}
