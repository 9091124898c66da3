//! Round trip over the 103 `hcl` examples of the 70 tfe 0.51.1 registry docs pages: the Rust
//! pages are generated (and must equal the checked-in `docs/tfe-0.51.1/cdktf/rust`), the code
//! blocks of those pages compile as one crate against bindings generated from the same
//! provider's schema, run, and synthesize a configuration equal to the HCL after normalizing
//! both to Terraform JSON.
//! Prints how many round-trip and how many raw fallbacks were needed; fails if either gets
//! worse than `roundtrip_thresholds.txt`.

mod common;

use std::time::Instant;

use common::{build_and_run, canonical, diff, hcl_to_json, shared, Bindings, Unit};

/// The `rust` code blocks of a page.
fn rust_blocks(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in page.lines() {
        match &mut current {
            None if line == "```rust" => current = Some(String::new()),
            None => {}
            Some(_) if line == "```" => out.extend(current.take()),
            Some(code) => {
                code.push_str(line);
                code.push('\n');
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
    let docs = shared.join("docs/tfe-0.51.1");
    let converter = convert::Converter::new(&schemas);
    let started = Instant::now();
    let pages = convert::docs::rust_pages(&docs, &converter).expect("every page converts");
    let elapsed = started.elapsed();
    assert_eq!(pages.len(), 70, "the corpus has 70 pages");

    // The checked-in pages are these (regenerate with the command in the README).
    let checked_in = common::root().join("docs/tfe-0.51.1/cdktf/rust");
    let stale: Vec<String> = pages
        .iter()
        .filter(|p| {
            std::fs::read_to_string(checked_in.join(&p.path))
                .ok()
                .as_deref()
                != Some(&p.text)
        })
        .map(|p| p.path.display().to_string())
        .collect();

    // (page, index, HCL, converted, code block of the Rust page)
    let mut examples = Vec::new();
    for page in &pages {
        let original = std::fs::read_to_string(docs.join(&page.path)).expect("reads the page");
        let hcl = convert::docs::examples(&original);
        let blocks = rust_blocks(&page.text);
        assert_eq!(
            blocks.len(),
            hcl.len(),
            "{}: every example is converted",
            page.path.display()
        );
        for (i, ((ex, c), code)) in hcl.iter().zip(&page.examples).zip(blocks).enumerate() {
            examples.push((page.path.display().to_string(), i, ex.text.clone(), c, code));
        }
    }
    assert_eq!(examples.len(), 103, "the corpus has 103 hcl examples");
    println!(
        "converted {} examples of {} pages in {elapsed:?}",
        examples.len(),
        pages.len()
    );

    let mut units = Vec::new();
    let mut fallbacks = 0;
    for (k, (_, _, _, c, code)) in examples.iter().enumerate() {
        fallbacks += c.fallbacks.len();
        for f in &c.fallbacks {
            println!("  {f}");
        }
        units.push(Unit {
            module: format!("ex{k:03}"),
            stack: format!("ex{k:03}"),
            code: code.clone(),
        });
    }
    let compiled = units.len();
    // Fixtures of what the docs examples do not have (a dynamic block; functions, operators,
    // `for` expressions; import, moved, removed and check blocks), compared likewise, and
    // converted without a raw fallback.
    let fixtures = [
        "dynamic",
        "language",
        "blocks",
        "backend_s3",
        "backend_remote",
        "cloud",
        "terraform_data",
    ];
    let mut fixture_texts = Vec::new();
    for name in fixtures {
        let file = format!("fixtures/{name}.tf");
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests")
                .join(&file),
        )
        .expect("reads the fixture");
        let converted = converter
            .convert_hcl(&file, &text)
            .unwrap_or_else(|e| panic!("{file} converts: {e}"));
        assert!(
            converted.fallbacks.is_empty(),
            "{file}: {:?}",
            converted.fallbacks
        );
        units.push(Unit {
            module: format!("fixture_{name}"),
            stack: format!("fixture-{name}"),
            code: converted.code.clone(),
        });
        fixture_texts.push((name, text, converted));
    }
    let results = match build_and_run("convert-roundtrip", Bindings::Schema(&schema), &units) {
        Ok(r) => r,
        Err(e) => panic!("the examples of the Rust pages do not compile:\n{e}"),
    };
    let mut equal = 0;
    for (k, (page, i, text, c, _)) in examples.iter().enumerate() {
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
        "round trip: {equal} of {} examples equal; {} convert and compile; {fallbacks} raw fallbacks",
        examples.len(),
        compiled
    );
    assert!(
        stale.is_empty(),
        "docs/tfe-0.51.1/cdktf/rust is stale ({}); regenerate: cargo run -p convert -- docs \
         --schema ../shared/schemas/tfe.json --docs ../shared/docs/tfe-0.51.1 \
         --out docs/tfe-0.51.1/cdktf/rust",
        stale.join(", ")
    );
    for (name, text, converted) in &fixture_texts {
        let mut config = convert::Config::default();
        convert::parse::parse_hcl(&format!("{name}.tf"), text, &mut config).expect("parses");
        let want = canonical(&hcl_to_json(&config, &converted.added_variables));
        let mut got = results
            .iter()
            .find(|(n, _)| *n == format!("fixture_{name}"))
            .map(|(_, j)| canonical(j))
            .unwrap_or_else(|| panic!("fixtures/{name}.tf synthesizes"));
        // The backend (or cloud block) of the HCL, compared; the rest of `terraform` is the
        // runtime's (required_providers, its default local backend).
        let mut want = want;
        let settings = common::terraform_settings(&config);
        if let Some(m) = want.as_object_mut() {
            m.remove("terraform");
            if let Some(t) = &settings {
                m.insert("terraform".into(), canonical(t));
            }
        }
        if let Some(m) = got.as_object_mut() {
            let t = m.remove("terraform");
            if let (Some(_), Some(t)) = (&settings, t) {
                let kept: serde_json::Map<String, serde_json::Value> = t
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(k, _)| matches!(k.as_str(), "backend" | "cloud"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                m.insert("terraform".into(), serde_json::Value::Object(kept));
            }
        }
        assert_eq!(
            diff(&want, &got, ""),
            None,
            "fixtures/{name}.tf round-trips"
        );
    }
    // The fixture of built-ins only, as synthesized, passes real `terraform validate`.
    if test_support::terraform("convert-roundtrip").is_some() {
        let json = results
            .iter()
            .find(|(n, _)| n == "fixture_terraform_data")
            .map(|(_, j)| j)
            .expect("the terraform_data fixture synthesizes");
        validate(json);
    }
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

/// `terraform init -backend=false` and `terraform validate` in a fresh directory holding `json`
/// as `cdk.tf.json` (built-in provider only: nothing is downloaded).
fn validate(json: &serde_json::Value) {
    let dir = common::root().join("target/convert-roundtrip/validate");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creates the directory");
    std::fs::write(dir.join("cdk.tf.json"), json.to_string()).expect("writes cdk.tf.json");
    test_support::run_terraform(&dir, None, &["init", "-backend=false"], None);
    test_support::run_terraform(&dir, None, &["validate"], None);
    println!("fixtures/terraform_data.tf: terraform validate passes");
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

/// cdktf's own figures on the same examples, from the output of
/// `benches/cdktf-convert/run.sh` (which converts them with `@cdktf/hcl2cdk`, compiles them with
/// `tsc` and synthesizes each): how many compile, and how many of those synthesize a
/// configuration equal to the HCL, by the comparison above. Run with
/// `CDKTF_CONVERT_OUT=target/bench/cdktf-convert/out cargo test -p convert --test roundtrip -- --ignored`.
#[test]
#[ignore = "needs the output of benches/cdktf-convert/run.sh"]
fn cdktf_side_by_side() {
    let Ok(out) = std::env::var("CDKTF_CONVERT_OUT") else {
        println!("SKIP: CDKTF_CONVERT_OUT is not set");
        return;
    };
    let Some(shared) = shared("docs/tfe-0.51.1") else {
        return;
    };
    let out = std::path::PathBuf::from(out);
    let tsc = std::fs::read_to_string(out.join("tsc.log")).unwrap_or_default();
    let synth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("synth.json")).expect("synth.json"))
            .expect("synth.json is JSON");
    let docs = shared.join("docs/tfe-0.51.1");
    let mut hcl = Vec::new();
    for section in ["r", "d"] {
        let mut pages: Vec<_> = std::fs::read_dir(docs.join(section))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        pages.sort();
        for p in pages {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            hcl.extend(convert::docs::examples(&text).into_iter().map(|e| e.text));
        }
    }
    let (mut compiled, mut equal) = (0, 0);
    for (k, text) in hcl.iter().enumerate() {
        let name = format!("ex{k:03}");
        if tsc.lines().any(|l| l.starts_with(&format!("{name}.ts("))) {
            continue;
        }
        compiled += 1;
        let Some(got) = synth.get(&name).filter(|v| v.get("error").is_none()) else {
            continue;
        };
        let mut config = convert::Config::default();
        convert::parse::parse_hcl("x.tf", text, &mut config).expect("parses");
        let want = canonical(&hcl_to_json(&config, &[]));
        let mut got = canonical(got);
        if let Some(m) = got.as_object_mut() {
            m.remove("terraform");
        }
        match diff(&want, &got, "") {
            None => equal += 1,
            Some(d) => println!("cdktf differs: {name}: {d}"),
        }
    }
    println!(
        "cdktf convert: {compiled} of {} compile, {equal} synthesize equal",
        hcl.len()
    );
}
