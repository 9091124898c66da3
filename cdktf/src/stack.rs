//! `TerraformStack`: one Terraform configuration, written to `stacks/<name>/cdk.tf.json`.

use std::cell::RefCell;

use crate::construct::{Node, Scope};
use crate::element::{insert_override, OverrideError};
use crate::error::Error;

/// A stack: the unit that synthesizes to one `cdk.tf.json` and that Terraform runs on its own.
///
/// ```
/// use cdktf::{App, TerraformStack};
/// let app = App::new();
/// let network = TerraformStack::new(&app, "network");
/// let service = TerraformStack::new(&app, "service");
/// # let _ = (network, service);
/// ```
///
/// Not `Send` or `Sync`: see [`App`](crate::App#threads) for using several threads.
#[derive(Clone, Debug)]
pub struct TerraformStack {
    node: Node,
}

/// Per-stack state kept in the tree.
#[derive(Default)]
pub(crate) struct StackState {
    pub(crate) overrides: serde_json::Map<String, serde_json::Value>,
    pub(crate) dependencies: Vec<Node>,
}

impl Drop for StackState {
    fn drop(&mut self) {
        // Overrides may nest deeply; see `expr::drop`.
        crate::expr::drop_json_map(&mut self.overrides);
    }
}

/// What the tree knows of stacks: the stack layer adds it to [`Node`].
impl Node {
    /// The stack this node belongs to: itself if it is a stack, else the nearest enclosing stack.
    pub fn stack(&self) -> Option<Node> {
        let mut cur = Some(self.clone());
        while let Some(n) = cur {
            if n.is_stack() {
                return Some(n);
            }
            cur = n.parent();
        }
        None
    }

    /// Whether this node is a [`TerraformStack`].
    pub fn is_stack(&self) -> bool {
        self.stack_state().is_some()
    }

    pub(crate) fn stack_state(&self) -> Option<&RefCell<StackState>> {
        self.role()
    }
}

impl TerraformStack {
    /// Creates the stack `name` under `scope` (normally the [`App`](crate::App)).
    ///
    /// A name that cdktf rejects (whitespace, or one of `*?[]{}!`), or that could escape the
    /// output directory, is reported by `synth`.
    pub fn new(scope: &impl Scope, name: &str) -> Self {
        let node = scope
            .node()
            .add_child(name, Some(Box::new(RefCell::new(StackState::default()))));
        if let Some(reason) = invalid_stack_name(name) {
            node.record_error(Error::InvalidStackName {
                name: name.to_string(),
                reason: reason.to_string(),
            });
        }
        TerraformStack { node }
    }

    /// The stack's name (its construct id).
    pub fn name(&self) -> &str {
        self.node.id()
    }

    /// Overrides a value in the stack's synthesized JSON (`"terraform.required_version"`). The
    /// override's top-level keys are listed in the `//.metadata.overrides.stack` block, as cdktf
    /// does.
    pub fn add_override(&self, path: &str, value: serde_json::Value) {
        let Some(state) = self.node.stack_state() else {
            return;
        };
        let result = insert_override(&mut state.borrow_mut().overrides, path, value);
        if let Err(e) = result {
            self.node
                .record_error(OverrideError::at(e, self.node.path()));
        }
    }

    /// Declares that this stack must be deployed after `other` (recorded in `manifest.json`).
    pub fn add_dependency(&self, other: &TerraformStack) {
        if let Some(state) = self.node.stack_state() {
            let mut state = state.borrow_mut();
            if !state.dependencies.contains(&other.node) {
                state.dependencies.push(other.node.clone());
            }
        }
    }
}

impl Scope for TerraformStack {
    fn node(&self) -> &Node {
        &self.node
    }
}

/// Why a stack name cannot be used, if it cannot.
fn invalid_stack_name(name: &str) -> Option<&'static str> {
    if name.chars().any(char::is_whitespace) {
        return Some("it contains a whitespace character");
    }
    if name.chars().any(|c| "*?[]{}!".contains(c)) {
        return Some("it contains a glob character (one of *?[]{}!)");
    }
    if name == "." || name == ".." {
        return Some("it would escape the output directory");
    }
    if name.contains(['/', '\\', '\0']) {
        return Some("it contains a path separator or NUL");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::invalid_stack_name;

    #[test]
    fn rejects_names_cdktf_rejects_and_path_escapes() {
        for bad in [
            "a b", "a*", "x?", "[x]", "{x}", "x!", "..", ".", "a/b", "a\\b", "a\0",
        ] {
            assert!(invalid_stack_name(bad).is_some(), "{bad:?} accepted");
        }
        for good in ["prod", "agent-token-example", "a.b", "stack_1"] {
            assert!(invalid_stack_name(good).is_none(), "{good:?} rejected");
        }
    }
}
