//! Identical nested types of one element are one struct, but every occurrence keeps its own
//! name: the struct takes the shortest of the names, the others are `pub type` aliases of it, and
//! each setter and getter names the alias of its own path. Also when the struct is shared with
//! other elements (`types::<family>`).

mod common;

use std::process::Command;

use common::{attrs, file};

fn schema() -> String {
    let small = serde_json::json!({
        "nesting_mode": "list",
        "block": { "attributes": { "x": { "type": "string", "required": true } } }
    });
    // Big enough to be shared between `p_fam_one` and `p_fam_two`.
    let big = serde_json::json!({ "nesting_mode": "list", "block": { "attributes": attrs(14) } });
    serde_json::json!({
        "format_version": "1.0",
        "provider_schemas": { "registry.terraform.io/acme/p": {
            "provider": { "version": 0, "block": {} },
            "resource_schemas": {
                "p_thing": { "version": 0, "block": { "block_types": {
                    "a": small, "b": small
                } } },
                "p_other": { "version": 0, "block": { "block_types": {
                    "long_first": small, "z": small
                } } },
                "p_fam_one": { "version": 0, "block": { "block_types": {
                    "big": big, "big_too": big
                } } },
                "p_fam_two": { "version": 0, "block": { "block_types": { "big": big } } }
            }
        } }
    })
    .to_string()
}

#[test]
fn merged_types_keep_every_natural_name() {
    let g = codegen::Config::new()
        .runtime_path("../cdktf")
        .generate(&schema())
        .expect("generates");

    let thing = file(&g, "src/thing.rs");
    assert_eq!(thing.matches("(Args);").count(), 2, "{thing}");
    assert!(thing.contains("pub struct ThingA(Args);"), "{thing}");
    assert!(thing.contains("pub type ThingB = ThingA;"), "{thing}");
    assert!(thing.contains("pub type ThingBRef = ThingARef;"), "{thing}");
    assert!(
        thing.contains("value: impl Into<Blocks<ThingB>>"),
        "the `b` setter names `ThingB`:\n{thing}"
    );
    assert!(
        thing.contains("-> ListRef<ThingBRef>"),
        "the `b` getter names `ThingBRef`:\n{thing}"
    );

    // The shortest name wins, not the alphabetically first.
    let other = file(&g, "src/other.rs");
    assert!(other.contains("pub struct OtherZ(Args);"), "{other}");
    assert!(
        other.contains("pub type OtherLongFirst = OtherZ;"),
        "{other}"
    );

    // The alias of a shared type names its re-export.
    let one = file(&g, "src/fam_one.rs");
    assert!(
        one.contains("pub use super::types::fam::{FamOneBig, FamOneBigRef};"),
        "{one}"
    );
    assert!(one.contains("pub type FamOneBigToo = FamOneBig;"), "{one}");
    let two = file(&g, "src/fam_two.rs");
    assert!(
        two.contains("FamOneBig as FamTwoBig, FamOneBigRef as FamTwoBigRef"),
        "{two}"
    );
}

/// The aliases are the same types as the structs: a user crate converts between them freely.
#[test]
fn aliases_are_the_same_types() {
    let root = test_support::workspace_root();
    let dir = root.join("target/codegen-aliases-test");
    let g = codegen::Config::new()
        .layout(codegen::Layout::Module)
        .generate(&schema())
        .expect("generates");
    g.write_to(dir.join("src")).expect("written");
    let manifest = format!(
        "[package]\nname = \"aliases\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
         [dependencies]\ncdktf = {{ path = {:?} }}\n\n[workspace]\n",
        root.join("cdktf").display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("written");
    let lib = r#"
pub mod p {
    include!("p.rs");
}
use p::fam_one::{FamOneBig, FamOneBigToo, FamOneConfig};
use p::fam_two::FamTwoBig;
use p::thing::{ThingA, ThingARef, ThingB, ThingBRef, ThingConfig};

pub fn same(a: ThingA) -> ThingB {
    a
}
pub fn same_ref(r: ThingBRef) -> ThingARef {
    r
}
pub fn config(t: &p::thing::Thing) -> ThingConfig {
    let b: ThingB = ThingA::new("x");
    let _: ::cdktf::ListRef<ThingARef> = t.b();
    ThingConfig::new().a(vec![b.clone()]).b(vec![b])
}
pub fn shared(big: FamTwoBig) -> FamOneConfig {
    let too: FamOneBigToo = big;
    let one: FamOneBig = too.clone();
    FamOneConfig::new().big(vec![one]).big_too(vec![too])
}
"#;
    std::fs::write(dir.join("src/lib.rs"), lib).expect("written");
    // The cdktf build is shared with the scale test.
    let out = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/codegen-scale-test/target"),
        )
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
