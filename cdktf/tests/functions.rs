//! Functions, operators and expressions built through the typed API:
//!
//! - rendered byte for byte as cdktf 0.21 renders the same `Fn` / `Op` calls: the stack of
//!   `fixtures/functions/main.js` (its `cdk.tf.json` beside it is cdktf's own output);
//! - evaluated by real `terraform console` to the values Terraform's documentation gives
//!   (skipped without terraform on PATH, a failure under `CI=true`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use cdktf::expressions::{path_module, terraform_workspace};
use cdktf::functions::*;
use cdktf::prelude::*;
use cdktf::{Dynamic, Expression};
use serde_json::json;

/// The variables of the cdktf twin.
struct Vars {
    name: Value<String>,
    num: Value<f64>,
    flag: Value<bool>,
    list: Value<Vec<String>>,
    tags: Value<BTreeMap<String, String>>,
    objs: Value<Vec<Dynamic>>,
}

fn variables(stack: &TerraformStack) -> Vars {
    let var = |id: &str, ty: &str, default: serde_json::Value| {
        TerraformVariable::new(stack, id)
            .type_constraint(ty)
            .default(default)
    };
    Vars {
        name: var("name", "string", json!("World")).value(),
        num: var("num", "number", json!(7)).value(),
        flag: var("flag", "bool", json!(true)).value(),
        list: var("list", "list(string)", json!(["b", "a"])).value(),
        tags: var("tags", "map(string)", json!({"k": "v"})).value(),
        objs: var(
            "objs",
            "list(object({ name = string }))",
            json!([{"name": "x"}]),
        )
        .value(),
    }
}

/// The same calls as `fixtures/functions/main.js`, in the same order.
fn twin_calls(v: &Vars) -> Vec<Value<Dynamic>> {
    let tags = || v.tags.clone().into_dynamic();
    let objs = || v.objs.clone().into_dynamic();
    let list_it = || TerraformIterator::from_list(v.list.clone());
    let tags_it = || TerraformIterator::from_map(v.tags.clone());
    let literal_tags: Value<BTreeMap<String, String>> = [("a", "x")].into();
    vec![
        upper("hello").into_dynamic(),
        lower(&v.name).into_dynamic(),
        upper(lower(&v.name)).into_dynamic(),
        upper("${not} interpolated").into_dynamic(),
        upper(format!("prefix-{}-{}", lower("X"), v.name)).into_dynamic(),
        replace("a-b", "-", "_").into_dynamic(),
        substr("hello", 1, 3).into_dynamic(),
        format("%s-%d", [Value::any("a"), Value::any(1)]).into_dynamic(),
        formatlist("%s!", [vec!["a", "b"]]),
        base64encode("hi").into_dynamic(),
        sha256("x").into_dynamic(),
        tostring(5).into_dynamic(),
        tonumber("5").into_dynamic(),
        join(",", ["a", "b"]).into_dynamic(),
        join("-", &v.list).into_dynamic(),
        max([1, 5, 3]).into_dynamic(),
        min([v.num.clone(), 2.into()]).into_dynamic(),
        concat([vec!["a"], vec!["b", "c"]]),
        merge([literal_tags, v.tags.clone()]),
        length(&v.list).into_dynamic(),
        element(&v.list, 1).into_dynamic(),
        coalesce(["", "x"]),
        keys(json!({"a": 1, "b": 2})),
        zipmap(["a", "b"], [1, 2]),
        jsonencode(json!({"a": 1, "b": [true, "s"]})).into_dynamic(),
        cidrsubnet("10.0.0.0/16", 8, 2).into_dynamic(),
        cidrsubnets("10.0.0.0/16", [4, 4]).into_dynamic(),
        lookup(json!({"a": "1"}), "a", "z"),
        lookup_nested(tags(), ["k"]),
        lookup_nested(objs(), [PathStep::from(0), "name".into()]),
        lookup_nested(tags(), ["a-b"]),
        upper(raw_string("say \"hi\" ${x}")).into_dynamic(),
        conditional::<String>(v.num.gt(1), "big", "small").into_dynamic(),
        range(0, 5, 1).into_dynamic(),
        range(0, 10, 2).into_dynamic(),
        bcrypt("pw").into_dynamic(),
        bcrypt_with_cost("pw", 10).into_dynamic(),
        try_([lookup_nested(tags(), ["missing"]), "fallback".into()]),
        can(lookup_nested(tags(), ["missing"])).into_dynamic(),
        v.objs.splat_attr::<String>("name").into_dynamic(),
        (&v.num + 1).into_dynamic(),
        (10 - &v.num).into_dynamic(),
        (&v.num * 2).into_dynamic(),
        (&v.num / 4).into_dynamic(),
        (&v.num % 3).into_dynamic(),
        (-&v.num).into_dynamic(),
        (!&v.flag).into_dynamic(),
        v.flag.and(v.num.lt(10)).into_dynamic(),
        v.num.ge(1).or(v.num.le(2)).into_dynamic(),
        v.name.eq("x").into_dynamic(),
        v.num.ne(3).into_dynamic(),
        (length(&v.list) + &v.num * 2).into_dynamic(),
        list_it().for_expression_for_list("upper(val)"),
        tags_it().for_expression_for_map("key", "upper(val)"),
        tags_it().keys(),
        tags_it().values(),
        TerraformIterator::from_list(v.objs.clone()).pluck_property("name"),
        upper("line1\nline2").into_dynamic(),
        jsonencode(json!([1, [2, {"a": "b"}]])).into_dynamic(),
        merge([Value::<BTreeMap<String, String>>::from([("a-b", &v.name)])]),
        toset([Value::from("a"), v.name.clone()]).into_dynamic(),
        max([1.5, 2.0]).into_dynamic(),
        tostring(true).into_dynamic(),
        conditional::<f64>(&v.flag, 1, 0).into_dynamic(),
        (0 - &v.num).into_dynamic(),
        lookup(tags(), "k", upper("d")),
        join(
            ",",
            concat([v.list.clone().into_dynamic(), json!(["z"]).into()]).as_list(),
        )
        .into_dynamic(),
    ]
}

