//! Output names made from user text (file stems, municipality names): valid on Windows and
//! Linux, and never leading outside the output folder.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

/// Characters Windows forbids in file names; `/` and `\` also separate folders.
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

/// Device names Windows reserves, compared with the part of a name before its first dot,
/// without trailing spaces and in upper case: `con`, `CON.txt`, `LPT1 .x` and `COM¹` all name
/// a device there. The superscript digits count as digits for Windows.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4",
    "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3",
    "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// Longest name kept, in bytes of UTF-8: common file systems allow 255 bytes a name, and the
/// longest extension added to a name is `.stamp` (6). A byte limit, not a character one: a
/// hundred CJK characters or emoji already take 300 or 400 bytes.
pub const MAX_NAME_BYTES: usize = 240;

/// Characters that show nothing: Unicode's Default_Ignorable_Code_Point (zero-width spaces and
/// joiners, the byte-order mark, soft hyphen, variation selectors, fillers) and with them the
/// bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C), which can make a
/// name read backwards («Тула\u{202E}fdp.exe» shows as «Тулаexe.pdf»).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Turns user text into a file name that is valid on Windows and Linux and cannot name a
/// folder: invisible characters go, the rest is made NFC (so that «й» typed as one character
/// and as «и» with a combining breve give one name, and a repeated name is caught), forbidden
/// and control characters become `_`, runs of spaces become one, the name is cut to
/// [`MAX_NAME_BYTES`], leading and trailing dots and spaces go, a device name gets `_` in front,
/// `.` and `..` become `_`. Cyrillic is kept.
pub fn file_stem(name: &str) -> String {
    let visible: String = name.chars().filter(|&c| !is_invisible(c)).collect();
    let mut s: String = visible
        .nfc()
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
    if s.len() > MAX_NAME_BYTES {
        let mut end = MAX_NAME_BYTES;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
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
    let device = s.split('.').next().unwrap_or("").trim_end().to_uppercase();
    if RESERVED.contains(&device.as_str()) {
        // In front: after the name, `CON.txt_` would still be the device CON for Windows.
        s.insert(0, '_');
    }
    s
}

/// Text from the user (a municipality name, a file name, a message quoting them) as it may be
/// printed to a terminal: control characters (ESC starts a terminal's escape sequences, BEL,
/// C1 controls) and invisible characters are shown as `\x1b` or `\u{202e}`, never sent raw.
/// Line feeds and tabs, which messages are made of, are kept.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_invisible(c);
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !hidden(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
        }
    }
    std::borrow::Cow::Owned(out)
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

/// Documents that would be written at one path, by index, each with the others at its path.
/// Paths are compared without regard to case, as Windows and macOS compare file names: there
/// `X.docx` replaces `x.docx`. The bases are already NFC (see `dorkarta::naming`).
pub fn same_outputs(bases: &[&Path]) -> BTreeMap<usize, Vec<usize>> {
    let mut at: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, base) in bases.iter().enumerate() {
        at.entry(base.to_string_lossy().to_lowercase())
            .or_default()
            .push(i);
    }
    let mut clashes = BTreeMap::new();
    for group in at.values().filter(|g| g.len() > 1) {
        for &i in group {
            clashes.insert(i, group.iter().copied().filter(|&j| j != i).collect());
        }
    }
    clashes
}

/// The message for a source refused because another one would write the same documents.
pub fn same_output_message(source: &str, others: &[&str], base: &Path) -> String {
    format!(
        "{source}: не собран — у результатов {source} и {} одно имя ({}.*), один документ \
         затёр бы другой; переименуйте один из исходных файлов или собирайте их в разные папки",
        others.join(", "),
        base.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_outputs_pairs_paths_that_differ_only_in_case() {
        let bases = [Path::new("out/x"), Path::new("out/y"), Path::new("out/X")];
        let clashes = same_outputs(&bases);
        assert_eq!(clashes.len(), 2);
        assert_eq!(clashes[&0], [2]);
        assert_eq!(clashes[&2], [0]);
    }

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
        assert_eq!(file_stem("con"), "_con");
        assert_eq!(file_stem("LPT1.txt"), "_LPT1.txt");
        assert_eq!(file_stem("район. "), "район");
        assert_eq!(file_stem(".hidden"), "hidden");
        assert_eq!(file_stem("../../вне"), "_.._вне");
    }

    #[test]
    fn file_stem_limits_length_in_bytes() {
        for long in [
            "д".repeat(500),
            "漢".repeat(100),
            "😀".repeat(80),
            "a".repeat(300),
        ] {
            let stem = file_stem(&long);
            assert!(stem.len() <= MAX_NAME_BYTES, "{} bytes", stem.len());
            assert!(
                stem.len() > MAX_NAME_BYTES - 4,
                "cut on a character: {}",
                stem.len()
            );
            assert!(stem.len() + ".stamp".len() <= 255);
        }
    }

    #[test]
    fn file_stem_makes_no_windows_device_name() {
        for name in [
            "COM¹",
            "com²",
            "LPT1 .x",
            "CON.txt",
            "nul",
            "Aux ",
            "LPT³.pdf",
            "conin$",
        ] {
            let stem = file_stem(name);
            assert!(stem.starts_with('_'), "{name:?} gave {stem:?}");
        }
        // Not devices: a longer word, a digit after the dot, a name in the middle.
        for name in ["CONSOLE", "COM10", "LPT", "район CON", "NULL"] {
            assert_eq!(file_stem(name), name);
        }
    }

    #[test]
    fn file_stem_drops_invisible_characters_and_is_nfc() {
        assert_eq!(file_stem("Тула\u{202E}fdp.exe"), "Тулаfdp.exe");
        assert_eq!(file_stem("\u{FEFF}Калуга\u{200B}\u{200D}"), "Калуга");
        assert_eq!(file_stem("\u{2067}Тула\u{2069}"), "Тула");
        // «й» decomposed (и + combining breve) and composed give one name.
        assert_eq!(file_stem("Йошкар-Ола"), file_stem("И\u{306}ошкар-Ола"));
        assert_eq!(file_stem("И\u{306}ошкар-Ола"), "Йошкар-Ола");
        assert_eq!(file_stem("\u{1b}[2JКалуга"), "_[2JКалуга");
    }

    #[test]
    fn visible_escapes_terminal_controls_and_invisible_characters() {
        assert_eq!(visible("Калуга"), "Калуга");
        assert_eq!(
            visible("\u{1b}]0;x\u{7}\u{1b}[2JА"),
            "\\x1b]0;x\\x07\\x1b[2JА"
        );
        assert_eq!(visible("Тула\u{202E}fdp"), "Тула\\u{202e}fdp");
        assert_eq!(visible("\u{9b}31m"), "\\x9b31m");
        assert_eq!(visible("строка\n\tвторая"), "строка\n\tвторая");
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
