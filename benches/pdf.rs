//! Time to render each sample (samples/*.yaml) to DOCX and to PDF in one process, the same with
//! ten times the table rows, a source of 5,000 items, and the hand-built roadmap IR
//! (tests/ir_samples.rs) stage by stage.
//! Prints the median of several runs: `cargo bench --bench pdf`.
//!
//! Stages: font parsing (once per process), layout, PDF writing (printpdf serialization with
//! font subsetting, our finishing pass), and the writing again without compression to show
//! what deflate costs.

use std::time::{Duration, Instant};

use dorkarta::docx::{self, DocxOptions};
use dorkarta::fonts::Fonts;
use dorkarta::ir::{Block, Document};
use dorkarta::layout;
use dorkarta::page;
use dorkarta::paginate::paginate;
use dorkarta::pdf::{self, PdfOptions};
use dorkarta::pipeline;
use dorkarta::resolve;
use dorkarta::source;
use dorkarta::template::{self, TemplateOptions};

#[path = "../tests/ir_samples.rs"]
#[allow(dead_code)]
mod ir_samples;
#[path = "../tests/sources.rs"]
#[allow(dead_code)]
mod sources;

/// Runs per figure: 9 under `cargo bench`; 1 when `cargo test --all-targets` runs this file
/// only to check that it works (a debug build, where the figures mean nothing).
static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(9);

fn runs() -> usize {
    RUNS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Row multipliers: ten times the rows only under `cargo bench`.
fn scales() -> &'static [usize] {
    if runs() > 1 { &[1, 10] } else { &[1] }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time<T>(f: impl FnMut() -> T) -> (Duration, T) {
    time_n(runs(), f)
}

fn time_n<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    (median(times), last.unwrap())
}

/// The roadmap with its table's body rows repeated `times` times.
fn scaled(times: usize) -> Document {
    let mut doc = ir_samples::roadmap_document();
    repeat_rows(&mut doc, times);
    doc
}

/// Every table's body rows repeated `times` times.
fn repeat_rows(doc: &mut Document, times: usize) {
    for section in &mut doc.sections {
        for block in &mut section.blocks {
            if let Block::Table(t) = block {
                let body: Vec<_> = t.rows[t.header_rows.min(t.rows.len())..].to_vec();
                for _ in 1..times {
                    t.rows.extend(body.iter().cloned());
                }
            }
        }
    }
}

/// Each sample's IR (source → resolve → templates → page description), rendered to DOCX and to
/// PDF, as it is and with ten times the rows.
fn samples(fonts: &Fonts) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let resolved = pipeline::prepare(&bytes, None).unwrap().value;
        let base = pipeline::document(&resolved, &TemplateOptions::default()).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let opts = pipeline::Options::default();
        let (t_all, _) = time(|| pipeline::render(&bytes, None, &opts).unwrap());
        println!("{name}: source → DOCX and PDF (the whole pipeline) {t_all:?}");
        stages(&name, &bytes, fonts);
        for &times in scales() {
            let mut doc = base.clone();
            repeat_rows(&mut doc, times);
            let (t_paginate, paginated) = time(|| paginate(&doc, fonts));
            let (t_docx, _) =
                time(|| docx::write(&paginated.document, &DocxOptions::default()).unwrap());
            let (t_pdf, _) =
                time(|| pdf::write(&paginated.pages, &doc.meta, &PdfOptions::default()).unwrap());
            let pages = paginated.pages.len();
            println!(
                "{name} ×{times}: {pages} pages; pagination {t_paginate:?}, DOCX {t_docx:?}, \
                 PDF {t_pdf:?}"
            );
        }
    }
}

/// The whole pipeline of one sample stage by stage, each stage timed on its own: where the
/// time of a render goes.
fn stages(name: &str, bytes: &[u8], fonts: &Fonts) {
    let templates = TemplateOptions::default();
    let (t_source, source) = time(|| source::load(bytes).unwrap());
    // `resolve` takes the source it checks (it puts a municipality's values into it): each run
    // gets a source of its own, loaded beforehand, so that the time is the resolve's alone.
    let mut sources: Vec<_> = (1..runs()).map(|_| source::load(bytes).unwrap()).collect();
    sources.push(source);
    let (t_resolve, resolved) = time(|| {
        resolve::resolve(sources.pop().unwrap(), None)
            .unwrap()
            .value
    });
    let (t_templates, xhtml) = time(|| template::render(&resolved, &templates).unwrap());
    let (t_page, doc) = time(|| page::parse(&xhtml).unwrap());
    let (t_paginate, paginated) = time(|| paginate(&doc, fonts));
    let (t_docx, _) = time(|| docx::write(&paginated.document, &DocxOptions::default()).unwrap());
    let (t_pdf, _) =
        time(|| pdf::write(&paginated.pages, &doc.meta, &PdfOptions::default()).unwrap());
    println!(
        "{name} by stage: source {t_source:?}, resolve {t_resolve:?}, templates {t_templates:?}, \
         page description {t_page:?}, pagination {t_paginate:?}, DOCX {t_docx:?}, PDF {t_pdf:?}"
    );
}

/// The 5,000-item source of the hostile-input tests, through the whole pipeline.
fn five_thousand_rows() {
    let yaml = sources::five_thousand_rows();
    let opts = pipeline::Options::default();
    let (took, rendered) = time_n(3, || {
        pipeline::render(yaml.as_bytes(), None, &opts).unwrap()
    });
    println!(
        "5,000 items: source → DOCX and PDF, {} pages: {took:?} (median of 3; the budget is 10 s)",
        rendered.pages.unwrap_or(0)
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test` does not.
    if !std::env::args().any(|a| a == "--bench") {
        RUNS.store(1, std::sync::atomic::Ordering::Relaxed);
        println!("not under `cargo bench`: one quick pass, to check that the bench runs");
    }
    let start = Instant::now();
    let fonts = Fonts::embedded().unwrap();
    let parse = start.elapsed();
    // The PDF writer parses its fonts on first use: a throwaway write takes that cost.
    let start = Instant::now();
    let doc = scaled(1);
    let _ = pdf::write(
        &layout::layout(&doc, &fonts),
        &doc.meta,
        &PdfOptions::default(),
    )
    .unwrap();
    let first = start.elapsed();
    println!(
        "font parsing: layout metrics {parse:?}; first PDF (with printpdf's font parse) {first:?}"
    );

    samples(&fonts);
    if runs() > 1 {
        five_thousand_rows();
    }
    for &times in scales() {
        let doc = scaled(times);
        let (t_layout, pages) = time(|| layout::layout(&doc, &fonts));
        let (t_write, bytes) =
            time(|| pdf::write(&pages, &doc.meta, &PdfOptions::default()).unwrap());
        let raw = PdfOptions {
            compress: false,
            ..PdfOptions::default()
        };
        let (t_raw, _) = time(|| pdf::write(&pages, &doc.meta, &raw).unwrap());
        println!(
            "roadmap ×{times}: {} pages, {} KiB; layout {t_layout:?}, pdf write {t_write:?} \
             (uncompressed {t_raw:?}); total {:?}",
            pages.len(),
            bytes.len() / 1024,
            t_layout + t_write,
        );
    }
}
