//! The synthesis benchmark: one agent pool and `n` agent tokens that reference it (the shape of
//! cdktf's own 10,000-resource measurement).

use cdktf::prelude::*;
use tfe::agent_pool::{AgentPool, AgentPoolConfig};
use tfe::agent_token::{AgentToken, AgentTokenConfig};
use tfe::provider::{TfeProvider, TfeProviderConfig};

/// Adds the stack `scale` with `n` agent tokens to `app`.
pub fn build(app: &App, n: usize) -> TerraformStack {
    let stack = TerraformStack::new(app, "scale");
    TfeProvider::new(&stack, "tfe", TfeProviderConfig::new());
    let pool = AgentPool::new(
        &stack,
        "pool",
        AgentPoolConfig::new("pool").organization("my-org-name"),
    );
    for i in 0..n {
        AgentToken::new(
            &stack,
            &format!("token-{i}"),
            AgentTokenConfig::new(pool.id(), format!("token {i}")),
        );
    }
    stack
}
