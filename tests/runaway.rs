//! Custom templates that would crash the process or burn a core, through the real binary in
//! `render`, `batch` and `watch` (issue 19, items 8–10): each is refused or stopped with exit
//! code 1 and a Russian message, never an abort, and nothing goes on running past the limit.

use crate::binary::{self, Watched, minimal, said};
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Forty doublings of a string: a terabyte, asked for in a few seconds.
const DOUBLING: &str = "<section><p>{% set_global s = \"x\" %}{% for i in range(end=40) %}\
    {% set_global s = s ~ s %}{% endfor %}{{ s | length }}</p></section>";

/// Nested loops over a 131,072-character string, with no output and no `range` inside: the
/// render never reaches a place where the in-process limits are checked.
const SPIN: &str = "<section><p>{% set_global s = \"x\" %}{% for i in range(end=17) %}\
    {% set_global s = s ~ s %}{% endfor %}{% for a in s %}{% for b in s %}{% endfor %}\
    {% endfor %}</p></section>";

/// The test-only time limit (see `cli::test_time_limit`), so that no case waits five seconds.
const LIMIT_MS: &str = "300";

/// A source folder with one source, a template folder with `appendix.xhtml.tera`, an output
/// folder.
struct Setup {
    root: tempfile::TempDir,
    /// The time limit to set, in milliseconds.
    limit_ms: &'static str,
}

impl Setup {
    fn new(template: &str) -> Setup {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("src")).unwrap();
        std::fs::create_dir(root.path().join("tpl")).unwrap();
        std::fs::write(root.path().join("src/plan.yaml"), minimal()).unwrap();
        std::fs::write(root.path().join("tpl/appendix.xhtml.tera"), template).unwrap();
        Setup {
            root,
            limit_ms: LIMIT_MS,
        }
    }

    /// A case that must be stopped by another limit than time: the time limit is set far off,
    /// so that a slow machine does not stop it on time first.
    fn unhurried(mut self) -> Setup {
        self.limit_ms = "60000";
        self
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    fn command(&self, command: &str) -> Command {
        let mut c = binary::command();
        c.arg(command);
        match command {
            "batch" => c.arg(self.path("src")),
            _ => c.arg(self.path("src/plan.yaml")),
        };
        c.arg("-o")
            .arg(self.path("out"))
            .arg("--templates")
            .arg(self.path("tpl"))
            .env("DORKARTA_TEST_TEMPLATE_TIME_LIMIT_MS", self.limit_ms);
        c
    }

    fn run(&self, command: &str) -> Output {
        self.command(command).output().unwrap()
    }

    /// Processes still running with this setup's template folder on their command line.
    fn leftovers(&self) -> Vec<String> {
        let tpl = self.path("tpl").display().to_string();
        let mut found = Vec::new();
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
                continue;
            };
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            if cmdline.contains(&tpl) {
                found.push(cmdline);
            }
        }
        found
    }
}

/// Exit code 1 with `want` in the Russian message: no abort, no signal, no process left.
fn assert_refused(setup: &Setup, command: &str, out: &Output, want: &str) {
    let stderr = said(out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{command}: {:?} (an abort is 134 or a signal)\n{stderr}",
        out.status
    );
    assert!(stderr.contains(want), "{command}: no «{want}» in\n{stderr}");
    assert!(
        !setup.path("out/plan.docx").exists(),
        "{command}: a document was written"
    );
    assert_eq!(
        setup.leftovers(),
        Vec::<String>::new(),
        "{command}: left running"
    );
}

#[test]
fn a_string_doubled_forty_times_is_stopped_by_the_memory_limit() {
    let setup = Setup::new(DOUBLING).unhurried();
    for command in ["render", "batch"] {
        let out = setup.run(command);
        assert_refused(&setup, command, &out, "понадобилось больше 1024 МиБ памяти");
    }
}

#[test]
fn templates_nested_too_deep_for_the_stack_are_refused_with_file_and_line() {
    let macros: String = (0..1000)
        .map(|i| {
            format!(
                "{{% macro m{i}() %}}{{{{ self::m{}() }}}}{{% endmacro %}}\n",
                i + 1
            )
        })
        .chain([
            "{% macro m1000() %}x{% endmacro %}\n<section><p>{{ self::m0() }}</p></section>".into(),
        ])
        .collect();
    let ifs = format!(
        "<section><p>\n{}x{}</p></section>",
        "{% if true %}".repeat(5000),
        "{% endif %}".repeat(5000)
    );
    let parens = format!(
        "<section><p>\n{{{{ {}1{} }}}}</p></section>",
        "(".repeat(20_000),
        ")".repeat(20_000)
    );
    let sums = format!(
        "<section><p>\n{{{{ 1{} }}}}</p></section>",
        " + 1".repeat(5000)
    );
    let cases = [
        (
            macros.as_str(),
            "appendix.xhtml.tera:1002:16",
            "вызывают друг друга слишком глубоко",
        ),
        (
            ifs.as_str(),
            "appendix.xhtml.tera:2:",
            "вложены глубже 64 уровней",
        ),
        (
            parens.as_str(),
            "appendix.xhtml.tera:2:",
            "выражение в теге слишком сложное",
        ),
        (
            sums.as_str(),
            "appendix.xhtml.tera:2:",
            "выражение в теге слишком сложное",
        ),
    ];
    for (template, place, want) in cases {
        let setup = Setup::new(template).unhurried();
        for command in ["render", "batch"] {
            let out = setup.run(command);
            assert_refused(&setup, command, &out, want);
            let stderr = said(&out);
            assert!(stderr.contains(place), "{command}: no {place} in\n{stderr}");
        }
    }
}

