//! The `tf2rs` command: conversions, fallbacks reported with their location, and errors that
//! name file, line and column, exit non-zero and write nothing. Uses the repository's own
//! `schema/tfe.json`, so it needs nothing outside the repository.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/tfe.json")
}

fn run(dir: &Path, input: &str, out: Option<&Path>) -> Output {
    let file = dir.join("main.tf");
    std::fs::write(&file, input).expect("writes the input");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tf2rs"));
    cmd.arg("--schema").arg(schema()).arg(&file);
    if let Some(out) = out {
        cmd.arg("--out").arg(out);
    }
    cmd.output().expect("runs tf2rs")
}

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tf2rs-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("creates a temporary directory");
    dir
}

#[test]
fn converts_references_to_typed_getters() {
    let dir = tempdir("ok");
    let out = dir.join("stack.rs");
    let hcl = r#"
resource "tfe_organization" "test-organization" {
  name  = "my-org-name"
  email = "admin@company.com"
}
resource "tfe_agent_pool" "test-agent-pool" {
  name         = "my-agent-pool-name"
  organization = tfe_organization.test-organization.name
  count        = length(var.names)
}
"#;
    let o = run(&dir, hcl, Some(&out));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let code = std::fs::read_to_string(&out).expect("output written");
    assert!(
        code.contains("OrganizationConfig::new(\"admin@company.com\", \"my-org-name\")"),
        "{code}"
    );
    assert!(
        code.contains(".organization(test_organization.name())"),
        "{code}"
    );
    assert!(
        code.contains("TerraformVariable::new(scope, \"names\")"),
        "undeclared variable declared: {code}"
    );
    assert!(
        code.contains(".count(functions::length(names.value::<Dynamic>()))"),
        "a typed call of the generated function: {code}"
    );
    assert!(stderr.is_empty(), "no fallbacks expected: {stderr}");
}

