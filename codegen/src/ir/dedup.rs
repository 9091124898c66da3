//! Merges structurally identical nested types of one item (same fields, types, docs), so that a
//! sub-block repeated at many paths (AWS wafv2 statements, quicksight visuals) is one struct.
//!
//! Types may refer to each other in cycles (folded recursion, [`super::fold`]), so classes are
//! found by partition refinement, as in DFA minimization: start from the types' own fields with
//! child types left out, then split classes by the classes of their children until nothing
//! splits. The member with the shortest name represents a class (its struct); the fields that
//! held the other members name them by aliases of it, under their own names.
//! [`super::share`] runs the same refinement across all items of a provider.

use std::collections::HashMap;

use super::{
    BlockMode, Doc, Facts, FieldType, Item, ObjectType, Presence, TypeAlias, TypeId, ValueType,
};

/// Rewrites every type index of a value type.
pub(crate) fn map_value(ty: &ValueType, f: &impl Fn(TypeId) -> TypeId) -> ValueType {
    match ty {
        ValueType::Object(id) => ValueType::Object(f(*id)),
        ValueType::List(t) => ValueType::List(Box::new(map_value(t, f))),
        ValueType::Set(t) => ValueType::Set(Box::new(map_value(t, f))),
        ValueType::Map(t) => ValueType::Map(Box::new(map_value(t, f))),
        other => other.clone(),
    }
}

