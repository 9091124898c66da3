//! The Rust examples compile and run: a selection of AWS examples covering every placeholder
//! shape (nested blocks, block lists and sets with `min_items` > 1, block maps, object values,
//! lists, maps, numbers, bools, dynamic values) goes into one crate, each as a module whose hidden
//! doctest lines are kept, and one test runs them all. The hidden lines check that the stack
//! synthesizes exactly [`Example::stack_json`]'s parts, the JSON that `tests/docs_validate.rs`
//! runs `terraform validate` on. (bindings/tfe runs its own examples as doctests.)
//!
//! AWS has no required map blocks or dynamic values; [`SHAPES`], a small schema with every shape
//! (and a provider with a required argument), is run too.
//!
//! Default: the two smallest AWS examples of each shape; `CDKTF_DOCS_VALIDATE=1`: ten of each.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use codegen::emit::docs::example::{Call, Example, Placeholder};
use codegen::emit::docs::Page;

/// One resource and one data source with every kind of required argument and block.
const SHAPES: &str = r#"{"format_version":"1.0","provider_schemas":{"registry.terraform.io/test/shapes":{
  "provider":{"block":{"attributes":{"token":{"type":"string","required":true}}}},
  "resource_schemas":{"shapes_all":{"block":{
    "attributes":{
      "id":{"type":"string","computed":true},
      "s":{"type":"string","required":true},
      "n":{"type":"number","required":true},
      "b":{"type":"bool","required":true},
      "d":{"type":"dynamic","required":true},
      "type":{"type":"string","required":true},
      "l":{"type":["list",["list","string"]],"required":true},
      "m":{"type":["map","number"],"required":true},
      "o":{"type":["object",{"a":"string","b":"number"},["b"]],"required":true},
      "lo":{"type":["set",["object",{"x":"string"}]],"required":true},
      "nested":{"nested_type":{"nesting_mode":"list","attributes":{
        "k":{"type":"string","required":true},"v":{"type":"string","optional":true}}},"required":true}},
    "block_types":{
      "single_b":{"nesting_mode":"single","min_items":1,"block":{"attributes":{"r":{"type":"string","required":true}}}},
      "one_b":{"nesting_mode":"list","min_items":1,"max_items":1,"block":{"attributes":{"r":{"type":"bool","required":true}}}},
      "set_b":{"nesting_mode":"set","min_items":2,"block":{"attributes":{"q":{"type":"string","required":true}},
        "block_types":{"inner":{"nesting_mode":"list","min_items":1,"block":{"attributes":{"w":{"type":"number","required":true}}}}}}},
      "map_b":{"nesting_mode":"map","min_items":1,"block":{"attributes":{"z":{"type":"string","required":true}}}},
      "opt_b":{"nesting_mode":"list","block":{"attributes":{"never":{"type":"string","required":true}}}}}}}},
  "data_source_schemas":{"shapes_all":{"block":{"attributes":{"d":{"type":"dynamic","required":true}}}}}}}}"#;

fn shapes_of(p: &Placeholder, out: &mut BTreeSet<&'static str>, ex: &Example) {
    match p {
        Placeholder::Var(i) => {
            out.insert(match ex.variables[*i].ty {
                codegen::ir::ValueType::String => "string",
                codegen::ir::ValueType::Number => "number",
                codegen::ir::ValueType::Bool => "bool",
                _ => "dynamic",
            });
        }
        Placeholder::List(items) => {
            out.insert("list");
            items.iter().for_each(|i| shapes_of(i, out, ex));
        }
        Placeholder::Map(entries) => {
            out.insert("map");
            entries.iter().for_each(|(_, v)| shapes_of(v, out, ex));
        }
        Placeholder::Object(c) => {
            out.insert("object or block");
            call_shapes(c, out, ex);
        }
        Placeholder::Blocks(calls) => {
            out.insert(if calls.len() > 1 {
                "blocks, min_items > 1"
            } else {
                "blocks"
            });
            calls.iter().for_each(|c| call_shapes(c, out, ex));
        }
        Placeholder::BlockMap(entries) => {
            out.insert("block map");
            entries.iter().for_each(|(_, c)| call_shapes(c, out, ex));
        }
    }
}

fn call_shapes(c: &Call, out: &mut BTreeSet<&'static str>, ex: &Example) {
    c.args.iter().for_each(|(_, p)| shapes_of(p, out, ex));
}

/// The example as a module: hidden lines kept, `main` callable.
fn as_module(name: &str, page: &Page) -> String {
    let mut body = String::new();
    for line in page.example.rust().lines() {
        let t = line.trim_start();
        let line = match t.strip_prefix("# ") {
            Some(hidden) => format!("{}{hidden}", &line[..line.len() - t.len()]),
            None => line.replace("fn main()", "pub fn main()"),
        };
        body.push_str(&line);
        body.push('\n');
    }
    format!("#[allow(unused)]\nmod {name} {{\n{body}}}\n")
}

