//! Snapshots of the generated code for each fixture of the corpus.

mod common;

use std::path::Path;

/// Too large to snapshot in full: only a summary (they must still generate).
const SUMMARY_ONLY: &[&str] = &[
    "aws_wafv2_web_acl.test.fixture.json",
    "datadog_dashboard.test.fixture.json",
];

fn snapshot_file(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = std::fs::read_to_string(path).expect("fixture readable");
    let generated = common::generate(&text, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
    if SUMMARY_ONLY.contains(&name.as_str()) {
        let mut out = String::new();
        for f in &generated.files {
            out.push_str(&format!(
                "{}: {} lines\n",
                f.path.display(),
                f.contents.lines().count()
            ));
        }
        out
    } else {
        common::concat(&generated)
    }
}

fn snapshot_name(path: &Path) -> String {
    let stem = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    stem.trim_end_matches(".json")
        .trim_end_matches(".test.fixture")
        .replace('.', "_")
}

#[test]
fn cdktf_fixtures() {
    let Some(shared) = common::shared_schemas("cdktf_fixtures") else {
        return;
    };
    let mut paths: Vec<_> = std::fs::read_dir(shared.join("cdktf-fixtures"))
        .expect("fixtures dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        insta::assert_snapshot!(
            format!("fixture_{}", snapshot_name(&path)),
            snapshot_file(&path)
        );
    }
}

#[test]
fn selected_documents() {
    let Some(shared) = common::shared_schemas("selected_documents") else {
        return;
    };
    for rel in [
        "nested-types/provider-schemas-0.15.json",
        "local-2.5.2.json",
        "newer-features/ephemeral_resources__schemas.json",
        "newer-features/functions__schemas.json",
        "newer-features/identity__schemas.json",
        "nested-types/provider-schemas-0.12.json",
    ] {
        let path = shared.join(rel);
        insta::assert_snapshot!(
            format!("doc_{}", snapshot_name(&path)),
            snapshot_file(&path)
        );
    }
}
