//! The seed example: an organization, an agent pool in it, and an agent token for the pool.

use cdktf::prelude::*;
use tfe::agent_pool::{AgentPool, AgentPoolConfig};
use tfe::agent_token::{AgentToken, AgentTokenConfig};
use tfe::organization::{Organization, OrganizationConfig};
use tfe::provider::{TfeProvider, TfeProviderConfig};

/// Adds the stack `agent-token-example` to `app`.
pub fn build(app: &App) -> TerraformStack {
    let stack = TerraformStack::new(app, "agent-token-example");
    TfeProvider::new(
        &stack,
        "tfe",
        TfeProviderConfig::new().hostname("app.terraform.io"),
    );

    let org = Organization::new(
        &stack,
        "test-organization",
        OrganizationConfig::new("admin@company.com", "my-org-name"),
    );
    let pool = AgentPool::new(
        &stack,
        "test-agent-pool",
        AgentPoolConfig::new("my-agent-pool-name").organization(org.id()),
    );
    let token = AgentToken::new(
        &stack,
        "test-agent-token",
        AgentTokenConfig::new(pool.id(), "my-agent-token-name"),
    );

    TerraformOutput::new(&stack, "agent_token", token.token()).sensitive(true);
    stack
}
