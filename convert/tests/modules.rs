//! The four aws modules of `../shared/modules` (alb, dynamodb-table, ec2-instance, kms), end to
//! end: each converts with the aws 5.100.0 schema into a Rust module (`pub fn build`); the four
//! compile as one crate against aws bindings generated into `target/aws-stack/aws` (the package
//! `codegen/tests/aws_stack.rs` builds, and its target directory, so the runtime compiles once)
//! with only the features they use; the crate runs and synthesizes each; `terraform validate`
//! (offline, with the aws plugin) accepts each `cdk.tf.json`; and each synthesized
//! configuration equals the module's HCL normalized to Terraform JSON (same addresses,
//! variables, locals, outputs, arguments and values; expressions compared parsed).
//!
//! The fixture `tests/fixtures/aws-values` goes through the same steps, for map keys, `null`
//! defaults, string escapes, heredocs, validations and sensitivity.
//!
//! Prints the time to convert each module (loading the schema items it uses included; a debug
//! build, so slower than `tf2rs` built for release) and its raw-expression fallbacks; fails if
//! a module needs more fallbacks than `modules_thresholds.txt` allows. Needs `../shared`; the
//! `terraform validate` step needs `terraform` and the aws plugin (`test_support`'s skip rule).

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use common::{build_and_run, canonical, diff, hcl_to_json, Bindings, Unit};

const TEST: &str = "aws_modules_round_trip";
const MODULES: [&str; 4] = ["alb", "dynamodb-table", "ec2-instance", "kms"];
/// A fixture beside the modules (`tests/fixtures/aws-values`): map keys, `null` defaults,
/// string escapes, heredocs, validations and sensitivity, which the modules hardly have.
const FIXTURE: &str = "aws-values";

fn threshold(module: &str) -> usize {
    let text = include_str!("modules_thresholds.txt");
    text.lines()
        .filter_map(|l| l.split_once('='))
        .find(|(k, _)| k.trim() == module)
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("{module} missing in modules_thresholds.txt"))
}

/// The Rust module name of a module folder.
fn rust_name(module: &str) -> String {
    module.replace('-', "_")
}

struct Module {
    name: &'static str,
    config: convert::Config,
    converted: convert::Converted,
}

