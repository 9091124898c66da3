//! Round trip over the 103 `hcl` examples of the tfe 0.51.1 registry docs: each converts,
//! all compile as one crate against bindings generated from the same provider's schema, run,
//! and synthesize a configuration equal to the HCL after normalizing both to Terraform JSON.
//! Prints how many round-trip and how many raw fallbacks were needed; fails if either gets
//! worse than `roundtrip_thresholds.txt`.

mod common;

use std::time::Instant;

use common::{build_and_run, canonical, diff, hcl_to_json, shared, Bindings, Unit};

/// Every `hcl` example of the docs pages: (page path relative to the docs folder, index, text).
fn corpus(docs: &std::path::Path) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    for section in ["r", "d"] {
        let mut pages: Vec<_> = std::fs::read_dir(docs.join(section))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        pages.sort();
        for p in pages {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            let name = format!(
                "{section}/{}",
                p.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
            for (i, ex) in convert::docs::examples(&text).into_iter().enumerate() {
                out.push((name.clone(), i, ex.text));
            }
        }
    }
    out
}

fn threshold(name: &str) -> usize {
    let text = include_str!("roundtrip_thresholds.txt");
    text.lines()
        .filter_map(|l| l.split_once('='))
        .find(|(k, _)| k.trim() == name)
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("{name} missing in roundtrip_thresholds.txt"))
}

#[test]
fn tfe_docs_examples_round_trip() {
    let Some(shared) = shared("docs/tfe-0.51.1") else {
        return;
    };
    let schema = shared.join("schemas/tfe.json");
    let mut schemas = convert::Schemas::new();
    schemas
        .add_document(&std::fs::read_to_string(&schema).expect("reads the tfe schema"))
        .expect("reads the tfe schema");
    let examples = corpus(&shared.join("docs/tfe-0.51.1"));
    assert_eq!(examples.len(), 103, "the corpus has 103 hcl examples");

    let converter = convert::Converter::new(&schemas);
    let started = Instant::now();
    let converted: Vec<_> = examples
        .iter()
        .map(|(page, i, text)| converter.convert_hcl(&format!("{page}#{i}"), text))
        .collect();
    let elapsed = started.elapsed();
    println!("converted {} examples in {elapsed:?}", examples.len());

    let mut units = Vec::new();
    let mut fallbacks = 0;
    let mut failed = Vec::new();
    for (k, ((page, i, _), c)) in examples.iter().zip(&converted).enumerate() {
        match c {
            Ok(c) => {
                fallbacks += c.fallbacks.len();
                for f in &c.fallbacks {
                    println!("  {f}");
                }
                units.push(Unit {
                    module: format!("ex{k:03}"),
                    stack: format!("ex{k:03}"),
                    code: c.code.clone(),
                });
            }
            Err(e) => failed.push(format!("{page}#{i}: {e}")),
        }
    }
    for f in &failed {
        println!("does not convert: {f}");
    }
    let results = match build_and_run("convert-roundtrip", Bindings::Schema(&schema), &units) {
        Ok(r) => r,
        Err(e) => panic!("the converted examples do not compile:\n{e}"),
    };
    let mut equal = 0;
    for (k, ((page, i, text), c)) in examples.iter().zip(&converted).enumerate() {
        let Ok(c) = c else { continue };
        let module = format!("ex{k:03}");
        let Some((_, got)) = results.iter().find(|(n, _)| *n == module) else {
            println!("no output: {page}#{i}");
            continue;
        };
        let mut config = convert::Config::default();
        convert::parse::parse_hcl("x.tf", text, &mut config).expect("parsed before");
        let want = canonical(&hcl_to_json(&config, &c.added_variables));
        let mut got = canonical(got);
        if let Some(m) = got.as_object_mut() {
            if want.get("terraform").is_none() {
                m.remove("terraform");
            }
        }
        // Kept for inspection: target/convert-roundtrip/out/exNNN.{hcl,want,got}.
        let out = common::root().join("target/convert-roundtrip/out");
        let _ = std::fs::create_dir_all(&out);
        let _ = std::fs::write(out.join(format!("{module}.hcl")), text);
        let _ = std::fs::write(out.join(format!("{module}.want.json")), want.to_string());
        let _ = std::fs::write(out.join(format!("{module}.got.json")), got.to_string());
        match diff(&want, &got, "") {
            None => equal += 1,
            Some(d) => println!("differs: {page}#{i}: {d}"),
        }
    }
    println!(
        "round trip: {equal} of {} examples equal; {} convert; {fallbacks} raw fallbacks",
        examples.len(),
        units.len()
    );
    let (min_equal, max_fallbacks) = (threshold("round_trip_min"), threshold("fallbacks_max"));
    assert!(
        equal >= min_equal,
        "round trip got worse: {equal} < {min_equal}"
    );
    assert!(
        fallbacks <= max_fallbacks,
        "raw fallbacks got worse: {fallbacks} > {max_fallbacks}"
    );
}

/// The comparison sees different values and blocks, and not formatting.
#[test]
fn comparison_sees_differences_but_not_formatting() {
    let want =
        serde_json::json!({"resource": {"a_b": {"c": {"x": "${var.y}", "blk": [{"n": 1}]}}}});
    let same = serde_json::json!({"resource": {"a_b": {"c": {"x": "${ var.y }", "blk": {"n": 1.0}, "//": {}}}}});
    let other = serde_json::json!({"resource": {"a_b": {"c": {"x": "${var.z}", "blk": {"n": 1}}}}});
    let extra = serde_json::json!({"resource": {"a_b": {"c": {"x": "${var.y}", "blk": [{"n": 1}], "k": 2}}}});
    assert_eq!(diff(&canonical(&want), &canonical(&same), ""), None);
    assert!(diff(&canonical(&want), &canonical(&other), "").is_some());
    assert!(diff(&canonical(&want), &canonical(&extra), "").is_some());
}
