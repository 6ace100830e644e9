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

mod errors;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::assets;
use crate::diag::{Diagnostic, Pos};
use crate::resolve::Resolved;

/// Where templates come from besides the built-in ones.
#[derive(Debug, Clone, Default)]
pub struct TemplateOptions {
    /// A folder whose `*.tera` files override the built-in templates of the same name.
    pub dir: Option<PathBuf>,
}

/// The prefix under which every built-in template stays reachable when overridden.
pub const BUILTIN_PREFIX: &str = "builtin/";

/// Renders the page description of the whole document.
pub fn render(ctx: &Resolved, opts: &TemplateOptions) -> Result<String, Vec<Diagnostic>> {
    match &opts.dir {
        // The built-in set is parsed once per process: a batch renders thousands of documents.
        None => {
            static BUILTIN: OnceLock<Result<TemplateSet, Vec<Diagnostic>>> = OnceLock::new();
            BUILTIN
                .get_or_init(|| TemplateSet::load(opts))
                .as_ref()
                .map_err(Clone::clone)?
                .render(ctx)
        }
        Some(_) => TemplateSet::load(opts)?.render(ctx),
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
            sources.insert(
                format!("{BUILTIN_PREFIX}{name}"),
                builtin(format!("{BUILTIN_PREFIX}{name}")),
            );
        }
        if let Some(dir) = &opts.dir {
            for (name, source) in user_templates(dir)? {
                sources.insert(name, source);
            }
        }

        // Parse each template alone first, so that every syntax error is reported.
        let mut diags = Vec::new();
        let mut parsed = BTreeMap::new();
        for (name, source) in &sources {
            match tera::Template::new(name, None, &source.text) {
                Ok(t) => {
                    parsed.insert(name.clone(), t);
                }
                Err(e) => diags.push(errors::parse_error(&e, source)),
            }
        }
        // Then every reference between templates, with the line that makes it.
        for (name, t) in &parsed {
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
        if !diags.is_empty() {
            return Err(diags);
        }

        let mut tera = tera::Tera::default();
        // Every name ends in `.tera`, user files included: escape them all.
        tera.autoescape_on(vec![".tera"]);
        tera.set_escape_fn(escape_xml);
        tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, s)| (name.as_str(), s.text.as_str())),
        )
        .map_err(|e| vec![errors::load_error(&e, &sources)])?;
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
        if ctx.order.text.is_some() {
            match self.render_section(assets::ORDER_TEMPLATE, &base) {
                Ok(s) => sections.push(s),
                Err(d) => diags.push(d),
            }
        }
        for appendix in &ctx.appendices {
            let mut one = base.clone();
            one.insert("appendix", appendix);
            match self.render_section(assets::APPENDIX_TEMPLATE, &one) {
                Ok(s) => sections.push(s),
                Err(d) => diags.push(d),
            }
        }
        if !diags.is_empty() {
            // The same template error repeats for every appendix; say it once.
            diags.dedup();
            return Err(diags);
        }
        let mut whole = base;
        whole.insert("sections", &sections);
        self.render_one(assets::DOCUMENT_TEMPLATE, &whole)
            .map_err(|d| vec![d])
    }

    fn render_one(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, ctx)
            .map_err(|e| errors::render_error(&e, name, &self.tera, &self.sources))
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

/// Escapes text for XML: the five special characters only (tera's HTML escape also turns `/`
/// into `&#x2F;`, which is correct but makes `--emit html` hard to read).
fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
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
