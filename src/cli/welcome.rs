//! What the program does for someone without a terminal: the guide `dorkarta` prints when run
//! without arguments, and the render of a single file given as the only argument (what
//! Windows Explorer passes when a file is dropped onto `dorkarta.exe`), each followed by a
//! wait for a key when the console window was opened for this process alone, so that the
//! window does not close before it is read. Scripts, terminals and tests never wait.

use std::ffi::OsString;
use std::path::PathBuf;

use super::Outcome;

/// The short guide printed by `dorkarta` without arguments.
pub const GUIDE: &str = "\
dorkarta — дорожная карта в YAML → приложение к приказу (DOCX и PDF) по ГОСТ Р 7.0.97

С чего начать:
  1. dorkarta new карта.yaml       создать образец дорожной карты с подсказками
  2. откройте карта.yaml в текстовом редакторе и впишите свои пункты
  3. dorkarta check карта.yaml     проверить: ошибки с номером строки и подсказкой
  4. dorkarta render карта.yaml    получить карта.docx и карта.pdf рядом с файлом

В Windows можно не открывать командную строку: перетащите файл .yaml на значок
dorkarta.exe — документы появятся рядом с файлом.

Все команды и параметры: dorkarta --help
";

/// What a command line without a command asks for, decided before clap parses it.
#[derive(Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// No arguments at all: print [`GUIDE`].
    Guide,
    /// One argument, an existing file that is not a command's name: render it beside itself.
    Dropped(PathBuf),
}

/// Recognises the two shortcuts in the arguments (the program's name excluded). `commands`
/// are the names of the commands: a command always wins over a file of the same name.
pub fn shortcut(args: &[OsString], commands: &[&str]) -> Option<Shortcut> {
    match args {
        [] => Some(Shortcut::Guide),
        [only] => {
            let is_command = only.to_str().is_some_and(|s| commands.contains(&s));
            let is_option = only.to_string_lossy().starts_with('-');
            let path = PathBuf::from(only);
            (!is_command && !is_option && path.is_file()).then_some(Shortcut::Dropped(path))
        }
        _ => None,
    }
}

/// Prints the guide to standard output.
pub fn guide() -> Outcome {
    print!("{GUIDE}");
    Outcome::Valid
}

/// Waits for a key when the console window is this process's own (opened for it by Windows,
/// as for a file dropped onto the program or a double click), after a closing line saying
/// whether the run succeeded. Elsewhere (a terminal, a script, a pipe, any system but Windows) returns at
/// once.
pub fn wait_if_own_window(succeeded: bool) {
    if !console::own_window() {
        return;
    }
    let verdict = match succeeded {
        true => "Готово.",
        false => "Не получилось — что не так, сказано выше.",
    };
    eprint!("\n{verdict} Нажмите любую клавишу, чтобы закрыть окно…");
    console::wait_for_key();
    eprintln!();
}

#[cfg(windows)]
mod console {
    use windows_sys::Win32::System::Console::{
        FlushConsoleInputBuffer, GetConsoleProcessList, GetStdHandle, INPUT_RECORD, KEY_EVENT,
        ReadConsoleInputW, STD_INPUT_HANDLE,
    };

    /// The console lists the processes attached to it: only this one when Windows opened the
    /// window for it; also the shell (cmd, PowerShell) when started from one.
    pub fn own_window() -> bool {
        let mut ids = [0u32; 2];
        // SAFETY: the buffer holds `ids.len()` process ids, as the call is told.
        let attached = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
        attached == 1
    }

    /// Reads console input until a key is pressed (not released: the release of the Enter
    /// that started the program must not count).
    pub fn wait_for_key() {
        // SAFETY: plain calls on the standard input handle; the record is written by the
        // call before it is read, and only when one record was read.
        unsafe {
            let input = GetStdHandle(STD_INPUT_HANDLE);
            FlushConsoleInputBuffer(input);
            loop {
                let mut record = INPUT_RECORD::default();
                let mut read = 0u32;
                if ReadConsoleInputW(input, &mut record, 1, &mut read) == 0 || read == 0 {
                    return;
                }
                if u32::from(record.EventType) == KEY_EVENT && record.Event.KeyEvent.bKeyDown != 0 {
                    return;
                }
            }
        }
    }
}

#[cfg(not(windows))]
mod console {
    /// Only Windows opens a window for a program; elsewhere there is nothing to keep open.
    pub fn own_window() -> bool {
        false
    }

    pub fn wait_for_key() {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const COMMANDS: &[&str] = &["render", "check", "new"];

    #[test]
    fn no_arguments_ask_for_the_guide() {
        assert_eq!(shortcut(&[], COMMANDS), Some(Shortcut::Guide));
    }

    #[test]
    fn a_single_existing_file_is_a_dropped_file_but_a_command_or_option_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("карта с пробелом.yaml");
        std::fs::write(&file, "x").unwrap();
        let one = |s: &Path| vec![OsString::from(s)];
        assert_eq!(
            shortcut(&one(&file), COMMANDS),
            Some(Shortcut::Dropped(file.clone()))
        );
        // A folder, a missing file, two files, a command name, an option: clap decides.
        assert_eq!(shortcut(&one(dir.path()), COMMANDS), None);
        assert_eq!(shortcut(&one(&dir.path().join("нет.yaml")), COMMANDS), None);
        let two = vec![OsString::from(&file), OsString::from(&file)];
        assert_eq!(shortcut(&two, COMMANDS), None);
        assert_eq!(shortcut(&[OsString::from("--help")], COMMANDS), None);
        // A command's name wins over a file of that name.
        let path_as_command = [file.to_str().unwrap()];
        assert_eq!(shortcut(&one(&file), &path_as_command), None);
    }
}
