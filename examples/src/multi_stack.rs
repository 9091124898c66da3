//! Several stacks with a cross-stack reference: the `platform` stack owns the organization and
//! a project, the `apps` stack puts a workspace in that project. `apps` reads the project id
//! through remote state, and `manifest.json` records that it depends on `platform`.

use cdktf::prelude::*;
use tfe::organization::{Organization, OrganizationConfig};
use tfe::project::{Project, ProjectConfig};
use tfe::provider::{TfeProvider, TfeProviderConfig};
use tfe::workspace::{Workspace, WorkspaceConfig};

/// Adds the stacks `platform` and `apps` to `app`.
pub fn build(app: &App) -> (TerraformStack, TerraformStack) {
    let platform = TerraformStack::new(app, "platform");
    TfeProvider::new(&platform, "tfe", TfeProviderConfig::new());
    let org = Organization::new(
        &platform,
        "org",
        OrganizationConfig::new("admin@company.com", "acme"),
    );
    let project = Project::new(
        &platform,
        "payments",
        ProjectConfig::new("payments").organization(org.name()),
    );

    let apps = TerraformStack::new(app, "apps");
    TfeProvider::new(&apps, "tfe", TfeProviderConfig::new());
    Workspace::new(
        &apps,
        "payments-api",
        WorkspaceConfig::new("payments-api")
            .organization("acme")
            .project_id(project.id()),
    );
    (platform, apps)
}
