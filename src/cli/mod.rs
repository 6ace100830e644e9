//! The command line: argument parsing (clap, derive), one module per command, and the exit code.
//!
//! Commands return an [`Outcome`]; [`main`] turns the worst outcome into the exit code, the only
//! place that does. Everything the user reads is Russian, clap's own texts included: help
//! headings and flags are set here, and clap's parse errors are translated in [`usage_error`].

pub mod batch;
mod check;
mod commit;
mod files;
mod import;
mod isolate;
mod new;
pub mod output;
mod render;
pub mod report;
mod schema;
mod stamp;
pub mod watch;
mod welcome;
mod workers;

use std::ffi::OsString;
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
    /// An output could not be written (no permission, disk full): exit code 3.
    Output,
    /// The command line is wrong or a file cannot be read: exit code 2.
    Usage,
    /// Stopped by Ctrl-C: exit code 130.
    Interrupted,
}

impl Outcome {
    fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Valid => ExitCode::SUCCESS,
            Outcome::Invalid => ExitCode::from(1),
            Outcome::Usage => ExitCode::from(2),
            Outcome::Output => ExitCode::from(3),
            Outcome::Interrupted => ExitCode::from(130),
        }
    }
}

/// The end of the general help: the main job as an example; exit codes are in each command's
/// help, where only those that command can give are listed.
const GENERAL_HELP: &str = "\
Пример — сформировать приложение к приказу (DOCX и PDF рядом с файлом):
  dorkarta render карта.yaml

Справка по команде, с примером и кодами завершения: dorkarta КОМАНДА --help";

const CHECK_HELP: &str = "\
Пример:
  dorkarta check карта.yaml

Коды завершения:
  0  все файлы без ошибок (предупреждения допускаются)
  1  хотя бы в одном файле ошибки
  2  ошибка вызова: неверные аргументы, файл не удаётся прочитать
  130  прервано (Ctrl-C)";

const RENDER_HELP: &str = "\
Примеры:
  dorkarta render карта.yaml
  dorkarta render карта.yaml -o готово --format pdf

Коды завершения:
  0  все файлы без ошибок (предупреждения допускаются, кроме --deny-warnings)
  1  хотя бы в одном файле ошибки (с --deny-warnings — и предупреждения)
  2  ошибка вызова: неверные аргументы, файл не удаётся прочитать, результат затёр бы входной файл
  3  результат не удалось записать (нет прав, нет места на диске); прежние файлы целы
  130  прервано (Ctrl-C); уже записанные файлы целы";

const BATCH_HELP: &str = "\
Примеры:
  dorkarta batch карты -o готово
  dorkarta batch область.yaml --municipalities муниципалитеты.csv -o готово

Коды завершения:
  0  все документы сформированы или уже свежие (предупреждения допускаются)
  1  хотя бы один документ не сформирован: ошибка в исходнике или в строке таблицы, совпадение имён
  2  ошибка вызова: неверные аргументы, папку или таблицу не удаётся прочитать
  3  результат не удалось записать (нет прав, нет места на диске); прежние файлы целы
  130  прервано (Ctrl-C): начатые документы дописаны, остальные не начаты";

const WATCH_HELP: &str = "\
Пример:
  dorkarta watch карта.yaml -o готово

Слежение идёт, пока его не остановят (Ctrl-C); ошибка в файле не останавливает его.

Коды завершения:
  2  ошибка вызова: неверные аргументы, файл или папку не удаётся прочитать
  130  остановлено (Ctrl-C); записанные документы целы";

const IMPORT_HELP: &str = "\
Примеры:
  dorkarta import карта.docx
  dorkarta import план.xlsx -o карта.yaml --strict

