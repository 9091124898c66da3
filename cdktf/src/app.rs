//! `App`: the root of the construct tree and the entry point of synthesis.

use std::path::{Path, PathBuf};

use crate::construct::{Node, Scope};
use crate::error::{Error, Result};

/// The root of a CDK for Terraform program: stacks are created in it, and [`App::synth`] writes
/// them all.
///
/// ```no_run
/// use cdktf::{App, TerraformStack, TerraformOutput};
///
/// fn main() -> cdktf::Result<()> {
///     let app = App::new();
///     let stack = TerraformStack::new(&app, "hello");
///     TerraformOutput::new(&stack, "greeting", "hello, world");
///     app.synth()
/// }
/// ```
///
/// # Threads
///
/// `App`, [`TerraformStack`](crate::TerraformStack), every construct and element handle, and
/// [`Value`](crate::Value) are neither `Send` nor `Sync` (the construct tree is reference-counted
/// with `Rc`, like cdktf's single-threaded tree). Build and synthesize each App on one thread; to
/// synthesize in parallel, create one App per thread, each with its own output directory (two
/// synths into one directory are safe, but the last one wins):
///
/// ```
/// use cdktf::{App, TerraformOutput, TerraformStack};
///
/// let base = std::env::temp_dir().join("cdktf-doc-threads");
/// let handles: Vec<_> = ["eu", "us"]
///     .into_iter()
///     .map(|region| {
///         let outdir = base.join(region);
///         std::thread::spawn(move || {
///             let app = App::with_outdir(outdir); // created on the thread that uses it
///             let stack = TerraformStack::new(&app, region);
///             TerraformOutput::new(&stack, "region", region);
///             app.synth_all().map(|stacks| stacks.len())
///         })
///     })
///     .collect();
/// for h in handles {
///     assert_eq!(h.join().expect("thread").expect("synth"), 1);
/// }
/// ```
///
/// A string formatted from a value (`format!("{}", bucket.id())`) may cross threads, being a
/// `String`; used in another App it is reported by `synth`, never read as another value.
///
/// ```compile_fail
/// fn needs_send<T: Send>(_: T) {}
/// needs_send(cdktf::App::new());
/// ```
#[derive(Clone, Debug)]
pub struct App {
    node: Node,
    outdir: PathBuf,
}

impl Default for App {
    fn default() -> Self {
        Self::new()
    }
}

impl App {
    /// An app writing to `$CDKTF_OUTDIR` if set, else to `cdktf.out` (as cdktf does).
    pub fn new() -> Self {
        let outdir = std::env::var_os("CDKTF_OUTDIR")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("cdktf.out"));
        Self::with_outdir(outdir)
    }

    /// An app writing to `outdir`.
    pub fn with_outdir(outdir: impl Into<PathBuf>) -> Self {
        App {
            node: Node::new_root(),
            outdir: outdir.into(),
        }
    }

    /// The output directory.
    pub fn outdir(&self) -> &Path {
        &self.outdir
    }

    /// Writes `manifest.json` and `stacks/<name>/cdk.tf.json` for every stack, replacing the
    /// previous output as a whole, in one atomic step on Linux.
    ///
    /// The output directory must be new, empty, or the output of a previous synth (it holds its
    /// `manifest.json`); anything else, such as a project directory or a file, is refused with
    /// [`Error::UnsafeOutdir`]. Of the previous output, only the files synthesis writes are
    /// removed; other files in it (`.terraform/` after `terraform init`) are kept.
    ///
    /// Fails, writing nothing, if any problem was found while the constructs were created
    /// (duplicate ids, invalid names, ...) or while rendering them; the error lists them all.
    pub fn synth(&self) -> Result<()> {
        crate::synth::synth_to_dir(&self.node, &self.outdir)
    }

    /// The synthesized JSON of the stack `name`, in memory (nothing is written).
    pub fn synth_stack(&self, name: &str) -> Result<serde_json::Value> {
        let synthesized = crate::synth::synthesize(&self.node)?;
        synthesized
            .stacks
            .into_iter()
            .find(|(s, _)| s.id() == name)
            .map(|(_, tf)| tf)
            .ok_or_else(|| Error::InvalidConfig {
                path: name.to_string(),
                message: "no stack with this name".into(),
            })
    }

    /// The synthesized JSON of every stack, by name, in memory.
    pub fn synth_all(&self) -> Result<Vec<(String, serde_json::Value)>> {
        let synthesized = crate::synth::synthesize(&self.node)?;
        Ok(synthesized
            .stacks
            .into_iter()
            .map(|(s, tf)| (s.id().to_string(), tf))
            .collect())
    }
}

impl Scope for App {
    fn node(&self) -> &Node {
        &self.node
    }
}
