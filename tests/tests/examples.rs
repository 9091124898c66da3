//! Snapshots of every example stack's synthesized JSON.

use integration_tests::snapshot_text;

#[test]
fn workspace_example() {
    let app = cdktf::App::new();
    examples::workspace::build(&app);
    insta::assert_snapshot!(snapshot_text(&app));
}

#[test]
fn multi_stack_example_exports_and_reads_through_remote_state() {
    let app = cdktf::App::new();
    examples::multi_stack::build(&app);
    let text = snapshot_text(&app);
    assert!(
        text.contains("data.terraform_remote_state.cross-stack-reference-input-platform.outputs."),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn reusable_construct_example() {
    let app = cdktf::App::new();
    examples::reusable_construct::build(&app);
    insta::assert_snapshot!(snapshot_text(&app));
}

#[test]
fn multi_stack_manifest_records_the_dependency() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = cdktf::App::with_outdir(dir.path());
    examples::multi_stack::build(&app);
    app.synth().expect("synth");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("manifest.json")).expect("manifest"),
    )
    .expect("JSON");
    assert_eq!(
        manifest["stacks"]["apps"]["dependencies"],
        serde_json::json!(["platform"])
    );
    assert_eq!(
        manifest["stacks"]["platform"]["dependencies"],
        serde_json::json!([])
    );
}

#[test]
fn agent_pool_policy_example_scopes_every_pool_through_an_aspect() {
    let app = cdktf::App::new();
    examples::agent_pool_policy::build(&app);
    let json = app.synth_stack("agent-pools").expect("synth");
    let pools = json["resource"]["tfe_agent_pool"]
        .as_object()
        .expect("pools");
    assert_eq!(pools.len(), 3);
    assert!(pools.values().all(|p| p["organization_scoped"] == true));
    insta::assert_snapshot!(snapshot_text(&app));
}
