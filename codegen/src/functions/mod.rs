//! Terraform's built-in functions: `terraform metadata functions -json` -> the runtime's typed
//! `cdktf::functions` module. A pipeline of its own beside the provider one: [`read`] (the
//! document, into the same IR as provider-defined functions) -> [`emit`] -> `render`.

pub mod emit;
pub mod read;

use std::path::{Path, PathBuf};

use crate::error::Result;

/// The metadata document, relative to the workspace root.
pub const SCHEMA_FILE: &str = "schema/functions.json";

/// The generated module, relative to the workspace root.
pub const OUTPUT_FILE: &str = "cdktf/src/functions/generated.rs";

/// The text of the generated module for the document `text` (errors name no file; see
/// [`regenerate`]).
pub fn generate(text: &str) -> Result<String> {
    let functions = read::functions(text)?;
    crate::render::rust_file("generated.rs", emit::module(&functions))
}

/// Generates the runtime's functions module of the workspace at `root` from its
/// [`SCHEMA_FILE`], in memory: the path to write and the text. Errors name the file.
pub fn regenerate(root: &Path) -> Result<(PathBuf, String)> {
    let schema = root.join(SCHEMA_FILE);
    let text = std::fs::read_to_string(&schema).map_err(|source| crate::Error::Read {
        file: schema.clone(),
        source,
    })?;
    let code = generate(&text).map_err(|e| e.in_file(&schema.display().to_string()))?;
    Ok((root.join(OUTPUT_FILE), code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checked_in_module_is_up_to_date() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("codegen/ is inside the workspace");
        let (path, code) = regenerate(root).expect("generates");
        let checked_in = std::fs::read_to_string(&path).expect("checked-in module");
        assert!(
            checked_in == code,
            "{} is stale: run `cargo run -p codegen`",
            path.display()
        );
    }

    #[test]
    fn hostile_names_and_types_still_make_valid_code() {
        let doc = r#"{"format_version":"1.0","function_signatures":{
            "call":{"return_type":"string","parameters":[{"name":"rest","type":"string"},
                {"name":"a; panic!()","type":["tuple",["string"]]}],
                "variadic_parameter":{"name":"__item","type":["object",{"a":"string"}]}},
            "typed":{"description":"*/ \"] fn x() {}","return_type":["map",["list","number"]]}}}"#;
        let code = generate(doc).expect("generates");
        syn::parse_file(&code).expect("parses");
        for piece in [
            "pub fn call(",
            "rest: impl Into<Value<String>>",
            "a_panic: impl AnyValue",
        ] {
            assert!(code.contains(piece), "{piece} in:\n{code}");
        }
    }
}
