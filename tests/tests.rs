//! The integration-test binary: one module per area, listed below.

/// The real binary: exit codes, output format, Russian usage errors.
mod cli;
/// Malformed sources in tests/bad/ and the exact diagnostics each must give.
mod diagnostics;
/// Source → template context: rows, spans, numbers and the exact diagnostics of bad sources.
mod resolve;
/// The committed JSON Schema, and samples validated against it.
mod schema;
/// Templates → page description → IR.
mod templates;
