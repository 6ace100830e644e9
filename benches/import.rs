//! Time to import a 20-page roadmap from its DOCX (and from an XLSX of the same rows), the
//! goal being under 100 ms. Prints the median of several runs: `cargo bench --bench import`.
//!
//! The roadmap is made here: a source of N items with the usual columns, rendered by the
//! pipeline; N grows until its PDF has 20 pages, and that DOCX is imported.

use std::time::{Duration, Instant};

use dorkarta::pipeline::{self, Options};

/// 15 runs under `cargo bench`; 1 when `cargo test --all-targets` only checks that it works.
fn runs() -> usize {
    if std::env::args().any(|a| a == "--bench") {
        15
    } else {
        1
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn source(items: usize) -> String {
    let mut s = String::from(
        "order: { authority: Управление образования, authority_genitive: Управления образования, date: 2023-02-16, number: \"206\" }\n\
         appendix:\n  title: Дорожная карта по поддержке школ с низкими образовательными результатами\n  columns:\n\
         \x20   - { key: number, title: № п/п, width: 8 }\n\
         \x20   - { key: activity, title: Мероприятие, width: 46 }\n\
         \x20   - { key: deadline, title: Сроки, width: 16 }\n\
         \x20   - { key: responsible, title: Ответственные, width: 30 }\n  stages:\n",
    );
    for stage in 0..items.div_ceil(10) {
        s.push_str(&format!(
            "    - title: Этап {} — работа со школами\n      items:\n",
            stage + 1
        ));
        for i in 0..10.min(items - stage * 10) {
            s.push_str(&format!(
                "        - activity: Проведение семинара для учителей и руководителей школ по теме номер {i} с разбором опыта работы\n\
                 \x20         deadline: Март 2023 г.\n\
                 \x20         responsible: Методический центр, руководители общеобразовательных организаций\n"
            ));
        }
    }
    s
}

fn main() {
    // A first guess from the pages 40 items fill, then up in steps until there are 20.
    let pages_of = |items: usize| {
        pipeline::render(source(items).as_bytes(), None, &Options::default())
            .expect("the bench source is valid")
            .pages
            .unwrap_or(1)
            .max(1)
    };
    let mut items = 40 * 20 / pages_of(40);
    let (docx, pages) = loop {
        let rendered = pipeline::render(source(items).as_bytes(), None, &Options::default())
            .expect("the bench source is valid");
        let pages = rendered.pages.unwrap_or(0);
        if pages >= 20 {
            break (rendered.docx.expect("a DOCX"), pages);
        }
        items += 20;
    };
    let mut times = Vec::new();
    let mut warnings = 0;
    for _ in 0..runs() {
        let start = Instant::now();
        let imported = dorkarta::import::import("bench.docx", &docx, false).expect("imports");
        times.push(start.elapsed());
        warnings = imported.warnings.len();
    }
    println!(
        "import of a {pages}-page roadmap ({items} items, DOCX {} KB): median {:.1} ms over {} runs ({warnings} warnings)",
        docx.len() / 1024,
        median(times).as_secs_f64() * 1000.0,
        runs()
    );
}
