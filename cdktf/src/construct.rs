//! The construct tree: every app, stack, user construct and Terraform element is a node in it.
//!
//! Nodes are reference-counted handles (`Rc`), so a handle such as a generated resource is cheap to
//! clone and stays valid as long as anything holds it. The tree is single-threaded, like cdktf's.
//!
//! The tree knows nothing of what its nodes are: a stack or an element keeps its state in the
//! node's role (see [`Node::role`]), which the layers above define and read.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::{Rc, Weak};

use crate::error::Error;
use crate::expr::tokens::TokenTable;
use crate::expr::Referent;

/// Something constructs can be created in: an [`App`](crate::App), a
/// [`TerraformStack`](crate::TerraformStack), a [`Construct`], or any handle that derefs to one.
pub trait Scope {
    /// The tree node of this scope.
    fn node(&self) -> &Node;
}

impl<S: Scope + ?Sized> Scope for &S {
    fn node(&self) -> &Node {
        (**self).node()
    }
}

impl Scope for Node {
    fn node(&self) -> &Node {
        self
    }
}

/// A handle to one node of the construct tree.
#[derive(Clone)]
pub struct Node(pub(crate) Rc<NodeInner>);

pub(crate) struct NodeInner {
    pub(crate) id: String,
    pub(crate) path: String,
    pub(crate) parent: Option<Weak<NodeInner>>,
    pub(crate) children: RefCell<Vec<Node>>,
    /// Ids of `children`, for the duplicate check (a linear scan is quadratic in large stacks).
    child_ids: RefCell<HashSet<String>>,
    /// What the node is, for the layers above (a stack's or an element's state); `None` for the
    /// app and plain constructs.
    role: Option<Box<dyn Any>>,
    pub(crate) app: Rc<AppShared>,
    /// Data the layers above the tree attach to a node (annotations, validations, aspects, move
    /// targets), one value per type, so that the tree itself knows nothing of them.
    ext: RefCell<Vec<Box<dyn Any>>>,
}

/// State shared by every node of one app.
pub(crate) struct AppShared {
    /// Problems found while the tree was built; `App::synth` returns them.
    pub(crate) errors: RefCell<Vec<Error>>,
    /// Values formatted into strings (see `expr::tokens`). Emptied when the app's root node is
    /// dropped: the values hold nodes, which hold this, and the cycle must not outlive the App.
    pub(crate) tokens: Rc<TokenTable>,
}

impl Drop for NodeInner {
    fn drop(&mut self) {
        if self.parent.is_none() {
            self.app.tokens.clear();
        }
    }
}

impl std::fmt::Debug for Node {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Node({:?})", self.path())
    }
}

impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Node {}

impl Node {
    /// The root of a new tree: the app.
    pub(crate) fn new_root() -> Node {
        let app = Rc::new(AppShared {
            errors: RefCell::new(Vec::new()),
            tokens: TokenTable::new(),
        });
        Node(Rc::new(NodeInner {
            id: String::new(),
            path: String::new(),
            parent: None,
            children: RefCell::new(Vec::new()),
            child_ids: RefCell::new(HashSet::new()),
            role: None,
            app,
            ext: RefCell::default(),
        }))
    }

    /// Adds a child with the given role (see [`Node::role`]). A duplicate or invalid id is
    /// recorded as an error (returned by `synth`), and the child is still created, detached from
    /// the tree, so that the caller gets a usable handle.
    pub(crate) fn add_child(&self, id: &str, role: Option<Box<dyn Any>>) -> Node {
        let path = if self.0.path.is_empty() {
            id.to_string()
        } else {
            format!("{}/{}", self.0.path, id)
        };
        let child = Node(Rc::new(NodeInner {
            id: id.to_string(),
            path,
            parent: Some(Rc::downgrade(&self.0)),
            children: RefCell::new(Vec::new()),
            child_ids: RefCell::new(HashSet::new()),
            role,
            app: self.0.app.clone(),
            ext: RefCell::default(),
        }));
        if let Some(reason) = invalid_id_reason(id) {
            self.record_error(Error::InvalidId {
                scope: self.display_path(),
                id: id.to_string(),
                reason: reason.to_string(),
            });
            return child;
        }
        if !self.0.child_ids.borrow_mut().insert(id.to_string()) {
            self.record_error(Error::DuplicateId {
                scope: self.display_path(),
                id: id.to_string(),
            });
            return child;
        }
        self.0.children.borrow_mut().push(child.clone());
        child
    }

