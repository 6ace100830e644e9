//! The JSON Schema of the source format, generated from [`model`](super::model) by schemars.
//!
//! Editors with a YAML language server read it from the first line of a source
//! (`# yaml-language-server: $schema=…`) to complete keys and show the Russian descriptions
//! while the user types. The copy kept in the repository, `schema/roadmap.schema.json`, is
//! checked against this output by a test, and is what the programs print ([`SCHEMA`]).

use super::Source;

/// The schema `dorkarta schema` and the browser's module give: the committed copy of
/// [`schema_json`]'s output (`tests/schema.rs` keeps the two equal). Generating it there instead
/// would carry schemars' generator and the model's schema code into each shipped program,
/// about 0.15 MB, for a text that changes only with the model.
pub const SCHEMA: &str = include_str!("../../schema/roadmap.schema.json");

/// The schema as pretty-printed JSON with a final newline. Stable: schemars keeps object keys
/// in sorted maps, so the same model always gives the same text.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Source);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    text.push('\n');
    text
}
