//! Refusing recursive and too deeply nested templates before rendering: a macro that calls
//! itself (directly or through others) or a template that includes itself would recurse until
//! the stack overflows, which aborts the process — no time limit can catch that; and so would
//! a long enough chain of distinct macros (`m0` calls `m1` … calls `m999`). Tera checks neither,
//! so the calls are read from the parsed templates: every `{% include %}`, `{% extends %}` and
//! macro call, in template bodies and macro bodies, makes an edge of a graph, weighted by how
//! deep (blocks and expressions, see [`super::depth`]) the call stands in its unit. A cycle is
//! an error that names the file and the line of the call; so is a chain whose depth adds up to
//! more than [`DEPTH_LIMIT`].

use std::collections::BTreeMap;

use tera::ast::{Expr, ExprVal, Node};

/// The deepest a render may nest: blocks, expressions and calls along a chain of macros and
/// includes, added up. The built-in templates stay far below it (their blocks nest at most 5
/// deep); renders near it (a chain of 80 macros, 60 nested `if`s, 60 nested parentheses) fit in
/// [`super::limits::RENDER_STACK`] in `render` and `batch` alike (`tests/runaway.rs`).
pub const DEPTH_LIMIT: usize = 256;

/// A place that runs code: a template's body (with its blocks), or one macro.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Unit {
    Template(String),
    Macro { file: String, name: String },
}

/// A call from one unit to another, with the text that names the target (to find its line)
/// and how deep in its unit the call stands.
#[derive(Debug, Clone)]
pub(super) struct Call {
    pub to: Unit,
    pub text: String,
    pub depth: usize,
}

/// What is wrong with the calls between templates.
#[derive(Debug)]
pub(super) enum Refused {
    /// The units along a cycle (the first repeated at the end) and the calls that make it.
    Cycle(Vec<Unit>, Vec<Call>),
    /// A chain deeper than [`DEPTH_LIMIT`]: its units, the calls along it, and its depth.
    TooDeep(Vec<Unit>, Vec<Call>, usize),
}

/// The first cycle or too deep chain found, or `None`.
pub(super) fn check(templates: &BTreeMap<&str, &tera::Template>) -> Option<Refused> {
    let graph = calls(templates);
    let mut done = BTreeMap::new();
    for start in graph.keys() {
        let mut path = Vec::new();
        let mut via = Vec::new();
        if let Err(found) = visit(start, 0, &graph, &mut done, &mut path, &mut via) {
            return Some(found);
        }
    }
    None
}

/// The graph of calls, with how deep each unit nests by itself.
struct Graph {
    calls: BTreeMap<Unit, Vec<Call>>,
    own: BTreeMap<Unit, usize>,
}

impl Graph {
    fn keys(&self) -> impl Iterator<Item = &Unit> {
        self.calls.keys()
    }
}

/// Depth-first search; `path` holds the units on the current branch, `base` how deep the
/// render already is when it enters `unit`. Returns how deep `unit` nests with everything it
/// calls (memoised in `done`). The recursion is bounded by [`DEPTH_LIMIT`], since every call
/// adds at least one level and a branch deeper than that is refused.
fn visit(
    unit: &Unit,
    base: usize,
    graph: &Graph,
    done: &mut BTreeMap<Unit, usize>,
    path: &mut Vec<Unit>,
    via: &mut Vec<Call>,
) -> Result<usize, Refused> {
    if let Some(at) = path.iter().position(|u| u == unit) {
        let mut cycle = path[at..].to_vec();
        cycle.push(unit.clone());
        return Err(Refused::Cycle(cycle, via[at..].to_vec()));
    }
    let own = graph.own.get(unit).copied().unwrap_or(0);
    let known = done.get(unit).copied();
    let deepest = base + known.unwrap_or(own);
    if deepest > DEPTH_LIMIT {
        let mut chain = path.clone();
        chain.push(unit.clone());
        return Err(Refused::TooDeep(chain, via.clone(), deepest));
    }
    if let Some(known) = known {
        return Ok(known);
    }
    path.push(unit.clone());
    let mut total = own;
    for call in graph.calls.get(unit).into_iter().flatten() {
        via.push(call.clone());
        let entered = call.depth + 1;
        let below = visit(&call.to, base + entered, graph, done, path, via)?;
        total = total.max(entered + below);
        via.pop();
    }
    path.pop();
    done.insert(unit.clone(), total);
    Ok(total)
}

