//! The whole AWS provider generates, with nothing excluded, and every file parses.

mod common;

#[test]
fn aws_generates_and_parses() {
    let Some(shared) = common::shared_schemas("aws_generates_and_parses") else {
        return;
    };
    let text = std::fs::read_to_string(shared.join("aws-5.100.0.json")).expect("aws schema");
    let generated = common::generate(&text, "aws-5.100.0.json").expect("generates");
    let rs: Vec<_> = generated
        .files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
        .collect();
    // 1526 resources + 608 data sources + 7 ephemeral + provider + lib + functions.
    assert!(rs.len() > 2100, "{} files", rs.len());
    for f in rs {
        if let Err(e) = syn::parse_file(&f.contents) {
            panic!("{}: {e}", f.path.display());
        }
    }
}
