//! Aspects: visitors applied to every construct of a subtree just before synthesis (cdktf's
//! `Aspects.of(scope).add(aspect)`).
//!
//! An aspect added to a scope visits that scope and everything below it, depth first in creation
//! order; at each construct the aspects inherited from above run first, then the construct's own,
//! each at most once per construct (synthesizing twice does not visit twice). Constructs an aspect
//! creates below the construct it visits are visited too. An aspect added by another aspect is not
//! applied, and a warning annotation says so, as in cdktf.
//!
//! Generated resources have `from_node` (is this construct one of mine?) and `configure` (change
//! my configuration through the typed setters), which is what aspects need:
//!
//! ```ignore
//! Aspects::of(&stack).add(|node: &Node| {
//!     if let Some(pool) = AgentPool::from_node(node) {
//!         pool.configure(|config| config.organization_scoped(true));
//!     }
//! });
//! ```
//!
//! Unlike cdktf, which starts from each stack and so never applies aspects added to the `App`,
//! aspects added to the app apply to every stack.

use std::rc::Rc;

use crate::annotations::Annotations;
use crate::construct::{Node, Scope};

/// A visitor of constructs (cdktf's `IAspect`). Closures `Fn(&Node)` are aspects.
pub trait Aspect {
    /// Called once for each construct of the subtree the aspect was added to.
    fn visit(&self, node: &Node);
}

impl<F: Fn(&Node)> Aspect for F {
    fn visit(&self, node: &Node) {
        self(node);
    }
}

/// The aspects added to one construct.
#[derive(Default)]
struct NodeAspects(Vec<Rc<dyn Aspect>>);

/// The aspects already applied to one construct.
#[derive(Default)]
struct Invoked(Vec<Rc<dyn Aspect>>);

/// The aspects of a construct.
pub struct Aspects {
    node: Node,
}

impl Aspects {
    /// The aspects of `scope`.
    pub fn of(scope: &impl Scope) -> Self {
        Aspects {
            node: scope.node().clone(),
        }
    }

    /// Adds an aspect: it visits this construct and every construct below it at synthesis.
    pub fn add(&self, aspect: impl Aspect + 'static) {
        let aspect: Rc<dyn Aspect> = Rc::new(aspect);
        self.node.with_ext(|a: &mut NodeAspects| a.0.push(aspect));
    }

    /// How many aspects were added to this construct.
    pub fn len(&self) -> usize {
        self.node
            .ext_ref(|a: &NodeAspects| a.0.len())
            .unwrap_or_default()
    }

    /// Whether no aspect was added to this construct.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Applies every aspect of the app's tree (the synthesis hook).
pub(crate) fn invoke(root: &Node) {
    let mut warned = false;
    recurse(root, &[], &mut warned);
}

fn recurse(node: &Node, inherited: &[Rc<dyn Aspect>], warned: &mut bool) {
    let own = node
        .ext_ref(|a: &NodeAspects| a.0.clone())
        .unwrap_or_default();
    let mut here: Vec<Rc<dyn Aspect>> = inherited.to_vec();
    here.extend(own.iter().cloned());
    for aspect in &here {
        let done = node
            .ext_ref(|i: &Invoked| i.0.iter().any(|x| Rc::ptr_eq(x, aspect)))
            .unwrap_or(false);
        if done {
            continue;
        }
        aspect.visit(node);
        let now = node
            .ext_ref(|a: &NodeAspects| a.0.len())
            .unwrap_or_default();
        if !*warned && now != own.len() {
            Annotations::of(node).add_warning(
                "We detected an Aspect was added via another Aspect, and will not be applied",
            );
            *warned = true;
        }
        node.with_ext(|i: &mut Invoked| i.0.push(aspect.clone()));
    }
    // Children are read after the visits: constructs an aspect added here are visited too.
    for child in node.children() {
        recurse(&child, &here, warned);
    }
}
