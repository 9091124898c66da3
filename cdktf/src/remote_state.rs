//! `terraform_remote_state` data sources: read the outputs of another Terraform configuration.

use std::any::Any;

use crate::backend::{
    AzurermBackendConfig, GcsBackendConfig, LocalBackendConfig, RemoteBackendConfig,
    S3BackendConfig, Settings,
};
use crate::construct::{Node, Scope};
use crate::element::{new_element, ElementImpl, ElementInfo, TerraformElement};
use crate::expr::{to_json, Expression, Repr};
use crate::render::SynthContext;
use crate::value::{Dynamic, Value};

/// A `terraform_remote_state` data source: the outputs of another configuration's state.
///
/// cdktf has one class per backend (`DataTerraformRemoteStateS3`, ...); here one type has one
/// constructor per backend, taking the same configuration type as the backend itself.
///
/// ```
/// use cdktf::backend::S3BackendConfig;
/// use cdktf::{App, TerraformOutput, TerraformRemoteState, TerraformStack};
///
/// let app = App::new();
/// let stack = TerraformStack::new(&app, "app");
/// let network = TerraformRemoteState::s3(
///     &stack,
///     "network",
///     S3BackendConfig::new("state", "network.tfstate").region("eu-west-1"),
/// )
/// .workspace("prod");
/// TerraformOutput::new(&stack, "vpc", network.get_string("vpc_id"));
///
/// let json = app.synth_stack("app")?;
/// let data = &json["data"]["terraform_remote_state"]["network"];
/// assert_eq!(data["backend"], "s3");
/// assert_eq!(data["config"]["bucket"], "state");
/// assert_eq!(data["workspace"], "prod");
/// assert_eq!(
///     json["output"]["vpc"]["value"],
///     "${data.terraform_remote_state.network.outputs.vpc_id}"
/// );
/// # Ok::<(), cdktf::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct TerraformRemoteState {
    node: Node,
}

struct RemoteStateImpl {
    backend: String,
    config: Settings,
    workspace: Option<String>,
    defaults: Option<Repr>,
}

impl TerraformRemoteState {
    /// Reads state stored by a backend of type `backend` with `config` (its settings, by
    /// Terraform name). The typed constructors below are preferable.
    pub fn new(scope: &impl Scope, id: &str, backend: &str, config: Settings) -> Self {
        let imp = RemoteStateImpl {
            backend: backend.to_string(),
            config,
            workspace: None,
            defaults: None,
        };
        TerraformRemoteState {
            node: new_element(scope, id, Box::new(imp)),
        }
    }

    /// Reads state from a local file (cdktf's `DataTerraformRemoteStateLocal`).
    pub fn local(scope: &impl Scope, id: &str, config: LocalBackendConfig) -> Self {
        Self::new(scope, id, "local", config.into_settings())
    }

    /// Reads state from Amazon S3 (cdktf's `DataTerraformRemoteStateS3`).
    pub fn s3(scope: &impl Scope, id: &str, config: S3BackendConfig) -> Self {
        Self::new(scope, id, "s3", config.into_settings())
    }

    /// Reads state from Google Cloud Storage (cdktf's `DataTerraformRemoteStateGcs`).
    pub fn gcs(scope: &impl Scope, id: &str, config: GcsBackendConfig) -> Self {
        Self::new(scope, id, "gcs", config.into_settings())
    }

    /// Reads state from Azure Storage (cdktf's `DataTerraformRemoteStateAzurerm`).
    pub fn azurerm(scope: &impl Scope, id: &str, config: AzurermBackendConfig) -> Self {
        Self::new(scope, id, "azurerm", config.into_settings())
    }

    /// Reads state from an HCP Terraform / Terraform Enterprise workspace (cdktf's
    /// `DataTerraformRemoteState`).
    pub fn remote(scope: &impl Scope, id: &str, config: RemoteBackendConfig) -> Self {
        Self::new(scope, id, "remote", config.into_settings())
    }

    fn with(self, f: impl FnOnce(&mut RemoteStateImpl)) -> Self {
        self.node.with_element(f);
        self
    }

    /// The workspace whose state is read (Terraform's default: `default`).
    pub fn workspace(self, workspace: impl Into<String>) -> Self {
        let workspace = workspace.into();
        self.with(|r| r.workspace = Some(workspace))
    }

    /// Values used for outputs the state does not have.
    pub fn defaults(self, defaults: serde_json::Value) -> Self {
        self.with(|r| r.defaults = Some(Repr::Json(defaults)))
    }

    /// The data source as an expression: `data.terraform_remote_state.ID`.
    pub fn fqn(&self) -> Expression {
        Expression::element(self.node.referent())
    }

    /// The output `name`, typed by the caller: `${data.terraform_remote_state.ID.outputs.NAME}`.
    pub fn get<T>(&self, name: &str) -> Value<T> {
        Value::from_expression(self.fqn().attr("outputs").attr(name))
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

impl TerraformElement for TerraformRemoteState {
    fn element_node(&self) -> &Node {
        &self.node
    }
}

/// The body of a `data.terraform_remote_state.<id>` block as cdktf writes it: no `//` metadata,
/// `workspace` and `defaults` only when set.
pub(crate) fn remote_state_body(
    backend: &str,
    config: &Settings,
    workspace: Option<&str>,
    defaults: Option<serde_json::Value>,
) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    m.insert("backend".into(), backend.into());
    m.insert("config".into(), serde_json::Value::Object(config.clone()));
    if let Some(w) = workspace {
        m.insert("workspace".into(), w.into());
    }
    if let Some(d) = defaults {
        m.insert("defaults".into(), d);
    }
    serde_json::Value::Object(m)
}

impl ElementImpl for RemoteStateImpl {
    fn address(&self, logical_id: &str) -> String {
        format!("data.terraform_remote_state.{logical_id}")
    }

    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value {
        let defaults = self.defaults.as_ref().map(|d| to_json(d, cx));
        let body = remote_state_body(
            &self.backend,
            &self.config,
            self.workspace.as_deref(),
            defaults,
        );
        let body = cx.finish_element(el, body, false);
        serde_json::json!({ "data": { "terraform_remote_state": { (el.logical_id.clone()): body } } })
    }

    fn metadata(&self, el: &ElementInfo<'_>) -> Option<serde_json::Value> {
        if el.overrides.is_empty() {
            return None;
        }
        let keys: Vec<serde_json::Value> = el.overrides.keys().map(|k| k.clone().into()).collect();
        Some(serde_json::json!({ "overrides": { "terraform_remote_state": keys } }))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
