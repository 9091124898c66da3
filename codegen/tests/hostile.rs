//! Hostile and extreme schemas generate code that compiles, and names from a schema never become
//! code: `tests/fixtures/hostile.json` (hostile resource, data source, attribute, block, nested
//! attribute, object attribute, function and parameter names; descriptions with `*/`, `"#`,
//! fences, control characters, `#![` and a 20 000-character line), a schema nested 64 levels deep
//! (blocks, nested attributes and object types), and a sample of random schemas from
//! `tests/arb`. All of them go into one temporary workspace with a small program that synthesizes
//! the hostile resources; one `cargo run` builds everything and prints the JSON, which must carry
//! every Terraform name exactly as the schema spelled it.
//!
//! When the shared schema corpus is present, the 3.4 MB AWS WAFv2 fixture (recursion unrolled by
//! the provider, 41 levels of JSON) joins the workspace: building it adds about 40 s on two cores
//! (measured; the whole run then takes about a minute and under 300 MB per process).
//! `CODEGEN_SKIP_WAFV2=1` leaves it out.

mod arb;
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use codegen::ir::{BlockMode, FieldType, Item, ItemKind, Package, Presence, TypeId, ValueType};
use proptest::strategy::{Strategy, ValueTree};
use serde_json::{json, Value};

const HOSTILE: &str = include_str!("fixtures/hostile.json");

fn hostile_ir() -> Package {
    let mut pkgs = codegen::read_ir(HOSTILE).expect("the hostile fixture is valid");
    assert_eq!(pkgs.len(), 1);
    pkgs.remove(0)
}

/// Every identifier the IR decided is a valid Rust identifier, distinct in its namespace, and the
/// Terraform names are the schema's keys, untouched.
#[test]
fn hostile_names_become_distinct_valid_identifiers() {
    let pkg = hostile_ir();
    let doc: Value = serde_json::from_str(HOSTILE).expect("json");
    let schema = &doc["provider_schemas"]["registry.terraform.io/hostile/hostile"];
    let mut modules = BTreeSet::new();
    let mut features = BTreeSet::new();
    let mut tf_types = BTreeSet::new();
    for item in std::iter::once(&pkg.provider).chain(&pkg.items) {
        assert!(
            codegen::naming::is_valid_ident(&item.module),
            "{}",
            item.module
        );
        assert!(!item.module.starts_with("r#"), "module {}", item.module);
        assert!(
            modules.insert(item.module.clone()),
            "module {} twice",
            item.module
        );
        assert!(
            codegen::naming::is_valid_ident(&item.rust_name),
            "{}",
            item.rust_name
        );
        if let Some(f) = &item.feature {
            assert!(features.insert(f.clone()), "feature {f} twice");
            assert!(!f.is_empty() && !f.contains(['"', ' ', ';']));
        }
        if item.kind != ItemKind::Provider {
            let section = match item.kind {
                ItemKind::DataSource => "data_source_schemas",
                _ => "resource_schemas",
            };
            assert!(
                schema[section].get(&item.tf_name).is_some(),
                "{:?}",
                item.tf_name
            );
            tf_types.insert((section, item.tf_name.clone()));
        }
        let mut type_names = BTreeSet::new();
        for ty in &item.types {
            assert!(
                codegen::naming::is_valid_ident(&ty.rust_name),
                "{}",
                ty.rust_name
            );
            assert!(
                type_names.insert(ty.rust_name.clone()),
                "{} twice",
                ty.rust_name
            );
            let mut idents = BTreeSet::new();
            let mut tf_names = BTreeSet::new();
            for f in &ty.fields {
                assert!(
                    codegen::naming::is_valid_ident(&f.rust_name),
                    "{:?}",
                    f.rust_name
                );
                assert!(
                    idents.insert(f.rust_name.clone()),
                    "{} twice in {}",
                    f.rust_name,
                    ty.rust_name
                );
                assert!(tf_names.insert(f.tf_name.clone()));
            }
        }
    }
    let in_schema: usize = ["resource_schemas", "data_source_schemas"]
        .iter()
        .map(|s| schema[s].as_object().map_or(0, |m| m.len()))
        .sum();
    assert_eq!(tf_types.len(), in_schema, "every element generated once");
    let fns: BTreeSet<&str> = pkg.functions.iter().map(|f| f.rust_name.as_str()).collect();
    assert_eq!(fns.len(), pkg.functions.len());
    assert_eq!(
        fns.len(),
        schema["functions"].as_object().map_or(0, |m| m.len())
    );
    for f in &pkg.functions {
        assert!(
            codegen::naming::is_valid_ident(&f.rust_name),
            "{}",
            f.rust_name
        );
        let params: BTreeSet<&str> = f
            .params
            .iter()
            .chain(&f.variadic)
            .map(|p| p.rust_name.as_str())
            .collect();
        assert_eq!(
            params.len(),
            f.params.len() + usize::from(f.variadic.is_some())
        );
    }
}

