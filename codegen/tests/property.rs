//! Property: every valid provider schema generates, and every generated Rust file parses.
//! (A sample of such schemas is also compiled by `tests/hostile.rs`.)

mod arb;

use proptest::prelude::*;

proptest! {
    // 64 cases by default (about 20 s in a debug build); PROPTEST_CASES=N for more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_schemas_generate_code_that_parses(doc in arb::document()) {
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
                prop_assert!(syn::parse_file(&f.contents).is_ok(), "{} does not parse", f.path.display());
            }
        }
    }
}
