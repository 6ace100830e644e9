//! `dorkarta check FILE...`: load and validate every file and print every problem found.
//!
//! One bad file stops nothing: each file is checked and reported, and the worst outcome
//! decides the exit code.

use std::path::{Path, PathBuf};

use dorkarta::diag::Diagnostic;
use dorkarta::source::{self, ReadError};

use super::Outcome;
use super::report;

pub fn run(files: &[PathBuf]) -> Outcome {
    files
        .iter()
        .map(|file| check_file(file))
        .max()
        .unwrap_or(Outcome::Valid)
}

fn check_file(file: &Path) -> Outcome {
    let name = file.display().to_string();
    let bytes = match source::read_file(file) {
        Ok(bytes) => bytes,
        Err(err) => {
            report::eprint(&name, None, std::slice::from_ref(err.diagnostic()));
            return match err {
                ReadError::Unreadable(_) => Outcome::Usage,
                ReadError::TooLarge(_) => Outcome::Invalid,
            };
        }
    };
    // Everything up to the template context: loading and every cross-field check.
    match dorkarta::pipeline::prepare(&bytes, None) {
        Ok(warned) => conclude(&name, &bytes, &warned.warnings),
        Err(diags) => conclude(&name, &bytes, &diags),
    }
}

/// Prints a file's diagnostics and its verdict: invalid when any is an error, otherwise
/// «ошибок нет» with the number of warnings.
fn conclude(name: &str, bytes: &[u8], diags: &[Diagnostic]) -> Outcome {
    report::eprint(name, Some(bytes), diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Outcome::Invalid;
    }
    report::print_ok(name, diags.len());
    Outcome::Valid
}
