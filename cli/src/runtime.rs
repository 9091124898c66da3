//! How generated bindings and new projects depend on the `cdktf` runtime crate: the one place
//! that decides it.

use std::path::PathBuf;

/// The `cdktf` dependency written into generated bindings crates (`get`) and new projects
/// (`init`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// The published runtime, by version requirement (`cdktf = "0.1.0"`).
    Version(String),
    /// A path dependency on a checkout of the runtime crate.
    Path(PathBuf),
}

impl Default for RuntimeDependency {
    /// The published runtime of the version this command line was released with, so that a
    /// project works wherever it is, whatever happened to the build tree of the command line.
    fn default() -> Self {
        RuntimeDependency::Version(codegen::RUNTIME_VERSION.to_string())
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
            // The generator's default is the published runtime of its own version.
            RuntimeDependency::Version(_) => {}
            RuntimeDependency::Path(p) => {
                config.runtime_path(p.to_string_lossy().replace('\\', "/"));
            }
        }
    }

    /// The dependency as a `Cargo.toml` value: `"0.1.0"` or `{ path = "..." }`.
    pub fn toml(&self) -> String {
        match self {
            RuntimeDependency::Version(v) => toml::Value::String(v.clone()).to_string(),
            RuntimeDependency::Path(p) => {
                let path = toml::Value::String(p.to_string_lossy().replace('\\', "/"));
                format!("{{ path = {path} }}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_published_runtime() {
        assert_eq!(
            RuntimeDependency::default().toml(),
            format!("\"{}\"", codegen::RUNTIME_VERSION)
        );
        let path = RuntimeDependency::Path(PathBuf::from("/src/cdktf"));
        assert_eq!(path.toml(), "{ path = \"/src/cdktf\" }");
    }
}
