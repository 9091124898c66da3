//! Property: every valid provider schema generates, and every generated Rust file parses and is
//! laid out exactly as prettyplease lays it out (random names of every length exercise the line
//! breaking of `emit::code`). A sample of such schemas is also compiled by `tests/hostile.rs`.

mod arb;

use proptest::prelude::*;

proptest! {
    // 64 cases by default (about 20 s in a debug build); PROPTEST_CASES=N for more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_schemas_generate_code_that_parses_as_prettyplease_output(doc in arb::document()) {
        let g = codegen::Config::new()
            .file_name("random.json")
            .runtime_path("../cdktf")
            .generate(&doc);
        let g = match g {
            Ok(g) => g,
            Err(e) => return Err(TestCaseError::fail(format!("{e}\n{doc}"))),
        };
        for f in &g.files {
            if f.path.extension().is_some_and(|e| e == "rs") {
                let parsed = syn::parse_file(&f.contents);
                prop_assert!(parsed.is_ok(), "{} does not parse", f.path.display());
                if let Ok(file) = parsed {
                    let body = f.contents.split_once('\n').map_or("", |(_, b)| b);
                    prop_assert_eq!(
                        body,
                        prettyplease::unparse(&file),
                        "{} is not prettyplease's layout",
                        f.path.display()
                    );
                }
            }
        }
    }
}
