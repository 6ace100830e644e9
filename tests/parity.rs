//! Issue 24: our PDF and LibreOffice's rendering of our DOCX break into the same pages, over
//! random sources rather than the four samples. `tools/parity.py` generates the sources (seeded,
//! reproducible), checks them, renders them with this build, converts every DOCX with one
//! LibreOffice call and compares the pages; this test runs it over a fixed seed and a modest
//! count, and asserts that no generated source is refused by `check` and that the share of
//! sources with identical pages does not fall below what it was when last measured.

use std::process::Command;

use crate::binary;
use crate::tools;

/// The seed and count of the CI run (`python3 tools/parity.py --count 40 --seed 24` shows the
/// mismatches). Changing them changes the sources, so the floor must be measured again.
const SEED: u32 = 24;
const COUNT: u32 = 40;

/// Sources of [`SEED`] with the same pages in both PDFs, measured 2026-12-05: 24 of 40 (the
/// causes of the rest are listed in README, «Same pages in Word, LibreOffice and the PDF»).
/// Raise it as causes are fixed; a change that breaks pages apart from LibreOffice's lowers the
/// count and fails here.
const IDENTICAL_AT_LEAST: u64 = 24;

#[test]
fn random_sources_pass_check_and_break_into_the_same_pages_as_libreoffice() {
    if !tools::have_all(&["python3", "soffice", "pdftotext", "pdfinfo"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("parity.json");
    let out = Command::new("python3")
        .arg(binary::root().join("tools/parity.py"))
        .args(["--count", &COUNT.to_string(), "--seed", &SEED.to_string()])
        .arg("--keep")
        .arg(dir.path().join("work"))
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_dorkarta"))
        .arg("--json")
        .arg(&json)
        .output()
        .expect("python3 runs");
    let said = binary::said(&out);
    assert!(
        out.status.success(),
        "tools/parity.py failed (a generated source refused by check, or a render failed):\n{said}"
    );
    let figures: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(figures["count"], COUNT, "{said}");
    let identical = figures["identical"].as_u64().unwrap();
    assert!(
        identical >= IDENTICAL_AT_LEAST,
        "only {identical} of {COUNT} random sources break into the same pages in our PDF and in \
         LibreOffice's PDF of our DOCX, fewer than the {IDENTICAL_AT_LEAST} measured before:\n{said}"
    );
}