/// Every unit, the units it calls, and how deep it nests by itself.
fn calls(templates: &BTreeMap<&str, &tera::Template>) -> Graph {
    let mut graph = Graph {
        calls: BTreeMap::new(),
        own: BTreeMap::new(),
    };
    for (name, t) in templates {
        // `alias::macro` → the file imported as `alias`; `self::` is the template itself.
        let mut namespaces: BTreeMap<&str, &str> = t
            .imported_macro_files
            .iter()
            .map(|(file, alias)| (alias.as_str(), file.as_str()))
            .collect();
        namespaces.insert("self", name);
        let mut walker = Walker::new(&namespaces);
        walker.nodes(&t.ast);
        // A child's blocks render inside its parent, as deep as the parent places them: count
        // the parent as entered from the child's deepest point, which can only overestimate.
        if let Some(parent) = &t.parent {
            walker.out.push(Call {
                to: Unit::Template(parent.clone()),
                text: parent.clone(),
                depth: walker.deepest,
            });
        }
        let unit = Unit::Template(name.to_string());
        graph.own.insert(unit.clone(), walker.deepest);
        graph.calls.insert(unit, walker.out);
        for (macro_name, def) in &t.macros {
            let mut walker = Walker::new(&namespaces);
            walker.nodes(&def.body);
            for default in def.args.values().flatten() {
                walker.expr(default);
            }
            let unit = Unit::Macro {
                file: name.to_string(),
                name: macro_name.clone(),
            };
            graph.own.insert(unit.clone(), walker.deepest);
            graph.calls.insert(unit, walker.out);
        }
    }
    graph
}

/// Collects a unit's calls, and how deep its blocks and expressions nest. The AST it walks is
/// no deeper than [`super::depth`] lets a template's text be.
struct Walker<'a> {
    namespaces: &'a BTreeMap<&'a str, &'a str>,
    out: Vec<Call>,
    depth: usize,
    deepest: usize,
}

impl<'a> Walker<'a> {
    fn new(namespaces: &'a BTreeMap<&'a str, &'a str>) -> Self {
        Walker {
            namespaces,
            out: Vec::new(),
            depth: 0,
            deepest: 0,
        }
    }

    /// Runs `f` one level deeper.
    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        self.depth += 1;
        self.deepest = self.deepest.max(self.depth);
        f(self);
        self.depth -= 1;
    }

    fn nodes(&mut self, nodes: &[Node]) {
        self.nested(|w| {
            for node in nodes {
                w.node(node);
            }
        });
    }

    fn call(&mut self, to: Unit, text: String) {
        let depth = self.depth;
        self.out.push(Call { to, text, depth });
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::VariableBlock(_, e) => self.expr(e),
            Node::Include(_, names, _) => {
                for name in names {
                    self.call(Unit::Template(name.clone()), name.clone());
                }
            }
            Node::Set(_, set) => self.expr(&set.value),
            Node::FilterSection(_, section, _) => {
                self.args(section.filter.args.values());
                self.nodes(&section.body);
            }
            Node::Block(_, block, _) => self.nodes(&block.body),
            Node::Forloop(_, forloop, _) => {
                self.expr(&forloop.container);
                self.nodes(&forloop.body);
                if let Some(empty) = &forloop.empty_body {
                    self.nodes(empty);
                }
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    self.expr(condition);
                    self.nodes(body);
                }
                if let Some((_, body)) = &branches.otherwise {
                    self.nodes(body);
                }
            }
            // Macro definitions are units of their own; the rest calls nothing.
            Node::MacroDefinition(..)
            | Node::Super
            | Node::Text(_)
            | Node::Extends(..)
            | Node::ImportMacro(..)
            | Node::Raw(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::Comment(..) => {}
        }
    }

    fn args<'e>(&mut self, args: impl Iterator<Item = &'e Expr>) {
        for arg in args {
            self.expr(arg);
        }
    }

    fn expr(&mut self, e: &Expr) {
        self.nested(|w| {
            w.val(&e.val);
            for filter in &e.filters {
                w.args(filter.args.values());
            }
        });
    }

    fn val(&mut self, v: &ExprVal) {
        match v {
            ExprVal::Math(m) => {
                self.expr(&m.lhs);
                self.expr(&m.rhs);
            }
            ExprVal::Logic(l) => {
                self.expr(&l.lhs);
                self.expr(&l.rhs);
            }
            ExprVal::In(i) => {
                self.expr(&i.lhs);
                self.expr(&i.rhs);
            }
            ExprVal::Test(t) => self.args(t.args.iter()),
            ExprVal::FunctionCall(f) => self.args(f.args.values()),
            ExprVal::Array(items) => self.args(items.iter()),
            ExprVal::StringConcat(c) => self.nested(|w| {
                for v in &c.values {
                    w.val(v);
                }
            }),
            ExprVal::MacroCall(call) => {
                self.args(call.args.values());
                if let Some(file) = self.namespaces.get(call.namespace.as_str()) {
                    let to = Unit::Macro {
                        file: file.to_string(),
                        name: call.name.clone(),
                    };
                    self.call(to, format!("{}::{}", call.namespace, call.name));
                }
            }
            ExprVal::String(_)
            | ExprVal::Int(_)
            | ExprVal::Float(_)
            | ExprVal::Bool(_)
            | ExprVal::Ident(_) => {}
        }
    }
}

