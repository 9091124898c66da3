//! Escape hatches (overrides, logical ids) and meta-arguments.

mod common;

use cdktf::prelude::*;
use cdktf::{Condition, TerraformElement};
use common::{data_resource, provider, resource, snapshot_text, Config};

#[test]
fn stack_and_element_overrides() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "ovr");
    s.add_override("terraform.required_version", serde_json::json!(">= 1.5"));
    s.add_override("locals.extra", serde_json::json!("x"));
    let r = resource(
        &s,
        "r",
        "tfe_team",
        Config::new().set::<String>("name", "a"),
    );
    r.add_override("name", serde_json::json!("b"));
    r.add_override("lifecycle.prevent_destroy", serde_json::json!(true));
    r.add_override("visibility", serde_json::Value::Null);
    let renamed = data_resource(&s, "renamed", Config::new());
    renamed.override_logical_id("custom_id");
    TerraformOutput::new(&s, "renamed-id", renamed.attr::<Value<String>>("id"));
    let json = app.synth_stack("ovr").expect("synth");
    insta::assert_snapshot!("overrides", snapshot_text(&json));
    let team = &json["resource"]["tfe_team"]["r"];
    assert_eq!(team["name"], "b");
    assert_eq!(team["lifecycle"]["prevent_destroy"], true);
    assert_eq!(
        json["//"]["metadata"]["overrides"],
        serde_json::json!({ "stack": ["locals", "terraform"], "tfe_team": ["lifecycle", "name", "visibility"] })
    );
    assert_eq!(json["terraform"]["required_version"], ">= 1.5");
    assert_eq!(
        json["output"]["renamed-id"]["value"],
        "${terraform_data.custom_id.id}"
    );
    assert!(json["resource"]["terraform_data"]["custom_id"].is_object());
}

#[test]
fn meta_arguments() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "meta");
    let secondary = provider(
        &s,
        "secondary",
        Config::new().set::<String>("alias", "secondary"),
    );
    let first = data_resource(&s, "first", Config::new());
    let lookup = common::data(
        &s,
        "org",
        "tfe_organization",
        Config::new().set::<String>("name", "acme"),
    );
    resource(
        &s,
        "team",
        "tfe_team",
        Config::new()
            .set("organization", lookup.attr::<Value<String>>("name"))
            .depends_on([&first, &lookup])
            .provider(&secondary)
            .lifecycle(
                Lifecycle::new()
                    .create_before_destroy(true)
                    .prevent_destroy(false)
                    .ignore_changes(["name"])
                    .replace_triggered_by(&first)
                    .replace_triggered_by_attribute(&first.attr::<Value<String>>("output"))
                    .precondition(Condition::new(
                        cdktf::Expression::raw("length(data.tfe_organization.org.name) > 0"),
                        "organization must exist",
                    ))
                    .postcondition(Condition::new(
                        cdktf::Expression::raw("self.id != \"\""),
                        "id must be set",
                    )),
            ),
    );
    data_resource(
        &s,
        "ignore-all",
        Config::new().lifecycle(Lifecycle::new().ignore_all_changes()),
    );
    let json = app.synth_stack("meta").expect("synth");
    insta::assert_snapshot!("meta_arguments", snapshot_text(&json));
    let team = &json["resource"]["tfe_team"]["team"];
    assert_eq!(team["provider"], "tfe.secondary");
    assert_eq!(
        team["depends_on"],
        serde_json::json!(["terraform_data.first", "data.tfe_organization.org"])
    );
    assert_eq!(
        team["lifecycle"]["replace_triggered_by"],
        serde_json::json!(["terraform_data.first", "terraform_data.first.output"])
    );
    assert_eq!(
        json["resource"]["terraform_data"]["ignore-all"]["lifecycle"]["ignore_changes"],
        "all"
    );
    assert!(cdktf::testing::has_provider_with_properties(
        &json,
        "tfe",
        &serde_json::json!({ "alias": "secondary" })
    ));
}
