//! The file as it arrives: which kind it is, and its ZIP parts read within limits.
//!
//! A DOCX or XLSX is a ZIP package. Its entries are read through [`Package::part`], which
//! stops at [`PART_LIMIT`] bytes unpacked whatever the entry claims, and the whole package may
//! unpack to [`TOTAL_LIMIT`] at most: a ZIP bomb is refused when the reading crosses a limit,
//! before memory runs out. Old binary Word and Excel files and encrypted packages are OLE
//! compound files; they are recognised by their signature and refused with what to do.

use std::cell::Cell;
use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::Failure;

/// The largest file taken at all.
pub const FILE_LIMIT: usize = 100 * 1024 * 1024;
/// The most entries a package may have: a Word document has a few dozen.
pub const ENTRY_LIMIT: usize = 5_000;
/// The most bytes one part may unpack to: the text of a 200-page document is a few MB.
pub const PART_LIMIT: u64 = 64 * 1024 * 1024;
/// The most bytes the parts read may unpack to, all together.
pub const TOTAL_LIMIT: u64 = 256 * 1024 * 1024;

/// The signature of an OLE compound file (old .doc/.xls, and encrypted DOCX/XLSX).
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Docx,
    Xlsx,
}

/// Decides the kind from the bytes (the name only breaks a tie the bytes leave), or says why
/// the file cannot be read.
pub fn sniff(name: &str, bytes: &[u8]) -> Result<Kind, Failure> {
    let ext = extension(name);
    if bytes.len() > FILE_LIMIT {
        return Err(Failure::new(format!(
            "файл больше {} МБ: это не похоже на дорожную карту",
            FILE_LIMIT / 1024 / 1024
        )));
    }
    if bytes.starts_with(&OLE) {
        return Err(ole(&ext, bytes));
    }
    if !bytes.starts_with(b"PK") {
        return Err(Failure::new(match ext.as_str() {
            "doc" | "xls" | "rtf" => format!(
                "файл .{ext} записан не в формате Office Open XML; откройте его в Word или Excel и сохраните как {}",
                if ext == "xls" { "XLSX" } else { "DOCX" }
            ),
            _ => "файл не является документом Word (DOCX) или книгой Excel (XLSX): в начале нет подписи ZIP-архива".to_string(),
        })
        .hint("импортируются файлы .docx и .xlsx"));
    }
    let package = Package::open(bytes)?;
    let names = package.names();
    if names.iter().any(|n| n == "word/document.xml") || package.main_part("word").is_some() {
        return Ok(Kind::Docx);
    }
    if names.iter().any(|n| n.starts_with("xl/")) {
        return Ok(Kind::Xlsx);
    }
    Err(Failure::new(
        "ZIP-архив не является ни документом Word (нет word/document.xml), ни книгой Excel (нет папки xl/)",
    )
    .hint("импортируются файлы .docx и .xlsx"))
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default()
}

/// An OLE compound file: encrypted Office Open XML, or an old binary document.
fn ole(ext: &str, bytes: &[u8]) -> Failure {
    let has = |name: &str| {
        let wide: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(wide.len()).any(|w| w == wide.as_slice())
    };
    if has("EncryptedPackage") {
        return Failure::new("файл защищён паролем (зашифрован): прочитать его нельзя")
            .hint("откройте файл в Word или Excel, снимите пароль (Файл → Сведения → Защитить документ → Зашифровать с использованием пароля: пустой пароль) и сохраните");
    }
    let excel = ext == "xls" || (ext != "doc" && (has("Workbook") || has("Book")));
    if excel {
        Failure::new("файл — книга Excel старого формата (.xls), её содержимое не читается")
            .hint("откройте файл в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)»")
    } else {
        Failure::new("файл — документ Word старого формата (.doc), его содержимое не читается")
            .hint("откройте файл в Word или LibreOffice и сохраните как «Документ Word (.docx)»")
    }
}

/// A ZIP package whose parts are read within the limits.
pub struct Package<'a> {
    zip: std::cell::RefCell<ZipArchive<Cursor<&'a [u8]>>>,
    /// Bytes unpacked so far, against [`TOTAL_LIMIT`].
    unpacked: Cell<u64>,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, Failure> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(&e.to_string()))?;
        if zip.len() > ENTRY_LIMIT {
            return Err(Failure::new(format!(
                "в архиве {} частей, больше допустимых {ENTRY_LIMIT}: это не документ, а, похоже, ZIP-бомба",
                zip.len()
            )));
        }
        Ok(Package {
            zip: std::cell::RefCell::new(zip),
            unpacked: Cell::new(0),
        })
    }

    pub fn names(&self) -> Vec<String> {
        self.zip
            .borrow()
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// The part's bytes, or `None` when the package has no such part.
    pub fn part(&self, name: &str) -> Result<Option<Vec<u8>>, Failure> {
        let mut zip = self.zip.borrow_mut();
        let Some(index) = zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = zip.by_index(index).map_err(|e| corrupt(&e.to_string()))?;
        if entry.encrypted() {
            return Err(Failure::new(
                "часть архива зашифрована (ZIP с паролем): прочитать её нельзя",
            ));
        }
        let mut out = Vec::new();
        let read = entry
            .take(PART_LIMIT + 1)
            .read_to_end(&mut out)
            .map_err(|e| corrupt(&e.to_string()))? as u64;
        if read > PART_LIMIT {
            return Err(bomb(name));
        }
        let total = self.unpacked.get() + read;
        if total > TOTAL_LIMIT {
            return Err(bomb(name));
        }
        self.unpacked.set(total);
        Ok(Some(out))
    }

    /// Reads every part once, within the limits, without keeping it: a package handed whole to
    /// another reader (calamine) is proved small enough first.
    pub fn check_all(&self) -> Result<(), Failure> {
        for name in self.names() {
            if name.ends_with('/') {
                continue;
            }
            self.part(&name)?;
        }
        self.unpacked.set(0);
        Ok(())
    }

    /// The main part (`word/document.xml` or what `_rels/.rels` names) under `dir`.
    pub fn main_part(&self, dir: &str) -> Option<String> {
        let rels = self.part("_rels/.rels").ok()??;
        let text = String::from_utf8(rels).ok()?;
        let doc = roxmltree::Document::parse(&text).ok()?;
        doc.descendants()
            .filter(|n| n.tag_name().name() == "Relationship")
            .filter(|n| {
                n.attribute("Type")
                    .is_some_and(|t| t.ends_with("/officeDocument"))
            })
            .filter_map(|n| n.attribute("Target"))
            .map(|t| t.trim_start_matches('/').to_string())
            .find(|t| t.starts_with(&format!("{dir}/")))
    }
}

fn corrupt(detail: &str) -> Failure {
    Failure::new(format!("файл повреждён: ZIP-архив не читается ({detail})"))
        .hint("откройте файл в Word или Excel; если откроется — сохраните его заново")
}

fn bomb(part: &str) -> Failure {
    Failure::new(format!(
        "часть «{part}» распаковывается больше чем в {} МБ (всего допускается {} МБ): это не документ, а, похоже, ZIP-бомба",
        PART_LIMIT / 1024 / 1024,
        TOTAL_LIMIT / 1024 / 1024
    ))
}
