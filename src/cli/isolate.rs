//! Rendering a user's templates (`--templates`) in a child process of this same binary.
//!
//! A user's template is a program, and two of its failures cannot be stopped from inside the
//! process: tera has no hook on the values it builds (`{% set s = s ~ s %}` forty times asks
//! for a terabyte, and a failed allocation aborts the process, taking a whole batch with it),
//! and a thread that loops without writing cannot be killed (it would go on burning a core
//! after its time limit, one more with each save in `watch`). A child process can be bounded
//! and killed: it gets the template context as JSON on stdin, sets a limit on its own memory
//! ([`MEMORY_LIMIT`]), renders with the same library code as in-process (its own time and
//! output limits included), and answers with the page description on stdout, or with its
//! diagnostics as JSON on stderr and exit code 1. The parent kills it a little after the time
//! limit if it has not answered, and turns a crash into a Russian message.
//!
//! The built-in templates are ours and render in-process (see `template::render`).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use dorkarta::diag::{Diagnostic, Pos, Severity};
use dorkarta::resolve::Resolved;
use dorkarta::template::{self, TemplateOptions, limits};

/// The hidden command the child runs.
pub const COMMAND: &str = "__render-templates";

/// How much memory (data segment and private mappings, `RLIMIT_DATA`) a render of a user's
/// templates may take: 1 GiB, several times what the built-in templates take for the largest
/// roadmap tried (5,000 rows).
pub const MEMORY_LIMIT: u64 = 1024 * 1024 * 1024;

/// How long past the time limit the parent waits before it kills the child: the child stops
/// by itself at the limit (plus `limits`' grace) and needs a moment to start.
const KILL_AFTER: Duration = Duration::from_millis(1500);

/// A diagnostic as the child sends it.
#[derive(Serialize, Deserialize)]
struct Sent {
    error: bool,
    file: Option<String>,
    line: u32,
    column: u32,
    path: String,
    message: String,
    hints: Vec<String>,
}

/// The runner `template::render` calls for a user's templates (see [`TemplateOptions::isolate`]).
pub fn render_in_child(ctx: &Resolved, opts: &TemplateOptions) -> Result<String, Vec<Diagnostic>> {
    let fail = |message: String| Err(vec![template::limit_error(&message, opts)]);
    let Some(dir) = &opts.dir else {
        return template::render(ctx, opts);
    };
    let limit = opts.time_limit.unwrap_or(limits::TIME_LIMIT);
    let input = match serde_json::to_vec(ctx) {
        Ok(input) => input,
        Err(e) => return fail(format!("контекст шаблона не собран: {e}")),
    };
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => return fail(format!("не удалось найти саму программу dorkarta: {e}")),
    };
    let spawned = Command::new(exe)
        .arg(COMMAND)
        .arg(dir)
        .arg(limit.as_millis().to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return fail(format!("не удалось запустить заполнение шаблона: {e}")),
    };
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return fail("не удалось связаться с процессом заполнения шаблона".into());
    };
    let child = Arc::new(Mutex::new(child));

    // The watchdog kills the child once it is late; it is told when the child has answered,
    // and the child is reaped only after the watchdog is done, so its id stays its own.
    let (done, late) = mpsc::channel::<()>();
    let watched = Arc::clone(&child);
    let watchdog = std::thread::spawn(move || {
        if late.recv_timeout(limit + KILL_AFTER).is_err() {
            let _ = lock(&watched).kill();
            return true;
        }
        false
    });
    let writer = std::thread::spawn(move || {
        // The child may die before it reads everything; its death is what gets reported.
        let _ = stdin.write_all(&input);
    });
    let errors = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr.read_to_end(&mut text);
        text
    });
    let mut page = Vec::new();
    let _ = stdout.read_to_end(&mut page);
    let errors = errors.join().unwrap_or_default();
    let _ = writer.join();
    let _ = done.send(());
    let killed = watchdog.join().unwrap_or(false);
    let status = lock(&child).wait();

    match status {
        _ if killed => fail(limits::Exceeded::Time(limit).message()),
        Ok(status) if status.success() => match String::from_utf8(page) {
            Ok(page) => Ok(page),
            Err(e) => fail(format!("шаблон вывел не текст: {e}")),
        },
        Ok(status) if status.code() == Some(1) => {
            match serde_json::from_slice::<Vec<Sent>>(&errors) {
                Ok(sent) => Err(sent.into_iter().map(received).collect()),
                Err(_) => fail(crashed(status, &errors)),
            }
        }
        Ok(status) => fail(crashed(status, &errors)),
        Err(e) => fail(format!("процесс заполнения шаблона потерян: {e}")),
    }
}

