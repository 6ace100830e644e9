//! Time to lay out and write the hand-built roadmap IR (tests/sample_ir.rs) as PDF, and the same
//! with ten times the rows. Prints the median of several runs per stage:
//! `cargo bench --bench pdf`.
//!
//! Stages: font parsing (once per process), layout, PDF writing (printpdf serialization with
//! font subsetting, our finishing pass), and the writing again without compression to show
//! what deflate costs.

use std::time::{Duration, Instant};

use dorkarta::fonts::Fonts;
use dorkarta::ir::{Block, Document};
use dorkarta::layout;
use dorkarta::pdf::{self, PdfOptions};

#[path = "../tests/sample_ir.rs"]
#[allow(dead_code)]
mod sample_ir;

const RUNS: usize = 9;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        last = Some(f());
        times.push(start.elapsed());
    }
    (median(times), last.unwrap())
}

/// The roadmap with its table's body rows repeated `times` times.
fn scaled(times: usize) -> Document {
    let mut doc = sample_ir::roadmap_document();
    if let Block::Table(t) = &mut doc.sections[0].blocks[3] {
        let body: Vec<_> = t.rows[t.header_rows..].to_vec();
        for _ in 1..times {
            t.rows.extend(body.iter().cloned());
        }
    }
    doc
}

fn main() {
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

    for times in [1, 10] {
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
