//! The command line: argument parsing (clap, derive), one module per command, and the exit code.
//!
//! Commands return an [`Outcome`]; [`main`] turns the worst outcome into the exit code, the only
//! place that does. Everything the user reads is Russian, clap's own texts included: help
//! headings and flags are set here, and clap's parse errors are translated in [`usage_error`].

pub mod batch;
mod check;
pub mod output;
pub mod report;
mod schema;
pub mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand};

/// How a run ended, from best to worst; the exit code is decided from it in [`main`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Every source is valid (warnings allowed): exit code 0.
    Valid,
    /// At least one source is invalid: exit code 1.
    Invalid,
    /// The command line is wrong or a file cannot be read: exit code 2.
    Usage,
}

impl Outcome {
    fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Valid => ExitCode::SUCCESS,
            Outcome::Invalid => ExitCode::from(1),
            Outcome::Usage => ExitCode::from(2),
        }
    }
}

const EXIT_CODES: &str = "\
Коды завершения:
  0  все файлы без ошибок (предупреждения допускаются)
  1  хотя бы в одном файле ошибки
  2  ошибка вызова: неверные аргументы или файл не удаётся прочитать";

const TEMPLATE: &str = "\
{about-with-newline}
Использование: {usage}

{all-args}{after-help}";

#[derive(Debug, Parser)]
#[command(
    name = "dorkarta",
    version,
    about = "dorkarta — дорожная карта в YAML → приложение к приказу (DOCX и PDF) по ГОСТ Р 7.0.97",
    help_template = TEMPLATE,
    override_usage = "dorkarta КОМАНДА [ПАРАМЕТРЫ]",
    after_help = EXIT_CODES,
    subcommand_help_heading = "Команды",
    subcommand_value_name = "КОМАНДА",
    next_help_heading = "Параметры",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Показать справку.
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Показать версию.
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Проверить файлы дорожных карт: разобрать и найти ошибки, ничего не создавая.
    #[command(
        help_template = TEMPLATE,
        override_usage = "dorkarta check ФАЙЛ...",
        after_help = EXIT_CODES,
        next_help_heading = "Параметры",
        disable_help_flag = true,
    )]
    Check(CheckArgs),
    /// Вывести JSON Schema формата (для подсказок в редакторе).
    #[command(
        help_template = TEMPLATE,
        override_usage = "dorkarta schema > roadmap.schema.json",
        next_help_heading = "Параметры",
        disable_help_flag = true,
    )]
    Schema,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Файлы дорожных карт (.yaml).
    #[arg(value_name = "ФАЙЛ", required = true, help_heading = "Аргументы")]
    files: Vec<PathBuf>,
}

/// Parses the command line, runs the command and returns its exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err).exit_code(),
    };
    let outcome = match &cli.command {
        Command::Check(args) => check::run(&args.files),
        Command::Schema => schema::run(),
    };
    outcome.exit_code()
}

/// Prints help or version (exit 0), or a Russian message for a wrong command line (exit 2).
fn usage_error(err: &clap::Error) -> Outcome {
    let context = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        _ => String::new(),
    };
    let message = match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Help and version are clap's own output, already in Russian by the settings above.
            let _ = err.print();
            return Outcome::Valid;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            "не указана команда: check или schema".to_owned()
        }
        ErrorKind::InvalidSubcommand => {
            let given = context(ContextKind::InvalidSubcommand);
            // clap may offer several; name the closest one.
            let suggested = match err.get(ContextKind::SuggestedSubcommand) {
                Some(ContextValue::Strings(list)) => list
                    .iter()
                    .max_by(|a, b| {
                        let score = |s: &str| strsim::jaro_winkler(&given, s);
                        score(a).total_cmp(&score(b))
                    })
                    .cloned()
                    .unwrap_or_default(),
                _ => context(ContextKind::SuggestedSubcommand),
            };
            let mut message = format!("неизвестная команда `{given}`");
            if !suggested.is_empty() {
                message.push_str(&format!(" (возможно, имелось в виду `{suggested}`)"));
            }
            message
        }
        ErrorKind::UnknownArgument => {
            format!(
                "неизвестный параметр `{}`",
                context(ContextKind::InvalidArg)
            )
        }
        ErrorKind::MissingRequiredArgument => {
            format!(
                "не указано обязательное: {}",
                context(ContextKind::InvalidArg)
            )
        }
        ErrorKind::InvalidValue => format!(
            "недопустимое значение `{}` для {}; допустимые: {}",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg),
            context(ContextKind::ValidValue)
        ),
        ErrorKind::NoEquals | ErrorKind::ValueValidation | ErrorKind::TooManyValues => {
            format!(
                "неверное значение параметра {}",
                context(ContextKind::InvalidArg)
            )
        }
        ErrorKind::ArgumentConflict => format!(
            "параметр {} нельзя указывать вместе с {}",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        _ => "неверные аргументы".to_owned(),
    };
    eprintln!("dorkarta: {message}");
    eprintln!("  подсказка: справка — `dorkarta --help`, по команде — `dorkarta КОМАНДА --help`");
    Outcome::Usage
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn outcomes_order_from_best_to_worst() {
        assert!(Outcome::Valid < Outcome::Invalid && Outcome::Invalid < Outcome::Usage);
    }
}
