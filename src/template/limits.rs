//! Bounds on one render of the templates, since a user's template is a program: it may loop
//! over a huge `range`, nest loops, or write gigabytes. Tera has no limits of its own, so:
//!
//! - the render runs on a thread of its own and the caller waits at most [`TIME_LIMIT`]
//!   (plus a short grace); past it the caller gets a Russian error and no output;
//! - the render writes into a [`BoundedWriter`] that fails once the time is up or the output
//!   passes [`OUTPUT_LIMIT`], and `range` is replaced by [`range`], which refuses more than
//!   [`RANGE_LIMIT`] numbers and fails once the time is up: between them a runaway render stops
//!   by itself soon after the limit instead of running on in the background;
//! - `get_env` is replaced by [`no_env`]: a template may not read the environment.
//!
//! In the browser's module (wasm32, no threads and no clock) the render runs inline under the
//! output and `range` limits only; the page stops a render past the time limit by terminating
//! its Web Worker (see web/README.md).
//!
//! Recursion (a macro or an include that calls itself) is refused before rendering, in
//! [`super::recursion`]: it would overflow the stack, which no time limit can catch.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long one render of the templates may take. The built-in templates render the largest
/// roadmap tried (5,000 rows) in well under a second in a release build; a template that needs
/// more than this is looping.
pub const TIME_LIMIT: Duration = Duration::from_secs(5);

/// The stack of every thread that renders templates or reads a page description: the
/// template thread here, `batch`'s worker threads and the thread every command runs on (see
/// `cli::main`). Set explicitly so that the depth limits ([`super::depth`],
/// [`super::recursion::DEPTH_LIMIT`], [`crate::page::DEPTH_LIMIT`]) hold the same in every
/// command, whatever the system's default (renders near those limits fit in it: see
/// `tests/runaway.rs`). Only the pages a thread touches take memory.
pub const RENDER_STACK: usize = 16 * 1024 * 1024;

/// How long past the limit the caller waits for the render thread to notice it by itself.
#[cfg(not(target_family = "wasm"))]
const GRACE: Duration = Duration::from_millis(500);

/// The largest page description a render may write: 64 MiB, hundreds of times a real one.
pub const OUTPUT_LIMIT: usize = 64 * 1024 * 1024;

/// The most numbers one `range(...)` may give.
pub const RANGE_LIMIT: usize = 100_000;

/// Which limit a render ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    Time(Duration),
    Output,
    Range(usize),
    /// The system would not give a thread to render on.
    NoThread,
}

impl Exceeded {
    /// The Russian message for the user.
    pub fn message(self) -> String {
        match self {
            Exceeded::Time(limit) => format!(
                "шаблон заполнялся дольше {} с и был остановлен: похоже, в нём бесконечный \
                 или слишком большой цикл",
                limit.as_secs_f32().to_string().replace('.', ",")
            ),
            Exceeded::Output => format!(
                "шаблон вывел больше {} МиБ текста и был остановлен: похоже, цикл в нём \
                 повторяется слишком много раз",
                OUTPUT_LIMIT / (1024 * 1024)
            ),
            Exceeded::Range(asked) => format!(
                "range в шаблоне просит {asked} чисел, а допускается не больше {RANGE_LIMIT}"
            ),
            Exceeded::NoThread => {
                "шаблон не удалось заполнить: система не дала запустить поток; закройте лишние \
                 программы и повторите"
                    .to_string()
            }
        }
    }
}

/// The limits of the render running on this thread, set by [`run`].
#[derive(Clone)]
struct Budget {
    /// `None` where there is no clock (wasm32): time is then bounded from outside.
    deadline: Option<Instant>,
    limit: Duration,
    cancelled: Arc<AtomicBool>,
    exceeded: Arc<Mutex<Option<Exceeded>>>,
}

impl Budget {
    fn record(&self, what: Exceeded) {
        let mut slot = self.exceeded.lock().unwrap_or_else(|e| e.into_inner());
        slot.get_or_insert(what);
    }

    /// Whether the time is up; records it when it is.
    fn out_of_time(&self) -> bool {
        let out = self.cancelled.load(Ordering::Relaxed)
            || self.deadline.is_some_and(|d| Instant::now() >= d);
        if out {
            self.record(Exceeded::Time(self.limit));
        }
        out
    }
}

