//! Strings that reach the output mean what was written: a `$` before a reference stays a `$`,
//! literals joined stay literal, and a formatted value is resolved wherever a string can reach the
//! output, or reported with its place. Markers cannot be forged across Apps or threads and are
//! freed with their App.

mod common;

use cdktf::prelude::*;
use common::{data_resource, Config};
use serde_json::json;

fn stack_json(app: &App) -> serde_json::Value {
    app.synth_stack("s").expect("synth")
}

#[test]
fn a_dollar_before_a_reference_stays_a_dollar() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    let price = TerraformVariable::new(&s, "price").type_constraint("number");
    TerraformOutput::new(
        &s,
        "a",
        format!("US${}", price.number_value().to_string_value()),
    );
    TerraformOutput::new(&s, "b", format!("$${}", price.string_value()));
    TerraformOutput::new(&s, "c", format!("100%{}", price.string_value()));
    let json = stack_json(&app);
    // Checked with `terraform apply`: "US$9", "$$9".
    assert_eq!(
        json["output"]["a"]["value"],
        "US${\"$\"}${tostring(var.price)}"
    );
    assert_eq!(json["output"]["b"]["value"], "${\"$$\"}${var.price}");
    assert_eq!(json["output"]["c"]["value"], "100%${var.price}");
}

#[test]
fn literals_joined_stay_literal() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    let joined = format!("{}{}", Value::literal("$"), Value::literal("{HOME}"));
    TerraformOutput::new(&s, "a", joined);
    let mixed = format!("{}{{HOME}}", Value::literal("$"));
    TerraformOutput::new(&s, "b", mixed);
    let json = stack_json(&app);
    assert_eq!(json["output"]["a"]["value"], "$${HOME}");
    assert_eq!(json["output"]["b"]["value"], "${\"$\"}{HOME}");
}

#[test]
fn markers_resolve_in_overrides_and_keys() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    let v = TerraformVariable::new(&s, "v");
    let r = data_resource(&s, "r", Config::new());
    r.add_override("input", json!(format!("{}-suffix", v.string_value())));
    r.add_override(
        "triggers_replace",
        json!({ format!("{}", v.string_value()): 1 }),
    );
    s.add_override("locals", json!({ "l": format!("x{}", v.string_value()) }));
    let map: Value<std::collections::BTreeMap<String, String>> =
        [(format!("k-{}", v.string_value()), "x")].into();
    data_resource(&s, "m", Config::new().set("input", map));
    let json = stack_json(&app);
    let r = &json["resource"]["terraform_data"];
    assert_eq!(r["r"]["input"], "${var.v}-suffix");
    assert_eq!(r["r"]["triggers_replace"], json!({ "${var.v}": 1 }));
    assert_eq!(r["m"]["input"], json!({ "k-${var.v}": "x" }));
    assert_eq!(json["locals"]["l"], "x${var.v}");
}

#[test]
fn markers_where_terraform_takes_no_expressions_are_errors_naming_the_place() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    let v = TerraformVariable::new(&s, "v");
    TerraformVariable::new(&s, "w").description(format!("see {}", v.string_value()));
    TerraformOutput::new(&s, "o", "x").description(format!("{}", v.string_value()));
    data_resource(
        &s,
        "r",
        Config::new().lifecycle(Lifecycle::new().ignore_changes([format!("{}", v.string_value())])),
    );
    let err = app
        .synth_all()
        .expect_err("markers in plain text")
        .to_string();
    for place in [
        "variable.w.description",
        "output.o.description",
        "resource.terraform_data.r.lifecycle.ignore_changes",
    ] {
        assert!(
            err.contains(&format!("at {place} cannot be used")),
            "{place}: {err}"
        );
    }
}

#[test]
fn a_marker_from_another_app_is_an_error_not_another_value() {
    let other = App::new();
    let os = TerraformStack::new(&other, "s");
    let foreign = format!("{}", TerraformVariable::new(&os, "secret").string_value());

    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    TerraformVariable::new(&s, "public");
    TerraformOutput::new(&s, "o", foreign.as_str());
    let err = app.synth_all().expect_err("foreign marker").to_string();
    assert!(err.contains("another App"), "{err}");
    drop(other);
    let err = app.synth_all().expect_err("dropped app").to_string();
    assert!(err.contains("dropped"), "{err}");
}

#[test]
fn a_marker_from_another_thread_is_an_error_or_the_same_value() {
    // Formatted on one thread, used by an App on another: a reference of the first thread's App
    // is reported; a value without references (a literal, a raw expression) means the same.
    let (reference, literal, raw) = std::thread::spawn(|| {
        let app = App::new();
        let s = TerraformStack::new(&app, "s");
        let v = TerraformVariable::new(&s, "first");
        (
            format!("{}", v.string_value()),
            format!("{}", Value::literal("${x}")),
            format!(
                "{}",
                Value::<String>::from_expression(cdktf::Expression::raw("path.module"))
            ),
        )
    })
    .join()
    .expect("thread");
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    TerraformVariable::new(&s, "second");
    TerraformOutput::new(&s, "lit", literal.as_str());
    TerraformOutput::new(&s, "raw", raw.as_str());
    let json = stack_json(&app);
    assert_eq!(json["output"]["lit"]["value"], "$${x}");
    assert_eq!(json["output"]["raw"]["value"], "${path.module}");
    TerraformOutput::new(&s, "ref", reference.as_str());
    let err = app.synth_all().expect_err("other thread").to_string();
    assert!(err.contains("another thread"), "{err}");
}

#[test]
fn text_that_looks_like_a_marker_is_not_one() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    TerraformVariable::new(&s, "v");
    let forged = "${TfToken[TOKEN.0]}";
    TerraformOutput::new(&s, "o", Value::literal(forged));
    let json = stack_json(&app);
    assert_eq!(json["output"]["o"]["value"], "$${TfToken[TOKEN.0]}");
}

#[test]
fn markers_in_raw_expressions_are_their_expressions() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    let n = TerraformVariable::new(&s, "n").type_constraint("number");
    let sum: Value<f64> =
        Value::from_expression(cdktf::Expression::raw(format!("{} + 1", n.number_value())));
    TerraformOutput::new(&s, "o", sum);
    let json = stack_json(&app);
    assert_eq!(json["output"]["o"]["value"], "${var.n + 1}");
}
