//! Meta-arguments: `depends_on`, `count`, `for_each`, `provider` and `lifecycle`, available on the
//! configuration of every resource and data source through [`MetaArguments`].

use crate::args::Args;
use crate::construct::Node;
use crate::expr::{Expression, Repr};
use crate::iterator::ForEach;
use crate::provider::Provider;
use crate::value::Value;

/// Meta-arguments of one element.
#[derive(Clone, Debug, Default)]
pub(crate) struct Meta {
    pub(crate) depends_on: Vec<Node>,
    pub(crate) count: Option<Repr>,
    pub(crate) for_each: Option<ForEach>,
    pub(crate) provider: Option<Node>,
    pub(crate) lifecycle: Option<Lifecycle>,
    pub(crate) provisioners: Vec<crate::provisioner::Provisioner>,
    pub(crate) connection: Option<crate::provisioner::Connection>,
}

/// Something another element can depend on: a resource, data source or module.
pub trait Dependable {
    /// The node of the element.
    fn dependable_node(&self) -> &Node;
}

impl<D: Dependable + ?Sized> Dependable for &D {
    fn dependable_node(&self) -> &Node {
        (**self).dependable_node()
    }
}

/// A configuration that takes meta-arguments. Generated resource and data source configurations
/// implement it; bring the trait into scope (`use cdktf::prelude::*`) to call its methods.
pub trait MetaArguments: Sized {
    #[doc(hidden)]
    fn args_mut(&mut self) -> &mut Args;

    /// Adds explicit dependencies (`depends_on`).
    fn depends_on<D: Dependable>(mut self, deps: impl IntoIterator<Item = D>) -> Self {
        let meta = self.args_mut().meta_mut();
        meta.depends_on
            .extend(deps.into_iter().map(|d| d.dependable_node().clone()));
        self
    }

    /// Creates `count` instances; use [`count_index`](crate::count_index) inside the
    /// configuration to tell them apart.
    fn count(mut self, count: impl Into<Value<f64>>) -> Self {
        self.args_mut().meta_mut().count = Some(count.into().repr);
        self
    }

    /// Creates one instance per element of a collection (`for_each`); build the argument with
    /// [`TerraformIterator`](crate::TerraformIterator) and read `each.key` / `each.value` from it.
    fn for_each(mut self, for_each: impl Into<ForEach>) -> Self {
        self.args_mut().meta_mut().for_each = Some(for_each.into());
        self
    }

    /// Uses a specific (for example aliased) provider configuration.
    fn provider(mut self, provider: &impl AsRef<Provider>) -> Self {
        self.args_mut().meta_mut().provider = Some(provider.as_ref().node().clone());
        self
    }

    /// Sets the `lifecycle` block.
    fn lifecycle(mut self, lifecycle: Lifecycle) -> Self {
        self.args_mut().meta_mut().lifecycle = Some(lifecycle);
        self
    }

    /// Adds a provisioner ([`LocalExec`](crate::LocalExec), [`FileProvisioner`](crate::FileProvisioner),
    /// [`RemoteExec`](crate::RemoteExec)); they run in the order added. Managed resources only.
    fn provisioner(mut self, provisioner: impl Into<crate::provisioner::Provisioner>) -> Self {
        let p = provisioner.into();
        self.args_mut().meta_mut().provisioners.push(p);
        self
    }

    /// Sets the `connection` provisioners use ([`Connection::ssh`](crate::Connection::ssh),
    /// [`Connection::winrm`](crate::Connection::winrm)).
    fn connection(mut self, connection: impl Into<crate::provisioner::Connection>) -> Self {
        self.args_mut().meta_mut().connection = Some(connection.into());
        self
    }
}

/// The `lifecycle` meta-argument block.
///
/// ```
/// use cdktf::Lifecycle;
/// let lc = Lifecycle::new()
///     .create_before_destroy(true)
///     .ignore_changes(["tags"]);
/// # let _ = lc;
/// ```
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct Lifecycle {
    create_before_destroy: Option<bool>,
    prevent_destroy: Option<bool>,
    ignore_changes: Option<IgnoreChanges>,
    replace_triggered_by: Vec<Repr>,
    precondition: Vec<Condition>,
    postcondition: Vec<Condition>,
}

