//! Writing the output directory as a whole: into a fresh sibling directory first, then renamed
//! into place, so that a failed synth never leaves a half-written or mixed output.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Replaces `outdir` with a directory holding exactly `files` (paths relative to it).
pub(crate) fn replace_dir<C: AsRef<[u8]>>(outdir: &Path, files: &[(String, C)]) -> Result<()> {
    let parent = match outdir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| Error::io("creating", &parent, e))?;
    let name = outdir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "cdktf.out".into());
    let staging = unique_sibling(&parent, &name, "staging");
    let result =
        write_all(&staging, files).and_then(|()| swap_in(&staging, outdir, &parent, &name));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_all<C: AsRef<[u8]>>(dir: &Path, files: &[(String, C)]) -> Result<()> {
    fs::create_dir(dir).map_err(|e| Error::io("creating", dir, e))?;
    for (rel, contents) in files {
        let path = dir.join(rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(|e| Error::io("creating", p, e))?;
        }
        fs::write(&path, contents).map_err(|e| Error::io("writing", &path, e))?;
    }
    Ok(())
}

/// Moves the old output aside, the new one into place, then deletes the old one.
fn swap_in(staging: &Path, outdir: &Path, parent: &Path, name: &str) -> Result<()> {
    if outdir.exists() {
        let old = unique_sibling(parent, name, "old");
        fs::rename(outdir, &old).map_err(|e| Error::io("moving aside", outdir, e))?;
        if let Err(e) = fs::rename(staging, outdir) {
            let _ = fs::rename(&old, outdir);
            return Err(Error::io("moving into place", outdir, e));
        }
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(staging, outdir).map_err(|e| Error::io("moving into place", outdir, e))?;
    }
    Ok(())
}

fn unique_sibling(parent: &Path, name: &str, what: &str) -> PathBuf {
    let pid = std::process::id();
    let mut n = 0u32;
    loop {
        let candidate = parent.join(format!(".{name}.{what}-{pid}-{n}"));
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}
