//! The end of a batch: how each job went, and the summary the user reads. The command line's
//! `batch` (which runs the jobs on threads and writes files) and the browser's module (which
//! runs them one by one into a ZIP) both summarize here, so they say the same.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use crate::naming::visible;
use crate::region::Municipality;

/// How a job making one municipality's documents from a regional source is named to the user,
/// and the name of its documents (without extension).
pub fn municipality_job(source: &str, m: &Municipality) -> (String, String) {
    (
        format!("{source} → {}", m.label()),
        crate::naming::file_stem(m.name()),
    )
}

/// The jobs refused because another job would write documents of the same name (`bases`, the
/// paths without extension), each with its message naming the others. Jobs marked `faulty`
/// (a table row with errors) fail for their own fault and are left out.
pub fn refused_for_same_names(
    names: &[&str],
    bases: &[&Path],
    faulty: &[bool],
) -> BTreeMap<usize, String> {
    let candidates: Vec<usize> = (0..names.len()).filter(|&i| !faulty[i]).collect();
    let candidate_bases: Vec<&Path> = candidates.iter().map(|&i| bases[i]).collect();
    crate::naming::same_outputs(&candidate_bases)
        .into_iter()
        .map(|(k, others)| {
            let job = candidates[k];
            let others: Vec<&str> = others.iter().map(|&o| names[candidates[o]]).collect();
            let message = crate::naming::same_output_message(names[job], &others, bases[job]);
            (job, message)
        })
        .collect()
}

/// How one job went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Outputs written; warnings already formatted for the user.
    Rendered { warnings: Vec<String> },
    /// Outputs are up to date and were left alone.
    Skipped,
    /// Nothing written; the previous outputs, if any, are intact.
    Failed { messages: Vec<String> },
    /// Not started because the batch was interrupted.
    NotStarted,
}

/// The end of a batch, for the summary and the `--report` file.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub total: usize,
    pub rendered: usize,
    pub skipped: usize,
    pub failed: Vec<Failure>,
    /// Rendered sources that have warnings (a deadline outside the period, …), with them.
    pub warned: Vec<Failure>,
    pub not_started: usize,
    pub interrupted: bool,
    pub seconds: f64,
}

#[derive(Debug, Serialize)]
pub struct Failure {
    pub source: String,
    pub messages: Vec<String>,
}

/// The summary of a batch whose jobs, named as the user reads them, ended with `outcomes`.
pub fn summarize(
    names: &[&str],
    outcomes: &[Outcome],
    interrupted: bool,
    took: Duration,
) -> Summary {
    let mut s = Summary {
        total: names.len(),
        rendered: 0,
        skipped: 0,
        failed: Vec::new(),
        warned: Vec::new(),
        not_started: 0,
        interrupted,
        seconds: took.as_secs_f64(),
    };
    for (name, outcome) in names.iter().zip(outcomes) {
        match outcome {
            Outcome::Rendered { warnings } => {
                s.rendered += 1;
                if !warnings.is_empty() {
                    s.warned.push(Failure {
                        source: name.to_string(),
                        messages: warnings.clone(),
                    });
                }
            }
            Outcome::Skipped => s.skipped += 1,
            Outcome::NotStarted => s.not_started += 1,
            Outcome::Failed { messages } => s.failed.push(Failure {
                source: name.to_string(),
                messages: messages.clone(),
            }),
        }
    }
    s
}