/// `text` with the two values that differ by where and by what it was made replaced: the local
/// backend's `path` (absolute) and the generator's version in the `//` metadata.
fn normalized(text: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(text).expect("JSON");
    let path = json["terraform"]["backend"]["local"]["path"]
        .as_str()
        .expect("local backend path");
    let version = json["//"]["metadata"]["version"]
        .as_str()
        .expect("metadata version");
    text.replace(&format!("\"{path}\""), "\"STATE\"").replace(
        &format!("\"version\": \"{version}\""),
        "\"version\": \"VERSION\"",
    )
}

#[test]
fn calls_render_byte_for_byte_as_cdktf_renders_them() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/functions");
    let theirs = std::fs::read_to_string(fixture.join("cdk.tf.json")).expect("fixture");
    let dir = tempfile::tempdir().expect("tmp");
    let app = App::with_outdir(dir.path().join("cdktf.out"));
    let stack = TerraformStack::new(&app, "functions");
    let vars = variables(&stack);
    for (i, value) in twin_calls(&vars).into_iter().enumerate() {
        TerraformOutput::new(&stack, &format!("c{i:02}"), value);
    }
    app.synth().expect("synth");
    let ours = std::fs::read_to_string(dir.path().join("cdktf.out/stacks/functions/cdk.tf.json"))
        .expect("our stack");
    let (ours, theirs) = (normalized(&ours), normalized(&theirs));
    if ours != theirs {
        let o: serde_json::Value = serde_json::from_str(&ours).expect("json");
        let t: serde_json::Value = serde_json::from_str(&theirs).expect("json");
        for (k, v) in t["output"].as_object().expect("outputs") {
            assert_eq!(o["output"][k], *v, "output {k}");
        }
        assert_eq!(ours, theirs);
    }
}

