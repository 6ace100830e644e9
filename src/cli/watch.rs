//! `dorkarta watch`: re-render on save and say what changed.
//!
//! Editors save in different ways (write in place, or write a temporary file and rename it over
//! the original), so we watch the folders and filter by path rather than watching the files
//! themselves, whose watch a rename would drop. Events arriving close together (one save can
//! make several) are gathered for [`SETTLE`] and handled once per file. A broken source is
//! reported and the watch goes on: the previous outputs stay as they were.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use dorkarta::naming::visible;
use notify::{RecursiveMode, Watcher};

/// How long to wait after the first event of a save for the rest of it.
const SETTLE: Duration = Duration::from_millis(150);

/// Is this a source file dorkarta renders?
pub fn is_source(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// Watches `targets` (files or folders): once the watches are in place, calls `on_save` for
/// each of `initial`, then with each saved source, forever (until the process is stopped) or
/// until the watcher fails. Rendering `initial` only after watching starts means no save in
/// between can be missed.
pub fn run(
    targets: &[PathBuf],
    initial: &[PathBuf],
    mut on_save: impl FnMut(&Path),
) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| format!("не удалось начать наблюдение за файлами: {e}"))?;
    // Files: watch their folder and keep only them; folders: everything below.
    let mut files = BTreeSet::new();
    let mut folders = BTreeSet::new();
    for t in targets {
        let canon = t
            .canonicalize()
            .map_err(|e| format!("{}: {e}", t.display()))?;
        if canon.is_dir() {
            folders.insert(canon);
        } else {
            let dir = canon
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("."));
            watcher
                .watch(&dir, RecursiveMode::NonRecursive)
                .map_err(|e| format!("{}: {e}", dir.display()))?;
            files.insert(canon);
        }
    }
    for dir in &folders {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    for f in initial {
        on_save(f);
    }
    eprintln!("Слежу за изменениями (Ctrl-C — выход)…");
    let wanted =
        |p: &Path| is_source(p) && (files.contains(p) || folders.iter().any(|d| p.starts_with(d)));
    loop {
        let Ok(first) = rx.recv() else { return Ok(()) };
        let mut saved = BTreeSet::new();
        let mut take = |event: notify::Result<notify::Event>| {
            if let Ok(event) = event
                && (event.kind.is_modify() || event.kind.is_create())
            {
                saved.extend(event.paths.into_iter().filter(|p| wanted(p)));
            }
        };
        take(first);
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            take(more);
        }
        for path in &saved {
            // A rename-over save can leave a moment when the file is gone; skip that moment.
            if path.exists() {
                on_save(path);
            }
        }
    }
}

/// What a user sees of a document between two saves: its numbered items and its pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// (number, first line of the activity), in table order.
    pub items: Vec<(String, String)>,
    pub pages: Option<usize>,
}

/// Item numbers by item text.
fn index(s: &Snapshot) -> BTreeMap<&str, Vec<&str>> {
    let mut m: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (no, text) in &s.items {
        m.entry(text.as_str()).or_default().push(no.as_str());
    }
    m
}

/// Most renumbered items listed one by one; the rest are counted.
const MAX_LISTED: usize = 5;

/// The changes from `old` to `new`, one Russian line each; empty when nothing visible changed.
pub fn describe_changes(old: &Snapshot, new: &Snapshot) -> Vec<String> {
    let (before, after) = (index(old), index(new));
    let mut lines = Vec::new();
    let added: Vec<_> = new
        .items
        .iter()
        .filter(|(_, t)| !before.contains_key(t.as_str()))
        .collect();
    let removed: Vec<_> = old
        .items
        .iter()
        .filter(|(_, t)| !after.contains_key(t.as_str()))
        .collect();
    for (no, text) in added.iter().take(MAX_LISTED) {
        lines.push(format!("добавлен пункт {no} «{}»", short(text)));
    }
    for (no, text) in removed.iter().take(MAX_LISTED) {
        lines.push(format!("удалён пункт {no} «{}»", short(text)));
    }
    let hidden = added.len().saturating_sub(MAX_LISTED) + removed.len().saturating_sub(MAX_LISTED);
    let shifted: Vec<_> = after
        .iter()
        .filter_map(|(text, nos)| {
            let old_nos = before.get(text)?;
            (old_nos != nos)
                .then(|| format!("{} → {}", old_nos.join(", "), nos.join(", ")))
                .map(|s| (text, s))
        })
        .collect();
    if !shifted.is_empty() {
        // Table order, not text order, reads naturally.
        let mut ordered: Vec<_> = new
            .items
            .iter()
            .filter_map(|(_, t)| shifted.iter().find(|(s, _)| **s == t.as_str()))
            .collect();
        ordered.dedup_by_key(|(t, _)| *t);
        let listed: Vec<_> = ordered
            .iter()
            .take(MAX_LISTED)
            .map(|(_, s)| s.as_str())
            .collect();
        let more = ordered.len().saturating_sub(MAX_LISTED);
        lines.push(format!(
            "сдвинулась нумерация: {}{}",
            listed.join("; "),
            if more > 0 {
                format!(" и ещё {more}")
            } else {
                String::new()
            }
        ));
    }
    if hidden > 0 {
        lines.push(format!("и ещё {hidden} добавленных или удалённых пунктов"));
    }
    if let (Some(a), Some(b)) = (old.pages, new.pages)
        && a != b
    {
        lines.push(format!("страниц: {a} → {b}"));
    }
    lines
}

/// The first words of a text, for a one-line message.
fn short(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>().trim_end())
    }
}

