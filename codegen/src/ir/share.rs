//! Sharing nested types across the items of a provider. AWS quicksight's analysis, dashboard and
//! template resources (and their data sources) repeat the same few thousand visual types; each is
//! generated once, in a submodule of the package's `types` module named after the family of the
//! first item that uses it (`types::quicksight`), and each item's module re-exports it under the
//! item's own name, so that the per-item names stay as they were.
//!
//! A shared type is compiled when any item that uses it is enabled (`#[cfg(any(feature = ...))]`);
//! a type it refers to is used by the same items at least, so it is compiled too (and imported
//! when it lives in another family's submodule).
//! Small types (`timeouts`) are not worth a cross-module name and a long `cfg`: they stay in each
//! item, unless a shared type refers to them.

use std::collections::{BTreeMap, BTreeSet};

use super::dedup::{children, map_ids, refine, shallow_key};
use super::{Item, ObjectType, Package, SharedModule, SharedPath};

/// A type shared by several items must have at least this many fields, counting the fields of
/// the types it refers to, to be shared on its own account.
pub const MIN_SHARED_FIELDS: usize = 12;

/// The family of an item module: `quicksight_analysis` and `data_aws_quicksight_analysis` ->
/// `quicksight` (for the provider `aws`).
fn family(module: &str, provider: &str) -> String {
    let m = module
        .trim_start_matches("r#")
        .trim_start_matches("data_")
        .trim_start_matches("ephemeral_");
    let m = m
        .strip_prefix(provider)
        .and_then(|rest| rest.strip_prefix('_'))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(m);
    let f = m.split('_').find(|s| !s.is_empty()).unwrap_or("shared");
    crate::naming::module_ident(f)
}

struct Graph {
    /// Node -> (item index, type index); items are `[provider, items...]`.
    nodes: Vec<(usize, usize)>,
    /// First node of each item.
    offset: Vec<usize>,
    class: Vec<usize>,
}

fn graph(items: &[&Item]) -> Graph {
    let mut nodes = Vec::new();
    let mut offset = Vec::new();
    let mut keys = Vec::new();
    let mut kids = Vec::new();
    for (i, item) in items.iter().enumerate() {
        offset.push(nodes.len());
        let base = nodes.len();
        for (id, ty) in item.types.iter().enumerate() {
            nodes.push((i, id));
            keys.push(if id == item.config {
                format!("\0config {i}")
            } else {
                shallow_key(ty)
            });
            kids.push(children(ty).into_iter().map(|c| base + c).collect());
        }
    }
    let class = refine(&keys, &kids);
    Graph {
        nodes,
        offset,
        class,
    }
}

