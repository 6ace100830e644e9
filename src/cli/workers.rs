//! Running a batch's jobs on worker threads so that a panic in one job fails that job only,
//! also in the shipped program, which is built with `panic = "abort"` (without the unwind
//! tables and landing pads it is a tenth smaller; see the README's developer notes).
//!
//! Without unwinding, `catch_unwind` catches nothing: the process aborts once the panic hook
//! returns. So on a worker thread the hook does not return. It sends the job's failure to the
//! thread that collects the results and parks the worker for good; the collector starts a new
//! worker in its place, and the batch goes on. The parked thread keeps its stack and what the
//! job had allocated until the process ends: cheap next to losing the batch, and only on a bug.
//!
//! Built with unwinding (tests, `cargo run`) the hook sends the same failure and returns; the
//! panic unwinds to the worker's `catch_unwind` and the worker ends, so the collector sees the
//! same thing: a job failed, its worker is gone. (Parking there would hang the test harness,
//! which replaces the hook when the tests end.) The parking itself is tested on the shipped
//! program (`tests/shipped.rs`).
//!
//! Why not rayon, which the batch used before: a parallel iterator waits for every item it
//! started, so one parked job would hang it, and its pool cannot replace a lost thread. And why
//! the work owns what it reads (`'static`): a parked thread can never be joined, so a scope
//! borrowing from the caller could never end.

use std::cell::RefCell;
use std::panic::PanicHookInfo;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Once};

/// What comes back of a job.
enum Event<T> {
    Done(usize, T),
    /// The job panicked with this message; its worker is parked for good.
    Lost(usize, String),
}

/// Says that the running job panicked, with the panic's message.
type Report = Box<dyn FnOnce(String) + Send>;

thread_local! {
    /// Set on a worker thread while it runs a job.
    static RUNNING: RefCell<Option<Report>> = const { RefCell::new(None) };
}

/// Runs `work` on every index below `count` on up to `threads` threads, each with a stack of
/// `stack` bytes, and hands each result to `done` on the calling thread as it comes: `Ok` with
/// what the job returned, or `Err` with what its panic said. Returns when every job is done.
pub fn run<T, F>(
    count: usize,
    threads: usize,
    stack: usize,
    work: F,
    mut done: impl FnMut(usize, Result<T, String>),
) where
    T: Send + 'static,
    F: Fn(usize) -> T + Send + Sync + 'static,
{
    install_hook();
    let work = Arc::new(work);
    let next = Arc::new(AtomicUsize::new(0));
    let (events, received) = mpsc::channel::<Event<T>>();
    let spawn = || {
        let (work, next, events) = (work.clone(), next.clone(), events.clone());
        std::thread::Builder::new()
            .name("dorkarta-batch".into())
            .stack_size(stack)
            .spawn(move || worker(&*work, &next, count, &events))
            .is_ok()
    };
    let mut alive = (0..threads.clamp(1, count.max(1)))
        .filter(|_| spawn())
        .count();
    let mut left = count;
    while left > 0 {
        if alive == 0 {
            // No worker could be started, or none restarted: the jobs not yet taken fail.
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= count {
                    break;
                }
                done(i, Err(NO_THREAD.into()));
                left -= 1;
            }
            if left == 0 {
                break;
            }
        }
        // Every job taken sends one event, from its worker or from the hook, and `events`
        // is held here, so this waits only for jobs that are running.
        let Ok(event) = received.recv() else { break };
        left -= 1;
        match event {
            Event::Done(i, value) => done(i, Ok(value)),
            Event::Lost(i, message) => {
                done(i, Err(message));
                alive -= 1;
                if next.load(Ordering::SeqCst) < count && spawn() {
                    alive += 1;
                }
            }
        }
    }
}

/// The failure of the jobs left when the system gives no thread to run them.
const NO_THREAD: &str =
    "система не дала запустить поток для этого файла; закройте лишние программы и повторите";

/// One worker: takes the next job until there is none.
fn worker<T: Send + 'static>(
    work: &(dyn Fn(usize) -> T + Sync),
    next: &AtomicUsize,
    count: usize,
    events: &Sender<Event<T>>,
) {
    loop {
        let i = next.fetch_add(1, Ordering::SeqCst);
        if i >= count {
            return;
        }
        let lost = events.clone();
        let report: Report = Box::new(move |message| {
            let _ = lost.send(Event::Lost(i, message));
        });
        RUNNING.with(|r| *r.borrow_mut() = Some(report));
        // Catches only when built with unwinding; the hook has reported the job by then.
        let Ok(value) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(i))) else {
            return;
        };
        RUNNING.with(|r| r.borrow_mut().take());
        if events.send(Event::Done(i, value)).is_err() {
            return;
        }
    }
}

/// Installs, once per process, the hook that keeps a worker's panic inside its job. Panics
/// elsewhere go to the hook that was there before (the standard message).
///
/// Installed before the first worker starts and never replaced: the standard library runs a
/// hook holding a read lock on it, which a parked worker keeps for good, so replacing the hook
/// after that would wait forever.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let Some(report) = RUNNING.with(|r| r.try_borrow_mut().ok()?.take()) else {
                return previous(info);
            };
            report(describe(info));
            // Without unwinding, returning would abort the process.
            while cfg!(panic = "abort") {
                std::thread::park();
            }
        }));
    });
}

/// The panic as a failure's message: what to do, then what a developer needs.
fn describe(info: &PanicHookInfo) -> String {
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("");
    let place = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()))
        .unwrap_or_default();
    format!(
        "внутренняя ошибка dorkarta при обработке этого файла; пожалуйста, сообщите о ней \
         разработчикам (место: {place}; {what})"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(
        count: usize,
        threads: usize,
        work: fn(usize) -> usize,
    ) -> Vec<Result<usize, String>> {
        let mut got: Vec<Option<Result<usize, String>>> = vec![None; count];
        run(count, threads, 1 << 20, work, |i, r| {
            assert!(got[i].is_none(), "job {i} reported twice");
            got[i] = Some(r);
        });
        got.into_iter()
            .map(|r| r.expect("every job reported"))
            .collect()
    }

    #[test]
    fn every_job_runs_once_and_reports_its_result() {
        let got = collect(100, 3, |i| i * 2);
        assert_eq!(got, (0..100).map(|i| Ok(i * 2)).collect::<Vec<_>>());
    }

    /// A panicking job's worker is gone (unwound here, parked in the shipped program) and a
    /// new worker takes the rest.
    #[test]
    fn a_panicking_job_fails_alone_and_a_new_worker_takes_the_rest() {
        let got = collect(20, 1, |i| {
            if i % 7 == 3 {
                panic!("сбой в задании {i}");
            }
            i
        });
        for (i, r) in got.iter().enumerate() {
            if i % 7 == 3 {
                let message = r.as_ref().expect_err("a panicking job fails");
                assert!(
                    message.contains(&format!("сбой в задании {i}")),
                    "{message}"
                );
                assert!(message.contains("workers.rs"), "{message}");
            } else {
                assert_eq!(r, &Ok(i));
            }
        }
    }

    #[test]
    fn no_job_means_no_thread_and_no_wait() {
        assert!(collect(0, 4, |i| i).is_empty());
    }
}
