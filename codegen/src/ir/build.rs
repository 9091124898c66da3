//! Schema -> IR: names, types, presence and docs are decided here. Errors carry the JSON path.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::{
    BlockMode, Doc, Facts, Field, FieldType, Item, ItemKind, ObjectType, Package, Presence, TypeId,
    ValueType,
};
use crate::error::{Error, Result};
use crate::naming;
use crate::schema::{Attribute, Block, CtyType, NestedBlock, ProviderSchema};

/// Where a provider comes from, as decided by the caller.
#[derive(Clone, Debug)]
pub struct ProviderId {
    /// The key in `provider_schemas`.
    pub key: String,
    /// The local name (`tfe`).
    pub name: String,
    /// The source address (`hashicorp/tfe`).
    pub source: String,
    /// The version constraint.
    pub version: Option<String>,
}

/// The local name of a provider key: its last segment (`registry.terraform.io/hashicorp/tfe` ->
/// `tfe`; legacy `aws` -> `aws`).
pub fn local_name(key: &str) -> String {
    key.rsplit('/').next().unwrap_or(key).to_string()
}

/// The source address of a provider key: `NS/NAME` for the public registry, the full address for
/// other hosts, `hashicorp/NAME` for legacy short keys (Terraform's own default).
pub fn source_address(key: &str) -> String {
    if let Some(rest) = key.strip_prefix("registry.terraform.io/") {
        rest.to_string()
    } else if key.contains('/') {
        key.to_string()
    } else {
        format!("hashicorp/{key}")
    }
}

/// Builds the IR of one provider.
pub fn package(id: &ProviderId, schema: &ProviderSchema) -> Result<Package> {
    package_only(id, schema, &|_, _| true)
}

/// The IR of the one provider (`h/p`, named `p`) in a schema document's text: what unit tests
/// build their packages from.
#[cfg(test)]
pub(crate) fn test_package(document: &str) -> Package {
    let doc = crate::parse_document(document).expect("parses");
    let providers = doc.provider_schemas.expect("providers");
    let (key, schema) = providers.iter().next().expect("one provider");
    let id = ProviderId {
        key: key.clone(),
        name: "p".into(),
        source: "h/p".into(),
        version: None,
    };
    package(&id, schema).expect("ir")
}

