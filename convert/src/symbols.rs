//! The elements of a configuration, their Rust variable names, what each refers to, and an
//! order in which every element comes after those it refers to (Rust needs a binding before its
//! use; Terraform does not care about order).

use std::collections::{BTreeMap, BTreeSet};

use hcl::expr::{Expression, Operation, TraversalOperator};
use hcl::template::{Directive, Element as TemplateElement, Template};

use crate::config::{Attr, Block, Body, Config, Loc};

/// What kind of element a top-level declaration is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `variable "name"` (`block` is `None` for one the converter declares because it is used
    /// but not declared).
    Variable,
    /// One entry of a `locals` block.
    Local,
    /// `resource "type" "name"`.
    Resource,
    /// `data "type" "name"`.
    Data,
    /// `provider "name"`, with its alias.
    Provider,
    /// `module "name"`.
    Module,
    /// `output "name"`.
    Output,
}

/// One element.
#[derive(Clone, Debug)]
pub struct Element<'c> {
    /// Its address as references write it (`var.x`, `local.x`, `tfe_team.t`, `data.tfe_x.y`,
    /// `module.m`, `provider.tfe.alias`, `output.o`).
    pub key: String,
    /// Its kind.
    pub kind: Kind,
    /// The Terraform type (resources, data sources; the provider name for providers).
    pub tf_type: String,
    /// The name: the label, or the local's or alias's name.
    pub name: String,
    /// The declaring block (`None` for a variable the converter adds).
    pub block: Option<&'c Block>,
    /// The attribute of a local.
    pub local: Option<&'c Attr>,
    /// The Rust variable that holds it.
    pub var: String,
    /// The keys it refers to.
    pub deps: BTreeSet<String>,
    /// Whether it uses `count` or `for_each` (its plain attribute references do not type-check).
    pub repeated: bool,
    /// The construct id when it is not the name: several elements share the name (`test` of two
    /// resource types), construct ids must be distinct, so such elements get a distinct id and
    /// keep the name as their logical id (`override_logical_id`).
    pub construct_id: Option<String>,
}

/// Every element, in emission order.
#[derive(Debug, Default)]
pub struct Symbols<'c> {
    /// Elements in an order where dependencies come first (source order otherwise).
    pub elements: Vec<Element<'c>>,
    /// Index into `elements` by key.
    pub by_key: BTreeMap<String, usize>,
    /// Variables used but not declared, which the converter declares.
    pub added_variables: Vec<String>,
}

/// Names the generated program uses itself.
const TAKEN: &[&str] = &["scope", "app", "stack", "main", "build"];

/// A reference found in an expression: the element key and where it was.
pub fn refs_of(expr: &Expression, out: &mut BTreeSet<String>) {
    walk(expr, &mut |e| {
        if let Some(key) = reference_key(e) {
            out.insert(key);
        }
    });
}

/// The key of the element an expression refers to, when it is a reference (`var.x`, `x.y.z`).
pub fn reference_key(e: &Expression) -> Option<String> {
    let (root, attrs) = match e {
        Expression::Traversal(t) => match &t.expr {
            Expression::Variable(v) => (v.as_str(), leading_attrs(&t.operators)),
            _ => return None,
        },
        Expression::Variable(v) => (v.as_str(), Vec::new()),
        _ => return None,
    };
    match (root, attrs.as_slice()) {
        ("var" | "local" | "module", [name, ..]) => Some(format!("{root}.{name}")),
        ("data", [t, n, ..]) => Some(format!("data.{t}.{n}")),
        ("resource", [t, n, ..]) => Some(format!("{t}.{n}")),
        ("count" | "each" | "path" | "terraform" | "self" | "var" | "local" | "data", _) => None,
        (t, [n, ..]) => Some(format!("{t}.{n}")),
        _ => None,
    }
}

/// The attribute names at the start of a traversal.
pub fn leading_attrs(ops: &[TraversalOperator]) -> Vec<&str> {
    ops.iter()
        .map_while(|op| match op {
            TraversalOperator::GetAttr(id) => Some(id.as_str()),
            _ => None,
        })
        .collect()
}

