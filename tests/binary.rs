//! Running the real binary, as the tests of commands do (issue 26, item 6: one helper instead of
//! one per test file).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root: where `samples/` and `tests/ok/` are.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The test build of the program, to be given arguments, a folder, an environment.
pub fn command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dorkarta"))
}

/// Runs the program in `dir` with `args` and nothing on its standard input (so that nothing
/// can wait for a key), and waits for it.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    command()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// Runs the program at the repository root.
pub fn run(args: &[&str]) -> Output {
    run_in(root(), args)
}

/// What the program wrote, which must be UTF-8 (everything it prints is).
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("not UTF-8 ({e}): {bytes:?}"))
}

pub fn stdout(out: &Output) -> String {
    text(&out.stdout)
}

pub fn stderr(out: &Output) -> String {
    text(&out.stderr)
}

/// The exit code; a run ended by a signal is a failure of the test.
pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally, not by a signal")
}

/// A sample roadmap by file name.
pub fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name)
}

/// The smallest valid roadmap (tests/ok/minimal.yaml).
pub fn minimal() -> Vec<u8> {
    std::fs::read(root().join("tests/ok/minimal.yaml")).unwrap()
}