/// Builds the IR of one provider with only the items `keep(kind, terraform type)` selects (the
/// provider item always). Names and features are claimed over every item, as [`package`]
/// claims them, so a kept item has the same module, type and feature names in both (which
/// nested types are shared between items can differ); only the building, the expensive part, is
/// skipped for the rest. For tools that need a few items of a
/// large provider (the converter: the types a configuration uses).
pub fn package_only(
    id: &ProviderId,
    schema: &ProviderSchema,
    keep: &(dyn Fn(ItemKind, &str) -> bool + Sync),
) -> Result<Package> {
    let base = format!("provider_schemas.{}", id.key);
    let provider_block = schema.provider.as_ref().map(|s| &s.block);
    let empty = Block::default();
    let provider = ItemBuilder::build(
        ItemKind::Provider,
        &id.name,
        "provider".to_string(),
        format!("{}Provider", naming::camel(&id.name)),
        None,
        provider_block.unwrap_or(&empty),
        &format!("{base}.provider.block"),
    )?;
    let sections = [
        (
            ItemKind::Resource,
            "resource_schemas",
            &schema.resource_schemas,
        ),
        (
            ItemKind::DataSource,
            "data_source_schemas",
            &schema.data_source_schemas,
        ),
        (
            ItemKind::Ephemeral,
            "ephemeral_resource_schemas",
            &schema.ephemeral_resource_schemas,
        ),
    ];
    let mut wanted = Vec::new();
    for (kind, section, map) in sections {
        for (tf_type, s) in map {
            let base_name = match kind {
                ItemKind::Resource => naming::resource_base(tf_type, &id.name),
                ItemKind::DataSource => format!("data_{tf_type}"),
                _ => format!("ephemeral_{tf_type}"),
            };
            let path = format!("{base}.{section}.{tf_type}.block");
            wanted.push((kind, tf_type, base_name, &s.block, path));
        }
    }
    // Names are claimed in document order (first come, first served), then the items are built
    // on every core: each one only reads its own block.
    let mut modules = BTreeSet::new();
    let mut features: BTreeSet<String> = ["default".into(), "full".into()].into();
    let named: Vec<_> = wanted
        .into_iter()
        .map(|(kind, tf_type, base_name, block, path)| {
            let module = claim(&mut modules, &naming::module_ident(&base_name), "_");
            let feature_base = match kind {
                ItemKind::Resource => tf_type.clone(),
                _ => base_name.clone(),
            };
            let feature = claim(&mut features, &naming::feature_name(&feature_base), "_");
            let rust_name = naming::type_ident(&base_name);
            (kind, tf_type, module, rust_name, feature, block, path)
        })
        .collect();
    let built: Vec<Result<Item>> = named
        .into_par_iter()
        .filter(|(kind, tf_type, ..)| keep(*kind, tf_type))
        .map(|(kind, tf_type, module, rust_name, feature, block, path)| {
            ItemBuilder::build(
                kind,
                tf_type,
                module,
                rust_name,
                Some(feature),
                block,
                &path,
            )
        })
        .collect();
    // The first error in document order, whichever thread met it first.
    let mut items = built.into_iter().collect::<Result<Vec<Item>>>()?;
    items.sort_by(|a, b| a.module.cmp(&b.module));
    let functions = super::functions::functions(&schema.functions, &format!("{base}.functions"))?;
    let warnings = schema
        .other
        .keys()
        .map(|k| {
            format!(
                "provider `{}`: section `{k}` is not generated yet; skipped",
                id.key
            )
        })
        .collect();
    let mut pkg = Package {
        provider_name: id.name.clone(),
        source: id.source.clone(),
        version: id.version.clone(),
        provider,
        items,
        functions,
        warnings,
        types_module: String::new(),
        shared: Vec::new(),
    };
    super::share::share(&mut pkg);
    Ok(pkg)
}