/// Calls `f` on `expr` and every expression inside it.
pub fn walk(expr: &Expression, f: &mut impl FnMut(&Expression)) {
    f(expr);
    match expr {
        Expression::Array(items) => items.iter().for_each(|e| walk(e, f)),
        Expression::Object(obj) => {
            for (k, v) in obj {
                if let hcl::expr::ObjectKey::Expression(k) = k {
                    walk(k, f);
                }
                walk(v, f);
            }
        }
        Expression::TemplateExpr(t) => {
            if let Ok(template) = Template::from_expr(t) {
                walk_template(&template, f);
            }
        }
        Expression::Traversal(t) => {
            walk(&t.expr, f);
            for op in &t.operators {
                if let TraversalOperator::Index(e) = op {
                    walk(e, f);
                }
            }
        }
        Expression::FuncCall(c) => c.args.iter().for_each(|e| walk(e, f)),
        Expression::Parenthesis(e) => walk(e, f),
        Expression::Conditional(c) => {
            walk(&c.cond_expr, f);
            walk(&c.true_expr, f);
            walk(&c.false_expr, f);
        }
        Expression::Operation(op) => match op.as_ref() {
            Operation::Unary(u) => walk(&u.expr, f),
            Operation::Binary(b) => {
                walk(&b.lhs_expr, f);
                walk(&b.rhs_expr, f);
            }
        },
        Expression::ForExpr(fe) => {
            walk(&fe.collection_expr, f);
            if let Some(k) = &fe.key_expr {
                walk(k, f);
            }
            walk(&fe.value_expr, f);
            if let Some(c) = &fe.cond_expr {
                walk(c, f);
            }
        }
        _ => {}
    }
}

fn walk_template(t: &Template, f: &mut impl FnMut(&Expression)) {
    for el in t.elements() {
        match el {
            TemplateElement::Literal(_) => {}
            TemplateElement::Interpolation(i) => walk(&i.expr, f),
            TemplateElement::Directive(d) => match d.as_ref() {
                Directive::If(i) => {
                    walk(&i.cond_expr, f);
                    walk_template(&i.true_template, f);
                    if let Some(t) = &i.false_template {
                        walk_template(t, f);
                    }
                }
                Directive::For(fd) => {
                    walk(&fd.collection_expr, f);
                    walk_template(&fd.template, f);
                }
            },
        }
    }
}

fn body_refs(body: &Body, out: &mut BTreeSet<String>) {
    for a in &body.attrs {
        refs_of(&a.value, out);
        if a.name == "provider" {
            if let Some(k) = provider_ref(&a.value) {
                out.insert(k);
            }
        }
    }
    for b in &body.blocks {
        body_refs(&b.body, out);
    }
}

/// The provider key of a `provider = NAME.ALIAS` (or `provider = NAME`) meta-argument.
pub fn provider_ref(e: &Expression) -> Option<String> {
    match e {
        Expression::Variable(v) => Some(format!("provider.{}", v.as_str())),
        Expression::Traversal(t) => match (&t.expr, leading_attrs(&t.operators).as_slice()) {
            (Expression::Variable(v), [alias]) if t.operators.len() == 1 => {
                Some(format!("provider.{}.{alias}", v.as_str()))
            }
            _ => None,
        },
        _ => None,
    }
}

fn label(block: &Block, i: usize) -> Result<&str, (Loc, String)> {
    block.labels.get(i).map(String::as_str).ok_or_else(|| {
        (
            block.loc.clone(),
            format!("`{}` block needs {} label(s)", block.kind, i + 1),
        )
    })
}

