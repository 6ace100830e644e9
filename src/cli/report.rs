//! Printing diagnostics for a person at a terminal; the text of each is made by
//! [`dorkarta::report`], which the browser's module uses too.

use std::io::Write;

use dorkarta::diag::Diagnostic;
pub use dorkarta::report::{messages, render};

/// Prints diagnostics of one file to standard error. `source` is the file's bytes, for the
/// quoted line; `None` when the file could not be read.
pub fn eprint(file: &str, source: Option<&[u8]>, diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        // File names and quoted values may hold terminal escapes; they are shown, not sent.
        let text = render(file, source, d);
        let _ = err.write_all(dorkarta::naming::visible(&text).as_bytes());
    }
}

/// The line `check` prints for a file without errors.
pub fn print_ok(file: &str, warnings: usize) {
    let text = match warnings {
        0 => format!("{file}: ошибок нет\n"),
        n => format!("{file}: ошибок нет, предупреждений: {n}\n"),
    };
    let text = dorkarta::naming::visible(&text);
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
