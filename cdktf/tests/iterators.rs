//! Iterators, dynamic blocks, count and for_each references.

mod common;

use cdktf::prelude::*;
use cdktf::{Args, ListRef, TerraformCount};
use common::{data_resource, resource, snapshot_text, Config};

#[test]
fn iterators_and_dynamic_blocks_synthesize_as_cdktf_writes_them() {
    let app = App::with_outdir("unused");
    let stack = TerraformStack::new(&app, "it");
    let names = TerraformVariable::new(&stack, "names").type_constraint("list(string)");

    // for_each over a list: toset(...), each.value.
    let list = TerraformIterator::from_list(names.list_value::<String>());
    let per_name = data_resource(
        &stack,
        "per-name",
        Config::new().set("input", list.value()).for_each(&list),
    );
    // for_each over a map.
    let map = TerraformIterator::<f64>::from_map(map! { "small" => 1, "large" => 3 });
    data_resource(
        &stack,
        "per-size",
        Config::new()
            .set::<String>(
                "input",
                format!("{}={}", map.key(), map.value().to_string_value()),
            )
            .for_each(&map),
    );
    // for_each over another element's instances.
    let instances = TerraformIterator::from_resources(&per_name);
    data_resource(
        &stack,
        "per-instance",
        Config::new()
            .set("input", instances.value_attr::<String>("output"))
            .for_each(&instances),
    );
    // A reference to an attribute of an element with for_each is to all instances.
    TerraformOutput::new(
        &stack,
        "all-outputs",
        per_name.attr::<Value<Vec<String>>>("output"),
    );
    // Over a complex list, keyed by an attribute.
    let rules: ListRef<Value<cdktf::Dynamic>> = ListRef::list(per_name.attr_expression("rules"));
    let by_name = TerraformIterator::from_complex_list(&rules, "name");
    // Dynamic block.
    let ports = TerraformIterator::from_list(vec![80, 443]);
    let mut ingress = Args::new();
    ingress.set::<f64>("from_port", ports.value());
    ingress.set::<String>("description", format!("port {}", ports.key()));
    let mut sg = Config::new().set::<String>("name", "web");
    sg.0.set_blocks::<Args>("ingress", ports.dynamic(ingress));
    resource(&stack, "sg", "tfe_security_group", sg.for_each(&by_name));
    // count, with TerraformCount.
    let count = TerraformCount::of(names.list_value::<String>().length());
    data_resource(
        &stack,
        "counted",
        Config::new()
            .set("input", names.list_value::<String>().get(0))
            .set::<String>("triggers_replace", format!("server-{}", count.index()))
            .count(&count),
    );
    let json = app.synth_stack("it").expect("synth");
    insta::assert_snapshot!("iterators", snapshot_text(&json));

    let r = &json["resource"]["terraform_data"];
    assert_eq!(r["per-name"]["for_each"], "${toset(var.names)}");
    assert_eq!(r["per-name"]["input"], "${each.value}");
    assert_eq!(
        r["per-size"]["for_each"],
        serde_json::json!({ "large": 3, "small": 1 })
    );
    assert_eq!(
        r["per-size"]["input"],
        "${each.key}=${tostring(each.value)}"
    );
    assert_eq!(r["per-instance"]["for_each"], "${terraform_data.per-name}");
    assert_eq!(r["counted"]["count"], "${length(var.names)}");
    assert_eq!(r["counted"]["triggers_replace"], "server-${count.index}");
    assert_eq!(
        json["output"]["all-outputs"]["value"],
        "${terraform_data.per-name.*.output}"
    );
    let sg = &json["resource"]["tfe_security_group"]["sg"];
    assert_eq!(
        sg["for_each"],
        "${{ for key, val in terraform_data.per-name.*.rules: val.name => val }}"
    );
    assert_eq!(
        sg["dynamic"]["ingress"],
        serde_json::json!({
            "content": { "description": "port ${each.key}", "from_port": "${each.value}" },
            "for_each": "${toset([80, 443])}",
            "iterator": "each",
        })
    );
    assert!(sg.get("ingress").is_none());
}

#[test]
fn iterating_over_an_element_without_for_each_is_an_error() {
    let app = App::with_outdir("unused");
    let stack = TerraformStack::new(&app, "s");
    let plain = data_resource(&stack, "plain", Config::new());
    let counted = data_resource(&stack, "counted", Config::new().count(2));
    TerraformIterator::from_resources(&plain);
    TerraformIterator::from_data_sources(&counted);
    let err = app.synth_all().expect_err("no for_each").to_string();
    assert!(
        err.contains("s/plain") && err.contains("no `for_each`"),
        "{err}"
    );
    assert!(
        err.contains("s/counted") && err.contains("`count`"),
        "{err}"
    );
}

#[test]
fn a_literal_count_is_a_number() {
    let app = App::with_outdir("unused");
    let stack = TerraformStack::new(&app, "s");
    data_resource(&stack, "r", Config::new().count(TerraformCount::of(3)));
    let json = app.synth_stack("s").expect("synth");
    assert_eq!(json["resource"]["terraform_data"]["r"]["count"], 3);
}