#[test]
fn aws_examples_compile_and_run() {
    let Some(shared) = common::shared_schemas("aws_examples_compile_and_run") else {
        return;
    };
    let full = std::env::var_os("CDKTF_DOCS_VALIDATE").is_some_and(|v| v == "1");
    let per_shape = if full { 10 } else { 2 };
    let text = std::fs::read_to_string(shared.join("aws-5.100.0.json")).expect("aws schema");
    let mut config = codegen::Config::new();
    config
        .provider("aws")
        .package_name("aws")
        .standalone(false)
        .runtime_path(
            test_support::workspace_root()
                .join("cdktf")
                .display()
                .to_string(),
        );
    let pages = config.doc_pages(&text).expect("pages");
    let generated = config.generate(&text).expect("generates");
    let size: BTreeMap<String, usize> = generated
        .files
        .iter()
        .map(|f| (f.path.display().to_string(), f.contents.len()))
        .collect();

    // The smallest modules first, so the default run compiles little.
    let mut by_size: Vec<(&Page, usize)> = pages
        .iter()
        .map(|p| {
            let module = format!("src/{}.rs", p.example.module);
            (p, size.get(&module).copied().unwrap_or(usize::MAX))
        })
        .collect();
    by_size.sort_by_key(|(p, s)| (*s, p.tf_name.clone()));
    let mut chosen: Vec<&Page> = Vec::new();
    let mut count: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (page, _) in &by_size {
        let mut shapes = BTreeSet::new();
        call_shapes(&page.example.config, &mut shapes, &page.example);
        let wanted = shapes
            .iter()
            .any(|s| count.get(s).copied().unwrap_or(0) < per_shape);
        if wanted {
            for s in shapes {
                *count.entry(s).or_default() += 1;
            }
            chosen.push(page);
        }
    }
    println!("aws shapes covered: {count:?}; {} examples", chosen.len());
    assert!(count.len() >= 8, "the AWS shapes occur: {count:?}");

    let mut shapes_config = codegen::Config::new();
    shapes_config
        .provider("shapes")
        .package_name("shapes")
        .standalone(false)
        .runtime_path(
            test_support::workspace_root()
                .join("cdktf")
                .display()
                .to_string(),
        );
    let shapes_pages = shapes_config.doc_pages(SHAPES).expect("shapes pages");
    let mut all_shapes = BTreeSet::new();
    for p in &shapes_pages {
        call_shapes(&p.example.config, &mut all_shapes, &p.example);
    }
    assert_eq!(all_shapes.len(), 10, "{all_shapes:?}");
    chosen.extend(shapes_pages.iter());

    let root = test_support::workspace_root();
    let base = root.join("target/codegen-examples-run");
    let features: Vec<String> = chosen
        .iter()
        .filter(|p| p.provider == "aws")
        .filter_map(|p| p.feature.clone())
        .map(|f| format!("{f:?}"))
        .collect();
    let mut files = generated.files.clone();
    for f in &mut files {
        f.path = Path::new("aws").join(&f.path);
    }
    for mut f in shapes_config
        .generate(SHAPES)
        .expect("shapes generate")
        .files
    {
        f.path = Path::new("shapes").join(&f.path);
        files.push(f);
    }
    let manifest = format!(
        "[package]\nname = \"examples-run\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\ncdktf = {{ path = {:?} }}\naws = {{ path = \"aws\", features = [{}] }}\n\
         shapes = {{ path = \"shapes\", features = [\"full\"] }}\n\n\
         [workspace]\nmembers = [\"aws\", \"shapes\"]\n",
        test_support::workspace_root()
            .join("cdktf")
            .display()
            .to_string(),
        features.join(", ")
    );
    let mut test = String::from("//! Generated by codegen/tests/examples_run.rs.\n");
    let mut calls = String::new();
    for (i, page) in chosen.iter().enumerate() {
        let name = format!("e{i}");
        test.push_str(&as_module(&name, page));
        calls.push_str(&format!(
            "    {name}::main().unwrap_or_else(|e| panic!(\"{}: {{e}}\"));\n",
            page.tf_name
        ));
    }
    test.push_str(&format!("\n#[test]\nfn examples() {{\n{calls}}}\n"));
    files.push(codegen::GeneratedFile {
        path: "Cargo.toml".into(),
        contents: manifest,
    });
    files.push(codegen::GeneratedFile {
        path: "src/lib.rs".into(),
        contents: "//! Runs generated examples.\n".into(),
    });
    files.push(codegen::GeneratedFile {
        path: "tests/examples.rs".into(),
        contents: test,
    });
    codegen::Generated {
        files,
        warnings: Vec::new(),
    }
    .write_to(base.join("ws"))
    .expect("written");
    let out = Command::new(env!("CARGO"))
        .args(["test", "-q", "--test", "examples", "--manifest-path"])
        .arg(base.join("ws/Cargo.toml"))
        .env("CARGO_TARGET_DIR", base.join("target"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "examples failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
