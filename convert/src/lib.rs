//! Converts Terraform configuration (HCL `.tf`, Terraform JSON `.tf.json` / `cdk.tf.json`) into a
//! Rust program over the bindings that `codegen` generates.
//!
//! The pipeline runs one way: read ([`parse`] for HCL, [`json`] for Terraform JSON) -> the
//! configuration IR ([`config`]) -> resolve against the provider schemas ([`schema`], which is
//! codegen's own IR, so every name is the generated one) and order the elements ([`symbols`]) ->
//! emit Rust tokens ([`emit`], [`body`], [`meta`], [`declare`], [`expr`], [`calls`], [`lang`],
//! [`blocks`], [`backends`]) -> render with prettyplease ([`render`]).
//!
//! References between elements become typed getters (`tfe_agent_pool.pool.id` ->
//! `pool.id()`); function calls, operators, conditionals, `for` expressions, splats and templates
//! the typed API of `cdktf::functions`, `cdktf::operators` and `cdktf::expressions` ([`calls`],
//! [`lang`]); `import`, `moved`, `removed` and `check` blocks and backends the runtime's
//! ([`blocks`], [`backends`]). What the typed API does not cover (references to undeclared
//! elements, elements of providers without a schema and their functions) becomes a raw
//! expression that synthesizes the same Terraform, and every such [`Fallback`] is reported with
//! its location.
//!
//! # Where cdktf's `convert` is wrong, and this one is not
//!
//! On the tfe docs examples cdktf 0.21's `convert` writes `provider = tfe.admin` as a string
//! (which does not compile), bare identifiers for variables that are used but not declared,
//! a trailing newline after strings that end in `\n` escapes, and doubly escaped quotes. Here the
//! provider is the aliased provider's handle, such variables are declared, and string values
//! are kept exactly (`convert/tests/roundtrip.rs` compares every value with the HCL's).
//!
//! ```
//! let mut schemas = convert::Schemas::new();
//! let converted = convert::Converter::new(&schemas)
//!     .convert_hcl("main.tf", "variable \"name\" {\n  type = string\n}\noutput \"n\" {\n  value = var.name\n}\n")?;
//! assert!(converted.code.contains("TerraformVariable::new(scope, \"name\")"));
//! assert!(converted.fallbacks.is_empty());
//! # Ok::<(), convert::Error>(())
//! ```

#![deny(missing_docs)]

pub mod backends;
pub mod blocks;
pub mod body;
pub mod builtin;
pub mod calls;
pub mod config;
pub mod declare;
pub mod docs;
pub mod emit;
pub mod error;
pub mod expr;
pub mod json;
pub mod lang;
pub mod meta;
pub mod parse;
pub mod provision;
pub mod rename;
pub mod render;
pub mod schema;
pub mod select;
pub mod symbols;
pub mod tfjson;
pub mod walk;

use std::collections::BTreeSet;
use std::path::Path;

pub use config::{Config, Loc};
pub use error::{Error, Result};
pub use schema::Schemas;

/// An expression (or block) converted as raw Terraform rather than through the typed API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fallback {
    /// Where it is.
    pub loc: Loc,
    /// Its Terraform text.
    pub expression: String,
    /// Why it was not typed.
    pub reason: String,
}

impl std::fmt::Display for Fallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: raw expression ({}): {}",
            self.loc, self.reason, self.expression
        )
    }
}

/// What the converter writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// A module with `pub fn build(scope: &impl Scope)`.
    Module,
    /// A whole `main.rs`: `build` plus a `main` that synthesizes a stack of this name.
    Main {
        /// The stack name.
        stack: String,
    },
}

/// The result of a conversion.
#[derive(Clone, Debug)]
pub struct Converted {
    /// The Rust source, formatted.
    pub code: String,
    /// Raw fallbacks, in source order.
    pub fallbacks: Vec<Fallback>,
    /// Variables the configuration uses without declaring them, which the program declares.
    pub added_variables: Vec<String>,
    /// The cargo features of the bindings the program needs.
    pub features: BTreeSet<String>,
    /// Whether the program uses `serde_json` (overrides, literal collections of dynamic type).
    pub needs_serde_json: bool,
}

/// Converts configurations against a set of provider schemas.
#[derive(Clone, Debug)]
pub struct Converter<'s> {
    schemas: &'s Schemas,
    output: Output,
}

impl<'s> Converter<'s> {
    /// A converter writing modules ([`Output::Module`]).
    pub fn new(schemas: &'s Schemas) -> Self {
        Converter {
            schemas,
            output: Output::Module,
        }
    }

