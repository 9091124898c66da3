//! The seed example, run as the README says, against the real cdktf 0.21 output of the same
//! program (`../shared/reference/agent-token-example/`).

use std::path::Path;
use std::process::Command;

use integration_tests::{normalized_text, shared, workspace_root};

const FILES: [&str; 2] = ["manifest.json", "stacks/agent-token-example/cdk.tf.json"];

/// Both files must equal the reference byte for byte, except the values `normalize` replaces.
fn assert_matches_reference(outdir: &Path, reference: &Path) {
    for file in FILES {
        let ours = std::fs::read_to_string(outdir.join(file))
            .unwrap_or_else(|e| panic!("reading our {file}: {e}"));
        let theirs = std::fs::read_to_string(reference.join(file))
            .unwrap_or_else(|e| panic!("reading reference {file}: {e}"));
        assert!(
            !ours.ends_with('\n'),
            "{file}: cdktf writes no trailing newline"
        );
        // Formatting first: our bytes re-serialized are our bytes (the writer is canonical).
        let reparsed: serde_json::Value = serde_json::from_str(&ours).expect("our JSON parses");
        assert_eq!(
            cdktf::synth::json::to_string(&reparsed),
            ours,
            "{file}: formatting"
        );
        assert_eq!(
            normalized_text(&ours),
            normalized_text(&theirs),
            "{file}: contents"
        );
    }
    // The state file name is the one cdktf derives from the stack name.
    let tf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(outdir.join(FILES[1])).expect("stack file"))
            .expect("JSON");
    let path = tf["terraform"]["backend"]["local"]["path"]
        .as_str()
        .unwrap_or_default();
    assert!(Path::new(path).is_absolute(), "{path} is not absolute");
    assert!(
        path.ends_with("/terraform.agent-token-example.tfstate"),
        "{path}"
    );
}

#[test]
fn example_in_process_matches_cdktf() {
    let Some(reference) = shared("reference/agent-token-example/cdktf.out") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let app = cdktf::App::with_outdir(dir.path().join("cdktf.out"));
    examples::agent_token::build(&app);
    app.synth().expect("synth");
    assert_matches_reference(&dir.path().join("cdktf.out"), &reference);
}

/// `cargo run -p examples --bin agent_token` with `CDKTF_OUTDIR` set, exactly as a user runs
/// it. The nested cargo uses its own target directory: the outer `cargo test` holds the lock on
/// the workspace's.
#[test]
fn example_binary_honours_cdktf_outdir_and_matches_cdktf() {
    let Some(reference) = shared("reference/agent-token-example/cdktf.out") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let outdir = dir.path().join("out");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["run", "-q", "-p", "examples", "--bin", "agent_token"])
        .current_dir(workspace_root())
        .env("CDKTF_OUTDIR", &outdir)
        .env("CARGO_TARGET_DIR", workspace_root().join("target/nested"))
        .status()
        .expect("running cargo");
    assert!(status.success(), "the example failed: {status}");
    assert_matches_reference(&outdir, &reference);
}
