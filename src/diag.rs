//! Diagnostics: what every stage returns instead of printing.
//!
//! A diagnostic names the place (file, line, column and the field path in the source), says in
//! Russian what is wrong and, in `hints`, what would be right. Stages collect every problem they
//! can find rather than stopping at the first; the binary prints them and picks the exit code.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A position in a source file. `line` and `column` are 1-based; 0 means unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub fn new(line: u32, column: u32) -> Self {
        Pos { line, column }
    }

    /// The line and column (in characters) of a byte offset into `text`.
    pub fn at_offset(text: &str, offset: usize) -> Self {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Pos::new(line as u32, column as u32)
    }

    /// The position of a value read with `serde_saphyr::Spanned`.
    pub fn of<T>(spanned: &serde_saphyr::Spanned<T>) -> Self {
        let loc = &spanned.referenced;
        Pos {
            line: loc.line() as u32,
            column: loc.column() as u32,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file at fault when it is not the source being processed (a template, a font);
    /// `None` means the source file, whose name the caller knows.
    pub file: Option<String>,
    pub pos: Pos,
    /// Field path in the source: `stages[0].items[3].deadline`; empty for the whole file.
    pub path: String,
    /// What is wrong, in Russian.
    pub message: String,
    /// What would be right, in Russian; one line each.
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn error(pos: Pos, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            pos,
            path: path.into(),
            message: message.into(),
            hints: Vec::new(),
        }
    }

    pub fn warning(pos: Pos, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(pos, path, message)
        }
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `line:column: path: message`, the form `check` prints after the file name.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.pos.line, self.pos.column)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// A result that carries warnings on success and every problem found on failure.
pub type Diagnosed<T> = Result<Warned<T>, Vec<Diagnostic>>;

/// A value with the warnings found while making it.
#[derive(Debug)]
pub struct Warned<T> {
    pub value: T,
    pub warnings: Vec<Diagnostic>,
}