/// Rewrites every type index of a type's fields.
pub(crate) fn map_ids(ty: &ObjectType, f: &impl Fn(TypeId) -> TypeId) -> ObjectType {
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

fn value_children(ty: &ValueType, out: &mut Vec<TypeId>) {
    match ty {
        ValueType::Object(id) => out.push(*id),
        ValueType::List(t) | ValueType::Set(t) | ValueType::Map(t) => value_children(t, out),
        _ => {}
    }
}

/// The types a type refers to, in field order (with repeats).
pub(crate) fn children(ty: &ObjectType) -> Vec<TypeId> {
    let mut out = Vec::new();
    for field in &ty.fields {
        match &field.ty {
            FieldType::Attr(v) => value_children(v, &mut out),
            FieldType::Block { ty, .. } => out.push(*ty),
        }
    }
    out
}

/// The structural key of a type without its children: fields (child indices blanked) and docs.
/// Names of the type itself and its Terraform path are not part of it.
pub(crate) fn shallow_key(ty: &ObjectType) -> String {
    // Written by hand rather than with `{:?}`: this runs for every type of every item (tens of
    // thousands for the largest AWS resources) and formatting was most of the dedup time.
    fn value(out: &mut String, ty: &ValueType) {
        match ty {
            ValueType::String => out.push('S'),
            ValueType::Number => out.push('N'),
            ValueType::Bool => out.push('B'),
            ValueType::Dynamic => out.push('D'),
            ValueType::Object(_) => out.push('o'),
            ValueType::List(t) => {
                out.push('l');
                value(out, t);
            }
            ValueType::Set(t) => {
                out.push('s');
                value(out, t);
            }
            ValueType::Map(t) => {
                out.push('m');
                value(out, t);
            }
        }
    }
    // Each string is written after its length, so that no text can pass for a separator.
    fn text(out: &mut String, s: &str) {
        out.push_str(&s.len().to_string());
        out.push(':');
        out.push_str(s);
    }
    fn doc(out: &mut String, d: &Doc) {
        out.push(if d.deprecated { 'd' } else { '-' });
        match &d.description {
            Some(s) => text(out, s),
            None => out.push('!'),
        }
        out.push_str(&d.notes.len().to_string());
        for note in &d.notes {
            text(out, note);
        }
    }
    let mut out = String::with_capacity(64 * (ty.fields.len() + 1));
    for f in &ty.fields {
        text(&mut out, &f.tf_name);
        text(&mut out, &f.rust_name);
        out.push(match f.presence {
            Presence::Required => 'r',
            Presence::Optional => 'o',
            Presence::Computed => 'c',
        });
        match &f.ty {
            FieldType::Attr(v) => value(&mut out, v),
            FieldType::Block { mode, .. } => out.push_str(match mode {
                BlockMode::Single => "bS",
                BlockMode::OneOf { set: false } => "bO",
                BlockMode::OneOf { set: true } => "bOs",
                BlockMode::List => "bL",
                BlockMode::Set => "bs",
                BlockMode::Map => "bM",
            }),
        }
        doc(&mut out, &f.doc);
        let Facts {
            computed,
            sensitive,
            write_only,
            min_items,
            max_items,
            null_when_unset,
        } = f.facts;
        for flag in [computed, sensitive, write_only, null_when_unset] {
            out.push(if flag { '1' } else { '0' });
        }
        out.push_str(&min_items.to_string());
        out.push(':');
        out.push_str(&max_items.to_string());
        out.push('\n');
    }
    out.push('|');
    doc(&mut out, &ty.doc);
    out
}

/// Partition refinement: `keys[n]` is node `n`'s own structure, `children[n]` the nodes it refers
/// to. Returns a class per node, numbered in order of first occurrence; two nodes share a class
/// exactly when their keys match and their children, pairwise, share classes (cycles included).
pub(crate) fn refine(keys: &[String], children: &[Vec<usize>]) -> Vec<usize> {
    let mut class = Vec::with_capacity(keys.len());
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for k in keys {
        let next = ids.len();
        class.push(*ids.entry(k.as_str()).or_insert(next));
    }
    let mut count = ids.len();
    loop {
        let mut sigs: HashMap<(usize, Vec<usize>), usize> = HashMap::new();
        let next_class: Vec<usize> = (0..keys.len())
            .map(|n| {
                let sig = (class[n], children[n].iter().map(|c| class[*c]).collect());
                let next = sigs.len();
                *sigs.entry(sig).or_insert(next)
            })
            .collect();
        class = next_class;
        // Refinement only splits classes: the same count means nothing changed.
        if sigs.len() == count {
            return class;
        }
        count = sigs.len();
    }
}

/// Merges identical nested types of `item` (never the configuration). Each class of identical
/// types is kept as one struct under a canonical name, the shortest of its members' names (ties:
/// the alphabetically first), so that the choice does not depend on where the members happen to
/// sit in the schema; every other member that a field refers to becomes a [`TypeAlias`] under its
/// own name, which the field names ([`Field::alias`](super::Field::alias)).
pub fn dedup(item: &mut Item) {
    let n = item.types.len();
    let keys: Vec<String> = (0..n)
        .map(|id| {
            if id == item.config {
                "\0config".to_string()
            } else {
                shallow_key(&item.types[id])
            }
        })
        .collect();
    let kids: Vec<Vec<usize>> = item.types.iter().map(children).collect();
    let class = refine(&keys, &kids);
    let classes = class.iter().max().map_or(0, |m| m + 1);
    let mut rep = vec![usize::MAX; classes];
    for (id, c) in class.iter().enumerate() {
        let better = match rep[*c] {
            usize::MAX => true,
            r => {
                let (a, b) = (&item.types[id].rust_name, &item.types[r].rust_name);
                (a.len(), a) < (b.len(), b)
            }
        };
        if better {
            rep[*c] = id;
        }
    }
    // Representatives keep their order in the table; the other members become aliases.
    let mut keep: Vec<TypeId> = rep.clone();
    keep.sort_unstable();
    let mut new_index = vec![usize::MAX; n];
    for (i, old) in keep.iter().enumerate() {
        new_index[*old] = i;
    }
    let mut alias_index = vec![None; n];
    let mut aliases = Vec::new();
    for id in 0..n {
        if rep[class[id]] != id {
            alias_index[id] = Some(aliases.len());
            let ty = &item.types[id];
            aliases.push(TypeAlias {
                rust_name: ty.rust_name.clone(),
                ref_name: ty.ref_name.clone(),
                tf_path: ty.tf_path.clone(),
                target: new_index[rep[class[id]]],
            });
        }
    }
    let remap = |id: TypeId| new_index[rep[class[id]]];
    item.types = keep
        .iter()
        .map(|old| {
            let mut ty = map_ids(&item.types[*old], &remap);
            for (new, orig) in ty.fields.iter_mut().zip(&item.types[*old].fields) {
                new.alias = orig.ty.type_id().and_then(|o| alias_index[o]);
            }
            ty
        })
        .collect();
    item.config = remap(item.config);
    item.aliases = aliases;
    prune_aliases(item);
}

/// Keeps only the aliases that a field of a struct defined in the item's module names (a type
/// shared with other items names the shared structs), renumbered in order. An alias that no
/// generated signature uses would only add a name: at AWS scale, one for each of the ~36,000
/// paths below a merged occurrence, where the ~1,300 that fields use are the ones to keep.
pub fn prune_aliases(item: &mut Item) {
    let mut used = vec![false; item.aliases.len()];
    for ty in &mut item.types {
        for f in &mut ty.fields {
            if ty.shared.is_some() {
                f.alias = None;
            } else if let Some(a) = f.alias {
                used[a] = true;
            }
        }
    }
    let mut index = vec![usize::MAX; used.len()];
    let mut next = 0;
    for (i, u) in used.iter().enumerate() {
        if *u {
            index[i] = next;
            next += 1;
        }
    }
    item.aliases = std::mem::take(&mut item.aliases)
        .into_iter()
        .zip(&used)
        .filter_map(|(a, u)| u.then_some(a))
        .collect();
    for ty in &mut item.types {
        for f in &mut ty.fields {
            f.alias = f.alias.map(|a| index[a]);
        }
    }
}
