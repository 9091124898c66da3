//! Blocks that appear at most once take a struct or a dynamic block; objects inside collection
//! attributes take setters and write the fields left unset as `null`.

use cdktf::prelude::*;
use tfe::team::{Team, TeamConfig, TeamOrganizationAccess};

#[test]
fn a_single_block_can_be_dynamic() {
    let app = App::new();
    let stack = TerraformStack::new(&app, "s");
    let access = TerraformIterator::from_list(vec![true]);
    Team::new(
        &stack,
        "team",
        TeamConfig::new("ops").organization_access(
            access.dynamic(TeamOrganizationAccess::new().manage_policies(access.value())),
        ),
    );
    Team::new(
        &stack,
        "static",
        TeamConfig::new("dev")
            .organization_access(TeamOrganizationAccess::new().manage_policies(true)),
    );
    let json = app.synth_stack("s").expect("synth");
    let team = &json["resource"]["tfe_team"]["team"];
    assert_eq!(
        team["dynamic"]["organization_access"],
        serde_json::json!({
            "content": { "manage_policies": "${each.value}" },
            "for_each": "${toset([true])}",
            "iterator": "each",
        })
    );
    assert!(team.get("organization_access").is_none());
    assert_eq!(
        json["resource"]["tfe_team"]["static"]["organization_access"],
        serde_json::json!({ "manage_policies": true })
    );
}

#[test]
fn object_fields_left_unset_are_null() {
    use tfe::data_tfe_workspace::DataTfeWorkspaceVcsRepo;
    let repo: cdktf::Value<DataTfeWorkspaceVcsRepo> = DataTfeWorkspaceVcsRepo::new()
        .identifier("acme/app")
        .ingress_submodules(true)
        .into();
    assert_eq!(
        repo.to_literal_json(),
        Some(serde_json::json!({
            "branch": null,
            "github_app_installation_id": null,
            "identifier": "acme/app",
            "ingress_submodules": true,
            "oauth_token_id": null,
            "tags_regex": null,
        }))
    );
}
