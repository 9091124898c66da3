//! `manifest.json`: the list of stacks and where their files are.

use super::{Synthesized, VERSION};

/// The manifest, as cdktf 0.21 writes it.
pub(crate) fn build(synthesized: &Synthesized) -> serde_json::Value {
    let mut stacks = serde_json::Map::new();
    for (stack, _) in &synthesized.stacks {
        let name = stack.id();
        let deps = synthesized
            .dependencies
            .get(name)
            .cloned()
            .unwrap_or_default();
        stacks.insert(
            name.to_string(),
            serde_json::json!({
                "annotations": crate::annotations::manifest_entries(stack),
                "constructPath": stack.path(),
                "dependencies": deps,
                "name": name,
                "stackMetadataPath": format!("stacks/{name}/metadata.json"),
                "synthesizedStackPath": format!("stacks/{name}/cdk.tf.json"),
                "workingDirectory": format!("stacks/{name}"),
            }),
        );
    }
    serde_json::json!({ "stacks": stacks, "version": VERSION })
}
