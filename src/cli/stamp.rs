//! Up-to-date outputs: a batch does not render a source again when its outputs are newer than
//! the source (and the municipality table) and were made by the same dorkarta, templates and
//! formats. What made them is recorded in a stamp per source under `OUT/.dorkarta/`, one hidden
//! folder, so the output folder holds only documents.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use dorkarta::naming::join_inside;
use dorkarta::pipeline::Formats;
use dorkarta::region::Municipality;

/// The folder of stamps inside the output folder.
pub const STAMP_DIR: &str = ".dorkarta";

/// What made an output: version, templates, formats and the municipality row.
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

/// A fingerprint of the user's templates folder: names and contents of its `*.tera` files, in
/// name order; "builtin" without one.
pub fn templates_fingerprint(dir: Option<&Path>) -> String {
    let Some(dir) = dir else {
        return "builtin".into();
    };
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "tera"));
    files.sort();
    let mut h = DefaultHasher::new();
    for f in files {
        f.file_name().hash(&mut h);
        fs::read(&f).unwrap_or_default().hash(&mut h);
    }
    format!("{:016x}", h.finish())
}

/// Where the stamp of the outputs at `out_base` lives.
pub fn stamp_path(out_root: &Path, out_base: &Path) -> PathBuf {
    let relative = out_base.strip_prefix(out_root).unwrap_or(out_base);
    let mut path = join_inside(&out_root.join(STAMP_DIR), relative).into_os_string();
    path.push(".stamp");
    PathBuf::from(path)
}

/// Are the outputs there, newer than every input, and made the way `fingerprint` says?
pub fn is_fresh(stamp: &Path, fingerprint: &str, inputs: &[&Path], outputs: &[PathBuf]) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    let newest_input = inputs
        .iter()
        .filter_map(|p| modified(p))
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let outputs_newer = outputs
        .iter()
        .all(|o| modified(o).is_some_and(|t| t >= newest_input));
    outputs_newer && fs::read_to_string(stamp).is_ok_and(|s| s == fingerprint)
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
    fn fresh_only_with_newer_outputs_and_the_same_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("a.yaml");
        fs::write(&src, "x").unwrap();
        let out = dir.path().join("a.docx");
        let stamp = dir.path().join("a.stamp");
        let fp = fingerprint(Formats::ALL, "builtin", None);
        assert!(!is_fresh(&stamp, &fp, &[&src], std::slice::from_ref(&out)));
        fs::write(&out, "docx").unwrap();
        fs::write(&stamp, &fp).unwrap();
        assert!(is_fresh(&stamp, &fp, &[&src], std::slice::from_ref(&out)));
        let other = fingerprint(
            Formats {
                docx: true,
                pdf: false,
            },
            "builtin",
            None,
        );
        assert!(!is_fresh(
            &stamp,
            &other,
            &[&src],
            std::slice::from_ref(&out)
        ));
        // A source saved after its outputs makes them stale.
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        fs::File::options()
            .write(true)
            .open(&src)
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert!(!is_fresh(&stamp, &fp, &[&src], std::slice::from_ref(&out)));
    }
}
