//! Output names made from user text (file stems, municipality names): valid on Windows and
//! Linux, and never leading outside the output folder.

use std::path::{Component, Path, PathBuf};

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
/// folder: forbidden and control characters become `_`, leading and trailing dots and spaces go, a device
/// name gets `_` appended, `.` and `..` become `_`. Cyrillic is kept.
pub fn file_stem(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_control() || FORBIDDEN.contains(&c) {
                '_'
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if s.chars().count() > MAX_NAME_CHARS {
        s = s.chars().take(MAX_NAME_CHARS).collect();
    }
    // Leading dots would hide the file on Linux and make `..`-like names; trailing dots and
    // spaces Windows drops silently.
    let trimmed = s
        .trim_end_matches(['.', ' '])
        .trim_start_matches(['.', ' ']);
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
/// prefixes are dropped, so the result always lies inside `base`. At least one component is
/// added (`_` when `relative` has no plain one, as for the stem `.` of a file named `..yaml`):
/// callers append an extension, and `base` itself + `.docx` would be a file beside `base`.
pub fn join_inside(base: &Path, relative: &Path) -> PathBuf {
    let mut out = base.to_path_buf();
    let mut added = false;
    for c in relative.components() {
        if let Component::Normal(part) = c {
            out.push(file_stem(&part.to_string_lossy()));
            added = true;
        }
    }
    if !added {
        out.push(file_stem(""));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stem_keeps_cyrillic_and_drops_forbidden_characters() {
        assert_eq!(file_stem("Ершичский район"), "Ершичский район");
        assert_eq!(
            file_stem("г. Калуга: МБОУ «№ 2»?"),
            "г. Калуга_ МБОУ «№ 2»_"
        );
        assert_eq!(file_stem("a/b\\c"), "a_b_c");
        assert_eq!(file_stem("tab\there"), "tab_here");
    }

    #[test]
    fn file_stem_never_names_a_folder_or_a_device() {
        assert_eq!(file_stem(".."), "_");
        assert_eq!(file_stem("."), "_");
        assert_eq!(file_stem(""), "_");
        assert_eq!(file_stem("   "), "_");
        assert_eq!(file_stem("con"), "con_");
        assert_eq!(file_stem("LPT1.txt"), "LPT1.txt_");
        assert_eq!(file_stem("район. "), "район");
        assert_eq!(file_stem(".hidden"), "hidden");
        assert_eq!(file_stem("../../вне"), "_.._вне");
    }

    #[test]
    fn file_stem_limits_length() {
        let long = "д".repeat(500);
        assert_eq!(file_stem(&long).chars().count(), MAX_NAME_CHARS);
    }

    #[test]
    fn join_inside_cannot_leave_the_base() {
        let base = Path::new("/out");
        assert_eq!(
            join_inside(base, Path::new("../../etc/passwd")),
            Path::new("/out/etc/passwd")
        );
        assert_eq!(
            join_inside(base, Path::new("/abs/x")),
            Path::new("/out/abs/x")
        );
        assert_eq!(join_inside(base, Path::new("a/./b")), Path::new("/out/a/b"));
        assert_eq!(join_inside(base, Path::new(".")), Path::new("/out/_"));
        assert_eq!(join_inside(base, Path::new("..")), Path::new("/out/_"));
        assert_eq!(join_inside(base, Path::new("")), Path::new("/out/_"));
    }
}