    /// The schemas it converts against.
    pub fn schemas(&self) -> &'s Schemas {
        self.schemas
    }

    /// Sets what is written.
    pub fn output(mut self, output: Output) -> Self {
        self.output = output;
        self
    }

    /// Converts HCL text (`file` names it in locations).
    pub fn convert_hcl(&self, file: &str, text: &str) -> Result<Converted> {
        let mut config = Config::default();
        parse::parse_hcl(file, text, &mut config)?;
        self.convert_config(&config, file)
    }

    /// Converts Terraform JSON text (`.tf.json`, `cdk.tf.json`).
    pub fn convert_json(&self, file: &str, text: &str) -> Result<Converted> {
        let mut config = Config::default();
        json::parse_json(file, text, &mut config)?;
        self.convert_config(&config, file)
    }

    /// Converts a file (`.tf`; `.json` is Terraform JSON) or a directory (its `.tf` and
    /// `.tf.json` files, in name order).
    pub fn convert_path(&self, path: &Path) -> Result<Converted> {
        let config = read_path(path)?;
        self.convert_config(&config, &path.display().to_string())
    }

    /// Converts a configuration read already; `title` names it in the generated doc comment.
    pub fn convert_config(&self, config: &Config, title: &str) -> Result<Converted> {
        let program = emit::program(config, self.schemas)?;
        let added_variables = symbols::Symbols::collect(config)
            .map(|s| s.added_variables)
            .unwrap_or_default();
        let code = render::file(&program, &self.output, title)?;
        Ok(Converted {
            code,
            fallbacks: program.fallbacks,
            added_variables,
            features: program.features,
            needs_serde_json: program.needs_serde_json,
        })
    }
}

/// Reads a file (`.tf`; `.json` is Terraform JSON) or a directory (its `.tf` and `.tf.json`
/// files, in name order) into one configuration, as [`Converter::convert_path`] does.
pub fn read_path(path: &Path) -> Result<Config> {
    let mut config = Config::default();
    let files = if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|source| Error::Read {
                path: path.display().to_string(),
                source,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let n = p.to_string_lossy();
                n.ends_with(".tf") || n.ends_with(".tf.json")
            })
            .collect();
        files.sort();
        files
    } else {
        vec![path.to_path_buf()]
    };
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|source| Error::Read {
            path: f.display().to_string(),
            source,
        })?;
        let name = f.display().to_string();
        if name.ends_with(".json") {
            json::parse_json(&name, &text, &mut config)?;
        } else {
            parse::parse_hcl(&name, &text, &mut config)?;
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    /// Same input, same bytes; the crate name of the bindings is the caller's to choose.
    #[test]
    fn output_is_deterministic_and_crate_paths_follow_the_name() {
        let schema = include_str!("../../schema/tfe.json");
        let mut schemas = crate::Schemas::new();
        schemas
            .add_document(schema)
            .expect("schema/tfe.json")
            .crate_name("tfe", "tfe_bindings");
        let converter = crate::Converter::new(&schemas);
        let text = "resource \"tfe_project\" \"b\" { name = tfe_project.a.name }\nresource \"tfe_project\" \"a\" { name = \"n\" }\n";
        let one = converter.convert_hcl("t.tf", text).expect("converts");
        let two = converter.convert_hcl("t.tf", text).expect("converts");
        assert_eq!(one.code, two.code);
        assert!(
            one.code
                .contains("use tfe_bindings::project::{Project, ProjectConfig};"),
            "{}",
            one.code
        );
        assert_eq!(one.features.iter().collect::<Vec<_>>(), ["tfe_project"]);
    }

    /// Truncated and mangled input gives an error or a program, never a panic.
    #[test]
    fn bad_input_never_panics() {
        let text = "resource \"tfe_team\" \"t\" {\n  name = \"${var.a}-x\"\n  count = length([for x in var.l : x])\n  lifecycle { ignore_changes = [name] }\n}\noutput \"o\" { value = tfe_team.t.id }\n";
        let schemas = crate::Schemas::new();
        let converter = crate::Converter::new(&schemas);
        for end in 0..=text.len() {
            if let Some(prefix) = text.get(..end) {
                let _ = converter.convert_hcl("t.tf", prefix);
                let _ = converter.convert_json("t.tf.json", prefix);
            }
        }
        for junk in [
            "{",
            "[]",
            "{\"resource\": 1}",
            "{\"resource\": {\"a\": {\"b\": []}}}",
            "locals { a = }",
        ] {
            let _ = converter.convert_hcl("t.tf", junk);
            let _ = converter.convert_json("t.tf.json", junk);
        }
    }
}
