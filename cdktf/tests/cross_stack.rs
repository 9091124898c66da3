//! References between stacks: outputs, remote state, manifest dependencies, cycles.

mod common;

use cdktf::prelude::*;
use common::{app_snapshot, data_resource, snapshot_text, Config};

fn two_stack_app(outdir: &std::path::Path) -> App {
    let app = App::with_outdir(outdir);
    let network = TerraformStack::new(&app, "network");
    let service = TerraformStack::new(&app, "service");
    let vpc = data_resource(
        &network,
        "vpc",
        Config::new().set::<String>("input", "10.0.0.0/16"),
    );
    let group = Construct::new(&service, "group");
    data_resource(
        &group,
        "server",
        Config::new()
            .set("input", vpc.attr::<Value<String>>("output"))
            // The same reference twice makes one output and one remote state.
            .set::<String>(
                "triggers_replace",
                format!("{}-x", vpc.attr::<Value<String>>("output")),
            )
            .set("id_copy", vpc.attr::<Value<String>>("id")),
    );
    app
}

#[test]
fn a_reference_across_stacks_exports_an_output_and_reads_remote_state() {
    let app = two_stack_app(std::path::Path::new("unused"));
    insta::assert_snapshot!("multi_stack", app_snapshot(&app));
    let service = app.synth_stack("service").expect("synth");
    let server = &service["resource"]["terraform_data"]["group_server_DDED0446"];
    assert!(server.is_object(), "{}", snapshot_text(&service));
    assert_eq!(
        server["input"],
        "${data.terraform_remote_state.cross-stack-reference-input-network.outputs.cross-stack-output-terraform_datavpcoutput}"
    );
    let network = app.synth_stack("network").expect("synth");
    assert_eq!(
        network["output"]["cross-stack-output-terraform_datavpcoutput"],
        serde_json::json!({ "sensitive": true, "value": "${terraform_data.vpc.output}" })
    );
    assert_eq!(
        network["output"].as_object().map(|o| o.len()),
        Some(2),
        "one output per referenced attribute"
    );
}

#[test]
fn the_manifest_records_the_dependency() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("cdktf.out");
    two_stack_app(&out).synth().expect("synth");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).expect("read"))
            .expect("json");
    assert_eq!(
        manifest["stacks"]["service"]["dependencies"],
        serde_json::json!(["network"])
    );
    assert_eq!(
        manifest["stacks"]["network"]["dependencies"],
        serde_json::json!([])
    );
}

#[test]
fn a_reference_cycle_between_stacks_is_an_error_naming_them() {
    let app = App::with_outdir("unused");
    let a = TerraformStack::new(&app, "alpha");
    let b = TerraformStack::new(&app, "beta");
    let ra = data_resource(&a, "r", Config::new());
    let rb = data_resource(
        &b,
        "r",
        Config::new().set("input", ra.attr::<Value<String>>("id")),
    );
    data_resource(
        &a,
        "back",
        Config::new().set("input", rb.attr::<Value<String>>("id")),
    );
    let err = app.synth_all().expect_err("cycle").to_string();
    assert!(err.contains("cross-stack reference cycle"), "{err}");
    assert!(err.contains("alpha") && err.contains("beta"), "{err}");
}

#[test]
fn an_explicit_dependency_cycle_is_an_error_too() {
    let app = App::with_outdir("unused");
    let a = TerraformStack::new(&app, "a");
    let b = TerraformStack::new(&app, "b");
    a.add_dependency(&b);
    b.add_dependency(&a);
    let err = app.synth_all().expect_err("cycle").to_string();
    assert!(
        err.contains("a -> b -> a") || err.contains("b -> a -> b"),
        "{err}"
    );
}
