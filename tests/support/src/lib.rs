//! What the tests of this workspace share: where the optional inputs are (the `../shared` corpus
//! beside the checkout, `terraform` on `PATH`, the aws provider plugin), and one rule for when
//! one is missing.
//!
//! The rule: on a user's machine a test that needs a missing input prints `SKIP: <test>: <why>`
//! and passes, so that a fresh clone with nothing beside it passes `cargo test --workspace`.
//! Under CI (`CI=true`), where every input is provided, a skip is a failure instead, so that CI
//! cannot go green by skipping.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root (this crate lives in `tests/support`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Whether this run is CI's, where nothing may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Reports that `test` cannot run because of `why`: prints `SKIP: test: why` and returns, or
/// panics under CI.
///
/// # Panics
/// Under CI (`CI=true`), always.
pub fn skip(test: &str, why: &str) {
    if in_ci() {
        panic!("{test}: {why}; under CI (CI=true) every test input must be present, nothing is skipped");
    }
    println!("SKIP: {test}: {why}");
}

/// `../shared/<rel>` beside the checkout, or `None` after [`skip`] when it is absent.
pub fn shared(test: &str, rel: &str) -> Option<PathBuf> {
    let path = workspace_root().join("../shared").join(rel);
    if path.exists() {
        Some(path)
    } else {
        skip(test, &format!("{} is absent", path.display()));
        None
    }
}

/// The terraform command (`$TERRAFORM_BINARY_NAME`, else `terraform`), if it runs; else `None`
/// after [`skip`].
pub fn terraform(test: &str) -> Option<String> {
    let bin = std::env::var("TERRAFORM_BINARY_NAME")
        .ok()
        .filter(|b| !b.is_empty())
        .unwrap_or_else(|| "terraform".to_string());
    let ok = Command::new(&bin)
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        Some(bin)
    } else {
        skip(test, &format!("`{bin}` is not on PATH"));
        None
    }
}

/// A plugin directory holding the hashicorp/aws 5.100.0 provider, for `terraform init
/// -plugin-dir`: `$CDKTF_TF_PLUGIN_DIR`, else `/opt/tf-plugins`. `None` after [`skip`] when it
/// has no such plugin.
pub fn aws_plugin_dir(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("CDKTF_TF_PLUGIN_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/opt/tf-plugins"));
    if dir
        .join("registry.terraform.io/hashicorp/aws/5.100.0")
        .is_dir()
    {
        Some(dir)
    } else {
        skip(
            test,
            &format!(
                "no hashicorp/aws 5.100.0 plugin under {} (set CDKTF_TF_PLUGIN_DIR to the folder \
                 above registry.terraform.io)",
                dir.display()
            ),
        );
        None
    }
}

/// Runs terraform (`$TERRAFORM_BINARY_NAME`, else `terraform`) with `args` in `dir`, without
/// prompts or update checks, with the CLI configuration `cli_config` if given and `stdin` as its
/// input; returns its standard output.
///
/// # Panics
/// When terraform cannot be started or fails; the message holds its output.
pub fn run_terraform(
    dir: &Path,
    cli_config: Option<&Path>,
    args: &[&str],
    stdin: Option<&str>,
) -> String {
    use std::io::Write as _;
    let bin = std::env::var("TERRAFORM_BINARY_NAME")
        .ok()
        .filter(|b| !b.is_empty())
        .unwrap_or_else(|| "terraform".to_string());
    let mut cmd = Command::new(bin);
    cmd.args(args)
        .current_dir(dir)
        .env("TF_IN_AUTOMATION", "1")
        .env("TF_INPUT", "0")
        .env("CHECKPOINT_DISABLE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(config) = cli_config {
        cmd.env("TF_CLI_CONFIG_FILE", config);
    }
    let mut child = cmd.spawn().expect("spawn terraform");
    if let Some(mut input) = child.stdin.take() {
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).expect("write stdin");
        }
    }
    let out = child.wait_with_output().expect("terraform");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "terraform {args:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}
