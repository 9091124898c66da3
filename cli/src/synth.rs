//! `synth`: builds and runs the app, then reads the manifest it wrote.

use std::process::Command;

use crate::error::{Error, Result};
use crate::manifest::Manifest;
use crate::project::{Project, DEFAULT_APP};

/// Runs the project's app (its `app` command through the shell, else `cargo run --quiet`) in the
/// project directory with `CDKTF_OUTDIR` set to the output directory, and reads the manifest.
/// The app's own output goes to the terminal. Error annotations in the manifest fail synthesis.
pub fn synth(project: &Project) -> Result<Manifest> {
    let app = project.app.as_deref().unwrap_or(DEFAULT_APP);
    let mut cmd = shell(app);
    cmd.current_dir(&project.root)
        .env("CDKTF_OUTDIR", &project.output);
    let manifest_path = project.output.join("manifest.json");
    let kept = crate::keep::set_aside(&project.output)?;
    let status = cmd.status();
    for w in crate::keep::restore(kept, &project.output) {
        eprintln!("warning: {w}");
    }
    let status = status.map_err(|e| Error::Spawn {
        program: app.to_string(),
        hint: "",
        source: e,
    })?;
    if !status.success() {
        return Err(Error::Command {
            command: format!("the app ({app})"),
            status: status.code(),
            detail: String::new(),
        });
    }
    if !manifest_path.is_file() {
        return Err(Error::config(
            &manifest_path,
            format!("the app ({app}) did not write it: does it call `app.synth()`?"),
        ));
    }
    let manifest = Manifest::read(&project.output)?;
    let errors = manifest.errors();
    if !errors.is_empty() {
        return Err(Error::Annotations(errors));
    }
    Ok(manifest)
}

/// `command` run by the platform's shell, as cdktf runs the `app` of `cdktf.json`.
fn shell(command: &str) -> Command {
    if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", command]);
        c
    } else {
        let mut c = Command::new("sh");
        c.args(["-c", command]);
        c
    }
}
