//! Synthesis: the construct tree to `manifest.json` and one `cdk.tf.json` per stack.

mod check;
pub mod json;
mod manifest;
mod write;

use std::collections::BTreeMap;
use std::path::Path;

use crate::construct::Node;
use crate::element::ElementInfo;
use crate::error::{Error, Result};
use crate::logical_id;
use crate::render::{deep_merge, deep_merge_owned, SynthContext};

pub use crate::expr::is_terraform_identifier;
pub use crate::expr::MAX_DEPTH;

/// The library version written to `//.metadata.version` and `manifest.json`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

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
    let mut cx = SynthContext::new(stack, errors, cross);
    for node in &elements {
        let Some(el) = node.element() else { continue };
        cx.start(node);
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
    cx.start(stack);
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
