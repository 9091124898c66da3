//! Backends: where Terraform keeps a stack's state. A stack without one uses [`LocalBackend`].
//!
//! Each backend has a configuration type whose `new` takes the required settings and whose chained
//! setters add optional ones; the backend itself is created in a stack with that configuration:
//!
//! ```
//! use cdktf::backend::{S3Backend, S3BackendConfig};
//! use cdktf::{App, TerraformStack};
//!
//! let app = App::new();
//! let stack = TerraformStack::new(&app, "prod");
//! S3Backend::new(&stack, S3BackendConfig::new("my-state", "prod/terraform.tfstate").region("eu-west-1"));
//! let json = app.synth_stack("prod")?;
//! assert_eq!(json["terraform"]["backend"]["s3"]["bucket"], "my-state");
//! assert_eq!(json["//"]["metadata"]["backend"], "s3");
//! # Ok::<(), cdktf::Error>(())
//! ```
//!
//! The same configuration types read another configuration's state with
//! [`TerraformRemoteState`](crate::TerraformRemoteState).

mod azurerm;
mod cloud;
mod gcs;
mod local;
mod remote;
mod s3;

pub use azurerm::{AzurermBackend, AzurermBackendConfig};
pub use cloud::{CloudBackend, CloudBackendConfig, CloudWorkspaces};
pub use gcs::{GcsBackend, GcsBackendConfig};
pub use local::{LocalBackend, LocalBackendConfig};
pub use remote::{RemoteBackend, RemoteBackendConfig, RemoteWorkspaces};
pub use s3::{S3Backend, S3BackendConfig};

use std::any::Any;

use crate::construct::{Node, Scope};
use crate::element::{new_element, ElementImpl, ElementInfo};
use crate::render::SynthContext;

/// A backend's settings as they are written: Terraform names and JSON values.
pub type Settings = serde_json::Map<String, serde_json::Value>;

/// A backend element: `terraform.backend.<kind>` (or `terraform.cloud`).
pub(crate) struct BackendImpl {
    /// The backend type: `local`, `s3`, ... (`cloud` for the cloud block).
    pub(crate) kind: &'static str,
    pub(crate) config: Settings,
}

/// How a `terraform_remote_state` data source reads a stack's state: what cdktf's
/// `getRemoteStateDataSource` builds for each backend.
#[derive(Clone, Debug)]
pub(crate) struct RemoteStateSource {
    pub(crate) backend: &'static str,
    pub(crate) config: Settings,
    pub(crate) workspace: Option<String>,
}

/// The workspace cdktf passes to remote state of the backends that have workspaces: the reader
/// uses the workspace it runs in itself.
const CURRENT_WORKSPACE: &str = "${terraform.workspace}";

/// `<working directory>/terraform.<stack>.tfstate`, as cdktf writes it.
pub(crate) fn default_local_state_path(stack_name: &str) -> String {
    let file = format!("terraform.{stack_name}.tfstate");
    match std::env::current_dir() {
        Ok(dir) => dir.join(file).to_string_lossy().into_owned(),
        Err(_) => file,
    }
}

/// Creates the backend element of the stack of `scope`.
pub(crate) fn create(scope: &impl Scope, kind: &'static str, config: Settings) -> Node {
    // cdktf names every backend construct "backend", so a second one is a duplicate-id error.
    new_element(scope, "backend", Box::new(BackendImpl { kind, config }))
}

/// `tfc` for HCP Terraform (`app.terraform.io`, the default), `tfe` for any other host: the
/// `//.metadata.cloud` value cdktf writes for the `remote` backend and the `cloud` block.
fn host_kind(config: &Settings) -> &'static str {
    match config.get("hostname").and_then(serde_json::Value::as_str) {
        Some(h) if !h.is_empty() && !h.starts_with("app.terraform.io") => "tfe",
        _ => "tfc",
    }
}

impl BackendImpl {
    /// The settings as written, with the local backend's default path filled in.
    fn effective_config(&self, stack_name: &str) -> Settings {
        let mut config = self.config.clone();
        if self.kind == "local" && !config.contains_key("path") {
            config.insert("path".into(), default_local_state_path(stack_name).into());
        }
        config
    }

    /// How `terraform_remote_state` reads this backend, or why it cannot.
    pub(crate) fn remote_state(&self, stack_name: &str) -> Result<RemoteStateSource, String> {
        let config = self.effective_config(stack_name);
        match self.kind {
            // HCP Terraform workspaces are read through the `remote` backend, and only when the
            // block names one workspace (tags select many).
            "cloud" => {
                let name = config
                    .get("workspaces")
                    .and_then(|w| w.get("name"))
                    .cloned()
                    .ok_or_else(|| {
                        "the cloud backend only supports cross-stack references when the \
                         workspace is defined by name instead of by tags"
                            .to_string()
                    })?;
                let mut remote = Settings::new();
                for key in ["organization", "hostname", "token"] {
                    if let Some(v) = config.get(key) {
                        remote.insert(key.into(), v.clone());
                    }
                }
                remote.insert("workspaces".into(), serde_json::json!({ "name": name }));
                Ok(RemoteStateSource {
                    backend: "remote",
                    config: remote,
                    workspace: None,
                })
            }
            "remote" => Ok(RemoteStateSource {
                backend: "remote",
                config,
                workspace: None,
            }),
            kind => Ok(RemoteStateSource {
                backend: kind,
                config,
                workspace: Some(CURRENT_WORKSPACE.into()),
            }),
        }
    }
}

