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

#[test]
fn empty_documents_and_providers() {
    for (doc, want) in [
        ("", "the file is empty"),
        ("  \n\t", "the file is empty"),
        (r#"{"provider_schemas":{}}"#, "holds no provider"),
        (r#"{"provider_schemas":null}"#, "no `provider_schemas`"),
        (r#"{"provider_schemas":{"":{}}}"#, "empty name"),
        (
            r#"{"provider_schemas":{"registry.terraform.io/h/":{}}}"#,
            "empty name",
        ),
        ("[]", "invalid schema at `.`: expected an object"),
        ("null", "invalid schema at `.`: expected an object"),
        ("\"text\"", "invalid schema at `.`: expected an object"),
        ("[", "invalid schema at `.`: EOF while parsing a list"),
    ] {
        let e = gen(doc).expect_err(doc);
        let msg = e.to_string();
        assert!(msg.starts_with("bad.json: "), "{doc:?}: {msg}");
        assert!(msg.contains(want), "{doc:?}: {msg}");
    }
    // A provider without resources is valid: it generates the provider configuration.
    let g = gen(r#"{"provider_schemas":{"registry.terraform.io/h/p":{}}}"#).expect("generates");
    assert!(g.files.iter().any(|f| f.path.ends_with("src/provider.rs")));
}

#[test]
fn wrong_shapes_name_the_path() {
    for (doc, path) in [
        (r#"{"provider_schemas":[]}"#, "provider_schemas"),
        (r#"{"provider_schemas":{"p":[]}}"#, "provider_schemas.p"),
        (
            r#"{"provider_schemas":{"p":{"resource_schemas":{"p_a":{"block":{"attributes":{"x":"string"}}}}}}}"#,
            "provider_schemas.p.resource_schemas.p_a.block.attributes.x",
        ),
        (
            r#"{"provider_schemas":{"p":{"resource_schemas":{"p_a":{"block":{"block_types":{"b":{"nesting_mode":"list","min_items":-1}}}}}}}}"#,
            "provider_schemas.p.resource_schemas.p_a.block.block_types.b.min_items",
        ),
        (
            r#"{"format_version":1,"provider_schemas":{}}"#,
            "format_version",
        ),
    ] {
        match gen(doc) {
            Err(Error::Json {
                path: got, file, ..
            }) => {
                assert_eq!(file, "bad.json");
                assert_eq!(got, path, "{doc}");
            }
            other => panic!("{doc}: {other:?}"),
        }
    }
}

#[test]
fn attribute_and_block_with_one_name() {
    let e = gen(&resource(
        r#""x":{"type":"string","optional":true}"#,
        r#""x":{"nesting_mode":"list","block":{}}"#,
    ))
    .expect_err("fails");
    assert!(
        matches!(&e, Error::DuplicateName { name, path, .. } if name == "x" && path.ends_with("tfe_team.block")),
        "{e:?}"
    );
}

#[test]
fn attribute_without_type() {
    let e = gen(&resource(r#""x":{"optional":true}"#, "")).expect_err("fails");
    assert!(
        matches!(&e, Error::MissingType { path, .. } if path.ends_with("attributes.x")),
        "{e:?}"
    );
}

#[test]
fn bad_function_types() {
    let doc =
        r#"{"provider_schemas":{"p":{"functions":{"f":{"return_type":"strng","parameters":[]}}}}}"#;
    let e = gen(doc).expect_err("fails");
    assert!(
        matches!(&e, Error::UnknownType { path, .. } if path == "provider_schemas.p.functions.f.return_type"),
        "{e:?}"
    );
}

#[test]
fn nesting_beyond_the_limit_is_an_error_not_a_crash() {
    let depth = codegen::MAX_JSON_DEPTH + 1;
    let doc = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let e = gen(&doc).expect_err("fails");
    assert!(
        matches!(&e, Error::TooDeep { line: 1, column, .. } if *column == depth),
        "{e:?}"
    );
    // Brackets inside strings do not count.
    let doc = format!(
        r#"{{"provider_schemas":{{"p":{{"provider":{{"block":{{"description":"{}"}}}}}}}}}}"#,
        "[{".repeat(depth)
    );
    gen(&doc).expect("generates");
    // At the limit, the document is read (and rejected for its shape, not its depth).
    let depth = codegen::MAX_JSON_DEPTH;
    let doc = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(matches!(gen(&doc), Err(Error::Json { .. })));
}

#[test]
fn deep_types_within_the_limit_generate() {
    let depth = codegen::MAX_JSON_DEPTH - 20;
    let ty = format!(
        "{}\"string\"{}",
        "[\"list\",".repeat(depth),
        "]".repeat(depth)
    );
    let g = gen(&resource(
        &format!(r#""x":{{"type":{ty},"optional":true}}"#),
        "",
    ))
    .expect("generates");
    assert!(!g.files.is_empty());
}

#[test]
fn deep_blocks_within_the_limit_build_on_every_entry_point() {
    // Blocks nested as deep as the reader allows (three JSON levels each), in several items, so
    // that the items are built in parallel: every entry point must build them on deep stacks.
    let mut block = r#"{"attributes":{"x":{"type":"string","optional":true}}}"#.to_string();
    for i in 0..(codegen::MAX_JSON_DEPTH / 3 - 10) {
        block =
            format!(r#"{{"block_types":{{"n{i}":{{"nesting_mode":"list","block":{block}}}}}}}"#);
    }
    let items: Vec<String> = (0..4)
        .map(|k| format!(r#""p_deep{k}":{{"version":0,"block":{block}}}"#))
        .collect();
    let doc = format!(
        r#"{{"format_version":"1.0","provider_schemas":{{"registry.terraform.io/p/p":{{
            "provider":{{"version":0,"block":{{}}}},
            "resource_schemas":{{{}}}}}}}}}"#,
        items.join(",")
    );
    assert_eq!(codegen::read_ir(&doc).expect("reads")[0].items.len(), 4);
    assert_eq!(
        codegen::Config::new()
            .generate_docs(&doc)
            .expect("docs")
            .files
            .len(),
        4
    );
    assert!(gen(&doc).expect("generates").files.len() > 4);
}

/// Reads every file of `dir`, recursively: (relative path, bytes).
fn snapshot_dir(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("under dir")
                    .display()
                    .to_string();
                out.push((rel, std::fs::read(&path).expect("readable")));
            }
        }
    }
    out.sort();
    out
}

/// The binary on each kind of malformed input: non-zero exit, a message with the file and the
/// JSON path (or position), no panic, and a previously generated package left byte for byte.
#[test]
fn cli_rejects_malformed_input_and_leaves_output_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_dir = dir.path().join("out");
    let good = dir.path().join("good.json");
    std::fs::write(
        &good,
        resource(r#""x":{"type":"string","optional":true}"#, ""),
    )
    .expect("write");
    let ok = assert_cmd::Command::cargo_bin("codegen")
        .expect("binary")
        .args(["generate", "--runtime-path", "../cdktf", "--schema"])
        .arg(&good)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .expect("runs");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    std::fs::write(out_dir.join("notes.txt"), "mine").expect("write");
    let before = snapshot_dir(&out_dir);
    assert!(before.len() > 3);

    let deep = "[".repeat(codegen::MAX_JSON_DEPTH + 1);
    let cases: Vec<(&str, Vec<u8>, &[&str])> = vec![
        (
            "not JSON",
            b"{not json".to_vec(),
            &["invalid schema at `.`"],
        ),
        ("0 bytes", Vec::new(), &["the file is empty"]),
        ("not UTF-8", b"{\"a\":\"\xff\"}".to_vec(), &["cannot read"]),
        (
            "wrong shape",
            resource(r#""x":{"type":"string","required":"yes"}"#, "").into_bytes(),
            &["invalid schema at", "tfe_team.block.attributes.x.required"],
        ),
        (
            "unknown type",
            resource(r#""x":{"type":"strin","optional":true}"#, "").into_bytes(),
            &["unknown type \"strin\"", "tfe_team.block.attributes.x.type"],
        ),
        (
            "unknown nesting mode",
            resource("", r#""b":{"nesting_mode":"bag","block":{}}"#).into_bytes(),
            &["unknown nesting_mode `bag`", "block_types.b.nesting_mode"],
        ),
        (
            "max_items below min_items",
            resource(
                "",
                r#""b":{"nesting_mode":"list","min_items":3,"max_items":2}"#,
            )
            .into_bytes(),
            &[
                "max_items 2 is below min_items 3",
                "tfe_team.block.block_types.b",
            ],
        ),
        (
            "empty provider_schemas",
            br#"{"format_version":"1.0","provider_schemas":{}}"#.to_vec(),
            &["holds no provider"],
        ),
        (
            "empty provider name",
            br#"{"provider_schemas":{"":{}}}"#.to_vec(),
            &["provider_schemas", "empty name"],
        ),
        (
            "no provider_schemas",
            br#"{"format_version":"1.0"}"#.to_vec(),
            &["no `provider_schemas`"],
        ),
        (
            "too deep",
            deep.into_bytes(),
            &["nested deeper than", "line 1, column 1025"],
        ),
        (
            "attribute and block of one name",
            resource(
                r#""x":{"type":"string","optional":true}"#,
                r#""x":{"nesting_mode":"list","block":{}}"#,
            )
            .into_bytes(),
            &["`x` is both an attribute and a block", "tfe_team.block"],
        ),
    ];
    for (what, bytes, wants) in cases {
        let schema = dir.path().join("bad.json");
        std::fs::write(&schema, &bytes).expect("write");
        let out = assert_cmd::Command::cargo_bin("codegen")
            .expect("binary")
            .args(["generate", "--runtime-path", "../cdktf", "--schema"])
            .arg(&schema)
            .arg("--out")
            .arg(&out_dir)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
        assert!(
            stderr.contains(&schema.display().to_string()),
            "{what}: {stderr}"
        );
        for want in wants {
            assert!(stderr.contains(want), "{what}: `{want}` not in {stderr}");
        }
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
        assert_eq!(snapshot_dir(&out_dir), before, "{what}: output changed");
    }
}