/// Identifiers of the generated token trees that only an injection could produce.
fn injected_idents(tokens: proc_macro2::TokenStream, found: &mut Vec<String>) {
    for t in tokens {
        match t {
            proc_macro2::TokenTree::Group(g) => injected_idents(g.stream(), found),
            proc_macro2::TokenTree::Ident(i) => {
                let s = i.to_string();
                if matches!(s.as_str(), "panic" | "evil" | "injected" | "forbid") {
                    found.push(s);
                }
            }
            _ => {}
        }
    }
}

/// Descriptions and names stay inside doc attributes and string literals.
#[test]
fn nothing_in_the_hostile_schema_becomes_code() {
    let g = common::generate(HOSTILE, "hostile.json").expect("generates");
    for f in &g.files {
        if f.path.extension().is_some_and(|e| e == "rs") {
            let tokens: proc_macro2::TokenStream = f.contents.parse().expect("lexes");
            let mut found = Vec::new();
            injected_idents(tokens, &mut found);
            assert!(found.is_empty(), "{}: {found:?}", f.path.display());
        }
    }
    let toml = g
        .files
        .iter()
        .find(|f| f.path == Path::new("Cargo.toml"))
        .expect("manifest");
    // Feature names are sanitized (`hostile_a_panic_`); nothing else of a name reaches the TOML.
    for line in toml.contents.lines() {
        assert!(!line.contains("panic!") && !line.contains("()"), "{line}");
    }
}

/// A schema nested `depth` levels deep three ways: blocks (every nesting mode in turn),
/// protocol-6 nested attributes (every mode in turn), and object types inside lists and maps.
fn deep_schema(depth: usize) -> String {
    let modes = ["single", "list", "set", "map", "group"];
    let mut block = json!({"attributes": {"leaf": {"type": "string", "optional": true}}});
    for i in (0..depth).rev() {
        let mode = modes[i % modes.len()];
        let mut nested = json!({"nesting_mode": mode, "block": block});
        if mode == "list" && i % 2 == 0 {
            nested["max_items"] = json!(1);
        }
        block = json!({
            "attributes": {format!("value_{i}"): {"type": "string", "optional": true}},
            "block_types": {format!("level_{i}"): nested},
        });
    }
    let mut attr = json!({"type": "string", "optional": true});
    for i in (0..depth).rev() {
        let mode = ["single", "list", "set", "map"][i % 4];
        attr = json!({
            "nested_type": {
                "nesting_mode": mode,
                "attributes": {format!("n_{i}"): attr, format!("v_{i}"): {"type": "number", "optional": true}},
            },
            "optional": true,
        });
    }
    let mut ty = json!("bool");
    for i in (0..depth).rev() {
        let obj = json!(["object", {format!("o_{i}"): ty, "s": "string"}, ["s"]]);
        ty = match i % 3 {
            0 => obj,
            1 => json!(["list", obj]),
            _ => json!(["map", obj]),
        };
    }
    json!({"format_version": "1.0", "provider_schemas": {"registry.terraform.io/acme/deep": {
        "resource_schemas": {
            "deep_blocks": {"block": block},
            "deep_attributes": {"block": {"attributes": {"root": attr}}},
            "deep_objects": {"block": {"attributes": {"root": {"type": ty, "optional": true}}}},
        }
    }}})
    .to_string()
}

