//! Values, expressions and override paths nested past `cdktf::synth::MAX_DEPTH` are errors, not
//! a stack overflow. Run on test threads, whose stacks are small (2 MiB).

mod common;

use cdktf::prelude::*;
use cdktf::synth::MAX_DEPTH;
use cdktf::{Dynamic, Expression};
use common::{data_resource, Config};

const DEEP: usize = 50_000;

fn expect_too_deep(app: &App, what: &str) {
    let err = app.synth_all().expect_err("too deep").to_string();
    assert!(
        err.contains(&format!("nested deeper than {MAX_DEPTH} levels")),
        "{what}: {err}"
    );
    assert!(err.contains("s/r"), "{what}: {err}");
}

#[test]
fn a_deep_json_value_is_an_error() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    let mut v = serde_json::json!(1);
    for _ in 0..DEEP {
        v = serde_json::Value::Array(vec![v]);
    }
    data_resource(&s, "r", Config::new().set::<Dynamic>("input", v));
    expect_too_deep(&app, "json");
}

#[test]
fn a_deep_list_value_is_an_error() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    let mut v: Value<Dynamic> = 1.into();
    for _ in 0..DEEP {
        let list: Value<Vec<Dynamic>> = vec![v].into();
        v = list.into_dynamic();
    }
    data_resource(&s, "r", Config::new().set::<Dynamic>("input", v));
    expect_too_deep(&app, "list");
}

#[test]
fn a_deep_expression_is_an_error() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    let mut e = Expression::raw("var.x");
    for _ in 0..DEEP {
        e = e.attr("a");
    }
    data_resource(&s, "r", Config::new().set::<String>("input", e));
    expect_too_deep(&app, "expression");
}

#[test]
fn a_deep_value_formatted_into_a_string_is_an_error() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    let mut v: Value<Dynamic> = 1.into();
    for _ in 0..DEEP {
        let list: Value<Vec<Dynamic>> = vec![v].into();
        v = list.into_dynamic();
    }
    let text = format!("{v}");
    data_resource(&s, "r", Config::new().set::<String>("input", text));
    let err = app.synth_all().expect_err("too deep").to_string();
    assert!(
        err.contains(&format!("nested deeper than {MAX_DEPTH} levels")),
        "{err}"
    );
}

#[test]
fn a_deep_override_path_is_an_error() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    let r = data_resource(&s, "r", Config::new());
    r.add_override(&format!("{}b", "a.".repeat(DEEP)), serde_json::json!(1));
    let mut deep = serde_json::json!(1);
    for _ in 0..DEEP {
        deep = serde_json::Value::Object([("a".to_string(), deep)].into_iter().collect());
    }
    r.add_override("input", deep);
    expect_too_deep(&app, "override");
}

#[test]
fn nesting_up_to_the_limit_works() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    let mut v = serde_json::json!(1);
    for _ in 0..MAX_DEPTH - 10 {
        v = serde_json::Value::Array(vec![v]);
    }
    data_resource(&s, "r", Config::new().set::<Dynamic>("input", v));
    app.synth_all().expect("within the limit");
}
