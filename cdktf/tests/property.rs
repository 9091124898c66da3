//! Random construct trees with random ids: synthesis either fails or writes one distinct,
//! Terraform-valid name per element and one directory per stack. `PROPTEST_CASES=N` for more
//! cases; a sample also goes through `terraform validate` when terraform is on PATH.

mod common;

use cdktf::prelude::*;
use common::{data, data_resource, Config};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

#[derive(Clone, Copy, Debug)]
enum Kind {
    Resource,
    Data,
    Variable,
    Output,
    Local,
}

#[derive(Clone, Debug)]
enum NodeSpec {
    Construct(String, Vec<NodeSpec>),
    Element(Kind, String, Option<String>),
}

#[derive(Clone, Debug)]
struct StackSpec {
    /// A construct the stack is created in, if not directly in the app.
    scope: Option<String>,
    name: String,
    children: Vec<NodeSpec>,
}

fn id() -> impl Strategy<Value = String> {
    let first = prop::sample::select(vec!['a', 'b', 'c', 'd', 'e', 'f', 'g', '_']);
    let rest = prop::sample::select(vec!['a', 'b', 'c', 'd', 'e', '1', '-', '_']);
    let hostile = prop::sample::select(vec!['a', 'b', '.', '-', '_', '1', 'ñ', '$', '{', '}', ' ']);
    prop_oneof![
        8 => (first, prop::collection::vec(rest, 0..4))
            .prop_map(|(f, cs)| std::iter::once(f).chain(cs).collect()),
        3 => prop::collection::vec(hostile, 1..5).prop_map(|cs| cs.into_iter().collect()),
        1 => prop::sample::select(vec![
            "Default", "Resource", "count", "source", "a.b", "ab", "x", "資源", "1abc", "-x",
        ])
        .prop_map(String::from),
    ]
}

fn kind() -> impl Strategy<Value = Kind> {
    prop::sample::select(vec![
        Kind::Resource,
        Kind::Data,
        Kind::Variable,
        Kind::Output,
        Kind::Local,
    ])
}

fn node() -> impl Strategy<Value = NodeSpec> {
    let leaf = (kind(), id(), prop::option::weighted(0.2, id()))
        .prop_map(|(k, id, over)| NodeSpec::Element(k, id, over));
    leaf.prop_recursive(3, 24, 4, |inner| {
        (id(), prop::collection::vec(inner, 0..4))
            .prop_map(|(id, children)| NodeSpec::Construct(id, children))
    })
}

fn app_spec() -> impl Strategy<Value = Vec<StackSpec>> {
    let stack = (
        prop::option::weighted(0.2, id()),
        id(),
        prop::collection::vec(node(), 0..6),
    )
        .prop_map(|(scope, name, children)| StackSpec {
            scope,
            name,
            children,
        });
    prop::collection::vec(stack, 1..4)
}

fn add(scope: &impl Scope, spec: &NodeSpec) -> usize {
    match spec {
        NodeSpec::Construct(id, children) => {
            let c = Construct::new(scope, id);
            children.iter().map(|child| add(&c, child)).sum()
        }
        NodeSpec::Element(kind, id, over) => {
            let el: Box<dyn TerraformElement> = match kind {
                Kind::Resource => Box::new(data_resource(scope, id, Config::new())),
                Kind::Data => Box::new(data(scope, id, "tfe_organization", Config::new())),
                Kind::Variable => Box::new(TerraformVariable::new(scope, id)),
                Kind::Output => Box::new(TerraformOutput::new(scope, id, "value")),
                Kind::Local => Box::new(TerraformLocal::new(scope, id, "value")),
            };
            if let Some(over) = over {
                el.override_logical_id(over);
            }
            1
        }
    }
}

/// The app, and the number of elements created in each stack, by name.
fn build(specs: &[StackSpec]) -> (App, Vec<(String, usize)>) {
    let app = App::with_outdir("unused");
    let mut counts = Vec::new();
    for spec in specs {
        let stack = match &spec.scope {
            Some(scope) => TerraformStack::new(&Construct::new(&app, scope), &spec.name),
            None => TerraformStack::new(&app, &spec.name),
        };
        let n = spec.children.iter().map(|c| add(&stack, c)).sum();
        counts.push((spec.name.clone(), n));
    }
    (app, counts)
}