thread_local! {
    static BUDGET: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

fn budget() -> Option<Budget> {
    BUDGET.with(|b| b.borrow().clone())
}

/// Runs `work` on a thread of its own under the limits, waiting at most `limit` (plus a short
/// grace). `Err` when a limit was passed, whatever `work` returned.
#[cfg(not(target_family = "wasm"))]
pub fn run<T: Send + 'static>(
    limit: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Exceeded> {
    let budget = Budget {
        deadline: Some(Instant::now() + limit),
        limit,
        cancelled: Arc::new(AtomicBool::new(false)),
        exceeded: Arc::new(Mutex::new(None)),
    };
    let (send, receive) = std::sync::mpsc::channel();
    let theirs = budget.clone();
    let spawned = std::thread::Builder::new()
        .name("dorkarta-template".into())
        .stack_size(RENDER_STACK)
        .spawn(move || {
            BUDGET.with(|b| *b.borrow_mut() = Some(theirs));
            // The caller may have stopped waiting; then nobody needs the result.
            let _ = send.send(work());
        });
    if spawned.is_err() {
        return Err(Exceeded::NoThread);
    }
    let result = receive.recv_timeout(limit + GRACE);
    let exceeded = *budget.exceeded.lock().unwrap_or_else(|e| e.into_inner());
    match (result, exceeded) {
        (Ok(value), None) => Ok(value),
        (_, Some(what)) => Err(what),
        (Err(_), None) => {
            // Still running: tell it to stop at its next write or `range`.
            budget.cancelled.store(true, Ordering::Relaxed);
            Err(Exceeded::Time(limit))
        }
    }
}

/// Runs `work` here, under the output and `range` limits: wasm32 has neither threads nor a
/// clock, so the time limit is kept by whoever runs the module (the page's Worker).
#[cfg(target_family = "wasm")]
pub fn run<T: Send + 'static>(
    limit: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Exceeded> {
    let budget = Budget {
        deadline: None,
        limit,
        cancelled: Arc::new(AtomicBool::new(false)),
        exceeded: Arc::new(Mutex::new(None)),
    };
    BUDGET.with(|b| *b.borrow_mut() = Some(budget.clone()));
    let value = work();
    BUDGET.with(|b| *b.borrow_mut() = None);
    let exceeded = *budget.exceeded.lock().unwrap_or_else(|e| e.into_inner());
    exceeded.map_or(Ok(value), Err)
}

/// A buffer that refuses to grow past [`OUTPUT_LIMIT`] or past the deadline of the render
/// running on this thread. Outside [`run`] (the built-in templates) it only collects.
pub struct BoundedWriter {
    pub bytes: Vec<u8>,
    /// Taken once: tera writes a render in thousands of small pieces.
    budget: Option<Budget>,
}

impl BoundedWriter {
    /// A writer under the limits of the render running on this thread, if any.
    pub fn for_this_thread() -> Self {
        BoundedWriter {
            bytes: Vec::new(),
            budget: budget(),
        }
    }
}

impl io::Write for BoundedWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(budget) = &self.budget {
            if budget.out_of_time() {
                return Err(io::Error::other("template time limit"));
            }
            if self.bytes.len() + buf.len() > OUTPUT_LIMIT {
                budget.record(Exceeded::Output);
                return Err(io::Error::other("template output limit"));
            }
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Tera's `range(end, start=0, step_by=1)`, refusing more than [`RANGE_LIMIT`] numbers and
/// failing once the time is up (so that nested loops stop too).
pub fn range(args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let number = |name: &str, default: Option<u64>| -> tera::Result<u64> {
        match args.get(name) {
            Some(v) => v.as_u64().ok_or_else(|| {
                tera::Error::msg(format!(
                    "range: {name} должно быть целым числом не меньше нуля, а указано {v}"
                ))
            }),
            None => default.ok_or_else(|| tera::Error::msg("range: не указан end")),
        }
    };
    let start = number("start", Some(0))?;
    let end = number("end", None)?;
    let step = number("step_by", Some(1))?;
    if step == 0 {
        return Err(tera::Error::msg("range: step_by должно быть больше нуля"));
    }
    if start > end {
        return Err(tera::Error::msg(format!(
            "range: start ({start}) больше end ({end})"
        )));
    }
    let count = (end - start).div_ceil(step);
    if let Some(budget) = budget() {
        if budget.out_of_time() {
            return Err(tera::Error::msg("template time limit"));
        }
        if count > RANGE_LIMIT as u64 {
            budget.record(Exceeded::Range(count.min(usize::MAX as u64) as usize));
            return Err(tera::Error::msg("template range limit"));
        }
    } else if count > RANGE_LIMIT as u64 {
        return Err(tera::Error::msg(
            Exceeded::Range(count.min(usize::MAX as u64) as usize).message(),
        ));
    }
    Ok((start..end)
        .step_by(step as usize)
        .map(tera::Value::from)
        .collect())
}

/// Replaces tera's `get_env`: the environment may hold secrets, and a document must not
/// depend on the machine that made it.
pub fn no_env(_: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    Err(tera::Error::msg(
        "шаблон не может читать переменные окружения: всё, что нужно документу, берётся из \
         файла дорожной карты",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(pairs: &[(&str, u64)]) -> HashMap<String, tera::Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), tera::Value::from(*v)))
            .collect()
    }

    #[test]
    fn range_counts_like_tera_and_refuses_huge_ones() {
        let got = range(&args(&[("start", 1), ("end", 7), ("step_by", 2)])).unwrap();
        assert_eq!(got, tera::Value::from(vec![1, 3, 5]));
        let err = range(&args(&[("end", 1_000_000_000)])).unwrap_err();
        assert!(err.to_string().contains("не больше 100000"), "{err}");
        assert!(range(&args(&[("end", 5), ("step_by", 0)])).is_err());
    }

    #[test]
    fn run_stops_waiting_at_the_limit() {
        let started = Instant::now();
        let got = run(Duration::from_millis(100), || {
            // A loop that only stops when told to, as a runaway render stops at its next write.
            loop {
                if budget().is_some_and(|b| b.out_of_time()) {
                    return 1;
                }
                std::hint::spin_loop();
            }
        });
        assert_eq!(got, Err(Exceeded::Time(Duration::from_millis(100))));
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(run(Duration::from_secs(5), || 7), Ok(7));
    }

    #[test]
    fn writer_refuses_output_past_the_limit() {
        let got = run(Duration::from_secs(5), || {
            let mut w = BoundedWriter::for_this_thread();
            let chunk = vec![b'x'; 1024 * 1024];
            (0..=OUTPUT_LIMIT / chunk.len())
                .map(|_| io::Write::write_all(&mut w, &chunk))
                .find_map(Result::err)
                .is_some()
        });
        assert_eq!(got, Err(Exceeded::Output));
    }
}
