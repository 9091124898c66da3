//! Cross-stack references, as cdktf makes them: when stack B references an element of stack A,
//! A exports the value as a sensitive output and B reads it through a `terraform_remote_state`
//! data source configured from A's backend. B then depends on A in `manifest.json`.

use std::collections::{BTreeMap, BTreeSet};

use crate::construct::Node;
use crate::error::Error;
use crate::logical_id::make_unique_id;
use crate::render::deep_merge;

/// References between stacks found while rendering.
#[derive(Default)]
pub(crate) struct CrossStack {
    /// (consumer stack path, origin stack path) -> referenced expressions (in the origin's terms).
    refs: BTreeMap<(String, String), BTreeSet<String>>,
    /// Stack path -> node, for the stacks seen in `refs`.
    nodes: BTreeMap<String, Node>,
}

fn output_id(reference: &str) -> String {
    make_unique_id(&[&format!("cross-stack-output-{reference}")])
}

fn remote_state_id(origin_path: &str) -> String {
    format!("cross-stack-reference-input-{origin_path}")
}

impl CrossStack {
    /// Records that `consumer` reads `reference` (an expression valid in `origin`) and returns the
    /// expression the consumer uses instead.
    pub(crate) fn reference(&mut self, consumer: &Node, origin: &Node, reference: &str) -> String {
        self.nodes
            .insert(consumer.path().to_string(), consumer.clone());
        self.nodes.insert(origin.path().to_string(), origin.clone());
        self.refs
            .entry((consumer.path().to_string(), origin.path().to_string()))
            .or_default()
            .insert(reference.to_string());
        format!(
            "data.terraform_remote_state.{}.outputs.{}",
            make_unique_id(&[&remote_state_id(origin.path())]),
            output_id(reference)
        )
    }

    /// Adds the outputs and remote-state data sources that involve `stack` to its JSON. A stack
    /// whose backend cannot be read through remote state is reported in `errors`.
    pub(crate) fn add_to_stack(
        &self,
        stack: &Node,
        tf: &mut serde_json::Value,
        errors: &mut Vec<Error>,
    ) {
        // Output ids strip characters (`a.b` and `ab` both give `ab`), and so do remote-state
        // ids of stack paths: two that end up alike would silently read the wrong value.
        let mut output_ids: BTreeMap<String, &str> = BTreeMap::new();
        let mut remote_ids: BTreeMap<(&str, String), &str> = BTreeMap::new();
        for ((consumer, origin), references) in &self.refs {
            if origin == stack.path() {
                for reference in references {
                    let id = output_id(reference);
                    match output_ids.get(&id) {
                        Some(first) if first != reference => {
                            errors.push(Error::NameCollision {
                                what: "cross-stack output".into(),
                                name: id.clone(),
                                first: format!("{origin} ({first})"),
                                second: format!("{origin} ({reference})"),
                            });
                            continue;
                        }
                        Some(_) => {}
                        None => {
                            output_ids.insert(id.clone(), reference);
                        }
                    }
                    let path = format!("{origin}/cross-stack-output-{reference}");
                    let mut outputs_entry = serde_json::Value::String(id.clone());
                    for part in path.split('/').rev() {
                        let mut m = serde_json::Map::new();
                        m.insert(part.to_string(), outputs_entry);
                        outputs_entry = serde_json::Value::Object(m);
                    }
                    deep_merge(
                        tf,
                        &serde_json::json!({
                            "//": { "outputs": outputs_entry },
                            "output": { (id): {
                                "sensitive": true,
                                "value": format!("${{{reference}}}"),
                            } },
                        }),
                    );
                }
            }
            if consumer == stack.path() {
                let Some(origin_node) = self.nodes.get(origin) else {
                    continue;
                };
                let logical_id = make_unique_id(&[&remote_state_id(origin)]);
                if let Some(first) = remote_ids.insert((consumer, logical_id.clone()), origin) {
                    errors.push(Error::NameCollision {
                        what: format!("the remote state read by {consumer}"),
                        name: logical_id,
                        first: first.to_string(),
                        second: origin.clone(),
                    });
                    continue;
                }
                let source = match crate::backend::remote_state_config(origin_node) {
                    Ok(source) => source,
                    Err(reason) => {
                        errors.push(Error::InvalidConfig {
                            path: format!("{consumer} -> {origin}"),
                            message: format!(
                                "cannot reference stack {origin:?} from stack {consumer:?}: {reason}"
                            ),
                        });
                        continue;
                    }
                };
                let body = crate::remote_state::remote_state_body(
                    source.backend,
                    &source.config,
                    source.workspace.as_deref(),
                    None,
                );
                deep_merge(
                    tf,
                    &serde_json::json!({
                        "data": { "terraform_remote_state": { (logical_id): body } }
                    }),
                );
            }
        }
    }

    /// Each stack's dependencies (stack names), from explicit `add_dependency` calls and from
    /// cross-stack references; a cycle is an error.
    pub(crate) fn dependencies(
        &self,
        stacks: &[Node],
    ) -> Result<BTreeMap<String, Vec<String>>, Error> {
        let mut deps: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for stack in stacks {
            let mut mine: Vec<String> = stack
                .stack_state()
                .map(|s| {
                    s.borrow()
                        .dependencies
                        .iter()
                        .map(|d| d.id().to_string())
                        .collect()
                })
                .unwrap_or_default();
            for (consumer, origin) in self.refs.keys() {
                if consumer == stack.path() {
                    if let Some(o) = self.nodes.get(origin) {
                        if !mine.iter().any(|m| m == o.id()) {
                            mine.push(o.id().to_string());
                        }
                    }
                }
            }
            deps.insert(stack.id().to_string(), mine);
        }
        if let Some(cycle) = find_cycle(&deps) {
            return Err(Error::CrossStackCycle {
                cycle: cycle.join(" -> "),
            });
        }
        Ok(deps)
    }
}

/// A dependency cycle, if there is one, as the list of stacks around it.
fn find_cycle(deps: &BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    fn visit(
        name: &str,
        deps: &BTreeMap<String, Vec<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(pos) = stack.iter().position(|s| s == name) {
            let mut cycle = stack[pos..].to_vec();
            cycle.push(name.to_string());
            return Some(cycle);
        }
        if done.contains(name) {
            return None;
        }
        stack.push(name.to_string());
        for d in deps.get(name).into_iter().flatten() {
            if let Some(c) = visit(d, deps, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(name.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for name in deps.keys() {
        if let Some(c) = visit(name, deps, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}
