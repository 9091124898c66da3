//! Objects of named arguments (nested blocks, configuration objects) and dynamic blocks, as
//! values: what the layers above build from generated structs, rendered here with every other
//! value.

use std::collections::BTreeMap;

use super::{to_json, Repr, Resolve};

/// The arguments of a nested block or configuration object, keyed by Terraform name.
pub(crate) type Attrs = BTreeMap<&'static str, Repr>;

/// A `dynamic` block as written under an object's `dynamic` key: Terraform repeats `content` once
/// per element of `for_each`, naming the current one `iterator` in it.
#[derive(Debug)]
pub(crate) struct DynamicBlock {
    pub(crate) for_each: Repr,
    pub(crate) iterator: String,
    pub(crate) content: Attrs,
}

impl DynamicBlock {
    pub(crate) fn to_json(&self, cx: &mut dyn Resolve) -> serde_json::Value {
        if !super::is_terraform_identifier(&self.iterator) {
            cx.invalid(format!(
                "a dynamic block's iterator is named {:?}, which is not a Terraform identifier \
                 (a letter or `_`, then letters, digits, `_` and `-`)",
                self.iterator
            ));
        }
        serde_json::json!({
            "content": object_to_json(&self.content, cx),
            "for_each": to_json(&self.for_each, cx),
            "iterator": self.iterator,
        })
    }
}

/// Renders arguments as a JSON object. Dynamic blocks go under the `dynamic` key, as Terraform
/// expects.
pub(crate) fn object_to_json(attrs: &Attrs, cx: &mut dyn Resolve) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    let mut dynamic = serde_json::Map::new();
    for (name, repr) in attrs {
        match repr {
            Repr::Dynamic(d) => {
                dynamic.insert((*name).to_string(), d.to_json(cx));
            }
            other => {
                out.insert((*name).to_string(), to_json(other, cx));
            }
        }
    }
    if !dynamic.is_empty() {
        out.insert("dynamic".into(), serde_json::Value::Object(dynamic));
    }
    serde_json::Value::Object(out)
}
