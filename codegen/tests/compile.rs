//! Every schema document of the corpus (but the huge ones) generates packages that compile:
//! all of them go into one temporary cargo workspace, checked by one `cargo check --all-features`.

mod common;

use std::path::Path;
use std::process::Command;

/// Documents left out, and why. With `CDKTF_COMPILE_ALL=1` the large ones are compiled too
/// (minutes of `cargo check`; the whole AWS package is also measured by `benches/run.sh`).
fn excluded(path: &Path, size: u64) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    let all = std::env::var_os("CDKTF_COMPILE_ALL").is_some_and(|v| v == "1");
    match name {
        "basic__functions.json" => {
            Some("`terraform metadata functions` output, not a provider schema")
        }
        "providers-schema-empty-output.json" => {
            Some("no provider_schemas: an error case (tests/errors.rs)")
        }
        _ if all => None,
        "aws-5.100.0.json" => {
            Some("13.6 MB: generated and parsed by tests/aws.rs, too large to compile here (CDKTF_COMPILE_ALL=1 compiles it)")
        }
        "aws_wafv2_web_acl.test.fixture.json" | "datadog_dashboard.test.fixture.json" => {
            Some("multi-MB fixture: too large to compile here (snapshot summary only; CDKTF_COMPILE_ALL=1 compiles it)")
        }
        _ if size > 500_000 => Some(
            "older AWS schema over 500 kB: too slow to compile in the default run (CDKTF_COMPILE_ALL=1 compiles it)",
        ),
        _ => None,
    }
}

fn package_name(rel: &Path, key: &str) -> String {
    let raw = format!(
        "ct-{}-{}",
        rel.display(),
        codegen::ir::build::local_name(key)
    );
    raw.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .replace("--", "-")
}

#[test]
fn corpus_compiles() {
    let Some(shared) = common::shared_schemas("corpus_compiles") else {
        return;
    };
    let root = test_support::workspace_root();
    let base = root.join("target/codegen-compile-test");
    let ws = base.join("ws");
    let docs = common::json_files(&shared);
    let mut members = Vec::new();
    let mut files = Vec::new();
    for path in docs {
        let rel = path
            .strip_prefix(&shared)
            .expect("under shared")
            .to_path_buf();
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if let Some(why) = excluded(&path, size) {
            println!("skipped {}: {why}", rel.display());
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let doc: serde_json::Value = serde_json::from_str(&text).expect("json");
        let keys: Vec<String> = doc["provider_schemas"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for key in keys {
            let name = package_name(&rel, &key);
            let g = codegen::Config::new()
                .provider(&key)
                .package_name(&name)
                .standalone(false)
                .runtime_path(root.join("cdktf").display().to_string())
                .file_name(rel.display().to_string())
                .generate(&text)
                .unwrap_or_else(|e| panic!("{e}"));
            for f in g.files {
                files.push(codegen::GeneratedFile {
                    path: Path::new(&name).join(f.path),
                    contents: f.contents,
                });
            }
            members.push(name);
        }
    }
    usage_crate(&root, &mut files);
    members.push("ct-usage".into());
    let manifest = codegen::emit::package::workspace_toml(&members);
    files.push(codegen::GeneratedFile {
        path: "Cargo.toml".into(),
        contents: codegen::render::toml_file(&manifest),
    });
    codegen::Generated {
        files,
        warnings: Vec::new(),
    }
    .write_to(&ws)
    .expect("written");
    println!("checking {} packages in {}", members.len(), ws.display());
    let out = Command::new(env!("CARGO"))
        .args([
            "check",
            "--workspace",
            "--all-features",
            "--message-format=short",
            "--manifest-path",
        ])
        .arg(ws.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", base.join("target"))
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "cargo check failed:\n{stderr}");
    let ws_text = ws.display().to_string();
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(&ws_text) && l.contains("warning"))
        .collect();
    assert!(
        warnings.is_empty(),
        "warnings in generated code:\n{}",
        warnings.join("\n")
    );
}

/// A crate that uses the generated tfe bindings as the seed example does, so that the API shape
/// (required arguments in `new`, chained setters, meta-arguments, typed getters) is checked too.
fn usage_crate(root: &Path, files: &mut Vec<codegen::GeneratedFile>) {
    let manifest = format!(
        "[package]\nname = \"ct-usage\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n\
         cdktf = {{ path = {:?} }}\ntfe = {{ package = \"ct-tfe-json-tfe\", path = \"../ct-tfe-json-tfe\", features = [\"full\"] }}\n",
        root.join("cdktf").display().to_string()
    );
    let lib = r#"//! Compile-only use of generated bindings.
use cdktf::prelude::*;
use tfe::agent_pool::{AgentPool, AgentPoolConfig};
use tfe::agent_token::{AgentToken, AgentTokenConfig};
use tfe::organization::{Organization, OrganizationConfig};
use tfe::provider::{TfeProvider, TfeProviderConfig};
use tfe::workspace::{Workspace, WorkspaceConfig, WorkspaceVcsRepo};

/// The seed example, plus blocks and nested getters.
pub fn seed() -> cdktf::Result<()> {
    let app = App::new();
    let stack = TerraformStack::new(&app, "agent-token-example");
    TfeProvider::new(&stack, "tfe", TfeProviderConfig::new().hostname("app.terraform.io"));
    let org = Organization::new(&stack, "test-organization", OrganizationConfig::new("admin@company.com", "my-org-name"));
    let pool = AgentPool::new(&stack, "test-agent-pool", AgentPoolConfig::new("my-agent-pool-name").organization(org.id()));
    let token = AgentToken::new(
        &stack,
        "test-agent-token",
        AgentTokenConfig::new(pool.id(), "my-agent-token-name").depends_on([&org]).count(1),
    );
    let ws = Workspace::new(
        &stack,
        "ws",
        WorkspaceConfig::new("ws").organization(org.id()).vcs_repo(WorkspaceVcsRepo::new("org/repo").branch("main")),
    );
    let identifier: Value<String> = ws.vcs_repo().identifier();
    TerraformOutput::new(&stack, "identifier", identifier);
    TerraformOutput::new(&stack, "agent_token", token.token()).sensitive(true);
    let _ = Workspace::TF_TYPE;
    app.synth()
}
"#;
    files.push(codegen::GeneratedFile {
        path: "ct-usage/Cargo.toml".into(),
        contents: manifest,
    });
    files.push(codegen::GeneratedFile {
        path: "ct-usage/src/lib.rs".into(),
        contents: lib.to_string(),
    });
}
