//! Running many renders at once: in parallel, with progress, and a summary at the end.
//!
//! The batch knows nothing of how one document is made: it takes a list of [`Job`]s and a
//! function that does one job and says how it went. One failing job never stops the others;
//! Ctrl-C stops starting new jobs, lets the running ones finish their atomic writes, and the
//! summary says the batch was interrupted. Only outcomes (a few strings each) are kept, never
//! documents, so memory stays flat whatever the number of jobs.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

pub use dorkarta::batch::{Outcome, Summary, format_summary};
use dorkarta::naming::visible;
use indicatif::{ProgressBar, ProgressStyle};

use super::commit::{Committer, Unit};
use super::files::{FileId, Input, Inputs, SourceWalk};
use super::output;

/// One document to make.
#[derive(Debug, Clone)]
pub struct Job {
    /// The source file.
    pub source: PathBuf,
    /// How the job is named to the user: the source path, or «path → municipality».
    pub display: String,
    /// Outputs are this path with `.docx` and `.pdf` appended.
    pub out_base: PathBuf,
    /// The municipality row to apply, when rendering a regional roadmap for each municipality.
    pub municipality: Option<usize>,
}

/// Runs `work` on every job (with its index) on `threads` threads and returns the summary.
/// Progress goes to stderr: a bar on a terminal, a plain line per job otherwise (logs, CI).
/// `settle` runs once all jobs are done and may still change their outcomes: outputs that
/// were put in place after their job ended, and failed there, become failures. A job that
/// panics fails alone (see [`workers`](super::workers)).
pub fn run<F, S>(
    jobs: &Arc<[Job]>,
    threads: usize,
    interrupted: &'static AtomicBool,
    work: F,
    settle: S,
) -> Summary
where
    F: Fn(usize, &Job) -> Outcome + Send + Sync + 'static,
    S: FnOnce(&mut [Outcome]),
{
    let started = Instant::now();
    let progress = Progress::new(jobs.len());
    let mut outcomes = vec![Outcome::NotStarted; jobs.len()];
    let shared = jobs.clone();
    super::workers::run(
        jobs.len(),
        threads,
        // The same stack as every thread that renders, for the same depth limits.
        dorkarta::template::limits::RENDER_STACK,
        move |index| match interrupted.load(Ordering::SeqCst) {
            true => Outcome::NotStarted,
            false => work(index, &shared[index]),
        },
        |index, result| {
            let outcome = result.unwrap_or_else(|message| Outcome::Failed {
                messages: vec![message],
            });
            progress.done(&jobs[index], &outcome);
            outcomes[index] = outcome;
        },
    );
    progress.finish();
    settle(&mut outcomes);
    let names: Vec<&str> = jobs.iter().map(|job| job.display.as_str()).collect();
    dorkarta::batch::summarize(
        &names,
        &outcomes,
        interrupted.load(Ordering::SeqCst),
        started.elapsed(),
    )
}

/// A duration as a Russian progress line says it, to the unit that matters: «5 с», «2 мин 5 с»,
/// «1 ч 20 мин».
fn russian_duration(d: std::time::Duration) -> String {
    let s = d.as_secs();
    match (s / 3600, s / 60 % 60, s % 60) {
        (0, 0, s) => format!("{s} с"),
        (0, m, 0) => format!("{m} мин"),
        (0, m, s) => format!("{m} мин {s} с"),
        (h, 0, _) => format!("{h} ч"),
        (h, m, _) => format!("{h} ч {m} мин"),
    }
}

/// Progress on stderr: a bar on a terminal, plain lines elsewhere.
struct Progress {
    bar: Option<ProgressBar>,
    total: usize,
    count: std::sync::atomic::AtomicUsize,
}

