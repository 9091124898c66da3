//! Synthesis: the construct tree to `manifest.json` and one `cdk.tf.json` per stack.

mod check;
pub mod json;
pub(crate) mod logical_id;
mod manifest;
mod write;

use std::collections::BTreeMap;
use std::path::Path;

use crate::construct::Node;
use crate::element::ElementInfo;
use crate::error::{Error, Result};
use crate::expr::Resolve;

pub use crate::expr::MAX_DEPTH;
pub use check::is_terraform_identifier;

/// The library version written to `//.metadata.version` and `manifest.json`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What rendering a stack's elements needs and collects.
pub(crate) struct SynthContext<'a> {
    stack: &'a Node,
    errors: &'a mut Vec<Error>,
    cross: &'a mut crate::cross_stack::CrossStack,
    /// Path of the element being rendered, for errors found while rendering values.
    current: String,
    /// Whether a too-deep value was reported for `current` already.
    too_deep_reported: bool,
}

impl SynthContext<'_> {
    pub(crate) fn error(&mut self, error: Error) {
        self.errors.push(error);
    }

    pub(crate) fn stack_name(&self) -> &str {
        self.stack.id()
    }

    /// Merges an element's overrides into its attributes (reporting an override that passes
    /// through a non-object value), then adds its `//` metadata block if asked to.
    pub(crate) fn finish_element(
        &mut self,
        el: &ElementInfo<'_>,
        mut attributes: serde_json::Value,
        with_metadata: bool,
    ) -> serde_json::Value {
        for (key, value) in el.overrides {
            // Overrides are user strings: markers in their values and keys resolve, as elsewhere.
            let key = crate::expr::resolve_string(key, self);
            let value = crate::expr::json_resolve(value, self);
            if let Err(at) = merge_override(&mut attributes, &key, &value) {
                self.error(Error::OverrideThroughNonObject {
                    path: el.node.path().to_string(),
                    override_path: at.clone(),
                    at,
                });
            }
        }
        if with_metadata {
            if let serde_json::Value::Object(m) = &mut attributes {
                let mut meta = match m.remove("//") {
                    Some(serde_json::Value::Object(existing)) => existing,
                    _ => serde_json::Map::new(),
                };
                if let serde_json::Value::Object(mine) = el.node_metadata() {
                    meta.extend(mine);
                }
                m.insert("//".into(), serde_json::Value::Object(meta));
            }
        }
        attributes
    }
}

impl Resolve for SynthContext<'_> {
    fn token(&mut self, app: u64, index: usize) -> Option<crate::expr::Repr> {
        let shared = &self.stack.0.app;
        if app != shared.id {
            return None;
        }
        let value = shared.tokens.borrow().get(index).cloned();
        value
    }

    fn too_deep(&mut self) {
        if !self.too_deep_reported {
            self.too_deep_reported = true;
            self.errors.push(Error::TooDeep {
                path: self.current.clone(),
                what: "a value or expression".into(),
                limit: MAX_DEPTH,
            });
        }
    }

    fn element_reference(&mut self, node: &Node, suffix: &str) -> String {
        if !node.same_app(self.stack) {
            self.errors.push(Error::ForeignReference {
                path: self.stack.path().to_string(),
            });
            return String::new();
        }
        let reference = format!("{}{suffix}", element_address(node));
        match node.stack() {
            Some(target) if target != *self.stack => {
                self.cross.reference(self.stack, &target, &reference)
            }
            _ => reference,
        }
    }
}

/// The address of an element as seen from its own stack.
pub(crate) fn element_address(node: &Node) -> String {
    let logical_id = logical_id::of_element(node);
    match node.element() {
        Some(el) => el.imp.address(&logical_id),
        None => logical_id,
    }
}

/// Merges one top-level override key into an element's JSON. Objects merge recursively; a value
/// replaces. Returns the offending path when an object would have to pass through a non-object.
fn merge_override(
    target: &mut serde_json::Value,
    key: &str,
    value: &serde_json::Value,
) -> std::result::Result<(), String> {
    let serde_json::Value::Object(map) = target else {
        return Err(key.to_string());
    };
    match (map.get_mut(key), value) {
        (Some(existing @ serde_json::Value::Object(_)), serde_json::Value::Object(src)) => {
            for (k, v) in src {
                merge_override(existing, k, v).map_err(|at| format!("{key}.{at}"))?;
            }
            Ok(())
        }
        (Some(serde_json::Value::Null) | None, _) => {
            map.insert(key.to_string(), value.clone());
            Ok(())
        }
        (Some(_), serde_json::Value::Object(_)) => Err(key.to_string()),
        (Some(slot), _) => {
            *slot = value.clone();
            Ok(())
        }
    }
}

