//! Writing generated files: only files whose bytes changed, each through a temporary file and a
//! rename, and removal of stale generated files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::is_generated;
use crate::GeneratedFile;

/// What [`write_files`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files created or rewritten.
    pub written: Vec<PathBuf>,
    /// Files left alone because their content was already right.
    pub unchanged: usize,
    /// Stale generated files that were removed.
    pub removed: Vec<PathBuf>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `contents` to `path` unless it already holds exactly that. Returns whether it wrote.
pub fn write_if_changed(path: &Path, contents: &str) -> Result<bool> {
    if std::fs::read(path).ok().as_deref() == Some(contents.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_err(parent))?;
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{file_name}.codegen-tmp"));
    std::fs::write(&tmp, contents).map_err(io_err(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io_err(path))?;
    Ok(true)
}

/// Writes `files` under `dir`, then removes files under `dir` that carry the `@generated`
/// header but were not produced this time (a resource that left the schema).
pub fn write_files(dir: &Path, files: &[GeneratedFile]) -> Result<WriteSummary> {
    use rayon::prelude::*;
    let mut summary = WriteSummary::default();
    let mut produced = BTreeSet::new();
    // File system calls overlap well: on several threads (results kept in file order).
    let results: Vec<(PathBuf, Result<bool>)> = files
        .par_iter()
        .map(|f| {
            let path = dir.join(&f.path);
            let wrote = write_if_changed(&path, &f.contents);
            (path, wrote)
        })
        .collect();
    for (path, wrote) in results {
        if wrote? {
            summary.written.push(path.clone());
        } else {
            summary.unchanged += 1;
        }
        produced.insert(path);
    }
    let mut stale = Vec::new();
    find_generated(dir, &mut stale)?;
    for path in stale {
        if !produced.contains(&path) {
            std::fs::remove_file(&path).map_err(io_err(&path))?;
            summary.removed.push(path);
        }
    }
    Ok(summary)
}

/// Generated `.rs` and `Cargo.toml` files under `dir`, skipping `target` and hidden directories.
fn find_generated(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err(dir)(e)),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() {
            if name != "target" && !name.starts_with('.') {
                find_generated(&path, out)?;
            }
        } else if name.ends_with(".rs") || name == "Cargo.toml" {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if is_generated(&text) {
                out.push(path);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_changes_and_removes_stale_generated_files() -> Result<()> {
        let dir = tempfile::tempdir().map_err(io_err(Path::new("tmp")))?;
        let gen = |p: &str| GeneratedFile {
            path: p.into(),
            contents: format!("{}\n// {p}\n", crate::render::HEADER),
        };
        let s = write_files(dir.path(), &[gen("src/a.rs"), gen("src/b.rs")])?;
        assert_eq!(s.written.len(), 2);
        std::fs::write(dir.path().join("src/mine.rs"), "// hand-written\n")
            .map_err(io_err(dir.path()))?;
        let s = write_files(dir.path(), &[gen("src/a.rs")])?;
        assert_eq!((s.written.len(), s.unchanged, s.removed.len()), (0, 1, 1));
        assert!(dir.path().join("src/mine.rs").exists());
        assert!(!dir.path().join("src/b.rs").exists());
        Ok(())
    }
}
