//! The multi-stack workflow against real terraform, offline: three stacks of `terraform_data`
//! with local backends, one reading another's output across stacks. Deploy (the two
//! independent stacks together, the dependent after), outputs and `--outputs-file`, diff with
//! and without changes, a failing stack stopping its dependent but not the independent one,
//! destroy in reverse order, and no state lock left behind.

mod common;

use std::path::Path;

use cdktf::backend::{LocalBackend, LocalBackendConfig};
use cdktf::prelude::*;
use cdktf::Condition;
use cdktf_cli::{Event, Manifest, Report, RunOptions, Status};
use common::TerraformDataConfig;

/// The app: `network` and `storage` are independent; `app` reads `network`'s resource.
fn build(outdir: &Path, state: &Path, storage_input: &str, network_fails: bool) -> App {
    let app = App::with_outdir(outdir);
    let backend = |stack: &TerraformStack, name: &str| {
        let path = state.join(format!("{name}.tfstate"));
        LocalBackend::new(
            stack,
            LocalBackendConfig::new().path(path.to_string_lossy()),
        );
    };
    let network = TerraformStack::new(&app, "network");
    backend(&network, "network");
    let mut net = TerraformDataConfig::new().input("net-1");
    if network_fails {
        // Terraform wants a condition that refers to something: a variable that says no.
        let ready = TerraformVariable::new(&network, "ready")
            .type_constraint("bool")
            .default(false);
        net = net.lifecycle(Lifecycle::new().precondition(Condition::new(
            ready.bool_value(),
            "the network is not ready",
        )));
    }
    let net = net.create(&network, "net");
    TerraformOutput::new(&network, "net_input", net.attr::<Value<String>>("output"));

    let storage = TerraformStack::new(&app, "storage");
    backend(&storage, "storage");
    let suffix = TerraformVariable::new(&storage, "suffix")
        .type_constraint("string")
        .default("");
    let bucket = TerraformDataConfig::new()
        .input(format!("{storage_input}{}", suffix.string_value()))
        .create(&storage, "bucket");
    TerraformOutput::new(
        &storage,
        "bucket_input",
        bucket.attr::<Value<String>>("output"),
    );
    TerraformOutput::new(&storage, "secret", "s3cr3t").sensitive(true);

    let web = TerraformStack::new(&app, "app");
    backend(&web, "app");
    let uses = TerraformDataConfig::new()
        .input(net.attr::<Value<String>>("output"))
        .create(&web, "uses_net");
    TerraformOutput::new(&web, "from_network", uses.attr::<Value<String>>("output"));
    app
}

fn quiet() -> RunOptions {
    RunOptions::new().auto_approve(true).quiet(true)
}

fn pos(report: &Report, event: Event) -> usize {
    report
        .position(&event)
        .unwrap_or_else(|| panic!("{event:?} not in {:?}", report.events))
}

fn started(s: &str) -> Event {
    Event::Started(s.into())
}

fn finished(s: &str) -> Event {
    Event::Finished(s.into())
}

fn status(report: &Report, stack: &str) -> Status {
    report.stack(stack).expect("stack in report").status
}

