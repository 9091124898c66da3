//! import, moved, terraform_data with provisioners and connections, aspects, annotations and
//! assets: the program of `fixtures/blocks/main.js` in Rust, compared byte for byte with what
//! cdktf 0.21 wrote for it (`fixtures/blocks/{cdk.tf.json,manifest.json}`, checked in).

use std::path::{Path, PathBuf};

use cdktf::prelude::*;
use cdktf::{
    AssetType, Connection, FileProvisioner, LocalExec, MoveIndex, RemoteExec, TerraformAsset,
    TerraformAssetConfig, TerraformSelf, When,
};
use tfe::agent_pool::{AgentPool, AgentPoolConfig};
use tfe::provider::{TfeProvider, TfeProviderConfig};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/blocks")
}

/// The Rust twin of `fixtures/blocks/main.js`, statement for statement.
fn build(app: &App) {
    let stack = TerraformStack::new(app, "blocks");
    TfeProvider::new(&stack, "tfe", TfeProviderConfig::new());
    let secondary = TfeProvider::new(
        &stack,
        "tfe-secondary",
        TfeProviderConfig::new().alias("secondary"),
    );

    // terraform_data, provisioners, connections.
    let version = TerraformData::new(&stack, "version", TerraformDataConfig::new().input("1.2.3"));
    TerraformData::new(
        &stack,
        "deploy",
        TerraformDataConfig::new()
            .input(serde_json::json!({ "nested": { "key": "v" }, "list": [1, 2], "flag": true }))
            .triggers_replace(version.output())
            .connection(
                Connection::ssh(TerraformSelf::get_string("input"))
                    .user("admin")
                    .port(22)
                    .private_key("KEY")
                    .bastion_host("bastion.example.com")
                    .target_platform("unix"),
            )
            .provisioner(
                LocalExec::new(format!("echo deploying {}", version.id()))
                    .working_dir("/tmp")
                    .interpreter(["/bin/sh", "-c"])
                    .environment([("STAGE", "dev"), ("MixedCase", "x")])
                    .when(When::Create),
            )
            .provisioner(
                FileProvisioner::new("/etc/motd")
                    .content("hello")
                    .connection(
                        Connection::winrm("win.example.com")
                            .user("Administrator")
                            .https(true)
                            .use_ntlm(true),
                    ),
            )
            .provisioner(RemoteExec::new().inline(["uptime", "whoami"]))
            .provisioner(LocalExec::new("echo bye").when(When::Destroy)),
    );

    // import blocks.
    let adopted = TerraformData::new(&stack, "adopted", TerraformDataConfig::new().input("x"));
    adopted.import_from("adopted-id");
    let via_provider =
        TerraformData::new(&stack, "adopted-via-provider", TerraformDataConfig::new());
    via_provider.import_from_with_provider("other-id", &secondary);
    TerraformData::generate_config_for_import(&stack, "generated", "gen-id", None);

    // moved blocks.
    let old = TerraformData::new(&stack, "old", TerraformDataConfig::new().input("old"));
    let new = TerraformData::new(&stack, "new", TerraformDataConfig::new().input("new"));
    new.add_move_target("the-new-one");
    old.move_to("the-new-one", None);
    let old_instance = TerraformData::new(&stack, "old-instance", TerraformDataConfig::new());
    let many = TerraformData::new(&stack, "many", TerraformDataConfig::new());
    many.add_move_target("many");
    old_instance.move_to("many", Some(MoveIndex::from("blue")));
    let numbered = TerraformData::new(&stack, "numbered", TerraformDataConfig::new());
    numbered.move_to("many", Some(MoveIndex::from(2)));
    TerraformData::new(&stack, "renamed", TerraformDataConfig::new())
        .move_to_id("terraform_data.elsewhere");
    TerraformData::new(&stack, "arrived", TerraformDataConfig::new())
        .move_from_id("terraform_data.previous");

    // Aspects and annotations.
    let group = Construct::new(&stack, "group");
    AgentPool::new(&group, "pool", AgentPoolConfig::new("pool"));
    let pool2 = AgentPool::new(
        &stack,
        "pool-2",
        AgentPoolConfig::new("pool-2").organization_scoped(false),
    );
    Annotations::of(&stack).add_info("stack info");
    Annotations::of(&group).add_warning("group warning");
    Annotations::of(&*pool2).add_info("pool info");
    Aspects::of(&stack).add(|node: &Node| {
        if let Some(pool) = AgentPool::from_node(node) {
            pool.configure(|config| config.organization_scoped(true));
            Annotations::of(node).add_info("organization scoped by aspect");
        }
    });

    // Assets.
    let src = fixture_dir().join("asset-src");
    let file = TerraformAsset::new(
        &stack,
        "file",
        TerraformAssetConfig::new(src.join("hello.txt")),
    );
    let dir = TerraformAsset::new(&stack, "dir", TerraformAssetConfig::new(&src));
    let zip = TerraformAsset::new(
        &stack,
        "zip",
        TerraformAssetConfig::new(&src).asset_type(AssetType::Archive),
    );
    let nested = TerraformAsset::new(
        &group,
        "nested-file",
        TerraformAssetConfig::new(src.join("sub").join("b.txt")),
    );
    TerraformOutput::new(&stack, "file-path", file.path());
    TerraformOutput::new(&stack, "file-name", file.file_name());
    TerraformOutput::new(&stack, "file-hash", file.asset_hash());
    TerraformOutput::new(&stack, "dir-path", dir.path());
    TerraformOutput::new(&stack, "zip-path", zip.path());
    TerraformOutput::new(&stack, "zip-name", zip.file_name());
    TerraformData::new(
        &stack,
        "uses-asset",
        TerraformDataConfig::new().input(format!("${{path.module}}/{}", nested.path())),
    );
}

