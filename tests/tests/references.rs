//! Typed references of the generated bindings as output values: a whole block (its `...Ref`) and
//! a list of blocks (`ListRef`) render as the expression they stand for.

use cdktf::{TerraformOutput, TerraformStack};
use tfe::workspace::{Workspace, WorkspaceConfig};

#[test]
fn block_references_are_output_values() {
    let app = cdktf::App::new();
    let stack = TerraformStack::new(&app, "refs");
    let workspace = Workspace::new(&stack, "app", WorkspaceConfig::new("app"));
    TerraformOutput::new(&stack, "repo", workspace.vcs_repo());
    // A reference to one field of the block, and the `ToExpression` of the block itself.
    TerraformOutput::new(&stack, "branch", workspace.vcs_repo().branch());
    let expr = cdktf::ToExpression::to_expression(&workspace.vcs_repo());
    TerraformOutput::new(&stack, "expr", expr);

    let stacks = app.synth_all().expect("synth");
    let (_, tf) = stacks.iter().find(|(n, _)| n == "refs").expect("stack");
    let out = &tf["output"];
    assert_eq!(
        out["repo"]["value"], "${tfe_workspace.app.vcs_repo[0]}",
        "{tf:#}"
    );
    assert_eq!(
        out["branch"]["value"], "${tfe_workspace.app.vcs_repo[0].branch}",
        "{tf:#}"
    );
    assert_eq!(out["expr"]["value"], out["repo"]["value"], "{tf:#}");
}
