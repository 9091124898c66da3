//! The output directory: synthesis never deletes or moves what it did not write, concurrent
//! synths into one directory leave one whole output, and leftovers of killed runs are cleaned up.

mod common;

use std::path::Path;

use cdktf::prelude::*;
use common::{data_resource, Config};

fn app_with(outdir: &Path, stacks: &[String]) -> App {
    let app = App::with_outdir(outdir);
    for name in stacks {
        let s = TerraformStack::new(&app, name);
        data_resource(&s, "r", Config::new().set::<String>("input", name.as_str()));
    }
    app
}

fn one_stack(outdir: &Path) -> App {
    app_with(outdir, &["one".to_string()])
}

fn ls(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_project_directory_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = dir.path().join("project");
    std::fs::create_dir_all(project.join("src")).expect("mkdir");
    std::fs::create_dir_all(project.join(".git")).expect("mkdir");
    std::fs::write(project.join("src/main.rs"), "fn main() {}").expect("write");
    let err = one_stack(&project)
        .synth()
        .expect_err("a project directory")
        .to_string();
    assert!(err.contains("refusing to synthesize into"), "{err}");
    assert!(err.contains(&project.display().to_string()), "{err}");
    assert!(err.contains("manifest.json"), "{err}");
    assert_eq!(ls(&project), [".git", "src"]);
    assert_eq!(ls(dir.path()), ["project"], "no staging directory left");
}

#[test]
fn a_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("cdktf.out");
    std::fs::write(&file, "precious").expect("write");
    let err = one_stack(&file).synth().expect_err("a file").to_string();
    assert!(err.contains("it is a file"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "precious");
    assert_eq!(ls(dir.path()), ["cdktf.out"]);
}

#[test]
fn a_symlink_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let target = dir.path().join("target");
    std::fs::create_dir(&target).expect("mkdir");
    let link = dir.path().join("cdktf.out");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let err = one_stack(&link).synth().expect_err("a symlink").to_string();
    assert!(err.contains("symbolic link"), "{err}");
    assert!(ls(&target).is_empty());
}

#[test]
fn a_directory_whose_manifest_is_not_ours_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("manifest.json"), "{\"name\": \"some other tool\"}").expect("w");
    std::fs::write(out.join("data.bin"), "x").expect("w");
    assert!(one_stack(&out).synth().is_err());
    assert_eq!(ls(&out), ["data.bin", "manifest.json"]);
}

#[test]
fn new_empty_and_previous_outputs_are_accepted() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("a/b/cdktf.out");
    one_stack(&out).synth().expect("new, with missing parents");
    one_stack(&out).synth().expect("previous output");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    one_stack(&empty).synth().expect("empty");
    assert_eq!(ls(&empty), ["manifest.json", "stacks"]);
}

/// A temporary directory in memory (`/dev/shm`) where there is one: syncing to disk there costs
/// nothing, so that many rounds stay fast. The subject here is concurrency, not durability.
fn fast_tempdir() -> tempfile::TempDir {
    tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .expect("tmp")
}

/// Several Apps on parallel threads synthesize into one directory, each with its own stacks;
/// afterwards the directory holds exactly one App's output, whole.
#[test]
fn concurrent_synths_into_one_outdir_leave_one_whole_output() {
    const THREADS: usize = 8;
    const ROUNDS: usize = 150;
    let dir = fast_tempdir();
    let out = dir.path().join("cdktf.out");
    for round in 0..ROUNDS {
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(THREADS));
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let out = out.clone();
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    let stacks: Vec<String> = (0..2).map(|s| format!("app{t}-s{s}")).collect();
                    let app = app_with(&out, &stacks);
                    barrier.wait();
                    app.synth().map_err(|e| e.to_string())
                })
            })
            .collect();
        let results: Vec<_> = handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect();
        assert!(
            results.iter().any(Result::is_ok),
            "round {round}: {results:?}"
        );
        let manifest: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.join("manifest.json")).expect("manifest"),
        )
        .expect("json");
        let listed: Vec<String> = manifest["stacks"]
            .as_object()
            .expect("stacks")
            .keys()
            .cloned()
            .collect();
        let on_disk = ls(&out.join("stacks"));
        assert_eq!(listed, on_disk, "round {round}: manifest and disk disagree");
        let apps: std::collections::BTreeSet<&str> = on_disk
            .iter()
            .map(|s| s.split('-').next().unwrap_or(""))
            .collect();
        assert_eq!(
            apps.len(),
            1,
            "round {round}: stacks of several apps {on_disk:?}"
        );
        assert_eq!(on_disk.len(), 2, "round {round}: {on_disk:?}");
        for s in &on_disk {
            let tf = std::fs::read_to_string(out.join("stacks").join(s).join("cdk.tf.json"))
                .expect("stack file");
            assert!(tf.contains(&format!("\"input\": \"{s}\"")), "{s}: {tf}");
        }
        assert_eq!(ls(dir.path()), ["cdktf.out"], "round {round}: leftovers");
    }
}

/// A dead process's pid: a child that has exited and been reaped.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().expect("spawn");
    let pid = child.id();
    child.wait().expect("wait");
    pid
}

#[test]
fn leftovers_of_a_killed_run_are_cleaned_up() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("cdktf.out");
    one_stack(&out).synth().expect("first");
    // A run killed after writing its staging directory, and one killed after the exchange (its
    // staging name holds the previous output, with a file the user put there).
    let pid = dead_pid();
    let staged = dir
        .path()
        .join(format!(".cdktf.out.staging-{pid}-0123456789abcdef"));
    std::fs::create_dir_all(staged.join("stacks/x")).expect("mkdir");
    std::fs::write(staged.join("stacks/x/cdk.tf.json"), "{}").expect("w");
    std::fs::write(staged.join("manifest.json"), "{\"stacks\": {}}").expect("w");
    let swapped = dir
        .path()
        .join(format!(".cdktf.out.staging-{pid}-fedcba9876543210"));
    std::fs::create_dir_all(swapped.join("stacks/one/.terraform")).expect("mkdir");
    std::fs::write(swapped.join("stacks/one/cdk.tf.json"), "{}").expect("w");
    std::fs::write(swapped.join("stacks/one/.terraform/keep"), "k").expect("w");
    // A staging directory of a live run (this process) is not touched.
    let live = dir.path().join(format!(
        ".cdktf.out.staging-{}-aaaaaaaaaaaaaaaa",
        std::process::id()
    ));
    std::fs::create_dir(&live).expect("mkdir");

    one_stack(&out).synth().expect("second");
    let live_name = live
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert_eq!(ls(dir.path()), [live_name, "cdktf.out".to_string()]);
    assert_eq!(
        std::fs::read_to_string(out.join("stacks/one/.terraform/keep")).expect("kept"),
        "k"
    );
    assert_eq!(ls(&out.join("stacks")), ["one"]);
}

#[test]
fn the_output_is_replaced_in_one_step() {
    // Whatever the moment, `cdktf.out` exists: a reader polling it during repeated synths never
    // finds it missing (with two renames, it is missing between them).
    let dir = fast_tempdir();
    let out = dir.path().join("cdktf.out");
    one_stack(&out).synth().expect("first");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let out = out.clone();
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut missing = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if !out.join("manifest.json").exists() {
                    missing += 1;
                }
            }
            missing
        })
    };
    for _ in 0..600 {
        one_stack(&out).synth().expect("synth");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert_eq!(watcher.join().expect("watcher"), 0);
}
