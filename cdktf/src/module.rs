//! Terraform modules used from a stack (`module "NAME" { source = ... }`).

use std::any::Any;
use std::collections::BTreeMap;

use crate::any_value::AnyValue;
use crate::construct::{Node, Scope};
use crate::element::{new_element, ElementImpl, ElementInfo, TerraformElement};
use crate::error::Error;
use crate::expr::{to_json, Expression, Repr};
use crate::iterator::ForEach;
use crate::meta::Dependable;
use crate::provider::{provider_fqn, Provider};
use crate::render::SynthContext;
use crate::value::{Dynamic, Value};

/// A Terraform module, configured by variable name (cdktf's `TerraformHclModule`).
///
/// Written as `module.<id>` with the variables, `source`, `version`, `providers`, `depends_on`
/// and `for_each`, plus the `//` metadata block, as cdktf writes it. Outputs are read with
/// [`get`](Self::get) and its typed variants (`${module.ID.NAME}`).
///
/// ```
/// use cdktf::{App, TerraformHclModule, TerraformOutput, TerraformStack};
///
/// let app = App::new();
/// let stack = TerraformStack::new(&app, "net");
/// let vpc = TerraformHclModule::new(&stack, "vpc", "terraform-aws-modules/vpc/aws")
///     .version("5.8.1")
///     .variable("name", "main")
///     .variable("azs", vec!["eu-west-1a", "eu-west-1b"]);
/// TerraformOutput::new(&stack, "vpc_id", vpc.get_string("vpc_id"));
///
/// let json = app.synth_stack("net")?;
/// assert_eq!(json["module"]["vpc"]["source"], "terraform-aws-modules/vpc/aws");
/// assert_eq!(json["module"]["vpc"]["azs"][1], "eu-west-1b");
/// assert_eq!(json["output"]["vpc_id"]["value"], "${module.vpc.vpc_id}");
/// # Ok::<(), cdktf::Error>(())
/// ```
///
/// Unlike cdktf, a local source (`./modules/x`) is written as given rather than copied into an
/// asset directory: the path must then be valid from `cdktf.out/stacks/<stack>`.
#[derive(Clone, Debug)]
pub struct TerraformHclModule {
    node: Node,
}

struct ModuleImpl {
    source: String,
    version: Option<String>,
    variables: BTreeMap<String, Repr>,
    /// (key in the module's `providers` map, provider configuration).
    providers: Vec<(String, Node)>,
    depends_on: Vec<Node>,
    for_each: Option<ForEach>,
}

impl TerraformHclModule {
    /// Uses the module at `source` (a registry address, a URL or a path) under the id `id`.
    pub fn new(scope: &impl Scope, id: &str, source: impl Into<String>) -> Self {
        let imp = ModuleImpl {
            source: source.into(),
            version: None,
            variables: BTreeMap::new(),
            providers: Vec::new(),
            depends_on: Vec::new(),
            for_each: None,
        };
        TerraformHclModule {
            node: new_element(scope, id, Box::new(imp)),
        }
    }

    fn with(self, f: impl FnOnce(&mut ModuleImpl)) -> Self {
        self.node.with_element(f);
        self
    }

    /// The version constraint (registry modules only).
    pub fn version(self, version: impl Into<String>) -> Self {
        let version = version.into();
        self.with(|m| m.version = Some(version))
    }

    /// Sets the input variable `name` (cdktf's `set`).
    pub fn variable(self, name: impl Into<String>, value: impl AnyValue) -> Self {
        let name = name.into();
        let value = value.into_raw().0;
        self.with(|m| {
            m.variables.insert(name, value);
        })
    }

    /// Passes a provider configuration to the module under its own name (`providers = { tfe =
    /// tfe.secondary }`).
    pub fn provider(self, provider: &impl AsRef<Provider>) -> Self {
        let provider = provider.as_ref();
        let key = provider.info().name.to_string();
        let node = provider.node().clone();
        self.with(|m| m.providers.push((key, node)))
    }

