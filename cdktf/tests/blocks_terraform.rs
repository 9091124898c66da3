//! terraform_data with local-exec, import, moved, removed and check blocks, run through real
//! Terraform offline (`init`, `validate`, `plan`, `apply`): every block needs only Terraform's
//! built-ins. Skipped without `terraform` on PATH, a failure under `CI=true`.

use std::path::Path;

use cdktf::backend::{LocalBackend, LocalBackendConfig};
use cdktf::prelude::*;
use cdktf::{
    Args, Connection, FileProvisioner, LocalExec, OnFailure, RemoteExec, Resource, ResourceMode,
    TerraformCheck, TerraformRemoved, TerraformSelf, When,
};

fn terraform_available() -> bool {
    test_support::terraform("blocks_terraform").is_some()
}

fn terraform(dir: &Path, cli_config: &Path, args: &[&str]) -> String {
    test_support::run_terraform(dir, Some(cli_config), args, None)
}

/// The first state: two resources that the second program refactors.
fn before(outdir: &Path, state: &Path) -> App {
    let app = App::with_outdir(outdir);
    let stack = TerraformStack::new(&app, "refactor");
    LocalBackend::new(
        &stack,
        LocalBackendConfig::new().path(state.to_string_lossy()),
    );
    TerraformData::new(&stack, "legacy", TerraformDataConfig::new().input("old"));
    TerraformData::new(
        &stack,
        "before-move",
        TerraformDataConfig::new().input("kept"),
    );
    app
}

/// The refactored program: `before-move` moves to `after-move`, `legacy` is forgotten, an object
/// is imported, a local-exec writes a file, and a check reads a scoped data source.
fn after(outdir: &Path, state: &Path, upstream: &Path, marker: &Path) -> App {
    let app = App::with_outdir(outdir);
    let stack = TerraformStack::new(&app, "refactor");
    LocalBackend::new(
        &stack,
        LocalBackendConfig::new().path(state.to_string_lossy()),
    );

    let moved_away = TerraformData::new(
        &stack,
        "before-move",
        TerraformDataConfig::new().input("kept"),
    );
    let target = TerraformData::new(
        &stack,
        "after-move",
        TerraformDataConfig::new().input("kept"),
    );
    target.add_move_target("renamed");
    moved_away.move_to("renamed", None);

    TerraformRemoved::new(&stack, "forget-legacy", "terraform_data.legacy").destroy(false);

    let adopted = TerraformData::new(&stack, "adopted", TerraformDataConfig::new().input("x"));
    adopted.import_from("adopted-id");

    let run = TerraformData::new(
        &stack,
        "run",
        TerraformDataConfig::new().input(adopted.id()).provisioner(
            LocalExec::new(format!("printf '%s' \"$ADOPTED\" > '{}'", marker.display()))
                .environment([("ADOPTED", adopted.id())]),
        ),
    );

    // Never created (count = 0), so that validate and plan check the shape of every provisioner
    // and connection kind without a machine to reach.
    TerraformData::new(
        &stack,
        "remote",
        TerraformDataConfig::new()
            .input("10.0.0.1")
            .count(0)
            .connection(
                Connection::ssh(TerraformSelf::get_string("input"))
                    .user("admin")
                    .port(22)
                    .agent(false)
                    .timeout("1m")
                    .bastion_host("bastion.example.com")
                    .bastion_port(2222),
            )
            .provisioner(
                FileProvisioner::new("/tmp/motd")
                    .content("hello")
                    .on_failure(OnFailure::Continue),
            )
            .provisioner(
                RemoteExec::new()
                    .inline(["uptime"])
                    .connection(
                        Connection::winrm(TerraformSelf::get_string("input"))
                            .https(true)
                            .insecure(true)
                            .use_ntlm(false),
                    )
                    .when(When::Create),
            )
            .provisioner(LocalExec::new("echo bye").when(When::Destroy).quiet(true)),
    );

    let check = TerraformCheck::new(&stack, "upstream-healthy");
    let mut args = Args::new();
    args.set::<String>("backend", "local");
    args.set::<cdktf::Dynamic>(
        "config",
        serde_json::json!({ "path": upstream.to_string_lossy() }),
    );
    let upstream_state = Resource::create(
        &check,
        "upstream",
        "terraform_remote_state",
        ResourceMode::Data,
        args,
    );
    let healthy =
        Value::<bool>::from_expression(upstream_state.attr_expression("outputs").attr("healthy"));
    check.assert(healthy, "the upstream stack reports itself unhealthy");
    TerraformOutput::new(&stack, "run-input", run.input());
    app
}