/// Moves the types that several items use into [`Package::shared`].
pub fn share(pkg: &mut Package) {
    let items: Vec<&Item> = std::iter::once(&pkg.provider)
        .chain(pkg.items.iter())
        .collect();
    let mut modules: BTreeSet<String> = items.iter().map(|i| i.module.clone()).collect();
    modules.insert("functions".into());
    pkg.types_module = super::build::claim(&mut modules, "types", "_");
    let g = graph(&items);
    let classes = g.class.iter().max().map_or(0, |m| m + 1);
    // The first node of each class (in its first user, lowest index) and the users.
    let mut rep = vec![usize::MAX; classes];
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); classes];
    for (n, &(i, _)) in g.nodes.iter().enumerate() {
        let c = g.class[n];
        if rep[c] == usize::MAX {
            rep[c] = n;
        }
        if users[c].last() != Some(&i) {
            users[c].push(i);
        }
    }
    let class_children = |c: usize| -> Vec<usize> {
        let (i, id) = g.nodes[rep[c]];
        children(&items[i].types[id])
            .into_iter()
            .map(|k| g.class[g.offset[i] + k])
            .collect()
    };
    let fields_of = |c: usize| {
        let (i, id) = g.nodes[rep[c]];
        items[i].types[id].fields.len()
    };
    // Classes worth sharing, then everything they refer to.
    let mut shared = vec![false; classes];
    let mut work: Vec<usize> = (0..classes)
        .filter(|&c| {
            users[c].len() >= 2
                && weight_at_least(c, MIN_SHARED_FIELDS, &class_children, &fields_of)
        })
        .collect();
    while let Some(c) = work.pop() {
        if !std::mem::replace(&mut shared[c], true) {
            work.extend(class_children(c).into_iter().filter(|k| !shared[*k]));
        }
    }
    // Each shared type goes to the submodule of the family of the first item that uses it.
    let mut names = BTreeSet::new();
    let mut by_module: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut place: Vec<(String, usize, String)> = vec![Default::default(); classes];
    for c in (0..classes).filter(|&c| shared[c]) {
        let module = family(&items[users[c][0]].module, &pkg.provider_name);
        let (i, id) = g.nodes[rep[c]];
        let name = unique_name(&mut names, &items[i].types[id].rust_name);
        let list = by_module.entry(module.clone()).or_default();
        place[c] = (module, list.len(), name);
        list.push(c);
    }
    let features_of = |c: usize| -> Option<Vec<String>> {
        let mut all = BTreeSet::new();
        for &i in &users[c] {
            all.insert(items[i].feature.clone()?);
        }
        Some(all.into_iter().collect())
    };
    let types_module = pkg.types_module.clone();
    pkg.shared = by_module
        .into_iter()
        .map(|(module, list)| {
            let mut types = Vec::with_capacity(list.len());
            let mut features = Vec::with_capacity(list.len());
            // Types of other submodules that these refer to: imported, after the local ones.
            let mut imports: BTreeMap<usize, usize> = BTreeMap::new();
            for &c in &list {
                for k in class_children(c) {
                    if place[k].0 != module && !imports.contains_key(&k) {
                        imports.insert(k, list.len() + imports.len());
                    }
                }
            }
            for &c in &list {
                let (i, id) = g.nodes[rep[c]];
                let base = g.offset[i];
                let local = |k: usize| {
                    let class = g.class[base + k];
                    imports.get(&class).copied().unwrap_or(place[class].1)
                };
                let mut ty: ObjectType = map_ids(&items[i].types[id], &local);
                // Per-item names of merged types do not exist here: fields name the structs.
                ty.fields.iter_mut().for_each(|f| f.alias = None);
                ty.rust_name = place[c].2.clone();
                ty.ref_name = format!("{}Ref", place[c].2);
                ty.shared = None;
                types.push(ty);
                features.push(features_of(c));
            }
            let mut imported: Vec<(usize, usize)> = imports.into_iter().collect();
            imported.sort_by_key(|(_, slot)| *slot);
            for (k, _) in imported {
                let (i, id) = g.nodes[rep[k]];
                let mut ty = items[i].types[id].clone();
                ty.rust_name = place[k].2.clone();
                ty.ref_name = format!("{}Ref", place[k].2);
                ty.fields.clear();
                ty.shared = Some(SharedPath {
                    types_module: types_module.clone(),
                    module: place[k].0.clone(),
                    rust_name: place[k].2.clone(),
                });
                types.push(ty);
                features.push(features_of(k));
            }
            SharedModule {
                module,
                types,
                features,
            }
        })
        .collect();
    // Items keep their entries for shared types (names, fields), marked as re-exports.
    let mut all: Vec<&mut Item> = std::iter::once(&mut pkg.provider)
        .chain(pkg.items.iter_mut())
        .collect();
    for (i, item) in all.iter_mut().enumerate() {
        for (id, ty) in item.types.iter_mut().enumerate() {
            let c = g.class[g.offset[i] + id];
            if shared[c] {
                ty.shared = Some(SharedPath {
                    types_module: types_module.clone(),
                    module: place[c].0.clone(),
                    rust_name: place[c].2.clone(),
                });
            }
        }
        // Fields of re-exported types name the shared structs, not the item's aliases.
        super::dedup::prune_aliases(item);
    }
}

/// Whether the class and the classes it reaches have at least `min` fields in all.
fn weight_at_least(
    c: usize,
    min: usize,
    class_children: &impl Fn(usize) -> Vec<usize>,
    fields_of: &impl Fn(usize) -> usize,
) -> bool {
    let mut seen = BTreeSet::from([c]);
    let mut stack = vec![c];
    let mut total = 0;
    while let Some(k) = stack.pop() {
        total += fields_of(k);
        if total >= min {
            return true;
        }
        for child in class_children(k) {
            if seen.insert(child) {
                stack.push(child);
            }
        }
    }
    false
}

fn unique_name(used: &mut BTreeSet<String>, want: &str) -> String {
    let mut candidate = want.to_string();
    let mut n = 2;
    while used.contains(&candidate) || used.contains(&format!("{candidate}Ref")) {
        candidate = format!("{want}{n}");
        n += 1;
    }
    used.insert(format!("{candidate}Ref"));
    used.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::family;

    #[test]
    fn families() {
        assert_eq!(family("quicksight_analysis", "aws"), "quicksight");
        assert_eq!(family("data_aws_quicksight_analysis", "aws"), "quicksight");
        assert_eq!(family("ephemeral_aws_kms_secrets", "aws"), "kms");
        assert_eq!(
            family("provider", "aws"),
            crate::naming::module_ident("provider")
        );
        assert_eq!(family("data_aws", "aws"), "aws");
    }
}