/// A Rust string literal for `s`.
fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// An expression of the struct `ty` of `item` (module `m`), with every string attribute set to
/// its own Terraform name and every block set once, recursively.
fn value_expr(krate: &str, item: &Item, ty: TypeId) -> String {
    let t = &item.types[ty];
    let path = format!("{krate}::{}::{}", item.module, t.rust_name);
    let mut required = Vec::new();
    let mut setters = String::new();
    for f in &t.fields {
        let arg = match &f.ty {
            FieldType::Attr(ValueType::String) => lit(&f.tf_name),
            FieldType::Attr(ValueType::Object(o)) => value_expr(krate, item, *o),
            FieldType::Attr(ValueType::List(inner) | ValueType::Set(inner)) => match &**inner {
                ValueType::Object(o) => format!("vec![{}]", value_expr(krate, item, *o)),
                _ => continue,
            },
            FieldType::Attr(ValueType::Map(inner)) => match &**inner {
                ValueType::Object(o) => format!(
                    "::std::collections::BTreeMap::from([(\"k\", {})])",
                    value_expr(krate, item, *o)
                ),
                _ => continue,
            },
            FieldType::Attr(_) => continue,
            FieldType::Block { mode, ty } => {
                let v = value_expr(krate, item, *ty);
                match mode {
                    BlockMode::Single | BlockMode::OneOf { .. } => v,
                    BlockMode::List | BlockMode::Set => format!("vec![{v}]"),
                    // `new` takes map blocks keyed by `String`; setters take any key.
                    BlockMode::Map if f.presence == Presence::Required => {
                        format!("[(::std::string::String::from(\"k\"), {v})]")
                    }
                    BlockMode::Map => format!("[(\"k\", {v})]"),
                }
            }
        };
        match f.presence {
            Presence::Required => required.push(arg),
            Presence::Optional => {
                let _ = write!(setters, ".{}({arg})", f.rust_name);
            }
            Presence::Computed => {}
        }
    }
    format!("{path}::new({}){setters}", required.join(", "))
}

/// The program that synthesizes every hostile element and prints the stack's JSON.
fn usage_main(pkg: &Package) -> String {
    let mut body = String::new();
    let p = &pkg.provider;
    let _ = writeln!(
        body,
        "    hostile::provider::{}::new(&stack, \"p\", {});",
        p.rust_name,
        value_expr("hostile", p, p.config)
    );
    for (i, item) in pkg.items.iter().enumerate() {
        let config = value_expr("hostile", item, item.config);
        let _ = writeln!(
            body,
            "    hostile::{}::{}::new(&stack, \"e{i}\", {config});",
            item.module, item.rust_name
        );
    }
    for (i, f) in pkg.functions.iter().enumerate() {
        let args: Vec<String> = f.params.iter().map(|p| lit(&p.rust_name)).collect();
        let variadic = if f.variadic.is_some() {
            ", [1.0, 2.0]"
        } else {
            ""
        };
        let _ = writeln!(
            body,
            "    TerraformOutput::new(&stack, \"f{i}\", hostile::functions::{}({}{variadic}));",
            f.rust_name,
            args.join(", ")
        );
    }
    format!(
        "//! Synthesizes every element of the hostile fixture and prints the stack's JSON.\n\
         #![allow(deprecated)]\n\
         use cdktf::prelude::*;\n\n\
         fn main() {{\n    let app = App::new();\n    let stack = TerraformStack::new(&app, \"s\");\n\
         {body}    match app.synth_stack(\"s\") {{\n        Ok(json) => println!(\"{{json}}\"),\n        \
         Err(e) => {{\n            eprintln!(\"{{e}}\");\n            std::process::exit(1);\n        }}\n    }}\n}}\n"
    )
}

