//! Every problem is an error naming the construct path, never a panic.

mod common;

use cdktf::prelude::*;
use common::{data_resource, Config};

fn synth_err(app: &App) -> String {
    app.synth_all().expect_err("synth must fail").to_string()
}

#[test]
fn duplicate_id_under_one_scope() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "s");
    let group = Construct::new(&s, "group");
    data_resource(&group, "r", Config::new());
    data_resource(&group, "r", Config::new());
    data_resource(&s, "r", Config::new()); // same id, other scope: fine
    let err = synth_err(&app);
    assert_eq!(
        err,
        "duplicate construct id \"r\" under \"s/group\": ids must be unique within a scope"
    );
}

#[test]
fn invalid_stack_names() {
    for bad in [
        "a b", "tab\tx", "x*", "x?", "[x]", "{x}", "x!", "../x", "/abs", "a\0b", "a\\b", "..",
    ] {
        let app = App::with_outdir("unused");
        TerraformStack::new(&app, bad);
        let err = synth_err(&app);
        assert!(
            err.contains("invalid stack name") || err.contains("invalid construct id"),
            "{bad:?}: {err}"
        );
        assert!(
            err.contains(&format!("{bad:?}")),
            "{bad:?} not named in: {err}"
        );
    }
}

#[test]
fn count_and_for_each_on_one_element() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "s");
    let it = TerraformIterator::from_list(vec!["a"]);
    data_resource(&s, "both", Config::new().count(2).for_each(&it));
    assert_eq!(
        synth_err(&app),
        "s/both: `count` and `for_each` cannot be used on the same element"
    );
}

#[test]
fn override_through_a_non_object_value() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "s");
    let r = data_resource(&s, "r", Config::new().set::<String>("input", "text"));
    r.add_override("input.nested", serde_json::json!(1));
    let err = synth_err(&app);
    assert!(err.starts_with("s/r: override"), "{err}");
    assert!(err.contains("\"input\", which is not an object"), "{err}");

    // Two overrides where the second passes through the first's scalar.
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "s");
    let r = data_resource(&s, "r", Config::new());
    r.add_override("lifecycle", serde_json::json!("x"));
    r.add_override("lifecycle.prevent_destroy", serde_json::json!(true));
    let err = synth_err(&app);
    assert!(
        err.contains("s/r") && err.contains("\"lifecycle\""),
        "{err}"
    );

    // The same on a stack.
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "stk");
    s.add_override("terraform", serde_json::json!(1));
    s.add_override("terraform.required_version", serde_json::json!(">= 1.5"));
    let err = synth_err(&app);
    assert!(
        err.contains("stk") && err.contains("not an object"),
        "{err}"
    );
}

#[test]
fn several_problems_are_reported_together() {
    let app = App::with_outdir("unused");
    let s = TerraformStack::new(&app, "bad name");
    data_resource(&s, "x", Config::new());
    data_resource(&s, "x", Config::new());
    let err = synth_err(&app);
    assert!(err.starts_with("2 errors:"), "{err}");
}

#[test]
fn an_element_outside_a_stack() {
    let app = App::with_outdir("unused");
    data_resource(&app, "orphan", Config::new());
    let err = synth_err(&app);
    assert!(err.contains("\"orphan\""), "{err}");
}

#[test]
fn construct_ids_that_would_be_paths() {
    // Only stack names become directories, so a construct id of `..` (or with a backslash, dots,
    // unicode) is fine; `/` (the path separator of construct paths), NUL and "" are not.
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("cdktf.out");
    let app = App::with_outdir(&out);
    let s = TerraformStack::new(&app, "s");
    let group = Construct::new(&s, "..");
    for id in ["..", ".", "a\\b", "ä ✓", "${x}"] {
        data_resource(&group, id, Config::new());
    }
    app.synth().expect("synth");
    let mut found = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("ls") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                found.push(
                    p.strip_prefix(dir.path())
                        .expect("inside")
                        .display()
                        .to_string(),
                );
            }
        }
    }
    found.sort();
    assert_eq!(
        found,
        ["cdktf.out/manifest.json", "cdktf.out/stacks/s/cdk.tf.json"]
    );

    for bad in ["../x", "/abs", "a/b", "a\0b", ""] {
        let app = App::with_outdir("unused");
        let s = TerraformStack::new(&app, "s");
        data_resource(&s, bad, Config::new());
        let err = synth_err(&app);
        assert!(err.contains("invalid construct id"), "{bad:?}: {err}");
        assert!(
            err.contains(&format!("{bad:?}")),
            "{bad:?} not named in: {err}"
        );
    }
}
