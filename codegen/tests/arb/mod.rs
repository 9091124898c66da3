//! proptest strategies for random valid provider schemas: every cty type, every nesting mode of
//! blocks and nested attributes, hostile names and descriptions.
#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Names that must become distinct valid identifiers.
const HOSTILE: &[&str] = &[
    "a; panic!()",
    "a-b",
    "1st",
    "r#type",
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "_",
    "ñame",
    "名前",
    "",
    "Foo",
    "foo",
    "FOO",
    "new",
    "count",
    "provider",
    "std",
    "into_args",
    "id",
];

/// A Terraform name: plain, hostile, or any short string.
pub fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z][a-z0-9_]{0,7}",
        2 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
        1 => "\\PC{0,6}",
    ]
}

/// A description, sometimes hostile.
pub fn description() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        2 => Just(None),
        2 => "[a-zA-Z .]{0,30}".prop_map(Some),
        1 => proptest::sample::select(&[
            "*/ /* \"# ``` #![deny(warnings)]",
            "```\nfn main() { panic!() }",
            "\u{0}\u{7}\r\u{1b}\u{7f}\u{2028}",
            "\"] pub fn injected() {} #[doc = \"",
        ][..])
        .prop_map(|s| Some(s.to_string())),
        1 => "\\PC{0,40}".prop_map(Some),
    ]
}

/// A cty type, as the JSON Terraform writes.
pub fn cty() -> impl Strategy<Value = Value> {
    let leaf = proptest::sample::select(&["string", "number", "bool", "dynamic"][..])
        .prop_map(|s| json!(s));
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| json!(["list", t])),
            inner.clone().prop_map(|t| json!(["set", t])),
            inner.clone().prop_map(|t| json!(["map", t])),
            proptest::collection::vec(inner.clone(), 0..3).prop_map(|ts| json!(["tuple", ts])),
            (
                proptest::collection::btree_map(name(), inner, 0..4),
                any::<u8>()
            )
                .prop_map(|(attrs, mask)| {
                    let optional: Vec<&String> = attrs
                        .keys()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << (i % 8)) != 0)
                        .map(|(_, k)| k)
                        .collect();
                    json!(["object", attrs, optional])
                }),
        ]
    })
}

fn presence() -> impl Strategy<Value = (bool, bool, bool)> {
    prop_oneof![
        Just((true, false, false)),
        Just((false, true, false)),
        Just((false, true, true)),
        Just((false, false, true)),
    ]
}

fn attr_with(ty: impl Strategy<Value = (&'static str, Value)>) -> impl Strategy<Value = Value> {
    (ty, presence(), description(), any::<(bool, bool)>()).prop_map(
        |((key, t), (required, optional, computed), desc, (sensitive, deprecated))| {
            let mut a = Map::new();
            a.insert(key.into(), t);
            a.insert("required".into(), json!(required));
            a.insert("optional".into(), json!(optional));
            a.insert("computed".into(), json!(computed));
            a.insert("sensitive".into(), json!(sensitive));
            a.insert("deprecated".into(), json!(deprecated));
            if let Some(d) = desc {
                a.insert("description".into(), json!(d));
            }
            Value::Object(a)
        },
    )
}

/// An attribute: a cty type or a protocol-6 nested type (every nesting mode).
pub fn attribute() -> impl Strategy<Value = Value> {
    let plain = attr_with(cty().prop_map(|t| ("type", t)));
    plain.prop_recursive(3, 16, 4, |inner| {
        let nested = (
            proptest::sample::select(&["single", "list", "set", "map"][..]),
            proptest::collection::btree_map(name(), inner, 0..4),
        )
            .prop_map(|(mode, attrs)| {
                (
                    "nested_type",
                    json!({"nesting_mode": mode, "attributes": attrs}),
                )
            });
        attr_with(nested)
    })
}

fn attributes() -> impl Strategy<Value = Map<String, Value>> {
    proptest::collection::btree_map(name(), attribute(), 0..5).prop_map(|m| m.into_iter().collect())
}

fn block_of(
    attrs: Map<String, Value>,
    mut blocks: Map<String, Value>,
    desc: Option<String>,
) -> Value {
    blocks.retain(|k, _| !attrs.contains_key(k));
    let mut b = Map::new();
    b.insert("attributes".into(), Value::Object(attrs));
    b.insert("block_types".into(), Value::Object(blocks));
    if let Some(d) = desc {
        b.insert("description".into(), json!(d));
    }
    Value::Object(b)
}

/// A block with nested blocks of every nesting mode and consistent `min_items`/`max_items`.
pub fn block() -> impl Strategy<Value = Value> {
    let leaf = (attributes(), description()).prop_map(|(a, d)| block_of(a, Map::new(), d));
    leaf.prop_recursive(3, 12, 3, |inner| {
        let nested = (
            inner,
            proptest::sample::select(&["single", "group", "list", "set", "map"][..]),
            0u64..3,
            0u64..4,
        )
            .prop_map(|(block, mode, min, extra)| {
                let mut n = Map::new();
                n.insert("block".into(), block);
                n.insert("nesting_mode".into(), json!(mode));
                if matches!(mode, "list" | "set") {
                    n.insert("min_items".into(), json!(min));
                    // 0 means no maximum; else at least `min`.
                    let max = if extra == 0 {
                        0
                    } else {
                        (min + extra - 1).max(1)
                    };
                    n.insert("max_items".into(), json!(max));
                }
                Value::Object(n)
            });
        (
            attributes(),
            proptest::collection::btree_map(name(), nested, 0..3),
            description(),
        )
            .prop_map(|(a, b, d)| block_of(a, b.into_iter().collect(), d))
    })
}

fn function() -> impl Strategy<Value = Value> {
    let param = || {
        (name(), cty(), description())
            .prop_map(|(n, t, d)| json!({"name": n, "type": t, "description": d}))
    };
    (
        cty(),
        proptest::collection::vec(param(), 0..3),
        proptest::option::of(param()),
        description(),
    )
        .prop_map(|(ret, params, variadic, desc)| {
            json!({"return_type": ret, "parameters": params, "variadic_parameter": variadic,
                   "description": desc, "summary": "s"})
        })
}

/// A whole document with one provider (`registry.terraform.io/acme/p`).
pub fn document() -> impl Strategy<Value = String> {
    (
        block(),
        proptest::collection::btree_map(name(), block(), 0..4),
        proptest::collection::btree_map(name(), block(), 0..3),
        proptest::collection::btree_map(name(), function(), 0..3),
    )
        .prop_map(|(provider, resources, data, functions)| {
            let wrap = |m: std::collections::BTreeMap<String, Value>| -> Map<String, Value> {
                m.into_iter()
                    .map(|(k, b)| (format!("p_{k}"), json!({"version": 0, "block": b})))
                    .collect()
            };
            json!({
                "format_version": "1.0",
                "provider_schemas": {"registry.terraform.io/acme/p": {
                    "provider": {"version": 0, "block": provider},
                    "resource_schemas": wrap(resources),
                    "data_source_schemas": wrap(data),
                    "functions": functions,
                }}
            })
            .to_string()
        })
}