#[test]
fn deploy_diff_fail_and_destroy_three_stacks() {
    if !common::terraform_available("deploy_diff_fail_and_destroy_three_stacks") {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let outdir = dir.join("cdktf.out");
    let state = dir.join("state");
    std::fs::create_dir_all(&state).expect("state dir");

    // Before anything is deployed, app cannot plan (network's state has no outputs yet): the
    // diff says why.
    let manifest = Manifest::from_app(&build(&outdir, &state, "store-1", false)).expect("synth");
    let report = manifest.diff::<&str>(&[], &quiet()).expect("diff runs");
    assert_eq!(report.stack("network").expect("n").changes, Some(true));
    let app = report.stack("app").expect("app");
    assert_eq!(app.status, Status::Failed);
    assert!(
        app.detail
            .contains("it depends on network, which has changes not deployed yet"),
        "{}",
        app.detail
    );

    // Deploy: network and storage start before either finishes; app starts after network.
    assert_eq!(
        manifest.stack("app").expect("app").dependencies,
        ["network"]
    );
    let report = manifest.deploy(&["*"], &quiet()).expect("deploy runs");
    print!("{}", report.table());
    assert!(report.success(), "{report:#?}");
    assert!(pos(&report, started("storage")) < pos(&report, finished("network")));
    assert!(pos(&report, started("network")) < pos(&report, finished("storage")));
    assert!(pos(&report, started("app")) > pos(&report, finished("network")));
    let outputs = report
        .outputs_by_construct(&manifest, false)
        .expect("outputs");
    assert_eq!(outputs["app"]["from_network"], "net-1");
    assert!(report
        .stack("app")
        .expect("app")
        .detail
        .starts_with("Apply complete!"));

    // `output` through the command line, with and without sensitive outputs.
    let out = common::cdktf(
        dir,
        &["output", "--skip-synth", "--outputs-file", "outputs.json"],
    );
    assert!(out.status.success());
    assert!(common::stdout(&out).contains("storage.secret = <sensitive>"));
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("outputs.json")).expect("file"))
            .expect("json");
    assert_eq!(
        file,
        serde_json::json!({
            "app": { "from_network": "net-1" },
            "network": { "net_input": "net-1" },
            "storage": { "bucket_input": "store-1" },
        })
    );
    let out = common::cdktf(
        dir,
        &[
            "output",
            "--skip-synth",
            "--outputs-file",
            "all.json",
            "--outputs-file-include-sensitive-outputs",
            "stor*",
        ],
    );
    assert!(out.status.success());
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("all.json")).expect("file"))
            .expect("json");
    assert_eq!(file["storage"]["secret"], "s3cr3t");
    assert!(file.get("network").is_none());

    // Diff: nothing to do, in every stack.
    let out = common::cdktf(dir, &["diff", "--skip-synth", "--no-color"]);
    assert!(out.status.success());
    let text = common::stdout(&out);
    for stack in ["network", "storage", "app"] {
        assert!(
            text.contains(&format!("{stack:<7} | No changes.")),
            "{stack}:\n{text}"
        );
    }
    // A change to storage: its diff shows it, the others stay unchanged.
    let manifest = Manifest::from_app(&build(&outdir, &state, "store-2", false)).expect("synth");
    let report = manifest.diff::<&str>(&[], &quiet()).expect("diff runs");
    assert_eq!(report.stack("storage").expect("s").changes, Some(true));
    assert_eq!(report.stack("network").expect("n").changes, Some(false));
    assert_eq!(report.stack("app").expect("a").changes, Some(false));
    let out = common::cdktf(dir, &["diff", "--skip-synth", "--no-color", "storage"]);
    let text = common::stdout(&out);
    assert!(text.contains("\"store-1\" -> \"store-2\""), "{text}");
    assert!(
        text.contains("Plan: 0 to add, 1 to change, 0 to destroy."),
        "{text}"
    );
    // Variables reach the selected stacks, from the command line and from files.
    let out = common::cdktf(
        dir,
        &["diff", "--skip-synth", "--no-color", "--var", "suffix=-v"],
    );
    // Only storage declares `suffix`; the others plan without it instead of failing.
    assert!(out.status.success());
    assert!(common::stdout(&out).contains("\"store-1\" -> \"store-2-v\""));
    assert!(common::stdout(&out).contains("network | No changes."));
    let out = common::cdktf(dir, &["diff", "--skip-synth", "--var", "nope=1"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no selected stack declares the variable \"nope\""),
        "{err}"
    );
    std::fs::write(dir.join("vars.tfvars"), "suffix = \"-f\"\n").expect("var file");
    let out = common::cdktf(
        dir,
        &["diff", "--skip-synth", "stor*", "--var-file", "vars.tfvars"],
    );
    assert!(common::stdout(&out).contains("\"store-1\" -> \"store-2-f\""));

    // network's precondition fails: app (its dependent) is skipped, storage still deploys.
    Manifest::from_app(&build(&outdir, &state, "store-2", true)).expect("synth");
    let out = common::cdktf(
        dir,
        &[
            "deploy",
            "--skip-synth",
            "--auto-approve",
            "--no-color",
            "*",
        ],
    );
    assert!(!out.status.success());
    let text = common::stdout(&out);
    assert!(text.contains("Resource precondition failed"), "{text}");
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("STACK"))
        .collect();
    let row = |s: &str| {
        table
            .iter()
            .find(|l| l.starts_with(&format!("{s} ")))
            .map(|l| l.to_string())
            .unwrap_or_default()
    };
    assert!(row("network").contains("FAILED"), "{table:?}");
    assert!(row("app").contains("skipped"), "{table:?}");
    assert!(row("storage").contains("ok"), "{table:?}");
    assert!(
        common::lock_files(dir).is_empty(),
        "{:?}",
        common::lock_files(dir)
    );
    let report = Manifest::read(&outdir)
        .expect("manifest")
        .output(&["storage"], &quiet())
        .expect("output");
    let outputs = report.outputs_by_construct(&Manifest::read(&outdir).expect("m"), false);
    assert_eq!(
        outputs.expect("outputs")["storage"]["bucket_input"],
        "store-2"
    );

    // Destroy: app before network; all state emptied; no lock left.
    let manifest = Manifest::from_app(&build(&outdir, &state, "store-2", false)).expect("synth");
    let report = manifest.destroy(&["*"], &quiet()).expect("destroy runs");
    print!("{}", report.table());
    assert!(report.success(), "{report:#?}");
    assert!(pos(&report, started("network")) > pos(&report, finished("app")));
    for s in ["network", "storage", "app"] {
        assert_eq!(status(&report, s), Status::Succeeded);
        let text = std::fs::read_to_string(state.join(format!("{s}.tfstate"))).expect("state");
        let json: serde_json::Value = serde_json::from_str(&text).expect("state json");
        assert_eq!(json["resources"], serde_json::json!([]), "{s}");
    }
    assert!(common::lock_files(dir).is_empty());
}

