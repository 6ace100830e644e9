//! Templates: the template context ([`Resolved`]) → the page description (XHTML text).
//!
//! The built-in templates (see [`crate::assets`]) hold the approved layout. A user's folder
//! (`--templates DIR`) overrides any of them by file name; every built-in stays reachable as
//! `builtin/NAME`, so a user template can `{% extends "builtin/appendix.xhtml.tera" %}` and
//! replace one `{% block %}`. Autoescaping is on for every template.
//!
//! Tera allows no `{% block %}` inside a `{% for %}`, so to let users override parts of an
//! appendix, each section is rendered on its own: the order's text (when the source has it)
//! from `order.xhtml.tera`, each appendix from `appendix.xhtml.tera` with `appendix` set to it;
//! `document.xhtml.tera` then wraps the rendered sections (`sections`) into the document.
//!
//! A user's template is a program, and is kept in bounds: it sees only the templates (no file
//! outside its folder, no environment variable), it may not recurse, and a render is stopped
//! after [`limits::TIME_LIMIT`] or [`limits::OUTPUT_LIMIT`] with a Russian error and no output.

pub mod depth;
mod errors;
pub mod limits;
mod recursion;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::assets;
use crate::diag::{Diagnostic, Pos};
use crate::resolve::Resolved;

/// Renders with a user's templates somewhere else than on a thread of this process: the
/// command line runs them in a child process it can limit and kill (`cli::isolate`).
/// Receives the options with `isolate` unset, so that the other side renders in-process.
pub type Isolate = fn(&Resolved, &TemplateOptions) -> Result<String, Vec<Diagnostic>>;

/// Where templates come from besides the built-in ones.
#[derive(Debug, Clone, Default)]
pub struct TemplateOptions {
    /// A folder whose `*.tera` files override the built-in templates of the same name.
    pub dir: Option<PathBuf>,
    /// How long one render with a user's templates (`dir`) may take; `None` is
    /// [`limits::TIME_LIMIT`]. Tests of the limit set their own. The built-in templates run
    /// without limits (see [`render`]).
    pub time_limit: Option<std::time::Duration>,
    /// How to run a render with a user's templates; `None` runs it here, on a thread of its
    /// own. In-process, the depth limits, the output limit and the time limit hold, but a
    /// runaway render cannot be stopped past its time limit (a thread cannot be killed), nor
    /// its intermediate values bounded (tera has no hook for them): the command line, which
    /// runs users' templates in every batch, sets this to a runner that can.
    pub isolate: Option<Isolate>,
}

/// The prefix under which every built-in template stays reachable when overridden.
pub const BUILTIN_PREFIX: &str = "builtin/";

/// Renders the page description of the whole document.
pub fn render(ctx: &Resolved, opts: &TemplateOptions) -> Result<String, Vec<Diagnostic>> {
    let set = match &opts.dir {
        // The built-in set is parsed once per process: a batch renders thousands of documents.
        // It is ours, renders every valid source well within the limits and holds no loop a
        // source could make endless, so it runs here, without a thread of its own.
        None => {
            static BUILTIN: OnceLock<Result<Arc<TemplateSet>, Vec<Diagnostic>>> = OnceLock::new();
            return BUILTIN
                .get_or_init(|| TemplateSet::load(opts).map(Arc::new))
                .clone()?
                .render(ctx);
        }
        Some(_) => match opts.isolate {
            Some(isolate) => {
                let here = TemplateOptions {
                    isolate: None,
                    ..opts.clone()
                };
                return isolate(ctx, &here);
            }
            None => Arc::new(TemplateSet::load(opts)?),
        },
    };
    // On a thread of its own, so that a runaway template cannot hold the caller past the limit.
    let ctx = ctx.clone();
    let ours = Arc::clone(&set);
    let limit = opts.time_limit.unwrap_or(limits::TIME_LIMIT);
    match limits::run(limit, move || ours.render(&ctx)) {
        Ok(result) => result,
        Err(exceeded) => Err(vec![limit_error(&exceeded.message(), opts)]),
    }
}