/// Converts each module, each against the schema items it uses only (as a user converting one
/// module would load them), printing the time each took.
fn convert_all(modules: &Path, schema: &str) -> Vec<Module> {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    MODULES
        .iter()
        .map(|&name| (name, modules.join(name)))
        .chain([(FIXTURE, fixture.join(FIXTURE))])
        .map(|(name, dir)| {
            let started = Instant::now();
            let config = convert::read_path(&dir).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut schemas = convert::Schemas::new();
            schemas
                .add_document_for(schema, &config)
                .unwrap_or_else(|e| panic!("aws schema: {e}"));
            let converted = convert::Converter::new(&schemas)
                .convert_config(&config, &format!("modules/{name}"))
                .unwrap_or_else(|e| panic!("{name} does not convert: {e}"));
            println!(
                "{name}: converted in {:?} ({} resource and data source types)",
                started.elapsed(),
                convert::select::used_types(&config).len()
            );
            Module {
                name,
                config,
                converted,
            }
        })
        .collect()
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

#[test]
fn aws_modules_round_trip() {
    let Some(modules) = test_support::shared(TEST, "modules") else {
        return;
    };
    let Some(schemas_dir) = test_support::shared(TEST, "schemas") else {
        return;
    };
    // The path string `codegen/tests/aws_stack.rs` generates from, so both write the same files.
    let schema_path = schemas_dir.join("aws-5.100.0.json");
    let schema = std::fs::read_to_string(&schema_path).expect("reads the aws schema");
    let converted = convert_all(&modules, &schema);

    let mut worse = Vec::new();
    for m in &converted {
        let n = m.converted.fallbacks.len();
        println!("{}: {n} raw fallbacks", m.name);
        for f in &m.converted.fallbacks {
            println!("  {f}");
        }
        if n > threshold(m.name) {
            worse.push(format!("{}: {n} > {}", m.name, threshold(m.name)));
        }
    }

    // The aws bindings, generated as `codegen/tests/aws_stack.rs` generates them.
    let root = common::root();
    let base = root.join("target/aws-stack");
    let pkg = base.join("aws");
    if pkg.is_symlink() {
        std::fs::remove_file(&pkg).expect("remove link");
    }
    let started = Instant::now();
    codegen::Config::new()
        .provider("aws")
        .file_name(schema_path.display().to_string())
        .runtime_path(root.join("cdktf").display().to_string())
        .generate(&schema)
        .expect("generates")
        .write_to(&pkg)
        .expect("writes");
    println!("generated the aws bindings in {:?}", started.elapsed());
    let features: Vec<String> = converted
        .iter()
        .flat_map(|m| m.converted.features.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    println!("features: {}", features.join(" "));
    let units: Vec<Unit> = converted
        .iter()
        .map(|m| Unit {
            module: rust_name(m.name),
            stack: m.name.to_string(),
            code: m.converted.code.clone(),
        })
        .collect();
    let started = Instant::now();
    let results = build_and_run(
        "convert-modules",
        Bindings::Package {
            krate: "aws",
            path: &pkg,
            features: &features,
            target_dir: &base.join("target"),
        },
        &units,
    )
    .unwrap_or_else(|e| panic!("the converted modules do not compile:\n{e}"));
    println!("compiled and ran in {:?}", started.elapsed());

    let out = root.join("target/convert-modules/out");
    let mut differs = Vec::new();
    let mut synthesized = Vec::new();
    for m in &converted {
        let Some((_, got)) = results.iter().find(|(n, _)| *n == rust_name(m.name)) else {
            differs.push(format!("{}: no output", m.name));
            continue;
        };
        if let Some(e) = got.get("error") {
            differs.push(format!("{}: synthesis failed: {e}", m.name));
            continue;
        }
        let dir = out.join(m.name);
        std::fs::create_dir_all(&dir).expect("creates the output directory");
        let json = serde_json::to_string_pretty(got).expect("JSON");
        std::fs::write(dir.join("cdk.tf.json"), json).expect("writes cdk.tf.json");
        synthesized.push(dir.clone());

        let want = canonical(&hcl_to_json(&m.config, &m.converted.added_variables));
        let mut got = canonical(got);
        // The `terraform` block is the stack's, not the module's: the stack's default local
        // backend is not in the HCL, and the module's `required_version` and
        // `required_providers` (not normalized into `want`) are settings of the stack the module
        // is built into (the converter reports `required_version` as a fallback).
        if let Some(t) = got.get_mut("terraform").and_then(|t| t.as_object_mut()) {
            t.remove("backend");
        }
        if want.get("terraform").is_none() {
            if let Some(g) = got.as_object_mut() {
                g.remove("terraform");
            }
        }
        // Kept for inspection: target/convert-modules/out/NAME/{want,got}.json.
        let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default();
        let _ = std::fs::write(dir.join("want.json"), pretty(&want));
        let _ = std::fs::write(dir.join("got.json"), pretty(&got));
        if let Some(d) = diff(&want, &got, "") {
            differs.push(format!("{}: {d}", m.name));
        }
    }

    if let (Some(terraform), Some(plugins)) = (
        test_support::terraform(TEST),
        test_support::aws_plugin_dir(TEST),
    ) {
        let plugin_arg = format!("-plugin-dir={}", plugins.display());
        for dir in &synthesized {
            let tf = |args: &[&str]| {
                run(Command::new(&terraform)
                    .args(args)
                    .current_dir(dir)
                    .env("TF_IN_AUTOMATION", "1"))
            };
            tf(&[
                "init",
                "-input=false",
                "-no-color",
                "-backend=false",
                &plugin_arg,
            ]);
            let validated = tf(&["validate", "-no-color"]);
            assert!(
                validated.contains("The configuration is valid"),
                "{}: {validated}",
                dir.display()
            );
            println!("{}: terraform validate: valid", dir.display());
        }
    }
    assert!(
        differs.is_empty(),
        "synthesized configurations differ from the HCL:\n{}",
        differs.join("\n")
    );
    assert!(
        worse.is_empty(),
        "raw fallbacks got worse: {}",
        worse.join(", ")
    );
}