    /// Passes a provider configuration to the module under the module's alias for it
    /// (`providers = { "tfe.ALIAS" = tfe.secondary }`).
    pub fn provider_alias(self, provider: &impl AsRef<Provider>, module_alias: &str) -> Self {
        let provider = provider.as_ref();
        let key = format!("{}.{module_alias}", provider.info().name);
        let node = provider.node().clone();
        self.with(|m| m.providers.push((key, node)))
    }

    /// Adds explicit dependencies.
    pub fn depends_on<D: Dependable>(self, deps: impl IntoIterator<Item = D>) -> Self {
        let nodes: Vec<Node> = deps
            .into_iter()
            .map(|d| d.dependable_node().clone())
            .collect();
        self.with(|m| m.depends_on.extend(nodes))
    }

    /// Creates one module instance per element (`for_each`); see
    /// [`TerraformIterator`](crate::TerraformIterator).
    pub fn for_each(self, for_each: impl Into<ForEach>) -> Self {
        let for_each = for_each.into();
        self.with(|m| m.for_each = Some(for_each))
    }

    /// The module as an expression: `module.ID`.
    pub fn fqn(&self) -> Expression {
        Expression::element(self.node.referent())
    }

    /// The output `name`, typed by the caller: `${module.ID.NAME}`.
    pub fn get<T>(&self, name: &str) -> Value<T> {
        Value::from_expression(self.fqn().attr(name))
    }

    /// A string output.
    pub fn get_string(&self, name: &str) -> Value<String> {
        self.get(name)
    }

    /// A number output.
    pub fn get_number(&self, name: &str) -> Value<f64> {
        self.get(name)
    }

    /// A bool output.
    pub fn get_bool(&self, name: &str) -> Value<bool> {
        self.get(name)
    }

    /// A list output.
    pub fn get_list<T>(&self, name: &str) -> Value<Vec<T>> {
        self.get(name)
    }

    /// An output of any type.
    pub fn get_any(&self, name: &str) -> Value<Dynamic> {
        self.get(name)
    }

    /// The tree node.
    pub fn node(&self) -> &Node {
        &self.node
    }
}

impl TerraformElement for TerraformHclModule {
    fn element_node(&self) -> &Node {
        &self.node
    }
}

impl Dependable for TerraformHclModule {
    fn dependable_node(&self) -> &Node {
        &self.node
    }
}

impl ElementImpl for ModuleImpl {
    fn address(&self, logical_id: &str) -> String {
        format!("module.{logical_id}")
    }

    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        for (name, value) in &self.variables {
            m.insert(name.clone(), to_json(value, cx));
        }
        m.insert("source".into(), self.source.clone().into());
        if let Some(v) = &self.version {
            m.insert("version".into(), v.clone().into());
        }
        if !self.providers.is_empty() {
            let mut providers = serde_json::Map::new();
            for (key, node) in &self.providers {
                if providers.contains_key(key) {
                    cx.error(Error::InvalidConfig {
                        path: el.node.path().to_string(),
                        message: format!("multiple providers have the same alias: {key:?}"),
                    });
                }
                providers.insert(key.clone(), provider_fqn(node).into());
            }
            m.insert("providers".into(), serde_json::Value::Object(providers));
        }
        if !self.depends_on.is_empty() {
            let deps = self
                .depends_on
                .iter()
                .map(|n| {
                    crate::expr::reference_text(&Repr::Expr(Expression::element(n.referent())), cx)
                })
                .collect();
            m.insert("depends_on".into(), serde_json::Value::Array(deps));
        }
        if let Some(for_each) = &self.for_each {
            if let Some(e) = for_each.misuse(el.node.path()) {
                cx.error(e);
            }
            m.insert("for_each".into(), to_json(&for_each.0, cx));
        }
        let attributes = cx.finish_element(el, serde_json::Value::Object(m), true);
        serde_json::json!({ "module": { (el.logical_id.clone()): attributes } })
    }

    fn metadata(&self, el: &ElementInfo<'_>) -> Option<serde_json::Value> {
        if el.overrides.is_empty() {
            return None;
        }
        let keys: Vec<serde_json::Value> = el.overrides.keys().map(|k| k.clone().into()).collect();
        let mut overrides = serde_json::Map::new();
        overrides.insert(
            format!("module.{}", self.source),
            serde_json::Value::Array(keys),
        );
        Some(serde_json::json!({ "overrides": overrides }))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
