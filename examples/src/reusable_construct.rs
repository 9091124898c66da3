//! A user-defined construct reused twice: a team with its own workspace and write access to it.

use cdktf::{prelude::*, Node};
use tfe::provider::{TfeProvider, TfeProviderConfig};
use tfe::team::{Team, TeamConfig};
use tfe::team_access::{TeamAccess, TeamAccessConfig};
use tfe::workspace::{Workspace, WorkspaceConfig};

/// A team, its workspace, and the team's `write` access to it.
pub struct TeamWorkspace {
    scope: Construct,
    /// The team.
    pub team: Team,
    /// The team's workspace.
    pub workspace: Workspace,
}

impl TeamWorkspace {
    /// Creates the team `name` and the workspace `<name>-infra` in `organization`.
    pub fn new(scope: &impl Scope, name: &str, organization: &str) -> Self {
        let scope = Construct::new(scope, name);
        let team = Team::new(
            &scope,
            "team",
            TeamConfig::new(name).organization(organization),
        );
        let workspace = Workspace::new(
            &scope,
            "workspace",
            WorkspaceConfig::new(format!("{name}-infra")).organization(organization),
        );
        TeamAccess::new(
            &scope,
            "access",
            TeamAccessConfig::new(team.id(), workspace.id()).access("write"),
        );
        TeamWorkspace {
            scope,
            team,
            workspace,
        }
    }
}

impl Scope for TeamWorkspace {
    fn node(&self) -> &Node {
        self.scope.node()
    }
}

/// Adds the stack `teams` with two teams to `app`.
pub fn build(app: &App) -> TerraformStack {
    let stack = TerraformStack::new(app, "teams");
    TfeProvider::new(&stack, "tfe", TfeProviderConfig::new());
    for name in ["frontend", "backend"] {
        let team = TeamWorkspace::new(&stack, name, "acme");
        TerraformOutput::new(&stack, &format!("{name}_workspace_id"), team.workspace.id());
    }
    stack
}
