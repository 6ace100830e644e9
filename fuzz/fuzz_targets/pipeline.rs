//! Arbitrary bytes as a source file, through the whole pipeline to every format: nothing may
//! panic, and every diagnostic about the source points inside it.

#![no_main]

use dorkarta::pipeline::{self, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let opts = Options::default();
    if let Err(diags) = pipeline::render(bytes, None, &opts) {
        let text = String::from_utf8_lossy(bytes);
        let lines = text.split('\n').count() as u32;
        for d in diags {
            assert!(!d.message.is_empty(), "empty message");
            if d.file.is_none() && d.pos.line > 0 {
                assert!(d.pos.line <= lines, "{d} past the last line {lines}");
                assert!(d.pos.column >= 1, "{d}: column 0");
            }
        }
    }
});