/// How a unit is named to the user.
pub(super) fn describe(unit: &Unit) -> String {
    match unit {
        Unit::Template(name) => format!("шаблон «{name}»"),
        Unit::Macro { file, name } => format!("макрос «{name}» ({file})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_set(templates: &BTreeMap<String, tera::Template>) -> Option<Refused> {
        check(&templates.iter().map(|(n, t)| (n.as_str(), t)).collect())
    }

    fn set(files: &[(&str, &str)]) -> BTreeMap<String, tera::Template> {
        files
            .iter()
            .map(|(n, t)| (n.to_string(), tera::Template::new(n, None, t).unwrap()))
            .collect()
    }

    #[test]
    fn a_macro_calling_itself_is_a_cycle() {
        let t = set(&[(
            "a.tera",
            "{% macro f(n) %}{% if n > 0 %}{{ self::f(n=n - 1) }}{% endif %}{% endmacro %}x",
        )]);
        let Some(Refused::Cycle(cycle, via)) = check_set(&t) else {
            panic!("no cycle found")
        };
        assert_eq!(cycle.len(), 2);
        assert_eq!(via[0].text, "self::f");
    }

    #[test]
    fn mutual_includes_and_imported_macros_are_cycles() {
        let t = set(&[
            ("a.tera", "{% include \"b.tera\" %}"),
            ("b.tera", "{% include \"a.tera\" %}"),
        ]);
        assert!(matches!(check_set(&t), Some(Refused::Cycle(..))));
        let t = set(&[
            (
                "m.tera",
                "{% macro g() %}{% include \"p.tera\" %}{% endmacro %}",
            ),
            ("p.tera", "{% import \"m.tera\" as m %}{{ m::g() }}"),
        ]);
        assert!(matches!(check_set(&t), Some(Refused::Cycle(..))));
    }

    #[test]
    fn ordinary_calls_are_not_cycles() {
        let t = set(&[
            (
                "m.tera",
                "{% macro g(x) %}{{ x }}{% endmacro %}{% macro h() %}{{ self::g(x=1) }}{% endmacro %}",
            ),
            (
                "p.tera",
                "{% import \"m.tera\" as m %}{{ m::h() }}{% include \"q.tera\" %}{{ m::g(x=2) }}",
            ),
            ("q.tera", "q"),
        ]);
        assert!(check_set(&t).is_none());
    }

    #[test]
    fn a_long_chain_of_distinct_macros_is_too_deep() {
        let chain = |n: usize| {
            let mut text: String = (0..n)
                .map(|i| {
                    format!(
                        "{{% macro m{i}() %}}{{{{ self::m{}() }}}}{{% endmacro %}}",
                        i + 1
                    )
                })
                .collect();
            text.push_str(&format!(
                "{{% macro m{n}() %}}x{{% endmacro %}}{{{{ self::m0() }}}}"
            ));
            set(&[("a.tera", &text)])
        };
        // Each call stands two levels deep in its macro (the body, the `{{ }}`) and enters one.
        assert!(check_set(&chain(DEPTH_LIMIT / 4)).is_none());
        let Some(Refused::TooDeep(units, via, depth)) = check_set(&chain(DEPTH_LIMIT)) else {
            panic!("a chain of {DEPTH_LIMIT} macros passed")
        };
        assert!(depth > DEPTH_LIMIT);
        assert_eq!(units.len(), via.len() + 1);
        assert_eq!(via[0].text, "self::m0");
    }

    #[test]
    fn depth_adds_up_along_includes_and_blocks() {
        let nested = "{% if a %}".repeat(40) + "x" + &"{% endif %}".repeat(40);
        let inner =
            "{% if a %}".repeat(40) + "{% include \"c.tera\" %}" + &"{% endif %}".repeat(40);
        let t = set(&[
            ("a.tera", &inner.replace("c.tera", "b.tera")),
            ("b.tera", &inner),
            ("c.tera", &nested),
        ]);
        // 41 + 41 + 41 levels: within the limit.
        assert!(check_set(&t).is_none());
        let many: Vec<(String, String)> = (0..8)
            .map(|i| {
                (
                    format!("t{i}.tera"),
                    inner.replace("c.tera", &format!("t{}.tera", i + 1)),
                )
            })
            .chain([("t8.tera".to_string(), nested.clone())])
            .collect();
        let files: Vec<(&str, &str)> = many.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        assert!(matches!(
            check_set(&set(&files)),
            Some(Refused::TooDeep(..))
        ));
    }
}
