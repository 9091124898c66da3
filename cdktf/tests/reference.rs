//! The seed stack built on the runtime alone, compared with real cdktf 0.21 output.

mod common;

use cdktf::prelude::*;
use common::{provider, resource, Config};

fn reference_dir() -> Option<std::path::PathBuf> {
    test_support::shared("reference", "reference/agent-token-example/cdktf.out")
}

/// Replaces the values that legitimately differ: the library version and the absolute state path.
fn normalize(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(m) = v.pointer_mut("/~1~1/metadata/version") {
        *m = "VERSION".into();
    }
    if let Some(p) = v.pointer_mut("/terraform/backend/local/path") {
        let file = p
            .as_str()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        *p = format!("__CWD__/{file}").into();
    }
    if let Some(m) = v.get_mut("version") {
        *m = "VERSION".into();
    }
    v
}

#[test]
fn agent_token_stack_matches_cdktf_byte_for_byte() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let out = tempfile::tempdir().expect("temp dir");
    let app = App::with_outdir(out.path().join("cdktf.out"));
    let stack = TerraformStack::new(&app, "agent-token-example");
    provider(
        &stack,
        "tfe",
        Config::new().set::<String>("hostname", "app.terraform.io"),
    );
    let org = resource(
        &stack,
        "test-organization",
        "tfe_organization",
        Config::new()
            .set::<String>("email", "admin@company.com")
            .set::<String>("name", "my-org-name"),
    );
    let pool = resource(
        &stack,
        "test-agent-pool",
        "tfe_agent_pool",
        Config::new()
            .set::<String>("name", "my-agent-pool-name")
            .set("organization", org.attr::<Value<String>>("id")),
    );
    let token = resource(
        &stack,
        "test-agent-token",
        "tfe_agent_token",
        Config::new()
            .set("agent_pool_id", pool.attr::<Value<String>>("id"))
            .set::<String>("description", "my-agent-token-name"),
    );
    TerraformOutput::new(&stack, "agent_token", token.attr::<Value<String>>("token"))
        .sensitive(true);
    app.synth().expect("synth");

    for file in ["manifest.json", "stacks/agent-token-example/cdk.tf.json"] {
        let ours = std::fs::read_to_string(out.path().join("cdktf.out").join(file)).expect("ours");
        let theirs = std::fs::read_to_string(reference.join(file)).expect("reference");
        let ours_v = normalize(serde_json::from_str(&ours).expect("json"));
        let theirs_v = normalize(serde_json::from_str(&theirs).expect("json"));
        // Same formatting: re-serializing the normalized values with our writer gives the
        // reference bytes (modulo the normalized values).
        assert_eq!(
            cdktf::synth::json::to_string(&ours_v),
            cdktf::synth::json::to_string(&theirs_v),
            "{file}"
        );
        assert!(!ours.ends_with('\n'), "{file} must not end with a newline");
        let version_free = ours.replace(cdktf::synth::VERSION, "0.21.0");
        let cwd = std::env::current_dir().expect("cwd").display().to_string();
        assert_eq!(
            version_free.replace(&cwd, "__CWD__"),
            theirs,
            "{file} bytes"
        );
    }
}
