//! Issue 24: our PDF and LibreOffice's rendering of our DOCX break into the same pages, over
//! random sources rather than the four samples. `tools/parity.py` generates the sources (seeded,
//! reproducible), checks them, renders them with this build, converts every DOCX with one
//! LibreOffice call and compares the pages. One test runs it over a fixed seed and asserts that
//! no generated source is refused by `check` and that the share of sources with identical pages
//! does not fall below what it was when last measured; another runs it over `tests/parity/`,
//! sources whose pages differed until a cause was fixed, and asserts that none differs.

use std::path::Path;
use std::process::{Command, Output};

use crate::binary;
use crate::tools;

/// The seed and count of the CI run (`python3 tools/parity.py --count 200 --seed 24` shows the
/// mismatches; about 2 minutes with the debug build on a 2-core machine). Changing them changes
/// the sources, so the floor must be measured again.
const SEED: u32 = 24;
const COUNT: u32 = 200;

/// Sources of [`SEED`] with the same pages in both PDFs, measured 2026-12-06: 199 of 200 (157 on
/// 2026-12-05, before LibreOffice's measure of lines, cell bounds rounded once, merged cells
/// taller than the page, rows moved once kept whole, keep chains and pages in whole twips), less
/// a margin of two. The causes of the rest are listed in README, «Same pages in Word,
/// LibreOffice and the PDF».
/// Raise it as causes are fixed; a change that breaks pages apart from LibreOffice's lowers the
/// count and fails here.
const IDENTICAL_AT_LEAST: u64 = 197;

/// Runs `tools/parity.py` with `args` and this build, returning its output and its figures.
fn parity(args: &[&str], dir: &Path) -> (Output, serde_json::Value) {
    let json = dir.join("parity.json");
    let out = Command::new("python3")
        .arg(binary::root().join("tools/parity.py"))
        .args(args)
        .arg("--keep")
        .arg(dir.join("work"))
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_dorkarta"))
        .arg("--json")
        .arg(&json)
        .output()
        .expect("python3 runs");
    let said = binary::said(&out);
    assert!(
        out.status.success(),
        "tools/parity.py failed (a source refused by check, or a render failed):\n{said}"
    );
    let figures = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    (out, figures)
}

#[test]
fn random_sources_pass_check_and_break_into_the_same_pages_as_libreoffice() {
    if !tools::have_all(&["python3", "soffice", "pdftotext", "pdfinfo"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (out, figures) = parity(
        &["--count", &COUNT.to_string(), "--seed", &SEED.to_string()],
        dir.path(),
    );
    let said = binary::said(&out);
    assert_eq!(figures["count"], COUNT, "{said}");
    let identical = figures["identical"].as_u64().unwrap();
    assert!(
        identical >= IDENTICAL_AT_LEAST,
        "only {identical} of {COUNT} random sources break into the same pages in our PDF and in \
         LibreOffice's PDF of our DOCX, fewer than the {IDENTICAL_AT_LEAST} measured before:\n{said}"
    );
}

/// Generated sources whose pages differed from LibreOffice's rendering of their DOCX until a
/// cause was fixed (each file says which in its first line): every one breaks alike now.
#[test]
fn sources_of_fixed_causes_break_into_the_same_pages_as_libreoffice() {
    if !tools::have_all(&["python3", "soffice", "pdftotext", "pdfinfo"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let folder = binary::root().join("tests/parity");
    let (out, figures) = parity(&["--sources", folder.to_str().unwrap()], dir.path());
    let said = binary::said(&out);
    assert!(figures["count"].as_u64().unwrap() >= 3, "{said}");
    assert_eq!(figures["mismatched"], serde_json::json!([]), "{said}");
}
