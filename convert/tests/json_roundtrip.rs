//! Round trip from Terraform JSON: the `cdk.tf.json` of every example stack of the repository
//! (synthesized here from `examples/`) and of cdktf's own `agent-token-example`
//! (`../shared/reference`) converts into a program that, compiled against the checked-in
//! `bindings/tfe` and run, synthesizes the same JSON byte for byte apart from metadata (`//`),
//! the provider version constraint (the bindings' own) and the local backend's directory.

mod common;

use std::path::Path;

use common::{build_and_run, canonical, diff, hcl_to_json, shared, Bindings, Unit};
use serde_json::Value as Json;

/// What legitimately differs: metadata, the provider version constraint, the backend directory.
fn normalized(v: &Json) -> String {
    fn strip(v: &Json) -> Json {
        match v {
            Json::Object(m) => Json::Object(
                m.iter()
                    .filter(|(k, _)| k.as_str() != "//")
                    .map(|(k, v)| (k.clone(), strip(v)))
                    .collect(),
            ),
            Json::Array(items) => Json::Array(items.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    let mut v = strip(v);
    if let Some(Json::Object(req)) = v.pointer_mut("/terraform/required_providers") {
        for p in req.values_mut() {
            if let Some(ver) = p.get_mut("version") {
                *ver = "VERSION".into();
            }
        }
    }
    if let Some(p) = v.pointer_mut("/terraform/backend/local/path") {
        let file = p
            .as_str()
            .and_then(|s| s.rsplit('/').next())
            .unwrap_or_default()
            .to_string();
        *p = Json::String(format!("DIR/{file}"));
    }
    cdktf::synth::json::to_string(&v)
}

/// (name, stack name, cdk.tf.json) of every example stack.
fn inputs() -> Vec<(String, String, Json)> {
    let mut out = Vec::new();
    let app = cdktf::App::new();
    examples::agent_token::build(&app);
    examples::workspace::build(&app);
    examples::multi_stack::build(&app);
    examples::reusable_construct::build(&app);
    examples::agent_pool_policy::build(&app);
    match app.synth_all() {
        Ok(stacks) => {
            for (name, json) in stacks {
                out.push((format!("examples/{name}"), name.clone(), json));
            }
        }
        Err(e) => panic!("the examples synthesize: {e}"),
    }
    if let Some(shared) = shared("reference/agent-token-example") {
        let path = shared
            .join("reference/agent-token-example/cdktf.out/stacks/agent-token-example/cdk.tf.json");
        let text = std::fs::read_to_string(path).expect("reads the reference");
        let json = serde_json::from_str(&text).expect("the reference is JSON");
        out.push((
            "reference/agent-token-example".into(),
            "agent-token-example".into(),
            json,
        ));
    }
    out
}

#[test]
fn example_stacks_round_trip_from_json() {
    let mut schemas = convert::Schemas::new();
    let schema = common::root().join("schema/tfe.json");
    schemas
        .add_document(&std::fs::read_to_string(schema).expect("reads schema/tfe.json"))
        .expect("schema/tfe.json");
    let converter = convert::Converter::new(&schemas);
    let inputs = inputs();
    let mut units = Vec::new();
    for (k, (name, stack, json)) in inputs.iter().enumerate() {
        let text = cdktf::synth::json::to_string(json);
        let c = converter
            .convert_json(&format!("{name}/cdk.tf.json"), &text)
            .unwrap_or_else(|e| panic!("{name} converts: {e}"));
        for f in &c.fallbacks {
            println!("  {f}");
        }
        units.push(Unit {
            module: format!("stack{k}"),
            stack: stack.clone(),
            code: c.code,
        });
    }
    // HCL fixtures over the same bindings, compared with the HCL as the docs examples are.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/meta.tf");
    let hcl = std::fs::read_to_string(&fixture).expect("reads the fixture");
    let meta = converter
        .convert_hcl("fixtures/meta.tf", &hcl)
        .unwrap_or_else(|e| panic!("the fixture converts: {e}"));
    for f in &meta.fallbacks {
        println!("  {f}");
    }
    units.push(Unit {
        module: "fixture_meta".into(),
        stack: "fixture-meta".into(),
        code: meta.code.clone(),
    });
    let results = build_and_run("convert-json-roundtrip", Bindings::CheckedIn, &units)
        .unwrap_or_else(|e| panic!("the converted stacks do not compile:\n{e}"));
    let mut same = 0;
    for (k, (name, _, json)) in inputs.iter().enumerate() {
        let module = format!("stack{k}");
        let got = results
            .iter()
            .find(|(n, _)| *n == module)
            .map(|(_, j)| j)
            .unwrap_or_else(|| panic!("{name}: no output"));
        let (want, got) = (normalized(json), normalized(got));
        if want == got {
            same += 1;
        } else {
            println!("differs: {name}\n--- want\n{want}\n--- got\n{got}");
        }
    }
    println!(
        "JSON round trip: {same} of {} stacks byte-identical",
        inputs.len()
    );
    assert_eq!(same, inputs.len(), "every stack round-trips from JSON");

    let mut got = results
        .iter()
        .find(|(n, _)| n == "fixture_meta")
        .map(|(_, j)| canonical(j))
        .expect("the fixture synthesizes");
    if let Some(m) = got.as_object_mut() {
        m.remove("terraform");
    }
    let mut config = convert::Config::default();
    convert::parse::parse_hcl("meta.tf", &hcl, &mut config).expect("parses");
    let want = canonical(&hcl_to_json(&config, &meta.added_variables));
    assert_eq!(diff(&want, &got, ""), None, "fixtures/meta.tf round-trips");
    // The validation's operator and the conditional's comparison are typed too: nothing raw.
    assert!(meta.fallbacks.is_empty(), "{:?}", meta.fallbacks);
}