/// A state file with the output `healthy = true`, for the check's data source.
const UPSTREAM_STATE: &str = r#"{
  "version": 4,
  "terraform_version": "1.11.4",
  "serial": 1,
  "lineage": "00000000-0000-4000-8000-000000000000",
  "outputs": { "healthy": { "value": true, "type": "bool" } },
  "resources": []
}"#;

#[test]
fn refactoring_blocks_plan_and_apply_offline() {
    if !terraform_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let cli_config = dir.path().join("terraformrc");
    std::fs::write(&cli_config, "").expect("cli config");
    let state = dir.path().join("refactor.tfstate");
    let upstream = dir.path().join("upstream.tfstate");
    std::fs::write(&upstream, UPSTREAM_STATE).expect("upstream state");
    let marker = dir.path().join("local-exec-ran.txt");

    let first = dir.path().join("first");
    before(&first, &state).synth().expect("synth first");
    let first_dir = first.join("stacks/refactor");
    terraform(&first_dir, &cli_config, &["init", "-no-color"]);
    terraform(
        &first_dir,
        &cli_config,
        &["apply", "-auto-approve", "-no-color"],
    );

    let second = dir.path().join("second");
    after(&second, &state, &upstream, &marker)
        .synth()
        .expect("synth second");
    let second_dir = second.join("stacks/refactor");
    terraform(&second_dir, &cli_config, &["init", "-no-color"]);
    let validate = terraform(
        &second_dir,
        &cli_config,
        &["validate", "-json", "-no-color"],
    );
    let report: serde_json::Value = serde_json::from_str(&validate).expect("validate json");
    assert_eq!(report["valid"], true, "{validate}");
    assert_eq!(report["warning_count"], 0, "{validate}");

    let plan = terraform(&second_dir, &cli_config, &["plan", "-no-color"]);
    assert!(
        plan.contains("terraform_data.before-move has moved to terraform_data.after-move"),
        "{plan}"
    );
    assert!(
        plan.contains("will no longer be managed by Terraform"),
        "{plan}"
    );
    assert!(
        plan.contains("1 to import, 1 to add, 1 to change, 0 to destroy"),
        "{plan}"
    );

    let apply = terraform(
        &second_dir,
        &cli_config,
        &["apply", "-auto-approve", "-no-color"],
    );
    assert!(!apply.contains("Check block assertion failed"), "{apply}");
    let list = terraform(&second_dir, &cli_config, &["state", "list"]);
    // Managed resources only: the check's data source is in the state too.
    let mut addresses: Vec<&str> = list.lines().filter(|l| !l.starts_with("data.")).collect();
    addresses.sort_unstable();
    assert_eq!(
        addresses,
        [
            "terraform_data.adopted",
            "terraform_data.after-move",
            "terraform_data.run"
        ],
        "{list}"
    );
    // The local-exec ran, with the imported id in its environment.
    assert_eq!(
        std::fs::read_to_string(&marker).expect("local-exec output"),
        "adopted-id"
    );
    let output = terraform(&second_dir, &cli_config, &["output", "-raw", "run-input"]);
    assert_eq!(output, "adopted-id");
}

#[test]
fn a_failing_check_warns_without_failing_the_apply() {
    if !terraform_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let cli_config = dir.path().join("terraformrc");
    std::fs::write(&cli_config, "").expect("cli config");
    let upstream = dir.path().join("upstream.tfstate");
    std::fs::write(&upstream, UPSTREAM_STATE.replace("true", "false")).expect("upstream state");
    let out = dir.path().join("out");
    after(
        &out,
        &dir.path().join("state.tfstate"),
        &upstream,
        &dir.path().join("marker.txt"),
    )
    .synth()
    .expect("synth");
    let stack_dir = out.join("stacks/refactor");
    terraform(&stack_dir, &cli_config, &["init", "-no-color"]);
    // Nothing to move or forget in an empty state: Terraform says so and goes on.
    let apply = terraform(
        &stack_dir,
        &cli_config,
        &["apply", "-auto-approve", "-no-color"],
    );
    assert!(
        apply.contains("the upstream stack reports itself unhealthy"),
        "{apply}"
    );
}
