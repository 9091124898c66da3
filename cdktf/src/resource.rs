//! Resources, data sources and ephemeral resources: the base of every generated binding.

use std::any::Any;

use crate::args::Args;
use crate::construct::{Node, Scope};
use crate::element::{new_element, ElementImpl, ElementInfo, TerraformElement};
use crate::error::Error;
use crate::expr::{to_json, Expression, Repr};
use crate::meta::Dependable;
use crate::render::SynthContext;
use crate::value::FromExpression;

/// Which block an element is written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceMode {
    /// `resource "TYPE" "NAME"`.
    Managed,
    /// `data "TYPE" "NAME"`.
    Data,
    /// `ephemeral "TYPE" "NAME"`.
    Ephemeral,
}

impl ResourceMode {
    fn block_key(self) -> &'static str {
        match self {
            ResourceMode::Managed => "resource",
            ResourceMode::Data => "data",
            ResourceMode::Ephemeral => "ephemeral",
        }
    }
}

/// A handle to a resource, data source or ephemeral resource in the construct tree.
///
/// Generated bindings wrap it and deref to it, so every generated resource has these methods and
/// those of [`TerraformElement`] (overrides, logical id).
#[derive(Clone, Debug)]
pub struct Resource {
    node: Node,
    tf_type: &'static str,
    mode: ResourceMode,
    uses_for_each: bool,
}

pub(crate) struct ResourceImpl {
    pub(crate) tf_type: &'static str,
    pub(crate) mode: ResourceMode,
    pub(crate) args: Args,
}

impl Resource {
    /// Creates an element of Terraform type `tf_type` under `scope`. Generated constructors call
    /// this; users call the generated `Type::new`.
    pub fn create(
        scope: &impl Scope,
        id: &str,
        tf_type: &'static str,
        mode: ResourceMode,
        args: Args,
    ) -> Self {
        let uses_for_each = args.meta.as_ref().is_some_and(|m| m.for_each.is_some());
        let imp = ResourceImpl {
            tf_type,
            mode,
            args,
        };
        let node = new_element(scope, id, Box::new(imp));
        Resource {
            node,
            tf_type,
            mode,
            uses_for_each,
        }
    }

    /// The resource, data source or ephemeral resource at `node`, if it is one of Terraform type
    /// `tf_type` and mode `mode`: how generated `from_node` finds its own elements (for aspects).
    pub fn from_node(node: &Node, tf_type: &str, mode: ResourceMode) -> Option<Self> {
        let el = node.element()?;
        let imp = el.imp.as_any().downcast_ref::<ResourceImpl>()?;
        (imp.tf_type == tf_type && imp.mode == mode).then(|| Resource {
            node: node.clone(),
            tf_type: imp.tf_type,
            mode: imp.mode,
            uses_for_each: imp.args.meta.as_ref().is_some_and(|m| m.for_each.is_some()),
        })
    }

    /// Replaces the element's arguments (meta-arguments included) with `f` of them: what
    /// generated `configure` calls, so that an aspect changes a resource through its typed
    /// setters. References taken before keep the `for_each` form they were made with.
    pub fn update_args(&self, f: impl FnOnce(Args) -> Args) {
        self.node.with_element(|imp: &mut ResourceImpl| {
            let args = std::mem::take(&mut imp.args);
            imp.args = f(args);
        });
    }

    /// Whether the element uses `for_each`.
    pub(crate) fn uses_for_each(&self) -> bool {
        self.uses_for_each
    }

    /// Whether the element uses `count`.
    pub(crate) fn uses_count(&self) -> bool {
        self.node.element().is_some_and(|el| {
            el.imp
                .as_any()
                .downcast_ref::<ResourceImpl>()
                .and_then(|r| r.args.meta.as_ref())
                .is_some_and(|m| m.count.is_some())
        })
    }