/// The checked-in fixture is what cdktf makes of `main.js` today. Runs where cdktf 0.21 is
/// installed: `CDKTF_NODE_MODULES=DIR/node_modules`, or where `benches/run.sh` installs it
/// (`target/bench/cdktf-node`); prints SKIP elsewhere (CI installs no node packages).
#[test]
fn the_fixture_is_cdktfs_output_of_the_twin() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let modules = match std::env::var_os("CDKTF_NODE_MODULES") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => root.join("target/bench/cdktf-node/node_modules"),
    };
    if !modules.join("cdktf/package.json").is_file() {
        println!("SKIP: cdktf not installed at {}", modules.display());
        return;
    }
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/functions");
    let out = tempfile::tempdir().expect("tmp");
    let status = Command::new("node")
        .arg(fixture.join("main.js"))
        .arg(out.path())
        .env("NODE_PATH", &modules)
        .status()
        .expect("node runs");
    assert!(status.success(), "main.js failed");
    let theirs = std::fs::read_to_string(out.path().join("stacks/functions/cdk.tf.json"))
        .expect("cdktf wrote the stack");
    let checked_in = std::fs::read_to_string(fixture.join("cdk.tf.json")).expect("fixture");
    assert_eq!(normalized(&theirs), normalized(&checked_in));
}

