//! `dorkarta import FILE.docx|FILE.xlsx [-o FILE.yaml] [--strict]`: a roadmap kept in Word or
//! Excel → a source file. The work is the library's (`dorkarta::import`); here the file is
//! read, the source written atomically beside it (or where `-o` says), never over the input.

use std::path::{Path, PathBuf};

use dorkarta::diag::Diagnostic;
use dorkarta::import::{self, package::FILE_LIMIT};
use dorkarta::naming::visible;

use super::Outcome;
use super::files::FileId;
use super::output::write_atomic;
use super::render::{with_extension, write_error};
use super::report;

pub fn run(file: &Path, out: Option<&Path>, strict: bool) -> Outcome {
    let name = file.display().to_string();
    let bytes = match read(file) {
        Ok(bytes) => bytes,
        Err((outcome, d)) => {
            report::eprint(&name, None, &[d]);
            return outcome;
        }
    };
    let target = match out {
        Some(path) => path.to_path_buf(),
        None => default_output(file),
    };
    if same_file(file, &target) {
        eprintln!(
            "dorkarta: {}",
            visible(&format!(
                "{} — это сам импортируемый файл: результат затёр бы его; укажите другой файл в -o",
                target.display()
            ))
        );
        return Outcome::Usage;
    }
    let imported = match import::import(&name, &bytes, strict) {
        Ok(imported) => imported,
        Err(diags) => {
            report::eprint(&name, None, &diags);
            eprintln!("{}", visible(&format!("{name}: ничего не записано")));
            return Outcome::Invalid;
        }
    };
    let target_name = target.display().to_string();
    report::eprint(
        &target_name,
        Some(imported.source.as_bytes()),
        &imported.warnings,
    );
    if let Err(e) = write_atomic(&target, imported.source.as_bytes()) {
        eprintln!(
            "{}",
            visible(&format!("{name}: {}", write_error(&target, &e)))
        );
        return Outcome::Output;
    }
    eprintln!(
        "{}",
        visible(&format!(
            "{name}: записано {target_name}; проверьте: dorkarta check {target_name}"
        ))
    );
    Outcome::Valid
}

/// `name.docx` → `name.yaml` beside it.
fn default_output(file: &Path) -> PathBuf {
    let stem = file.file_stem().unwrap_or(file.as_os_str());
    let base = file.with_file_name(stem);
    with_extension(&base, "yaml")
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (FileId::of(a), FileId::of(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// The file's bytes, at most [`FILE_LIMIT`] of them plus one (the library refuses more).
fn read(file: &Path) -> Result<Vec<u8>, (Outcome, Diagnostic)> {
    dorkarta::source::read_file_within(file, FILE_LIMIT as u64)
        .map_err(|e| (Outcome::Usage, e.diagnostic().clone()))
}
