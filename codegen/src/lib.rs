//! Generates Rust bindings for the `cdktf` runtime crate from the output of
//! `terraform providers schema -json`.
//!
//! The pipeline runs one way: [`schema`] (serde mirror of the document) -> [`ir`] (names, types
//! and docs decided) -> [`emit`] (Rust code) -> [`render`] (formatted text) -> [`write`]
//! (files, only those that changed).
//!
//! Item modules, nearly all of the output, are emitted as text already in prettyplease's layout
//! ([`emit::code`]), which is an order of magnitude faster than printing token streams through
//! `syn` and prettyplease; the package files around them go the token-stream way. Either way the
//! output is prettyplease's: `tests/layout.rs` checks every generated file of the schema corpus
//! against it.
//!
//! # Use from a `build.rs`
//!
//! As with prost-build, generate in memory and then write. For a `build.rs`, the
//! [`Layout::Module`] layout yields one file to `include!`:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     println!("cargo:rerun-if-changed=schema/tfe.json");
//!     let schema = std::fs::read_to_string("schema/tfe.json")?;
//!     let out_dir = std::env::var("OUT_DIR")?;
//!     codegen::Config::new()
//!         .provider("tfe")
//!         .version("~> 0.71")
//!         .layout(codegen::Layout::Module)
//!         .generate(&schema)?
//!         .write_to(&out_dir)?;
//!     Ok(())
//! }
//! // src/lib.rs:
//! // pub mod tfe { include!(concat!(env!("OUT_DIR"), "/tfe.rs")); }
//! ```
//!
//! The default [`Layout::Package`] writes a complete cargo package (`Cargo.toml` with one feature
//! per resource, `src/lib.rs`, one module per resource), as the `codegen` binary does.
//! [`generate_package`] is the one-call shortcut: read a schema file, write a package.

#![deny(missing_docs)]

mod docs;
pub mod emit;
pub mod error;
pub mod functions;
pub mod ir;
pub mod naming;
mod read;
pub mod render;
pub mod schema;
pub mod text;
pub mod workspace;
pub mod write;

use std::path::{Path, PathBuf};

pub use error::{Error, Result};
pub use read::{read_ir, read_ir_only, MAX_JSON_DEPTH};
pub use write::WriteSummary;

use ir::build::{local_name, source_address, ProviderId};

/// How the output is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// A cargo package per provider: `Cargo.toml`, `src/lib.rs`, one file per module; each
    /// resource behind a cargo feature.
    #[default]
    Package,
    /// One file `<provider>.rs` with inline modules and no features, to `include!` from a
    /// `build.rs` output directory.
    Module,
}

/// Generation settings, in the manner of `prost_build::Config`.
#[derive(Clone, Debug, Default)]
pub struct Config {
    provider: Option<String>,
    package_name: Option<String>,
    runtime_path: Option<String>,
    source: Option<String>,
    version: Option<String>,
    file_name: Option<String>,
    standalone: Option<bool>,
    layout: Layout,
}

/// One generated file, its path relative to the output directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path (`src/agent_token.rs`).
    pub path: PathBuf,
    /// The full text.
    pub contents: String,
}

/// Everything generated from one document, in memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Generated {
    /// The files, in path order.
    pub files: Vec<GeneratedFile>,
    /// Things skipped (sections not generated yet), for the caller to show.
    pub warnings: Vec<String>,
}

impl Generated {
    /// Writes the files under `dir` (only those whose content changed, each atomically) and
    /// removes stale generated files there.
    pub fn write_to(&self, dir: impl AsRef<Path>) -> Result<WriteSummary> {
        write::write_files(dir.as_ref(), &self.files)
    }
}

impl Config {
    /// Default settings: every provider of the document, package layout.
    pub fn new() -> Self {
        Self::default()
    }

    /// Generates only this provider: its local name (`tfe`) or its key in the document
    /// (`registry.terraform.io/hashicorp/tfe`).
    pub fn provider(&mut self, name: impl Into<String>) -> &mut Self {
        self.provider = Some(name.into());
        self
    }

