//! An organization-wide policy applied with an aspect (cdktf's own aspect example): every agent
//! pool of the stack, wherever it is created, becomes organization scoped. The stack also adopts
//! an existing pool with an `import` block, renames another with a `moved` block, and notifies
//! through a `local-exec` provisioner on `terraform_data` whenever the pools change.

use cdktf::prelude::*;
use cdktf::LocalExec;
use tfe::agent_pool::{AgentPool, AgentPoolConfig};
use tfe::organization::{Organization, OrganizationConfig};
use tfe::provider::{TfeProvider, TfeProviderConfig};

/// Builds the stack `agent-pools` in `app`.
pub fn build(app: &App) {
    let stack = TerraformStack::new(app, "agent-pools");
    TfeProvider::new(&stack, "tfe", TfeProviderConfig::new());
    let org = Organization::new(
        &stack,
        "org",
        OrganizationConfig::new("admin@company.com", "my-org-name"),
    );

    let builds = AgentPool::new(
        &stack,
        "builds",
        AgentPoolConfig::new("builds").organization(org.name()),
    );
    // Created elsewhere (in the UI): adopted into this configuration.
    let legacy = AgentPool::new(
        &stack,
        "legacy",
        AgentPoolConfig::new("legacy").organization(org.name()),
    );
    legacy.import_from("apool-legacy123");
    // Was `tfe_agent_pool.deploy` before the team construct existed.
    let team = Construct::new(&stack, "platform-team");
    let deploys = AgentPool::new(
        &team,
        "deploys",
        AgentPoolConfig::new("deploys").organization(org.name()),
    );
    deploys.move_from_id("tfe_agent_pool.deploy");

    TerraformData::new(
        &stack,
        "notify",
        TerraformDataConfig::new()
            .triggers_replace(vec![builds.id(), legacy.id(), deploys.id()])
            .provisioner(LocalExec::new("echo agent pools changed")),
    );

    Aspects::of(&stack).add(|node: &Node| {
        if let Some(pool) = AgentPool::from_node(node) {
            pool.configure(|config| config.organization_scoped(true));
            Annotations::of(node).add_info("organization scoped by policy");
        }
    });
}
