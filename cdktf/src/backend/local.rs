use super::{backend_handle, optional_settings, Settings};

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

backend_handle!(
    /// The `local` backend: state in a file on disk.
    ///
    /// ```
    /// use cdktf::backend::{LocalBackend, LocalBackendConfig};
    /// use cdktf::{App, TerraformStack};
    ///
    /// let app = App::new();
    /// let stack = TerraformStack::new(&app, "dev");
    /// LocalBackend::new(&stack, LocalBackendConfig::new().path("state/dev.tfstate"));
    /// let json = app.synth_stack("dev")?;
    /// assert_eq!(json["terraform"]["backend"]["local"]["path"], "state/dev.tfstate");
    /// # Ok::<(), cdktf::Error>(())
    /// ```
    LocalBackend,
    LocalBackendConfig,
    "local"
);

impl LocalBackendConfig {
    pub(crate) fn into_settings(self) -> Settings {
        self.settings
    }
}
