//! What the README tells a new user, from an empty folder: `cdktf init`, `cdktf synth`,
//! `cdktf deploy`, `cdktf destroy`, with the template's `terraform_data` stack and the runtime as
//! a path dependency; the template's own test passes too.

mod common;

use std::path::Path;

#[test]
fn init_synth_deploy_destroy_from_an_empty_folder() {
    if !common::terraform_available("init_synth_deploy_destroy_from_an_empty_folder") {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("hello-app");
    // One cargo target directory for every project the tests build: the runtime compiles once.
    let target = common::shared_target_dir();
    let env = [("CARGO_TARGET_DIR", target.as_path())];

    // As the README's quick start: `cdktf init hello-app`, then work in it.
    let out = common::cdktf_env(tmp.path(), &["init", "hello-app"], &env);
    assert!(out.status.success());
    let cargo = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml");
    let runtime = test_support::workspace_root().join("cdktf");
    assert!(
        cargo.contains(&format!("path = {:?}", runtime.to_string_lossy())),
        "{cargo}"
    );
    // Offline runs resolve from the workspace's lock file: the versions the workspace builds.
    std::fs::copy(
        test_support::workspace_root().join("Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .expect("lock file");

    let out = common::cdktf_env(&dir, &["synth"], &env);
    assert!(out.status.success());
    assert!(common::stdout(&out).contains("Synthesized 1 stack(s)"));
    assert!(dir.join("cdktf.out/stacks/hello-app/cdk.tf.json").is_file());

    let out = common::cdktf_env(&dir, &["list", "--skip-synth"], &env);
    assert!(common::stdout(&out).contains("hello-app"));

    // No terminal to ask for approval on: refused before anything runs.
    let out = common::cdktf_env(&dir, &["deploy", "--skip-synth"], &env);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pass --auto-approve"));
    assert!(!dir.join("terraform.hello-app.tfstate").exists());

    let out = common::cdktf_env(
        &dir,
        &["deploy", "--auto-approve", "--outputs-file", "outputs.json"],
        &env,
    );
    assert!(out.status.success());
    let outputs = std::fs::read_to_string(dir.join("outputs.json")).expect("outputs file");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&outputs).expect("json"),
        serde_json::json!({ "hello-app": { "greeting": "hello, world" } })
    );
    let text = common::stdout(&out);
    assert!(
        text.contains("hello-app.greeting = \"hello, world\""),
        "{text}"
    );
    assert!(
        text.contains("Apply complete! Resources: 1 added"),
        "{text}"
    );
    assert!(state_resources(&dir) == 1);

    let out = common::cdktf_env(&dir, &["output"], &env);
    assert!(common::stdout(&out).contains("hello-app.greeting = \"hello, world\""));

    let out = common::cdktf_env(&dir, &["destroy", "--auto-approve"], &env);
    assert!(out.status.success());
    assert!(common::stdout(&out).contains("Destroy complete! Resources: 1 destroyed."));
    assert!(state_resources(&dir) == 0);
    assert!(common::lock_files(&dir).is_empty());

    let test = std::process::Command::new(env!("CARGO"))
        .args(["test", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo test");
    assert!(
        test.status.success(),
        "the template's test fails:\n{}{}",
        String::from_utf8_lossy(&test.stdout),
        String::from_utf8_lossy(&test.stderr)
    );
}

/// The number of resources in the template stack's state (its default local backend: a file in
/// the project directory).
fn state_resources(dir: &Path) -> usize {
    let text =
        std::fs::read_to_string(dir.join("terraform.hello-app.tfstate")).expect("state file");
    let json: serde_json::Value = serde_json::from_str(&text).expect("state json");
    json["resources"].as_array().map_or(0, Vec::len)
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("notes.txt"), "mine").expect("file");
    let out = common::cdktf(tmp.path(), &["init"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.txt is there"));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).expect("kept"),
        "mine"
    );
}
