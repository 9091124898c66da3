//! Synthesis writes the output directory as a whole, or not at all.

mod common;

use std::path::Path;

use cdktf::prelude::*;
use common::{data_resource, Config};

fn files_under(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("read_dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("prefix")
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, std::fs::read_to_string(&path).expect("read")));
            }
        }
    }
    out.sort();
    out
}

fn app_with(outdir: &Path, stacks: &[&str], broken: Option<&str>) -> App {
    let app = App::with_outdir(outdir);
    for name in stacks {
        let s = TerraformStack::new(&app, name);
        data_resource(&s, "r", Config::new().set::<String>("input", *name));
        if Some(*name) == broken {
            let it = TerraformIterator::from_list(vec!["a"]);
            data_resource(&s, "bad", Config::new().count(1).for_each(&it));
        }
    }
    app
}

#[test]
fn a_failed_synth_leaves_the_previous_output_untouched() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("cdktf.out");
    app_with(&out, &["one", "two", "three"], None)
        .synth()
        .expect("first synth");
    let before = files_under(&out);
    assert_eq!(before.len(), 4);

    // An error in the second of three stacks.
    let err = app_with(&out, &["one", "two", "three"], Some("two")).synth();
    assert!(err.is_err());
    assert_eq!(files_under(&out), before);
    // Nothing left behind next to it either.
    let siblings: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").collect();
    assert_eq!(siblings.len(), 1);
}

#[test]
fn a_successful_synth_replaces_the_output_without_stale_stacks_and_keeps_user_files() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("cdktf.out");
    app_with(&out, &["old", "kept"], None)
        .synth()
        .expect("first");
    std::fs::write(out.join("stray.txt"), "x").expect("stray");
    // What `terraform init` leaves in a stack directory, including one of a stack that goes away.
    for stack in ["old", "kept"] {
        let dot = out.join("stacks").join(stack).join(".terraform");
        std::fs::create_dir_all(&dot).expect("mkdir");
        std::fs::write(dot.join("state"), stack).expect("write");
    }
    app_with(&out, &["kept", "new"], None)
        .synth()
        .expect("second");
    let names: Vec<String> = files_under(&out).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "manifest.json",
            "stacks/kept/.terraform/state",
            "stacks/kept/cdk.tf.json",
            "stacks/new/cdk.tf.json",
            "stacks/old/.terraform/state",
            "stray.txt",
        ]
    );
    let siblings: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").collect();
    assert_eq!(siblings.len(), 1, "no staging or old directories left");
}

#[test]
fn an_unwritable_parent_fails_cleanly_and_keeps_the_previous_output() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tmp");
    let parent = dir.path().join("parent");
    let out = parent.join("cdktf.out");
    app_with(&out, &["one"], None).synth().expect("first");
    let before = files_under(&out);
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // root ignores directory permissions; the check is meaningful only for other users.
    let probe = parent.join(".probe");
    let enforced = std::fs::write(&probe, "").is_err();
    let _ = std::fs::remove_file(&probe);
    let result = app_with(&out, &["one", "two"], None).synth();
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    if !enforced {
        println!("SKIP: directory permissions are not enforced for this user (root)");
        // Still check an impossible parent (a regular file) fails with an error, not a panic.
        let file = dir.path().join("file");
        std::fs::write(&file, "x").expect("file");
        let err = app_with(&file.join("cdktf.out"), &["one"], None)
            .synth()
            .expect_err("parent is a file")
            .to_string();
        assert!(err.contains(&file.display().to_string()), "{err}");
        return;
    }
    let err = result.expect_err("read-only parent").to_string();
    assert!(err.contains(&parent.display().to_string()), "{err}");
    assert_eq!(files_under(&out), before);
}

#[test]
fn synthesis_is_deterministic() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut outputs = Vec::new();
    for i in 0..3 {
        let out = dir.path().join(format!("out{i}"));
        app_with(&out, &["b", "a", "c"], None)
            .synth()
            .expect("synth");
        outputs.push(files_under(&out));
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[1], outputs[2]);
}
