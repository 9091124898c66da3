use super::{backend_handle, optional_settings, Settings};

/// Which HCP Terraform workspaces the `cloud` block uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CloudWorkspaces {
    /// One workspace, by name, optionally in a project.
    Name {
        /// The workspace name.
        name: String,
        /// The project of the workspace.
        project: Option<String>,
    },
    /// Every workspace that has all the tags.
    Tags(Vec<String>),
}

impl CloudWorkspaces {
    /// One workspace, by name.
    pub fn named(name: impl Into<String>) -> Self {
        CloudWorkspaces::Name {
            name: name.into(),
            project: None,
        }
    }

    /// Workspaces by tags.
    pub fn tagged<S: Into<String>>(tags: impl IntoIterator<Item = S>) -> Self {
        CloudWorkspaces::Tags(tags.into_iter().map(Into::into).collect())
    }

    fn to_json(&self) -> serde_json::Value {
        match self {
            CloudWorkspaces::Name { name, project } => {
                let mut m = serde_json::json!({ "name": name });
                if let Some(p) = project {
                    m["project"] = p.clone().into();
                }
                m
            }
            CloudWorkspaces::Tags(tags) => serde_json::json!({ "tags": tags }),
        }
    }
}

/// Settings of the `cloud` block (HCP Terraform or Terraform Enterprise).
#[derive(Clone, Debug)]
#[must_use]
pub struct CloudBackendConfig {
    settings: Settings,
}

impl CloudBackendConfig {
    /// The required settings: the organization and its workspaces.
    pub fn new(organization: impl Into<String>, workspaces: CloudWorkspaces) -> Self {
        let mut settings = Settings::new();
        settings.insert("organization".into(), organization.into().into());
        settings.insert("workspaces".into(), workspaces.to_json());
        CloudBackendConfig { settings }
    }
}

optional_settings!(CloudBackendConfig {
    /// The host (default `app.terraform.io`); another host is a Terraform Enterprise install.
    hostname: string = "hostname";
    /// The API token (better kept in the CLI configuration).
    token: string = "token";
});

backend_handle!(
    /// The `cloud` block: the stack runs in HCP Terraform or Terraform Enterprise workspaces.
    /// Written to `terraform.cloud`; `//.metadata` gets `"backend": "cloud"` and `"cloud"`
    /// (`tfc` or `tfe`, from the hostname), as cdktf writes them.
    ///
    /// Other stacks can reference this one only when it names a single workspace: remote state
    /// cannot read a set of tagged workspaces.
    ///
    /// ```
    /// use cdktf::backend::{CloudBackend, CloudBackendConfig, CloudWorkspaces};
    /// use cdktf::{App, TerraformStack};
    /// let app = App::new();
    /// let stack = TerraformStack::new(&app, "prod");
    /// CloudBackend::new(
    ///     &stack,
    ///     CloudBackendConfig::new("acme", CloudWorkspaces::tagged(["app"])).hostname("tfe.acme.com"),
    /// );
    /// let json = app.synth_stack("prod")?;
    /// assert_eq!(json["terraform"]["cloud"]["workspaces"]["tags"][0], "app");
    /// assert_eq!(json["//"]["metadata"]["cloud"], "tfe");
    /// # Ok::<(), cdktf::Error>(())
    /// ```
    CloudBackend,
    CloudBackendConfig,
    "cloud"
);
