//! The JSON Schema of the source format, generated from [`model`](super::model) by schemars.
//!
//! Editors with a YAML language server read it from the first line of a source
//! (`# yaml-language-server: $schema=…`) to complete keys and show the Russian descriptions
//! while the user types. The copy kept in the repository, `schema/roadmap.schema.json`, is
//! checked against this output by a test.

use super::Source;

/// The schema as pretty-printed JSON with a final newline. Stable: schemars keeps object keys
/// in sorted maps, so the same model always gives the same text.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Source);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    text.push('\n');
    text
}
