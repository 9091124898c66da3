//! Stack outputs keyed by construct path, as cdktf's `--outputs-file` writes them.

use crate::error::{Error, Result};
use crate::manifest::Stack;

/// Maps `terraform output -json` of `stack` through the `//.outputs` metadata of its
/// `cdk.tf.json` (`{"stack": {"construct": {"output": "logicalId"}}}`), keeping only values
/// (`{"stack": {"construct": {"output": value}}}`). Sensitive outputs are left out unless
/// `include_sensitive`; groups left empty are dropped.
pub(crate) fn by_construct(
    stack: &Stack,
    outputs: &serde_json::Value,
    include_sensitive: bool,
) -> Result<serde_json::Map<String, serde_json::Value>> {
    let path = stack.dir.join("cdk.tf.json");
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io("reading", &path, e))?;
    let doc: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| Error::config(&path, e.to_string()))?;
    let value_of = |logical: &str| -> Option<serde_json::Value> {
        let o = outputs.get(logical)?;
        let sensitive = o
            .get("sensitive")
            .and_then(|s| s.as_bool())
            .unwrap_or(false);
        if sensitive && !include_sensitive {
            return None;
        }
        o.get("value").cloned()
    };
    match doc.pointer("/~1~1/outputs") {
        Some(serde_json::Value::Object(mapping)) => Ok(map_tree(mapping, &value_of)),
        // A configuration without the metadata: outputs by logical id, under the stack name.
        _ => {
            let mut flat = serde_json::Map::new();
            if let Some(obj) = outputs.as_object() {
                for k in obj.keys() {
                    if let Some(v) = value_of(k) {
                        flat.insert(k.clone(), v);
                    }
                }
            }
            let mut top = serde_json::Map::new();
            top.insert(stack.name.clone(), serde_json::Value::Object(flat));
            Ok(top)
        }
    }
}

fn map_tree(
    mapping: &serde_json::Map<String, serde_json::Value>,
    value_of: &dyn Fn(&str) -> Option<serde_json::Value>,
) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    for (key, entry) in mapping {
        match entry {
            serde_json::Value::String(logical) => {
                if let Some(v) = value_of(logical) {
                    out.insert(key.clone(), v);
                }
            }
            serde_json::Value::Object(inner) => {
                let mapped = map_tree(inner, value_of);
                if !mapped.is_empty() {
                    out.insert(key.clone(), serde_json::Value::Object(mapped));
                }
            }
            _ => {}
        }
    }
    out
}

/// Lines `path.to.output = value` for showing outputs (sensitive values as `<sensitive>`).
pub fn lines(stack: &Stack, outputs: &serde_json::Value) -> Result<Vec<String>> {
    let shown = by_construct(stack, outputs, true)?;
    let hidden = by_construct(stack, outputs, false)?;
    let mut out = Vec::new();
    let none = serde_json::Value::Null;
    for (key, value) in &shown {
        flatten(value, hidden.get(key).unwrap_or(&none), key, &mut out);
    }
    Ok(out)
}

fn flatten(v: &serde_json::Value, visible: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) if !m.is_empty() => {
            for (k, inner) in m {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                let vis = visible.get(k).unwrap_or(&serde_json::Value::Null);
                flatten(inner, vis, &path, out);
            }
        }
        _ => {
            let text = if visible.is_null() && !v.is_null() {
                "<sensitive>".to_string()
            } else {
                v.to_string()
            };
            out.push(format!("{at} = {text}"));
        }
    }
}
