//! Top-level blocks that are not elements of their own: `import` and `moved` blocks of a
//! resource (cdktf's `importFrom`, `moveTo`, ...), and the `removed` and `check` blocks, which are.
//!
//! A resource's import and move state is attached to its tree node; the two hooks below are what
//! resource synthesis calls.

pub mod check;
pub mod import;
pub mod moved;
pub mod removed;

use crate::element::ElementInfo;
use crate::render::SynthContext;
use crate::resource::ResourceMode;

/// The import and move state of one resource.
#[derive(Default)]
pub(crate) struct Refactor {
    pub(crate) import: Option<import::Import>,
    pub(crate) moved_by_target: Option<moved::MoveByTarget>,
    pub(crate) moved_by_id: Option<moved::MoveById>,
    /// cdktf's `_hasMoved`: the resource moved away, so its own block is not written.
    pub(crate) has_moved: bool,
}

/// A resource's fragment with its `import` and `moved` blocks added, and without its `resource`
/// block when it moved away (as cdktf writes it).
pub(crate) fn resource_fragment(
    cx: &mut SynthContext<'_>,
    el: &ElementInfo<'_>,
    tf_type: &str,
    mode: ResourceMode,
    block: serde_json::Value,
) -> serde_json::Value {
    if mode != ResourceMode::Managed {
        return block;
    }
    let Some((import, moved, has_moved)) = el.node.ext_ref(|r: &Refactor| {
        (
            r.import.clone(),
            (r.moved_by_target.clone(), r.moved_by_id.clone()),
            r.has_moved,
        )
    }) else {
        return block;
    };
    let address = format!("{tf_type}.{}", el.logical_id);
    let mut out = if has_moved {
        serde_json::Value::Object(serde_json::Map::new())
    } else {
        block
    };
    if let serde_json::Value::Object(m) = &mut out {
        if let Some(moved) = moved::block(cx, el, tf_type, moved) {
            m.insert("moved".into(), serde_json::Value::Array(vec![moved]));
        }
        if let Some(import) = import {
            let entry = import.to_json(cx, address);
            m.insert("import".into(), serde_json::Value::Array(vec![entry]));
        }
    }
    out
}

/// A resource's contribution to the stack's `//.metadata`: `imports` and `moved`, keyed by type.
pub(crate) fn resource_metadata(el: &ElementInfo<'_>, tf_type: &str) -> Option<serde_json::Value> {
    let (imported, moved) = el.node.ext_ref(|r: &Refactor| {
        (
            r.import.is_some(),
            r.moved_by_target.is_some() || r.moved_by_id.is_some(),
        )
    })?;
    let mut m = serde_json::Map::new();
    if imported {
        m.insert(
            "imports".into(),
            serde_json::json!({ tf_type: [el.logical_id.clone()] }),
        );
    }
    if moved {
        m.insert(
            "moved".into(),
            serde_json::json!({ tf_type: [el.logical_id.clone()] }),
        );
    }
    (!m.is_empty()).then_some(serde_json::Value::Object(m))
}
