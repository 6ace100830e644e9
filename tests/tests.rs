//! The integration-test binary: one module per area, listed below.

// Hand-built IR documents shared by the writers' tests.
mod ir_samples;

// The DOCX writer end to end: determinism, structure, openxml-audit, LibreOffice.
mod docx;
