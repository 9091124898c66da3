//! `terraform_data` (Terraform 1.4+), the built-in resource that needs no provider: cdktf's
//! `DataResource`, typed like a generated resource.
//!
//! ```
//! use cdktf::prelude::*;
//! use cdktf::{LocalExec, TerraformData, TerraformDataConfig};
//!
//! let app = App::new();
//! let stack = TerraformStack::new(&app, "demo");
//! let version = TerraformData::new(&stack, "version", TerraformDataConfig::new().input("1.2.3"));
//! TerraformData::new(&stack, "deploy", TerraformDataConfig::new()
//!     .triggers_replace(version.output())
//!     .provisioner(LocalExec::new(format!("echo deploying {}", version.output()))));
//! let json = app.synth_stack("demo")?;
//! assert_eq!(
//!     json["resource"]["terraform_data"]["deploy"]["triggers_replace"],
//!     "${terraform_data.version.output}"
//! );
//! # Ok::<(), cdktf::Error>(())
//! ```

use crate::any_value::AnyValue;
use crate::args::{Args, Object};
use crate::blocks::import::ImportableResource;
use crate::construct::{Node, Scope};
use crate::meta::{Dependable, MetaArguments};
use crate::provider::Provider;
use crate::resource::{Resource, ResourceMode};
use crate::value::{Dynamic, Value};

/// The configuration of a [`TerraformData`]: every argument is optional, and both take a value
/// of any type (as outputs do).
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct TerraformDataConfig(Args);

impl TerraformDataConfig {
    /// An empty configuration.
    pub fn new() -> Self {
        Self::default()
    }

    /// `input`: any value, stored in the state and echoed as `output`; a change updates the
    /// resource in place.
    pub fn input(mut self, value: impl AnyValue) -> Self {
        self.0
            .set_value::<Dynamic>("input", Value::from_repr(value.into_raw().0));
        self
    }

    /// `triggers_replace`: any value; a change replaces the resource (and reruns its
    /// creation-time provisioners).
    pub fn triggers_replace(mut self, value: impl AnyValue) -> Self {
        self.0
            .set_value::<Dynamic>("triggers_replace", Value::from_repr(value.into_raw().0));
        self
    }
}

impl Object for TerraformDataConfig {
    fn into_args(self) -> Args {
        self.0
    }
}

impl MetaArguments for TerraformDataConfig {
    fn args_mut(&mut self) -> &mut Args {
        &mut self.0
    }
}

/// A `terraform_data` resource: create it with [`TerraformData::new`].
#[derive(Clone, Debug)]
pub struct TerraformData(Resource);

impl TerraformData {
    /// The Terraform type.
    pub const TF_TYPE: &'static str = "terraform_data";

    /// Adds the resource to `scope` under `id`.
    pub fn new(scope: &impl Scope, id: &str, config: TerraformDataConfig) -> Self {
        TerraformData(Resource::create(
            scope,
            id,
            Self::TF_TYPE,
            ResourceMode::Managed,
            config.into_args(),
        ))
    }

    /// The resource at `node`, if it is a `terraform_data` (for aspects).
    pub fn from_node(node: &Node) -> Option<Self> {
        Resource::from_node(node, Self::TF_TYPE, ResourceMode::Managed).map(TerraformData)
    }

    /// Changes the configuration through its typed setters (for aspects).
    pub fn configure(&self, f: impl FnOnce(TerraformDataConfig) -> TerraformDataConfig) {
        self.0.update_args(|args| f(TerraformDataConfig(args)).0);
    }

    /// An `import` block for a `terraform_data` that is not in the configuration yet (cdktf's
    /// `DataResource.generateConfigForImport`).
    pub fn generate_config_for_import(
        scope: &impl Scope,
        import_to_id: &str,
        import_from_id: impl Into<Value<String>>,
        provider: Option<&Provider>,
    ) -> ImportableResource {
        ImportableResource::new(scope, import_to_id, Self::TF_TYPE, import_from_id, provider)
    }

    /// `id`: a unique id Terraform assigns.
    pub fn id(&self) -> Value<String> {
        self.0.attr("id")
    }

    /// `input` as stored.
    pub fn input(&self) -> Value<Dynamic> {
        self.0.attr("input")
    }

    /// `output`: the value of `input` after apply (known only then if `input` is unknown).
    pub fn output(&self) -> Value<Dynamic> {
        self.0.attr("output")
    }

    /// `triggers_replace` as stored.
    pub fn triggers_replace(&self) -> Value<Dynamic> {
        self.0.attr("triggers_replace")
    }
}

impl std::ops::Deref for TerraformData {
    type Target = Resource;
    fn deref(&self) -> &Resource {
        &self.0
    }
}

impl AsRef<Resource> for TerraformData {
    fn as_ref(&self) -> &Resource {
        &self.0
    }
}

impl Dependable for TerraformData {
    fn dependable_node(&self) -> &Node {
        self.0.node()
    }
}

impl Scope for TerraformData {
    fn node(&self) -> &Node {
        self.0.node()
    }
}
