//! Issue 26, item 5: each sample's laid-out pages (every glyph run with its position, every
//! rule, every page break) as text, committed in `tests/layout/<sample>.txt` and compared here,
//! so that a change of layout shows in review as a diff of those files.
//! `DORKARTA_UPDATE=1 cargo test layout_dumps` rewrites them from the current layout: read the
//! diff before committing it.

use std::path::Path;

use dorkarta::pipeline;
use dorkarta::template::TemplateOptions;

#[test]
fn every_samples_layout_is_its_committed_dump() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut samples: Vec<_> = std::fs::read_dir(root.join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    samples.sort();
    assert!(samples.len() >= 4, "{samples:?}");
    let fonts = dorkarta::fonts::shared().unwrap();
    let mut differ = Vec::new();
    for sample in samples {
        let resolved = pipeline::prepare(&std::fs::read(&sample).unwrap(), None)
            .unwrap()
            .value;
        let doc = pipeline::document(&resolved, &TemplateOptions::default()).unwrap();
        let paginated = dorkarta::paginate::paginate(&doc, fonts);
        let dump = dorkarta::layout::dump(&paginated.pages);
        let stem = sample.file_stem().unwrap().to_string_lossy().into_owned();
        let file = root.join("tests/layout").join(format!("{stem}.txt"));
        if std::env::var_os("DORKARTA_UPDATE").is_some() {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, &dump).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&file).unwrap_or_default();
        if committed != dump {
            let first = committed
                .lines()
                .zip(dump.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(committed.lines().count().min(dump.lines().count()));
            differ.push(format!(
                "{stem}: line {}: committed «{}», now «{}»",
                first + 1,
                committed.lines().nth(first).unwrap_or("(end)"),
                dump.lines().nth(first).unwrap_or("(end)")
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "the layout changed (review, then DORKARTA_UPDATE=1 cargo test layout_dumps):\n{}",
        differ.join("\n")
    );
}
