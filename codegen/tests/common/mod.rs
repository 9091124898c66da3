//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared/schemas` beside the checkout; `None` (after printing a SKIP line, or failing
/// under CI) when it is absent.
pub fn shared_schemas(test: &str) -> Option<PathBuf> {
    test_support::shared(test, "schemas")
}

/// Generates with settings that do not depend on the machine (relative runtime path).
pub fn generate(text: &str, file_name: &str) -> codegen::Result<codegen::Generated> {
    codegen::Config::new()
        .file_name(file_name)
        .runtime_path("../cdktf")
        .generate(text)
}

/// All files of a generation, concatenated with headers.
pub fn concat(g: &codegen::Generated) -> String {
    let mut out = String::new();
    for w in &g.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    for f in &g.files {
        out.push_str(&format!("\n=== {} ===\n{}", f.path.display(), f.contents));
    }
    out
}

/// `n` optional string attributes `a0`, `a1`, ... (a block body of a given size).
pub fn attrs(n: usize) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    for i in 0..n {
        m.insert(
            format!("a{i}"),
            serde_json::json!({"type": "string", "optional": true}),
        );
    }
    serde_json::Value::Object(m)
}

/// The contents of the generated file at `path`.
pub fn file<'a>(g: &'a codegen::Generated, path: &str) -> &'a str {
    g.files
        .iter()
        .find(|f| f.path.to_str() == Some(path))
        .map(|f| f.contents.as_str())
        .unwrap_or_else(|| panic!("{path} not generated"))
}

/// Every `.json` file under `dir`, recursively, in path order (none if `dir` cannot be read).
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(json_files(&p));
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
    out
}
