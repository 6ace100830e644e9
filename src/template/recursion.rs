//! Refusing recursive templates before rendering: a macro that calls itself (directly or
//! through others) or a template that includes itself would recurse until the stack overflows,
//! which aborts the process — no time limit can catch that. Tera does not check it, so the
//! calls are read from the parsed templates: every `{% include %}` and macro call, in template
//! bodies and macro bodies, makes an edge of a graph, and any cycle is an error that names the
//! file and the line of the call.

use std::collections::{BTreeMap, BTreeSet};

use tera::ast::{Expr, ExprVal, Node};

/// A place that runs code: a template's body (with its blocks), or one macro.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Unit {
    Template(String),
    Macro { file: String, name: String },
}

/// A call from one unit to another, with the text that names the target (to find its line).
#[derive(Debug, Clone)]
pub(super) struct Call {
    pub to: Unit,
    pub text: String,
}

/// The first cycle found, as the units along it (the first repeated at the end), or `None`.
pub(super) fn find_cycle(
    templates: &BTreeMap<String, tera::Template>,
) -> Option<(Vec<Unit>, Vec<Call>)> {
    let graph = calls(templates);
    let mut done = BTreeSet::new();
    for start in graph.keys() {
        let mut path = Vec::new();
        let mut via = Vec::new();
        if let Some(found) = visit(start, &graph, &mut done, &mut path, &mut via) {
            return Some(found);
        }
    }
    None
}

/// Depth-first search; `path` holds the units on the current branch. The depth is bounded by
/// the number of units, which is small (the templates of one folder and their macros).
fn visit(
    unit: &Unit,
    graph: &BTreeMap<Unit, Vec<Call>>,
    done: &mut BTreeSet<Unit>,
    path: &mut Vec<Unit>,
    via: &mut Vec<Call>,
) -> Option<(Vec<Unit>, Vec<Call>)> {
    if let Some(at) = path.iter().position(|u| u == unit) {
        let mut cycle = path[at..].to_vec();
        cycle.push(unit.clone());
        return Some((cycle, via[at..].to_vec()));
    }
    if done.contains(unit) {
        return None;
    }
    path.push(unit.clone());
    for call in graph.get(unit).into_iter().flatten() {
        via.push(call.clone());
        if let Some(found) = visit(&call.to, graph, done, path, via) {
            return Some(found);
        }
        via.pop();
    }
    path.pop();
    done.insert(unit.clone());
    None
}

/// Every unit and the units it calls.
fn calls(templates: &BTreeMap<String, tera::Template>) -> BTreeMap<Unit, Vec<Call>> {
    let mut graph = BTreeMap::new();
    for (name, t) in templates {
        // `alias::macro` → the file imported as `alias`; `self::` is the template itself.
        let mut namespaces: BTreeMap<&str, &str> = t
            .imported_macro_files
            .iter()
            .map(|(file, alias)| (alias.as_str(), file.as_str()))
            .collect();
        namespaces.insert("self", name.as_str());
        let mut out = Vec::new();
        if let Some(parent) = &t.parent {
            out.push(Call {
                to: Unit::Template(parent.clone()),
                text: parent.clone(),
            });
        }
        let mut walker = Walker {
            namespaces: &namespaces,
            out: &mut out,
        };
        walker.nodes(&t.ast);
        graph.insert(Unit::Template(name.clone()), out);
        for (macro_name, def) in &t.macros {
            let mut out = Vec::new();
            let mut walker = Walker {
                namespaces: &namespaces,
                out: &mut out,
            };
            walker.nodes(&def.body);
            for default in def.args.values().flatten() {
                walker.expr(default);
            }
            let unit = Unit::Macro {
                file: name.clone(),
                name: macro_name.clone(),
            };
            graph.insert(unit, out);
        }
    }
    graph
}

struct Walker<'a> {
    namespaces: &'a BTreeMap<&'a str, &'a str>,
    out: &'a mut Vec<Call>,
}

impl Walker<'_> {
    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::VariableBlock(_, e) => self.expr(e),
            Node::Include(_, names, _) => {
                for name in names {
                    self.out.push(Call {
                        to: Unit::Template(name.clone()),
                        text: name.clone(),
                    });
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
        self.val(&e.val);
        for filter in &e.filters {
            self.args(filter.args.values());
        }
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
            ExprVal::StringConcat(c) => {
                for v in &c.values {
                    self.val(v);
                }
            }
            ExprVal::MacroCall(call) => {
                self.args(call.args.values());
                if let Some(file) = self.namespaces.get(call.namespace.as_str()) {
                    self.out.push(Call {
                        to: Unit::Macro {
                            file: file.to_string(),
                            name: call.name.clone(),
                        },
                        text: format!("{}::{}", call.namespace, call.name),
                    });
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
        let (cycle, via) = find_cycle(&t).unwrap();
        assert_eq!(cycle.len(), 2);
        assert_eq!(via[0].text, "self::f");
    }

    #[test]
    fn mutual_includes_and_imported_macros_are_cycles() {
        let t = set(&[
            ("a.tera", "{% include \"b.tera\" %}"),
            ("b.tera", "{% include \"a.tera\" %}"),
        ]);
        assert!(find_cycle(&t).is_some());
        let t = set(&[
            (
                "m.tera",
                "{% macro g() %}{% include \"p.tera\" %}{% endmacro %}",
            ),
            ("p.tera", "{% import \"m.tera\" as m %}{{ m::g() }}"),
        ]);
        assert!(find_cycle(&t).is_some());
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
        assert!(find_cycle(&t).is_none());
    }
}
