//! Backends, remote state, and how other stacks read each backend's state.

mod common;

use cdktf::backend::*;
use cdktf::prelude::*;
use common::{app_snapshot, data_resource, snapshot_text, Config};

/// One stack per backend, each with an output that a consumer stack references.
fn backends_app() -> App {
    let app = App::with_outdir("unused");
    let stacks: Vec<TerraformStack> = ["local", "s3", "gcs", "azurerm", "remote", "cloud"]
        .iter()
        .map(|name| TerraformStack::new(&app, name))
        .collect();
    LocalBackend::new(
        &stacks[0],
        LocalBackendConfig::new()
            .path("state/local.tfstate")
            .workspace_dir("state/ws"),
    );
    S3Backend::new(
        &stacks[1],
        S3BackendConfig::new("tf-state", "s3/terraform.tfstate")
            .region("eu-west-1")
            .encrypt(true)
            .dynamodb_table("locks")
            .max_retries(3)
            .assume_role(serde_json::json!({ "role_arn": "arn:aws:iam::1:role/tf" })),
    );
    GcsBackend::new(&stacks[2], GcsBackendConfig::new("tf-state").prefix("gcs"));
    AzurermBackend::new(
        &stacks[3],
        AzurermBackendConfig::new("acct", "tfstate", "azurerm.tfstate")
            .resource_group_name("rg")
            .use_azuread_auth(true),
    );
    RemoteBackend::new(
        &stacks[4],
        RemoteBackendConfig::new("acme", RemoteWorkspaces::named("remote")),
    );
    CloudBackend::new(
        &stacks[5],
        CloudBackendConfig::new("acme", CloudWorkspaces::named("cloud")).hostname("tfe.acme.com"),
    );
    let consumer = TerraformStack::new(&app, "consumer");
    for stack in &stacks {
        let r = data_resource(
            stack,
            "thing",
            Config::new().set::<String>("input", stack.name()),
        );
        data_resource(
            &consumer,
            &format!("from-{}", stack.name()),
            Config::new().set("input", r.attr::<Value<String>>("output")),
        );
    }
    app
}

#[test]
fn every_backend_synthesizes_as_cdktf_writes_it() {
    insta::assert_snapshot!("backends", app_snapshot(&backends_app()));
}

#[test]
fn backend_metadata_and_placement() {
    let app = backends_app();
    let all: std::collections::BTreeMap<String, serde_json::Value> =
        app.synth_all().expect("synth").into_iter().collect();
    assert_eq!(
        all["s3"]["terraform"]["backend"]["s3"]["bucket"],
        "tf-state"
    );
    assert_eq!(all["s3"]["//"]["metadata"]["backend"], "s3");
    assert!(all["s3"]["//"]["metadata"].get("cloud").is_none());
    assert_eq!(all["cloud"]["terraform"]["cloud"]["organization"], "acme");
    assert!(all["cloud"]["terraform"].get("backend").is_none());
    assert_eq!(all["cloud"]["//"]["metadata"]["backend"], "cloud");
    assert_eq!(all["cloud"]["//"]["metadata"]["cloud"], "tfe");
    assert_eq!(all["remote"]["//"]["metadata"]["cloud"], "tfc");
}

#[test]
fn cross_stack_remote_state_follows_each_backend() {
    let app = backends_app();
    let consumer = app.synth_stack("consumer").expect("synth");
    let rs = &consumer["data"]["terraform_remote_state"];
    let get = |origin: &str| &rs[format!("cross-stack-reference-input-{origin}")];
    let ws = serde_json::json!("${terraform.workspace}");
    // Backends with workspaces read the consumer's current workspace.
    for origin in ["local", "s3", "gcs", "azurerm"] {
        assert_eq!(get(origin)["backend"], origin, "{origin}");
        assert_eq!(get(origin)["workspace"], ws, "{origin}");
        assert!(
            get(origin).get("//").is_none(),
            "cdktf writes no metadata here"
        );
    }
    assert_eq!(get("local")["config"]["path"], "state/local.tfstate");
    assert_eq!(get("local")["config"]["workspace_dir"], "state/ws");
    assert_eq!(get("s3")["config"]["key"], "s3/terraform.tfstate");
    assert_eq!(
        get("s3")["config"]["assume_role"]["role_arn"],
        "arn:aws:iam::1:role/tf"
    );
    // HCP Terraform is read through the `remote` backend, without a workspace argument.
    assert_eq!(get("remote")["backend"], "remote");
    assert!(get("remote").get("workspace").is_none());
    assert_eq!(get("cloud")["backend"], "remote");
    assert_eq!(
        get("cloud")["config"],
        serde_json::json!({
            "hostname": "tfe.acme.com",
            "organization": "acme",
            "workspaces": { "name": "cloud" },
        })
    );
}