/// Takes `want` from `used`, or `want{sep}2`, `want{sep}3`, ...
pub(crate) fn claim(used: &mut BTreeSet<String>, want: &str, sep: &str) -> String {
    let mut candidate = want.to_string();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{}{sep}{n}", want.trim_end_matches('_'));
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// Builds the types of one item.
struct ItemBuilder<'s> {
    types: Vec<ObjectType>,
    type_names: BTreeSet<String>,
    /// The blocks being built, outermost first: (Terraform name, schema, type), for folding
    /// unrolled recursion back into the ancestor ([`super::fold`]).
    ancestors: Vec<(String, &'s Block, TypeId)>,
}

impl<'s> ItemBuilder<'s> {
    fn build(
        kind: ItemKind,
        tf_name: &str,
        module: String,
        rust_name: String,
        feature: Option<String>,
        block: &'s Block,
        path: &str,
    ) -> Result<Item> {
        let config_name = format!("{rust_name}Config");
        let mut b = ItemBuilder {
            types: Vec::new(),
            type_names: [rust_name.clone(), config_name.clone()].into(),
            ancestors: Vec::new(),
        };
        let config = b.block(block, path, &rust_name, Some(config_name), tf_name)?;
        let doc = Doc {
            description: description(block.description.as_deref()),
            notes: Vec::new(),
            deprecated: block.deprecated,
        };
        let mut item = Item {
            kind,
            tf_name: tf_name.to_string(),
            module,
            rust_name,
            feature,
            doc,
            config,
            types: b.types,
            aliases: Vec::new(),
        };
        super::dedup::dedup(&mut item);
        Ok(item)
    }

    /// Reserves a struct name (and its `Ref` companion) built from `prefix` and `segment`.
    fn type_name(&mut self, prefix: &str, segment: &str) -> String {
        let want = format!("{prefix}{}", naming::camel(segment));
        let mut candidate = want.clone();
        let mut n = 2;
        while self.type_names.contains(&candidate)
            || self.type_names.contains(&format!("{candidate}Ref"))
        {
            candidate = format!("{want}{n}");
            n += 1;
        }
        self.type_names.insert(candidate.clone());
        self.type_names.insert(format!("{candidate}Ref"));
        candidate
    }

    /// Allocates a type slot, so that parents come before their children.
    fn reserve(&mut self, rust_name: String, tf_path: &str, doc: Doc) -> TypeId {
        self.types.push(ObjectType {
            ref_name: format!("{rust_name}Ref"),
            rust_name,
            tf_path: tf_path.to_string(),
            doc,
            fields: Vec::new(),
            shared: None,
        });
        self.types.len() - 1
    }

    /// A block as a struct. `config_name` is set for the top-level block.
    fn block(
        &mut self,
        block: &'s Block,
        path: &str,
        name: &str,
        config_name: Option<String>,
        tf_path: &str,
    ) -> Result<TypeId> {
        if let Some(name) = block
            .attributes
            .keys()
            .find(|k| block.block_types.contains_key(*k))
        {
            return Err(Error::DuplicateName {
                file: String::new(),
                path: path.to_string(),
                name: name.clone(),
            });
        }
        let top = config_name.is_some();
        let rust_name = config_name.unwrap_or_else(|| name.to_string());
        let doc = Doc {
            description: description(block.description.as_deref()),
            notes: Vec::new(),
            deprecated: block.deprecated,
        };
        let id = self.reserve(rust_name, tf_path, doc);
        let edge = tf_path.rsplit('.').next().unwrap_or(tf_path).to_string();
        self.ancestors.push((edge, block, id));
        let reserved = if top {
            naming::TOP_LEVEL_RESERVED
        } else {
            naming::NESTED_RESERVED
        };
        let names = block.attributes.keys().chain(block.block_types.keys());
        let idents = naming::assign(names.map(String::as_str), &BTreeSet::new(), "_", |n| {
            naming::field_ident(n, reserved)
        });
        let mut fields = Vec::new();
        for (tf, attr) in &block.attributes {
            let p = format!("{path}.attributes.{tf}");
            fields.push(self.attribute(tf, &idents[tf], attr, &p, name, tf_path)?);
        }
        for (tf, nested) in &block.block_types {
            let p = format!("{path}.block_types.{tf}");
            fields.push(self.nested_block(tf, &idents[tf], nested, &p, name, tf_path)?);
        }
        fields.sort_by(|a, b| a.tf_name.cmp(&b.tf_name));
        self.types[id].fields = fields;
        self.ancestors.pop();
        Ok(id)
    }

    fn attribute(
        &mut self,
        tf: &str,
        ident: &str,
        attr: &Attribute,
        path: &str,
        parent: &str,
        tf_path: &str,
    ) -> Result<Field> {
        let child_tf_path = format!("{tf_path}.{tf}");
        let ty = match (&attr.nested_type, &attr.ty) {
            (Some(nested), _) => {
                let name = self.type_name(parent, tf);
                let id = self.reserve(name.clone(), &child_tf_path, Doc::default());
                let mut fields = Vec::new();
                let idents = naming::assign(
                    nested.attributes.keys().map(String::as_str),
                    &BTreeSet::new(),
                    "_",
                    |n| naming::field_ident(n, naming::NESTED_RESERVED),
                );
                for (ntf, nattr) in &nested.attributes {
                    let p = format!("{path}.nested_type.attributes.{ntf}");
                    fields.push(self.attribute(
                        ntf,
                        &idents[ntf],
                        nattr,
                        &p,
                        &name,
                        &child_tf_path,
                    )?);
                }
                self.types[id].fields = fields;
                let mode_path = format!("{path}.nested_type.nesting_mode");
                check_items(
                    nested.min_items,
                    nested.max_items,
                    &format!("{path}.nested_type"),
                )?;
                let obj = ValueType::Object(id);
                match nested.nesting_mode.as_deref() {
                    Some("single") => obj,
                    Some("list") => ValueType::List(Box::new(obj)),
                    Some("set") => ValueType::Set(Box::new(obj)),
                    Some("map") => ValueType::Map(Box::new(obj)),
                    other => return Err(unknown_mode(other, mode_path)),
                }
            }
            (None, Some(raw)) => {
                let cty = CtyType::parse(raw, &format!("{path}.type"))?;
                self.value_type(&cty, parent, tf, &child_tf_path)
            }
            (None, None) => {
                return Err(Error::MissingType {
                    file: String::new(),
                    path: path.to_string(),
                })
            }
        };
        let presence = if attr.required {
            Presence::Required
        } else if attr.optional || !attr.computed {
            Presence::Optional
        } else {
            Presence::Computed
        };
        Ok(Field {
            tf_name: tf.to_string(),
            rust_name: ident.to_string(),
            presence,
            ty: FieldType::Attr(ty),
            doc: attr_doc(attr, presence),
            facts: Facts {
                computed: attr.computed,
                sensitive: attr.sensitive,
                write_only: attr.write_only,
                min_items: u64::from(presence == Presence::Required),
                max_items: 0,
                null_when_unset: false,
            },
            alias: None,
        })
    }

    /// A cty type; object types become structs named after `parent` + `segment`.
    fn value_type(
        &mut self,
        cty: &CtyType,
        parent: &str,
        segment: &str,
        tf_path: &str,
    ) -> ValueType {
        match cty {
            CtyType::String => ValueType::String,
            CtyType::Number => ValueType::Number,
            CtyType::Bool => ValueType::Bool,
            CtyType::Dynamic | CtyType::Tuple(_) => ValueType::Dynamic,
            CtyType::List(t) => {
                ValueType::List(Box::new(self.value_type(t, parent, segment, tf_path)))
            }
            CtyType::Set(t) => {
                ValueType::Set(Box::new(self.value_type(t, parent, segment, tf_path)))
            }
            CtyType::Map(t) => {
                ValueType::Map(Box::new(self.value_type(t, parent, segment, tf_path)))
            }
            CtyType::Object {
                attributes,
                optional,
            } => {
                let name = self.type_name(parent, segment);
                let id = self.reserve(name.clone(), tf_path, Doc::default());
                let idents = naming::assign(
                    attributes.keys().map(String::as_str),
                    &BTreeSet::new(),
                    "_",
                    |n| naming::field_ident(n, naming::NESTED_RESERVED),
                );
                let mut fields = Vec::new();
                for (tf, t) in attributes {
                    let ty = self.value_type(t, &name, tf, &format!("{tf_path}.{tf}"));
                    // Every field is a setter: the type needs the ones it does not mark
                    // optional present, and those are written as `null` when not set.
                    let null_when_unset = !optional.contains(tf);
                    let note = if null_when_unset {
                        "Optional; written as `null` when not set."
                    } else {
                        "Optional."
                    };
                    fields.push(Field {
                        tf_name: tf.clone(),
                        rust_name: idents[tf].clone(),
                        presence: Presence::Optional,
                        ty: FieldType::Attr(ty),
                        doc: Doc {
                            description: None,
                            notes: vec![note.into()],
                            deprecated: false,
                        },
                        facts: Facts {
                            null_when_unset,
                            ..Facts::default()
                        },
                        alias: None,
                    });
                }
                self.types[id].fields = fields;
                ValueType::Object(id)
            }
        }
    }

    fn nested_block(
        &mut self,
        tf: &str,
        ident: &str,
        nested: &'s NestedBlock,
        path: &str,
        parent: &str,
        tf_path: &str,
    ) -> Result<Field> {
        check_items(nested.min_items, nested.max_items, path)?;
        let max = nested.max_items.unwrap_or(0);
        let min = nested.min_items.unwrap_or(0);
        let mode = match nested.nesting_mode.as_deref() {
            Some("single" | "group") => BlockMode::Single,
            Some("list") if max == 1 => BlockMode::OneOf { set: false },
            Some("set") if max == 1 => BlockMode::OneOf { set: true },
            Some("list") => BlockMode::List,
            Some("set") => BlockMode::Set,
            Some("map") => BlockMode::Map,
            other => return Err(unknown_mode(other, format!("{path}.nesting_mode"))),
        };
        // A block that repeats an enclosing block of the same name, cut short (AWS wafv2's
        // `statement` unrolled a few levels deep), is that block: the type becomes recursive.
        let folded = self
            .ancestors
            .iter()
            .rev()
            .find(|(edge, block, _)| edge == tf && super::fold::is_truncation(&nested.block, block))
            .map(|(_, _, id)| *id);
        let ty = match folded {
            Some(id) => id,
            None => {
                let name = self.type_name(parent, tf);
                self.block(
                    &nested.block,
                    &format!("{path}.block"),
                    &name,
                    None,
                    &format!("{tf_path}.{tf}"),
                )?
            }
        };
        // The struct name was reserved above; `block` used it as is.
        let presence = if min >= 1 {
            Presence::Required
        } else {
            Presence::Optional
        };
        let mut notes = vec![match presence {
            Presence::Required => "Required block.".to_string(),
            _ => "Optional block.".to_string(),
        }];
        if min > 1 {
            notes.push(format!("At least {min}."));
        }
        if max > 1 {
            notes.push(format!("At most {max}."));
        }
        Ok(Field {
            tf_name: tf.to_string(),
            rust_name: ident.to_string(),
            presence,
            ty: FieldType::Block { mode, ty },
            doc: Doc {
                description: description(nested.block.description.as_deref()),
                notes,
                deprecated: nested.block.deprecated,
            },
            facts: Facts {
                min_items: min,
                max_items: max,
                ..Facts::default()
            },
            alias: None,
        })
    }
}

/// The longest description kept, in bytes: a schema's longest is under 1 kB (AWS: 472 bytes), and
/// a hostile multi-megabyte one would otherwise be copied into every stage of the output.
pub const MAX_DESCRIPTION_BYTES: usize = 64 * 1024;

/// A description as documented: blank ones dropped; line ends made `\n` and other control
/// characters replaced (a bare carriage return is a compile error in a doc comment), bidirectional
/// controls escaped ([`crate::text`]); very long ones cut at a character boundary.
pub(crate) fn description(text: Option<&str>) -> Option<String> {
    let text = text.filter(|d| !d.trim().is_empty())?;
    let mut end = text.len().min(MAX_DESCRIPTION_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cleaned: String = text[..end]
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' => '\n',
            '\n' | '\t' => c,
            c if c.is_control() => char::REPLACEMENT_CHARACTER,
            c => c,
        })
        .collect();
    let mut out = crate::text::escape_bidi(&cleaned).into_owned();
    if end < text.len() {
        out.push_str(&format!(
            "\n\n(Description cut: {} bytes in the schema.)",
            text.len()
        ));
    }
    Some(out)
}

fn unknown_mode(found: Option<&str>, path: String) -> Error {
    Error::UnknownNestingMode {
        file: String::new(),
        path,
        found: found.unwrap_or("").to_string(),
    }
}

fn check_items(min: Option<u64>, max: Option<u64>, path: &str) -> Result<()> {
    match (min, max) {
        (Some(min), Some(max)) if max != 0 && max < min => Err(Error::InvalidItems {
            file: String::new(),
            path: path.to_string(),
            min,
            max,
        }),
        _ => Ok(()),
    }
}

fn attr_doc(attr: &Attribute, presence: Presence) -> Doc {
    let mut notes = vec![match (presence, attr.computed) {
        (Presence::Required, _) => "Required.",
        (Presence::Optional, true) => "Optional; computed by the provider when not set.",
        (Presence::Optional, false) => "Optional.",
        (Presence::Computed, _) => "Computed: set by the provider, read-only.",
    }
    .to_string()];
    if attr.sensitive {
        notes.push("Sensitive: hidden in plan output.".into());
    }
    if attr.write_only {
        notes.push("Write-only: never stored in state.".into());
    }
    Doc {
        description: description(attr.description.as_deref()),
        notes,
        deprecated: attr.deprecated,
    }
}
