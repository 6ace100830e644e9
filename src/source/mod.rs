//! Loading a source file into the [`model`] types.
//!
//! [`load`] takes the file's bytes and returns the [`Source`] or the problems found, as Russian
//! [`Diagnostic`]s with line, column and field path. It never panics on any input. Limits:
//!
//! - size: at most [`MAX_SOURCE_BYTES`] (10 MiB), checked before anything else ([`read_file`]
//!   checks it before reading, so a huge file is refused at once);
//! - encoding: UTF-8, with or without a byte order mark; CRLF line ends are accepted;
//!   Windows-1251 and UTF-16 are recognised and named in the message; NUL bytes are refused;
//! - YAML: one document; duplicate keys are errors; nesting at most
//!   [`translate::MAX_DEPTH`] levels; alias expansion is capped so an «alias bomb»
//!   (billion laughs) is refused in milliseconds instead of filling memory;
//! - keys: every key must be known (`deny_unknown_fields` in the model); a typo gets the
//!   nearest known key as a hint.
//!
//! Serde stops at the first error, so a load reports one problem; `resolve` then collects
//! every semantic problem of a source that loaded.

pub mod bytes;
pub mod indicators;
pub mod model;
mod nodes;
pub mod own_columns;
#[cfg(test)]
mod path_check;
mod recover;
pub mod schema;
mod translate;

use std::io::Read;
use std::path::Path;

pub use bytes::MAX_SOURCE_BYTES;
pub use model::Source;

use crate::diag::{Diagnostic, Pos};

/// Parses a source file's bytes.
pub fn load(bytes: &[u8]) -> Result<Source, Vec<Diagnostic>> {
    load_with(bytes, read)
}

/// [`load`] with the reading given: the tests compare the field paths of another reading's.
pub(crate) fn load_with(
    bytes: &[u8],
    read: impl Fn(&str) -> Result<Source, Failed>,
) -> Result<Source, Vec<Diagnostic>> {
    let text = bytes::decode(bytes).map_err(|d| vec![d])?;
    // Every field of a source may be left out, so serde reads an empty file without complaint;
    // say what it is instead.
    if is_blank(text) {
        return Err(vec![translate::empty_file()]);
    }
    read(text).map_err(|failed| {
        let (err, path) = *failed;
        let mut diagnostics = vec![translate::translate(&err, &path, text)];
        // The mistakes in other list items too, in the same run.
        diagnostics.extend(recover::further(text, &err, &path, |work| {
            read(work).map(drop)
        }));
        diagnostics
    })
}

/// What a failed reading tells: the error, and the path of the field it is in (boxed: the
/// error is large, and only a failure carries it).
type Failed = Box<(serde_saphyr::Error, String)>;

/// Reads a source; on a mistake, the error and the field it is in. The field is found from
/// the error's position in the text, not tracked while reading: tracking wraps every field's
/// deserializer a second time, 0.6 MB of each shipped program (see the README's developer
/// notes on size).
pub(crate) fn read(text: &str) -> Result<Source, Failed> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|err| {
        let path = translate::path_of(&err, text);
        Box::new((err, path))
    })
}

/// Why [`read_file`] returned no bytes.
/// Whether a text holds no YAML content: only blank lines, comments and document markers.
fn is_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read: missing, a folder, no permission. A usage error.
    Unreadable(Diagnostic),
    /// The file is larger than [`MAX_SOURCE_BYTES`]: an invalid source.
    TooLarge(Diagnostic),
}

impl ReadError {
    pub fn diagnostic(&self) -> &Diagnostic {
        match self {
            ReadError::Unreadable(d) | ReadError::TooLarge(d) => d,
        }
    }
}

/// Reads a source file, refusing one larger than [`MAX_SOURCE_BYTES`] before reading it.
/// Errors are Russian diagnostics without a position.
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path)?;
    if len > MAX_SOURCE_BYTES {
        return Err(ReadError::TooLarge(bytes::too_large(len)));
    }
    read_at_most(file, len, MAX_SOURCE_BYTES)
}

/// Reads a regular file's first `limit + 1` bytes at most (so that the caller still sees an
/// oversized input as such), with the same Russian errors as [`read_file`]: what `import`
/// reads a Word or Excel file with.
pub fn read_file_within(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path)?;
    read_at_most(file, len.min(limit + 1), limit)
}

fn unreadable(err: std::io::Error) -> ReadError {
    let message = match err.kind() {
        std::io::ErrorKind::NotFound => "файл не найден".to_owned(),
        std::io::ErrorKind::PermissionDenied => "нет прав на чтение файла".to_owned(),
        std::io::ErrorKind::IsADirectory => "это папка, а не файл".to_owned(),
        _ => format!("не удалось прочитать файл: {err}"),
    };
    ReadError::Unreadable(Diagnostic::error(Pos::default(), "", message))
}

/// Opens a regular file and gives its length.
fn open_regular(path: &Path) -> Result<(std::fs::File, u64), ReadError> {
    // A FIFO, socket or device is refused before it is opened: opening a FIFO blocks until a
    // writer comes, and a device may never end. Links are followed, so a link to one is too.
    let kind = std::fs::metadata(path).map_err(unreadable)?.file_type();
    if !kind.is_file() && !kind.is_dir() {
        let d = Diagnostic::error(
            Pos::default(),
            "",
            "это не обычный файл (канал, сокет или устройство): dorkarta читает только обычные файлы",
        );
        return Err(ReadError::Unreadable(d));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_dir() {
        let d = Diagnostic::error(Pos::default(), "", "это папка, а не файл");
        return Err(ReadError::Unreadable(d));
    }
    Ok((file, meta.len()))
}

fn read_at_most(file: std::fs::File, expected: u64, limit: u64) -> Result<Vec<u8>, ReadError> {
    // The length can change between `metadata` and reading (or be 0 for special files):
    // read one byte past the limit so `load` still sees an oversized input as such.
    let mut buf = Vec::with_capacity(expected as usize);
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(unreadable)?;
    Ok(buf)
}

/// serde-saphyr options, all set explicitly so a change of its defaults changes nothing here.
pub(crate) fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: translate::MAX_DEPTH,
            flow_nesting_limit: translate::MAX_DEPTH,
            // Generous enough that the size limit, not these, refuses a big honest file.
            max_events: 4_000_000,
            max_nodes: 2_000_000,
            max_aliases: 10_000,
            max_anchors: 10_000,
            max_total_scalar_bytes: 32 * 1024 * 1024,
            max_documents: 1,
            // A user may well reuse one anchor (`responsible: *boss`) hundreds of times; the
            // replay limits below are what stops an alias bomb.
            enforce_alias_anchor_ratio: false,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 10_000,
        },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        merge_keys: serde_saphyr::MergeKeyPolicy::Merge,
        with_snippet: false,
    }
}