/// Calls and the values `terraform console` must give for them (as JSON).
fn console_cases(v: &Vars) -> Vec<(Value<Dynamic>, serde_json::Value)> {
    let tags = || v.tags.clone().into_dynamic();
    let literal_tags: Value<BTreeMap<String, String>> = [("a", "x")].into();
    let zero = &v.num - 7;
    vec![
        (upper("hello").into_dynamic(), json!("HELLO")),
        (lower(&v.name).into_dynamic(), json!("world")),
        (
            upper("${not} %{interpolated}").into_dynamic(),
            json!("${NOT} %{INTERPOLATED}"),
        ),
        (
            upper(format!("prefix-{}-{}", lower("X"), v.name)).into_dynamic(),
            json!("PREFIX-X-WORLD"),
        ),
        (
            upper("quote\" back\\slash").into_dynamic(),
            json!("QUOTE\" BACK\\SLASH"),
        ),
        (replace("a-b", "-", "_").into_dynamic(), json!("a_b")),
        (substr("hello", 1, 3).into_dynamic(), json!("ell")),
        (
            format("%s-%d", [json!("a"), json!(1)]).into_dynamic(),
            json!("a-1"),
        ),
        (formatlist("%s!", [vec!["a", "b"]]), json!(["a!", "b!"])),
        (base64encode("hi").into_dynamic(), json!("aGk=")),
        (base64decode("aGk=").into_dynamic(), json!("hi")),
        (
            md5("x").into_dynamic(),
            json!("9dd4e461268c8034f5c8564e155c67a6"),
        ),
        (tostring(5).into_dynamic(), json!("5")),
        (tonumber("5").into_dynamic(), json!(5)),
        (join(",", ["a", "b"]).into_dynamic(), json!("a,b")),
        (join("-", &v.list).into_dynamic(), json!("b-a")),
        (max([1, 5, 3]).into_dynamic(), json!(5)),
        (min([v.num.clone(), 2.into()]).into_dynamic(), json!(2)),
        (concat([vec!["a"], vec!["b", "c"]]), json!(["a", "b", "c"])),
        (
            merge([literal_tags, v.tags.clone()]),
            json!({"a": "x", "k": "v"}),
        ),
        (length(&v.list).into_dynamic(), json!(2)),
        (element(&v.list, 3).into_dynamic(), json!("a")),
        (coalesce(["", "x"]), json!("x")),
        (keys(json!({"a": 1, "b": 2})), json!(["a", "b"])),
        (zipmap(["a", "b"], [1, 2]), json!({"a": 1, "b": 2})),
        (
            jsonencode(json!({"a": 1, "b": [true, "s"]})).into_dynamic(),
            json!(r#"{"a":1,"b":[true,"s"]}"#),
        ),
        (
            cidrsubnet("10.0.0.0/16", 8, 2).into_dynamic(),
            json!("10.0.2.0/24"),
        ),
        (
            cidrsubnets("10.0.0.0/16", [4, 4]).into_dynamic(),
            json!(["10.0.0.0/20", "10.0.16.0/20"]),
        ),
        (cidrhost("10.0.0.0/24", 5).into_dynamic(), json!("10.0.0.5")),
        (lookup(json!({"a": "1"}), "a", "z"), json!("1")),
        (lookup(tags(), "missing", ""), json!("")),
        (lookup_nested(tags(), ["k"]), json!("v")),
        (
            lookup_nested(v.objs.clone(), [PathStep::from(0), "name".into()]),
            json!("x"),
        ),
        (
            upper(raw_string("say \"hi\" ${x}")).into_dynamic(),
            json!("SAY \"HI\" ${X}"),
        ),
        (
            conditional::<String>(v.num.gt(1), "big", "small").into_dynamic(),
            json!("big"),
        ),
        (range(0, 5, 1).into_dynamic(), json!([0, 1, 2, 3, 4])),
        (generated::range([3]).into_dynamic(), json!([0, 1, 2])),
        (
            try_([lookup_nested(tags(), ["missing"]), "fallback".into()]),
            json!("fallback"),
        ),
        (
            can(lookup_nested(tags(), ["missing"])).into_dynamic(),
            json!(false),
        ),
        (
            v.objs.splat_attr::<String>("name").into_dynamic(),
            json!(["x"]),
        ),
        (strcontains("hello", "ell").into_dynamic(), json!(true)),
        (title("hello world").into_dynamic(), json!("Hello World")),
        (sum([1, 2, 3]), json!(6)),
        (flatten(json!([["a"], ["b"]])), json!(["a", "b"])),
        (parseint("ff", 16), json!(255)),
        (pow(2, 10).into_dynamic(), json!(1024)),
        (abs(-3).into_dynamic(), json!(3)),
        (split(",", "a,b").into_dynamic(), json!(["a", "b"])),
        (
            chunklist(["a", "b", "c"], 2).into_dynamic(),
            json!([["a", "b"], ["c"]]),
        ),
        (
            transpose([("a", vec!["1", "2"])]).into_dynamic(),
            json!({"1": ["a"], "2": ["a"]}),
        ),
        (
            timeadd("2024-01-01T00:00:00Z", "1h").into_dynamic(),
            json!("2024-01-01T01:00:00Z"),
        ),
        (
            uuidv5("dns", "example.com").into_dynamic(),
            json!("cfbff0d1-9375-5685-968c-48ce8b15ae17"),
        ),
        // Operators.
        ((&v.num + 1).into_dynamic(), json!(8)),
        ((10 - &v.num).into_dynamic(), json!(3)),
        ((&v.num * 2).into_dynamic(), json!(14)),
        ((&v.num / 4).into_dynamic(), json!(1.75)),
        ((&v.num % 3).into_dynamic(), json!(1)),
        ((-&v.num).into_dynamic(), json!(-7)),
        ((!&v.flag).into_dynamic(), json!(false)),
        (v.flag.and(v.num.lt(10)).into_dynamic(), json!(true)),
        (v.num.ge(8).or(v.num.le(2)).into_dynamic(), json!(false)),
        (v.name.eq("x").into_dynamic(), json!(false)),
        (v.num.ne(3).into_dynamic(), json!(true)),
        // cdktf would write `(... == undefined)` here.
        (zero.eq(0).into_dynamic(), json!(true)),
        (v.flag.eq(false).into_dynamic(), json!(false)),
        ((length(&v.list) + &v.num * 2).into_dynamic(), json!(16)),
        // `for` expressions, typed and cdktf's.
        (v.list.map_each(upper).into_dynamic(), json!(["B", "A"])),
        (
            v.list.filter_each(|s| s.ne("a")).into_dynamic(),
            json!(["b"]),
        ),
        (
            v.list
                .map_each_indexed::<String, _>(|i, s| format!("{i}:{s}"))
                .into_dynamic(),
            json!(["0:b", "1:a"]),
        ),
        (
            v.list
                .to_map_each::<f64, _, _>(|s| (s.clone(), length(s)))
                .into_dynamic(),
            json!({"a": 1, "b": 1}),
        ),
        (
            v.tags
                .map_each::<String, _>(|k, val| format!("{k}={val}"))
                .into_dynamic(),
            json!({"k": "k=v"}),
        ),
        (
            v.tags.to_list_each(|k, _| upper(k)).into_dynamic(),
            json!(["K"]),
        ),
        (
            Value::<Vec<Vec<String>>>::from([vec!["a", "b"], vec!["c"]])
                .map_each(|inner| inner.map_each(upper))
                .into_dynamic(),
            json!([["A", "B"], ["C"]]),
        ),
        (
            TerraformIterator::from_list(v.list.clone()).for_expression_for_list("upper(val)"),
            json!(["A", "B"]),
        ),
        (
            TerraformIterator::from_map(v.tags.clone()).for_expression_for_map("key", "upper(val)"),
            json!({"k": "V"}),
        ),
        (terraform_workspace().into_dynamic(), json!("default")),
        (path_module().into_dynamic(), json!(".")),
    ]
}

fn terraform(dir: &Path, args: &[&str], stdin: &str) -> String {
    let cli_config = dir.join("terraformrc");
    std::fs::write(&cli_config, "").expect("cli config");
    test_support::run_terraform(dir, Some(&cli_config), args, Some(stdin))
}

#[test]
fn terraform_console_evaluates_typed_calls_to_the_expected_values() {
    if test_support::terraform("terraform_console_evaluates_typed_calls").is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let app = App::with_outdir(dir.path().join("cdktf.out"));
    let stack = TerraformStack::new(&app, "console");
    let vars = variables(&stack);
    let mut cases = console_cases(&vars);
    // Terraform 1.9's `templatestring`, which cdktf never had: the template must be a reference.
    let template = TerraformLocal::new(&stack, "template", Value::literal("Hello ${name}!"));
    cases.push((
        templatestring(template.value::<String>(), json!({"name": "x"})).into_dynamic(),
        json!("Hello x!"),
    ));
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut expected = serde_json::Map::new();
    let mut object = Vec::new();
    for (i, (value, want)) in cases.into_iter().enumerate() {
        let id = format!("c{i:02}");
        TerraformLocal::new(&stack, &id, value);
        object.push(format!("{id} = local.{id}"));
        expected.insert(id, want);
    }
    app.synth().expect("synth");
    let stack_dir = dir.path().join("cdktf.out/stacks/console");
    terraform(&stack_dir, &["init", "-no-color"], "");
    let out = terraform(
        &stack_dir,
        &["console", "-no-color"],
        &format!("jsonencode({{ {} }})\n", object.join(", ")),
    );
    // Console prints the JSON text as a quoted string.
    let text: String = serde_json::from_str(out.trim()).expect("a quoted string");
    let got: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    for (id, want) in &expected {
        assert_eq!(&got[id], want, "{id}");
    }
}

#[test]
fn validations_and_conditions_take_typed_bools() {
    let app = App::new();
    let stack = TerraformStack::new(&app, "conditions");
    let org = TerraformVariable::new(&stack, "org_name").type_constraint("string");
    org.clone().validation(
        length(org.string_value()).gt(0),
        "org_name must not be empty",
    );
    let raw = TerraformVariable::new(&stack, "raw").type_constraint("string");
    raw.validation(Expression::raw("length(var.raw) > 0"), "raw still works");
    let json = app.synth_stack("conditions").expect("synth");
    assert_eq!(
        json["variable"]["org_name"]["validation"][0]["condition"],
        "${(length(var.org_name) > 0)}"
    );
    assert_eq!(
        json["variable"]["raw"]["validation"][0]["condition"],
        "${length(var.raw) > 0}"
    );
    let c = cdktf::Condition::new(!org.string_value().eq(""), "set");
    let _ = c;
}
