//! How generated bindings and new projects depend on the `cdktf` runtime crate: the one place
//! that decides it.

use std::path::PathBuf;

/// The `cdktf` dependency written into generated bindings crates (`get`) and new projects
/// (`init`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A path dependency on a checkout of the runtime crate.
    Path(PathBuf),
}

impl Default for RuntimeDependency {
    /// The runtime crate this command line was built from (its `cdktf/` directory).
    fn default() -> Self {
        RuntimeDependency::Path(codegen::default_runtime_dir())
    }
}

impl RuntimeDependency {
    /// A path dependency on `dir` (`--runtime-path`); a relative path is taken from the current
    /// directory.
    pub fn path(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        RuntimeDependency::Path(std::path::absolute(&dir).unwrap_or(dir))
    }

    /// Sets the generator's runtime dependency.
    pub fn configure(&self, config: &mut codegen::Config) {
        match self {
            RuntimeDependency::Path(p) => {
                config.runtime_path(p.to_string_lossy().replace('\\', "/"));
            }
        }
    }

    /// The dependency as a `Cargo.toml` value: `{ path = "..." }`.
    pub fn toml(&self) -> String {
        match self {
            RuntimeDependency::Path(p) => {
                let path = toml::Value::String(p.to_string_lossy().replace('\\', "/"));
                format!("{{ path = {path} }}")
            }
        }
    }
}
