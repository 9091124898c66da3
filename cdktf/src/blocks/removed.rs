//! `removed` blocks (Terraform 1.7): take a resource out of the configuration, and with
//! `lifecycle { destroy = false }` out of the state only, leaving the real object alone. cdktf
//! never had them.
//!
//! ```
//! use cdktf::prelude::*;
//! use cdktf::TerraformRemoved;
//!
//! let app = App::new();
//! let stack = TerraformStack::new(&app, "demo");
//! TerraformRemoved::new(&stack, "forget-legacy", "terraform_data.legacy").destroy(false);
//! let json = app.synth_stack("demo")?;
//! assert_eq!(json["removed"][0]["from"], "terraform_data.legacy");
//! assert_eq!(json["removed"][0]["lifecycle"]["destroy"], false);
//! # Ok::<(), cdktf::Error>(())
//! ```

use std::any::Any;

use crate::construct::{Node, Scope};
use crate::element::{new_element, ElementImpl, ElementInfo, TerraformElement};
use crate::provisioner::Provisioner;
use crate::render::SynthContext;

/// A `removed` block.
#[derive(Clone, Debug)]
pub struct TerraformRemoved {
    node: Node,
}

struct RemovedImpl {
    from: String,
    destroy: Option<bool>,
    provisioners: Vec<Provisioner>,
}

impl TerraformRemoved {
    /// Removes the resource (or module) at the address `from`, such as `terraform_data.old` or
    /// `module.legacy`; `id` names the block in the construct tree only.
    pub fn new(scope: &impl Scope, id: &str, from: &str) -> Self {
        let imp = RemovedImpl {
            from: from.to_string(),
            destroy: None,
            provisioners: Vec::new(),
        };
        TerraformRemoved {
            node: new_element(scope, id, Box::new(imp)),
        }
    }

    /// `lifecycle { destroy = ... }`: `false` forgets the object without destroying it.
    pub fn destroy(self, destroy: bool) -> Self {
        self.node
            .with_element(|r: &mut RemovedImpl| r.destroy = Some(destroy));
        self
    }

    /// Adds a destroy-time provisioner (Terraform 1.9+; it must use `when = destroy`).
    pub fn provisioner(self, provisioner: impl Into<Provisioner>) -> Self {
        let provisioner = provisioner.into();
        self.node
            .with_element(|r: &mut RemovedImpl| r.provisioners.push(provisioner));
        self
    }

    /// The tree node.
    pub fn node(&self) -> &Node {
        &self.node
    }
}

impl TerraformElement for TerraformRemoved {
    fn element_node(&self) -> &Node {
        &self.node
    }
}

impl ElementImpl for RemovedImpl {
    fn address(&self, _logical_id: &str) -> String {
        self.from.clone()
    }

    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("from".into(), self.from.clone().into());
        if let Some(destroy) = self.destroy {
            m.insert(
                "lifecycle".into(),
                serde_json::json!({ "destroy": destroy }),
            );
        }
        if !self.provisioners.is_empty() {
            let items = self.provisioners.iter().map(|p| p.to_json(cx)).collect();
            m.insert("provisioner".into(), serde_json::Value::Array(items));
        }
        let block = cx.finish_element(el, serde_json::Value::Object(m), false);
        serde_json::json!({ "removed": [block] })
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
