//! Names that collide or would be invalid in Terraform are errors naming the constructs, never a
//! silent merge.

mod common;

use cdktf::prelude::*;
use cdktf::Expression;
use common::{data_resource, Config};

fn synth_err(app: &App) -> String {
    app.synth_all().expect_err("synth must fail").to_string()
}

fn collision(ids: [&str; 2]) -> String {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    for id in ids {
        data_resource(&s, id, Config::new());
    }
    synth_err(&app)
}

#[test]
fn ids_that_strip_alike_are_an_error_naming_both() {
    for ids in [["a.b", "ab"], ["añb", "ab"], ["a b", "ab"]] {
        let err = collision(ids);
        assert!(
            err.contains(&format!("s/{} and s/{}", ids[0], ids[1])),
            "{ids:?}: {err}"
        );
        assert!(err.contains("\"terraform_data.ab\""), "{err}");
    }
}

#[test]
fn a_nested_id_and_a_top_level_id_with_its_hash_collide() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    let team = Construct::new(&s, "team");
    let pool = data_resource(&team, "pool", Config::new());
    let derived = pool.logical_id();
    assert!(derived.starts_with("team_pool_"), "{derived}");
    data_resource(&s, &derived, Config::new());
    let err = synth_err(&app);
    assert!(
        err.contains(&format!("s/team/pool and s/{derived}")),
        "{err}"
    );
}

#[test]
fn two_overrides_to_one_logical_id_collide() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    data_resource(&s, "x", Config::new()).override_logical_id("same");
    data_resource(&s, "y", Config::new()).override_logical_id("same");
    // Different kinds may share a name.
    TerraformVariable::new(&s, "v").override_logical_id("same");
    let err = synth_err(&app);
    assert!(err.contains("s/x and s/y"), "{err}");
    assert!(!err.contains("s/v"), "{err}");
}

#[test]
fn invalid_ids_and_overrides_are_errors() {
    for id in ["..", "資源", "${}", "1abc", "-x", "Default"] {
        let app = App::new();
        let s = TerraformStack::new(&app, "s");
        data_resource(&s, id, Config::new());
        let err = synth_err(&app);
        assert!(
            err.contains("is not a valid Terraform name"),
            "{id:?}: {err}"
        );
        assert!(err.contains(&format!("s/{id}")), "{id:?}: {err}");
    }
    for name in ["", "a.b", "${var.x}", "1abc", "ñ"] {
        let app = App::new();
        let s = TerraformStack::new(&app, "s");
        data_resource(&s, "r", Config::new()).override_logical_id(name);
        let err = synth_err(&app);
        assert!(
            err.contains("is not a valid Terraform name"),
            "{name:?}: {err}"
        );
        assert!(err.contains(&format!("{name:?}")), "{name:?}: {err}");
    }
    for reserved in ["count", "source", "depends_on"] {
        let app = App::new();
        let s = TerraformStack::new(&app, "s");
        TerraformVariable::new(&s, reserved);
        let err = synth_err(&app);
        assert!(err.contains("reserves this name"), "{reserved}: {err}");
    }
}

#[test]
fn valid_unusual_ids_still_work() {
    let app = App::new();
    let s = TerraformStack::new(&app, "s");
    for id in ["_x", "a-b", "A1", "x.y.z"] {
        data_resource(&s, id, Config::new());
    }
    TerraformVariable::new(&s, "counter");
    app.synth_all().expect("valid");
}

#[test]
fn one_stack_name_in_two_scopes_is_an_error() {
    let app = App::new();
    TerraformStack::new(&app, "s");
    let group = Construct::new(&app, "group");
    TerraformStack::new(&group, "s");
    let err = synth_err(&app);
    assert!(
        err.contains("s and group/s would both be stack \"s\""),
        "{err}"
    );
}

/// Two attribute chains of one element whose cross-stack output keys strip alike.
type Chains = fn(&cdktf::Resource) -> [Expression; 2];

#[test]
fn cross_stack_outputs_whose_keys_strip_alike_collide() {
    let dotted: Chains = |r| {
        let out = cdktf::Attributes::attribute(r, "output");
        [out.attr("a").attr("b"), out.attr("ab")]
    };
    let indexed: Chains = |r| {
        let out = cdktf::Attributes::attribute(r, "output");
        [out.index(1).index(0), out.index(10)]
    };
    for chains in [dotted, indexed] {
        let app = App::new();
        let origin = TerraformStack::new(&app, "origin");
        let consumer = TerraformStack::new(&app, "consumer");
        let r = data_resource(&origin, "r", Config::new());
        let [a, b] = chains(&r);
        data_resource(&consumer, "x", Config::new().set::<String>("input", a));
        data_resource(&consumer, "y", Config::new().set::<String>("input", b));
        let err = synth_err(&app);
        assert!(err.contains("cross-stack output"), "{err}");
        assert!(err.contains("origin (terraform_data.r.output"), "{err}");
    }
}

#[test]
fn stacks_whose_remote_states_strip_alike_collide() {
    let app = App::new();
    let dotted = TerraformStack::new(&app, "a.b");
    let plain = TerraformStack::new(&app, "ab");
    let consumer = TerraformStack::new(&app, "consumer");
    let x = data_resource(&dotted, "x", Config::new());
    let y = data_resource(&plain, "y", Config::new());
    data_resource(
        &consumer,
        "c",
        Config::new()
            .set("input", x.attr::<Value<String>>("output"))
            .set("triggers_replace", y.attr::<Value<String>>("output")),
    );
    let err = synth_err(&app);
    assert!(
        err.contains("a.b and ab would both be the remote state read by consumer"),
        "{err}"
    );
}
