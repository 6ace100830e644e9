//! `dorkarta new [FILE]`: writes the starter roadmap (`dorkarta::assets::STARTER`, the same
//! text the browser page's «Новый» opens) for the user to fill in.

use std::io;
use std::path::{Path, PathBuf};

use dorkarta::naming::visible;

use super::Outcome;
use super::output::{write_atomic, write_new};
use super::render::write_error;

/// The file written when none is named, or inside a folder that is named.
pub const DEFAULT_NAME: &str = "roadmap.yaml";

/// Writes the starter to `file` (or [`DEFAULT_NAME`] in the current folder, or inside `file`
/// when it is a folder), atomically. A file already there is kept unless `force` is given.
pub fn run(file: Option<&Path>, force: bool) -> Outcome {
    let path = target(file);
    let name = path.display().to_string();
    let written = match force {
        true => write_atomic(&path, dorkarta::assets::STARTER.as_bytes()),
        false => write_new(&path, dorkarta::assets::STARTER.as_bytes()),
    };
    match written {
        Ok(()) => {
            eprintln!(
                "{}",
                visible(&format!(
                    "{name}: записан образец дорожной карты\n  \
                     дальше: впишите в него свои пункты (подсказки — в комментариях), \
                     проверьте — `dorkarta check {name}`, сформируйте документы — \
                     `dorkarta render {name}`"
                ))
            );
            Outcome::Valid
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            eprintln!(
                "{}",
                visible(&format!(
                    "dorkarta: файл {name} уже есть, он не тронут\n  \
                     подсказка: укажите другое имя (`dorkarta new другое-имя.yaml`) \
                     или добавьте --force, чтобы заменить файл образцом"
                ))
            );
            Outcome::Usage
        }
        Err(e) => {
            eprintln!(
                "{}",
                visible(&format!("dorkarta: {}", write_error(&path, &e)))
            );
            Outcome::Output
        }
    }
}

/// Where the starter goes: the named file, [`DEFAULT_NAME`] inside a named folder, or
/// [`DEFAULT_NAME`] here.
fn target(file: Option<&Path>) -> PathBuf {
    match file {
        Some(dir) if dir.is_dir() => dir.join(DEFAULT_NAME),
        Some(file) => file.to_path_buf(),
        None => PathBuf::from(DEFAULT_NAME),
    }
}
