//! The field path a message names is found from the mistake's position in the text
//! (`translate::path_of`), not tracked while reading (which would double the deserializer's
//! code in the shipped programs). This checks those paths against the ones
//! serde_path_to_error tracks, over thousands of mistakes made in the samples and the test
//! sources: every message must come out the same, but where the tracking loses its way (the
//! indicator rows' own `Deserialize`, a value replayed from an anchor) and the position names
//! the field more closely.
//!
//! The debug build reads about 50 sources a second: CI checks every fourth;
//! `DORKARTA_PATHS_ALL=1` checks them all.

use serde_path_to_error::{Path, Segment};
use serde_saphyr::Error;

use super::{Source, load_with, options, read};
use crate::diag::{Diagnostic, Pos};

/// `appendix.stages[0].items[3].deadline`: the path as the user wrote the keys. The `value`
/// segments `Spanned` adds are dropped (no model field is called `value`).
fn field_path(path: &Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } if key == "value" => {}
            Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

fn tracked(text: &str) -> Result<Source, Box<(Error, String)>> {
    let mut path = None;
    serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
        serde_path_to_error::deserialize(de).map_err(|err| {
            path = Some(err.path().clone());
            err.into_inner()
        })
    })
    .map_err(|err| Box::new((err, path.map(|p| field_path(&p)).unwrap_or_default())))
}

/// Mistakes of every kind made in one line: a key misspelt, a value of another type or an
/// unknown one, a value left empty, the line dropped (a required field missing), and the
/// same in each `key: value` of a flow mapping.
fn line_variants(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let (Some(open), Some(close)) = (body.find('{'), body.rfind('}'))
        && open < close
    {
        let inner = &body[open + 1..close];
        let parts: Vec<&str> = inner.split(',').collect();
        for (k, part) in parts.iter().enumerate() {
            let Some((key, _)) = part.split_once(':') else {
                continue;
            };
            for value in [": [1]", ": zzz", ": {b: 2}", ": ~", "q: 1"] {
                let mut changed: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
                changed[k] = format!("{key}{value}");
                out.push(format!(
                    "{}{}{}",
                    &body[..=open],
                    changed.join(","),
                    &body[close..]
                ));
            }
        }
    }
    let indent = body.len() - body.trim_start_matches([' ', '-']).len();
    let (head, rest) = body.split_at(indent);
    let Some((key, value)) = rest.split_once(':') else {
        return out;
    };
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return out;
    }
    for changed in [
        ": [1, 2]", ": {a: 1}", ": zzz", ": 12", ":", ": true", ": ~",
    ] {
        out.push(format!("{head}{key}{changed}"));
    }
    out.push(format!("{head}{key}x:{value}"));
    out.push(match head.contains('-') {
        true => format!("{head}zz: 1"),
        false => String::new(),
    });
    out
}

/// The text with each line's variants, one at a time, and, for the reading past a first
/// mistake, with a key misspelt in two lines far apart.
fn mutations(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let with = |changes: &[(usize, &str)]| {
        let mut out = String::new();
        for (n, line) in lines.iter().enumerate() {
            match changes.iter().find(|(at, _)| *at == n) {
                Some((_, "")) => {}
                Some((_, changed)) => {
                    out.push_str(changed);
                    out.push('\n');
                }
                None => out.push_str(line),
            }
        }
        out
    };
    let mut out = Vec::new();
    let mut renamed = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let variants = line_variants(line.trim_end_matches('\n'));
        for variant in &variants {
            out.push(with(&[(n, variant)]));
        }
        if let Some(misspelt) = variants.iter().find(|v| v.contains("x:")) {
            renamed.push((n, misspelt.clone()));
        }
    }
    let half = renamed.len() / 2;
    for (a, b) in renamed.iter().zip(renamed.iter().skip(half)).step_by(3) {
        out.push(with(&[(a.0, &a.1), (b.0, &b.1)]));
    }
    out
}

/// Sources through anchors and aliases, which the samples do not use.
fn aliased() -> Vec<String> {
    let head = "order:\n  authority: У\n  authority_genitive: У\n  date: 2023-02-16\n  number: \"206\"\nappendix:\n  title: Т\n  columns: [{ key: number, title: №, width: 6 }, { key: activity, title: М, width: 50 }, { key: deadline, title: С, width: 20 }]\n  stages:\n    - title: Э\n      items:\n";
    [
        "        - &a { activity: А, deadlin: 2023-02-16 }\n        - *a\n",
        "        - &a { activity: А, deadline: [1] }\n        - activity: Б\n        - *a\n",
        "        - { activity: &x [А], deadline: 2023-02-16 }\n        - { activity: Б, deadline: *x }\n",
        "        - &a { activity: А, deadline: 2023-02-16 }\n        - { <<: *a, responsibl: Р }\n",
        "        - { activity: А, list: &l [x, y] }\n        - { activity: Б, deadline: *l }\n",
        "        - &a { activity: А, deadline: {q: 1} }\n        - { <<: *a, responsible: Р }\n",
    ]
    .iter()
    .map(|items| format!("{head}{items}"))
    .collect()
}

/// Whether the messages from the path found by position are those from the tracked path, but
/// where the tracked path is less close than it can be (see the module's comment).
fn same_or_closer(tracked: &[Diagnostic], found: &[Diagnostic]) -> bool {
    tracked.len() == found.len()
        && tracked.iter().zip(found).all(|(t, f)| {
            let deeper = f.path.starts_with(&format!("{}.", t.path));
            let unplaced = f.pos == Pos::default() && t.path.starts_with(&f.path);
            let same = f.path == t.path;
            let mut f = f.clone();
            f.path = t.path.clone();
            f == *t && (same || deeper || unplaced)
        })
}

#[test]
fn messages_name_the_fields_serde_path_to_error_tracks() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = aliased();
    for dir in ["samples", "tests/ok", "tests/bad"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
            .collect();
        files.sort();
        for file in files {
            let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
            if dir != "tests/bad" {
                texts.extend(mutations(&text));
            }
            texts.push(text);
        }
    }
    let every = match std::env::var_os("DORKARTA_PATHS_ALL") {
        Some(_) => 1,
        None => 4,
    };
    let (mut checked, mut differ) = (0, Vec::new());
    for text in texts.iter().step_by(every) {
        let Err(tracked) = load_with(text.as_bytes(), tracked) else {
            continue;
        };
        checked += 1;
        let found = load_with(text.as_bytes(), read).unwrap_err();
        if !same_or_closer(&tracked, &found) {
            differ.push(format!(
                "{text}\n  tracked: {tracked:?}\n  found:   {found:?}"
            ));
        }
    }
    assert!(checked > 1000, "only {checked} sources with mistakes");
    assert!(
        differ.is_empty(),
        "{} of {checked} differ; the first:\n{}",
        differ.len(),
        differ[0]
    );
}
