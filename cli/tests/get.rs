//! `cdktf get`: bindings generated from what terraform installs, recorded in `cdktf.lock.json`,
//! not regenerated while nothing changed, regenerated when the constraint changes. Offline: the
//! aws 5.100.0 plugin of the machine image served as a filesystem mirror through a CLI
//! configuration file (`TF_CLI_CONFIG_FILE`); and a stand-in terraform (`TERRAFORM_BINARY_NAME`)
//! that is too old for provider functions and ephemeral resources.

mod common;

use std::path::{Path, PathBuf};

fn link(from: &Path, to: &Path) {
    #[cfg(unix)]
    std::os::unix::fs::symlink(from, to).expect("link plugin");
    #[cfg(not(unix))]
    std::fs::copy(from, to).expect("copy plugin");
}

fn project(dir: &Path, constraint: &str) {
    std::fs::create_dir_all(dir).expect("project dir");
    let json = serde_json::json!({
        "app": "true",
        "terraformProviders": [format!("hashicorp/aws@{constraint}")],
    });
    std::fs::write(dir.join("cdktf.json"), json.to_string()).expect("cdktf.json");
}

fn lock(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("cdktf.lock.json")).expect("lock file");
    serde_json::from_str(&text).expect("lock json")
}

#[test]
fn get_generates_from_a_filesystem_mirror_once() {
    if !common::terraform_available("get_generates_from_a_filesystem_mirror_once") {
        return;
    }
    let Some(plugins) = test_support::aws_plugin_dir("get_generates_from_a_filesystem_mirror_once")
    else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    // The mirror: the unpacked layout, HOSTNAME/NAMESPACE/TYPE/VERSION/TARGET/.
    let mirror = tmp.path().join("mirror");
    let rel = Path::new("registry.terraform.io/hashicorp/aws/5.100.0");
    // Terraform does not follow a linked directory in a mirror, so the directories are real and
    // only the plugin executables are links.
    for target in std::fs::read_dir(plugins.join(rel))
        .expect("plugin dir")
        .flatten()
    {
        let dir = mirror.join(rel).join(target.file_name());
        std::fs::create_dir_all(&dir).expect("mirror dir");
        for file in std::fs::read_dir(target.path())
            .expect("target dir")
            .flatten()
        {
            link(&file.path(), &dir.join(file.file_name()));
        }
    }
    let cli_config = tmp.path().join("cli.tfrc");
    std::fs::write(
        &cli_config,
        format!(
            "provider_installation {{\n  filesystem_mirror {{\n    path = {:?}\n    include = [\"registry.terraform.io/hashicorp/*\"]\n  }}\n}}\n",
            mirror.to_string_lossy()
        ),
    )
    .expect("cli config");
    let dir = tmp.path().join("proj");
    project(&dir, "~> 5.0");
    let env = [("TF_CLI_CONFIG_FILE", cli_config.as_path())];

    let out = common::cdktf_env(&dir, &["get"], &env);
    assert!(out.status.success());
    assert!(
        common::stdout(&out).contains("Generated bindings for hashicorp/aws 5.100.0 in .gen/aws.")
    );
    let cargo = std::fs::read_to_string(dir.join(".gen/aws/Cargo.toml")).expect("package");
    assert!(
        cargo.contains("\"aws_s3_bucket\" = []"),
        "features per resource"
    );
    assert!(dir.join(".gen/aws/src/s3_bucket.rs").is_file());
    let locked = lock(&dir);
    assert_eq!(locked["providers"]["hashicorp/aws"]["version"], "5.100.0");
    assert_eq!(locked["providers"]["hashicorp/aws"]["constraint"], "~> 5.0");
    assert_eq!(locked["providers"]["hashicorp/aws"]["package"], ".gen/aws");

    // Nothing changed: nothing is done.
    let out = common::cdktf_env(&dir, &["get"], &env);
    assert!(out.status.success());
    let text = common::stdout(&out);
    assert!(text.contains("hashicorp/aws: up to date."), "{text}");
    assert!(!text.contains("Generated"), "{text}");

    // A new constraint: regenerated, and the constraint reaches the bindings.
    project(&dir, "~> 5.100");
    let out = common::cdktf_env(&dir, &["get"], &env);
    assert!(out.status.success());
    assert!(
        common::stdout(&out).contains("Generated bindings for hashicorp/aws 5.100.0 in .gen/aws.")
    );
    assert_eq!(
        lock(&dir)["providers"]["hashicorp/aws"]["constraint"],
        "~> 5.100"
    );
    let lib = std::fs::read_to_string(dir.join(".gen/aws/src/lib.rs")).expect("lib.rs");
    assert!(
        lib.contains("\"~> 5.100\""),
        "the new constraint is in the bindings"
    );
}

