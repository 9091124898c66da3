//! What the command line tests share: skipping without terraform, running the `cdktf` binary, a
//! hand-written `terraform_data` binding, and a cargo target directory shared by the projects the
//! tests build.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cdktf::{Args, MetaArguments, Resource, ResourceMode, Scope, Value};

/// Whether the terraform binary (`TERRAFORM_BINARY_NAME`, else `terraform`) runs; skips (or
/// fails under CI) when it does not.
pub fn terraform_available(test: &str) -> bool {
    test_support::terraform(test).is_some()
}

/// Runs the `cdktf` binary in `dir`.
pub fn cdktf(dir: &Path, args: &[&str]) -> Output {
    cdktf_env(dir, args, &[])
}

/// Runs the `cdktf` binary in `dir` with extra environment variables; prints what it wrote.
pub fn cdktf_env(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cdktf"));
    cmd.args(args)
        .current_dir(dir)
        .env("CHECKPOINT_DISABLE", "1")
        // The runtime is not published yet: projects and bindings use this checkout's.
        .env(
            "CDKTF_RUNTIME_PATH",
            test_support::workspace_root().join("cdktf"),
        );
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run cdktf");
    println!(
        "$ cdktf {}\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// stdout of a run.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The cargo target directory of the projects the tests build, under this workspace's
/// `target/`: one build of the runtime serves every test.
pub fn shared_target_dir() -> PathBuf {
    test_support::workspace_root()
        .join("target")
        .join("cli-tests")
}

/// Every `.terraform.tfstate.lock.info` under `dir`: state locks left behind.
pub fn lock_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if p
                .file_name()
                .is_some_and(|n| n == ".terraform.tfstate.lock.info")
            {
                out.push(p);
            }
        }
    }
    out
}

/// A binding of Terraform's built-in `terraform_data`, in the shape the generator emits.
#[derive(Clone, Debug, Default)]
pub struct TerraformDataConfig(Args);

impl TerraformDataConfig {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn input(mut self, value: impl Into<Value<String>>) -> Self {
        self.0.set_value("input", value.into());
        self
    }

    pub fn create(self, scope: &impl Scope, id: &str) -> Resource {
        Resource::create(scope, id, "terraform_data", ResourceMode::Managed, self.0)
    }
}

impl MetaArguments for TerraformDataConfig {
    fn args_mut(&mut self) -> &mut Args {
        &mut self.0
    }
}
