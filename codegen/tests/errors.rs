//! Malformed input: a specific error with the file and JSON path, never a panic.

use codegen::{Config, Error};

fn gen(doc: &str) -> codegen::Result<codegen::Generated> {
    Config::new()
        .file_name("bad.json")
        .runtime_path("../cdktf")
        .generate(doc)
}

fn resource(attrs: &str, blocks: &str) -> String {
    format!(
        r#"{{"format_version":"1.0","provider_schemas":{{"registry.terraform.io/hashicorp/tfe":{{"resource_schemas":{{
        "tfe_team":{{"block":{{"attributes":{{{attrs}}},"block_types":{{{blocks}}}}}}}}}}}}}}}"#
    )
}

#[test]
fn malformed_json() {
    let e = gen("{not json").expect_err("fails");
    assert!(
        matches!(&e, Error::Json { file, .. } if file == "bad.json"),
        "{e:?}"
    );
}

#[test]
fn wrong_shape_names_the_path() {
    let e = gen(&resource(r#""x":{"type":"string","required":"yes"}"#, "")).expect_err("fails");
    match &e {
        Error::Json { path, .. } => assert_eq!(
            path,
            "provider_schemas.registry.terraform.io/hashicorp/tfe.resource_schemas.tfe_team.block.attributes.x.required"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_type_string() {
    let e = gen(&resource(r#""x":{"type":"strin","optional":true}"#, "")).expect_err("fails");
    match &e {
        Error::UnknownType { file, path, found } => {
            assert_eq!(file, "bad.json");
            assert_eq!(
                path,
                "provider_schemas.registry.terraform.io/hashicorp/tfe.resource_schemas.tfe_team.block.attributes.x.type"
            );
            assert_eq!(found, "\"strin\"");
        }
        other => panic!("{other:?}"),
    }
    let msg = e.to_string();
    assert!(
        msg.contains("bad.json") && msg.contains("attributes.x.type"),
        "{msg}"
    );
}

#[test]
fn unknown_nested_type_element() {
    let e = gen(&resource(
        r#""x":{"type":["list",["frob","string"]],"optional":true}"#,
        "",
    ))
    .expect_err("fails");
    assert!(
        matches!(&e, Error::UnknownType { path, .. } if path.ends_with("attributes.x.type[1]")),
        "{e:?}"
    );
}

#[test]
fn unknown_nesting_mode() {
    let e = gen(&resource("", r#""b":{"nesting_mode":"bag","block":{}}"#)).expect_err("fails");
    assert!(
        matches!(&e, Error::UnknownNestingMode { path, found, .. } if path.ends_with("block_types.b.nesting_mode") && found == "bag"),
        "{e:?}"
    );
    let e = gen(&resource(
        r#""n":{"nested_type":{"nesting_mode":"tree","attributes":{}},"optional":true}"#,
        "",
    ))
    .expect_err("fails");
    assert!(matches!(&e, Error::UnknownNestingMode { .. }), "{e:?}");
}

#[test]
fn max_items_below_min_items() {
    let e = gen(&resource(
        "",
        r#""b":{"nesting_mode":"list","min_items":3,"max_items":2,"block":{}}"#,
    ))
    .expect_err("fails");
    assert!(
        matches!(&e, Error::InvalidItems { min: 3, max: 2, path, .. } if path.ends_with("block_types.b")),
        "{e:?}"
    );
}

#[test]
fn no_provider_schemas() {
    let e = gen(r#"{"format_version":"0.2"}"#).expect_err("fails");
    assert!(
        matches!(&e, Error::NoProviderSchemas { file } if file == "bad.json"),
        "{e:?}"
    );
}

#[test]
fn format_versions() {
    for ok in ["0.1", "0.2", "1.0", "1.7"] {
        let doc = format!(r#"{{"format_version":"{ok}","provider_schemas":{{"aws":{{}}}}}}"#);
        assert!(gen(&doc).is_ok(), "{ok}");
    }
    for bad in ["2.0", "x"] {
        let doc = format!(r#"{{"format_version":"{bad}","provider_schemas":{{}}}}"#);
        assert!(
            matches!(gen(&doc), Err(Error::UnsupportedFormatVersion { .. })),
            "{bad}"
        );
    }
}

#[test]
fn unknown_provider() {
    let e = Config::new()
        .provider("nope")
        .generate(&resource("", ""))
        .expect_err("fails");
    assert!(
        matches!(&e, Error::ProviderNotFound { name, .. } if name == "nope"),
        "{e:?}"
    );
}

#[test]
fn unknown_fields_and_sections_are_tolerated_and_reported() {
    let doc = r#"{"format_version":"1.0","new_top":1,"provider_schemas":{"registry.terraform.io/h/p":{
        "provider":{"block":{"new_field":true}},"resource_identity_schemas":{},"list_resource_schemas":{"a":{}}}}}"#;
    let g = gen(doc).expect("generates");
    assert_eq!(g.warnings.len(), 2, "{:?}", g.warnings);
    assert!(g.warnings[0].contains("list_resource_schemas"));
}
