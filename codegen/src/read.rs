//! Reading a schema document safely: bounded nesting, a large stack for the recursive stages,
//! and the document-level checks serde cannot express. Every error names the JSON path (or the
//! line and column) of the problem; no input makes these functions panic.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::ir;
use crate::ir::build::{local_name, source_address, ProviderId};
use crate::schema;

/// The deepest nesting of JSON arrays and objects the reader accepts. Real schemas stay under 50
/// (the unrolled recursion of AWS WAFv2 reaches 41); 64 levels of nested blocks take about 200.
/// The bound keeps hostile input from exhausting the stack.
pub const MAX_JSON_DEPTH: usize = 1024;

/// Stack size of the threads that read a document, build its IR and render it: each recurses
/// once per level of nesting, up to [`MAX_JSON_DEPTH`] (virtual memory: only the pages used are
/// committed).
const STACK_SIZE: usize = 256 << 20;

/// Runs `f` in a thread pool (one thread per core) whose stacks are deep enough for
/// [`MAX_JSON_DEPTH`] levels, so that the parallel stages inside `f` (building items, rendering
/// modules) run on such stacks too, not on rayon's global pool. A panic in `f` is resumed on the
/// caller's thread.
pub(crate) fn on_deep_stacks<T: Send>(f: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .thread_name(|i| format!("codegen-{i}"))
        .build()
        .map_err(|e| Error::Thread {
            source: std::io::Error::other(e.to_string()),
        })?
        .install(f)
}

/// An error naming where `text` nests deeper than [`MAX_JSON_DEPTH`] (the file is filled in by
/// the caller that knows it), checked before parsing, which recurses.
pub(crate) fn check_depth(text: &str) -> Result<()> {
    match too_deep(text) {
        Some((line, column)) => Err(Error::TooDeep {
            file: String::new(),
            line,
            column,
            limit: MAX_JSON_DEPTH,
        }),
        None => Ok(()),
    }
}

/// Where the nesting of `text` first goes deeper than [`MAX_JSON_DEPTH`]: (line, column), 1-based.
pub(crate) fn too_deep(text: &str) -> Option<(usize, usize)> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut line_start) = (1usize, 0usize);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_JSON_DEPTH {
                    let column = text[line_start..=i].chars().count();
                    return Some((line, column));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
    }
    None
}

/// Checks the document-level facts that serde cannot: there is at least one provider, and no
/// provider key is empty.
pub(crate) fn check_providers(providers: &BTreeMap<String, schema::ProviderSchema>) -> Result<()> {
    if providers.is_empty() {
        return Err(Error::NoProviders {
            file: String::new(),
        });
    }
    if providers.keys().any(|k| local_name(k).trim().is_empty()) {
        return Err(Error::Json {
            file: String::new(),
            path: "provider_schemas".into(),
            message: "a provider key has an empty name".into(),
        });
    }
    Ok(())
}

/// Parses and checks the document: JSON shape errors carry the JSON path; a major
/// `format_version` above 1 is rejected.
pub fn parse_document(text: &str) -> Result<schema::ProvidersSchema> {
    if text.trim().is_empty() {
        return Err(Error::Json {
            file: String::new(),
            path: ".".into(),
            message:
                "the file is empty (expected the output of `terraform providers schema -json`)"
                    .into(),
        });
    }
    check_depth(text)?;
    if !text.trim_start().starts_with('{') {
        let message = match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(e) => e.to_string(),
            Ok(_) => "expected an object (the output of `terraform providers schema -json`)".into(),
        };
        return Err(Error::Json {
            file: String::new(),
            path: ".".into(),
            message,
        });
    }
    // Depth is bounded by `too_deep` above, and callers run this on deep stacks.
    let reader = || {
        let mut de = serde_json::Deserializer::from_str(text);
        de.disable_recursion_limit();
        de
    };
    let de = &mut reader();
    // Tracking the JSON path costs a third of the reading time, so a document is read without
    // it, and read again with it only to report an error.
    let doc: schema::ProvidersSchema = match serde::Deserialize::deserialize(&mut *de) {
        Ok(doc) => doc,
        Err(first) => {
            let (path, message) =
                match serde_path_to_error::deserialize::<_, schema::ProvidersSchema>(&mut reader())
                {
                    Err(e) => (e.path().to_string(), e.into_inner().to_string()),
                    // The same input reads the same way; this only keeps the first error.
                    Ok(_) => ("?".to_string(), first.to_string()),
                };
            return Err(Error::Json {
                file: String::new(),
                // `?`: a syntax error, not a value of the wrong shape; the message has the
                // position.
                path: if path == "?" { ".".to_string() } else { path },
                message,
            });
        }
    };
    // Trailing characters after the document are an error too.
    de.end().map_err(|e| Error::Json {
        file: String::new(),
        path: ".".into(),
        message: e.to_string(),
    })?;
    if let Some(v) = &doc.format_version {
        let major = v.split('.').next().and_then(|m| m.parse::<u64>().ok());
        if !matches!(major, Some(m) if m <= 1) {
            return Err(Error::UnsupportedFormatVersion {
                file: String::new(),
                version: v.clone(),
            });
        }
    }
    Ok(doc)
}