/// cdktf's `deepMerge`: objects merge recursively, arrays concatenate, other values replace.
pub(crate) fn deep_merge(target: &mut serde_json::Value, source: &serde_json::Value) {
    let (serde_json::Value::Object(t), serde_json::Value::Object(s)) = (&mut *target, source)
    else {
        *target = source.clone();
        return;
    };
    for (key, value) in s {
        match (t.get_mut(key), value) {
            (Some(existing @ serde_json::Value::Object(_)), serde_json::Value::Object(_)) => {
                deep_merge(existing, value);
            }
            (Some(serde_json::Value::Array(existing)), serde_json::Value::Array(items)) => {
                existing.extend(items.iter().cloned());
            }
            _ => {
                t.insert(key.clone(), value.clone());
            }
        }
    }
}

/// [`deep_merge`] taking the source by value: subtrees move instead of being copied, which keeps
/// peak memory at one copy of the document for large stacks.
pub(crate) fn deep_merge_owned(target: &mut serde_json::Value, source: serde_json::Value) {
    let serde_json::Value::Object(t) = target else {
        *target = source;
        return;
    };
    let serde_json::Value::Object(s) = source else {
        *target = source;
        return;
    };
    for (key, value) in s {
        match (t.get_mut(&key), value) {
            (
                Some(existing @ serde_json::Value::Object(_)),
                value @ serde_json::Value::Object(_),
            ) => {
                deep_merge_owned(existing, value);
            }
            (Some(serde_json::Value::Array(existing)), serde_json::Value::Array(items)) => {
                existing.extend(items);
            }
            (_, value) => {
                t.insert(key, value);
            }
        }
    }
}

/// Every stack of the app, depth first in creation order.
pub(crate) fn stacks(root: &Node) -> Vec<Node> {
    let mut out = Vec::new();
    let mut todo = vec![root.clone()];
    while let Some(n) = todo.pop() {
        if n.is_stack() {
            out.push(n.clone());
        }
        let mut children = n.children();
        children.reverse();
        todo.extend(children);
    }
    out
}

/// The elements of a stack, depth first in creation order, not descending into nested stacks.
fn elements(stack: &Node) -> Vec<Node> {
    let mut out = Vec::new();
    let mut todo: Vec<Node> = stack.children().into_iter().rev().collect();
    while let Some(n) = todo.pop() {
        if n.is_stack() {
            continue;
        }
        if n.element().is_some() {
            out.push(n.clone());
        }
        // A check block writes the data sources below it itself.
        if crate::blocks::check::is_check(&n) {
            continue;
        }
        todo.extend(n.children().into_iter().rev());
    }
    out
}

/// The synthesized stacks of an app, in memory.
pub(crate) struct Synthesized {
    pub(crate) stacks: Vec<(Node, serde_json::Value)>,
    pub(crate) dependencies: BTreeMap<String, Vec<String>>,
}

/// Synthesizes every stack; fails with every problem found, before anything is written.
pub(crate) fn synthesize(root: &Node) -> Result<Synthesized> {
    // Aspects change the tree first; then validations and error annotations can stop synthesis.
    crate::aspects::invoke(root);
    let mut errors: Vec<Error> = root.0.app.errors.borrow().clone();
    let stacks = stacks(root);
    errors.extend(crate::annotations::check(root, &stacks));
    check::check_stack_names(&stacks, &mut errors);
    let mut cross = crate::cross_stack::CrossStack::default();
    let mut rendered = Vec::with_capacity(stacks.len());
    for stack in &stacks {
        let tf = stack_to_terraform(stack, &mut errors, &mut cross);
        rendered.push((stack.clone(), tf));
    }
    // Cross-stack references found while rendering add an output to the stack that owns the
    // element and a remote-state data source to the one that reads it.
    for (stack, tf) in &mut rendered {
        cross.add_to_stack(stack, tf, &mut errors);
    }
    for (stack, tf) in &rendered {
        check::no_markers_left(stack, tf, &mut errors);
    }
    let dependencies = match cross.dependencies(&stacks) {
        Ok(d) => d,
        Err(e) => {
            errors.push(e);
            BTreeMap::new()
        }
    };
    if let Some(e) = Error::from_many(errors) {
        return Err(e);
    }
    Ok(Synthesized {
        stacks: rendered,
        dependencies,
    })
}

