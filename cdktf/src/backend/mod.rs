//! Backends: where Terraform keeps a stack's state. A stack without one uses [`LocalBackend`].

mod local;

pub use local::LocalBackend;

use std::any::Any;

use crate::construct::Scope;
use crate::element::{new_element, ElementImpl, ElementInfo};
use crate::synth::SynthContext;

/// A backend element: `terraform.backend.<kind>` (or `terraform.cloud`).
pub(crate) struct BackendImpl {
    /// The backend type: `local`, `s3`, ... (`cloud` for the cloud block).
    pub(crate) kind: &'static str,
    pub(crate) config: serde_json::Map<String, serde_json::Value>,
}

impl BackendImpl {
    pub(crate) fn fragment(&self) -> serde_json::Value {
        let config = serde_json::Value::Object(self.config.clone());
        if self.kind == "cloud" {
            serde_json::json!({ "terraform": { "cloud": config } })
        } else {
            serde_json::json!({ "terraform": { "backend": { (self.kind): config } } })
        }
    }
}

/// `<working directory>/terraform.<stack>.tfstate`, as cdktf writes it.
pub(crate) fn default_local_state_path(stack_name: &str) -> String {
    let file = format!("terraform.{stack_name}.tfstate");
    match std::env::current_dir() {
        Ok(dir) => dir.join(file).to_string_lossy().into_owned(),
        Err(_) => file,
    }
}

pub(crate) fn create(
    scope: &impl Scope,
    kind: &'static str,
    config: serde_json::Map<String, serde_json::Value>,
) -> crate::Node {
    // cdktf names every backend construct "backend", so a second one is a duplicate-id error.
    new_element(scope, "backend", Box::new(BackendImpl { kind, config }))
}

impl ElementImpl for BackendImpl {
    fn address(&self, _logical_id: &str) -> String {
        String::new()
    }

    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value {
        let mut backend = BackendImpl {
            kind: self.kind,
            config: self.config.clone(),
        };
        if self.kind == "local" && !backend.config.contains_key("path") {
            backend.config.insert(
                "path".into(),
                default_local_state_path(cx.stack_name()).into(),
            );
        }
        cx.finish_element(el, backend.fragment(), false)
    }

    fn metadata(&self, _el: &ElementInfo<'_>) -> Option<serde_json::Value> {
        Some(serde_json::json!({ "backend": self.kind }))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// The `terraform_remote_state` backend type and config that read the state of `stack`: its
/// backend's own configuration (the local default when it has none).
pub(crate) fn remote_state_config(stack: &crate::Node) -> (String, serde_json::Value) {
    let mut todo = stack.children();
    while let Some(n) = todo.pop() {
        if n.is_stack() {
            continue;
        }
        if let Some(el) = n.element() {
            if let Some(b) = el.imp.as_any().downcast_ref::<BackendImpl>() {
                return b.remote_state();
            }
        }
        todo.extend(n.children());
    }
    (
        "local".into(),
        serde_json::json!({ "path": default_local_state_path(stack.id()) }),
    )
}

impl BackendImpl {
    /// How `terraform_remote_state` reads this backend: the same type and settings, except for the
    /// `cloud` block, which is read through the `remote` backend.
    fn remote_state(&self) -> (String, serde_json::Value) {
        let kind = if self.kind == "cloud" {
            "remote"
        } else {
            self.kind
        };
        (
            kind.to_string(),
            serde_json::Value::Object(self.config.clone()),
        )
    }
}
