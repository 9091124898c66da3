//! Without `--auto-approve`, on a terminal: each stack's plan is shown and applied only after
//! `yes`; anything else dismisses it, and the stacks depending on it do not run. The terminal is
//! `script`'s pseudo-terminal (util-linux); without `script` the test is skipped.
#![cfg(unix)]

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use cdktf::backend::{LocalBackend, LocalBackendConfig};
use cdktf::prelude::*;
use common::TerraformDataConfig;

#[test]
fn plans_are_applied_only_when_approved() {
    if !common::terraform_available("plans_are_applied_only_when_approved") {
        return;
    }
    let has_script = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        println!("SKIP: plans_are_applied_only_when_approved: no `script` for a terminal");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let app = App::with_outdir(dir.join("cdktf.out"));
    let first = TerraformStack::new(&app, "first");
    LocalBackend::new(
        &first,
        LocalBackendConfig::new().path(dir.join("first.tfstate").to_string_lossy()),
    );
    TerraformDataConfig::new().input("a").create(&first, "one");
    let second = TerraformStack::new(&app, "second");
    LocalBackend::new(
        &second,
        LocalBackendConfig::new().path(dir.join("second.tfstate").to_string_lossy()),
    );
    TerraformDataConfig::new().input("b").create(&second, "two");
    second.add_dependency(&first);
    let third = TerraformStack::new(&app, "third");
    LocalBackend::new(
        &third,
        LocalBackendConfig::new().path(dir.join("third.tfstate").to_string_lossy()),
    );
    TerraformDataConfig::new()
        .input("c")
        .create(&third, "three");
    third.add_dependency(&second);
    app.synth().expect("synth");

    let command = format!(
        "{} deploy --skip-synth --no-color '*'",
        env!("CARGO_BIN_EXE_cdktf")
    );
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script");
    // first is asked first (second waits for it): yes; then second: no.
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"yes\nno\n")
        .expect("answers");
    let out = child.wait_with_output().expect("cdktf exits");
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    println!("{text}");
    assert!(!out.status.success(), "a dismissed plan is not a success");
    assert!(text.contains("first: apply this plan? Only 'yes' will be accepted"));
    // The progress line shares the terminal: a row may follow its drawing, up to the last
    // erase-line code.
    let visible = |l: &str| l.rsplit("\u{1b}[2K").next().unwrap_or("").to_string();
    let row = |stack: &str| {
        text.lines()
            .map(visible)
            .skip_while(|l| !l.starts_with("STACK"))
            .find(|l| l.starts_with(&format!("{stack} ")))
            .unwrap_or_default()
    };
    assert!(row("first").contains("ok"), "{text}");
    assert!(!text.contains("Outputs of first"), "no outputs, no heading");
    assert!(row("second").contains("dismissed"), "{text}");
    assert!(row("third").contains("skipped"), "{text}");
    let resources = |stack: &str| {
        std::fs::read_to_string(dir.join(format!("{stack}.tfstate")))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|j| j["resources"].as_array().map(Vec::len))
            .unwrap_or(0)
    };
    assert_eq!(resources("first"), 1);
    assert_eq!(resources("second"), 0);
    assert_eq!(resources("third"), 0);
    for stack in ["first", "second", "third"] {
        let plan = dir.join(format!("cdktf.out/stacks/{stack}/cdktf.tfplan"));
        assert!(!plan.exists(), "no plan file left in {stack}");
    }
    assert!(common::lock_files(dir).is_empty());
}