fn lock(child: &Mutex<Child>) -> std::sync::MutexGuard<'_, Child> {
    child.lock().unwrap_or_else(|e| e.into_inner())
}

/// What to tell of a child that died without answering.
fn crashed(status: ExitStatus, stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    if text.contains("memory allocation of") {
        return format!(
            "шаблону понадобилось больше {} МиБ памяти, и он был остановлен: похоже, в нём \
             строка или список растут в цикле",
            MEMORY_LIMIT / (1024 * 1024)
        );
    }
    if text.contains("has overflowed its stack") {
        return "шаблон переполнил стек и был остановлен: похоже, в нём слишком глубокая \
                вложенность"
            .into();
    }
    format!("процесс заполнения шаблона аварийно завершился ({status})")
}

fn received(s: Sent) -> Diagnostic {
    let mut d = match s.error {
        true => Diagnostic::error(Pos::new(s.line, s.column), s.path, s.message),
        false => Diagnostic::warning(Pos::new(s.line, s.column), s.path, s.message),
    };
    d.file = s.file;
    d.hints = s.hints;
    d
}

/// The child's side: `dorkarta __render-templates DIR MILLISECONDS`, the context on stdin.
/// Exit code 0 with the page description on stdout, or 1 with the diagnostics on stderr.
pub fn child(dir: PathBuf, millis: u64) -> std::process::ExitCode {
    limit_memory();
    let mut input = Vec::new();
    let ctx: Result<Resolved, String> = std::io::stdin()
        .read_to_end(&mut input)
        .map_err(|e| e.to_string())
        .and_then(|_| serde_json::from_slice(&input).map_err(|e| e.to_string()));
    let opts = TemplateOptions {
        dir: Some(dir),
        time_limit: Some(Duration::from_millis(millis)),
        isolate: None,
    };
    let result = match ctx {
        Ok(ctx) => template::render(&ctx, &opts),
        Err(e) => Err(vec![Diagnostic::error(
            Pos::default(),
            "",
            format!("контекст шаблона не прочитан: {e}"),
        )]),
    };
    match result {
        Ok(page) => {
            let mut out = std::io::stdout().lock();
            match out.write_all(page.as_bytes()).and_then(|_| out.flush()) {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(_) => std::process::ExitCode::from(2),
            }
        }
        Err(diags) => {
            let sent: Vec<Sent> = diags
                .into_iter()
                .map(|d| Sent {
                    error: d.severity == Severity::Error,
                    file: d.file,
                    line: d.pos.line,
                    column: d.pos.column,
                    path: d.path,
                    message: d.message,
                    hints: d.hints,
                })
                .collect();
            let text = serde_json::to_vec(&sent).unwrap_or_default();
            let _ = std::io::stderr().write_all(&text);
            // Whatever the render thread is still doing ends with the process.
            std::process::exit(1)
        }
    }
}

/// Bounds this process's memory to [`MEMORY_LIMIT`] more than it maps now: past it, an
/// allocation fails and the process aborts, which the parent reports (see [`crashed`]). What
/// it maps now is counted in (`VmData`) because the allocator reserves its arena, 1 GiB of
/// address that takes memory only as it is used, before `main`.
fn limit_memory() {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        let mapped_kib = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| {
                let line = status.lines().find(|l| l.starts_with("VmData:"))?;
                line.split_whitespace().nth(1)?.parse::<u64>().ok()
            })
            .unwrap_or(0);
        let limit = mapped_kib * 1024 + MEMORY_LIMIT;
        let _ = setrlimit(
            Resource::Data,
            Rlimit {
                current: Some(limit),
                maximum: Some(limit),
            },
        );
    }
}