Коды завершения:
  0  исходник записан (что угадано — в комментариях «# import:»)
  1  файл не удалось импортировать (или, с --strict, что-то пришлось угадать); ничего не записано
  2  ошибка вызова: неверные аргументы, файл не удаётся прочитать, результат затёр бы входной файл
  3  результат не удалось записать (нет прав, нет места на диске); прежний файл цел";

const NEW_HELP: &str = "\
Примеры:
  dorkarta new
  dorkarta new карты/район.yaml

Коды завершения:
  0  образец записан
  2  ошибка вызова: неверные аргументы; файл уже есть (заменить — --force)
  3  образец не удалось записать (нет прав, нет места на диске)";

const SCHEMA_HELP: &str = "\
Пример:
  dorkarta schema > roadmap.schema.json

Коды завершения:
  0  схема выведена";

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
    after_help = GENERAL_HELP,
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
        after_help = CHECK_HELP,
        next_help_heading = "Параметры",
        disable_help_flag = true,
    )]
    Check(CheckArgs),
    /// Сформировать DOCX и PDF из файлов дорожных карт.
    #[command(
        help_template = TEMPLATE,
        override_usage = "dorkarta render ФАЙЛ... [-o ПАПКА] [--format docx|pdf|all] [--deny-warnings]",
        after_help = RENDER_HELP,
        next_help_heading = "Параметры",
        disable_help_flag = true,
    )]
    Render(RenderArgs),
    /// Сформировать документы для всех файлов папки (или для каждого муниципалитета) параллельно.
    #[command(
        help_template = TEMPLATE,
        override_usage = "dorkarta batch ПАПКА|ФАЙЛ... -o ПАПКА [--municipalities ТАБЛИЦА]",
        after_help = BATCH_HELP,
        next_help_heading = "Параметры",
        disable_help_flag = true,
    )]
    Batch(BatchArgs),
    /// Следить за файлами и пересобирать документы при каждом сохранении.
    #[command(
        help_template = TEMPLATE,
        override_usage = "dorkarta watch ФАЙЛ|ПАПКА... [-o ПАПКА]",
        after_help = WATCH_HELP,
        next_help_heading = "Параметры",
        disable_help_flag = true,
    )]
    Watch(WatchArgs),
    /// Перенести дорожную карту из Word (DOCX) или Excel (XLSX) в файл YAML.
    #[command(
        help_template = TEMPLATE,
        override_usage = "dorkarta import ФАЙЛ.docx|ФАЙЛ.xlsx [-o ФАЙЛ.yaml] [--strict]",
        after_help = IMPORT_HELP,
        next_help_heading = "Параметры",
        disable_help_flag = true,
    )]
    Import(ImportArgs),
    /// Создать образец дорожной карты с подсказками (по умолчанию roadmap.yaml).
    #[command(
        help_template = TEMPLATE,
        override_usage = "dorkarta new [ФАЙЛ] [--force]",
        after_help = NEW_HELP,
        next_help_heading = "Параметры",
        disable_help_flag = true,
    )]
    New(NewArgs),
    /// Вывести JSON Schema формата (для подсказок в редакторе).
    #[command(
        help_template = TEMPLATE,
        override_usage = "dorkarta schema > roadmap.schema.json",
        after_help = SCHEMA_HELP,
        next_help_heading = "Параметры",
        disable_help_flag = true,
    )]
    Schema,
    /// The child process that renders a user's templates (see `isolate`); not for users.
    #[command(name = isolate::COMMAND, hide = true)]
    RenderTemplates { dir: PathBuf, millis: u64 },
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// Документ Word (.docx) или книга Excel (.xlsx) с дорожной картой.
    #[arg(value_name = "ФАЙЛ", help_heading = "Аргументы")]
    file: PathBuf,
    /// Куда записать результат (по умолчанию — рядом, с расширением .yaml).
    #[arg(short = 'o', long = "output", value_name = "ФАЙЛ.yaml")]
    output: Option<PathBuf>,
    /// Считать ошибкой всё, что пришлось угадать (столбец, этап, падеж органа …).
    #[arg(long)]
    strict: bool,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// Куда записать образец: файл или папка (по умолчанию roadmap.yaml в текущей папке).
    #[arg(value_name = "ФАЙЛ", help_heading = "Аргументы")]
    file: Option<PathBuf>,
    /// Заменить образцом уже существующий файл.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Файлы дорожных карт (.yaml).
    #[arg(value_name = "ФАЙЛ", required = true, help_heading = "Аргументы")]
    files: Vec<PathBuf>,
}

