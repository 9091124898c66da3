//! `variable` blocks and `locals`.

use std::any::Any;

use crate::any_value::AnyValue;
use crate::construct::{Node, Scope};
use crate::element::{new_element, ElementImpl, ElementInfo, TerraformElement};
use crate::expr::{to_json, Expression, Repr};
use crate::render::SynthContext;
use crate::value::Value;

/// An input variable of a stack.
///
/// ```
/// use cdktf::functions::length;
/// use cdktf::{App, TerraformStack, TerraformVariable, Value};
/// let app = App::new();
/// let stack = TerraformStack::new(&app, "demo");
/// let region = TerraformVariable::new(&stack, "region")
///     .type_constraint("string")
///     .default("eu-west-1");
/// let region = region
///     .clone()
///     .validation(length(region.string_value()).gt(0), "region must not be empty");
/// let r: Value<String> = region.value();
/// # let _ = r;
/// ```
///
/// A condition is a typed `Value<bool>` (built with [`functions`](crate::functions) and
/// [`operators`](crate::operators)); `cdktf::Expression::raw("length(var.region) > 0")` still
/// works as an escape hatch.
#[derive(Clone, Debug)]
pub struct TerraformVariable {
    node: Node,
}

#[derive(Default)]
struct VariableImpl {
    type_constraint: Option<String>,
    default: Option<Repr>,
    description: Option<String>,
    sensitive: Option<bool>,
    nullable: Option<bool>,
    validation: Vec<(Repr, Repr)>,
}

impl TerraformVariable {
    /// Declares the variable `id`.
    pub fn new(scope: &impl Scope, id: &str) -> Self {
        TerraformVariable {
            node: new_element(scope, id, Box::<VariableImpl>::default()),
        }
    }

    fn with(self, f: impl FnOnce(&mut VariableImpl)) -> Self {
        self.node.with_element(f);
        self
    }

    /// The type constraint, in Terraform's type syntax (`"string"`, `"list(number)"`,
    /// `"object({ name = string })"`).
    pub fn type_constraint(self, ty: impl Into<String>) -> Self {
        let ty = ty.into();
        self.with(|v| v.type_constraint = Some(ty))
    }

    /// The default value.
    pub fn default(self, value: impl AnyValue) -> Self {
        let value = value.into_raw().0;
        self.with(|v| v.default = Some(value))
    }

    /// The description.
    pub fn description(self, text: impl Into<String>) -> Self {
        let text = text.into();
        self.with(|v| v.description = Some(text))
    }

    /// Marks the variable sensitive.
    pub fn sensitive(self, yes: bool) -> Self {
        self.with(|v| v.sensitive = Some(yes))
    }

    /// Whether `null` is an accepted value.
    pub fn nullable(self, yes: bool) -> Self {
        self.with(|v| v.nullable = Some(yes))
    }

    /// Adds a `validation` block: `condition` must hold for the value, else Terraform reports
    /// `error_message`.
    pub fn validation(
        self,
        condition: impl Into<Value<bool>>,
        error_message: impl Into<Value<String>>,
    ) -> Self {
        let c = condition.into().repr;
        let m = error_message.into().repr;
        self.with(|v| v.validation.push((c, m)))
    }

    /// A typed reference to the value: `${var.ID}`. The caller states the type.
    pub fn value<T>(&self) -> Value<T> {
        Value::from_expression(Expression::element(self.node.referent()))
    }

    /// The value as a string.
    pub fn string_value(&self) -> Value<String> {
        self.value()
    }

    /// The value as a number.
    pub fn number_value(&self) -> Value<f64> {
        self.value()
    }

    /// The value as a bool.
    pub fn bool_value(&self) -> Value<bool> {
        self.value()
    }

    /// The value as a list.
    pub fn list_value<T>(&self) -> Value<Vec<T>> {
        self.value()
    }

    /// The tree node.
    pub fn node(&self) -> &Node {
        &self.node
    }
}

impl TerraformElement for TerraformVariable {
    fn element_node(&self) -> &Node {
        &self.node
    }
}

impl ElementImpl for VariableImpl {
    fn address(&self, logical_id: &str) -> String {
        format!("var.{logical_id}")
    }

    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        if let Some(t) = &self.type_constraint {
            m.insert("type".into(), t.clone().into());
        }
        if let Some(d) = &self.default {
            m.insert("default".into(), to_json(d, cx));
        }
        if let Some(d) = &self.description {
            m.insert("description".into(), d.clone().into());
        }
        if let Some(s) = self.sensitive {
            m.insert("sensitive".into(), s.into());
        }
        if let Some(n) = self.nullable {
            m.insert("nullable".into(), n.into());
        }
        if !self.validation.is_empty() {
            let items = self
                .validation
                .iter()
                .map(|(c, msg)| {
                    serde_json::json!({
                        "condition": to_json(c, cx),
                        "error_message": to_json(msg, cx),
                    })
                })
                .collect();
            m.insert("validation".into(), serde_json::Value::Array(items));
        }
        let attributes = cx.finish_element(el, serde_json::Value::Object(m), false);
        serde_json::json!({ "variable": { (el.logical_id.clone()): attributes } })
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// A local value (`locals { ID = ... }`).
///
/// ```
/// use cdktf::{App, TerraformLocal, TerraformStack, Value};
/// let app = App::new();
/// let stack = TerraformStack::new(&app, "demo");
/// let prefix = TerraformLocal::new(&stack, "prefix", "acme");
/// let p: Value<String> = prefix.value();
/// # let _ = p;
/// ```
#[derive(Clone, Debug)]
pub struct TerraformLocal {
    node: Node,
}

struct LocalImpl {
    value: Repr,
}

impl TerraformLocal {
    /// Declares the local `id` with `value`.
    pub fn new(scope: &impl Scope, id: &str, value: impl AnyValue) -> Self {
        let imp = LocalImpl {
            value: value.into_raw().0,
        };
        TerraformLocal {
            node: new_element(scope, id, Box::new(imp)),
        }
    }

    /// A typed reference: `${local.ID}`. The caller states the type.
    pub fn value<T>(&self) -> Value<T> {
        Value::from_expression(Expression::element(self.node.referent()))
    }

    /// The tree node.
    pub fn node(&self) -> &Node {
        &self.node
    }
}

impl TerraformElement for TerraformLocal {
    fn element_node(&self) -> &Node {
        &self.node
    }
}

impl ElementImpl for LocalImpl {
    fn address(&self, logical_id: &str) -> String {
        format!("local.{logical_id}")
    }

    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value {
        let value = to_json(&self.value, cx);
        let value = cx.finish_element(el, value, false);
        serde_json::json!({ "locals": { (el.logical_id.clone()): value } })
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
