//! Merges structurally identical nested types of one item (same fields, types, docs), so that a
//! sub-block repeated at many paths (AWS wafv2 statements, quicksight visuals) is one struct.
//!
//! Types are numbered parents-first, so children are visited before parents by walking the table
//! backwards; each type gets a class from its fields with child types replaced by their classes.
//! The lowest-numbered member of a class represents it and keeps its name.

use std::collections::BTreeMap;

use super::{FieldType, Item, ObjectType, TypeId, ValueType};

fn map_value(ty: &ValueType, f: &impl Fn(TypeId) -> TypeId) -> ValueType {
    match ty {
        ValueType::Object(id) => ValueType::Object(f(*id)),
        ValueType::List(t) => ValueType::List(Box::new(map_value(t, f))),
        ValueType::Set(t) => ValueType::Set(Box::new(map_value(t, f))),
        ValueType::Map(t) => ValueType::Map(Box::new(map_value(t, f))),
        other => other.clone(),
    }
}

fn map_ids(ty: &ObjectType, f: &impl Fn(TypeId) -> TypeId) -> ObjectType {
    let mut out = ty.clone();
    for field in &mut out.fields {
        field.ty = match &field.ty {
            FieldType::Attr(v) => FieldType::Attr(map_value(v, f)),
            FieldType::Block { mode, ty } => FieldType::Block {
                mode: *mode,
                ty: f(*ty),
            },
        };
    }
    out
}

/// The structural key of a type whose children already have classes.
fn key(ty: &ObjectType, class: &[usize]) -> String {
    let mapped = map_ids(ty, &|id| class[id]);
    format!("{:?}|{:?}", mapped.fields, mapped.doc)
}

/// Merges identical nested types of `item` (never the configuration).
pub fn dedup(item: &mut Item) {
    let n = item.types.len();
    let mut class = vec![usize::MAX; n];
    let mut classes: BTreeMap<String, usize> = BTreeMap::new();
    let mut rep: Vec<TypeId> = Vec::new();
    for id in (0..n).rev() {
        if id == item.config {
            class[id] = rep.len();
            rep.push(id);
            continue;
        }
        let k = key(&item.types[id], &class);
        let next = rep.len();
        let c = *classes.entry(k).or_insert(next);
        if c == next {
            rep.push(id);
        } else {
            rep[c] = rep[c].min(id);
        }
        class[id] = c;
    }
    // Keep representatives in their original order; renumber.
    let mut keep: Vec<TypeId> = rep.clone();
    keep.sort_unstable();
    let mut new_index = vec![usize::MAX; n];
    for (i, old) in keep.iter().enumerate() {
        new_index[*old] = i;
    }
    let remap = |id: TypeId| new_index[rep[class[id]]];
    item.types = keep
        .iter()
        .map(|old| map_ids(&item.types[*old], &remap))
        .collect();
    item.config = remap(item.config);
}