#[test]
fn fallbacks_are_reported_with_their_location() {
    let dir = tempdir("fallback");
    // A provider-defined function has no typed API here.
    let hcl = "resource \"tfe_agent_pool\" \"p\" {\n  name = \"a\"\n  organization = provider::tfe::org(\"c\")\n}\n";
    let o = run(&dir, hcl, None);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("main.tf:3:18: raw expression"), "{stderr}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("Expression::raw("));
}

#[test]
fn errors_name_file_line_and_column_and_write_nothing() {
    let cases = [
        (
            "resource \"tfe_agent_pool\" \"p\" {\n  name = \n}\n",
            "main.tf:2:10",
            "syntax",
        ),
        (
            "resource \"tfe_nope\" \"p\" {\n}\n",
            "main.tf:1:1",
            "unknown resource type `tfe_nope`",
        ),
        (
            "resource \"tfe_agent_pool\" \"p\" {\n  name = \"a\"\n  colour = \"red\"\n}\n",
            "main.tf:3:12",
            "no argument or block `colour`",
        ),
        (
            "resource \"tfe_agent_pool\" \"p\" {\n  organization = \"o\"\n}\n",
            "main.tf:2:18",
            "missing its required argument `name`",
        ),
        (
            "moved {\n  from = module.a\n  to   = module.b\n}\n",
            "main.tf:3:10",
            "only a move to a resource declared here is converted",
        ),
        (
            "check \"c\" {\n  assert {\n    condition = true\n  }\n}\n",
            "main.tf:2:3",
            "assert needs condition and error_message",
        ),
        (
            "terraform {\n  backend \"s3\" {\n    bucket = \"b\"\n  }\n}\n",
            "main.tf:2:3",
            "backend `s3`: `key` is required",
        ),
        (
            "terraform {\n  backend \"consul\" {\n  }\n}\n",
            "main.tf:2:3",
            "backend `consul` is not converted yet",
        ),
    ];
    for (i, (hcl, at, what)) in cases.iter().enumerate() {
        let dir = tempdir(&format!("err{i}"));
        let out = dir.join("stack.rs");
        let _ = std::fs::remove_file(&out);
        let o = run(&dir, hcl, Some(&out));
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{hcl}: {stderr}");
        assert!(stderr.contains(at), "{hcl}: want {at} in {stderr}");
        assert!(stderr.contains(what), "{hcl}: want {what} in {stderr}");
        assert!(!out.exists(), "{hcl}: nothing is written on error");
    }
}

#[test]
fn main_output_and_json_on_standard_input() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tf2rs"))
        .arg("--schema")
        .arg(schema())
        .args(["--main", "my-stack", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs tf2rs");
    let json = r#"{"resource": {"tfe_project": {"p": {"name": "${var.n}"}}}}"#;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(json.as_bytes())
        .expect("writes stdin");
    let o = child.wait_with_output().expect("tf2rs ends");
    let code = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(code.contains("fn main() -> cdktf::Result<()>"), "{code}");
    assert!(
        code.contains("TerraformStack::new(&app, \"my-stack\")"),
        "{code}"
    );
    assert!(
        code.contains("ProjectConfig::new(n.value::<String>())"),
        "{code}"
    );
}

#[test]
fn the_language_becomes_the_typed_api() {
    let dir = tempdir("lang");
    let hcl = r#"
variable "size" {
  type = number
}
variable "names" {
  type = list(string)
}
resource "tfe_agent_pool" "p" {
  name         = var.size > 1 ? "big" : "small"
  organization = join("-", [for n in var.names : upper(n) if n != ""])
}
output "next" {
  value = -var.size * 2 + 1
}
output "first" {
  value = var.names[0]
}
"#;
    let o = run(&dir, hcl, None);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let code = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.is_empty(), "no fallbacks expected: {stderr}");
    // Compared without whitespace: prettyplease decides the line breaks.
    let flat: String = code.split_whitespace().collect();
    for piece in [
        "functions::conditional::<String,>(size.value::<f64>().gt(1),\"big\",\"small\")",
        "functions::join(\"-\",expressions::for_expression::<Dynamic,Dynamic,Vec<String>,>(",
        "names.value::<Dynamic>(),|_key,n|",
        "functions::upper(n.as_string())).when(n.as_string().ne(\"\"))",
        "(((-size.value::<f64>())*2)+1)",
        "names.value::<Dynamic>().at(0)",
    ] {
        assert!(flat.contains(piece), "want {piece} in:\n{code}");
    }
}

#[test]
fn refactoring_blocks_and_backends_use_the_runtime_api() {
    let dir = tempdir("blocks");
    let hcl = r#"
terraform {
  backend "gcs" {
    bucket = "state"
    prefix = "prod"
  }
}
resource "tfe_project" "p" {
  name = "apps"
}
import {
  to = tfe_project.p
  id = "prj-123"
}
moved {
  from = tfe_project.old
  to   = tfe_project.p
}
removed {
  from = tfe_team.gone
}
check "named" {
  assert {
    condition     = tfe_project.p.name != ""
    error_message = "unnamed"
  }
}
"#;
    let o = run(&dir, hcl, None);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let code = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stderr}");
    let flat: String = code.split_whitespace().collect();
    for piece in [
        "cdktf::backend::GcsBackendConfig::new(\"state\").prefix(\"prod\")",
        "p.import_from(\"prj-123\");",
        "p.move_from_id(\"tfe_project.old\");",
        "TerraformRemoved::new(scope,\"removed_tfe_team_gone\",\"tfe_team.gone\");",
        "TerraformCheck::new(scope,\"named\").assert(p.name().ne(\"\"),\"unnamed\");",
    ] {
        assert!(flat.contains(piece), "want {piece} in:\n{code}");
    }
}

#[test]
fn provider_functions_are_the_generated_functions() {
    let dir = tempdir("provider-fn");
    let schema = dir.join("acme.json");
    let doc = r#"{"format_version":"1.0","provider_schemas":{"registry.terraform.io/acme/acme":{
        "provider":{"version":0,"block":{}},
        "functions":{"shout":{"return_type":"string","parameters":[{"name":"text","type":"string"}],
            "variadic_parameter":{"name":"marks","type":"number"}}}}}}"#;
    std::fs::write(&schema, doc).expect("writes the schema");
    let file = dir.join("main.tf");
    let hcl = "output \"loud\" {\n  value = provider::acme::shout(\"hi\", 1, 2)\n}\n\
               output \"other\" {\n  value = provider::nope::f(1)\n}\n";
    std::fs::write(&file, hcl).expect("writes the input");
    let o = Command::new(env!("CARGO_BIN_EXE_tf2rs"))
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("runs tf2rs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    let code = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stderr}");
    let flat: String = code.split_whitespace().collect();
    assert!(
        flat.contains("acme::functions::shout(\"hi\",[1,2])"),
        "typed call of the generated function: {code}"
    );
    // A provider whose schema is not loaded: raw, reported where it is.
    assert!(stderr.contains("main.tf:5:11: raw expression"), "{stderr}");
}
