//! The binary: `--help`, exit codes, and that failed runs leave the output alone.

use assert_cmd::Command;

fn codegen() -> Command {
    Command::cargo_bin("codegen").expect("binary built")
}

#[test]
fn help() {
    let out = codegen().arg("--help").output().expect("runs");
    assert!(out.status.success());
    insta::assert_snapshot!("help", String::from_utf8_lossy(&out.stdout));
    let out = codegen()
        .args(["generate", "--help"])
        .output()
        .expect("runs");
    insta::assert_snapshot!("generate_help", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn bad_input_fails_and_leaves_output_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let schema = dir.path().join("bad.json");
    std::fs::write(
        &schema,
        r#"{"provider_schemas":{"registry.terraform.io/h/p":{"resource_schemas":{"p_a":{"block":{"attributes":{"x":{"type":"bogus"}}}}}}}}"#,
    )
    .expect("write");
    let out_dir = dir.path().join("out");
    std::fs::create_dir_all(&out_dir).expect("mkdir");
    std::fs::write(out_dir.join("keep.txt"), "x").expect("write");
    let out = codegen()
        .args(["generate", "--schema"])
        .arg(&schema)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.json") && stderr.contains("attributes.x.type"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let entries: Vec<_> = std::fs::read_dir(&out_dir).expect("read").collect();
    assert_eq!(entries.len(), 1);
}

#[test]
fn missing_file_fails() {
    let out = codegen()
        .args([
            "generate",
            "--schema",
            "/nonexistent/x.json",
            "--out",
            "/tmp/never-written",
        ])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/x.json"));
}

#[test]
fn generates_a_package_with_several_providers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let schema = dir.path().join("two.json");
    std::fs::write(
        &schema,
        r#"{"format_version":"0.1","provider_schemas":{"null":{"resource_schemas":{"null_resource":{"block":{}}}},"registry.terraform.io/hashicorp/random":{}}}"#,
    )
    .expect("write");
    let out = codegen()
        .args(["generate", "--schema"])
        .arg(&schema)
        .arg("--out")
        .arg(dir.path().join("o"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let root = std::fs::read_to_string(dir.path().join("o/Cargo.toml")).expect("root manifest");
    assert!(
        root.contains("[workspace]") && root.contains("\"null\"") && root.contains("\"random\""),
        "{root}"
    );
    let member =
        std::fs::read_to_string(dir.path().join("o/null/Cargo.toml")).expect("member manifest");
    assert!(!member.contains("[workspace]"));
    assert!(dir.path().join("o/null/src/resource.rs").exists());
}

/// A `codegen` that was installed (here: its binary copied away from the build tree, run from
/// another directory) writes a package that finds the runtime without this checkout: a version
/// dependency on the published `cdktf`. Building it with that dependency patched to this
/// checkout's runtime shows the package is complete.
#[test]
fn an_installed_codegen_writes_packages_that_build() {
    let dir = tempfile::tempdir().expect("tempdir");
    let installed = dir.path().join("bin/codegen");
    std::fs::create_dir_all(installed.parent().expect("parent")).expect("mkdir");
    std::fs::copy(env!("CARGO_BIN_EXE_codegen"), &installed).expect("copy binary");
    let schema = dir.path().join("null.json");
    std::fs::write(
        &schema,
        r#"{"format_version":"1.0","provider_schemas":{"registry.terraform.io/hashicorp/null":{"provider":{"block":{}},"resource_schemas":{"null_resource":{"block":{"attributes":{"id":{"type":"string","computed":true},"triggers":{"type":["map","string"],"optional":true}}}}}}}}"#,
    )
    .expect("write");
    let out = std::process::Command::new(&installed)
        .current_dir(dir.path())
        .args(["generate", "--schema", "null.json", "--out", "null"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest_path = dir.path().join("null/Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path).expect("manifest");
    let dependency = format!("cdktf = \"{}\"", codegen::RUNTIME_VERSION);
    assert!(manifest.contains(&dependency), "{manifest}");
    assert!(!manifest.contains("path ="), "{manifest}");

    let runtime = test_support::workspace_root().join("cdktf");
    let patched = format!(
        "{manifest}\n[patch.crates-io]\ncdktf = {{ path = {:?} }}\n",
        runtime.display().to_string()
    );
    std::fs::write(&manifest_path, patched).expect("patch");
    let build = std::process::Command::new(env!("CARGO"))
        .current_dir(dir.path().join("null"))
        .args(["build", "--offline", "--features", "full"])
        .env(
            "CARGO_TARGET_DIR",
            test_support::workspace_root().join("target/installed-codegen"),
        )
        .output()
        .expect("cargo runs");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
}

/// Without a command, `codegen` regenerates the checkout around the working directory; outside
/// of one it says so instead of writing anywhere.
#[test]
fn without_a_command_outside_a_checkout_it_explains() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = codegen().current_dir(dir.path()).output().expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no schema/providers.json"), "{stderr}");
    assert_eq!(std::fs::read_dir(dir.path()).expect("read").count(), 0);
}
