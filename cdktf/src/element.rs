//! What every Terraform element (resource, data source, provider, output, variable, ...) shares:
//! a logical id, overrides, and its contribution to the stack's JSON.

use std::any::Any;
use std::cell::{Ref, RefCell, RefMut};

use crate::construct::{Node, Scope};
use crate::error::Error;
use crate::render::SynthContext;

/// The state of one element node.
pub(crate) struct ElementState {
    pub(crate) imp: Box<dyn ElementImpl>,
    pub(crate) logical_id_override: Option<String>,
    /// The id derived from the element's path, which never changes: computed once, as references
    /// to the element ask for it each time they render.
    pub(crate) derived_id: std::cell::OnceCell<String>,
    /// Raw overrides, nested by path segment, merged into the element's JSON last.
    pub(crate) overrides: serde_json::Map<String, serde_json::Value>,
}

impl Drop for ElementState {
    fn drop(&mut self) {
        // Overrides may nest deeply; see `expr::drop`.
        crate::expr::drop_json_map(&mut self.overrides);
    }
}

/// What an element kind contributes to synthesis.
pub(crate) trait ElementImpl: Any {
    /// How references address the element (`aws_s3_bucket.b`, `data.x.y`, `var.v`).
    fn address(&self, logical_id: &str) -> String;

    /// The element's fragment of the stack JSON, with overrides applied.
    fn to_terraform(&self, cx: &mut SynthContext<'_>, el: &ElementInfo<'_>) -> serde_json::Value;

    /// The element's contribution to the stack's `//.metadata` block.
    fn metadata(&self, _el: &ElementInfo<'_>) -> Option<serde_json::Value> {
        None
    }

    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// What synthesis knows about an element when it asks the element for its JSON.
pub(crate) struct ElementInfo<'a> {
    pub(crate) node: &'a Node,
    pub(crate) logical_id: String,
    pub(crate) overrides: &'a serde_json::Map<String, serde_json::Value>,
}

impl ElementInfo<'_> {
    /// The per-element `//` block.
    pub(crate) fn node_metadata(&self) -> serde_json::Value {
        serde_json::json!({
            "metadata": {
                "path": self.node.path(),
                "uniqueId": self.logical_id,
            }
        })
    }
}

/// Creates an element node under `scope`.
pub(crate) fn new_element(scope: &impl Scope, id: &str, imp: Box<dyn ElementImpl>) -> Node {
    let state = RefCell::new(ElementState {
        imp,
        logical_id_override: None,
        derived_id: std::cell::OnceCell::new(),
        overrides: serde_json::Map::new(),
    });
    let node = scope.node().add_child(id, Some(Box::new(state)));
    if node.stack().is_none() {
        node.record_error(Error::NoStack {
            path: node.path().to_string(),
        });
    }
    node
}

/// What the tree knows of elements: the element layer adds it to [`Node`].
impl Node {
    pub(crate) fn element(&self) -> Option<Ref<'_, ElementState>> {
        self.role::<RefCell<ElementState>>().map(RefCell::borrow)
    }

    pub(crate) fn element_mut(&self) -> Option<RefMut<'_, ElementState>> {
        self.role::<RefCell<ElementState>>()
            .map(RefCell::borrow_mut)
    }

    /// Runs `f` on the element state of this node if it is an element of kind `T`. Handles use it
    /// for their chained setters.
    pub(crate) fn with_element<T: 'static>(&self, f: impl FnOnce(&mut T)) {
        if let Some(mut el) = self.element_mut() {
            if let Some(imp) = el.imp.as_any_mut().downcast_mut::<T>() {
                f(imp);
            }
        }
    }
}

/// Methods every element handle has: escape hatches and identity.
pub trait TerraformElement {
    /// The element's tree node.
    fn element_node(&self) -> &Node;

    /// Overrides a value in the synthesized JSON of this element: `path` is a `.`-separated path
    /// below the element's own object (`"lifecycle.prevent_destroy"`), `value` any JSON.
    ///
    /// A path that passes through a value that is not an object is reported by `synth`.
    fn add_override(&self, path: &str, value: serde_json::Value) {
        let node = self.element_node();
        let Some(mut el) = node.element_mut() else {
            return;
        };
        if let Err(e) = insert_override(&mut el.overrides, path, value) {
            drop(el);
            node.record_error(e.at(node.path()));
        }
    }

    /// Uses `logical_id` as the element's name in Terraform instead of the one derived from its
    /// construct path.
    ///
    /// `synth` reports a name Terraform would reject (it must start with an ASCII letter or `_`
    /// and hold only letters, digits, `_` and `-`) and a name another element of the same kind in
    /// the stack already has, naming both.
    fn override_logical_id(&self, logical_id: &str) {
        if let Some(mut el) = self.element_node().element_mut() {
            el.logical_id_override = Some(logical_id.to_string());
        }
    }

    /// Goes back to the logical id derived from the construct path.
    fn reset_override_logical_id(&self) {
        if let Some(mut el) = self.element_node().element_mut() {
            el.logical_id_override = None;
        }
    }

    /// The element's logical id: the override if one is set, else the id derived from its path.
    fn logical_id(&self) -> String {
        crate::logical_id::of_element(self.element_node())
    }
}

/// An override path problem, before the element's path is known.
pub(crate) enum OverrideError {
    Empty(String),
    TooDeep(String),
    ThroughNonObject { path: String, at: String },
}

impl OverrideError {
    pub(crate) fn at(self, element_path: &str) -> Error {
        match self {
            OverrideError::Empty(p) => Error::InvalidOverridePath {
                path: element_path.to_string(),
                override_path: p,
            },
            OverrideError::TooDeep(p) => Error::TooDeep {
                path: element_path.to_string(),
                what: format!("the override path {:?}", truncate(&p)),
                limit: crate::expr::MAX_DEPTH,
            },
            OverrideError::ThroughNonObject { path, at } => Error::OverrideThroughNonObject {
                path: element_path.to_string(),
                override_path: path,
                at,
            },
        }
    }
}

/// The start of a long text, for error messages.
fn truncate(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

/// Inserts `value` at the `.`-separated `path`, creating objects on the way (as cdktf does).
/// Unlike cdktf, an existing non-object value on the way is an error rather than silently
/// replaced: it would drop an earlier override.
pub(crate) fn insert_override(
    root: &mut serde_json::Map<String, serde_json::Value>,
    path: &str,
    value: serde_json::Value,
) -> Result<(), OverrideError> {
    let parts: Vec<&str> = path.split('.').collect();
    if parts.len() > crate::expr::MAX_DEPTH {
        return Err(OverrideError::TooDeep(path.to_string()));
    }
    if parts.iter().any(|p| p.is_empty()) {
        return Err(OverrideError::Empty(path.to_string()));
    }
    let (last, init) = parts
        .split_last()
        .ok_or_else(|| OverrideError::Empty(path.to_string()))?;
    let mut cur = root;
    for (i, part) in init.iter().enumerate() {
        let entry = cur
            .entry((*part).to_string())
            .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
        match entry {
            serde_json::Value::Object(m) => cur = m,
            _ => {
                return Err(OverrideError::ThroughNonObject {
                    path: path.to_string(),
                    at: parts[..=i].join("."),
                })
            }
        }
    }
    cur.insert((*last).to_string(), value);
    Ok(())
}
