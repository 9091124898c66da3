//! The synthesized JSON is accepted by real Terraform (`init` + `validate`), and a literal reaches
//! Terraform exactly as written (`terraform console`). Skipped when `terraform` is not on PATH.

mod common;

use std::path::Path;

use cdktf::backend::{LocalBackend, LocalBackendConfig};
use cdktf::prelude::*;
use common::{data_resource, Config};

/// Text Terraform must see verbatim: template sequences, escapes, quotes, newlines, unicode.
const TRICKY: &str =
    "${HOME} %{if x}y%{endif} $${z} %%{w} back\\slash \"quoted\" tab\tline1\nline2 é ✓ 🎉";

fn terraform_available() -> bool {
    test_support::terraform("terraform_cli").is_some()
}

fn terraform(dir: &Path, cli_config: &Path, args: &[&str], stdin: Option<&str>) -> String {
    test_support::run_terraform(dir, Some(cli_config), args, stdin)
}

/// A stack of Terraform built-ins only, exercising most of the runtime.
fn builtins_app(outdir: &Path, state: &Path) -> App {
    let app = App::with_outdir(outdir);
    let stack = TerraformStack::new(&app, "builtins");
    LocalBackend::new(
        &stack,
        LocalBackendConfig::new().path(state.to_string_lossy()),
    );
    let env = TerraformVariable::new(&stack, "env")
        .type_constraint("string")
        .default("dev")
        .description("Deployment environment")
        .validation(
            cdktf::Expression::raw("length(var.env) > 0"),
            "env must not be empty",
        );
    let names = TerraformVariable::new(&stack, "names")
        .type_constraint("list(string)")
        .default(vec!["a", "b"]);
    let prefix = TerraformLocal::new(&stack, "prefix", format!("app-{}", env.string_value()));
    TerraformLocal::new(&stack, "tricky", Value::literal(TRICKY));

    let base = data_resource(
        &stack,
        "base",
        Config::new().set::<String>("input", format!("{}-base", prefix.value::<String>())),
    );
    let each = TerraformIterator::from_list(names.list_value::<String>());
    let per_name = data_resource(
        &stack,
        "per-name",
        Config::new()
            .set::<String>(
                "input",
                format!("{}-{}", prefix.value::<String>(), each.value()),
            )
            .for_each(&each)
            .depends_on([&base]),
    );
    let count = cdktf::TerraformCount::of(2);
    data_resource(
        &stack,
        "counted",
        Config::new()
            .set::<String>("input", format!("n{}", count.index()))
            .count(&count)
            .lifecycle(
                Lifecycle::new()
                    .create_before_destroy(true)
                    .ignore_changes(["input"])
                    .replace_triggered_by(&base),
            ),
    );
    let group = Construct::new(&stack, "group");
    let nested = data_resource(
        &group,
        "nested",
        Config::new()
            .set::<String>("input", Value::literal("${not} %{interpolated}"))
            .set::<String>("triggers_replace", base.attr::<Value<String>>("id")),
    );
    TerraformOutput::new(
        &stack,
        "nested-input",
        nested.attr::<Value<String>>("input"),
    );
    TerraformOutput::new(&stack, "all", per_name.attr::<Value<Vec<String>>>("output"))
        .description("outputs of every instance");
    TerraformOutput::new(&stack, "tricky-out", Value::literal(TRICKY)).sensitive(false);
    app
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn terraform_validates_a_stack_of_builtins_and_reads_literals_verbatim() {
    if !terraform_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let cli_config = dir.path().join("terraformrc");
    std::fs::write(&cli_config, "").expect("cli config");
    let out = dir.path().join("cdktf.out");
    builtins_app(&out, &dir.path().join("state.tfstate"))
        .synth()
        .expect("synth");
    let stack_dir = out.join("stacks/builtins");

    terraform(&stack_dir, &cli_config, &["init", "-no-color"], None);
    let validate = terraform(
        &stack_dir,
        &cli_config,
        &["validate", "-json", "-no-color"],
        None,
    );
    let report: serde_json::Value = serde_json::from_str(&validate).expect("validate json");
    assert_eq!(report["valid"], true, "{validate}");
    assert_eq!(report["error_count"], 0, "{validate}");

    // base64 of the value Terraform holds, compared with base64 of what the user wrote.
    let console = terraform(
        &stack_dir,
        &cli_config,
        &["console", "-no-color"],
        Some("base64encode(local.tricky)\n"),
    );
    assert_eq!(console.trim(), format!("\"{}\"", base64(TRICKY.as_bytes())));
    let console = terraform(
        &stack_dir,
        &cli_config,
        &["console", "-no-color"],
        Some("local.prefix\n"),
    );
    assert_eq!(console.trim(), "\"app-dev\"");
}

#[test]
fn base64_helper_matches_known_vectors() {
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
}

#[test]
fn terraform_reads_dollars_before_references_and_joined_literals_as_written() {
    if !terraform_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let cli_config = dir.path().join("terraformrc");
    std::fs::write(&cli_config, "").expect("cli config");
    let out = dir.path().join("cdktf.out");
    let app = App::with_outdir(&out);
    let stack = TerraformStack::new(&app, "strings");
    LocalBackend::new(
        &stack,
        LocalBackendConfig::new().path(dir.path().join("state.tfstate").to_string_lossy()),
    );
    let price = TerraformVariable::new(&stack, "price")
        .type_constraint("string")
        .default("9");
    let values = [
        format!("US${}", price.string_value()),
        format!("$${}", price.string_value()),
        format!("100%{}", price.string_value()),
        format!("{}{}", Value::literal("$"), Value::literal("{HOME}")),
        format!("{}{{HOME}}", Value::literal("$")),
        format!("{}{}", Value::literal("%"), Value::literal("{x}")),
    ];
    let expected = ["US$9", "$$9", "100%9", "${HOME}", "${HOME}", "%{x}"];
    TerraformLocal::new(&stack, "values", values.to_vec());
    app.synth().expect("synth");
    let stack_dir = out.join("stacks/strings");
    terraform(&stack_dir, &cli_config, &["init", "-no-color"], None);
    let console = terraform(
        &stack_dir,
        &cli_config,
        &["console", "-no-color"],
        Some("base64encode(join(\"\\n\", local.values))\n"),
    );
    assert_eq!(
        console.trim(),
        format!("\"{}\"", base64(expected.join("\n").as_bytes()))
    );
}