    /// The node's id within its scope (empty for the app).
    pub fn id(&self) -> &str {
        &self.0.id
    }

    /// The node's path from the app: the ids of its scopes and itself joined with `/`.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    fn display_path(&self) -> String {
        if self.0.path.is_empty() {
            "<app>".to_string()
        } else {
            self.0.path.clone()
        }
    }

    /// The scope this node was created in (`None` for the app).
    pub fn parent(&self) -> Option<Node> {
        self.0.parent.as_ref().and_then(Weak::upgrade).map(Node)
    }

    /// The direct children, in creation order.
    pub fn children(&self) -> Vec<Node> {
        self.0.children.borrow().clone()
    }

    pub(crate) fn record_error(&self, error: Error) {
        self.0.app.errors.borrow_mut().push(error);
    }

    /// The node's role, if it has one of type `T`.
    pub(crate) fn role<T: 'static>(&self) -> Option<&T> {
        self.0.role.as_deref()?.downcast_ref()
    }

    pub(crate) fn same_app(&self, other: &Node) -> bool {
        Rc::ptr_eq(&self.0.app, &other.0.app)
    }

    /// `f` of this node's attached value of type `T`, if it has one (nothing is created: reading
    /// the many nodes that have none costs no allocation).
    pub(crate) fn ext_ref<T: 'static, R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        let ext = self.0.ext.borrow();
        ext.iter().find_map(|b| b.downcast_ref::<T>()).map(f)
    }

    /// Runs `f` on this node's attached value of type `T` (created empty on first use). `f` must
    /// not reach the same node's `T` again (the slot is borrowed while it runs).
    pub(crate) fn with_ext<T: Default + 'static, R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut ext = self.0.ext.borrow_mut();
        let index = match ext.iter().position(|b| b.is::<T>()) {
            Some(i) => i,
            None => {
                ext.push(Box::<T>::default());
                ext.len() - 1
            }
        };
        match ext[index].downcast_mut::<T>() {
            Some(value) => f(value),
            // Unreachable: the slot at `index` holds a `T`; a fresh value keeps this total.
            None => f(&mut T::default()),
        }
    }
}

impl Referent for NodeInner {
    fn tokens(&self) -> &Rc<TokenTable> {
        &self.app.tokens
    }

    fn into_any(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
}

impl std::fmt::Debug for NodeInner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Node({:?})", self.path)
    }
}

impl Node {
    /// This node as what an expression refers to (the same allocation, not a copy).
    pub(crate) fn referent(&self) -> Rc<dyn Referent> {
        self.0.clone()
    }

    /// The node an expression refers to (every [`Referent`] is a node).
    pub(crate) fn of_referent(target: &Rc<dyn Referent>) -> Option<Node> {
        Rc::clone(target).into_any().downcast().ok().map(Node)
    }
}

/// Why an id cannot be used, if it cannot. `/` would make paths ambiguous, and an empty id has no
/// path at all.
fn invalid_id_reason(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("ids must not be empty")
    } else if id.contains('/') {
        Some("ids must not contain '/' (it separates path components)")
    } else if id.contains('\0') {
        Some("ids must not contain NUL")
    } else {
        None
    }
}

/// A user-defined construct: a named scope that groups resources, such as a reusable component.
///
/// Embed it in your own type and implement [`Scope`] to make that type a scope:
///
/// ```
/// use cdktf::{App, Construct, Scope, TerraformStack, TerraformOutput, Node};
///
/// struct Service {
///     scope: Construct,
/// }
///
/// impl Service {
///     fn new(scope: &impl Scope, id: &str) -> Self {
///         let scope = Construct::new(scope, id);
///         TerraformOutput::new(&scope, "name", id);
///         Service { scope }
///     }
/// }
///
/// impl Scope for Service {
///     fn node(&self) -> &Node {
///         self.scope.node()
///     }
/// }
///
/// let app = App::new();
/// let stack = TerraformStack::new(&app, "prod");
/// let api = Service::new(&stack, "api");
/// assert_eq!(api.node().path(), "prod/api");
/// ```
#[derive(Clone, Debug)]
pub struct Construct {
    node: Node,
}

impl Construct {
    /// Creates a construct named `id` under `scope`.
    pub fn new(scope: &impl Scope, id: &str) -> Self {
        Construct {
            node: scope.node().add_child(id, None),
        }
    }
}

impl Scope for Construct {
    fn node(&self) -> &Node {
        &self.node
    }
}
