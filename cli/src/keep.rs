//! Terraform's working files in the stack directories survive synthesis.
//!
//! The runtime replaces the output directory whole on every synth. A stack directory also holds
//! what terraform keeps there: `.terraform/` (installed providers, and the record of the backend
//! in use), `.terraform.lock.hcl`, and state under a relative local-backend path. Without them,
//! every run re-installs the providers, and a changed backend goes unnoticed: terraform would
//! start from an empty state in the new one instead of asking to migrate. So everything in a
//! stack directory that synthesis does not write is set aside before the app runs and put back
//! afterwards (also when the app fails, which leaves the old output in place).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What synthesis writes into a stack directory; everything else is terraform's or the user's.
const SYNTHESIZED: [&str; 1] = ["cdk.tf.json"];

/// Files set aside, by stack directory name.
pub(crate) struct Kept {
    root: PathBuf,
}

/// Moves the working files of every stack directory of `outdir` aside, next to it.
pub(crate) fn set_aside(outdir: &Path) -> Result<Option<Kept>> {
    let stacks = outdir.join("stacks");
    let Ok(entries) = std::fs::read_dir(&stacks) else {
        return Ok(None);
    };
    let name = outdir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "cdktf.out".into());
    let root = outdir
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.kept-{}", std::process::id()));
    let kept = Kept { root };
    match move_aside(&kept.root, entries) {
        Ok(true) => Ok(Some(kept)),
        Ok(false) => Ok(None),
        // Whatever was moved goes back before the error is reported.
        Err(e) => {
            restore(Some(kept), outdir);
            Err(e)
        }
    }
}

/// Moves every non-synthesized entry of each stack directory under `root`; whether any moved.
fn move_aside(root: &Path, entries: std::fs::ReadDir) -> Result<bool> {
    let mut moved = false;
    for stack in entries.flatten().filter(|e| e.path().is_dir()) {
        let files =
            std::fs::read_dir(stack.path()).map_err(|e| Error::io("reading", stack.path(), e))?;
        for file in files.flatten() {
            if SYNTHESIZED.iter().any(|s| file.file_name() == *s) {
                continue;
            }
            let dest = root.join(stack.file_name());
            std::fs::create_dir_all(&dest).map_err(|e| Error::io("creating", &dest, e))?;
            std::fs::rename(file.path(), dest.join(file.file_name()))
                .map_err(|e| Error::io("moving aside", file.path(), e))?;
            moved = true;
        }
    }
    Ok(moved)
}

/// Puts the files back into the stack directories of `outdir`. Files of stacks the app no
/// longer has stay where they were set aside; the returned warnings say where.
pub(crate) fn restore(kept: Option<Kept>, outdir: &Path) -> Vec<String> {
    let Some(kept) = kept else {
        return Vec::new();
    };
    let mut warnings = Vec::new();
    for stack in std::fs::read_dir(&kept.root)
        .into_iter()
        .flatten()
        .flatten()
    {
        let target = outdir.join("stacks").join(stack.file_name());
        if !target.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(stack.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let to = target.join(file.file_name());
            if to.exists() || std::fs::rename(file.path(), &to).is_err() {
                warnings.push(format!(
                    "{} could not be put back into {}",
                    file.path().display(),
                    target.display()
                ));
            }
        }
        let _ = std::fs::remove_dir(stack.path());
    }
    if std::fs::remove_dir(&kept.root).is_err() {
        warnings.push(format!(
            "the terraform files of stacks no longer in the app (state, if their local backend \
             used a relative path) are kept in {}",
            kept.root.display()
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_files_survive_a_synth() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("cdktf.out");
        let write = |rel: &str| {
            let p = out.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
            std::fs::write(p, rel).expect("write");
        };
        write("stacks/a/cdk.tf.json");
        write("stacks/a/.terraform/terraform.tfstate");
        write("stacks/a/state/a.tfstate");
        write("stacks/gone/.terraform.lock.hcl");
        let kept = set_aside(&out).expect("set aside");
        assert!(!out.join("stacks/a/.terraform").exists());
        // What a synth does: the output replaced whole, `gone` no longer in the app.
        std::fs::remove_dir_all(&out).expect("replace");
        std::fs::create_dir_all(out.join("stacks/a")).expect("new");
        std::fs::write(out.join("stacks/a/cdk.tf.json"), "new").expect("new");
        let warnings = restore(kept, &out);
        let read = |rel: &str| std::fs::read_to_string(out.join(rel)).expect(rel);
        assert_eq!(read("stacks/a/cdk.tf.json"), "new");
        assert_eq!(
            read("stacks/a/.terraform/terraform.tfstate"),
            "stacks/a/.terraform/terraform.tfstate"
        );
        assert_eq!(read("stacks/a/state/a.tfstate"), "stacks/a/state/a.tfstate");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("no longer in the app"));
    }
}
