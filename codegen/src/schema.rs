//! Serde mirror of `terraform providers schema -json`.
//!
//! Unknown fields are tolerated everywhere (new Terraform versions add fields); sections of a
//! provider that the generator does not know yet are kept in [`ProviderSchema::other`] so that they
//! can be reported instead of dropped in silence. Attribute types stay raw JSON here and are parsed
//! into [`CtyType`] by [`CtyType::parse`], which reports the JSON path of a bad type.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The whole document.
#[derive(Debug, Deserialize)]
pub struct ProvidersSchema {
    /// `0.1`, `0.2`, `1.0`, ...; absent in some hand-written fixtures.
    #[serde(default)]
    pub format_version: Option<String>,
    /// Keyed by provider address (`registry.terraform.io/hashicorp/tfe`) or legacy short name.
    #[serde(default)]
    pub provider_schemas: Option<BTreeMap<String, ProviderSchema>>,
}

/// One provider.
#[derive(Debug, Deserialize)]
pub struct ProviderSchema {
    /// The provider configuration block.
    #[serde(default)]
    pub provider: Option<Schema>,
    /// Managed resources.
    #[serde(default, deserialize_with = "lenient_map")]
    pub resource_schemas: BTreeMap<String, Schema>,
    /// Data sources.
    #[serde(default, deserialize_with = "lenient_map")]
    pub data_source_schemas: BTreeMap<String, Schema>,
    /// Ephemeral resources.
    #[serde(default, deserialize_with = "lenient_map")]
    pub ephemeral_resource_schemas: BTreeMap<String, Schema>,
    /// Provider-defined functions.
    #[serde(default, deserialize_with = "lenient_map")]
    pub functions: BTreeMap<String, FunctionSignature>,
    /// Sections the generator does not handle yet (`resource_identity_schemas`, `action_schemas`,
    /// ...): reported as warnings.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// The schema of a resource, data source, ephemeral resource or provider.
#[derive(Debug, Deserialize)]
pub struct Schema {
    /// The schema version (unused).
    #[serde(default)]
    pub version: Option<serde_json::Value>,
    /// The top-level block.
    #[serde(default)]
    pub block: Block,
}

/// A block: attributes and nested blocks.
#[derive(Debug, Default, Deserialize)]
pub struct Block {
    /// Attributes by Terraform name. Boxed: a `BTreeMap` node holds room for 11 values inline,
    /// so unboxed, a block of three attributes takes 2 kB and a 20 MB schema 500 MB.
    #[serde(default, deserialize_with = "lenient_map")]
    pub attributes: BTreeMap<String, Box<Attribute>>,
    /// Nested blocks by Terraform name (boxed, as `attributes`).
    #[serde(default, deserialize_with = "lenient_map")]
    pub block_types: BTreeMap<String, Box<NestedBlock>>,
    /// Description text.
    #[serde(default)]
    pub description: Option<String>,
    /// `plain` or `markdown`.
    #[serde(default)]
    pub description_kind: Option<String>,
    /// Whether the whole block is deprecated.
    #[serde(default)]
    pub deprecated: bool,
}

/// An attribute.
#[derive(Debug, Default, Deserialize)]
pub struct Attribute {
    /// The cty type, raw (see [`CtyType::parse`]); absent when `nested_type` is set.
    #[serde(default, rename = "type")]
    pub ty: Option<serde_json::Value>,
    /// A protocol-6 nested attribute type.
    #[serde(default)]
    pub nested_type: Option<NestedType>,
    /// Description text.
    #[serde(default)]
    pub description: Option<String>,
    /// `plain` or `markdown`.
    #[serde(default)]
    pub description_kind: Option<String>,
    /// Must be set.
    #[serde(default)]
    pub required: bool,
    /// May be set.
    #[serde(default)]
    pub optional: bool,
    /// Set by the provider.
    #[serde(default)]
    pub computed: bool,
    /// Hidden in plan output.
    #[serde(default)]
    pub sensitive: bool,
    /// Deprecated.
    #[serde(default)]
    pub deprecated: bool,
    /// Never stored in state.
    #[serde(default)]
    pub write_only: bool,
}

/// A protocol-6 nested attribute type.
#[derive(Debug, Deserialize)]
pub struct NestedType {
    /// The attributes of each object (boxed, as [`Block::attributes`]).
    #[serde(default, deserialize_with = "lenient_map")]
    pub attributes: BTreeMap<String, Box<Attribute>>,
    /// `single`, `list`, `set` or `map`.
    #[serde(default)]
    pub nesting_mode: Option<String>,
    /// Minimum number of objects.
    #[serde(default)]
    pub min_items: Option<u64>,
    /// Maximum number of objects.
    #[serde(default)]
    pub max_items: Option<u64>,
}

/// A nested block type.
#[derive(Debug, Deserialize)]
pub struct NestedBlock {
    /// The block's content.
    #[serde(default)]
    pub block: Block,
    /// `single`, `group`, `list`, `set` or `map`.
    #[serde(default)]
    pub nesting_mode: Option<String>,
    /// Minimum number of blocks.
    #[serde(default)]
    pub min_items: Option<u64>,
    /// Maximum number of blocks.
    #[serde(default)]
    pub max_items: Option<u64>,
}

/// A provider-defined function.
#[derive(Debug, Deserialize)]
pub struct FunctionSignature {
    /// Description text.
    #[serde(default)]
    pub description: Option<String>,
    /// One-line summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// The cty return type, raw.
    #[serde(default)]
    pub return_type: serde_json::Value,
    /// Positional parameters.
    #[serde(default)]
    pub parameters: Vec<FunctionParameter>,
    /// A trailing variadic parameter.
    #[serde(default)]
    pub variadic_parameter: Option<FunctionParameter>,
    /// Set when the function is deprecated.
    #[serde(default)]
    pub deprecation_message: Option<String>,
}

/// A function parameter.
#[derive(Debug, Deserialize)]
pub struct FunctionParameter {
    /// Parameter name.
    #[serde(default)]
    pub name: String,
    /// Description text.
    #[serde(default)]
    pub description: Option<String>,
    /// The cty type, raw.
    #[serde(default, rename = "type")]
    pub ty: serde_json::Value,
}

/// A map that old tools sometimes write as `[]` or `null` when empty.
fn lenient_map<'de, D, V>(d: D) -> std::result::Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Lenient<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Lenient<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map (or an empty list)")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            map: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            match seq.next_element::<serde::de::IgnoredAny>()? {
                None => Ok(BTreeMap::new()),
                Some(_) => Err(serde::de::Error::invalid_type(
                    serde::de::Unexpected::Seq,
                    &self,
                )),
            }
        }
        fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(BTreeMap::new())
        }
    }
    d.deserialize_any(Lenient(std::marker::PhantomData))
}