/// Reads a document and builds the IR of every provider in it, without emitting code: the
/// schema reader and the IR builder alone (the fuzz target's entry point). Never panics on any
/// input; malformed input is an [`Error`].
pub fn read_ir(schema_json: &str) -> Result<Vec<ir::Package>> {
    read_ir_only(schema_json, &|_, _| true)
}

/// [`read_ir`] building only the items that `keep(kind, terraform type)` selects (see
/// [`ir::build::package_only`]): the same names (modules, types, fields, features) as
/// [`read_ir`] gives them, in a fraction of the time for a large provider. Which nested types
/// are shared between items ([`ir::ObjectType::shared`]) can differ, fewer items sharing them.
pub fn read_ir_only(
    schema_json: &str,
    keep: &(dyn Fn(ir::ItemKind, &str) -> bool + Sync),
) -> Result<Vec<ir::Package>> {
    on_deep_stacks(|| {
        let doc = parse_document(schema_json)?;
        let providers = doc.provider_schemas.ok_or(Error::NoProviderSchemas {
            file: String::new(),
        })?;
        check_providers(&providers)?;
        providers
            .iter()
            .map(|(key, schema)| {
                let id = ProviderId {
                    key: key.clone(),
                    name: local_name(key),
                    source: source_address(key),
                    version: None,
                };
                ir::build::package_only(&id, schema, keep)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_ignores_brackets_in_strings_and_reports_the_position() {
        let deep = "[".repeat(MAX_JSON_DEPTH + 1);
        assert_eq!(too_deep(&deep), Some((1, MAX_JSON_DEPTH + 1)));
        let quoted = format!("[\"\\\"{deep}\"]");
        assert_eq!(too_deep(&quoted), None);
        let later = format!("{{\n  \"é\": {deep}");
        assert_eq!(too_deep(&later), Some((2, 8 + MAX_JSON_DEPTH - 1)));
        assert_eq!(too_deep("]]]]{}"), None);
    }

    /// The kept items are those of the full build, names and features included.
    #[test]
    fn read_ir_only_keeps_the_full_names() {
        let schema = include_str!("../../schema/tfe.json");
        let all = read_ir(schema).expect("reads");
        let some = read_ir_only(schema, &|kind, t| {
            kind == ir::ItemKind::Resource && (t == "tfe_team" || t == "tfe_project")
        })
        .expect("reads");
        let names = |p: &ir::Package, t: &str| {
            p.items
                .iter()
                .find(|i| i.tf_name == t && i.kind == ir::ItemKind::Resource)
                .map(|i| (i.module.clone(), i.rust_name.clone(), i.feature.clone()))
        };
        assert_eq!(some[0].items.len(), 2);
        for t in ["tfe_team", "tfe_project"] {
            assert!(names(&some[0], t).is_some());
            assert_eq!(names(&some[0], t), names(&all[0], t));
        }
        assert_eq!(some[0].provider.rust_name, all[0].provider.rust_name);
    }
}
