//! What elements render into: the context synthesis hands each element of a stack, which resolves
//! references (within the stack, or across stacks through remote state) and collects problems,
//! and the JSON merges elements use to build their fragments.

use std::rc::Rc;

use crate::construct::Node;
use crate::element::ElementInfo;
use crate::error::Error;
use crate::expr::{Referent, Resolve, MAX_DEPTH};
use crate::logical_id;

/// What rendering a stack's elements needs and collects.
pub(crate) struct SynthContext<'a> {
    stack: &'a Node,
    errors: &'a mut Vec<Error>,
    cross: &'a mut crate::cross_stack::CrossStack,
    /// Path of the element being rendered, for errors found while rendering values.
    current: String,
    /// Whether a too-deep value was reported for `current` already.
    too_deep_reported: bool,
}

impl<'a> SynthContext<'a> {
    /// A context for the elements of `stack`.
    pub(crate) fn new(
        stack: &'a Node,
        errors: &'a mut Vec<Error>,
        cross: &'a mut crate::cross_stack::CrossStack,
    ) -> Self {
        SynthContext {
            stack,
            errors,
            cross,
            current: stack.path().to_string(),
            too_deep_reported: false,
        }
    }

    /// Starts rendering `node` (an element, or the stack itself for its overrides).
    pub(crate) fn start(&mut self, node: &Node) {
        self.current = node.path().to_string();
        self.too_deep_reported = false;
    }

    pub(crate) fn error(&mut self, error: Error) {
        self.errors.push(error);
    }

    pub(crate) fn stack_name(&self) -> &str {
        self.stack.id()
    }

    /// Merges an element's overrides into its attributes (reporting an override that passes
    /// through a non-object value), then adds its `//` metadata block if asked to.
    pub(crate) fn finish_element(
        &mut self,
        el: &ElementInfo<'_>,
        mut attributes: serde_json::Value,
        with_metadata: bool,
    ) -> serde_json::Value {
        for (key, value) in el.overrides {
            // Overrides are user strings: markers in their values and keys resolve, as elsewhere.
            let key = crate::expr::resolve_string(key, self);
            let value = crate::expr::json_resolve(value, self);
            if let Err(at) = merge_override(&mut attributes, &key, &value) {
                self.error(Error::OverrideThroughNonObject {
                    path: el.node.path().to_string(),
                    override_path: at.clone(),
                    at,
                });
            }
        }
        if with_metadata {
            if let serde_json::Value::Object(m) = &mut attributes {
                let mut meta = match m.remove("//") {
                    Some(serde_json::Value::Object(existing)) => existing,
                    _ => serde_json::Map::new(),
                };
                if let serde_json::Value::Object(mine) = el.node_metadata() {
                    meta.extend(mine);
                }
                m.insert("//".into(), serde_json::Value::Object(meta));
            }
        }
        attributes
    }
}

impl Resolve for SynthContext<'_> {
    fn token(&mut self, app: u64, index: usize) -> Option<crate::expr::Repr> {
        let tokens = &self.stack.0.app.tokens;
        if app != tokens.id {
            return None;
        }
        tokens.get(index)
    }

    fn too_deep(&mut self) {
        if !self.too_deep_reported {
            self.too_deep_reported = true;
            self.errors.push(Error::TooDeep {
                path: self.current.clone(),
                what: "a value or expression".into(),
                limit: MAX_DEPTH,
            });
        }
    }

    fn invalid(&mut self, message: String) {
        self.errors.push(Error::InvalidConfig {
            path: self.current.clone(),
            message,
        });
    }

    fn element_reference(&mut self, target: &Rc<dyn Referent>, suffix: &str) -> String {
        let Some(node) = Node::of_referent(target) else {
            return String::new();
        };
        if !node.same_app(self.stack) {
            self.errors.push(Error::ForeignReference {
                path: self.stack.path().to_string(),
            });
            return String::new();
        }
        let mut reference = element_address(&node);
        reference.push_str(suffix);
        match node.stack() {
            Some(target) if target != *self.stack => {
                self.cross.reference(self.stack, &target, &reference)
            }
            _ => reference,
        }
    }
}

/// The address of an element as seen from its own stack.
pub(crate) fn element_address(node: &Node) -> String {
    logical_id::with_element_id(node, |id| match node.element() {
        Some(el) => el.imp.address(id),
        None => id.to_string(),
    })
}

/// Merges one top-level override key into an element's JSON. Objects merge recursively; a value
/// replaces. Returns the offending path when an object would have to pass through a non-object.
fn merge_override(
    target: &mut serde_json::Value,
    key: &str,
    value: &serde_json::Value,
) -> std::result::Result<(), String> {
    let serde_json::Value::Object(map) = target else {
        return Err(key.to_string());
    };
    match (map.get_mut(key), value) {
        (Some(existing @ serde_json::Value::Object(_)), serde_json::Value::Object(src)) => {
            for (k, v) in src {
                merge_override(existing, k, v).map_err(|at| format!("{key}.{at}"))?;
            }
            Ok(())
        }
        (Some(serde_json::Value::Null) | None, _) => {
            map.insert(key.to_string(), value.clone());
            Ok(())
        }
        (Some(_), serde_json::Value::Object(_)) => Err(key.to_string()),
        (Some(slot), _) => {
            *slot = value.clone();
            Ok(())
        }
    }
}

/// cdktf's `deepMerge`: objects merge recursively, arrays concatenate, other values replace.
pub(crate) fn deep_merge(target: &mut serde_json::Value, source: &serde_json::Value) {
    let (serde_json::Value::Object(t), serde_json::Value::Object(s)) = (&mut *target, source)
    else {
        *target = source.clone();
        return;
    };
    for (key, value) in s {
        match (t.get_mut(key), value) {
            (Some(existing @ serde_json::Value::Object(_)), serde_json::Value::Object(_)) => {
                deep_merge(existing, value);
            }
            (Some(serde_json::Value::Array(existing)), serde_json::Value::Array(items)) => {
                existing.extend(items.iter().cloned());
            }
            _ => {
                t.insert(key.clone(), value.clone());
            }
        }
    }
}

/// [`deep_merge`] taking the source by value: subtrees move instead of being copied, which keeps
/// peak memory at one copy of the document for large stacks.
pub(crate) fn deep_merge_owned(target: &mut serde_json::Value, source: serde_json::Value) {
    let serde_json::Value::Object(t) = target else {
        *target = source;
        return;
    };
    let serde_json::Value::Object(s) = source else {
        *target = source;
        return;
    };
    for (key, value) in s {
        match (t.get_mut(&key), value) {
            (
                Some(existing @ serde_json::Value::Object(_)),
                value @ serde_json::Value::Object(_),
            ) => {
                deep_merge_owned(existing, value);
            }
            (Some(serde_json::Value::Array(existing)), serde_json::Value::Array(items)) => {
                existing.extend(items);
            }
            (_, value) => {
                t.insert(key, value);
            }
        }
    }
}