/// A parsed cty type.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CtyType {
    /// `string`.
    String,
    /// `number`.
    Number,
    /// `bool`.
    Bool,
    /// `dynamic` (any type).
    Dynamic,
    /// `["list", T]`.
    List(Box<CtyType>),
    /// `["set", T]`.
    Set(Box<CtyType>),
    /// `["map", T]`.
    Map(Box<CtyType>),
    /// `["object", {..}, [optional..]]`.
    Object {
        /// Attribute types by name.
        attributes: BTreeMap<String, CtyType>,
        /// Names of the optional attributes.
        optional: BTreeSet<String>,
    },
    /// `["tuple", [..]]`.
    Tuple(Vec<CtyType>),
}

impl CtyType {
    /// Parses a raw type; `path` (the JSON path of `value`) goes into the error.
    pub fn parse(value: &serde_json::Value, path: &str) -> Result<CtyType> {
        use serde_json::Value as J;
        let unknown = || Error::UnknownType {
            file: String::new(),
            path: path.to_string(),
            found: value.to_string(),
        };
        match value {
            J::String(s) => match s.as_str() {
                "string" => Ok(CtyType::String),
                "number" => Ok(CtyType::Number),
                "bool" => Ok(CtyType::Bool),
                "dynamic" => Ok(CtyType::Dynamic),
                _ => Err(unknown()),
            },
            J::Array(items) => {
                let kind = items.first().and_then(J::as_str).ok_or_else(unknown)?;
                let arg = items.get(1).ok_or_else(unknown)?;
                let inner = |i: usize| -> String { format!("{path}[{i}]") };
                match kind {
                    "list" => Ok(CtyType::List(Box::new(Self::parse(arg, &inner(1))?))),
                    "set" => Ok(CtyType::Set(Box::new(Self::parse(arg, &inner(1))?))),
                    "map" => Ok(CtyType::Map(Box::new(Self::parse(arg, &inner(1))?))),
                    "object" => Self::parse_object(arg, items.get(2), path).ok_or_else(unknown)?,
                    "tuple" => {
                        let elems = arg.as_array().ok_or_else(unknown)?;
                        let parsed = elems
                            .iter()
                            .enumerate()
                            .map(|(i, e)| Self::parse(e, &format!("{path}[1][{i}]")))
                            .collect::<Result<Vec<_>>>()?;
                        Ok(CtyType::Tuple(parsed))
                    }
                    _ => Err(unknown()),
                }
            }
            _ => Err(unknown()),
        }
    }

    fn parse_object(
        attrs: &serde_json::Value,
        optional: Option<&serde_json::Value>,
        path: &str,
    ) -> Option<Result<CtyType>> {
        let map = attrs.as_object()?;
        let optional: BTreeSet<String> = match optional {
            None => BTreeSet::new(),
            Some(v) => v
                .as_array()?
                .iter()
                .map(|n| n.as_str().map(str::to_string))
                .collect::<Option<_>>()?,
        };
        let mut attributes = BTreeMap::new();
        for (name, ty) in map {
            match Self::parse(ty, &format!("{path}[1].{name}")) {
                Ok(t) => {
                    attributes.insert(name.clone(), t);
                }
                Err(e) => return Some(Err(e)),
            }
        }
        Some(Ok(CtyType::Object {
            attributes,
            optional,
        }))
    }

    /// Whether an object type occurs anywhere inside.
    pub fn contains_object(&self) -> bool {
        match self {
            CtyType::Object { .. } => true,
            CtyType::List(t) | CtyType::Set(t) | CtyType::Map(t) => t.contains_object(),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_nested_types() {
        let t = CtyType::parse(&json!(["list", ["map", "string"]]), "x").ok();
        assert_eq!(
            t,
            Some(CtyType::List(Box::new(CtyType::Map(Box::new(
                CtyType::String
            )))))
        );
        let t = CtyType::parse(&json!(["object", {"a": "bool"}, ["a"]]), "x").ok();
        assert!(matches!(t, Some(CtyType::Object { optional, .. }) if optional.contains("a")));
        let t = CtyType::parse(&json!(["tuple", ["string", "number"]]), "x").ok();
        assert_eq!(
            t,
            Some(CtyType::Tuple(vec![CtyType::String, CtyType::Number]))
        );
    }

    #[test]
    fn reports_path_of_unknown_type() {
        let e = CtyType::parse(&json!(["list", "strin"]), "a.type");
        assert!(matches!(e, Err(Error::UnknownType { path, .. }) if path == "a.type[1]"));
    }
}
