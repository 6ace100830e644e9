//! Damaged sources through the whole pipeline: valid sources mutated byte-wise (deleted, inserted
//! and replaced bytes, YAML-significant fragments, duplicated and swapped lines) must never
//! panic, and every diagnostic about the source must point inside it. The cargo-fuzz target
//! (fuzz/) explores far more; this runs in CI with a fixed seed, and
//! `DORKARTA_MUTATIONS=20000 cargo test --release mutations` runs longer.
//! Inputs that once failed are kept in tests/fuzz_regressions/ and replayed first.

use std::path::Path;

use dorkarta::pipeline::{self, Options};

/// xorshift64*: a fixed, dependency-free sequence, so a failure is reproducible by its number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FRAGMENTS: &[&[u8]] = &[
    b"\t",
    b":",
    b": ",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"\"",
    b"'",
    b"*a",
    b"&a ",
    b"!!str ",
    b"|",
    b">",
    b"?",
    b"---\n",
    b"#",
    b"\0",
    b"\xFF",
    b"\xD0",
    b"\n",
    b"\r\n",
    b"  ",
    b"..",
    b"2023-02-30",
    b"2024-Q5",
    b"0",
    b"-1",
    b"1e999",
    b"null",
    b"~",
    b"true",
    b"<<: *a",
    b"key: number",
    b"key: mark",
    b"heading: x",
    b"items: []",
    b"${name}",
    b"<w:t>",
    b"&amp;",
    b"]]>",
    "\u{202E}".as_bytes(),
    "\u{FEFF}".as_bytes(),
    "№".as_bytes(),
    "\u{A0}".as_bytes(),
];

fn mutate(rng: &mut Rng, good: &[u8]) -> Vec<u8> {
    let mut bytes = good.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if at < bytes.len() => {
                let len = 1 + rng.below(8).min(bytes.len() - at - 1);
                bytes.drain(at..at + len);
            }
            1 => {
                let f = FRAGMENTS[rng.below(FRAGMENTS.len())];
                bytes.splice(at..at, f.iter().copied());
            }
            2 if at < bytes.len() => bytes[at] = rng.next() as u8,
            3 => {
                // Duplicate a line (a repeated key, a repeated item).
                let lines: Vec<&[u8]> = good.split_inclusive(|&b| b == b'\n').collect();
                let line = lines[rng.below(lines.len())].to_vec();
                bytes.splice(at..at, line);
            }
            4 => {
                // Swap two lines (keys out of place, indentation broken).
                let mut lines: Vec<Vec<u8>> = bytes
                    .split_inclusive(|&b| b == b'\n')
                    .map(<[u8]>::to_vec)
                    .collect();
                if lines.len() > 1 {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(a, b);
                }
                bytes = lines.concat();
            }
            _ => {
                // Cut the file short.
                bytes.truncate(at);
            }
        }
    }
    bytes
}

/// Renders `bytes`; panics (failing the test) on a panic inside, or on a diagnostic about the
/// source that points outside it.
fn check(bytes: &[u8], label: &str) -> bool {
    let opts = Options::default();
    let result = std::panic::catch_unwind(|| pipeline::render(bytes, None, &opts));
    let shown = || String::from_utf8_lossy(bytes).into_owned();
    let Ok(result) = result else {
        panic!("{label}: the pipeline panicked on:\n{}", shown());
    };
    let Err(diags) = result else { return true };
    let lines = bytes.split(|&b| b == b'\n').count() as u32;
    for d in &diags {
        assert!(!d.message.is_empty(), "{label}: empty message");
        if d.file.is_none() && d.pos.line > 0 {
            assert!(
                d.pos.line <= lines && d.pos.column >= 1,
                "{label}: {d} outside the file of {lines} lines:\n{}",
                shown()
            );
        }
    }
    false
}

#[test]
fn fuzz_regressions_render_without_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        check(&std::fs::read(&path).unwrap(), &path.display().to_string());
    }
}

#[test]
fn mutated_sources_never_panic_and_point_inside_the_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds: Vec<Vec<u8>> = ["tests/ok/minimal.yaml", "tests/ok/full.yaml"]
        .iter()
        .map(|p| std::fs::read(root.join(p)).unwrap())
        .collect();
    let cases: usize = std::env::var("DORKARTA_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut rendered = 0;
    for case in 0..cases {
        let seed = &seeds[case % seeds.len()];
        let bytes = mutate(&mut rng, seed);
        if check(&bytes, &format!("case {case}")) {
            rendered += 1;
        }
    }
    // Both outcomes must be exercised: some damage is harmless text, most is not.
    assert!(
        rendered > 0 && rendered < cases,
        "{rendered} of {cases} rendered"
    );
}
