use super::{backend_handle, optional_settings, Settings};

/// Which workspaces the `remote` backend uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RemoteWorkspaces {
    /// One workspace, by name.
    Name(String),
    /// Every workspace whose name starts with the prefix.
    Prefix(String),
}

impl RemoteWorkspaces {
    /// One workspace, by name.
    pub fn named(name: impl Into<String>) -> Self {
        RemoteWorkspaces::Name(name.into())
    }

    /// Workspaces by name prefix.
    pub fn prefixed(prefix: impl Into<String>) -> Self {
        RemoteWorkspaces::Prefix(prefix.into())
    }

    fn to_json(&self) -> serde_json::Value {
        match self {
            RemoteWorkspaces::Name(n) => serde_json::json!({ "name": n }),
            RemoteWorkspaces::Prefix(p) => serde_json::json!({ "prefix": p }),
        }
    }
}

/// Settings of the `remote` backend: state in HCP Terraform or Terraform Enterprise workspaces.
#[derive(Clone, Debug)]
#[must_use]
pub struct RemoteBackendConfig {
    settings: Settings,
}

impl RemoteBackendConfig {
    /// The required settings: the organization and its workspaces.
    pub fn new(organization: impl Into<String>, workspaces: RemoteWorkspaces) -> Self {
        let mut settings = Settings::new();
        settings.insert("organization".into(), organization.into().into());
        settings.insert("workspaces".into(), workspaces.to_json());
        RemoteBackendConfig { settings }
    }

    pub(crate) fn into_settings(self) -> Settings {
        self.settings
    }
}

optional_settings!(RemoteBackendConfig {
    /// The host (default `app.terraform.io`); another host is a Terraform Enterprise install.
    hostname: string = "hostname";
    /// The API token (better kept in the CLI configuration).
    token: string = "token";
});

backend_handle!(
    /// The `remote` backend: state in HCP Terraform or Terraform Enterprise.
    ///
    /// ```
    /// use cdktf::backend::{RemoteBackend, RemoteBackendConfig, RemoteWorkspaces};
    /// use cdktf::{App, TerraformStack};
    /// let app = App::new();
    /// let stack = TerraformStack::new(&app, "prod");
    /// RemoteBackend::new(&stack, RemoteBackendConfig::new("acme", RemoteWorkspaces::named("prod")));
    /// let json = app.synth_stack("prod")?;
    /// assert_eq!(json["//"]["metadata"]["cloud"], "tfc");
    /// # Ok::<(), cdktf::Error>(())
    /// ```
    RemoteBackend,
    RemoteBackendConfig,
    "remote"
);
