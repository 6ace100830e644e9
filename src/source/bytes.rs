//! Checks on the raw bytes of a source, before any YAML parsing: size, encoding, NUL bytes.
//!
//! The YAML parser would reject most of these too, but with a message about bytes; here the
//! user learns the likely cause (a file saved by Word or Notepad in Windows-1251, a binary
//! file) and what to do about it, with the line and column of the first bad byte.

use crate::diag::{Diagnostic, Pos};

/// The largest source accepted, in bytes. The biggest real roadmap is under 100 KiB; 10 MiB
/// leaves room for any plausible document while refusing a runaway file before it is read
/// into memory and parsed.
pub const MAX_SOURCE_BYTES: u64 = 10 * 1024 * 1024;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The diagnostic for a source larger than [`MAX_SOURCE_BYTES`].
pub fn too_large(len: u64) -> Diagnostic {
    Diagnostic::error(
        Pos::default(),
        "",
        format!(
            "файл слишком большой: {} — допускается не больше {} МиБ",
            human_size(len),
            MAX_SOURCE_BYTES / (1024 * 1024)
        ),
    )
    .with_hint("проверьте, что указан файл с дорожной картой, а не архив, документ или таблица")
}

/// Checks the bytes and returns the text without a UTF-8 byte order mark.
pub fn decode(bytes: &[u8]) -> Result<&str, Diagnostic> {
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if let Some(d) = foreign_format(bytes) {
        return Err(d);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Diagnostic::error(
            Pos::new(1, 1),
            "",
            "файл сохранён в кодировке UTF-16, а нужна UTF-8",
        )
        .with_hint(
            "сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)",
        ));
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => return Err(not_utf8(bytes, err.valid_up_to())),
    };
    if let Some(at) = text.find('\0') {
        return Err(Diagnostic::error(
            position(text, at),
            "",
            "в файле есть нулевой байт (NUL): это не текстовый файл, или он повреждён",
        )
        .with_hint(
            "откройте файл в текстовом редакторе и сохраните его заново в кодировке UTF-8",
        ));
    }
    // Other control characters are not allowed in YAML either; the parser's message about one
    // shows an invisible character, and its line count can differ from an editor's.
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{85}')
    {
        return Err(Diagnostic::error(
            position(text, at),
            "",
            format!(
                "в тексте невидимый управляющий символ U+{:04X}: так бывает после копирования из другой программы",
                c as u32
            ),
        )
        .with_hint("удалите этот символ (или перепечатайте слово вокруг него)"));
    }
    // A carriage return without a line feed after it ends a line for the YAML parser but not
    // for most tools (and not for the lines quoted under a message), so positions would drift.
    if let Some(at) = text
        .match_indices('\r')
        .map(|(at, _)| at)
        .find(|&at| !text[at + 1..].starts_with('\n'))
    {
        return Err(Diagnostic::error(
            position(text, at),
            "",
            "конец строки без перевода строки (одиночный символ CR, как в старых файлах Mac OS)",
        )
        .with_hint(
            "сохраните файл заново с концами строк Windows (CRLF) или Unix (LF): в Блокноте — «Сохранить как»",
        ));
    }
    Ok(text)
}

/// A file of another kind given as a source (a Word document, a workbook, a PDF, a picture):
/// one line saying what it is and what to do, instead of its bytes quoted as a «line». Word
/// and Excel files are told apart as `dorkarta import` tells them, by the same code.
fn foreign_format(bytes: &[u8]) -> Option<Diagnostic> {
    use crate::import::package::{self, Kind};
    const IMPORT: &str = "перенесите его в исходник командой `dorkarta import ФАЙЛ` (или кнопкой «Открыть» на странице dorkarta): получится файл .yaml, который проверяют и формируют";
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    let office = |what: &str| {
        Diagnostic::error(
            Pos::default(),
            "",
            format!("это {what}, а не исходник дорожной карты (текст YAML)"),
        )
        .with_hint(IMPORT)
    };
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(OLE)
    {
        return Some(match package::sniff("", bytes) {
            Ok(Kind::Docx) => office("документ Word (DOCX)"),
            Ok(Kind::Xlsx) => office("книга Excel (XLSX)"),
            Err(failure) => {
                let mut d = Diagnostic::error(
                    Pos::default(),
                    "",
                    format!(
                        "это не исходник дорожной карты (текст YAML): {}",
                        failure.message
                    ),
                );
                d.hints = failure.hints;
                d
            }
        });
    }
    let (what, hint) = if bytes.starts_with(b"%PDF-") {
        (
            "документ PDF",
            "PDF получается из исходника командой `dorkarta render`; укажите файл .yaml",
        )
    } else if bytes.starts_with(b"{\\rtf") {
        (
            "документ RTF",
            "откройте его в Word, сохраните как «Документ Word (.docx)» и перенесите командой `dorkarta import`",
        )
    } else if let Some(kind) = [
        (&b"\x89PNG"[..], "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF8", "GIF"),
        (b"BM", "BMP"),
        (b"II*\0", "TIFF"),
        (b"MM\0*", "TIFF"),
    ]
    .iter()
    .find(|(magic, _)| bytes.starts_with(magic))
    .map(|(_, kind)| *kind)
    {
        return Some(
            Diagnostic::error(
                Pos::default(),
                "",
                format!("это изображение ({kind}), а не исходник дорожной карты (текст YAML)"),
            )
            .with_hint("укажите файл .yaml с дорожной картой"),
        );
    } else {
        return None;
    };
    Some(
        Diagnostic::error(
            Pos::default(),
            "",
            format!("это {what}, а не исходник дорожной карты (текст YAML)"),
        )
        .with_hint(hint),
    )
}

