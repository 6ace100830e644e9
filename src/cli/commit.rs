//! Putting a batch's outputs in place on a thread of its own.
//!
//! Each output reaches the disk before it is renamed into place (see [`output::Staged`]), and
//! that flush waits for the disk: three flushes a document took about a tenth of the render
//! threads' time. Render threads therefore only write their outputs to temporary files and hand
//! them here; this thread flushes them, a group of documents at a time, and renames them in
//! the order they came, while the render threads go on with the next source. The queue is bounded, so memory stays flat: a render
//! thread waits when the disk falls that far behind.
//!
//! [`output::Staged`]: super::output::Staged

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::thread::JoinHandle;

use super::output::{self, Staged};
use super::render::write_error;

/// Documents waiting to be committed, at most: with three open files each, well under the
/// usual limit of 1,024 open files.
const QUEUE: usize = 32;

/// The outputs of one job, committed in order; the stamp after them, only when all are in.
#[derive(Debug)]
pub struct Unit {
    /// The job's index in the batch, for the failures [`Committer::finish`] returns.
    pub job: usize,
    pub outputs: Vec<Staged>,
    /// Best effort: a stamp that cannot be written only costs a render next time (and a
    /// warning, see [`stamp_error`]).
    pub stamp: Option<Staged>,
}

/// A job whose outputs could not be put in place, and the message saying why.
pub type CommitFailure = (usize, String);

/// The committing thread and its queue.
pub struct Committer {
    /// Closed by `finish`, which is why it sits behind a lock: jobs share the committer.
    queue: Mutex<Option<SyncSender<Unit>>>,
    thread: Mutex<Option<JoinHandle<Vec<CommitFailure>>>>,
}

impl Committer {
    pub fn start() -> Committer {
        let (queue, units) = mpsc::sync_channel(QUEUE);
        let thread = std::thread::Builder::new()
            .name("commit".into())
            .spawn(move || commit_all(units));
        match thread {
            Ok(thread) => Committer {
                queue: Mutex::new(Some(queue)),
                thread: Mutex::new(Some(thread)),
            },
            // No thread to be had: `submit` commits in the caller's thread.
            Err(_) => Committer {
                queue: Mutex::new(None),
                thread: Mutex::new(None),
            },
        }
    }

    /// Queues a job's outputs, waiting while the queue is full. Without a committing thread
    /// they are committed here, and a failure is returned at once.
    pub fn submit(&self, unit: Unit) -> Option<String> {
        // A clone, so that a full queue blocks this job only, not the lock.
        let queue = lock(&self.queue).clone();
        let unit = match queue {
            Some(queue) => match queue.send(unit) {
                Ok(()) => return None,
                Err(mpsc::SendError(unit)) => unit,
            },
            None => unit,
        };
        commit(unit, false).map(|(_, message)| message)
    }

    /// Waits until every queued output is in place; returns the jobs that failed. Outputs
    /// submitted after this are committed in the caller's thread.
    pub fn finish(&self) -> Vec<CommitFailure> {
        drop(lock(&self.queue).take());
        let thread = lock(&self.thread).take();
        thread
            .and_then(|thread| thread.join().ok())
            .unwrap_or_default()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Commits the units as they come, in groups: whatever is queued when the thread is free
/// again is flushed to the disk together (see [`output::sync_all`]) and then renamed into
/// place, unit by unit. The faster the renders, the larger the groups.
///
/// [`output::sync_all`]: super::output::sync_all
fn commit_all(units: Receiver<Unit>) -> Vec<CommitFailure> {
    let mut failures = Vec::new();
    while let Ok(first) = units.recv() {
        let mut group = vec![first];
        group.extend(std::iter::from_fn(|| units.try_recv().ok()).take(QUEUE));
        let staged: Vec<&Staged> = group
            .iter()
            .flat_map(|unit| unit.outputs.iter().chain(&unit.stamp))
            .collect();
        // If the group cannot be flushed at once, each file is flushed on its own, so that
        // the failure is told about the output it concerns.
        let synced = output::sync_all(&staged).is_ok();
        failures.extend(group.into_iter().filter_map(|unit| commit(unit, synced)));
    }
    failures
}

/// Commits a unit's outputs in order, flushing each first unless `synced`. At the first
/// failure the rest are dropped (their temporary files removed, the previous outputs left as
/// they were) and no stamp is written.
fn commit(unit: Unit, synced: bool) -> Option<CommitFailure> {
    let put = |staged: Staged| match synced {
        true => staged.commit_synced(),
        false => staged.commit(),
    };
    let mut outputs = unit.outputs.into_iter();
    for staged in outputs.by_ref() {
        let path = staged.path().to_path_buf();
        if let Err(e) = put(staged) {
            return Some((unit.job, write_error(&path, &e)));
        }
    }
    if let Some(stamp) = unit.stamp {
        let path = stamp.path().to_path_buf();
        if let Err(e) = put(stamp) {
            let _ = STAMP_ERROR.set(write_error(&path, &e));
        }
    }
    None
}

/// The first stamp that could not be put in place: the documents are, but the next batch will
/// make them again, and the batch says so once (see `batch::StampTrouble`).
static STAMP_ERROR: OnceLock<String> = OnceLock::new();

pub fn stamp_error() -> Option<&'static str> {
    STAMP_ERROR.get().map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::super::output::stage;
    use super::*;
    use std::fs;

    #[test]
    fn queued_outputs_are_in_place_after_finish_and_stamps_follow_them() {
        let dir = tempfile::tempdir().unwrap();
        let committer = Committer::start();
        for job in 0..100 {
            let out = dir.path().join(format!("{job}.pdf"));
            let stamp = dir.path().join(format!("{job}.stamp"));
            let unit = Unit {
                job,
                outputs: vec![stage(&out, format!("pdf {job}").as_bytes()).unwrap()],
                stamp: Some(stage(&stamp, b"fresh").unwrap()),
            };
            assert_eq!(committer.submit(unit), None);
        }
        assert!(committer.finish().is_empty());
        for job in 0..100 {
            let out = dir.path().join(format!("{job}.pdf"));
            assert_eq!(fs::read_to_string(out).unwrap(), format!("pdf {job}"));
        }
        // 100 outputs and 100 stamps, no temporary file left.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 200);
    }

    #[test]
    fn a_failed_commit_names_its_job_and_keeps_the_previous_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let docx = dir.path().join("a.docx");
        let pdf = dir.path().join("a.pdf");
        let stamp = dir.path().join("a.stamp");
        fs::write(&pdf, "old pdf").unwrap();
        // A folder where the DOCX goes makes its rename fail after it was written.
        fs::create_dir_all(docx.join("inner")).unwrap();
        let committer = Committer::start();
        let unit = Unit {
            job: 7,
            outputs: vec![
                stage(&docx, b"new docx").unwrap(),
                stage(&pdf, b"new pdf").unwrap(),
            ],
            stamp: Some(stage(&stamp, b"fresh").unwrap()),
        };
        assert_eq!(committer.submit(unit), None);
        let failures = committer.finish();
        assert_eq!(failures.len(), 1);
        assert_eq!(failures[0].0, 7);
        assert!(failures[0].1.contains("a.docx"), "{}", failures[0].1);
        assert_eq!(fs::read_to_string(&pdf).unwrap(), "old pdf");
        assert!(!stamp.exists());
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["a.docx", "a.pdf"]);
    }
}
