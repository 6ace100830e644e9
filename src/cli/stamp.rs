//! Up-to-date outputs: a batch does not render a source again when its outputs are there and
//! were made from the same bytes (the source's and the municipality table's) by the same
//! dorkarta, templates and formats. What made them is recorded in a stamp per source under
//! `OUT/.dorkarta/`, one hidden folder, so the output folder holds only documents.
//!
//! The inputs are judged by their content, not their time: a source restored with an older
//! time (`cp -p`, an archive) or saved again while its render ran has other bytes than the
//! ones the stamp records, and is rendered again. The stamp records the size and MD5 of the
//! very bytes the render read. MD5 is no defence against a forger here, only a fingerprint of
//! a file the user edits, and it runs at hundreds of megabytes a second: a batch's sources
//! are hashed in a few milliseconds.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};

use md5::{Digest, Md5};

use dorkarta::naming::join_inside;
use dorkarta::pipeline::Formats;
use dorkarta::region::Municipality;

/// The folder of stamps inside the output folder.
pub const STAMP_DIR: &str = ".dorkarta";

/// A stamp is a few lines; anything longer at its place is not one.
const MAX_STAMP_BYTES: u64 = 64 * 1024;

/// What made an output: version, templates, formats and the municipality row. The inputs'
/// contents follow it in the stamp, one [`content_line`] each.
pub fn fingerprint(
    formats: Formats,
    templates: &str,
    municipality: Option<&Municipality>,
) -> String {
    let mut h = DefaultHasher::new();
    municipality.map(|m| &m.values).hash(&mut h);
    format!(
        "dorkarta {}\nformats docx={} pdf={}\ntemplates {templates}\nmunicipality {:016x}\n",
        env!("CARGO_PKG_VERSION"),
        formats.docx,
        formats.pdf,
        h.finish()
    )
}

/// One input of a render as it was read: `label size md5`.
pub fn content_line(label: &str, bytes: &[u8]) -> String {
    format!("{label} {} {}\n", bytes.len(), md5_hex(bytes))
}

fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A fingerprint of the user's templates folder: names and contents of its `*.tera` files, in
/// name order; "builtin" without one. Only regular files are read (a FIFO would block).
pub fn templates_fingerprint(dir: Option<&Path>) -> String {
    let Some(dir) = dir else {
        return "builtin".into();
    };
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "tera") && p.is_file());
    files.sort();
    let mut all = Vec::new();
    for f in files {
        all.extend_from_slice(f.file_name().unwrap_or_default().as_encoded_bytes());
        all.push(0);
        all.extend(fs::read(&f).unwrap_or_default());
        all.push(0);
    }
    md5_hex(&all)
}

/// Where the stamp of the outputs at `out_base` lives.
pub fn stamp_path(out_root: &Path, out_base: &Path) -> PathBuf {
    let relative = out_base.strip_prefix(out_root).unwrap_or(out_base);
    let mut path = join_inside(&out_root.join(STAMP_DIR), relative).into_os_string();
    path.push(".stamp");
    PathBuf::from(path)
}

/// Why stamps cannot be kept in `out_root`, if something other than a folder is where they go.
pub fn dir_problem(out_root: &Path) -> Option<String> {
    let dir = out_root.join(STAMP_DIR);
    let meta = fs::metadata(&dir).ok()?;
    (!meta.is_dir()).then(|| {
        format!(
            "{}: не папка, и отметки о собранных документах хранить негде — каждый запуск \
             будет собирать все документы заново; удалите или переименуйте этот файл",
            dir.display()
        )
    })
}

/// Are the outputs there and was the stamp written for exactly `expected` (the
/// [`fingerprint`] and the inputs' [`content_line`]s)?
pub fn is_fresh(stamp: &Path, expected: &str, outputs: &[PathBuf]) -> bool {
    let regular = |p: &Path| fs::metadata(p).is_ok_and(|m| m.is_file());
    outputs.iter().all(|o| regular(o)) && read_stamp(stamp).is_some_and(|s| s == expected)
}

/// The stamp's text; `None` unless it is a regular file of a stamp's size (a FIFO put there
/// is never opened).
fn read_stamp(path: &Path) -> Option<String> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_STAMP_BYTES {
        return None;
    }
    let mut text = String::new();
    fs::File::open(path)
        .ok()?
        .take(MAX_STAMP_BYTES)
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_live_in_one_hidden_folder_mirroring_the_outputs() {
        let p = stamp_path(Path::new("/out"), Path::new("/out/region/г. Калуга"));
        assert_eq!(p, Path::new("/out/.dorkarta/region/г. Калуга.stamp"));
    }

    #[test]
    fn fresh_only_with_the_outputs_and_the_same_fingerprint_and_contents() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.docx");
        let stamp = dir.path().join("a.stamp");
        let made = fingerprint(Formats::ALL, "builtin", None) + &content_line("source", b"x");
        assert!(!is_fresh(&stamp, &made, std::slice::from_ref(&out)));
        fs::write(&out, "docx").unwrap();
        fs::write(&stamp, &made).unwrap();
        assert!(is_fresh(&stamp, &made, std::slice::from_ref(&out)));
        let docx_only = Formats {
            docx: true,
            pdf: false,
        };
        let other = fingerprint(docx_only, "builtin", None) + &content_line("source", b"x");
        assert!(!is_fresh(&stamp, &other, std::slice::from_ref(&out)));
        // Another content of the same size is another line.
        let edited = fingerprint(Formats::ALL, "builtin", None) + &content_line("source", b"y");
        assert!(!is_fresh(&stamp, &edited, std::slice::from_ref(&out)));
        fs::remove_file(&out).unwrap();
        assert!(!is_fresh(&stamp, &made, std::slice::from_ref(&out)));
    }

    #[test]
    fn content_line_is_size_and_md5() {
        assert_eq!(
            content_line("source", b"abc"),
            "source 3 900150983cd24fb0d6963f7d28e17f72\n"
        );
    }
}
