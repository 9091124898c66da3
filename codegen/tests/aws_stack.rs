//! End to end at AWS scale: generate the AWS 5.100.0 package into `target/aws-stack/aws`, build
//! and run the stack program `tests/aws-stack` (VPC, subnets with `count`, a security group,
//! an S3 bucket with a lifecycle configuration, an IAM role from a policy document data source,
//! a Lambda function, `for_each` over a map, outputs, `provider::aws::arn_parse`) with only the
//! features it uses, then run `terraform init -plugin-dir` and `terraform validate` offline on
//! what it synthesized. Takes one to three minutes; prints every command it runs.
//!
//! Needs the shared schema corpus, `terraform` on `PATH`, and the aws 5.100.0 plugin under
//! `/opt/tf-plugins` (or `$CDKTF_TF_PLUGIN_DIR`); prints `SKIP:` when one is missing.

mod common;

use std::path::Path;
use std::process::Command;

fn run(cmd: &mut Command) -> String {
    println!("running: {cmd:?}");
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
fn aws_stack_validates() {
    let Some(shared) = common::shared_schemas("aws_stack_validates") else {
        return;
    };
    let Some(terraform) = test_support::terraform("aws_stack_validates") else {
        return;
    };
    let Some(plugins) = test_support::aws_plugin_dir("aws_stack_validates") else {
        return;
    };
    let root = test_support::workspace_root();
    let base = root.join("target/aws-stack");
    let pkg = base.join("aws");
    // A link left by hand would make `write_to` write through it.
    if pkg.is_symlink() {
        std::fs::remove_file(&pkg).expect("remove link");
    }
    let schema = shared.join("aws-5.100.0.json");
    println!("generating {} into {}", schema.display(), pkg.display());
    let text = std::fs::read_to_string(&schema).expect("aws schema");
    codegen::Config::new()
        .provider("aws")
        .file_name(schema.display().to_string())
        .runtime_path(root.join("cdktf").display().to_string())
        .generate(&text)
        .expect("generates")
        .write_to(&pkg)
        .expect("writes");

    let manifest = root.join("tests/aws-stack/Cargo.toml");
    let out = base.join("out");
    let _ = std::fs::remove_dir_all(&out);
    run(Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--manifest-path"])
        .arg(&manifest)
        .env("CARGO_TARGET_DIR", base.join("target"))
        .env("CDKTF_OUTDIR", &out));
    let stack = out.join("stacks/aws-stack");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(stack.join("cdk.tf.json")).expect("synthesized"),
    )
    .expect("JSON");
    assert_eq!(json["resource"]["aws_subnet"]["subnet"]["count"], 3);
    // Objects in a set attribute: only the fields set, the others `null`.
    let ingress = &json["resource"]["aws_security_group"]["web"]["ingress"][0];
    assert_eq!(ingress["from_port"], 443);
    assert_eq!(ingress["self"], serde_json::Value::Null);
    assert!(
        ingress.as_object().is_some_and(|o| o.len() == 9),
        "{ingress}"
    );
    // A dynamic block on a block that appears at most once.
    let archive =
        &json["resource"]["aws_s3_bucket_lifecycle_configuration"]["logs-lifecycle"]["rule"][1];
    assert_eq!(
        archive["dynamic"]["filter"]["content"]["prefix"],
        "${each.value}"
    );
    assert_eq!(
        json["output"]["function_account"]["value"],
        "${provider::aws::arn_parse(aws_lambda_function.fn.arn)}"
    );

    let tf = |args: &[&str], dir: &Path| {
        let mut cmd = Command::new(&terraform);
        cmd.args(args).current_dir(dir).env("TF_IN_AUTOMATION", "1");
        run(&mut cmd)
    };
    let plugin_arg = format!("-plugin-dir={}", plugins.display());
    tf(&["init", "-input=false", "-no-color", &plugin_arg], &stack);
    let validated = tf(&["validate", "-no-color"], &stack);
    println!("{validated}");
    assert!(
        validated.contains("The configuration is valid"),
        "{validated}"
    );
}