/// Keys of a synthesized value that came from the schema (meta keys start with `//`).
fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|m| m.keys().filter(|k| !k.starts_with("//")).cloned().collect())
        .unwrap_or_default()
}

/// The synthesized `value` of the struct `ty` carries exactly the Terraform names of the fields
/// that were set, each string attribute holding its own name.
fn check_value(item: &Item, ty: TypeId, v: &Value, at: &str) {
    let t = &item.types[ty];
    let set: BTreeMap<&str, &codegen::ir::Field> = t
        .fields
        .iter()
        .filter(|f| f.presence != Presence::Computed)
        // What `value_expr` sets: strings and values with objects inside.
        .filter(|f| match &f.ty {
            FieldType::Attr(v @ (ValueType::List(_) | ValueType::Set(_) | ValueType::Map(_))) => {
                v.has_object()
            }
            FieldType::Attr(v) => {
                !matches!(v, ValueType::Number | ValueType::Bool | ValueType::Dynamic)
            }
            FieldType::Block { .. } => true,
        })
        .map(|f| (f.tf_name.as_str(), f))
        .collect();
    let got = keys(v);
    let want: BTreeSet<String> = set.keys().map(|k| k.to_string()).collect();
    assert_eq!(got, want, "keys at {at}");
    for (name, f) in set {
        let x = &v[name];
        let at = format!("{at}.{name}");
        let one = |x: &Value| match x {
            Value::Array(a) if a.len() == 1 => a[0].clone(),
            Value::Object(m) if m.len() == 1 && m.contains_key("k") => m["k"].clone(),
            other => other.clone(),
        };
        match &f.ty {
            FieldType::Attr(ValueType::String) => assert_eq!(x, &json!(name), "{at}"),
            FieldType::Attr(ValueType::Object(o)) => check_value(item, *o, x, &at),
            FieldType::Attr(ValueType::List(i) | ValueType::Set(i) | ValueType::Map(i)) => {
                if let ValueType::Object(o) = &**i {
                    check_value(item, *o, &one(x), &at);
                }
            }
            FieldType::Block { ty, .. } => check_value(item, *ty, &one(x), &at),
            FieldType::Attr(_) => {}
        }
    }
}

fn write_package(
    text: &str,
    name: &str,
    file: &str,
    root: &Path,
    files: &mut Vec<codegen::GeneratedFile>,
) {
    let g = codegen::Config::new()
        .package_name(name)
        .standalone(false)
        .runtime_path(root.join("cdktf").display().to_string())
        .file_name(file)
        .generate(text)
        .unwrap_or_else(|e| panic!("{e}"));
    for f in g.files {
        files.push(codegen::GeneratedFile {
            path: Path::new(name).join(f.path),
            contents: f.contents,
        });
    }
}

