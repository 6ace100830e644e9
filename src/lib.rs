//! dorkarta: a roadmap written in YAML becomes the appendix to a department order, as DOCX and
//! PDF in the approved layout (ГОСТ Р 7.0.97).
//!
//! The pipeline, one module per stage; each takes the previous stage's output:
//!
//! 1. [`source`]: YAML text → [`source::Source`], serde types as the user writes them;
//! 2. [`resolve`]: validation, numbering, dates → the template context;
//! 3. [`template`]: tera templates → the page description, a small XHTML subset;
//! 4. [`page`]: XHTML → [`ir::Document`], the document IR;
//! 5. [`paginate`]: IR → its pages (by [`layout`]) and the IR as the pages have it, the one
//!    value both writers read;
//! 6. [`docx`]: the paginated IR → DOCX bytes; [`pdf`]: its pages → PDF bytes.
//!
//! Writers know nothing of roadmaps; templates know nothing of DOCX or PDF.

/// The version of dorkarta, as `dorkarta --version` and the browser's module report it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub mod assets;
pub mod batch;
pub mod diag;
pub mod docx;
pub mod fonts;
pub mod import;
pub mod ir;
pub mod layout;
pub mod layout_notes;
pub mod naming;
pub mod page;
pub mod paginate;
pub mod pdf;
pub mod pipeline;
pub mod region;
pub mod report;
pub mod resolve;
pub mod source;
pub mod template;
