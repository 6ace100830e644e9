//! The integration-test binary: one module per area, listed below.

/// The hand-built roadmap IR document the DOCX and PDF tests (and the benchmark) share.
mod ir_samples;

/// Running the real binary: the one helper the tests of commands share.
mod binary;
/// The real binary: exit codes, output format, Russian usage errors.
mod cli;
/// `render`, `batch` and `watch` through the real binary.
mod commands;
/// Malformed sources in tests/bad/ and the exact diagnostics each must give.
mod diagnostics;
/// The DOCX writer end to end: determinism, structure, openxml-audit, LibreOffice.
mod docx;
/// Faults through the real binary: read-only and full disks, broken templates, Ctrl-C.
mod faults;
/// Unusual but valid sources, hostile templates and hostile output names.
mod hostile;
/// `import`: samples round-trip through their DOCX; files that cannot be imported.
mod import;
/// Each sample's laid-out pages as committed text (tests/layout/): a layout change is a diff.
mod layout_dumps;
/// Misuse that would cost data: colliding output names, outputs over inputs, FIFOs, symlink
/// loops, stale temporaries and stamps, hostile municipality names.
mod misuse;
/// Mutated sources through the whole pipeline: no panic, diagnostics inside the file.
mod mutations;
/// Content the PDF once lost without a word: a header taller than the page, missing glyphs.
mod nothing_lost;
/// Checks of a rendered page's text shared by the writers' and the samples' tests.
mod page_checks;
/// Random sources: `check` accepts them, and our PDF breaks pages as LibreOffice does (issue 24).
mod parity;
/// The PDF writer: tools read the file (qpdf, pdffonts, pdftotext), pages and determinism.
mod pdf;
/// The release archives: contents, and the same bytes when packed twice.
mod release;
/// Source → template context: rows, spans, numbers and the exact diagnostics of bad sources.
mod resolve;
/// Custom templates that would crash or burn a core, through the binary in every command.
mod runaway;
/// The four real roadmaps: valid for their clients, deterministic, the seeds' text all there.
mod samples;
/// The committed JSON Schema, and samples validated against it.
mod schema;
/// The shipped programs: size, the Linux one static and making the same documents.
mod shipped;
/// Source texts built in code, shared with the benchmark.
mod sources;
/// Templates → page description → IR.
mod templates;
/// The external programs the tests read outputs with; missing ones fail under
/// DORKARTA_REQUIRE_TOOLS=1.
mod tools;
/// The first five minutes: the guide without arguments, `new`, a file dropped onto the program.
mod welcome;
/// dorkarta.exe under Wine beside the Linux binary (when the .exe is built).
mod wine;
