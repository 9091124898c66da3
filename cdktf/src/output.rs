//! `output` blocks.

use std::any::Any;

use crate::any_value::AnyValue;
use crate::construct::{Node, Scope};
use crate::element::{new_element, ElementImpl, ElementInfo, TerraformElement};
use crate::expr::{to_json, Expression, Repr};
use crate::meta::Dependable;
use crate::render::SynthContext;

/// A Terraform output of a stack.
///
/// ```
/// use cdktf::{App, TerraformOutput, TerraformStack};
/// let app = App::new();
/// let stack = TerraformStack::new(&app, "demo");
/// TerraformOutput::new(&stack, "greeting", "hello")
///     .description("A friendly word")
///     .sensitive(true);
/// ```
#[derive(Clone, Debug)]
pub struct TerraformOutput {
    node: Node,
}

#[derive(Default)]
pub(crate) struct OutputImpl {
    pub(crate) value: Option<Repr>,
    description: Option<String>,
    sensitive: Option<bool>,
    depends_on: Vec<Node>,
}

impl TerraformOutput {
    /// Creates the output `id` with `value`.
    pub fn new(scope: &impl Scope, id: &str, value: impl AnyValue) -> Self {
        let imp = OutputImpl {
            value: Some(value.into_raw().0),
            ..OutputImpl::default()
        };
        TerraformOutput {
            node: new_element(scope, id, Box::new(imp)),
        }
    }

    fn with(self, f: impl FnOnce(&mut OutputImpl)) -> Self {
        self.node.with_element(f);
        self
    }

    /// Sets the description.
    pub fn description(self, text: impl Into<String>) -> Self {
        let text = text.into();
        self.with(|o| o.description = Some(text))
    }

    /// Marks the output sensitive: Terraform hides its value in the CLI output.
    pub fn sensitive(self, yes: bool) -> Self {
        self.with(|o| o.sensitive = Some(yes))
    }

    /// Adds explicit dependencies, written as bare references (`"tfe_team.t"`).
    ///
    /// **Differs from cdktf**, on purpose: cdktf 0.21 writes an output's `depends_on` as
    /// interpolations (`"${tfe_team.t}"`), which `terraform validate` rejects ("A single static
    /// variable reference is required"). The bare form is what Terraform's JSON syntax takes, as
    /// cdktf itself writes for resources.
    pub fn depends_on<D: Dependable>(self, deps: impl IntoIterator<Item = D>) -> Self {
        let nodes: Vec<Node> = deps
            .into_iter()
            .map(|d| d.dependable_node().clone())
            .collect();
        self.with(|o| o.depends_on.extend(nodes))
    }

    /// The tree node.
    pub fn node(&self) -> &Node {
        &self.node
    }
}

impl TerraformElement for TerraformOutput {
    fn element_node(&self) -> &Node {
        &self.node
    }
}

impl ElementImpl for OutputImpl {
    fn address(&self, logical_id: &str) -> String {
        format!("output.{logical_id}")
    }

    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        if let Some(v) = &self.value {
            m.insert("value".into(), to_json(v, cx));
        }
        if let Some(d) = &self.description {
            m.insert("description".into(), d.clone().into());
        }
        if let Some(s) = self.sensitive {
            m.insert("sensitive".into(), s.into());
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
        let attributes = cx.finish_element(el, serde_json::Value::Object(m), false);
        serde_json::json!({ "output": { (el.logical_id.clone()): attributes } })
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