impl ElementImpl for BackendImpl {
    fn address(&self, _logical_id: &str) -> String {
        String::new()
    }

    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value {
        let config = serde_json::Value::Object(self.effective_config(cx.stack_name()));
        // Overrides apply to the backend's own settings, as cdktf merges them.
        let config = cx.finish_element(el, config, false);
        if self.kind == "cloud" {
            serde_json::json!({ "terraform": { "cloud": config } })
        } else {
            serde_json::json!({ "terraform": { "backend": { (self.kind): config } } })
        }
    }

    fn metadata(&self, el: &ElementInfo<'_>) -> Option<serde_json::Value> {
        let mut m = serde_json::json!({ "backend": self.kind });
        if !el.overrides.is_empty() {
            let keys: Vec<serde_json::Value> =
                el.overrides.keys().map(|k| k.clone().into()).collect();
            m["overrides"] = serde_json::json!({ "backend": keys });
        }
        if self.kind == "cloud" || self.kind == "remote" {
            m["cloud"] = host_kind(&self.config).into();
        }
        Some(m)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// The backend element of `stack`, if it has one (not descending into nested stacks).
fn backend_of(stack: &Node) -> Option<Node> {
    let mut todo = stack.children();
    while let Some(n) = todo.pop() {
        if n.is_stack() {
            continue;
        }
        let is_backend = n
            .element()
            .is_some_and(|el| el.imp.as_any().is::<BackendImpl>());
        if is_backend {
            return Some(n);
        }
        todo.extend(n.children());
    }
    None
}

/// How `terraform_remote_state` reads the state of `stack`: from its backend's configuration (the
/// default local backend when it has none), as cdktf's `getRemoteStateDataSource` does.
pub(crate) fn remote_state_config(stack: &Node) -> Result<RemoteStateSource, String> {
    if let Some(node) = backend_of(stack) {
        if let Some(el) = node.element() {
            if let Some(b) = el.imp.as_any().downcast_ref::<BackendImpl>() {
                return b.remote_state(stack.id());
            }
        }
    }
    let default = BackendImpl {
        kind: "local",
        config: Settings::new(),
    };
    default.remote_state(stack.id())
}

/// Generates chained setters for optional settings of a backend configuration type (a struct
/// with a `settings: Settings` field). Each line: doc, setter name, value kind, Terraform name.
macro_rules! optional_settings {
    ($ty:ty { $($(#[$doc:meta])* $name:ident: $kind:ident = $tf:literal;)* }) => {
        impl $ty {
            $( $crate::backend::optional_settings!(@one $(#[$doc])* $name $kind $tf); )*

            /// Sets any setting by its Terraform name, for settings this type has no setter for.
            pub fn setting(mut self, name: &str, value: serde_json::Value) -> Self {
                self.settings.insert(name.to_string(), value);
                self
            }
        }
    };
    (@one $(#[$doc:meta])* $name:ident string $tf:literal) => {
        $(#[$doc])*
        pub fn $name(mut self, value: impl Into<String>) -> Self {
            self.settings.insert($tf.into(), serde_json::Value::String(value.into()));
            self
        }
    };
    (@one $(#[$doc:meta])* $name:ident bool $tf:literal) => {
        $(#[$doc])*
        pub fn $name(mut self, value: bool) -> Self {
            self.settings.insert($tf.into(), serde_json::Value::Bool(value));
            self
        }
    };
    (@one $(#[$doc:meta])* $name:ident number $tf:literal) => {
        $(#[$doc])*
        pub fn $name(mut self, value: u32) -> Self {
            self.settings.insert($tf.into(), serde_json::Value::from(value));
            self
        }
    };
    (@one $(#[$doc:meta])* $name:ident strings $tf:literal) => {
        $(#[$doc])*
        pub fn $name<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
            let values = values.into_iter().map(|v| serde_json::Value::String(v.into())).collect();
            self.settings.insert($tf.into(), serde_json::Value::Array(values));
            self
        }
    };
    (@one $(#[$doc:meta])* $name:ident json $tf:literal) => {
        $(#[$doc])*
        pub fn $name(mut self, value: serde_json::Value) -> Self {
            self.settings.insert($tf.into(), value);
            self
        }
    };
}
pub(crate) use optional_settings;

/// Generates a backend handle type: created in a stack from its configuration, with the
/// [`TerraformElement`](crate::TerraformElement) escape hatches.
macro_rules! backend_handle {
    ($(#[$doc:meta])* $name:ident, $config:ty, $kind:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name {
            node: $crate::construct::Node,
        }

        impl $name {
            /// Uses this backend for the stack of `scope`. A stack has at most one backend.
            pub fn new(scope: &impl $crate::construct::Scope, config: $config) -> Self {
                $name {
                    node: $crate::backend::create(scope, $kind, config.settings),
                }
            }

            /// The tree node.
            pub fn node(&self) -> &$crate::construct::Node {
                &self.node
            }
        }

        impl $crate::element::TerraformElement for $name {
            fn element_node(&self) -> &$crate::construct::Node {
                &self.node
            }
        }
    };
}
pub(crate) use backend_handle;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_kind_tells_hcp_terraform_from_enterprise() {
        let mut s = Settings::new();
        assert_eq!(host_kind(&s), "tfc");
        s.insert("hostname".into(), "app.terraform.io:443".into());
        assert_eq!(host_kind(&s), "tfc");
        s.insert("hostname".into(), "tfe.example.com".into());
        assert_eq!(host_kind(&s), "tfe");
    }
}