/// Which files to make.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Только DOCX.
    Docx,
    /// Только PDF.
    Pdf,
    /// DOCX и PDF.
    All,
}

impl From<Format> for dorkarta::pipeline::Formats {
    fn from(f: Format) -> Self {
        dorkarta::pipeline::Formats {
            docx: !matches!(f, Format::Pdf),
            pdf: !matches!(f, Format::Docx),
        }
    }
}

/// Settings shared by every command that makes documents.
#[derive(Debug, Args)]
struct MakeArgs {
    /// Что формировать: docx, pdf или all — оба (по умолчанию).
    #[arg(
        long,
        value_enum,
        default_value = "all",
        value_name = "ФОРМАТ",
        hide_possible_values = true,
        hide_default_value = true
    )]
    format: Format,
    /// Папка своих шаблонов: файлы *.tera заменяют встроенные с тем же именем.
    #[arg(long, value_name = "ПАПКА")]
    templates: Option<PathBuf>,
}

impl MakeArgs {
    fn options(&self) -> dorkarta::pipeline::Options {
        dorkarta::pipeline::Options {
            templates: dorkarta::template::TemplateOptions {
                dir: self.templates.clone(),
                time_limit: test_time_limit(),
                isolate: Some(isolate::render_in_child),
            },
            formats: self.format.into(),
        }
    }
}

