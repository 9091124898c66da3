use super::{optional_settings, Settings};
use crate::construct::{Node, Scope};

/// Settings of the `local` backend: state in a file on disk. All are optional.
///
/// Without a path, cdktf (and this library) uses `terraform.<stack>.tfstate` in the working
/// directory at synthesis time, as an absolute path.
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct LocalBackendConfig {
    settings: Settings,
}

impl LocalBackendConfig {
    /// No settings: the default path.
    pub fn new() -> Self {
        Self::default()
    }
}

optional_settings!(LocalBackendConfig {
    /// The path of the state file.
    path: string = "path";
    /// The directory of non-default workspaces' state files.
    workspace_dir: string = "workspace_dir";
});

/// The `local` backend: state in a file on disk.
///
/// ```
/// use cdktf::backend::{LocalBackend, LocalBackendConfig};
/// use cdktf::{App, TerraformStack};
///
/// let app = App::new();
/// let stack = TerraformStack::new(&app, "dev");
/// LocalBackend::from_config(&stack, LocalBackendConfig::new().path("state/dev.tfstate"));
/// let json = app.synth_stack("dev")?;
/// assert_eq!(json["terraform"]["backend"]["local"]["path"], "state/dev.tfstate");
/// # Ok::<(), cdktf::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct LocalBackend {
    node: Node,
}

impl LocalBackend {
    /// Adds a local backend to the stack of `scope`. `path` and `workspace_dir` are optional.
    pub fn new(scope: &impl Scope, path: Option<&str>, workspace_dir: Option<&str>) -> Self {
        let mut config = LocalBackendConfig::new();
        if let Some(p) = path {
            config = config.path(p);
        }
        if let Some(w) = workspace_dir {
            config = config.workspace_dir(w);
        }
        Self::from_config(scope, config)
    }

    /// Adds a local backend with `config` to the stack of `scope`.
    pub fn from_config(scope: &impl Scope, config: LocalBackendConfig) -> Self {
        LocalBackend {
            node: super::create(scope, "local", config.settings),
        }
    }

    /// The tree node.
    pub fn node(&self) -> &Node {
        &self.node
    }
}

impl crate::element::TerraformElement for LocalBackend {
    fn element_node(&self) -> &Node {
        &self.node
    }
}

impl LocalBackendConfig {
    pub(crate) fn into_settings(self) -> Settings {
        self.settings
    }
}
