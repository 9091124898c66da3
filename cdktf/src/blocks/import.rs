//! `import` blocks (Terraform 1.5): [`Resource::import_from`] adopts an existing object into a
//! resource of the configuration, and [`ImportableResource`] (cdktf's `generateConfigForImport`)
//! asks `terraform plan -generate-config-out=FILE` to write the resource's configuration.
//!
//! ```
//! use cdktf::prelude::*;
//! use cdktf::{Args, Resource, ResourceMode};
//!
//! let app = App::new();
//! let stack = TerraformStack::new(&app, "demo");
//! let data = Resource::create(&stack, "adopted", "terraform_data", ResourceMode::Managed, Args::new());
//! data.import_from("a7f3c1e2-0000-4000-8000-000000000000");
//! let json = app.synth_stack("demo")?;
//! assert_eq!(json["import"][0]["to"], "terraform_data.adopted");
//! # Ok::<(), cdktf::Error>(())
//! ```
//!
//! Unlike cdktf, synthesis does not run `terraform version` to check that Terraform is 1.5 or newer.

use std::any::Any;

use super::Refactor;
use crate::construct::{Node, Scope};
use crate::element::{new_element, ElementImpl, ElementInfo, TerraformElement};
use crate::error::Error;
use crate::expr::{to_json, Repr};
use crate::provider::{provider_fqn, Provider};
use crate::render::SynthContext;
use crate::resource::{Resource, ResourceMode};
use crate::value::Value;

/// The import of one resource.
#[derive(Clone, Debug)]
pub(crate) struct Import {
    id: Repr,
    provider: Option<Node>,
}

impl Import {
    /// The entry of the stack's `import` list for the resource at `address`.
    pub(crate) fn to_json(&self, cx: &mut SynthContext<'_>, address: String) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("id".into(), to_json(&self.id, cx));
        if let Some(p) = &self.provider {
            m.insert("provider".into(), provider_fqn(p).into());
        }
        m.insert("to".into(), address.into());
        serde_json::Value::Object(m)
    }
}

impl Resource {
    /// Imports the existing object `id` into this resource (an `import` block, Terraform 1.5+;
    /// `id` may be an expression since Terraform 1.6).
    pub fn import_from(&self, id: impl Into<Value<String>>) {
        self.set_import(id.into().repr, None);
    }

    /// [`import_from`](Self::import_from) through a specific (for example aliased) provider
    /// configuration.
    pub fn import_from_with_provider(
        &self,
        id: impl Into<Value<String>>,
        provider: &impl AsRef<Provider>,
    ) {
        let provider = provider.as_ref().node().clone();
        self.set_import(id.into().repr, Some(provider));
    }

    fn set_import(&self, id: Repr, provider: Option<Node>) {
        if self.mode() != ResourceMode::Managed {
            self.node().record_error(Error::InvalidConfig {
                path: self.node().path().to_string(),
                message: "only managed resources can be imported".into(),
            });
            return;
        }
        self.node()
            .with_ext(|r: &mut Refactor| r.import = Some(Import { id, provider }));
    }
}

/// An `import` block for a resource that is not in the configuration yet (cdktf's
/// `ImportableResource`, made by `generateConfigForImport`): `terraform plan
/// -generate-config-out=generated.tf` writes its configuration, to be ported into the program.
#[derive(Clone, Debug)]
pub struct ImportableResource {
    node: Node,
}

struct ImportableImpl {
    tf_type: String,
    import: Import,
}

impl ImportableResource {
    /// Imports the object `import_from_id` as the resource `tf_type` named `import_to_id` (its
    /// construct id; the resource's address is `tf_type.<logical id>`). Generated resources
    /// have `generate_config_for_import`, which calls this with their type.
    pub fn new(
        scope: &impl Scope,
        import_to_id: &str,
        tf_type: &str,
        import_from_id: impl Into<Value<String>>,
        provider: Option<&Provider>,
    ) -> Self {
        let imp = ImportableImpl {
            tf_type: tf_type.to_string(),
            import: Import {
                id: import_from_id.into().repr,
                provider: provider.map(|p| p.node().clone()),
            },
        };
        ImportableResource {
            node: new_element(scope, import_to_id, Box::new(imp)),
        }
    }

    /// The tree node.
    pub fn node(&self) -> &Node {
        &self.node
    }
}

impl TerraformElement for ImportableResource {
    fn element_node(&self) -> &Node {
        &self.node
    }
}

impl ElementImpl for ImportableImpl {
    fn address(&self, logical_id: &str) -> String {
        format!("{}.{logical_id}", self.tf_type)
    }

    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value {
        let address = self.address(&el.logical_id);
        let entry = self.import.to_json(cx, address);
        serde_json::json!({ "import": [entry] })
    }

    fn metadata(&self, el: &ElementInfo<'_>) -> Option<serde_json::Value> {
        Some(serde_json::json!({ "importsGeneratingConfiguration": [el.logical_id.clone()] }))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
