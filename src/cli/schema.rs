//! `dorkarta schema`: prints the JSON Schema of the source format to standard output.

use std::io::Write;

use super::Outcome;

pub fn run() -> Outcome {
    let text = dorkarta::source::schema::SCHEMA;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        // A closed pipe (`dorkarta schema | head`) is the reader's choice, not an error.
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("dorkarta: не удалось вывести схему: {err}");
            Outcome::Usage
        }
        _ => Outcome::Valid,
    }
}