#[test]
fn a_page_description_nested_100000_deep_is_refused() {
    let template = format!(
        "<section><p>{}x{}</p></section>",
        "<b>".repeat(100_000),
        "</b>".repeat(100_000)
    );
    let setup = Setup::new(&template).unhurried();
    for command in ["render", "batch"] {
        let out = setup.run(command);
        assert_refused(&setup, command, &out, "вложены глубже 100 уровней");
        let stderr = said(&out);
        assert!(stderr.contains("сделан шаблоном"), "{command}: {stderr}");
    }
}

#[test]
fn a_template_past_its_time_limit_is_stopped_and_leaves_nothing_running() {
    let setup = Setup::new(SPIN);
    for command in ["render", "batch"] {
        let started = Instant::now();
        let out = setup.run(command);
        assert_refused(&setup, command, &out, "дольше 0,3 с и был остановлен");
        assert!(started.elapsed() < Duration::from_secs(5), "{command}");
    }
}

/// CPU time (user + system) of a process so far, in clock ticks (/proc/PID/stat).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn watch_keeps_no_core_busy_after_templates_past_their_limit() {
    let setup = Setup::new(SPIN);
    let mut watch = Watched::start(&mut setup.command("watch"));
    let mut wait_for_stop = |what: &str| {
        watch.wait_for("был остановлен", Duration::from_secs(20));
        eprintln!("stopped after {what}");
    };
    wait_for_stop("starting");
    // Two more saves: each would leave one more thread spinning in-process.
    for save in 1..=2 {
        std::thread::sleep(Duration::from_millis(300));
        let mut text = minimal();
        text.extend_from_slice(format!("\n# сохранение {save}\n").as_bytes());
        std::fs::write(setup.path("src/plan.yaml"), text).unwrap();
        wait_for_stop(&format!("save {save}"));
    }
    let before = cpu_ticks(watch.id());
    std::thread::sleep(Duration::from_secs(1));
    let spent = cpu_ticks(watch.id()) - before;
    let leftovers: Vec<String> = setup
        .leftovers()
        .into_iter()
        .filter(|c| !c.contains(" watch "))
        .collect();
    drop(watch);
    // A spinning thread would take about 100 ticks a second.
    assert!(
        spent < 20,
        "watch used {spent} ticks in a second after the limit"
    );
    assert_eq!(leftovers, Vec::<String>::new());
}

/// A user's template renders to the same bytes in the child process as in-process.
#[test]
fn custom_templates_give_the_same_document_in_the_child_process() {
    let template = "{% extends \"builtin/appendix.xhtml.tera\" %}\
        {% block margins %}25mm 10mm 20mm 30mm{% endblock margins %}";
    let setup = Setup::new(template);
    let out = setup.run("render");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let options = dorkarta::pipeline::Options {
        templates: dorkarta::template::TemplateOptions {
            dir: Some(setup.path("tpl")),
            time_limit: None,
            isolate: None,
        },
        formats: dorkarta::pipeline::Formats::ALL,
    };
    let here = dorkarta::pipeline::render(&minimal(), None, &options).unwrap();
    assert_eq!(
        std::fs::read(setup.path("out/plan.docx")).unwrap(),
        here.docx.unwrap()
    );
    assert_eq!(
        std::fs::read(setup.path("out/plan.pdf")).unwrap(),
        here.pdf.unwrap()
    );
}

/// The other side of the depth limits: templates just within them render, in `render` and
/// `batch` alike, so the limits are not set below what the stack of every command holds.
#[test]
fn templates_just_within_the_depth_limits_render_in_every_command() {
    let macros: String = (0..80)
        .map(|i| {
            format!(
                "{{% macro m{i}() %}}{{{{ self::m{}() }}}}{{% endmacro %}}\n",
                i + 1
            )
        })
        .chain([
            "{% macro m80() %}x{% endmacro %}\n<section><p>{{ self::m0() }}</p></section>".into(),
        ])
        .collect();
    let ifs = format!(
        "<section><p>{}x{}</p></section>",
        "{% if true %}".repeat(60),
        "{% endif %}".repeat(60)
    );
    let parens = format!(
        "<section><p>{{{{ {}1{} }}}}</p></section>",
        "(".repeat(60),
        ")".repeat(60)
    );
    let tags = format!(
        "<section><p>{}x{}</p></section>",
        "<b>".repeat(95),
        "</b>".repeat(95)
    );
    for template in [macros, ifs, parens, tags] {
        let setup = Setup::new(&template).unhurried();
        for command in ["render", "batch"] {
            let out = setup.run(command);
            assert_eq!(
                out.status.code(),
                Some(0),
                "{command}: {:?}\n{}\n{}",
                out.status,
                said(&out),
                &template[..template.len().min(200)]
            );
            assert!(setup.path("out/plan.pdf").exists(), "{command}: no PDF");
            std::fs::remove_dir_all(setup.path("out")).unwrap();
        }
    }
}