    /// The cargo package name (default: the provider's local name).
    pub fn package_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.package_name = Some(name.into());
        self
    }

    /// Makes the generated packages depend on the runtime at this `path` (as written in
    /// `Cargo.toml`), for working inside the runtime's own repository. With several providers, a
    /// relative path is taken relative to the output directory.
    ///
    /// Default: a version dependency on the published runtime, `cdktf = "`[`RUNTIME_VERSION`]`"`,
    /// so that a package generated anywhere (by an installed `codegen` too) builds.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime_path = Some(path.into());
        self
    }

    /// The provider source address (default: from the provider key, `hashicorp/tfe`).
    pub fn source(&mut self, source: impl Into<String>) -> &mut Self {
        self.source = Some(source.into());
        self
    }

    /// The provider version constraint written to `required_providers` (default: none).
    pub fn version(&mut self, version: impl Into<String>) -> &mut Self {
        self.version = Some(version.into());
        self
    }

    /// The schema's file name, for error messages (default: `<schema>`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = Some(name.into());
        self
    }

    /// Whether a single package gets an empty `[workspace]` table, so that it builds on its own
    /// even inside another workspace (default: yes). Turn off for a member of a workspace.
    pub fn standalone(&mut self, yes: bool) -> &mut Self {
        self.standalone = Some(yes);
        self
    }

    /// The output layout.
    pub fn layout(&mut self, layout: Layout) -> &mut Self {
        self.layout = layout;
        self
    }

    /// Generates the bindings of the document `schema_json`, in memory.
    pub fn generate(&self, schema_json: &str) -> Result<Generated> {
        let file = self.file_name.as_deref().unwrap_or("<schema>");
        read::on_deep_stacks(|| self.generate_inner(schema_json)).map_err(|e| e.in_file(file))
    }

    fn generate_inner(&self, schema_json: &str) -> Result<Generated> {
        let packages = self.selected_packages(schema_json)?;
        let multi = packages.len() > 1;
        let mut out = Generated::default();
        let mut dirs = std::collections::BTreeSet::new();
        for pkg in packages {
            let dir = if multi {
                claim_dir(&mut dirs, &pkg.provider_name)
            } else {
                String::new()
            };
            out.warnings.extend(pkg.warnings.iter().cloned());
            self.emit_package(pkg, &dir, multi, &mut out.files)?;
        }
        if multi && self.layout == Layout::Package {
            let members: Vec<String> = dirs.into_iter().collect();
            let text = render::toml_file(&emit::package::workspace_toml(&members));
            out.files.push(GeneratedFile {
                path: "Cargo.toml".into(),
                contents: text,
            });
        }
        out.files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Parses the document and builds the IR of the providers this configuration selects: the
    /// one [`Config::provider`] names (by its key, else by its local name), or all of them.
    fn selected_packages(&self, schema_json: &str) -> Result<Vec<ir::Package>> {
        let doc = parse_document(schema_json)?;
        let providers = doc.provider_schemas.ok_or(Error::NoProviderSchemas {
            file: String::new(),
        })?;
        read::check_providers(&providers)?;
        let selected: Vec<(&String, &schema::ProviderSchema)> = match &self.provider {
            Some(want) => {
                let found = providers
                    .iter()
                    .find(|(k, _)| *k == want)
                    .or_else(|| providers.iter().find(|(k, _)| local_name(k) == *want));
                match found {
                    Some(p) => vec![p],
                    None => {
                        return Err(Error::ProviderNotFound {
                            file: String::new(),
                            name: want.clone(),
                            available: providers.keys().cloned().collect(),
                        })
                    }
                }
            }
            None => providers.iter().collect(),
        };
        selected
            .into_iter()
            .map(|(key, schema)| {
                let id = ProviderId {
                    key: key.clone(),
                    name: local_name(key),
                    source: self.source.clone().unwrap_or_else(|| source_address(key)),
                    version: self.version.clone(),
                };
                ir::build::package(&id, schema)
            })
            .collect()
    }

    /// The cargo package name of a provider's package: [`Config::package_name`] for a single
    /// provider, else derived from the provider's name.
    fn package_name_of(&self, provider_name: &str, multi: bool) -> String {
        match (&self.package_name, multi) {
            (Some(n), false) => n.clone(),
            _ => package_name_for(provider_name),
        }
    }

    fn emit_package(
        &self,
        mut pkg: ir::Package,
        dir: &str,
        multi: bool,
        files: &mut Vec<GeneratedFile>,
    ) -> Result<()> {
        let base = PathBuf::from(dir);
        if self.layout == Layout::Module {
            for item in &mut pkg.items {
                item.feature = None;
            }
            for shared in &mut pkg.shared {
                shared.features.iter_mut().for_each(|f| *f = None);
            }
            let mut bodies = emit::package::Inline::default();
            for item in std::iter::once(&pkg.provider).chain(pkg.items.iter()) {
                let text = module_body(&pkg, item, None).text;
                bodies
                    .items
                    .insert(item.module.clone(), render::tokens(&item.module, &text)?);
            }
            for shared in &pkg.shared {
                let text = emit::block::shared_module(shared).text;
                bodies.shared.insert(
                    shared.module.clone(),
                    render::tokens(&shared.module, &text)?,
                );
            }
            let fns = emit::function::module(&pkg.provider_name, &pkg.functions);
            let tokens = emit::package::lib_rs(&pkg, Some(&bodies), Some(fns));
            let name = format!("{}.rs", naming::module_ident(&pkg.provider_name));
            let contents = render::rust_file(&name, tokens)?;
            files.push(GeneratedFile {
                path: base.join(name),
                contents,
            });
            return Ok(());
        }
        let package_name = self.package_name_of(&pkg.provider_name, multi);
        let krate = package_name.replace('-', "_");
        let runtime = self.runtime_dependency(multi);
        let standalone = !multi && self.standalone.unwrap_or(true);
        let toml = emit::package::cargo_toml(&pkg, &package_name, &runtime, standalone);
        files.push(GeneratedFile {
            path: base.join("Cargo.toml"),
            contents: render::toml_file(&toml),
        });
        let lib = emit::package::lib_rs(&pkg, None, None);
        files.push(GeneratedFile {
            path: base.join("src/lib.rs"),
            contents: render::rust_file("src/lib.rs", lib)?,
        });
        if !pkg.functions.is_empty() {
            let tokens = emit::function::module(&pkg.provider_name, &pkg.functions);
            let contents = render::rust_file("src/functions.rs", tokens)?;
            files.push(GeneratedFile {
                path: base.join("src/functions.rs"),
                contents,
            });
        }
        if !pkg.shared.is_empty() {
            let path = format!("src/{}.rs", pkg.types_module);
            let contents = render::rust_file(&path, emit::package::types_rs(&pkg))?;
            files.push(GeneratedFile {
                path: base.join(path),
                contents,
            });
        }
        // Rendering is most of the time: one task per module, on every core.
        render_modules(&pkg, &base, &krate, files)
    }

    fn runtime_dependency(&self, multi: bool) -> emit::package::Runtime {
        use emit::package::Runtime;
        match &self.runtime_path {
            Some(p) if multi && Path::new(p).is_relative() => Runtime::Path(format!("../{p}")),
            Some(p) => Runtime::Path(p.clone()),
            None => Runtime::Version(RUNTIME_VERSION.to_string()),
        }
    }
}

