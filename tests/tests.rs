//! The integration-test binary: one module per area, listed below.

/// The PDF writer: tools read the file (qpdf, pdffonts, pdftotext), pages and determinism.
mod pdf;
/// Hand-built IR documents shaped like roadmaps, shared by the writers' tests.
mod sample_ir;