impl<'c> Symbols<'c> {
    /// Collects the elements of `config`. Errors: a block without its labels.
    pub fn collect(config: &'c Config) -> Result<Self, (Loc, String)> {
        let mut elements: Vec<Element<'c>> = Vec::new();
        let mut push = |key: String, kind, tf_type: &str, name: &str, block, local| {
            elements.push(Element {
                key,
                kind,
                tf_type: tf_type.to_string(),
                name: name.to_string(),
                block,
                local,
                var: String::new(),
                deps: BTreeSet::new(),
                repeated: false,
                construct_id: None,
            });
        };
        for b in &config.blocks {
            match b.kind.as_str() {
                "variable" => {
                    let n = label(b, 0)?;
                    push(format!("var.{n}"), Kind::Variable, "", n, Some(b), None);
                }
                "locals" => {
                    for a in &b.body.attrs {
                        let n = &a.name;
                        push(format!("local.{n}"), Kind::Local, "", n, Some(b), Some(a));
                    }
                }
                "resource" | "data" => {
                    let (t, n) = (label(b, 0)?, label(b, 1)?);
                    let (key, kind) = if b.kind == "data" {
                        (format!("data.{t}.{n}"), Kind::Data)
                    } else {
                        (format!("{t}.{n}"), Kind::Resource)
                    };
                    push(key, kind, t, n, Some(b), None);
                }
                "provider" => {
                    let p = label(b, 0)?;
                    let alias = b.body.attr("alias").and_then(|a| match &a.value {
                        Expression::String(s) => Some(s.clone()),
                        _ => None,
                    });
                    let (key, name) = match &alias {
                        Some(a) => (format!("provider.{p}.{a}"), a.clone()),
                        None => (format!("provider.{p}"), p.to_string()),
                    };
                    push(key, Kind::Provider, p, &name, Some(b), None);
                }
                "module" => {
                    let n = label(b, 0)?;
                    push(format!("module.{n}"), Kind::Module, "", n, Some(b), None);
                }
                "output" => {
                    let n = label(b, 0)?;
                    push(format!("output.{n}"), Kind::Output, "", n, Some(b), None);
                }
                _ => {}
            }
        }
        for el in &mut elements {
            match (el.local, el.block) {
                (Some(a), _) => refs_of(&a.value, &mut el.deps),
                (None, Some(b)) => {
                    body_refs(&b.body, &mut el.deps);
                    el.repeated =
                        b.body.attr("count").is_some() || b.body.attr("for_each").is_some();
                }
                _ => {}
            }
            el.deps.remove(&el.key);
        }
        let declared: BTreeSet<String> = elements.iter().map(|e| e.key.clone()).collect();
        let mut added = BTreeSet::new();
        for el in &elements {
            for d in &el.deps {
                if let Some(v) = d.strip_prefix("var.") {
                    if !declared.contains(d) {
                        added.insert(v.to_string());
                    }
                }
            }
        }
        let mut all: Vec<Element<'c>> = added
            .iter()
            .map(|v| Element {
                key: format!("var.{v}"),
                kind: Kind::Variable,
                tf_type: String::new(),
                name: v.clone(),
                block: None,
                local: None,
                var: String::new(),
                deps: BTreeSet::new(),
                repeated: false,
                construct_id: None,
            })
            .collect();
        all.extend(elements);
        name_elements(&mut all);
        let elements = order(all);
        let by_key = elements
            .iter()
            .enumerate()
            .map(|(i, e)| (e.key.clone(), i))
            .collect();
        Ok(Symbols {
            elements,
            by_key,
            added_variables: added.into_iter().collect(),
        })
    }

    /// The element with key `key`.
    pub fn get(&self, key: &str) -> Option<&Element<'c>> {
        self.by_key.get(key).map(|&i| &self.elements[i])
    }
}

