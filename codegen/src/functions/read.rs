//! `terraform metadata functions -json` -> the IR of Terraform's built-in functions.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::ir::Function;
use crate::read::check_depth;
use crate::schema::FunctionSignature;

/// The document `terraform metadata functions -json` prints.
#[derive(Debug, Deserialize)]
pub struct FunctionsDocument {
    /// `1.0`.
    #[serde(default)]
    pub format_version: Option<String>,
    /// Signatures by function name; the same shape as provider-defined functions.
    pub function_signatures: BTreeMap<String, FunctionSignature>,
}

/// Parses the document and builds one [`Function`] per built-in function.
///
/// Names with a namespace (`core::abs`, Terraform 1.8's spelling of `abs`) are the same functions
/// again and are left out. A function name that is a Rust keyword gets a trailing underscore
/// (`try` -> `try_`), which reads better at a call site than a raw identifier.
pub fn functions(text: &str) -> Result<Vec<Function>> {
    check_depth(text)?;
    let de = &mut serde_json::Deserializer::from_str(text);
    let doc: FunctionsDocument = serde_path_to_error::deserialize(de).map_err(|e| Error::Json {
        file: String::new(),
        path: match e.path().to_string() {
            p if p == "?" => ".".to_string(),
            p => p,
        },
        message: e.into_inner().to_string(),
    })?;
    if let Some(v) = &doc.format_version {
        let major = v.split('.').next().and_then(|m| m.parse::<u64>().ok());
        if major != Some(1) {
            return Err(Error::UnsupportedFormatVersion {
                file: String::new(),
                version: v.clone(),
            });
        }
    }
    let sigs: BTreeMap<String, FunctionSignature> = doc
        .function_signatures
        .into_iter()
        .filter(|(name, _)| !name.contains("::"))
        .collect();
    let mut out = crate::ir::functions::functions(&sigs, "function_signatures")?;
    let taken: BTreeSet<String> = out.iter().map(|f| f.rust_name.clone()).collect();
    for f in &mut out {
        if let Some(bare) = f.rust_name.strip_prefix("r#") {
            let plain = format!("{bare}_");
            if !taken.contains(&plain) {
                f.rust_name = plain;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MAX_JSON_DEPTH;

    #[test]
    fn namespaced_duplicates_are_dropped_and_keywords_renamed() {
        let doc = r#"{"format_version":"1.0","function_signatures":{
            "try":{"return_type":"dynamic","variadic_parameter":{"name":"expressions","type":"dynamic"}},
            "core::try":{"return_type":"dynamic"},
            "lookup":{"return_type":"dynamic","parameters":[{"name":"inputMap","type":"dynamic"}]}}}"#;
        let fns = functions(doc).expect("reads");
        let names: Vec<_> = fns.iter().map(|f| f.rust_name.as_str()).collect();
        assert_eq!(names, ["lookup", "try_"]);
        assert_eq!(fns[0].params[0].rust_name, "input_map");
    }

    #[test]
    fn errors_name_the_path() {
        let e = functions(r#"{"function_signatures":{"f":{"return_type":"strin"}}}"#);
        assert!(
            matches!(&e, Err(Error::UnknownType { path, .. }) if path == "function_signatures.f.return_type"),
            "{e:?}"
        );
        let e = functions(r#"{"function_signatures":{"f":{"parameters":3}}}"#);
        assert!(
            matches!(&e, Err(Error::Json { path, .. }) if path == "function_signatures.f.parameters"),
            "{e:?}"
        );
        let e = functions(r#"{"format_version":"2.0","function_signatures":{}}"#);
        assert!(matches!(e, Err(Error::UnsupportedFormatVersion { .. })));
        let e = functions(&"[".repeat(MAX_JSON_DEPTH + 1));
        assert!(matches!(e, Err(Error::TooDeep { .. })));
    }
}