/// A render stopped by a limit (`message`). The culprit is a user's template when there are
/// any (the built-in ones render every valid source well within the limits).
pub fn limit_error(message: &str, opts: &TemplateOptions) -> Diagnostic {
    let d = Diagnostic::error(Pos::default(), "", message).with_hint(format!(
        "ограничения шаблонов: не дольше {} с, не больше {} МиБ текста, в range не больше {} \
         чисел; документ не записан",
        opts.time_limit
            .unwrap_or(limits::TIME_LIMIT)
            .as_secs_f32()
            .to_string()
            .replace('.', ","),
        limits::OUTPUT_LIMIT / (1024 * 1024),
        limits::RANGE_LIMIT
    ));
    match &opts.dir {
        Some(dir) => d.in_file(dir.display().to_string()),
        None => d,
    }
}

/// One loaded template: its text and how to name it to the user.
struct Source {
    text: String,
    /// The file to name in diagnostics: the user's path, or the built-in's name.
    file: String,
}

/// The templates of one render: built-ins, overridden by the user's files.
struct TemplateSet {
    tera: tera::Tera,
    sources: BTreeMap<String, Source>,
}

impl TemplateSet {
    fn load(opts: &TemplateOptions) -> Result<Self, Vec<Diagnostic>> {
        let mut sources = BTreeMap::new();
        for (name, text) in assets::TEMPLATES {
            let builtin = |file: String| Source {
                text: text.to_string(),
                file,
            };
            sources.insert(name.to_string(), builtin(format!("{BUILTIN_PREFIX}{name}")));
            // Under its second name only for users' templates, which alone refer to it so:
            // parsing the templates is a third of a render of the built-in ones.
            if opts.dir.is_some() {
                sources.insert(
                    format!("{BUILTIN_PREFIX}{name}"),
                    builtin(format!("{BUILTIN_PREFIX}{name}")),
                );
            }
        }
        if let Some(dir) = &opts.dir {
            for (name, source) in user_templates(dir)? {
                sources.insert(name, source);
            }
        }

        // None nested deeper than tera's recursion can take (see `depth`).
        let mut diags: Vec<Diagnostic> = sources
            .values()
            .filter_map(|source| {
                let too_deep = depth::check(&source.text).err()?;
                Some(depth_error(&too_deep, source))
            })
            .collect();
        if !diags.is_empty() {
            return Err(diags);
        }
        let mut tera = tera::Tera::default();
        // Every name ends in `.tera`, user files included: escape them all.
        tera.autoescape_on(vec![".tera"]);
        tera.set_escape_fn(escape_xml);
        tera.register_function("range", limits::range);
        tera.register_function("get_env", limits::no_env);
        // Parsed once, all together: the templates are parsed at every start of the program
        // (with users' templates, the built-in ones twice, under both names), which a single
        // render feels. Only when
        // that fails is each parsed alone, so that every mistake is reported with its line.
        let loaded = tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, s)| (name.as_str(), s.text.as_str())),
        );
        let mut alone = BTreeMap::new();
        if loaded.is_err() {
            for (name, source) in &sources {
                match tera::Template::new(name, None, &source.text) {
                    Ok(t) => {
                        alone.insert(name.clone(), t);
                    }
                    Err(e) => diags.push(errors::parse_error(&e, source)),
                }
            }
        }
        let parsed: BTreeMap<&str, &tera::Template> = match &loaded {
            Ok(()) => tera
                .templates
                .iter()
                .filter(|(name, _)| sources.contains_key(*name))
                .map(|(name, t)| (name.as_str(), t))
                .collect(),
            Err(_) => alone.iter().map(|(name, t)| (name.as_str(), t)).collect(),
        };
        // Recursion, or a chain of calls too deep, would overflow the stack while rendering:
        // refuse it now, with its line.
        if diags.is_empty()
            && let Some(refused) = recursion::check(&parsed)
        {
            diags.push(recursion_error(&refused, &sources));
        }
        // Then every reference between templates, with the line that makes it.
        for (&name, t) in &parsed {
            let source = &sources[name];
            let referenced = t
                .parent
                .iter()
                .chain(t.imported_macro_files.iter().map(|(file, _)| file));
            for target in referenced {
                if !sources.contains_key(target) {
                    diags.push(errors::missing_template(target, source));
                }
            }
        }
        drop(parsed);
        if !diags.is_empty() {
            return Err(diags);
        }
        loaded.map_err(|e| vec![errors::load_error(&e, &sources)])?;
        Ok(TemplateSet { tera, sources })
    }

    fn render(&self, ctx: &Resolved) -> Result<String, Vec<Diagnostic>> {
        let base = tera::Context::from_serialize(ctx).map_err(|e| {
            vec![Diagnostic::error(
                Pos::default(),
                "",
                format!("контекст шаблона не собран: {e}"),
            )]
        })?;
        let mut sections = Vec::new();
        let mut diags = Vec::new();
        if ctx.order.as_ref().is_some_and(|o| o.text.is_some()) {
            match self.render_section(assets::ORDER_TEMPLATE, &base) {
                Ok(s) => sections.push(s),
                Err(d) => diags.push(d),
            }
        }
        // One context serves every section: `appendix` is set for an appendix's render and
        // taken out after it, so the whole context is never copied.
        let mut whole = base;
        for appendix in &ctx.appendices {
            whole.insert("appendix", appendix);
            match self.render_section(assets::APPENDIX_TEMPLATE, &whole) {
                Ok(s) => sections.push(s),
                Err(d) => diags.push(d),
            }
            whole.remove("appendix");
        }
        if !diags.is_empty() {
            // The same template error repeats for every appendix; say it once.
            diags.dedup();
            return Err(diags);
        }
        whole.insert("sections", &sections);
        self.render_one(assets::DOCUMENT_TEMPLATE, &whole)
            .map_err(|d| vec![d])
    }

    fn render_one(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        let mut out = limits::BoundedWriter::for_this_thread();
        self.tera
            .render_to(name, ctx, &mut out)
            .map_err(|e| errors::render_error(&e, name, &self.tera, &self.sources))?;
        // Tera writes only text it holds as `str`, so the bytes are UTF-8.
        String::from_utf8(out.bytes).map_err(|e| {
            Diagnostic::error(Pos::default(), "", format!("шаблон вывел не текст: {e}"))
                .in_file(self.file_of(name))
        })
    }

    /// The file to name for a template.
    fn file_of(&self, name: &str) -> String {
        self.sources
            .get(name)
            .map_or_else(|| name.to_string(), |s| s.file.clone())
    }

    /// A section, headed by a comment naming the template that made it, so that the page
    /// parser can say which template to fix.
    fn render_section(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        let file = self
            .sources
            .get(name)
            .map(|s| s.file.as_str())
            .unwrap_or(name);
        // `--` may not stand in an XML comment; a file name rarely has it, but never break the XML.
        let file = file.replace("--", "- -");
        let section = self.render_one(name, ctx)?;
        Ok(format!(
            "<!-- {} {file} -->\n{}",
            crate::page::TEMPLATE_COMMENT,
            section.trim()
        ))
    }
}

