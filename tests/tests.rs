//! The integration-test binary: one module per area, listed below.

mod cli;
mod diagnostics;
mod schema;
mod templates;
