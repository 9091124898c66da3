//! Issue 5's reductions on a small schema: nested types shared across items (defined once in
//! `types::<family>`, re-exported by each item under its own names, compiled when any of the
//! items is) and unrolled recursion folded back into a recursive type.

mod common;

use std::process::Command;

use common::{attrs, file};

fn schema() -> String {
    let big = serde_json::json!({
        "nesting_mode": "list",
        "block": { "attributes": attrs(14) }
    });
    // `statement` unrolled two levels, the innermost without `and`.
    let leaf = serde_json::json!({ "attributes": { "x": { "type": "string", "optional": true } } });
    let level = |inner: serde_json::Value| {
        serde_json::json!({
            "attributes": { "x": { "type": "string", "optional": true } },
            "block_types": { "and": { "nesting_mode": "list", "max_items": 1, "block": {
                "block_types": { "statement": { "nesting_mode": "list", "block": inner } }
            } } }
        })
    };
    let statement = level(level(leaf));
    serde_json::json!({
        "format_version": "1.0",
        "provider_schemas": { "registry.terraform.io/acme/p": {
            "provider": { "version": 0, "block": {} },
            "resource_schemas": {
                "p_fam_one": { "version": 0, "block": { "block_types": { "big": big } } },
                "p_fam_two": { "version": 0, "block": { "block_types": { "big": big } } },
                "p_rec": { "version": 0, "block": { "block_types": {
                    "statement": { "nesting_mode": "list", "block": statement }
                } } }
            }
        } }
    })
    .to_string()
}

#[test]
fn shares_across_items_and_folds_recursion() {
    let root = test_support::workspace_root();
    let g = codegen::Config::new()
        .runtime_path(root.join("cdktf").display().to_string())
        .generate(&schema())
        .expect("generates");

    let shared = file(&g, "src/types/fam.rs");
    assert!(shared.contains("pub struct FamOneBig(Args);"), "{shared}");
    assert!(
        shared.contains("feature = \"p_fam_one\"") && shared.contains("feature = \"p_fam_two\""),
        "{shared}"
    );
    assert!(file(&g, "src/types.rs").contains("pub mod fam;"));
    let two = file(&g, "src/fam_two.rs");
    assert!(
        two.contains(
            "pub use super::types::fam::{FamOneBig as FamTwoBig, FamOneBigRef as FamTwoBigRef};"
        ),
        "{two}"
    );
    assert!(!two.contains("pub struct FamTwoBig("), "{two}");

    // `statement.and.statement` is `statement` again: three structs, no unrolled copies.
    let rec = file(&g, "src/rec.rs");
    let structs = rec.matches("(Args);").count();
    assert_eq!(structs, 3, "{rec}");
    assert!(
        rec.contains("Blocks<RecStatement>"),
        "the inner `statement` setter takes the outer type:\n{rec}"
    );

    // Compiles with one of the two sharing items enabled, and with none; and as the single file
    // of the `build.rs` layout, `include!`d into a module.
    let dir = root.join("target/codegen-scale-test");
    g.write_to(dir.join("p")).expect("written");
    let single = codegen::Config::new()
        .layout(codegen::Layout::Module)
        .generate(&schema())
        .expect("generates");
    assert!(file(&single, "p.rs").contains("pub mod types"));
    single.write_to(dir.join("single/src")).expect("written");
    let manifest = format!(
        "[package]\nname = \"single\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\ncdktf = {{ path = {:?} }}\n\n[workspace]\n",
        root.join("cdktf").display().to_string()
    );
    std::fs::write(dir.join("single/Cargo.toml"), manifest).expect("written");
    std::fs::write(
        dir.join("single/src/lib.rs"),
        "pub mod p {\n    include!(\"p.rs\");\n}\n",
    )
    .expect("written");
    let out = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--manifest-path"])
        .arg(dir.join("single/Cargo.toml"))
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "single-file layout:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for features in ["p_fam_two", "p_rec", ""] {
        let out = Command::new(env!("CARGO"))
            .args([
                "check",
                "--quiet",
                "--features",
                features,
                "--manifest-path",
            ])
            .arg(dir.join("p/Cargo.toml"))
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .output()
            .expect("cargo runs");
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "features {features:?}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