/// Rust variable names as cdktf's convert derives them, in snake case: the label where it is
/// unambiguous, else the type and label (`tfe_organization_test`), then made distinct.
fn name_elements(elements: &mut [Element<'_>]) {
    let short = |e: &Element<'_>| codegen::naming::snake(&e.name);
    let long = |e: &Element<'_>| match e.kind {
        Kind::Variable => format!("var_{}", e.name),
        Kind::Local => format!("local_{}", e.name),
        Kind::Resource => format!("{}_{}", e.tf_type, e.name),
        Kind::Data => format!("data_{}_{}", e.tf_type, e.name),
        Kind::Provider if e.name == e.tf_type => format!("{}_provider", e.tf_type),
        Kind::Provider => format!("{}_{}", e.tf_type, e.name),
        Kind::Module => format!("module_{}", e.name),
        Kind::Output => format!("output_{}", e.name),
    };
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for e in elements.iter().filter(|e| e.kind != Kind::Provider) {
        *ids.entry(e.name.as_str()).or_default() += 1;
    }
    let shared: BTreeSet<String> = ids
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(k, _)| k.to_string())
        .collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for e in elements.iter().filter(|e| e.kind != Kind::Output) {
        *counts.entry(short(e)).or_default() += 1;
    }
    let preferred: BTreeMap<String, String> = elements
        .iter()
        .map(|e| {
            let s = short(e);
            // Outputs are never referenced: they do not compete for the short names.
            let p = if e.kind != Kind::Output
                && counts.get(&s) == Some(&1)
                && !TAKEN.contains(&s.as_str())
            {
                s
            } else {
                codegen::naming::snake(&long(e))
            };
            (e.key.clone(), codegen::naming::field_ident(&p, &[]))
        })
        .collect();
    let taken: BTreeSet<String> = TAKEN.iter().map(|s| s.to_string()).collect();
    let names =
        codegen::naming::assign(elements.iter().map(|e| e.key.as_str()), &taken, "_", |k| {
            preferred
                .get(k)
                .cloned()
                .unwrap_or_else(|| "unnamed".into())
        });
    for e in elements {
        if let Some(n) = names.get(&e.key) {
            e.var = n.clone();
        }
        if e.kind != Kind::Provider && shared.contains(&e.name) {
            e.construct_id = Some(long(e));
        }
    }
}

/// Dependencies first, otherwise source order; elements in a cycle keep source order.
fn order(elements: Vec<Element<'_>>) -> Vec<Element<'_>> {
    let index: BTreeMap<&str, usize> = elements
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.as_str(), i))
        .collect();
    let n = elements.len();
    let mut pending: Vec<usize> = vec![0; n];
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in elements.iter().enumerate() {
        for d in &e.deps {
            if let Some(&j) = index.get(d.as_str()) {
                pending[i] += 1;
                users[j].push(i);
            }
        }
    }
    let mut ready: BTreeSet<usize> = (0..n).filter(|&i| pending[i] == 0).collect();
    let mut out = Vec::with_capacity(n);
    let mut done = vec![false; n];
    while out.len() < n {
        let next = match ready.pop_first() {
            Some(i) => i,
            // A cycle: take the first remaining element; its references to later ones fall back.
            None => match (0..n).find(|&i| !done[i]) {
                Some(i) => i,
                None => break,
            },
        };
        if done[next] {
            continue;
        }
        done[next] = true;
        out.push(next);
        for &u in &users[next] {
            pending[u] = pending[u].saturating_sub(1);
            if pending[u] == 0 && !done[u] {
                ready.insert(u);
            }
        }
    }
    let mut slots: Vec<Option<Element<'_>>> = elements.into_iter().map(Some).collect();
    out.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn symbols(text: &str) -> Vec<(String, String, Option<String>)> {
        let mut c = Config::default();
        crate::parse::parse_hcl("t.tf", text, &mut c).expect("parses");
        let s = Symbols::collect(&c).expect("collects");
        s.elements
            .iter()
            .map(|e| (e.key.clone(), e.var.clone(), e.construct_id.clone()))
            .collect()
    }

    #[test]
    fn names_are_labels_where_unambiguous_and_dependencies_come_first() {
        let got = symbols(
            r#"
resource "tfe_team" "test" { name = tfe_organization.org-1.name }
resource "tfe_workspace" "test" { name = "w" }
resource "tfe_organization" "org-1" { name = "o" }
output "type" { value = var.type }
"#,
        );
        let keys: Vec<&str> = got.iter().map(|(k, _, _)| k.as_str()).collect();
        // The undeclared variable is declared first; the organization before the team using it.
        assert_eq!(
            keys,
            [
                "var.type",
                "tfe_workspace.test",
                "tfe_organization.org-1",
                "tfe_team.test",
                "output.type"
            ]
        );
        let var = |k: &str| {
            got.iter()
                .find(|(key, _, _)| key == k)
                .map(|(_, v, id)| (v.clone(), id.clone()))
        };
        assert_eq!(var("tfe_organization.org-1"), Some(("org_1".into(), None)));
        assert_eq!(
            var("tfe_team.test"),
            Some(("tfe_team_test".into(), Some("tfe_team_test".into())))
        );
        assert_eq!(var("var.type").map(|v| v.0), Some("r#type".into()));
    }
}