#[test]
fn hostile_deep_and_random_schemas_compile_and_keep_terraform_names() {
    let root = test_support::workspace_root();
    let mut files = Vec::new();
    let mut members: Vec<String> = Vec::new();
    let mut deps = String::new();
    let mut add = |name: &str, text: &str, file: &str, files: &mut Vec<_>| {
        write_package(text, name, file, &root, files);
        members.push(name.to_string());
        let _ = writeln!(
            deps,
            "{} = {{ package = \"{name}\", path = \"../{name}\", features = [\"full\"] }}",
            name.replace('-', "_")
        );
    };
    add("hostile", HOSTILE, "hostile.json", &mut files);
    let deep = deep_schema(64);
    add("deep", &deep, "deep.json", &mut files);
    // A deterministic sample of the property test's random schemas.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for i in 0..4 {
        let doc = arb::document()
            .new_tree(&mut runner)
            .expect("a random schema")
            .current();
        add(
            &format!("sample-{i}"),
            &doc,
            &format!("sample-{i}.json"),
            &mut files,
        );
    }
    if std::env::var_os("CODEGEN_SKIP_WAFV2").is_some() {
        println!("SKIP wafv2: CODEGEN_SKIP_WAFV2 is set");
    } else if let Some(dir) = common::shared_schemas("wafv2 compile") {
        let path = dir.join("cdktf-fixtures/aws_wafv2_web_acl.test.fixture.json");
        let text = std::fs::read_to_string(&path).expect("readable");
        let name = "aws_wafv2_web_acl.test.fixture.json";
        add("wafv2", &text, name, &mut files);
    }
    let pkg = hostile_ir();
    files.push(codegen::GeneratedFile {
        path: "usage/Cargo.toml".into(),
        contents: format!(
            "[package]\nname = \"usage\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ncdktf = {{ path = {:?} }}\n{deps}",
            root.join("cdktf").display().to_string()
        ),
    });
    files.push(codegen::GeneratedFile {
        path: "usage/src/main.rs".into(),
        contents: usage_main(&pkg),
    });
    members.push("usage".into());
    files.push(codegen::GeneratedFile {
        path: "Cargo.toml".into(),
        contents: codegen::render::toml_file(&codegen::emit::package::workspace_toml(&members)),
    });
    let base = root.join("target/codegen-hostile");
    let ws = base.join("ws");
    codegen::Generated {
        files,
        warnings: Vec::new(),
    }
    .write_to(&ws)
    .expect("written");

    let started = std::time::Instant::now();
    let out = Command::new(env!("CARGO"))
        .args([
            "run",
            "-q",
            "-p",
            "usage",
            "--message-format=short",
            "--manifest-path",
        ])
        .arg(ws.join("Cargo.toml"))
        // Shared with tests/compile.rs, which builds the same runtime.
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/codegen-compile-test/target"),
        )
        .output()
        .expect("cargo runs");
    println!(
        "cargo run of {} packages: {:?}",
        members.len(),
        started.elapsed()
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "build or run failed:\n{stderr}");
    let ws_text = ws.display().to_string();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("warning") && (l.contains(&ws_text) || l.starts_with("src/")))
        .collect();
    assert!(
        warnings.is_empty(),
        "warnings in generated code:\n{}",
        warnings.join("\n")
    );

    let synth: Value = serde_json::from_slice(&out.stdout).expect("the program prints JSON");
    let p = &pkg.provider;
    check_value(
        p,
        p.config,
        &synth["provider"]["hostile"][0],
        "provider.hostile",
    );
    for (i, item) in pkg.items.iter().enumerate() {
        let section = match item.kind {
            ItemKind::DataSource => &synth["data"],
            _ => &synth["resource"],
        };
        let element = &section[&item.tf_name][format!("e{i}")];
        assert!(
            element.is_object(),
            "{:?} e{i} not synthesized",
            item.tf_name
        );
        check_value(item, item.config, element, &item.tf_name);
    }
    for (i, f) in pkg.functions.iter().enumerate() {
        let value = synth["output"][format!("f{i}")]["value"]
            .as_str()
            .unwrap_or_default();
        let want = format!("${{provider::hostile::{}(", f.tf_name);
        assert!(value.starts_with(&want), "{value} does not call {want}");
    }
}

/// A bare carriage return is a compile error in a doc comment, and other control characters have
/// no business in source: none reaches a generated file, whatever the description holds.
#[test]
fn control_characters_never_reach_the_output() {
    let g = common::generate(HOSTILE, "hostile.json").expect("generates");
    for f in &g.files {
        let bad: Vec<char> = f
            .contents
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\t'))
            .collect();
        assert!(bad.is_empty(), "{}: {bad:?}", f.path.display());
    }
}
