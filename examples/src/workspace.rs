//! What a user does next: a workspace connected to a VCS repository, with variables, in an
//! organization looked up with a data source.

use cdktf::prelude::*;
use tfe::data_tfe_organization::{DataTfeOrganization, DataTfeOrganizationConfig};
use tfe::provider::{TfeProvider, TfeProviderConfig};
use tfe::variable::{Variable, VariableConfig};
use tfe::workspace::{Workspace, WorkspaceConfig, WorkspaceVcsRepo};

/// Adds the stack `workspace-example` to `app`.
pub fn build(app: &App) -> TerraformStack {
    let stack = TerraformStack::new(app, "workspace-example");
    TfeProvider::new(&stack, "tfe", TfeProviderConfig::new());

    // The OAuth token id of the VCS connection is a secret input, not part of the code.
    let oauth_token_id = TerraformVariable::new(&stack, "oauth_token_id")
        .type_constraint("string")
        .sensitive(true)
        .description("OAuth token id of the organization's VCS connection");

    let org = DataTfeOrganization::new(
        &stack,
        "org",
        DataTfeOrganizationConfig::new().name("my-org-name"),
    );

    let workspace = Workspace::new(
        &stack,
        "app",
        WorkspaceConfig::new("app-production")
            .organization(org.name())
            .auto_apply(true)
            .terraform_version("1.11.4")
            .working_directory("infra")
            .tag_names(vec!["app", "production"])
            .vcs_repo(
                WorkspaceVcsRepo::new("acme/app")
                    .branch("main")
                    .oauth_token_id(oauth_token_id.string_value()),
            ),
    );

    Variable::new(
        &stack,
        "region",
        VariableConfig::new("terraform", "region")
            .value("eu-west-1")
            .workspace_id(workspace.id()),
    );
    Variable::new(
        &stack,
        "replicas",
        VariableConfig::new("terraform", "replicas")
            .value("3")
            .hcl(true)
            .description("Number of application replicas")
            .workspace_id(workspace.id()),
    );
    Variable::new(
        &stack,
        "aws-secret",
        VariableConfig::new("env", "AWS_SECRET_ACCESS_KEY")
            .value(Value::literal("set-me-in-the-ui"))
            .sensitive(true)
            .workspace_id(workspace.id()),
    );

    TerraformOutput::new(&stack, "workspace_url", workspace.html_url());
    stack
}