/// Test-only: the time limit of a render with users' templates, in milliseconds, from
/// `DORKARTA_TEST_TEMPLATE_TIME_LIMIT_MS`, so that the tests of the limit through the binary
/// need not wait the real five seconds each. Not documented for users.
fn test_time_limit() -> Option<std::time::Duration> {
    std::env::var("DORKARTA_TEST_TEMPLATE_TIME_LIMIT_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map(std::time::Duration::from_millis)
}

#[derive(Debug, Args)]
struct RenderArgs {
    /// Файлы дорожных карт (.yaml).
    #[arg(value_name = "ФАЙЛ", required = true, help_heading = "Аргументы")]
    files: Vec<PathBuf>,
    /// Папка для результатов (по умолчанию — папка исходного файла).
    #[arg(short = 'o', long = "output", value_name = "ПАПКА")]
    output: Option<PathBuf>,
    /// Дополнительно записать описание страниц (XHTML) — для отладки шаблонов: --emit html.
    #[arg(long, value_name = "html", value_parser = ["html"], hide_possible_values = true)]
    emit: Option<String>,
    /// Считать предупреждения ошибками: документ с предупреждением не записывается, код
    /// выхода 1 (для сценариев, которые должны останавливаться на любом предупреждении).
    #[arg(long)]
    deny_warnings: bool,
    #[command(flatten)]
    make: MakeArgs,
}

#[derive(Debug, Args)]
struct BatchArgs {
    /// Папки (обходятся вглубь) и файлы дорожных карт.
    #[arg(value_name = "ПАПКА|ФАЙЛ", required = true, help_heading = "Аргументы")]
    inputs: Vec<PathBuf>,
    /// Папка для результатов: <папка>/<путь>/<имя>.docx и .pdf.
    #[arg(short = 'o', long = "output", value_name = "ПАПКА", required = true)]
    output: PathBuf,
    /// Таблица муниципалитетов (CSV, Excel .xlsx или YAML): по документу на каждую строку.
    #[arg(long, value_name = "ТАБЛИЦА")]
    municipalities: Option<PathBuf>,
    /// Сколько документов делать одновременно (по умолчанию — по числу ядер).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Пересобрать и те документы, что уже свежие.
    #[arg(long)]
    force: bool,
    /// Записать итог в JSON-файл.
    #[arg(long, value_name = "ФАЙЛ.json")]
    report: Option<PathBuf>,
    #[command(flatten)]
    make: MakeArgs,
}

#[derive(Debug, Args)]
struct WatchArgs {
    /// Файлы или папки с дорожными картами.
    #[arg(value_name = "ФАЙЛ|ПАПКА", required = true, help_heading = "Аргументы")]
    targets: Vec<PathBuf>,
    /// Папка для результатов (по умолчанию — рядом с исходным файлом).
    #[arg(short = 'o', long = "output", value_name = "ПАПКА")]
    output: Option<PathBuf>,
    #[command(flatten)]
    make: MakeArgs,
}

/// Parses the command line, runs the command and returns its exit code.
pub fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let shortcut = match args.len() {
        // Only a lone argument needs the commands' names: a command wins over a file.
        1 => {
            let command = <Cli as clap::CommandFactory>::command();
            let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
            welcome::shortcut(&args, &names)
        }
        _ => welcome::shortcut(&args, &[]),
    };
    let dropped = matches!(shortcut, Some(welcome::Shortcut::Dropped(_)));
    let cli = match shortcut {
        Some(welcome::Shortcut::Guide) => {
            let outcome = welcome::guide();
            welcome::wait_if_own_window(outcome == Outcome::Valid);
            return outcome.exit_code();
        }
        // A file dropped onto the program: `render FILE`, its documents beside it.
        Some(welcome::Shortcut::Dropped(file)) => Cli {
            command: Command::Render(RenderArgs {
                files: vec![file],
                output: None,
                emit: None,
                deny_warnings: false,
                make: MakeArgs {
                    format: Format::All,
                    templates: None,
                },
            }),
            help: None,
            version: None,
        },
        None => {
            match Cli::try_parse_from(std::iter::once(OsString::from("dorkarta")).chain(args)) {
                Ok(cli) => cli,
                Err(err) => return usage_error(&err).exit_code(),
            }
        }
    };
    // Ctrl-C: `batch` finishes its running jobs (its own handler); every other command quits
    // at once, removing the temporary file of a write in progress.
    match cli.command {
        Command::Batch(_) => {}
        // `watch` runs until Ctrl-C, its normal end: it says so, not just vanishes.
        Command::Watch(_) => {
            let _ = ctrlc::set_handler(|| {
                eprintln!("\nСлежение остановлено. Документы, записанные до этого, на месте.");
                output::abandon_and_exit(130)
            });
        }
        _ => {
            let _ = ctrlc::set_handler(|| output::abandon_and_exit(130));
        }
    }
    // Every command runs on a thread with the stack every render thread has, so that a
    // template or a page description deep enough to be refused is refused the same way in
    // `render`, `watch` and `batch` (the main thread's stack is whatever the system gives).
    let run = move || run_command(&cli.command);
    let code = match std::thread::Builder::new()
        .name("dorkarta".into())
        .stack_size(dorkarta::template::limits::RENDER_STACK)
        .spawn(run)
    {
        Ok(thread) => thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        Err(_) => {
            eprintln!(
                "dorkarta: система не дала запустить поток; закройте лишние программы и повторите"
            );
            Outcome::Usage.exit_code()
        }
    };
    if dropped {
        welcome::wait_if_own_window(code == ExitCode::SUCCESS);
    }
    code
}

/// Runs one command.
fn run_command(command: &Command) -> ExitCode {
    let outcome = match command {
        Command::Check(args) => check::run(&args.files),
        Command::Schema => schema::run(),
        Command::New(a) => new::run(a.file.as_deref(), a.force),
        Command::Render(a) => render::run(
            &a.files,
            a.output.as_deref(),
            a.emit.is_some(),
            a.deny_warnings,
            &a.make.options(),
        ),
        Command::Batch(a) => batch::command(&batch::BatchSettings {
            inputs: &a.inputs,
            out: &a.output,
            jobs: a.jobs.map(usize::from),
            force: a.force,
            report: a.report.as_deref(),
            municipalities: a.municipalities.as_deref(),
            options: &a.make.options(),
        }),
        Command::Import(a) => import::run(&a.file, a.output.as_deref(), a.strict),
        Command::Watch(a) => watch::command(&a.targets, a.output.as_deref(), &a.make.options()),
        Command::RenderTemplates { dir, millis } => {
            return isolate::child(dir.clone(), *millis);
        }
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
            "не указана команда: render, check, batch, watch, import, new или schema".to_owned()
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
    eprintln!("dorkarta: {}", dorkarta::naming::visible(&message));
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
