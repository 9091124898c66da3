//! Aspects, annotations, validations, moves, imports, removed and check blocks, provisioners and
//! assets: their rules and their errors. (Their output against cdktf's is
//! `tests/tests/blocks.rs` of the integration tests.)

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use cdktf::prelude::*;
use cdktf::{
    AnnotationLevel, Error, LocalExec, MoveIndex, TerraformAsset, TerraformAssetConfig,
    TerraformCheck, TerraformRemoved,
};
use common::{data, resource, Config};

fn messages(err: &Error) -> Vec<String> {
    match err {
        Error::Multiple(all) => all.iter().map(ToString::to_string).collect(),
        one => vec![one.to_string()],
    }
}

#[test]
fn error_annotations_and_failed_validations_fail_synth_listing_each_and_writing_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let outdir = dir.path().join("cdktf.out");
    let app = App::with_outdir(&outdir);
    let stack = TerraformStack::new(&app, "s");
    let group = Construct::new(&stack, "group");
    Annotations::of(&stack).add_error("first problem");
    Annotations::of(&group).add_error("second problem");
    Annotations::of(&group).add_warning("only a warning");
    Annotations::of(&group).add_info("only information");
    group.node().add_validation(|| vec!["group is incomplete"]);
    stack.node().add_validation(Vec::<String>::new);
    let err = app.synth().expect_err("errors");
    assert_eq!(
        messages(&err),
        [
            "[s/group] validation failed: group is incomplete",
            "[s] first problem",
            "[s/group] second problem",
        ]
    );
    assert!(!outdir.exists(), "nothing is written");
}

#[test]
fn annotations_are_listed_per_stack_in_tree_order() {
    let app = App::new();
    let a = TerraformStack::new(&app, "a");
    let b = TerraformStack::new(&app, "b");
    let inner = Construct::new(&a, "inner");
    Annotations::of(&inner).add_warning("w");
    Annotations::of(&a).add_info("i");
    Annotations::of(&b).add_info("other stack");
    let all: Vec<(String, AnnotationLevel)> = a
        .node()
        .find_all()
        .iter()
        .flat_map(Node::annotations)
        .map(|x| (x.construct_path, x.level))
        .collect();
    assert_eq!(
        all,
        [
            ("a".to_string(), AnnotationLevel::Info),
            ("a/inner".to_string(), AnnotationLevel::Warning)
        ]
    );
    assert!(app.synth_all().is_ok(), "warnings and infos do not fail");
}

#[test]
fn aspects_visit_depth_first_inherited_first_once_per_construct() {
    let app = App::new();
    let stack = TerraformStack::new(&app, "s");
    let group = Construct::new(&stack, "group");
    Construct::new(&group, "leaf");
    Construct::new(&stack, "after");
    let log: Rc<RefCell<Vec<String>>> = Rc::default();
    let (l1, l2, l3) = (log.clone(), log.clone(), log.clone());
    Aspects::of(&app).add(move |n: &Node| l1.borrow_mut().push(format!("app:{}", n.path())));
    Aspects::of(&stack).add(move |n: &Node| l2.borrow_mut().push(format!("stack:{}", n.path())));
    Aspects::of(&group).add(move |n: &Node| l3.borrow_mut().push(format!("group:{}", n.path())));
    app.synth_all().expect("synth");
    app.synth_all().expect("synth again");
    assert_eq!(
        *log.borrow(),
        [
            "app:",
            "app:s",
            "stack:s",
            "app:s/group",
            "stack:s/group",
            "group:s/group",
            "app:s/group/leaf",
            "stack:s/group/leaf",
            "group:s/group/leaf",
            "app:s/after",
            "stack:s/after",
        ]
    );
}

#[test]
fn constructs_added_by_an_aspect_are_visited_and_aspects_added_by_aspects_are_not() {
    let app = App::new();
    let stack = TerraformStack::new(&app, "s");
    let seen: Rc<RefCell<Vec<String>>> = Rc::default();
    let log = seen.clone();
    Aspects::of(&stack).add(move |n: &Node| {
        log.borrow_mut().push(n.path().to_string());
        if n.is_stack() {
            Construct::new(n, "made-by-aspect");
            Aspects::of(n).add(|_: &Node| panic!("an aspect added by an aspect must not run"));
        }
    });
    let json = app.synth_stack("s").expect("synth");
    assert_eq!(*seen.borrow(), ["s", "s/made-by-aspect"]);
    let warnings: Vec<String> = stack
        .node()
        .annotations()
        .into_iter()
        .map(|a| a.message)
        .collect();
    assert_eq!(
        warnings,
        ["We detected an Aspect was added via another Aspect, and will not be applied"]
    );
    assert!(json.is_object());
}

