//! The runtime is built in layers, each using only those below it (see the crate docs): this test
//! reads the sources and fails on any `crate::` path that reaches up, so that a new file or a
//! convenient shortcut cannot bring back the circle of imports the layers replaced.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The layers, bottom first, and the top-level modules of each. A module may use its own layer
/// and those before it.
const LAYERS: &[(&str, &[&str])] = &[
    ("errors", &["error"]),
    ("expressions and their rendering", &["expr"]),
    ("typed values", &["value", "any_value", "literal"]),
    (
        "functions and operators over values",
        &["functions", "operators", "expressions"],
    ),
    ("the construct tree", &["construct", "annotations"]),
    (
        "elements",
        &[
            "element",
            "logical_id",
            "render",
            "stack",
            "args",
            "meta",
            "iterator",
            "resource",
            "provider",
            "provisioner",
            "output",
            "variable",
            "module",
            "backend",
            "remote_state",
            "cross_stack",
            "assets",
            "blocks",
            "terraform_data",
        ],
    ),
    (
        "aspects and synthesis",
        &["aspects", "synth", "app", "testing"],
    ),
];

/// `#[macro_export]` macros live at the crate root; their module.
const MACROS: &[(&str, &str)] = &[("list", "literal"), ("map", "literal")];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

/// The `mod` declarations of `lib.rs`.
fn declared_modules(lib: &str) -> Vec<String> {
    lib.lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l
                .strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("mod "))?;
            let name = rest.strip_suffix(';')?;
            Some(name.to_string())
        })
        .collect()
}

/// Which module each name re-exported at the crate root comes from (`crate::Value` is
/// `value::Value`).
fn root_names(lib: &str) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = MACROS
        .iter()
        .map(|(name, module)| (name.to_string(), module.to_string()))
        .collect();
    let mut rest = lib;
    while let Some(start) = rest.find("pub use ") {
        let statement = &rest[start + "pub use ".len()..];
        let end = statement.find(';').unwrap_or(statement.len());
        let statement = &statement[..end];
        rest = &rest[start + "pub use ".len() + end..];
        let Some((module, names)) = statement.split_once("::") else {
            continue;
        };
        if module == "crate" {
            continue;
        }
        for name in names.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            if name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                || name == "function_call"
            {
                out.insert(name.to_string(), module.to_string());
            }
        }
    }
    out
}

/// The code of a source file without comments and without its test module (tests may use
/// anything).
fn code_of(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first path segment after every `crate::` in `code` (each item of a `crate::{...}` group).
fn crate_references(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = code[pos..].find("crate::") {
        let at = pos + found;
        pos = at + "crate::".len();
        if code[..at].ends_with('$') {
            continue;
        }
        let rest = &code[pos..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        out.push(ident_at(&group[i..]).to_string());
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(ident_at(rest).to_string());
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_has_a_layer() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("read lib.rs");
    let declared = declared_modules(&lib);
    let unplaced: Vec<_> = declared.iter().filter(|m| layer_of(m).is_none()).collect();
    assert!(
        unplaced.is_empty(),
        "modules without a layer in tests/layers.rs: {unplaced:?}"
    );
    for (_, modules) in LAYERS {
        for m in *modules {
            assert!(declared.iter().any(|d| d == m), "no module `{m}` in lib.rs");
        }
    }
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let src = src();
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("read lib.rs");
    let names = root_names(&lib);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = Vec::new();
    let mut checked = 0;
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("a component");
        let module = first.as_os_str().to_string_lossy();
        let module = module.strip_suffix(".rs").unwrap_or(&module).to_string();
        if module == "lib" {
            continue;
        }
        let own = layer_of(&module).unwrap_or_else(|| panic!("{} has no layer", rel.display()));
        let text = std::fs::read_to_string(file).expect("read source");
        for reference in crate_references(&code_of(&text)) {
            checked += 1;
            let target = names.get(&reference).cloned().unwrap_or(reference.clone());
            let Some(layer) = layer_of(&target) else {
                violations.push(format!(
                    "{}: crate::{reference} is not placed",
                    rel.display()
                ));
                continue;
            };
            if layer > own {
                violations.push(format!(
                    "{} ({}) uses crate::{reference} ({})",
                    rel.display(),
                    LAYERS[own].0,
                    LAYERS[layer].0
                ));
            }
        }
    }
    assert!(
        checked > 100,
        "found only {checked} crate:: paths: is the parser broken?"
    );
    violations.sort();
    violations.dedup();
    assert!(
        violations.is_empty(),
        "{} uses of a higher layer:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

#[test]
fn the_parser_sees_groups_and_skips_comments_and_tests() {
    let code = code_of(
        "use crate::{a::X, b::{Y, Z}, c};\n// crate::d\nlet x = crate::e::f();\n\
         macro_rules! m { () => { $crate::g } }\n#[cfg(test)]\nmod tests { use crate::h; }\n",
    );
    assert_eq!(crate_references(&code), ["a", "b", "c", "e"]);
}