#[test]
fn selection_errors_name_the_stacks() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let outdir = tmp.path().join("out");
    let manifest = Manifest::from_app(&build(&outdir, tmp.path(), "x", false)).expect("synth");
    let e = manifest
        .deploy::<&str>(&[], &quiet())
        .expect_err("several stacks");
    assert!(e.to_string().contains("app, network, storage"), "{e}");
    let e = manifest
        .deploy(&["app"], &quiet())
        .expect_err("missing dependency");
    assert!(
        e.to_string().contains("stack app depends on network"),
        "{e}"
    );
    let e = manifest
        .destroy(&["network"], &quiet())
        .expect_err("missing dependent");
    assert!(
        e.to_string().contains("stack app depends on network"),
        "{e}"
    );
    let e = manifest.diff(&["nope*"], &quiet()).expect_err("no match");
    assert!(e.to_string().contains("no stack matches \"nope*\""), "{e}");
}

/// One stack whose state lives at `state`.
fn single(outdir: &Path, state: &Path) -> App {
    let app = App::with_outdir(outdir);
    let stack = TerraformStack::new(&app, "solo");
    LocalBackend::new(
        &stack,
        LocalBackendConfig::new().path(state.to_string_lossy()),
    );
    TerraformDataConfig::new()
        .input("kept")
        .create(&stack, "kept");
    app
}

#[test]
fn migrate_state_and_refresh_only() {
    if !common::terraform_available("migrate_state_and_refresh_only") {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let outdir = tmp.path().join("cdktf.out");
    let (old, new) = (
        tmp.path().join("old.tfstate"),
        tmp.path().join("new.tfstate"),
    );
    let manifest = Manifest::from_app(&single(&outdir, &old)).expect("synth");
    assert!(manifest
        .deploy(&["solo"], &quiet())
        .expect("deploy")
        .success());

    // Refresh-only reaches terraform: nothing to refresh.
    let report = manifest
        .diff(&["solo"], &quiet().refresh_only(true))
        .expect("diff");
    assert_eq!(report.stack("solo").expect("solo").changes, Some(false));

    // The backend moves: init refuses without --migrate-state, and copies the state with it.
    let manifest = Manifest::from_app(&single(&outdir, &new)).expect("synth");
    assert!(
        outdir.join("stacks/solo/.terraform").is_dir(),
        "kept across synths"
    );
    let report = manifest.deploy(&["solo"], &quiet()).expect("deploy");
    let solo = report.stack("solo").expect("solo");
    assert_eq!(solo.status, Status::Failed);
    assert!(
        solo.detail.contains("Backend configuration changed"),
        "{}",
        solo.detail
    );
    let report = manifest
        .deploy(&["solo"], &quiet().migrate_state(true))
        .expect("deploy");
    assert!(report.success(), "{report:#?}");
    let detail = &report.stack("solo").expect("solo").detail;
    assert!(
        detail.contains("0 added, 0 changed, 0 destroyed"),
        "{detail}"
    );
    let state = std::fs::read_to_string(&new).expect("migrated state");
    assert!(
        state.contains("\"kept\""),
        "the resource moved with the state"
    );
    assert!(manifest
        .destroy(&["solo"], &quiet())
        .expect("destroy")
        .success());
    assert!(common::lock_files(tmp.path()).is_empty());
}
