//! `TerraformHclModule`: JSON, outputs, providers, overrides.

mod common;

use cdktf::prelude::*;
use common::{data_resource, provider, snapshot_text, Config};

#[test]
fn a_module_synthesizes_as_cdktf_writes_it() {
    let app = App::with_outdir("unused");
    let stack = TerraformStack::new(&app, "mod");
    let tfe = provider(&stack, "tfe", Config::new());
    let secondary = provider(
        &stack,
        "secondary",
        Config::new().set::<String>("alias", "secondary"),
    );
    let before = data_resource(&stack, "before", Config::new());
    let names = TerraformIterator::from_map(map! { "a" => "x", "b" => "y" });
    let m = TerraformHclModule::new(&stack, "workspaces", "app.terraform.io/acme/workspaces/tfe")
        .version("~> 1.2")
        .variable("prefix", "team-")
        .variable("count_per_team", 2)
        .variable("tags", vec!["a", "b"])
        .variable("name", names.value())
        .provider(&tfe)
        .provider_alias(&secondary, "other")
        .depends_on([&before])
        .for_each(&names);
    m.add_override("prefix", serde_json::json!("override-"));
    TerraformOutput::new(&stack, "ids", m.get_list::<String>("ids"));
    data_resource(&stack, "after", Config::new().depends_on([&m]));
    let json = app.synth_stack("mod").expect("synth");
    insta::assert_snapshot!("module", snapshot_text(&json));

    let module = &json["module"]["workspaces"];
    assert_eq!(module["//"]["metadata"]["path"], "mod/workspaces");
    assert_eq!(
        module["providers"],
        serde_json::json!({ "tfe": "tfe", "tfe.other": "tfe.secondary" })
    );
    assert_eq!(
        module["depends_on"],
        serde_json::json!(["terraform_data.before"])
    );
    assert_eq!(module["prefix"], "override-");
    assert_eq!(
        json["//"]["metadata"]["overrides"]["module.app.terraform.io/acme/workspaces/tfe"],
        serde_json::json!(["prefix"])
    );
    assert_eq!(json["output"]["ids"]["value"], "${module.workspaces.ids}");
    assert_eq!(
        json["resource"]["terraform_data"]["after"]["depends_on"],
        serde_json::json!(["module.workspaces"])
    );
    assert_eq!(
        cdktf::testing::modules_with_source(&json, "app.terraform.io/acme/workspaces/tfe").len(),
        1
    );
}

#[test]
fn two_providers_under_one_module_alias_is_an_error() {
    let app = App::with_outdir("unused");
    let stack = TerraformStack::new(&app, "s");
    let a = provider(&stack, "a", Config::new());
    let b = provider(&stack, "b", Config::new().set::<String>("alias", "b"));
    TerraformHclModule::new(&stack, "m", "./m")
        .provider(&a)
        .provider(&b);
    let err = app.synth_all().expect_err("alias clash").to_string();
    assert!(err.contains("s/m") && err.contains("\"tfe\""), "{err}");
}