/// `krate`: the crate name the docs examples import from (`None`: examples are not compiled).
fn module_body(pkg: &ir::Package, item: &ir::Item, krate: Option<&str>) -> emit::code::Written {
    match item.kind {
        ir::ItemKind::Provider => emit::provider::module(item),
        _ => emit::resource::module(item, &emit::docs::module_page(pkg, item, krate).rustdoc()),
    }
}

/// The shared types' submodules and the item modules, rendered in parallel.
fn render_modules(
    pkg: &ir::Package,
    base: &Path,
    krate: &str,
    files: &mut Vec<GeneratedFile>,
) -> Result<()> {
    use rayon::prelude::*;
    let shared = pkg.shared.par_iter().map(|m| {
        let path = format!("src/{}/{}.rs", pkg.types_module, m.module);
        let contents = render::rust_code(&path, emit::block::shared_module(m))?;
        Ok(GeneratedFile {
            path: base.join(path),
            contents,
        })
    });
    let items: Vec<&ir::Item> = std::iter::once(&pkg.provider)
        .chain(pkg.items.iter())
        .collect();
    let modules = items.par_iter().map(|item| {
        let path = format!("src/{}.rs", item.module);
        let contents = render::rust_code(&path, module_body(pkg, item, Some(krate)))?;
        Ok(GeneratedFile {
            path: base.join(path),
            contents,
        })
    });
    let rendered: Vec<Result<GeneratedFile>> = shared.chain(modules).collect();
    for f in rendered {
        files.push(f?);
    }
    Ok(())
}

fn claim_dir(dirs: &mut std::collections::BTreeSet<String>, name: &str) -> String {
    let base = naming::module_ident(name);
    let mut candidate = base.clone();
    let mut n = 2;
    while !dirs.insert(candidate.clone()) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    candidate
}

/// The crate name (`use NAME::...`) of a provider's bindings as generated by default: the
/// package name with `-` as `_`. The converter (`convert`) writes paths with it.
pub fn crate_name(provider: &str) -> String {
    package_name_for(provider).replace('-', "_")
}

/// A cargo package name for a provider: its local name, unless cargo reserves it.
fn package_name_for(provider: &str) -> String {
    let name = naming::snake(provider)
        .trim_start_matches('_')
        .replace('_', "-");
    match name.as_str() {
        "test" | "std" | "core" | "alloc" | "proc-macro" | "build" | "deps" | "examples"
        | "cdktf" | "" => format!("{name}-provider")
            .trim_start_matches('-')
            .to_string(),
        _ => name,
    }
}

/// Parses and checks the document: JSON shape errors carry the JSON path; a major
/// `format_version` above 1 is rejected.
pub fn parse_document(text: &str) -> Result<schema::ProvidersSchema> {
    read::parse_document(text)
}

/// The version of the `cdktf` runtime that generated packages depend on by default: the one
/// released with this generator.
pub const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// One call: reads the schema file, generates a package per [`Config`] defaults (plus the file
/// name in errors) and writes it to `out_dir`.
pub fn generate_package(
    schema_file: impl AsRef<Path>,
    out_dir: impl AsRef<Path>,
) -> Result<Generated> {
    let path = schema_file.as_ref();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        file: path.to_path_buf(),
        source,
    })?;
    let generated = Config::new()
        .file_name(path.display().to_string())
        .generate(&text)?;
    generated.write_to(out_dir)?;
    Ok(generated)
}
