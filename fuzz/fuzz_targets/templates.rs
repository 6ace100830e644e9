//! Random custom templates over the samples: the fuzz input is the text of a user's
//! `appendix.xhtml.tera` (which may `{% extends %}`, `{% import %}` or `{% include %}` the
//! built-in ones), rendered in-process under the library's limits (depth, output, range,
//! time) over one of samples/*.yaml chosen by the input's length, and the page description
//! it writes is read by the page parser. Nothing may panic or overflow the stack; every
//! diagnostic has a message. The child process that bounds memory and kills a runaway render
//! is the command line's (`cli::isolate`), not tested here: an input that grows a string
//! without bound shows up as an out-of-memory report of the fuzzer.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use dorkarta::resolve::Resolved;
use dorkarta::template::{self, TemplateOptions};
use libfuzzer_sys::fuzz_target;

/// The samples, resolved once.
fn samples() -> &'static [Resolved] {
    static SAMPLES: OnceLock<Vec<Resolved>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../samples");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("samples folder")
            .map(|e| e.expect("sample entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| {
                let bytes = std::fs::read(p).expect("sample readable");
                dorkarta::pipeline::prepare(&bytes, None)
                    .unwrap_or_else(|_| panic!("{} is valid", p.display()))
                    .value
            })
            .collect()
    })
}

/// The folder the template is written into, one per fuzzing process.
fn folder() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temporary folder"))
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let dir = folder();
    std::fs::write(dir.path().join("appendix.xhtml.tera"), text).expect("template written");
    let opts = TemplateOptions {
        dir: Some(dir.path().to_path_buf()),
        time_limit: Some(Duration::from_secs(2)),
        isolate: None,
    };
    let samples = samples();
    let ctx = &samples[bytes.len() % samples.len()];
    let diags = match template::render(ctx, &opts) {
        Ok(xhtml) => match dorkarta::page::parse(&xhtml) {
            Ok(_) => return,
            Err(diags) => diags,
        },
        Err(diags) => diags,
    };
    for d in diags {
        assert!(!d.message.is_empty(), "empty message");
    }
});