    /// The Terraform type, such as `tfe_agent_token`.
    pub fn terraform_resource_type(&self) -> &'static str {
        self.tf_type
    }

    /// Whether this is a resource, a data source or an ephemeral resource.
    pub fn mode(&self) -> ResourceMode {
        self.mode
    }

    /// The tree node.
    pub fn node(&self) -> &Node {
        &self.node
    }

    /// The element itself as an expression (`TYPE.NAME`), for example to pass a whole resource
    /// where Terraform accepts an object.
    pub fn fqn(&self) -> Expression {
        Expression::element(self.node.referent())
    }

    /// A typed reference to the attribute `name` (its Terraform name). Generated getters call
    /// this. For an element that uses `for_each`, the reference is to all instances
    /// (`TYPE.NAME.*.attr`), as cdktf writes it.
    pub fn attr<R: FromExpression>(&self, name: &str) -> R {
        R::from_expression(self.attr_expression(name))
    }

    /// The expression of the attribute `name`.
    pub fn attr_expression(&self, name: &str) -> Expression {
        let base = Expression::element(self.node.referent());
        if self.uses_for_each {
            base.attr("*").attr(name)
        } else {
            base.attr(name)
        }
    }
}

impl crate::value::Attributes for Resource {
    fn attribute(&self, name: &str) -> Expression {
        self.attr_expression(name)
    }
}

impl Scope for Resource {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl TerraformElement for Resource {
    fn element_node(&self) -> &Node {
        &self.node
    }
}

impl Dependable for Resource {
    fn dependable_node(&self) -> &Node {
        &self.node
    }
}

impl AsRef<Resource> for Resource {
    fn as_ref(&self) -> &Resource {
        self
    }
}

impl ElementImpl for ResourceImpl {
    fn address(&self, logical_id: &str) -> String {
        // `concat`, not `format!`: synthesis asks for every element's address.
        let prefix = match self.mode {
            ResourceMode::Managed => "",
            ResourceMode::Data => "data.",
            ResourceMode::Ephemeral => "ephemeral.",
        };
        [prefix, self.tf_type, ".", logical_id].concat()
    }

    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value {
        let mut attributes = self.args.to_json(cx);
        if let (Some(meta), serde_json::Value::Object(m)) = (&self.args.meta, &mut attributes) {
            if meta.count.is_some() && meta.for_each.is_some() {
                cx.error(Error::CountAndForEach {
                    path: el.node.path().to_string(),
                });
            }
            if let Some(e) = meta
                .for_each
                .as_ref()
                .and_then(|f| f.misuse(el.node.path()))
            {
                cx.error(e);
            }
            if !meta.depends_on.is_empty() {
                let deps = meta
                    .depends_on
                    .iter()
                    .map(|n| {
                        crate::expr::reference_text(
                            &Repr::Expr(Expression::element(n.referent())),
                            cx,
                        )
                    })
                    .collect();
                m.insert("depends_on".into(), serde_json::Value::Array(deps));
            }
            if let Some(count) = &meta.count {
                m.insert("count".into(), to_json(count, cx));
            }
            if let Some(provider) = &meta.provider {
                m.insert(
                    "provider".into(),
                    crate::provider::provider_fqn(provider).into(),
                );
            }
            if let Some(lifecycle) = &meta.lifecycle {
                m.insert("lifecycle".into(), lifecycle.to_json(cx));
            }
            if let Some(for_each) = &meta.for_each {
                m.insert("for_each".into(), to_json(&for_each.0, cx));
            }
        }
        if let (Some(meta), serde_json::Value::Object(m)) = (&self.args.meta, &mut attributes) {
            crate::provisioner::render_meta(meta, self.mode, el.node, cx, m);
        }
        let attributes = cx.finish_element(el, attributes, true);
        let block = serde_json::json!({
            self.mode.block_key(): { self.tf_type: { el.logical_id.clone(): attributes } }
        });
        // Import and moved blocks (blocks/) may add to the fragment or drop the resource block.
        crate::blocks::resource_fragment(cx, el, self.tf_type, self.mode, block)
    }

    fn metadata(&self, el: &ElementInfo<'_>) -> Option<serde_json::Value> {
        let refactor = crate::blocks::resource_metadata(el, self.tf_type);
        if el.overrides.is_empty() {
            return refactor;
        }
        let keys: Vec<serde_json::Value> = el.overrides.keys().map(|k| k.clone().into()).collect();
        let mut meta = serde_json::json!({ "overrides": { self.tf_type: keys } });
        if let Some(r) = refactor {
            crate::render::deep_merge(&mut meta, &r);
        }
        Some(meta)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
