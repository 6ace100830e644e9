//! `dorkarta render FILE... [-o DIR]`, and the one way every command turns a source into files.

use std::path::{Path, PathBuf};

use dorkarta::diag::Diagnostic;
use dorkarta::pipeline::{self, Options, Rendered};
use dorkarta::region::Municipality;
use dorkarta::source::{self, ReadError};

use dorkarta::naming::visible;

use super::Outcome;
use super::files::{FileId, Input, Inputs};
use super::output::write_atomic;
use super::report;
use dorkarta::naming::{same_output_message, same_outputs};

/// Why a source gave no files.
pub enum Failure {
    /// The source could not be read (missing file, no permission): a usage error.
    Unreadable(Diagnostic),
    /// The source is invalid; nothing was written.
    Invalid(Vec<u8>, Vec<Diagnostic>),
    /// The documents were made but could not be written; earlier outputs are intact.
    Write(String),
}

impl Failure {
    pub fn outcome(&self) -> Outcome {
        match self {
            Failure::Unreadable(_) => Outcome::Usage,
            Failure::Invalid(..) => Outcome::Invalid,
            Failure::Write(_) => Outcome::Output,
        }
    }

    /// The messages as the user reads them, one string each.
    pub fn messages(&self, file: &str) -> Vec<String> {
        match self {
            Failure::Unreadable(d) => report::messages(file, None, std::slice::from_ref(d)),
            Failure::Invalid(bytes, diags) => report::messages(file, Some(bytes), diags),
            Failure::Write(message) => vec![format!("{file}: {message}")],
        }
    }

    /// Prints the failure to standard error, control characters made visible.
    pub fn eprint(&self, file: &str) {
        for m in self.messages(file) {
            eprintln!("{}", visible(&m));
        }
    }
}

/// Reads a source, renders it and writes `<out_base>.docx` / `.pdf` atomically. Returns what
/// was rendered (warnings, items) and the files written, or why nothing was.
pub fn render_to_files(
    file: &Path,
    municipality: Option<&Municipality>,
    out_base: &Path,
    opts: &Options,
) -> Result<(Vec<u8>, Rendered, Vec<PathBuf>), Failure> {
    let (bytes, rendered) = render_source(file, municipality, opts)?;
    let written = write_outputs(&rendered, out_base)?;
    Ok((bytes, rendered, written))
}

/// Writes the documents of a render, each to a temporary file renamed into place.
fn write_outputs(rendered: &Rendered, out_base: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut written = Vec::new();
    for (path, data) in outputs(rendered, out_base) {
        write_atomic(&path, data).map_err(|e| Failure::Write(write_error(&path, &e)))?;
        written.push(path);
    }
    Ok(written)
}

/// Reads a source and renders it in memory: its bytes (for messages) and the documents.
pub fn render_source(
    file: &Path,
    municipality: Option<&Municipality>,
    opts: &Options,
) -> Result<(Vec<u8>, Rendered), Failure> {
    let bytes = read_source(file)?;
    render_bytes(bytes, municipality, opts)
}

/// Reads a source (a regular file only; see `source::read_file`).
pub fn read_source(file: &Path) -> Result<Vec<u8>, Failure> {
    source::read_file(file).map_err(|e| match e {
        ReadError::Unreadable(d) => Failure::Unreadable(d),
        ReadError::TooLarge(d) => Failure::Invalid(Vec::new(), vec![d]),
    })
}

/// Renders a source's bytes, already read, in memory.
pub fn render_bytes(
    bytes: Vec<u8>,
    municipality: Option<&Municipality>,
    opts: &Options,
) -> Result<(Vec<u8>, Rendered), Failure> {
    match pipeline::render(&bytes, municipality, opts) {
        Ok(rendered) => Ok((bytes, rendered)),
        Err(diags) => Err(Failure::Invalid(bytes, diags)),
    }
}

/// The files a render makes: `<out_base>.docx` and `.pdf`, as asked, in that order.
pub fn outputs<'r>(rendered: &'r Rendered, out_base: &Path) -> Vec<(PathBuf, &'r [u8])> {
    [("docx", &rendered.docx), ("pdf", &rendered.pdf)]
        .into_iter()
        .filter_map(|(ext, data)| Some((with_extension(out_base, ext), data.as_deref()?)))
        .collect()
}

/// The documents a render to `out_base` writes, as `formats` asks.
pub fn outputs_of(out_base: &Path, formats: pipeline::Formats) -> Vec<PathBuf> {
    [("docx", formats.docx), ("pdf", formats.pdf)]
        .into_iter()
        .filter(|(_, on)| *on)
        .map(|(ext, _)| with_extension(out_base, ext))
        .collect()
}

