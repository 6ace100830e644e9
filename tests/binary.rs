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

/// Everything the program said, standard output then standard error (`batch` lists failures
/// on standard output, the other commands on standard error).
pub fn said(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
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

/// A long-running command (`watch`) whose standard error is read line by line as it comes;
/// the process is killed when this is dropped, however the test ends.
pub struct Watched {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    /// Every line read so far.
    pub seen: Vec<String>,
}

impl Watched {
    /// Starts `command` with its standard error piped and nothing on its input.
    pub fn start(command: &mut Command) -> Watched {
        use std::io::BufRead;
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stderr = child.stderr.take().expect("piped");
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watched {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a line containing `needle`, at most `limit` (a generous bound: a hang fails
    /// the test, nothing waits for it to pass); returns that line.
    pub fn wait_for(&mut self, needle: &str, limit: std::time::Duration) -> String {
        let deadline = std::time::Instant::now() + limit;
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match self
                .lines
                .recv_timeout(left.min(std::time::Duration::from_millis(200)))
            {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        panic!("no «{needle}» in the output: {:#?}", self.seen);
    }

    /// The process id, for signals and CPU accounting.
    pub fn id(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watched {
    /// Waits for the process to exit, at most `limit`; its exit status.
    pub fn exit_status(&mut self, limit: std::time::Duration) -> std::process::ExitStatus {
        let deadline = std::time::Instant::now() + limit;
        loop {
            if let Some(status) = self
                .child
                .try_wait()
                .expect("the process can be waited for")
            {
                return status;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "still running after {limit:?}: {:#?}",
                self.seen
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
