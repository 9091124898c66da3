//! Iterators, dynamic blocks, count and for_each references.

mod common;

use cdktf::prelude::*;
use cdktf::{Args, ListRef, Resource, TerraformCount};
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

/// A resource with `for_each` over security groups, and a dynamic block over each group's ports
/// whose iterator is named, so that the content reads both the group (`each`) and the port.
fn groups_with_named_ports(stack: &TerraformStack) -> Resource {
    let groups = TerraformIterator::<Vec<f64>>::from_map(map! {
        "web" => vec![80.0, 443.0],
        "db" => vec![5432.0],
    });
    let ports = TerraformIterator::from_list(groups.value()).named("port");
    let mut ingress = Args::new();
    ingress.set::<f64>("from_port", ports.value());
    ingress.set::<f64>("to_port", ports.value());
    ingress.set::<String>("protocol", "tcp");
    ingress.set::<String>("description", format!("{} {}", groups.key(), ports.key()));
    let mut sg = Config::new().set::<String>("name", groups.key());
    sg.0.set_blocks::<Args>("ingress", ports.dynamic(ingress));
    resource(stack, "sg", "aws_security_group", sg.for_each(&groups))
}

#[test]
fn a_named_iterator_keeps_the_elements_each_reachable_in_a_dynamic_block() {
    let app = App::with_outdir("unused");
    let stack = TerraformStack::new(&app, "it");
    groups_with_named_ports(&stack);
    let json = app.synth_stack("it").expect("synth");
    let sg = &json["resource"]["aws_security_group"]["sg"];
    assert_eq!(sg["name"], "${each.key}");
    assert_eq!(
        sg["dynamic"]["ingress"],
        serde_json::json!({
            "content": {
                "description": "${each.key} ${port.key}",
                "from_port": "${port.value}",
                "protocol": "tcp",
                "to_port": "${port.value}",
            },
            "for_each": "${toset(each.value)}",
            "iterator": "port",
        })
    );
}

#[test]
fn a_named_iterator_as_an_elements_for_each_or_a_bad_name_is_an_error() {
    let app = App::with_outdir("unused");
    let stack = TerraformStack::new(&app, "s");
    let named = TerraformIterator::from_list(vec!["a"]).named("item");
    data_resource(&stack, "misused", Config::new().for_each(&named));
    let bad = TerraformIterator::from_list(vec![1]).named("1st");
    let mut block = Config::new();
    block.0.set_blocks::<Args>("rule", bad.dynamic(Args::new()));
    resource(&stack, "r", "tfe_thing", block);
    let err = app.synth_all().expect_err("invalid").to_string();
    assert!(
        err.contains("s/misused") && err.contains("TerraformIterator::named is for dynamic blocks"),
        "{err}"
    );
    assert!(
        err.contains("s/r") && err.contains("\"1st\", which is not a Terraform identifier"),
        "{err}"
    );
}

/// The named iterator is what Terraform means: `terraform validate` with the aws provider accepts
/// the resource (skipped without terraform or the aws 5.100.0 plugin, failed under CI).
#[test]
fn terraform_validates_a_named_dynamic_iterator() {
    const TEST: &str = "terraform_validates_a_named_dynamic_iterator";
    if test_support::terraform(TEST).is_none() {
        return;
    }
    let Some(plugins) = test_support::aws_plugin_dir(TEST) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let app = App::with_outdir(dir.path().join("out"));
    let stack = TerraformStack::new(&app, "it");
    stack.add_override(
        "terraform.required_providers.aws",
        serde_json::json!({ "source": "hashicorp/aws", "version": "5.100.0" }),
    );
    stack.add_override(
        "provider.aws",
        serde_json::json!([{ "region": "us-east-1" }]),
    );
    groups_with_named_ports(&stack);
    app.synth().expect("synth");
    let stack_dir = dir.path().join("out/stacks/it");
    let plugin_dir = format!("-plugin-dir={}", plugins.display());
    test_support::run_terraform(
        &stack_dir,
        None,
        &["init", "-backend=false", &plugin_dir],
        None,
    );
    let out = test_support::run_terraform(&stack_dir, None, &["validate", "-json"], None);
    let report: serde_json::Value = serde_json::from_str(&out).expect("validate -json");
    assert_eq!(report["valid"], true, "{out}");
}
