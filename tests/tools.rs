//! The external programs the tests call to read what dorkarta writes: poppler (pdftotext,
//! pdffonts, pdftoppm), qpdf, LibreOffice (soffice), openxml-audit, python3 with the team's
//! fidelity tool. One way to run them for every test file.
//!
//! A missing program skips the check that needs it, with a note on standard error, so that the
//! suite runs on a machine without them. With `DORKARTA_REQUIRE_TOOLS=1` (set by .ci/run, which
//! installs them all) a missing program fails the test instead: a check skipped without a
//! word would pass for one that ran.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Whether a missing program is a failure (`DORKARTA_REQUIRE_TOOLS` set, not empty, not 0).
pub fn required() -> bool {
    std::env::var_os("DORKARTA_REQUIRE_TOOLS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Says that `what` is missing: fails the test when tools are required, else notes the skip.
/// Returns false, for `return` in the caller: `if !tools::have("soffice") { return; }`.
pub fn missing(what: &str) -> bool {
    assert!(
        !required(),
        "{what} is missing, and DORKARTA_REQUIRE_TOOLS is set (.ci/run installs it)"
    );
    eprintln!("note: {what} is missing; the check was skipped");
    false
}

/// Whether `program` can be started (it is on the PATH); if not, [`missing`].
pub fn have(program: &str) -> bool {
    match Command::new(program).arg("--version").output() {
        Ok(_) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => missing(program),
        Err(e) => panic!("{program}: {e}"),
    }
}

/// Whether every one of `programs` can be started.
pub fn have_all(programs: &[&str]) -> bool {
    programs.iter().all(|p| have(p))
}

/// Runs `program` with `args`; `None` when it is not installed (see [`missing`]).
pub fn run(program: &str, args: &[&str]) -> Option<Output> {
    run_command(Command::new(program).args(args), program)
}

/// Runs a prepared command of `program`; `None` when it is not installed.
pub fn run_command(command: &mut Command, program: &str) -> Option<Output> {
    match command.output() {
        Ok(out) => Some(out),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            missing(program);
            None
        }
        Err(e) => panic!("{program}: {e}"),
    }
}

/// Whether the Python module `module` imports (openxml-audit is one).
pub fn have_python_module(module: &str) -> bool {
    let imported = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    imported || missing(&format!("the Python module {module}"))
}

/// The team's fidelity tool (`../shared/tools/fidelity.py`), when it is beside the repository.
pub fn fidelity_tool() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/fidelity.py");
    if path.is_file() && have("python3") {
        Some(path)
    } else {
        missing(&format!("the fidelity tool {}", path.display()));
        None
    }
}