/// `base` + `.ext`, keeping dots that are part of the name («г. Калуга» stays whole).
pub fn with_extension(base: &Path, ext: &str) -> PathBuf {
    let mut s = base.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

/// A Russian message for a failed write, saying what to do.
pub fn write_error(path: &Path, e: &std::io::Error) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::PermissionDenied => "нет прав на запись в папку".to_string(),
        std::io::ErrorKind::StorageFull => "на диске нет места".to_string(),
        std::io::ErrorKind::ReadOnlyFilesystem => "диск доступен только для чтения".to_string(),
        std::io::ErrorKind::NotADirectory => "на месте папки лежит файл".to_string(),
        std::io::ErrorKind::IsADirectory | std::io::ErrorKind::DirectoryNotEmpty => {
            "на месте файла лежит папка".to_string()
        }
        _ => e.to_string(),
    };
    format!(
        "не удалось записать {}: {why}; прежний файл, если был, не тронут",
        path.display()
    )
}

/// The `render` command: each file to `<out>/<stem>.docx` and `.pdf`. Before anything is
/// written, the plan is checked: an output that would replace an input (a source, a template)
/// stops the command; two sources that would write the same documents are both refused, the
/// others are made.
/// With `deny_warnings`, a source with any warning is not written and fails (exit 1), for
/// scripts that must stop on one.
pub fn run(
    files: &[PathBuf],
    out: Option<&Path>,
    emit_html: bool,
    deny_warnings: bool,
    opts: &Options,
) -> Outcome {
    let mut plan: Vec<(&PathBuf, PathBuf)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for file in files {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = match out {
            Some(dir) => dir.to_path_buf(),
            None => file.parent().map(Path::to_path_buf).unwrap_or_default(),
        };
        let base = dorkarta::naming::join_inside(&dir, Path::new(&stem));
        // The same file named twice makes its documents once.
        if let Some(id) = FileId::of(file)
            && !seen.insert((id, base.clone()))
        {
            continue;
        }
        plan.push((file, base));
    }
    let mut inputs = Inputs::default();
    plan.iter()
        .for_each(|(file, _)| inputs.add(file, Input::Source));
    inputs.add_templates(opts.templates.dir.as_deref());
    let formats = opts.formats;
    let written: Vec<PathBuf> = plan
        .iter()
        .flat_map(|(_, base)| {
            let html = emit_html.then(|| with_extension(base, "html"));
            outputs_of(base, formats).into_iter().chain(html)
        })
        .collect();
    let over = inputs.check(&written);
    if !over.is_empty() {
        over.iter()
            .for_each(|m| eprintln!("dorkarta: {}", visible(m)));
        return Outcome::Usage;
    }
    let bases: Vec<&Path> = plan.iter().map(|(_, b)| b.as_path()).collect();
    let clashes = same_outputs(&bases);
    plan.iter()
        .enumerate()
        .map(|(i, (file, base))| {
            let name = file.display().to_string();
            if let Some(others) = clashes.get(&i) {
                let others: Vec<String> = others
                    .iter()
                    .map(|&j| plan[j].0.display().to_string())
                    .collect();
                let others: Vec<&str> = others.iter().map(String::as_str).collect();
                eprintln!("{}", visible(&same_output_message(&name, &others, base)));
                return Outcome::Usage;
            }
            if emit_html && let Err(outcome) = emit_page_description(file, base, opts) {
                return outcome;
            }
            let (bytes, rendered) = match render_source(file, None, opts) {
                Ok(done) => done,
                Err(failure) => {
                    failure.eprint(&name);
                    return failure.outcome();
                }
            };
            report::eprint(&name, Some(&bytes), &rendered.warnings);
            let warned = match rendered.warnings.len() {
                0 => String::new(),
                n => format!("; предупреждений: {n}"),
            };
            if deny_warnings && !rendered.warnings.is_empty() {
                eprintln!(
                    "{}",
                    visible(&format!(
                        "{name}: не записано{warned} — с --deny-warnings предупреждения считаются ошибками; прежние документы, если были, не тронуты"
                    ))
                );
                return Outcome::Invalid;
            }
            match write_outputs(&rendered, base) {
                Ok(written) => {
                    let list: Vec<String> =
                        written.iter().map(|p| p.display().to_string()).collect();
                    eprintln!(
                        "{}",
                        visible(&format!("{name}: записано {}{warned}", list.join(", ")))
                    );
                    Outcome::Valid
                }
                Err(failure) => {
                    failure.eprint(&name);
                    failure.outcome()
                }
            }
        })
        .max()
        .unwrap_or(Outcome::Valid)
}

/// `--emit html`: the page description, for looking at what the templates made.
fn emit_page_description(file: &Path, base: &Path, opts: &Options) -> Result<(), Outcome> {
    let name = file.display().to_string();
    let bytes = source::read_file(file).map_err(|e| {
        report::eprint(&name, None, std::slice::from_ref(e.diagnostic()));
        Outcome::Usage
    })?;
    let html = pipeline::prepare(&bytes, None)
        .and_then(|w| dorkarta::template::render(&w.value, &opts.templates))
        .map_err(|diags| {
            report::eprint(&name, Some(&bytes), &diags);
            Outcome::Invalid
        })?;
    let path = with_extension(base, "html");
    write_atomic(&path, html.as_bytes()).map_err(|e| {
        eprintln!(
            "{}",
            visible(&format!("{name}: {}", write_error(&path, &e)))
        );
        Outcome::Output
    })
}
