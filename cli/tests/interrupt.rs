//! Ctrl-C during a deploy: the running terraform stops cleanly (it gets the signal too and
//! releases its state lock), the stack waiting for it does not start, and the summary says so.
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt as _;
use std::process::{Command, Stdio};

use cdktf::backend::{LocalBackend, LocalBackendConfig};
use cdktf::prelude::*;
use common::TerraformDataConfig;

#[test]
fn ctrl_c_stops_cleanly_and_starts_nothing_more() {
    if !common::terraform_available("ctrl_c_stops_cleanly_and_starts_nothing_more") {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let app = App::with_outdir(dir.join("cdktf.out"));
    let slow = TerraformStack::new(&app, "slow");
    LocalBackend::new(
        &slow,
        LocalBackendConfig::new().path(dir.join("slow.tfstate").to_string_lossy()),
    );
    // Creating it takes long enough to be interrupted: a provisioner that waits.
    TerraformDataConfig::new()
        .input("x")
        .create(&slow, "waits")
        .add_override(
            "provisioner",
            serde_json::json!([{ "local-exec": { "command": "sleep 60" } }]),
        );
    let after = TerraformStack::new(&app, "after");
    LocalBackend::new(
        &after,
        LocalBackendConfig::new().path(dir.join("after.tfstate").to_string_lossy()),
    );
    TerraformDataConfig::new().input("y").create(&after, "next");
    after.add_dependency(&slow);
    app.synth().expect("synth");

    // Its own process group, as a shell gives a foreground job: Ctrl-C reaches every process.
    let mut child = Command::new(env!("CARGO_BIN_EXE_cdktf"))
        .args([
            "deploy",
            "--skip-synth",
            "--auto-approve",
            "--no-color",
            "*",
        ])
        .current_dir(dir)
        .process_group(0)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run cdktf");
    let pid = child.id();
    let stdout = child.stdout.take().expect("stdout");
    let mut seen = Vec::new();
    let mut sent = false;
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        println!("{line}");
        if !sent && line.contains("Provisioning with 'local-exec'") {
            // The shell's own `kill`: signals the whole group, as Ctrl-C on a terminal does.
            let status = Command::new("sh")
                .args(["-c", &format!("kill -s INT -- -{pid}")])
                .status()
                .expect("kill");
            assert!(status.success());
            sent = true;
        }
        seen.push(line);
    }
    let status = child.wait().expect("cdktf exits");
    assert!(sent, "the provisioner never started");
    assert!(!status.success());
    let row = |stack: &str| {
        seen.iter()
            .skip_while(|l| !l.starts_with("STACK"))
            .find(|l| l.starts_with(&format!("{stack} ")))
            .cloned()
            .unwrap_or_default()
    };
    assert!(row("slow").contains("FAILED"), "{seen:#?}");
    assert!(
        row("after").contains("skipped") && row("after").contains("interrupted"),
        "{seen:#?}"
    );
    assert!(
        common::lock_files(dir).is_empty(),
        "{:?}",
        common::lock_files(dir)
    );
    assert!(!dir.join("after.tfstate").exists(), "after never ran");
}
