//! `dorkarta import`: a roadmap kept in Word (DOCX) or Excel (XLSX) → the text of a source in
//! the documented format, with the schema line on top.
//!
//! One stage, bytes in and text out, no files, threads or clock (the browser's module calls
//! it as the command line does). Inside, one module per step:
//!
//! 1. [`package`]: which kind of file it is; its ZIP parts read within limits;
//! 2. [`word`] or [`sheet`]: the file → [`blocks`], paragraphs and tables as a roadmap needs;
//! 3. [`document`]: where the order and each appendix are; [`order`], [`head`] (mark, title,
//!    preamble), [`table`] with [`columns`] and [`grid`] (stages, items, numbers) read them
//!    into a [`draft`];
//! 4. [`yaml`]: the draft → the source text, each note as a `# import: …` comment.
//!
//! What the importer guessed, corrected or could not place is both a comment in the source
//! and a warning; with `strict`, a guess is an error instead.

pub mod blocks;
mod columns;
mod document;
pub mod draft;
mod grid;
mod head;
mod indicators;
mod order;
pub mod package;
pub mod sheet;
mod table;
mod text;
mod word;
pub mod yaml;

use crate::diag::{Diagnostic, Pos};

use draft::NoteKind;
use package::{Kind, Package};

/// Why a file cannot be imported, in Russian, with what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    pub hints: Vec<String>,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            hints: Vec::new(),
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Failure {
        self.hints.push(hint.into());
        self
    }

    fn diagnostic(self) -> Diagnostic {
        let mut d = Diagnostic::error(Pos::default(), "", self.message);
        d.hints = self.hints;
        d
    }
}

/// What an import made: the source text and the warnings about it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub source: String,
    pub warnings: Vec<Diagnostic>,
}

/// Imports the file `name` (its extension breaks ties; the bytes decide) into a source.
/// Errors: the file cannot be read, holds no roadmap table, or (with `strict`) needed a guess.
pub fn import(name: &str, bytes: &[u8], strict: bool) -> Result<Imported, Vec<Diagnostic>> {
    let fail = |f: Failure| vec![f.diagnostic()];
    let kind = package::sniff(name, bytes).map_err(fail)?;
    let package = Package::open(bytes).map_err(fail)?;
    let (blocks, mut warnings) = match kind {
        Kind::Docx => {
            let (blocks, notes) = word::read(&package).map_err(fail)?;
            (blocks, notes)
        }
        Kind::Xlsx => {
            package.check_all().map_err(fail)?;
            (sheet::read(bytes).map_err(fail)?, Vec::new())
        }
    };
    let draft = document::recognise(&blocks).map_err(fail)?;
    let source = yaml::write(&draft, name);
    let mut diags: Vec<Diagnostic> = warnings
        .drain(..)
        .map(|w| Diagnostic::warning(Pos::default(), "", w))
        .collect();
    let mut guesses = Vec::new();
    for note in draft.all_notes() {
        let message = format!("{}: {}", note.place, note.text);
        let line = source
            .lines()
            .position(|l| l.contains("# import:") && l.contains(&note.text.replace('\n', " / ")))
            .map_or(0, |i| i as u32 + 1);
        let d = Diagnostic::warning(Pos::new(line, 1), "", message);
        if note.kind == NoteKind::Guess {
            guesses.push(
                Diagnostic {
                    severity: crate::diag::Severity::Error,
                    ..d.clone()
                }
                .with_hint(
                    "уберите --strict, чтобы принять догадку, или исправьте исходный документ",
                ),
            );
        }
        diags.push(d);
    }
    // The source must pass `check`; what the recognisers could not make valid is said here,
    // with its place in the new source, so that it is fixed there.
    if let Err(errors) = crate::pipeline::prepare(source.as_bytes(), None) {
        for e in errors.into_iter().filter(Diagnostic::is_error) {
            let mut d = Diagnostic::warning(
                e.pos,
                e.path,
                format!("импортированный файл не проходит проверку: {}", e.message),
            );
            d.hints = e.hints;
            guesses.push(Diagnostic {
                severity: crate::diag::Severity::Error,
                ..d.clone()
            });
            diags.push(d);
        }
    }
    if strict && !guesses.is_empty() {
        return Err(guesses);
    }
    Ok(Imported {
        source,
        warnings: diags,
    })
}
