//! The `cdktf` workflow as a library: what the `cdktf` command line does, callable from Rust.
//!
//! - [`init`](init()) writes a new project; [`get`](get()) generates provider bindings from the
//!   project's `terraformProviders`;
//! - [`synth`](synth()) runs the app and reads the [`Manifest`] it wrote, or
//!   [`Manifest::from_app`] synthesizes an [`App`](cdktf::App) built in the same program;
//! - [`Manifest::diff`], [`Manifest::deploy`], [`Manifest::destroy`] and [`Manifest::output`]
//!   run terraform in the selected stacks, in dependency order, independent stacks in parallel,
//!   and return a [`Report`].
//!
//! ```no_run
//! use cdktf::prelude::*;
//! use cdktf_cli::{Manifest, RunOptions};
//!
//! let app = App::with_outdir("cdktf.out");
//! let stack = TerraformStack::new(&app, "dev");
//! TerraformOutput::new(&stack, "greeting", "hello");
//! let manifest = Manifest::from_app(&app)?;
//! let report = manifest.deploy(&["*"], &RunOptions::new().auto_approve(true))?;
//! print!("{}", report.table());
//! let outputs = report.outputs_by_construct(&manifest, false)?;
//! assert_eq!(outputs["dev"]["greeting"], "hello");
//! # Ok::<(), cdktf_cli::Error>(())
//! ```
#![deny(missing_docs)]

mod error;
pub mod get;
mod init;
mod keep;
mod manifest;
mod outputs;
mod project;
mod report;
mod run;
mod runtime;
mod schedule;
mod synth;
pub mod terraform;
mod ui;

pub use error::{Error, Result};
pub use get::{get, Generated, GetOptions, GetReport};
pub use init::{init, InitOptions};
pub use manifest::{glob_match, Annotation, Manifest, Stack};
pub use outputs::lines as output_lines;
pub use project::{Project, ProviderSpec, DEFAULT_APP};
pub use report::{Event, Report, StackResult, Status};
pub use run::RunOptions;
pub use runtime::RuntimeDependency;
pub use synth::synth;
pub use terraform::Terraform;

/// Writes `value` as pretty JSON (cdktf's `--outputs-file` format) to `path`.
pub fn write_json(path: &std::path::Path, value: &serde_json::Value) -> Result<()> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|e| Error::config(path, e.to_string()))?;
    text.push('\n');
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("creating", parent, e))?;
    }
    std::fs::write(path, text).map_err(|e| Error::io("writing", path, e))
}
