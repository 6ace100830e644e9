//! The JSON Schema: the committed copy matches the generated one, and it accepts every valid
//! source (the samples and `tests/ok`).
//!
//! `DORKARTA_UPDATE=1 cargo test` rewrites `schema/roadmap.schema.json`.

use std::path::{Path, PathBuf};

use dorkarta::source::schema::schema_json;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_schema_equals_generated_schema() {
    let path = root().join("schema/roadmap.schema.json");
    let generated = schema_json();
    if std::env::var_os("DORKARTA_UPDATE").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/roadmap.schema.json is out of date; run `DORKARTA_UPDATE=1 cargo test schema` \
         and commit it"
    );
}

#[test]
fn schema_is_stable() {
    assert_eq!(schema_json(), schema_json());
}

#[test]
fn every_field_has_a_russian_description() {
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
    let mut missing = Vec::new();
    for (name, def) in schema["$defs"].as_object().unwrap() {
        for (field, prop) in def["properties"].as_object().into_iter().flatten() {
            let text = prop["description"].as_str().unwrap_or_default();
            if !text
                .chars()
                .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap()))
            {
                missing.push(format!("{name}.{field}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "fields without a Russian description: {missing:?}"
    );
}

/// YAML → JSON as an editor's YAML 1.2 language server sees it: only `true`/`false` are
/// booleans, so a value like `no` or `yes` stays a string (YAML 1.1 would make it a boolean).
fn to_json(text: &str) -> Result<serde_json::Value, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options(text, serde_saphyr::options! { strict_booleans: true })
}

/// Sources that must be valid: `samples/*.yaml` (when the folder exists) and `tests/ok/*.yaml`.
fn valid_sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["samples", "tests/ok"] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        files.extend(
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml")),
        );
    }
    files.sort();
    files
}

#[test]
fn schema_accepts_every_valid_source() {
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let files = valid_sources();
    assert!(
        files.len() >= 4,
        "expected tests/ok sources, found {files:?}"
    );
    let mut failures = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.trim_start_matches('\u{FEFF}');
        let value = to_json(text).unwrap_or_else(|e| panic!("{}: not YAML: {e}", path.display()));
        for error in validator.iter_errors(&value) {
            failures.push(format!(
                "{}: {} at {}",
                path.display(),
                error,
                error.instance_path()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "schema rejects valid sources:\n{}",
        failures.join("\n")
    );
}

/// The schema is not vacuous: a misspelt key and a wrong type are rejected.
#[test]
fn schema_rejects_unknown_keys_and_wrong_types() {
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let good = std::fs::read_to_string(root().join("tests/ok/minimal.yaml")).unwrap();
    for bad in [
        good.replace("responsible: Морозова", "respnsible: Морозова"),
        good.replace("width: 50", "width: широкая"),
        good.replace("numbering", "x")
            .replace("  stages:", "  numbering: per_stage\n  stages:"),
    ] {
        let value = to_json(&bad).unwrap();
        assert!(!validator.is_valid(&value), "accepted:\n{bad}");
    }
}

/// The README's format reference names every key and every fixed value of the format, so it
/// cannot silently fall behind `model.rs`.
#[test]
fn readme_names_every_key_and_value() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
    let mut names = Vec::new();
    let mut collect = |value: &serde_json::Value| {
        for key in value["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            names.push(key.clone());
        }
        for variant in value["oneOf"].as_array().into_iter().flatten() {
            if let Some(c) = variant["const"].as_str() {
                names.push(c.to_owned());
            }
        }
        for e in value["enum"].as_array().into_iter().flatten() {
            names.push(e.as_str().unwrap_or_default().to_owned());
        }
    };
    collect(&schema);
    for def in schema["$defs"].as_object().unwrap().values() {
        collect(def);
    }
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !readme.contains(&format!("`{n}`")))
        .collect();
    assert!(names.len() > 60, "{names:?}");
    assert!(
        missing.is_empty(),
        "README.md does not mention: {missing:?}"
    );
}

/// Issue 25, item 8: the README's YAML examples write lists of text as block lists. A flow list
/// (`list: [ВПР, ОГЭ и ЕГЭ]`) splits an item at its comma without a word, and users copy the
/// examples: only lists of dates or short values may stay in brackets.
#[test]
fn readme_examples_write_lists_of_text_in_blocks() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut in_yaml = false;
    let mut flow = Vec::new();
    for (n, line) in readme.lines().enumerate() {
        match line.trim_start() {
            "```yaml" => in_yaml = true,
            "```" => in_yaml = false,
            text if in_yaml => {
                let list_of_text = [
                    "list:",
                    "items:",
                    "header:",
                    "preamble:",
                    "text:",
                    "clauses:",
                ]
                .iter()
                .any(|key| text.trim_start_matches("- ").starts_with(key))
                    || text.contains("list: [");
                if list_of_text && text.contains('[') {
                    flow.push(format!("{}: {line}", n + 1));
                }
            }
            _ => {}
        }
    }
    assert!(
        flow.is_empty(),
        "flow lists of text in README.md examples:\n{}",
        flow.join("\n")
    );
}
