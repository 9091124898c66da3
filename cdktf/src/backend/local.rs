use crate::construct::{Node, Scope};

/// The `local` backend: state in a file on disk.
///
/// Without an explicit path, cdktf (and this library) uses `terraform.<stack>.tfstate` in the
/// working directory at synthesis time, as an absolute path.
#[derive(Clone, Debug)]
pub struct LocalBackend {
    node: Node,
}

impl LocalBackend {
    /// Adds a local backend to the stack of `scope`. `path` and `workspace_dir` are optional.
    pub fn new(scope: &impl Scope, path: Option<&str>, workspace_dir: Option<&str>) -> Self {
        let mut config = serde_json::Map::new();
        if let Some(p) = path {
            config.insert("path".into(), p.into());
        }
        if let Some(w) = workspace_dir {
            config.insert("workspace_dir".into(), w.into());
        }
        LocalBackend {
            node: super::create(scope, "local", config),
        }
    }

    /// The tree node.
    pub fn node(&self) -> &Node {
        &self.node
    }
}