/// The summary as the user reads it, in Russian.
pub fn format_summary(s: &Summary) -> String {
    let mut out = String::new();
    if s.interrupted {
        out.push_str(&format!(
            "Прервано: не начато {} из {}; уже записанные файлы целы.\n",
            s.not_started, s.total
        ));
    }
    out.push_str(&format!(
        "Готово за {:.1} с: сформировано {}, без изменений (пропущено) {}, с ошибками {} из {}.\n",
        s.seconds,
        s.rendered,
        s.skipped,
        s.failed.len(),
        s.total
    ));
    if !s.warned.is_empty() {
        out.push_str(&format!(
            "Сформированы, но с предупреждениями: {} (проверьте их перед подписанием).\n",
            s.warned.len()
        ));
    }
    for (title, list) in [("Ошибки в", &s.failed), ("Предупреждения в", &s.warned)]
    {
        for (messages, sources) in same_messages(list) {
            out.push_str(&format!("\n{title} {}:\n", name_sources(&sources)));
            for line in messages.iter().flat_map(|m| m.lines()) {
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    // Names come from file names and the table: their terminal escapes are shown, not sent.
    visible(&out).into_owned()
}

/// The entries grouped by their messages, in the order each group first appears: a regional
/// source's warning is the same for every municipality and is told once, not 2,300 times.
fn same_messages(list: &[Failure]) -> Vec<(&[String], Vec<&str>)> {
    let mut groups: Vec<(&[String], Vec<&str>)> = Vec::new();
    let mut index: std::collections::BTreeMap<&[String], usize> = Default::default();
    for f in list {
        let at = *index.entry(&f.messages).or_insert_with(|| {
            groups.push((&f.messages, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(&f.source);
    }
    groups
}

/// «a», or «a, b, c и ещё 7 (одинаково у 10)» for a group.
fn name_sources(sources: &[&str]) -> String {
    const SHOWN: usize = 3;
    match sources {
        [one] => one.to_string(),
        _ if sources.len() <= SHOWN => {
            format!("{} (одинаково у {})", sources.join(", "), sources.len())
        }
        _ => format!(
            "{} и ещё {} (одинаково у {})",
            sources[..SHOWN].join(", "),
            sources.len() - SHOWN,
            sources.len()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole text, as `dorkarta batch` prints it and the page shows it: one piece of code
    /// makes it for both.
    #[test]
    fn summary_text_counts_groups_and_names_failures() {
        let outcomes = [
            Outcome::Rendered { warnings: vec![] },
            Outcome::Failed {
                messages: vec!["t.csv:3:1: name: пусто\n  подсказка: впишите название".into()],
            },
            Outcome::Rendered {
                warnings: vec!["r.yaml:7:9: предупреждение: срок вне периода".into()],
            },
            Outcome::Skipped,
        ];
        let names = ["r.yaml → А", "r.yaml → Б", "r.yaml → В", "r.yaml → Г"];
        let s = summarize(&names, &outcomes, false, Duration::from_millis(1300));
        assert_eq!(
            format_summary(&s),
            "Готово за 1.3 с: сформировано 2, без изменений (пропущено) 1, с ошибками 1 из 4.\n\
             Сформированы, но с предупреждениями: 1 (проверьте их перед подписанием).\n\
             \n\
             Ошибки в r.yaml → Б:\n\
             \x20 t.csv:3:1: name: пусто\n\
             \x20   подсказка: впишите название\n\
             \n\
             Предупреждения в r.yaml → В:\n\
             \x20 r.yaml:7:9: предупреждение: срок вне периода\n"
        );
    }

    #[test]
    fn a_municipality_job_is_named_by_source_and_label_and_its_files_by_the_name() {
        let rows = crate::region::load_table(
            "name\nг. Тула/Север\n".as_bytes(),
            crate::region::TableFormat::Csv,
        )
        .unwrap();
        let (display, stem) = municipality_job("r.yaml", &rows[0]);
        assert_eq!(display, format!("r.yaml → {}", rows[0].label()));
        assert_eq!(stem, crate::naming::file_stem("г. Тула/Север"));
        assert!(!stem.contains('/'));
    }

    #[test]
    fn rows_with_one_name_are_both_refused_and_a_faulty_row_is_left_out() {
        let names = ["r → Тула", "r → тула", "r → Орёл", "r → строка 5"];
        let bases = ["Тула", "тула", "Орёл", "Тула"].map(Path::new);
        let refused = refused_for_same_names(&names, &bases, &[false, false, false, true]);
        assert_eq!(refused.keys().copied().collect::<Vec<_>>(), [0, 1]);
        assert!(refused[&0].starts_with("r → Тула: не собран — у результатов r → Тула и r → тула"));
    }
}