#[test]
fn an_aspect_changes_resources_through_their_configuration() {
    let app = App::new();
    let stack = TerraformStack::new(&app, "s");
    resource(&stack, "a", "terraform_data", Config::new());
    resource(&stack, "b", "tfe_agent_pool", Config::new());
    Aspects::of(&stack).add(|n: &Node| {
        if let Some(d) = TerraformData::from_node(n) {
            d.configure(|c| c.input("set by aspect"));
        }
    });
    let json = app.synth_stack("s").expect("synth");
    assert_eq!(
        json["resource"]["terraform_data"]["a"]["input"],
        "set by aspect"
    );
    assert!(json["resource"]["tfe_agent_pool"]["b"]
        .get("input")
        .is_none());
}

#[test]
fn moves_that_cannot_be_written_are_reported() {
    let app = App::new();
    let stack = TerraformStack::new(&app, "s");
    let a = resource(&stack, "a", "terraform_data", Config::new());
    let b = resource(&stack, "b", "tfe_agent_pool", Config::new());
    let c = resource(&stack, "c", "terraform_data", Config::new());
    let d = resource(&stack, "d", "terraform_data", Config::new());
    b.add_move_target("pool");
    c.add_move_target("pool");
    a.move_to("pool", None);
    a.move_to("nowhere", None);
    c.move_to("missing", Some(MoveIndex::from(0)));
    d.move_to_id("terraform_data.x");
    d.move_from_id("terraform_data.y");
    let err = app.synth_stack("s").expect_err("invalid moves");
    assert_eq!(
        messages(&err),
        [
            "s/c: the move target \"pool\" is already set on the resource at s/b",
            "s/a: already moved to the target \"pool\", cannot also move to \"nowhere\"",
            "s/d: already moved by address (from terraform_data.d to terraform_data.x); a \
             resource takes one move",
            "s/a: the move target \"pool\" is a tfe_agent_pool, not a terraform_data",
            "s/c: no resource is registered as the move target \"missing\" (add_move_target)",
        ]
    );
}

#[test]
fn a_zero_move_index_is_written() {
    let app = App::new();
    let stack = TerraformStack::new(&app, "s");
    let a = resource(&stack, "a", "terraform_data", Config::new());
    let b = resource(&stack, "b", "terraform_data", Config::new().count(2));
    b.add_move_target("b");
    a.move_to("b", Some(MoveIndex::Number(0)));
    let json = app.synth_stack("s").expect("synth");
    assert_eq!(json["moved"][0]["to"], "terraform_data.b[0]");
    assert_eq!(json["//"]["metadata"]["moved"]["terraform_data"][0], "a");
}

#[test]
fn data_sources_take_no_import_move_or_provisioner() {
    let app = App::new();
    let stack = TerraformStack::new(&app, "s");
    let d = data(
        &stack,
        "d",
        "tfe_organization",
        Config::new().provisioner(LocalExec::new("echo")),
    );
    d.import_from("x");
    d.move_to_id("data.tfe_organization.y");
    d.move_to("anywhere", None);
    let all = messages(&app.synth_stack("s").expect_err("invalid"));
    assert_eq!(
        all,
        [
            "s/d: only managed resources can be imported",
            "s/d: only managed resources can be moved",
            "s/d: only managed resources can be moved",
            "s/d: provisioners and connection apply to managed resources only",
        ]
    );
}

#[test]
fn removed_and_check_blocks_are_written_as_terraform_reads_them() {
    let app = App::new();
    let stack = TerraformStack::new(&app, "s");
    TerraformRemoved::new(&stack, "gone", "module.legacy").destroy(true);
    TerraformRemoved::new(&stack, "kept", "terraform_data.x")
        .destroy(false)
        .provisioner(LocalExec::new("echo bye").when(cdktf::When::Destroy));
    let check = TerraformCheck::new(&stack, "health");
    let org = data(&check, "org", "tfe_organization", Config::new());
    check.assert(
        Value::<bool>::from_expression(org.attr_expression("is_active")),
        format!("{} is not active", org.attr::<Value<String>>("name")),
    );
    let json = app.synth_stack("s").expect("synth");
    assert_eq!(
        json["removed"],
        serde_json::json!([
            { "from": "module.legacy", "lifecycle": { "destroy": true } },
            {
                "from": "terraform_data.x",
                "lifecycle": { "destroy": false },
                "provisioner": [{ "local-exec": { "command": "echo bye", "when": "destroy" } }]
            }
        ])
    );
    let body = &json["check"]["health"];
    let orgs = body["data"]["tfe_organization"]
        .as_object()
        .expect("scoped data");
    let id = orgs.keys().next().expect("one data source").clone();
    assert!(id.starts_with("health_org_"), "{id}");
    assert_eq!(
        body["assert"][0]["condition"],
        format!("${{data.tfe_organization.{id}.is_active}}")
    );
    assert_eq!(
        body["assert"][0]["error_message"],
        format!("${{data.tfe_organization.{id}.name}} is not active")
    );
    assert!(json.get("data").is_none(), "scoped data stays in the check");
}

