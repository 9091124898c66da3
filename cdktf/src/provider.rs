//! Provider configurations (`provider "tfe" { ... }`) and `required_providers`.

use std::any::Any;

use crate::args::Args;
use crate::construct::{Node, Scope};
use crate::element::{new_element, ElementImpl, ElementInfo, TerraformElement};
use crate::expr::Repr;
use crate::render::SynthContext;

/// Where a provider comes from: generated bindings carry one per provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProviderInfo {
    /// The provider's local name, such as `tfe` (the key under `provider` and
    /// `required_providers`).
    pub name: &'static str,
    /// The source address, such as `hashicorp/tfe`.
    pub source: &'static str,
    /// The version constraint, if any.
    pub version: Option<&'static str>,
}

/// A handle to a provider configuration. Generated provider types wrap it and deref to it.
#[derive(Clone, Debug)]
pub struct Provider {
    node: Node,
    info: ProviderInfo,
}

pub(crate) struct ProviderImpl {
    info: ProviderInfo,
    args: Args,
}

impl Provider {
    /// Creates a provider configuration under `scope`. Generated constructors call this.
    pub fn create(scope: &impl Scope, id: &str, info: ProviderInfo, args: Args) -> Self {
        let node = new_element(scope, id, Box::new(ProviderImpl { info, args }));
        Provider { node, info }
    }

    /// The provider's local name and source.
    pub fn info(&self) -> ProviderInfo {
        self.info
    }

    /// The tree node.
    pub fn node(&self) -> &Node {
        &self.node
    }

    /// How elements refer to this configuration: `tfe`, or `tfe.ALIAS` when aliased.
    pub fn fqn(&self) -> String {
        provider_fqn(&self.node)
    }
}

/// `name` or `name.alias`.
pub(crate) fn provider_fqn(node: &Node) -> String {
    let Some(el) = node.element() else {
        return String::new();
    };
    let Some(p) = el.imp.as_any().downcast_ref::<ProviderImpl>() else {
        return String::new();
    };
    match p.args.attrs.get("alias") {
        Some(Repr::Str(alias) | Repr::Literal(alias)) => format!("{}.{alias}", p.info.name),
        _ => p.info.name.to_string(),
    }
}

impl AsRef<Provider> for Provider {
    fn as_ref(&self) -> &Provider {
        self
    }
}

impl TerraformElement for Provider {
    fn element_node(&self) -> &Node {
        &self.node
    }
}

impl ElementImpl for ProviderImpl {
    fn address(&self, _logical_id: &str) -> String {
        self.info.name.to_string()
    }

    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value {
        let attributes = self.args.to_json(cx);
        let attributes = cx.finish_element(el, attributes, false);
        let mut required = serde_json::Map::new();
        required.insert("source".into(), self.info.source.into());
        if let Some(v) = self.info.version {
            required.insert("version".into(), v.into());
        }
        serde_json::json!({
            "provider": { (self.info.name): [attributes] },
            "terraform": { "required_providers": { (self.info.name): required } },
        })
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
