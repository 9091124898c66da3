//! The docs pages: the Markdown page of `tfe_agent_token` covers every section of the seed page
//! (`../shared/seed/`), the CLI writes the registry layout, and the rustdoc of a generated module
//! is the same page.

use assert_cmd::Command;

fn tfe_schema() -> String {
    let path = test_support::workspace_root().join("schema/tfe.json");
    std::fs::read_to_string(path).expect("schema/tfe.json")
}

fn tfe_docs() -> codegen::Generated {
    codegen::Config::new()
        .provider("tfe")
        .version("~> 0.71")
        .generate_docs(&tfe_schema())
        .expect("docs generate")
}

fn agent_token_page(g: &codegen::Generated) -> &str {
    g.files
        .iter()
        .find(|f| f.path.to_string_lossy() == "docs/resources/agent_token.md")
        .map(|f| f.contents.as_str())
        .expect("docs/resources/agent_token.md")
}

#[test]
fn agent_token_page_covers_the_seed() {
    let g = tfe_docs();
    let page = agent_token_page(&g);
    // The seed's sections, in its order.
    let sections = [
        "page_title: \"tfe: tfe_agent_token\"",
        "# tfe_agent_token",
        "## Example Usage",
        "```rust",
        "## Argument Reference",
        "* `agent_pool_id` (`.agent_pool_id(...)`, string) - (Required)",
        "* `description` (`.description(...)`, string) - (Required)",
        "## Attributes Reference",
    ];
    let mut at = 0;
    for s in sections {
        let found = page[at..]
            .find(s)
            .unwrap_or_else(|| panic!("missing or out of order: {s}\n{page}"));
        at += found;
    }
    // The seed's attributes (ours are in name order).
    for attr in [
        "* `id` (`.id()`, string)",
        "* `description` (`.description()`, string)",
        "* `token` (`.token()`, string) - (Computed)",
    ] {
        assert!(page[at..].contains(attr), "missing attribute: {attr}");
    }
    assert!(page.contains("AgentToken::new("), "the example creates it");
    assert!(
        page.contains("**Sensitive.**"),
        "the token is marked sensitive"
    );
    insta::assert_snapshot!("tfe_agent_token_md", page);
}

#[test]
fn layout_is_the_registry_one() {
    let g = tfe_docs();
    let paths: Vec<String> = g
        .files
        .iter()
        .map(|f| f.path.to_string_lossy().into_owned())
        .collect();
    assert!(paths.contains(&"docs/resources/workspace.md".to_string()));
    assert!(paths.contains(&"docs/data-sources/organization.md".to_string()));
    assert_eq!(paths.len(), 10, "{paths:?}");
}

#[test]
fn rustdoc_is_the_same_page() {
    let g = codegen::Config::new()
        .provider("tfe")
        .package_name("tfe")
        .runtime_path("../cdktf")
        .generate(&tfe_schema())
        .expect("generates");
    let module = g
        .files
        .iter()
        .find(|f| f.path.to_string_lossy() == "src/agent_token.rs")
        .expect("module");
    let docs = tfe_docs();
    let page = agent_token_page(&docs);
    // Every argument and attribute line of the Markdown page is in the rustdoc, with links.
    for line in page.lines().filter(|l| l.starts_with("* `")) {
        let name = line.split('`').nth(1).expect("name");
        let want = format!("//! * `{name}` ([`.");
        assert!(module.contents.contains(&want), "{want}");
    }
    assert!(module.contents.contains("//! ## Example Usage"));
    assert!(module.contents.contains("//! ```rust\n"));
}

#[test]
fn cli_writes_the_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let schema = test_support::workspace_root().join("schema/tfe.json");
    let out = Command::cargo_bin("codegen")
        .expect("binary")
        .args(["docs", "--schema"])
        .arg(&schema)
        .arg("--out")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written =
        std::fs::read_to_string(dir.path().join("docs/resources/agent_token.md")).expect("written");
    let g = codegen::Config::new()
        .provider("tfe")
        .generate_docs(&tfe_schema())
        .expect("docs");
    assert_eq!(written, agent_token_page(&g));
}

#[test]
fn docs_select_the_provider_that_generate_selects() {
    // Two providers with the local name `p`: `provider("p")` means the first, for the code and
    // for its docs alike.
    let doc = serde_json::json!({
        "format_version": "1.0",
        "provider_schemas": {
            "registry.terraform.io/a/p": { "provider": { "version": 0, "block": {} },
                "resource_schemas": { "p_one": { "version": 0, "block": {} } } },
            "registry.terraform.io/b/p": { "provider": { "version": 0, "block": {} },
                "resource_schemas": { "p_two": { "version": 0, "block": {} } } }
        }
    })
    .to_string();
    let mut config = codegen::Config::new();
    config.provider("p");
    let code: Vec<String> = config
        .generate(&doc)
        .expect("generates")
        .files
        .iter()
        .map(|f| f.path.display().to_string())
        .collect();
    let docs: Vec<String> = config
        .generate_docs(&doc)
        .expect("docs generate")
        .files
        .iter()
        .map(|f| f.path.display().to_string())
        .collect();
    assert!(code.contains(&"src/one.rs".to_string()), "{code:?}");
    assert!(!code.contains(&"src/two.rs".to_string()), "{code:?}");
    assert_eq!(docs, ["docs/resources/one.md"]);
}
