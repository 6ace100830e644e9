//! Writing outputs: atomically, and only inside the output folder.
//!
//! Every output is written to a temporary file in its own folder and renamed into place, so a
//! failed or interrupted render leaves the previous output byte-identical. Output names are
//! made from user text (file stems, municipality names), so they pass through
//! [`safe_file_name`] and are joined with [`join_inside`], which never leaves the folder.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// Prefix of the temporary files, so a stray one (after a power cut) is recognisable.
pub const TEMP_PREFIX: &str = ".dorkarta-";

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
/// On any error the temporary file is removed and `path` is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_data()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Characters Windows forbids in file names; `/` and `\` also separate folders.
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

/// Names Windows reserves for devices, with or without an extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Longest name kept, in characters: well under the 255-byte limit of common file systems
/// even for Cyrillic (two bytes a letter), with room for an extension.
const MAX_NAME_CHARS: usize = 100;

/// Turns user text into a file name that is valid on Windows and Linux and cannot name a
/// folder: forbidden and control characters become `_`, trailing dots and spaces go, a device
/// name gets `_` appended, `.` and `..` become `_`. Cyrillic is kept.
pub fn safe_file_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| if c.is_control() || FORBIDDEN.contains(&c) { '_' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if s.chars().count() > MAX_NAME_CHARS {
        s = s.chars().take(MAX_NAME_CHARS).collect();
    }
    let trimmed = s.trim_end_matches(['.', ' ']).trim_start();
    let mut s = trimmed.to_string();
    if s.is_empty() {
        s.push('_');
    }
    let stem = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    if RESERVED.contains(&stem.as_str()) {
        s.push('_');
    }
    s
}

/// Joins a relative path to `base`, keeping only its plain components: `..`, roots and drive
/// prefixes are dropped, so the result always lies inside `base`.
pub fn join_inside(base: &Path, relative: &Path) -> PathBuf {
    let mut out = base.to_path_buf();
    for c in relative.components() {
        if let Component::Normal(part) = c {
            out.push(safe_file_name(&part.to_string_lossy()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_file_name_keeps_cyrillic_and_drops_forbidden_characters() {
        assert_eq!(safe_file_name("Ершичский район"), "Ершичский район");
        assert_eq!(safe_file_name("г. Калуга: МБОУ «№ 2»?"), "г. Калуга_ МБОУ «№ 2»_");
        assert_eq!(safe_file_name("a/b\\c"), "a_b_c");
        assert_eq!(safe_file_name("tab\there"), "tab_here");
    }

    #[test]
    fn safe_file_name_never_names_a_folder_or_a_device() {
        assert_eq!(safe_file_name(".."), "_");
        assert_eq!(safe_file_name("."), "_");
        assert_eq!(safe_file_name(""), "_");
        assert_eq!(safe_file_name("   "), "_");
        assert_eq!(safe_file_name("con"), "con_");
        assert_eq!(safe_file_name("LPT1.txt"), "LPT1.txt_");
        assert_eq!(safe_file_name("район. "), "район");
    }

    #[test]
    fn safe_file_name_limits_length() {
        let long = "д".repeat(500);
        assert_eq!(safe_file_name(&long).chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn join_inside_cannot_leave_the_base() {
        let base = Path::new("/out");
        assert_eq!(join_inside(base, Path::new("../../etc/passwd")), Path::new("/out/etc/passwd"));
        assert_eq!(join_inside(base, Path::new("/abs/x")), Path::new("/out/abs/x"));
        assert_eq!(join_inside(base, Path::new("a/./b")), Path::new("/out/a/b"));
    }

    #[test]
    fn write_atomic_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/x.docx");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("x.docx")]);
    }

    #[test]
    fn write_atomic_failure_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pdf");
        write_atomic(&path, b"good").unwrap();
        // A folder in the way of the rename makes it fail after the temporary file is written.
        let blocked = dir.path().join("blocked");
        fs::create_dir_all(blocked.join("inner")).unwrap();
        assert!(write_atomic(&blocked, b"bad").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"good");
        let stray = fs::read_dir(dir.path()).unwrap().filter(|e| {
            e.as_ref().unwrap().file_name().to_string_lossy().starts_with(TEMP_PREFIX)
        });
        assert_eq!(stray.count(), 0);
    }
}