/// One stack's JSON document.
fn stack_to_terraform(
    stack: &Node,
    errors: &mut Vec<Error>,
    cross: &mut crate::cross_stack::CrossStack,
) -> serde_json::Value {
    let stack_overrides = stack
        .stack_state()
        .map(|s| s.borrow().overrides.clone())
        .unwrap_or_default();
    let mut metadata = serde_json::json!({
        "backend": "local",
        "stackName": stack.id(),
        "version": VERSION,
    });
    if !stack_overrides.is_empty() {
        let keys: Vec<serde_json::Value> =
            stack_overrides.keys().map(|k| k.clone().into()).collect();
        deep_merge(
            &mut metadata,
            &serde_json::json!({ "overrides": { "stack": keys } }),
        );
    }
    let elements = elements(stack);
    check::check_element_names(&elements, errors);
    let mut outputs = serde_json::Value::Object(serde_json::Map::new());
    // Fragments merge as they are made, so that no element's JSON exists twice.
    let mut tf = serde_json::Value::Object(serde_json::Map::new());
    let mut has_backend = false;
    let mut cx = SynthContext {
        stack,
        errors,
        cross,
        current: stack.path().to_string(),
        too_deep_reported: false,
    };
    for node in &elements {
        let Some(el) = node.element() else { continue };
        cx.current = node.path().to_string();
        cx.too_deep_reported = false;
        let info = ElementInfo {
            node,
            logical_id: logical_id::of_element(node),
            overrides: &el.overrides,
        };
        if let Some(m) = el.imp.metadata(&info) {
            deep_merge(&mut metadata, &m);
        }
        let imp = el.imp.as_any();
        has_backend |= imp.is::<crate::backend::BackendImpl>();
        if imp.is::<crate::output::OutputImpl>() {
            deep_merge(&mut outputs, &output_entry(node.path(), &info.logical_id));
        }
        let fragment = el.imp.to_terraform(&mut cx, &info);
        deep_merge_owned(&mut tf, fragment);
    }
    if !has_backend {
        let path = crate::backend::default_local_state_path(stack.id());
        deep_merge_owned(
            &mut tf,
            serde_json::json!({ "terraform": { "backend": { "local": { "path": path } } } }),
        );
    }
    deep_merge_owned(
        &mut tf,
        serde_json::json!({ "//": { "metadata": metadata, "outputs": outputs } }),
    );
    cx.current = stack.path().to_string();
    cx.too_deep_reported = false;
    let stack_overrides =
        crate::expr::json_resolve(&serde_json::Value::Object(stack_overrides), &mut cx);
    deep_merge_owned(&mut tf, stack_overrides);
    tf
}

/// `{"stack": {"construct": {"output": "logicalId"}}}` from an output's path.
fn output_entry(path: &str, logical_id: &str) -> serde_json::Value {
    let mut value = serde_json::Value::String(logical_id.to_string());
    for part in path.split('/').rev() {
        let mut m = serde_json::Map::new();
        m.insert(part.to_string(), value);
        value = serde_json::Value::Object(m);
    }
    value
}

/// Synthesizes and writes `manifest.json` and every `stacks/<name>/cdk.tf.json` under `outdir`,
/// replacing the previous output as a whole.
pub(crate) fn synth_to_dir(root: &Node, outdir: &Path) -> Result<()> {
    let synthesized = synthesize(root)?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (stack, tf) in &synthesized.stacks {
        files.push((
            format!("stacks/{}/cdk.tf.json", stack.id()),
            json::to_string(tf).into_bytes(),
        ));
    }
    let manifest = manifest::build(&synthesized);
    files.push((
        "manifest.json".into(),
        json::to_string(&manifest).into_bytes(),
    ));
    files.extend(crate::assets::output_files(root)?);
    write::replace_dir(outdir, &files)
}
