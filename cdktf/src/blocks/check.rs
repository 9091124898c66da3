//! `check` blocks (Terraform 1.5): assertions about the infrastructure that warn instead of
//! failing, with scoped data sources read only for the check. cdktf never had them.
//!
//! A [`TerraformCheck`] is a scope: data sources created in it are written inside the check
//! block (and can be referenced only from its assertions).
//!
//! ```
//! use cdktf::prelude::*;
//! use cdktf::{Args, Resource, ResourceMode, TerraformCheck};
//!
//! let app = App::new();
//! let stack = TerraformStack::new(&app, "demo");
//! let check = TerraformCheck::new(&stack, "health");
//! let mut args = Args::new();
//! args.set::<String>("backend", "local");
//! let state = Resource::create(&check, "state", "terraform_remote_state", ResourceMode::Data, args);
//! // Any Value<bool>: here the output `healthy` of the state the data source reads.
//! let healthy = Value::from_expression(state.attr_expression("outputs").attr("healthy"));
//! check.assert(healthy, "the service reports itself unhealthy");
//! let json = app.synth_stack("demo")?;
//! let scoped = json["check"]["health"]["data"]["terraform_remote_state"].as_object().unwrap();
//! let (name, state) = scoped.iter().next().unwrap();
//! assert!(name.starts_with("health_state_")); // named after its path, as elements in constructs
//! assert_eq!(state["backend"], "local");
//! assert!(json.get("data").is_none());
//! # Ok::<(), cdktf::Error>(())
//! ```

use std::any::Any;

use crate::construct::{Node, Scope};
use crate::element::{new_element, ElementImpl, ElementInfo, TerraformElement};
use crate::error::Error;
use crate::expr::{to_json, Repr};
use crate::render::SynthContext;
use crate::resource::{ResourceImpl, ResourceMode};
use crate::value::Value;

/// A `check` block.
#[derive(Clone, Debug)]
pub struct TerraformCheck {
    node: Node,
}

#[derive(Default)]
struct CheckImpl {
    asserts: Vec<(Repr, Repr)>,
}

impl TerraformCheck {
    /// Creates the check `id` (its logical id is the block's name).
    pub fn new(scope: &impl Scope, id: &str) -> Self {
        TerraformCheck {
            node: new_element(scope, id, Box::<CheckImpl>::default()),
        }
    }

    /// Adds an `assert` block: Terraform warns with `error_message` when `condition` is false.
    pub fn assert(
        &self,
        condition: impl Into<Value<bool>>,
        error_message: impl Into<Value<String>>,
    ) -> &Self {
        let c = condition.into().repr;
        let m = error_message.into().repr;
        self.node
            .with_element(|check: &mut CheckImpl| check.asserts.push((c, m)));
        self
    }

    /// The tree node.
    pub fn node(&self) -> &Node {
        &self.node
    }
}

impl Scope for TerraformCheck {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl TerraformElement for TerraformCheck {
    fn element_node(&self) -> &Node {
        &self.node
    }
}

/// Whether `node` is a check block: synthesis writes the elements below it inside the check,
/// not at the top level of the stack.
pub(crate) fn is_check(node: &Node) -> bool {
    node.element()
        .is_some_and(|el| el.imp.as_any().is::<CheckImpl>())
}

impl ElementImpl for CheckImpl {
    fn address(&self, logical_id: &str) -> String {
        format!("check.{logical_id}")
    }

    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        let mut data = serde_json::Value::Object(serde_json::Map::new());
        for node in el.node.find_all().into_iter().skip(1) {
            let Some(child) = node.element() else {
                continue;
            };
            let is_data = child
                .imp
                .as_any()
                .downcast_ref::<ResourceImpl>()
                .is_some_and(|r| r.mode == ResourceMode::Data);
            if !is_data {
                cx.error(Error::InvalidConfig {
                    path: node.path().to_string(),
                    message: "only data sources can be created in a check block".into(),
                });
                continue;
            }
            let info = ElementInfo {
                node: &node,
                logical_id: crate::logical_id::of_element(&node),
                overrides: &child.overrides,
            };
            let mut fragment = child.imp.to_terraform(cx, &info);
            if let Some(d) = fragment.get_mut("data") {
                crate::render::deep_merge_owned(&mut data, d.take());
            }
        }
        if data.as_object().is_some_and(|d| !d.is_empty()) {
            m.insert("data".into(), data);
        }
        let asserts: Vec<serde_json::Value> = self
            .asserts
            .iter()
            .map(|(c, msg)| {
                serde_json::json!({
                    "condition": to_json(c, cx),
                    "error_message": to_json(msg, cx),
                })
            })
            .collect();
        if asserts.is_empty() {
            cx.error(Error::InvalidConfig {
                path: el.node.path().to_string(),
                message: "a check block needs at least one assert".into(),
            });
        }
        m.insert("assert".into(), serde_json::Value::Array(asserts));
        let body = cx.finish_element(el, serde_json::Value::Object(m), false);
        serde_json::json!({ "check": { (el.logical_id.clone()): body } })
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