impl Progress {
    fn new(total: usize) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40} {pos}/{len} [{elapsed_precise}, осталось ~{eta_ru}] {msg}",
            ) {
                // indicatif's own {eta} writes «5s», «2m»: English units in a Russian line.
                bar.set_style(style.with_key(
                    "eta_ru",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = w.write_str(&russian_duration(state.eta()));
                    },
                ));
            }
            bar
        });
        Progress {
            bar,
            total,
            count: Default::default(),
        }
    }

    fn done(&self, job: &Job, outcome: &Outcome) {
        let n = self.count.fetch_add(1, Ordering::SeqCst) + 1;
        let word = match outcome {
            Outcome::Rendered { warnings } if !warnings.is_empty() => "готово, есть предупреждения",
            Outcome::Rendered { .. } => "готово",
            Outcome::Skipped => "без изменений",
            Outcome::Failed { .. } => "ОШИБКА",
            Outcome::NotStarted => return,
        };
        let display = visible(&job.display);
        match &self.bar {
            Some(bar) => {
                bar.set_message(display.to_string());
                bar.inc(1);
                if matches!(outcome, Outcome::Failed { .. }) {
                    bar.println(format!("ошибка: {display}"));
                }
            }
            None => eprintln!("[{n}/{}] {display}: {word}", self.total),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The `batch` command's settings, from the command line.
pub struct BatchSettings<'a> {
    pub inputs: &'a [PathBuf],
    pub out: &'a Path,
    pub jobs: Option<usize>,
    pub force: bool,
    pub report: Option<&'a Path>,
    pub municipalities: Option<&'a Path>,
    pub options: &'a dorkarta::pipeline::Options,
}

/// `dorkarta batch DIR|FILE... -o OUT`: every source (folders recursively), or every
/// municipality of a regional source, rendered in parallel.
///
/// Before anything is written the plan is checked: an output, the report or a stamp that
/// would replace an input (a source, the table, a template) stops the batch (exit code 2);
/// two sources whose documents would have one name are both refused, each naming the other,
/// and the rest is made.
pub fn command(s: &BatchSettings) -> super::Outcome {
    use super::Outcome as O;
    let say = |message: &str| eprintln!("dorkarta: {}", visible(message));
    let sources = match collect_sources(s.inputs) {
        Ok(found) => {
            found
                .skipped
                .iter()
                .for_each(|m| say(&format!("предупреждение: {m}")));
            found.sources
        }
        Err(message) => {
            say(&message);
            return O::Usage;
        }
    };
    if sources.is_empty() {
        say("не найдено ни одного файла .yaml");
        return O::Usage;
    }
    let table = match s.municipalities.map(load_municipalities).transpose() {
        Ok(t) => t,
        Err(outcome) => return outcome,
    };
    let rows = table.as_ref().map(|t| t.rows.as_slice());
    let jobs = make_jobs(&sources, rows, s.out);
    let formats = s.options.formats;
    let plan: Vec<JobFiles> = jobs
        .iter()
        .map(|job| JobFiles::new(job, s.out, formats))
        .collect();
    let over = inputs_of(&sources, s).check(
        plan.iter()
            .flat_map(|p| p.outputs.iter().chain([&p.stamp]))
            .chain(s.report.map(Path::to_path_buf).as_ref()),
    );
    if !over.is_empty() {
        over.iter().for_each(|m| say(m));
        return O::Usage;
    }
    let refused = same_names(&jobs, table.as_ref());
    let threads = s
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let shared = Arc::new(Shared {
        plan,
        refused,
        table,
        templates: super::stamp::templates_fingerprint(s.options.templates.dir.as_deref()),
        committer: Committer::start(),
        stamps: StampTrouble::new(s.out),
        force: s.force,
        options: s.options.clone(),
    });
    let jobs: Arc<[Job]> = jobs.into();
    let work = shared.clone();
    let summary = run(
        &jobs,
        threads,
        interrupt_flag(),
        move |index, job| match work.refused.get(&index) {
            Some(message) => Outcome::Failed {
                messages: vec![message.clone()],
            },
            None => render_job(index, job, &work),
        },
        // An output that fails to go into place after its job was counted («готово» in the
        // progress) makes the job a failure in the summary, the report and the exit code.
        |outcomes| {
            for (index, message) in shared.committer.finish() {
                let name = jobs[index].source.display().to_string();
                outcomes[index] = Outcome::Failed {
                    messages: super::render::Failure::Write(message).messages(&name),
                };
            }
        },
    );
    let stamps = &shared.stamps;
    stamps.tell();
    print!("{}", format_summary(&summary));
    if let Some(path) = s.report {
        let json = serde_json::to_vec_pretty(&summary).unwrap_or_default();
        if let Err(e) = super::output::write_atomic(path, &json) {
            say(&super::render::write_error(path, &e));
            return O::Output;
        }
    }
    match () {
        _ if summary.interrupted => O::Interrupted,
        _ if !summary.failed.is_empty() => O::Invalid,
        _ => O::Valid,
    }
}

/// The files a batch reads: its sources, the table and the templates.
fn inputs_of(sources: &[Source], s: &BatchSettings) -> Inputs {
    let mut inputs = Inputs::default();
    sources
        .iter()
        .for_each(|(src, _)| inputs.add(src, Input::Source));
    s.municipalities
        .iter()
        .for_each(|t| inputs.add(t, Input::Table));
    inputs.add_templates(s.options.templates.dir.as_deref());
    inputs
}

/// What a job writes: its documents, as the formats ask, and its stamp.
struct JobFiles {
    outputs: Vec<PathBuf>,
    stamp: PathBuf,
}

impl JobFiles {
    fn new(job: &Job, out: &Path, formats: dorkarta::pipeline::Formats) -> JobFiles {
        JobFiles {
            outputs: super::render::outputs_of(&job.out_base, formats),
            stamp: super::stamp::stamp_path(out, &job.out_base),
        }
    }
}

/// The jobs refused because another job would write documents of the same name, each with
/// its message. A table row already refused for its repeated name is not told twice.
fn same_names(jobs: &[Job], table: Option<&Table>) -> std::collections::BTreeMap<usize, String> {
    let faulty: Vec<bool> = jobs
        .iter()
        .map(|job| {
            job.municipality
                .and_then(|i| table?.rows.get(i))
                .is_some_and(|m| !m.errors.is_empty())
        })
        .collect();
    let names: Vec<&str> = jobs.iter().map(|job| job.display.as_str()).collect();
    let bases: Vec<&Path> = jobs.iter().map(|job| job.out_base.as_path()).collect();
    dorkarta::batch::refused_for_same_names(&names, &bases, &faulty)
}

/// Stamps that cannot be kept: said once, before the batch when something other than a folder
/// is where they go, after it when one could not be written, since the next batch will then
/// render those documents again.
struct StampTrouble {
    told: bool,
    first: std::sync::Mutex<Option<String>>,
}

impl StampTrouble {
    fn new(out: &Path) -> StampTrouble {
        let problem = super::stamp::dir_problem(out);
        if let Some(message) = &problem {
            eprintln!("dorkarta: предупреждение: {}", visible(message));
        }
        StampTrouble {
            told: problem.is_some(),
            first: Default::default(),
        }
    }

    fn failed(&self, stamp: &Path, e: &std::io::Error) {
        let mut first = self.first.lock().unwrap_or_else(|e| e.into_inner());
        first.get_or_insert_with(|| super::render::write_error(stamp, e));
    }

    fn tell(&self) {
        let first = self.first.lock().unwrap_or_else(|e| e.into_inner());
        let why = first
            .clone()
            .or_else(|| super::commit::stamp_error().map(str::to_owned));
        if let (false, Some(why)) = (self.told, why) {
            eprintln!(
                "dorkarta: предупреждение: отметки о собранных документах не записаны ({}); \
                 в следующий раз эти документы будут собраны заново",
                visible(&why)
            );
        }
    }
}

/// A source and the path of its outputs below OUT, without extension.
type Source = (PathBuf, PathBuf);

/// The sources found, and what was passed over, for a warning each.
struct Found {
    sources: Vec<Source>,
    skipped: Vec<String>,
}

/// Sources in a stable order: folders walked recursively for `.yaml`/`.yml` files, sorted
/// (see [`SourceWalk`]: each folder once, regular files only). The same file with the same
/// output, named twice, is taken once.
fn collect_sources(inputs: &[PathBuf]) -> Result<Found, String> {
    let mut found = Found {
        sources: Vec::new(),
        skipped: Vec::new(),
    };
    let mut walk = SourceWalk::default();
    let mut seen = std::collections::BTreeSet::new();
    let mut push = |path: PathBuf, relative: PathBuf| {
        if let Some(id) = FileId::of(&path)
            && !seen.insert((id, relative.clone()))
        {
            return;
        }
        found.sources.push((path, relative));
    };
    for input in inputs {
        if input.is_dir() {
            walk.walk(input)
                .map_err(|e| format!("{}: {e}", input.display()))?;
            for path in walk.sources.drain(..) {
                let relative = path.strip_prefix(input).unwrap_or(&path).with_extension("");
                push(path, relative);
            }
        } else if let Some(message) = super::files::not_regular(input) {
            return Err(message);
        } else if input.exists() {
            let stem = input.file_stem().map(PathBuf::from).unwrap_or_default();
            push(input.clone(), stem);
        } else {
            return Err(format!("{}: файл или папка не найдены", input.display()));
        }
    }
    found.skipped = walk.skipped;
    Ok(found)
}

/// The table of municipalities, with the file it came from: a faulty row's message quotes it,
/// and its content goes into every stamp.
struct Table {
    name: String,
    /// The table as text to quote in messages (`region::quotable`).
    quote: Vec<u8>,
    content: String,
    rows: Vec<dorkarta::region::Municipality>,
}

fn load_municipalities(path: &Path) -> Result<Table, super::Outcome> {
    let name = path.display().to_string();
    if let Some(message) = super::files::not_regular(path) {
        eprintln!("dorkarta: {}", visible(&message));
        return Err(super::Outcome::Usage);
    }
    let bytes = std::fs::read(path).map_err(|e| {
        eprintln!(
            "{}",
            visible(&format!(
                "{name}: не удалось прочитать таблицу муниципалитетов: {e}"
            ))
        );
        super::Outcome::Usage
    })?;
    let format = dorkarta::region::TableFormat::of(&name, &bytes);
    match dorkarta::region::load_table(&bytes, format) {
        Ok(rows) => Ok(Table {
            content: super::stamp::content_line("table", &bytes),
            quote: dorkarta::region::quotable(&bytes, format),
            name,
            rows,
        }),
        Err(diags) => {
            let quote = dorkarta::region::quotable(&bytes, format);
            super::report::eprint(&name, Some(&quote), &diags);
            Err(super::Outcome::Invalid)
        }
    }
}

/// One job per source, or per source and municipality. With one regional source the
/// documents are OUT/<municipality>; with several, OUT/<source>/<municipality>.
fn make_jobs(
    sources: &[Source],
    table: Option<&[dorkarta::region::Municipality]>,
    out: &Path,
) -> Vec<Job> {
    let inside = |rel: &Path| dorkarta::naming::join_inside(out, rel);
    match table {
        None => sources
            .iter()
            .map(|(src, rel)| Job {
                source: src.clone(),
                display: src.display().to_string(),
                out_base: inside(rel),
                municipality: None,
            })
            .collect(),
        Some(rows) => sources
            .iter()
            .flat_map(|(src, rel)| {
                rows.iter().enumerate().map(move |(i, m)| {
                    let (display, name) =
                        dorkarta::batch::municipality_job(&src.display().to_string(), m);
                    let name = PathBuf::from(name);
                    let rel_out = if sources.len() > 1 {
                        rel.join(&name)
                    } else {
                        name
                    };
                    Job {
                        source: src.clone(),
                        display,
                        out_base: inside(&rel_out),
                        municipality: Some(i),
                    }
                })
            })
            .collect(),
    }
}

/// An environment variable naming a source file (its name alone) whose job panics: for testing
/// that a panic fails that job only, in the shipped programs.
const PANIC_FOR_TESTS: &str = "DORKARTA_TEST_PANIC";

/// What every job of a batch reads, owned, since the worker threads may outlive the batch (see
/// [`workers`](super::workers)).
struct Shared {
    plan: Vec<JobFiles>,
    /// Jobs refused before the batch, with their messages.
    refused: std::collections::BTreeMap<usize, String>,
    table: Option<Table>,
    /// The templates' fingerprint, for the stamps.
    templates: String,
    committer: Committer,
    stamps: StampTrouble,
    force: bool,
    options: dorkarta::pipeline::Options,
}

/// Renders one job and queues its outputs, with the stamp that marks them fresh, for the
/// committer: the job is done when they are written to temporary files. The source is read
/// once: the bytes rendered are the bytes the stamp records.
fn render_job(index: usize, job: &Job, shared: &Shared) -> Outcome {
    let Shared {
        plan,
        table,
        templates,
        committer,
        stamps,
        force,
        options,
        ..
    } = shared;
    let (files, table) = (&plan[index], table.as_ref());
    // The tests of the shipped programs make one job panic this way (tests/shipped.rs): a bug
    // cannot be made to order, and the panic isolation is what is being tested.
    if std::env::var_os(PANIC_FOR_TESTS).is_some_and(|name| job.source.file_name() == Some(&*name))
    {
        panic!("{PANIC_FOR_TESTS}: {}", job.display);
    }
    use super::render::{Failure, outputs, read_source, render_bytes, write_error};
    use super::stamp;
    let municipality = job.municipality.and_then(|i| table?.rows.get(i));
    // A faulty row of the table fails its own document only; its messages point into the table.
    if let (Some(m), Some(t)) = (municipality, table)
        && !m.errors.is_empty()
    {
        return Outcome::Failed {
            messages: super::report::messages(&t.name, Some(&t.quote), &m.errors),
        };
    }
    let name = job.source.display().to_string();
    let bytes = match read_source(&job.source) {
        Ok(bytes) => bytes,
        Err(failure) => {
            return Outcome::Failed {
                messages: failure.messages(&name),
            };
        }
    };
    let mut made_of = stamp::fingerprint(options.formats, templates, municipality);
    made_of.push_str(&stamp::content_line("source", &bytes));
    if let Some(t) = table {
        made_of.push_str(&t.content);
    }
    if !force && stamp::is_fresh(&files.stamp, &made_of, &files.outputs) {
        return Outcome::Skipped;
    }
    let staged = render_bytes(bytes, municipality, options).and_then(|(bytes, r)| {
        let files = outputs(&r, &job.out_base)
            .into_iter()
            .map(|(path, data)| {
                output::stage(&path, data).map_err(|e| Failure::Write(write_error(&path, &e)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok((bytes, r, files))
    });
    match staged {
        Ok((bytes, rendered, outputs)) => {
            let stamp = output::stage(&files.stamp, made_of.as_bytes())
                .map_err(|e| stamps.failed(&files.stamp, &e))
                .ok();
            let unit = Unit {
                job: index,
                outputs,
                stamp,
            };
            if let Some(message) = committer.submit(unit) {
                return Outcome::Failed {
                    messages: Failure::Write(message).messages(&name),
                };
            }
            let warnings = super::report::messages(&name, Some(&bytes), &rendered.warnings);
            Outcome::Rendered { warnings }
        }
        Err(failure) => Outcome::Failed {
            messages: failure.messages(&name),
        },
    }
}

/// Ctrl-C sets the flag once (running jobs finish, no new ones start); a second one quits.
fn interrupt_flag() -> &'static AtomicBool {
    static FLAG: AtomicBool = AtomicBool::new(false);
    let _ = ctrlc::set_handler(|| {
        if FLAG.swap(true, Ordering::SeqCst) {
            super::output::abandon_and_exit(130);
        }
        eprintln!("\nОстанавливаюсь: дописываю начатые файлы (ещё раз Ctrl-C — выйти сразу)…");
    });
    &FLAG
}

#[cfg(test)]
mod tests {

    /// Issue 25, item 11: the time left is written in Russian units.
    #[test]
    fn time_left_is_written_in_russian_units() {
        use std::time::Duration;
        let say = |secs| super::russian_duration(Duration::from_secs(secs));
        assert_eq!(say(0), "0 с");
        assert_eq!(say(5), "5 с");
        assert_eq!(say(120), "2 мин");
        assert_eq!(say(125), "2 мин 5 с");
        assert_eq!(say(3600), "1 ч");
        assert_eq!(say(4830), "1 ч 20 мин");
        assert_eq!(super::russian_duration(Duration::from_millis(5900)), "5 с");
    }

    use super::*;

    /// A Ctrl-C flag of the test's own.
    fn flag() -> &'static AtomicBool {
        Box::leak(Box::new(AtomicBool::new(false)))
    }

    fn jobs(n: usize) -> Arc<[Job]> {
        (0..n)
            .map(|i| Job {
                source: PathBuf::from(format!("{i}.yaml")),
                display: format!("{i}.yaml"),
                out_base: PathBuf::from(format!("out/{i}")),
                municipality: None,
            })
            .collect()
    }

    /// [`run`] with nothing to settle after the jobs.
    fn run_all<F>(jobs: &Arc<[Job]>, threads: usize, stop: &'static AtomicBool, work: F) -> Summary
    where
        F: Fn(usize, &Job) -> Outcome + Send + Sync + 'static,
    {
        run(jobs, threads, stop, work, |_| {})
    }

    #[test]
    fn one_failing_job_stops_nothing_else() {
        let jobs = jobs(20);
        let stop = flag();
        let s = run_all(&jobs, 2, stop, move |_, job| {
            if job.display == "7.yaml" {
                Outcome::Failed {
                    messages: vec!["1:1: плохо".into()],
                }
            } else {
                Outcome::Rendered { warnings: vec![] }
            }
        });
        assert_eq!((s.total, s.rendered, s.skipped), (20, 19, 0));
        assert_eq!(s.failed.len(), 1);
        assert_eq!(s.failed[0].source, "7.yaml");
        assert!(!s.interrupted);
    }

    #[test]
    fn settle_turns_a_job_whose_outputs_failed_later_into_a_failure() {
        let jobs = jobs(4);
        let stop = flag();
        let s = run(
            &jobs,
            2,
            stop,
            |_, _| Outcome::Rendered { warnings: vec![] },
            |outcomes| {
                outcomes[2] = Outcome::Failed {
                    messages: vec!["не удалось записать 2.pdf".into()],
                }
            },
        );
        assert_eq!(s.rendered, 3);
        assert_eq!(s.failed.len(), 1);
        assert_eq!(s.failed[0].source, "2.yaml");
    }

    #[test]
    fn a_panicking_job_becomes_a_failure() {
        let jobs = jobs(3);
        let stop = flag();
        let s = run_all(&jobs, 2, stop, move |_, job| {
            if job.display == "1.yaml" {
                panic!("boom");
            }
            Outcome::Skipped
        });
        assert_eq!((s.skipped, s.failed.len()), (2, 1));
    }

    #[test]
    fn an_interrupted_batch_starts_no_new_jobs() {
        let jobs = jobs(50);
        let stop = flag();
        let s = run_all(&jobs, 1, stop, move |_, job| {
            if job.display == "3.yaml" {
                stop.store(true, Ordering::SeqCst);
            }
            Outcome::Rendered { warnings: vec![] }
        });
        assert!(s.interrupted);
        assert!(s.not_started > 0);
        assert_eq!(s.rendered + s.not_started, 50);
        assert!(format_summary(&s).starts_with("Прервано"));
    }

    #[test]
    fn summary_names_each_failure_with_its_messages() {
        let jobs = jobs(2);
        let stop = flag();
        let s = run_all(&jobs, 2, stop, move |_, job| Outcome::Failed {
            messages: vec![format!("{}:3:5: title: нет названия", job.display)],
        });
        let text = format_summary(&s);
        assert!(text.contains("с ошибками 2 из 2"));
        assert!(text.contains("Ошибки в 0.yaml:\n  0.yaml:3:5: title: нет названия"));
    }

    #[test]
    fn summary_counts_and_lists_warnings_of_rendered_sources() {
        let jobs = jobs(3);
        let stop = flag();
        let s = run_all(&jobs, 2, stop, move |_, job| Outcome::Rendered {
            warnings: match job.display.as_str() {
                "1.yaml" => vec!["1.yaml:7:9: предупреждение: срок вне периода".into()],
                _ => vec![],
            },
        });
        assert_eq!(s.rendered, 3);
        let text = format_summary(&s);
        assert!(text.contains("с предупреждениями: 1"), "{text}");
        assert!(
            text.contains(
                "Предупреждения в 1.yaml:\n  1.yaml:7:9: предупреждение: срок вне периода"
            ),
            "{text}"
        );
    }

    #[test]
    fn summary_tells_the_same_messages_once_for_all_their_documents() {
        let jobs = jobs(6);
        let stop = flag();
        let s = run_all(&jobs, 2, stop, move |_, job| match job.display.as_str() {
            "5.yaml" => Outcome::Failed {
                messages: vec!["list.csv:3:1: date: не дата".into()],
            },
            _ => Outcome::Rendered {
                warnings: vec!["region.yaml:7:9: предупреждение: срок вне периода".into()],
            },
        });
        let text = format_summary(&s);
        assert_eq!(
            text.matches("срок вне периода").count(),
            1,
            "told once: {text}"
        );
        assert!(
            text.contains("Предупреждения в 0.yaml, 1.yaml, 2.yaml и ещё 2 (одинаково у 5):\n"),
            "{text}"
        );
        assert!(text.contains("Ошибки в 5.yaml:\n  list.csv:3:1"), "{text}");
        assert_eq!(s.warned.len(), 5, "the report still lists every document");
    }
}