/// `dorkarta watch FILE|DIR [-o DIR]`: render everything once, then again on every save.
pub fn command(
    targets: &[PathBuf],
    out: Option<&Path>,
    opts: &dorkarta::pipeline::Options,
) -> super::Outcome {
    let mut last: BTreeMap<PathBuf, Snapshot> = BTreeMap::new();
    let out_base = |file: &Path| -> PathBuf {
        let stem = PathBuf::from(file.file_stem().unwrap_or_default());
        // Under a watched folder, keep the source's place in it.
        let relative = targets
            .iter()
            .filter(|t| t.is_dir())
            .find_map(|t| file.strip_prefix(t.canonicalize().ok()?).ok())
            .map(|r| r.with_extension(""))
            .unwrap_or(stem);
        let dir = match out {
            Some(d) => d.to_path_buf(),
            None => file.parent().map(Path::to_path_buf).unwrap_or_default(),
        };
        let relative = if out.is_some() {
            relative
        } else {
            PathBuf::from(relative.file_name().unwrap_or_default())
        };
        dorkarta::naming::join_inside(&dir, &relative)
    };
    let handle = |file: &Path| {
        let name = file.display().to_string();
        let base = out_base(file);
        // Never over the source or a template (`watch plan.pdf` would replace it).
        let mut inputs = super::files::Inputs::default();
        inputs.add(file, super::files::Input::Source);
        inputs.add_templates(opts.templates.dir.as_deref());
        let written = super::render::outputs_of(&base, opts.formats);
        if let Some(message) = inputs.check(&written).first() {
            eprintln!("dorkarta: {}", visible(message));
            return;
        }
        match super::render::render_to_files(file, None, &base, opts) {
            Ok((bytes, rendered, written)) => {
                super::report::eprint(&name, Some(&bytes), &rendered.warnings);
                let now = Snapshot {
                    items: rendered.items,
                    pages: rendered.pages,
                };
                let list: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                eprintln!(
                    "{}",
                    visible(&format!("{name}: записано {}", list.join(", ")))
                );
                if let Some(before) = last.get(file) {
                    let changes = describe_changes(before, &now);
                    if changes.is_empty() {
                        eprintln!("  без видимых изменений в пунктах");
                    }
                    for c in changes {
                        eprintln!("  {}", visible(&c));
                    }
                }
                last.insert(file.to_path_buf(), now);
            }
            Err(failure) => {
                failure.eprint(&name);
                eprintln!("  прежние файлы не тронуты; жду следующего сохранения");
            }
        }
    };
    let mut first = Vec::new();
    let mut walk = super::files::SourceWalk::default();
    for t in targets {
        match t.canonicalize() {
            Ok(c) if c.is_dir() => {
                // A folder that cannot be read gives nothing now; its saves are still seen.
                let _ = walk.walk(&c);
                first.append(&mut walk.sources);
            }
            Ok(c) => first.push(c),
            Err(e) => {
                eprintln!("{}: {e}", visible(&t.display().to_string()));
                return super::Outcome::Usage;
            }
        }
    }
    for message in &walk.skipped {
        eprintln!("dorkarta: предупреждение: {}", visible(message));
    }
    match run(targets, &first, handle) {
        Ok(()) => super::Outcome::Valid,
        Err(message) => {
            eprintln!("dorkarta: {}", visible(&message));
            super::Outcome::Usage
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(items: &[(&str, &str)], pages: usize) -> Snapshot {
        Snapshot {
            items: items
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
            pages: Some(pages),
        }
    }

    #[test]
    fn an_inserted_item_is_named_and_the_shift_after_it_is_reported() {
        let old = snap(
            &[("1.", "Приказ"), ("2.", "Совещание"), ("3.", "Вебинар")],
            3,
        );
        let new = snap(
            &[
                ("1.", "Приказ"),
                ("2.", "Семинар"),
                ("3.", "Совещание"),
                ("4.", "Вебинар"),
            ],
            4,
        );
        assert_eq!(
            describe_changes(&old, &new),
            vec![
                "добавлен пункт 2. «Семинар»",
                "сдвинулась нумерация: 2. → 3.; 3. → 4.",
                "страниц: 3 → 4",
            ]
        );
    }

    #[test]
    fn a_removed_item_is_named() {
        let old = snap(&[("1.", "Приказ"), ("2.", "Совещание")], 2);
        let new = snap(&[("1.", "Совещание")], 2);
        assert_eq!(
            describe_changes(&old, &new),
            vec!["удалён пункт 1. «Приказ»", "сдвинулась нумерация: 2. → 1.",]
        );
    }

    #[test]
    fn an_unchanged_document_has_no_changes() {
        let s = snap(&[("1.", "Приказ")], 1);
        assert!(describe_changes(&s, &s).is_empty());
    }

    #[test]
    fn long_lists_are_cut() {
        let old = snap(&[], 1);
        let items: Vec<(String, String)> = (1..=8)
            .map(|i| (format!("{i}."), format!("п{i}")))
            .collect();
        let new = Snapshot {
            items,
            pages: Some(1),
        };
        let lines = describe_changes(&old, &new);
        assert_eq!(lines.len(), MAX_LISTED + 1);
        assert_eq!(
            lines.last().unwrap(),
            "и ещё 3 добавленных или удалённых пунктов"
        );
    }

    #[test]
    fn only_yaml_files_are_sources() {
        assert!(is_source(Path::new("a/b.yaml")));
        assert!(is_source(Path::new("b.yml")));
        assert!(!is_source(Path::new("out/b.docx")));
        assert!(!is_source(Path::new(".dorkarta-x.tmp")));
    }
}