/// A stand-in for terraform 1.7.5 serving a one-resource provider.
#[cfg(unix)]
fn fake_terraform(dir: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let schema = serde_json::json!({
        "format_version": "1.0",
        "provider_schemas": { "registry.terraform.io/hashicorp/tiny": {
            "provider": { "version": 0, "block": {} },
            "resource_schemas": { "tiny_thing": { "version": 0, "block": {
                "attributes": { "name": { "type": "string", "required": true } }
            } } }
        } }
    });
    let version = serde_json::json!({
        "terraform_version": "1.7.5",
        "provider_selections": { "registry.terraform.io/hashicorp/tiny": "1.2.3" }
    });
    let script = format!(
        "#!/bin/sh\ncase \"$1\" in\n  version) echo '{version}' ;;\n  providers) echo '{schema}' ;;\n  init) \
         echo initialized ;;\n  *) echo \"unexpected: $*\" >&2; exit 1 ;;\nesac\n"
    );
    let path = dir.join("old-terraform");
    std::fs::write(&path, script).expect("script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

#[cfg(unix)]
#[test]
fn get_warns_when_terraform_is_too_old_for_a_schema_section() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let fake = fake_terraform(tmp.path());
    let dir = tmp.path().join("proj");
    std::fs::create_dir_all(&dir).expect("dir");
    // A project as `cdktf init` writes it (its own workspace) that uses the bindings.
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"p\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
         [dependencies]\ntiny = { path = \".gen/tiny\" }\n\
         [package.metadata.cdktf]\nterraformProviders = [\"tiny@~> 1.0\"]\n[workspace]\n",
    )
    .expect("Cargo.toml");
    std::fs::create_dir_all(dir.join("src")).expect("src");
    std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").expect("main.rs");
    let out = common::cdktf_env(&dir, &["get"], &[("TERRAFORM_BINARY_NAME", fake.as_path())]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1.7.5 does not report provider functions (they need 1.8.0"),
        "{err}"
    );
    assert!(
        err.contains("does not report ephemeral resources (they need 1.10.0"),
        "{err}"
    );
    assert!(
        common::stdout(&out).contains("Generated bindings for hashicorp/tiny 1.2.3 in .gen/tiny.")
    );
    assert!(dir.join(".gen/tiny/src/thing.rs").is_file());
    assert_eq!(lock(&dir)["terraform"], "1.7.5");
    let fake_env = [("TERRAFORM_BINARY_NAME", fake.as_path())];
    let out = common::cdktf_env(&dir, &["get"], &fake_env);
    assert!(common::stdout(&out).contains("hashicorp/tiny: up to date."));
    let out = common::cdktf_env(&dir, &["get", "--force"], &fake_env);
    assert!(common::stdout(&out).contains("Generated bindings for hashicorp/tiny 1.2.3"));
    // cargo accepts the generated crate inside the project's workspace.
    let metadata = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(&dir)
        .output()
        .expect("cargo metadata");
    assert!(
        metadata.status.success(),
        "{}",
        String::from_utf8_lossy(&metadata.stderr)
    );

    // Off the list: out of the lock file, and no terraform run for it.
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"p\"\n[package.metadata.cdktf]\nterraformProviders = []\n",
    )
    .expect("Cargo.toml");
    let missing = tmp.path().join("no-terraform-needed");
    let out = common::cdktf_env(&dir, &["get"], &[("TERRAFORM_BINARY_NAME", &missing)]);
    assert!(out.status.success());
    assert_eq!(lock(&dir)["providers"], serde_json::json!({}));
}

#[test]
fn a_missing_terraform_binary_is_named() {
    let tmp = tempfile::tempdir().expect("tempdir");
    project(tmp.path(), "~> 5.0");
    let missing = tmp.path().join("no-such-tofu");
    let out = common::cdktf_env(tmp.path(), &["get"], &[("TERRAFORM_BINARY_NAME", &missing)]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-tofu"), "{err}");
    assert!(err.contains("TERRAFORM_BINARY_NAME"), "{err}");
    assert!(!tmp.path().join("cdktf.lock.json").exists());
}