#[derive(Clone, Debug)]
enum IgnoreChanges {
    All,
    Attributes(Vec<String>),
}

/// A `precondition` or `postcondition` of a lifecycle block.
#[derive(Clone, Debug)]
pub struct Condition {
    condition: Repr,
    error_message: Repr,
}

impl Condition {
    /// A condition that must hold, and the message Terraform shows when it does not. The
    /// condition is a typed `Value<bool>`, built with [`functions`](crate::functions) and
    /// [`operators`](crate::operators): `Condition::new(length(name).gt(0), "...")`;
    /// `Expression::raw("...")` is the escape hatch.
    pub fn new(condition: impl Into<Value<bool>>, error_message: impl Into<Value<String>>) -> Self {
        Condition {
            condition: condition.into().repr,
            error_message: error_message.into().repr,
        }
    }
}

impl Lifecycle {
    /// An empty lifecycle block.
    pub fn new() -> Self {
        Self::default()
    }

    /// `create_before_destroy`.
    pub fn create_before_destroy(mut self, yes: bool) -> Self {
        self.create_before_destroy = Some(yes);
        self
    }

    /// `prevent_destroy`.
    pub fn prevent_destroy(mut self, yes: bool) -> Self {
        self.prevent_destroy = Some(yes);
        self
    }

    /// `ignore_changes` for the named attributes (Terraform names).
    pub fn ignore_changes<S: Into<String>>(
        mut self,
        attributes: impl IntoIterator<Item = S>,
    ) -> Self {
        self.ignore_changes = Some(IgnoreChanges::Attributes(
            attributes.into_iter().map(Into::into).collect(),
        ));
        self
    }

    /// `ignore_changes = all`.
    pub fn ignore_all_changes(mut self) -> Self {
        self.ignore_changes = Some(IgnoreChanges::All);
        self
    }

    /// Adds a `replace_triggered_by` entry: an element (replaced when it changes).
    pub fn replace_triggered_by(mut self, element: &impl Dependable) -> Self {
        self.replace_triggered_by
            .push(Repr::Expr(Expression::element(
                element.dependable_node().referent(),
            )));
        self
    }

    /// Adds a `replace_triggered_by` entry: a reference to an attribute.
    pub fn replace_triggered_by_attribute<T>(mut self, reference: &Value<T>) -> Self {
        self.replace_triggered_by.push(reference.repr.clone());
        self
    }

    /// Adds a `precondition` block.
    pub fn precondition(mut self, condition: Condition) -> Self {
        self.precondition.push(condition);
        self
    }

    /// Adds a `postcondition` block.
    pub fn postcondition(mut self, condition: Condition) -> Self {
        self.postcondition.push(condition);
        self
    }

    pub(crate) fn to_json(&self, cx: &mut dyn crate::expr::Resolve) -> serde_json::Value {
        use crate::expr::to_json;
        let mut m = serde_json::Map::new();
        if let Some(b) = self.create_before_destroy {
            m.insert("create_before_destroy".into(), b.into());
        }
        if let Some(b) = self.prevent_destroy {
            m.insert("prevent_destroy".into(), b.into());
        }
        match &self.ignore_changes {
            Some(IgnoreChanges::All) => {
                m.insert("ignore_changes".into(), "all".into());
            }
            Some(IgnoreChanges::Attributes(a)) => {
                m.insert("ignore_changes".into(), a.clone().into());
            }
            None => {}
        }
        if !self.replace_triggered_by.is_empty() {
            let items = self
                .replace_triggered_by
                .iter()
                .map(|r| crate::expr::reference_text(r, cx))
                .collect();
            m.insert(
                "replace_triggered_by".into(),
                serde_json::Value::Array(items),
            );
        }
        for (key, conds) in [
            ("precondition", &self.precondition),
            ("postcondition", &self.postcondition),
        ] {
            if !conds.is_empty() {
                let items = conds
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "condition": to_json(&c.condition, cx),
                            "error_message": to_json(&c.error_message, cx),
                        })
                    })
                    .collect();
                m.insert(key.into(), serde_json::Value::Array(items));
            }
        }
        serde_json::Value::Object(m)
    }
}

/// `${count.index}`: the index of the current instance of an element that uses `count`.
pub fn count_index() -> Value<f64> {
    Value::from_expression(Expression::raw("count.index"))
}
