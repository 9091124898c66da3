//! Typed values: string embedding, literals, list and map references.

mod common;

use std::collections::BTreeMap;

use cdktf::prelude::*;
use cdktf::{ListRef, MapRef};
use common::{data_resource, Config};

#[test]
fn references_embed_in_strings_with_format() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "s");
    let bucket = data_resource(&s, "bucket", Config::new());
    let env = TerraformVariable::new(&s, "env");
    let port: Value<f64> = 8080.into();
    let name = format!(
        "{}-{}-logs:{}",
        bucket.attr::<Value<String>>("id"),
        env.string_value(),
        port
    );
    TerraformOutput::new(&s, "name", name);
    // A string that is only a reference stays that reference.
    TerraformOutput::new(&s, "only", format!("{}", env.string_value()));
    let json = app.synth_stack("s").expect("synth");
    assert_eq!(
        json["output"]["name"]["value"],
        "${terraform_data.bucket.id}-${var.env}-logs:8080"
    );
    assert_eq!(json["output"]["only"]["value"], "${var.env}");
}

#[test]
fn literals_escape_template_sequences_and_plain_strings_do_not() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "s");
    TerraformOutput::new(&s, "literal", Value::literal("${HOME} %{if x} $${y}"));
    TerraformOutput::new(&s, "template", "${upper(\"a\")}");
    // A literal embedded in a formatted string keeps its escaping.
    let env = TerraformVariable::new(&s, "env");
    TerraformOutput::new(
        &s,
        "mixed",
        format!("{}:{}", Value::literal("${x}"), env.string_value()),
    );
    let json = app.synth_stack("s").expect("synth");
    assert_eq!(
        json["output"]["literal"]["value"],
        "$${HOME} %%{if x} $$${y}"
    );
    assert_eq!(json["output"]["template"]["value"], "${upper(\"a\")}");
    assert_eq!(json["output"]["mixed"]["value"], "$${x}:${var.env}");
}

#[test]
fn list_index_and_map_key_references() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "s");
    let r = data_resource(&s, "r", Config::new());
    let list: Value<Vec<String>> = r.attr("names");
    let map: Value<BTreeMap<String, f64>> = r.attr("sizes");
    let objects: ListRef<Value<cdktf::Dynamic>> = r.attr("rules");
    let set_objects: ListRef<Value<cdktf::Dynamic>> = ListRef::set(r.attr_expression("set_rules"));
    let object_map: MapRef<Value<cdktf::Dynamic>> = r.attr("by_name");
    TerraformOutput::new(&s, "first", list.get(0));
    TerraformOutput::new(&s, "len", list.length());
    TerraformOutput::new(&s, "large", map.get("large"));
    TerraformOutput::new(&s, "rule", objects.get(2));
    TerraformOutput::new(&s, "set_rule", set_objects.get(1));
    TerraformOutput::new(&s, "web", object_map.get("web"));
    let json = app.synth_stack("s").expect("synth");
    let v = |k: &str| json["output"][k]["value"].clone();
    assert_eq!(v("first"), "${terraform_data.r.names[0]}");
    assert_eq!(v("len"), "${length(terraform_data.r.names)}");
    assert_eq!(v("large"), "${terraform_data.r.sizes[\"large\"]}");
    assert_eq!(v("rule"), "${terraform_data.r.rules[2]}");
    assert_eq!(v("set_rule"), "${tolist(terraform_data.r.set_rules)[1]}");
    assert_eq!(v("web"), "${terraform_data.r.by_name[\"web\"]}");
}

#[test]
fn explicit_conversions_between_types() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "s");
    let v = TerraformVariable::new(&s, "n");
    let n: Value<f64> = v.number_value();
    TerraformOutput::new(&s, "as_string", n.to_string_value());
    TerraformOutput::new(&s, "as_number", v.string_value().to_number());
    let json = app.synth_stack("s").expect("synth");
    assert_eq!(json["output"]["as_string"]["value"], "${tostring(var.n)}");
    assert_eq!(json["output"]["as_number"]["value"], "${tonumber(var.n)}");
}