fn not_utf8(bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    // `valid_up_to` ends on a character boundary, so the prefix is valid UTF-8.
    let prefix = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    let pos = position(prefix, prefix.len());
    let message = if looks_like_windows_1251(&bytes[valid_up_to..]) {
        "файл не в кодировке UTF-8: похоже, он сохранён в Windows-1251 (ANSI)"
    } else {
        "файл не в кодировке UTF-8: здесь байт, который не может стоять в тексте UTF-8"
    };
    Diagnostic::error(pos, "", message).with_hint(
        "сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)",
    )
}

/// Whether the bytes from the first invalid one on read as Russian text in Windows-1251:
/// nearly every byte above 0x7F is a Cyrillic letter there (0xC0–0xFF, Ё 0xA8, ё 0xB8) or
/// common punctuation («» 0xAB 0xBB, № 0xB9, – — 0x96 0x97).
pub fn looks_like_windows_1251(rest: &[u8]) -> bool {
    let high: Vec<u8> = rest
        .iter()
        .copied()
        .filter(|b| *b >= 0x80)
        .take(4096)
        .collect();
    if high.is_empty() {
        return false;
    }
    let cyrillic_or_punct = high
        .iter()
        .filter(|&&b| b >= 0xC0 || matches!(b, 0xA8 | 0xB8 | 0xAB | 0xBB | 0xB9 | 0x96 | 0x97))
        .count();
    let letters = high.iter().filter(|&&b| b >= 0xC0).count();
    letters > 0 && cyrillic_or_punct * 10 >= high.len() * 9
}

/// The 1-based line and column (in characters) of byte offset `at` in `text`.
pub fn position(text: &str, at: usize) -> Pos {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Pos::new(line as u32, column as u32)
}

fn human_size(len: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if len >= MIB {
        format!("{:.1} МиБ", len as f64 / MIB as f64).replace('.', ",")
    } else {
        format!("{len} байт")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped() {
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1").unwrap(), "a: 1");
    }

    #[test]
    fn windows_1251_is_recognised_with_position() {
        // «order:\n  title: Дорожная» in Windows-1251.
        let mut bytes = b"order:\n  title: ".to_vec();
        bytes.extend([0xC4, 0xEE, 0xF0, 0xEE, 0xE6, 0xED, 0xE0, 0xFF]);
        let d = decode(&bytes).unwrap_err();
        assert_eq!(d.pos, Pos::new(2, 10));
        assert!(d.message.contains("Windows-1251"), "{}", d.message);
    }

    #[test]
    fn other_bad_bytes_are_not_called_windows_1251() {
        let d = decode(b"a: \x80\x81\x82").unwrap_err();
        assert!(!d.message.contains("Windows-1251"), "{}", d.message);
    }

    #[test]
    fn position_counts_characters_not_bytes() {
        assert_eq!(
            position("ключ: знач\nаб", "ключ: знач\nаб".len()),
            Pos::new(2, 3)
        );
    }

    #[test]
    fn a_lone_carriage_return_is_refused_where_it_stands() {
        let err = decode(b"a: 1\r\nb: 2\rc: 3\n").unwrap_err();
        assert_eq!(err.pos, Pos::new(2, 5));
        assert!(
            err.message.contains("одиночный символ CR"),
            "{}",
            err.message
        );
        assert!(decode(b"a: 1\r\nb: 2\r\n").is_ok());
    }

    #[test]
    fn size_limit_is_checked_first() {
        let big = vec![b'a'; MAX_SOURCE_BYTES as usize + 1];
        assert!(
            decode(&big)
                .unwrap_err()
                .message
                .contains("слишком большой")
        );
    }
}
