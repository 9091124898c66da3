//! `init`: a new cargo project from a template: one stack of Terraform's built-in
//! `terraform_data` resource, a test of it, and an empty provider list for `get`.

use std::path::Path;

use crate::error::{Error, Result};
use crate::runtime::RuntimeDependency;

/// Options of [`init`].
#[derive(Clone, Debug, Default)]
pub struct InitOptions {
    /// The package name (default: from the directory name).
    pub name: Option<String>,
    /// The `cdktf` dependency.
    pub runtime: RuntimeDependency,
}

/// Writes a new project into `dir` (created if missing; it must be empty apart from `.git`).
/// Returns the package name.
pub fn init(dir: &Path, options: &InitOptions) -> Result<String> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io("creating", dir, e))?;
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("reading", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("reading", dir, e))?;
        if entry.file_name() != ".git" {
            return Err(Error::config(
                dir,
                format!(
                    "not empty ({} is there): init writes a new project into an empty directory",
                    entry.file_name().to_string_lossy()
                ),
            ));
        }
    }
    let dir_name = std::path::absolute(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let name = package_name(options.name.as_deref().unwrap_or(&dir_name));
    let krate = name.replace('-', "_");
    let files = [
        ("Cargo.toml", CARGO_TOML),
        ("src/lib.rs", LIB_RS),
        ("src/main.rs", MAIN_RS),
        ("tests/stack.rs", TEST_RS),
        (".gitignore", GITIGNORE),
    ];
    for (rel, template) in files {
        let text = template
            .replace("{name}", &name)
            .replace("{crate}", &krate)
            .replace("{runtime}", &options.runtime.toml());
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("creating", parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io("writing", &path, e))?;
    }
    Ok(name)
}

/// A cargo package name (and stack name) from free text: lowercase letters, digits and `-`,
/// starting with a letter.
fn package_name(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    match out.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => out,
        Some(_) => format!("app-{out}"),
        None => "cdktf-app".into(),
    }
}

const CARGO_TOML: &str = r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
cdktf = {runtime}

# Providers for `cdktf get`, such as "hashicorp/aws@~> 5.0". It generates one bindings crate per
# provider into .gen/<name>; depend on it with the resources you use as features:
# aws = { path = ".gen/aws", features = ["aws_s3_bucket"] }
[package.metadata.cdktf]
terraformProviders = []

# A project of its own, even inside another cargo workspace.
[workspace]

# Dependencies (the runtime and the generated bindings) build without debug info: that halves
# their share of a clean build, and backtraces still show your own code's lines.
[profile.dev.package."*"]
debug = false
"#;

const LIB_RS: &str = r#"//! The stacks of this app.

use cdktf::prelude::*;
use cdktf::{Args, Resource, ResourceMode};

/// Adds the app's stacks to `app`.
pub fn build(app: &App) {
    let stack = TerraformStack::new(app, "{name}");
    // `terraform_data` is built into Terraform: it keeps a value in the state and needs no
    // provider. Resources of a provider come from the bindings `cdktf get` generates.
    let mut args = Args::new();
    args.set::<String>("input", "hello, world");
    let hello = Resource::create(&stack, "hello", "terraform_data", ResourceMode::Managed, args);
    TerraformOutput::new(&stack, "greeting", hello.attr::<Value<String>>("output"));
}
"#;

const MAIN_RS: &str = r#"fn main() -> cdktf::Result<()> {
    // Writes to $CDKTF_OUTDIR (set by `cdktf synth`), else ./cdktf.out.
    let app = cdktf::App::new();
    {crate}::build(&app);
    app.synth()
}
"#;

const TEST_RS: &str = r#"#[test]
fn the_stack_says_hello() -> cdktf::Result<()> {
    let app = cdktf::App::new();
    {crate}::build(&app);
    let json = cdktf::testing::synth(&app, "{name}")?;
    assert_eq!(json["resource"]["terraform_data"]["hello"]["input"], "hello, world");
    assert!(cdktf::testing::has_output(&json, "greeting"));
    Ok(())
}
"#;

const GITIGNORE: &str = "/target\n/cdktf.out\n/.gen\n*.tfstate\n*.tfstate.*\n.terraform/\n";

#[cfg(test)]
mod tests {
    use super::{package_name, CARGO_TOML};

    #[test]
    fn package_names() {
        assert_eq!(package_name("My App"), "my-app");
        assert_eq!(package_name("1st"), "app-1st");
        assert_eq!(package_name("--"), "cdktf-app");
        assert_eq!(package_name("hello_world"), "hello-world");
    }

    #[test]
    fn dependencies_build_without_debug_info() {
        let text = CARGO_TOML
            .replace("{name}", "x")
            .replace("{runtime}", "\"0.1\"");
        let manifest: toml::Table = toml::from_str(&text).expect("the template is TOML");
        let deps = &manifest["profile"]["dev"]["package"]["*"];
        assert_eq!(deps["debug"].as_bool(), Some(false));
    }
}