/// A template nested deeper than [`depth`] allows, at the tag past the limit.
fn depth_error(too_deep: &depth::TooDeep, source: &Source) -> Diagnostic {
    Diagnostic::error(too_deep.pos, "", too_deep.message())
        .in_file(source.file.clone())
        .with_hint(
            "такая вложенность переполнила бы стек при заполнении шаблона; разбейте выражение \
             на несколько {% set %} или вынесите часть блоков в макрос",
        )
}

/// A cycle of includes or macro calls, at the first call that closes it; or a chain of calls
/// too deep, at its first call.
fn recursion_error(refused: &recursion::Refused, sources: &BTreeMap<String, Source>) -> Diagnostic {
    let (cycle, via, depth) = match refused {
        recursion::Refused::Cycle(cycle, via) => (cycle, via, None),
        recursion::Refused::TooDeep(chain, via, depth) => (chain, via, Some(*depth)),
    };
    let file_of = |unit: &recursion::Unit| match unit {
        recursion::Unit::Template(name) => name.clone(),
        recursion::Unit::Macro { file, .. } => file.clone(),
    };
    let (source, pos) = match (cycle.first(), via.first()) {
        (Some(unit), Some(call)) => {
            let source = sources.get(&file_of(unit));
            let pos = source
                .and_then(|s| errors::find_call(&s.text, &call.text))
                .unwrap_or_default();
            (source, pos)
        }
        _ => (None, Pos::default()),
    };
    let mut chain: Vec<String> = cycle.iter().map(recursion::describe).collect();
    let d = match depth {
        None => Diagnostic::error(
            pos,
            "",
            format!("шаблоны вызывают сами себя по кругу: {}", chain.join(" → ")),
        )
        .with_hint(
            "рекурсия в шаблонах не допускается (она переполнила бы стек): \
             перечисляйте вложенные пункты циклом {% for %}",
        ),
        Some(depth) => {
            // A chain of a thousand macros is named by its ends.
            if chain.len() > 6 {
                let last = chain.split_off(chain.len() - 2);
                chain.truncate(3);
                chain.push("…".into());
                chain.extend(last);
            }
            Diagnostic::error(
                pos,
                "",
                format!(
                    "шаблоны вызывают друг друга слишком глубоко: {} — вложенность {depth} \
                     уровней (блоки, выражения и вызовы вместе), допускается не больше {}",
                    chain.join(" → "),
                    recursion::DEPTH_LIMIT
                ),
            )
            .with_hint(
                "такая цепочка переполнила бы стек при заполнении шаблона; \
                 сократите цепочку вызовов макросов и {% include %}",
            )
        }
    };
    match source {
        Some(s) => d.in_file(s.file.clone()),
        None => d,
    }
}