#[test]
fn blocks_stack_matches_cdktf_byte_for_byte() {
    let out = tempfile::tempdir().expect("temp dir");
    let outdir = out.path().join("cdktf.out");
    let app = App::with_outdir(&outdir);
    build(&app);
    app.synth().expect("synth");

    for (ours, theirs) in [
        ("stacks/blocks/cdk.tf.json", "cdk.tf.json"),
        ("manifest.json", "manifest.json"),
    ] {
        let ours = std::fs::read_to_string(outdir.join(ours)).expect("ours");
        let theirs = std::fs::read_to_string(fixture_dir().join(theirs)).expect("fixture");
        assert_eq!(
            integration_tests::normalized_text(&ours),
            integration_tests::normalized_text(&theirs),
            "{ours}"
        );
        // Same bytes, not only the same JSON: our text re-serializes to itself.
        assert_eq!(
            cdktf::synth::json::to_string(&serde_json::from_str(&ours).expect("json")),
            ours
        );
    }
}

#[test]
fn assets_are_copied_where_cdktf_puts_them() {
    let out = tempfile::tempdir().expect("temp dir");
    let outdir = out.path().join("cdktf.out");
    let app = App::with_outdir(&outdir);
    build(&app);
    app.synth().expect("synth");
    let stack_dir = outdir.join("stacks/blocks");
    // The paths cdktf 0.21 wrote for the same sources (its hash is of the contents only).
    let dir_hash = "16AA74352A223AA6E08B42A5132FE7CB";
    for (rel, source) in [
        (
            "assets/file/2DE82BA88FC8AD2FEB4F3B6C557EC9E1/hello.txt",
            "hello.txt",
        ),
        (
            "assets/group_nested-file_7B3ACE46/3DB2050FCF84BB631DCAE417D3DB518C/b.txt",
            "sub/b.txt",
        ),
        (&format!("assets/dir/{dir_hash}/hello.txt"), "hello.txt"),
        (&format!("assets/dir/{dir_hash}/sub/b.txt"), "sub/b.txt"),
    ] {
        let copied = std::fs::read(stack_dir.join(rel)).expect(rel);
        let original = std::fs::read(fixture_dir().join("asset-src").join(source)).expect(source);
        assert_eq!(copied, original, "{rel}");
    }
    let zip_path = stack_dir.join(format!("assets/zip/{dir_hash}/archive.zip"));
    let bytes = std::fs::read(&zip_path).expect("archive.zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).expect("zip");
    let names: Vec<String> = archive.file_names().map(str::to_string).collect();
    assert_eq!(names, ["hello.txt", "sub/", "sub/b.txt"]);
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("sub/b.txt").expect("entry"), &mut text)
        .expect("read");
    assert_eq!(text, "second file\n");

    // Deterministic: a second synthesis writes the same archive bytes.
    let again = tempfile::tempdir().expect("temp dir");
    let app = App::with_outdir(again.path().join("cdktf.out"));
    build(&app);
    app.synth().expect("synth");
    let second = std::fs::read(
        again
            .path()
            .join("cdktf.out/stacks/blocks")
            .join(format!("assets/zip/{dir_hash}/archive.zip")),
    )
    .expect("archive.zip");
    assert_eq!(bytes, second);
}

/// cdktf's aspect example: every agent pool of the stack becomes organization scoped, found among
/// all constructs by its generated type and changed through its typed setter.
#[test]
fn an_aspect_sets_organization_scoped_on_every_agent_pool() {
    use tfe::agent_token::{AgentToken, AgentTokenConfig};
    let app = App::new();
    let stack = TerraformStack::new(&app, "pools");
    let team = Construct::new(&stack, "team");
    let a = AgentPool::new(&stack, "a", AgentPoolConfig::new("a"));
    AgentPool::new(
        &team,
        "b",
        AgentPoolConfig::new("b").organization_scoped(false),
    );
    AgentToken::new(&team, "token", AgentTokenConfig::new(a.id(), "t"));
    Aspects::of(&stack).add(|node: &Node| {
        if let Some(pool) = AgentPool::from_node(node) {
            pool.configure(|config| config.organization_scoped(true));
        }
    });
    let json = app.synth_stack("pools").expect("synth");
    let pools = json["resource"]["tfe_agent_pool"]
        .as_object()
        .expect("pools");
    assert_eq!(pools.len(), 2);
    for (name, pool) in pools {
        assert_eq!(pool["organization_scoped"], true, "{name}");
    }
    let tokens = json["resource"]["tfe_agent_token"]
        .as_object()
        .expect("tokens");
    assert!(tokens
        .values()
        .all(|t| t.get("organization_scoped").is_none()));
}