#[test]
fn checks_hold_data_sources_and_at_least_one_assert() {
    let app = App::new();
    let stack = TerraformStack::new(&app, "s");
    let check = TerraformCheck::new(&stack, "c");
    resource(&check, "r", "terraform_data", Config::new());
    let all = messages(&app.synth_stack("s").expect_err("invalid"));
    assert_eq!(
        all,
        [
            "s/c/r: only data sources can be created in a check block",
            "s/c: a check block needs at least one assert",
        ]
    );
}

#[test]
fn generate_config_for_import_writes_an_import_block_only() {
    let app = App::new();
    let stack = TerraformStack::new(&app, "s");
    let group = Construct::new(&stack, "g");
    TerraformData::generate_config_for_import(&group, "found", "id-1", None);
    let json = app.synth_stack("s").expect("synth");
    let id = json["//"]["metadata"]["importsGeneratingConfiguration"][0]
        .as_str()
        .expect("id")
        .to_string();
    assert!(id.starts_with("g_found_"), "{id}");
    assert_eq!(
        json["import"],
        serde_json::json!([{ "id": "id-1", "to": format!("terraform_data.{id}") }])
    );
    assert!(json.get("resource").is_none());
}

#[test]
fn a_synth_keeps_only_the_assets_it_uses() {
    let dir = tempfile::tempdir().expect("tmp");
    let source = dir.path().join("f.txt");
    let out = dir.path().join("out");
    let synth = |content: &str| {
        std::fs::write(&source, content).expect("write");
        let app = App::with_outdir(&out);
        let stack = TerraformStack::new(&app, "s");
        let asset = TerraformAsset::new(&stack, "a", TerraformAssetConfig::new(&source));
        app.synth().expect("synth");
        out.join("stacks/s").join(asset.path())
    };
    let first = synth("one");
    // A file of the user's (Terraform's state) beside the assets is kept.
    std::fs::write(out.join("stacks/s/terraform.tfstate"), "{}").expect("write");
    let second = synth("two");
    assert_ne!(first, second, "a new hash for new content");
    assert_eq!(std::fs::read_to_string(&second).expect("asset"), "two");
    assert!(
        !first.exists(),
        "the earlier synth's copy is gone: {}",
        first.display()
    );
    let copies = std::fs::read_dir(out.join("stacks/s/assets/a"))
        .expect("assets")
        .count();
    assert_eq!(copies, 1);
    assert!(out.join("stacks/s/terraform.tfstate").exists());
}

#[test]
fn unusable_assets_are_reported() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("f.txt"), "x").expect("write");
    let app = App::with_outdir(dir.path().join("out"));
    let stack = TerraformStack::new(&app, "s");
    TerraformAsset::new(
        &stack,
        "missing",
        TerraformAssetConfig::new(dir.path().join("nope")),
    );
    TerraformAsset::new(
        &stack,
        "dir-as-file",
        TerraformAssetConfig::new(dir.path()).asset_type(cdktf::AssetType::File),
    );
    TerraformAsset::new(
        &stack,
        "file-as-archive",
        TerraformAssetConfig::new(dir.path().join("f.txt")).asset_type(cdktf::AssetType::Archive),
    );
    let given = TerraformAsset::new(
        &stack,
        "given-hash",
        TerraformAssetConfig::new(dir.path().join("f.txt")).asset_hash("v1"),
    );
    assert_eq!(given.path(), "assets/given-hash/v1/f.txt");
    let all = messages(&app.synth().expect_err("invalid assets"));
    assert_eq!(all.len(), 3, "{all:#?}");
    assert!(all[0].starts_with("s/missing: asset "), "{}", all[0]);
    assert!(all[1].ends_with("is a directory, not a file"), "{}", all[1]);
    assert!(all[2].contains("need a directory"), "{}", all[2]);
}