#[test]
fn default_local_backend_is_read_from_its_absolute_default_path() {
    let app = App::with_outdir("unused");
    let a = TerraformStack::new(&app, "a");
    let b = TerraformStack::new(&app, "b");
    let r = data_resource(&a, "r", Config::new());
    data_resource(
        &b,
        "r",
        Config::new().set("input", r.attr::<Value<String>>("id")),
    );
    let json = app.synth_stack("b").expect("synth");
    let cwd = std::env::current_dir().expect("cwd");
    assert_eq!(
        json["data"]["terraform_remote_state"]["cross-stack-reference-input-a"],
        serde_json::json!({
            "backend": "local",
            "config": { "path": cwd.join("terraform.a.tfstate").to_string_lossy() },
            "workspace": "${terraform.workspace}",
        })
    );
}

#[test]
fn tagged_cloud_workspaces_cannot_be_referenced_from_another_stack() {
    let app = App::with_outdir("unused");
    let a = TerraformStack::new(&app, "tagged");
    CloudBackend::new(
        &a,
        CloudBackendConfig::new("acme", CloudWorkspaces::tagged(["x"])),
    );
    let b = TerraformStack::new(&app, "reader");
    let r = data_resource(&a, "r", Config::new());
    data_resource(
        &b,
        "r",
        Config::new().set("input", r.attr::<Value<String>>("id")),
    );
    let err = app.synth_all().expect_err("tagged workspaces").to_string();
    assert!(
        err.contains("\"tagged\"") && err.contains("\"reader\""),
        "{err}"
    );
    assert!(err.contains("by name instead of by tags"), "{err}");
}

#[test]
fn a_second_backend_in_one_stack_is_a_duplicate_id() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "s");
    S3Backend::new(&s, S3BackendConfig::new("b", "k"));
    GcsBackend::new(&s, GcsBackendConfig::new("b"));
    let err = app.synth_all().expect_err("two backends").to_string();
    assert!(
        err.contains("duplicate construct id \"backend\" under \"s\""),
        "{err}"
    );
}

#[test]
fn backend_overrides_apply_to_its_settings_and_are_listed_in_metadata() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "s");
    let backend = S3Backend::new(&s, S3BackendConfig::new("b", "k"));
    backend.add_override("use_lockfile", serde_json::json!(true));
    let json = app.synth_stack("s").expect("synth");
    assert_eq!(json["terraform"]["backend"]["s3"]["use_lockfile"], true);
    assert_eq!(
        json["//"]["metadata"]["overrides"]["backend"],
        serde_json::json!(["use_lockfile"])
    );
}

#[test]
fn remote_state_data_sources_for_each_backend() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "reader");
    let local =
        TerraformRemoteState::local(&s, "local", LocalBackendConfig::new().path("x.tfstate"));
    let s3 = TerraformRemoteState::s3(&s, "s3", S3BackendConfig::new("b", "k").region("us-east-1"))
        .workspace("prod")
        .defaults(serde_json::json!({ "name": "fallback" }));
    let gcs = TerraformRemoteState::gcs(&s, "gcs", GcsBackendConfig::new("b").prefix("p"));
    let az = TerraformRemoteState::azurerm(&s, "az", AzurermBackendConfig::new("a", "c", "k"));
    let remote = TerraformRemoteState::remote(
        &s,
        "remote",
        RemoteBackendConfig::new("acme", RemoteWorkspaces::prefixed("app-")),
    );
    TerraformOutput::new(&s, "name", s3.get_string("name"));
    TerraformOutput::new(&s, "count", local.get_number("count"));
    TerraformOutput::new(&s, "enabled", gcs.get_bool("enabled"));
    TerraformOutput::new(&s, "ids", az.get_list::<String>("ids"));
    TerraformOutput::new(&s, "all", remote.get_any("all"));
    s3.add_override("config.profile", serde_json::json!("ops"));
    let json = app.synth_stack("reader").expect("synth");
    insta::assert_snapshot!("remote_state", snapshot_text(&json));
    assert_eq!(
        json["output"]["name"]["value"],
        "${data.terraform_remote_state.s3.outputs.name}"
    );
    assert_eq!(
        json["data"]["terraform_remote_state"]["s3"]["config"]["profile"],
        "ops"
    );
    assert_eq!(
        json["//"]["metadata"]["overrides"]["terraform_remote_state"],
        serde_json::json!(["config"])
    );
}