/// Terraform's identifier grammar (ASCII subset): a letter or `_`, then letters, digits, `_`, `-`.
fn valid_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Every element name in a stack's JSON.
fn names(tf: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for block in ["resource", "data"] {
        for (ty, by_name) in tf[block].as_object().into_iter().flatten() {
            if ty == "terraform_remote_state" {
                continue;
            }
            for name in by_name.as_object().into_iter().flatten().map(|e| e.0) {
                out.push(name.clone());
            }
        }
    }
    for block in ["variable", "output", "locals"] {
        out.extend(
            tf[block]
                .as_object()
                .into_iter()
                .flatten()
                .map(|e| e.0.clone()),
        );
    }
    out
}

/// Checks the property; `Ok(Some(stacks))` when synthesis succeeded.
fn check(specs: &[StackSpec]) -> Result<Option<Vec<(String, serde_json::Value)>>, String> {
    let (app, counts) = build(specs);
    let Ok(stacks) = app.synth_all() else {
        return Ok(None);
    };
    if stacks.len() != counts.len() {
        return Err(format!(
            "{} stacks written for {}",
            stacks.len(),
            counts.len()
        ));
    }
    let mut dirs: Vec<&str> = stacks.iter().map(|(n, _)| n.as_str()).collect();
    dirs.sort_unstable();
    dirs.dedup();
    if dirs.len() != stacks.len() {
        return Err(format!("two stacks share a directory: {dirs:?}"));
    }
    for ((name, tf), (_, count)) in stacks.iter().zip(&counts) {
        let names = names(tf);
        if names.len() != *count {
            return Err(format!("stack {name:?}: {count} elements, names {names:?}"));
        }
        if let Some(bad) = names.iter().find(|n| !valid_identifier(n)) {
            return Err(format!("stack {name:?}: invalid name {bad:?}"));
        }
    }
    Ok(Some(stacks))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn synthesis_errors_or_writes_one_valid_distinct_name_per_element(specs in app_spec()) {
        if let Err(problem) = check(&specs) {
            prop_assert!(false, "{}", problem);
        }
    }
}

#[test]
fn a_sample_passes_terraform_validate() {
    if test_support::terraform("a_sample_passes_terraform_validate").is_none() {
        return;
    }
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = app_spec();
    let mut validated = 0;
    // `init` and `validate` take seconds each: two stacks are the sample.
    for _ in 0..200 {
        if validated == 2 {
            break;
        }
        let specs = strategy.new_tree(&mut runner).expect("tree").current();
        let Some(stacks) = check(&specs).expect("property") else {
            continue;
        };
        // Data sources need the tfe provider, which is not available offline: keep only stacks
        // of built-in elements.
        for (name, mut tf) in stacks {
            if tf.get("data").is_some() || validated == 2 {
                continue;
            }
            if let Some(m) = tf.as_object_mut() {
                m.remove("terraform");
            }
            let dir = tempfile::tempdir().expect("tmp");
            std::fs::write(
                dir.path().join("main.tf.json"),
                cdktf::synth::json::to_string(&tf),
            )
            .expect("write");
            let run = |args: &[&str]| {
                std::process::Command::new("terraform")
                    .args(args)
                    .current_dir(dir.path())
                    .output()
                    .expect("terraform")
            };
            let init = run(&["init", "-backend=false", "-input=false"]);
            assert!(
                init.status.success(),
                "{}",
                String::from_utf8_lossy(&init.stderr)
            );
            let out = run(&["validate", "-no-color"]);
            assert!(
                out.status.success(),
                "stack {name:?}: {}\n{}",
                String::from_utf8_lossy(&out.stderr),
                cdktf::synth::json::to_string(&tf)
            );
            validated += 1;
        }
    }
    assert!(validated > 0, "no sample without data sources succeeded");
}
