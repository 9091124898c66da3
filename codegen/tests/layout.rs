//! The generator writes item modules as text in prettyplease's layout instead of going through
//! `syn` and prettyplease (see `codegen/src/emit/code.rs`). This checks that the shortcut changes
//! nothing: every generated Rust file of every schema of the corpus (AWS included) is valid Rust
//! and exactly what prettyplease prints for it.

mod common;

use std::path::Path;

/// The first line where `got` and `want` differ, with its neighbours, for the failure message.
fn first_difference(got: &str, want: &str) -> String {
    let (g, w): (Vec<&str>, Vec<&str>) = (got.lines().collect(), want.lines().collect());
    let i = g
        .iter()
        .zip(&w)
        .position(|(a, b)| a != b)
        .unwrap_or(g.len().min(w.len()));
    let from = i.saturating_sub(3);
    format!(
        "line {}:\n--- written\n{}\n--- prettyplease\n{}",
        i + 1,
        g[from..(i + 4).min(g.len())].join("\n"),
        w[from..(i + 4).min(w.len())].join("\n")
    )
}

/// Checks every `.rs` file of a generation; returns how many were checked. Differences go to
/// `failures`.
fn check(schema: &str, generated: &codegen::Generated, failures: &mut Vec<String>) -> usize {
    let mut checked = 0;
    for f in generated.files.iter() {
        if f.path.extension().map_or(true, |e| e != "rs") {
            continue;
        }
        let body = f
            .contents
            .strip_prefix(codegen::render::HEADER)
            .and_then(|b| b.strip_prefix('\n'))
            .unwrap_or_else(|| panic!("{schema}: {} has no header", f.path.display()));
        let file = syn::parse_file(body)
            .unwrap_or_else(|e| panic!("{schema}: {} is not valid Rust: {e}", f.path.display()));
        let want = prettyplease::unparse(&file);
        if body != want {
            failures.push(format!(
                "{schema}: {} is not laid out as prettyplease lays it out; {}",
                f.path.display(),
                first_difference(body, &want)
            ));
        }
        checked += 1;
    }
    checked
}

#[test]
fn every_generated_file_is_prettyplease_output() {
    let mut schemas =
        common::json_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"));
    // Without the corpus, the fixtures alone are checked; `shared_schemas` says what was skipped.
    let corpus = common::shared_schemas("every_generated_file_is_prettyplease_output");
    if let Some(dir) = &corpus {
        schemas.extend(common::json_files(dir));
    }
    let mut files = 0;
    let mut failures = Vec::new();
    let mut failed_to_generate = Vec::new();
    for path in &schemas {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).expect("readable schema");
        match common::generate(&text, &name) {
            Ok(g) => files += check(&name, &g, &mut failures),
            // Error cases of the corpus (tests/errors.rs covers them).
            Err(e) => failed_to_generate.push(format!("{name}: {e}")),
        }
    }
    println!(
        "{} schemas, {files} Rust files checked; not generated (error cases): {:#?}",
        schemas.len(),
        failed_to_generate
    );
    assert!(
        failures.is_empty(),
        "{} files differ; the first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(6)].join("\n\n")
    );
    if corpus.is_some() {
        assert!(files > 2_000, "the AWS schema alone has over 2,000 modules");
    } else {
        assert!(files > 0, "the fixtures generate files");
    }
    assert!(failed_to_generate.len() <= 2, "{failed_to_generate:#?}");
}

#[test]
fn single_file_layout_is_prettyplease_output() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile.json"),
    )
    .expect("fixture");
    let g = codegen::Config::new()
        .layout(codegen::Layout::Module)
        .generate(&text)
        .expect("generates");
    let mut failures = Vec::new();
    assert_eq!(check("hostile.json (module layout)", &g, &mut failures), 1);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
