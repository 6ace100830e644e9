//! The integration-test binary: one module per area, listed below.
/// Source → template context: rows, spans, numbers and the exact diagnostics of bad sources.
mod resolve;
