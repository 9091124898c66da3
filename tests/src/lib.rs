//! Helpers shared by the end-to-end tests.
//!
//! The README's examples are doctests of this crate (see [`readme`]).

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// `../shared/<rel>` beside the checkout, or `None` (after printing why, or failing under CI)
/// when it is absent.
pub fn shared(rel: &str) -> Option<PathBuf> {
    test_support::shared("integration-tests", rel)
}

/// Replaces what legitimately differs between our output and cdktf's: the library version
/// (`//.metadata.version`, manifest `version`), the absolute local-backend path (keeps its file
/// name) and the provider version constraint.
pub fn normalize(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(m) = v.pointer_mut("/~1~1/metadata/version") {
        *m = "VERSION".into();
    }
    if let Some(p) = v.pointer_mut("/terraform/backend/local/path") {
        let file = p
            .as_str()
            .and_then(|s| Path::new(s).file_name())
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        *p = format!("__CWD__/{file}").into();
    }
    if let Some(required) = v.pointer_mut("/terraform/required_providers") {
        if let Some(map) = required.as_object_mut() {
            for provider in map.values_mut() {
                if let Some(version) = provider.get_mut("version") {
                    *version = "VERSION".into();
                }
            }
        }
    }
    if v.get("stacks").is_some() {
        if let Some(m) = v.get_mut("version") {
            *m = "VERSION".into();
        }
    }
    v
}

/// Our JSON text with the normalized values, for byte comparison with the reference.
pub fn normalized_text(text: &str) -> String {
    match serde_json::from_str(text) {
        Ok(v) => cdktf::synth::json::to_string(&normalize(v)),
        Err(e) => format!("<not JSON: {e}>"),
    }
}

/// Synthesized JSON of every stack of `app` with the working directory replaced by `__CWD__`,
/// as snapshot text.
pub fn snapshot_text(app: &cdktf::App) -> String {
    let cwd = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let mut out = String::new();
    match app.synth_all() {
        Ok(stacks) => {
            for (name, tf) in stacks {
                out.push_str(&format!("=== {name}\n"));
                out.push_str(&cdktf::synth::json::to_string(&tf).replace(&cwd, "__CWD__"));
                out.push('\n');
            }
        }
        Err(e) => out.push_str(&format!("synth failed: {e}\n")),
    }
    out.replace(cdktf::synth::VERSION, "VERSION")
}

/// The README, whose Rust examples run as this crate's doctests.
#[doc = include_str!("../../README.md")]
pub mod readme {}
