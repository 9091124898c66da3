//! `codegen`: a thin command line over the library.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

/// See the `mimalloc` entry of `Cargo.toml`: a third less time for the AWS provider.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generates Rust bindings for the cdktf runtime from `terraform providers schema -json`.
///
/// Without a command, regenerates the `bindings/` of the checkout around the working directory
/// from its `schema/providers.json`, and the runtime's built-in functions
/// (`cdktf/src/functions/generated.rs`) from `schema/functions.json`.
#[derive(Debug, Parser)]
#[command(name = "codegen", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generates a cargo package per provider of a schema document.
    Generate {
        /// The output of `terraform providers schema -json`.
        #[arg(long, value_name = "FILE")]
        schema: PathBuf,
        /// The package directory (with several providers: one subdirectory per provider and a
        /// workspace `Cargo.toml`).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Generate only this provider (local name such as `tfe`, or its full key).
        #[arg(long, value_name = "NAME")]
        provider: Option<String>,
        /// Depend on the runtime at this path (the `cdktf/` directory of a checkout), for work
        /// inside the runtime's repository. Default: the published runtime of this version,
        /// `cdktf = "<codegen's version>"`.
        #[arg(long, value_name = "PATH")]
        runtime_path: Option<String>,
        /// The provider version constraint for `required_providers`.
        #[arg(long, value_name = "CONSTRAINT")]
        provider_version: Option<String>,
    },
    /// Writes a Markdown docs page per resource, data source and ephemeral resource.
    ///
    /// Registry layout (`docs/resources/NAME.md`, `docs/data-sources/NAME.md`,
    /// `docs/ephemeral-resources/NAME.md`), with the same text and Rust example as the rustdoc of
    /// the generated modules.
    Docs {
        /// The output of `terraform providers schema -json`.
        #[arg(long, value_name = "FILE")]
        schema: PathBuf,
        /// The directory that receives `docs/` (with several providers: one subdirectory each).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Only this provider (local name such as `tfe`, or its full key).
        #[arg(long, value_name = "NAME")]
        provider: Option<String>,
        /// The crate name the examples import from (default: the provider's local name).
        #[arg(long, value_name = "NAME")]
        package_name: Option<String>,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        None => {
            let cwd = std::env::current_dir().context("reading the working directory")?;
            let root = codegen::workspace::find_root(&cwd)?;
            let done = codegen::workspace::regenerate(&root).context("regenerating bindings/")?;
            for r in done.providers {
                warn(&r.generated.warnings);
                report(&r.dir, &r.summary);
            }
            let (path, written) = done.functions;
            let state = if written { "written" } else { "unchanged" };
            eprintln!("{}: {state}", path.display());
        }
        Some(Command::Generate {
            schema,
            out,
            provider,
            runtime_path,
            provider_version,
        }) => {
            let (text, mut config) = read_schema(&schema, provider)?;
            if let Some(p) = runtime_path {
                config.runtime_path(p);
            }
            if let Some(v) = provider_version {
                config.version(v);
            }
            let generated = config.generate(&text)?;
            warn(&generated.warnings);
            let summary = generated.write_to(&out)?;
            report(&out, &summary);
        }
        Some(Command::Docs {
            schema,
            out,
            provider,
            package_name,
        }) => {
            let (text, mut config) = read_schema(&schema, provider)?;
            if let Some(p) = package_name {
                config.package_name(p);
            }
            let summary = config.generate_docs(&text)?.write_to(&out)?;
            report(&out, &summary);
        }
    }
    Ok(())
}

/// The schema file's text, and a configuration that names the file in errors and selects
/// `provider`, if given.
fn read_schema(
    schema: &std::path::Path,
    provider: Option<String>,
) -> anyhow::Result<(String, codegen::Config)> {
    let text = std::fs::read_to_string(schema)
        .with_context(|| format!("{}: cannot read", schema.display()))?;
    let mut config = codegen::Config::new();
    config.file_name(schema.display().to_string());
    if let Some(p) = provider {
        config.provider(p);
    }
    Ok((text, config))
}

fn warn(warnings: &[String]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

fn report(dir: &std::path::Path, s: &codegen::WriteSummary) {
    eprintln!(
        "{}: {} written, {} unchanged, {} removed",
        dir.display(),
        s.written.len(),
        s.unchanged,
        s.removed.len()
    );
}
