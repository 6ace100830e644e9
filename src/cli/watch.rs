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
use dorkarta::pipeline::ItemView;
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
    /// The numbered items, in table order.
    pub items: Vec<ItemView>,
    pub pages: Option<usize>,
}

/// Item numbers by item text.
fn index(s: &Snapshot) -> BTreeMap<&str, Vec<&str>> {
    let mut m: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for item in &s.items {
        m.entry(item.activity.as_str())
            .or_default()
            .push(item.number.as_str());
    }
    m
}

/// The titles of the columns whose text differs between two versions of an item, in the new
/// version's column order.
fn changed_fields(old: &ItemView, new: &ItemView) -> Vec<String> {
    let mut titles: Vec<String> = new
        .fields
        .iter()
        .filter(|(title, text)| {
            old.fields.iter().find(|(t, _)| t == title).map(|(_, v)| v) != Some(text)
        })
        .map(|(title, _)| title.clone())
        .collect();
    titles.extend(
        old.fields
            .iter()
            .filter(|(title, _)| !new.fields.iter().any(|(t, _)| t == title))
            .map(|(title, _)| title.clone()),
    );
    titles
}

/// Most renumbered items listed one by one; the rest are counted.
const MAX_LISTED: usize = 5;

/// The changes from `old` to `new`, one Russian line each; empty when nothing visible changed.
pub fn describe_changes(old: &Snapshot, new: &Snapshot) -> Vec<String> {
    let (before, after) = (index(old), index(new));
    let mut lines = Vec::new();
    let mut added: Vec<&ItemView> = new
        .items
        .iter()
        .filter(|i| !before.contains_key(i.activity.as_str()))
        .collect();
    let mut removed: Vec<&ItemView> = old
        .items
        .iter()
        .filter(|i| !after.contains_key(i.activity.as_str()))
        .collect();
    // An item whose first line was edited is one changed item, not one removed and one added:
    // the same number lost one text and gained another.
    let mut edited = Vec::new();
    added.retain(
        |a| match removed.iter().position(|r| r.number == a.number) {
            Some(at) => {
                edited.push((removed.remove(at), *a));
                false
            }
            None => true,
        },
    );
    // Items that kept their first line: what else of them changed. The k-th item of a text
    // is compared with the k-th old one of that text (one pass each, however long the table).
    let mut old_by_text: BTreeMap<&str, std::collections::VecDeque<&ItemView>> = BTreeMap::new();
    for item in &old.items {
        old_by_text
            .entry(item.activity.as_str())
            .or_default()
            .push_back(item);
    }
    for item in &new.items {
        if let Some(before) = old_by_text
            .get_mut(item.activity.as_str())
            .and_then(|twins| twins.pop_front())
        {
            edited.push((before, item));
        }
    }
    let mut changed: Vec<String> = edited
        .iter()
        .filter_map(|(before, after)| {
            let fields = changed_fields(before, after);
            (!fields.is_empty()).then(|| {
                format!(
                    "изменён пункт {} «{}»: {}",
                    after.number,
                    short(&after.activity),
                    fields.join(", ")
                )
            })
        })
        .collect();
    let hidden_changed = changed.len().saturating_sub(MAX_LISTED);
    changed.truncate(MAX_LISTED);
    if hidden_changed > 0 {
        changed.push(format!("и ещё {hidden_changed} изменённых пунктов"));
    }
    for item in added.iter().take(MAX_LISTED) {
        lines.push(format!(
            "добавлен пункт {} «{}»",
            item.number,
            short(&item.activity)
        ));
    }
    for item in removed.iter().take(MAX_LISTED) {
        lines.push(format!(
            "удалён пункт {} «{}»",
            item.number,
            short(&item.activity)
        ));
    }
    lines.extend(changed);
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
            .filter_map(|i| shifted.iter().find(|(s, _)| **s == i.activity.as_str()))
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
                .map(|(n, t)| ItemView {
                    number: n.to_string(),
                    activity: t.to_string(),
                    fields: vec![("Мероприятие".into(), t.to_string())],
                })
                .collect(),
            pages: Some(pages),
        }
    }

    /// An item with its deadline and responsible, as a render reports it.
    fn item(number: &str, activity: &str, deadline: &str, responsible: &str) -> ItemView {
        ItemView {
            number: number.into(),
            activity: activity.into(),
            fields: vec![
                ("Мероприятие".into(), activity.into()),
                ("Сроки".into(), deadline.into()),
                ("Ответственные".into(), responsible.into()),
            ],
        }
    }

    /// Issue 25, item 10: a changed deadline, responsible or text is that item's change, not
    /// «без видимых изменений», and an edited first line is not «удалён … добавлен …».
    #[test]
    fn a_changed_deadline_responsible_or_text_is_named_with_its_item() {
        let old = Snapshot {
            items: vec![
                item("1.", "Приказ", "Февраль 2023 г.", "Морозова О.Л."),
                item("2.", "Совещание", "Март 2023 г.", "Руководители ОО"),
                item("3.", "Вебинар", "Апрель 2023 г.", "ИМЦ"),
            ],
            pages: Some(3),
        };
        let new = Snapshot {
            items: vec![
                item("1.", "Приказ", "Февраль 2023 г.", "Морозова О.Л."),
                item("2.", "Совещание", "Май 2023 г.", "Руководители ОО, ИМЦ"),
                item("3.", "Вебинар для учителей", "Апрель 2023 г.", "ИМЦ"),
            ],
            pages: Some(3),
        };
        assert_eq!(
            describe_changes(&old, &new),
            vec![
                "изменён пункт 3. «Вебинар для учителей»: Мероприятие",
                "изменён пункт 2. «Совещание»: Сроки, Ответственные",
            ]
        );
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
        let items: Vec<ItemView> = (1..=8)
            .map(|i| item(&format!("{i}."), &format!("п{i}"), "", ""))
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
