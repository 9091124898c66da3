//! `cdktf synth` with an `app` command of `cdktf.json`: error annotations and a failing app fail
//! it, with a message saying why. Needs no terraform.

mod common;

use std::path::Path;

fn project(dir: &Path, app: &str) {
    let json = serde_json::json!({ "app": app, "output": "out" });
    std::fs::write(dir.join("cdktf.json"), json.to_string()).expect("cdktf.json");
}

fn manifest(annotations: serde_json::Value) -> String {
    serde_json::json!({
        "version": "0.1.0",
        "stacks": { "one": {
            "name": "one",
            "constructPath": "one",
            "workingDirectory": "stacks/one",
            "synthesizedStackPath": "stacks/one/cdk.tf.json",
            "stackMetadataPath": "stacks/one/metadata.json",
            "dependencies": [],
            "annotations": annotations,
        } }
    })
    .to_string()
}

#[cfg(unix)]
#[test]
fn synth_lists_stacks_and_fails_on_errors() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    // The app writes the manifest where CDKTF_OUTDIR says.
    let write = |m: String| {
        format!("mkdir -p \"$CDKTF_OUTDIR\" && printf '%s' '{m}' > \"$CDKTF_OUTDIR/manifest.json\"")
    };

    project(
        dir,
        &write(manifest(serde_json::json!([
            { "constructPath": "one/x", "level": "WARN", "message": "careful" }
        ]))),
    );
    let out = common::cdktf(dir, &["synth"]);
    assert!(out.status.success());
    assert!(common::stdout(&out).contains(": one"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: one/x: careful"));

    project(
        dir,
        &write(manifest(serde_json::json!([
            { "constructPath": "one/x", "level": "ERROR", "message": "bad value" }
        ]))),
    );
    let out = common::cdktf(dir, &["synth"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("one/x: bad value"));

    project(dir, "exit 3");
    let out = common::cdktf(dir, &["synth"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("(exit status 3)"));

    std::fs::remove_dir_all(dir.join("out")).expect("clean");
    project(dir, "true");
    let out = common::cdktf(dir, &["synth"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("does it call `app.synth()`?"));
}