/// Escapes text for XML: the five special characters only (tera's HTML escape also turns `/`
/// into `&#x2F;`, which is correct but makes `--emit html` hard to read).
fn escape_xml(text: &str) -> String {
    // Byte by byte: the five characters are ASCII, and copying the text between them whole
    // spares encoding every (mostly Cyrillic) character again.
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            _ => continue,
        };
        out.push_str(&text[copied..at]);
        out.push_str(entity);
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// The `*.tera` files directly inside `dir`, by file name. Only regular files that really lie
/// inside the folder are taken: a symbolic link leading out of it is refused.
fn user_templates(dir: &Path) -> Result<Vec<(String, Source)>, Vec<Diagnostic>> {
    let shown = dir.display().to_string();
    let fail = |message: String| {
        vec![Diagnostic::error(Pos::default(), "", message).in_file(shown.clone())]
    };
    let root = dir
        .canonicalize()
        .map_err(|e| fail(format!("папка шаблонов «{shown}» не открывается: {e}")))?;
    if !root.is_dir() {
        return Err(fail(format!("«{shown}» — не папка шаблонов")));
    }
    let entries = std::fs::read_dir(&root)
        .map_err(|e| fail(format!("папка шаблонов «{shown}» не читается: {e}")))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();

    let mut found = Vec::new();
    let mut diags = Vec::new();
    for path in paths {
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if !name.ends_with(".tera") {
            continue;
        }
        let file = dir.join(&name).display().to_string();
        let real = match path.canonicalize() {
            Ok(real) => real,
            Err(e) => {
                diags.push(
                    Diagnostic::error(Pos::default(), "", format!("шаблон не открывается: {e}"))
                        .in_file(file),
                );
                continue;
            }
        };
        if real.is_dir() {
            continue;
        }
        if real.parent() != Some(root.as_path()) || !real.is_file() {
            diags.push(
                Diagnostic::error(
                    Pos::default(),
                    "",
                    "шаблон ведёт за пределы папки шаблонов".to_string(),
                )
                .in_file(file)
                .with_hint("шаблоны берутся только из самой папки --templates, без ссылок наружу"),
            );
            continue;
        }
        match std::fs::read_to_string(&real) {
            Ok(text) => found.push((name, Source { text, file })),
            Err(e) => diags.push(
                Diagnostic::error(
                    Pos::default(),
                    "",
                    format!("шаблон не читается как текст UTF-8: {e}"),
                )
                .in_file(file),
            ),
        }
    }
    if diags.is_empty() {
        Ok(found)
    } else {
        Err(diags)
    }
}

#[cfg(test)]
mod tests {
    use super::escape_xml;

    #[test]
    fn the_five_xml_characters_are_escaped_and_nothing_else_changes() {
        assert_eq!(
            escape_xml("«Иванов & Ко» <b>'да'</b> \"№ 5\""),
            "«Иванов &amp; Ко» &lt;b&gt;&apos;да&apos;&lt;/b&gt; &quot;№ 5&quot;"
        );
        assert_eq!(escape_xml(""), "");
        assert_eq!(escape_xml("&"), "&amp;");
        assert_eq!(escape_xml("без замен ёЁ"), "без замен ёЁ");
    }
}
